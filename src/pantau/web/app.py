"""The HTTP app behind ``pantau serve``: a read-only JSON API under ``/api`` (and the dashboard pages).

``create_app(db_path)`` builds a FastAPI app over one store file, opened read-only (``mode=ro``), so
the server cannot change the archive whatever a request says.  Every endpoint is a thin shell over a
function of ``pantau.store.queries``; list endpoints page with ``limit``/``offset`` and answer
``{"total", "limit", "offset", "items"}``.  Bad parameters answer 422 with a one-line ``message`` (and
FastAPI's usual ``detail``); unknown articles, entities or actors answer 404.

Dashboard pages (issue 7) live in ``pantau.web.pages``: when that module exists its ``router`` is
included here; pages find the store path at ``request.app.state.db_path`` and may borrow a read-only
connection with ``pantau.web.app.connection(request)``.
"""
from __future__ import annotations

import importlib.util
import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from .. import __version__
from ..errors import StoreError
from ..store import queries
from ..store.fts import BadQuery
from ..store.schema import connect

#: read-only connections shared by the request threads; a small pool bounds memory (each connection
#: has its own page cache) while letting a few requests run at once
POOL_SIZE = 4

Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="results per page")]
Offset = Annotated[int, Query(ge=0, description="results to skip")]
DateParam = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD")]


class ConnectionPool:
    def __init__(self, db_path: Path, size: int = POOL_SIZE) -> None:
        self.db_path = db_path
        self._free: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._made = 0
        self._size = size
        # open one now: a missing or foreign file fails at start-up, not on the first request
        self._free.put(self._new())

    def _new(self) -> sqlite3.Connection:
        conn = connect(self.db_path, readonly=True)
        # a server holds several connections for a long time: keep each one's caches modest
        conn.execute("PRAGMA cache_size = -16384")
        conn.execute("PRAGMA mmap_size = 67108864")
        self._made += 1
        return conn

    @contextmanager
    def borrow(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = self._free.get_nowait()
        except queue.Empty:
            conn = self._new() if self._made < self._size else self._free.get()
        try:
            yield conn
        finally:
            self._free.put(conn)


@contextmanager
def connection(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the app's store for the duration of a request (for pages too)."""
    with request.app.state.pool.borrow() as conn:
        yield conn


def _call(request: Request, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with connection(request) as conn:
        try:
            return fn(conn, *args, **kwargs)
        except queries.NotFound as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None
        except (queries.BadArgument, BadQuery) as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None


def create_app(db_path: str | Path) -> FastAPI:
    """The API (and, when present, the dashboard) over the store at ``db_path``, read-only."""
    path = Path(db_path)
    pool = ConnectionPool(path)  # raises StoreError when there is no usable store
    app = FastAPI(title="Pantau", version=__version__,
                  description="Entities, quotes, CAMEO events and dates from Indonesian news: a read-only API "
                              "over a Pantau store.")
    app.state.db_path = path
    app.state.pool = pool

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg")))
        return JSONResponse(status_code=422, content={"message": "invalid request: " + "; ".join(parts),
                                                      "detail": jsonable_errors(exc)})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, content={"message": str(exc.detail), "detail": exc.detail})

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=500, content={"message": exc.line(), "detail": exc.line()})

    @app.get("/api/stats", tags=["store"], summary="counts over the store")
    def api_stats(request: Request) -> dict[str, Any]:
        return _call(request, queries.stats)

    @app.get("/api/outlets", tags=["store"], summary="outlets with their article counts")
    def api_outlets(request: Request, limit: Limit = 100) -> list[dict[str, Any]]:
        return _call(request, queries.outlets, limit=limit)

    @app.get("/api/search", tags=["articles"], summary="ranked full-text search with highlighted snippets")
    def api_search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500, description="words and \"phrases\"")],
                   since: DateParam = None, until: DateParam = None, rubric: str | None = None,
                   outlet: str | None = None, entity: str | None = None, limit: Limit = 20,
                   offset: Offset = 0) -> dict[str, Any]:
        return _call(request, queries.search, q, since=since, until=until, rubric=rubric, outlet=outlet,
                     entity=entity, limit=limit, offset=offset)

    @app.get("/api/articles", tags=["articles"], summary="articles, newest first")
    def api_articles(request: Request, since: DateParam = None, until: DateParam = None, rubric: str | None = None,
                     outlet: str | None = None, entity: str | None = None, limit: Limit = 20,
                     offset: Offset = 0) -> dict[str, Any]:
        return _call(request, queries.articles, since=since, until=until, rubric=rubric, outlet=outlet,
                     entity=entity, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id:path}", tags=["articles"],
             summary="one stored record (CONTRACT.md) with outlet and near-duplicates")
    def api_article(request: Request, article_id: str) -> dict[str, Any]:
        return _call(request, queries.article, article_id)

    @app.get("/api/quotes", tags=["quotes"], summary="who said what")
    def api_quotes(request: Request, speaker: str | None = None, about: str | None = None, outlet: str | None = None,
                   since: DateParam = None, until: DateParam = None, limit: Limit = 20,
                   offset: Offset = 0) -> dict[str, Any]:
        return _call(request, queries.quotes, speaker=speaker, about=about, outlet=outlet, since=since,
                     until=until, limit=limit, offset=offset)

    @app.get("/api/entities", tags=["entities"], summary="entities by number of articles")
    def api_entities(request: Request, type: Literal["PER", "ORG", "GPE", "LOC"] | None = None,
                     q: str | None = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        return _call(request, queries.entities, type=type, q=q, limit=limit, offset=offset)

    @app.get("/api/entities/{entity_id:path}", tags=["entities"],
             summary="an entity's profile: timeline, co-occurring entities, events")
    def api_entity(request: Request, entity_id: str,
                   by: Literal["day", "week", "month"] = "month") -> dict[str, Any]:
        return _call(request, queries.entity, entity_id, by=by)

    @app.get("/api/events", tags=["events"], summary="coded events with evidence")
    def api_events(request: Request, actor: str | None = None, source: str | None = None, target: str | None = None,
                   root: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
                   quad: Annotated[int | None, Query(ge=1, le=4)] = None, since: DateParam = None,
                   until: DateParam = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        return _call(request, queries.events, actor=actor, source=source, target=target, root=root, quad=quad,
                     since=since, until=until, limit=limit, offset=offset)

    @app.get("/api/relations", tags=["events"],
             summary="events between two actors over time: counts, mean Goldstein, quad mix")
    def api_relations(request: Request, a: Annotated[str, Query(min_length=1)], b: Annotated[str, Query(min_length=1)],
                      by: Literal["day", "week", "month"] = "month", since: DateParam = None,
                      until: DateParam = None) -> dict[str, Any]:
        return _call(request, queries.relations, a, b, by=by, since=since, until=until)

    @app.get("/api/network", tags=["events"], summary="actor pairs with event counts and mean Goldstein")
    def api_network(request: Request, level: Literal["country", "actor"] = "country", since: DateParam = None,
                    until: DateParam = None, limit: Limit = 100) -> list[dict[str, Any]]:
        return _call(request, queries.network, level=level, since=since, until=until, limit=limit)

    if importlib.util.find_spec("pantau.web.pages") is not None:
        from . import pages

        app.include_router(pages.router)
    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        out.append({"loc": list(err.get("loc", ())), "msg": str(err.get("msg")), "type": err.get("type")})
    return out
