#!/usr/bin/env python3
"""Rebuild src/pantau/lang/id/kb_people_phoenix.tsv from the Phoenix actor dictionary.

Input: ../shared/datasets/cameo_event_coding/petrarch2_dictionaries/Phoenix.Countries.actors.txt
(TABARI/PETRARCH actor format, MIT licence, Open Event Data Alliance; format described in
dictionaries_format_doc.rst next to it).  A person record looks like::

    SERGEY_LAVROV_  # CountryInfo.txt
    +SERGEY_VIKTOROVICH_LAVROV_
    +LAVROV
        [RUSGOV 19940922-20040712] # Amb. to UN
        [RUSGOV >20040309]  # Foreign Minister

We keep people whose latest dated code is still open or ended in/after --since (default 2000), write
one row per person in the Pantau KB format (id, type, name, aliases, country, role, cameo, start, end)
with the latest code, and translate the English role comments we recognise into Indonesian.  Aliases
that carry an English title (PRESIDENT_..., FOREIGN_MINISTER_...) are dropped: the entities stage
finds Indonesian titles itself.

    python3 scripts/build_kb_phoenix.py [--src PATH] [--out PATH] [--since 2000]
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared/datasets/cameo_event_coding/petrarch2_dictionaries/Phoenix.Countries.actors.txt"
OUT = ROOT / "src/pantau/lang/id/kb_people_phoenix.tsv"

#: English words that mark an alias as "title + name" rather than a name
TITLE_WORDS = {
    "PRESIDENT", "MINISTER", "PRIME", "AMBASSADOR", "GENERAL", "GEN", "GEN.", "KING", "QUEEN", "PRINCE",
    "SECRETARY", "CHAIRMAN", "LEADER", "SPEAKER", "SENATOR", "DR", "DR.", "MR", "MR.", "MRS", "FOREIGN",
    "DEFENSE", "DEFENCE", "INTERIOR", "FINANCE", "CHIEF", "COMMANDER", "ADMIRAL", "COLONEL", "SHEIKH",
    "EMIR", "SULTAN", "AYATOLLAH", "CARDINAL", "POPE", "RUSSIAN", "AMERICAN", "CHINESE", "FORMER", "VICE",
    "DEPUTY", "MINISTRY", "OF", "THE", "GOVERNOR", "MAYOR", "CHANCELLOR", "SPOKESMAN", "JUDGE", "JUSTICE",
}
#: English role comments in the dictionary -> Indonesian role (longest first)
ROLE_MAP = [
    ("prime minister", "Perdana Menteri"), ("deputy pm", "Wakil Perdana Menteri"), ("pm", "Perdana Menteri"),
    ("vice president", "Wakil Presiden"), ("president", "Presiden"),
    ("foreign minister", "Menteri Luar Negeri"), ("foreign min", "Menteri Luar Negeri"),
    ("defense minister", "Menteri Pertahanan"), ("defence minister", "Menteri Pertahanan"),
    ("interior minister", "Menteri Dalam Negeri"), ("finance minister", "Menteri Keuangan"),
    ("amb.", "Duta Besar"), ("ambassador", "Duta Besar"), ("chancellor", "Kanselir"), ("king", "Raja"),
    ("speaker", "Ketua Parlemen"), ("minister", "Menteri"), ("governor", "Gubernur"), ("mayor", "Wali Kota"),
]
#: Phoenix's pre-ISO codes that map to a current ISO3 country (TMP: East Timor -> TLS)
CODE_FIX = {"TMP": "TLS"}
SECTOR_ROLE = {"GOV": "", "MIL": "", "ELI": "", "LEG": "Anggota parlemen", "JUD": "Hakim"}
LOWER = {"bin", "al", "el", "van", "von", "de", "der", "da", "di", "du", "la", "le", "ibn", "bint", "y"}
RESTRICTION = re.compile(r"^\s*\[([A-Z]{3}[A-Z]*)\s*([^\]]*)\]\s*(?:#\s*(.*))?$")


def phrase(s: str) -> str:
    s = s.split("#", 1)[0].strip()
    s = re.sub(r"\{.*?\}|\[.*?\]", "", s).strip()
    return " ".join(w for w in s.replace("_", " ").split())


def titlecase(name: str) -> str:
    out = []
    for i, w in enumerate(name.split()):
        lw = w.lower()
        if i and lw in LOWER:
            out.append(lw)
            continue
        out.append("-".join(p[:1].upper() + p[1:] for p in lw.split("-")))
    return " ".join(out)


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def ymd(d: str) -> str:
    d = d.strip()
    if len(d) == 6:
        yy = int(d[:2])
        d = (f"19{d[:2]}" if yy > 30 else f"20{d[:2]}") + d[2:]
    if len(d) != 8 or not d.isdigit():
        return ""
    return f"{d[:4]}-{d[4:6]}-{d[6:]}"


def parse_range(r: str) -> tuple[str, str]:
    r = r.strip()
    if not r:
        return "", ""
    if r.startswith(">"):
        return ymd(r[1:]), ""
    if r.startswith("<"):
        return "", ymd(r[1:])
    if "-" in r:
        a, b = r.split("-", 1)
        return ymd(a), ymd(b)
    return "", ""


def role_from(comment: str | None, code: str) -> str:
    c = (comment or "").lower()
    for en, idn in ROLE_MAP:
        if re.search(r"(?<![a-z])" + re.escape(en) + r"(?![a-z])", c):
            return idn
    return SECTOR_ROLE.get(code[3:6], "")


def records(path: Path):
    head, aliases, restr = None, [], []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw.startswith("+"):
            if head:
                aliases.append(phrase(raw[1:]))
        elif raw[0] in " \t" and raw.strip().startswith("["):
            m = RESTRICTION.match(raw)
            if head and m:
                restr.append((m.group(1), m.group(2), m.group(3)))
        elif raw[0].isalpha():
            if head:
                yield head, aliases, restr
            head, aliases, restr = raw, [], []
    if head:
        yield head, aliases, restr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--since", type=int, default=2000)
    a = ap.parse_args()
    if not a.src.exists():
        print(f"missing {a.src} (the shared datasets are not here)", file=sys.stderr)
        return 1
    countries = {line.split("\t", 1)[0] for line in open(OUT.parent / "kb_countries.tsv", encoding="utf-8")
                 if line.strip() and not line.startswith("#")}
    rows, seen = [], set()
    for head, aliases, restr in records(a.src):
        if "CountryInfo" not in head or not restr:
            continue  # country records and institutions, not people
        dated = [(code, *parse_range(rng), cmt) for code, rng, cmt in restr if rng.strip()]
        if not dated:
            continue
        code, start, end, cmt = max(dated, key=lambda t: (t[2] == "", t[2], t[1]))
        if end and int(end[:4]) < a.since:
            continue
        if start and end and end < start:
            start, end = end, start  # a few ranges in the source are written backwards
        name = titlecase(phrase(head))
        if len(name.split()) < 2 or not re.search(r"[A-Za-z]", name):
            continue
        pid = "PER:" + slug(name)
        if pid in seen:
            continue
        seen.add(pid)
        al = []
        for x in aliases:
            words = set(x.upper().replace(".", " ").split())
            if not x or words & TITLE_WORDS or any(ch.isdigit() for ch in x):
                continue
            t = titlecase(x)
            if t != name and t not in al:
                al.append(t)
        country = CODE_FIX.get(code[:3], code[:3])
        code = country + code[3:]
        if country not in countries:
            continue  # Phoenix's own non-ISO codes (former states, TMP placeholders)
        rows.append("\t".join([pid, "PER", name, "|".join(al), country, role_from(cmt, code), code, start, end]))
    header = (
        "# Pantau knowledge base: people from the Phoenix actor dictionary (Phoenix.Countries.actors.txt,\n"
        "# MIT licence, (c) 2014 Open Event Data Alliance), generated by scripts/build_kb_phoenix.py; do not edit\n"
        f"# by hand. People whose latest CAMEO code is open or ended in/after {a.since}; one row each, latest code.\n"
        "# Lowest priority: kb_people.tsv and user --kb files override these rows. Single-word aliases are used\n"
        "# only for in-document coreference (never matched on their own).\n"
        "# id\ttype\tname\taliases\tcountry\trole\tcameo\tstart\tend\n"
    )
    a.out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} people to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
