#!/usr/bin/env python3
"""Store throughput: writing analysed records (analysis excluded; MinHash, LSH and FTS indexing included).

Analysed records come from a store made by ``benchmarks/ingest.py`` (``--from``), so no analysis
runs here.  Pass 1 writes them into a fresh store as Articles (the writer makes every row, MinHash and
analysis JSON included: the single-worker path); each further pass writes them again under new ids
(new articles whose text repeats: every one joins a near-duplicate group, the LSH's worst case).

Pass 1' is the path of ``pantau ingest`` with workers: the rows of each article are made as a worker
makes them (``build_rows``; timed apart, per worker core) and pickled as the pool sends them; a
separate writer process (this script, started again) unpickles them and writes them through the
runner's ``BatchSink``.  Its time runs from the first message to the end of ``finish_run`` (every batch
committed, the WAL checkpointed into the database file); its CPU time counts all its threads.  Row
``1'-u`` is the same run less the time spent unpickling.  Batches of ``--batch-size`` articles, one
transaction each, exactly as ``pantau ingest`` writes.

usage: python benchmarks/store.py [--from benchmarks/out/ingest-2000.db] [--copies 5]
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sqlite3
import subprocess
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


def worker_messages(items: list) -> tuple[list[bytes], float]:
    """The workers' share of pass 1': exactly what ``runner._analyze_chunk`` does after analysing each
    article (``build_rows``), pickled 8 articles a message as the process pool sends them back.
    Returns the messages and the seconds they took (one core)."""
    from multiprocessing.reduction import ForkingPickler

    from pantau.corpus.runner import CHUNK
    from pantau.store.writer import build_rows

    t0 = time.perf_counter()
    messages = []
    for i in range(0, len(items), CHUNK):
        chunk = [(i + j, build_rows(it.article, it.raw, it.content_hash), None)
                 for j, it in enumerate(items[i:i + CHUNK])]
        messages.append(bytes(ForkingPickler.dumps(chunk)))
    return messages, time.perf_counter() - t0


def ingest_writer(messages_path: Path, db: Path, batch_size: int) -> dict:
    """The writer process of pass 1', run as a process of its own (like ``pantau ingest``'s main process,
    it holds no Article objects, so its garbage collector sees what the real one sees).  Timed: from the
    first message received to the end of ``finish_run`` (every batch committed, the WAL checkpointed into
    the database file); wall and CPU seconds, the CPU of all its threads (writer, checkpoint) included."""
    from pantau.corpus.runner import BatchSink, RunSummary
    from pantau.store import StoreWriter
    from pantau.store.writer import Item

    messages = pickle.loads(messages_path.read_bytes())
    for sfx in ("", "-wal", "-shm"):
        Path(str(db) + sfx).unlink(missing_ok=True)
    with StoreWriter(db) as w:
        summary = RunSummary()
        summary.run_id = w.start_run({"benchmark": "store.py"})
        t0, c0 = time.perf_counter(), time.process_time()
        sink = BatchSink(w, summary, batch_size=batch_size)
        unpickle_s = 0.0
        for msg in messages:  # what the runner's ``take`` does with each result of the pool
            u0 = time.perf_counter()
            results = pickle.loads(msg)
            unpickle_s += time.perf_counter() - u0
            for _seq, rows, _err in results:
                summary.analysed += 1
                sink.batch_seen += 1
                sink.add(Item(None, None, rows.content_hash, rows=rows))
                sink.flush()
        sink.close()
        w.finish_run(summary.run_id)
        sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"n": summary.added, "seconds": sec, "cpu": cpu, "unpickle": unpickle_s}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="src", default=str(OUT / "ingest-2000.db"), help="store with analysed records")
    ap.add_argument("--copies", type=int, default=5, help="passes (1 distinct + replicas)")
    from pantau.corpus.runner import BATCH_SIZE  # what pantau ingest writes per transaction

    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--ingest-writer", nargs=2, metavar=("MESSAGES", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.ingest_writer:  # the writer process of pass 1' (started by this script)
        print(json.dumps(ingest_writer(Path(args.ingest_writer[0]), Path(args.ingest_writer[1]), args.batch_size)))
        return 0
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
    # as ``pantau ingest`` runs it: each worker turns its analysed article into the store's rows
    # (``build_rows``: analysis JSON, MinHash signature and LSH band keys, FTS text, entity keys, quotes,
    # events, dates) and sends them back pickled; the writer process unpickles them and writes them
    # through the runner's ``BatchSink`` (WAL checkpoints on a thread of the writer)
    messages, prep_s = worker_messages(items)
    msg_path = OUT / "store-bench-messages.pkl"
    msg_path.write_bytes(pickle.dumps(messages))
    del messages
    proc = subprocess.run([sys.executable, __file__, "--ingest-writer", str(msg_path), str(OUT / "store-bench-prepared.db"),
                           "--batch-size", str(args.batch_size)], capture_output=True, text=True, check=True)
    msg_path.unlink()
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    n, sec, cpu = r["n"], r["seconds"], r["cpu"]
    t.add_row("1'", str(n), f"{sec:.2f}", f"{n / sec:,.0f}", f"{cpu:.2f}", f"{n / cpu:,.0f}",
              f"distinct, as pantau ingest: rows made by the workers ({n / prep_s:,.0f}/s per worker core),"
              " unpickled and written by the writer process")
    u = r["unpickle"]
    t.add_row("1'-u", str(n), f"{sec - u:.2f}", f"{n / (sec - u):,.0f}", f"{cpu - u:.2f}", f"{n / (cpu - u):,.0f}",
              f"pass 1' less its unpickling ({u:.2f} s): the writer alone, rows ready in memory")
    total_n = sum(r[1] for r in rows)
    total_s = sum(r[2] for r in rows)
    total_c = sum(r[3] for r in rows)
    t.add_row("all", str(total_n), f"{total_s:.2f}", f"{total_n / total_s:,.0f}", f"{total_c:.2f}",
              f"{total_n / total_c:,.0f}", "passes 1..")
    Console(width=max(Console().width, 160)).print(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
