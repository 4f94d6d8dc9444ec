"""The embedded DuckDB store: article records in, filtered events, summaries and exports out."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

import duckdb

from tacitus.errors import Errors, TacitusError
from tacitus.model import Actor, ArticleRecord, Event, Incident, Quantity, date_bounds
from tacitus.store import schema
from tacitus.store.schema import RowDict

if TYPE_CHECKING:
    from tacitus.store.fusion import FusionUpdate

MEMORY = ":memory:"
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
_ID_CHUNK = 1000  # ids per lookup query
_PAGE = 1000  # events per page when streaming an export
_DATE_OPTION = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class EventFilter:
    """Which events to list. Dates compare by overlap: an event dated "2016" (the whole
    year) matches ``since="2016-07"``; events without a date never match a date filter."""

    since: dt.date | None = None  # first day of the --since value
    until: dt.date | None = None  # last day of the --until value
    country: str | None = None  # ISO alpha-3: event location or any actor/recipient
    plover_type: str | None = None
    actor: str | None = None  # substring of an actor's/recipient's mention or name
    limit: int | None = None
    offset: int = 0

    @classmethod
    def from_options(
        cls,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        plover_type: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
    ) -> EventFilter:
        """A filter from command-line values; a malformed date raises E015."""
        return cls(
            since=_option_bound(since, "--since", first=True),
            until=_option_bound(until, "--until", first=False),
            country=country.strip().upper() or None if country else None,
            plover_type=plover_type.strip().upper() or None if plover_type else None,
            actor=actor.strip() or None if actor else None,
            limit=limit if limit is None or limit >= 0 else 0,
        )


def _option_bound(value: str | None, option: str, *, first: bool) -> dt.date | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    low, high = date_bounds(text) if _DATE_OPTION.match(text) else (None, None)
    if low is None or high is None:
        raise TacitusError(Errors.E015, value=value, option=option)
    return low if first else high


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
    def open_existing(cls, path: Path | str) -> Store:
        """Open a database that ``tacitus ingest`` wrote; E012 if missing, E013 if foreign."""
        name = str(path)
        if name != MEMORY and not Path(name).is_file():
            raise TacitusError(Errors.E012, path=name)
        con = _connect(name)
        store = cls(con, name)
        store._check(store._tables())
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

    def _check(self, tables: set[str]) -> None:
        if schema.META_TABLE not in tables:
            self.close()
            raise TacitusError(Errors.E013, path=self.path, reason="it has no Tacitus tables")
        meta = dict(self.con.execute(f"SELECT key, value FROM {schema.META_TABLE}").fetchall())
        version = meta.get("version")
        if meta.get("schema") != schema.SCHEMA_NAME:
            self.close()
            raise TacitusError(Errors.E013, path=self.path, reason="no Tacitus schema entry")
        if version in schema.MIGRATES_FROM:
            self.con.execute("BEGIN TRANSACTION")
            for statement in schema.fusion_ddl():
                self.con.execute(statement)
            self.con.execute(
                f"UPDATE {schema.META_TABLE} SET value = ? WHERE key = 'version'",
                [schema.SCHEMA_VERSION],
            )
            self.con.execute("COMMIT")
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
        where, params = _filter_sql(flt)
        sql = (
            f"SELECT e.* FROM events e {where} "
            "ORDER BY e.date_min NULLS LAST, e.date_value, e.id, e.article_id, e.ordinal"
        )
        if flt.limit is not None:
            sql += f" LIMIT {int(flt.limit)}"
        if flt.offset:
            sql += f" OFFSET {int(flt.offset)}"
        return self.events_from_rows(self._dicts(sql, params))

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
        base = flt or EventFilter()
        offset = base.offset
        remaining = base.limit
        while remaining is None or remaining > 0:
            size = _PAGE if remaining is None else min(_PAGE, remaining)
            page = self.query_events(
                EventFilter(
                    base.since,
                    base.until,
                    base.country,
                    base.plover_type,
                    base.actor,
                    limit=size,
                    offset=offset,
                )
            )
            yield from page
            if len(page) < size:
                return
            offset += len(page)
            if remaining is not None:
                remaining -= len(page)

    # --- incidents ---------------------------------------------------------------------

    def query_incidents(self, flt: EventFilter | None = None) -> list[Incident]:
        """Stored incidents matching the filter (as for events: date overlap, PLOVER type,
        the country of the location or of a member event's participant, text in a member
        event's participant), ordered by date (undated last), then id."""
        flt = flt or EventFilter()
        clauses, params = _date_and_type_sql(flt, "i")
        # a participant of one of the incident's events
        participant = (
            "EXISTS (SELECT 1 FROM incident_events m JOIN events e ON e.id = m.event_id "
            "AND e.article_id = m.article_id JOIN actors a ON a.article_id = e.article_id "
            "AND a.event_ordinal = e.ordinal AND a.role IN ('actor', 'recipient') "
            "WHERE m.incident_id = i.id AND {})"
        )
        if flt.country is not None:
            clauses.append(
                f"(upper(i.location_country) = ? OR {participant.format('upper(a.country) = ?')})"
            )
            params.extend([flt.country.upper()] * 2)
        if flt.actor is not None:
            match = "(contains(lower(a.text), ?) OR contains(lower(coalesce(a.name, '')), ?))"
            clauses.append(participant.format(match))
            params.extend([flt.actor.lower()] * 2)
        sql = "SELECT record FROM incidents i"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY i.date_min NULLS LAST, i.id"
        if flt.limit is not None:
            sql += f" LIMIT {int(flt.limit)}"
        if flt.offset:
            sql += f" OFFSET {int(flt.offset)}"
        rows = self.con.execute(sql, params).fetchall()
        return [Incident.model_validate_json(r[0]) for r in rows]

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
    ) -> int:
        """Write every stored event (one line/row per event); returns how many.

        ``jsonl``: one Event JSON per line. ``csv``/``parquet``: flat columns (see
        docs/schema.md). ``output=None`` writes to stdout (not allowed for parquet).
        ``incidents``: the incidents instead (fused first if articles are pending).
        """
        if incidents:
            self.update_fusion()
        fmt = format_.strip().lower()
        if fmt not in EXPORT_FORMATS:
            raise TacitusError(Errors.E014, value=format_, known=", ".join(EXPORT_FORMATS))
        if fmt == "parquet":
            if output is None or str(output) == "-":
                raise TacitusError(Errors.E021)
            return self._export_parquet(output, incidents)
        if output is None or str(output) == "-":
            return self._export_text(fmt, stdout or sys.stdout, incidents)
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            with output.open("w", encoding="utf-8", newline="") as stream:
                return self._export_text(fmt, stream, incidents)
        except OSError as exc:
            raise TacitusError(Errors.E001, path=output, reason=exc.strerror or str(exc)) from None

    def _export_text(self, fmt: str, stream: TextIO, incidents: bool = False) -> int:
        n = 0
        if fmt == "jsonl" and incidents:
            cur = self.con.execute("SELECT record FROM incidents ORDER BY date_min NULLS LAST, id")
            while rows := cur.fetchmany(_PAGE):
                for (record,) in rows:
                    stream.write(record + "\n")  # written by Incident.model_dump_json
                    n += 1
            return n
        if fmt == "jsonl":
            for event in self.iter_events():
                stream.write(event.model_dump_json() + "\n")
                n += 1
            return n
        cur = self.con.execute(FLAT_INCIDENTS_SQL if incidents else FLAT_EVENTS_SQL)
        writer = csv.writer(stream)
        writer.writerow([d[0] for d in cur.description or []])
        while rows := cur.fetchmany(_PAGE):
            writer.writerows(rows)
            n += len(rows)
        return n

    def _export_parquet(self, output: Path, incidents: bool = False) -> int:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TacitusError(Errors.E001, path=output, reason=exc.strerror or str(exc)) from None
        target = str(output).replace("'", "''")  # COPY takes no parameter for its target
        try:
            sql = FLAT_INCIDENTS_SQL if incidents else FLAT_EVENTS_SQL
            self.con.execute(f"COPY ({sql}) TO '{target}' (FORMAT PARQUET)")
        except duckdb.IOException as exc:
            raise TacitusError(Errors.E001, path=output, reason=str(exc)) from None
        row = self.con.execute(f"SELECT count(*) FROM {'incidents' if incidents else 'events'}")
        found = row.fetchone()
        return int(found[0]) if found else 0


