"""The places stage: recognition, resolution, offsets, event location."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.model import Article, Document, Event, Evidence, Place, PloverCode, Span
from tacitus.pipeline import load_spacy
from tacitus.stages import STAGES
from tacitus.stages.gazetteer import Entry, distance_km, load_gazetteer
from tacitus.stages.places import (
    _DIRECTION_ONLY_BEFORE,
    _NEAR_BEFORE,
    _OFFSET_BEFORE,
    Coherence,
    Mention,
    _may_end_in_offset,
    _near,
    _text_length,
    _title_case_lines,
    country_aliases,
    destination,
    event_location,
    find_offset,
    geo_precision,
    make_places,
    resolve_toponym,
    resolve_toponyms,
    toponym_candidates,
)

Make = Callable[..., Document]


def _event(text: str, trigger: str, occurrence: int = 0) -> Event:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    span = Span(text=trigger, start=start, end=start + len(trigger))
    evidence = Evidence(sentence=0, start=0, end=len(text), trigger=span)
    return Event(id=f"ev{start}", article_id="t", plover=PloverCode(type="X"), evidence=evidence)


@pytest.fixture(scope="module")
def located() -> Make:
    """``located(text, *triggers)``: a parsed Document with events on ``triggers``, after
    the places stage has run (earlier stages replaced by hand-made events)."""
    nlp = load_spacy()
    run = make_places()

    def make(text: str, *triggers: str) -> Document:
        doc = Document(article=Article(id="t", text=text), text=text, spacy=nlp(text))
        doc.events = [_event(text, t) for t in triggers]
        run(doc)
        return doc

    return make


def test_registration() -> None:
    info = STAGES["places"]
    assert info.reads == ("spacy", "events")
    assert info.writes == ("places", "events.location")
    assert info.needs_parse


@pytest.mark.parametrize(
    ("name", "context", "geonameid", "country", "precision"),
    [
        ("Baghdad", "", 98182, "IRQ", "place"),
        ("Mosul", "", 99072, "IRQ", "place"),
        ("Qayara", "Iraqi forces took the base.", 99003, "IRQ", "place"),
        ("Iraq", "", 99237, "IRQ", "country"),
        ("United States", "", 6252001, "USA", "country"),
        ("US", "", 6252001, "USA", "country"),  # not the French village "Us"
        ("Paris", "", 2988507, "FRA", "place"),
        ("Minnesota", "", 5037779, "USA", "admin1"),
    ],
)
def test_resolve_toponym(
    name: str, context: str, geonameid: int, country: str, precision: str
) -> None:
    place = resolve_toponym(name, context)
    assert place is not None
    assert (place.geonameid, place.country, place.precision) == (geonameid, country, precision)
    assert place.lat is not None and place.lon is not None


def test_context_picks_the_state() -> None:
    egypt = resolve_toponym("Alexandria")
    minnesota = resolve_toponym("Alexandria", "Flooding closed roads across Minnesota.")
    assert egypt is not None and egypt.country == "EGY"
    assert minnesota is not None and (minnesota.country, minnesota.admin1) == ("USA", "MN")


def _name_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for name in names:
        start = text.index(name, at)
        spans.append((start, start + len(name)))
        at = start + len(name)
    return spans


@pytest.mark.parametrize(
    ("text", "names", "target", "expected"),
    [
        # the admin hierarchy: a comma and a state or country qualify the place
        ("He grew up in Springfield, Illinois.", ["Springfield", "Illinois"], 0, ("USA", "IL")),
        ("Then Springfield, Massachusetts, voted.", ["Springfield", "Massachusetts"], 0,
         ("USA", "MA")),
        ("Storms hit Paris, Texas, on Monday.", ["Paris", "Texas"], 0, ("USA", "TX")),
        ("Paris wants lower tariffs.", ["Paris"], 0, ("FRA", "11")),
        # the other places of the text: Alexandria near Arlington is the Virginian one
        ("Police in Alexandria and Arlington, Virginia, made arrests.",
         ["Alexandria", "Arlington", "Virginia"], 0, ("USA", "VA")),
        # a name said many times is one clue to where the text is, and never a clue for
        # itself: Gainesville in Hall County is the Georgian one, and Georgia the state
        ("Gainesville police said Gainesville schools in Gainesville and Hall County, Georgia, "
         "closed.", ["Gainesville", "Gainesville", "Gainesville", "Hall County", "Georgia"], 0,
         ("USA", "GA")),
        ("Gainesville police said Gainesville schools in Gainesville and Hall County, Georgia, "
         "closed.", ["Gainesville", "Gainesville", "Gainesville", "Hall County", "Georgia"], 4,
         ("USA", "GA")),
        # a country's name means the country, even among US places
        ("Trade between Ohio and Mexico grew.", ["Ohio", "Mexico"], 1, ("MEX", None)),
        # a capital, and a big city named like its state
        ("Officials in Washington said so.", ["Washington"], 0, ("USA", "DC")),
        ("Rents in New York rose.", ["New York"], 0, ("USA", "NY")),
        # an acronym is not the town that happens to share its letters
        ("The EU and Japan signed.", ["EU", "Japan"], 0, (None, None)),
    ],
)  # fmt: skip
def test_resolve_toponyms_together(
    text: str, names: list[str], target: int, expected: tuple[str | None, str | None]
) -> None:
    places = resolve_toponyms(text, _name_spans(text, names))
    assert len(places) == len(names)
    place = places[target]
    assert place is not None and (place.country, place.admin1) == expected


def test_resolve_toponyms_kinds() -> None:
    text = "Officials in Washington and New York met envoys from the EU."
    dc, ny, eu = resolve_toponyms(text, _name_spans(text, ["Washington", "New York", "EU"]))
    assert dc is not None and dc.precision == "place" and dc.geonameid == 4140963
    assert ny is not None and ny.precision == "place" and ny.geonameid == 5128581
    assert eu is not None and eu.name == "Europe"


def test_resolve_toponyms_unknown_and_order() -> None:
    text = "From Xqzzvlorp to Mosul."
    unknown, mosul = resolve_toponyms(text, _name_spans(text, ["Xqzzvlorp", "Mosul"]))
    assert unknown is None
    assert mosul is not None and mosul.geonameid == 99072
    # spans given out of order come back in the order given
    spans = list(reversed(_name_spans(text, ["Xqzzvlorp", "Mosul"])))
    later, earlier = resolve_toponyms(text, spans)
    assert later is not None and later.geonameid == 99072 and earlier is None


@pytest.mark.parametrize(
    ("name", "countries"),
    [("Iraqi", ("IRQ",)), ("Syrians", ("SYR",)), ("Americans", ("USA",)), ("Martians", ())],
)
def test_country_aliases(name: str, countries: tuple[str, ...]) -> None:
    assert country_aliases(load_gazetteer(), name) == countries


@pytest.mark.parametrize("name", ["", "   ", "Xqzzvlorp"])
def test_resolve_toponym_unknown(name: str) -> None:
    assert resolve_toponym(name) is None


def _place(text: str, name: str) -> Place:
    start = text.rindex(name)
    return Place(text=name, start=start, end=start + len(name), name=name)


@pytest.mark.parametrize(
    ("before", "phrase", "km", "direction"),
    [
        ("the Qayara airbase, ", "about 64km (40 miles) south of Mosul", 64.0, "S"),
        ("a village ", "50 miles north-west of Baghdad", 80.5, "NW"),
        ("fighting ", "12 kilometres northeast of Aleppo", 12.0, "NE"),
        ("a camp ", "5 km east of the town of Tikrit", 5.0, "E"),
        ("clashes ", "just north of Kirkuk", None, "N"),
        ("a checkpoint ", "near Ramadi", None, None),
        ("a market ", "outside Kabul", None, None),
    ],
)
def test_find_offset(before: str, phrase: str, km: float | None, direction: str | None) -> None:
    text = before + phrase
    reference = phrase.split()[-1]
    offset = find_offset(text, _place(text, reference))
    assert offset is not None
    assert offset.text == phrase == text[offset.start : offset.end]
    assert (offset.distance_km, offset.direction, offset.reference) == (km, direction, reference)


@pytest.mark.parametrize(
    ("lat", "lon", "km", "bearing", "expected"),
    [
        (36.34, 43.13, 64.0, 180.0, (35.764, 43.13)),  # 64 km south of Mosul
        (0.0, 0.0, 111.195, 90.0, (0.0, 1.0)),  # one degree of the equator, eastwards
        (0.0, 179.5, 111.195, 90.0, (0.0, -179.5)),  # across the antimeridian
        (10.0, 20.0, 0.0, 45.0, (10.0, 20.0)),
    ],
)
def test_destination(
    lat: float, lon: float, km: float, bearing: float, expected: tuple[float, float]
) -> None:
    assert destination(lat, lon, km, bearing) == pytest.approx(expected, abs=1e-3)


def test_offset_point_and_radius() -> None:
    text = "the Qayara airbase, about 64km (40 miles) south of Mosul"
    mosul = _place(text, "Mosul").model_copy(update={"lat": 36.34, "lon": 43.13})
    offset = find_offset(text, mosul)
    assert offset is not None and offset.lat is not None and offset.lon is not None
    # Qayyarah West airfield is at 35.77 N, 43.13 E
    assert distance_km(offset.lat, offset.lon, 35.77, 43.13) < 5
    assert offset.radius_km == pytest.approx(64 * 0.3827, abs=0.1)
    # no point without the reference's coordinates, or without a direction
    assert find_offset(text, _place(text, "Mosul")).lat is None  # type: ignore[union-attr]
    near = find_offset("a checkpoint near Ramadi", _place("a checkpoint near Ramadi", "Ramadi"))
    assert near is not None and near.lat is None and near.radius_km is None


@pytest.mark.parametrize(
    ("precision", "has_point", "expected"),
    [("place", True, 1), ("point", True, 1), ("admin2", True, 2), ("admin1", True, 3),
     ("country", True, 3), (None, True, 3), ("place", False, None)],
)  # fmt: skip
def test_geo_precision(precision: str | None, has_point: bool, expected: int | None) -> None:
    assert geo_precision(precision, has_point) == expected


@pytest.mark.parametrize(
    "text", ["Troops entered Mosul.", "He flew from Mosul to Baghdad.", "Mosul fell in 2014."]
)
def test_find_offset_none(text: str) -> None:
    assert find_offset(text, _place(text, "Mosul")) is None


_OFFSET_WORDS = (
    "about", "64", "12.5", "km", "kms", "kilometres", "(40 miles)", "mi", "miles", "south",
    "north-west", "SE", "eastern", "of", "from", "the", "city", "town", "of the", "near",
    "nearby", "outside", "close", "to", "just", "not", "far", "on", "outskirts", "vicinity",
    "in", "Outſide", "NEAR", "Of", "FROM", "x",
)  # fmt: skip
_SPACES = (" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x85", "\x1c", "-", ",")


@settings(max_examples=600, deadline=None)
@given(
    st.text(max_size=20),
    st.lists(st.tuples(st.sampled_from(_OFFSET_WORDS), st.sampled_from(_SPACES)), max_size=9),
)
def test_offset_tail_test_is_necessary(prefix: str, pieces: list[tuple[str, str]]) -> None:
    """``find_offset``'s quick test never rules out a text that one of its patterns matches."""
    window = prefix + "".join(word + space for word, space in pieces)
    if any(p.search(window) for p in (_OFFSET_BEFORE, _DIRECTION_ONLY_BEFORE, _NEAR_BEFORE)):
        assert _may_end_in_offset(window)


