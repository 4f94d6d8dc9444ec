"""Suite ``quotes``: attributed quotations against PolNeAR attribution relations.

Matching is by character OVERLAP (not exact spans), one-to-one, largest overlap first:

``content_f1``: the pipeline's quote contents (``record.quotes``) against the gold content
spans. PolNeAR marks indirect speech and beliefs too, while Tacitus extracts quotes, so recall
is bounded well below 1.
``source_f1``: a predicted quote is right about its source when its content matched a gold
attribution that has a source and its speaker mention overlaps that source span. Precision is
over predicted quotes with a speaker, recall over gold attributions with a source.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from tacitus.evaluation.base import (
    Context,
    Gold,
    GoldSpan,
    SpanMapper,
    SuiteResult,
    read_gold,
)
from tacitus.evaluation.metrics import PRF, match_spans, overlaps
from tacitus.model import Article, Quote

NOWHERE = (-2, -1)  # a gold span that cleaning removed: it can match nothing


class Attribution(Gold):
    source: GoldSpan | None = None
    cue: GoldSpan | None = None
    content: GoldSpan


class QuoteRecord(Gold):
    id: str
    text: str
    attributions: list[Attribution] = Field(default_factory=list)


def quote_counts(
    attributions: list[Attribution], quotes: list[Quote], mapper: SpanMapper
) -> tuple[PRF, PRF]:
    """(content, source) counts for one document."""
    gold_content = [mapper(a.content.start, a.content.end) or NOWHERE for a in attributions]
    pred_content = [(q.start, q.end) for q in quotes]
    pairs = match_spans(gold_content, pred_content)
    content = PRF(tp=len(pairs), fp=len(quotes) - len(pairs), fn=len(attributions) - len(pairs))
    right = 0
    for gi, pi in pairs:
        source, speaker = attributions[gi].source, quotes[pi].speaker
        if source is None or speaker is None:
            continue
        gold_span = mapper(source.start, source.end)
        right += gold_span is not None and overlaps(gold_span, (speaker.start, speaker.end))
    with_speaker = sum(1 for q in quotes if q.speaker is not None)
    with_source = sum(1 for a in attributions if a.source is not None)
    return content, PRF(tp=right, fp=with_speaker - right, fn=with_source - right)


def score_file(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    gold, total = read_gold(path, QuoteRecord, cap)
    articles = [Article(id=g.id, text=g.text) for g in gold]
    content, source = PRF(), PRF()
    for g, record in zip(gold, ctx.records(articles, path.stem), strict=True):
        mapper = SpanMapper(g.text, record.text, record.removed)
        c, s = quote_counts(g.attributions, record.quotes, mapper)
        content.add(c.tp, c.fp, c.fn)
        source.add(s.tp, s.fp, s.fn)
    return SuiteResult(
        n=len(gold), total=total, metrics={"source_f1": source.f1, "content_f1": content.f1}
    )
