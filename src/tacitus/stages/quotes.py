"""Stage `quotes`: who said what, direct and reported.

Direct quotes are the text between quotation marks (straight, curly, or typed in two
characters as NYT and Penn Treebank text does: '' ... '' and `` ... ''; over several sentences).
One quotation is one quote however the text breaks it: split by its cue (`"Judge," Brafman
said, "I have never ..."`), or run on into the next paragraph (news style reopens the marks
on each paragraph of a long quote). Such a quote's ``text`` is its quoted pieces joined by an
ellipsis (" … "), ``start``/``end`` cover the whole quotation (the cue between the pieces
included), and ``parts`` lists the pieces. A quote needs a cue: a
speech verb ("said", "added", "told", "warned", ...) or "according to", outside any quote, in
the sentence the quote ends or starts in, else in the sentence right after or before it.
Short quoted phrases with no cue are scare quotes or titles and are skipped; a longer quoted
sentence with no cue is kept with no speaker.

The speaker is the cue's subject ("the object of "according to"). When the actors stage coded
a mention there (a pronoun resolved to a name included) that Actor is used; else an Actor is
made from the text, with no code.

Reported speech is a quote too: "X said (that) CLAUSE" gives the complement clause as content,
"According to X, CLAUSE" the main clause. ``Quote.text/start/end`` is the content without the
quotation marks; ``cue`` is the cue's span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from tacitus.model import Actor, ActorKind, Document, Quote, Span
from tacitus.stages.registry import StageFn, stage
from tacitus.vocabulary import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Typewriter and Penn Treebank text (the NYT's) writes a double mark as two characters: "''"
# opens and closes as '"' does, "``" opens a quotation that "''" closes.
OPENING = {
    "\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u201e": "\u201c", "''": "''", "``": "''",
}  # fmt: skip
_STRAIGHT = frozenset({'"', "''"})  # one shape for both ends: where it stands tells which
_MARK_CHARS = frozenset(c for pair in OPENING.items() for c in pair if len(c) == 1)
_DOUBLE_MARKS = tuple(mark for mark in OPENING if len(mark) == 2)
# Every mark find_marked reads, and the paragraph breaks that close a quotation. Never one
# apostrophe: that is a possessive, an elision ("rock 'n' roll") or a single-quoted phrase.
_MARKS = re.compile("'''?|``|[\n\"\u201c\u201d\u00ab\u00bb\u201e]")
_MIN_QUOTE_WORDS = 3  # shorter quoted text with no cue: a scare quote or a title
_MIN_UNCUED_WORDS = 8  # a quoted passage this long is a quote even with no cue
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_SPEAKER_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})  # not "Of" in a misparse
_SPEAKER_PARTS = frozenset(
    {"compound", "det", "amod", "poss", "nmod", "flat", "case", "cc", "conj", "nummod", "punct"}
)
_ENT_KINDS: dict[str, ActorKind] = {
    "PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group",
}  # fmt: skip


@dataclass(frozen=True)
class Marked:
    """A passage between quotation marks: ``start``/``end`` index its content.

    ``runs_on``: the paragraph ended inside the quote (it goes on in the next paragraph)."""

    start: int
    end: int
    runs_on: bool = field(default=False, compare=False)


def find_marked(text: str) -> list[Marked]:
    """Passages in quotation marks, paired within a paragraph.

    A straight mark opens at a word start and closes after one; a paragraph ending inside a
    quote closes it there (news style opens each paragraph of a long quote anew).
    """
    out: list[Marked] = []
    open_at: int | None = None
    closing = ""
    inner = 0  # curly quotations opened inside a straight one (`"He said “no”"`)
    for i, mark in _marks(text):
        if mark == "\n":
            if open_at is not None and i - open_at > 1 and text[i - 1] in ".?!":
                out.append(Marked(open_at, i, runs_on=True))
            open_at = None
            continue
        if open_at is not None and closing == '"' and mark in ("\u201c", "\u201d"):
            inner += 1 if mark == "\u201c" else -1
        if open_at is not None and (mark == closing or _mistyped_close(text, i, closing, inner)):
            if mark not in _STRAIGHT or _closes(text, i):
                out.append(Marked(open_at, i))
                open_at = None
            continue
        if (
            open_at is None
            and mark in OPENING
            and (mark not in _STRAIGHT or _opens(text, i, len(mark)))
        ):
            open_at, closing, inner = i + len(mark), OPENING[mark], 0
    return [_strip(text, m) for m in out if m.end > m.start]


def _marks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, mark) for each quotation mark and newline of ``text``. Three apostrophes are
    a double mark and a single one nested in it; the double is the outer, so it comes last
    where they close a quotation (`the 'wrong track.'''`) and first where they open one.
    Two apostrophes inside a word are an escaped apostrophe (`can''t`, `country''s`)."""
    for match in _MARKS.finditer(text):
        i, mark = match.start(), match.group()
        if mark == "'''":
            i, mark = (i + 1 if _closes(text, i) else i), "''"
        if mark == "''" and _within_word(text, i, len(mark)):
            continue
        yield i, mark


