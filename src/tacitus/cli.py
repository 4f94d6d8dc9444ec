"""The `tacitus` command line: thin wrappers over library calls, no logic of its own."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from tacitus import __version__
from tacitus.errors import TacitusError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Tacitus: news articles in, coded, evidenced event records out.",
)
err = Console(stderr=True)
out = Console()

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]


def user_errors(fn: F) -> F:
    """Turn a TacitusError into a one-line message and exit code 2: never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TacitusError as exc:
            err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def version_callback(value: bool) -> None:
    if value:
        out.print(f"tacitus {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True)
    ] = False,
) -> None:
    """Tacitus: news articles in, coded, evidenced event records out."""


@app.command()
@user_errors
def code(
    source: Annotated[str, typer.Argument(help="Article file (text or JSON), or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for plain text.")
    ] = None,
    compact: Annotated[bool, typer.Option(help="One line of JSON instead of indented.")] = False,
) -> None:
    """Code one article and print its record as JSON."""
    from tacitus.io.readers import read_article_input
    from tacitus.pipeline import Pipeline

    if source == "-":
        raw, name = sys.stdin.read(), "<stdin>"
    else:
        raw, name = _read_text_file(Path(source)), source
    article = read_article_input(raw, name=name, published=published)
    record = Pipeline()(article)
    sys.stdout.write(record.model_dump_json(indent=None if compact else 2) + "\n")


def _read_text_file(path: Path) -> str:
    from tacitus.io.readers import read_text_file

    return read_text_file(path)


