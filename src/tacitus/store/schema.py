"""The DuckDB schema (documented column by column in docs/schema.md) and record <-> row code.

Records are flattened into typed columns (never JSON blobs), so analysts can query them with
plain SQL; ``rows_for`` and the ``*_from_row`` functions are exact inverses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tacitus.model import (
    Actor,
    ArticleRecord,
    Attribution,
    CameoCode,
    Event,
    EventDate,
    Evidence,
    Location,
    Offset,
    Place,
    PloverCode,
    Quantity,
    Quote,
    Removal,
    Span,
    date_bounds,
)

SCHEMA_NAME = "tacitus"
SCHEMA_VERSION = "5"
# Versions this one opens by adding what is new (v4 -> v5: the fusion tables, empty: the next
# ingest or `tacitus incidents` fuses the stored articles).
MIGRATES_FROM = ("4",)
META_TABLE = "tacitus_meta"

Row = tuple[Any, ...]
RowDict = Mapping[str, Any]

# (column, SQL type) per table, in storage order.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", "VARCHAR NOT NULL PRIMARY KEY"),
        ("url", "VARCHAR"),
        ("source", "VARCHAR"),
        ("title", "VARCHAR"),
        ("published", "DATE"),
        ("text", "VARCHAR NOT NULL"),
    ),
    "removals": (
        ("article_id", "VARCHAR NOT NULL"),
        ("ordinal", "INTEGER NOT NULL"),
        ("char_start", "BIGINT NOT NULL"),
        ("char_end", "BIGINT NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
        ("reason", "VARCHAR NOT NULL"),
    ),
    "events": (
        ("article_id", "VARCHAR NOT NULL"),
        ("ordinal", "INTEGER NOT NULL"),
        ("id", "VARCHAR NOT NULL"),
        ("plover_type", "VARCHAR NOT NULL"),
        ("plover_mode", "VARCHAR"),
        ("plover_context", "VARCHAR[] NOT NULL"),
        ("cameo_code", "VARCHAR"),
        ("cameo_root", "VARCHAR"),
        ("cameo_quad_class", "INTEGER"),
        ("cameo_goldstein", "DOUBLE"),
        ("modality", "VARCHAR NOT NULL"),
        ("date_value", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        ("date_basis", "VARCHAR"),
        ("date_text", "VARCHAR"),
        ("date_start", "BIGINT"),
        ("date_end", "BIGINT"),
        ("date_min", "DATE"),
        ("date_max", "DATE"),
        ("date_time_precision", "INTEGER"),
        ("date_historical", "BOOLEAN"),
        ("date_deadline", "BOOLEAN"),
        ("location_text", "VARCHAR"),
        ("location_start", "BIGINT"),
        ("location_end", "BIGINT"),
        ("location_name", "VARCHAR"),
        ("location_geonameid", "BIGINT"),
        ("location_country", "VARCHAR"),
        ("location_admin1", "VARCHAR"),
        ("location_lat", "DOUBLE"),
        ("location_lon", "DOUBLE"),
        ("location_precision", "VARCHAR"),
        ("location_geo_precision", "INTEGER"),
        ("location_basis", "VARCHAR"),
        ("offset_text", "VARCHAR"),
        ("offset_start", "BIGINT"),
        ("offset_end", "BIGINT"),
        ("offset_distance_km", "DOUBLE"),
        ("offset_direction", "VARCHAR"),
        ("offset_reference", "VARCHAR"),
        ("offset_lat", "DOUBLE"),
        ("offset_lon", "DOUBLE"),
        ("offset_radius_km", "DOUBLE"),
        ("evidence_sentence", "BIGINT NOT NULL"),
        ("evidence_start", "BIGINT NOT NULL"),
        ("evidence_end", "BIGINT NOT NULL"),
        ("trigger_text", "VARCHAR NOT NULL"),
        ("trigger_start", "BIGINT NOT NULL"),
        ("trigger_end", "BIGINT NOT NULL"),
        ("confidence", "DOUBLE NOT NULL"),
        ("acled_type", "VARCHAR"),
        ("acled_sub_type", "VARCHAR"),
        ("attribution_cue_text", "VARCHAR"),
        ("attribution_cue_start", "BIGINT"),
        ("attribution_cue_end", "BIGINT"),
    ),
    "actors": (
        ("article_id", "VARCHAR NOT NULL"),
        ("role", "VARCHAR NOT NULL"),  # mention | actor | recipient | attribution | speaker
        ("event_ordinal", "INTEGER"),
        ("event_id", "VARCHAR"),
        ("quote_ordinal", "INTEGER"),
        ("ordinal", "INTEGER NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
        ("char_start", "BIGINT NOT NULL"),
        ("char_end", "BIGINT NOT NULL"),
        ("name", "VARCHAR"),
        ("code", "VARCHAR"),
        ("country", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("kind", "VARCHAR NOT NULL"),
    ),
    "places": (
        ("article_id", "VARCHAR NOT NULL"),
        ("ordinal", "INTEGER NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
        ("char_start", "BIGINT NOT NULL"),
        ("char_end", "BIGINT NOT NULL"),
        ("name", "VARCHAR"),
        ("geonameid", "BIGINT"),
        ("country", "VARCHAR"),
        ("admin1", "VARCHAR"),
        ("lat", "DOUBLE"),
        ("lon", "DOUBLE"),
        ("precision", "VARCHAR"),
        ("geo_precision", "INTEGER"),
    ),
    "quotes": (
        ("article_id", "VARCHAR NOT NULL"),
        ("ordinal", "INTEGER NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
        ("char_start", "BIGINT NOT NULL"),
        ("char_end", "BIGINT NOT NULL"),
        ("cue_text", "VARCHAR"),
        ("cue_start", "BIGINT"),
        ("cue_end", "BIGINT"),
        ("kind", "VARCHAR NOT NULL"),  # direct | indirect
        ("part_texts", "VARCHAR[]"),  # the pieces of a quotation broken by its cue
        ("part_starts", "BIGINT[]"),
        ("part_ends", "BIGINT[]"),
    ),
    "quantities": (
        ("article_id", "VARCHAR NOT NULL"),
        ("event_ordinal", "INTEGER"),  # NULL: an article-level quantity
        ("event_id", "VARCHAR"),
        ("ordinal", "INTEGER NOT NULL"),
        ("value", "DOUBLE"),
        ("low", "DOUBLE"),
        ("high", "DOUBLE"),
        ("approx", "BOOLEAN NOT NULL"),
        ("category", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("text", "VARCHAR NOT NULL"),
        ("char_start", "BIGINT NOT NULL"),
        ("char_end", "BIGINT NOT NULL"),
        ("conflicting", "BOOLEAN NOT NULL"),
    ),
}
# Tables whose rows belong to one article (deleted and rewritten together).
ARTICLE_KEY = {name: ("id" if name == "articles" else "article_id") for name in TABLES}

# What fusion derives from the articles (tacitus.store.fusion keeps them up to date): the
# near-duplicate group of every fused article, its MinHash signature and LSH band keys, the
# incidents, their events and disagreements, and what a rewrite left to redo.
FUSION_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "duplicates": (
        ("article_id", "VARCHAR NOT NULL PRIMARY KEY"),
        ("group_id", "VARCHAR NOT NULL"),  # the smallest article id of its group
        ("outlet", "VARCHAR"),  # source, else URL host; NULL: none given
    ),
    "signatures": (
        ("article_id", "VARCHAR NOT NULL PRIMARY KEY"),
        ("minhash", "UBIGINT[] NOT NULL"),
    ),
    "signature_bands": (
        ("article_id", "VARCHAR NOT NULL"),
        ("band", "INTEGER NOT NULL"),
        ("band_key", "BIGINT NOT NULL"),
    ),
    "incidents": (
        ("id", "VARCHAR NOT NULL PRIMARY KEY"),
        ("plover_type", "VARCHAR NOT NULL"),
        ("cameo_root", "VARCHAR"),
        ("date_value", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        ("date_min", "DATE"),
        ("date_max", "DATE"),
        ("location_name", "VARCHAR"),
        ("location_country", "VARCHAR"),
        ("location_admin1", "VARCHAR"),
        ("location_lat", "DOUBLE"),
        ("location_lon", "DOUBLE"),
        ("location_precision", "VARCHAR"),
        ("n_events", "INTEGER NOT NULL"),
        ("n_articles", "INTEGER NOT NULL"),
        ("n_sources", "INTEGER NOT NULL"),
        ("n_disagreements", "INTEGER NOT NULL"),
        ("first_reported", "DATE"),
        ("last_reported", "DATE"),
        ("record", "JSON NOT NULL"),  # the whole Incident, to read it back exactly
    ),
    "incident_events": (
        ("incident_id", "VARCHAR NOT NULL"),
        ("event_id", "VARCHAR NOT NULL"),
        ("article_id", "VARCHAR NOT NULL"),
    ),
    "incident_disagreements": (
        ("incident_id", "VARCHAR NOT NULL"),
        ("field", "VARCHAR NOT NULL"),
        ("ordinal", "INTEGER NOT NULL"),  # 0: the value the incident takes
        ("value", "VARCHAR NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
        ("article_ids", "VARCHAR[] NOT NULL"),
    ),
    "fusion_dirty": (
        ("kind", "VARCHAR NOT NULL"),  # group | incident
        ("key", "VARCHAR NOT NULL"),
    ),
}
FUSION_INDEXES = (
    "CREATE INDEX IF NOT EXISTS bands_key ON signature_bands (band, band_key)",
    "CREATE INDEX IF NOT EXISTS incident_events_event ON incident_events (event_id)",
    "CREATE INDEX IF NOT EXISTS incident_events_article ON incident_events (article_id)",
    "CREATE INDEX IF NOT EXISTS events_type_date ON events (plover_type, date_min)",
)
INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
    "CREATE INDEX IF NOT EXISTS actors_article ON actors (article_id)",
    "CREATE INDEX IF NOT EXISTS quantities_article ON quantities (article_id)",
)


def ddl() -> list[str]:
    """Statements that create the schema (idempotent)."""
    statements = [
        f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)"
    ]
    for table, columns in TABLES.items():
        cols = ", ".join(f"{name} {type_}" for name, type_ in columns)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
    statements.extend(INDEXES)
    return statements + fusion_ddl()


def fusion_ddl() -> list[str]:
    """Statements that create the fusion tables (idempotent: also the v4 -> v5 migration)."""
    statements = []
    for table, columns in FUSION_TABLES.items():
        cols = ", ".join(f"{name} {type_}" for name, type_ in columns)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
    return statements + list(FUSION_INDEXES)


def insert_sql(table: str) -> str:
    """An INSERT that takes one list parameter per column (fast columnar insert); for the
    article tables and the fusion tables."""
    columns = TABLES[table] if table in TABLES else FUSION_TABLES[table]
    names = ", ".join(name for name, _ in columns)
    values = ", ".join(f"UNNEST(?::{_base_type(type_)}[])" for _, type_ in columns)
    return f"INSERT INTO {table} ({names}) SELECT {values}"


def _base_type(type_: str) -> str:
    return type_.replace(" NOT NULL", "").replace(" PRIMARY KEY", "")


# --- records -> rows -----------------------------------------------------------------------


@dataclass
class Rows:
    """The rows of every table for a batch of article records."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(self, table: str, row: Row) -> None:
        self.tables[table].append(row)

    def columns(self, table: str) -> list[list[Any]]:
        """Column-wise lists for ``insert_sql`` (one list per column)."""
        n = len(TABLES[table])
        rows = self.tables[table]
        return [[row[i] for row in rows] for i in range(n)]


