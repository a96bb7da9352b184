"""Golden test: dates against every ``../shared/gold/dev`` file, scored like ``gold/score.py``
(sets of day-precision values per article).  The floor is pinned: raise it when the dates stage
improves, never lower it silently.  The seed's dates must match its gold exactly.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import need_shared
from pantau.pipeline import Pipeline, analyze
from pantau.readers import iter_inputs

DATE_F1_FLOOR = 0.90
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# only the stages dates depend on: fast, and independent of the entity/quote/event stages
_PIPE = Pipeline.default(("normalize", "layout", "segment", "dates"))


def predicted(txt: Path, published: str | None) -> tuple[set[str], list[dict]]:
    (raw,) = list(iter_inputs([str(txt)]))
    art = analyze(raw, published=published, pipeline=_PIPE)
    for d in art.dates:
        assert art.text[d.start:d.end] == d.text
    return {d.value for d in art.dates if _DAY.fullmatch(d.value)}, [d.to_dict() for d in art.dates]


def test_date_f1_floor_on_dev() -> None:
    dev = need_shared("gold", "dev")
    tp = npred = ngold = 0
    misses = []
    for gold_path in sorted(dev.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred, _ = predicted(gold_path.with_suffix(".txt"), gold.get("published"))
        want = {x["value"] for x in gold["dates"]}
        tp += len(pred & want)
        npred += len(pred)
        ngold += len(want)
        if pred != want:
            misses.append(f"{gold_path.stem}: missing {sorted(want - pred)} extra {sorted(pred - want)}")
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    assert f1 >= DATE_F1_FLOOR, f"date F1 {f1:.3f} < {DATE_F1_FLOOR}:\n" + "\n".join(misses)


def test_seed_dates_exactly() -> None:
    dev = need_shared("gold", "dev")
    gold = json.loads((dev / "seed-serambinews.json").read_text(encoding="utf-8"))
    pred, refs = predicted(dev / "seed-serambinews.txt", gold.get("published"))
    assert pred == {x["value"] for x in gold["dates"]}
    assert [(d["text"], d["value"]) for d in refs] == [(x["text"], x["value"]) for x in gold["dates"]]
