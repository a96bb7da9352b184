"""segment stage: sentences and tokens for every analysed zone (headline, lead, body paragraphs).

The splitter is regex-driven: one pattern finds the few candidate boundaries of a zone (terminal
punctuation, closing quotes/brackets, whitespace, then a capital, a digit or an opening quote; or a
line break), and only those candidates are checked in Python:

* a period that ends a ``title`` abbreviation (``Dr.``, ``Jl.``, ``No.``, ``Brigjen.``) or an
  initial (``M. Hendra``, ``A. B. Smith``) is not a boundary;
* a ``final`` abbreviation (``dll.``, ``Tbk.``, ``S.H.``) is one unless another abbreviation or
  initial follows (``S.H. M.H.``);
* numbers (``1.500``, ``5,12%``, ``10.15``) never produce a candidate: no space follows their
  separator;
* a closing quote after the period belongs to the sentence (``... siap."``), and
  ``"...," kata X.`` stays one sentence because nothing after the comma is terminal.

A zone without terminal punctuation (a headline) is one sentence.  When layout found no zones
(a Doc built by hand, or no layout stage), the whole text is treated as one body zone.
"""
from __future__ import annotations

import re

from ..doc import ANALYSED_ZONES, Doc, Sentence, Zone
from ..pipeline import stage
from ..resources import Resources
from ..tokenize import Abbreviations, get_tokenizer

# A candidate boundary: terminal punctuation, closing marks, spaces, then what may open a sentence.
# Line breaks are hard boundaries (the second branch).  ``(`` is not an opener here: ``Tbk. (BBCA)``.
# The pattern starts with one character class shared by both branches, so the engine skips ahead
# in C to the next mark or line break (a top-level alternation would be tried at every position).
# The run of marks is the match's first character plus group ``term``; the lookbehind after the
# first mark and the possessive runs keep a long run of dots linear (no rescan from every dot).
_BOUNDARY = re.compile(
    r"[.!?…\n](?:(?<=\n)(?P<nl>\s*)"
    r"|(?<![.!?…][.!?…])(?P<term>[.!?…]*+)[\"'”’»)\]]*+(?P<ws>[^\S\n]+)(?=[\"“‘'«]*[A-Z0-9]))"
)
# An initial or a run of initials (``M.``, ``A.B.``), as the word before a period.
_INITIAL = re.compile(r"(?:[A-Z]\.)+")
_WORD_END = frozenset("\"'“”‘’«»([")


def _word_before(text: str, end: int, lo: int) -> str:
    """The word ending at ``end`` (exclusive), dots included: ``Dr.``, ``S.H.``, ``2019.``."""
    k = end
    while k > lo:
        ch = text[k - 1]
        if ch.isalnum() or ch == "." or ch == "-":
            k -= 1
        else:
            break
    return text[k:end]


def _word_after(text: str, start: int, hi: int) -> str:
    k = start
    while k < hi and text[k] in _WORD_END:
        k += 1
    j = k
    while j < hi and not text[j].isspace():
        j += 1
    return text[k:j]


def _is_abbrev_or_initial(word: str, abbr: Abbreviations) -> bool:
    word = word.rstrip(",;:")
    return word.endswith(".") and (abbr.kind(word) is not None or _INITIAL.fullmatch(word) is not None)


def _keeps_together(text: str, m: re.Match[str], lo: int, hi: int, abbr: Abbreviations) -> bool:
    """True when the candidate at ``m`` is not a sentence boundary (an abbreviation or initial)."""
    if m.end("term") != m.start() + 1 or text[m.start()] != ".":
        return False  # ``!``, ``?``, ``...`` and ``…`` end a sentence before a capital
    if m.end("term") != m.start("ws"):
        return False  # ``siap."`` then a capital: the closing quote makes it a boundary
    word = _word_before(text, m.end("term"), lo)
    if not word or word == ".":
        return False
    kind = abbr.kind(word)
    if kind == "title":
        return True
    if _INITIAL.fullmatch(word):
        return True  # M. Hendra; a sentence ending in a one-letter word is rarer than an initial
    if kind == "final":
        return _is_abbrev_or_initial(_word_after(text, m.end(), hi), abbr)
    return False


# The same boundaries where a stretch of text has no "!", "?" or "…" (most articles): the
# pattern starts with a literal, which the engine finds with a plain character loop, several
# times faster than testing each character against a class.  Line breaks are left to the zones
# (a zone with one inside is split with _BOUNDARY).
_DOT_BOUNDARY = re.compile(_BOUNDARY.pattern.replace(r"[.!?…\n](?:(?<=\n)(?P<nl>\s*)|", r"\.(?:(?P<nl>(?!))|", 1))
assert _DOT_BOUNDARY.pattern != _BOUNDARY.pattern


