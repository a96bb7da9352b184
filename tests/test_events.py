"""Events stage: every dictionary pattern codes its own example sentence; structures; negation.

The sentences are written for the project in Indonesian news style.  Entities come from the fixed
fixture tagger in ``_event_fixtures`` so these tests check the events stage alone.
"""
from __future__ import annotations

import pytest

from _event_fixtures import analyse, triples
from pantau.cameo import load_table
from pantau.model import Article
from pantau.stages.events import load_patterns

PATTERNS = load_patterns(load_table())


def _expected(p) -> tuple[set[tuple[str, str, str]], str | None]:
    """(triples that must appear, code that must not appear) for a dictionary row."""
    if p.expect.startswith("!"):
        return set(), p.expect[1:]
    code, pairs = (p.expect.split(":", 1) if ":" in p.expect else (p.code, p.expect))
    return {(*pair.split(">"), code) for pair in pairs.split(",")}, None


@pytest.mark.parametrize("p", PATTERNS, ids=[f"{p.row}:{p.kind}:{p.text}" for p in PATTERNS])
def test_every_pattern_codes_its_example(p) -> None:
    doc = analyse(p.example)
    got = triples(doc)
    want, forbidden = _expected(p)
    assert want <= got, f"{p.text!r} ({p.code}) on {p.example!r}: got {sorted(got)}"
    if forbidden:
        assert all(c != forbidden for _s, _t, c in got), f"{p.text!r} must block {forbidden}: got {sorted(got)}"
    if p.kind not in "XS":
        # the event carries this row's rule
        assert any(e.by and e.by.endswith(f":{p.text}") for e in doc.events), [e.by for e in doc.events]


@pytest.mark.parametrize("text", [
    "Rusia tidak akan menyerang Ukraina dalam waktu dekat.",
    "Pemerintah Rusia membantah telah menyerang Ukraina.",
    "Presiden Prancis batal bertemu Presiden Rusia pekan ini.",
    "Jepang belum menjatuhkan sanksi terhadap Rusia.",
    "Korea Utara tak menembakkan rudal ke arah Jepang kemarin.",
    "Menteri Luar Negeri India enggan mengecam Rusia dalam forum itu.",
    "Jika Iran menyerang Israel, Amerika Serikat akan membalas.",
    "Pemimpin Jepang dan China bisa bertemu di sela-sela KTT.",
    "Anggota parlemen Jerman mendesak pemerintah agar mengusir diplomat Rusia.",
    "Rusia dan Ukraina hampir mencapai kesepakatan gencatan senjata pekan lalu.",
    "Jepang nyaris menjatuhkan sanksi terhadap Rusia sebelum pemilu.",
])
def test_negated_conditional_and_speculative_events_are_not_coded(text: str) -> None:
    doc = analyse(text)
    roots = {(s, t, c[:2]) for s, t, c in triples(doc)}
    assert not any(r in ("18", "19", "04", "16", "11", "17") and s != "DEU" for s, _t, r in roots), roots


def test_negation_keeps_the_other_events_of_the_sentence() -> None:
    doc = analyse("Iran membantah tuduhan Israel dan tidak akan menyerang Israel.")
    assert triples(doc) == {("IRN", "ISR", "016")}


def test_announced_force_is_a_threat() -> None:
    doc = analyse("Korea Utara akan menyerang Korea Selatan jika latihan itu dilanjutkan.")
    assert ("PRK", "KOR", "138") in triples(doc)
    assert not any(c.startswith("19") for *_x, c in triples(doc))


@pytest.mark.parametrize("text,want", [
    # active and passive voice
    ("Israel menyerang Lebanon selatan.", {("ISR", "LBN", "190")}),
    ("Lebanon diserang oleh Israel pada malam hari.", {("ISR", "LBN", "190")}),
    ("Lebanon diserang Israel pada malam hari.", {("ISR", "LBN", "190")}),
    # coordinated actors give both directions of a reciprocal event
    ("Rusia dan China memperkuat hubungan ekonomi.", {("RUS", "CHN", "050"), ("CHN", "RUS", "050")}),
    ("Pejabat tinggi Jepang dan Korea Selatan bertemu di Seoul.", {("JPN", "KOR", "040"), ("KOR", "JPN", "040")}),
    # a coordinated target
    ("China menuduh Amerika Serikat dan Inggris mencampuri urusan dalam negerinya.",
     {("CHN", "USA", "112"), ("CHN", "GBR", "112")}),
    # nominal events
    ("Serangan Rusia terhadap Ukraina berlanjut.", {("RUS", "UKR", "190")}),
    ("Sanksi Barat terhadap Rusia mulai terasa.", {("WST", "RUS", "163")}),
    ("Ekonomi Rusia terpuruk akibat sanksi Barat.", {("WST", "RUS", "163")}),
    ("Pertemuan Presiden Indonesia dengan Perdana Menteri Malaysia membahas perbatasan.",
     {("IDN", "MYS", "040"), ("MYS", "IDN", "040")}),
    # appeal for aid addressed to a target
    ("Ukraina telah meminta bantuan militer dan ekonomi kepada Jerman.", {("UKR", "DEU", "0232")}),
])
def test_structures(text: str, want: set) -> None:
    assert want <= triples(analyse(text))


