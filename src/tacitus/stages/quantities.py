"""Stage `quantities`: counts of people and things, with what they count.

A quantity is a number expression ("4,647", "six", "dozens", "a dozen", "1.5 million"), its
bounds ("over 1,000" -> low 1000, "up to 50" -> high 50, "between 10 and 20", "10-20"), whether
it is approximate ("about", "nearly", "dozens"), the counted noun (``unit``) and a ``category``
from that noun and the verb it goes with ("12 people were killed" -> killed).

Years, dates, times, percentages and ordinals are not counts and are skipped.
Distances ("64km", "40 miles") are kept with the unit as written and category ``distance``:
analysts compare them across sources ("64 km vs 50 miles") although they count nothing.
Money ("$1.5bn", "50 million euros", "£200,000") has category ``money``, its value in units
of the currency and the currency's ISO code as ``unit`` ("USD"; "$" is taken as US dollars).

Where an article gives different numbers of one category for one event, or for events of the
same type at the same place ("police said 5 died; hospital officials put the toll at 7"),
each such quantity is kept and marked ``conflicting``.

Casualties are also counted where no number is written, as the Gun Violence Archive and
ACLED count them: "a woman was fatally shot" is one killed, "a man and his son were wounded"
two injured, "Ronnie Daniels had been shot" one injured unless the article says he died (a
person shot and later reported dead is a death, not also an injury). The quantity's text is
the victims' noun phrase ("a woman"). A "fatal shooting" with no victim named is at least one
killed (``low`` 1). A number of people is a casualty count in frames its own reading does not
know: "two men suffered gunshot wounds", "three people are in critical condition".

Each event gets the quantities attached to its trigger: those whose number hangs from the
trigger, directly or through its arguments, without crossing another verb.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tacitus.model import Document, Event, Quantity
from tacitus.stages.registry import StageFn, stage
from tacitus.vocabulary import NUMBER_WORDS as UNITS

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip
# Vague plurals: bounds and always approximate ("dozens" is two dozen to under a hundred,
# "hundreds" two hundred to under a thousand).
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999), "a handful": (3, 5), "a few": (3, 5),
    "several": (3, 9), "several dozen": (36, 99), "several hundred": (300, 999),
    "several thousand": (3_000, 9_999), "a couple of dozen": (24, 24),
}  # fmt: skip
# Word numbers the digit parser does not know.
NUMBER_PHRASES: dict[str, float] = {
    "half a dozen": 6, "a couple": 2, "a couple of": 2, "a score": 20, "a pair of": 2,
}  # fmt: skip
APPROX_WORDS = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated",
    "estimated", "close to", "an approximate", "circa", "up to about",
)  # fmt: skip
LOWER_WORDS = (
    "more than",
    "over",
    "above",
    "at least",
    "upwards of",
    "in excess of",
    "no fewer than",
)
UPPER_WORDS = ("up to", "fewer than", "less than", "under", "at most", "no more than", "below")

# Counted noun (lemma) -> category.
NOUN_CATEGORIES: dict[str, str] = {
    **dict.fromkeys(
        (
            "troop",
            "soldier",
            "personnel",
            "marine",
            "paratrooper",
            "serviceman",
            "servicemen",
            "service member",
            "force",
            "reservist",
            "adviser",
            "advisor",
            "commando",
            "sailor",
        ),
        "troops",
    ),
    **dict.fromkeys(
        (
            "fighter",
            "militant",
            "insurgent",
            "rebel",
            "jihadist",
            "gunman",
            "gunmen",
            "militiaman",
            "militiamen",
            "guerrilla",
            "terrorist",
            "combatant",
            "extremist",
        ),
        "fighters",
    ),
    **dict.fromkeys(("protester", "demonstrator", "marcher", "rioter", "activist"), "protesters"),
    **dict.fromkeys(("civilian", "resident", "villager", "bystander"), "civilians"),
    **dict.fromkeys(("police", "policeman", "policemen", "officer", "cop", "gendarme"), "police"),
    **dict.fromkeys(("refugee", "migrant", "evacuee", "asylum seeker"), "displaced"),
    **dict.fromkeys(("prisoner", "detainee", "hostage", "captive"), "detained"),
    **dict.fromkeys(("death", "fatality", "casualty", "body", "corpse", "toll"), "killed"),
    **dict.fromkeys(
        (
            "child",
            "children",
            "student",
            "worker",
            "journalist",
            "woman",
            "women",
            "girl",
            "boy",
            "adult",
            "son",
            "daughter",
            "victim",
            "teenager",
            "teen",
            "family",
            "member",
        ),
        "people",
    ),
    **dict.fromkeys(("people", "person", "man", "men", "individual"), "people"),
}
# Verb or predicate (lemma) -> category; wins over a generic people noun.
VERB_CATEGORIES: dict[str, str] = {
    **dict.fromkeys(("kill", "die", "dead", "slay", "murder", "execute", "massacre", "behead",
                     "shoot dead", "perish", "lose", "deceased", "fatal"), "killed"),
    **dict.fromkeys(("injure", "wound", "hurt", "injured", "wounded", "hospitalise",
                     "hospitalize"), "injured"),
    **dict.fromkeys(("arrest", "detain", "jail", "imprison", "round", "apprehend",
                     "capture"), "arrested"),
    **dict.fromkeys(("displace", "flee", "evacuate", "uproot", "homeless"), "displaced"),
    **dict.fromkeys(("kidnap", "abduct", "seize"), "abducted"),
    **dict.fromkeys(("missing", "disappear", "unaccounted", "vanish"), "missing"),
    **dict.fromkeys(("protest", "march", "rally", "demonstrate"), "protesters"),
    **dict.fromkeys(("deploy", "send", "station", "dispatch"), "troops"),
}  # fmt: skip
# Nouns after a number that make it an address, a score or a rate, not a count.
_NOT_COUNTED = frozenset(
    {"block", "age", "ages", "aged", "percent", "per", "cent", "point", "times", "year-old"}
)
# Verbs whose predicate says what happened to the counted: "left two children dead".
_RESULT_VERBS = frozenset({"leave", "find", "report", "confirm", "declare", "pronounce"})
_TALLY_NOUNS = frozenset({"number", "total", "toll", "tally", "count", "figure"})
# Nouns for which the verb category applies (a soldier killed is still a death count).
_OVERRIDABLE = {"people", "civilians", "troops", "police", "fighters", "protesters"}
DISTANCE_UNITS = {
    "km": "km", "kilometre": "km", "kilometer": "km", "kilometres": "km", "kilometers": "km",
    "mile": "miles", "miles": "miles", "m": "m", "metre": "m", "meter": "m", "metres": "m",
    "meters": "m",
}  # fmt: skip
_NOT_COUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"}
_TIME_WORDS = re.compile(
    r"(?i)\b(?:\d{1,2}:\d\d|[ap]\.?m\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|"
    r"may|jun|jul|aug|sep|oct|nov|dec|second|minute|hour|day|night|week|weekend|month|year|"
    r"decade|century|ago|1[5-9]\d\d|20\d\d|\d0s)"
)
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^(\d[\d,.]*)\s*(?:-|–|to)\s*(\d[\d,.]*)$")
_BETWEEN = re.compile(r"^between\s+(.+?)\s+and\s+(.+)$")
_DISTANCE = re.compile(r"^(\d[\d,.]*)\s*(km|kilometres?|kilometers?|miles?|m|metres?|meters?)$")


@dataclass(frozen=True)
class ParsedNumber:
    value: float | None
    low: float | None
    high: float | None
    approx: bool


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("4,647", "twenty-six", "1.5 million")."""
    t = text.lower().replace("-", " ").strip()
    if not t:
        return None
    if _NUMBER.match(t):
        return float(t.replace(",", ""))
    words = t.split()
    if "and" in words and any(ch.isdigit() for ch in t):
        return None  # "4 and 5" is two numbers; "two hundred and fifty" is one
    if words[0] in ("a", "an") and len(words) > 1:
        words[0] = "one"
    if words == ["dozen"] or words == ["one", "dozen"]:
        return 12.0
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word == "and":
            continue
        if _NUMBER.match(word):
            current += float(word.replace(",", ""))
        elif word in UNITS:
            current += UNITS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_quantity(text: str) -> ParsedNumber | None:
    """Value, bounds and approximation of a number expression, or None if it is not one."""
    t = " ".join(text.lower().split())
    t = re.sub(r"\s+more$", "", t)
    approx = False
    low_bound = high_bound = False
    changed = True
    while changed:
        changed = False
        for prefix, kind in (
            *((w, "approx") for w in APPROX_WORDS),
            *((w, "low") for w in LOWER_WORDS),
            *((w, "high") for w in UPPER_WORDS),
        ):
            if t.startswith(prefix + " "):
                t = t[len(prefix) + 1 :]
                approx = approx or kind == "approx"
                low_bound = low_bound or kind == "low"
                high_bound = high_bound or kind == "high"
                changed = True
    t = re.sub(r"\s+of$", "", t)
    if t in VAGUE:
        return ParsedNumber(None, *VAGUE[t], True)
    if t in NUMBER_PHRASES:
        return ParsedNumber(NUMBER_PHRASES[t], NUMBER_PHRASES[t], NUMBER_PHRASES[t], approx)
    if (m := _BETWEEN.match(t)) or (m := _RANGE.match(t)):
        low, high = parse_number(m[1]), parse_number(m[2])
        if low is None or high is None or low >= high:
            return None
        return ParsedNumber(None, low, high, approx)
    value = parse_number(t)
    if value is None:
        return None
    if low_bound:
        return ParsedNumber(None, value, None, True)
    if high_bound:
        return ParsedNumber(None, None, value, True)
    return ParsedNumber(value, value, value, approx)


# --- finding quantities in a parsed document ----------------------------------------------


def _is_number_token(token: Token) -> bool:
    lower = token.lower_
    return (
        token.like_num
        or lower in UNITS
        or lower in SCALES
        or lower in ("dozen", "dozens", "scores", "hundreds", "thousands", "millions")
    )


