"""Export formats other tools read: GDELT 2.0 (events and mentions), PLOVER JSON, ACLED-like CSV.

Pure functions over ``Event`` records and small lookups (the articles the events come from,
the incidents fusion put them in, the names of first-level divisions); no SQL. The store
(``Store.export``) pages through the stored events and hands each page here with an
``ExportContext``. Every derivation is documented column by column in docs/exports.md.

- GDELT 2.0: ``GDELT_EVENT_COLUMNS`` (61, GDELT's order) and ``GDELT_MENTION_COLUMNS`` (16),
  tab-separated with no header, as GDELT publishes its ``.export.CSV`` / ``.mentions.CSV``.
- PLOVER: one JSON object per line, with the field names of the PLOVER manual's data-fields
  chapter ("PLOVER JSON" table and the entity, location, text and citation objects).
- ACLED: ``ACLED_COLUMNS`` with a header row; only events in ACLED's scope (those the ``acled``
  stage typed). ACLED-compatible in form only: this is not ACLED data.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from tacitus import __version__
from tacitus.model import Actor, ArticleRecord, Event, Incident, Location, Quantity, date_bounds
from tacitus.stages.acled import ARMED_SECTORS, CIVILIAN_SECTORS, STATE_SECTORS
from tacitus.stages.actors import ISO_FIXES

# --- column lists ----------------------------------------------------------------------------

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_FIELDS = (
    "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
)  # fmt: skip

# The GDELT 2.0 Event table, in GDELT's column order.
GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# The GDELT 2.0 Mentions table.
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

# ACLED's columns (2023 layout), in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# --- lookups -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportContext:
    """What a page of events needs besides the events: their articles (text included: it
    gives the evidence sentence, the lead paragraph and the document length), the incident
    of each fused event (by event id) and first-level division names by (ISO3, admin1 code)."""

    articles: Mapping[str, ArticleRecord]
    incidents: Mapping[str, Incident] = field(default_factory=dict)
    admin1_names: Mapping[tuple[str, str], str] = field(default_factory=dict)


Batch = tuple[Sequence[Event], ExportContext]


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    numeric: int
    fips: str | None
    name: str
    continent: str


CONTINENTS = {
    "AF": "Africa", "AN": "Antarctica", "AS": "Asia", "EU": "Europe", "NA": "North America",
    "OC": "Oceania", "SA": "South America",
}  # fmt: skip


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-3 -> country, from data/countries/countries.tsv (GeoNames, CC BY 4.0)."""
    path = resources.files("tacitus") / "data" / "countries" / "countries.tsv"
    table: dict[str, Country] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        iso3, iso2, numeric, fips, name, continent = line.split("\t")
        table[iso3] = Country(iso3, iso2, int(numeric), fips or None, name, continent)
    return table


def fips_country(iso3: str | None) -> str | None:
    """The FIPS 10-4 code of an ISO alpha-3 country (IRQ -> IZ); None if it has none."""
    country = countries().get(iso3 or "")
    return country.fips if country else None


@lru_cache(maxsize=1)
def _cameo_codes() -> dict[str, dict[str, Any]]:
    path = resources.files("tacitus") / "data" / "cameo" / "codes.json"
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def goldstein(code: str | None, fallback: float | None = None) -> float | None:
    """The Goldstein score of a CAMEO code (GDELT's table, in data/cameo/codes.json)."""
    entry = _cameo_codes().get(code or "")
    return float(entry["goldstein"]) if entry else fallback


