"""The JSON API and the events page over one Tacitus database.

Every endpoint is a thin call into ``tacitus.store.Store``: no SQL and no coding logic here.
A request opens the database for its own duration (DuckDB connections are not shared across
the server's threads, and ``tacitus ingest`` can write between requests). The page at ``/`` is
one self-contained HTML document: inline CSS, no script, no external asset, every text escaped.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel

from tacitus import __version__
from tacitus.errors import TacitusError
from tacitus.model import Actor, ArticleRecord, Event, Incident
from tacitus.store import EventFilter, Store, Summary

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
PAGE_LIMIT = 50  # rows on the HTML page unless ?limit= says otherwise

DESCRIPTION = (
    "Coded news events (PLOVER + CAMEO) with their evidence: who did what to whom, where, "
    "when, how many. Every span carries character offsets into the cleaned article text."
)


class Health(BaseModel):
    status: str
    version: str
    database: str


@dataclasses.dataclass(frozen=True)
class FilterParams:
    """The filter query parameters as given (the page echoes them back into its form)."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    type: str | None = None
    actor: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def to_filter(self) -> EventFilter:
        """The store's filter; a malformed date raises TacitusError (E015)."""
        flt = EventFilter.from_options(
            since=self.since,
            until=self.until,
            country=self.country,
            plover_type=self.type,
            actor=self.actor,
            limit=self.limit,
        )
        return dataclasses.replace(flt, offset=self.offset)

    def query(self, **changes: object) -> str:
        """This filter as a query string, with ``changes`` applied."""
        values = dataclasses.asdict(self) | changes
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def filter_params(
    since: Annotated[
        str | None, Query(description="Earliest event date: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, Query(description="Latest event date: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    country: Annotated[
        str | None,
        Query(description="ISO 3166 alpha-3 code of the event location or of an actor."),
    ] = None,
    type_: Annotated[
        str | None, Query(alias="type", description="PLOVER event type, e.g. ASSAULT.")
    ] = None,
    actor: Annotated[
        str | None, Query(description="Text in an actor's or recipient's name or mention.")
    ] = None,
    limit: Annotated[
        int, Query(ge=0, le=MAX_LIMIT, description="At most this many events.")
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Skip this many events first.")] = 0,
) -> FilterParams:
    return FilterParams(since, until, country, type_, actor, limit, offset)


def _bad_request(exc: TacitusError) -> HTTPException:
    # The store's messages name command-line options ("--since"); here they are parameters.
    fields = dict(exc.fields)
    if isinstance(fields.get("option"), str):
        fields["option"] = f"the {fields['option'].lstrip('-')!r} parameter"
    return HTTPException(status_code=400, detail=exc.template.format(**fields))


def open_store(request: Request) -> Iterator[Store]:
    """One store per request (a FastAPI dependency)."""
    with Store.open_existing(request.app.state.db_path) as store:
        yield store


StoreDep = Annotated[Store, Depends(open_store)]
FilterDep = Annotated[FilterParams, Depends(filter_params)]


def create_app(db: Path) -> FastAPI:
    """The API and page over the database ``db``; E012/E013 if it is missing or not ours."""
    path = Path(db)
    with Store.open_existing(path):
        pass  # fail now, with the CLI's message, rather than on the first request

    app = FastAPI(title="Tacitus", version=__version__, description=DESCRIPTION)

    app.state.db_path = path

    @app.exception_handler(TacitusError)
    async def store_unavailable(request: Request, exc: TacitusError) -> JSONResponse:
        # Raised while opening the database (removed, locked by a writer): not the caller's fault.
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health(store: StoreDep) -> Health:
        """Whether the database can be opened."""
        return Health(status="ok", version=__version__, database=str(path))

    @app.get("/api/summary", response_model=Summary, tags=["meta"])
    def summary(store: StoreDep) -> Summary:
        """Counts of articles, events, quotes and places; events by type; top actors."""
        return store.summary()

    @app.get("/api/events", response_model=list[Event], tags=["events"])
    def list_events(store: StoreDep, params: FilterDep) -> list[Event]:
        """Stored events matching the filters, by date (undated last)."""
        try:
            flt = params.to_filter()
        except TacitusError as exc:
            raise _bad_request(exc) from None
        return store.query_events(flt)

    @app.get("/api/incidents", response_model=list[Incident], tags=["incidents"])
    def list_incidents(store: StoreDep, params: FilterDep) -> list[Incident]:
        """Incidents (one real-world event, every report of it fused) matching the same
        filters as /api/events, by date; as `tacitus ingest` last fused them."""
        try:
            flt = params.to_filter()
        except TacitusError as exc:
            raise _bad_request(exc) from None
        return store.query_incidents(flt)

    @app.get("/api/events/{event_id}", response_model=Event, tags=["events"])
    def get_event(event_id: str, store: StoreDep) -> Event:
        """One event by its id (``ev:...``, as listed by /api/events)."""
        event = find_event(store, event_id)
        if event is None:
            raise HTTPException(
                status_code=404,
                detail=f"No event with id {event_id!r}. List event ids with GET /api/events.",
            )
        return event

    @app.get("/api/articles/{article_id:path}", response_model=ArticleRecord, tags=["articles"])
    def get_article(article_id: str, store: StoreDep) -> ArticleRecord:
        """The full record of one article: cleaned text, removals, events, quotes, places."""
        record = store.read_record(article_id)
        if record is None:
            raise HTTPException(
                status_code=404,
                detail=(
                    f"No article with id {article_id!r}. Each event's article_id names its "
                    "article (GET /api/events)."
                ),
            )
        return record

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(
        store: StoreDep,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        type_: Annotated[str | None, Query(alias="type")] = None,
        actor: str | None = None,
        limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = PAGE_LIMIT,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> HTMLResponse:
        params = FilterParams(since, until, country, type_, actor, limit, offset)
        types = [t for t, _ in store.summary().by_type]
        try:
            events = store.query_events(params.to_filter())
        except TacitusError as exc:
            body = render_page(params, types, [], {}, error=str(_bad_request(exc).detail))
            return HTMLResponse(body, status_code=400)
        texts = _article_texts(store, events)
        return HTMLResponse(render_page(params, types, events, texts))

    return app


def find_event(store: Store, event_id: str) -> Event | None:
    """The stored event with this id, or None."""
    read_event = getattr(store, "read_event", None)
    if read_event is not None:
        found: Event | None = read_event(event_id)
        return found
    # Until the store can look an event up by id: page through all events.
    return next((e for e in store.iter_events() if e.id == event_id), None)


def _article_texts(store: Store, events: Sequence[Event]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for article_id in dict.fromkeys(e.article_id for e in events):
        record = store.read_record(article_id)
        if record is not None:
            texts[article_id] = record.text
    return texts


# --- the page ------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em;margin:0 0 .5em}
form{display:flex;flex-wrap:wrap;gap:.5em;align-items:end;margin-bottom:1em}
label{display:flex;flex-direction:column;font-size:.85em;color:#555}
input,select{font:inherit;padding:.2em .3em}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4;position:sticky;top:0}
td.ev{max-width:40em}
mark{background:#ffe27a;padding:0 .1em}
.muted{color:#777;font-size:.85em}
.error{background:#fde2e2;border:1px solid #e99;padding:.5em;margin-bottom:1em}
.nav{margin:1em 0}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _actors(actors: Sequence[Actor]) -> str:
    parts = []
    for a in actors:
        code = f' <span class="muted">{_e(a.code)}</span>' if a.code else ""
        parts.append(f"{_e(a.name or a.text)}{code}")
    return ", ".join(parts) or '<span class="muted">-</span>'


def evidence_html(event: Event, text: str | None) -> str:
    """The evidence sentence, escaped, with the trigger in ``<mark>``."""
    ev = event.evidence
    trigger = ev.trigger
    if text is None or not (ev.start <= trigger.start <= trigger.end <= ev.end <= len(text)):
        return f"<mark>{_e(trigger.text)}</mark>"
    return (
        _e(text[ev.start : trigger.start])
        + f"<mark>{_e(text[trigger.start : trigger.end])}</mark>"
        + _e(text[trigger.end : ev.end])
    )


def event_row(event: Event, text: str | None) -> str:
    date = event.date
    date_html = (
        f'{_e(date.value)}<br><span class="muted">{_e(date.precision)}, {_e(date.basis)}</span>'
        if date
        else '<span class="muted">-</span>'
    )
    cameo = f'<br><span class="muted">CAMEO {_e(event.cameo.code)}</span>' if event.cameo else ""
    mode = f' <span class="muted">{_e(event.plover.mode)}</span>' if event.plover.mode else ""
    loc = event.location
    if loc is None:
        where = '<span class="muted">-</span>'
    else:
        where = _e(loc.name or loc.text)
        if loc.country:
            where += f' <span class="muted">{_e(loc.country)}</span>'
        if loc.offset:
            where += f'<br><span class="muted">{_e(loc.offset.text)}</span>'
    quantities = "<br>".join(
        _e(q.text) + (f' <span class="muted">{_e(q.category)}</span>' if q.category else "")
        for q in event.quantities
    )
    href = _e("/api/articles/" + quote(event.article_id, safe=":"))
    article = f'<br><a class="muted" href="{href}">{_e(event.article_id)}</a>'
    return (
        "<tr>"
        f"<td>{date_html}</td>"
        f"<td>{_e(event.plover.type)}{mode}{cameo}</td>"
        f"<td>{_e(event.modality)}</td>"
        f"<td>{_actors(event.actors)} &rarr; {_actors(event.recipients)}</td>"
        f"<td>{where}</td>"
        f"<td>{quantities}</td>"
        f'<td class="ev">{evidence_html(event, text)}{article}</td>'
        "</tr>"
    )


def _input(name: str, label: str, value: object, placeholder: str = "") -> str:
    shown = "" if value is None else value
    return (
        f'<label>{_e(label)}<input name="{_e(name)}" value="{_e(shown)}" '
        f'placeholder="{_e(placeholder)}"></label>'
    )


def _form(params: FilterParams, types: Sequence[str]) -> str:
    options = ['<option value="">any</option>'] + [
        f'<option value="{_e(t)}"{" selected" if (params.type or "").upper() == t else ""}>'
        f"{_e(t)}</option>"
        for t in types
    ]
    return (
        '<form method="get" action="/">'
        + _input("since", "since", params.since, "YYYY-MM-DD")
        + _input("until", "until", params.until, "YYYY-MM-DD")
        + _input("country", "country", params.country, "ISO3, e.g. IRQ")
        + f'<label>type<select name="type">{"".join(options)}</select></label>'
        + _input("actor", "actor", params.actor, "name or mention")
        + _input("limit", "rows", params.limit)
        + '<button type="submit">Filter</button> <a href="/">reset</a></form>'
    )


def render_page(
    params: FilterParams,
    types: Sequence[str],
    events: Sequence[Event],
    texts: dict[str, str],
    error: str | None = None,
) -> str:
    """The events page: a filter form and one table row per event."""
    rows = "".join(event_row(e, texts.get(e.article_id)) for e in events)
    nav = []
    if params.offset:
        prev = max(0, params.offset - params.limit)
        nav.append(f'<a href="/?{_e(params.query(offset=prev))}">&larr; previous</a>')
    if params.limit and len(events) == params.limit:
        nav.append(
            f'<a href="/?{_e(params.query(offset=params.offset + params.limit))}">next &rarr;</a>'
        )
    first = params.offset + 1 if events else 0
    shown = f"events {first}-{params.offset + len(events)}" if events else "no events match"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tacitus events</title><style>{_CSS}</style></head>
<body>
<h1>Tacitus events</h1>
{_form(params, types)}
{f'<div class="error">{_e(error)}</div>' if error else ""}
<p class="muted">{shown}. JSON: <a href="/api/events?{_e(params.query())}">/api/events</a>,
API docs: <a href="/docs">/docs</a>.</p>
<table>
<thead><tr><th>date</th><th>type</th><th>modality</th><th>actors &rarr; recipients</th>
<th>location</th><th>quantities</th><th>evidence</th></tr></thead>
<tbody>{rows}</tbody>
</table>
<p class="nav">{" ".join(nav)}</p>
</body></html>
"""
