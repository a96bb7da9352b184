"""The entity knowledge base: countries, organisations, people and places, with their aliases.

Everything is data under ``lang/id`` (``kb_*.tsv``, ``capitals.tsv``, ``roles.tsv``,
``kb_ambiguous.tsv``) plus the user's own files given with ``--kb`` (``Resources.kb_paths``), all
in one row format documented in ``docs/knowledge-base.md``::

    id  type  name  aliases  country  role  cameo  start  end

The base is loaded and validated once per process through :class:`~pantau.resources.Resources`
(:func:`get_kb`), and compiled into Aho-Corasick automata (pyahocorasick) so that finding every
known name in an article is one pass in C.

Merging rules (why a user row can fold spelling variants into one entity):
- rows with the same ``id`` are one entity: aliases are united, each row's office is kept in the
  entity's history (the office valid at the article's date becomes the default role);
- a row with an empty ``id`` whose name or an alias is already known joins that entity;
- when two entities claim the same surface form, the file loaded later wins (Phoenix people first,
  then places, countries, organisations, curated people, then user files in the order given).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from .errors import ResourceError
from .resources import Resources, cached, lang_path

COLUMNS = ("id", "type", "name", "aliases", "country", "role", "cameo", "start", "end")
TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
#: shipped files in load order (later ones win a disputed surface form)
BASE_FILES = ("kb_people_phoenix.tsv", "kb_places_idn.tsv", "kb_places.tsv", "kb_countries.tsv",
              "kb_organisations.tsv", "kb_people.tsv")
#: files whose one-word aliases serve only in-document coreference, never as a match on their own
#: (the Phoenix lists carry thousands of bare surnames that are ordinary words or common names)
REFERENCE_ONLY_SINGLE = frozenset({"kb_people_phoenix.tsv"})
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^[A-Z0-9]{3,15}$")


@dataclass(slots=True)
class Office:
    role: str
    cameo: str
    country: str
    start: str
    end: str

    def valid_on(self, day: dt.date) -> bool:
        iso = day.isoformat()
        return (not self.start or self.start <= iso) and (not self.end or iso <= _end_bound(self.end))


def _end_bound(end: str) -> str:
    # "2024" means "through 2024"; pad a partial date so that string comparison works
    return end + "-12-31"[len(end) - 4:] if len(end) < 10 else end


@dataclass(slots=True)
class KbEntry:
    id: str
    type: str
    name: str
    country: str = ""
    cameo: str = ""
    aliases: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    source: str = ""

    def office_on(self, day: dt.date | None) -> Office | None:
        """The office valid on ``day``; else the latest one (by start date)."""
        if not self.offices:
            return None
        if day is not None:
            valid = [o for o in self.offices if o.valid_on(day)]
            if valid:
                return max(valid, key=lambda o: o.start)
        return max(self.offices, key=lambda o: (o.end == "", o.start))


@dataclass(frozen=True, slots=True)
class Capital:
    name: str  # canonical city name (Indonesian)
    country: str  # ISO3
    government: bool  # the bare city name may stand for the government


@dataclass(frozen=True, slots=True)
class RoleDef:
    title: str
    role: str
    cameo: str
    kind: str  # office | honorific


@dataclass(slots=True)
class KnowledgeBase:
    entries: dict[str, KbEntry]
    #: surface form (case-sensitive, as written) -> entry id
    keys: dict[str, str]
    #: one-word surface forms usable only for coreference inside a document
    weak_keys: dict[str, str]
    capitals: dict[str, Capital]
    roles: dict[str, RoleDef]
    ambiguous: frozenset[str]
    #: first name -> ids of curated (non-Phoenix) people, for "Rano" naming Rano Alfath
    first_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: ahocorasick.Automaton = field(repr=False, default=None)  # type: ignore[assignment]
    titles: ahocorasick.Automaton = field(repr=False, default=None)  # type: ignore[assignment]

    def lookup(self, surface: str) -> KbEntry | None:
        eid = self.keys.get(surface)
        return self.entries.get(eid) if eid else None

    def country_name(self, iso3: str) -> str | None:
        e = self.entries.get(iso3)
        return e.name if e and e.type == "GPE" else None


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9+]+", "-", s).strip("-")


def _rows(path: Path, ncols: int) -> Iterable[tuple[int, list[str]]]:
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read knowledge-base file {path}: {exc}") from exc
    with fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < ncols:
                cols += [""] * (ncols - len(cols))
            if len(cols) > ncols:
                raise ResourceError(f"{path}:{n}: {len(cols)} columns, expected {ncols}",
                                    hint="columns are tab-separated: " + ", ".join(COLUMNS[:ncols]))
            yield n, [c.strip() for c in cols]


def validate_row(cols: Sequence[str], where: str) -> None:
    """Raise ResourceError for a KB row that breaks the format of docs/knowledge-base.md."""
    eid, typ, name, aliases, country, role, cameo, start, end = cols
    if typ not in TYPES:
        raise ResourceError(f"{where}: type {typ!r} is not one of {sorted(TYPES)}")
    if not name:
        raise ResourceError(f"{where}: empty name")
    if country and not _COUNTRY.match(country):
        raise ResourceError(f"{where}: country {country!r} is not a three-letter upper-case code")
    if cameo and not _CAMEO.match(cameo):
        raise ResourceError(f"{where}: cameo {cameo!r} is not a CAMEO code (upper-case letters)")
    for d in (start, end):
        if d and not _DATE.match(d):
            raise ResourceError(f"{where}: date {d!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if start and end and end < start[: len(end)]:
        raise ResourceError(f"{where}: end {end} before start {start}")
    if "||" in aliases or aliases.startswith("|") or aliases.endswith("|"):
        raise ResourceError(f"{where}: empty alias in {aliases!r}")


def _add_row(kb: KnowledgeBase, cols: list[str], source: str, weak_single: bool) -> None:
    eid, typ, name, aliases, country, role, cameo, start, end = cols
    al = [a for a in aliases.split("|") if a]
    if not eid:
        # no id: join a known entity of the same type that owns the name or an alias
        for form in [name] + al:
            other = kb.entries.get(kb.keys.get(form, ""))
            if other is not None and other.type == typ:
                eid = other.id
                break
        else:
            eid = f"{typ}:{slug(name)}"
    entry = kb.entries.get(eid)
    if entry is None:
        entry = KbEntry(eid, typ, name, country, cameo, source=source)
        kb.entries[eid] = entry
    elif entry.type != typ:
        raise ResourceError(f"{source}: id {eid} is {entry.type} elsewhere, {typ} here")
    else:
        if name != entry.name and name not in entry.aliases:
            entry.aliases.append(name)
        entry.country = entry.country or country
        entry.cameo = entry.cameo or cameo
    for a in al:
        if a != entry.name and a not in entry.aliases:
            entry.aliases.append(a)
    if role or start or end:
        entry.offices.append(Office(role, cameo, country, start, end))
    for form in [name] + al:
        if weak_single and " " not in form:
            kb.weak_keys[form] = eid
        else:
            kb.keys[form] = eid


def _load_capitals(path: Path) -> dict[str, Capital]:
    caps: dict[str, Capital] = {}
    for n, cols in _rows(path, 4):
        name, iso, variants, gov = cols
        if not _COUNTRY.match(iso) or gov not in ("yes", "no"):
            raise ResourceError(f"{path}:{n}: expected capital, ISO3, variants, yes|no")
        cap = Capital(name, iso, gov == "yes")
        for v in [name] + [x for x in variants.split("|") if x]:
            caps[v] = cap
    return caps


def _load_roles(path: Path) -> dict[str, RoleDef]:
    roles: dict[str, RoleDef] = {}
    for n, cols in _rows(path, 4):
        title, role, cameo, kind = cols
        if kind not in ("office", "honorific") or not title or not role:
            raise ResourceError(f"{path}:{n}: expected title, role, cameo, office|honorific")
        roles[title] = RoleDef(title, role, cameo, kind)
    return roles


def _load_words(path: Path) -> frozenset[str]:
    return frozenset(cols[0] for _, cols in _rows(path, 2) if cols[0])


def _variants(form: str, typ: str) -> list[str]:
    """Surface variants matched besides the form as written."""
    out = [form]
    if form[:1].islower():
        out.append(form[:1].upper() + form[1:])  # "negara Yahudi" opening a sentence
    elif typ == "ORG" and " " in form and form[:1].isupper() and form.split()[0][1:].islower():
        out.append(form[:1].lower() + form[1:])  # "parlemen Jerman", "komisi Informasi"
    return out


def build_kb(base_dir: Path | None = None, user_files: Sequence[Path] = ()) -> KnowledgeBase:
    """Load, validate and compile the knowledge base (shipped files, then the user's)."""
    base = base_dir or lang_path("")
    kb = KnowledgeBase({}, {}, {}, {}, {}, frozenset())
    files = [(base / f, f in REFERENCE_ONLY_SINGLE) for f in BASE_FILES] + [(Path(p), False) for p in user_files]
    for path, weak in files:
        if not path.exists():
            raise ResourceError(f"missing knowledge-base file {path}",
                                hint="scripts/build_kb_phoenix.py and scripts/build_kb_regions.py rebuild "
                                     "the generated ones")
        for n, cols in _rows(path, len(COLUMNS)):
            validate_row(cols, f"{path}:{n}")
            _add_row(kb, cols, path.name, weak)
    kb.capitals = _load_capitals(base / "capitals.tsv")
    kb.roles = _load_roles(base / "roles.tsv")
    kb.ambiguous = _load_words(base / "kb_ambiguous.tsv")
    for c in kb.capitals.values():
        if c.country not in kb.entries:
            raise ResourceError(f"capitals.tsv: {c.name} names unknown country {c.country}")
    firsts: dict[str, list[str]] = {}
    for e in kb.entries.values():
        if e.type == "PER" and e.source not in REFERENCE_ONLY_SINGLE and " " in e.name:
            f = e.name.split()[0]
            if f[:1].isupper() and len(f) > 2 and f not in kb.roles:
                firsts.setdefault(f, []).append(e.id)
    kb.first_names = {k: tuple(v) for k, v in firsts.items()}
    _compile(kb)
    return kb


def _compile(kb: KnowledgeBase) -> None:
    names = ahocorasick.Automaton()
    seen: set[str] = set()
    for form, eid in kb.keys.items():
        if form in kb.ambiguous:
            continue
        typ = kb.entries[eid].type
        for v in _variants(form, typ):
            if v not in seen and v not in kb.ambiguous:
                seen.add(v)
                names.add_word(v, ("E", eid, form))
    for form, cap in kb.capitals.items():
        if form not in seen:
            seen.add(form)
            names.add_word(form, ("C", cap.country, form))
    names.make_automaton()
    titles = ahocorasick.Automaton()
    for title, rd in kb.roles.items():
        for v in {title, title[:1].lower() + title[1:], title[:1].upper() + title[1:]}:
            titles.add_word(v, rd)
    titles.make_automaton()
    kb.names, kb.titles = names, titles


def get_kb(res: Resources) -> KnowledgeBase:
    """The process-wide knowledge base for these resources (shipped files plus ``--kb`` files)."""
    return res.get("kb", _load_kb)


def _load_kb(res: Resources) -> KnowledgeBase:
    if res.kb_paths:  # a user's files: built each time (no cache entry per file set)
        return build_kb(user_files=res.kb_paths)
    base = lang_path("")
    # the automaton library's own file too: a reinstalled pyahocorasick rebuilds the pickled automata
    sources = [base / f for f in BASE_FILES] + [base / "capitals.tsv", base / "roles.tsv",
                                                base / "kb_ambiguous.tsv", Path(__file__),
                                                Path(ahocorasick.__file__)]
    if not all(p.exists() for p in sources):
        return build_kb()  # raises the missing-file error
    return cached("kb", sources, build_kb)
