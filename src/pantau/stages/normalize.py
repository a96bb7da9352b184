"""normalize stage: decoded input -> ``Doc.text``, the text every offset indexes.

What it does, in order:
1. repairs mojibake (``â€œ`` -> ``“``) and other encoding damage with ftfy, keeping curly quotes
   as they are (the quote stage reads them) and without ftfy's quote "uncurling";
2. normalises line endings (``\\r\\n``, ``\\r``, U+2028/2029, NEL) to ``\\n``;
3. drops byte-order marks, zero-width characters, soft hyphens and other invisible controls;
4. turns non-breaking and other Unicode spaces into plain spaces (length-preserving);
5. applies Unicode NFC (composed accents) -- not NFKC, which would rewrite quotes, ellipses and
   superscripts that later stages and readers expect to see as written.

Nothing else is removed: ``Doc.text`` is "the normalised full article as read, rubric and headline
lines included" (CONTRACT.md); layout decides later what is body and what is boilerplate.

Records (``RawDoc.kind == "record"``, from JSON/JSONL) carry their rubric and title in separate
fields.  Unless the requested layout is ``plain``, ``Doc.text`` is built as
``rubric + "\\n" + title + "\\n" + body`` (each present field on its own line, a field's own line
breaks folded to spaces), so the record's rubric and headline have offsets in ``text`` just like a
``.txt`` article's first two lines.  ``Doc.notes["header"]`` lists which header lines were written
(``("rubric", "headline")``, ``("headline",)`` or ``()``) for the layout stage.  With
``--layout plain`` the record's text is kept alone, unchanged but for this normalisation.

Finally the stage checks the language cheaply (``pantau.langid``): text that is clearly not
Indonesian is rejected with ``NotIndonesian``; text it cannot confirm gets a warning.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import ftfy
from ftfy import badness as ftfy_badness
from ftfy import chardata as ftfy_chardata

from ..doc import Doc
from ..errors import EmptyInput, NotIndonesian
from ..langid import guess_language
from ..pipeline import stage
from ..resources import Resources

# ftfy without quote uncurling; HTML entities are unescaped only outside ``plain`` (see below)
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False, normalization="NFC")
_FTFY_PLAIN = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False, normalization="NFC",
                                   unescape_html=False)

_NEWLINES = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
# invisible: BOM/ZWNBSP, zero-width space/joiners, word joiner, soft hyphen, Mongolian vowel sep.,
# bidi marks and C0/C1 controls other than tab and newline
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad\u180e\u200e\u200f\u202a-\u202e"
                        "\u2066-\u2069\x00-\x08\x0e-\x1f\x7f\x80-\x9f]")
_NEEDS_CLEANING = re.compile("[\r\u2028\u2029\x85\x0b\x0c" + _INVISIBLE.pattern[1:-1] + "]")
_SPACE_CHARS = frozenset("\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")



def _char_class(codepoints: Iterable[int]) -> str:
    """A regex character class for a set of code points, as ranges."""
    cps = sorted(set(codepoints))
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = re.escape(chr(cps[i])), re.escape(chr(cps[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"


# Characters that make one of ftfy's fixers (other than the mojibake check and HTML unescaping)
# change a text: terminal escapes, line breaks, C1 controls, surrogates, ligatures, full- and
# half-width forms and the control characters ftfy strips.  Taken from ftfy's own tables, so the
# precheck follows the installed version.
_FTFY_CHARS = frozenset(map(chr, [
    0x1B, ord("\r"), 0x2028, 0x2029, *range(0x80, 0xA0), *range(0xD800, 0xE000),
    *ftfy_chardata.LIGATURES, *ftfy_chardata.WIDTH_MAP, *ftfy_chardata.CONTROL_CHARS,
]))
_FTFY_TRIGGER = re.compile(_char_class(map(ord, _FTFY_CHARS)))
#: ftfy unescapes only what this regex finds (``&amp;``, ``&#8220;``): a bare ``&`` ("Q&A",
#: "Sales & Marketing") leaves the text as it is
_HTML_ENTITY = ftfy_chardata.HTML_ENTITY_RE
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: every match of ftfy's mojibake regex (ftfy 6.x) has a non-ASCII character among its first
#: three characters and is at most 7 characters long (tests/test_normalize.py checks both), so
#: windows around the non-ASCII characters hold every match it can find in the whole text
_BAD_BEFORE, _BAD_AFTER = 2, 8
#: past this many non-ASCII characters (a non-Latin script), one whole-text search is cheaper
_BAD_MAX_WINDOWS = 200


def maybe_mojibake(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, fast for news text.

    ftfy's own check tries its large regex at every position (about 0.8 ms for a 1,600-character
    article), although a match needs a non-ASCII character.  Here the same regex runs only in the
    windows around the non-ASCII characters (a few per Indonesian article: curly quotes, dashes),
    merged where they overlap; a match anywhere in the text lies in one of them.
    """
    search = ftfy_badness.BADNESS_RE.search
    lo = hi = -1
    for n, m in enumerate(_NON_ASCII.finditer(text)):
        if n >= _BAD_MAX_WINDOWS:
            return search(text) is not None
        p = m.start()
        if p - _BAD_BEFORE > hi:
            if hi >= 0 and search(text, lo, hi) is not None:
                return True
            lo = max(0, p - _BAD_BEFORE)
        hi = p + _BAD_AFTER
    return hi >= 0 and search(text, lo, hi) is not None


