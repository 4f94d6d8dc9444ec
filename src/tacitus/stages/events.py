"""Stage `events`: event triggers in the dependency parse -> CAMEO/PLOVER-coded events.

A trigger is a verb (or one of a few event nouns, see ``NOMINAL_TRIGGERS``) whose lemma is in
the CAMEO verb dictionary (``data/cameo/verbs.json``, converted from PETRARCH's
``CAMEO.2.0.txt``). It is coded by the most specific dictionary pattern that matches its
dependents (words before the verb, object words, prepositional groups: "send troops" -> 072,
"meet ... for talks" -> 036); without a matching pattern, by the verb's or its block's default
code. A pattern coded ``---`` ("seize the opportunity") or a verb without any code makes no
event. CAMEO 01 (statements: "said", "added") makes no event: PLOVER drops it.

Actors are the actor mentions (``doc.actors``) in the subject (or the passive "by"-agent),
with conjuncts and appositions; subjectless verbs (xcomp, conj, advcl, "after driving ...")
take the subject of the verb they hang from (a subjectless passive takes it as recipient:
"hospitalized after being shot"), object-control xcomps ("help X to recapture")
take that verb's object. Recipients are the mentions in the object, the passive subject, and
prepositional objects of to/against/with/from/on/into/toward(s) (also on the object noun:
"send troops to Iraq", "lifted the ban on X"); in CAMEO's transfer roots (03, 06, 07, 08,
15) the object words a pattern matched name what is given ("send troops"), not a recipient.
Verbs under speech verbs are coded like any other verb, so "forces said they recaptured the
airbase" yields the recapture with subject "they" (resolved by `actors`). An event is emitted
only when it has at least one actor or recipient, except an anchored event noun of violence
or protest ("killed in grenade attacks on a restaurant", see ``_unattributed_violence``).

A capture-type verb (CAMEO 171x, "seize/capture/take") whose object is a place (a GPE/LOC/FAC
entity or a settlement/base noun) is coded 192 "occupy territory", as CAMEO's own INVADE
patterns do for towns and bases.

Intention verbs ("vow/pledge/agree/plan/threaten ... to X") make no event of their own when X
is coded: X is the event and `modality` marks it. Otherwise the intention verb keeps its code.

Confidence: 0.4, +0.2 when a dictionary pattern (not just the verb's default) matched,
+0.2 with an actor, +0.1 with a recipient, -0.1 for a nominal trigger, -0.1 for a trigger in
a relative/adverbial clause or prepositional complement (background, roles read less
reliably); clipped to 0.05..0.95. It ranks events; it is not a calibrated probability.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from tacitus.model import (
    Actor,
    Attribution,
    CameoCode,
    Document,
    Event,
    Evidence,
    PloverCode,
    Span,
)
from tacitus.stages.registry import StageFn, stage
from tacitus.vocabulary import INTENTION_VERBS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Deps whose subtrees are not part of the noun phrase that names an actor.
_NP_EXCLUDE = {"relcl", "acl", "advcl", "punct", "cc", "prep", "appos", "conj"}
# On the object noun: "send troops to Iraq", "lift the ban on X", "rejected calls by X",
# "dismissed an appeal from X" (whose call or appeal it is, is who is rejected).
_OBJECT_NOUN_PREPS = {"to", "with", "on", "against", "by", "from"}
_LOCATIVE_PREPS = {"in", "into", "at", "from", "inside"}
# CAMEO roots of verbal interaction: "demanded that the US match ...": the US is the target.
_VERBAL_ROOTS = frozenset({"02", "10", "11", "12", "13"})
_RECIPIENT_PREPS = {"to", "against", "with", "from", "on", "into", "toward", "towards", "upon"}
_SUBJECT_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
_OBJECT_DEPS = {"dobj", "dative", "obj", "iobj"}
_BACKGROUND_DEPS = {"relcl", "acl", "advcl", "pcomp", "pobj"}
_RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
_INHERIT_DEPS = {"xcomp", "conj", "advcl", "pcomp"}
# CAMEO roots of transfer (intend to provide, cooperate materially, aid, yield, mobilise):
# there a pattern's object words name what is given ("send troops to Iraq"), not the
# recipient. Elsewhere the object is the target ("arrested 25 protesters").
THEME_ROOTS = frozenset({"03", "06", "07", "08", "15"})
# Verbs of intention, and of attempt: with a coded complement the complement is the event.
COMPLEMENT_VERBS = INTENTION_VERBS | {"try", "attempt"}
REFUSAL_VERBS = frozenset({"refuse", "decline", "reject", "deny", "fail"})
# Verbs whose infinitive complement, when coded, is the event ("vowed to seize").
COMPLEMENT_HEADS = COMPLEMENT_VERBS | REFUSAL_VERBS
# Nouns that name an event: the dictionary verb that codes them, or (digits) the CAMEO code
# itself where the verb would mislead ("talks" are negotiations, not the verb "talk";
# a "strike" by workers is not the verb "strike").
NOMINAL_TRIGGERS: dict[str, str] = {
    "attack": "attack",
    "assault": "assault",
    "raid": "raid",
    "offensive": "attack",
    "airstrike": "195",
    "bombing": "bomb",
    "shelling": "shell",
    "invasion": "invade",
    "ambush": "ambush",
    "clash": "190",
    "fighting": "190",
    "visit": "visit",
    "meeting": "meet",
    "summit": "043",
    "talks": "046",
    "negotiation": "046",
    "mediation": "045",
    "protest": "protest",
    "demonstration": "demonstrate",
    "rally": "141",
    "march": "141",
    "strike": "143",
    "walkout": "143",
    "riot": "145",
    "rioting": "145",
    "blockade": "191",
    "sanction": "163",
    "embargo": "163",
    "investigation": "090",
    "probe": "090",
    "inquiry": "090",
    "withdrawal": "withdraw",
    "pullout": "withdraw",
    "pullback": "withdraw",
    "suspension": "160",
    "arrest": "arrest",
    "crackdown": "175",
    "kidnapping": "kidnap",
    "abduction": "abduct",
    "assassination": "assassinate",
    "massacre": "massacre",
    "killing": "kill",
    "murder": "murder",
    "slaying": "slay",
    "shooting": "shoot",
    "stabbing": "stab",
    "shootout": "190",
    "gunfight": "190",
    "firefight": "190",
    "execution": "1823",
}
# Modifier + noun pairs that name a more specific event than the noun alone.
NOMINAL_COMPOUNDS: dict[tuple[str, str], str] = {
    ("hunger", "strike"): "142",
    ("air", "strike"): "195",
    ("missile", "strike"): "195",
    ("drone", "strike"): "195",
    ("rocket", "attack"): "195",
    ("air", "raid"): "195",
    ("suicide", "bombing"): "1831",
    ("car", "bombing"): "183",
    ("suicide", "attack"): "1831",
    # an injury that says how it was dealt: someone was shot or stabbed (``_injury_roles``)
    ("gunshot", "wound"): "190",
    ("bullet", "wound"): "190",
    ("stab", "wound"): "182",
    ("shooting", "death"): "190",
    ("stabbing", "death"): "182",
}
_DYING_VERBS = frozenset({"die", "succumb"})
# Who bears a wound: the subject of these verbs ("suffered a gunshot wound").
_BEARING_VERBS = _DYING_VERBS | {"suffer", "sustain", "receive", "have", "treat"}
# Verbs that say an event happened: their subject is the event ("a riot broke out").
OCCURRENCE_VERBS = frozenset(
    {
        "break", "erupt", "occur", "happen", "continue", "spread", "begin", "start", "flare",
        "rage", "escalate", "intensify", "resume", "turn", "leave", "kill", "injure", "wound",
    }
)  # fmt: skip
# Event nouns kept without a named participant (see ``_unattributed_violence``).
UNATTRIBUTED_ROOTS = frozenset({"14", "18", "19", "20"})
NON_EVENT_MODIFIERS = frozenset({"heart", "panic", "asthma", "anxiety", "cyber", "verbal"})
_ANCHOR_PREPS = frozenset({"on", "against", "in", "at", "near", "outside", "across"})
# Light verbs whose object noun is the real event ("launched an attack", "staged a strike").
LIGHT_VERBS = frozenset(
    [
        "launch", "conduct", "stage", "mount", "carry", "pay", "hold", "make", "begin",
        "start", "organize", "organise", "undertake", "renew", "resume", "continue", "announce",
        "complete", "call", "join", "lead", "impose", "speed",
    ]
)  # fmt: skip
_PLACE_NOUNS = frozenset(
    [
        "town",
        "municipality",
        "borough",
        "township",
        "city",
        "metropolis",
        "village",
        "settlement",
        "base",
        "airbase",
        "airport",
        "airfield",
        "territory",
        "area",
        "region",
        "district",
        "province",
        "stronghold",
        "position",
        "hill",
        "bridge",
        "port",
        "camp",
        "neighbourhood",
        "neighborhood",
        "outpost",
        "checkpoint",
        "border",
        "crossing",
    ]
)
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
# Verbs of taking ground: with a place as object they are CAMEO 192 (see ``_territorial``).
TERRITORIAL_VERBS = frozenset(
    {
        "capture", "recapture", "seize", "take", "retake", "regain", "recover", "free",
        "liberate", "wrest", "overrun", "conquer", "occupy", "reoccupy", "storm",
    }
)  # fmt: skip


# --- the dictionary -------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeInfo:
    """What the tables say about one CAMEO code."""

    code: str
    name: str
    plover_type: str
    mode: str | None
    context: tuple[str, ...]
    goldstein: float
    quad_class: int

    def cameo(self) -> CameoCode:
        return CameoCode(
            code=self.code, root=self.code[:2], quad_class=self.quad_class, goldstein=self.goldstein
        )

    def plover(self) -> PloverCode:
        return PloverCode(type=self.plover_type, mode=self.mode, context=list(self.context))


# A slot is satisfied when every word of one of its alternatives is in the bag. The
# alternatives are split into word sets once, at load time, because matching runs for
# every pattern of a verb's block on every trigger.
Slot = tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Pattern:
    code: str | None  # None: the pattern says "no event"
    reverse: bool
    pre: tuple[Slot, ...]
    post: tuple[Slot, ...]
    preps: tuple[tuple[frozenset[str], tuple[Slot, ...]], ...]

    @property
    def size(self) -> int:
        return len(self.pre) + len(self.post) + sum(1 + len(w) for _, w in self.preps)


@dataclass(frozen=True)
class VerbEntry:
    block: str
    code: str | None  # None: the block's default; "---": no event
    reverse: bool


@dataclass(frozen=True)
class Block:
    code: str | None
    reverse: bool
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class Context:
    """The words around a trigger that patterns are matched against (lower-case forms)."""

    pre: frozenset[str]
    post: frozenset[str]
    preps: tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True)
class Coding:
    code: str
    reverse: bool
    from_pattern: bool
    # The pattern named the object ("send troops", "impose sanctions"): the object is the
    # thing acted with, not a recipient.
    object_is_theme: bool = False
    # The pattern matched words of the object ("launch * attack"), not only a prepositional
    # group: a light verb coded so is the event; otherwise its event noun is.
    names_object: bool = False


def _slot_matches(slot: Slot, bag: frozenset[str]) -> bool:
    return any(words <= bag for words in slot)


def pattern_matches(pattern: Pattern, ctx: Context) -> bool:
    if not all(_slot_matches(s, ctx.pre) for s in pattern.pre):
        return False
    if not all(_slot_matches(s, ctx.post) for s in pattern.post):
        return False
    for preps, words in pattern.preps:
        if not any(
            p in preps and all(_slot_matches(s, bag) for s in words) for p, bag in ctx.preps
        ):
            return False
    return True


class CameoDictionary:
    """The converted CAMEO verb dictionary and code tables."""

    def __init__(
        self, verbs: dict[str, VerbEntry], blocks: dict[str, Block], codes: dict[str, CodeInfo]
    ) -> None:
        self.verbs = verbs
        self.blocks = blocks
        self.codes = codes

    @classmethod
    def load(cls) -> CameoDictionary:
        base = resources.files("tacitus.data") / "cameo"
        raw = json.loads((base / "verbs.json").read_text(encoding="utf-8"))
        table = json.loads((base / "codes.json").read_text(encoding="utf-8"))
        codes = {
            code: CodeInfo(
                code=code,
                name=v["name"],
                plover_type=v["plover_type"],
                mode=v["mode"],
                context=tuple(v["context"]),
                goldstein=float(v["goldstein"]),
                quad_class=int(v["quad_class"]),
            )
            for code, v in table.items()
        }
        verbs = {k: VerbEntry(v["block"], v["code"], v["reverse"]) for k, v in raw["verbs"].items()}
        blocks = {
            name: Block(
                code=b["code"],
                reverse=b["reverse"],
                patterns=tuple(_pattern(p) for p in b["patterns"]),
            )
            for name, b in raw["blocks"].items()
        }
        return cls(verbs, blocks, codes)

    def info(self, code: str) -> CodeInfo | None:
        """The table row for ``code`` (or its nearest listed parent); None for CAMEO 01."""
        for n in range(len(code), 1, -1):
            if code[:n] in self.codes:
                row = self.codes[code[:n]]
                return row if n == len(code) else _renamed(row, code)
        return None

    def entry(self, lemma: str, particles: Iterable[str] = ()) -> VerbEntry | None:
        """The verb entry, preferring a multi-word form ("meet with", "ask for")."""
        for particle in particles:
            if (entry := self.verbs.get(f"{lemma} {particle}")) is not None:
                return entry
        return self.verbs.get(lemma)

    def code(self, entry: VerbEntry, ctx: Context) -> Coding | None:
        """The most specific matching pattern's code, else the verb's default; None: no event."""
        block = self.blocks.get(entry.block)
        patterns = block.patterns if block else ()
        matched = [p for p in patterns if pattern_matches(p, ctx)]
        if entry.code is not None:
            # A verb with its own code ("arrest" 173) is overridden only by object or
            # prepositional words, not by its subject alone ("soldiers arrested").
            matched = [p for p in matched if p.post or p.preps]
        if matched:
            best = max(p.size for p in matched)
            tied = [p for p in matched if p.size == best]
            # The dictionary repeats patterns under several codes: take the most frequent.
            counts = Counter(p.code for p in tied)
            winner = max(tied, key=lambda p: counts[p.code])
            if winner.code is None:
                return None
            theme = bool(winner.post) and winner.code[:2] in THEME_ROOTS
            return Coding(
                winner.code,
                winner.reverse,
                from_pattern=True,
                object_is_theme=theme,
                names_object=bool(winner.post),
            )
        code = entry.code if entry.code is not None else (block.code if block else None)
        if code is None or code == "---":
            return None
        reverse = entry.reverse if entry.code is not None else bool(block and block.reverse)
        return Coding(code, reverse, from_pattern=False)


def _renamed(row: CodeInfo, code: str) -> CodeInfo:
    return CodeInfo(
        code, row.name, row.plover_type, row.mode, row.context, row.goldstein, row.quad_class
    )


def _pattern(raw: dict[str, object]) -> Pattern:
    def slot(alternatives: Iterable[str]) -> Slot:
        # Deduplicated as the former frozenset of alternatives was; order is irrelevant to any().
        return tuple({frozenset(alt.split()) for alt in alternatives})

    def slots(items: object) -> tuple[Slot, ...]:
        return tuple(slot(s) for s in items)  # type: ignore[attr-defined]

    code = raw["code"]
    return Pattern(
        code=None if code == "---" else str(code),
        reverse=bool(raw["reverse"]),
        pre=slots(raw["pre"]),
        post=slots(raw["post"]),
        preps=tuple(
            (frozenset(group[0]), slots(group[1:]))
            for group in raw["preps"]  # type: ignore[attr-defined]
        ),
    )


@lru_cache(maxsize=1)
def load_dictionary() -> CameoDictionary:
    return CameoDictionary.load()


# --- the parse ---------------------------------------------------------------------------


def _forms(tokens: Iterable[Token]) -> frozenset[str]:
    """The words a dictionary pattern may match: each token as written and its lemma, and,
    for nouns heading their phrase, the plural forms (the dictionary lists "TROOP" or
    "TROOPS"). A modifier keeps its own form: "power lines" is not "powers"."""
    out: set[str] = set()
    for t in tokens:
        lemma = t.lemma_.lower()
        out |= {t.lower_, lemma}
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod"):
            out |= {lemma + "s", lemma + "es"}
    return frozenset(out)


def _prep_groups(token: Token) -> Iterator[tuple[str, frozenset[str]]]:
    for child in token.children:
        if child.dep_ in {"prep", "agent"} or (child.dep_ == "dative" and child.pos_ == "ADP"):
            yield child.lower_, _forms(child.subtree)


def context_of(verb: Token) -> Context:
    """Words before the verb (subject, adverbs), after it (objects, particles), its PPs."""
    pre: list[Token] = []
    post: list[Token] = []
    preps: list[tuple[str, frozenset[str]]] = list(_prep_groups(verb))
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS | {"advmod", "npadvmod"} and child.i < verb.i:
            pre.extend(child.subtree)
        elif child.dep_ in _OBJECT_DEPS | {"attr", "oprd", "prt", "acomp", "advmod", "xcomp"}:
            post.extend(child.subtree)
            if child.dep_ in _OBJECT_DEPS:
                preps.extend(_prep_groups(child))
        elif child.dep_ == "nsubjpass":
            post.extend(child.subtree)
    return Context(_forms(pre), _forms(post), tuple(preps))


def _particles(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ in {"prt", "prep", "agent"}]


def _first_child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _np_heads(token: Token) -> list[Token]:
    """The token, its conjuncts and appositions: each names one participant."""
    heads = [token]
    for child in token.children:
        if child.dep_ in {"conj", "appos"}:
            heads.extend(_np_heads(child))
    return heads


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head``, with its of- and from-phrases ("doctors from two American
    aid groups", "members of the movement") but no other modifiers."""
    out = [head]
    for child in head.children:
        if child.dep_ not in _NP_EXCLUDE or (
            child.dep_ == "prep" and child.lower_ in ("of", "from")
        ):
            out.extend(_np_tokens(child))
    return out


