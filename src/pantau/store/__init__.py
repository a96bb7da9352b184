"""The embedded store: SQLite (WAL) + FTS5, written in batched transactions, queried by library functions.

- ``schema``: numbered migrations; ``connect(path, readonly=...)``
- ``writer``: ``StoreWriter`` (exactly-once batches, replace on changed content, delete everywhere)
- ``queries``: search, quotes, entities, entity, article, events, relations, stats (plain dicts, paged)
- ``fts``: safe FTS5 queries and highlighted snippets
"""
from __future__ import annotations

from .queries import open_store
from .schema import SCHEMA_VERSION, connect
from .writer import Item, StoreWriter

__all__ = ["Item", "SCHEMA_VERSION", "StoreWriter", "connect", "open_store"]
