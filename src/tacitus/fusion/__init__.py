"""Fusion: near-duplicate articles grouped, the events of many reports fused into incidents.

``fuse(records)`` is the batch API; ``DuplicateIndex`` and ``IncidentIndex`` the incremental
ones the store uses. See docs/fusion.md for the rules and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tacitus.fusion.duplicates import DuplicateIndex, outlet
from tacitus.fusion.incidents import (
    IncidentIndex,
    Report,
    article_names,
    asserted_events,
    features,
    linked,
    merge,
)
from tacitus.model import ArticleRecord, DuplicateGroup, Incident

__all__ = [
    "DuplicateIndex",
    "Fusion",
    "IncidentIndex",
    "fuse",
    "linked",
]


@dataclass(frozen=True)
class Fusion:
    groups: list[DuplicateGroup]  # near-duplicate groups of two or more articles
    incidents: list[Incident]  # by id
    incident_of: dict[str, str]  # event id -> incident id (asserted events only)

    def duplicate_share(self) -> float:
        """Share of the fused events that repeat another event of their incident."""
        n = len(self.incident_of)
        return (n - len(self.incidents)) / n if n else 0.0


def fuse(records: Iterable[ArticleRecord]) -> Fusion:
    """Group near-duplicates and fuse the asserted events of ``records`` into incidents.

    The result does not depend on the order of ``records``; a repeated article id: the last
    record wins, as in ``Store.write``.
    """
    latest = {r.id: r for r in records}
    duplicates = DuplicateIndex()
    for r in latest.values():
        duplicates.add(r.id, r.text, outlet(r.source, r.url))
    index = IncidentIndex()
    reports: dict[str, Report] = {}
    for r in latest.values():
        source = outlet(r.source, r.url) or duplicates.group_of(r.id)
        names = article_names(r.text)
        for event in asserted_events(r):
            index.add(features(event, r.text, r.published, names))
            reports[event.id] = Report(event, r.published, source)
    incidents = [merge([reports[e] for e in members]) for members in index.components()]
    incident_of = {e: inc.id for inc in incidents for e in inc.events}
    return Fusion(duplicates.groups(), sorted(incidents, key=lambda i: i.id), incident_of)
