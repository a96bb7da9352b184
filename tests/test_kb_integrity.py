"""Integrity of the entity knowledge base (lang/id/kb_*.tsv, capitals.tsv, roles.tsv) and of the
format users extend with ``--kb``."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, need_shared
from pantau.errors import ResourceError
from pantau.kb import BASE_FILES, COLUMNS, build_kb, validate_row
from pantau.resources import lang_path

#: country-level codes besides ISO3 that GUIDELINES allows (blocs, IGOs) and region markers
BLOCS = {"WST", "UNO", "EUR", "NAT", "ASN", "AFR", "ARL", "IGO", "REG"}


@pytest.fixture(scope="module")
def kb():
    return build_kb()


@pytest.mark.parametrize("name", BASE_FILES + ("capitals.tsv", "roles.tsv", "kb_ambiguous.tsv", "entity_heads.tsv",
                                  "entity_cues.tsv"))
def test_file_has_header_comment_and_tab_rows(name: str) -> None:
    lines = lang_path(name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), f"{name} must open with a comment explaining its columns"
    width = {"capitals.tsv": 4, "roles.tsv": 4, "kb_ambiguous.tsv": 2, "entity_heads.tsv": 2,
             "entity_cues.tsv": 3}.get(name, len(COLUMNS))
    for n, line in enumerate(lines, 1):
        if line.startswith("#") or not line.strip():
            continue
        assert len(line.split("\t")) == width, f"{name}:{n}: {line!r}"
        assert line == line.strip() or line.endswith("\t"), f"{name}:{n}: stray spaces"


def test_every_country_is_iso3_and_every_reference_resolves(kb) -> None:
    countries = {i for i, e in kb.entries.items() if e.type == "GPE" and e.source == "kb_countries.tsv"}
    assert len(countries) > 200
    assert all(len(c) == 3 and c.isupper() for c in countries)
    for e in kb.entries.values():
        if e.country:
            assert e.country in countries or e.country in BLOCS, (e.id, e.country)
    for cap in kb.capitals.values():
        assert cap.country in countries, cap


@pytest.mark.parametrize("surface, iso", [
    ("AS", "USA"), ("Amerika Serikat", "USA"), ("Negeri Paman Sam", "USA"), ("RI", "IDN"), ("NKRI", "IDN"),
    ("Korsel", "KOR"), ("Korut", "PRK"), ("UEA", "ARE"), ("Inggris", "GBR"), ("Britania Raya", "GBR"),
    ("Tiongkok", "CHN"), ("Cina", "CHN"), ("Negeri Tirai Bambu", "CHN"), ("Negeri Beruang Merah", "RUS"),
    ("Negeri Sakura", "JPN"), ("Negeri Matahari Terbit", "JPN"), ("Negeri Ginseng", "KOR"),
    ("Negeri Jiran", "MYS"), ("Negeri Kanguru", "AUS"), ("Negeri Singa", "SGP"), ("Negeri Gajah Putih", "THA"),
    ("Negeri Kincir Angin", "NLD"), ("Negeri Samba", "BRA"), ("Negeri Piramida", "EGY"),
    ("Negeri Para Mullah", "IRN"), ("Negeri Zionis", "ISR"),
])
def test_country_aliases(kb, surface: str, iso: str) -> None:
    assert kb.lookup(surface).id == iso


@pytest.mark.parametrize("capital, iso, government", [
    ("Moskow", "RUS", True), ("Beijing", "CHN", True), ("Washington", "USA", True), ("Teheran", "IRN", True),
    ("Riyadh", "SAU", True), ("Tel Aviv", "ISR", True), ("Canberra", "AUS", True), ("Roma", "ITA", False),
    ("Jakarta", "IDN", False),
])
def test_capitals(kb, capital: str, iso: str, government: bool) -> None:
    cap = kb.capitals[capital]
    assert (cap.country, cap.government) == (iso, government)


@pytest.mark.parametrize("surface, eid, typ", [
    ("PBB", "IGO:UN", "ORG"), ("DK PBB", "IGO:UNSC", "ORG"), ("NATO", "IGO:NATO", "ORG"), ("Uni Eropa", "IGO:EU", "ORG"),
    ("ASEAN", "IGO:ASEAN", "ORG"), ("WHO", "IGO:WHO", "ORG"), ("IMF", "IGO:IMF", "ORG"), ("Bank Dunia", "IGO:WB", "ORG"),
    ("DPR", "IDN:DPR", "ORG"), ("KPK", "IDN:KPK", "ORG"), ("Bawaslu", "IDN:BAWASLU", "ORG"), ("Polri", "IDN:POLRI", "ORG"),
    ("Kemenlu", "IDN:KEMLU", "ORG"), ("PDI-P", "IDN:PDIP", "ORG"), ("Gerindra", "IDN:GERINDRA", "ORG"),
    ("Gedung Putih", "USA:WHITEHOUSE", "ORG"), ("Kremlin", "RUS:KREMLIN", "ORG"),
    ("Jokowi", "PER:joko-widodo", "PER"), ("Sergei Lavrov", "PER:sergei-lavrov", "PER"),
    ("Kabupaten Dompu", "IDN:BPS:5205", "GPE"), ("Laut China Selatan", "GEO:REG:laut-china-selatan", "LOC"),
])
def test_organisations_people_places(kb, surface: str, eid: str, typ: str) -> None:
    e = kb.lookup(surface)
    assert (e.id, e.type) == (eid, typ)


def test_people_offices_follow_dates(kb) -> None:
    import datetime as dt
    prabowo = kb.entries["PER:prabowo-subianto"]
    assert prabowo.office_on(dt.date(2022, 5, 1)).role == "Menteri Pertahanan"
    assert prabowo.office_on(dt.date(2025, 1, 10)).role == "Presiden"
    trump = kb.entries["PER:donald-trump"]
    assert trump.office_on(dt.date(2019, 9, 10)).cameo == "USAGOV"


def test_roles_have_cameo_codes(kb) -> None:
    assert kb.roles["Menlu"].role == "Menteri Luar Negeri"
    assert kb.roles["Kapolri"].cameo == "COP" and kb.roles["Panglima TNI"].cameo == "MIL"
    assert kb.roles["Pak"].kind == "honorific"
    for rd in kb.roles.values():
        assert rd.cameo.isupper() and 3 <= len(rd.cameo) <= 3, rd


def test_ambiguous_forms_are_never_matched(kb) -> None:
    for form in ("Antara", "Batu", "Baru"):
        assert form in kb.ambiguous
        assert not kb.names.exists(form)


@pytest.mark.parametrize("row, message", [
    (["X:1", "PERSON", "A", "", "", "", "", "", ""], "type"),
    (["X:1", "PER", "", "", "", "", "", "", ""], "empty name"),
    (["X:1", "PER", "A", "", "Rusia", "", "", "", ""], "country"),
    (["X:1", "PER", "A", "", "", "", "", "19 Maret 2022", ""], "date"),
    (["X:1", "PER", "A", "", "", "", "", "2022", "2019"], "before start"),
    (["X:1", "PER", "A", "B||C", "", "", "", "", ""], "empty alias"),
])
def test_bad_rows_are_refused(row: list[str], message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        validate_row(row, "test.tsv:1")


def test_user_file_merges_spelling_variants_and_adds_people(tmp_path: Path) -> None:
    user = tmp_path / "my.tsv"
    user.write_text("# my additions\n"
                    "\tGPE\tChina\tNegeri Naga\t\t\t\t\t\n"
                    "PER:rina-kartika\tPER\tRina Kartika\tRina\tIDN\tBupati Sleman\tIDNGOV\t2021\t\n",
                    encoding="utf-8")
    kb = build_kb(user_files=[user])
    assert kb.lookup("Negeri Naga").id == "CHN"
    assert kb.lookup("Rina Kartika").offices[0].role == "Bupati Sleman"


def test_user_file_with_a_bad_row_names_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "bad.tsv"
    user.write_text("PER:x\tPERSON\tX\t\t\t\t\t\t\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad.tsv:1"):
        build_kb(user_files=[user])


@pytest.mark.parametrize("script, out", [("build_kb_phoenix.py", "kb_people_phoenix.tsv"),
                                         ("build_kb_regions.py", "kb_places_idn.tsv")])
def test_generated_files_rebuild_identically(tmp_path: Path, script: str, out: str) -> None:
    need_shared("datasets", "gazetteer_countries_id_regions")
    need_shared("datasets", "cameo_event_coding")
    target = tmp_path / out
    subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--out", str(target)], check=True,
                   capture_output=True)
    assert target.read_text(encoding="utf-8") == lang_path(out).read_text(encoding="utf-8")


def test_entity_cues_are_lower_case_with_a_type() -> None:
    from pantau.stages.entities import _load_cues
    cues = _load_cues(None)
    assert cues.types["partai"] == ("ORG", False) and cues.types["di"] == ("LOC", True)
    assert all(c == c.lower() for c in cues.types)
