"""CLI: code, ingest, summary, events, export, run in-process with typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.model import Article, ArticleRecord, Event, Incident

TESTS = Path(__file__).parent
SEED = TESTS / "seed-article.json"
ARTICLES = [
    {
        "id": "cairo",
        "date": "2019-01-04",
        "url": "https://example.org/cairo",
        "text": "Police arrested 12 protesters in Cairo on Friday.",
    },
    {
        "id": "mosul",
        "published": "2016-07-11",
        "text": "The army will send 500 troops to Mosul, the minister said.",
    },
]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES) + "not json\n")
    path = folder / "t.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", str(path), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"{src}:3: invalid JSON" in result.stderr
    assert "read 2 articles, stored 2" in result.stderr
    return path


def test_code_seed_article(runner: CliRunner) -> None:
    result = runner.invoke(app, ["code", str(SEED), "--compact"])
    assert result.exit_code == 0, result.output
    record = ArticleRecord.model_validate_json(result.stdout)
    assert record.id == "ibtimes-1570104"
    assert str(record.published) == "2016-07-11"
    assert "560 more troops" in record.text
    for event in record.events:
        trigger = event.evidence.trigger
        assert record.text[trigger.start : trigger.end] == trigger.text


def test_code_stdin_plain_text(runner: CliRunner) -> None:
    text = "The army will send 500 troops to Mosul, the minister said."
    result = runner.invoke(app, ["code", "-", "--published", "2016-07-11"], input=text)
    assert result.exit_code == 0, result.output
    record = ArticleRecord.model_validate_json(result.stdout)
    assert record.id.startswith("sha1:") and str(record.published) == "2016-07-11"
    assert record.text == text


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["code", "missing.json"], None, "Cannot read missing.json: no such file"),
        (["code", "-", "--published", "next week"], "Some text.", "cannot read the date"),
        (["code", "-"], '{"id": "x"}', "no article text"),
        (["code", "-"], '{"id": "x", "text": ', "invalid JSON"),
        (["summary", "--db", "missing.duckdb"], None, "does not exist"),
        (["events", "--db", "missing.duckdb"], None, "does not exist"),
        (["export", "--db", "missing.duckdb"], None, "does not exist"),
    ],
)
def test_errors_are_one_line_exit_2(
    runner: CliRunner, args: list[str], stdin: str | None, message: str
) -> None:
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_db_errors(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_text("hello")
    result = runner.invoke(app, ["summary", "--db", str(junk)])
    assert result.exit_code == 2 and "not a Tacitus database" in result.stderr
    for args, message in [
        (["events", "--since", "July"], "Invalid date 'July' for --since"),
        (["export", "--format", "xml"], "Unknown export format"),
        (["export", "--format", "parquet"], "--output"),
    ]:
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 2, result.output
        assert message in result.stderr


def test_ingest_nothing_readable(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "t.duckdb")]
    )
    assert result.exit_code == 1
    assert "No article could be read" in result.stderr


def test_ingest_again_adds_nothing(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    src = tmp_path / "again.jsonl"
    src.write_text(json.dumps(ARTICLES[0]) + "\n")
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0
    assert "stored 0" in result.stderr and "1 already stored" in result.stderr


def test_summary(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "articles" in result.stdout and "PLOVER types" in result.stdout
    assert "Top actors" in result.stdout


def _events(runner: CliRunner, db: Path, *args: str) -> list[Event]:
    result = runner.invoke(app, ["events", "--db", str(db), "--json", *args])
    assert result.exit_code == 0, result.output
    return [Event.model_validate_json(line) for line in result.stdout.splitlines()]


def test_events_filters(runner: CliRunner, db: Path) -> None:
    everything = _events(runner, db)
    assert {e.article_id for e in everything} == {"cairo", "mosul"}
    dates = [e.date.value for e in everything if e.date]
    assert dates == sorted(dates)
    assert all(e.article_id == "cairo" for e in _events(runner, db, "--since", "2019"))
    assert all(e.article_id == "mosul" for e in _events(runner, db, "--until", "2016-12"))
    assert _events(runner, db, "--since", "2030") == []
    assert len(_events(runner, db, "--limit", "1")) == 1
    for event in _events(runner, db, "--type", "aid"):
        assert event.plover.type == "AID"
    for event in _events(runner, db, "--country", "EGY"):
        places = [event.location.country if event.location else None]
        countries = [a.country for a in event.actors + event.recipients]
        assert "EGY" in places + countries
    table = runner.invoke(app, ["events", "--db", str(db)])
    assert table.exit_code == 0 and "events" in table.stdout


def test_export_three_formats(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    jsonl = runner.invoke(app, ["export", "--db", str(db)])
    assert jsonl.exit_code == 0, jsonl.output
    events = [Event.model_validate_json(line) for line in jsonl.stdout.splitlines()]
    assert f"exported {len(events)} events" in jsonl.stderr
    csv_out = runner.invoke(app, ["export", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert len(rows) == len(events)
    assert {"id", "plover_type", "cameo_code", "actor_names", "evidence", "article_url"} <= set(
        rows[0]
        if rows
        else {"id", "plover_type", "cameo_code", "actor_names", "evidence", "article_url"}
    )
    target = tmp_path / "out" / "events.parquet"
    parquet = runner.invoke(
        app, ["export", "--db", str(db), "--format", "parquet", "-o", str(target)]
    )
    assert parquet.exit_code == 0, parquet.output
    count = duckdb.connect().execute(f"SELECT count(*) FROM '{target}'").fetchone()
    assert count is not None and count[0] == len(events)


def test_ingest_stdin_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "stdin.duckdb"
    lines = json.dumps(ARTICLES[1]) + "\n{oops\n"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db), "--no-progress"], input=lines)
    assert result.exit_code == 0, result.output
    assert "<stdin>:2: invalid JSON" in result.stderr
    assert "stored 1" in result.stderr


@pytest.mark.parametrize(
    "suites",
    [["--suite", "time", "geo"], ["--suite", "time", "--suite", "geo"], ["time", "geo"]],
)
def test_eval_suite_lists(runner: CliRunner, tmp_path: Path, suites: list[str]) -> None:
    text = "On Friday, prices rose in Paris."
    row = {
        "id": "t1",
        "text": text,
        "dct": "1998-08-10",
        "timexes": [
            {"start": 3, "end": 9, "text": "Friday", "type": "DATE", "value": "1998-08-07"}
        ],
    }
    (tmp_path / "time").mkdir()
    (tmp_path / "time" / "tb.jsonl").write_text(json.dumps(row) + "\n")
    out = tmp_path / "out.json"
    args = ["eval", "--data", str(tmp_path), *suites, "--json", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text())
    assert list(scores) == ["time/tb"]
    assert scores["time/tb"]["n"] == 1 and scores["time/tb"]["value_acc_gold_spans"] == 1.0


def test_eval_unknown_suite_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--data", str(tmp_path), "--suite", "time", "nope"])
    assert result.exit_code == 2
    assert "Unknown evaluation suite 'nope'" in result.stderr


def test_incidents_json_and_export(
    runner: CliRunner, tmp_path: Path, fusion_reports: list[Article]
) -> None:
    src = tmp_path / "reports.jsonl"
    src.write_text("".join(a.model_dump_json() + "\n" for a in fusion_reports))
    path = tmp_path / "f.duckdb"
    ingest = runner.invoke(app, ["ingest", str(src), "--db", str(path), "--no-progress"])
    assert ingest.exit_code == 0, ingest.output
    assert "fused 5 articles" in ingest.stderr
    listed = runner.invoke(app, ["incidents", "--db", str(path), "--json", "--type", "assault"])
    assert listed.exit_code == 0, listed.output
    incidents = json.loads(listed.stdout)
    (bombing,) = incidents
    for key in ("id", "date", "location", "plover_type", "article_ids", "n_articles",
                "n_sources", "events", "disagreements"):  # fmt: skip
        assert key in bombing
    assert bombing["n_articles"] == 4 and bombing["n_sources"] == 3
    (killed,) = [d for d in bombing["disagreements"] if d["field"] == "killed"]
    assert {v["value"] for v in killed["values"]} == {"12", "14", "14+"}
    table = runner.invoke(app, ["incidents", "--db", str(path)])
    assert table.exit_code == 0 and "2 incidents" in table.stdout
    exported = runner.invoke(app, ["export", "--db", str(path), "--incidents"])
    assert "exported 2 incidents" in exported.stderr
    assert [Incident.model_validate_json(x).id for x in exported.stdout.splitlines()] == sorted(
        i["id"] for i in json.loads(runner.invoke(app, ["incidents", "--db", str(path),
                                                        "--json"]).stdout)
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(app, ["export", "--db", str(path), "--incidents", "--format", "csv"]).stdout
    )))  # fmt: skip
    assert {r["n_articles"] for r in rows} == {"1", "4"}
