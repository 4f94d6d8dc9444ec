"""Ingest engines: where the articles are coded.

``local`` (``tacitus.ingest``): processes on this machine. ``ray``
(``tacitus.engines.ray_engine``, the optional extra ``pip install 'tacitus[ray]'``): the same
stage code on a Ray cluster, through Parquet partitions into the same DuckDB tables.
"""

from __future__ import annotations

ENGINES: tuple[str, ...] = ("local", "ray")
