"""Stage `quotes`: PLACEHOLDER being written this session (replace this whole module)."""

from __future__ import annotations

from tacitus.model import Document
from tacitus.stages.registry import StageFn, stage


@stage("quotes", reads=("spacy",), writes=())
def make_quotes() -> StageFn:
    def run(doc: Document) -> None:
        return None

    return run
