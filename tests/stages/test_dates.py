"""The `dates` stage: time expressions normalised against the publication date; event dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tacitus.model import (
    Article,
    Document,
    Event,
    EventDate,
    Evidence,
    PloverCode,
    Span,
    date_bounds,
)
from tacitus.pipeline import load_spacy
from tacitus.stages import STAGES
from tacitus.stages.dates import normalize_spans, normalize_timex

MONDAY = dt.date(2016, 7, 11)  # the seed article's publication date


@pytest.mark.parametrize(
    ("text", "value", "precision", "basis"),
    [
        ("June 2014", "2014-06", "month", "explicit"),
        ("in June 2014", "2014-06", "month", "explicit"),
        ("2014", "2014", "year", "explicit"),
        ("mid-2014", "2014", "year", "explicit"),
        ("Jan. 8, 1998", "1998-01-08", "day", "explicit"),
        ("8 January 1998", "1998-01-08", "day", "explicit"),
        ("Friday, October 23, 2015", "2015-10-23", "day", "explicit"),
        ("2016-07-04", "2016-07-04", "day", "explicit"),
        ("On Saturday", "2016-07-09", "day", "relative"),
        ("Saturday", "2016-07-09", "day", "relative"),
        ("Tuesday morning", "2016-07-12", "day", "relative"),
        ("Sunday morning", "2016-07-10", "day", "relative"),
        ("Monday", "2016-07-11", "day", "relative"),
        ("Tuesday", "2016-07-12", "day", "relative"),  # no tense: tomorrow, not 6 days back
        ("Wednesday", "2016-07-06", "day", "relative"),
        ("last Monday", "2016-07-04", "day", "relative"),
        ("next Monday", "2016-07-18", "day", "relative"),
        ("yesterday", "2016-07-10", "day", "relative"),
        ("today", "2016-07-11", "day", "relative"),
        ("tomorrow", "2016-07-12", "day", "relative"),
        ("two days ago", "2016-07-09", "day", "relative"),
        ("two years ago", "2014", "year", "relative"),
        ("a decade ago", "2006", "year", "relative"),
        ("earlier this month", "2016-07", "month", "relative"),
        ("later this month", "2016-07", "month", "relative"),
        ("early next year", "2017", "year", "relative"),
        ("this morning", "2016-07-11", "day", "relative"),
        ("last night", "2016-07-10", "day", "relative"),
        ("overnight", "2016-07-10", "day", "relative"),
        ("three years ago", "2013", "year", "relative"),
        ("last week", "2016-W27", "week", "relative"),
        ("this week", "2016-W28", "week", "relative"),
        ("last month", "2016-06", "month", "relative"),
        ("last year", "2015", "year", "relative"),
        ("by the end of this year", "2016", "year", "relative"),
        ("the end of next month", "2016-08", "month", "relative"),
        ("on July 9", "2016-07-09", "day", "relative"),
        # tense unknown: news tells the past, and Nov. 25 is over two months ahead
        ("Nov. 25", "2015-11-25", "day", "relative"),
        ("Aug. 2", "2016-08-02", "day", "relative"),  # three weeks ahead: this year's
        ("early June", "2016-06", "month", "relative"),
        ("this September", "2016-09", "month", "relative"),
        ("last September", "2015-09", "month", "relative"),
        ("January this year", "2016-01", "month", "relative"),
        ("the current fiscal year", "2016", "year", "relative"),
    ],
)
def test_normalize(text: str, value: str, precision: str, basis: str) -> None:
    date = normalize_timex(text, MONDAY)
    assert date is not None
    assert (date.value, date.precision, date.basis) == (value, precision, basis)


@pytest.mark.parametrize(
    "text",
    [
        "six weeks",
        "for six weeks",
        "every Monday",
        "a few days ago",
        "the past year",
        "",
        "the troops",
    ],
)
def test_no_value(text: str) -> None:
    assert normalize_timex(text, MONDAY) is None


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Saturday", "past", "2016-07-09"),
        ("Saturday", "future", "2016-07-16"),
        ("Monday", "future", "2016-07-11"),
        ("December 20", "past", "2015-12-20"),
        ("December 20", "future", "2016-12-20"),
        ("February", "future", "2017-02"),
        ("August", "past", "2015-08"),
    ],
)
def test_tense_decides_direction(text: str, tense: str, value: str) -> None:
    date = normalize_timex(text, MONDAY, tense=tense)  # type: ignore[arg-type]
    assert date is not None and date.value == value


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Saturday, Sept. 12", "past", "2015-09-12"),  # 2016-09-12 was a Monday
        ("Monday, Sept. 12", "past", "2016-09-12"),  # agrees already: unchanged
        ("Sept. 12", "past", "2016-09-12"),  # no weekday: the last one
        ("Sunday, Sept. 12", "past", "2016-09-12"),  # no year in reach agrees: unchanged
        ("Wednesday, Sept. 12", "future", "2018-09-12"),  # ahead for the future
    ],
)
def test_a_stated_weekday_decides_the_year(text: str, tense: str, value: str) -> None:
    date = normalize_timex(text, dt.date(2017, 1, 28), tense=tense)  # type: ignore[arg-type]
    assert date is not None and date.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # 12 days before publication: the weekday is the writer's slip, the day stands
        ("Wednesday, November 11", "2016-11-11"),  # 2015-11-11 was a Wednesday
        ("Friday, November 11", "2016-11-11"),  # agrees
    ],
)
def test_a_recent_day_keeps_its_year_whatever_the_weekday(text: str, value: str) -> None:
    date = normalize_timex(text, dt.date(2016, 11, 23), tense="past")
    assert date is not None and date.value == value


def _event(text: str, trigger: str, nth: int = 0) -> Event:
    start = [m.start() for m in re.finditer(rf"\b{trigger}\b", text)][nth]
    return Event(
        id=f"{trigger}{nth}",
        article_id="t",
        plover=PloverCode(type="ASSAULT"),
        evidence=Evidence(
            sentence=0,
            start=0,
            end=len(text),
            trigger=Span(text=trigger, start=start, end=start + len(trigger)),
        ),
    )


def _run(
    text: str,
    triggers: list[tuple[str, int]],
    published: dt.date | None,
    future: tuple[str, ...] = (),
    kinds: dict[str, str] | None = None,
) -> Document:
    """The dates stage over ``text`` with an ASSAULT event on each (trigger, nth) (``kinds``:
    another PLOVER type for some triggers)."""
    doc = Document(article=Article(id="t", text=text, published=published), text=text)
    doc.spacy = load_spacy()(text)
    doc.events = [_event(text, word, nth) for word, nth in triggers]
    for event in doc.events:
        if event.evidence.trigger.text in future:
            event.modality = "future"  # as the modality stage, which runs before, marks it
        if kinds and event.evidence.trigger.text in kinds:
            event.plover = PloverCode(type=kinds[event.evidence.trigger.text])
    STAGES["dates"].factory()(doc)
    return doc


SEED_LIKE = (
    "On Saturday, Iraqi government forces said they recaptured the airbase. "
    "IS captured Mosul in June 2014 after driving out the Iraqi army. "
    "The prime minister vowed to seize it by the end of this year. "
    "The United States will send 560 more troops to Iraq. "
    "Rebels will attack the town on Saturday."
)


@pytest.mark.parametrize(
    ("trigger", "nth", "value", "precision", "basis"),
    [
        ("recaptured", 0, "2016-07-09", "day", "relative"),  # through the governing "said"
        ("captured", 0, "2014-06", "month", "explicit"),  # a past event keeps its own date
        ("seize", 0, "2016", "year", "relative"),
        ("send", 0, "2016-07-11", "day", "publication"),  # no date of its own: the fallback
        ("attack", 0, "2016-07-16", "day", "relative"),  # future tense: the next Saturday
    ],
)
def test_event_dates(trigger: str, nth: int, value: str, precision: str, basis: str) -> None:
    doc = _run(SEED_LIKE, [(trigger, nth)], MONDAY, future=("send", "attack", "seize"))
    date = doc.events[0].date
    assert date is not None
    assert (date.value, date.precision, date.basis) == (value, precision, basis)
    if basis != "publication":
        assert date.start is not None and date.end is not None
        assert SEED_LIKE[date.start : date.end] == date.text


def test_all_expressions_listed_with_offsets() -> None:
    doc = _run(SEED_LIKE, [], MONDAY)
    found = [(d.text, d.value) for d in doc.dates]
    assert found == [
        ("Saturday", "2016-07-09"),
        ("June 2014", "2014-06"),
        ("the end of this year", "2016"),
        ("Saturday", "2016-07-16"),
    ]
    for d in doc.dates:
        assert d.start is not None and SEED_LIKE[d.start : d.end] == d.text


def test_span_leaves_out_preposition_and_possessive() -> None:
    text = "Prices rose on Monday, after last month's fall."
    doc = _run(text, [], MONDAY)
    assert [(d.text, d.value) for d in doc.dates] == [
        ("Monday", "2016-07-11"),
        ("last month", "2016-06"),
    ]


def test_durations_are_not_dates() -> None:
    text = "Over 1,000 fighters held out for six weeks in the city."
    assert _run(text, [("held", 0)], MONDAY).dates == []


def test_without_publication_date() -> None:
    doc = _run(SEED_LIKE, [("recaptured", 0), ("captured", 0)], None)
    assert [d.value for d in doc.dates] == ["2014-06"]  # only what the text fully names
    assert doc.events[0].date is None
    assert doc.events[1].date is not None and doc.events[1].date.value == "2014-06"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Gary Gomes was arrested at 2088 Philip Street.", []),  # a house number
        ("Police told 1010 WINS that she was hit.", []),  # a radio station
        ("The gang was founded in the 1930's by Luciano.", []),  # a decade: no value yet
        ("The gang was founded in 1931 by Luciano.", ["1931"]),
        ("The 1988 election was close.", ["1988"]),
        ("Felt joined the FBI in January 1942.", ["1942-01"]),
    ],
)
def test_four_digit_numbers_are_years_only_in_context(text: str, values: list[str]) -> None:
    assert [d.value for d in _run(text, [], MONDAY).dates] == values


STORY = (
    "Police are investigating after a woman was shot. "
    "The shooting happened about 2:30 p.m. Tuesday on Third Street. "
    "Officers arrested a man. "
    "The man had been convicted of assault in 2009. "
    "He was released on bail."
)
FRIDAY = dt.date(2017, 3, 10)


@pytest.mark.parametrize(
    ("trigger", "value", "basis"),
    [
        ("shot", "2017-03-07", "narrative"),  # an undated lead: the story's first date after it
        ("happened", "2017-03-07", "relative"),
        ("arrested", "2017-03-07", "narrative"),  # the nearest news date before it
        ("convicted", "2009", "explicit"),
        # a recalled past is not handed on: the story's date is
        ("released", "2017-03-07", "narrative"),
    ],
)
def test_narrative_dates(trigger: str, value: str, basis: str) -> None:
    doc = _run(STORY, [(trigger, 0)], FRIDAY)
    date = doc.events[0].date
    assert date is not None and (date.value, date.basis) == (value, basis)


def test_an_undated_event_takes_the_date_of_the_nearest_event_of_its_kind() -> None:
    """The victim died of the Saturday shooting, not on the day of the arrest told between."""
    text = (
        "A man was shot on Saturday in Dayton. Police arrested a suspect on Tuesday. "
        "The victim died at the scene."
    )
    triggers = [("shot", 0), ("arrested", 0), ("died", 0)]
    doc = _run(text, triggers, dt.date(2017, 3, 8), kinds={"arrested": "COERCE"})
    dates = [(e.date.value, e.date.basis) for e in doc.events if e.date]
    assert dates == [
        ("2017-03-04", "relative"),
        ("2017-03-07", "relative"),
        ("2017-03-04", "narrative"),  # the shooting's day, not Tuesday's
    ]


def test_a_death_dates_no_shooting_where_the_shooting_is_dated() -> None:
    """A victim dies a day after the shooting: the shooting told again is Monday's."""
    text = (
        "A boy was shot Monday by his brother. He died Tuesday evening at a hospital. "
        "The boy was shot in the head with a handgun."
    )
    doc = _run(text, [("shot", 0), ("died", 0), ("shot", 1)], dt.date(2017, 3, 22))
    assert [e.date.value for e in doc.events if e.date] == [
        "2017-03-20",
        "2017-03-21",
        "2017-03-20",  # not the day he died, the nearer date
    ]


