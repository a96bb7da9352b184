"""Record readers for CSV/TSV and Parquet, and a field mapping usable with JSONL too.

Each row is one record with the fields of CONTRACT.md (``id``, ``text``|``content``|``body``,
``title``|``headline``, ``date``|``published``, ``category``|``rubric``, ``url``, ``source``); a
``FieldMap`` renames a dataset's own columns onto them (``pantau ingest --text-field isi``).  Rows
become ``RawDoc`` through the same ``record_to_raw`` as JSON records, so every record format behaves
alike, and a bad row is a ``ReadFailure`` named ``file:row`` while the rest go on.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from . import ReadFailure
from .core import MAX_BYTES, _Fail, record_to_raw


@dataclass(slots=True, frozen=True)
class FieldMap:
    """Dataset column -> CONTRACT field; ``None`` keeps the CONTRACT's own names."""

    id: str | None = None
    text: str | None = None
    title: str | None = None
    published: str | None = None
    rubric: str | None = None
    url: str | None = None
    source: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def apply(self, rec: dict[str, Any]) -> dict[str, Any]:
        """The record with mapped columns copied onto the CONTRACT names (which they take precedence over)."""
        if self.is_empty():
            return rec
        out = dict(rec)
        for f in fields(self):
            col = getattr(self, f.name)
            if col is None:
                continue
            value = rec.get(col)
            # the CONTRACT field list takes the first present name, so drop the alternatives
            for alt in _ALTERNATIVES[f.name]:
                out.pop(alt, None)
            out[f.name] = value
        return out


_ALTERNATIVES = {
    "id": ("id",), "text": ("text", "content", "body"), "title": ("title", "headline"),
    "published": ("published", "date"), "rubric": ("rubric", "category"), "url": ("url",), "source": ("source",),
}


def _to_raw(rec: dict[str, Any], origin: str, fmap: FieldMap | None) -> Any:
    rec = fmap.apply(rec) if fmap else rec
    # Parquet/CSV give typed or empty values: dates become ISO strings, empty cells become absent
    clean: dict[str, Any] = {}
    for k, v in rec.items():
        if v is None or (isinstance(v, str) and v == "" and k not in ("text", "content", "body")):
            continue
        if isinstance(v, (dt.datetime, dt.date)):
            v = v.isoformat()
        clean[k] = v
    try:
        return record_to_raw(clean, origin)
    except _Fail as exc:
        return ReadFailure(origin, str(exc))


def read_csv(path: Path, fmap: FieldMap | None = None) -> Iterator[Any]:
    """CSV (or ``.tsv``) with a header row; streamed, so a large dump never sits in memory."""
    name = str(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else None
    csv.field_size_limit(MAX_BYTES)
    try:
        fh = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        yield ReadFailure(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            head = fh.read(65536)
        except UnicodeDecodeError:
            yield ReadFailure(name, "undecodable: CSV files must be UTF-8")
            return
        if "\x00" in head:
            yield ReadFailure(name, "binary: contains NUL bytes (not a CSV file)")
            return
        if not head.strip():
            yield ReadFailure(name, "empty")
            return
        if delimiter is None:
            try:
                delimiter = csv.Sniffer().sniff(head.split("\n", 1)[0], delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
        fh.seek(0)
        reader = csv.DictReader(fh, delimiter=delimiter)
        row_no = 1
        try:
            for row in reader:
                row_no = reader.line_num
                origin = f"{name}:{row_no}"
                if None in row:  # more cells than header columns
                    yield ReadFailure(origin, f"malformed row: {len(row) - 1 + len(row[None])} cells for "
                                              f"{len(reader.fieldnames or [])} columns")
                    continue
                yield _to_raw(row, origin, fmap)
        except UnicodeDecodeError:
            yield ReadFailure(f"{name}:{row_no + 1}", "undecodable: CSV files must be UTF-8")
        except csv.Error as exc:
            yield ReadFailure(f"{name}:{reader.line_num}", f"malformed CSV: {exc}")


def read_parquet(path: Path, fmap: FieldMap | None = None) -> Iterator[Any]:
    """Parquet, read in row batches (pyarrow), one record per row."""
    name = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is in the corpus extra
        yield ReadFailure(name, "Parquet needs pyarrow: pip install 'pantau[corpus]'")
        return
    try:
        pf = pq.ParquetFile(str(path))
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a broken file
        yield ReadFailure(name, f"not a readable Parquet file: {exc}")
        return
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=1024):
            for rec in batch.to_pylist():
                row += 1
                yield _to_raw(rec, f"{name}[{row - 1}]", fmap)
    except Exception as exc:  # noqa: BLE001
        yield ReadFailure(f"{name}[{row}]", f"unreadable Parquet data: {exc}")


def read_jsonl_mapped(path: Path, fmap: FieldMap) -> Iterator[Any]:
    """JSONL (or a JSON list) with a field mapping; without one, the core reader handles JSON."""
    name = str(path)
    try:
        fh = path.open("r", encoding="utf-8-sig")
    except OSError as exc:
        yield ReadFailure(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        if path.suffix.lower() == ".json":
            try:
                data = json.load(fh)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield ReadFailure(name, f"malformed JSON: {exc}")
                return
            recs = data if isinstance(data, list) else [data]
            for i, rec in enumerate(recs):
                origin = f"{name}[{i}]" if isinstance(data, list) else name
                yield _to_raw(rec, origin, fmap) if isinstance(rec, dict) else ReadFailure(
                    origin, f"malformed record: expected a JSON object, got {type(rec).__name__}")
            return
        lineno = 0
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                origin = f"{name}:{lineno}"
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield ReadFailure(origin, f"malformed JSON line: {exc.msg} (column {exc.colno})")
                    continue
                yield _to_raw(rec, origin, fmap) if isinstance(rec, dict) else ReadFailure(
                    origin, f"malformed record: expected a JSON object, got {type(rec).__name__}")
        except UnicodeDecodeError:
            yield ReadFailure(f"{name}:{lineno + 1}", "undecodable: not UTF-8")