def test_offset_tail_test() -> None:
    assert _may_end_in_offset("an ambush 64km (40 miles) south of ")
    assert _may_end_in_offset("fighting on the outskirts of\n ")
    assert not _may_end_in_offset("Troops entered ")
    assert not _may_end_in_offset("")


@pytest.mark.parametrize(
    "text", ["Mosul.", "Troops entered Mosul.  \n", "\n\nBAGHDAD (Reuters) -  A bomb.\n\n"]
)
def test_text_length(text: str) -> None:
    assert _text_length(load_spacy()(text)) == len(text)


def _spans(doc: Document) -> list[tuple[str, str | None]]:
    return [(p.text, p.country) for p in doc.places]


def test_places_carry_evidence_offsets(located: Make) -> None:
    text = "Fighting in Falluja and Mosul forced Iraqi families to flee to Syria."
    doc = located(text)
    assert _spans(doc) == [("Falluja", "IRQ"), ("Mosul", "IRQ"), ("Iraqi", "IRQ"), ("Syria", "SYR")]
    for place in doc.places:
        assert text[place.start : place.end] == place.text
    iraqi = doc.places[2]
    assert (iraqi.name, iraqi.precision) == ("Iraq", "country")  # a demonym is the country


def test_proper_noun_found_by_context(located: Make) -> None:
    doc = located("The troops will build up the Qayara airbase.")
    assert [(p.text, p.geonameid) for p in doc.places] == [("Qayara", 99003)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # spaCy's small model tags these as a person, an organisation or a language
        ("Meanwhile in the war-ravaged capital Grozny, dozens of people died.", "Grozny"),
        ("Fighting continued in the southern sector of Aleppo this morning.", "Aleppo"),
        ("Clashes erupted in the northern Hama countryside.", "Hama"),
        ("BAGHDAD (Reuters) - Talks resumed.", "BAGHDAD"),  # a dateline
    ],
)
def test_mislabelled_places_found_by_context(located: Make, text: str, name: str) -> None:
    assert name in [p.text for p in located(text).places]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gunmen stormed the village of Xqzzvlorp on Sunday.", "Xqzzvlorp"),
        ("Gunmen stormed Xqzzvlorp village on Sunday.", "Xqzzvlorp"),
    ],
)
def test_unknown_settlement_kept_unresolved(located: Make, text: str, name: str) -> None:
    doc = located(text, "stormed")
    (place,) = [p for p in doc.places if p.text == name]
    assert place.lat is None and place.geonameid is None  # no point is guessed
    location = doc.events[0].location
    assert location is not None and (location.text, location.basis) == (name, "parse")


