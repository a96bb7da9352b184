"""The working state that stages pass along, and the raw input that starts it.

``RawDoc`` is what a reader yields: decoded text plus whatever metadata the record carried.
``Doc`` is mutable while the pipeline runs; ``Doc.freeze()`` turns it into the immutable
``Article`` of CONTRACT.md.  Stages read and write only the fields they declare.
"""
from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from typing import Any

from .model import Article, DateRef, Dateline, Entity, Event, Quote, Span

_new_object = object.__new__  # (Sentence.lazy)

#: a ``spaced`` tokenizer match's token offsets (pantau.tokenize.TOKEN_SPAN)
_TOKEN_SPAN = operator.methodcaller("span", 1)

#: zone kinds that later stages analyse (CONTRACT.md: "found in the headline, lead and body only")
ANALYSED_ZONES = frozenset({"headline", "lead", "body"})


@dataclass(slots=True)
class RawDoc:
    """One input record, decoded but not yet normalised.

    ``text`` is the whole file for an article-layout ``.txt``; for a JSON/CSV record it is the body
    field, and ``title``/``rubric`` carry the record's own fields.
    """

    text: str
    id: str | None = None
    title: str | None = None
    rubric: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = "<text>"  # where it came from, for error messages: "a.jsonl:17"
    kind: str = "text"  # "article" (txt layout), "record" (json/csv/...), "text"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Zone:
    """A layout region of ``Doc.text``.

    kind: rubric | headline | lead | dateline | body | related | boilerplate.
    ``repeated`` marks a lead the body repeats word for word, so quote and event stages skip it
    (its entities still count as mentions).
    """

    kind: str
    start: int
    end: int
    repeated: bool = False


class Sentence:
    """A sentence of ``Doc.text``: ``start``/``end`` offsets, ``zone`` (index into Doc.zones) and
    ``tokens`` (``(start, end)`` offsets into Doc.text).

    Tokens are given, or computed on first access: the segment stage passes ``text`` and a
    ``finditer`` (the tokenizer's ``spaced`` pattern) instead, so a pipeline that never reads a
    sentence's tokens never pays for them (a Match and a tuple per token is most of the cost of
    segmenting).  ``s.tokens`` reads the same either way and is cached on the object.
    """

    __slots__ = ("start", "end", "zone", "_tokens", "_text", "_finditer")

    def __init__(self, start: int, end: int, zone: int, tokens: list[tuple[int, int]] | None = None,
                 *, text: str | None = None, finditer: Any = None) -> None:
        self.start, self.end, self.zone = start, end, zone
        if tokens is None and finditer is None:
            tokens = []
        self._tokens = tokens
        self._text, self._finditer = text, finditer

    @classmethod
    def lazy(cls, start: int, end: int, zone: int, text: str, finditer: Any) -> "Sentence":
        """A sentence whose tokens are computed when first read, as ``Sentence(start, end, zone,
        text=text, finditer=finditer)``, made without ``__init__``'s argument handling (the
        segment stage makes one per sentence of every article: ~2.5x faster)."""
        s = _new_object(cls)
        s.start, s.end, s.zone = start, end, zone
        s._tokens, s._text, s._finditer = None, text, finditer
        return s

    @property
    def tokens(self) -> list[tuple[int, int]]:
        toks = self._tokens
        if toks is None:
            # group 1 of a ``spaced`` match is the token (pantau.tokenize.spaced_pattern)
            toks = self._tokens = list(map(_TOKEN_SPAN, self._finditer(self._text, self.start, self.end)))
            self._text = self._finditer = None
        return toks

    @tokens.setter
    def tokens(self, value: list[tuple[int, int]]) -> None:
        self._tokens, self._text, self._finditer = value, None, None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sentence):
            return NotImplemented
        return (self.start, self.end, self.zone, self.tokens) == (other.start, other.end, other.zone, other.tokens)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it replaces

    def __repr__(self) -> str:
        return f"Sentence(start={self.start}, end={self.end}, zone={self.zone}, tokens={self.tokens!r})"


@dataclass(slots=True)
class Doc:
    raw: RawDoc
    text: str = ""
    layout: str = "auto"
    published: dt.date | None = None
    zones: list[Zone] = field(default_factory=list)
    rubric: Span | None = None
    headline: Span | None = None
    lead: Span | None = None
    dateline: Dateline | None = None
    body: list[Span] = field(default_factory=list)
    related: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    language: str | None = None
    #: scratch space for stage-to-stage data that is not part of the record (e.g. raw NER spans)
    notes: dict[str, Any] = field(default_factory=dict)

    def analysed_zones(self, *, skip_repeated: bool = False) -> list[Zone]:
        return [z for z in self.zones if z.kind in ANALYSED_ZONES and not (skip_repeated and z.repeated)]

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def freeze(self, article_id: str, version: str | None = None) -> Article:
        return Article(
            id=article_id, text=self.text, url=self.raw.url, source=self.raw.source,
            rubric=self.rubric.text if self.rubric else None,
            headline=self.headline.text if self.headline else None,
            lead=self.lead.text if self.lead else None,
            dateline=self.dateline,
            published=self.published.isoformat() if self.published else None,
            body=[s.text for s in self.body], related=[s.text for s in self.related],
            entities=list(self.entities), quotes=list(self.quotes), events=list(self.events),
            dates=list(self.dates), warnings=list(self.warnings), language=self.language,
            pantau_version=version,
        )
