"""layout stage: find rubric, headline, lead, dateline, body paragraphs, related links, boilerplate.

Article layout (``--layout article``), the shape of Indonesian news pages saved as text:
- line 1 the rubric (``Internasional``), line 2 the headline (first non-blank lines);
- an optional **lead**: the deck line under the headline, recognised only when the body repeats it
  (its words open one of the next paragraphs, as on Serambinews/Tribun pages).  A third line that is
  simply the first paragraph (detik, Sindonews) is body.  The lead zone is marked ``repeated`` so
  quote and event stages do not count it twice;
- a **dateline** at the start of the first body paragraph (``SERAMBINEWS.COM, BEIJING - ``,
  ``JAKARTA, KOMPAS.com - ``, ``Jakarta, CNN Indonesia -- ``, ``Jakarta (ANTARA) - ``,
  ``KOMPAS.com - ``, ``Jakarta - ``) becomes its own zone, split into outlet and place (either may
  be null); the paragraph's body zone starts after it.  What a scraper left of a removed dateline
  (``", , - "`` in CLICK-ID) is dropped as boilerplate;
- ``Baca juga:`` / ``Simak juga Video ...`` / ``Tonton juga video "..." di sini:`` lines become
  ``related`` zones; ``Doc.related`` holds their headline only;
- boilerplate lines (``SCROLL TO CONTINUE WITH CONTENT``, ``ADVERTISEMENT``, ``Editor:`` lines,
  sign-offs such as ``(sam/antara/jpnn)``, also at the end of the last sentence) become
  ``boilerplate`` zones and are noted in ``Doc.warnings``;
- every other non-blank line is a body paragraph; paragraphs a scraper joined with commas
  (``...selesai.,"Kami ...``: sentence end, comma, no space, capital or quote) are split again.
  Blank lines belong to no zone.

Plain layout (``--layout plain``): every non-blank line is a body paragraph (comma-joined ones split
as above); no rubric, headline, lead, dateline, related or boilerplate.

Auto (the default) decides per input:
- a JSON/JSONL record is read in article layout with the header lines it carries (normalize wrote
  its rubric and title as the first lines of ``text``; a record without them has none);
- a ``.txt`` file or raw text is read in article layout when it looks like one -- at least two
  non-blank lines, line 1 short like a rubric (at most 6 words and 60 characters, no sentence
  punctuation at its end), line 2 like a headline (at most 40 words, not ending in a full stop) --
  and in plain layout otherwise (a single line, a paragraph of prose).

Zones are sorted, never overlap, and start and end on non-space characters; every offset indexes
``Doc.text``.  Patterns and outlet names live in ``lang/id/layout.tsv``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..doc import Doc, Zone
from ..errors import ResourceError
from ..model import Dateline, Span
from ..pipeline import stage
from ..resources import Resources, lang_path

#: a lead is "repeated" when at least this share of its words open one of the next paragraphs
LEAD_OVERLAP = 0.85
#: how many following paragraphs may repeat the lead
LEAD_LOOKAHEAD = 3
#: a dateline is looked for only in the first characters of the first body paragraph
DATELINE_MAX_CHARS = 80
#: warnings quote at most this much of a dropped line
WARN_CHARS = 60

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")
# sentence end, commas with no space after them, then a capital, a digit or an opening quote:
# the mark of paragraphs a scraper joined with ","  (CLICK-ID: `...selesai.,"Kami`, `2019).,Liverpool`)
# (also after a colon: `berikut:,Pasal 1`), and commas glued to an inline `Baca juga`.
# The match is the commas only.
# (Written to start with the comma, so the engine jumps from comma to comma in C instead of trying
# the lookbehinds at every position.)
_JOIN = re.compile(r""",(?:(?:(?<=[.!?:],)|(?<=[.!?]["”’'],)),*(?=["“‘']?[A-Z0-9(\[])|,*(?=(?i:baca\s+juga)\b))""")
# inside a related line a comma straight before a capital ends the linked headline (CLICK-ID joins)
_RELATED_JOIN = re.compile(r""",(?=["“‘(\[]?[A-Z0-9])""")
_COMMAS = re.compile(r"[\s,]+")
_LEAD_JUNK = re.compile(r"[\s,]+")
_HAS_WORD = re.compile(r"\w")
_DASH = r"\s*(?:--?|–|—)\s+"
_DOMAIN = r"[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9-]+)*\.(?i:com|co\.id|co|id|net|org|tv|news|asia|my)\b"
_PLACE = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_SHORT_PLACE = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"


#: a sign-off search: the pattern, how much earlier than the paragraph's start it begins (a
#: consumed lookbehind), and the endings one of which the paragraph must have for a match (None:
#: always search)
SignoffSearch = tuple[re.Pattern[str], int, "tuple[str, ...] | None"]


@dataclass(frozen=True, slots=True)
class LayoutRules:
    related: tuple[re.Pattern[str], ...]
    boilerplate: tuple[re.Pattern[str], ...]
    signoff: tuple[re.Pattern[str], ...]
    remnant: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    outlets: frozenset[str]
    #: all related and boilerplate patterns as one alternation: a line it does not match is a body
    #: line, decided by one call instead of one per pattern
    special: re.Pattern[str]
    #: whether ``special.fullmatch(text, start, end)`` may stand for a fullmatch of the line's copy
    special_in_place: bool
    #: the sign-off patterns as ``(pattern to search, shift)``: one that starts with a
    #: one-character lookbehind (``(?<=[.!?"”’])``) is searched with that character consumed
    #: instead (so the engine jumps in C between the few places where it occurs, rather than
    #: testing the lookbehind at every position) and its match starts ``shift`` = 1 later
    signoff_search: tuple[SignoffSearch, ...]
    #: every dateline starts with a letter or digit (the outlet or the place: their patterns start
    #: so, and so do the outlet names), so a paragraph that does not (CLICK-ID's ", , - ") has none
    datelines_start_alnum: bool


def load_rules(res: Resources | None = None) -> LayoutRules:
    """Compile ``layout.tsv`` once (via ``Resources``); a bad row is a ``ResourceError``."""
    path = lang_path("layout.tsv")
    rows: dict[str, list[str]] = {k: [] for k in ("related", "boilerplate", "signoff", "remnant", "outlet")}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] not in rows or not parts[1]:
            raise ResourceError(f"{path.name}:{n}: expected 'kind<TAB>pattern[<TAB>note]' with a known kind")
        rows[parts[0]].append(parts[1])

    def compile_all(kind: str) -> tuple[re.Pattern[str], ...]:
        out = []
        for pat in rows[kind]:
            try:
                out.append(re.compile(pat))
            except re.error as exc:
                raise ResourceError(f"{path.name}: bad {kind} pattern {pat!r}: {exc}") from None
        return tuple(out)

    related = compile_all("related")
    for rx in related:
        if "h" not in rx.groupindex:
            raise ResourceError(f"{path.name}: related pattern {rx.pattern!r} lacks the group (?P<h>...)")
    names = sorted(set(rows["outlet"]), key=len, reverse=True)
    outlet = "(?:" + "|".join([_DOMAIN] + [re.escape(n) + r"(?![\w.])" for n in names]) + ")"
    datelines = tuple(re.compile(p) for p in (
        # SERAMBINEWS.COM, BEIJING -   /  Liputan6.com, Jakarta -   /  TRIBUNNEWS.COM, JAKARTA (AFP) -
        rf"(?P<outlet>{outlet})\s*,\s*(?P<place>{_PLACE})(?:\s*\((?:{outlet})\))?{_DASH}",
        # JAKARTA, KOMPAS.com -   /  Jakarta, CNN Indonesia --
        rf"(?P<place>{_PLACE})\s*,\s*(?P<outlet>{outlet}){_DASH}",
        # Jakarta (ANTARA) -   /  WASHINGTON (Reuters) -
        rf"(?P<place>{_PLACE})\s*\(\s*(?P<outlet>{outlet})\s*\){_DASH}",
        # KOMPAS.com -
        rf"(?P<outlet>{outlet}){_DASH}",
        # Jakarta -   /  KUALA LUMPUR -   (detik, Sindonews, Okezone)
        rf"(?P<place>{_SHORT_PLACE}){_DASH}(?=[\"“‘'A-Z0-9(])",
    ))
    boilerplate = compile_all("boilerplate")
    signoff = compile_all("signoff")
    special, in_place = _one_alternation([*related, *boilerplate])
    return LayoutRules(related, boilerplate, signoff, compile_all("remnant"), datelines, frozenset(names),
                       special, in_place, _signoff_searches(signoff),
                       all(n[:1].isalnum() for n in names))


_LEADING_LOOKBEHIND = re.compile(r"\(\?<=(\[[^\]\\]*\])\)")


#: how many final characters ``_endings`` works out
_ENDING_CHARS = 2
#: past this many possible endings (or characters in a class) the analysis gives up
_ENDINGS_MAX = 64


def _endings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """What the last characters of every match of a ``...$`` pattern may be (up to two; fewer where
    what comes before is not known), or None when the pattern is not anchored at the end or uses
    something this small analysis does not follow.  A line that ends in none of them cannot hold a
    match that ends where it ends, so the search can be skipped ("... kata dia." never ends in a
    sign-off such as "(ant)" or "***")."""
    try:
        from re import _constants as c
        from re import _parser as parser

        items = list(parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # the parser is CPython's own module: any change there only costs the shortcut
        return None
    if not items or items[-1] != (c.AT, c.AT_END):
        return None

    def chars(op: object, av: object) -> set[str] | None:
        if op is c.LITERAL:
            return {chr(av)}  # type: ignore[arg-type]
        if op is c.IN:
            out: set[str] = set()
            for iop, iav in av:  # type: ignore[union-attr]
                if iop is c.LITERAL:
                    out.add(chr(iav))
                elif iop is c.RANGE and iav[1] - iav[0] < _ENDINGS_MAX:
                    out.update(map(chr, range(iav[0], iav[1] + 1)))
                else:
                    return None  # a category or a negated class: anything may end the match
            return out
        return None

    def tails(seq: list) -> set[str] | None:
        """Possible endings of a sequence; None: unknown."""
        acc: set[str] | None = {""}
        for op, av in seq:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero-width
            if op in (c.MAX_REPEAT, c.MIN_REPEAT):
                lo, hi, sub = av
                one = tails(list(sub))
                if one is None:
                    item = None
                else:
                    item = set() if lo > 0 else {""}
                    run = {""}
                    for r in range(1, min(hi, lo + _ENDING_CHARS) + 1):
                        run = {(a + b)[-_ENDING_CHARS:] for a in run for b in one}
                        if r >= lo:
                            item |= run
                    if len(item) > _ENDINGS_MAX:
                        item = None  # too many to be worth a check: as good as unknown
            elif op is c.SUBPATTERN:
                item = tails(list(av[-1]))
            elif op is c.BRANCH:
                item = set()
                for alt in av[1]:
                    t = tails(list(alt))
                    if t is None:
                        item = None
                        break
                    item |= t
            else:
                item = chars(op, av)
            if item is None:
                acc = None  # what came so far is unknown; only what follows is
                continue
            if acc is None:
                # the unknown part may end anything: keep the known endings as they are, unless
                # this item may be empty, in which case nothing is known
                acc = None if "" in item else item
                continue
            acc = {(a + b)[-_ENDING_CHARS:] for a in acc for b in item}
            if len(acc) > _ENDINGS_MAX:
                acc = None
        return acc

    found = tails(items)
    if not found or "" in found:
        return None
    return frozenset(found)


def _signoff_searches(signoff: tuple[re.Pattern[str], ...]) -> tuple[SignoffSearch, ...]:
    """The sign-off patterns as few searches as possible: those that start with the same
    one-character lookbehind become one ``[class](?:rest1|rest2)`` (one pass over a paragraph
    instead of one per pattern; each ends at the paragraph's end, so where more than one fits,
    the longest sign-off is found); the others stay as ``_consume_lookbehind`` gives them.  Each
    search carries the endings of its patterns (``_endings``), so that a paragraph ending in none
    of them, as most do, is not searched at all."""
    groups: dict[tuple[str, int], list[tuple[re.Pattern[str], int]]] = {}
    out: list[SignoffSearch] = []
    for rx in signoff:
        m = _LEADING_LOOKBEHIND.match(rx.pattern)
        if m is None or rx.flags != re.UNICODE:
            out.append((*_consume_lookbehind(rx), _tuple_or_none(_endings(rx))))
            continue
        groups.setdefault((m.group(1), rx.flags), []).append((rx, m.end()))
    for (cls, flags), members in groups.items():
        rests = [rx.pattern[after:] for rx, after in members]
        ends = [_endings(rx) for rx, _after in members]
        union = None if any(e is None for e in ends) else frozenset().union(*ends)  # type: ignore[misc]
        out.append((re.compile(cls + "(?:" + "|".join(f"(?:{r})" for r in rests) + ")", flags), 1,
                    _tuple_or_none(union)))
    return tuple(out)


def _tuple_or_none(ends: frozenset[str] | None) -> tuple[str, ...] | None:
    return None if ends is None else tuple(sorted(ends))


def _consume_lookbehind(rx: re.Pattern[str]) -> tuple[re.Pattern[str], int]:
    """``(?<=[abc])rest`` -> (``[abc]rest``, 1); any other pattern -> (itself, 0)."""
    m = _LEADING_LOOKBEHIND.match(rx.pattern)
    if m is None:
        return rx, 0
    return re.compile(m.group(1) + rx.pattern[m.end():], rx.flags), 1


def _one_alternation(patterns: list[re.Pattern[str]]) -> tuple[re.Pattern[str], bool]:
    """``p1|p2|...`` matching where any of the patterns matches (group names dropped: they repeat;
    a leading ``(?i)`` becomes a scoped ``(?i:...)``), and whether it may be matched in place.

    Its ``fullmatch`` is anchored anyway, so a leading ``^`` is dropped from each pattern; then,
    unless a pattern opens with something that reads the character before it (a lookbehind,
    ``\\b``, ``\\B``) or another anchor, ``fullmatch(text, start, end)`` finds what a fullmatch of
    ``text[start:end]`` finds, without copying the line."""
    alts = []
    in_place = True
    for rx in patterns:
        pat = re.sub(r"\(\?P<\w+>", "(?:", rx.pattern)
        flags = ""
        if pat.startswith("(?i)"):
            flags, pat = "i", pat[4:]
        pat = pat[1:] if pat.startswith("^") else pat
        if pat.startswith(("(?<", "\\b", "\\B", "^", "\\A", "(?")) and not pat.startswith("(?:"):
            in_place = False
        alts.append(f"(?{flags}:" + pat + ")" if flags else "(?:" + pat + ")")
    return re.compile("|".join(alts)), in_place


# ---------------------------------------------------------------- small helpers

def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding whitespace."""
    for m in _LINE.finditer(text):
        s, e = m.span()
        if not text[s].isspace() and not text[e - 1].isspace():
            yield s, e  # most lines: nothing to trim, no copy of the line made
            continue
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            yield s + ls, s + rs


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    if s < e and not text[s].isspace() and not text[e - 1].isspace():
        return s, e  # most pieces: nothing to trim, no copy of the text made
    seg = text[s:e]
    lead = len(seg) - len(seg.lstrip())
    return s + lead, s + len(seg.rstrip())


def _words(s: str) -> list[str]:
    return _WORD.findall(s.casefold())


def _quote(s: str) -> str:
    return s if len(s) <= WARN_CHARS else s[: WARN_CHARS - 1] + "…"


def looks_like_article(text: str) -> bool:
    """Whether raw text has the article layout: a rubric-like line 1 and a headline-like line 2."""
    first: list[str] = []
    for s, e in _lines(text):
        first.append(text[s:e])
        if len(first) == 2:
            break
    if len(first) < 2:
        return False
    rubric, headline = first
    if len(rubric) > 60 or len(rubric.split()) > 6 or rubric[-1] in ".,;:!?\"”":
        return False
    return len(headline.split()) <= 40 and not headline.endswith(".")


# ---------------------------------------------------------------- the stage

class _Builder:
    """Collects zones and the Doc fields in one pass."""

    def __init__(self, doc: Doc, rules: LayoutRules) -> None:
        self.doc = doc
        self.text = doc.text
        self.rules = rules
        self.special = rules.special.fullmatch
        self.signoff_search = rules.signoff_search

    def add(self, kind: str, s: int, e: int, repeated: bool = False) -> None:
        if e > s:
            self.doc.zones.append(Zone(kind, s, e, repeated))

    def drop(self, s: int, e: int, why: str = "boilerplate") -> None:
        self.add("boilerplate", s, e)
        self.doc.warnings.append(f"{why}: dropped {_quote(self.text[s:e])!r}")

    def line_kind(self, s: int, e: int) -> tuple[str, re.Match[str] | None]:
        if self.rules.special_in_place:
            if self.special(self.text, s, e) is None:
                return "body", None  # most lines: no related or boilerplate pattern fits
            line = self.text[s:e]
        else:
            line = self.text[s:e]
            if self.special(line) is None:
                return "body", None
        for rx in self.rules.related:
            m = rx.fullmatch(line)
            if m and m.group("h").strip():
                return "related", m
        for rx in self.rules.boilerplate:
            if rx.fullmatch(line):
                return "boilerplate", None
        return "body", None

    def related(self, s: int, e: int, m: re.Match[str]) -> int:
        """A related line: zone for the line, span for its headline.  Returns where the line ends
        (earlier than ``e`` when a scraper glued the next paragraph on with a comma)."""
        hs, he = s + m.start("h"), s + m.end("h")
        junk = _COMMAS.match(self.text, hs, he)
        if junk and "," in junk.group():
            # `Baca juga:,,,Next paragraph`: the linked headline was dropped by a scraper
            self.add("related", *_trim(self.text, s, hs))
            return junk.end() - 1
        cut = _RELATED_JOIN.search(self.text, hs, he)
        if cut:
            he = cut.start()
            e = he
        hs, he = _trim(self.text, hs, he)
        he = hs + len(self.text[hs:he].rstrip("\"”,;:. "))
        self.add("related", s, e)
        if he > hs:
            self.doc.related.append(self.doc.span(hs, he))
        return e

    def paragraph(self, s: int, e: int) -> None:
        """A body line: split comma-joined paragraphs, peel related lines and sign-offs."""
        text = self.text
        in_place, special = self.rules.special_in_place, self.special
        pieces: list[tuple[int, int]] = []
        pos = s
        for m in _JOIN.finditer(text, s, e):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, e))
        for ps, pe in pieces:
            while ps < pe:
                if text[ps].isspace() or text[pe - 1].isspace():
                    ps, pe = _trim(text, ps, pe)
                if ps < pe and text[ps] == "," and (lj := _LEAD_JUNK.match(text, ps, pe)):
                    ps = lj.end()  # trimmed already: junk can only start with a comma
                while pe > ps and (text[pe - 1] == "," or text[pe - 1].isspace()):
                    pe -= 1  # trailing commas and spaces, without a regex scan
                if pe <= ps or not (text[ps].isalnum() or _HAS_WORD.search(text, ps, pe)):
                    break
                if in_place and special(text, ps, pe) is None:
                    kind = "body"  # the common case, decided without line_kind's call
                else:
                    kind, m = self.line_kind(ps, pe)
                if kind == "related":
                    end = self.related(ps, pe, m)  # type: ignore[arg-type]
                    ps = end + 1 if end < pe else pe
                    continue
                if kind == "boilerplate":
                    self.drop(ps, pe)
                    break
                self.body(ps, pe)
                break

    def body(self, s: int, e: int) -> None:
        text, doc = self.text, self.doc
        if not doc.body and doc.dateline is None and not doc.notes.get("_remnant"):
            s = self.dateline(s, e)
        for rx, shift, ends in self.signoff_search:
            if ends is not None and not text.endswith(ends, s, e):
                continue  # "... kata dia." cannot end in "(ant)"
            m = rx.search(text, max(0, s - shift), e)
            if m and m.end() == e and (ms := m.start() + shift) > s:
                self.add("body", *_trim(text, s, ms))
                self.doc.body.append(self.doc.span(*_trim(text, s, ms)))
                self.drop(*_trim(text, ms, e), why="sign-off")
                return
        if e > s:  # (add() and span() written out: this runs for every paragraph)
            doc.zones.append(Zone("body", s, e, False))
            doc.body.append(Span(s, e, text[s:e]))

    def dateline(self, s: int, e: int) -> int:
        """Peel a dateline off the first body paragraph; returns where the body starts."""
        text = self.text
        window = min(e, s + DATELINE_MAX_CHARS)
        for rx in self.rules.datelines if text[s].isalnum() or not self.rules.datelines_start_alnum else ():
            m = rx.match(text, s, window)
            if m and m.end() < e:
                groups = m.groupdict()
                outlet = groups.get("outlet")
                place = groups.get("place")
                ds, de = _trim(text, m.start(), m.end())
                self.add("dateline", ds, de)
                self.doc.dateline = Dateline(outlet.strip() if outlet else None,
                                             place.strip() if place else None, ds, de)
                return m.end()
        for rx in self.rules.remnant:
            m = rx.match(text, s, e)
            if m and m.end() > s:
                self.doc.notes["_remnant"] = True
                ds, de = _trim(text, m.start(), m.end())
                self.add("boilerplate", ds, de)
                self.doc.warnings.append(f"dateline remnant: dropped {text[ds:de]!r}")
                return m.end()
        return s


def _lead_repeated(text: str, lead: tuple[int, int], following: list[tuple[int, int]],
                   rules: LayoutRules) -> bool:
    """The body repeats the lead: its words open one of the next few paragraphs (after any dateline)."""
    lw = _words(text[lead[0]:lead[1]])
    if len(lw) < 3:
        return False
    for s, e in following[:LEAD_LOOKAHEAD]:
        for rx in rules.datelines:
            m = rx.match(text, s, min(e, s + DATELINE_MAX_CHARS))
            if m:
                s = m.end()
                break
        pw = _words(text[s:e])[: int(len(lw) * 1.2) + 2]
        common = sum((Counter(lw) & Counter(pw)).values())
        if common >= LEAD_OVERLAP * len(lw):
            return True
    return False


def resolve_layout(doc: Doc) -> str:
    if doc.layout in ("article", "plain"):
        return doc.layout
    if doc.raw.kind == "record":
        return "article"
    return "article" if looks_like_article(doc.text) else "plain"


@stage("layout", requires=("text",), provides=("layout", "zones"))
def run(doc: Doc, res: Resources) -> None:
    rules = res.get("layout.rules", load_rules)
    text = doc.text
    layout = resolve_layout(doc)
    doc.layout = layout
    doc.zones.clear()
    lines = list(_lines(text))
    b = _Builder(doc, rules)
    if layout == "plain":
        for s, e in lines:
            for ps, pe in _split_joined(text, s, e):
                doc.zones.append(Zone("body", ps, pe))
                doc.body.append(doc.span(ps, pe))
        return
    header = ("rubric", "headline")
    if doc.raw.kind == "record":
        header = tuple(doc.notes.get("header", ()))
    i = 0
    for kind in header:
        if i >= len(lines):
            break
        s, e = lines[i]
        b.add(kind, s, e)
        setattr(doc, kind, doc.span(s, e))
        i += 1
    rest = lines[i:]
    # the lead: the first remaining line, when it is prose (not a related/boilerplate line, no
    # dateline of its own) and one of the following paragraphs repeats it
    if rest and "headline" in header:
        s, e = rest[0]
        # cheapest test first: a line a scraper joined from several paragraphs is never a lead
        if (_JOIN.search(text, s, e) is None and b.line_kind(s, e)[0] == "body"
                and not any(rx.match(text, s, min(e, s + DATELINE_MAX_CHARS)) for rx in rules.datelines)
                and _lead_repeated(text, (s, e), [ln for ln in rest[1:] if b.line_kind(*ln)[0] == "body"],
                                   rules)):
            b.add("lead", s, e, repeated=True)
            doc.lead = doc.span(s, e)
            rest = rest[1:]
    for s, e in rest:
        kind, m = b.line_kind(s, e)
        if kind == "related":
            end = b.related(s, e, m)  # type: ignore[arg-type]
            if end < e:
                b.paragraph(end + 1, e)
        elif kind == "boilerplate":
            b.drop(s, e)
        else:
            b.paragraph(s, e)
    doc.notes.pop("_remnant", None)
    doc.zones.sort(key=lambda z: z.start)


def _split_joined(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """Plain layout: a line's comma-joined paragraphs, trimmed, skipping pieces without words."""
    pos = s
    bounds = [m.start() for m in _JOIN.finditer(text, s, e)]
    ends = [m.end() for m in _JOIN.finditer(text, s, e)]
    for cut, nxt in zip(bounds + [e], ends + [e]):
        ps, pe = _trim(text, pos, cut)
        if pe > ps and _HAS_WORD.search(text, ps, pe):
            yield ps, pe
        pos = nxt


STAGE = run
