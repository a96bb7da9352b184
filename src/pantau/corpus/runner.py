"""The batch runner behind ``pantau ingest`` and ``pantau reanalyze``.

Flow: readers yield ``RawDoc``/``ReadFailure`` in the main process; inputs already stored with the same
content hash are skipped before analysis (this is what makes a restart after SIGKILL cheap and
exactly-once); the rest go to a process pool running ``pantau.pipeline.analyze`` (the very function of
``pantau analyze``); results come back in any order and the main process writes them in batches, each
one transaction (``StoreWriter.write_batch``).

Back-pressure: a semaphore bounds the inputs in flight, so reading a 100,000-record JSONL never queues
it all in memory ahead of the workers.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..doc import RawDoc
from ..errors import InputError, PantauError
from ..model import Article
from ..pipeline import BATCH_SIZE as ANALYSIS_BATCH
from ..readers import ReadFailure
from ..store.writer import Item, Rows, StoreWriter, build_rows, content_hash, raw_identity

#: articles per transaction: large enough to amortise the commit (the FTS segment written at each
#: commit, the batch's look-ups), small enough that a kill loses little; 500 instead of 200 cut the
#: writer's CPU per article by ~8% (benchmarks/store.py, docs/benchmarks.md "Store writes")
BATCH_SIZE = 500
#: a batch is also written when this many seconds passed since the last write (slow inputs, feeds)
BATCH_SECONDS = 2.0
#: inputs sent to a worker at once (amortises inter-process overhead)
CHUNK = 8


@dataclass(slots=True)
class RunSummary:
    run_id: int | None = None
    workers: int = 1
    seen: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    near_duplicates: int = 0
    analysed: int = 0
    elapsed: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

    @property
    def rate(self) -> float:
        """Inputs analysed per second (skipped inputs excluded: they cost no analysis)."""
        return self.analysed / self.elapsed if self.elapsed > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "workers": self.workers, "seen": self.seen, "added": self.added,
                "updated": self.updated, "unchanged": self.unchanged, "rejected": self.rejected,
                "near_duplicates": self.near_duplicates, "analysed": self.analysed,
                "elapsed_s": round(self.elapsed, 3), "articles_per_s": round(self.rate, 1),
                "interrupted": self.interrupted,
                "failures": [{"origin": o, "reason": r} for o, r in self.failures]}


# -- the worker side -------------------------------------------------------------------------------

_W: dict[str, Any] = {}


def _init_worker(kb: tuple[str, ...], layout: str, published: str | None) -> None:
    """Load resources and build the pipeline once per worker process (not once per article)."""
    from ..pipeline import default_pipeline
    from ..resources import get_resources

    _W["res"] = get_resources(kb)
    _W["layout"] = layout
    _W["published"] = published
    _W["pipeline"] = default_pipeline()


def _analyze_chunk(chunk: list[tuple[int, RawDoc, str]]) -> list[tuple[int, Rows | None, str | None]]:
    """Analyse a chunk in a worker; every row the store gets for an article (analysis JSON, MinHash and
    LSH bands, FTS text, entity keys, quotes, events, dates) is made here too, off the single writer.
    Only those rows travel back (not the Article: its object graph cost the writer more to unpickle)."""
    from ..pipeline import analyze_many

    if not _W:
        _init_worker((), "auto", None)
    # the chunk goes through the stages together (Pipeline.pipe), as `pantau analyze` does
    results = analyze_many([raw for _seq, raw, _chash in chunk], published=_W["published"], layout=_W["layout"],
                           resources=_W["res"], pipeline=_W["pipeline"])
    return [(seq, *_rows_of(raw, chash, result)) for (seq, raw, chash), result in zip(chunk, results)]


def _failure(result: Exception) -> str:
    return str(result) if isinstance(result, InputError) else f"internal error: {type(result).__name__}: {result}"


def _rows_of(raw: RawDoc, chash: str, result: Article | Exception) -> tuple[Rows | None, str | None]:
    """An input's store rows from its analysis; a failure becomes its reason, never a crash."""
    if isinstance(result, Exception):
        return None, _failure(result)
    art = result
    try:
        return build_rows(art, raw, chash), None
    except Exception as exc:  # noqa: BLE001 - one bad article must not sink the batch
        return None, f"internal error: {type(exc).__name__}: {exc}"


