"""The `quantities` stage: numbers with bounds, what they count, and the events they belong to."""

from __future__ import annotations

import re

import pytest

from tacitus.model import Article, Document, Event, Evidence, PloverCode, Quantity, Span
from tacitus.pipeline import load_spacy
from tacitus.stages import STAGES
from tacitus.stages.quantities import (
    headline_casualties,
    headline_span,
    parse_number,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4,647", 4647),
        ("560", 560),
        ("1.5", 1.5),
        ("six", 6),
        ("twenty-six", 26),
        ("a hundred thirty", 130),
        ("two hundred and fifty", 250),
        ("1.5 million", 1_500_000),
        ("a dozen", 12),
        ("seventy million", 70_000_000),
        ("4 and 5", None),
        ("troops", None),
        ("", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "approx"),
    [
        ("over 1,000", None, 1000, None, True),
        ("more than 50", None, 50, None, True),
        ("at least 12", None, 12, None, True),
        ("up to 50", None, None, 50, True),
        ("about 64", 64, 64, 64, True),
        ("nearly 300", 300, 300, 300, True),
        ("between 10 and 20", None, 10, 20, False),
        ("10-20", None, 10, 20, False),
        ("dozens", None, 24, 99, True),
        ("hundreds", None, 200, 999, True),
        ("hundreds of", None, 200, 999, True),
        ("scores", None, 40, 99, True),
        ("two dozen", 24, 24, 24, False),
        ("a dozen", 12, 12, 12, False),
        ("half a dozen", 6, 6, 6, False),
        ("more than two dozen", None, 24, None, True),
        ("several", None, 3, 9, True),
        ("several hundred", None, 300, 999, True),
        ("a handful", None, 3, 5, True),
        ("10 to 15", None, 10, 15, False),
        ("560", 560, 560, 560, False),
        ("20-10", None, None, None, None),  # not a range
        ("many", None, None, None, None),
    ],
)
def test_parse_quantity(
    text: str, value: float | None, low: float | None, high: float | None, approx: bool | None
) -> None:
    parsed = parse_quantity(text)
    if approx is None:
        assert parsed is None
        return
    assert parsed is not None
    assert (parsed.value, parsed.low, parsed.high, parsed.approx) == (value, low, high, approx)


def _run(
    text: str, triggers: tuple[str, ...] = (), kind: str = "AID", title: str | None = None
) -> Document:
    """The stage over ``text`` with an event of PLOVER type ``kind`` on each trigger word;
    ``title``: the article's title, which ``text`` opens with."""
    doc = Document(article=Article(id="t", text=text, title=title), text=text)
    doc.spacy = load_spacy()(text)
    for word in triggers:
        m = re.search(rf"\b{word}\b", text)
        assert m is not None
        doc.events.append(
            Event(
                id=word,
                article_id="t",
                plover=PloverCode(type=kind),
                evidence=Evidence(
                    sentence=0,
                    start=0,
                    end=len(text),
                    trigger=Span(text=word, start=m.start(), end=m.end()),
                ),
            )
        )
    STAGES["quantities"].factory()(doc)
    return doc


