"""Each suite on a tiny hand-made gold file, with a stand-in pipeline whose output is known."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tacitus.errors import TacitusError
from tacitus.evaluation import run_evaluation
from tacitus.evaluation.base import Context, GoldSpan, SpanMapper, read_gold
from tacitus.evaluation.coref import score_file as score_coref
from tacitus.evaluation.event_types import score_file as score_types
from tacitus.evaluation.events import score_file as score_events
from tacitus.evaluation.geo import score_event_location, score_geo
from tacitus.evaluation.quotes import gold_is_direct
from tacitus.evaluation.quotes import score_file as score_quotes
from tacitus.evaluation.records import (
    best_date,
    max_count,
    muc_date_range,
    muc_place,
    reported_injured,
)
from tacitus.evaluation.records import score_file as score_records
from tacitus.evaluation.timex import TimeRecord
from tacitus.evaluation.timex import score_file as score_time
from tacitus.model import (
    Actor,
    Article,
    ArticleRecord,
    CameoCode,
    Document,
    Event,
    EventDate,
    Evidence,
    Location,
    Place,
    PloverCode,
    Quantity,
    Quote,
    Removal,
    Span,
)

Maker = Callable[[Article], ArticleRecord]


class FakePipeline:
    """Returns hand-made output for each article text (empty output for unknown texts)."""

    batch_size = 2

    def __init__(self, outputs: dict[str, dict[str, Any]]) -> None:
        self.outputs = outputs

    def documents(self, batch: Sequence[Article]) -> list[Document]:
        docs = []
        for a in batch:
            fields = self.outputs.get(a.text, {})
            docs.append(Document(article=a, text=fields.pop("text", a.text), **fields))
            self.outputs[a.text] = fields
        return docs

    def process_batch(self, batch: Sequence[Article]) -> list[ArticleRecord]:
        return [d.to_record() for d in self.documents(batch)]


def ctx_for(outputs: dict[str, dict[str, Any]], **functions: Callable[..., Any]) -> Context:
    return Context(
        console=Console(quiet=True),
        pipeline_=FakePipeline(outputs),
        functions={k.replace("__", "."): v for k, v in functions.items()},
    )


def write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def actor(text: str, start: int, country: str | None, code: str | None = None) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), country=country, code=code)


def event(
    trigger: tuple[int, int],
    plover: str,
    cameo: str | None = None,
    actors: list[Actor] | None = None,
    recipients: list[Actor] | None = None,
    **extra: Any,
) -> Event:
    code = None
    if cameo:
        code = CameoCode(code=cameo, root=cameo[:2], quad_class=1, goldstein=0.0)
    return Event(
        id=f"ev{trigger[0]}",
        article_id="t",
        plover=PloverCode(type=plover, mode=extra.pop("mode", None)),
        cameo=code,
        actors=actors or [],
        recipients=recipients or [],
        evidence=Evidence(
            sentence=0, start=0, end=1, trigger=Span(text="x", start=trigger[0], end=trigger[1])
        ),
        **extra,
    )


# --- events ----------------------------------------------------------------------------------

EV_TEXT = "France accused Germany of spying."
EV_NONE = "Nothing happened."


def test_events_suite(tmp_path: Path) -> None:
    path = write(
        tmp_path / "events" / "gsr.jsonl",
        [
            {
                "id": "e1",
                "text": EV_TEXT,
                "date": "2016-07-11",
                "events": [
                    {
                        "source": [{"text": "France", "code": "FRA", "sector": None}],
                        "target": [{"text": "Germany", "code": "DEU", "sector": None}],
                        "plover": "DISAPPROVE",  # PLOVER 0.5 name of ACCUSE
                        "cameo": "112",
                        "mode": None,
                        "location": None,
                    }
                ],
            },
            {"id": "e2", "text": EV_NONE, "date": None, "events": []},
        ],
    )
    france, germany = actor("France", 0, "FRA", "FRAGOV"), actor("Germany", 15, "DEU", "DEU")
    ctx = ctx_for(
        {
            EV_TEXT: {"events": [event((7, 14), "ACCUSE", "112", [france], [germany])]},
            # A false alarm in the no-event text, with a source country.
            EV_NONE: {"events": [event((8, 16), "ASSAULT", "190", [france])]},
        }
    )
    result = score_events(path, ctx, None)
    assert result.n == 2
    assert result.metrics["plover_type_acc"] == 1.0
    assert result.metrics["cameo_root_f1"] == pytest.approx(2 / 3)  # 1 tp, 1 fp, 0 fn
    assert result.metrics["source_country_f1"] == pytest.approx(2 / 3)
    assert result.metrics["target_country_f1"] == 1.0


def test_events_suite_nothing_predicted(tmp_path: Path) -> None:
    path = write(
        tmp_path / "events" / "gsr.jsonl",
        [
            {
                "id": "e1",
                "text": EV_TEXT,
                "events": [{"source": [{"code": "FRA"}], "target": [], "plover": "PROTEST"}],
            }
        ],
    )
    result = score_events(path, ctx_for({}), None)
    assert result.metrics == {
        "plover_type_acc": 0.0,
        "source_country_f1": 0.0,
        "target_country_f1": 0.0,
    }  # no gold CAMEO codes: no cameo_root_f1


THREAT_TEXT = "Japan threatened to shell Korea."


def test_events_statement_type_and_legacy_country_codes(tmp_path: Path) -> None:
    """A threatened shelling is THREATEN in the gold; JAP is Japan's legacy CAMEO code."""
    gold = {
        "source": [{"text": "Japan", "code": "JAP", "sector": None}],
        "target": [{"text": "Korea", "code": "KOR", "sector": None}],
        "plover": "THREATEN",
    }
    path = write(
        tmp_path / "events" / "gsr.jsonl",
        [{"id": "t1", "text": THREAT_TEXT, "events": [gold]}],
    )
    japan, korea = actor("Japan", 0, "JPN", "JPN"), actor("Korea", 26, "KOR", "KOR")
    shell = event((19, 24), "ASSAULT", "138", [japan], [korea], modality="future")
    result = score_events(path, ctx_for({THREAT_TEXT: {"events": [shell]}}), None)
    assert result.metrics["plover_type_acc"] == 1.0
    assert result.metrics["source_country_f1"] == 1.0
    # Asserted, the same code would be compared by its own PLOVER type.
    asserted = event((19, 24), "ASSAULT", "190", [japan], [korea])
    result = score_events(path, ctx_for({THREAT_TEXT: {"events": [asserted]}}), None)
    assert result.metrics["plover_type_acc"] == 0.0


