"""Hand-built analysed articles for the store, query and API tests (no dependency on NLP quality).

The sentences are our own, written in Indonesian news style for these tests.
"""
from __future__ import annotations

from pantau.doc import RawDoc
from pantau.model import Article, Dateline, Entity, Event, EventMention, Quote, Span
from pantau.store.writer import Item, content_hash

BODY_LAVROV = (
    "Menteri Luar Negeri Rusia Sergei Lavrov bertemu Menteri Luar Negeri China Wang Yi di Beijing pada Sabtu "
    "untuk membahas kerja sama ekonomi kedua negara dan keamanan kawasan Asia Pasifik yang terus berubah.",
    "Kedua menteri sepakat memperluas perdagangan energi dan menolak sanksi sepihak dari negara Barat yang "
    "menurut mereka merugikan perekonomian dunia serta memperburuk ketegangan di banyak kawasan.",
)
BODY_BANJIR = (
    "Banjir setinggi satu meter merendam ratusan rumah warga di Kecamatan Cileungsi, Kabupaten Bogor, setelah "
    "hujan deras mengguyur wilayah itu sejak Kamis malam hingga Jumat pagi tanpa henti.",
    "Badan Penanggulangan Bencana Daerah mengerahkan perahu karet untuk mengevakuasi warga lanjut usia dan "
    "anak-anak ke posko pengungsian di balai desa yang berada di dataran lebih tinggi.",
)


def ent(name: str, type_: str = "PER", kb: str | None = None, country: str | None = None, n: int = 1) -> Entity:
    return Entity(name=name, type=type_, id=kb, country=country, mentions=[Span(i * 10, i * 10 + len(name), name)
                                                                             for i in range(n)])


def quote(text: str, speaker: str | None, cue: str = "kata") -> Quote:
    return Quote(text=text, kind="direct", speaker=speaker, cue=cue, start=0, end=len(text))


def event(src: str, tgt: str, code: str = "036", quad: int = 1, goldstein: float = 4.0,
          src_name: str | None = None, tgt_name: str | None = None, evidence: str = "bertemu") -> Event:
    return Event(source=src, source_country=src[:3], target=tgt, target_country=tgt[:3], code=code, root=code[:2],
                 quad=quad, goldstein=goldstein, evidence=evidence, start=0, end=len(evidence),
                 mentions=[EventMention(evidence, 0, len(evidence))], source_name=src_name, target_name=tgt_name)


def item(id_: str | None, headline: str, body: tuple[str, ...] | list[str], *, published: str | None = "2022-03-20",
         source: str | None = "Kompas.com", url: str | None = None, rubric: str | None = "Internasional",
         entities: list[Entity] | None = None, quotes: list[Quote] | None = None, events: list[Event] | None = None,
         dateline: Dateline | None = None, version: str = "0.1.0") -> Item:
    text = headline + "\n" + "\n".join(body)
    raw = RawDoc(text=text, id=id_, title=headline, published=published, source=source, url=url, rubric=rubric,
                 kind="record")
    art = Article(id=id_ or url or "sha1:" + content_hash(raw)[:16], text=text, url=url, source=source,
                  rubric=rubric, headline=headline, body=list(body), published=published, dateline=dateline,
                  entities=entities or [], quotes=quotes or [], events=events or [], pantau_version=version)
    return Item(art, raw, content_hash(raw))


def lavrov(id_: str = "a1", **kw) -> Item:  # type: ignore[no-untyped-def]
    kw.setdefault("entities", [ent("Sergei Lavrov", n=2), ent("Wang Yi"), ent("Rusia", "GPE", "RUS", "RUS"),
                               ent("China", "GPE", "CHN", "CHN")])
    kw.setdefault("quotes", [quote("Kerja sama energi kita semakin kuat", "Sergei Lavrov")])
    kw.setdefault("events", [event("RUSGOV", "CHNGOV", src_name="Sergei Lavrov", tgt_name="Wang Yi")])
    return item(id_, "Lavrov dan Wang Yi bahas kerja sama energi", BODY_LAVROV, **kw)


def banjir(id_: str = "b1", **kw) -> Item:  # type: ignore[no-untyped-def]
    kw.setdefault("entities", [ent("Cileungsi", "LOC"), ent("Bogor", "GPE", "IDN:BOGOR", "IDN")])
    kw.setdefault("quotes", [quote("Air naik sangat cepat sejak tengah malam", "seorang warga")])
    return item(id_, "Banjir rendam ratusan rumah di Bogor", BODY_BANJIR, rubric="Regional", **kw)
