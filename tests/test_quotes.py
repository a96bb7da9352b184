"""Unit tests for the quotes stage: direct and reported speech, speakers, via, and what is not a quote.

Each case is a short Indonesian news passage written for these tests.  Entities are built by hand
(as the entities stage would leave them in ``Doc.entities`` and ``Doc.notes["mentions"]``), so the
quotes stage is tested on its own.
"""
from __future__ import annotations

import re

import pytest

from pantau.doc import Doc, RawDoc, Zone
from pantau.model import Entity, Span
from pantau.resources import get_resources, lang_path
from pantau.stages.quotes import CUE_ROLES, SOURCE_KINDS, extract, load_lexicon

# name -> (type, id, surface forms)
KNOWN = {
    "Andi Pratama": ("PER", None, ["Andi Pratama", "Andi"]),
    "Rina Wulandari": ("PER", None, ["Rina Wulandari", "Rina"]),
    "Budi Hartono": ("PER", None, ["Budi Hartono", "Budi"]),
    "Joko Santoso": ("PER", None, ["Joko Santoso"]),
    "Somchai Boonmee": ("PER", None, ["Somchai Boonmee", "Somchai"]),
    "Sergei Lavrov": ("PER", None, ["Sergei Lavrov", "Lavrov"]),
    "Jepang": ("GPE", "JPN", ["Jepang", "Tokyo"]),
    "Amerika Serikat": ("GPE", "USA", ["Amerika Serikat", "AS", "Washington"]),
    "Istana Kepresidenan": ("ORG", None, ["Istana Kepresidenan"]),
    "Interfax": ("ORG", None, ["Interfax"]),
    "Reuters": ("ORG", None, ["Reuters"]),
    "Kementerian Luar Negeri Thailand": ("ORG", None, ["Kementerian Luar Negeri Thailand"]),
    "Dewan Kerja Sama Teluk": ("ORG", None, ["Dewan Kerja Sama Teluk"]),
    "Iran": ("GPE", "IRN", ["Iran", "Teheran"]),
    # as the entities stage may leave it: a field of expertise let into a person's span
    "Ilmu Politik Dewi Lestari": ("PER", None, ["Ilmu Politik Dewi Lestari", "Dewi"]),
    "Lee Hsien Tan": ("PER", None, ["Lee Hsien Tan"]),
}


def make_doc(text: str, zones: list[Zone] | None = None) -> Doc:
    """A Doc as the earlier stages leave it: entities with mentions found by their surface forms."""
    doc = Doc(raw=RawDoc(text=text, kind="text"), layout="plain")
    doc.text = text
    if zones is not None:
        doc.zones = zones
    mentions = []
    for name, (typ, ident, forms) in KNOWN.items():
        spans = []
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                if any(s.start <= m.start() < s.end for s in spans) or any(
                        x["start"] <= m.start() < x["end"] for x in mentions):
                    continue
                spans.append(Span(m.start(), m.end(), m.group()))
        if spans:
            idx = len(doc.entities)
            doc.entities.append(Entity(name=name, type=typ, id=ident, mentions=spans))
            mentions += [{"start": s.start, "end": s.end, "text": s.text, "type": typ, "entity_index": idx}
                         for s in spans]
    doc.notes["mentions"] = sorted(mentions, key=lambda m: m["start"])
    return doc


def quotes_of(text: str, zones: list[Zone] | None = None):
    doc = make_doc(text, zones)
    qs = extract(doc, get_resources())
    for q in qs:  # the contract: offsets index Doc.text and the text is that slice
        assert doc.text[q.start:q.end] == q.text
    return qs


def one(text: str):
    qs = quotes_of(text)
    assert len(qs) == 1, [(q.kind, q.speaker, q.text) for q in qs]
    return qs[0]


# ----------------------------------------------------------------------------- direct quotes

@pytest.mark.parametrize("text, quoted, speaker, cue", [
    ('"Kami akan membangun jembatan baru tahun depan," kata Gubernur Andi Pratama kepada wartawan.',
     "Kami akan membangun jembatan baru tahun depan", "Andi Pratama", "kata"),
    ("“Harga beras akan tetap stabil sampai Lebaran,” tutur Menteri Perdagangan Rina Wulandari.",
     "Harga beras akan tetap stabil sampai Lebaran", "Rina Wulandari", "tutur"),
    ('"Kami tidak akan mundur," ujar seorang pejabat senior Kementerian Pertahanan.',
     "Kami tidak akan mundur", "seorang pejabat senior Kementerian Pertahanan", "ujar"),
    ('"Kerja sama ini saling menguntungkan," Budi Hartono menambahkan.',
     "Kerja sama ini saling menguntungkan", "Budi Hartono", "menambahkan"),
    ('Rina Wulandari mengatakan, "Kami tidak akan menaikkan harga gas tahun ini."',
     "Kami tidak akan menaikkan harga gas tahun ini.", "Rina Wulandari", "mengatakan"),
    ('Dalam unggahan di media sosial, Andi menulis: "Terima kasih atas dukungan warga."',
     "Terima kasih atas dukungan warga.", "Andi Pratama", "menulis"),
])
def test_direct_quote_with_cue(text: str, quoted: str, speaker: str, cue: str) -> None:
    q = one(text)
    assert (q.kind, q.text.rstrip("."), q.speaker, q.cue) == ("direct", quoted.rstrip("."), speaker, cue)


def test_direct_quote_linked_to_entity() -> None:
    q = one('"Tokyo tidak akan tinggal diam," kata Jepang dalam pernyataannya.')
    assert q.speaker == "Jepang" and q.speaker_id == "JPN" and q.speaker_type == "GPE"


def test_opening_mark_without_closing_runs_to_the_cue() -> None:
    q = one('"Situasi di perbatasan masih tegang, kata Kepala Staf Budi Hartono pada Senin (3/2/2025).')
    assert q.text == "Situasi di perbatasan masih tegang"
    assert q.speaker == "Budi Hartono" and q.cue == "kata"


def test_quote_over_two_paragraphs_is_one_quote() -> None:
    text = ('"Kami sudah bekerja keras sepanjang tahun ini untuk warga.\n'
            '"Hasilnya akan terlihat pada panen bulan depan," kata Budi.')
    q = one(text)
    assert q.text.startswith("Kami sudah bekerja keras") and q.text.endswith("panen bulan depan")
    assert q.speaker == "Budi Hartono"


@pytest.mark.parametrize("cue", ["ujarnya", "tambahnya", "katanya", "jelasnya", "tuturnya", "imbuhnya",
                                 "lanjutnya", "sambungnya", "pungkasnya"])
def test_nya_cue_goes_to_the_previous_speaker(cue: str) -> None:
    text = ('"Anggaran untuk sekolah sudah kami naikkan," kata Rina Wulandari.\n'
            f'"Tahun depan jumlah guru honorer akan kami kurangi," {cue}.')
    qs = quotes_of(text)
    assert [q.speaker for q in qs] == ["Rina Wulandari", "Rina Wulandari"]
    assert qs[1].cue == cue and qs[1].kind == "direct"


def test_nya_cue_after_an_unnamed_source_stays_with_it() -> None:
    text = ('"Kami mencemaskan uji coba itu," kata seorang pejabat senior AS kepada wartawan.\n'
            '"Pembicaraannya berlangsung sangat terbuka," tambahnya.')
    qs = quotes_of(text)
    assert [q.speaker for q in qs] == ["seorang pejabat senior AS"] * 2