def test_the_trigger_clause_dates_before_the_saying() -> None:
    text = "A girl was struck by a stray bullet Wednesday evening, police said Thursday."
    doc = _run(text, [("struck", 0)], dt.date(2016, 8, 11))
    date = doc.events[0].date
    assert date is not None and date.value == "2016-08-10"


@pytest.mark.parametrize(
    ("text", "trigger", "value", "basis"),
    [
        # a gerund the parser tags as a verb, in the trigger's prepositional phrase
        ("A boy was killed in a drive-by shooting Monday night, police said.", "killed",
         "2016-08-08", "relative"),
        # a "when" clause happened at its head's time
        ("Two teens were on the patio Tuesday when Smith shot the other teen.", "shot",
         "2016-08-09", "relative"),
        # a clause above that is not "when" dates only itself; the event takes the story's
        # date, as any undated sentence does
        ("A man was shot after he was arrested on Monday.", "shot", "2016-08-08", "narrative"),
        # a date after a verb of saying dates the saying, not the shooting (which takes the
        # story's date: the earlier death's, not the saying's)
        ("The woman died Tuesday. She was shot by a hunter, authorities said Wednesday.",
         "shot", "2016-08-09", "narrative"),
        # an undated lead takes the day the story tells, not the day of a statement
        ("A boy was shot in the head. Police said in a Wednesday statement that he died after"
         " Tuesday night's shooting.", "shot", "2016-08-09", "narrative"),
        # ... unless the statement's day is the only one
        ("A boy was shot in the head. Police said in a Wednesday statement that he was"
         " recovering.", "shot", "2016-08-10", "narrative"),
        # before it, news style dates what is reported
        ("On Tuesday, officials said forces recaptured the town.", "recaptured",
         "2016-08-09", "relative"),
        # a participle takes its governing verb's tense: Thursday before the Friday death
        ("He died Saturday after being shot Friday.", "shot", "2016-08-05", "relative"),
    ],
)  # fmt: skip
def test_dates_of_clauses_around_the_trigger(
    text: str, trigger: str, value: str, basis: str
) -> None:
    doc = _run(text, [(trigger, 0)], dt.date(2016, 8, 11))
    date = doc.events[0].date
    assert date is not None and (date.value, date.basis) == (value, basis)


