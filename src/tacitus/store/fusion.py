"""Keeping a store's near-duplicate groups and incidents up to date, incrementally.

An article is *fused* once it has a row in ``duplicates``. ``update_fusion`` takes the
articles not fused yet (and what ``Store.write`` marked in ``fusion_dirty`` when it replaced
an article) and recomputes only what they can change:

* groups: the new articles' MinHash band keys meet the stored ones in ``signature_bands``;
  the groups of the articles they meet are regrouped with them;
* incidents: the stored asserted events of the same PLOVER type whose dates can overlap the
  new events' are the candidates; the incidents of those a new event links to (and the dirty
  ones) are recomputed together with the new events, and only they are rewritten.

Links depend only on the two events, so this gives exactly the incidents that fusing every
stored article at once gives (``tacitus.fusion.fuse``), whatever the order of ingestion.
Articles are fused in chunks of ``CHUNK`` per transaction: an interrupted update loses
nothing, the next one carries on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np

from tacitus.fusion.duplicates import DuplicateIndex, band_keys, outlet, signature
from tacitus.fusion.incidents import (
    PUBLICATION_DAYS,
    EventFeatures,
    IncidentIndex,
    Report,
    article_names,
    features,
    merge,
)
from tacitus.model import Event, Incident, date_bounds
from tacitus.store import schema

if TYPE_CHECKING:
    from tacitus.store.db import Store

CHUNK = 2000
_PAD_DAYS = PUBLICATION_DAYS + 2


@dataclass(frozen=True)
class FusionUpdate:
    articles: int  # articles fused by this update
    incidents: int  # incidents written (new or changed)


@dataclass(frozen=True)
class _Article:
    text: str
    published: dt.date | None
    outlet: str  # the outlet, or the duplicate group of an article that names none
    names: frozenset[str]  # ``article_names(text)``


def pending_articles(store: Store) -> list[str]:
    rows = store.con.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM duplicates) ORDER BY id"
    ).fetchall()
    return [r[0] for r in rows]


def update_fusion(store: Store) -> FusionUpdate:
    """Fuse every article not fused yet; see the module docstring."""
    pending = pending_articles(store)
    dirty = store.con.execute("SELECT count(*) FROM fusion_dirty").fetchone()
    if not pending and not (dirty and dirty[0]):
        return FusionUpdate(0, 0)
    written = 0
    for i in range(0, max(len(pending), 1), CHUNK):
        chunk = pending[i : i + CHUNK]
        store.con.execute("BEGIN TRANSACTION")
        try:
            groups, incidents = _dirty(store)
            _update_groups(store, chunk, groups)
            written += _update_incidents(store, chunk, incidents)
            store.con.execute("DELETE FROM fusion_dirty")
            store.con.execute("COMMIT")
        except (duckdb.Error, ValueError):
            store.con.execute("ROLLBACK")
            raise
    return FusionUpdate(len(pending), written)


def _dirty(store: Store) -> tuple[list[str], list[str]]:
    rows = store.con.execute("SELECT DISTINCT kind, key FROM fusion_dirty").fetchall()
    return [k for kind, k in rows if kind == "group"], [k for kind, k in rows if kind == "incident"]


def _ids(rows: Iterable[tuple[Any, ...]]) -> list[str]:
    return sorted({str(r[0]) for r in rows})


# --- groups ---------------------------------------------------------------------------


def _update_groups(store: Store, new: list[str], dirty: list[str]) -> None:
    con = store.con
    info = {
        r[0]: (r[1], outlet(r[2], r[3]))
        for r in con.execute(
            "SELECT id, text, source, url FROM articles WHERE id IN (SELECT UNNEST(?))", [new]
        ).fetchall()
    }
    sigs = {a: signature(info[a][0]) for a in new}
    keys = {a: band_keys(sig) for a, sig in sigs.items()}
    band_articles = [a for a in new for _ in keys[a]]
    bands = [b for a in new for b in range(len(keys[a]))]
    band_values = [k for a in new for k in keys[a]]
    if new:
        _insert(store, "signatures", [new, [sigs[a].tolist() for a in new]])
        _insert(store, "signature_bands", [band_articles, bands, band_values])
    met = _ids(
        con.execute(
            "SELECT DISTINCT s.article_id FROM signature_bands s JOIN "
            "(SELECT UNNEST(?::INTEGER[]) AS band, UNNEST(?::BIGINT[]) AS band_key) k "
            "USING (band, band_key) WHERE s.article_id NOT IN (SELECT UNNEST(?::VARCHAR[]))",
            [bands, band_values, new],
        ).fetchall()
    )
    touched = _ids(
        con.execute(
            "SELECT DISTINCT group_id FROM duplicates WHERE article_id IN (SELECT UNNEST(?)) "
            "UNION SELECT UNNEST(?::VARCHAR[])",
            [met, dirty],
        ).fetchall()
    )
    members = _ids(
        con.execute(
            "SELECT article_id FROM duplicates WHERE group_id IN (SELECT UNNEST(?))", [touched]
        ).fetchall()
    )
    old = [a for a in members if a not in sigs]
    for a, sig, src, url in con.execute(
        "SELECT s.article_id, s.minhash, a.source, a.url FROM signatures s "
        "JOIN articles a ON a.id = s.article_id WHERE s.article_id IN (SELECT UNNEST(?))",
        [old],
    ).fetchall():
        sigs[a] = np.asarray(sig, dtype=np.uint64)
        info[a] = ("", outlet(src, url))
    index = DuplicateIndex()
    for a in sorted(sigs):
        index.add_signature(a, sigs[a], info[a][1])
    regrouped = sorted(sigs)
    con.execute("DELETE FROM duplicates WHERE article_id IN (SELECT UNNEST(?))", [regrouped])
    groups = [index.group_of(a) for a in regrouped]
    _insert(store, "duplicates", [regrouped, groups, [info[a][1] for a in regrouped]])


def _insert(store: Store, table: str, columns: Sequence[Sequence[Any]]) -> None:
    """Insert rows given column by column (``schema.insert_sql``)."""
    if columns and len(columns[0]):
        store.con.execute(schema.insert_sql(table), [list(c) for c in columns])


# --- incidents ------------------------------------------------------------------------


def _articles(store: Store, ids: Sequence[str]) -> dict[str, _Article]:
    rows = store.con.execute(
        "SELECT a.id, a.text, a.published, d.outlet, d.group_id FROM articles a "
        "JOIN duplicates d ON d.article_id = a.id WHERE a.id IN (SELECT UNNEST(?))",
        [list(ids)],
    ).fetchall()
    return {r[0]: _Article(r[1], r[2], r[3] or r[4], article_names(r[1])) for r in rows}


def _asserted(store: Store, condition: str, params: Sequence[Any]) -> list[Event]:
    rows = store._dicts(
        f"SELECT e.* FROM events e WHERE e.modality = 'asserted' AND ({condition})", params
    )
    return store.events_from_rows(rows)


def _features(
    events: Sequence[Event], articles: dict[str, _Article], known: dict[str, EventFeatures]
) -> list[EventFeatures]:
    """The events' features, each computed once (``known``: those computed so far)."""
    out = []
    for e in events:
        if e.id not in known:
            a = articles[e.article_id]
            known[e.id] = features(e, a.text, a.published, a.names)
        out.append(known[e.id])
    return out


