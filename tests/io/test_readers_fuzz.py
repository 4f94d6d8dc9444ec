"""Bad input at volume: every reader, fed random bytes, wrong encodings, cut archives,
absurd JSON and files that mix good records with junk, ends every bad record in a counted
problem, never raises, and never loses a good record among bad ones.

The readers' rule (src/tacitus/io/readers.py): every line of a .jsonl file, row of a .csv and
item of a .json list stands alone; a file is skipped whole only when it is not text at all.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.errors import TacitusError
from tacitus.io.readers import (
    READABLE_SUFFIXES,
    ReadProblem,
    iter_articles,
    read_article_input,
)
from tacitus.model import Article

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MORE = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = sorted(READABLE_SUFFIXES)
DEEP = 100_000  # levels of [[[...]]]: far past Python's recursion limit
PAGE = (
    "<html><head><title>Clashes in Aden</title></head><body><article><p>Fighters loyal to "
    "the government clashed with separatists in Aden on Tuesday, killing at least 12 people, "
    "officials said.</p><p>The fighting spread to the port district later in the day, "
    "residents told reporters.</p></article></body></html>"
)


@contextmanager
def _folder() -> Iterator[Path]:
    # one folder per example (pytest's tmp_path is one per test, shared by the examples)
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _read(paths: list[Path], **kwargs: int) -> tuple[list[Article], list[ReadProblem]]:
    items = list(iter_articles(paths, **kwargs))
    for item in items:
        assert isinstance(item, Article | ReadProblem), item
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, ReadProblem)]
    for p in problems:  # a clear problem: where it is, and a message that says what
        assert p.message and p.message == p.message.strip(), p
        assert p.line is None or p.line >= 1
        assert str(p).startswith(p.path)
        assert not p.message.startswith(p.path), p  # the place is not said twice
    return articles, problems


def _read_bytes(suffix: str, data: bytes, **kwargs: int) -> tuple[list[Article], list[ReadProblem]]:
    with _folder() as folder:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        return _read([path], **kwargs)


def _counted(articles: list[Article], problems: list[ReadProblem], data: bytes) -> None:
    """Something came of the input: an article, or a problem saying why not (blank input
    to a line-based reader is the only quiet case)."""
    assert articles or problems or not data.strip(), data[:100]


# --- random bytes ----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
@FAST
@given(data=st.binary(max_size=3000))
def test_random_bytes(suffix: str, data: bytes) -> None:
    articles, problems = _read_bytes(suffix, data)
    _counted(articles, problems, data)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".txt", ".json"])
@FAST
@given(data=st.binary(max_size=400), max_chars=st.integers(1, 50))
def test_random_bytes_small_limit(suffix: str, data: bytes, max_chars: int) -> None:
    articles, problems = _read_bytes(suffix, data, max_chars=max_chars)
    _counted(articles, problems, data)
    assert all(len(a.text) <= max_chars for a in articles)


@FAST
@given(data=st.binary(max_size=3000))
def test_random_bytes_on_stdin(data: bytes) -> None:
    stream = io.BufferedReader(io.BytesIO(data))
    items = list(iter_articles(["-"], stdin=stream))
    assert items or not data.strip()
    assert all(i.path == "<stdin>" for i in items if isinstance(i, ReadProblem))


@FAST
@given(raw=st.text(max_size=300), published=st.none() | st.text(max_size=40))
def test_read_article_input_raises_only_user_errors(raw: str, published: str | None) -> None:
    """`tacitus code` input: an article or a TacitusError (which the CLI prints), never
    another exception."""
    for name in ("-", "page.html", "a.json"):
        with suppress(TacitusError):
            read_article_input(raw, name=name, published=published)


# --- text in the wrong encoding ----------------------------------------------------------

ENCODINGS = ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"]


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".txt", ".html"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_wrong_encodings(suffix: str, encoding: str) -> None:
    text = "Caf\u00e9 owners in S\u00e3o Paulo protested on Friday, the police said."
    body = {
        ".jsonl": json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n",
        ".json": json.dumps({"id": "a", "text": text}, ensure_ascii=False),
        ".csv": f"id,text\na,{text}\n",
        ".txt": text,
        ".html": PAGE.replace("Aden", "S\u00e3o Paulo"),
    }[suffix]
    articles, problems = _read_bytes(suffix, body.encode(encoding))
    if encoding == "utf-8-sig":  # UTF-8 with its BOM is UTF-8
        assert len(articles) == 1 and not problems
        return
    if suffix == ".html":  # a page says its charset, or trafilatura guesses it
        assert len(articles) + len(problems) == 1
        return
    assert articles == [] and len(problems) == 1, (articles, problems)
    if encoding.startswith(("utf-16", "utf-32")):
        assert encoding[:6].upper() in problems[0].message, problems[0].message
    else:
        assert "not UTF-8" in problems[0].message


@FAST
@given(text=st.text(min_size=1, max_size=200), encoding=st.sampled_from(ENCODINGS))
def test_any_text_in_any_encoding(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    for suffix in (".jsonl", ".csv", ".txt", ".json"):
        articles, problems = _read_bytes(suffix, data)
        _counted(articles, problems, data)


# --- absurd JSON -------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["2016-07-11", "Mon, 11 Jul 2016 09:30:00 GMT", "\ud800", ""]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "text", "body", "title", "url", "source", "published", "date"])
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@FAST
@given(values=st.lists(JSON_VALUES, min_size=1, max_size=10))
def test_any_json_value_is_one_item(values: list[object]) -> None:
    """One item per line of a .jsonl file and per element of a .json list, whatever the
    value (numbers, lists, lone surrogates, dates of every type)."""
    lines = [json.dumps(v) for v in values]
    articles, problems = _read_bytes(".jsonl", "\n".join(lines).encode())
    assert len(articles) + len(problems) == len(values)
    assert sorted(p.line for p in problems if p.line) == [p.line for p in problems]
    articles, problems = _read_bytes(".json", json.dumps(values).encode())
    assert len(articles) + len(problems) == len(values)


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (_deep(DEEP), "nested too deeply"),
        ('{"id": "x", "text": "t", "title": ' + _deep(DEEP) + "}", "nested too deeply"),
        ('{"id": ' + "7" * 5000 + ', "text": "t"}', "4300 digits"),
        ('{"id": "x", "text": "bad \\ud800 escape"}', "lone surrogate"),
        ('{"id": "\\udfff", "text": "t"}', "lone surrogate"),
        ('{"text": "t", "published": "Mon, 11 Jul 99999999999 09:30:00 GMT"}', "date"),
        ('{"text": "t", "published": ' + _deep(500) + "}", "date"),
        ('{"id": "x", "text": "a\x00b"}', "NUL"),
        ("\ufeff" + '{"id": "x", "text": "a BOM in the middle"}', "BOM"),
    ],
)
def test_absurd_json_is_a_counted_skip(line: str, reason: str) -> None:
    good = [json.dumps({"id": f"g{i}", "text": f"Good record {i}."}) for i in range(2)]
    data = "\n".join([good[0], line, good[1]]).encode("utf-8", "surrogatepass")
    articles, problems = _read_bytes(".jsonl", data)
    assert [a.id for a in articles] == ["g0", "g1"]
    assert [p.line for p in problems] == [2]
    assert reason in problems[0].message, problems[0].message
    assert len(problems[0].message) < 400  # a long value is cut in the message
    if "\x00" not in line and "\ufeff" not in line:
        articles, problems = _read_bytes(".json", f"[{good[0]}, {line}]".encode())
        # a .json document nested too deeply is one problem; otherwise one per item
        assert len(articles) + len(problems) in (1, 2) and problems
        assert reason in problems[0].message
    if line.startswith("{"):  # `tacitus code`: the same, as an error the CLI prints
        with pytest.raises(TacitusError, match="invalid JSON" if "\x00" in line else reason):
            read_article_input(line, name="-", published=None)


def test_code_input_nested_too_deeply() -> None:
    for raw in ("{" + '"a": ' + _deep(DEEP) + "}", _deep(DEEP)):
        with pytest.raises(TacitusError, match=r"nested too deeply|not an article"):
            read_article_input(raw, name="-", published=None)


def test_enormous_lines_are_measured_not_kept() -> None:
    good = json.dumps({"id": "g", "text": "Good."})
    over = json.dumps({"id": "big", "text": "x" * 2_000_001})  # over the text limit
    huge = "y" * (13 * 1_000_000)  # over the line limit: not even parsed
    data = "\n".join([good, over, huge, huge + huge, good.replace('"g"', '"h"')]).encode()
    articles, problems = _read_bytes(".jsonl", data)
    assert [a.id for a in articles] == ["g", "h"]
    assert [p.line for p in problems] == [2, 3, 4]
    assert "over the limit of 1,000,000" in problems[0].message
    assert "13,000,001 bytes" in problems[1].message
    assert "26,000,001 bytes" in problems[2].message
    # the same at a small limit, without a newline at the end of the file
    articles, problems = _read_bytes(".jsonl", f"{good}\n{'z' * 5000}".encode(), max_chars=10)
    assert [a.id for a in articles] == ["g"] and [p.line for p in problems] == [2]


# --- NUL bytes, scripts, other odd files --------------------------------------------------


def test_nul_bytes_anywhere() -> None:
    lines = [json.dumps({"id": f"g{i}", "text": f"Good {i}."}) for i in range(400)]
    late = "\n".join([*lines, '{"id": "n", "text": "a\x00b"}', *lines[:1]]).encode()
    articles, problems = _read_bytes(".jsonl", late)  # past the first 8 KB
    assert len(articles) == 401 and [p.line for p in problems] == [401]
    early = b"\x00\x01\x02junk\n" + "\n".join(lines[:3]).encode()
    articles, problems = _read_bytes(".jsonl", early)
    assert [a.id for a in articles] == ["g0", "g1", "g2"] and [p.line for p in problems] == [1]
    binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    for suffix in (".jsonl", ".csv", ".txt", ".json", ".html"):
        articles, problems = _read_bytes(suffix, binary)
        assert articles == [] and len(problems) == 1, suffix
        assert "binary or not UTF-8" in problems[0].message
    rows = "id,text\n" + "".join(f"{i},Good {i}.\n" for i in range(2000))
    articles, problems = _read_bytes(".csv", (rows + "x,a\x00b\ny,after\n").encode())
    assert len(articles) == 2001 and [p.line for p in problems] == [2002]
    articles, problems = _read_bytes(".txt", b"a" * 9000 + b"\x00")
    assert articles == [] and "NUL" in problems[0].message


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><script>var a = 1;</script><style>p {color: red}</style></head>"
        "<body><script>alert('x')</script><style>.a {}</style></body></html>",
        "<script>" + "x = 1;" * 10_000 + "</script>",
        "",
        "   ",
        "<html>" + "<div>" * 50_000 + "deep" + "</div>" * 50_000 + "</html>",
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;&a;&a;</x>",
    ],
)
def test_html_without_text(page: str) -> None:
    articles, problems = _read_bytes(".html", page.encode())
    assert articles == [] and len(problems) == 1


def test_a_folder_of_bad_files_keeps_the_good_one(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 4
    for suffix in SUFFIXES:
        (tmp_path / f"junk{suffix}").write_bytes(junk)
        (tmp_path / f"empty{suffix}").write_bytes(b"")
        (tmp_path / f"utf16{suffix}").write_bytes('{"text": "x"}\n'.encode("utf-16"))
    (tmp_path / "good.jsonl").write_text(json.dumps({"id": "g", "text": "Good."}) + "\n")
    articles, problems = _read([tmp_path])
    assert [a.id for a in articles] == ["g"]
    named = {Path(p.path).name for p in problems}
    expected = {f"junk{s}" for s in SUFFIXES} | {f"utf16{s}" for s in SUFFIXES}
    expected |= {f"empty{s}" for s in SUFFIXES if s not in (".jsonl", ".ndjson")}
    assert named == expected


# --- good records among junk --------------------------------------------------------------

TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda t: t.strip()
)
# junk that is no JSON object: any bytes but a newline, not starting with "{"
JUNK_LINES = (
    st.binary(max_size=80)
    .map(lambda b: b.replace(b"\n", b" "))
    .filter(lambda b: not b.strip().startswith(b"{") and not b.strip().startswith(codecs.BOM_UTF8))
)


def _good_jsonl(i: int, text: str, ascii_only: bool) -> bytes:
    return json.dumps({"id": f"g{i}", "text": text}, ensure_ascii=ascii_only).encode()


@st.composite
def _mixed_jsonl(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, str]], int]:
    """(file, the good records in order, junk lines that are not blank)."""
    texts = draw(st.lists(TEXTS, min_size=1, max_size=15))
    junk = draw(st.lists(JUNK_LINES, max_size=30))
    order = draw(
        st.permutations(
            [("good", i) for i in range(len(texts))] + [("junk", j) for j in range(len(junk))]
        )
    )
    ascii_only = draw(st.booleans())
    lines = []
    good_order = []
    for kind, k in order:
        if kind == "good":
            lines.append(_good_jsonl(len(good_order), texts[k], ascii_only))
            good_order.append((f"g{len(good_order)}", texts[k]))
        else:
            lines.append(junk[k])
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    return ending.join(lines), good_order, sum(1 for j in junk if j.strip())


def _check_mixed(
    articles: list[Article], problems: list[ReadProblem], good: list[tuple[str, str]], bad: int
) -> None:
    assert [(a.id, a.text) for a in articles] == good
    assert len(problems) == bad


@FAST
@given(case=_mixed_jsonl())
def test_good_jsonl_records_among_junk_all_come_out_in_order(
    case: tuple[bytes, list[tuple[str, str]], int],
) -> None:
    data, good, bad = case
    _check_mixed(*_read_bytes(".jsonl", data), good, bad)
    stream = io.BufferedReader(io.BytesIO(data))
    items = list(iter_articles(["-"], stdin=stream))
    articles = [i for i in items if isinstance(i, Article)]
    _check_mixed(articles, [i for i in items if isinstance(i, ReadProblem)], good, bad)


# CSV junk: a line no quote can open a multi-line field in (a stray quote legitimately
# starts a quoted field that runs on over the next lines: CSV itself cannot tell), with a
# byte that is not UTF-8 text, or no text field.
CSV_JUNK = st.one_of(
    st.tuples(
        st.binary(max_size=40), st.sampled_from([b"\x00", b"\xff", b"\xc3(", b"\xed\xa0\x80"])
    ).map(lambda t: (t[0] + t[1] + t[0]).translate(None, b'"\r\n')),
    st.text(
        st.characters(blacklist_characters='",\r\n', blacklist_categories=("Cs",)), max_size=20
    ).map(lambda t: (t + ",").encode()),
)


@st.composite
def _mixed_csv(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, str]], int]:
    # a raw NUL is not text in a CSV file (nor is a lone \r a line of its own to csv)
    texts = draw(
        st.lists(TEXTS.filter(lambda t: not {"\r", "\x00"} & set(t)), min_size=1, max_size=10)
    )
    junk = draw(st.lists(CSV_JUNK, max_size=15))
    order = draw(
        st.permutations(
            [("good", i) for i in range(len(texts))] + [("junk", j) for j in range(len(junk))]
        )
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    rows: list[bytes] = [b"id,text"]
    good = []
    for kind, k in order:
        if kind == "good":
            out.seek(0)
            out.truncate()
            writer.writerow([f"g{len(good)}", texts[k]])
            rows.append(out.getvalue().removesuffix("\n").encode())
            good.append((f"g{len(good)}", texts[k]))
        else:
            rows.append(junk[k])
    return b"\n".join(rows) + b"\n", good, len(junk)


@FAST
@given(case=_mixed_csv())
def test_good_csv_rows_among_junk_all_come_out_in_order(
    case: tuple[bytes, list[tuple[str, str]], int],
) -> None:
    data, good, bad = case
    _check_mixed(*_read_bytes(".csv", data), good, bad)


BAD_ITEMS = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.just({"id": "no text"}),
    st.just({"text": "   "}),
    st.just({"text": 5}),
    st.just({"text": "a", "published": "someday"}),
    st.just({"text": "lone \ud800 surrogate"}),
    st.just({"text": "x" * 101}),  # over the limit the test reads with
)


@FAST
@given(
    texts=st.lists(TEXTS, min_size=1, max_size=10),
    bad=st.lists(BAD_ITEMS, max_size=10),
    rng=st.randoms(use_true_random=False),
)
def test_good_json_items_among_bad_ones_all_come_out_in_order(
    texts: list[str], bad: list[object], rng: random.Random
) -> None:
    good = [{"id": f"g{i}", "text": t} for i, t in enumerate(texts)]
    items: list[object] = [*good, *bad]
    rng.shuffle(items)
    expected = [(i["id"], i["text"]) for i in items if isinstance(i, dict) and i in good]
    data = json.dumps(items).encode("utf-8", "surrogatepass")
    articles, problems = _read_bytes(".json", data, max_chars=100)
    assert [(a.id, a.text) for a in articles] == expected
    assert len(problems) == len(bad)


# --- cut archives --------------------------------------------------------------------------


def _warc(gz: bool, pages: int = 3) -> tuple[bytes, list[int]]:
    """A WARC of a warcinfo record and ``pages`` HTML responses; the offsets where each
    record ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "tests"}))
    ends = [buf.tell()]
    for i in range(pages):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://news.example/{i}",
            "response",
            payload=io.BytesIO(PAGE.replace("Aden", f"Aden-{i}").encode()),
            http_headers=headers,
        )
        writer.write_record(record)
        record.raw_stream.close()
        ends.append(buf.tell())
    return buf.getvalue(), ends