def _summary(q: Quantity) -> tuple[object, ...]:
    return (q.text, q.value, q.low, q.high, q.approx, q.category, q.unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United States will send 560 more troops to Iraq.",
            [("560", 560, 560, 560, False, "troops", "troops")],
        ),
        (
            "12 people were killed in the attack.",
            [("12", 12, 12, 12, False, "killed", "people")],
        ),
        (
            "The blast killed at least 12 civilians.",
            [("at least 12", None, 12, None, True, "killed", "civilians")],
        ),
        (
            "Police arrested dozens of protesters.",
            [("dozens", None, 24, 99, True, "arrested", "protesters")],
        ),
        (
            "Between 10 and 20 soldiers were wounded.",
            [("Between 10 and 20", None, 10, 20, False, "injured", "soldiers")],
        ),
        (
            "Some 1.5 million people were displaced by the fighting.",
            [("Some 1.5 million", 1.5e6, 1.5e6, 1.5e6, True, "displaced", "people")],
        ),
        (
            "Fallujah, where over 1,000 IS fighters held out for six weeks.",
            [("over 1,000", None, 1000, None, True, "fighters", "fighters")],
        ),
        (
            "This addition brings the number of US troops in Iraq to 4,647.",
            [("4,647", 4647, 4647, 4647, False, "troops", "troops")],
        ),
        (
            "The airbase lies about 64km (40 miles) south of Mosul.",
            [
                ("about 64km", 64, 64, 64, True, "distance", "km"),
                ("40 miles", 40, 40, 40, False, "distance", "miles"),
            ],
        ),
    ],
)
def test_quantities(text: str, expected: list[tuple[object, ...]]) -> None:
    doc = _run(text)
    assert [_summary(q) for q in doc.quantities] == expected
    for q in doc.quantities:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2014.",
        "Turnout rose 12 percent.",
        "It was the third attack this year.",
        "The talks will start at 10:30 a.m.",
        "Fighting lasted for six weeks.",
        "No one was hurt.",
        "They called 911 from the 5400 block of Main Street.",
        "The girls, ages 4 and 5, were at home.",
        "The minister succumbed to pressure and resigned.",
        "The suspect succumbed to pressure and confessed.",
        "The economy is recovering.",
    ],
)
def test_not_counts(text: str) -> None:
    assert _run(text).quantities == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Police: No 911 call from home where teen shot in head.", "911"),
        ("Eric Wright, 26, and Larry Watkins Jr. 26, were also injured.", "26"),
        ("A 15-year-old shoots, kills man, 18 Jose Estrada fatally wounded.", "18"),
        ("The driver turned off Highway 80, where he was killed.", "80"),
        ("DuPage County boy, 6, dies after apparent accidental shooting", "6"),
        (
            "A shooting Monday night sent a man to the hospital and killed Nova Marie Gallman, 2.",
            "2",
        ),
        ("8 yo girl killed by gunfire off the Beltway.", "8"),
        ("Two men were shot on Route 9 near Exit 4.", "9"),
        ("Police said Miranda Doerr, three, was accidentally shot dead.", "three"),
        ("Antoine Sutphen and Ormani Duncan, both 24 and from Pasadena, died.", "24"),
        ("Detective Cooper said Jamaine Sutton, 32 of Dunbar, was killed inside the bar.", "32"),
        ("A friend killed the 63-year-old father of four Friday evening.", "four"),
        ("Family of Father of 4 Killed in Shooting Speaks Out", "4"),
    ],
)
def test_ages_names_and_emergency_numbers_count_nothing(text: str, number: str) -> None:
    assert all(number not in q.text for q in _run(text).quantities)


@pytest.mark.parametrize(
    "text",
    [
        "Drivers impaired by alcohol or drugs injure and kill thousands of people every year.",
        "About 30,000 people are killed annually in car crashes.",
    ],
)
def test_a_rate_of_casualties_is_no_incident_count(text: str) -> None:
    found = _run(text).quantities
    assert found and all(q.category == "people" for q in found)


@pytest.mark.parametrize(
    "text",
    [
        "Four people were killed and at least 11 others were wounded in shootings across the city.",
        "At least 13 people were shot in the District in five incidents.",
        "Seven people were killed during a violent weekend in Detroit.",
        "Three children have been killed in shootings this year.",
        "In the last seven months three oil trains derailed, and 47 people were killed.",
        "Three people were killed and 27 wounded over an eight-hour stretch that night.",
        "A series of shootings has left three people dead and eight wounded, the chief said.",
        "A total of three children in Alaska were killed last year by accidental shootings.",
        "In 2014, nearly half of the 21,022 vehicle occupants killed in crashes were unbelted.",
        "There were 45 such shootings in Indiana, with 29 children wounded and eleven killed.",
    ],
)
def test_a_tally_of_many_incidents_is_no_incident_count(text: str) -> None:
    found = _run(text).quantities
    assert any(q.category == "people" for q in found)
    assert not any(q.category in ("killed", "injured", "shot") for q in found)


def test_event_gets_quantities_of_its_arguments() -> None:
    text = (
        "The United States will send 560 more troops to Iraq, where 4,647 soldiers already serve."
    )
    doc = _run(text, ("send",))
    assert [q.text for q in doc.events[0].quantities] == ["560"]
    assert [q.text for q in doc.quantities] == ["560", "4,647"]


