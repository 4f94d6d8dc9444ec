"""``tacitus_attributes``: the model's attribute ruler and lemmatizer as one cached look-up.

The English model ends its tagging with two rule components: ``attribute_ruler`` (Matcher
patterns over TAG, LOWER, DEP and IS_SPACE that set POS, MORPH, LEMMA and a few TAG and DEP
values) and ``lemmatizer`` (suffix rules and exception lists keyed by POS and MORPH). They
cost about 18% of the parse (issue 8) for what is, per token, a table look-up: the ruler runs
all its patterns over every token of every document, the lemmatizer works through Python
attribute access token by token. This component produces the same token attributes as the
two in sequence, but works each answer out once per distinct combination of the features it
depends on and looks it up afterwards.

Nothing is copied from the model: the rules are read from the loaded components, and every
answer comes from the stock code the first time it is needed.

* Each token pattern of each ruler rule becomes a one-token "probe" in a private Matcher.
  Which probes a token satisfies depends only on the attributes the patterns read, so that
  answer is cached by those attributes.
* A rule of n tokens matches where n consecutive tokens satisfy its n probes. Rules with
  operators (``OP``) would break this, so they are not accepted (see below).
* Rules apply in the ruler's order, later ones overriding earlier ones: the AttributeRuler
  sorts its matches by rule number before it sets attributes, and it matches before it
  sets anything, so every rule reads the attributes as the tagger and parser left them.
* A lemma is the stock lemmatizer's answer, cached by (ORTH, POS, MORPH), the only inputs
  of its "rule" and "lookup" modes. Tokens without POS are passed to the lemmatizer
  every time, so that its warning is not swallowed by the cache.

A ruler or lemmatizer this cannot reproduce exactly (operators, extension attributes,
patterns on sentence starts, writes other than TAG/POS/MORPH/DEP/LEMMA, another lemmatizer
mode or class) leaves the component calling the two stock components instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from thinc.types import Ints2d

FACTORY = "tacitus_attributes"
RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
# The token attributes this component writes, in the order of its output columns. Token-only
# attributes: the AttributeRuler also writes each value to the lexeme, which for these is a
# no-op, so Doc.from_array leaves the same state.
OUTPUT = (TAG, POS, MORPH, DEP, LEMMA)
_POS, _MORPH, _LEMMA = OUTPUT.index(POS), OUTPUT.index(MORPH), OUTPUT.index(LEMMA)
# Each cache is cleared when it grows past this many entries: a bound on memory in a
# long-running process (an entry is a few hundred bytes), several times what 2,000 news
# articles need.
CACHE_LIMIT = 250_000
# Doc.to_array reads these as the Matcher compares them, except SENT_START, which the
# Matcher turns into a bool (and which depends on context, not on the token).
_UNREADABLE = {SENT_START}
# Matcher pattern keys that are not token attributes.
_PATTERN_KEYS = {"OP", "_"}

Writes = tuple[tuple[int, int], ...]  # (output column, value) pairs
Key = tuple[Any, ...]  # the values of the attributes the patterns read, or their classes


class Unsupported(Exception):
    """The loaded rules use something that the cached look-up cannot reproduce."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One token pattern of an attribute ruler rule, as a sequence of probes."""

    ordinal: int  # the ruler's rule number: later rules override earlier ones
    probes: tuple[int, ...]  # the probe each token of the match must satisfy
    target: int  # the offset in the match of the token that gets the attributes


@dataclass(frozen=True, slots=True)
class Entry:
    """What the rules say about a token with given features, out of context."""

    ordinals: tuple[int, ...]  # the one-token rules that match it, ascending
    writes: Writes  # their attributes merged, later rules winning
    probes: frozenset[int]  # the probes of longer rules that it satisfies
    starts: tuple[int, ...]  # the longer rules (indices into ``rules``) it may begin


@dataclass(frozen=True)
class Classes:
    """Values of one attribute that no pattern can tell apart share a class.

    Built only for an attribute that every pattern tests by equality, ``IN`` or ``REGEX``:
    a value no pattern names is then told apart from another only by the regular
    expressions, so its class is which of them it matches. A named value is its own class.
    This keeps a new word from costing a Matcher call when its TAG and DEP are known.
    """

    named: frozenset[int]
    regexes: tuple[re.Pattern[str], ...]

    def of(self, strings: StringStore, value: int) -> int | tuple[bool, ...]:
        if value in self.named:
            return value
        text = strings[value]
        return tuple(bool(regex.search(text)) for regex in self.regexes)


