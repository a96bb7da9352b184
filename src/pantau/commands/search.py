"""``pantau search "QUERY"``: ranked full-text search with highlighted snippets."""
from __future__ import annotations

import argparse

from ..store import queries
from ._output import add_db, add_format, add_paging, emit, fmt_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="full-text search over headlines, bodies and quotes",
                       description='Ranked search (all words must occur; "quoted phrases" and prefix* work).')
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--since", metavar="DATE", help="published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="published on or before")
    p.add_argument("--rubric", help="only this rubric/category")
    p.add_argument("--outlet", help="only this outlet")
    p.add_argument("--entity", help="only articles mentioning this entity (id or name)")
    add_paging(p)
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    conn = queries.open_store(args.db)
    page = queries.search(conn, args.query, since=args.since, until=args.until, rubric=args.rubric,
                          outlet=args.outlet, entity=args.entity, limit=args.limit, offset=args.offset)
    fmt = fmt_of(args)
    rows = page["items"]
    emit(rows, fmt, ("id", "published", "outlet", "headline", "snippet"),
         title=f"{page['total']} result(s) for {args.query!r}",
         footer=f"{args.offset + 1}-{args.offset + len(rows)} of {page['total']}" if rows else None)
    return 0
