#!/usr/bin/env python3
"""Search latency on a 100,000-article store, and the resident memory of ``pantau serve`` over it.

The store is built from the analysed records of ``benchmarks/ingest.py`` (``--from``), replicated under
new ids (as new articles) until it holds ``--articles`` articles (kept at benchmarks/out/search-N.db and
reused).  200 queries: half entity names (the store's most frequent entities), half two-word phrases
drawn at random (seeded) from the articles' headlines and bodies.  Each query runs through
``pantau.store.queries.search`` exactly as the CLI and API call it: ranked, first page of 20, total
count and highlighted snippets included.  Then ``pantau serve`` is started on the store, the same 200
queries are sent over HTTP, and its resident set size (VmRSS, peak VmHWM) is read from /proc.

usage: python benchmarks/search.py [--from benchmarks/out/ingest-2000.db] [--articles 100000] [--queries 200]
"""
from __future__ import annotations

import argparse
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
OUT = ROOT / "benchmarks" / "out"


def build(src: Path, n: int) -> Path:
    from store import load_items, write_copies  # benchmarks/store.py

    db = OUT / f"search-{n}.db"
    if db.exists():
        return db
    items = load_items(src)
    copies = -(-n // len(items))
    tmp = OUT / f"search-{n}.tmp.db"
    for sfx in ("", "-wal", "-shm"):
        Path(str(tmp) + sfx).unlink(missing_ok=True)
    t0 = time.perf_counter()
    write_copies(tmp, items, copies, 500,
                 report=lambda r: print(f"  built pass {r[0]}/{copies}: {r[1] / r[2]:,.0f} articles/s", file=sys.stderr))
    print(f"built {len(items) * copies} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    tmp.rename(db)
    return db


def make_queries(conn, k: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = [r[0] for r in conn.execute("SELECT name FROM entities WHERE n_articles >= 2 AND length(name) > 3 "
                                        "ORDER BY n_articles DESC LIMIT 400")]
    ents = rng.sample(names, min(k // 2, len(names)))
    phrases: list[str] = []
    rows = conn.execute("SELECT headline, analysis FROM articles WHERE rowid % 97 = 0 LIMIT 2000").fetchall()
    word = re.compile(r"[A-Za-z]{4,}")
    while len(phrases) < k - len(ents):
        head, analysis = rng.choice(rows)
        words = word.findall((head or "") + " " + analysis[:3000].split('"text": "', 1)[-1][:1500])
        if len(words) > 2:
            i = rng.randrange(len(words) - 1)
            phrases.append(f'"{words[i]} {words[i + 1]}"')
    return ents + phrases


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        fields[k] = v.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="src", default=str(OUT / "ingest-2000.db"))
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--no-serve", action="store_true")
    args = ap.parse_args()
    if not Path(args.src).exists():
        print(f"no store at {args.src}: run benchmarks/ingest.py first", file=sys.stderr)
        return 1
    from rich.console import Console
    from rich.table import Table

    from pantau.store import open_store
    from pantau.store import queries as Q

    db = build(Path(args.src), args.articles)
    conn = open_store(db)
    n_articles = Q.stats(conn)["articles"]
    qs = make_queries(conn, args.queries)
    for q in qs[:10]:  # warm the page cache as a running server would be
        Q.search(conn, q)
    lat, totals = [], []
    for q in qs:
        t0 = time.perf_counter()
        page = Q.search(conn, q)
        lat.append((time.perf_counter() - t0) * 1000)
        totals.append(page["total"])
    lat.sort()
    p = lambda x: lat[min(len(lat) - 1, int(round(x / 100 * len(lat))) - 1)]  # noqa: E731
    t = Table(title=f"search over {n_articles:,} articles, {len(qs)} queries "
                    f"({len(qs) - sum(q.startswith(chr(34)) for q in qs)} entity names, "
                    f"{sum(q.startswith(chr(34)) for q in qs)} two-word phrases)")
    for c in ("p50 ms", "p95 ms", "max ms", "mean ms", "median hits", "max hits"):
        t.add_column(c, justify="right")
    t.add_row(f"{p(50):.1f}", f"{p(95):.1f}", f"{lat[-1]:.1f}", f"{statistics.mean(lat):.1f}",
              f"{statistics.median(totals):.0f}", f"{max(totals):,}")
    Console().print(t)
    if args.no_serve:
        return 0
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pantau.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                httpx.get(base + "/api/stats", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        http_lat = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for q in qs:
                t0 = time.perf_counter()
                r = client.get("/api/search", params={"q": q})
                http_lat.append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
            for path in ("/api/stats", "/api/entities?limit=100", "/api/quotes?limit=100", "/api/events?limit=100"):
                client.get(path).raise_for_status()
        rss, peak = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    http_lat.sort()
    t2 = Table(title="pantau serve over the same store (HTTP, one client)")
    for c in ("search p50 ms", "search p95 ms", "RSS MB", "peak RSS MB"):
        t2.add_column(c, justify="right")
    t2.add_row(f"{http_lat[len(http_lat) // 2]:.1f}", f"{http_lat[int(0.95 * len(http_lat)) - 1]:.1f}",
               f"{rss:.0f}", f"{peak:.0f}")
    Console().print(t2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
