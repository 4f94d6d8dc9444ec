"""Readers: files, folders and stdin in, ``Article`` objects out, one at a time.

Every reader streams: memory stays constant in the number of articles. A record that cannot
be read (invalid JSON, no text, binary or undecodable bytes, a text over the size limit)
becomes a ``ReadProblem`` that names its file and line; reading goes on with the next one,
so a good record is never lost among bad ones. A file is skipped whole (one problem) only
when it is not text at all: NUL bytes in a .txt, .html or .json file, in the header row of a
.csv, or in the first 8 KB of a .jsonl file that hold no JSON object (a UTF-16 file is
named as such). Nothing in the input raises: what Python's own parsers cannot take (JSON
nested too deeply, integers of over 4,300 digits, lone surrogates from ``\\ud800`` escapes, a
line too long to hold) is a problem like any other.

Accepted record fields (JSON objects and CSV headers alike): ``id``, ``url``, ``source``,
``title``, ``published`` (or ``date``), and the text in ``text`` (or ``body``, ``content``).
A record without an id gets one from its text (``Article.content_id``), so re-reading the
same input gives the same ids.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email.utils
import json
import os
import re
import reprlib
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from tacitus.errors import Errors, TacitusError
from tacitus.model import Article

DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own max_length
TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("published", "date")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
CSV_SUFFIXES = (".csv",)
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
STDIN = "-"
# An HTML page carries markup around its text: allow this many times the text limit.
HTML_MARKUP_FACTOR = 10
# A .jsonl line may spell its text this many bytes per character (a \uXXXX\uXXXX pair is the
# longest JSON spelling of one character), plus this much for the other fields: a longer line
# is measured and skipped, never held in memory.
JSONL_LINE_FACTOR = 12
JSONL_LINE_SLACK = 1 << 16
_SNIFF_BYTES = 8192
_CHUNK_BYTES = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")
_BRIEF = reprlib.Repr()
_BRIEF.maxstring = _BRIEF.maxother = 80
_BRIEF.maxlevel = 3


@dataclass(frozen=True)
class ReadProblem:
    """An input record that could not be read; the reader skipped it and went on."""

    path: str
    line: int | None
    message: str
    item: int | None = None  # index in a .json list, when the record is one of its items

    @property
    def where(self) -> str:
        return _where(self.path, self.line, self.item)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _where(path: str, line: int | None = None, item: int | None = None) -> str:
    if line is not None:
        return f"{path}:{line}"
    if item is not None:
        return f"{path}[{item}]"
    return path


def _problem(
    path: str, exc: TacitusError, line: int | None = None, item: int | None = None
) -> ReadProblem:
    # The catalogue's messages begin with "{where}: "; the problem keeps the location apart.
    message = str(exc)
    prefix = _where(path, line, item) + ": "
    if message.startswith(prefix):
        message = message[len(prefix) :]
    return ReadProblem(path=path, line=line, message=message, item=item)


# --- single values -------------------------------------------------------------------------


def parse_published(value: object, *, where: str) -> dt.date | None:
    """A publication date from ISO 8601 (date or date-time) or RFC 2822 (feeds); '' -> None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TacitusError(Errors.E007, where=where, value=_Brief(value))
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        raise TacitusError(Errors.E007, where=where, value=_Brief(value)) from None


class _Brief:
    """A value as a message shows it (``{value!r}``): cut when long, never recursing deep."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return _BRIEF.repr(self.value)


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    return text or None


def _first_text(obj: Mapping[str, object]) -> str | None:
    for name in TEXT_FIELDS:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def article_from_mapping(
    obj: object,
    *,
    where: str,
    published: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """An Article from a JSON object or CSV row; ``published`` overrides the record's date."""
    if not isinstance(obj, Mapping):
        raise TacitusError(Errors.E019, where=where)
    text = _first_text(obj)
    if text is None:
        raise TacitusError(Errors.E004, where=where)
    if len(text) > max_chars:
        raise TacitusError(Errors.E005, where=where, size=len(text), limit=max_chars)
    date = published
    if date is None:
        raw_date = next((obj[f] for f in DATE_FIELDS if obj.get(f) not in (None, "")), None)
        date = parse_published(raw_date, where=where)
    values = {name: _opt_str(obj.get(name)) for name in ("id", "url", "source", "title")}
    for name, value in (("text", text), *values.items()):
        if value is not None and _SURROGATE.search(value):
            raise TacitusError(Errors.E051, where=where, field=name)
    return Article(
        id=values["id"] or Article.content_id(text),
        text=text,
        url=values["url"],
        source=values["source"],
        title=values["title"],
        published=date,
    )