def test_actor_codes_join_agents_and_countries() -> None:
    doc = analyse("Pasukan Rusia menyerang pos polisi Ukraina.")
    (ev,) = doc.events
    assert (ev.source, ev.target) == ("RUSMIL", "UKRCOP")
    doc = analyse("Pemerintah China mengecam media Amerika Serikat.")
    assert [(e.source, e.target) for e in doc.events] == [("CHNGOV", "USAMED")]


def test_igo_and_west_codes() -> None:
    doc = analyse("PBB mengecam Myanmar atas kekerasan itu.")
    (ev,) = doc.events
    assert (ev.source, ev.source_country) == ("IGOUNO", "UNO")
    doc = analyse("Negara-negara Barat menjatuhkan sanksi terhadap Iran.")
    assert {(e.source_country, e.target_country) for e in doc.events} == {("WST", "IRN")}


@pytest.mark.parametrize("text", [
    "Gubernur Jawa Barat meresmikan jembatan baru.",
    "Banjir melanda Papua Barat dan Kalimantan Barat pekan ini.",
    "Angin bertiup dari arah barat.",
    "Warga Sumatera Barat menyerang balik argumen itu di media sosial.",
])
def test_barat_in_place_names_is_no_actor(text: str) -> None:
    doc = analyse(text)
    assert all("WST" not in (e.source_country, e.target_country) for e in doc.events)


def test_events_inside_a_quote_are_the_speakers() -> None:
    text = ('"Kami akan terus mengecam Israel di setiap forum," kata Menteri Luar Negeri Malaysia. '
            '"Washington merusak semua aturan internasional," ujarnya.')
    doc = analyse(text, quotes=[("Kami akan terus mengecam Israel di setiap forum", "Malaysia"),
                                ("Washington merusak semua aturan internasional", "Malaysia")])
    got = triples(doc)
    assert ("MYS", "ISR", "111") in got  # "Kami" is the speaker
    assert ("MYS", "USA", "111") in got  # criticism inside the speaker's words


def test_identical_triples_merge_with_all_mentions() -> None:
    text = "Rusia menyerang Ukraina pada pagi hari. Siang harinya Rusia kembali menyerang Ukraina."
    doc = analyse(text)
    (ev,) = doc.events
    assert len(ev.mentions) == 2
    for m in ev.mentions:
        assert text[m.start:m.end] == m.evidence
    assert text[ev.start:ev.end] == ev.evidence


def test_event_fields_follow_the_contract() -> None:
    doc = analyse("Amerika Serikat menjatuhkan sanksi terhadap Iran.")
    (ev,) = doc.events
    assert ev.code == "163" and ev.root == "16" and ev.quad == 4 and ev.goldstein == -8.0
    assert ev.source_country == "USA" and ev.target_country == "IRN"
    d = ev.to_dict()
    for key in ("source", "source_country", "target", "target_country", "code", "root", "quad", "goldstein",
                "evidence", "start", "end", "mentions"):
        assert key in d


def test_no_event_without_two_actors() -> None:
    assert analyse("Serangan itu menewaskan tiga orang.").events == []
    assert analyse("Kanada menyatakan keprihatinannya atas penahanan warga Kanada.").events == []


