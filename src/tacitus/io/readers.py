"""Readers: files, folders and stdin in, ``Article`` objects out, one at a time.

Every reader streams: memory stays constant in the number of articles. A record that cannot
be read (invalid JSON, no text, binary or undecodable bytes, a text over the size limit)
becomes a ``ReadProblem`` that names its file and line; reading goes on with the next one.

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
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO
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
_SNIFF_BYTES = 8192
_CHUNK_BYTES = 1 << 20


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
        raise TacitusError(Errors.E007, where=where, value=value)
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
    except (TypeError, ValueError, IndexError):
        raise TacitusError(Errors.E007, where=where, value=value) from None


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
    return Article(
        id=_opt_str(obj.get("id")) or Article.content_id(text),
        text=text,
        url=_opt_str(obj.get("url")),
        source=_opt_str(obj.get("source")),
        title=_opt_str(obj.get("title")),
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
        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise TacitusError(Errors.E003, where=name, reason=_json_reason(exc)) from None
        return article_from_mapping(obj, where=name, published=override, max_chars=max_chars)
    if stripped.startswith("[") and stripped.endswith("]"):
        raise TacitusError(Errors.E019, where=name)
    if len(raw) > max_chars:
        raise TacitusError(Errors.E005, where=name, size=len(raw), limit=max_chars)
    return Article(id=Article.content_id(raw), text=raw, published=override)


def _json_reason(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}"


def _is_binary(head: bytes) -> bool:
    # NUL bytes never occur in UTF-8 text but are everywhere in binary formats.
    return b"\x00" in head


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
    if _is_binary(data[:_SNIFF_BYTES]):
        raise TacitusError(Errors.E006, where=where, reason="it contains NUL bytes")
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
            if offset == 0 and _is_binary(chunk[:_SNIFF_BYTES]):
                raise TacitusError(Errors.E006, where=where, reason="it contains NUL bytes")
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


def read_jsonl(stream: IO[bytes], path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """One article per line of JSON; blank lines are skipped."""
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
    if _is_binary(head):
        exc = TacitusError(Errors.E006, where=path, reason="it contains NUL bytes")
        yield _problem(path, exc)
        return
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = _where(path, lineno)
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            err = TacitusError(Errors.E006, where=where, reason=_decode_reason(exc))
            yield _problem(path, err, lineno)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            err = TacitusError(Errors.E003, where=where, reason=_json_reason(exc))
            yield _problem(path, err, lineno)
            continue
        yield _record(obj, path, max_chars, lineno, None)


def read_json(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """A .json file: one article object, or a list of them."""
    name = str(path)
    try:
        text = read_text_file(path)
        obj = json.loads(text)
    except TacitusError as exc:
        yield _problem(name, exc)
        return
    except json.JSONDecodeError as exc:
        yield _problem(name, TacitusError(Errors.E003, where=name, reason=_json_reason(exc)))
        return
    if isinstance(obj, list):
        for i, element in enumerate(obj):
            yield _record(element, name, max_chars, None, i)
    else:
        yield _record(obj, name, max_chars, None, None)


def _has_surrogates(values: Iterable[object]) -> bool:
    # Undecodable bytes read with errors="surrogateescape" come back as lone surrogates.
    return any(isinstance(v, str) and any("\udc80" <= ch <= "\udcff" for ch in v) for v in values)


def read_csv(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """A CSV file with a header row naming the fields (``id``, ``text``, ``published``...)."""
    name = str(path)
    # Article texts are long; the csv module's default field limit (128 KiB) is not a policy.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    with path.open("rb") as probe:
        if _is_binary(probe.read(_SNIFF_BYTES)):
            yield _problem(name, TacitusError(Errors.E006, where=name, reason="NUL bytes"))
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
            if _has_surrogates(row.values()):
                err = TacitusError(Errors.E006, where=name, reason="invalid UTF-8 bytes")
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
        if _is_binary(data[:_SNIFF_BYTES]):
            raise TacitusError(Errors.E006, where=name, reason="it contains NUL bytes")
        yield article_from_html(data, where=name, max_chars=max_chars)
    except TacitusError as exc:
        yield _problem(name, exc)


def read_warc(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """HTML responses in a WARC file (Common Crawl News); other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), 1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                kind = record.http_headers.get_header("Content-Type") or ""
                if "html" not in kind.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{name} record {number}"
                try:
                    html = record.content_stream().read(HTML_MARKUP_FACTOR * max_chars + 1)
                    if len(html) > HTML_MARKUP_FACTOR * max_chars:
                        raise TacitusError(
                            Errors.E005, where=where, size=len(html), limit=max_chars
                        )
                    yield article_from_html(html, where=where, url=url, max_chars=max_chars)
                except TacitusError as exc:
                    yield ReadProblem(name, None, str(exc), item=number)
        except ArchiveLoadFailed as exc:
            yield _problem(name, TacitusError(Errors.E006, where=name, reason=str(exc)))


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
            yield ReadProblem(str(path), None, str(err))
        else:
            yield from _read_file(path, max_chars)
