#!/usr/bin/env python3
"""Throughput of Pantau's analysis against spaCy's blank Indonesian pipeline, in one run.

Reads the first N CLICK-ID articles (``title``, ``content``, ``date``, ``category``, ``source``),
then times, single process, over the same articles:

* ``pantau``: the analysis pipeline (default stages, or ``--stages normalize,layout,segment,dates``
  for issue 2's stages only) on each record as ``pantau analyze`` reads it;
* ``spacy``: ``spacy.blank("id")`` + ``sentencizer`` over ``title + "\\n" + content`` (the text
  ``../shared/bench/floor.py`` builds), via ``nlp.pipe``.

Both sides warm up first on ``--warm`` other articles (the ones after the first N): Pantau loads its
lexicons and builds its matchers, spaCy fills its tokenizer cache with common words, as in a
long-running process.  Each spaCy repetition uses a fresh ``spacy.blank("id")`` warmed on those
other articles, because spaCy caches the tokenisation of every string it has seen: timing it twice
over the same articles would measure its cache, not its tokenizer.  MB/s counts the UTF-8 bytes of
the spaCy input texts for both rows, so the two rows divide the same work.  With ``--repeat K``
each side runs K times and the best time counts (the machine is shared).

usage: python benchmarks/analyze.py [--n 2000] [--stages normalize,layout,segment,dates] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pantau.doc import RawDoc
from pantau.pipeline import DEFAULT_STAGES, Pipeline
from pantau.resources import get_resources

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


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


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
    ap.add_argument("--stages", default=",".join(DEFAULT_STAGES),
                    help="comma-separated pantau stages (default: the whole default pipeline)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per side; the best time counts")
    ap.add_argument("--warm", type=int, default=200,
                    help="other articles each side warms up on (default 200; 0 = spaCy cold, as ../shared/bench/floor.py)")
    ap.add_argument("--no-spacy", action="store_true", help="time pantau only")
    ap.add_argument("--per-stage", action="store_true", help="also print the time each pantau stage takes")
    args = ap.parse_args(argv)

    data = Path(args.data)
    if not data.exists():
        print(f"no data file {data} (the shared datasets folder is not beside the checkout)", file=sys.stderr)
        return 1
    loaded = load(data, args.n + args.warm)
    recs, warm = loaded[: args.n], loaded[args.n:]
    raws = [to_raw(r, i) for i, r in enumerate(recs)]
    texts = [spacy_text(r) for r in recs]
    warm_raws = [to_raw(r, i) for i, r in enumerate(warm)]
    warm_texts = [spacy_text(r) for r in warm]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    stages = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    pipe = Pipeline.default(stages)
    res = get_resources()
    for r in warm_raws or raws[:1]:  # warm-up: load lexicons, build matchers
        pipe.run(r, resources=res)

    rows: list[tuple[str, float]] = []
    t = best_time(lambda: [pipe.run(r, resources=res) for r in raws], args.repeat)
    rows.append((f"pantau [{','.join(stages)}]", t))
    if not args.no_spacy:
        try:
            import spacy
        except ImportError:
            print("spaCy is not installed (pip install -e '.[dev]'); timing pantau only", file=sys.stderr)
        else:
            best = float("inf")
            for _ in range(args.repeat):
                nlp = spacy.blank("id")
                nlp.add_pipe("sentencizer")
                for _doc in nlp.pipe(warm_texts, batch_size=64):
                    pass
                best = min(best, best_time(lambda: sum(len(d) for d in nlp.pipe(texts, batch_size=64)), 1))
            rows.append(("spacy blank('id') + sentencizer", best))

    print(f"{len(recs)} CLICK-ID articles, {mb:.2f} MB; {os.cpu_count()} CPUs ({cpu_model()}); "
          f"python {platform.python_version()}; single process, best of {args.repeat}; "
          f"warm-up on {len(warm)} other articles")
    base = rows[-1][1] if len(rows) > 1 else None
    print(f"{'engine':60s} {'seconds':>8s} {'articles/s':>11s} {'MB/s':>7s} {'x spaCy':>8s}")
    for name, secs in rows:
        ratio = f"{base / secs:8.1f}" if base else f"{'-':>8s}"
        print(f"{name:60s} {secs:8.2f} {len(recs) / secs:11.0f} {mb / secs:7.2f} {ratio}")
    if args.per_stage:
        per_stage(pipe, raws, res)
    return 0


def per_stage(pipe: Pipeline, raws: list[RawDoc], res: object) -> None:
    """Microseconds per article in each stage (one extra pass, timed stage by stage)."""
    from pantau.doc import Doc

    spent = {st.name: 0.0 for st in pipe.stages}
    for raw in raws:
        doc = Doc(raw=raw)
        for st in pipe.stages:
            t0 = time.perf_counter()
            st(doc, res)  # type: ignore[arg-type]
            spent[st.name] += time.perf_counter() - t0
    print("per stage:", "  ".join(f"{k} {v * 1e6 / len(raws):.0f} us" for k, v in spent.items()))


if __name__ == "__main__":
    sys.exit(main())
