"""Every record type Tacitus reads or writes.

Offsets (``start``/``end``) are Python ``str`` indices into the *cleaned* article text
(``ArticleRecord.text``), except ``Removal`` offsets, which index the input of cleaning: the
article's title as a first paragraph (unless its text opens with it) followed by its text
(``tacitus.stages.clean.cleaning_input``).
A field that could not be determined is ``None``: never guessed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

Modality = Literal["asserted", "negated", "future", "hypothetical"]
# TimeML's granularities: a weekend is "2016-W27-WE", a quarter "1989-Q3", a half "1990-H1",
# a season "1998-SU" (SP, SU, FA, WI), a decade "197" (the 1970s), a century "19"; "ref"
# is PRESENT_REF, PAST_REF or FUTURE_REF ("now", "recently", "the future"): no bounds.
DatePrecision = Literal[
    "day",
    "weekend",
    "week",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
    "ref",
]
DateBasis = Literal["explicit", "relative", "narrative", "publication"]
PlacePrecision = Literal["point", "place", "admin2", "admin1", "country"]
# How an event's location was found: attached to its trigger in the parse, elsewhere in its
# sentence, or the article's main place (the text does not say where this event was).
LocationBasis = Literal["parse", "sentence", "article"]
ActorKind = Literal["state", "person", "organization", "group", "unknown"]
# ACLED's event types and sub-event types (ACLED codebook 2023), in its own words.
AcledType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
AcledSubType = Literal[
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
]


class Record(BaseModel):
    """Base of all records: strict field names, no silent extras."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A piece of the cleaned text: ``text == article_text[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Article(Record):
    """One input article, as read by a reader (before cleaning)."""

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None

    @staticmethod
    def content_id(text: str) -> str:
        """Id for an article whose input has none: a hash of its text."""
        return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


