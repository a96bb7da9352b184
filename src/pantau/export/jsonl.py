"""Stored records as JSONL, streamed in rowid order (memory stays flat on any archive size)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any, TextIO


def iter_records(conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None,
                 page: int = 500) -> Iterator[dict[str, Any]]:
    """Every stored analysis record (CONTRACT.md shape) with ``outlet`` added, oldest rowid first."""
    last = 0
    cond, params = "", []
    if since:
        cond += " AND published >= ?"
        params.append(since)
    if until:
        cond += " AND published < ?"
        params.append(until + "\uffff")
    while True:
        rows = conn.execute(f"SELECT rowid, outlet, analysis FROM articles WHERE rowid > ?{cond} ORDER BY rowid LIMIT ?",
                            (last, *params, page)).fetchall()
        if not rows:
            return
        for rowid, outlet, analysis in rows:
            last = rowid
            rec = json.loads(analysis)
            rec["outlet"] = outlet
            yield rec


def write_jsonl(conn: sqlite3.Connection, out: TextIO, **filters: Any) -> int:
    n = 0
    for rec in iter_records(conn, **filters):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