# --- event_types -----------------------------------------------------------------------------


def test_event_types_case_and_glocon(tmp_path: Path) -> None:
    texts = ["Jets bombed the town.", "Crowds marched.", "Talks were held.", "Nothing."]
    case = write(
        tmp_path / "event_types" / "case.jsonl",
        [
            {"id": "c1", "text": texts[0], "label": "AIR_STRIKE"},
            {"id": "c2", "text": texts[1], "label": "PEACE_PROTEST"},
            {"id": "c3", "text": texts[2], "label": "DIPLO"},
            {"id": "c4", "text": texts[3], "label": "NATURAL_DISASTER"},
        ],
    )
    outputs = {
        texts[0]: {
            "events": [
                event(
                    (5, 11),
                    "ASSAULT",
                    "195",
                    acled_type="Explosions/Remote violence",
                    acled_sub_type="Air/drone strike",
                )
            ]
        },
        texts[1]: {
            "events": [
                event(
                    (7, 14),
                    "PROTEST",
                    "141",
                    acled_type="Protests",
                    acled_sub_type="Peaceful protest",
                )
            ]
        },
        texts[2]: {"events": [event((11, 15), "AGREE", None)]},  # no label: NONE
    }
    result = score_types(case, ctx_for(outputs), None)
    assert result.metrics["accuracy"] == 0.5
    assert result.metrics["macro_f1"] == pytest.approx(0.5)  # 2 of 4 gold labels perfect
    # Outside ACLED, a diplomatic CAMEO code gives CASE's DIPLO.
    outputs[texts[2]] = {"events": [event((11, 15), "CONSULT", "043")]}
    result = score_types(case, ctx_for(outputs), None)
    assert result.metrics["accuracy"] == 0.75

    glocon = write(
        tmp_path / "event_types" / "glocon_protest.jsonl",
        [
            {"id": "g1", "text": texts[1], "label": "protest"},
            {"id": "g2", "text": texts[2], "label": "not_protest"},
            {"id": "g3", "text": texts[0], "label": "not_protest"},
        ],
    )
    future = {"events": [event((7, 14), "PROTEST", "141", modality="future")]}
    result = score_types(glocon, ctx_for({texts[1]: future}), None)
    assert result.metrics["accuracy"] == pytest.approx(2 / 3)  # a planned protest is not one