def _connect(name: str) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(name)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise TacitusError(Errors.E022, path=name, reason=message.splitlines()[0]) from None
        raise TacitusError(Errors.E013, path=name, reason=message.splitlines()[0]) from None
    except duckdb.Error as exc:
        raise TacitusError(Errors.E013, path=name, reason=str(exc).splitlines()[0]) from None


def _date_and_type_sql(flt: EventFilter, alias: str) -> tuple[list[str], list[Any]]:
    """The date-overlap and PLOVER-type conditions on a table with date_min/date_max."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.since is not None:
        clauses.append(f"{alias}.date_max >= ?")
        params.append(flt.since)
    if flt.until is not None:
        clauses.append(f"{alias}.date_min <= ?")
        params.append(flt.until)
    if flt.plover_type is not None:
        clauses.append(f"upper({alias}.plover_type) = ?")
        params.append(flt.plover_type.upper())
    return clauses, params


def _filter_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    clauses, params = _date_and_type_sql(flt, "e")
    if flt.country is not None:
        clauses.append(
            "(upper(e.location_country) = ? OR EXISTS (SELECT 1 FROM actors a "
            "WHERE a.article_id = e.article_id AND a.event_ordinal = e.ordinal "
            "AND a.role IN ('actor', 'recipient') AND upper(a.country) = ?))"
        )
        params.extend([flt.country.upper()] * 2)
    if flt.actor is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM actors a WHERE a.article_id = e.article_id "
            "AND a.event_ordinal = e.ordinal AND a.role IN ('actor', 'recipient') "
            "AND (contains(lower(a.text), ?) OR contains(lower(coalesce(a.name, '')), ?)))"
        )
        params.extend([flt.actor.lower()] * 2)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


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
