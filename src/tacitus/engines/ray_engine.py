"""The Ray engine of ``tacitus ingest``: the same stage code on a Ray cluster.

How the articles flow (docs/scale.md has the user's side):

1. A thread of the driver reads the inputs as the local engine does (the streaming readers,
   then ``tacitus.ingest._Selector``: problems reported, repeated ids dropped, ids already in
   the database skipped) and puts chunks of ``batch_size`` articles in a bounded
   ``ray.util.queue.Queue``.
2. Ray Data reads that queue (one read task, no CPU of its own: one row per chunk) and runs
   ``map_batches`` over an actor pool of ``workers`` actors; each actor builds the
   ``Pipeline`` once, in its ``__init__``, and codes one chunk per call.
3. The driver collects the coded records, writes them every ``partition_rows`` records as
   Parquet partitions (hive-style by year of publication: ``year=2016/part-....parquet``,
   columns ``id``, ``published`` and ``record``, the ``ArticleRecord`` as JSON, which reads
   back exactly), reads those files back and loads their records into DuckDB with
   ``Store.write``: the same tables and rows as the local engine. The fusion runs at the end,
   as in the local engine.

Memory stays bounded: a semaphore caps the articles between the reader and the database, as
in the local engine. Records arrive in any order; what is stored does not depend on it.
Every load is one transaction, so an interrupted run keeps what it loaded and the next run
skips it. The Parquet files go to a temporary folder, removed at the end, unless
``parquet`` names a folder to keep them in (a data lake: each run adds the files of the
articles it coded).

Ray is imported only here and only when this engine runs (``pip install 'tacitus[ray]'``).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import itertools
import json
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from tacitus.errors import Errors, TacitusError
from tacitus.ingest import IngestReport, _Selector
from tacitus.io.readers import DEFAULT_MAX_CHARS, iter_articles
from tacitus.model import Article, ArticleRecord
from tacitus.pipeline import DEFAULT_STAGES, check_order
from tacitus.store import Store, create_database

if TYPE_CHECKING:
    import pyarrow as pa

# Records per Parquet write and per DuckDB transaction, at most; and the most seconds a coded
# record waits for its write (what an interrupted run can lose).
PARTITION_ROWS = 1024
FLUSH_SECONDS = 30.0
# The hive partition column: the year of publication (undated: __HIVE_DEFAULT_PARTITION__).
PARTITION_COLUMN = "year"
_END = None  # the queue's end-of-input mark
_QUEUE_CHUNKS_PER_WORKER = 2  # chunks waiting in the queue, per actor
_QUIET_LOGGERS = ("ray", "ray.data")
_REMOTE_MARK = "tacitus-error:"
_FEW_INPUTS = "The minimum number of concurrent actors"


class RemoteTacitusError(Exception):
    """A ``TacitusError`` raised in a Ray worker, in a form that survives the trip to the
    driver, which raises the ``TacitusError`` again (so the CLI prints its one line).

    Ray Data hands a failed task's exception to the driver as text only, so the text carries
    the catalogue code and the fields on a last line of its own (``_REMOTE_MARK {json}``).
    """

    def __init__(self, template: str, fields: dict[str, Any]) -> None:
        self.template = template
        self.fields = fields
        super().__init__(template.format(**fields))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.template, self.fields))

    def __str__(self) -> str:
        code = next(
            (k for k, v in vars(Errors).items() if k.startswith("E") and v == self.template),
            None,
        )
        payload = json.dumps({"code": code, "fields": self.fields}, default=str)
        return f"{self.args[0]}\n{_REMOTE_MARK} {payload}"

    @classmethod
    def from_text(cls, text: str) -> TacitusError | None:
        """The TacitusError whose ``RemoteTacitusError`` is told in ``text``, if any."""
        for line in text.splitlines():
            if not line.startswith(_REMOTE_MARK):
                continue
            try:
                payload = json.loads(line[len(_REMOTE_MARK) :])
                return TacitusError(getattr(Errors, payload["code"]), **payload["fields"])
            except (ValueError, TypeError, KeyError, AttributeError, IndexError):
                break
        for marker in ("RemoteTacitusError: ", "TacitusError: "):
            if marker in text:  # at least the message, as the worker printed it
                return TacitusError("{message}", message=text.split(marker, 1)[1].splitlines()[0])
        return None


def require_ray() -> None:
    """E040 unless Ray Data can be imported."""
    try:
        for module in ("pyarrow", "ray", "ray.data"):
            importlib.import_module(module)
    except ImportError as exc:
        raise TacitusError(Errors.E040, reason=str(exc).splitlines()[0]) from None


def ingest_ray(
    paths: Iterable[Path | str],
    *,
    db: Path | str,
    workers: int | None = None,
    address: str | None = None,
    parquet: Path | str | None = None,
    batch_size: int = 32,
    progress: bool = True,
    console: Console | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stages: tuple[str, ...] = DEFAULT_STAGES,
    partition_rows: int = PARTITION_ROWS,
) -> IngestReport:
    """Like ``tacitus.ingest.ingest_paths``, coding on Ray (see the module docstring).

    ``workers``: actors coding articles (one CPU each); default: the CPUs of the local
    instance (this machine's) or of the cluster. ``address``: a running cluster to connect
    to (default ``$RAY_ADDRESS``, else a local instance is started with ``workers`` CPUs);
    if Ray is already initialised in this process, that session is used as it is.
    ``parquet``: keep the Parquet partitions in this folder (they are loaded either way).
    """
    require_ray()
    if workers is not None and workers < 1:
        raise TacitusError(Errors.E020, value=workers)
    batch_size = max(1, batch_size)
    partition_rows = max(1, partition_rows)
    check_order(stages)  # fail here, not in every actor
    address = address or os.environ.get("RAY_ADDRESS") or None
    report = IngestReport()
    path_list = list(paths)
    create_database(db)  # whole or not at all, as in the local engine
    with _partition_folder(parquet) as folder, Store.open(db) as store:
        # One article is taken before the pool's size is known (and before Ray is started at
        # all: a run with nothing new needs no Ray); the rest of the bound once it is.
        in_flight = threading.Semaphore(1)
        select = _Selector(store, report, console, in_flight)
        pending = select(iter_articles(path_list, max_chars=max_chars))
        first = next(pending, None)
        if first is not None:  # else nothing to code: no Ray at all
            if address is None and "places" in stages:
                # Build the gazetteer index once here, not in every actor of this machine.
                from tacitus.stages.places import build_gazetteer

                build_gazetteer()
            with _ray_session(address, workers) as size:
                limit = (4 * size + 2) * batch_size + partition_rows
                in_flight.release(limit - 1)
                writer = _PartitionWriter(folder)
                run = _Run(store, report, writer, in_flight, partition_rows)
                with _progress_bar(progress, console) as bar:
                    run.bar = bar
                    _code_on_ray(
                        itertools.chain([first], pending),
                        run,
                        size=size,
                        stages=stages,
                        batch_size=batch_size,
                        release_all=functools.partial(in_flight.release, limit),
                    )
        update = store.update_fusion()
        report.fused, report.incidents = update.articles, update.incidents
    return report


# --- the driver's side ---------------------------------------------------------------------


class _Run:
    """Records from Ray -> Parquet partitions -> DuckDB, ``partition_rows`` at a time."""

    def __init__(
        self,
        store: Store,
        report: IngestReport,
        writer: _PartitionWriter,
        in_flight: threading.Semaphore,
        partition_rows: int,
    ) -> None:
        self.store = store
        self.report = report
        self.writer = writer
        self.in_flight = in_flight
        self.partition_rows = partition_rows
        self.pending: list[str] = []  # record JSON, not yet written
        self.since = time.monotonic()  # when the oldest pending record came
        self.coded = 0
        self.bar: tuple[Progress, Any] | None = None

    def add(self, records_json: Sequence[str]) -> None:
        if not self.pending:
            self.since = time.monotonic()
        self.pending.extend(records_json)
        self.coded += len(records_json)
        if self.bar is not None:
            bar, task = self.bar
            bar.update(task, completed=self.coded)
        full = len(self.pending) >= self.partition_rows
        if full or time.monotonic() - self.since >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        records = [ArticleRecord.model_validate_json(js) for js in self.pending]
        files = self.writer.write(records, self.pending)
        loaded = [rec for path in files for rec in _read_partition(path)]
        self.store.write(loaded)
        self.report.stored += len(loaded)
        self.report.events += sum(len(r.events) for r in loaded)
        self.in_flight.release(len(self.pending))
        self.pending = []


def _code_on_ray(
    articles: Iterator[Article],
    run: _Run,
    *,
    size: int,
    stages: tuple[str, ...],
    batch_size: int,
    release_all: Callable[[], None],
) -> None:
    import ray
    import ray.data
    from ray.util.queue import Queue

    queue = Queue(maxsize=_QUEUE_CHUNKS_PER_WORKER * size + 1, actor_options={"num_cpus": 0})
    feeder = _Feeder(articles, queue, batch_size)
    context = ray.data.DataContext.get_current()
    saved = {
        "target_max_block_size": context.target_max_block_size,
        "enable_progress_bars": context.enable_progress_bars,
    }
    levels = {name: logging.getLogger(name).level for name in _QUIET_LOGGERS}
    try:
        # Every chunk the read task yields is its own block (the default buffers up to
        # 128 MiB before a block leaves the read task); the rich bar replaces Ray's.
        context.target_max_block_size = 1
        context.enable_progress_bars = False
        for name in _QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.ERROR)
        # One read task, on no CPU of its own: the chunks it yields are the pool's inputs.
        read_options: dict[str, Any] = {"override_num_blocks": 1}
        if "num_cpus" in inspect.signature(ray.data.read_datasource).parameters:
            read_options["num_cpus"] = 0
        else:  # older Ray: only ray_remote_args
            read_options["ray_remote_args"] = {"num_cpus": 0}
        dataset = ray.data.read_datasource(_queue_source(queue), **read_options).map_batches(
            _Coder,
            fn_constructor_kwargs={"stages": tuple(stages), "batch_size": batch_size},
            compute=ray.data.ActorPoolStrategy(size=size),
            num_cpus=1,
            batch_size=1,  # one chunk of batch_size articles per call
            batch_format="pyarrow",
        )
        feeder.start()
        try:
            with warnings.catch_warnings():
                # Fewer chunks than actors (a small input): Ray Data warns that some idle.
                warnings.filterwarnings("ignore", _FEW_INPUTS, UserWarning)
                for block in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
                    for chunk in block.column("records").to_pylist():
                        run.add(chunk)
        except Exception as exc:
            raise _user_error(exc) from None
        feeder.check()
        run.flush()
    finally:
        feeder.stop()
        release_all()  # a feeder waiting for room goes on to see the stop
        with contextlib.suppress(Exception):
            queue.shutdown(force=True)
        for key, value in saved.items():
            setattr(context, key, value)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


class _Feeder(threading.Thread):
    """Puts chunks of articles (as JSON) in the queue, then the end mark."""

    def __init__(self, articles: Iterator[Article], queue: Any, batch_size: int) -> None:
        super().__init__(name="tacitus-ray-feeder", daemon=True)
        self.articles = articles
        self.queue = queue
        self.batch_size = batch_size
        self.stopping = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            chunk: list[str] = []
            for article in self.articles:
                if self.stopping.is_set():
                    return
                chunk.append(article.model_dump_json())
                if len(chunk) >= self.batch_size:
                    self.queue.put(chunk)
                    chunk = []
            if chunk:
                self.queue.put(chunk)
        except BaseException as exc:
            self.error = exc
        finally:
            if not self.stopping.is_set():
                with contextlib.suppress(Exception):
                    self.queue.put(_END)

    def check(self) -> None:
        """Raise in the driver what went wrong in the reader (after the dataset ended)."""
        self.join()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        self.stopping.set()


def _user_error(exc: BaseException) -> BaseException:
    """The TacitusError behind a failure in Ray (or E045 when a worker died), else ``exc``."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, TacitusError):
            return current
        if isinstance(current, RemoteTacitusError):
            return TacitusError(current.template, **current.fields)
        nested = getattr(current, "cause", None)
        todo.extend([current.__cause__, current.__context__])
        if isinstance(nested, BaseException):
            todo.append(nested)
    told = RemoteTacitusError.from_text(str(exc))
    if told is not None:
        return told
    import ray.exceptions

    if isinstance(exc, ray.exceptions.RayError) and not isinstance(
        exc, ray.exceptions.RayTaskError
    ):
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return TacitusError(Errors.E045, reason=reason)
    return exc


@contextlib.contextmanager
def _ray_session(address: str | None, workers: int | None) -> Iterator[int]:
    """Ray initialised (connected to ``address`` or a local instance); yields the pool size."""
    import ray

    started = False
    if not ray.is_initialized():
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no network but the cluster's
        try:
            if address is not None:
                ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
            else:
                ray.init(
                    num_cpus=workers or os.cpu_count() or 1,
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.ERROR,
                    _node_ip_address="127.0.0.1",  # a local instance listens on localhost only
                )
        except Exception as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if address is None:
                raise TacitusError(Errors.E046, reason=reason) from None
            raise TacitusError(Errors.E043, address=address, reason=reason) from None
        started = True
    try:
        size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        yield size
    finally:
        if started:
            ray.shutdown()


@contextlib.contextmanager
def _progress_bar(progress: bool, console: Console | None) -> Iterator[tuple[Progress, Any]]:
    bar = Progress(
        SpinnerColumn(),
        TextColumn("coding on Ray"),
        MofNCompleteColumn(),
        TextColumn("articles coded"),
        TimeElapsedColumn(),
        console=console,
        disable=not progress or console is None,
        transient=True,
    )
    with bar:
        yield bar, bar.add_task("ingest", total=None)


# --- Parquet -------------------------------------------------------------------------------


@contextlib.contextmanager
def _partition_folder(parquet: Path | str | None) -> Iterator[Path]:
    """The folder for the partitions: ``parquet`` (created, kept) or a temporary one."""
    if parquet is not None:
        folder = Path(parquet)
        if folder.exists() and not folder.is_dir():
            raise TacitusError(Errors.E044, path=folder, reason="it is a file, not a folder")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TacitusError(Errors.E044, path=folder, reason=exc.strerror or str(exc)) from None
        yield folder
        return
    folder = Path(tempfile.mkdtemp(prefix="tacitus-ray-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def partition_schema() -> pa.Schema:
    """The columns of a partition file (the year is in its folder name)."""
    import pyarrow as pa

    return pa.schema([("id", pa.string()), ("published", pa.date32()), ("record", pa.string())])


class _PartitionWriter:
    """Writes records as hive-partitioned Parquet files named after this run."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.run = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self.sequence = 0

    def write(self, records: Sequence[ArticleRecord], records_json: Sequence[str]) -> list[str]:
        """Write one partition set; returns the paths of the files written."""
        import pyarrow as pa
        import pyarrow.dataset as pads

        table = pa.table(
            {
                "id": pa.array([r.id for r in records], pa.string()),
                "published": pa.array([r.published for r in records], pa.date32()),
                "record": pa.array(list(records_json), pa.string()),
                PARTITION_COLUMN: pa.array(
                    [r.published.year if r.published else None for r in records], pa.int32()
                ),
            }
        )
        written: list[str] = []
        template = f"part-{self.run}-{self.sequence:06d}-{{i}}.parquet"
        self.sequence += 1
        try:
            pads.write_dataset(
                table,
                base_dir=str(self.folder),
                format="parquet",
                partitioning=pads.partitioning(
                    pa.schema([(PARTITION_COLUMN, pa.int32())]), flavor="hive"
                ),
                basename_template=template,
                existing_data_behavior="overwrite_or_ignore",
                file_visitor=lambda f: written.append(f.path),
            )
        except OSError as exc:
            raise TacitusError(Errors.E044, path=self.folder, reason=str(exc)) from None
        return sorted(written)


def _read_partition(path: str) -> list[ArticleRecord]:
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["record"])
    return [ArticleRecord.model_validate_json(js) for js in table.column("record").to_pylist()]


def read_partitions(folder: Path | str) -> Iterator[ArticleRecord]:
    """Every record in a folder of partitions this engine wrote (any number of runs)."""
    for path in sorted(Path(folder).rglob("*.parquet")):
        yield from _read_partition(str(path))


# --- the workers' side ---------------------------------------------------------------------


def _read_queue(queue: Any) -> Iterator[pa.Table]:
    """The read task: one single-row block per chunk, until the end mark."""
    import pyarrow as pa

    while True:
        chunk = queue.get(block=True)
        if chunk is _END:
            return
        yield pa.table({"articles": pa.array([chunk], pa.list_(pa.string()))})


def _queue_source(queue: Any) -> Any:
    """A Ray Data datasource: one read task that drains ``queue``."""
    from ray.data import Datasource, ReadTask
    from ray.data.block import BlockMetadata

    # The metadata fields differ between Ray versions; all are unknown here.
    fields = inspect.signature(BlockMetadata).parameters
    metadata = BlockMetadata(**{name: None for name in fields if name != "self"})

    class QueueSource(Datasource):
        def estimate_inmemory_data_size(self) -> int | None:
            return None

        def get_read_tasks(self, parallelism: int, *args: Any, **kwargs: Any) -> list[Any]:
            return [ReadTask(functools.partial(_read_queue, queue), metadata)]

    return QueueSource()


class _Coder:
    """The actor: one Pipeline, built once; codes a chunk of articles per row."""

    def __init__(self, stages: tuple[str, ...], batch_size: int) -> None:
        from tacitus.pipeline import Pipeline

        # A TacitusError here (no spaCy model, an unknown stage) is raised by the first call:
        # Ray hands a task's exception to the driver whole, an actor constructor's as text.
        self.error: RemoteTacitusError | None = None
        try:
            self.pipeline = Pipeline(stages, batch_size=batch_size)
        except TacitusError as exc:
            self.error = RemoteTacitusError(exc.template, exc.fields)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        if self.error is not None:
            raise self.error
        out: list[list[str]] = []
        try:
            for chunk in batch.column("articles").to_pylist():
                articles = [Article.model_validate_json(js) for js in chunk]
                out.append([r.model_dump_json() for r in self.pipeline.pipe(articles)])
        except TacitusError as exc:
            raise RemoteTacitusError(exc.template, exc.fields) from None
        return pa.table({"records": pa.array(out, pa.list_(pa.string()))})
