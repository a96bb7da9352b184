"""Token features for the CRF name tagger, computed once per word type.

A token's features are its own word-type features plus those of its neighbours at -2..+2, each with
an offset prefix.  Everything that depends on the word alone (lower-cased form, shape, affixes,
cluster ids, gazetteer classes, how often the word is capitalised in news) is built once per distinct
word and kept in a cache dict, so tagging a sentence is mostly list concatenation: that is what makes
the tagger fast in pure Python.

Features are plain strings (crfsuite attributes with weight 1).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

_DIGIT = re.compile(r"\d")
#: cache bound: news has a long tail of word types; past this we stop caching new ones
_CACHE_MAX = 300_000


def shape(word: str) -> str:
    """'Jakarta' -> 'Xxxxxxx' (cut to 8 chars), 'KPK' -> 'XXX', '2019' -> 'dddd'."""
    out = []
    for ch in word[:8]:
        if ch.isupper():
            out.append("X")
        elif ch.islower():
            out.append("x")
        elif ch.isdigit():
            out.append("d")
        else:
            out.append(ch)
    return "".join(out)


def short_shape(word: str) -> str:
    """Shape with repeated classes collapsed: 'Jakarta' -> 'Xx', 'non-kader' -> 'x-x', 'SBY' -> 'X'."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


@dataclass
class WordFeatures:
    own: list[str]
    #: the same word seen from a neighbour: index 0..3 for offsets -2, -1, +1, +2
    ctx: tuple[list[str], list[str], list[str], list[str]]
    cap: bool
    norm: str
    k256: str


