"""The shared tokenizer: words, hyphenated words, abbreviations, numbers and marks as separate tokens."""
from __future__ import annotations

import pytest

from pantau.errors import ResourceError
from pantau.resources import lang_path
from pantau.tokenize import get_abbreviations, load_abbreviations, tokenize, token_texts


@pytest.mark.parametrize("text, tokens", [
    ("Warga kota-kota besar mengungsi.", ["Warga", "kota-kota", "besar", "mengungsi", "."]),
    ("Kasus Covid-19 naik untuk ke-2 kalinya.", ["Kasus", "Covid-19", "naik", "untuk", "ke-2", "kalinya", "."]),
    ("Harga naik 5,12% menjadi Rp 2,5 triliun.", ["Harga", "naik", "5,12%", "menjadi", "Rp", "2,5", "triliun", "."]),
    ("Sebanyak 1.500 warga hadir pukul 10.15 WIB.", ["Sebanyak", "1.500", "warga", "hadir", "pukul", "10.15", "WIB", "."]),
    ("Inflasi 10% pada 19/3/2022 dan 2022-03-19.", ["Inflasi", "10%", "pada", "19/3/2022", "dan", "2022-03-19", "."]),
    ("Dr. Budi, S.H., M.Si. tinggal di Jl. Melati No. 5.",
     ["Dr.", "Budi", ",", "S.H.", ",", "M.Si.", "tinggal", "di", "Jl.", "Melati", "No.", "5", "."]),
    ("Brigjen. Ahmad dan Kol. Sutrisno, dll. hadir.", ["Brigjen.", "Ahmad", "dan", "Kol.", "Sutrisno", ",", "dll.", "hadir", "."]),
    ("Surat a.n. Bupati u.p. Camat.", ["Surat", "a.n.", "Bupati", "u.p.", "Camat", "."]),
    ("M. Hendra dan A. B. Santoso", ["M.", "Hendra", "dan", "A.", "B.", "Santoso"]),
    ("PT Sinar Jaya Tbk. melapor.", ["PT", "Sinar", "Jaya", "Tbk.", "melapor", "."]),
    ("Dikutip dari KOMPAS.com, kemlu.go.id.", ["Dikutip", "dari", "KOMPAS.com", ",", "kemlu.go.id", "."]),
    ("Lihat https://contoh.id/berita?id=5. Surel humas@contoh.go.id",
     ["Lihat", "https://contoh.id/berita?id=5", ".", "Surel", "humas@contoh.go.id"]),
    ("Salat Jum'at usai... Lalu -- entah", ["Salat", "Jum'at", "usai", "...", "Lalu", "--", "entah"]),
    ("\"Kami siap,\" katanya.", ['"', "Kami", "siap", ",", '"', "katanya", "."]),
    ("“Kami (tim) siap!” ujarnya?", ["“", "Kami", "(", "tim", ")", "siap", "!", "”", "ujarnya", "?"]),
])
def test_tokens(text: str, tokens: list[str]) -> None:
    assert token_texts(text) == tokens


@pytest.mark.parametrize("text, tokens", [
    # a word that merely ends a sentence keeps its period separate
    ("Ia pulang. Lalu tidur.", ["Ia", "pulang", ".", "Lalu", "tidur", "."]),
    # not an abbreviation inside a longer word
    ("Dokter itu datang", ["Dokter", "itu", "datang"]),
    # a number followed by a word is two tokens, a fraction of a longer number is not split
    ("3 orang, 12.345.678 rupiah", ["3", "orang", ",", "12.345.678", "rupiah"]),
])
def test_negative_cases(text: str, tokens: list[str]) -> None:
    assert token_texts(text) == tokens


def test_offsets_index_the_text_and_respect_bounds() -> None:
    text = "Kata Dr. Ani: harga 1.500."
    spans = tokenize(text)
    assert [text[a:b] for a, b in spans] == ["Kata", "Dr.", "Ani", ":", "harga", "1.500", "."]
    inner = tokenize(text, 5, 12)
    assert [text[a:b] for a, b in inner] == ["Dr.", "Ani"]


def test_abbreviation_table_integrity() -> None:
    abbr = load_abbreviations()
    assert not abbr.title & abbr.final, "an abbreviation is both title and final"
    for need in ("Dr.", "Prof.", "H.", "Hj.", "Jl.", "No.", "Kol.", "Brigjen.", "Kapt.", "Bpk.", "Ir.", "drg.", "St."):
        assert need in abbr.title, need
    for need in ("dll.", "dsb.", "dst.", "Tbk.", "S.H.", "M.Si.", "dkk."):
        assert need in abbr.final, need
    assert abbr.kind("Dll.") == "final" and abbr.kind("dr.") == "title" and abbr.kind("pulang.") is None
    rows = [ln for ln in lang_path("abbreviations.tsv").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
    assert rows[0] == "abbr\tkind\tnote"
    assert all(len(r.split("\t")) == 3 for r in rows), "every row has abbr, kind, note"
    assert get_abbreviations() == abbr


def test_malformed_abbreviation_file_is_refused(tmp_path) -> None:
    bad = tmp_path / "abbreviations.tsv"
    bad.write_text("abbr\tkind\tnote\nDr\ttitle\tno period\n", encoding="utf-8")
    with pytest.raises(ResourceError):
        load_abbreviations(str(bad))
