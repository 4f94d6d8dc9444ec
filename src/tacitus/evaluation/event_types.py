"""Suite ``event_types``: text classification derived from the coded events.

Tacitus does not classify texts; it codes events. Each dataset's label for a text is derived
from the events the pipeline finds in it, with the mappings below (written from the PLOVER
0.8 manual, the CAMEO 1.1b3 codebook and the ACLED codebook definitions):

- case2021_task2 (ACLED sub-event types): an event's label is its ``acled_sub_type`` (the
  `acled` stage) in CASE's names, else, for CASE's two labels outside ACLED, DIPLO (CAMEO
  036, 04x, 111, 16x) or ATTRIB (CAMEO 112) for asserted events (``case_label``); the text's
  label is that of the most confident labelled event of the earliest sentence that has one
  (news leads with its main event). No event ->
  "NONE". Labels outside event coding (NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME) can
  never be predicted; they stay in the macro average.
- glocon_protest: "protest" when any asserted (not future/negated/hypothetical) PROTEST event
  is found, else "not_protest".
- india_police (multi-label): events whose actor is police (sector COP or "police" in the
  mention) give KILL (killing: CAMEO 1823, 185/186, 20x, or a killed count), ARREST (COERCE
  arrest, CAMEO 173), FORCE (ASSAULT, CAMEO 175 repression), FAIL (a negated police event);
  ANY_ACTION when any police event is asserted or negated. ``accuracy`` is exact-set accuracy.
"""

from __future__ import annotations

from pathlib import Path

from tacitus.evaluation.base import (
    Context,
    Gold,
    SuiteResult,
    parse_date,
    read_gold,
)
from tacitus.evaluation.metrics import accuracy, macro_f1, multilabel_macro_f1
from tacitus.model import Article, Event

NO_LABEL = "NONE"

# ACLED sub-event type (the `acled` stage, ACLED's words) -> CASE 2021 label.
ACLED_TO_CASE = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}
# CASE 2021 labels outside ACLED, from the CAMEO code (longest prefix): diplomacy and
# claims of responsibility.
CAMEO_TO_CASE = {"036": "DIPLO", "04": "DIPLO", "16": "DIPLO", "111": "DIPLO", "112": "ATTRIB"}

POLICE_LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")
KILL_CAMEO = ("1823", "185", "186", "20")


class LabelRecord(Gold):
    id: str
    text: str
    label: str | None = None
    labels: list[str] | None = None
    date: str | None = None


def case_label(event: Event) -> str | None:
    """The CASE 2021 label of one coded event: its ACLED sub-type, else a CAMEO label."""
    if event.acled_sub_type is not None:
        return ACLED_TO_CASE[event.acled_sub_type]
    if event.cameo is None or event.modality != "asserted":
        return None
    code = event.cameo.code
    for size in range(len(code), 1, -1):
        if code[:size] in CAMEO_TO_CASE:
            return CAMEO_TO_CASE[code[:size]]
    return None


def text_label(events: list[Event]) -> str:
    """The label of the first sentence's most confident labelled event."""
    best: tuple[int, float, int, str] | None = None
    for event in events:
        label = case_label(event)
        if label is None:
            continue
        # News puts the main event first: the earliest sentence with a labelled event wins,
        # then the most confident event in it.
        key = (event.evidence.sentence, -event.confidence, event.evidence.trigger.start, label)
        if best is None or key < best:
            best = key
    return best[-1] if best else NO_LABEL


def is_protest(events: list[Event]) -> bool:
    return any(e.plover.type == "PROTEST" and e.modality == "asserted" for e in events)


def is_police(event: Event) -> bool:
    return any(
        a.sector == "COP" or "police" in a.text.lower() or (a.code or "")[3:6].lower() == "cop"
        for a in event.actors
    )


def police_labels(events: list[Event]) -> frozenset[str]:
    labels: set[str] = set()
    for event in events:
        if not is_police(event) or event.modality in ("future", "hypothetical"):
            continue
        labels.add("ANY_ACTION")
        if event.modality == "negated":
            labels.add("FAIL")
            continue
        code = event.cameo.code if event.cameo else ""
        killed = any(q.category == "killed" for q in event.quantities)
        if killed or code.startswith(KILL_CAMEO):
            labels.add("KILL")
        if code.startswith("173") or event.plover.mode == "arrest":
            labels.add("ARREST")
        if event.plover.type == "ASSAULT" or code.startswith("175"):
            labels.add("FORCE")
    return frozenset(labels)


def score_file(path: Path, ctx: Context, cap: int | None) -> SuiteResult:
    gold, total = read_gold(path, LabelRecord, cap)
    articles = [Article(id=r.id, text=r.text, published=parse_date(r.date)) for r in gold]
    predicted = [r.events for r in ctx.records(articles, path.stem)]
    if path.stem == "india_police":
        g_sets = [frozenset(r.labels or []) for r in gold]
        p_sets = [police_labels(events) for events in predicted]
        return SuiteResult(
            n=len(gold),
            total=total,
            metrics={
                "macro_f1": multilabel_macro_f1(g_sets, p_sets, POLICE_LABELS),
                "accuracy": accuracy(zip(g_sets, p_sets, strict=True)),
            },
        )
    g_labels = [r.label or NO_LABEL for r in gold]
    if path.stem == "glocon_protest":
        p_labels = ["protest" if is_protest(ev) else "not_protest" for ev in predicted]
    else:
        p_labels = [text_label(ev) for ev in predicted]
    return SuiteResult(
        n=len(gold),
        total=total,
        metrics={
            "macro_f1": macro_f1(g_labels, p_labels, g_labels),
            "accuracy": accuracy(zip(g_labels, p_labels, strict=True)),
        },
    )
