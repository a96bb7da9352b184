"""Golden test: the layout's structure against every ``../shared/gold/dev`` file's ``structure`` keys.

Scored like ``gold/score.py`` (casefolded, quotes and outer punctuation ignored).  The floor is pinned:
raise it when the layout improves, never lower it silently.  The seed must match exactly.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from conftest import need_shared
from pantau.pipeline import Pipeline, analyze
from pantau.readers import iter_inputs

STRUCTURE_FLOOR = 0.95
_LAYOUT_ONLY = Pipeline.default(("normalize", "layout"))


def norm(s: Any) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s)).casefold()
    s = re.sub(r"[\"“”'‘’]", "", s)
    return re.sub(r"\s+", " ", s).strip(" .,:;-")


def structure_checks(gold: dict[str, Any], pred: dict[str, Any]) -> list[tuple[str, bool]]:
    st = gold.get("structure") or {}
    out: list[tuple[str, bool]] = []
    for k in ("rubric", "headline", "lead"):
        if k in st:
            out.append((k, norm(pred.get(k)) == norm(st[k])))
    if "dateline" in st:
        dl, gdl = pred.get("dateline") or {}, st["dateline"] or {}
        for k in ("outlet", "place"):
            out.append((f"dateline.{k}", norm(dl.get(k)) == norm(gdl.get(k))))
    if "related" in st:
        out.append(("related", sorted(map(norm, pred.get("related") or [])) == sorted(map(norm, st["related"]))))
    return out


def analyse_file(txt: Path, published: str | None) -> dict[str, Any]:
    (raw,) = list(iter_inputs([str(txt)]))
    return _LAYOUT_ONLY.run(raw).to_dict()


def test_structure_accuracy_floor_on_dev() -> None:
    dev = need_shared("gold", "dev")
    ok = total = 0
    misses = []
    for gold_path in sorted(dev.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = analyse_file(gold_path.with_suffix(".txt"), gold.get("published"))
        for key, good in structure_checks(gold, pred):
            total += 1
            ok += good
            if not good:
                misses.append(f"{gold_path.stem}: {key}")
    assert total > 50
    acc = ok / total
    assert acc >= STRUCTURE_FLOOR, f"structure_acc {acc:.3f} < {STRUCTURE_FLOOR}; misses: {misses}"


def test_seed_structure_matches_gold_exactly() -> None:
    dev = need_shared("gold", "dev")
    gold = json.loads((dev / "seed-serambinews.json").read_text(encoding="utf-8"))["structure"]
    pred = analyse_file(dev / "seed-serambinews.txt", None)
    assert pred["rubric"] == gold["rubric"]
    assert pred["headline"] == gold["headline"]
    assert pred["lead"] == gold["lead"]
    assert {k: pred["dateline"][k] for k in ("outlet", "place")} == gold["dateline"]
    assert pred["related"] == gold["related"]


def test_full_pipeline_keeps_the_seed_structure() -> None:
    """The same through ``analyze`` (all stages), so a later stage cannot disturb the layout."""
    dev = need_shared("gold", "dev")
    gold = json.loads((dev / "seed-serambinews.json").read_text(encoding="utf-8"))["structure"]
    (raw,) = list(iter_inputs([str(dev / "seed-serambinews.txt")]))
    rec = analyze(raw).to_dict()
    assert (rec["rubric"], rec["headline"], rec["lead"], rec["related"]) == (
        gold["rubric"], gold["headline"], gold["lead"], gold["related"])
    for span_list in (rec["body"],):
        for para in span_list:
            assert para in rec["text"]


@pytest.mark.parametrize("name", ["seed-serambinews", "detik-511", "sindo-68522792"])
def test_text_is_the_file_as_read(name: str) -> None:
    txt = need_shared("gold", "dev", name + ".txt")
    rec = analyse_file(txt, None)
    assert rec["text"] == txt.read_text(encoding="utf-8").replace("\r\n", "\n")
