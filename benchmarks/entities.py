#!/usr/bin/env python3
"""Full analysis (entities included) against the reference peer of issue 3, whole processes, one run.

Reads the first N CLICK-ID articles and runs, one after the other, as separate processes over the
same N articles:

* the peer, ``../shared/bench/peer_spacy.py CLICKID N SHARED``: spaCy ``blank("id")`` + sentencizer +
  an EntityRuler holding ~49k gazetteer names; it builds its pipeline, then times ``nlp.pipe`` over
  the articles and prints articles/s (parsed here);
* Pantau: a child process (this script with ``--child``) that loads its resources and warms up on
  one other article (the one after the N), then times ``Pipeline.default().run`` on each article as
  ``pantau analyze`` reads a JSONL record (title, content, date, category, source): all seven default
  stages, entities, quotes and events included.

``articles/s`` is each side's own timing of its analysis loop (resources already loaded: the peer
builds its EntityRuler before its clock starts, Pantau loads its lexicons and models before its
clock starts).  ``whole s`` is the wall time of the whole process as this script sees it:
interpreter start, imports, resource loading, reading the articles and the analysis; ``whole x
peer`` compares those (it depends on N: the peer spends about 6 s building its EntityRuler);
``whole cpu s`` is the CPU time (user + system) of each whole process, from ``getrusage``, and ``cpu
x peer`` compares those: on a shared machine it moves less with the other jobs than wall time.  MB/s divides
the UTF-8 bytes of the texts the peer reads (``title + "\\n" + content``, its own preprocessing) for
both rows.  With ``--repeat K`` the pair runs K times in turn; every pair is printed, and the ratio
compares the two rows of one pair only (the machine is shared: compare rows of the same run).

usage: python benchmarks/entities.py [--n 1000] [--repeat 1] [--per-stage] [--gc-freeze]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from analyze import cpu_model  # benchmarks/ is on sys.path when this script runs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_DATA = SHARED / "datasets" / "clickid_raw_news_articles" / "clickid_raw_news.jsonl"
PEER = SHARED / "bench" / "peer_spacy.py"
_PEER_LINE = re.compile(r"(\d+) articles in ([\d.]+)s = (\d+) articles/s")


def read_records(path: Path, n: int) -> list[dict]:
    """The first ``n`` lines of the JSONL file: the articles the peer reads."""
    recs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            recs.append(json.loads(line))
            if len(recs) >= n:
                break
    return recs


def peer_text(rec: dict) -> str:
    # exactly what peer_spacy.py analyses
    return rec["title"] + "\n" + rec["content"].replace(".,", ".\n")


def child(path: Path, n: int, per_stage: bool, gc_freeze: bool = False) -> int:
    """The Pantau process: analyse the first ``n`` records, print one JSON line of timings."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from analyze import to_raw  # the JSONL record as `pantau analyze` reads it

    from pantau.doc import Doc
    from pantau.errors import PantauError
    from pantau.pipeline import Pipeline, analyze, parse_date
    from pantau.resources import get_resources

    recs = read_records(path, n + 1)
    raws = [to_raw(r, i) for i, r in enumerate(recs[:n])]
    res = get_resources()
    pipe = Pipeline.default()
    t_load = time.perf_counter()
    if len(recs) > n:
        pipe.run(to_raw(recs[n], -1), resources=res)  # load lexicons and models, build matchers
    if gc_freeze:  # what a long-running process could do: keep the loaded resources out of GC scans
        import gc

        gc.collect()
        gc.freeze()
    t_ready = time.perf_counter()
    rejected = entities = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for raw in raws:
        try:
            art = analyze(raw, pipeline=pipe, resources=res)  # as `pantau analyze`: the record's date anchors
        except PantauError:
            rejected += 1  # an article the analysis refuses still counts: it was read and checked
            continue
        entities += len(art.entities)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    out = {"n": len(raws), "seconds": wall, "cpu": cpu, "rejected": rejected, "entities": entities,
           "load_seconds": t_ready - t_load}
    if per_stage:
        spent = {st.name: 0.0 for st in pipe.stages}
        for raw in raws:
            doc = Doc(raw=raw, published=parse_date(raw.published))
            try:
                for st in pipe.stages:
                    t = time.perf_counter()
                    st(doc, res)  # type: ignore[arg-type]
                    spent[st.name] += time.perf_counter() - t
            except PantauError:
                continue
        out["per_stage_us"] = {k: v * 1e6 / len(raws) for k, v in spent.items()}
    print(json.dumps(out))
    return 0


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_peer(path: Path, n: int) -> tuple[float, float, float, float]:
    """(articles/s, seconds, whole-process seconds, whole-process CPU seconds); the first two as the
    peer prints them."""
    c0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(PEER), str(path), str(n), str(SHARED)],
                          capture_output=True, text=True, check=True)
    whole = time.perf_counter() - t0
    cpu = _children_cpu() - c0
    m = _PEER_LINE.search(proc.stdout)
    if not m:
        raise SystemExit(f"cannot read the peer's output: {proc.stdout!r} {proc.stderr[-2000:]!r}")
    return float(m.group(1)) / float(m.group(2)), float(m.group(2)), whole, cpu


