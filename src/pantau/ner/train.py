"""Rebuild the NER tagger's shipped files from ``../shared/datasets`` (``pantau train ner``).

Steps, all deterministic:
1. word clusters from CLICK-ID + IndoSum text (``clusters.tsv``; skipped with ``reuse_clusters``);
2. the token gazetteer (``ner-crf.gaz.tsv``) from country names, Indonesian regions, country
   capitals and the DBpedia person/organisation lists, filtered with the clusters' capitalisation
   habit so common words never become "names";
3. one CRF (``ner-crf.crfsuite``) on the NERGrit and idner-news-2k train splits together, tags mapped
   to PER/ORG/LOC; scores on the valid/dev and test splits of both corpora.

Both corpora are Apache-2.0 / MIT licensed (see models/ner-crf.card.md).  One tagger serves both
conventions because at analysis time the pipeline cannot know which one a text follows.
"""
from __future__ import annotations

import csv
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from ..resources import lang_path
from .clusters import build_clusters, read_clusters, write_clusters
from .crf import CLUSTERS_NAME, GAZETTEER_NAME, MODEL_NAME, NAMES_NAME, CrfTagger, load_featurizer, spans

Sentence = list[tuple[str, str]]

#: corpus tag -> tagger type (score.py's families: PLACE/LOC/GPE are one family)
TAG_MAP = {"PERSON": "PER", "PER": "PER", "ORGANISATION": "ORG", "ORG": "ORG", "PLACE": "LOC", "LOC": "LOC"}

#: training settings, chosen on the valid/dev splits (see docs/ner.md)
C1 = 0.02
C2 = 0.1
MAX_ITERATIONS = 300
#: bring idner's country names to NERGrit's convention (see ``harmonise``)
HARMONISED = False
#: the shipped model also learns from the dev splits (settings were chosen on dev beforehand)
WITH_DEV = True


@dataclass(frozen=True)
class Corpus:
    name: str
    train: str
    dev: str
    test: str


CORPORA = (
    Corpus("nergrit", "indonlu_ner_pos/nergrit_ner-grit/train_preprocess.txt",
           "indonlu_ner_pos/nergrit_ner-grit/valid_preprocess.txt",
           "indonlu_ner_pos/nergrit_ner-grit/test_preprocess.txt"),
    Corpus("idner", "idner_news_2k/train.txt", "idner_news_2k/dev.txt", "idner_news_2k/test.txt"),
)


def read_conll(path: Path) -> list[Sentence]:
    """CoNLL-like file: ``token<TAB>tag`` or ``token POS tag`` per line, blank line between sentences.
    Tags are mapped to PER/ORG/LOC (unknown types become O)."""
    sents: list[Sentence] = []
    cur: Sentence = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            tag = parts[-1].strip()
            pre, _, lab = tag.partition("-")
            typ = TAG_MAP.get(lab)
            cur.append((parts[0], f"{pre}-{typ}" if typ and pre in ("B", "I") else "O"))
    if cur:
        sents.append(cur)
    return sents


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(tag: Callable[[list[str]], list[str]], sents: Sequence[Sentence]) -> dict[str, float]:
    """Exact-span entity P/R/F1, span rules as ``../shared/gold/score.py ner``."""
    tp = npred = ngold = 0
    for s in sents:
        words = [w for w, _ in s]
        gold = set(spans([t for _, t in s]))
        pred = set(spans(tag(words)))
        tp += len(gold & pred)
        npred += len(pred)
        ngold += len(gold)
    p, r, f = prf(tp, npred, ngold)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": ngold}


def evaluate_as_pipeline(tag: Callable[[list[str]], list[str]], sents: Sequence[Sentence]) -> dict[str, float]:
    """What ``score.py ner`` would measure if the tagger alone made the mentions: each sentence is
    joined with spaces, re-tokenised by ``pantau.tokenize`` (which splits "(KPK)" into three tokens),
    tagged, and the predicted spans are mapped back to the gold tokens with score.py's rule (a gold
    token belongs to a mention when it lies wholly inside it)."""
    from ..tokenize import tokenize

    tp = npred = ngold = 0
    for s in sents:
        words = [w for w, _ in s]
        text = " ".join(words)
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        toks = tokenize(text)
        tags = tag([text[a:b] for a, b in toks])
        pred = set()
        for a, b, typ in spans(tags):
            ca, cb = toks[a][0], toks[b - 1][1]
            inside = [i for i, st in enumerate(starts) if st >= ca and st + len(words[i]) <= cb]
            if inside:
                pred.add((inside[0], inside[-1] + 1, typ))
        gold = set(spans([t for _, t in s]))
        tp += len(gold & pred)
        npred += len(pred)
        ngold += len(gold)
    p, r, f = prf(tp, npred, ngold)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": ngold}


