"""dates stage: every date mention in the headline, lead and body, resolved to an ISO value.

Absolute forms need no anchor::

    19 Maret 2022 · 19-21 Agustus 2022 · Senin, 21 Maret 2022 10:15 WIB · 19/3/2022
    Sabtu (19/3/2022) · 2022-03-19 · Maret 2022 (month) · tahun 2019, sejak 2015 (year)

Forms without a year (``Minggu (8/9)``, ``21 Agustus``) take the year that puts them nearest the
anchor (a weekday in the text breaks ties between years), and relative forms are resolved against
the anchor: ``kemarin``, ``hari ini``, ``semalam``, ``tadi malam``, ``besok``, ``lusa``, ``dua hari
lalu``, ``pekan lalu`` (an ISO week, precision ``week``), ``bulan lalu``, ``tahun lalu``, ``Senin
lalu``, ``Senin pekan depan``, and a bare day name (``hari Minggu``, ``Jumat pagi``), which is the
most recent such day on or before the anchor.

The anchor is the publication date, except inside a quotation whose speech date the paragraph
gives after it (``"...kemarin...," kata X, Sabtu (30/8).``): there it is that speech date.  With no
anchor, relative forms are kept out (no value is better than a guess); absolute ones still work.

Every mention becomes a DateRef with offsets into ``Doc.text``; the same value may appear many times.
Word lists (months, day names, relative phrases, cue words) live in ``lang/id/dates.tsv``.
"""
from __future__ import annotations

import bisect
import operator
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..doc import Doc, Zone
from ..errors import ResourceError
from ..model import DateRef
from ..pipeline import stage
from ..resources import Resources, lang_path
from ..tokenize import trie_regex
from .segment import zones_to_analyse

KINDS = frozenset({
    "month", "day", "relday", "relweek", "relmonth", "relyear", "daypart", "dayrel", "unit", "ago",
    "number", "notdaybefore", "notdayafter", "yearcue", "countnoun",
})
DAYREL = frozenset({"past", "next", "lastweek", "thisweek", "nextweek"})
MIN_YEAR, MAX_YEAR = 1800, 2100


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """``dates.tsv`` as lookup tables (lower-case keys) plus the regexes built from them."""

    table: dict[str, dict[str, str]]  # kind -> {word: value}
    absolute: re.Pattern[str]
    numeric: re.Pattern[str]
    iso: re.Pattern[str]
    month_year: re.Pattern[str]
    year: re.Pattern[str]
    dayname: re.Pattern[str]
    relative: re.Pattern[str]
    amount: re.Pattern[str]
    #: one cheap scan finds where a date may start (a digit or a date word); the patterns above
    #: are then tried only there, anchored, instead of each scanning the whole text
    trigger: re.Pattern[str]
    trigger_kinds: dict[str, tuple[str, ...]]  # folded word -> names of the patterns to try
    #: ``trigger`` with the non-word character before it instead of its leading ``\\b`` (group 1
    #: is the trigger): a pattern that starts with a character class lets the engine jump in C
    #: from one space or mark to the next, instead of trying the pattern at every position
    fast_trigger: re.Pattern[str]
    #: ``fast_trigger`` with the lower-case forms of the words only, run over the lower-cased
    #: text: half the alternatives to try at each place (and so a faster scan); a word found
    #: there counts when it is written in one of ``trigger_forms`` (lower case, capitalised or
    #: upper case), which makes its triggers those of ``fast_trigger``
    fast_trigger_lower: re.Pattern[str]
    trigger_forms: frozenset[str]

    def value(self, kind: str, word: str) -> str | None:
        return self.table[kind].get(_fold(word))


def _fold(word: str) -> str:
    w = word.replace("’", "'").lower()
    return w if w.isalpha() else _SPACE_RUN.sub(" ", w)  # most words are one plain word


_SPACE_RUN = re.compile(r"\s+")


