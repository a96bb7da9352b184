"""Shared test helpers.

``SHARED`` is ``../shared`` beside the checkout (gold files, datasets).  Tests that read it use the
``shared`` fixture or ``need_shared(...)``, which skip with a clear message where it is absent, so a
checkout without ``../shared`` still passes ``make test``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("PANTAU_SHARED", ROOT.parent / "shared"))


def need_shared(*parts: str) -> Path:
    """``SHARED / parts``, or skip the test when that path is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder ../shared is not beside the checkout)")
    return path


@pytest.fixture
def shared() -> Path:
    """The ``../shared`` folder; skips the test where it is absent."""
    return need_shared()
