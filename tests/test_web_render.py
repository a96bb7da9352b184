"""The dashboard's pure renderers: highlighted article text, search snippets, SVG charts, labels."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from pantau.model import Article, DateRef, Entity, Event, EventMention, Quote, Span
from pantau.web.charts import Edge, Node, PeriodRow, goldstein_colour, network_chart, relations_chart, timeline_chart
from pantau.web.highlight import Mark, highlight_article, layout_marks, render_highlighted, render_snippet, safe_url
from pantau.web.i18n import pick_lang, translator

VOID = {"br", "img", "hr", "input", "meta", "link"}


class _Nesting(HTMLParser):
    """Checks that tags nest properly and collects the text the reader would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a" and "a" in self.stack:
            self.errors.append("nested <a>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"bad close {tag} with stack {self.stack}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Nesting:
    p = _Nesting()
    p.feed(html)
    p.close()
    return p


def visible_text(html: str) -> str:
    """Text minus the K1/P1 reference markers that follow quotes and events."""
    cleaned = re.sub(r'<a class="ref[^>]*>[^<]*</a>', "", html)
    return "".join(parse(cleaned).text)


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


TEXT = ("Internasional\nRusia dan China Perkuat Kerja Sama\n"
        "MOSKWA - Menteri Luar Negeri Rusia Sergei Lavrov bertemu Wang Yi di Beijing pada Rabu (16/3/2022). "
        "\"Kami sepakat memperdalam kerja sama dengan China,\" kata Lavrov kepada wartawan.")


def sample_article(text: str = TEXT) -> Article:
    lav = Entity("Sergei Lavrov", "PER", country="RUS", role="Menteri Luar Negeri",
                 mentions=[span(text, "Sergei Lavrov"), span(text, "Lavrov", 1)])
    china = Entity("China", "GPE", id="CHN", mentions=[span(text, "China"), span(text, "China", 1)])
    q_text = "Kami sepakat memperdalam kerja sama dengan China,"
    qs = span(text, q_text)
    quote = Quote(q_text, "direct", "Sergei Lavrov", "kata", qs.start, qs.end)
    ev_sent = span(text, "Sergei Lavrov bertemu Wang Yi di Beijing")
    event = Event("RUSGOV", "RUS", "CHNGOV", "CHN", "040", "04", 1, 1.0, ev_sent.text, ev_sent.start, ev_sent.end,
                  mentions=[EventMention(ev_sent.text, ev_sent.start, ev_sent.end)])
    d = span(text, "Rabu (16/3/2022)")
    date = DateRef(d.text, "2022-03-16", "day", d.start, d.end)
    return Article(id="a1", text=text, headline="Rusia dan China Perkuat Kerja Sama",
                   entities=[lav, china], quotes=[quote], events=[event], dates=[date])


def test_highlight_keeps_every_character_once_and_nests():
    a = sample_article()
    html = str(highlight_article(a, entity_href=lambda e: f"/entities/{e.id or e.name}"))
    p = parse(html)
    assert p.errors == []
    assert visible_text(html) == a.text
    assert html.count('class="hl hl-entity') == 4
    assert 'href="/entities/CHN"' in html
    assert "CAMEO 040" in html and "Goldstein +1.0" in html
    assert 'title="Tanggal: 2022-03-16"' in html
    # the quote's reference marker links to its side-list row
    assert 'href="#quote-0"' in html and 'href="#event-0"' in html


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(document.cookie)",
])
def test_highlight_escapes_hostile_text(payload):
    text = f"Juru bicara {payload} mengatakan Jakarta aman."
    ent = Entity("Jakarta <b>", "GPE", mentions=[span(text, "Jakarta")])
    q = span(text, payload)
    a = Article(id="x", text=text, entities=[ent],
                quotes=[Quote(payload, "direct", payload, "kata", q.start, q.end)])
    html = str(highlight_article(a, entity_href=lambda e: "/entities/GPE%3Ajakarta"))
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")  # only as escaped text
    assert 'href="javascript' not in html
    assert visible_text(html) == text
    assert parse(html).errors == []


def test_crossing_spans_are_cut_and_reopened():
    text = "abcdefghij"
    marks = [Mark(0, 6, "quote", 0, "q"), Mark(4, 9, "event", 0, "e"), Mark(5, 8, "entity", 0, "n", href="/x")]
    html = str(render_highlighted(text, marks))
    p = parse(html)
    assert p.errors == []
    assert visible_text(html) == text
    # the event crosses the quote's end: two pieces, the reference only after the last one
    assert html.count('data-kind="event"') == 2
    assert html.count('href="#event-0"') == 1
    # the entity crosses the quote's end too and becomes two links, neither nested in another link
    assert html.count('href="/x"') == 2


def test_reference_marker_never_lands_inside_an_entity_link():
    text = "Presiden Joko Widodo"
    marks = [Mark(0, 20, "entity", 0, "Joko", href="/e/1"), Mark(9, 20, "event", 0, "ev")]
    html = str(render_highlighted(text, marks))
    assert parse(html).errors == []
    assert html.endswith('</a><a class="ref ref-event" href="#event-0" title="ev">P1</a>')


