"""Incidents: the events of many articles that report one real-world event, fused.

Two asserted events are **linked** (``linked``) when nothing says they differ and enough
says they agree:

* vetoes: a different PLOVER type; CAMEO roots that differ (the violent roots 18, 19 and 20
  count as one); dates whose windows do not overlap (a date's window is the days its value
  covers, one day of slack either side for a day date; an event dated only by publication
  is taken to have happened on that day or the two before); two precise locations farther
  apart than their precisions allow (``RADIUS_KM``; a province agrees with the places in it,
  and one place name resolved to two places says nothing) or in different countries (a
  loosely known one costs ``PLACE_PENALTY`` instead); coded participants on both sides with
  no code in common;
* agreement: the Jaccard similarity of the content words of the two evidence sentences,
  plus ``NAME_WEIGHT`` times the weighted Jaccard similarity of the names in the two
  articles (each name weighs more the rarer it is in general English, ``name_weight``, and
  names as common as a city are left out, ``COMMON_ZIPF``),
  plus ``PLACE_BONUS`` when both locations are at most a district and agree, plus
  ``DAY_BONUS`` when both dates are the same day; linked when at least ``LINK_SCORE``.

Two events of one article are linked only when they are in the same sentence or at the same
resolved place: an article telling two shootings in one city keeps them apart if it places
them differently. An undated event (no date in its sentence and no publication date) is
compared only with undated ones, and needs ``UNDATED_PENALTY`` more. Events that did not
happen (negated, future, hypothetical) are in no incident.

Incidents are the connected components of the links. Links depend on the two events only,
so the incidents are the same whatever the order the articles arrive in, and adding
articles only joins incidents: ``IncidentIndex.add`` finds the new events' candidates through
a blocking index (PLOVER type x day, coarser dates by month) and merges components.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from tacitus.fusion.unionfind import UnionFind
from tacitus.model import (
    ArticleRecord,
    ClaimValue,
    Disagreement,
    Event,
    EventDate,
    Incident,
    Location,
    Quantity,
    date_bounds,
)
from tacitus.stages.dates import tells_a_death
from tacitus.stages.gazetteer import distance_km

# How far an event may be from a location of each precision (km).
RADIUS_KM: dict[str, float] = {
    "point": 10.0,
    "place": 40.0,  # a city and its suburbs
    "admin2": 60.0,
    "admin1": 250.0,
}
ARTICLE_PLACE_KM = 100.0  # a location that is only the article's main place: loosely placed
LINK_SCORE = 0.5
PLACE_BONUS = 0.15
DAY_BONUS = 0.15
NAME_WEIGHT = 2.5
# A shared name's weight: RARE_ZIPF minus its Zipf frequency in general English (wordfreq:
# log10 of its uses per billion words; "mancera" 1.4, a name never seen 0). A name more
# common than COMMON_ZIPF ("chicago" 4.8, "johnson" 4.2, an age such as "16") is not kept
# at all: the city, a common surname or first name says nothing about which shooting two
# reports tell, and only dilutes the names that do (the victim's surname, "the 2300 block").
RARE_ZIPF = 8.0
COMMON_ZIPF = 4.0
PLACE_PENALTY: float | None = 0.4  # far apart, but one place loosely known (None: a veto)
UNDATED_PENALTY = 0.15  # two undated events (texts with no publication date) need more
DAY_SLACK = 1  # a day date matches the day before and after (late-night events, time zones)
PUBLICATION_DAYS = 2  # an event dated by publication happened that day or up to 2 days before
MAX_WINDOW_DAYS = 731  # vaguer dates (decades) are too vague to fuse on
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_REPORTING = frozenset({"said", "says", "told", "according", "reported", "reports", "added"})
_WORD = re.compile(r"[a-z0-9]+")
T = TypeVar("T")
_KM_PER_DEGREE = 111.19  # of latitude, on the sphere distance_km uses (r = 6371 km)


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """What linking looks at, for one event (``features`` makes them)."""

    event_id: str
    article_id: str
    sentence: int
    plover_type: str
    cameo_root: str | None
    first: int | None  # ordinal days of the date window (before slack), None: undated
    last: int | None
    day: int | None  # the day, for a day date
    lat: float | None
    lon: float | None
    radius_km: float | None
    precise: bool  # located at most at a district, in its own sentence
    geonameid: int | None
    country: str | None
    admin1: str | None  # for a location known only as a province (``coarse``)
    coarse: bool
    toponym: str | None  # the place name as written, normalised (``toponym_key``)
    actors: frozenset[str]
    words: frozenset[str]  # content words of the evidence sentence
    names: frozenset[str] = frozenset()  # names anywhere in the article (``article_names``)


def _window(event: Event, published: dt.date | None) -> tuple[int | None, int | None, int | None]:
    date = event.date
    if date is not None and date.basis != "publication" and date.precision != "ref":
        first, last = date_bounds(date.value)
        if first is not None and last is not None:
            if (last - first).days > MAX_WINDOW_DAYS:
                return None, None, None
            day = first.toordinal() if date.precision == "day" else None
            slack = DAY_SLACK if date.precision == "day" else 0
            return first.toordinal() - slack, last.toordinal() + slack, day
    when = published
    if when is None and date is not None:
        when = date_bounds(date.value)[0]
    if when is None:
        return None, None, None
    return when.toordinal() - PUBLICATION_DAYS, when.toordinal(), None


def _actor_keys(event: Event) -> frozenset[str]:
    """The codes of the event's coded participants (common nouns such as "a man" or
    "police" say nothing about which event it is, and names are matched as words)."""
    return frozenset(a.code for a in (*event.actors, *event.recipients) if a.code)


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of three letters or more, or numbers, that are not stop words."""
    return frozenset(
        w
        for w in _WORD.findall(text.lower())
        if (len(w) >= 3 or w.isdigit()) and w not in STOP_WORDS and w not in _REPORTING
    )


