"""Integrity of the CAMEO data files: code table, Indonesian verb dictionary, agent nouns."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import need_shared
from pantau.cameo import QUAD_OF_ROOT, load_table, quad_class
from pantau.errors import ResourceError
from pantau.stages.events import GAP, load_agents, load_patterns

TABLE = load_table()
PATTERNS = load_patterns(TABLE)
AGENTS = load_agents()


def test_code_table_has_every_root_and_sane_scores() -> None:
    roots = {c for c in TABLE.codes if len(c) == 2}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert len(TABLE) >= 300
    for code, entry in TABLE.codes.items():
        assert re.fullmatch(r"\d{2,4}", code)
        assert -10.0 <= entry.goldstein <= 10.0, code
        assert entry.name
        if len(code) > 2:
            assert code[:2] in TABLE, f"{code} has no root"


@pytest.mark.parametrize("code,gs", [("01", 0.0), ("051", 3.4), ("0232", 3.4), ("163", -8.0), ("190", -10.0),
                                     ("111", -2.0), ("057", 8.0)])
def test_known_goldstein_scores(code: str, gs: float) -> None:
    assert TABLE.goldstein(code) == gs


def test_quad_class_follows_the_root() -> None:
    assert [quad_class(c) for c in ("010", "057", "0632"[:3], "073", "084", "090", "138", "141", "195", "204")] == \
        [1, 1, 2, 2, 2, 3, 3, 4, 4, 4]
    assert set(QUAD_OF_ROOT.values()) == {1, 2, 3, 4}
    with pytest.raises(ValueError):
        quad_class("21")


def test_unknown_subcode_borrows_its_parent() -> None:
    assert TABLE.get("1901").goldstein == TABLE.goldstein("190")


def test_dictionary_covers_all_twenty_roots() -> None:
    roots = Counter(p.code[:2] for p in PATTERNS if p.kind not in "XS")
    assert set(roots) == {f"{r:02d}" for r in range(1, 21)}, sorted(roots)


def test_dictionary_rows_are_well_formed_and_unique() -> None:
    seen = set()
    for p in PATTERNS:
        key = (p.kind in "XS", p.text)
        assert key not in seen, f"row {p.row}: duplicate pattern {p.text!r}"
        seen.add(key)
        assert p.text == p.text.lower().strip(), p.row
        assert p.slots[0] != GAP and p.slots[-1] != GAP
        assert p.example.strip() and p.example[0].isupper() or p.example[0] in '"', p.row
        assert p.expect, f"row {p.row}: no expectation"
        if p.kind not in "XS":
            assert p.code in TABLE, p.row
        # the wording itself appears in the example sentence (gaps aside)
        words = [min(s) if len(s) == 1 else None for s in p.slots]
        low = p.example.lower()
        assert all(w is None or w == "*" or re.search(rf"(?<!\w){re.escape(w)}", low) for w in words), p.row


def test_agent_rows() -> None:
    phrases = [" ".join(a.words) for a in AGENTS]
    assert len(phrases) == len(set(phrases)), [p for p, n in Counter(phrases).items() if n > 1]
    roles = {a.code for a in AGENTS if a.country is None}
    assert {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "MED", "BUS", "CVL", "EDU"} <= roles
    for a in AGENTS:
        if a.country is None:
            assert re.fullmatch(r"[A-Z]{3}", a.code), a
        else:
            assert re.fullmatch(r"[A-Z]{3}", a.country), a
    bodies = {" ".join(a.words): (a.code, a.country) for a in AGENTS if a.country}
    assert bodies["pbb"] == ("IGOUNO", "UNO")
    assert bodies["nato"][1] == "NAT" and bodies["uni eropa"][1] == "EUR" and bodies["asean"][1] == "ASN"


def test_bad_dictionary_row_is_a_resource_error(tmp_path) -> None:
    bad = tmp_path / "v.tsv"
    bad.write_text("code\tkind\tpattern\texample\texpect\n999\tV\tmenyerang\tX.\tA>B\n", encoding="utf-8")
    with pytest.raises(ResourceError):
        load_patterns(TABLE, bad)
    bad.write_text("code\tkind\tpattern\texample\texpect\n190\tQ\tmenyerang\tX.\tA>B\n", encoding="utf-8")
    with pytest.raises(ResourceError):
        load_patterns(TABLE, bad)


def test_committed_code_table_matches_its_source() -> None:
    """scripts/build_cameo_codes.py regenerates exactly the committed file from ../shared."""
    import importlib.util
    from pathlib import Path

    shared = need_shared("datasets", "cameo_event_coding", "icews", "cameo-codes.csv").parents[3]
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_cameo_codes.py"
    spec = importlib.util.spec_from_file_location("build_cameo_codes", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = mod.build(shared)
    assert {c: gs for c, _n, gs in rows} == {c: e.goldstein for c, e in TABLE.codes.items()}
