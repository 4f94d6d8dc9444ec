"""The Ray engine stores exactly what the local engine stores (slow: starts a Ray instance)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tacitus.ingest import ingest_paths
from tacitus.store import Store
from tacitus.store.schema import TABLES

TESTS = Path(__file__).parent.parent
SEED = TESTS / "seed-article.json"
REPORTS = TESTS / "fusion-reports.jsonl"

pytestmark = [
    pytest.mark.slow,
    # Ray's own deprecation notices (it warns about its own defaults): not ours to fix.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray"),
]


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[Any]:
    """A local Ray instance of 2 CPUs on localhost only, no dashboard, no usage report."""
    ray = pytest.importorskip(
        "ray", reason="Ray is not installed: pip install -e '.[ray]' (make test-slow does)"
    )
    pytest.importorskip("ray.data", reason="Ray Data is not installed: pip install 'ray[data]'")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        _node_ip_address="127.0.0.1",
        configure_logging=False,
    )
    yield ray
    ray.shutdown()


def _contents(db: Path) -> dict[str, list[str]]:
    with Store.open_existing(db) as s:
        return {
            t: sorted(map(repr, s.con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES
        }


def test_ray_engine_stores_what_the_local_engine_stores(ray_instance: Any, tmp_path: Path) -> None:
    from tacitus.engines.ray_engine import read_partitions

    local_db, ray_db, lake = tmp_path / "local.duckdb", tmp_path / "ray.duckdb", tmp_path / "lake"
    # Two runs each: the second resumes after the first (the seed article is skipped).
    for paths in ([SEED], [SEED, REPORTS]):
        ingest_paths(paths, db=local_db, progress=False, console=None)
    first = ingest_paths(
        [SEED], db=ray_db, engine="ray", workers=2, parquet=lake, progress=False, console=None
    )
    assert (first.read, first.stored, first.skipped_existing) == (1, 1, 0)
    second = ingest_paths(
        [SEED, REPORTS], db=ray_db, engine="ray", workers=2, parquet=lake, progress=False,
        console=None, batch_size=2,  # several chunks over both actors
    )  # fmt: skip
    assert (second.read, second.stored, second.skipped_existing) == (6, 5, 1)

    with Store.open_existing(local_db) as local, Store.open_existing(ray_db) as ray:
        ids = local.article_ids()
        assert len(ids) == 6 and ray.article_ids() == ids
        for article_id in ids:
            assert ray.read_record(article_id) == local.read_record(article_id), article_id
        incidents = local.query_incidents()
        assert incidents and ray.query_incidents() == incidents
        # The Parquet partitions kept with --parquet hold the same records.
        kept = {r.id: r for r in read_partitions(lake)}
        assert sorted(kept) == ids
        assert all(kept[i] == local.read_record(i) for i in ids)
    assert _contents(ray_db) == _contents(local_db)
    assert {p.parent.name for p in lake.rglob("*.parquet")} >= {"year=2016"}

    # Nothing new: nothing coded, Ray not even used; the temporary partitions are removed.
    third = ingest_paths([SEED, REPORTS], db=ray_db, engine="ray", progress=False, console=None)
    assert (third.read, third.stored, third.skipped_existing) == (6, 0, 6)
    assert _contents(ray_db) == _contents(local_db)


def test_ray_engine_cli(ray_instance: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line, with the partitions in a temporary folder (removed afterwards)."""
    import tempfile

    from typer.testing import CliRunner

    from tacitus.cli import app

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(
        app, ["ingest", str(src), "--db", str(db), "--engine", "ray", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "stored 1" in result.output
    with Store.open_existing(db) as store:
        assert store.article_ids() == ["ibtimes-1570104"]
    assert not list(scratch.iterdir())  # the temporary partitions are gone


def test_an_error_in_an_actor_reaches_the_driver_as_one_line(
    ray_instance: Any, tmp_path: Path
) -> None:
    """A node whose Tacitus lacks a stage (another version): the actor's TacitusError is
    raised again in the driver, so the CLI prints its message, not a Ray traceback."""
    from tacitus.errors import Errors, TacitusError
    from tacitus.pipeline import DEFAULT_STAGES
    from tacitus.stages.registry import STAGES, stage

    stage("driver_only", reads=("article",), writes=("text",), needs_parse=False)(
        lambda: lambda doc: None
    )
    try:
        with pytest.raises(TacitusError) as caught:
            ingest_paths(
                [SEED], db=tmp_path / "t.duckdb", engine="ray", workers=1, progress=False,
                stages=("driver_only", *DEFAULT_STAGES),
            )  # fmt: skip
    finally:
        STAGES.pop("driver_only")
    assert caught.value.template == Errors.E010
    assert "'driver_only'" in str(caught.value)
