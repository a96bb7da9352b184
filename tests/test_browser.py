"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against a real uvicorn server.

The walk an analyst takes: search -> article -> entity -> relations -> the evidence of one point.
Screenshots of each step land in test-artifacts/ (phone width too).  Without /usr/bin/chromium the
tests skip and say how to install it; in CI (PANTAU_CI=1) they never skip.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CI = os.environ.get("PANTAU_CI") == "1"
pytestmark = pytest.mark.browser


def _unavailable(why: str) -> None:
    if CI:
        pytest.fail(f"{why} (PANTAU_CI=1: browser tests must run)")
    pytest.skip(why)


if not CHROMIUM.exists():
    _unavailable("Chromium is not installed at /usr/bin/chromium; install it with: sudo apt-get install chromium")
try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - dev extras not installed
    _unavailable("playwright is not installed; install the dev extras: pip install -e '.[dev]'")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webstore  # noqa: E402

SERVER = """
import sys, uvicorn
from pantau.web.app import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = webstore.write_store(tmp_path_factory.mktemp("browser") / "pantau.db", webstore.sample_articles())
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {proc.stdout.read().decode(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("server did not start within 30 s")
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                               args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


def _watch(page: Page) -> list[str]:
    """Collects what must never happen: a dialog (an injected alert), a console error (e.g. a CSP block)."""
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    return problems


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_walk_search_article_entity_relations(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    problems = _watch(page)

    page.goto(f"{server}/search")
    page.get_by_role("searchbox").first.fill("Lavrov")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("#total")).to_contain_text("7 hasil")
    expect(page.locator("ol.results mark").first).to_have_text("Lavrov")
    shot(page, "01-search")

    page.locator("ol.results li a").first.click()
    expect(page).to_have_url(re.compile(r"/articles/rus-ukr-\d+$"))
    expect(page.locator(".article-text .hl-entity").first).to_be_visible()
    # a click on a quote marks its row in the side list (the JS enhancement)
    page.locator(".article-text .hl-quote").first.click()
    expect(page.locator("#quote-0")).to_have_class(re.compile(r"\bactive\b"))
    ev = page.locator(".article-text .hl-event").first
    assert "CAMEO" in (ev.get_attribute("title") or "") and "Goldstein" in (ev.get_attribute("title") or "")
    shot(page, "02-article")

    page.locator(".article-text a.hl-entity", has_text="Sergei Lavrov").first.click()
    expect(page.locator("h1")).to_contain_text("Sergei Lavrov")
    expect(page.locator("svg.timeline rect.bar")).to_have_count(6)
    shot(page, "03-entity")

    page.locator("#cooccur li", has_text="Ukraina").locator("a", has_text="relasi").click()
    expect(page.locator("svg.relations")).to_be_visible()
    expect(page.locator("svg.relations circle.gsdot")).to_have_count(6)
    shot(page, "04-relations")

    # each point opens its evidence sentences
    page.locator("svg.relations a:has(circle.gsdot)").nth(2).click()
    expect(page.locator("#evidence")).to_contain_text("2022-03")
    expect(page.locator("#evidence ol.evidence li")).to_have_count(2)
    shot(page, "05-evidence")

    page.locator("#evidence ol.evidence li a").first.click()
    expect(page.locator(".article-text")).to_be_visible()
    assert problems == []
    ctx.close()


def test_hostile_article_runs_nothing(server, browser):
    ctx = browser.new_context()
    page = ctx.new_page()
    problems = _watch(page)
    for path in ("/articles/xss-1", "/search?q=banjir", "/quotes?about=lutut"):
        page.goto(server + path)
        page.wait_for_load_state("load")
    assert page.evaluate("document.querySelectorAll('script:not([src]), img, iframe').length") == 0
    shot(page, "06-hostile-quotes")
    assert problems == [], problems
    ctx.close()


def test_phone_width_has_no_sideways_scroll(server, browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                              has_touch=True)
    page = ctx.new_page()
    for name, path in (("07-phone-search", "/search?q=Lavrov"), ("08-phone-article", "/articles/idn-chn-1"),
                       ("09-phone-entity", "/entities/PER:joko%20widodo"),
                       ("10-phone-relations", "/relations?a=RUS&b=UKR&period=2022-03#evidence")):
        page.goto(server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (path, overflow)
        shot(page, name)
    ctx.close()


def test_walk_works_without_javascript(server, browser):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(f"{server}/search")
    page.locator("input[name=q]").fill("nikel")
    page.locator("select[name=outlet]").select_option("Suara Timur")
    page.locator("form.filters button[type=submit]").click()
    expect(page.locator("#total")).to_contain_text("1 hasil")
    page.locator("ol.results li a").first.click()
    expect(page.locator("h1")).to_contain_text("Jokowi")
    # the reference marker after a quote jumps to its row in the side list
    page.locator("a.ref-quote").first.click()
    assert page.url.endswith("#quote-0")
    page.locator("#entities a", has_text="Joko Widodo").click()
    expect(page.locator("svg.timeline")).to_be_visible()
    page.goto(f"{server}/relations?a=IDN&b=CHN")
    page.locator("table.data a").first.click()
    expect(page.locator("#evidence ol.evidence li")).to_have_count(4)
    shot(page, "11-nojs-evidence")
    ctx.close()


def test_english_switch_in_the_browser(server, browser):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{server}/search?q=Lavrov")
    page.locator("header a.lang").click()
    expect(page.locator("#total")).to_contain_text("7 results")
    page.goto(f"{server}/quotes")
    expect(page.locator("h1")).to_have_text("Who said what")
    ctx.close()