def _within_word(text: str, i: int, width: int) -> bool:
    return i > 0 and i + width < len(text) and text[i - 1].isalnum() and text[i + width].isalnum()


def _mistyped_close(text: str, i: int, closing: str, inner: int) -> bool:
    """A mark of the wrong shape that can only close the open quotation: a curly closing
    mark after a straight opening one (`"... that,” said Bopp`, none opened inside), or
    an opening curly mark typed at a word's end (`“It's unusual,“ said Noble`)."""
    ch = text[i]
    if not _closes(text, i):
        return False
    if closing == '"':
        return ch == "\u201d" and inner < 0
    after = text[i + 1] if i + 1 < len(text) else " "
    return closing == "\u201d" and ch == "\u201c" and (after.isspace() or after in ".,;:!?")


def _opens(text: str, i: int, width: int = 1) -> bool:
    """Whether the straight mark of ``width`` characters at ``i`` stands where one opens."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{-\u2014:") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def _strip(text: str, m: Marked) -> Marked:
    start, end = m.start, m.end
    while start < end and text[start].isspace():
        start += 1
    # a trailing comma belongs to the sentence around the quote ("We will win," he said)
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Marked(start, end, m.runs_on)


def _before_marks(text: str, i: int, spaces: str = " \t\n") -> int:
    """Where the ``spaces`` and quotation marks that end at ``i`` begin: the end of the text
    before the opening marks of a quote whose content starts at ``i`` (`said: “`, `said, ''`)."""
    while i > 0:
        if text[i - 1] in spaces or text[i - 1] in _MARK_CHARS:
            i -= 1
        elif i > 1 and text[i - 2 : i] in _DOUBLE_MARKS:
            i -= 2
        else:
            break
    return i


def _inside(spans: Iterable[Marked], start: int, end: int) -> bool:
    return any(m.start - 1 <= start and end <= m.end + 1 for m in spans)


# Phrasal speech verbs: "went on", "pointed out".
_PHRASAL_CUES = frozenset(
    {("go", "on"), ("point", "out"), ("fire", "back"), ("shoot", "back"), ("cut", "in"),
     ("chime", "in"), ("weigh", "in"), ("pipe", "up")}
)  # fmt: skip


_OBJECT_MEANS_NO_SPEECH = frozenset({"continue", "charge", "post"})


def _is_cue(token: Token) -> bool:
    if token.lemma_.lower() == "accord" and token.lower_ == "according":
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in SPEECH_VERBS:
        # "Trump continues his adulation of Putin", "charged him with murder": a thing or a
        # person done to is no speech
        return lemma not in _OBJECT_MEANS_NO_SPEECH or not any(
            c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON") for c in token.children
        )
    return any(
        (lemma, c.lower_) in _PHRASAL_CUES for c in token.children if c.dep_ in ("prt", "advmod")
    )


# Verbs that put no words in anyone's mouth, and subjects that are no speaker.
_NOT_CUES = frozenset({"be", "have", "do", "become", "seem", "get", "make", "take", "see"})
_EMPTY_SUBJECTS = frozenset({"it", "this", "that", "there", "which", "what"})


class _Parsed:
    """A parsed document with what spaCy rebuilds on every access read once: its text
    (``Doc.text`` joins all the tokens) and its sentences (``Token.sent`` walks to the
    boundaries). Every quotation asks for them."""

    def __init__(self, doc: SpacyDoc) -> None:
        self.doc = doc
        self.text = doc.text

    @cached_property
    def sents(self) -> list[SpacySpan]:
        return list(self.doc.sents)

    @cached_property
    def _sent_numbers(self) -> list[int]:
        numbers: list[int] = []
        for k, sent in enumerate(self.sents):
            numbers.extend([k] * len(sent))
        return numbers

    def sent_number(self, token: Token) -> int:
        """The index in ``sents`` of the sentence of ``token``."""
        return self._sent_numbers[token.i]

    def sent(self, token: Token) -> SpacySpan:
        """``token.sent``."""
        return self.sents[self.sent_number(token)]


def _governing_cue(parsed: _Parsed, m: Marked) -> Token | None:
    """The verb whose argument a quotation is, in its own sentence ("called the system
    \u201crotten to the core\u201d", "described the field as \u201call very good\u201d"),
    or the verb of the sentence a colon ends right before it ("released the following
    statement: \u201c...\u201d"); either needs a subject, which is the speaker."""
    doc, text = parsed.doc, parsed.text
    before = text[: _before_marks(text, m.start)]
    if before.endswith(":"):
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is not None and len(colon):
            # the speech verb of the words before the colon ("..., as the website notes:"),
            # else their main verb ("released the following statement:")
            words = [t for t in parsed.sent(colon[0]) if t.i < colon[0].i]
            # ... else any verb there (the parser may root the sentence in the quotation:
            # `Sanders delivered a snappy retort: "No one is tearing this up."`)
            verbs = (
                [t for t in words if _is_cue(t)]
                or [t for t in words if t.dep_ == "ROOT"]
                or [t for t in words if t.pos_ == "VERB"]
            )
            for verb in reversed(verbs):
                if (
                    verb.pos_ in ("VERB", "AUX")
                    and verb.lemma_.lower() not in _NOT_CUES
                    and _speaker_token(verb, [m]) is not None
                ):
                    return verb
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = range(span.start, span.end)
    for token in span:
        if token.head.i in inside or token.head.i == token.i:
            continue
        head = token.head
        for _ in range(3):  # through a preposition or a noun: "as ...", "a \u201closer\u201d"
            if head.pos_ in ("VERB", "AUX"):
                break
            head = head.head
        if (
            head.pos_ in ("VERB", "AUX")
            and head.is_alpha  # not a dash the tagger took for a verb
            and head.i not in inside
            # Span.sent is the sentence of the span's first token
            and parsed.sent_number(head) == parsed.sent_number(span[0])
        ):
            subject = _speaker_token(head, [m])
            if subject is not None and head.lemma_.lower() not in _NOT_CUES:
                return head if subject.lower_ not in _EMPTY_SUBJECTS else None
        return None
    return None


def _cue_span(token: Token) -> SpacySpan:
    doc = token.doc
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        return doc[token.i : token.i + 2]
    return doc[token.i : token.i + 1]


def _best_cue(parsed: _Parsed, marked: list[Marked], m: Marked) -> Token | None:
    """The cue of the quote ``m``: of the best tier of candidates (its own sentence first),
    the nearest one that names a speaker outside the quotes ("told the Post in a written
    statement, “...”": "told", not "written"), else the nearest one."""
    tiers: dict[int, list[Token]] = {}
    for tier, token in _cue_candidates(parsed, marked, m):
        tiers.setdefault(tier, []).append(token)
    if not tiers:
        return None
    best = tiers[min(tiers)]
    speaking = [t for t in best if _speaker_token(t, marked) is not None]
    # the verb that reports the clause the quote is in comes before a nearer one
    # ("Clinton says she respects Sanders’ “passion” but argues ...": "says")
    governing = [t for t in speaking if _reported_clause(t, m) is not None]
    return (governing or speaking or best)[0]


def _reported_clause(cue: Token, m: Marked) -> Token | None:
    """The head of the clause ``cue`` reports (its ``ccomp``) that holds the quote ``m``."""
    for clause in cue.children:
        first, last = clause.left_edge, clause.right_edge
        if clause.dep_ == "ccomp" and first.idx <= m.start and m.end <= last.idx + len(last.text):
            return clause
    return None


def _cue_candidates(
    parsed: _Parsed, marked: list[Marked], m: Marked
) -> Iterator[tuple[int, Token]]:
    """Cue tokens for the quote ``m`` with their tier (0: its own sentence), best first."""
    text = parsed.text
    first = parsed.doc.char_span(m.start, m.end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return
    sents = parsed.sents
    k_start = parsed.sent_number(first[0])
    k_end = parsed.sent_number(first[-1])
    near = [sents[k_start]] if k_start == k_end else [sents[k_end], sents[k_start]]
    after = k_end + 1
    before = k_start - 1
    tiers: list[list[SpacySpan]] = [near]
    paragraph_end = text.find("\n", m.end)
    paragraph_start = text.rfind("\n", 0, m.start)
    if after < len(sents) and (paragraph_end < 0 or sents[after].start_char < paragraph_end):
        tiers.append([sents[after]])
    if before >= 0 and sents[before].end_char > paragraph_start:
        tiers.append([sents[before]])
    for n, tier in enumerate(tiers):
        found = [
            t
            for sent in tier
            for t in sent
            if _is_cue(t) and not _inside(marked, t.idx, t.idx + len(t.text))
        ]
        distance = lambda t: min(abs(t.idx - m.start), abs(t.idx - m.end))  # noqa: E731
        yield from ((n, t) for t in sorted(found, key=distance))
        if n == 0 and (governing := _governing_cue(parsed, m)) is not None:
            yield n, governing  # no speech verb by the quote: the verb it is an argument of


# Links from a participle or a second verb up to the clause whose subject spoke.
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "dep", "npadvmod"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def _speaker_token(cue: Token, quoted: Sequence[Marked] = ()) -> Token | None:
    """The token naming who spoke through ``cue``; a subject inside the ``quoted`` passages
    is a word of the quote (`"Anybody who attacks him ...," said Louise Sunshine`: the
    parser gives "said" both subjects)."""
    if any(c.dep_ == "auxpass" for c in cue.children):
        # "Sanders was asked by host Bill Maher": the one who spoke is the agent
        for agent in (c for c in cue.children if c.dep_ == "agent"):
            for obj in agent.children:
                if obj.dep_ == "pobj":
                    return obj
    if cue.lower_ == "according":
        for prep in cue.children:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
        nxt = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
        if nxt is not None:
            for obj in nxt.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    verb = cue
    for _ in range(4):
        for child in verb.children:
            if (
                child.dep_ in _SUBJECT_DEPS
                and child.pos_ in _SPEAKER_POS
                and not _inside(quoted, child.idx, child.idx + len(child.text))
            ):
                if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head  # "Cruz, who said ...": the noun the clause is on
                return _past_dateline(child, verb)
        if verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
            # "he smiled and said", "he went on to say", "..., saying", "began by saying"
            verb = _reporting_verb(verb) or verb.head
        else:
            break
    return None


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _past_dateline(subject: Token, verb: Token) -> Token | None:
    """`CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told ...`: a
    place that opens the sentence, cut from the verb by a dash, is a dateline the parser
    took for the subject. The speaker is the phrase after the dash: another subject of the
    verb, or the dateline's apposition; else there is none."""
    if subject.ent_type_ not in ("GPE", "LOC") or not subject.is_sent_start:
        return subject
    dashes = [t.i for t in subject.doc[subject.i + 1 : verb.i] if t.text in _DASHES]
    if not dashes:
        return subject
    after = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i > dashes[-1]]
    after += [c for c in subject.children if c.dep_ == "appos" and c.i > dashes[-1]]
    return after[0] if after else None


def _reporting_verb(verb: Token) -> Token | None:
    """`He said A and said that B`, parsed with the second "said" a conjunct inside A: a
    speech verb coordinated into the clause another speech verb reports goes with that
    verb, whose subject it shares."""
    clause = verb.head
    if verb.dep_ == "conj" and _is_cue(verb) and clause.dep_ == "ccomp" and _is_cue(clause.head):
        return clause.head
    return None


def _reported_end(clause: Token) -> int:
    """Token index where the content of a reported ``clause`` ends: before a speech verb
    coordinated into it (``_reporting_verb``), which is the speaker's next report."""
    for child in clause.children:
        if child.dep_ == "conj" and _reporting_verb(child) is not None:
            joins = [c.i for c in clause.children if c.dep_ == "cc" and c.i < child.i]
            return min([child.left_edge.i, *joins])
    return clause.right_edge.i + 1


def _phrase(token: Token) -> tuple[int, int]:
    """Token range of a speaker's noun phrase, without appositions or relative clauses."""
    lo, hi = token.i, token.i
    stack = [token]
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ in _SPEAKER_PARTS and not (child.dep_ == "punct" and child.i > token.i):
                lo, hi = min(lo, child.i), max(hi, child.i)
                stack.append(child)
    doc = token.doc
    # a phrase never runs over a paragraph break (a dateline or heading before it)
    breaks = [t.i for t in doc[lo : token.i] if "\n" in t.text]
    if breaks:
        lo = breaks[-1] + 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return lo, hi + 1


def speaker_for(
    doc: SpacyDoc, cue: Token, actors: list[Actor], quoted: Sequence[Marked] = ()
) -> Actor | None:
    """The speaker of a cue: the coded actor at its subject, else one made from the text
    (``quoted``: the passages in quotation marks, which hold no speaker). In a relative
    clause ("Cruz, who said ...") the mention is the relative pronoun, which stands for the
    noun the clause is on, as "he" stands for a name."""
    subject = _speaker_token(cue, quoted)
    if subject is None:
        return None
    actor = _actor_at(doc, subject, actors)
    pronoun = _relative_pronoun(cue, subject)
    return _relative_mention(actor, pronoun) if pronoun is not None else actor


def _relative_pronoun(cue: Token, antecedent: Token) -> Token | None:
    """The relative pronoun subject of the clause on ``antecedent`` that holds ``cue``, if
    the speaker was found through one (``_speaker_token`` gives the antecedent)."""
    for clause in antecedent.children:
        if clause.dep_ != "relcl" or not clause.left_edge.i <= cue.i <= clause.right_edge.i:
            continue
        for child in clause.children:
            if child.dep_ in _SUBJECT_DEPS and child.lower_ in _RELATIVE_PRONOUNS:
                return child
    return None


def _relative_mention(antecedent: Actor, pronoun: Token) -> Actor:
    """The speaker as the relative pronoun mentions it: the pronoun's span, the antecedent's
    identity (its name, else its words: what the pronoun resolves to)."""
    return antecedent.model_copy(
        update={
            "text": pronoun.text,
            "start": pronoun.idx,
            "end": pronoun.idx + len(pronoun.text),
            "name": antecedent.name or antecedent.text,
        }
    )


def _actor_at(doc: SpacyDoc, subject: Token, actors: list[Actor]) -> Actor:
    """The speaker whose phrase has its head at ``subject``: the coded actor there, else one
    made from the text."""
    lo, hi = _phrase(subject)
    span = doc[lo:hi]
    head_start, head_end = subject.idx, subject.idx + len(subject.text)
    overlapping = [a for a in actors if a.start < span.end_char and a.end > span.start_char]
    for actor in sorted(overlapping, key=lambda a: a.end - a.start, reverse=True):
        if actor.start < head_end and actor.end > head_start:
            return actor
    if overlapping:
        return overlapping[0]
    return _uncoded_speaker(span, subject)


def _uncoded_speaker(span: SpacySpan, head: Token) -> Actor:
    """A speaker no dictionary codes, made from its phrase ``span`` with head ``head``."""
    kind = _ENT_KINDS.get(head.ent_type_, "person" if head.pos_ == "PRON" else "unknown")
    # A named speaker no dictionary codes ("Brafman said") is still named: a later "he
    # added" can take the name.
    name = None
    if head.pos_ == "PROPN" and head.ent_type_ in _ENT_KINDS:
        name = _HONORIFIC.sub("", span.text) or span.text
    return Actor(text=span.text, start=span.start_char, end=span.end_char, name=name, kind=kind)


_LABEL_BEFORE = re.compile(r":\s*$")
_MAX_LABEL_TOKENS = 6
_LABEL_WINDOW = 64  # characters before a quotation searched for the colon


def _labelled_speaker(parsed: _Parsed, m: Marked, actors: list[Actor]) -> Actor | None:
    """ "Michael P. McDonald: \u201cAt long last ...\u201d", "Clinton: \u201c...\u201d": a
    short name and a colon right before a quotation, alone at the start of its line or
    sentence or after a dash, is its speaker (newsletters, transcripts). The name is a person
    or an organisation as the parser tags it."""
    # only the characters just before the quote (every quotation is asked, so no prefix copy)
    doc = parsed.doc
    window_start = max(0, m.start - _LABEL_WINDOW)
    # not over a line break: a label is on the quotation's line
    label_end = max(window_start, _before_marks(parsed.text, m.start, " \t"))
    before = parsed.text[window_start:label_end]
    if not _LABEL_BEFORE.search(before):
        return None
    colon_end = window_start + len(before)
    colon = doc.char_span(colon_end - 1, colon_end, alignment_mode="expand")
    if colon is None or len(colon) == 0:
        return None
    end = start = colon[0].i  # the label: the tokens before the colon, back to a boundary
    while start > 0 and not _label_boundary(doc[start - 1]):
        start -= 1
        if end - start >= _MAX_LABEL_TOKENS:
            return None  # a sentence that ends in a colon, not a name
    head = doc[end - 1] if end > start else None
    if head is None or head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", "ORG"):
        return None
    span = doc[start:end]
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return None  # "Trump told CNN:": a clause, whose verb is the cue, not a label
    return _speaker_within(span, head, actors)


def _speaker_within(span: SpacySpan, head: Token, actors: list[Actor]) -> Actor:
    """The longest coded actor inside a speaker's ``span``, else one made from the text."""
    coded = [a for a in actors if span.start_char <= a.start and a.end <= span.end_char]
    if coded:
        return max(coded, key=lambda a: a.end - a.start)
    return _uncoded_speaker(span, head)


# `“...” ― Jacklyn Ashley`: a dash and a name after a quotation, to the end of its line
_SIGNED = re.compile(
    r"[\"\u201d\u2019']*[ \t]*[\u2015\u2014\u2013][ \t]*(?P<name>[^\n]{2,60}?)[ \t.]*(?:\n|\Z)"
)


def _signed_speaker(parsed: _Parsed, m: Marked, actors: list[Actor]) -> Actor | None:
    """ "“...” ― Carla Sanchez": a quotation signed with a dash and a name
    (a reader's letter, an epigraph) is the named person's."""
    signed = _SIGNED.match(parsed.text, m.end)
    if signed is None:
        return None
    span = parsed.doc.char_span(signed.start("name"), signed.end("name"), alignment_mode="expand")
    if span is None or not 1 <= len(span) <= _MAX_LABEL_TOKENS:
        return None
    if not all(t.text[:1].isupper() or t.is_punct for t in span):
        return None  # a name: "Oscar P. Quintero", not words of a sentence
    return _speaker_within(span, span[-1], actors)


def _label_boundary(token: Token) -> bool:
    return "\n" in token.text_with_ws or token.text in ("-", "\u2013", "\u2014", ".", "?", "!")


def _span(token_span: SpacySpan) -> Span:
    return Span(text=token_span.text, start=token_span.start_char, end=token_span.end_char)


_SPLIT_GAP = 80  # characters between two pieces of one quotation split by its cue


@dataclass
class _Quotation:
    pieces: list[Marked]
    cue: Token | None
    label: Actor | None = None  # "Name: \u201c...\u201d" (``_labelled_speaker``)


def _continues(
    parsed: _Parsed, last: Marked, m: Marked, cue: Token | None, prev: _Quotation
) -> bool:
    """Whether ``m`` goes on with the quotation ``prev`` (whose last piece is ``last``)."""
    text = parsed.text
    gap = text[last.end : m.start]
    if last.runs_on and _before_marks(gap, len(gap)) == 0:
        return cue is None or prev.cue is None or cue.i == prev.cue.i
    if prev.cue is None or "\n" in gap:
        return False
    same_cue = cue is not None and cue.i == prev.cue.i
    # a cue found only in a sentence next to the piece's is none of its own when it follows
    # the piece (it reports what comes after) or tells about the speaker in a clause of the
    # sentence before ("..., said O'Donnell, who wrote about the visit. “...”"); one that
    # reports words of its own ("who also said that ...") or has a clause of its own ("...
    # Ebeling said, and her husband cut in. “...”") is a new report
    borrowed = (
        cue is not None
        and not same_cue
        and not _in_sentence_of(parsed, cue, m)
        and (
            cue.idx > m.end
            or (
                cue.dep_ in ("relcl", "advcl", "acl")
                and not any(c.dep_ == "ccomp" for c in cue.children)
            )
        )
    )
    if not (cue is None or same_cue or borrowed):
        return False
    # split by its cue: `"Judge," Brafman said, "I have never ..."`; the speaker's
    # description may run on, and the next sentence of the paragraph be more of the quote,
    # so long as it has no cue of its own: `"...," said Alicia Bannon, senior counsel at
    # the Brennan Center. "When judges start looking like politicians ..."`, `"...," said
    # O'Donnell, who wrote about the visit. "Thank goodness ..."` (not "wrote")
    if last.end <= prev.cue.idx < m.start:
        return True
    # quoted pieces of one sentence that one cue reports: `said the goal was not to "make
    # America great again" but to "make America whole again"`
    return len(gap) <= _SPLIT_GAP and _same_sentence(parsed, last, m) and same_cue


def _in_sentence_of(parsed: _Parsed, token: Token, m: Marked) -> bool:
    """Whether ``token`` is in a sentence the passage ``m`` is in."""
    span = parsed.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return parsed.sent_number(span[0]) <= parsed.sent_number(token) <= parsed.sent_number(span[-1])


def _same_sentence(parsed: _Parsed, a: Marked, b: Marked) -> bool:
    first = parsed.doc.char_span(a.start, a.end, alignment_mode="expand")
    second = parsed.doc.char_span(b.start, b.end, alignment_mode="expand")
    if first is None or second is None or not len(first) or not len(second):
        return False
    return parsed.sent_number(first[0]) == parsed.sent_number(second[0])


def direct_quotes(
    parsed: _Parsed, actors: list[Actor], marked: list[Marked]
) -> tuple[list[Quote], set[int]]:
    """Quotes in the passages ``marked`` by quotation marks, and the token indices of the
    cues they used."""
    doc, text = parsed.doc, parsed.text
    quotations: list[_Quotation] = []
    for m in marked:
        content = text[m.start : m.end]
        words = len(content.split())
        cue = _best_cue(parsed, marked, m)
        if quotations and _continues(parsed, quotations[-1].pieces[-1], m, cue, quotations[-1]):
            quotations[-1].pieces.append(m)
            quotations[-1].cue = quotations[-1].cue or cue  # the cue may follow the last piece
            continue
        if cue is not None and _reported_fragment(m, cue):
            continue  # the clause it is part of is the quote (``reported_quotes``)
        # a title-case passage is a title ("Guardians of the Galaxy"), unless its own speech
        # cue follows at once (`"Judge," Brafman said`)
        if looks_like_title(content) and not _spoken_fragment(text, m, cue):
            continue
        label = _labelled_speaker(parsed, m, actors) or _signed_speaker(parsed, m, actors)
        uncued_quote = words >= _MIN_UNCUED_WORDS and content.rstrip()[-1:] in ".?!,"
        if cue is None and not uncued_quote and label is None:
            continue
        if cue is not None and words < _MIN_QUOTE_WORDS and not _adjacent(text, m, cue):
            continue
        quotations.append(_Quotation([m], cue, label))
    quotes: list[Quote] = []
    used: set[int] = set()
    for q in quotations:
        cue = q.cue
        if cue is not None:
            used.add(cue.i)
        first, last = q.pieces[0], q.pieces[-1]
        parts = [Span(text=text[p.start : p.end], start=p.start, end=p.end) for p in q.pieces]
        quotes.append(
            Quote(
                speaker=q.label or _cue_speaker(doc, q, actors, marked),
                text=" \u2026 ".join(p.text for p in parts),
                start=first.start,
                end=last.end,
                cue=_span(_cue_span(cue)) if cue is not None else None,
                parts=parts if len(parts) > 1 else [],
            )
        )
    return quotes, used


def _reported_fragment(m: Marked, cue: Token) -> bool:
    """`Cruz says he is “effectively tied for second place” with Rubio`: quoted words
    inside the clause a speech verb reports, with words of the clause on both sides of them,
    are a fragment of reported speech, whose content is the whole clause."""
    clause = _reported_clause(cue, m)
    if clause is None:
        return False
    # the clause's own words: no punctuation, no "that" introducing it
    words = [t for t in clause.subtree if not (t.is_punct or t.is_space or t.dep_ == "mark")]
    before = any(t.idx + len(t.text) < m.start for t in words)
    after = any(t.idx > m.end for t in words)
    return before and after


def _cue_speaker(
    doc: SpacyDoc, q: _Quotation, actors: list[Actor], marked: list[Marked]
) -> Actor | None:
    """The speaker through the quotation's cue: its subject, else the words between a piece's
    closing mark and the cue (``_trailing_subject``)."""
    if q.cue is None:
        return None
    speaker = speaker_for(doc, q.cue, actors, marked)
    if speaker is not None:
        return speaker
    for piece in q.pieces:
        span = _trailing_subject(doc, piece, q.cue) or _inverted_subject(doc, piece, q.cue)
        if span is not None:
            coded = [a for a in actors if a.start < span.end_char and a.end > span.start_char]
            return coded[0] if coded else _uncoded_speaker(span, span[-1])
    return None


_MAX_TRAILING_SUBJECT = 6  # tokens: "the 43-year-old", "Ramos", "a welcome message"
# where the phrase ends: an apposition or an aside follows (not the "-" of "43-year-old")
_PHRASE_ENDS = frozenset({",", ";", ":", "(", ")", "\u2014", "\u2013", "."})
_NOMINAL_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON", "PART", "PUNCT", "X"})


def _trailing_subject(doc: SpacyDoc, piece: Marked, cue: Token) -> SpacySpan | None:
    """`“Go back to Univision,” Trump barked`, `“...,” Ramos, 58, told AFP`:
    right after a quotation, a short noun phrase and the cue make the attribution, so the
    phrase is the speaker even where the parser gave the cue no subject (it reads such a
    verb as an apposition or a modifier). The phrase ends at a comma (an apposition)."""
    window = doc[max(0, cue.i - _MAX_TRAILING_SUBJECT - 4) : cue.i]
    words = [t for t in window if t.idx >= piece.end]
    double_marks = 0  # a closing "''" is one mark in two characters
    while words and (words[0].is_punct or words[0].is_space):
        double_marks += words[0].text in _DOUBLE_MARKS
        words.pop(0)  # the closing mark and the comma before it
    if (
        not words
        or words[0].idx - piece.end - double_marks > 3
        or any("\n" in t.text for t in words)
    ):
        return None
    phrase: list[Token] = []
    for token in words:
        if token.is_punct and token.text in _PHRASE_ENDS:
            break
        phrase.append(token)
    if not phrase or len(phrase) > _MAX_TRAILING_SUBJECT:
        return None
    # nominal words only, or a capitalised name the tagger misread ("Trump/VERB")
    if not all(t.pos_ in _NOMINAL_POS or t.text[:1].isupper() for t in phrase):
        return None
    if phrase[-1].is_punct:
        return None
    return doc[phrase[0].i : phrase[-1].i + 1]


def _inverted_subject(doc: SpacyDoc, piece: Marked, cue: Token) -> SpacySpan | None:
    """`“...,” said Skelly, explaining ...`, `“...,” added a South Carolina Democrat`: the
    cue right after a quotation, then a short noun phrase up to a comma or the sentence's
    end, is the attribution, though the parser took the phrase for an object or an adverb."""
    # (the marks between are read off their tokens: Doc.text rebuilds the whole text)
    between = [t for t in doc[max(0, cue.i - 4) : cue.i] if t.idx + len(t.text_with_ws) > piece.end]
    if not 0 <= cue.idx - piece.end <= 4 or any("\n" in t.text_with_ws for t in between):
        return None
    phrase: list[Token] = []
    for token in doc[cue.i + 1 : cue.i + 2 + _MAX_TRAILING_SUBJECT]:
        if (token.is_punct and token.text in _PHRASE_ENDS) or "\n" in token.text:
            break
        phrase.append(token)
    else:
        return None  # runs on: no short phrase
    if (
        not phrase
        or len(phrase) > _MAX_TRAILING_SUBJECT
        or any(t.ent_type_ in ("DATE", "TIME") for t in phrase)  # `“...,” said Tuesday`
        or not all(t.pos_ in _NOMINAL_POS or t.text[:1].isupper() for t in phrase)
        or not any(t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper() for t in phrase)
    ):
        return None
    return doc[phrase[0].i : phrase[-1].i + 1]


_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "with", "in", "on", "for", "to", "at", "by", "from"}
)


