"""``pantau train ner [--shared DIR]``: rebuild the shipped NER model files from the shared datasets."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import InputError
from ..resources import MODELS_DIR


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="rebuild a shipped model from ../shared/datasets",
                       description="Rebuild a shipped model deterministically from the shared datasets and "
                                   "print its dev and test scores.")
    p.add_argument("model", choices=("ner",), help="ner: word clusters, token gazetteer and the CRF tagger")
    p.add_argument("--shared", default="../shared", metavar="DIR",
                   help="the shared folder holding datasets/ (default: ../shared)")
    p.add_argument("--out", default=str(MODELS_DIR), metavar="DIR",
                   help="where to write the model files (default: the package's models folder)")
    p.add_argument("--reuse-clusters", action="store_true",
                   help="keep the word clusters already in --out instead of relearning them (faster)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON on the last line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    shared = Path(args.shared)
    if not (shared / "datasets").is_dir():
        raise InputError(f"no datasets/ folder in {shared}", source="--shared",
                         hint="point --shared at the folder that holds datasets/")
    from ..ner.train import train_ner  # imported here: training code is not needed for analysis

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    report = train_ner(shared, Path(args.out), reuse_clusters=args.reuse_clusters, log=log)
    if args.json:
        print(json.dumps(report))
    return 0
