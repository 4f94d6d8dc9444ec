"""Stage `places`: toponyms -> gazetteer places; where each event happened.

Recognition: spaCy GPE/LOC/FAC entities, demonyms (NORP entities the country dictionary knows:
"Iraqi" -> Iraq), names spaCy mislabels or misses when the context is a place's ("in X", "the
X airbase", "the village of X", a dateline), one sense per text, and toponyms inside
organisation names (which never locate an event).

Resolution, for all mentions of a text together: every gazetteer candidate is scored by how
well the name matches (main name > alternate name > spelling variant), a population prior,
its kind (a country's name means the country), national capitals, the article's context (the
countries and states it names, its coded actors' countries, then the first pass's answers,
each name once and never for itself) and how many other mentions can be read nearby; "X,
<state>" qualifies X. See docs/coding.md, "Places".

Event location, in order and with its basis: a toponym the parse attaches to the trigger
("parse": a locative preposition, the object, a toponym modifying the object, a definite noun
whose earlier mention carried one); a toponym in the same sentence that says where
("sentence"); the article's main place ("article"). Distances and directions ("64km (40
miles) south of Mosul", "near X") become the location's ``Offset``, with the offset point.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from tacitus.model import Document, Location, LocationBasis, Offset, Place, Span
from tacitus.stages.gazetteer import (
    BIG_CITY,
    Entry,
    Gazetteer,
    build_gazetteer,
    distance_km,
    load_gazetteer,
    normalize,
)
from tacitus.stages.registry import StageFn, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = [
    "build_gazetteer",
    "event_location",
    "make_places",
    "resolve_toponym",
    "resolve_toponyms",
    "toponym_candidates",
]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that put their object somewhere: "in X", "near X", "from X".
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "to", "from", "into", "outside", "inside", "across", "throughout",
     "around", "towards", "toward", "within", "through", "of", "on", "off", "nearby", "along",
     "between", "north", "south", "east", "west", "onto", "over", "via"}
)  # fmt: skip
# Prepositions that say where an event took place (not where it came from or went to).
EVENT_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within",
     "to", "into", "on", "from", "towards", "toward", "through", "along", "off", "over"}
)  # fmt: skip
# Nouns a toponym commonly modifies: "the Qayara airbase", "Zaatari camp".
FACILITY_NOUNS = frozenset(
    {"airbase", "base", "airport", "airfield", "camp", "city", "town", "village", "district",
     "province", "region", "area", "border", "port", "harbour", "harbor", "valley", "river",
     "bridge", "dam", "crossing", "checkpoint", "county", "governorate", "state", "neighbourhood",
     "neighborhood", "suburb", "prison", "refinery", "field", "oilfield", "mountains", "hills",
     "island", "islands", "coast", "square", "market", "mosque", "church", "hospital",
     "university", "compound", "barracks", "garrison", "outpost", "front", "frontline", "strait",
     "gulf", "sea", "lake", "municipality", "capital", "enclave", "settlement", "zone"}
)  # fmt: skip
# Nouns for a part of a place: "the outskirts of X", "the north of X", "the streets of X".
PART_NOUNS = frozenset(
    {"outskirts", "north", "south", "east", "west", "northeast", "northwest", "southeast",
     "southwest", "centre", "center", "heart", "streets", "street", "suburbs", "part", "parts",
     "edge", "downtown", "vicinity", "environs", "countryside", "areas", "side", "rest",
     "interior", "coast", "shores", "outskirt", "gates", "entrance", "middle", "half",
     "third", "quarter", "much", "most", "swathes", "swaths", "territory", "territories",
     "sector"}
)  # fmt: skip
# Dependency labels of a trigger's children that belong to another clause or to the actors.
_SKIP_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "ccomp", "advcl", "parataxis", "relcl",
     "conj", "cc", "punct", "mark", "aux", "auxpass", "neg"}
)  # fmt: skip
_COMPASS = {
    "north": "N", "south": "S", "east": "E", "west": "W", "northeast": "NE", "northwest": "NW",
    "southeast": "SE", "southwest": "SW", "n": "N", "s": "S", "e": "E", "w": "W", "ne": "NE",
    "nw": "NW", "se": "SE", "sw": "SW",
}  # fmt: skip
_UNIT_KM = {"km": 1.0, "kms": 1.0, "kilometre": 1.0, "kilometres": 1.0, "kilometer": 1.0,
            "kilometers": 1.0, "mi": 1.609344, "mile": 1.609344, "miles": 1.609344}  # fmt: skip
_DIRECTION = r"(?:(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?|[NS][EW]?|[EW]"
_OFFSET_BEFORE = re.compile(
    r"(?P<phrase>(?:(?:about|some|around|roughly|nearly|almost|approximately|just|over|"
    r"more than|less than|at least)\s+)?(?P<num>\d+(?:[.,]\d+)?)\s*-?\s*"
    r"(?P<unit>km|kms|kilomet(?:re|er)s?|mi|miles?)\b(?:\s*\([^()]{0,40}\))?\s+"
    rf"(?P<dir>{_DIRECTION})\s+(?:of|from)\s+(?:the\s+)?(?:(?:city|town|village) of\s+)?)$",
    re.IGNORECASE,
)
_DIRECTION_ONLY_BEFORE = re.compile(
    rf"(?P<phrase>\b(?:just\s+)?(?P<dir>{_DIRECTION})\s+of\s+(?:the\s+)?)$", re.IGNORECASE
)
_NEAR_BEFORE = re.compile(
    r"(?P<phrase>\b(?:near|nearby|outside|close to|on the outskirts of|in the vicinity of|"
    r"near to|just outside|not far from)\s+(?:the\s+)?(?:(?:city|town|village) of\s+)?)$",
    re.IGNORECASE,
)
# Every phrase above ends in one of these words, then whitespace, just before the toponym.
_OFFSET_TAIL = re.compile(r"(?:of|from|the|near|nearby|outside|to)\s+$", re.IGNORECASE)
_OFFSET_TAIL_LETTERS = 7  # the longest of its words
_LOOKBACK_TOKENS = 200  # how far back a definite noun looks for its earlier, placed mention
_APPOSITION_GAP = re.compile(r"^[^.;:!?\n]{0,40},\s*$")  # "the Qayara airbase, " before an offset


@dataclass
class Mention:
    """A toponym found in the text, before and after resolution."""

    start: int
    end: int
    text: str
    label: str  # GPE, LOC, FAC, NORP (demonym) or PROPN (found by context)
    candidates: tuple[Entry, ...] = ()
    entry: Entry | None = None
    country_only: str | None = None  # a name the dictionary ties to a country, not a feature


@dataclass
class Context:
    """What the article says about where it is: counts of countries and US states."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)

    def tops(self) -> tuple[int, int]:
        """The largest country count, and the states' total (0 when none).

        A state's weight is its share of all state evidence: a local story about one state
        gives its towns the full bonus; a text naming four states gives each a quarter.
        """
        states = sum(v for v in self.admin1.values() if v > 0)
        return max(self.countries.values(), default=0), states

    def add(self, entry: Entry, weight: int = 1) -> None:
        if entry.country:
            self.countries[entry.country] += weight
        if entry.country and entry.admin1 and entry.kind in ("admin1", "admin2", "place"):
            self.admin1[(entry.country, entry.admin1)] += weight


# --- candidates and scoring ------------------------------------------------------------------


def country_aliases(gaz: Gazetteer, name: str) -> tuple[str, ...]:
    """Countries a name, demonym or plural demonym points to: "Iraqi", "Syrians" -> SYR."""
    found = gaz.alias_countries(name)
    if not found and name.endswith("s"):
        found = gaz.alias_countries(name[:-1])
    return found


# Words around a known name that make a feature of it or a part of it: "Manila Cathedral",
# "Colorado State University", "Eastern Ghouta", "Oaxaca State".
_CONTAINER_WORDS = FACILITY_NOUNS | {
    "cathedral", "institute", "college", "stadium", "station", "estate", "palace", "castle",
    "park", "hotel", "center", "centre", "state", "province", "governorate", "region",
    "eastern", "western", "northern", "southern", "central", "greater", "upper", "lower",
    "north", "south", "east", "west", "international", "metropolitan", "old", "rural",
}  # fmt: skip
CONTAINED_SIMILARITY = 0.9  # a reading through a contained name ranks as a spelling variant