_CAPITALISED = re.compile(r"(?<=[a-z,;:]\s)([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)")
_NOT_NAMES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "police", "officers", "officer", "department",
     "county", "city", "street", "road", "avenue", "news", "photo", "sheriff", "president"}
)  # fmt: skip


_NUMBER = re.compile(r"(?<![\d.,$])\d{2,5}(?![\d.,%])")


def article_names(text: str) -> frozenset[str]:
    """Capitalised words inside sentences (not the first word of one), lower-cased, and
    numbers of two to five digits (house numbers, "the 2300 block"), that are rarer in
    general English than ``COMMON_ZIPF``: the people, streets and places that tell one
    incident from another of the same kind."""
    names = {w for m in _CAPITALISED.finditer(text) if (w := m.group(1).lower()) not in _NOT_NAMES}
    names.update(m.group() for m in _NUMBER.finditer(text))
    return frozenset(n for n in names if name_weight(n) >= RARE_ZIPF - COMMON_ZIPF)


@lru_cache(maxsize=200_000)
def name_weight(name: str) -> float:
    """How much sharing ``name`` says two articles tell one incident (see ``RARE_ZIPF``)."""
    return max(0.0, RARE_ZIPF - zipf_frequency(name, "en"))


@lru_cache(maxsize=65_536)
def names_weight(names: frozenset[str]) -> float:
    """The summed weights of an article's names (cached: all the events of an article share
    one frozenset, which keeps its hash)."""
    return sum(name_weight(n) for n in names)


def features(
    event: Event, text: str, published: dt.date | None, names: frozenset[str] | None = None
) -> EventFeatures:
    """The features of an event of the article whose cleaned text is ``text`` (``names``:
    ``article_names(text)``, passed when it is already computed)."""
    first, last, day = _window(event, published)
    if names is None:
        names = article_names(text)
    loc = event.location
    lat = lon = radius = None
    precise = False
    if loc is not None and loc.lat is not None and loc.lon is not None:
        lat, lon = loc.lat, loc.lon
        radius = RADIUS_KM.get(loc.precision or "")  # a country: its country code decides
        if radius is not None and loc.offset is not None and loc.offset.radius_km is not None:
            radius = max(loc.offset.radius_km, RADIUS_KM["point"])
        if radius is not None and loc.basis == "article":
            radius = max(radius, ARTICLE_PLACE_KM)
        if radius is None:
            lat = lon = None
        precise = loc.precision in ("point", "place", "admin2") and loc.basis != "article"
    evidence = text[event.evidence.start : event.evidence.end]
    return EventFeatures(
        event_id=event.id,
        article_id=event.article_id,
        sentence=event.evidence.sentence,
        plover_type=event.plover.type,
        cameo_root=event.cameo.root if event.cameo else None,
        first=first,
        last=last,
        day=day,
        lat=lat,
        lon=lon,
        radius_km=radius,
        precise=precise,
        geonameid=loc.geonameid if loc is not None else None,
        country=loc.country if loc is not None else None,
        admin1=loc.admin1 if loc is not None else None,
        coarse=loc is not None and loc.precision == "admin1",
        toponym=toponym_key(loc.text) if loc is not None and loc.text else None,
        actors=_actor_keys(event),
        words=content_words(evidence),
        names=names,
    )