def test_event_types_india_police(tmp_path: Path) -> None:
    texts = ["police arrested ten men.", "police did not stop the mob.", "it rained."]
    path = write(
        tmp_path / "event_types" / "india_police.jsonl",
        [
            {"id": "i1", "text": texts[0], "labels": ["ARREST", "ANY_ACTION"], "date": None},
            {"id": "i2", "text": texts[1], "labels": ["FAIL"], "date": "2002-03-01"},
            {"id": "i3", "text": texts[2], "labels": [], "date": None},
        ],
    )
    police = actor("police", 0, "IND")
    outputs = {
        texts[0]: {"events": [event((7, 15), "COERCE", "173", [police], mode="arrest")]},
        texts[1]: {"events": [event((15, 19), "COERCE", None, [police], modality="negated")]},
    }
    result = score_types(path, ctx_for(outputs), None)
    assert result.n == 3
    # i2 predicts FAIL + ANY_ACTION, gold FAIL only: exact-set accuracy 2/3.
    assert result.metrics["accuracy"] == pytest.approx(2 / 3)
    # ARREST 1, FAIL 1, ANY_ACTION 2/3, KILL 0, FORCE 0 over five labels.
    assert result.metrics["macro_f1"] == pytest.approx((1 + 1 + 2 / 3) / 5)


# --- records ---------------------------------------------------------------------------------


def test_records_gva(tmp_path: Path) -> None:
    article = "A man was shot dead and two were hurt in Springfield on Sunday."
    # a second incident told by two outlets
    dayton = ["Two men were shot in Dayton on Friday.", "Two men shot in Dayton on Friday night."]
    path = write(
        tmp_path / "records" / "gva.jsonl",
        [
            {
                "id": "gva:1",
                "date": "2017-04-09",
                "lat": 39.80,
                "lon": -89.64,
                "killed": 1,
                "injured": 2,
                "articles": [{"url": None, "title": "t", "date": "2017-04-10", "text": article}],
            },
            {
                "id": "gva:2",
                "date": "2017-04-07",
                "killed": 0,
                "injured": 2,
                "articles": [
                    {"url": f"https://outlet{i}.example/a", "date": "2017-04-08", "text": t}
                    for i, t in enumerate(dayton)
                ],
            },
        ],
    )
    springfield = Location(
        text="Springfield", start=41, end=52, lat=39.78, lon=-89.65, precision="place"
    )
    shooting = event(
        (10, 14),
        "ASSAULT",
        "190",
        location=springfield,
        date=EventDate(value="2017-04-09", precision="day", basis="relative"),
    )
    quantities = [
        Quantity(value=1, category="killed", text="A man", start=0, end=5),
        Quantity(value=2, category="injured", text="two", start=23, end=26),
    ]
    outputs: dict[str, dict[str, Any]] = {article: {"events": [shooting], "quantities": quantities}}
    for i, text in enumerate(dayton):
        place = Location(text="Dayton", start=19, end=25, lat=39.76, lon=-84.19, precision="place")
        shot = event(
            (13, 17),
            "ASSAULT",
            "190",
            location=place,
            date=EventDate(value="2017-04-07", precision="day", basis="relative"),
        )
        evidence = shot.evidence.model_copy(update={"end": len(text)})
        outputs[text] = {
            "events": [
                shot.model_copy(
                    update={"id": f"ev:d{i}", "article_id": f"gva:2#{i}", "evidence": evidence}
                )
            ],
            "quantities": [Quantity(value=2, category="injured", text="Two", start=0, end=3)],
        }
    result = score_records(path, ctx_for(outputs), None)
    assert result.n == 2
    assert result.metrics == {
        "killed_acc": 1.0,
        "injured_acc": 1.0,
        "location_acc161": 1.0,
        "date_acc": 1.0,
        # the two Dayton reports are one incident, Springfield another
        "incident_pairwise_f1": 1.0,
        "incident_pairwise_precision": 1.0,
        "incident_pairwise_recall": 1.0,
    }
    empty = score_records(path, ctx_for({}), None)
    # nothing found: right only where GVA counts no one killed (gva:2)
    assert empty.metrics["killed_acc"] == 0.5 and empty.metrics["location_acc161"] == 0.0
    assert empty.metrics["incident_pairwise_recall"] == 0.0