def quad_class(root: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO root: 01-05 verbal cooperation (1), 06-08 material
    cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4)."""
    if not root or not root.isdigit():
        return None
    n = int(root)
    if 1 <= n <= 5:
        return 1
    if 6 <= n <= 8:
        return 2
    if 9 <= n <= 13:
        return 3
    if 14 <= n <= 20:
        return 4
    return None


def global_event_id(event_id: str) -> int:
    """GDELT's GLOBALEVENTID for an event: the first 63 bits of the SHA-1 of its id, a
    positive 64-bit integer that is the same in every export of the same event."""
    digest = hashlib.sha1(event_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def mentions_path(path: Path) -> Path:
    """Where the GDELT Mentions table goes beside the events file ``path``: GDELT's own
    ``.export.`` becomes ``.mentions.`` (``day.export.CSV`` -> ``day.mentions.CSV``), else
    ``.mentions`` goes before the last suffix (``events.tsv`` -> ``events.mentions.tsv``)."""
    name = path.name
    if ".export." in name.lower():
        at = name.lower().rindex(".export.")
        return path.with_name(name[:at] + ".mentions." + name[at + len(".export.") :])
    if path.suffix:
        return path.with_name(path.stem + ".mentions" + path.suffix)
    return path.with_name(name + ".mentions")


# --- shared helpers ----------------------------------------------------------------------


def _day_bounds(event: Event) -> tuple[dt.date | None, dt.date | None]:
    return date_bounds(event.date.value) if event.date else (None, None)


def _outlet(article: ArticleRecord | None) -> str | None:
    """The article's outlet as fusion counts sources (its source, else its URL's host)."""
    if article is None:
        return None
    from tacitus.fusion.duplicates import outlet

    return outlet(article.source, article.url)


def _evidence_text(event: Event, article: ArticleRecord | None) -> str | None:
    if article is None or not article.text:
        return None
    return " ".join(article.text[event.evidence.start : event.evidence.end].split()) or None


def _actor_name(actor: Actor) -> str:
    return actor.name or actor.text


def _clean_cell(value: str) -> str:
    """A field of a tab-separated line: no tabs or line breaks inside."""
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _stamp(day: dt.date | None) -> str:
    """YYYYMMDDHHMMSS at midnight (Tacitus stores publication dates, not times)."""
    return f"{day:%Y%m%d}000000" if day else ""


def total(quantities: Iterable[Quantity], category: str) -> int | None:
    """What an event's counts of one category add up to ("killed": its deaths). Counts that
    disagree (marked ``conflicting``) count once, at the lowest (ACLED's conservative rule);
    an open range ("over 20") counts its lower bound. None: no count of that category."""
    agreed: list[float] = []
    disputed: list[float] = []
    for q in quantities:
        if q.category != category:
            continue
        value = q.value if q.value is not None else q.low
        if value is None:
            continue
        (disputed if q.conflicting else agreed).append(value)
    if not agreed and not disputed:
        return None
    return round(sum(agreed) + (min(disputed) if disputed else 0))


def fatalities(quantities: Iterable[Quantity]) -> int | None:
    """The deaths an event's quantities count (``total`` of ``killed``)."""
    return total(quantities, "killed")


# --- GDELT 2.0 ---------------------------------------------------------------------------

# CAMEO actor type (role) codes: domestic roles, sectors and transnational kinds.
CAMEO_TYPE_CODES = frozenset(
    {
        "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF", "LEG",
        "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "MED",
        "MOD", "RAD", "REF", "REL", "PPL", "UNK", "IGO", "IMG", "INT", "MNC", "NGM", "NGO",
        "UIS", "PRM",
    }
)  # fmt: skip
# CAMEO religion codes (first level) and the second-level codes that may follow one.
CAMEO_RELIGIONS = frozenset(
    {
        "ADR", "ATH", "BAH", "BUD", "CHR", "CON", "DRZ", "HIN", "ITR", "JAN", "JEW", "MOS",
        "MUS", "NRM", "PAG", "SHN", "SIK", "TAO", "ZRO",
    }
)  # fmt: skip
CAMEO_SUB_RELIGIONS = frozenset(
    {
        "ALE", "SHI", "SUN", "SFI", "IBA", "CTH", "ORT", "PRO", "MAR", "COP", "LDS", "JHW",
        "ANG", "HSD", "MAH", "THR",
    }
)  # fmt: skip
# CAMEO regional codes: geographic, but no country.
CAMEO_REGIONS = frozenset(
    {
        "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR",
        "LAM", "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF",
        "WST",
    }
)  # fmt: skip
# ISO alpha-3 -> CAMEO where they differ: ISO_FIXES read backwards, less the legacy codes.
_CAMEO_FROM_ISO = {
    iso: cameo for cameo, iso in ISO_FIXES.items() if iso and cameo in ("KSV", "TMP")
}


def cameo_country(iso3: str | None) -> str | None:
    """CAMEO's 3-letter country code of an ISO alpha-3 code (ISO, but Kosovo KSV, East Timor
    TMP)."""
    if not iso3:
        return None
    return _CAMEO_FROM_ISO.get(iso3, iso3)


@dataclass(frozen=True)
class ActorFields:
    """An actor's CAMEO code broken into GDELT's actor columns."""

    code: str = ""
    name: str = ""
    country: str = ""
    known_group: str = ""
    ethnic: str = ""
    religion1: str = ""
    religion2: str = ""
    types: tuple[str, ...] = ()

    def row(self) -> list[str]:
        types = (*self.types[:3], "", "", "")[:3]
        return [
            self.code, self.name, self.country, self.known_group, self.ethnic,
            self.religion1, self.religion2, *types,
        ]  # fmt: skip


def actor_fields(actor: Actor | None) -> ActorFields:
    """GDELT's ten actor columns: the code read in 3-letter parts (the country, then type,
    religion, known-group parts; regional parts are skipped), the name in capitals."""
    if actor is None:
        return ActorFields()
    country = cameo_country(actor.country) or ""
    code = actor.code or ""
    parts = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    if parts and country and parts[0] in (country, actor.country):
        parts = parts[1:]
    types: list[str] = []
    group = religion1 = religion2 = ""
    for part in parts:
        if religion1 and not religion2 and part in CAMEO_SUB_RELIGIONS:
            religion2 = part
        elif not religion1 and part in CAMEO_RELIGIONS:
            religion1 = part
        elif part in CAMEO_TYPE_CODES:
            types.append(part)
        elif part in CAMEO_REGIONS or part in countries() or part in ISO_FIXES:
            continue
        elif not group:
            group = part
    if not code and actor.sector:  # uncoded but with a role ("troops": MIL)
        code = actor.sector
        types = [actor.sector]
    return ActorFields(
        code=code,
        name=_clean_cell(_actor_name(actor).upper()),
        country=country,
        known_group=group,
        religion1=religion1,
        religion2=religion2,
        types=tuple(types),
    )


def geo_type(location: Location | None) -> int:
    """GDELT's Geo_Type: 1 country, 2 US state, 3 US city or landmark, 4 world city or
    landmark, 5 world state (first-level division); 0 no resolved location. Places, offset
    points and second-level divisions are landmarks (3/4)."""
    if location is None or location.country is None:
        return 0
    us = location.country == "USA"
    precision = location.precision
    if precision in (None, "country"):
        return 1
    if precision == "admin1":
        return 2 if us else 5
    return 3 if us else 4


def geo_fields(location: Location | None, ctx: ExportContext) -> list[str]:
    """GDELT's eight geographic columns of a location (all empty but Type 0 without one)."""
    kind = geo_type(location)
    if location is None or kind == 0:
        return ["0", "", "", "", "", "", "", ""]
    country = countries().get(location.country or "")
    fips = country.fips if country and country.fips else ""
    country_name = country.name if country else (location.country or "")
    admin1_name = None
    if location.admin1 and location.country:
        admin1_name = ctx.admin1_names.get((location.country, location.admin1))
    name = location.name or location.text
    if kind == 1:
        parts = [country_name]
    elif kind in (2, 5):
        parts = [admin1_name or name, country_name]
    else:
        parts = [name, *([admin1_name] if admin1_name else []), country_name]
    adm1 = fips + location.admin1 if fips and location.admin1 else fips
    if kind == 1:
        feature = fips
    elif kind in (2, 5):
        feature = adm1
    else:
        feature = str(location.geonameid) if location.geonameid is not None else ""
    return [
        str(kind),
        _clean_cell(", ".join(p for p in parts if p)),
        fips,
        adm1,
        "",  # ADM2Code: GAUL codes, which Tacitus does not have
        _number(location.lat),
        _number(location.lon),
        feature,
    ]


def _lead_end(text: str) -> int:
    """End of the article's first paragraph (its first line with text)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def gdelt_event_row(event: Event, ctx: ExportContext) -> list[str]:
    """One line of GDELT's Event table (61 fields, GDELT's order)."""
    article = ctx.articles.get(event.article_id)
    incident = ctx.incidents.get(event.id)
    first, _ = _day_bounds(event)
    if first is not None:
        fraction = first.year + ((first.month - 1) * 30 + first.day) / 365
        date_fields = [f"{first:%Y%m%d}", f"{first:%Y%m}", f"{first:%Y}", f"{fraction:.4f}"]
    else:
        date_fields = ["", "", "", ""]
    actor1 = actor_fields(event.actors[0] if event.actors else None)
    actor2 = actor_fields(event.recipients[0] if event.recipients else None)
    root_event = article is not None and event.evidence.start < _lead_end(article.text)
    cameo = event.cameo
    code = cameo.code if cameo else ""
    mentions, sources, articles = (
        (len(incident.events), incident.n_sources, incident.n_articles) if incident else (1, 1, 1)
    )
    published = article.published if article else None
    return [
        str(global_event_id(event.id)),
        *date_fields,
        *actor1.row(),
        *actor2.row(),
        "1" if root_event else "0",
        code,
        code[:3],
        cameo.root if cameo else "",
        _number(quad_class(cameo.root) if cameo else None),
        _number(goldstein(code, cameo.goldstein) if cameo else None),
        str(mentions),
        str(sources),
        str(articles),
        "",  # AvgTone: Tacitus does not measure tone
        *geo_fields(None, ctx),  # Actor1Geo: Tacitus does not place actors
        *geo_fields(None, ctx),
        *geo_fields(event.location, ctx),
        _stamp(published),
        _clean_cell(_identifier(event, article)),
    ]


def _identifier(event: Event, article: ArticleRecord | None) -> str:
    return (article.url if article and article.url else None) or event.article_id


PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "we", "i", "you"})


def in_raw_text(event: Event) -> bool:
    """GDELT's InRawText: the sentence itself names the event's actors (every actor and
    recipient mention lies inside the evidence sentence and none is a pronoun)."""
    start, end = event.evidence.start, event.evidence.end
    for actor in (*event.actors, *event.recipients):
        if actor.start < start or actor.end > end or actor.text.lower() in PRONOUNS:
            return False
    return True


def gdelt_mention_row(event: Event, ctx: ExportContext) -> list[str]:
    """One line of GDELT's Mentions table: the event's mention in its own article."""
    article = ctx.articles.get(event.article_id)
    published = article.published if article else None
    has_url = bool(article and article.url)
    return [
        str(global_event_id(event.id)),
        _stamp(published),
        _stamp(published),
        "1" if has_url else "2",  # 1 WEB (a URL), 2 CITATIONONLY (our article id)
        _clean_cell(_outlet(article) or ""),
        _clean_cell(_identifier(event, article)),
        str(event.evidence.sentence + 1),
        str(event.actors[0].start if event.actors else -1),
        str(event.recipients[0].start if event.recipients else -1),
        str(event.evidence.trigger.start),
        "1" if in_raw_text(event) else "0",
        str(round(event.confidence * 100)),
        str(len(article.text)) if article else "",
        "",  # MentionDocTone: not measured
        "",  # MentionDocTranslationInfo: English, not translated
        "",  # Extras
    ]


def write_tsv(rows: Iterable[Sequence[str]], stream: TextIO) -> int:
    n = 0
    for row in rows:
        stream.write("\t".join(row) + "\n")
        n += 1
    return n


def write_gdelt(batches: Iterable[Batch], events: TextIO, mentions: TextIO | None = None) -> int:
    """GDELT's Event table to ``events`` and, if given, its Mentions table to ``mentions``;
    returns the number of events."""
    n = 0
    for page, ctx in batches:
        n += write_tsv((gdelt_event_row(e, ctx) for e in page), events)
        if mentions is not None:
            write_tsv((gdelt_mention_row(e, ctx) for e in page), mentions)
    return n


def write_gdelt_mentions(batches: Iterable[Batch], stream: TextIO) -> int:
    """GDELT's Mentions table alone; returns the number of mentions (one per event)."""
    return sum(
        write_tsv((gdelt_mention_row(e, ctx) for e in page), stream) for page, ctx in batches
    )


