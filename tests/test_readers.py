"""Readers: article .txt, .json, .jsonl, directories and stdin; encodings; one failure per bad input."""
from __future__ import annotations

import codecs
import io
import json
import sys
from pathlib import Path

import pytest

from pantau.doc import RawDoc
from pantau.readers import MAX_BYTES, ReadFailure, iter_inputs
from pantau.readers.core import decode_bytes, iso_date, read_bytes

ARTICLE = ("Internasional\n"
           "Indonesia Kirim Bantuan Kemanusiaan ke Gaza\n"
           "JAKARTA, KOMPAS.com - Pemerintah Indonesia mengirim bantuan ke Gaza, Sabtu (19/3/2022).\n"
           "“Bantuan ini wujud solidaritas,” kata Menteri Luar Negeri Retno Marsudi.\n")


def read_all(*paths: str | Path) -> list[RawDoc | ReadFailure]:
    return list(iter_inputs([str(p) for p in paths]))


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoded", [
    ARTICLE.encode("utf-8"),
    codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
    ARTICLE.encode("utf-16"),  # Python writes the BOM
    codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
    ARTICLE.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1252"])
def test_txt_encodings_decode_to_the_same_article(tmp_path: Path, encoded: bytes) -> None:
    (doc,) = read_all(write(tmp_path, "a.txt", encoded))
    assert isinstance(doc, RawDoc)
    assert doc.kind == "article"
    assert doc.text.lstrip("\ufeff") == ARTICLE


def test_latin1_text_is_read() -> None:
    text = "Pertemuan di Genève berlangsung pada Sabtu, kata delegasi République."
    assert decode_bytes(text.encode("latin-1")) == text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (codecs.BOM_UTF8 + b"\n", "empty"),
    (b"PK\x03\x04\x00\x00binary zip", "binary"),
    (bytes(range(1, 9)) * 40, "binary"),
], ids=["zero-bytes", "whitespace", "bom-only", "nul", "controls"])
def test_unreadable_files_fail_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    (fail,) = read_all(write(tmp_path, "x.txt", data))
    assert isinstance(fail, ReadFailure)
    assert fail.reason.startswith(reason)
    assert fail.origin.endswith("x.txt")
    assert fail.line().startswith(str(tmp_path))


def test_cyrillic_bytes_in_an_unknown_codepage_are_undecodable(tmp_path: Path) -> None:
    # KOI8-R Russian: not UTF-8, cp1252 gives gibberish letters outside Latin text
    data = ("Министр иностранных дел России заявил в субботу " * 5).encode("koi8-r") + b"\x81\x8d\x8f\x90\x9d"
    (fail,) = read_all(write(tmp_path, "ru.txt", data))
    assert isinstance(fail, ReadFailure)
    assert fail.reason.startswith("undecodable")


def test_file_over_the_size_limit_fails(tmp_path: Path) -> None:
    p = write(tmp_path, "big.txt", b"a" * (MAX_BYTES + 1))
    (fail,) = read_all(p)
    assert isinstance(fail, ReadFailure) and fail.reason.startswith("too large")
    assert f"{MAX_BYTES:,}" in fail.reason


def test_missing_path_fails(tmp_path: Path) -> None:
    (fail,) = read_all(tmp_path / "tidak-ada.txt")
    assert isinstance(fail, ReadFailure) and fail.reason == "no such file or directory"


# ---------------------------------------------------------------- records

def test_json_single_record_with_alternative_field_names(tmp_path: Path) -> None:
    rec = {"id": "a1", "content": "Presiden Joko Widodo menerima Perdana Menteri Malaysia.",
           "headline": "Jokowi Terima PM Malaysia", "published": "2022-03-19T08:00:00",
           "category": "Internasional", "url": "https://contoh.id/a1", "source": "Contoh", "penulis": "ab"}
    (doc,) = read_all(write(tmp_path, "a.json", json.dumps(rec)))
    assert isinstance(doc, RawDoc)
    assert (doc.id, doc.title, doc.rubric, doc.published, doc.url, doc.source, doc.kind) == (
        "a1", "Jokowi Terima PM Malaysia", "Internasional", "2022-03-19", "https://contoh.id/a1", "Contoh", "record")
    assert doc.text.startswith("Presiden Joko Widodo")
    assert doc.extra == {"penulis": "ab"}