# "half a dozen", "a couple of", "a handful of", "several hundred": number phrases whose
# first word is no number token.
_NUMBER_PHRASE = re.compile(
    r"(?i)\b(half a dozen|a couple(?: of dozen)?|a handful|several(?: dozen| hundred| thousand)?)"
    r"(?=\s+of\s|\s+[a-z])"
)


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii"})


# Words a number names something after ("off Highway 80", "Route 9", "Flight 90", "Room 12")
_PARENTS = frozenset({"father", "mother", "dad", "mom", "mum", "parent", "grandfather",
                      "grandmother", "grandparent"})  # fmt: skip
_NUMBERED_NAMES = frozenset(
    {"highway", "hwy", "route", "interstate", "us", "sr", "cr", "road", "exit", "flight", "room",
     "suite", "apartment", "apt", "unit", "lot", "gate", "pier", "channel", "precinct",
     "district", "ward", "bus", "train", "line", "platform", "building"}
)  # fmt: skip


def _not_a_count_of_people(token: Token) -> bool:
    """An emergency number ("no 911 call", "called 911"), the number of a road, a flight or
    a room ("off Highway 80"), an age written against a name ("Larry Watkins Jr. 26, were
    also injured", "kills man, 18 Jose Estrada", "Sutphen and Duncan, both 24,"), or a
    parent's children ("Father of 4 killed")."""
    if token.text == "911":
        return True
    if token.i >= 2 and token.nbor(-1).lower_ == "of" and token.nbor(-2).lemma_.lower() in _PARENTS:
        return True  # read off the words: the parser hangs "of 4" anywhere
    if not token.text.isdigit():
        # "Miranda Doerr, three, was shot dead": an age in words between commas after a name
        return (
            token.lower_ in UNITS
            and 2 <= token.i < len(token.doc) - 1
            and token.nbor(-1).text == ","
            and token.nbor(1).text in (",", ")")
            and (
                token.nbor(-2).ent_type_ == "PERSON"
                or token.nbor(-2).lemma_.lower() in PERSON_NOUNS
            )
        )
    before = token.nbor(-1) if token.i > 0 else None
    if (
        before is not None
        and before.lower_.rstrip(".") in _NUMBERED_NAMES
        and (before.is_title or before.is_upper)
    ):
        return True
    if int(token.text) > 120:
        return False
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if after is not None and after.lower_ in ("yo", "y/o", "yr", "yrs"):
        return True  # "8 yo girl killed"
    if before is None:
        return False
    if before.ent_type_ == "PERSON" or before.lower_ in _SUFFIXES:
        return True  # right after a name: its age
    if before.lower_ in ("both", "all", "each") and token.i >= 3 and token.nbor(-2).text == ",":
        owner = token.nbor(-3)  # "Antoine Sutphen and Ormani Duncan, both 24, died"
        return owner.ent_type_ == "PERSON" or owner.lemma_.lower() in PERSON_NOUNS
    # "boy, 6, dies", "killed Nova Marie Gallman, 2.", "kills man, 18 Jose Estrada"
    if before.text != "," or token.i < 2:
        return False
    owner = token.nbor(-2)
    closed = (
        after is None
        or after.text in (",", ")", ".", ";")
        # "Jamaine Sutton, 32 of Dunbar": the home town after the age
        or (after.lower_ == "of" and after.i + 1 < len(token.doc) and after.nbor().pos_ == "PROPN")
    )
    if owner.lemma_.lower() in PERSON_NOUNS or owner.ent_type_ == "PERSON":
        return closed or (after is not None and after.pos_ == "PROPN")
    return owner.pos_ == "PROPN" and closed  # a name the tagger took for something else


def _number_spans(doc: SpacyDoc, blocked: set[int]) -> Iterator[SpacySpan]:
    """Maximal runs of number tokens, with their modifiers, outside non-count entities
    (``blocked``: their token indices)."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if (
            token.i in blocked
            or not _is_number_token(token)
            or _is_year(token)
            or _pronoun_one(token)
            or _not_a_count_of_people(token)
        ):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and (
            (_is_number_token(doc[end]) and doc[end].i not in blocked)
            or (doc[end].lower_ in ("and", "-", "–", "to", "of") and end + 1 < len(doc)
                and _is_number_token(doc[end + 1]))
        ):  # fmt: skip
            end += 1
        start = _extend_left(doc, i)
        yield doc[start:end]
        i = end


def _count_spans(doc: SpacyDoc, text: str) -> list[SpacySpan]:
    """Number expressions in text order: phrases that start with no number token ("a handful
    of protesters", "several hundred people") first, then runs of number tokens."""
    blocked = {t.i for ent in doc.ents if _not_a_count(ent) for t in ent}
    spans: list[SpacySpan] = []
    for m in _NUMBER_PHRASE.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span) and not any(t.i in blocked for t in span):
            spans.append(span)
    taken = {t.i for span in spans for t in span}
    spans += [s for s in _number_spans(doc, blocked) if not any(t.i in taken for t in s)]
    return sorted(spans, key=lambda s: s.start)


def _not_a_count(ent: SpacySpan) -> bool:
    """Money, percentages, ordinals, and dates or times that really are ones (the small model
    also calls "between 10 and 20 soldiers" a DATE)."""
    if ent.label_ in ("DATE", "TIME"):
        return bool(_TIME_WORDS.search(ent.text))
    return ent.label_ in _NOT_COUNTS


def _pronoun_one(token: Token) -> bool:
    """ "no one", "one another", "the one": "one" as a pronoun counts nothing."""
    if token.lower_ != "one":
        return False
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return before in ("no", "any", "every", "each", "the", "this", "that") or after == "another"


def _is_year(token: Token) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", token.text)) and token.ent_type_ != "CARDINAL"


def _extend_left(doc: SpacyDoc, i: int) -> int:
    """Take in "about", "more than", "at least", "between", "a" before the number."""
    words = APPROX_WORDS + LOWER_WORDS + UPPER_WORDS + ("between", "a", "an", "tens of")
    best = i
    for width in (3, 2, 1):
        if i - width < 0:
            continue
        phrase = " ".join(t.lower_ for t in doc[i - width : i])
        if phrase in words:
            best = min(best, i - width)
            # an approximation can stack on a bound: "up to about 50"
            return _extend_left(doc, best) if best < i else best
    return best


def _counted_noun(number: SpacySpan) -> Token | None:
    """The noun the number counts: its head for "560 troops", the "of" object for "12 of the
    protesters"; None when the number stands alone."""
    root = number.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN"):
        return head
    of_object = _of_object(root)
    if of_object is not None:
        return of_object
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ == "family":
        return root.head.head  # "a family of four": four people
    # "brings the number of US troops in Iraq to 4,647", "the death toll rose to 40"
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "at", "of"):
        verb = root.head.head
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass") and child.lemma_ in _TALLY_NOUNS:
                return _of_object(child) or child
    return None


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})


def _governing(token: Token) -> Token | None:
    """The verb or predicate adjective whose argument the counted phrase is, if it is one
    ("12 people were killed", "killed 12 people", "12 were dead")."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head  # "killed 12 soldiers and 3 civilians"
    of = token.head
    if token.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in _TALLY_NOUNS:
        token = of.head  # "a total of six people were injured"
    if token.dep_ in _ARGUMENT_DEPS:
        head = token.head
        if head.pos_ == "ADJ" and head.lemma_.lower() in VERB_CATEGORIES:
            return head  # "found one man dead"
        if head.pos_ in ("VERB", "AUX"):
            acomp = [c for c in head.children if c.dep_ == "acomp"]
            return acomp[0] if head.lemma_ == "be" and acomp else head
    return None


_PERIODS = frozenset({"year", "day", "week", "month", "decade"})
_CASUALTIES = frozenset({"killed", "injured", "shot"})


def _habitual(verb: Token | None) -> bool:
    """ "kill thousands of people every year", "are injured annually": a rate, no incident."""
    if verb is None:
        return False
    for c in verb.children:
        if c.lower_ in ("annually", "yearly", "daily"):
            return True
        words = [c] + [g for g in c.children if c.dep_ == "prep"]
        for w in words:
            if w.lemma_.lower() in _PERIODS and any(
                d.lower_ in ("every", "each", "a", "per") for d in [*w.children, c]
            ):
                return True
    return False


# A sentence that tallies many incidents ("4 killed, 11 wounded in city shootings Tuesday",
# "seven people dead and 14 injured in a violent weekend", "at least 13 people were shot in
# five incidents", "the third child killed in shootings this year"): its counts are no one
# incident's casualties.
_TALLY = re.compile(
    r"(?i)\b(?:in|across)\s+(?:[\w-]+\s+){0,3}?(?:shootings|incidents|attacks)\b"
    r"|\b(?:separate|such)\s+(?:shootings|incidents|attacks)\b|\bcitywide\b"
    r"|\b(?:in|since|during)\s+(?:19|20)\d\d\b"
    r"|\bacross\s+the\s+(?:city|county|state|country|region)\b"
    r"|\b(?:weekend|holiday)\s+(?:of\s+)?(?:violence|gunfire|shootings|bloodshed)\b"
    r"|\b(?:violent|bloody|deadly)\s+(?:weekend|holiday)\b|\b(?:this|last)\s+year\b"
    r"|\ba\s+(?:series|string|spate|rash|wave)\s+of\b"
    r"|\b(?:in|over|during)\s+the\s+(?:last|past)\s+(?:[\w-]+\s+)?(?:days|weeks|months|years)\b"
    r"|\b(?:over|during|in)\s+(?:an?|the)\s+(?:[\w-]+\s+)?(?:stretch|span)\b"
)


def _tallied(q: Quantity, anchor: Token) -> bool:
    """Whether ``q`` (hanging from ``anchor``) counts casualties of many incidents together
    (``_TALLY`` in its sentence): numbers only, as a single victim in such a sentence is
    still one incident's ("a man is dead and a boy hurt after both were shot in separate
    incidents"). The sentence is read last: ``Token.sent`` walks to its boundaries."""
    count = q.value if q.value is not None else q.low
    return q.category in _CASUALTIES and (count or 0) >= 2 and bool(_TALLY.search(anchor.sent.text))


