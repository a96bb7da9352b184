"""Flat tables for spreadsheets and dataframes: articles, entities, quotes, events (CSV or Parquet)."""
from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import PantauError

QUERIES: dict[str, str] = {
    "articles": "SELECT id, url, outlet, source, rubric, headline, published, n_entities, n_quotes, n_events,"
                " dup_group, pantau_version, content_hash, updated_at FROM articles a",
    "entities": "SELECT key AS id, kb_id, type, name, country, role, n_articles, n_mentions FROM entities"
                " WHERE n_articles > 0",
    "quotes": "SELECT a.id AS article_id, a.outlet, q.published, q.speaker, e.key AS speaker_id, q.kind, q.cue,"
              " q.via, q.text, q.start, q.\"end\" FROM quotes q JOIN articles a ON a.rowid = q.article"
              " LEFT JOIN entities e ON e.rowid = q.speaker_entity",
    "events": "SELECT a.id AS article_id, a.outlet, ev.day, ev.source, ev.source_country, ev.target,"
              " ev.target_country, ev.code, ev.root, ev.quad, ev.goldstein, ev.n_mentions, ev.evidence, ev.start,"
              " ev.\"end\" FROM events ev JOIN articles a ON a.rowid = ev.article",
}


def iter_table(conn: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    if table not in QUERIES:
        raise PantauError(f"unknown table {table!r}", hint="one of: " + ", ".join(QUERIES))
    cur = conn.execute(QUERIES[table])
    cols = [d[0] for d in cur.description]
    return cols, iter(lambda: cur.fetchmany(1000), [])  # type: ignore[arg-type]


def write_csv(conn: sqlite3.Connection, table: str, out: TextIO) -> int:
    cols, pages = iter_table(conn, table)
    w = csv.writer(out)
    w.writerow(cols)
    n = 0
    for rows in pages:
        w.writerows(rows)
        n += len(rows)
    return n


def write_parquet(conn: sqlite3.Connection, table: str, path: str | Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols, pages = iter_table(conn, table)
    # a fixed schema: inferring it per batch breaks on a column that is all NULL in the first batch
    schema = pa.schema([(c, _arrow_type(c)) for c in cols])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for rows in pages:
            writer.write_table(pa.Table.from_pylist([dict(zip(cols, r)) for r in rows], schema=schema))
            n += len(rows)
    return n


def _arrow_type(col: str):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    if col == "goldstein":
        return pa.float64()
    if col.startswith("n_") or col in ("start", "end", "quad", "dup_group"):
        return pa.int64()
    return pa.string()
