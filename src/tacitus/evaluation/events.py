"""Suite ``events``: coded events (PLOVER type, CAMEO root, source/target) on gold sentences.

Matching, per text: each gold event is paired with at most one predicted event, greedily by
a compatibility score (2 for the same PLOVER type or CAMEO root, +1 for each side whose actor
keys intersect); pairs scoring 0 are not made. Then

- ``plover_type_acc``: share of gold events (with a PLOVER label) whose paired event has the
  same type. Gold labels use PLOVER 0.5 names; they are mapped to 0.8 first (DEMAND->REQUEST,
  DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT), as the data's README prescribes. A
  predicted event that is not asserted is compared by its statement type (``statement_type``):
  the gold, like the PLOVER manual, types "threatened to shell" as THREATEN.
- ``cameo_root_f1``: PETRARCH-style micro F1 over (source, target, CAMEO root) triples, one per
  source x target pair of each event; an actor is keyed by its primary CAMEO code (the first
  three letters, e.g. USA, IGO; for "---REB" style codes the role code REB), and an actor we
  left uncoded by its role (sector), the same way.
- ``source_country_f1`` / ``target_country_f1``: micro F1 of ISO alpha-3 countries of the
  paired events' actors / recipients (gold CAMEO codes through ``actors.ISO_FIXES``: JAP ->
  JPN, ITL -> ITA) (unpaired gold events count as misses, unpaired predicted
  events as false alarms).

A metric is reported only where the file has gold for it (plover_gsr has no CAMEO codes,
petr2_gsr no PLOVER labels).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from tacitus.evaluation.base import (
    Context,
    Gold,
    SuiteResult,
    parse_date,
    read_gold,
)
from tacitus.evaluation.metrics import PRF, multiset_prf
from tacitus.model import Actor, Article, Event
from tacitus.stages.actors import iso_country
from tacitus.stages.events import load_dictionary as load_cameo

OLD_PLOVER = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# Primary CAMEO codes that are not countries.
NON_COUNTRY = {"IGO", "NGO", "MNC", "IMG", "UIS", "---", "NGM", "BUS", "CVL", "GOV", "MIL"}


class GoldActor(Gold):
    text: str | None = None
    code: str | None = None
    sector: str | None = None


class GoldEvent(Gold):
    source: list[GoldActor] = Field(default_factory=list)
    target: list[GoldActor] = Field(default_factory=list)
    plover: str | None = None
    cameo: str | None = None
    mode: str | None = None


class EventsRecord(Gold):
    id: str
    text: str
    date: str | None = None
    events: list[GoldEvent] = Field(default_factory=list)


def plover_08(label: str | None) -> str | None:
    if label is None:
        return None
    label = label.upper()
    return OLD_PLOVER.get(label, label)


def code_key(code: str | None) -> str | None:
    """The primary part of a CAMEO actor code: USAGOV -> USA, ---REB -> REB."""
    if not code:
        return None
    code = code.upper()
    if code.startswith("---"):
        return code[3:6] or None
    return code[:3]


def code_country(code: str | None) -> str | None:
    """The ISO alpha-3 country of a gold CAMEO-style code (JAP -> JPN via ``iso_country``)."""
    key = code_key(code)
    if key is None or (code or "").startswith("---") or key in NON_COUNTRY:
        return None
    return iso_country(key) if key.isalpha() and len(key) == 3 else None


def statement_type(event: Event) -> str:
    """The PLOVER type in the PLOVER manual's convention, which PLOVER-GSR follows.

    The manual types an announced, threatened or refused action by the statement: "vowed to
    seize" is AGREE-like intent, "threatened to shell" THREATEN, "will not accept" REJECT. Our
    ``plover.type`` names the action and leaves that to ``modality``, while the CAMEO code
    follows CAMEO's rule (intent, threat and rejection codes). So for an event that is not
    asserted, the statement's type is the PLOVER type of its CAMEO code.
    """
    if event.modality == "asserted" or event.cameo is None:
        return event.plover.type
    info = load_cameo().info(event.cameo.code)
    return info.plover_type if info is not None else event.plover.type


def actor_key(actor: Actor) -> str | None:
    """An actor's key: its primary code, else its country, else its role (sector): an
    uncoded "Congress" (sector LEG) is keyed LEG, as PETRARCH's "---LEG" is."""
    return code_key(actor.code) or actor.country or actor.sector