@pytest.mark.parametrize(
    ("text", "trigger", "where"),
    [
        ("Nationalists demonstrated outside his office and in Hebron on Friday.",
         "demonstrated", "Hebron"),  # conjoined prepositions
        ("U.S. jets patrolled over northern Iraq.", "patrolled", "Iraq"),  # aerial verbs
        ("Rebels have captured a third of Zaire.", "captured", "Zaire"),  # a part of it
        ("Nangarhar residents protested on the road.", "protested", "Nangarhar"),
        ("A policeman was shot in an ambush south of Tikrit.", "shot", "Tikrit"),
        ("A politician was shot dead in Sri Lanka's north on Monday.", "shot", "Sri Lanka"),
        # the finer of two nested places
        ("Soldiers shot two men in the West Bank town of Tulkarm.", "shot", "Tulkarm"),
        ("A bomb killed six people in Hebron in the West Bank.", "killed", "Hebron"),
        ("A car bomb exploded in the Karradah neighbourhood of Baghdad.", "exploded",
         "Karradah"),
    ],
)  # fmt: skip
def test_event_location_from_the_parse(located: Make, text: str, trigger: str, where: str) -> None:
    location = located(text, trigger).events[0].location
    assert location is not None and (location.text, location.basis) == (where, "parse")


@pytest.mark.parametrize(
    "text",
    [
        "The meeting ended in June without a deal.",
        "Shares fell sharply on Tuesday.",
        "",
    ],
)
def test_no_places(located: Make, text: str) -> None:
    assert located(text).places == []


