"""Regenerate ``examples/ecbplus-sample.jsonl``: real news texts about conflict, crime, unrest,
disasters and politics, taken from the ECB+ corpus (CC BY 3.0; see ``examples/README.md``).

Usage (from the repository root)::

    .venv/bin/python tools/make_sample.py [--source ../shared/eval/coref/ecbplus.jsonl]

The selection rule is fixed and reproducible:

1. Read every ECB+ document in the converted file (one sentence per line).
2. Keep a document when its text matches at least ``MIN_KEYWORDS`` *different* topic keywords
   from ``KEYWORDS`` (whole words, case-insensitive) and has at least ``MIN_CHARS`` characters.
3. Sort the kept documents by id (natural order of topic and document number).

Only the texts are shipped: id, title, source, published, text; none of the ECB+ annotation.
A first line without closing punctuation that is followed by more text is the headline: it
becomes ``title`` and leaves the text. A short line right after it (or first) that is only a
date ("May 3, 2013 at 7: 31 AM ET", "Published: April 10, 2007") becomes ``published`` and
leaves the text; otherwise ``published`` is null.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "eval" / "coref" / "ecbplus.jsonl"
DEFAULT_OUTPUT = ROOT / "examples" / "ecbplus-sample.jsonl"

# Topic keywords: violence, crime and justice, unrest, disasters, politics and security.
KEYWORDS = [
    "killed",
    "kill",
    "killing",
    "killings",
    "murder",
    "murdered",
    "homicide",
    "shot",
    "shooting",
    "shootings",
    "gunman",
    "stabbed",
    "stabbing",
    "bomb",
    "bombing",
    "explosion",
    "exploded",
    "attack",
    "attacked",
    "riot",
    "riots",
    "rioting",
    "protest",
    "protests",
    "protesters",
    "demonstrators",
    "police",
    "arrested",
    "arrest",
    "charged",
    "convicted",
    "sentenced",
    "prison",
    "jail",
    "trial",
    "suspect",
    "pirates",
    "piracy",
    "hijacked",
    "hostage",
    "navy",
    "troops",
    "army",
    "soldiers",
    "military",
    "rebels",
    "militants",
    "war",
    "earthquake",
    "quake",
    "tsunami",
    "tremor",
    "magnitude",
    "flood",
    "fire",
    "blaze",
    "arson",
    "dead",
    "injured",
    "wounded",
    "victims",
    "election",
    "elections",
    "vote",
    "voters",
    "parliament",
    "minister",
    "president",
    "government",
]
MIN_KEYWORDS = 4
MIN_CHARS = 400
SOURCE_NAME = "ECB+"

_KEYWORD_RE = re.compile(r"\b(" + "|".join(KEYWORDS) + r")\b", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?")
_QUOTES = "\"'”’ "
_MAX_HEADLINE = 150
_MAX_DATELINE = 70
_MONTHS = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# The corpus conversion spaces out punctuation in numbers: "05 / 02 / 2013", "7: 31".
_SPACED = re.compile(r"\s*([/:-])\s*")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
# A dateline holds a date and little else: times, weekdays, "Posted", "Updated", time zones.
_DATELINE_WORDS = re.compile(
    r"^(?:(?:posted|published|updated|first|last|on|uk|aest|aedt|cet|cest|at|by|am|pm|a\.?\s?m|p\.?\s?m|et|est|edt|pt|pst|"
    r"pdt|ct|cdt|cst|gmt|bst|ist|utc|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|updated|\d+(?:st|nd|rd|th)?|" + "|".join(_MONTHS) + r")"
    r"[\s.,:;/|()+-]*)+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SampleArticle:
    """One shipped article: the reader's JSONL fields, nothing from the annotation."""

    id: str
    title: str | None
    source: str
    published: str | None
    text: str


def keyword_hits(text: str) -> set[str]:
    """The different topic keywords in ``text`` (lower case)."""
    return {m.group(1).lower() for m in _KEYWORD_RE.finditer(text)}


def is_selected(text: str) -> bool:
    return len(text) >= MIN_CHARS and len(keyword_hits(text)) >= MIN_KEYWORDS


def is_headline(line: str, rest: list[str]) -> bool:
    line = line.strip()
    # A headline may end with a quotation ("... Riot Deaths 'Murder'"), not with a full stop.
    ends_sentence = line.rstrip(_QUOTES).endswith(_SENTENCE_END)
    return bool(rest) and 0 < len(line) <= _MAX_HEADLINE and not ends_sentence


def _month(name: str) -> int | None:
    key = name.lower()[:3]
    return _MONTHS.index(key) + 1 if name.lower() in _MONTHS else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_dateline(line: str) -> dt.date | None:
    """The date of a line that is only a dateline, else None (US month/day order)."""
    line = _SPACED.sub(r"\1", line.strip())
    if not line or len(line) > _MAX_DATELINE or not _DATELINE_WORDS.match(line):
        return None
    if m := _ISO_DATE.search(line):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH_DAY_YEAR.search(line):
        month = _month(m[1])
        return _date(int(m[3]), month, int(m[2])) if month else None
    if m := _DAY_MONTH_YEAR.search(line):
        month = _month(m[2])
        return _date(int(m[3]), month, int(m[1])) if month else None
    if m := _NUMERIC_DATE.search(line):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _date(year, int(m[1]), int(m[2]))
    return None


def to_sample(record: dict[str, object]) -> SampleArticle:
    """Split an ECB+ record's text into headline, dateline and body."""
    lines = str(record["text"]).split("\n")
    title: str | None = None
    published: dt.date | None = None
    for _ in range(2):  # the dateline may come before or after the headline
        if not lines:
            break
        if published is None and (found := parse_dateline(lines[0])):
            published, lines = found, lines[1:]
        elif title is None and is_headline(lines[0], lines[1:]):
            title, lines = lines[0].strip(), lines[1:]
    if published is None and lines and (found := parse_dateline(lines[0])):
        published, lines = found, lines[1:]
    return SampleArticle(
        id=str(record["id"]),
        title=title,
        source=SOURCE_NAME,
        published=published.isoformat() if published else None,
        text="\n".join(lines).strip(),
    )


def _natural_key(doc_id: str) -> tuple[int, int, str]:
    # "ecbplus:12_4ecbplus" -> (12, 4, "ecbplus")
    m = re.search(r"(\d+)_(\d+)(\w+)$", doc_id)
    return (int(m[1]), int(m[2]), m[3]) if m else (0, 0, doc_id)


def select(records: Iterable[dict[str, object]]) -> Iterator[SampleArticle]:
    kept = [r for r in records if is_selected(str(r["text"]))]
    for record in sorted(kept, key=lambda r: _natural_key(str(r["id"]))):
        yield to_sample(record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source} does not exist: give the ECB+ JSONL with --source", file=sys.stderr)
        return 2
    with args.source.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    samples = list(select(records))
    with args.output.open("w", encoding="utf-8") as f:
        for sample in samples:
            f.write(json.dumps(asdict(sample), ensure_ascii=False) + "\n")
    print(f"wrote {len(samples)} of {len(records)} documents to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
