"""layout stage: rubric, headline, lead, dateline, body, related and boilerplate, with exact offsets."""
from __future__ import annotations

import pytest

from pantau.doc import Doc, RawDoc
from pantau.resources import Resources
from pantau.stages import layout as layout_mod
from pantau.stages.layout import STAGE as LAYOUT, load_rules, looks_like_article
from pantau.stages.normalize import STAGE as NORMALIZE

RES = Resources()

ARTICLE = """Internasional
Indonesia dan Jepang Sepakat Perkuat Kerja Sama Maritim
Indonesia dan Jepang sepakat memperkuat kerja sama keamanan maritim di kawasan Indo-Pasifik.
JAKARTA, KOMPAS.com - Indonesia dan Jepang sepakat memperkuat kerja sama keamanan maritim di kawasan Indo-Pasifik.
Kesepakatan itu dicapai dalam pertemuan Menteri Luar Negeri Retno Marsudi dengan Menlu Jepang di Tokyo, Sabtu (19/3/2022).
SCROLL TO CONTINUE WITH CONTENT

"Kami ingin laut yang aman bagi semua," kata Retno kepada wartawan.
Baca juga: Retno Dorong ASEAN Bersatu Hadapi Krisis Myanmar
Kedua menteri juga membahas rencana latihan bersama penjaga pantai. (sam/antara)
Editor: Budi Santoso
"""


def analyse(text: str, *, layout: str = "auto", kind: str = "article", **raw: str) -> Doc:
    doc = Doc(raw=RawDoc(text=text, kind=kind, **raw), layout=layout)
    NORMALIZE(doc, RES)
    LAYOUT(doc, RES)
    return doc


def check_zones(doc: Doc) -> None:
    """Zones are sorted, disjoint, trimmed, and every span slices ``text`` to its string."""
    prev = 0
    for z in doc.zones:
        assert prev <= z.start < z.end <= len(doc.text)
        seg = doc.text[z.start:z.end]
        assert seg == seg.strip() and "\n" not in seg
        prev = z.end
    spans = [doc.rubric, doc.headline, doc.lead, *doc.body, *doc.related]
    for sp in spans:
        if sp is not None:
            assert doc.text[sp.start:sp.end] == sp.text
    if doc.dateline:
        dl = doc.text[doc.dateline.start:doc.dateline.end]
        assert all(part in dl for part in (doc.dateline.outlet, doc.dateline.place) if part)


def test_full_article() -> None:
    doc = analyse(ARTICLE)
    check_zones(doc)
    assert doc.layout == "article"
    assert doc.rubric.text == "Internasional"
    assert doc.headline.text == "Indonesia dan Jepang Sepakat Perkuat Kerja Sama Maritim"
    assert doc.lead.text.startswith("Indonesia dan Jepang sepakat")
    lead_zone = next(z for z in doc.zones if z.kind == "lead")
    assert lead_zone.repeated
    assert (doc.dateline.outlet, doc.dateline.place) == ("KOMPAS.com", "JAKARTA")
    assert doc.text[doc.dateline.start:doc.dateline.end] == "JAKARTA, KOMPAS.com -"
    assert [s.text[:20] for s in doc.body] == [
        "Indonesia dan Jepang", "Kesepakatan itu dica", '"Kami ingin laut yan', "Kedua menteri juga m"]
    assert doc.body[-1].text.endswith("penjaga pantai.")
    assert [r.text for r in doc.related] == ["Retno Dorong ASEAN Bersatu Hadapi Krisis Myanmar"]
    kinds = [z.kind for z in doc.zones]
    assert kinds == ["rubric", "headline", "lead", "dateline", "body", "body", "boilerplate", "body",
                     "related", "body", "boilerplate", "boilerplate"]
    assert any("SCROLL TO CONTINUE" in w for w in doc.warnings)
    assert any("(sam/antara)" in w for w in doc.warnings)
    assert any("Editor: Budi Santoso" in w for w in doc.warnings)


