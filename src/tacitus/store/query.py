"""Which events and incidents to list: the filter, its SQL, sort orders and page cursors.

One filter serves the CLI (`tacitus events`, `incidents`, `export`), the HTTP API and its
downloads. Every value reaches DuckDB as a parameter; only fixed SQL fragments chosen here
are spliced into statements.

Pages are keyset pages: a cursor holds the sort key and id of the last row given, so a page
is as fast deep in the list as at its start, and rows written between two requests neither
repeat nor vanish from the ones already listed.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tacitus.errors import Errors, TacitusError
from tacitus.model import date_bounds

_DATE_OPTION = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CAMEO_ROOT = re.compile(r"^\d{2}$")
MODALITIES = ("asserted", "negated", "future", "hypothetical")
SORTS = ("date", "-date", "sources", "confidence")

T = TypeVar("T")


@dataclass(frozen=True)
class EventFilter:
    """Which events to list. Dates compare by overlap: an event dated "2016" (the whole
    year) matches ``since="2016-07"``; events without a date never match a date filter."""

    since: dt.date | None = None  # first day of the --since value
    until: dt.date | None = None  # last day of the --until value
    country: str | None = None  # ISO alpha-3: event location or any actor/recipient
    plover_type: str | None = None
    # an actor's/recipient's mention or name contains it, or its code starts with it
    actor: str | None = None
    limit: int | None = None
    offset: int = 0
    admin1: str | None = None  # the location's first-level division, any case
    cameo_root: str | None = None  # two digits: "19"
    modality: str | None = None  # asserted | negated | future | hypothetical
    text: str | None = None  # in the evidence sentence, any case
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat

    @classmethod
    def from_options(
        cls,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        plover_type: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
        *,
        admin1: str | None = None,
        cameo: str | None = None,
        modality: str | None = None,
        text: str | None = None,
        bbox: str | None = None,
        prefix: str = "--",
    ) -> EventFilter:
        """A filter from command-line (or query-string) values; ``prefix`` is how the
        messages name an option. Malformed values raise E015 or E030-E032."""
        cameo_root = _clean(cameo)
        if cameo_root is not None and not _CAMEO_ROOT.match(cameo_root):
            raise TacitusError(Errors.E030, value=cameo, option=f"{prefix}cameo")
        mode = _clean(modality)
        if mode is not None and mode.lower() not in MODALITIES:
            raise TacitusError(
                Errors.E031, value=modality, option=f"{prefix}modality", known=", ".join(MODALITIES)
            )
        return cls(
            since=_option_bound(since, f"{prefix}since", first=True),
            until=_option_bound(until, f"{prefix}until", first=False),
            country=_upper(country),
            plover_type=_upper(plover_type),
            actor=_clean(actor),
            limit=limit if limit is None or limit >= 0 else 0,
            admin1=_clean(admin1),
            cameo_root=cameo_root,
            modality=mode.lower() if mode else None,
            text=_clean(text),
            bbox=parse_bbox(bbox, f"{prefix}bbox"),
        )

    def page(self, limit: int | None, offset: int = 0) -> EventFilter:
        """The same filter for another slice."""
        return dataclasses.replace(self, limit=limit, offset=offset)


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _upper(value: str | None) -> str | None:
    cleaned = _clean(value)
    return cleaned.upper() if cleaned else None


def _option_bound(value: str | None, option: str, *, first: bool) -> dt.date | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    low, high = date_bounds(text) if _DATE_OPTION.match(text) else (None, None)
    if low is None or high is None:
        raise TacitusError(Errors.E015, value=value, option=option)
    return low if first else high


def parse_bbox(value: str | None, option: str) -> tuple[float, float, float, float] | None:
    """``"min_lon,min_lat,max_lon,max_lat"`` in degrees; E032 unless four finite numbers
    with min <= max, longitudes in [-180, 180] and latitudes in [-90, 90]."""
    if value is None or not value.strip():
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise TacitusError(Errors.E032, value=value, option=option)
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise TacitusError(Errors.E032, value=value, option=option)
    return min_lon, min_lat, max_lon, max_lat


# --- SQL ---------------------------------------------------------------------------------


def date_and_type_sql(flt: EventFilter, alias: str) -> tuple[list[str], list[Any]]:
    """The conditions on columns events and incidents share (date range, type, CAMEO root,
    admin1, bounding box) for the table ``alias``."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.since is not None:
        clauses.append(f"{alias}.date_max >= ?")
        params.append(flt.since)
    if flt.until is not None:
        clauses.append(f"{alias}.date_min <= ?")
        params.append(flt.until)
    if flt.plover_type is not None:
        clauses.append(f"upper({alias}.plover_type) = ?")
        params.append(flt.plover_type.upper())
    if flt.cameo_root is not None:
        clauses.append(f"{alias}.cameo_root = ?")
        params.append(flt.cameo_root)
    if flt.admin1 is not None:
        clauses.append(f"lower({alias}.location_admin1) = ?")
        params.append(flt.admin1.lower())
    if flt.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        clauses.append(
            f"{alias}.location_lon BETWEEN ? AND ? AND {alias}.location_lat BETWEEN ? AND ?"
        )
        params.extend([min_lon, max_lon, min_lat, max_lat])
    return clauses, params