def mentions_in(heads: Iterable[Token], actors: list[Actor]) -> list[Actor]:
    """For each noun-phrase head: the mention covering it, else the mentions in its phrase."""
    index = _StartIndex(actors)
    found: list[Actor] = []
    for head in heads:
        hits = index.covering(head.idx)
        for t in _np_tokens(head):
            hits.update(index.starting_in(t.idx, t.idx + len(t)))
        # In list order, as a scan of ``actors`` would give: _outermost keeps the first of
        # equal spans.
        found.extend(actors[i] for i in sorted(hits))
    return _outermost(found)


class _StartIndex:
    """Mentions sorted by start, so that each head looks only at the few near it."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self.order = sorted(range(len(actors)), key=lambda i: actors[i].start)
        self.starts = [actors[i].start for i in self.order]
        self.longest = max((a.end - a.start for a in actors), default=0)

    def starting_in(self, start: int, end: int) -> list[int]:
        """Indices of the mentions with ``start <= a.start < end``."""
        return self.order[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def covering(self, pos: int) -> set[int]:
        """Indices of the mentions with ``a.start <= pos < a.end``."""
        # Such a mention starts after pos - longest, or it could not reach pos.
        lo = bisect_right(self.starts, pos - self.longest)
        hi = bisect_right(self.starts, pos)
        return {i for i in self.order[lo:hi] if pos < self.actors[i].end}


def _outermost(found: list[Actor]) -> list[Actor]:
    """Mentions in text order, without those nested in another ("US" in "US commanders")."""
    unique: list[Actor] = []
    for a in sorted(found, key=lambda a: (a.start, -a.end)):
        if all(not (u.start <= a.start and a.end <= u.end) for u in unique):
            unique.append(a)
    return unique


def object_zone(verb: Token) -> tuple[int, int] | None:
    """Characters from the verb to the end of its direct objects, if no other verb intervenes.

    The small model often breaks long lists of names after a verb ("met US commanders, Prime
    Minister X and Minister Y"); every name in that stretch is an object of the verb.
    """
    objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.i > verb.i]
    if not objects:
        return None
    last = max(o.right_edge.i for o in objects)
    end = verb.i + 1
    # The list ends at the first preposition ("during his visit", "against IS").
    while end <= last and verb.doc[end].pos_ != "ADP":
        if verb.doc[end].pos_ in {"VERB", "AUX"}:
            return None
        end += 1
    if end == verb.i + 1:
        return None
    zone = verb.doc[verb.i + 1 : end]
    return zone.start_char, zone.end_char


def _resolve_relative(token: Token, verb: Token) -> Token:
    if token.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return token


@dataclass(frozen=True)
class Roles:
    agents: list[Token]
    patients: list[Token]


def roles(verb: Token, depth: int = 0, *, object_is_theme: bool = False) -> Roles:
    """The noun-phrase heads of who acts and who is acted upon."""
    agents: list[Token] = []
    patients: list[Token] = []
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS or _is_misparsed_acronym(child, verb):
            agents.extend(_np_heads(_resolve_relative(child, verb)))
        elif child.dep_ in _PASSIVE_SUBJECT_DEPS:
            patients.extend(_np_heads(_resolve_relative(child, verb)))
        elif child.dep_ == "agent":
            agents.extend(h for o in child.children if o.dep_ == "pobj" for h in _np_heads(o))
        elif child.dep_ in _OBJECT_DEPS or _is_loose_object(child, verb):
            if not object_is_theme:
                patients.extend(_np_heads(child))
            patients.extend(_prep_objects(child, _OBJECT_NOUN_PREPS))
    patients.extend(_prep_objects(verb))
    if not patients and verb_lemma(verb, COMPLEMENT_HEADS) in COMPLEMENT_HEADS:
        # "promised to continue aid to Mozambique": the promise is aimed where its
        # (uncoded) complement is.
        for child in verb.children:
            if child.dep_ == "xcomp" and depth < 4:
                patients.extend(roles(child, depth + 1).patients)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        patients.extend(_np_heads(verb.head))  # "the city taken by IS": the city is the patient
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive and not any(c.dep_ in _PASSIVE_SUBJECT_DEPS for c in verb.children):
        # "hospitalized after being shot": whoever the host verb is about is the one shot,
        # and not the one who shot
        patients.extend(_host_subject(verb))
    elif not agents and depth < 4:
        agents = _inherited_agents(verb, depth)
    return Roles(agents, [p for p in patients if p not in agents])


def _host_subject(verb: Token) -> list[Token]:
    """The subject (active or passive) of the verb a subjectless clause hangs from."""
    head = _host_verb(verb)
    subject = _first_child(head, _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS) if head else None
    return _np_heads(_resolve_relative(subject, head)) if head and subject else []


def _is_misparsed_acronym(child: Token, verb: Token) -> bool:
    # "IS captured Mosul": the small model reads the acronym as the auxiliary "is".
    if child.dep_ not in {"aux", "auxpass"} or child.i > verb.i or len(child.text) < 2:
        return False
    sentence = child.sent.text
    return child.text.isupper() and not sentence.isupper()


def _is_loose_object(child: Token, verb: Token) -> bool:
    # The small model often attaches names in a list of objects as npadvmod.
    return child.dep_ == "npadvmod" and child.pos_ == "PROPN" and child.i > verb.i


def _prep_objects(token: Token, preps: set[str] = _RECIPIENT_PREPS) -> list[Token]:
    return [
        h
        for child in token.children
        if child.dep_ in {"prep", "dative"} and child.pos_ == "ADP" and child.lower_ in preps
        for obj in child.children
        if obj.dep_ == "pobj"
        for h in _np_heads(obj)
    ]


def _host_verb(verb: Token) -> Token | None:
    """The verb a subjectless clause (xcomp, conj, advcl, "after driving ...") hangs from."""
    if verb.dep_ not in _INHERIT_DEPS:
        return None
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head  # "he is ready to lift the ban": the subject of "is"
    if head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    return head


def _inherited_agents(verb: Token, depth: int) -> list[Token]:
    head = _host_verb(verb)
    if head is None:
        return []
    if verb.dep_ == "xcomp":
        obj = _first_child(head, _OBJECT_DEPS)
        if obj is not None and obj.i < verb.i:  # object control: "help X to recapture"
            return _np_heads(obj)
    return roles(head, depth + 1).agents


# --- triggers and events --------------------------------------------------------------------


@dataclass(frozen=True)
class Trigger:
    token: Token
    coding: Coding
    nominal: bool


def _is_place(token: Token) -> bool:
    return token.ent_type_ in _PLACE_ENTS or token.lemma_.lower() in _PLACE_NOUNS


def _territorial(coding: Coding, verb: Token) -> Coding:
    """A seizure whose object is a place is CAMEO 192, occupy territory.

    That holds for CAMEO's seizure codes (171x) and for the verbs of taking ground whatever
    the dictionary's pattern gave them ("captured a neighbourhood", "freed several villages",
    "regained control of the town", "wrested control of a camp").
    """
    if not (
        coding.code.startswith("171") or verb_lemma(verb, TERRITORIAL_VERBS) in TERRITORIAL_VERBS
    ):
        return coding
    obj = _first_child(verb, _OBJECT_DEPS | {"nsubjpass"})
    if verb.dep_ == "acl" and obj is None:
        obj = verb.head
    if obj is not None and obj.lemma_.lower() == "control":
        # "took control of X": X is what is taken
        obj = next(
            (o for c in obj.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"),
            obj,
        )
    if obj is not None and _is_place(obj):
        return Coding("192", coding.reverse, from_pattern=True)
    return coding


def _is_auxiliary_use(verb: Token) -> bool:
    # "is going to send": "going" only marks the future of its complement;
    # "according to X" attributes a report.
    lemma = verb.lemma_.lower()
    if lemma == "go":
        return any(c.dep_ == "xcomp" for c in verb.children)
    return lemma == "accord" and any(c.lower_ == "to" for c in verb.children)


# "was taken to a hospital", "rushed to Advocate Christ Medical Center": the care of the
# wounded, which CAMEO's "take" patterns would code as a seizure (171).
_CARRYING_VERBS = frozenset(
    {"take", "rush", "transport", "airlift", "fly", "carry", "bring", "drive", "transfer"}
)
_CARE_PLACES = frozenset({"hospital", "hospitals", "clinic", "infirmary"})
_CARE_MODIFIERS = frozenset({"medical", "trauma", "health", "burn", "emergency"})
_CARE_HEADS = frozenset({"center", "centre", "unit", "room", "ward"})


def _carried_to_care(verb: Token) -> bool:
    """Whether the verb carries someone to a hospital or clinic (no event: medical care)."""
    if verb.lemma_.lower() not in _CARRYING_VERBS:
        return False
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("to", "into"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            words = {t.lower_ for t in obj.doc[obj.left_edge.i : obj.i + 1]}
            if words & _CARE_PLACES or (obj.lower_ in _CARE_HEADS and words & _CARE_MODIFIERS):
                return True
    return False


def verb_lemma(token: Token, known: Container[str]) -> str:
    """The token's lemma, or its base form when spaCy's rule lemmatizer got it wrong.

    The small model lemmatizes "staged" as "stag" and "staging" as "stag": when the lemma is
    not a ``known`` verb, the regular base forms of the inflected word are tried.
    """
    lemma = token.lemma_.lower()
    if lemma in known:
        return lemma
    word = token.lower_
    for suffix, endings in (
        ("ied", ("y",)),
        ("ies", ("y",)),
        ("ed", ("e", "")),
        ("ing", ("e", "")),
        ("es", ("e", "")),
        ("s", ("",)),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for ending in endings:
                if stem + ending in known:
                    return stem + ending
    return lemma


# "left two men dead": a verb of leaving with a result complement is the killing or wounding.
_LEFT_HARMED = {"dead": "kill", "wounded": "wound", "injured": "wound", "hurt": "wound"}
_RESULT_DEPS = frozenset({"oprd", "advcl", "xcomp", "ccomp", "acomp"})


def _left_harmed(verb: Token) -> str | None:
    """The verb that "left X dead" stands for ("kill"), else None."""
    if verb.lemma_.lower() != "leave":
        return None
    for child in verb.children:
        if child.dep_ in _RESULT_DEPS and child.lower_ in _LEFT_HARMED:
            return _LEFT_HARMED[child.lower_]
    return None


def code_verb(verb: Token, dictionary: CameoDictionary) -> Coding | None:
    if _is_auxiliary_use(verb) or _carried_to_care(verb):
        return None
    harm = _left_harmed(verb)
    lemma = harm or verb_lemma(verb, dictionary.verbs)
    entry = dictionary.entry(lemma, () if harm else _particles(verb))
    if entry is None:
        return None
    coding = dictionary.code(entry, context_of(verb))
    if coding is None or dictionary.info(coding.code) is None:
        return None  # no code, or CAMEO 01 (statements), which PLOVER drops
    return _committed(_territorial(coding, verb), verb)


def _committed(coding: Coding, verb: Token) -> Coding:
    """ "agreed to set up a centre", "agreed to an extension": intent to cooperate (030).

    An intention verb coded only by its default as diplomatic cooperation (05) commits to
    something when it has an infinitive or a "to" complement; a coded infinitive is the
    event itself (see ``_superseded``).
    """
    if coding.from_pattern or coding.code[:2] != "05":
        return coding
    if verb.lemma_.lower() not in INTENTION_VERBS:
        return coding
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to") for c in verb.children):
        return Coding("030", coding.reverse, from_pattern=True)
    return coding


def _light_verb_host(noun: Token) -> Token | None:
    head = noun.head
    if noun.dep_ in _OBJECT_DEPS and verb_lemma(head, LIGHT_VERBS) in LIGHT_VERBS:
        return head
    return None


def _during_host(noun: Token) -> Token | None:
    # "Carter said during a visit to Baghdad": whoever speaks during a visit is the visitor.
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "during" and prep.head.pos_ in {"VERB", "AUX"}:
        return prep.head
    return None


def code_noun(noun: Token, dictionary: CameoDictionary) -> Coding | None:
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if child.dep_ in {"compound", "amod"} and (
            code := NOMINAL_COMPOUNDS.get((child.lower_, lemma))
        ):
            return Coding(code, False, from_pattern=False)
    verb = NOMINAL_TRIGGERS.get(lemma)
    if verb is None:
        return None
    if lemma == "strike" and any(c.dep_ == "prep" and c.lower_ == "on" for c in noun.children):
        verb = "190"  # "a strike on the convoy" is an attack, not a walkout
    if verb.isdigit():
        return Coding(verb, False, from_pattern=False) if dictionary.info(verb) else None
    entry = dictionary.entry(verb)
    if entry is None:
        return None
    # "the withdrawal of forces" is coded like "withdraw forces": the of-phrase is the object.
    of_objects = [
        t
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
        for t in o.subtree
    ]
    groups = tuple(g for g in _prep_groups(noun) if g[0] != "of")
    ctx = Context(frozenset(), _forms(of_objects), groups)
    coding = dictionary.code(entry, ctx)
    if coding is None or dictionary.info(coding.code) is None:
        return None
    return Coding(coding.code, coding.reverse, from_pattern=False)


_INJURY_NOUNS = frozenset({"wound", "death"})  # heads of NOMINAL_COMPOUNDS' injuries


def _is_injury(noun: Token) -> bool:
    return noun.lemma_.lower() in _INJURY_NOUNS


def _injury_roles(noun: Token) -> Roles:
    """Who bears a wound, none who dealt it: "his gunshot wound", "suffered a gunshot wound",
    "died of gunshot wounds", "treated for a stab wound", "found the girl with a gunshot
    wound", "a man with a gunshot wound", "the shooting death of a teenager"."""
    bearers = [h for c in noun.children if c.dep_ == "poss" for h in _np_heads(c)]
    bearers += _prep_objects(noun, {"of"})
    head = noun.head
    verb: Token | None = None
    if noun.dep_ in _OBJECT_DEPS:
        verb = head
    elif noun.dep_ == "pobj" and head.lower_ in ("of", "from", "for", "to"):
        verb = head.head
    elif noun.dep_ == "pobj" and head.lower_ == "with":
        host = head.head
        if host.pos_ in ("NOUN", "PROPN", "PRON"):
            bearers.extend(_np_heads(host))
        elif host.pos_ == "VERB":  # "found the girl with ...", else "arrived with ..."
            bearer = _first_child(host, _OBJECT_DEPS) or _first_child(
                host, _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS
            )
            bearers.extend(_np_heads(bearer) if bearer is not None else [])
    if verb is not None and verb.lemma_.lower() in _BEARING_VERBS:
        subject = _first_child(verb, _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS)
        bearers.extend(_np_heads(_resolve_relative(subject, verb)) if subject is not None else [])
    return Roles([], bearers)


