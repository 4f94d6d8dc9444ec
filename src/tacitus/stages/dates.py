"""Stage `dates`: find time expressions, normalise them, and give each event its date.

Every time expression (spaCy DATE/TIME entities plus our own patterns for the forms the small
model misses) is normalised against the publication date into an ``EventDate``:

* ``value`` is ISO 8601 at its precision: ``2016``, ``2016-06``, ``2016-07-09``, ``2016-W27``;
* ``basis`` is ``explicit`` when the text names the date in full ("June 2014"), ``relative``
  when it needs the publication date ("on Saturday", "last week", "two days ago").

Coarser periods get TimeML's values: quarters ("third-quarter" -> ``1989-Q3``), halves
(``1990-H1``), seasons (``1998-SU``), weekends (``2016-W27-WE``), decades ("the 1970s" ->
``197``), centuries (``19``); vague references get ``PRESENT_REF`` ("now", "currently"),
``PAST_REF`` ("recently", "the past"), ``FUTURE_REF`` ("the future"), precision ``ref``, which
never dates an event (the publication date says more). Durations ("for six weeks") and sets
("every Monday") are not dates and are left out.

Span convention (TimeML): a leading preposition is not part of the expression
("On Saturday" -> "Saturday"), determiners and modifiers are ("last week", "the end of this year").

An event's date is the expression attached to its trigger in the parse, looking at the trigger
and then at the verbs governing it ("On Saturday, forces said they recaptured ..." dates the
recapture); else one attached in the same clause; else the date of the incident the text is
telling (basis ``narrative``): the nearest news date before the event in the text, or, for an
undated lead ("Police are investigating after a woman was shot."), the first one after it; a
news date is a day or week at most HISTORICAL_DAYS before publication and not a deadline, so a
recalled past ("IS captured Mosul in June 2014") is never handed on; else the publication date
(basis ``publication``); else None.

Each date also carries ACLED's ``time_precision`` (1 day, 2 week or publication date, 3 month
or coarser), ``historical`` (it ends over HISTORICAL_DAYS before publication: an old event
the article recalls) and ``deadline`` ("by the end of this year", "until Friday": a limit).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, TypeVar

from tacitus.model import (
    HISTORICAL_DAYS,
    DatePrecision,
    Document,
    Event,
    EventDate,
    date_bounds,
)
from tacitus.stages.registry import StageFn, stage
from tacitus.vocabulary import FUTURE_AUX, INTENTION_VERBS, NUMBER_WORDS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# "nearest": the reading closest to the publication date, either side (a deadline set in a
# past clause: "gave them until January", written in October).
Tense = Literal["past", "future", "nearest"] | None

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "a couple of": 2, "several": 0, "few": 0, "a few": 0,
}  # fmt: skip

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY_RE = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM_WORD_RE = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PREP_RE = r"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring)"
_EARLY_RE = r"(?:[Ee]arly|[Ll]ate|[Mm]id)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Patterns for what the small spaCy model often misses; matched case-sensitively where the
# capital letter is the evidence (month and weekday names: "may" is usually a modal verb).
PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"\b(?:(?:{_WEEKDAY_RE}),?\s+)?{_MONTH_RE}\s+{_DAY_RE}(?:,?\s+{_YEAR_RE})?(?![\w])"
    ),
    re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+{_YEAR_RE})?(?![\w])"),
    re.compile(rf"\b(?:(?:early|mid|late)[- ])?{_MONTH_RE},?\s+{_YEAR_RE}\b"),
    re.compile(rf"\b(?:{_PREP_RE}\s+(?:{_EARLY_RE}[- ])?|{_EARLY_RE}[- ]){_MONTH_RE}(?![\w.])"),
    re.compile(rf"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_WEEKDAY_RE}(?!s){_PART_OF_DAY}\b"),
    re.compile(r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)" + _PART_OF_DAY + r"\b"),
    # "overnight" as an adverb ("shelled the city overnight."), not "an overnight curfew"
    re.compile(r"\b[Oo]vernight(?=\s*[,.;]|\s+(?:on|in|at|to|from|into|when|as|and|the|a)\b)"),
    re.compile(
        rf"(?i)\b{_NUM_WORD_RE}\s+(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|later)\b"
    ),
    re.compile(
        r"(?i)\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:(?:this|next|last|the)\s+)"
        r"(?:year|month|week)\b"
    ),
    re.compile(r"(?i)\b(?:last|next|this|earlier\s+this|later\s+this)\s+(?:week|month|year)\b"),
    re.compile(rf"\b(?:{_PREP_RE}\s+(?:{_EARLY_RE}[- ])?|{_EARLY_RE}[- ]){_YEAR_RE}\b(?![%\w])"),
    re.compile(r"\b(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]\b"),
    re.compile(rf"\b(?:[Ll]ast|[Nn]ext|[Tt]his)\s+{_MONTH_RE}(?![\w.])"),
    re.compile(rf"\b{_MONTH_RE}\s+(?:last|next|this)\s+year\b"),
)

_LEADING_WORDS = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|during|from|of|as of|before|after|around)\s+)+",
    re.IGNORECASE,
)
_MODIFIERS = re.compile(
    r"^(?:(?:early|late|mid|the (?:middle|beginning|start|end) of|earlier|later|around|about|"
    r"approximately)[- ]\s*)",
    re.I,
)
# A date with no year more than this far on the wrong side of the publication date is taken
# to be in the neighbouring year ("Nov. 25" in a January article, past tense -> last year).
_YEAR_WRAP_DAYS = 7
_AHEAD_DAYS = 61
_NO_DCT = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _value(day: dt.date, precision: DatePrecision) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        return iso_week(day)
    return day.isoformat()


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _shift(day: dt.date, amount: int, unit: str) -> tuple[dt.date, DatePrecision]:
    """``day`` moved by ``amount`` units (negative: back), with the unit's precision."""
    if unit == "day":
        return day + dt.timedelta(days=amount), "day"
    if unit == "week":
        return day + dt.timedelta(weeks=amount), "week"
    if unit == "month":
        return _shift_months(day, amount), "month"
    if unit == "decade":
        return dt.date(day.year + 10 * amount, 1, 1), "year"  # "a decade ago": that year
    return dt.date(day.year + amount, 1, 1), "year"


def _weekday(dct: dt.date, weekday: int, *, future: bool, same_day_ok: bool) -> dt.date:
    """The nearest ``weekday`` before (or, for the future, after) the publication date."""
    if future:
        ahead = (weekday - dct.weekday()) % 7
        return dct + dt.timedelta(days=ahead if ahead or same_day_ok else 7)
    back = (dct.weekday() - weekday) % 7
    return dct - dt.timedelta(days=back if back or same_day_ok else 7)


_WEEKDAY_YEARS = 2  # how many years back (or ahead) a stated weekday may move a date
_WEEKDAY_SLIP_DAYS = 31  # a date this near the publication keeps its year whatever the weekday


def _agreeing_year(guess: dt.date, weekday: int, *, future: bool) -> dt.date:
    """``guess`` in the nearest earlier (for the future: later) year whose date falls on the
    stated weekday: "Saturday, Sept. 12" in a January 2017 report is 12 September 2015, the
    last one that was a Saturday, not 2016's Monday. Unchanged when no year nearby agrees."""
    if guess.weekday() == weekday:
        return guess
    step = 1 if future else -1
    for years in range(1, _WEEKDAY_YEARS + 1):
        other = _replace_year(guess, guess.year + step * years)
        if other is not None and other.weekday() == weekday:
            return other
    return guess


