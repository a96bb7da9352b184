"""The dates stage on sentences written for these tests (Indonesian news style)."""
from __future__ import annotations

import datetime as dt

import pytest

from pantau.doc import Doc, RawDoc, Zone
from pantau.errors import ResourceError
from pantau.pipeline import Pipeline, analyze
from pantau.resources import lang_path
from pantau.stages.dates import extract, load_lexicon, nearest_year, resolve_weekday

LEX = load_lexicon()


def dates(text: str, published: str | None = None, zones: list[Zone] | None = None) -> list[tuple[str, str]]:
    doc = Doc(raw=RawDoc(text=text), text=text, zones=zones or [],
              published=dt.date.fromisoformat(published) if published else None)
    refs = extract(doc, LEX)
    for r in refs:
        assert text[r.start:r.end] == r.text
    return [(r.text, r.value) for r in refs]


# --- absolute forms ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Gempa terjadi pada 19 Maret 2022 malam.", [("19 Maret 2022", "2022-03-19")]),
    ("Surat bertanggal 19/3/2022 itu beredar.", [("19/3/2022", "2022-03-19")]),
    ("Menteri berbicara pada Sabtu (19/3/2022) di Jakarta.", [("Sabtu (19/3/2022)", "2022-03-19")]),
    ("Data per 2022-03-19 menunjukkan kenaikan.", [("2022-03-19", "2022-03-19")]),
    ("Diperbarui Senin, 21 Maret 2022 10:15 WIB oleh redaksi.", [("Senin, 21 Maret 2022 10:15 WIB", "2022-03-21")]),
    ("Kemerdekaan diproklamasikan 17 Agustus 1945.", [("17 Agustus 1945", "1945-08-17")]),
    ("Festival digelar 5 Okt 2023 dan 1 Des 2023.", [("5 Okt 2023", "2023-10-05"), ("1 Des 2023", "2023-12-01")]),
    ("Pameran berlangsung 19-21 Agustus 2022.", [("19", "2022-08-19"), ("21 Agustus 2022", "2022-08-21")]),
    ("Rapat pada 5 Okt. 2023 ditunda.", [("5 Okt. 2023", "2023-10-05")]),
    ("Sidang pada hari Selasa 24 September 2019 ditunda.", [("Selasa 24 September 2019", "2019-09-24")]),
])
def test_absolute_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text) == expected
    assert dates(text, "2019-01-01") == expected  # an anchor does not change them


@pytest.mark.parametrize("text, published, expected", [
    ("Tim tiba Minggu (8/9) di Bandara.", "2019-09-11", [("Minggu (8/9)", "2019-09-08")]),
    ("Kejadian Rabu (25/12) itu viral.", "2020-01-03", [("Rabu (25/12)", "2019-12-25")]),
    ("Sidang dilanjutkan Senin (6/1).", "2019-12-30", [("Senin (6/1)", "2020-01-06")]),
    ("Perayaan pada 21 Agustus berlangsung meriah.", "2025-09-16", [("21 Agustus", "2025-08-21")]),
    ("Tim kalah pada 8 September. Pelatih kecewa.", "2019-09-20", [("8 September", "2019-09-08")]),
])
def test_year_less_dates_take_the_nearest_year(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text, published) == expected


def test_year_less_date_without_publication_date_uses_a_full_date_in_the_text() -> None:
    text = "Rapat digelar Sabtu (19/3/2022). Lanjutan rapat pada Senin (21/3)."
    assert dates(text) == [("Sabtu (19/3/2022)", "2022-03-19"), ("Senin (21/3)", "2022-03-21")]
    assert dates("Rapat lanjutan pada Senin (21/3).") == []


@pytest.mark.parametrize("text, expected", [
    ("Inflasi Maret 2022 tercatat rendah.", [("Maret 2022", "2022-03", "month")]),
    ("Aturan itu berlaku sejak tahun 2019.", [("tahun 2019", "2019", "year")]),
    ("Ekspor naik tajam pada 2019 lalu.", [("2019", "2019", "year")]),
])
def test_month_and_year_precision(text: str, expected: list[tuple[str, str, str]]) -> None:
    doc = Doc(raw=RawDoc(text=text), text=text)
    assert [(r.text, r.value, r.precision) for r in extract(doc, LEX)] == expected