def noun_roles(noun: Token) -> Roles:
    if _is_injury(noun):
        return _injury_roles(noun)
    # Adjectives name an agent only when they are entities ("Iraqi attacks", not "unannounced").
    agents = [
        c
        for c in noun.children
        if c.dep_ in {"poss", "compound"} or (c.dep_ == "amod" and c.ent_type_)
    ]
    agents = [h for a in agents for h in _np_heads(a)]
    patients = _prep_objects(noun)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            agents.extend(h for o in child.children if o.dep_ == "pobj" for h in _np_heads(o))
        if child.dep_ == "prep" and child.lower_ == "of" and agents:
            patients.extend(h for o in child.children if o.dep_ == "pobj" for h in _np_heads(o))
    return Roles(agents, [p for p in patients if p not in agents])


def host_agents(noun: Token) -> list[Token]:
    """Who acts in an event noun with no named agent: the subject of its light verb
    ("students staged a strike") or of the verb it happens during ("said during a visit")."""
    host = _light_verb_host(noun) or _during_host(noun)
    return roles(host).agents if host is not None else []


def find_triggers(sent: SpacySpan, dictionary: CameoDictionary) -> list[Trigger]:
    triggers: list[Trigger] = []
    for token in sent:
        if token.pos_ == "VERB":
            coding = code_verb(token, dictionary)
            if coding is not None:
                triggers.append(Trigger(token, coding, nominal=False))
        elif token.pos_ == "NOUN":
            coding = code_noun(token, dictionary)
            if coding is not None:
                triggers.append(Trigger(token, coding, nominal=True))
    # Token index -> whether its coding came from a pattern on its object words.
    coded = {t.token.i: t.coding.names_object for t in triggers}
    return [t for t in triggers if not _superseded(t, coded)]


