"""Ingest: resumable, idempotent, and never stopped by one bad record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from tacitus.errors import TacitusError
from tacitus.ingest import IngestReport, ingest_paths
from tacitus.store import Store
from tacitus.store.schema import TABLES

ARTICLES = [
    {
        "id": "cairo",
        "date": "2019-01-04",
        "text": "Police arrested 12 protesters in Cairo on Friday.",
    },
    {
        "id": "mosul",
        "published": "2016-07-11",
        "text": "The army will send 500 troops to Mosul, the minister said.",
    },
]


def _write_jsonl(path: Path, records: list[object], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + extra, encoding="utf-8")
    return path


def _contents(db: Path) -> dict[str, list[str]]:
    with Store.open_existing(db) as s:
        return {
            t: sorted(map(repr, s.con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES
        }


def test_ingest_twice_is_idempotent(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "t.duckdb"
    first = ingest_paths([src], db=db, progress=False, console=None)
    assert (first.read, first.stored, first.skipped_existing) == (2, 2, 0)
    before = _contents(db)
    assert len(before["articles"]) == 2 and before["events"]
    second = ingest_paths([src], db=db, progress=False, console=None)
    assert (second.read, second.stored, second.skipped_existing) == (2, 0, 2)
    assert _contents(db) == before
    assert "2 already stored" in second.summary()


def test_ingest_resumes_after_partial_run(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest_paths([_write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])], db=db, progress=False)
    report = ingest_paths(
        [_write_jsonl(tmp_path / "b.jsonl", ARTICLES)], db=db, progress=False, batch_size=1
    )
    assert (report.stored, report.skipped_existing) == (1, 1)
    with Store.open_existing(db) as s:
        assert s.article_ids() == ["cairo", "mosul"]


def test_bad_records_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    src = _write_jsonl(
        tmp_path / "in.jsonl",
        [ARTICLES[0], {"id": "notext"}, ARTICLES[0] | {"text": "A different text."}],
        extra="{broken\n",
    )
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 50)
    console = Console(record=True, width=300)
    report = ingest_paths(
        [src, tmp_path / "bin.txt", tmp_path / "missing.csv"],
        db=tmp_path / "t.duckdb",
        progress=True,
        console=console,
    )
    assert isinstance(report, IngestReport)
    assert (report.read, report.stored, report.duplicates) == (2, 1, 1)
    assert len(report.problems) == 4
    printed = console.export_text()
    assert f"{src}:2: no article text" in printed
    assert f"{src}:4: invalid JSON" in printed
    assert "duplicate article id 'cairo'" in printed
    with Store.open_existing(tmp_path / "t.duckdb") as s:
        stored = s.read_record("cairo")
    assert stored is not None and stored.text == ARTICLES[0]["text"]  # the first one wins


def test_nothing_readable(tmp_path: Path) -> None:
    report = ingest_paths([tmp_path / "none.jsonl"], db=tmp_path / "t.duckdb", progress=False)
    assert (report.read, report.stored, len(report.problems)) == (0, 0, 1)


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(TacitusError, match="--workers"):
        ingest_paths([], db=tmp_path / "t.duckdb", workers=0, progress=False)


@pytest.mark.slow
def test_several_workers_store_the_same_rows(tmp_path: Path) -> None:
    many = [a | {"id": f"{a['id']}-{i}"} for i in range(6) for a in ARTICLES]
    src = _write_jsonl(tmp_path / "in.jsonl", many)
    one = ingest_paths([src], db=tmp_path / "one.duckdb", progress=False, batch_size=2)
    two = ingest_paths([src], db=tmp_path / "two.duckdb", progress=False, batch_size=2, workers=2)
    assert one.stored == two.stored == len(many)
    assert _contents(tmp_path / "one.duckdb") == _contents(tmp_path / "two.duckdb")