def test_third_line_is_body_when_nothing_repeats_it() -> None:
    text = ("Politik\nKPU Umumkan Jadwal Debat\n"
            "Komisi Pemilihan Umum mengumumkan jadwal debat calon presiden pada Senin (8/1).\n"
            "Ketua KPU mengatakan debat akan digelar lima kali di Jakarta.\n")
    doc = analyse(text)
    check_zones(doc)
    assert doc.lead is None
    assert len(doc.body) == 2
    assert doc.body[0].text.startswith("Komisi Pemilihan Umum")
    assert doc.dateline is None


def test_lead_repeated_after_other_lines_with_slight_changes() -> None:
    text = ("Dunia\nDK PBB Gelar Sidang Darurat\n"
            "Dewan Keamanan PBB menggelar sidang darurat membahas serangan di Gaza.\n"
            "Baca juga: Mesir Buka Perbatasan Rafah\n"
            "NEW YORK (Reuters) - Dewan Keamanan PBB, Jumat, menggelar sidang darurat membahas serangan di Gaza.\n")
    doc = analyse(text)
    assert doc.lead is not None
    assert (doc.dateline.outlet, doc.dateline.place) == ("Reuters", "NEW YORK")


@pytest.mark.parametrize("opening, outlet, place", [
    ("SERAMBINEWS.COM, BEIJING - ", "SERAMBINEWS.COM", "BEIJING"),
    ("JAKARTA, KOMPAS.com - ", "KOMPAS.com", "JAKARTA"),
    ("Jakarta, CNN Indonesia -- ", "CNN Indonesia", "Jakarta"),
    ("TRIBUNNEWS.COM, JAKARTA - ", "TRIBUNNEWS.COM", "JAKARTA"),
    ("Jakarta - ", None, "Jakarta"),
    ("Liputan6.com, Jakarta - ", "Liputan6.com", "Jakarta"),
    ("Jakarta, CNBC Indonesia - ", "CNBC Indonesia", "Jakarta"),
    ("KOMPAS.com - ", "KOMPAS.com", None),
    ("Jakarta (ANTARA) - ", "ANTARA", "Jakarta"),
    ("REPUBLIKA.CO.ID, KUALA LUMPUR -- ", "REPUBLIKA.CO.ID", "KUALA LUMPUR"),
    ("TEMPO.CO, Washington — ", "TEMPO.CO", "Washington"),
    ("KUALA LUMPUR - ", None, "KUALA LUMPUR"),
])
def test_dateline_forms(opening: str, outlet: str | None, place: str | None) -> None:
    body = "Presiden Joko Widodo menerima kunjungan Perdana Menteri Malaysia di Istana Merdeka."
    doc = analyse("Nasional\nJokowi Terima PM Malaysia\n" + opening + body)
    check_zones(doc)
    assert doc.dateline is not None
    assert (doc.dateline.outlet, doc.dateline.place) == (outlet, place)
    assert doc.body[0].text == body
    assert [z.kind for z in doc.zones] == ["rubric", "headline", "dateline", "body"]


@pytest.mark.parametrize("first", [
    "Presiden Joko Widodo menerima kunjungan Perdana Menteri Malaysia di Istana Merdeka.",
    "Kereta cepat Jakarta-Bandung mulai beroperasi pada Oktober 2023.",
    "Menurut dia - seperti dikutip media - pertemuan itu berjalan baik.",
    "Wakil Presiden Ma'ruf Amin bertemu tokoh agama - termasuk ulama - di Bogor.",
])
def test_no_dateline_in_ordinary_openings(first: str) -> None:
    doc = analyse("Nasional\nJudul Berita Hari Ini\n" + first)
    assert doc.dateline is None
    assert doc.body[0].text == first


def test_dateline_only_in_the_first_body_paragraph() -> None:
    doc = analyse("Nasional\nJudul\nParagraf pertama tanpa dateline.\nJakarta - Paragraf kedua.")
    assert doc.dateline is None
    assert doc.body[1].text == "Jakarta - Paragraf kedua."


def test_scraper_dateline_remnant_is_dropped() -> None:
    doc = analyse(", , - Pemerintah menaikkan harga BBM.,\"Ini keputusan berat,\" kata menteri.",
                  kind="record", title="Harga BBM Naik")
    check_zones(doc)
    assert doc.dateline is None
    assert [b.text for b in doc.body] == ["Pemerintah menaikkan harga BBM.", '"Ini keputusan berat," kata menteri.']
    assert any(w.startswith("dateline remnant") for w in doc.warnings)