def attribution_of(token: Token, actors: list[Actor]) -> Attribution | None:
    """Who the article says reported the event, or None when it reports it itself.

    The event is attributed when its clause is the complement of a speech verb ("officials
    said the army shelled the town": the officials, "said"), or when its clause or one above
    it carries "according to X".
    """
    node = token
    while node.head.i != node.i:
        head = node.head
        if node.dep_ in {"ccomp", "parataxis"} and head.lemma_.lower() in SPEECH_VERBS:
            subjects = [h for c in head.children if c.dep_ in _SUBJECT_DEPS for h in _np_heads(c)]
            found = mentions_in(subjects, actors)
            cue = Span(text=head.text, start=head.idx, end=head.idx + len(head))
            return Attribution(speaker=found[0] if found else None, cue=cue)
        node = head
    for ancestor in (token, *token.ancestors):
        for child in ancestor.children:
            if child.lower_ != "according":
                continue
            to = next((c for c in child.children if c.lower_ == "to"), None)
            if to is None:
                continue
            sources = [h for o in to.children if o.dep_ == "pobj" for h in _np_heads(o)]
            found = mentions_in(sources, actors)
            cue = Span(
                # a span's text, not Doc.text, which spaCy joins from all the tokens
                text=token.doc[child.i : to.i + 1].text,
                start=child.idx,
                end=to.idx + len(to),
            )
            return Attribution(speaker=found[0] if found else None, cue=cue)
    return None