def _infer_year(month: int, day: int, dct: dt.date, tense: Tense) -> dt.date | None:
    """The year of a day-and-month date: the last one for the past, the next for the future,
    the nearest one when the tense is unknown."""
    try:
        guess = dt.date(dct.year, month, day)
    except ValueError:
        return None
    if tense == "nearest":
        readings = [
            d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := _replace_year(guess, y))
        ]
        return min(readings, key=lambda d: (abs((d - dct).days), d))
    if tense is None:
        # News tells the past: with no tense, a date more than two months ahead is last
        # year's ("March" in an October article), one ten months back next year's.
        if guess > dct + dt.timedelta(days=_AHEAD_DAYS):
            return _replace_year(guess, dct.year - 1)
        if guess <= dct - dt.timedelta(days=365 - _AHEAD_DAYS):
            return _replace_year(guess, dct.year + 1)
        return guess
    wrap = dt.timedelta(days=_YEAR_WRAP_DAYS)
    if tense != "future" and guess > dct + wrap:
        return _replace_year(guess, dct.year - 1)
    if tense != "past" and guess < dct - wrap:
        return _replace_year(guess, dct.year + 1)
    return guess


def _replace_year(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    value = SMALL_NUMBERS.get(word.lower())
    return value or None


def _date(value: dt.date, precision: DatePrecision, basis: str, text: str) -> EventDate:
    return EventDate.model_validate(
        {"value": _value(value, precision), "precision": precision, "basis": basis, "text": text}
    )


_RE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RE_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_RE_MONTH_DAY = re.compile(
    r"^(?:(?P<wd>[a-z]+),?\s+)?(?P<m>[a-z]+\.?)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?$"
)
_RE_DAY_MONTH = re.compile(
    r"^(?:(?P<wd>[a-z]+),?\s+)?(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<m>[a-z]+\.?)(?:,?\s+(?P<y>\d{4}))?$"
)
_RE_MONTH_YEAR = re.compile(r"^(?P<m>[a-z]+\.?),?\s+(?:of\s+)?(?P<y>\d{4})$")
_RE_YEAR = re.compile(r"^(?:the\s+year\s+)?(?P<y>1[0-9]{3}|20[0-9]{2})$")
_RE_AGO = re.compile(r"^(?:about\s+|some\s+|almost\s+|nearly\s+)?(?P<n>\S+|a couple of)\s+"
                     r"(?P<u>day|week|month|year|decade)s?\s+ago$")  # fmt: skip
_RE_REL_PERIOD = re.compile(
    r"^(?:the\s+)?(?:(?:end|beginning|start|middle)\s+of\s+)?(?:the\s+)?"
    r"(?P<rel>last|next|this|earlier this|later this|the|current|coming|past)?\s*"
    r"(?:fiscal\s+|calendar\s+)?(?P<u>week|month|year)(?:'s)?(?:\s+end)?$"
)
_RE_WEEKDAY = re.compile(
    r"^(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?$"
)
_RE_REL_MONTH = re.compile(
    r"^(?:(?P<rel>last|next|this)\s+(?P<m>[a-z]+)|(?P<m2>[a-z]+)\s+(?P<rel2>last|next|this)\s+year)$"
)
_RE_DEICTIC = re.compile(
    r"^(?P<w>yesterday|today|tomorrow|tonight|this morning|this afternoon|this evening|"
    r"last night|overnight)(?:\s+(?:morning|afternoon|evening|night))?$"
)


def normalize_timex(
    text: str,
    dct: dt.date,
    *,
    tense: Tense = None,
    previous: EventDate | None = None,
    previous_in_sentence: bool = False,
) -> EventDate | None:
    """Normalise one time expression against the publication date ``dct``.

    ``tense`` is that of the clause the expression is in, when known: in the future a bare
    weekday or month means the next one, in the past the last one; unknown, a bare weekday is
    the last one (news reports the past) and a month the nearest one.
    ``previous`` is the last dated expression before this one in the text (``_in_sentence``:
    in the same sentence): what "a year earlier", "that year", "the following day" and "the
    year-ago quarter" count from. Without it they have no value, except the year-ago forms,
    which then count from the publication year.
    Returns None for durations, sets and expressions with no value at a precision Tacitus
    represents. The result has ``text`` set and no offsets.
    """
    period = (
        previous if previous is not None and previous.precision in ("quarter", "half") else None
    )
    return _normalize(text, dct, tense, _Previous(previous, previous_in_sentence, period))[0]


def _normalize(
    text: str, dct: dt.date, tense: Tense, previous: _Previous
) -> tuple[EventDate | None, bool]:
    """``normalize_timex``, and whether the value counts from the previous expression."""
    raw = " ".join(text.split())
    t = raw.lower().strip(" ,;:")
    if t.endswith(("'s", "\u2019s")):
        t = t[:-2]  # "Friday's": the possessive is not part of the expression
    t = t.rstrip(".") if not _month(t.rsplit(" ", 1)[-1]) else t  # "Feb. 4.", not "Feb."
    if not t or t.startswith(("for ", "every ", "each ")):
        return None, False  # durations and sets are not dates
    t = _LEADING_WORDS.sub("", t)
    t = _LEADING_WORDS.sub("", _MODIFIERS.sub("", t).strip())  # "earlier in the year"
    t = _spoken_years_as_digits(t)
    if (counted := _anaphoric(t, raw, dct, previous)) is not None:
        return counted, True
    date = (
        _absolute(t, raw)
        or _relative(t, raw, dct, tense)
        or _coarse(t, raw, dct, tense)
        or _holiday(t, raw, dct, tense)
    )
    return date, False


def _absolute(t: str, raw: str) -> EventDate | None:
    if m := _RE_ISO.match(t):
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return _date(day, "day", "explicit", raw)
    if m := _RE_SLASH.match(t):
        year = int(m[3]) if len(m[3]) == 4 else 1900 + int(m[3]) + (100 if int(m[3]) < 50 else 0)
        try:
            return _date(dt.date(year, int(m[1]), int(m[2])), "day", "explicit", raw)
        except ValueError:
            return None
    if m := _RE_MONTH_YEAR.match(t):
        month = _month(m["m"])
        return _date(dt.date(int(m["y"]), month, 1), "month", "explicit", raw) if month else None
    if m := _RE_YEAR.match(t):
        return _date(dt.date(int(m["y"]), 1, 1), "year", "explicit", raw)
    for pattern in (_RE_MONTH_DAY, _RE_DAY_MONTH):
        m = pattern.match(t)
        if m and m["y"] and (month := _month(m["m"])):
            try:
                return _date(dt.date(int(m["y"]), month, int(m["d"])), "day", "explicit", raw)
            except ValueError:
                return None
    return None


def _relative(t: str, raw: str, dct: dt.date, tense: Tense) -> EventDate | None:
    if m := _RE_DEICTIC.match(t):
        # "overnight" in a report: the night before it, dated by the evening it began
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1, "overnight": -1}.get(m["w"], 0)
        return _date(dct + dt.timedelta(days=offset), "day", "relative", raw)
    if m := _RE_AGO.match(t):
        amount = _number(m["n"])
        if amount is None:
            return None  # "a few days ago": no value
        day, precision = _shift(dct, -amount, m["u"])
        return _date(day, precision, "relative", raw)
    if m := _RE_WEEKDAY.match(t):
        rel = m["rel"]
        future = tense == "future"
        if tense is None and rel is None and (WEEKDAYS[m["wd"]] - dct.weekday()) % 7 == 1:
            future = True  # with no tense, the day after publication, not six days back
        ahead = future if rel in (None, "this") else rel in ("next", "coming")
        day = _weekday(dct, WEEKDAYS[m["wd"]], future=ahead, same_day_ok=rel is None)
        return _date(day, "day", "relative", raw)
    if m := _RE_REL_PERIOD.match(t):
        rel = m["rel"]
        if rel in (None, "past", "coming"):
            return None  # "a week", "the past year": durations
        amount = {"last": -1, "next": 1}.get(rel, 0)
        day, precision = _shift(dct, amount, m["u"])
        return _date(day, precision, "relative", raw)
    for pattern in (_RE_MONTH_DAY, _RE_DAY_MONTH):
        m = pattern.match(t)
        if m and not m["y"] and (month := _month(m["m"])):
            guess = _infer_year(month, int(m["d"]), dct, tense)
            # a day within weeks of publication stays in its year though the weekday does
            # not agree: a wrong weekday is likelier than an old date without its year
            recent = guess is not None and abs((guess - dct).days) <= _WEEKDAY_SLIP_DAYS
            if guess is not None and m["wd"] in WEEKDAYS and not recent:
                guess = _agreeing_year(guess, WEEKDAYS[m["wd"]], future=tense == "future")
            return _date(guess, "day", "relative", raw) if guess else None
    if m := _RE_REL_MONTH.match(t):
        month = _month(m["m"] or m["m2"])
        if month is None:
            return None
        rel = m["rel"] or m["rel2"]
        if m["rel2"]:  # "January this year", "May last year"
            year = dct.year + {"last": -1, "next": 1}.get(rel, 0)
            return _date(dt.date(year, month, 1), "month", "relative", raw)
        rel_tense: Tense = {"last": "past", "next": "future"}.get(rel, tense)  # type: ignore[assignment]
        if rel == "this":
            return _date(dt.date(dct.year, month, 1), "month", "relative", raw)
        guess = _infer_year(month, 1, dct.replace(day=1), rel_tense)
        return _date(guess, "month", "relative", raw) if guess else None
    month = _month(t)
    if month is not None and t.isalpha():
        guess = _infer_year(month, 1, dct.replace(day=1), tense)
        return _date(guess, "month", "relative", raw) if guess else None
    return None


