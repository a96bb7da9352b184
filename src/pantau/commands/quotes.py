"""``pantau quotes --speaker NAME [--about TERM]``: who said what."""
from __future__ import annotations

import argparse

from ..store import queries
from ._output import add_db, add_format, add_paging, emit, fmt_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quotes", help="quotes by speaker and topic", description="Quotes from the store, newest "
                       "first: by a speaker (entity id or name, or an unnamed source as written), about a term.")
    p.add_argument("--speaker", help="who said it (entity id or name)")
    p.add_argument("--about", metavar="TERM", help="words the quote contains")
    p.add_argument("--outlet", help="only this outlet")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    add_paging(p)
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    conn = queries.open_store(args.db)
    page = queries.quotes(conn, speaker=args.speaker, about=args.about, outlet=args.outlet, since=args.since,
                          until=args.until, limit=args.limit, offset=args.offset)
    emit(page["items"], fmt_of(args), ("published", "speaker", "text", "outlet", "article_id"),
         title=f"{page['total']} quote(s)")
    return 0