def fallback_targets(verb: Token, coding: Coding, actors: list[Actor]) -> list[Actor]:
    """Targets for a verb whose object names none, as PETRARCH reads them.

    - verbal interaction (CAMEO 02, 10-13) aimed at a clause: its subject ("demanded that
      the United States match ...");
    - otherwise the state where it is done: a place in an in/at/from phrase of the verb or of
      its object ("Serbia lifted a curfew in Montenegro", "arrived in Amman"), which CAMEO
      codes as that state.
    """
    if coding.code[:2] in _VERBAL_ROOTS:
        clause = [c for c in verb.children if c.dep_ == "ccomp"]
        subjects = [
            h for c in clause for s in c.children if s.dep_ in _SUBJECT_DEPS for h in _np_heads(s)
        ]
        if found := mentions_in(subjects, actors):
            return found
    if verb.dep_ in {"acl", "relcl"}:
        return []  # "the biggest city taken by IS in Iraq or Syria" describes, not targets
    holders = [verb, *(c for c in verb.children if c.dep_ in _OBJECT_DEPS)]
    places = [h for holder in holders for h in _prep_objects(holder, _LOCATIVE_PREPS)]
    return [a for a in mentions_in(places, actors) if a.kind == "state"]


def _unattributed_violence(trigger: Trigger) -> bool:
    """ "Four people were killed in grenade attacks on a restaurant": violence is news even
    when no perpetrator is named, as ACLED's "unidentified armed group" events are.

    An event noun of violence or protest (CAMEO 14, 18-20) with no actor mention is kept
    when the text anchors it: a target or place phrase of its own ("attacks on a
    restaurant", "clashes in Aleppo"), a verb of occurrence ("a riot broke out", "the blast
    killed five"), a light verb ("continued their strike"), or it is what a verb happened in
    or during ("killed in an airstrike").
    """
    tok = trigger.token
    if not trigger.nominal or trigger.coding.code[:2] not in UNATTRIBUTED_ROOTS:
        return False
    if any(c.dep_ == "compound" and c.lower_ in NON_EVENT_MODIFIERS for c in tok.children):
        return False  # "heart attack"
    if any(c.dep_ == "prep" and c.lower_ in _ANCHOR_PREPS for c in tok.children):
        return True
    head = tok.head
    # "a riot broke out", "protests erupted", "workers continued their strike"; not "an
    # offensive will begin": what has not happened needs someone named to report.
    past = head.tag_ in ("VBD", "VBN")
    occurs = verb_lemma(head, OCCURRENCE_VERBS) in OCCURRENCE_VERBS
    if past and tok.dep_ in ("nsubj", "nsubjpass") and occurs:
        return True
    if past and _light_verb_host(tok) is not None:
        return True
    if _under_investigation(tok):
        return True
    # "a shooting that left one dead", "an attack that killed five"
    if any(
        c.dep_ == "relcl" and c.tag_ == "VBD" and c.lemma_.lower() in OCCURRENCE_VERBS
        for c in tok.children
    ):
        return True
    return (
        tok.dep_ == "pobj"
        and head.lower_ in {"in", "during", "after", "by"}
        and (head.head.pos_ in {"VERB", "AUX"})
    )