def test_quoted_word_attributed_by_a_naming_verb() -> None:
    q = one('Kedua pemimpin bertemu di Bogor dalam sesi yang digambarkan Istana Kepresidenan sebagai '
            'pertemuan "produktif".')
    assert (q.kind, q.text, q.speaker, q.cue) == ("direct", "produktif", "Istana Kepresidenan", "digambarkan")


def test_quoted_words_without_cue_opening_a_paragraph_continue_the_last_speaker() -> None:
    text = ('"Pasokan beras aman," kata Rina Wulandari.\n'
            '"Kami juga menyiapkan cadangan di setiap provinsi untuk musim kemarau."')
    qs = quotes_of(text)
    assert len(qs) == 2 and qs[1].speaker == "Rina Wulandari" and qs[1].cue is None


# ----------------------------------------------------------------------------- via

@pytest.mark.parametrize("text, via", [
    ('"Hubungan kedua negara akan semakin erat," ujar Lavrov seperti dikutip Interfax.', "Interfax"),
    ('"Kami siap berunding," kata Budi Hartono kepada Reuters, Selasa (4/3/2025).', "Reuters"),
    ('"Kami siap berunding," kata Budi Hartono, seperti dilansir Kyodo News.', "Kyodo News"),
    ('"Kami siap berunding," kata Budi Hartono kepada wartawan di Jakarta.', None),
    ('"Kami siap berunding," kata Budi Hartono kepada Presiden.', None),
])
def test_via_is_the_relaying_medium(text: str, via: str | None) -> None:
    assert one(text).via == via


# ----------------------------------------------------------------------------- reported speech

@pytest.mark.parametrize("text, reported, speaker, cue", [
    ("Andi Pratama mengatakan bahwa proyek itu akan selesai pada akhir tahun.",
     "proyek itu akan selesai pada akhir tahun", "Andi Pratama", "mengatakan"),
    ("Andi Pratama mengatakan, proyek itu akan selesai pada akhir tahun.",
     "proyek itu akan selesai pada akhir tahun", "Andi Pratama", "mengatakan"),
    ("Menurut Rina, harga cabai turun karena panen raya di Jawa Timur.",
     "harga cabai turun karena panen raya di Jawa Timur", "Rina Wulandari", "Menurut"),
    ("Harga cabai turun karena panen raya, kata Rina Wulandari.",
     "Harga cabai turun karena panen raya", "Rina Wulandari", "kata"),
    ("Jepang menyatakan keprihatinan mendalam atas uji coba rudal tersebut.",
     "keprihatinan mendalam atas uji coba rudal tersebut", "Jepang", "menyatakan"),
    ("Istana Kepresidenan menegaskan pemerintah tidak akan menunda pemilihan umum.",
     "pemerintah tidak akan menunda pemilihan umum", "Istana Kepresidenan", "menegaskan"),
    ("Pertemuan lanjutan akan digelar bulan depan, kata para diplomat Jepang.",
     "Pertemuan lanjutan akan digelar bulan depan", "para diplomat Jepang", "kata"),
    ("Budi Hartono juga mendesak pemerintah daerah segera memperbaiki jalan yang rusak.",
     "pemerintah daerah segera memperbaiki jalan yang rusak", "Budi Hartono", "mendesak"),
    ("Andi Pratama mengungkapkan kepada wartawan dalam jumpa pers bahwa stok vaksin menipis.",
     "stok vaksin menipis", "Andi Pratama", "mengungkapkan"),
])
def test_reported_speech(text: str, reported: str, speaker: str, cue: str) -> None:
    q = one(text)
    assert (q.kind, q.text, q.speaker, q.cue) == ("indirect", reported, speaker, cue)


def test_interposed_cue_keeps_the_whole_sentence() -> None:
    q = one("Yang terpenting bagi pemerintah, kata Rina, adalah harga tetap terjangkau.")
    assert q.text == "Yang terpenting bagi pemerintah, kata Rina, adalah harga tetap terjangkau"
    assert q.speaker == "Rina Wulandari"


def test_hal_itu_disampaikan_reports_the_paragraph_before() -> None:
    text = ("Pemerintah akan menambah kuota pupuk bersubsidi bagi petani di seluruh provinsi.\n"
            "Hal itu disampaikan Joko Santoso di Jakarta, Rabu (5/3/2025).")
    q = one(text)
    assert q.kind == "indirect" and q.speaker == "Joko Santoso"
    assert q.text == "Pemerintah akan menambah kuota pupuk bersubsidi bagi petani di seluruh provinsi"


def test_second_verb_with_subject_left_out_is_a_second_quote() -> None:
    qs = quotes_of("Jepang mengatakan pihaknya menghormati perjanjian itu dan menyangkal ikut campur urusan "
                   "dalam negeri negara tetangga.")
    assert [(q.cue, q.speaker) for q in qs] == [("mengatakan", "Jepang"), ("menyangkal", "Jepang")]
    assert qs[0].text == "pihaknya menghormati perjanjian itu"


def test_time_clause_after_comma_is_not_reported_content() -> None:
    q = one("Amerika Serikat menyatakan kekhawatiran soal latihan militer itu, setelah kedua menteri bertemu "
            "selama lima jam di Jenewa.")
    assert q.text == "kekhawatiran soal latihan militer itu"
    assert q.speaker == "Amerika Serikat"


# ----------------------------------------------------------------------------- speakers

@pytest.mark.parametrize("pronoun", ["Ia", "Dia", "Beliau"])
def test_pronoun_speaker_resolves_to_the_previous_person(pronoun: str) -> None:
    text = ('"Kami akan menambah armada bus," kata Andi Pratama.\n'
            f"{pronoun} menegaskan tarif tidak akan naik sampai akhir tahun.")
    qs = quotes_of(text)
    assert [q.speaker for q in qs] == ["Andi Pratama", "Andi Pratama"]


def test_pronoun_goes_to_a_person_named_in_the_narrative() -> None:
    text = ('"Kami akan menambah armada bus," kata Andi Pratama.\n'
            "Anggota DPRD Rina Wulandari mempertanyakan rencana itu. Menurutnya, anggaran daerah tidak cukup.")
    qs = quotes_of(text)
    assert qs[-1].cue == "Menurutnya" and qs[-1].speaker == "Rina Wulandari"


def test_plural_source_is_not_the_antecedent_of_nya() -> None:
    text = ('"Kami tidak akan menyerah," kata Budi Hartono.\n'
            "Ia menegur para pengunjuk rasa karena menuntut kenaikan upah dua kali lipat.\n"
            '"Berhentilah memblokir jalan," ujarnya.')
    qs = quotes_of(text)
    assert qs[-1].speaker == "Budi Hartono"


def test_definite_phrase_points_back_to_the_speaker() -> None:
    text = ('Seorang pejabat tinggi militer Thailand mengatakan pasukan telah ditarik dari perbatasan.\n'
            '"Tidak ada lagi tentara di sana," ujar pejabat tersebut.')
    qs = quotes_of(text)
    assert [q.speaker for q in qs] == ["Seorang pejabat tinggi militer Thailand"] * 2


def test_role_noun_is_linked_to_its_named_holder() -> None:
    text = ("Juru bicara Kementerian Luar Negeri Thailand, Somchai Boonmee, mengatakan pintu perbatasan dibuka "
            "kembali pekan depan.\n"
            '"Kami menyambut baik langkah itu," kata juru bicara Kementerian Luar Negeri Thailand.')
    qs = quotes_of(text)
    assert [q.speaker for q in qs] == ["Somchai Boonmee", "Somchai Boonmee"]


