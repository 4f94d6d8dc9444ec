"""Tests for the HTTP API and the events page, over a temporary database."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette >= 0.48 warns on import that it prefers `httpx2`; `httpx` works and is what
    # the project depends on. Only this import is exempt from warnings-as-errors.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from tacitus.api.app import FilterParams, create_app, evidence_html, render_page
from tacitus.errors import TacitusError
from tacitus.model import (
    Actor,
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
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_create_app_rejects_missing_database(tmp_path: Path) -> None:
    with pytest.raises(TacitusError, match="does not exist"):
        create_app(tmp_path / "missing.duckdb")


def test_health(client: TestClient, db: Path) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == str(db)


def test_summary_counts_what_was_stored(client: TestClient, seed_record: ArticleRecord) -> None:
    body = client.get("/api/summary").json()
    assert body["articles"] == 2
    assert body["events"] == len(seed_record.events) + 1
    assert ["ASSAULT", 1] in body["by_type"] or any(t == "ASSAULT" for t, _ in body["by_type"])


def test_events_lists_every_event(client: TestClient, seed_record: ArticleRecord) -> None:
    events = [Event.model_validate(e) for e in client.get("/api/events").json()]
    assert len(events) == len(seed_record.events) + 1
    assert {e.id for e in seed_record.events} < {e.id for e in events}


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("country=SYR", {"made-1"}),
        ("type=assault&actor=rebel", {"made-1"}),
        ("since=2012-06&until=2012-06", {"made-1"}),
        ("since=2013", {"ibtimes-1570104"}),
        ("country=XXX", set()),
        ("actor=nobody-at-all", set()),
    ],
)
def test_events_filters(client: TestClient, query: str, expected_ids: set[str]) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200
    found = {e["article_id"] for e in response.json()}
    if "ibtimes-1570104" in expected_ids:
        assert "made-1" not in found
    else:
        assert found == expected_ids


def test_events_limit_and_offset(client: TestClient) -> None:
    everything = [e["id"] for e in client.get("/api/events").json()]
    page = [e["id"] for e in client.get("/api/events?limit=1&offset=1").json()]
    assert page == everything[1:2]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("since=yesterday", 400, "YYYY-MM-DD"),
        ("until=2016-13-45", 400, "until"),
        ("limit=-1", 422, "greater than or equal"),
        ("limit=100000", 422, "less than or equal"),
        ("offset=x", 422, "integer"),
    ],
)
def test_events_bad_parameters(client: TestClient, query: str, status: int, message: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == status
    assert message in str(response.json()["detail"])


def test_event_by_id(client: TestClient) -> None:
    made = _made_record().events[0]
    response = client.get(f"/api/events/{made.id}")
    assert response.status_code == 200
    assert Event.model_validate(response.json()) == made


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/api/events/ev:nope")
    assert response.status_code == 404
    assert "No event with id 'ev:nope'" in response.json()["detail"]


def test_article_record_round_trips(client: TestClient, seed_record: ArticleRecord) -> None:
    response = client.get(f"/api/articles/{seed_record.id}")
    assert response.status_code == 200
    record = ArticleRecord.model_validate(response.json())
    assert record.text == seed_record.text
    assert record.removed == seed_record.removed
    assert [e.id for e in record.events] == [e.id for e in seed_record.events]


def test_unknown_article_is_404(client: TestClient) -> None:
    response = client.get("/api/articles/no-such-article")
    assert response.status_code == 404
    assert "No article with id 'no-such-article'" in response.json()["detail"]


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/health", "/api/summary", "/api/events", "/api/events/{event_id}"} <= set(paths)
    assert client.get("/docs").status_code == 200


def test_page_lists_events_escaped_and_highlighted(client: TestClient) -> None:
    response = client.get("/?country=SYR")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "Rebels &lt;b&gt;<mark>attacked</mark>&lt;/b&gt; the &quot;town&quot;" in page
    assert "<b>attacked" not in page
    assert "SYRREB" in page and "CAMEO 190" in page and "Maarat" in page
    assert '2 <span class="muted">killed</span>' in page
    assert "2012-06-01" in page
    # No external assets: everything is inline.
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_page_shows_bad_date_as_error(client: TestClient) -> None:
    response = client.get("/?since=soon")
    assert response.status_code == 400
    assert 'class="error"' in response.text and "soon" in response.text


def test_page_without_matches(client: TestClient) -> None:
    response = client.get("/?country=XXX")
    assert response.status_code == 200
    assert "no events match" in response.text


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (TRIGGER, TRIGGER + 8, "Rebels &lt;b&gt;<mark>attacked</mark>"),
        (0, 6, "<mark>Rebels</mark> &lt;b&gt;"),
    ],
)
def test_evidence_html(start: int, end: int, expected: str) -> None:
    event = _made_record().events[0]
    trigger = Span(text=TEXT[start:end], start=start, end=end)
    event = event.model_copy(
        update={"evidence": event.evidence.model_copy(update={"trigger": trigger})}
    )
    assert evidence_html(event, TEXT).startswith(expected)


def test_evidence_html_without_text_shows_trigger_only() -> None:
    event = _made_record().events[0]
    assert evidence_html(event, None) == "<mark>attacked</mark>"


def test_render_page_escapes_form_values() -> None:
    page = render_page(FilterParams(actor='"><script>'), ["ASSAULT"], [], {})
    assert "<script>" not in page and "&quot;&gt;&lt;script&gt;" in page


def test_incidents_list_with_filters(client: TestClient, seed_record: ArticleRecord) -> None:
    every = client.get("/api/incidents?limit=1000")
    assert every.status_code == 200
    incidents = every.json()
    fused = {e for i in incidents for e in i["events"]}
    asserted = {e.id for e in seed_record.events if e.modality == "asserted"}
    assert asserted | {_made_record().events[0].id} == fused
    syria = client.get("/api/incidents?country=SYR").json()
    assert [i["article_ids"] for i in syria] == [["made-1"]]
    assert client.get("/api/incidents?since=nonsense").status_code == 400
