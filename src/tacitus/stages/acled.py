"""Stage `acled`: the ACLED event type and sub-event type of each event, where one applies.

ACLED (the Armed Conflict Location & Event Data project) codes six event types with 25
sub-event types (ACLED codebook, 2023). Its users filter by them, so every asserted event
that falls in ACLED's scope gets ``acled_type`` and ``acled_sub_type``, written with ACLED's
own names. Announced, hypothetical and denied events get none: ACLED records what happened.

An event's sub-type is read from its CAMEO code and its sentence, in this order:

1. CAMEO 14x (protest): "Riots / Mob violence" with a mob or vigilante word; "Riots /
   Violent demonstration" for CAMEO 145 or rioting words (stones, torched, clashed); else
   "Protests / Protest with intervention" when the sentence tells of police dispersing,
   tear gas or arrests; else "Protests / Peaceful protest".
2. CAMEO 175 (violent repression): "Protests / Excessive force against protesters" when
   people are killed, wounded or shot at; else "Protests / Protest with intervention".
3. Physical violence (CAMEO 18x, 19x, 20x) by weapon, whatever the code says, from the
   sentence's words: chemical agents -> "Chemical weapon"; suicide bombers -> "Suicide bomb";
   aircraft and drones (or CAMEO 195) -> "Air/drone strike"; shells, artillery, mortars,
   rockets, missiles (or CAMEO 194) -> "Shelling/artillery/missile attack"; grenades ->
   "Grenade"; roadside bombs, IEDs, landmines, car bombs, explosions (or CAMEO 183) ->
   "Remote explosive/landmine/IED". All are "Explosions/Remote violence".
4. Other violence: CAMEO 192 (occupy territory) is "Battles / Government regains territory"
   when a state force (sector MIL, GOV, COP, SPY) acts, else "Non-state actor overtakes
   territory"; rape or CAMEO 1821 -> "Violence against civilians / Sexual violence";
   CAMEO 181 -> ".../Abduction/forced disappearance"; a mob -> "Riots / Mob violence";
   state forces using violence in a sentence about protesters -> "Protests / Excessive
   force against protesters";
   rioters, protesters or crowds acting -> "Riots / Violent demonstration"; looting and arson
   words with no armed target -> "Strategic developments / Looting/property destruction";
   a clash between armed actors (an armed target, or a sentence that tells of fighting and
   no civilian target) -> "Battles / Armed clash"; otherwise "Violence against civilians /
   Attack".
5. Coercion and cooperation: arrests (CAMEO 173, 174) -> "Strategic developments / Arrests",
   but "Protests / Protest with intervention" when the sentence is about a protest;
   seizing or defusing weapons, ammunition or explosives -> "Disrupted weapons use"; other
   seizures and destruction of property (1711, 1712) -> "Looting/property destruction";
   agreements and ceasefires (057, 0871, or a cooperative code, 03-08, in a sentence about a
   ceasefire, truce, peace deal or prisoner exchange) -> "Agreement"; a military withdrawal
   (0874) -> "Non-violent transfer of territory"; armed actors mobilising (15x) or setting up
   a base, post or headquarters -> "Headquarters or base established".

Everything else (statements, meetings, aid) is outside ACLED's scope: both fields None.
"""

from __future__ import annotations

import re

from tacitus.model import AcledSubType, AcledType, Actor, Document, Event
from tacitus.stages.registry import StageFn, stage

COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
STATE_SECTORS = frozenset({"MIL", "GOV", "COP", "SPY"})
ARMED_SECTORS = STATE_SECTORS | {"REB", "INS", "UAF", "IMG", "SEP"}
CIVILIAN_SECTORS = frozenset(
    {"CVL", "PPL", "OPP", "EDU", "MED", "HLH", "REF", "LAB", "BUS", "REL", "AGR", "JUD"}
)


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