def test_gdelt_rows_have_the_gdelt_columns() -> None:
    from pantau.export.gdelt import GDELT_COLUMNS, gdelt_rows

    text = "Internasional\nRusia Menyerang Ukraina\nRusia menyerang Ukraina pada pagi hari."
    doc = analyse(text)
    art = Article(id="a1", text=text, headline="Rusia Menyerang Ukraina", published="2022-03-19",
                  url="https://contoh.id/a1", events=doc.events)
    rows = list(gdelt_rows(art))
    assert rows and all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    row = dict(zip(GDELT_COLUMNS, rows[0]))
    assert row["SQLDATE"] == "20220319" and row["Year"] == "2022" and row["MonthYear"] == "202203"
    assert row["Actor1CountryCode"] == "RUS" and row["Actor2CountryCode"] == "UKR"
    assert row["EventCode"] == "190" and row["EventRootCode"] == "19" and row["QuadClass"] == "4"
    assert row["IsRootEvent"] == "1" and row["SOURCEURL"] == "https://contoh.id/a1"
    assert row["AvgTone"] == "" and row["ActionGeo_Lat"] == ""
    assert list(gdelt_rows(art))[0][0] == rows[0][0]  # stable ids


# --- generalisation: clause subjects, places, background, figurative verbs, rubrics -------------------
@pytest.mark.parametrize("text,want,unwanted", [
    # a prepositional phrase between subject and verb holds no subject
    ("Presiden Amerika Serikat dalam percakapan telepon dengan Presiden Turki mengecam Suriah.",
     ("USA", "SYR", "111"), ("TUR", "SYR", "111")),
    # the agent of a relative clause is no subject
    ("Milisi Houthi yang didukung Iran menyerang kapal Inggris di Laut Merah.",
     ("YEM", "GBR", "190"), ("IRN", "GBR", "190")),
    # a second predicate after "dan" shares the clause's subject, not the first predicate's object
    ("Presiden Prancis mengecam serangan Houthi dan siap membantu Arab Saudi.",
     ("FRA", "SAU", "030"), ("YEM", "SAU", "030")),
    # an adverbial clause's subject is the main clause's
    ("Raja Yordania membahas Suriah dengan Turki saat menerima telepon dari Presiden Prancis.",
     ("JOR", "FRA", "041"), ("TUR", "FRA", "041")),
    # the owner of a document is nobody's accused
    ("Liga Arab mengatakan rencana Israel melanggar hukum internasional dan resolusi PBB.",
     ("ARL", "ISR", "112"), ("ARL", "UNO", "112")),
])
def test_the_clause_subject_acts(text: str, want: tuple, unwanted: tuple) -> None:
    got = triples(analyse(text))
    assert want in got and unwanted not in got, sorted(got)


def test_a_news_outlet_named_as_source_is_no_actor() -> None:
    text = '"Kami akan membalas secara brutal," kata Menteri Pertahanan Iran seperti dikutip dari Al Jazeera.'
    assert all("QAT" not in (s, t) for s, t, _c in triples(analyse(text)))
    text = "Menurut laporan Reuters, Iran mengecam Israel atas serangan itu."
    assert triples(analyse(text)) == {("IRN", "ISR", "111")}


@pytest.mark.parametrize("text,want", [
    ("Israel berencana mencaplok Tepi Barat.", ("ISR", "PSE", "138")),  # announced force: a threat
    ("Rusia menduduki Krimea sejak pekan lalu.", ("RUS", "UKR", "192")),
    ("Presiden Afrika Selatan tiba di Bandara Halim Perdanakusuma, Jakarta, Rabu pagi.", ("ZAF", "IDN", "042")),
])
def test_a_place_stands_for_its_country(text: str, want: tuple) -> None:
    assert want in triples(analyse(text))


@pytest.mark.parametrize("text", [
    "Warga Jepang tiba di Jakarta untuk berlibur.",  # citizens arriving are no state visit
    "Presiden Indonesia tiba di tanah air dari Jepang.",
    "Menteri Luar Negeri Jepang tiba di Tokyo dari Jakarta.",  # home again: no visit to Indonesia
])
def test_arrivals_that_are_no_visit(text: str) -> None:
    assert not any(c.startswith("04") for *_p, c in triples(analyse(text))), triples(analyse(text))


def test_announced_break_of_relations_is_the_event_not_a_threat() -> None:
    got = triples(analyse("Taiwan akan memutuskan hubungan dengan Kepulauan Solomon."))
    assert ("TWN", "SLB", "161") in got and not any(c.startswith("13") for *_p, c in got)
    # a threat to break them stays a threat
    assert ("BOL", "ISR", "1313") in triples(analyse("Bolivia mengancam memutus hubungan diplomatik dengan Israel."))


