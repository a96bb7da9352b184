"""The dashboard: HTML pages rendered on the server over the store (issue 7).

``router`` is included by ``pantau.web.app.create_app``; the pages read the store at
``request.app.state.db_path`` through ``pantau.store.queries`` (plus the few page-only queries in
``page_queries``).  Every page works without JavaScript: filters are plain GET forms, charts are
inline SVG with links, and hover details are ``title`` attributes.  Templates are Jinja2 with
autoescape on; the only HTML that is not escaped by the template is built by ``highlight`` and
``charts``, which escape every piece of article text themselves.
"""
from __future__ import annotations

import re
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..errors import StoreError
from ..model import Article, Entity
from ..store import queries
from ..store.fts import BadQuery
from ..store.writer import entity_key
from . import page_queries as pq
from .charts import Edge, Node, PeriodRow, network_chart, relations_chart, timeline_chart
from .highlight import highlight_article, safe_url
from .i18n import COOKIE, LANGS, pick_lang, translator

router = APIRouter(include_in_schema=False)

_env = Environment(
    loader=PackageLoader("pantau.web", "templates"),
    autoescape=True,            # every {{ value }} is escaped unless it is Markup built by highlight/charts
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,  # a typo in a template fails the test suite instead of rendering blank
)
STATIC_DIR = Path(__file__).with_name("static")
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".svg": "image/svg+xml"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PER_PAGE = 20
MAX_PAGE = 500
# what no page ever lets the browser do: run inline or third-party script, frame it, send a referrer
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


# --- helpers ----------------------------------------------------------------------------------

def url(path: str, **params: Any) -> str:
    """``path`` with the non-empty ``params`` as a query string."""
    kept = {k: v for k, v in params.items() if v is not None and v != "" and not (k == "page" and v == 1)}
    return path + ("?" + urlencode(kept) if kept else "")


def entity_href(key: str | None) -> str | None:
    # keys look like "PER:joko widodo" or "id:IDN": quoted whole so "/" or "?" in a name stay in the path
    return f"/entities/{quote(key, safe=':')}" if key else None


