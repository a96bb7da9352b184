"""The tagger's state scores computed here, handed to crfsuite as one attribute per label.

A linear-chain CRF scores label ``y`` at token ``t`` as the sum of the weights ``w(a, y)`` of the
token's attributes ``a``.  :class:`pantau.ner.features.ItemBuilder` hands crfsuite ~31 attributes
per token; converting them to C++ strings and looking each one up in the model's attribute
dictionary is most of what tagging costs.  Almost every attribute depends on one word type alone
(its own features, and what its neighbours at -2..+2 see of it), so the sums of those weights are
computed once per word type, and a token's score vector is five such sums plus the few attributes
that depend on the sentence (word pairs, capitalised runs, full-name matches).

crfsuite still does the decoding (Viterbi) and the marginals.  It is given, per token, ``L``
attributes that each have a weight for exactly one label (``basis``: one per label, picked from the
model) with the value ``score[y] / w(basis_y, y)``: crfsuite multiplies it back, so the state score
it sees is the one computed here.  The sums are added in another order than crfsuite's own (block
by block, not attribute by attribute), so scores can differ from the attribute path in the last bit
of a double (~1e-15); tags and marginals agree (``tests/test_ner_scores.py`` holds the two paths
together).  When the model file cannot be read, or a label has no such attribute, the tagger keeps
the attribute path.
"""
from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .features import ItemBuilder


#: what the sentence-level attributes need of a word type: a plain tuple (cheap to unpickle)
#: (capitalised, normalised form, k256 cluster, may open a "ww=" word pair, may close one)
_CAP, _NORM, _K256, _WWL, _WWR = 0, 1, 2, 3, 4
_Info = tuple[bool, bytes, bytes, bool, bool]

# block rows of a word type: its own attributes, what the words 2 to the right (M2), 1 to the right
# (M1), 1 to the left (P1) and 2 to the left (P2) see of it, and the sentence-initial extras
OWN, M2, M1, P1, P2, FIRST = range(6)
_NBLOCKS = 6
#: padding types around a sentence: 0 = nothing, 1 = before the first word (its M2 is "-2:BOS"),
#: 2 = after the last word (its P1 is "EOS", its P2 "+2:EOS")
_PAD, _BEFORE, _AFTER = 0, 1, 2
_CACHE_MAX = 300_000
#: a record of crfsuite's feature chunk
_FEATURE = np.dtype([("type", "<i4"), ("src", "<i4"), ("dst", "<i4"), ("weight", "<f8")])


