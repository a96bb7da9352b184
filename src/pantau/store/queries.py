"""Questions over the store, as library functions (the CLI and the HTTP API are thin shells over them).

Every function takes an open ``sqlite3.Connection`` (see ``open_store``; read-only is enough) and returns
plain dicts/lists ready for JSON.  List queries return a ``Page``: ``{"total", "limit", "offset", "items"}``.

Actors (``relations``, ``events``) may be named as a country-level code (``RUS``), a CAMEO actor code
(``RUSGOV``, matched as a prefix so ``RUSGOV`` covers ``RUSGOVMIL``), or an entity: its id (the KB id or
the store key ``PER:joko widodo``) or its name.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from ..errors import StoreError
from .fts import MARK_CLOSE, MARK_OPEN, split_snippet, to_match
from .schema import SCHEMA_VERSION, connect
from .writer import normalise_name

MAX_LIMIT = 500


class NotFound(StoreError):
    """The article, entity or actor asked for is not in the store."""


class BadArgument(StoreError):
    """A query argument out of range or malformed (the API turns it into a 422)."""


class Page(TypedDict):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


def open_store(path: str | Path, *, readonly: bool = True) -> sqlite3.Connection:
    """Open a store for queries (read-only by default: ``mode=ro``)."""
    return connect(path, readonly=readonly)


def _page(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> Page:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _check_paging(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadArgument(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise BadArgument(f"offset must be >= 0, got {offset}")


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_date(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise BadArgument(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _date_filters(col: str, since: str | None, until: str | None, where: list[str], params: list[Any]) -> None:
    since = _check_date("since", since)
    until = _check_date("until", until)
    if since:
        where.append(f"{col} >= ?")
        params.append(since)
    if until:
        # "until 2019-10" includes the whole of October: compare against the next prefix
        where.append(f"{col} < ?")
        params.append(until + "\uffff")


# -- stats -------------------------------------------------------------------------------------------

def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts over the whole store (cheap: counters and indexed aggregates)."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    first, last = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    runs = conn.execute("SELECT rowid, started_at, finished_at, status, n_seen, n_added, n_updated, n_unchanged,"
                        " n_rejected, n_near_duplicates FROM ingest_runs ORDER BY rowid DESC LIMIT 1").fetchone()
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "entities": one("SELECT count(*) FROM entities WHERE n_articles > 0"),
        "mentions": one("SELECT coalesce(sum(n_mentions), 0) FROM entities"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "events": one("SELECT count(*) FROM events"),
        "dates": one("SELECT count(*) FROM dates"),
        "outlets": one("SELECT count(*) FROM sources WHERE n_articles > 0"),
        "near_duplicate_groups": one("SELECT count(DISTINCT dup_group) FROM articles WHERE dup_group IS NOT NULL"),
        "near_duplicate_articles": one("SELECT count(*) FROM articles WHERE dup_group IS NOT NULL"),
        "rejected": one("SELECT count(*) FROM rejected"),
        "ingest_runs": one("SELECT count(*) FROM ingest_runs"),
        "first_published": first,
        "last_published": last,
        "pantau_versions": {v or "unknown": n for v, n in conn.execute(
            "SELECT pantau_version, count(*) FROM articles GROUP BY pantau_version")},
        "last_run": dict(runs) if runs else None,
        "schema_version": SCHEMA_VERSION,
    }


def outlets(conn: sqlite3.Connection, *, limit: int = 100) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(
        "SELECT name, n_articles FROM sources WHERE n_articles > 0 ORDER BY n_articles DESC, name LIMIT ?", (limit,))]


def rubrics(conn: sqlite3.Connection, *, limit: int = 100) -> list[dict[str, Any]]:
    return [{"name": r[0], "n_articles": r[1]} for r in conn.execute(
        "SELECT rubric, count(*) n FROM articles WHERE rubric IS NOT NULL GROUP BY rubric ORDER BY n DESC LIMIT ?",
        (limit,))]


def rejected(conn: sqlite3.Connection, *, run_id: int | None = None, limit: int = 100,
             offset: int = 0) -> Page:
    _check_paging(limit, offset)
    where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
    total = conn.execute(f"SELECT count(*) FROM rejected {where}", params).fetchone()[0]
    rows = conn.execute(f"SELECT run_id, origin, identity, reason, at FROM rejected {where} ORDER BY rowid"
                        " LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    return _page(total, limit, offset, [dict(r) for r in rows])


# -- entities ----------------------------------------------------------------------------------------

_ENTITY_COLS = "e.rowid AS _rowid, e.key AS id, e.kb_id, e.type, e.name, e.country, e.role, e.n_articles, e.n_mentions"


def _entity_out(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d.pop("_rowid", None)
    return d


def find_entity(conn: sqlite3.Connection, ref: str) -> sqlite3.Row | None:
    """An entity by store key (``PER:joko widodo``), KB id (``IDN``) or name (most-mentioned wins)."""
    ref = (ref or "").strip()
    if not ref:
        return None
    row = conn.execute(f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.key = ? AND e.n_articles > 0", (ref,)).fetchone()
    if row:
        return row
    row = conn.execute(f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.kb_id = ? AND e.n_articles > 0"
                       " ORDER BY e.n_articles DESC LIMIT 1", (ref,)).fetchone()
    if row:
        return row
    return conn.execute(f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.norm = ? AND e.n_articles > 0"
                        " ORDER BY e.n_articles DESC LIMIT 1", (normalise_name(ref),)).fetchone()


def _entity_ids(conn: sqlite3.Connection, ref: str) -> list[int]:
    """Every entity row a name may mean (all types), for filters; key or KB id match exactly."""
    row = find_entity(conn, ref)
    if row is None:
        raise NotFound(f"no entity {ref!r} in the store", hint="see: pantau entities --top 50")
    if row["id"] == ref or row["kb_id"] == ref:
        return [row["_rowid"]]
    return [r[0] for r in conn.execute("SELECT rowid FROM entities WHERE norm = ? AND n_articles > 0",
                                       (normalise_name(ref),))]


def entities(conn: sqlite3.Connection, *, type: str | None = None, q: str | None = None, limit: int = 20,
             offset: int = 0) -> Page:
    """Entities by the number of articles that mention them (``pantau entities --top N``)."""
    _check_paging(limit, offset)
    where, params = ["e.n_articles > 0"], []
    if type:
        if type not in ("PER", "ORG", "GPE", "LOC"):
            raise BadArgument(f"type must be PER, ORG, GPE or LOC, got {type!r}")
        where.append("e.type = ?")
        params.append(type)
    if q:
        where.append("e.norm LIKE ?")
        params.append("%" + normalise_name(q).replace("%", "").replace("_", "") + "%")
    w = " AND ".join(where)
    total = conn.execute(f"SELECT count(*) FROM entities e WHERE {w}", params).fetchone()[0]
    rows = conn.execute(f"SELECT {_ENTITY_COLS} FROM entities e WHERE {w}"
                        " ORDER BY e.n_articles DESC, e.n_mentions DESC, e.name LIMIT ? OFFSET ?",
                        (*params, limit, offset)).fetchall()
    return _page(total, limit, offset, [_entity_out(r) for r in rows])


def entity(conn: sqlite3.Connection, ref: str, *, by: str = "month", related_limit: int = 20) -> dict[str, Any]:
    """An entity's profile: counts, mentions over time, who appears with it, its events as source/target."""
    row = find_entity(conn, ref)
    if row is None:
        raise NotFound(f"no entity {ref!r} in the store")
    eid = row["_rowid"]
    out = _entity_out(row)
    period = _period_sql("a.published", by)
    out["timeline"] = [{"period": p, "articles": n, "mentions": m} for p, n, m in conn.execute(
        f"SELECT {period} p, count(*), sum(ae.n_mentions) FROM article_entities ae JOIN articles a ON a.rowid = ae.article"
        " WHERE ae.entity = ? AND a.published IS NOT NULL GROUP BY p ORDER BY p", (eid,))]
    # co-occurrence over the entity's most recent 5000 articles keeps the page fast on huge archives
    out["related"] = [_entity_out(r) | {"together": r["together"]} for r in conn.execute(
        f"SELECT {_ENTITY_COLS}, count(*) AS together FROM article_entities ae2 JOIN entities e ON e.rowid = ae2.entity"
        " WHERE ae2.article IN (SELECT ae.article FROM article_entities ae WHERE ae.entity = ?"
        "                       ORDER BY ae.article DESC LIMIT 5000) AND ae2.entity != ?"
        " GROUP BY ae2.entity ORDER BY together DESC, e.n_articles DESC LIMIT ?", (eid, eid, related_limit))]
    out["events_as_source"] = [dict(r) for r in conn.execute(
        "SELECT root, count(*) n, avg(goldstein) goldstein FROM events WHERE source_entity = ? GROUP BY root"
        " ORDER BY n DESC", (eid,))]
    out["events_as_target"] = [dict(r) for r in conn.execute(
        "SELECT root, count(*) n, avg(goldstein) goldstein FROM events WHERE target_entity = ? GROUP BY root"
        " ORDER BY n DESC", (eid,))]
    out["n_quotes"] = conn.execute("SELECT count(*) FROM quotes WHERE speaker_entity = ?", (eid,)).fetchone()[0]
    return out


