"""Fetching article URLs and feeds politely, against a local http.server only (no outside network)."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pantau.doc import RawDoc
from pantau.readers import ReadFailure
from pantau.readers.feeds import read_url
from pantau.readers.fetch import USER_AGENT, Fetcher, FetchError

PAGE = """<html><head><title>Nelayan Cilacap kembali melaut</title></head><body><article>
<h1>Nelayan Cilacap kembali melaut</h1>
<p>Ribuan nelayan di Cilacap, Jawa Tengah, kembali melaut pada Senin setelah gelombang tinggi yang melanda
pesisir selatan selama sepekan akhirnya mereda menurut keterangan petugas pelabuhan setempat.</p>
<p>Para nelayan berharap hasil tangkapan udang dan ikan layur membaik karena harga di tempat pelelangan ikan
sedang tinggi menjelang akhir bulan ini.</p></article></body></html>"""


class Site(BaseHTTPRequestHandler):
    hits: list[tuple[str, str, float]] = []
    flaky_left = 0

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: str, ctype: str = "text/html; charset=utf-8", headers: dict | None = None):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        Site.hits.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
        port = self.server.server_address[1]
        if self.path == "/robots.txt":
            self._send(200, "User-agent: *\nDisallow: /rahasia/\n", "text/plain")
        elif self.path.startswith("/berita/"):
            self._send(200, PAGE)
        elif self.path == "/rahasia/dokumen":
            self._send(200, PAGE)
        elif self.path == "/goyah":
            if Site.flaky_left > 0:
                Site.flaky_left -= 1
                self._send(503, "sibuk", headers={"Retry-After": "0"})
            else:
                self._send(200, PAGE)
        elif self.path == "/hilang":
            self._send(404, "tidak ada")
        elif self.path == "/lambat":
            time.sleep(1.0)
            self._send(200, PAGE)
        elif self.path == "/kanal.xml":
            self._send(200, f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Kanal</title>
<entry><title>Satu</title><link href="http://127.0.0.1:{port}/berita/1"/><updated>2023-06-01T07:00:00Z</updated></entry>
<entry><title>Dua</title><link href="http://127.0.0.1:{port}/rahasia/dokumen"/></entry></feed>""",
                       "application/atom+xml")
        else:
            self._send(404, "tidak ada")


@pytest.fixture
def site():
    Site.hits = []
    Site.flaky_left = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetcher(**kw) -> Fetcher:
    kw.setdefault("min_interval", 0.0)
    kw.setdefault("backoff", 0.01)
    return Fetcher(**kw)


def test_user_agent_names_pantau_and_robots_is_read_once(site):
    with fetcher() as f:
        f.get(site + "/berita/1")
        f.get(site + "/berita/2")
    paths = [h[0] for h in Site.hits]
    assert paths == ["/robots.txt", "/berita/1", "/berita/2"]
    assert all(h[1] == USER_AGENT and h[1].startswith("Pantau/") for h in Site.hits)


def test_robots_txt_is_respected(site):
    with fetcher() as f, pytest.raises(FetchError, match="robots.txt"):
        f.get(site + "/rahasia/dokumen")
    assert "/rahasia/dokumen" not in [h[0] for h in Site.hits]


def test_retries_with_backoff_then_success(site):
    Site.flaky_left = 2
    with fetcher(retries=3) as f:
        assert f.get(site + "/goyah").status == 200
    assert [h[0] for h in Site.hits].count("/goyah") == 3


def test_gives_up_after_the_retries(site):
    Site.flaky_left = 10
    with fetcher(retries=2) as f, pytest.raises(FetchError, match="503.*3 attempts"):
        f.get(site + "/goyah")


def test_client_errors_are_not_retried(site):
    with fetcher(retries=3) as f, pytest.raises(FetchError, match="HTTP 404"):
        f.get(site + "/hilang")
    assert [h[0] for h in Site.hits].count("/hilang") == 1


def test_timeout(site):
    with fetcher(timeout=0.2, retries=1) as f, pytest.raises(FetchError, match="timed out"):
        f.get(site + "/lambat")


def test_per_host_rate_limit(site):
    with fetcher(min_interval=0.3) as f:
        for i in range(3):
            f.get(site + f"/berita/{i}")
    times = [h[2] for h in Site.hits if h[0].startswith("/berita/")]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert all(g >= 0.25 for g in gaps), gaps


def test_url_of_a_feed_fetches_its_articles_and_reports_refusals(site):
    with fetcher() as f:
        items = list(read_url(site + "/kanal.xml", f))
    docs = [i for i in items if isinstance(i, RawDoc)]
    fails = [i for i in items if isinstance(i, ReadFailure)]
    assert len(docs) == 1 and docs[0].url == site + "/berita/1" and docs[0].published == "2023-06-01"
    assert docs[0].title == "Nelayan Cilacap kembali melaut" and "Cilacap" in docs[0].text
    assert len(fails) == 1 and "robots.txt" in fails[0].reason


def test_ingest_a_url_into_the_store(site, tmp_path, capsys):
    import json

    from pantau.cli import main
    db = tmp_path / "p.db"
    rc = main(["ingest", site + "/berita/7", site + "/hilang", "--db", str(db), "--workers", "1", "--rate", "0",
               "--retries", "0", "--summary", "json", "--no-progress"])
    s = json.loads(capsys.readouterr().out)
    assert rc == 1 and s["added"] == 1 and s["failures"][0]["origin"] == site + "/hilang"