def test_records_muc4(tmp_path: Path) -> None:
    text = "LIMA, 3 JAN 90 -- [TEXT] TERRORISTS KIDNAPPED A MAYOR IN SAN ISIDRO YESTERDAY."
    path = write(
        tmp_path / "records" / "muc4.jsonl",
        [
            {
                "id": "m1",
                "text": text,
                "templates": [
                    {
                        "incident_type": "KIDNAPPING",
                        "date": "02 JAN 90",
                        "location": "PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)",
                    }
                ],
            },
            {"id": "m2", "text": "NO INCIDENT HERE.", "templates": []},
        ],
    )
    kidnap = event(
        (36, 45),
        "ASSAULT",
        "181",
        location=Location(text="SAN ISIDRO", start=58, end=68, name="San Isidro"),
        date=EventDate(value="1990-01-02", precision="day", basis="relative"),
    )
    result = score_records(path, ctx_for({text: {"events": [kidnap]}}), None)
    assert result.metrics == {"type_f1": 1.0, "location_f1": 1.0, "date_f1": 1.0}


@pytest.mark.parametrize(
    ("slot", "expected"),
    [
        ("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)", "SAN ISIDRO"),
        ("EL SALVADOR", "EL SALVADOR"),
        (None, None),
    ],
)
def test_muc_place(slot: str | None, expected: str | None) -> None:
    assert muc_place(slot) == expected


def _dated(
    trigger: int,
    plover: str,
    day: str,
    basis: str = "relative",
    article: str = "a",
    word: str = "x",
) -> Event:
    date = EventDate(value=day, precision="day", basis=basis)  # type: ignore[arg-type]
    made = event((trigger, trigger + 1), plover, date=date)
    said = made.evidence.model_copy(
        update={"trigger": Span(text=word, start=trigger, end=trigger + 1)}
    )
    return made.model_copy(update={"article_id": article, "evidence": said})


@pytest.mark.parametrize(
    ("events", "published", "expected"),
    [
        # the attack, not the death in hospital a day later
        ([_dated(1, "ASSAULT", "2017-03-21"), _dated(2, "ASSAULT", "2017-03-20")],
         "2017-03-22", "2017-03-20"),
        # the victim's dying, which more articles date, does not move the attack's day
        ([_dated(1, "ASSAULT", "2017-03-21", article="a", word="died"),
          _dated(2, "ASSAULT", "2017-03-21", article="b", word="died"),
          _dated(3, "ASSAULT", "2017-03-20", article="b", word="shot")],
         "2017-03-22", "2017-03-20"),
        # a death alone still dates the incident
        ([_dated(1, "ASSAULT", "2017-03-21", word="died"),
          _dated(2, "ASSAULT", "2017-03-22", "publication", word="shooting")],
         "2017-03-22", "2017-03-21"),
        # an earlier shooting told as background (over a week before the report) is not it
        ([_dated(1, "ASSAULT", "2017-01-02"), _dated(2, "ASSAULT", "2017-03-19")],
         "2017-03-22", "2017-03-19"),
        # no attack dated in the text: the earliest dated event (the arrest)
        ([_dated(1, "ASSAULT", "2017-03-22", "publication"), _dated(2, "COERCE", "2017-03-21")],
         "2017-03-22", "2017-03-21"),
        # the day most articles give, not a sidebar's older day in one of them
        ([_dated(1, "ASSAULT", "2017-03-18", article="b"), _dated(2, "ASSAULT", "2017-03-20"),
          _dated(3, "ASSAULT", "2017-03-20", article="b")], "2017-03-22", "2017-03-20"),
        # nothing dated in the text: the publication fallback of the best event
        ([_dated(1, "ASSAULT", "2017-03-22", "publication")], "2017-03-22", "2017-03-22"),
        # no event at all: the report's date
        ([], "2017-03-22", "2017-03-22"),
        ([], None, None),
    ],
)  # fmt: skip
def test_gva_best_date(events: list[Event], published: str | None, expected: str | None) -> None:
    records = [
        ArticleRecord(
            id=article,
            text="x",
            events=[e for e in events if e.article_id == article],
            published=published,
        )
        for article in sorted({e.article_id for e in events} or {"a"})
    ]
    assert best_date(records) == expected


