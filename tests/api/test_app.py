"""Tests for the HTTP API over a temporary database: filters, pages, errors, limits."""

from __future__ import annotations

import base64
import datetime as dt
import json
import warnings
from pathlib import Path

import duckdb
import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette >= 0.48 warns on import that it prefers `httpx2`; `httpx` works and is what
    # the project depends on. Only this import is exempt from warnings-as-errors.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from tacitus.api.app import MAX_BODY, EventItem, create_app
from tacitus.errors import TacitusError
from tacitus.model import (
    Actor,
    Article,
    ArticleRecord,
    CameoCode,
    Event,
    EventDate,
    Evidence,
    Location,
    PloverCode,
    Quantity,
    Span,
)
from tacitus.pipeline import Pipeline
from tacitus.store import Store

# A hand-made record with known values, and text that must be escaped on the page.
TEXT = 'Rebels <b>attacked</b> the "town" of Ma\'arat on Friday, killing 2. Nothing else happened.'
KILLED = TEXT.index(" 2.") + 1
TRIGGER = TEXT.index("attacked")
SENTENCE_END = TEXT.index(".") + 1


def _made_record() -> ArticleRecord:
    rebels = Actor(text="Rebels", start=0, end=6, name="Rebels", code="SYRREB", country="SYR")
    town = TEXT.index("town")
    event = Event(
        id=Event.make_id("made-1", TRIGGER, TRIGGER + 8),
        article_id="made-1",
        plover=PloverCode(type="ASSAULT", mode="aerial"),
        cameo=CameoCode(code="190", root="19", quad_class=4, goldstein=-10.0),
        actors=[rebels],
        modality="asserted",
        date=EventDate(value="2012-06-01", precision="day", basis="relative"),
        location=Location(text="town", start=town, end=town + 4, name="Maarat", country="SYR"),
        quantities=[Quantity(value=2.0, category="killed", text="2", start=KILLED, end=KILLED + 1)],
        evidence=Evidence(
            sentence=0,
            start=0,
            end=SENTENCE_END,
            trigger=Span(text="attacked", start=TRIGGER, end=TRIGGER + 8),
        ),
    )
    return ArticleRecord(
        id="made-1",
        source="test",
        published=dt.date(2012, 6, 2),
        text=TEXT,
        events=[event],
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, seed_record: ArticleRecord) -> Path:
    path = tmp_path_factory.mktemp("api") / "test.duckdb"
    with Store.open(path) as store:
        store.write([seed_record, _made_record()])
        store.update_fusion()  # as `tacitus ingest` does at its end
    return path


@pytest.fixture(scope="module")
def client(db: Path, pipeline: Pipeline) -> TestClient:
    return TestClient(create_app(db, pipeline=pipeline))


def test_create_app_rejects_missing_database(tmp_path: Path) -> None:
    with pytest.raises(TacitusError, match="does not exist"):
        create_app(tmp_path / "missing.duckdb")


def test_health(client: TestClient, db: Path) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == str(db)


def test_summary_counts_what_was_stored(client: TestClient, seed_record: ArticleRecord) -> None:
    body = client.get("/summary").json()
    assert body["articles"] == 2
    assert body["events"] == len(seed_record.events) + 1
    assert any(t == "ASSAULT" for t, _ in body["by_type"])


