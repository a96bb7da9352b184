"""``pantau evaluate GOLD_DIR``: score the analysis against a folder of gold annotations."""
from __future__ import annotations

import argparse
import json
import sys

from ..evaluate import evaluate
from ..resources import get_resources

FLOOR_HELP = "fail (exit 1) when a metric is below VALUE, e.g. --floor entity_f1=0.85; repeatable"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score the analysis against gold annotations",
                       description="Analyse each <id>.txt in GOLD_DIR and compare it with <id>.json "
                                   "(format of gold/GUIDELINES.md; rules of gold/score.py).")
    p.add_argument("gold_dir", metavar="GOLD_DIR")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--details", action="store_true", help="list missed and spurious items per article")
    p.add_argument("--floor", action="append", default=[], metavar="METRIC=VALUE", help=FLOOR_HELP)
    p.add_argument("--kb", action="append", default=[], metavar="TSV", help="extra knowledge-base file")
    p.set_defaults(func=run)


def _floors(specs: list[str]) -> dict[str, float]:
    out = {}
    for s in specs:
        k, sep, v = s.partition("=")
        try:
            out[k.strip()] = float(v)
        except ValueError:
            raise SystemExit(f"pantau: --floor {s!r}: expected METRIC=VALUE") from None
        if not sep:
            raise SystemExit(f"pantau: --floor {s!r}: expected METRIC=VALUE")
    return out


def run(args: argparse.Namespace) -> int:
    floors = _floors(args.floor)
    ev = evaluate(args.gold_dir, resources=get_resources(tuple(args.kb)))
    short = [f"{k} {ev.metrics.get(k, 0.0):.3f} < {v:.3f}" for k, v in floors.items()
             if ev.metrics.get(k, 0.0) < v]
    if args.format == "json":
        out = {"articles": len(ev.articles), "metrics": ev.metrics, "short": short,
               "failures": {a.id: a.error for a in ev.failures}}
        if args.details:
            out["details"] = [{"id": a.id, "missed_entities": a.missed_entities,
                               "spurious_entities": a.spurious_entities,
                               "missed_events": a.missed_events, "spurious_events": a.spurious_events,
                               "missed_dates": a.missed_dates} for a in ev.articles]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        from rich.table import Table

        from ..render import make_console
        c = make_console()
        t = Table(title=f"{len(ev.articles)} gold articles in {args.gold_dir}", title_justify="left")
        t.add_column("metric")
        t.add_column("value", justify="right")
        for k, v in ev.metrics.items():
            t.add_row(k, f"{v:.3f}")
        c.print(t)
        for a in ev.failures:
            c.print(f"[red]CRASH[/red] {a.id}: {a.error}")
        if args.details:
            for a in ev.articles:
                parts = [f"missed entities: {', '.join(a.missed_entities)}" if a.missed_entities else "",
                         f"spurious entities: {', '.join(a.spurious_entities)}" if a.spurious_entities else "",
                         f"missed events: {a.missed_events}" if a.missed_events else "",
                         f"spurious events: {a.spurious_events}" if a.spurious_events else "",
                         f"missed dates: {a.missed_dates}" if a.missed_dates else ""]
                parts = [p for p in parts if p]
                if parts:
                    c.print(f"[bold]{a.id}[/bold]\n  " + "\n  ".join(parts))
        for s in short:
            c.print(f"[red]SHORT[/red] {s}")
    if short:
        print("pantau: below floor: " + "; ".join(short), file=sys.stderr)
        return 1
    return 1 if ev.failures else 0
