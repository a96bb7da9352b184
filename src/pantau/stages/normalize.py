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

import ftfy

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
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def normalize_text(text: str, *, plain: bool = False) -> str:
    """The normalisation above, for one string (also used by readers of other formats)."""
    if not text.isascii():
        text = ftfy.fix_text(text, _FTFY_PLAIN if plain else _FTFY)
        text = _SPACES.sub(" ", text)
        text = unicodedata.normalize("NFC", text)
    # also for ASCII text: \r and C0 controls (the regexes scan at C speed when nothing matches)
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
