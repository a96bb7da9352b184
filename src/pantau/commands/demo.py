"""``pantau demo``: analyse the sample corpus that ships with Pantau and print a readable summary.

The corpus is ``pantau/samples/articles/*.txt`` (twenty short articles written for the project; see its
README) with publication dates in ``samples/published.tsv``.  It is found next to this package, so
the command works from any directory and from an installed wheel.

The work is split so later commands can reuse it: ``load_samples`` reads the corpus,
``analyse_samples`` runs the pipeline, ``summarise`` aggregates, ``print_summary`` renders.
``run_demo`` does all four and returns the summary.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..doc import RawDoc
from ..errors import InputError
from ..model import Article
from ..pipeline import analyze
from ..readers import ReadFailure, iter_inputs
from ..resources import Resources, get_resources

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"


def load_samples(directory: Path = SAMPLES_DIR) -> list[RawDoc]:
    """The sample articles in file order, each with its ``published`` date from ``published.tsv``."""
    dates: dict[str, str] = {}
    tsv = directory / "published.tsv"
    if tsv.exists():
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and not line.startswith("file\t"):
                name, _, date = line.partition("\t")
                dates[name] = date.strip()
    docs: list[RawDoc] = []
    for item in iter_inputs([str(p) for p in sorted((directory / "articles").glob("*.txt"))]):
        if isinstance(item, ReadFailure):
            raise InputError(item.reason, source=item.origin)
        name = Path(item.origin).name
        item.published = dates.get(name)
        item.id = "sample:" + Path(name).stem
        docs.append(item)
    return docs


def analyse_samples(docs: Sequence[RawDoc] | None = None, *, resources: Resources | None = None) -> list[Article]:
    res = resources or get_resources()
    return [analyze(d, resources=res) for d in (docs if docs is not None else load_samples())]


@dataclass(slots=True)
class DemoSummary:
    articles: list[Article]
    seconds: float = 0.0
    #: (name, type) -> number of articles that mention the entity
    entity_articles: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: (name, type) -> number of mentions over the corpus
    entity_mentions: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: speaker -> number of quotes
    speakers: Counter[str] = field(default_factory=Counter)
    #: CAMEO root -> number of events
    event_roots: Counter[str] = field(default_factory=Counter)

    @property
    def totals(self) -> dict[str, int]:
        return {
            "articles": len(self.articles),
            "entities": sum(len(a.entities) for a in self.articles),
            "quotes": sum(len(a.quotes) for a in self.articles),
            "events": sum(len(a.events) for a in self.articles),
            "dates": sum(len(a.dates) for a in self.articles),
        }


def summarise(articles: Sequence[Article], seconds: float = 0.0) -> DemoSummary:
    s = DemoSummary(list(articles), seconds)
    for a in articles:
        for e in a.entities:
            s.entity_articles[(e.name, e.type)] += 1
            s.entity_mentions[(e.name, e.type)] += len(e.mentions)
        for q in a.quotes:
            if q.speaker:
                s.speakers[q.speaker] += 1
        for ev in a.events:
            s.event_roots[ev.root] += 1
    return s


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def print_summary(s: DemoSummary, console: Console, *, top: int = 10) -> None:
    tot = s.totals
    rate = f", {tot['articles'] / s.seconds:.0f} artikel/detik" if s.seconds > 0 else ""
    console.print(Text(f"Pantau demo: {tot['articles']} artikel contoh dianalisis ({s.seconds:.2f} s{rate})",
                       style="bold"))
    per = Table(title="Per artikel", title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, pad_edge=False,
                caption="E entitas · K kutipan · P peristiwa · T tanggal", caption_justify="left")
    # widths fitted to the console (80 columns when piped): the headline takes what is left
    title_w = max(20, min(70, console.width - 54))
    per.add_column("#", justify="right", no_wrap=True, min_width=2)
    per.add_column("terbit", no_wrap=True, min_width=10)
    per.add_column("judul", no_wrap=True, overflow="ellipsis", min_width=title_w, max_width=title_w)
    per.add_column("tempat", no_wrap=True, overflow="ellipsis", max_width=12)
    for col in ("E", "K", "P", "T"):
        per.add_column(col, justify="right", no_wrap=True, min_width=2)
    for i, a in enumerate(s.articles, 1):
        place = (a.dateline.place or a.dateline.outlet or "") if a.dateline else ""
        per.add_row(str(i), a.published or "", a.headline or a.id, place, str(len(a.entities)),
                    str(len(a.quotes)), str(len(a.events)), str(len(a.dates)))
    console.print(per)

    ents = Table(title=f"Entitas teratas (dari {len(s.entity_articles)})", title_justify="left", title_style="bold",
                 box=box.SIMPLE_HEAD)
    for col in ("nama", "tipe", "artikel", "sebutan"):
        ents.add_column(col, justify="right" if col in ("artikel", "sebutan") else "left")
    for (name, typ), n in sorted(s.entity_articles.items(), key=lambda kv: (-kv[1], -s.entity_mentions[kv[0]],
                                                                          kv[0][0]))[:top]:
        ents.add_row(name, typ, str(n), str(s.entity_mentions[(name, typ)]))
    console.print(ents)

    quotes = [(a, q) for a in s.articles for q in a.quotes if q.kind == "direct" and q.speaker]
    qt = Table(title=f"Kutipan langsung (satu per pembicara, dari {tot['quotes']} kutipan)",
               title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    qt.add_column("pembicara", max_width=24)
    qt.add_column("kutipan", overflow="fold")
    seen: set[str] = set()
    for a, q in quotes:
        if q.speaker in seen:
            continue  # one quote per speaker shows more of the corpus
        seen.add(q.speaker)  # type: ignore[arg-type]
        qt.add_row(q.speaker or "?", "“" + _short(q.text, 110) + "”")
        if len(seen) >= top:
            break
    console.print(qt)

    if s.event_roots:
        ev = ", ".join(f"{root}: {n}" for root, n in sorted(s.event_roots.items()))
        console.print(Text(f"Peristiwa CAMEO per kode akar: {ev}"))
    console.print(Text(f"Total: {tot['entities']} entitas, {tot['quotes']} kutipan, {tot['events']} peristiwa, "
                       f"{tot['dates']} tanggal.  Coba: pantau analyze {SAMPLES_DIR / 'articles' / '01-retno-jepang-maritim.txt'}",
                       style="dim"))


def run_demo(console: Console | None = None, *, top: int = 10) -> DemoSummary:
    from ..render import make_console

    console = console or make_console()
    docs = load_samples()
    t0 = time.perf_counter()
    articles = analyse_samples(docs)
    summary = summarise(articles, time.perf_counter() - t0)
    print_summary(summary, console, top=top)
    return summary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="analyse the built-in sample articles and print a summary",
                       description="Analyse the sample corpus that ships with Pantau (20 short Indonesian "
                                   "news articles written for the project) and print a summary: per article "
                                   "counts, the most mentioned entities and some direct quotes.")
    p.add_argument("--top", type=int, default=10, metavar="N", help="rows in the entity and quote tables")
    p.add_argument("--db", default="pantau.db", metavar="PATH",
                   help="store the samples in this fresh store, then serve it (default pantau.db)")
    p.add_argument("--port", type=int, default=8000, help="port for the server the demo starts (default 8000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    run_demo(top=args.top)
    try:  # the store half needs the corpus extra (store, web)
        from ..corpus.demo_store import store_samples
        from ..render import make_console
    except ImportError:
        return 0
    return store_samples(Path(args.db), make_console(), port=args.port)