def _contained(gaz: Gazetteer, name: str) -> list[Entry]:
    """Readings of the longest known name inside ``name`` when the other words only say what
    part or feature of it is meant ("Manila Cathedral" -> Manila); else none."""
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            rest = words[:i] + words[i + size :]
            if not all(w.lower().strip(".,") in _CONTAINER_WORDS for w in rest):
                continue
            inner = " ".join(words[i : i + size])
            found = gaz.lookup(inner) or gaz.fuzzy(inner)
            if found:
                return [
                    Entry(**{**e.__dict__, "similarity": min(e.similarity, CONTAINED_SIMILARITY)})
                    for e in found
                ]
    return []


# The endings of English demonyms: the adjective of a country, not a place's name.
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|i)$")


def candidates(gaz: Gazetteer, name: str, label: str = "GPE") -> tuple[Entry, ...]:
    """Gazetteer features ``name`` may refer to: exact names, spelling variants, names it
    contains ("Manila Cathedral" -> Manila), countries."""
    found: list[Entry] = []
    aliases = country_aliases(gaz, name)
    if label != "NORP":
        found = list(gaz.lookup(name))
        if not found and name[:1].isupper():
            found = list(gaz.fuzzy(name)) or _contained(gaz, name)
            if aliases:
                # The dictionary ties the name to a country ("Deir Ezzor" -> Syria): only
                # variants in that country are the name.
                found = [e for e in found if e.country in aliases and e.kind != "country"]
        if len(name) <= 3 and name.isupper():
            # "EU", "US": an acronym names a region or a country, not the town of Eu.
            found = [e for e in found if e.kind != "place"]
    regions = {e.country for e in found if _main_region(e)}
    if regions:
        # "Minnesota" is the state, not the village of Minneota that also goes by the name;
        # in another country the name may well be the place's ("Long Island", New York, is
        # not the Bahamas' district).
        found = [
            e
            for e in found
            if e.primary or e.kind not in ("place", "admin2") or e.country not in regions
        ]
    in_countries = {e.country for e in found}
    for iso3 in aliases:
        # A dictionary alias that is also a place of that country ("Washington" -> USA) names
        # the place, not the country; one that is not ("US", "Iraqi") names the country.
        if iso3 in in_countries:
            continue
        country = gaz.country(iso3)
        if country is not None:
            # A name that is also a place elsewhere ("Laconia": a region of Greece, a town in
            # New Hampshire) points to the country only weakly; a demonym ("Iraqi", and
            # "Canadian" though Texas has a town of that name) fully.
            weak = CONTAINED_SIMILARITY if found and not _DEMONYM.search(name) else 1.0
            found.append(Entry(**{**country.__dict__, "primary": False, "similarity": weak}))
    return tuple(found)


# What the kind of a feature adds to its score. A country's name means the country far more
# often than a town named after it ("Mexico", "Peru"): only a local context (the town's state,
# places near it) outweighs that.
KIND_BONUS = {"country": 0.8, "admin1": 0.3, "admin2": 0.15, "continent": 0.2}
CAPITAL_BONUS = 0.25  # national capitals are named far more than their size says ("Washington")


def score(entry: Entry, context: Context, tops: tuple[int, int] | None = None) -> float:
    """How likely ``entry`` is the place meant: name match, size, article context.

    ``tops``: ``context.tops()``, when the caller has them.
    """
    top_country, all_admin1 = tops if tops is not None else context.tops()
    value = (1.0 if entry.primary else 0.85) * entry.similarity
    if entry.similarity < 1.0:
        value -= 0.25  # a spelling variant loses to any exact name
    if entry.kind not in ("admin1", "admin2"):
        # A division's population is the sum of its places': not comparable with a city's.
        value += 0.35 * min(1.0, math.log10(entry.population + 1) / 7)
    value += KIND_BONUS.get(entry.kind, 0.0)
    if entry.capital:
        # Under its own name: "Philadelphia" is the city in Pennsylvania, not Amman's
        # ancient name, though Amman is the bigger capital.
        value += CAPITAL_BONUS if entry.primary else CAPITAL_BONUS / 2
    if top_country and entry.country:
        value += 0.6 * context.countries[entry.country] / top_country
    if all_admin1 and entry.country and entry.admin1 and entry.kind in _ADMIN1_SCORED:
        value += 0.4 * max(0, context.admin1[(entry.country, entry.admin1)]) / all_admin1
    return value


_ADMIN1_SCORED = frozenset({"place", "admin1", "admin2"})


NEARBY_KM = 100.0  # places this close support each other's reading (spatial coherence)
SHORTLIST = 8  # candidates per mention compared for coherence
_LOCAL_KINDS = ("place", "admin2")  # readings that can be near one another


def _shortlist(entries: Sequence[Entry], context: Context) -> list[Entry]:
    """The best few local candidates of a mention (what other mentions may be near)."""
    points = [e for e in entries if e.kind in _LOCAL_KINDS]
    tops = context.tops()
    points.sort(key=lambda e: score(e, context, tops), reverse=True)
    return points[:SHORTLIST]


def _near(a: Entry, b: Entry) -> bool:
    """Two readings that fit together: close by, or a county and a place of one state."""
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        return abs(a.lat - b.lat) < 1.5 and distance_km(a.lat, a.lon, b.lat, b.lon) <= NEARBY_KM
    if "admin2" in (a.kind, b.kind) and a.admin1 is not None:
        return (a.country, a.admin1) == (b.country, b.admin1)
    return False


class Coherence:
    """Which other mentions of a text can be read as a place near a reading.

    The mentions' shortlists are put on a grid of one-degree cells, so that a reading is only
    compared with the readings in the cells around it; answers are cached per (name, reading):
    a reading's support does not depend on which mention of its name asks.
    """

    def __init__(self, mentions: Sequence[Mention], shortlists: Sequence[Sequence[Entry]]):
        self.texts = [m.text for m in mentions]
        self.cells: dict[tuple[int, int], list[tuple[int, Entry]]] = defaultdict(list)
        self.unplaced: list[tuple[int, Entry]] = []  # divisions without a point
        self.all = [(j, e) for j, shortlist in enumerate(shortlists) for e in shortlist]
        for j, e in self.all:
            if e.lat is None or e.lon is None:
                self.unplaced.append((j, e))
            else:
                self.cells[(math.floor(e.lat), math.floor(e.lon))].append((j, e))
        self.cache: dict[tuple[str, int], int] = {}

    def _nearby(self, entry: Entry) -> Iterator[tuple[int, Entry]]:
        if entry.lat is None or entry.lon is None:
            yield from self.all
            return
        lat, lon = math.floor(entry.lat), math.floor(entry.lon)
        # NEARBY_KM spans one cell of latitude, and more cells of longitude towards the poles.
        reach = 1 + int(1 / max(0.05, math.cos(math.radians(entry.lat))))
        for dlat in (-1, 0, 1):
            for dlon in range(-reach, reach + 1):
                yield from self.cells.get((lat + dlat, (lon + dlon + 180) % 360 - 180), ())
        yield from self.unplaced

    def support(self, entry: Entry, text: str) -> int:
        """How many other names of the text can be read as a place near ``entry``."""
        if entry.kind not in _LOCAL_KINDS:
            return 0
        key = (text, entry.id)
        if key not in self.cache:
            # Names, not mentions: "Jacksonville" six times is one clue, not six.
            near: set[str] = set()
            for j, other in self._nearby(entry):
                name = self.texts[j]
                if name not in near and name != text and _near(entry, other):
                    near.add(name)
            self.cache[key] = len(near)
        return self.cache[key]


def best(
    entries: Iterable[Entry], context: Context, support: Callable[[Entry], int] | None = None
) -> Entry | None:
    """The most likely reading; ``support``: how many other mentions fit a reading."""
    tops = context.tops()

    def key(e: Entry) -> tuple[float, int]:
        coherence = 0.3 * min(support(e), 3) / 3 if support is not None else 0.0
        return score(e, context, tops) + coherence, e.population

    ranked = sorted(entries, key=key, reverse=True)
    if not ranked:
        return None
    top = ranked[0]
    if top.kind == "admin1":
        # "New York", "Baghdad", "Sao Paulo": the big city, not the state named after it.
        for e in ranked:
            if (
                e.kind == "place"
                and e.primary
                and (e.country, e.admin1) == (top.country, top.admin1)
                and e.population >= BIG_CITY
            ):
                return e
    return top