@pytest.mark.parametrize(
    ("text", "trigger", "where", "geonameid"),
    [
        ("IS captured Mosul in June 2014.", "captured", "Mosul", 99072),
        ("A car bomb exploded in Baghdad on Monday.", "exploded", "Baghdad", 98182),
        ("In the West Bank city of Nablus, a man was shot.", "shot", "Nablus", 282615),
        ("Militants attacked a checkpoint near Ramadi, killing two.", "attacked", "Ramadi", 98717),
        ("The United States will send 560 more troops to Iraq.", "send", "Iraq", 99237),
    ],
)
def test_event_location(located: Make, text: str, trigger: str, where: str, geonameid: int) -> None:
    location = located(text, trigger).events[0].location
    assert location is not None
    assert (location.text, location.geonameid) == (where, geonameid)
    assert text[location.start : location.end] == where


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Syrian forces attacked the rebels.", "attacked"),  # a demonym says who, not where
        ("Police arrested three men.", "arrested"),
    ],
)
def test_event_without_location(located: Make, text: str, trigger: str) -> None:
    assert located(text, trigger).events[0].location is None


@pytest.mark.parametrize(
    ("text", "trigger", "main"),
    [
        ("Syria condemned the attack.", "condemned", "Syria"),
        ("The sanctions imposed on Libya were lifted.", "imposed", "Libya"),
        ("They have captured the attention of Hollywood.", "captured", "Hollywood"),
        # the dateline wins over the place named most often
        ("BAGHDAD (Reuters) - Talks on Mosul and Mosul's future. Officials met.", "met",
         "BAGHDAD"),
        # without a dateline: the place named most often, a town before a country
        ("Iraq sent aid. Iraq and Mosul, Mosul again. Officials met.", "met", "Mosul"),
    ],
)  # fmt: skip
def test_event_location_falls_back_to_the_main_place(
    located: Make, text: str, trigger: str, main: str
) -> None:
    location = located(text, trigger).events[0].location
    assert location is not None and (location.text, location.basis) == (main, "article")


