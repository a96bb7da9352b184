"""A cheap language check: is this text Indonesian?

Counts frequent function words of Indonesian and English (``lang/id/stopwords.tsv``) in the first
few thousand characters.  News prose in Indonesian has 15-30% of its words in that short list;
English has almost none of them and 20-35% of its own.  The check is sure only when the evidence is
strong; otherwise it says so, and the normalize stage warns rather than rejects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ResourceError
from .resources import Resources, lang_path

#: how much of the text the check reads; the opening paragraphs are enough and keep it O(1)
SAMPLE_CHARS = 4000
#: fewer words than this and the check does not claim to know
MIN_WORDS = 30
#: an Indonesian text has at least this share of Indonesian function words
ID_MIN_RATIO = 0.08
#: a text is clearly English when it has at least this share of English function words ...
EN_MIN_RATIO = 0.15
#: ... and at most this share of Indonesian ones
ID_MAX_IN_FOREIGN = 0.03

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class LangGuess:
    """``lang``: ``id``, ``en`` or ``und``; ``sure``: whether the evidence is strong enough to act on."""

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
        if len(parts) != 2 or not parts[0] or parts[0] != parts[0].lower():
            raise ResourceError(f"{path.name}:{n}: expected 'word<TAB>lang' with a lower-case word")
        out.setdefault(parts[1], set()).add(parts[0])
    return {k: frozenset(v) for k, v in out.items()}


def guess_language(text: str, res: Resources | None = None) -> LangGuess:
    sw = res.get("langid.stopwords", load_stopwords) if res is not None else load_stopwords()
    id_words, en_words = sw.get("id", frozenset()), sw.get("en", frozenset())
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    n = len(words)
    if n == 0:
        return LangGuess("und", False, 0, 0.0, 0.0)
    n_id = sum(1 for w in words if w in id_words)
    n_en = sum(1 for w in words if w in en_words)
    rid, ren = n_id / n, n_en / n
    if n_id and rid >= ren and (rid >= ID_MIN_RATIO or n < MIN_WORDS):
        return LangGuess("id", n >= MIN_WORDS, n, rid, ren)
    if n >= MIN_WORDS and ren >= EN_MIN_RATIO and rid <= ID_MAX_IN_FOREIGN:
        return LangGuess("en", True, n, rid, ren)
    return LangGuess("und", False, n, rid, ren)