def run_pantau(path: Path, n: int, per_stage: bool, gc_freeze: bool = False) -> tuple[dict, float, float]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--n", str(n), "--data", str(path)]
    if per_stage:
        cmd.append("--per-stage")
    if gc_freeze:
        cmd.append("--gc-freeze")
    c0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    whole = time.perf_counter() - t0
    cpu = _children_cpu() - c0
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if per_stage:
        # the extra per-stage pass would be counted: no whole-process figure
        whole = cpu = float("nan")
    return out, whole, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="CLICK-ID JSONL file")
    ap.add_argument("--repeat", type=int, default=1, help="peer/Pantau pairs to run in turn (default 1)")
    ap.add_argument("--per-stage", action="store_true",
                    help="the Pantau process also times each stage in an extra pass (µs per article)")
    ap.add_argument("--gc-freeze", action="store_true",
                    help="Pantau calls gc.freeze() after loading its resources (an experiment, not the default)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    path = Path(args.data)
    if not path.exists():
        print(f"no data file {path} (the shared datasets folder is not beside the checkout)", file=sys.stderr)
        return 1
    if args.child:
        return child(path, args.n, args.per_stage, args.gc_freeze)
    if not PEER.exists():
        print(f"no peer script {PEER}", file=sys.stderr)
        return 1
    try:
        import spacy  # noqa: F401
    except ImportError:
        print("the peer needs spaCy (pip install -e '.[dev]')", file=sys.stderr)
        return 1

    recs = read_records(path, args.n)
    mb = sum(len(peer_text(r).encode("utf-8")) for r in recs) / 1e6
    rows = []
    for rep in range(max(1, args.repeat)):
        p_rate, p_sec, p_whole, p_cpu = run_peer(path, args.n)
        out, whole, cpu = run_pantau(path, args.n, args.per_stage, args.gc_freeze)
        rows.append((rep + 1, p_rate, p_sec, p_whole, p_cpu, out, whole, cpu))

    load_avg = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"{len(recs)} CLICK-ID articles, {mb:.2f} MB; {os.cpu_count()} CPUs ({cpu_model()}); "
          f"python {platform.python_version()}; load average {load_avg}")
    print(f"{'pair':>4s}  {'engine':44s} {'seconds':>8s} {'articles/s':>11s} {'MB/s':>6s} {'x peer':>7s} "
          f"{'whole s':>8s} {'whole art/s':>12s} {'whole x peer':>13s} {'whole cpu s':>12s} {'cpu x peer':>11s}")
    for rep, p_rate, p_sec, p_whole, p_cpu, out, whole, cpu in rows:
        print(f"{rep:4d}  {'peer: spaCy blank(id)+sentencizer+EntityRuler':44s} {p_sec:8.2f} {p_rate:11.0f} "
              f"{mb / p_sec:6.2f} {1.0:7.2f} {p_whole:8.2f} {len(recs) / p_whole:12.0f} {1.0:13.2f} "
              f"{p_cpu:12.2f} {1.0:11.2f}")
        rate = out["n"] / out["seconds"]
        print(f"{rep:4d}  {'pantau: default pipeline (all seven stages)':44s} {out['seconds']:8.2f} {rate:11.0f} "
              f"{mb / out['seconds']:6.2f} {rate / p_rate:7.2f} {whole:8.2f} {len(recs) / whole:12.0f} "
              f"{p_whole / whole:13.2f} {cpu:12.2f} {p_cpu / cpu:11.2f}")
        print(f"      (pantau: cpu {out['cpu']:.2f} s, loading + warm-up {out['load_seconds']:.2f} s, "
              f"{out['rejected']} rejected, {out['entities']} entities)")
        if "per_stage_us" in out:
            print("      per stage (µs per article): "
                  + "  ".join(f"{k} {v:,.0f}" for k, v in out["per_stage_us"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