class ModelWeights:
    """The state-feature weights of a crfsuite model, read from its file.

    ``labels``: label names by label id (crfsuite's order); ``aid``: attribute -> row of ``W``
    (``W[-1]`` is a zero row); ``basis``: per label id, an attribute whose only feature is for that
    label, and its weight."""

    def __init__(self, labels: tuple[str, ...], aid: dict[bytes, int], W: np.ndarray,
                 basis: tuple[tuple[str, float], ...]) -> None:
        self.labels = labels
        self.aid = aid
        self.W = W
        self.basis = basis

    @classmethod
    def read(cls, model_file: Path) -> "ModelWeights | None":
        """None when the file is not laid out as expected or a label has no one-label attribute.

        Layout (crfsuite ``crf1d_model.c``, little-endian): header ``"lCRF", size, type, version,
        num_features, num_labels, num_attrs, off_features, off_labels, off_attrs, ...``; the feature
        chunk ``"FEAT", size, count`` then ``type, src, dst, weight`` records (type 0: attribute src
        -> label dst); labels and attributes are CQDB chunks (see ``crf.model_attributes``)."""
        try:
            data = Path(model_file).read_bytes()
            if data[:4] != b"lCRF":
                return None
            n_lab, n_attr, off_f, off_l, off_a = struct.unpack_from("<5I", data, 20)
            labels = _cqdb(data, off_l, n_lab)
            attrs = _cqdb(data, off_a, n_attr)
            chunk, _size, count = struct.unpack_from("<4sII", data, off_f)
            if labels is None or attrs is None or chunk != b"FEAT" \
                    or sorted(labels) != list(range(n_lab)) or sorted(attrs) != list(range(n_attr)):
                return None
            feats = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_f + 12)
        except (OSError, struct.error, ValueError):
            return None
        state = feats[feats["type"] == 0]
        src, dst, w = state["src"].astype(np.intp), state["dst"].astype(np.intp), state["weight"]
        if len(src) and (src.max() >= n_attr or dst.max() >= n_lab):
            return None
        W = np.zeros((n_attr + 1, n_lab))
        np.add.at(W, (src, dst), w)
        # per label, an attribute with a weight for that label only; a weight whose mantissa is
        # close to 1 makes (s / w) * w come back as s (see the module docstring); tiny weights are
        # avoided
        single = np.bincount(src, minlength=n_attr)[src] == 1
        mant = np.frexp(np.abs(w))[0]
        basis = []
        for j in range(n_lab):
            ok = np.flatnonzero(single & (dst == j) & (np.abs(w) >= 1e-3))
            if not len(ok):
                return None
            k = ok[np.argmax(mant[ok])]
            basis.append((attrs[int(src[k])].decode("utf-8"), float(w[k])))
        return cls(tuple(labels[j].decode("utf-8") for j in range(n_lab)),
                   {key: a for a, key in attrs.items()}, W, tuple(basis))


def _cqdb(data: bytes, off: int, n: int) -> dict[int, bytes] | None:
    """id -> key of a CQDB chunk (records ``id, key size, key + NUL``)."""
    chunk, _size, _flag, _order, cnt, bwd = struct.unpack_from("<4sIIIII", data, off)
    if chunk != b"CQDB" or cnt != n:
        return None
    out = {}
    for o in struct.unpack_from(f"<{cnt}I", data, off + bwd):
        if o:
            ident, ksize = struct.unpack_from("<iI", data, off + o)
            out[ident] = data[off + o + 8:off + o + 7 + ksize]
    return out if len(out) == n else None