# Verbs of an aim, not a deed: what their complement would do did not happen (yet).
_INTENT_VERBS = frozenset(
    {"try", "attempt", "plan", "threaten", "vow", "want", "intend", "plot", "conspire",
     "seek", "aim", "hope", "mean", "prepare", "promise"}
)  # fmt: skip


_INTENT_NOUNS = frozenset(
    {"effort", "attempt", "bid", "plan", "plot", "threat", "intent", "intention", "scheme"}
)
# Modals of what ought to be or could have been, not what is ("he should be dead", "could
# have been killed"); "may have been injured" hedges a report, and is counted.
_UNREAL_MODALS = frozenset({"should", "could"})


def _intended(verb: Token) -> bool:
    """Whether ``verb`` is what someone tried, planned or threatened to do ("tried to kill",
    "in an effort to kill himself"), or what only should or could be ("should be dead")."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _INTENT_VERBS:
        return True
    if verb.dep_ == "xcomp" and verb.head.lower_ == "going":
        return True  # "he was going to kill his wife and kids"
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in _INTENT_NOUNS:
        return True
    clause = verb.head if verb.dep_ in ("acomp", "oprd") else verb  # "should be dead"
    return any(c.dep_ == "aux" and c.lower_ in _UNREAL_MODALS for c in clause.children)


# Nouns of events and shots: a number of them is no number of people hurt ("a couple of
# separate shootouts left one suspect dead", "fired 10 rounds, killing ...").
_EVENT_NOUNS = frozenset(
    {"shooting", "shootout", "incident", "attack", "round", "shot", "bullet", "gunshot"}
)


def _category(noun: Token | None, number: SpacySpan) -> str | None:
    if noun is not None and noun.lemma_.lower() in _EVENT_NOUNS:
        return None
    category = _incident_category(noun, number)
    if category in _CASUALTIES:
        anchor = noun if noun is not None else number.root
        if _habitual(_governing(anchor) or _governing(number.root)):
            return "people"  # a rate of casualties is a number of people, not of this incident
    return category


# Verbs whose active subject does the hurting (not "two people died")
_HURTING_VERBS = frozenset({"shoot", "stab", "kill", "wound", "injure", "hurt", "murder"})


def _incident_category(noun: Token | None, number: SpacySpan) -> str | None:
    anchor = noun if noun is not None else number.root
    if any(c.lower_ in _FATAL_MODIFIERS for c in number.root.children):
        return "killed"  # "Four people were shot, two fatally"
    category = None
    if noun is not None:
        category = NOUN_CATEGORIES.get(noun.lemma_.lower()) or NOUN_CATEGORIES.get(noun.lower_)
    # "arrested dozens of protesters": the number, not the noun, is the verb's argument
    verb = _governing(anchor) or _governing(number.root)
    # "killed" as a participle modifying the noun: "12 people killed"
    modifiers = [c for c in anchor.children if c.dep_ in ("acl", "amod", "relcl")]
    results = (
        [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "acomp", "xcomp")]
        if verb is not None and verb.lemma_ in _RESULT_VERBS
        else []
    )
    for candidate in [*modifiers, *results, *([verb] if verb is not None else [])]:
        hurting = (
            candidate.lemma_.lower() in _HIT_PREDICATES
            or VERB_CATEGORIES.get(candidate.lemma_.lower()) in _CASUALTIES
        )
        if hurting and _intended(candidate):
            return "people"  # "tried to kill 2 officers", "planned to kill hundreds"
        if hurting and (
            any(c.dep_ == "neg" for c in candidate.children)  # "were not injured"
            or (  # "two men were shooting at birds", "two gunmen killed a man": the shooters
                candidate.lemma_.lower() in _HURTING_VERBS
                and anchor.dep_ == "nsubj"
                and anchor.head.i == candidate.i
                and not any(c.dep_ == "auxpass" for c in candidate.children)
                # doing it, not a small clause of a result ("left two others injured")
                and (
                    candidate.tag_ == "VBG"
                    or _shot_at(candidate)
                    or any(c.dep_ == "dobj" for c in candidate.children)
                )
            )
        ):
            return category  # what the noun says they are, no casualties
        if candidate.lemma_.lower() in _HIT_PREDICATES and (
            category is None or category in _OVERRIDABLE
        ):
            # "three people were shot": killed or wounded, as the text says (see below)
            outcome = _casualty_outcome(candidate)
            if outcome is not None:
                return outcome
        verb_category = VERB_CATEGORIES.get(candidate.lemma_.lower()) or VERB_CATEGORIES.get(
            candidate.lower_
        )
        if verb_category and (category is None or category in _OVERRIDABLE):
            if verb_category == "troops" and category not in (None, "troops"):
                continue  # "send 50 aid workers" is not troops
            if verb_category == "troops" and noun is None:
                continue
            return verb_category
    return category


CURRENCIES: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "£": "GBP",
    "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "€": "EUR", "eur": "EUR",
    "euro": "EUR", "euros": "EUR", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rupees": "INR",
    "rubles": "RUB", "roubles": "RUB", "dinars": "IQD", "riyals": "SAR", "naira": "NGN",
    "shillings": "KES", "rand": "ZAR", "francs": "CHF", "lira": "TRY", "pesos": "MXN",
}  # fmt: skip
MONEY_SCALES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "bn": 1e9,
    "b": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip
_SCALE_RE = r"(?:k|thousand|m|mn|mln|million|bn|b|billion|tn|trillion)"
_MONEY = re.compile(
    rf"(?i)^(?P<pre>us\$|\$|£|€|¥|usd|gbp|eur)?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*"
    rf"(?P<scale>{_SCALE_RE})?\b\s*(?P<post>[a-z]+)?$"
)
_CURRENCY_WORDS = "|".join(sorted((w for w in CURRENCIES if w.isalpha()), key=len, reverse=True))
# Money in running text: "$1.5bn", "US$ 20 million", "£200,000", "50 million euros".
MONEY_IN_TEXT = re.compile(
    rf"(?i)(?:(?:us\$|\$|£|€|¥)\s?\d[\d,]*(?:\.\d+)?(?:\s?{_SCALE_RE}\b)?"
    rf"|\b\d[\d,]*(?:\.\d+)?(?:\s{_SCALE_RE})?\s(?:{_CURRENCY_WORDS})\b)"
)


def parse_money(text: str) -> tuple[float, str] | None:
    """ "$1.5bn" -> (1.5e9, "USD"), "50 million euros" -> (5e7, "EUR"); None if not money."""
    t = " ".join(text.split())
    t = re.sub(r"(?i)^(?:about|around|some|nearly|almost|over|more than|up to|an estimated)\s+",
               "", t)  # fmt: skip
    m = _MONEY.match(t)
    if m is None:
        return None
    currency = CURRENCIES.get((m["pre"] or "").lower()) or CURRENCIES.get((m["post"] or "").lower())
    if currency is None:
        return None
    value = float(m["n"].replace(",", "")) * MONEY_SCALES.get((m["scale"] or "").lower(), 1.0)
    return value, currency


def _money(doc: SpacyDoc, text: str, matches: list[re.Match[str]]) -> list[tuple[Quantity, Token]]:
    """The money amounts among ``matches`` of MONEY_IN_TEXT in ``doc``'s text."""
    out: list[tuple[Quantity, Token]] = []
    for m in matches:
        ent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if ent is None or len(ent) == 0 or (parsed := parse_money(m.group())) is None:
            continue
        value, currency = parsed
        start = _extend_left(doc, ent.start)
        span = doc[start : ent.end]
        words = text[span.start_char : m.start()]
        bounds = parse_quantity(words + "1")  # the words before it: "about", "over"
        approx = bounds.approx if bounds else False
        low = None if bounds is not None and bounds.low is None else value
        high = None if bounds is not None and bounds.high is None else value
        exact = low is not None and high is not None
        quantity = Quantity(
            value=value if exact else None, low=low, high=high, approx=approx,
            category="money", unit=currency, text=span.text, start=span.start_char,
            end=span.end_char,
        )  # fmt: skip
        out.append((quantity, ent.root))
    return out


def find_quantities(doc: SpacyDoc, text: str) -> list[tuple[Quantity, Token]]:
    """Every quantity in ``doc`` (whose text is ``text``) with the token it hangs from (the
    counted noun or number), money last."""
    out: list[tuple[Quantity, Token]] = []
    money = list(MONEY_IN_TEXT.finditer(text))
    for span in _count_spans(doc, text):
        if any(m.start() < span.end_char and span.start_char < m.end() for m in money):
            continue  # counted as money
        parsed = parse_quantity(span.text)
        after = span.end < len(doc) and doc[span.end]
        unit_text: str | None = None
        category: str | None
        end_char = span.end_char
        distance = _DISTANCE.match(span.text.lower())
        if after and after.lower_ in DISTANCE_UNITS and after.idx == span.end_char and not distance:
            distance = _DISTANCE.match(span.text.lower() + after.lower_)
        if distance or (after and after.lower_ in DISTANCE_UNITS):
            number_text = distance[1] if distance else span.text
            if not distance and after:
                end_char = after.idx + len(after.text)
                unit_text = DISTANCE_UNITS[after.lower_]
            else:
                unit_text = DISTANCE_UNITS[distance[2]] if distance else None
                if distance and after and after.idx == span.end_char:
                    end_char = after.idx + len(after.text)
            prefix = span.text[: span.text.find(number_text)] if number_text in span.text else ""
            parsed = parse_quantity(prefix + number_text)
            category = "distance"
            anchor = span.root
        elif parsed is None:
            continue
        else:
            noun = _counted_noun(span)
            if noun is None and span.root.ent_type_ in _NOT_COUNTS:
                continue
            if noun is not None and noun.lower_ in _NOT_COUNTED:
                continue
            if after and after.lower_ in _NOT_COUNTED:
                continue
            unit_text = noun.text if noun is not None else None
            category = _category(noun, span)
            if unit_text is None and category is None:
                continue  # a number that counts nothing we can name ("call 911", "turned 10")
            anchor = noun if noun is not None else span.root
        if parsed is None:
            continue
        out.append(
            (
                Quantity(
                    value=parsed.value,
                    low=parsed.low,
                    high=parsed.high,
                    approx=parsed.approx,
                    category=category,
                    unit=unit_text,
                    text=text[span.start_char : end_char],
                    start=span.start_char,
                    end=end_char,
                ),
                anchor,
            )
        )
    return out + _money(doc, text, money)


