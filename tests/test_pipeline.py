"""Pipeline.pipe / analyze_many: many articles through the stages in batches, as one by one."""
from __future__ import annotations

import datetime as dt

import pytest

from pantau.doc import RawDoc
from pantau.errors import EmptyInput, NotIndonesian
from pantau.model import Article
from pantau.pipeline import Pipeline, analyze, analyze_many
from pantau.commands.demo import load_samples

ENGLISH = ("The minister said on Monday that the government would raise the budget for schools and "
           "hospitals next year, and that the plan had been discussed with the regional leaders who "
           "will meet again in the capital at the end of this month to agree on the details.")
SHORT = "Banjir merendam tiga desa di Kabupaten Bandung pada Senin malam, kata petugas BPBD setempat."


def test_batches_give_the_records_of_one_by_one_in_input_order() -> None:
    docs = list(load_samples())
    assert len(docs) > 8  # more than one batch
    expected = [analyze(d).to_dict() for d in docs]
    for size in (1, 3, 8, 64):
        got = [a.to_dict() for a in analyze_many(docs, batch_size=size)]  # type: ignore[union-attr]
        assert got == expected


def test_a_bad_input_gets_its_error_and_the_batch_goes_on() -> None:
    items = [SHORT, "", ENGLISH, RawDoc(text=SHORT, id="kedua"), "   \n  "]
    got = list(analyze_many(items, batch_size=2))
    assert [type(x) for x in got] == [Article, EmptyInput, NotIndonesian, Article, EmptyInput]
    assert got[3].id == "kedua"  # type: ignore[union-attr]
    assert got[0].to_dict() == analyze(SHORT).to_dict()  # type: ignore[union-attr]


def test_each_record_keeps_its_own_publication_date() -> None:
    text = "Rapat digelar kemarin di Jakarta, kata juru bicara kementerian kepada wartawan setempat."
    items = [RawDoc(text=text, published="2024-05-02"), RawDoc(text=text), RawDoc(text=text, published="2023-01-10")]
    got = list(analyze_many(items, published=dt.date(2020, 6, 1)))
    assert [[d.value for d in a.dates] for a in got] == [["2024-05-01"], ["2020-05-31"], ["2023-01-09"]]  # type: ignore[union-attr]


def test_a_failing_stage_stops_only_its_article() -> None:
    from pantau.pipeline import stage

    @stage("boom", requires=("text",), provides=())
    def boom(doc, res) -> None:  # type: ignore[no-untyped-def]
        if "meledak" in doc.text:
            raise ValueError("sengaja gagal")

    base = Pipeline.default(("normalize",))
    pipe = Pipeline([*base.stages, boom])
    got = list(pipe.pipe([RawDoc(text=SHORT), RawDoc(text=SHORT + " Gudang itu meledak."), RawDoc(text=SHORT)]))
    assert isinstance(got[0], Article) and isinstance(got[2], Article)
    assert isinstance(got[1], ValueError) and str(got[1]) == "sengaja gagal"


def test_batch_size_must_be_positive_or_is_treated_as_one() -> None:
    got = list(analyze_many([SHORT, SHORT], batch_size=0))
    assert len(got) == 2 and all(isinstance(a, Article) for a in got)


@pytest.mark.parametrize("size", [1, 2])
def test_an_empty_input_list_gives_nothing(size: int) -> None:
    assert list(analyze_many([], batch_size=size)) == []
