"""Ingest: read articles, skip those already stored, code the rest, store them in batches.

Resumable and idempotent: ids already in the database are skipped before any coding, and
every batch is committed on its own, so an interrupted run keeps what it stored and the next
run picks up after it.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from tacitus.errors import Errors, TacitusError
from tacitus.io.readers import DEFAULT_MAX_CHARS, ReadProblem, iter_articles
from tacitus.model import Article, ArticleRecord
from tacitus.pipeline import DEFAULT_STAGES, pipe_parallel
from tacitus.store import Store, create_database

_LOOKUP_CHUNK = 256  # articles whose ids are checked against the store in one query


@dataclass
class IngestReport:
    """What one ingest run did."""

    read: int = 0  # articles read without a problem (duplicates and stored ones included)
    stored: int = 0  # articles coded and written in this run
    skipped_existing: int = 0  # already in the database before this run
    duplicates: int = 0  # repeated ids inside the input (the first one wins)
    events: int = 0  # events in the records written
    fused: int = 0  # articles grouped and fused into incidents (this run's and any left over)
    incidents: int = 0  # incidents written (new or changed) by the fusion
    problems: list[ReadProblem] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"read {self.read:,} articles", f"stored {self.stored:,} ({self.events:,} events)"]
        if self.skipped_existing:
            parts.append(f"{self.skipped_existing:,} already stored")
        if self.duplicates:
            parts.append(f"{self.duplicates:,} duplicate ids skipped")
        if self.fused:
            parts.append(f"fused {self.fused:,} articles ({self.incidents:,} incidents written)")
        parts.append(f"{len(self.problems):,} problems")
        return ", ".join(parts)


@dataclass
class _Selector:
    """Filters the stream of read items down to the articles that still need coding."""

    store: Store
    report: IngestReport
    console: Console | None
    # Articles handed to coding but not yet stored. With several workers, the process pool
    # pulls input from a thread of its own as fast as it can; this bound keeps memory
    # constant in the size of the input.
    in_flight: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(1 << 30))
    seen: set[str] = field(default_factory=set)

    def __call__(self, items: Iterable[Article | ReadProblem]) -> Iterator[Article]:
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, _LOOKUP_CHUNK)):
            for problem in chunk:
                if isinstance(problem, ReadProblem):
                    self._report_problem(problem)
            articles = [item for item in chunk if isinstance(item, Article) and self._accept(item)]
            stored = self.store.has_articles(a.id for a in articles)
            for article in articles:
                if article.id in stored:
                    self.report.skipped_existing += 1
                else:
                    self.in_flight.acquire()
                    yield article

    def _report_problem(self, problem: ReadProblem) -> None:
        self.report.problems.append(problem)
        if self.console is not None:
            self.console.print(str(problem), highlight=False, markup=False, soft_wrap=True)

    def _accept(self, item: Article) -> bool:
        self.report.read += 1
        if item.id in self.seen:
            self.report.duplicates += 1
            if self.console is not None:
                self.console.print(
                    f"duplicate article id {item.id!r}: the first one read was kept",
                    highlight=False,
                    markup=False,
                )
            return False
        self.seen.add(item.id)
        return True


def ingest_paths(
    paths: Iterable[Path | str],
    *,
    db: Path | str,
    workers: int | None = None,
    batch_size: int = 32,
    progress: bool = True,
    console: Console | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stages: tuple[str, ...] = DEFAULT_STAGES,
    engine: str = "local",
    address: str | None = None,
    parquet: Path | str | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read ``paths``, code the articles not yet in ``db`` and store their records.

    ``engine="local"``: ``workers`` processes on this machine (default 1). ``engine="ray"``:
    an actor pool on Ray (``tacitus.engines.ray_engine``; ``address``, ``parquet`` and the
    default ``workers`` are its own), the same records stored.

    ``on_batch`` (local engine only): called in this thread after every committed batch with
    the number of articles stored so far in this run (``tacitus bench --memory`` samples
    memory against it).
    """
    from tacitus.engines import ENGINES

    engine = engine.strip().lower()
    if engine not in ENGINES:
        raise TacitusError(Errors.E041, value=engine, known=", ".join(ENGINES))
    if engine == "ray":
        if on_batch is not None:
            raise ValueError("on_batch is called by the local engine only")
        from tacitus.engines.ray_engine import ingest_ray

        return ingest_ray(
            paths, db=db, workers=workers, address=address, parquet=parquet,
            batch_size=batch_size, progress=progress, console=console, max_chars=max_chars,
            stages=stages,
        )  # fmt: skip
    for option, value in (("--address", address), ("--parquet", parquet)):
        if value is not None:
            raise TacitusError(Errors.E042, option=option)
    workers = 1 if workers is None else workers
    if workers < 1:
        raise TacitusError(Errors.E020, value=workers)
    if batch_size < 1:
        batch_size = 1
    report = IngestReport()
    path_list = list(paths)
    create_database(db)  # whole or not at all: a kill never leaves a half-made file
    with Store.open(db) as store:
        # The pipeline holds a batch while the writer fills one: 2 batches must fit (1 worker).
        limit = (4 * workers + 2) * batch_size
        select = _Selector(store, report, console, threading.Semaphore(limit))
        pending = select(iter_articles(path_list, max_chars=max_chars))
        records = pipe_parallel(pending, workers=workers, stages=stages, batch_size=batch_size)
        bar = Progress(
            SpinnerColumn(),
            TextColumn("coding"),
            MofNCompleteColumn(),
            TextColumn("articles stored"),
            TimeElapsedColumn(),
            console=console,
            disable=not progress or console is None,
            transient=True,
        )
        with bar:
            task = bar.add_task("ingest", total=None)
            for batch in _batches(records, batch_size):
                store.write(batch)
                report.stored += len(batch)
                report.events += sum(len(r.events) for r in batch)
                bar.update(task, completed=report.stored)
                if on_batch is not None:
                    on_batch(report.stored)
                for _ in batch:
                    select.in_flight.release()
        # Fusion once at the end (and whatever an interrupted run left unfused).
        update = store.update_fusion()
        report.fused, report.incidents = update.articles, update.incidents
    return report


def _batches(records: Iterable[ArticleRecord], size: int) -> Iterator[list[ArticleRecord]]:
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
