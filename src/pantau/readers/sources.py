"""Inputs for ``pantau ingest``: files, directories, globs and URLs, of every kind Pantau reads.

The core readers (``readers/core.py``: .txt, .json, .jsonl, stdin) stay as they are; this module adds
CSV/TSV, Parquet, HTML, RSS/Atom feeds and http(s) URLs, and ``register`` puts the file kinds into the
core's suffix table so ``pantau analyze page.html`` works too.
"""
from __future__ import annotations

import glob
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from . import ReadFailure
from . import core
from .feeds import read_feed_file, read_url
from .fetch import Fetcher
from .html import read_html
from .tabular import FieldMap, read_csv, read_jsonl_mapped, read_parquet

EXTRA_READERS: dict[str, Callable[[Path], Iterator[Any]]] = {
    ".csv": read_csv, ".tsv": read_csv, ".parquet": read_parquet,
    ".html": read_html, ".htm": read_html,
    ".rss": read_feed_file, ".atom": read_feed_file, ".xml": read_feed_file,
}


def register(readers: dict[str, Callable[[Path], Iterator[Any]]]) -> None:
    """Add the corpus readers to a suffix table (the core's ``READERS``), never replacing one."""
    for suffix, fn in EXTRA_READERS.items():
        readers.setdefault(suffix, fn)


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def _readers(fmap: FieldMap | None, fetcher: Fetcher | None) -> dict[str, Callable[[Path], Iterator[Any]]]:
    table: dict[str, Callable[[Path], Iterator[Any]]] = dict(core.READERS)
    register(table)
    for sfx in (".rss", ".atom", ".xml"):
        table[sfx] = partial(read_feed_file, fetcher=fetcher)
    if fmap is not None and not fmap.is_empty():
        for sfx in (".csv", ".tsv"):
            table[sfx] = partial(read_csv, fmap=fmap)
        table[".parquet"] = partial(read_parquet, fmap=fmap)
        for sfx in (".jsonl", ".json"):
            table[sfx] = partial(read_jsonl_mapped, fmap=fmap)
    return table


def _walk(root: Path, suffixes: set[str]) -> list[Path]:
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in suffixes
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def iter_sources(paths: Sequence[str], *, fmap: FieldMap | None = None,
                 fetcher: Fetcher | None = None) -> Iterator[Any]:
    """Yield ``RawDoc`` or ``ReadFailure`` for every article in ``paths``, in order.

    A path may be a file, a directory (walked recursively, sorted), a glob (``dumps/*.jsonl``), ``-``
    for stdin, or an http(s) URL of an article or a feed (needs ``fetcher``).
    """
    table = _readers(fmap, fetcher)

    def read_file(path: Path) -> Iterator[Any]:
        reader = table.get(path.suffix.lower())
        try:
            if reader is None:
                yield from core.iter_inputs([str(path)])
            else:
                yield from reader(path)
        except Exception as exc:  # noqa: BLE001 - a reader bug must cost one input, not the run
            yield ReadFailure(str(path), f"unreadable: {type(exc).__name__}: {exc}")

    for p in paths:
        if p == "-":
            yield from core.iter_inputs(["-"])
        elif is_url(p):
            if fetcher is None:
                yield ReadFailure(p, "URLs need fetching, which is off")
            else:
                yield from read_url(p, fetcher)
        elif Path(p).is_dir():
            for f in _walk(Path(p), set(table)):
                yield from read_file(f)
        elif Path(p).is_file():
            yield from read_file(Path(p))
        elif any(ch in p for ch in "*?["):
            matches = sorted(m for m in glob.glob(p, recursive=True) if Path(m).is_file())
            if not matches:
                yield ReadFailure(p, "no file matches this pattern")
            for m in matches:
                yield from read_file(Path(m))
        else:
            yield ReadFailure(p, "no such file or directory")
