"""Word clusters learnt from unlabelled Indonesian news, for the NER tagger's features.

The NER train splits hold ~90k tokens, too few to see most names and their contexts.  Clusters of
words that occur in similar contexts over millions of tokens of news carry that knowledge over:
"Sulawesi" and "Kalimantan", or "mengatakan" and "menuturkan", land in the same cluster, so a
weight learnt for one word also fires for the others.

Recipe (deterministic, numpy/scipy only, about a minute on one core):
1. tokens from CLICK-ID (CC BY 4.0) article text and IndoSum (CC BY-SA 4.0) sentences, lower-cased;
2. co-occurrence counts of each vocabulary word with the words at offsets -2, -1, +1, +2 (direction
   kept, so clusters stay syntactic, as Brown clusters are);
3. positive PMI with context-distribution smoothing (alpha 0.75), then a seeded randomized SVD;
4. k-means (seeded, k-means++-like farthest-point init) on the unit-normalised vectors at several
   granularities; each word gets one cluster id per granularity.

Output: a TSV ``word<TAB>k<k1><TAB>k<k2>...<TAB>cap`` with a ``#`` header naming the columns; ``cap``
is how often the word is capitalised mid-sentence (see ``cap_bucket``), a strong hint for names that
start a sentence or stand in an all-caps headline.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

#: one token: a word (hyphenated forms kept whole, as the segmenter does), a number, or one symbol
TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)

#: cluster granularities, coarse to fine
GRANULARITIES: tuple[int, ...] = (64, 256, 1024, 2048)


def clickid_texts(path: Path) -> Iterator[str]:
    """Article bodies of CLICK-ID.  Paragraphs there are joined by commas; that is harmless here."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for key in ("title", "content"):
                if rec.get(key):
                    yield rec[key]