def test_gva_max_count_leaves_out_recalled_incidents() -> None:
    recalled = Quantity(value=78, low=78, high=78, category="killed", text="78", start=40, end=42)
    today = Quantity(value=2, low=2, high=2, category="killed", text="two", start=1, end=4)
    old = EventDate(value="1982-01-13", precision="day", basis="explicit", historical=True)
    events = [
        event((5, 6), "ASSAULT", date=old).model_copy(update={"quantities": [recalled]}),
        event((7, 8), "ASSAULT").model_copy(update={"quantities": [today]}),
    ]
    record = ArticleRecord(id="a", text="x" * 50, events=events, quantities=[today, recalled])
    assert max_count([record], "killed") == 2
    # the same count told of this incident too is kept
    events[1] = events[1].model_copy(update={"quantities": [today, recalled]})
    record = record.model_copy(update={"events": events})
    assert max_count([record], "killed") == 78


def _told(article: str, **counts: int) -> ArticleRecord:
    quantities = [
        Quantity(value=n, low=n, high=n, category=category, text=str(n), start=k, end=k + 1)
        for k, (category, n) in enumerate(counts.items())
    ]
    return ArticleRecord(id=article, text="x" * 10, quantities=quantities)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # first told wounded, then dead: one of the killed, not also one of the injured
        ([_told("a", injured=1), _told("b", killed=1)], 0),
        # five shot, then one of them died: four injured
        ([_told("a", injured=5), _told("b", killed=1, injured=4)], 4),
        ([_told("a", injured=5), _told("b", killed=1)], 5),  # a report tells of more hurt
        ([_told("a", killed=2, injured=3)], 3),
        ([_told("a")], 0),
        ([], 0),
    ],
)
def test_gva_injured_is_the_fullest_reports(reports: list[ArticleRecord], expected: int) -> None:
    assert reported_injured(reports) == expected


def test_muc_date_range() -> None:
    lo, hi = muc_date_range("26 DEC 89 - 30 DEC 89") or (None, None)
    assert (str(lo), str(hi)) == ("1989-12-26", "1989-12-30")
    assert muc_date_range(None) is None
    assert muc_date_range("UNKNOWN") is None


def test_records_spans(tmp_path: Path) -> None:
    text = "Rebels killed two soldiers in Homs."
    path = write(
        tmp_path / "records" / "wikievents.jsonl",
        [
            {
                "id": "w1",
                "text": text,
                "events": [
                    {
                        "type": "Life.Die.Unspecified",
                        "trigger": {"start": 7, "end": 13, "text": "killed"},
                        "arguments": [
                            {"role": "Killer", "start": 0, "end": 6, "text": "Rebels"},
                            {"role": "Victim", "start": 18, "end": 26, "text": "soldiers"},
                            {"role": "Place", "start": 30, "end": 34, "text": "Homs"},
                        ],
                    }
                ],
            }
        ],
    )
    killed = event(
        (7, 13),
        "ASSAULT",
        "190",
        [actor("Rebels", 0, None)],
        location=Location(text="Homs", start=30, end=34),
    )
    spurious = event((0, 1), "CONSULT")
    result = score_records(path, ctx_for({text: {"events": [killed, spurious]}}), None)
    assert result.metrics["trigger_recall"] == 1.0
    assert result.metrics["trigger_f1"] == pytest.approx(2 / 3)
    assert result.metrics["participant_arg_recall"] == 0.5  # victim not found
    assert result.metrics["place_acc"] == 1.0


# --- geo and event_location ------------------------------------------------------------------


def test_geo_suite(tmp_path: Path) -> None:
    text = "Flooding hit Mosul and Paris."
    path = write(
        tmp_path / "geo" / "lgl.jsonl",
        [
            {
                "id": "g1",
                "text": text,
                "toponyms": [
                    {"start": 13, "end": 18, "text": "Mosul", "lat": 36.34, "lon": 43.13},
                    {"start": 23, "end": 28, "text": "Paris", "lat": 48.85, "lon": 2.35},
                ],
            }
        ],
    )

    def resolve(document: str, spans: list[tuple[int, int]]) -> list[Place | None]:
        assert document == text
        # Paris, Texas: recognised but resolved wrong.
        coords = {"Mosul": (36.3, 43.1), "Paris": (33.66, -95.55)}
        points = [(s, e, *coords[text[s:e]]) for s, e in spans]
        return [Place(text=text[s:e], start=s, end=e, lat=a, lon=o) for s, e, a, o in points]

    places = [Place(text="Mosul", start=13, end=18, lat=36.3, lon=43.1)]

    def offered(name: str) -> list[Place]:
        # Paris, Texas only: no reading of "Paris" within 161 km of the gold point.
        coords = {"Mosul": [(36.3, 43.1)], "Paris": [(33.66, -95.55)]}[name]
        return [Place(text=name, start=0, end=len(name), lat=a, lon=o) for a, o in coords]

    ctx = ctx_for(
        {text: {"places": places}},
        places__resolve_toponyms=resolve,
        places__toponym_candidates=offered,
    )
    result = score_geo(path, ctx, None)
    assert result.metrics["acc161_gold_spans"] == 0.5
    assert result.metrics["candidate_coverage"] == 0.5
    assert result.metrics["recognition_f1"] == pytest.approx(2 / 3)
    assert result.metrics["acc161_end_to_end"] == 0.5


