"""Read queries that only the dashboard pages need; everything else comes from ``pantau.store.queries``.

The pages call the store's query library for search hits, articles, entities, quotes, events and
relations.  What the dashboard adds (facet counts over a search, the actor network of a search, the
evidence of one period of a relation) lives here, built on the same filter and FTS helpers so a
filter means the same thing on the page, in the CLI and in the API.  Each function takes an open
read-only ``sqlite3.Connection`` and returns plain values.  For the 300 ms page budget on a
100,000-article store, aggregates over possibly large sets are bounded (``FACET_CAP``,
``NETWORK_CAP``) to the best-ranked or newest matches, and the pages say so when that happens.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..store import queries
from ..store.fts import to_match
from ..store.queries import _article_filters  # the one definition of what a filter means

# --- search facets and network ----------------------------------------------------------------

#: facets count every match up to this many; beyond it they count the best-ranked ones (page says so)
FACET_CAP = 5000
#: the actor network of a search is drawn from this many best-ranked (or newest) matches
NETWORK_CAP = 500


@dataclass(slots=True)
class Facets:
    total: int
    rubric: list[tuple[str, int]]
    outlet: list[tuple[str, int]]
    entity: list[tuple[str, str, int]]   # (key, name, count)
    capped: bool                          # counted over the first FACET_CAP matches only
    rowids: list[int]                     # matches, best-ranked (or newest) first, at most FACET_CAP


def search_facets(conn: sqlite3.Connection, query: str, *, since: str | None = None, until: str | None = None,
                  rubric: str | None = None, outlet: str | None = None, entity: str | None = None) -> Facets:
    """How the matches of a search (or, with an empty query, of the filters alone) split by rubric,
    outlet and entity.  Filters mean exactly what they mean in ``queries.search``."""
    where, params = _article_filters(conn, since, until, rubric, outlet, entity)
    if query.strip():
        cond = "fts MATCH ?" + "".join(f" AND {w}" for w in where)
        rows = conn.execute(
            f"SELECT a.rowid, a.rubric, a.outlet FROM fts JOIN articles a ON a.rowid = fts.rowid WHERE {cond} "
            "ORDER BY fts.rank", (to_match(query), *params)).fetchall()
        total = len(rows)
        counted = rows[:FACET_CAP]
        rub = _top(r[1] for r in counted)
        out = _top(r[2] for r in counted)
        rowids = [r[0] for r in counted]
    else:
        # browsing by filters: grouped in SQL over indexes, no rows pulled into Python
        cond = " AND ".join(where) or "1"
        total = conn.execute(f"SELECT count(*) FROM articles a WHERE {cond}", params).fetchone()[0]
        rub, out = [
            [(v, n) for v, n in conn.execute(
                f"SELECT a.{col}, count(*) FROM articles a WHERE {cond} AND a.{col} IS NOT NULL "
                f"GROUP BY a.{col} ORDER BY 2 DESC, 1 LIMIT 12", params)]
            for col in ("rubric", "outlet")]
        rowids = [r[0] for r in conn.execute(
            f"SELECT a.rowid FROM articles a WHERE {cond} ORDER BY a.published DESC, a.rowid DESC LIMIT ?",
            (*params, FACET_CAP))]
    return Facets(total, rub, out, _entity_facet(conn, rowids), total > FACET_CAP, rowids)


def _top(values: Iterable[str | None], n: int = 12) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _ids_json(rowids: Sequence[int]) -> str:
    return json.dumps(list(rowids))


def _entity_facet(conn: sqlite3.Connection, rowids: Sequence[int], n: int = 12) -> list[tuple[str, str, int]]:
    if not rowids:
        return []
    rows = conn.execute(
        "SELECT e.key, e.name, t.c FROM (SELECT entity, count(*) AS c FROM article_entities "
        "WHERE article IN (SELECT value FROM json_each(?)) GROUP BY entity ORDER BY c DESC LIMIT ?) t "
        "JOIN entities e ON e.rowid = t.entity ORDER BY t.c DESC, e.name", (_ids_json(rowids), n)).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def actor_network(conn: sqlite3.Connection, rowids: Sequence[int], *, max_edges: int = 24
                  ) -> tuple[list[tuple[str, int]], list[tuple[str, str, int, float | None]]]:
    """CAMEO actors of the events in these articles (the first ``NETWORK_CAP``) and their undirected
    edges: ``([(actor, events)], [(a, b, events, mean Goldstein)])``, heaviest edges only."""
    if not rowids:
        return [], []
    rows = conn.execute(
        "SELECT min(source, target) AS x, max(source, target) AS y, count(*), avg(goldstein) FROM events "
        "WHERE article IN (SELECT value FROM json_each(?)) AND coalesce(source, '') != '' "
        "AND coalesce(target, '') != '' AND source != target GROUP BY x, y ORDER BY 3 DESC, 1, 2 LIMIT ?",
        (_ids_json(rowids[:NETWORK_CAP]), max_edges)).fetchall()
    edges = [(r[0], r[1], r[2], r[3]) for r in rows]
    weight: dict[str, int] = {}
    for a, b, n, _ in edges:
        weight[a] = weight.get(a, 0) + n
        weight[b] = weight.get(b, 0) + n
    return sorted(weight.items(), key=lambda kv: (-kv[1], kv[0])), edges


def entity_keys_by_kb(conn: sqlite3.Connection, codes: Iterable[str]) -> dict[str, str]:
    """Knowledge-base ids (``RUS``) -> store key of the entity linked to it, for linking network nodes."""
    wanted = sorted({c for c in codes if c})
    if not wanted:
        return {}
    rows = conn.execute(f"SELECT kb_id, key FROM entities WHERE kb_id IN ({','.join('?' * len(wanted))}) "
                        "AND n_articles > 0", wanted).fetchall()
    return {r[0]: r[1] for r in rows}


# --- relations --------------------------------------------------------------------------------

def period_bounds(period: str, by: str) -> tuple[str, str]:
    """The ``since``/``until`` (inclusive days) of one period as ``queries.relations`` labels it."""
    if by == "month":
        return period, period
    if by == "week":  # labelled by its Monday
        start = dt.date.fromisoformat(period)
        return period, (start + dt.timedelta(days=6)).isoformat()
    return period, period


def relation_evidence(conn: sqlite3.Connection, a: str, b: str, *, by: str, period: str,
                      limit: int = 100) -> list[dict[str, Any]]:
    """The events of one period between two actors (both directions), oldest first, with evidence."""
    since, until = period_bounds(period, by)
    rows: list[dict[str, Any]] = []
    for src, tgt in ((a, b), (b, a)):
        rows += queries.events(conn, source=src, target=tgt, since=since, until=until, limit=limit)["items"]
    rows.sort(key=lambda r: (r.get("day") or "", r.get("quad") or 0))
    return rows[:limit]


def fill_months(points: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Monthly counts with the empty months between the first and the last put in (a linear time axis)."""
    if len(points) < 2:
        return points
    have = dict(points)
    try:
        y, m = int(points[0][0][:4]), int(points[0][0][5:7])
        y_end, m_end = int(points[-1][0][:4]), int(points[-1][0][5:7])
    except ValueError:
        return points
    out: list[tuple[str, int]] = []
    while (y, m) <= (y_end, m_end) and len(out) < 1200:
        p = f"{y:04d}-{m:02d}"
        out.append((p, have.get(p, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
