"""Stage `clean`: PLACEHOLDER being written this session (replace this whole module)."""

from __future__ import annotations

from tacitus.model import Document
from tacitus.stages.registry import StageFn, stage


@stage("clean", reads=("article",), writes=("text", "removed"), needs_parse=False)
def make_clean() -> StageFn:
    def run(doc: Document) -> None:
        doc.text = doc.article.text

    return run
