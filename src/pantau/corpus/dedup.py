"""Near-duplicate detection: MinHash signatures over word 3-grams, banded for LSH.

Syndicated copies of one wire story across outlets and lightly edited reposts share most of their
word 3-grams, so their MinHash signatures agree in most positions.  Signatures are cut into bands
(datasketch's optimal banding for ``THRESHOLD``); two articles become candidates when any band is
identical, and a candidate counts as a near-duplicate when the estimated Jaccard similarity of the
full signatures reaches ``THRESHOLD``.  Band keys are stored with their article (``lsh_bands``, one row
of ``pack_bands`` bytes, committed atomically with the article it indexes) and looked up in an index
the store writer keeps in memory and rebuilds from that table when it starts (see store/writer.py).

Near-duplicates are grouped, never dropped: each copy is its own article with its own outlet.
"""
from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

#: signature length: 64 permutations estimate Jaccard within about +-0.06, enough to group copies
NUM_PERM = 64
#: estimated Jaccard similarity of word 3-gram sets at which two articles are near-duplicates
THRESHOLD = 0.7
#: shingle size in words
SHINGLE = 3
#: a text with fewer words than this gets no signature (a headline alone is not a story)
MIN_WORDS = 20

BANDS, ROWS = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = np.uint64(0xFFFFFFFF)
# one template builds the permutations once; every signature reuses them (they are the expensive part)
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32")
_PERMUTATIONS = _TEMPLATE.permutations
# as columns: the (NUM_PERM, shingles) product is then reduced along its contiguous axis (~2x faster
# than the row layout, same values)
_A = np.ascontiguousarray(_PERMUTATIONS[0], dtype=np.uint32)[:, None]
_B = np.ascontiguousarray(_PERMUTATIONS[1], dtype=np.uint32)[:, None]


class _WordHashes(dict):
    """word -> stable 32-bit hash, memoised: news vocabulary repeats, and ``map(d.__getitem__)`` runs in C.

    CRC32 (not ``hash()``) because signatures are stored and must agree across processes and runs.
    """

    def __missing__(self, word: str) -> int:
        if len(self) > 2_000_000:  # bound memory on huge archives; the memo is only a cache
            self.clear()
        h = self[word] = zlib.crc32(word.encode("utf-8"))
        return h


_WORD_HASHES = _WordHashes()


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the word 3-grams of ``text`` (lower-cased, split on white space; repeats kept,
    they do not change a minimum); empty when the text is too short to compare.

    Splitting on white space (punctuation stays on its word) costs half of a word regex, and copies of
    one story carry the same punctuation, so it finds the same near-duplicates.
    """
    words = text.lower().split()
    if len(words) < MIN_WORDS:
        return np.empty(0, dtype=np.uint32)
    w = np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    # an order-sensitive mix of three consecutive word hashes, vectorised (no per-shingle Python)
    h = (w[:-2] * np.uint64(0x9E3779B1) + w[1:-1] * np.uint64(0x85EBCA77) + w[2:] * np.uint64(0xC2B2AE3D)) & _MASK32
    return h.astype(np.uint32)


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (uint32[NUM_PERM]) of ``text``, or None when it is too short to compare.

    This is datasketch's ``affine32`` scheme (h -> a*h + b mod 2^32 with its permutations), applied to
    all shingles at once; calling ``MinHash.update_batch`` would add a Python call per shingle.
    """
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return None
    m = _A * hashes[None, :]  # uint32 arithmetic wraps: exactly a*h + b mod 2^32
    m += _B
    return m.min(axis=1)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in, so equal bands at different places differ)."""
    raw = sig.astype("<u4").tobytes()
    step = ROWS * 4
    keys = []
    for i in range(BANDS):
        digest = hashlib.blake2b(raw[i * step:(i + 1) * step], digest_size=8, salt=i.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


_BANDS_STRUCT = struct.Struct(f"<{BANDS}q")


def pack_bands(keys: Sequence[int]) -> bytes:
    """The band keys of one article as stored (``lsh_bands.bands``): BANDS signed 64-bit little-endian."""
    return _BANDS_STRUCT.pack(*keys)


def unpack_bands(blob: bytes) -> tuple[int, ...]:
    return _BANDS_STRUCT.unpack(blob)


def similarity(a: np.ndarray | bytes, b: np.ndarray | bytes) -> float:
    """Estimated Jaccard similarity of two signatures (arrays or their stored bytes)."""
    sa = np.frombuffer(a, dtype="<u4") if isinstance(a, (bytes, bytearray, memoryview)) else a
    sb = np.frombuffer(b, dtype="<u4") if isinstance(b, (bytes, bytearray, memoryview)) else b
    if len(sa) != len(sb):
        return 0.0
    return float(np.count_nonzero(sa == sb)) / len(sa)


def group_texts(texts: Sequence[str]) -> list[int]:
    """Group a list of texts in memory: returns for each text the index of its group's first member.

    The store does the same incrementally; this helper serves tests and one-off analyses.
    """
    buckets: dict[int, list[int]] = {}
    sigs: list[np.ndarray | None] = []
    group = list(range(len(texts)))
    for i, t in enumerate(texts):
        sig = signature(t)
        sigs.append(sig)
        if sig is None:
            continue
        keys = band_keys(sig)
        best: int | None = None
        for k in keys:
            for j in buckets.get(k, ()):
                other = sigs[j]
                if other is not None and similarity(sig, other) >= THRESHOLD:
                    g = group[j]
                    best = g if best is None else min(best, g)
        if best is not None:
            group[i] = best
        for k in keys:
            buckets.setdefault(k, []).append(i)
    return group
