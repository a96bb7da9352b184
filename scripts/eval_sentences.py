#!/usr/bin/env python3
"""Score Pantau's sentence splitter against the sentence boundaries of the UD Indonesian treebanks.

The treebanks ship sentences, not running text, so the text is rebuilt: each sentence's ``# text =``
line (or its tokens and ``SpaceAfter=No``), sentences of one document joined by a space.  PUD's
sentence ids name their document (``n01001011`` is document ``n01001``); GSD and CSUI carry no
document ids, so consecutive sentences are grouped in blocks of ``--block`` sentences.  The
splitter runs over each rebuilt document and every internal boundary (the end offset of a sentence
that is not the last of its document) is scored: precision, recall and F1, per treebank file.

A naive baseline (split after ``.!?`` before a capital or a quote) is scored alongside for scale.

usage: python scripts/eval_sentences.py [UD_DIR] [--block 10] [--show-errors N]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from pantau.stages.segment import split_spans
from pantau.tokenize import get_abbreviations

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "ud_indonesian"
NAIVE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z\"“])")


def read_conllu(path: Path) -> Iterator[tuple[str, str]]:
    """(sent_id, text) per sentence; text from ``# text =`` or rebuilt from tokens + SpaceAfter."""
    sid, text, toks = "", None, []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if text is None and toks:
                    text = "".join(toks).strip()
                if text:
                    yield sid, text
                sid, text, toks = "", None, []
            elif line.startswith("# sent_id ="):
                sid = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                text = line.split("=", 1)[1].strip()
            elif not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) >= 10 and cols[0].isdigit():
                    toks.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    if text is None and toks:
        text = "".join(toks).strip()
    if text:
        yield sid, text


def documents(sents: list[tuple[str, str]], block: int) -> list[list[str]]:
    """Group sentences: by PUD document id where the ids carry one, else in fixed blocks."""
    if sents and all(re.fullmatch(r"[nw]\d{8}", sid) for sid, _ in sents):
        docs: dict[str, list[str]] = {}
        for sid, t in sents:
            docs.setdefault(sid[:6], []).append(t)
        return list(docs.values())
    texts = [t for _, t in sents]
    return [texts[i:i + block] for i in range(0, len(texts), block)]


Splitter = Callable[[str], list[tuple[int, int]]]


def pantau_splitter() -> Splitter:
    abbr = get_abbreviations()
    return lambda text: split_spans(text, 0, len(text), abbr)


def naive_splitter(text: str) -> list[tuple[int, int]]:
    out, s = [], 0
    for m in NAIVE.finditer(text):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, len(text)))
    return out


def score(docs: list[list[str]], split: Splitter, errors: list[str] | None = None) -> tuple[int, int, int]:
    tp = npred = ngold = 0
    for sents in docs:
        text = " ".join(sents)
        gold, pos = set(), 0
        for s in sents[:-1]:
            pos += len(s)
            gold.add(pos)
            pos += 1
        pred = {e for _, e in split(text)[:-1]}
        tp += len(gold & pred)
        npred += len(pred)
        ngold += len(gold)
        if errors is not None:
            for kind, offs in (("missed", gold - pred), ("extra", pred - gold)):
                for o in sorted(offs):
                    errors.append(f"{kind:6s} …{text[max(0, o - 50):o]}⟂{text[o:o + 40]}…")
    return tp, npred, ngold


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ud_dir", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--block", type=int, default=10, help="sentences per rebuilt document (GSD, CSUI)")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N errors per treebank")
    args = ap.parse_args(argv)
    root = Path(args.ud_dir)
    files = sorted(root.glob("*/*.conllu"))
    if not files:
        print(f"no .conllu files under {root}", file=sys.stderr)
        return 1
    ours = pantau_splitter()
    print(f"{'treebank file':28s} {'sents':>6s} {'bounds':>7s} | {'P':>6s} {'R':>6s} {'F1':>6s} | naive F1")
    total = [0, 0, 0]
    for f in files:
        sents = list(read_conllu(f))
        docs = documents(sents, args.block)
        errs: list[str] | None = [] if args.show_errors else None
        tp, npred, ngold = score(docs, ours, errs)
        total = [total[0] + tp, total[1] + npred, total[2] + ngold]
        p, r, f1 = prf(tp, npred, ngold)
        nf1 = prf(*score(docs, naive_splitter))[2]
        print(f"{f.name:28s} {len(sents):6d} {ngold:7d} | {p:6.3f} {r:6.3f} {f1:6.3f} | {nf1:6.3f}")
        for e in (errs or [])[: args.show_errors]:
            print("   ", e)
    p, r, f1 = prf(*total)
    print(f"{'all':28s} {'':6s} {total[2]:7d} | {p:6.3f} {r:6.3f} {f1:6.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