@dataclass
class Featurizer:
    """Builds crfsuite attribute lists for sentences.

    clusters: lower-cased word -> cluster ids (one per granularity) followed by the capitalisation
    bucket (see ``pantau.ner.clusters``); gazetteer: lower-cased token -> classes, e.g. ("LOC",).
    """

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cluster_names: tuple[str, ...] = ()
    gazetteer: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: full names as written ("Joko Widodo") -> classes; matched longest-first at capitalised words
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: cluster columns given to the neighbours at -1/+1 and at -2/+2, and whether a capitalised run
    #: also sees the clusters of the words around it (chosen by cross-validation, docs/ner.md)
    near_columns: tuple[str, ...] = ("k64", "k256", "k1024", "k2048", "cap")
    far_columns: tuple[str, ...] = ()
    run_clusters: bool = False
    _cache: dict[str, WordFeatures] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # first word -> the lengths (in words) of the names starting with it, longest first, so
        # matching tries only lengths some name has
        lens: dict[str, set[int]] = {}
        for name in self.names:
            parts = name.split(" ")
            lens.setdefault(parts[0], set()).add(len(parts))
        shared: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._first_len: dict[str, tuple[int, ...]] = {}
        for first, ls in lens.items():
            key = tuple(sorted(ls, reverse=True))
            self._first_len[first] = shared.setdefault(key, key)

    def name_matches(self, words: Sequence[str]) -> list[tuple[int, int, tuple[str, ...]]]:
        """Longest full-name matches, left to right, not overlapping: (start, end, classes)."""
        out = []
        first_len = self._first_len
        names = self.names
        i, n = 0, len(words)
        while i < n:
            lengths = first_len.get(words[i])
            if lengths:
                for k in lengths:
                    if i + k > n:
                        continue
                    cls = names.get(" ".join(words[i:i + k])) if k > 1 else names.get(words[i])
                    if cls:
                        out.append((i, i + k, cls))
                        i += k - 1
                        break
            i += 1
        return out

    def word(self, w: str) -> WordFeatures:
        try:
            return self._cache[w]
        except KeyError:
            pass
        wf = self._build(w)
        if len(self._cache) < _CACHE_MAX:
            self._cache[w] = wf
        return wf

    def _build(self, w: str) -> WordFeatures:
        low = w.lower()
        norm = _DIGIT.sub("0", low)
        sh = shape(w)
        ss = short_shape(w)
        cap = w[:1].isupper()
        own = ["b", "w=" + norm, "s=" + sh, "ss=" + ss]
        n = len(low)
        for k in (1, 2, 3, 4):
            if n > k:
                own.append(f"p{k}=" + low[:k])
                own.append(f"x{k}=" + low[-k:])
        if n <= 2:
            own.append("len<=2")
        if w.isupper() and n > 1 and w.isalpha():
            own.append("allcap")
        if "-" in w and n > 1:
            own.append("hyph")
        cl = self.clusters.get(low)
        names = self.cluster_names
        cl_feats: list[str] = []
        if cl is not None:
            for name, cid in zip(names, cl):
                cl_feats.append(f"{name}={cid}")
        else:
            cl_feats.append("c=none")
        own.extend(cl_feats)
        gz = self.gazetteer.get(low) if cap else None
        gz_feats = [f"g={g}" for g in gz] if gz else []
        own.extend(gz_feats)
        # neighbours: word, shape, suffix, clusters, the capitalisation habit and gazetteer classes;
        # far neighbours only word and shape (their clusters did not help in cross-validation)
        near_cl = [f for f in cl_feats if f.split("=", 1)[0] in self.near_columns or f == "c=none"]
        far_cl = [f for f in cl_feats if f.split("=", 1)[0] in self.far_columns or f == "c=none"]
        near = ["w=" + norm, "ss=" + ss, "x3=" + low[-3:]] + near_cl + gz_feats
        far = ["w=" + norm, "ss=" + ss] + far_cl
        ctx = (
            ["-2:" + f for f in far],
            ["-1:" + f for f in near],
            ["+1:" + f for f in near],
            ["+2:" + f for f in far],
        )
        k256 = next((f[5:] for f in cl_feats if f.startswith("k256=")), "none")
        return WordFeatures(own, ctx, cap, norm, k256)

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """Attribute lists for a tokenised sentence."""
        wfs = [self.word(w) for w in words]
        n = len(wfs)
        out: list[list[str]] = []
        for i, wf in enumerate(wfs):
            feats = list(wf.own)
            if i == 0:
                feats.append("BOS")
                feats.append("first&ss=" + wf.own[3][3:])
            else:
                feats += wfs[i - 1].ctx[1]
                if i > 1:
                    feats += wfs[i - 2].ctx[0]
                else:
                    feats.append("-2:BOS")
                feats.append("ww=" + wfs[i - 1].norm + "|" + wf.norm)
                # capitalised run: inside a sequence of capitalised words (names are multi-word)
                if wf.cap and wfs[i - 1].cap:
                    feats.append("capprev")
            if i + 1 < n:
                feats += wfs[i + 1].ctx[2]
                if i + 2 < n:
                    feats += wfs[i + 2].ctx[3]
                else:
                    feats.append("+2:EOS")
                if wf.cap and wfs[i + 1].cap:
                    feats.append("capnext")
            else:
                feats.append("EOS")
            out.append(feats)
        if self.names:
            for a, b, cls in self.name_matches(words):
                for k in range(a, b):
                    pos = "B" if k == a else "I"
                    out[k].extend(f"G={pos}-{c}" for c in cls)
                    if b - a > 1:
                        out[k].append("Gmulti")
        # a run of capitalised words is a name candidate: give each of its words the words just
        # outside the run ("kata Joko Widodo ,": kata / ,), however long the run is
        i = 0
        while i < n:
            if not wfs[i].cap:
                i += 1
                continue
            j = i
            while j < n and wfs[j].cap:
                j += 1
            left = wfs[i - 1] if i > 0 else None
            right = wfs[j] if j < n else None
            extra = [
                "rl=" + (left.norm if left else "BOS"),
                "rr=" + (right.norm if right else "EOS"),
                "rlen=" + str(min(j - i, 4)),
            ]
            if self.run_clusters:
                extra.append("rlc=" + (left.k256 if left else "BOS"))
                extra.append("rrc=" + (right.k256 if right else "EOS"))
            for k in range(i, j):
                out[k].extend(extra)
                out[k].append("rpos=" + ("S" if j - i == 1 else "B" if k == i else "E" if k == j - 1 else "I"))
            i = j
        return out


class _AllKnown:
    """Stands for the model's attribute set when it could not be read: keeps every feature."""

    def __contains__(self, _item: object) -> bool:
        return True


class _TypeItems(NamedTuple):
    """One word type as crfsuite attributes (UTF-8 bytes), only those the model has weights for.
    Tuples all the way down: the cyclic garbage collector stops scanning them once they are old."""

    own: tuple[bytes, ...]
    m2: tuple[bytes, ...]  # seen from the word two to the right ("-2:...")
    m1: tuple[bytes, ...]
    p1: tuple[bytes, ...]
    p2: tuple[bytes, ...]
    first: tuple[bytes, ...]  # BOS and first&ss=, for a sentence-initial word
    cap: bool
    norm: bytes
    k256: bytes