def looks_like_title(content: str) -> bool:
    """A quoted name of a show, a book or a slogan in title case ("Good Morning America",
    "The Nightly Show with Larry Wilmore"): no one's words."""
    words = [w for w in content.rstrip(".").split() if any(c.isalpha() for c in w)]
    if not words or len(words) > 8 or content.rstrip()[-1:] in "?!":
        return False
    capitalised = [w[0].isupper() or not w[0].isalpha() for w in words]
    small = [w.lower() in _TITLE_SMALL_WORDS for w in words]
    return words[0][0].isupper() and all(c or s for c, s in zip(capitalised, small, strict=True))


def _spoken_fragment(text: str, m: Marked, cue: Token | None) -> bool:
    """`"Judge," Brafman said`: a comma closes the passage and a speech verb follows it."""
    return (
        text[m.end : m.end + 1] == ","
        and cue is not None
        and cue.lemma_.lower() in SPEECH_VERBS
        and 0 <= cue.idx - m.end <= 30
    )


_CHARACTERISING = frozenset({"call", "describe", "label", "dub", "term", "brand"})
_OPENING = re.compile(r"[,:]\s*(?:[\"\u201c\u00ab]|''|``)?\s*$")


def _adjacent(text: str, m: Marked, cue: Token) -> bool:
    """A short quote counts only as an utterance right next to its cue: closed by its own
    punctuation before the cue (`"No," he said.`, `"Never!" she shouted`) or opened after
    the cue's comma or colon (`he said: "No."`). A short phrase in marks inside a sentence
    (`noting her "limited availability"`) is someone's wording, not a quote."""
    closed = text[m.end : m.end + 1] in (",", ".", "!", "?") or text[m.end - 1 : m.end] in (
        ".",
        "!",
        "?",
    )
    if closed and 0 <= cue.idx - m.end < 20:
        return True
    cue_end = cue.idx + len(cue.text)
    if 0 <= m.start - cue_end < 20 and _OPENING.search(text[cue_end : m.start]):
        return True
    # "called it a “terrible mistake”": the words are the speaker's characterisation
    if cue.lemma_.lower() in _CHARACTERISING and 0 <= m.start - cue_end < 40:
        return any(t.idx == m.start for t in cue.subtree)
    return False


