"""Record types: stable ids and strict fields."""

from __future__ import annotations

import pydantic
import pytest

from tacitus.model import Article, Event, Span


def test_event_id_is_stable_and_depends_on_article_and_trigger() -> None:
    a = Event.make_id("art-1", 10, 14)
    assert a == Event.make_id("art-1", 10, 14)
    assert a != Event.make_id("art-2", 10, 14)
    assert a != Event.make_id("art-1", 10, 15)
    assert a.startswith("ev:")


def test_content_id_is_a_hash_of_the_text() -> None:
    assert Article.content_id("x") == Article.content_id("x")
    assert Article.content_id("x") != Article.content_id("y")


def test_records_refuse_unknown_fields() -> None:
    with pytest.raises(pydantic.ValidationError):
        Span(text="a", start=0, end=1, extra=1)  # type: ignore[call-arg]


def test_offsets_are_not_negative() -> None:
    with pytest.raises(pydantic.ValidationError):
        Span(text="a", start=-1, end=1)