def _actor_row(
    article_id: str,
    role: str,
    ordinal: int,
    actor: Actor,
    event: tuple[int, str] | None = None,
    quote: int | None = None,
) -> Row:
    return (
        article_id,
        role,
        event[0] if event else None,
        event[1] if event else None,
        quote,
        ordinal,
        actor.text,
        actor.start,
        actor.end,
        actor.name,
        actor.code,
        actor.country,
        actor.sector,
        actor.kind,
    )


def _quantity_row(
    article_id: str, ordinal: int, q: Quantity, event: tuple[int, str] | None = None
) -> Row:
    return (
        article_id,
        event[0] if event else None,
        event[1] if event else None,
        ordinal,
        q.value,
        q.low,
        q.high,
        q.approx,
        q.category,
        q.unit,
        q.text,
        q.start,
        q.end,
        q.conflicting,
    )


def _event_row(article_id: str, ordinal: int, e: Event) -> Row:
    date, loc, cameo, attribution = e.date, e.location, e.cameo, e.attribution
    off = loc.offset if loc else None
    low, high = date_bounds(date.value if date else None)
    return (
        article_id,
        ordinal,
        e.id,
        e.plover.type,
        e.plover.mode,
        list(e.plover.context),
        cameo.code if cameo else None,
        cameo.root if cameo else None,
        cameo.quad_class if cameo else None,
        cameo.goldstein if cameo else None,
        e.modality,
        date.value if date else None,
        date.precision if date else None,
        date.basis if date else None,
        date.text if date else None,
        date.start if date else None,
        date.end if date else None,
        low,
        high,
        date.time_precision if date else None,
        date.historical if date else None,
        date.deadline if date else None,
        loc.text if loc else None,
        loc.start if loc else None,
        loc.end if loc else None,
        loc.name if loc else None,
        loc.geonameid if loc else None,
        loc.country if loc else None,
        loc.admin1 if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        loc.precision if loc else None,
        loc.geo_precision if loc else None,
        loc.basis if loc else None,
        off.text if off else None,
        off.start if off else None,
        off.end if off else None,
        off.distance_km if off else None,
        off.direction if off else None,
        off.reference if off else None,
        off.lat if off else None,
        off.lon if off else None,
        off.radius_km if off else None,
        e.evidence.sentence,
        e.evidence.start,
        e.evidence.end,
        e.evidence.trigger.text,
        e.evidence.trigger.start,
        e.evidence.trigger.end,
        e.confidence,
        e.acled_type,
        e.acled_sub_type,
        attribution.cue.text if attribution else None,
        attribution.cue.start if attribution else None,
        attribution.cue.end if attribution else None,
    )