def _attribute_id(key: str | int) -> int:
    """The attribute ID a Matcher token-pattern key reads; Unsupported for others."""
    if isinstance(key, int):
        attr = key
    else:
        name = key.upper()
        if name in _PATTERN_KEYS:
            raise Unsupported(f"pattern key {key!r}")
        name = {"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(name, name)
        if name not in IDS:
            raise Unsupported(f"pattern key {key!r}")
        attr = IDS[name]
    if attr in _UNREADABLE:
        raise Unsupported(f"pattern key {key!r}")
    return attr


def _classes(attr: int, tests: list[Any]) -> Classes | None:
    """Classes of ``attr`` from the pattern values that test it; None: keep exact values."""
    if attr < 64:  # a lexical flag: two values, nothing to gain
        return None
    named: set[int] = set()
    regexes: list[re.Pattern[str]] = []
    for test in tests:
        if isinstance(test, str):
            named.add(get_string_id(test))
            continue
        if not isinstance(test, dict):
            return None
        for predicate, argument in test.items():
            if (
                predicate == "IN"
                and isinstance(argument, list)
                and all(isinstance(item, str) for item in argument)
            ):
                named |= {get_string_id(item) for item in argument}
            elif predicate == "REGEX" and isinstance(argument, str):
                regexes.append(re.compile(argument))
            else:
                return None
    return Classes(frozenset(named), tuple(regexes))


def _target(index: int, length: int) -> int:
    # AttributeRuler indexes the matched span, so a negative index counts from its end.
    target = index if index >= 0 else length + index
    if not 0 <= target < length:
        raise Unsupported(f"index {index} outside a pattern of {length} tokens")
    return target


def _check_lemmatizer(lemmatizer: Any) -> Lemmatizer:
    """The lemmatizer, if its answer depends on ORTH, POS and MORPH only."""
    if not isinstance(lemmatizer, Lemmatizer) or type(lemmatizer) not in (
        Lemmatizer,
        EnglishLemmatizer,
    ):
        raise Unsupported(f"lemmatizer {type(lemmatizer).__name__}")
    if lemmatizer.mode not in ("rule", "lookup"):
        raise Unsupported(f"lemmatizer mode {lemmatizer.mode!r}")
    required, _ = Lemmatizer.get_lookups_config(lemmatizer.mode)
    if any(table not in lemmatizer.lookups for table in required):
        # The stock component raises its own error for this; let it.
        raise Unsupported("lemmatizer tables missing")
    return lemmatizer


def _with_index_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A twin of ``lemmatizer`` whose ``lemma_index`` tables are sets, not lists.

    The rule lemmatizer only asks whether a candidate form is in the index. The English
    tables are lists (57,000 nouns), so each question is a scan and a new lemma costs about
    170 µs; a set gives the same answers at once. The stock component is left as it is.
    """
    if lemmatizer.mode != "rule" or "lemma_index" not in lemmatizer.lookups:
        return lemmatizer
    twin = type(lemmatizer)(
        lemmatizer.vocab,
        lemmatizer.model,
        lemmatizer.name,
        mode=lemmatizer.mode,
        overwrite=lemmatizer.overwrite,
    )
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            # Keys are already string IDs; Table keeps them as they are.
            lookups.add_table(name, {key: frozenset(forms) for key, forms in table.items()})
        else:
            lookups.set_table(name, table)
    twin.lookups = lookups
    return twin


def _bounded_set(cache: dict[Any, Any], key: Any, value: Any) -> None:
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value


class TokenAttributes:
    """Sets what ``attribute_ruler`` then ``lemmatizer`` would, from cached answers."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.stock = False  # True: the rules could not be compiled; run the stock two
        self.overwrite = False
        self.rules: list[Rule] = []
        self.attrs: list[dict[int, int]] = []  # per ruler rule: output column -> value
        self.columns: list[int | str] = []  # Doc.to_array columns: key, OUTPUT, ORTH
        self.classes: list[Classes | None] = []  # per key column
        # Two levels: exact feature values (one look-up per token), then their classes
        # (many new words share one), then the probe Matcher.
        self.entries: dict[Key, Entry] = {}
        self.by_class: dict[Key, Entry] = {}
        self.lemmas: dict[tuple[int, int, int], str] = {}  # (ORTH, POS, MORPH) -> lemma
        self.probes_run = 0  # Matcher calls, for measurements
        self._probe_of_match: dict[int, int] = {}
        self._rule_of_probe: list[tuple[int, int]] = []  # probe -> (rule index, offset)
        self._matcher: Matcher | None = None
        # The stock lemmatizer's own method, on the twin with set indexes; set when compiled.
        self._lemmatize_token: Callable[[Token], list[str]]
        try:
            self._lemmatize_token = _with_index_sets(_check_lemmatizer(lemmatizer)).lemmatize
            self._compile(ruler, lemmatizer)
        except Unsupported:
            self.stock = True

    @property
    def key_width(self) -> int:
        return len(self.classes)

    def _compile(self, ruler: Any, lemmatizer: Lemmatizer) -> None:
        if not isinstance(ruler, AttributeRuler):
            raise Unsupported(f"ruler {type(ruler).__name__}")
        self.overwrite = bool(lemmatizer.overwrite)
        matcher = Matcher(ruler.vocab)
        tests: dict[int, list[Any]] = {}  # attribute -> the pattern values that test it
        # ``patterns`` gives the rules as written; ``attrs`` the same attributes as the
        # ruler normalised them (string IDs, morphology keys), i.e. the values it sets.
        rules: list[dict[str, Any]] = list(ruler.patterns)
        for ordinal, (rule, attrs) in enumerate(zip(rules, ruler.attrs, strict=True)):
            self.attrs.append(self._output_attrs(attrs))
            for pattern in rule["patterns"]:
                probes = []
                for offset, spec in enumerate(pattern):
                    for key, test in spec.items():
                        tests.setdefault(_attribute_id(key), []).append(test)
                    probe = len(self._rule_of_probe)
                    name = f"{FACTORY}:{probe}"
                    matcher.add(name, [[spec]])
                    self._probe_of_match[ruler.vocab.strings[name]] = probe
                    self._rule_of_probe.append((len(self.rules), offset))
                    probes.append(probe)
                target = _target(int(rule.get("index", 0)), len(pattern))
                self.rules.append(Rule(ordinal, tuple(probes), target))
        self._matcher = matcher
        read = sorted(tests)
        self.classes = [_classes(attr, tests[attr]) for attr in read]
        self.columns = [*read, *OUTPUT, ORTH]

    @staticmethod
    def _output_attrs(attrs: dict[Any, Any]) -> dict[int, int]:
        if any(not isinstance(attr, int) or attr not in OUTPUT for attr in attrs):
            raise Unsupported(f"ruler writes {sorted(map(str, attrs))}")
        return {OUTPUT.index(attr): int(value) for attr, value in attrs.items()}

    def __call__(self, doc: Doc) -> Doc:
        if self.stock:
            return self.lemmatizer(self.ruler(doc))
        if not len(doc):
            return doc
        width = self.key_width
        rows = doc.to_array(self.columns).tolist()
        known = self.entries.get
        entries = [
            known(tuple(row[:width])) or self._entry(doc, i, row) for i, row in enumerate(rows)
        ]
        extra = self._long_matches(entries)
        missing = self._fill(doc.vocab.strings, rows, entries, extra)
        output = np.array(rows, dtype=np.uint64)[:, width : width + len(OUTPUT)]
        doc.from_array(list(OUTPUT), cast("Ints2d", output))
        for i in missing:
            self._lemmatize(doc, i, rows[i])
        return doc

    def _entry(self, doc: Doc, i: int, row: list[int]) -> Entry:
        """Token ``i``'s entry from its classes, or else from the probe Matcher."""
        key = tuple(row[: self.key_width])
        strings = doc.vocab.strings
        classed = tuple(
            value if classes is None else classes.of(strings, value)
            for value, classes in zip(key, self.classes, strict=True)
        )
        entry = self.by_class.get(classed)
        if entry is None:
            entry = self._probe(doc, i)
            _bounded_set(self.by_class, classed, entry)
        _bounded_set(self.entries, key, entry)
        return entry

    def _probe(self, doc: Doc, i: int) -> Entry:
        """Ask the probe Matcher which patterns token ``i`` satisfies, by itself."""
        if self._matcher is None or not self._rule_of_probe:
            return Entry((), (), frozenset(), ())  # a ruler without rules (Matcher refuses)
        self.probes_run += 1
        # One token as a span: the probes are one-token patterns, so context is irrelevant.
        matches = self._matcher(doc[i : i + 1], allow_missing=True)
        ordinals: set[int] = set()
        probes: set[int] = set()
        starts: set[int] = set()
        for match_id, _, _ in matches:
            probe = self._probe_of_match[match_id]
            rule_index, offset = self._rule_of_probe[probe]
            rule = self.rules[rule_index]
            if len(rule.probes) == 1:
                ordinals.add(rule.ordinal)
            else:
                probes.add(probe)
                if offset == 0:
                    starts.add(rule_index)
        ordered = tuple(sorted(ordinals))
        return Entry(ordered, self._merge(ordered, ()), frozenset(probes), tuple(sorted(starts)))

    def _long_matches(self, entries: list[Entry]) -> dict[int, list[int]]:
        """Token -> ordinals of the multi-token rules that target it."""
        extra: dict[int, list[int]] = {}
        for start, entry in enumerate(entries):
            for rule_index in entry.starts:
                rule = self.rules[rule_index]
                end = start + len(rule.probes)
                if end <= len(entries) and all(
                    probe in entries[start + offset].probes
                    for offset, probe in enumerate(rule.probes)
                ):
                    extra.setdefault(start + rule.target, []).append(rule.ordinal)
        return extra

    def _merge(self, ordinals: tuple[int, ...], more: list[int] | tuple[int, ...]) -> Writes:
        merged: dict[int, int] = {}
        for ordinal in sorted({*ordinals, *more}):
            merged.update(self.attrs[ordinal])
        return tuple(merged.items())

    def _fill(
        self,
        strings: StringStore,
        rows: list[list[int]],
        entries: list[Entry],
        extra: dict[int, list[int]],
    ) -> list[int]:
        """Write the rules' values and cached lemmas into ``rows``.

        Returns the tokens whose lemma the cache cannot give.
        """
        base = self.key_width
        pos_col, morph_col, lemma_col = base + _POS, base + _MORPH, base + _LEMMA
        overwrite = self.overwrite
        lemmas = self.lemmas.get
        missing = []
        for i, (row, entry) in enumerate(zip(rows, entries, strict=True)):
            writes = self._merge(entry.ordinals, extra[i]) if extra and i in extra else entry.writes
            for column, value in writes:
                row[base + column] = value
            if row[lemma_col] and not overwrite:
                continue  # set by the ruler; the lemmatizer keeps it
            lemma = lemmas((row[-1], row[pos_col], row[morph_col]))
            if lemma is None or not row[pos_col]:
                missing.append(i)
            else:
                # The string, not its hash, is cached: in a memory zone (Pipeline batches)
                # a new string is dropped when the zone ends, so it is added again each
                # time, as the stock lemmatizer's ``token.lemma_ = ...`` does.
                row[lemma_col] = strings.add(lemma)
        return missing

    def _lemmatize(self, doc: Doc, i: int, row: list[int]) -> None:
        """The stock lemmatizer on token ``i``, which by now has its final POS and MORPH."""
        token = doc[i]
        lemma = self._lemmatize_token(token)[0]
        token.lemma_ = lemma
        pos = row[self.key_width + _POS]
        if pos:  # without POS the lemmatizer warns (W108): never answer from the cache
            _bounded_set(self.lemmas, (row[-1], pos, row[self.key_width + _MORPH]), lemma)


def make_token_attributes(nlp: Language, name: str, ruler: str, lemmatizer: str) -> TokenAttributes:
    """spaCy factory: the component built from ``nlp``'s ruler and lemmatizer."""
    return TokenAttributes(nlp.get_pipe(ruler), nlp.get_pipe(lemmatizer))


def install(nlp: Language) -> bool:
    """Replace ``nlp``'s attribute ruler and lemmatizer by ``tacitus_attributes``, in place.

    Returns False, leaving ``nlp`` as it is, when the two are not there next to each other
    (one component in their place must not change what a component between them sees).
    """
    names = nlp.pipe_names
    if RULER not in names or LEMMATIZER not in names:
        return False
    if names.index(LEMMATIZER) != names.index(RULER) + 1:
        return False
    if FACTORY not in Language.factories:
        Language.factory(
            FACTORY,
            default_config={"ruler": RULER, "lemmatizer": LEMMATIZER},
            func=make_token_attributes,
        )
    nlp.add_pipe(FACTORY, before=RULER)
    nlp.remove_pipe(RULER)
    nlp.remove_pipe(LEMMATIZER)
    return True