class BatchSink:
    """Gathers stored items and rejected inputs into batches and writes each batch as one transaction
    (``StoreWriter.write_batch``), counting what it did into the run summary.

    Shared by the runner and ``benchmarks/store.py``, so the benchmark writes exactly as ingest does.
    Writes are synchronous: a writer thread overlapping a batch's SQL with the gathering of the next
    was measured (benchmarks/store.py, docs/benchmarks.md) and gained nothing, because the GIL
    serialises the unpickling of results with the writer's Python between SQLite steps.
    """

    def __init__(self, writer: StoreWriter, summary: RunSummary, *, batch_size: int = BATCH_SIZE,
                 force: bool = False, stored: tuple[dict[str, str], set[str]] | None = None,
                 progress: ProgressFn | None = None, t0: float | None = None) -> None:
        self.writer = writer
        self.summary = summary
        self.batch_size = max(1, batch_size)
        self.force = force
        self.stored_ids, self.stored_hashes = stored if stored is not None else ({}, set())
        self.progress = progress
        self.t0 = time.perf_counter() if t0 is None else t0
        self.batch: list[Item] = []
        self.rejects: list[tuple[str, str | None, str]] = []
        self.batch_seen = 0
        self.skipped = 0
        self.last_write = time.monotonic()

    def add(self, item: Item) -> None:
        self.batch.append(item)

    def flush(self, force: bool = False) -> None:
        """Write the batch when it is full (or ``BATCH_SECONDS`` old, or ``force``)."""
        if (not force and len(self.batch) + len(self.rejects) < self.batch_size
                and time.monotonic() - self.last_write < BATCH_SECONDS):
            return
        if self.batch or self.rejects or self.batch_seen or self.skipped:
            res = self.writer.write_batch(self.batch, self.rejects, run_id=self.summary.run_id,
                                          seen=self.batch_seen + self.skipped, skipped=self.skipped,
                                          replace_unchanged=self.force)
            s = self.summary
            s.added += res.added
            s.updated += res.updated
            s.unchanged += res.unchanged
            s.near_duplicates += res.near_duplicates
            for item in self.batch:
                self.stored_ids[item.identity] = item.content_hash
                self.stored_hashes.add(item.content_hash)
        self.batch, self.rejects, self.batch_seen, self.skipped = [], [], 0, 0
        self.last_write = time.monotonic()
        if self.progress:
            self.summary.elapsed = time.perf_counter() - self.t0
            self.progress(self.summary)

    def close(self) -> None:
        """Write what is left."""
        self.flush(force=True)


# -- the main process ------------------------------------------------------------------------------

ProgressFn = Callable[[RunSummary], None]


