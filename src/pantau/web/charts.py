"""Charts as inline SVG, drawn on the server: no third-party JavaScript, and they work without JS.

Each function returns :class:`markupsafe.Markup` holding one ``<svg>`` element that scales to its
container (``viewBox`` plus ``width=100%``).  Hover text uses SVG ``<title>`` (the browser's own
tooltip); clickable parts are SVG ``<a>`` links to pages or anchors that Pantau builds, so a chart
point "opens" its evidence by plain navigation.  Every label is escaped: entity names come from
articles and are untrusted.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Sequence

from markupsafe import Markup, escape

# GDELT's quad classes: cooperation in greens, conflict in reds; verbal lighter than material.
QUAD_COLOURS = {1: "#7fbf7b", 2: "#1b7837", 3: "#f4a582", 4: "#b2182b"}
_NEG, _MID, _POS = (178, 24, 43), (150, 150, 150), (27, 120, 55)


def goldstein_colour(g: float | None) -> str:
    """A diverging colour for a Goldstein score in [-10, 10]: red (conflict), grey, green (cooperation)."""
    if g is None or math.isnan(g):
        return "#969696"
    x = max(-1.0, min(1.0, g / 10.0))
    far = _POS if x > 0 else _NEG
    a = abs(x) ** 0.6  # lift small values off grey so that -2 and +2 are told apart
    r, gr, b = (round(m + (f - m) * a) for m, f in zip(_MID, far))
    return f"#{r:02x}{gr:02x}{b:02x}"


def _e(s: object) -> str:
    return str(escape(str(s)))


def _nice_max(v: float) -> float:
    """A round axis maximum at or above ``v`` (1, 2, 5 × 10^k)."""
    if v <= 0:
        return 1.0
    k = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 5, 10):
        if v <= m * k:
            return float(m * k)
    return float(10 * k)


def _label_step(n: int, room: int) -> int:
    return max(1, math.ceil(n / max(1, room)))


def _svg_open(w: int, h: int, label: str, css: str) -> str:
    return (f'<svg class="chart {css}" viewBox="0 0 {w} {h}" width="100%" role="img" '
            f'aria-label="{_e(label)}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{_e(label)}</title>")


def timeline_chart(
    points: Sequence[tuple[str, int]],
    *,
    label: str,
    href: Callable[[str], str | None] | None = None,
    width: int = 640,
    height: int = 180,
) -> Markup:
    """Bars of a count per period (``[("2022-03", 12), ...]``, in time order)."""
    if not points:
        return Markup("")
    left, right, top, bottom = 36, 8, 10, 34
    pw, ph = width - left - right, height - top - bottom
    ymax = _nice_max(max(c for _, c in points))
    n = len(points)
    slot = pw / n
    bw = max(1.0, slot * 0.8)
    out = [_svg_open(width, height, label, "timeline")]
    for frac in (0, 0.5, 1):
        y = top + ph - frac * ph
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{ymax * frac:g}</text>')
    step = _label_step(n, pw // 60)
    for i, (period, count) in enumerate(points):
        x = left + i * slot + (slot - bw) / 2
        h = ph * count / ymax
        bar = (f'<rect class="bar" x="{x:.1f}" y="{top + ph - h:.1f}" width="{bw:.1f}" height="{h:.1f}">'
               f"<title>{_e(period)}: {count}</title></rect>")
        link = href(period) if href else None
        out.append(f'<a href="{_e(link)}">{bar}</a>' if link else bar)
        if i % step == 0:
            out.append(f'<text class="axis" x="{x + bw / 2:.1f}" y="{height - bottom + 14}" '
                       f'text-anchor="middle">{_e(period)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


@dataclass(slots=True)
class PeriodRow:
    """Events between two actors in one period: counts per quad class and their mean Goldstein."""

    period: str
    counts: dict[int, int] = field(default_factory=dict)
    mean_goldstein: float | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def relations_chart(
    rows: Sequence[PeriodRow],
    *,
    label: str,
    quad_names: dict[int, str],
    mean_label: str,
    href: Callable[[str], str] | None = None,
    width: int = 720,
    height: int = 260,
) -> Markup:
    """Stacked bars of events per quad class per period, with the mean Goldstein as a line on a
    second axis (-10..+10), the way GDELT charts a dyad.  Bars and points link to ``href(period)``."""
    if not rows:
        return Markup("")
    left, right, top, bottom = 36, 36, 12, 38
    pw, ph = width - left - right, height - top - bottom
    ymax = _nice_max(max(r.total for r in rows))
    n = len(rows)
    slot = pw / n
    bw = max(1.0, slot * 0.7)
    out = [_svg_open(width, height, label, "relations")]
    for frac in (0, 0.5, 1):
        y = top + ph - frac * ph
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{ymax * frac:g}</text>'
                   f'<text class="axis gs" x="{width - right + 4}" y="{y + 4:.1f}">{-10 + 20 * frac:+g}</text>')
    zero = top + ph / 2
    out.append(f'<line class="zero" x1="{left}" x2="{width - right}" y1="{zero:.1f}" y2="{zero:.1f}"/>')
    step = _label_step(n, pw // 70)
    line_pts: list[tuple[float, float, PeriodRow]] = []
    for i, row in enumerate(rows):
        x = left + i * slot + (slot - bw) / 2
        y = top + ph
        pieces = []
        for quad in (1, 2, 3, 4):
            c = row.counts.get(quad, 0)
            if not c:
                continue
            h = ph * c / ymax
            y -= h
            pieces.append(f'<rect class="bar quad-{quad}" fill="{QUAD_COLOURS[quad]}" x="{x:.1f}" y="{y:.1f}" '
                          f'width="{bw:.1f}" height="{h:.1f}"><title>{_e(row.period)} · '
                          f"{_e(quad_names.get(quad, quad))}: {c}</title></rect>")
        link = href(row.period) if href else None
        group = "".join(pieces)
        out.append(f'<a class="period" href="{_e(link)}">{group}</a>' if link else group)
        if row.mean_goldstein is not None:
            gy = top + ph * (10 - max(-10.0, min(10.0, row.mean_goldstein))) / 20
            line_pts.append((x + bw / 2, gy, row))
        if i % step == 0:
            out.append(f'<text class="axis" x="{x + bw / 2:.1f}" y="{height - bottom + 14}" '
                       f'text-anchor="middle">{_e(row.period)}</text>')
    if len(line_pts) > 1:
        d = " ".join(f"{'M' if k == 0 else 'L'}{px:.1f},{py:.1f}" for k, (px, py, _) in enumerate(line_pts))
        out.append(f'<path class="gsline" d="{d}" fill="none"/>')
    for px, py, row in line_pts:
        dot = (f'<circle class="gsdot" cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{goldstein_colour(row.mean_goldstein)}">'
               f"<title>{_e(row.period)} · {_e(mean_label)} {row.mean_goldstein:+.2f} ({row.total})</title></circle>")
        link = href(row.period) if href else None
        out.append(f'<a href="{_e(link)}">{dot}</a>' if link else dot)
    out.append("</svg>")
    return Markup("".join(out))


@dataclass(slots=True)
class Node:
    key: str
    label: str
    weight: int = 1
    href: str | None = None


@dataclass(slots=True)
class Edge:
    a: str
    b: str
    count: int
    mean_goldstein: float | None
    href: str | None = None


def network_chart(nodes: Sequence[Node], edges: Sequence[Edge], *, label: str, size: int = 480) -> Markup:
    """Actors on a circle (heaviest first, so the layout is stable), edges coloured by mean Goldstein
    and as wide as their event count; nodes link to entity pages, edges to the relations page."""
    if not nodes:
        return Markup("")
    order = sorted(nodes, key=lambda n: (-n.weight, n.label))
    cx = cy = size / 2
    radius = size / 2 - 70
    pos: dict[str, tuple[float, float]] = {}
    for i, node in enumerate(order):
        ang = -math.pi / 2 + 2 * math.pi * i / len(order)
        pos[node.key] = (cx + radius * math.cos(ang), cy + radius * math.sin(ang))
    wmax = max(n.weight for n in order)
    cmax = max((e.count for e in edges), default=1)
    out = [_svg_open(size, size, label, "network")]
    for e in sorted(edges, key=lambda e: e.count):
        if e.a not in pos or e.b not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
        w = 1.5 + 6 * e.count / cmax
        gs = "" if e.mean_goldstein is None else f" · Goldstein {e.mean_goldstein:+.2f}"
        line = (f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke="{goldstein_colour(e.mean_goldstein)}" stroke-width="{w:.1f}">'
                f"<title>{_e(e.a)} – {_e(e.b)}: {e.count}{gs}</title></line>")
        out.append(f'<a href="{_e(e.href)}">{line}</a>' if e.href else line)
    for node in order:
        x, y = pos[node.key]
        r = 5 + 9 * math.sqrt(node.weight / wmax)
        anchor = "start" if x >= cx else "end"
        dx = r + 3 if x >= cx else -(r + 3)
        g = (f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{_e(node.label)} ({node.weight})'
             f'</title></circle><text class="nlabel" x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
             f"{_e(node.label[:28])}</text>")
        out.append(f'<a href="{_e(node.href)}">{g}</a>' if node.href else g)
    out.append("</svg>")
    return Markup("".join(out))