def test_result_predicate_gives_category() -> None:
    doc = _run("The shooting left a father and two children dead.")
    # the father and the two children: three dead, counted once
    assert [(q.text, q.category, q.value) for q in doc.quantities] == [
        ("a father and two children", "killed", 3)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two children and a woman were shot on Sunday.", [("Two children and a woman", 3)]),
        ("A man and two women were wounded.", [("A man and two women", 3)]),
        ("Two men and three women were wounded.", [("Two men and three women", 5)]),
        ("Three people and a dog were shot.", [("Three", 3)]),  # a dog is no person
    ],
)
def test_conjoined_victims_with_and_without_numbers(
    text: str, expected: list[tuple[str, float]]
) -> None:
    doc = _run(text)
    assert [(q.text, q.value) for q in doc.quantities if q.category == "injured"] == expected


def test_participle_event_gets_its_noun_count() -> None:
    doc = _run("The army said 12 people killed in the raid were civilians.", ("killed",))
    assert [q.text for q in doc.events[0].quantities] == ["12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Casualties named without a number, as GVA and ACLED count them.
        ("A woman was fatally shot on the west side.", [("A woman", 1, "killed")]),
        (
            "The shooting killed a 12-year-old boy on Saturday.",
            [("a 12-year-old boy", 1, "killed")],
        ),
        ("David Graham was shot and killed by his friend.", [("David Graham", 1, "killed")]),
        ("A man and a woman were wounded in the attack.", [("A man and a woman", 2, "injured")]),
        ("A 15-year-old boy was shot in the head.", [("A 15-year-old boy", 1, "injured")]),
        # shot, then reported dead: one death, not also an injury
        ("Ronnie Daniels had been shot. He died at the hospital.", [("He", 1, "killed")]),
        ("A teen was found with a gunshot wound to the chest.", [("A teen", 1, "injured")]),
        ("Officers found one man dead at the scene.", [("one", 1, "killed")]),
        ("The man was stabbed to death.", [("The man", 1, "killed")]),
        (
            "Police investigate the shooting death of a 14-year-old boy.",
            [("a 14-year-old boy", 1, "killed")],
        ),
        (
            "A man was charged in the death of a woman who was shot and killed on Saturday.",
            [("a woman", 1, "killed")],
        ),
        ("The passenger shot himself accidentally and died.", [("The passenger", 1, "killed")]),
        ("Police are investigating a fatal shooting.", [("fatal shooting", None, "killed")]),
        ("Both victims were taken to a hospital.", [("Both victims", 2, "injured")]),
        (
            "A woman and a teenage girl are in critical condition.",
            [("A woman and a teenage girl", 2, "injured")],
        ),
        ("A 16-year-old was shot in the neck.", [("A 16-year-old", 1, "injured")]),
        (
            "The juvenile victim was struck once in the neck.",
            [("The juvenile victim", 1, "injured")],
        ),
        # rushed to a hospital, then dead: one death
        ("The man was rushed to a hospital, where he died.", [("he", 1, "killed")]),
        # the shooter is no casualty; plural victims without a number are not counted
        ("The gunman shot at the crowd.", []),
        ("Several people were wounded.", [("Several", None, "injured")]),  # 3 to 9
        ("People were wounded.", []),
        # what did not happen is no casualty; a fatal wound is a death
        ("The father was not hurt.", []),
        ("He was not shot.", []),
        ("Maribel Barrera was fatally injured.", [("Maribel Barrera", 1, "killed")]),
        ("A woman was mortally wounded.", [("A woman", 1, "killed")]),
        # injured, later dead: the later report stands; another victim's death does not
        (
            "A 17-year-old boy was injured in a shooting. The boy died at the hospital.",
            [("The boy", 1, "killed")],
        ),
        (
            "A man was injured. A woman was killed.",
            [("A man", 1, "injured"), ("A woman", 1, "killed")],
        ),
        # deaths said without "killed" or "died"
        ("The driver was taken to a hospital, where he succumbed.", [("he", 1, "killed")]),
        ("The boy succumbed to his injuries on Sunday.", [("The boy", 1, "killed")]),
        (
            "Officers found a 40-year-old man dead of a gunshot wound.",
            [("a 40-year-old man", 1, "killed")],
        ),
        ("Deputies located a deceased woman inside the car.", [("a deceased woman", 1, "killed")]),
        ("A man was found shot to death in his garage.", [("A man", 1, "killed")]),
        ("The farmer had been deceased for hours.", [("The farmer", 1, "killed")]),
        (
            "Police are looking into an accidental shooting death.",
            [("shooting death", None, "killed")],
        ),
        ("19 year old Tavon Ricks died at the scene.", [("19 year old Tavon Ricks", 1, "killed")]),
        # wounds and recovery say who was hurt
        ("A man with a gunshot wound walked into a store.", [("A man", 1, "injured")]),
        (
            "Deputies found Carl Pratt with a gunshot wound to his leg.",
            [("Carl Pratt", 1, "injured")],
        ),
        ("His aunt, who suffered minor injuries, was treated.", [("His aunt", 1, "injured")]),
        ("A small boy is recovering after the shooting.", [("A small boy", 1, "injured")]),
        ("Officers are recovering the weapon.", []),
        ("The hiker sustained injuries.", [("The hiker", 1, "injured")]),
        (
            "One person is dead and another person is in the hospital.",
            [("One", 1, "killed"), ("another person", 1, "injured")],
        ),
        (
            "Paramedics took the man, with a wound in the chest, to a hospital.",
            [("the man", 1, "injured")],
        ),
    ],
)
def test_casualties_without_a_number(
    text: str, expected: list[tuple[str, float | None, str]]
) -> None:
    doc = _run(text)
    assert [(q.text, q.value, q.category) for q in doc.quantities] == expected
    for q in doc.quantities:
        assert text[q.start : q.end] == q.text
        assert q.low is not None and (q.value is None or q.low == q.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men suffered gunshot wounds on Sunday.", [("Two men", 2, "injured")]),
        ("Three men were found with gunshot wounds.", [("Three men", 3, "injured")]),
        ("Three people are in critical condition.", [("Three people", 3, "injured")]),
        ("Two others were taken to a hospital.", [("Two others", 2, "injured")]),
        ("Police said 2 were taken to a hospital.", [("2", 2, "injured")]),
        (
            "Two shooting victims were taken to a hospital.",
            [("Two shooting victims", 2, "injured")],
        ),
        (
            "Police found two victims suffering from gunshot wounds.",
            [("two victims", 2, "injured")],
        ),
        ("Two men were found with fatal gunshot wounds.", [("Two men", 2, "killed")]),
        # unchanged: a number of things, and a number the verb already counts
        ("Two cars were taken to a garage.", []),
        ("Two men were wounded.", [("Two", 2, "injured")]),
        # a breakdown of a number is not more people
        (
            "13 people, 11 males and two females, were located with gunshot wounds.",
            [("13 people, 11 males and two females", 13, "injured")],
        ),
        # a death in the text: a number found wounded may include the dead
        (
            "They found four people suffering from gunshot wounds. Two men were pronounced dead.",
            [("four people", 4, "shot"), ("Two", 2, "killed")],
        ),
        (
            "Two men were shot and killed. Two others were taken to a hospital.",
            [("Two", 2, "killed"), ("Two others", 2, "injured")],
        ),
    ],
)
def test_numbers_of_people_hurt(text: str, expected: list[tuple[str, float, str]]) -> None:
    """A number of people in frames its own reading does not know: wounds, conditions,
    hospitals."""
    doc = _run(text)
    assert [(q.text, q.value, q.category) for q in doc.quantities if q.category] == expected


