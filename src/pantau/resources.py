"""Language resources and models, loaded once per process.

Stages never read files themselves: they ask ``Resources`` for a named resource and give it a
factory that builds it.  The first call builds it, later calls reuse it, so a worker process pays the
loading cost once and analysis stays a pure function of (text, metadata, resources).
"""
from __future__ import annotations

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
                self._built[key] = factory(self)
            return self._built[key]


@lru_cache(maxsize=8)
def get_resources(kb_paths: tuple[str, ...] = ()) -> Resources:
    """The process-wide resources for a given set of user KB files."""
    return Resources(kb_paths)


def lang_path(name: str) -> Path:
    return LANG_DIR / name


def model_path(name: str) -> Path:
    return MODELS_DIR / name
