"""A fast regex tokenizer for Indonesian news text, shared by the segment stage and later stages.

One compiled pattern does all the work, so tokenising is a single ``finditer`` pass in C:

* URLs, e-mail addresses and outlet domains (``KOMPAS.com``, ``kemlu.go.id``) stay whole;
* numbers with internal separators stay whole: ``1.500``, ``5,12%``, ``10.15``, ``19/3/2022``,
  ``2022-03-19``, ``10:15``;
* abbreviations from ``lang/id/abbreviations.tsv`` keep their period (``Dr.``, ``dll.``, ``S.H.``,
  ``M.Si.``, ``a.n.``), and so does a capital initial (``M. Hendra``, ``A. B. Smith``);
* words, hyphenated words (``kota-kota``, ``Covid-19``, ``ke-2``) and apostrophe words (``Jum'at``)
  are one token each;
* every other non-space character is its own token, except ``...`` and ``--``.

Tokens are ``(start, end)`` offsets into the text given; nothing is copied.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import ResourceError
from .resources import Resources, get_resources, lang_path

ABBREVIATION_KINDS = frozenset({"title", "final"})


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """The abbreviation table: ``title`` ones never end a sentence, ``final`` ones may."""

    title: frozenset[str]
    final: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.title | self.final

    def kind(self, word: str) -> str | None:
        """``title``, ``final`` or None for a word written with its final period (``Dr.``)."""
        for form in (word, word[:1].upper() + word[1:], word.lower()):
            if form in self.title:
                return "title"
            if form in self.final:
                return "final"
        return None


def load_abbreviations(path: str | None = None) -> Abbreviations:
    """Read ``abbreviations.tsv`` (abbr, kind, note); raise ResourceError on a malformed row."""
    p = lang_path("abbreviations.tsv") if path is None else path
    title: set[str] = set()
    final: set[str] = set()
    with open(p, encoding="utf-8") as fh:
        header_seen = False
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header_seen:
                header_seen = True
                if cols[:2] == ["abbr", "kind"]:
                    continue
            if len(cols) < 2 or not cols[0].endswith(".") or cols[1] not in ABBREVIATION_KINDS:
                raise ResourceError(f"abbreviations.tsv line {n}: expected 'abbr.<TAB>title|final<TAB>note'")
            (title if cols[1] == "title" else final).add(cols[0])
    return Abbreviations(frozenset(title), frozenset(final))


def _trie(words: set[str]) -> dict[str, dict]:
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _emit(node: dict[str, dict]) -> str:
    ends = "" in node
    alts = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if ends:
        body = "(?:" + body + ")?"
    return body


def trie_regex(words: set[str]) -> str:
    """One regex for a set of literals, shaped as a trie (``D(?:r\\.|ra\\.|rs\\.)``), so the
    engine checks a few characters per position instead of trying every alternative."""
    return _emit(_trie(words))


def _abbreviation_alternation(abbr: Abbreviations) -> str:
    forms: set[str] = set()
    for a in abbr.all:
        forms.add(a)
        forms.add(a[:1].upper() + a[1:])  # dll. also as Dll. at a sentence start
    return trie_regex(forms)


def build_token_pattern(abbr: Abbreviations) -> re.Pattern[str]:
    alts = _abbreviation_alternation(abbr)
    # The common cases come first with a guard, so most tokens are decided by the first branches:
    # a plain word or number not followed by ``.``/``@``/a separator, or a common mark.  Only the
    # rare positions (a word before a period, a number with separators) try the costly branches.
    return re.compile(
        r"https?://[^\s\"'<>()\[\]]*[^\s\"'<>()\[\].,;:!?]"  # URL, trailing punctuation left out
        r"|www\.[^\s\"'<>()\[\]]*[^\s\"'<>()\[\].,;:!?]"
        r"|[A-Za-z]+(?:[-'’]\w+)*(?![\w.@'’-])"  # fast path: a word not before a period
        r"|\d+(?![\w.,:/%@-])"  # fast path: a plain number
        r"|[,;:!?()\"“”‘’\[\]]"  # fast path: common marks
        r"|[\w.+-]{1,64}@\w[\w-]*(?:\.\w[\w-]*)+"  # e-mail (bounded: no quadratic scan on "a.a.a.a")
        r"|\w+(?:\.(?i:com|co|id|net|org|go|ac|or|tv|news|info|sch|web|my|sg|uk|au))+(?!\w)"  # domains
        r"|\d+(?:[.,:/]\d+)+%?(?!\w)"  # 1.500  5,12%  10.15  19/3/2022
        r"|\d+%"
        rf"|(?<![\w.])(?:{alts})(?!\w)"  # abbreviations from the table, period included
        r"|(?<![\w.])(?:[A-Z]\.)+(?!\w)"  # initials: M.  A.B.
        r"|\w+(?:[-'’]\w+)*"  # words, hyphenated words, 2022-03-19
        r"|\.{2,}|-{2,}|[^\w\s]"  # ellipsis, dash, any other mark
    )


def spaced_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``\\s*(pattern)``: each match takes the white space before its token along (group 1 is the
    token).  The token pattern has no fast first-character scan, so ``finditer`` would try all
    its branches at every space; consuming the spaces in the match is ~1.5x faster and finds the
    same tokens (a token never starts with or contains white space)."""
    return re.compile(r"\s*(" + pattern.pattern + ")", pattern.flags)


#: a ``spaced`` match's token offsets
TOKEN_SPAN = operator.methodcaller("span", 1)


@dataclass(frozen=True, slots=True)
class Tokenizer:
    abbreviations: Abbreviations
    pattern: re.Pattern[str]
    #: ``spaced_pattern(pattern)``, for fast offsets: ``map(TOKEN_SPAN, spaced.finditer(...))``
    spaced: re.Pattern[str]

    @classmethod
    def build(cls, abbr: Abbreviations) -> "Tokenizer":
        pattern = build_token_pattern(abbr)
        return cls(abbr, pattern, spaced_pattern(pattern))

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Token offsets of ``text[start:end]`` (offsets index ``text`` itself)."""
        return list(map(TOKEN_SPAN, self.spaced.finditer(text, start, len(text) if end is None else end)))

    def words(self, text: str) -> list[str]:
        return self.pattern.findall(text)

    def iter(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, start, len(text) if end is None else end)


def get_abbreviations(res: Resources | None = None) -> Abbreviations:
    return (res or get_resources()).get("abbreviations", lambda _r: load_abbreviations())


def get_tokenizer(res: Resources | None = None) -> Tokenizer:
    """The process-wide tokenizer (built once per Resources)."""
    res = res or get_resources()
    # Resources.get holds a non-reentrant lock while a factory runs, so fetch the table first
    # instead of nesting one get inside another's factory.
    abbr = get_abbreviations(res)
    return res.get("tokenizer", lambda _r: Tokenizer.build(abbr))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets with the default resources: ``tokenize("Dr. Budi datang.")``."""
    return get_tokenizer().spans(text, start, end)


def token_texts(text: str) -> list[str]:
    """The tokens as strings (for tests and quick looks)."""
    return get_tokenizer().words(text)
