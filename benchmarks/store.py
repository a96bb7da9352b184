#!/usr/bin/env python3
"""Store throughput: writing analysed records (analysis excluded; MinHash, LSH and FTS indexing included).

Analysed records come from a store made by ``benchmarks/ingest.py`` (``--from``), so no analysis
runs here.  Pass 1 writes them into a fresh store as they are (distinct articles); each further pass
writes them again under new ids (new articles whose text repeats: every one joins a near-duplicate
group, the LSH's worst case).  Batches of ``--batch-size`` articles, one transaction each, exactly
as ``pantau ingest`` writes.

usage: python benchmarks/store.py [--from benchmarks/out/ingest-2000.db] [--copies 5]
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "benchmarks" / "out"


def load_items(src: Path) -> list:
    from pantau.model import Article
    from pantau.store.writer import Item, raw_from_json

    conn = sqlite3.connect(src)
    items = []
    for raw_json, analysis, chash in conn.execute("SELECT raw, analysis, content_hash FROM articles ORDER BY rowid"):
        rec = json.loads(analysis)
        items.append(Item(Article.from_dict(rec), raw_from_json(raw_json, rec["text"]), chash))
    return items


def write_copies(db: Path, items: list, copies: int, batch_size: int, *,
                 report=None) -> list[tuple[int, int, float, float]]:
    """Write ``items`` ``copies`` times (copy k under ids ``k:<id>``); returns (pass, n, seconds, CPU seconds)
    per pass (CPU seconds of this process: steadier than wall time on a shared, loaded machine)."""
    from pantau.store import StoreWriter

    out = []
    with StoreWriter(db) as w:
        for k in range(copies):
            batch_items = items if k == 0 else [
                type(it)(replace(it.article, id=f"copy{k}:{it.article.id}"), it.raw, it.content_hash) for it in items]
            t0, c0 = time.perf_counter(), time.process_time()
            for i in range(0, len(batch_items), batch_size):
                w.write_batch(batch_items[i:i + batch_size])
            out.append((k + 1, len(batch_items), time.perf_counter() - t0, time.process_time() - c0))
            if report:
                report(out[-1])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="src", default=str(OUT / "ingest-2000.db"), help="store with analysed records")
    ap.add_argument("--copies", type=int, default=5, help="passes (1 distinct + replicas)")
    ap.add_argument("--batch-size", type=int, default=200)
    args = ap.parse_args()
    src = Path(args.src)
    if not src.exists():
        print(f"no store at {src}: run benchmarks/ingest.py first", file=sys.stderr)
        return 1
    from rich.console import Console
    from rich.table import Table

    items = load_items(src)
    db = OUT / "store-bench.db"
    for sfx in ("", "-wal", "-shm"):
        Path(str(db) + sfx).unlink(missing_ok=True)
    rows = write_copies(db, items, args.copies, args.batch_size)
    n_ent = sum(len(it.article.entities) for it in items) / len(items)
    n_q = sum(len(it.article.quotes) for it in items) / len(items)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    t = Table(title=f"store writes: {len(items)} analysed CLICK-ID records (avg {n_ent:.1f} entities, "
                    f"{n_q:.1f} quotes), batches of {args.batch_size}; load average at start {load}")
    for c in ("pass", "articles", "seconds", "articles/s", "CPU s", "articles/CPU s", "kind"):
        t.add_column(c, justify="right")
    for k, n, sec, cpu in rows:
        t.add_row(str(k), str(n), f"{sec:.2f}", f"{n / sec:,.0f}", f"{cpu:.2f}", f"{n / cpu:,.0f}",
                  "distinct" if k == 1 else "repeat under new ids")
    # as ``pantau ingest`` runs it: the workers make each article's JSON and MinHash signature, so the
    # writer process only writes (MinHash still computed, just not by the writer)
    from pantau.store.writer import prepare

    t0 = time.perf_counter()
    for it in items:
        it.analysis_json, it.signature = prepare(it.article)
        it.has_signature = True
    prep_s = time.perf_counter() - t0
    db2 = OUT / "store-bench-prepared.db"
    for sfx in ("", "-wal", "-shm"):
        Path(str(db2) + sfx).unlink(missing_ok=True)
    k, n, sec, cpu = write_copies(db2, items, 1, args.batch_size)[0]
    t.add_row("1'", str(n), f"{sec:.2f}", f"{n / sec:,.0f}", f"{cpu:.2f}", f"{n / cpu:,.0f}",
              f"distinct, JSON+MinHash made beforehand ({n / prep_s:,.0f}/s single core)")
    total_n = sum(r[1] for r in rows)
    total_s = sum(r[2] for r in rows)
    total_c = sum(r[3] for r in rows)
    t.add_row("all", str(total_n), f"{total_s:.2f}", f"{total_n / total_s:,.0f}", f"{total_c:.2f}",
              f"{total_n / total_c:,.0f}", "passes 1..")
    Console().print(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
