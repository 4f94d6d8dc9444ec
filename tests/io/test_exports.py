"""Exports: GDELT 2.0 events and mentions, PLOVER JSON, ACLED-like CSV, partitioned Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.errors import TacitusError
from tacitus.io import exports
from tacitus.io.exports import (
    ACLED_COLUMNS,
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    ExportContext,
    actor_fields,
    geo_fields,
    geo_type,
    global_event_id,
    mentions_path,
)
from tacitus.model import (
    Actor,
    ArticleRecord,
    Attribution,
    CameoCode,
    Event,
    EventDate,
    Evidence,
    Incident,
    Location,
    PloverCode,
    Quantity,
    Span,
    date_bounds,
)
from tacitus.store import EventFilter, Store

# The published GDELT 2.0 headers (Event and Mentions codebooks, V2.0), written out here so
# the test does not read them from the code under test.
GDELT_EVENT_HEADER = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
GDELT_MENTIONS_HEADER = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
]  # fmt: skip
# Codes are strings in GDELT ("0332" keeps its zero); everything else as pandas reads it.
GDELT_STRINGS = {
    name: str
    for name in GDELT_EVENT_HEADER
    if name.endswith(("Code", "FeatureID", "Name", "FullName")) or name == "SOURCEURL"
}

# --- a hand-made article: a protest, an attack with disputed tolls, an undated threat -------

TEXT = (
    "Police fired tear gas at about 200 protesters in Cairo on Friday.\n"
    "Gunmen killed 12 villagers near Kano, officials said; another report said 14 died. "
    "He said Illinois would send troops."
)


def _span(text: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(text, after)
    return start, start + len(text)


def _actor(text: str, after: int = 0, **fields: object) -> Actor:
    start, end = _span(text, after)
    return Actor(text=text, start=start, end=end, **fields)  # type: ignore[arg-type]


def _evidence(sentence: int, trigger: str, after: int = 0) -> Evidence:
    start, end = _span(trigger, after)
    bounds = [(0, TEXT.index("\n")), (TEXT.index("Gunmen"), TEXT.index(" He")),
              (TEXT.index("He said"), len(TEXT))]  # fmt: skip
    return Evidence(
        sentence=sentence,
        start=bounds[sentence][0],
        end=bounds[sentence][1],
        trigger=Span(text=trigger, start=start, end=end),
    )


def _event(article: str, evidence: Evidence, **fields: object) -> Event:
    trigger = evidence.trigger
    return Event(
        id=Event.make_id(article, trigger.start, trigger.end),
        article_id=article,
        evidence=evidence,
        **fields,  # type: ignore[arg-type]
    )


def handmade(
    article: str = "hand-1", url: str | None = "https://example.org/cairo"
) -> ArticleRecord:
    cairo = Location(
        text="Cairo", start=_span("Cairo")[0], end=_span("Cairo")[1], name="Cairo",
        geonameid=360630, country="EGY", admin1="11", lat=30.06263, lon=31.24967,
        precision="place", geo_precision=1, basis="parse",
    )  # fmt: skip
    kano = Location(
        text="Kano", start=_span("Kano")[0], end=_span("Kano")[1], name="Kano",
        geonameid=2335204, country="NGA", admin1="29", lat=12.00012, lon=8.51672,
        precision="place", geo_precision=2, basis="parse",
    )  # fmt: skip
    illinois = Location(
        text="Illinois", start=_span("Illinois")[0], end=_span("Illinois")[1], name="Illinois",
        geonameid=4896861, country="USA", admin1="IL", lat=40.00032, lon=-89.25037,
        precision="admin1", geo_precision=3, basis="sentence",
    )  # fmt: skip
    killed_12, killed_14 = _span("12 villagers"), _span("14 died")
    protest = _event(
        article,
        _evidence(0, "protesters"),
        plover=PloverCode(type="PROTEST", mode="demo"),
        cameo=CameoCode(code="141", root="14", quad_class=4, goldstein=-6.5),
        actors=[_actor("protesters", name="protesters", sector="CVL", kind="group")],
        recipients=[
            _actor(
                "Police", name="Police", code="EGYCOP", country="EGY", sector="COP", kind="group"
            )
        ],
        date=EventDate(
            value="2019-01-04",
            precision="day",
            basis="relative",
            text="Friday",
            start=_span("Friday")[0],
            end=_span("Friday")[1],
            time_precision=1,
        ),
        location=cairo,
        quantities=[
            Quantity(
                value=200,
                approx=True,
                category="protesters",
                unit="protesters",
                text="about 200",
                start=_span("about 200")[0],
                end=_span("about 200")[1],
            )
        ],
        confidence=0.8,
        acled_type="Protests",
        acled_sub_type="Protest with intervention",
    )
    attack = _event(
        article,
        _evidence(1, "killed"),
        plover=PloverCode(type="ASSAULT", context=["military"]),
        cameo=CameoCode(code="190", root="19", quad_class=4, goldstein=-10.0),
        actors=[_actor("Gunmen", name="Gunmen", sector="UAF", kind="group")],
        recipients=[_actor("villagers", name="villagers", sector="CVL", kind="group")],
        date=EventDate(value="2019-01", precision="month", basis="narrative", time_precision=3),
        location=kano,
        quantities=[
            Quantity(value=12, category="killed", unit="villagers", conflicting=True,
                     text="12", start=killed_12[0], end=killed_12[0] + 2),
            Quantity(value=14, category="killed", unit="died", conflicting=True,
                     text="14", start=killed_14[0], end=killed_14[0] + 2),
            Quantity(value=3, category="injured", text="3", start=0, end=1),
        ],
        confidence=0.7,
        acled_type="Violence against civilians",
        acled_sub_type="Attack",
        attribution=Attribution(speaker=_actor("officials", name="officials"),
                                cue=Span(text="said", start=_span("said")[0],
                                         end=_span("said")[1])),
    )  # fmt: skip
    threat = _event(
        article,
        _evidence(2, "send", TEXT.index("He said")),
        plover=PloverCode(type="THREATEN", mode="violence", context=["military"]),
        cameo=CameoCode(code="138", root="13", quad_class=3, goldstein=-7.0),
        actors=[_actor("He", TEXT.index("He said"), name="Joe Smith", code="USAGOV",
                       country="USA", sector="GOV", kind="person")],
        modality="future",
        location=illinois,
        confidence=0.5,
    )  # fmt: skip
    return ArticleRecord(
        id=article,
        url=url,
        source="example.org" if url else None,
        title="Protest and attack",
        published=dt.date(2019, 1, 5),
        text=TEXT,
        events=[protest, attack, threat],
    )


@pytest.fixture(scope="module")
def seed_store(seed_record: ArticleRecord) -> Iterator[Store]:
    store = Store.open(":memory:")
    store.write([seed_record])
    store.update_fusion()
    yield store
    store.close()


@pytest.fixture
def hand_store() -> Iterator[Store]:
    store = Store.open(":memory:")
    store.write([handmade(), handmade("hand-2", url=None)])
    store.update_fusion()
    yield store
    store.close()


def _incident_of(store: Store) -> dict[str, Incident]:
    return {e: i for i in store.query_incidents() for e in i.events}


def _read_gdelt(path: Path | io.StringIO) -> pd.DataFrame:
    return pd.read_csv(
        path, sep="\t", header=None, names=GDELT_EVENT_HEADER, dtype=GDELT_STRINGS,
        keep_default_na=False, na_values=[""], quoting=csv.QUOTE_NONE,
    )  # fmt: skip


def _read_mentions(path: Path) -> pd.DataFrame:
    return pd.read_csv(
        path, sep="\t", header=None, names=GDELT_MENTIONS_HEADER,
        dtype={"MentionSourceName": str, "MentionIdentifier": str}, quoting=csv.QUOTE_NONE,
    )  # fmt: skip


# --- GDELT -------------------------------------------------------------------------------


def test_gdelt_column_lists_are_the_published_ones() -> None:
    assert list(GDELT_EVENT_COLUMNS) == GDELT_EVENT_HEADER and len(GDELT_EVENT_HEADER) == 61
    assert list(GDELT_MENTION_COLUMNS) == GDELT_MENTIONS_HEADER
    assert len(GDELT_MENTIONS_HEADER) == 16


def test_gdelt_seed_article_events_and_mentions(seed_store: Store, tmp_path: Path) -> None:
    events = seed_store.query_events()
    record = seed_store.read_record(events[0].article_id)
    assert record is not None and len(events) > 5
    incident_of = _incident_of(seed_store)
    path = tmp_path / "day.export.CSV"
    assert seed_store.export("gdelt-tsv", path) == len(events)
    assert mentions_path(path) == tmp_path / "day.mentions.CSV"
    table = _read_gdelt(path)
    mentions = _read_mentions(mentions_path(path))
    assert len(table) == len(mentions) == len(events)
    rows = {int(r.GLOBALEVENTID): r for r in table.itertuples()}
    said = {int(r.GLOBALEVENTID): r for r in mentions.itertuples()}
    assert set(rows) == set(said) == {global_event_id(e.id) for e in events}
    for event in events:
        row, mention = rows[global_event_id(event.id)], said[global_event_id(event.id)]
        assert event.cameo is not None and event.date is not None
        first, _ = date_bounds(event.date.value)
        assert first is not None and int(f"{first:%Y%m%d}") == row.SQLDATE
        assert (row.MonthYear, row.Year) == (int(f"{first:%Y%m}"), first.year)
        assert row.EventCode == event.cameo.code and row.EventRootCode == event.cameo.root
        assert row.EventBaseCode == event.cameo.code[:3]
        assert row.QuadClass == event.cameo.quad_class
        assert row.GoldsteinScale == pytest.approx(event.cameo.goldstein)
        incident = incident_of.get(event.id)
        assert row.NumArticles == (incident.n_articles if incident else 1)
        assert row.NumSources == (incident.n_sources if incident else 1)
        assert row.NumMentions == (len(incident.events) if incident else 1)
        assert pd.isna(row.AvgTone) and row.Actor1Geo_Type == 0 and row.Actor2Geo_Type == 0
        assert row.DATEADDED == 20160711000000 and record.url == row.SOURCEURL
        loc = event.location
        assert loc is not None and loc.country == "IRQ"
        assert row.ActionGeo_CountryCode == "IZ"
        assert row.ActionGeo_Lat == pytest.approx(loc.lat)
        assert row.ActionGeo_Long == pytest.approx(loc.lon)
        assert row.ActionGeo_ADM1Code == "IZ" + (loc.admin1 or "")
        assert row.ActionGeo_Type == (1 if loc.precision == "country" else 4)
        if event.actors:
            code = event.actors[0].code or event.actors[0].sector
            assert row.Actor1Code == code if code else pd.isna(row.Actor1Code)
            assert mention.Actor1CharOffset == event.actors[0].start
        else:
            assert pd.isna(row.Actor1Code) and mention.Actor1CharOffset == -1
        trigger = event.evidence.trigger
        assert mention.ActionCharOffset == trigger.start
        assert record.text[trigger.start : trigger.end] == trigger.text
        assert mention.SentenceID == event.evidence.sentence + 1
        assert mention.Confidence == round(event.confidence * 100)
        assert mention.MentionDocLen == len(record.text) and mention.MentionType == 1
        assert mention.MentionSourceName == "ibtimes.co.uk"
        assert mention.EventTimeDate == mention.MentionTimeDate == 20160711000000
        assert row.IsRootEvent == (1 if event.evidence.start < record.text.index("\n") else 0)
    send = next(e for e in events if e.evidence.trigger.text == "send")
    row = rows[global_event_id(send.id)]
    assert (row.Actor1Code, row.Actor1Name, row.Actor1CountryCode) == (
        "USA", "UNITED STATES OF AMERICA", "USA")  # fmt: skip
    assert row.IsRootEvent == 1 and row.EventCode == "0332" and row.FractionDate == 2016.5233
    captured = next(e for e in events if e.evidence.trigger.text == "captured")
    row = rows[global_event_id(captured.id)]
    assert (row.Actor1Code, row.Actor1KnownGroupCode, row.Actor1Religion1Code,
            row.Actor1Type1Code) == ("IMGMUSISI", "ISI", "MUS", "IMG")  # fmt: skip
    assert (row.SQLDATE, row.EventCode, row.ActionGeo_FeatureID) == (20140601, "192", "99072")
    assert row.ActionGeo_FullName.startswith("Mosul, ") and row.ActionGeo_FullName.endswith("Iraq")
    assert said[global_event_id(captured.id)].InRawText == 1


def test_gdelt_stream_has_the_events_table_only(seed_store: Store) -> None:
    out = io.StringIO()
    n = seed_store.export("gdelt-tsv", None, stdout=out)
    lines = out.getvalue().splitlines()
    assert n == len(lines) == len(seed_store.query_events())
    assert {len(line.split("\t")) for line in lines} == {61}
    mentions = io.StringIO()
    assert seed_store.export("gdelt-mentions", None, stdout=mentions) == n
    assert {len(line.split("\t")) for line in mentions.getvalue().splitlines()} == {16}


def test_gdelt_handmade_fields(hand_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    hand_store.export("gdelt-tsv", path)
    assert mentions_path(path) == tmp_path / "events.mentions.tsv"
    table = _read_gdelt(path)
    mentions = _read_mentions(mentions_path(path))
    record = handmade()
    protest, _, threat = record.events
    row = table.set_index("GLOBALEVENTID").loc[global_event_id(protest.id)]
    assert (row.Actor1Code, row.Actor1Type1Code, row.Actor2Code, row.Actor2CountryCode) == (
        "CVL", "CVL", "EGYCOP", "EGY")  # fmt: skip
    assert (row.ActionGeo_Type, row.ActionGeo_CountryCode, row.ActionGeo_ADM1Code) == (
        4, "EG", "EG11")  # fmt: skip
    assert row.SQLDATE == 20190104 and row.FractionDate == pytest.approx(2019.0110)
    assert row.IsRootEvent == 1 and row.GoldsteinScale == -6.5
    row = table.set_index("GLOBALEVENTID").loc[global_event_id(threat.id)]
    assert (row.ActionGeo_Type, row.ActionGeo_ADM1Code, row.ActionGeo_FeatureID) == (
        2, "USIL", "USIL")  # fmt: skip
    assert pd.isna(row.SQLDATE) and row.IsRootEvent == 0
    by_id = mentions.set_index(["GLOBALEVENTID", "MentionIdentifier"])
    assert by_id.loc[(global_event_id(threat.id), "https://example.org/cairo")].InRawText == 0
    other = by_id.loc[(global_event_id(Event.make_id("hand-2", *_span("killed"))), "hand-2")]
    assert other.MentionType == 2 and pd.isna(other.MentionSourceName)
    assert other.Actor2CharOffset == _span("villagers")[0]


def test_global_event_id_is_63_bits_of_sha1() -> None:
    digest = hashlib.sha1(b"ev:0123").hexdigest()
    assert global_event_id("ev:0123") == int(digest[:16], 16) >> 1
    assert 0 <= global_event_id("ev:ffff") < 2**63


@pytest.mark.parametrize(
    ("name", "expected"),
    [("20150218230000.export.CSV", "20150218230000.mentions.CSV"),
     ("out.export.csv", "out.mentions.csv"), ("events.tsv", "events.mentions.tsv"),
     ("gdelt", "gdelt.mentions")],
)  # fmt: skip
def test_mentions_path(name: str, expected: str) -> None:
    assert mentions_path(Path("/x") / name) == Path("/x") / expected


@pytest.mark.parametrize(
    ("iso3", "fips"),
    [("IRQ", "IZ"), ("DEU", "GM"), ("GBR", "UK"), ("USA", "US"), ("XKX", "KV"), ("ALA", None),
     ("ZZZ", None), (None, None)],
)  # fmt: skip
def test_fips_country(iso3: str | None, fips: str | None) -> None:
    assert exports.fips_country(iso3) == fips


def test_geo_fields() -> None:
    ctx = ExportContext(articles={}, admin1_names={("USA", "IL"): "Illinois"})
    springfield = Location(text="Springfield", start=0, end=11, name="Springfield",
                           geonameid=4250542, country="USA", admin1="IL", lat=39.8, lon=-89.6,
                           precision="place")  # fmt: skip
    assert geo_type(springfield) == 3
    assert geo_fields(springfield, ctx) == [
        "3",
        "Springfield, Illinois, United States",
        "US",
        "USIL",
        "",
        "39.8",
        "-89.6",
        "4250542",
    ]
    iraq = Location(text="Iraq", start=0, end=4, name="Iraq", country="IRQ", lat=33.0,
                    lon=44.0, precision="country")  # fmt: skip
    assert geo_fields(iraq, ctx) == ["1", "Iraq", "IZ", "IZ", "", "33", "44", "IZ"]
    assert geo_type(Location(text="Atlantis", start=0, end=8)) == 0
    assert geo_fields(None, ctx) == ["0", "", "", "", "", "", "", ""]


@pytest.mark.parametrize(
    ("actor", "row"),
    [
        (Actor(text="US", start=0, end=2, code="USAGOVMIL", country="USA", name="Carter"),
         ["USAGOVMIL", "CARTER", "USA", "", "", "", "", "GOV", "MIL", ""]),
        (Actor(text="UN", start=0, end=2, code="IGOUNO", name="United Nations"),
         ["IGOUNO", "UNITED NATIONS", "", "UNO", "", "", "", "IGO", "", ""]),
        (Actor(text="Timorese police", start=0, end=3, code="TMPCOP", country="TLS"),
         ["TMPCOP", "TIMORESE POLICE", "TMP", "", "", "", "", "COP", "", ""]),
        (Actor(text="Sunni rebels", start=0, end=3, code="IRQREBMUSSUN", country="IRQ"),
         ["IRQREBMUSSUN", "SUNNI REBELS", "IRQ", "", "", "MUS", "SUN", "REB", "", ""]),
        (Actor(text="troops", start=0, end=6, sector="MIL"),
         ["MIL", "TROOPS", "", "", "", "", "", "MIL", "", ""]),
    ],
)  # fmt: skip
def test_actor_fields(actor: Actor, row: list[str]) -> None:
    assert actor_fields(actor).row() == row
    assert actor_fields(None).row() == [""] * 10


def test_goldstein_comes_from_the_reference_table() -> None:
    table = (
        Path(__file__).parents[3] / "shared" / "reference" / "cameo" / "CAMEO.goldsteinscale.txt"
    )
    if not table.is_file():
        pytest.skip("no ../shared/reference")
    lines = table.read_text(encoding="utf-8").splitlines()[1:]
    for code, score in (line.split("\t")[:2] for line in lines if line.strip()):
        if code.startswith("01"):
            continue  # CAMEO 01 (statements) is no PLOVER event: not in codes.json
        assert exports.goldstein(code.strip()) == float(score), code
    assert exports.goldstein("9999", fallback=1.5) == 1.5
    assert [exports.quad_class(r) for r in ("03", "07", "13", "19", "00", None)] == [
        1, 2, 3, 4, None, None]  # fmt: skip


# --- PLOVER ------------------------------------------------------------------------------


def test_plover_json_lines(seed_store: Store, hand_store: Store) -> None:
    out = io.StringIO()
    events = seed_store.query_events()
    assert seed_store.export("plover-json", None, stdout=out) == len(events)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    incident_of = _incident_of(seed_store)
    by_id = {r["id"]: r for r in records}
    for event in events:
        r = by_id[event.id]
        assert {"id", "date", "actor", "event"} <= set(r)
        assert r["event"] == [event.plover.type]
        assert r["mode"] == ([event.plover.mode] if event.plover.mode else [])
        assert r["context"] == event.plover.context
        assert [a["entity_text"] for a in r["actor"]] == [a.text for a in event.actors]
        assert [a["cameo_code"] for a in r["recipient"]] == [a.code for a in event.recipients]
        assert event.location is not None
        assert r["event_loc"]["geonameid"] == event.location.geonameid
        assert r["event_loc"]["country_code"] == event.location.country
        assert r["text_info"]["sequence"] == event.evidence.sentence
        assert r["modality"] == event.modality and r["confidence"] == event.confidence
        assert r["link"] == (incident_of[event.id].id if event.id in incident_of else None)
        assert r["quad_code"] in (1, 2, 3, 4)
    captured = next(r for r in records if r["trigger"]["text"] == "captured")
    assert (captured["date"], captured["enddate"]) == ("2014-06-01", "2014-06-30")
    assert captured["actor"][0]["code"] == "IMG" and captured["event_scale"] == -9.5
    assert captured["event_text"] == [
        "IS captured Mosul in June 2014 after driving out the Iraqi army."
    ]
    out = io.StringIO()
    hand_store.export("plover-json", None, stdout=out)
    protest, attack, threat = handmade().events
    hand = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert hand[attack.id]["dead"] == 12 and hand[attack.id]["injured"] == 3
    assert hand[protest.id]["recipient"][0]["sector"] == "COP" and "dead" not in hand[protest.id]
    assert hand[protest.id]["event_loc"]["resolution"] == 4
    assert hand[threat.id]["date"] is None and hand[threat.id]["quad_code"] == 3
    assert hand[threat.id]["event_loc"]["resolution"] == 2


# --- ACLED -------------------------------------------------------------------------------


def test_acled_csv(hand_store: Store) -> None:
    out = io.StringIO()
    assert hand_store.export("acled-csv", None, stdout=out) == 4  # 2 of 3 events, 2 articles
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    protest, attack, _ = handmade().events
    by_id = {r["event_id_cnty"]: r for r in rows}
    p = by_id[f"EGY{global_event_id(protest.id)}"]
    assert (p["event_date"], p["year"], p["time_precision"]) == ("2019-01-04", "2019", "1")
    assert (p["disorder_type"], p["event_type"], p["sub_event_type"]) == (
        "Demonstrations", "Protests", "Protest with intervention")  # fmt: skip
    assert (p["actor1"], p["inter1"], p["actor2"], p["inter2"], p["interaction"]) == (
        "protesters", "6", "Police", "1", "16")  # fmt: skip
    assert (p["iso"], p["country"], p["region"], p["location"]) == (
        "818",
        "Egypt",
        "Africa",
        "Cairo",
    )
    assert (p["latitude"], p["longitude"], p["geo_precision"]) == ("30.06263", "31.24967", "1")
    assert p["tags"] == "crowd size=about 200" and p["fatalities"] == "0"
    assert p["notes"] == "Police fired tear gas at about 200 protesters in Cairo on Friday."
    assert p["source"] == "example.org" and p["civilian_targeting"] == ""
    assert p["timestamp"] == str(int(dt.datetime(2019, 1, 5, tzinfo=dt.UTC).timestamp()))
    a = by_id[f"NGA{global_event_id(attack.id)}"]
    assert (a["event_date"], a["time_precision"], a["fatalities"]) == ("2019-01-01", "3", "12")
    assert (a["inter1"], a["inter2"], a["interaction"]) == ("3", "7", "37")
    assert (a["disorder_type"], a["civilian_targeting"]) == (
        "Political violence", "Civilian targeting")  # fmt: skip
    assert a["notes"].startswith("Gunmen killed 12 villagers") and a["geo_precision"] == "2"


def test_fatalities_rules() -> None:
    def q(value: float | None, *, low: float | None = None, conflicting: bool = False) -> Quantity:
        return Quantity(value=value, low=low, category="killed", conflicting=conflicting,
                        text="x", start=0, end=1)  # fmt: skip

    assert exports.fatalities([]) is None
    assert exports.fatalities([q(5), q(3)]) == 8  # two separate counts
    assert exports.fatalities([q(None, low=20)]) == 20  # "over 20"
    assert exports.fatalities([q(5), q(12, conflicting=True), q(14, conflicting=True)]) == 17


# --- Parquet -----------------------------------------------------------------------------


def _csv_rows(store: Store, *, incidents: bool = False) -> pd.DataFrame:
    out = io.StringIO()
    store.export("csv", None, stdout=out, incidents=incidents)
    return pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)


def _text(value: object) -> str:
    if isinstance(value, dt.datetime):  # a DATE column read back as a timestamp (pandas)
        return value.date().isoformat()
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _same(a: pd.DataFrame, b: pd.DataFrame, key: list[str]) -> None:
    """The same rows (by ``key``) with the same values, numbers compared as numbers."""
    columns = [c for c in a.columns if c not in ("year", "month")]
    left = {tuple(_text(r[k]) for k in key): r for r in a.to_dict("records")}
    right = {tuple(_text(r[k]) for k in key): r for r in b.to_dict("records")}
    assert left.keys() == right.keys()
    for k, row in left.items():
        for column in columns:
            x, y = _text(row[column]), _text(right[k][column])
            if x != y:
                assert x and y and float(x) == pytest.approx(float(y)), (column, x, y)


def test_parquet_is_partitioned_by_year_and_month(hand_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    events = hand_store.query_events()
    assert hand_store.export("parquet", target) == len(events)
    parts = sorted(p.relative_to(target).parent.as_posix() for p in target.rglob("*.parquet"))
    assert parts == ["year=0/month=0", "year=2019/month=1"]
    glob = str(target / "**" / "*.parquet")
    con = duckdb.connect()
    db = con.execute(f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true)").df()
    pa = pd.read_parquet(target)
    expected = _csv_rows(hand_store)
    assert len(db) == len(pa) == len(expected) == len(events)
    _same(db, expected, ["id", "article_id"])
    _same(pa[list(db.columns)], expected, ["id", "article_id"])
    stored = {e.id: e for e in events}
    for row in db.itertuples():
        event = stored[row.id]
        first = date_bounds(event.date.value)[0] if event.date else None
        assert (row.year, row.month) == ((first.year, first.month) if first else (0, 0))
        assert row.plover_type == event.plover.type
    assert sorted(int(y) for y in pa["year"].unique()) == [0, 2019]
    # a second export replaces the first; anything else in the way is left alone
    flt = EventFilter(plover_type="PROTEST")
    assert hand_store.export("parquet", target, flt=flt) == 2
    assert len(pd.read_parquet(target)) == 2 and not list(target.glob("year=0"))
    (tmp_path / "file.parquet").write_text("not mine")
    with pytest.raises(TacitusError, match="not a Parquet export"):
        hand_store.export("parquet", tmp_path / "file.parquet")
    assert (tmp_path / "file.parquet").read_text() == "not mine"


def test_parquet_incidents_partitioned(seed_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "incidents"
    n = seed_store.export("parquet", target, incidents=True)
    assert n == len(seed_store.query_incidents()) > 0
    glob = str(target / "**" / "*.parquet")
    db = (
        duckdb.connect()
        .execute(f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true)")
        .df()
    )
    pa = pd.read_parquet(target)
    expected = _csv_rows(seed_store, incidents=True)
    assert len(db) == len(pa) == n
    _same(db, expected, ["id"])
    _same(pa[list(db.columns)], expected, ["id"])
    years = {int(y) for y in db["year"]}
    assert years == {int(str(d)[:4]) for d in expected["date"]}


# --- filters, errors, CLI ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gdelt-tsv", "plover-json"])
def test_export_a_filtered_set(seed_store: Store, fmt: str) -> None:
    flt = EventFilter(plover_type="ASSAULT")
    wanted = seed_store.query_events(flt)
    out = io.StringIO()
    assert 0 < seed_store.export(fmt, None, stdout=out, flt=flt) == len(wanted)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(wanted) + (1 if fmt == "csv" else 0)
    limited = io.StringIO()
    assert seed_store.export(fmt, None, stdout=limited, flt=EventFilter(limit=2)) == 2


def test_export_errors(seed_store: Store) -> None:
    with pytest.raises(TacitusError, match="gdelt-tsv, gdelt-mentions, plover-json, acled-csv"):
        seed_store.export("xml", None)
    with pytest.raises(TacitusError, match="--incidents is available with jsonl, csv, parquet"):
        seed_store.export("gdelt-tsv", None, incidents=True)
    with pytest.raises(TacitusError, match="--output"):
        seed_store.export("parquet", None)


def test_cli_export_gdelt_writes_both_tables(seed_record: ArticleRecord, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with Store.open(db) as store:
        store.write([seed_record])
        store.update_fusion()
    runner = CliRunner()
    out = tmp_path / "out.export.csv"
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "gdelt-tsv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "(mentions: " in result.stderr and (tmp_path / "out.mentions.csv").is_file()
    assert len(_read_gdelt(out)) == len(_read_mentions(tmp_path / "out.mentions.csv")) > 0
    stdout = runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt-tsv",
                                 "--type", "assault"])  # fmt: skip
    assert stdout.exit_code == 0, stdout.output
    table = _read_gdelt(io.StringIO(stdout.stdout))
    with Store.open_existing(db) as store:
        assaults = store.query_events(EventFilter(plover_type="ASSAULT"))
    assert sorted(table["GLOBALEVENTID"]) == sorted(global_event_id(e.id) for e in assaults)
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "acled-csv", "--incidents"])
    assert bad.exit_code == 2 and "--incidents is available" in bad.stderr


def test_single_file_exports_for_downloads(hand_store: Store, tmp_path: Path) -> None:
    parquet = tmp_path / "events.parquet"
    n = hand_store.export("parquet", parquet, single_file=True)
    assert parquet.is_file() and len(pd.read_parquet(parquet)) == n == 6
    tsv = tmp_path / "events.tsv"
    assert hand_store.export("gdelt-tsv", tsv, single_file=True) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.parquet", "events.tsv"]