def _needs_ftfy(text: str, plain: bool = False) -> bool:
    """Whether ftfy would change the text other than by NFC (which this stage applies anyway).

    ftfy leaves a text alone when it is already NFC, no fixer's trigger character or HTML entity
    occurs in it and its mojibake check finds nothing; checking that is ~50x cheaper than running
    ftfy."""
    return (not unicodedata.is_normalized("NFC", text) or _FTFY_TRIGGER.search(text) is not None
            or (not plain and "&" in text and _HTML_ENTITY.search(text) is not None)
            or maybe_mojibake(text))

# any character that one of the steps below acts on, but for mojibake, HTML entities and NFC:
# one scan finds which of them occur
_ANY_STEP = re.compile("[" + _FTFY_TRIGGER.pattern[1:-1] + _SPACES.pattern[1:-1]
                       + _NEEDS_CLEANING.pattern[1:-1] + "]")


def normalize_text(text: str, *, plain: bool = False) -> str:
    """The normalisation above, for one string (also used by readers of other formats)."""
    if not text.isascii():
        found = set(_ANY_STEP.findall(text))
        if (not found.isdisjoint(_FTFY_CHARS) or not unicodedata.is_normalized("NFC", text)
                or (not plain and "&" in text and _HTML_ENTITY.search(text) is not None)
                or maybe_mojibake(text)):
            text = ftfy.fix_text(text, _FTFY_PLAIN if plain else _FTFY)
            text = _SPACES.sub(" ", text)
            text = unicodedata.normalize("NFC", text)
        elif not found:
            return text  # the common case: no step below would change anything
        elif not found.isdisjoint(_SPACE_CHARS):
            # one space character for another keeps the text NFC (none of them composes)
            text = _SPACES.sub(" ", text)
    # also for ASCII text: \r and C0 controls; one scan for any of them first, since most texts
    # have none (an alternation does not get the engine's fast first-character scan)
    if _NEEDS_CLEANING.search(text) is not None:
        text = _NEWLINES.sub("\n", text)
        text = _INVISIBLE.sub("", text)
    return text


def _one_line(text: str) -> str:
    """A record's rubric or title as one header line."""
    return _LINE_BREAKS.sub(" ", normalize_text(text)).strip()


@stage("normalize", requires=("raw",), provides=("text", "language"))
def run(doc: Doc, res: Resources) -> None:
    raw = doc.raw
    plain = doc.layout == "plain"
    header: tuple[str, ...] = ()
    if raw.kind == "record" and not plain:
        lines: list[str] = []
        parts: list[str] = []
        for name, value in (("rubric", raw.rubric), ("headline", raw.title)):
            line = _one_line(value) if value else ""
            if line:
                lines.append(line)
                parts.append(name)
        body = normalize_text(raw.text)
        header = tuple(parts)
        doc.text = "\n".join([*lines, body]) if lines else body
    else:
        doc.text = normalize_text(raw.text, plain=plain)
    doc.notes["header"] = header
    if not doc.text.strip():
        raise EmptyInput("empty: no text after normalisation", source=raw.origin)
    guess = guess_language(doc.text, res)
    if guess.lang == "en" and guess.sure:
        raise NotIndonesian(f"not Indonesian: looks like English ({guess.describe()})", source=raw.origin,
                            hint="Pantau analyses Indonesian news only")
    doc.language = guess.lang
    if guess.lang != "id":
        doc.warnings.append(f"language: could not confirm the text is Indonesian ({guess.describe()})")


STAGE = run
