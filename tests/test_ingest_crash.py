"""Crash safety: `tacitus ingest` killed with SIGKILL at any moment, then run again, stores
every article exactly once, with the records and incidents of an uninterrupted run.

Each test starts the real CLI in a subprocess, watches the database file and its write-ahead
log (DuckDB's ``.wal``) to kill it at chosen moments (the file just created, a batch being
committed, at a seeded random delay after that, the final checkpoint being written), checks a
copy of what a kill left, and finally runs ingest again to completion.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tacitus.ingest import ingest_paths
from tacitus.store import Store
from tacitus.store.schema import FUSION_TABLES, TABLES

N_ARTICLES = 60
BATCH = 4  # --batch-size: articles coded and committed together
# The first write to the log this long after the start is a batch commit: the schema is
# written at once, the records only after spaCy has loaded (seconds).
SETTLE_S = 1.0
RUN_TIMEOUT_S = 240.0

# Columns that identify one row of each table (rows of one article, or of fusion).
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "removals": ("article_id", "ordinal"),
    "events": ("article_id", "ordinal"),
    "actors": (
        "article_id",
        "role",
        "coalesce(event_ordinal, -1)",
        "coalesce(quote_ordinal, -1)",
        "ordinal",
    ),
    "places": ("article_id", "ordinal"),
    "quotes": ("article_id", "ordinal"),
    "quantities": ("article_id", "coalesce(event_ordinal, -1)", "ordinal"),
    "duplicates": ("article_id",),
    "signatures": ("article_id",),
    "signature_bands": ("article_id", "band"),
    "incidents": ("id",),
    "incident_events": ("event_id", "article_id"),
    "incident_disagreements": ("incident_id", "field", "ordinal"),
}

_WHO = ["Police", "Soldiers", "Rebel fighters", "Government forces", "Militants", "Protesters"]
_DID = [
    "arrested {n} protesters",
    "attacked a checkpoint",
    "clashed with demonstrators",
    "killed {n} fighters",
    "detained {n} people",
    "fired on a convoy",
]
_WHERE = ["Cairo", "Mosul", "Aden", "Kabul", "Baghdad", "Tripoli", "Damascus", "Caracas"]


def _articles(n: int, seed: int) -> list[dict[str, str]]:
    """Short news-like articles, each with its own id (some report the same incident)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place, other = rng.sample(_WHERE, 2)
        did = rng.choice(_DID).format(n=rng.randint(2, 60))
        text = (
            f"{rng.choice(_WHO)} {did} in {place} on Friday, officials said. "
            f"The minister said {rng.randint(2, 900)} troops would be sent to {other}. "
            f"Residents of {place} reported gunfire overnight."
        )
        out.append(
            {
                "id": f"art-{i:03d}",
                "published": f"2019-0{1 + i % 9}-1{i % 10}",
                "source": f"outlet{i % 4}.example",
                "text": text,
            }
        )
    return out


def _write_input(path: Path, n: int = N_ARTICLES, seed: int = 0) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in _articles(n, seed)), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Kill:
    """Kill the run ``delay`` seconds after ``moment``: "file" (the database file, or any
    file in its folder, appears),
    "commit" (the first write to the log once the model has loaded: a batch being
    committed) or "checkpoint" (the database file itself being written: the last step)."""

    moment: str
    delay: float = 0.0


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


def _command(src: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tacitus.cli",
        "ingest",
        str(src),
        "--db",
        str(db),
        "--batch-size",
        str(BATCH),
        "--no-progress",
    ]