# -- articles ----------------------------------------------------------------------------------------

_ARTICLE_COLS = "a.id, a.url, a.outlet, a.rubric, a.headline, a.published, a.n_entities, a.n_quotes, a.n_events"


def article(conn: sqlite3.Connection, article_id: str, *, with_raw: bool = False) -> dict[str, Any]:
    """The stored record of CONTRACT.md plus store fields (outlet, version, near-duplicates)."""
    row = conn.execute("SELECT rowid, * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id!r} in the store")
    rec = json.loads(row["analysis"])
    rec["outlet"] = row["outlet"]
    rec["content_hash"] = row["content_hash"]
    rec["pantau_version"] = row["pantau_version"]
    rec["ingested_at"] = row["ingested_at"]
    rec["updated_at"] = row["updated_at"]
    rec["near_duplicates"] = near_duplicates(conn, article_id, _row=row)
    if with_raw:
        rec["raw"] = json.loads(row["raw"])
    return rec


def near_duplicates(conn: sqlite3.Connection, article_id: str, *, _row: sqlite3.Row | None = None) -> list[dict[str, Any]]:
    """The other members of this article's near-duplicate group (copies in other outlets, reposts)."""
    row = _row or conn.execute("SELECT rowid, dup_group, minhash FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id!r} in the store")
    if row["dup_group"] is None:
        return []
    from ..corpus.dedup import similarity

    out = []
    for r in conn.execute(f"SELECT {_ARTICLE_COLS}, a.minhash FROM articles a WHERE a.dup_group = ? AND a.rowid != ?"
                          " ORDER BY a.published, a.rowid LIMIT 200", (row["dup_group"], row["rowid"])):
        d = dict(r)
        sig = d.pop("minhash")
        d["similarity"] = round(similarity(row["minhash"], sig), 3) if sig and row["minhash"] else None
        out.append(d)
    return out


