"""A cheap language check: is this text Indonesian?

Counts frequent function words of Indonesian and English (``lang/id/stopwords.tsv``) in the first
few thousand characters.  News prose in Indonesian has 15-30% of its words in that short list;
English has almost none of them and 20-35% of its own.  The check is sure only when the evidence is
strong; otherwise it says so, and the normalize stage warns rather than rejects.
"""
from __future__ import annotations

import re
from itertools import repeat
from typing import NamedTuple

from .errors import ResourceError
from .resources import Resources, lang_path

#: how much of the text the check reads; the opening paragraphs (~200 words) are enough and keep
#: it O(1) (on 5,000 CLICK-ID articles 1,000-2,000 characters decide as 4,000 did, except two
#: Indonesian articles with long lists of names that 4,000 left undecided)
SAMPLE_CHARS = 1500
#: fewer words than this and the check does not claim to know
MIN_WORDS = 30
#: an Indonesian text has at least this share of Indonesian function words
ID_MIN_RATIO = 0.08
#: a text is clearly English when it has at least this share of English function words ...
EN_MIN_RATIO = 0.15
#: ... and at most this share of Indonesian ones
ID_MAX_IN_FOREIGN = 0.03

# A word is a run of letters, as ``[^\W\d_]+`` would find in the lower-cased sample.  Splitting
# bytes is ~4x faster than that regex: ASCII letters stay, other ASCII becomes a space, and each
# non-ASCII character is kept when it is a letter (``é``) and made a space when not (``“``, ``—``),
# so the words are those of the regex, as UTF-8 bytes.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: ASCII capitals are lower-cased by the same table (``bytes.translate``, no ``str.lower`` pass);
#: other capitals keep their case, which changes no count: every function word is ASCII (the
#: loader checks) and a word with a non-ASCII letter is one word in either case.
_BYTE_WORDS = bytes(b + 32 if 65 <= b <= 90 else b if (97 <= b <= 122 or b >= 128) else 32 for b in range(256))


#: the non-ASCII characters of Indonesian news that are not letters, most frequent first: each is
#: a space for ``_non_ascii_word_char`` too
_COMMON_MARKS = "\xa0“”–’—‘…"


def _non_ascii_word_char(m: re.Match[str]) -> str:
    c = m.group()
    return c if c.isalnum() and not c.isdecimal() else " "


def sample_words(text: str) -> list[bytes]:
    """The words of the text's opening ``SAMPLE_CHARS`` characters, as UTF-8 bytes, ASCII letters
    lower-cased."""
    sample = text[:SAMPLE_CHARS]
    if not sample.isascii():
        for mark in _COMMON_MARKS:  # str.replace runs in C; a regex callback per character does not
            sample = sample.replace(mark, " ")
        if not sample.isascii():
            sample = _NON_ASCII.sub(_non_ascii_word_char, sample)
    return sample.encode("utf-8").translate(_BYTE_WORDS).split()


class LangGuess(NamedTuple):
    """``lang``: ``id``, ``en`` or ``und``; ``sure``: whether the evidence is strong enough to act on.
    (A named tuple: made once per article, and cheaper to make than a frozen dataclass.)"""

    lang: str
    sure: bool
    words: int
    id_ratio: float
    en_ratio: float

    def describe(self) -> str:
        return (f"{self.words} words, {self.id_ratio:.0%} Indonesian and {self.en_ratio:.0%} English "
                "function words")


def load_stopwords(res: Resources | None = None) -> dict[str, frozenset[str]]:
    """``{lang: words}`` from ``stopwords.tsv`` (header comment lines start with ``#``)."""
    path = lang_path("stopwords.tsv")
    out: dict[str, set[str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read {path}: {exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line == "word\tlang":
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or parts[0] != parts[0].lower() or not parts[0].isascii():
            raise ResourceError(f"{path.name}:{n}: expected 'word<TAB>lang' with a lower-case ASCII word")
        out.setdefault(parts[1], set()).add(parts[0])
    return {k: frozenset(v) for k, v in out.items()}


def _byte_stopwords(sw: dict[str, frozenset[str]]) -> dict[str, frozenset[bytes]]:
    return {k: frozenset(w.encode("utf-8") for w in v) for k, v in sw.items()}


#: codes of ``_stopword_codes``: a word is an Indonesian function word, an English one, or both
#: one count in the low bits, the other above them (a sample has far fewer than 2**20 words)
_ID, _EN = 1, 1 << 20
_COUNT_MASK = _EN - 1


def _stopword_codes(bsw: dict[str, frozenset[bytes]]) -> dict[bytes, int]:
    """word -> _ID, _EN or both added: one dict look-up per word and one ``sum`` in C count both
    languages at once (where two ``sum(map(set.__contains__, words))`` passes cost twice)."""
    codes: dict[bytes, int] = {}
    for w in bsw.get("id", frozenset()):
        codes[w] = _ID
    for w in bsw.get("en", frozenset()):
        codes[w] = codes.get(w, 0) + _EN
    return codes


def _load_codes(res: Resources) -> dict[bytes, int]:
    sw = res.get("langid.stopwords", load_stopwords)
    return _stopword_codes(_byte_stopwords(sw))


def guess_language(text: str, res: Resources | None = None) -> LangGuess:
    if res is not None:
        codes = res.get("langid.stopwords.codes", _load_codes)  # one look-up per text
    else:
        codes = _stopword_codes(_byte_stopwords(load_stopwords()))
    words = sample_words(text)
    n = len(words)
    if n == 0:
        return LangGuess("und", False, 0, 0.0, 0.0)
    total = sum(map(codes.get, words, repeat(0, n)))
    n_id, n_en = total & _COUNT_MASK, total >> 20
    rid, ren = n_id / n, n_en / n
    if n_id and rid >= ren and (rid >= ID_MIN_RATIO or n < MIN_WORDS):
        return LangGuess("id", n >= MIN_WORDS, n, rid, ren)
    if n >= MIN_WORDS and ren >= EN_MIN_RATIO and rid <= ID_MAX_IN_FOREIGN:
        return LangGuess("en", True, n, rid, ren)
    return LangGuess("und", False, n, rid, ren)