# --- PLOVER ------------------------------------------------------------------------------

# The PLOVER manual's quad categories ("Quad categories in PLOVER" table).
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
# CAMEO sector codes PLOVER renames: media is JRN, health MED; INS and SEP fold into REB.
PLOVER_SECTORS = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB"}
# PLOVER's resolution codes of a location: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
PLOVER_RESOLUTION = {"point": 4, "place": 4, "admin2": 3, "admin1": 2, "country": 1}
PLOVER_CODEBOOK = "plover-0.8"


def plover_entity_code(actor: Actor) -> str | None:
    """PLOVER's 3-character entity code: the ISO alpha-3 country (Kosovo KOS), else one of
    PLOVER's non-state codes (UNO, EUR for the EU, IGO, NGO, IMG, MNC, ISM)."""
    if actor.country:
        return "KOS" if actor.country == "XKX" else actor.country
    code = actor.code or ""
    parts = {code[i : i + 3] for i in range(0, len(code), 3)}
    if code.startswith("IGO"):
        if "UNO" in parts:
            return "UNO"
        return "EUR" if "EEC" in parts else "IGO"
    if code[:3] in ("NGO", "IMG", "MNC"):
        return code[:3]
    if code.startswith("NGM"):
        return "ISM"
    return None


def plover_entity(actor: Actor) -> dict[str, Any]:
    sector = actor.sector
    entity: dict[str, Any] = {
        "code": plover_entity_code(actor),
        "sector": PLOVER_SECTORS.get(sector, sector) if sector else None,
        "entity_text": actor.text,
        "identifier_text": actor.name,
        # Tacitus extensions: the CAMEO-style code and where the mention is in the text
        "cameo_code": actor.code,
        "kind": actor.kind,
        "start": actor.start,
        "end": actor.end,
    }
    return entity