def _roots_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or (a in _VIOLENT_ROOTS and b in _VIOLENT_ROOTS)


_NOT_LETTERS = re.compile(r"[^a-z]+")


def toponym_key(text: str) -> str:
    """A place name as written, for comparing spellings: "LaSalle", "La Salle", "St. Cloud"
    and "Saint Cloud" are one."""
    return _NOT_LETTERS.sub("", text.lower().replace("saint", "st"))


def _places_agree(a: EventFeatures, b: EventFeatures) -> bool | None:
    """False: too far apart; True: both precisely placed and close; None: cannot say."""
    if a.toponym is not None and a.toponym == b.toponym and a.geonameid != b.geonameid:
        return None  # one name resolved to two places ("Covington"): the gazetteer's doubt
    if a.country and b.country and a.country != b.country:
        return False
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    if (a.coarse or b.coarse) and a.admin1 is not None and a.admin1 == b.admin1:
        return None  # one is the province the other lies in, however large the province
    reach = (a.radius_km or 0) + (b.radius_km or 0)
    if abs(a.lat - b.lat) * _KM_PER_DEGREE > reach:  # cheaper than the great circle
        return False
    if distance_km(a.lat, a.lon, b.lat, b.lon) > reach:
        return False
    return True if a.precise and b.precise else None


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)  # no union set built: this runs millions of times
    return common / (len(a) + len(b) - common)


def _weighted_names(a: EventFeatures, b: EventFeatures) -> float:
    """The weighted Jaccard similarity of the two articles' names."""
    common = a.names & b.names
    if not common:
        return 0.0
    shared = sum(name_weight(n) for n in common)
    return shared / (names_weight(a.names) + names_weight(b.names) - shared)


def link_score(a: EventFeatures, b: EventFeatures) -> float | None:
    """How much says two events are one; None when something says they are not."""
    if a.plover_type != b.plover_type:
        return None
    if a.cameo_root != b.cameo_root and not _roots_agree(a.cameo_root, b.cameo_root):
        return None
    undated = a.first is None or b.first is None or a.last is None or b.last is None
    if undated and not (a.first is None and b.first is None):
        return None  # one dated, one not: nothing to compare the date with
    if not undated and (a.first > b.last or b.first > a.last):  # type: ignore[operator]
        return None
    places = _places_agree(a, b)
    penalty = 0.0
    if places is False:
        # Two precisely placed events far apart are two events; when either place is only
        # the article's main place or a province, the parse may have picked the wrong
        # place, and the words must outweigh it.
        if (a.precise and b.precise) or PLACE_PENALTY is None:
            return None
        penalty = PLACE_PENALTY
    if a.actors and b.actors and not (a.actors & b.actors):
        return None  # both sides name coded participants, and not the same ones
    if a.article_id == b.article_id:
        same_place = a.geonameid is not None and a.geonameid == b.geonameid
        if a.sentence != b.sentence and not same_place:
            return None
    score = _jaccard(a.words, b.words) + NAME_WEIGHT * _weighted_names(a, b) - penalty
    if places:
        score += PLACE_BONUS
    if a.day is not None and a.day == b.day:
        score += DAY_BONUS
    if undated:
        score -= UNDATED_PENALTY  # no date to agree on: the words must say more
    return score


def linked(a: EventFeatures, b: EventFeatures) -> bool:
    """Whether two events are the same real-world event (see the module docstring)."""
    score = link_score(a, b)
    return score is not None and score >= LINK_SCORE


def _months(first: int, last: int) -> range:
    a, b = dt.date.fromordinal(first), dt.date.fromordinal(last)
    return range(a.year * 12 + a.month - 1, b.year * 12 + b.month)


