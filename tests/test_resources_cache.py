"""The cross-process cache of built resources (``pantau.resources.cached``) and the memo."""
from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from pantau.resources import Resources, cached


@pytest.fixture()
def cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PANTAU_CACHE_DIR", str(folder))
    return folder


def _source(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "gelar.tsv"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_second_process_reads_what_the_first_built(tmp_path: Path, cache_env: Path) -> None:
    src = _source(tmp_path, "Presiden\tPER\n")
    calls = []

    def build() -> dict[str, str]:
        calls.append(1)
        return {"Presiden": "PER"}

    assert cached("gelar", [src], build) == {"Presiden": "PER"}
    assert cached("gelar", [src], build) == {"Presiden": "PER"}
    assert len(calls) == 1
    assert len(list(cache_env.glob("gelar-*.pickle"))) == 1


def test_an_edited_source_rebuilds_and_replaces_the_old_entry(tmp_path: Path, cache_env: Path) -> None:
    src = _source(tmp_path, "Presiden\tPER\n")
    assert cached("gelar", [src], lambda: "lama") == "lama"
    src.write_text("Presiden\tPER\nGubernur\tPER\n", encoding="utf-8")
    os.utime(src, ns=(1, 1))  # a new size and mtime
    assert cached("gelar", [src], lambda: "baru") == "baru"
    assert len(list(cache_env.glob("gelar-*.pickle"))) == 1


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, cache_env: Path) -> None:
    src = _source(tmp_path, "Bupati\tPER\n")
    cached("gelar", [src], lambda: "pertama")
    for p in cache_env.glob("gelar-*.pickle"):
        p.write_bytes(b"bukan pickle")
    assert cached("gelar", [src], lambda: "ulang") == "ulang"


def test_cache_off_and_missing_sources_just_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_CACHE_DIR", "off")
    calls = []
    src = _source(tmp_path, "Camat\tPER\n")
    for _ in range(2):
        cached("gelar", [src], lambda: calls.append(1))
    assert len(calls) == 2
    monkeypatch.setenv("PANTAU_CACHE_DIR", str(tmp_path / "c"))
    assert cached("gelar", [tmp_path / "tidak-ada.tsv"], lambda: "dibangun") == "dibangun"
    assert not (tmp_path / "c").exists()


def test_memo_builds_once_and_leaves_the_collector_as_it_was() -> None:
    res = Resources()
    calls = []
    assert gc.isenabled()
    assert res.get("x", lambda r: calls.append(1) or "ok") == "ok"
    assert res.get("x", lambda r: calls.append(1) or "lagi") == "ok"
    assert calls == [1] and gc.isenabled()
    with pytest.raises(ValueError):
        res.get("y", lambda r: (_ for _ in ()).throw(ValueError("rusak")))
    assert gc.isenabled()


def test_no_home_directory_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pantau import resources

    monkeypatch.delenv("PANTAU_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(resources.Path, "home", staticmethod(no_home))
    assert resources.cache_dir() is None
    assert cached("gelar", [_source(tmp_path, "Lurah\tPER\n")], lambda: "tanpa cache") == "tanpa cache"