def test_readiness_to_strike_back_is_a_threat() -> None:
    got = triples(analyse("Iran menyatakan kesiapan untuk membalas Israel."))
    assert ("IRN", "ISR", "138") in got and not any(c.startswith("19") for *_p, c in got)


def test_willingness_to_meet_is_an_intent() -> None:
    got = triples(analyse("Kim Jong-un menyatakan kesediaan untuk bertemu Donald Trump."))
    assert ("PRK", "USA", "036") in got and not any(c.startswith("04") for *_p, c in got)


@pytest.mark.parametrize("text,published", [
    ("Trump dan Kim Jong-un terakhir kali bertemu di zona demiliterisasi.", None),
    ("Rusia pernah menyerang Georgia.", None),
    ("Dua tahun lalu Hamas menyerang Israel.", "2025-09-16"),
    ("Pada Februari lalu Amerika Serikat menjatuhkan sanksi terhadap Iran.", "2019-09-11"),
])
def test_background_is_not_news(text: str, published: str | None) -> None:
    assert triples(analyse(text, published=published)) == set()


def test_since_a_past_date_is_still_news() -> None:
    got = triples(analyse("Sejak Februari Rusia menyerang Ukraina setiap malam.", published="2022-09-01"))
    assert ("RUS", "UKR", "190") in got


@pytest.mark.parametrize("text,code", [
    ("Politikus oposisi Indonesia menyerang Presiden Joko Widodo dalam pidatonya.", "111"),
    ("Hasto Kristiyanto menilai ada pihak yang menyerang Presiden Joko Widodo.", "111"),
    ("Militan Irak menyerang Donald Trump dengan bom rakitan.", "190"),  # arms: a real attack
])
def test_attacking_a_person_in_words_is_criticism(text: str, code: str) -> None:
    assert code in {c for *_p, c in triples(analyse(text))}


@pytest.mark.parametrize("text,want", [
    # no one named as target: against the protesters' own government
    ("Ribuan demonstran Thailand berunjuk rasa di Bangkok.", ("THA", "THA", "141")),
    ("Demonstrasi digelar dari New York hingga Los Angeles.", ("USA", "USA", "141")),
    ("Polisi Thailand menembakkan gas air mata untuk membubarkan massa Thailand.", ("THA", "THA", "175")),
])
def test_domestic_protest_and_dispersal(text: str, want: tuple) -> None:
    assert want in triples(analyse(text))


@pytest.mark.parametrize("rubric", ["Sepakbola", "Olahraga", "Sport", "Hiburan", "Seleb"])
def test_match_reports_code_no_politics(rubric: str) -> None:
    text = "Indonesia menyerang Vietnam sejak menit pertama. Pelatih Jepang bertemu pelatih Korea Selatan."
    assert triples(analyse(text, rubric=rubric)) == set()
    # a ban stays an event in any rubric
    got = triples(analyse("FIFA melarang Rusia. Uni Eropa menjatuhkan sanksi terhadap Rusia.", rubric=rubric))
    assert ("EUR", "RUS", "163") in got


def test_a_political_rubric_keeps_the_same_sentence() -> None:
    text = "Indonesia menyerang Vietnam sejak menit pertama."
    assert ("IDN", "VNM", "190") in triples(analyse(text, rubric="Internasional"))


@pytest.mark.parametrize("text,want", [
    ("Malaysia mengutuk serangan Israel terhadap Gaza.", {("MYS", "ISR", "111")}),
    ("Malaysia mengutuk serangan drone Houthi terhadap Arab Saudi.", {("MYS", "YEM", "111")}),
    # condemning an attack on a country is no criticism of that country
    ("Duta besar Jepang untuk Arab Saudi mengutuk serangan drone terhadap fasilitas minyak Saudi.", set()),
])
def test_condemning_an_attack_targets_the_attacker(text: str, want: set) -> None:
    got = {t for t in triples(analyse(text)) if t[2].startswith("11")}
    assert got == want


def test_a_time_clause_inside_a_relative_clause_keeps_its_own_subject() -> None:
    text = "PBB meminta Indonesia melindungi aktivis yang ditahan saat menggelar aksi di Jakarta."
    assert not any(s == "UNO" and c.startswith("14") for s, _t, c in triples(analyse(text)))


