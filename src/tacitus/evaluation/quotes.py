"""Suite ``quotes``: attributed quotations against PolNeAR attribution relations.

Matching is by character OVERLAP (not exact spans), one-to-one, largest overlap first:

``content_f1``: the pipeline's quote contents (``record.quotes``) against the gold content
spans. PolNeAR marks indirect speech and beliefs too, while Tacitus extracts quotes, so recall
is bounded well below 1.
``source_f1``: a predicted quote is right about its source when its content matched a gold
attribution that has a source and its speaker mention overlaps that source span. Precision is
over predicted quotes with a speaker, recall over gold attributions with a source.
``source_f1_direct`` / ``source_f1_indirect``: the same for direct quotes (a gold content
that opens or closes at a quotation mark; Tacitus' ``kind == "direct"``) and for the rest
(indirect speech, beliefs, "according to"), each over its own predictions and gold.
"""

from __future__ import annotations

import re
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
# a double quotation mark; typewriter and Penn Treebank text (the NYT's) type it as "''" or "``"
_MARK = re.compile(r"''|``|[\"\u201c\u201d\u00ab\u00bb]")


class Attribution(Gold):
    source: GoldSpan | None = None
    cue: GoldSpan | None = None
    content: GoldSpan


class QuoteRecord(Gold):
    id: str
    text: str
    attributions: list[Attribution] = Field(default_factory=list)


def gold_is_direct(text: str, content: GoldSpan) -> bool:
    """A gold content in quotation marks: one opens or closes right at its edge."""
    return _mark_in(text, content.start - 2, content.start + 1) or _mark_in(
        text, content.end - 1, content.end + 2
    )


def _mark_in(text: str, lo: int, hi: int) -> bool:
    """Whether a quotation mark has a character in ``text[lo:hi]``: a two-character one
    counts when either of its characters does (`'' We`: a space before the content)."""
    lo = max(0, lo)
    return any(
        m.end() > lo and m.start() < hi for m in _MARK.finditer(text, max(0, lo - 1), hi + 1)
    )


def quote_counts(
    attributions: list[Attribution],
    quotes: list[Quote],
    mapper: SpanMapper,
    kind: str | None = None,
    text: str = "",
) -> tuple[PRF, PRF]:
    """(content, source) counts for one document; with ``kind`` ("direct" or "indirect"),
    source counts for that kind only (``text``: the gold text, which tells the gold kind)."""
    gold_content = [mapper(a.content.start, a.content.end) or NOWHERE for a in attributions]
    pred_content = [(q.start, q.end) for q in quotes]
    pairs = match_spans(gold_content, pred_content)
    content = PRF(tp=len(pairs), fp=len(quotes) - len(pairs), fn=len(attributions) - len(pairs))

    def gold_kind(a: Attribution) -> bool:
        return kind is None or (gold_is_direct(text, a.content) == (kind == "direct"))

    def pred_kind(q: Quote) -> bool:
        return kind is None or q.kind == kind

    right = 0
    for gi, pi in pairs:
        source, speaker = attributions[gi].source, quotes[pi].speaker
        if source is None or speaker is None:
            continue
        if not (gold_kind(attributions[gi]) and pred_kind(quotes[pi])):
            continue
        gold_span = mapper(source.start, source.end)
        right += gold_span is not None and overlaps(gold_span, (speaker.start, speaker.end))
    with_speaker = sum(1 for q in quotes if q.speaker is not None and pred_kind(q))
    with_source = sum(1 for a in attributions if a.source is not None and gold_kind(a))
    return content, PRF(tp=right, fp=with_speaker - right, fn=with_source - right)


def score_file(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    gold, total = read_gold(path, QuoteRecord, cap)
    articles = [Article(id=g.id, text=g.text) for g in gold]
    content, source = PRF(), PRF()
    by_kind = {"direct": PRF(), "indirect": PRF()}
    for g, record in zip(gold, ctx.records(articles, path.stem), strict=True):
        mapper = SpanMapper(g.text, record.text, record.removed)
        c, s = quote_counts(g.attributions, record.quotes, mapper)
        content.add(c.tp, c.fp, c.fn)
        source.add(s.tp, s.fp, s.fn)
        for kind, counts in by_kind.items():
            _, k = quote_counts(g.attributions, record.quotes, mapper, kind, g.text)
            counts.add(k.tp, k.fp, k.fn)
    metrics = {"source_f1": source.f1, "content_f1": content.f1}
    metrics |= {f"source_f1_{kind}": counts.f1 for kind, counts in by_kind.items()}
    return SuiteResult(n=len(gold), total=total, metrics=metrics)
