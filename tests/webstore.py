"""A small store of hand-annotated Indonesian news articles for the dashboard tests and benchmark.

The articles are written for these tests (no third-party text).  Their entities, quotes, events and
dates are filled by hand through :class:`Builder`, which records exact offsets while the text is
put together, so page tests never depend on the quality of the NLP stages.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

from pantau.doc import RawDoc
from pantau.model import Article, DateRef, Entity, Event, EventMention, Quote, Span
from pantau.store import Item, StoreWriter

# Goldstein scores and quad classes of the CAMEO codes used below (from the CAMEO codebook)
CODES = {"036": (4.0, 1), "040": (1.0, 1), "057": (8.0, 2), "061": (6.4, 2), "070": (7.0, 2),
         "112": (-2.0, 3), "130": (-4.4, 3), "172": (-5.0, 4), "190": (-10.0, 4)}


class Builder:
    """Appends text piece by piece and records the offsets of every annotated piece."""

    def __init__(self, id: str, *, headline: str, rubric: str, published: str, source: str | None,
                 url: str | None = None) -> None:
        self.id, self.rubric, self.published, self.source, self.url = id, rubric, published, source, url
        self.parts: list[str] = []
        self.pos = 0
        self.entities: dict[tuple[str, str], Entity] = {}
        self.quotes: list[Quote] = []
        self.events: list[Event] = []
        self.dates: list[DateRef] = []
        self.body: list[str] = []
        self._para_start: int | None = None
        self.add(rubric + "\n")
        self.headline = headline
        self.add(headline + "\n")

    def add(self, s: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return start, self.pos

    def para(self) -> "Builder":
        self._para_start = self.pos
        return self

    def end_para(self) -> "Builder":
        assert self._para_start is not None
        self.body.append("".join(self.parts)[self._para_start:self.pos])
        self.add("\n")
        return self

    def ent(self, surface: str, name: str, type_: str, *, id: str | None = None, country: str | None = None,
            role: str | None = None) -> "Builder":
        s, e = self.add(surface)
        ent = self.entities.setdefault((type_, name), Entity(name, type_, id=id, country=country, role=role))
        ent.mentions.append(Span(s, e, surface))
        return self

    def text(self, s: str) -> "Builder":
        self.add(s)
        return self

    def date(self, surface: str, value: str) -> "Builder":
        s, e = self.add(surface)
        self.dates.append(DateRef(surface, value, "day" if len(value) == 10 else "month", s, e))
        return self

    def mark(self) -> int:
        return self.pos

    def quote(self, start: int, speaker: str | None, cue: str, kind: str = "direct") -> "Builder":
        text = "".join(self.parts)[start:self.pos]
        self.quotes.append(Quote(text, kind, speaker, cue, start, self.pos))
        return self

    def event(self, start: int, source: str, target: str, code: str, *, source_name: str | None = None,
              target_name: str | None = None) -> "Builder":
        text = "".join(self.parts)[start:self.pos]
        gs, quad = CODES[code]
        self.events.append(Event(source, source[:3], target, target[:3], code, code[:2], quad, gs, text, start,
                                 self.pos, [EventMention(text, start, self.pos)], source_name, target_name))
        return self

    def build(self) -> Article:
        text = "".join(self.parts)
        for ent in self.entities.values():
            for m in ent.mentions:
                assert text[m.start:m.end] == m.text
        return Article(id=self.id, text=text, url=self.url, source=self.source, rubric=self.rubric,
                       headline=self.headline, published=self.published, body=self.body,
                       entities=list(self.entities.values()), quotes=self.quotes, events=self.events,
                       dates=self.dates, pantau_version="test")


MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


def lavrov_article(i: int, *, month: int = 3, day: int = 7, outlet: str = "Warta Nusantara",
                   code: str = "112", year: int = 2022) -> Article:
    """Russia accuses Ukraine: a quote by Lavrov and a RUSGOV->UKR event, in month ``month``."""
    pub = f"{year}-{month:02d}-{day:02d}"
    b = Builder(f"rus-ukr-{i}", headline="Rusia Tuduh Ukraina Langgar Gencatan Senjata", rubric="Internasional",
                published=pub, source=outlet, url=f"https://warta.example/internasional/{i}")
    b.para().text("MOSKWA - ")
    s = b.mark()
    b.text("Menteri Luar Negeri ").ent("Rusia", "Rusia", "GPE", id="RUS").text(" ")
    b.ent("Sergei Lavrov", "Sergei Lavrov", "PER", country="RUS", role="Menteri Luar Negeri")
    b.text(" menuduh ").ent("Ukraina", "Ukraina", "GPE", id="UKR").text(" melanggar gencatan senjata")
    b.event(s, "RUSGOV", "UKR", code, source_name="Sergei Lavrov", target_name="Ukraina")
    b.text(" pada ").date(f"Senin ({day}/{month}/{year})", pub).text(".").end_para()
    b.para().text('"')
    q = b.mark()
    b.text("Kami melihat serangan baru hampir setiap hari di wilayah perbatasan")
    b.quote(q, "Sergei Lavrov", "kata")
    b.text('," kata ').ent("Lavrov", "Sergei Lavrov", "PER").text(" kepada wartawan di ")
    b.ent("Moskwa", "Moskwa", "LOC").text(".").end_para()
    b.para().text("Pemerintah di ").ent("Kyiv", "Kyiv", "LOC").text(" belum menanggapi tuduhan itu hingga ")
    b.date(f"{day} {MONTHS[month - 1]} {year}", pub).text(" malam.").end_para()
    return b.build()


def jokowi_article(id: str, *, outlet: str, published: str = "2022-07-26", tail: str = "") -> Article:
    """Indonesia and China agree to widen trade: two events, a quote, a country pair IDN-CHN."""
    b = Builder(id, headline="Jokowi dan Xi Jinping Sepakat Perluas Kerja Sama Dagang", rubric="Ekonomi",
                published=published, source=outlet, url=f"https://{outlet.lower().replace(' ', '')}.example/{id}")
    b.para().text("BEIJING - ")
    s = b.mark()
    b.text("Presiden ").ent("Joko Widodo", "Joko Widodo", "PER", country="IDN", role="Presiden").text(" bertemu ")
    b.text("Presiden ").ent("China", "China", "GPE", id="CHN").text(" ")
    b.ent("Xi Jinping", "Xi Jinping", "PER", country="CHN", role="Presiden").text(" di ")
    b.ent("Beijing", "Beijing", "LOC")
    b.event(s, "IDNGOV", "CHNGOV", "036", source_name="Joko Widodo", target_name="Xi Jinping")
    b.text(" pada ").date("Selasa (26/7/2022)", "2022-07-26").text(". ")
    s = b.mark()
    b.text("Kedua pemimpin menandatangani nota kesepahaman perdagangan dan investasi")
    b.event(s, "IDNGOV", "CHNGOV", "057", source_name="Joko Widodo", target_name="Xi Jinping")
    b.text(" senilai miliaran dolar untuk lima tahun ke depan.").end_para()
    b.para().text('"')
    q = b.mark()
    b.text("Kita ingin ekspor produk olahan nikel dan kelapa sawit ke China terus naik tahun depan")
    b.quote(q, "Joko Widodo", "ujar")
    b.text('," ujar ').ent("Jokowi", "Joko Widodo", "PER").text(" seusai pertemuan di Aula Timur.").end_para()
    b.para().text("Menurut ").ent("Kementerian Perdagangan", "Kementerian Perdagangan", "ORG")
    b.text(", neraca dagang kedua negara masih defisit bagi Indonesia sepanjang semester pertama." + tail)
    b.end_para()
    return b.build()


XSS_SCRIPT = '<script>alert("pantau-xss")</script>'
XSS_IMG = '<img src=x onerror="alert(\'pantau-xss\')">'
XSS_URL = "javascript:alert('pantau-xss')"


def hostile_article() -> Article:
    """Scraped text carrying markup and a ``javascript:`` URL: every page must show it as text."""
    b = Builder("xss-1", headline=f"Banjir Rob {XSS_SCRIPT} Rendam Pesisir", rubric=f"Metro{XSS_IMG}",
                published="2022-11-02", source=f'Kabar"><svg onload=alert(1)>', url=XSS_URL)
    b.para().text("JAKARTA - Banjir rob merendam permukiman di ")
    b.ent(f"Muara Angke{XSS_IMG}", f"Muara Angke{XSS_IMG}", "LOC").text(" sejak ")
    b.date("Rabu (2/11/2022)", "2022-11-02").text(". ").text(XSS_SCRIPT).end_para()
    b.para().text('"')
    q = b.mark()
    b.text(f"Air naik sampai lutut {XSS_IMG} dan warga mengungsi ke masjid")
    b.quote(q, f"Lurah{XSS_SCRIPT}", "kata")
    b.text('," kata seorang lurah. Tautan: ').text(XSS_URL).text(".").end_para()
    s = b.mark()
    b.para().text("Warga memprotes ").ent(f"Pemprov DKI{XSS_SCRIPT}", f"Pemprov DKI{XSS_SCRIPT}", "ORG")
    b.text(" karena tanggul belum diperbaiki.")
    b.event(s, "IDNCVL", "IDNGOV", "130", target_name=f"Pemprov DKI{XSS_SCRIPT}")
    b.end_para()
    return b.build()


def sample_articles() -> list[Article]:
    """Russia-Ukraine articles over six months (conflict growing, then talks), an Indonesia-China story
    carried by two outlets (a near-duplicate pair), and the hostile article."""
    arts = []
    plan = [(1, "040"), (2, "112"), (3, "112"), (3, "130"), (4, "172"), (5, "190"), (6, "036")]
    for i, (month, code) in enumerate(plan):
        arts.append(lavrov_article(i, month=month, day=7 + i, code=code,
                                   outlet="Warta Nusantara" if i % 2 else "Harian Khatulistiwa"))
    arts.append(jokowi_article("idn-chn-1", outlet="Warta Nusantara"))
    arts.append(jokowi_article("idn-chn-2", outlet="Suara Timur", published="2022-07-27"))
    arts.append(hostile_article())
    return arts


def raw_for(a: Article) -> RawDoc:
    return RawDoc(text=a.text, id=a.id, title=a.headline, rubric=a.rubric, published=a.published, url=a.url,
                  source=a.source, origin="tests", kind="record")


def write_store(path: Path, articles: Iterable[Article], *, batch: int = 500) -> Path:
    """Write ``articles`` into a fresh store at ``path`` with the store's own writer."""
    with StoreWriter(path) as w:
        run = w.start_run({"source": "tests/webstore.py"})
        buf: list[Item] = []
        for a in articles:
            raw = raw_for(a)
            buf.append(Item(a, raw, hashlib.sha1(a.text.encode("utf-8")).hexdigest()))
            if len(buf) >= batch:
                w.write_batch(buf, run_id=run, seen=len(buf))
                buf.clear()
        if buf:
            w.write_batch(buf, run_id=run, seen=len(buf))
        w.finish_run(run)
    return path


def replicate(articles: list[Article], n: int) -> Iterator[Article]:
    """``n`` articles made from ``articles`` under new ids, spread over three years of dates (benchmark)."""
    from dataclasses import replace
    for k in range(n):
        a = articles[k % len(articles)]
        day = k % 1095
        y, rem = 2020 + day // 365, day % 365
        pub = f"{y}-{rem // 31 % 12 + 1:02d}-{rem % 28 + 1:02d}"
        yield replace(a, id=f"{a.id}-r{k}", published=pub, url=(a.url + f"-r{k}") if a.url else None)
