"""The statistical name tagger (pantau.ner): features, shipped model files, training helpers, accuracy.

Example sentences are written for these tests in Indonesian news style; none is taken from a corpus.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pytest

from conftest import need_shared
from pantau.ner.clusters import cap_bucket, kmeans, ppmi, randomized_svd, read_clusters
from pantau.ner.crf import (CLUSTERS_NAME, GAZETTEER_NAME, MODEL_NAME, NAMES_NAME, CrfTagger, get_tagger,
                            read_gazetteer, spans)
from pantau.ner.features import Featurizer, shape, short_shape
from pantau.ner.train import (_name_ok, evaluate, evaluate_as_pipeline, harmonise, read_conll, retokenise,
                              train_crf)
from pantau.resources import Resources, model_path


@pytest.fixture(scope="module")
def tagger() -> CrfTagger:
    return CrfTagger.load()


def names_in(tagger: CrfTagger, sentence: str) -> set[tuple[str, str]]:
    words = sentence.split()
    return {(" ".join(words[a:b]), t) for a, b, t in spans(tagger.tag(words))}


# --- the shipped model -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Presiden Joko Widodo meresmikan jalan tol di Semarang , Jawa Tengah , pada Senin .",
     {("Joko Widodo", "PER"), ("Semarang", "LOC"), ("Jawa Tengah", "LOC")}),
    ("Ketua KPK Firli Bahuri diperiksa di Jakarta Selatan .",
     {("KPK", "ORG"), ("Firli Bahuri", "PER"), ("Jakarta Selatan", "LOC")}),
    ("Sekretaris Jenderal PBB Antonio Guterres menyerukan gencatan senjata di Ukraina .",
     {("PBB", "ORG"), ("Antonio Guterres", "PER"), ("Ukraina", "LOC")}),
    ("Gubernur Anies Baswedan meninjau banjir di Kampung Melayu bersama petugas BPBD .",
     {("Anies Baswedan", "PER"), ("Kampung Melayu", "LOC")}),
])
def test_tags_people_places_organisations(tagger: CrfTagger, sentence: str, expected: set) -> None:
    assert expected <= names_in(tagger, sentence)


@pytest.mark.parametrize("sentence", [
    "Harga cabai di pasar tradisional naik dua kali lipat sejak pekan lalu .",
    "Warga diminta tetap waspada karena hujan deras diperkirakan turun hingga malam .",
    "Pemerintah akan menaikkan anggaran pendidikan tahun depan , kata seorang pejabat .",
])
def test_sentences_without_names_stay_untagged(tagger: CrfTagger, sentence: str) -> None:
    assert names_in(tagger, sentence) == set()


@pytest.mark.parametrize("sentence, title", [
    ("Presiden Joko Widodo membuka rapat kabinet .", "Presiden"),
    ("Gubernur Ganjar Pranowo meninjau lokasi banjir .", "Gubernur"),
])
def test_title_is_not_part_of_the_name(tagger: CrfTagger, sentence: str, title: str) -> None:
    assert not any(title in name for name, _ in names_in(tagger, sentence))


def test_tag_shapes_and_labels(tagger: CrfTagger) -> None:
    words = "Menteri Keuangan Sri Mulyani berbicara di Bali .".split()
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    assert set(tags) <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    assert set(tagger.labels) <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    assert tagger.tag([]) == []
    tags2, probs = tagger.tag_marginals(words)
    assert tags2 == tags and len(probs) == len(words) and all(0.0 <= p <= 1.0 for p in probs)


def test_get_tagger_is_memoised() -> None:
    res = Resources()
    assert get_tagger(res) is get_tagger(res)


def test_shipped_files_are_small_and_well_formed() -> None:
    files = [model_path(n) for n in (MODEL_NAME, GAZETTEER_NAME, NAMES_NAME, CLUSTERS_NAME)]
    assert all(f.exists() for f in files)
    assert sum(f.stat().st_size for f in files) < 20 * 1024 * 1024
    assert model_path("ner-crf.card.md").exists()
    gaz = read_gazetteer(model_path(GAZETTEER_NAME))
    assert len(gaz) > 1000 and all(t == t.lower() and set(c) <= {"PER", "ORG", "LOC"} for t, c in gaz.items())
    names = read_gazetteer(model_path(NAMES_NAME))
    assert len(names) > 1000 and all(set(c) <= {"PER", "ORG", "LOC", "ROLE"} for c in names.values())
    assert names.get("Indonesia") == ("LOC",)
    cols, clusters = read_clusters(model_path(CLUSTERS_NAME))
    assert cols[-1] == "cap" and all(len(v) == len(cols) for v in clusters.values())
    # the capitalisation habit separates a common word from a name
    assert clusters["yang"][-1] == "0" and clusters["jakarta"][-1] == "4"


# --- features --------------------------------------------------------------------------------

@pytest.mark.parametrize("word, full, short", [
    ("Jakarta", "Xxxxxxx", "Xx"), ("KPK", "XXX", "X"), ("2019", "dddd", "d"),
    ("non-kader", "xxx-xxxx", "x-x"), ("Covid-19", "Xxxxx-dd", "Xx-d"),
])
def test_shapes(word: str, full: str, short: str) -> None:
    assert shape(word) == full and short_shape(word) == short


def test_featurizer_caches_word_types_and_marks_context() -> None:
    fz = Featurizer(clusters={"bandung": ("3", "12", "4")}, cluster_names=("k64", "k256", "cap"),
                    gazetteer={"bandung": ("LOC",)}, names={"Jawa Barat": ("LOC",), "Bandung": ("LOC",)})
    feats = fz.sentence("Ia tiba di Bandung , Jawa Barat .".split())
    assert fz.word("Bandung") is fz.word("Bandung")
    bandung = feats[3]
    assert {"w=bandung", "k64=3", "g=LOC", "G=B-LOC", "-1:w=di", "+1:w=,"} <= set(bandung)
    assert "G=I-LOC" in feats[6] and "Gmulti" in feats[6]
    assert "BOS" in feats[0] and "EOS" in feats[-1]
    # the gazetteer class fires on a capitalised token only
    assert "g=LOC" not in fz.sentence(["bandung"])[0]


def test_name_matches_prefer_the_longest_name() -> None:
    fz = Featurizer(names={"Jawa": ("LOC",), "Jawa Barat": ("LOC",), "Joko Widodo": ("PER",)})
    assert fz.name_matches("Joko Widodo ke Jawa Barat".split()) == [(0, 2, ("PER",)), (3, 5, ("LOC",))]
    assert fz.name_matches("ke Jawa lagi".split()) == [(1, 2, ("LOC",))]
    assert fz.name_matches("joko widodo".split()) == []


@pytest.mark.parametrize("tags, expected", [
    (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
    (["I-ORG", "I-ORG", "B-ORG"], [(0, 2, "ORG"), (2, 3, "ORG")]),
    (["B-PER", "I-LOC", "O"], [(0, 1, "PER"), (1, 2, "LOC")]),
    (["O", "O"], []),
])
def test_spans_follow_conlleval(tags: list[str], expected: list) -> None:
    assert spans(tags) == expected


# --- training helpers ------------------------------------------------------------------------

def test_retokenise_splits_brackets_like_the_pipeline() -> None:
    sent = [("Komisi", "B-ORG"), ("Pemilihan", "I-ORG"), ("Umum", "I-ORG"), ("(KPU)", "I-ORG"),
            ("menurut", "O"), ("(Jokowi),", "B-PER")]
    assert retokenise(sent) == [
        ("Komisi", "B-ORG"), ("Pemilihan", "I-ORG"), ("Umum", "I-ORG"), ("(", "O"), ("KPU", "B-ORG"),
        (")", "O"), ("menurut", "O"), ("(", "O"), ("Jokowi", "B-PER"), (")", "O"), (",", "O")]


def test_harmonise_tags_untagged_country_names_only() -> None:
    countries = [["Amerika", "Serikat"], ["Israel"]]
    sent = [("Pasukan", "O"), ("Israel", "O"), ("tiba", "O"), ("di", "O"), ("Amerika", "B-LOC"),
            ("Serikat", "I-LOC")]
    out = harmonise(sent, countries)
    assert [t for _, t in out] == ["O", "B-LOC", "O", "O", "B-LOC", "I-LOC"]


@pytest.mark.parametrize("name, ok", [
    ("Joko Widodo", True), ("Ludwig van Beethoven", True), ("Bjorn and", False),
    ("SMKN 1 Paringin", False), ("Cast\ufffdn", False), ("van Gogh", False),
])
def test_noisy_gazetteer_names_are_filtered(name: str, ok: bool) -> None:
    assert _name_ok(name) is ok


def test_train_and_evaluate_on_a_tiny_corpus(tmp_path: Path) -> None:
    sents = [
        [("Budi", "B-PER"), ("pergi", "O"), ("ke", "O"), ("Medan", "B-LOC"), (".", "O")],
        [("Siti", "B-PER"), ("pergi", "O"), ("ke", "O"), ("Padang", "B-LOC"), (".", "O")],
        [("Ani", "B-PER"), ("bekerja", "O"), ("di", "O"), ("Bank", "B-ORG"), ("Mandiri", "I-ORG"), (".", "O")],
    ] * 5
    fz = Featurizer()
    model = tmp_path / "tiny.crfsuite"
    train_crf(sents, model, fz, max_iterations=50)
    tg = CrfTagger(model, fz)
    assert tg.tag("Budi pergi ke Medan .".split()) == ["B-PER", "O", "O", "B-LOC", "O"]
    assert evaluate(tg.tag, sents[:3])["f1"] == 1.0
    assert evaluate_as_pipeline(tg.tag, sents[:3])["f1"] == 1.0
    # a wrong tagger scores below 1
    assert evaluate(lambda ws: ["O"] * len(ws), sents[:3])["f1"] == 0.0


def test_read_conll_maps_both_tag_sets(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("Rudi\tB-PERSON\ndi\tO\nSolo\tB-PLACE\n\nPBB NOUN B-ORG\nbersidang VERB O\n", encoding="utf-8")
    assert read_conll(f) == [[("Rudi", "B-PER"), ("di", "O"), ("Solo", "B-LOC")],
                             [("PBB", "B-ORG"), ("bersidang", "O")]]


# --- clusters --------------------------------------------------------------------------------

@pytest.mark.parametrize("n_mid, n_cap, bucket", [(0, 0, 9), (100, 0, 0), (100, 20, 1), (100, 50, 2),
                                                  (100, 90, 3), (100, 100, 4)])
def test_cap_bucket(n_mid: int, n_cap: int, bucket: int) -> None:
    assert cap_bucket(n_mid, n_cap) == bucket


def test_kmeans_is_deterministic_and_separates_groups() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal([5, 0], 0.1, size=(20, 2))
    b = rng.normal([0, 5], 0.1, size=(20, 2))
    x = np.vstack([a, b])
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    l1, l2 = kmeans(x, 2), kmeans(x, 2)
    assert (l1 == l2).all()
    assert len(set(l1[:20])) == 1 and len(set(l1[20:])) == 1 and l1[0] != l1[20]


def test_ppmi_and_svd_shapes() -> None:
    from scipy import sparse

    m = sparse.csr_matrix(np.array([[4, 0, 1], [0, 3, 1], [2, 0, 0]], dtype=float))
    p = ppmi(m)
    assert p.shape == (3, 3) and (p.data > 0).all()
    u, s = randomized_svd(p, 2)
    assert u.shape == (3, 2) and s[0] >= s[1]


# --- command line and accuracy on the shared test sets ----------------------------------------

def test_train_command_is_registered() -> None:
    from pantau.cli import build_parser

    args = build_parser().parse_args(["train", "ner", "--shared", "/nowhere", "--reuse-clusters"])
    assert args.model == "ner" and args.reuse_clusters
    from pantau.commands.train import run
    from pantau.errors import InputError

    with pytest.raises(InputError):
        run(argparse.Namespace(shared="/nowhere", out="/tmp", reuse_clusters=True, json=False))


@pytest.mark.slow
@pytest.mark.parametrize("path, floor", [
    (("datasets", "indonlu_ner_pos", "nergrit_ner-grit", "test_preprocess.txt"), 0.75),
    (("datasets", "idner_news_2k", "test.txt"), 0.88),
])
def test_test_set_f1_floors(tagger: CrfTagger, path: tuple[str, ...], floor: float) -> None:
    sents = read_conll(need_shared(*path))
    assert evaluate(tagger.tag, sents)["f1"] >= floor
    assert evaluate_as_pipeline(tagger.tag, sents)["f1"] >= floor - 0.02