def test_event_gets_its_victims() -> None:
    doc = _run("A woman was fatally shot and a man was wounded.", ("shot", "wounded"))
    assert [(q.text, q.category) for q in doc.events[0].quantities] == [("A woman", "killed")]
    assert [(q.text, q.category) for q in doc.events[1].quantities] == [("a man", "injured")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US pledged $1.5bn in aid.", [("$1.5bn", 1.5e9, "USD", False)]),
        ("The EU gave 50 million euros.", [("50 million euros", 5e7, "EUR", False)]),
        ("He paid $5 million for it on July 9.", [("$5 million", 5e6, "USD", False)]),
        ("Damage is estimated at about £200,000.", [("about £200,000", 2e5, "GBP", True)]),
    ],
)
def test_money(text: str, expected: list[tuple[str, float, str, bool]]) -> None:
    doc = _run(text)
    money = [(q.text, q.value, q.unit, q.approx) for q in doc.quantities if q.category == "money"]
    assert money == expected


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Three soldiers are missing after the attack.", ("Three", 3, "missing")),
        ("Two fishermen disappeared at sea.", ("Two", 2, "missing")),
    ],
)
def test_missing(text: str, missing: tuple[str, float, str]) -> None:
    assert [(q.text, q.value, q.category) for q in _run(text).quantities] == [missing]


