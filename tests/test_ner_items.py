"""The tagger's fast inference path gives exactly what the training-side features give.

``ItemBuilder`` (bytes, only attributes the model knows, built once per word type) must hand
crfsuite the same attributes in the same order as ``Featurizer.sentence`` minus those the model has
no weight for, so the tags and marginals stay bit-identical.  Sentences are written for these tests
in Indonesian news style.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pycrfsuite
import pytest

from pantau.ner.crf import CrfTagger, model_attributes
from pantau.ner.features import Featurizer, ItemBuilder
from pantau.stages.entities import _whole_words

SENTENCES = [
    "Presiden Joko Widodo meresmikan jalan tol di Semarang , Jawa Tengah , pada Senin ( 12/3 ) .",
    "Ketua KPK Firli Bahuri diperiksa Dewan Pengawas di Jakarta Selatan .",
    "Sekretaris Jenderal PBB Antonio Guterres menyerukan gencatan senjata di Ukraina .",
    "\" Kami akan menindaklanjuti laporan itu , \" kata juru bicara Polda Metro Jaya , Kombes Yusri Yunus .",
    "Harga cabai di pasar tradisional naik dua kali lipat sejak pekan lalu .",
    "Menlu Retno Marsudi bertemu Menteri Luar Negeri Rusia Sergei Lavrov di Moskow , Rusia .",
    "PT Bank Rakyat Indonesia ( Persero ) Tbk mencatat laba Rp 30,7 triliun pada 2019 .",
    "Gubernur Anies Baswedan meninjau banjir di Kampung Melayu bersama petugas BPBD DKI .",
    "Warga Desa Sukamaju , Kecamatan Cibeber , Kabupaten Cianjur mengungsi ke Masjid Al-Ikhlas .",
    "AS dan China sepakat melanjutkan perundingan dagang di Washington pekan depan .",
    "Ia",
    "KOMPAS.com - Tim SAR gabungan menemukan korban ke-7 di Sungai Ciliwung .",
]


def _expected(fz: Featurizer, known: frozenset[bytes] | None, words: list[str]) -> list[list[bytes]]:
    out = []
    for feats in fz.sentence(words):
        enc = [f.encode("utf-8") for f in feats]
        out.append([b for b in enc if known is None or b in known])
    return out


@pytest.fixture(scope="module")
def tagger() -> CrfTagger:
    return CrfTagger.load()


def test_model_attributes_are_read_from_the_model(tagger: CrfTagger) -> None:
    known = model_attributes(tagger.model_file)
    assert known is not None and len(known) > 1000
    # the attributes every word fires ("b": the bias) and sentence edges are in any trained model
    assert {b"b", b"BOS", b"EOS"} <= known


def test_model_attributes_refuse_a_file_that_is_no_model(tmp_path: Path) -> None:
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"not a crfsuite model at all, just some bytes" * 4)
    assert model_attributes(bad) is None
    assert model_attributes(tmp_path / "missing.crfsuite") is None


@pytest.mark.parametrize("sentence", SENTENCES)
def test_items_are_the_known_features_in_order(tagger: CrfTagger, sentence: str) -> None:
    words = sentence.split()
    assert tagger.items.items(words) == _expected(tagger.featurizer, tagger.items.known, words)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tags_and_marginals_are_bit_identical(tagger: CrfTagger, sentence: str) -> None:
    words = sentence.split()
    ref = pycrfsuite.Tagger()
    ref.open(str(tagger.model_file))
    tags = ref.tag(tagger.featurizer.sentence(words))
    margs = [[ref.marginal(lab, i) for lab in tagger.labels] for i in range(len(words))]
    # the attribute path (ItemBuilder) is bit-identical to the training-side features
    fast = pycrfsuite.Tagger()
    fast.open(str(tagger.model_file))
    assert fast.tag(tagger.items.items(words)) == tags
    assert [[fast.marginal(lab, i) for lab in tagger.labels] for i in range(len(words))] == margs
    # the tagger itself goes through the state-score path (pantau.ner.scores): same tags, marginals
    # equal but for the last bits of a double (its sums are added in another order)
    got, marginal = tagger.tag_lazy(words)
    assert got == tags
    assert [marginal(i) for i in range(len(words))] == pytest.approx(
        [margs[i][tagger.labels.index(t)] for i, t in enumerate(tags)], abs=1e-12)
    assert [[tagger._tagger.marginal(lab, i) for lab in tagger.labels] for i in range(len(words))] == \
        [pytest.approx(row, abs=1e-12) for row in margs]


def test_a_lazy_marginal_belongs_to_its_own_sequence(tagger: CrfTagger) -> None:
    tags, marginal = tagger.tag_lazy("Presiden Joko Widodo tiba di Bali .".split())
    assert 0.5 < marginal(1) <= 1.0 and tags[1] == "B-PER"
    tagger.tag("Harga beras naik .".split())
    with pytest.raises(RuntimeError):
        marginal(1)


@pytest.mark.parametrize("fz", [
    Featurizer(clusters={"bandung": ("3", "12", "4"), "di": ("1", "2", "0")}, cluster_names=("k64", "k256", "cap"),
               gazetteer={"bandung": ("LOC",), "jawa": ("LOC",)}, names={"Jawa Barat": ("LOC",), "Bandung": ("LOC",)},
               near_columns=("k64",), far_columns=("k256",), run_clusters=True),
    Featurizer(),
])
def test_items_follow_any_featurizer_settings_without_a_model(fz: Featurizer) -> None:
    builder = ItemBuilder(fz, None)  # no attribute list: every feature is kept
    for sentence in SENTENCES:
        words = sentence.split()
        assert builder.items(words) == _expected(fz, None, words)


@pytest.mark.parametrize("words, text", [
    (["Lavrov", "Sergei"], "Sergei Lavrov bertemu Lavrov-nya? Lavrov, lalu Lavrovsky dan _Lavrov serta Lavrov"),
    (["KPU", "KPU Jabar"], "Ketua KPU Jabar dan KPU RI; non-KPU, KPU2 dan (KPU)."),
    (["Al", "Al-Maliki"], "Turki Al-Maliki dan Al Maliki"),
])
def test_whole_words_find_what_the_regex_finds(words: list[str], text: str) -> None:
    pat = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                     + r")(?![\w-])")
    for zs, ze in [(0, len(text)), (3, len(text) - 4), (7, 30)]:
        want = [(m.start(), m.end(), m.group(1)) for m in pat.finditer(text, zs, ze)]
        assert _whole_words(text, words, zs, ze) == want
        # on the slice the zone start counts as the start of the text
        sl = [(zs + m.start(), zs + m.end(), m.group(1)) for m in pat.finditer(text[zs:ze])]
        assert _whole_words(text, words, zs, ze, see_before=False) == sl


def test_whole_words_match_the_regex_on_random_text() -> None:
    rng = random.Random(7)
    alphabet = ["ab", "a", "b", " ", "-", "_", "é", ".", "ba"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(30))
        words = rng.sample(["ab", "a", "ba", "bab", "aba"], 3)
        pat = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")(?![\w-])")
        zs, ze = rng.randrange(0, 10), rng.randrange(15, 31)
        assert _whole_words(text, words, zs, ze) == [(m.start(), m.end(), m.group(1))
                                                      for m in pat.finditer(text, zs, ze)]