# --- casualties without a number --------------------------------------------------------

# Predicates of casualties (lemmas). Shooting and stabbing wound or kill: which one is said by
# "fatally", "dead", "to death", a killing verb beside them, or a death elsewhere in the text.
_FATAL_PREDICATES = frozenset(
    {
        "kill",
        "murder",
        "slay",
        "execute",
        "assassinate",
        "behead",
        "die",
        "dead",
        "perish",
        "succumb",
        "deceased",
        "decease",
    }
)
_WOUND_PREDICATES = frozenset({"injure", "wound", "hurt", "hospitalize", "hospitalise", "graze"})
_HIT_PREDICATES = frozenset({"shoot", "stab"})
_FATAL_MODIFIERS = frozenset({"fatally", "dead", "mortally"})
_MODIFIER_DEPS = frozenset({"advmod", "oprd", "acomp", "amod"})
# Verbs after which "dead" says what happened to their object or subject ("found dead").
_DEAD_VERBS = frozenset({"find", "pronounce", "declare", "leave", "lie", "be", "confirm"})
# Adjectives of a death ("found dead", "a deceased male") and verbs whose subject died.
_DEAD_ADJECTIVES = frozenset({"dead", "deceased", "decease"})
_DYING_VERBS = frozenset({"die", "perish", "succumb"})
_SUBJECT_DIES = _DEAD_ADJECTIVES | _DYING_VERBS
# Singular nouns for a person: each such victim is one casualty.
PERSON_NOUNS = frozenset(
    {
        "man", "woman", "boy", "girl", "teen", "teenager", "child", "toddler", "baby", "infant",
        "victim", "person", "resident", "driver", "passenger", "student", "mother", "father",
        "brother", "sister", "son", "daughter", "wife", "husband", "girlfriend", "boyfriend",
        "friend", "cousin", "uncle", "aunt", "grandmother", "grandfather", "nephew", "niece",
        "officer", "deputy", "trooper", "policeman", "soldier", "suspect", "gunman", "owner",
        "clerk", "employee", "worker", "customer", "neighbor", "neighbour", "roommate",
        "relative", "youth", "juvenile", "male", "female", "adult", "pedestrian", "bystander",
        "hunter", "homeowner", "civilian", "journalist", "guard", "security guard", "inmate",
        "teacher", "pastor", "farmer", "shopkeeper", "motorist", "cyclist", "tenant",
        "bicyclist", "patron", "hiker", "camper", "classmate", "grandson", "granddaughter",
        "stepson", "stepdaughter", "stepfather", "stepmother", "grandchild", "kid", "fiance",
        "fiancee", "partner", "spouse", "mom", "dad", "mum", "parent", "grandparent",
        "stepbrother", "stepsister", "coworker", "babysitter", "caregiver", "nurse", "doctor",
        "manager", "teammate", "landlord", "individual",
    }
)  # fmt: skip
# Plural nouns that count people only with a number ("three people", "two others").
_PEOPLE_NOUNS = frozenset({"people", "other", "number"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
# Victims any other victim may be ("the victim", "he"): they match any identity.
_ANY_IDENTITY = frozenset({"victim", "person", *_PERSON_PRONOUNS})
# The identity of a shooter who killed himself: none of the people he shot
_SUICIDE = frozenset({"suicide"})
_NAME = "name:"  # identities of named victims ("name:mayhew")
# "the child", "the man", "the 15-year-old": a definite description with a noun that says
# only what kind of person it is points back to someone already told of, as "he" does.
_DEFINITE = "the:"
_GENERIC_PERSONS = frozenset(
    {"man", "woman", "boy", "girl", "teen", "teenager", "child", "kid", "toddler", "baby",
     "infant", "youth", "juvenile", "male", "female", "adult", "youngster", "year-old"}
)  # fmt: skip
_FATAL_EVENT_NOUNS = frozenset({"shooting", "stabbing", "attack", "crash", "accident", "fire"})


@dataclass(frozen=True)
class _Victims:
    quantity: Quantity
    anchor: Token
    outcome: str  # "killed", "injured", or "shot" (killed or injured: the text decides)
    identities: frozenset[str]
    numbered: bool = False  # counted by a number alone ("two men suffered gunshot wounds")


def _predicate_lemma(predicate: Token) -> str:
    """The lemma, with "pass away" read as "die"."""
    lemma = predicate.lemma_.lower()
    if lemma == "pass" and any(
        c.lower_ == "away" and c.i == predicate.i + 1 for c in predicate.children
    ):
        return "die"
    return lemma


def _casualty_outcome(predicate: Token) -> str | None:
    lemma = _predicate_lemma(predicate)
    if any(c.dep_ == "neg" for c in predicate.children):
        return None  # "the father was not hurt", "he was not shot"
    if lemma in _FATAL_PREDICATES:
        if any(c.lower_ in ("nearly", "almost") for c in predicate.children):
            return "injured"  # "a teen was nearly killed in a shooting"
        return "killed"
    fatal = any(
        c.lower_ in _FATAL_MODIFIERS and c.dep_ in _MODIFIER_DEPS for c in predicate.children
    )
    if lemma in _WOUND_PREDICATES:
        return "killed" if fatal else "injured"  # "was fatally wounded"
    if lemma not in _HIT_PREDICATES or predicate.pos_ not in ("VERB", "AUX"):
        return None
    if fatal:
        return "killed"
    for child in predicate.children:
        if child.dep_ == "prep" and any(g.lower_ == "death" for g in child.children):
            return "killed"  # "shot to death", "stabbed to death"
    # "shot and killed"; in a headline also "shot, killed" (parsed as an adverbial clause)
    conjoined = [
        c
        for c in predicate.children
        if c.dep_ == "conj"
        or (
            c.dep_ == "advcl"
            and c.tag_ == "VBN"
            and c.i == predicate.i + 2
            and predicate.nbor().text == ","
        )
    ]
    if predicate.dep_ == "conj":
        conjoined.append(predicate.head)
    if any(
        c.lemma_.lower() in _FATAL_PREDICATES
        and not _own_subject(max(c, predicate))
        and not (_own_object(c) and _own_object(predicate))
        for c in conjoined
    ):
        # "shot and killed"; not "four were shot and two of them died", nor "a woman was
        # killed and a man was shot": the later verb's own subject is someone else; nor
        # "killing a girl and shooting her parents": each verb has its own victims
        return "killed"
    return "shot"


def _shot_at(verb: Token) -> bool:
    """ "shot at police": the subject fired; nobody was hit by what this says."""
    return any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _own_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def _victim_heads(predicate: Token, headline: bool = False) -> list[Token]:
    """The noun phrases a casualty predicate says something happened to. In a headline
    ("Man shot while cleaning handgun") a past tense with no object is a passive without its
    "was"."""
    lemma = _predicate_lemma(predicate)
    if lemma == "succumb" and not _succumbs_to_harm(predicate):
        return []  # "succumbed to pressure" is no death
    passive = any(c.dep_ == "auxpass" for c in predicate.children)
    # "one teen is dead, and another seriously injured": a participle with a subject and no
    # object is a passive whose "was" is left out
    elliptic = (
        predicate.tag_ == "VBN"
        or (headline and predicate.tag_ == "VBD" and not _shot_at(predicate))
    ) and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in predicate.children)
    deps = ("nsubj", "nsubjpass") if lemma in _SUBJECT_DIES or passive or elliptic else ("dobj",)
    heads = [c for c in predicate.children if c.dep_ in deps]
    if not heads and predicate.dep_ == "conj":
        # "was shot and killed": the conjoined verb shares its subject (a passive one only:
        # in "the teen shot and killed himself" the subject is the shooter), and so does a
        # conjoined "died" ("shot himself ... and died")
        shared = ("nsubjpass", "nsubj") if lemma in _DYING_VERBS else ("nsubjpass",)
        heads = [c for c in predicate.head.children if c.dep_ in shared]
        heads += [c for c in predicate.children if c.dep_ == "dobj"]
    dead = lemma in _DEAD_ADJECTIVES
    if dead and predicate.dep_ == "amod" and predicate.head.pos_ in ("NOUN", "PROPN"):
        return [predicate.head]  # "a deceased male", "found a man dead of a gunshot wound"
    if not heads and predicate.dep_ in ("xcomp", "oprd") and predicate.head.lemma_ in _DEAD_VERBS:
        # "was found shot to death", "left him wounded": the victim is the verb's
        verb = predicate.head
        heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not heads and predicate.dep_ == "acl" and (predicate.tag_ == "VBN" or dead):
        heads = [predicate.head]  # "a boy shot Friday", "found a man deceased"
    if dead and not heads and predicate.head.lemma_.lower() in _DEAD_VERBS:
        verb = predicate.head  # "found the man dead", "was found dead"
        heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        if not heads and verb.dep_ == "conj":  # "was airlifted ... and pronounced dead"
            heads = [c for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj")]
        if verb.lemma_.lower() == "find" and any(c.dep_ == "nsubj" for c in verb.children):
            heads = [c for c in heads if c.dep_ != "nsubj"]  # "officers found": the finders
    # "a woman who was shot and killed": the relative pronoun stands for the woman
    clause = predicate if predicate.dep_ == "relcl" else predicate.head
    if clause.dep_ == "relcl":
        heads = [clause.head if h.lower_ in ("who", "that") else h for h in heads]
    return heads


_HARM_NOUNS = frozenset({"injury", "wound", "wounds", "injuries", "gunshot", "burn", "burns"})


_SURVIVABLE = frozenset({"minor", "superficial", "nonfatal", "non-fatal", "stable"})


def _negated(adjective: Token) -> bool:
    """ "non-fatal": the tokenizer splits off "non" and the hyphen."""
    return adjective.i >= 2 and adjective.doc[adjective.i - 2].lower_ == "non"


def _survivable(wound: Token) -> bool:
    """ "non-life threatening injuries", "minor wounds": the wounded lived."""
    words = {c.lower_ for c in wound.subtree if c.i < wound.i}
    return bool(words & _SURVIVABLE) or {"non", "threatening"} <= words


def _succumbs_to_harm(verb: Token) -> bool:
    """ "succumbed" alone or "to his injuries", not "to pressure" (which the parser may take
    for an infinitive: its complements are read whole)."""
    complements = [c for c in verb.rights if c.dep_ in ("prep", "xcomp", "dobj")]
    return not complements or any(
        t.lemma_.lower() in _HARM_NOUNS for c in complements for t in c.subtree
    )


def _age_modifier(token: Token) -> bool:
    """ "13 year old" before a name: the tagger may not take the name for a person."""
    return token.lower_ == "old" and any(
        c.lemma_.lower() in ("year", "month") for c in token.children
    )


def _age_noun(token: Token) -> bool:
    """ "a 16-year-old", "the 13-month-old" used as a noun (split by the tokenizer)."""
    return (
        token.lower_ == "old"
        and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
        and any(c.lemma_.lower() in ("year", "month", "week") for c in token.children)
    )


def _age_apposition(token: Token) -> bool:
    """ "The other, 25, is in critical condition": a number between commas is an age."""
    doc = token.doc
    return (
        0 < token.i < len(doc) - 1
        and doc[token.i - 1].text == ","
        and doc[token.i + 1].text in (",", ")")
    )


def _conjuncts(head: Token) -> list[Token]:
    """``head`` and the nouns conjoined to it, not those of an apposition ("13 people, 11
    males and two females" counts 13)."""
    chain = [head]
    for token in chain:
        for c in token.children:
            if c.dep_ == "conj" and c.i > token.i:
                chain.append(c)
            elif c.dep_ == "appos" and c.pos_ == "NUM" and c.i > token.i:
                # "Dennie Reeves, 66 and Ginger Reeves, 64": the parser hangs the next name
                # on the age (not "Two men, 19 and 20": ages of one phrase)
                chain.extend(
                    g
                    for g in c.children
                    if g.dep_ == "conj" and g.i > c.i and g.pos_ in ("NOUN", "PROPN")
                )
            elif c.dep_ == "appos" and c.lower_ in ("himself", "herself"):
                chain.append(c)  # "man kills 7-year-old daughter, himself"
            elif c.dep_ == "appos" and c.lemma_.lower() == "age" and c.i > token.i:
                # "Two children, ages 3 and 5, and their mother": the parser hangs the next
                # conjunct on the ages
                chain.extend(
                    g for g in c.children if g.dep_ == "conj" and g.pos_ in ("NOUN", "PROPN")
                )
    if head.dep_ in ("nsubj", "nsubjpass"):
        verb = head.head
        if any(c.dep_ == "appos" for c in head.children):
            # "Two children, ages 3 and 5, and their mother have been found dead": after an
            # apposition the parser may make the next conjunct another subject of the verb
            chain.extend(
                c
                for c in verb.children
                if c.dep_ == head.dep_ and c.i > head.i and c.doc[c.left_edge.i - 1].lower_ == "and"
            )
        chain.extend(_along_with(verb))  # "Two boys are dead along with their father"
    return chain


def _along_with(verb: Token) -> list[Token]:
    """The objects of "along with", "together with" on ``verb`` or its predicate adjective,
    not set off by a comma ("found dead, along with two other victims" may say only where)
    nor "others" ("along with two other shooting victims")."""
    holders = [verb, *(c for c in verb.children if c.dep_ in ("acomp", "oprd"))]
    return [
        obj
        for holder in holders
        for adverb in holder.children
        if adverb.dep_ in ("prep", "advmod")
        and adverb.lower_ in ("along", "together")
        and adverb.nbor(-1).text != ","
        for with_ in adverb.children
        if with_.dep_ == "prep" and with_.lower_ == "with"
        for obj in with_.children
        if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN") and not _others(obj)
    ]


def _person_count(head: Token, number_alone: bool = False) -> tuple[int, frozenset[str]] | None:
    """One for each person the (conjoined) noun phrase names without a number, plus the
    numbers of its numbered conjuncts ("two children and a woman": 3; "two men and three
    women": 5); a single number is counted by itself, unless ``number_alone``: in a frame the
    number's own reading does not know ("two men suffered gunshot wounds")."""
    count, identities, unnumbered = 0, set(), False
    values: list[int] = []  # the numbered conjuncts' numbers, in order
    for token in _conjuncts(head):
        if (
            token.dep_ == "conj"
            and token.head.pos_ not in ("NOUN", "PROPN", "PRON")
            and not (token.head.pos_ == "NUM" and token.head.dep_ == "appos")  # an age
        ):
            continue
        numbers = [c for c in token.children if c.dep_ == "nummod"]
        if numbers or token.pos_ == "NUM":
            value = parse_number(numbers[0].text) if len(numbers) == 1 else None
            lemma = token.lemma_.lower()
            if not numbers and number_alone and not _age_apposition(token):
                # "Two were taken to a hospital": the number is the people; it says nothing
                # of who they are (an identity that matches only other bare numbers)
                value, lemma = parse_number(token.text), "number"
            if (
                value is None
                or not value.is_integer()
                or (lemma not in PERSON_NOUNS and lemma not in _PEOPLE_NOUNS)
            ):
                return None  # counted by its number
            values.append(int(value))
            identities.add(lemma)
            continue
        unnumbered = True
        lemma = token.lemma_.lower()
        person = (
            lemma in PERSON_NOUNS
            or lemma.endswith("year-old")
            or token.ent_type_ == "PERSON"
            or (token.tag_ == "NNP" and any(_age_modifier(c) for c in token.children))
        )
        if token.tag_ in ("NN", "NNP") and person:
            count += 1
            if token.ent_type_ == "PERSON":
                # each word of the name: "Printess Winston IV" is "Printess Winston"
                identities.update(_NAME + part for part in _name_words(token))
            else:
                identities.add(lemma)
            generic = lemma in _GENERIC_PERSONS or lemma.endswith("year-old")
            if (_definite(token) and generic) or _kin_of_someone(token):
                identities.add(_DEFINITE)
            if token.dep_ != "dobj" and any(
                c.lower_ in ("another", "other") for c in token.children
            ):
                # "another man was wounded": not one told of before; "he shot another man"
                # is only someone other than the shooter
                identities.add("another")
        elif (
            token.tag_ == "NNS"
            and lemma in PERSON_NOUNS
            and (any(c.lower_ == "both" for c in token.children) or lemma in _PAIRS)
        ):
            count += 2  # "both victims", "Eva's parents"
            identities.add(lemma)
        elif token.tag_ == "NN" and lemma == "couple":
            count += 2  # "a couple and their two children"
            identities.add(lemma)
        elif _age_noun(token):
            count += 1  # "a 16-year-old was shot": the age stands for the person
            identities.update(("year-old", _DEFINITE) if _definite(token) else ("year-old",))
        elif token.lower_ in _PERSON_PRONOUNS or (
            token.lower_ == "another" and token.pos_ == "PRON"
        ):
            count += 1  # "he"; "a man was killed and another was wounded"
            identities.add(token.lower_)
    if (
        values
        and not (unnumbered and count)
        and (unnumbered or len(values) < 2)
        and not number_alone
    ):
        return None  # one number alone, or with a conjunct that is no person
    if len(values) >= 3 and not unnumbered and values[0] == sum(values[1:]):
        values = values[:1]  # "13 people, 11 males and two females": a breakdown of 13
    count += sum(values)
    return (count, frozenset(identities)) if count else None


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


_PAIRS = frozenset({"parent", "grandparent"})  # a person's parents are two
_KIN = frozenset(
    {"son", "daughter", "brother", "sister", "cousin", "friend", "wife", "husband", "father",
     "mother", "nephew", "niece", "uncle", "aunt", "grandson", "granddaughter", "girlfriend",
     "boyfriend", "stepson", "stepdaughter", "grandmother", "grandfather", "child"}
)  # fmt: skip


def _kin_of_someone(noun: Token) -> bool:
    """ "his cousin", "her son": someone known by whom they are to a person told of."""
    return noun.lemma_.lower() in _KIN and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in noun.children
    )


def _name_words(token: Token) -> list[str]:
    """The words of the person's name ``token`` heads, without a suffix ("Jr.", "IV")."""
    words = [c for c in token.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"]
    return [w.lower_ for w in [*words, token] if w.lower_.rstrip(".") not in _NAME_SUFFIXES]


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})