# --- coarse periods and vague references ---------------------------------------------------

REFERENCES: dict[str, str] = {
    **dict.fromkeys(("now", "right now", "currently", "current", "the present", "present",
                     "at present", "nowadays", "these days", "today's", "at the moment",
                     "the moment", "at this time", "this time"), "PRESENT_REF"),
    **dict.fromkeys(("recently", "the past", "past", "previously", "formerly", "lately",
                     "in the past", "earlier", "once", "some time ago", "recent years",
                     "recent months", "recent weeks", "years ago", "several years ago",
                     "a few years ago", "the time", "that time", "then", "recent",
                     "recent days", "more recently", "past years", "the past few years",
                     "the last few months", "the past several years", "the past several months",
                     "the past several quarters", "recent weeks and months"), "PAST_REF"),
    **dict.fromkeys(("the future", "future", "soon", "one day", "someday", "some day",
                     "coming months", "the coming months", "coming years", "the coming years",
                     "the coming weeks", "coming weeks", "the near future", "eventually",
                     "in the future", "later", "the near term", "the short term",
                     "the long term", "future quarters", "a later date", "the years ahead",
                     "the months ahead", "the weeks ahead"), "FUTURE_REF"),
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}  # fmt: skip
_RE_QUARTER = re.compile(
    r"^(?:(?:the|its|their|a|an)\s+(?:(?:flat|strong|weak|slow|disappointing|record|"
    r"comparable)\s+)?)?(?:(?P<y1>\d{4})(?:'s)?\s+|(?P<rel>this|last|next)\s+year's\s+)?"
    r"(?:fiscal[- ])?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?P<u>quarter|half)"
    r"(?:\s+of\s+(?:fiscal\s+)?(?P<y2>\d{4}))?$"
)
_RE_LAST_QUARTER = re.compile(
    r"^(?:the\s+)?(?:(?P<rel>last|previous|latest|most recent|recent|current|this|next|coming|)"
    r"\s*(?:fiscal\s+)?(?P<u>quarter|half)|(?P<p>latest|most recent) period)$"
)
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9),
            "winter": ("WI", 12)}  # fmt: skip
_RE_SEASON = re.compile(
    r"^(?:(?P<rel>this past|last|next|this|the|the coming|the past)\s+)?(?P<s>spring|summer|"
    r"fall|autumn|winter)(?:\s+of\s+(?P<y>\d{4}))?$"
)
_RE_SEASON_YEAR = re.compile(r"^(?P<y>\d{4})\s+(?P<s>spring|summer|fall|autumn|winter)$")
_RE_WEEKEND = re.compile(r"^(?:(?P<rel>last|next|this|the|the past|the coming)\s+)?weekend$")
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip
_RE_DECADE = re.compile(
    r"^(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:(?P<c>1[0-9]|20)(?P<d>[0-9])0\s?'?s|"
    r"'(?P<d2>[0-9])0s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))$"
)
_RE_CENTURY = re.compile(r"^(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century$")


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


_RE_SPOKEN_YEAR = re.compile(
    r"^(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen|twenty)\s+(?P<rest>[a-z]+(?:[- ][a-z]+)?)|"
    r"(?P<k>two thousand)(?:\s+(?:and\s+)?(?P<krest>[a-z]+))?)$"
)
_RE_THIS_YEAR = re.compile(r"^(?:the\s+)?(?:full\s+|current\s+|fiscal\s+)*year$")
_RE_YEAR_END = re.compile(r"^(?:the\s+)?(?:year[- ]end|year(?:'s|\u2019s)\s+end)$")
_RE_FISCAL_YEAR = re.compile(r"^fiscal\s+(?:year\s+)?(?P<y>1[89][0-9]{2}|20[0-9]{2})$")


def _spoken_number(words: str) -> int | None:
    """ "ninety-six" -> 96, "seventy" -> 70, "eight" -> 8, "fifteen" -> 15 (1 to 99)."""
    values = [NUMBER_WORDS.get(w) for w in words.replace("-", " ").split()]
    if len(values) == 1 and values[0]:
        return values[0]
    if len(values) == 2 and values[0] and values[1] and values[0] % 10 == 0 and values[1] < 10:
        return values[0] + values[1]  # tens and a unit
    return None


def _spoken_year(t: str) -> int | None:
    """Years read out as broadcast transcripts write them: "nineteen ninety-six" -> 1996,
    "the year two thousand" -> 2000."""
    m = _RE_SPOKEN_YEAR.match(t)
    if m is None:
        return None
    if m["k"]:
        rest = _spoken_number(m["krest"]) if m["krest"] else 0
        return 2000 + rest if rest is not None else None
    rest = _spoken_number(m["rest"])
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[m["c"]]
    return century + rest if rest is not None else None


