"""The statistical name tagger: a linear-chain CRF (crfsuite) over word-type features.

Shipped model files (``src/pantau/models``), rebuilt by ``pantau train ner``:
- ``ner-crf.crfsuite``: the CRF weights;
- ``ner-crf.gaz.tsv``: the token-level gazetteer used as features;
- ``ner-crf.names.tsv``: full names (countries, regions, DBpedia people/organisations/places) matched
  longest-first as features;
- ``clusters.tsv``: word clusters learnt from unlabelled news (``pantau.ner.clusters``).

Tags are BIO with the types ``PER``, ``ORG`` and ``LOC`` (LOC: any place, countries and cities
included; the entities stage decides GPE vs LOC).

    tagger = CrfTagger.load()
    tagger.tag(["Presiden", "Joko", "Widodo", "tiba", "di", "Bandung", "."])
    # ['O', 'B-PER', 'I-PER', 'O', 'O', 'B-LOC', 'O']
"""
from __future__ import annotations

import itertools
import struct
from collections.abc import Callable, Sequence
from typing import Any
from pathlib import Path

import numpy as np
import pycrfsuite

from ..errors import ResourceError
from ..resources import MODELS_DIR, Resources, cached, model_path
from . import clusters as clusters_module
from . import features as features_module
from .clusters import read_clusters
from .features import Featurizer, ItemBuilder
from . import scores as scores_module
from .scores import ModelWeights, StateItems

MODEL_NAME = "ner-crf.crfsuite"
GAZETTEER_NAME = "ner-crf.gaz.tsv"
NAMES_NAME = "ner-crf.names.tsv"
CLUSTERS_NAME = "clusters.tsv"
TYPES = ("PER", "ORG", "LOC")
#: how many of the most frequent cluster-vocabulary words get their tagger scores precomputed
PRELOAD_WORDS = 50_000


def read_gazetteer(path: Path) -> dict[str, tuple[str, ...]]:
    """``token<TAB>CLASS[,CLASS...]`` lines; '#' lines are comments."""
    table: dict[str, tuple[str, ...]] = {}
    # the names list has ~175k rows but only a handful of distinct class lists: share one tuple per
    # list (loading time is part of every `pantau analyze` process)
    shared: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    for line in lines:
        if not line or line[0] == "#" or not line.strip():
            continue
        tok, _, classes = line.partition("\t")
        cls = shared.get(classes)
        if cls is None:
            cls = shared[classes] = tuple(c for c in classes.strip().split(",") if c)
        table[tok] = cls
    return table


def load_featurizer(model_dir: Path) -> Featurizer:
    """The featurizer with the lexicons that sit next to the model."""
    cpath, gpath, npath = model_dir / CLUSTERS_NAME, model_dir / GAZETTEER_NAME, model_dir / NAMES_NAME
    for p in (cpath, gpath, npath):
        if not p.exists():
            raise ResourceError(f"missing NER resource {p}", hint="run `pantau train ner` (make models)")
    if model_dir.resolve() == MODELS_DIR.resolve():  # the shipped lexicons: cached between processes
        code = [Path(__file__), Path(features_module.__file__), Path(clusters_module.__file__)]
        return cached("ner-lexicons", [cpath, gpath, npath, *code], lambda: _read_featurizer(cpath, gpath, npath))
    return _read_featurizer(cpath, gpath, npath)


