"""The stage registry: every pipeline component registers here by name.

A stage is registered as a *factory*: a function of no arguments that loads what the stage
needs (dictionaries, gazetteer) once and returns the callable that processes one Document.
The registration declares which Document fields the stage reads and writes, so a pipeline
can check its order before it runs anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tacitus.model import Document

StageFn = Callable[[Document], None]
StageFactory = Callable[[], StageFn]


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: StageFactory
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    needs_parse: bool


STAGES: dict[str, StageInfo] = {}


def stage(
    name: str, *, reads: tuple[str, ...], writes: tuple[str, ...], needs_parse: bool = True
) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under ``name``."""

    def register(factory: StageFactory) -> StageFactory:
        if name in STAGES:
            raise ValueError(f"stage {name!r} is registered twice")
        STAGES[name] = StageInfo(name, factory, reads, writes, needs_parse)
        return factory

    return register