_RE_SPOKEN_YEAR_AT_END = re.compile(
    r"(?:(?<=\s)|^)(?:(?:nineteen|eighteen|twenty)\s+[a-z]+(?:[- ][a-z]+)?|"
    r"two thousand(?:\s+(?:and\s+)?[a-z]+)?)$"
)


def _spoken_years_as_digits(t: str) -> str:
    """ "january nineteen ninety-seven" -> "january 1997" (a year after other words)."""
    m = _RE_SPOKEN_YEAR_AT_END.search(t)
    if m is None or m.start() == 0:
        return t
    year = _spoken_year(m.group())
    return f"{t[: m.start()]}{year}" if year is not None else t


def _coarse(t: str, raw: str, dct: dt.date, tense: Tense) -> EventDate | None:
    """Quarters, halves, seasons, weekends, decades, centuries, spoken and fiscal years,
    and vague references."""
    if t in REFERENCES:
        return _ref(REFERENCES[t], raw)
    if (year := _spoken_year(t)) is not None:
        return _period(f"{year:04d}", "year", "explicit", raw)
    if m := _RE_FISCAL_YEAR.match(t):
        return _period(m["y"], "year", "explicit", raw)
    if _RE_THIS_YEAR.match(t) and t != "year":
        return _period(f"{dct.year:04d}", "year", "relative", raw)  # "the year", "the full year"
    if _RE_YEAR_END.match(t):
        # "by year-end": the year whose end it is (TimeML: the year, mod END); in a past
        # clause early in a year, the year just ended
        year = dct.year - (tense == "past" and dct.month <= 3)
        return _period(f"{year:04d}", "year", "relative", raw)
    if m := _RE_QUARTER.match(t):
        n, unit = _ORDINALS[m["o"]], m["u"]
        current = _quarter_of(dct) if unit == "quarter" else (dct.month - 1) // 6 + 1
        written = m["y1"] or m["y2"]
        # "third-quarter results" in October: this year's; "fourth quarter" in January:
        # last year's (a period not yet begun is read as the last one, unless future)
        year = int(written) if written else dct.year - (n > current and tense != "future")
        if m["rel"]:  # "next year's first quarter"
            year = dct.year + {"last": -1, "next": 1}.get(m["rel"], 0)
        letter = "Q" if unit == "quarter" else "H"
        basis = "explicit" if written else "relative"
        return _period(f"{year:04d}-{letter}{n}", unit, basis, raw)
    if m := _RE_LAST_QUARTER.match(t):
        # "the latest period" with no period named before it: results news' last quarter
        unit, rel = (m["u"], m["rel"]) if m["p"] is None else ("quarter", m["p"])
        size = 3 if unit == "quarter" else 6
        # "the quarter", "the latest quarter": in results news, the last one completed
        done = ("last", "previous", "latest", "most recent", "recent", "")
        shift = -1 if rel in done else {"next": 1, "coming": 1}.get(rel, 0)
        index = dct.year * 12 + dct.month - 1 + shift * size
        year, month = index // 12, index % 12 + 1
        n = (month - 1) // size + 1
        return _period(f"{year:04d}-{'Q' if unit == 'quarter' else 'H'}{n}", unit, "relative", raw)
    if (m := _RE_SEASON.match(t)) or (m := _RE_SEASON_YEAR.match(t)):
        code, start_month = _SEASONS[m["s"]]
        if m["y"]:
            return _period(f"{int(m['y']):04d}-{code}", "season", "explicit", raw)
        rel = m.groupdict().get("rel") or ""
        if rel in ("the", ""):
            rel = {"past": "last", "future": "next"}.get(tense or "", "this")
        # the latest season S that has begun, and whether it is still going on
        latest = dct.year if dt.date(dct.year, start_month, 1) <= dct else dct.year - 1
        ongoing = dct <= (date_bounds(f"{latest:04d}-{code}")[1] or dct)
        if rel in ("last", "this past", "the past"):
            year = latest - 1 if ongoing else latest
        elif rel in ("next", "the coming"):
            year = latest + 1
        else:  # "this summer": this year's ("this winter" in January: the one going on)
            year = latest if code == "WI" and dct.month <= 2 else dct.year
        return _period(f"{year:04d}-{code}", "season", "relative", raw)
    if m := _RE_WEEKEND.match(t):
        rel = m["rel"] or "the"
        saturday = dct + dt.timedelta(days=5 - dct.weekday())  # this week's Saturday
        # "the weekend" with no tense: the nearest one (on a Monday, the one just past)
        nearest_past = tense == "past" or (tense is None and dct.weekday() <= 2)
        if rel in ("last", "the past") or (rel == "the" and nearest_past and dct.weekday() < 5):
            saturday -= dt.timedelta(weeks=1)
        elif rel in ("next", "the coming") and dct.weekday() >= 5:
            saturday += dt.timedelta(weeks=1)
        return _period(f"{iso_week(saturday)}-WE", "weekend", "relative", raw)
    if m := _RE_DECADE.match(t):
        if m["w"]:
            decade = f"19{_DECADE_WORDS[m['w']]}"
        elif m["d2"]:
            decade = f"19{m['d2']}"
        else:
            decade = f"{m['c']}{m['d']}"
        return _period(decade, "decade", "explicit" if m["c"] else "relative", raw)
    if m := _RE_CENTURY.match(t):
        return _period(f"{int(m['n']) - 1:02d}", "century", "explicit", raw)
    return None


# --- expressions that count from an earlier one ------------------------------------------


@dataclass(frozen=True)
class _Previous:
    date: EventDate | None  # the last dated expression before this one in the text
    in_sentence: bool  # whether it is in the same sentence
    period: EventDate | None = None  # the last quarter or half (results news: the one reported)


@dataclass
class _References:
    """The expressions later ones may count from, as a text is read in order."""

    last: EventDate | None = None
    last_sentence: int | None = None
    period: EventDate | None = None

    def context(self, sentence: int) -> _Previous:
        return _Previous(self.last, self.last_sentence == sentence, self.period)

    def read(self, date: EventDate, sentence: int, dct: dt.date) -> None:
        self.last, self.last_sentence = date, sentence
        # The period results news reports has ended: "a fourth-quarter charge" expected in
        # November is not the quarter "the latest quarter" and "a year ago" count from.
        last = date_bounds(date.value)[1]
        if date.precision in ("quarter", "half") and last is not None and last < dct:
            self.period = date


