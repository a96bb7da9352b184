"""Pantau: who said what, who did what to whom, where and when, in Indonesian news."""
from __future__ import annotations

__version__ = "0.1.0"

from .doc import RawDoc  # noqa: E402
from .model import Article, DateRef, Dateline, Entity, Event, EventMention, Quote, Span  # noqa: E402
from .pipeline import Pipeline, analyze  # noqa: E402

__all__ = ["__version__", "analyze", "Article", "DateRef", "Dateline", "Entity", "Event", "EventMention",
           "Pipeline", "Quote", "RawDoc", "Span"]