@pytest.mark.parametrize("line, headline", [
    ("Baca juga: Menlu Retno Bertemu Menlu China di Beijing", "Menlu Retno Bertemu Menlu China di Beijing"),
    ("BACA JUGA: Iran Tolak Tuduhan AS", "Iran Tolak Tuduhan AS"),
    ("Baca Juga : Korut Uji Rudal Lagi", "Korut Uji Rudal Lagi"),
    ("Simak juga Video: Jokowi Tinjau Banjir di Kalimantan", "Jokowi Tinjau Banjir di Kalimantan"),
    ('Tonton juga video "Prabowo Lantik Menteri Baru" di sini:', "Prabowo Lantik Menteri Baru"),
    ('Simak juga Video "DPR Setujui RUU" [Gambas:Video 20detik]', "DPR Setujui RUU"),
    ("Lihat juga: Harga Minyak Dunia Turun", "Harga Minyak Dunia Turun"),
    ("Simak Video 'Warga Antre Beras Murah di Bekasi':", "Warga Antre Beras Murah di Bekasi"),
    ("Lihat juga Video: Menhan Tinjau Pangkalan TNI AL", "Menhan Tinjau Pangkalan TNI AL"),
    ("Lihat juga Video 300 Nelayan Terdampak Banjir Rob di Demak", "300 Nelayan Terdampak Banjir Rob di Demak"),
])
def test_related_lines(line: str, headline: str) -> None:
    doc = analyse("Nasional\nJudul\nParagraf pertama berita ini.\n" + line + "\nParagraf terakhir.")
    check_zones(doc)
    assert [r.text for r in doc.related] == [headline]
    assert [b.text for b in doc.body] == ["Paragraf pertama berita ini.", "Paragraf terakhir."]


def test_baca_juga_inside_a_sentence_is_body() -> None:
    line = "Ia meminta warga untuk baca juga: aturan baru yang berlaku sejak Senin."
    doc = analyse("Nasional\nJudul\n" + line)
    assert doc.related == [] and doc.body[0].text == line


@pytest.mark.parametrize("line", [
    "SCROLL TO CONTINUE WITH CONTENT", "ADVERTISEMENT", "Penulis: Ani Rahma", "Editor : Hendra",
    "Reporter: Dimas", "(sam/antara/jpnn)", "(ant)", "(*)", "Laporan Wartawan Tribunnews.com, Dodi Esvandi",
    "[Gambas:Video CNN]", "Artikel ini telah tayang di Kompas.com dengan judul \"X\"", "-----",
])
def test_boilerplate_lines_are_dropped_and_noted(line: str) -> None:
    doc = analyse("Nasional\nJudul\nParagraf pertama berita ini.\n" + line + "\nParagraf terakhir.")
    check_zones(doc)
    assert [b.text for b in doc.body] == ["Paragraf pertama berita ini.", "Paragraf terakhir."]
    assert [z.kind for z in doc.zones][3] == "boilerplate"
    assert len([w for w in doc.warnings if not w.startswith("language")]) == 1


@pytest.mark.parametrize("line", [
    "Editor dan penulis buku itu mengatakan karya tersebut ditulis selama lima tahun di Yogyakarta dan diterbitkan ulang pada tahun ini oleh penerbit besar.",
    "Badan Pertanahan Nasional (ATR/BPN)",
    "Penasihat Keamanan Nasional AS Jake Sullivan bertemu Yang Jiechi.",
])
def test_prose_that_resembles_boilerplate_stays(line: str) -> None:
    doc = analyse("Nasional\nJudul\n" + line)
    assert [b.text for b in doc.body] == [line]


@pytest.mark.parametrize("tail", [" (sam/antara/jpnn)", " (ant)", " (AFP/Reuters)", " (*)"])
def test_sign_off_after_the_last_sentence(tail: str) -> None:
    doc = analyse("Nasional\nJudul\nPolisi masih menyelidiki kasus itu." + tail)
    assert doc.body[0].text == "Polisi masih menyelidiki kasus itu."
    assert doc.warnings[0].startswith("sign-off")