def test_an_official_named_without_country_is_the_press_countrys_in_home_news() -> None:
    text = "Presiden Afrika Selatan disambut Menteri Perdagangan Budi Santoso. Indonesia dan Afrika Selatan bersahabat."
    assert ("IDN", "ZAF", "043") in triples(analyse(text, rubric="Politik"))
    # in foreign news the same wording presumes nothing
    text = "Presiden Afrika Selatan disambut Menteri Luar Negeri Lee Min-ho. Indonesia dan Afrika Selatan bersahabat."
    assert not any(c == "043" for *_p, c in triples(analyse(text, rubric="Internasional")))


@pytest.mark.parametrize("text,want", [
    # a visit has two sides: the visitor visits (042), the host hosts (043)
    ("Presiden Indonesia menerima kunjungan Perdana Menteri Jepang di Istana.", {("JPN", "IDN", "042")}),
    ("Perdana Menteri India berkunjung ke Jepang pekan ini.", {("JPN", "IND", "043")}),
    # a participle clause that opens the sentence takes the main clause's subject
    ("Sekembalinya dari Tokyo, Perdana Menteri India memuji kerja sama kedua negara.", {("IND", "JPN", "042")}),
    ("Berbicara di Tokyo bersama dengan Presiden Korea Selatan dan Presiden Filipina, Presiden Amerika Serikat "
     "memuji latihan itu.", {("USA", "KOR", "040"), ("KOR", "PHL", "040"), ("PHL", "USA", "040")}),
])
def test_meetings_are_mutual_and_fronted_clauses_take_the_subject(text: str, want: set) -> None:
    assert want <= triples(analyse(text))


@pytest.mark.parametrize("text", [
    "Presiden Qatar menengahi pembicaraan antara Amerika Serikat dan Afghanistan.",  # mediation is one-sided
    "Dalam pertemuan itu, Presiden Amerika Serikat memuji kerja sama kedua negara.",  # no partner named
])
def test_no_reverse_for_one_sided_or_partnerless_meetings(text: str) -> None:
    got = triples(analyse(text))
    assert ("USA", "QAT", "045") not in got and ("AFG", "QAT", "045") not in got
    assert not any(s == t for s, t, _c in got)


@pytest.mark.parametrize("text,want", [
    # local authorities belong to the foreign country the story is set in; the embassy is Indonesia's
    ("Polisi Kamboja menggerebek sebuah kompleks di Kamboja. KBRI segera berkoordinasi dengan kepolisian setempat.",
     {("IDN", "KHM", "040")}),
    ("Warga Malaysia berunjuk rasa di Malaysia. Kedutaan Besar RI berkoordinasi dengan otoritas setempat.",
     {("IDN", "MYS", "040")}),
])
def test_local_authorities_and_indonesian_missions(text: str, want: set) -> None:
    assert want <= triples(analyse(text))


def test_local_authorities_in_home_news_are_indonesian_and_meet_nobody_alone() -> None:
    got = triples(analyse("Polri berkoordinasi dengan pemerintah setempat di Indonesia soal banjir."))
    assert ("IDN", "IDN", "040") in got


@pytest.mark.parametrize("text,want", [
    # who is asked is the subject of the "agar" clause
    ("Presiden Joko Widodo meminta agar Polri mengusut kasus itu.", {("IDN", "IDN", "020")}),
    ("Pemerintah Indonesia mendesak agar Malaysia menindak pembakar hutan.", {("IDN", "MYS", "100")}),
    # "Dia" in the narration continues the story of the person last named
    ("Presiden Donald Trump tiba di Gedung Putih. Dia lalu mengecam China soal tarif.", {("USA", "CHN", "111")}),
])
def test_requests_through_agar_and_narrative_pronouns(text: str, want: set) -> None:
    assert want <= triples(analyse(text))


@pytest.mark.parametrize("text", [
    "Presiden Joko Widodo meminta agar kasus itu segera diusut oleh Polri.",  # Polri is no subject of the clause
    "Warga berkumpul di Jakarta. Dia lalu mengecam China soal tarif.",  # nobody named: no source
])
def test_agar_and_pronoun_negatives(text: str) -> None:
    got = triples(analyse(text))
    assert ("IDN", "IDN", "020") not in got and not any(t == "CHN" for _s, t, _c in got)


def test_a_parenthesised_abbreviation_is_the_same_actor() -> None:
    text = "Presiden Amerika Serikat (AS) Donald Trump dan Perdana Menteri Jepang menandatangani perjanjian dagang."
    got = triples(analyse(text))
    assert ("USA", "JPN", "057") in got and ("JPN", "USA", "057") in got
    assert not any(s == t for s, t, _c in got)


