"""Golden test: events against every ``../shared/gold/dev`` file, scored like ``gold/score.py``
((source country, target country, CAMEO root) sets per article).  The floor is pinned: raise it when the
events stage improves, never lower it silently.
"""
from __future__ import annotations

import json

from conftest import need_shared
from pantau.pipeline import analyze
from pantau.readers import iter_inputs

EVENT_F1_FLOOR = 0.72  # measured 0.773 (P 0.868, R 0.697) with the entities and quotes stages of this commit


def _triples(events) -> set[tuple[str, str, str]]:
    return {(e.source_country, e.target_country, e.root) for e in events}


def test_event_f1_floor_on_dev() -> None:
    dev = need_shared("gold", "dev")
    tp = npred = ngold = 0
    for gold_path in sorted(dev.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        (raw,) = list(iter_inputs([str(gold_path.with_suffix(".txt"))]))
        art = analyze(raw, published=gold.get("published"))
        for e in art.events:
            assert art.text[e.start:e.end] == e.evidence
            assert all(art.text[m.start:m.end] == m.evidence for m in e.mentions)
        pred = _triples(art.events)
        want = {(e["source"], e["target"], e["root"]) for e in gold["events"]}
        tp += len(pred & want)
        npred += len(pred)
        ngold += len(want)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    assert f1 >= EVENT_F1_FLOOR, f"event F1 {f1:.3f} (P {p:.3f}, R {r:.3f}) < floor {EVENT_F1_FLOOR}"


def test_seed_events() -> None:
    """The seed's central events: ties strengthened both ways, the meeting, the aid request, sanctions."""
    path = need_shared("gold", "dev", "seed-serambinews.txt")
    (raw,) = list(iter_inputs([str(path)]))
    got = _triples(analyze(raw).events)
    for t in [("RUS", "CHN", "05"), ("CHN", "RUS", "05"), ("USA", "CHN", "04"), ("CHN", "USA", "04"),
              ("RUS", "CHN", "02"), ("WST", "RUS", "16"), ("RUS", "UKR", "19")]:
        assert t in got, (t, sorted(got))
