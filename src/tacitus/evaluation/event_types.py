"""Suite ``event_types``: text classification derived from the coded events.

Tacitus does not classify texts; it codes events. Each dataset's label for a text is derived
from the events the pipeline finds in it, with the mappings below (written from the PLOVER
0.8 manual, the CAMEO 1.1b3 codebook and the ACLED codebook definitions):

- case2021_task2 (ACLED sub-event types): every event gets a label from its CAMEO code (most
  specific prefix first), else its PLOVER type and mode (``acled_label``); the text's label
  is that of its most confident labelled event (ties: the earliest). No event -> "NONE".
  Labels with no event-coding counterpart (NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME,
  CHANGE_TO_GROUP_ACT, DISR_WEAP, MOB_VIOL, OTHER) can never be predicted; they stay in the
  macro average.
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

# CAMEO code prefix -> ACLED sub-event type; the longest matching prefix wins.
CAMEO_TO_ACLED = {
    "036": "DIPLO",
    "04": "DIPLO",
    "057": "AGREEMENT",
    "06": "AGREEMENT",
    "0871": "NON_VIOL_TERRIT_TRANSFER",
    "112": "ATTRIB",
    "14": "PEACE_PROTEST",
    "145": "VIOL_DEMONSTR",
    "1711": "ARREST",
    "1712": "PROPERTY_DISTRUCT",
    "173": "ARREST",
    "175": "FORCE_AGAINST_PROTEST",
    "18": "ATTACK",
    "181": "ABDUCT_DISSAP",
    "1821": "SEX_VIOL",
    "183": "REM_EXPLOS",
    "1831": "SUIC_BOMB",
    "19": "ARMED_CLASH",
    "192": "NON_STATE_ACTOR_OVERTAKES_TER",
    "194": "ART_MISS_ATTACK",
    "195": "AIR_STRIKE",
    "20": "ATTACK",
    "204": "CHEM_WEAP",
}
# (PLOVER type, mode) -> label; mode None is the type's default.
PLOVER_TO_ACLED = {
    ("ASSAULT", None): "ATTACK",
    ("ASSAULT", "abduct"): "ABDUCT_DISSAP",
    ("ASSAULT", "sexual"): "SEX_VIOL",
    ("ASSAULT", "suicide-attack"): "SUIC_BOMB",
    ("ASSAULT", "explosives"): "REM_EXPLOS",
    ("ASSAULT", "firearms"): "ARMED_CLASH",
    ("ASSAULT", "heavy-weapons"): "ART_MISS_ATTACK",
    ("ASSAULT", "aerial"): "AIR_STRIKE",
    ("ASSAULT", "drone"): "AIR_STRIKE",
    ("ASSAULT", "unconventional"): "CHEM_WEAP",
    ("ASSAULT", "seize"): "PROPERTY_DISTRUCT",
    ("PROTEST", None): "PEACE_PROTEST",
    ("PROTEST", "riot"): "VIOL_DEMONSTR",
    ("COERCE", "arrest"): "ARREST",
    ("COERCE", "seize"): "NON_STATE_ACTOR_OVERTAKES_TER",
    ("CONSULT", None): "DIPLO",
    ("AGREE", None): "AGREEMENT",
    ("SUPPORT", None): "AGREEMENT",
    ("COOPERATE", None): "AGREEMENT",
    ("RETREAT", None): "NON_VIOL_TERRIT_TRANSFER",
    ("MOBILIZE", None): "HQ_ESTABLISHED",
    ("ACCUSE", None): "ATTRIB",
}
# Government forces that take territory: ACLED's "government regains territory".
STATE_SECTORS = {"MIL", "GOV", "COP", "SPY"}

POLICE_LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")
KILL_CAMEO = ("1823", "185", "186", "20")


class LabelRecord(Gold):
    id: str
    text: str
    label: str | None = None
    labels: list[str] | None = None
    date: str | None = None


def acled_label(event: Event) -> str | None:
    """The ACLED sub-event type of one coded event, or None."""
    label = None
    if event.cameo is not None:
        code = event.cameo.code
        for size in range(len(code), 1, -1):
            if code[:size] in CAMEO_TO_ACLED:
                label = CAMEO_TO_ACLED[code[:size]]
                break
    if label is None:
        mode = event.plover.mode
        label = PLOVER_TO_ACLED.get((event.plover.type, mode)) or PLOVER_TO_ACLED.get(
            (event.plover.type, None)
        )
    if label == "NON_STATE_ACTOR_OVERTAKES_TER" and any(
        a.sector in STATE_SECTORS for a in event.actors
    ):
        label = "GOV_REGAINS_TERIT"
    return label


def text_label(events: list[Event]) -> str:
    """The label of the most confident labelled event (earliest on ties)."""
    best: tuple[float, int, str] | None = None
    for event in events:
        label = acled_label(event)
        if label is None:
            continue
        key = (-event.confidence, event.evidence.trigger.start, label)
        if best is None or key < best:
            best = key
    return best[2] if best else NO_LABEL


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
    ctx.require_stages("actors", "events")
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
