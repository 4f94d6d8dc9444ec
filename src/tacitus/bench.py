"""``tacitus bench``: throughput of the full pipeline against a bare spaCy pass.

Input: the unlabelled news corpus (``../shared/eval/corpus/*.jsonl``). The first ``n``
articles are taken round-robin from the files in name order, so every run codes the same mix.
The full pipeline runs through ``pipe_parallel`` (``workers`` processes); then ``nlp.pipe``
alone runs over the same texts with as many processes, and the ratio of the two wall times is
what the stages cost on top of parsing. Last, a micro-benchmark resolves the toponyms the
pipeline found once more, on one core from a freshly opened gazetteer (``toponym_benchmark``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import platform
import random
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from tacitus.errors import Errors, TacitusError
from tacitus.model import Article, ArticleRecord, Event
from tacitus.pipeline import DEFAULT_STAGES, PARSE, load_stock_spacy, pipe_parallel


@dataclass
class BenchResult:
    n_articles: int
    words: int
    workers: int
    seconds: float
    articles_per_s: float
    # as if every article had 500 words (words/s / 500): runs over different mixes compare
    articles_per_s_500w: float
    words_per_s: float
    bare_seconds: float
    bare_words_per_s: float
    ratio_to_bare_parse: float  # wall times; the full run includes loading the stages
    processing_to_parse: float  # (parse + stages) / parse, from timings: set-up excluded
    peak_rss_mb: float  # this process
    peak_rss_mb_per_worker: float  # the largest worker process (this one with one worker)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage_share: dict[str, float] = field(default_factory=dict)
    machine: dict[str, str] = field(default_factory=dict)
    toponyms: dict[str, float] = field(default_factory=dict)  # see ``toponym_benchmark``
    fusion: dict[str, float] = field(default_factory=dict)  # see ``fusion_benchmark``


def _rss_mb() -> float:
    """This process's resident memory now (Linux), 0.0 where /proc is not there."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def toponym_benchmark(documents: list[tuple[str, list[tuple[int, int]]]]) -> dict[str, float]:
    """Micro-benchmark of toponym resolution on one core, from a cold gazetteer.

    ``documents``: (text, toponym spans) as the pipeline found them. A fresh ``Gazetteer``
    (empty caches) is opened and every document's spans are resolved together, as the places
    stage does; reported: the open time, toponyms/s, and the memory the index and its caches
    added to this process.
    """
    from tacitus.stages.gazetteer import Gazetteer, build_gazetteer
    from tacitus.stages.places import resolve_spans

    path = build_gazetteer()
    rss_before = _rss_mb()
    started = time.perf_counter()
    gaz = Gazetteer(path)
    gaz.lookup("Mosul")  # the first query pages the index in
    load_seconds = time.perf_counter() - started
    n = sum(len(spans) for _, spans in documents)
    started = time.perf_counter()
    for text, spans in documents:
        resolve_spans(gaz, text, spans)
    seconds = time.perf_counter() - started
    result = {
        "toponyms": float(n),
        "seconds": round(seconds, 3),
        "toponyms_per_s": round(n / seconds, 1) if seconds else 0.0,
        "gazetteer_load_s": round(load_seconds, 3),
        "gazetteer_rss_mb": round(_rss_mb() - rss_before, 1),
        "index_mb": round(path.stat().st_size / 1e6, 1),
    }
    gaz.close()
    return result


FUSION_EVENTS = 100_000
WORDS_PER_ARTICLE = 500  # the article size articles_per_s_500w is normalised to
_EVENTS_PER_ARTICLE = 5