class Runner:
    """Analyse inputs and store them: ``Runner(db).run(inputs)``."""

    def __init__(self, db: str | Path, *, workers: int | None = None, layout: str = "auto",
                 published: str | None = None, kb: Sequence[str] = (), batch_size: int = BATCH_SIZE,
                 run_args: dict[str, Any] | None = None, force: bool = False) -> None:
        self.db = Path(db)
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.layout = layout
        self.published = published
        self.kb = tuple(kb)
        self.batch_size = max(1, batch_size)
        self.run_args = run_args or {}
        #: analyse and compare even inputs stored unchanged (reanalyze after an upgrade)
        self.force = force

    def run(self, inputs: Iterable[RawDoc | ReadFailure], *, progress: ProgressFn | None = None) -> RunSummary:
        writer = StoreWriter(self.db)
        summary = RunSummary(workers=self.workers)
        summary.run_id = writer.start_run({**self.run_args, "workers": self.workers})
        t0 = time.perf_counter()
        status = "done"
        try:
            self._run(writer, inputs, summary, progress, t0)
        except KeyboardInterrupt:
            summary.interrupted = True
            status = "interrupted"
            raise
        except BaseException:
            status = "failed"
            raise
        finally:
            summary.elapsed = time.perf_counter() - t0
            try:
                writer.finish_run(summary.run_id, status)
            finally:
                writer.close()
        return summary

    # the loop is long because it owns the ordering guarantees; each step is commented
    def _run(self, writer: StoreWriter, inputs: Iterable[RawDoc | ReadFailure], summary: RunSummary,
             progress: ProgressFn | None, t0: float) -> None:
        stored_ids, stored_hashes = writer.stored_keys() if not self.force else ({}, set())
        seen_now: set[tuple[str | None, str]] = set()
        pending: dict[int, tuple[RawDoc, str]] = {}
        lock = threading.Lock()
        sink = BatchSink(writer, summary, batch_size=self.batch_size, force=self.force,
                         stored=(stored_ids, stored_hashes), progress=progress, t0=t0)

        def take(seq: int, rows: Rows | None, err: str | None) -> None:
            raw, chash = pending.pop(seq)
            summary.analysed += 1
            sink.batch_seen += 1
            if rows is None:
                reason = err or "analysis failed"
                sink.rejects.append((raw.origin, raw_identity(raw), reason))
                summary.rejected += 1
                summary.failures.append((raw.origin, reason))
            else:
                sink.add(Item(None, None, chash, self.layout, rows=rows))
            sink.flush()

        def admitted() -> Iterator[tuple[int, RawDoc, str]]:
            """Inputs that need analysis; read failures and unchanged inputs are settled here."""
            for seq, item in enumerate(inputs):
                if isinstance(item, ReadFailure):
                    with lock:
                        summary.seen += 1
                        sink.batch_seen += 1
                        sink.rejects.append((item.origin, None, item.reason))
                        summary.rejected += 1
                        summary.failures.append((item.origin, item.reason))
                    continue
                ident = raw_identity(item)
                chash = content_hash(item)
                with lock:
                    summary.seen += 1
                    stored = (stored_ids.get(ident) == chash) if ident is not None else (chash in stored_hashes)
                    if (stored and not self.force) or (ident, chash) in seen_now:
                        summary.unchanged += 1
                        sink.skipped += 1
                        continue
                    seen_now.add((ident, chash))
                    pending[seq] = (item, chash)
                yield seq, item, chash

        if self.workers == 1:
            _init_worker(self.kb, self.layout, self.published)
            chunk: list[tuple[int, RawDoc, str]] = []
            for triple in admitted():
                chunk.append(triple)
                if len(chunk) >= ANALYSIS_BATCH:  # the analysis's batch (Pipeline.pipe), not the store's
                    for seq, rows, err in _analyze_chunk(chunk):
                        take(seq, rows, err)
                    chunk = []
            for seq, rows, err in _analyze_chunk(chunk):
                take(seq, rows, err)
        else:
            self._run_pool(admitted, take, lock)
        with lock:
            sink.close()

    def _run_pool(self, admitted: Callable[[], Iterator[tuple[int, RawDoc, str]]],
                  take: Callable[[int, Rows | None, str | None], None], lock: threading.Lock) -> None:
        # forkserver, not fork: the main process may already run threads (rich's refresh, HTTP clients,
        # BLAS pools of imported libraries, the store's checkpoint thread), and forking a threaded process
        # can deadlock the children on a lock held at fork time.  The server preloads the pipeline, so
        # workers start quickly.
        if "forkserver" in mp.get_all_start_methods():
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["pantau.pipeline", "pantau.corpus.runner"])
        else:
            ctx = mp.get_context("spawn")
        in_flight = threading.BoundedSemaphore(self.workers * 16)

        def chunks() -> Iterator[list[tuple[int, RawDoc, str]]]:
            chunk: list[tuple[int, RawDoc, str]] = []
            for triple in admitted():
                chunk.append(triple)
                if len(chunk) >= CHUNK:
                    in_flight.acquire()
                    yield chunk
                    chunk = []
            if chunk:
                in_flight.acquire()
                yield chunk

        with ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.kb, self.layout, self.published)) as pool:
            for results in pool.imap_unordered(_analyze_chunk, chunks()):
                in_flight.release()
                with lock:
                    for seq, rows, err in results:
                        take(seq, rows, err)


def reanalysis_inputs(db: str | Path, *, only_older: bool = True) -> Iterator[RawDoc]:
    """Stored raw inputs for ``pantau reanalyze`` (by default only those analysed by another version)."""
    from .. import __version__
    from ..store.schema import connect
    from ..store.writer import raw_from_json
    import json

    conn = connect(db)
    try:
        last = 0
        cond = " AND pantau_version IS NOT ?" if only_older else ""
        extra: tuple[Any, ...] = (__version__,) if only_older else ()
        while True:
            # pages by rowid: no long read transaction holding back WAL checkpoints while the writer works
            rows = conn.execute(f"SELECT rowid, raw, analysis FROM articles WHERE rowid > ?{cond}"
                                " ORDER BY rowid LIMIT 500", (last, *extra)).fetchall()
            if not rows:
                return
            for rowid, raw_json, analysis in rows:
                last = rowid
                rec = json.loads(analysis)
                raw = raw_from_json(raw_json, rec.get("text", ""))
                # keep the stored identity even where it came from a content hash the new normaliser may change
                raw.id = rec["id"]
                yield raw
    finally:
        conn.close()


def today() -> str:
    return dt.date.today().isoformat()