def _all(client: TestClient, path: str, **params: object) -> list[dict[str, object]]:
    """Every item of a listing, following next_cursor page by page."""
    items: list[dict[str, object]] = []
    cursor = None
    while True:
        query = dict(params) | ({"cursor": cursor} if cursor else {})
        body = client.get(path, params=query).json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_events_lists_every_event(client: TestClient, seed_record: ArticleRecord) -> None:
    body = client.get("/events").json()
    events = [EventItem.model_validate(e) for e in body["items"]]
    assert body["total"] == len(events) == len(seed_record.events) + 1
    assert body["next_cursor"] is None
    assert {e.id for e in seed_record.events} < {e.id for e in events}
    made = next(e for e in body["items"] if e["article_id"] == "made-1")
    # fused: its incident is its own, one outlet
    assert made["incident_id"].startswith("inc:") and made["n_sources"] == 1


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("country=SYR", {"made-1"}),
        ("type=assault&actor=rebel", {"made-1"}),
        ("actor=SYR", {"made-1"}),  # the start of an actor code
        ("cameo=19&country=syr", {"made-1"}),
        ("admin1=nowhere", set()),
        ("modality=asserted&q=ATTACKED", {"made-1"}),
        ("q=%22town%22%20of", {"made-1"}),
        ("since=2012-06&until=2012-06", {"made-1"}),
        ("since=2013", {"ibtimes-1570104"}),
        ("country=XXX", set()),
        ("actor=nobody-at-all", set()),
        ("bbox=-180,-90,180,90", {"ibtimes-1570104"}),  # made-1's place has no point
    ],
)
def test_events_filters(client: TestClient, query: str, expected_ids: set[str]) -> None:
    response = client.get(f"/events?{query}")
    assert response.status_code == 200
    body = response.json()
    found = {e["article_id"] for e in body["items"]}
    assert body["total"] == len(body["items"])
    if "ibtimes-1570104" in expected_ids:
        assert found == expected_ids or (found and "made-1" not in found)
    else:
        assert found == expected_ids


def test_bbox_keeps_only_points_inside(client: TestClient, seed_record: ArticleRecord) -> None:
    located = [e for e in seed_record.events if e.location and e.location.lat is not None]
    assert located, "the seed article has located events"
    lat, lon = located[0].location.lat, located[0].location.lon  # type: ignore[union-attr]
    box = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
    items = client.get("/events", params={"bbox": box}).json()["items"]
    assert located[0].id in {e["id"] for e in items}
    for e in items:
        assert abs(e["location"]["lat"] - lat) <= 0.01 and abs(e["location"]["lon"] - lon) <= 0.01


@pytest.mark.parametrize("sort", ["date", "-date", "sources", "confidence"])
def test_cursor_pages_cover_the_listing_once(client: TestClient, sort: str) -> None:
    whole = client.get("/events", params={"sort": sort, "limit": 1000}).json()["items"]
    paged = _all(client, "/events", sort=sort, limit=3)
    assert [e["id"] for e in paged] == [e["id"] for e in whole]
    assert len({e["id"] for e in paged}) == len(paged)


def test_sort_orders(client: TestClient) -> None:
    def days(sort: str) -> list[str]:
        items = client.get("/events", params={"sort": sort, "limit": 1000}).json()["items"]
        return [e["date"]["value"] for e in items if e["date"]]

    assert days("date")[0] <= days("date")[-1]
    newest = client.get("/events", params={"sort": "-date", "limit": 1}).json()["items"][0]
    assert newest["date"] is not None  # undated events come last in either direction
    confident = client.get("/events", params={"sort": "confidence", "limit": 1000}).json()
    values = [e["confidence"] for e in confident["items"]]
    assert values == sorted(values, reverse=True)


def test_cursor_with_a_filter(client: TestClient) -> None:
    first = client.get("/events", params={"country": "USA", "limit": 1}).json()
    rest = _all(client, "/events", country="USA", limit=2)
    assert first["total"] == len(rest)
    assert rest[0]["id"] == first["items"][0]["id"]


def _cursor(sort: str, key: float, id_: str) -> str:
    raw = json.dumps([sort, key, id_]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("since=yesterday", 400, "YYYY-MM-DD"),
        ("until=2016-13-45", 400, "until"),
        ("limit=0", 422, "greater than or equal"),
        ("limit=100000", 422, "less than or equal"),
        ("limit=x", 422, "integer"),
        ("sort=random", 422, "sort"),
        ("cameo=1", 400, "two digits"),
        ("modality=maybe", 400, "asserted, negated, future, hypothetical"),
        ("bbox=10,10,0,0", 400, "min <= max"),
        ("bbox=a,b,c,d", 400, "min_lon,min_lat,max_lon,max_lat"),
        ("cursor=not-a-cursor", 400, "not a cursor this server gave"),
        (f"cursor={_cursor('date', 0, 'x')}&sort=-date", 400, "sorted by 'date'"),
        ("actor=" + "x" * 201, 422, "at most 200 characters"),
    ],
)
def test_events_bad_parameters(client: TestClient, query: str, status: int, message: str) -> None:
    response = client.get(f"/events?{query}")
    assert response.status_code == status
    detail = response.json()["detail"]
    assert isinstance(detail, str) and message in detail