_INVESTIGATING = frozenset({"investigate", "probe"})
_INVESTIGATIONS = frozenset({"investigation", "probe", "inquiry", "look"})


def _under_investigation(noun: Token) -> bool:
    """ "Police are investigating the shooting", "an investigation into the stabbing", "the
    shooting remains under investigation": what is investigated has happened."""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in _INVESTIGATING:
        return True
    if noun.dep_ == "pobj" and head.lower_ in ("into", "of"):
        return head.head.lemma_.lower() in _INVESTIGATIONS
    if noun.dep_ == "nsubj" and head.lemma_.lower() in ("remain", "be"):
        under = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "under"]
        return any(g.lower_ == "investigation" for c in under for g in c.children)
    return False


def _hosted_by(noun: Token, verb: Token) -> bool:
    host = _light_verb_host(noun)
    return host is not None and host.i == verb.i


def _superseded(trigger: Trigger, coded: dict[int, bool]) -> bool:
    token = trigger.token
    if trigger.nominal:
        # "launched an attack", "ordered an investigation": a verb coded by a pattern on its
        # object noun is the event; the noun is part of it.
        host = _light_verb_host(token)
        if host is not None and coded.get(host.i) is True:
            return True
        return token.dep_ in _OBJECT_DEPS and coded.get(token.head.i) is True
    if token.lemma_.lower() in _DYING_VERBS and any(
        o.i in coded and _is_injury(o)
        for c in token.children
        if c.dep_ == "prep"
        for o in c.children
    ):
        return True  # "died of gunshot wounds": the wound says who was shot (and not "yield")
    hosts = [n for n in token.children if n.i in coded and _hosted_by(n, token)]
    if hosts and not trigger.coding.names_object:
        # "organized a strike": a light verb not coded by its object yields to its noun.
        return True
    if token.lemma_.lower() in COMPLEMENT_HEADS:
        # "vowed to seize", "refused to deploy": the seizure, the deployment is the event;
        # modality marks the intent or the refusal.
        return any(c.dep_ == "xcomp" and c.i in coded for c in token.children)
    return False