@pytest.mark.parametrize("text", [
    "Polisi mengerahkan hingga 2019 orang personel.",  # a count
    "Harganya Rp 2019 per lembar.",
    "Sebanyak 2.019 warga menerima bantuan.",
    "Skor akhir pertandingan 8/9 untuk tim tamu.",  # a fraction, no day name
    "Nomor 2019 itu milik pelanggan.",
    "Ia tiba 32 Maret di lokasi.",  # no such day
])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert dates(text, "2020-01-01") == []



@pytest.mark.parametrize("text, expected", [
    # a letter glued before the number (here a non-ASCII one): no word boundary, no day date;
    # "Maret 2022" still reads as a month
    ("Kode promo Kafé19 Maret 2022 berlaku sebulan.", [("Maret 2022", "2022-03")]),
    ("Kode promo Kafe19 Maret 2022 berlaku sebulan.", [("Maret 2022", "2022-03")]),
    ("Kode promo Kafé-19 Maret 2022 berlaku sebulan.", [("19 Maret 2022", "2022-03-19")]),
])
def test_a_date_starts_at_a_word_boundary(text: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text, "2022-04-01") == expected


# --- relative forms ------------------------------------------------------------------------------

PUB = "2019-09-13"  # a Friday


@pytest.mark.parametrize("phrase, value", [
    ("kemarin", "2019-09-12"), ("hari ini", "2019-09-13"), ("semalam", "2019-09-12"),
    ("tadi malam", "2019-09-12"), ("besok", "2019-09-14"), ("lusa", "2019-09-15"),
    ("kemarin lusa", "2019-09-11"), ("dua hari lalu", "2019-09-11"),
    ("Senin lalu", "2019-09-09"), ("Jumat lalu", "2019-09-06"), ("Selasa malam lalu", "2019-09-10"),
    ("hari Kamis", "2019-09-12"), ("Jumat pagi", "2019-09-13"), ("Sabtu pekan lalu", "2019-09-07"),
    ("Senin pekan depan", "2019-09-16"), ("Rabu depan", "2019-09-18"), ("hari Minggu", "2019-09-08"),
    ("pada Minggu lalu", "2019-09-08"), ("Jum’at pagi", "2019-09-13"), ("Jum'at lalu", "2019-09-06"),
])
def test_relative_days(phrase: str, value: str) -> None:
    text = f"Menurut polisi, kejadian itu {phrase} di pusat kota."
    got = dates(text, PUB)
    assert [v for _, v in got] == [value]
    assert phrase.endswith(got[0][0])


@pytest.mark.parametrize("phrase, value, precision", [
    ("pekan lalu", "2019-W36", "week"), ("minggu depan", "2019-W38", "week"), ("dua minggu lalu", "2019-W35", "week"),
    ("bulan lalu", "2019-08", "month"), ("tahun depan", "2020", "year"), ("tiga tahun silam", "2016", "year"),
])
def test_relative_weeks_months_years(phrase: str, value: str, precision: str) -> None:
    text = f"Rencana itu dibahas {phrase} oleh dewan."
    doc = Doc(raw=RawDoc(text=text), text=text, published=dt.date.fromisoformat(PUB))
    (ref,) = extract(doc, LEX)
    assert (ref.value, ref.precision, ref.relative, ref.anchor) == (value, precision, True, PUB)


@pytest.mark.parametrize("text", [
    "Warga menunaikan salat Jumat di masjid raya.",
    "Pasar buka setiap Senin dan Kamis.",
    "Kantor itu melayani warga Senin-Jumat.",
    "Kantor itu buka Senin hingga Jumat.",
    "Umat memperingati Jumat Agung dengan khidmat.",
    "Proyek itu dikerjakan beberapa minggu lalu.",
    "Mereka menginap semalam di hotel.",
    "Ia bekerja semalam suntuk.",
    "Kita harus menatap hari esok dengan optimistis.",
    "Tradisi itu ada sejak berpuluh-puluh tahun lalu.",
])
def test_relative_false_positives(text: str) -> None:
    assert dates(text, PUB) == []


def test_week_versus_sunday() -> None:
    assert dates("Minggu lalu harga cabai naik.", PUB) == [("Minggu lalu", "2019-W36")]
    assert dates("Harga cabai naik pada Minggu lalu.", PUB) == [("Minggu lalu", "2019-09-08")]
    assert dates("Harga naik minggu lalu.", PUB) == [("minggu lalu", "2019-W36")]


def test_no_anchor_skips_relative_dates_but_keeps_absolute_ones() -> None:
    text = "Kemarin polisi menyita 5 kg sabu yang dikirim 3 Maret 2021."
    assert dates(text) == [("3 Maret 2021", "2021-03-03")]


