"""Full-text search helpers: safe FTS5 query building and highlighted snippets.

Users type words and "quoted phrases"; FTS5 has its own syntax where ``-``, ``:``, ``(``, ``AND`` and
friends mean something.  ``to_match`` turns what a user typed into a query that only ever means
"all these words/phrases", so no input can raise an FTS5 syntax error or reach column filters.
A trailing ``*`` on a word keeps its prefix meaning (``korup*``).

Snippets come back from SQLite with private-use marker characters around each hit; ``split_snippet``
turns them into plain text plus hit offsets and an HTML-escaped version with ``<mark>``, so article
text (untrusted) is never interpreted as markup by any consumer.
"""
from __future__ import annotations

import html
import re

from ..errors import StoreError

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


class BadQuery(StoreError):
    """A search query with nothing searchable in it."""


def to_match(query: str, *, column: str | None = None) -> str:
    """An FTS5 MATCH expression meaning: every word and phrase of ``query`` (AND)."""
    parts: list[str] = []
    for m in _TOKEN.finditer(query or ""):
        phrase, bare = m.group(1), m.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        prefix = bare.endswith("*")
        words = _WORD.findall(bare)
        if not words:
            continue
        if len(words) == 1:
            parts.append(f'"{words[0]}"' + ("*" if prefix else ""))
        else:  # "Jawa-Barat" or "U.S." reads as the phrase of its parts
            parts.append('"' + " ".join(words) + '"' + ("*" if prefix else ""))
    if not parts:
        raise BadQuery(f"nothing to search for in {query!r}", hint="give at least one word")
    expr = " ".join(parts)
    return f"{column} : ({expr})" if column else expr


def split_snippet(marked: str) -> tuple[str, list[tuple[int, int]], str]:
    """``(plain text, [(start, end) of each hit], escaped HTML with <mark>)`` from a marked snippet."""
    plain: list[str] = []
    hits: list[tuple[int, int]] = []
    html_parts: list[str] = []
    pos = 0
    start = -1
    i = 0
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", marked):
        if piece == MARK_OPEN:
            start = pos
            html_parts.append("<mark>")
        elif piece == MARK_CLOSE:
            if start >= 0:
                hits.append((start, pos))
            start = -1
            html_parts.append("</mark>")
        elif piece:
            plain.append(piece)
            html_parts.append(html.escape(piece))
            pos += len(piece)
        i += 1
    return "".join(plain), hits, "".join(html_parts)