def test_two_counts_for_one_event_are_both_kept_and_marked() -> None:
    text = "At least 5 people were killed in the attack; hospital officials said 7 died."
    doc = _run(text, ("killed", "died"))
    killed = [q for q in doc.quantities if q.category == "killed"]
    assert len(killed) == 2 and all(q.conflicting for q in killed)


def test_counts_of_different_events_do_not_conflict() -> None:
    doc = _run("Gunmen killed 5 soldiers.", ("killed",))
    assert [q.conflicting for q in doc.quantities] == [False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no death reported: the people shot are the injured
        ("Three people were shot outside a bar.", [("Three", 3, "injured")]),
        # a death reported: some of those shot may be the dead, so they stay "shot"
        (
            "Three people were shot outside a bar. One man died at the hospital.",
            [("Three", 3, "shot"), ("One", 1, "killed")],
        ),
        ("Two soldiers were shot dead.", [("Two", 2, "killed")]),
        # the number counted through a tally noun gets the verb's category
        ("A total of five people were wounded at the fair.", [("five", 5, "injured")]),
        (
            "Four people were shot, two fatally, on Sunday.",
            [
                ("Four", 4, "shot"),
                ("Four people were shot, two fatally", 2, "injured"),
                ("two", 2, "killed"),
            ],
        ),
        (
            "Three men were shot, one of them fatally.",
            [
                ("Three", 3, "shot"),
                ("Three men were shot, one of them fatally", 2, "injured"),
                ("one", 1, "killed"),
            ],
        ),
        # a name and a description of one victim: one death
        (
            "Ryan Mayhew was shot on Saturday. The 17-year-old student was killed.",
            [("The 17-year-old student", 1, "killed")],
        ),
        # the others of a number killed are no more of the dead
        # the later verb's own subject is someone else: neither shot "and killed"
        (
            "Four men were shot and two of them died early Friday.",
            [("Four", 4, "shot"), ("two", 2, "killed")],
        ),
        (
            "A woman was killed and a man was shot.",
            [("A woman", 1, "killed"), ("a man", 1, "injured")],
        ),
        # wounds that say the wounded lived; more people than the dead; "another"
        (
            "Two men were killed. Two other men suffered non-life threatening injuries.",
            [("Two", 2, "killed"), ("Two other men", 2, "injured")],
        ),
        (
            "The victim died. "
            "Raymone West, Brian Dearmond and Marquise McPherson were also struck.",
            [
                ("The victim", 1, "killed"),
                ("Raymone West, Brian Dearmond and Marquise McPherson", 3, "injured"),
            ],
        ),
        (
            "One teen is dead, and another seriously injured.",
            [("One", 1, "killed"), ("another", 1, "injured")],
        ),
        (
            "A 13-year-old boy and six other people were shot. The boy died.",
            [("A 13-year-old boy and six other people", 6, "injured"), ("The boy", 1, "killed")],
        ),
        # others than the dead are the injured
        (
            "A man was killed and two other people were shot.",
            [("A man", 1, "killed"), ("two", 2, "injured")],
        ),
        # one man and one woman are two people: he was shot and lived
        ("He was shot in the leg. She was killed.", [("He", 1, "injured"), ("She", 1, "killed")]),
        # a definite description points back: the boy shot is the child who died
        (
            "A mother was arrested after her son shot his 9-year-old brother. Police said "
            "Tuesday that the child had died.",
            [("the child", 1, "killed")],
        ),
        # ... but never to a grown-up after a child, nor "another" after anyone
        (
            "An infant child was injured. Medics pronounced the man dead.",
            [("An infant child", 1, "injured"), ("the man", 1, "killed")],
        ),
        # "shot another man": other than the shooter, not another victim
        (
            "He accidentally shot another man in the head. The man died.",
            [("The man", 1, "killed")],
        ),
        # who escaped without injury was not hurt
        (
            "A man was killed. Another man inside the car escaped without injury.",
            [("A man", 1, "killed")],
        ),
        # a killer who killed himself is one of the dead, with those he killed
        (
            "A man shot his 7-year-old daughter to death and then killed himself.",
            [
                ("his 7-year-old daughter", 1, "killed"),
                ("his 7-year-old daughter to death and then killed himself", 2, "killed"),
                ("himself", 1, "killed"),
            ],
        ),
        # a suicide told in other words is one too, and the shot he killed no one
        (
            "Man kills his girlfriend and her daughter, turns gun on himself",
            [
                ("his girlfriend and her daughter", 2, "killed"),
                ("his girlfriend and her daughter, turns gun on himself", 3, "killed"),
                ("turns gun on himself", 1, "killed"),
            ],
        ),
        (
            "A man killed his wife before committing suicide.",
            [
                ("his wife", 1, "killed"),
                ("his wife before committing suicide", 2, "killed"),
                ("committing suicide", 1, "killed"),
            ],
        ),
        ("Cadenbach then took his own life.", [("took his own life", 1, "killed")]),
        ("He threatened to commit suicide.", []),
        (
            "He shot two women, then turned the gun on himself.",
            [("two", 2, "injured"), ("turned the gun on himself", 1, "killed")],
        ),
        # ... a partner and children; a couple; parents; victims along with another
        (
            "A man fatally shot his partner and their two children before setting their house"
            " on fire and killing himself.",
            [
                ("his partner and their two children", 3, "killed"),
                (
                    "his partner and their two children before setting their house on fire and"
                    " killing himself",
                    4,
                    "killed",
                ),
                ("himself", 1, "killed"),
            ],
        ),
        (
            "A Roy couple and their two young children were found dead inside their home.",
            [("A Roy couple and their two young children", 4, "killed")],
        ),
        ("Police found Eva's parents dead in a bedroom.", [("Eva's parents", 2, "killed")]),
        (
            "Two young boys are dead along with their father.",
            [("Two young boys are dead along with their father", 3, "killed")],
        ),
        # ... not "others" along with them, nor what a comma sets off
        (
            "One male was found dead at 40th and Grand, along with two other shooting victims.",
            [("One", 1, "killed"), ("two", 2, "people")],
        ),
        # a conjunct the parser made a second subject after an apposition
        (
            "Two children, ages 3 and 5, and their mother have been found dead.",
            [
                ("Two children, ages 3 and 5, and their mother", 3, "killed"),
                ("their mother", 1, "killed"),
            ],
        ),
        # each verb with its own victims: the girl killed, her parents shot
        (
            "He faces charges for killing a two-year-old girl and shooting her parents.",
            [("a two-year-old girl", 1, "killed"), ("her parents", 2, "injured")],
        ),
        ("A family of four died in the fire.", [("four", 4, "killed")]),
        ("The girl passed away on Monday.", [("The girl", 1, "killed")]),
        # "non-fatal" injuries are no deaths
        (
            "Police said six people were shot, with four people having suffered non-fatal"
            " injuries.",
            [("six", 6, "injured"), ("four people", 4, "injured")],
        ),
        # ... but a boy who shot himself and died is one
        (
            "A 3-year-old boy who accidentally shot himself in the head has died.",
            [("A 3-year-old boy", 1, "killed")],
        ),
        # names with their ages between them are still two
        (
            "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead inside a home.",
            [("Dennie Reeves, 66 and Ginger Reeves", 2, "killed")],
        ),
        # an unnamed death is at least one of the dead: the man shot may be it
        (
            "Police are investigating a fatal shooting on Main Street. The man was shot in the"
            " chest.",
            [("fatal shooting", None, "killed")],
        ),
        # nearly killed is hurt; a non-fatal shooting killed no one
        ("A teen was nearly killed in a Friday night shooting.", [("A teen", 1, "injured")]),
        ("Police are also investigating a non-fatal shooting on Main Street.", []),
        # the subject of a result's small clause is hurt, not hurting
        (
            "The shooting left one person dead and two others injured.",
            [("one", 1, "killed"), ("two", 2, "injured")],
        ),
        # a number of shootouts is no number of people
        (
            "A couple of separate shootouts between officers and the suspects left one suspect"
            " dead.",
            [("A couple", 2, None), ("one", 1, "killed")],
        ),
        # ... and ages of one phrase are no names
        (
            "Two men, 19 and 20, were taken to a hospital.",
            [("Two men", 2, "injured")],
        ),
        # someone known by whom they are to the shooter is one told of ("his cousin")
        (
            "He said he had just shot his cousin. Deputies found a deceased man in the house.",
            [("a deceased man", 1, "killed")],
        ),
        # a name told again without its suffix is the same person
        (
            "Printess Winston IV was killed. Police said Printess Winston the fourth was shot"
            " by another teen.",
            [("Printess Winston IV", 1, "killed")],
        ),
        # one victim told of three times is one
        (
            "A boy was shot on Friday. The boy was taken to a hospital. He is expected to live.",
            [("A boy", 1, "injured"), ("The boy", 1, "injured")],
        ),
    ],
)
def test_what_became_of_the_people_shot(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(q.text, q.value, q.category) for q in _run(text).quantities] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Two men were shooting at birds in a remote area when a bullet struck a house.",
        "The driver and two other children were not injured in the incident.",
        "Two gunmen opened fire and shot at the car.",
    ],
)
def test_the_shooters_and_the_unhurt_are_no_casualties(text: str) -> None:
    assert not any(q.category in ("killed", "injured", "shot") for q in _run(text).quantities)