def fusion_benchmark(records: list[ArticleRecord], n: int = FUSION_EVENTS) -> dict[str, float]:
    """Fusion of ``n`` events on one core: the blocking index, the links and the components,
    then the merge of every incident.

    The events are the asserted events the pipeline found in ``records``, repeated with new
    ids until there are ``n``: five to an article, each article published on a random day of
    one year, its located events moved to a random point of the inhabited latitudes, the
    names of another real article (fixed seed). Types, dates, words and names are real, so
    each event meets as many candidates as in a year of news of that mix; copies of one
    event are not all the same story.
    """
    from dataclasses import replace

    from tacitus.fusion.incidents import (
        EventFeatures,
        IncidentIndex,
        Report,
        article_names,
        features,
        merge,
    )

    base = []
    all_names = []
    for r in records:
        names = article_names(r.text)
        all_names.append(names)
        for e in r.events:
            if e.modality == "asserted":
                base.append((e, r, features(e, r.text, r.published, names)))
    if not base or n <= 0:
        return {}
    rng = random.Random(0)
    start = dt.date(2020, 1, 1).toordinal()
    synthetic: dict[str, tuple[EventFeatures, Event, dt.date]] = {}
    for i in range(n):
        event, record, f = base[i % len(base)]
        article = f"bench-{i // _EVENTS_PER_ARTICLE}"
        if i % _EVENTS_PER_ARTICLE == 0:
            published = start + rng.randrange(365)
            lat, lon = rng.uniform(-50.0, 60.0), rng.uniform(-130.0, 150.0)
            names = all_names[rng.randrange(len(all_names))]
        origin = record.published.toordinal() if record.published else published
        shift = published - origin
        moved = replace(
            f,
            event_id=f"ev:bench{i:07d}",
            article_id=article,
            first=None if f.first is None else f.first + shift,
            last=None if f.last is None else f.last + shift,
            day=None if f.day is None else f.day + shift,
            lat=None if f.lat is None else lat,
            lon=None if f.lon is None else lon,
            country=None,
            names=names,
        )
        synthetic[moved.event_id] = (moved, event, dt.date.fromordinal(published))
    started = time.perf_counter()
    index = IncidentIndex()
    for moved, _, _ in synthetic.values():
        index.add(moved)
    components = index.components()
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    for component in components:
        reports = []
        for event_id in component:
            moved, event, when = synthetic[event_id]
            copy = event.model_copy(update={"id": event_id, "article_id": moved.article_id})
            reports.append(Report(copy, when, moved.article_id))
        merge(reports)
    merge_seconds = time.perf_counter() - started
    return {
        "events": float(n),
        "incidents": float(len(components)),
        "link_seconds": round(seconds, 3),
        "merge_seconds": round(merge_seconds, 3),
        "events_per_s": round(n / (seconds + merge_seconds), 1),
    }


def default_corpus() -> Path:
    return Path.cwd().parent / "shared" / "eval" / "corpus"


def corpus_files(data: Path | None) -> list[Path]:
    root = data if data is not None else default_corpus()
    files = sorted(root.glob("*.jsonl")) if root.is_dir() else []
    if not files:
        raise TacitusError(Errors.E018, path=root)
    return files


def _read(path: Path) -> Iterator[Article]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TacitusError(Errors.E003, where=f"{path}:{number}", reason=exc.msg) from exc
            published = None
            if row.get("date"):
                try:
                    published = dt.date.fromisoformat(str(row["date"])[:10])
                except ValueError:
                    published = None
            yield Article(
                id=str(row.get("id") or Article.content_id(row.get("text", ""))),
                text=row.get("text") or "",
                title=row.get("title"),
                published=published,
            )


def iter_corpus(files: list[Path]) -> Iterator[Article]:
    """The non-empty articles of ``files``, taken in turn from each file, read as needed."""
    streams = [_read(f) for f in files]
    mixed = (a for group in itertools.zip_longest(*streams) for a in group if a is not None)
    return (a for a in mixed if a.text.strip())


def load_articles(files: list[Path], n: int) -> list[Article]:
    """The first ``n`` non-empty articles, taken in turn from each file."""
    return list(itertools.islice(iter_corpus(files), n))


def peak_rss_mb(who: int) -> float:
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def machine() -> dict[str, str]:
    return {
        "cpus": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.date.today().isoformat(),
    }


def shares(timings: dict[str, float]) -> dict[str, float]:
    total = sum(timings.values())
    return {k: (v / total if total else 0.0) for k, v in timings.items()}