# A participant row (actor or recipient) of the event ``e`` matching the filter's actor.
_ACTOR_MATCH = (
    "(contains(lower(a.text), ?) OR contains(lower(coalesce(a.name, '')), ?) "
    "OR starts_with(coalesce(a.code, ''), ?))"
)
_PARTICIPANT = (
    "EXISTS (SELECT 1 FROM actors a WHERE a.article_id = e.article_id "
    "AND a.event_ordinal = e.ordinal AND a.role IN ('actor', 'recipient') AND {})"
)
# The event's evidence sentence contains the filter's text (offsets are code points;
# DuckDB's substring counts code points from 1).
_EVIDENCE_MATCH = (
    "EXISTS (SELECT 1 FROM articles t WHERE t.id = e.article_id AND contains(lower("
    "substring(t.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)), ?))"
)


def event_conditions(flt: EventFilter) -> tuple[list[str], list[Any]]:
    """Conditions on the events row ``e`` (and rows joined to it by article and ordinal)."""
    clauses, params = date_and_type_sql(flt, "e")
    if flt.country is not None:
        clauses.append(
            f"(upper(e.location_country) = ? OR {_PARTICIPANT.format('upper(a.country) = ?')})"
        )
        params.extend([flt.country.upper()] * 2)
    if flt.actor is not None:
        clauses.append(_PARTICIPANT.format(_ACTOR_MATCH))
        params.extend([flt.actor.lower(), flt.actor.lower(), flt.actor.upper()])
    if flt.modality is not None:
        clauses.append("e.modality = ?")
        params.append(flt.modality)
    if flt.text is not None:
        clauses.append(_EVIDENCE_MATCH)
        params.append(flt.text.lower())
    return clauses, params


def incident_conditions(flt: EventFilter) -> tuple[list[str], list[Any]]:
    """Conditions on the incidents row ``i``: its own date, type, root, admin1 and point;
    country (its location or a member event's participant), actor, modality and text
    through its member events."""
    clauses, params = date_and_type_sql(flt, "i")
    member = (
        "EXISTS (SELECT 1 FROM incident_events m JOIN events e ON e.id = m.event_id "
        "AND e.article_id = m.article_id WHERE m.incident_id = i.id AND {})"
    )
    if flt.country is not None:
        participant = _PARTICIPANT.format("upper(a.country) = ?")
        clauses.append(f"(upper(i.location_country) = ? OR {member.format(participant)})")
        params.extend([flt.country.upper()] * 2)
    if flt.actor is not None:
        clauses.append(member.format(_PARTICIPANT.format(_ACTOR_MATCH)))
        params.extend([flt.actor.lower(), flt.actor.lower(), flt.actor.upper()])
    if flt.modality is not None:
        clauses.append(member.format("e.modality = ?"))
        params.append(flt.modality)
    if flt.text is not None:
        clauses.append(member.format(_EVIDENCE_MATCH))
        params.append(flt.text.lower())
    return clauses, params


def where(clauses: list[str]) -> str:
    return "WHERE " + " AND ".join(clauses) if clauses else ""


# --- sorting and cursors -----------------------------------------------------------------

# Each sort is one ascending numeric key (then the id): keyset pages need one comparison.
# Undated rows sort last both ways; "sources": most distinct outlets first, then by date.
_DAYS = "date_diff('day', DATE '1970-01-01', {col})"
_LAST = 1e12


def sort_key_sql(sort: str, alias: str, sources: str) -> str:
    """The sort's key as a SQL expression over the row ``alias``; ``sources`` is the SQL of
    its number of distinct sources."""
    first_day = _DAYS.format(col=f"{alias}.date_min")
    last_day = _DAYS.format(col=f"{alias}.date_max")
    if sort == "date":
        return f"coalesce({first_day}::DOUBLE, {_LAST})"
    if sort == "-date":
        return f"coalesce(-({last_day})::DOUBLE, {_LAST})"
    if sort == "sources":
        # sources first, the date breaks ties within a count (newest first)
        return f"(-({sources}) * 1e6 + coalesce(-({last_day})::DOUBLE / 1e6, 0.5))"
    if sort == "confidence":
        return f"-{alias}.confidence"
    raise ValueError(sort)


def check_sort(sort: str, option: str, known: tuple[str, ...] = SORTS) -> str:
    value = sort.strip().lower()
    if value not in known:
        raise TacitusError(Errors.E033, value=sort, option=option, known=", ".join(known))
    return value


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after the row with this sort key and id."""

    sort: str
    key: float
    id: str

    def encode(self) -> str:
        raw = json.dumps([self.sort, self.key, self.id], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, token: str, sort: str, option: str) -> Cursor:
        """The cursor a previous page gave; E034 if it is not one, or is for another sort."""
        try:
            padded = token + "=" * (-len(token) % 4)
            value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            name, key, id_ = value
            cursor = cls(str(name), float(key), str(id_))
        except (ValueError, TypeError, binascii.Error, UnicodeError):
            raise TacitusError(Errors.E034, option=option) from None
        if cursor.sort != sort:
            raise TacitusError(Errors.E035, option=option, given=cursor.sort, sort=sort)
        return cursor


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing: its rows, the cursor of the next page (None: the last page)
    and how many rows match the filter in all."""

    items: list[T]
    next_cursor: str | None
    total: int