def _seed_context(
    gaz: Gazetteer, mentions: Sequence[Mention], actor_countries: Iterable[str]
) -> Context:
    """Context from what is unambiguous: country names, demonyms, US states, actors."""
    context = Context()
    for iso3 in actor_countries:
        context.countries[iso3] += 1
    empty = Context()
    for m in mentions:
        top = best(m.candidates, empty)
        if top is not None and _unambiguous_region(top, m.candidates):
            context.add(top)
        elif not m.candidates:
            for iso3 in gaz.alias_countries(m.text):
                context.countries[iso3] += 1
    return context


def _variant_only(m: Mention) -> bool:
    return bool(m.candidates) and all(e.similarity < 1.0 for e in m.candidates)


def _foreign_variants_out(
    mentions: Sequence[Mention], first: dict[str, Entry], context: Context
) -> list[int]:
    """A name that only a spelling variant matches is a transliteration of a place in the
    text's countries ("Qaiyara" in a story about Iraq), not a surname or a car in another
    country ("Mancera" -> Mankera, Pakistan; "Impala" -> Imphal, India in a US story).

    The text's countries: the seed ``context``'s and the first-pass answers of names matched
    exactly. Nothing is dropped where the text names no country at all. Returns the indices
    of the mentions that lost a reading."""
    countries = {c for c, n in context.countries.items() if n > 0}
    countries.update(
        first[m.text].country or "" for m in mentions if m.text in first and not _variant_only(m)
    )
    countries.discard("")
    if not countries:
        return []
    changed = []
    for i, m in enumerate(mentions):
        if _variant_only(m):
            kept = tuple(e for e in m.candidates if e.country in countries)
            if len(kept) < len(m.candidates):
                changed.append(i)
            m.candidates = kept
            if m.text in first and first[m.text].country not in countries:
                del first[m.text]
    return changed


def _main_region(e: Entry) -> bool:
    """A reading that is a country or a state under its own name."""
    return e.primary and e.kind in ("country", "admin1")


def _unambiguous_region(top: Entry, entries: Sequence[Entry]) -> bool:
    """A country or state name no sizeable place shares ("Minnesota", not "Georgia")."""
    if not _main_region(top):
        return False
    return all(e is top or (e.kind == "place" and e.population < 10000) for e in entries)


_QUALIFIER_GAP = re.compile(r"^\s*,\s*$")  # "Springfield, Illinois"


def _inside(entry: Entry, region: Entry) -> bool:
    if region.kind == "country":
        return entry.country == region.country and entry.kind != "country"
    if region.kind == "admin1":
        return (entry.country, entry.admin1) == (region.country, region.admin1) and entry.kind in (
            "place",
            "admin2",
        )
    return False


def _qualify(mentions: Sequence[Mention], text: str) -> None:
    """ "Springfield, Illinois", "Hall County, Georgia", "Hilla, Iraq": a toponym followed by a
    comma and a state or country is a place inside it. The first reading of the qualifier
    (best first) that holds one of the place's readings is the qualifier's reading, and the
    place keeps only its readings inside it, wherever its name recurs in the text."""
    empty = Context()
    tops = empty.tops()
    qualified: dict[str, Entry] = {}
    for m, nxt in itertools.pairwise(mentions):
        if not _QUALIFIER_GAP.match(text[m.end : nxt.start]):
            continue
        regions = sorted(
            (e for e in nxt.candidates if e.kind in ("admin1", "country")),
            key=lambda e: score(e, empty, tops),
            reverse=True,
        )
        for region in regions:
            inside = tuple(e for e in m.candidates if _inside(e, region))
            if inside:
                m.candidates = inside
                nxt.candidates = (region,)
                qualified.setdefault(m.text, region)
                break
        if not regions and len(nxt.text) == 2 and nxt.text.isupper():
            # "CLEVELAND, OH": a postal code names the state only in this slot ("OH", "IN"
            # and "ME" are words elsewhere), so the gazetteer does not know it as a name.
            inside = tuple(e for e in m.candidates if (e.country, e.admin1) == ("USA", nxt.text))
            if inside:
                m.candidates = inside
    # One sense per text: "Portsmouth, Va." once makes every later "Portsmouth" the one in
    # Virginia, though another name nearby ("Atkinson") fits the one in New Hampshire.
    for m in mentions:
        if m.text in qualified:
            inside = tuple(e for e in m.candidates if _inside(e, qualified[m.text]))
            if inside:
                m.candidates = inside


def resolve_mentions(
    gaz: Gazetteer,
    mentions: Sequence[Mention],
    actor_countries: Iterable[str] = (),
    base: Context | None = None,
    text: str = "",
) -> None:
    """Resolve every mention in place, in two passes (the second uses the first's answers).

    ``base``: context known beforehand (e.g. from the text around given spans); ``text``: the
    text the mentions' offsets point into (for "Springfield, Illinois").
    """
    actor_countries = list(actor_countries)
    for m in mentions:
        m.candidates = candidates(gaz, m.text, m.label)
    if text:
        _qualify(mentions, text)
    context = _seed_context(gaz, mentions, actor_countries)
    if base is not None:
        context.countries.update(base.countries)
        context.admin1.update(base.admin1)
    # The first pass's answers are evidence of where the text is, once per name (a town
    # named eight times is one clue, not eight) and never for the name itself: "Georgia"
    # must not vote for the country it was first read as.
    shortlists = [_shortlist(m.candidates, context) for m in mentions]
    coherence = Coherence(mentions, shortlists)
    first: dict[str, Entry] = {}
    for m in mentions:
        if m.text in first:
            continue
        # The first pass already weighs nearby readings: neighbouring counties of one state
        # ("Clarke County", "Oconee County") tell that state before any context does.
        entry = best(m.candidates, context, partial(coherence.support, text=m.text))
        if entry is not None:
            first[m.text] = entry
    changed = _foreign_variants_out(mentions, first, context)
    if changed:
        for i in changed:  # only these mentions' readings changed
            shortlists[i] = _shortlist(mentions[i].candidates, context)
        coherence = Coherence(mentions, shortlists)
    # The seed's unambiguous names are among these answers: only what is outside the mentions
    # (actors, the text around given spans) is carried over, not counted twice.
    second = Context(Counter(actor_countries))
    if base is not None:
        second.countries.update(base.countries)
        second.admin1.update(base.admin1)
    for entry in first.values():
        second.add(entry)
    # Mentions of one name with the same candidates get the same answer: computed once.
    answers: dict[tuple[str, tuple[int, ...]], Entry | None] = {}
    for m in mentions:
        key = (m.text, tuple(e.id for e in m.candidates))
        if key not in answers:
            answers[key] = best(
                m.candidates,
                _without(second, first.get(m.text)),
                partial(coherence.support, text=m.text),
            )
        m.entry = answers[key]
        if m.entry is None:
            countries = gaz.alias_countries(m.text)
            m.country_only = countries[0] if len(countries) == 1 else None


def _without(context: Context, entry: Entry | None) -> Context:
    """``context`` less one answer's contribution."""
    if entry is None:
        return context
    less = Context(Counter(context.countries), Counter(context.admin1))
    less.add(entry, weight=-1)
    return less


def geo_precision(precision: str | None, has_point: bool) -> int | None:
    """ACLED's geo_precision of a resolved place: 1 a town, 2 a county, 3 anything larger."""
    if not has_point:
        return None
    return {"point": 1, "place": 1, "admin2": 2}.get(precision or "", 3)


def to_place(m: Mention) -> Place:
    e = m.entry
    if e is None:
        return Place(text=m.text, start=m.start, end=m.end, country=m.country_only)
    return Place(
        text=m.text,
        start=m.start,
        end=m.end,
        name=e.name,
        geonameid=e.geonameid,
        country=e.country,
        admin1=e.admin1,
        lat=e.lat,
        lon=e.lon,
        precision=e.precision,
        geo_precision=geo_precision(e.precision, e.lat is not None),
    )