def test_quotation_uses_its_speech_date_as_anchor() -> None:
    text = ('"Saya melihat dia kemarin di stasiun," kata Rina, Sabtu (30/8/2025).\n'
            '"Dia tampak sehat kemarin," tambah Rina.\n'
            'Polisi memeriksa saksi kemarin.')
    got = dates(text, "2025-09-02", zones=[Zone("body", 0, text.index("\n")),
                                          Zone("body", text.index("\n") + 1, text.rindex("\n")),
                                          Zone("body", text.rindex("\n") + 1, len(text))])
    assert got == [("kemarin", "2025-08-29"), ("Sabtu (30/8/2025)", "2025-08-30"),
                   ("kemarin", "2025-09-01"), ("kemarin", "2025-09-01")]


def test_quotation_speech_date_works_without_publication_date() -> None:
    text = '"Rapat digelar kemarin," ujar Camat, Senin (1/9/2025).'
    assert dates(text) == [("kemarin", "2025-08-31"), ("Senin (1/9/2025)", "2025-09-01")]


def test_only_analysed_zones_are_searched() -> None:
    text = "Baca juga: Banjir 3 Maret 2021\nHujan deras turun 4 Maret 2021."
    cut = text.index("\n")
    got = dates(text, zones=[Zone("related", 0, cut), Zone("body", cut + 1, len(text))])
    assert got == [("4 Maret 2021", "2021-03-04")]


def test_a_date_at_a_zone_edge_is_read_within_its_zone() -> None:
    # the paragraph ends at "Senin" although the text goes on with letters ("Seninnya"): within
    # its zone "Senin" is a whole word, as when the zone is scanned alone
    text = "Presiden tiba di Bandung pada Seninnya. Warga berkumpul Selasa."
    cut, nxt = text.index("nya"), text.index("Warga")
    got = dates(text, "2019-09-13", zones=[Zone("body", 0, cut), Zone("body", nxt, len(text))])
    assert got == [("Senin", "2019-09-09"), ("Selasa", "2019-09-10")]
    # a date split across two paragraphs is two mentions at most, never one across the break
    text = "Sidang dibuka 19\nMaret 2022 menjadi saksi."
    nl = text.index("\n")
    got = dates(text, "2022-04-01", zones=[Zone("body", 0, nl), Zone("body", nl + 1, len(text))])
    assert got == [("Maret 2022", "2022-03")]
    # between analysed zones, a related line's dates are skipped even in the middle of the text
    text = "Hujan turun 2 Maret 2021.\nBaca juga: Banjir 3 Maret 2021\nAir surut 4 Maret 2021."
    a, b = text.index("\n"), text.rindex("\n")
    got = dates(text, zones=[Zone("body", 0, a), Zone("related", a + 1, b), Zone("body", b + 1, len(text))])
    assert got == [("2 Maret 2021", "2021-03-02"), ("4 Maret 2021", "2021-03-04")]


@pytest.mark.parametrize("text, expected", [
    ("Sidang digelar SENIN (9/9) di Jakarta.", [("SENIN (9/9)", "2019-09-09")]),
    ("Sidang digelar Senin (9/9) di Jakarta.", [("Senin (9/9)", "2019-09-09")]),
    ("Sidang digelar sEnin (9/9) di Jakarta.", []),  # not a way the word is written
    ("Pameran dibuka 5 AGUSTUS 2019 dan 6 agustus 2019.", [("5 AGUSTUS 2019", "2019-08-05"),
                                                          ("6 agustus 2019", "2019-08-06")]),
    # "İ" lower-cases to two characters: the scan then reads the text as written
    ("Wali kota İzmir tiba Senin (9/9) pagi.", [("Senin (9/9)", "2019-09-09")]),
])
def test_date_words_in_each_written_case(text: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text, "2019-09-13") == expected


def test_every_mention_is_listed() -> None:
    text = "Sidang digelar Selasa (17/9). Pada Selasa (17/9) itu hakim hadir."
    assert [v for _, v in dates(text, "2019-09-18")] == ["2019-09-17", "2019-09-17"]


def test_published_stays_none_when_the_record_has_none() -> None:
    pipe = Pipeline.default(("normalize", "layout", "segment", "dates"))
    art = analyze("Nasional\nJudul Berita\nRapat digelar Sabtu (19/3/2022). Hasilnya diumumkan kemarin.",
                  pipeline=pipe)
    assert art.published is None
    assert [(d.text, d.value) for d in art.dates] == [("Sabtu (19/3/2022)", "2022-03-19")]