_UNITS = r"(?P<u>day|week|month|quarter|year)s?"
_RE_OFFSET = re.compile(
    rf"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    rf"{_UNITS}\s+(?P<d>earlier|later|before|after|previously)$"
)
# "the year-ago quarter", "year-earlier", "the comparable year-ago third quarter",
# "the same period last year", "the quarter a year ago", "last year's quarter"
_RE_YEAR_AGO = re.compile(
    r"^(?:the\s+)?(?:(?:same|comparable|corresponding|like)\s+)?(?:"
    r"(?:year[- ]ago|year[- ]earlier|prior[- ]year|previous[- ]year|last[- ]year's)"
    r"(?:\s+(?:(?P<o>first|second|third|fourth)[- ])?(?P<u>quarter|half|period|month))?|"
    r"(?P<u2>quarter|half|period|month)\s+(?:a year (?:ago|earlier)|(?:of\s+)?last year|"
    r"the year before|(?:of\s+)?the (?:previous|prior) year))$"
)
_RE_THAT_PERIOD = re.compile(
    r"^(?:that|the same|that same)\s+(?P<u>day|week|month|quarter|year|period|time)$"
)
_RE_FOLLOWING = re.compile(
    r"^the\s+(?P<w>following|next|previous|preceding|prior)\s+"
    r"(?P<u>day|morning|afternoon|evening|night|week|month|quarter|year)$"
)
_RE_THE_PERIOD = re.compile(
    r"^(?:the|that)\s+(?:(?P<rel>latest|most recent|recent|reporting)\s+)?(?P<u>period|quarter)$"
)
_RE_YEAR_PERIOD = re.compile(r"^the\s+(?P<y>1[89][0-9]{2}|20[0-9]{2})\s+(?P<u>period|quarter)$")
_PART_PRECISIONS = ("quarter", "half", "season")


def _shift_date(date: EventDate, amount: int, unit: str) -> EventDate | None:
    """``date`` moved by ``amount`` units at its own precision ("1989-Q3" a year back:
    "1988-Q3"), or None when the unit is finer than the precision (a month from a year)."""
    first = date_bounds(date.value)[0]
    if first is None or date.precision in ("ref", "decade", "century"):
        return None
    if unit == "year":
        if date.precision in (*_PART_PRECISIONS, "year"):
            value = f"{first.year + amount:04d}{date.value[4:]}"
            return date.model_copy(update={"value": value})
        moved = _replace_year(first, first.year + amount) or first - dt.timedelta(days=1)
    elif unit == "quarter":
        if date.precision != "quarter":
            return None
        quarter = _shift_months(first, 3 * amount)
        value = f"{quarter.year:04d}-Q{_quarter_of(quarter)}"
        return date.model_copy(update={"value": value})
    elif unit == "month" and date.precision in ("day", "month"):
        moved = _shift_months(first, amount)
        if date.precision == "day":
            moved = moved.replace(
                day=min(first.day, calendar.monthrange(moved.year, moved.month)[1])
            )
    elif unit in ("day", "week") and date.precision in ("day", "week", "weekend"):
        if unit == "day" and date.precision != "day":
            return None
        moved = first + dt.timedelta(days=amount * (7 if unit == "week" else 1))
    else:
        return None
    if date.precision == "weekend":
        value = f"{iso_week(moved)}-WE"
    else:
        value = _value(moved, date.precision)
    return date.model_copy(update={"value": value})


def _coarsen(date: EventDate, unit: str) -> EventDate | None:
    """``date`` at the coarser precision ``unit`` ("1989-10-27", year: "1989")."""
    first = date_bounds(date.value)[0]
    order = ("day", "weekend", "week", "month", "quarter", "year")
    if first is None or date.precision not in order or unit not in order:
        return None
    if order.index(unit) < order.index(date.precision):
        return None  # "that day" after "in 1989": no day
    if unit == "quarter":
        return date.model_copy(update={"value": f"{first.year:04d}-Q{_quarter_of(first)}",
                                       "precision": "quarter"})  # fmt: skip
    if unit == "weekend":
        return None
    return date.model_copy(update={"value": _value(first, unit), "precision": unit})  # type: ignore[arg-type]


def _anaphoric(t: str, raw: str, dct: dt.date, previous: _Previous) -> EventDate | None:
    """Expressions that count from the last one before them ("a year earlier")."""
    ref = previous.date
    if ref is not None and ref.precision == "ref":
        ref = None
    if m := _RE_YEAR_AGO.match(t):
        unit = m["u"] or m["u2"] or "year"
        base: EventDate | None = None
        if previous.period is not None and unit in (previous.period.precision, "period", "year"):
            base = previous.period
        elif ref is not None and ref.precision == "month" and unit in ("month", "period", "year"):
            base = ref
        if m["o"]:  # "the year-ago third quarter": that quarter of the year before
            year = (int(ref.value[:4]) if ref is not None else dct.year) - 1
            return _relative_date(f"{year:04d}-Q{_ORDINALS[m['o']]}", "quarter", raw)
        if base is None:
            if unit in ("quarter", "half", "month"):
                return None  # "the year-ago quarter" with no quarter before it
            return _relative_date(f"{dct.year - 1:04d}", "year", raw)
        return _as_relative(_shift_date(base, -1, "year"), raw)
    if ref is None:
        return None
    # "a year ago" after a quarter's figures: that quarter a year before (results news
    # compares like periods); after a month, only in the month's sentence. "Last year" after
    # a quarter names the calendar year (as TimeBank's annotators mostly read it).
    if t in ("a year ago", "one year ago", "the year before", "last year"):
        if previous.period is not None and t != "last year":
            return _as_relative(_shift_date(previous.period, -1, "year"), raw)
        if ref.precision == "month" and previous.in_sentence:
            return _as_relative(_shift_date(ref, -1, "year"), raw)
    if m := _RE_OFFSET.match(t):
        amount = _number(m["n"]) or 1
        sign = -1 if m["d"] in ("earlier", "before", "previously") else 1
        if m["u"] == "year" and amount == 1 and sign < 0 and previous.period is not None:
            ref = previous.period  # "from $99 million a year earlier": the reported quarter's
        return _as_relative(_shift_date(ref, sign * amount, m["u"]), raw)
    if m := _RE_FOLLOWING.match(t):
        unit = m["u"] if m["u"] in ("week", "month", "quarter", "year") else "day"
        sign = 1 if m["w"] in ("following", "next") else -1
        if m["w"] == "next" and unit != "day":
            return None  # "the next year": from now, not from the last date named
        return _as_relative(_shift_date(_coarsen(ref, unit) or ref, sign, unit), raw)
    if m := _RE_THAT_PERIOD.match(t):
        unit = m["u"]
        if unit in ("period", "time"):
            return _as_relative(ref, raw) if ref.precision in _PART_PRECISIONS else None
        return _as_relative(_coarsen(ref, unit), raw)
    period = previous.period
    if (m := _RE_THE_PERIOD.match(t)) and period is not None:
        if m["u"] == "period" or period.precision == "quarter":
            return _as_relative(period, raw)
        return None
    if (m := _RE_YEAR_PERIOD.match(t)) and period is not None:
        return _as_relative(period.model_copy(update={"value": m["y"] + period.value[4:]}), raw)
    return None


def _relative_date(value: str, precision: str, raw: str) -> EventDate:
    return _period(value, precision, "relative", raw)


def _as_relative(date: EventDate | None, raw: str) -> EventDate | None:
    if date is None:
        return None
    return _period(date.value, date.precision, "relative", raw)


# --- holidays ---------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` of the month (n = -1: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


# Public holidays an English-language news report names without a date (US ones where the
# name is US usage: Thanksgiving, Labor Day, Election Day).
HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "easter": _easter,
    "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "the fourth of july": lambda y: dt.date(y, 7, 4),
    "fourth of july": lambda y: dt.date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "halloween": lambda y: dt.date(y, 10, 31),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "boxing day": lambda y: dt.date(y, 12, 26),
}
_RE_HOLIDAY = re.compile(r"^(?:(?P<rel>last|next|this)\s+)?(?P<h>.+?)(?:\s+(?P<y>\d{4}))?$")