def text_context(gaz: Gazetteer, text: str) -> Context:
    """Context from the unambiguous region names in a text's capitalised phrases."""
    context = Context()
    empty = Context()
    for phrase in set(_capitalised_phrases(text)):
        # Exact names only: a spelling variant is no evidence of what a text is about.
        entries = gaz.lookup(phrase)
        top = best(entries, empty)
        if top is not None and _unambiguous_region(top, entries):
            context.add(top)
    return context


def resolve_toponym(text: str, context: str = "") -> Place | None:
    """Resolve one toponym, optionally in the light of the text around it; None if unknown."""
    gaz = load_gazetteer()
    name = text.strip()
    if not name:
        return None
    found = candidates(gaz, name)
    if not found:
        return None
    mention = Mention(0, len(name), name, "GPE", found, best(found, text_context(gaz, context)))
    return to_place(mention)


def toponym_candidates(name: str) -> list[Place]:
    """Every reading the gazetteer offers for ``name`` that has a point (what a ranking can
    choose from), unranked."""
    gaz = load_gazetteer()
    found = candidates(gaz, name.strip()) if name.strip() else ()
    return [
        to_place(Mention(0, len(name), name, "GPE", found, e)) for e in found if e.lat is not None
    ]


def resolve_toponyms(text: str, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
    """Resolve toponyms someone else found (``text[start:end]`` each), together.

    For a caller with its own recogniser: the spans are resolved jointly, as the stage resolves
    its own mentions (each one's reading supports the others'), in the context of the whole
    text. One result per span, in order; None where the gazetteer knows no such name.
    """
    return resolve_spans(load_gazetteer(), text, spans)


def resolve_spans(
    gaz: Gazetteer, text: str, spans: Sequence[tuple[int, int]]
) -> list[Place | None]:
    """``resolve_toponyms`` against a given gazetteer."""
    mentions = [Mention(start, end, text[start:end].strip(), "GPE") for start, end in spans]
    ordered = sorted(mentions, key=lambda m: m.start)
    resolve_mentions(gaz, ordered, base=text_context(gaz, text), text=text)
    return [to_place(m) if m.entry is not None else None for m in mentions]


_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")


def _capitalised_phrases(text: str) -> list[str]:
    return [m.group(0).rstrip(".") for m in _CAPITALISED.finditer(text)]


# --- recognition -----------------------------------------------------------------------------


def _trim(span: SpacySpan) -> SpacySpan | None:
    """Drop a leading "the" and a trailing possessive: "the United States's" -> "United States"."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return span.doc[start:end] if end > start else None


_NAMING_NOUNS = frozenset(
    {"city", "town", "village", "province", "district", "state", "county", "capital"}
)
# Nouns after a name that make it a place: "the Qayara airbase", "the Hama countryside".
_PLACE_AFTER = FACILITY_NOUNS | {
    "countryside", "outskirts", "suburbs", "residents", "resident", "man", "woman", "men",
    "women", "boy", "girl", "police", "officials", "official", "mayor", "council", "court",
    "schools", "school", "native", "natives", "family", "families", "sheriff", "couple",
}  # fmt: skip
# spaCy labels the small model puts on foreign place names ("Aleppo" as a LANGUAGE).
_MISLABELS = frozenset({"PERSON", "ORG", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
# Of these, labels a prominent place name is never rightly given.
_NEVER_PLACE_NAMES = frozenset({"LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def _locative(tokens: SpacySpan) -> bool:
    """Whether a proper-noun run sits where places sit: "in X", "the X airbase", "the village
    of X", "oil city X"."""
    doc = tokens.doc
    before = doc[tokens.start - 1] if tokens.start > 0 else None
    after = doc[tokens.end] if tokens.end < len(doc) else None
    if before is not None:
        if before.lower_ in LOCATIVE_PREPS - {"of", "on", "over"}:
            return True
        if before.lower_ == "of" and (
            before.head.lower_ in FACILITY_NOUNS or before.head.lower_ in PART_NOUNS
        ):
            return True
        if before.lower_ in _NAMING_NOUNS:
            return True
    return after is not None and after.lower_ in _PLACE_AFTER


# Nouns that name a settlement or a division by its name: "the village of Miringa", "Miringa
# village". A capitalised name in these frames is a place even when no gazetteer knows it.
_SETTLEMENT_NOUNS = frozenset(
    {"village", "villages", "town", "city", "district", "province", "governorate", "county",
     "neighbourhood", "neighborhood", "suburb", "camp", "settlement", "municipality", "hamlet",
     "region", "area", "quarter", "locality", "community"}
)  # fmt: skip


def _named_settlement(tokens: SpacySpan) -> bool:
    """ "the village of Miringa", "Biu Local Government Area", "Karradah neighbourhood"."""
    doc = tokens.doc
    after = doc[tokens.end] if tokens.end < len(doc) else None
    if after is not None and after.lower_ in _SETTLEMENT_NOUNS:
        return True
    if tokens.start >= 2:
        of, noun = doc[tokens.start - 1], doc[tokens.start - 2]
        return of.lower_ == "of" and noun.lower_ in _SETTLEMENT_NOUNS
    return False


def _dateline(tokens: SpacySpan) -> bool:
    """ "BAGHDAD (Reuters) -", "KABUL, May 3 --": a capitalised name opening a paragraph."""
    doc = tokens.doc
    if tokens.start > 0 and "\n" not in doc[tokens.start - 1].text_with_ws:
        return False
    if not tokens.text.isupper() or tokens.end >= len(doc):
        return False
    return doc[tokens.end].text[:1] in ("(", "-", "—", "–", ",", ":")


def _prominent(gaz: Gazetteer, name: str) -> bool:
    """A name whose main reading is a country, a state or a city of 100,000: a place even
    where spaCy saw none ("attacks on Aleppo")."""
    return any(
        _main_region(e) or (e.primary and e.population >= BIG_CITY) for e in gaz.lookup(name)
    )


@dataclass(frozen=True)
class _Entity:
    """A spaCy entity as recognition reads it, worked out once: its label, its span trimmed
    (``_trim``; None when nothing is left) and that span's text ("" then)."""

    ent: SpacySpan
    label: str
    span: SpacySpan | None
    text: str


def _entities(doc: SpacyDoc) -> list[_Entity]:
    # spaCy makes new Spans, and joins their tokens into a text, on each access.
    entities = []
    for ent in doc.ents:
        span = _trim(ent)
        entities.append(_Entity(ent, ent.label_, span, span.text if span is not None else ""))
    return entities


def recognize(gaz: Gazetteer, doc: SpacyDoc, text: str | None = None) -> list[Mention]:
    """Every toponym mention in a parsed text, sorted by position (``text``: ``doc.text``,
    when the caller has it: spaCy rebuilds it from the tokens on each access)."""
    mentions: dict[tuple[int, int], Mention] = {}
    covered: set[int] = set()
    entities = _entities(doc)
    for entity in entities:
        label, span, name = entity.label, entity.span, entity.text
        if span is None:
            continue
        if label == "NORP":
            if country_aliases(gaz, name):
                mentions[(span.start_char, span.end_char)] = Mention(
                    span.start_char, span.end_char, name, "NORP"
                )
        elif label in PLACE_LABELS:
            if label == "FAC" and not gaz.lookup(name):
                continue  # "the White House": a building, not a gazetteer place
            mentions[(span.start_char, span.end_char)] = Mention(
                span.start_char, span.end_char, name, label
            )
        elif label in _MISLABELS and (
            _named_settlement(span)
            or (
                (
                    _locative(span)
                    or _dateline(span)
                    or (label in _NEVER_PLACE_NAMES and _prominent(gaz, name))
                )
                and _known(gaz, name)
            )
        ):
            # spaCy's small model often calls a foreign town a person or an organisation;
            # "in Falluja" or a dateline settles it.
            mentions[(span.start_char, span.end_char)] = Mention(
                span.start_char, span.end_char, name, "GPE"
            )
        elif label == "ORG":
            for inner in _embedded_toponyms(gaz, span):
                mentions[(inner.start_char, inner.end_char)] = Mention(
                    inner.start_char, inner.end_char, inner.text, "GPE"
                )
    for entity in entities:
        # Dates, people, organisations: never a toponym found by context alone ("in June").
        covered.update(range(entity.ent.start, entity.ent.end))
    for run in _proper_noun_runs(doc, covered, doc.text if text is None else text):
        # A name no gazetteer knows is still a place in "the village of X": it is kept,
        # unresolved (no point), so that an event can be located there.
        # Known by its exact name: a spelling variant of a capitalised word that nothing
        # marks as a name is too often a common noun ("Coroner" -> Cornier).
        if _named_settlement(run) or (
            (_locative(run) or _dateline(run) or _prominent(gaz, run.text)) and gaz.lookup(run.text)
        ):
            mentions[(run.start_char, run.end_char)] = Mention(
                run.start_char, run.end_char, run.text, "PROPN"
            )
    _same_name_elsewhere(doc, entities, mentions)
    _drop_non_toponyms(gaz, doc, entities, mentions)
    return sorted(mentions.values(), key=lambda m: m.start)


# Words before a name that make it a person's: "Officer Reese", "Principal Hoskins".
_PERSON_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "officer", "sgt", "sergeant", "deputy", "det",
     "detective", "judge", "lt", "lieutenant", "capt", "captain", "cpl", "corporal",
     "trooper", "principal", "coach", "rev", "reverend", "pastor", "sen", "senator", "rep",
     "gov", "governor", "mayor", "president", "attorney", "prosecutor", "coroner", "chief",
     "agent", "spokesman", "spokeswoman", "spokesperson"}
)  # fmt: skip
# Words after a name that make it a street's: "Penn Avenue", "Locust Street".
_STREET_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr",
     "lane", "ln", "highway", "hwy", "parkway", "pkwy", "terrace", "circle", "pike",
     "turnpike", "expressway", "freeway"}
)  # fmt: skip
# Street words in the plural close an intersection of two named streets ("at Atlantic and
# East Fifth streets", "Brook and Winter Streets"): both names are streets'.
_STREETS = frozenset({"streets", "avenues", "roads", "drives", "boulevards", "lanes"})
# Holidays, capitalised like names ("an Easter party"): never the place of the same name.
_HOLIDAYS = frozenset({"easter", "christmas", "halloween", "thanksgiving", "hanukkah"})
_INDEFINITE = frozenset({"a", "an"})
# A compass word alone or a city's side of it ("Indy's west side", "the South Side") is a
# part of a place the text names elsewhere, never a gazetteer place of its own.
_COMPASS_PART = re.compile(
    r"^(?:(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?(?: (?:side|end))?$"
)