def _phrase(head: Token) -> tuple[int, int]:
    """Character span of a victim phrase: its head with what precedes it ("a 22-year-old
    man") and its conjuncts ("a man and his son"), without clauses after it."""
    nouns = [t for t in _conjuncts(head) if t.pos_ in ("NOUN", "PROPN", "PRON")]
    last = max([head, *nouns], key=lambda t: t.i)
    start = head.left_edge.idx
    return start, last.idx + len(last.text)


def _victims(text: str, head: Token, outcome: str, number_alone: bool = False) -> _Victims | None:
    counted = _person_count(head, number_alone)
    if counted is None:
        return None
    count, identities = counted
    start, end = _phrase(head)
    quantity = Quantity(
        value=count, low=count, high=count, category=outcome, unit=head.text,
        text=text[start:end], start=start, end=end,
    )  # fmt: skip
    numbered = head.pos_ == "NUM" or any(c.dep_ == "nummod" for c in head.children)
    return _Victims(quantity, head, outcome, identities, numbered and number_alone)


_CONDITIONS = frozenset({"critical", "serious", "stable", "fair", "good", "grave", "satisfactory"})
_HOSPITAL_VERBS = frozenset({"take", "rush", "airlift", "fly", "transport", "hospitalize",
                             "hospitalise", "admit", "treat", "carry"})  # fmt: skip
_STRUCK_VERBS = frozenset({"strike", "hit", "graze"})


