"""The store half of ``pantau demo`` (``make demo``): ingest the sample corpus, print stats, serve.

The demo store is *fresh*: an existing file is replaced only when it holds nothing but the samples
(an earlier demo), so a user's own ``pantau.db`` is never overwritten; for that case the demo stops
with a hint to pass ``--db``.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..errors import StoreError
from ..store import queries
from .runner import Runner


def _is_demo_store(db: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{db.resolve().as_posix()}?mode=ro", uri=True)
        try:
            n = conn.execute("SELECT count(*) FROM articles WHERE id NOT LIKE 'sample:%'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return n == 0


def fresh_store(db: Path) -> None:
    if db.exists():
        if not _is_demo_store(db):
            raise StoreError(f"{db} already holds articles that are not the demo's",
                             hint="pass another file: pantau demo --db demo.db")
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)


def store_samples(db: Path, console: Console, *, serve: bool | None = None, port: int = 8000) -> int:
    """Ingest the samples into a fresh ``db``, print its stats, then serve it (on a terminal) or say how."""
    from ..commands.demo import load_samples

    fresh_store(db)
    summary = Runner(db, workers=1, run_args={"demo": True}).run(load_samples())
    stats = queries.stats(queries.open_store(db))
    t = Table(title=f"Toko {db}: {summary.added} artikel disimpan", title_justify="left", title_style="bold")
    t.add_column("isi")
    t.add_column("jumlah", justify="right")
    for key in ("articles", "entities", "quotes", "events", "dates", "outlets", "near_duplicate_groups"):
        t.add_row(key, str(stats[key]))
    console.print(t)
    command = f"pantau serve --db {db} --port {port}"
    if serve is None:
        serve = sys.stdin.isatty()
    if not serve:
        console.print(f"Jalankan dasbor dan API: [bold]{command}[/bold]  (lalu buka http://127.0.0.1:{port}/)")
        return 0
    from ..commands.serve import run as serve_run
    import argparse

    console.print(f"Dasbor dan API: http://127.0.0.1:{port}/  (Ctrl-C untuk berhenti)")
    return serve_run(argparse.Namespace(db=str(db), host="127.0.0.1", port=port))
