"""The sentence splitter on Indonesian news sentences written for these tests."""
from __future__ import annotations

import pytest

from pantau.doc import Doc, RawDoc, Zone
from pantau.pipeline import Pipeline
from pantau.resources import get_resources
from pantau.stages import segment
from pantau.stages.segment import split_spans
from pantau.tokenize import get_abbreviations


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_spans(text, 0, len(text), get_abbreviations())]


@pytest.mark.parametrize("text, sentences", [
    ("Banjir merendam 30 rumah. Warga mengungsi ke balai desa.",
     ["Banjir merendam 30 rumah.", "Warga mengungsi ke balai desa."]),
    ("Dr. Ratna Sari, M.Si. memimpin tim. Prof. Hadi ikut serta.",
     ["Dr. Ratna Sari, M.Si. memimpin tim.", "Prof. Hadi ikut serta."]),
    ("Kantornya di Jl. Merdeka No. 12, Bandung. Ia pindah tahun lalu.",
     ["Kantornya di Jl. Merdeka No. 12, Bandung.", "Ia pindah tahun lalu."]),
    ("Pengajian dipimpin H. Abdul dan Hj. Aminah. Acara usai sore.",
     ["Pengajian dipimpin H. Abdul dan Hj. Aminah.", "Acara usai sore."]),
    ("Komandan Brigjen. Surya, Kol. Anton dan Kapt. Dedi hadir. Bpk. Ir. Joko juga.",
     ["Komandan Brigjen. Surya, Kol. Anton dan Kapt. Dedi hadir.", "Bpk. Ir. Joko juga."]),
    ("Nilainya Rp 2,5 triliun atau naik 5,12% dari 1.500 unit. Angka itu rekor.",
     ["Nilainya Rp 2,5 triliun atau naik 5,12% dari 1.500 unit.", "Angka itu rekor."]),
    ("Rapat dimulai pukul 10.15 WIB. Semua hadir.", ["Rapat dimulai pukul 10.15 WIB.", "Semua hadir."]),
    ("Tersangka M. Hendra dan A. B. Santoso ditahan. Keduanya diam.",
     ["Tersangka M. Hendra dan A. B. Santoso ditahan.", "Keduanya diam."]),
    ("Ia membeli beras, gula, minyak, dll. Namun harganya naik.",
     ["Ia membeli beras, gula, minyak, dll.", "Namun harganya naik."]),
    ("Saham PT Maju Tbk. Turun tajam. Investor cemas.",
     ["Saham PT Maju Tbk.", "Turun tajam.", "Investor cemas."]),
    ("Pengacara Budi Santoso, S.H. M.H. mendampingi. Sidang ditunda.",
     ["Pengacara Budi Santoso, S.H. M.H. mendampingi.", "Sidang ditunda."]),
    # quotes: the closing mark belongs to the sentence; "...," kata X. is one sentence
    ('"Kami siap berangkat," kata Rudi. Ia tersenyum.', ['"Kami siap berangkat," kata Rudi.', "Ia tersenyum."]),
    ('Ia berkata, "Kami siap." Lalu ia pergi.', ['Ia berkata, "Kami siap."', "Lalu ia pergi."]),
    ('“Kami lelah. Tapi kami bertahan,” ujar Sari.', ["“Kami lelah.", "Tapi kami bertahan,” ujar Sari."]),
    ('"Benarkah?" tanya wartawan. "Ya!" jawabnya.', ['"Benarkah?" tanya wartawan.', '"Ya!" jawabnya.']),
    ('Warga berteriak. "Tolong!" Polisi datang.', ["Warga berteriak.", '"Tolong!"', "Polisi datang."]),
    # a headline without a final period is one sentence; a line break always ends one
    ("Gubernur Resmikan Jembatan Baru di Pesisir", ["Gubernur Resmikan Jembatan Baru di Pesisir"]),
    ("Baris pertama\nBaris kedua.", ["Baris pertama", "Baris kedua."]),
])
def test_split(text: str, sentences: list[str]) -> None:
    assert split(text) == sentences


@pytest.mark.parametrize("text", [
    "Harga cabai Rp 45.000 per kg di pasar.",
    "Skor akhir 2,5 poin lebih tinggi dari 10.15 tahun lalu.",
    "Menurut Prof. Dr. Ir. Bambang Sutejo, hasilnya baik.",
    "Ia tinggal di Jl. Sudirman Kav. 5 bersama keluarga.",
    '"Kami siap," kata Kapolres AKBP Dedi, "untuk mengamankan pemilu."',
    "Uang itu dikirim a.n. Siti u.p. bendahara desa.",
    "Kota kecil itu tenang. dan sepi.",  # a lower-case word does not start a sentence
])
def test_no_split(text: str) -> None:
    assert split(text) == [text]


def _doc(text: str, zones: list[Zone]) -> Doc:
    return Doc(raw=RawDoc(text=text), text=text, zones=zones)