def indosum_sentences(path: Path) -> Iterator[list[str]]:
    """IndoSum sentences, already tokenised."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for para in rec.get("paragraphs", []):
                yield from para


def corpus_token_lists(shared: Path) -> Iterator[list[str]]:
    """Token lists, case kept (one per text or sentence) from the two permissively licensed corpora."""
    ds = shared / "datasets"
    click = ds / "clickid_raw_news_articles" / "clickid_raw_news.jsonl"
    indosum = ds / "indosum_dev_folds" / "indosum_dev_union.jsonl"
    for text in clickid_texts(click):
        yield TOKEN_RE.findall(text)
    for sent in indosum_sentences(indosum):
        yield sent


def _ids(seqs: Iterable[list[str]], min_count: int) -> tuple[list[str], np.ndarray, Counter, Counter]:
    """Vocabulary of lower-cased words (frequency order, ties alphabetical), the whole corpus as one
    id array, and per lower-cased word the counts of non-initial occurrences and of those that were
    capitalised (how much a word behaves like a name).

    Sequences are separated by -1 so that no window crosses a text boundary.
    """
    seqs_lc: list[list[str]] = []
    mid: Counter = Counter()
    mid_cap: Counter = Counter()
    for s in seqs:
        lc = [t.lower() for t in s]
        seqs_lc.append(lc)
        # a token after . ! ? " or a text start is sentence-initial: capitalised for syntax, not as a name
        prev = "."
        for t, low in zip(s, lc):
            if prev not in (".", "!", "?", '"', "“", ":", "-", "("):
                mid[low] += 1
                if t[:1].isupper():
                    mid_cap[low] += 1
            prev = t
    seqs = seqs_lc
    counts = Counter(t for s in seqs for t in s)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    get = index.get
    flat: list[int] = []
    for s in seqs:
        flat.extend(get(t, -2) for t in s)  # -2: out-of-vocabulary, still a position
        flat.append(-1)
    return vocab, np.asarray(flat, dtype=np.int64), mid, mid_cap


def cooccurrence(ids: np.ndarray, n_words: int, n_ctx: int, offsets: tuple[int, ...] = (-2, -1, 1, 2)):
    """Sparse counts: rows = words, columns = (offset, context word) for the n_ctx most frequent words."""
    from scipy import sparse

    rows, cols = [], []
    for k, off in enumerate(offsets):
        if off < 0:
            w, c = ids[-off:], ids[:off]
        else:
            w, c = ids[:-off], ids[off:]
        # a window must not cross a text boundary (-1) between the two positions
        bound = np.cumsum(ids == -1)
        b_w = bound[-off:] if off < 0 else bound[:-off]
        b_c = bound[:off] if off < 0 else bound[off:]
        ok = (w >= 0) & (w < n_words) & (c >= 0) & (c < n_ctx) & (b_w == b_c)
        rows.append(w[ok])
        cols.append(c[ok] + k * n_ctx)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    data = np.ones(len(r), dtype=np.float64)
    m = sparse.coo_matrix((data, (r, c)), shape=(n_words, n_ctx * len(offsets))).tocsr()
    m.sum_duplicates()
    return m


def ppmi(m, alpha: float = 0.75):
    """Positive PMI with smoothed context probabilities (Levy et al. 2015)."""
    m = m.tocoo()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** alpha
    col_p = col_sum / col_sum.sum()
    pmi = np.log(m.data / total) - np.log(row_sum[m.row] / total) - np.log(col_p[m.col])
    keep = pmi > 0
    from scipy import sparse

    return sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)


def randomized_svd(m, k: int, n_iter: int = 3, seed: int = 13) -> tuple[np.ndarray, np.ndarray]:
    """Top-k left singular vectors and values (Halko et al.), seeded, so rebuilds are identical."""
    rng = np.random.default_rng(seed)
    omega = rng.standard_normal((m.shape[1], k + 10))
    y = m @ omega
    q, _ = np.linalg.qr(y)
    for _ in range(n_iter):
        z, _ = np.linalg.qr(m.T @ q)
        q, _ = np.linalg.qr(m @ z)
    b = (m.T @ q).T  # (k+10) x n_cols
    ub, s, _ = np.linalg.svd(b, full_matrices=False)
    u = q @ ub
    return u[:, :k], s[:k]


def kmeans(x: np.ndarray, k: int, iters: int = 15, seed: int = 7) -> np.ndarray:
    """Plain Lloyd k-means on unit vectors (cosine), seeded; returns a label per row.

    Initial centres: k rows drawn at random from the 4k most frequent words, so clusters form around
    words with reliable vectors.
    """
    rng = np.random.default_rng(seed)
    pool = min(len(x), 4 * k)
    centres = x[rng.choice(pool, size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        labels = np.argmax(x @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms.ravel() == 0
        sums[~empty] /= norms[~empty]
        sums[empty] = centres[empty]  # an empty cluster keeps its centre
        centres = sums
    return labels


def build_clusters(shared: Path, *, min_count: int = 3, max_words: int = 80000, n_ctx: int = 10000,
                   dim: int = 150, granularities: tuple[int, ...] = GRANULARITIES,
                   log=print) -> dict[str, tuple[int, ...]]:
    """Word -> cluster id per granularity, learnt from the shared unlabelled news."""
    vocab, ids, mid, mid_cap = _ids(corpus_token_lists(shared), min_count)
    vocab = vocab[:max_words]
    n_words = len(vocab)
    log(f"clusters: {int((ids >= -2).sum() - (ids == -1).sum())} tokens, {n_words} words")
    m = cooccurrence(ids, n_words, min(n_ctx, n_words))
    p = ppmi(m)
    u, s = randomized_svd(p, dim)
    vec = u * np.sqrt(s)
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
    vec = vec.astype(np.float32)
    out: dict[str, list[int]] = {w: [] for w in vocab}
    for k in granularities:
        labels = kmeans(vec, k)
        for w, lab in zip(vocab, labels):
            out[w].append(int(lab))
        log(f"clusters: k={k} done")
    for w in vocab:
        out[w].append(cap_bucket(mid[w], mid_cap[w]))
    return {w: tuple(v) for w, v in out.items()}


def cap_bucket(n_mid: int, n_cap: int) -> int:
    """How often a word is capitalised inside a sentence, in 5 steps (0: never ... 4: always);
    9 when it was seen fewer than 3 times there."""
    if n_mid < 3:
        return 9
    r = n_cap / n_mid
    return 0 if r < 0.05 else 1 if r < 0.3 else 2 if r < 0.7 else 3 if r < 0.95 else 4


def write_clusters(path: Path, clusters: dict[str, tuple[int, ...]],
                   granularities: tuple[int, ...] = GRANULARITIES) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# word clusters for pantau.ner (PPMI+SVD+k-means over CLICK-ID and IndoSum text; "
                 "see models/ner-crf.card.md)\n")
        fh.write("# word\t" + "\t".join(f"k{k}" for k in granularities) + "\tcap\n")
        for w, labs in clusters.items():
            if "\t" in w or "\n" in w:
                continue
            fh.write(w + "\t" + "\t".join(str(x) for x in labs) + "\n")


def read_clusters(path: Path) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """(column names, word -> cluster ids as strings).  Lines starting with '# ' are comments (a word
    never holds a space, so the token '#' itself stays a word); '# word<TAB>...' names the columns."""
    names: tuple[str, ...] = ()
    table: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# "):
                if line.startswith("# word\t"):
                    names = tuple(line[2:].strip().split("\t")[1:])
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                table[parts[0]] = tuple(parts[1:])
    return names, table
