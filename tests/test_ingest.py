"""``pantau ingest`` end to end on real files and a real SQLite store: bad inputs, re-ingest, SIGKILL."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pantau.cli import main

ROOT = Path(__file__).resolve().parents[1]

# our own sentences, combined per record so that records differ (and are not near-duplicates)
_TOKOH = ["Bupati Sleman", "Gubernur Jawa Timur", "Wali Kota Medan", "Kapolda Riau", "Menteri Pertanian",
          "Ketua DPRD Bali", "Kepala Dinas Kesehatan Makassar", "Rektor Universitas Andalas"]
_HAL = ["harga beras", "jalan tol baru", "vaksinasi anak", "banjir rob", "pasar tradisional", "sekolah rusak",
        "kebakaran hutan", "angkutan mudik", "air bersih", "pupuk subsidi", "tenaga honorer"]
_KALIMAT = [
    "{t} meninjau {h} di wilayahnya pada hari {d} pagi bersama jajaran pejabat setempat.",
    "Menurut {t}, pemerintah daerah sudah menyiapkan anggaran sebesar Rp {n} miliar untuk {h}.",
    "Warga berharap persoalan {h} segera tuntas sebelum akhir tahun {y} karena sudah lama dikeluhkan.",
    "\"Kami akan bekerja keras agar {h} tidak lagi menyusahkan masyarakat,\" kata {t} kepada wartawan.",
    "Sejumlah anggota dewan meminta laporan tertulis tentang {h} paling lambat pekan depan.",
    "Data terakhir mencatat {n} keluarga terdampak langsung oleh masalah {h} di {k} kecamatan.",
]
_HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def record(i: int, **over: object) -> dict[str, object]:
    t, h = _TOKOH[i % len(_TOKOH)], _HAL[(i * 7) % len(_HAL)]
    fill = dict(t=t, h=h, d=_HARI[i % 7], n=10 + (i * 37) % 900, y=2020 + i % 4, k=2 + i % 9)
    order = [(i + j) % len(_KALIMAT) for j in range(5)]
    body = "\n".join(_KALIMAT[j].format(**fill) for j in order) + f"\nLaporan nomor {i} dari meja redaksi."
    rec: dict[str, object] = {"id": f"r{i}", "title": f"{t} soroti {h} ({i})", "content": body,
                              "date": f"2023-0{1 + i % 9}-1{i % 10}", "category": "Regional", "source": "Harian Uji"}
    rec.update(over)
    return rec


def write_jsonl(path: Path, recs: list[dict[str, object]], extra_lines: tuple[str, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


def ingest(capsys, *args: str) -> tuple[int, dict[str, object]]:
    rc = main(["ingest", *args, "--workers", "1", "--summary", "json", "--no-progress"])
    out = capsys.readouterr().out
    return rc, json.loads(out)


def count(db: Path, sql: str = "SELECT count(*) FROM articles") -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_bad_inputs_are_reported_and_every_good_record_is_stored(tmp_path, capsys):
    good = write_jsonl(tmp_path / "berita.jsonl", [record(i) for i in range(4)],
                       extra_lines=('{"id": "r99", "content": "Tanpa penutup',))
    binary = tmp_path / "foto.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    empty_page = tmp_path / "indeks.html"
    empty_page.write_text("<html><head><title>Indeks</title></head><body><nav><a href='/'>Beranda</a>"
                          "</nav></body></html>", encoding="utf-8")
    db = tmp_path / "pantau.db"
    rc, s = ingest(capsys, str(good), str(binary), str(empty_page), "--db", str(db))
    assert rc == 1  # some input failed
    assert (s["added"], s["rejected"]) == (4, 3)
    reasons = {f["origin"]: f["reason"] for f in s["failures"]}
    assert "malformed JSON" in reasons[f"{good}:5"]
    assert reasons[str(binary)].startswith("binary")
    assert "no article" in reasons[str(empty_page)]
    conn = sqlite3.connect(db)
    stored = {r[0]: r[1] for r in conn.execute("SELECT origin, reason FROM rejected")}
    assert stored == reasons
    assert count(db) == 4


def test_reingest_adds_nothing_and_a_changed_record_is_an_update(tmp_path, capsys):
    src = write_jsonl(tmp_path / "b.jsonl", [record(i) for i in range(5)])
    db = tmp_path / "p.db"
    assert ingest(capsys, str(src), "--db", str(db))[1]["added"] == 5
    rc, again = ingest(capsys, str(src), "--db", str(db))
    assert rc == 0 and (again["added"], again["updated"], again["unchanged"], again["analysed"]) == (0, 0, 5, 0)
    recs = [record(i) for i in range(5)]
    recs[2]["content"] = str(recs[2]["content"]) + "\nRalat: angka anggaran telah diperbaiki redaksi."
    write_jsonl(src, recs)
    _, changed = ingest(capsys, str(src), "--db", str(db))
    assert (changed["added"], changed["updated"], changed["unchanged"]) == (0, 1, 4)
    assert count(db) == 5
    assert count(db, "SELECT count(*) FROM fts WHERE fts MATCH 'Ralat'") == 1


def test_records_without_id_are_identified_by_url_then_content(tmp_path, capsys):
    recs = [record(0, id=None, url="https://contoh.id/berita/1"), record(1, id=None), record(1, id=None)]
    src = write_jsonl(tmp_path / "x.jsonl", recs)
    db = tmp_path / "p.db"
    _, s = ingest(capsys, str(src), "--db", str(db))
    assert (s["added"], s["unchanged"]) == (2, 1)  # the repeated record is the same content
    ids = sorted(r[0] for r in sqlite3.connect(db).execute("SELECT id FROM articles"))
    assert ids[0] == "https://contoh.id/berita/1" and ids[1].startswith("sha1:")


def test_csv_and_parquet_with_field_mapping(tmp_path, capsys):
    import csv

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"kode": f"c{i}", "judul": f"Judul {i}", "isi": record(i)["content"], "tanggal": "12/03/2023",
             "media": "Koran Uji"} for i in range(3)]
    with (tmp_path / "a.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    pq.write_table(pa.Table.from_pylist([dict(r, kode=f"p{i}") for i, r in enumerate(rows)]), tmp_path / "b.parquet")
    db = tmp_path / "p.db"
    rc, s = ingest(capsys, str(tmp_path / "a.csv"), str(tmp_path / "b.parquet"), "--db", str(db),
                   "--id-field", "kode", "--text-field", "isi", "--title-field", "judul", "--date-field", "tanggal",
                   "--source-field", "media")
    assert rc == 0 and s["added"] == 6
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT outlet, published FROM articles WHERE id = 'p1'").fetchone() == ("Koran Uji", "2023-03-12")


ARTICLE_HTML = """<!doctype html><html lang="id"><head><title>Petani Garut panen raya cabai</title>
<meta property="og:site_name" content="Warta Uji"><meta name="date" content="2023-05-14"></head><body>
<nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav>
<article><h1>Petani Garut panen raya cabai</h1>
<p>Ratusan petani di Kabupaten Garut, Jawa Barat, memanen cabai merah secara serentak pada Minggu pagi setelah
cuaca cerah selama dua pekan terakhir membuat tanaman tumbuh dengan baik.</p>
<p>Ketua kelompok tani setempat mengatakan hasil panen tahun ini naik hampir dua kali lipat dibandingkan tahun
lalu, sehingga harga di tingkat petani diperkirakan sedikit turun pekan depan.</p>
<p>Pemerintah kabupaten berencana membantu pemasaran melalui kerja sama dengan pasar induk di Bandung dan
Jakarta agar petani tidak menjual di bawah harga pokok produksi.</p></article>
<footer>Hak cipta Warta Uji</footer></body></html>"""


def test_html_page_and_feed_file(tmp_path, capsys):
    (tmp_path / "cabai.html").write_text(ARTICLE_HTML, encoding="utf-8")
    feed = tmp_path / "kanal.rss"
    body = " ".join(str(record(7)["content"]).splitlines())
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"
      xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kanal</title>
      <item><title>Berita lengkap</title><link>https://warta.example/lengkap</link>
      <pubDate>Tue, 16 May 2023 08:00:00 +0700</pubDate><content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>
      </channel></rss>""", encoding="utf-8")
    db = tmp_path / "p.db"
    rc, s = ingest(capsys, str(tmp_path), "--db", str(db))
    assert rc == 0 and s["added"] == 2, s
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("SELECT headline, published FROM articles").fetchall())
    assert rows.get("Petani Garut panen raya cabai") == "2023-05-14"
    assert rows.get("Berita lengkap") == "2023-05-16"


