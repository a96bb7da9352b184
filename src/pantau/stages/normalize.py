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

import functools
import re
import unicodedata

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
#: the characters of _NEEDS_CLEANING (its class holds single characters and "a-b" ranges)
_CLEANING_CHARS = frozenset(
    ch for a, b in re.findall(r"(.)(?:-(.))?", _NEEDS_CLEANING.pattern[1:-1], re.DOTALL)
    for ch in map(chr, range(ord(a), ord(b or a) + 1)))
_SPACE_CHARS = frozenset("\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")



# Characters that make one of ftfy's fixers (other than the mojibake check and HTML unescaping)
# change a text: terminal escapes, line breaks, C1 controls, surrogates, ligatures, full- and
# half-width forms and the control characters ftfy strips.  Taken from ftfy's own tables, so the
# precheck follows the installed version.
_FTFY_CHARS = frozenset(map(chr, [
    0x1B, ord("\r"), 0x2028, 0x2029, *range(0x80, 0xA0), *range(0xD800, 0xE000),
    *ftfy_chardata.LIGATURES, *ftfy_chardata.WIDTH_MAP, *ftfy_chardata.CONTROL_CHARS,
]))
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


def _bad_branches() -> list[list[frozenset[str] | None]] | None:
    """For each branch of ftfy's mojibake regex, the characters each of its non-ASCII-only items
    may match (None: too many to list); None when the regex is not the flat alternation of
    character sequences this analysis reads (then every text gets the window search)."""
    try:
        from re import _constants as c
        from re import _parser as parser

        rx = ftfy_badness.BADNESS_RE
        [(op, (_, branches))] = parser.parse(rx.pattern, rx.flags).data
        if op is not c.BRANCH or rx.flags & re.IGNORECASE:
            return None  # (a case-blind literal would match more characters than it names)
    except Exception:  # CPython's own parser module: a change there only costs the shortcut
        return None
    out: list[list[frozenset[str] | None]] = []
    for branch in branches:
        needs: list[frozenset[str] | None] = []
        for kind, av in branch:
            if kind is c.LITERAL and av >= 128:
                needs.append(frozenset(chr(av)))
            elif kind is c.IN and all(o in (c.LITERAL, c.RANGE) for o, _a in av):
                chars = set()
                for o, a in av:
                    chars.update(chr(a) if o is c.LITERAL else map(chr, range(a[0], a[1] + 1)))
                if all(ch >= "\x80" for ch in chars):
                    needs.append(frozenset(chars))
            # anything else (ASCII-capable classes, categories, anchors, groups) may match without
            # a non-ASCII character: left out, which only makes the branch look easier to match
        out.append(needs)
    return out


_BAD_BRANCHES = _bad_branches()


@functools.lru_cache(maxsize=4096)
def _bad_possible(chars: frozenset[str]) -> bool:
    """Whether ftfy's mojibake regex can match some text whose only non-ASCII characters are
    ``chars``: a branch needs, for each of its non-ASCII-only items, one of them.  News text has
    a few kinds of non-ASCII characters (curly quotes, dashes, an accented name), and for most such
    sets no branch can match, so the window search is skipped."""
    if _BAD_BRANCHES is None:
        return True
    return any(all(need is None or not need.isdisjoint(chars) for need in branch) for branch in _BAD_BRANCHES)


# Every character a step below may act on is non-ASCII or an ASCII control other than tab and
# newline.  They are found by deleting every other character from the text's UTF-8 bytes
# (``bytes.translate`` in C: what is left is the UTF-8 of exactly those characters, in order),
# several times faster than a regex scan, which tests each character against a class.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n"


def notable_chars(text: str) -> set[str]:
    """The distinct non-ASCII characters and ASCII controls (but tab and newline) of ``text``."""
    # surrogatepass: a lone surrogate (from a broken UTF-16 source) survives the round trip
    left = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_BYTES)
    return set(left.decode("utf-8", "surrogatepass")) if left else set()


# ftfy's line-break fixer does what _NEWLINES does below: "\r" and U+2028/2029 alone need no ftfy
_FTFY_CHARS_SAVE_BREAKS = _FTFY_CHARS - {"\r", "\u2028", "\u2029"}


def _fix(text: str, plain: bool) -> str:
    text = ftfy.fix_text(text, _FTFY_PLAIN if plain else _FTFY)
    text = _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_CLEANING.search(text) is not None:
        text = _NEWLINES.sub("\n", text)
        text = _INVISIBLE.sub("", text)
    return text


def normalize_text(text: str, *, plain: bool = False) -> str:
    """The normalisation above, for one string (also used by readers of other formats).

    ftfy runs only where it would change the text other than by NFC (which is applied anyway):
    when the text has a character one of its fixers acts on, is not NFC, has an HTML entity (not
    in ``plain``), or its mojibake check finds something -- ~50x cheaper to find out than to run
    ftfy."""
    found = notable_chars(text)
    entity = not plain and "&" in text and _HTML_ENTITY.search(text) is not None
    if not found:
        return _fix(text, plain) if entity else text  # printable ASCII, tabs and newlines
    if entity or not found.isdisjoint(_FTFY_CHARS_SAVE_BREAKS) or (not text.isascii() and (
            not unicodedata.is_normalized("NFC", text)
            or (_bad_possible(frozenset(ch for ch in found if ch >= "\x80")) and maybe_mojibake(text)))):
        return _fix(text, plain)
    for ch in found & _SPACE_CHARS:
        # one space character for another keeps the text NFC (none of them composes); str.replace
        # of the few that occur is faster than a regex scan for all of them
        text = text.replace(ch, " ")
    if not found.isdisjoint(_CLEANING_CHARS):
        text = _NEWLINES.sub("\n", text)
        text = _INVISIBLE.sub("", text)
    return text


def _one_line(text: str) -> str:
    """A record's rubric or title as one header line."""
    text = normalize_text(text)
    if "\n" in text:  # (the regex would be tried at every character; most titles have no break)
        text = _LINE_BREAKS.sub(" ", text)
    return text.strip()


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
    if not doc.text or doc.text.isspace():  # (no stripped copy of the text)
        raise EmptyInput("empty: no text after normalisation", source=raw.origin)
    guess = guess_language(doc.text, res)
    if guess.lang == "en" and guess.sure:
        raise NotIndonesian(f"not Indonesian: looks like English ({guess.describe()})", source=raw.origin,
                            hint="Pantau analyses Indonesian news only")
    doc.language = guess.lang
    if guess.lang != "id":
        doc.warnings.append(f"language: could not confirm the text is Indonesian ({guess.describe()})")


STAGE = run
