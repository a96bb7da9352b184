"""Golden test: entities against every ``../shared/gold/dev`` file, matched like ``gold/score.py``
(an entity counts when its canonical name, an alias or a mention text matches the gold entity's name
or aliases, within the type family PER; ORG; GPE+LOC; one to one).

The floor is pinned: raise it when the entities stage improves, never lower it silently.
"""
from __future__ import annotations

import json

from conftest import need_shared
from pantau.evaluate import match_entities
from pantau.pipeline import analyze
from pantau.readers import iter_inputs

ENTITY_F1_FLOOR = 0.90


def _score() -> tuple[float, float, float, list[str]]:
    dev = need_shared("gold", "dev")
    tp = npred = ngold = 0
    notes: list[str] = []
    for gold_path in sorted(dev.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        (raw,) = list(iter_inputs([str(gold_path.with_suffix(".txt"))]))
        art = analyze(raw, published=gold.get("published"))
        for e in art.entities:  # every mention is a real stretch of the text
            for m in e.mentions:
                assert art.text[m.start:m.end] == m.text, (gold_path.stem, e.name, m)
        pred = [e.to_dict() for e in art.entities]
        pairs = match_entities(gold["entities"], pred)
        gm, pm = {g for g, _ in pairs}, {p for _, p in pairs}
        notes += [f"{gold_path.stem}: missed {g['type']} {g['name']}" for i, g in enumerate(gold["entities"])
                  if i not in gm]
        notes += [f"{gold_path.stem}: extra {p['type']} {p['name']}" for i, p in enumerate(pred) if i not in pm]
        tp += len(pairs)
        npred += len(pred)
        ngold += len(gold["entities"])
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, notes


def test_entity_f1_floor_on_dev() -> None:
    p, r, f1, notes = _score()
    assert f1 >= ENTITY_F1_FLOOR, f"P={p:.3f} R={r:.3f} F1={f1:.3f}\n" + "\n".join(notes)
