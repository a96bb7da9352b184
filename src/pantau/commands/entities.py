"""``pantau entities --top N [--type PER]``: the most-mentioned entities."""
from __future__ import annotations

import argparse

from ..store import queries
from ._output import add_db, add_format, emit, fmt_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("entities", help="most-mentioned entities", description="Entities across the archive, "
                       "by the number of articles mentioning them (linked ones under their KB id).")
    p.add_argument("--top", type=int, default=20, metavar="N", help="how many (default 20)")
    p.add_argument("--offset", type=int, default=0, metavar="N")
    p.add_argument("--type", choices=("PER", "ORG", "GPE", "LOC"))
    p.add_argument("--name", metavar="TEXT", help="only names containing this")
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    conn = queries.open_store(args.db)
    page = queries.entities(conn, type=args.type, q=args.name, limit=args.top, offset=args.offset)
    emit(page["items"], fmt_of(args), ("id", "name", "type", "country", "n_articles", "n_mentions"),
         title=f"top {len(page['items'])} of {page['total']} entities")
    return 0
