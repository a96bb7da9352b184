"""Rows made where an article is analysed (ingest workers) and the writer's background checkpoints.

``build_rows`` turns an analysed article into every row the store keeps; the writer then only hands out
rowids and entity ids.  These tests write the same hand-built articles both ways into real SQLite files
and compare every table, and check that committed batches reach the database file without SQLite's
autocheckpoint while the WAL file stays bounded.
"""
from __future__ import annotations

import json
import pickle
import shutil
import sqlite3
from dataclasses import replace

import pytest

from _corpus_helpers import BODY_LAVROV, banjir, ent, event, item, lavrov, quote
from pantau.corpus.runner import BatchSink, RunSummary
from pantau.model import DateRef, Span
from pantau.store import StoreWriter
from pantau.store import writer as W
from pantau.store.writer import Item, Rows, build_rows

#: columns that hold the time of writing, not what was written
_CLOCK = {"ingested_at", "updated_at", "started_at", "finished_at", "at", "pid"}


def _tables(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    out = {}
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE"
                                        " 'sqlite_%' AND name NOT LIKE 'fts_%'")] + ["fts_docsize"]
    views = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
    for t in names + views:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in _CLOCK]
        sel = ", ".join(f'"{c}"' for c in cols)
        if t != "article_entities" and t not in views:
            sel = "rowid, " + sel
        out[t] = conn.execute(f"SELECT {sel} FROM {t} ORDER BY {sel}").fetchall()
    conn.close()
    return out


def _articles() -> list[Item]:
    # two Entity objects under one KB id (one archive entity, mention counts added up), a quote whose
    # speaker is named by an alias, an event whose actors are named by mention text, a dated article
    # without body paragraphs, and a syndicated copy under another identity
    lavrov_twice = lavrov("k1", entities=[
        ent("Sergei Lavrov", kb="Q1", n=2), replace(ent("Menlu Rusia", kb="Q1"), aliases=["Menlu Lavrov"]),
        ent("Wang Yi"), ent("Rusia", "GPE", "RUS", "RUS")],
        quotes=[quote("Kerja sama energi kita semakin kuat", "Menlu Lavrov"),
                quote("Kami tidak menerima sanksi sepihak", None)],
        events=[event("RUSGOV", "CHNGOV", src_name="Menlu Rusia", tgt_name="Wang Yi"),
                event("CHNGOV", "RUSGOV", code="040", src_name="Tokoh Lain")])
    short = item("s1", "Gempa kecil guncang Cianjur", ["Gempa bermagnitudo 3,1 terasa singkat di Cianjur."],
                 entities=[ent("Cianjur", "LOC")])
    short = Item(replace(short.article, body=[], dates=[DateRef("Jumat", "2022-03-18", "day", 0, 5)]), short.raw,
                 short.content_hash)
    return [lavrov_twice, banjir("b1"), short, lavrov("t9", source="Tempo"),
            item("k2", "Lavrov dan Wang Yi bahas kerja sama energi", BODY_LAVROV, source="Detik",
                 entities=[ent("Sergei Lavrov", kb="Q1")])]


def test_rows_made_in_a_worker_store_exactly_what_the_writer_makes(tmp_path):
    by_writer, by_worker = tmp_path / "writer.db", tmp_path / "worker.db"
    with StoreWriter(by_writer) as w:
        res_a = w.write_batch(_articles()[:3])
        res_a += w.write_batch(_articles()[3:])
    with StoreWriter(by_worker) as w:
        # as the pool sends them: pickled in the worker, unpickled by the writer process
        sent = [pickle.loads(pickle.dumps(build_rows(it.article, it.raw, it.content_hash))) for it in _articles()]
        items = [Item(None, None, r.content_hash, rows=r) for r in sent]
        res_b = w.write_batch(items[:3])
        res_b += w.write_batch(items[3:])
    assert (res_a.added, res_a.near_duplicates) == (res_b.added, res_b.near_duplicates) == (5, 2)
    a, b = _tables(by_writer), _tables(by_worker)
    assert a == b
    assert [len(a[t]) for t in ("mentions", "quotes", "events", "dates")] == [14, 4, 3, 1]