@app.command()
@user_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="JSONL/CSV/JSON files or folders.")],
    db: DbOption = Path("tacitus.duckdb"),
    workers: Annotated[
        int | None,
        typer.Option(
            help="Processes that code articles (default 1); with --engine ray, actors "
            "(default: this machine's CPUs, or the cluster's with --address)."
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch.")] = 32,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    max_chars: Annotated[
        int, typer.Option(help="Skip (and report) articles longer than this many characters.")
    ] = 1_000_000,
    engine: Annotated[
        str,
        typer.Option(
            help="local: processes on this machine; ray: an actor pool on Ray "
            "(pip install 'tacitus\\[ray]')."
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            help="--engine ray: address of a running Ray cluster (HOST:6379, or ray://HOST:10001)"
            "; default $RAY_ADDRESS, else a local Ray instance with --workers CPUs."
        ),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            help="--engine ray: keep the records' Parquet partitions in this folder (a data "
            "lake; they are loaded into --db either way)."
        ),
    ] = None,
) -> None:
    """Read articles, code them and store the records in DuckDB (idempotent, resumable)."""
    from tacitus.errors import Errors
    from tacitus.ingest import ingest_paths

    report = ingest_paths(
        paths,
        db=db,
        workers=workers,
        batch_size=batch_size,
        progress=progress,
        console=err,
        max_chars=max_chars,
        engine=engine,
        address=address,
        parquet=parquet,
    )
    err.print(report.summary(), highlight=False)
    if report.read == 0 and report.skipped_existing == 0:
        message = TacitusError(Errors.E008, paths=", ".join(map(str, paths)))
        err.print(f"[bold red]Error:[/] {escape(str(message))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


@app.command()
@user_errors
def summary(db: DbOption = Path("tacitus.duckdb")) -> None:
    """Print what a database holds: articles, events by type, top actors."""
    from tacitus.store import Store

    with Store.open_existing(db) as store:
        out.print(store.summary_table())


AdminOption = Annotated[
    str | None, typer.Option(help="First-level division of the event location (any case).")
]
CameoOption = Annotated[str | None, typer.Option(help="CAMEO root, two digits (19: fight).")]
ModalityOption = Annotated[
    str | None, typer.Option(help="asserted, negated, future or hypothetical.")
]
TextOption = Annotated[str | None, typer.Option(help="Text in the evidence sentence (any case).")]
BboxOption = Annotated[
    str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat: located inside this box.")
]


@app.command()
@user_errors
def events(
    db: DbOption = Path("tacitus.duckdb"),
    since: Annotated[str | None, typer.Option(help="Earliest event date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date (YYYY[-MM[-DD]]).")] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO alpha-3 country of the event location or an actor.")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Text in an actor's name or mention, or its code's start.")
    ] = None,
    admin1: AdminOption = None,
    cameo: CameoOption = None,
    modality: ModalityOption = None,
    text: TextOption = None,
    bbox: BboxOption = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List stored events, filtered."""
    from tacitus.store import EventFilter, Store

    flt = EventFilter.from_options(
        since=since, until=until, country=country, plover_type=type_, actor=actor, limit=limit,
        admin1=admin1, cameo=cameo, modality=modality, text=text, bbox=bbox,
    )  # fmt: skip
    with Store.open_existing(db) as store:
        found = store.query_events(flt)
        if as_json:
            for event in found:
                sys.stdout.write(event.model_dump_json() + "\n")
        else:
            out.print(store.events_table(found))


@app.command()
@user_errors
def incidents(
    db: DbOption = Path("tacitus.duckdb"),
    since: Annotated[
        str | None, typer.Option(help="Earliest incident date (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Latest incident date (YYYY[-MM[-DD]]).")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(help="ISO alpha-3 country of the incident location or a participant."),
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Text in a participant's name or mention, or its code's start."),
    ] = None,
    admin1: AdminOption = None,
    cameo: CameoOption = None,
    modality: ModalityOption = None,
    text: TextOption = None,
    bbox: BboxOption = None,
    limit: Annotated[int, typer.Option(help="At most this many incidents.")] = 100,
    as_json: Annotated[
        bool, typer.Option("--json", help="A JSON list instead of a table.")
    ] = False,
) -> None:
    """List incidents: the events of every report of one real-world event, fused."""
    from tacitus.store import EventFilter, Store

    flt = EventFilter.from_options(
        since=since, until=until, country=country, plover_type=type_, actor=actor, limit=limit,
        admin1=admin1, cameo=cameo, modality=modality, text=text, bbox=bbox,
    )  # fmt: skip
    with Store.open_existing(db) as store:
        store.update_fusion()  # articles an interrupted ingest left unfused
        found = store.query_incidents(flt)
        if as_json:
            sys.stdout.write(json.dumps([i.model_dump(mode="json") for i in found], indent=2))
            sys.stdout.write("\n")
        else:
            out.print(store.incidents_table(found))


@app.command()
@user_errors
def export(
    db: DbOption = Path("tacitus.duckdb"),
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            help="jsonl, csv, parquet (a folder partitioned by year and month), gdelt-tsv "
            "(GDELT 2.0 events; with --output also the mentions table beside it), "
            "gdelt-mentions, plover-json or acled-csv.",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option("--output", "--out", "-o", help="Output file or folder (default: stdout)."),
    ] = None,
    incidents: Annotated[
        bool,
        typer.Option(
            "--incidents", help="Export the incidents instead of the events (jsonl, csv, parquet)."
        ),
    ] = False,
    since: Annotated[str | None, typer.Option(help="Earliest date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date (YYYY[-MM[-DD]]).")] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO alpha-3 country of the location or a participant.")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Text in a participant's name or mention, or its code's start."),
    ] = None,
    admin1: AdminOption = None,
    cameo: CameoOption = None,
    modality: ModalityOption = None,
    text: TextOption = None,
    bbox: BboxOption = None,
) -> None:
    """Export the stored events (one row or line per event), or the incidents; the filters
    are those of `tacitus events`."""
    from tacitus.io.exports import mentions_path
    from tacitus.store import EventFilter, Store

    flt = EventFilter.from_options(
        since=since, until=until, country=country, plover_type=type_, actor=actor,
        admin1=admin1, cameo=cameo, modality=modality, text=text, bbox=bbox,
    )  # fmt: skip
    with Store.open_existing(db) as store:
        n = store.export(format_, output, incidents=incidents, flt=flt)
    what = "incidents" if incidents else "events"
    where = ""
    if output is not None and str(output) != "-":
        where = f" to {output}"
        if format_.strip().lower() == "gdelt-tsv":
            where += f" (mentions: {mentions_path(output)})"
    err.print(f"exported {n} {what}{where}", highlight=False)


@app.command()
@user_errors
def serve(
    db: DbOption = Path("tacitus.duckdb"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web map on HOST:PORT."""
    import uvicorn

    from tacitus.api.app import create_app

    app_ = create_app(db)
    err.print(f"Tacitus on http://{host}:{port}  (API docs: /docs)", highlight=False)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


