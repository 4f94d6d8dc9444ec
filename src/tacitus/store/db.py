"""The embedded DuckDB store: article records in, filtered events, summaries and exports out."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, TextIO, TypeVar

import duckdb

from tacitus.errors import Errors, TacitusError
from tacitus.model import Actor, ArticleInfo, ArticleRecord, Event, Incident, Quantity
from tacitus.store import schema
from tacitus.store.query import (
    Cursor,
    EventFilter,
    Page,
    check_sort,
    event_conditions,
    incident_conditions,
    sort_key_sql,
    where,
)
from tacitus.store.schema import RowDict

if TYPE_CHECKING:
    from tacitus.store.fusion import FusionUpdate

MEMORY = ":memory:"
R = TypeVar("R")
EXPORT_FORMATS = (
    "jsonl", "csv", "parquet", "gdelt-tsv", "gdelt-mentions", "plover-json", "acled-csv",
)  # fmt: skip
INCIDENT_EXPORT_FORMATS = ("jsonl", "csv", "parquet")  # the formats `--incidents` takes
_ID_CHUNK = 1000  # ids per lookup query
_PAGE = 1000  # events per page when streaming an export


# The number of distinct sources of the event ``e``: its incident's, 1 before it is fused.
_EVENT_SOURCES = (
    "coalesce((SELECT max(i.n_sources) FROM incident_events m JOIN incidents i "
    "ON i.id = m.incident_id WHERE m.event_id = e.id AND m.article_id = e.article_id), 1)"
)
INCIDENT_SORTS = ("date", "-date", "sources")


@dataclass(frozen=True)
class Membership:
    """The incident fusion put an event in."""

    incident_id: str
    n_articles: int
    n_sources: int


@dataclass(frozen=True)
class Stats:
    """Counts of matching events: ``total`` = ``day_dated`` + ``coarse`` (dated by week,
    month, year...) + ``undated``; ``by_day`` counts the day-dated ones."""

    total: int
    day_dated: int
    coarse: int
    undated: int
    by_day: list[tuple[dt.date, int]]
    by_type: list[tuple[str, int]]  # most first
    by_country: list[tuple[str, int]]  # ISO alpha-3 of the event location, most first


@dataclass(frozen=True)
class IncidentDetail:
    """An incident with its member events and the articles that report it."""

    incident: Incident
    events: list[Event]
    articles: list[ArticleInfo]


@dataclass(frozen=True)
class Summary:
    """What a database holds."""

    articles: int
    events: int
    quotes: int
    places: int
    by_type: list[tuple[str, int]]  # PLOVER type -> events, most first
    top_actors: list[tuple[str, int]]  # actor name -> events it takes part in, most first
    first_date: str | None  # earliest event date (ISO, at its precision)
    last_date: str | None


class Store:
    """One DuckDB database of article records. Use ``Store.open`` / ``open_existing``."""

    top_n: ClassVar[int] = 10

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    # --- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open a database, creating the file and the schema when they are new."""
        name = str(path)
        if name != MEMORY:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        con = _connect(name)
        store = cls(con, name)
        tables = store._tables()
        if not tables:
            store._create()
        else:
            store._check(tables)
        return store

    @classmethod
    def open_existing(cls, path: Path | str, *, read_only: bool = False) -> Store:
        """Open a database that ``tacitus ingest`` wrote; E012 if missing, E013 if foreign.
        ``read_only``: nothing can be written (the API's connections); other processes may
        read it at the same time, and a file of an older schema is E023, not migrated."""
        name = str(path)
        if name != MEMORY and not Path(name).is_file():
            raise TacitusError(Errors.E012, path=name)
        con = _connect(name, read_only=read_only and name != MEMORY)
        store = cls(con, name)
        store._check(store._tables(), migrate=not read_only)
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _tables(self) -> set[str]:
        rows = self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return {r[0] for r in rows}

    def _create(self) -> None:
        self.con.execute("BEGIN TRANSACTION")
        for statement in schema.ddl():
            self.con.execute(statement)
        self.con.execute(
            f"INSERT INTO {schema.META_TABLE} VALUES ('schema', ?), ('version', ?)",
            [schema.SCHEMA_NAME, schema.SCHEMA_VERSION],
        )
        self.con.execute("COMMIT")

    def _check(self, tables: set[str], *, migrate: bool = True) -> None:
        if schema.META_TABLE not in tables:
            self.close()
            raise TacitusError(Errors.E013, path=self.path, reason="it has no Tacitus tables")
        meta = dict(self.con.execute(f"SELECT key, value FROM {schema.META_TABLE}").fetchall())
        version = meta.get("version")
        if meta.get("schema") != schema.SCHEMA_NAME:
            self.close()
            raise TacitusError(Errors.E013, path=self.path, reason="no Tacitus schema entry")
        if version in schema.MIGRATES_FROM and migrate:
            self.con.execute("BEGIN TRANSACTION")
            for statement in schema.fusion_ddl():
                self.con.execute(statement)
            self.con.execute(
                f"UPDATE {schema.META_TABLE} SET value = ? WHERE key = 'version'",
                [schema.SCHEMA_VERSION],
            )
            self.con.execute("COMMIT")
        elif version in schema.MIGRATES_FROM:
            self.close()
            raise TacitusError(Errors.E037, path=self.path, version=version)
        elif version != schema.SCHEMA_VERSION:
            self.close()
            reason = f"schema version {version}, this Tacitus reads {schema.SCHEMA_VERSION}"
            raise TacitusError(Errors.E023, path=self.path, reason=reason)

    # --- writing -----------------------------------------------------------------------

    def write(self, records: Iterable[ArticleRecord]) -> int:
        """Store records in one transaction, replacing any stored under the same ids.

        Writing the same record twice leaves exactly the same rows. Returns the number of
        articles written. (A repeated id inside ``records``: the last one wins.)
        """
        latest = {r.id: r for r in records}
        if not latest:
            return 0
        rows = schema.rows_for(list(latest.values()))
        ids = list(latest)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._unfuse(ids)
            for table, key in schema.ARTICLE_KEY.items():
                self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT UNNEST(?))", [ids])
            for table in schema.TABLES:
                if rows.tables[table]:
                    self.con.execute(schema.insert_sql(table), rows.columns(table))
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise
        return len(latest)

    def delete(self, ids: Iterable[str]) -> None:
        """Remove articles and everything read from them."""
        id_list = list(ids)
        self.con.execute("BEGIN TRANSACTION")
        self._unfuse(id_list)
        for table, key in schema.ARTICLE_KEY.items():
            self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT UNNEST(?))", [id_list])
        self.con.execute("COMMIT")

    def _unfuse(self, ids: list[str]) -> None:
        """Mark what fusion made of these articles to be redone (inside a transaction)."""
        self.con.execute(
            "INSERT INTO fusion_dirty SELECT DISTINCT 'group', group_id FROM duplicates "
            "WHERE article_id IN (SELECT UNNEST(?))",
            [ids],
        )
        self.con.execute(
            "INSERT INTO fusion_dirty SELECT DISTINCT 'incident', incident_id "
            "FROM incident_events WHERE article_id IN (SELECT UNNEST(?))",
            [ids],
        )
        for table in ("duplicates", "signatures", "signature_bands"):
            self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT UNNEST(?))", [ids])

    def update_fusion(self) -> FusionUpdate:
        """Group and fuse the articles stored since the last update (see store/fusion.py)."""
        from tacitus.store.fusion import update_fusion

        return update_fusion(self)

    # --- reading -----------------------------------------------------------------------

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        """The given ids that are stored. Safe to call from another thread."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.con.cursor() as cur:
            for i in range(0, len(wanted), _ID_CHUNK):
                chunk = wanted[i : i + _ID_CHUNK]
                rows = cur.execute(
                    "SELECT id FROM articles WHERE id IN (SELECT UNNEST(?::VARCHAR[]))", [chunk]
                ).fetchall()
                found.update(r[0] for r in rows)
        return found

    def count(self, table: str) -> int:
        if table not in schema.TABLES:
            raise ValueError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]

    def read_record(self, article_id: str) -> ArticleRecord | None:
        """The stored record of one article, exactly as written; None if not stored."""
        found = self._dicts("SELECT * FROM articles WHERE id = ?", [article_id])
        if not found:
            return None
        art = found[0]
        key = [article_id]
        actors = self._dicts(
            "SELECT * FROM actors WHERE article_id = ? ORDER BY role, ordinal", key
        )
        quantities = self._dicts(
            "SELECT * FROM quantities WHERE article_id = ? ORDER BY ordinal", key
        )
        mentions = [schema.actor_from_row(a) for a in actors if a["role"] == "mention"]
        speakers = {
            a["quote_ordinal"]: schema.actor_from_row(a) for a in actors if a["role"] == "speaker"
        }
        events = self._events_with_parts(
            self._dicts("SELECT * FROM events WHERE article_id = ? ORDER BY ordinal", key),
            actors,
            quantities,
        )
        return ArticleRecord(
            id=art["id"],
            url=art["url"],
            source=art["source"],
            title=art["title"],
            published=art["published"],
            text=art["text"],
            removed=[
                schema.removal_from_row(r)
                for r in self._dicts(
                    "SELECT * FROM removals WHERE article_id = ? ORDER BY ordinal", key
                )
            ],
            events=events,
            quotes=[
                schema.quote_from_row(q, speakers.get(q["ordinal"]))
                for q in self._dicts(
                    "SELECT * FROM quotes WHERE article_id = ? ORDER BY ordinal", key
                )
            ],
            places=[
                schema.place_from_row(p)
                for p in self._dicts(
                    "SELECT * FROM places WHERE article_id = ? ORDER BY ordinal", key
                )
            ],
            actors=mentions,
            quantities=[
                schema.quantity_from_row(q) for q in quantities if q["event_ordinal"] is None
            ],
        )

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def _events_with_parts(
        self,
        events: Sequence[RowDict],
        actors: Sequence[RowDict],
        quantities: Sequence[RowDict],
    ) -> list[Event]:
        """Events from their rows plus the actor and quantity rows that belong to them."""
        parts: dict[tuple[str, int, str], list[Actor]] = defaultdict(list)
        for a in sorted(actors, key=lambda r: r["ordinal"]):
            if a["event_ordinal"] is not None:
                parts[(a["article_id"], a["event_ordinal"], a["role"])].append(
                    schema.actor_from_row(a)
                )
        counts: dict[tuple[str, int], list[Quantity]] = defaultdict(list)
        for q in sorted(quantities, key=lambda r: r["ordinal"]):
            if q["event_ordinal"] is not None:
                counts[(q["article_id"], q["event_ordinal"])].append(schema.quantity_from_row(q))
        result = []
        for e in events:
            key = (e["article_id"], e["ordinal"])
            result.append(
                schema.event_from_row(
                    e,
                    parts.get((*key, "actor"), []),
                    parts.get((*key, "recipient"), []),
                    counts.get(key, []),
                    next(iter(parts.get((*key, "attribution"), [])), None),
                )
            )
        return result

    # --- events ------------------------------------------------------------------------

    def query_events(self, flt: EventFilter | None = None) -> list[Event]:
        """Stored events matching the filter, ordered by date (undated last), then id."""
        flt = flt or EventFilter()
        clauses, params = event_conditions(flt)
        sql = (
            f"SELECT e.* FROM events e {where(clauses)} "
            "ORDER BY e.date_min NULLS LAST, e.date_value, e.id, e.article_id, e.ordinal"
        )
        sql += _window(flt)
        return self.events_from_rows(self._dicts(sql, params))

    def events_page(
        self,
        flt: EventFilter | None = None,
        *,
        sort: str = "date",
        cursor: str | None = None,
        limit: int = 100,
        option: str = "--cursor",
    ) -> Page[Event]:
        """One keyset page of the matching events in the ``sort`` order (see
        ``tacitus.store.query``); ``cursor`` is the previous page's ``next_cursor``."""
        flt = flt or EventFilter()
        sort = check_sort(sort, "sort")
        clauses, params = event_conditions(flt)
        rows, next_cursor, total = self._keyset(
            "events e", "e", sort_key_sql(sort, "e", _EVENT_SOURCES), clauses, params,
            sort=sort, cursor=cursor, limit=limit, option=option, columns="e.*",
        )  # fmt: skip
        return Page(self.events_from_rows(rows), next_cursor, total)

    def _keyset(
        self,
        table: str,
        alias: str,
        key: str,
        clauses: list[str],
        params: list[Any],
        *,
        sort: str,
        cursor: str | None,
        limit: int,
        option: str,
        columns: str,
    ) -> tuple[list[dict[str, Any]], str | None, int]:
        """Rows after ``cursor`` by (``key``, id), at most ``limit``; the next cursor; the
        number of rows matching ``clauses`` in all."""
        found = self.con.execute(f"SELECT count(*) FROM {table} {where(clauses)}", params)
        total = int((found.fetchone() or (0,))[0])
        after, after_params = list(clauses), list(params)
        if cursor:
            last = Cursor.decode(cursor, sort, option)
            after.append(f"({key} > ? OR ({key} = ? AND {alias}.id > ?))")
            after_params.extend([last.key, last.key, last.id])
        limit = max(0, int(limit))
        rows = self._dicts(
            f"SELECT {columns}, {key} AS sort_key FROM {table} {where(after)} "
            f"ORDER BY sort_key, {alias}.id LIMIT {limit + 1}",
            after_params,
        )
        more = len(rows) > limit
        rows = rows[:limit]
        keys = [row.pop("sort_key") for row in rows]
        next_cursor = Cursor(sort, float(keys[-1]), rows[-1]["id"]).encode() if more else None
        return rows, next_cursor, total

    def read_event(self, event_id: str) -> Event | None:
        """The stored event with this id (``ev:...``), or None."""
        rows = self._dicts("SELECT * FROM events WHERE id = ? ORDER BY article_id", [event_id])
        events = self.events_from_rows(rows[:1])
        return events[0] if events else None

    def events_from_rows(self, rows: Sequence[RowDict]) -> list[Event]:
        """Events from rows of the events table, with their actors and quantities."""
        if not rows:
            return []
        keys = [[r["article_id"] for r in rows], [r["ordinal"] for r in rows]]
        join = (
            "JOIN (SELECT UNNEST(?::VARCHAR[]) AS article_id, "
            "UNNEST(?::INTEGER[]) AS event_ordinal) k "
            "USING (article_id, event_ordinal)"
        )
        actors = self._dicts(f"SELECT t.* FROM actors t {join}", keys)
        quantities = self._dicts(f"SELECT t.* FROM quantities t {join}", keys)
        return self._events_with_parts(rows, actors, quantities)

    def iter_events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        """All matching events, a page at a time (for exports of any size)."""
        return _paged(self.query_events, flt)

    def memberships(self, events: Sequence[Event]) -> dict[str, Membership]:
        """The incident of each of ``events`` that fusion has placed, by event id."""
        if not events:
            return {}
        rows = self.con.execute(
            "SELECT m.event_id, i.id, i.n_articles, i.n_sources FROM incident_events m "
            "JOIN incidents i ON i.id = m.incident_id "
            "JOIN (SELECT UNNEST(?::VARCHAR[]) AS event_id, UNNEST(?::VARCHAR[]) AS article_id) k "
            "ON k.event_id = m.event_id AND k.article_id = m.article_id",
            [[e.id for e in events], [e.article_id for e in events]],
        ).fetchall()
        return {r[0]: Membership(r[1], int(r[2]), int(r[3])) for r in rows}

    def stats(self, flt: EventFilter | None = None) -> Stats:
        """Counts of the matching events by day, PLOVER type and location country."""
        clauses, params = event_conditions(flt or EventFilter())
        base = f"FROM events e {where(clauses)}"
        total, dated_by_day, coarse, undated = self.con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE e.date_min = e.date_max), "
            f"count(*) FILTER (WHERE e.date_min < e.date_max), "
            f"count(*) FILTER (WHERE e.date_min IS NULL) {base}",
            params,
        ).fetchone() or (0, 0, 0, 0)
        by_day = self.con.execute(
            f"SELECT e.date_min, count(*) {base} "
            f"{'AND' if clauses else 'WHERE'} e.date_min = e.date_max GROUP BY 1 ORDER BY 1",
            params,
        ).fetchall()
        by_type = self.con.execute(
            f"SELECT e.plover_type, count(*) AS n {base} GROUP BY 1 ORDER BY n DESC, 1", params
        ).fetchall()
        by_country = self.con.execute(
            f"SELECT e.location_country, count(*) AS n {base} "
            f"{'AND' if clauses else 'WHERE'} e.location_country IS NOT NULL "
            "GROUP BY 1 ORDER BY n DESC, 1",
            params,
        ).fetchall()
        return Stats(
            total=int(total),
            day_dated=int(dated_by_day),
            coarse=int(coarse),
            undated=int(undated),
            by_day=[(d, int(n)) for d, n in by_day],
            by_type=[(str(t), int(n)) for t, n in by_type],
            by_country=[(str(c), int(n)) for c, n in by_country],
        )

    # --- incidents ---------------------------------------------------------------------

    def query_incidents(self, flt: EventFilter | None = None) -> list[Incident]:
        """Stored incidents matching the filter (date overlap, PLOVER type, CAMEO root,
        admin1 and point of the incident; country of its location or of a member event's
        participant; actor, modality and evidence text through its member events), ordered
        by date (undated last), then id."""
        flt = flt or EventFilter()
        clauses, params = incident_conditions(flt)
        sql = (
            f"SELECT record FROM incidents i {where(clauses)} ORDER BY i.date_min NULLS LAST, i.id"
        )
        sql += _window(flt)
        rows = self.con.execute(sql, params).fetchall()
        return [Incident.model_validate_json(r[0]) for r in rows]

    def incidents_page(
        self,
        flt: EventFilter | None = None,
        *,
        sort: str = "date",
        cursor: str | None = None,
        limit: int = 100,
        option: str = "--cursor",
    ) -> Page[Incident]:
        """One keyset page of the matching incidents, as ``events_page``."""
        flt = flt or EventFilter()
        sort = check_sort(sort, "sort", INCIDENT_SORTS)
        clauses, params = incident_conditions(flt)
        rows, next_cursor, total = self._keyset(
            "incidents i", "i", sort_key_sql(sort, "i", "i.n_sources"), clauses, params,
            sort=sort, cursor=cursor, limit=limit, option=option, columns="i.id, i.record",
        )  # fmt: skip
        return Page([Incident.model_validate_json(r["record"]) for r in rows], next_cursor, total)

    def read_incident(self, incident_id: str) -> IncidentDetail | None:
        """One incident with its events and the articles that report them; None if no
        incident has this id."""
        row = self.con.execute(
            "SELECT record FROM incidents WHERE id = ?", [incident_id]
        ).fetchone()
        if row is None:
            return None
        incident = Incident.model_validate_json(row[0])
        events = self.events_from_rows(
            self._dicts(
                "SELECT e.* FROM incident_events m JOIN events e ON e.id = m.event_id "
                "AND e.article_id = m.article_id WHERE m.incident_id = ? "
                "ORDER BY e.date_min NULLS LAST, e.article_id, e.ordinal",
                [incident_id],
            )
        )
        articles = [
            ArticleInfo(**r)
            for r in self._dicts(
                "SELECT id, url, source, title, published FROM articles "
                "WHERE id IN (SELECT article_id FROM incident_events WHERE incident_id = ?) "
                "ORDER BY published NULLS LAST, id",
                [incident_id],
            )
        ]
        return IncidentDetail(incident, events, articles)

    # --- summary -----------------------------------------------------------------------

    def summary(self) -> Summary:
        by_type = self.con.execute(
            "SELECT plover_type, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1"
        ).fetchall()
        # Actors are counted per name whatever its case ("Police", "police"), shown in their
        # commonest spelling. Uncoded common nouns (a name ever written in lower case:
        # "people", "police", "man") are left out: they are in the events, but a top list of
        # them tells an analyst nothing.
        top = self.con.execute(
            "SELECT mode(coalesce(name, text)) AS who, "
            "count(DISTINCT (article_id, event_ordinal)) AS n "
            "FROM actors WHERE role IN ('actor', 'recipient') "
            "GROUP BY lower(coalesce(name, text)) "
            "HAVING bool_or(code IS NOT NULL) "
            "OR bool_and(coalesce(name, text) <> lower(coalesce(name, text))) "
            f"ORDER BY n DESC, 1 LIMIT {self.top_n}"
        ).fetchall()
        span = self.con.execute(
            "SELECT arg_min(date_value, date_min), arg_max(date_value, date_max) FROM events "
            "WHERE date_min IS NOT NULL"
        ).fetchone()
        first, last = span if span else (None, None)
        return Summary(
            articles=self.count("articles"),
            events=self.count("events"),
            quotes=self.count("quotes"),
            places=self.count("places"),
            by_type=[(str(t), int(n)) for t, n in by_type],
            top_actors=[(str(w), int(n)) for w, n in top],
            first_date=first,
            last_date=last,
        )

    def summary_table(self) -> Any:
        """The summary as a rich renderable."""
        from tacitus.store.tables import summary_renderable

        return summary_renderable(self.summary(), self.path)

    def incidents_table(self, incidents: Sequence[Incident]) -> Any:
        """Incidents as a rich table."""
        from tacitus.store.tables import incidents_table

        return incidents_table(incidents)

    def events_table(self, events: Sequence[Event]) -> Any:
        """Events as a rich table."""
        from tacitus.store.tables import events_table

        return events_table(events)

    # --- export ------------------------------------------------------------------------

    def export(
        self,
        format_: str,
        output: Path | None,
        *,
        stdout: TextIO | None = None,
        incidents: bool = False,
        flt: EventFilter | None = None,
        single_file: bool = False,
    ) -> int:
        """Write the stored events matching ``flt`` (every event without one); returns how
        many rows (events, or incidents) were written.

        ``jsonl``: one Event JSON per line. ``csv``: flat columns (docs/schema.md).
        ``parquet``: the same columns in a folder partitioned by the date's year and month
        (``year=2016/month=7/...``). ``gdelt-tsv``: GDELT 2.0's Event table, and beside a file
        its Mentions table (``exports.mentions_path``); ``gdelt-mentions``: the Mentions table
        alone; ``plover-json``: PLOVER records, one per line; ``acled-csv``: ACLED-like rows
        of the events in ACLED's scope (all in docs/exports.md). ``output=None`` or ``-``
        writes to ``stdout`` (default ``sys.stdout``; not for parquet). ``incidents``: the
        incidents instead (jsonl, csv, parquet; fused first if articles are pending).
        ``single_file``: exactly one file at ``output`` (a download): parquet unpartitioned,
        gdelt-tsv without the Mentions table beside it.
        """
        fmt = format_.strip().lower()
        if flt == EventFilter():
            flt = None  # no filter: the whole tables, by the faster paths
        if fmt not in EXPORT_FORMATS:
            raise TacitusError(Errors.E014, value=format_, known=", ".join(EXPORT_FORMATS))
        if incidents and fmt not in INCIDENT_EXPORT_FORMATS:
            raise TacitusError(Errors.E024, value=fmt, known=", ".join(INCIDENT_EXPORT_FORMATS))
        if incidents and not self._read_only():
            self.update_fusion()  # a read-only store (the API's) exports what ingest fused
        to_stream = output is None or str(output) == "-"
        if fmt == "parquet":
            if output is None or to_stream:
                raise TacitusError(Errors.E021)
            if single_file:
                return self._export_parquet_file(output, incidents, flt)
            return self._export_parquet(output, incidents, flt)
        if output is None or to_stream:
            return self._export_text(fmt, stdout or sys.stdout, incidents, flt)
        from tacitus.io.exports import mentions_path, write_gdelt

        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            with output.open("w", encoding="utf-8", newline="") as stream:
                if fmt != "gdelt-tsv" or single_file:
                    return self._export_text(fmt, stream, incidents, flt)
                with mentions_path(output).open("w", encoding="utf-8", newline="") as mentions:
                    return write_gdelt(self.export_batches(flt), stream, mentions)
        except OSError as exc:
            path = exc.filename or output
            raise TacitusError(Errors.E001, path=path, reason=exc.strerror or str(exc)) from None

    def _export_text(
        self, fmt: str, stream: TextIO, incidents: bool = False, flt: EventFilter | None = None
    ) -> int:
        from tacitus.io import exports

        n = 0
        if fmt == "jsonl" and incidents and flt is None:
            cur = self.con.execute("SELECT record FROM incidents ORDER BY date_min NULLS LAST, id")
            while rows := cur.fetchmany(_PAGE):
                for (record,) in rows:
                    stream.write(record + "\n")  # written by Incident.model_dump_json
                    n += 1
            return n
        if fmt == "jsonl" and incidents:
            for incident in self.iter_incidents(flt):
                stream.write(incident.model_dump_json() + "\n")
                n += 1
            return n
        if fmt == "jsonl":
            for event in self.iter_events(flt):
                stream.write(event.model_dump_json() + "\n")
                n += 1
            return n
        if fmt == "gdelt-tsv":
            return exports.write_gdelt(self.export_batches(flt), stream)
        if fmt == "gdelt-mentions":
            return exports.write_gdelt_mentions(self.export_batches(flt), stream)
        if fmt == "plover-json":
            return exports.write_plover(self.export_batches(flt), stream)
        if fmt == "acled-csv":
            return exports.write_acled(self.export_batches(flt), stream)
        sql, params = self._flat_sql(incidents, flt)
        cur = self.con.execute(sql, params)
        writer = csv.writer(stream)
        writer.writerow([d[0] for d in cur.description or []])
        while rows := cur.fetchmany(_PAGE):
            writer.writerows(rows)
            n += len(rows)
        return n

    def iter_incidents(self, flt: EventFilter | None = None) -> Iterator[Incident]:
        """All matching incidents, a page at a time."""
        return _paged(self.query_incidents, flt)

    def export_batches(self, flt: EventFilter | None = None) -> Iterator[tuple[list[Event], Any]]:
        """The matching events a page at a time, each page with the ``ExportContext`` the
        writers of ``tacitus.io.exports`` need (articles, incidents, division names)."""
        from tacitus.stages.gazetteer import admin1_names

        names = admin1_names()
        page: list[Event] = []
        for event in self.iter_events(flt):
            page.append(event)
            if len(page) == _PAGE:
                yield page, self._export_context(page, names)
                page = []
        if page:
            yield page, self._export_context(page, names)

    def _export_context(self, events: Sequence[Event], names: dict[tuple[str, str], str]) -> Any:
        from tacitus.io.exports import ExportContext

        article_ids = sorted({e.article_id for e in events})
        articles = {
            r["id"]: ArticleRecord(**r)
            for r in self._dicts(
                "SELECT id, url, source, title, published, text FROM articles "
                "WHERE id IN (SELECT UNNEST(?::VARCHAR[]))",
                [article_ids],
            )
        }
        rows = self.con.execute(
            "SELECT m.event_id, i.id, i.record FROM incident_events m "
            "JOIN incidents i ON i.id = m.incident_id "
            "JOIN (SELECT UNNEST(?::VARCHAR[]) AS event_id, UNNEST(?::VARCHAR[]) AS article_id) k "
            "ON k.event_id = m.event_id AND k.article_id = m.article_id",
            [[e.id for e in events], [e.article_id for e in events]],
        ).fetchall()
        parsed: dict[str, Incident] = {}
        by_event: dict[str, Incident] = {}
        for event_id, incident_id, record in rows:
            if incident_id not in parsed:
                parsed[incident_id] = Incident.model_validate_json(record)
            by_event[event_id] = parsed[incident_id]
        return ExportContext(articles=articles, incidents=by_event, admin1_names=names)

    def _flat_sql(
        self, incidents: bool, flt: EventFilter | None, *, partition: bool = False
    ) -> tuple[str, list[Any]]:
        """The flat rows of the events (or incidents) matching ``flt``, in their order;
        ``partition`` adds ``year`` and ``month`` of the date's first day (0 when undated)."""
        if flt is None and not partition:
            return (FLAT_INCIDENTS_SQL if incidents else FLAT_EVENTS_SQL), []
        flt = flt or EventFilter()
        window = _window(flt)
        if incidents:
            clauses, params = incident_conditions(flt)
            keys = (
                f"SELECT i.id, i.date_min FROM incidents i {where(clauses)} "
                f"ORDER BY i.date_min NULLS LAST, i.id{window}"
            )
            flat, on, order = FLAT_INCIDENTS_SQL, "k.id = f.id", "k.date_min NULLS LAST, k.id"
        else:
            clauses, params = event_conditions(flt)
            keys = (
                "SELECT e.id, e.article_id, e.ordinal, e.date_min, e.date_value FROM events e "
                f"{where(clauses)} ORDER BY e.date_min NULLS LAST, e.date_value, e.id, "
                f"e.article_id, e.ordinal{window}"
            )
            flat, on = FLAT_EVENTS_SQL, "k.id = f.id AND k.article_id = f.article_id"
            order = "k.date_min NULLS LAST, k.date_value, k.id, k.article_id, k.ordinal"
        extra = ""
        if partition:
            # 0, not NULL, for undated rows: pandas (pyarrow) cannot read a null partition
            extra = (
                ", coalesce(year(k.date_min), 0) AS year, coalesce(month(k.date_min), 0) AS month"
            )
        sql = f"SELECT f.*{extra} FROM ({flat}) f JOIN ({keys}) k ON {on} ORDER BY {order}"
        return sql, params

    def _export_parquet(
        self, output: Path, incidents: bool = False, flt: EventFilter | None = None
    ) -> int:
        """A folder of Parquet files in hive partitions ``year=YYYY/month=M`` (undated rows:
        ``year=0/month=0``), written beside ``output`` and then moved there, replacing an
        earlier export but nothing else."""
        import os
        import shutil

        if output.exists() and not self._is_parquet_export(output):
            raise TacitusError(Errors.E025, path=output)
        staging = output.with_name(f".{output.name}.partial-{os.getpid()}")
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(staging, ignore_errors=True)
        except OSError as exc:
            raise TacitusError(Errors.E001, path=output, reason=exc.strerror or str(exc)) from None
        sql, params = self._flat_sql(incidents, flt, partition=True)
        target = str(staging).replace("'", "''")  # COPY takes no parameter for its target
        try:
            found = self.con.execute(
                f"COPY ({sql}) TO '{target}' (FORMAT PARQUET, PARTITION_BY (year, month))",
                params,
            ).fetchone()
            staging.mkdir(exist_ok=True)  # no rows: an empty folder
            if output.exists():
                shutil.rmtree(output)
            staging.rename(output)
        except (duckdb.IOException, OSError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise TacitusError(Errors.E001, path=output, reason=str(exc)) from None
        return int(found[0]) if found else 0

    def _export_parquet_file(
        self, output: Path, incidents: bool = False, flt: EventFilter | None = None
    ) -> int:
        """One Parquet file of the flat rows, unpartitioned."""
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TacitusError(Errors.E001, path=output, reason=exc.strerror or str(exc)) from None
        sql, params = self._flat_sql(incidents, flt)
        target = str(output).replace("'", "''")  # COPY takes no parameter for its target
        try:
            found = self.con.execute(f"COPY ({sql}) TO '{target}' (FORMAT PARQUET)", params)
        except duckdb.IOException as exc:
            raise TacitusError(Errors.E001, path=output, reason=str(exc)) from None
        row = found.fetchone()
        return int(row[0]) if row else 0

    def _read_only(self) -> bool:
        row = self.con.execute("SELECT current_setting('access_mode')").fetchone()
        return bool(row and str(row[0]).lower() == "read_only")

    @staticmethod
    def _is_parquet_export(path: Path) -> bool:
        """A folder that holds nothing but ``year=...`` partitions (an earlier export)."""
        return path.is_dir() and all(
            p.is_dir() and p.name.startswith("year=") for p in path.iterdir()
        )


def _window(flt: EventFilter) -> str:
    """The LIMIT / OFFSET of the filter's slice (integers, so nothing to bind)."""
    window = f" LIMIT {int(flt.limit)}" if flt.limit is not None else ""
    return window + (f" OFFSET {int(flt.offset)}" if flt.offset else "")


def _paged(query: Callable[[EventFilter], list[R]], flt: EventFilter | None) -> Iterator[R]:
    """Every row ``query`` gives for the filter, asked for a page at a time (exports of any
    size hold one page), within the filter's own limit and offset."""
    base = flt or EventFilter()
    offset, remaining = base.offset, base.limit
    while remaining is None or remaining > 0:
        size = _PAGE if remaining is None else min(_PAGE, remaining)
        page = query(base.page(size, offset))
        yield from page
        if len(page) < size:
            return
        offset += len(page)
        if remaining is not None:
            remaining -= len(page)


def _connect(name: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(name, read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise TacitusError(Errors.E022, path=name, reason=message.splitlines()[0]) from None
        raise TacitusError(Errors.E013, path=name, reason=message.splitlines()[0]) from None
    except duckdb.Error as exc:
        raise TacitusError(Errors.E013, path=name, reason=str(exc).splitlines()[0]) from None


def _agg(column: str, role: str, alias: str) -> str:
    return (
        f"string_agg(coalesce({column}, ''), '; ' ORDER BY ordinal) "
        f"FILTER (WHERE role = '{role}') AS {alias}"
    )


_NUMBER = (
    "CASE WHEN {c} IS NULL THEN NULL WHEN {c} = floor({c}) AND abs({c}) < 1e15 "
    "THEN CAST(CAST({c} AS BIGINT) AS VARCHAR) ELSE CAST({c} AS VARCHAR) END"
)
_QUANTITY_VALUE = (
    "coalesce("
    + _NUMBER.format(c="value")
    + ", coalesce("
    + _NUMBER.format(c="low")
    + ", '')"
    + " || '..' || coalesce("
    + _NUMBER.format(c="high")
    + ", ''))"
)

# One flat row per event, for CSV and Parquet (columns documented in docs/schema.md).
FLAT_EVENTS_SQL = f"""
WITH parts AS (
    SELECT article_id, event_ordinal,
        {_agg("coalesce(name, text)", "actor", "actor_names")},
        {_agg("code", "actor", "actor_codes")},
        {_agg("country", "actor", "actor_countries")},
        {_agg("coalesce(name, text)", "recipient", "recipient_names")},
        {_agg("code", "recipient", "recipient_codes")},
        {_agg("country", "recipient", "recipient_countries")},
        {_agg("coalesce(name, text)", "attribution", "attributed_to")}
    FROM actors WHERE event_ordinal IS NOT NULL GROUP BY article_id, event_ordinal
), amounts AS (
    SELECT article_id, event_ordinal,
        string_agg({_QUANTITY_VALUE}, '; ' ORDER BY ordinal) AS quantity_values,
        string_agg(coalesce(category, ''), '; ' ORDER BY ordinal) AS quantity_categories,
        string_agg(text, '; ' ORDER BY ordinal) AS quantity_texts
    FROM quantities WHERE event_ordinal IS NOT NULL GROUP BY article_id, event_ordinal
)
SELECT e.id, e.article_id, e.date_value AS date, e.date_precision, e.date_basis,
    e.date_time_precision AS time_precision, e.date_historical AS historical,
    e.plover_type, e.plover_mode AS mode, array_to_string(e.plover_context, ';') AS context,
    e.cameo_code, e.cameo_root, e.cameo_quad_class, e.cameo_goldstein,
    p.actor_names, p.actor_codes, p.actor_countries,
    p.recipient_names, p.recipient_codes, p.recipient_countries,
    e.modality, e.acled_type, e.acled_sub_type,
    p.attributed_to, e.attribution_cue_text AS attribution_cue,
    e.location_name, e.location_country, e.location_admin1, e.location_lat, e.location_lon,
    e.location_geonameid, e.location_precision, e.location_geo_precision AS geo_precision,
    e.location_basis, e.offset_text AS location_offset,
    q.quantity_values, q.quantity_categories, q.quantity_texts,
    trim(substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start),
         ' ' || chr(9) || chr(10) || chr(13)) AS evidence,
    e.trigger_text AS trigger, e.confidence,
    a.url AS article_url, a.source AS article_source, a.published AS article_published
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN parts p ON p.article_id = e.article_id AND p.event_ordinal = e.ordinal
LEFT JOIN amounts q ON q.article_id = e.article_id AND q.event_ordinal = e.ordinal
ORDER BY e.date_min NULLS LAST, e.date_value, e.id, e.article_id, e.ordinal
"""

# One flat row per incident, for CSV and Parquet (columns documented in docs/schema.md).
FLAT_INCIDENTS_SQL = """
WITH members AS (
    SELECT incident_id, string_agg(DISTINCT article_id, '; ' ORDER BY article_id) AS article_ids,
        string_agg(event_id, '; ' ORDER BY event_id) AS event_ids
    FROM incident_events GROUP BY incident_id
), claims AS (
    SELECT incident_id,
        string_agg(field || ': ' || value || ' (' || array_to_string(article_ids, ' ') || ')',
            '; ' ORDER BY field, ordinal) AS disagreements
    FROM incident_disagreements GROUP BY incident_id
)
SELECT i.id, i.date_value AS date, i.date_precision, i.plover_type, i.cameo_root,
    i.location_name, i.location_country, i.location_admin1, i.location_lat, i.location_lon,
    i.location_precision, i.n_events, i.n_articles, i.n_sources, i.first_reported,
    i.last_reported, m.article_ids, m.event_ids, i.n_disagreements, c.disagreements
FROM incidents i
LEFT JOIN members m ON m.incident_id = i.id
LEFT JOIN claims c ON c.incident_id = i.id
ORDER BY i.date_min NULLS LAST, i.id
"""