def retokenise(sent: Sentence) -> Sentence:
    """Split gold tokens the way the pipeline's tokenizer does, so training sees pipeline tokens.

    idner-news-2k writes "(KPK)" or "(SBY)" as one token; the pipeline gives "(", "KPK", ")".  The
    brackets and other split-off marks become O and the word inside keeps its type, starting a new
    mention after a bracket (the abbreviation is a mention of its own, as the entities stage sees it).
    """
    from ..tokenize import token_texts

    out: Sentence = []
    for w, t in sent:
        pieces = token_texts(w)
        if len(pieces) <= 1:
            out.append((w, t))
            continue
        typ = t[2:] if t != "O" else ""
        after_mark = False
        first = True
        for piece in pieces:
            if not typ or not any(ch.isalnum() for ch in piece):
                out.append((piece, "O"))
                after_mark = True
                continue
            if first:
                tag = f"B-{typ}" if (t.startswith("B-") or after_mark) else t
            else:
                tag = f"B-{typ}" if after_mark else f"I-{typ}"
            out.append((piece, tag))
            first = after_mark = False
    return out


# --- harmonising the two conventions ---------------------------------------------------------

#: short forms of country names the news uses, besides the CLDR names of id_country.csv
COUNTRY_ALIASES = ("AS", "Amerika", "China", "Cina", "Korut", "Korsel", "Britania Raya", "UEA", "RI")


def country_names(shared: Path) -> list[list[str]]:
    """Country names as token lists, longest first (CLDR Indonesian names plus COUNTRY_ALIASES)."""
    path = shared / "datasets" / "gazetteer_countries_id_regions" / "country_names_id" / "id_country.csv"
    with open(path, encoding="utf-8") as fh:
        names = {row["value"] for row in csv.DictReader(fh)}
    names.update(COUNTRY_ALIASES)
    return sorted((n.split() for n in names), key=lambda t: (-len(t), t))


def harmonise(sent: Sentence, countries: list[list[str]]) -> Sentence:
    """Tag country names that a sentence leaves untagged as LOC.

    NERGrit tags every country name as a place; idner-news-2k tags one only where it is a location,
    not where the country acts ("Pemerintah Indonesia", "pasukan Israel").  Pantau wants those as
    GPE, and a CRF trained on both conventions at once learns neither, so idner's training sentences
    are brought to NERGrit's convention.
    """
    out = list(sent)
    words = [w for w, _ in sent]
    i = 0
    while i < len(out):
        for name in countries:
            k = len(name)
            if words[i:i + k] == name and all(t == "O" for _, t in out[i:i + k]):
                for j in range(k):
                    out[i + j] = (words[i + j], "B-LOC" if j == 0 else "I-LOC")
                i += k - 1
                break
        i += 1
    return out


# --- gazetteer -------------------------------------------------------------------------------

_WORD = re.compile(r"^[^\W\d_]+(?:[-'][^\W\d_]+)*$")
_REGION_PREFIX = re.compile(r"^(KABUPATEN|KOTA ADM\.|KOTA ADMINISTRASI|KOTA)\s+")


def _tokens(name: str) -> list[str]:
    return [t.lower() for t in name.split() if _WORD.match(t) and t[:1].isupper()]