class Removal(Record):
    """A piece of the input text that cleaning removed; offsets index the input of cleaning
    (the headline paragraph, then the article's text)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    reason: str


class Actor(Record):
    """An actor mention coded with CAMEO-style codes.

    ``text``/``start``/``end`` is the mention as written (a pronoun such as "he" included);
    ``name`` is the canonical name it resolves to.
    """

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    name: str | None = None
    code: str | None = None  # CAMEO-style, e.g. USAGOV, IRQMIL, IMGMUSISI
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # CAMEO role code, e.g. GOV, MIL, REB
    kind: ActorKind = "unknown"


class PloverCode(Record):
    type: str  # PLOVER 0.8 event type, e.g. AID, ASSAULT
    mode: str | None = None
    context: list[str] = Field(default_factory=list)


class CameoCode(Record):
    code: str  # e.g. "0332"
    root: str  # two-digit root, e.g. "03"
    quad_class: int  # GDELT QuadClass 1..4
    goldstein: float


class EventDate(Record):
    """When something happened, at the precision the text gives.

    ``basis``: ``explicit`` (the text names the date in full), ``relative`` (it needs the
    publication date: "on Saturday"), ``narrative`` (the event's sentence has no date; it
    takes the date of the incident the text is telling: "Saturday's battle" earlier on),
    ``publication`` (no date at all: the publication date stands in).
    """

    value: str  # ISO 8601 at its precision: 2016, 2016-06, 2016-07-09, 2016-W27
    precision: DatePrecision
    basis: DateBasis
    text: str | None = None
    start: int | None = None
    end: int | None = None
    # ACLED's time_precision: 1 the day is known, 2 the week or a few days ("last week", or
    # no date but the publication's), 3 only the month or coarser.
    time_precision: int | None = Field(default=None, ge=1, le=3)
    # Well before publication (over HISTORICAL_DAYS): an old event the article recalls, not
    # news (GDELT's worst complaint is old events coded as new).
    historical: bool = False
    deadline: bool = False  # "by the end of this year": a limit, not when it happened


HISTORICAL_DAYS = 30


_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_CENTURY_OR_DECADE = re.compile(r"^\d{2,3}$")
# First month and length in months of a year's quarters, halves and seasons (winter: December
# to February, reckoned from the year's December as TimeML's "1998-WI" is the winter of 1998).
_PART_MONTHS = {
    "Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6),
    "SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3),
}  # fmt: skip


def _months_after(first: dt.date, months: int) -> dt.date:
    """The last day of the ``months`` months starting at ``first``."""
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)


def date_bounds(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day an ISO value at any precision covers ("2016-06" -> June 1..30)."""
    if not value:
        return None, None
    try:
        if _YEAR.match(value):
            year = int(value)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if _CENTURY_OR_DECADE.match(value):
            span = 10 ** (4 - len(value))  # "197": 10 years from 1970; "19": 100 from 1900
            first_year = max(1, int(value) * span)
            return dt.date(first_year, 1, 1), dt.date(first_year + span - 1, 12, 31)
        if m := _MONTH.match(value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            return first, _months_after(first, 1)
        if m := _PART.match(value):
            month, months = _PART_MONTHS[m[2]]
            first = dt.date(int(m[1]), month, 1)
            return first, _months_after(first, months)
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:  # the weekend: Saturday and Sunday
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        day = dt.date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None, None


class Offset(Record):
    """A place given relative to another: "64km (40 miles) south of Mosul"."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    distance_km: float | None = None
    direction: str | None = None  # compass point: N, NE, E, ... or None
    reference: str | None = None  # the place the offset is measured from
    # The offset point (distance and bearing from the reference) and how far from it the
    # event may be: set when the distance, the direction and the reference's point are known.
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None


class Place(Record):
    """A toponym in the text resolved against the gazetteer (unresolved: ids are None)."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    name: str | None = None
    geonameid: int | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None
    # ACLED's geo_precision: 1 the place itself, 2 near it or a small division (admin2),
    # 3 a larger region (admin1, country, continent).
    geo_precision: int | None = Field(default=None, ge=1, le=3)


class Location(Place):
    """Where an event happened: a resolved place, possibly offset from it.

    With an offset point ("64km south of Mosul"), ``lat``/``lon`` are the offset point and
    ``precision`` is "point"; ``name``/``geonameid`` stay those of the reference place.
    """

    offset: Offset | None = None
    basis: LocationBasis | None = None


class Quantity(Record):
    value: float | None = None  # point value; None for an open range ("over 1,000": low only)
    low: float | None = None
    high: float | None = None
    approx: bool = False
    category: str | None = None  # troops, fighters, killed, injured, arrested, displaced, ...
    unit: str | None = None  # the counted noun as written ("troops"), a unit ("km"), a currency
    # Another count of the same category for the same incident gives another number: both
    # are kept, each marked (sources disagree, or a toll was revised).
    conflicting: bool = False
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Evidence(Record):
    sentence: int = Field(ge=0)  # sentence index in the cleaned text
    start: int = Field(ge=0)  # sentence start
    end: int = Field(ge=0)  # sentence end
    trigger: Span


class Attribution(Record):
    """Who reported an event the article reports second-hand ("officials said the army
    shelled the town"), and the words that say so."""

    speaker: Actor | None = None  # None: a cue with no coded speaker ("reportedly")
    cue: Span  # "said", "according to"


class Event(Record):
    id: str
    article_id: str
    plover: PloverCode
    cameo: CameoCode | None = None
    actors: list[Actor] = Field(default_factory=list)
    recipients: list[Actor] = Field(default_factory=list)
    modality: Modality = "asserted"
    date: EventDate | None = None
    location: Location | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    evidence: Evidence
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    acled_type: AcledType | None = None  # None: outside ACLED's scope, or not asserted
    acled_sub_type: AcledSubType | None = None
    attribution: Attribution | None = None  # None: the article reports it in its own voice

    @staticmethod
    def make_id(article_id: str, trigger_start: int, trigger_end: int) -> str:
        """Stable id: the same article and trigger span always give the same id."""
        key = f"{article_id}\x1f{trigger_start}\x1f{trigger_end}"
        return "ev:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


QuoteKind = Literal["direct", "indirect"]


class Quote(Record):
    """Who said what: a direct quote (the words in quotation marks) or indirect speech ("X
    said that ...", "according to X, ...")."""

    kind: QuoteKind = "direct"
    speaker: Actor | None = None
    # The quoted content without the quotation marks; a quotation broken by its cue or run on
    # over paragraphs is one quote: its pieces joined by " … ", with ``start``/``end``
    # covering the whole and ``parts`` the pieces (empty for a quote in one piece).
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    cue: Span | None = None  # "said", "added", "told"
    parts: list[Span] = Field(default_factory=list)


class ArticleInfo(Record):
    """Which article: what identifies a report without its text."""

    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None


class ArticleRecord(Record):
    """Everything Tacitus read from one article."""

    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    text: str  # cleaned text; every offset in this record indexes it
    removed: list[Removal] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)  # every coded actor mention
    quantities: list[Quantity] = Field(default_factory=list)  # every quantity found


