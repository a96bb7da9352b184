"""`pantau evaluate`: the in-process scorer must agree with the reference scorer's rules."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pantau.cli import main
from pantau.evaluate import evaluate, event_triple, match_entities, quote_overlap, score_article, speaker_ok

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def test_entities_match_on_alias_within_type_family():
    gold = [{"name": "Amerika Serikat", "type": "GPE", "aliases": ["AS", "Washington"]},
            {"name": "Joko Widodo", "type": "PER", "aliases": ["Jokowi"]}]
    pred = [{"name": "Jokowi", "type": "PER"}, {"name": "Washington", "type": "LOC"}]
    assert sorted(match_entities(gold, pred)) == [(0, 1), (1, 0)]


def test_entities_do_not_match_across_families():
    gold = [{"name": "Istana", "type": "ORG", "aliases": []}]
    assert match_entities(gold, [{"name": "Istana", "type": "LOC"}]) == []


def test_quote_overlap_counts_shared_words_against_the_longer():
    assert quote_overlap("Kami akan hadir besok", "kami akan hadir") == pytest.approx(0.75)
    assert quote_overlap("", "apa saja") == 0.0


def test_unnamed_speaker_matches_on_half_the_words():
    assert speaker_ok("seorang pejabat senior AS", "pejabat senior AS", [])
    assert not speaker_ok("seorang pejabat senior AS", "Gedung Putih", [])
    assert not speaker_ok("Retno Marsudi", None, [])


def test_event_triple_falls_back_to_actor_code_prefix():
    assert event_triple({"source": "RUSGOV", "target": "UKRMIL", "code": "190"}) == ("RUS", "UKR", "19")


def test_score_article_counts_structure_dates_and_events():
    gold = {"id": "x", "structure": {"rubric": "Politik", "headline": "Judul", "dateline": None},
            "entities": [], "quotes": [],
            "events": [{"source": "IDN", "target": "MYS", "root": "04"}],
            "dates": [{"text": "Senin (2/9/2019)", "value": "2019-09-02"}]}
    pred = {"rubric": "politik", "headline": "Judul lain", "dateline": None,
            "events": [{"source_country": "IDN", "target_country": "MYS", "root": "04", "code": "040"}],
            "dates": [{"value": "2019-09-02"}, {"value": "2019-09"}]}
    sc = score_article(gold, pred)
    assert sc.counts["struct_ok"] == 3 and sc.counts["struct_total"] == 4
    assert sc.counts["ev_tp"] == 1 and sc.counts["d_tp"] == 1 and sc.counts["d_pred"] == 1


def test_evaluate_command_rejects_a_folder_without_gold(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path)]) == 1
    assert "no <id>.json + <id>.txt pairs" in capsys.readouterr().err


def test_evaluate_floor_fails_when_short(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Politik\nDPR Gelar Rapat Paripurna\nRapat digelar di Jakarta.\n",
                                    encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({
        "id": "a", "published": "2024-05-02", "structure": {"rubric": "Politik"},
        "entities": [{"name": "Nama Yang Tidak Ada", "type": "PER", "aliases": []}],
        "quotes": [], "events": [], "dates": []}), encoding="utf-8")
    assert main(["evaluate", str(tmp_path), "--floor", "entity_f1=0.5"]) == 1
    assert "entity_f1" in capsys.readouterr().err


@pytest.mark.skipif(not (SHARED / "gold" / "score.py").exists(), reason="../shared/gold is absent")
def test_evaluate_agrees_with_the_reference_scorer(tmp_path):
    """Same articles, same rules: `pantau evaluate` and `gold/score.py` print the same figures."""
    if not (ROOT / ".venv" / "bin" / "pantau").exists():
        pytest.skip("no .venv/bin/pantau (make install)")
    names = sorted(p.stem for p in (SHARED / "gold" / "dev").glob("*.json"))[:4]
    for n in names:
        for ext in (".txt", ".json"):
            shutil.copy(SHARED / "gold" / "dev" / (n + ext), tmp_path / (n + ext))
    ours = evaluate(tmp_path).metrics
    out = subprocess.run([sys.executable, str(SHARED / "gold" / "score.py"), "gold", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT, timeout=600,
                         env={**os.environ, "PANTAU": str(ROOT / ".venv" / "bin" / "pantau")})
    theirs = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                theirs[parts[0]] = float(parts[1])
            except ValueError:
                pass
    assert theirs, out.stdout + out.stderr
    for k, v in theirs.items():
        assert ours[k] == pytest.approx(v, abs=0.0015), k