@pytest.mark.parametrize("text,want", [
    # an organisation with an Indonesian name and no country, in home news, is Indonesian
    ("Aliansi Masyarakat Adat mengecam Pemerintah Indonesia atas penggusuran itu.", ("IDN", "IDN", "111")),
    # students protesting in home news are Indonesian, against their government
    ("Ratusan mahasiswa berunjuk rasa di depan gedung DPR di Indonesia.", ("IDN", "IDN", "141")),
    # a government blocking the internet restricts its own people
    ("Pemerintah Indonesia melakukan pemblokiran akses internet di sejumlah daerah.", ("IDN", "IDN", "1721")),
])
def test_domestic_actors_in_home_news(text: str, want: tuple) -> None:
    assert want in triples(analyse(text))


@pytest.mark.parametrize("text", [
    "Human Rights Watch mengecam Pemerintah Indonesia atas penggusuran itu.",  # an English name: no country
    "Pemerintah Indonesia memblokir akses internet bagi warga Malaysia.",  # a named target, not its own people
])
def test_no_domestic_event_without_the_rule(text: str) -> None:
    assert not any(s == t == "IDN" for s, t, _c in triples(analyse(text)))


def test_claiming_an_attack_codes_the_attack() -> None:
    got = triples(analyse("Taliban mengaku bertanggung jawab atas serangan yang menewaskan tiga tentara Amerika Serikat."))
    assert ("AFG", "USA", "190") in got and not any(c.startswith("015") for *_p, c in got)
    # calling someone responsible is an accusation, not their claim
    got = triples(analyse("Amerika Serikat menuduh Iran sebagai pihak yang bertanggung jawab atas serangan itu."))
    assert not any(c.startswith("19") for *_p, c in got)


@pytest.mark.parametrize("text,want", [
    ("Presiden Amerika Serikat memutuskan untuk mengakhiri perundingan dengan Taliban.", ("USA", "AFG", "164")),
])
def test_a_decision_taken_is_the_act(text: str, want: tuple) -> None:
    assert want in triples(analyse(text))


def test_a_purpose_is_still_no_act() -> None:
    assert not triples(analyse("Jepang datang ke Jakarta untuk menjatuhkan sanksi terhadap Rusia."))


def test_an_anaphoric_meeting_noun_joins_the_sides_named_before() -> None:
    text = ("Presiden Indonesia dan Perdana Menteri Malaysia menandatangani perjanjian perbatasan di Kuching. "
            "Pertemuan ini berlangsung tertutup selama dua jam.")
    got = triples(analyse(text))
    assert ("IDN", "MYS", "040") in got and ("MYS", "IDN", "040") in got
    # with nothing coded before, the noun alone is no meeting
    assert not triples(analyse("Pertemuan ini berlangsung tertutup selama dua jam."))


@pytest.mark.parametrize("headline,want", [
    ("Rusia Kecam Sanksi Baru Amerika Serikat", ("RUS", "USA", "11")),   # mengecam
    ("Indonesia Tolak Permintaan Malaysia", ("IDN", "MYS", "12")),       # menolak
    ("Jepang Desak Korea Utara Hentikan Uji Coba Rudal", ("JPN", "PRK", "02")),  # mendesak
])
def test_headline_verbs_without_their_prefix(headline: str, want: tuple) -> None:
    # headlines drop meN-: "Rusia Kecam ..." is "Rusia mengecam ..."
    doc = analyse("Berita selengkapnya menyusul.", headline=headline)
    assert any((s, t, c[:2]) == want for s, t, c in triples(doc)), sorted(triples(doc))


def test_base_verbs_count_only_in_the_headline() -> None:
    # the same words in body prose are no event: "kecam" alone is not a verb of running text
    doc = analyse("Rusia kecam sanksi baru Amerika Serikat, tulis sebuah akun.", headline="Berita Dunia Hari Ini")
    assert not triples(doc)


@pytest.mark.parametrize("word,bases", [
    ("menahan", {"tahan"}), ("mengecam", {"kecam"}), ("menyerang", {"serang"}), ("memukul", {"pukul"}),
    ("meminta", {"minta"}), ("membantah", {"bantah"}), ("mendesak", {"desak"}), ("menggelar", {"gelar"}),
    ("melarang", {"larang"}), ("mengancam", {"ancam"}), ("memperkuat", {"perkuat"}), ("mengebom", {"bom"}),
])
def test_base_forms_of_men_verbs(word: str, bases: set) -> None:
    from pantau.stages.events import base_forms
    assert bases <= base_forms(word)
    assert not base_forms("bertemu") and not base_forms("sanksi")