def test_stage_fills_sentences_per_analysed_zone_with_tokens() -> None:
    text = "Olahraga\nTim Garuda Menang Tipis\nJAKARTA - Tim menang 2-1. Pelatih puas.\nBaca juga: Lain"
    head = text.index("Tim Garuda")
    body = text.index("Tim menang")
    rel = text.index("Baca")
    zones = [Zone("rubric", 0, 8), Zone("headline", head, head + 23), Zone("dateline", body - 10, body),
             Zone("body", body, rel - 1), Zone("related", rel, len(text))]
    doc = _doc(text, zones)
    segment.run(doc, get_resources())
    got = [(text[s.start:s.end], doc.zones[s.zone].kind) for s in doc.sentences]
    assert got == [("Tim Garuda Menang Tipis", "headline"), ("Tim menang 2-1.", "body"), ("Pelatih puas.", "body")]
    toks = [text[a:b] for a, b in doc.sentences[1].tokens]
    assert toks == ["Tim", "menang", "2-1", "."]
    for s in doc.sentences:
        assert all(s.start <= a < b <= s.end for a, b in s.tokens)


def test_stage_without_zones_treats_text_as_one_body() -> None:
    text = "Hujan turun. Jalan licin."
    doc = _doc(text, [])
    segment.run(doc, get_resources())
    assert [text[s.start:s.end] for s in doc.sentences] == ["Hujan turun.", "Jalan licin."]
    assert doc.zones[doc.sentences[0].zone].kind == "body"
    empty = _doc("   ", [])
    segment.run(empty, get_resources())
    assert empty.sentences == []


def test_in_the_default_pipeline_headline_and_lead_are_sentences() -> None:
    text = ("Nasional\nPresiden Tinjau Lumbung Padi\nPresiden meninjau lumbung padi di Sragen.\n"
            "SRAGEN, KOMPAS.com - Presiden meninjau lumbung padi di Sragen. Ia didampingi Bupati.\n")
    pipe = Pipeline.default(("normalize", "layout", "segment"))
    from pantau.doc import Doc as _D
    doc = _D(raw=RawDoc(text=text, kind="article"))
    for st in pipe.stages:
        st(doc, get_resources())
    sents = [doc.text[s.start:s.end] for s in doc.sentences]
    assert "Presiden Tinjau Lumbung Padi" in sents
    assert "Ia didampingi Bupati." in sents
    assert all(doc.zones[s.zone].kind in ("headline", "lead", "body") for s in doc.sentences)


# --- robustness ----------------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("aAbZ .,!?…\"“”'()-/:\n0123456789") + ["Dr.", "dll.", "M. ", "S.H.", " Senin"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_sentences_and_tokens_stay_inside_the_text(text: str) -> None:
    doc = _doc(text, [])
    segment.run(doc, get_resources())
    last = 0
    for s in doc.sentences:
        assert last <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        assert all(s.start <= a < b <= s.end for a, b in s.tokens)
        assert all(not text[a:b].isspace() for a, b in s.tokens)
        last = s.end


@pytest.mark.parametrize("text", ["." * 100_000, "a." * 50_000, "x" * 100_000 + ". Y", "A. " * 30_000])
def test_long_runs_do_not_blow_up(text: str) -> None:
    # a catastrophic-backtracking regression would take minutes here, not a fraction of a second
    import time

    doc = _doc(text, [])
    t0 = time.perf_counter()
    segment.run(doc, get_resources())
    assert time.perf_counter() - t0 < 5.0


def _one_zone_at_a_time(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The splitter's definition, zone by zone: every boundary match of the zone alone, the zone's
    end, whitespace trimmed (what the one-scan ``sentence_spans`` must reproduce)."""
    abbr = get_abbreviations()
    out, s = [], start
    for m in segment._BOUNDARY.finditer(text, start, end):
        if m.group("nl") is None:
            if segment._keeps_together(text, m, start, end, abbr):
                continue
            e = m.start("ws")
        else:
            e = m.start()
        if e > s:
            out.append((s, e))
        s = m.end()
    if s < end:
        out.append((s, end))
    return [t for a, b in out if (t := segment._trim(text, a, b))[0] < t[1]]


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.lists(st.integers(0, 80), max_size=8), st.booleans())
def test_one_scan_over_all_zones_splits_each_zone_as_alone(text: str, cuts: list[int], periods_only: bool) -> None:
    # zones cut anywhere, even inside words or right after a full stop, with gaps between them;
    # without "!", "?" and "…" the scan looks for full stops only
    if periods_only:
        text = text.replace("!", "").replace("?", "").replace("…", "")
    points = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    zones = [(a, b) for i, (a, b) in enumerate(zip(points, points[1:])) if i % 3 != 1 and a < b]
    got = segment.sentence_spans(text, zones, get_abbreviations())
    expected = [(k, a, b) for k, (zs, ze) in enumerate(zones) for a, b in _one_zone_at_a_time(text, zs, ze)]
    assert got == expected
