"""Query functions over a real store file built from hand-made records."""
from __future__ import annotations

import pytest

from _corpus_helpers import banjir, ent, event, item, lavrov, quote
from pantau.store import StoreWriter, open_store
from pantau.store import queries as Q
from pantau.store.fts import BadQuery, split_snippet, to_match


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    db = tmp_path_factory.mktemp("q") / "pantau.db"
    with StoreWriter(db) as w:
        w.write_batch([
            lavrov("a1", published="2022-03-20"),
            lavrov("a2", published="2022-04-02", source="Tempo",
                   events=[event("CHNGOV", "RUSGOV", code="172", quad=4, goldstein=-5.0, src_name="Wang Yi")]),
            banjir("b1", published="2022-03-25"),
            item("c1", "Presiden Jokowi resmikan bendungan <script>alert(1)</script>",
                 ["Presiden Joko Widodo meresmikan bendungan baru di Jawa Tengah yang akan mengairi ribuan hektare "
                  "sawah milik petani di tiga kabupaten sekitarnya."],
                 rubric="Nasional", published="2022-03-21",
                 entities=[ent("Joko Widodo"), ent("Jawa Tengah", "GPE", "IDN:JATENG", "IDN")],
                 quotes=[quote("Bendungan ini untuk petani", "Joko Widodo")],
                 events=[event("IDNGOV", "IDNAGR", code="070", quad=2, goldstein=7.0, src_name="Joko Widodo")]),
        ])
    return open_store(db)


def test_search_ranks_headline_hits_and_highlights(conn):
    page = Q.search(conn, "kerja sama energi")
    assert page["total"] == 2
    first = page["items"][0]
    assert first["id"] in ("a1", "a2")
    s, hits = first["snippet"], first["highlights"]
    assert hits and all(s[a:b].lower() in ("kerja", "sama", "energi") for a, b in hits)


def test_search_filters(conn):
    assert [i["id"] for i in Q.search(conn, "Lavrov", outlet="tempo")["items"]] == ["a2"]
    assert [i["id"] for i in Q.search(conn, "Lavrov", since="2022-04")["items"]] == ["a2"]
    assert [i["id"] for i in Q.search(conn, "Lavrov", until="2022-03")["items"]] == ["a1"]
    assert [i["id"] for i in Q.search(conn, "rumah", rubric="regional")["items"]] == ["b1"]
    assert [i["id"] for i in Q.search(conn, "bendungan", entity="Joko Widodo")["items"]] == ["c1"]
    assert Q.search(conn, "Lavrov", entity="Joko Widodo")["total"] == 0


def test_search_pagination(conn):
    p1 = Q.search(conn, "Lavrov", limit=1)
    p2 = Q.search(conn, "Lavrov", limit=1, offset=1)
    assert p1["total"] == p2["total"] == 2
    assert p1["items"][0]["id"] != p2["items"][0]["id"]


def test_snippet_html_escapes_article_markup(conn):
    item_ = Q.search(conn, "bendungan resmikan")["items"][0]
    assert "<script>" not in item_["snippet_html"]
    assert "<mark>" in item_["snippet_html"]


@pytest.mark.parametrize("query", ['Lavrov AND', 'NEAR(a b)', 'headline:Lavrov', '"kerja sama', '-Lavrov', "(((Lavrov",
                                   "Lavrov*", "kota-kota"])
def test_fts_syntax_in_user_queries_never_raises(conn, query):
    Q.search(conn, query)


@pytest.mark.parametrize("query", ["", "   ", "!!!", '""'])
def test_a_query_with_no_words_is_a_clear_error(conn, query):
    with pytest.raises(BadQuery, match="nothing to search"):
        Q.search(conn, query)


def test_to_match_quotes_every_term():
    assert to_match('Jokowi "kerja sama" korup*') == '"Jokowi" "kerja sama" "korup"*'
    assert to_match("AS-China", column="quotes") == 'quotes : ("AS China")'