@pytest.mark.parametrize("text,want", [
    ("Iran mengancam akan menyerang Amerika Serikat atau Arab Saudi.", {("IRN", "USA"), ("IRN", "SAU")}),
    ("Indonesia menghentikan impor baja dari China & Amerika Serikat.", {("IDN", "CHN"), ("IDN", "USA")}),
])
def test_atau_and_ampersand_join_actors(text: str, want: set) -> None:
    got = {(s, t) for s, t, _c in triples(analyse(text))}
    assert want <= got, sorted(got)


def test_places_decide_whose_news_it_is_when_actors_do_not() -> None:
    # one foreign outlet is the only actor with a country; the story happens in Jakarta:
    # "pemerintah" is Indonesia's government
    text = ("Warga Jakarta mengeluhkan gangguan itu sejak Senin. Pemerintah masih melakukan pemblokiran "
            "akses internet di Jakarta, seperti dilaporkan Reuters.")
    got = triples(analyse(text))
    assert any(s == t == "IDN" and c.startswith("17") for s, t, c in got), sorted(got)
    assert not any("GBR" in (s, t) for s, t, _c in got)


@pytest.mark.parametrize("text,want", [
    ("Amerika Serikat membatalkan kunjungan delegasi Taliban setelah kelompok militan tersebut mengaku "
     "telah membunuh seorang tentara AS.", ("AFG", "USA", "18")),
    ("Houthi kembali menembakkan rudal pada Senin. Milisi itu juga menyerang kapal Inggris di Laut Merah.",
     ("YEM", "GBR", "19")),
])
def test_a_demonstrative_group_noun_is_the_group_named_before(text: str, want: tuple) -> None:
    got = {(s, t, c[:2]) for s, t, c in triples(analyse(text))}
    assert want in got, sorted(got)


@pytest.mark.parametrize("text", [
    # two armed groups named before: "kelompok militan itu" could be either, so neither acts
    "Taliban dan Hamas menghadiri pertemuan di Doha. Kelompok militan itu membunuh seorang tentara AS.",
    # the group is named too far back (more than two sentences earlier)
    "Houthi menembakkan rudal. Cuaca cerah sepanjang hari. Pasar kembali ramai. Warga berbelanja. "
    "Milisi itu menyerang kapal Inggris.",
])
def test_an_ambiguous_or_distant_group_noun_stays_unresolved(text: str) -> None:
    got = {(s, t, c[:2]) for s, t, c in triples(analyse(text))}
    assert not any(s in ("AFG", "PSE", "YEM") and r in ("18", "19") for s, _t, r in got), sorted(got)


@pytest.mark.parametrize("text,want", [
    ("Serangan drone ke kilang minyak Arab Saudi terjadi pada Sabtu. Dalam serangan itu, kelompok "
     "pemberontak Houthi mengklaim sebagai yang bertanggung jawab.", ("YEM", "SAU", "19")),
    ("Sebuah ledakan mengguncang pangkalan militer Amerika Serikat. Taliban mengaku bertanggung "
     "jawab atas serangan tersebut.", ("AFG", "USA", "19")),
])
def test_a_bare_claim_of_responsibility_codes_the_attack_before(text: str, want: tuple) -> None:
    got = {(s, t, c[:2]) for s, t, c in triples(analyse(text))}
    assert want in got, sorted(got)


@pytest.mark.parametrize("text", [
    # nobody claimed it
    "Ledakan terjadi di pangkalan militer Amerika Serikat. Belum ada kelompok yang mengaku bertanggung jawab.",
    # a claim with no attack target named before
    "Bom meledak di sebuah pasar pada Jumat pagi. Taliban mengaku bertanggung jawab atas serangan itu.",
    # the attack lies too far back
    "Serangan ke kilang minyak Arab Saudi terjadi Sabtu. Harga minyak naik. Pasar saham turun. "
    "Investor cemas. Houthi mengklaim bertanggung jawab.",
])
def test_a_bare_claim_needs_a_claimer_and_a_recent_target(text: str) -> None:
    got = {(s, t, c[:2]) for s, t, c in triples(analyse(text))}
    assert not any(r == "19" for _s, _t, r in got), sorted(got)
