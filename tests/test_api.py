"""The HTTP API on a real server (uvicorn on a free loopback port) over a real store file."""
from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from _corpus_helpers import banjir, lavrov
from pantau.errors import StoreError
from pantau.store import StoreWriter


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    import uvicorn

    from pantau.web.app import create_app

    db = tmp_path_factory.mktemp("api") / "pantau.db"
    with StoreWriter(db) as w:
        w.write_batch([lavrov("a1"), lavrov("https://contoh.id/a/2", published="2022-04-02", source="Tempo"),
                       banjir("b1")])
    before = db.stat().st_mtime_ns
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/api/stats", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.05)
    with httpx.Client(base_url=base, timeout=10) as client:
        yield client
    server.should_exit = True
    t.join(timeout=10)
    assert db.stat().st_mtime_ns == before  # read-only: serving never wrote the file


def test_stats(api):
    r = api.get("/api/stats")
    assert r.status_code == 200 and r.json()["articles"] == 3


def test_search_with_pagination(api):
    r = api.get("/api/search", params={"q": "Lavrov", "limit": 1})
    page = r.json()
    assert r.status_code == 200 and page["total"] == 2 and len(page["items"]) == 1
    r2 = api.get("/api/search", params={"q": "Lavrov", "limit": 1, "offset": 1}).json()
    assert r2["items"][0]["id"] != page["items"][0]["id"]
    assert "<mark>" in page["items"][0]["snippet_html"]


@pytest.mark.parametrize("path, params, words", [
    ("/api/search", {"q": "Lavrov", "limit": 0}, "limit"),
    ("/api/search", {"q": "Lavrov", "limit": 100000}, "limit"),
    ("/api/search", {"q": "Lavrov", "since": "kemarin"}, "since"),
    ("/api/search", {}, "q"),
    ("/api/search", {"q": "!!!"}, "nothing to search"),
    ("/api/relations", {"a": "RUS"}, "b"),
    ("/api/relations", {"a": "RUS", "b": "CHN", "by": "year"}, "by"),
    ("/api/events", {"quad": 7}, "quad"),
    ("/api/entities", {"type": "XYZ"}, "type"),
])
def test_validation_errors_are_422_with_a_clear_message(api, path, params, words):
    r = api.get(path, params=params)
    assert r.status_code == 422
    assert words in r.json()["message"]


def test_article_by_id_including_url_ids(api):
    r = api.get("/api/articles/a1")
    assert r.status_code == 200 and r.json()["outlet"] == "Kompas.com"
    assert [d["id"] for d in r.json()["near_duplicates"]] == ["https://contoh.id/a/2"]
    assert api.get("/api/articles/https://contoh.id/a/2").json()["outlet"] == "Tempo"
    assert api.get("/api/articles/tidak-ada").status_code == 404


def test_quotes_entities_events_relations(api):
    assert api.get("/api/quotes", params={"speaker": "Sergei Lavrov"}).json()["total"] == 2
    ents = api.get("/api/entities", params={"limit": 2}).json()
    assert ents["items"][0]["name"] == "Sergei Lavrov"
    prof = api.get("/api/entities/PER:sergei lavrov").json()
    assert prof["n_articles"] == 2 and prof["timeline"]
    assert api.get("/api/entities/RUS").json()["name"] == "Rusia"
    assert api.get("/api/entities/Tokoh Fiktif").status_code == 404
    assert api.get("/api/events", params={"actor": "RUS"}).json()["total"] == 2
    rel = api.get("/api/relations", params={"a": "RUS", "b": "CHN", "by": "month"}).json()
    assert rel["events"] == 2 and [p["period"] for p in rel["periods"]] == ["2022-03", "2022-04"]
    assert api.get("/api/relations", params={"a": "Tokoh Fiktif", "b": "RUS"}).status_code == 404


def test_openapi_docs(api):
    assert api.get("/docs").status_code == 200
    spec = api.get("/openapi.json").json()
    for path in ("/api/stats", "/api/search", "/api/articles/{article_id}", "/api/quotes", "/api/entities",
                 "/api/entities/{entity_id}", "/api/events", "/api/relations"):
        assert path in spec["paths"], path


def test_app_refuses_a_missing_store(tmp_path):
    from pantau.web.app import create_app
    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "nope.db")
