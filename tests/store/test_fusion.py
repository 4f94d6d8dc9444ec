"""The store's near-duplicate groups and incidents, kept up to date incrementally."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.fusion import fuse
from tacitus.model import Article, ArticleRecord, Incident
from tacitus.pipeline import Pipeline
from tacitus.store import EventFilter, Store
from tacitus.store.fusion import pending_articles


@pytest.fixture(scope="module")
def records(pipeline: Pipeline, fusion_reports: list[Article]) -> list[ArticleRecord]:
    return list(pipeline.pipe(fusion_reports))


def _store(batches: list[list[ArticleRecord]]) -> Store:
    store = Store.open(":memory:")
    for batch in batches:
        store.write(batch)
        store.update_fusion()
    return store


@pytest.mark.parametrize("cut", [1, 2, 3, 4])
def test_incremental_equals_fusing_everything(records: list[ArticleRecord], cut: int) -> None:
    expected = fuse(records).incidents
    forward = _store([records[:cut], records[cut:]])
    backward = _store([records[cut:][::-1], records[:cut]])
    for store in (forward, backward):
        assert sorted(store.query_incidents(), key=lambda i: i.id) == expected
        assert pending_articles(store) == []


def test_rewriting_an_article_refuses_its_incident(records: list[ArticleRecord]) -> None:
    store = _store([records])
    changed = records[2].model_copy(update={"events": []})  # paper-b, now with no events
    store.write([changed])
    assert store.con.execute("SELECT count(*) FROM fusion_dirty").fetchone() == (2,)
    update = store.update_fusion()
    assert update.articles == 1
    bombing = [i for i in store.query_incidents() if "wire-1" in i.article_ids]
    assert [i.article_ids for i in bombing] == [["paper-c", "wire-1", "wire-2"]]
    expected = fuse([*records[:2], changed, *records[3:]]).incidents
    assert sorted(store.query_incidents(), key=lambda i: i.id) == expected


def test_deleting_articles_leaves_no_trace(records: list[ArticleRecord]) -> None:
    store = _store([records])
    store.delete(["wire-1", "wire-2"])
    store.update_fusion()
    ids = {a for i in store.query_incidents() for a in i.article_ids}
    assert ids == {"paper-b", "paper-c", "paper-c-protest"}
    groups = store.con.execute("SELECT DISTINCT group_id FROM duplicates").fetchall()
    assert ("wire-1",) not in groups


def test_duplicates_table(records: list[ArticleRecord]) -> None:
    store = _store([records[1:], records[:1]])
    rows = dict(store.con.execute("SELECT article_id, group_id FROM duplicates").fetchall())
    assert rows["wire-1"] == rows["wire-2"] == "wire-1"
    assert rows["paper-b"] == "paper-b"


def test_incident_filters(records: list[ArticleRecord]) -> None:
    store = _store([records])

    def found(**options: str) -> list[Incident]:
        return store.query_incidents(EventFilter.from_options(**options))  # type: ignore[arg-type]

    assert {i.plover_type for i in found()} == {"ASSAULT", "PROTEST"}
    assert [i.plover_type for i in found(plover_type="protest")] == ["PROTEST"]
    assert [i.plover_type for i in found(country="IRQ")] == ["ASSAULT"]
    assert [i.plover_type for i in found(country="FRA")] == ["PROTEST"]
    assert found(since="2017") == []
    assert len(found(until="2016-07-09")) == 2
    assert [i.plover_type for i in found(actor="protesters")] == ["PROTEST"]


def test_disagreements_are_queryable_rows(records: list[ArticleRecord]) -> None:
    store = _store([records])
    rows = store.con.execute(
        "SELECT field, ordinal, value, article_ids FROM incident_disagreements ORDER BY ordinal"
    ).fetchall()
    assert rows == [
        ("killed", 0, "14", ["paper-c"]),
        ("killed", 1, "12", ["wire-1", "wire-2"]),
        ("killed", 2, "14+", ["paper-b"]),
    ]


def test_a_version_4_database_is_migrated(tmp_path: Path, records: list[ArticleRecord]) -> None:
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        store.write(records)
        for table in ("duplicates", "signatures", "signature_bands", "incidents",
                      "incident_events", "incident_disagreements", "fusion_dirty"):  # fmt: skip
            store.con.execute(f"DROP TABLE {table}")
        store.con.execute("UPDATE tacitus_meta SET value = '4' WHERE key = 'version'")
    with Store.open_existing(path) as store:
        assert len(pending_articles(store)) == len(records)
        store.update_fusion()
        assert sorted(store.query_incidents(), key=lambda i: i.id) == fuse(records).incidents


def test_undated_reports_are_fused_in_the_store_as_in_batch(
    records: list[ArticleRecord],
) -> None:
    undated = [r.model_copy(update={"published": None}) for r in records]
    store = _store([undated[:2], undated[2:]])
    assert sorted(store.query_incidents(), key=lambda i: i.id) == fuse(undated).incidents