def test_future_event_takes_no_narrative_date() -> None:
    text = "Rebels attacked the town on Saturday. They will attack again."
    doc = _run(text, [("attack", 0)], MONDAY, future=("attack",))
    date = doc.events[0].date
    assert date is not None and date.basis == "publication"


@pytest.mark.parametrize(
    ("text", "trigger", "time_precision", "historical"),
    [
        ("Rebels attacked the town on Saturday.", "attacked", 1, False),
        ("Rebels attacked the town last week.", "attacked", 2, False),
        ("Rebels attacked the town last month.", "attacked", 3, False),
        ("Rebels attacked the town.", "attacked", 2, False),  # only the publication date
        ("IS captured Mosul in June 2014.", "captured", 3, True),
        ("Rebels attacked the town on May 2.", "attacked", 1, True),  # over 30 days before
    ],
)
def test_time_precision_and_historical(
    text: str, trigger: str, time_precision: int, historical: bool
) -> None:
    date = _run(text, [(trigger, 0)], MONDAY).events[0].date
    assert date is not None
    assert (date.time_precision, date.historical) == (time_precision, historical)


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("He vowed to seize it by the end of this year.", True),
        ("The curfew lasts until Friday.", True),
        ("The town fell on Friday.", False),
    ],
)
def test_deadlines(text: str, deadline: bool) -> None:
    (date,) = _run(text, [], MONDAY).dates
    assert date.deadline is deadline