def _holiday(t: str, raw: str, dct: dt.date, tense: Tense) -> EventDate | None:
    m = _RE_HOLIDAY.match(t.replace("\u2019", "'"))
    if m is None or m["h"] not in HOLIDAYS:
        return None
    day_of = HOLIDAYS[m["h"]]
    if m["y"]:
        return _date(day_of(int(m["y"])), "day", "explicit", raw)
    if m["rel"] == "last":
        day = day_of(dct.year)
        day = day if day < dct else day_of(dct.year - 1)
    elif m["rel"] == "next":
        day = day_of(dct.year)
        day = day if day > dct else day_of(dct.year + 1)
    else:
        this_year = day_of(dct.year)
        guess = _infer_year(this_year.month, this_year.day, dct, tense)
        day = day_of(guess.year) if guess else this_year
    return _date(day, "day", "relative", raw)


def _period(value: str, precision: str, basis: str, raw: str) -> EventDate:
    return EventDate.model_validate(
        {"value": value, "precision": precision, "basis": basis, "text": raw}
    )


def _ref(value: str, raw: str) -> EventDate:
    return _period(value, "ref", "relative", raw)


# --- finding expressions in a parsed document ---------------------------------------------


def _candidates(doc: SpacyDoc, text: str) -> list[list[_Found]]:
    """Spans of time expressions: spaCy's DATE/TIME entities and our patterns. Overlapping
    ones are grouped, longest first ("June 2014" before "June"); a group's spans after the
    first are tried when it has no value ("the quarter ended July 31": "the quarter", "July
    31")."""
    found: list[_Found] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            found.append(_Found(ent.start_char, ent.end_char))
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            found.append(_Found(m.start(), m.end()))
    found = [_trim(text, f) for f in found]
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    groups: list[list[_Found]] = []
    for f in found:
        if groups and f.start < max(g.end for g in groups[-1]):
            groups[-1].append(f)  # overlapping the group
        else:
            groups.append([f])
    return [sorted(g, key=lambda f: (-(f.end - f.start), f.start)) for g in groups]


def _parts(group: list[_Found]) -> Iterator[list[_Found]]:
    """The ways to read a group of overlapping spans, best first: its longest span alone,
    then the shorter ones that do not overlap each other, each in text order."""
    yield [group[0]]
    rest: list[_Found] = []
    for f in group[1:]:  # longest first (``_candidates``)
        if all(f.end <= r.start or f.start >= r.end for r in rest):
            rest.append(f)
    if rest:
        yield sorted(rest, key=lambda f: f.start)


def _trim(text: str, found: _Found) -> _Found:
    """Drop a leading preposition and trailing punctuation (TimeML span convention)."""
    span = text[found.start : found.end]
    lead = _LEADING_WORDS.match(span)
    start = found.start + (lead.end() if lead else 0)
    end = found.end
    while end > start and text[end - 1] in " ,;:'\"\u2019":
        end -= 1
    if text[start:end].endswith(("'s", "\u2019s")):  # "last month's": the possessive is not in it
        end -= 2
    return _Found(start, end)


# "would" too: a date on a "would" clause lies after the saying ("said the summit would be
# held on April 24"); a written year decides for past habits ("in 1990 he would ...").
_FUTURE_AUX = FUTURE_AUX | {"going", "would"}
# Heads of an infinitive that put it in the future: "vowed to seize", "is scheduled to close".
_INTENDED = INTENTION_VERBS | {"schedule", "set", "due", "slate", "likely", "poise"}


def _tense(verb: Token | None) -> Tense:
    """The tense of the clause headed by ``verb``: "will send" future, "sent" past."""
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
            return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _INTENDED:
        return "future"
    if (
        verb.dep_ == "xcomp"
        and verb.head.lemma_ == "be"
        and verb.head.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return "future"  # "is to resume trading Tuesday"
    if verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children):
        return "past"
    if verb.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in verb.children):
        return "past"
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _tense(verb.head)
    if verb.dep_ in ("pcomp", "advcl") and verb.tag_ in ("VBN", "VBG"):
        # a participle has no tense of its own: "died Friday after being shot Thursday" is
        # past; a future above it says less ("will appeal the decision, announced Wednesday")
        return "past" if _tense(_governing_verb(verb.head)) == "past" else None
    return None


def _anchor(span: SpacySpan | None) -> Token | None:
    """The token outside the expression (its tokens ``span``) that it attaches to, skipping
    prepositions."""
    if span is None or len(span) == 0:
        return None
    inside = range(span.start, span.end)
    token = span.root
    while token.i in inside or token.pos_ == "ADP":
        if token.head.i == token.i:
            return None
        token = token.head
    return token


def _governing_verb(token: Token) -> Token | None:
    while True:
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head


@dataclass(frozen=True)
class Timex:
    """A normalised time expression and where it attaches in the parse."""

    date: EventDate
    anchor: int | None  # token index the expression attaches to
    clause: int | None  # token index of its governing verb
    # After a verb of saying it attaches to ("authorities said Wednesday"): the date of the
    # saying, not of what is reported (it is still the story's date, as a report's day
    # usually is). Before it, news style dates the report's content too ("On Saturday,
    # forces said they recaptured the airbase").
    saying: bool = False
    sentence: int | None = None  # character offset where its sentence starts


# What a date names the day of when it attaches to one of these nouns ("in a Friday afternoon
# statement", "at a news conference Monday"): a saying, like a speech verb's date.
_SPEECH_NOUNS = frozenset(
    {"statement", "release", "conference", "briefing", "interview", "announcement", "remarks"}
)
_BARE_YEAR = re.compile(r"\d{4}")
# Words before a bare number that make it a year ("in 2014"). Without one, a four-digit
# number followed by a capitalised word is a house number ("2088 Philip Street") or a name
# ("1010 WINS"), not a year; "the 1988 election" stays a year.
_YEAR_CUES = frozenset(
    {
        "in", "since", "by", "until", "till", "from", "of", "before", "after", "to",
        "through", "between", "and", "during", "early", "late", "mid", "year", "around",
        "circa", "than", "summer", "winter", "spring", "autumn", "fall", "fiscal",
    }
)  # fmt: skip


def is_year_in_context(text: str, start: int, end: int) -> bool:
    """Whether a bare four-digit number is a year (see ``_YEAR_CUES``); decades are not."""
    if text[end : end + 2] in ("'s", "\u2019s") or text[end : end + 1] == "s":
        return False  # "the 1930's": a decade, which has no value at our precisions
    before = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, start - 30) : start])
    if before is not None and before.group(1).lower() in _YEAR_CUES:
        return True
    after = re.match(r"[ \t]+([A-Za-z])", text[end : end + 10])
    return after is None or not after.group(1).isupper()


# Words before an expression that make it a limit rather than the time of the event.
_DEADLINE_BEFORE = re.compile(r"(?i)\b(?:by|until|till|before|no later than|not before)\s+$")


def acled_time_precision(date: EventDate) -> int:
    """ACLED's time_precision: 1 the day, 2 a week or a few days, 3 a month or coarser."""
    if date.basis == "publication":
        return 2  # the event happened on or shortly before the publication date
    return {"day": 1, "weekend": 2, "week": 2}.get(date.precision, 3)


