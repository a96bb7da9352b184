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
"""
from __future__ import annotations

import argparse
import json
import os
import platform
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
    for _, pipe in pipes:  # load lexicons and models, build matchers
        pipe.run(first, resources=res)

    # each row: (name, prepare); prepare() runs untimed and returns the function to time
    jobs: list[tuple[str, Callable[[], Callable[[], object]]]] = []
    for name, pipe in pipes:
        # records are analysed and dropped, as the spaCy rows drop their Docs; ``analyze_many``
        # reads each record's publication date and takes the records through the stages in
        # small batches (Pipeline.pipe), as `pantau analyze` does with a JSONL file (spaCy's
        # nlp.pipe batches too, 64 at a time here)
        jobs.append((name, lambda pipe=pipe: lambda: deque(analyze_many(raws, pipeline=pipe, resources=res), maxlen=0)))
    if args.one_by_one:
        # the same stages one article at a time (``analyze`` per record), for comparison
        jobs.append((f"{pipes[0][0]} one by one", lambda pipe=pipes[0][1]: lambda: deque(
            (analyze(r, pipeline=pipe, resources=res) for r in raws), maxlen=0)))
    if not args.no_spacy:
        try:
            import spacy
        except ImportError:
            print("spaCy is not installed (pip install -e '.[dev]'); timing pantau only", file=sys.stderr)
        else:
            def spacy_run(warm_up: list[str]) -> Callable[[], object]:
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

    best: dict[str, tuple[float, float]] = {}
    for _ in range(max(1, args.repeat)):
        for name, job in jobs:
            wall, cpu = timed(job())
            if os.environ.get("PANTAU_BENCH_TRACE"):
                print(f"  {name}: {wall:.3f} s", file=sys.stderr)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, cpu)

    load_avg = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"{len(recs)} CLICK-ID articles, {mb:.2f} MB; {os.cpu_count()} CPUs ({cpu_model()}); "
          f"python {platform.python_version()}; single process, best of {max(1, args.repeat)}; "
          f"load average {load_avg}")
    base = best.get(SPACY_COLD)
    print(f"{'engine':48s} {'seconds':>8s} {'cpu s':>7s} {'articles/s':>11s} {'MB/s':>7s} {'x spaCy cold':>13s}")
    for name, (wall, cpu) in best.items():
        ratio = f"{base[0] / wall:13.1f}" if base else f"{'-':>13s}"
        print(f"{name:48s} {wall:8.2f} {cpu:7.2f} {len(recs) / wall:11.0f} {mb / wall:7.2f} {ratio}")
    if args.per_stage:
        for name, pipe in pipes:
            per_stage(pipe, raws, res, args.repeat)
    return 0


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