def articles(conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None,
             rubric: str | None = None, outlet: str | None = None, entity: str | None = None,
             limit: int = 20, offset: int = 0) -> Page:
    """Articles newest first, with the same filters as search (no query)."""
    _check_paging(limit, offset)
    where, params = _article_filters(conn, since, until, rubric, outlet, entity)
    w = ("WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM articles a {w}", params).fetchone()[0]
    rows = conn.execute(f"SELECT {_ARTICLE_COLS} FROM articles a {w} ORDER BY a.published DESC, a.rowid DESC"
                        " LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    return _page(total, limit, offset, [dict(r) for r in rows])


def _article_filters(conn: sqlite3.Connection, since: str | None, until: str | None, rubric: str | None,
                     outlet: str | None, entity: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    _date_filters("a.published", since, until, where, params)
    if rubric:
        where.append("a.rubric = ? COLLATE NOCASE")
        params.append(rubric)
    if outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if entity:
        ids = _entity_ids(conn, entity)
        where.append(f"a.rowid IN (SELECT article FROM article_entities WHERE entity IN ({','.join('?' * len(ids))}))")
        params.extend(ids)
    return where, params


# -- search ------------------------------------------------------------------------------------------

def search(conn: sqlite3.Connection, query: str, *, since: str | None = None, until: str | None = None,
           rubric: str | None = None, outlet: str | None = None, entity: str | None = None,
           limit: int = 20, offset: int = 0, count: bool = True) -> Page:
    """Ranked full-text search over headline, body and quotes with highlighted snippets.

    Each item: id, headline, outlet, published, rubric, url, score (bm25, lower is better), snippet
    (plain text), highlights ([start, end] in snippet), snippet_html (escaped, hits in ``<mark>``).
    """
    _check_paging(limit, offset)
    match = to_match(query)
    where, params = _article_filters(conn, since, until, rubric, outlet, entity)
    extra = (" AND " + " AND ".join(where)) if where else ""
    join = " JOIN articles a ON a.rowid = fts.rowid" if where else ""
    try:
        # step 1: ranked rowids only; snippets cost, so they are made for the page's rows alone (step 2)
        top = conn.execute(f"SELECT fts.rowid, fts.rank FROM fts{join} WHERE fts MATCH ?{extra}"
                           " ORDER BY fts.rank LIMIT ? OFFSET ?", (match, *params, limit, offset)).fetchall()
        total = (conn.execute(f"SELECT count(*) FROM fts{join} WHERE fts MATCH ?{extra}", (match, *params)).fetchone()[0]
                 if count else -1)
        if not top:
            return _page(total, limit, offset, [])
        ids = [r[0] for r in top]
        marks = ",".join("?" * len(ids))
        snips = {r[0]: r[1] for r in conn.execute(
            f"SELECT rowid, snippet(fts, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 24) FROM fts"
            f" WHERE fts MATCH ? AND rowid IN ({marks})", (match, *ids))}
        meta = {r["rowid"]: r for r in conn.execute(
            f"SELECT a.rowid, {_ARTICLE_COLS} FROM articles a WHERE a.rowid IN ({marks})", ids)}
    except sqlite3.OperationalError as exc:
        raise BadArgument(f"cannot search for {query!r}: {exc}") from exc
    items = []
    for rowid, rank in top:
        m = meta.get(rowid)
        if m is None:
            continue
        d = dict(m)
        d.pop("rowid", None)
        plain, hits, html_snip = split_snippet(snips.get(rowid, ""))
        d.update(score=round(rank, 4), snippet=plain, highlights=[list(h) for h in hits], snippet_html=html_snip)
        items.append(d)
    return _page(total, limit, offset, items)


# -- quotes ------------------------------------------------------------------------------------------

def quotes(conn: sqlite3.Connection, *, speaker: str | None = None, about: str | None = None,
           outlet: str | None = None, since: str | None = None, until: str | None = None,
           limit: int = 20, offset: int = 0) -> Page:
    """Who said what: quotes by a speaker (entity id or name, or the phrase as written) about a term."""
    _check_paging(limit, offset)
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        row = find_entity(conn, speaker)
        if row is not None:
            ids = _entity_ids(conn, speaker)
            where.append(f"(q.speaker_entity IN ({','.join('?' * len(ids))}) OR q.speaker = ? COLLATE NOCASE)")
            params.extend([*ids, speaker])
        else:  # an unnamed source ("seorang pejabat senior") or a name that linked to nothing
            where.append("q.speaker LIKE ?")
            params.append("%" + speaker.replace("%", "") + "%")
    if about:
        # the FTS quotes column narrows to articles quoting the term; instr() keeps the quotes that do
        where.append("q.article IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        params.append(to_match(about, column="quotes"))
        words = [w.casefold() for w in re.findall(r"\w+", about)]
        for w in words:
            where.append("instr(lower(q.text), ?) > 0")
            params.append(w)
    if outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    _date_filters("q.published", since, until, where, params)
    w = ("WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM quotes q JOIN articles a ON a.rowid = q.article {w}", params).fetchone()[0]
    rows = conn.execute(
        "SELECT q.text, q.kind, q.speaker, e.key AS speaker_id, q.cue, q.via, q.start, q.\"end\","
        " a.id AS article_id, a.headline, a.outlet, a.published, a.url"
        f" FROM quotes q JOIN articles a ON a.rowid = q.article LEFT JOIN entities e ON e.rowid = q.speaker_entity {w}"
        " ORDER BY q.published DESC, q.rowid DESC LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    return _page(total, limit, offset, [dict(r) for r in rows])


# -- events and relations ----------------------------------------------------------------------------

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_ACTOR = re.compile(r"^[A-Z0-9]{6,}$")


@dataclass(frozen=True, slots=True)
class Actor:
    """What an actor argument resolved to: ``kind`` country | actor | entity."""

    kind: str
    value: str
    label: str
    entity_ids: tuple[int, ...] = ()

    def condition(self, side: str) -> tuple[str, list[Any]]:
        """SQL over ``events`` for this actor on ``side`` (source|target)."""
        if self.kind == "country":
            return f"{side}_country = ?", [self.value]
        if self.kind == "actor":
            return f"{side} GLOB ?", [self.value + "*"]
        return f"{side}_entity IN ({','.join('?' * len(self.entity_ids))})", list(self.entity_ids)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "label": self.label}


def resolve_actor(conn: sqlite3.Connection, ref: str) -> Actor:
    ref = (ref or "").strip()
    if not ref:
        raise BadArgument("an actor is required (a country code like RUS, an actor code like RUSGOV, or an entity)")
    if _COUNTRY.match(ref):
        return Actor("country", ref, ref)
    if _ACTOR.match(ref):
        return Actor("actor", ref, ref)
    row = find_entity(conn, ref)
    if row is None:
        raise NotFound(f"no actor {ref!r}: not a country code (RUS), an actor code (RUSGOV) or a stored entity",
                       hint="see: pantau entities --top 50")
    ids = tuple(_entity_ids(conn, ref))
    return Actor("entity", row["id"], row["name"], ids)


def events(conn: sqlite3.Connection, *, actor: str | None = None, source: str | None = None,
           target: str | None = None, root: str | None = None, quad: int | None = None,
           since: str | None = None, until: str | None = None, limit: int = 20, offset: int = 0) -> Page:
    """Coded events with their evidence sentence and article; ``actor`` matches either side."""
    _check_paging(limit, offset)
    where: list[str] = []
    params: list[Any] = []
    if actor:
        act = resolve_actor(conn, actor)
        s, sp = act.condition("ev.source")
        t, tp = act.condition("ev.target")
        where.append(f"({s} OR {t})")
        params += sp + tp
    for side, ref in (("ev.source", source), ("ev.target", target)):
        if ref:
            cond, p = resolve_actor(conn, ref).condition(side)
            where.append(cond)
            params += p
    if root:
        if not re.fullmatch(r"\d{2}", root):
            raise BadArgument(f"root must be a two-digit CAMEO root code, got {root!r}")
        where.append("ev.root = ?")
        params.append(root)
    if quad is not None:
        if quad not in (1, 2, 3, 4):
            raise BadArgument(f"quad must be 1, 2, 3 or 4, got {quad}")
        where.append("ev.quad = ?")
        params.append(quad)
    _date_filters("ev.day", since, until, where, params)
    w = ("WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM events ev {w}", params).fetchone()[0]
    rows = conn.execute(
        "SELECT ev.source, ev.source_country, ev.target, ev.target_country, ev.code, ev.root, ev.quad, ev.goldstein,"
        " ev.evidence, ev.start, ev.\"end\", ev.n_mentions, ev.day, a.id AS article_id, a.headline, a.outlet, a.url"
        f" FROM events ev JOIN articles a ON a.rowid = ev.article {w}"
        " ORDER BY ev.day DESC, ev.rowid DESC LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    return _page(total, limit, offset, [dict(r) for r in rows])


def _period_sql(col: str, by: str) -> str:
    if by == "day":
        return f"substr({col}, 1, 10)"
    if by == "week":  # the Monday that starts the week
        return f"date({col}, 'weekday 0', '-6 days')"
    if by == "month":
        return f"substr({col}, 1, 7)"
    raise BadArgument(f"by must be day, week or month, got {by!r}")


def relations(conn: sqlite3.Connection, a: str, b: str, *, by: str = "month", since: str | None = None,
              until: str | None = None) -> dict[str, Any]:
    """Events between two actors (both directions) per period: counts, mean Goldstein, quad-class mix.

    Each period: ``{"period", "events", "a_to_b", "b_to_a", "goldstein_mean", "quad": {"1": n, … "4": n}}``;
    quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    Events of undated articles cannot be placed in time and are counted in ``undated``.
    """
    act_a, act_b = resolve_actor(conn, a), resolve_actor(conn, b)
    period = _period_sql("ev.day", by)
    sa, pa = act_a.condition("ev.source")
    tb, pb = act_b.condition("ev.target")
    sb, pb2 = act_b.condition("ev.source")
    ta, pa2 = act_a.condition("ev.target")
    where = [f"(({sa} AND {tb}) OR ({sb} AND {ta}))"]
    params: list[Any] = [*pa, *pb, *pb2, *pa2]
    _date_filters("ev.day", since, until, where, params)
    w = " AND ".join(where)
    rows = conn.execute(
        f"SELECT {period} AS p, count(*) n, sum(CASE WHEN {sa} AND {tb} THEN 1 ELSE 0 END) ab, avg(ev.goldstein) g,"
        " sum(ev.quad = 1), sum(ev.quad = 2), sum(ev.quad = 3), sum(ev.quad = 4)"
        f" FROM events ev WHERE {w} GROUP BY p ORDER BY p", (*pa, *pb, *params)).fetchall()
    periods = []
    undated = 0
    total = 0
    gsum = 0.0
    for p, n, ab, g, q1, q2, q3, q4 in rows:
        if p is None:
            undated += n
            continue
        total += n
        gsum += (g or 0.0) * n
        periods.append({"period": p, "events": n, "a_to_b": ab, "b_to_a": n - ab,
                        "goldstein_mean": round(g, 3) if g is not None else None,
                        "quad": {"1": q1, "2": q2, "3": q3, "4": q4}})
    return {"a": act_a.to_dict(), "b": act_b.to_dict(), "by": by, "events": total, "undated": undated,
            "goldstein_mean": round(gsum / total, 3) if total else None, "periods": periods}


def network(conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None, level: str = "country",
            limit: int = 100) -> list[dict[str, Any]]:
    """Actor pairs with event counts and mean Goldstein (edges for a relations network)."""
    cols = ("source_country", "target_country") if level == "country" else ("source", "target")
    where: list[str] = [f"{cols[0]} IS NOT NULL", f"{cols[1]} IS NOT NULL"]
    params: list[Any] = []
    _date_filters("day", since, until, where, params)
    return [{"a": r[0], "b": r[1], "events": r[2], "goldstein_mean": round(r[3], 3) if r[3] is not None else None}
            for r in conn.execute(
                f"SELECT {cols[0]}, {cols[1]}, count(*) n, avg(goldstein) FROM events WHERE {' AND '.join(where)}"
                f" GROUP BY {cols[0]}, {cols[1]} ORDER BY n DESC LIMIT ?", (*params, limit))]