@pytest.mark.parametrize("marks", [
    [Mark(-5, 3, "entity", 0, "t")],
    [Mark(8, 50, "date", 0, "t")],
    [Mark(4, 2, "entity", 0, "t"), Mark(3, 3, "date", 0, "t")],
])
def test_out_of_range_or_empty_offsets_do_not_break_text(marks):
    text = "Kemarin sore"
    html = str(render_highlighted(text, marks))
    assert visible_text(html) == text
    assert parse(html).errors == []


def test_layout_of_identical_spans_puts_outer_layer_outside():
    toks = layout_marks([Mark(0, 4, "date", 0, "d"), Mark(0, 4, "quote", 0, "q")], 4)
    opens = [m.kind for k, _, m in toks if k == "open"]
    assert opens == ["quote", "date"]


@pytest.mark.parametrize("url,ok", [
    ("https://www.antaranews.com/berita/1", True),
    ("http://kompas.id/a?b=1", True),
    ("javascript:alert(1)", False),
    ("  JavaScript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox", False),
    ("//evil.example/x", False),
    ("", False),
    (None, False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_snippet_markers_become_mark_and_html_is_escaped():
    s = "\ue000Prabowo\ue001 bertemu <script>x</script> di \ue000Istana\ue001"
    html = str(render_snippet(s, "\ue000", "\ue001"))
    assert html == "<mark>Prabowo</mark> bertemu &lt;script&gt;x&lt;/script&gt; di <mark>Istana</mark>"


def test_snippet_with_unbalanced_marker_is_closed():
    assert str(render_snippet("\ue000Jakarta banjir", "\ue000", "\ue001")) == "<mark>Jakarta banjir</mark>"


def test_timeline_chart_is_svg_with_escaped_labels_and_links():
    svg = str(timeline_chart([("2022-01", 3), ("<b>", 5)], label="Sebutan <x>", href=lambda p: f"/s?m={p}"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert svg.count("<rect") == 2
    assert parse(svg).errors == []


def test_relations_chart_stacks_quads_and_links_each_period():
    rows = [PeriodRow("2022-03", {1: 2, 4: 1}, -1.5), PeriodRow("2022-04", {3: 4}, -4.0)]
    svg = str(relations_chart(rows, label="RUS–UKR", quad_names={1: "a", 2: "b", 3: "c", 4: "d"},
                              mean_label="rata-rata", href=lambda p: f"?period={p}#evidence"))
    assert svg.count('class="bar quad-') == 3
    assert svg.count('class="gsdot"') == 2
    assert svg.count('href="?period=2022-03#evidence"') == 2  # the bars and the point
    assert parse(svg).errors == []
    assert relations_chart([], label="x", quad_names={}, mean_label="m") == ""


def test_network_chart_colours_edges_by_goldstein():
    nodes = [Node("RUS", "Rusia", 5, "/entities/RUS"), Node("UKR", "Ukraina <i>", 3), Node("USA", "AS", 1)]
    edges = [Edge("RUS", "UKR", 4, -7.0, "/relations?a=RUS&b=UKR"), Edge("USA", "UKR", 1, 5.0)]
    svg = str(network_chart(nodes, edges, label="Jaringan"))
    assert goldstein_colour(-7.0) in svg and goldstein_colour(5.0) in svg
    assert "&lt;i&gt;" in svg
    assert parse(svg).errors == []


def test_goldstein_colour_diverges():
    assert goldstein_colour(-10) == "#b2182b"
    assert goldstein_colour(10) == "#1b7837"
    assert goldstein_colour(0) == "#969696"
    assert goldstein_colour(None) == "#969696"


@pytest.mark.parametrize("query,cookies,lang", [
    ({}, {}, "id"),
    ({"lang": "en"}, {}, "en"),
    ({}, {"lang": "en"}, "en"),
    ({"lang": "id"}, {"lang": "en"}, "id"),
    ({"lang": "fr"}, {}, "id"),
])
def test_pick_lang(query, cookies, lang):
    assert pick_lang(query, cookies) == lang


def test_translator_formats_and_flags_unknown_keys():
    assert translator("id")("search.results", n=3) == "3 hasil"
    assert translator("en")("search.results", n=3) == "3 results"
    assert translator("en")("no.such.key") == "no.such.key"


def test_every_label_the_templates_use_exists_in_both_languages():
    from pathlib import Path

    from pantau.web.i18n import LABELS

    src = Path(__file__).resolve().parents[1] / "src" / "pantau" / "web"
    used: set[str] = set()
    for path in [*(src / "templates").glob("*.html"), src / "pages.py", src / "highlight.py"]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    assert len(used) > 40
    missing = sorted(k for k in used if k not in LABELS)
    assert missing == []
    assert all(ind.strip() and en.strip() for ind, en in LABELS.values())