def test_json_list_names_each_bad_record(tmp_path: Path) -> None:
    recs = [{"text": "Menlu Retno bertemu Menlu Jepang di Tokyo."}, {"title": "Tanpa isi"}, "bukan objek",
            {"body": "   "}]
    out = read_all(write(tmp_path, "list.json", json.dumps(recs)))
    assert isinstance(out[0], RawDoc)
    assert [type(x).__name__ for x in out] == ["RawDoc", "ReadFailure", "ReadFailure", "ReadFailure"]
    assert out[1].origin.endswith("list.json[1]") and out[1].reason.startswith("missing text field")
    assert out[2].reason.startswith("malformed record")
    assert out[3].reason.startswith("empty")


def test_jsonl_goes_on_past_a_malformed_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "1", "text": "Rusia dan China memperkuat hubungan."}),
             '{"id": "2", "text": "kalimat terpotong',
             "",
             json.dumps({"id": "3", "text": "AS menjatuhkan sanksi baru kepada Iran."})]
    out = read_all(write(tmp_path, "b.jsonl", "\n".join(lines) + "\n"))
    assert [getattr(x, "id", None) for x in out] == ["1", None, "3"]
    bad = out[1]
    assert isinstance(bad, ReadFailure)
    assert bad.origin.endswith("b.jsonl:2")
    assert bad.reason.startswith("malformed JSON line")


def test_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b'{"text": "Satu."}\r\n{"text": "Dua."}\r\n'
    out = read_all(write(tmp_path, "c.jsonl", data))
    assert [x.text for x in out] == ["Satu.", "Dua."]


def test_malformed_json_document(tmp_path: Path) -> None:
    (fail,) = read_all(write(tmp_path, "d.json", '{"text": "x",'))
    assert isinstance(fail, ReadFailure) and fail.reason.startswith("malformed JSON")


@pytest.mark.parametrize("value, iso", [
    ("2019-10-09T00:00:00", "2019-10-09"), ("19/09/2019", "2019-09-19"), ("2022-03-19", "2022-03-19"),
    ("kemarin", "kemarin"), (None, None),
])
def test_record_dates_become_iso(value: str | None, iso: str | None) -> None:
    assert iso_date(value) == iso


# ---------------------------------------------------------------- directories and stdin

def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", ARTICLE)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.jsonl", json.dumps({"text": "Satu."}) + "\n")
    write(tmp_path, "a.json", json.dumps({"text": "Dua."}))
    write(tmp_path, "catatan.md", "bukan artikel")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "x.txt", "tersembunyi")
    origins = [x.origin for x in read_all(tmp_path)]
    assert [Path(o.split(":")[0]).relative_to(tmp_path).as_posix() for o in origins] == [
        "a.json", "b.txt", "sub/a.jsonl"]


@pytest.mark.parametrize("payload, kinds", [
    (ARTICLE, ["text"]),
    (json.dumps({"text": "Satu."}), ["record"]),
    (json.dumps([{"text": "Satu."}, {"text": "Dua."}]), ["record", "record"]),
    (json.dumps({"text": "Satu."}) + "\n" + json.dumps({"text": "Dua."}) + "\n", ["record", "record"]),
], ids=["article", "json", "json-list", "jsonl"])
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, payload: str, kinds: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload.encode("utf-8"))))
    out = read_all("-")
    assert [x.kind for x in out] == kinds
    assert all(x.origin.startswith("<stdin>") for x in out)


def test_stdin_jsonl_names_the_bad_line() -> None:
    data = b'{"text": "Satu."}\n{oops}\n'
    out = list(read_bytes(data, "<stdin>"))
    assert isinstance(out[1], ReadFailure) and out[1].origin == "<stdin>:2"


def test_utf16_jsonl_with_bom(tmp_path: Path) -> None:
    data = ('{"text": "Menlu Retno tiba di Jenewa."}\n{"text": "Iran menolak usulan Uni Eropa."}\n').encode("utf-16")
    out = read_all(write(tmp_path, "u16.jsonl", data))
    assert [x.text for x in out] == ["Menlu Retno tiba di Jenewa.", "Iran menolak usulan Uni Eropa."]
    assert out[1].origin.endswith("u16.jsonl:2")


def test_file_without_known_suffix_is_sniffed(tmp_path: Path) -> None:
    (doc,) = read_all(write(tmp_path, "artikel", ARTICLE))
    assert isinstance(doc, RawDoc) and doc.kind == "article"
    (rec,) = read_all(write(tmp_path, "rekaman.dat", json.dumps({"text": "Satu."})))
    assert isinstance(rec, RawDoc) and rec.kind == "record"
