"""Tests for tools/make_sample.py and the sample it wrote to examples/."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tacitus.model import Article

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "ecbplus-sample.jsonl"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample", ROOT / "tools" / "make_sample.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sample"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("May 3, 2013 at 7: 31 AM ET", dt.date(2013, 5, 3)),
        ("Published: April 10, 2007", dt.date(2007, 4, 10)),
        ("05 / 02 / 2013", dt.date(2013, 5, 2)),
        ("11 / 30 / 09 05: 40 PM ET", dt.date(2009, 11, 30)),
        ("2013 - 09 - 26", dt.date(2013, 9, 26)),
        ("Posted on Thu Jun 13, 2013 08: 45 AM PDT", dt.date(2013, 6, 13)),
        ("9: 53 AM, MON 22 JUL 2013", dt.date(2013, 7, 22)),
        # Not datelines: sentences, headlines, impossible dates.
        ("The quake struck on May 3, 2013 near the coast.", None),
        ("Indian Navy captures 26 Somali pirates", None),
        ("13 / 45 / 2013", None),
        ("", None),
    ],
)
def test_parse_dateline(line: str, expected: dt.date | None) -> None:
    assert tool.parse_dateline(line) == expected


@pytest.mark.parametrize(
    ("line", "rest", "expected"),
    [
        ("Three die in bank during Greek riots", ["Riots left three dead."], True),
        ("Greek PM Calls Riot Deaths 'Murder'", ["Text."], True),
        ("The Indian navy captured 23 pirates.", ["More text."], False),
        ("Three die in bank during Greek riots", [], False),  # nothing after it
    ],
)
def test_is_headline(line: str, rest: list[str], expected: bool) -> None:
    assert tool.is_headline(line, rest) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested a suspect after the shooting; two were killed. " * 10, True),
        ("Police arrested a suspect after the shooting.", False),  # too short
        ("The team won the game and the fans celebrated all night long. " * 10, False),
    ],
)
def test_is_selected(text: str, expected: bool) -> None:
    assert tool.is_selected(text) is expected


def test_to_sample_splits_headline_and_dateline() -> None:
    record = {
        "id": "ecbplus:8_3ecbplus",
        "text": "Three die in bank during Greek riots\nUpdated 5 / 5 / 2010 1: 41 PM\nRiots left "
        "three dead.\nPolice said so.",
        "mentions": [{"id": "m1"}],
    }
    sample = tool.to_sample(record)
    assert sample == tool.SampleArticle(
        id="ecbplus:8_3ecbplus",
        title="Three die in bank during Greek riots",
        source="ECB+",
        published="2010-05-05",
        text="Riots left three dead.\nPolice said so.",
    )


def test_shipped_sample_is_texts_only() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 100
    ids = set()
    for line in lines:
        obj = json.loads(line)
        assert set(obj) == {"id", "title", "source", "published", "text"}
        assert obj["source"] == "ECB+" and obj["text"].strip()
        Article.model_validate(obj)  # readable as an article
        ids.add(obj["id"])
    assert len(ids) == len(lines)
    readme = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    assert "CC BY 3.0" in readme and "Cybulska" in readme