def _more_articles(store: Store, articles: dict[str, _Article], events: Iterable[Event]) -> None:
    """Add to ``articles`` those of ``events`` it lacks."""
    articles.update(_articles(store, sorted({e.article_id for e in events} - set(articles))))


def _candidates(store: Store, new: list[str], fresh: Sequence[EventFeatures]) -> list[Event]:
    """Stored asserted events (not of ``new`` articles) whose dates may meet ``fresh``'s."""
    spans: dict[str, tuple[int, int]] = {}
    undated: set[str] = set()
    for f in fresh:
        if f.first is None or f.last is None:
            undated.add(f.plover_type)
            continue
        lo, hi = spans.get(f.plover_type, (f.first, f.last))
        spans[f.plover_type] = (min(lo, f.first), max(hi, f.last))
    found: list[Event] = []
    for kind, (lo, hi) in sorted(spans.items()):
        found.extend(
            _asserted(
                store,
                "e.plover_type = ? AND e.article_id NOT IN (SELECT UNNEST(?::VARCHAR[])) AND "
                "e.article_id IN (SELECT article_id FROM duplicates) AND "
                "coalesce(e.date_max, (SELECT published FROM articles WHERE id = e.article_id))"
                " >= ? AND coalesce(e.date_min, (SELECT published FROM articles WHERE id = "
                "e.article_id)) <= ?",
                [
                    kind,
                    new,
                    dt.date.fromordinal(lo) - dt.timedelta(days=_PAD_DAYS),
                    dt.date.fromordinal(hi) + dt.timedelta(days=_PAD_DAYS),
                ],
            )
        )
    for kind in sorted(undated):
        found.extend(
            _asserted(
                store,
                "e.plover_type = ? AND e.article_id NOT IN (SELECT UNNEST(?::VARCHAR[])) AND "
                "e.article_id IN (SELECT article_id FROM duplicates) AND e.date_min IS NULL AND "
                "(SELECT published FROM articles WHERE id = e.article_id) IS NULL",
                [kind, new],
            )
        )
    return found