def test_event_location_suite(tmp_path: Path) -> None:
    texts = ["Troops clashed in Homs on Friday.", "Prices rose again.", "He spoke in Rome."]
    path = write(
        tmp_path / "event_location" / "halterman.jsonl",
        [
            {
                "id": "h1",
                "text": texts[0],
                "event": {"start": 7, "end": 14, "text": "clashed"},
                "location": {"start": 18, "end": 22, "text": "Homs"},
            },
            {
                "id": "h2",
                "text": texts[1],
                "event": {"start": 7, "end": 11, "text": "rose"},
                "location": None,
            },
            {
                "id": "h3",
                "text": texts[2],
                "event": {"start": 3, "end": 8, "text": "spoke"},
                "location": {"start": 12, "end": 16, "text": "Rome"},
            },
        ],
    )
    seen: list[str] = []

    def event_location(doc: Document, trigger: Span) -> Location | None:
        seen.append(trigger.text)
        if "Homs" in doc.text:
            return Location(text="Homs", start=18, end=22)
        return None

    result = score_event_location(path, ctx_for({}, places__event_location=event_location), None)
    assert seen == ["clashed", "rose", "spoke"]
    assert result.metrics["accuracy"] == pytest.approx(2 / 3)


# --- time ------------------------------------------------------------------------------------

TIME_TEXT = "On Friday the bank said prices rose in one quarter or other of 1998."
TIME_ROW = {
    "id": "t1",
    "text": TIME_TEXT,
    "dct": "1998-08-10",
    "timexes": [
        {"start": 3, "end": 9, "text": "Friday", "type": "DATE", "value": "1998-08-07"},
        {
            "start": 39,
            "end": 67,
            "text": "one quarter or other of 1998",
            "type": "DATE",
            "value": "1998-QX",
        },
    ],
}


def test_time_suite(tmp_path: Path) -> None:
    path = write(tmp_path / "time" / "tb.jsonl", [TIME_ROW])

    def normalize(text: str, dct: Any) -> EventDate | None:
        assert str(dct) == "1998-08-10"
        return (
            EventDate(value="1998-08-07", precision="day", basis="relative")
            if text == "Friday"
            else None
        )

    dates = [
        EventDate(
            value="1998-08-07", precision="day", basis="relative", text="Friday", start=3, end=9
        ),
        EventDate(value="1998", precision="year", basis="explicit", text="1998", start=63, end=67),
    ]

    def normalize_spans(
        parsed: Any, text: str, spans: list[tuple[int, int]], dct: Any
    ) -> list[EventDate | None]:
        # in context, the wrong day: the two scores differ
        assert text == TIME_TEXT and spans == [(3, 9)]
        return [EventDate(value="1998-07-31", precision="day", basis="relative")]

    ctx = ctx_for(
        {TIME_TEXT: {"dates": dates}},
        dates__normalize_timex=normalize,
        dates__normalize_spans=normalize_spans,
    )
    result = score_time(path, ctx, None)
    # Only "Friday" is scored (an underspecified quarter is not); "1998" inside it is ignored.
    assert result.metrics == {
        "value_acc_gold_spans": 0.0,
        "value_acc_gold_spans_alone": 1.0,
        "value_f1_end_to_end": 1.0,
    }


def test_time_suite_with_cleaned_text(tmp_path: Path) -> None:
    """Gold offsets are moved onto the cleaned text before comparing."""
    path = write(tmp_path / "time" / "tb.jsonl", [TIME_ROW])
    cleaned = TIME_TEXT[3:]  # cleaning removed "On "
    dates = [EventDate(value="1998-08-07", precision="day", basis="relative", start=0, end=6)]
    outputs = {
        TIME_TEXT: {
            "text": cleaned,
            "removed": [Removal(start=0, end=3, text="On ", reason="test")],
            "dates": dates,
        }
    }
    seen: list[list[tuple[int, int]]] = []

    def normalize_spans(parsed: Any, text: str, spans: Any, dct: Any) -> list[EventDate | None]:
        seen.append(spans)
        return [None] * len(spans)

    ctx = ctx_for(
        outputs,
        dates__normalize_timex=lambda t, d: None,
        dates__normalize_spans=normalize_spans,
    )
    result = score_time(path, ctx, None)
    assert result.metrics["value_f1_end_to_end"] == 1.0
    assert result.metrics["value_acc_gold_spans"] == 0.0
    assert seen == [[(0, 6)]]  # "Friday" moved onto the cleaned text