CHEMICAL = _words(r"chemical", r"sarin", r"chlorine", r"mustard gas", r"nerve (?:agent|gas)")
SUICIDE = _words(r"suicide", r"self-immolat\w*", r"blew (?:himself|herself|themselves) up")
AERIAL = _words(
    r"air ?strikes?", r"air raids?", r"warplanes?", r"fighter jets?", r"jets?",
    r"helicopters?", r"gunships?", r"drones?", r"aircraft", r"bombers", r"air force",
    r"aerial", r"barrel bombs?",
)  # fmt: skip
SHELLING = _words(
    r"shell(?:s|ed|ing)?", r"artillery", r"mortars?", r"rockets?", r"missiles?",
    r"howitzers?", r"barrages?", r"katyushas?", r"projectiles?",
)  # fmt: skip
GRENADE = _words(r"grenades?")
EXPLOSIVE = _words(
    r"ieds?", r"improvised explosive", r"roadside bombs?", r"car bombs?", r"landmines?",
    r"land mines?", r"explosive devices?", r"bombs?", r"bombings?", r"explosions?",
    r"blasts?", r"explod\w+", r"detonat\w+", r"booby[- ]trap\w*", r"explosives",
)  # fmt: skip
SEXUAL = _words(r"rap(?:e|ed|es|ing)", r"sexual(?:ly)?", r"sexually assault\w*")
MOB = _words(r"mobs?", r"lynch\w*", r"vigilantes?")
RIOTING = _words(
    r"riot\w*", r"stones?", r"stone-throwing", r"rocks", r"torch(?:ed|ing)", r"set fire",
    r"clash(?:ed|es)", r"petrol bombs?", r"molotov", r"vandali[sz]\w*", r"violent",
)  # fmt: skip
INTERVENTION = _words(
    r"tear ?gas", r"water cannons?", r"rubber bullets", r"dispers\w+", r"batons?",
    r"arrest\w*", r"detain\w*", r"broke up", r"break up",
)  # fmt: skip
LOOTING = _words(
    r"loot\w*", r"ransack\w*", r"vandali[sz]\w*", r"torch(?:ed|ing)", r"set (?:on )?fire",
    r"arson", r"burn(?:ed|t|ing) down", r"plunder\w*",
)  # fmt: skip
WEAPONS = _words(
    r"weapons?", r"arms", r"ammunition", r"rifles?", r"pistols?", r"guns?", r"bullets",
    r"rounds", r"explosives", r"ieds?", r"landmines?", r"bombs?", r"grenades?", r"caches?",
    r"munitions?", r"detonators?",
)  # fmt: skip
DEFUSING = _words(r"defus\w+", r"dismantl\w+", r"disarm\w*", r"neutrali[sz]\w*", r"deactivat\w+")
LETHAL = _words(
    r"killed", r"killing", r"shot dead", r"live (?:ammunition|rounds|fire)", r"opened fire",
    r"died", r"dead", r"wounded", r"injured",
)  # fmt: skip
RIOTERS = _words(r"rioters?", r"protesters?", r"demonstrators?", r"mobs?", r"crowds?")
PROTESTING = _words(
    r"protest\w*", r"demonstrat\w+", r"rall(?:y|ies|ied)", r"marche(?:d|rs)", r"sit-ins?",
    r"activists",
)  # fmt: skip
BASE = _words(
    r"bases?", r"headquarters", r"outposts?", r"camps?", r"garrisons?", r"observation posts?",
    r"observation points?", r"posts", r"checkpoints?",
)  # fmt: skip
ESTABLISHING = _words(r"set(?:s|ting)? up", r"establish\w*", r"buil[dt]\w*", r"open(?:s|ed)?")
CLASH = _words(
    r"clash\w*", r"fight(?:s|ing)?", r"fought", r"battl\w+", r"gunfights?", r"firefights?",
    r"exchange[sd]? of fire", r"exchanged fire", r"skirmish\w*", r"engag(?:ed|ement)",
)  # fmt: skip
AGREEMENT = _words(
    r"cease-?fires?", r"truces?", r"peace (?:deal|accord|agreement|treaty)", r"agreements?",
    r"prisoner (?:exchange|swap)s?", r"exchange of prisoners", r"exchanged prisoners",
    r"armistice",
)  # fmt: skip

Label = tuple[AcledType, AcledSubType]


def _sectors(actors: list[Actor]) -> set[str]:
    out = set()
    for a in actors:
        if a.sector:
            out.add(a.sector)
        code = a.code or ""
        out.update(code[i : i + 3] for i in range(0, len(code), 3))
    return out


def _casualties(event: Event) -> bool:
    return any(q.category in ("killed", "injured") for q in event.quantities)


def _armed(actors: list[Actor]) -> bool:
    return bool(_sectors(actors) & ARMED_SECTORS)


def _civilian(actors: list[Actor]) -> bool:
    """Targets that are people, not forces: civilians, or people not coded as armed."""
    if not actors:
        return False
    if _armed(actors):
        return False
    return bool(_sectors(actors) & CIVILIAN_SECTORS) or all(
        a.kind in ("person", "group", "unknown") for a in actors
    )


