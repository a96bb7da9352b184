"""Golden test: quotes against every ``../shared/gold/dev`` file, matched like ``gold/score.py``
(a predicted quote matches a gold one when shared words reach half of the longer text; the speaker
is right when it equals the gold speaker's name or alias, or shares half an unnamed phrase's words).

The floors are pinned: raise them when the quotes stage improves, never lower them silently.
Quote F1 does not depend on the entities stage; speaker accuracy does (names are linked through it).
"""
from __future__ import annotations

import json

from conftest import need_shared
from pantau.evaluate import quote_overlap, speaker_ok
from pantau.pipeline import analyze
from pantau.readers import iter_inputs

QUOTE_F1_FLOOR = 0.97
SPEAKER_ACC_FLOOR = 0.93


def _score() -> tuple[float, float, float, float, list[str]]:
    dev = need_shared("gold", "dev")
    tp = npred = ngold = spk = 0
    notes: list[str] = []
    for gold_path in sorted(dev.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        (raw,) = list(iter_inputs([str(gold_path.with_suffix(".txt"))]))
        art = analyze(raw, published=gold.get("published"))
        pred = [q.to_dict() for q in art.quotes]
        for q in art.quotes:
            assert art.text[q.start:q.end] == q.text, (gold_path.stem, q)
        used: set[int] = set()
        for g in gold["quotes"]:
            best, bi = 0.0, None
            for i, p in enumerate(pred):
                if i not in used:
                    o = quote_overlap(g["text"], p["text"])
                    if o > best:
                        best, bi = o, i
            if bi is not None and best >= 0.5:
                used.add(bi)
                tp += 1
                if speaker_ok(g["speaker"], pred[bi]["speaker"], gold["entities"]):
                    spk += 1
                else:
                    notes.append(f"{gold_path.stem}: speaker {pred[bi]['speaker']!r} for {g['speaker']!r}")
            else:
                notes.append(f"{gold_path.stem}: missed {g['text'][:60]!r}")
        notes += [f"{gold_path.stem}: extra {p['text'][:60]!r}" for i, p in enumerate(pred) if i not in used]
        npred += len(pred)
        ngold += len(gold["quotes"])
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, (spk / tp if tp else 0.0), notes


def test_quote_f1_and_speaker_accuracy_floors_on_dev() -> None:
    p, r, f1, acc, notes = _score()
    detail = f"P={p:.3f} R={r:.3f} F1={f1:.3f} speaker_acc={acc:.3f}\n" + "\n".join(notes)
    assert f1 >= QUOTE_F1_FLOOR, detail
    assert acc >= SPEAKER_ACC_FLOOR, detail


def test_seed_quotes() -> None:
    """The seed article's ten quotes, with the speakers an analyst gives them."""
    dev = need_shared("gold", "dev")
    (raw,) = list(iter_inputs([str(dev / "seed-serambinews.txt")]))
    art = analyze(raw)
    gold = json.loads((dev / "seed-serambinews.json").read_text(encoding="utf-8"))
    found = 0
    for g in gold["quotes"]:
        hits = [q for q in art.quotes if quote_overlap(g["text"], q.text) >= 0.5]
        if hits:
            found += 1
            assert hits[0].kind == g["kind"], g["text"]
    assert found >= 9
    # the unclosed first quote ends at its cue, and the -nya cue after an unnamed source stays with it
    first = art.quotes[0]
    assert first.kind == "direct" and first.cue == "kata" and "kata" not in first.text
    tambah = [q for q in art.quotes if q.cue == "tambahnya"]
    assert tambah and tambah[0].speaker == "seorang pejabat senior AS"
    assert any(q.via == "Interfax" for q in art.quotes)
