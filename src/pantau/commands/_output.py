"""Output for the query commands: ``--format table|json|csv`` (table by default on a terminal)."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="pantau.db", metavar="PATH", help="store file (default: pantau.db)")


def add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, else json)")


def add_paging(p: argparse.ArgumentParser, default: int = 20) -> None:
    p.add_argument("--limit", type=int, default=default, metavar="N", help=f"results per page (default {default})")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip this many results")


def fmt_of(args: argparse.Namespace) -> str:
    return args.format or ("table" if sys.stdout.isatty() else "json")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str], *, title: str | None = None,
         footer: str | None = None, json_value: Any = None) -> None:
    """Print ``rows``: a rich table of ``columns``, a JSON array (or ``json_value``), or CSV of ``columns``."""
    if fmt == "json":
        sys.stdout.write(json.dumps(list(rows) if json_value is None else json_value, ensure_ascii=False,
                                    indent=2) + "\n")
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, show_lines=False, caption=footer)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        # article text is untrusted: escape it so "[bold]" in a quote prints as written
        table.add_row(*[escape(_cell(r.get(c))) for c in columns])
    Console().print(table)