def _trim(doc: SpacyDoc, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "mark" or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def reported_quotes(
    parsed: _Parsed, actors: list[Actor], marked: list[Marked], used: set[int]
) -> list[Quote]:
    """ "X said (that) CLAUSE" and "According to X, CLAUSE" outside quotation marks."""
    doc = parsed.doc
    out: list[Quote] = []
    for token in doc:
        if token.i in used or not _is_cue(token) or _inside(marked, token.idx, token.idx + 1):
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if token.lower_ == "according":
            lo, hi = _according_content(parsed, token)
        elif clauses:
            clause = clauses[0]
            lo, hi = _trim(doc, clause.left_edge.i, _reported_end(clause))
        elif token.dep_ == "parataxis" and _subject(token) is not None:
            # "In three years, Barden says, far too many lives were lost": the head clause
            lo, hi = _rest_of(token.head, token)
        else:
            continue
        span = doc[lo:hi]
        if len(span.text.split()) < 3:
            continue
        if any(m.start <= span.start_char and span.end_char <= m.end for m in marked):
            continue  # reported speech inside a quotation belongs to the quotation
        out.append(
            Quote(
                kind="indirect",
                speaker=speaker_for(doc, token, actors),
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                cue=_span(_cue_span(token)),
            )
        )
    return out


def _according_content(parsed: _Parsed, cue: Token) -> tuple[int, int]:
    """The clause an "according to X" phrase attributes: the rest of its sentence."""
    return _rest_of(parsed.sent(cue).root, cue)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)


