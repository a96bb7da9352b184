"""Language resources and models, loaded once per process.

Stages never read files themselves: they ask ``Resources`` for a named resource and give it a
factory that builds it.  The first call builds it, later calls reuse it, so a worker process pays the
loading cost once and analysis stays a pure function of (text, metadata, resources).

The biggest shipped tables (the knowledge base, the tagger's lexicons) are also kept as a pickle in a
user cache folder (``cached``): a process start reads one file instead of parsing and compiling the
TSV files.  The cache is keyed by the size and modification time of every source file and of the
code that builds it, so an edit to either rebuilds it; ``PANTAU_CACHE_DIR`` moves it, ``off``
turns it off.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

LANG_DIR = Path(__file__).parent / "lang" / "id"
MODELS_DIR = Path(__file__).parent / "models"


class Resources:
    """A memo of built resources plus the user's extra knowledge-base files (``--kb``)."""

    def __init__(self, kb_paths: Sequence[str | Path] = ()) -> None:
        self.kb_paths: tuple[Path, ...] = tuple(Path(p) for p in kb_paths)
        self._built: dict[str, Any] = {}
        self._lock = threading.RLock()  # re-entrant: a factory may ask for another resource

    def get(self, key: str, factory: Callable[["Resources"], T]) -> T:
        try:
            return self._built[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._built:
                # loading makes hundreds of thousands of objects that live as long as the process:
                # the cyclic collector would rescan the growing heap many times while they are made
                # (about half of the tagger lexicons' load time), and then on every full collection
                # while articles are analysed; so no collection while building, and what is built
                # is moved out of the collector's scans (gc.freeze; reference counting still frees)
                enabled = gc.isenabled()
                gc.disable()
                try:
                    self._built[key] = factory(self)
                finally:
                    if enabled:
                        gc.enable()
                gc.freeze()
            return self._built[key]


@lru_cache(maxsize=8)
def get_resources(kb_paths: tuple[str, ...] = ()) -> Resources:
    """The process-wide resources for a given set of user KB files."""
    return Resources(kb_paths)


def lang_path(name: str) -> Path:
    return LANG_DIR / name


def model_path(name: str) -> Path:
    return MODELS_DIR / name


#: bump when what ``cached`` stores changes shape without a source file changing
CACHE_FORMAT = 1


def cache_dir() -> Path | None:
    """Where ``cached`` keeps its pickles; None when caching is off."""
    env = os.environ.get("PANTAU_CACHE_DIR")
    if env is not None:
        return None if env in ("", "off", "0") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home directory to find: no cache
            return None
    return Path(base) / "pantau"


def cached(name: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """``build()``, or what an earlier process built from the same ``sources`` (files read and code
    that reads them: their paths, sizes and modification times key the cache).  Any failure to read
    or write the cache falls back to building; a cache file for older sources at the same paths is
    replaced."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        sig = [CACHE_FORMAT, sys.version, pickle.HIGHEST_PROTOCOL]
        for p in sources:
            st = os.stat(p)
            sig.append((str(Path(p).resolve()), st.st_size, st.st_mtime_ns))
    except OSError:
        return build()
    digest = hashlib.sha256(repr(sig).encode("utf-8")).hexdigest()[:24]
    # one entry per set of source locations (two checkouts side by side do not evict each other)
    where = hashlib.sha256(repr([s[0] for s in sig[3:]]).encode("utf-8")).hexdigest()[:8]
    path = folder / f"{name}-{where}-{digest}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing, truncated or from another version: rebuild
        pass
    obj = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{name}-{where}-*.pickle"):
            old.unlink(missing_ok=True)
        tmp = folder / f".{name}-{digest}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a read-only home or a full disk only costs the speed-up
        pass
    return obj
