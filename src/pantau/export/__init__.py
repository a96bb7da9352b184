"""Exports from the store: JSONL records, flat CSV/Parquet tables, and the GDELT-style event table.

- ``jsonl``: one CONTRACT record per line (plus outlet), streamed.
- ``flat``: one table at a time (articles, entities, quotes, events) as CSV or Parquet.
- ``gdelt``: rows rendered by ``pantau.export.gdelt`` (owned by the events work), one per event.
"""
from __future__ import annotations

TABLES = ("articles", "entities", "quotes", "events")