# "man" 5.8 (Man, a city of Ivory Coast, too); "nice" 5.37, "york" 5.37, "reading" 5.1 and
# "lake" 4.8 stay names
COMMON_WORD_ZIPF = 5.5


def _common_word_opening(span: SpacySpan) -> bool:
    """ "Man, 3 girls shot in southeast DC": a very common word opening a sentence is
    capitalised for the sentence, not as a name (Man, West Virginia)."""
    return (
        bool(span[0].is_sent_start)
        and span.text.istitle()  # "US" opening a sentence is no pronoun
        and zipf_frequency(span.text.lower(), "en") >= COMMON_WORD_ZIPF
    )


def _person_context(doc: SpacyDoc, start: int, end: int) -> bool:
    """ "Officer Reese", "Camacho, 18, was": a title before a one-word name, or an age after
    it, makes it a person's."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_.rstrip(".") in _PERSON_TITLES:
        return True
    after = doc[end : end + 3]
    return (
        len(after) == 3
        and after[0].text == ","
        and after[1].like_num
        and after[1].text.isdigit()
        and int(after[1].text) <= 110
        and after[2].text in (",", ")")
    )


def _drop_non_toponyms(
    gaz: Gazetteer,
    doc: SpacyDoc,
    entities: Sequence[_Entity],
    mentions: dict[tuple[int, int], Mention],
) -> None:
    """Mentions that are not toponyms after all: compass words ("South", "West Side"); a
    name a street word follows ("Penn Avenue"), unless a state's or a country's; a
    one-word name that is the surname of a person named in full in the text ("Brandon Camacho",
    then "Camacho") unless it is a prominent place; a very common word opening a sentence
    ("Man, 3 girls shot"); a one-word name with a title before it or an age after it."""
    names = _surnames(entities)
    for key, m in list(mentions.items()):
        if m.label == "NORP":
            continue
        if _COMPASS_PART.match(normalize(m.text)):
            del mentions[key]
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        after = doc[span.end] if span.end < len(doc) else None
        if (
            (
                (after is not None and after.text[:1].isupper()
                 and after.lower_.rstrip(".") in _STREET_WORDS)
                or _intersection(doc, span.start, span.end)
            )
            and not any(_main_region(e) for e in gaz.lookup(m.text))
        ):  # fmt: skip
            del mentions[key]
            continue
        if normalize(m.text) in _HOLIDAYS and not (after is not None and after.lower_ == "island"):
            del mentions[key]
            continue
        if " " in m.text:
            continue
        if (
            (m.text in names and not _prominent(gaz, m.text))
            or _common_word_opening(span)
            or _person_context(doc, span.start, span.end)
            or _common_noun_use(span)
            or _given_name_of(doc, span.end, entities)
        ):
            del mentions[key]


def _intersection(doc: SpacyDoc, start: int, end: int) -> bool:
    """ "at Atlantic and East Fifth streets", "Brook and Winter streets": a name on either
    side of "and" before a plural street word."""
    window = doc[max(0, start - 4) : min(len(doc), end + 5)]
    closing = next((t.i for t in window if t.lower_ in _STREETS), None)
    if closing is None or closing < end:
        return False
    between = doc[start:closing]
    return any(t.lower_ == "and" for t in between) or (
        start > 1 and doc[start - 1].lower_ == "and" and closing == end
    )


def _common_noun_use(span: SpacySpan) -> bool:
    """ "trying to shoot a Buffalo": a one-word name after "a" or "an" that heads its noun
    phrase is a common noun ("a Chicago suburb" keeps its place: the name modifies)."""
    token = span[0]
    doc = span.doc
    return (
        len(span) == 1
        and token.i > 0
        and token.nbor(-1).lower_ in _INDEFINITE
        and token.dep_ not in ("compound", "amod", "nmod")
        and not (token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "\u2013"))
    )  # "a Washington-based group" keeps its place


def _given_name_of(doc: SpacyDoc, end: int, entities: Sequence[_Entity]) -> bool:
    """ "her sons, Quinn and Tory Carlson": a one-word name before "and" and a person's full
    name is a given name sharing that surname."""
    if end + 2 >= len(doc) or doc[end].lower_ != "and" or end < 2:
        return False
    name = doc[end - 1]
    if not name.text.istitle() or doc[end - 2].pos_ == "ADP":
        return False  # "Edward Moayyad of Southlake and Hamid Moayyad": a place
    first = end + 1
    return any(
        e.label == "PERSON" and e.span is not None and e.span.start == first and len(e.span) > 1
        for e in entities
    )


def _embedded_toponyms(gaz: Gazetteer, org: SpacySpan) -> list[SpacySpan]:
    """Toponyms inside an organisation's name: "the Kidney Foundation of Canada", "the Texas
    Forest Service", "the Chicago Tribune". Only a name after a closing "of", or a prominent
    name (country, state, city of 100,000) opening it; they name where the organisation is,
    never where an event was (``_place_tokens`` leaves them out)."""
    found: list[SpacySpan] = []
    doc = org.doc
    of = next((t for t in reversed(org) if t.lower_ == "of"), None)
    if of is not None and of.i + 1 < org.end:
        tail = doc[of.i + 1 : org.end]
        if all(t.pos_ == "PROPN" for t in tail) and _known(gaz, tail.text):
            found.append(tail)
    for size in (3, 2, 1):
        if len(org) > size:
            head = doc[org.start : org.start + size]
            if all(t.pos_ == "PROPN" for t in head) and _prominent(gaz, head.text):
                found.append(head)
                break
    return found


_COUNTED_LABELS = frozenset({"GPE", "LOC", "PERSON"})


def _surnames(entities: Sequence[_Entity]) -> set[str]:
    """The last words of the text's full names of persons ("John Kelly" -> "Kelly"): two or
    three capitalised words. spaCy's PERSON is noisy ("Eureka Garden", "NC Law", a whole
    headline), so nothing else counts."""
    return {
        e.ent[-1].text
        for e in entities
        if e.label == "PERSON"
        and len(e.ent) in (2, 3)
        and all(t.is_alpha and t.text[:1].isupper() for t in e.ent)
    }


def _same_name_elsewhere(
    doc: SpacyDoc, entities: Sequence[_Entity], mentions: dict[tuple[int, int], Mention]
) -> None:
    """One sense per text: a name recognised as a place once is a place wherever it recurs
    as a name ("Meeting in Alexandria ..." then "Alexandria police", which spaCy calls a
    person)."""
    # Only names spaCy itself read as a place somewhere, and not acronyms ("NATO", "ICON"):
    # a heuristic reading does not spread (a "Kelly" found by context stays one mention).
    surnames = _surnames(entities)
    # And a name spaCy reads as a person far more often than as a place is a person's name
    # ("Bell" fourteen times a person, once a place).
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for e in entities:
        if e.label in _COUNTED_LABELS:  # the only counts read below
            labels[e.ent.text][e.label] += 1
    names = {
        m.text
        for m in mentions.values()
        if m.label in PLACE_LABELS
        and not (m.text.isupper() and len(m.text) <= 5)
        and m.text not in surnames
        and 3 * (labels[m.text]["GPE"] + labels[m.text]["LOC"]) >= labels[m.text]["PERSON"]
    }
    if not names:
        return
    taken = {i for start, end in mentions for i in range(start, end)}
    for e in entities:
        span = e.span
        if span is None or e.text not in names or e.label == "NORP":
            continue
        if span.start_char not in taken:
            mentions[(span.start_char, span.end_char)] = Mention(
                span.start_char, span.end_char, span.text, "GPE"
            )
            taken.update(range(span.start_char, span.end_char))
    for token in doc:
        if (
            token.pos_ == "PROPN"  # read first: cheaper than the text, and most tokens fail it
            and token.text in names
            and token.idx not in taken
            and not token.ent_type_
        ):
            mentions[(token.idx, token.idx + len(token))] = Mention(
                token.idx, token.idx + len(token), token.text, "GPE"
            )
            taken.update(range(token.idx, token.idx + len(token)))


def _known(gaz: Gazetteer, name: str) -> bool:
    return bool(gaz.lookup(name) or gaz.fuzzy(name))


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case_lines(doc: SpacyDoc, text: str) -> set[int]:
    """Tokens of lines written in title case ("Man Accidentally Shot In Brown County"), where
    a capital says nothing about a name."""
    tokens: set[int] = set()
    offset = 0
    # Read off the text, not the tokens: this runs on every text, and few lines qualify.
    for line in text.split("\n"):
        words = _LONG_WORD.findall(line)
        # Title case, not capitals: a wire text in capitals (MUC-4) has its own rules.
        if (
            len(words) >= 3
            and all(w[0].isupper() for w in words)
            and 2 * sum(w.istitle() for w in words) > len(words)
        ):
            span = doc.char_span(offset, offset + len(line), alignment_mode="expand")
            if span is not None:
                tokens.update(range(span.start, span.end))
        offset += len(line) + 1
    return tokens


def _proper_noun_runs(doc: SpacyDoc, covered: set[int], text: str) -> list[SpacySpan]:
    runs: list[SpacySpan] = []
    start: int | None = None
    covered = covered | _title_case_lines(doc, text)
    for token in doc:
        usable = (
            token.i not in covered
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.is_alpha
            and token.lower_ not in _PERSON_TITLES  # "Judge Smith"
            and not (token.is_sent_start and token.nbor(1).pos_ in ("VERB", "AUX")
                     if token.i + 1 < len(doc) else False)
        )  # fmt: skip
        if usable and start is None:
            start = token.i
        elif not usable and start is not None:
            runs.append(doc[start : token.i])
            start = None
    if start is not None:
        runs.append(doc[start:])
    return runs


# --- offsets -------------------------------------------------------------------------------


def _direction(word: str) -> str | None:
    key = word.lower().replace("-", "").replace(" ", "")
    key = key[:-3] if key.endswith("ern") else key
    return _COMPASS.get(key)


_BEARING = {"N": 0.0, "NE": 45.0, "E": 90.0, "SE": 135.0, "S": 180.0, "SW": 225.0, "W": 270.0,
            "NW": 315.0}  # fmt: skip
# An eight-point compass direction is good to +-22.5 degrees: at distance d the point may be
# d * sin(22.5) ~ 0.38 d to either side; never less than a town's few kilometres.
_BEARING_SPREAD = math.sin(math.radians(22.5))
_MIN_RADIUS_KM = 5.0


def destination(lat: float, lon: float, distance_km: float, bearing: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) on compass ``bearing`` (great circle)."""
    d = distance_km / 6371.0
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(
        math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)


