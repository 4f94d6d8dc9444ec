"""Fusion of events from many reports into incidents."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.fusion import fuse
from tacitus.fusion.incidents import (
    EventFeatures,
    IncidentIndex,
    Report,
    article_names,
    asserted_events,
    features,
    linked,
    merge,
    name_weight,
    quantity_value,
    toponym_key,
)
from tacitus.model import (
    Article,
    ArticleRecord,
    Event,
    EventDate,
    Evidence,
    Incident,
    PloverCode,
    Quantity,
    Span,
)
from tacitus.pipeline import Pipeline


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline, fusion_reports: list[Article]) -> tuple[ArticleRecord, ...]:
    return tuple(pipeline.pipe(fusion_reports))


def _bombing(incidents: list[Incident]) -> Incident:
    (found,) = [i for i in incidents if "paper-b" in i.article_ids]
    return found


def test_reports_of_one_bombing_are_one_incident(coded: tuple[ArticleRecord, ...]) -> None:
    fusion = fuse(coded)
    bombing = _bombing(fusion.incidents)
    assert bombing.plover_type == "ASSAULT"
    assert bombing.article_ids == ["paper-b", "paper-c", "wire-1", "wire-2"]
    assert bombing.n_articles == 4
    assert bombing.n_sources == 3  # Wire A's update is not a second source
    assert bombing.date is not None and bombing.date.value == "2016-07-09"
    assert bombing.location is not None and bombing.location.name == "Baghdad"
    assert (bombing.first_reported, bombing.last_reported) == (
        dt.date(2016, 7, 10),
        dt.date(2016, 7, 11),
    )
    protest = [i for i in fusion.incidents if i.plover_type == "PROTEST"]
    assert [p.article_ids for p in protest] == [["paper-c-protest"]]


def test_disagreeing_counts_are_listed_with_who_said_what(
    coded: tuple[ArticleRecord, ...],
) -> None:
    bombing = _bombing(fuse(coded).incidents)
    (killed,) = [d for d in bombing.disagreements if d.field == "killed"]
    claims = {c.value: c.article_ids for c in killed.values}
    assert claims == {"12": ["wire-1", "wire-2"], "14": ["paper-c"], "14+": ["paper-b"]}
    # one outlet each: the latest report's value is the incident's
    assert killed.values[0].value == "14"
    (count,) = [q for q in bombing.quantities if q.category == "killed"]
    assert count.value == 14 and count.conflicting


def test_near_duplicates_are_grouped(coded: tuple[ArticleRecord, ...]) -> None:
    groups = fuse(coded).groups
    assert [(g.article_ids, g.sources) for g in groups] == [(["wire-1", "wire-2"], ["wire a"])]


def test_duplicate_share_before_and_after(coded: tuple[ArticleRecord, ...]) -> None:
    fusion = fuse(coded)
    assert 0.0 < fusion.duplicate_share() < 1.0
    assert len(fusion.incidents) < len(fusion.incident_of)


@settings(max_examples=20, deadline=None)
@given(st.permutations(range(5)))
def test_any_order_gives_the_same_incidents(
    coded: tuple[ArticleRecord, ...], order: list[int]
) -> None:
    records = coded
    assert fuse(records[i] for i in order) == fuse(records)


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(5)))
def test_incremental_ingest_gives_the_same_incidents(
    coded: tuple[ArticleRecord, ...], order: list[int]
) -> None:
    """Adding reports one by one to an index ends where fusing them all at once does."""
    records = coded
    first, rest = [records[i] for i in order[:2]], [records[i] for i in order[2:]]
    index = IncidentIndex()
    for batch in (first, rest):
        for r in batch:
            for e in asserted_events(r):
                index.add(features(e, r.text, r.published))
    expected = [i.events for i in fuse(records).incidents]
    assert sorted(index.components()) == sorted(expected)


def _report(article: str, word: str, day: str | None) -> Report:
    event = Event(
        id=f"ev:{article}:{word}",
        article_id=article,
        plover=PloverCode(type="ASSAULT"),
        date=EventDate(value=day, precision="day", basis="relative") if day else None,
        evidence=Evidence(sentence=0, start=0, end=20, trigger=Span(text=word, start=0, end=4)),
    )
    return Report(event=event, published=dt.date(2017, 3, 22), outlet=article)


def test_a_later_death_does_not_move_the_incidents_date() -> None:
    # two outlets date the victim's dying in hospital, one the shooting the day before
    died = [_report("a", "died", "2017-03-21"), _report("b", "died", "2017-03-21")]
    incident = merge([*died, _report("b", "shot", "2017-03-20")])
    assert incident.date is not None and incident.date.value == "2017-03-20"
    assert [d.field for d in incident.disagreements] == []
    # with no other dated event, the death dates it
    only = merge([*died, _report("c", "shooting", None)])
    assert only.date is not None and only.date.value == "2017-03-21"


def _counting(article: str, published: dt.date, **counts: int) -> Report:
    base = _report(article, "shot", "2017-03-20")
    quantities = [
        Quantity(value=n, low=n, high=n, category=category, text=str(n), start=k, end=k + 1)
        for k, (category, n) in enumerate(counts.items())
    ]
    event = base.event.model_copy(update={"quantities": quantities})
    return Report(event=event, published=published, outlet=article)


def test_a_victim_wounded_then_dead_is_counted_once() -> None:
    day, later = dt.date(2017, 3, 21), dt.date(2017, 3, 23)
    # two outlets tell of a boy shot and in hospital, a later one that he died
    incident = merge(
        [_counting("a", day, injured=1), _counting("b", day, injured=1),
         _counting("c", later, killed=1)]
    )  # fmt: skip
    assert [(q.category, q.value) for q in incident.quantities] == [("killed", 1)]
    # five shot; then one of them died and four are in hospital
    incident = merge([_counting("a", day, injured=5), _counting("b", later, killed=1, injured=4)])
    counts = {q.category: (q.value, q.conflicting) for q in incident.quantities}
    assert counts == {"killed": (1, False), "injured": (4, True)}
    # one report telling of both, apart: both kept
    incident = merge([_counting("a", day, killed=2, injured=3)])
    assert {q.category: q.value for q in incident.quantities} == {"killed": 2, "injured": 3}


# --- linking, on hand-made features ------------------------------------------------------

DAY0 = dt.date(2020, 3, 1).toordinal()


def feature(
    event_id: str,
    article: str = "a",
    kind: str = "ASSAULT",
    day: int = 0,
    place: tuple[float, float] | None = (33.3, 44.4),
    words: str = "bomber market blast",
    actors: frozenset[str] = frozenset(),
    width: int = 0,
    sentence: int = 0,
    toponym: str | None = None,
    geonameid: int | None = None,
) -> EventFeatures:
    return EventFeatures(
        event_id=event_id,
        article_id=article,
        sentence=sentence,
        plover_type=kind,
        cameo_root=None,
        first=DAY0 + day - 1,
        last=DAY0 + day + width + 1,
        day=DAY0 + day if width == 0 else None,
        lat=place[0] if place else None,
        lon=place[1] if place else None,
        radius_km=25.0 if place else None,
        precise=place is not None,
        geonameid=geonameid,
        country="IRQ" if place else None,
        admin1=None,
        coarse=False,
        toponym=toponym,
        actors=actors,
        words=frozenset(words.split()),
    )


def test_linking_rules() -> None:
    a = feature("ev:1")
    assert linked(a, feature("ev:2", article="b"))
    assert not linked(a, feature("ev:2", article="b", kind="PROTEST"))
    assert not linked(a, feature("ev:2", article="b", day=5))  # days apart
    assert linked(a, feature("ev:2", article="b", day=1))  # the day after: slack
    assert not linked(a, feature("ev:2", article="b", place=(36.3, 43.1)))  # Mosul, 350 km
    assert not linked(
        feature("ev:1", actors=frozenset({"USA"})),
        feature("ev:2", article="b", actors=frozenset({"IRN"})),
    )
    # a month-dated report joins the day-dated ones in that month
    assert linked(a, feature("ev:2", article="b", day=-10, width=30))
    # in one article, only the same sentence or the same resolved place
    assert not linked(a, feature("ev:2", sentence=3))
    assert not linked(a, feature("ev:2", article="b", words="talks minister visit", place=None))
    # a province agrees with the places in it, however far its centroid
    basra = feature("ev:2", "b", place=(30.5, 47.8), words="bomber market blast killed 12 dead")
    province = replace(a, admin1="02", coarse=True, precise=False, radius_km=250.0)
    assert not linked(province, basra)  # 530 km from Baghdad: far, and the words say too little
    assert linked(province, replace(basra, admin1="02"))
    # one name the gazetteer resolved to two places far apart: it cannot say they differ
    here = feature("ev:1", place=(33.3, 44.4), toponym="covington", geonameid=1)
    there = feature("ev:2", "b", place=(36.3, 43.1), toponym="covington", geonameid=2)
    assert linked(here, there)
    assert not linked(here, replace(there, toponym="mosul"))
    # undated: only with each other, and on more evidence
    undated = replace(a, first=None, last=None, day=None)
    assert not linked(undated, feature("ev:2", article="b"))
    assert linked(undated, replace(feature("ev:2", article="b"), first=None, last=None, day=None))


@pytest.mark.parametrize(
    ("written", "key"),
    [("LaSalle", "lasalle"), ("La Salle", "lasalle"), ("St. Cloud", "stcloud"),
     ("Saint Cloud", "stcloud"), ("Covington", "covington")],
)  # fmt: skip
def test_toponym_keys(written: str, key: str) -> None:
    assert toponym_key(written) == key


@pytest.mark.parametrize(
    ("common", "rare"),
    [("chicago", "mancera"), ("police", "2300"), ("johnson", "nemours")],
)
def test_a_rare_name_weighs_more_than_a_common_one(common: str, rare: str) -> None:
    assert name_weight(rare) > name_weight(common) >= 0


def test_names_as_common_as_a_city_are_left_out() -> None:
    names = article_names(
        "A man was shot in Chicago near the home of Luis Mancera, 16, at 2300 W. Elm."
    )
    assert names == frozenset({"luis", "mancera", "2300"})


def test_shared_rare_names_link_where_common_ones_do_not() -> None:
    # Sentences that share no word, the next day (no same-day bonus): the names decide. The
    # two later reports share as many names with the first; only the rare ones (a surname, a
    # house number) are evidence, and the common ones are not kept at all.
    def report(event_id: str, article: str, day: int, words: str, names: str) -> EventFeatures:
        return replace(
            feature(event_id, article=article, day=day, words=words, place=None),
            names=article_names("The " + " ".join(n.title() for n in names.split())),
        )

    first = report("ev:1", "a", 0, "man shot outside store", "chicago johnson mancera 2300 sunday")
    rare = report("ev:2", "b", 1, "victim died hospital", "mancera 2300 smith james")
    common = report("ev:3", "c", 1, "victim died hospital", "chicago johnson smith james")
    assert common.names == frozenset()
    assert linked(first, rare)
    assert not linked(first, common)


def test_quantity_values() -> None:
    def q(**kw: object) -> Quantity:
        return Quantity(text="x", start=0, end=1, **kw)  # type: ignore[arg-type]

    assert quantity_value(q(value=4647)) == "4647"
    assert quantity_value(q(value=4650, approx=True)) == "4650~"
    assert quantity_value(q(low=1000)) == "1000+"
    assert quantity_value(q(low=10, high=15)) == "10-15"
    assert quantity_value(q(value=1.5e9)) == "1500000000"
    assert quantity_value(q()) is None


words = st.sampled_from(["bomber market blast", "market blast", "talks minister", "blast"])
features_st = st.builds(
    lambda i, art, kind, day, w, near: feature(
        f"ev:{i:03d}", article=art, kind=kind, day=day, words=w,
        place=(33.3, 44.4) if near else (36.3, 43.1),
    ),
    st.integers(0, 999), st.sampled_from("abcd"), st.sampled_from(["ASSAULT", "PROTEST"]),
    st.integers(0, 6), words, st.booleans(),
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(features_st, min_size=1, max_size=25, unique_by=lambda f: f.event_id), st.randoms())
def test_index_finds_every_link_in_any_order(events: list[EventFeatures], rnd: object) -> None:
    """The blocking index gives the components of the full link graph, whatever the order."""
    shuffled = list(events)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    index = IncidentIndex()
    for f in shuffled:
        index.add(f)
    # brute force: every pair
    parent = {f.event_id: f.event_id for f in events}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            if linked(a, b):
                ra, rb = root(a.event_id), root(b.event_id)
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for f in events:
        groups.setdefault(root(f.event_id), []).append(f.event_id)
    assert index.components() == sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
