"""Dashboard pages against a real SQLite store written by the store's own writer.

The articles (tests/webstore.py) are annotated by hand, so these tests check the pages, not the NLP.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webstore  # noqa: E402
from webstore import XSS_IMG, XSS_SCRIPT  # noqa: E402

from pantau.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return webstore.write_store(tmp_path_factory.mktemp("web") / "pantau.db", webstore.sample_articles())


@pytest.fixture(scope="module")
def client(store) -> TestClient:
    with TestClient(create_app(store)) as c:
        yield c


class Links(HTMLParser):
    """Every element with its attributes; links, scripts and event-handler attributes are what matter."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    @property
    def hrefs(self) -> list[str]:
        return [a.get("href") or "" for t, a in self.elements if t == "a"]


def parse(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


def get(client: TestClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    if status == 200:
        assert r.headers["content-type"].startswith("text/html")
    return r.text


def assert_no_injection(html: str) -> None:
    """No element, attribute or link that the hostile article could have smuggled in."""
    p = parse(html)
    scripts = [a for t, a in p.elements if t == "script"]
    assert all(a.get("src") == "/static/pantau.js" for a in scripts), scripts
    assert not [t for t, _ in p.elements if t in ("img", "iframe", "object", "embed")]
    assert not [(t, k) for t, a in p.elements for k in a if k.lower().startswith("on")]
    for t, a in p.elements:
        for k in ("href", "src", "action", "xlink:href"):
            v = (a.get(k) or "").strip().lower()
            assert not v.startswith(("javascript:", "data:", "vbscript:")), (t, k, v)
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html


# --- search ---------------------------------------------------------------------------------

def test_search_ranks_highlights_and_counts(client):
    html = get(client, "/search?q=Lavrov")
    assert "7 hasil" in html
    assert "<mark>Lavrov</mark>" in html
    assert 'href="/articles/rus-ukr-' in html
    # facets: outlets and entities of the matches, each a link that adds the filter
    assert re.search(r'outlet=Warta\+Nusantara[^"]*">Warta Nusantara</a> <span class="count">3<', html)
    assert "entity=PER%3Asergei+lavrov" in html


@pytest.mark.parametrize("params,expected", [
    ("q=Lavrov&outlet=Warta+Nusantara", 3),
    ("q=Lavrov&since=2022-03-01&until=2022-03-31", 2),
    ("q=Lavrov&rubric=Ekonomi", 0),
    ("q=kerja+sama&entity=PER%3Ajoko+widodo", 2),
    ("outlet=Suara+Timur", 1),
    ("", 10),
])
def test_search_filters(client, params, expected):
    html = get(client, f"/search?{params}")
    assert f"{expected} hasil" in html


def test_search_without_query_lists_newest_first(client):
    html = get(client, "/search")
    hrefs = [h for h in parse(html).hrefs if h.startswith("/articles/")]
    assert hrefs[0] == "/articles/xss-1"  # published 2022-11-02, the newest


def test_search_pagination(client, monkeypatch):
    import pantau.web.pages as pages
    monkeypatch.setattr(pages, "PER_PAGE", 3)
    first = get(client, "/search?q=Lavrov")
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = get(client, "/search?q=Lavrov&page=3")
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert len([h for h in parse(last).hrefs if h.startswith("/articles/")]) == 1


def test_search_beyond_the_facet_cap(client, monkeypatch):
    import pantau.web.page_queries as pq
    monkeypatch.setattr(pq, "FACET_CAP", 2)
    html = get(client, "/search?q=Lavrov")
    assert "7 hasil" in html  # no filter: the exact count is cheap
    assert "dihitung dari 2 hasil" in html
    html = get(client, "/search?q=Lavrov&rubric=Internasional")
    assert "2+ hasil" in html and 'rel="next"' in html


@pytest.mark.parametrize("q", ['"', "-", "((", ":", "…"])
def test_search_with_nothing_searchable_says_so(client, q):
    html = get(client, f"/search?q={quote(q)}")
    assert "Kueri tidak dapat dibaca" in html


def test_search_network_links_actor_pairs_to_relations(client):
    html = get(client, "/search?q=gencatan")
    assert '<svg class="chart network' in html
    assert "/relations?a=RUSGOV&amp;b=UKR" in html


# --- article ---------------------------------------------------------------------------------

def test_article_highlights_every_kind_and_lists_them(client):
    html = get(client, "/articles/idn-chn-1")
    assert 'class="hl hl-entity t-PER"' in html and 'class="hl hl-date"' in html
    assert 'class="hl hl-quote q-direct"' in html and 'class="hl hl-event quad-2"' in html
    # hover text: canonical entity, speaker, CAMEO code and Goldstein
    assert 'title="Joko Widodo · Orang · IDN · Presiden"' in html
    assert "pembicara: Joko Widodo" in html
    assert "CAMEO 057 · Goldstein +8.0" in html
    # a click on a mention opens the entity
    assert 'href="/entities/PER:joko%20widodo"' in html
    # side lists with anchors the text links to
    for anchor in ('id="quote-0"', 'id="event-0"', 'id="event-1"', 'id="date-0"'):
        assert anchor in html


def test_article_lists_copies_in_other_outlets(client):
    html = get(client, "/articles/idn-chn-1")
    dup = html[html.index('id="duplicates"'):]
    assert 'href="/articles/idn-chn-2"' in dup and "Suara Timur" in dup


def test_article_missing_is_404(client):
    assert "Artikel tidak ditemukan" in get(client, "/articles/no-such-id", status=404)


def test_hostile_article_is_escaped_everywhere(client):
    html = get(client, "/articles/xss-1")
    assert_no_injection(html)
    # the markup is shown as text
    assert "&lt;script&gt;alert(&#34;pantau-xss&#34;)&lt;/script&gt;" in html or \
           "&lt;script&gt;alert(&quot;pantau-xss&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    # the javascript: URL is shown, never linked
    assert "javascript:alert(&#39;pantau-xss&#39;)" in html or "javascript:alert(&#x27;pantau-xss&#x27;)" in html
    assert not any(h.lower().startswith("javascript") for h in parse(html).hrefs)


@pytest.mark.parametrize("url", [
    "/search?q=banjir",
    "/search?q=rob&outlet=" + quote('Kabar"><svg onload=alert(1)>'),
    "/search",
    "/quotes?about=lutut",
    "/quotes?speaker=" + quote(f"Lurah{XSS_SCRIPT}"),
    "/search?q=" + quote(XSS_SCRIPT),
    "/relations?a=" + quote(XSS_IMG) + "&b=UKR",
    "/search?q=x&since=" + quote("2022\"><script>"),
])
def test_pages_listing_the_hostile_article_escape_it(client, url):
    r = client.get(url)
    assert r.status_code == 200
    assert_no_injection(r.text)


def test_hostile_entity_page_is_escaped(client):
    html = get(client, "/articles/xss-1")
    href = next(h for h in parse(html).hrefs if h.startswith("/entities/LOC"))
    page = get(client, href)
    assert_no_injection(page)
    assert "Muara Angke&lt;img" in page


def test_pages_send_a_strict_content_security_policy(client):
    r = client.get("/articles/xss-1")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


# --- entity ----------------------------------------------------------------------------------

def test_entity_profile_timeline_quotes_cooccurrence_events(client):
    html = get(client, "/entities/PER:sergei%20lavrov")
    assert "<h1>Sergei Lavrov" in html
    assert "Menteri Luar Negeri" in html and "RUS" in html
    assert '<svg class="chart timeline' in html
    assert html.count('class="bar"') == 6  # January to June 2022, one bar per month
    assert "Kami melihat serangan baru" in html
    cooc = html[html.index('id="cooccur"'):]
    assert 'href="/entities/id:UKR"' in cooc
    src = html[html.index('id="as-source"'):html.index('id="as-target"')]
    assert "RUSGOV" in src and "112" in src


def test_country_entity_events_by_country_code(client):
    html = get(client, "/entities/id:UKR")
    tgt = html[html.index('id="as-target"'):]
    assert "RUSGOV" in tgt


def test_entity_missing_is_404(client):
    get(client, "/entities/PER:nobody", status=404)


# --- relations -------------------------------------------------------------------------------

def test_relations_chart_by_month_with_quads_and_goldstein(client):
    html = get(client, "/relations?a=RUS&b=UKR&by=month")
    assert '<svg class="chart relations' in html
    for q in (1, 3, 4):
        assert f'class="bar quad-{q}"' in html
    assert html.count('class="gsdot"') == 6
    # March has two events: 112 (-2.0) and 130 (-4.4): mean -3.2
    assert "2022-03 · Rata-rata Goldstein -3.20 (2)" in html


def test_relations_point_opens_its_evidence(client):
    html = get(client, "/relations?a=RUS&b=UKR&by=month&period=2022-03")
    ev = html[html.index('id="evidence"'):]
    assert ev.count("<li>") == 2
    assert "menuduh" in ev and 'href="/articles/rus-ukr-2"' in ev


def test_relations_by_week_labels_periods_by_monday(client):
    html = get(client, "/relations?a=RUS&b=UKR&by=week")
    # 2022-03-09 is a Wednesday: its week starts on Monday 2022-03-07
    assert "period=2022-03-07" in html
    ev = get(client, "/relations?a=RUS&b=UKR&by=week&period=2022-03-07")
    assert 'href="/articles/rus-ukr-2"' in ev[ev.index('id="evidence"'):]


@pytest.mark.parametrize("a,b", [("Sergei Lavrov", "UKR"), ("PER:sergei lavrov", "Ukraina"), ("RUSGOV", "UKR")])
def test_relations_accept_codes_keys_and_names(client, a, b):
    html = get(client, f"/relations?a={quote(a)}&b={quote(b)}")
    assert '<svg class="chart relations' in html


def test_relations_unknown_actor_is_explained(client):
    html = get(client, "/relations?a=Tidak+Ada+Orang&b=UKR")
    assert 'role="alert"' in html


def test_relations_form_without_actors(client):
    html = get(client, "/relations")
    assert 'name="a"' in html and "<svg" not in html


# --- quotes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("params,expected", [
    ("speaker=Sergei+Lavrov", 7),
    ("speaker=PER%3Ajoko+widodo&about=nikel", 2),
    ("about=nikel&outlet=Suara+Timur", 1),
    ("speaker=Sergei+Lavrov&since=2022-05-01", 2),
    ("about=tidakada", 0),
])
def test_quotes_filters(client, params, expected):
    html = get(client, f"/quotes?{params}")
    assert f"{expected} hasil" in html


