"""``pantau analyze PATH...``: the analysis record of CONTRACT.md, as text, JSON or JSONL."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..errors import InputError, PantauError
from ..doc import RawDoc
from ..model import Article
from ..pipeline import BATCH_SIZE, analyze_many, parse_date
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

    def emit(item: RawDoc | ReadFailure, result: Article | Exception | None) -> None:
        if isinstance(item, ReadFailure):
            failures.append(item.line())
            rec: dict[str, Any] = {"id": item.origin, "error": item.reason}
        elif isinstance(result, InputError):
            failures.append(f"{item.origin}: {result}")
            rec = {"id": item.id or item.origin, "error": str(result)}
        elif isinstance(result, PantauError):
            raise result  # a broken installation (a resource that does not load): stop
        elif isinstance(result, Exception):  # one bad article must not sink the batch
            failures.append(f"{item.origin}: internal error: {type(result).__name__}: {result}")
            rec = {"id": item.id or item.origin, "error": f"internal error: {type(result).__name__}: {result}"}
        else:
            assert isinstance(result, Article)
            rec = result.to_dict()
            if fmt == "text":
                from ..render import render_article
                render_article(result, console, only=args.only, origin=item.origin)
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif fmt == "json" and "error" not in rec:
            records.append(rec)

    def flush(chunk: list[RawDoc | ReadFailure]) -> None:
        # the readable inputs go through the stages together (Pipeline.pipe); output keeps input order
        results = iter(analyze_many([it for it in chunk if not isinstance(it, ReadFailure)],
                                    published=published, layout=args.layout, resources=res))
        for it in chunk:
            emit(it, None if isinstance(it, ReadFailure) else next(results))

    chunk: list[RawDoc | ReadFailure] = []
    for item in iter_inputs(args.paths):
        n += 1
        chunk.append(item)
        if len(chunk) >= BATCH_SIZE:
            flush(chunk)
            chunk = []
    flush(chunk)
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
