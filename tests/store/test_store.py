"""The DuckDB store: lossless round trip, idempotent writes, filters, summary, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import get_args

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.errors import TacitusError
from tacitus.model import (
    AcledSubType,
    AcledType,
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
from tacitus.store import EventFilter, Store
from tacitus.store.schema import TABLES

TEXT = "The United States will send 560 more troops to Iraq. IS captured Mosul in June 2014."


def _actor(text: str, start: int, name: str, code: str, country: str) -> Actor:
    return Actor(
        text=text,
        start=start,
        end=start + len(text),
        name=name,
        code=code,
        country=country,
        kind="state",
    )


def _event(
    article_id: str,
    trigger: str,
    plover: str,
    date: str | None,
    country: str | None,
    actors: list[Actor],
    recipients: list[Actor],
) -> Event:
    start = TEXT.index(trigger)
    return Event(
        id=Event.make_id(article_id, start, start + len(trigger)),
        article_id=article_id,
        plover=PloverCode(type=plover, mode=None, context=["military"]),
        cameo=CameoCode(code="0332", root="03", quad_class=1, goldstein=5.2),
        actors=actors,
        recipients=recipients,
        modality="future",
        date=EventDate(
            value=date, precision="day" if len(date) == 10 else "month", basis="explicit"
        )
        if date
        else None,
        location=Location(
            text="Iraq",
            start=47,
            end=51,
            name="Iraq",
            country=country,
            geonameid=99237,
            lat=33.0,
            lon=44.0,
            precision="country",
            geo_precision=3,
            basis="sentence",
            offset=Offset(text="near Iraq", start=42, end=51, distance_km=None),
        )
        if country
        else None,
        quantities=[
            Quantity(
                value=560,
                category="troops",
                unit="troops",
                text="560 more troops",
                start=28,
                end=43,
            )
        ],
        evidence=Evidence(
            sentence=0,
            start=0,
            end=52,
            trigger=Span(text=trigger, start=start, end=start + len(trigger)),
        ),
        confidence=0.8,
    )


def sample_record(
    article_id: str = "a1", published: dt.date | None = dt.date(2016, 7, 11)
) -> ArticleRecord:
    usa = _actor("The United States", 0, "United States", "USA", "USA")
    irq = _actor("Iraq", 47, "Iraq", "IRQ", "IRQ")
    isil = _actor("IS", 53, "Islamic State", "IMGMUSISI", None)  # type: ignore[arg-type]
    return ArticleRecord(
        id=article_id,
        url="https://example.org/a",
        source="example.org",
        published=published,
        text=TEXT,
        removed=[Removal(start=90, end=100, text="Getty", reason="caption")],
        events=[
            _event(article_id, "send", "AID", "2016-07-11", "IRQ", [usa], [irq]),
            _event(article_id, "captured", "ASSAULT", "2014-06", None, [isil], []),
        ],
        quotes=[
            Quote(
                speaker=usa,
                text="more troops",
                start=37,
                end=48,
                cue=Span(text="said", start=0, end=4),
            )
        ],
        places=[Place(text="Iraq", start=47, end=51, name="Iraq", country="IRQ", geonameid=99237)],
        actors=[usa, irq, isil],
        quantities=[Quantity(value=560, category="troops", text="560", start=28, end=31)],
    )


@pytest.fixture
def store() -> Store:
    return Store.open(":memory:")


def _contents(s: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        t: sorted(map(repr, s.con.execute(f"SELECT * FROM {t}").fetchall()))  # type: ignore[misc]
        for t in TABLES
    }


def test_round_trip_and_idempotent_write(store: Store) -> None:
    record = sample_record()
    assert store.write([record]) == 1
    assert store.read_record("a1") == record
    before = _contents(store)
    store.write([record])
    assert _contents(store) == before
    assert store.count("events") == 2 and store.count("articles") == 1
    assert store.read_record("missing") is None
    assert store.has_articles(["a1", "zz", "a1"]) == {"a1"}


def test_rewrite_replaces_everything_of_the_article(store: Store) -> None:
    store.write([sample_record("a1"), sample_record("a2")])
    smaller = sample_record("a1").model_copy(update={"events": [], "quotes": []})
    store.write([smaller])
    assert store.read_record("a1") == smaller
    assert store.read_record("a2") == sample_record("a2")
    assert store.count("events") == 2


# --- Hypothesis round trip -------------------------------------------------------------------

text_st = st.text(max_size=12)
opt_text = st.none() | text_st
offset_st = st.integers(min_value=0, max_value=2**40)
float_st = st.floats(allow_nan=False, allow_infinity=False)
opt_float = st.none() | float_st

actor_st = st.builds(
    Actor,
    text=text_st,
    start=offset_st,
    end=offset_st,
    name=opt_text,
    code=opt_text,
    country=opt_text,
    sector=opt_text,
    kind=st.sampled_from(["state", "person", "organization", "group", "unknown"]),
)
span_st = st.builds(Span, text=text_st, start=offset_st, end=offset_st)
quantity_st = st.builds(
    Quantity,
    value=opt_float,
    low=opt_float,
    high=opt_float,
    approx=st.booleans(),
    category=opt_text,
    unit=opt_text,
    conflicting=st.booleans(),
    text=text_st,
    start=offset_st,
    end=offset_st,
)
place_kw = {
    "text": text_st,
    "start": offset_st,
    "end": offset_st,
    "name": opt_text,
    "geonameid": st.none() | st.integers(0, 2**40),
    "country": opt_text,
    "admin1": opt_text,
    "lat": opt_float,
    "lon": opt_float,
    "precision": st.none() | st.sampled_from(["point", "place", "country"]),
    "geo_precision": st.none() | st.integers(1, 3),
}
offset_model_st = st.builds(
    Offset,
    text=text_st,
    start=offset_st,
    end=offset_st,
    distance_km=opt_float,
    direction=opt_text,
    reference=opt_text,
    lat=opt_float,
    lon=opt_float,
    radius_km=opt_float,
)
location_st = st.builds(
    Location,
    offset=st.none() | offset_model_st,
    basis=st.none() | st.sampled_from(["parse", "sentence", "article"]),
    **place_kw,
)
date_st = st.builds(
    EventDate,
    value=st.sampled_from(["2016", "2016-06", "2016-07-09", "2016-W27", "x"]),
    precision=st.sampled_from(["day", "week", "month", "year"]),
    basis=st.sampled_from(["explicit", "relative", "narrative", "publication"]),
    text=opt_text,
    start=st.none() | offset_st,
    end=st.none() | offset_st,
    time_precision=st.none() | st.integers(1, 3),
    historical=st.booleans(),
    deadline=st.booleans(),
)


@st.composite
def record_st(draw: st.DrawFn) -> ArticleRecord:
    article_id = draw(st.text(min_size=1, max_size=8))
    events = draw(
        st.lists(
            st.builds(
                Event,
                id=text_st,
                article_id=st.just(article_id),
                plover=st.builds(
                    PloverCode, type=text_st, mode=opt_text, context=st.lists(text_st, max_size=2)
                ),
                cameo=st.none()
                | st.builds(
                    CameoCode,
                    code=text_st,
                    root=text_st,
                    quad_class=st.integers(1, 4),
                    goldstein=float_st,
                ),
                actors=st.lists(actor_st, max_size=2),
                recipients=st.lists(actor_st, max_size=2),
                modality=st.sampled_from(["asserted", "negated", "future", "hypothetical"]),
                date=st.none() | date_st,
                location=st.none() | location_st,
                quantities=st.lists(quantity_st, max_size=2),
                evidence=st.builds(
                    Evidence, sentence=offset_st, start=offset_st, end=offset_st, trigger=span_st
                ),
                confidence=st.floats(0, 1),
                acled_type=st.none() | st.sampled_from(get_args(AcledType)),
                acled_sub_type=st.none() | st.sampled_from(get_args(AcledSubType)),
                attribution=st.none()
                | st.builds(Attribution, speaker=st.none() | actor_st, cue=span_st),
            ),
            max_size=3,
        )
    )
    return ArticleRecord(
        id=article_id,
        url=draw(opt_text),
        source=draw(opt_text),
        title=draw(opt_text),
        published=draw(st.none() | st.dates()),
        text=draw(st.text(max_size=40)),
        removed=draw(
            st.lists(
                st.builds(Removal, start=offset_st, end=offset_st, text=text_st, reason=text_st),
                max_size=2,
            )
        ),
        events=events,
        quotes=draw(
            st.lists(
                st.builds(
                    Quote,
                    kind=st.sampled_from(["direct", "indirect"]),
                    speaker=st.none() | actor_st,
                    text=text_st,
                    start=offset_st,
                    end=offset_st,
                    cue=st.none() | span_st,
                    parts=st.lists(span_st, max_size=2),
                ),
                max_size=2,
            )
        ),
        places=draw(st.lists(st.builds(Place, **place_kw), max_size=2)),
        actors=draw(st.lists(actor_st, max_size=3)),
        quantities=draw(st.lists(quantity_st, max_size=2)),
    )


_SHARED = Store.open(":memory:")  # one schema for all examples: creating it is the slow part


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=record_st())
def test_hypothesis_round_trip(record: ArticleRecord) -> None:
    _SHARED.write([record])
    assert _SHARED.read_record(record.id) == record
    _SHARED.write([record])
    assert _SHARED.read_record(record.id) == record


# --- opening -------------------------------------------------------------------------------


def test_open_existing_errors(tmp_path: Path) -> None:
    with pytest.raises(TacitusError, match="does not exist"):
        Store.open_existing(tmp_path / "none.duckdb")
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    with pytest.raises(TacitusError, match="not a Tacitus database"):
        Store.open_existing(junk)
    foreign = tmp_path / "foreign.duckdb"
    duckdb.connect(str(foreign)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(TacitusError, match="no Tacitus tables"):
        Store.open_existing(foreign)
    older = tmp_path / "older.duckdb"
    Store.open(older).close()
    con = duckdb.connect(str(older))
    con.execute("UPDATE tacitus_meta SET value = '1' WHERE key = 'version'")
    con.close()
    with pytest.raises(TacitusError, match=r"another version of Tacitus .*schema version 1"):
        Store.open_existing(older)
    with pytest.raises(TacitusError, match="Ingest the articles again into a new file"):
        Store.open(older)
    with pytest.raises(TacitusError, match="no Tacitus tables"):
        Store.open(foreign)


def test_open_creates_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "t.duckdb"
    with Store.open(path) as s:
        s.write([sample_record()])
    with Store.open_existing(path) as s:
        assert s.read_record("a1") == sample_record()


# --- filters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2016", (dt.date(2016, 1, 1), dt.date(2016, 12, 31))),
        ("2016-02", (dt.date(2016, 2, 1), dt.date(2016, 2, 29))),
        ("2016-12", (dt.date(2016, 12, 1), dt.date(2016, 12, 31))),
        ("2016-W27", (dt.date(2016, 7, 4), dt.date(2016, 7, 10))),
        ("2016-07-09", (dt.date(2016, 7, 9), dt.date(2016, 7, 9))),
        ("soon", (None, None)),
        (None, (None, None)),
    ],
)
def test_date_bounds(value: str | None, bounds: tuple[dt.date | None, dt.date | None]) -> None:
    assert date_bounds(value) == bounds


@pytest.mark.parametrize(
    ("options", "triggers"),
    [
        ({}, ["captured", "send"]),
        ({"since": "2016"}, ["send"]),
        ({"since": "2014-06-15"}, ["captured", "send"]),  # June 2014 overlaps
        ({"until": "2014"}, ["captured"]),
        ({"until": "2014-05"}, []),
        ({"country": "irq"}, ["send"]),
        ({"country": "USA"}, ["send"]),
        ({"country": "FRA"}, []),
        ({"plover_type": "assault"}, ["captured"]),
        ({"actor": "islamic"}, ["captured"]),
        ({"actor": "united states"}, ["send"]),
        ({"actor": "iraq"}, ["send"]),  # recipients count
        ({"limit": 1}, ["captured"]),
    ],
)
def test_query_events(store: Store, options: dict[str, object], triggers: list[str]) -> None:
    store.write([sample_record()])
    found = store.query_events(EventFilter.from_options(**options))  # type: ignore[arg-type]
    assert [e.evidence.trigger.text for e in found] == triggers
    if found:
        assert found[0] == next(
            e for e in sample_record().events if e.evidence.trigger.text == triggers[0]
        )


@pytest.mark.parametrize("bad", ["2016-13", "July", "2016/07/01", "16"])
def test_filter_bad_date(bad: str) -> None:
    with pytest.raises(TacitusError, match="--since"):
        EventFilter.from_options(since=bad)


def test_summary(store: Store) -> None:
    store.write([sample_record("a1"), sample_record("a2", None)])
    summary = store.summary()
    assert (summary.articles, summary.events, summary.quotes) == (2, 4, 2)
    assert summary.by_type == [("AID", 2), ("ASSAULT", 2)]
    assert summary.top_actors[0] == ("Iraq", 2)
    assert (summary.first_date, summary.last_date) == ("2014-06", "2016-07-11")
    assert store.summary_table() is not None
    assert Store.open(":memory:").summary().events == 0


def test_summary_top_actors_fold_case_and_skip_common_nouns(store: Store) -> None:
    record = sample_record()
    police = [
        _actor(text, 0, text, None, None)  # type: ignore[arg-type]
        for text in ("Police", "police", "police")
    ]
    events = [
        e.model_copy(update={"actors": [p], "id": f"{e.id}-{i}"})
        for i, (e, p) in enumerate(zip(record.events * 2, police + police[:1], strict=False))
    ]
    record = record.model_copy(update={"events": record.events + events})
    store.write([record])
    names = [name for name, _ in store.summary().top_actors]
    assert "police" not in names and "Police" not in names  # uncoded, written in lower case
    assert names[0] == "Iraq" and "Islamic State" in names


# --- exports -------------------------------------------------------------------------------


def test_export_jsonl(store: Store) -> None:
    store.write([sample_record()])
    out = io.StringIO()
    assert store.export("jsonl", None, stdout=out) == 2
    events = [Event.model_validate_json(line) for line in out.getvalue().splitlines()]
    assert {e.id for e in events} == {e.id for e in sample_record().events}


def test_export_csv_and_parquet(store: Store, tmp_path: Path) -> None:
    store.write([sample_record()])
    path = tmp_path / "e.csv"
    assert store.export("CSV", path) == 2
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    send = next(r for r in rows if r["trigger"] == "send")
    assert send["actor_names"] == "United States" and send["recipient_countries"] == "IRQ"
    assert send["cameo_code"] == "0332" and send["quantity_values"] == "560"
    assert send["evidence"] == TEXT[:52] and send["article_url"] == "https://example.org/a"
    assert send["location_offset"] == "near Iraq"
    assert (send["geo_precision"], send["location_basis"]) == ("3", "sentence")
    parquet = tmp_path / "e.parquet"
    assert store.export("parquet", parquet) == 2
    table = duckdb.sql(f"SELECT id, date, location_lat FROM '{parquet}' ORDER BY date").fetchall()
    assert [(r[1], r[2]) for r in table] == [("2014-06", None), ("2016-07-11", 33.0)]


def test_export_errors(store: Store) -> None:
    with pytest.raises(TacitusError, match="Unknown export format"):
        store.export("xml", None)
    with pytest.raises(TacitusError, match="--output"):
        store.export("parquet", None)


def test_export_json_lines_are_valid(store: Store) -> None:
    store.write([sample_record()])
    out = io.StringIO()
    store.export("jsonl", None, stdout=out)
    assert all(json.loads(line)["article_id"] == "a1" for line in out.getvalue().splitlines())