def _run(src: Path, db: Path, kill: Kill | None, log: Path) -> tuple[int, str]:
    """Run ingest; with ``kill``, SIGKILL it at that moment. The exit status (-9: killed)
    and what it printed."""
    with log.open("wb") as stderr:
        proc = subprocess.Popen(_command(src, db), stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            rc = _watch(proc, db, kill)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return rc, log.read_text(encoding="utf-8", errors="replace")


def _watch(proc: subprocess.Popen[bytes], db: Path, kill: Kill | None) -> int:
    started = time.monotonic()
    first_db = _stat(db)
    settled_wal: tuple[int, int] | None = None
    fired: float | None = None
    while proc.poll() is None:
        now = time.monotonic() - started
        if now > RUN_TIMEOUT_S:
            pytest.fail(f"ingest did not finish in {RUN_TIMEOUT_S:.0f} s")
        if kill is not None and fired is None:
            db_now = _stat(db)
            if first_db is None:
                first_db = db_now
            if kill.moment == "file":
                hit = db_now is not None or any(db.parent.iterdir())
            elif kill.moment == "checkpoint":
                hit = first_db is not None and db_now is not None and db_now != first_db
            else:
                wal_now = _stat(_wal(db))
                hit = False
                if now >= SETTLE_S:
                    if settled_wal is None:
                        settled_wal = wal_now or (0, 0)
                    hit = wal_now is not None and wal_now[0] > settled_wal[0]
            if hit:
                fired = now
        if fired is not None and kill is not None and now >= fired + kill.delay:
            proc.send_signal(signal.SIGKILL)
            return proc.wait()
        time.sleep(0.0005)
    return proc.returncode


@contextmanager
def _snapshot(db: Path, scratch: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a copy of the database and its log as a kill left them
    (opening the file itself would checkpoint it and spare the next run the replay)."""
    scratch.mkdir(parents=True, exist_ok=True)
    copy = scratch / db.name
    for path in (copy, _wal(copy)):
        path.unlink(missing_ok=True)
    shutil.copyfile(db, copy)
    if _wal(db).exists():
        shutil.copyfile(_wal(db), _wal(copy))
    con = duckdb.connect(str(copy), read_only=True)
    try:
        yield con
    finally:
        con.close()


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def _assert_no_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    for table, key in KEYS.items():
        cols = ", ".join(key)
        repeated = con.execute(
            f"SELECT {cols}, count(*) FROM {table} GROUP BY ALL HAVING count(*) > 1 LIMIT 3"
        ).fetchall()
        assert repeated == [], f"{table}: repeated {key}: {repeated}"
    events = con.execute(
        "SELECT article_id, id FROM events GROUP BY ALL HAVING count(*) > 1 LIMIT 3"
    ).fetchall()
    assert events == [], f"an event id repeated in one article: {events}"
    # every row of an article belongs to a stored article
    for table in TABLES:
        if table != "articles":
            orphans = _scalar(
                con,
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)",
            )
            assert orphans == 0, f"{table}: {orphans} rows of no stored article"


def _assert_fusion_complete(con: duckdb.DuckDBPyConnection) -> None:
    """Every article fused once, every stored asserted event in exactly one incident."""
    n = _scalar(con, "SELECT count(*) FROM articles")
    for table in ("duplicates", "signatures"):
        assert _scalar(con, f"SELECT count(*) FROM {table}") == n, table
    assert _scalar(con, "SELECT count(*) FROM fusion_dirty") == 0
    membership = con.execute(
        "SELECT e.article_id, e.id, count(m.event_id) FROM events e "
        "LEFT JOIN incident_events m ON m.event_id = e.id AND m.article_id = e.article_id "
        "WHERE e.modality = 'asserted' GROUP BY ALL HAVING count(m.event_id) <> 1 LIMIT 3"
    ).fetchall()
    assert membership == [], f"asserted events not in exactly one incident: {membership}"
    strays = _scalar(
        con,
        "SELECT count(*) FROM incident_events m WHERE NOT EXISTS (SELECT 1 FROM events e "
        "WHERE e.id = m.event_id AND e.article_id = m.article_id AND e.modality = 'asserted')"
        " OR m.incident_id NOT IN (SELECT id FROM incidents)",
    )
    assert strays == 0, "incident members that are no stored asserted event"
    empty = _scalar(
        con,
        "SELECT count(*) FROM incidents WHERE id NOT IN (SELECT incident_id FROM incident_events)",
    )
    assert empty == 0, "incidents without events"


def _assert_consistent_after_kill(db: Path, scratch: Path, stored_before: int) -> int:
    """What a kill left opens, holds whole batches only and no duplicate; returns the number
    of articles stored."""
    if not db.exists():
        return 0
    with _snapshot(db, scratch) as con:
        if "articles" not in _tables(con):
            return 0  # killed before the schema was committed
        _assert_no_duplicates(con)
        n = _scalar(con, "SELECT count(*) FROM articles")
        distinct = _scalar(con, "SELECT count(DISTINCT id) FROM articles")
        assert n == distinct <= N_ARTICLES
        assert n >= stored_before, "a kill lost articles an earlier run had committed"
        assert n % BATCH == 0, f"{n} articles stored: a batch was committed in part"
        return n


def _contents(db: Path, tables: tuple[str, ...]) -> dict[str, list[str]]:
    with Store.open_existing(db, read_only=True) as s:
        return {
            t: sorted(map(repr, s.con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables
        }


def _assert_same_as_uninterrupted(db: Path, reference: Path, scratch: Path) -> None:
    with _snapshot(db, scratch) as con:
        _assert_no_duplicates(con)
        _assert_fusion_complete(con)
    with (
        Store.open_existing(db, read_only=True) as got,
        Store.open_existing(reference, read_only=True) as want,
    ):
        ids = want.article_ids()
        assert len(ids) == N_ARTICLES
        assert got.article_ids() == ids
        for article_id in ids:
            assert got.read_record(article_id) == want.read_record(article_id), article_id
    fusion = tuple(t for t in FUSION_TABLES if t != "fusion_dirty")
    assert _contents(db, (*TABLES, *fusion)) == _contents(reference, (*TABLES, *fusion))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The input, and the database an uninterrupted run (in this process) made of it."""
    folder = tmp_path_factory.mktemp("crash-reference")
    src = _write_input(folder / "in.jsonl")
    db = folder / "reference.duckdb"
    report = ingest_paths([src], db=db, batch_size=BATCH, progress=False)
    assert report.stored == N_ARTICLES and not report.problems
    with Store.open_existing(db) as s:  # the reference holds no duplicate either
        _assert_no_duplicates(s.con)
        _assert_fusion_complete(s.con)
    return src, db


def _crash_and_resume(
    tmp_path: Path, reference: tuple[Path, Path], kills: list[Kill], *, again: bool = True
) -> list[int | None]:
    """Kill a run at each of ``kills`` in turn (each run resumes the previous one), run to
    completion, compare with the uninterrupted run (and with ``again``, run once more: it
    must change nothing). Returns, for each run, the articles stored when it was killed (None:
    it ran to completion)."""
    src, ref_db = reference
    (tmp_path / "db").mkdir(parents=True)
    db = tmp_path / "db" / "crashed.duckdb"
    stored = 0
    after: list[int | None] = []
    for i, kill in enumerate(kills):
        rc, printed = _run(src, db, kill, tmp_path / f"run-{i}.log")
        assert rc in (0, -signal.SIGKILL), f"run {i} ({kill}) exited {rc}: {printed}"
        stored = _assert_consistent_after_kill(db, tmp_path / f"after-kill-{i}", stored)
        after.append(stored if rc == -signal.SIGKILL else None)
    rc, printed = _run(src, db, None, tmp_path / "final.log")
    assert rc == 0, printed
    summary = " ".join(printed.split())
    assert f"stored {N_ARTICLES - stored} " in summary, summary
    if stored:
        assert f"{stored} already stored" in summary, summary
    _assert_same_as_uninterrupted(db, ref_db, tmp_path / "final")
    if not again:
        return after
    before = _contents(db, (*TABLES, *FUSION_TABLES))
    rc, printed = _run(src, db, None, tmp_path / "again.log")
    assert rc == 0, printed
    assert f"{N_ARTICLES} already stored" in " ".join(printed.split())
    assert _contents(db, (*TABLES, *FUSION_TABLES)) == before
    return after


def test_ingest_killed_while_committing_resumes(
    tmp_path: Path, reference: tuple[Path, Path]
) -> None:
    """One kill among the batch commits, then a run to completion. The kill keeps the
    batches committed before it (whole batches only: checked after every kill)."""
    after = _crash_and_resume(tmp_path, reference, [Kill("commit", 0.25)], again=False)
    assert after[0] is not None, "the run ended before the kill"
    assert after[0] >= BATCH, "nothing was kept of a run killed after its first commit"


@pytest.mark.slow
def test_ingest_killed_at_many_moments_resumes(
    tmp_path: Path, reference: tuple[Path, Path]
) -> None:
    """Kills on one database: as the file appears, as the first batch is committed, at
    seeded random moments among the commits and the fusion, and during the final
    checkpoint; then on a second database at other random moments."""
    rng = random.Random(8)
    first = [
        Kill("file", 0.0),
        Kill("commit", 0.0),
        Kill("commit", rng.uniform(0.05, 0.6)),
        Kill("checkpoint", 0.0),
    ]
    after = _crash_and_resume(tmp_path / "one", reference, first)
    second = [Kill("file", rng.uniform(0.0, 0.05))] + [
        Kill("commit", rng.uniform(0.0, 1.5)) for _ in range(2)
    ]
    after += _crash_and_resume(tmp_path / "two", reference, second)
    killed = [n for n in after if n is not None]
    assert len(killed) >= 5, f"only {len(killed)} of {len(after)} runs were killed: {after}"


def test_ingest_killed_as_the_database_is_created(
    tmp_path: Path, reference: tuple[Path, Path]
) -> None:
    """A kill as the new database file appears (before the model loads, so each run is
    short) leaves a folder that the next ingest opens, and no stray file."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    killed = abandoned = 0
    for i in range(8):
        folder = tmp_path / f"db{i}"
        folder.mkdir()
        db = folder / "new.duckdb"
        rc, printed = _run(empty, db, Kill("file"), tmp_path / f"run-{i}.log")
        assert rc in (0, -signal.SIGKILL), printed
        killed += rc == -signal.SIGKILL
        # killed while creating it: no database yet, or a whole one (never a part of one)
        abandoned += any(p.name.endswith((".new", ".new.wal")) for p in folder.iterdir())
        report = ingest_paths([empty], db=db, progress=False)  # in this process: fast
        assert (report.read, report.stored, report.problems) == (0, 0, [])
        with Store.open_existing(db, read_only=True) as s:
            assert s.article_ids() == []
        assert [p.name for p in folder.iterdir()] == [db.name]
    assert killed >= 6 and abandoned >= 1, (killed, abandoned)