@dataclass
class IncidentIndex:
    """Events added incrementally; incidents (connected components of links) on demand."""

    events: dict[str, EventFeatures] = field(default_factory=dict)
    _days: dict[tuple[str, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    _months: dict[tuple[str, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    _undated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _components: UnionFind = field(default_factory=UnionFind)

    def __len__(self) -> int:
        return len(self.events)

    def _is_coarse(self, f: EventFeatures) -> bool:
        return (f.last or 0) - (f.first or 0) > 31

    def _candidates(self, f: EventFeatures) -> Iterator[str]:
        """Indexed events whose windows may overlap ``f``'s: day-dated ones in its days,
        coarser ones in its months; for an undated one, the undated ones of its type."""
        if f.first is None or f.last is None:
            yield from self._undated.get(f.plover_type, ())
            return
        for m in _months(f.first, f.last):
            yield from self._months.get((f.plover_type, m), ())
        for d in range(f.first, f.last + 1):
            yield from self._days.get((f.plover_type, d), ())

    def add(self, f: EventFeatures) -> list[str]:
        """Index one event; returns the indexed events it is linked to, sorted."""
        if f.event_id in self.events:
            raise ValueError(f"event {f.event_id!r} is already indexed")
        links = []
        seen: set[str] = set()
        events = self.events
        for other_id in self._candidates(f):
            if other_id not in seen:
                seen.add(other_id)
                score = link_score(f, events[other_id])  # ``linked``, inlined: the hot loop
                if score is not None and score >= LINK_SCORE:
                    links.append(other_id)
        self.events[f.event_id] = f
        self._components.add(f.event_id)
        for other_id in links:
            self._components.union(f.event_id, other_id)
        if f.first is None or f.last is None:
            self._undated[f.plover_type].append(f.event_id)
        else:
            if self._is_coarse(f):
                for m in _months(f.first, f.last):
                    self._months[(f.plover_type, m)].append(f.event_id)
            else:
                # a day-dated event sits in its days; coarse events find it there
                for d in range(f.first, f.last + 1):
                    self._days[(f.plover_type, d)].append(f.event_id)
        return sorted(links)

    def incident_of(self, event_id: str) -> str:
        """The smallest event id of the event's incident."""
        return self._components.find(event_id)

    def components(self) -> list[list[str]]:
        return self._components.components()


# --- merging an incident's events ---------------------------------------------------------

_DATE_RANK = {p: i for i, p in enumerate(
    ("day", "weekend", "week", "month", "quarter", "half", "season", "year", "decade", "century")
)}  # fmt: skip
_PLACE_RANK = {"point": 0, "place": 1, "admin2": 2, "admin1": 3, "country": 4}
_BASIS_RANK = {"parse": 0, "sentence": 1, "article": 2, None: 3}


@dataclass(frozen=True)
class Report:
    """An event with what the merge needs from its article."""

    event: Event
    published: dt.date | None
    outlet: str  # the outlet, or the duplicate group of an article that names none


def quantity_value(q: Quantity) -> str | None:
    """A comparable string for a count: "4647", "4650~" (approximate), "1000+", "10-15"."""

    def num(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else f"{x:g}"

    if q.value is not None:
        return num(q.value) + ("~" if q.approx else "")
    if q.low is not None and q.high is not None:
        return f"{num(q.low)}-{num(q.high)}"
    if q.low is not None:
        return num(q.low) + "+"
    if q.high is not None:
        return "<=" + num(q.high)
    return None


def _claims(pairs: Iterable[tuple[str, str, Report]]) -> list[ClaimValue]:
    """(value, text as written, report) -> one claim per value; the value most outlets give
    first (copies of one story count once), ties: the latest report's first."""
    texts: dict[str, tuple[dt.date, str]] = {}
    articles: dict[str, set[str]] = defaultdict(set)
    outlets: dict[str, set[str]] = defaultdict(set)
    latest: dict[str, dt.date] = {}
    for value, text, report in pairs:
        when = report.published or dt.date.min
        articles[value].add(report.event.article_id)
        outlets[value].add(report.outlet)
        if value not in texts or (when, text) < texts[value]:
            texts[value] = (when, text)
        latest[value] = max(latest.get(value, dt.date.min), when)
    order = sorted(outlets, key=lambda v: (-len(outlets[v]), -latest[v].toordinal(), v))
    return [ClaimValue(value=v, text=texts[v][1], article_ids=sorted(articles[v])) for v in order]


def _first_with(items: Iterable[tuple[Report, T]], value_of: Callable[[T], str], value: str) -> T:
    """The first item (in report order) whose value is ``value``."""
    return next(x for _, x in items if value_of(x) == value)


def merge(reports: Sequence[Report]) -> Incident:
    """One incident from the reports of its events (in any order: the same incident)."""
    reports = sorted(reports, key=lambda r: r.event.id)  # every list below is in this order
    events = [r.event for r in reports]
    event_ids = [e.id for e in events]
    roots = Counter(e.cameo.root for e in events if e.cameo)
    root = min(roots, key=lambda k: (-roots[k], k)) if roots else None
    published = {r.event.article_id: r.published for r in reports}
    dates = [d for d in published.values() if d is not None]
    disagreements: list[Disagreement] = []

    own_dates = [
        (r, r.event.date)
        for r in reports
        if r.event.date is not None and r.event.date.basis != "publication"
        and r.event.date.precision in _DATE_RANK
    ]  # fmt: skip
    own_dates = [x for x in own_dates if not tells_a_death(x[0].event)] or own_dates
    date: EventDate | None = None
    if own_dates:
        best_rank = min(_DATE_RANK[d.precision] for _, d in own_dates)
        claims = _claims(
            (d.value, d.text or d.value, r)
            for r, d in own_dates
            if _DATE_RANK[d.precision] == best_rank
        )
        date = _first_with(own_dates, lambda d: d.value, claims[0].value)
        if len(claims) > 1:
            disagreements.append(Disagreement(field="date", values=claims))
    elif dates:
        first = min(dates)
        date = EventDate(value=first.isoformat(), precision="day", basis="publication")

    located = [(r, r.event.location) for r in reports if r.event.location is not None]
    location: Location | None = None
    if located:

        def rank(item: tuple[Report, Location]) -> tuple[int, int]:
            loc = item[1]
            return _PLACE_RANK.get(loc.precision or "", 5), _BASIS_RANK.get(loc.basis, 3)

        best = min(rank(x) for x in located)
        top = [x for x in located if rank(x) == best]
        claims = _claims((loc.name or loc.text, loc.text, r) for r, loc in top)
        location = _first_with(top, lambda loc: loc.name or loc.text, claims[0].value)
        if len(claims) > 1:
            disagreements.append(Disagreement(field="location", values=claims))
        distances = _claims(
            (f"{loc.offset.distance_km:g} km", loc.offset.text, r)
            for r, loc in located
            if loc.offset is not None and loc.offset.distance_km is not None
        )
        if len(distances) > 1:
            disagreements.append(Disagreement(field="distance", values=distances))

    quantities: list[Quantity] = []
    by_category: dict[str, list[tuple[Report, Quantity]]] = defaultdict(list)
    for r in reports:
        for q in r.event.quantities:
            if q.category and quantity_value(q) is not None:
                by_category[q.category].append((r, q))
    for category in sorted(by_category):
        items = sorted(by_category[category], key=lambda x: (x[0].event.id, x[1].start))
        claims = _claims((quantity_value(q) or "", q.text, r) for r, q in items)
        chosen = _first_with(items, lambda q: quantity_value(q) or "", claims[0].value)
        quantities.append(chosen.model_copy(update={"conflicting": len(claims) > 1}))
        if len(claims) > 1:
            disagreements.append(Disagreement(field=category, values=claims))

    quantities = _one_count_per_victim(quantities, by_category)
    article_ids = sorted({e.article_id for e in events})
    return Incident(
        id=Incident.make_id(event_ids),
        plover_type=events[0].plover.type,
        cameo_root=root,
        date=date,
        location=location,
        quantities=quantities,
        events=event_ids,
        article_ids=article_ids,
        n_articles=len(article_ids),
        n_sources=len({r.outlet for r in reports}),
        first_reported=min(dates) if dates else None,
        last_reported=max(dates) if dates else None,
        disagreements=disagreements,
    )


# Triggers of a victim's dying. A victim who dies in hospital days after an attack does not
# move the attack's date: the incident's date is that of the other events where they have one.
def _count(q: Quantity) -> float:
    return (q.value if q.value is not None else q.low) or 0.0


def _one_count_per_victim(
    chosen: list[Quantity], by_category: dict[str, list[tuple[Report, Quantity]]]
) -> list[Quantity]:
    """The chosen killed and injured counts, unless together they tell of more people hurt
    than any one report does: a victim reported wounded by some outlets and dead by another
    is one of the killed, not also one of the injured. The injured count then becomes the one
    that, with the killed, adds up to the fullest report's people hurt (none when that is
    none), where a report gives it."""
    killed = next((q for q in chosen if q.category == "killed"), None)
    injured = next((q for q in chosen if q.category == "injured"), None)
    if killed is None or injured is None:
        return chosen
    told: dict[str, dict[str, float]] = defaultdict(lambda: {"killed": 0.0, "injured": 0.0})
    for category in ("killed", "injured"):
        for report, q in by_category[category]:
            article = told[report.event.article_id]
            article[category] = max(article[category], _count(q))
    fullest = max(a["killed"] + a["injured"] for a in told.values())
    if _count(killed) + _count(injured) <= fullest:
        return chosen
    rest = fullest - _count(killed)
    if rest <= 0:
        return [q for q in chosen if q is not injured]
    instead = next((q for _, q in by_category["injured"] if _count(q) == rest), None)
    if instead is None:
        return chosen
    update = {"conflicting": True}
    return [instead.model_copy(update=update) if q is injured else q for q in chosen]


def asserted_events(record: ArticleRecord) -> list[Event]:
    return [e for e in record.events if e.modality == "asserted"]