def test_location_basis(located: Make) -> None:
    doc = located("A car bomb exploded in Baghdad on Monday.", "exploded")
    assert doc.events[0].location is not None and doc.events[0].location.basis == "parse"


def test_definite_noun_takes_the_earlier_toponym_and_its_offset(located: Make) -> None:
    text = (
        "Engineers will build up the Qayara airbase, about 64km (40 miles) south of Mosul. "
        "On Saturday, government forces recaptured the airbase."
    )
    location = located(text, "recaptured").events[0].location
    assert location is not None
    assert (location.name, location.geonameid, location.country) == ("Al Qayyārah", 99003, "IRQ")
    assert location.offset is not None
    assert (location.offset.distance_km, location.offset.direction) == (64.0, "S")
    assert location.offset.reference == "Mosul"


def test_visit_refers_back(located: Make) -> None:
    text = (
        "Carter spoke during an unannounced visit to Baghdad.\n\n"
        "Carter met Iraqi commanders during his visit."
    )
    location = located(text, "met").events[0].location
    assert location is not None and location.name == "Baghdad"


def test_indefinite_noun_does_not_refer_back(located: Make) -> None:
    text = "He made a visit to Baghdad. Months later he met officials during a visit."
    location = located(text, "met").events[0].location
    # Only the article's main place: the text does not say the meeting was in Baghdad.
    assert location is not None and location.basis == "article"


def test_event_location_function_matches_stage(located: Make) -> None:
    text = "A car bomb exploded in Baghdad on Monday."
    doc = located(text, "exploded")
    again = event_location(doc, doc.events[0].evidence.trigger)
    assert again == doc.events[0].location


def test_seed_article_places(located: Make, seed_article: Article) -> None:
    text = seed_article.text
    doc = located(text, "met", "recaptured", "captured Mosul")
    by_event = {e.evidence.trigger.text: e.location for e in doc.events}
    assert by_event["met"] is not None and by_event["met"].geonameid == 98182
    airbase = by_event["recaptured"]
    assert airbase is not None and (airbase.geonameid, airbase.country) == (99003, "IRQ")
    assert airbase.offset is not None and airbase.offset.distance_km == 64.0
    # the offset point: within 20 km of Qayyarah West airfield (35.77 N, 43.13 E)
    assert airbase.precision == "point" and airbase.geo_precision == 2
    assert airbase.lat is not None and airbase.lon is not None
    assert distance_km(airbase.lat, airbase.lon, 35.77, 43.13) < 20
    assert by_event["met"].basis == by_event["recaptured"].basis == "parse"
    assert by_event["captured Mosul"] is not None and by_event["captured Mosul"].name == "Mosul"
    assert all(p.geonameid is not None for p in doc.places if p.text != "Isis")
    assert all(text[p.start : p.end] == p.text for p in doc.places)


@pytest.mark.parametrize(
    ("name", "contains"),
    [
        ("Manila Cathedral", "Manila"),
        ("Colorado State University", "Colorado"),
        ("Oaxaca State", "Oaxaca"),
        ("Springfield Mall", None),  # "Mall" is no word for a part or feature of a place
        ("Xqzzv Cathedral", None),
        ("Mosul", "Mosul"),  # a known name is itself
    ],
)
def test_candidates_through_a_contained_name(name: str, contains: str | None) -> None:
    from tacitus.stages.places import candidates

    found = candidates(load_gazetteer(), name)
    if contains is None:
        assert found == ()
    else:
        assert found and any(e.name.startswith(contains) for e in found)


