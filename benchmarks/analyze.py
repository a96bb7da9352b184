#!/usr/bin/env python3
"""Throughput of Pantau's analysis against spaCy's blank Indonesian pipeline, in one run.

Reads the first N CLICK-ID articles (``title``, ``content``, ``date``, ``category``, ``source``),
then times, single process, over the same articles:

* ``pantau [stages]``: issue 2's stages (``--stages``, default normalize,layout,segment,dates) on
  each record as ``pantau analyze`` reads and analyses a JSONL file: ``analyze_many``, small
  batches through the stages (``--one-by-one`` adds a row with ``analyze`` per record);
* ``pantau [default pipeline]``: all default stages (skip with ``--no-full``);
* ``spacy cold``, the baseline of the ``x spaCy`` column: ``spacy.blank("id")`` + ``sentencizer``
  over ``title + "\\n" + content`` via ``nlp.pipe``, exactly as ``../shared/bench/floor.py``
  measures it: a fresh pipeline, no warm-up, one pass over the N articles.  Each repetition builds
  a new pipeline, so every repetition is cold;
* ``spacy warm`` (extra row, ``--warm 0`` drops it): a fresh pipeline first run over ``--warm``
  other articles (the ones after the first N), so its tokenizer cache holds the common words, as
  in a long-running process.  It never sees the timed articles before the clock starts (spaCy
  caches the tokenisation of every string it has seen; timing it twice over the same articles
  would measure that cache).

Every timed pass runs in a fresh child process of its own (this script with ``--child``): a row's
speed must not depend on which other rows ran before it in the same interpreter.  Measured in one
process, the issue-2 row moved by up to 20% with the order of the rows and whether the whole
pipeline's 290,000 resource objects, spaCy, or the garbage of earlier passes shared the heap (docs/
benchmarks.md, fourth round).  ``--in-process`` times every row in this process, as before.

Pantau loads its lexicons and builds its matchers on one other article before the clock starts
(spaCy builds its tokenizer rules in ``spacy.blank`` before its clock starts too).  With
``--repeat K`` the rows run in turn K times and each row's best time counts, so that every row
meets the same moments of a shared machine.  ``seconds`` is wall time, as ``floor.py`` measures;
``cpu s`` is the process's CPU time over the same best pass (less sensitive to other jobs on the
machine).  ``Sentence.tokens`` is computed on first read, so the segment stage's figure leaves out
token offsets: the issue-2 row never reads them, and in the default pipeline the entities stage
pays for them.  MB/s counts the UTF-8 bytes of the spaCy input texts for every row, so the rows divide
the same work.

usage: python benchmarks/analyze.py [--n 2000] [--repeat 3] [--stages ...] [--warm 200] [--no-full]
                                   [--one-by-one] [--per-stage] [--in-process]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from pantau.doc import RawDoc
from pantau.pipeline import DEFAULT_STAGES, Pipeline, analyze, analyze_many
from pantau.resources import get_resources

#: issue 2's stages: the foundation the 10x-spaCy target is about
ISSUE2_STAGES: tuple[str, ...] = ("normalize", "layout", "segment", "dates")
SPACY_COLD = "spacy cold (floor.py's baseline)"
DEFAULT_DATA = (Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
                / "clickid_raw_news_articles" / "clickid_raw_news.jsonl")


def load(path: Path, n: int) -> list[dict]:
    recs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if isinstance(rec.get("content"), str) and rec["content"].strip():
                recs.append(rec)
                if len(recs) >= n:
                    break
    return recs


def to_raw(rec: dict, i: int) -> RawDoc:
    """A record as the JSONL reader gives it (title, body, date, rubric, source)."""
    return RawDoc(text=rec["content"], id=str(i), title=rec.get("title"), rubric=rec.get("category"),
                  published=(rec.get("date") or "")[:10] or None, source=rec.get("source"),
                  origin=f"clickid:{i}", kind="record")


def spacy_text(rec: dict) -> str:
    # the same text ../shared/bench/floor.py gives spaCy
    return rec["title"] + "\n" + rec["content"].replace(".,", ".\n")


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="number of articles (default 2000)")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="CLICK-ID JSONL file")
    ap.add_argument("--stages", default=",".join(ISSUE2_STAGES),
                    help="comma-separated pantau stages for the first row (default: issue 2's four)")
    ap.add_argument("--no-full", action="store_true", help="do not time the whole default pipeline")
    ap.add_argument("--repeat", type=int, default=1, help="runs per row, in turn; the best time counts")
    ap.add_argument("--warm", type=int, default=200,
                    help="other articles the warm spaCy row warms up on (default 200; 0 = no warm row)")
    ap.add_argument("--no-spacy", action="store_true", help="time pantau only")
    ap.add_argument("--per-stage", action="store_true", help="also print the time each pantau stage takes")
    ap.add_argument("--one-by-one", action="store_true",
                    help="also time the issue-2 stages analysing one article at a time (no batches)")
    ap.add_argument("--in-process", action="store_true",
                    help="time every row in this process instead of a fresh child process per pass")
    ap.add_argument("--child", help=argparse.SUPPRESS)  # internal: time one row's pass, print JSON
    args = ap.parse_args(argv)

    data = Path(args.data)
    if not data.exists():
        print(f"no data file {data} (the shared datasets folder is not beside the checkout)", file=sys.stderr)
        return 1
    loaded = load(data, args.n + max(args.warm, 1))
    recs, warm = loaded[: args.n], loaded[args.n:]
    raws = [to_raw(r, i) for i, r in enumerate(recs)]
    texts = [spacy_text(r) for r in recs]
    warm_texts = [spacy_text(r) for r in warm[: args.warm]]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    stages = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    res = get_resources()
    pipes: list[tuple[str, Pipeline]] = [(f"pantau [{','.join(stages)}]", Pipeline.default(stages))]
    if not args.no_full and stages != DEFAULT_STAGES:
        pipes.append(("pantau [default pipeline, all stages]", Pipeline.default(DEFAULT_STAGES)))
    first = to_raw(warm[0], -1) if warm else raws[0]

    def ready(pipe: Pipeline) -> Pipeline:
        pipe.run(first, resources=res)  # load lexicons and models, build matchers
        return pipe

    # each row: (name, prepare); prepare() runs untimed and returns the function to time.  Nothing
    # is loaded before a row's prepare, so a child process holds only what its row needs.
    jobs: list[tuple[str, Callable[[], Callable[[], object]]]] = []
    for name, pipe in pipes:
        # records are analysed and dropped, as the spaCy rows drop their Docs; ``analyze_many``
        # reads each record's publication date and takes the records through the stages in
        # small batches (Pipeline.pipe), as `pantau analyze` does with a JSONL file (spaCy's
        # nlp.pipe batches too, 64 at a time here)
        jobs.append((name, lambda pipe=pipe: (lambda p: lambda: deque(
            analyze_many(raws, pipeline=p, resources=res), maxlen=0))(ready(pipe))))
    if args.one_by_one:
        # the same stages one article at a time (``analyze`` per record), for comparison
        jobs.append((f"{pipes[0][0]} one by one", lambda pipe=pipes[0][1]: (lambda p: lambda: deque(
            (analyze(r, pipeline=p, resources=res) for r in raws), maxlen=0))(ready(pipe))))
    if not args.no_spacy:
        try:
            import importlib.util

            have_spacy = importlib.util.find_spec("spacy") is not None
        except (ImportError, ValueError):
            have_spacy = False
        if not have_spacy:
            print("spaCy is not installed (pip install -e '.[dev]'); timing pantau only", file=sys.stderr)
        else:
            def spacy_run(warm_up: list[str]) -> Callable[[], object]:
                import spacy  # here, so that a pantau row's process never imports it

                nlp = spacy.blank("id")
                nlp.add_pipe("sentencizer")
                for _doc in nlp.pipe(warm_up, batch_size=64):
                    pass
                return lambda: sum(len(d) for d in nlp.pipe(texts, batch_size=64))

            # a fresh pipeline per repetition (built before the clock starts): cold stays cold
            jobs.append((SPACY_COLD, lambda: spacy_run([])))
            if warm_texts:
                jobs.append((f"spacy warm (after {len(warm_texts)} other articles)",
                             lambda: spacy_run(warm_texts)))

    if args.child is not None:
        # one pass of one row, in this fresh process; the parent reads the JSON line
        name, job = jobs[int(args.child)]
        wall, cpu = timed(job())
        print(json.dumps({"name": name, "wall": wall, "cpu": cpu}))
        return 0

    best: dict[str, tuple[float, float]] = {}
    for _ in range(max(1, args.repeat)):
        for k, (name, job) in enumerate(jobs):
            wall, cpu = timed(job()) if args.in_process else run_child(argv, k)
            if os.environ.get("PANTAU_BENCH_TRACE"):
                print(f"  {name}: {wall:.3f} s", file=sys.stderr)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, cpu)

    load_avg = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"{len(recs)} CLICK-ID articles, {mb:.2f} MB; {os.cpu_count()} CPUs ({cpu_model()}); "
          f"python {platform.python_version()}; "
          f"{'one process' if args.in_process else 'each pass in a fresh process'}, best of {max(1, args.repeat)}; "
          f"load average {load_avg}")
    base = best.get(SPACY_COLD)
    print(f"{'engine':48s} {'seconds':>8s} {'cpu s':>7s} {'articles/s':>11s} {'MB/s':>7s} {'x spaCy cold':>13s}")
    for name, (wall, cpu) in best.items():
        ratio = f"{base[0] / wall:13.1f}" if base else f"{'-':>13s}"
        print(f"{name:48s} {wall:8.2f} {cpu:7.2f} {len(recs) / wall:11.0f} {mb / wall:7.2f} {ratio}")
    if args.per_stage:  # (in this process)
        for name, pipe in pipes:
            per_stage(ready(pipe), raws, res, args.repeat)
    return 0


def run_child(argv: list[str] | None, k: int) -> tuple[float, float]:
    """(wall, CPU seconds) of row ``k``'s pass, timed in a fresh process running this script."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args, "--child", str(k)],
                         check=True, capture_output=True, text=True).stdout
    rec = json.loads(out.strip().splitlines()[-1])
    return rec["wall"], rec["cpu"]


def per_stage(pipe: Pipeline, raws: list[RawDoc], res: object, repeat: int = 1) -> None:
    """Microseconds per article in each stage (extra passes timed stage by stage; best of ``repeat``)."""
    from pantau.doc import Doc
    from pantau.pipeline import parse_date

    best = {st.name: float("inf") for st in pipe.stages}
    for _ in range(max(1, repeat)):
        spent = dict.fromkeys(best, 0.0)
        for raw in raws:
            doc = Doc(raw=raw, published=parse_date(raw.published))
            for st in pipe.stages:
                t0 = time.perf_counter()
                st(doc, res)  # type: ignore[arg-type]
                spent[st.name] += time.perf_counter() - t0
        best = {k: min(v, spent[k]) for k, v in best.items()}
    print("per stage:", "  ".join(f"{k} {v * 1e6 / len(raws):.0f} us" for k, v in best.items()))


if __name__ == "__main__":
    sys.exit(main())
