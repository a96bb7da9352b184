"""The analysis record and its parts.

Every span carries character offsets into ``Article.text`` (the normalised full article as read,
rubric and headline lines included).  The classes are slotted dataclasses with ``to_dict`` /
``from_dict`` that follow ``CONTRACT.md`` exactly, so the store, the web API and external tools
all read one shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

EntityType = Literal["PER", "ORG", "GPE", "LOC"]
QuoteKind = Literal["direct", "indirect"]
# "week" (ISO week value such as 2019-W37) is our addition for "pekan lalu", "minggu depan"
Precision = Literal["day", "week", "month", "year"]


def _drop_private(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_")}


@dataclass(slots=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


Mention = Span


@dataclass(slots=True)
class Dateline:
    outlet: str | None
    place: str | None
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "place": self.place, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Dateline":
        return cls(d.get("outlet"), d.get("place"), int(d.get("start", 0)), int(d.get("end", 0)))


@dataclass(slots=True)
class Entity:
    name: str
    type: str  # EntityType
    id: str | None = None
    country: str | None = None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    confidence: float | None = None
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "type": self.type, "id": self.id, "country": self.country,
            "role": self.role, "mentions": [m.to_dict() for m in self.mentions],
            "aliases": list(self.aliases), "confidence": self.confidence, "by": self.by,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(
            name=d["name"], type=d["type"], id=d.get("id"), country=d.get("country"), role=d.get("role"),
            mentions=[Span.from_dict(m) for m in d.get("mentions") or []], aliases=list(d.get("aliases") or []),
            confidence=d.get("confidence"), by=d.get("by"),
        )


@dataclass(slots=True)
class Quote:
    text: str
    kind: str  # QuoteKind
    speaker: str | None
    cue: str | None
    start: int
    end: int
    via: str | None = None
    speaker_id: str | None = None
    speaker_type: str | None = None
    confidence: float | None = None
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "kind": self.kind, "speaker": self.speaker, "cue": self.cue, "via": self.via,
            "start": self.start, "end": self.end, "speaker_id": self.speaker_id,
            "speaker_type": self.speaker_type, "confidence": self.confidence, "by": self.by,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        return cls(
            text=d["text"], kind=d["kind"], speaker=d.get("speaker"), cue=d.get("cue"),
            start=int(d["start"]), end=int(d["end"]), via=d.get("via"), speaker_id=d.get("speaker_id"),
            speaker_type=d.get("speaker_type"), confidence=d.get("confidence"), by=d.get("by"),
        )


@dataclass(slots=True)
class EventMention:
    evidence: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"evidence": self.evidence, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "EventMention":
        return cls(d["evidence"], int(d["start"]), int(d["end"]))


@dataclass(slots=True)
class Event:
    source: str
    source_country: str
    target: str
    target_country: str
    code: str
    root: str
    quad: int
    goldstein: float
    evidence: str
    start: int
    end: int
    mentions: list[EventMention] = field(default_factory=list)
    source_name: str | None = None
    target_name: str | None = None
    confidence: float | None = None
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "source_country": self.source_country, "target": self.target,
            "target_country": self.target_country, "code": self.code, "root": self.root, "quad": self.quad,
            "goldstein": self.goldstein, "evidence": self.evidence, "start": self.start, "end": self.end,
            "mentions": [m.to_dict() for m in self.mentions], "source_name": self.source_name,
            "target_name": self.target_name, "confidence": self.confidence, "by": self.by,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(
            source=d["source"], source_country=d["source_country"], target=d["target"],
            target_country=d["target_country"], code=str(d["code"]), root=str(d["root"]), quad=int(d["quad"]),
            goldstein=float(d["goldstein"]), evidence=d["evidence"], start=int(d["start"]), end=int(d["end"]),
            mentions=[EventMention.from_dict(m) for m in d.get("mentions") or []],
            source_name=d.get("source_name"), target_name=d.get("target_name"),
            confidence=d.get("confidence"), by=d.get("by"),
        )


@dataclass(slots=True)
class DateRef:
    text: str
    value: str
    precision: str  # Precision
    start: int
    end: int
    relative: bool = False
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "precision": self.precision, "start": self.start,
                "end": self.end, "relative": self.relative, "anchor": self.anchor}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DateRef":
        return cls(d["text"], d["value"], d.get("precision", "day"), int(d["start"]), int(d["end"]),
                   bool(d.get("relative", False)), d.get("anchor"))


@dataclass(slots=True, frozen=True)
class Article:
    """One analysed article: the record of CONTRACT.md (immutable once built)."""

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    rubric: str | None = None
    headline: str | None = None
    lead: str | None = None
    dateline: Dateline | None = None
    published: str | None = None
    body: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    language: str | None = None
    pantau_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "url": self.url, "source": self.source, "text": self.text,
            "rubric": self.rubric, "headline": self.headline, "lead": self.lead,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "published": self.published, "body": list(self.body), "related": list(self.related),
            "entities": [e.to_dict() for e in self.entities], "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events], "dates": [d.to_dict() for d in self.dates],
            "warnings": list(self.warnings), "language": self.language, "pantau_version": self.pantau_version,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        names = {f.name for f in fields(cls)}
        return cls(
            id=str(d["id"]), text=d["text"], url=d.get("url"), source=d.get("source"), rubric=d.get("rubric"),
            headline=d.get("headline"), lead=d.get("lead"),
            dateline=Dateline.from_dict(d["dateline"]) if d.get("dateline") else None,
            published=d.get("published"), body=list(d.get("body") or []), related=list(d.get("related") or []),
            entities=[Entity.from_dict(e) for e in d.get("entities") or []],
            quotes=[Quote.from_dict(q) for q in d.get("quotes") or []],
            events=[Event.from_dict(e) for e in d.get("events") or []],
            dates=[DateRef.from_dict(x) for x in d.get("dates") or []],
            warnings=list(d.get("warnings") or []),
            **{k: d.get(k) for k in ("language", "pantau_version") if k in names},
        )