def test_toponym_candidates_have_points() -> None:
    offered = toponym_candidates("Springfield")
    assert len(offered) > 5 and all(p.lat is not None and p.lon is not None for p in offered)
    assert {p.admin1 for p in offered if p.country == "USA"} >= {"IL", "MA", "MO"}
    assert toponym_candidates("Xqzzvlorp") == [] and toponym_candidates(" ") == []


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Qayara", 99003),  # Al Qayyārah
        ("Qayyarah", 99003),
        ("Falluja", 99454),  # Al Fallūjah
        ("Fallujah", 99454),
        ("Al Mawsil", 99072),  # Mosul
        ("Tal Afar", 90393),  # Tall ‘Afar
        ("Halab", 170063),  # Aleppo
        ("Raqqa", 172955),  # Ar Raqqah
        ("Deir Ezzor", 170794),  # Deir ez-Zor, though the dictionary ties the name to Syria
        ("Deir Ezzor Governorate", 170792),  # the governorate, GeoNames id from the city list
        ("Misurata", 2214846),  # Misratah
        ("Qandahar", 1138336),  # Kandahār
        ("Muqdisho", 53654),  # Mogadishu
    ],
)
def test_transliteration_variants(name: str, geonameid: int) -> None:
    place = resolve_toponym(name)
    assert place is not None and place.geonameid == geonameid


def _entry(i: int, lat: float, lon: float, kind: str = "place") -> Entry:
    return Entry(i, i, f"P{i}", "USA", "XX", lat, lon, 1000, kind)


@given(
    st.lists(
        st.tuples(
            st.floats(min_value=-80, max_value=80), st.floats(min_value=-180, max_value=179.9)
        ),
        min_size=2,
        max_size=12,
    )
)
@settings(max_examples=60, deadline=None)
def test_coherence_grid_matches_brute_force(points: list[tuple[float, float]]) -> None:
    # one mention per point (and one shortlist entry each), names all different
    mentions = [Mention(i, i + 1, f"N{i}", "GPE") for i in range(len(points))]
    shortlists = [[_entry(i, lat, lon)] for i, (lat, lon) in enumerate(points)]
    coherence = Coherence(mentions, shortlists)
    for i, m in enumerate(mentions):
        entry = shortlists[i][0]
        brute = sum(_near(entry, other[0]) for j, other in enumerate(shortlists) if j != i)
        assert coherence.support(entry, m.text) == brute


def test_coherence_ignores_mentions_of_the_same_name() -> None:
    mentions = [Mention(0, 1, "Paris", "GPE"), Mention(2, 3, "Paris", "GPE")]
    shortlists = [[_entry(1, 33.66, -95.55)], [_entry(2, 33.66, -95.55)]]
    assert Coherence(mentions, shortlists).support(shortlists[0][0], "Paris") == 0


def test_coherence_counts_names_not_mentions() -> None:
    # "Jacksonville" three times is one clue for the reading beside it, as "Raleigh" once is
    mentions = [Mention(i, i + 1, name, "GPE") for i, name in enumerate(
        ["Washington", "Jacksonville", "Jacksonville", "Jacksonville", "Raleigh"]
    )]  # fmt: skip
    shortlists = [[_entry(i, 35.5, -77.0)] for i in range(len(mentions))]
    coherence = Coherence(mentions, shortlists)
    assert coherence.support(shortlists[0][0], "Washington") == 2


def test_one_sense_per_text(located: Make) -> None:
    text = (
        "The council met in Alexandria on Monday. Alexandria police said the road would "
        "reopen, and Alexandria is a finalist again."
    )
    found = [p.start for p in located(text).places if p.text == "Alexandria"]
    assert found == [m.start() for m in re.finditer("Alexandria", text)]


def test_a_surname_does_not_spread(located: Make) -> None:
    text = "John Kelly flew to Kelly. Later Kelly said he was tired."
    places = located(text).places
    assert all(p.start != text.rindex("Kelly") for p in places)


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("The Kidney Foundation of Canada said transplants rose.", "Canada"),
        ("The Texas Forest Service reported new fires.", "Texas"),
        ("The Chicago Tribune reported the deal.", "Chicago"),
    ],
)
def test_toponyms_inside_organisation_names(located: Make, text: str, inner: str) -> None:
    assert inner in [p.text for p in located(text).places]


