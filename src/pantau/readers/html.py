"""HTML pages: the article text and metadata extracted with trafilatura.

A page with no article in it (an index page, a login wall, an empty template) is a ``ReadFailure``
("no article found"), never an empty record.  Extraction keeps paragraphs as lines, so the layout
stage sees the headline (from the page's metadata) and body paragraphs as it would in a ``.txt``.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..doc import RawDoc
from . import ReadFailure
from .core import MAX_BYTES, _Fail, _read_file_bytes, decode_bytes, iso_date

#: an extraction shorter than this is a caption or a menu, not an article
MIN_ARTICLE_CHARS = 200


def html_to_raw(data: bytes | str, origin: str, *, url: str | None = None) -> RawDoc | ReadFailure:
    """One HTML page -> ``RawDoc`` (kind ``record``: the title comes from metadata, text is the body)."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is in the corpus extra
        return ReadFailure(origin, "HTML needs trafilatura: pip install 'pantau[corpus]'")
    if isinstance(data, bytes):
        try:
            data = decode_bytes(data)
        except _Fail as exc:
            return ReadFailure(origin, str(exc))
    if not data.strip():
        return ReadFailure(origin, "empty")
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many types on broken markup
        return ReadFailure(origin, f"unparsable HTML: {type(exc).__name__}: {exc}")
    if doc is None:
        return ReadFailure(origin, "no article found in the HTML page")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (d.get("text") or "").strip()
    if len(text) < MIN_ARTICLE_CHARS:
        return ReadFailure(origin, f"no article found in the HTML page (only {len(text)} characters of text)")
    if len(text.encode("utf-8")) > MAX_BYTES:
        return ReadFailure(origin, f"too large: the article text is over {MAX_BYTES:,} bytes")
    title = (d.get("title") or "").strip()
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        text = rest.strip()  # the page's <h1> repeats the title, which the record carries already
    cats = d.get("categories")
    rubric = (cats[0] if isinstance(cats, list) and cats else cats) or None
    return RawDoc(text=text, title=title or None, rubric=rubric if isinstance(rubric, str) else None,
                  published=iso_date(d.get("date")) if d.get("date") else None,
                  url=url or d.get("url") or None, source=d.get("sitename") or None,
                  origin=origin, kind="record", extra={"from": "html"})


def read_html(path: Path) -> Iterator[Any]:
    name = str(path)
    try:
        data = _read_file_bytes(path, MAX_BYTES * 4)
    except _Fail as exc:
        yield ReadFailure(name, str(exc))
        return
    yield html_to_raw(data, name)