def test_no_publication_date_no_historical_flag() -> None:
    (date,) = _run("IS captured Mosul in June 2014.", [], None).dates
    assert (date.value, date.historical) == ("2014-06", False)


@pytest.mark.parametrize(
    ("text", "published", "value", "precision"),
    [
        # quarters and halves, as financial news writes them
        ("third-quarter", dt.date(1989, 10, 25), "1989-Q3", "quarter"),
        ("the fourth quarter", dt.date(1990, 1, 15), "1989-Q4", "quarter"),  # the last one
        ("the first half of 1990", dt.date(1989, 10, 25), "1990-H1", "half"),
        ("last quarter", dt.date(1989, 10, 25), "1989-Q3", "quarter"),
        # seasons: "last summer" in October is this year's, in July last year's
        ("last summer", dt.date(1989, 10, 25), "1989-SU", "season"),
        ("last summer", dt.date(1989, 7, 10), "1988-SU", "season"),
        ("this summer", dt.date(1998, 5, 1), "1998-SU", "season"),
        ("next spring", dt.date(1998, 5, 1), "1999-SP", "season"),
        ("the winter of 1994", dt.date(1998, 5, 1), "1994-WI", "season"),
        # weekends (Monday 11 July 2016: the last one was 9-10 July, week 27)
        ("the weekend", MONDAY, "2016-W27-WE", "weekend"),
        ("next weekend", MONDAY, "2016-W28-WE", "weekend"),
        # decades and centuries
        ("the 1990s", MONDAY, "199", "decade"),
        ("the late 1970s", MONDAY, "197", "decade"),
        ("the '80s", MONDAY, "198", "decade"),
        ("the nineties", MONDAY, "199", "decade"),
        ("the 20th century", MONDAY, "19", "century"),
        # vague references
        ("now", MONDAY, "PRESENT_REF", "ref"),
        ("currently", MONDAY, "PRESENT_REF", "ref"),
        ("recently", MONDAY, "PAST_REF", "ref"),
        ("the future", MONDAY, "FUTURE_REF", "ref"),
    ],
)
def test_coarse_periods_and_references(
    text: str, published: dt.date, value: str, precision: str
) -> None:
    date = normalize_timex(text, published)
    assert date is not None and (date.value, date.precision) == (value, precision)