@pytest.mark.parametrize(
    ("original", "cleaned", "removed", "span", "expected"),
    [
        ("abc def", "abc def", [], (4, 7), (4, 7)),
        (
            "xx abc def",
            "abc def",
            [Removal(start=0, end=3, text="xx ", reason="r")],
            (7, 10),
            (4, 7),
        ),
        ("xx abc def", "abc def", [Removal(start=0, end=3, text="xx ", reason="r")], (0, 2), None),
        ("abc  def", "abc def", [], (5, 8), (4, 7)),  # whitespace squeezed, no removal listed
    ],
)
def test_span_mapper(
    original: str,
    cleaned: str,
    removed: list[Removal],
    span: tuple[int, int],
    expected: tuple[int, int] | None,
) -> None:
    assert SpanMapper(original, cleaned, removed)(*span) == expected


# --- quotes and coref ------------------------------------------------------------------------


def test_quotes_suite(tmp_path: Path) -> None:
    text = '"We will win," he said. Critics believe it is over.'
    path = write(
        tmp_path / "quotes" / "polnear.jsonl",
        [
            {
                "id": "q1",
                "text": text,
                "attributions": [
                    {
                        "source": {"start": 15, "end": 17, "text": "he"},
                        "cue": {"start": 18, "end": 22, "text": "said"},
                        "content": {"start": 0, "end": 14, "text": '"We will win,"'},
                    },
                    {
                        "source": {"start": 24, "end": 31, "text": "Critics"},
                        "cue": None,
                        "content": {"start": 40, "end": 50, "text": "it is over"},
                    },
                ],
            }
        ],
    )
    quote = Quote(speaker=actor("he", 15, "USA"), text="We will win,", start=1, end=13)
    result = score_quotes(path, ctx_for({text: {"quotes": [quote]}}), None)
    assert result.metrics["content_f1"] == pytest.approx(2 / 3)
    assert result.metrics["source_f1"] == pytest.approx(2 / 3)
    # the direct quote is right (P 1, R 1); the indirect belief was not found (P 0, R 0)
    assert result.metrics["source_f1_direct"] == 1.0
    assert result.metrics["source_f1_indirect"] == 0.0


def test_quotes_suite_reads_two_character_marks(tmp_path: Path) -> None:
    text = "''We will win,'' he said."
    path = write(
        tmp_path / "quotes" / "polnear.jsonl",
        [
            {
                "id": "q1",
                "text": text,
                "attributions": [
                    {
                        "source": {"start": 17, "end": 19, "text": "he"},
                        "cue": {"start": 20, "end": 24, "text": "said"},
                        "content": {"start": 2, "end": 14, "text": "We will win,"},
                    }
                ],
            }
        ],
    )
    quote = Quote(speaker=actor("he", 17, "USA"), text="We will win", start=2, end=13)
    result = score_quotes(path, ctx_for({text: {"quotes": [quote]}}), None)
    assert result.metrics["source_f1_direct"] == 1.0  # the gold is direct: in "''" marks
    assert result.metrics["source_f1_indirect"] == 0.0


def _content(text: str, content: str) -> GoldSpan:
    start = text.index(content)
    return GoldSpan(start=start, end=start + len(content), text=content)


@pytest.mark.parametrize(
    ("text", "content", "direct"),
    [
        ('He said "we will win" today.', "we will win", True),
        ("He said \u201cwe will win\u201d today.", "we will win", True),
        ("''We will win,'' he said.", "We will win,", True),
        ("``We will win,'' he said.", "We will win,", True),
        ("''We will win", "We will win", True),  # only the opening mark
        ("He said, ''it is over.''", "it is over.", True),
        ("He said ''we will win'' today.", "''we will win''", True),  # marks in the content
        ("The players' union said they would strike.", "they would strike", False),
        ("Rock 'n' roll is dead, he said.", "Rock 'n' roll is dead", False),
        ("He said it is 'dead' now.", "it is 'dead' now", False),
        ("He said the 'wrong track' is over.", "the 'wrong track' is over", False),
    ],
)
def test_gold_is_direct(text: str, content: str, direct: bool) -> None:
    assert gold_is_direct(text, _content(text, content)) is direct


