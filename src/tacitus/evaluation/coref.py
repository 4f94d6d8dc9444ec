"""Suite ``coref``: within-document actor clusters against ECB+ participant coreference.

The actors stage links mentions by giving them the same canonical ``name`` (pronouns
included when resolved); mentions with the same name form one predicted cluster. Scoring is
on the gold PARTICIPANT mentions only: each takes the cluster of the actor mention that
overlaps it most (none: a singleton); gold clusters are restricted to the document's
participant mentions, unclustered mentions are singletons. Reported: MUC, B3 and CEAFe
(entity) summed over documents, ``conll_f1`` their mean F1, and ``b3_f1``.
"""

from __future__ import annotations

from collections import defaultdict
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
from tacitus.evaluation.metrics import Cluster, CorefCounts, overlap_size
from tacitus.model import Actor, Article


class Mention(GoldSpan):
    id: str
    kind: str


class GoldCluster(Gold):
    id: str
    mention_ids: list[str]


class CorefRecord(Gold):
    id: str
    text: str
    mentions: list[Mention] = Field(default_factory=list)
    clusters: list[GoldCluster] = Field(default_factory=list)


def response_clusters(
    mentions: list[Mention], actors: list[Actor], mapper: SpanMapper
) -> list[Cluster]:
    """Gold mention ids grouped by the name of the actor mention that covers them."""
    groups: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        span = mapper(m.start, m.end)
        if span is None:
            continue
        best, best_size = None, 0
        for actor in actors:
            size = overlap_size(span, (actor.start, actor.end))
            if size > best_size:
                best, best_size = actor, size
        if best is not None:
            key = best.name or f"@{best.start}"  # an unnamed mention is its own entity
            groups[key].add(m.id)
    return [frozenset(g) for g in groups.values()]


def score_file(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    gold, total = read_gold(path, CorefRecord, cap)
    articles = [Article(id=g.id, text=g.text) for g in gold]
    counts = CorefCounts()
    for g, record in zip(gold, ctx.records(articles, path.stem), strict=True):
        participants = [m for m in g.mentions if m.kind == "participant"]
        ids = [m.id for m in participants]
        key = [frozenset(c.mention_ids) for c in g.clusters]
        mapper = SpanMapper(g.text, record.text, record.removed)
        counts.add_document(key, response_clusters(participants, record.actors, mapper), ids)
    return SuiteResult(
        n=len(gold), total=total, metrics={"conll_f1": counts.conll_f1, "b3_f1": counts.b3_f1}
    )
