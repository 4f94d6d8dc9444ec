"""The DuckDB store: all SQL of Tacitus lives in this package (schema in docs/schema.md)."""

from tacitus.store.db import EXPORT_FORMATS, IncidentDetail, Membership, Stats, Store, Summary
from tacitus.store.files import create_database
from tacitus.store.query import EventFilter, Page

__all__ = [
    "EXPORT_FORMATS",
    "EventFilter",
    "IncidentDetail",
    "Membership",
    "Page",
    "Stats",
    "Store",
    "Summary",
    "create_database",
]