class ItemBuilder:
    """Inference-side twin of :meth:`Featurizer.sentence`: the same attributes in the same order, as
    UTF-8 bytes, without those the model has no weight for.

    crfsuite skips an attribute its model does not know and sums the weights of the others in item
    order, so dropping unknown attributes and keeping the order gives bit-identical tags and
    marginals; handing over bytes spares pycrfsuite an encode per attribute.  Everything that depends
    on the word alone is filtered and encoded once per word type."""

    def __init__(self, featurizer: Featurizer, known: frozenset[bytes] | None = None) -> None:
        self.fz = featurizer
        self.known: frozenset[bytes] | _AllKnown = known if known is not None else _AllKnown()
        self._cache: dict[str, _TypeItems] = {}
        k = self.known
        self._bos2 = [x for x in (b"-2:BOS",) if x in k]
        self._eos2 = [x for x in (b"+2:EOS",) if x in k]
        self._eos = [x for x in (b"EOS",) if x in k]
        self._capprev = [x for x in (b"capprev",) if x in k]
        self._capnext = [x for x in (b"capnext",) if x in k]
        self._gmulti = [x for x in (b"Gmulti",) if x in k]
        self._rpos = {p: [x for x in (b"rpos=" + p.encode(),) if x in k] for p in "SBEI"}
        self._rlen = {n: [x for x in (b"rlen=%d" % n,) if x in k] for n in range(1, 5)}
        self._g: dict[tuple[str, str], list[bytes]] = {}
        self._bos = tuple(x for x in (b"BOS",) if x in k)
        self._own_memo: dict[str, tuple[bytes, ...]] = {}
        self._ctx_memo: dict[str, tuple[tuple[bytes, ...], ...]] = {}

    def _keep(self, feats: list[str]) -> list[bytes]:
        k = self.known
        out = []
        for f in feats:
            b = f.encode("utf-8")
            if b in k:
                out.append(b)
        return out

    def _own(self, f: str) -> tuple[bytes, ...]:
        """A feature of the word itself, as zero or one attribute (memoised: affixes, shapes and
        cluster ids recur across word types)."""
        got = self._own_memo.get(f)
        if got is None:
            b = f.encode("utf-8")
            got = self._own_memo[f] = (b,) if b in self.known else ()
        return got

    def _ctx(self, f: str) -> tuple[tuple[bytes, ...], ...]:
        """A neighbour's feature as seen from offsets -2, -1, +1, +2 (memoised like ``_own``)."""
        got = self._ctx_memo.get(f)
        if got is None:
            k = self.known
            b = f.encode("utf-8")
            got = self._ctx_memo[f] = tuple(
                (x,) if x in k else () for x in (b"-2:" + b, b"-1:" + b, b"+1:" + b, b"+2:" + b))
        return got

    def _type(self, w: str) -> _TypeItems:
        """The word's attributes: exactly :meth:`Featurizer._build`'s features, in its order, filtered
        and encoded (tests/test_ner_items.py holds the two to the same output)."""
        fz = self.fz
        k = self.known
        own_ = self._own
        ctx_ = self._ctx
        low = w.lower()
        norm = _DIGIT.sub("0", low)
        ss = short_shape(w)
        cap = w[:1].isupper()
        wb = ("w=" + norm).encode("utf-8")
        own: list[bytes] = [b"b"] if b"b" in k else []
        if wb in k:
            own.append(wb)
        own += own_("s=" + shape(w))
        own += own_("ss=" + ss)
        n = len(low)
        if n > 1:
            own += own_("p1=" + low[:1])
            own += own_("x1=" + low[-1:])
            if n > 2:
                own += own_("p2=" + low[:2])
                own += own_("x2=" + low[-2:])
                if n > 3:
                    own += own_("p3=" + low[:3])
                    own += own_("x3=" + low[-3:])
                    if n > 4:
                        own += own_("p4=" + low[:4])
                        own += own_("x4=" + low[-4:])
        if n <= 2:
            own += own_("len<=2")
        if w.isupper() and n > 1 and w.isalpha():
            own += own_("allcap")
        if "-" in w and n > 1:
            own += own_("hyph")
        cl = fz.clusters.get(low)
        cl_feats = [f"{name}={cid}" for name, cid in zip(fz.cluster_names, cl)] if cl is not None else ["c=none"]
        for f in cl_feats:
            own += own_(f)
        gz = fz.gazetteer.get(low) if cap else None
        gz_feats = ["g=" + g for g in gz] if gz else []
        for f in gz_feats:
            own += own_(f)
        near_cl = [f for f in cl_feats if f.split("=", 1)[0] in fz.near_columns or f == "c=none"]
        far_cl = [f for f in cl_feats if f.split("=", 1)[0] in fz.far_columns or f == "c=none"]
        # the neighbour views: the word form is unique to the type (not memoised), the rest recurs
        m2 = [x for x in (b"-2:" + wb,) if x in k]
        m1 = [x for x in (b"-1:" + wb,) if x in k]
        p1 = [x for x in (b"+1:" + wb,) if x in k]
        p2 = [x for x in (b"+2:" + wb,) if x in k]
        for f in ["ss=" + ss, "x3=" + low[-3:]] + near_cl + gz_feats:
            v = ctx_(f)
            m1 += v[1]
            p1 += v[2]
        for f in ["ss=" + ss] + far_cl:
            v = ctx_(f)
            m2 += v[0]
            p2 += v[3]
        # far views: w, ss, far clusters; near views: w, ss, x3, near clusters, gazetteer classes
        first = self._bos + own_("first&ss=" + ss)
        k256 = next((f[5:] for f in cl_feats if f.startswith("k256=")), "none")
        ti = _TypeItems(tuple(own), tuple(m2), tuple(m1), tuple(p1), tuple(p2), first, cap,
                        norm.encode("utf-8"), k256.encode("utf-8"))
        if len(self._cache) < _CACHE_MAX:
            self._cache[w] = ti
        return ti

    def _gfeats(self, pos: str, cls: tuple[str, ...]) -> list[bytes]:
        out = []
        for c in cls:
            key = (pos, c)
            got = self._g.get(key)
            if got is None:
                got = self._g[key] = self._keep([f"G={pos}-{c}"])
            out.extend(got)
        return out

    def _base(self, wfs: list[_TypeItems], known, n: int) -> list[list[bytes]]:
        """Per-word features and those of the neighbours (n >= 2), as Featurizer.sentence builds
        them: the first word, the middle ones, the last."""
        capprev, capnext = self._capprev, self._capnext
        w0, w1 = wfs[0], wfs[1]
        feats = list(w0.own)
        feats += w0.first
        feats += w1.p1
        if n > 2:
            feats += wfs[2].p2
        else:
            feats += self._eos2
        if w0.cap and w1.cap:
            feats += capnext
        out: list[list[bytes]] = [feats]
        prev2, prev = w0, w0
        for i in range(1, n - 1):
            wf = wfs[i]
            feats = list(wf.own)
            feats += prev.m1
            if i > 1:
                feats += prev2.m2
            else:
                feats += self._bos2
            ww = b"ww=" + prev.norm + b"|" + wf.norm
            if ww in known:
                feats.append(ww)
            nxt = wfs[i + 1]
            if wf.cap and prev.cap:
                feats += capprev
            feats += nxt.p1
            feats += wfs[i + 2].p2 if i + 2 < n else self._eos2
            if wf.cap and nxt.cap:
                feats += capnext
            out.append(feats)
            prev2, prev = prev, wf
        wf = wfs[n - 1]
        feats = list(wf.own)
        feats += prev.m1
        if n > 2:
            feats += prev2.m2
        else:
            feats += self._bos2
        ww = b"ww=" + prev.norm + b"|" + wf.norm
        if ww in known:
            feats.append(ww)
        if wf.cap and prev.cap:
            feats += capprev
        feats += self._eos
        out.append(feats)
        return out

    def items(self, words: Sequence[str]) -> list[list[bytes]]:
        """Attribute lists for a tokenised sentence (see :meth:`Featurizer.sentence`)."""
        cache = self._cache
        wfs = [cache.get(w) or self._type(w) for w in words]
        known = self.known
        n = len(wfs)
        if n == 1:
            out = [list(wfs[0].own) + list(wfs[0].first) + self._eos]
        else:
            out = self._base(wfs, known, n)
        if self.fz.names:
            for a, b, cls in self.fz.name_matches(words):
                for k in range(a, b):
                    out[k] += self._gfeats("B" if k == a else "I", cls)
                    if b - a > 1:
                        out[k] += self._gmulti
        run_clusters = self.fz.run_clusters
        i = 0
        while i < n:
            if not wfs[i].cap:
                i += 1
                continue
            j = i + 1
            while j < n and wfs[j].cap:
                j += 1
            extra = [b"rl=" + (wfs[i - 1].norm if i > 0 else b"BOS"),
                     b"rr=" + (wfs[j].norm if j < n else b"EOS")]
            extra = [x for x in extra if x in known] + self._rlen[min(j - i, 4)]
            if run_clusters:
                extra += [x for x in (b"rlc=" + (wfs[i - 1].k256 if i > 0 else b"BOS"),
                                      b"rrc=" + (wfs[j].k256 if j < n else b"EOS")) if x in known]
            if j - i == 1:
                out[i] += extra
                out[i] += self._rpos["S"]
            else:
                for k in range(i, j):
                    out[k] += extra
                    out[k] += self._rpos["B" if k == i else "E" if k == j - 1 else "I"]
            i = j
        return out