def test_apposition_after_the_role_names_the_speaker() -> None:
    q = one('"Serangan itu datang dari utara," kata juru bicara militer, Kolonel Somchai Boonmee.')
    assert q.speaker == "Somchai Boonmee"


def test_unnamed_source_is_kept_as_written() -> None:
    q = one("Pejabat yang enggan disebutkan namanya mengatakan rapat itu berlangsung alot.")
    assert q.speaker == "Pejabat yang enggan disebutkan namanya"


def test_speaker_without_entity_keeps_its_capitalised_name() -> None:
    q = one('"Jalan tol itu dibuka bulan depan," kata Hendra Gunawan.')
    assert q.speaker == "Hendra Gunawan" and q.speaker_id is None


# ----------------------------------------------------------------------------- not quotes

@pytest.mark.parametrize("text", [
    'Ia menonton film "Laskar Pelangi" bersama keluarganya di bioskop.',
    'Buku berjudul "Jejak Langkah di Tanah Rantau" itu terjual habis dalam sepekan.',
    'Kebijakan "satu pintu" itu mulai berlaku pekan depan.',
    'Kawasan itu sejak lama dikenal dengan julukan "kampung nelayan".',
    "Aturan itu menyebut setiap warga wajib membayar pajak kendaraan tepat waktu.",
    "Dengan kata lain, harga minyak goreng tidak akan turun dalam waktu dekat.",
    "Lebih lanjut, pembangunan jembatan itu memakan waktu dua tahun.",
    "Sikap Jepang yang terus menuduh tetangganya membuat situasi memanas.",
])
def test_not_a_quote(text: str) -> None:
    assert quotes_of(text) == []


def test_speech_inside_a_quote_stays_inside_it() -> None:
    qs = quotes_of('"Presiden mengatakan kepada kami bahwa semua pegawai akan menerima gaji tepat waktu," '
                   "kata Rina Wulandari.")
    assert len(qs) == 1 and qs[0].kind == "direct" and qs[0].speaker == "Rina Wulandari"


def test_reported_speech_inside_reported_speech_stays_inside_it() -> None:
    qs = quotes_of("Media Jepang melaporkan Amerika Serikat telah meminta bantuan logistik kepada sekutunya.")
    assert len(qs) == 1 and qs[0].cue == "melaporkan"


def test_headline_with_colon_is_not_a_quote() -> None:
    head = "Andi Pratama: Tarif Bus Tidak Naik"
    body = "Andi Pratama mengatakan tarif bus tidak akan naik tahun ini."
    text = head + "\n" + body
    zones = [Zone("headline", 0, len(head)), Zone("body", len(head) + 1, len(text))]
    qs = quotes_of(text, zones)
    assert len(qs) == 1 and qs[0].start > len(head)


def test_repeated_lead_does_not_double_the_quotes() -> None:
    lead = "Andi Pratama mengatakan tarif bus tidak akan naik tahun ini."
    body = "JAKARTA - Andi Pratama mengatakan tarif bus tidak akan naik tahun ini."
    text = lead + "\n" + body
    zones = [Zone("lead", 0, len(lead), repeated=True), Zone("body", len(lead) + 1, len(text))]
    qs = quotes_of(text, zones)
    assert len(qs) == 1 and qs[0].start > len(lead)


def test_reported_speech_without_a_speaker_is_refused() -> None:
    assert quotes_of("Sementara itu mengatakan bahwa rapat ditunda.") == []
    assert quotes_of("Di kantor itu mengatakan hal serupa adalah kebiasaan lama.") == []


def test_every_quote_has_rule_and_confidence() -> None:
    qs = quotes_of('"Kami siap," kata Andi.\nMenurut Rina, semua sudah siap sejak pagi tadi.')
    assert qs and all(q.by and 0 < (q.confidence or 0) <= 1 for q in qs)


# ----------------------------------------------------------------------------- data files

def test_lexicon_files_load_and_are_consistent() -> None:
    lex = load_lexicon()
    assert ("kata",) in lex.post and lex.post[("ujarnya",)] == "nya"
    assert ("mengatakan",) in lex.verb and ("menurut",) in lex.prep
    # every -nya post cue has its bare form
    for key, spk in lex.post.items():
        if spk == "nya" and key[0].endswith("nya"):
            base = key[0][:-3]
            assert (base,) in lex.post or (base + "i",) in lex.post, key  # akunya <- akui
    assert lex.pronoun["mereka"] == "pl" and lex.pronoun["ia"] == "per" and lex.pronoun["pihaknya"] == "sg"
    assert ("seorang",) in lex.det and ("juru", "bicara") in lex.head


