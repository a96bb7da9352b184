"""Writing analysed articles into the store: batched transactions, exactly once.

Each ``write_batch`` is one ``BEGIN IMMEDIATE … COMMIT``: the articles, all their parts, the FTS rows,
the LSH band keys (``lsh_bands``; the look-up index over them lives in the writer's memory), the entity and outlet counters and the run's counts land together or not at all.
A run killed at any moment therefore leaves whole batches only, and a restart skips every identity
already stored with the same content hash (``StoreWriter.is_stored``), so every article ends up stored
exactly once.

Identity (CONTRACT and issue 6): the record's ``id``, else its URL, else a hash of its normalised
content (``pipeline.article_id``).  The *content hash* covers the raw input (text and metadata), so an
unchanged record is recognised before it is analysed again.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from .. import __version__
from ..corpus import dedup
from ..doc import RawDoc
from ..errors import StoreError
from ..model import Article
from .schema import connect

_SPACE = re.compile(r"\s+")
#: values bound per ``IN (...)`` look-up (SQLite allows 32,766 since 3.32; smaller keeps plans cheap)
_CHUNK = 500
_PUNCT_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)
#: WAL size at which the writer lets the background checkpoint finish before its next batch (see
#: ``_Checkpointer``); also the size a restarted WAL file is cut back to
_WAL_LIMIT = 64 * 1024 * 1024
#: articles written between background checkpoints (the checkpointer is poked after the batch that
#: reaches it): ~400 articles are ~14 MB of WAL, about SQLite's own autocheckpoint threshold (1,000
#: pages); a page changed by two batches is copied back once (checkpointing after every batch of 200
#: cost the checkpoint thread ~30 µs per article instead of ~20).  With the runner's batches of 500,
#: that is after every batch.
_CHECKPOINT_ARTICLES = 400


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Casefolded, accent-free, single-spaced, edge punctuation removed: ``"Joko  Widodo,"`` -> ``"joko widodo"``.

    Memoised: the same names recur across an archive, and the writer keys every entity of every article.
    """
    s = name
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _SPACE.sub(" ", s.casefold()).strip()
    return _PUNCT_EDGE.sub("", s)


def entity_key(kb_id: str | None, type_: str, name: str) -> str:
    """Entities are counted across the archive under their KB id when linked, else type + normalised name."""
    if kb_id:
        return f"id:{kb_id}"
    return f"{type_}:{normalise_name(name)}"


def raw_identity(raw: RawDoc) -> str | None:
    """The identity known before analysis (record id or URL); None when it must come from the content."""
    if raw.id:
        return str(raw.id)
    if raw.url:
        return raw.url
    return None