def rows_for(records: list[ArticleRecord]) -> Rows:
    """Flatten article records into the rows of every table."""
    rows = Rows()
    for r in records:
        rows.add("articles", (r.id, r.url, r.source, r.title, r.published, r.text))
        for i, rem in enumerate(r.removed):
            rows.add("removals", (r.id, i, rem.start, rem.end, rem.text, rem.reason))
        for i, actor in enumerate(r.actors):
            rows.add("actors", _actor_row(r.id, "mention", i, actor))
        for i, place in enumerate(r.places):
            rows.add("places", (r.id, i, place.text, place.start, place.end, *_place_cols(place)))
        for i, q in enumerate(r.quantities):
            rows.add("quantities", _quantity_row(r.id, i, q))
        for i, quote in enumerate(r.quotes):
            cue = quote.cue
            rows.add(
                "quotes",
                (
                    r.id,
                    i,
                    quote.text,
                    quote.start,
                    quote.end,
                    cue.text if cue else None,
                    cue.start if cue else None,
                    cue.end if cue else None,
                    quote.kind,
                    [p.text for p in quote.parts],
                    [p.start for p in quote.parts],
                    [p.end for p in quote.parts],
                ),
            )
            if quote.speaker is not None:
                rows.add("actors", _actor_row(r.id, "speaker", 0, quote.speaker, quote=i))
        for i, event in enumerate(r.events):
            # Keyed by the record's id: an event always belongs to the article it was read from.
            rows.add("events", _event_row(r.id, i, event))
            key = (i, event.id)
            for j, actor in enumerate(event.actors):
                rows.add("actors", _actor_row(r.id, "actor", j, actor, event=key))
            for j, actor in enumerate(event.recipients):
                rows.add("actors", _actor_row(r.id, "recipient", j, actor, event=key))
            for j, q in enumerate(event.quantities):
                rows.add("quantities", _quantity_row(r.id, j, q, event=key))
            if event.attribution is not None and event.attribution.speaker is not None:
                speaker = event.attribution.speaker
                rows.add("actors", _actor_row(r.id, "attribution", 0, speaker, event=key))
    return rows