def test_event_by_id(client: TestClient) -> None:
    made = _made_record().events[0]
    response = client.get(f"/events/{made.id}")
    assert response.status_code == 200
    body = response.json()
    item = EventItem.model_validate(body)
    assert Event.model_validate(item.model_dump(include=set(Event.model_fields))) == made
    assert body["incident_id"] and body["n_articles"] == 1


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/events/ev:nope")
    assert response.status_code == 404
    assert "No event with id 'ev:nope'" in response.json()["detail"]


def test_article_record_round_trips(client: TestClient, seed_record: ArticleRecord) -> None:
    response = client.get(f"/articles/{seed_record.id}")
    assert response.status_code == 200
    record = ArticleRecord.model_validate(response.json())
    assert record == seed_record


def test_unknown_article_is_404(client: TestClient) -> None:
    response = client.get("/articles/no-such-article")
    assert response.status_code == 404
    assert "No article with id 'no-such-article'" in response.json()["detail"]


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/health",
        "/summary",
        "/stats",
        "/events",
        "/events/download",
        "/events/{event_id}",
        "/incidents",
        "/incidents/download",
        "/incidents/{incident_id}",
        "/articles/{article_id}",
        "/code",
    } <= set(paths)
    assert client.get("/docs").status_code == 200


def test_incidents_list_with_filters(client: TestClient, seed_record: ArticleRecord) -> None:
    incidents = _all(client, "/incidents", limit=2)
    fused = {e for i in incidents for e in i["events"]}  # type: ignore[attr-defined]
    asserted = {e.id for e in seed_record.events if e.modality == "asserted"}
    assert asserted | {_made_record().events[0].id} == fused
    syria = client.get("/incidents?country=SYR&cameo=19").json()
    assert [i["article_ids"] for i in syria["items"]] == [["made-1"]] and syria["total"] == 1
    assert client.get("/incidents?q=attacked&modality=asserted").json()["total"] == 1
    assert client.get("/incidents?since=nonsense").status_code == 400
    assert client.get("/incidents?sort=confidence").status_code == 422


def test_incident_view(client: TestClient) -> None:
    made = _made_record().events[0]
    incident_id = client.get(f"/events/{made.id}").json()["incident_id"]
    body = client.get(f"/incidents/{incident_id}").json()
    assert body["incident"]["id"] == incident_id
    assert [e["id"] for e in body["events"]] == [made.id]
    assert body["articles"] == [
        {"id": "made-1", "url": None, "source": "test", "title": None, "published": "2012-06-02"}
    ]
    missing = client.get("/incidents/inc:nope")
    assert missing.status_code == 404 and "GET /incidents" in missing.json()["detail"]


def test_stats_counts_add_up(client: TestClient, seed_record: ArticleRecord) -> None:
    body = client.get("/stats").json()
    assert body["total"] == len(seed_record.events) + 1
    assert body["total"] == body["day_dated"] + body["coarse"] + body["undated"]
    assert sum(d["n"] for d in body["by_day"]) == body["day_dated"]
    assert sum(t["n"] for t in body["by_type"]) == body["total"]
    syria = client.get("/stats?country=SYR").json()
    assert syria["by_day"] == [{"date": "2012-06-01", "n": 1}]
    assert syria["by_type"] == [{"type": "ASSAULT", "n": 1}]
    assert syria["by_country"] == [{"country": "SYR", "n": 1}]


