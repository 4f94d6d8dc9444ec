"""Stage `clean`: remove scraping debris before parsing, and say what was removed.

Scraped news text carries lines that are not part of the story: photo captions with their
credits, share/follow/cookie boilerplate, and teaser lines cut off mid-sentence that repeat
the start of the next line. Left in, they create phantom events (a caption re-reports the
story's main event with the wrong date) and break sentence splitting.

Rules, all conservative:

- Only *whole lines* are removed, never part of a sentence. A line is a run of text between
  newlines; surrounding whitespace does not count.
- A line is a **photo caption** when it carries a credit: it starts with "Image copyright",
  "Photograph:", "Image caption" ..., or ends with a credit such as "[File picture] Getty",
  "(Photo: Reuters)", "AFP/Getty Images", "REUTERS/Jane Doe", "Photograph: X/AP".
- A line is **boilerplate** when the whole line is a known site phrase: "Advertisement",
  "Read more: ...", "Share this article", "Follow us on Twitter", cookie notices,
  "Reporting by ...; Editing by ...".
- A line is **truncated** when it does not end a sentence and either (a) it is a near-prefix of
  the next line ("The US Defence Secretary Ash" before "US Defense Secretary Ash Carter
  visited ..."), or (b) it is a short last line and ends on a lower-case word that cannot end a
  sentence or headline ("the", "of", "and"). The first line is never judged truncated: it is
  usually the headline, which may repeat the lead. Rule (b) is not applied inside the text:
  hard-wrapped paragraphs ("... citing the" / "Revolutionary Guards source, said ...") look
  the same there.

The **headline** is read too: the article's title becomes the first paragraph of the text
(``headline_paragraph``), unless the text already opens with it. Scraped pages are often
debris around one line of news, and the title is that line ("3-year-old girl shot in
abdomen"); where the body tells the story too, the headline's events join the body's in the
same incident. The input of cleaning, which removal offsets index, is thus the headline
paragraph followed by the article's text.

Normalisation keeps offsets simple: characters downstream stages trip on are replaced by a
character of the same length (non-breaking and other Unicode spaces -> " ", a lone "\\r" or a
Unicode line separator -> "\\n", Windows-1252 punctuation mis-read as C1 controls -> the
intended quote or dash), or deleted and recorded (the "\\r" of "\\r\\n", zero-width
characters, soft hyphens, control characters). Whitespace left over by removed lines is
deleted and recorded too, as is whitespace before the first and after the last line (between
two kept lines the widest break survives, so paragraphs stay paragraphs). The removals thus
account for every character that is gone: ``raw[r.start:r.end] == r.text`` for every removal
``r``, and deleting them all from the normalised input gives the cleaned text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from tacitus.model import Document, Removal
from tacitus.stages.registry import StageFn, stage

# Removal reasons (stable strings: they are stored and shown to users).
CAPTION = "photo caption"
BOILERPLATE = "boilerplate"
TRUNCATED = "truncated line"
WHITESPACE = "whitespace"
CARRIAGE_RETURN = "carriage return"
INVISIBLE = "invisible character"

# Same-length replacements: Unicode spaces become " ", line separators become "\n".
_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_TRANSLATE = {ord(c): " " for c in _SPACES} | {
    ord("\u2028"): "\n",
    ord("\u2029"): "\n",
    ord("\x0b"): "\n",
    ord("\x0c"): "\n",
}
# C1 controls in news text are nearly always Windows-1252 bytes decoded as Latin-1: "\x93" was
# meant as a left double quote. Restore them (same length) instead of deleting quote marks.
for _code in range(0x80, 0xA0):
    try:
        _TRANSLATE[_code] = bytes([_code]).decode("cp1252")
    except UnicodeDecodeError:
        continue  # undefined in Windows-1252: deleted below
# Deleted: the CR of a CRLF pair; zero-width characters, BOM, soft hyphen; C0/C1 controls
# other than tab and newline.
_CRLF = re.compile(r"\r(?=\n)")
_LONE_CR = re.compile(r"\r(?!\n)")
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f\x81\x8d\x8f\x90\x9d]+"
)

# --- photo captions and credits ------------------------------------------------------------

_AGENCY = (
    r"(?:Getty(?:\s+Images)?|Reuters|AFP|AP|EPA(?:-EFE)?|PA(?:\s+Wire)?|Xinhua|Anadolu(?:\s+Agency)?"
    r"|Shutterstock|Alamy|iStock(?:photo)?|Corbis|Bloomberg|NurPhoto|SOPA\s+Images|ZUMA(?:\s+Wire)?"
    r"|Rex(?:/Shutterstock)?|AAP|UPI|dpa|ANSA|TASS|Sputnik|WENN|BBC|CNN)"
)
_PIC_WORD = r"(?:photo(?:graph)?|picture|pic|image|file\s+(?:photo|picture|image|pic))s?"
# A credit name after a photo marker: a few capitalised words, slashes between agencies.
_CREDIT_NAME = r"[A-Z][\w.&'’-]*(?:[\s/]+(?:via\s+)?[A-Z][\w.&'’-]*){0,5}"
_CAPTION_END = [
    # "... [File picture] Getty", "... [Photo]"
    re.compile(rf"\[\s*{_PIC_WORD}\s*\]\s*(?:{_CREDIT_NAME})?$", re.IGNORECASE),
    # "... (Photo: Reuters)", "(Picture credit: John Smith/AFP)", "(File photo)"
    re.compile(rf"\(\s*{_PIC_WORD}(?:\s+credits?)?\s*(?::[^()]{{1,80}})?\)$", re.IGNORECASE),
    # "... Photograph: Ahmad al-Rubaye/AFP/Getty Images", "Photo credit: AP"
    re.compile(
        rf"\b(?:{_PIC_WORD}|credit)(?:\s+credits?)?\s*:\s*[^.:;!?]{{1,80}}$",
        re.IGNORECASE,
    ),
    # "... AFP/Getty Images", "... AFP via Getty Images", "... Getty Images"
    re.compile(rf"(?:\b{_AGENCY}\s*(?:/|via)\s*)?\bGetty\s+Images$"),
    # "... REUTERS/Jane Doe", "REUTERS/Jane Doe/File Photo"
    re.compile(rf"\b(?:REUTERS|AFP|AP|EPA|Reuters)\s*/\s*{_CREDIT_NAME}$"),
]
_CAPTION_START = re.compile(
    r"^(?:(?:image|picture|photo|media|video)\s+(?:caption|copyright|credit)"
    r"|photograph\s*:|(?:photo|picture|image)(?:\s+credit)?\s*:)",
    re.IGNORECASE,
)
# A line that is only a credit: "Getty Images", "AFP/Getty Images", "(Reuters)".
_CREDIT_ONLY = re.compile(rf"^\(?\s*(?:{_AGENCY}(?:\s*(?:/|via)\s*{_AGENCY})*)\s*\)?$")
# A gallery's numbered caption marker: "Image 3 of 14", "Photo 1 of / 9".
_GALLERY_MARK = re.compile(r"\b(?:image|photo|picture|slide)\s+\d+\s+of\s+/?\s*\d+\b", re.I)
_GALLERY_START = re.compile(
    rf"^(?:(?:photo|picture|image)\s*:[^\n]{{0,80}}?)?{_GALLERY_MARK.pattern}", re.I
)
# Captions are short; a longer line with a credit-like ending is left alone. A gallery is
# not: its captions may run long, or a page may run a whole gallery into one line.
_MAX_CAPTION = 400
# Every credit pattern matches within this many characters of the line end.
_CREDIT_TAIL = 160


def caption_reason(line: str) -> str | None:
    """``CAPTION`` if the whole line is a photo caption or credit, else None."""
    line = line.strip()
    if _GALLERY_START.match(line) or (
        len(line) > _MAX_CAPTION and len(_GALLERY_MARK.findall(line, 0, 2000)) >= 2
    ):
        return CAPTION
    if not line or len(line) > _MAX_CAPTION:
        return None
    if _CAPTION_START.match(line) or _CREDIT_ONLY.match(line):
        return CAPTION
    # Search only the end of the line (cut at a space, so no false word boundary): captions
    # are checked on every line, and this is most of the stage's time.
    tail = line if len(line) <= _CREDIT_TAIL else line[-_CREDIT_TAIL:].split(" ", 1)[-1]
    if any(p.search(tail) for p in _CAPTION_END):
        return CAPTION
    return None


# --- boilerplate ---------------------------------------------------------------------------

_BOILERPLATE = re.compile(
    r"(?:"
    r"advertisement|advertising|sponsored(?:\s+content)?|ad\s+feedback"
    r"|(?:read|see)\s+(?:more|also)(?:\s*:.*|\s+here)?"
    r"|related(?:\s+(?:articles?|stories|content|coverage|links|news|topics))?(?:\s*:.*)?"
    r"|more\s+on\s+this\s+story"
    r"|share(?:\s+(?:this|the))?(?:\s+(?:article|story|page|post))?(?:\s+(?:on|via)\s+\w+)?\s*:?"
    r"|share\s+on\s+\w+|tweet(?:\s+this)?|e-?mail(?:\s+this)?(?:\s+(?:article|story))?"
    r"|print(?:\s+this)?(?:\s+(?:article|story|page))?"
    r"|follow\s+(?:us|@\w+)\s+on\s+(?:twitter|facebook|instagram|linkedin|x|youtube|tiktok).*"
    r"|like\s+us\s+on\s+facebook.*"
    r"|(?:sign\s+up|subscribe)\b.{0,120}\b(?:newsletter|updates|alerts|e-?mails?|briefing)\b.*"
    r"|(?:we|this\s+(?:web)?site|our\s+(?:web)?site)\s+uses?\s+cookies.*"
    r"|by\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:web)?site.*"
    r"|(?:accept|manage)\s+(?:all\s+)?cookies|cookie\s+(?:policy|settings|preferences)"
    r"|skip\s+to\s+(?:main\s+)?content|(?:continue|keep)\s+reading(?:\s+the\s+main\s+story)?"
    r"|story\s+continues\s+below(?:\s+(?:this\s+)?advertisement)?|scroll\s+(?:down\s+)?to\s+continue.*"
    r"|click\s+here\s+to\s+.*"
    r"|\(?(?:copyright\s*|©\s*|\(c\)\s*)+(?:\d{4}\b.*|.{0,80}all\s+rights\s+reserved.*)"
    r"|\((?:source:\s*)?[^()]{0,120}all\s+rights\s+reserved\b[^()]*\)"
    r"|all\s+rights\s+reserved\.?"
    r"|(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+(?-i:[A-Z]).*"
    # video players and script notices
    r"|(?:please\s+)?(?:enable|turn\s+on)\s+javascript\b.{0,80}"
    r"|(?:you\s+(?:must|need\s+to)\s+)?(?:have\s+)?javascript\s+(?:enabled|is\s+(?:disabled|required)).{0,80}"
    r"|this\s+video\s+is\s+(?:no\s+longer|not|currently\s+not)\s+available.{0,40}"
    r"|your\s+browser\s+does\s+not\s+support.{0,80}"
    r"|having\s+trouble\s+viewing\s+(?:the|this)\s+video\?.*"
    r"|(?:close\s+)?skip\s+in\s+skip\s+x\s+embed\s+x\s+share.*"
    r"|(?:watch|play)\s+(?:this\s+)?(?:story|video)|scroll\s+down\s+for\s+video"
    r"|(?:hide|show)\s+transcript(?:\s+(?:hide|show)\s+transcript)?|copy\s+link(?:\s+copy)?"
    r"|\[\w+_video\b[^\]]*\]"
    # comment, notification and account widgets
    r"|\d+\s+pending\s+comments?|(?:join|view)\s+the\s+(?:conversation|discussion)\b.{0,80}"
    r"|(?:there\s+was\s+a\s+problem\s+saving\s+)?your\s+notification(?:\s+has\s+been\s+saved)?"
    r"|email\s+notifications\s+are\s+only\s+sent\b.*|you\s+are\s+the\s+owner\s+of\s+this\s+article"
    r"|you\s+must\s+enter\s+the\s+characters\b.*|message:\s*\*\s*a\s+friend\s+wanted\s+you\s+to\s+see\b.*"
    r"|report\s+an\s+error(?:\s+or\s+submit\s+a\s+tip)?\b.{0,40}|like\s+this:\s*like\s+loading"
    r"|\d+\s+of\s+\d+\s+(?:premium\s+clicks|free\s+articles)\b.*"
    # follow / share lines and lone share-button labels
    r"|(?:stay\s+up\s+to\s+date,?\s+)?follow\s+[\w.@-]+(?:\s+on)?\s*:?\s*"
    r"(?:twitter|facebook|instagram)(?:\s*[|,]\s*(?:twitter|facebook|instagram))*"
    r"|share\s+this\s*:.{0,40}"
    r"|facebook|twitter|pinterest|google\+?|linkedin|whatsapp|reddit|tumblr"
    r"|[\w-]*_[\w-]*(?:\|[\w-]+)+"  # template residue: "gallery_thumbnails_photo|photo-2|..."
    r")[\s.!:|>»-]*",
    re.IGNORECASE,
)
# A real sentence can start with "Read more" or "Share"; a boilerplate line is short.
_MAX_BOILERPLATE = 200
_MAX_COOKIE_NOTICE = 400


# A video playlist's entry: its running time, then its title ("0:50 One dead after shooting
# involving officer"), not a time of day ("4:20 p.m. UPDATE:")
_VIDEO_ENTRY = re.compile(r"\d{1,2}:\d{2}\s+(?![ap]\.?\s?m\b\.?)\S", re.IGNORECASE)
_BULLETS = "►▶▸»>•·▪■◆*–—- \t"


def boilerplate_reason(line: str) -> str | None:
    """``BOILERPLATE`` if the whole line is a known site phrase (after any bullet or arrow
    it opens with: "► Related: ..."), else None."""
    line = line.strip().lstrip(_BULLETS)
    limit = _MAX_COOKIE_NOTICE if "cookie" in line.lower() else _MAX_BOILERPLATE
    if not line or len(line) > limit:
        return None
    if _VIDEO_ENTRY.match(line):
        return BOILERPLATE
    return BOILERPLATE if _BOILERPLATE.fullmatch(line) else None


# --- truncated lines -----------------------------------------------------------------------

# A line ending in one of these does not end a sentence or a headline.
_CLOSING = tuple(".!?\"'”’»)]:;…")
_DANGLING = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "but",
        "nor",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "into",
        "onto",
        "upon",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "as",
        "about",
        "after",
        "before",
        "between",
        "during",
        "under",
        "over",
        "against",
        "among",
        "through",
        "via",
    ]
)
_LEADING_DETERMINERS = frozenset({"the", "a", "an"})
_WORD = re.compile(r"[\w’'-]+")
_MIN_PREFIX_WORDS = 3
_MIN_WORD_SCORE = 80.0
_MAX_DANGLING_LINE = 100  # rule (b) is for short lines only


def _words(line: str) -> list[str]:
    words = [w.casefold() for w in _WORD.findall(line)]
    # "The US Defence ..." is often the teaser of "US Defense ..." with the article dropped.
    if words and words[0] in _LEADING_DETERMINERS:
        words = words[1:]
    return words


def ends_sentence(line: str) -> bool:
    """Whether the line ends with closing punctuation ("." "?" a closing quote ...)."""
    line = line.rstrip()
    return line.endswith(_CLOSING)


def _same_word(word: str, other: str) -> bool:
    # Spelling variants ("defence"/"defense", "recaptured"/"re-captured") are the same word.
    return word == other or fuzz.ratio(word, other) >= _MIN_WORD_SCORE


def is_near_prefix(line: str, following: str) -> bool:
    """Whether ``line`` is (almost) the start of ``following``, cut off early.

    Compared word by word, ignoring case and a leading article: the first word must be equal,
    every other word equal or a spelling variant ("Defence"/"Defense"), and the last word may
    be cut mid-word ("Secretary As"). Word by word, not over the whole string: two list items
    that differ only in a name ("Kirshean Nelson, 18, is charged ..." / "Dion Robinson, 37, is
    charged ...") are not a prefix of each other.
    """
    head = line.rstrip().rstrip(".…").rstrip()
    words, next_words = _words(head), _words(following)
    if len(words) < _MIN_PREFIX_WORDS or len(next_words) <= len(words):
        return False
    aligned = next_words[: len(words)]
    if words[0] != aligned[0] or not aligned[-1].startswith(words[-1]):
        return False
    return all(_same_word(w, a) for w, a in zip(words[1:-1], aligned[1:-1], strict=True))


def ends_dangling(line: str) -> bool:
    """Whether the last word is one that cannot end a sentence or headline ("of", "the")."""
    words = _WORD.findall(line)
    return bool(words) and line.rstrip().endswith(words[-1]) and words[-1] in _DANGLING


def is_truncated(line: str, following: str | None) -> bool:
    """Whether ``line`` was cut off: see the module docstring for the two rules.

    ``following`` is the next non-blank line, None at the end of the text.
    """
    # A teaser cut off with an ellipsis ("Rebels seized the town...") ends in "." but is cut.
    teaser = line.rstrip().endswith(("...", "…"))
    if ends_sentence(line) and not teaser:
        return False
    if following is None:
        return len(line) <= _MAX_DANGLING_LINE and ends_dangling(line)
    return is_near_prefix(line, following)


# --- the text as lines ---------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A non-blank line: ``start``/``end`` bound its text without surrounding whitespace."""

    start: int
    end: int
    text: str  # as read by the rules: invisible characters dropped


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` (already normalised: "\\n" is the only line break)."""
    lines: list[Line] = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped or not _INVISIBLE.sub("", stripped).strip():
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        lines.append(Line(start, start + len(stripped), _INVISIBLE.sub("", stripped)))
    return lines


# A header of links to other stories; the short unpunctuated lines right after it are
# their headlines ("RELATED ARTICLES" / "+ Man shot, killed by police identified").
_LINK_LIST = re.compile(
    r"(?i)(?:related(?:\s+(?:articles?|stories|coverage|content|links|news))?|more\s+(?:stories|"
    r"headlines)|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|"
    r"most\s+(?:read|popular)|top\s+stories)\s*:?"
)
_MAX_LINKED_HEADLINES = 6
_MAX_HEADLINE = 120


def is_linked_headline(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` is a headline in a list of links: within a few lines after a
    link-list header, every line between being short and ending no sentence (or "+ ...")."""
    for back in range(1, min(i, _MAX_LINKED_HEADLINES) + 1):
        line = lines[i - back + 1].text.strip()
        headline = line.startswith("+ ") or (len(line) <= _MAX_HEADLINE and not ends_sentence(line))
        if not headline:
            return False
        if _LINK_LIST.fullmatch(lines[i - back].text.strip()):
            return True
    return False


def line_reason(lines: list[Line], i: int) -> str | None:
    """Why line ``i`` should be removed, or None to keep it."""
    line = lines[i].text
    reason = boilerplate_reason(line) or caption_reason(line)
    if reason is None and _LINK_LIST.fullmatch(line.strip()):
        reason = BOILERPLATE
    if reason or i == 0:
        return reason
    if is_linked_headline(lines, i):
        return BOILERPLATE
    following = lines[i + 1].text if i + 1 < len(lines) else None
    if is_truncated(line, following):
        return TRUNCATED
    return None


def _gap_removals(
    gaps: list[tuple[int, int]], text: str, keep_one: bool
) -> Iterator[tuple[int, int]]:
    """The whitespace gaps to delete; with ``keep_one`` the widest break survives."""
    gaps = [(s, e) for s, e in gaps if e > s]
    kept = max(gaps, key=lambda g: text.count("\n", *g), default=None) if keep_one else None
    yield from (g for g in gaps if g != kept)


def line_deletions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, reason) for removed lines and the whitespace they leave behind.

    Between two kept lines exactly one whitespace gap survives (the one with the most
    newlines, so a paragraph break is kept); leading and trailing whitespace goes.
    """
    lines = split_lines(text)
    reasons = [line_reason(lines, i) for i in range(len(lines))]
    out: list[tuple[int, int, str]] = []
    gaps: list[tuple[int, int]] = []
    cursor = 0
    seen_kept = False
    for line, reason in zip(lines, reasons, strict=True):
        gaps.append((cursor, line.start))
        cursor = line.end
        if reason:
            out.append((line.start, line.end, reason))
            continue
        out.extend((s, e, WHITESPACE) for s, e in _gap_removals(gaps, text, keep_one=seen_kept))
        gaps, seen_kept = [], True
    gaps.append((cursor, len(text)))
    out.extend((s, e, WHITESPACE) for s, e in _gap_removals(gaps, text, keep_one=False))
    return sorted(out)


# --- putting it together -------------------------------------------------------------------


def normalise(raw: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Same-length replacements, and (start, end, reason) for characters to delete."""
    text = _LONE_CR.sub("\n", raw.translate(_TRANSLATE))
    deletions = [(m.start(), m.end(), CARRIAGE_RETURN) for m in _CRLF.finditer(text)]
    deletions += [(m.start(), m.end(), INVISIBLE) for m in _INVISIBLE.finditer(text)]
    return text, sorted(deletions)


def clean_text(raw: str) -> tuple[str, list[Removal]]:
    """The cleaned text and what was removed (offsets index ``raw``), sorted by start."""
    text, char_deletions = normalise(raw)
    # The line rules run on the normalised text before anything is deleted, so every offset
    # they produce indexes ``raw`` too (the replacements keep the length).
    deletions = line_deletions(text)
    covered = _Intervals(deletions)
    deletions += [d for d in char_deletions if not covered.overlaps(d[0], d[1])]
    deletions.sort()
    pieces: list[str] = []
    removals: list[Removal] = []
    cursor = 0
    for start, end, reason in deletions:
        pieces.append(text[cursor:start])
        removals.append(Removal(start=start, end=end, text=raw[start:end], reason=reason))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), removals


class _Intervals:
    """Sorted, non-overlapping intervals with an overlap test."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self._spans = sorted((s, e) for s, e, _ in spans)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._spans, (start, float("inf")))
        if i and self._spans[i - 1][1] > start:
            return True
        return i < len(self._spans) and self._spans[i][0] < end


# How far into the text a title may start for the text to count as opening with it. Kept
# short: a copy further in is often a link list or a teaser that cleaning removes (with a
# window of 300 characters, 0.3 points fewer GVA incident pairs were found).
_HEADLINE_WINDOW = 20


def headline_paragraph(title: str | None, text: str) -> str:
    """The title as the text's first paragraph (its whitespace collapsed, then a paragraph
    break), or "" when there is no title or the text already opens with it."""
    headline = " ".join((title or "").split())
    if not headline:
        return ""
    opening = " ".join(text[: len(headline) + _HEADLINE_WINDOW].split())
    if headline.casefold() in opening.casefold():
        return ""
    return headline + "\n\n"


def cleaning_input(title: str | None, text: str) -> str:
    """What the clean stage cleans, and what removal offsets index: the headline paragraph
    followed by the text."""
    return headline_paragraph(title, text) + text


@stage("clean", reads=("article",), writes=("text", "removed"), needs_parse=False)
def make_clean() -> StageFn:
    def run(doc: Document) -> None:
        doc.text, doc.removed = clean_text(cleaning_input(doc.article.title, doc.article.text))

    return run
