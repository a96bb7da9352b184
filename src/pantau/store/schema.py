"""The store's schema: numbered migrations over one SQLite file in WAL mode.

``PRAGMA user_version`` holds the number of the last migration applied.  A migration is never edited
once released: a schema change is a new entry at the end of ``MIGRATIONS``, applied in its own
transaction, so an old ``pantau.db`` upgrades in place and a crash half-way leaves the previous
version intact.

Tables (see docs/store.md for the full description):

- ``articles``: one row per identity (record id, else URL, else content hash) with the raw input (for
  ``pantau reanalyze``), the analysis JSON, the Pantau version that made it, a content hash, outlet,
  and its near-duplicate group.
- ``entities``: one row per canonical entity across the archive, keyed by its knowledge-base id when
  linked, else ``TYPE:normalised name``; ``n_articles``/``n_mentions`` are kept up to date by the writer
  so "top entities" never scans the archive.
- ``article_entities`` (entity per article), ``quotes``, ``events``, ``dates``: analysis parts, each row
  pointing at its article's rowid.  ``mentions`` (every mention span) is a view (migration 2) over
  ``articles.mentions``, the article's spans packed as JSON.
- ``sources``: outlets with their article counts.
- ``ingest_runs`` and ``rejected``: what each run did and every input it refused, with the reason.
- ``lsh_bands``: each article's MinHash LSH band keys in one row (migration 2), written in the
  article's transaction; the writer keeps the band look-up index in memory, built from this table.
- ``fts``: FTS5 index over headline, body and quotes (rowid = articles.rowid).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..errors import StoreError


def _migration_2(conn: sqlite3.Connection) -> None:
    """LSH band keys in one row per article, mentions packed into their article's row.

    Both were rows written per article (8 ``lsh`` rows with two indexes, ~20 ``mentions`` rows with an
    index) and about a quarter of the SQL work of storing an article.  Band keys are now looked up in
    an index the writer keeps in memory (``writer._BandIndex``), built from ``lsh_bands``; mention
    spans are ``articles.mentions``, JSON ``[[entity, [[start, end, text], ...]], ...]`` (entities by
    rowid, spans in text order), and ``mentions`` is a view over it that reads the same rows as the old
    table.  (Spans in ``article_entities`` rows instead made that table's rows five times wider and
    the entity page's queries, which read it by article, ~10% slower.)
    """
    import numpy as np

    from ..corpus import dedup

    conn.execute("CREATE TABLE lsh_bands (article INTEGER PRIMARY KEY, bands BLOB NOT NULL)")
    # every band of every article with a signature (the old table held a band once per group)
    cur = conn.execute("SELECT rowid, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY rowid")
    while True:
        chunk = cur.fetchmany(10_000)
        if not chunk:
            break
        conn.executemany("INSERT INTO lsh_bands (article, bands) VALUES (?, ?)",
                         [(rowid, dedup.pack_bands(dedup.band_keys(np.frombuffer(sig, dtype="<u4"))))
                          for rowid, sig in chunk])
    conn.execute("DROP TABLE lsh")
    conn.execute("ALTER TABLE articles ADD COLUMN mentions TEXT")
    # each entity's spans in the order written (rowid), entities by rowid: what the writer now writes
    conn.execute(
        "UPDATE articles SET mentions = (SELECT json_group_array(json_array(entity, json(spans))) FROM"
        " (SELECT entity, json_group_array(json_array(start, \"end\", text)) AS spans FROM"
        "  (SELECT entity, start, \"end\", text FROM mentions WHERE article = articles.rowid ORDER BY entity, rowid)"
        "  GROUP BY entity)) WHERE rowid IN (SELECT article FROM mentions)")
    conn.execute("DROP TABLE mentions")
    conn.execute(_MENTIONS_VIEW)


#: the ``mentions`` relation of migration 1, read from the packed spans
_MENTIONS_VIEW = """
    CREATE VIEW mentions AS
        SELECT a.rowid AS article, json_extract(e.value, '$[0]') AS entity, json_extract(m.value, '$[0]') AS start,
               json_extract(m.value, '$[1]') AS "end", json_extract(m.value, '$[2]') AS text
        FROM articles a, json_each(a.mentions) e, json_each(e.value, '$[1]') m
"""

#: a migration is SQL (statements run one by one) or a function of the connection; each runs in a
#: transaction of its own
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    # 1: the initial schema
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        source TEXT,
        outlet TEXT,
        rubric TEXT,
        headline TEXT,
        published TEXT,
        content_hash TEXT NOT NULL,
        raw TEXT NOT NULL,
        analysis TEXT NOT NULL,
        pantau_version TEXT,
        n_entities INTEGER NOT NULL DEFAULT 0,
        n_quotes INTEGER NOT NULL DEFAULT 0,
        n_events INTEGER NOT NULL DEFAULT 0,
        minhash BLOB,
        dup_group INTEGER,
        run_id INTEGER,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet, published);
    CREATE INDEX articles_rubric ON articles(rubric);
    CREATE INDEX articles_dup ON articles(dup_group) WHERE dup_group IS NOT NULL;

    CREATE TABLE entities (
        rowid INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kb_id TEXT,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        norm TEXT NOT NULL,
        country TEXT,
        role TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_mentions INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX entities_norm ON entities(norm);
    CREATE INDEX entities_kb ON entities(kb_id) WHERE kb_id IS NOT NULL;
    CREATE INDEX entities_top ON entities(n_articles DESC);

    CREATE TABLE article_entities (
        article INTEGER NOT NULL,
        entity INTEGER NOT NULL,
        n_mentions INTEGER NOT NULL,
        PRIMARY KEY (article, entity)
    ) WITHOUT ROWID;
    CREATE INDEX article_entities_entity ON article_entities(entity, article);

    CREATE TABLE mentions (
        article INTEGER NOT NULL,
        entity INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article);

    CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY,
        article INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT,
        speaker TEXT,
        speaker_entity INTEGER,
        cue TEXT,
        via TEXT,
        start INTEGER,
        "end" INTEGER,
        published TEXT
    );
    CREATE INDEX quotes_article ON quotes(article);
    CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity) WHERE speaker_entity IS NOT NULL;
    CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);

    CREATE TABLE events (
        rowid INTEGER PRIMARY KEY,
        article INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        source TEXT,
        source_country TEXT,
        source_entity INTEGER,
        target TEXT,
        target_country TEXT,
        target_entity INTEGER,
        code TEXT,
        root TEXT,
        quad INTEGER,
        goldstein REAL,
        evidence TEXT,
        start INTEGER,
        "end" INTEGER,
        n_mentions INTEGER NOT NULL DEFAULT 1,
        day TEXT
    );
    CREATE INDEX events_article ON events(article);
    CREATE INDEX events_sc ON events(source_country, target_country, day);
    CREATE INDEX events_tc ON events(target_country, day);
    CREATE INDEX events_source ON events(source, day);
    CREATE INDEX events_target ON events(target, day);
    CREATE INDEX events_se ON events(source_entity) WHERE source_entity IS NOT NULL;
    CREATE INDEX events_te ON events(target_entity) WHERE target_entity IS NOT NULL;

    CREATE TABLE dates (
        article INTEGER NOT NULL,
        text TEXT,
        value TEXT,
        precision TEXT,
        start INTEGER,
        "end" INTEGER
    );
    CREATE INDEX dates_article ON dates(article);
    CREATE INDEX dates_value ON dates(value);

    CREATE TABLE sources (
        rowid INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        n_articles INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE ingest_runs (
        rowid INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        pid INTEGER,
        pantau_version TEXT,
        args TEXT,
        n_seen INTEGER NOT NULL DEFAULT 0,
        n_added INTEGER NOT NULL DEFAULT 0,
        n_updated INTEGER NOT NULL DEFAULT 0,
        n_unchanged INTEGER NOT NULL DEFAULT 0,
        n_rejected INTEGER NOT NULL DEFAULT 0,
        n_near_duplicates INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE rejected (
        rowid INTEGER PRIMARY KEY,
        run_id INTEGER,
        origin TEXT NOT NULL,
        identity TEXT,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX rejected_run ON rejected(run_id);

    CREATE TABLE lsh (
        band_key INTEGER NOT NULL,
        article INTEGER NOT NULL
    );
    CREATE INDEX lsh_key ON lsh(band_key);
    CREATE INDEX lsh_article ON lsh(article);

    CREATE VIEW duplicate_groups AS
        SELECT dup_group AS id, count(*) AS size, min(published) AS first_published,
               group_concat(DISTINCT outlet) AS outlets
        FROM articles WHERE dup_group IS NOT NULL GROUP BY dup_group;

    CREATE VIRTUAL TABLE fts USING fts5(
        headline, body, quotes,
        tokenize = 'unicode61'
    );
    -- rank = bm25 with a headline match worth ten body matches and a quote match two
    INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 2.0)');
    """,
    # 2: lsh_bands instead of lsh; mentions packed into articles.mentions, mentions a view
    _migration_2,
)