WARCS = {gz: _warc(gz) for gz in (False, True)}
# Cut in a record's last bytes (the blank lines after it; with gzip, also the member's
# trailer), the file still holds the whole page: it is read, and nothing is lost.
_TAIL = {False: 4, True: 12}


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
@settings(max_examples=150, deadline=None)
@given(fraction=st.floats(0, 1))
def test_cut_warc(gz: bool, fraction: float) -> None:
    data, ends = WARCS[gz]
    cut = round(fraction * len(data))
    articles, problems = _read_bytes(".warc.gz" if gz else ".warc", data[:cut])
    whole = sum(1 for end in ends[1:] if end <= cut)
    assert [a.url for a in articles] == [f"https://news.example/{i}" for i in range(len(articles))]
    assert whole <= len(articles) <= whole + 1  # every whole record read, in order
    if len(articles) > whole:
        assert ends[len(articles)] - _TAIL[gz] <= cut
    if not problems:  # a file cut quietly: at the end of a record (a shorter valid WARC)
        assert any(end - _TAIL[gz] <= cut <= end for end in ends) or cut == 0, cut
    assert len(problems) <= 1


def test_cut_jsonl_gz_is_not_read_as_jsonl() -> None:
    """Gzipped JSONL is not an input type: one problem, before any byte is read."""
    data = gzip.compress(b'{"id": "a", "text": "A."}\n')
    with _folder() as folder:
        path = folder / "a.jsonl.gz"
        path.write_bytes(data[: len(data) // 2])
        articles, problems = _read([path])
    assert articles == [] and "unsupported input type" in problems[0].message


# --- the same, at volume (make test-slow) ---------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("suffix", SUFFIXES)
@MORE
@given(data=st.binary(max_size=20_000))
def test_random_bytes_at_volume(suffix: str, data: bytes) -> None:
    articles, problems = _read_bytes(suffix, data)
    _counted(articles, problems, data)


@pytest.mark.slow
@MORE
@given(case=_mixed_jsonl())
def test_good_jsonl_records_among_junk_at_volume(
    case: tuple[bytes, list[tuple[str, str]], int],
) -> None:
    data, good, bad = case
    _check_mixed(*_read_bytes(".jsonl", data), good, bad)


@pytest.mark.slow
@MORE
@given(case=_mixed_csv())
def test_good_csv_rows_among_junk_at_volume(case: tuple[bytes, list[tuple[str, str]], int]) -> None:
    data, good, bad = case
    _check_mixed(*_read_bytes(".csv", data), good, bad)


@pytest.mark.slow
@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_cut_warc_at_every_byte(gz: bool) -> None:
    data, ends = WARCS[gz]
    for cut in range(len(data) + 1):
        articles, problems = _read_bytes(".warc.gz" if gz else ".warc", data[:cut])
        whole = sum(1 for end in ends[1:] if end <= cut)
        assert whole <= len(articles) <= whole + 1, cut
        if not problems:
            assert any(end - _TAIL[gz] <= cut <= end for end in ends) or cut == 0, cut