def _update_incidents(store: Store, new: list[str], dirty: list[str]) -> int:
    con = store.con
    fresh_events = _asserted(store, "e.article_id IN (SELECT UNNEST(?::VARCHAR[]))", [new])
    articles = _articles(store, new)
    known: dict[str, EventFeatures] = {}
    fresh = _features(fresh_events, articles, known)
    candidates = _candidates(store, new, fresh)
    _more_articles(store, articles, candidates)
    probe = IncidentIndex()
    stored = {e.id for e in candidates}
    for f in _features(candidates, articles, known):
        probe.add(f)
    met: set[str] = set()
    for f in fresh:
        met.update(o for o in probe.add(f) if o in stored)
    touched = _ids(
        con.execute(
            "SELECT DISTINCT incident_id FROM incident_events WHERE event_id IN (SELECT UNNEST(?))"
            " UNION SELECT UNNEST(?::VARCHAR[])",
            [sorted(met), dirty],
        ).fetchall()
    )
    members = _asserted(
        store,
        "e.id IN (SELECT event_id FROM incident_events WHERE incident_id IN "
        "(SELECT UNNEST(?::VARCHAR[]))) AND e.article_id NOT IN (SELECT UNNEST(?::VARCHAR[]))",
        [touched, new],
    )
    everything = {e.id: e for e in (*members, *fresh_events)}
    _more_articles(store, articles, members)
    index = IncidentIndex()
    by_id = {f.event_id: f for f in _features(list(everything.values()), articles, known)}
    for event_id in sorted(by_id):
        index.add(by_id[event_id])
    incidents = []
    for component in index.components():
        reports = []
        for event_id in component:
            e = everything[event_id]
            a = articles[e.article_id]
            reports.append(Report(e, a.published, a.outlet))
        incidents.append(merge(reports))
    for table, key in (
        ("incidents", "id"),
        ("incident_events", "incident_id"),
        ("incident_disagreements", "incident_id"),
    ):
        con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT UNNEST(?))", [touched])
    # an incident that now has a new id replaces rows under its members' old ids
    con.execute(
        "DELETE FROM incident_events WHERE event_id IN (SELECT UNNEST(?))", [sorted(everything)]
    )
    write_incidents(store, incidents, {e.id: e.article_id for e in everything.values()})
    return len(incidents)


def write_incidents(
    store: Store, incidents: Sequence[Incident], article_of: dict[str, str]
) -> None:
    """Insert incidents with their events (``article_of``: event id -> article id) and
    disagreements."""
    if not incidents:
        return
    rows = []
    for inc in incidents:
        d, loc = inc.date, inc.location
        first, last = date_bounds(d.value) if d is not None else (None, None)
        rows.append(
            (
                inc.id, inc.plover_type, inc.cameo_root,
                d.value if d else None, d.precision if d else None, first, last,
                loc.name if loc else None, loc.country if loc else None,
                loc.admin1 if loc else None, loc.lat if loc else None,
                loc.lon if loc else None, loc.precision if loc else None,
                len(inc.events), inc.n_articles, inc.n_sources, len(inc.disagreements),
                inc.first_reported, inc.last_reported, inc.model_dump_json(),
            )
        )  # fmt: skip
    members = [(inc.id, e, article_of[e]) for inc in incidents for e in inc.events]
    claims = [
        (inc.id, d.field, i, c.value, c.text, c.article_ids)
        for inc in incidents
        for d in inc.disagreements
        for i, c in enumerate(d.values)
    ]
    for table, table_rows in (
        ("incidents", rows),
        ("incident_events", members),
        ("incident_disagreements", claims),
    ):
        _insert(store, table, list(zip(*table_rows, strict=True)) if table_rows else [])