# --- helpers and data ----------------------------------------------------------------------------

def test_nearest_year_and_weekday_resolution() -> None:
    anchor = dt.date(2019, 9, 13)
    assert nearest_year(9, 8, anchor) == dt.date(2019, 9, 8)
    assert nearest_year(1, 2, dt.date(2019, 12, 30)) == dt.date(2020, 1, 2)
    assert nearest_year(2, 29, dt.date(2021, 1, 1)) == dt.date(2020, 2, 29)
    assert nearest_year(12, 25, anchor, weekday=dt.date(2018, 12, 25).weekday()) == dt.date(2018, 12, 25)
    assert resolve_weekday(4, anchor, None) == anchor  # Friday on a Friday: the same day
    assert resolve_weekday(4, anchor, "past") == dt.date(2019, 9, 6)
    assert resolve_weekday(4, anchor, "next") == dt.date(2019, 9, 20)
    assert resolve_weekday(0, anchor, "lastweek") == dt.date(2019, 9, 2)
    assert resolve_weekday(6, anchor, "thisweek") == dt.date(2019, 9, 15)


def test_dates_table_integrity() -> None:
    t = LEX.table
    assert set(t["month"].values()) == {str(i) for i in range(1, 13)}
    assert set(t["day"].values()) == {str(i) for i in range(7)}
    for abbr, month in (("jan", "1"), ("agu", "8"), ("agt", "8"), ("okt", "10"), ("des", "12")):
        assert t["month"][abbr] == month
    assert t["relday"]["kemarin"] == "-1" and t["relweek"]["pekan lalu"] == "-1"
    rows = [ln for ln in lang_path("dates.tsv").read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert rows[0] == "word\tkind\tvalue" and all(len(r.split("\t")) == 3 for r in rows)
    keys = [tuple(r.split("\t")[:2]) for r in rows[1:]]
    assert len(keys) == len(set(keys)), "a word is listed twice with the same kind"


def test_malformed_dates_file_is_refused(tmp_path) -> None:
    bad = tmp_path / "dates.tsv"
    bad.write_text("word\tkind\tvalue\nmaret\tmonth\t13\n", encoding="utf-8")
    with pytest.raises(ResourceError):
        load_lexicon(str(bad))


# --- robustness ----------------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = st.sampled_from(["Senin", "minggu", " lalu", " (8/9)", " 19 Maret", " 2022", "kemarin", " tahun",
                           " pada", " 2019", '"', "“", "”", ", kata X,", " Sabtu (30/8).", "\n", "-", "/", " ", "."])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from([None, "2019-09-13", "2020-01-01"]))
def test_every_date_slices_the_text_and_has_a_valid_value(text: str, published: str | None) -> None:
    doc = Doc(raw=RawDoc(text=text), text=text, published=dt.date.fromisoformat(published) if published else None)
    for r in extract(doc, LEX):
        assert text[r.start:r.end] == r.text and r.start < r.end
        assert r.precision in ("day", "week", "month", "year")
        if r.precision == "day":
            dt.date.fromisoformat(r.value)
        if r.relative:
            assert r.anchor is not None



_WORDS = st.sampled_from(["Senin", "SENIN", "senin", "sEnin", "Maret", "MARET", "maReT", "2022", "19", "(9/9)",
                          "kemarin", "KEMARIN", "Kemarin", "pekan", "lalu", "İzmir", "Jum'at", "JUM’AT", "dua",
                          "hari", "tahun", "pada", " ", ", ", ".", "\n", "-", "/", "(", "Kafé", "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(lambda ws: " ".join(ws)))
def test_the_lower_case_scan_finds_the_triggers_of_the_written_forms(text: str) -> None:
    # reference: the trigger pattern over the text as written (lower-case, capitalised and upper-
    # case forms of each word); the stage scans the lower-cased text and keeps those forms
    from pantau.stages.dates import _Extractor

    doc = Doc(raw=RawDoc(text=text), text=text, zones=[Zone("body", 0, len(text))] if text else [])
    ex = _Extractor(doc, LEX)
    got = [(ts, te) for ts, te, _z in ex._triggers()
           if text[ts].isdigit() or text[ts:te] in LEX.trigger_forms]
    expected = []
    pos = 0
    if text and (t := LEX.trigger.match(text, 0, len(text))) is not None:
        expected.append(t.span())
        pos = t.end()
    expected += [m.span(1) for m in LEX.fast_trigger.finditer(text, pos, len(text))]
    assert got == expected