def _rest_of(head: Token, cue: Token) -> tuple[int, int]:
    """The part of ``head``'s clause outside the cue's phrase ("according to X", "Barden
    says") that holds its verb."""
    doc = cue.doc
    phrase = set(range(cue.left_edge.i, cue.right_edge.i + 1))
    if cue.lower_ == "according" and cue.i + 1 < len(doc):
        nxt = cue.nbor(1)
        phrase |= set(range(nxt.left_edge.i, nxt.right_edge.i + 1))
    first, last = head.left_edge.i, head.right_edge.i + 1
    runs: list[tuple[int, int]] = []
    lo = first
    for i in range(first, last + 1):
        if i == last or i in phrase:
            if i > lo:
                runs.append((lo, i))
            lo = i + 1
    if not runs:
        return first, first
    # the run with the clause's verb in it, else the longest
    with_head = [r for r in runs if r[0] <= head.i < r[1]]
    best = with_head[0] if with_head else max(runs, key=lambda r: r[1] - r[0])
    return _trim(doc, *best)


_PERSONAL = frozenset({"he", "she", "him", "her"})
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+")
PRONOUN_QUOTES = 3  # how many quotes back a "he said" may find its speaker


def resolve_speakers(quotes: list[Quote]) -> list[Quote]:
    """A "he said" the actors stage left unresolved takes the name (and code) of the person
    who spoke in the quotes just before: a run of quotes is mostly one speaker's
    ("Carter said ..." / "... he added")."""
    out: list[Quote] = []
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None and speaker.name is None and speaker.text.lower() in _PERSONAL:
            earlier = [
                q.speaker
                for q in out[-PRONOUN_QUOTES:]
                if q.speaker is not None and q.speaker.kind == "person" and q.speaker.name
            ]
            if earlier:
                source = earlier[-1]
                resolved = speaker.model_copy(
                    update={
                        "name": source.name,
                        "code": source.code,
                        "country": source.country,
                        "sector": source.sector,
                        "kind": "person",
                    }
                )
                quote = quote.model_copy(update={"speaker": resolved})
        out.append(quote)
    return out


def find_quotes(doc: SpacyDoc, actors: list[Actor]) -> list[Quote]:
    """Every direct and reported quote in ``doc``, by start offset."""
    parsed = _Parsed(doc)
    marked = find_marked(parsed.text)
    direct, used = direct_quotes(parsed, actors, marked)
    reported = reported_quotes(parsed, actors, marked, used)
    return resolve_speakers(sorted(direct + reported, key=lambda q: (q.start, q.end)))


@stage("quotes", reads=("spacy", "actors"), writes=("quotes",))
def make_quotes() -> StageFn:
    def run(doc: Document) -> None:
        doc.quotes = find_quotes(doc.parsed, doc.actors)

    return run
