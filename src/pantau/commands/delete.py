"""``pantau delete ID...``: remove articles from the store everywhere (parts, counters, index)."""
from __future__ import annotations

import argparse
import sys

from ..store import StoreWriter
from ._output import add_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("delete", help="remove articles from the store",
                       description="Remove articles by id: their entities' counts, quotes, events, dates, "
                                   "full-text index rows and near-duplicate links go with them.")
    p.add_argument("ids", nargs="+", metavar="ID")
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    if not Path(args.db).exists():
        print(f"pantau: no store at {args.db}", file=sys.stderr)
        return 1
    missing = 0
    with StoreWriter(args.db) as w:
        for ident in args.ids:
            if w.delete(ident):
                print(f"deleted {ident}")
            else:
                missing += 1
                print(f"pantau: {ident}: no such article in {args.db}", file=sys.stderr)
    return 1 if missing else 0