def article_href(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def _conn(request: Request) -> "AbstractContextManager[sqlite3.Connection]":
    """A read-only connection from the app's pool (``pantau.web.app``) for the whole request."""
    from .app import connection
    return connection(request)


def _page_no(value: str | None) -> int:
    try:
        return max(1, min(MAX_PAGE, int(value or 1)))
    except ValueError:
        return 1


def _clean_date(value: str | None) -> str:
    value = (value or "").strip()
    return value if _DATE.match(value) else ""


class _Ctx:
    """What every template gets: the language, its labels, and links that keep the current query."""

    def __init__(self, request: Request, nav: str) -> None:
        self.request = request
        self.lang = pick_lang(request.query_params, request.cookies)
        self.t = translator(self.lang)
        self.nav = nav

    def base(self) -> dict[str, Any]:
        other = LANGS[1] if self.lang == LANGS[0] else LANGS[0]
        params = dict(self.request.query_params)
        params["lang"] = other
        return {"t": self.t, "lang": self.lang, "other_lang": other, "nav": self.nav, "url": url,
                # the path arrives decoded: quote it again so an id holding "?" or "#" stays in the path
                "lang_switch_url": quote(self.request.url.path, safe="/:@") + "?" + urlencode(params)}

    def render(self, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = _env.get_template(template).render(**self.base(), **ctx)
        resp = HTMLResponse(html, status_code=status)
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        if self.request.query_params.get("lang") in LANGS:
            resp.set_cookie(COOKIE, self.lang, max_age=365 * 86400, samesite="lax", httponly=True)
        return resp

    def error(self, status: int, message: str) -> HTMLResponse:
        heading = self.t("err.title")
        return self.render("error.html", status=status, heading=heading, message=message)


# --- static files -----------------------------------------------------------------------------

@router.get("/static/{name}")
def static(name: str) -> Response:
    """Pantau's own CSS and JS (a fixed directory, no subpaths: nothing else on disk is reachable)."""
    path = STATIC_DIR / name
    ctype = _STATIC_TYPES.get(path.suffix)
    if "/" in name or name.startswith(".") or ctype is None or not path.is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(path.read_bytes(), media_type=ctype,
                    headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"})


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/search", status_code=307)


# --- search -----------------------------------------------------------------------------------

@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    ctx = _Ctx(request, "search")
    p = request.query_params
    f = {"q": (p.get("q") or "").strip()[:500], "since": _clean_date(p.get("since")),
         "until": _clean_date(p.get("until")), "rubric": (p.get("rubric") or "").strip(),
         "outlet": (p.get("outlet") or "").strip(), "entity": (p.get("entity") or "").strip()}
    page = _page_no(p.get("page"))
    with _conn(request) as conn:
        filters = {k: f[k] or None for k in ("since", "until", "rubric", "outlet", "entity")}
        error = None
        hits: list[dict[str, Any]] = []
        total = 0
        at_least = False  # total is a lower bound ("5,000+")
        facets = None
        try:
            facets = pq.search_facets(conn, f["q"], **filters)
            if f["q"]:
                # counting every match under a filter costs as much as the rest of the page: the facet
                # pass already knows the total when there are fewer than FACET_CAP matches
                exact = facets.capped and not any(filters.values())
                res = queries.search(conn, f["q"], **filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE,
                                     count=exact)
                total = res["total"] if exact else len(facets.rowids)
            else:
                res = queries.articles(conn, **filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
                total = res["total"]
            hits = res["items"]
            at_least = facets.capped and total == len(facets.rowids)
        except BadQuery as exc:
            error = ctx.t("search.bad_query", msg=str(exc))
        except queries.NotFound as exc:   # an entity filter naming nothing stored
            error = str(exc)
        except StoreError as exc:
            error = ctx.t("err.invalid", msg=str(exc))
        for h in hits:
            h["href"] = article_href(h["id"])
            h.setdefault("snippet_html", None)  # browsing without a query has no snippets

        def with_(**changes: Any) -> str:
            return url("/search", **{**f, "page": page, **changes})

        network = ""
        entity_name = None
        if facets is not None:
            entity_name = next((name for key, name, _ in facets.entity if key == f["entity"]), None)
            nodes, edges = pq.actor_network(conn, facets.rowids)
            # actor codes start with their country (IDNGOV): a node links to that country's entity
            keys = pq.entity_keys_by_kb(conn, {n[:3] for n, _ in nodes})
            network = network_chart(
                [Node(a, a, w, entity_href(keys.get(a[:3]))) for a, w in nodes],
                [Edge(a, b, n, g, url("/relations", a=a, b=b)) for a, b, n, g in edges],
                label=ctx.t("search.network"))
        if f["entity"] and entity_name is None:
            entity_name = f["entity"]
        return ctx.render(
            "search.html", f=f, hits=hits, facets=facets, error=error, page=page, per_page=PER_PAGE,
            total=total, at_least=at_least, has_next=at_least or total > page * PER_PAGE,
            prev_url=with_(page=page - 1), next_url=with_(page=page + 1), with_=with_, entity_name=entity_name,
            network=network, rubrics=[r["name"] for r in queries.rubrics(conn, limit=60)],
            outlets=[o["name"] for o in queries.outlets(conn, limit=100)])


# --- article ----------------------------------------------------------------------------------

def _event_view(e: Any, t: Callable[..., str], index: int | None = None) -> dict[str, Any]:
    d = e.to_dict() if hasattr(e, "to_dict") else dict(e)
    d["index"] = index
    d["source_href"] = d["target_href"] = d["article_href"] = d["relations_href"] = None
    d["source_label"] = d.get("source_name") or d.get("source") or "?"
    d["target_label"] = d.get("target_name") or d.get("target") or "?"
    if d.get("source") and d.get("target"):
        d["relations_href"] = url("/relations", a=d.get("source_country") or d["source"],
                                  b=d.get("target_country") or d["target"])
    if d.get("article_id"):
        d["article_href"] = article_href(d["article_id"])
    return d


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    ctx = _Ctx(request, "search")
    with _conn(request) as conn:
        try:
            rec = queries.article(conn, article_id)
        except queries.NotFound:
            return ctx.error(404, ctx.t("article.not_found"))
        art = Article.from_dict(rec)
        t = ctx.t

        def href(e: Entity) -> str | None:
            return entity_href(entity_key(e.id, e.type, e.name))

        by_name: dict[str, str | None] = {}
        entities = []
        for i, e in enumerate(art.entities):
            h = href(e)
            for nm in (e.name, *e.aliases):
                by_name.setdefault(nm, h)
            entities.append({"index": i, "name": e.name, "type": e.type, "country": e.country, "role": e.role,
                             "mentions": len(e.mentions), "href": h})
        entities.sort(key=lambda d: (-d["mentions"], d["name"]))
        quotes = [{"index": i, **q.to_dict(), "speaker_href": by_name.get(q.speaker or "")}
                  for i, q in enumerate(art.quotes)]
        events = [_event_view(e, t, i) for i, e in enumerate(art.events)]
        dates = [{"index": i, **d.to_dict()} for i, d in enumerate(art.dates)]
        duplicates = [{**d, "href": article_href(d["id"])} for d in rec.get("near_duplicates") or []]
        # copies in other outlets first: that is the question an analyst asks ("who else ran this?")
        duplicates.sort(key=lambda d: ((d.get("outlet") or "") == (rec.get("outlet") or ""), d.get("published") or ""))
        return ctx.render(
            "article.html", art=art, outlet=rec.get("outlet"), source_url=safe_url(art.url),
            text_html=highlight_article(art, t=t, entity_href=href),
            entities=entities, quotes=quotes, events=events, dates=dates, duplicates=duplicates)


# --- entity -----------------------------------------------------------------------------------

@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str) -> HTMLResponse:
    ctx = _Ctx(request, "search")
    with _conn(request) as conn:
        try:
            ent = queries.entity(conn, key, by="month")
        except queries.NotFound:
            return ctx.error(404, ctx.t("entity.not_found"))
        t = ctx.t
        timeline = pq.fill_months([(p["period"], p["articles"]) for p in ent["timeline"]])
        chart = timeline_chart(
            timeline, label=t("entity.over_time"),
            href=lambda period: url("/search", entity=ent["id"], since=period, until=period))
        said = queries.quotes(conn, speaker=ent["id"], limit=15)
        for q in said["items"]:
            q["article_href"] = article_href(q["article_id"])
            q["speaker_href"] = None  # the page is the speaker's own
        # a country is an actor by its code in events; anything else by the entity the writer linked
        actor = ent["kb_id"] if ent["type"] == "GPE" and ent["kb_id"] and len(ent["kb_id"]) == 3 else ent["id"]
        as_source = [_event_view(e, t) for e in pq.newest_events(conn, actor, "source")]
        as_target = [_event_view(e, t) for e in pq.newest_events(conn, actor, "target")]
        related = [{**r, "href": entity_href(r["id"]),
                    "relations_href": url("/relations", a=actor, b=r["kb_id"] or r["id"])} for r in ent["related"]]
        return ctx.render("entity.html", ent=ent, chart=chart, quotes=said, as_source=as_source, as_target=as_target,
                          related=related, actor=actor, search_href=url("/search", entity=ent["id"]))


# --- relations --------------------------------------------------------------------------------

@router.get("/relations", response_class=HTMLResponse)
def relations_page(request: Request) -> HTMLResponse:
    ctx = _Ctx(request, "relations")
    t = ctx.t
    p = request.query_params
    a, b = (p.get("a") or "").strip()[:200], (p.get("b") or "").strip()[:200]
    by = p.get("by") if p.get("by") in ("day", "week", "month") else "month"
    period = (p.get("period") or "").strip()[:20]
    with _conn(request) as conn:
        rel = None
        error = None
        chart = ""
        evidence: list[dict[str, Any]] = []
        if a and b:
            try:
                rel = queries.relations(conn, a, b, by=by)
            except (queries.NotFound, queries.BadArgument) as exc:
                error = str(exc)
        if rel and rel["periods"]:
            def period_href(per: str) -> str:
                return url("/relations", a=a, b=b, by=by, period=per) + "#evidence"

            rows = [PeriodRow(r["period"], {int(k): v for k, v in r["quad"].items() if v}, r["goldstein_mean"])
                    for r in rel["periods"]]
            chart = relations_chart(rows, label=f"{rel['a']['label']} – {rel['b']['label']}",
                                    quad_names={q: t(f"quad.{q}") for q in (1, 2, 3, 4)}, mean_label=t("rel.mean"),
                                    href=period_href)
            for r in rel["periods"]:
                r["href"] = period_href(r["period"])
            if period and any(r["period"] == period for r in rel["periods"]):
                evidence = [_event_view(e, t) for e in pq.relation_evidence(conn, a, b, by=by, period=period)]
        return ctx.render("relations.html", a=a, b=b, by=by, period=period, rel=rel, error=error, chart=chart,
                          evidence=evidence)


# --- quotes -----------------------------------------------------------------------------------

@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request) -> HTMLResponse:
    ctx = _Ctx(request, "quotes")
    p = request.query_params
    f = {"speaker": (p.get("speaker") or "").strip()[:200], "about": (p.get("about") or "").strip()[:200],
         "outlet": (p.get("outlet") or "").strip(), "since": _clean_date(p.get("since")),
         "until": _clean_date(p.get("until"))}
    page = _page_no(p.get("page"))
    with _conn(request) as conn:
        error = None
        res = {"total": 0, "items": []}
        try:
            if any(f.values()):
                res = queries.quotes(conn, **{k: v or None for k, v in f.items()}, limit=PER_PAGE,
                                     offset=(page - 1) * PER_PAGE)
            else:
                res = pq.newest_quotes(conn, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        except BadQuery as exc:
            error = ctx.t("search.bad_query", msg=str(exc))
        except StoreError as exc:
            error = ctx.t("err.invalid", msg=str(exc))
        for q in res["items"]:
            q["article_href"] = article_href(q["article_id"])
            q["speaker_href"] = entity_href(q.get("speaker_id"))

        def with_(**changes: Any) -> str:
            return url("/quotes", **{**f, "page": page, **changes})

        return ctx.render("quotes.html", f=f, res=res, error=error, page=page,
                          has_next=res["total"] > page * PER_PAGE, prev_url=with_(page=page - 1),
                          next_url=with_(page=page + 1),
                          outlets=[o["name"] for o in queries.outlets(conn, limit=100)])