def test_quotes_link_speaker_and_article(client):
    html = get(client, "/quotes?about=nikel")
    assert 'href="/entities/PER:joko%20widodo"' in html
    assert 'href="/articles/idn-chn-' in html


# --- language, static, no-JS -----------------------------------------------------------------

def test_english_switch_sets_a_cookie_and_sticks(client):
    html = get(client, "/search?q=Lavrov&lang=en")
    assert "7 results" in html and '<html lang="en">' in html
    assert client.cookies.get("lang") == "en"
    assert "7 results" in get(client, "/search?q=Lavrov")
    assert "7 hasil" in get(client, "/search?q=Lavrov&lang=id")


def test_language_switch_link_keeps_the_query(client):
    html = get(client, "/search?q=Lavrov&outlet=Warta+Nusantara")
    p = parse(html)
    switch = next(a["href"] for t, a in p.elements if t == "a" and "lang" in (a.get("class") or ""))
    assert "q=Lavrov" in switch and "lang=en" in switch and "outlet=Warta+Nusantara" in switch


def test_article_with_url_id_and_odd_characters(tmp_path):
    art = webstore.jokowi_article("https://warta.example/a?b=1#c", outlet="Warta Nusantara")
    db = webstore.write_store(tmp_path / "odd.db", [art])
    with TestClient(create_app(db)) as c:
        href = "/articles/" + quote(art.id, safe="")
        html = get(c, href)
        switch = next(a["href"] for t, a in parse(html).elements if t == "a" and "lang" in (a.get("class") or ""))
        assert "Sepakat Perluas" in get(c, switch)
        assert href in get(c, "/search?q=nikel")