def _alt(words: Iterable[str]) -> str:
    """An alternation, longest first, with flexible inner spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _tail_trie(tails: dict[str, str]) -> str:
    """One alternation of words shaped as a trie (as ``tokenize.trie_regex``), each word followed
    by its own regex tail: the engine reads a word's letters once, whatever its tail."""
    root: dict[str, dict] = {}
    for word, tail in tails.items():
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = tail  # type: ignore[assignment]

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(node[""])  # type: ignore[arg-type]  # the longer words first
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def load_lexicon(path: str | None = None) -> DateLexicon:
    p = lang_path("dates.tsv") if path is None else path
    table: dict[str, dict[str, str]] = {k: {} for k in KINDS}
    with open(p, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("word\tkind"):
                continue
            cols = line.split("\t")
            if len(cols) != 3 or cols[1] not in KINDS or not cols[0].strip():
                raise ResourceError(f"dates.tsv line {n}: expected 'word<TAB>kind<TAB>value' with a known kind")
            word, kind, value = cols
            if kind == "month" and not (value.isdigit() and 1 <= int(value) <= 12):
                raise ResourceError(f"dates.tsv line {n}: month value must be 1-12")
            if kind == "day" and not (value.isdigit() and 0 <= int(value) <= 6):
                raise ResourceError(f"dates.tsv line {n}: day value must be 0-6")
            if kind == "dayrel" and value not in DAYREL:
                raise ResourceError(f"dates.tsv line {n}: dayrel value must be one of {sorted(DAYREL)}")
            table[kind][_fold(word)] = value
    months = _alt(table["month"])
    days = _alt(v for w in table["day"] for v in {w, w.replace("'", "’")})  # Jum'at and Jum’at
    kinds: dict[str, list[str]] = {}

    def starts(words: Iterable[str], *names: str) -> None:
        for w in words:
            first = w.split()[0]
            for name in names:
                if name not in kinds.setdefault(first, []):
                    kinds[first].append(name)

    starts(table["day"], "numeric", "absolute", "dayname")
    starts(["tanggal", "tgl"], "absolute")
    starts(table["month"], "month_year")
    starts(table["number"], "amount")
    starts(["se" + u for u in table["unit"]], "amount")
    starts([*table["relday"], *table["relweek"], *table["relmonth"], *table["relyear"]], "relative")
    starts(table["yearcue"], "year")
    forms = {f for w in kinds for v in {w, w.replace("'", "’")} for f in (v, v.capitalize(), v.upper())}
    if any(not re.match(r"\w", f) for f in forms):
        # fast_trigger puts a non-word character before a trigger, as \b does before a word
        raise ResourceError("dates.tsv: every date word must start with a letter or digit")
    # What must follow a trigger for one of its patterns to have a chance there (a necessary
    # condition, checked inside the scan, in C): most numbers and many cue words ("pada", "satu",
    # "tahun") start no date, and a failed anchored match per pattern costs more in Python.
    months_i = f"(?i:{_alt(table['month'])})"
    units_i = f"(?i:{_alt(table['unit'])})"
    follows = {
        "month_year": r"\.?\s+\d{4}",
        "year": r"\s+(?:1[89]|20)\d\d",
        "relative": r"(?![\w-])",
    }
    phrases = {
        "month_year": table["month"],
        "year": table["yearcue"],
        "relative": [*table["relday"], *table["relweek"], *table["relmonth"], *table["relyear"]],
    }
    amount_follows = {
        **{w: rf"(?:\s+\w+)?\s+{units_i}" for w in table["number"]},  # dua (belas) hari
        **{"se" + u: rf"\s+(?i:{_alt(table['ago'])})" for u in table["unit"]},  # sepekan lalu
    }

    def lookahead(word: str) -> str | None:
        """The necessary condition after ``word`` for any of its patterns, None when one has none."""
        alts: list[str] = []
        for name in kinds[word]:
            if name == "amount" and word in amount_follows:
                alts.append(amount_follows[word])
            elif name in phrases:
                rests = [p[len(word):] for p in map(_fold, phrases[name])
                         if p == word or p.startswith(word + " ")]
                if not rests:
                    return None
                alts.append(f"(?i:{_alt(rests)})" + follows[name] if any(rests) else follows[name])
            else:
                return None  # day names, "tanggal": their patterns are tried wherever they occur
        return "(?=" + "|".join(alts) + ")"

    tails: dict[str, str] = {}  # each written form of a trigger word -> what must follow it
    for w in kinds:
        tail = r"\b" + (lookahead(w) or "")
        for v in {w, w.replace("'", "’")}:
            for form in (v, v.capitalize(), v.upper()):
                tails[form] = tail
    # a number starts a date only before a separator and a digit (19/3, 2022-03-19, 19-21 Agustus),
    # a range word (19 s.d. 21 Agustus) or a month or unit word (19 Maret, 3 hari lalu)
    digit_la = (r"(?=[/.\-–]\d|[-–]\s*\d|\s*(?:[-–]|(?i:s\.?d|s/d|hingga|sampai|dan))"
                rf"|\s+(?:{months_i}|{units_i}))")
    # (``\d\d*`` rather than ``\d+``: an alternative that opens with a character test is skipped
    # by the engine's quick check at the ~290 places tried per article, a repeat is entered)
    filtered = r"\d\d*" + digit_la + "|" + _tail_trie(tails)
    lower_tails = {f: t for f, t in tails.items() if f == f.lower()}
    filtered_lower = r"\d\d*" + digit_la + "|" + _tail_trie(lower_tails)
    time = r"(?:\s*,?\s*(?:pukul|jam|pk\.?)?\s*\d{1,2}[.:]\d{2}(?:\s*(?:WIB|WITA|WIT|GMT|UTC))?)?"
    weekday = rf"(?:(?P<wd>{days})(?:\s*,\s*|\s*(?P<par>\(\s*)|\s+))?"  # Senin, / Senin ( / Senin 21 Maret
    flags = re.IGNORECASE
    return DateLexicon(
        table=table,
        # 19 Maret 2022 · Senin, 21 Maret 2022 10:15 WIB · 19-21 Agustus 2022 · 21 Agustus
        absolute=re.compile(
            rf"{weekday}(?:tanggal\s+|tgl\.?\s+)?"
            r"(?<![\d.,/])(?:(?P<d0>\d{1,2})\s*(?:-|–|s\.?d\.?|s/d|hingga|sampai|dan)\s*)?"
            # an abbreviation's period is kept only before the year: "5 Okt. 2023", not "8 September."
            rf"(?P<d>\d{{1,2}})\s+(?P<mon>{months})(?:\.(?=\s+\d{{4}}))?(?![\w])(?:\s+(?P<y>\d{{4}})(?!\d))?{time}(?:\s*\))?",
            flags),
        # Sabtu (19/3/2022) · Minggu (8/9) · 19/3/2022 · 19-03-2022
        numeric=re.compile(
            rf"(?:(?P<wd>{days})\s*,?\s*\(\s*(?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})(?:/(?P<y1>\d{{4}}|\d{{2}}))?\s*\)"
            r"|(?<![\d/.,-])(?P<d2>\d{1,2})(?P<sep>[/.-])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4})(?![\d/.,]\d))",
            flags),
        iso=re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
        month_year=re.compile(rf"(?<![\w-])(?P<mon>{months})\.?\s+(?P<y>\d{{4}})(?![\d.,]\d|\d)", flags),
        year=re.compile(
            rf"(?<![\w-])(?P<cue>{_alt(table['yearcue'])})\s+(?P<y>(?:1[89]|20)\d\d)(?![\d.,/:]\d|\d)"
            r"(?:\s*(?P<next>\w+))?",
            flags),
        dayname=re.compile(
            rf"(?<![\w-])(?P<wd>{days})(?![\w'’-])"
            rf"(?:\s+(?P<part>{_alt(table['daypart'])})(?!\w))?"
            rf"(?:\s+(?P<rel>{_alt(table['dayrel'])})(?!\w))?",
            flags),
        relative=re.compile(
            rf"(?<![\w-])(?P<rel>{_alt([*table['relday'], *table['relweek'], *table['relmonth'], *table['relyear']])})"
            r"(?![\w-])",
            flags),
        trigger=re.compile(r"\b(?:" + filtered + ")"),
        # ``[^0-9A-Za-z_]`` first: a plain character set lets the engine skip in C to the next
        # candidate (a category such as ``\W`` is ~5x slower to test per character); a
        # non-ASCII letter or digit before a trigger is dropped in Python (``_scan``), which is
        # cheaper than a lookbehind tried at every space
        fast_trigger=re.compile(r"[^0-9A-Za-z_](" + filtered + ")"),
        fast_trigger_lower=re.compile(r"[^0-9A-Za-z_](" + filtered_lower + ")"),
        trigger_forms=frozenset(tails),
        trigger_kinds={w: tuple(v) for w, v in kinds.items()},
        amount=re.compile(
            rf"(?<![\w-])(?:(?P<n>\d{{1,2}}|{_alt(table['number'])})\s+|(?P<se>se))"
            rf"(?P<unit>{_alt(table['unit'])})\s+(?P<ago>{_alt(table['ago'])})(?![\w-])",
            flags),
    )


def get_lexicon(res: Resources) -> DateLexicon:
    return res.get("dates.lexicon", lambda _r: load_lexicon())


# --- resolution helpers -------------------------------------------------------------------------

def _date(y: int, m: int, d: int) -> dt.date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def nearest_year(month: int, day: int, anchor: dt.date, weekday: int | None = None) -> dt.date | None:
    """The date day/month in the year that puts it nearest the anchor (a past date preferred over a
    future one at the same distance); when a weekday is given, years where it matches win."""
    cands = [c for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (c := _date(y, month, day))]
    if weekday is not None and any(c.weekday() == weekday for c in cands):
        cands = [c for c in cands if c.weekday() == weekday]
    if not cands:
        return None
    # being after the anchor costs more: a story reports the past more often than it announces
    return min(cands, key=lambda c: (c - anchor).days * (1.5 if c > anchor else -1.0))


def resolve_weekday(weekday: int, anchor: dt.date, rel: str | None) -> dt.date:
    """A day name against the anchor: bare = on or before; past/next = strictly before/after;
    lastweek/thisweek/nextweek = that weekday in the previous/same/next (Monday-first) week."""
    if rel == "past":
        return anchor - dt.timedelta(days=((anchor.weekday() - weekday) % 7) or 7)
    if rel == "next":
        return anchor + dt.timedelta(days=((weekday - anchor.weekday()) % 7) or 7)
    if rel in ("lastweek", "thisweek", "nextweek"):
        monday = anchor - dt.timedelta(days=anchor.weekday())
        shift = {"lastweek": -7, "thisweek": 0, "nextweek": 7}[rel]
        return monday + dt.timedelta(days=shift + weekday)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _add_months(d: dt.date, months: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + months
    return idx // 12, idx % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift_value(anchor: dt.date, unit: str, amount: int) -> tuple[str, str] | None:
    """(value, precision) for ``amount`` units from the anchor."""
    if unit == "day":
        return (anchor + dt.timedelta(days=amount)).isoformat(), "day"
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=amount)), "week"
    if unit == "month":
        y, m = _add_months(anchor, amount)
        return (f"{y:04d}-{m:02d}", "month") if MIN_YEAR <= y <= MAX_YEAR else None
    if unit == "year":
        y = anchor.year + amount
        return (f"{y:04d}", "year") if MIN_YEAR <= y <= MAX_YEAR else None
    return None


