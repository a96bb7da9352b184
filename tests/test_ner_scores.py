"""The tagger's state-score path (``pantau.ner.scores``) tags exactly as the attribute path.

``StateItems`` sums the model's weights per word type and hands crfsuite one attribute per label;
``ItemBuilder`` hands it every attribute.  Both must give the same tags and (to the last bits of a
double) the same marginals.  Sentences are written for these tests in Indonesian news style.
"""
from __future__ import annotations

import random
from pathlib import Path

import pycrfsuite
import pytest

from pantau.ner.crf import CrfTagger
from pantau.ner.scores import ModelWeights, StateItems

SENTENCES = [
    "Wakil Presiden Ma'ruf Amin membuka Muktamar di Surabaya , Jawa Timur , Rabu ( 4/9 ) .",
    "Kapolda Jawa Barat Irjen Suntana meninjau pos pengamanan di Tol Cipali .",
    "Direktur Utama PT Kereta Api Indonesia ( Persero ) Didiek Hartantyo menjelaskan jadwal baru .",
    "\" Kami menolak rencana itu , \" ujar Ketua Fraksi PKS DPR Jazuli Juwaini di Senayan .",
    "Harga beras di Pasar Induk Cipinang turun tipis pekan ini .",
    "Perdana Menteri Jepang Fumio Kishida bertemu Presiden Korea Selatan Yoon Suk-yeol di Tokyo .",
    "Bank Indonesia menahan suku bunga acuan di level 5,75 persen .",
    "warga kampung rawa buaya mengungsi ke masjid al-hikmah setelah banjir .",
    "KPU",
    "Jokowi ke Solo",
    "ANTARA - Tim gabungan Basarnas menemukan dua korban di perairan Selat Sunda .",
]


@pytest.fixture(scope="module")
def tagger() -> CrfTagger:
    return CrfTagger.load()


def _both(tagger: CrfTagger, words: list[str]) -> tuple[list[str], list[str], float]:
    ref = pycrfsuite.Tagger()
    ref.open(str(tagger.model_file))
    fast = pycrfsuite.Tagger()
    fast.open(str(tagger.model_file))
    assert tagger.state is not None
    a = ref.tag(tagger.items.items(words))
    b = fast.tag(tagger.state.items(words))
    diff = max(abs(ref.marginal(lab, k) - fast.marginal(lab, k))
               for k in range(len(words)) for lab in tagger.labels)
    return a, b, diff


def test_the_shipped_model_uses_the_state_path(tagger: CrfTagger) -> None:
    assert tagger.state is not None
    assert tagger.state.mw.labels == tagger.labels
    # one attribute per label, each with a weight for its own label only
    assert len(tagger.state.keys) == len(tagger.labels)


@pytest.mark.parametrize("text", SENTENCES)
def test_state_path_tags_as_the_attribute_path(tagger: CrfTagger, text: str) -> None:
    a, b, diff = _both(tagger, text.split())
    assert a == b
    assert diff < 1e-9


def test_state_path_on_windows_and_shuffled_words(tagger: CrfTagger) -> None:
    # windows cut anywhere (edges get BOS/EOS features) and word orders no sentence has
    rng = random.Random(7)
    words = " ".join(SENTENCES).split()
    for _ in range(200):
        a = rng.randrange(len(words))
        seq = words[a:a + rng.randrange(1, 12)]
        if rng.random() < 0.3:
            rng.shuffle(seq)
        x, y, diff = _both(tagger, seq)
        assert x == y, seq
        assert diff < 1e-9, seq


def test_tagger_tags_through_the_state_path(tagger: CrfTagger) -> None:
    words = "Menteri Luar Negeri Rusia Sergei Lavrov tiba di Jakarta .".split()
    ref = pycrfsuite.Tagger()
    ref.open(str(tagger.model_file))
    assert tagger.tag(words) == ref.tag(tagger.items.items(words))


def test_weights_refuse_a_file_that_is_no_model(tmp_path: Path) -> None:
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"lCRF" + b"\x00" * 60)
    assert ModelWeights.read(bad) is None
    assert ModelWeights.read(tmp_path / "missing.crfsuite") is None


def test_state_items_are_one_entry_per_label(tagger: CrfTagger) -> None:
    st = tagger.state
    assert isinstance(st, StateItems)
    items = st.items("Gubernur Bali Wayan Koster".split())
    assert len(items) == 4 and all(len(it) == len(tagger.labels) for it in items)


def test_a_preloaded_table_gives_the_same_items(tagger: CrfTagger) -> None:
    assert tagger.state is not None
    words = "Bupati Sleman Kustini Sri Purnomo meninjau lokasi longsor di Desa Wonokerto .".split()
    fresh = StateItems(tagger.items, tagger.state.mw)
    fresh.preload(words + [w.lower() for w in words])
    copy = StateItems(tagger.items, tagger.state.mw)
    assert copy.load_table(fresh.table())
    assert all(w in copy._tid for w in words)
    assert copy.items(words) == StateItems(tagger.items, tagger.state.mw).items(words)
    # new words still get their types after a loaded table
    more = "Camat Turi menyalurkan bantuan beras".split()
    assert copy.items(more) == StateItems(tagger.items, tagger.state.mw).items(more)
    # a table goes only into a fresh instance
    assert not copy.load_table(fresh.table())


def test_the_shipped_tagger_preloads_frequent_words(tagger: CrfTagger) -> None:
    assert tagger.state is not None
    # the head of the cluster vocabulary, as written and capitalised
    assert "yang" in tagger.state._tid and "Yang" in tagger.state._tid


def test_a_batch_of_windows_gives_each_window_its_own_items(tagger: CrfTagger) -> None:
    assert tagger.state is not None
    seqs = [s.split() for s in SENTENCES] + [["Jokowi"], "di Istana Bogor".split()]
    batch = tagger.prepare(seqs)
    assert batch == [tagger.state.items(s) for s in seqs]
    for words, prepared in zip(seqs, batch):
        assert tagger.tag(words, prepared) == tagger.tag(words)
    # an empty window has no items and no tags
    assert tagger.prepare([[], ["Bali"]])[0] == []