def _place_cols(p: Place) -> Row:
    return (p.name, p.geonameid, p.country, p.admin1, p.lat, p.lon, p.precision, p.geo_precision)


# --- rows -> records -----------------------------------------------------------------------


def actor_from_row(row: RowDict) -> Actor:
    return Actor(
        text=row["text"],
        start=row["char_start"],
        end=row["char_end"],
        name=row["name"],
        code=row["code"],
        country=row["country"],
        sector=row["sector"],
        kind=row["kind"],
    )


def quantity_from_row(row: RowDict) -> Quantity:
    return Quantity(
        value=row["value"],
        low=row["low"],
        high=row["high"],
        approx=row["approx"],
        category=row["category"],
        unit=row["unit"],
        text=row["text"],
        start=row["char_start"],
        end=row["char_end"],
        conflicting=bool(row["conflicting"]),
    )


def place_from_row(row: RowDict) -> Place:
    return Place(
        text=row["text"],
        start=row["char_start"],
        end=row["char_end"],
        name=row["name"],
        geonameid=row["geonameid"],
        country=row["country"],
        admin1=row["admin1"],
        lat=row["lat"],
        lon=row["lon"],
        precision=row["precision"],
        geo_precision=row["geo_precision"],
    )


def removal_from_row(row: RowDict) -> Removal:
    return Removal(
        start=row["char_start"], end=row["char_end"], text=row["text"], reason=row["reason"]
    )