def _hurt_predicate(token: Token) -> Token | None:
    """The verb whose subject is hurt, for "X is in critical condition", "X was rushed to a
    hospital", "X was treated for injuries", "X was struck in the neck"; else None."""
    if (
        token.lower_ == "condition"
        and token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and any(c.lower_ in _CONDITIONS for c in token.children)
    ):
        verb = token.head.head
        return verb if verb.pos_ in ("VERB", "AUX") else None
    lemma = token.lemma_.lower()
    if (
        lemma == "recover"
        and token.tag_ == "VBG"
        and not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)
    ):
        return token  # "the girl is recovering": the police recovering a gun recover a thing
    if token.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in token.children):
        return None
    if lemma in _STRUCK_VERBS:
        return token
    if lemma in _HOSPITAL_VERBS and _to_hospital(token):
        return token
    return None


def _to_hospital(verb: Token) -> bool:
    objects = [g for c in verb.children if c.dep_ == "prep" for g in c.children]
    return any(o.lemma_.lower() in ("hospital", "injury", "wound") for o in objects)


def _in_hospital(token: Token) -> Token | None:
    """The verb of "X is in the hospital", "X remains in hospital": its subject is hurt."""
    verb = token.head.head
    if (
        token.lower_ == "hospital"
        and token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and verb.lemma_.lower() in ("be", "remain", "stay")
    ):
        return verb
    return None


def _carried_to_hospital(verb: Token) -> list[Token]:
    """Whom "paramedics took the man to a hospital" tells of: the object of an active verb
    of taking someone to hospital."""
    if (
        verb.pos_ != "VERB"
        or verb.lemma_.lower() not in _HOSPITAL_VERBS
        or any(c.dep_ == "auxpass" for c in verb.children)
        or not _to_hospital(verb)
    ):
        return []
    return [c for c in verb.children if c.dep_ == "dobj"]


_FINDING_VERBS = frozenset({"find", "locate", "discover", "leave"})


def _antecedent(head: Token) -> Token:
    """The noun a relative pronoun stands for ("a woman who suffered ..."), else ``head``."""
    clause = head.head
    if head.lower_ in ("who", "that") and clause.dep_ == "relcl":
        return clause.head
    return head