@pytest.mark.parametrize("name, roles", [("speech_cues.tsv", CUE_ROLES), ("unnamed_sources.tsv", SOURCE_KINDS)])
def test_lexicon_rows_are_well_formed(name: str, roles: frozenset[str]) -> None:
    seen = set()
    for n, line in enumerate(lang_path(name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == 3, f"{name}:{n}"
        assert cols[1] in roles, f"{name}:{n}"
        assert cols[0] == cols[0].strip().lower(), f"{name}:{n}: lower case, no outer spaces"
        assert (cols[0], cols[1]) not in seen, f"{name}:{n}: duplicate"
        seen.add((cols[0], cols[1]))


def test_media_outlets_file() -> None:
    rows = [l.split("\t") for l in lang_path("media_outlets.tsv").read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")]
    assert rows and all(len(r) == 2 and (r[1] == "-" or re.fullmatch(r"[A-Z]{3}", r[1])) for r in rows)
    names = [r[0] for r in rows]
    assert len(names) == len(set(names)) and "Reuters" in names


# ----------------------------------------------------------------------------- generalisation (held-out findings)

@pytest.mark.parametrize("text, reported, speaker, cue", [
    # a number with a thousands dot is not a sentence end
    ("Banjir itu merendam hampir 12.500 rumah di pesisir utara, menurut Andi Pratama.",
     "Banjir itu merendam hampir 12.500 rumah di pesisir utara", "Andi Pratama", "menurut"),
    # asides between commas, one after another, between the speaker and the verb
    ("Sergei Lavrov dalam pernyataannya, seperti dilansir Reuters, Selasa (4/6/2024), mengatakan bahwa "
     "Moskow siap berunding.", "Moskow siap berunding", "Sergei Lavrov", "mengatakan"),
    # an epithet clause: the name before it speaks
    ("Budi, begitu pengusaha muda itu biasa disapa, menjelaskan rencana perluasan pabrik di Karawang.",
     "rencana perluasan pabrik di Karawang", "Budi Hartono", "menjelaskan"),
    # a phrase saying how the subject spoke, with another name inside it
    ("Andi Pratama dalam rapat dengan Rina Wulandari mengutuk aksi perusakan fasilitas umum.",
     "aksi perusakan fasilitas umum", "Andi Pratama", "mengutuk"),
    # a relative clause between the subject and the verb
    ("Kementerian Luar Negeri Thailand yang dipimpin Somchai mengklaim bertanggung jawab atas evakuasi itu.",
     "bertanggung jawab atas evakuasi itu", "Kementerian Luar Negeri Thailand", "mengklaim"),
    # a copula before the subject
    ("Penyebabnya adalah Andi Pratama bersumpah akan menuntaskan kasus itu.",
     "akan menuntaskan kasus itu", "Andi Pratama", "bersumpah"),
    ("Rina Wulandari menggarisbawahi bahwa anggaran pendidikan tidak boleh dipangkas.",
     "anggaran pendidikan tidak boleh dipangkas", "Rina Wulandari", "menggarisbawahi"),
    # crowds and organisers speak as written
    ("Sejumlah demonstran membawa poster menuntut pemerintah menurunkan harga BBM.",
     "pemerintah menurunkan harga BBM", "Sejumlah demonstran", "menuntut"),
    ("Dilansir Reuters, Minggu (3/3/2024), penyelenggara mengatakan sekitar dua juta orang ikut dalam pawai itu.",
     "sekitar dua juta orang ikut dalam pawai itu", "penyelenggara", "mengatakan"),
])
def test_reported_speech_general_forms(text: str, reported: str, speaker: str, cue: str) -> None:
    q = one(text)
    assert (q.kind, q.text, q.speaker, q.cue) == ("indirect", reported, speaker, cue)


def test_crowd_after_a_post_cue_is_the_speaker() -> None:
    q = one('"Turunkan harga sekarang!" seru ratusan orang meneriakkan yel-yel di depan gedung DPRD.')
    assert q.kind == "direct" and q.speaker == "ratusan orang"


@pytest.mark.parametrize("text", [
    # a purpose clause: nobody speaks
    "Rina Wulandari menggelar jumpa pers untuk mengungkap data terbaru.",
    # a law that "states" is no speaker: an aside with sebagaimana does not make it one
    "Undang-Undang Dasar, sebagaimana dikenal di Indonesia, memang menyatakan bahwa negara melindungi warganya.",
])
def test_not_a_quote_general(text: str) -> None:
    assert quotes_of(text) == []


@pytest.mark.parametrize("text, reported", [
    # when, where or to whom it was said is not what was said
    ("Rina Wulandari mengatakan stok beras cukup hingga akhir tahun dalam sebuah konferensi pers pada Jumat.",
     "stok beras cukup hingga akhir tahun"),
    ("Andi Pratama menjelaskan kesiapan armada bus menghadapi arus mudik saat menerima kunjungan Budi Hartono.",
     "kesiapan armada bus menghadapi arus mudik"),
    ("Reuters mengungkap rencana merger kedua bank itu dalam laporannya hari Senin (16/9/2024).",
     "rencana merger kedua bank itu"),
    ("Jepang mengutuk peluncuran rudal itu dan siap membantu negara tetangganya.", "peluncuran rudal itu"),
    # ... but a phrase that belongs to the reported event stays
    ("Andi Pratama mengatakan kedua menteri akan bertemu di sela-sela sidang umum PBB pekan depan.",
     "kedua menteri akan bertemu di sela-sela sidang umum PBB pekan depan"),
    ("Rina Wulandari menyoroti pentingnya jalan desa yang mulus dan terawat bagi petani.",
     "pentingnya jalan desa yang mulus dan terawat bagi petani"),
    # "A, menurut X, dalam ...": the phrase after the source is about the source
    ("Gempa itu menewaskan 1.250 orang, sebagian besar anak-anak, menurut Kementerian Luar Negeri Thailand, "
     "dalam angka yang belum final.", "Gempa itu menewaskan 1.250 orang, sebagian besar anak-anak"),
])
def test_reported_text_boundaries(text: str, reported: str) -> None:
    assert one(text).text == reported


def test_menurut_after_a_direct_quote_reports_only_its_own_clause() -> None:
    qs = quotes_of('"Hentikan perang sekarang," demikian bunyi salah satu spanduk dalam aksi di Bandung, '
                   "tempat ribuan buruh bekerja, menurut Andi Pratama.")
    assert [(q.kind, q.text, q.speaker) for q in qs] == [
        ("direct", "Hentikan perang sekarang", "salah satu spanduk"),
        ("indirect", "tempat ribuan buruh bekerja", "Andi Pratama")]


def test_interposed_cue_in_a_fragment_is_its_own_quote() -> None:
    qs = quotes_of("Rina Wulandari hadir dalam rapat itu.\n"
                   "Ia juga menyoroti program beasiswa bagi siswa miskin. Termasuk, lanjut Rina, program makan "
                   "siang di sekolah dasar.")
    assert [(q.cue, q.text, q.speaker) for q in qs] == [
        ("menyoroti", "program beasiswa bagi siswa miskin", "Rina Wulandari"),
        ("lanjut", "program makan siang di sekolah dasar", "Rina Wulandari")]


# ----------------------------------------------------------------------------- speakers (held-out findings)

def test_office_without_a_name_refers_back_to_the_person_just_named() -> None:
    qs = quotes_of('"Anggaran kesehatan harus naik," kata Rina kepada wartawan.\n'
                   "Anggota Komisi IX DPR itu menyinggung program vaksinasi yang masih tersendat.")
    assert [q.speaker for q in qs] == ["Rina Wulandari", "Rina Wulandari"]
    qs = quotes_of('"Anggaran kesehatan harus naik," kata Rina kepada wartawan.\n'
                   "Anggota Komisi IX DPR RI menyinggung program vaksinasi yang masih tersendat.")
    assert [q.speaker for q in qs] == ["Rina Wulandari", "Rina Wulandari"]


def test_indefinite_office_stays_an_unnamed_source() -> None:
    qs = quotes_of('"Anggaran kesehatan harus naik," kata Rina kepada wartawan.\n'
                   "Seorang anggota Komisi IX DPR menyinggung program vaksinasi yang masih tersendat.")
    assert [q.speaker for q in qs] == ["Rina Wulandari", "Seorang anggota Komisi IX DPR"]


def test_holder_named_after_the_title_speaks() -> None:
    q = one('"Kami tidak akan mundur," ujar Menteri Luar Negeri Rusia, Sergei Lavrov yang baru tiba di Jakarta.')
    assert q.speaker == "Sergei Lavrov"


@pytest.mark.parametrize("text, speaker", [
    # the statement's issuer named in the sentence before
    ("Dewan Kerja Sama Teluk mengeluarkan pernyataan usai pertemuan di Riyadh.\n"
     '"Kami menolak segala bentuk intervensi asing," bunyi pernyataan itu.', "Dewan Kerja Sama Teluk"),
    ("Pernyataan resmi Dewan Kerja Sama Teluk dirilis pada Senin malam.\n"
     '"Kami menolak segala bentuk intervensi asing," bunyi pernyataan tersebut.', "Dewan Kerja Sama Teluk"),
    # no issuer named: the statement stays unnamed, not the country spoken of just before
    ('Iran menuduh negara tetangganya ikut campur. "Kami menolak segala bentuk intervensi asing," '
     "bunyi pernyataan itu.", "pernyataan itu"),
    ('"Kami menolak segala bentuk intervensi asing," demikian pernyataan Kementerian Luar Negeri Thailand.',
     "Kementerian Luar Negeri Thailand"),
])
def test_statement_speaks_for_its_issuer(text: str, speaker: str) -> None:
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert len(qs) == 1 and qs[0].speaker == speaker


def test_sembari_menambahkan_after_a_quotation_continues_its_speaker() -> None:
    qs = quotes_of('"Kami tidak akan mundur," kata Sergei Lavrov sembari menambahkan bahwa Moskow siap berunding '
                   "kapan saja.")
    assert [(q.kind, q.speaker, q.text) for q in qs] == [
        ("direct", "Sergei Lavrov", "Kami tidak akan mundur"),
        ("indirect", "Sergei Lavrov", "Moskow siap berunding kapan saja")]


def test_two_named_subjects_each_say_it() -> None:
    qs = quotes_of("Gubernur Andi Pratama dan Menteri Rina Wulandari dalam jumpa pers bersama mengumumkan bahwa "
                   "jalan tol itu dibuka bulan depan.")
    assert [(q.speaker, q.text) for q in qs] == [
        ("Andi Pratama", "jalan tol itu dibuka bulan depan"),
        ("Rina Wulandari", "jalan tol itu dibuka bulan depan")]


def test_names_that_modify_a_noun_are_not_joint_speakers() -> None:
    qs = quotes_of("Sikap Jepang dan Amerika Serikat menegaskan bahwa aliansi keduanya tetap kuat.")
    assert len(qs) <= 1


@pytest.mark.parametrize("text", [
    # denied speech reports nothing
    "Andi Pratama tidak menyebutkan kapan jembatan itu akan diresmikan.",
    "Rina Wulandari belum mengungkapkan siapa calon wakilnya.",
    "Juru bicara Istana juga tak menjelaskan alasan penundaan itu.",
    # recognition of a state is not an admission
    "Jepang mengakui negara Palestina dalam sidang kabinet pada Selasa.",
    "Amerika Serikat mengakui Iran sebagai ancaman utama di kawasan.",
])
def test_denied_speech_and_recognition_are_not_quotes(text: str) -> None:
    assert quotes_of(text) == []


def test_admission_is_still_a_quote() -> None:
    q = one("Andi Pratama mengakui bahwa anggaran proyek itu membengkak.")
    assert q.text == "anggaran proyek itu membengkak" and q.cue == "mengakui"


def test_title_case_office_with_dan_reaches_its_holder() -> None:
    q = one('"Kami siap membuka pasar baru," kata Wakil Menteri Perdagangan dan Industri Thailand, Somchai Boonmee.')
    assert q.speaker == "Somchai Boonmee"


@pytest.mark.parametrize("text, speaker", [
    ("Banjir itu menewaskan 120 orang, sebagian besar anak-anak, menurut penghitungan resmi Reuters.", "Reuters"),
    ("Menurut data Kementerian Luar Negeri Thailand, 300 warga telah dievakuasi dari zona perang.",
     "Kementerian Luar Negeri Thailand"),
])
def test_figures_speak_through_the_body_named_after_them(text: str, speaker: str) -> None:
    assert one(text).speaker == speaker


@pytest.mark.parametrize("text", [
    "Harga beras naik 12 persen bulan ini, menurut data terbaru.",
    "Sebagian besar warga merasa aman, menurut survei Agustus.",
])
def test_figures_with_no_one_behind_them_are_no_speaker(text: str) -> None:
    assert quotes_of(text) == []


@pytest.mark.parametrize("text, quoted, speaker", [
    ('Jepang menawarkan perundingan pekan lalu, sebuah langkah yang menurut Amerika Serikat "sangat '
     'menggembirakan".', "sangat menggembirakan", "Amerika Serikat"),
    ('Menurut Andi Pratama, "kami tidak akan menaikkan tarif tahun ini".', "kami tidak akan menaikkan tarif tahun ini",
     "Andi Pratama"),
])
def test_menurut_before_a_quotation(text: str, quoted: str, speaker: str) -> None:
    q = one(text)
    assert (q.kind, q.text, q.speaker) == ("direct", quoted, speaker)


def test_menurut_before_a_title_is_not_a_quotation() -> None:
    assert quotes_of('Menurut buku "Jejak Langkah di Tanah Rantau", kota itu berdiri pada abad ke-17.') == []


def test_statement_as_subject_speaks_for_its_issuer() -> None:
    qs = quotes_of("Dewan Kerja Sama Teluk mengeluarkan pernyataan pada Senin malam. Pernyataan itu menyebut serangan "
                   "tersebut melanggar hukum internasional.")
    assert [(q.speaker, q.text) for q in qs] == [
        ("Dewan Kerja Sama Teluk", "serangan tersebut melanggar hukum internasional")]


def test_naming_verb_reports_what_follows_sebagai() -> None:
    q = one("Rina Wulandari menggambarkannya sebagai krisis pangan terburuk dalam satu dekade.")
    assert (q.cue, q.text) == ("menggambarkannya", "krisis pangan terburuk dalam satu dekade")


# ----------------------------------------------------------------------------- mid-sentence and fronted cues


@pytest.mark.parametrize("text, reported", [
    ("Andi Pratama meninjau posko banjir. Petugas, menurut dia, masih menyisir permukiman di tepi sungai.",
     "Petugas, menurut dia, masih menyisir permukiman di tepi sungai"),
    ("Andi Pratama meninjau posko banjir. Menurut dia, jangan sampai warga kembali sebelum air surut.",
     "jangan sampai warga kembali sebelum air surut"),
    ("Andi Pratama meninjau posko banjir. Namun, menurut dia, stok beras masih cukup untuk sepekan.",
     "stok beras masih cukup untuk sepekan"),
])
def test_menurut_with_a_pronoun_in_mid_sentence(text: str, reported: str) -> None:
    q = one(text)
    assert (q.text, q.speaker) == (reported, "Andi Pratama")


@pytest.mark.parametrize("text, reported", [
    ("Disampaikan Andi Pratama di hadapan wartawan, Selasa (4/3/2025), bahwa tarif listrik tidak akan naik.",
     "tarif listrik tidak akan naik"),
    ("Disebutkan Rina Wulandari bahwa seluruh korban sudah dievakuasi ke rumah sakit.",
     "seluruh korban sudah dievakuasi ke rumah sakit"),
    ("Disampaikan pula oleh Rina Wulandari bahwa jalur kereta dibuka kembali besok pagi.",
     "jalur kereta dibuka kembali besok pagi"),
])
def test_fronted_passive_cue_with_bahwa(text: str, reported: str) -> None:
    q = one(text)
    assert q.text == reported and q.speaker in ("Andi Pratama", "Rina Wulandari")


def test_subject_said_by_an_agent_to_be_something() -> None:
    q = one("Budi Hartono juga disebut Andi Pratama berada di balik kebocoran dokumen itu.")
    assert q.speaker == "Andi Pratama" and "berada di balik kebocoran dokumen itu" in q.text


@pytest.mark.parametrize("text", [
    "Rencana itu disampaikan Andi Pratama dalam rapat di Balai Kota.",
    "Disampaikan Andi Pratama di Balai Kota, rencana itu mendapat dukungan warga.",
])
def test_passive_cue_without_a_clause_is_no_quote(text: str) -> None:
    assert quotes_of(text) == []


def test_time_clause_after_a_verb_of_the_content_stays_in_it() -> None:
    q = one("Andi Pratama menjelaskan kabar itu diterimanya usai bertemu Duta Besar Jepang di kantornya.")
    assert q.text == "kabar itu diterimanya usai bertemu Duta Besar Jepang di kantornya"


@pytest.mark.parametrize("text", [
    "Andi Pratama mengumumkan kenaikan tarif untuk sejumlah ruas tol yang dikelola BUMN.",
    "Andi Pratama menyampaikan doa bagi para korban gempa di Cianjur.",
    "Rina Wulandari juga menyoroti Budi Hartono yang dinilai lamban menangani banjir.",
    "Pemerintah Jepang belum bisa memastikan jumlah korban karena akses jalan masih terputus.",
    "Dikutip dari Reuters, diketahui pabrik itu akan ditutup selama dua pekan.",
])
def test_announcing_a_thing_or_a_relayed_fact_is_no_quote(text: str) -> None:
    assert quotes_of(text) == []


@pytest.mark.parametrize("text, reported", [
    ("Andi Pratama mengumumkan pemerintah akan menurunkan harga pupuk mulai bulan depan.",
     "pemerintah akan menurunkan harga pupuk mulai bulan depan"),
    ("Andi Pratama menyampaikan bahwa anggaran bantuan sosial tidak dipotong.",
     "anggaran bantuan sosial tidak dipotong"),
])
def test_announcing_a_clause_is_a_quote(text: str, reported: str) -> None:
    assert one(text).text == reported


def test_first_verb_of_two_with_nothing_reported_gives_no_empty_quote() -> None:
    qs = quotes_of("Andi Pratama membantah dan menyatakan bahwa dana itu sudah dikembalikan ke kas negara.")
    assert [(q.speaker, q.text) for q in qs] == [("Andi Pratama", "dana itu sudah dikembalikan ke kas negara")]


def test_commas_inside_one_named_body_keep_one_speaker() -> None:
    text = "Dinas Pendidikan, Pemuda, dan Olahraga Jawa Barat mengatakan sekolah akan dibuka kembali pekan depan."
    doc = make_doc(text)
    name = "Dinas Pendidikan, Pemuda, dan Olahraga Jawa Barat"
    doc.entities.append(Entity(name=name, type="ORG", id=None, mentions=[Span(0, len(name), name)]))
    doc.notes["mentions"] = [{"start": 0, "end": len(name), "text": name, "type": "ORG",
                              "entity_index": len(doc.entities) - 1}]
    qs = extract(doc, get_resources())
    assert [(q.speaker, q.text) for q in qs] == [(name, "sekolah akan dibuka kembali pekan depan")]


def test_nya_refers_back_to_the_subject_not_to_a_person_acted_on() -> None:
    qs = quotes_of("Rina Wulandari mengatakan sidang ditunda. Ia kemudian menegur Budi Hartono di ruang sidang. "
                   '"Saya tidak mau ada penundaan lagi," tegasnya.')
    assert qs[-1].speaker == "Rina Wulandari"


def test_verb_after_a_fronted_clause_belongs_to_the_main_subject() -> None:
    qs = quotes_of("Berbicara di Tokyo bersama Rina Wulandari pada Senin, Andi Pratama mengatakan harga beras "
                   "stabil, seraya menambahkan bahwa stok cukup hingga akhir tahun.")
    assert [q.speaker for q in qs] == ["Andi Pratama", "Andi Pratama"]


# ----------------------------------------------------------------------------- titles before names


@pytest.mark.parametrize("text, speaker", [
    # an office with commas and "dan" inside its name, then its holder
    ('"Harga minyak sawit akan turun," kata Menteri Perdagangan, Perindustrian dan Investasi Singapura, '
     'Lee Hsien Tan pada Senin.', "Lee Hsien Tan"),
    ('"Suku bunga kami tahan," kata Ketua Bank Sentral, Andi Pratama dikutip dari Reuters.', "Andi Pratama"),
    ('"Apakah rancangan ini dapat disetujui?" tanya Wakil Ketua DPR selaku pimpinan sidang Rina Wulandari.',
     "Rina Wulandari"),
    ('"Anda sudah membaca laporannya?" tanya Budi kepada Andi.', "Budi Hartono"),
])
def test_holder_named_after_an_office(text: str, speaker: str) -> None:
    assert one(text).speaker == speaker


def test_office_without_a_holder_stays_the_office() -> None:
    q = one('"Kami menolak usulan itu," kata Ketua Bank Sentral kepada wartawan. Andi Pratama tiba kemudian.')
    assert q.speaker != "Andi Pratama"


def test_words_before_a_first_name_are_not_the_name() -> None:
    # the entity span holds "Ilmu Politik"; the text's short form "Dewi" shows where the name begins
    qs = quotes_of('Pengamat Ilmu Politik Dewi Lestari menilai, pemilu harus diulang. '
                   '"Kami tidak puas," kata Dewi kepada wartawan.')
    assert [q.speaker for q in qs] == ["Dewi Lestari", "Dewi Lestari"]


def test_full_name_kept_when_no_short_form_inside() -> None:
    q = one('"Kami tidak puas," kata Lee Hsien Tan kepada wartawan.')
    assert q.speaker == "Lee Hsien Tan"


@pytest.mark.parametrize("text, speaker, quoted", [
    # "Selain ..., X juga menyampaikan": selain opens a clause, it is no speaker
    ("Selain membahas anggaran sekolah, Andi Pratama juga menyampaikan bahwa pemerintah akan membangun "
     "jembatan baru.", "Andi Pratama", "pemerintah akan membangun jembatan baru"),
    # "Dirinya" is a pronoun for the person just named
    ("Budi Hartono tiba di Jakarta pada Senin. Dirinya mengatakan, kerja sama itu akan diperpanjang.",
     "Budi Hartono", "kerja sama itu akan diperpanjang"),
])
def test_connective_and_dirinya(text: str, speaker: str, quoted: str) -> None:
    qs = quotes_of(text)
    assert [(q.speaker, q.text) for q in qs] == [(speaker, quoted)]


def test_cue_words_confirming() -> None:
    q = one("Juru bicara Interfax, Andi Pratama, mengonfirmasikan bahwa kebakaran terjadi di dua lokasi.")
    assert (q.speaker, q.text) == ("Andi Pratama", "kebakaran terjadi di dua lokasi")


@pytest.mark.parametrize("text, n", [
    ("Andi Pratama membenarkan bahwa dua warga ditahan sejak Jumat.", 1),
    ("Aturan itu membenarkan penahanan warga selama dua hari.", 0),   # a rule is no speaker
])
def test_membenarkan_needs_a_speaker(text: str, n: int) -> None:
    assert len(quotes_of(text)) == n


@pytest.mark.parametrize("text, speaker", [
    ("Kebijakan itu, yang menurut pejabat Kementerian Luar Negeri Thailand akan menghambat perdagangan, tetap "
     "berlaku.", "pejabat Kementerian Luar Negeri Thailand"),
    # a relative clause inside the unnamed phrase keeps its own predicate words
    ('"Kami menolak," kata seorang pejabat yang sudah pensiun dari kementerian.', "seorang pejabat yang sudah pensiun"),
])
def test_unnamed_source_stops_before_a_predicate(text: str, speaker: str) -> None:
    q = one(text)
    assert q.speaker.startswith(speaker) and "akan" not in q.speaker



def test_passive_cue_with_content_before_it_ends() -> None:
    """"..., Hal tersebut disampaikan X menanggapi ...": the reported content lies before the cue, and
    the scan must move on past the cue instead of meeting it again (this shape once looped for ever)."""
    import signal

    from pantau import RawDoc, analyze

    def too_long(*_):
        raise TimeoutError("quote extraction did not finish")

    body = ("Pengamat hukum menilai aturan itu perlu diperjelas. , \"Jadi ada kesamaan aturan bagi semua "
            "lembaga,\" ujar dia. , Sebelumnya, Presiden Joko Widodo setuju pengadaan alat sadap oleh Badan "
            "Intelijen Negara harus seizin Dewan Pengawas BIN., Hal tersebut disampaikan Jokowi menanggapi "
            "draf revisi Undang-Undang Intelijen yang diusulkan DPR.")
    raw = RawDoc(text=body, title="Jokowi Setuju Penyadapan Harus Seizin Dewan Pengawas", rubric="News",
                 published="2019-09-13", kind="record")
    old = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(20)
    try:
        art = analyze(raw)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert any(q.text == "Jadi ada kesamaan aturan bagi semua lembaga" for q in art.quotes)


# ----------------------------------------------------------------------------- held-out error classes

@pytest.mark.parametrize("text, speaker, via, reported", [
    # the outlet relays: the subject of the speech verb after it speaks
    ("Menurut laporan Reuters, Andi Pratama mengatakan pabrik itu akan ditutup bulan depan.",
     "Andi Pratama", "Reuters", "pabrik itu akan ditutup bulan depan"),
    ("Menurut Interfax, Sergei Lavrov menegaskan Moskwa siap melanjutkan perundingan.",
     "Sergei Lavrov", "Interfax", "Moskwa siap melanjutkan perundingan"),
    # no speech verb after it: the outlet itself is the source
    ("Menurut laporan Reuters, pabrik itu akan ditutup bulan depan.",
     "Reuters", None, "pabrik itu akan ditutup bulan depan"),
    # a source that is no outlet keeps the sentence
    ("Menurut Rina, Andi Pratama mengatakan hal yang sama kepada warga.",
     "Rina Wulandari", None, "Andi Pratama mengatakan hal yang sama kepada warga"),
])
def test_outlet_after_menurut_relays_the_speaker_of_the_verb(text: str, speaker: str, via: str | None,
                                                             reported: str) -> None:
    q = one(text)
    assert (q.speaker, q.via, q.text) == (speaker, via, reported)


@pytest.mark.parametrize("text, speaker", [
    # a ministry quoted in between is no antecedent of "ia"/"dirinya"
    ("Andi Pratama meninjau pelabuhan pada Senin. Kementerian Luar Negeri Thailand mengatakan pelabuhan itu "
     "ditutup sementara. Dirinya mengatakan, pengiriman bantuan tetap berjalan.", "Andi Pratama"),
    ("Budi Hartono menerima delegasi pada Selasa setelah Dewan Kerja Sama Teluk menyatakan kesediaan membantu. "
     "Ia menegaskan bantuan itu akan disalurkan lewat pemerintah daerah.", "Budi Hartono"),
    # with no person before it, a body is still the antecedent
    ("Kementerian Luar Negeri Thailand menyatakan perbatasan dibuka kembali. Ia menambahkan pemeriksaan "
     "diperketat.", "Kementerian Luar Negeri Thailand"),
])
def test_personal_pronoun_points_back_to_a_person(text: str, speaker: str) -> None:
    qs = quotes_of(text)
    assert qs[-1].speaker == speaker, [(q.speaker, q.text) for q in qs]


def test_pihaknya_may_point_back_to_a_body() -> None:
    qs = quotes_of("Andi Pratama meninjau pelabuhan. Kementerian Luar Negeri Thailand mengatakan pelabuhan itu "
                   "ditutup. Pihaknya menegaskan pengiriman bantuan tetap berjalan.")
    assert qs[-1].speaker == "Kementerian Luar Negeri Thailand"


@pytest.mark.parametrize("text, speaker", [
    # an organisation only named before, a person quoted in between
    ("Andi Pratama mengatakan pertemuan dengan Dewan Kerja Sama Teluk dibatalkan. Organisasi itu menyatakan "
     "jadwal baru akan diumumkan pekan depan.", "Dewan Kerja Sama Teluk"),
    ('"Kami menunggu jawaban," kata Budi Hartono setelah bertemu Dewan Kerja Sama Teluk.\n'
     "Kelompok negara Teluk tersebut menegaskan dukungan bagi gencatan senjata.", "Dewan Kerja Sama Teluk"),
    # an office, not a body: the last speaker, as before
    ('"Kami menunggu jawaban," kata Budi Hartono setelah bertemu Dewan Kerja Sama Teluk.\n'
     "Pejabat tersebut menegaskan dukungan bagi gencatan senjata.", "Budi Hartono"),
])
def test_definite_group_phrase_points_back_to_an_organisation(text: str, speaker: str) -> None:
    qs = quotes_of(text)
    assert qs[-1].speaker == speaker, [(q.speaker, q.text) for q in qs]


@pytest.mark.parametrize("text, speaker, reported", [
    # "kepada <addressee>" between the speaker and the verb: the addressee is not part of the speaker
    ("Seorang pejabat Jepang kepada Reuters mengatakan pasukan sudah ditarik dari perbatasan.",
     "Seorang pejabat Jepang", "pasukan sudah ditarik dari perbatasan"),
    ("Namun sumber di Kementerian Luar Negeri Thailand kepada media lokal mengatakan, perundingan akan "
     "dilanjutkan.", "sumber di Kementerian Luar Negeri Thailand", "perundingan akan dilanjutkan"),
    ("Andi Pratama kepada wartawan mengatakan, jalan tol itu dibuka pekan depan.",
     "Andi Pratama", "jalan tol itu dibuka pekan depan"),
    # "media" has the shape of a meN- verb but is a noun
    ("Seorang pejabat media pemerintah mengatakan siaran dihentikan sementara.",
     "Seorang pejabat media pemerintah", "siaran dihentikan sementara"),
    # the addressee, with an apposition or the day, comes before what was said
    ("Andi Pratama mengatakan kepada Rina Wulandari, Duta Besar untuk Jepang, bahwa ia tidak setuju.",
     "Andi Pratama", "ia tidak setuju"),
    ("Andi Pratama mengatakan kepada wartawan di Jakarta, Senin (3/2), harga beras tetap stabil.",
     "Andi Pratama", "harga beras tetap stabil"),
    ("Andi Pratama mengatakan kepada wartawan, pemerintah akan memastikan bahwa harga beras stabil.",
     "Andi Pratama", "pemerintah akan memastikan bahwa harga beras stabil"),
    # a clause with its own subject and predicate is what was said, "bahwa" inside it notwithstanding
    ("Andi Pratama menegaskan DPR akan membahas aturan itu untuk memastikan bahwa pengawasan berjalan.",
     "Andi Pratama", "DPR akan membahas aturan itu untuk memastikan bahwa pengawasan berjalan"),
    # ... while an occasion before "bahwa" is dropped as before
    ("Andi Pratama mengatakan dalam jumpa pers bahwa stok beras cukup.", "Andi Pratama", "stok beras cukup"),
    ("Andi Pratama mengatakan Senin bahwa stok beras cukup.", "Andi Pratama", "stok beras cukup"),
])
def test_addressee_and_clause_around_the_verb(text: str, speaker: str, reported: str) -> None:
    q = one(text)
    assert (q.speaker, q.text) == (speaker, reported)


@pytest.mark.parametrize("text, n", [
    # "hal itu" and when or on what grounds: the words were given elsewhere
    ("Kapolres Budi Hartono mengungkapkan hal itu berdasarkan keterangan saksi di lokasi.", 0),
    ("Andi Pratama mengatakan hal tersebut saat ditemui di kantornya.", 0),
    ("Andi Pratama menyampaikan hal ini kepada wartawan di Jakarta.", 0),
    # "hal itu" as the subject of a statement
    ("Andi Pratama mengatakan hal itu tidak benar.", 1),
    ("Andi Pratama menegaskan hal tersebut sudah dibahas bersama DPRD.", 1),
])
def test_hal_itu_as_object_reports_nothing_new(text: str, n: int) -> None:
    assert len(quotes_of(text)) == n


@pytest.mark.parametrize("text", [
    "Andi Pratama menjelaskan alasan pemerintah menunda pembangunan jembatan itu.",
    "Kapolsek membeberkan kronologi kecelakaan yang menewaskan dua pengendara.",
    "Rina Wulandari mengungkapkan penyebab banjir di kawasan itu kepada wartawan.",
])
def test_topic_of_a_talk_is_not_what_was_said(text: str) -> None:
    assert quotes_of(text) == []


def test_topic_speaker_is_the_antecedent_of_nya() -> None:
    text = ('"Pelaku sudah kami tahan," kata Andi Pratama.\n'
            "Kepada wartawan, Hendra Gunawan menceritakan alasan ia menyerahkan diri.\n"
            '"Saya menyesal dan siap menjalani hukuman," ujarnya.')
    qs = quotes_of(text)
    assert [(q.speaker, q.cue) for q in qs] == [("Andi Pratama", "kata"), ("Hendra Gunawan", "ujarnya")]


def test_reason_as_a_statement_is_still_reported() -> None:
    q = one("Andi Pratama menjelaskan pembangunan jembatan ditunda karena anggaran belum cair.")
    assert q.text == "pembangunan jembatan ditunda karena anggaran belum cair"


@pytest.mark.parametrize("text", [
    "Menteri Luar Negeri Retno Marsudi mengatakan,",
    "Juru bicara kepolisian menegaskan:",
    "Gubernur itu kemudian mengatakan kepada",
])
def test_a_cue_at_the_very_end_reports_nothing(text: str) -> None:
    # a paragraph cut off after its speech verb (a scraper dropped the rest): no quote, no error
    assert quotes_of(text) == []


@pytest.mark.parametrize("text,speaker", [
    ('Andi Pratama menunda peresmian jembatan itu, namun kemudian memberi jaminan kepada warga: '
     '"Jembatan ini akan dibuka sebelum Lebaran."', "Andi Pratama"),
    ('Rina Wulandari datang ke lokasi banjir bersama relawan. Ia lalu menunjuk tanggul yang jebol di ujung desa: '
     '"Kami tidak akan mundur dari rencana perbaikan tanggul ini."', "Rina Wulandari"),
])
def test_whole_sentences_after_a_colon_are_the_clause_subjects(text: str, speaker: str) -> None:
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert len(qs) == 1 and qs[0].speaker == speaker and qs[0].cue == ":"


@pytest.mark.parametrize("text", [
    # a common noun as subject: a note found, not words spoken
    'Polisi menemukan sepucuk surat dengan tulisan: "Jangan cari kami lagi di kota ini."',
    # the quotation does not end the sentence: a title inside running text
    'Andi Pratama meluncurkan bukunya: "Jalan Panjang Menuju Desa Kami" di Jakarta pekan lalu.',
    # too short to be whole sentences
    'Andi Pratama menyebut satu kata: "cukup."',
])
def test_colon_before_a_quotation_without_a_speaker_or_sentence(text: str) -> None:
    assert [q for q in quotes_of(text) if q.cue == ":"] == []


@pytest.mark.parametrize("adverb", ["sama-sama", "bersama-sama"])
def test_two_subjects_with_a_joint_adverb(adverb: str) -> None:
    qs = quotes_of(f"Jepang dan Amerika Serikat {adverb} menuduh kelompok itu berada di balik "
                   "serangan siber tersebut.")
    assert {q.speaker for q in qs} == {"Jepang", "Amerika Serikat"}
    assert all(q.text == "kelompok itu berada di balik serangan siber tersebut" for q in qs)


@pytest.mark.parametrize("text", [
    "Andi Pratama tidak memberikan bukti, dan membuat Tokyo menuduh Washington sudah menyebarkan kebohongan.",
    "Sikap itu membuat Jepang menuduh Amerika Serikat sudah menyebarkan kebohongan.",
])
def test_causative_membuat_opens_the_subject_of_the_speech_verb(text: str) -> None:
    q = one(text)
    assert q.speaker == "Jepang" and q.text.endswith("sudah menyebarkan kebohongan")


def test_membuat_in_reported_content_keeps_the_outer_speaker() -> None:
    q = one("Andi Pratama mengatakan bahwa langkah itu membuat harga beras naik.")
    assert q.speaker == "Andi Pratama" and q.text == "langkah itu membuat harga beras naik"


def test_membuat_without_a_speech_verb_is_no_quote() -> None:
    assert quotes_of("Kenaikan harga bahan bakar membuat Jepang menunda pembelian minyak mentah.") == []


@pytest.mark.parametrize("text, speaker", [
    ("Jangan mengecam orang lain tanpa bukti, kata Budi Hartono.", "Budi Hartono"),
    ("Jangan menuduh pemerintah sembarangan, ujar Gubernur Andi Pratama.", "Andi Pratama"),
    ("Mari mendukung program vaksinasi, kata Rina Wulandari kepada wartawan.", "Rina Wulandari"),
])
def test_an_imperative_particle_is_no_speaker(text: str, speaker: str) -> None:
    # "Jangan mengecam ...": the cue verb inside the reported words has no speaker of its own
    qs = quotes_of(text)
    assert [q.speaker for q in qs] == [speaker], [(q.speaker, q.text) for q in qs]


# ------------------------------------------------- sentence-initial function words are no speakers

@pytest.mark.parametrize("text, bad", [
    ("Petugas membagikan helm gratis kepada pelajar. Dengan mengingatkan orang tua untuk memakai helm, "
     "polisi berharap angka kecelakaan turun.", "Dengan"),
    ("Kapolres dalam keterangan persnya, Kamis (19/9/2019) menjelaskan bahwa pelaku sudah ditangkap di rumahnya.",
     "Kamis"),
    ("Nama seorang pesohor muncul di kolom komentar. Sontak warganet menduga pesohor itu terlibat.", "Sontak"),
])
def test_a_capitalised_function_word_opening_the_sentence_is_no_speaker(text: str, bad: str) -> None:
    # the first word of a sentence is capitalised whatever it is; a preposition, a day name or a
    # sentence adverb there opens the clause and is never the speaker
    qs = quotes_of(text)
    assert all(q.speaker is None or not q.speaker.startswith(bad) for q in qs), [(q.speaker, q.text) for q in qs]


def test_pronoun_with_pun_points_back_to_the_speaker() -> None:
    qs = quotes_of("Andi Pratama mengatakan bahwa sampah plastik mencemari danau. Diapun mendorong pemerintah "
                   "daerah agar segera menerbitkan aturan tentang kantong plastik.")
    assert [q.speaker for q in qs] == ["Andi Pratama", "Andi Pratama"], [(q.speaker, q.text) for q in qs]


def test_a_name_opening_the_sentence_is_still_the_speaker() -> None:
    q = one("Andi Pratama menjelaskan bahwa pelaku sudah ditangkap di rumahnya.")
    assert q.speaker == "Andi Pratama"


@pytest.mark.parametrize("text", [
    "Lembaga survei itu memaparkan hasil survei nasional yang digelar sejak awal Oktober di Jakarta.",
    "Perusahaan riset pasar itu memaparkan riset terbarunya tentang layanan pesan-antar makanan.",
    "Korban kemudian menceritakan kejadian tersebut kepada orang tuanya.",
])
def test_a_recounted_topic_is_no_quote(text: str) -> None:
    # the verb's object names a report or an incident; nothing said is reported
    assert quotes_of(text) == []


def test_a_result_stated_as_a_clause_is_still_a_quote() -> None:
    q = one("Rina Wulandari memaparkan bahwa elektabilitas partai itu naik tiga persen.")
    assert q.speaker == "Rina Wulandari" and q.text == "elektabilitas partai itu naik tiga persen"
