"""``pantau analyze PATH...``: the analysis record of CONTRACT.md, as text, JSON or JSONL."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..errors import InputError, PantauError
from ..pipeline import analyze, parse_date
from ..readers import ReadFailure, iter_inputs
from ..resources import get_resources


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyse articles and print their records",
                       description="Analyse Indonesian news articles (.txt article layout, .json, .jsonl, "
                                   "a directory, or - for stdin) and print the record of CONTRACT.md.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or - for stdin")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date anchoring relative dates "
                   "when the input has none")
    p.add_argument("--layout", choices=("auto", "article", "plain"), default="auto",
                   help="article: line 1 rubric, line 2 headline; plain: all body; auto: decide")
    p.add_argument("--format", choices=("json", "jsonl", "text"), default=None,
                   help="default: text on a terminal, else jsonl")
    p.add_argument("--only", choices=("entities", "quotes", "events", "dates"),
                   help="narrow the text view to one table (JSON stays whole)")
    p.add_argument("--kb", action="append", default=[], metavar="TSV",
                   help="extra knowledge-base file (people, organisations, aliases); repeatable")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("text" if sys.stdout.isatty() else "jsonl")
    published = None
    if args.published:
        published = parse_date(args.published)
        if published is None:
            print(f"pantau: --published {args.published!r}: not a date (use YYYY-MM-DD)", file=sys.stderr)
            return 2
    res = get_resources(tuple(args.kb))
    failures: list[str] = []
    records: list[dict[str, Any]] = []
    console = None
    if fmt == "text":
        from ..render import make_console
        console = make_console()
    n = 0
    for item in iter_inputs(args.paths):
        n += 1
        if isinstance(item, ReadFailure):
            failures.append(item.line())
            rec: dict[str, Any] = {"id": item.origin, "error": item.reason}
        else:
            try:
                art = analyze(item, published=published, layout=args.layout, resources=res)
            except InputError as exc:
                failures.append(f"{item.origin}: {exc}")
                rec = {"id": item.id or item.origin, "error": str(exc)}
            except PantauError:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad article must not sink the batch
                failures.append(f"{item.origin}: internal error: {type(exc).__name__}: {exc}")
                rec = {"id": item.id or item.origin, "error": f"internal error: {type(exc).__name__}: {exc}"}
            else:
                rec = art.to_dict()
                if fmt == "text":
                    from ..render import render_article
                    render_article(art, console, only=args.only, origin=item.origin)
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif fmt == "json" and "error" not in rec:
            records.append(rec)
    if fmt == "json":
        out: Any = records[0] if len(records) == 1 and n == 1 else records
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    for line in failures:
        print(f"pantau: {line}", file=sys.stderr)
    if failures:
        print(f"pantau: {len(failures)} of {n} input(s) failed", file=sys.stderr)
        return 1
    if n == 0:
        print("pantau: no input found in " + ", ".join(args.paths), file=sys.stderr)
        return 1
    return 0