def is_backgrounded(token: Token) -> bool:
    """The trigger sits in a relative/adverbial clause or a prepositional complement.

    Such clauses mostly give background ("the faction that controls Afghanistan"), and their
    roles are read less reliably.
    """
    node = token
    while node.head.i != node.i:
        if node.dep_ in _BACKGROUND_DEPS:
            return True
        node = node.head
    return False


def confidence(trigger: Trigger, n_actors: int, n_recipients: int) -> float:
    score = 0.4
    score += 0.2 if trigger.coding.from_pattern else 0.0
    score += 0.2 if n_actors else 0.0
    score += 0.1 if n_recipients else 0.0
    score -= 0.1 if trigger.nominal else 0.0
    score -= 0.1 if is_backgrounded(trigger.token) else 0.0
    return round(min(0.95, max(0.05, score)), 3)


def extract_events(
    doc: SpacyDoc, actors: list[Actor], article_id: str, dictionary: CameoDictionary
) -> list[Event]:
    """Every coded event in ``doc``, in text order; one per trigger."""
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        for trigger in find_triggers(sent, dictionary):
            info = dictionary.info(trigger.coding.code)
            if info is None:
                continue
            tok = trigger.token
            theme = trigger.coding.object_is_theme
            r = noun_roles(tok) if trigger.nominal else roles(tok, object_is_theme=theme)
            who = mentions_in(r.agents, actors)
            if trigger.nominal and not who and not _is_injury(tok):
                who = mentions_in(host_agents(tok), actors)
            whom = [a for a in mentions_in(r.patients, actors) if a not in who]
            zone = None if trigger.nominal or theme else object_zone(tok)
            if zone is not None:
                whom += [
                    a
                    for a in actors
                    if zone[0] <= a.start < zone[1] and a not in whom and a not in who
                ]
                whom = _outermost(whom)
            if not whom and not trigger.nominal:
                whom = [a for a in fallback_targets(tok, trigger.coding, actors) if a not in who]
            if trigger.coding.reverse:
                who, whom = whom, who
            if not who and not whom and not _unattributed_violence(trigger):
                continue
            start, end = tok.idx, tok.idx + len(tok)
            events.append(
                Event(
                    id=Event.make_id(article_id, start, end),
                    article_id=article_id,
                    plover=info.plover(),
                    cameo=info.cameo(),
                    actors=who,
                    recipients=whom,
                    evidence=Evidence(
                        sentence=index,
                        start=sent.start_char,
                        end=sent.end_char,
                        trigger=Span(text=tok.text, start=start, end=end),
                    ),
                    confidence=confidence(trigger, len(who), len(whom)),
                    attribution=attribution_of(tok, actors),
                )
            )
    return events


@stage("events", reads=("spacy", "actors"), writes=("events",))
def make_events() -> StageFn:
    dictionary = load_dictionary()

    def run(doc: Document) -> None:
        doc.events = extract_events(doc.parsed, doc.actors, doc.article.id, dictionary)

    return run