def _offset_point(
    place: Place, distance_km: float, direction: str | None
) -> tuple[float | None, float | None, float | None]:
    if place.lat is None or place.lon is None or direction not in _BEARING:
        return None, None, None
    lat, lon = destination(place.lat, place.lon, distance_km, _BEARING[direction])
    return lat, lon, round(max(_MIN_RADIUS_KM, distance_km * _BEARING_SPREAD), 1)


def _may_end_in_offset(window: str) -> bool:
    """Whether ``window`` ends as an offset phrase must (``_OFFSET_TAIL``): a quick test that
    rules most toponyms out before the slow patterns are tried.

    The tail's word ends where the trailing whitespace begins (``rstrip`` and ``\\s`` agree on
    what whitespace is), so the search starts only a few letters before that.
    """
    start = max(0, len(window.rstrip()) - _OFFSET_TAIL_LETTERS)
    return _OFFSET_TAIL.search(window, start) is not None


def find_offset(text: str, place: Place) -> Offset | None:
    """The distance/direction phrase that ends at ``place``: "64km (40 miles) south of Mosul".

    With a distance, a direction and the place's point, the offset carries the point that far
    in that direction, and a radius for the direction's spread.
    """
    window = text[max(0, place.start - 120) : place.start]
    if not _may_end_in_offset(window):
        return None
    base = place.start - len(window)
    reference = place.name or place.text
    match = _OFFSET_BEFORE.search(window)
    if match:
        number = float(match.group("num").replace(",", ""))
        unit = match.group("unit").lower()
        start = base + match.start("phrase")
        distance = round(number * _UNIT_KM[unit], 1)
        direction = _direction(match.group("dir"))
        lat, lon, radius = _offset_point(place, distance, direction)
        return Offset(
            text=text[start : place.end],
            start=start,
            end=place.end,
            distance_km=distance,
            direction=direction,
            reference=reference,
            lat=lat,
            lon=lon,
            radius_km=radius,
        )
    for pattern in (_DIRECTION_ONLY_BEFORE, _NEAR_BEFORE):
        match = pattern.search(window)
        if match:
            start = base + match.start("phrase")
            direction = _direction(match.group("dir")) if "dir" in pattern.groupindex else None
            return Offset(
                text=text[start : place.end],
                start=start,
                end=place.end,
                direction=direction,
                reference=reference,
            )
    return None


@dataclass
class _Offsets:
    """Offsets found in a text: those owned by an earlier toponym, and free-standing ones."""

    owned: dict[int, Offset]  # place start -> the offset describing that place
    free: dict[int, Offset]  # reference place start -> offset measured from it


def _offsets(text: str, places: Sequence[Place]) -> _Offsets:
    owned: dict[int, Offset] = {}
    free: dict[int, Offset] = {}
    for i, place in enumerate(places):
        offset = find_offset(text, place)
        if offset is None:
            continue
        # "the Qayara airbase, about 64km south of Mosul": the offset describes Qayara.
        owner = next(
            (
                p
                for p in reversed(places[:i])
                if p.end <= offset.start and _APPOSITION_GAP.match(text[p.end : offset.start])
            ),
            None,
        )
        if owner is not None:
            owned[owner.start] = offset
        else:
            free[place.start] = offset
    return _Offsets(owned, free)