# --- quotations ---------------------------------------------------------------------------------

_QUOTE = re.compile(r"[\"“”„](?P<body>[^\"“”„]*)(?:[\"“”„]|$)")


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted stretches of one paragraph: a mark opens, the next mark of any kind closes, and an
    unclosed quotation runs to the paragraph's end (news often closes a quote only in a later one)."""
    return [m.span() for m in _QUOTE.finditer(text, start, end)]


# --- the stage ----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Found:
    start: int
    end: int
    value: str
    precision: str
    relative: bool = False
    anchor: dt.date | None = None


class _Extractor:
    def __init__(self, doc: Doc, lex: DateLexicon) -> None:
        self.doc, self.text, self.lex = doc, doc.text, lex
        self.zones: list[Zone] = [z for _, z in zones_to_analyse(doc)]
        self.zones.sort(key=_START)
        self.zone_starts = [z.start for z in self.zones]
        self.found: list[_Found] = []
        self.taken: list[tuple[int, int]] = []  # sorted spans already claimed
        self._days: list[tuple[int, _Found]] | None = None  # absolute day dates, for anchors
        self.skip_upto = -1  # end of a "Senin-Jumat" range whose second day must not count
        self.at = self._scan()

    # -- bookkeeping
    def zone_of(self, start: int, end: int) -> Zone | None:
        i = bisect.bisect_right(self.zone_starts, start) - 1
        if i >= 0 and end <= self.zones[i].end:
            return self.zones[i]
        return None

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.taken, (start, start))
        for j in (i - 1, i):
            if 0 <= j < len(self.taken) and self.taken[j][0] < end and start < self.taken[j][1]:
                return False
        return True

    def claim(self, f: _Found) -> None:
        bisect.insort(self.taken, (f.start, f.end))
        self.found.append(f)

    def _triggers(self) -> list[tuple[int, int, Zone]]:
        """(start, end, zone) of each ``lex.trigger`` match in an analysed zone, found with
        ``fast_trigger`` (or its lower-case twin over the lower-cased text, whose extra hits in
        other cases ``_scan`` drops), and of some that follow a non-ASCII letter or digit
        (``_scan`` drops those too): a match there starts after a character that is not an ASCII letter, digit or
        underscore, which, with that check, is what ``\\b`` before a word character means (the
        character before the zone counts, as it does for ``\\b``).

        One scan runs from the first analysed zone to the last (a call per zone costs more than
        the few characters between them); its matches outside the analysed zones are dropped.  A
        match is what a scan of its zone alone finds, except that a lookahead may now read past the
        zone's end: that only adds places where a pattern is tried (each pattern is matched within
        its zone and its trigger's lookahead is a necessary condition of it).  A zone that ends
        inside a word (a word character follows it) is scanned alone, where ``\\b`` sees its end."""
        zones, text, lex = self.zones, self.text, self.lex
        out: list[tuple[int, int, Zone]] = []
        if not zones:
            return out
        spans: list[tuple[int, int]] = []
        first = zones[0]
        pos = max(0, first.start - 1)
        if first.start == 0 and (t := lex.trigger.match(text, 0, first.end)) is not None:
            spans.append(t.span())  # at the very start of the text there is no character before
            pos = t.end()
        # the scan reads the lower-cased text where lower-casing keeps every offset (it does not
        # for a few letters, such as "İ"); lower-casing keeps letters letters and others not
        low = text.lower()
        scan, fast = (low, lex.fast_trigger_lower) if len(low) == len(text) else (text, lex.fast_trigger)
        spans.extend(map(_GROUP1, fast.finditer(scan, pos, zones[-1].end)))
        k, n = 0, len(spans)
        for z in zones:
            zs, ze = z.start, z.end
            while k < n and spans[k][0] < zs:
                k += 1
            if ze < len(text) and (text[ze].isalnum() or text[ze] == "_"):
                # the zone ends inside a word: scan it alone (rare)
                while k < n and spans[k][0] < ze:
                    k += 1
                pos = max(0, zs - 1)
                if zs == 0 and (t := lex.trigger.match(text, 0, ze)) is not None:
                    out.append((*t.span(), z))
                    pos = t.end()
                out.extend((ts, te, z) for ts, te in map(_GROUP1, fast.finditer(scan, pos, ze)))
                continue
            while k < n and spans[k][0] < ze:
                ts, te = spans[k]
                if te <= ze:
                    out.append((ts, te, z))
                k += 1
        return out

    def _scan(self) -> dict[str, list[tuple[int, int]]]:
        """Pattern name -> (position, zone end) of every trigger where that pattern may match."""
        text, at = self.text, {}
        kinds, forms = self.lex.trigger_kinds, self.lex.trigger_forms
        for ts, te, z in self._triggers():
            if ts and text[ts - 1].isalnum():
                continue  # "é2019": no word boundary before it (``\\w`` is isalnum() or "_")
            w = text[ts:te]
            if w[0].isdigit():
                # what follows a number, and its length, decide which forms can start there
                # (``\\d{1,2}`` for a day or an amount, ``\\d{4}-`` for an ISO date; the run
                # of digits is whole: the trigger's lookahead never starts with a digit)
                nxt = text[te:te + 1]
                if te - ts <= 2:
                    names = _SHORT_NUMBER_KINDS.get(nxt) or (_DIGIT_SPACE_KINDS if nxt.isspace() else ())
                    if names and names[0] == "numeric" and nxt not in text[te + 2:te + 4]:
                        names = names[1:]  # 19/3/2022 repeats its separator after the month; 1.500 does not
                else:
                    names = _ISO_KINDS if te - ts == 4 and nxt == "-" else ()
            elif w in forms:
                names = kinds.get(w.lower().replace("’", "'"), ())
            else:
                continue  # "sEnin": a case the trigger words are not written in
            for name in names:
                at.setdefault(name, []).append((ts, z.end))
        return at

    def matches(self, name: str) -> Iterable[re.Match[str]]:
        """The pattern's matches at its triggers (most patterns have none in an article)."""
        spots = self.at.get(name)
        return self._matches(getattr(self.lex, name).match, spots) if spots else ()

    def _matches(self, match: Callable[..., re.Match[str] | None],
                 spots: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
        text = self.text
        for pos, end in spots:
            if (m := match(text, pos, end)) is not None:
                yield m

    # -- absolute forms
    def absolute(self, pub: dt.date | None) -> None:
        lex = self.lex
        for m in self.matches("iso"):
            if (d := _date(int(m["y"]), int(m["m"]), int(m["d"]))) and self.free(*m.span()):
                self.claim(_Found(m.start(), m.end(), d.isoformat(), "day"))
        for m in self.matches("numeric"):
            if m["d1"]:
                wd = int(lex.value("day", m["wd"]))
                d, ref = self._day(int(m["d1"]), int(m["m1"]), m["y1"], pub, m.start(), wd)
            else:
                d, ref = _date(int(m["y2"]), int(m["m2"]), int(m["d2"])), None
            if d and self.free(*m.span()):
                self.claim(_Found(m.start(), m.end(), d.isoformat(), "day", anchor=ref))
        for m in self.matches("absolute"):
            s, e = m.span()
            if m["par"] and not self.text[s:e].rstrip().endswith(")"):
                s = m.start("d0") if m["d0"] else m.start("d")  # "Senin (21 Maret" without ")" : drop the day name
            if not self.free(s, e):
                continue
            month = int(lex.value("month", m["mon"]))
            wd = int(lex.value("day", m["wd"])) if m["wd"] and s == m.start() else None
            d, ref = self._day(int(m["d"]), month, m["y"], pub, s, wd)
            if d is None:
                continue
            if m["d0"]:
                d0 = _date(d.year, d.month, int(m["d0"]))
                if d0 and d0 < d:
                    self.claim(_Found(s, m.end("d0"), d0.isoformat(), "day", anchor=ref))
                    s = m.start("d")
            self.claim(_Found(s, e, d.isoformat(), "day", anchor=ref))
        for m in self.matches("month_year"):
            if self.free(*m.span()) and MIN_YEAR <= int(m["y"]) <= MAX_YEAR:
                month = int(lex.value("month", m["mon"]))
                self.claim(_Found(m.start(), m.end(), f"{m['y']}-{month:02d}", "month"))
        for m in self.matches("year"):
            if m["next"] and lex.value("countnoun", m["next"]) is not None and _fold(m["cue"]) != "tahun":
                continue  # "hingga 2000 orang": a count
            s, e = m.start("y"), m.end("y")
            if _fold(m["cue"]) == "tahun":
                s = m.start()
            if self.free(s, e):
                self.claim(_Found(s, e, m["y"], "year"))

    def _day(self, day: int, month: int, year: str | None, pub: dt.date | None, at: int,
             weekday: int | None) -> tuple[dt.date | None, dt.date | None]:
        """The date, and the reference date its year came from (None when the text gave the year)."""
        if year:
            y = int(year)
            if len(year) == 2:
                y += 2000 if y < 70 else 1900
            return _date(y, month, day), None
        ref = pub or self._nearby_full_date(at)
        return (nearest_year(month, day, ref, weekday), ref) if ref else (None, None)

    def _nearby_full_date(self, at: int) -> dt.date | None:
        """With no publication date, a year-less date takes its year from the full date written
        nearest before it (or the first one after): ``Sabtu (19/3/2022) ... Minggu (20/3)``."""
        best: tuple[int, dt.date] | None = None
        for f in self.found:
            if f.precision == "day" and f.anchor is None and not f.relative:
                dist = at - f.start if f.start <= at else 10**9 + f.start - at
                if best is None or dist < best[0]:
                    best = (dist, dt.date.fromisoformat(f.value))
        return best[1] if best else None

    # -- relative forms
    def anchors(self, zone: Zone) -> list[tuple[int, int, dt.date]]:
        """(start, end, speech date) for each quotation of the zone (a paragraph) that the
        paragraph dates after it (``"...kemarin...," kata X, Sabtu (30/8).``)."""
        if self._days is None:
            self._days = sorted((f.start, f) for f in self.found if f.precision == "day" and not f.relative)
        days = self._days
        out: list[tuple[int, int, dt.date]] = []
        if not days:
            return out
        starts = [s for s, _ in days]
        spans = quote_spans(self.text, zone.start, zone.end)
        for k, (qs, qe) in enumerate(spans):
            limit = spans[k + 1][0] if k + 1 < len(spans) else zone.end
            i = bisect.bisect_left(starts, qe)
            if i < len(days) and days[i][0] < limit:
                out.append((qs, qe, dt.date.fromisoformat(days[i][1].value)))
        return out

    def relative(self, pub: dt.date | None) -> None:
        if not self.at.keys() & _RELATIVE_PATTERNS:
            return  # no trigger of a relative form in the article
        lex = self.lex
        # a paragraph's quotation anchors are worked out the first time a relative form in it
        # needs its anchor (most day names are already taken by "Senin (9/9)" before that)
        quoted: dict[int, list[tuple[int, int, dt.date]]] = {}

        def anchor_at(pos: int) -> dt.date | None:
            z = self.zone_of(pos, pos)
            if z is None:
                return pub
            if (spans := quoted.get(z.start)) is None:
                spans = quoted[z.start] = self.anchors(z)
            for qs, qe, d in spans:
                if qs <= pos < qe:
                    return d
            return pub

        # "dua hari lalu", "sepekan lalu", "tiga tahun silam"
        for m in self.matches("amount"):
            if not self.free(*m.span()) or (a := anchor_at(m.start())) is None:
                continue
            n = 1 if m["se"] else int(m["n"]) if m["n"].isdigit() else int(lex.value("number", m["n"]))
            sv = shift_value(a, lex.value("unit", m["unit"]), n * int(lex.value("ago", m["ago"])))
            if sv:
                self.claim(_Found(m.start(), m.end(), sv[0], sv[1], True, a))
        # day names: "Senin lalu", "Jumat pagi", "hari Minggu", "Sabtu pekan lalu"
        for m in self.matches("dayname"):
            s, e = m.span()
            if not self.free(s, e) or not self._is_day_name(m):
                continue
            if (a := anchor_at(s)) is None:
                continue
            rel = lex.value("dayrel", m["rel"]) if m["rel"] else None
            if m["rel"] and rel is None:
                e = m.end("part") if m["part"] else m.end("wd")
            d = resolve_weekday(int(lex.value("day", m["wd"])), a, rel)
            if (h := _HARI_BEFORE.search(self.text, max(0, s - 8), s)) and self.free(h.start(), s):
                s = h.start()  # keep "hari" with its day name: "hari Kamis"
            self.claim(_Found(s, e, d.isoformat(), "day", True, a))
        # kemarin, hari ini, besok, pekan lalu, bulan depan, tahun lalu ...
        for m in self.matches("relative"):
            s, e = m.span()
            if not self.free(s, e) or not self._is_relative(m):
                continue
            if (a := anchor_at(s)) is None:
                continue
            word = _fold(m["rel"])
            for kind, unit in (("relday", "day"), ("relweek", "week"), ("relmonth", "month"), ("relyear", "year")):
                if word in lex.table[kind]:
                    sv = shift_value(a, unit, int(lex.table[kind][word]))
                    if sv:
                        self.claim(_Found(s, e, sv[0], sv[1], True, a))
                    break

    def _prev_word(self, pos: int) -> str:
        m = _PREV_WORD.search(self.text, max(0, pos - 24), pos)
        return m.group(1) if m else ""

    def _sentence_start(self, pos: int) -> bool:
        k = pos
        while k > 0 and self.text[k - 1] in " \t\"“'‘(":
            k -= 1
        z = self.zone_of(pos, pos)
        return k == 0 or self.text[k - 1] in ".!?\n" or (z is not None and k <= z.start)

    def _is_day_name(self, m: re.Match[str]) -> bool:
        lex, wd = self.lex, m["wd"]
        prev = self._prev_word(m.start())
        if wd.islower() and _fold(prev) != "hari":
            return False  # "minggu" in lower case is "week"; "hari minggu" is still Sunday
        if prev and lex.value("notdaybefore", prev) is not None:
            self.skip_upto = self._list_end(m.end("wd"))
            return False  # salat Jumat, setiap Senin (dan Kamis)
        after = _NEXT_WORD.match(self.text, m.end("wd"))
        if after and lex.value("notdayafter", after.group(1)) is not None:
            return False  # Jumat Agung, Rabu Abu
        if m.start() < self.skip_upto:
            return False  # the second day of a "Senin-Jumat" range
        if (upto := self._range_end(m.end("wd"))) is not None:
            self.skip_upto = upto
            return False  # "Senin-Jumat", "Senin hingga Jumat": a schedule, not a date
        if _fold(wd) == "minggu" and m["rel"] and self._sentence_start(m.start()):
            return False  # "Minggu lalu, ..." at a sentence start reads as "last week"
        return True

    def _list_end(self, pos: int) -> int:
        """The end of a list of day names that continues at ``pos`` (``dan Kamis``, ``, Rabu``)."""
        while (sep := _DAY_LIST.match(self.text, pos)) and (w := _NEXT_WORD.match(self.text, sep.end())) \
                and self.lex.value("day", w.group(1)) is not None:
            pos = w.end()
        return pos

    def _range_end(self, pos: int) -> int | None:
        r = _DAY_RANGE.match(self.text, pos)
        w = _NEXT_WORD.match(self.text, r.end()) if r else None
        return w.end() if w and self.lex.value("day", w.group(1)) is not None else None

    def _is_relative(self, m: re.Match[str]) -> bool:
        word = _fold(m["rel"])
        prev = _fold(self._prev_word(m.start()))
        if word == "semalam":
            after = _NEXT_WORD.match(self.text, m.end())
            if prev in _NOT_LAST_NIGHT_BEFORE or (after and _fold(after.group(1)) in _NOT_LAST_NIGHT_AFTER):
                return False  # "menginap semalam", "semalam suntuk": one night, not last night
        if word == "esok" and prev == "hari":
            return False  # "hari esok": the future in general
        if prev in _QUANTIFIERS or prev.isdigit() or self.lex.value("number", prev) is not None:
            return False  # "beberapa minggu lalu", "dua pekan lalu" (the amount pass takes numbers)
        if word.startswith("minggu") and m["rel"][0].isupper() and not self._sentence_start(m.start()):
            return False  # "Minggu ini" mid-sentence is Sunday: the day-name pass handles it
        return True

    def refs(self) -> list[DateRef]:
        text = self.text
        out = []
        for f in sorted(self.found, key=_START_END):
            out.append(DateRef(text[f.start:f.end], f.value, f.precision, f.start, f.end, f.relative,
                               f.anchor.isoformat() if f.anchor else None))
        return out


_GROUP1 = operator.methodcaller("span", 1)
_START = operator.attrgetter("start")
_START_END = operator.attrgetter("start", "end")
_RELATIVE_PATTERNS = frozenset({"amount", "dayname", "relative"})
_HARI_BEFORE = re.compile(r"(?<![\w-])hari[^\S\n]+$", re.IGNORECASE)
#: the patterns a number of one or two digits may start, by the character after it: ``19/3``,
#: ``19.3.2022`` (numeric), ``19-21 Agustus`` and ``19–21 Agustus`` (absolute), ``19-3-2022`` (both)
_SHORT_NUMBER_KINDS = {"/": ("numeric",), ".": ("numeric",), "-": ("numeric", "absolute"), "–": ("absolute",)}
_DIGIT_SPACE_KINDS = ("absolute", "amount")  # 19 Maret, 3 hari lalu
_ISO_KINDS = ("iso",)  # 2022-03-19
_PREV_WORD = re.compile(r"([\w'’-]+)[^\w\n]{0,3}$")
_NEXT_WORD = re.compile(r"[^\S\n]*,?[^\S\n]*([\w'’-]+)")
_DAY_LIST = re.compile(r"[^\S\n]*(?:,|dan|atau|serta)[^\S\n]*", re.IGNORECASE)
_DAY_RANGE = re.compile(r"\s*(?:-|–|—|/|hingga|sampai|s\.?d\.?|s/d)\s*", re.IGNORECASE)
_NOT_LAST_NIGHT_BEFORE = frozenset({"selama", "menginap", "bermalam", "satu", "hanya", "cuma", "dalam"})
_NOT_LAST_NIGHT_AFTER = frozenset({"suntuk", "penuh", "saja"})
_QUANTIFIERS = frozenset({
    "beberapa", "berapa", "sejumlah", "banyak", "puluhan", "ratusan", "belasan", "sekian",
    "berpuluh-puluh", "beratus-ratus", "bertahun-tahun", "berbulan-bulan", "berminggu-minggu", "berhari-hari",
})


def extract(doc: Doc, lex: DateLexicon) -> list[DateRef]:
    ex = _Extractor(doc, lex)
    ex.absolute(doc.published)
    ex.relative(doc.published)
    return ex.refs()


@stage("dates", requires=("text",), provides=("dates",))
def run(doc: Doc, res: Resources) -> None:
    doc.dates = extract(doc, get_lexicon(res))


STAGE = run