class StateItems:
    """Per-token crfsuite items (``{basis attribute: value}``, one entry per label) whose state
    scores equal those of :meth:`ItemBuilder.items` for the same words."""

    def __init__(self, builder: ItemBuilder, weights: ModelWeights) -> None:
        self.ib = builder
        self.mw = weights
        self.aid = weights.aid
        self.W = weights.W
        self.zero = len(self.W) - 1
        L = self.W.shape[1]
        # bytes: pycrfsuite encodes a str key on every item, bytes go through as they are
        self.keys = tuple(k.encode("utf-8") for k, _w in weights.basis)
        self.bw = np.array([w for _k, w in weights.basis])
        self._tid: dict[str, int] = {}
        self._types: list[_Info | None] = [None, None, None]
        self._blk = np.zeros((1024, _NBLOCKS, L))
        # the padding types: before the first word (the second word sees "-2:BOS" there), after the
        # last (the last word sees "EOS", the one before it "+2:EOS")
        self._blk[_BEFORE, M2] = self._vec(builder._bos2)
        self._blk[_AFTER, P1] = self._vec(builder._eos)
        self._blk[_AFTER, P2] = self._vec(builder._eos2)
        self._g: dict[tuple[str, str], list[int]] = {}
        self._capprev = self._rows(builder._capprev)
        self._capnext = self._rows(builder._capnext)
        self._gmulti = self._rows(builder._gmulti)
        self._rpos = {p: self._rows(v) for p, v in builder._rpos.items()}
        self._rlen = {n: self._rows(v) for n, v in builder._rlen.items()}
        # the forms that open or close a word pair the model has a weight for: most neighbours
        # form no such pair, and checking two flags is cheaper than building the pair to look it up
        # (a form holding "|" is split every way, so the sets may say yes too often, never no)
        self._wwl: set[bytes] = set()
        self._wwr: set[bytes] = set()
        for key in self.aid:
            if key.startswith(b"ww="):
                body = key[3:]
                i = body.find(b"|")
                while i >= 0:
                    self._wwl.add(body[:i])
                    self._wwr.add(body[i + 1:])
                    i = body.find(b"|", i + 1)

    def _rows(self, attrs: Sequence[bytes]) -> list[int]:
        aid = self.aid
        return [aid[a] for a in attrs if a in aid]

    def _vec(self, attrs: Sequence[bytes]) -> np.ndarray:
        return self.W[self._rows(attrs) + [self.zero]].sum(axis=0)

    def _add(self, words: Sequence[str], tids: list[int | None]) -> None:
        """Give the words of ``tids`` that are None a type id, with their six block sums computed
        together in one ``reduceat`` (each block led by the zero row, so an empty block sums to 0)."""
        ib = self.ib
        cache, build = ib._cache, ib._type
        # the builder keeps only attributes the model knows: each one has a row
        get, zero = self.aid.__getitem__, self.zero
        rows: list[int] = []
        offsets: list[int] = []
        fresh: dict[str, int] = {}
        for k, t in enumerate(tids):
            if t is not None:
                continue
            w = words[k]
            t = fresh.get(w)
            if t is None:
                ti = cache.get(w) or build(w)
                t = fresh[w] = len(self._types)
                self._types.append((ti.cap, ti.norm, ti.k256, ti.norm in self._wwl, ti.norm in self._wwr))
                for block in (ti.own, ti.m2, ti.m1, ti.p1, ti.p2, ti.first):
                    offsets.append(len(rows))
                    rows.append(zero)
                    rows += map(get, block)
            tids[k] = t
        first = len(self._types) - len(fresh)
        if len(self._types) > len(self._blk):  # grow by a quarter (a loaded table is ~30 MB)
            more = max(len(self._types) - len(self._blk), len(self._blk) // 4, 1024)
            self._blk = np.concatenate([self._blk, np.zeros((more,) + self._blk.shape[1:])])
        # take() on a list of rows is about twice as fast as fancy indexing with it
        self._blk[first:len(self._types)] = np.add.reduceat(self.W.take(rows, axis=0), offsets).reshape(
            len(fresh), _NBLOCKS, -1)
        if len(self._tid) < _CACHE_MAX:
            self._tid.update(fresh)

    def table(self) -> tuple[dict[str, int], list, np.ndarray]:
        """The word types computed so far (to keep between processes: see ``CrfTagger``)."""
        n = len(self._types)
        return dict(self._tid), list(self._types), self._blk[:n].copy()

    def preload(self, words: Sequence[str]) -> None:
        """Compute the word types of ``words`` now (a vocabulary), not when first tagged."""
        words = list(dict.fromkeys(w for w in words if w not in self._tid))
        for i in range(0, len(words), 512):
            chunk = words[i:i + 512]
            self._add(chunk, [None] * len(chunk))

    def load_table(self, table: tuple[dict[str, int], list, np.ndarray]) -> bool:
        """Take the word types of :meth:`table` (only into a fresh instance); False if it does not fit."""
        tid, types, blk = table
        if len(self._types) != 3 or blk.shape[1:] != self._blk.shape[1:] or len(types) != len(blk):
            return False
        self._tid, self._types = dict(tid), list(types)
        self._blk = np.concatenate([blk, np.zeros((4096,) + blk.shape[1:])])
        return True

    def _g_rows(self, pos: str, cls: tuple[str, ...]) -> list[int]:
        out: list[int] = []
        for c in cls:
            got = self._g.get((pos, c))
            if got is None:
                got = self._g[(pos, c)] = self._rows(self.ib._gfeats(pos, (c,)))
            out += got
        return out

    def items(self, words: Sequence[str]) -> list[dict[bytes, float]]:
        """crfsuite items for a tokenised sentence (see :meth:`ItemBuilder.items`)."""
        return self.items_many([words])[0]

    def items_many(self, seqs: Sequence[Sequence[str]]) -> list[list[dict[bytes, float]]]:
        """:meth:`items` of several sentences at once: one array pass for all of them (the fixed cost
        of each numpy call is most of what one short window costs).  Each sentence is laid out with
        two padding types on either side, so its neighbours' blocks never reach into the next one;
        every sum is made in the same order as for that sentence alone."""
        get = self._tid.get
        padded: list[int] = []
        bases: list[int] = []
        pos: list[int] = []
        rows: list[int] = []
        for words in seqs:
            tids = [get(w) for w in words]
            if None in tids:
                self._add(words, tids)
            base = len(padded) + 2
            bases.append(base)
            padded += (_PAD, _BEFORE)
            padded += tids
            padded += (_AFTER, _PAD)
            self._extras(words, tids, base, pos, rows)
        B = self._blk[padded]
        S = B[:, OWN].copy()
        S[2:-2] += B[1:-3, M1]
        S[2:-2] += B[:-4, M2]
        S[2:-2] += B[3:-1, P1]
        S[2:-2] += B[4:, P2]
        S[bases] += B[bases, FIRST]
        if pos:
            np.add.at(S, pos, self.W[rows])
        keys = self.keys
        values = (S / self.bw).tolist()
        return [[dict(zip(keys, r)) for r in values[base:base + len(words)]]
                for base, words in zip(bases, seqs)]

    def _extras(self, words: Sequence[str], tids: list[int], base: int, pos: list[int],
                rows: list[int]) -> None:
        """Attributes of the sentence, not of one word: word pairs, capitalisation of the neighbours,
        full-name matches, capitalised runs (as ItemBuilder.items adds them), as (position, row)."""
        n = len(tids)
        types = self._types
        wfs = [types[t] for t in tids]
        aid = self.aid
        capprev, capnext = self._capprev, self._capnext
        prev = wfs[0]
        for i in range(1, n):
            wf = wfs[i]
            if prev[_WWL] and wf[_WWR]:
                r = aid.get(b"ww=" + prev[_NORM] + b"|" + wf[_NORM])
                if r is not None:
                    pos.append(base + i)
                    rows.append(r)
            if wf[_CAP] and prev[_CAP]:
                for r in capprev:
                    pos.append(base + i)
                    rows.append(r)
                for r in capnext:
                    pos.append(base + i - 1)
                    rows.append(r)
            prev = wf
        fz = self.ib.fz
        if fz.names:
            gmulti = self._gmulti
            for a, b, cls in fz.name_matches(words):
                for k in range(a, b):
                    for r in self._g_rows("B" if k == a else "I", cls):
                        pos.append(base + k)
                        rows.append(r)
                    if b - a > 1:
                        for r in gmulti:
                            pos.append(base + k)
                            rows.append(r)
        run_clusters = fz.run_clusters
        i = 0
        while i < n:
            if not wfs[i][_CAP]:
                i += 1
                continue
            j = i + 1
            while j < n and wfs[j][_CAP]:
                j += 1
            extra = [aid.get(b"rl=" + (wfs[i - 1][_NORM] if i > 0 else b"BOS")),
                     aid.get(b"rr=" + (wfs[j][_NORM] if j < n else b"EOS"))]
            if run_clusters:
                extra += [aid.get(b"rlc=" + (wfs[i - 1][_K256] if i > 0 else b"BOS")),
                          aid.get(b"rrc=" + (wfs[j][_K256] if j < n else b"EOS"))]
            extra = [r for r in extra if r is not None] + self._rlen[min(j - i, 4)]
            for k in range(i, j):
                kind = "S" if j - i == 1 else "B" if k == i else "E" if k == j - 1 else "I"
                for r in extra + self._rpos[kind]:
                    pos.append(base + k)
                    rows.append(r)
            i = j