def test_a_reference_never_dates_an_event() -> None:
    doc = _run("Rebels now control the town.", [("control", 0)], MONDAY)
    date = doc.events[0].date
    assert date is not None and date.basis == "publication"


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("1989-Q3", dt.date(1989, 7, 1), dt.date(1989, 9, 30)),
        ("1990-H2", dt.date(1990, 7, 1), dt.date(1990, 12, 31)),
        ("1998-WI", dt.date(1998, 12, 1), dt.date(1999, 2, 28)),
        ("2016-W27-WE", dt.date(2016, 7, 9), dt.date(2016, 7, 10)),
        ("197", dt.date(1970, 1, 1), dt.date(1979, 12, 31)),
        ("19", dt.date(1900, 1, 1), dt.date(1999, 12, 31)),
        ("PRESENT_REF", None, None),
    ],
)
def test_bounds_of_coarse_values(value: str, first: dt.date | None, last: dt.date | None) -> None:
    assert date_bounds(value) == (first, last)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("nineteen ninety-six", MONDAY, "1996"),
        ("the year two thousand", MONDAY, "2000"),
        ("fiscal 1989", MONDAY, "1989"),
        ("the full year", dt.date(1989, 11, 2), "1989"),
        ("the latest quarter", dt.date(1989, 11, 2), "1989-Q3"),
        ("the quarter", dt.date(1989, 11, 2), "1989-Q3"),  # results news: the last completed
        ("the current quarter", dt.date(1989, 11, 2), "1989-Q4"),
        ("recent", MONDAY, "PAST_REF"),
        ("the near term", MONDAY, "FUTURE_REF"),
    ],
)
def test_spoken_fiscal_and_anaphoric_periods(text: str, published: dt.date, value: str) -> None:
    date = normalize_timex(text, published)
    assert date is not None and date.value == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Rebels shelled the city overnight, residents said.", [("overnight", "2016-07-10")]),
        ("The army imposed an overnight curfew.", []),
    ],
)
def test_overnight(text: str, found: list[tuple[str, str]]) -> None:
    assert [(d.text, d.value) for d in _run(text, [], MONDAY).dates] == found


RESULTS_DAY = dt.date(1989, 11, 2)  # a Thursday in the results season
Q3 = EventDate(value="1989-Q3", precision="quarter", basis="explicit")
A_DAY = EventDate(value="1989-10-12", precision="day", basis="relative")
MAY = EventDate(value="1989-05", precision="month", basis="relative")
A_YEAR = EventDate(value="1987", precision="year", basis="explicit")


