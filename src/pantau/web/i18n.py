"""UI labels of the dashboard: Indonesian by default, English on request.

The language comes from ``?lang=id|en`` (which the pages also store in a ``lang`` cookie, so the
choice sticks while browsing), else from that cookie, else Indonesian, the language of the
audience.  Labels are plain strings; templates escape them like any other value.
"""
from __future__ import annotations

from typing import Callable, Mapping

LANGS: tuple[str, ...] = ("id", "en")
DEFAULT_LANG = "id"
COOKIE = "lang"

#: key -> (Indonesian, English)
LABELS: dict[str, tuple[str, str]] = {
    # navigation and page titles
    "app.tagline": ("Siapa berkata apa, siapa berbuat apa kepada siapa", "Who said what, who did what to whom"),
    "nav.search": ("Cari", "Search"),
    "nav.quotes": ("Kutipan", "Quotes"),
    "nav.relations": ("Relasi", "Relations"),
    "nav.entities": ("Entitas", "Entities"),
    "nav.lang_switch": ("English", "Bahasa Indonesia"),
    "nav.skip": ("Langsung ke isi", "Skip to content"),
    # search
    "search.title": ("Cari berita", "Search news"),
    "search.placeholder": ("kata kunci, nama, frasa…", "keywords, names, phrases…"),
    "search.button": ("Cari", "Search"),
    "search.since": ("Sejak", "Since"),
    "search.until": ("Sampai", "Until"),
    "search.rubric": ("Rubrik", "Section"),
    "search.outlet": ("Media", "Outlet"),
    "search.entity": ("Entitas", "Entity"),
    "search.any": ("semua", "any"),
    "search.filters": ("Saring", "Filters"),
    "search.clear": ("Hapus saringan", "Clear filters"),
    "search.results": ("{n} hasil", "{n} results"),
    "search.none": ("Tidak ada hasil.", "No results."),
    "search.empty": ("Ketik kata kunci untuk mencari di arsip.", "Type a query to search the archive."),
    "search.facets": ("Rincian", "Facets"),
    "search.capped": ("Rincian dihitung dari {n} hasil teratas.", "Facets count the top {n} matches."),
    "search.network": ("Jaringan aktor dalam hasil ini", "Network of actors in these results"),
    "search.network_none": ("Belum ada peristiwa antaraktor dalam hasil ini.",
                            "No events between actors in these results yet."),
    "search.bad_query": ("Kueri tidak dapat dibaca: {msg}", "The query cannot be read: {msg}"),
    "page.prev": ("« Sebelumnya", "« Previous"),
    "page.next": ("Berikutnya »", "Next »"),
    "page.of": ("Halaman {p}", "Page {p}"),
    # article
    "article.published": ("Terbit", "Published"),
    "article.outlet": ("Media", "Outlet"),
    "article.rubric": ("Rubrik", "Section"),
    "article.source_link": ("Sumber asli", "Original"),
    "article.unsafe_url": ("tautan tidak aman, tidak ditautkan", "unsafe link, not linked"),
    "article.entities": ("Entitas", "Entities"),
    "article.quotes": ("Kutipan", "Quotes"),
    "article.events": ("Peristiwa", "Events"),
    "article.dates": ("Tanggal", "Dates"),
    "article.duplicates": ("Berita serupa di media lain", "Near-duplicates in other outlets"),
    "article.no_duplicates": ("Tidak ada salinan di media lain.", "No copies in other outlets."),
    "article.legend": ("Keterangan", "Legend"),
    "article.warnings": ("Peringatan analisis", "Analysis warnings"),
    "article.not_found": ("Artikel tidak ditemukan.", "Article not found."),
    "article.mentions": ("{n}× disebut", "mentioned {n}×"),
    # annotation tooltips
    "tip.entity": ("Entitas", "Entity"),
    "tip.quote": ("Kutipan", "Quote"),
    "tip.direct": ("langsung", "direct"),
    "tip.indirect": ("tidak langsung", "indirect"),
    "tip.speaker": ("pembicara", "speaker"),
    "tip.unknown": ("tidak diketahui", "unknown"),
    "tip.cue": ("penanda", "cue"),
    "tip.via": ("melalui", "via"),
    "tip.event": ("Peristiwa", "Event"),
    "tip.date": ("Tanggal", "Date"),
    "tip.relative": ("relatif", "relative"),
    # field names
    "f.type": ("Jenis", "Type"),
    "f.country": ("Negara", "Country"),
    "f.role": ("Jabatan", "Role"),
    "f.aliases": ("Nama lain", "Aliases"),
    "f.speaker": ("Pembicara", "Speaker"),
    "f.source": ("Pelaku", "Source"),
    "f.target": ("Sasaran", "Target"),
    "f.code": ("Kode CAMEO", "CAMEO code"),
    "f.quad": ("Kelas", "Quad class"),
    "f.goldstein": ("Goldstein", "Goldstein"),
    "f.evidence": ("Bukti", "Evidence"),
    "f.date": ("Tanggal", "Date"),
    "f.count": ("Jumlah", "Count"),
    "f.article": ("Artikel", "Article"),
    "f.term": ("Tentang", "About"),
    "f.value": ("Nilai", "Value"),
    "f.precision": ("Presisi", "Precision"),
    # entity types
    "type.PER": ("Orang", "Person"),
    "type.ORG": ("Organisasi", "Organisation"),
    "type.GPE": ("Negara/wilayah", "Country/region"),
    "type.LOC": ("Lokasi", "Location"),
    # quad classes (GDELT)
    "quad.1": ("Kerja sama verbal", "Verbal cooperation"),
    "quad.2": ("Kerja sama material", "Material cooperation"),
    "quad.3": ("Konflik verbal", "Verbal conflict"),
    "quad.4": ("Konflik material", "Material conflict"),
    # entity page
    "entity.not_found": ("Entitas tidak ditemukan.", "Entity not found."),
    "entity.profile": ("Profil", "Profile"),
    "entity.over_time": ("Penyebutan dari waktu ke waktu", "Mentions over time"),
    "entity.quotes": ("Kutipannya", "Their quotes"),
    "entity.cooccur": ("Muncul bersama", "Appears with"),
    "entity.as_source": ("Peristiwa sebagai pelaku", "Events as source"),
    "entity.as_target": ("Peristiwa sebagai sasaran", "Events as target"),
    "entity.articles": ("{n} artikel", "{n} articles"),
    "entity.relations_with": ("relasi", "relations"),
    "entity.none": ("Belum ada.", "None yet."),
    # relations
    "rel.title": ("Relasi antaraktor", "Relations between actors"),
    "rel.a": ("Aktor A", "Actor A"),
    "rel.b": ("Aktor B", "Actor B"),
    "rel.by": ("Per", "By"),
    "rel.week": ("minggu", "week"),
    "rel.month": ("bulan", "month"),
    "rel.day": ("hari", "day"),
    "rel.show": ("Tampilkan", "Show"),
    "rel.hint": ("Kode negara (RUS), kode aktor (RUSGOV), id atau nama entitas.",
                 "Country code (RUS), actor code (RUSGOV), entity id or name."),
    "rel.chart": ("Peristiwa per kelas dan rata-rata Goldstein", "Events by quad class and mean Goldstein"),
    "rel.mean": ("Rata-rata Goldstein", "Mean Goldstein"),
    "rel.evidence": ("Kalimat bukti", "Evidence sentences"),
    "rel.evidence_for": ("Bukti untuk {period}", "Evidence for {period}"),
    "rel.pick_point": ("Pilih satu titik atau batang untuk melihat kalimat buktinya.",
                       "Pick a point or bar to see its evidence sentences."),
    "rel.none": ("Tidak ada peristiwa antara kedua aktor ini.", "No events between these two actors."),
    "rel.period": ("Periode", "Period"),
    "rel.table": ("Tabel", "Table"),
    # quotes
    "quotes.title": ("Siapa berkata apa", "Who said what"),
    "quotes.none": ("Tidak ada kutipan yang cocok.", "No matching quotes."),
    # generic
    "err.title": ("Terjadi kesalahan", "Something went wrong"),
    "err.invalid": ("Masukan tidak valid: {msg}", "Invalid input: {msg}"),
    "footer.note": ("Data dianalisis otomatis oleh Pantau; periksa bukti sebelum mengutip.",
                    "Analysed automatically by Pantau; check the evidence before citing."),
}

Translator = Callable[..., str]


def pick_lang(query: Mapping[str, str], cookies: Mapping[str, str]) -> str:
    """The language for this request: ``?lang=`` wins, then the cookie, then Indonesian."""
    for candidate in (query.get("lang"), cookies.get(COOKIE)):
        if candidate in LANGS:
            return candidate  # type: ignore[return-value]
    return DEFAULT_LANG


def translator(lang: str) -> Translator:
    """``t(key, **fields)``: the label in ``lang``; an unknown key shows itself (easy to spot)."""
    col = LANGS.index(lang) if lang in LANGS else 0

    def t(key: str, **fields: object) -> str:
        pair = LABELS.get(key)
        text = pair[col] if pair else key
        return text.format(**fields) if fields else text

    return t
