"""``pantau stats``: what the store holds."""
from __future__ import annotations

import argparse
import json
import sys

from ..store import queries
from ._output import add_db, add_format, emit, fmt_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="counts over the store", description="Articles, entities, quotes, events, "
                       "outlets, near-duplicate groups and rejected inputs in the store.")
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    conn = queries.open_store(args.db)
    s = queries.stats(conn)
    fmt = fmt_of(args)
    if fmt == "json":
        sys.stdout.write(json.dumps(s, ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [{"what": k, "value": v} for k, v in s.items() if not isinstance(v, (dict, list))]
    rows += [{"what": f"version {k}", "value": v} for k, v in s["pantau_versions"].items()]
    emit(rows, fmt, ("what", "value"), title=f"Pantau store {args.db}")
    return 0