def run_benchmark(
    data: Path | None,
    n: int,
    workers: int,
    console: Console,
    fusion_events: int = FUSION_EVENTS,
) -> dict[str, Any]:
    """Time the full pipeline and a bare spaCy pass over the same ``n`` articles."""
    if workers < 1:
        raise TacitusError(Errors.E020, value=workers)
    articles = load_articles(corpus_files(data), n)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    console.print(f"[dim]{len(articles)} articles, {words:,} words, {workers} worker(s)[/dim]")

    timings: dict[str, float] = {}
    started = time.perf_counter()
    found: list[tuple[str, list[tuple[int, int]]]] = []
    coded: list[ArticleRecord] = []
    with console.status("full pipeline ...") as status:
        records = pipe_parallel(articles, workers=workers, timings=timings)
        for done, record in enumerate(records, 1):
            found.append((record.text, [(p.start, p.end) for p in record.places]))
            coded.append(record)
            if done % 50 == 0:
                rate = done / (time.perf_counter() - started)
                status.update(f"full pipeline: {done}/{len(articles)} ({rate:.1f} articles/s)")
    seconds = time.perf_counter() - started

    nlp = load_stock_spacy()  # the model as published, not Tacitus's faster components
    started = time.perf_counter()
    with console.status("bare spaCy ..."):
        for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
            pass
    bare = time.perf_counter() - started
    with console.status("toponym resolution ..."):
        toponyms = toponym_benchmark(found)
    with console.status(f"fusion of {fusion_events:,} events ..."):
        fusion = fusion_benchmark(coded, fusion_events)

    stage_seconds = {k: round(v, 3) for k, v in sorted(timings.items())}
    result = BenchResult(
        n_articles=len(articles),
        words=words,
        workers=workers,
        seconds=round(seconds, 3),
        articles_per_s=round(len(articles) / seconds, 2) if seconds else 0.0,
        articles_per_s_500w=round(words / seconds / WORDS_PER_ARTICLE, 2) if seconds else 0.0,
        words_per_s=round(words / seconds, 1) if seconds else 0.0,
        bare_seconds=round(bare, 3),
        bare_words_per_s=round(words / bare, 1) if bare else 0.0,
        ratio_to_bare_parse=round(seconds / bare, 2) if bare else 0.0,
        processing_to_parse=round(sum(timings.values()) / timings[PARSE], 2)
        if timings.get(PARSE)
        else 0.0,
        peak_rss_mb=round(peak_rss_mb(resource.RUSAGE_SELF), 1),
        peak_rss_mb_per_worker=round(
            peak_rss_mb(resource.RUSAGE_CHILDREN if workers > 1 else resource.RUSAGE_SELF), 1
        ),
        stage_seconds=stage_seconds,
        stage_share={k: round(v, 4) for k, v in shares(timings).items()},
        machine=machine(),
        toponyms=toponyms,
        fusion=fusion,
    )
    console.print(bench_table(result))
    return asdict(result)


