"""Stage registry and pipeline runner.

A stage is a named, versioned function over a batch of messages that declares what it
``requires`` and what it ``assigns`` (field names such as ``"text"``, ``"norm_text"``,
``"language"``). A ``Pipeline`` is an ordered list of stage names, checked before any text runs:
a stage that needs a field no earlier stage assigns is refused with :class:`PipelineError`.
Built-in stages register themselves through the same :func:`register` a plugin would use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from propwatch.errors import PipelineError
from propwatch.model import Message

__all__ = [
    "BASE_FIELDS",
    "BASE_PIPELINE",
    "DEFAULT_PIPELINE",
    "Pipeline",
    "Stage",
    "get_stage",
    "register",
]

#: Fields every message has before any stage runs (from its ``RawItem``).
BASE_FIELDS = frozenset({"text", "title", "date", "channel", "raw", "provenance"})

#: The stages ``propwatch ingest`` runs, in order.
DEFAULT_PIPELINE: tuple[str, ...] = ("normalize", "language", "detect", "extract")
#: The spine alone, without detection (``propwatch ingest --no-detect``).
BASE_PIPELINE: tuple[str, ...] = ("normalize", "language")


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: str
    requires: frozenset[str]
    assigns: frozenset[str]
    run: Callable[[list[Message]], None]
    doc: str = ""


_REGISTRY: dict[str, Stage] = {}


def register(stage: Stage, *, replace: bool = False) -> Stage:
    """Add a stage to the registry (built-ins and plugins alike)."""
    if stage.name in _REGISTRY and not replace:
        raise PipelineError(f"a stage named {stage.name!r} is already registered")
    _REGISTRY[stage.name] = stage
    return stage


def get_stage(name: str) -> Stage:
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise PipelineError(f"unknown stage {name!r} (known: {known})") from None


def registered() -> dict[str, Stage]:
    _load_builtins()
    return dict(_REGISTRY)


def _load_builtins() -> None:
    # Imported lazily so that the registry module itself has no dependencies.
    import propwatch.analyze.stages  # noqa: F401


class Pipeline:
    """An ordered, validated list of stages."""

    def __init__(self, names: Sequence[str] = DEFAULT_PIPELINE) -> None:
        self.stages = [get_stage(name) for name in names]
        available = set(BASE_FIELDS)
        seen: set[str] = set()
        for stage in self.stages:
            if stage.name in seen:
                raise PipelineError(f"stage {stage.name!r} appears twice in the pipeline")
            seen.add(stage.name)
            missing = stage.requires - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage "
                    f"assigns (pipeline: {list(names)})"
                )
            available |= stage.assigns

    @property
    def components(self) -> list[str]:
        """``name@version`` of each stage, recorded with the results."""
        return [f"{stage.name}@{stage.version}" for stage in self.stages]

    def __call__(self, batch: list[Message]) -> list[Message]:
        for stage in self.stages:
            stage.run(batch)
            for message in batch:
                message.assigned |= stage.assigns
        return batch