def test_reanalyze_replaces_analyses_of_other_versions(tmp_path, capsys):
    db = tmp_path / "p.db"
    ingest(capsys, str(write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(3)])), "--db", str(db))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET pantau_version = '0.0.1' WHERE id != 'r0'")
    conn.commit()
    assert main(["reanalyze", "--db", str(db), "--workers", "1", "--summary", "json", "--no-progress"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert (s["updated"], s["added"]) == (2, 0)
    from pantau import __version__
    assert {r[0] for r in conn.execute("SELECT pantau_version FROM articles")} == {__version__}
    assert count(db) == 3


def test_query_commands_delete_and_export(tmp_path, capsys):
    db = tmp_path / "p.db"
    ingest(capsys, str(write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(4)])), "--db", str(db))
    assert main(["search", "anggaran", "--db", str(db), "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert isinstance(results, list) and results and "snippet" in results[0]
    assert main(["stats", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 4
    assert main(["delete", "r1", "--db", str(db)]) == 0
    assert main(["delete", "r1", "--db", str(db)]) == 1
    capsys.readouterr()
    assert main(["export", "--format", "jsonl", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sorted(json.loads(x)["id"] for x in lines) == ["r0", "r2", "r3"]
    assert main(["export", "--format", "csv", "--table", "articles", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("id,url,outlet")
    out = tmp_path / "a.parquet"
    assert main(["export", "--format", "parquet", "-o", str(out), "--db", str(db)]) == 0
    import pyarrow.parquet as pq
    assert pq.read_table(out).num_rows == 3
    assert main(["entities", "--db", str(db), "--format", "csv", "--top", "3"]) == 0
    assert capsys.readouterr().out.startswith("id,name,type")


def test_sigkill_and_restart_stores_every_article_exactly_once(tmp_path):
    n = 240
    src = write_jsonl(tmp_path / "besar.jsonl", [record(i) for i in range(n)])
    db = tmp_path / "p.db"
    cmd = [sys.executable, "-m", "pantau.cli", "ingest", str(src), "--db", str(db), "--batch-size", "5",
           "--workers", "2", "--no-progress"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if count(db) >= 10:
                    break
            except sqlite3.Error:
                pass  # not created yet
            time.sleep(0.05)
        killed_at = count(db)
        os.killpg(proc.pid, signal.SIGKILL)  # the whole group: main process, fork server and workers
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert 0 < killed_at < n
    # restart: stored articles are skipped, the rest analysed; nothing lost, nothing twice
    done = subprocess.run(cmd + ["--summary", "json"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    s = json.loads(done.stdout)
    assert s["unchanged"] >= killed_at and s["added"] + s["unchanged"] == n
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (n, n)
    assert conn.execute("SELECT count(*) FROM fts").fetchone()[0] == n
    assert [r[0] for r in conn.execute("SELECT status FROM ingest_runs ORDER BY rowid")] == ["interrupted", "done"]
