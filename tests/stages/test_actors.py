"""The `actors` stage: mentions, CAMEO coding against dated roles, in-document resolution."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import sys
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.model import Actor, Article, ArticleRecord, Document
from tacitus.stages.actors import (
    ActorDictionary,
    Entry,
    Role,
    _word_key,
    code_actor,
    load_dictionary,
    normalize,
)

SEED_DAY = dt.date(2016, 7, 11)
ROOT = Path(__file__).resolve().parents[2]


def _mentions(document: Callable[..., Document], text: str) -> list[Actor]:
    doc = document(text, stages=("actors",), published=SEED_DAY)
    actors: list[Actor] = doc.actors
    return actors


def _by_text(actors: list[Actor], text: str) -> Actor:
    found = [a for a in actors if a.text == text]
    assert len(found) == 1, [a.text for a in actors]
    return found[0]


# --- dictionaries ------------------------------------------------------------------------


def test_data_file_ships_with_its_licence() -> None:
    folder = resources.files("tacitus") / "data" / "actors"
    assert (folder / "actors.json.gz").is_file()
    assert len((folder / "actors.json.gz").read_bytes()) < 3_000_000
    assert "MIT" in (folder / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "us"),
        ("al-Abadi", "al abadi"),
        ("SYRIA'S_GOVERNMENT", "syria's government"),
        ("Syria’s  government", "syria's government"),
        ("troops", "troops"),
    ],
)
def test_normalize(text: str, key: str) -> None:
    assert normalize(text) == key


@pytest.mark.parametrize(
    ("name", "on", "code", "country", "sector", "kind"),
    [
        ("Iraqi military forces", SEED_DAY, "IRQMIL", "IRQ", "MIL", "group"),
        # "government forces" is one agent phrase in the Phoenix agents file: MIL.
        ("Iraqi government forces", SEED_DAY, "IRQMIL", "IRQ", "MIL", "group"),
        ("the United States", SEED_DAY, "USA", "USA", None, "state"),
        ("Iraq", SEED_DAY, "IRQ", "IRQ", None, "state"),
        ("Iraq", dt.date(2004, 1, 1), "IRQOCC", "IRQ", "OCC", "state"),
        ("Ashton Carter", SEED_DAY, "USAGOVMIL", "USA", "GOV", "unknown"),
        # Between his two terms in office: his country, not an office.
        ("Ashton Carter", dt.date(2014, 6, 1), "USA", "USA", None, "unknown"),
        ("Isis", SEED_DAY, "IMGMUSISI", None, "IMG", "organization"),
        ("Daesh", SEED_DAY, "IMGMUSISI", None, "IMG", "organization"),
        ("Algerians", None, "DZA", "DZA", None, "state"),
        ("protesters", None, None, None, "OPP", "group"),
        # Armed groups the 2014 dictionaries miss or spell otherwise (EXTRA_ACTORS).
        ("Houthi rebels", SEED_DAY, "YEMREB", "YEM", "REB", "group"),
        ("al-Shabab", SEED_DAY, "SOMREB", "SOM", "REB", "unknown"),
        ("al-Shabaab militants", SEED_DAY, "SOMREB", "SOM", "REB", "group"),
        ("YPG fighters", SEED_DAY, "SYRREB", "SYR", "REB", "group"),
        ("ISWAP", SEED_DAY, "IMGMUSISI", None, "IMG", "organization"),
        # People named by age or kinship, and the suspects of crime news (EXTRA_AGENTS).
        ("teenager", None, None, None, "CVL", "person"),
        ("his older brother", None, None, None, "CVL", "person"),
        ("the suspect", None, None, None, "CRM", "person"),
        ("the victims", None, None, None, "CVL", "group"),
        ("state troopers", None, None, None, "COP", "group"),
    ],
)
def test_code_actor(
    name: str,
    on: dt.date | None,
    code: str | None,
    country: str | None,
    sector: str | None,
    kind: str,
) -> None:
    coded = code_actor(name, on)
    assert coded is not None
    assert (coded.code, coded.country, coded.sector, coded.kind) == (code, country, sector, kind)


@pytest.mark.parametrize(
    ("on", "name"),
    [(dt.date(2008, 8, 6), "George W. Bush"), (dt.date(1990, 1, 1), "George Bush")],
)
def test_a_name_shared_by_two_entries_is_chosen_by_date(on: dt.date, name: str) -> None:
    coded = code_actor("President Bush", on)
    assert coded is not None
    assert (coded.name, coded.code) == (name, "USAGOV")


@pytest.mark.parametrize("name", ["the weather", "", "yesterday afternoon", "us"])
def test_code_actor_finds_nothing(name: str) -> None:
    assert code_actor(name, SEED_DAY) is None


def _entry(*roles: Role) -> Entry:
    return Entry("X", roles)


@pytest.mark.parametrize(
    ("roles", "on", "code"),
    [
        ((Role("USAGOV", dt.date(2009, 1, 20), dt.date(2017, 1, 20)),), SEED_DAY, "USAGOV"),
        ((Role("USAGOV", dt.date(2009, 1, 20), dt.date(2017, 1, 20)),), dt.date(2018, 1, 1), "USA"),
        ((Role("USAGOV", None, dt.date(2000, 1, 1)), Role("USAELI")), SEED_DAY, "USAELI"),
        ((Role("USAELI"), Role("USAGOV", dt.date(2015, 1, 1), None)), SEED_DAY, "USAGOV"),
        ((Role("USAGOV", dt.date(2015, 1, 1), None),), None, "USAGOV"),
        (
            (Role("IRQGOV", dt.date(1979, 7, 16), dt.date(2003, 4, 9)), Role("IRQELI")),
            None,
            "IRQGOV",
        ),
        ((Role("IGOUNO", dt.date(1997, 1, 1), dt.date(2006, 12, 31)),), SEED_DAY, None),
    ],
)
def test_role_on_honours_date_ranges(
    roles: tuple[Role, ...], on: dt.date | None, code: str
) -> None:
    assert load_dictionary().role_on(_entry(*roles), on) == code


def test_dictionary_indexes_names_without_their_article() -> None:
    dictionary: ActorDictionary = load_dictionary()
    assert dictionary.entry("Islamic State") is dictionary.entry("the Islamic State")
    assert dictionary.agent("troops") == "MIL"
    assert dictionary.entry("nonexistent land") is None


# --- mentions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "name", "code", "country", "kind"),
    [
        (
            "US Defense Secretary Ashton Carter arrived in Baghdad.",
            "US Defense Secretary Ashton Carter",
            "Ashton Carter",
            "USAGOVMIL",
            "USA",
            "person",
        ),
        (
            "The United States will send more troops to Iraq.",
            "United States",
            "United States of America",
            "USA",
            "USA",
            "state",
        ),
        ("The troops will support Iraqi military forces.", "Iraqi military forces",
         "Iraqi military forces", "IRQMIL", "IRQ", "group"),
        ("Iraqi government forces said they recaptured the airbase.",
         "Iraqi government forces", "Iraqi government forces", "IRQMIL", "IRQ", "group"),
        ("The campaign against the Islamic State (Isis) goes on.", "Isis", "Islamic State",
         "IMGMUSISI", None, "organization"),
        ("Captain Ali Kazwini told reporters the town was calm.", "Captain Ali Kazwini",
         "Ali Kazwini", None, None, "person"),
    ],
)  # fmt: skip
def test_mentions_are_found_and_coded(
    document: Callable[..., Document],
    text: str,
    mention: str,
    name: str,
    code: str | None,
    country: str | None,
    kind: str,
) -> None:
    actor = _by_text(_mentions(document, text), mention)
    assert (actor.name, actor.code, actor.country, actor.kind) == (name, code, country, kind)


@pytest.mark.parametrize(
    "text",
    ["The weather was fine on Tuesday.", "Prices rose by 3 percent in the second quarter.", ""],
)
def test_text_without_actors_gives_none(document: Callable[..., Document], text: str) -> None:
    assert _mentions(document, text) == []


def test_unknown_name_modifying_a_thing_is_not_an_actor(
    document: Callable[..., Document],
) -> None:
    actors = _mentions(document, "The new troops will help in building up the Qayara airbase.")
    assert "Qayara" not in [a.text for a in actors]


def test_country_covers_coordinated_titles(document: Callable[..., Document]) -> None:
    text = (
        "Carter met Iraqi Prime Minister Haider al-Abadi and Defence Minister Khaled al-Obeidi "
        "during his visit."
    )
    actors = _mentions(document, text)
    assert _by_text(actors, "Iraqi Prime Minister Haider al-Abadi").code == "IRQGOV"
    assert _by_text(actors, "Defence Minister Khaled al-Obeidi").country == "IRQ"


# --- resolution --------------------------------------------------------------------------


def test_short_name_links_to_full_name(document: Callable[..., Document]) -> None:
    text = "US Defense Secretary Ashton Carter arrived on Monday. Carter met US commanders."
    carter = _by_text(_mentions(document, text), "Carter")
    assert (carter.name, carter.code) == ("Ashton Carter", "USAGOVMIL")


def test_acronym_links_to_the_named_group(document: Callable[..., Document]) -> None:
    text = "The Islamic State lost ground. IS fighters retreated from the town."
    actor = _by_text(_mentions(document, text), "IS fighters")
    assert actor.code == "IMGMUSISI"


def test_pronoun_subject_of_speech_verb_takes_the_speaker(
    document: Callable[..., Document],
) -> None:
    text = (
        "Carter met US commanders, Iraqi Prime Minister Haider al-Abadi and Defence Minister "
        'Khaled al-Obeidi. "We will win," he added.'
    )
    actors = _mentions(document, "US Defense Secretary Ashton Carter spoke. " + text)
    he = _by_text(actors, "he")
    assert (he.name, he.code, he.kind) == ("Ashton Carter", "USAGOVMIL", "person")
    assert "We" not in [a.text for a in actors]  # inside the quotation: not resolved


def test_they_resolves_to_the_group(document: Callable[..., Document]) -> None:
    text = "Iraqi government forces said they recaptured the airbase. They also said it was hard."
    actors = _mentions(document, text)
    assert [a.code for a in actors if a.text.lower() == "they"] == ["IRQMIL", "IRQMIL"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Syria says it will not accept any more refugees.", ["SYR"]),
        ("The United States announced it would prohibit all aid to the rebels.", ["USA"]),
        # The empty "it" of "it is clear" and "it seems" refers to nothing.
        ("Russia met Iran. It is not clear what was agreed.", []),
        ("Russia met Iran. It seems that talks will go on.", []),
        # "it" does not stand for a person.
        ("Putin met Erdogan. It ended early.", []),
    ],
)
def test_it_resolves_to_a_state_or_organisation(
    document: Callable[..., Document], text: str, codes: list[str]
) -> None:
    actors = _mentions(document, text)
    assert [a.code for a in actors if a.text.lower() == "it"] == codes


def test_unresolvable_pronoun_is_no_mention(document: Callable[..., Document]) -> None:
    assert _mentions(document, "He said the road was closed.") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Islamic State took Mosul. The city was held by the terror group.", "IMGMUSISI"),
        ("Daesh attacked the town. Residents fled from the militant group.", "IMGMUSISI"),
        # Two armed groups in view: "the group" is ambiguous and stays unresolved.
        (
            "The Islamic State and Hamas issued statements. The terror group denied it.",
            None,
        ),
    ],
)
def test_definite_description_takes_the_armed_group(
    document: Callable[..., Document], text: str, code: str | None
) -> None:
    actors = _mentions(document, text)
    group = next(a for a in actors if a.text.endswith("group"))
    assert group.code == code


def test_mentions_are_sorted_non_overlapping_and_exact(
    seed_article: Article, document: Callable[..., Document]
) -> None:
    text = seed_article.text
    actors = _mentions(document, text)
    assert actors
    for before, after in itertools.pairwise(actors):
        assert before.end <= after.start
    for actor in actors:
        assert text[actor.start : actor.end] == actor.text


# --- the seed article --------------------------------------------------------------------


def test_seed_article_actors(seed_record: ArticleRecord) -> None:
    coded = {(a.text, a.code) for a in seed_record.actors}
    assert ("United States", "USA") in coded
    assert ("Iraqi military forces", "IRQMIL") in coded
    assert ("Iraqi government forces", "IRQMIL") in coded
    assert ("US Defense Secretary Ashton Carter", "USAGOVMIL") in coded
    assert ("Carter", "USAGOVMIL") in coded
    assert ("he", "USAGOVMIL") in coded
    assert ("they", "IRQMIL") in coded
    for name in ("Isis", "IS", "Daesh", "terror group", "militant group"):
        assert (name, "IMGMUSISI") in coded
    assert ("Captain Ali Kazwini", None) in coded


# --- the converter -----------------------------------------------------------------------


@cache
def _converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_actor_dictionaries", ROOT / "tools" / "build_actor_dictionaries.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while loading
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("20090120", "2009-01-20"),
        ("970101", "1997-01-01"),
        ("061231", "2006-12-31"),
        ("1920030320", "2003-03-20"),
        ("2004017", None),
        ("", None),
        ("20091320", None),
    ],
)
def test_converter_reads_dates(raw: str, iso: str | None) -> None:
    assert _converter().parse_date(raw) == iso


def test_converter_reads_entries_and_agents(tmp_path: Path) -> None:
    actors = tmp_path / "a.txt"
    actors.write_text(
        "# comment\nASHTON_CARTER\n+ASH_CARTER\n\t[USAGOVMIL 20111006-20131203]\n"
        "\t[USAGOVMIL >20150217]\nIRAQ_ [IRQ]\n+IRAQI_\nNO_CODE_HERE\n",
        encoding="utf-8",
    )
    module = _converter()
    entries = module.parse_actor_file(actors)
    assert [e.names for e in entries] == [["ASHTON CARTER", "ASH CARTER"], ["IRAQ", "IRAQI"]]
    assert entries[0].codes == [
        ("USAGOVMIL", "2011-10-06", "2013-12-03"),
        ("USAGOVMIL", "2015-02-17", None),
    ]
    agents = tmp_path / "g.txt"
    agents.write_text(
        "!PERSON! = MAN, WOMAN\nSOLDIER [~MIL]\nPOLICE {} [~COP]\nPOLICE!PERSON! [~COP]\n",
        encoding="utf-8",
    )
    parsed = set(module.parse_agent_file(agents))
    assert {("SOLDIER", "MIL"), ("SOLDIERS", "MIL"), ("POLICE", "COP")} <= parsed
    assert {("POLICEMAN", "COP"), ("POLICEWOMEN", "COP")} <= parsed
    assert ("POLICES", "COP") not in parsed


def test_definite_person_description_links_to_the_named_person(
    document: Callable[..., Document],
) -> None:
    text = (
        "Iraqi Prime Minister Haider al-Abadi visited the front. Later the Iraqi prime "
        "minister vowed to seize the city."
    )
    actors = _mentions(document, text)
    described = _by_text(actors, "Iraqi prime minister")
    assert (described.name, described.code) == ("Haidar al Abadi", "IRQGOV")


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Obama spoke to reporters on Monday.", "Obama", "Barack Obama"),
        ("Officials in Baghdad said the road was open.", "Baghdad", "Baghdad"),
        ("Iraq said the road was open.", "Iraq", "Iraq"),
    ],
)
def test_names(document: Callable[..., Document], text: str, mention: str, name: str) -> None:
    assert _by_text(_mentions(document, text), mention).name == name


@pytest.mark.parametrize(
    "text",
    [
        "Iraq criticised the plan. Traders said they expected prices to rise.",
        "Iraq criticised the plan. Oil prices rose. Wheat fell. Gold rose. They fell later.",
    ],
)
def test_they_does_not_jump_to_a_distant_state(
    document: Callable[..., Document], text: str
) -> None:
    they = [a for a in _mentions(document, text) if a.text.lower() == "they"]
    assert all(a.code != "IRQ" for a in they)


# --- actors as of the event's date ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2016-07-09", dt.date(2016, 7, 9)),
        ("2014-06", dt.date(2014, 6, 15)),
        ("2016-W27", dt.date(2016, 7, 7)),
        ("2006", dt.date(2006, 7, 2)),  # day 183 of 365
        ("PRESENT_REF", None),
        ("2016-13", None),
    ],
)
def test_event_day(value: str, day: dt.date | None) -> None:
    from tacitus.stages.actors import event_day

    assert event_day(value) == day


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        # A 2016 article: the 2010 meeting codes Clinton by the office she held in 2010 ...
        ("Hillary Clinton met Lavrov in May 2010.", "USAGOV", "RUSGOV"),
        # ... and a 2006 visit codes Iraq as it was then (under occupation), Obama as no office.
        ("Obama visited Baghdad in March 2006.", "USA", "IRQOCC"),
        # Unchanged: an event of the publication week keeps the publication-date coding.
        ("Obama visited Baghdad on Monday.", "USAGOV", "IRQ"),
    ],
)
def test_event_actors_are_coded_as_of_the_event_date(
    document: Callable[..., Document], text: str, actor: str, recipient: str
) -> None:
    stages = ("clean", "actors", "events", "modality", "dates", "event_actors")
    doc = document(text, stages=stages, published=dt.date(2016, 7, 11))
    event = doc.events[0]
    assert [a.code for a in event.actors] == [actor]
    assert [a.code for a in event.recipients] == [recipient]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=6))
def test_phrase_key_is_its_words_keys(words: list[str]) -> None:
    """``segment`` joins its words' keys (the empty ones left out): that is the key of the
    joined phrase, whatever the words (final sigma, dots, hyphens, odd whitespace)."""
    assert " ".join(filter(None, map(_word_key, words))) == normalize(" ".join(words))