@pytest.mark.parametrize(
    "text",
    [
        "The man accused of trying to kill 2 law enforcement officers was charged.",
        "The gunman planned to kill hundreds with his stockpile of guns.",
        "He threatened to shoot three people at the school.",
        "He tried to kill his wife on Sunday, police said.",
        "He took a box of pills in an effort to kill himself.",
        "She told deputies that her husband should be dead.",
        "The officer could have been killed, the chief said.",
        "He had a shotgun and he was going to kill his wife and kids, the chief said.",
    ],
)
def test_what_someone_tried_or_planned_is_no_casualty(text: str) -> None:
    assert not any(q.category in ("killed", "injured", "shot") for q in _run(text).quantities)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two children were shot on their way to the store over the weekend.", ("Two", "injured")),
        ("The gunman killed 2 officers and wounded 3 others.", ("2", "killed")),
        # people other than the dead, taken to a hospital: the injured
        ("A man was killed. Two other people were taken to a hospital.",
         ("Two other people", "injured")),
        ("Three people were killed in a shooting at a bar.", ("Three", "killed")),
        # one victim of a tally is still one incident's
        ("A man is dead and a boy was hurt after both were shot in separate incidents.",
         ("A man", "killed")),
    ],
)  # fmt: skip
def test_counts_of_one_incident_are_not_tallies(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(q.text, q.category) for q in _run(text).quantities]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("3 shot, 1 dead in overnight shooting",
         [("3 shot", "injured", 2), ("1 dead", "killed", 1)]),
        ("One killed, five shot in Decatur",
         [("One killed", "killed", 1), ("five shot", "injured", 4)]),
        ("6 Hurt in 2 Downtown Minneapolis Shootings, Suspect Arrested",
         [("6 Hurt", "injured", 6)]),
        ("Two Wounded In Southwest Side Shooting", [("Two Wounded", "injured", 2)]),
        ("Drive-by shooting near high school kills 1, wounds 1",
         [("kills 1", "killed", 1), ("wounds 1", "injured", 1)]),
        ("Shooting kills 1 child, critically injures another",
         [("kills 1 child", "killed", 1), ("injures another", "injured", 1)]),
        ("Shooting in New Mexico town leaves 1 dead, 1 injured",
         [("1 dead", "killed", 1), ("1 injured", "injured", 1)]),
        ("Four Fatally Shot In Home", [("Four Fatally Shot", "killed", 4)]),
        ("3 people shot to death at home", [("3 people shot to death", "killed", 3)]),
        ("Father of 5 killed in shooting that left another six injured",
         [("six injured", "injured", 6)]),
        ("One of 5 shot in billiards bar dies of injuries",
         [("One of 5 shot in billiards bar dies", "killed", 1), ("5 shot", "injured", 4)]),
        ("2 Chicago police officers shot", [("2 Chicago police officers shot", "shot", 2)]),
        ("1 killed 2 injured", [("1 killed", "killed", 1), ("2 injured", "injured", 2)]),
        ("Suspect in hospital after killing 4, wounding 2",
         [("killing 4", "killed", 4), ("wounding 2", "injured", 2)]),
        ("Man charged with shooting 3 teens", [("shooting 3 teens", "shot", 3)]),
        ("Police: shooting 2 miles from school", []),
        # no count of people hurt: nothing
        ("Man shot 3 times outside bar", []),
        ("3 years after man shot, family still waits", []),
        ("Teen shot 2 days after his birthday", []),
        ("Police: 2 suspects arrested in robbery", []),
        ("Man charged in 2015 shooting", []),
    ],
)  # fmt: skip
def test_headline_casualties(headline: str, expected: list[tuple[str, str, float]]) -> None:
    found = headline_casualties(headline, 0, len(headline))
    assert [(q.text, q.category, q.value) for q in found] == expected
    assert all(headline[q.start : q.end] == q.text for q in found)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("3 shot, 1 dead", "3 shot, 1 dead\n\nPolice said.", (0, 14)),
        ("3 shot, 1 dead - WRAL", "3 shot, 1 dead\n\nPolice said.", (0, 14)),
        (None, "3 shot, 1 dead\n\nPolice said.", None),
        ("Something else", "3 shot, 1 dead\n\nPolice said.", None),
    ],
)
def test_headline_span(title: str | None, text: str, expected: tuple[int, int] | None) -> None:
    assert headline_span(title, text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # headlines leave out "was": a past tense with no object is a passive
        ("Man shot while cleaning handgun", [("Man", 1, "injured")]),
        ("17-year-old boy shot, killed in Bluffton", [("17-year-old boy", 1, "killed")]),
        ("Man shot at police before fleeing", []),
        # a death told with no count: at least one killed
        ("Helena man, 18, charged in shooting death", [("shooting death", None, "killed")]),
        # ... but not one whose victim the headline names (the parse counts that one)
        ("Suspects named in shooting death of Detroit man", [("Detroit man", 1, "killed")]),
        ("Antioch Police Investigate Shooting Death Of Teen", [("Shooting Death", None, "killed")]),
        (
            "Parish man kills 7-year-old daughter, himself",
            [("7-year-old daughter, himself", 2, "killed")],
        ),
        # one person who died, the headline's subject, however the parser takes the words
        (
            "Boy who was shot in the face has died",
            [("Boy who was shot in the face has died", None, "killed")],
        ),
        ("5-year-old passes away after shooting", [("5-year-old passes away", None, "killed")]),
    ],
)
def test_headline_victims(title: str, expected: list[tuple[str, float | None, str]]) -> None:
    doc = _run(title, title=title)
    assert [(q.text, q.value, q.category) for q in doc.quantities if q.category] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the boy of the headline may be the boy shot
        (
            "Boy who was shot in the face has died\n\nThe boy was shot on Tuesday.",
            [("Boy who was shot in the face has died", None, "killed")],
        ),
        # a man who died is not the girl a stray bullet hit
        (
            "Man shot on 22nd and Grand Ave. dies\n\nA 5-year-old girl was hit by a stray bullet."
            " The girl is recovering at a hospital.",
            [
                ("Man shot on 22nd and Grand Ave. dies", None, "killed"),
                ("A 5-year-old girl", 1, "injured"),
                ("The girl", 1, "injured"),
            ],
        ),
    ],
)
def test_who_died_in_a_headline(text: str, expected: list[tuple[str, float | None, str]]) -> None:
    doc = _run(text, title=text.split("\n", 1)[0])
    assert [(q.text, q.value, q.category) for q in doc.quantities if q.category] == expected


def test_headline_counts_replace_the_parse_and_join_its_events() -> None:
    title = "3 shot, 1 dead in overnight shooting"
    doc = _run(title + "\n\nPolice are investigating.", ("shooting",), "ASSAULT", title)
    casualties = [(q.text, q.category, q.value) for q in doc.quantities if q.category]
    assert casualties == [("3 shot", "injured", 2), ("1 dead", "killed", 1)]
    assert [(q.category, q.value) for q in doc.events[0].quantities] == [
        ("injured", 2),
        ("killed", 1),
    ]
