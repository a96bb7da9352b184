"""Article text as HTML with its annotations marked: escaped, nested, and clickable without JS.

Every annotation of an :class:`~pantau.model.Article` is a character span of ``Article.text``.
Spans of different kinds overlap freely (an entity inside a quote, a date inside an event's
evidence, an event sentence that starts inside a quote and ends after it), but HTML elements must
nest.  :func:`layout_marks` turns the spans into a properly nested sequence: wider and outer
layers (quotes, then events) open first, and a span that crosses the end of the span around it is
cut in two at that boundary, the second piece re-opened right after.  Nothing is dropped and every
character of the text appears exactly once, escaped.

Article text is untrusted: all text and attribute values go through :func:`markupsafe.escape`,
and the only links are the internal paths that ``entity_href`` returns (built by Pantau from ids,
never taken from the article).
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..model import Article, Entity
from .i18n import Translator, translator

# Outer layers first: a quote may hold an event sentence, which may hold entities and dates.
LAYER = {"quote": 0, "event": 1, "entity": 2, "date": 3}


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to highlight, with what the reader sees on hover and where a click goes."""

    start: int
    end: int
    kind: str            # quote | event | entity | date
    index: int           # position in the article's list of that kind (anchors #quote-3 etc.)
    title: str           # tooltip text (escaped when rendered)
    href: str | None = None   # internal link for entity mentions
    css: str = ""        # extra classes, e.g. "q-direct", "quad-3", "t-PER"
    head: bool = True    # first piece of a cut span (carries the id)
    tail: bool = True    # last piece (carries the reference marker)


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link, else None: ``javascript:``/``data:`` are never links."""
    if not url:
        return None
    cleaned = "".join(ch for ch in url.strip() if ch >= " " and ch != "\x7f")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return cleaned


def _fmt_goldstein(g: float) -> str:
    return f"{g:+.1f}"


def entity_title(e: Entity, t: Translator) -> str:
    bits = [e.name, t(f"type.{e.type}") if e.type in ("PER", "ORG", "GPE", "LOC") else e.type]
    if e.country:
        bits.append(e.country)
    if e.role:
        bits.append(e.role)
    if e.id:
        bits.append(f"id {e.id}")
    return " · ".join(bits)


def article_marks(
    article: Article,
    *,
    t: Translator | None = None,
    entity_href: Callable[[Entity], str | None] | None = None,
) -> list[Mark]:
    """All highlightable spans of ``article`` (entity mentions, quotes, event mentions, dates)."""
    t = t or translator("id")
    marks: list[Mark] = []
    for qi, q in enumerate(article.quotes):
        kind = t("tip.direct") if q.kind == "direct" else t("tip.indirect")
        bits = [f"{t('tip.quote')} ({kind})", f"{t('tip.speaker')}: {q.speaker or t('tip.unknown')}"]
        if q.cue:
            bits.append(f"{t('tip.cue')}: {q.cue}")
        if q.via:
            bits.append(f"{t('tip.via')}: {q.via}")
        marks.append(Mark(q.start, q.end, "quote", qi, " · ".join(bits), css=f"q-{q.kind}"))
    for ei, ev in enumerate(article.events):
        title = (f"{t('tip.event')} CAMEO {ev.code} · Goldstein {_fmt_goldstein(ev.goldstein)} · "
                 f"{ev.source_name or ev.source} → {ev.target_name or ev.target} · {t(f'quad.{ev.quad}')}")
        spans = {(m.start, m.end) for m in ev.mentions} or {(ev.start, ev.end)}
        for s, e in sorted(spans):
            marks.append(Mark(s, e, "event", ei, title, css=f"quad-{ev.quad}"))
    for ni, ent in enumerate(article.entities):
        title = entity_title(ent, t)
        href = entity_href(ent) if entity_href else None
        for m in ent.mentions:
            marks.append(Mark(m.start, m.end, "entity", ni, title, href=href, css=f"t-{ent.type}"))
    for di, d in enumerate(article.dates):
        title = f"{t('tip.date')}: {d.value}" + (f" ({t('tip.relative')})" if d.relative else "")
        marks.append(Mark(d.start, d.end, "date", di, title))
    return marks


def layout_marks(marks: Iterable[Mark], length: int) -> list[tuple[str, int, int | Mark]]:
    """A properly nested token stream: ``("text", start, end)``, ``("open", pos, mark)``, ``("close", pos, mark)``.

    Offsets outside ``[0, length]`` are clamped; empty or reversed spans are skipped.
    """
    heap: list[tuple[int, int, int, int, Mark]] = []
    seq = 0
    for m in marks:
        s, e = max(0, min(m.start, length)), max(0, min(m.end, length))
        if e <= s:
            continue
        if (s, e) != (m.start, m.end):
            m = replace(m, start=s, end=e)
        heapq.heappush(heap, (s, -e, LAYER.get(m.kind, 9), seq, m))
        seq += 1

    out: list[tuple[str, int, int | Mark]] = []
    stack: list[Mark] = []
    pos = 0

    def close_until(limit: int) -> None:
        # close every open span that ends at or before ``limit``, emitting the text up to its end
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            if pos < top.end:
                out.append(("text", pos, top.end))
                pos = top.end
            out.append(("close", top.end, top))

    while heap:
        _, _, _, _, m = heapq.heappop(heap)
        close_until(m.start)
        if pos < m.start:
            out.append(("text", pos, m.start))
            pos = m.start
        if stack and m.end > stack[-1].end:
            # crosses the end of its parent: keep the inside piece now, queue the rest
            cut = stack[-1].end
            rest = replace(m, start=cut, head=False)
            heapq.heappush(heap, (rest.start, -rest.end, LAYER.get(rest.kind, 9), seq, rest))
            seq += 1
            m = replace(m, end=cut, tail=False)
        out.append(("open", m.start, m))
        stack.append(m)
    close_until(length)
    if pos < length:
        out.append(("text", pos, length))
    return out


_REF_LETTER = {"quote": "K", "event": "P"}


def _open_tag(m: Mark) -> str:
    classes = f"hl hl-{m.kind}" + (f" {m.css}" if m.css else "")
    attrs = f' class="{escape(classes)}" title="{escape(m.title)}" data-kind="{m.kind}" data-index="{m.index}"'
    if m.kind == "entity" and m.href:
        return f'<a href="{escape(m.href)}"{attrs}>'
    if m.head and m.kind in ("quote", "event"):
        # the first piece of a quote or event carries an anchor target for the side list's links
        attrs += f' id="{m.kind}-{m.index}-at-{m.start}"'
    return f"<span{attrs}>"


def _is_link(m: Mark) -> bool:
    return m.kind == "entity" and m.href is not None


def _ref(m: Mark) -> str:
    # a small reference after a quote or event: a link to its row in the side list (works without JS)
    label = f"{_REF_LETTER[m.kind]}{m.index + 1}"
    return f'<a class="ref ref-{m.kind}" href="#{m.kind}-{m.index}" title="{escape(m.title)}">{label}</a>'


def render_highlighted(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` as escaped HTML with each mark wrapped in a span (entities with a link)."""
    parts: list[str] = []
    links_open = 0
    pending: list[str] = []  # references that would land inside an entity link (links cannot nest)
    for kind, pos, x in layout_marks(marks, len(text)):
        if kind == "text":
            parts.append(str(escape(text[pos:x])))  # type: ignore[misc]
        elif kind == "open":
            parts.append(_open_tag(x))  # type: ignore[arg-type]
            links_open += _is_link(x)  # type: ignore[arg-type]
        else:
            m: Mark = x  # type: ignore[assignment]
            parts.append("</a>" if _is_link(m) else "</span>")
            links_open -= _is_link(m)
            if m.tail and m.kind in _REF_LETTER:
                (pending if links_open else parts).append(_ref(m))
            if not links_open and pending:
                parts.extend(pending)
                pending.clear()
    parts.extend(pending)
    return Markup("".join(parts))


