"""``pantau export --format jsonl|parquet|csv|gdelt``: the store's contents for other tools."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..export import TABLES
from ..store import queries
from ._output import add_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the store",
                       description="jsonl: one analysis record per line (CONTRACT.md, plus outlet); csv/parquet: "
                                   "one flat table (--table); gdelt: the GDELT-style event table.")
    p.add_argument("--format", choices=("jsonl", "parquet", "csv", "gdelt"), default="jsonl")
    p.add_argument("--table", choices=TABLES, default="articles", help="for csv/parquet (default articles)")
    p.add_argument("-o", "--output", metavar="PATH", help="output file (default stdout; required for parquet)")
    p.add_argument("--since", metavar="DATE", help="jsonl/gdelt: articles published on or after")
    p.add_argument("--until", metavar="DATE", help="jsonl/gdelt: articles published on or before")
    p.add_argument("--header", action="store_true", help="gdelt: first line names the columns")
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    conn = queries.open_store(args.db)
    if args.format == "parquet":
        if not args.output:
            print("pantau: --format parquet needs -o FILE.parquet", file=sys.stderr)
            return 2
        from ..export.flat import write_parquet

        n = write_parquet(conn, args.table, Path(args.output))
        print(f"pantau: wrote {n} {args.table} row(s) to {args.output}", file=sys.stderr)
        return 0
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format == "jsonl":
            from ..export.jsonl import write_jsonl

            n = write_jsonl(conn, out, since=args.since, until=args.until)
            what = "record(s)"
        elif args.format == "csv":
            from ..export.flat import write_csv

            n = write_csv(conn, args.table, out)
            what = f"{args.table} row(s)"
        else:
            from ..export.gdelt import write_gdelt
            from ..export.jsonl import iter_records
            from ..model import Article

            records = (Article.from_dict(r) for r in iter_records(conn, since=args.since, until=args.until))
            n = write_gdelt(records, out, header=args.header)
            what = "event row(s)"
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output:
        print(f"pantau: wrote {n} {what} to {args.output}", file=sys.stderr)
    return 0
