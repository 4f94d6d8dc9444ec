"""Near-duplicate articles by MinHash LSH."""

from __future__ import annotations

import pytest

from tacitus.fusion.duplicates import DuplicateIndex, outlet, shingles, signature, similarity

STORY = (
    "Rebels shelled the northern town overnight, killing three civilians and wounding "
    "eleven others, the provincial governor said on Tuesday. The army said it had returned "
    "fire and that the town's hospital was treating the wounded."
)


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        ("Reuters", None, "reuters"),
        ("  AP ", "https://apnews.com/x", "ap"),
        (None, "https://www.bbc.co.uk/news/1", "bbc.co.uk"),
        (None, None, None),
        ("", "not a url", None),
    ],
)
def test_outlet(source: str | None, url: str | None, expected: str | None) -> None:
    assert outlet(source, url) == expected


def test_shingles() -> None:
    assert shingles("One two three") == [b"one two three"]
    assert shingles("") == []
    assert shingles("a b c d e f") == [b"a b c d e", b"b c d e f"]


def test_signatures_estimate_similarity() -> None:
    same = similarity(signature(STORY), signature(STORY))
    other = similarity(signature(STORY), signature("Parliament passed the budget on Monday."))
    assert same == 1.0 and other < 0.1


def test_copies_and_updates_are_grouped_not_other_stories() -> None:
    index = DuplicateIndex()
    assert index.add("a", STORY, "wire") == []
    # a re-publication with a headline line and a sentence more
    assert index.add("b", "Town shelled\n" + STORY + " A curfew was imposed.", "paper") == ["a"]
    other = "The central bank raised its main interest rate by half a point on Tuesday."
    assert index.add("c", other, "paper") == []
    groups = index.groups()
    assert [(g.article_ids, g.sources) for g in groups] == [(["a", "b"], ["paper", "wire"])]
    assert index.group_of("b") == "a" and index.group_of("c") == "c"
    with pytest.raises(ValueError, match="already indexed"):
        index.add("a", STORY)


def test_archived_url_is_the_outlet_archived() -> None:
    url = "http://web.archive.org/web/20170410015853/http://www.indystar.com/story/1/"
    assert outlet(None, url) == "indystar.com"
