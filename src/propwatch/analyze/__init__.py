"""Analysis: a pipeline of small named stages that add to each ``Message``."""

from propwatch.analyze.pipeline import DEFAULT_PIPELINE, Pipeline, Stage, get_stage, register

__all__ = ["DEFAULT_PIPELINE", "Pipeline", "Stage", "get_stage", "register"]
