"""RSS 2.0 and Atom feeds, and article URLs.

A feed names articles; Pantau fetches each linked page (``fetch.Fetcher``: polite, robots.txt
respected) and extracts it with the HTML reader.  A feed read from a local file whose items carry
their full text (``content:encoded`` or a long ``description``) is read without fetching anything.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from ..doc import RawDoc
from . import ReadFailure
from .core import MAX_BYTES, _Fail, _read_file_bytes, iso_date
from .fetch import Fetcher, FetchError
from .html import MIN_ARTICLE_CHARS, html_to_raw

_TAG = re.compile(r"<[^>]+>")
_FEED_HEAD = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)


@dataclass(slots=True)
class FeedItem:
    title: str | None
    link: str | None
    published: str | None
    content: str | None  # full text where the feed carries it (HTML)
    guid: str | None
    category: str | None


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    ct = content_type.lower()
    if "rss" in ct or "atom" in ct:
        return True
    return bool(_FEED_HEAD.search(data[:2048]))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag.split(":")[-1]


def _date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date().isoformat()  # RSS: RFC 822 dates
    except (TypeError, ValueError, IndexError):
        return iso_date(value)  # Atom: ISO 8601


def parse_feed(data: bytes) -> list[FeedItem]:
    """Items of an RSS 2.0 / RSS 1.0 / Atom document; raises ``ValueError`` when it is not a feed."""
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                             recover=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"malformed feed XML: {exc}") from None
    if root is None or _local(root.tag) not in ("rss", "feed", "RDF"):
        raise ValueError("not an RSS or Atom feed")
    items: list[FeedItem] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or _local(el.tag) not in ("item", "entry"):
            continue
        f: dict[str, Any] = {}
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = _local(child.tag)
            text = (child.text or "").strip()
            if name == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    f.setdefault("link", href)
                elif text:
                    f.setdefault("link", text)
            elif name in ("title", "guid", "id", "category"):
                f.setdefault(name, text or child.get("term"))
            elif name in ("pubDate", "published", "updated", "date"):
                f.setdefault("date", text)
            elif name in ("encoded", "content"):
                f["content"] = text
            elif name in ("description", "summary"):
                f.setdefault("summary", text)
        items.append(FeedItem(title=f.get("title"), link=f.get("link"), published=_date(f.get("date")),
                              content=f.get("content") or f.get("summary"), guid=f.get("guid") or f.get("id"),
                              category=f.get("category")))
    return items


def _item_text(item: FeedItem) -> str | None:
    """The item's own full text, when the feed carries a whole article (not a teaser)."""
    if not item.content:
        return None
    text = _TAG.sub("\n", item.content)
    text = re.sub(r"\n\s*\n+", "\n", text).strip()
    return text if len(text) >= MIN_ARTICLE_CHARS else None


def feed_items_to_raw(items: list[FeedItem], origin: str, fetcher: Fetcher | None) -> Iterator[Any]:
    for i, item in enumerate(items):
        where = f"{origin}#{i + 1}"
        text = _item_text(item)
        if text is not None:
            if len(text.encode("utf-8")) > MAX_BYTES:
                yield ReadFailure(where, f"too large: over {MAX_BYTES:,} bytes")
                continue
            yield RawDoc(text=text, title=item.title, published=item.published, url=item.link,
                         rubric=item.category, origin=where, kind="record", extra={"from": "feed"})
        elif item.link and fetcher is not None:
            yield from read_url(item.link, fetcher, published=item.published)
        elif item.link:
            yield ReadFailure(where, "feed item has only a link and fetching is off")
        else:
            yield ReadFailure(where, "feed item has neither text nor a link")


def read_feed_file(path: Path, fetcher: Fetcher | None = None) -> Iterator[Any]:
    name = str(path)
    try:
        data = _read_file_bytes(path, MAX_BYTES * 4)
    except _Fail as exc:
        yield ReadFailure(name, str(exc))
        return
    try:
        items = parse_feed(data)
    except ValueError as exc:
        yield ReadFailure(name, str(exc))
        return
    if not items:
        yield ReadFailure(name, "empty: the feed has no items")
        return
    yield from feed_items_to_raw(items, name, fetcher)


def read_url(url: str, fetcher: Fetcher, *, published: str | None = None) -> Iterator[Any]:
    """An article page or a feed at ``url``."""
    try:
        resp = fetcher.get(url)
    except FetchError as exc:
        yield ReadFailure(url, exc.line().removeprefix(f"{url}: "))
        return
    if looks_like_feed(resp.content, resp.content_type):
        try:
            items = parse_feed(resp.content)
        except ValueError as exc:
            yield ReadFailure(url, str(exc))
            return
        yield from feed_items_to_raw(items, url, fetcher)
        return
    raw = html_to_raw(resp.content, url, url=resp.url)
    if isinstance(raw, RawDoc) and published and not raw.published:
        raw.published = published
    yield raw