def _read_featurizer(cpath: Path, gpath: Path, npath: Path) -> Featurizer:
    cnames, clusters = read_clusters(cpath)
    return Featurizer(clusters=clusters, cluster_names=cnames, gazetteer=read_gazetteer(gpath),
                      names=read_gazetteer(npath))


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans of a BIO sequence; a stray I- opens a span, as conlleval does."""
    out: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, t in enumerate(list(tags) + ["O"]):
        pre, _, lab = t.partition("-")
        if t == "O" or pre == "B" or lab != typ:
            if start >= 0:
                out.append((start, i, typ))
            start, typ = (i, lab) if t != "O" else (-1, "")
    return out


def model_attributes(model_file: Path) -> frozenset[bytes] | None:
    """Every attribute (feature string) a crfsuite model has weights for, read from the model's
    attribute dictionary (a CQDB chunk); None when the file is not laid out as expected.

    Layout (crfsuite ``crf1d_model.c``/``cqdb.c``, little-endian): the file header holds the number of
    attributes at byte 24 and the offset of the attribute CQDB at byte 36; a CQDB chunk header is ``"CQDB", size, flag, byteorder,
    bwd_size, bwd_offset``, its backward array the offset of each record, and a record is
    ``id, key size, key + NUL``."""
    try:
        data = Path(model_file).read_bytes()
        if data[:4] != b"lCRF":
            return None
        (num_attrs,) = struct.unpack_from("<I", data, 24)
        (off_attrs,) = struct.unpack_from("<I", data, 36)
        chunk, _size, _flag, _order, n, bwd = struct.unpack_from("<4sIIIII", data, off_attrs)
        if chunk != b"CQDB" or n != num_attrs:
            return None
        out = set()
        for off in struct.unpack_from(f"<{n}I", data, off_attrs + bwd):
            if not off:
                continue
            ksize = struct.unpack_from("<I", data, off_attrs + off + 4)[0]
            out.add(data[off_attrs + off + 8:off_attrs + off + 7 + ksize])
        # a layout this reader misunderstood must not silently drop features: then keep them all
        return frozenset(out) if len(out) == num_attrs else None
    except (OSError, struct.error):
        return None


class CrfTagger:
    """Tags tokenised sentences with PER/ORG/LOC in BIO.  Not thread-safe (one per thread/process)."""

    def __init__(self, model_file: Path, featurizer: Featurizer) -> None:
        self.model_file = Path(model_file)
        self.featurizer = featurizer
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(model_file))
        except (OSError, ValueError) as exc:
            raise ResourceError(f"cannot open NER model {model_file}: {exc}",
                                hint="run `pantau train ner` (make models)") from exc
        self.labels: tuple[str, ...] = tuple(self._tagger.labels())
        # the model's weights, to hand crfsuite state scores computed per word type (faster than
        # its attributes, same tags: pantau.ner.scores); None keeps the attribute path
        weights = ModelWeights.read(self.model_file)
        if weights is not None and weights.labels != self.labels:
            weights = None
        known = frozenset(weights.aid) if weights is not None else model_attributes(self.model_file)
        # attributes as crfsuite gets them: bytes, only those the model knows (same tags, faster)
        self.items = ItemBuilder(featurizer, known)
        self.state: StateItems | None = StateItems(self.items, weights) if weights is not None else None
        self._seq = 0  # counts tagged sequences: a lazy marginal answers for its own sequence only
        if self.state is not None and self.model_file.parent.resolve() == MODELS_DIR.resolve():
            self._preload(self.state)

    def _preload(self, state: StateItems) -> None:
        """The shipped model's word-type scores for its most frequent words (the head of the cluster
        vocabulary, as written and capitalised), computed once and cached between processes: a
        fresh process would otherwise spend ~50 µs on each word type the first time it meets it."""
        fz = self.featurizer
        vocab = [w for w in itertools.islice(fz.clusters, PRELOAD_WORDS)]

        def build() -> tuple:
            fresh = StateItems(self.items, state.mw)
            fresh.preload([f for w in vocab for f in (w, w[:1].upper() + w[1:])])
            return fresh.table()

        d = self.model_file.parent
        # numpy's own file too: the table holds a numpy array
        code = [Path(__file__), Path(features_module.__file__), Path(scores_module.__file__),
                Path(np.__file__)]
        sources = [self.model_file, d / CLUSTERS_NAME, d / GAZETTEER_NAME, d / NAMES_NAME, *code]
        try:
            state.load_table(cached("ner-types", sources, build))
        except (OSError, ValueError):  # the cache is a speed-up only
            pass

    @classmethod
    def load(cls, path: str | Path | None = None) -> "CrfTagger":
        """Load the shipped model, or the model file ``path`` with lexicons from its folder."""
        model_file = Path(path) if path else model_path(MODEL_NAME)
        if not model_file.exists():
            raise ResourceError(f"missing NER model {model_file}", hint="run `pantau train ner` (make models)")
        return cls(model_file, load_featurizer(model_file.parent))

    def prepare(self, seqs: Sequence[Sequence[str]]) -> list[Any]:
        """What :meth:`tag` hands crfsuite for each of ``seqs``, computed in one batch (cheaper than
        one by one); give each back to ``tag``/``tag_lazy`` with its own words."""
        if self.state is not None:
            return self.state.items_many([s for s in seqs if s]) if all(seqs) else \
                [self.state.items(s) if s else [] for s in seqs]
        return [self.items.items(s) if s else [] for s in seqs]

    def tag(self, words: Sequence[str], prepared: Any = None) -> list[str]:
        """BIO tags, one per word (``prepared``: this sentence's entry of :meth:`prepare`)."""
        if not words:
            return []
        self._seq += 1
        if prepared is not None:
            return self._tagger.tag(prepared)
        if self.state is not None:
            return self._tagger.tag(self.state.items(words))
        return self._tagger.tag(self.items.items(words))

    def tag_lazy(self, words: Sequence[str], prepared: Any = None) -> tuple[list[str], Callable[[int], float]]:
        """BIO tags, and a function giving the marginal probability of the tag at a position.

        Marginals cost a forward-backward pass; crfsuite runs it on the first marginal asked for, so
        a caller that needs them for a few tokens only pays nothing when it asks for none.  The
        function answers for this sequence until the next call that tags on this tagger (then it
        raises ``RuntimeError``)."""
        tags = self.tag(words, prepared)
        seq = self._seq
        marginal = self._tagger.marginal

        def marg(pos: int) -> float:
            if self._seq != seq:
                raise RuntimeError("the tagger has tagged another sequence since")
            return marginal(tags[pos], pos)

        return tags, marg

    def tag_marginals(self, words: Sequence[str]) -> tuple[list[str], list[float]]:
        """BIO tags and, per token, the marginal probability of its tag (a confidence for rules to
        weigh against gazetteer or rule evidence)."""
        if not words:
            return [], []
        tags, marg = self.tag_lazy(words)
        return tags, [marg(i) for i in range(len(tags))]

    def tag_spans(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """(start, end, type) token spans of the tagged names."""
        return spans(self.tag(words))


def get_tagger(res: Resources) -> CrfTagger:
    """The process-wide tagger (loaded once through the resources memo)."""
    return res.get("ner-crf", lambda _r: CrfTagger.load())
