"""Rich renderings of stored events and summaries for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table

from tacitus.model import Actor, Event, Incident

if TYPE_CHECKING:
    from tacitus.store.db import Summary


def _names(actors: Sequence[Actor]) -> str:
    return ", ".join((a.name or a.text) + (f" ({a.code})" if a.code else "") for a in actors)


def events_table(events: Sequence[Event]) -> Table:
    """One row per event: when, what, who, to whom, where, and the evidence trigger."""
    table = Table(title=f"{len(events)} events", show_lines=False)
    for name in ("date", "type", "cameo", "actor", "recipient", "modality", "where", "trigger"):
        table.add_column(name, overflow="fold", no_wrap=name in ("date", "type", "cameo"))
    for e in events:
        loc = e.location
        where = ""
        if loc is not None:
            where = (loc.name or loc.text) + (f" [{loc.country}]" if loc.country else "")
        table.add_row(
            e.date.value if e.date else "",
            e.plover.type,
            e.cameo.code if e.cameo else "",
            _names(e.actors),
            _names(e.recipients),
            e.modality,
            where,
            e.evidence.trigger.text,
        )
    return table


def incidents_table(incidents: Sequence[Incident]) -> Table:
    """One row per incident: when, what, where, how many reports and sources, counts, and
    the fields the reports disagree on."""
    table = Table(title=f"{len(incidents)} incidents", show_lines=False)
    for name in ("date", "type", "where", "articles", "sources", "counts", "disagree on"):
        table.add_column(name, overflow="fold", no_wrap=name in ("date", "type"))
    for i in incidents:
        loc = i.location
        where = ""
        if loc is not None:
            where = (loc.name or loc.text) + (f" [{loc.country}]" if loc.country else "")
        counts = ", ".join(f"{q.category} {q.text}" for q in i.quantities)
        table.add_row(
            i.date.value if i.date else "",
            i.plover_type,
            where,
            str(i.n_articles),
            str(i.n_sources),
            counts,
            ", ".join(d.field for d in i.disagreements),
        )
    return table


def summary_renderable(summary: Summary, path: str) -> Group:
    """Counts, events by PLOVER type and the most frequent actors."""
    totals = Table(title="Tacitus database", show_header=False)
    totals.add_column("what")
    totals.add_column("count", justify="right", overflow="fold")
    totals.add_row("file", path)
    totals.add_row("articles", f"{summary.articles:,}")
    totals.add_row("events", f"{summary.events:,}")
    totals.add_row("quotes", f"{summary.quotes:,}")
    totals.add_row("places", f"{summary.places:,}")
    if summary.first_date:
        totals.add_row("event dates", f"{summary.first_date} .. {summary.last_date}")
    types = Table(title="PLOVER types")
    types.add_column("type")
    types.add_column("events", justify="right")
    for name, n in summary.by_type:
        types.add_row(name, f"{n:,}")
    actors = Table(title="Top actors")
    actors.add_column("actor")
    actors.add_column("events", justify="right")
    for name, n in summary.top_actors:
        actors.add_row(name, f"{n:,}")
    return Group(totals, types, actors)
