"""``tacitus eval``: accuracy on the public gold data (``../shared/eval``).

Each folder of the data is a suite; each ``.jsonl`` file in it is scored separately and
reported as ``"<folder>/<file stem>"`` with ``n`` (records scored) and its metrics. How each
suite maps the system's output onto the gold is written in its module's docstring and in
docs/accuracy.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tacitus.errors import Errors, TacitusError
from tacitus.evaluation import coref, event_types, events, geo, quotes, records, timex
from tacitus.evaluation.base import Context, SuiteResult, SuiteSkipped

__all__ = ["DEFAULT_CAPS", "SUITES", "default_data", "run_evaluation"]

Scorer = Callable[[Path, Context, int | None], SuiteResult]

SUITES: dict[str, Scorer] = {
    "events": events.score_file,
    "event_types": event_types.score_file,
    "records": records.score_file,
    "geo": geo.score_geo,
    "event_location": geo.score_event_location,
    "time": timex.score_file,
    "quotes": quotes.score_file,
    "coref": coref.score_file,
}

# Records scored per file in a default run (no --limit): a fixed sample (smallest SHA-1 of the
# id) of the two largest files keeps a full run near 20 minutes on 2 cores (measured 2026-11-26:
# gva ~5 incidents/s, polnear ~3 articles/s). Other files are scored whole. --limit replaces
# these caps for every file.
DEFAULT_CAPS: dict[str, int] = {
    "quotes/polnear": 500,
    "records/gva": 1000,
}


def default_data() -> Path:
    return Path.cwd().parent / "shared" / "eval"


def run_evaluation(
    data: Path | None,
    suites: list[str] | None,
    limit: int | None,
    console: Console,
) -> dict[str, dict[str, float | int]]:
    """Score every gold file of the chosen suites; print a table; return the scores."""
    root = data if data is not None else default_data()
    if not root.is_dir():
        raise TacitusError(Errors.E016, path=root)
    chosen = list(suites) if suites else list(SUITES)
    for name in chosen:
        if name not in SUITES:
            raise TacitusError(Errors.E017, name=name, known=", ".join(SUITES))
    ctx = Context(console=console, limit=limit)
    results: dict[str, SuiteResult] = {}
    notes: dict[str, str] = {}
    for name in chosen:
        folder = root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.jsonl")):
            key = f"{name}/{path.stem}"
            cap = limit if limit is not None else DEFAULT_CAPS.get(key)
            started = time.perf_counter()
            try:
                results[key] = SUITES[name](path, ctx, cap)
            except SuiteSkipped as skip:
                results[key] = SuiteResult(n=0)
                notes[key] = f"skipped: {skip}"
            except Exception as exc:  # a stage bug must not stop the other suites
                results[key] = SuiteResult(n=0)
                notes[key] = f"failed: {type(exc).__name__}: {exc}"
            seconds = time.perf_counter() - started
            if results[key].n:
                notes[key] = f"{results[key].n / seconds:,.1f} rec/s"
            console.print(f"[dim]{key}: {notes.get(key, '')} ({seconds:.1f}s)[/dim]")
    console.print(results_table(results, notes))
    return {key: result.as_dict() for key, result in results.items()}


def results_table(results: dict[str, SuiteResult], notes: dict[str, str]) -> Table:
    table = Table(title="Tacitus accuracy", show_lines=False)
    table.add_column("file")
    table.add_column("n", justify="right")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("note", style="dim")
    for key, result in results.items():
        n = f"{result.n}" if result.total in (None, result.n) else f"{result.n}/{result.total}"
        if not result.metrics:
            table.add_row(key, n, "", "", notes.get(key, ""))
        for i, (metric, value) in enumerate(result.metrics.items()):
            first = i == 0
            table.add_row(
                key if first else "",
                n if first else "",
                metric,
                f"{value:.3f}",
                notes.get(key, "") if first else "",
            )
    return table
