"""The ``text`` view of an analysed article: readable in a terminal, coloured where it allows."""
from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .model import Article


def make_console(file=None) -> Console:
    # highlight=False: rich would otherwise colour numbers inside Indonesian text at random
    return Console(file=file or sys.stdout, highlight=False, soft_wrap=False)


def _table(title: str, *cols: str) -> Table:
    t = Table(title=title, title_justify="left", title_style="bold", show_lines=False, expand=False)
    for c in cols:
        t.add_column(c, overflow="fold")
    return t


def entities_table(a: Article) -> Table:
    t = _table(f"Entitas ({len(a.entities)})", "name", "type", "id", "country", "role", "mentions")
    for e in sorted(a.entities, key=lambda e: (-len(e.mentions), e.name)):
        t.add_row(e.name, e.type, e.id or "", e.country or "", e.role or "", str(len(e.mentions)))
    return t


def quotes_table(a: Article) -> Table:
    t = _table(f"Kutipan ({len(a.quotes)})", "speaker", "kind", "cue", "via", "text")
    for q in a.quotes:
        t.add_row(q.speaker or "?", q.kind, q.cue or "", q.via or "", q.text)
    return t


def events_table(a: Article) -> Table:
    t = _table(f"Peristiwa ({len(a.events)})", "source", "target", "code", "quad", "goldstein", "evidence")
    for e in a.events:
        t.add_row(e.source, e.target, e.code, str(e.quad), f"{e.goldstein:+.1f}", e.evidence)
    return t


def dates_table(a: Article) -> Table:
    t = _table(f"Tanggal ({len(a.dates)})", "text", "value", "precision", "offset")
    for d in a.dates:
        t.add_row(d.text, d.value, d.precision, f"{d.start}-{d.end}")
    return t


TABLES = {"entities": entities_table, "quotes": quotes_table, "events": events_table, "dates": dates_table}


def render_article(a: Article, console: Console | None = None, *, only: str | None = None,
                   origin: str | None = None) -> None:
    c = console or make_console()
    if only:
        c.print(Text(f"{a.headline or origin or a.id}", style="bold"))
        c.print(TABLES[only](a))
        return
    c.rule(Text(origin or a.id, style="dim"))
    if a.rubric:
        c.print(Text(a.rubric.upper(), style="bold magenta"))
    if a.headline:
        c.print(Text(a.headline, style="bold"))
    if a.lead:
        c.print(Text(a.lead, style="italic"))
    meta = []
    if a.dateline:
        meta.append(f"dateline: {a.dateline.outlet or '-'} / {a.dateline.place or '-'}")
    meta.append(f"published: {a.published or '-'}")
    meta.append(f"{len(a.body)} paragraphs")
    if a.source:
        meta.append(f"source: {a.source}")
    c.print(Text(" · ".join(meta), style="cyan"))
    for r in a.related:
        c.print(Text(f"  ↪ {r}", style="dim"))
    for name in ("entities", "quotes", "events", "dates"):
        if getattr(a, name):
            c.print(TABLES[name](a))
    for w in a.warnings:
        c.print(Text(f"warning: {w}", style="yellow"))