def quote_from_row(row: RowDict, speaker: Actor | None) -> Quote:
    cue = None
    if row["cue_text"] is not None:
        cue = Span(text=row["cue_text"], start=row["cue_start"], end=row["cue_end"])
    return Quote(
        kind=row["kind"],
        speaker=speaker,
        text=row["text"],
        start=row["char_start"],
        end=row["char_end"],
        cue=cue,
        parts=[
            Span(text=t, start=s, end=e)
            for t, s, e in zip(
                row["part_texts"] or [],
                row["part_starts"] or [],
                row["part_ends"] or [],
                strict=True,
            )
        ],
    )


def event_from_row(
    row: RowDict,
    actors: list[Actor],
    recipients: list[Actor],
    quantities: list[Quantity],
    speaker: Actor | None = None,
) -> Event:
    cameo = None
    if row["cameo_code"] is not None:
        cameo = CameoCode(
            code=row["cameo_code"],
            root=row["cameo_root"],
            quad_class=row["cameo_quad_class"],
            goldstein=row["cameo_goldstein"],
        )
    date = None
    if row["date_value"] is not None:
        date = EventDate(
            value=row["date_value"],
            precision=row["date_precision"],
            basis=row["date_basis"],
            text=row["date_text"],
            start=row["date_start"],
            end=row["date_end"],
            time_precision=row["date_time_precision"],
            historical=bool(row["date_historical"]),
            deadline=bool(row["date_deadline"]),
        )
    location = None
    if row["location_text"] is not None:
        offset = None
        if row["offset_text"] is not None:
            offset = Offset(
                text=row["offset_text"],
                start=row["offset_start"],
                end=row["offset_end"],
                distance_km=row["offset_distance_km"],
                direction=row["offset_direction"],
                reference=row["offset_reference"],
                lat=row["offset_lat"],
                lon=row["offset_lon"],
                radius_km=row["offset_radius_km"],
            )
        location = Location(
            text=row["location_text"],
            start=row["location_start"],
            end=row["location_end"],
            name=row["location_name"],
            geonameid=row["location_geonameid"],
            country=row["location_country"],
            admin1=row["location_admin1"],
            lat=row["location_lat"],
            lon=row["location_lon"],
            precision=row["location_precision"],
            geo_precision=row["location_geo_precision"],
            basis=row["location_basis"],
            offset=offset,
        )
    return Event(
        id=row["id"],
        article_id=row["article_id"],
        plover=PloverCode(
            type=row["plover_type"], mode=row["plover_mode"], context=list(row["plover_context"])
        ),
        cameo=cameo,
        actors=actors,
        recipients=recipients,
        modality=row["modality"],
        date=date,
        location=location,
        quantities=quantities,
        evidence=Evidence(
            sentence=row["evidence_sentence"],
            start=row["evidence_start"],
            end=row["evidence_end"],
            trigger=Span(
                text=row["trigger_text"], start=row["trigger_start"], end=row["trigger_end"]
            ),
        ),
        confidence=row["confidence"],
        acled_type=row["acled_type"],
        acled_sub_type=row["acled_sub_type"],
        attribution=Attribution(
            speaker=speaker,
            cue=Span(
                text=row["attribution_cue_text"],
                start=row["attribution_cue_start"],
                end=row["attribution_cue_end"],
            ),
        )
        if row["attribution_cue_text"] is not None
        else None,
    )
