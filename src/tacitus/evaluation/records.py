"""Suite ``records``: incident-level facts (gva, muc4) and event/argument spans (rams, wikievents).

gva (Gun Violence Archive incidents, 1+ articles each; each article coded with its own date):
  ``killed_acc``: the largest count with category killed found in any article of the
  incident (0 when none is found) equals the GVA count; ``injured_acc``: the injured count
  of the article that tells of the most people hurt (``reported_injured``) does.
  ``location_acc161``: the best event location (most confident ASSAULT event with coordinates,
  else any event, else the first resolved place) lies within 161 km of the GVA point; incidents
  without GVA coordinates are left out of this one metric.
  ``date_acc``: the incident's day as its articles give it (``best_date``: the day-precise
  date of ASSAULT events that the most articles give) equals the GVA date.
muc4 (one record per message; the dateline date is given to the pipeline as publication date):
  incident types come from the asserted events (``muc_type``); ``type_f1`` is micro F1 of the
  per-message type sets; ``location_f1`` compares those events' location names with the most
  specific part of the key's location slot ("... : SAN ISIDRO (NEIGHBORHOOD)" -> SAN ISIDRO),
  exact after upper-casing and removing accents; ``date_f1`` compares their day dates with the
  key's date slot (a range "A - B" accepts any day in it).
rams / wikievents (gold triggers and arguments):
  ``trigger_recall``: share of gold triggers overlapped by a predicted event trigger (RAMS marks
  one event per window, so precision is meaningless there); ``trigger_f1`` (wikievents only,
  which marks every event of its ontology); ``participant_arg_recall``: share of the paired
  events' gold participant arguments (agent/patient roles) overlapped by one of the event's
  actors or recipients, either side; ``place_acc``: for paired events with a gold place
  argument, the event location span overlaps it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from pydantic import Field

from tacitus.evaluation.base import (
    Context,
    Gold,
    GoldSpan,
    SpanMapper,
    SuiteResult,
    parse_date,
    read_gold,
)
from tacitus.evaluation.metrics import (
    PRF,
    match_spans,
    multiset_prf,
    overlaps,
    pairwise_prf,
    safe_div,
    within_km,
)
from tacitus.fusion import fuse
from tacitus.model import Article, ArticleRecord, Event, Location
from tacitus.stages.dates import tells_a_death

# --- gva ---------------------------------------------------------------------------------


class GvaArticle(Gold):
    url: str | None = None
    title: str | None = None
    date: str | None = None
    text: str


class GvaRecord(Gold):
    id: str
    date: str | None = None
    lat: float | None = None
    lon: float | None = None
    killed: int | None = None
    injured: int | None = None
    articles: list[GvaArticle] = Field(default_factory=list)


def max_count(records: list[ArticleRecord], category: str) -> int:
    """The largest count of ``category`` in the records (0 when none is reported), leaving
    out counts that belong only to events the text dates as historical (an old incident
    recalled: "killing 78" in a 1982 crash)."""
    best = 0.0
    for record in records:
        events_of: dict[tuple[int, int], list[Event]] = defaultdict(list)
        for event in record.events:
            for q in event.quantities:
                events_of[(q.start, q.end)].append(event)
        quantities = list(record.quantities) + [q for e in record.events for q in e.quantities]
        for q in quantities:
            linked = events_of.get((q.start, q.end), [])
            if linked and all(e.date is not None and e.date.historical for e in linked):
                continue
            value = q.value if q.value is not None else q.low
            if q.category == category and value is not None:
                best = max(best, value)
    return int(best)


def reported_injured(records: list[ArticleRecord]) -> int:
    """The injured count of the incident: that of the report telling of the most people hurt
    (killed and injured together; ties: the most killed, as a death is later news). Counts
    from different reports do not add up category by category: a victim first reported
    wounded and later dead is one of the killed, not also one of the injured."""
    pictures = [(max_count([r], "killed"), max_count([r], "injured")) for r in records]
    if not pictures:
        return 0
    return max(pictures, key=lambda p: (p[0] + p[1], p[0]))[1]


def _ranked_events(records: list[ArticleRecord]) -> list[Event]:
    events = [e for r in records for e in r.events if e.modality == "asserted"]
    # ASSAULT events first, then by confidence; stable for equal keys.
    return sorted(events, key=lambda e: (e.plover.type != "ASSAULT", -e.confidence))


def best_location(records: list[ArticleRecord]) -> Location | None:
    for event in _ranked_events(records):
        if event.location is not None and event.location.lat is not None:
            return event.location
    for record in records:
        for place in record.places:
            if place.lat is not None:
                return Location(**place.model_dump())
    return None


# How long before the first report an incident's attack may lie: older dated events in
# the reports are background (an earlier shooting, the day a gun was bought).
INCIDENT_WINDOW = dt.timedelta(days=7)


def best_date(records: list[ArticleRecord]) -> str | None:
    """The incident's day as its reports give it: of the day-precise dates found in the text
    of ASSAULT events in the week before the first report (leaving out a victim's dying, as
    fusion's merged date does, where the other events have such a date), the day the most
    articles give
    (copies of a sidebar or an older story are in one article; fusion's merged date is also
    the value most sources give), then the day most events give, then the earliest (deaths
    in hospital, arrests and charges come after the attack); else the same over all
    asserted events; else the best-ranked event's day; else the first report's
    publication date."""
    published = sorted(r.published for r in records if r.published is not None)
    ranked = _ranked_events(records)

    def stated_days(events: list[Event]) -> list[tuple[dt.date, str]]:
        days = []
        for event in events:
            date = event.date
            if date is None or date.precision != "day" or date.basis == "publication":
                continue
            day = dt.date.fromisoformat(date.value)
            if published and not published[0] - INCIDENT_WINDOW <= day <= published[-1]:
                continue
            days.append((day, event.article_id))
        return days

    for events in ([e for e in ranked if e.plover.type == "ASSAULT"], ranked):
        days = stated_days([e for e in events if not tells_a_death(e)]) or stated_days(events)
        if days:
            articles: dict[dt.date, set[str]] = defaultdict(set)
            for day, article in days:
                articles[day].add(article)
            mentions = Counter(day for day, _ in days)
            return max(
                articles, key=lambda d: (len(articles[d]), mentions[d], -d.toordinal())
            ).isoformat()
    for event in ranked:
        if event.date is not None and event.date.precision == "day":
            return event.date.value
    return published[0].isoformat() if published else None


def article_incidents(records: list[ArticleRecord]) -> dict[str, str]:
    """Each article's incident after fusing them all: of the incidents its events are in,
    the one most articles report (ties: that of its best event, ASSAULT first, then the
    most confident); an article with no asserted event is alone."""
    fusion = fuse(records)
    size = {i.id: i.n_articles for i in fusion.incidents}
    out: dict[str, str] = {}
    for record in records:
        ranked = [fusion.incident_of[e.id] for e in _ranked_events([record])]
        if ranked:
            out[record.id] = min(ranked, key=lambda i: (-size[i], ranked.index(i)))
    return out


def score_gva(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    gold, total = read_gold(path, GvaRecord, cap)
    articles = [
        Article(
            id=f"{g.id}#{i}",
            text=a.text,
            title=a.title,
            url=a.url,
            published=parse_date(a.date),
        )
        for g in gold
        for i, a in enumerate(g.articles)
    ]
    by_incident: dict[str, list[ArticleRecord]] = {}
    every: list[ArticleRecord] = []
    for record in ctx.records(articles, path.stem):
        by_incident.setdefault(record.id.rsplit("#", 1)[0], []).append(record)
        every.append(record)
    pairs = pairwise_prf(article_incidents(every), {r.id: r.id.rsplit("#", 1)[0] for r in every})
    killed = injured = dated = 0
    located = located_n = 0
    for g in gold:
        records = by_incident.get(g.id, [])
        killed += max_count(records, "killed") == (g.killed or 0)
        injured += reported_injured(records) == (g.injured or 0)
        dated += best_date(records) == g.date
        if g.lat is not None and g.lon is not None:
            located_n += 1
            loc = best_location(records)
            located += within_km((g.lat, g.lon), (loc.lat, loc.lon) if loc else None)
    n = len(gold)
    return SuiteResult(
        n=n,
        total=total,
        metrics={
            "killed_acc": safe_div(killed, n),
            "injured_acc": safe_div(injured, n),
            "location_acc161": safe_div(located, located_n),
            "date_acc": safe_div(dated, n),
            "incident_pairwise_f1": pairs.f1,
            "incident_pairwise_precision": pairs.precision,
            "incident_pairwise_recall": pairs.recall,
        },
    )


# --- muc4 --------------------------------------------------------------------------------


class MucTemplate(Gold):
    incident_type: str | None = None
    date: str | None = None
    location: str | None = None


class MucRecord(Gold):
    id: str
    text: str
    templates: list[MucTemplate] = Field(default_factory=list)


MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
MUC_DATE = re.compile(r"\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) (\d{2})\b")


def muc_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(1900 + int(year), MONTHS[month], int(day))
    except ValueError:
        return None


def muc_date_range(slot: str | None) -> tuple[dt.date, dt.date] | None:
    """A key date slot as an inclusive range ("30 DEC 89", "26 DEC 89 - 30 DEC 89")."""
    if not slot:
        return None
    days = [d for m in MUC_DATE.finditer(slot.upper()) if (d := muc_date(*m.groups()))]
    if not days:
        return None
    return (min(days), max(days))


def dateline(text: str) -> dt.date | None:
    """The message date from a MUC dateline ("SAN SALVADOR, 3 JAN 90 -- ...")."""
    head = text[:120].upper()
    cut = head.find("--")
    match = MUC_DATE.search(head[: cut if cut > 0 else len(head)])
    return muc_date(*match.groups()) if match else None


def normalize_name(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text.upper()).split())


def muc_place(slot: str | None) -> str | None:
    """The most specific part of a key location slot, normalised."""
    if not slot:
        return None
    last = slot.split(":")[-1]
    last = re.sub(r"\([^)]*\)", " ", last).split("/")[0]
    return normalize_name(last) or None


def muc_type(event: Event) -> str | None:
    """MUC-4 incident type of an event (CAMEO first, then PLOVER type/mode)."""
    code = event.cameo.code if event.cameo else ""
    mode = event.plover.mode
    if code.startswith("181") or mode == "abduct":
        return "KIDNAPPING"
    if code.startswith("183") or mode in ("explosives", "suicide-attack"):
        return "BOMBING"
    if code.startswith("1712"):
        return "ARSON"  # CAMEO "destroy property": in MUC-4 property is mostly burned
    if code.startswith("171") or (event.plover.type == "COERCE" and mode == "seize"):
        return "ROBBERY"
    if code.startswith("143") or (event.plover.type == "PROTEST" and mode in ("strike", "boycott")):
        return "FORCED WORK STOPPAGE"
    if event.plover.type == "ASSAULT" or code[:2] in ("18", "19", "20"):
        return "ATTACK"
    return None


def score_muc(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    gold, total = read_gold(path, MucRecord, cap)
    articles = [Article(id=g.id, text=g.text, published=dateline(g.text)) for g in gold]
    types, places, dates = PRF(), PRF(), PRF()
    for g, record in zip(gold, ctx.records(articles, path.stem), strict=True):
        events = [e for e in record.events if e.modality == "asserted" and muc_type(e)]
        g_types = {t.incident_type.split("/")[0].strip() for t in g.templates if t.incident_type}
        c = multiset_prf(g_types, {muc_type(e) for e in events})
        types.add(c.tp, c.fp, c.fn)
        g_places = {p for t in g.templates if (p := muc_place(t.location))}
        p_places = {
            normalize_name(e.location.name or e.location.text) for e in events if e.location
        }
        c = multiset_prf(g_places, p_places)
        places.add(c.tp, c.fp, c.fn)
        ranges = {r for t in g.templates if (r := muc_date_range(t.date))}
        days = {
            d
            for e in events
            if e.date and e.date.precision == "day" and (d := parse_date(e.date.value))
        }
        hit = sum(1 for lo, hi in ranges if any(lo <= d <= hi for d in days))
        used = sum(1 for d in days if any(lo <= d <= hi for lo, hi in ranges))
        dates.add(tp=hit, fn=len(ranges) - hit, fp=len(days) - used)
    return SuiteResult(
        n=len(gold),
        total=total,
        metrics={"type_f1": types.f1, "location_f1": places.f1, "date_f1": dates.f1},
    )


# --- rams / wikievents -------------------------------------------------------------------

PARTICIPANT_ROLES = {
    "agent", "attacker", "killer", "injurer", "giver", "communicator", "participant",
    "perpetrator", "jailer", "destroyer", "damager", "damagerdestroyer", "investigator",
    "prosecutor", "preventer", "transporter", "victim", "target", "recipient", "detainee",
    "defendant", "beneficiary", "demonstrator", "yielder", "impeder", "patient", "voter",
    "employee", "spy", "inspector", "inspectedentity", "observedentity", "candidate",
}  # fmt: skip


NOWHERE = (-2, -1)  # a gold span that cleaning removed: it can match nothing


class Argument(GoldSpan):
    role: str


class SpanEvent(Gold):
    type: str
    trigger: GoldSpan
    arguments: list[Argument] = Field(default_factory=list)


class SpanRecord(Gold):
    id: str
    text: str
    events: list[SpanEvent] = Field(default_factory=list)


def score_spans(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    gold, total = read_gold(path, SpanRecord, cap)
    articles = [Article(id=g.id, text=g.text) for g in gold]
    triggers = PRF()
    args_ok = args_n = place_ok = place_n = 0
    for g, record in zip(gold, ctx.records(articles, path.stem), strict=True):
        pred = record.events
        mapper = SpanMapper(g.text, record.text, record.removed)

        def moved(span: GoldSpan, mapper: SpanMapper = mapper) -> tuple[int, int]:
            return mapper(span.start, span.end) or NOWHERE

        g_spans = [moved(e.trigger) for e in g.events]
        p_spans = [(e.evidence.trigger.start, e.evidence.trigger.end) for e in pred]
        pairs = match_spans(g_spans, p_spans)
        triggers.add(tp=len(pairs), fp=len(p_spans) - len(pairs), fn=len(g_spans) - len(pairs))
        for gi, pi in pairs:
            event = pred[pi]
            people = [(a.start, a.end) for a in event.actors + event.recipients]
            for arg in g.events[gi].arguments:
                role = arg.role.lower()
                if role in PARTICIPANT_ROLES:
                    args_n += 1
                    args_ok += any(overlaps(moved(arg), p) for p in people)
                elif role == "place":
                    place_n += 1
                    loc = event.location
                    place_ok += loc is not None and overlaps(moved(arg), (loc.start, loc.end))
    metrics = {
        "trigger_recall": triggers.recall,
        "participant_arg_recall": safe_div(args_ok, args_n),
        "place_acc": safe_div(place_ok, place_n),
    }
    if not path.stem.startswith("rams"):
        metrics["trigger_f1"] = triggers.f1
    return SuiteResult(n=len(gold), total=total, metrics=metrics)


def record_shape(path: Path) -> str:
    """Which record format a file holds, from the keys of its first record."""
    with path.open(encoding="utf-8") as lines:
        first = next((ln for ln in lines if ln.strip()), "{}")
    try:
        keys = set(json.loads(first))
    except (json.JSONDecodeError, TypeError):
        return "spans"  # read_gold reports the bad line properly
    if "articles" in keys:
        return "gva"
    if "templates" in keys:
        return "muc4"
    return "spans"


def score_file(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    shape = record_shape(path)
    if shape == "gva":
        return score_gva(path, ctx, cap)
    if shape == "muc4":
        return score_muc(path, ctx, cap)
    return score_spans(path, ctx, cap)