def test_a_toponym_inside_an_organisation_is_not_where(located: Make) -> None:
    text = "The Texas Forest Service said a fire destroyed homes."
    location = located(text, "destroyed").events[0].location
    assert location is None or location.basis == "article"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a compass word or a city's side is a part of a place named elsewhere
        ("Two men were shot on the city's West Side, Chicago police said.", "West Side"),
        ("Police in Indianapolis said the shooting happened on the South Side.", "South Side"),
        ("The shooting happened in the North End of Boston on Friday.", "North End"),
        ("A man was shot in Gary on Sunday. Police said South was closed.", "South"),
        # a very common word opening a sentence is the word (Man, Ivory Coast)
        ("Man, 3 girls shot in southeast Washington on Sunday.", "Man"),
        # an age after a one-word name makes it a person's
        ("Jordan, 18, was charged with murder in Houston.", "Jordan"),
        ("Tyler, 22, was charged with murder in Houston.", "Tyler"),
        # the streets of an intersection
        ("He was shot in the area of Atlantic and East Fifth streets in Bethlehem.", "Atlantic"),
        ("Four people were shot at Brook and Winter streets in Hartford.", "Brook"),
        # a holiday
        ("Six people were shot at an Easter party in Montgomery.", "Easter"),
        # a common noun after "a"
        ("He was shot while trying to kill a Buffalo on a ranch near Hutchinson.", "Buffalo"),
        # a given name before "and" and a full name
        ("He killed his stepsons, Quinn and Tory Carlson, in Mason County.", "Quinn"),
    ],
)
def test_not_toponyms(located: Make, text: str, name: str) -> None:
    names = [p.text for p in located(text).places]
    assert name not in names
    assert names  # the real place of the sentence is still found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the same shapes that are places
        ("Jordan, Iraq and Syria met in Amman.", "Jordan", "JOR"),
        ("Fighting spread to South Sudan on Friday.", "South Sudan", "SSD"),
        ("US troops arrived in Baghdad on Friday.", "US", "USA"),  # no pronoun "us"
        ("A car was stopped on the Ohio Turnpike near Toledo.", "Ohio", "USA"),
        ("He moved to a Chicago suburb last year.", "Chicago", "USA"),
    ],
)
def test_toponyms_kept(located: Make, text: str, name: str, country: str) -> None:
    assert (name, country) in _spans(located(text))


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a spelling variant (Imphal, India) outside the text's countries is not its reading
        ("A man driving his Impala was shot in Chicago on Sunday.", "Impala", None),
        # inside them it is ("Qaiyara" -> Al Qayyarah, Iraq)
        ("US troops arrived in Mosul and in Qaiyara, Iraqi officials said.", "Qaiyara", "IRQ"),
    ],
)
def test_spelling_variants_in_the_texts_countries(
    located: Make, text: str, name: str, country: str | None
) -> None:
    (place,) = [p for p in located(text).places if p.text == name]
    assert place.country == country
    assert (place.lat is None) == (country is None)


def test_a_qualified_name_keeps_its_region_where_it_recurs(located: Make) -> None:
    text = (
        "A man was shot in Portsmouth, Va., on Sunday. Portsmouth police said a suspect "
        "from Atkinson was held."
    )
    found = [(p.admin1, p.geonameid) for p in located(text).places if p.text == "Portsmouth"]
    assert len(found) == 2 and len(set(found)) == 1 and found[0][0] == "VA"


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Philadelphia", "USA", "PA"),  # not Amman, whose ancient name it is
        ("Minnesota", "USA", "MN"),
        ("Washington", "USA", "DC"),  # a capital under its own name keeps its bonus
        ("Peking", "CHN", "22"),  # and a well-known other name still finds it
    ],
)
def test_resolve_toponym_main_reading(name: str, country: str, admin1: str) -> None:
    place = resolve_toponym(name)
    assert place is not None and (place.country, place.admin1) == (country, admin1)


@pytest.mark.parametrize("name", ["Minnesota", "Ohio"])
def test_a_region_name_is_not_a_village_too(name: str) -> None:
    found = toponym_candidates(name)
    assert found and all(p.precision in ("country", "admin1") for p in found)


def test_a_region_name_elsewhere_is_still_a_place() -> None:
    # a district of the Bahamas does not rule out the island of New York
    found = {(p.country, p.admin1) for p in toponym_candidates("Long Island")}
    assert ("USA", "NY") in found and "BHS" in {country for country, _ in found}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Man Accidentally Shot In Brown County\nA man was shot.", ["Man", "Brown", "County"]),
        ("A man was shot.\n\nPolice Arrest Suspect After Chase", ["Police", "Chase"]),
        # unchanged: sentences, and wire text in capitals
        ("A man was shot in Brown County on Tuesday.", []),
        ("SAN SALVADOR, 10 JAN 90 -- THE ARMY ATTACKED THE TOWN OF ILOBASCO.", []),
    ],
)
def test_title_case_lines(text: str, words: list[str]) -> None:
    doc = load_spacy()(text)
    found = {doc[i].text for i in _title_case_lines(doc, text)}
    assert set(words) <= found
    assert bool(found) == bool(words)