def test_code_an_article(client: TestClient, seed_article: Article) -> None:
    given = {"text": seed_article.text, "id": "posted", "published": "2016-07-11"}
    response = client.post("/code", json=given)
    assert response.status_code == 200
    record = ArticleRecord.model_validate(response.json())
    assert record.id == "posted" and record.events
    assert any(e.plover.type == "MOBILIZE" or e.cameo for e in record.events)
    # nothing was stored: the API is read-only
    assert client.get("/articles/posted").status_code == 404


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"title": "no text"}', "text: Field required"),
        ('{"text": ""}', "text: String should have at least 1 character"),
        ('{"text": "x", "published": "soon"}', "published"),
        ("not json", "Invalid request"),
    ],
)
def test_code_rejects_bad_bodies(client: TestClient, body: str, message: str) -> None:
    response = client.post("/code", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_code_refuses_large_bodies(client: TestClient) -> None:
    text = "word " * (MAX_BODY // 5 + 10)
    response = client.post("/code", json={"text": text})
    assert response.status_code == 413
    assert "over the limit" in response.json()["detail"]

    def chunks():  # no Content-Length: the server counts what arrives
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"x" * 65536

    streamed = client.post("/code", content=chunks())
    assert streamed.status_code == 413


def test_api_cannot_write(db: Path) -> None:
    # the API's connections are read-only: a write through one fails, the file is unchanged
    with (
        Store.open_existing(db, read_only=True) as store,
        pytest.raises(duckdb.Error, match="read-only"),
    ):
        store.con.execute("DELETE FROM events")
    with Store.open_existing(db) as store:
        assert store.count("events") > 0


def test_page_or_build_hint(client: TestClient) -> None:
    response = client.get("/")
    assert response.headers["content-type"].startswith("text/html")
    if response.status_code == 200:
        # the built page: its script and styles are served, nothing comes from elsewhere
        assert 'src="static/app.js"' in response.text and "static/app.css" in response.text
        assert "https://" not in response.text.split("<footer")[0]
        for asset in ("app.js", "app.css", "countries-110m.json"):
            assert client.get(f"/static/{asset}").status_code == 200, asset
    else:
        assert response.status_code == 503 and "make web" in response.text


def test_every_endpoint_is_documented(client: TestClient) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "api.md").read_text()
    for path, methods in client.get("/openapi.json").json()["paths"].items():
        for method in methods:
            assert f"`{method.upper()} {path}" in doc, f"{method.upper()} {path} not in docs/api.md"


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("csv", "text/csv"),
        ("jsonl", "application/x-ndjson"),
        ("gdelt-tsv", "text/tab-separated-values"),
        ("gdelt-mentions", "text/tab-separated-values"),
        ("acled-csv", "text/csv"),
        ("plover-json", "application/x-ndjson"),
        ("parquet", "application/vnd.apache.parquet"),
    ],
)
def test_download_events(client: TestClient, fmt: str, media: str, tmp_path: Path) -> None:
    response = client.get("/events/download", params={"format": fmt, "country": "SYR"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    body = response.content
    if fmt == "jsonl":
        lines = body.decode().splitlines()
        assert [json.loads(line)["article_id"] for line in lines] == ["made-1"]
    elif fmt == "parquet":
        target = tmp_path / "events.parquet"
        target.write_bytes(body)
        rows = duckdb.sql(f"SELECT article_id FROM read_parquet('{target}')").fetchall()
        assert rows == [("made-1",)]
    elif fmt in ("gdelt-tsv", "gdelt-mentions"):
        assert len(body.decode().splitlines()) == 1  # one event, one mention
    elif fmt == "csv":
        assert len(body.decode().splitlines()) == 2  # header and the one event


def test_download_incidents_and_errors(client: TestClient) -> None:
    response = client.get("/incidents/download", params={"format": "jsonl", "country": "SYR"})
    assert response.status_code == 200
    assert [json.loads(x)["article_ids"] for x in response.text.splitlines()] == [["made-1"]]
    assert client.get("/incidents/download", params={"format": "gdelt-tsv"}).status_code == 422
    bad = client.get("/events/download", params={"format": "csv", "since": "soon"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["detail"]
