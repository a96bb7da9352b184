"""The entities stage on Indonesian news sentences written for these tests (layout ``plain``)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pantau.doc import Doc, RawDoc
from pantau.pipeline import analyze, default_pipeline
from pantau.resources import Resources, get_resources


def ents(text: str, **kw):
    art = analyze(text, layout="plain", **kw)
    for e in art.entities:
        for m in e.mentions:
            assert art.text[m.start:m.end] == m.text
    return art.entities


def by_name(entities, name):
    found = [e for e in entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in entities]}"
    return found[0]


def run_doc(text: str) -> Doc:
    doc = Doc(raw=RawDoc(text=text), layout="plain", published=dt.date(2022, 3, 20))
    for st in default_pipeline().stages:
        st(doc, get_resources())
    return doc


@pytest.mark.parametrize("text, name, iso", [
    ("Negeri Paman Sam menambah armada di kawasan itu.", "Amerika Serikat", "USA"),
    ("Kapal perang Negeri Tirai Bambu terlihat di perairan itu.", "China", "CHN"),
    ("Pemerintah Tiongkok membantah tuduhan tersebut.", "China", "CHN"),
    ("Korsel dan Korut kembali berunding di perbatasan.", "Korea Selatan", "KOR"),
    ("Delegasi UEA tiba lebih awal.", "Uni Emirat Arab", "ARE"),
    ("Investor dari Negeri Jiran menanamkan modal di Batam.", "Malaysia", "MYS"),
    ("Moskow menuding Barat memperkeruh keadaan.", "Rusia", "RUS"),
    ("Teheran menolak syarat yang diajukan Washington.", "Iran", "IRN"),
])
def test_countries_by_name_abbreviation_epithet_and_capital(text: str, name: str, iso: str) -> None:
    e = by_name(ents(text), name)
    assert (e.type, e.id, e.country) == ("GPE", iso, iso)


def test_capital_after_place_word_is_the_city() -> None:
    es = ents("Menteri luar negeri kedua negara bertemu di Beijing, Senin (14/3). Beijing menyambut baik hasilnya.")
    city = by_name(es, "Beijing")
    assert (city.type, city.country, city.id) == ("GPE", "CHN", "GEO:CHN:beijing")
    assert by_name(es, "China").mentions[0].text == "Beijing"  # the second one speaks for the state


def test_title_rule_gives_role_and_country_and_links_the_kb() -> None:
    es = ents("Menteri Luar Negeri Rusia Sergei Lavrov mengatakan hubungan kedua negara tetap kuat. "
              "Lavrov juga menyinggung sanksi.", published="2022-03-20")
    lav = by_name(es, "Sergei Lavrov")
    assert (lav.type, lav.country, lav.role, lav.id) == ("PER", "RUS", "Menteri Luar Negeri", "PER:sergei-lavrov")
    assert [m.text for m in lav.mentions] == ["Sergei Lavrov", "Lavrov"]


def test_unknown_person_after_title_and_surname_coreference() -> None:
    es = ents("Penasihat Keamanan Nasional AS Bartholomew Quince tiba di Manila. "
              "Quince akan bertemu sejumlah pejabat.")
    p = by_name(es, "Bartholomew Quince")
    assert (p.role, p.country) == ("Penasihat Keamanan Nasional", "USA")
    assert {m.text for m in p.mentions} == {"Bartholomew Quince", "Quince"}


def test_apposition_gives_role_with_its_organisation() -> None:
    es = ents("Rahmat Wiraatmaja, juru bicara Kementerian Luar Negeri Indonesia, mengatakan pihaknya terus memantau.")
    p = by_name(es, "Rahmat Wiraatmaja")
    assert p.type == "PER" and p.role.startswith("Juru bicara") and p.country == "IDN"


def test_role_given_by_text_overrides_the_kb() -> None:
    es = ents("Ketua Umum Partai Gerindra Prabowo Subianto menghadiri acara itu.", published="2023-05-01")
    assert by_name(es, "Prabowo Subianto").role == "Ketua Umum Partai Gerindra"
    es = ents("Prabowo Subianto menghadiri acara itu.", published="2023-05-01")
    assert by_name(es, "Prabowo Subianto").role == "Menteri Pertahanan"  # the office on that date


def test_abbreviation_and_expansion_are_one_entity() -> None:
    es = ents("Lembaga Kajian Nusantara Cerdas (LKNC) merilis survei terbaru. Menurut LKNC, partisipasi naik.")
    org = by_name(es, "Lembaga Kajian Nusantara Cerdas")
    assert org.type == "ORG" and {m.text for m in org.mentions} == {"Lembaga Kajian Nusantara Cerdas", "LKNC"}


def test_known_abbreviation_links_to_the_kb_id() -> None:
    es = ents("Komisi Pemilihan Umum (KPU) menetapkan jadwal kampanye. KPU RI meminta peserta patuh.")
    kpu = by_name(es, "Komisi Pemilihan Umum")
    assert kpu.id == "IDN:KPU" and len(kpu.mentions) == 3


def test_role_noun_repeated_links_to_the_named_holder() -> None:
    doc = run_doc("Menlu Rusia Sergei Lavrov tiba di Ankara. Menlu Rusia itu langsung menuju kantor presiden.")
    lav = next(e for e in doc.entities if e.name == "Sergei Lavrov")
    assert "Menlu Rusia" in [m.text for m in lav.mentions]


@pytest.mark.parametrize("text, name, typ", [
    ("Kementerian Luar Negeri Iran memanggil duta besar itu.", "Kementerian Luar Negeri Iran", "ORG"),
    ("Rapat digelar di Jalan Merpati Putih Raya, Jakarta Selatan.", "Jalan Merpati Putih Raya", "LOC"),
    ("Warga Kabupaten Dompu menggelar doa bersama.", "Kabupaten Dompu", "GPE"),
    ("Gedung Putih menyebut pertemuan itu produktif.", "Gedung Putih", "ORG"),
    ("Juru bicara Fraksi PKS menolak usulan itu.", "Partai Keadilan Sejahtera", "ORG"),
    ("Ia mengumumkannya melalui akun Twitternya.", "Twitter", "ORG"),
])
def test_organisations_and_places(text: str, name: str, typ: str) -> None:
    assert by_name(ents(text), name).type == typ


@pytest.mark.parametrize("text, absent", [
    ("Barat menjatuhkan sanksi baru.", "Barat"),
    ("Antara lain, warga meminta jalan diperbaiki.", "Antara"),
    ("Batu besar menutup jalan desa.", "Batu"),
    ("Sebuah roda as kendaraan itu patah.", "Amerika Serikat"),
    ("Pejabat yang enggan disebut namanya mengatakan hal itu.", "Pejabat"),
])
def test_negatives(text: str, absent: str) -> None:
    assert absent not in {e.name for e in ents(text)}


def test_generic_noun_keeps_only_the_country() -> None:
    es = ents("Seorang pejabat senior AS mengatakan kepada wartawan bahwa pasukan Rusia mundur.")
    assert {e.name for e in es} == {"Amerika Serikat", "Rusia"}


def test_notes_mentions_for_later_stages() -> None:
    doc = run_doc("Presiden Joko Widodo menerima Menlu China Wang Yi. Jokowi menyebut RI siap bekerja sama.")
    notes = doc.notes["mentions"]
    assert notes == sorted(notes, key=lambda m: m["start"])
    for m in notes:
        assert doc.text[m["start"]:m["end"]] == m["text"]
        assert doc.entities[m["entity_index"]].type == m["type"]
    jokowi = [m for m in notes if m["text"] in ("Joko Widodo", "Jokowi")]
    assert len({m["entity_index"] for m in jokowi}) == 1
    assert jokowi[0]["kb_id"] == "PER:joko-widodo" and jokowi[0]["cameo"] == "IDNGOV"
    wang = next(m for m in notes if m["text"] == "Wang Yi")
    assert (wang["country"], wang["role"]) == ("CHN", "Menteri Luar Negeri")


def test_user_kb_file_adds_a_person_and_merges_a_spelling(tmp_path: Path) -> None:
    user = tmp_path / "my.tsv"
    user.write_text("PER:sekar-ayu-ningrum\tPER\tSekar Ayu Ningrum\tBu Sekar\tIDN\tBupati Sleman\tIDNGOV\t2021\t\n"
                    "\tGPE\tChina\tNegeri Naga\t\t\t\t\t\n", encoding="utf-8")
    res = Resources([user])
    art = analyze("Sekar Ayu Ningrum meninjau banjir. Investor Negeri Naga ikut hadir.", layout="plain",
                  resources=res)
    names = {e.name: e for e in art.entities}
    assert names["Sekar Ayu Ningrum"].role == "Bupati Sleman"
    assert names["China"].mentions[0].text == "Negeri Naga"


def test_empty_text_gives_no_entities() -> None:
    doc = Doc(raw=RawDoc(text=""), layout="plain")
    from pantau.stages.entities import run
    run(doc, get_resources())
    assert doc.entities == [] and doc.notes["mentions"] == []


def test_cli_analyze_with_user_kb_merges_spelling_variants(tmp_path: Path, capsys) -> None:
    """End to end through `pantau analyze --kb my.tsv`: a user row folds "Chungkuo" into China."""
    import json

    from pantau.cli import main
    user = tmp_path / "my.tsv"
    user.write_text("\tGPE\tChina\tChungkuo\t\t\t\t\t\n", encoding="utf-8")
    art = tmp_path / "berita.txt"
    art.write_text("Kapal Chungkuo dan kapal patroli Tiongkok terlihat di Laut China Selatan, kata pejabat China.\n",
                   encoding="utf-8")
    assert main(["analyze", str(art), "--layout", "plain", "--format", "jsonl", "--kb", str(user)]) == 0
    rec = json.loads(capsys.readouterr().out.splitlines()[0])
    china = [e for e in rec["entities"] if e.get("id") == "CHN"]
    assert len(china) == 1
    assert {"Chungkuo", "Tiongkok", "China"} <= {m["text"] for m in china[0]["mentions"]}
    # without the user file "Chungkuo" is not a name the base knows
    assert main(["analyze", str(art), "--layout", "plain", "--format", "jsonl"]) == 0
    rec = json.loads(capsys.readouterr().out.splitlines()[0])
    china = [e for e in rec["entities"] if e.get("id") == "CHN"]
    assert "Chungkuo" not in {m["text"] for m in china[0]["mentions"]}


@pytest.mark.parametrize("text, name, typ", [
    # a confident tagger span over a known name inside it: the longer name wins
    ("Pemain muda itu kembali memperkuat Persija Jakarta musim ini.", "Persija Jakarta", "ORG"),
    # cue words type an unknown name
    ("Usulan itu ditolak partai Harapan Baru Raya dan Uni Kebangsaan menjelang pemilu.", "Harapan Baru Raya", "ORG"),
    ("Harian Korea Selatan, Hankook Sinmun, melaporkan surat itu pada Rabu.", "Hankook Sinmun", "ORG"),
    ("Drone menghantam kilang minyak Wadi Harun pada dini hari.", "Wadi Harun", "LOC"),
    # long organisation names are kept whole
    ("Kantor Jaksa Agung Portugal membuka penyelidikan baru.", "Kantor Jaksa Agung Portugal", "ORG"),
    ("Petugas Divisi Utara NYPD menahan tiga orang.", "Divisi Utara NYPD", "ORG"),
    ("Sekretariat Presiden membagikan foto pertemuan itu.", "Sekretariat Presiden", "ORG"),
    # media and platforms, also glued to the attribution verb
    ("DilansirAljazeera, sedikitnya sepuluh orang terluka.", "Al Jazeera", "ORG"),
    ("Seperti dilansirAFP, bentrokan terjadi malam hari.", "AFP", "ORG"),
    ("Ia mengunggah pernyataan itu di platform Truth Social pada Jumat.", "Truth Social", "ORG"),
    ("Pengumuman itu disampaikan polisi di X.", "Twitter", "ORG"),
])
def test_fusion_cues_long_names_and_media(text: str, name: str, typ: str) -> None:
    e = by_name(ents(text), name)
    assert e.type in ({"GPE", "LOC"} if typ in ("GPE", "LOC") else {typ})


@pytest.mark.parametrize("text, absent", [
    ("Menteri Perkebunan pada masa itu meninjau kebun teh.", "Perkebunan"),
    ("Wakil Menteri Hubungan dan Kerja Sama Internasional itu tiba pagi ini.", "Hubungan"),
    ("Media pemerintah menyebutnya Pemimpin Luar Biasa.", "Luar Biasa"),
    ("Hasil ujian X dan Y diumumkan pekan depan.", "Twitter"),
])
def test_title_case_words_are_not_people(text: str, absent: str) -> None:
    assert absent not in {e.name for e in ents(text)}


def test_unknown_names_after_place_words_are_places() -> None:
    es = ents("Ratusan pengunjuk rasa berjalan menuju Venturo dan Palmera Heights pada Minggu malam.")
    assert by_name(es, "Venturo").type in ("LOC", "GPE")


def test_capital_used_as_government_folds_its_place_uses() -> None:
    es = ents("Kunjungan ke Pyongyang belum dijadwalkan. Pyongyang kemudian menembakkan dua rudal.")
    prk = by_name(es, "Korea Utara")
    assert [m.text for m in prk.mentions] == ["Pyongyang", "Pyongyang"]
    assert not [e for e in es if e.name == "Pyongyang"]
    es = ents("Madrid menolak tuntutan itu, kata juru bicara pemerintah.")
    assert by_name(es, "Spanyol").mentions[0].text == "Madrid"


def test_full_name_in_text_is_not_linked_to_a_namesake() -> None:
    es = ents("Francesca Albanese, pelapor khusus PBB, mengecam serangan itu. Albanese meminta penyelidikan.")
    e = by_name(es, "Francesca Albanese")
    assert e.id is None or "anthony" not in e.id
    assert [m.text for m in e.mentions] == ["Francesca Albanese", "Albanese"]


@pytest.mark.parametrize("text, name, typ, also", [
    # the government of a country is the country acting (GUIDELINES: one entity, the state)
    ("Pemerintah Indonesia menolak tuduhan itu dalam sidang di Jenewa.", "Indonesia", "GPE",
     "Pemerintah Indonesia"),
    ("Pejabat The Federal Reserve menahan suku bunga, sementara Bank Sentral Amerika Serikat memantau inflasi.",
     "The Fed", "ORG", "Bank Sentral Amerika Serikat"),
    ("Kader Partai GOLKAR di daerah mendukung keputusan Golkar pusat.", "Partai Golkar", "ORG", "Golkar"),
    ("Jemaah tiba di Kota Makkah pada Selasa sore setelah transit di Mekkah.", "Mekkah", "GPE", "Kota Makkah"),
    ("Kapal patroli terlihat di Laut Cina Selatan pekan lalu.", "Laut China Selatan", "LOC",
     "Laut Cina Selatan"),
])
def test_kb_aliases_merge_spelling_and_case_variants(text: str, name: str, typ: str, also: str) -> None:
    e = by_name(ents(text), name)
    assert e.type == typ
    assert also in {m.text for m in e.mentions}


@pytest.mark.parametrize("text, name, typ", [
    ("Ketegangan di Jammu dan Kashmir kembali meningkat setelah bentrokan itu.", "Jammu dan Kashmir", "GPE"),
    ("Banjir melanda Negeri Sembilan dan Pahang sejak Minggu.", "Negeri Sembilan", "GPE"),
    ("Amnesty International Indonesia mendesak polisi membebaskan para mahasiswa.",
     "Amnesty International Indonesia", "ORG"),
    ("Laporan KontraS dan Imparsial mencatat puluhan kasus kekerasan.", "Imparsial", "ORG"),
    ("Kedua tersangka kini ditahan di Polresta Sleman untuk pemeriksaan lanjutan.", "Polresta Sleman", "ORG"),
    ("Jenazahnya dimakamkan di TMP Kusuma Bangsa dengan upacara militer.", "TMP Kusuma Bangsa", "LOC"),
])
def test_regions_ngos_and_heads(text: str, name: str, typ: str) -> None:
    assert by_name(ents(text), name).type == typ


def test_silver_is_not_the_malaysian_state() -> None:
    names = {e.name for e in ents("Harga emas dan Perak naik tajam di pasar Asia pekan ini.")}
    assert "Perak" not in names


@pytest.mark.parametrize("text, name, glued", [
    ("Sidang ditunda hingga pekan depan, DilansirdetikNews, Senin (3/2/2025).", "detikcom", "detikNews"),
    ("Kabar itu dibenarkan polisi setempat, seperti dikutip dariReuters, Selasa.", "Reuters", "Reuters"),
    ("Hal itu disampaikan Menteri Luar Negeri Sugiono, dilansirAntara, Rabu.", "Antara", "Antara"),
])
def test_outlet_glued_to_the_attribution_word(text: str, name: str, glued: str) -> None:
    found = ents(text)
    assert {m.text for m in by_name(found, name).mentions} == {glued}
    assert not any(m.text.lower().startswith(("dilansir", "dari")) for e in found for m in e.mentions)


def test_sign_off_names_are_not_actors() -> None:
    found = {e.name for e in ents("Menteri Luar Negeri Sugiono bertemu Menlu Jepang di Tokyo.\n\n"
                                  "Diadaptasi oleh Rina Kusuma dan Budi Hartono\n\nEditor: Dedi Saputra")}
    assert "Sugiono" in found and not {"Rina Kusuma", "Budi Hartono", "Dedi Saputra"} & found


def test_writer_as_a_subject_is_still_a_person() -> None:
    assert by_name(ents("Penulis buku sejarah itu, Asvi Warman Adam, hadir di Jakarta."), "Asvi Warman Adam")


@pytest.mark.parametrize("text, names, merged", [
    ("Jaksa Agung meminta pengamanan di Kejaksaan Tinggi dan Kejaksaan Negeri di seluruh daerah.",
     {"Kejaksaan Tinggi", "Kejaksaan Negeri"}, "Kejaksaan Tinggi dan Kejaksaan Negeri"),
    ("Petugas Polda Metro Jaya serta Polres Bekasi berjaga di lokasi itu.",
     {"Polres Bekasi"}, "Polda Metro Jaya serta Polres Bekasi"),
])
def test_coordinated_head_names_stay_two_bodies(text: str, names: set[str], merged: str) -> None:
    found = {e.name for e in ents(text)}
    assert names <= found and merged not in found


@pytest.mark.parametrize("text, name, typ", [
    # an ORG or LOC head before a known place or person is a name of its own
    ("Kepala Kepolisian Peru mengumumkan keadaan darurat di ibu kota.", "Kepolisian Peru", "ORG"),
    ("Dua warga diperiksa penyidik Polres Lombok Timur pada Kamis.", "Polres Lombok Timur", "ORG"),
    ("Jenazah almarhum dimakamkan di TMP Kalibata siang tadi.", "TMP Kalibata", "LOC"),
])
def test_head_before_a_known_name_makes_a_longer_name(text: str, name: str, typ: str) -> None:
    assert by_name(ents(text), name).type in ({"GPE", "LOC"} if typ == "LOC" else {typ})


@pytest.mark.parametrize("text, name", [
    # a city head stays the city; a company whose name goes on is not cut at the known place
    ("Pemerintah memperbaiki jalan rusak di Kota Bandung pekan ini.", "Bandung"),
    ("Perusahaan itu menggandeng PT Tokyo Radiator Sejahtera untuk pasokan suku cadang.", "PT Tokyo"),
])
def test_head_before_a_known_name_negatives(text: str, name: str) -> None:
    found = {e.name for e in ents(text)}
    assert (name in found) == (name == "Bandung")


@pytest.mark.parametrize("text, absent", [
    # a title before a body or a portfolio is not a title before a person
    ("Kepala Kepolisian Peru mengumumkan keadaan darurat.", "Kepolisian"),
    ("Direktur Rumah Sakit Umum Daerah menjelaskan kondisi korban.", "Rumah Sakit Umum Daerah"),
    ("Pernyataan Menteri Lingkungan Hidup itu menuai kritik aktivis.", "Lingkungan Hidup"),
    ("Putusan Hakim Distrik itu membatalkan perintah presiden.", "Distrik"),
])
def test_titles_before_bodies_and_portfolios_are_not_people(text: str, absent: str) -> None:
    assert not [e for e in ents(text) if e.type == "PER" and e.name == absent]


@pytest.mark.parametrize("text, name, role", [
    ("Menteri Lingkungan Hidup Hanif Faisol Nurofiq meninjau tempat pembuangan sampah.",
     "Hanif Faisol Nurofiq", "Menteri Lingkungan Hidup"),
    ("Hakim Distrik William Alsup memerintahkan para pegawai dipekerjakan kembali.",
     "William Alsup", "Hakim Distrik"),
    ("Direktur Utama Rahmat Hidayat membuka rapat pemegang saham.", "Rahmat Hidayat", None),
])
def test_portfolio_titles_still_give_their_holder(text: str, name: str, role: str | None) -> None:
    e = by_name(ents(text), name)
    assert e.type == "PER"
    if role:
        assert e.role == role


@pytest.mark.parametrize("text, name, absent", [
    # the office of a body is the body
    ("Wartawan menunggu di Kantor Kementerian Koordinator Bidang Pangan sejak pagi.",
     "Kementerian Koordinator Bidang Pangan", "Kantor Kementerian Koordinator Bidang Pangan"),
    ("Laporan itu dirilis Kantor Komisaris Tinggi PBB untuk Hak Asasi Manusia di Jenewa.",
     "Kantor Komisaris Tinggi PBB untuk Hak Asasi Manusia", "Kantor Komisaris Tinggi"),
    # a "Kantor" that is not followed by a body's head keeps its word
    ("Kantor Jaksa Agung Portugal membuka penyelidikan baru.", "Kantor Jaksa Agung Portugal", "Jaksa Agung Portugal"),
])
def test_office_of_a_body_and_long_un_names(text: str, name: str, absent: str) -> None:
    found = {e.name: e.type for e in ents(text)}
    assert found.get(name) == "ORG" and absent not in found


@pytest.mark.parametrize("text", [
    "Penyidik Kejaksaan RI memeriksa tiga saksi pada Senin.",
    "Prajurit itu ditugaskan di lingkungan Kejaksaan Republik Indonesia.",
])
def test_kejaksaan_ri_is_the_attorney_general_office(text: str) -> None:
    assert by_name(ents(text), "Kejaksaan Agung").id == "IDN:KEJAGUNG"


@pytest.mark.parametrize("text, name, typ, absent", [
    # a local agency between a title and its holder is an organisation, not part of the name
    ("Kepala Dinas PU Kota Medan Budi Santoso mengatakan jalan itu rusak.",
     "Dinas PU Kota Medan", "ORG", "Dinas PU"),
    ("Kepala Biro Hukum Rina Astuti membacakan putusan itu.", "Biro Hukum", "ORG", "Biro Hukum Rina Astuti"),
    # police headquarters, hospitals and toll roads are places or bodies, never a city
    ("Tersangka kini ditahan di Mapolres Sleman untuk diperiksa.", "Mapolres Sleman", "LOC", None),
    ("Mobil itu melaju kencang di Tol Cipularang sebelum terguling.", "Tol Cipularang", "LOC", None),
    ("Korban dilarikan ke RS Mitra Keluarga untuk dirawat.", "RS Mitra Keluarga", "ORG", None),
    ("Balita itu sempat diperiksa di Puskesmas Cibadak sebelum dirujuk.", "Puskesmas Cibadak", "ORG", None),
])
def test_agency_and_facility_heads(text: str, name: str, typ: str, absent: str | None) -> None:
    found = {e.name: e.type for e in ents(text)}
    assert found.get(name) == typ
    if absent:
        assert absent not in found


@pytest.mark.parametrize("text, name", [
    # the holder after "Kepala Dinas ..." is still the person
    ("Kepala Dinas PU Kota Medan Budi Santoso mengatakan jalan itu rusak.", "Budi Santoso"),
])
def test_holder_after_agency_is_a_person(text: str, name: str) -> None:
    assert by_name(ents(text), name).type == "PER"
