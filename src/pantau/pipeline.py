"""Ordered stages, checked when the pipeline is built.

A stage is a plain function ``fn(doc, res) -> None`` wrapped by :func:`stage`, which records its
name and what it requires and provides.  ``Pipeline`` refuses an order where a stage needs
something no earlier stage provides, so a mis-assembled pipeline fails at start-up, not halfway
through a 100,000-article ingest.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from . import __version__
from .doc import Doc, RawDoc
from .errors import PipelineError
from .model import Article
from .resources import Resources, get_resources

StageFn = Callable[[Doc, Resources], None]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    fn: StageFn
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, doc: Doc, res: Resources) -> None:
        self.fn(doc, res)


def stage(name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()) -> Callable[[StageFn], Stage]:
    def wrap(fn: StageFn) -> Stage:
        return Stage(name, fn, frozenset(requires), frozenset(provides))

    return wrap


#: the default order; each module under pantau.stages exposes ``STAGE``
DEFAULT_STAGES: tuple[str, ...] = (
    "normalize", "layout", "segment", "dates", "entities", "quotes", "events",
)


#: how many inputs ``Pipeline.pipe`` takes through the stages together.  Small on purpose: a
#: batch's objects live until it is done, and past ~10 articles they outlive the garbage
#: collector's youngest generation and get scanned again and again in the older ones (costly in a
#: process with many other live objects); 8 keeps most of the gain (docs/benchmarks.md)
BATCH_SIZE = 8
_PENDING = PipelineError("not analysed")  # a placeholder every slot loses before it is returned


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        have: set[str] = {"raw"}
        for st in stages:
            missing = st.requires - have
            if missing:
                raise PipelineError(f"stage {st.name!r} requires {sorted(missing)}, which no earlier stage provides")
            have |= st.provides
        self.stages = tuple(stages)
        self.provides = frozenset(have)

    @classmethod
    def default(cls, names: Sequence[str] = DEFAULT_STAGES) -> "Pipeline":
        found: list[Stage] = []
        for name in names:
            mod = importlib.import_module(f"pantau.stages.{name}")
            found.append(mod.STAGE)
        return cls(found)

    def run(self, raw: RawDoc, *, layout: str = "auto", published: dt.date | None = None,
            resources: Resources | None = None) -> Article:
        res = resources or get_resources()
        doc = Doc(raw=raw, layout=layout, published=published)
        for st in self.stages:
            st.fn(doc, res)
        return doc.freeze(article_id(raw, doc.text), __version__)

    def pipe(self, raws: Iterable[RawDoc], *, layout: str = "auto",
             published: Callable[[RawDoc], dt.date | None] | dt.date | None = None,
             resources: Resources | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Article | Exception]:
        """Analyse many inputs: for each, in order, its Article or the exception that stopped it.

        The inputs go through the stages in batches of ``batch_size``, each stage over the whole
        batch before the next: a stage's code and patterns stay in the processor's caches (and its
        branches predicted) across the batch instead of being pushed out by the other stages after
        every article (issue 2's stages ~7% faster; docs/benchmarks.md).  A failing input leaves
        the batch at the stage that failed; the others go on.  ``published`` is a date, or a
        function giving each input's.
        """
        res = resources or get_resources()
        fns = [st.fn for st in self.stages]
        batch: list[RawDoc] = []
        for raw in raws:
            batch.append(raw)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, fns, layout, published, res)
                batch = []
        if batch:
            yield from self._run_batch(batch, fns, layout, published, res)

    @staticmethod
    def _run_batch(raws: list[RawDoc], fns: list[StageFn], layout: str,
                   published: Callable[[RawDoc], dt.date | None] | dt.date | None,
                   res: Resources) -> list[Article | Exception]:
        out: list[Article | Exception] = []
        docs: list[tuple[int, Doc]] = []
        for raw in raws:
            pub = published(raw) if callable(published) else published
            docs.append((len(out), Doc(raw=raw, layout=layout, published=pub)))
            out.append(_PENDING)
        for fn in fns:
            alive = []
            for k, doc in docs:
                try:
                    fn(doc, res)
                except Exception as exc:  # noqa: BLE001 - the caller decides; the batch goes on
                    out[k] = exc
                else:
                    alive.append((k, doc))
            docs = alive
        for k, doc in docs:
            try:
                out[k] = doc.freeze(article_id(doc.raw, doc.text), __version__)
            except Exception as exc:  # noqa: BLE001
                out[k] = exc
        return out


def article_id(raw: RawDoc, text: str) -> str:
    """The record's id, else its URL, else a hash of its normalised content (stable across runs)."""
    if raw.id:
        return str(raw.id)
    if raw.url:
        return raw.url
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.default()
    return _DEFAULT


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """A record's publication date, leniently: ``2019-10-09``, ``2019-10-09T00:00:00``, a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def analyze_many(items: Iterable[str | RawDoc], *, published: str | dt.date | None = None, layout: str = "auto",
                 resources: Resources | None = None, pipeline: Pipeline | None = None,
                 batch_size: int = BATCH_SIZE) -> Iterator[Article | Exception]:
    """``analyze`` for many inputs, in batches (``Pipeline.pipe``): for each input, in order, its
    Article or the exception that stopped it (a bad input never stops the others)."""
    fallback = parse_date(published)
    raws = (it if isinstance(it, RawDoc) else RawDoc(text=it) for it in items)
    return (pipeline or default_pipeline()).pipe(
        raws, layout=layout, published=lambda raw: parse_date(raw.published) or fallback,
        resources=resources, batch_size=batch_size)


def analyze(text_or_raw: str | RawDoc, *, published: str | dt.date | None = None, layout: str = "auto",
            resources: Resources | None = None, pipeline: Pipeline | None = None) -> Article:
    """Analyse one article.  ``published`` anchors relative dates when the record has none."""
    raw = text_or_raw if isinstance(text_or_raw, RawDoc) else RawDoc(text=text_or_raw)
    pub = parse_date(raw.published) or parse_date(published)
    return (pipeline or default_pipeline()).run(raw, layout=layout, published=pub, resources=resources)
