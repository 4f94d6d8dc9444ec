"""Engine options: checked before anything is read, one clear error each (no Ray needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.errors import Errors, TacitusError
from tacitus.ingest import ingest_paths

SEED = Path(__file__).parent.parent / "seed-article.json"


def test_ray_missing_is_e040_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(TacitusError) as caught:
        ingest_paths([SEED], db=tmp_path / "t.duckdb", engine="ray", progress=False)
    assert caught.value.template == Errors.E040
    assert "pip install 'tacitus[ray]'" in str(caught.value)
    result = CliRunner().invoke(
        app, ["ingest", str(SEED), "--db", str(tmp_path / "t.duckdb"), "--engine", "ray"]
    )
    assert result.exit_code == 2
    assert "tacitus[ray]" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "t.duckdb").exists()


def test_unknown_engine_is_e041(tmp_path: Path) -> None:
    with pytest.raises(TacitusError) as caught:
        ingest_paths([SEED], db=tmp_path / "t.duckdb", engine="spark", progress=False)
    assert caught.value.template == Errors.E041
    assert "local, ray" in str(caught.value)


@pytest.mark.parametrize(
    ("option", "value"), [("--address", "127.0.0.1:6379"), ("--parquet", "lake")]
)
def test_ray_options_need_the_ray_engine(tmp_path: Path, option: str, value: str) -> None:
    db = tmp_path / "t.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(SEED), "--db", str(db), option, value])
    assert result.exit_code == 2, result.output
    assert f"{option} works with --engine ray only" in result.output
    assert not db.exists()