def highlight_article(
    article: Article,
    *,
    t: Translator | None = None,
    entity_href: Callable[[Entity], str | None] | None = None,
) -> Markup:
    """The article's full text as safe HTML with entities, quotes, events and dates highlighted."""
    return render_highlighted(article.text, article_marks(article, t=t, entity_href=entity_href))


def render_snippet(snippet: str, start_marker: str, end_marker: str) -> Markup:
    """A search snippet with match markers (as FTS5 ``snippet()`` leaves them) as escaped ``<mark>`` HTML.

    The markers are chosen by the caller to be characters that cannot occur in text (e.g. U+E000),
    so escaping the text first and then replacing the markers cannot let article HTML through.
    """
    html = str(escape(snippet))
    opened = 0
    out: list[str] = []
    i = 0
    while i < len(html):
        if html.startswith(start_marker, i) and opened == 0:
            out.append("<mark>")
            opened = 1
            i += len(start_marker)
        elif html.startswith(end_marker, i) and opened:
            out.append("</mark>")
            opened = 0
            i += len(end_marker)
        elif html.startswith(start_marker, i) or html.startswith(end_marker, i):
            i += len(start_marker if html.startswith(start_marker, i) else end_marker)  # stray marker
        else:
            out.append(html[i])
            i += 1
    if opened:
        out.append("</mark>")
    return Markup("".join(out))
