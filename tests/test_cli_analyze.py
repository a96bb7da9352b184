"""`pantau analyze` end to end: formats, exit codes 0/1/2, stdin, directories, JSONL batches."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pantau.cli import main

ARTICLE = """Internasional
Indonesia Kecam Serangan terhadap Kamp Pengungsi
JAKARTA, KOMPAS.com - Pemerintah Indonesia mengecam serangan terhadap kamp pengungsi di Gaza, Sabtu (19/3/2022).
"Serangan terhadap warga sipil tidak dapat dibenarkan," kata Menteri Luar Negeri Retno Marsudi di Jakarta.
Baca juga: Retno Bertemu Menlu Yordania Bahas Bantuan
Indonesia juga meminta Dewan Keamanan PBB segera bersidang, tambahnya.
"""
ENGLISH = ("The foreign minister said on Saturday that the country would continue to support the peace "
           "process in the region and that it was ready to work with all of its partners to end the war.")


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["analyze", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "artikel.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_json_for_one_article(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli([str(article), "--format", "json"], capsys)
    assert code == 0, err
    rec = json.loads(out)
    assert rec["rubric"] == "Internasional"
    assert rec["headline"] == "Indonesia Kecam Serangan terhadap Kamp Pengungsi"
    assert rec["dateline"]["outlet"] == "KOMPAS.com" and rec["dateline"]["place"] == "JAKARTA"
    assert rec["related"] == ["Retno Bertemu Menlu Yordania Bahas Bantuan"]
    assert rec["text"] == ARTICLE
    for key in ("id", "url", "source", "lead", "published", "body", "entities", "quotes", "events", "dates",
                "warnings"):
        assert key in rec


def test_published_anchors_the_record(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([str(article), "--format", "json", "--published", "2022-03-20"], capsys)
    assert code == 0 and json.loads(out)["published"] == "2022-03-20"


def test_json_array_for_several_and_jsonl_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(ARTICLE.replace("Kamp", name[0].upper()), encoding="utf-8")
    code, out, _ = run_cli([str(tmp_path), "--format", "json"], capsys)
    assert code == 0
    recs = json.loads(out)
    assert isinstance(recs, list) and [r["headline"].split()[-2] for r in recs] == ["A", "B"]
    code, out, _ = run_cli([str(tmp_path), "--format", "jsonl"], capsys)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert [json.loads(x)["headline"].split()[-2] for x in lines] == ["A", "B"]


def test_jsonl_batch_goes_on_past_a_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "satu", "title": "Jokowi Terima Menlu Jepang", "text": "Presiden Joko Widodo menerima "
                    "Menteri Luar Negeri Jepang di Istana Merdeka, Senin (21/3/2022).", "date": "2022-03-21"}),
        '{"id": "dua", "text": ',
        json.dumps({"id": "tiga", "body": ""}),
        json.dumps({"id": "empat", "content": "Rusia dan China sepakat memperluas kerja sama energi."}),
    ]) + "\n", encoding="utf-8")
    code, out, err = run_cli([str(batch), "--format", "jsonl"], capsys)
    assert code == 1
    recs = [json.loads(x) for x in out.splitlines()]
    assert len(recs) == 4
    assert recs[0]["id"] == "satu" and recs[0]["published"] == "2022-03-21"
    assert recs[0]["headline"] == "Jokowi Terima Menlu Jepang"
    assert "error" in recs[1] and recs[1]["id"].endswith("batch.jsonl:2")
    assert "error" in recs[2] and recs[2]["error"].startswith("empty")
    assert recs[3]["id"] == "empat" and "error" not in recs[3]
    assert "batch.jsonl:2: malformed JSON line" in err
    assert "batch.jsonl:3: empty" in err
    assert "2 of 4 input(s) failed" in err


def test_plain_layout_keeps_record_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "ner.jsonl"
    sents = ["Menlu Retno Marsudi bertemu Menlu Wang Yi di Beijing .", "Ia kembali ke Jakarta , kata juru bicara ."]
    src.write_text("".join(json.dumps({"id": str(i), "text": s}) + "\n" for i, s in enumerate(sents)), encoding="utf-8")
    code, out, _ = run_cli([str(src), "--layout", "plain", "--format", "jsonl"], capsys)
    assert code == 0
    recs = [json.loads(x) for x in out.splitlines()]
    assert [r["text"] for r in recs] == sents
    assert all(r["headline"] is None and r["rubric"] is None for r in recs)


def test_stdin_article(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, _ = run_cli(["-", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["headline"].startswith("Indonesia Kecam")


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = "".join(json.dumps({"text": t}) + "\n" for t in ("Menlu Retno tiba di Tokyo.", "Iran menolak tuduhan AS."))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    code, out, _ = run_cli(["-", "--format", "jsonl"], capsys)
    assert code == 0 and len(out.splitlines()) == 2


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"), (b"\x00\x01\x02binary", "binary"), (ENGLISH.encode(), "not Indonesian"),
])
def test_bad_inputs_exit_1_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           content: bytes, reason: str) -> None:
    p = tmp_path / "buruk.txt"
    p.write_bytes(content)
    code, out, err = run_cli([str(p), "--format", "jsonl"], capsys)
    assert code == 1
    assert f"{p}: {reason}" in err
    assert json.loads(out)["error"].startswith(reason)


def test_one_bad_file_among_good_ones(article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli([str(article), str(tmp_path / "hilang.txt"), "--format", "json"], capsys)
    assert code == 1
    assert "hilang.txt: no such file or directory" in err
    assert len(json.loads(out)) == 1


def test_empty_directory_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli([str(tmp_path)], capsys)
    assert code == 1 and "no input found" in err


@pytest.mark.parametrize("args", [["--layout", "sideways"], ["--format", "xml"], []])
def test_usage_errors_exit_2(article: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(article)] if args else []
    with pytest.raises(SystemExit) as exc:
        main(["analyze", *paths, *args])
    assert exc.value.code == 2


def test_bad_published_date_exits_2(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli([str(article), "--published", "kemarin"], capsys)
    assert code == 2 and "--published" in err


def test_text_format_is_readable(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([str(article), "--format", "text"], capsys)
    assert code == 0
    assert "Indonesia Kecam Serangan terhadap Kamp Pengungsi" in out


def test_installed_entry_point(article: Path) -> None:
    """The console script the reference scorer runs (``.venv/bin/pantau``)."""
    exe = Path(sys.executable).with_name("pantau")
    if not exe.exists():
        pytest.skip("no pantau console script beside this Python")
    out = subprocess.run([str(exe), "analyze", str(article), "--format", "json"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["rubric"] == "Internasional"
