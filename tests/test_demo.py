"""`pantau demo` and the sample corpus it analyses."""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from pantau.cli import main
from pantau.commands.demo import SAMPLES_DIR, load_samples, print_summary, run_demo, summarise
from pantau.model import Article, Entity, Quote, Span
from pantau.pipeline import Pipeline
from pantau.render import make_console

LAYOUT_ONLY = Pipeline.default(("normalize", "layout"))
SAMPLES = sorted((SAMPLES_DIR / "articles").glob("*.txt"))


def test_corpus_has_twenty_articles_each_with_a_publication_date() -> None:
    assert len(SAMPLES) == 20
    docs = load_samples()
    assert [Path(d.origin).name for d in docs] == [p.name for p in SAMPLES]
    for d in docs:
        assert d.published and dt.date.fromisoformat(d.published), d.origin
        assert d.id == "sample:" + Path(d.origin).stem
    assert (SAMPLES_DIR / "README.md").read_text(encoding="utf-8").count("written for the Pantau project") == 1


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_each_sample_has_the_article_layout(path: Path) -> None:
    (raw,) = [d for d in load_samples() if d.origin == str(path)]
    art = LAYOUT_ONLY.run(raw)
    assert art.language == "id"
    assert art.rubric and art.headline
    assert art.dateline is not None and art.dateline.place
    assert len(art.body) >= 6
    assert len(art.related) == 1
    words = sum(len(p.split()) for p in art.body)
    assert 150 <= words <= 300, words
    body = "\n".join(art.body)
    assert re.search(r"\b(kata|ujar|tambah)(nya)?\b", body), "a direct quote with a speech cue"
    assert re.search(r"\((\d{1,2}/\d{1,2}/\d{4})\)", body), "a date like Sabtu (19/3/2022)"
    assert not any(w.startswith("language") for w in art.warnings)


def test_some_samples_have_a_repeated_lead_and_some_do_not() -> None:
    leads = [LAYOUT_ONLY.run(d).lead is not None for d in load_samples()]
    assert 3 <= sum(leads) <= 17


def test_demo_command_runs_from_any_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--top", "5"]) == 0
    out = capsys.readouterr().out
    assert "20 artikel contoh" in out
    assert "Entitas teratas" in out and "Kutipan langsung" in out
    assert "2022-03-19" in out


def test_run_demo_returns_the_summary() -> None:
    buf = io.StringIO()
    s = run_demo(make_console(buf), top=3)
    assert s.totals["articles"] == 20
    assert len(s.articles) == 20 and all(a.published for a in s.articles)
    assert "Per artikel" in buf.getvalue()


def test_summarise_counts_entities_per_article_and_mentions() -> None:
    def art(i: int, names: list[str]) -> Article:
        ents = [Entity(n, "PER", mentions=[Span(0, 1, "x"), Span(2, 3, "y")]) for n in names]
        return Article(id=str(i), text="x y", entities=ents,
                       quotes=[Quote("Kami siap", "direct", names[0], "kata", 0, 1)])
    s = summarise([art(1, ["Retno Marsudi", "Wang Yi"]), art(2, ["Retno Marsudi"])])
    assert s.entity_articles[("Retno Marsudi", "PER")] == 2
    assert s.entity_mentions[("Retno Marsudi", "PER")] == 4
    assert s.speakers["Retno Marsudi"] == 2
    buf = io.StringIO()
    print_summary(s, make_console(buf), top=5)
    assert "Retno Marsudi" in buf.getvalue() and "Kami siap" in buf.getvalue()
