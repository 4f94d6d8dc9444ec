"""The DuckDB store: all SQL of Tacitus lives in this package (schema in docs/schema.md)."""

from tacitus.store.db import EXPORT_FORMATS, EventFilter, Store, Summary

__all__ = ["EXPORT_FORMATS", "EventFilter", "Store", "Summary"]