def test_entities_of_one_key_are_one_row_with_their_mentions_added_up():
    it = _articles()[0]
    rows = build_rows(it.article, it.raw, it.content_hash)
    keys = [e[0] for e in rows.entities]
    assert keys == ["id:Q1", "PER:wang yi", "id:RUS"]
    assert rows.entities[0][3] == "Sergei Lavrov" and rows.entities[0][7] == 3  # 2 + 1 mentions
    # the alias names the speaker; an unknown name links to nothing
    assert [q[4] for q in rows.quotes] == [0, None]
    assert [(e[3], e[6]) for e in rows.events] == [(0, 1), (None, None)]


def test_rows_hold_only_plain_values():
    it = _articles()[0]
    rows = build_rows(it.article, it.raw, it.content_hash)
    plain = (str, int, float, bytes, type(None))

    def check(v: object) -> None:
        if isinstance(v, tuple):
            for x in v:
                check(x)
        else:
            assert isinstance(v, plain), type(v)

    for name in Rows.__slots__:
        check(getattr(rows, name))
    assert len(rows.signature or b"") == 4 * 64 and len(rows.bands) == 8


def test_a_text_too_short_to_compare_has_no_signature_and_no_bands():
    it = item("p1", "Singkat", ["Hujan turun sebentar."])
    rows = build_rows(it.article, it.raw, it.content_hash)
    assert rows.signature is None and rows.bands == ()
    assert rows.article[-1] is None  # the minhash column


def test_batches_reach_the_database_file_without_sqlite_autocheckpoint(tmp_path, monkeypatch):
    monkeypatch.setattr(W, "_CHECKPOINT_ARTICLES", 3)  # poked after the batch that brings it to 3 articles
    db = tmp_path / "pantau.db"
    w = StoreWriter(db)
    try:
        w.write_batch([lavrov("a1"), banjir("b1")])
        w.write_batch([lavrov("a2", source="Tempo")])
        assert w.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        w._checkpointer.wait()  # the background checkpoint of the last batch
        # the database file alone, without its WAL, already holds every committed article
        alone = tmp_path / "alone.db"
        shutil.copyfile(db, alone)
        conn = sqlite3.connect(alone)
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM fts WHERE fts MATCH 'Lavrov'").fetchone()[0] == 2
        conn.close()
    finally:
        w.close()


def test_the_wal_file_starts_over_instead_of_growing(tmp_path, monkeypatch):
    monkeypatch.setattr(W, "_WAL_LIMIT", 256 * 1024)
    db = tmp_path / "pantau.db"
    wal = tmp_path / "pantau.db-wal"
    with StoreWriter(db) as w:
        grown = 0
        for i in range(60):
            w.write_batch([lavrov(f"a{i}"), banjir(f"b{i}")])
            grown = max(grown, wal.stat().st_size)
        n = w.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert n == 120
    # sixty batches of about 100 KB of WAL frames each would make a ~6 MB WAL without restarts
    assert grown < 2 * 1024 * 1024, grown


def test_batch_sink_writes_full_batches_and_counts_them(tmp_path):
    summary = RunSummary()
    with StoreWriter(tmp_path / "pantau.db") as w:
        summary.run_id = w.start_run()
        sink = BatchSink(w, summary, batch_size=2)
        added = []
        for it in (lavrov("a1"), banjir("b1"), lavrov("a1"), lavrov("a2", source="Tempo"), banjir("b2")):
            sink.batch_seen += 1
            sink.add(it)
            sink.flush()
            added.append(summary.added)
        assert added == [0, 2, 2, 3, 3]  # written when a batch is full
        sink.close()
        run = w.conn.execute("SELECT n_seen, n_added, n_unchanged FROM ingest_runs").fetchone()
    assert (summary.added, summary.unchanged, summary.near_duplicates) == (4, 1, 2)
    assert tuple(run) == (5, 4, 1)
    assert sink.stored_ids == {"a1": lavrov("a1").content_hash, "b1": banjir("b1").content_hash,
                               "a2": lavrov("a2", source="Tempo").content_hash, "b2": banjir("b2").content_hash}


@pytest.mark.parametrize("mentions", [[], [Span(0, 6, "Rusia")]])
def test_an_entity_without_mentions_counts_once(mentions):
    it = lavrov("m1", entities=[replace(ent("Rusia", "GPE", "RUS", "RUS"), mentions=mentions)])
    rows = build_rows(it.article, it.raw, it.content_hash)
    assert rows.entities[0][7] == 1 and rows.spans == (json.dumps([[m.start, m.end, m.text] for m in mentions], separators=(",", ":")),)