def content_hash(raw: RawDoc) -> str:
    """A hash of everything in the input that analysis reads: text and metadata."""
    payload = json.dumps([raw.text, raw.title, raw.rubric, raw.published, raw.url, raw.source, raw.kind],
                         ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def raw_to_json(raw: RawDoc, article_text: str | None = None) -> str:
    """The input as stored for ``pantau reanalyze``; the text is omitted when the analysis holds it verbatim."""
    d: dict[str, Any] = {
        "id": raw.id, "title": raw.title, "rubric": raw.rubric, "published": raw.published, "url": raw.url,
        "source": raw.source, "origin": raw.origin, "kind": raw.kind,
    }
    if raw.extra:
        d["extra"] = raw.extra
    if article_text is not None and raw.text == article_text:
        d["text_is_article_text"] = True
    else:
        d["text"] = raw.text
    return json.dumps(d, ensure_ascii=False, default=str)


def raw_from_json(s: str, article_text: str) -> RawDoc:
    d = json.loads(s)
    text = article_text if d.get("text_is_article_text") else d.get("text", "")
    return RawDoc(text=text, id=d.get("id"), title=d.get("title"), rubric=d.get("rubric"),
                  published=d.get("published"), url=d.get("url"), source=d.get("source"),
                  origin=d.get("origin") or "<store>", kind=d.get("kind") or "text", extra=d.get("extra") or {})


def outlet_of(article: Article) -> str | None:
    """The record's source, else the dateline outlet, else the URL's host (``www.`` dropped)."""
    if article.source:
        return article.source.strip() or None
    if article.dateline and article.dateline.outlet:
        return article.dateline.outlet.strip() or None
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host[4:] if host.startswith("www.") else host
    return None


@dataclass(slots=True)
class Rows:
    """Everything the writer stores for one analysed article, as plain rows without rowids.

    ``build_rows`` makes it where the article was analysed (an ingest worker), so the single writer
    process neither walks the Article nor builds a tuple field by field: it hands out the article's
    rowid and the archive-wide entity ids, fills them into these rows and runs one ``executemany``
    per table.  Only tuples, strings, ints, floats and bytes: it pickles quickly on its way from the
    worker (an Article object graph cost the writer more to unpickle than these rows).

    Entities are referred to by their index in ``entities`` (one entry per distinct entity key of
    the article, in first-seen order).
    """

    id: str
    content_hash: str
    #: (url, source, outlet, rubric, headline, published, raw JSON, analysis JSON, pantau version,
    #: n_entities, n_quotes, n_events, minhash bytes or None): the articles row between id/content_hash
    #: and the columns the writer adds
    article: tuple[Any, ...]
    outlet: str | None
    #: (key, kb_id, type, name, norm, country, role, mentions in this article)
    entities: tuple[tuple[Any, ...], ...]
    #: per entity (same order): its mention spans in this article as compact JSON ``[[start,end,"text"],...]``
    #: (the writer packs them with the entity ids into ``articles.mentions``; the ``mentions`` view unpacks them)
    spans: tuple[str, ...]
    #: (idx, text, kind, speaker, speaker entity index or None, cue, via, start, end, published)
    quotes: tuple[tuple[Any, ...], ...]
    #: (idx, source, source_country, source entity index or None, target, target_country, target
    #: entity index or None, code, root, quad, goldstein, evidence, start, end, n_mentions, day)
    events: tuple[tuple[Any, ...], ...]
    #: (text, value, precision, start, end)
    dates: tuple[tuple[Any, ...], ...]
    #: (headline, body, quotes) for the FTS index
    fts: tuple[str, str, str]
    #: MinHash signature (uint32[NUM_PERM] as little-endian bytes) and its LSH band keys; None/() when
    #: the text is too short to compare
    signature: bytes | None
    bands: tuple[int, ...]


def build_rows(article: Article, raw: RawDoc, chash: str, analysis_json: str | None = None,
               signature: Any = None, has_signature: bool = False) -> Rows:
    """The rows of one analysed article (pure: runs in the ingest workers; the writer calls it for
    items that come without rows).  ``analysis_json``/``signature`` are used when already made."""
    a = article
    if analysis_json is None or not has_signature:
        analysis_json, signature = prepare(a)
    if signature is not None and not isinstance(signature, bytes):
        sig_bytes: bytes | None = signature.astype("<u4").tobytes()
        bands = tuple(dedup.band_keys(signature))
    elif signature is not None:
        sig_bytes = signature
        bands = tuple(dedup.band_keys(np.frombuffer(signature, dtype="<u4")))
    else:
        sig_bytes, bands = None, ()
    outlet = outlet_of(a)
    # entities by key: two Entity objects of one article with the same key are one archive entity;
    # the first defines its row, mention counts add up (as the writer always counted them)
    index: dict[str, int] = {}
    ents: list[list[Any]] = []
    name_to_ent: dict[str, int] = {}
    spans: list[list[list[Any]]] = []
    for ent in a.entities:
        key = entity_key(ent.id, ent.type, ent.name)
        i = index.get(key)
        if i is None:
            i = index[key] = len(ents)
            ents.append([key, ent.id, ent.type, ent.name, normalise_name(ent.name), ent.country, ent.role, 0])
            spans.append([])
        ents[i][7] += len(ent.mentions) or 1
        name_to_ent.setdefault(ent.name, i)
        for nm in ent.aliases:
            name_to_ent.setdefault(nm, i)
        sp = spans[i]
        for m in ent.mentions:
            sp.append([m.start, m.end, m.text])
            name_to_ent.setdefault(m.text, i)
    pub = a.published
    quotes = tuple((i, q.text, q.kind, q.speaker, name_to_ent.get(q.speaker) if q.speaker else None, q.cue, q.via,
                    q.start, q.end, pub) for i, q in enumerate(a.quotes))
    events = tuple((i, e.source, e.source_country, name_to_ent.get(e.source_name) if e.source_name else None,
                    e.target, e.target_country, name_to_ent.get(e.target_name) if e.target_name else None,
                    e.code, e.root, e.quad, e.goldstein, e.evidence, e.start, e.end, max(1, len(e.mentions)), pub)
                   for i, e in enumerate(a.events))
    dates = tuple((d.text, d.value, d.precision, d.start, d.end) for d in a.dates)
    fts = (a.headline or "", "\n".join(a.body) if a.body else a.text, "\n".join(q.text for q in a.quotes))
    return Rows(a.id, chash,
                (a.url, a.source, outlet, a.rubric, a.headline, pub, raw_to_json(raw, a.text), analysis_json,
                 a.pantau_version, len(a.entities), len(a.quotes), len(a.events), sig_bytes),
                outlet, tuple(tuple(e) for e in ents),
                tuple(json.dumps(sp, ensure_ascii=False, separators=(",", ":")) for sp in spans),
                quotes, events, dates, fts, sig_bytes, bands)


@dataclass(slots=True)
class Item:
    """One analysed input, ready to store.

    Either ``rows`` (made by ``build_rows`` where the article was analysed: the runner's workers do)
    or ``article`` + ``raw``, from which the writer builds the rows itself; ``analysis_json`` and
    ``signature`` may then come precomputed.
    """

    article: Article | None
    raw: RawDoc | None
    content_hash: str
    layout: str = "auto"
    analysis_json: str | None = None
    signature: Any = None
    has_signature: bool = False
    rows: Rows | None = None

    @property
    def identity(self) -> str:
        return self.rows.id if self.rows is not None else self.article.id  # type: ignore[union-attr]

    def to_rows(self) -> Rows:
        if self.rows is None:
            assert self.article is not None and self.raw is not None
            self.rows = build_rows(self.article, self.raw, self.content_hash, self.analysis_json, self.signature,
                                   self.has_signature)
        return self.rows


def prepare(article: Article) -> tuple[str, Any]:
    """The analysis JSON and MinHash signature of an article (pure: safe to run in a worker process)."""
    return json.dumps(article.to_dict(), ensure_ascii=False, check_circular=False), dedup.signature(_dedup_text(article))


def _dedup_text(art: Article) -> str:
    return "\n".join(x for x in (art.headline, *art.body) if x) if art.body else art.text


@dataclass(slots=True)
class BatchResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    near_duplicates: int = 0
    ids: list[str] = field(default_factory=list)

    def __iadd__(self, other: "BatchResult") -> "BatchResult":
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.near_duplicates += other.near_duplicates
        return self


class StoreWriter:
    """The one writer of a store file (SQLite allows one writer at a time; WAL keeps readers going)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        self._entities: dict[str, int] | None = None
        self._sources: dict[str, int] | None = None
        self._source_delta: dict[int, int] = {}
        self._checkpointer: _Checkpointer | None = None
        self._unchecked = 0  # articles committed since the last poke of the checkpointer
        self._bands: _BandIndex | None = None
        # changes when another connection commits (``pantau delete`` between two batches of an ingest):
        # the caches of entities, outlets and LSH bands are then read again
        self._data_version = self._read_data_version()

    # -- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> "StoreWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start_run(self, args: dict[str, Any] | None = None) -> int:
        """Record a new ingest run; runs left 'running' by a dead process are marked 'interrupted'."""
        with self._tx():
            for row in self.conn.execute("SELECT rowid, pid FROM ingest_runs WHERE status = 'running'").fetchall():
                if not _pid_alive(row["pid"]):
                    self.conn.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE rowid = ?", (row["rowid"],))
            cur = self.conn.execute(
                "INSERT INTO ingest_runs (started_at, status, pid, pantau_version, args) VALUES (?, 'running', ?, ?, ?)",
                (now(), os.getpid(), __version__, json.dumps(args or {}, ensure_ascii=False, default=str)))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str = "done") -> None:
        with self._tx():
            self.conn.execute("UPDATE ingest_runs SET status = ?, finished_at = ? WHERE rowid = ?",
                              (status, now(), run_id))
        # fold the WAL back into the main file so the store is one self-contained file at rest
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass

    # -- look-ups ----------------------------------------------------------------------------------
    def is_stored(self, identity: str | None, chash: str) -> bool:
        """True when this input is already stored unchanged (used to skip analysis on resume/re-ingest)."""
        if identity is not None:
            row = self.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (identity,)).fetchone()
            return row is not None and row[0] == chash
        return self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1", (chash,)).fetchone() is not None

    def stored_keys(self) -> tuple[dict[str, str], set[str]]:
        """All (identity -> content hash) and the set of hashes: one scan instead of a query per input."""
        ids: dict[str, str] = {}
        hashes: set[str] = set()
        for ident, h in self.conn.execute("SELECT id, content_hash FROM articles"):
            ids[ident] = h
            hashes.add(h)
        return ids, hashes

    # -- writing -----------------------------------------------------------------------------------
    def write_batch(self, items: Sequence[Item], rejects: Iterable[tuple[str, str | None, str]] = (),
                    run_id: int | None = None, seen: int = 0, skipped: int = 0,
                    replace_unchanged: bool = False) -> BatchResult:
        """Store analysed items and rejected inputs ``(origin, identity, reason)`` in ONE transaction.

        ``seen``/``skipped`` add to the run's counters in the same transaction (``skipped``: inputs found
        stored unchanged before analysis), so the run record always agrees with what was stored.
        ``replace_unchanged`` rewrites even an unchanged input (``pantau reanalyze``).
        """
        res = BatchResult()
        ent_delta: dict[int, list[int]] = {}
        # a batch allocates a few hundred thousand short-lived row tuples and no reference cycles; the
        # cyclic collector would walk every live object of the process over and over meanwhile (about a
        # third of the writer's time in benchmarks/store.py, cProfile), so it pauses for the batch
        # (reference counting still frees everything)
        ckpt = self._checkpointer
        if ckpt is None:
            ckpt = self._checkpointer = _Checkpointer(self.path)
            # batches are checkpointed by that thread; SQLite's own autocheckpoint would copy the WAL back
            # into the database file inside this thread's COMMIT (~13 µs of the ~290 µs of an article)
            self.conn.execute("PRAGMA wal_autocheckpoint = 0")
            # a restarted WAL file is cut back to this size, so its size tells when to restart it again
            self.conn.execute(f"PRAGMA journal_size_limit = {_WAL_LIMIT}")
        elif ckpt.wal_size() > _WAL_LIMIT:
            # the WAL starts over only when a batch begins with every frame copied back, and batches
            # follow each other at once: so every ~64 MB the next batch waits for the checkpoint in
            # progress (a few ms), and finishes it here if that one failed (cheap when there is nothing
            # left); a reader holding an old snapshot can still delay the restart, as with autocheckpoint
            ckpt.wait()
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            self._write_batch(items, rejects, run_id, seen, skipped, replace_unchanged, res, ent_delta)
        finally:
            if gc_was_on:
                gc.enable()
        self._unchecked += len(items)
        if self._unchecked >= _CHECKPOINT_ARTICLES or ckpt.wal_size() > _WAL_LIMIT:
            ckpt.poke()
            self._unchecked = 0
        return res

    def _write_batch(self, items: Sequence[Item], rejects: Iterable[tuple[str, str | None, str]],
                     run_id: int | None, seen: int, skipped: int, replace_unchanged: bool, res: BatchResult,
                     ent_delta: dict[int, list[int]]) -> None:
        with self._tx():
            for part in _distinct_runs(items):
                self._write_items(part, run_id, res, ent_delta, replace_unchanged)
            stamp = now()
            rej = [(run_id, origin, ident, reason, stamp) for origin, ident, reason in rejects]
            if rej:
                self.conn.executemany("INSERT INTO rejected (run_id, origin, identity, reason, at) VALUES (?,?,?,?,?)", rej)
                res.rejected = len(rej)
            self._apply_entity_deltas(ent_delta)
            if run_id is not None:
                self.conn.execute(
                    "UPDATE ingest_runs SET n_seen = n_seen + ?, n_added = n_added + ?, n_updated = n_updated + ?,"
                    " n_unchanged = n_unchanged + ?, n_rejected = n_rejected + ?,"
                    " n_near_duplicates = n_near_duplicates + ? WHERE rowid = ?",
                    (seen, res.added, res.updated, res.unchanged + skipped, res.rejected, res.near_duplicates,
                     run_id))

    def delete(self, identity: str) -> bool:
        """Remove an article everywhere (parts, counters, FTS, LSH, duplicate group)."""
        ent_delta: dict[int, list[int]] = {}
        with self._tx():
            row = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (identity,)).fetchone()
            if row is None:
                return False
            self._delete_rowid(row[0], ent_delta)
            self._apply_entity_deltas(ent_delta)
        return True

    # -- internals ---------------------------------------------------------------------------------
    def _tx(self) -> "_Transaction":
        return _Transaction(self.conn, on_begin=self._check_data_version, on_rollback=self._forget_caches)

    def _read_data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def _check_data_version(self) -> None:
        # inside BEGIN IMMEDIATE: nobody else can commit until this transaction ends
        version = self._read_data_version()
        if version != self._data_version:
            self._data_version = version
            self._forget_caches()

    def _forget_caches(self) -> None:
        # a rolled-back batch may have put rowids of entities/outlets/band holders that no longer exist
        # in the caches (and another writer's commit may have changed what they mirror)
        self._entities = None
        self._sources = None
        self._source_delta = {}
        self._bands = None

    def _band_index(self) -> "_BandIndex":
        if self._bands is None:
            self._bands = _BandIndex.load(self.conn)
        return self._bands

    def _entity_cache(self) -> dict[str, int]:
        if self._entities is None:
            self._entities = {k: r for k, r in self.conn.execute("SELECT key, rowid FROM entities")}
        return self._entities

    def _source_cache(self) -> dict[str, int]:
        if self._sources is None:
            self._sources = {k: r for k, r in self.conn.execute("SELECT name, rowid FROM sources")}
        return self._sources

    def _write_items(self, items: Sequence[Item], run_id: int | None, res: BatchResult,
                     ent_delta: dict[int, list[int]], replace_unchanged: bool = False) -> None:
        """Write a run of items with distinct identities: each item's rows (``Rows``, made by the ingest
        worker or here) get their article rowid and entity ids and go to SQLite in one ``executemany``
        per table (a statement per article per table cost more than the rows themselves)."""
        c = self.conn
        rows_of = [it.to_rows() for it in items]
        ids = [r.id for r in rows_of]
        old: dict[str, tuple[int, str, str]] = {}
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            for ident, rowid, chash, ingested in c.execute(
                    f"SELECT id, rowid, content_hash, ingested_at FROM articles WHERE id IN ({','.join('?' * len(part))})",
                    part):
                old[ident] = (rowid, chash, ingested)
        # rowids are handed out here (this connection is the only writer, inside BEGIN IMMEDIATE), so the
        # parts can be written without asking SQLite for each article's rowid; taken before deleting
        # replaced versions, so a new article never gets the rowid an updated one keeps
        next_rowid = (c.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0) + 1
        stamp = now()
        cache = self._entity_cache()
        sources = self._source_cache()
        source_delta = self._source_delta
        new_ents: dict[int, list[Any]] = {}
        next_ent: int | None = None
        kept: list[tuple[int, Rows, str]] = []
        ae_rows: list[tuple[int, int, int]] = []
        packed: dict[int, str] = {}  # rowid -> articles.mentions
        quote_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        date_rows: list[tuple[Any, ...]] = []
        fts_rows: list[tuple[int, str, str, str]] = []
        for r in rows_of:
            o = old.get(r.id)
            if o is not None:
                if o[1] == r.content_hash and not replace_unchanged:
                    res.unchanged += 1
                    continue
                rowid, ingested = o[0], o[2]
                self._delete_rowid(rowid, ent_delta)
                res.updated += 1
            else:
                rowid, ingested = next_rowid, stamp
                next_rowid += 1
                res.added += 1
            res.ids.append(r.id)
            kept.append((rowid, r, ingested))
            outlet = r.outlet
            if outlet:
                sid = sources.get(outlet)
                if sid is None:
                    sid = sources[outlet] = int(c.execute("INSERT INTO sources (name, n_articles) VALUES (?, 0)",
                                                          (outlet,)).lastrowid)
                source_delta[sid] = source_delta.get(sid, 0) + 1

            # entities: one archive-wide row per key (new ones written once, with their counts, at the
            # end of the batch); per-article link with its mention count
            eids: list[int] = []
            for ent in r.entities:
                key = ent[0]
                eid = cache.get(key)
                n = ent[7]
                if eid is None:
                    if next_ent is None:
                        next_ent = (c.execute("SELECT max(rowid) FROM entities").fetchone()[0] or 0) + 1
                    eid = cache[key] = next_ent
                    next_ent += 1
                    new_ents[eid] = [eid, key, ent[1], ent[2], ent[3], ent[4], ent[5], ent[6], 1, n]
                else:
                    d = new_ents.get(eid)
                    if d is None:
                        d = ent_delta.get(eid)
                        if d is None:
                            d = ent_delta[eid] = [0, 0]
                        d[0] += 1
                        d[1] += n
                    else:
                        d[8] += 1
                        d[9] += n
                eids.append(eid)
                ae_rows.append((rowid, eid, n))
            if eids:
                # entities by id (as a migrated store has them), each with its spans in text order; NULL
                # when no entity has a mention span
                parts = [f"[{e},{sp}]" for e, sp in sorted(zip(eids, r.spans)) if sp != "[]"]
                if parts:
                    packed[rowid] = "[" + ",".join(parts) + "]"
            if r.quotes:
                quote_rows.extend([(rowid, i, t, k, sp, None if se is None else eids[se], cue, via, s, e, pub)
                                   for i, t, k, sp, se, cue, via, s, e, pub in r.quotes])
            if r.events:
                event_rows.extend([(rowid, *ev[:3], None if ev[3] is None else eids[ev[3]], *ev[4:6],
                                    None if ev[6] is None else eids[ev[6]], *ev[7:]) for ev in r.events])
            if r.dates:
                date_rows.extend([(rowid, *d) for d in r.dates])
            fts_rows.append((rowid, *r.fts))
        if not kept:
            return

        groups = self._index_near_duplicates([(k[0], k[1].signature, k[1].bands) for k in kept
                                              if k[1].signature is not None], res)
        c.executemany(
            "INSERT INTO articles (rowid, id, content_hash, url, source, outlet, rubric, headline, published, raw,"
            " analysis, pantau_version, n_entities, n_quotes, n_events, minhash, dup_group, run_id, ingested_at,"
            " updated_at, mentions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(rowid, r.id, r.content_hash, *r.article, groups.get(rowid), run_id, ingested, stamp, packed.get(rowid))
             for rowid, r, ingested in kept])
        if new_ents:
            c.executemany("INSERT INTO entities (rowid, key, kb_id, type, name, norm, country, role, n_articles,"
                          " n_mentions) VALUES (?,?,?,?,?,?,?,?,?,?)", list(new_ents.values()))
        if ae_rows:
            c.executemany("INSERT INTO article_entities (article, entity, n_mentions) VALUES (?,?,?)", ae_rows)
        if quote_rows:
            c.executemany(
                'INSERT INTO quotes (article, idx, text, kind, speaker, speaker_entity, cue, via, start, "end", published)'
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)", quote_rows)
        if event_rows:
            c.executemany(
                "INSERT INTO events (article, idx, source, source_country, source_entity, target, target_country,"
                ' target_entity, code, root, quad, goldstein, evidence, start, "end", n_mentions, day)'
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", event_rows)
        if date_rows:
            c.executemany('INSERT INTO dates (article, text, value, precision, start, "end") VALUES (?,?,?,?,?,?)',
                          date_rows)
        c.executemany("INSERT INTO fts (rowid, headline, body, quotes) VALUES (?,?,?,?)", fts_rows)

    def _index_near_duplicates(self, sigs: Sequence[tuple[int, Any, Sequence[int]]], res: BatchResult) -> dict[int, int]:
        """LSH for a batch: write its band keys and return the near-duplicate group of each article that
        has one (stored articles that join or merge groups are updated here).

        The in-memory band index (``_BandIndex``) gives every stored article holding a band of any
        article of the batch; articles of the batch are compared with each other in memory, in batch
        order, exactly as if stored one by one.  The batch's own article rows are not written yet: they
        are inserted with the group found here, and their band keys (all of them) with them, in
        ``lsh_bands``.

        The index holds a band once per group: an article whose group already holds one of its bands
        (through any member) is not entered for it again.  Fifty copies of one wire story then hold
        eight index entries, not four hundred, and a fifty-first copy meets one candidate instead of
        fifty.  Invariant: every band of every grouped article is held by some member of its group
        (``_delete_rowid`` hands the bands of a deleted member on), so a lookup still reaches every
        group it could join.
        """
        c = self.conn
        if not sigs:
            return {}
        keyed = sigs
        index = self._band_index()
        # band key -> articles holding it (stored, then this batch's)
        buckets: dict[int, list[int]] = index.lookup({k for _, _, keys in keyed for k in keys})
        # rowid -> [signature (array or stored bytes), group or None] for every article met here
        info: dict[int, list[Any]] = {}
        holders = list({h for hs in buckets.values() for h in hs})
        for i in range(0, len(holders), _CHUNK):
            part = holders[i:i + _CHUNK]
            for rowid, cand_sig, cand_group in c.execute(
                    f"SELECT rowid, minhash, dup_group FROM articles WHERE rowid IN ({','.join('?' * len(part))})",
                    part):
                info[rowid] = [cand_sig, cand_group]
        batch_rowids = {rowid for rowid, _, _ in keyed}
        stored_set: dict[int, int] = {}  # stored articles of no group that now get one
        band_rows = [(rowid, dedup.pack_bands(keys)) for rowid, _, keys in keyed]
        for rowid, sig, keys in keyed:
            cands: set[int] = set()
            for k in keys:
                b = buckets.get(k)
                if b:
                    cands.update(b)
            cands.discard(rowid)
            group: int | None = None
            if cands:
                # candidates by group: one verified member is enough for a group to take the article in
                by_group: dict[int, list[int]] = {}
                for cand in cands:
                    g = info[cand][1]
                    by_group.setdefault(g if g is not None else -cand, []).append(cand)
                joined = [g for g, members in by_group.items() if self._joins(sig, g, members, info)]
                if joined:
                    # the group id is its smallest member's rowid; joining two groups merges them
                    gid = min(min(-g if g < 0 else g for g in joined), rowid)
                    for g in joined:
                        if g < 0:
                            info[-g][1] = gid
                            if -g not in batch_rowids:
                                stored_set[-g] = gid
                        elif g != gid:
                            c.execute("UPDATE articles SET dup_group = ? WHERE dup_group = ?", (gid, g))
                            for v in info.values():
                                if v[1] == g:
                                    v[1] = gid
                            for r, v in stored_set.items():
                                if v == g:
                                    stored_set[r] = gid
                    group = gid
                    res.near_duplicates += 1
            info[rowid] = [sig, group]
            for k in keys:
                b = buckets.get(k)
                if b is None:
                    buckets[k] = [rowid]
                elif group is None or all(info[h][1] != group for h in b):
                    b.append(rowid)
                else:
                    continue  # a member of its group holds this band already
                index.add(k, rowid)
        if stored_set:
            c.executemany("UPDATE articles SET dup_group = ? WHERE rowid = ?", [(g, r) for r, g in stored_set.items()])
        c.executemany("INSERT INTO lsh_bands (article, bands) VALUES (?, ?)", band_rows)
        return {rowid: info[rowid][1] for rowid, _, _ in keyed if info[rowid][1] is not None}

    def _joins(self, sig: Any, group: int, members: list[int], info: dict[int, list[Any]]) -> bool:
        """Does an article with signature ``sig`` belong to ``group`` (negative: the single article -group)?

        The members that hold a shared band are compared first; only when none is similar enough are the
        group's other members compared (bands are stored once per group, so a similar member need not
        hold the band that led here).
        """
        threshold = dedup.THRESHOLD
        if any(info[m][0] is not None and dedup.similarity(sig, info[m][0]) >= threshold for m in members):
            return True
        if group < 0:
            return False
        seen = set(members)
        rest = [(r, v[0]) for r, v in info.items() if v[1] == group and r not in seen]
        seen.update(r for r, _ in rest)
        rest += [(r, s) for r, s in self.conn.execute("SELECT rowid, minhash FROM articles WHERE dup_group = ?",
                                                      (group,)) if r not in seen]
        return any(s is not None and dedup.similarity(sig, s) >= threshold for _, s in rest)

    def _delete_rowid(self, rowid: int, ent_delta: dict[int, list[int]]) -> None:
        c = self.conn
        row = c.execute("SELECT outlet, dup_group FROM articles WHERE rowid = ?", (rowid,)).fetchone()
        if row is None:
            return
        outlet, group = row[0], row[1]
        for eid, n in c.execute("SELECT entity, n_mentions FROM article_entities WHERE article = ?", (rowid,)).fetchall():
            d = ent_delta.setdefault(eid, [0, 0])
            d[0] -= 1
            d[1] -= n
        # the bands this article holds in the index leave it (a grouped article's pass to another member)
        band_row = c.execute("SELECT bands FROM lsh_bands WHERE article = ?", (rowid,)).fetchone()
        held = self._band_index().remove_article(rowid, dedup.unpack_bands(band_row[0])) if band_row else []
        for table in ("article_entities", "quotes", "events", "dates", "lsh_bands"):
            c.execute(f"DELETE FROM {table} WHERE article = ?", (rowid,))
        c.execute("DELETE FROM fts WHERE rowid = ?", (rowid,))
        c.execute("DELETE FROM articles WHERE rowid = ?", (rowid,))
        if outlet:
            sid = self._source_cache().get(outlet)
            if sid is not None:
                self._source_delta[sid] = self._source_delta.get(sid, 0) - 1
        if group is not None:
            left = c.execute("SELECT rowid, minhash FROM articles WHERE dup_group = ?", (group,)).fetchall()
            # bands held for the group by the deleted member pass to a remaining member that has them
            need = set(held)
            index = self._band_index()
            for member, sig in left:
                if not need:
                    break
                if sig is not None:
                    for k in dedup.band_keys(np.frombuffer(sig, dtype="<u4")):
                        if k in need:
                            need.discard(k)
                            index.add(k, member)
            if len(left) == 1:  # a group of one is no group
                c.execute("UPDATE articles SET dup_group = NULL WHERE rowid = ?", (left[0][0],))

    def _apply_entity_deltas(self, ent_delta: dict[int, list[int]]) -> None:
        # outlet counters change once per batch too (one UPDATE per outlet, not per article)
        if self._source_delta:
            self.conn.executemany("UPDATE sources SET n_articles = n_articles + ? WHERE rowid = ?",
                                  [(n, sid) for sid, n in self._source_delta.items() if n])
            self._source_delta.clear()
        if not ent_delta:
            return
        self.conn.executemany(
            "UPDATE entities SET n_articles = n_articles + ?, n_mentions = n_mentions + ? WHERE rowid = ?",
            [(d[0], d[1], e) for e, d in ent_delta.items() if d[0] or d[1]])
        gone = [e for e, d in ent_delta.items() if d[0] < 0]
        if gone:
            marks = ",".join("?" * len(gone))
            dead = [r[0] for r in self.conn.execute(
                f"SELECT rowid FROM entities WHERE rowid IN ({marks}) AND n_articles <= 0", gone)]
            if dead:
                self.conn.executemany("DELETE FROM entities WHERE rowid = ?", [(e,) for e in dead])
                # quotes/events of other articles never point at an entity with no articles left
                self._entities = None


class _BandIndex:
    """LSH band key -> the stored articles that hold it, in the writer's memory.

    Built when the writer first needs it from ``lsh_bands`` (every band of every article with a
    signature) and ``articles.dup_group`` (a band is held once per group, by its smallest member), then
    kept in step with every batch and deletion the writer commits; thrown away on a rollback or when
    another connection has committed (``StoreWriter._check_data_version``) and built again.  The
    stored bands are two sorted numpy arrays (16 bytes an entry: a 100,000-article store needs ~13 MB);
    bands added since are in a dict, bands taken away in a set.
    """

    __slots__ = ("_keys", "_holders", "_added", "_removed")

    def __init__(self, keys: np.ndarray, holders: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._holders = holders[order]
        self._added: dict[int, list[int]] = {}
        self._removed: set[tuple[int, int]] = set()

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "_BandIndex":
        groups = dict(conn.execute("SELECT rowid, dup_group FROM articles WHERE dup_group IS NOT NULL"))
        rowids: list[int] = []
        blobs: list[bytes] = []
        for rowid, blob in conn.execute("SELECT article, bands FROM lsh_bands ORDER BY article"):
            rowids.append(rowid)
            blobs.append(blob)
        keys = np.frombuffer(b"".join(blobs), dtype="<i8").astype(np.int64)
        holders = np.repeat(np.asarray(rowids, dtype=np.int64), dedup.BANDS)
        if groups:
            # once per group: a band already held by a smaller member of the article's group is left out
            keep = np.ones(len(keys), dtype=bool)
            seen: dict[int, set[int]] = {}
            kl = keys.tolist()
            for i, rowid in enumerate(rowids):
                g = groups.get(rowid)
                if g is None:
                    continue
                held = seen.setdefault(g, set())
                for j in range(i * dedup.BANDS, (i + 1) * dedup.BANDS):
                    if kl[j] in held:
                        keep[j] = False
                    else:
                        held.add(kl[j])
            keys, holders = keys[keep], holders[keep]
        return cls(keys, holders)

    def lookup(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """The holders of each of ``keys`` that has any (fresh lists: the caller may extend them)."""
        ks = list(keys)
        out: dict[int, list[int]] = {}
        if len(self._keys):
            q = np.fromiter(ks, dtype=np.int64, count=len(ks))
            lo = np.searchsorted(self._keys, q, side="left")
            hi = np.searchsorted(self._keys, q, side="right")
            hit = np.nonzero(hi > lo)[0]
            if len(hit):
                holders = self._holders
                for i, a, b in zip(hit.tolist(), lo[hit].tolist(), hi[hit].tolist()):
                    out[ks[i]] = holders[a:b].tolist()
                if self._removed:
                    removed = self._removed
                    for k in list(out):
                        left = [h for h in out[k] if (k, h) not in removed]
                        if left:
                            out[k] = left
                        else:
                            del out[k]
        if self._added:
            added = self._added
            for k in ks:
                more = added.get(k)
                if more:
                    have = out.get(k)
                    if have is None:
                        out[k] = list(more)
                    else:
                        have.extend(more)
        return out

    def add(self, key: int, rowid: int) -> None:
        if self._removed and (key, rowid) in self._removed:
            self._removed.discard((key, rowid))  # back in the stored arrays
            return
        b = self._added.get(key)
        if b is None:
            self._added[key] = [rowid]
        else:
            b.append(rowid)

    def remove_article(self, rowid: int, keys: Iterable[int]) -> list[int]:
        """Take ``rowid`` out of the index; returns the keys among ``keys`` it held."""
        held: list[int] = []
        for k in keys:
            b = self._added.get(k)
            if b is not None and rowid in b:
                b.remove(rowid)
                if not b:
                    del self._added[k]
                held.append(k)
                continue
            a, z = np.searchsorted(self._keys, k, side="left"), np.searchsorted(self._keys, k, side="right")
            if z > a and rowid in self._holders[a:z].tolist() and (k, rowid) not in self._removed:
                self._removed.add((k, rowid))
                held.append(k)
        return held


class _Checkpointer:
    """Copies committed WAL frames back into the database file on a thread and connection of its own.

    A checkpoint of the default kind (PASSIVE) never blocks the writer or readers, and SQLite releases
    the GIL while it runs, so on a second core it costs the writer nothing.  The writer pokes it every
    ``_CHECKPOINT_ARTICLES`` articles (and whenever the WAL is past ``_WAL_LIMIT``); the WAL file starts
    over when a batch begins with every frame copied back (``StoreWriter.write_batch`` waits for that
    once the file passes the limit).
    Exactly-once is untouched: a checkpoint only copies committed pages (a kill mid-way is recovered
    from the WAL by the next opener, as with SQLite's own autocheckpoint).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="pantau-checkpoint", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stop:
                return
            try:
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error:
                pass  # a later poke (or the writer's own checkpoint) tries again
            finally:
                if not self._wake.is_set():
                    self._idle.set()

    def poke(self) -> None:
        self._idle.clear()
        self._wake.set()

    def wait(self) -> None:
        self._idle.wait()

    def wal_size(self) -> int:
        try:
            return os.stat(str(self.path) + "-wal").st_size
        except OSError:
            return 0

    def close(self) -> None:
        self._stop = True
        self._wake.set()
        self._thread.join()
        self.conn.close()


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception (the writer uses autocommit mode)."""

    def __init__(self, conn: sqlite3.Connection, on_begin: Callable[[], None] | None = None,
                 on_rollback: Callable[[], None] | None = None) -> None:
        self.conn = conn
        self.on_begin = on_begin
        self.on_rollback = on_rollback

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"store is busy: {exc}", hint="is another pantau ingest writing to it?") from exc
        if self.on_begin is not None:
            try:
                self.on_begin()
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
            if self.on_rollback is not None:
                self.on_rollback()


def _distinct_runs(items: Sequence[Item]) -> list[Sequence[Item]]:
    """Cut a batch where an identity repeats, so the later copy sees the earlier one as stored."""
    runs: list[Sequence[Item]] = []
    seen: set[str] = set()
    start = 0
    for i, item in enumerate(items):
        if item.identity in seen:
            runs.append(items[start:i])
            start, seen = i, set()
        seen.add(item.identity)
    runs.append(items[start:])
    return runs


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