def test_acronym_at_the_end_of_a_sentence_is_not_a_sign_off() -> None:
    line = "Hal itu disampaikan Menteri Agraria dan Tata Ruang (ATR/BPN)"
    assert analyse("Nasional\nJudul\n" + line).body[0].text == line


def test_comma_joined_paragraphs_are_split() -> None:
    body = ('Pertemuan itu selesai.,"Kami puas," kata dia.,Menteri tiba pada Senin (16/9/2019).,,,Dia '
            'disambut duta besar.,Baca juga:,,Rapat berikutnya digelar di Bali.')
    doc = analyse(body, kind="record", title="Pertemuan Selesai")
    check_zones(doc)
    assert [b.text for b in doc.body] == [
        "Pertemuan itu selesai.", '"Kami puas," kata dia.', "Menteri tiba pada Senin (16/9/2019).",
        "Dia disambut duta besar.", "Rapat berikutnya digelar di Bali."]
    assert doc.related == []
    assert "related" in [z.kind for z in doc.zones]


@pytest.mark.parametrize("body", [
    "Warga Bandung kini bisa memesan tiket kereta dari ponsel.\n , Layanan itu hadir sejak Senin (9/9).",
    "Warga Bandung kini bisa memesan tiket kereta dari ponsel.\n  ,  , Layanan itu hadir sejak Senin (9/9).",
])
def test_commas_left_by_a_scraper_do_not_open_a_paragraph(body: str) -> None:
    # CLICK-ID drops links and leaves their commas: the paragraph starts at its first word
    doc = analyse(body, kind="record", title="Tiket Kereta Kini di Ponsel")
    check_zones(doc)
    assert [b.text for b in doc.body] == [
        "Warga Bandung kini bisa memesan tiket kereta dari ponsel.", "Layanan itu hadir sejak Senin (9/9)."]


@pytest.mark.parametrize("para", [
    '"Ya, kami siap," kata Menlu.',
    "Ia membeli buah, sayur, dll., lalu pulang.",
    "Harga naik 5,12 persen.",
    '"Apa kabar?", tanya dia.',
])
def test_ordinary_commas_do_not_split(para: str) -> None:
    doc = analyse("Nasional\nJudul\n" + para)
    assert [b.text for b in doc.body] == [para]


def test_record_layout_uses_its_own_header_lines() -> None:
    doc = analyse("Paragraf satu.\n\nParagraf dua.", kind="record", title="Judul Rekaman", rubric="Dunia")
    check_zones(doc)
    assert (doc.rubric.text, doc.headline.text) == ("Dunia", "Judul Rekaman")
    assert [b.text for b in doc.body] == ["Paragraf satu.", "Paragraf dua."]
    no_title = analyse("Paragraf satu.\nParagraf dua.", kind="record")
    assert no_title.rubric is None and no_title.headline is None and len(no_title.body) == 2


def test_plain_layout_is_all_body() -> None:
    doc = analyse(ARTICLE, layout="plain")
    check_zones(doc)
    assert doc.rubric is None and doc.headline is None and doc.dateline is None and doc.lead is None
    assert {z.kind for z in doc.zones} == {"body"}
    assert doc.body[0].text == "Internasional"
    assert doc.related == [] and doc.warnings == []


@pytest.mark.parametrize("text, expected", [
    (ARTICLE, True),
    ("Presiden Joko Widodo meresmikan bendungan baru di Jawa Tengah pada Senin.", False),
    ("Presiden Joko Widodo meresmikan bendungan.\nIa didampingi gubernur.\n", False),
    ("Ekonomi\nRupiah Menguat Tajam\nRupiah menguat pada perdagangan Senin.", True),
    ("Ekonomi\nRupiah menguat pada perdagangan Senin pagi.\n", False),
])
def test_looks_like_article(text: str, expected: bool) -> None:
    assert looks_like_article(text) is expected


def test_auto_reads_one_line_of_text_as_plain() -> None:
    doc = analyse("Presiden Joko Widodo meresmikan bendungan baru di Jawa Tengah.", kind="text")
    assert doc.layout == "plain" and doc.headline is None and len(doc.body) == 1


