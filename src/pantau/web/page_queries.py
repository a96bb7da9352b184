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

#: facets are counted over at most this many matches, the most recently stored ones; counting every
#: match of a common word in a 100,000-article store costs more than the page's whole time budget
FACET_CAP = 5000
#: the actor network of a search is drawn from this many of the most recently stored matches
NETWORK_CAP = 500


@dataclass(slots=True)
class Facets:
    rubric: list[tuple[str, int]]
    outlet: list[tuple[str, int]]
    entity: list[tuple[str, str, int]]   # (key, name, count)
    capped: bool                          # there are more matches than FACET_CAP: counts cover FACET_CAP
    rowids: list[int]                     # the matches counted, most recently stored first


def search_facets(conn: sqlite3.Connection, query: str, *, since: str | None = None, until: str | None = None,
                  rubric: str | None = None, outlet: str | None = None, entity: str | None = None) -> Facets:
    """How the matches of a search (or, with an empty query, of the filters alone) split by rubric,
    outlet and entity.  Filters mean exactly what they mean in ``queries.search``."""
    where, params = _article_filters(conn, since, until, rubric, outlet, entity)
    if query.strip():
        join = " JOIN articles a ON a.rowid = fts.rowid" if where else ""
        cond = "fts MATCH ?" + "".join(f" AND {w}" for w in where)
        # rowid order walks the full-text index's doclists directly: no ranking of every match
        ids = [r[0] for r in conn.execute(
            f"SELECT fts.rowid FROM fts{join} WHERE {cond} ORDER BY fts.rowid DESC LIMIT ?",
            (to_match(query), *params, FACET_CAP + 1))]
    else:
        cond = " AND ".join(where) or "1"
        ids = [r[0] for r in conn.execute(
            f"SELECT a.rowid FROM articles a WHERE {cond} ORDER BY a.rowid DESC LIMIT ?", (*params, FACET_CAP + 1))]
    capped = len(ids) > FACET_CAP
    ids = ids[:FACET_CAP]
    rub: dict[str, int] = {}
    out: dict[str, int] = {}
    if ids:
        for r, o, n in conn.execute("SELECT rubric, outlet, count(*) FROM articles "
                                    "WHERE rowid IN (SELECT value FROM json_each(?)) GROUP BY 1, 2", (_ids_json(ids),)):
            if r:
                rub[r] = rub.get(r, 0) + n
            if o:
                out[o] = out.get(o, 0) + n
    return Facets(_top(rub), _top(out), _entity_facet(conn, ids), capped, ids)


def _top(counts: dict[str, int], n: int = 12) -> list[tuple[str, int]]:
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


# --- newest events and quotes -----------------------------------------------------------------
# ``queries.events``/``queries.quotes`` sort every matching row by date before taking a page: right
# for a rare actor, slow for the country itself (tens of thousands of rows).  For those, walking the
# articles' date index newest first and stopping after one page reads a few dozen rows instead.

#: above this many matching rows, walk the date index instead of sorting
WALK_ABOVE = 2000

_EVENT_COLS = ("ev.source, ev.source_country, ev.target, ev.target_country, ev.code, ev.root, ev.quad, "
               "ev.goldstein, ev.evidence, ev.start, ev.\"end\", ev.n_mentions, ev.day, a.id AS article_id, "
               "a.headline, a.outlet, a.url")


def newest_events(conn: sqlite3.Connection, actor: str, side: str, *, limit: int = 15) -> list[dict[str, Any]]:
    """The newest events with ``actor`` (as ``queries.resolve_actor`` reads it) as ``source`` or ``target``."""
    if side not in ("source", "target"):
        raise ValueError(side)
    cond, params = queries.resolve_actor(conn, actor).condition(f"ev.{side}")
    n = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM events ev WHERE {cond} LIMIT ?)",
                     (*params, WALK_ABOVE + 1)).fetchone()[0]
    if n > WALK_ABOVE:
        sql = (f"SELECT {_EVENT_COLS} FROM articles a INDEXED BY articles_published JOIN events ev "
               f"ON ev.article = a.rowid WHERE {cond} ORDER BY a.published DESC, ev.rowid DESC LIMIT ?")
    else:
        sql = (f"SELECT {_EVENT_COLS} FROM events ev JOIN articles a ON a.rowid = ev.article WHERE {cond} "
               "ORDER BY ev.day DESC, ev.rowid DESC LIMIT ?")
    return [dict(r) for r in conn.execute(sql, (*params, limit))]


def newest_quotes(conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Every quote, newest article first: ``queries.quotes`` with no filter, as a walk of the date index."""
    total = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    rows = conn.execute(
        "SELECT q.text, q.kind, q.speaker, e.key AS speaker_id, q.cue, q.via, q.start, q.\"end\", "
        "a.id AS article_id, a.headline, a.outlet, a.published, a.url "
        "FROM articles a INDEXED BY articles_published JOIN quotes q ON q.article = a.rowid "
        "LEFT JOIN entities e ON e.rowid = q.speaker_entity "
        "ORDER BY a.published DESC, q.article DESC, q.idx LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    return {"total": total, "limit": limit, "offset": offset, "items": [dict(r) for r in rows]}