@app.command()
@user_errors
def index(
    force: Annotated[bool, typer.Option(help="Rebuild even if it exists.")] = False,
) -> None:
    """Build the indexes the stages need (the gazetteer); done by `make setup`."""
    from tacitus.stages.places import build_gazetteer

    path = build_gazetteer(force=force)
    err.print(f"gazetteer ready: {path}", highlight=False)


@app.command("eval")
@user_errors
def eval_(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SUITE]...", help="Suites to run, as with --suite.", show_default=False
        ),
    ] = None,
    data: Annotated[
        Path | None, typer.Option(help="Evaluation data folder (default ../shared/eval).")
    ] = None,
    suite: Annotated[
        list[str] | None, typer.Option(help="Only these suites (folder names); repeatable.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="At most this many records per file (quick runs).")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write results here.")] = None,
) -> None:
    """Measure accuracy on gold data; print a table and optionally write JSON."""
    from tacitus.evaluation import run_evaluation

    # `--suite events time` and `--suite events --suite time` both work.
    chosen = [*(suite or []), *(names or [])] or None
    results = run_evaluation(data=data, suites=chosen, limit=limit, console=err)
    if json_out:
        json_out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


@app.command()
@user_errors
def bench(
    data: Annotated[
        Path | None, typer.Option(help="Corpus folder (default ../shared/eval/corpus).")
    ] = None,
    n: Annotated[int, typer.Option("--n", help="Articles to process.")] = 500,
    workers: Annotated[int, typer.Option(help="Processes.")] = 1,
    fusion_events: Annotated[
        int, typer.Option(help="Events in the fusion benchmark (0: skip it).")
    ] = 100_000,
    memory: Annotated[
        int | None,
        typer.Option(
            "--memory",
            metavar="N",
            help="Instead: ingest N synthetic articles (the corpus in turn) through the real "
            "ingest path into a temporary DuckDB and print the RSS of the main process and "
            "of the largest worker at every tenth of N (--n and --fusion-events unused).",
        ),
    ] = None,
    memory_stages: Annotated[
        Literal["full", "clean"],
        typer.Option(
            "--memory-stages",
            help="--memory: full: every stage; clean: the cleaning stage alone, no parse "
            "(reader, queue, workers, writer and DuckDB appends only).",
        ),
    ] = "full",
    json_out: Annotated[Path | None, typer.Option("--json", help="Write results here.")] = None,
) -> None:
    """Measure speed: articles/s, words/s, peak RSS, time per stage, ratio to bare spaCy,
    toponyms/s and the fusion of 100,000 events; or, with --memory N, memory over a long
    ingest."""
    from tacitus.bench import MEMORY_STAGES, memory_benchmark, memory_table, run_benchmark

    if memory is not None:
        err.print(f"[dim]ingesting {memory:,} articles ({memory_stages} stages) ...[/dim]")
        results = memory_benchmark(
            memory, workers=workers, stages=MEMORY_STAGES[memory_stages], data=data
        )
        err.print(memory_table(results))
    else:
        results = run_benchmark(
            data=data, n=n, workers=workers, console=err, fusion_events=fusion_events
        )
    if json_out:
        json_out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    app()