@dataclass
class Document:
    """The one object that flows through the pipeline.

    Readers make it from an ``Article``; the ``clean`` stage fills ``text`` and ``removed``;
    the pipeline parses ``text`` with spaCy into ``spacy``; every later stage reads and writes
    the fields its registration declares. ``to_record`` turns it into the output record.
    """

    article: Article
    text: str = ""
    removed: list[Removal] = field(default_factory=list)
    spacy: SpacyDoc | None = None
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dates: list[EventDate] = field(default_factory=list)  # every time expression, normalised
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def parsed(self) -> SpacyDoc:
        """The spaCy parse; raises if a stage that needs it runs before parsing."""
        if self.spacy is None:
            raise RuntimeError("this stage needs the spaCy parse: register it with needs_parse")
        return self.spacy

    def to_record(self) -> ArticleRecord:
        a = self.article
        return ArticleRecord(
            id=a.id,
            url=a.url,
            source=a.source,
            title=a.title,
            published=a.published,
            text=self.text,
            removed=self.removed,
            events=self.events,
            quotes=self.quotes,
            places=self.places,
            actors=self.actors,
            quantities=self.quantities,
        )


# --- fusion: one real-world event reported many times ---------------------------------------


class ClaimValue(Record):
    """One value sources give for a field of an incident, and who gave it."""

    value: str  # normalised, comparable: "4647", "4650~" (approximate), "1000+", "2016-07-09"
    text: str  # as the first article giving it wrote it ("about 4,650")
    article_ids: list[str]  # every article giving this value, sorted


class Disagreement(Record):
    """A field on which the reports of one incident differ."""

    field: str  # "date", "location", or a quantity category: "killed", "troops", "distance"
    values: list[ClaimValue]  # two or more, the most reported first


class Incident(Record):
    """One real-world event: the events of every article that reports it, fused.

    ``id`` is that of the incident's smallest event id, so it is the same whatever order
    the articles came in (it changes only when a new report joins two incidents).
    """

    id: str
    plover_type: str
    cameo_root: str | None = None
    date: EventDate | None = None  # the most precise date its reports give
    location: Location | None = None  # the most precise location its reports give
    quantities: list[Quantity] = Field(default_factory=list)  # per category, the most reported
    events: list[str]  # its event ids, sorted
    article_ids: list[str]  # sorted
    n_articles: int
    n_sources: int  # distinct outlets: copies of one story and one outlet's updates count once
    first_reported: dt.date | None = None
    last_reported: dt.date | None = None
    disagreements: list[Disagreement] = Field(default_factory=list)

    @staticmethod
    def make_id(event_ids: list[str]) -> str:
        return "inc:" + min(event_ids).removeprefix("ev:")


class DuplicateGroup(Record):
    """Near-duplicate articles: wire copies, re-publications, updates of one story."""

    id: str  # "dup:" + the smallest member id's hash
    article_ids: list[str]  # sorted
    sources: list[str]  # distinct outlets among them, sorted