# --- event location --------------------------------------------------------------------------


def _place_tokens(doc: SpacyDoc, places: Sequence[Place]) -> dict[int, Place]:
    by_token: dict[int, Place] = {}
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and not _inside_organisation(span):
            for token in span:
                # A demonym ("Iraqi forces") is a toponym but says who, never where.
                if token.ent_type_ != "NORP":
                    by_token[token.i] = place
    return by_token


def _inside_organisation(span: SpacySpan) -> bool:
    """A toponym strictly inside an organisation's name ("the Texas Forest Service")."""
    first, last = span[0], span[-1]
    if first.ent_type_ != "ORG":
        return False
    return first.ent_iob_ == "I" or (
        last.i + 1 < len(span.doc) and span.doc[last.i + 1].ent_iob_ == "I"
    )


_PRECISION_RANK = {"point": 0, "place": 0, "admin2": 1, None: 2, "admin1": 3, "country": 4}


def _facility(noun: Token) -> bool:
    """ "airbase", "refineries", "camps": a noun for a place or a facility, in any number."""
    return noun.lower_ in FACILITY_NOUNS or noun.lemma_.lower() in FACILITY_NOUNS


def _attached_place(noun: Token, by_token: dict[int, Place]) -> Place | None:
    """The toponym a noun is, or that modifies it: "Mosul", "the Qayara airbase", "city of X".

    When several do ("the West Bank city of Nablus"), the most precise wins.
    """
    if noun.i in by_token:
        return by_token[noun.i]
    found: list[Place] = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss", "appos") and child.i in by_token:
            place = by_token[child.i]
            # "Iraqi forces" names who, not where; "the Iraqi capital", "Sri Lanka's north"
            # name where.
            if place.precision != "country" or _facility(noun) or noun.lower_ in PART_NOUNS:
                found.append(place)
        elif child.dep_ in ("compound", "poss") and _facility(noun):
            # "Pattani province's capital city": the place sits one modifier further down.
            inner = _attached_place(child, by_token)
            if inner is not None:
                found.append(inner)
        # "the city of Nablus", "the capital of Iraq"; not "the attention of Hollywood".
        of_place = child.lower_ == "of" and (_facility(noun) or noun.lower_ in PART_NOUNS)
        if _direction(child.lower_) is not None:
            # "an ambush south of Tikrit": where the ambush was, give or take.
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        place_of = _attached_place(pobj, by_token) if pobj.dep_ == "pobj" else None
                        if place_of is not None:
                            found.append(place_of)
        if child.dep_ == "prep" and (of_place or child.lower_ in ("in", "at", "near", "to")):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    place_of = _attached_place(pobj, by_token)
                    if place_of is not None:
                        found.append(place_of)
    if not found:
        return None
    return min(found, key=lambda p: _PRECISION_RANK.get(p.precision, 2))


# Verbs of flying and of striking from the air: "patrolled over northern Iraq" is where.
AERIAL_VERBS = frozenset(
    {"patrol", "fly", "bomb", "strike", "shoot", "crash", "drop", "hover", "circle", "overfly"}
)


def _where(prep: Token, place: Place, verb: Token | None = None) -> bool:
    """Whether "<prep> <place>" says where: "an attack on Kabul" does, "sanctions on Libya"
    and "a dispute over Kashmir" do not, "jets patrolling over Iraq" do."""
    if place.precision != "country":
        return True
    if prep.lower_ == "over" and verb is not None and verb.lemma_.lower() in AERIAL_VERBS:
        return True
    return prep.lower_ not in ("on", "over")


def _direct_place(trigger: Token, by_token: dict[int, Place]) -> tuple[Place | None, list[Token]]:
    """A toponym the parse attaches to the trigger; also the nouns that could refer back."""
    nouns: list[Token] = []
    frontier = [trigger]
    for _depth in range(3):
        following: list[Token] = []
        for head in frontier:
            for child in head.children:
                if child.dep_ in _SKIP_DEPS:
                    continue
                # "shot in an ambush south of Baghdad": "of" after a compass word says where.
                compass_of = child.lower_ == "of" and _direction(head.lower_) is not None
                if child.dep_ == "prep" and (child.lower_ in EVENT_PREPS or compass_of):
                    # "outside his office and in Hebron": conjoined prepositions count too.
                    preps = [child, *(c for c in child.children if c.dep_ == "conj")]
                    for prep in preps:
                        if prep.lower_ not in EVENT_PREPS and not compass_of:
                            continue
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                found = _attached_place(pobj, by_token)
                                if found is not None and _where(prep, found, head):
                                    return found, nouns
                                nouns.append(pobj)
                elif child.dep_ in ("dobj", "attr", "npadvmod", "obj", "pobj"):
                    # "by the Northern Alliance", "with Syria": who or how, not where; but
                    # "during his visit" may still refer back to a placed visit.
                    placed = child.dep_ != "pobj" or head.lower_ in EVENT_PREPS
                    found = _attached_place(child, by_token) if placed else None
                    if found is not None and (
                        child.dep_ != "pobj" or _where(head, found, head.head)
                    ):
                        return found, nouns
                    nouns.append(child)
                if child.dep_ in (
                    "prep",
                    "pcomp",
                    "advmod",
                    "xcomp",
                    "acomp",
                    "dobj",
                    "pobj",
                    "agent",
                ):
                    following.append(child)
        frontier = following
    return None, nouns


def _earlier_place(noun: Token, known: _DocPlaces) -> Place | None:
    """An earlier mention of the same noun that carried a toponym: "the airbase", "his visit"."""
    if noun.pos_ != "NOUN":
        return None
    definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in noun.children)
    if not definite:
        return None
    doc, lemmas = noun.doc, known.lemmas
    for i in range(noun.i - 1, max(0, noun.i - _LOOKBACK_TOKENS) - 1, -1):  # nearest first
        if lemmas[i] == lemmas[noun.i]:
            found = _attached_place(doc[i], known.by_token)
            if found is not None:
                return found
    return None


def _actor_spans(doc: Document) -> list[tuple[int, int]]:
    return [(a.start, a.end) for a in doc.actors]


# Prepositions that put an event in a place when the parse does not tie them to its trigger.
WHERE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within"}
)


def _governing_prep(token: Token) -> Token | None:
    """The preposition a toponym hangs from, through "the city of X" and compounds."""
    head = token
    for _ in range(4):
        if head.dep_ in ("compound", "amod", "nmod", "appos", "pobj") and head.head is not head:
            parent = head.head
            if head.dep_ == "pobj" and parent.dep_ == "prep" and parent.lower_ != "of":
                return parent
            head = parent.head if parent.dep_ == "prep" and parent.lower_ == "of" else parent
        else:
            return None
    return None


