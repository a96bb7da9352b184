"""Property tests: analysis never raises on arbitrary text, and every offset slices ``text``.

Any text either gives a record or a named ``InputError`` (empty after normalisation, or clearly not
Indonesian); never another exception.  In the record, every ``start``/``end`` pair slices ``text``
to the string reported beside it.
"""
from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pantau.doc import RawDoc
from pantau.errors import EmptyInput, InputError, NotIndonesian
from pantau.pipeline import analyze
from pantau.stages.normalize import normalize_text

FRAGMENTS = [
    "Internasional", "Politik", "Menlu Retno Marsudi", "Presiden Joko Widodo", "bertemu", "Amerika Serikat (AS)",
    "China", "Rusia", "PBB", "mengatakan", "kata", "ujarnya.", "tambahnya.", "menurut dia,", "Sabtu (19/3/2022)",
    "kemarin", "pekan lalu", "Senin lalu", "19 Maret 2022", "pukul 10.15 WIB", "Rp 2,5 triliun", "5,12%",
    "JAKARTA, KOMPAS.com - ", "SERAMBINEWS.COM, BEIJING - ", "Jakarta - ", "Baca juga: ", "(sam/antara)",
    "SCROLL TO CONTINUE WITH CONTENT", "Editor: Budi", '"', "“", "”", "'", ".", ",", ".,", ",,", " - ", "\n",
    "\n\n", " ", "Dr.", "H.", "Jl.", "dll.", "kota-kota", "sanksi", "menyerang", "mengecam", "bantuan",
    "Tonton juga video \"", "\" di sini:", "\ufeff", "\u200b", "\u00a0", "\r\n", "â€œ", "Ã©", "\t",
]

news_like = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=60).map(" ".join)
mixed = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)
anything = st.text(max_size=400)
layouts = st.sampled_from(["auto", "article", "plain"])
kinds = st.sampled_from(["text", "article", "record"])


def spans_in(rec: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, reported string) for every span the record carries."""
    out: list[tuple[int, int, str]] = []
    for e in rec["entities"]:
        out += [(m["start"], m["end"], m["text"]) for m in e["mentions"]]
    for q in rec["quotes"]:
        out.append((q["start"], q["end"], q["text"]))
    for ev in rec["events"]:
        out.append((ev["start"], ev["end"], ev["evidence"]))
        out += [(m["start"], m["end"], m["evidence"]) for m in ev["mentions"]]
    for d in rec["dates"]:
        out.append((d["start"], d["end"], d["text"]))
    return out


def check(text: str, layout: str, kind: str) -> None:
    raw = RawDoc(text=text, kind=kind, title="Judul Berita" if kind == "record" else None)
    try:
        art = analyze(raw, layout=layout, published="2022-03-20")
    except EmptyInput:
        # only when nothing is left after normalisation (a record's title line counts as text)
        assert not normalize_text(text, plain=layout == "plain").strip()
        assert kind != "record" or layout == "plain"
        return
    except NotIndonesian:
        return
    rec = art.to_dict()
    t = rec["text"]
    assert t.strip(), "an empty text must be an EmptyInput, not a record"
    for s, e, string in spans_in(rec):
        assert 0 <= s <= e <= len(t), (s, e, len(t))
        assert t[s:e] == string, (t[s:e], string)
    for key in ("rubric", "headline", "lead"):
        if rec[key] is not None:
            assert rec[key] in t
    for para in rec["body"] + rec["related"]:
        assert para and para in t
    if rec["dateline"]:
        dl = rec["dateline"]
        seg = t[dl["start"]:dl["end"]]
        assert all(part in seg for part in (dl["outlet"], dl["place"]) if part)


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(anything, layouts, kinds)
def test_arbitrary_text(text: str, layout: str, kind: str) -> None:
    check(text, layout, kind)


@SETTINGS
@given(news_like, layouts, kinds)
def test_news_like_text(text: str, layout: str, kind: str) -> None:
    check(text, layout, kind)


@SETTINGS
@given(mixed, layouts)
def test_mixed_text(text: str, layout: str) -> None:
    check(text, layout, "article")


def test_empty_and_invisible_text_is_a_named_input_error() -> None:
    for text in ("", "   ", "\u200b\n\ufeff"):
        try:
            analyze(text)
        except InputError as exc:
            assert "empty" in str(exc)
        else:
            raise AssertionError(f"{text!r} gave a record")
