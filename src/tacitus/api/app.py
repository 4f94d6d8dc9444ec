"""The HTTP API (OpenAPI at /docs) and the web page over one Tacitus database.

Every endpoint is a thin call into ``tacitus.store.Store`` (or, for ``POST /code``, the
pipeline): no SQL and no coding logic here. A request opens the database read-only for its
own duration (DuckDB connections are not shared across the server's threads, and
``tacitus ingest`` may write between requests). Errors are JSON ``{"detail": message}``,
never a traceback. The page at ``/`` and its assets under ``/static`` are the built files of
``web/`` (docs/web.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError
from starlette.background import BackgroundTask

from tacitus import __version__
from tacitus.errors import Errors, TacitusError
from tacitus.model import Article, ArticleInfo, ArticleRecord, Event, Incident
from tacitus.store import EventFilter, Membership, Store, Summary

if TYPE_CHECKING:
    from tacitus.pipeline import Pipeline

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
MAX_BODY = 1_000_000  # bytes of a POST /code request
MAX_PARAM = 200  # characters of a filter value
STATIC = Path(__file__).parent / "static"

DESCRIPTION = (
    "Coded news events (PLOVER + CAMEO) with their evidence: who did what to whom, where, "
    "when, how many, and the incidents that fuse every report of one real-world event. Every "
    "span carries character offsets into the cleaned article text."
)
log = logging.getLogger(__name__)


# --- response models ----------------------------------------------------------------------


class Health(BaseModel):
    status: str
    version: str
    database: str


class EventItem(Event):
    """An event with the incident fusion placed it in (none before it is fused)."""

    incident_id: str | None = None
    n_articles: int = 1  # articles reporting its incident
    n_sources: int = 1  # distinct outlets reporting its incident


class EventPage(BaseModel):
    items: list[EventItem]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null: last.")
    total: int = Field(description="Events matching the filters in all.")


class IncidentPage(BaseModel):
    items: list[Incident]
    next_cursor: str | None
    total: int


class IncidentView(BaseModel):
    incident: Incident
    events: list[EventItem]
    articles: list[ArticleInfo]


class DayCount(BaseModel):
    date: dt.date
    n: int


class TypeCount(BaseModel):
    type: str
    n: int


class CountryCount(BaseModel):
    country: str
    n: int


class StatsView(BaseModel):
    total: int
    day_dated: int = Field(description="Events dated to a day (counted in by_day).")
    coarse: int = Field(description="Events dated only by week, month, year or coarser.")
    undated: int
    by_day: list[DayCount]
    by_type: list[TypeCount]
    by_country: list[CountryCount] = Field(description="By ISO alpha-3 of the event location.")


class CodeRequest(BaseModel):
    """One article to code (not stored)."""

    text: str = Field(min_length=1)
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None


# --- parameters ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FilterParams:
    """The filter query parameters as given."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    cameo: str | None = None
    actor: str | None = None
    modality: str | None = None
    q: str | None = None
    bbox: str | None = None

    def to_filter(self) -> EventFilter:
        """The store's filter; a malformed value raises TacitusError."""
        return EventFilter.from_options(
            since=self.since,
            until=self.until,
            country=self.country,
            plover_type=self.type,
            actor=self.actor,
            admin1=self.admin1,
            cameo=self.cameo,
            modality=self.modality,
            text=self.q,
            bbox=self.bbox,
            prefix="",
        )


def _param(description: str, alias: str | None = None) -> object:
    return Query(alias=alias, description=description, max_length=MAX_PARAM)


