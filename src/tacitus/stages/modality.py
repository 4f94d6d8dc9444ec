"""Stage `modality`: asserted | negated | future | hypothetical, read from the parse.

For each event the trigger token and the verbs it hangs from (up to the clause that reports
it) are inspected:

- negated: "not", "never", "n't", "no longer" on the trigger (or on the control verb of an
  infinitive: "did not agree to send"), or the trigger under "deny/fail/refuse/decline to",
  or the complement of "deny" ("denied attacking", "denied that it attacked");
- hypothetical: the trigger's clause is an if/unless/whether clause, or carries could/would/
  might/may/should; but "would" in the complement of a reporting verb with no condition of
  its own is the reported "will" of past-tense speech, so future ("said they would boycott");
- future: will/shall/'ll, "going to", or the trigger is the infinitive of an intention verb
  (vow, pledge, promise, plan, intend, threaten, aim, expect, agree, decide, offer, prepare,
  seek, want: "vowed to seize Mosul") or of an adjective of intention ("is ready to lift").

Negation wins over hypothetical, hypothetical over future ("would not attack" is negated).

Coding decisions (DESIGN.md): the PLOVER type stays that of the action ("will send troops" is
AID, modality future). The CAMEO code follows CAMEO's rule for intentions: an announced,
pledged or planned action is coded in CAMEO's "express intent" / "threaten" families, so
GDELT users get what they expect:

- future cooperation -> 03x: 06x -> 031x, 07x -> 033x (072 -> 0332), 04x -> 036 (045 -> 039),
  05x -> 032, 08x -> 035x (083x -> 034x);
- future coercion or force, or any action under "threaten to" -> 13x: 14x -> 133,
  16x -> 131x (161 -> 1313, 162 -> 1311, 163 -> 1312, 164 -> 134, 165 -> 135, 166 -> 136),
  17x -> 13x (172 -> 132, 175 -> 137, otherwise 130), 18x -> 1383, 19x -> 138 (191 -> 1381,
  192 -> 1382, 193-195 -> 1384), 20x -> 1385 for 204, otherwise 1383;
- verbal codes (02, 03, 09-13) and 15x (mobilisation) are already statements: unchanged;
- negated cooperation is coded as CAMEO's rejection (12x), as CAMEO codes "will not provide
  aid", "refused to meet": 06x -> 121x, 07x -> 122x, 04x -> 125 (045 -> 126), 057 -> 127,
  08x -> 124x (083x -> 123x), other 05x -> 120, and refused intentions alike (03x: 0334 ->
  1224, 036 -> 125); negated conflict ("did not attack") and
  hypothetical events keep their code (the modality field says so).

Goldstein and QuadClass follow the new code (GDELT table, ``data/cameo/codes.json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from tacitus.model import CameoCode, Document, Event, Modality
from tacitus.stages.registry import StageFn, stage
from tacitus.vocabulary import (
    FUTURE_AUX,
    INTENTION_ADJECTIVES,
    INTENTION_VERBS,
    REPORTING_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody"})
NEGATING_VERBS = frozenset({"deny", "fail", "refuse", "decline", "reject", "avoid"})
HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "'d"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
THREAT_VERBS = frozenset({"threaten"})
_INTENTION_WORDS = INTENTION_VERBS | INTENTION_ADJECTIVES
# How far up the parse an infinitive chain is followed ("vowed to try to seize").
_MAX_DEPTH = 4


@dataclass(frozen=True)
class Reading:
    modality: Modality
    threat: bool  # the action is threatened: CAMEO 13x


def _children_lower(token: Token) -> set[str]:
    return {c.lower_ for c in token.children}


def _is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in token.children):
        return True
    return any(c.lower_ == "longer" and "no" in _children_lower(c) for c in token.children)


def _aux(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}


def _is_going_to(token: Token) -> bool:
    # "is going to send": send <-xcomp- going (with a be-auxiliary)
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lower_ == "going"
        and any(c.lemma_ == "be" for c in head.children if c.dep_ == "aux")
    )


def _chain(trigger: Token) -> Iterator[Token]:
    """The trigger, then the verbs whose infinitive complement it is ("vowed to seize")."""
    token = trigger
    yield token
    for _ in range(_MAX_DEPTH):
        # An adjective of intention hangs from its copula: "will be ready to send".
        climbs = token.dep_ in {"xcomp", "conj"} or (token.dep_ == "acomp" and token.pos_ == "ADJ")
        if not climbs or token.head.i == token.i:
            return
        token = token.head
        yield token


def _is_conditional(token: Token) -> bool:
    """The clause of ``token`` carries an if/unless condition ("would meet him if ...")."""
    return any(
        c.dep_ == "advcl" and any(m.lower_ in HYPOTHETICAL_MARKS for m in c.children)
        for c in token.children
    )


def _is_reported_future(token: Token) -> bool:
    """ "said they would boycott": the reported "will" of past-tense speech, not a condition.

    True when the clause with "would" is the complement of a reporting verb and has no
    if/unless condition of its own.
    """
    return (
        token.dep_ == "ccomp"
        and token.head.lemma_.lower() in REPORTING_VERBS
        and not _is_conditional(token)
    )


_UNREAL_NOUN_MODIFIERS = frozenset({"possible", "potential", "hypothetical", "feared"})
_FUTURE_NOUN_MODIFIERS = frozenset(
    {"planned", "proposed", "threatened", "imminent", "future", "upcoming", "prospective"}
)


def read_modality(trigger: Token) -> Reading:
    """The modality of the event whose trigger is ``trigger``."""
    negated = hypothetical = future = threat = False
    chain = list(_chain(trigger))
    # "a possible attack", "the planned strike": an event noun its modifier says is not (yet)
    # real
    if trigger.pos_ == "NOUN":
        modifiers = {c.lower_ for c in trigger.children if c.dep_ == "amod"}
        hypothetical = bool(modifiers & _UNREAL_NOUN_MODIFIERS)
        future = bool(modifiers & _FUTURE_NOUN_MODIFIERS)
    # "denied attacking", "denied that it attacked": the denial negates the action.
    if trigger.dep_ in {"xcomp", "ccomp"} and trigger.head.lemma_.lower() in NEGATING_VERBS:
        negated = True
    for depth, token in enumerate(chain):
        aux = _aux(token)
        negated = negated or _is_negated(token)
        if depth > 0 and token.lemma_.lower() in NEGATING_VERBS:
            negated = True
        if aux & HYPOTHETICAL_AUX:
            if aux & HYPOTHETICAL_AUX == {"would"} and _is_reported_future(token):
                future = True
            else:
                hypothetical = True
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in token.children
        ):
            hypothetical = True
        if aux & FUTURE_AUX or _is_going_to(token):
            future = True
        if depth > 0 and token.lemma_.lower() in _INTENTION_WORDS:
            future = True
            threat = threat or token.lemma_.lower() in THREAT_VERBS
    modality: Modality = (
        "negated"
        if negated
        else "hypothetical"
        if hypothetical
        else "future"
        if future
        else "asserted"
    )
    return Reading(modality, threat)


# --- CAMEO's coding of intentions -------------------------------------------------------

_COOPERATION = {
    "060": "031",
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "070": "033",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "075": "0333",
    "045": "039",
    "050": "032",
    "080": "035",
    "081": "0351",
    "082": "0352",
    "083": "034",
    "0831": "0341",
    "0832": "0342",
    "0833": "0343",
    "0834": "0344",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
}
_THREAT = {
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "136",
    "172": "132",
    "175": "137",
    "191": "1381",
    "192": "1382",
    "193": "1384",
    "194": "1384",
    "195": "1384",
    "204": "1385",
}
_THREAT_ROOTS = {"14": "133", "16": "131", "17": "130", "18": "1383", "19": "138", "20": "1383"}


def intent_code(code: str, *, threat: bool) -> str:
    """The CAMEO code of an announced/intended ``code`` (``threat``: under "threaten to")."""
    root = code[:2]
    if root in _THREAT_ROOTS:
        return next((_THREAT[code[:n]] for n in (4, 3) if code[:n] in _THREAT), _THREAT_ROOTS[root])
    if threat:
        return code  # "threatened to send aid" is unusual; keep the action's code
    if root == "04":
        return _COOPERATION.get(code[:3], "036")
    if root == "05":
        return "032"
    for n in (4, 3):
        if code[:n] in _COOPERATION:
            return _COOPERATION[code[:n]]
    return code


_REJECTION = {
    # refused intentions ("refused to deploy peacekeepers", coded 0334 by the dictionary)
    "030": "120",
    "031": "121",
    "0311": "1211",
    "0312": "1212",
    "0313": "1213",
    "0314": "1214",
    "032": "120",
    "033": "122",
    "0331": "1221",
    "0332": "1222",
    "0333": "1223",
    "0334": "1224",
    "034": "123",
    "0341": "1231",
    "0342": "1232",
    "0343": "1233",
    "0344": "1234",
    "035": "124",
    "036": "125",
    "037": "127",
    "038": "126",
    "039": "126",
    "060": "121",
    "061": "1211",
    "062": "1212",
    "063": "1213",
    "064": "1214",
    "070": "122",
    "071": "1221",
    "072": "1222",
    "073": "1223",
    "074": "1224",
    "075": "122",
    "045": "126",
    "057": "127",
    "080": "124",
    "081": "1241",
    "082": "1242",
    "083": "123",
    "0831": "1231",
    "0832": "1232",
    "0833": "1233",
    "0834": "1234",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}


def rejection_code(code: str) -> str:
    """The CAMEO code of refused/negated cooperation ``code`` (conflict codes unchanged)."""
    for n in (4, 3):
        if code[:n] in _REJECTION:
            return _REJECTION[code[:n]]
    root = code[:2]
    if root == "04":
        return "125"
    if root == "05":
        return "120"
    return code


@dataclass(frozen=True)
class GoldsteinTable:
    rows: dict[str, tuple[float, int]]

    def cameo(self, code: str) -> CameoCode | None:
        for n in range(len(code), 1, -1):
            if code[:n] in self.rows:
                goldstein, quad = self.rows[code[:n]]
                return CameoCode(code=code, root=code[:2], quad_class=quad, goldstein=goldstein)
        return None


@lru_cache(maxsize=1)
def load_table() -> GoldsteinTable:
    path = resources.files("tacitus.data") / "cameo" / "codes.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return GoldsteinTable(
        {k: (float(v["goldstein"]), int(v["quad_class"])) for k, v in raw.items()}
    )


def _trigger_token(doc: SpacyDoc, event: Event) -> Token | None:
    span = doc.char_span(
        event.evidence.trigger.start, event.evidence.trigger.end, alignment_mode="expand"
    )
    return span.root if span is not None and len(span) else None


def apply_modality(doc: SpacyDoc, events: list[Event], table: GoldsteinTable) -> None:
    """Set ``modality`` on every event and recode intended actions (see module docstring)."""
    for event in events:
        token = _trigger_token(doc, event)
        if token is None:
            continue
        reading = read_modality(token)
        event.modality = reading.modality
        if event.cameo is None:
            continue
        code = event.cameo.code
        if reading.modality == "negated":
            code = rejection_code(code)
        elif reading.modality == "future" or reading.threat:
            code = intent_code(code, threat=reading.threat)
        if code != event.cameo.code and (recoded := table.cameo(code)) is not None:
            event.cameo = recoded


@stage("modality", reads=("spacy", "events"), writes=("events.modality", "events.cameo"))
def make_modality() -> StageFn:
    table = load_table()

    def run(doc: Document) -> None:
        apply_modality(doc.parsed, doc.events, table)

    return run
