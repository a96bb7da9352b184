#!/usr/bin/env python3
"""Ingest throughput: the first N CLICK-ID articles through ``pantau ingest`` with 1 and with 2 workers.

Each run ingests into a fresh store (analysis + storing, exactly what ``pantau ingest`` does, via the
same ``Runner``), so the speed-up of 2 workers over 1 is measured end to end.  The 2-worker store is
kept at ``benchmarks/out/ingest-N.db`` for ``benchmarks/store.py`` and ``benchmarks/search.py``.
The machine's load average is printed beside the figures: on a shared machine other work competes for
the cores, and the speed-up can only be as good as the free cores allow.

usage: python benchmarks/ingest.py [--n 2000] [--workers 1,2] [--batch-size 200]
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CLICKID = ROOT.parent / "shared" / "datasets" / "clickid_raw_news_articles" / "clickid_raw_news.jsonl"
OUT = ROOT / "benchmarks" / "out"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="articles (0: all ~17k)")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts to compare")
    ap.add_argument("--batch-size", type=int, default=200)
    args = ap.parse_args()
    subset = OUT / f"clickid-{args.n or 'all'}.jsonl"
    if not CLICKID.exists() and not subset.exists():
        print(f"skip: {CLICKID} is absent (../shared beside the checkout)", file=sys.stderr)
        return 0
    from rich.console import Console
    from rich.table import Table

    from pantau.corpus.runner import Runner
    from pantau.readers.sources import iter_sources

    OUT.mkdir(parents=True, exist_ok=True)
    if not subset.exists():
        with CLICKID.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
            dst.writelines(itertools.islice(src, args.n or None))
    rows = []
    base = None
    for w in [int(x) for x in args.workers.split(",")]:
        db = OUT / f"ingest-{args.n or 'all'}-w{w}.db"
        for sfx in ("", "-wal", "-shm"):
            Path(str(db) + sfx).unlink(missing_ok=True)
        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        c0 = time.process_time()
        s = Runner(db, workers=w, batch_size=args.batch_size).run(iter_sources([str(subset)]))
        dt = time.perf_counter() - t0
        main_cpu = time.process_time() - c0
        rate = s.added / dt
        base = base or rate
        rows.append((w, s.seen, s.added, s.rejected, f"{dt:.1f}", f"{rate:.1f}", f"{rate / base:.2f}x",
                     f"{main_cpu:.1f}", f"{load:.1f}/{os.getloadavg()[0]:.1f}"))
        if w == 2:
            keep = OUT / f"ingest-{args.n or 'all'}.db"
            for sfx in ("", "-wal", "-shm"):
                Path(str(keep) + sfx).unlink(missing_ok=True)
            db.rename(keep)
    t = Table(title=f"pantau ingest, first {args.n or 'all'} CLICK-ID articles ({os.cpu_count()} cores)")
    # main CPU s: the main process's own CPU time (reading, hashing, skipping, storing, and with 1 worker
    # the analysis too). With N workers the analysis runs elsewhere, so main CPU (N) / main CPU (1) is
    # the serial share that bounds the speed-up when enough free cores exist.
    for c in ("workers", "seen", "stored", "rejected", "seconds", "articles/s", "speed-up", "main CPU s",
              "load before/after"):
        t.add_column(c, justify="right")
    for r in rows:
        t.add_row(*map(str, r))
    Console().print(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