@pytest.mark.parametrize(
    ("text", "previous", "in_sentence", "value"),
    [
        ("a year earlier", Q3, False, "1988-Q3"),
        ("two days later", A_DAY, False, "1989-10-14"),
        ("a week earlier", A_DAY, False, "1989-10-05"),
        ("a month later", MAY, False, "1989-06"),
        ("two years later", A_YEAR, False, "1989"),
        ("a month later", A_YEAR, False, None),  # finer than the year named: no value
        ("the year-ago quarter", Q3, False, "1988-Q3"),
        ("the year-earlier period", Q3, False, "1988-Q3"),
        ("year-ago", Q3, False, "1988-Q3"),
        ("the comparable year-ago third quarter", Q3, False, "1988-Q3"),
        ("the same period last year", Q3, False, "1988-Q3"),
        ("the quarter a year ago", Q3, False, "1988-Q3"),
        ("the year-ago quarter", None, False, None),  # no quarter to count from
        ("year-ago", None, False, "1988"),  # the publication year's
        ("a year ago", Q3, False, "1988-Q3"),  # results news compares like periods
        ("last year", MAY, True, "1988-05"),
        ("last year", MAY, False, "1988"),  # a month in another sentence: deictic
        ("a year ago", A_DAY, True, "1988"),
        ("that year", A_DAY, False, "1989"),
        ("that day", MAY, False, None),
        ("earlier that day", A_DAY, False, "1989-10-12"),
        ("the following day", A_DAY, False, "1989-10-13"),
        ("the next morning", A_DAY, False, "1989-10-13"),
        ("the previous month", A_DAY, False, "1989-09"),
        ("the following year", A_DAY, False, "1990"),
        ("the latest period", Q3, False, "1989-Q3"),
        ("the 1988 period", Q3, False, "1988-Q3"),
        ("the 1988 period", None, False, None),
        ("a year earlier", None, False, None),
    ],
)
def test_expressions_counting_from_the_previous_one(
    text: str, previous: EventDate | None, in_sentence: bool, value: str | None
) -> None:
    date = normalize_timex(text, RESULTS_DAY, previous=previous, previous_in_sentence=in_sentence)
    assert (date.value if date else None) == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Thanksgiving Day", dt.date(2000, 1, 7), "1999-11-25"),
        ("last Thanksgiving", dt.date(2000, 2, 10), "1999-11-25"),
        ("Election Day", dt.date(1998, 10, 26), "1998-11-03"),  # a week ahead
        ("Christmas", dt.date(2016, 12, 28), "2016-12-25"),
        ("Easter Sunday", dt.date(2016, 4, 1), "2016-03-27"),
        ("Good Friday", dt.date(2024, 4, 2), "2024-03-29"),
        ("Labor Day", dt.date(2016, 9, 10), "2016-09-05"),
        ("Memorial Day 2015", MONDAY, "2015-05-25"),
        ("next Christmas", MONDAY, "2016-12-25"),
        ("January nineteen ninety-seven", MONDAY, "1997-01"),
        ("the winter of nineteen ninety-four", MONDAY, "1994-WI"),
        ("Feb. 4.", dt.date(2000, 2, 10), "2000-02-04"),
        ("Friday's", MONDAY, "2016-07-08"),
        ("the beginning of October", dt.date(1989, 10, 27), "1989-10"),
        ("earlier in the year", RESULTS_DAY, "1989"),
        ("its fourth quarter", RESULTS_DAY, "1989-Q4"),
        ("a flat second quarter", RESULTS_DAY, "1989-Q2"),
        ("the fiscal-first quarter", RESULTS_DAY, "1989-Q1"),
        ("next year's first quarter", RESULTS_DAY, "1990-Q1"),
        ("this year's third quarter", RESULTS_DAY, "1989-Q3"),
    ],
)
def test_holidays_spoken_years_and_quarter_phrasings(
    text: str, published: dt.date, value: str
) -> None:
    date = normalize_timex(text, published)
    assert date is not None and date.value == value


def test_a_comparison_is_not_counted_from() -> None:
    """Both comparisons count from the quarter reported, not the second from the first."""
    text = (
        "Profit rose in the third quarter. It was $5 million a year earlier. "
        "Sales were flat compared with a year earlier."
    )
    values = [d.value for d in _run(text, [], RESULTS_DAY).dates]
    assert values == ["1989-Q3", "1988-Q3", "1988-Q3"]