def plover_location(location: Location, ctx: ExportContext) -> dict[str, Any]:
    country = countries().get(location.country or "")
    province = None
    if location.admin1 and location.country:
        province = ctx.admin1_names.get((location.country, location.admin1))
    if location.precision == "admin1":
        province = province or location.name
    loc: dict[str, Any] = {
        "extracted_place": location.text,
        "resolved_place": location.name,
        "geonameid": location.geonameid,
        "lat": location.lat,
        "lon": location.lon,
        "city": location.name if location.precision in ("place", "point") else None,
        "district": location.name if location.precision == "admin2" else None,
        "province": province,
        "country": country.name if country else None,
        "country_code": location.country,
        "resolution": PLOVER_RESOLUTION.get(location.precision or ""),
        # Tacitus extensions
        "admin1_code": location.admin1,
        "start": location.start,
        "end": location.end,
        "basis": location.basis,
    }
    if location.offset is not None:
        loc["offset"] = location.offset.model_dump(mode="json")
    return loc


def plover_record(event: Event, ctx: ExportContext) -> dict[str, Any]:
    """One PLOVER JSON record of an event (see docs/exports.md for every field)."""
    article = ctx.articles.get(event.article_id)
    incident = ctx.incidents.get(event.id)
    first, last = _day_bounds(event)
    evidence = _evidence_text(event, article)
    cameo = event.cameo
    record: dict[str, Any] = {
        "id": event.id,
        "has_event": True,
        "date": first.isoformat() if first else None,
    }
    if last is not None and last != first:
        record["enddate"] = last.isoformat()
    record.update(
        {
            "actor": [plover_entity(a) for a in event.actors],
            "recipient": [plover_entity(a) for a in event.recipients],
            "event": [event.plover.type],
            "event_loc": plover_location(event.location, ctx) if event.location else None,
            "event_text": [evidence] if evidence else [],
            "quad_code": PLOVER_QUAD.get(event.plover.type),
            "event_scale": goldstein(cameo.code, cameo.goldstein) if cameo else None,
            "mode": [event.plover.mode] if event.plover.mode else [],
            "context": list(event.plover.context),
            "link": incident.id if incident else None,
            "text_info": {
                "sequence": event.evidence.sentence,
                "start": event.evidence.start,
                "end": event.evidence.end,
            },
            "cite_info": {
                "citation": event.article_id,
                "url": article.url if article else None,
                "title": article.title if article else None,
                "publication": _outlet(article),
                "language": "en",
                "coder": f"tacitus {__version__}",
                "codebook": PLOVER_CODEBOOK,
            },
            "coder": f"tacitus {__version__}",
        }
    )
    # The manual's size object: dead, injured, arrested (present when the text counts them).
    for category, name in (("killed", "dead"), ("injured", "injured"), ("arrested", "arrested")):
        value = total(event.quantities, category)
        if value is not None:
            record[name] = value
    # Tacitus extensions: what the PLOVER fields above cannot say.
    record.update(
        {
            "modality": event.modality,
            "confidence": event.confidence,
            "article_id": event.article_id,
            "published": article.published.isoformat() if article and article.published else None,
            "date_value": event.date.value if event.date else None,
            "date_precision": event.date.precision if event.date else None,
            "date_basis": event.date.basis if event.date else None,
            "cameo": cameo.model_dump(mode="json") if cameo else None,
            "acled_type": event.acled_type,
            "acled_sub_type": event.acled_sub_type,
            "trigger": event.evidence.trigger.model_dump(mode="json"),
            "attribution": event.attribution.model_dump(mode="json") if event.attribution else None,
            "quantities": [q.model_dump(mode="json") for q in event.quantities],
        }
    )
    return record


