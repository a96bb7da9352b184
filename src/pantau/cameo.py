"""The CAMEO code table: names, Goldstein scores and quad classes.

Loaded once per process from ``lang/id/cameo_codes.tsv`` (generated from the ICEWS table by
``scripts/build_cameo_codes.py``), so the project needs nothing outside its package at run time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ResourceError
from .resources import Resources, lang_path

_CODE = re.compile(r"\d{2,4}")

#: CAMEO roots per quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
QUAD_OF_ROOT: dict[str, int] = {f"{r:02d}": (1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4) for r in range(1, 21)}


def quad_class(code: str) -> int:
    """The quad class of a CAMEO code, from its two-digit root."""
    try:
        return QUAD_OF_ROOT[code[:2]]
    except KeyError:
        raise ValueError(f"not a CAMEO code: {code!r}") from None


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad(self) -> int:
        return quad_class(self.code)


class CameoTable:
    """Code -> name and Goldstein score; unknown sub-codes fall back to their parent's score."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self.codes = codes

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; a finer code missing from the table borrows its nearest parent's."""
        c = code
        while c:
            if c in self.codes:
                found = self.codes[c]
                return found if c == code else CameoCode(code, found.name, found.goldstein)
            c = c[:-1]
        raise KeyError(code)

    def goldstein(self, code: str) -> float:
        return self.get(code).goldstein

    def name(self, code: str) -> str:
        return self.get(code).name


def load_table(path: Path | None = None) -> CameoTable:
    path = path or lang_path("cameo_codes.tsv")
    codes: dict[str, CameoCode] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read {path}: {exc}") from exc
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if not header_seen:
            header_seen = True
            if parts[:3] == ["code", "name", "goldstein"]:
                continue
        if len(parts) != 3 or not _CODE.fullmatch(parts[0]):
            raise ResourceError(f"{path.name}:{n}: expected code<TAB>name<TAB>goldstein, got {line!r}")
        try:
            gs = float(parts[2])
        except ValueError:
            raise ResourceError(f"{path.name}:{n}: Goldstein score {parts[2]!r} is not a number") from None
        codes[parts[0]] = CameoCode(parts[0], parts[1], gs)
    return CameoTable(codes)


def cameo_table(res: Resources) -> CameoTable:
    """The process-wide table (built once through ``Resources``)."""
    return res.get("cameo.table", lambda _r: load_table())