def build_gazetteer(shared: Path, clusters: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Lower-cased token -> classes among PER, ORG, LOC.

    A token enters a class when it appears in that class's names (twice for the noisy DBpedia lists)
    and, where the news text knows it, is capitalised mid-sentence most of the time (cap bucket >= 3):
    that keeps "dan", "baru" or "selatan" from being flagged as names.
    """
    ds = shared / "datasets"
    g = ds / "gazetteer_countries_id_regions"
    places: Counter = Counter()
    with open(g / "country_names_id" / "id_country.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            places.update({t: 2 for t in _tokens(row["value"])})
    with open(g / "countries_mledoze" / "countries.json", encoding="utf-8") as fh:
        for c in json.load(fh):
            for name in [c["name"]["common"], *c.get("capital", [])]:
                places.update({t: 2 for t in _tokens(name)})
    for fname in ("provinces.csv", "regencies.csv"):
        with open(g / "wilayah_indonesia" / fname, encoding="utf-8") as fh:
            for row in csv.reader(fh):
                name = _REGION_PREFIX.sub("", row[-1]).title()
                places.update({t: 2 for t in _tokens(name)})
    classes: dict[str, set[str]] = {}

    def add(counter: Counter, cls: str, min_count: int) -> None:
        for tok, n in counter.items():
            if n < min_count or len(tok) < 2:
                continue
            cl = clusters.get(tok)
            if cl is not None and cl[-1] not in ("3", "4", "9"):
                continue
            classes.setdefault(tok, set()).add(cls)

    add(places, "LOC", 1)
    m = ds / "mdee_dbpedia_gazetteer_ner"
    for fname, cls in (("gazetteer_person.txt", "PER"), ("gazetteer_organization.txt", "ORG"),
                       ("gazetteer_place.txt", "LOC")):
        cnt: Counter = Counter()
        with open(m / fname, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                cnt.update(set(_tokens(line.strip())))
        add(cnt, cls, 2 if cls != "LOC" else 5)
    return {t: tuple(sorted(c)) for t, c in sorted(classes.items())}


#: lower-case words allowed inside a full name ("Abdurrahman bin Ali", "Vincent van Gogh")
_CONNECTORS = frozenset("bin binti van von der de den da di du del la le al el dan of the and y".split())


def _name_ok(name: str) -> bool:
    parts = name.split(" ")
    if not 1 <= len(parts) <= 5:
        return False
    for k, t in enumerate(parts):
        if not _WORD.match(t):
            return False
        if not t[:1].isupper() and (k == 0 or k == len(parts) - 1 or t not in _CONNECTORS):
            return False
    return True


def read_roles() -> list[str]:
    """Title/role phrases from ``lang/id/roles.tsv`` (first column), empty where the file is absent."""
    path = lang_path("roles.tsv")
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            out.append(line.split("\t", 1)[0].strip())
    return [t for t in out if t]


def build_names(shared: Path, clusters: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Full names as written -> classes, from the same sources as the token gazetteer.

    The DBpedia lists are noisy: a name must be 1-5 capitalised words (lower-case connectors such as
    "bin" or "van" inside), letters only; a one-word name must not be a word the news writes in
    lower case mid-sentence (cap bucket 3, 4 or unseen).
    """
    ds = shared / "datasets"
    g = ds / "gazetteer_countries_id_regions"
    found: dict[str, set[str]] = {}

    def add(name: str, cls: str) -> None:
        name = " ".join(name.split())
        if not _name_ok(name):
            return
        if " " not in name:
            cl = clusters.get(name.lower())
            if cl is not None and cl[-1] not in ("3", "4", "9"):
                return
        found.setdefault(name, set()).add(cls)

    with open(g / "country_names_id" / "id_country.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            add(row["value"], "LOC")
    with open(g / "countries_mledoze" / "countries.json", encoding="utf-8") as fh:
        for c in json.load(fh):
            for name in [c["name"]["common"], *c.get("capital", [])]:
                add(name, "LOC")
    for fname in ("provinces.csv", "regencies.csv"):
        with open(g / "wilayah_indonesia" / fname, encoding="utf-8") as fh:
            for row in csv.reader(fh):
                add(_REGION_PREFIX.sub("", row[-1]).title(), "LOC")
    m = ds / "mdee_dbpedia_gazetteer_ner"
    for fname, cls in (("gazetteer_person.txt", "PER"), ("gazetteer_organization.txt", "ORG"),
                       ("gazetteer_place.txt", "LOC")):
        with open(m / fname, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                add(line.strip(), cls)
    # titles and roles ("Menteri Luar Negeri", "Presiden", "Pak") from the project's roles.tsv: the
    # words before a name that the name does not include; both initial cases, as news writes both
    for title in read_roles():
        for form in {title, title[:1].upper() + title[1:], title[:1].lower() + title[1:]}:
            if all(_WORD.match(t) for t in form.split()):
                found.setdefault(form, set()).add("ROLE")
    return {n: tuple(sorted(c)) for n, c in sorted(found.items())}


def write_names(path: Path, names: dict[str, tuple[str, ...]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# full-name gazetteer for pantau.ner features: name as written<TAB>classes (PER,ORG,LOC).\n"
                 "# Built by `pantau train ner` from the sources named in ner-crf.gaz.tsv (see the model card).\n")
        for name, cls in names.items():
            fh.write(f"{name}\t{','.join(cls)}\n")


def write_gazetteer(path: Path, gaz: dict[str, tuple[str, ...]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# token gazetteer for pantau.ner features: lower-cased token<TAB>classes (PER,ORG,LOC);\n"
                 "# a feature fires only on a capitalised token. Built by `pantau train ner` from country\n"
                 "# names (umpirsky/country-list, MIT), mledoze/countries (ODbL), Indonesian regions (BPS via\n"
                 "# edwardsamuel/Wilayah-Administratif-Indonesia, ODbL) and MDEE DBpedia name lists.\n")
        for tok, cls in gaz.items():
            fh.write(f"{tok}\t{','.join(cls)}\n")


# --- training --------------------------------------------------------------------------------

def train_crf(sents: Iterable[Sentence], model_file: Path, featurizer, *, c1: float = C1, c2: float = C2,
              max_iterations: int = MAX_ITERATIONS) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sents:
        trainer.append(featurizer.sentence([w for w, _ in s]), [t for _, t in s])
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": 1,
    })
    trainer.train(str(model_file))


def load_corpora(shared: Path) -> dict[str, dict[str, list[Sentence]]]:
    ds = shared / "datasets"
    return {c.name: {"train": read_conll(ds / c.train), "dev": read_conll(ds / c.dev),
                     "test": read_conll(ds / c.test)} for c in CORPORA}


def training_sentences(shared: Path, data: dict[str, dict[str, list[Sentence]]], *, harmonised: bool,
                       with_dev: bool) -> list[Sentence]:
    splits = ("train", "dev") if with_dev else ("train",)
    countries = country_names(shared)
    out: list[Sentence] = []
    for name, c in data.items():
        for split in splits:
            for s in c[split]:
                s = retokenise(s)
                out.append(harmonise(s, countries) if harmonised and name == "idner" else s)
    return out


def train_ner(shared: Path, out_dir: Path, *, reuse_clusters: bool = False, test: bool = True,
              c1: float = C1, c2: float = C2, max_iterations: int = MAX_ITERATIONS,
              harmonised: bool = HARMONISED, with_dev: bool = WITH_DEV,
              log: Callable[[str], None] = print) -> dict:
    """Rebuild clusters (unless reused), gazetteers and CRF into ``out_dir``; return the scores.

    with_dev: train on train+dev (the shipped model, once settings were chosen on dev): dev scores
    are then training-set scores and only the test scores say how well the tagger generalises.
    """
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    cpath = out_dir / CLUSTERS_NAME
    if not (reuse_clusters and cpath.exists()):
        write_clusters(cpath, build_clusters(shared, log=log))
        log(f"wrote {cpath} ({time.perf_counter() - t0:.0f}s)")
    _, clusters = read_clusters(cpath)
    gaz = build_gazetteer(shared, clusters)
    write_gazetteer(out_dir / GAZETTEER_NAME, gaz)
    log(f"wrote {out_dir / GAZETTEER_NAME} ({len(gaz)} tokens)")
    names = build_names(shared, clusters)
    write_names(out_dir / NAMES_NAME, names)
    log(f"wrote {out_dir / NAMES_NAME} ({len(names)} names)")
    data = load_corpora(shared)
    train = training_sentences(shared, data, harmonised=harmonised, with_dev=with_dev)
    featurizer = load_featurizer(out_dir)
    model_file = out_dir / MODEL_NAME
    t1 = time.perf_counter()
    train_crf(train, model_file, featurizer, c1=c1, c2=c2, max_iterations=max_iterations)
    log(f"trained {model_file} on {len(train)} sentences"
        f"{' (train+dev)' if with_dev else ''} ({time.perf_counter() - t1:.0f}s)")
    tagger = CrfTagger.load(model_file)
    report: dict = {"c1": c1, "c2": c2, "max_iterations": max_iterations, "harmonised": harmonised,
                    "with_dev": with_dev, "scores": {}}
    for name, splits in data.items():
        for split in ("dev", "test") if test else ("dev",):
            note = " (trained on)" if with_dev and split == "dev" else ""
            for how, fn in (("gold tokens", evaluate), ("pipeline tokens", evaluate_as_pipeline)):
                sc = fn(tagger.tag, splits[split])
                report["scores"][f"{name}/{split}/{how.split()[0]}"] = sc
                log(f"{name:8s} {split:5s} {how:16s} P={sc['p']:.3f} R={sc['r']:.3f} F1={sc['f1']:.3f} "
                    f"({sc['gold']} gold){note}")
    return report