def gold_keys(actors: list[GoldActor]) -> set[str]:
    return {k for a in actors if (k := code_key(a.code))}


def pred_keys(actors: list[Actor]) -> set[str]:
    return {k for a in actors if (k := actor_key(a))}


def cameo_root(code: str | None) -> str | None:
    return code[:2] if code and len(code) >= 2 else None


def compatibility(gold: GoldEvent, pred: Event) -> int:
    score = 0
    same_root = pred.cameo is not None and cameo_root(gold.cameo) == pred.cameo.root
    if plover_08(gold.plover) == statement_type(pred) or (gold.cameo and same_root):
        score += 2
    if gold_keys(gold.source) & pred_keys(pred.actors):
        score += 1
    if gold_keys(gold.target) & pred_keys(pred.recipients):
        score += 1
    return score


def pair_events(gold: list[GoldEvent], pred: list[Event]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of gold and predicted events (indices), best scores first."""
    scored = [
        (compatibility(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
    ]
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, gi, pi in scored:
        if score > 0 and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def gold_triples(event: GoldEvent) -> list[tuple[str, str, str]]:
    root = cameo_root(event.cameo) or ""
    sources = sorted(gold_keys(event.source)) or [""]
    targets = sorted(gold_keys(event.target)) or [""]
    return [(s, t, root) for s in sources for t in targets]


def pred_triples(event: Event) -> list[tuple[str, str, str]]:
    if event.cameo is None:
        return []
    sources = sorted(pred_keys(event.actors)) or [""]
    targets = sorted(pred_keys(event.recipients)) or [""]
    return [(s, t, event.cameo.root) for s in sources for t in targets]


def countries_gold(actors: list[GoldActor]) -> list[str]:
    return [c for a in actors if (c := code_country(a.code))]


def countries_pred(actors: list[Actor]) -> list[str]:
    return [a.country for a in actors if a.country]


def score_events(record: EventsRecord, pred: list[Event], counts: EventCounts) -> None:
    """Add one text's comparison to the running counts."""
    pairs = pair_events(record.events, pred)
    paired_g = {g for g, _ in pairs}
    paired_p = {p for _, p in pairs}
    partner = dict(pairs)
    for gi, gold in enumerate(record.events):
        if gold.plover is not None:
            counts.plover_n += 1
            pi = partner.get(gi)
            if pi is not None and statement_type(pred[pi]) == plover_08(gold.plover):
                counts.plover_ok += 1
    g_triples = [t for e in record.events for t in gold_triples(e)]
    p_triples = [t for e in pred for t in pred_triples(e)]
    c = multiset_prf(g_triples, p_triples)
    counts.cameo.add(c.tp, c.fp, c.fn)
    for gi, pi in pairs:
        for side, g_actors, p_actors in (
            (counts.source, record.events[gi].source, pred[pi].actors),
            (counts.target, record.events[gi].target, pred[pi].recipients),
        ):
            c = multiset_prf(countries_gold(g_actors), countries_pred(p_actors))
            side.add(c.tp, c.fp, c.fn)
    for gi, gold in enumerate(record.events):
        if gi not in paired_g:
            counts.source.add(fn=len(countries_gold(gold.source)))
            counts.target.add(fn=len(countries_gold(gold.target)))
    for pi, event in enumerate(pred):
        if pi not in paired_p:
            counts.source.add(fp=len(countries_pred(event.actors)))
            counts.target.add(fp=len(countries_pred(event.recipients)))


class EventCounts:
    def __init__(self) -> None:
        self.plover_n = 0
        self.plover_ok = 0
        self.cameo = PRF()
        self.source = PRF()
        self.target = PRF()


def score_file(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    gold, total = read_gold(path, EventsRecord, cap)
    articles = [Article(id=r.id, text=r.text, published=parse_date(r.date)) for r in gold]
    counts = EventCounts()
    for record, result in zip(gold, ctx.records(articles, path.stem), strict=True):
        score_events(record, result.events, counts)
    has_cameo = any(e.cameo for r in gold for e in r.events)
    metrics: dict[str, float] = {}
    if counts.plover_n:
        metrics["plover_type_acc"] = counts.plover_ok / counts.plover_n
    if has_cameo:
        metrics["cameo_root_f1"] = counts.cameo.f1
    metrics["source_country_f1"] = counts.source.f1
    metrics["target_country_f1"] = counts.target.f1
    return SuiteResult(n=len(gold), metrics=metrics, total=total)