SCHEMA_VERSION = len(MIGRATIONS)


def _configure(conn: sqlite3.Connection, *, readonly: bool) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    # a larger page cache and memory-mapped reads keep FTS and aggregate queries off the disk
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA mmap_size = 268435456")
    conn.execute("PRAGMA temp_store = MEMORY")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"could not switch to WAL mode (got {mode})")
        # NORMAL in WAL mode: a committed transaction is in the WAL before COMMIT returns, so a process
        # crash or SIGKILL loses nothing committed; only an OS crash or power loss can lose the last
        # transactions (never corrupting the file), and a resumed ingest re-ingests exactly those.
        # FULL would add an fsync per batch for that case only.
        conn.execute("PRAGMA synchronous = NORMAL")


def connect(path: str | Path, *, readonly: bool = False, migrate: bool = True) -> sqlite3.Connection:
    """Open (and for writers, create and migrate) the store at ``path``.

    Read-only connections use a ``mode=ro`` URI, so ``pantau serve`` cannot write even by mistake.
    """
    p = Path(path)
    if readonly:
        if not p.exists():
            raise StoreError(f"no store at {p}", hint="create it with: pantau ingest SOURCE --db " + str(p))
        uri = f"file:{p.resolve().as_posix()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        _configure(conn, readonly=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            raise StoreError(f"{p} is not a Pantau store (no schema)")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{p} has schema version {version}, newer than this Pantau ({SCHEMA_VERSION})",
                             hint="upgrade pantau")
        return conn
    if p.parent and not p.parent.exists():
        raise StoreError(f"directory {p.parent} does not exist")
    try:
        conn = sqlite3.connect(str(p), isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {p}: {exc}") from exc
    conn.row_factory = sqlite3.Row
    try:
        # 16 KiB pages (only takes effect on a new, empty file): a stored analysis is ~8 KB of JSON, and
        # bigger pages mean fewer WAL frames per batch (measured ~10% faster ingest than 4 KiB)
        conn.execute("PRAGMA page_size = 16384")
        _configure(conn, readonly=False)
        if migrate:
            apply_migrations(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot use {p} as a store: {exc}") from exc
    return conn


def apply_migrations(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the file's ``user_version``; returns the version reached."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"store has schema version {version}, newer than this Pantau ({SCHEMA_VERSION})",
                         hint="upgrade pantau")
    for number in range(version + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[number - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(script):
                script(conn)
            else:
                # executescript would commit on its own; run statement by statement inside our transaction
                for statement in _split_sql(script):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement knows about quotes and triggers)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
