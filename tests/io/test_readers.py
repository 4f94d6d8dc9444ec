"""Readers: every input shape, and every bad record reported with file and line."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path

import pytest

from tacitus.errors import TacitusError
from tacitus.io.readers import (
    ReadProblem,
    iter_articles,
    parse_published,
    read_article_input,
    read_text_file,
)
from tacitus.model import Article

TEXT = "Police arrested 12 protesters in Cairo on Friday."


def _split(items: list[Article | ReadProblem]) -> tuple[list[Article], list[ReadProblem]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, ReadProblem)],
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-07-11", dt.date(2016, 7, 11)),
        ("2016-07-11T09:30:00Z", dt.date(2016, 7, 11)),
        ("2016-07-11 09:30:00+02:00", dt.date(2016, 7, 11)),
        ("Mon, 11 Jul 2016 09:30:00 GMT", dt.date(2016, 7, 11)),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(value: str | None, expected: dt.date | None) -> None:
    assert parse_published(value, where="x") == expected


@pytest.mark.parametrize("value", ["yesterday", "11/07/2016x", "2016-13-01", 20160711])
def test_parse_published_rejects(value: object) -> None:
    with pytest.raises(TacitusError, match="cannot read the date"):
        parse_published(value, where="x")


def test_read_article_input_json_fields() -> None:
    raw = json.dumps(
        {
            "id": 7,
            "url": "http://x.org/a",
            "source": "x.org",
            "title": "T",
            "date": "1997-04-01",
            "text": TEXT,
        }
    )
    art = read_article_input(raw, name="a.json", published=None)
    assert (art.id, art.url, art.source, art.title) == ("7", "http://x.org/a", "x.org", "T")
    assert art.published == dt.date(1997, 4, 1)
    overridden = read_article_input(raw, name="a.json", published="2001-02-03")
    assert overridden.published == dt.date(2001, 2, 3)


def test_read_article_input_plain_text() -> None:
    art = read_article_input(TEXT, name="<stdin>", published="2016-07-11")
    assert art.id == Article.content_id(TEXT)
    assert art.text == TEXT  # unchanged, offsets index it
    assert art.published == dt.date(2016, 7, 11)
    assert read_article_input(TEXT, name="-", published=None).published is None


@pytest.mark.parametrize(
    ("raw", "published", "message"),
    [
        ('{"id": "x", "text": "a"', None, "invalid JSON"),
        ('{"id": "x"}', None, "no article text"),
        ('{"id": "x", "text": "   "}', None, "no article text"),
        ('[{"text": "a"}]', None, "not an article"),
        ("   \n", None, "no article text"),
        (TEXT, "11 July", "cannot read the date"),
        ('{"text": "a", "published": "someday"}', None, "cannot read the date"),
    ],
)
def test_read_article_input_errors(raw: str, published: str | None, message: str) -> None:
    with pytest.raises(TacitusError, match=message):
        read_article_input(raw, name="in", published=published)


def test_read_text_file_errors(tmp_path: Path) -> None:
    with pytest.raises(TacitusError, match="no such file"):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(TacitusError, match="folder"):
        read_text_file(tmp_path)
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    with pytest.raises(TacitusError, match="binary"):
        read_text_file(binary)
    latin = tmp_path / "l.txt"
    latin.write_bytes("caf\u00e9 cr\u00e8me".encode("latin-1"))
    with pytest.raises(TacitusError, match="0xe9"):
        read_text_file(latin)
    good = tmp_path / "g.txt"
    good.write_text("\ufeffhello", encoding="utf-8")
    assert read_text_file(good) == "hello"


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        b'{"id": "1", "text": "First."}\n'
        b"this is not json\n"
        b"\n"
        b'{"id": "3"}\n'
        b'{"id": "4", "text": "caf\xe9"}\n'
        b'{"id": "5", "text": "Fifth.", "published": "nope"}\n'
        b'["a list"]\n'
        b'{"id": "7", "text": "Seventh.", "published": "2016-07-11"}\n'
    )
    articles, problems = _split(list(iter_articles([path])))
    assert [a.id for a in articles] == ["1", "7"]
    assert articles[1].published == dt.date(2016, 7, 11)
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [
        (2, "invalid"),
        (4, "no"),
        (5, "the"),
        (6, "cannot"),
        (7, "not"),
    ]
    assert str(problems[0]).startswith(f"{path}:2: invalid JSON")


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": TEXT}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "a", "text": "A."}, {"id": "b"}]), encoding="utf-8")
    articles, problems = _split(list(iter_articles([one, many])))
    assert [a.id for a in articles] == [Article.content_id(TEXT), "a"]
    assert [(p.path, p.item) for p in problems] == [(str(many), 1)]
    assert str(problems[0]).startswith(f"{many}[1]: no article text")


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    long_text = "word " * 40_000  # over the csv module's default field limit
    path.write_bytes(
        b"id,title,date,text\n"
        b'1,One,2016-07-11,"First, with a\nline break."\n'
        b"2,Two,,\n" + b"3,Three,,caf\xe9\n" + f"4,Four,,{long_text}\n".encode()
    )
    articles, problems = _split(list(iter_articles([path])))
    assert [a.id for a in articles] == ["1", "4"]
    assert articles[0].text == "First, with a\nline break."
    assert articles[0].published == dt.date(2016, 7, 11)
    assert [p.line for p in problems] == [4, 5]


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,title\n1,x\n", encoding="utf-8")
    articles, problems = _split(list(iter_articles([path])))
    assert articles == [] and len(problems) == 1 and problems[0].line == 1


def test_folder_recursive_txt_html_and_nested_jsonl(tmp_path: Path) -> None:
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(
        "<html><head><title>Troops sent</title></head><body><nav>Menu</nav><article>"
        "<p>The United States will send 560 more troops to Iraq to support Iraqi forces in the"
        " campaign to recapture Mosul, the defence secretary said on Monday.</p>"
        "<p>The troops will help the Iraqi army prepare the offensive against the city.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "sub" / "c.jsonl").write_text('{"id": "c", "text": "C."}\n', encoding="utf-8")
    (tmp_path / "sub" / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "sub" / ".hidden" / "d.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    articles, problems = _split(list(iter_articles([tmp_path])))
    assert articles[0].id == Article.content_id(TEXT)
    html = articles[1]
    assert html.title == "Troops sent"
    assert "560 more troops" in html.text and "Menu" not in html.text
    assert articles[2].id == "c"
    assert len(articles) == 3
    assert [Path(p.path).name for p in problems] == ["empty.txt"]


def test_paths_that_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "empty").mkdir()
    items = list(
        iter_articles([tmp_path / "missing.jsonl", tmp_path / "x.pdf", tmp_path / "empty"])
    )
    articles, problems = _split(items)
    assert articles == []
    assert ["no such file" in p.message for p in problems] == [True, False, False]
    assert "unsupported input type" in problems[1].message
    assert "holds no" in problems[2].message


def test_binary_and_undecodable_files(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02\n" * 100)
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 soldiers".encode("latin-1"))
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    articles, problems = _split(list(iter_articles([tmp_path])))
    assert [a.text for a in articles] == [TEXT]
    assert len(problems) == 3
    assert all("binary or not UTF-8" in p.message for p in problems)


def test_huge_text_is_skipped_fast(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"All quiet on the front. " * (50 * 1024 * 1024 // 24))
    huge_line = tmp_path / "big.jsonl"
    with huge_line.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "big", "text": "x" * 1_000_001}) + "\n")
        f.write(json.dumps({"id": "small", "text": TEXT}) + "\n")
    started = time.perf_counter()
    articles, problems = _split(list(iter_articles([big, huge_line])))
    assert time.perf_counter() - started < 10
    assert [a.id for a in articles] == ["small"]
    assert [p.line for p in problems] == [None, 1]
    assert "over the limit of 1,000,000" in problems[0].message
    assert "52,428,792 characters" in problems[0].message


def test_max_chars_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    _, problems = _split(list(iter_articles([path], max_chars=10)))
    assert len(problems) == 1


def test_stdin_jsonl() -> None:
    stream = io.BufferedReader(io.BytesIO(b'{"id": "s", "text": "From stdin."}\nbad\n'))
    articles, problems = _split(list(iter_articles(["-"], stdin=stream)))
    assert [a.id for a in articles] == ["s"]
    assert [(p.path, p.line) for p in problems] == [("<stdin>", 2)]


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": "t"}) + "\n" for i in range(1000)))
    items = iter_articles([path])
    first = next(items)
    assert isinstance(first, Article) and first.id == "0"


def test_warc_html_responses(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = (
        b"<html><head><title>Clashes in Aden</title></head><body><article><p>Fighters loyal to"
        b" the government clashed with separatists in Aden on Tuesday, killing at least 12"
        b" people, officials said.</p><p>The fighting spread to the port district later in the"
        b" day, residents told reporters.</p></article></body></html>"
    )
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for uri, kind, body in [
            ("https://news.example/aden", "text/html; charset=utf-8", html),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\x00"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload; close it here
    articles, problems = _split(list(iter_articles([path])))
    assert problems == []
    assert len(articles) == 1
    assert articles[0].url == "https://news.example/aden"
    assert articles[0].title == "Clashes in Aden"
    assert "killing at least 12 people" in articles[0].text


def test_read_article_input_html_by_name() -> None:
    page = (
        "<html><head><title>Aden</title></head><body><article><p>Fighters clashed with"
        " separatists in Aden on Tuesday, killing at least 12 people, officials said.</p>"
        "<p>The fighting spread to the port district later in the day.</p></article>"
        "</body></html>"
    )
    art = read_article_input(page, name="page.HTML", published="2019-08-06")
    assert art.title == "Aden" and "<p>" not in art.text
    assert art.published == dt.date(2019, 8, 6)