def filter_params(
    since: Annotated[
        str | None, _param("Earliest event date: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    until: Annotated[str | None, _param("Latest event date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    country: Annotated[
        str | None, _param("ISO 3166 alpha-3 code of the event location or of an actor.")
    ] = None,
    admin1: Annotated[
        str | None, _param("First-level division of the event location, as stored (any case).")
    ] = None,
    type_: Annotated[str | None, _param("PLOVER event type, e.g. ASSAULT.", alias="type")] = None,
    cameo: Annotated[str | None, _param("CAMEO root code, two digits, e.g. 19.")] = None,
    actor: Annotated[
        str | None,
        _param("Text in an actor's or recipient's name or mention, or the start of its code."),
    ] = None,
    modality: Annotated[str | None, _param("asserted, negated, future or hypothetical.")] = None,
    q: Annotated[str | None, _param("Text in the evidence sentence (any case).")] = None,
    bbox: Annotated[
        str | None, _param("min_lon,min_lat,max_lon,max_lat: events located inside.")
    ] = None,
) -> FilterParams:
    return FilterParams(since, until, country, admin1, type_, cameo, actor, modality, q, bbox)


FilterDep = Annotated[FilterParams, Depends(filter_params)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many per page.")]
CursorParam = Annotated[
    str | None, Query(max_length=1000, description="The previous page's next_cursor.")
]
EventSort = Annotated[
    Literal["date", "-date", "sources", "confidence"],
    Query(description="date (undated last), -date (newest first), sources, confidence."),
]
IncidentSort = Annotated[
    Literal["date", "-date", "sources"],
    Query(description="date (undated last), -date (newest first), sources (most first)."),
]
EventFormat = Annotated[
    Literal["jsonl", "csv", "parquet", "gdelt-tsv", "gdelt-mentions", "acled-csv", "plover-json"],
    Query(description="File format (docs/exports.md)."),
]
IncidentFormat = Annotated[
    Literal["jsonl", "csv", "parquet"], Query(description="File format (docs/exports.md).")
]


def _bad_request(exc: TacitusError) -> HTTPException:
    return HTTPException(status_code=400, detail=str(exc))


def _filter(params: FilterParams) -> EventFilter:
    try:
        return params.to_filter()
    except TacitusError as exc:
        raise _bad_request(exc) from None


def open_store(request: Request) -> Iterator[Store]:
    """One read-only store per request (a FastAPI dependency)."""
    with Store.open_existing(request.app.state.db_path, read_only=True) as store:
        yield store


StoreDep = Annotated[Store, Depends(open_store)]


def _items(store: Store, events: list[Event]) -> list[EventItem]:
    placed = store.memberships(events)
    return [_item(e, placed.get(e.id)) for e in events]


def _item(event: Event, membership: Membership | None) -> EventItem:
    data = dict(event)
    if membership is not None:
        data |= {
            "incident_id": membership.incident_id,
            "n_articles": membership.n_articles,
            "n_sources": membership.n_sources,
        }
    return EventItem.model_construct(**data)


# --- the application ------------------------------------------------------------------------


class _Coder:
    """The pipeline for POST /code, loaded on first use (spaCy takes seconds), one batch at
    a time (a pipeline is not safe to share across threads)."""

    def __init__(self, pipeline: Pipeline | None) -> None:
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def code(self, article: Article) -> ArticleRecord:
        with self._lock:
            if self._pipeline is None:
                from tacitus.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline.process_batch([article])[0]


def create_app(db: Path, *, pipeline: Pipeline | None = None) -> FastAPI:
    """The API and page over the database ``db``; E012/E013 if it is missing or not ours.
    ``pipeline`` codes POST /code requests (default: the standard one, loaded on first use)."""
    path = Path(db)
    with Store.open_existing(path, read_only=True):
        pass  # fail now, with the CLI's message, rather than on the first request

    app = FastAPI(title="Tacitus", version=__version__, description=DESCRIPTION)
    app.state.db_path = path
    coder = _Coder(pipeline)

    @app.exception_handler(TacitusError)
    async def store_unavailable(request: Request, exc: TacitusError) -> JSONResponse:
        # Raised while opening the database (removed, locked by a writer): not the caller's fault.
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content=_validation_detail(exc.errors()))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error serving %s", request.url.path)
        detail = "Internal error; the server log has the details. Please report it."
        return JSONResponse(status_code=500, content={"detail": detail})

    @app.get("/health", response_model=Health, tags=["meta"])
    def health(store: StoreDep) -> Health:
        """Whether the database can be opened."""
        return Health(status="ok", version=__version__, database=str(path))

    @app.get("/summary", response_model=Summary, tags=["meta"])
    def summary(store: StoreDep) -> Summary:
        """Counts of articles, events, quotes and places; events by type; top actors."""
        return store.summary()

    @app.get("/stats", response_model=StatsView, tags=["meta"])
    def stats(store: StoreDep, params: FilterDep) -> StatsView:
        """Matching events counted by day, PLOVER type and location country."""
        found = store.stats(_filter(params))
        return StatsView(
            total=found.total,
            day_dated=found.day_dated,
            coarse=found.coarse,
            undated=found.undated,
            by_day=[DayCount(date=d, n=n) for d, n in found.by_day],
            by_type=[TypeCount(type=t, n=n) for t, n in found.by_type],
            by_country=[CountryCount(country=c, n=n) for c, n in found.by_country],
        )

    @app.get("/events", response_model=EventPage, tags=["events"])
    def list_events(
        store: StoreDep,
        params: FilterDep,
        sort: EventSort = "date",
        limit: Limit = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> EventPage:
        """Stored events matching the filters, a page at a time."""
        try:
            page = store.events_page(
                _filter(params), sort=sort, cursor=cursor, limit=limit, option="cursor"
            )
        except TacitusError as exc:
            raise _bad_request(exc) from None
        return EventPage(
            items=_items(store, page.items), next_cursor=page.next_cursor, total=page.total
        )

    @app.get("/events/download", tags=["events"], response_class=FileResponse)
    def download_events(
        store: StoreDep, params: FilterDep, format: EventFormat = "csv"
    ) -> FileResponse:
        """Every matching event as one file."""
        return _download(store, _filter(params), format, "events", incidents=False)

    @app.get("/events/{event_id}", response_model=EventItem, tags=["events"])
    def get_event(event_id: str, store: StoreDep) -> EventItem:
        """One event by its id (``ev:...``, as listed by /events)."""
        event = store.read_event(event_id)
        if event is None:
            raise HTTPException(
                status_code=404,
                detail=f"No event with id {event_id!r}. List event ids with GET /events.",
            )
        return _items(store, [event])[0]

    @app.get("/incidents", response_model=IncidentPage, tags=["incidents"])
    def list_incidents(
        store: StoreDep,
        params: FilterDep,
        sort: IncidentSort = "date",
        limit: Limit = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> IncidentPage:
        """Incidents (one real-world event, every report of it fused) matching the filters,
        as `tacitus ingest` last fused them."""
        try:
            page = store.incidents_page(
                _filter(params), sort=sort, cursor=cursor, limit=limit, option="cursor"
            )
        except TacitusError as exc:
            raise _bad_request(exc) from None
        return IncidentPage(items=page.items, next_cursor=page.next_cursor, total=page.total)

    @app.get("/incidents/download", tags=["incidents"], response_class=FileResponse)
    def download_incidents(
        store: StoreDep, params: FilterDep, format: IncidentFormat = "csv"
    ) -> FileResponse:
        """Every matching incident as one file."""
        return _download(store, _filter(params), format, "incidents", incidents=True)

    @app.get("/incidents/{incident_id}", response_model=IncidentView, tags=["incidents"])
    def get_incident(incident_id: str, store: StoreDep) -> IncidentView:
        """One incident with its events and every article that reported it."""
        found = store.read_incident(incident_id)
        if found is None:
            raise HTTPException(
                status_code=404,
                detail=f"No incident with id {incident_id!r}. List them with GET /incidents.",
            )
        return IncidentView(
            incident=found.incident,
            events=_items(store, found.events),
            articles=found.articles,
        )

    @app.get("/articles/{article_id:path}", response_model=ArticleRecord, tags=["articles"])
    def get_article(article_id: str, store: StoreDep) -> ArticleRecord:
        """The full record of one article: cleaned text, removals, events, quotes, places,
        quantities, each span with offsets into the text."""
        record = store.read_record(article_id)
        if record is None:
            raise HTTPException(
                status_code=404,
                detail=(
                    f"No article with id {article_id!r}. Each event's article_id names its "
                    "article (GET /events)."
                ),
            )
        return record

    @app.post(
        "/code",
        response_model=ArticleRecord,
        tags=["coding"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": CodeRequest.model_json_schema()}},
            }
        },
    )
    async def code(request: Request) -> ArticleRecord:
        """Code one article (JSON: text, and optionally id, title, url, source, published)
        without storing it; at most 1 MB."""
        body = await _read_body(request)
        try:
            given = CodeRequest.model_validate_json(body)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors()) from None
        article = Article(
            id=given.id or Article.content_id(given.text),
            text=given.text,
            title=given.title,
            url=given.url,
            source=given.source,
            published=given.published,
        )
        return await anyio.to_thread.run_sync(coder.code, article)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> HTMLResponse:
        index = STATIC / "index.html"
        if not index.is_file():
            return HTMLResponse(
                "<!doctype html><title>Tacitus</title><p>The web page is not built: run "
                "<code>make web</code> (docs/web.md). The API is at <a href='/docs'>/docs</a>.",
                status_code=503,
            )
        return HTMLResponse(index.read_text(encoding="utf-8"))

    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


async def _read_body(request: Request) -> bytes:
    """The request body, refused (413) once it passes MAX_BODY, whatever Content-Length says."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(
            status_code=413, detail=Errors.E036.format(size=int(declared), limit=MAX_BODY)
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HTTPException(
                status_code=413, detail=Errors.E036.format(size=size, limit=MAX_BODY)
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _validation_detail(errors: object) -> dict[str, object]:
    """One readable message naming each bad field, and the errors as pydantic lists them."""
    listed = list(errors) if isinstance(errors, (list, tuple)) else []
    parts = []
    for error in listed:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    message = "Invalid request: " + ("; ".join(parts) or "see errors") + "."
    return {"detail": message, "errors": [_plain(e) for e in listed]}


def _plain(error: dict[str, object]) -> dict[str, object]:
    # pydantic's error dicts may hold the exception object ("ctx") or bytes ("input")
    kept = {k: v for k, v in error.items() if k in ("type", "loc", "msg", "input")}
    given = kept.get("input")
    if isinstance(given, bytes):
        given = given.decode("utf-8", "replace")
    if isinstance(given, str) and len(given) > MAX_PARAM:
        given = given[:MAX_PARAM] + "..."  # not a megabyte of text back
    if "input" in kept:
        kept["input"] = given
    return kept


def _download(
    store: Store, flt: EventFilter, fmt: str, name: str, *, incidents: bool
) -> FileResponse:
    """Export the filtered set to a temporary file and send it; removed once sent."""
    folder = Path(tempfile.mkdtemp(prefix="tacitus-download-"))
    suffix = {
        "gdelt-tsv": "tsv",
        "gdelt-mentions": "tsv",
        "acled-csv": "csv",
        "plover-json": "jsonl",
    }.get(fmt, fmt)
    if fmt == "gdelt-mentions":
        name += ".mentions"
    target = folder / f"{name}.{suffix}"
    try:
        store.export(fmt, target, flt=flt, incidents=incidents, single_file=True)
    except TacitusError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise _bad_request(exc) from None
    media = {
        "csv": "text/csv",
        "tsv": "text/tab-separated-values",
        "jsonl": "application/x-ndjson",
        "parquet": "application/vnd.apache.parquet",
    }[suffix]
    return FileResponse(
        target,
        media_type=media,
        filename=target.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