def with_flags(date: EventDate, dct: dt.date | None, *, deadline: bool = False) -> EventDate:
    """``date`` with its ACLED time precision, its historical and its deadline flags."""
    last = date_bounds(date.value)[1]
    historical = bool(dct and last and (dct - last).days > HISTORICAL_DAYS)
    return date.model_copy(
        update={
            "time_precision": acled_time_precision(date),
            "historical": historical,
            "deadline": deadline or date.deadline,
        }
    )


@dataclass(frozen=True)
class _InContext:
    date: EventDate | None
    anchor: Token | None
    verb: Token | None


# Words just before an expression that put it after the time of its clause: a deadline or a
# date something takes effect ("payable Jan. 2", "effective Feb. 1", "until mid-November").
_FORWARD_BEFORE = re.compile(
    r"(?i)\b(?:by|until|till|through|payable|effective|due|starting|beginning)\s+$"
)
# ... and after it: "has set Nov. 10 as the deadline", "the Nov. 10 deadline".
_FORWARD_AFTER = re.compile(r"(?i)^(?:\s+as\s+(?:the|a|its|their)\b)?\s+deadline\b")


def _context_tense(
    text: str, start: int, end: int, anchor: Token | None, verb: Token | None
) -> Tense:
    """The tense an expression is read in. A past clause decides only for an expression on
    its verb: in "declared a dividend payable Dec. 7" the date hangs on "payable", and the
    past "declared" says nothing of it. A future clause decides for all it holds ("will be
    named commander for a mission in December"). A deadline or a start ("until", "payable",
    "effective") looks ahead unless its verb is past; then the nearer reading is taken ("by
    August, 200 had died": this August, in an October article; "gave them until
    mid-November" in October: this November, not last year's). A deadline ("has set Nov. 10
    as the deadline", "by the Tuesday deadline") is read in the nearer reading unless future."""
    tense = _tense(verb)
    on_verb = anchor is not None and verb is not None and anchor.i == verb.i
    if _FORWARD_BEFORE.search(text[max(0, start - 24) : start]):
        if on_verb and tense == "past":
            # "has extended loans through January": the limit holds from now on (nearest);
            # "by March, they had taken the town": the past's own reading
            perfect = verb is not None and any(
                c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children
            )
            return "nearest" if perfect else None
        return "future"
    if _FORWARD_AFTER.match(text[end : end + 24]):  # a deadline may have passed: the nearer
        return "future" if tense == "future" else None
    if tense == "future" or on_verb:
        return tense
    return None


# "the quarter ended July 31": a (fiscal) quarter named by its last day.
_QUARTER_ENDED = re.compile(
    rf"^\s*,?\s*(?:that\s+|which\s+)?(?:ended|ending)\s+(?P<m>{_MONTH_RE})\s+(?P<d>{_DAY_RE})"
    rf"(?:,?\s+(?P<y>{_YEAR_RE}))?"
)


def _quarter_ended(date: EventDate, raw: str, after: str, dct: dt.date) -> EventDate:
    """A quarter with no ordinal followed by its end ("the quarter ended July 31"): the
    calendar quarter holding most of its three months (May-July: the second), in the year
    of that end day (the last one before publication when no year is written)."""
    m = _QUARTER_ENDED.match(after)
    if (
        m is None
        or date.precision != "quarter"
        or re.search(r"first|second|third|fourth", raw, re.I)
    ):
        return date
    month = _month(m["m"])
    day = int(re.sub(r"\D", "", m["d"]))
    if month is None:
        return date
    if m["y"]:
        last: dt.date | None = _replace_year(dt.date(2000, month, 1), int(m["y"]))
    else:
        last = _infer_year(month, min(day, 28), dct, "past")
    if last is None:
        return date
    middle = _shift_months(last.replace(day=1), -1)
    return date.model_copy(update={"value": f"{middle.year:04d}-Q{_quarter_of(middle)}"})


def _normalize_in_context(
    words: SpacySpan | None,
    text: str,
    start: int,
    end: int,
    dct: dt.date,
    references: _References,
) -> _InContext:
    """The expression at ``text[start:end]`` (its tokens ``words``) normalised with the tense
    of its clause and the expressions before it; a value that may be counted from is added to
    ``references``."""
    anchor = _anchor(words)
    verb = _governing_verb(anchor) if anchor is not None else None
    sentence = words.sent.start_char if words is not None and len(words) else start
    date, counted = _normalize(
        text[start:end],
        dct,
        _context_tense(text, start, end, anchor, verb),
        references.context(sentence),
    )
    if date is not None:
        date = _quarter_ended(date, text[start:end], text[end : end + 40], dct)
    # What counts from an earlier expression is not itself a point to count from: in "up from
    # a year earlier ... the year-earlier quarter", both count from the quarter reported.
    if date is not None and not counted and date.precision != "ref":
        references.read(date, sentence, dct)
    return _InContext(date, anchor, verb)


def normalize_spans(
    doc: SpacyDoc, text: str, spans: Sequence[tuple[int, int]], dct: dt.date
) -> list[EventDate | None]:
    """Normalise the time expressions at the character ``spans`` of a parsed text, each with
    the tense of its clause and the expressions before it (as ``find_dates`` does); results
    in the order of ``spans``."""
    out: list[EventDate | None] = [None] * len(spans)
    references = _References()
    for i in sorted(range(len(spans)), key=lambda i: spans[i]):
        start, end = spans[i]
        words = doc.char_span(start, end, alignment_mode="expand")
        out[i] = _normalize_in_context(words, text, start, end, dct, references).date
    return out


def find_dates(doc: SpacyDoc, text: str, dct: dt.date) -> list[Timex]:
    """Every normalisable time expression in ``doc``, in text order."""
    out: list[Timex] = []
    references = _References()
    for group in _candidates(doc, text):
        for parts in _parts(group):
            timexes = [t for f in parts if (t := _timex(doc, text, f, dct, references))]
            if timexes:
                out.extend(timexes)
                break
    return out


def _timex(
    doc: SpacyDoc, text: str, f: _Found, dct: dt.date, references: _References
) -> Timex | None:
    """The expression at span ``f`` normalised in context, or None when it has no value."""
    if f.end <= f.start:
        return None
    if _BARE_YEAR.fullmatch(text[f.start : f.end]) and not is_year_in_context(text, f.start, f.end):
        return None
    words = doc.char_span(f.start, f.end, alignment_mode="expand")
    if words is not None and [(t.lower_, t.dep_) for t in words] == [("overnight", "amod")]:
        return None  # "an overnight curfew" is a kind of curfew, not a time
    found = _normalize_in_context(words, text, f.start, f.end, dct, references)
    if found.date is None:
        return None
    date = found.date.model_copy(
        update={"text": text[f.start : f.end], "start": f.start, "end": f.end}
    )
    deadline = bool(_DEADLINE_BEFORE.search(text[max(0, f.start - 20) : f.start]))
    date = with_flags(date, dct, deadline=deadline)
    anchor, verb = found.anchor, found.verb
    saying = anchor is not None and (
        (anchor.lemma_.lower() in SPEECH_VERBS and f.start > anchor.idx)
        or (anchor.pos_ == "NOUN" and anchor.lemma_.lower() in _SPEECH_NOUNS)
    )
    return Timex(
        date,
        anchor.i if anchor is not None else None,
        verb.i if verb is not None else None,
        saying,
        words.sent.start_char if words is not None and len(words) else None,
    )