@pytest.mark.parametrize("name,ctype", [("pantau.css", "text/css"), ("pantau.js", "text/javascript")])
def test_static_assets_are_served_by_pantau(client, name, ctype):
    r = client.get(f"/static/{name}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)


@pytest.mark.parametrize("name", ["../pages.py", "..%2Fpages.py", "nope.css", ".hidden.css", "pages.py"])
def test_static_serves_nothing_else(client, name):
    assert client.get(f"/static/{name}").status_code == 404


def test_no_page_needs_a_third_party_asset(client):
    for url in ("/search?q=Lavrov", "/articles/rus-ukr-2", "/entities/id:RUS", "/relations?a=RUS&b=UKR",
                "/quotes"):
        p = parse(get(client, url))
        for t, a in p.elements:
            if t in ("script", "link", "img"):
                v = a.get("src") or a.get("href") or ""
                assert v.startswith("/"), (url, t, v)


def test_every_page_works_as_plain_html_forms(client):
    """Without JS a user can fill every filter: they are GET forms with named fields."""
    html = get(client, "/search")
    assert '<form class="filters card" method="get" action="/search"' in html
    for name in ("q", "since", "until", "rubric", "outlet"):
        assert f'name="{name}"' in html
    html = get(client, "/quotes")
    for name in ("speaker", "about", "outlet", "since", "until"):
        assert f'name="{name}"' in html


def test_phone_width_meta_is_present(client):
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in get(client, "/quotes")


def test_root_goes_to_search(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"] == "/search"
