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
        # first word -> the longest name length starting with it, so matching tries few lengths
        self._first_len: dict[str, int] = {}
        for name in self.names:
            parts = name.split(" ")
            if self._first_len.get(parts[0], 0) < len(parts):
                self._first_len[parts[0]] = len(parts)

    def name_matches(self, words: Sequence[str]) -> list[tuple[int, int, tuple[str, ...]]]:
        """Longest full-name matches, left to right, not overlapping: (start, end, classes)."""
        out = []
        first_len = self._first_len
        names = self.names
        i, n = 0, len(words)
        while i < n:
            longest = first_len.get(words[i])
            if longest:
                for j in range(min(n, i + longest), i, -1):
                    cls = names.get(" ".join(words[i:j]))
                    if cls:
                        out.append((i, j, cls))
                        i = j - 1
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