def _chain(token: Token) -> Iterator[Token]:
    """The token and its heads up to the root of its sentence."""
    yield token
    while token.head.i != token.i:
        token = token.head
        yield token


def event_date(
    doc: SpacyDoc, trigger_start: int, trigger_end: int, timexes: Iterable[Timex]
) -> EventDate | None:
    """The time expression that dates the event whose trigger spans the given offsets."""
    span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    trigger = span.root
    sent = trigger.sent
    local = [
        t
        for t in timexes
        if t.anchor is not None and sent.start <= t.anchor < sent.end and t.date.precision != "ref"
    ]
    by_anchor: dict[int, Timex] = {}
    for t in local:
        by_anchor.setdefault(t.anchor, t)  # type: ignore[arg-type]
    # The trigger's own clause first: on the way up to its verb, then anywhere in that
    # clause ("was struck by a stray bullet Wednesday evening, police said Thursday": the
    # evening, not the day of the saying), then in a gerund it governs ("was killed in a
    # drive-by shooting Monday night"); then the clauses above it, nearest first, by what
    # attaches to them, or by anything in the clause a "when" clause hangs from ("were on
    # the patio Tuesday when Smith shot the teen"). Elsewhere in a clause above is not
    # enough: "posted a video Saturday calling reports that two died" tells the posting.
    chain = list(_chain(trigger))
    clause = _governing_verb(trigger)  # the first verb of the chain, when there is one
    cut = [t.i for t in chain].index(clause.i) + 1 if clause is not None else len(chain)
    for token in chain[:cut]:
        if token.i in by_anchor:
            return by_anchor[token.i].date
    if clause is not None:
        for t in local:
            if t.clause == clause.i:
                return t.date
        for t in local:
            if t.clause is not None and _gerund_of(doc[t.clause], clause):
                return t.date
    for token in chain[cut:]:
        if token.i in by_anchor and not by_anchor[token.i].saying:
            return by_anchor[token.i].date
    if clause is not None and _at_the_time(clause):
        for t in local:
            if t.clause == clause.head.i:
                return t.date
    return None


def _at_the_time(clause: Token) -> bool:
    """Whether ``clause`` says when its head's event happened: "when", "as" or "while"."""
    return clause.dep_ == "advcl" and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "as", "while")
        for c in clause.children
    )


def _gerund_of(verb: Token, clause: Token) -> bool:
    """Whether ``verb`` is a subjectless gerund object of a preposition of ``clause`` ("in
    a shooting", which the parser may tag as a verb): it tells the clause's own event."""
    if verb.dep_ != "pcomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    token = verb.head  # up through the prepositional phrase ("in a drive-by shooting")
    while token.dep_ in ("prep", "pobj", "pcomp") and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token.i == clause.i


def publication_date(dct: dt.date) -> EventDate:
    return with_flags(EventDate(value=dct.isoformat(), precision="day", basis="publication"), dct)


def _news_date(date: EventDate, dct: dt.date) -> bool:
    """A date an undated sentence of the same story can take: a recent day or week."""
    last = date_bounds(date.value)[1]
    return (
        date.precision in ("day", "week")
        and not date.historical
        and not date.deadline
        and last is not None
        and last <= dct
    )


def narrative_date(position: int, timexes: list[Timex], dct: dt.date) -> EventDate | None:
    """The date of the story at ``position`` (a character offset): the nearest news date
    before it, else the first one after it (an undated lead sentence). Where that dates a
    saying and its sentence names another day, the other day is the story's ("police said
    in a Friday afternoon statement that the boy died ... following Thursday night's
    shooting": a follow-up is said days after what it tells)."""
    news = [t for t in timexes if _news_date(t.date, dct)]
    chosen = _nearest_in_story([((t.date.start or 0), t) for t in news], position)
    if chosen is None:
        return None
    if chosen.saying:
        told = [
            t
            for t in news
            if not t.saying and t.date.precision == "day" and t.sentence == chosen.sentence
        ]
        chosen = told[0] if told else chosen
    return chosen.date.model_copy(update={"basis": "narrative"})


_T = TypeVar("_T")


def _nearest_in_story(dated: Sequence[tuple[int, _T]], position: int) -> _T | None:
    """Of ``dated`` (offset, item) in text order, the last one before ``position``, else the
    first one (after it: an undated lead)."""
    before = [x for start, x in dated if start < position]
    return before[-1] if before else (dated[0][1] if dated else None)


def _nearest_story_date(dated: Sequence[tuple[int, EventDate]], position: int) -> EventDate | None:
    """``_nearest_in_story`` as a ``narrative`` date."""
    chosen = _nearest_in_story(dated, position)
    return chosen.model_copy(update={"basis": "narrative"}) if chosen else None


_DYING_WORDS = frozenset(
    {"die", "died", "dies", "dying", "dead", "death", "deaths", "succumb", "succumbed", "succumbs"}
)


def tells_a_death(event: Event) -> bool:
    """Whether ``event`` is someone's dying ("died", "death") rather than the violence itself."""
    return event.evidence.trigger.text.lower() in _DYING_WORDS


def same_kind_date(
    event: Event, events: Sequence[Event], own: Sequence[EventDate | None], dct: dt.date
) -> EventDate | None:
    """The date of the nearest event of the same PLOVER type dated by its own sentence,
    before ``event`` (else the first after it): a report of a shooting that goes on "the
    victim died at the scene" means the shooting's day, not that of the arrest or the
    statement named in between. A victim's dying dates only other deaths where the violence
    is dated too ("was shot Monday ... died Tuesday evening ... was shot in the head": Monday).
    ``own``: each event's date from its own sentence, or None."""
    kind = [
        (e, d)
        for e, d in zip(events, own, strict=True)
        if d is not None
        and e.plover.type == event.plover.type
        and e.modality == "asserted"
        and _news_date(d, dct)
    ]
    if not tells_a_death(event):
        kind = [(e, d) for e, d in kind if not tells_a_death(e)] or kind
    dated = sorted(((e.evidence.trigger.start, d) for e, d in kind), key=lambda x: x[0])
    return _nearest_story_date(dated, event.evidence.trigger.start)


@stage("dates", reads=("spacy", "events", "events.modality"), writes=("dates", "events.date"))
def make_dates() -> StageFn:
    def run(doc: Document) -> None:
        dct = doc.article.published
        parsed = doc.parsed
        if dct is not None:
            timexes = find_dates(parsed, doc.text, dct)
        else:
            # Without a publication date only explicit expressions have a value; the stand-in
            # date is never used for a kept one.
            found = find_dates(parsed, doc.text, _NO_DCT)
            timexes = [
                replace(t, date=with_flags(t.date, None))
                for t in found
                if t.date.basis == "explicit"
            ]
        doc.dates = [t.date for t in timexes]
        own = [
            event_date(parsed, e.evidence.trigger.start, e.evidence.trigger.end, timexes)
            for e in doc.events
        ]
        for event, date in zip(doc.events, own, strict=True):
            if date is None and dct is not None:
                # What will or might happen has no place in the story's past.
                story = event.modality in ("asserted", "negated")
                narrative = None
                if story:
                    narrative = same_kind_date(event, doc.events, own, dct) or narrative_date(
                        event.evidence.trigger.start, timexes, dct
                    )
                date = narrative or publication_date(dct)
            event.date = date

    return run
