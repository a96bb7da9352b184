"""``pantau relations A B [--by day|week|month]``: events between two actors over time."""
from __future__ import annotations

import argparse

from ..store import queries
from ._output import add_db, add_format, emit, fmt_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("relations", help="events between two actors over time",
                       description="Event counts, mean Goldstein score and quad-class mix between A and B (both "
                                   "directions) per period. A and B: a country-level code (RUS), a CAMEO actor "
                                   "code (RUSGOV), or an entity id or name.")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--by", choices=("day", "week", "month"), default="month")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    conn = queries.open_store(args.db)
    rel = queries.relations(conn, args.a, args.b, by=args.by, since=args.since, until=args.until)
    rows = [{"period": p["period"], "events": p["events"], "a_to_b": p["a_to_b"], "b_to_a": p["b_to_a"],
             "goldstein_mean": p["goldstein_mean"], "q1_verbal_coop": p["quad"]["1"],
             "q2_material_coop": p["quad"]["2"], "q3_verbal_conflict": p["quad"]["3"],
             "q4_material_conflict": p["quad"]["4"]} for p in rel["periods"]]
    emit(rows, fmt_of(args), list(rows[0]) if rows else ["period", "events", "goldstein_mean"],
         title=f"{rel['a']['label']} <-> {rel['b']['label']}: {rel['events']} event(s)"
               + (f", {rel['undated']} undated" if rel["undated"] else ""), json_value=rel)
    return 0