def _weapon(code: str, sentence: str) -> AcledSubType | None:
    if code.startswith("204") or CHEMICAL.search(sentence):
        return "Chemical weapon"
    if code.startswith("1831") or SUICIDE.search(sentence):
        return "Suicide bomb"
    if code.startswith("195") or AERIAL.search(sentence):
        return "Air/drone strike"
    if code.startswith("194") or SHELLING.search(sentence):
        return "Shelling/artillery/missile attack"
    if GRENADE.search(sentence):
        return "Grenade"
    if code.startswith("183") or EXPLOSIVE.search(sentence):
        return "Remote explosive/landmine/IED"
    return None


def _protest(code: str, sentence: str) -> Label:
    if MOB.search(sentence):
        return "Riots", "Mob violence"
    if code.startswith("145") or RIOTING.search(sentence):
        return "Riots", "Violent demonstration"
    if INTERVENTION.search(sentence):
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _violence(event: Event, code: str, sentence: str) -> Label:
    if (weapon := _weapon(code, sentence)) is not None:
        return "Explosions/Remote violence", weapon
    if code.startswith("192"):
        if _sectors(event.actors) & STATE_SECTORS:
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if code.startswith("1821") or SEXUAL.search(sentence):
        return "Violence against civilians", "Sexual violence"
    if code.startswith("181"):
        return "Violence against civilians", "Abduction/forced disappearance"
    if any(MOB.search(a.text) for a in event.actors):
        return "Riots", "Mob violence"
    if _sectors(event.actors) & STATE_SECTORS and PROTESTING.search(sentence):
        return "Protests", "Excessive force against protesters"
    if any(RIOTERS.search(a.text) for a in event.actors):
        return "Riots", "Violent demonstration"
    if LOOTING.search(sentence) and not _armed(event.recipients):
        return "Strategic developments", "Looting/property destruction"
    # A clash needs two armed sides: an armed target, or a sentence telling of fighting.
    if _armed(event.recipients) or (CLASH.search(sentence) and not _civilian(event.recipients)):
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


def acled_label(event: Event, sentence: str) -> Label | None:
    """ACLED (type, sub-type) of one event read in its sentence; None outside ACLED."""
    if event.modality != "asserted" or event.cameo is None:
        return None
    code = event.cameo.code
    root = code[:2]
    if code.startswith("175"):
        if LETHAL.search(sentence) or _casualties(event):
            return "Protests", "Excessive force against protesters"
        return "Protests", "Protest with intervention"
    if root == "14":
        return _protest(code, sentence)
    if root in ("18", "19", "20"):
        return _violence(event, code, sentence)
    if root == "17":
        if code.startswith(("173", "174")):
            if PROTESTING.search(sentence):
                return "Protests", "Protest with intervention"  # arrests at a protest
            return "Strategic developments", "Arrests"
        if WEAPONS.search(sentence) and code.startswith("171"):
            return "Strategic developments", "Disrupted weapons use"
        if code.startswith(("1711", "1712")) or LOOTING.search(sentence):
            return "Strategic developments", "Looting/property destruction"
        return None
    if DEFUSING.search(sentence) and WEAPONS.search(sentence):
        return "Strategic developments", "Disrupted weapons use"
    if code.startswith(("057", "0871")) or (
        root in COOPERATIVE_ROOTS and AGREEMENT.search(sentence)
    ):
        return "Strategic developments", "Agreement"
    if code.startswith("0874"):
        return "Strategic developments", "Non-violent transfer of territory"
    if (
        (root == "15" or ESTABLISHING.search(sentence))
        and BASE.search(sentence)
        and _armed(event.actors)
    ):
        return "Strategic developments", "Headquarters or base established"
    return None


def label_events(text: str, events: list[Event]) -> None:
    """Set ``acled_type``/``acled_sub_type`` on every event (None outside ACLED's scope)."""
    for event in events:
        sentence = text[event.evidence.start : event.evidence.end]
        label = acled_label(event, sentence)
        event.acled_type, event.acled_sub_type = label if label else (None, None)


@stage("acled", reads=("events",), writes=("events.acled_type", "events.acled_sub_type"))
def make_acled() -> StageFn:
    def run(doc: Document) -> None:
        label_events(doc.text, doc.events)

    return run