def test_coref_suite(tmp_path: Path) -> None:
    text = "Tara Reid entered rehab. Reid is 33. Her rep spoke."
    path = write(
        tmp_path / "coref" / "ecb.jsonl",
        [
            {
                "id": "d1",
                "topic": 1,
                "subtopic": "1_ecb",
                "text": text,
                "mentions": [
                    {"id": "m1", "start": 0, "end": 9, "text": "Tara Reid", "kind": "participant"},
                    {"id": "m2", "start": 25, "end": 29, "text": "Reid", "kind": "participant"},
                    {"id": "m3", "start": 37, "end": 44, "text": "Her rep", "kind": "participant"},
                    {"id": "m4", "start": 10, "end": 17, "text": "entered", "kind": "action"},
                ],
                "clusters": [{"id": "c1", "mention_ids": ["m1", "m2"]}],
            }
        ],
    )
    actors = [
        Actor(text="Tara Reid", start=0, end=9, name="Tara Reid"),
        Actor(text="Reid", start=25, end=29, name="Tara Reid"),
    ]
    result = score_coref(path, ctx_for({text: {"actors": actors}}), None)
    assert result.metrics["conll_f1"] == pytest.approx(1.0)
    assert result.metrics["b3_f1"] == pytest.approx(1.0)
    none = score_coref(path, ctx_for({}), None)
    assert none.metrics["conll_f1"] < 1.0


# --- the runner ------------------------------------------------------------------------------


def test_run_evaluation_errors(tmp_path: Path) -> None:
    console = Console(quiet=True)
    with pytest.raises(TacitusError, match="does not exist"):
        run_evaluation(tmp_path / "missing", None, None, console)
    with pytest.raises(TacitusError, match="Unknown evaluation suite 'nope'"):
        run_evaluation(tmp_path, ["nope"], None, console)


def test_run_evaluation_skips_absent_folders_and_reports_metrics(tmp_path: Path) -> None:
    """Only time/ exists: its file is scored with the real pipeline, geo/ is skipped."""
    write(tmp_path / "time" / "tb.jsonl", [TIME_ROW])
    results = run_evaluation(tmp_path, ["time", "geo"], None, Console(quiet=True))
    assert list(results) == ["time/tb"]
    scores = results["time/tb"]
    assert set(scores) == {
        "n",
        "value_acc_gold_spans",
        "value_acc_gold_spans_alone",
        "value_f1_end_to_end",
    }
    assert scores["n"] == 1
    assert all(0.0 <= v <= 1.0 for k, v in scores.items() if k != "n")


def test_read_gold_samples_deterministically(tmp_path: Path) -> None:
    rows = [dict(TIME_ROW, id=f"t{i}") for i in range(10)]
    path = write(tmp_path / "t.jsonl", rows)
    first, total = read_gold(path, TimeRecord, 3)
    again, _ = read_gold(path, TimeRecord, 3)
    assert total == 10
    assert [r.id for r in first] == [r.id for r in again]
    assert len(first) == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(TacitusError, match="invalid JSON"):
        read_gold(bad, TimeRecord, None)


def test_case_text_label_is_the_lead_sentences_event() -> None:
    from tacitus.evaluation.event_types import text_label

    lead = event(
        (0, 5),
        "ASSAULT",
        "195",
        acled_type="Explosions/Remote violence",
        acled_sub_type="Air/drone strike",
        confidence=0.4,
    )
    later = event(
        (40, 45),
        "PROTEST",
        "141",
        acled_type="Protests",
        acled_sub_type="Peaceful protest",
        confidence=0.9,
    )
    later.evidence.sentence = 1
    assert text_label([later, lead]) == "AIR_STRIKE"
    assert text_label([later]) == "PEACE_PROTEST"
    assert text_label([]) == "NONE"


def test_actor_key_falls_back_to_the_role() -> None:
    from tacitus.evaluation.events import actor_key

    assert (
        actor_key(Actor(text="Iraqi army", start=0, end=10, code="IRQMIL", country="IRQ")) == "IRQ"
    )
    assert actor_key(Actor(text="Congress", start=0, end=8, sector="LEG")) == "LEG"
    assert actor_key(Actor(text="people", start=0, end=6)) is None