def _compass_of(token: Token) -> bool:
    """A toponym after "<compass word> of": "south of Tikrit"."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head is not prep
        and _direction(prep.head.lower_) is not None
    )


def _text_length(doc: SpacyDoc) -> int:
    """``len(doc.text)``, without spaCy joining every token into a new text: the text is the
    tokens with their trailing whitespace, the last one ending it."""
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def _is_dateline(token: Token, place: Place, sent: SpacySpan) -> bool:
    """A toponym opening a sentence as a dateline: "BAGHDAD (Reuters) -", "Kabul, May 3 --"."""
    doc = sent.doc
    if any(not (t.is_punct or t.is_space) for t in doc[sent.start : token.i]):
        return False
    after = doc.char_span(place.end, min(_text_length(doc), place.end + 3), alignment_mode="expand")
    follow = after.text.strip()[:1] if after is not None else ""
    return place.text.isupper() or follow in ("(", "-", "—", "–", ":")


def _sentence_place(
    trigger: Token, places: Sequence[Place], doc: Document, by_token: dict[int, Place]
) -> Place | None:
    """The toponym nearest the trigger in its sentence that says where something happened.

    Only toponyms under a locative preposition ("in X", "near the town of X") or opening the
    sentence as a dateline count: a toponym that is an actor, a modifier ("U.S. forces"), or
    the object of something else ("sanctions on Libya") does not say where the event was.
    """
    sent = trigger.sent
    actors = _actor_spans(doc)
    options: list[tuple[int, Place]] = []
    seen: set[int] = set()
    for i in sorted(by_token):
        place = by_token[i]
        if not (sent.start <= i < sent.end) or place.start in seen:
            continue
        seen.add(place.start)
        token = sent.doc[i]
        prep = _governing_prep(token)
        dateline = _is_dateline(token, place, sent)
        compass = prep is None and _compass_of(token)
        if not (dateline or compass) and (prep is None or prep.lower_ not in WHERE_PREPS):
            continue
        if any(s <= place.start < e for s, e in actors) and prep is None:
            continue
        options.append((abs(token.idx - trigger.idx), place))
    return min(options, key=lambda o: o[0])[1] if options else None


def _location(place: Place, offsets: _Offsets, basis: LocationBasis) -> Location:
    """The event's Location at ``place``: at its offset point when the text gives one ("64km
    south of Mosul"; ACLED's geo_precision 2, as for "near X")."""
    offset = offsets.owned.get(place.start) or offsets.free.get(place.start)
    location = Location(**place.model_dump(), offset=offset, basis=basis)
    if offset is not None and offset.lat is not None and offset.lon is not None:
        location.lat, location.lon, location.precision = offset.lat, offset.lon, "point"
    if offset is not None and location.geo_precision == 1:
        location.geo_precision = 2
    return location


def main_place(doc: Document, by_token: dict[int, Place]) -> Place | None:
    """The article's main place: its dateline's, else the one it names most often.

    A place finer than a country wins over a country ("Mosul" over "Iraq"); ties go to the
    earliest. Demonyms ("Iraqi forces") do not count: they say who, not where.
    """
    named = {p.start: p for p in by_token.values() if p.lat is not None}
    if not named:
        return None
    opening = min(by_token)
    place = by_token[opening]
    token = doc.parsed[opening]
    if place.lat is not None and token.sent.start == 0 and _is_dateline(token, place, token.sent):
        return place
    counts: Counter[str] = Counter()
    earliest: dict[str, Place] = {}
    for place in sorted(named.values(), key=lambda p: p.start):
        key = str(place.geonameid or place.name)
        counts[key] += 1
        earliest.setdefault(key, place)

    def rank(key: str) -> tuple[bool, int, int]:
        place = earliest[key]
        return place.precision != "country", counts[key], -place.start

    return earliest[max(counts, key=rank)]


# People named by where they live or work: "Nangarhar residents protested" happened there.
RESIDENT_NOUNS = frozenset(
    {"resident", "villager", "townspeople", "inhabitant", "local", "townsman", "dweller",
     "farmer", "worker", "student", "shopkeeper", "trader", "fisherman", "miner"}
)  # fmt: skip


def _resident_place(trigger: Token, by_token: dict[int, Place]) -> Place | None:
    """The place that names the subject's people: "Nangarhar residents", "Gaza fishermen"."""
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in RESIDENT_NOUNS:
            for mod in child.children:
                place = by_token.get(mod.i) if mod.dep_ in ("compound", "amod", "nmod") else None
                if place is not None and place.precision != "country":
                    return place
    return None


def _passive_subject_place(trigger: Token, by_token: dict[int, Place]) -> Place | None:
    """The place a passive event happened to: "Utah Beach was captured"."""
    for child in trigger.children:
        if child.dep_ == "nsubjpass":
            return _attached_place(child, by_token)
    return None


def _refine(place: Place, parsed: SpacyDoc, by_token: dict[int, Place]) -> Place:
    """The finer place the text puts inside ``place``: "Talata Mafara in northern Nigeria",
    "the Kafr Souseh area of Damascus", "the Karradah neighbourhood in central Baghdad", "the
    West Bank town of Tulkarm": the syntax says the one is in the other, so the event is in
    the inner one."""
    tokens = [i for i, p in by_token.items() if p is place]
    if not tokens:
        return place
    token = parsed[tokens[-1]]
    rank = _PRECISION_RANK.get(place.precision, 2)

    def finer(other: Place | None) -> bool:
        if other is None or other is place:
            return False
        return other.precision is None or _PRECISION_RANK.get(other.precision, 2) <= rank

    # "X in Y", "the X area of Y": Y is the object of a preposition on X (or on X's noun).
    if token.dep_ == "pobj" and token.head.lower_ in ("in", "of") and token.head.head is not token:
        holder = token.head.head
        inner = by_token.get(holder.i) or next(
            (by_token[c.i] for c in holder.children if c.dep_ == "compound" and c.i in by_token),
            None,
        )
        if finer(inner) and inner is not None:
            return inner
    # "the Y town of X": Y modifies a settlement noun whose of-object is X.
    if token.dep_ in ("compound", "amod", "nmod") and token.head.lower_ in _SETTLEMENT_NOUNS:
        for prep in token.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    inner = by_token.get(pobj.i) if pobj.dep_ == "pobj" else None
                    if finer(inner) and inner is not None:
                        return inner
    return place


@dataclass
class _DocPlaces:
    """What locating events needs of a document's places: computed once per document."""

    by_token: dict[int, Place]
    offsets: _Offsets
    main: Place | None  # the article's main place (``main_place``)
    parsed: SpacyDoc

    @cached_property
    def lemmas(self) -> list[str]:
        """Every token's lemma, read once: ``_earlier_place`` compares hundreds of them for each
        noun, and spaCy makes a new string on each read."""
        return [token.lemma_ for token in self.parsed]


def _doc_places(doc: Document) -> _DocPlaces:
    by_token = _place_tokens(doc.parsed, doc.places)
    offsets = _offsets(doc.text, doc.places)
    return _DocPlaces(by_token, offsets, main_place(doc, by_token), doc.parsed)


def event_location(doc: Document, trigger: Span) -> Location | None:
    """Where the event whose trigger is ``trigger`` happened, with the basis of the answer.

    In order: a toponym the parse attaches to the trigger ("parse"), one in its sentence that
    says where ("sentence"), the article's main place ("article"); None when the article
    names no place with a point.
    """
    return _event_location(doc, trigger, _doc_places(doc)) if doc.places else None


def _event_location(doc: Document, trigger: Span, known: _DocPlaces) -> Location | None:
    parsed = doc.parsed
    span = parsed.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    by_token, offsets = known.by_token, known.offsets
    place, nouns = _direct_place(token, by_token)
    if place is None:
        place = _passive_subject_place(token, by_token) or _resident_place(token, by_token)
    if place is None and token.dep_ in ("advcl", "conj", "xcomp"):
        # "stormed the village of Mainok, killing 39": the participle shares its head's place.
        place, more = _direct_place(token.head, by_token)
        if place is None:
            place = _passive_subject_place(token.head, by_token)
        nouns += more
    if place is None:
        for noun in nouns:
            place = _earlier_place(noun, known)
            if place is not None:
                break
    if place is not None:
        return _location(_refine(place, parsed, by_token), offsets, "parse")
    place = _sentence_place(token, doc.places, doc, by_token)
    if place is not None:
        return _location(_refine(place, parsed, by_token), offsets, "sentence")
    return _location(known.main, offsets, "article") if known.main is not None else None


# --- the stage -------------------------------------------------------------------------------


def find_places(gaz: Gazetteer, doc: Document) -> list[Place]:
    """Recognise and resolve every toponym of a parsed Document."""
    mentions = recognize(gaz, doc.parsed, doc.text)
    actor_countries = [a.country for a in doc.actors if a.country]
    resolve_mentions(gaz, mentions, actor_countries, text=doc.text)
    return [to_place(m) for m in mentions]


@stage("places", reads=("spacy", "events"), writes=("places", "events.location"))
def make_places() -> StageFn:
    gaz = load_gazetteer()

    def run(doc: Document) -> None:
        doc.places = find_places(gaz, doc)
        if not (doc.events and doc.places):
            return
        known = _doc_places(doc)
        for event in doc.events:
            event.location = _event_location(doc, event.evidence.trigger, known)

    return run


__all__ += [
    "Mention",
    "candidates",
    "country_aliases",
    "find_offset",
    "find_places",
    "normalize",
    "recognize",
]