def _wounded(verb: Token) -> list[Token]:
    """Who has the wound of "suffered a wound", "was found with a wound": the subject, or
    the object of a finding verb ("officers found the girl with a gunshot wound")."""
    if verb.lemma_.lower() in _FINDING_VERBS:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects:
            return objects
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]  # "two victims suffering from gunshot wounds"
    return [_antecedent(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def find_victims(
    doc: SpacyDoc, text: str, headline: tuple[int, int] | None = None
) -> list[_Victims]:
    """Casualties named without a number: each victim phrase of a casualty predicate
    (``text`` is the text of ``doc``; ``headline``: where the title stands in it)."""
    # One pass over the tokens; the patterns' findings are kept apart so that they are
    # taken in this order when one phrase is found twice.
    predicates: list[_Victims | None] = []
    wounds: list[_Victims | None] = []
    hurts: list[_Victims | None] = []
    deaths: list[_Victims | None] = []
    unnamed: list[_Victims | None] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if (
            token.pos_ in ("VERB", "AUX", "ADJ")
            and not _intended(token)  # "tried to kill his wife"
            and (outcome := _casualty_outcome(token))
        ):
            in_headline = headline is not None and token.idx < headline[1]
            predicates.extend(
                _victims(text, head, outcome) for head in _victim_heads(token, in_headline)
            )
        # "was found with a gunshot wound", "suffered fatal injuries": the subject's wound
        if (
            lemma in ("wound", "injury")
            and token.dep_ in ("pobj", "dobj")
            and token.head.lower_ != "without"  # "escaped without injury"
            and not any(c.lower_ == "no" for c in token.children)  # "suffered no injuries"
        ):
            verb = token.head.head if token.dep_ == "pobj" else token.head
            fatal = any(c.lower_ in ("fatal", "mortal") and not _negated(c) for c in token.children)
            outcome = "killed" if fatal else "injured" if _survivable(token) else "shot"
            if verb.pos_ in ("NOUN", "PROPN") and token.head.lower_ == "with":
                wounds.append(_victims(text, verb, outcome, True))  # "a man with a wound"
            elif verb.pos_ in ("VERB", "AUX"):
                wounds.extend(_victims(text, head, outcome, True) for head in _wounded(verb))
        # "in critical condition", "taken to a hospital", "treated for injuries", "was struck
        # in the neck": a wound, deadly or not, as the rest of the text will say
        if (hurt := _hurt_predicate(token) or _in_hospital(token)) is not None:
            subjects = (c for c in hurt.children if c.dep_ in ("nsubj", "nsubjpass"))
            hurts.extend(_victims(text, _antecedent(head), "shot", True) for head in subjects)
        hurts.extend(_victims(text, head, "shot", True) for head in _carried_to_hospital(token))
        # "turned the gun on himself", "committed suicide", "took his own life" ("killed
        # himself" is a casualty predicate's object)
        suicide = _suicide(token)
        if (
            suicide is not None
            and not (token.dep_ == "dobj" and token.lower_ in ("himself", "herself"))
            and not _intended(suicide)
            and not any(c.dep_ == "neg" for c in suicide.children)
        ):
            start, end = suicide.idx, token.idx + len(token.text)
            quantity = Quantity(value=1, low=1, high=1, category="killed", unit="people",
                                text=text[start:end], start=start, end=end)  # fmt: skip
            deaths.append(_Victims(quantity, token, "killed", _SUICIDE))
        if token.pos_ != "NOUN":
            continue
        # "the shooting death of a 14-year-old boy", "the killing of his wife"
        if lemma in ("death", "killing", "murder", "slaying"):
            of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
            victims = [o for p in of for o in p.children if o.dep_ == "pobj"]
            deaths.extend(_victims(text, head, "killed") for head in victims)
            shooting = [c for c in token.children if c.dep_ == "compound" and
                        c.lower_ in ("shooting", "stabbing")]  # fmt: skip
            if lemma == "death" and token.tag_ == "NN" and shooting and not victims:
                # "an accidental shooting death": at least one killed, victim unnamed
                start, end = shooting[0].idx, token.idx + len(token.text)
                quantity = Quantity(value=None, low=1, category="killed", unit=token.text,
                                    text=text[start:end], start=start, end=end)  # fmt: skip
                unnamed.append(_Victims(quantity, token, "killed", frozenset({"victim"})))
        # "a fatal shooting", "a deadly stabbing": at least one killed, victim unnamed
        if lemma in _FATAL_EVENT_NOUNS:
            adjectives = [
                c
                for c in token.children
                if c.lower_ in ("fatal", "deadly") and c.dep_ == "amod" and not _negated(c)
            ]
            if adjectives:
                start, end = adjectives[0].idx, token.idx + len(token.text)
                quantity = Quantity(value=None, low=1, category="killed", unit=token.text,
                                    text=text[start:end], start=start, end=end)  # fmt: skip
                unnamed.append(_Victims(quantity, token, "killed", frozenset({"victim"})))
    out = [*predicates, *wounds, *hurts, *deaths, *unnamed]
    # "shot himself ... and died": the reflexive is the subject, counted already
    anchors = {v.anchor.i for v in out if v is not None}
    out = [
        v
        for v in out
        if v is None
        or v.anchor.lower_ not in ("himself", "herself")
        or not any(c.dep_ == "nsubj" and c.i in anchors for c in v.anchor.head.children)
    ]
    # One phrase, one count: "was shot and killed" names its victim twice.
    unique = {(v.quantity.start, v.quantity.end): v for v in out if v and v.outcome != "shot"}
    for v in filter(None, out):
        unique.setdefault((v.quantity.start, v.quantity.end), v)
    return sorted(unique.values(), key=lambda v: v.quantity.start)


_MALE = frozenset({"he", "him", "himself", "man", "boy", "father", "son", "brother", "husband",
                   "boyfriend", "male", "uncle", "nephew", "grandfather", "policeman"})  # fmt: skip
_FEMALE = frozenset({"she", "her", "herself", "woman", "girl", "mother", "daughter", "sister",
                     "wife", "girlfriend", "female", "aunt", "niece", "grandmother"})  # fmt: skip


_MINOR = frozenset({"child", "kid", "boy", "girl", "toddler", "baby", "infant", "teen",
                    "teenager", "juvenile", "youngster"})  # fmt: skip
_GROWN = frozenset({"man", "woman", "adult", "mother", "father", "husband", "wife",
                    "grandmother", "grandfather"})  # fmt: skip


def _kind(identities: frozenset[str], first: frozenset[str], second: frozenset[str]) -> int:
    """1 when the identities say only ``first``, 2 only ``second``, else 0."""
    one, two = bool(identities & first), bool(identities & second)
    return 1 if one and not two else 2 if two and not one else 0


def _contrary(a: frozenset[str], b: frozenset[str]) -> bool:
    """One man and one woman, or a child and a grown-up: never one person."""
    return any(
        (x := _kind(a, first, second)) and (y := _kind(b, first, second)) and x != y
        for first, second in ((_MALE, _FEMALE), (_MINOR, _GROWN))
    )


def _same_victim(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two victim phrases may be one person: the same noun or name, a pronoun, "the
    victim" or a definite description ("the child"), or a name and a description ("Ryan
    Mayhew" / "a 17-year-old student"); never one man and one woman ("he was wounded; she
    was killed"), a child and a grown-up, or "another"."""
    if _contrary(a, b) or "another" in a | b:
        return False  # "a man was killed and another was wounded"
    if a & b or a & _ANY_IDENTITY or b & _ANY_IDENTITY or _DEFINITE in a | b:
        return True
    names_a = {i for i in a if i.startswith(_NAME)}
    names_b = {i for i in b if i.startswith(_NAME)}
    return bool(names_a) != bool(names_b)


def settle_shootings(
    victims: list[_Victims], numbers: list[tuple[Quantity, Token]]
) -> list[tuple[Quantity, Token]]:
    """What the text says became of the people shot: a victim phrase shot is injured unless
    the same victim is reported killed (then it is that death, not also an injury); a number
    of people shot is injured when the text reports no death, else it stays ``shot`` (some
    of them may be the dead)."""
    # a number inside a victim phrase that counts more ("Two children and a woman"): the
    # phrase's count includes it; or as many, when the number says only that they are
    # people ("Two men suffered gunshot wounds") or says what the phrase says
    numbers = [
        (q, anchor)
        for q, anchor in numbers
        if not any(
            v.quantity.start <= q.start
            and q.end <= v.quantity.end
            and (
                (v.quantity.value or 0) > (q.value or 0)
                or (v.quantity.value == q.value and q.category in (None, "people", v.outcome))
            )
            for v in victims
        )
    ]
    # the dead whom people shot may be (a shooter's suicide is the death of none of them)
    of_the_shot = [v for v in victims if v.outcome == "killed" and v.identities != _SUICIDE]
    killed = [v.identities for v in of_the_shot]
    any_killed = bool(killed) or any(q.category == "killed" for q, _ in numbers)
    # an unnamed death ("a fatal shooting") is at least one of the dead
    dead = sum(v.quantity.value or v.quantity.low or 0 for v in of_the_shot)
    out: list[tuple[Quantity, Token]] = []
    for v in victims:
        if v.outcome == "shot" and v.numbered:
            # a number of people hurt is a number shot: the injured unless someone died, or
            # they are "others" than the dead
            shot = any_killed and "other" not in v.identities and not _others(v.anchor)
            out.append((v.quantity if shot else _as_injured(v.quantity), v.anchor))
        elif v.outcome == "shot":
            count = v.quantity.value or 0
            also = any(c.lower_ == "also" for c in v.anchor.head.children)  # others, then
            if not also and any(_same_victim(v.identities, k) for k in killed):
                if count <= dead:
                    continue  # they may be the dead
                # more people than the dead: the rest lived ("a 13-year-old boy and six
                # other people were shot", the boy killed: six injured)
                rest = count - dead
                update = {"value": rest, "low": rest, "high": rest, "category": "injured"}
                out.append((v.quantity.model_copy(update=update), v.anchor))
                continue
            out.append((_as_injured(v.quantity), v.anchor))
        elif v.outcome == "injured" and any(
            k.outcome == "killed"
            and k.quantity.start > v.quantity.start
            and (
                v.identities & (k.identities - _ANY_IDENTITY - {_DEFINITE})  # not "he"
                or (_DEFINITE in k.identities and _same_victim(v.identities, k.identities))
            )
            for k in victims
        ):
            # "a boy was injured ... the boy (the child) has died": the later report stands
            continue
        else:
            out.append((v.quantity, v.anchor))
    for q, anchor in numbers:
        if q.category == "shot" and (not any_killed or _others(anchor)):
            q = _as_injured(q)  # no death told, or "two others were shot": not the dead
        out.append((q, anchor))
        if q.category == "shot" and (survivors := _survivors(q, anchor, numbers)) is not None:
            out.append(survivors)
    out.extend(_killed_with_the_killer(victims))
    return out


_KILLER_DEPS = frozenset({"conj", "advcl", "pcomp", "prep", "xcomp", "dep"})
_WEAPONS = frozenset({"gun", "weapon", "rifle", "pistol", "handgun", "shotgun", "firearm"})


def _suicide(token: Token) -> Token | None:
    """The verb of the suicide ``token`` tells, if it tells one: the reflexive of "killed
    himself" or "turned the gun on herself", "suicide" in "committed suicide", "life" in
    "took his own life"."""
    head, lemma = token.head, token.lemma_.lower()
    if token.lower_ in ("himself", "herself"):
        if token.dep_ == "dobj":
            return head
        if (
            token.dep_ == "pobj"
            and head.lower_ == "on"
            and head.head.lemma_.lower() == "turn"
            and any(c.dep_ == "dobj" and c.lemma_.lower() in _WEAPONS for c in head.head.children)
        ):
            return head.head
        return None
    if token.dep_ != "dobj":
        return None
    if lemma == "suicide" and head.lemma_.lower() == "commit":
        return head
    if (
        lemma == "life"
        and head.lemma_.lower() == "take"
        and any(c.lower_ == "own" for c in token.children)
    ):
        return head
    return None


def _killer(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it goes with ("shot his daughter and then
    killed himself", "shot her before killing himself")."""
    for _ in range(6):  # "shot his wife before setting the house on fire and killing himself"
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
        if verb.dep_ not in _KILLER_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _killed_with_the_killer(victims: list[_Victims]) -> list[tuple[Quantity, Token]]:
    """ "A man shot his 7-year-old daughter to death and then killed himself": the dead of
    one sentence, the killer with those he killed, counted together (each phrase counts
    only its own)."""
    out: list[tuple[Quantity, Token]] = []
    for own in victims:
        anchor = own.anchor
        suicide = _suicide(anchor) if own.outcome == "killed" else None
        killer = _killer(suicide) if suicide is not None else None
        if suicide is None or killer is None:
            continue
        killed = [
            v
            for v in victims
            if v.outcome == "killed"
            and v is not own
            and v.anchor.dep_ == "dobj"
            and v.anchor.head.i != suicide.i
            and v.anchor.sent.start == anchor.sent.start
            and (other := _killer(v.anchor.head)) is not None
            and other.i == killer.i
        ]
        if not killed or any(v.quantity.value is None for v in killed):
            continue
        total = sum(v.quantity.value or 0 for v in killed) + 1
        start = min(own.quantity.start, *(v.quantity.start for v in killed))
        end = max(own.quantity.end, *(v.quantity.end for v in killed))
        quantity = Quantity(
            value=total, low=total, high=total, category="killed", unit="people",
            text=anchor.doc.text[start:end], start=start, end=end,
        )  # fmt: skip
        out.append((quantity, anchor))
    return out


def _others(noun: Token) -> bool:
    """ "two others", "two other people": people besides those already told of."""
    return noun.lemma_.lower() == "other" or any(
        c.lower_ == "other" and c.dep_ == "amod" for c in noun.children
    )


def _as_injured(q: Quantity) -> Quantity:
    return q.model_copy(update={"category": "injured"})


def _survivors(
    shot: Quantity, anchor: Token, numbers: list[tuple[Quantity, Token]]
) -> tuple[Quantity, Token] | None:
    """ "Four people were shot, two fatally": the other two are injured. The quantity's text
    runs from the number shot to the word that says how many died."""
    verb = _governing(anchor)
    if verb is None or shot.value is None:
        return None
    for q, other in numbers:
        if q.category != "killed" or q.value is None or other.head.i not in (verb.i, anchor.i):
            continue
        fatal = [c for c in other.children if c.lower_ in _FATAL_MODIFIERS]
        if not fatal or q.value >= shot.value:
            continue
        end = fatal[0].idx + len(fatal[0].text)
        doc = anchor.doc
        injured = shot.value - q.value
        quantity = Quantity(
            value=injured, low=injured, high=injured, approx=shot.approx, category="injured",
            unit=shot.unit, text=doc.text[shot.start : end], start=shot.start, end=end,
        )  # fmt: skip
        return quantity, anchor
    return None


_CONFLICT_CATEGORIES = frozenset(
    {"killed", "injured", "arrested", "abducted", "displaced", "missing", "detained"}
)


def mark_conflicts(
    quantities: list[Quantity], links: list[list[int]], events: list[Event]
) -> list[Quantity]:
    """Mark counts of one category that differ for one incident: the same event, or events of
    the same type at the same place (an incident told twice, by two sources)."""
    groups: dict[tuple[str, str, int | None], set[int]] = defaultdict(set)
    for i, (q, linked) in enumerate(zip(quantities, links, strict=True)):
        if q.category not in _CONFLICT_CATEGORIES or _part_of_a_count(q, quantities):
            continue
        for e in linked:
            event = events[e]
            place = event.location.geonameid if event.location else None
            groups[(q.category, event.plover.type, place)].add(i)
    conflicting: set[int] = set()
    for members in groups.values():
        values = {quantities[i].value if quantities[i].value is not None else
                  (quantities[i].low, quantities[i].high) for i in members}  # fmt: skip
        if len(values) > 1:
            conflicting |= members
    return [
        q.model_copy(update={"conflicting": True}) if i in conflicting else q
        for i, q in enumerate(quantities)
    ]


def _part_of_a_count(q: Quantity, quantities: list[Quantity]) -> bool:
    """Whether a larger count of ``q``'s category spans it ("shot his daughter to death and
    then killed himself" counts 2, its "his daughter" 1): a part, not another count."""
    return any(
        o.category == q.category
        and o.start <= q.start
        and q.end <= o.end
        and (o.start, o.end) != (q.start, q.end)
        and (o.value or 0) > (q.value or 0)
        for o in quantities
    )


# --- headline casualties ------------------------------------------------------------------

# Headlines drop the auxiliaries and the articles the parser leans on ("3 shot, 1 dead in
# overnight shooting", "Shooting kills 1, wounds 1", "6 Hurt in 2 Downtown Minneapolis
# Shootings"), and title case misleads it further; their casualty counts are read by pattern.
_HEADLINE_NUMBER = (
    r"(?P<n>\d{1,3}|"
    + "|".join(sorted((w for w, v in UNITS.items() if 1 <= v <= 20), key=len, reverse=True))
    + r")"
)
_HEADLINE_PEOPLE = (
    r"(?:people|persons?|men|women|man|woman|teens?|teenagers?|children|child|kids?|boys?|"
    r"girls?|officers?|deputies|deputy|troopers?|students?|adults?|others|victims?)"
)
# up to two words between the number and the people ("2 Chicago police officers shot"), none
# of them a word of time or a preposition ("3 years after man shot" counts nobody)
_HEADLINE_FILLER = (
    r"(?:(?!(?:years?|days?|weeks?|months?|hours?|after|before|in|at|of|on|for|from|since|ago|"
    r"times|and|as)\b)[\w'.-]+\s+){0,2}?"
)
_COUNT_THEN_HURT = re.compile(
    rf"(?i)(?<![\w$.,-]){_HEADLINE_NUMBER}(?:\s+{_HEADLINE_FILLER}{_HEADLINE_PEOPLE})?"
    r"\s+(?:(?:were|are|was|is|have\s+been|has\s+been)\s+)?(?:(?P<how>fatally|critically|"
    r"seriously|mortally)\s+)?(?P<what>shot|hurt|injured|wounded|killed|dead|slain|"
    r"hospitali[sz]ed)\b(?P<death>\s+(?:to\s+death|dead))?"
)
_HURT_THEN_COUNT = re.compile(
    r"(?i)\b(?P<verb>kills|killed|killing|wounds|wounded|wounding|injures|injured|injuring|"
    r"hurts|shoots|shot|shooting)\s+"
    rf"(?:at\s+least\s+)?(?:{_HEADLINE_NUMBER}|another)\b(?!\s*(?:times|rounds|shots|bullets|-|%|years?|"
    rf"days?|weeks?|months?|hours?|minutes?|miles?|mi|km|kilometers?|feet|ft|blocks?|yards?|"
    rf"meters?|mph|[ap]\.?m\.?)\b)(?:\s+{_HEADLINE_FILLER}{_HEADLINE_PEOPLE}\b)?"
)
# "Father of 5 killed": the five are his children
_KIN_OF = re.compile(r"(?i)\b(?:father|mother|dad|mom|mum|parent|grand\w+)\s+of\s+$")
# "One of 5 shot in billiards bar dies": one of the five is dead
_ONE_OF_THEM_DIES = re.compile(
    rf"(?i)\b{_HEADLINE_NUMBER.replace('<n>', '<k>')}\s+of\s+(?:the\s+)?{_HEADLINE_NUMBER}\s+"
    r"(?:people\s+)?shot\b[^,;:]*?\b(?:dies|died|dead)\b"
)
_HEADLINE_OUTCOMES = {
    "shot": "shot", "shoots": "shot", "hurt": "injured", "hurts": "injured",
    "injured": "injured", "injures": "injured", "wounded": "injured", "wounds": "injured",
    "hospitalized": "injured", "hospitalised": "injured", "killed": "killed",
    "kills": "killed", "dead": "killed", "slain": "killed", "killing": "killed",
    "wounding": "injured", "injuring": "injured", "shooting": "shot",
}  # fmt: skip


# A death told with no count: "charged in shooting death"
_UNNAMED_DEATH = re.compile(r"(?i)\b(?:shooting|stabbing|gunshot)\s+(?P<noun>deaths?)\b")
# One person who died, the headline's subject: "Boy who was shot in the face has died",
# "Woman injured in drive-by shooting dies" (title case misleads the parser)
_ONE_DIES = re.compile(
    r"(?i)^(?:[\w ]{1,20}:\s+)?(?:[\w'’.-]+\s+){0,3}?(?P<noun>man|woman|boy|girl|teen|"
    r"teenager|child|toddler|baby|infant|victim|student|officer|deputy|mom|mother|father|dad|"
    r"son|daughter|\d{1,3}-(?:year|month)-old)\b[^,;:|]*?\b(?:dies|has\s+died|died|"
    r"passes\s+away|has\s+passed\s+away|passed\s+away|succumbs)\b"
)


def headline_span(title: str | None, text: str) -> tuple[int, int] | None:
    """Where the article's title stands in its cleaned ``text``: its first line, when that
    line is (part of) the title."""
    if not title:
        return None
    end = text.find("\n")
    end = len(text) if end < 0 else end
    first = " ".join(text[:end].split()).casefold()
    return (0, end) if first and first in " ".join(title.split()).casefold() else None


def headline_casualties(text: str, start: int, end: int) -> list[Quantity]:
    """The casualty counts of the headline ``text[start:end]``: killed, injured, and "shot"
    (killed or injured) where the headline tells no death. A number shot counts the dead
    the headline names ("3 shot, 1 dead": two injured, one killed), as GVA counts."""
    headline = text[start:end]
    found: list[tuple[int, int, float, str]] = []  # (start, end, value, outcome)
    taken: list[tuple[int, int]] = []
    for m in _ONE_OF_THEM_DIES.finditer(headline):
        found.append((m.start(), m.end(), _headline_value(m["k"]), "killed"))
    for m in _COUNT_THEN_HURT.finditer(headline):
        if _KIN_OF.search(headline, 0, m.start()):
            continue
        outcome = _HEADLINE_OUTCOMES[m["what"].lower()]
        how = (m["how"] or "").lower()
        if how in ("fatally", "mortally") or m["death"]:  # "3 people shot to death"
            outcome = "killed"
        elif how and outcome == "shot":
            outcome = "injured"  # "critically shot"
        found.append((m.start(), m.end(), _headline_value(m["n"]), outcome))
        taken.append(m.span("n"))
    for m in _HURT_THEN_COUNT.finditer(headline):
        n_start, n_end = m.span("n") if m["n"] else (m.end(), m.end())
        if any(a < n_end and n_start < b for a, b in taken):
            continue  # "1 killed 2 injured": the two are the injured
        value = _headline_value(m["n"]) if m["n"] else 1.0  # "critically injures another"
        found.append((m.start(), m.end(), value, _HEADLINE_OUTCOMES[m["verb"].lower()]))
    dead = sum(value for _, _, value, outcome in found if outcome == "killed")
    out: list[Quantity] = []
    unnamed = (_UNNAMED_DEATH.search(headline) or _ONE_DIES.search(headline)) if not dead else None
    if unnamed is not None:
        # "Man charged in shooting death": someone died, how many the headline does not say
        out.append(
            Quantity(
                value=None,
                low=1,
                category="killed",
                unit=unnamed["noun"],
                text=unnamed[0],
                start=start + unnamed.start(),
                end=start + unnamed.end(),
            )
        )
    for a, b, value, outcome in sorted(found):
        if outcome == "shot" and dead:
            if value <= dead:
                continue  # they are the dead
            value, outcome = value - dead, "injured"
        out.append(
            Quantity(
                value=value,
                low=value,
                high=value,
                category=outcome,
                text=headline[a:b],
                start=start + a,
                end=start + b,
            )
        )
    return out


def _headline_identity(q: Quantity) -> frozenset[str]:
    """Who a headline's death without a count is: the person its noun names, else anyone."""
    noun = (q.unit or "").lower()
    if noun.endswith("-old"):
        return frozenset({"year-old"})
    return frozenset({noun if noun in PERSON_NOUNS else "victim"})


def _headline_value(number: str) -> float:
    """A number the headline patterns matched: digits or a number word (``parse_number``)."""
    return parse_number(number) or 0.0


def attached_to(trigger: Token, anchor: Token) -> bool:
    """Whether the quantity hanging from ``anchor`` belongs to the event of ``trigger``:
    the trigger is reached going up from it without passing another verb, or the trigger is
    a participle or relative clause on the counted noun ("12 people killed")."""
    if trigger.head.i == anchor.i and trigger.dep_ in ("acl", "relcl"):
        return True
    token = anchor
    while True:
        if token.i == trigger.i:
            return True
        if token.i != anchor.i and token.pos_ in ("VERB", "AUX"):
            return False
        if token.dep_ in ("relcl", "acl"):
            return False  # a relative clause is a clause of its own
        if token.head.i == token.i:
            return False
        token = token.head


@stage("quantities", reads=("spacy", "events"), writes=("quantities", "events.quantities"))
def make_quantities() -> StageFn:
    def run(doc: Document) -> None:
        parsed = doc.parsed
        # spaCy rebuilds Doc.text from the tokens on each access: read it once.
        text = parsed.text
        headline = headline_span(doc.article.title, text)
        victims = find_victims(parsed, text, headline)
        numbers = find_quantities(parsed, text)
        read: list[Quantity] = headline_casualties(text, *headline) if headline else []
        if headline is not None and any(
            v.outcome == "killed" and v.quantity.start < headline[1] for v in victims
        ):
            # "shooting death of Detroit man": the parse names and counts the dead
            read = [q for q in read if q.value is not None]
        if read:
            # the headline's counts read by pattern stand for what the parse made of their
            # words (a victim it names apart stays: "Father of 5 killed ...")
            def overlapped(q: Quantity) -> bool:
                return any(r.start < q.end and q.start < r.end for r in read)

            victims = [v for v in victims if not overlapped(v.quantity)]
            numbers = [
                (q, a) for q, a in numbers if not (q.category in _CASUALTIES and overlapped(q))
            ]
            for q in read:
                words = parsed.char_span(q.start, q.end, alignment_mode="expand")
                if words is None or not len(words):
                    continue
                if q.value is None:
                    # someone died: any victim the text goes on to tell of may be them, or
                    # one of the kind the headline says ("Man shot on 22nd Street dies")
                    victims.append(_Victims(q, words[0], "killed", _headline_identity(q)))
                else:
                    numbers.append((q, words[0]))
            victims.sort(key=lambda v: v.quantity.start)
        found = [
            (q.model_copy(update={"category": "people"}) if _tallied(q, anchor) else q, anchor)
            for q, anchor in settle_shootings(victims, numbers)
        ]  # fmt: skip
        found.sort(key=lambda item: item[0].start)
        from_headline = {(q.start, q.end) for q in read}
        links: list[list[int]] = [[] for _ in found]  # events each quantity belongs to
        for e, event in enumerate(doc.events):
            trig = event.evidence.trigger
            span = parsed.char_span(trig.start, trig.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            in_headline = headline is not None and trig.start < headline[1]
            for i, (q, anchor) in enumerate(found):
                if (q.start, q.end) in from_headline:
                    # a headline tells one incident: its counts are its violent events'
                    if in_headline and event.plover.type == "ASSAULT":
                        links[i].append(e)
                elif q.category != "distance" and attached_to(span.root, anchor):
                    links[i].append(e)
        quantities = mark_conflicts([q for q, _ in found], links, doc.events)
        doc.quantities = quantities
        for e, event in enumerate(doc.events):
            event.quantities = [
                q for q, events in zip(quantities, links, strict=True) if e in events
            ]

    return run