def _looks_like_json_object(text: str) -> bool:
    # '{"' starts a JSON object (perhaps a truncated one), never prose.
    return text.startswith("{") and (text.endswith("}") or text[1:].lstrip().startswith('"'))


def read_article_input(
    raw: str, *, name: str, published: str | None, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """One article from a JSON object (with a "text" field), an HTML page (by its name), or
    plain text.

    ``published`` (YYYY-MM-DD) sets the date of plain text and overrides a JSON record's.
    """
    override = parse_published(published, where="--published") if published else None
    stripped = raw.strip()
    if not stripped:
        raise TacitusError(Errors.E004, where=name)
    if name.lower().endswith(HTML_SUFFIXES):
        page = article_from_html(raw, where=name, max_chars=max_chars)
        return page.model_copy(update={"published": override}) if override else page
    if _looks_like_json_object(stripped):
        obj = _loads(stripped, where=name)
        try:
            return article_from_mapping(obj, where=name, published=override, max_chars=max_chars)
        except RecursionError:  # str() of a field nested almost too deeply to parse
            raise TacitusError(Errors.E003, where=name, reason=_TOO_DEEP) from None
    if stripped.startswith("[") and stripped.endswith("]"):
        raise TacitusError(Errors.E019, where=name)
    if len(raw) > max_chars:
        raise TacitusError(Errors.E005, where=name, size=len(raw), limit=max_chars)
    return Article(id=Article.content_id(raw), text=raw, published=override)


def _json_reason(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}"


_TOO_DEEP = "nested too deeply to read"


def _loads(text: str, *, where: str) -> object:
    """Parsed JSON; anything Python's parser cannot take is E003 with the reason."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TacitusError(Errors.E003, where=where, reason=_json_reason(exc)) from None
    except RecursionError:
        raise TacitusError(Errors.E003, where=where, reason=_TOO_DEEP) from None
    except ValueError as exc:  # an integer of over 4,300 digits
        reason = str(exc).split(";")[0]
        raise TacitusError(Errors.E003, where=where, reason=reason) from None


def _is_binary(head: bytes) -> bool:
    # NUL bytes never occur in UTF-8 text but are everywhere in binary formats.
    return b"\x00" in head


def _binary_reason(head: bytes) -> str:
    """Why bytes with NULs are not UTF-8 text; UTF-16 and UTF-32 (with or without a BOM) by
    name."""
    sample = head[:512]
    for name, unit, boms in (
        ("UTF-32", 4, (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)),
        ("UTF-16", 2, (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)),
    ):
        if sample.startswith(boms) or _wide_text(sample, unit):
            return f"it is {name} text: save it as UTF-8"
    return "it contains NUL bytes"


def _wide_text(sample: bytes, unit: int) -> bool:
    # Mostly-ASCII text in units of ``unit`` bytes: one byte of each unit carries the letter,
    # the others are (nearly) all NUL.
    if len(sample) < 4 * unit:
        return False
    zeros = sorted(sample[r::unit].count(0) / len(sample[r::unit]) for r in range(unit))
    return zeros[0] < 0.5 and all(z >= 0.9 for z in zeros[1:])


def read_text_file(path: Path) -> str:
    """The UTF-8 text of a file; a missing, folder, binary or undecodable file is an error."""
    where = str(path)
    if not path.exists():
        raise TacitusError(Errors.E001, path=path, reason="no such file")
    if path.is_dir():
        raise TacitusError(
            Errors.E001, path=path, reason="it is a folder (use `tacitus ingest` for folders)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TacitusError(Errors.E001, path=path, reason=exc.strerror or str(exc)) from None
    if _is_binary(data):
        raise TacitusError(Errors.E006, where=where, reason=_binary_reason(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TacitusError(Errors.E006, where=where, reason=_decode_reason(exc)) from None


def _decode_reason(exc: UnicodeDecodeError) -> str:
    return f"invalid UTF-8 byte 0x{exc.object[exc.start]:02x} at byte {exc.start}"


def _read_limited_text(path: Path, max_chars: int) -> str:
    """A file's UTF-8 text, decoded in chunks; an over-long text is measured, never kept."""
    where = str(path)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    parts: list[str] = []
    size = 0
    offset = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            if _is_binary(chunk):
                reason = _binary_reason(chunk) if offset == 0 else "it contains NUL bytes"
                raise TacitusError(Errors.E006, where=where, reason=reason)
            try:
                part = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                byte = exc.object[exc.start]
                reason = f"invalid UTF-8 byte 0x{byte:02x} at byte {offset + exc.start}"
                raise TacitusError(Errors.E006, where=where, reason=reason) from None
            offset += len(chunk)
            size += len(part)
            if size <= max_chars:
                parts.append(part)
            else:
                parts.clear()  # over the limit: go on counting only, for the message
        try:
            tail = decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise TacitusError(
                Errors.E006, where=where, reason="the file ends inside a UTF-8 character"
            ) from None
        size += len(tail)
        parts.append(tail)
    if size > max_chars:
        raise TacitusError(Errors.E005, where=where, size=size, limit=max_chars)
    return "".join(parts)


# --- formats -------------------------------------------------------------------------------

Item = Article | ReadProblem


def _record(obj: object, path: str, max_chars: int, line: int | None, item: int | None) -> Item:
    where = _where(path, line, item)
    try:
        return article_from_mapping(obj, where=where, max_chars=max_chars)
    except TacitusError as exc:
        return _problem(path, exc, line, item)
    except RecursionError:  # str() of a field nested almost too deeply to parse
        return _problem(path, TacitusError(Errors.E003, where=where, reason=_TOO_DEEP), line, item)


def read_jsonl(stream: IO[bytes], path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """One article per line of JSON; blank lines are skipped.

    Every line stands alone: a bad one (binary, not UTF-8, not JSON, too long) is one problem.
    Only a file whose first 8 KB hold NUL bytes and not one JSON object is binary as a whole.
    """
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
    if _is_binary(head) and not _holds_json_object(head):
        exc = TacitusError(Errors.E006, where=path, reason=_binary_reason(head))
        yield _problem(path, exc)
        return
    limit = JSONL_LINE_FACTOR * max_chars + JSONL_LINE_SLACK
    for lineno, raw, size in _lines(stream, limit):
        where = _where(path, lineno)
        if raw is None:
            err = TacitusError(Errors.E050, where=where, size=size, limit=max_chars)
            yield _problem(path, err, lineno)
            continue
        if not raw.strip():
            continue
        try:
            if _is_binary(raw):
                raise TacitusError(Errors.E006, where=where, reason="the line has NUL bytes")
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise TacitusError(Errors.E006, where=where, reason=_decode_reason(exc)) from None
            obj = _loads(line, where=where)
        except TacitusError as err:
            yield _problem(path, err, lineno)
            continue
        yield _record(obj, path, max_chars, lineno, None)


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line, size in bytes) for each line; a line over ``limit`` bytes comes as None,
    read through in chunks, never held whole."""
    lineno = 0
    while raw := stream.readline(limit + 1):
        lineno += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield lineno, raw, len(raw)
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (raw := stream.readline(_CHUNK_BYTES)):
            size += len(raw)
        yield lineno, None, size


def _holds_json_object(head: bytes) -> bool:
    """Whether a whole line of ``head`` is a JSON object: a .jsonl file with some binary
    lines, not a binary file."""
    lines = head.split(b"\n")
    if len(head) >= _SNIFF_BYTES:
        lines.pop()  # perhaps cut
    for line in lines:
        text = line.strip()
        if text.startswith((b"{", codecs.BOM_UTF8 + b"{")) and not _is_binary(text):
            try:
                if isinstance(json.loads(text.decode("utf-8-sig")), dict):
                    return True
            except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
                continue
    return False


def read_json(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """A .json file: one article object, or a list of them."""
    name = str(path)
    try:
        obj = _loads(read_text_file(path), where=name)
    except TacitusError as exc:
        yield _problem(name, exc)
        return
    if isinstance(obj, list):
        for i, element in enumerate(obj):
            yield _record(element, name, max_chars, None, i)
    else:
        yield _record(obj, name, max_chars, None, None)


def _has_surrogates(values: Iterable[object]) -> bool:
    # Undecodable bytes read with errors="surrogateescape" come back as lone surrogates.
    return any(isinstance(v, str) and any("\udc80" <= ch <= "\udcff" for ch in v) for v in values)


def _bad_csv_bytes(values: Iterable[object]) -> str | None:
    """Why a CSV row is not UTF-8 text, or None."""
    strings = [v for v in values if isinstance(v, str)]
    if any("\x00" in v for v in strings):
        return "NUL bytes"
    if _has_surrogates(strings):
        return "invalid UTF-8 bytes"
    return None


def _csv_header(head: bytes) -> bool:
    """Whether ``head`` starts with a UTF-8 header row naming a text field: a CSV file (whose
    rows may have NUL bytes), not a binary one."""
    first = head.split(b"\n", 1)[0]
    if _is_binary(first):
        return False
    try:
        names = next(csv.reader([first.decode("utf-8-sig")]), [])
    except (UnicodeDecodeError, csv.Error):
        return False
    return any(n in TEXT_FIELDS for n in names)


def read_csv(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """A CSV file with a header row naming the fields (``id``, ``text``, ``published``...)."""
    name = str(path)
    # Article texts are long; the csv module's default field limit (128 KiB) is not a policy.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    with path.open("rb") as probe:
        head = probe.read(_SNIFF_BYTES)
    if _is_binary(head) and not _csv_header(head):
        yield _problem(name, TacitusError(Errors.E006, where=name, reason=_binary_reason(head)))
        return
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
        reader = csv.DictReader(stream)
        fields = reader.fieldnames or []
        if not any(f in TEXT_FIELDS for f in fields):
            yield _problem(name, TacitusError(Errors.E004, where=f"{name}:1"), 1)
            return
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # The csv module cannot resynchronise after a malformed row: stop this file.
                err = TacitusError(Errors.E001, path=f"{name}:{start}", reason=str(exc))
                yield ReadProblem(name, start, str(err))
                return
            line, start = start, reader.line_num + 1
            bad = _bad_csv_bytes(row.values())
            if bad:
                err = TacitusError(Errors.E006, where=name, reason=bad)
                yield ReadProblem(name, line, _problem(name, err).message)
                continue
            clean = {k: v for k, v in row.items() if isinstance(k, str)}
            yield _record(clean, name, max_chars, line, None)


def read_txt(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """A plain-text file is one article; its id is the hash of its text."""
    name = str(path)
    try:
        text = _read_limited_text(path, max_chars)
    except TacitusError as exc:
        yield _problem(name, exc)
        return
    if not text.strip():
        yield _problem(name, TacitusError(Errors.E004, where=name))
        return
    yield Article(id=Article.content_id(text), text=text)


def article_from_html(
    html: bytes | str,
    *,
    where: str,
    url: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """The main text of a web page (boilerplate removed by trafilatura) with its metadata."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception as exc:  # trafilatura/lxml raise many types on malformed pages
        raise TacitusError(Errors.E006, where=where, reason=f"unreadable HTML: {exc}") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(text, str) or not text.strip():
        raise TacitusError(Errors.E004, where=where)
    if len(text) > max_chars:
        raise TacitusError(Errors.E005, where=where, size=len(text), limit=max_chars)
    page_url = _opt_str(getattr(doc, "url", None)) or url
    try:
        published = parse_published(getattr(doc, "date", None), where=where)
    except TacitusError:
        published = None  # a page's own date is a hint, not the user's input: drop it
    source = _opt_str(getattr(doc, "sitename", None))
    if source is None and page_url:
        source = urlsplit(page_url).hostname
    return Article(
        id=Article.content_id(text),
        text=text,
        url=page_url,
        source=source,
        title=_opt_str(getattr(doc, "title", None)),
        published=published,
    )


def read_html(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """An .html/.htm file is one article."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > HTML_MARKUP_FACTOR * max_chars:
            raise TacitusError(Errors.E005, where=name, size=size, limit=max_chars)
        data = path.read_bytes()
        if _is_binary(data):
            raise TacitusError(Errors.E006, where=name, reason=_binary_reason(data))
        yield article_from_html(data, where=name, max_chars=max_chars)
    except TacitusError as exc:
        yield _problem(name, exc)


def read_warc(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """HTML responses in a WARC file (Common Crawl News); other records are skipped.

    A record the file ends inside (a cut download) is a problem, and so is a file without one
    HTML page; a damaged archive stops the reading there, keeping the records before it.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    number = found = 0  # records read; HTML responses among them
    with path.open("rb") as stream:
        archive = ArchiveIterator(stream)
        records = iter(archive)
        while True:
            at = number + 1  # the record being read
            where = f"{name} record {at}"
            try:
                record = next(records, None)
                if record is None:
                    break
                number = at
                if not _declared_length(record):
                    raise ValueError("a record without a valid Content-Length: cut or malformed")
                page = _warc_page(record, where, max_chars)
            except TacitusError as exc:
                found += 1
                yield _warc_problem(name, at, exc)
                continue
            except ArchiveLoadFailed as exc:
                if at == 1:  # not a WARC file at all
                    yield _problem(name, TacitusError(Errors.E006, where=name, reason=str(exc)))
                else:
                    yield _warc_problem(name, at, _damaged(where, exc))
                return
            except Exception as exc:  # warcio, gzip and zlib raise many types on damaged files
                yield _warc_problem(name, at, _damaged(where, exc))
                return
            if page is not None:
                found += 1
                yield page
        # warcio ends quietly inside the headers of a last record that the file cuts short
        end = getattr(archive, "offset", None)
        if isinstance(end, int) and end < os.fstat(stream.fileno()).st_size:
            found += 1
            yield _warc_problem(name, at, TacitusError(Errors.E053, where=where))
    if not found:
        reason = (
            f"{number:,} records read"
            if number
            else "no WARC record: the file is empty, or cut inside its first record"
        )
        yield _problem(name, TacitusError(Errors.E052, where=name, reason=reason))


def _warc_page(record: Any, where: str, max_chars: int) -> Article | None:
    """The article of an HTML response record; None for other records."""
    limit = HTML_MARKUP_FACTOR * max_chars
    html = None
    if record.rec_type == "response" and record.http_headers is not None:
        kind = record.http_headers.get_header("Content-Type") or ""
        if "html" in kind.lower():
            html = record.content_stream().read(limit + 1)
    if _cut(record):
        raise TacitusError(Errors.E053, where=where)
    if html is None:
        return None
    if len(html) > limit:
        raise TacitusError(Errors.E005, where=where, size=len(html), limit=max_chars)
    url = record.rec_headers.get_header("WARC-Target-URI")
    return article_from_html(html, where=where, url=url, max_chars=max_chars)


def _declared_length(record: Any) -> bool:
    """Whether a WARC record declares its length (the header every record must have)."""
    if record.length is None:
        return False
    if record.format != "warc":
        return True
    value = record.rec_headers.get_header("Content-Length") or ""
    return value.strip().isdigit()


def _cut(record: Any) -> bool:
    """Whether the file ends before the record's declared length (what is left is read)."""
    raw = record.raw_stream
    if not isinstance(getattr(raw, "limit", None), int):
        return False
    while raw.limit > 0:
        if not raw.read(min(raw.limit, _CHUNK_BYTES)):
            return True
    return False


def _damaged(where: str, exc: Exception) -> TacitusError:
    if isinstance(exc, AttributeError | TypeError | KeyError | IndexError):
        reason = "headers warcio cannot parse"  # its own bug on odd headers, e.g. no URI
    else:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
    return TacitusError(Errors.E054, where=where, reason=reason)


def _warc_problem(name: str, number: int, exc: TacitusError) -> ReadProblem:
    message = str(exc).removeprefix(f"{name} record {number}: ")
    return ReadProblem(name, None, message, item=number)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


_READERS = {
    **dict.fromkeys(JSON_SUFFIXES, read_json),
    **dict.fromkeys(CSV_SUFFIXES, read_csv),
    **dict.fromkeys(TEXT_SUFFIXES, read_txt),
    **dict.fromkeys(HTML_SUFFIXES, read_html),
    **dict.fromkeys(WARC_SUFFIXES, read_warc),
}
READABLE_SUFFIXES = (*JSONL_SUFFIXES, *_READERS)


def _read_file(path: Path, max_chars: int) -> Iterator[Item]:
    suffix = _suffix(path)
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, str(path), max_chars)
        else:
            yield from _READERS[suffix](path, max_chars)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        yield ReadProblem(str(path), None, str(TacitusError(Errors.E001, path=path, reason=reason)))


def _walk(folder: Path) -> Iterator[Path]:
    """Readable files under a folder, recursively, in a stable order; hidden ones skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for filename in sorted(files):
            path = Path(root, filename)
            if not filename.startswith(".") and _suffix(path) in READABLE_SUFFIXES:
                yield path


def iter_articles(
    paths: Iterable[Path | str],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: IO[bytes] | None = None,
) -> Iterator[Article | ReadProblem]:
    """Articles from files, folders (recursively) and ``-`` (JSONL on stdin), streamed."""
    for given in paths:
        if str(given) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl(stream, "<stdin>", max_chars)
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from _read_file(file, max_chars)
            if not found:
                reason = "the folder holds no .txt, .html, .jsonl, .json, .csv or .warc file"
                yield ReadProblem(
                    str(path), None, str(TacitusError(Errors.E001, path=path, reason=reason))
                )
        elif not path.exists():
            err = TacitusError(Errors.E001, path=path, reason="no such file or folder")
            yield ReadProblem(str(path), None, str(err))
        elif _suffix(path) not in READABLE_SUFFIXES:
            err = TacitusError(Errors.E002, path=path, suffix=_suffix(path) or path.name)
            yield _problem(str(path), err)
        else:
            yield from _read_file(path, max_chars)
