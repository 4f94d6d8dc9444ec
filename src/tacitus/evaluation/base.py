"""What every suite shares: reading gold JSONL, sampling, progress, running the pipeline.

A suite scores one gold file and returns a ``SuiteResult``. When it cannot score the file it
raises ``SuiteSkipped`` with the reason; the runner reports that instead of crashing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import importlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from tacitus.errors import Errors, TacitusError
from tacitus.model import Article, ArticleRecord, Document, Removal

T = TypeVar("T")
G = TypeVar("G", bound=BaseModel)


class Gold(BaseModel):
    """Base of the gold record shapes: unknown keys are ignored, known ones validated."""

    model_config = ConfigDict(extra="ignore")


class GoldSpan(Gold):
    start: int
    end: int
    text: str

    @property
    def pair(self) -> tuple[int, int]:
        return (self.start, self.end)


class SuiteSkipped(Exception):
    """The suite cannot score this file; the message says why."""


@dataclass
class SuiteResult:
    """Scores for one gold file: ``n`` records scored and named metrics."""

    n: int
    metrics: dict[str, float] = field(default_factory=dict)
    total: int | None = None  # records in the file (when a sample was scored)
    note: str = ""  # how matching was done, shown under the table

    def as_dict(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"n": self.n}
        out.update({k: round(v, 4) for k, v in self.metrics.items()})
        return out


class RateColumn(ProgressColumn):
    """Records per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f} rec/s", style="progress.data.speed")


class PipelineLike(Protocol):
    """What the suites use of ``tacitus.pipeline.Pipeline`` (tests pass a stand-in)."""

    batch_size: int

    def process_batch(self, batch: Sequence[Article]) -> list[ArticleRecord]: ...

    def documents(self, batch: Sequence[Article]) -> list[Document]: ...


@dataclass
class Context:
    """Shared by all suites of one run: one pipeline, one console, the record limit.

    ``pipeline`` and ``functions`` ("stage.name" -> callable) replace the real ones when
    given (tests pass stand-ins).
    """

    console: Console
    limit: int | None = None
    pipeline_: PipelineLike | None = None
    functions: dict[str, Callable[..., Any]] = field(default_factory=dict)

    @property
    def pipeline(self) -> PipelineLike:
        # Built on first use: suites that need no pipeline never pay for loading it.
        if self.pipeline_ is None:
            from tacitus.pipeline import Pipeline

            self.pipeline_ = Pipeline()
        return self.pipeline_

    def function(self, stage: str, name: str) -> Callable[..., Any]:
        """A stage module's public function, or its stand-in."""
        if f"{stage}.{name}" in self.functions:
            return self.functions[f"{stage}.{name}"]
        module = importlib.import_module(f"tacitus.stages.{stage}")
        fn = getattr(module, name, None)
        if not callable(fn):
            raise SuiteSkipped(f"tacitus.stages.{stage} has no function {name}()")
        return fn

    def progress(self, items: Sequence[T], label: str) -> Iterator[T]:
        """Iterate with a progress bar showing records/s."""
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        ) as bar:
            task = bar.add_task(label, total=len(items))
            for item in items:
                yield item
                bar.advance(task)

    def records(self, articles: Sequence[Article], label: str) -> Iterator[ArticleRecord]:
        """The full pipeline over ``articles``, in order, batched, with progress."""
        for batch in _chunks(self.progress(articles, label), self.pipeline.batch_size):
            yield from self.pipeline.process_batch(batch)

    def documents(self, articles: Sequence[Article], label: str) -> Iterator[Document]:
        """Like ``records`` but yields the Documents (spaCy parse and ``dates`` included)."""
        for batch in _chunks(self.progress(articles, label), self.pipeline.batch_size):
            yield from self.pipeline.documents(batch)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def read_gold(path: Path, model: type[G], cap: int | None) -> tuple[list[G], int]:
    """Validated records of a gold file and the file's record count.

    When the file holds more than ``cap`` records a deterministic sample is taken: the
    ``cap`` records with the smallest SHA-1 of their id (stable when the file grows).
    """
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise TacitusError(Errors.E003, where=f"{path}:{number}", reason=exc.msg) from exc
    total = len(rows)
    if cap is not None and total > cap:
        keyed = sorted(enumerate(rows), key=lambda r: _sample_key(r[1], r[0]))[:cap]
        rows = [row for _, row in sorted(keyed, key=lambda r: r[0])]
    return [model.model_validate(row) for row in rows], total


def _sample_key(row: dict[str, Any], index: int) -> str:
    ident = str(row.get("id", index))
    return hashlib.sha1(ident.encode("utf-8")).hexdigest()


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class SpanMapper:
    """Maps spans of the gold (input) text onto the cleaned text the pipeline returns.

    Cleaning may remove pieces (boilerplate, captions) or normalise characters, which shifts
    offsets. Removals recorded by the clean stage are used when they explain the whole
    difference; otherwise the two texts are aligned with ``difflib``. A span whose start or end
    was removed maps to None (the system cannot find it).
    """

    def __init__(self, original: str, cleaned: str, removed: Sequence[Removal] = ()) -> None:
        self.identity = original == cleaned
        self._table: list[int | None] = []
        if self.identity:
            return
        table: list[int | None] = [None] * (len(original) + 1)
        if _apply_removals(original, removed) == cleaned:
            keep = [True] * len(original)
            for r in removed:
                keep[r.start : r.end] = [False] * len(keep[r.start : r.end])
            j = 0
            for i, kept in enumerate(keep):
                if kept:
                    table[i] = j
                    j += 1
        else:
            matcher = difflib.SequenceMatcher(None, original, cleaned, autojunk=False)
            for a, b, size in matcher.get_matching_blocks():
                for k in range(size):
                    table[a + k] = b + k
        table[len(original)] = len(cleaned)
        self._table = table

    def __call__(self, start: int, end: int) -> tuple[int, int] | None:
        if self.identity:
            return (start, end)
        if end <= start or end > len(self._table) - 1:
            return None
        first, last = self._table[start], self._table[end - 1]
        if first is None or last is None:
            return None
        return (first, last + 1)


def _apply_removals(text: str, removed: Sequence[Removal]) -> str:
    kept, pos = [], 0
    for r in sorted(removed, key=lambda r: r.start):
        if r.start >= pos:
            kept.append(text[pos : r.start])
        pos = max(pos, r.end)
    kept.append(text[pos:])
    return "".join(kept)