def bench_rows(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(measure, value) rows of a result (``asdict(BenchResult)`` or its JSON)."""
    rows = [
        ("articles", f"{result['n_articles']:,}"),
        ("words", f"{result['words']:,}"),
        ("workers", f"{result['workers']}"),
        ("wall time (s)", f"{result['seconds']:,.1f}"),
        ("articles/s", f"{result['articles_per_s']:,.2f}"),
        ("articles/s at 500 words", f"{result['articles_per_s_500w']:,.2f}"),
        ("words/s", f"{result['words_per_s']:,.0f}"),
        ("bare spaCy words/s", f"{result['bare_words_per_s']:,.0f}"),
        ("full / bare spaCy time", f"{result['ratio_to_bare_parse']:.2f}x"),
        ("(parse + stages) / parse", f"{result['processing_to_parse']:.2f}x"),
        ("peak RSS main process (MB)", f"{result['peak_rss_mb']:,.0f}"),
        ("peak RSS largest worker (MB)", f"{result['peak_rss_mb_per_worker']:,.0f}"),
    ]
    topo = result.get("toponyms") or {}
    if topo:
        rows += [
            ("toponyms resolved (one core, cold index)", f"{topo['toponyms']:,.0f}"),
            ("toponyms/s", f"{topo['toponyms_per_s']:,.0f}"),
            ("gazetteer open (s)", f"{topo['gazetteer_load_s']:.3f}"),
            ("gazetteer memory added (MB)", f"{topo['gazetteer_rss_mb']:,.0f}"),
            ("gazetteer index on disk (MB)", f"{topo['index_mb']:,.0f}"),
        ]
    fusion = result.get("fusion") or {}
    if fusion:
        rows += [
            ("fusion: events (one core)", f"{fusion['events']:,.0f}"),
            ("fusion: incidents", f"{fusion['incidents']:,.0f}"),
            ("fusion: link + components (s)", f"{fusion['link_seconds']:,.1f}"),
            ("fusion: merge (s)", f"{fusion['merge_seconds']:,.1f}"),
            ("fusion: events/s", f"{fusion['events_per_s']:,.0f}"),
        ]
    shares = sorted(result["stage_share"].items(), key=lambda kv: -kv[1])
    rows += [
        (f"time share: {'spaCy parse' if stage == PARSE else stage}", f"{share:.1%}")
        for stage, share in shares
    ]
    return rows


def bench_table(result: BenchResult) -> Table:
    table = Table(
        title=f"Tacitus throughput ({result.n_articles} articles, {result.workers} worker(s))"
    )
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in bench_rows(asdict(result)):
        table.add_row(name, value)
    return table


# --- memory over a long ingest (``tacitus bench --memory N``) ----------------------------

# What ``--memory-stages`` names: the whole pipeline, or the cleaning stage alone (no parse:
# reader, queue, workers, writer and DuckDB appends only).
MEMORY_STAGES: dict[str, tuple[str, ...]] = {"full": DEFAULT_STAGES, "clean": ("clean",)}
SAMPLE_INTERVAL_S = 0.5
_FIRST_DAY = dt.date(2000, 1, 1)


def rss_mb(pid: int | str = "self") -> float | None:
    """Resident memory of process ``pid`` now (VmRSS, MiB), None where it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # kB
    return None  # a zombie has no VmRSS


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (children, theirs, ...), from /proc (Linux)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        children: list[int] = []
        for listing in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                children += [int(c) for c in listing.read_text().split()]
            except (OSError, ValueError):
                continue
        found += children
        todo += children
    return found


def _is_helper(pid: int) -> bool:
    """multiprocessing's resource tracker (a child of every pool's parent), not a worker."""
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # gone


def _memory_now() -> tuple[float, float | None]:
    """(main process RSS, largest worker's RSS or None without any), MiB."""
    pids = [pid for pid in descendants(os.getpid()) if not _is_helper(pid)]
    workers = [m for m in map(rss_mb, pids) if m is not None]
    return rss_mb() or 0.0, max(workers) if workers else None


class _Sampler:
    """Every ``interval`` seconds, on a thread of its own: (seconds, articles stored, main
    RSS, largest worker RSS)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.stored = 0  # set by the ingest's on_batch
        self.samples: list[tuple[float, int, float, float | None]] = []
        self.peaks: tuple[float, float | None] = (0.0, None)  # since ``take_peaks``
        self._lock = threading.Lock()
        self._halt = threading.Event()
        self._t0 = time.perf_counter()
        self._thread = threading.Thread(target=self._run, name="tacitus-memory", daemon=True)

    def sample(self) -> tuple[float, int, float, float | None]:
        main, worker = _memory_now()
        with self._lock:
            row = (time.perf_counter() - self._t0, self.stored, main, worker)
            self.samples.append(row)
            peak_main, peak_worker = self.peaks
            if worker is not None:
                peak_worker = worker if peak_worker is None else max(peak_worker, worker)
            self.peaks = (max(peak_main, main), peak_worker)
        return row

    def take_peaks(self) -> tuple[float, float | None]:
        """The largest RSS sampled since the last call (main, worker); starts again."""
        with self._lock:
            peaks, self.peaks = self.peaks, (0.0, None)
        return peaks

    def _run(self) -> None:
        while not self._halt.wait(self.interval):
            self.sample()

    def start(self) -> None:
        self._t0 = time.perf_counter()
        self._thread.start()

    def stop(self) -> None:
        self._halt.set()
        self._thread.join()


def write_memory_corpus(path: Path, n: int, files: list[Path]) -> int:
    """Write ``n`` articles to the JSONL file ``path``: the corpus texts in turn (again from
    the start when they run out), ids ``mem-0`` ... and a new day for each. Returns words."""
    words = 0
    with path.open("w", encoding="utf-8") as out:
        i = 0
        while i < n:
            before = i
            for article in iter_corpus(files):
                if i == n:
                    break
                row = {
                    "id": f"mem-{i}",
                    "title": article.title,
                    "date": (_FIRST_DAY + dt.timedelta(days=i % 7305)).isoformat(),
                    "text": article.text,
                }
                out.write(json.dumps(row) + "\n")
                words += len(article.text.split())
                i += 1
            if i == before:  # the files hold no article with text
                raise TacitusError(Errors.E018, path=files[0].parent)
    return words


def stages_label(stages: Sequence[str]) -> str:
    named = {names: label for label, names in MEMORY_STAGES.items()}
    return named.get(tuple(stages), "+".join(stages))


def memory_benchmark(
    n: int,
    *,
    workers: int,
    stages: Sequence[str] = DEFAULT_STAGES,
    data: Path | None = None,
    checkpoints: int = 10,
    batch_size: int = 32,
    interval: float = SAMPLE_INTERVAL_S,
    folder: Path | None = None,
) -> dict[str, Any]:
    """Resident memory while ``tacitus.ingest.ingest_paths`` stores ``n`` articles.

    ``n`` articles (the corpus of ``data`` in turn, see ``write_memory_corpus``) are written
    to one JSONL file in a temporary folder and ingested into a new DuckDB file there through
    the real ingest path (streamed reader, bounded queue, ``workers`` processes, batched
    appends, fusion at the end). A thread reads the current RSS (``/proc/PID/status`` VmRSS,
    not the peak) of this process and of every process below it every ``interval`` seconds;
    each time the stored count passes another ``n / checkpoints`` (the ingest's
    ``on_batch``), one checkpoint is taken at once. ``growth_*``: RSS at the last checkpoint
    minus RSS at the first. With one worker there are no worker processes (None).
    ``folder``: write the articles and the database there (a new folder; both are kept).
    """
    if workers < 1:
        raise TacitusError(Errors.E020, value=workers)
    from tacitus.ingest import ingest_paths

    n = max(n, 1)
    checkpoints = max(1, min(checkpoints, n))
    files = corpus_files(data)
    marks = [round(n * k / checkpoints) for k in range(1, checkpoints + 1)]
    with contextlib.ExitStack() as stack:
        if folder is None:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tacitus-memory-")))
        else:
            tmp = Path(folder)
            tmp.mkdir(parents=True, exist_ok=True)
        source = tmp / "articles.jsonl"
        db = tmp / "memory.duckdb"
        words = write_memory_corpus(source, n, files)
        sampler = _Sampler(interval)
        start_main, _ = _memory_now()
        taken: list[dict[str, Any]] = []
        stored_at: list[float] = []

        def on_batch(stored: int) -> None:
            sampler.stored = stored
            if len(taken) < len(marks) and stored >= marks[len(taken)]:
                seconds, _, main, worker = sampler.sample()
                peak_main, peak_worker = sampler.take_peaks()
                if worker is None and workers > 1:  # the pool has closed before the last batch
                    worker = next((w for *_, w in reversed(sampler.samples) if w), None)
                    peak_worker = worker if peak_worker is None else peak_worker
                stored_at.append(seconds)
                while len(taken) < len(marks) and stored >= marks[len(taken)]:
                    taken.append(
                        {
                            "mark": marks[len(taken)],
                            "articles": stored,
                            "seconds": round(seconds, 2),
                            "main_rss_mb": round(main, 1),
                            "worker_rss_mb": _round(worker),
                            # the largest RSS sampled since the checkpoint before: the current
                            # one swings with the size of the batch in hand
                            "main_peak_mb": round(peak_main, 1),
                            "worker_peak_mb": _round(peak_worker),
                        }
                    )

        sampler.start()
        try:
            report = ingest_paths(
                [source],
                db=db,
                workers=workers,
                stages=tuple(stages),
                batch_size=batch_size,
                progress=False,
                on_batch=on_batch,
            )
        finally:
            sampler.stop()
        end_seconds, _, end_main, _ = sampler.sample()  # after the fusion; workers are gone
        db_bytes = sum(p.stat().st_size for p in tmp.glob("memory.duckdb*"))
    first, last = (taken[0], taken[-1]) if taken else ({}, {})
    span = (last.get("articles", 0) - first.get("articles", 0)) / 1000

    def growth(key: str) -> tuple[float | None, float | None]:
        if not taken or first[key] is None or last[key] is None:
            return None, None
        grown = last[key] - first[key]
        return round(grown, 1), round(grown / span, 2) if span else None

    main_growth, main_per_1000 = growth("main_rss_mb")
    worker_growth, worker_per_1000 = growth("worker_rss_mb")
    workers_seen = [w for *_, w in sampler.samples if w is not None]
    coded_seconds = stored_at[-1] if stored_at else end_seconds
    return {
        "n": n,
        "workers": workers,
        "stages": stages_label(stages),
        "words": words,
        "stored": report.stored,
        "events": report.events,
        "seconds": round(end_seconds, 2),
        "store_seconds": round(coded_seconds, 2),  # until the last article was stored
        "fusion_seconds": round(end_seconds - coded_seconds, 2),
        "articles_per_s": round(report.stored / coded_seconds, 1) if coded_seconds else 0.0,
        "samples": len(sampler.samples),
        "start_main_rss_mb": round(start_main, 1),
        "checkpoints": taken,
        "growth_main_rss_mb": main_growth,
        "growth_worker_rss_mb": worker_growth,
        "growth_main_rss_mb_per_1000": main_per_1000,
        "growth_worker_rss_mb_per_1000": worker_per_1000,
        "peak_main_rss_mb": round(max(m for _, _, m, _ in sampler.samples), 1),
        "peak_worker_rss_mb": round(max(workers_seen), 1) if workers_seen else None,
        "end_main_rss_mb": round(end_main, 1),  # after the fusion, the store closed
        "duckdb_mb": round(db_bytes / 1e6, 1),
        "machine": machine(),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def memory_table(result: dict[str, Any]) -> Table:
    """The checkpoints of ``memory_benchmark`` and, below them, the growth and the totals.

    RSS: at the checkpoint; peak: the largest sampled since the checkpoint before; worker:
    the largest worker process."""
    table = Table(
        title=f"Tacitus memory: {result['n']:,} articles, {result['stages']} stages, "
        f"{result['workers']} worker(s)"
    )
    for name in (
        "articles stored",
        "seconds",
        "main RSS (MB)",
        "main peak",
        "worker RSS (MB)",
        "worker peak",
    ):
        table.add_column(name, justify="right")
    for point in result["checkpoints"]:
        table.add_row(
            f"{point['articles']:,}",
            f"{point['seconds']:,.1f}",
            _mb(point["main_rss_mb"]),
            _mb(point["main_peak_mb"]),
            _mb(point["worker_rss_mb"]),
            _mb(point["worker_peak_mb"]),
        )
    table.add_section()
    main, worker = result["growth_main_rss_mb"], result["growth_worker_rss_mb"]
    table.add_row("growth", "", _signed(main), "", _signed(worker), "")
    main, worker = result["growth_main_rss_mb_per_1000"], result["growth_worker_rss_mb_per_1000"]
    table.add_row("per 1,000 articles", "", _signed(main, 2), "", _signed(worker, 2), "")
    main, worker = result["peak_main_rss_mb"], result["peak_worker_rss_mb"]
    table.add_row("peak (whole run)", "", "", _mb(main), "", _mb(worker))
    table.add_row("after fusion", f"{result['seconds']:,.1f}", _mb(result["end_main_rss_mb"]))
    table.caption = (
        f"{result['articles_per_s']:,.1f} articles/s stored; fusion {result['fusion_seconds']:,.1f}"
        f" s; DuckDB file {result['duckdb_mb']:,.1f} MB; RSS before the ingest "
        f"{result['start_main_rss_mb']:,.0f} MB"
    )
    return table


def _signed(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:+,.{digits}f}"
