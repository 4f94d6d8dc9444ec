"""``run_benchmark`` and ``memory_benchmark`` on three hand-made articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from tacitus.bench import (
    MEMORY_STAGES,
    load_articles,
    memory_benchmark,
    memory_table,
    run_benchmark,
    shares,
    toponym_benchmark,
)
from tacitus.errors import TacitusError
from tacitus.pipeline import PARSE
from tacitus.stages.clean import cleaning_input
from tacitus.store import Store

ARTICLES = {
    "a.jsonl": [
        {
            "id": "a1",
            "title": "t",
            "date": "2016-07-11",
            "text": "Troops arrived in Baghdad on Monday.",
        },
        {
            "id": "a2",
            "title": "t",
            "date": "2016-07-12",
            "text": "The minister said talks would resume.",
        },
    ],
    "b.jsonl": [
        {"id": "b1", "title": "t", "date": "1987-02-26", "text": "Cocoa prices fell in Bahia."},
    ],
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name, rows in ARTICLES.items():
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("n", "ids"),
    [
        (1, ["a1"]),
        (2, ["a1", "b1"]),  # files are taken in turn
        (3, ["a1", "b1", "a2"]),
        (10, ["a1", "b1", "a2"]),  # fewer articles than asked for
    ],
)
def test_load_articles_mixes_files(corpus: Path, n: int, ids: list[str]) -> None:
    articles = load_articles(sorted(corpus.glob("*.jsonl")), n)
    assert [a.id for a in articles] == ids
    assert str(articles[0].published) == "2016-07-11"


def test_run_benchmark(corpus: Path) -> None:
    result = run_benchmark(corpus, 3, 1, Console(quiet=True), fusion_events=200)
    assert result["n_articles"] == 3
    assert result["fusion"]["events"] == 200
    assert 1 <= result["fusion"]["incidents"] <= 200
    assert result["fusion"]["events_per_s"] > 0
    assert result["words"] == 6 + 6 + 5
    assert result["articles_per_s"] > 0
    assert result["words_per_s"] > 0
    assert result["articles_per_s_500w"] == pytest.approx(result["words_per_s"] / 500, abs=0.01)
    assert result["peak_rss_mb_per_worker"] == result["peak_rss_mb"]  # one worker: in-process
    assert result["workers"] == 1
    assert result["bare_seconds"] > 0
    assert result["ratio_to_bare_parse"] > 0
    assert result["processing_to_parse"] >= 1.0
    assert result["peak_rss_mb"] > 50  # spaCy alone takes more than that
    assert PARSE in result["stage_seconds"]
    assert sum(result["stage_share"].values()) == pytest.approx(1.0, abs=0.01)
    assert set(result["toponyms"]) >= {"toponyms", "toponyms_per_s", "gazetteer_load_s"}
    json.dumps(result)  # what the CLI writes must be JSON


def test_toponym_benchmark_counts_every_span() -> None:
    docs = [("Troops left Mosul for Baghdad.", [(12, 17), (22, 29)]), ("Nothing here.", [])]
    result = toponym_benchmark(docs)
    assert result["toponyms"] == 2
    assert result["toponyms_per_s"] > 0 and result["index_mb"] > 0


def test_run_benchmark_errors(tmp_path: Path) -> None:
    console = Console(quiet=True)
    with pytest.raises(TacitusError, match=r"holds no \.jsonl"):
        run_benchmark(tmp_path, 3, 1, console)
    with pytest.raises(TacitusError, match="--workers"):
        run_benchmark(tmp_path, 3, 0, console)


@pytest.mark.parametrize(
    ("timings", "expected"),
    [
        ({"parse": 3.0, "events": 1.0}, {"parse": 0.75, "events": 0.25}),
        ({}, {}),
        ({"parse": 0.0}, {"parse": 0.0}),
    ],
)
def test_shares(timings: dict[str, float], expected: dict[str, float]) -> None:
    assert shares(timings) == expected


def test_memory_benchmark_stores_every_article(corpus: Path, tmp_path: Path) -> None:
    """40 articles from the 3 texts in turn, through the real ingest path, 10 checkpoints."""
    folder = tmp_path / "run"
    result = memory_benchmark(
        40, workers=1, stages=MEMORY_STAGES["clean"], data=corpus, batch_size=4, folder=folder
    )
    assert result["n"] == 40 and result["stored"] == 40 and result["stages"] == "clean"
    points = result["checkpoints"]
    assert [p["mark"] for p in points] == list(range(4, 41, 4))
    assert [p["articles"] for p in points] == list(range(4, 41, 4))  # batches of 4
    assert all(p["main_rss_mb"] > 10 for p in points)
    assert all(p["main_peak_mb"] >= p["main_rss_mb"] for p in points)
    assert all(p["worker_rss_mb"] is None and p["worker_peak_mb"] is None for p in points)
    assert result["growth_main_rss_mb"] == pytest.approx(
        points[-1]["main_rss_mb"] - points[0]["main_rss_mb"], abs=0.11
    )
    assert result["growth_worker_rss_mb"] is None
    assert result["peak_main_rss_mb"] >= max(p["main_rss_mb"] for p in points)
    assert result["duckdb_mb"] > 0
    with Store.open_existing(folder / "memory.duckdb", read_only=True) as store:
        assert set(store.article_ids()) == {f"mem-{i}" for i in range(40)}
        records = [store.read_record(f"mem-{i}") for i in range(4)]
    (a1, a2), (b1,) = ARTICLES["a.jsonl"], ARTICLES["b.jsonl"]
    # the files in turn, then again from the start; a new day for each article (the text
    # opens with the title, read as the headline)
    assert [r.text if r else None for r in records] == [
        cleaning_input(a["title"], a["text"]) for a in (a1, b1, a2, a1)
    ]
    assert [str(r.published) if r else None for r in records[:2]] == ["2000-01-01", "2000-01-02"]
    json.dumps(result)  # what the CLI writes must be JSON
    assert memory_table(result).row_count == 10 + 4
