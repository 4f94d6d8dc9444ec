"""Suite ``coref``: actor clusters and cross-document event coreference against ECB+.

The actors stage links mentions by giving them the same canonical ``name`` (pronouns
included when resolved); mentions with the same name form one predicted cluster. Scoring is
on the gold PARTICIPANT mentions only: each takes the cluster of the actor mention that
overlaps it most (none: a singleton); gold clusters are restricted to the document's
participant mentions, unclustered mentions are singletons. Reported: MUC, B3 and CEAFe
(entity) summed over documents, ``conll_f1`` their mean F1, and ``b3_f1``.

Events (``event_conll_f1``, ``event_b3_f1``, issue 6): the documents of each ECB+ topic are
fused together (``tacitus.fusion.fuse``; ECB+ gives no publication dates, so events are
dated only by the dates their texts name). Scored on the gold ACTION mentions our events
align with (an event trigger overlaps them; ``event_mentions_aligned`` is their share of all
action mentions): each takes its event's incident; gold clusters (within and across
documents) restricted to those mentions; MUC, B3 and CEAFe summed over topics. Using the
gold topics is the usual "gold topic" setting of ECB+ studies. ``event_duplicate_share``:
the share of the fused (asserted) events that repeat another event of their incident.
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
from tacitus.evaluation.metrics import Cluster, CorefCounts, overlap_size, safe_div
from tacitus.fusion import fuse
from tacitus.model import Actor, Article, ArticleRecord


class Mention(GoldSpan):
    id: str
    kind: str


class GoldCluster(Gold):
    id: str
    mention_ids: list[str]


class CorefRecord(Gold):
    id: str
    topic: int | None = None
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
    by_topic: dict[int | None, list[tuple[CorefRecord, ArticleRecord]]] = defaultdict(list)
    for g, record in zip(gold, ctx.records(articles, path.stem), strict=True):
        participants = [m for m in g.mentions if m.kind == "participant"]
        ids = [m.id for m in participants]
        key = [frozenset(c.mention_ids) for c in g.clusters]
        mapper = SpanMapper(g.text, record.text, record.removed)
        counts.add_document(key, response_clusters(participants, record.actors, mapper), ids)
        by_topic[g.topic].append((g, record))
    events = CorefCounts()
    aligned = actions = fused = incidents = 0
    for topic in sorted(by_topic, key=lambda t: (t is None, t or 0)):
        pairs = by_topic[topic]
        fusion = fuse(r for _, r in pairs)
        incident_of = fusion.incident_of
        fused += len(incident_of)
        incidents += len(fusion.incidents)
        response: dict[str, set[str]] = defaultdict(set)
        for g, record in pairs:
            mapper = SpanMapper(g.text, record.text, record.removed)
            triggers = [(e.evidence.trigger.start, e.evidence.trigger.end, e.id)
                        for e in record.events if e.id in incident_of]  # fmt: skip
            for m in g.mentions:
                if m.kind != "action":
                    continue
                actions += 1
                span = mapper(m.start, m.end)
                best = max(
                    ((overlap_size(span, (s, e)), i) for s, e, i in triggers if span),
                    default=(0, ""),
                )
                if best[0] > 0:
                    response[incident_of[best[1]]].add(m.id)
        mentions = sorted(m for ids in response.values() for m in ids)
        by_cluster: dict[str, set[str]] = defaultdict(set)
        for g, _ in pairs:
            for c in g.clusters:
                by_cluster[c.id].update(c.mention_ids)  # a cross-document cluster id recurs
        events.add_document(
            [frozenset(v) for v in by_cluster.values()],
            [frozenset(v) for v in response.values()],
            mentions,
        )
        aligned += len(mentions)
    return SuiteResult(
        n=len(gold),
        total=total,
        metrics={
            "conll_f1": counts.conll_f1,
            "b3_f1": counts.b3_f1,
            "event_conll_f1": events.conll_f1,
            "event_b3_f1": events.b3_f1,
            "event_mentions_aligned": safe_div(aligned, actions),
            "event_duplicate_share": safe_div(fused - incidents, fused),
        },
    )