def test_split_snippet_offsets():
    plain, hits, html = split_snippet("a \ue000b<c\ue001 d")
    assert plain == "a b<c d" and hits == [(2, 5)] and html == "a <mark>b&lt;c</mark> d"


def test_quotes_by_speaker_and_term(conn):
    page = Q.quotes(conn, speaker="sergei lavrov")
    assert page["total"] == 2 and page["items"][0]["published"] == "2022-04-02"
    assert Q.quotes(conn, speaker="Sergei Lavrov", about="energi")["total"] == 2
    assert Q.quotes(conn, speaker="Sergei Lavrov", about="petani")["total"] == 0
    assert Q.quotes(conn, about="petani")["items"][0]["speaker_id"] == "PER:joko widodo"
    # an unnamed source is found as written
    assert Q.quotes(conn, speaker="seorang warga")["total"] == 1


@pytest.mark.parametrize("a, b, n", [
    ("RUS", "CHN", 2), ("CHN", "RUS", 2), ("RUSGOV", "CHNGOV", 2), ("Sergei Lavrov", "CHN", 1),
    ("IDN", "CHN", 0),
])
def test_relations_between_actors(conn, a, b, n):
    assert Q.relations(conn, a, b)["events"] == n


def test_relations_by_period_with_goldstein_and_quads(conn):
    rel = Q.relations(conn, "RUS", "CHN", by="month")
    assert [p["period"] for p in rel["periods"]] == ["2022-03", "2022-04"]
    march, april = rel["periods"]
    assert march["a_to_b"] == 1 and march["quad"]["1"] == 1 and march["goldstein_mean"] == 4.0
    assert april["b_to_a"] == 1 and april["quad"]["4"] == 1 and april["goldstein_mean"] == -5.0
    assert rel["goldstein_mean"] == -0.5
    weeks = Q.relations(conn, "RUS", "CHN", by="week")["periods"]
    assert [p["period"] for p in weeks] == ["2022-03-14", "2022-03-28"]  # the Mondays


def test_unknown_actor_and_bad_arguments(conn):
    with pytest.raises(Q.NotFound):
        Q.relations(conn, "Tokoh Fiktif", "RUS")
    with pytest.raises(Q.BadArgument):
        Q.relations(conn, "RUS", "CHN", by="year")
    with pytest.raises(Q.BadArgument):
        Q.search(conn, "Lavrov", limit=0)
    with pytest.raises(Q.BadArgument):
        Q.search(conn, "Lavrov", since="20 Maret")


def test_events_by_actor_and_quad(conn):
    assert Q.events(conn, actor="RUS")["total"] == 2
    assert Q.events(conn, actor="RUS", quad=4)["items"][0]["article_id"] == "a2"
    assert Q.events(conn, source="IDNGOV", root="07")["items"][0]["evidence"] == "bertemu"


def test_entity_profile(conn):
    prof = Q.entity(conn, "Sergei Lavrov")
    assert prof["id"] == "PER:sergei lavrov" and prof["n_articles"] == 2
    assert [t["period"] for t in prof["timeline"]] == ["2022-03", "2022-04"]
    assert {r["name"] for r in prof["related"]} >= {"Wang Yi", "Rusia"}
    assert prof["events_as_source"][0]["root"] == "03" and prof["n_quotes"] == 2
    assert Q.entity(conn, "RUS")["name"] == "Rusia"  # by KB id
    with pytest.raises(Q.NotFound):
        Q.entity(conn, "Tokoh Fiktif")


def test_article_record_and_stats(conn):
    rec = Q.article(conn, "a1")
    assert rec["headline"].startswith("Lavrov") and rec["outlet"] == "Kompas.com"
    assert [d["id"] for d in rec["near_duplicates"]] == ["a2"]
    with pytest.raises(Q.NotFound):
        Q.article(conn, "zzz")
    st = Q.stats(conn)
    assert st["articles"] == 4 and st["quotes"] == 4 and st["events"] == 3 and st["outlets"] == 2
    assert st["near_duplicate_groups"] == 1