def sentence_spans(text: str, zones: list[tuple[int, int]], abbr: Abbreviations) -> list[tuple[int, int, int]]:
    """``(k, start, end)`` of each sentence of ``zones[k]``, for zones given in text order
    (sorted, not overlapping), whitespace trimmed, empty ones dropped.

    One scan runs from the first zone to the last (a call per zone costs more than the text
    between them).  A zone is split where a scan of the zone alone would split it: a boundary
    match that starts in the zone is one there (its whitespace and lookahead can only read past
    the zone's end when the zone ends right after the mark, and then the sentence ends at the
    zone's end either way), matches between zones are skipped, and every zone ends a sentence."""
    out: list[tuple[int, int, int]] = []
    if not zones:
        return out
    if len(zones) > 1 and any(a[1] > b[0] for a, b in zip(zones, zones[1:])):
        # out of order or overlapping (zones made by hand): each zone alone
        return [(k, a, b) for k, z in enumerate(zones) for _k, a, b in sentence_spans(text, [z], abbr)]
    lo, hi = zones[0][0], zones[-1][1]
    dot_only = text.find("!", lo, hi) < 0 and text.find("?", lo, hi) < 0 and text.find("…", lo, hi) < 0
    found = list((_DOT_BOUNDARY if dot_only else _BOUNDARY).finditer(text, lo, hi))  # a few per article
    breaks: list[int] = []  # line breaks, which only _BOUNDARY splits at
    if dot_only:
        p = text.find("\n", lo, hi)
        while p >= 0:
            breaks.append(p)
            p = text.find("\n", p + 1, hi)
    i = j = 0
    for k, (zs, ze) in enumerate(zones):
        while i < len(found) and found[i].start() < zs:
            i += 1  # between zones
        while j < len(breaks) and breaks[j] < zs:
            j += 1
        if j < len(breaks) and breaks[j] < ze:
            # a zone with a line break inside (no layout ran): scanned alone, line breaks included
            cands = list(_BOUNDARY.finditer(text, zs, ze))
            while i < len(found) and found[i].start() < ze:
                i += 1
        elif i < len(found) and found[i].start() < ze:
            cands = []
            while i < len(found) and found[i].start() < ze:
                cands.append(found[i])
                i += 1
        else:
            out.append((k, zs, ze))  # most zones: one sentence, no candidate inside
            continue
        s = zs
        for cur in cands:
            if cur.group("nl") is None:
                if _keeps_together(text, cur, zs, ze, abbr):
                    continue
                e = cur.start("ws")
            else:
                e = cur.start()
            if e > s:
                out.append((k, s, min(e, ze)))
            s = min(cur.end(), ze)
        if s < ze:
            out.append((k, s, ze))
    # boundaries fall on whitespace already; only the zones' own edges and lines may need trimming
    trimmed = []
    for k, a, b in out:
        if text[a].isspace() or text[b - 1].isspace():
            a, b = _trim(text, a, b)
        if a < b:
            trimmed.append((k, a, b))
    return trimmed


def split_spans(text: str, start: int, end: int, abbr: Abbreviations) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]``, whitespace trimmed, empty ones dropped."""
    return [(a, b) for _k, a, b in sentence_spans(text, [(start, end)], abbr)]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def zones_to_analyse(doc: Doc) -> list[tuple[int, Zone]]:
    """(index, zone) for headline, lead and body zones; a whole-text body zone when there are none."""
    if not doc.zones and doc.text.strip():
        # No layout ran: make the whole text one body zone so Sentence.zone still indexes Doc.zones.
        doc.zones.append(Zone("body", 0, len(doc.text)))
    return [(i, z) for i, z in enumerate(doc.zones) if z.kind in ANALYSED_ZONES]  # as Doc.analysed_zones()


@stage("segment", requires=("text",), provides=("sentences", "tokens"))
def run(doc: Doc, res: Resources) -> None:
    """The sentences of every analysed zone.  Their tokens are computed when first read
    (``Sentence.tokens``): a Match and a tuple per token cost more than the splitting, and the
    issue-2 stages never read them."""
    tok = get_tokenizer(res)
    text = doc.text
    zones = zones_to_analyse(doc)
    finditer, lazy = tok.spaced.finditer, Sentence.lazy
    doc.sentences = [lazy(a, b, zones[k][0], text, finditer)
                     for k, a, b in sentence_spans(text, [(z.start, z.end) for _, z in zones], tok.abbreviations)]


STAGE = run
