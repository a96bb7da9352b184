"""The store on real SQLite files: migrations, exactly-once writes, replace, delete, entities, duplicates."""
from __future__ import annotations

import sqlite3

import pytest

from _corpus_helpers import BODY_BANJIR, BODY_LAVROV, banjir, ent, item, lavrov
from pantau.errors import StoreError
from pantau.model import Dateline
from pantau.store import SCHEMA_VERSION, StoreWriter, connect
from pantau.store import queries as Q
from pantau.store import writer as W
from pantau.store.writer import entity_key, normalise_name, outlet_of


@pytest.fixture
def db(tmp_path):
    return tmp_path / "pantau.db"


def test_fresh_store_is_wal_and_migrated(db):
    conn = connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    for t in ("articles", "entities", "mentions", "quotes", "events", "dates", "sources", "ingest_runs",
              "rejected", "fts", "lsh_bands", "duplicate_groups"):
        assert t in tables
    conn.close()
    # reopening applies nothing and keeps the version
    assert connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_store_from_a_newer_pantau_is_refused(db):
    connect(db).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        connect(db)


def test_readonly_open_of_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match="no store") as e:
        connect(tmp_path / "nope.db", readonly=True)
    assert "pantau ingest" in e.value.line()


def test_readonly_connection_cannot_write(db):
    with StoreWriter(db) as w:
        w.write_batch([lavrov()])
    ro = connect(db, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ro.execute("DELETE FROM articles")


def test_same_identity_same_content_adds_nothing_changed_content_replaces(db):
    with StoreWriter(db) as w:
        run = w.start_run()
        assert w.write_batch([lavrov(), banjir()], run_id=run, seen=2).added == 2
        again = w.write_batch([lavrov()], run_id=run, seen=1)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
        changed = lavrov(entities=[ent("Sergei Lavrov")], quotes=[], events=[])
        changed.raw.text += "\nParagraf tambahan dari redaksi."
        from pantau.store.writer import content_hash
        changed.content_hash = content_hash(changed.raw)
        res = w.write_batch([changed], run_id=run, seen=1)
        assert (res.added, res.updated) == (0, 1)
        w.finish_run(run)
    conn = connect(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    # the old analysis's parts are gone with it: no quotes or events of a1 remain, China lost its article
    assert conn.execute("SELECT count(*) FROM quotes q JOIN articles a ON a.rowid = q.article WHERE a.id='a1'"
                        ).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert Q.find_entity(conn, "CHN") is None
    run_row = conn.execute("SELECT n_seen, n_added, n_updated, n_unchanged FROM ingest_runs").fetchone()
    assert tuple(run_row) == (4, 2, 1, 1)


def test_delete_removes_article_everywhere_including_the_index(db):
    with StoreWriter(db) as w:
        w.write_batch([lavrov(), banjir()])
        assert w.delete("a1")
        assert not w.delete("a1")
    conn = connect(db, readonly=True)
    assert Q.search(conn, "Lavrov")["total"] == 0
    assert Q.search(conn, "banjir")["total"] == 1
    for table in ("quotes", "events", "mentions", "article_entities", "lsh_bands"):
        left = conn.execute(f"SELECT count(*) FROM {table} WHERE article NOT IN (SELECT rowid FROM articles)")
        assert left.fetchone()[0] == 0, table
    assert Q.find_entity(conn, "Sergei Lavrov") is None
    assert Q.stats(conn)["articles"] == 1


@pytest.mark.parametrize("kb, type_, name, key", [
    ("RUS", "GPE", "Rusia", "id:RUS"),
    (None, "PER", "Joko  Widodo,", "PER:joko widodo"),
    (None, "ORG", "Kementerian Luar Negeri", "ORG:kementerian luar negeri"),
    (None, "PER", "Ma'ruf Amin", "PER:ma'ruf amin"),
])
def test_entity_key_is_kb_id_else_type_and_normalised_name(kb, type_, name, key):
    assert entity_key(kb, type_, name) == key


def test_normalised_name_drops_accents_case_and_spacing():
    assert normalise_name("  Jos\u00e9  RAMOS-Horta ") == "jose ramos-horta"


def test_entities_are_counted_across_the_archive(db):
    with StoreWriter(db) as w:
        w.write_batch([lavrov("a1"), lavrov("a2", published="2022-04-02"), banjir()])
    conn = connect(db, readonly=True)
    top = Q.entities(conn, limit=3)["items"]
    assert top[0]["name"] == "Sergei Lavrov" and top[0]["n_articles"] == 2 and top[0]["n_mentions"] == 4
    assert Q.entities(conn, type="LOC")["items"][0]["name"] == "Cileungsi"


@pytest.mark.parametrize("source, dateline, url, outlet", [
    ("Tempo", Dateline("KOMPAS.com", "JAKARTA"), "https://www.detik.com/a", "Tempo"),
    (None, Dateline("KOMPAS.com", "JAKARTA"), "https://www.detik.com/a", "KOMPAS.com"),
    (None, None, "https://www.detik.com/berita/a", "detik.com"),
    (None, None, None, None),
])
def test_outlet_is_source_else_dateline_else_url_host(source, dateline, url, outlet):
    it = item("x", "Judul", ["Isi berita."], source=source, url=url, dateline=dateline)
    assert outlet_of(it.article) == outlet


def test_syndicated_copy_is_grouped_not_dropped(db):
    copy = list(BODY_LAVROV)
    copy[1] = copy[1].replace("menurut mereka", "kata keduanya")
    with StoreWriter(db) as w:
        w.write_batch([lavrov("kompas-1"), banjir("b1")])
        res = w.write_batch([item("tempo-9", "Rusia dan China perluas kerja sama", copy, source="Tempo")])
        assert res.near_duplicates == 1
    conn = connect(db, readonly=True)
    assert Q.stats(conn)["articles"] == 3
    dups = Q.near_duplicates(conn, "tempo-9")
    assert [d["id"] for d in dups] == ["kompas-1"] and dups[0]["outlet"] == "Kompas.com"
    assert dups[0]["similarity"] >= 0.7
    assert Q.near_duplicates(conn, "b1") == []


def test_deleting_one_of_two_copies_dissolves_the_group(db):
    with StoreWriter(db) as w:
        w.write_batch([lavrov("k1"), lavrov("k2", source="Tempo")])
        w.delete("k1")
    conn = connect(db, readonly=True)
    assert conn.execute("SELECT dup_group FROM articles").fetchone()[0] is None


def test_copies_in_one_batch_are_grouped_with_the_first(db):
    with StoreWriter(db) as w:
        res = w.write_batch([lavrov("k1"), banjir("b1"), lavrov("k2", source="Tempo"), lavrov("k3", source="Detik")])
        assert (res.added, res.near_duplicates) == (4, 2)
    conn = connect(db, readonly=True)
    groups = dict(conn.execute("SELECT id, dup_group FROM articles"))
    first = conn.execute("SELECT rowid FROM articles WHERE id = 'k1'").fetchone()[0]
    assert groups == {"k1": first, "k2": first, "k3": first, "b1": None}


def _paragraphs(topic: str, n: int, first: int) -> list[str]:
    """Our own report sentences, numbered from ``first`` so that each topic has shingles of its own."""
    return [f"Petugas {topic} mencatat {i} laporan baru dari warga kelurahan nomor {i} pada pekan ke {i} "
            f"bulan ini sehingga tim {topic} menambah {i + 3} personel di pos {i}." for i in range(first, first + n)]


SHARED = _paragraphs("gabungan", 14, 0)
ONLY_A = _paragraphs("banjir", 5, 100)
ONLY_B = _paragraphs("longsor", 5, 200)


@pytest.mark.parametrize("one_batch", [True, False], ids=["one batch", "a batch each"])
def test_an_article_bridging_two_groups_merges_them(db, one_batch):
    from pantau.corpus import dedup

    a, b, bridge = SHARED + ONLY_A, SHARED + ONLY_B, SHARED + ONLY_A + ONLY_B
    sig = {k: dedup.signature("\n".join(v)) for k, v in (("a", a), ("b", b), ("bridge", bridge))}
    # the premise: the two stories are not near-duplicates of each other, the bridge is of both
    assert dedup.similarity(sig["a"], sig["b"]) < dedup.THRESHOLD
    assert dedup.similarity(sig["a"], sig["bridge"]) >= dedup.THRESHOLD <= dedup.similarity(sig["b"], sig["bridge"])
    items = [item("a1", "Banjir", a), item("a2", "Banjir", a, source="Tempo"), item("x1", "Lain", BODY_BANJIR),
             item("b1", "Longsor", b), item("b2", "Longsor", b, source="Tempo"), item("c1", "Bencana", bridge)]
    with StoreWriter(db) as w:
        if one_batch:
            assert w.write_batch(items).near_duplicates == 3
        else:
            assert sum(w.write_batch([it]).near_duplicates for it in items) == 3
    conn = connect(db, readonly=True)
    groups = dict(conn.execute("SELECT id, dup_group FROM articles"))
    first = conn.execute("SELECT rowid FROM articles WHERE id = 'a1'").fetchone()[0]
    assert groups == {"a1": first, "a2": first, "b1": first, "b2": first, "c1": first, "x1": None}


def test_a_group_stores_each_band_once_and_hands_bands_on_when_a_member_goes(db):
    from pantau.corpus import dedup

    def bands(conn):
        # band holders in the writer's in-memory index; one built afresh from the file agrees
        ids = dict(conn.execute("SELECT rowid, id FROM articles"))
        keys = {k for (blob,) in conn.execute("SELECT bands FROM lsh_bands") for k in dedup.unpack_bands(blob)}
        counts = []
        for idx in (w._band_index(), W._BandIndex.load(conn)):
            out: dict[str, int] = {}
            for holders in idx.lookup(keys).values():
                for h in holders:
                    out[ids[h]] = out.get(ids[h], 0) + 1
            counts.append(out)
        assert counts[0] == counts[1]
        return counts[0]

    outlets = ["Kompas.com", "Tempo", "Detik", "Antara", "Republika"]
    with StoreWriter(db) as w:
        w.write_batch([lavrov("k0", source=outlets[0]), lavrov("k1", source=outlets[1])])
        w.write_batch([lavrov(f"k{i}", source=o) for i, o in enumerate(outlets) if i >= 2])
        conn = connect(db, readonly=True)
        # five identical copies: the first holds the bands for all of them
        assert bands(conn) == {"k0": dedup.BANDS}
        w.delete("k0")
        assert bands(conn) == {"k1": dedup.BANDS}
        assert w.write_batch([lavrov("k5", source="Tribun")]).near_duplicates == 1
        for i in (1, 2, 3, 4):
            w.delete(f"k{i}")
    # the last copy standing is no group and holds its own bands
    assert conn.execute("SELECT dup_group FROM articles WHERE id = 'k5'").fetchone()[0] is None
    assert bands(conn) == {"k5": dedup.BANDS}


def test_a_candidate_group_is_compared_beyond_the_member_that_holds_the_band(db):
    import numpy as np

    from pantau.store.writer import prepare

    sig = prepare(lavrov().article)[1]
    other = (sig + 1).astype(np.uint32)  # agrees nowhere
    with StoreWriter(db) as w:
        w.write_batch([lavrov("k0"), lavrov("k1", source="Tempo")])
        group = connect(db, readonly=True).execute("SELECT dup_group FROM articles WHERE id = 'k1'").fetchone()[0]
        # the holder met through the band is not similar; another stored member of its group is
        assert w._joins(sig, group, [99], {99: [other, group]})
        # a single article (negative id) has no other members to ask
        assert not w._joins(sig, -99, [99], {99: [other, None]})


def test_an_identity_twice_in_one_batch_is_stored_once(db):
    with StoreWriter(db) as w:
        same = w.write_batch([banjir("b1"), banjir("b1")])
        assert (same.added, same.unchanged) == (1, 1)
        changed = w.write_batch([lavrov("a1"), item("a1", "Lavrov tiba di Beijing", BODY_LAVROV, entities=[])])
        assert (changed.added, changed.updated) == (1, 1)
    conn = connect(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert conn.execute("SELECT headline FROM articles WHERE id = 'a1'").fetchone()[0] == "Lavrov tiba di Beijing"
    # the first version's entities left with it
    assert conn.execute("SELECT count(*) FROM entities WHERE name = 'Sergei Lavrov'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM fts WHERE fts MATCH 'Lavrov'").fetchone()[0] == 1


def test_an_update_and_new_articles_in_one_batch_keep_rowids_apart(db):
    with StoreWriter(db) as w:
        w.write_batch([lavrov("a1"), banjir("b1")])
        res = w.write_batch([item("b1", "Banjir surut di Bogor", BODY_BANJIR), banjir("b2", source="Tempo")])
        assert (res.added, res.updated, res.near_duplicates) == (1, 1, 1)
    conn = connect(db, readonly=True)
    rows = dict(conn.execute("SELECT id, rowid FROM articles"))
    assert rows == {"a1": 1, "b1": 2, "b2": 3}
    assert dict(conn.execute("SELECT id, dup_group FROM articles")) == {"a1": None, "b1": 2, "b2": 2}
    assert conn.execute("SELECT count(*) FROM fts").fetchone()[0] == 3


def test_rejected_inputs_are_stored_with_their_reason(db):
    with StoreWriter(db) as w:
        run = w.start_run()
        w.write_batch([banjir()], [("dump.jsonl:7", None, "malformed JSON line: Expecting value")], run_id=run,
                      seen=2)
    conn = connect(db, readonly=True)
    rej = Q.rejected(conn)["items"]
    assert rej[0]["origin"] == "dump.jsonl:7" and "malformed" in rej[0]["reason"]


def test_a_failed_batch_leaves_nothing_behind(db):
    bad = banjir("b2")
    object.__setattr__(bad.article, "quotes", [None])  # breaks mid-article, after the article row
    with StoreWriter(db) as w:
        with pytest.raises(AttributeError):
            w.write_batch([lavrov(), bad])
        conn = connect(db, readonly=True)
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM fts").fetchone()[0] == 0
        # the same writer goes on: entities created by the rolled-back batch are not remembered
        w.write_batch([lavrov()])
    assert Q.entity(conn, "Sergei Lavrov")["n_articles"] == 1


def test_export_gdelt_rows_from_the_store(db, capsys):
    from pantau.cli import main

    with StoreWriter(db) as w:
        w.write_batch([lavrov(), banjir()])
    assert main(["export", "--format", "gdelt", "--db", str(db)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and len(rows[0]) == 61
    assert rows[0][1] == "20220320" and rows[0][5] == "RUSGOV" and rows[0][15] == "CHNGOV"


def test_demo_replaces_only_a_demo_store(db):
    from pantau.corpus.demo_store import fresh_store

    with StoreWriter(db) as w:
        w.write_batch([lavrov("sample:01")])
    fresh_store(db)
    assert not db.exists()
    with StoreWriter(db) as w:
        w.write_batch([lavrov("milik-pengguna")])
    with pytest.raises(StoreError, match="not the demo"):
        fresh_store(db)
    assert db.exists()


def test_a_writer_started_later_groups_with_what_an_earlier_one_stored(db):
    # the band index lives in the writer's memory; a new writer builds it from lsh_bands
    with StoreWriter(db) as w:
        w.write_batch([lavrov("k0"), banjir("b1")])
    with StoreWriter(db) as w:
        assert w.write_batch([lavrov("k1", source="Tempo"), banjir("b2", source="Tempo")]).near_duplicates == 2
    conn = connect(db, readonly=True)
    groups = dict(conn.execute("SELECT id, dup_group FROM articles"))
    assert groups["k1"] == groups["k0"] and groups["b2"] == groups["b1"] and groups["k0"] != groups["b1"]


def test_a_delete_by_another_writer_between_batches_is_seen(db):
    with StoreWriter(db) as w:
        w.write_batch([lavrov("k0"), lavrov("k1", source="Tempo")])
        # another process deletes the member that holds the group's bands, between two batches
        with StoreWriter(db) as other:
            assert other.delete("k0")
        assert w.write_batch([lavrov("k2", source="Detik")]).near_duplicates == 1
        w.write_batch([banjir("b1")])
    conn = connect(db, readonly=True)
    groups = dict(conn.execute("SELECT id, dup_group FROM articles"))
    k1 = conn.execute("SELECT rowid FROM articles WHERE id = 'k1'").fetchone()[0]
    assert groups == {"k1": k1, "k2": k1, "b1": None}


def test_a_store_of_schema_1_is_migrated_with_its_mentions_and_bands(tmp_path):
    import json

    from pantau.corpus import dedup
    from pantau.store.schema import MIGRATIONS, _split_sql

    # a store written now, then the same rows laid out as schema 1 held them (mentions and lsh tables)
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    with StoreWriter(new) as w:
        w.write_batch([lavrov("k0"), banjir("b1"), lavrov("k1", source="Tempo")])
    src = sqlite3.connect(new)
    conn = sqlite3.connect(old, isolation_level=None)
    for statement in _split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("ATTACH ? AS n", (str(new),))
    for t in ("articles", "entities", "article_entities", "quotes", "events", "dates", "sources", "ingest_runs"):
        cols = ", ".join(f'"{r[1]}"' for r in conn.execute(f"PRAGMA table_info({t})"))
        conn.execute(f"INSERT INTO {t} ({cols}) SELECT {cols} FROM n.{t}")
    conn.execute("INSERT INTO fts (rowid, headline, body, quotes) SELECT rowid, headline, body, quotes FROM n.fts")
    spans = src.execute("SELECT rowid, mentions FROM articles ORDER BY rowid").fetchall()
    for article, packed in spans:
        conn.executemany('INSERT INTO mentions (article, entity, start, "end", text) VALUES (?,?,?,?,?)',
                         [(article, entity, *m) for entity, ms in json.loads(packed or "[]") for m in ms])
    for article, blob in src.execute("SELECT article, bands FROM lsh_bands"):
        conn.executemany("INSERT INTO lsh (band_key, article) VALUES (?, ?)",
                         [(k, article) for k in dedup.unpack_bands(blob)])
    conn.close()
    mentions = sorted(src.execute("SELECT * FROM mentions").fetchall())
    bands = src.execute("SELECT * FROM lsh_bands ORDER BY article").fetchall()

    migrated = connect(old)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    tables = {r[0]: r[1] for r in migrated.execute("SELECT name, type FROM sqlite_master")}
    assert tables["mentions"] == "view" and "lsh" not in tables and tables["lsh_bands"] == "table"
    assert sorted(tuple(r) for r in migrated.execute("SELECT * FROM mentions")) == mentions
    assert [tuple(r) for r in migrated.execute("SELECT rowid, mentions FROM articles ORDER BY rowid")] == spans
    assert [tuple(r) for r in migrated.execute("SELECT * FROM lsh_bands ORDER BY article")] == bands
    migrated.close()
    # and it goes on grouping copies and deleting everywhere
    with StoreWriter(old) as w:
        assert w.write_batch([lavrov("k2", source="Detik")]).near_duplicates == 1
        assert w.delete("k0")
    conn = connect(old, readonly=True)
    groups = dict(conn.execute("SELECT id, dup_group FROM articles"))
    assert groups["k1"] == groups["k2"] is not None and groups["b1"] is None
    assert conn.execute("SELECT count(*) FROM mentions WHERE article NOT IN (SELECT rowid FROM articles)"
                        ).fetchone()[0] == 0
