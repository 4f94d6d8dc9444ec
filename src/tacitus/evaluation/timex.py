"""Suite ``time``: normalisation of time expressions against TimeML gold.

Scored: gold timexes of type DATE whose value has a precision Tacitus represents (day
``1998-08-07``, weekend ``1990-W32-WE``, week ``1998-W32``, month ``1998-08``, quarter
``1989-Q3``, half ``1990-H1``, season ``1998-SU``, year ``1998``, decade ``197``, century
``19``, and ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``). Left out (n counts what was
scored): underspecified values ("1989-QX", "1998-WXX", "199X"), times of day
("2000-01-05TEV") and durations ("P1D"): 32 of TimeBank's 1,016 DATE values, 49 of AQUAINT's 489.

``value_acc_gold_spans``: ``tacitus.stages.dates.normalize_spans`` on the gold spans of the parsed
document: each normalised with the tense of its clause and the (Tacitus-normalised) gold span
before it as the point "a year earlier" counts from, as the pipeline does with the expressions
it finds; correct when the value equals the gold value (same precision, same value).
``value_acc_gold_spans_alone``: ``normalize_timex(text, dct)`` on each span with no context.
``value_f1_end_to_end``: the Document's ``dates`` (those with a span) against the scored gold
timexes: a true positive overlaps a gold span and has its value; predictions that overlap a
gold timex we do not score (durations, quarters ...) are ignored, others are false positives.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from tacitus.evaluation.base import (
    Context,
    Gold,
    GoldSpan,
    SpanMapper,
    SuiteResult,
    parse_date,
    read_gold,
)
from tacitus.evaluation.metrics import PRF, match_spans, overlaps, safe_div, timex_precision
from tacitus.model import Article, EventDate


class Timex(GoldSpan):
    type: str
    value: str


class TimeRecord(Gold):
    id: str
    text: str
    dct: str
    timexes: list[Timex] = Field(default_factory=list)


def scored(timex: Timex) -> bool:
    return timex.type == "DATE" and timex_precision(timex.value) is not None


def same_value(gold: str, predicted: EventDate | None) -> bool:
    return predicted is not None and predicted.value == gold


def end_to_end_counts(
    timexes: list[Timex], dates: list[EventDate], mapper: SpanMapper | None = None
) -> PRF:
    """Counts for one document (see the module docstring); ``mapper`` moves gold spans."""
    gold: list[tuple[tuple[int, int], str]] = []
    other: list[tuple[int, int]] = []
    missing = 0
    for t in timexes:
        span = mapper(t.start, t.end) if mapper else t.pair
        if span is None:
            missing += scored(t)
        elif scored(t):
            gold.append((span, t.value))
        else:
            other.append(span)
    preds = [
        d
        for d in dates
        if d.start is not None
        and d.end is not None
        and not any(overlaps((d.start, d.end), o) for o in other)
    ]
    spans = [(d.start or 0, d.end or 0) for d in preds]
    pairs = match_spans([span for span, _ in gold], spans)
    tp = sum(1 for gi, pi in pairs if same_value(gold[gi][1], preds[pi]))
    return PRF(tp=tp, fp=len(preds) - tp, fn=len(gold) + missing - tp)


def score_file(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    normalize = ctx.function("dates", "normalize_timex")
    normalize_spans = ctx.function("dates", "normalize_spans")
    gold, total = read_gold(path, TimeRecord, cap)
    metrics: dict[str, float] = {}
    ok = ok_alone = n = 0
    counts = PRF()
    articles = [Article(id=g.id, text=g.text, published=parse_date(g.dct)) for g in gold]
    for g, doc in zip(gold, ctx.documents(articles, path.stem), strict=True):
        dct = parse_date(g.dct) or dt.date.today()
        mapper = SpanMapper(g.text, doc.text, doc.removed)
        timexes = [t for t in g.timexes if scored(t)]
        spans = [mapper(t.start, t.end) for t in timexes]
        mapped = [i for i, span in enumerate(spans) if span is not None]
        in_context = normalize_spans(doc.spacy, doc.text, [spans[i] for i in mapped], dct)
        by_index = dict(zip(mapped, in_context, strict=True))
        for i, t in enumerate(timexes):
            n += 1
            alone = normalize(t.text, dct)
            ok_alone += same_value(t.value, alone)
            # a span cleaning removed has no context: it is normalised alone
            ok += same_value(t.value, by_index.get(i, alone))
        c = end_to_end_counts(g.timexes, doc.dates, mapper)
        counts.add(c.tp, c.fp, c.fn)
    metrics["value_acc_gold_spans"] = safe_div(ok, n)
    metrics["value_acc_gold_spans_alone"] = safe_div(ok_alone, n)
    metrics["value_f1_end_to_end"] = counts.f1
    return SuiteResult(n=len(gold), total=total, metrics=metrics)