def test_normalize_spans_uses_the_context_in_any_order() -> None:
    text = "Profit rose in the third quarter. It was $5 million a year earlier."
    parsed = load_spacy()(text)
    later, first = (text.index("a year earlier"), len(text) - 1), (15, 32)
    dates = normalize_spans(parsed, text, [later, first], RESULTS_DAY)
    assert [d.value if d else None for d in dates] == ["1988-Q3", "1989-Q3"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "last year" after a quarter's figures: the calendar year; "a year ago": the quarter
        ("Profit rose in the third quarter from $4 million last year.", ["1989-Q3", "1988"]),
        ("Profit rose in the third quarter from $4 million a year ago.", ["1989-Q3", "1988-Q3"]),
        # a quarter not yet over is not the one results news reports
        (
            "Net rose in the third quarter. It expects a fourth-quarter charge. Sales fell in "
            "the latest quarter.",
            ["1989-Q3", "1989-Q4", "1989-Q3"],
        ),
    ],
)
def test_results_news_periods(text: str, expected: list[str]) -> None:
    values = [d.value for d in _run(text, [], dt.date(1989, 11, 2)).dates]
    assert values == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # a quarter named by its last day: the calendar quarter holding most of it
        ("In the quarter ended July 31, sales rose.", "the quarter", "1989-Q2"),
        ("In the quarter ended Sept. 30, 1988, sales rose.", "the quarter", "1988-Q3"),
        ("In the fourth quarter ended Sept. 30, sales rose.", "fourth quarter", "1989-Q4"),
        # with no period named before it, "the latest period" is the last quarter completed
        ("Sales in the latest period were $1.76 billion.", "the latest period", "1989-Q3"),
    ],
)
def test_quarters_in_results_news(text: str, span: str, expected: str) -> None:
    start = text.index(span)
    parsed = load_spacy()(text)
    (date,) = normalize_spans(parsed, text, [(start, start + len(span))], dt.date(1989, 11, 2))
    assert date is not None and date.value == expected


def test_a_long_span_without_value_falls_back_to_its_parts() -> None:
    """spaCy may tag "the quarter ended July 31" as one DATE; the day inside it is kept."""
    text = "In the quarter ended July 31, sales rose."
    assert "1989-07-31" in [d.value for d in _run(text, [], dt.date(1989, 11, 2)).dates]


def test_the_clause_tense_decides_only_on_its_verb() -> None:
    """ "declared a dividend payable Dec. 7": the date hangs on "payable", not on "declared"."""
    text = "The directors declared a dividend payable Dec. 7. The plant closed on Dec. 1."
    values = [d.value for d in _run(text, [], dt.date(1989, 10, 27)).dates]
    assert values == ["1989-12-07", "1988-12-01"]  # the past "closed" puts Dec. 1 last year


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a future clause decides for the expressions it holds, on its verb or not
        ("He will be named commander for a mission in December.", dt.date(1998, 3, 4), "1998-12"),
        # a date something is due or takes effect looks ahead, whatever the clause's tense
        ("The dividend is payable Jan. 2 to holders.", dt.date(1989, 11, 2), "1990-01-02"),
        ("The board created an office, effective Feb. 1.", dt.date(1989, 10, 26), "1990-02-01"),
        ("Talks continue until mid-November.", dt.date(1989, 10, 30), "1989-11"),
        # ... unless it hangs on a past verb: a deadline that has passed
        ("By August, 200 people had died.", dt.date(1998, 9, 13), "1998-08"),
        # "by" an agent: the accord of Feb. 23 is past
        ("The monitors were named by the Feb. 23 accord.", dt.date(1998, 3, 6), "1998-02-23"),
        # no tense, no cue: news tells the past
        ("Prices rose in December, the agency said.", dt.date(1998, 3, 4), "1997-12"),
        # a limit set in a past clause: the nearer reading, either side
        ("Ottawa gave Merieux until mid-November to reply.", dt.date(1989, 10, 30), "1989-11"),
        ("Lenders have extended loans through January.", dt.date(1989, 10, 30), "1990-01"),
        ("By March, the rebels had taken the town.", dt.date(1989, 10, 30), "1989-03"),
        # a deadline: the nearer reading unless future
        ("Dunkin' has set Nov. 10 as the deadline for bids.", dt.date(1989, 11, 2), "1989-11-10"),
        (
            "Holders tendered 99% of the shares by the Tuesday deadline.",
            dt.date(1989, 11, 2),
            "1989-10-31",
        ),
        # "would" and "is to" put a clause after its saying
        ("He said the summit would be held on April 24.", dt.date(1999, 2, 10), "1999-04-24"),
        ("Mixte is to resume trading in Paris on Tuesday.", dt.date(1989, 10, 27), "1989-10-31"),
        ("The split would be paid in January.", dt.date(1989, 10, 26), "1990-01"),
        # the end of the year: the year (TimeML: the year, mod END)
        ("The sale should close by year-end.", dt.date(1989, 11, 2), "1989"),
        ("It should be in place by year's end.", dt.date(1989, 10, 26), "1989"),
    ],
)
def test_context_direction(text: str, published: dt.date, expected: str) -> None:
    values = [d.value for d in _run(text, [], published).dates]
    assert values == [expected]