def write_plover(batches: Iterable[Batch], stream: TextIO) -> int:
    """PLOVER records as JSON lines (the manual suggests one record per line)."""
    n = 0
    for page, ctx in batches:
        for event in page:
            stream.write(json.dumps(plover_record(event, ctx), ensure_ascii=False) + "\n")
            n += 1
    return n


# --- ACLED -------------------------------------------------------------------------------

# ACLED's disorder types (2023) by event type, and the sub-event types that differ.
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB_TYPE = {
    "Mob violence": "Political violence",
    "Excessive force against protesters": "Political violence; Demonstrations",
}
# ACLED actor types (inter codes).
STATE, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = (
    range(1, 9)
)
_REBEL_SECTORS = frozenset({"REB", "INS", "SEP", "IMG"})
_MILITIA_SECTORS = frozenset({"UAF", "PRM"})
_INTERNATIONAL = frozenset({"IGO", "NGO", "MNC", "INT", "NGM", "UIS"})


def _sector(actor: Actor) -> str | None:
    if actor.sector:
        return actor.sector
    code = actor.code or ""
    if actor.country and len(code) >= 6:
        return code[3:6]
    return code[:3] if code[:3] in _INTERNATIONAL | _REBEL_SECTORS else None


def inter_code(actor: Actor, event: Event, *, recipient: bool) -> int | None:
    """ACLED's actor type of a participant: 1 state forces (of the event's country; 8 when
    foreign), 2 rebel groups (and transnational armed groups), 3 political militias
    (unidentified armed groups), 5 rioters and 6 protesters (the unarmed actors of riots and
    protests), 7 civilians, 8 external/other forces (international organisations); None when
    Tacitus cannot tell."""
    sector = _sector(actor)
    place = event.location.country if event.location else None
    if sector in STATE_SECTORS or (sector is None and actor.kind == "state"):
        foreign = actor.country is not None and place is not None and actor.country != place
        return EXTERNAL if foreign else STATE
    if sector in _REBEL_SECTORS:
        return REBELS
    if sector in _MILITIA_SECTORS:
        return POLITICAL_MILITIA
    if sector in _INTERNATIONAL:
        return EXTERNAL
    armed = sector in ARMED_SECTORS
    if not recipient and not armed and event.acled_type == "Protests":
        return PROTESTERS
    if not recipient and not armed and event.acled_type == "Riots":
        return RIOTERS
    if sector in CIVILIAN_SECTORS:
        return CIVILIANS
    if recipient and event.acled_type == "Violence against civilians" and not armed:
        return CIVILIANS
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two inter codes as one number, the lower first (13); one
    actor alone: its code then 0 (60)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def acled_row(event: Event, ctx: ExportContext) -> dict[str, str] | None:
    """One ACLED-like row, or None for an event outside ACLED's scope (no ACLED type)."""
    if event.acled_type is None:
        return None
    article = ctx.articles.get(event.article_id)
    first, _ = _day_bounds(event)
    loc = event.location
    country = countries().get(loc.country or "") if loc else None
    actor1 = event.actors[0] if event.actors else None
    actor2 = event.recipients[0] if event.recipients else None
    inter1 = inter_code(actor1, event, recipient=False) if actor1 else None
    inter2 = inter_code(actor2, event, recipient=True) if actor2 else None
    civilian = event.acled_type == "Violence against civilians" or (
        DISORDER_TYPES[event.acled_type] == "Political violence"
        and any(inter_code(a, event, recipient=True) == CIVILIANS for a in event.recipients)
    )
    admin1 = ""
    if loc and loc.country and loc.admin1:
        admin1 = ctx.admin1_names.get((loc.country, loc.admin1), "")
    if loc and loc.precision == "admin1" and not admin1:
        admin1 = loc.name or ""
    published = article.published if article else None
    timestamp = ""
    if published is not None:
        midnight = dt.datetime(published.year, published.month, published.day, tzinfo=dt.UTC)
        timestamp = str(int(midnight.timestamp()))
    tags = [f"crowd size={q.text}" for q in event.quantities if q.category == "protesters"]
    deaths = fatalities(event.quantities)
    sub_type = event.acled_sub_type or ""
    return {
        "event_id_cnty": f"{(loc.country if loc and loc.country else 'XXX')}"
        f"{global_event_id(event.id)}",
        "event_date": first.isoformat() if first else "",
        "year": str(first.year) if first else "",
        "time_precision": _number(event.date.time_precision if event.date else None),
        "disorder_type": DISORDER_BY_SUB_TYPE.get(sub_type, DISORDER_TYPES[event.acled_type]),
        "event_type": event.acled_type,
        "sub_event_type": sub_type,
        "actor1": _actor_name(actor1) if actor1 else "",
        "assoc_actor_1": "; ".join(_actor_name(a) for a in event.actors[1:]),
        "inter1": _number(inter1),
        "actor2": _actor_name(actor2) if actor2 else "",
        "assoc_actor_2": "; ".join(_actor_name(a) for a in event.recipients[1:]),
        "inter2": _number(inter2 if actor2 else 0),
        "interaction": _number(interaction(inter1, inter2 if actor2 else None)),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": str(country.numeric) if country else "",
        "region": CONTINENTS.get(country.continent, "") if country else "",
        "country": country.name if country else "",
        "admin1": admin1,
        "admin2": loc.name or "" if loc and loc.precision == "admin2" else "",
        "admin3": "",
        "location": (loc.name or loc.text) if loc else "",
        "latitude": _number(loc.lat) if loc else "",
        "longitude": _number(loc.lon) if loc else "",
        "geo_precision": _number(loc.geo_precision) if loc else "",
        "source": _outlet(article) or "",
        "source_scale": "",
        "notes": _evidence_text(event, article) or "",
        "fatalities": str(deaths or 0),
        "tags": "; ".join(tags),
        "timestamp": timestamp,
    }


def acled_rows(batches: Iterable[Batch]) -> Iterator[dict[str, str]]:
    for page, ctx in batches:
        for event in page:
            row = acled_row(event, ctx)
            if row is not None:
                yield row


def write_acled(batches: Iterable[Batch], stream: TextIO) -> int:
    """ACLED-like CSV with a header row; returns the number of rows (events in scope)."""
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in acled_rows(batches):
        writer.writerow(row)
        n += 1
    return n
