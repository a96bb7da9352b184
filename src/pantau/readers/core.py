"""Readers for article-layout ``.txt``, ``.json``, ``.jsonl``, directories and stdin.

``iter_inputs(paths)`` yields, in input order, one ``RawDoc`` per article or one ``ReadFailure``
per input that cannot be read, so a batch goes on past a bad file or record and the CLI reports
every failure at the end.

What counts as a failure (each a ``ReadFailure`` with a reason a person can act on):
- a path that does not exist, or a file type no reader handles;
- an empty file (nothing but whitespace);
- a binary file (NUL bytes, or more than 10% control characters in its first 8 KiB);
- bytes that no encoding turns into Latin-script text (``undecodable``);
- an article over ``MAX_BYTES`` (a ``.txt`` file, one JSONL line, one record's text) or a
  ``.json`` file over ``MAX_JSON_BYTES``;
- a malformed JSON document or JSONL line (named ``file:line``), a record that is not an object,
  a record without a text field (``text``, ``content`` or ``body``) or with an empty one.

Decoding: a BOM decides (UTF-8, UTF-16, UTF-32); otherwise UTF-8, then Windows-1252 (which also
covers the printable range of Latin-1), then charset-normalizer's best guess, kept only when the
result is Latin-script text.  Mojibake (``â€œ``) is repaired later by the normalize stage with
ftfy, so text of every reader gets the same repair.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from ..doc import RawDoc

if TYPE_CHECKING:
    from . import ReadFailure

#: what every reader yields
Item = Union[RawDoc, "ReadFailure"]

#: the largest article Pantau reads: a ``.txt`` file, one JSONL line or one record's text (bytes).
#: A real news article is 2-50 KB; 5 MB is generous and keeps one stray dump from eating memory.
MAX_BYTES = 5_000_000
#: a ``.json`` file holds one record or a whole list of them, so it may be larger.
MAX_JSON_BYTES = 200_000_000

#: suffixes a directory walk picks up (the corpus issue adds ``.html``)
SUFFIXES: tuple[str, ...] = (".txt", ".json", ".jsonl")

# record field names, first present wins (CONTRACT.md)
TEXT_FIELDS = ("text", "content", "body")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "date")
RUBRIC_FIELDS = ("rubric", "category")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: same prefix
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\ufeff]")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


class _Fail(Exception):
    """Internal: a reason why one input cannot be read (turned into a ``ReadFailure``)."""


def _failure(origin: str, reason: str) -> "ReadFailure":
    from . import ReadFailure  # late: readers/__init__ imports this module
    return ReadFailure(origin, reason)


# ---------------------------------------------------------------- decoding

def decode_bytes(data: bytes) -> str:
    """Decode one input's bytes to text, or raise ``_Fail`` with the reason."""
    if not data.strip():
        raise _Fail("empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise _Fail(f"undecodable: {enc} byte-order mark but invalid {enc} ({exc.reason})") from None
            if not text.strip("\ufeff \t\r\n"):
                raise _Fail("empty")
            return text
    head = data[:8192]
    if b"\x00" in head:
        raise _Fail("binary: contains NUL bytes (not a text file; UTF-16 needs a byte-order mark)")
    if len(_CONTROL.findall(head)) > 0.10 * len(head):
        raise _Fail("binary: too many control characters")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1252 is what Indonesian Windows tools save; it is Latin-1 plus curly quotes/dashes
        text = data.decode("cp1252")
        if not _NON_LATIN.search(text):
            return text
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only for the rare input that is neither UTF-8 nor cp1252

    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        text = str(best)
        if len(_NON_LATIN.findall(text)) <= 0.02 * max(1, len(text)):
            return text
    raise _Fail("undecodable: not UTF-8, Windows-1252/Latin-1 or another encoding of Latin-script text")


def _read_file_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _Fail(f"cannot read: {exc.strerror or exc}") from None
    if size > limit:
        raise _Fail(f"too large: {size:,} bytes, over the limit of {limit:,} bytes")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _Fail(f"cannot read: {exc.strerror or exc}") from None


# ---------------------------------------------------------------- records

def _field(rec: dict[str, Any], names: Sequence[str]) -> str | None:
    for name in names:
        v = rec.get(name)
        if v is None:
            continue
        if isinstance(v, (str, int, float)):
            s = str(v).strip()
            if s and s != "-":  # CLICK-ID writes "-" for "no value"
                return s
    return None


def iso_date(value: str | None) -> str | None:
    """A record's date as ``YYYY-MM-DD`` where it can be read (``2019-09-19T00:00:00``, ``19/09/2019``).

    Anything else is passed through unchanged: ``pipeline.parse_date`` then treats it as absent.
    """
    if not value:
        return None
    s = value.strip()
    try:
        return dt.date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        pass
    m = _DMY.match(s)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return s
    return s


def record_to_raw(rec: Any, origin: str) -> RawDoc:
    """One JSON record -> ``RawDoc`` (kind ``record``), or ``_Fail`` naming what is wrong."""
    if not isinstance(rec, dict):
        raise _Fail(f"malformed record: expected a JSON object, got {type(rec).__name__}")
    present = [f for f in TEXT_FIELDS if f in rec]
    if not present:
        raise _Fail("missing text field: the record has none of " + ", ".join(TEXT_FIELDS))
    value = rec[present[0]]
    if not isinstance(value, str):
        raise _Fail(f"malformed record: field {present[0]!r} is {type(value).__name__}, not a string")
    if not value.strip():
        raise _Fail(f"empty: field {present[0]!r} is empty")
    if len(value.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _Fail(f"too large: the text is over the limit of {MAX_BYTES:,} bytes")
    rid = rec.get("id")
    known = set(TEXT_FIELDS + TITLE_FIELDS + DATE_FIELDS + RUBRIC_FIELDS + ("id", "url", "source"))
    return RawDoc(
        text=value, id=str(rid) if rid not in (None, "") else None,
        title=_field(rec, TITLE_FIELDS), rubric=_field(rec, RUBRIC_FIELDS),
        published=iso_date(_field(rec, DATE_FIELDS)), url=_field(rec, ("url",)),
        source=_field(rec, ("source",)), origin=origin, kind="record",
        extra={k: v for k, v in rec.items() if k not in known},
    )


def _iter_jsonl_lines(lines: Iterator[tuple[int, bytes | str]], name: str) -> Iterator[Item]:
    for lineno, line in lines:
        origin = f"{name}:{lineno}"
        if isinstance(line, bytes):
            if len(line) > MAX_BYTES:
                yield _failure(origin, f"too large: line of {len(line):,} bytes, over the limit of {MAX_BYTES:,}")
                continue
            try:
                line = decode_bytes(line) if line.strip() else ""
            except _Fail as exc:
                yield _failure(origin, str(exc))
                continue
        if not line.strip():
            continue  # blank lines between records are harmless
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _failure(origin, f"malformed JSON line: {exc.msg} (column {exc.colno})")
            continue
        try:
            yield record_to_raw(rec, origin)
        except _Fail as exc:
            yield _failure(origin, str(exc))


def _iter_json_doc(text: str, name: str) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _failure(name, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(data, list):
        if not data:
            yield _failure(name, "empty: the JSON list holds no records")
        for i, rec in enumerate(data):
            origin = f"{name}[{i}]"
            try:
                yield record_to_raw(rec, origin)
            except _Fail as exc:
                yield _failure(origin, str(exc))
        return
    try:
        yield record_to_raw(data, name)
    except _Fail as exc:
        yield _failure(name, str(exc))


# ---------------------------------------------------------------- per kind of input

def read_txt(path: Path) -> Iterator[Item]:
    name = str(path)
    try:
        text = decode_bytes(_read_file_bytes(path, MAX_BYTES))
    except _Fail as exc:
        yield _failure(name, str(exc))
        return
    yield RawDoc(text=text, origin=name, kind="article")


def read_json(path: Path) -> Iterator[Item]:
    name = str(path)
    try:
        text = decode_bytes(_read_file_bytes(path, MAX_JSON_BYTES))
    except _Fail as exc:
        yield _failure(name, str(exc))
        return
    yield from _iter_json_doc(text, name)


def read_jsonl(path: Path) -> Iterator[Item]:
    """Streamed line by line: a JSONL batch may be far larger than ``MAX_BYTES``."""
    name = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield _failure(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        first = fh.read(4)
        fh.seek(0)
        if first.startswith(codecs.BOM_UTF8):
            fh.seek(3)
        elif first[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            # UTF-16 JSONL cannot be split on b"\n": decode it whole (bounded by MAX_JSON_BYTES)
            fh.close()
            try:
                text = decode_bytes(_read_file_bytes(path, MAX_JSON_BYTES))
            except _Fail as exc:
                yield _failure(name, str(exc))
                return
            yield from _iter_jsonl_lines(enumerate(text.splitlines(), 1), name)
            return
        seen = False
        for item in _iter_jsonl_lines(enumerate(fh, 1), name):
            seen = True
            yield item
        if not seen:
            yield _failure(name, "empty")


def read_stdin() -> Iterator[Item]:
    """``-``: JSON, JSONL or article text, sniffed from the first non-blank character."""
    name = "<stdin>"
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    yield from read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Iterator[Item]:
    """Sniff and read one blob: a JSON document, JSONL records, or article text."""
    try:
        text = decode_bytes(data)
    except _Fail as exc:
        yield _failure(name, str(exc))
        return
    body = text.lstrip("\ufeff \t\r\n")
    if body.startswith("["):
        yield from _iter_json_doc(body, name)
        return
    if body.startswith("{"):
        try:
            json.loads(body)
        except json.JSONDecodeError:
            # several objects (or one broken one): read it line by line as JSONL
            yield from _iter_jsonl_lines(enumerate(body.splitlines(), 1), name)
        else:
            yield from _iter_json_doc(body, name)
        return
    if len(data) > MAX_BYTES:
        yield _failure(name, f"too large: {len(data):,} bytes, over the limit of {MAX_BYTES:,} bytes")
        return
    yield RawDoc(text=text, origin=name, kind="text")


def read_other(path: Path) -> Iterator[Item]:
    """A file named on the command line with a suffix no reader claims: sniff its content."""
    name = str(path)
    try:
        data = _read_file_bytes(path, MAX_JSON_BYTES)
    except _Fail as exc:
        yield _failure(name, str(exc))
        return
    for item in read_bytes(data, name):
        if isinstance(item, RawDoc) and item.kind == "text":
            item.kind = "article"  # a file is read like a .txt file
        yield item


#: suffix -> reader; the corpus issue registers ``.html`` here
READERS: dict[str, Callable[[Path], Iterator[Item]]] = {
    ".txt": read_txt, ".json": read_json, ".jsonl": read_jsonl,
}

# the corpus readers (CSV/TSV, Parquet, HTML, RSS/Atom; readers/sources.py) add their suffixes here
from .sources import register as _register_corpus_readers  # noqa: E402

_register_corpus_readers(READERS)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` that a reader claims, recursively, in sorted order, hidden ones skipped."""
    files = [p for p in root.rglob("*")
             if p.is_file() and p.suffix.lower() in READERS
             and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    yield from sorted(files)


def iter_inputs(paths: Sequence[str]) -> Iterator[Item]:
    """Yield ``RawDoc`` or ``ReadFailure`` for each article in ``paths``, in order."""
    for p in paths:
        if p == "-":
            yield from read_stdin()
            continue
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                yield from READERS[f.suffix.lower()](f)
        elif path.is_file():
            reader = READERS.get(path.suffix.lower())
            if reader is not None:
                yield from reader(path)
            elif path.suffix.lower() in (".html", ".htm"):
                yield _failure(p, "unsupported input type .html (no HTML reader installed)")
            else:
                yield from read_other(path)
        elif path.exists():
            yield _failure(p, "not a regular file or directory")
        else:
            yield _failure(p, "no such file or directory")