def test_article_layout_forced_on_short_text() -> None:
    doc = analyse("Hanya satu baris", layout="article")
    assert doc.rubric.text == "Hanya satu baris" and doc.headline is None and doc.body == []


def test_layout_file_integrity() -> None:
    rules = load_rules()
    assert len(rules.related) >= 4 and len(rules.boilerplate) >= 8 and rules.signoff and rules.remnant
    assert all("h" in rx.groupindex for rx in rules.related)
    assert all(name.strip() == name and name for name in rules.outlets)
    lines = [ln for ln in layout_mod.lang_path("layout.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    assert lines[0].split("\t") == ["kind", "pattern", "note"]
    assert len(lines) == len(set(lines)), "duplicate rows"


@pytest.mark.parametrize("pattern, endings", [
    (r"ab$", {"ab"}),
    (r"x(?:yz|w)?$", {"x", "xw", "yz"}),
    (r"\s*\(\s*[a-z]{1,5}\s*\)\.?$", {")", ")."}),
    (r"(?:\*{1,3}|\[[a-z]{2,4}\])$", {"*", "**", "]"}),
    (r"\w+$", None),          # a category: anything may end it
    (r"a?$", None),           # may match nothing at all
    (r"foo", None),           # not anchored at the end
])
def test_endings_of_end_anchored_patterns(pattern: str, endings: set | None) -> None:
    import re

    got = layout_mod._endings(re.compile(pattern))
    assert (None if got is None else set(got)) == endings


def test_sign_off_precheck_never_skips_a_sign_off() -> None:
    # every shipped sign-off pattern gets its endings; a paragraph that ends otherwise has no match
    import random

    rules = load_rules()
    assert all(ends is not None for _rx, _shift, ends in rules.signoff_search)
    rng = random.Random(7)
    tails = [" (sam/antara)", " (ant).", " (*)", " ***", " [ant]", ".", " (AFP/Reuters)", "", ")", ").", " (x)"]
    heads = ["Rapat ditunda.", "Warga diminta waspada!", 'Ia menjawab, "Siap."', "Harga naik 5 persen"]
    for _ in range(400):
        para = rng.choice(heads) + rng.choice(tails) + rng.choice(["", "", " *", "]"])
        for rx, shift, ends in rules.signoff_search:
            full = [m.end() for m in rx.finditer(para) if m.end() == len(para)]
            if full:
                assert para.endswith(ends), (para, ends)


@pytest.mark.parametrize("line", [
    "Baca juga: Harga Cabai Naik Jelang Lebaran", "BACA JUGA: Banjir Rendam Tiga Desa",
    "Simak juga Video \"Warga Padati Alun-alun\" di sini:", "Tonton juga video: Gempa di Cianjur",
    "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Penulis: Rina Sari", "Editor : Budi",
    "(ant/jpnn)", "(sam)", "***", "Artikel ini telah tayang di Kompas.com dengan judul X",
    "Presiden meninjau lumbung padi di Karawang.", "Bacaan doa dipimpin ustaz setempat.",
    "Laporan wartawan Tribun, Andi", "Tags: politik, pemilu",
])
def test_a_line_is_classified_the_same_in_place_and_copied(line: str) -> None:
    # the joined related/boilerplate pattern runs on the line inside the text (no copy); it must
    # decide as it does on the line alone, whatever comes before and after the line
    rules = load_rules()
    assert rules.special_in_place
    for before, after in (("", ""), ("kata", "nya"), ("x,", ",y"), ("1\n", "\n2")):
        text = before + line + after
        doc = Doc(raw=RawDoc(text=text), text=text)
        builder = layout_mod._Builder(doc, rules)
        kind, _ = builder.line_kind(len(before), len(before) + len(line))
        copied = layout_mod._Builder(Doc(raw=RawDoc(text=line), text=line), rules).line_kind(0, len(line))[0]
        alone = "body"
        for rx in rules.related:
            if (m := rx.fullmatch(line)) and m.group("h").strip():
                alone = "related"
                break
        else:
            if any(rx.fullmatch(line) for rx in rules.boilerplate):
                alone = "boilerplate"
        assert kind == copied == alone, (before, line, after)
