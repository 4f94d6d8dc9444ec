"""Shared fixtures: spaCy and the pipelines load once per test session."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import pytest

from tacitus.model import Article, ArticleRecord, Document
from tacitus.pipeline import DEFAULT_STAGES, Pipeline

TESTS = Path(__file__).parent
SEED_PATH = TESTS / "seed-article.json"


@cache
def pipeline_for(stages: tuple[str, ...] = DEFAULT_STAGES) -> Pipeline:
    return Pipeline(stages)


def run_stages(
    text: str,
    stages: Sequence[str] = DEFAULT_STAGES,
    published: dt.date | None = None,
    article_id: str = "test",
    title: str | None = None,
) -> Document:
    """The Document after ``stages`` have run over ``text``."""
    article = Article(id=article_id, text=text, published=published, title=title)
    return pipeline_for(tuple(stages)).documents([article])[0]


@pytest.fixture(scope="session")
def document() -> Callable[..., Document]:
    """``document(text, stages=..., published=..., title=...)`` -> the processed Document."""
    return run_stages


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline, loaded once."""
    return pipeline_for(DEFAULT_STAGES)


@pytest.fixture(scope="session")
def seed_article() -> Article:
    return Article.model_validate(json.loads(SEED_PATH.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def seed_record(seed_article: Article) -> ArticleRecord:
    return pipeline_for(DEFAULT_STAGES)(seed_article)


@pytest.fixture(scope="session")
def fusion_reports() -> list[Article]:
    """Four reports of one bombing from three outlets (one a near-duplicate update), with
    different death tolls, and an unrelated protest (texts written for these tests)."""
    lines = (TESTS / "fusion-reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [Article.model_validate_json(line) for line in lines]
