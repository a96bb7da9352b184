"""``pantau ingest SOURCE... --db pantau.db``: analyse inputs in parallel and store them, exactly once."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from ..corpus.runner import BATCH_SIZE, Runner, RunSummary
from ..pipeline import parse_date
from ..readers.fetch import Fetcher
from ..readers.sources import iter_sources
from ..readers.tabular import FieldMap
from ._output import add_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest", help="analyse articles and store them",
        description="Analyse files, directories, globs, JSONL/CSV/Parquet records, HTML pages, RSS/Atom feeds "
                    "and article URLs in a process pool and store them in the SQLite store. Re-running is "
                    "safe: stored articles with unchanged content are skipped, changed ones replaced.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file, directory, glob, URL, or - for stdin")
    add_db(p)
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help=f"analysis processes (default: all cores, {os.cpu_count()})")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                   help=f"articles per transaction (default {BATCH_SIZE})")
    p.add_argument("--layout", choices=("auto", "article", "plain"), default="auto")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="anchor for relative dates when a record has none")
    p.add_argument("--kb", action="append", default=[], metavar="TSV", help="extra knowledge-base file")
    g = p.add_argument_group("field mapping (records: JSONL, CSV, Parquet)")
    for name, help_ in (("id", "record id"), ("text", "article text"), ("title", "headline"),
                        ("date", "publication date"), ("rubric", "rubric/category"), ("url", "URL"),
                        ("source", "outlet")):
        g.add_argument(f"--{name}-field", metavar="COLUMN", help=f"column holding the {help_}")
    f = p.add_argument_group("fetching (URLs and feeds; robots.txt is always respected)")
    f.add_argument("--timeout", type=float, default=15.0, metavar="S", help="per request (default 15)")
    f.add_argument("--retries", type=int, default=3, metavar="N", help="retries with backoff (default 3)")
    f.add_argument("--rate", type=float, default=1.0, metavar="S",
                   help="minimum seconds between requests to one host (default 1)")
    p.add_argument("--summary", choices=("text", "json"), default="text", help="run summary format")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (default: shown on a terminal)")
    p.set_defaults(func=run)


def field_map(args: argparse.Namespace) -> FieldMap:
    return FieldMap(id=args.id_field, text=args.text_field, title=args.title_field, published=args.date_field,
                    rubric=args.rubric_field, url=args.url_field, source=args.source_field)


def run(args: argparse.Namespace) -> int:
    if args.published and parse_date(args.published) is None:
        print(f"pantau: --published {args.published!r}: not a date (use YYYY-MM-DD)", file=sys.stderr)
        return 2
    if args.workers is not None and args.workers < 1:
        print("pantau: --workers must be at least 1", file=sys.stderr)
        return 2
    runner = Runner(args.db, workers=args.workers, layout=args.layout, published=args.published, kb=args.kb,
                    batch_size=args.batch_size,
                    run_args={"sources": args.sources, "layout": args.layout, "published": args.published})
    with Fetcher(timeout=args.timeout, retries=args.retries, min_interval=args.rate) as fetcher:
        inputs = iter_sources(args.sources, fmap=field_map(args), fetcher=fetcher)
        summary = run_with_progress(runner, inputs, show=not args.no_progress and sys.stderr.isatty())
    print_summary(summary, args.db, args.summary)
    return 1 if summary.rejected else 0


def run_with_progress(runner: Runner, inputs: Iterator[Any], *, show: bool, label: str = "ingest") -> RunSummary:
    if not show:
        return runner.run(inputs)
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(bar_width=None),
                  TextColumn("{task.completed} articles"), TextColumn("{task.fields[rate]:.1f} articles/s"),
                  TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn(),
                  transient=False) as prog:
        task = prog.add_task(label, total=None, rate=0.0, failed=0)

        def update(s: RunSummary) -> None:
            prog.update(task, completed=s.seen, rate=s.rate, failed=s.rejected)

        summary = runner.run(inputs, progress=update)
        update(summary)
        return summary


def print_summary(s: RunSummary, db: str, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(s.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    con = Console(stderr=False)
    t = Table(title=f"ingest run {s.run_id} into {db}", show_header=False)
    t.add_column("what")
    t.add_column("n", justify="right")
    for k, v in (("inputs seen", s.seen), ("added", s.added), ("updated", s.updated),
                 ("unchanged (skipped)", s.unchanged), ("rejected", s.rejected),
                 ("near-duplicates grouped", s.near_duplicates), ("analysed", s.analysed),
                 ("workers", s.workers), ("seconds", f"{s.elapsed:.1f}"), ("articles/s", f"{s.rate:.1f}")):
        t.add_row(k, str(v))
    con.print(t)
    if s.failures:
        con.print(f"[red]{len(s.failures)} input(s) rejected[/red] (also in the store's rejected table):")
        for origin, reason in s.failures[:50]:
            con.print(f"  {escape(origin)}: {escape(reason)}", highlight=False)
        if len(s.failures) > 50:
            con.print(f"  … and {len(s.failures) - 50} more")
