"""``pantau reanalyze``: re-run analysis over stored raw inputs (after upgrading Pantau)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import __version__
from ..corpus.runner import Runner, reanalysis_inputs
from .ingest import print_summary, run_with_progress
from ._output import add_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reanalyze", help="re-run analysis over the stored raw text",
                       description=f"Re-analyse stored articles with this Pantau ({__version__}) and replace their "
                                   "analysis; by default only those made by another version.")
    add_db(p)
    p.add_argument("--all", action="store_true", help="re-analyse every article, even those of this version")
    p.add_argument("--workers", type=int, default=None, metavar="N", help=f"default: {os.cpu_count()}")
    p.add_argument("--summary", choices=("text", "json"), default="text")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"pantau: no store at {args.db}", file=sys.stderr)
        return 1
    runner = Runner(args.db, workers=args.workers, force=True, run_args={"reanalyze": True, "all": args.all})
    summary = run_with_progress(runner, reanalysis_inputs(args.db, only_older=not args.all),
                                show=not args.no_progress and sys.stderr.isatty(), label="reanalyze")
    print_summary(summary, args.db, args.summary)
    return 1 if summary.rejected else 0
