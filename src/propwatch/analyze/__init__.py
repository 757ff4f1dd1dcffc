"""Analysis: a pipeline of small named stages that add to each ``Message``."""

from propwatch.analyze.pipeline import (
    BASE_PIPELINE,
    DEFAULT_PIPELINE,
    Pipeline,
    Stage,
    get_stage,
    register,
)

__all__ = ["BASE_PIPELINE", "DEFAULT_PIPELINE", "Pipeline", "Stage", "get_stage", "register"]
