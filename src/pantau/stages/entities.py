"""entities stage: people, organisations and places, linked to canonical entities.

Three sources of mentions, over the analysed zones (headline, lead, body) only:

1. the knowledge base (:mod:`pantau.kb`): one Aho-Corasick pass finds every known name, alias,
   abbreviation, epithet and capital (case-sensitive, whole words, leftmost-longest);
2. rules: a title or role before a name ("Menteri Luar Negeri Rusia Sergei Lavrov"), an apposition
   after it ("Yang Jiechi, Kepala Diplomat Partai Komunis China"), and head words that open an
   organisation or place name ("Kementerian Luar Negeri Iran", "Jalan Kapten P Tendean");
3. the statistical CRF tagger (:mod:`pantau.ner.crf`) for the names no list knows.

Where they disagree, the rule for a titled person wins, then the longer of a knowledge-base or
head-word name, then the tagger.  Mentions are then linked: knowledge-base ids (ISO3 for countries),
a capital used for its government folded into its country ("Moskow dan Beijing semakin dekat"), but
kept as a city after a place preposition ("di Roma"); in-document coreference joins a surname or first
name to the full name introduced earlier, an abbreviation to its expansion ("Komisi Pemilihan Umum
(KPU)") and a repeated role noun ("Menlu Rusia") to its named holder.

Output: ``Doc.entities`` (CONTRACT.md) and ``Doc.notes["mentions"]``: one dict per mention
``{start, end, text, type, entity_index, kb_id, country, role, cameo}`` for the quote and event stages;
``cameo`` is the entity's CAMEO actor code where one is known (``RUSGOV``, ``IGOUNO``, ``IDNLEG``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from operator import itemgetter

from rapidfuzz import fuzz

from ..doc import Doc
from ..errors import ResourceError
from ..kb import KbEntry, KnowledgeBase, RoleDef, get_kb, slug
from ..model import Entity, Span
from ..pipeline import stage
from ..resources import Resources, lang_path

# --- tunables (one place) ------------------------------------------------------------------------
#: priority of each source when mentions overlap (higher wins; then the longer span)
PRIO = {"rule:title": 6, "rule:apposition": 6, "kb": 4, "rule:head": 4, "kb:single": 3, "crf": 2,
        "coref": 1}
CONFIDENCE = {"rule:title": 0.9, "rule:apposition": 0.85, "kb": 0.95, "kb:single": 0.85, "rule:head": 0.75,
              "crf": 0.7, "coref": 0.8}
#: a tagger span the fusion trusted over the rule or gazetteer mention it overlaps (see _fuse)
PRIO_TRUSTED = 7
#: the lowest token marginal at which a tagger span beats an overlapping rule mention or a known
#: name it contains
TRUST = 0.8
#: a title rule's name is dropped when the tagger reads every word of it as O at least this surely
O_SURE = 0.8
MAX_NAME_TOKENS = 5
#: tokens of context on each side of an unexplained capitalised word when the tagger runs on a window
CRF_MARGIN = 4
#: words before a capital that make it the city, not its government ("di Moskow", "ke Beijing")
PLACE_PREPS = frozenset({"di", "ke", "dari", "kota", "ibu", "ibukota", "menuju", "sekitar", "pinggiran",
                         "wilayah", "luar", "dekat", "hotel", "kawasan", "pusat", "selatan", "utara", "timur",
                         "barat", "tiba", "berbasis", "bermarkas", "asal", "antara"})
#: name particles written in lower case inside a person's name
NAME_PARTICLES = frozenset({"bin", "binti", "van", "von", "de", "der", "den", "da", "dos", "del", "la", "le",
                            "al", "el", "ibn", "ben", "bint"})
#: capitalised words that open sentences or headlines but never start a name on their own
NOT_NAMES = frozenset("""
Yang Dan Di Ke Dari Pada Dalam Untuk Dengan Oleh Itu Ini Saat Ketika Sementara Namun Tetapi Tapi
Sedangkan Selain Menurut Kata Ujar Hal Karena Sebab Jika Kalau Bila Setelah Sebelum Sejak Hingga Sampai
Para Sang Seorang Kami Kita Mereka Ia Dia Beliau Saya Aku Anda Apa Siapa Mengapa Bagaimana Kapan
Meski Meskipun Walaupun Adapun Bahkan Juga Lalu Kemudian Akhirnya Selanjutnya Kini Sekarang Kemarin Besok
Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli Agustus September
Oktober November Desember Tahun Bulan Hari Pekan Pukul WIB WITA WIT Baca Simak Tonton Lihat Foto Video
Pemerintah Presiden Menteri Negara Pihak Tim Polisi Warga Masyarakat Rakyat Barat Timur Utara Selatan
Tengah Pusat Baru Lama Sebanyak Sejumlah Berbagai Semua Seluruh Setiap Tidak Bukan Belum Sudah Telah
Akan Masih Harus Bisa Dapat Perlu Ada Terkait Soal Tentang Mengenai Sebagai Secara Atas Bagi Tanpa
Antara Kepada Seperti Pertemuan Pernyataan Kerjasama Kerja Situasi Tentu Sehingga Agar Supaya Maka
Pasukan Perang Serangan Konflik Kasus Isu Program Proyek Rencana Kebijakan Keputusan Sidang Rapat
Sebelumnya Selanjutnya Sesudahnya Oh Ya Wah Nasional Internasional Umum Khusus Tinggi Senior Agung
Besar Utama Daerah Republik Kerajaan Komandan Jenderal Fraksi Komisi Partai Badan Dewan
Negeri Sekolah Kota Kecamatan Kabupaten Provinsi Desa Nomor Suku
""".split())
#: words of NOT_NAMES that go on inside a name a head word opened ("Kantor Jaksa Agung Spanyol",
#: "Sekretariat Presiden", "Badan Intelijen Negara", "Divisi Pusat LAPD")
NAME_INNER = frozenset("""
Agung Tinggi Nasional Internasional Umum Khusus Senior Besar Utama Daerah Republik Kerajaan Negara Rakyat
Pusat Presiden Menteri Pemerintah Pasukan Kerja Kerjasama Komisi Badan Dewan Partai Negeri Kota Tengah
Barat Timur Utara Selatan Baru
""".split())
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]", re.UNICODE)
_ROMAN = re.compile(r"^(?:[IVX]{1,5}|\d{1,3})$")
_ABBR = re.compile(r"\s*\(([A-Z][A-Za-z0-9\-]{1,11})\)")


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    type: str
    src: str
    kb_id: str | None = None
    role: str | None = None
    role_code: str | None = None
    country: str | None = None
    city_of: str | None = None  # a capital used as a place: the country's ISO3
    nested: bool = False  # a known name inside a longer organisation/place name
    conf: float = 1.0  # the tagger's confidence in its span (lowest token marginal)
    core: int | None = None  # where the name starts after a lower-case head ("kota Pati" -> "Pati")
    boost: bool = False  # a tagger span trusted over the rule or gazetteer mention it overlaps


@dataclass(slots=True)
class Group:
    type: str
    key: tuple
    kb: KbEntry | None = None
    cands: list[Cand] = field(default_factory=list)
    name: str = ""


@dataclass(frozen=True, slots=True)
class Heads:
    types: dict[str, str]
    longest: int
    #: every head cut before one of its spaces ("Dewan" of "Dewan Pimpinan"): a token that is not
    #: one of these cannot open a two-word head, so the rule need not build and look up the pair
    prefixes: frozenset[str] = frozenset()


def _load_heads(res: Resources) -> Heads:
    types: dict[str, str] = {}
    path = lang_path("entity_heads.tsv")
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 2 or cols[1] not in ("ORG", "LOC", "GPE"):
                raise ResourceError(f"{path}:{n}: expected head<TAB>ORG|LOC|GPE")
            types[cols[0]] = cols[1]
    prefixes = frozenset(h[:i] for h in types for i, ch in enumerate(h) if ch == " ")
    return Heads(types, max(len(h.split()) for h in types), prefixes)


@dataclass(frozen=True, slots=True)
class Cues:
    types: dict[str, tuple[str, bool]]  # cue (lower case) -> (type, only a PER guess)
    before: re.Pattern  # a cue right before a name, perhaps with a country between: "surat kabar Korea Selatan, "
    platform: re.Pattern  # "platform X"
    credit: re.Pattern | None = None  # a sign-off line: "Diadaptasi oleh ...", "Editor: ..."


def _load_cues(res: Resources) -> Cues:
    types: dict[str, tuple[str, bool]] = {}
    credits: list[str] = []
    path = lang_path("entity_cues.tsv")
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 3 and cols[1:] == ["-", "credit"] and cols[0] == cols[0].lower():
                credits.append(cols[0])
                continue
            if len(cols) != 3 or cols[1] not in ("ORG", "LOC", "GPE") or cols[2] not in ("any", "person") \
                    or cols[0] != cols[0].lower():
                raise ResourceError(f"{path}:{n}: expected lower-case cue<TAB>ORG|LOC|GPE<TAB>any|person")
            types[cols[0]] = (cols[1], cols[2] == "person")
    alt = "|".join(re.escape(c) for c in sorted(types, key=len, reverse=True))
    before = re.compile(r"(?:^|[^\w-])((?i:" + alt + r"))\s+(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}\s*,\s*)?$")
    # "platform X", "media sosial X"; "di X" / "lewat X" / "akun X" only where the X closes the phrase
    platform = re.compile(r"(?<![\w-])(?:(?i:platform|media sosial|jejaring sosial)\s+(X)(?![\w-])"
                          r"|(?:di|lewat|melalui|akun)\s+(X)(?=\s*[.,;:)\"”]|\s+(?:pada|yang|dan|miliknya)\b))")
    credit = re.compile(r"(?:^|(?<=\n)|(?<=\())[ \t]*(?i:" + "|".join(
        re.escape(c) for c in sorted(credits, key=len, reverse=True)) + r")[^\n]*") if credits else None
    return Cues(types, before, platform, credit)


def _drop_credits(cues: Cues, text: str, zones, chosen: list[Cand]) -> list[Cand]:
    """Names in a sign-off line ("Diadaptasi oleh A dan B") are the staff, not actors."""
    if cues.credit is None:
        return chosen
    spans = [m.span() for zs, ze in zones for m in cues.credit.finditer(text, zs, ze)]
    if not spans:
        return chosen
    return [c for c in chosen if not any(a <= c.start and c.end <= b for a, b in spans)]


def _cue_types(kb: KnowledgeBase, cues: Cues, text: str, zones, chosen: list[Cand]) -> list[Cand]:
    """A name the knowledge base does not know takes the type its cue word gives ("partai Kahol Lavan",
    "menuju Aliso dan Alameda"); "platform X" names the platform."""
    prev: Cand | None = None
    prev_cue: tuple[str, bool] | None = None
    for c in chosen:
        cue = None
        m = cues.before.search(text, max(0, c.start - 48), c.start)
        if m:
            cue = cues.types.get(m.group(1).lower())
        elif prev is not None and prev_cue is not None and text[prev.end:c.start] in (" dan ", ", ", " atau "):
            cue = prev_cue  # "partai Kahol Lavan dan Uni Demokrat", "di Abqaiq dan Khurais"
        if cue is not None and c.kb_id is None and not c.city_of \
                and c.src not in ("rule:title", "rule:apposition", "coref") and (not cue[1] or c.type == "PER"):
            c.type = cue[0]
        prev, prev_cue = c, cue
    extra = []
    for zs, ze in zones:
        for m in cues.platform.finditer(text, zs, ze):
            s, e = m.span(1) if m.group(1) else m.span(2)
            if not any(c.start < e and s < c.end for c in chosen):
                ent = kb.lookup("X")
                extra.append(Cand(s, e, "ORG", "rule:head", kb_id=ent.id if ent is not None and ent.type == "ORG" else None))
    if extra:
        chosen = sorted(chosen + extra, key=lambda c: c.start)
    return chosen


def ner_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of a BIO sequence (a stray I- opens a span)."""
    out: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, t in enumerate(tags):
        if t == "O":
            if start >= 0:
                out.append((start, i, typ))
            start = -1
            continue
        pre, lab = t[0], t[2:]
        if pre == "B" or lab != typ or start < 0:
            if start >= 0:
                out.append((start, i, typ))
            start, typ = i, lab
    if start >= 0:
        out.append((start, len(tags), typ))
    return out


def _tagger(res: Resources):
    """The CRF tagger, or None where its model is not shipped (the stage still works on rules)."""
    def build(_r: Resources):
        try:
            from ..ner.crf import get_tagger
            return get_tagger(_r)
        except (ImportError, ResourceError):
            return None
    return res.get("entities:tagger", build)


# --- helpers -------------------------------------------------------------------------------------
#: attribution verbs that sloppy copy glues to the outlet after them ("DilansirAljazeera", "dilansirAFP")
_GLUED = ("dilansir", "Dilansir", "melansir", "Melansir", "dikutip", "Dikutip", "dari", "Dari")


def _camel_at(text: str, s: int) -> bool:
    """A lower-case brand written in camel case starts at ``s`` ("detikNews", "kumparanBisnis")."""
    e = s
    while e < len(text) and text[e].isalnum():
        e += 1
    return text[s:s + 1].islower() and any(ch.isupper() for ch in text[s + 1:e])


def _glued(text: str, s: int) -> bool:
    return (text[s:s + 1].isupper() or _camel_at(text, s)) and any(
        text.endswith(g, 0, s) and (s == len(g) or not text[s - len(g) - 1].isalnum()) for g in _GLUED)


#: an attribution word glued to the outlet after it: "DilansirdetikNews", "dariReuters", "dilansirAntara"
_GLUED_RE = re.compile(r"(?<!\w)(?:[Dd]ilansir|[Mm]elansir|[Dd]ikutip|[Dd]ari)(?=[A-Z]|[a-z]+[A-Z])(\w+)")


def _unglue(kb: KnowledgeBase, text: str, zones: list[tuple[int, int]], cands: list[Cand]) -> None:
    """Cut the glued attribution word off every mention that took it in, and add the outlet when the
    base knows it (also a name the gazetteer never matches alone, such as "Antara")."""
    for zs, ze in zones:
        for m in _GLUED_RE.finditer(text, zs, ze):
            s, e = m.span(1)
            for c in cands:
                if c.start == m.start() and c.end >= e:
                    c.start = s
            entry = kb.lookup(m.group(1))
            if entry is not None:
                cands.append(Cand(s, e, entry.type, "kb", kb_id=entry.id))


def _boundary_ok(text: str, s: int, e: int) -> bool:
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_@") and not _glued(text, s):
        return False
    if e < len(text) and (text[e].isalnum() or text[e] == "_"):
        # the clitic -nya stays on the name it follows: "akun Twitternya", "Jakartanya"
        return text.startswith("nya", e) and (e + 3 >= len(text) or not text[e + 3].isalnum())
    return True


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _word_char(ch: str) -> bool:
    r"""What ``[\w-]`` matches (``\w`` is str.isalnum() or the underscore)."""
    return ch.isalnum() or ch == "_" or ch == "-"


def _whole_words(text: str, words, zs: int, ze: int, see_before: bool = True) -> list[tuple[int, int, str]]:
    r"""Non-overlapping occurrences of ``words`` in ``text[zs:ze]`` not inside a longer word or a
    hyphenated compound, leftmost first and at one place the longest: what
    ``re.finditer(r"(?<![\w-])(w1|w2|...)(?![\w-])", text, zs, ze)`` finds with the alternatives
    longest first, without compiling a pattern for every article.  ``see_before=False`` treats the
    zone start as the start of the text (a search over the slice ``text[zs:ze]``)."""
    found: list[tuple[int, int, str]] = []
    floor = zs if not see_before else 0
    for w in words:
        n = len(w)
        if not n:
            continue
        i = text.find(w, zs, ze)
        while i >= 0:
            e = i + n
            if (i <= floor or not _word_char(text[i - 1])) and (e >= ze or not _word_char(text[e])):
                found.append((i, e, w))
            i = text.find(w, i + 1, ze)
    if len(found) > 1:
        found.sort(key=lambda t: (t[0], t[0] - t[1]))
    out: list[tuple[int, int, str]] = []
    last = zs
    for hit in found:
        if hit[0] >= last:
            out.append(hit)
            last = hit[1]
    return out


def _leftmost_longest(found: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out, last = [], -1
    for s, e, v in found:
        if s >= last:
            out.append((s, e, v))
            last = e
    return out


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class _Sent:
    """One sentence: its token offsets and words."""

    __slots__ = ("toks", "words", "starts", "by_start", "by_end", "titlecase")

    def __init__(self, text: str, toks: list[tuple[int, int]], headline: bool = False) -> None:
        self.toks = toks
        self.words = [text[s:e] for s, e in toks]
        self.starts = starts = list(map(_FIRST, toks))
        self.by_start = dict(zip(starts, range(len(toks))))
        self.by_end = dict(zip(map(_SECOND, toks), range(len(toks))))
        # a Title Case headline ("Komisi II DPR Minta KPU Konsultasi"): capitals say nothing there
        # (every word of four letters or more capitalised; short ones like "dan", "di" may stay low)
        long = [w for w in self.words if len(w) >= 4 and w[:1].isalpha()]
        caps = sum(1 for w in long if w[0].isupper())
        # a headline may keep a linking word low ("Rusia Ledek Sistem Rudal Patriot AS karena Gagal ...")
        self.titlecase = len(long) >= 3 and (caps == len(long) or (headline and caps >= 0.75 * len(long)))


def _sentences(doc: Doc, zones: list[tuple[int, int]]) -> list[_Sent]:
    text = doc.text
    zset = {i for i, z in enumerate(doc.zones) if (z.start, z.end) in set(zones)}
    sents = [s for s in doc.sentences if s.zone in zset and s.tokens]
    if sents:
        return [_Sent(text, list(s.tokens), doc.zones[s.zone].kind == "headline") for s in sents]
    out: list[_Sent] = []
    for zs, ze in zones:  # no segmentation: split each zone on terminal punctuation ourselves
        cur: list[tuple[int, int]] = []
        for m in _TOKEN.finditer(text, zs, ze):
            s, e = m.span()
            if m.group().endswith(".") and len(m.group()) > 1 and not _is_cap(m.group()):
                cur.append((s, e - 1))
                cur.append((e - 1, e))
            else:
                cur.append((s, e))
            if text[e - 1] in ".!?":
                out.append(_Sent(text, cur))
                cur = []
        if cur:
            out.append(_Sent(text, cur))
    return out


# --- the stage -----------------------------------------------------------------------------------
@stage("entities", requires=(), provides=("entities",))
def run(doc: Doc, res: Resources) -> None:
    kb = get_kb(res)
    if not _KB_TYPES or len(_KB_TYPES) != len(kb.entries):
        _KB_TYPES.clear()
        _KB_TYPES.update((i, e.type) for i, e in kb.entries.items())
    heads = res.get("entities:heads", _load_heads)
    cues = res.get("entities:cues", _load_cues)
    text = doc.text
    if doc.zones:
        zones = [(z.start, z.end) for z in doc.analysed_zones()]
    else:
        zones = [(0, len(text))]
    if not zones or not text.strip():
        doc.notes["mentions"] = []
        return
    sents = _sentences(doc, zones)
    gaz = _absorb_ri(kb, text, _gazetteer(kb, text, zones))
    titles = _titles(kb, text, zones)
    gaz_at = {s: (e, v) for s, e, v in gaz}
    title_at = {s: (e, rd) for s, e, rd in titles}
    cands: list[Cand] = []
    role_refs: list[tuple[int, int, RoleDef, str | None]] = []
    head_at: dict[int, int] = {}
    for sent in sents:
        if sent.titlecase:
            continue
        _head_rule(kb, heads, text, sent, gaz_at, title_at, cands, head_at)
    inside_head = [(s, e) for s, e in head_at.items()]
    title_at = {s: v for s, v in title_at.items() if not any(a < s < b for a, b in inside_head)}
    for sent in sents:
        if sent.titlecase:
            continue
        _title_rule(kb, text, sent, gaz_at, title_at, cands, role_refs, head_at, heads)
        _apposition_rule(kb, text, sent, gaz_at, title_at, cands, head_at)
    for s, e, (kind, ident, form) in gaz:
        cands.append(_gaz_cand(kb, text, s, e, kind, ident, form))
    tagger = _tagger(res)
    if tagger is not None:
        seen = _crf(kb, heads, tagger, text, sents, gaz_at, title_at, cands, cues.types)
    _unglue(kb, text, zones, cands)
    if tagger is not None:
        cands = _fuse(text, cands, seen)
    chosen = _resolve(cands)
    chosen = _abbreviations(kb, text, zones, chosen)
    chosen = _cue_types(kb, cues, text, zones, chosen)
    chosen = _drop_credits(cues, text, zones, chosen)
    groups = _group(kb, text, chosen)
    _surname_mentions(kb, text, zones, groups)
    _role_refs(text, role_refs, groups)
    _emit(doc, kb, groups)


def _gazetteer(kb: KnowledgeBase, text: str, zones: list[tuple[int, int]]) -> list[tuple[int, int, tuple]]:
    found: list[tuple[int, int, tuple]] = []
    for zs, ze in zones:
        for end, val in kb.names.iter(text, zs, ze):
            e = end + 1
            s = e - len(val[2])
            if _boundary_ok(text, s, e):
                found.append((s, e, val))
    return _leftmost_longest(found)


def _absorb_ri(kb: KnowledgeBase, text: str, gaz: list) -> list:
    """"MPR RI", "Komisi Informasi Pusat RI": the trailing RI belongs to an Indonesian body's name."""
    out = []
    skip = set()
    for n, (s, e, val) in enumerate(gaz):
        if n in skip:
            continue
        if val[0] == "E" and kb.entries[val[1]].type == "ORG" and text.startswith(" RI", e) \
                and _boundary_ok(text, e + 1, e + 3):
            if n + 1 < len(gaz) and gaz[n + 1][0] == e + 1:
                skip.add(n + 1)
            out.append((s, e + 3, (val[0], val[1], text[s:e + 3])))
        else:
            out.append((s, e, val))
    return out


def _titles(kb: KnowledgeBase, text: str, zones: list[tuple[int, int]]) -> list[tuple[int, int, RoleDef]]:
    found: list[tuple[int, int, RoleDef]] = []
    for zs, ze in zones:
        for end, rd in kb.titles.iter(text, zs, ze):
            e = end + 1
            s = e - len(rd.title)
            if _boundary_ok(text, s, e) or (rd.title.endswith(".") and (s == 0 or not text[s - 1].isalnum())):
                found.append((s, e, rd))
    return _leftmost_longest(found)


def _gaz_cand(kb: KnowledgeBase, text: str, s: int, e: int, kind: str, ident: str, form: str) -> Cand:
    if kind == "C":  # a capital: the government, or the city after a place word
        cap = kb.capitals[form]
        prev = text[max(0, s - 12):s].split()
        prev_w = prev[-1].lower() if prev else ""
        if cap.government and prev_w not in PLACE_PREPS:
            return Cand(s, e, "GPE", "kb", kb_id=cap.country)
        return Cand(s, e, "GPE", "kb", city_of=cap.country, country=cap.country)
    entry = kb.entries[ident]
    src = "kb" if (" " in form or len(form) > 3 or entry.type != "PER") else "kb:single"
    return Cand(s, e, entry.type, src, kb_id=ident)


_KB_TYPES: dict[str, str] = {}


def _kb_type(match: tuple) -> str:
    """The entity type of a gazetteer match value (capitals count as GPE)."""
    kind, ident, _form = match[1]
    return "GPE" if kind == "C" else _KB_TYPES.get(ident, "")


def _name_run(text: str, sent: _Sent, i: int, gaz_at: dict, title_at: dict) -> int:
    """Index past a run of capitalised name tokens starting at token ``i`` (``i`` when none)."""
    j = i
    n = len(sent.toks)
    while j < n and j - i < MAX_NAME_TOKENS:
        w = sent.words[j]
        s = sent.toks[j][0]
        if s in title_at and j > i:
            break
        if s in gaz_at and j > i and (gaz_at[s][1][0] == "C" or _kb_type(gaz_at[s]) != "PER"):
            # a known non-person name ends the run ("... Sullivan dan Yang Jiechi")
            break
        if _is_cap(w) and (w not in NOT_NAMES or j > i) and w.rstrip(".").replace("-", "").replace("'", "").isalnum():
            j += 1
            continue
        low = w.lower()
        if j > i and (low in NAME_PARTICLES or low.startswith(("al-", "el-", "bin-"))) and j + 1 < n \
                and _is_cap(sent.words[j + 1]):
            j += 1
            continue
        if j > i and low.startswith(("al-", "el-")) and len(w) > 3 and w[3:4].isupper():
            j += 1
            continue
        break
    return j


def _complement(kb: KnowledgeBase, sent: _Sent, j: int, gaz_at: dict,
                head_at: dict[int, int]) -> tuple[int, str | None, list[tuple[int, int]]]:
    """After a title: skip the country or organisation it belongs to ("Rusia", "Partai Komunis
    China", "Komisi II DPR RI"); return (next token index, country ISO3, org spans)."""
    country = None
    orgs: list[tuple[int, int]] = []
    n = len(sent.toks)
    while j < n:
        s = sent.toks[j][0]
        w = sent.words[j]
        if s in head_at:  # an organisation the rules found: "Badan Penganggaran MPR RI"
            e = head_at[s]
            orgs.append((s, e))
            for gs, (ge, val) in gaz_at.items():
                if s < gs and ge <= e and _kb_type((ge, val)) == "GPE" and (val[0] == "C" or len(val[1]) == 3):
                    country = country or val[1]
            k = sent.by_end.get(e)
            if k is None:
                break
            j = k + 1
            continue
        if len(w) >= 2 and w.isupper() and w.isalpha() and not _ROMAN.match(w) and s not in gaz_at \
                and j + 1 < n and _is_cap(sent.words[j + 1]):
            orgs.append((s, sent.toks[j][1]))  # an acronym the KB does not know: "pakar SIPRI X"
            j += 1
            continue
        if s in gaz_at:
            e, (kind, ident, form) = gaz_at[s]
            entry = kb.entries.get(ident) if kind == "E" else None
            if kind == "C":
                country = country or ident
            elif entry is not None and entry.type in ("GPE",) and entry.id == entry.country:
                country = country or entry.id
            elif entry is not None and entry.type == "ORG":
                orgs.append((s, e))
                country = country or (entry.country if len(entry.country) == 3 else None)
            else:
                break
            k = sent.by_end.get(e)
            if k is None:
                break
            j = k + 1
            continue
        if _ROMAN.match(w) or w in ("RI",):
            j += 1
            continue
        break
    return j, country, orgs


def _title_rule(kb, text, sent: _Sent, gaz_at, title_at, cands: list[Cand], role_refs, head_at,
                heads: Heads) -> None:
    n = len(sent.toks)
    i = 0
    while i < n:
        s = sent.toks[i][0]
        if s not in title_at:
            i += 1
            continue
        te, rd = title_at[s]
        k = sent.by_end.get(te)
        if k is None:
            i += 1
            continue
        j, country, orgs = _complement(kb, sent, k + 1, gaz_at, head_at)
        comp_end = sent.toks[j - 1][1] if j > k + 1 else te
        if j < n and sent.words[j] == ",":
            j2 = j + 1
        else:
            j2 = j
        # a rank or second title before the name ("Kapolri Jenderal Listyo Sigit Prabowo")
        while j2 < n and sent.toks[j2][0] in title_at and _is_cap(sent.words[j2]):
            kk = sent.by_end.get(title_at[sent.toks[j2][0]][0])
            if kk is None:
                break
            j2 = kk + 1
        end = _name_run(text, sent, j2, gaz_at, title_at)
        if end > j2 and (sent.words[j2] in heads.types or f"{sent.words[j2]} {sent.words[j2 + 1]}" in heads.types
                         if j2 + 1 < n else sent.words[j2] in heads.types):
            end = j2  # a body, not a person: "Kepala Kepolisian Peru", "Direktur Rumah Sakit Umum"
        if end > j2:
            ns, ne = sent.toks[j2][0], sent.toks[end - 1][1]
            if not (ns in gaz_at and gaz_at[ns][0] == ne and kb.entries.get(gaz_at[ns][1][1], None) is not None
                    and kb.entries[gaz_at[ns][1][1]].type != "PER"):
                role = rd.role
                if orgs and rd.kind == "office":
                    o_s, o_e = orgs[0][0], orgs[-1][1]
                    role = f"{rd.role} {text[o_s:o_e]}"
                cands.append(Cand(ns, ne, "PER", "rule:title",
                                  role=role if rd.kind == "office" else None,
                                  role_code=rd.cameo if rd.kind == "office" else None, country=country))
                i = end
                continue
        elif rd.kind == "office" and (country or orgs) and j == j2:
            role_refs.append((s, comp_end, rd, country))
        i = k + 1


def _apposition_rule(kb, text, sent: _Sent, gaz_at, title_at, cands: list[Cand], head_at) -> None:
    """"Yang Jiechi, Kepala Diplomat Partai Komunis China, ..." -> a person with that role."""
    for ci, w in enumerate(sent.words):
        if w != "," or ci + 1 >= len(sent.toks):
            continue
        ts = sent.toks[ci + 1][0]
        if ts not in title_at or title_at[ts][1].kind != "office":
            continue
        # the name: the capitalised run that ends right before the comma
        b = ci
        while b > 0 and ci - b < MAX_NAME_TOKENS and (_is_cap(sent.words[b - 1]) or
                                                     sent.words[b - 1].lower() in NAME_PARTICLES):
            b -= 1
        while b < ci and (sent.words[b] in NOT_NAMES or sent.toks[b][0] in title_at):
            b += 1
        if b >= ci:
            continue
        ns, ne = sent.toks[b][0], sent.toks[ci - 1][1]
        if any(ns <= hs < ne for hs in head_at) or any(
                ns <= sent.toks[t][0] < ne and sent.toks[t][0] in gaz_at and _kb_type(gaz_at[sent.toks[t][0]]) != "PER"
                for t in range(b, ci)):
            continue
        for gs, (ge, val) in gaz_at.items():
            # a known person's name that ends at the comma is the name ("Yang Jiechi", not "Jiechi")
            if ge == ne and gs < ns and ne - gs < 60 and val[0] == "E" and kb.entries[val[1]].type == "PER":
                ns = gs
        if ns in gaz_at and gaz_at[ns][1][0] == "C":
            continue
        if ns in gaz_at and gaz_at[ns][0] == ne:
            ent = kb.entries.get(gaz_at[ns][1][1])
            if ent is not None and ent.type != "PER":
                continue
        te, rd = title_at[ts]
        k = sent.by_end.get(te)
        if k is None:
            continue
        j, country, orgs = _complement(kb, sent, k + 1, gaz_at, head_at)
        role = rd.role + (" " + text[orgs[0][0]:orgs[-1][1]] if orgs else "")
        cands.append(Cand(ns, ne, "PER", "rule:apposition", role=role, role_code=rd.cameo, country=country))


def _head_rule(kb, heads: Heads, text, sent: _Sent, gaz_at, title_at, cands: list[Cand],
               head_at: dict[int, int]) -> None:
    """A head word opens an ORG/LOC/GPE name that runs over the capitalised words after it."""
    n = len(sent.toks)
    i = 0
    while i < n:
        w = sent.words[i]
        typ = heads.types.get(w)
        hk = i
        if typ is None and i + 1 < n and w in heads.prefixes:
            two = f"{w} {sent.words[i + 1]}"
            typ = heads.types.get(two)
            hk = i + 1
        if typ is None:
            i += 1
            continue
        if w == "Kantor" and hk == i and i + 1 < n and heads.types.get(sent.words[i + 1]) == "ORG":
            i += 1  # "Kantor Kementerian Koordinator Bidang Pangan": the office of a body is the body
            continue
        j = hk + 1
        unknown = 0
        s_head = sent.toks[i][0]
        kb_head = False
        if s_head in gaz_at and gaz_at[s_head][1][0] == "E":
            # the knowledge base knows the name the head opens ("Partai Demokrat", "Kementerian Luar
            # Negeri"): only a country right after it makes a longer name ("... Luar Negeri Iran")
            ge = gaz_at[s_head][0]
            k = sent.by_end.get(ge)
            nxt = sent.toks[k + 1][0] if k is not None and k + 1 < n else -1
            if k is None or nxt not in gaz_at or _kb_type(gaz_at[nxt]) != "GPE" \
                    or _kb_type(gaz_at[s_head]) not in ("ORG", "LOC"):
                i = (k + 1) if k is not None else i + 1
                continue
            ce = gaz_at[nxt][0]
            kc = sent.by_end.get(ce)
            if kc is None:
                i = k + 1
                continue
            j, unknown = kc + 1, 1
            if j < n and sent.words[j] == "RI":
                j += 1
            typ = _kb_type(gaz_at[s_head])
            kb_head = True
        while not kb_head and j < n:
            s = sent.toks[j][0]
            wj = sent.words[j]
            if s in title_at and not _is_cap(wj):
                break
            if s in gaz_at:
                e, (kind, ident, form) = gaz_at[s]
                ent = kb.entries.get(ident) if kind == "E" else None
                if ent is not None and ent.type == "PER":
                    break
                k = sent.by_end.get(e)
                if k is None:
                    break
                j = k + 1
                if j < n and sent.words[j] == "RI":
                    j += 1
                if w == "Fraksi" and j == hk + 2 and ent is not None and ent.type == "ORG" and not unknown:
                    unknown = -1  # "Fraksi PKS": the party itself
                break  # a known name closes the phrase: "... Angkatan Laut AS", "Komisi II DPR"
            if _is_cap(wj) and (wj not in NOT_NAMES or wj in NAME_INNER) \
                    and wj.replace("-", "").replace(".", "").isalnum():
                unknown += 1
                j += 1
                continue
            if _ROMAN.match(wj) and j > hk + 1 or (_ROMAN.match(wj) and w in ("Komisi", "Kodam", "Armada")):
                unknown += 1
                j += 1
                continue
            if wj in ("dan", "&", "untuk", "of") and j + 1 < n and _is_cap(sent.words[j + 1]) and unknown \
                    and sent.words[j + 1] not in heads.types:
                j += 1
                continue
            break
        if unknown == 0 and typ in ("ORG", "LOC") and j > hk + 1 and sent.toks[hk + 1][0] in gaz_at \
                and gaz_at[sent.toks[hk + 1][0]][0] == sent.toks[j - 1][1] \
                and _kb_type(gaz_at[sent.toks[hk + 1][0]]) in ("GPE", "PER") \
                and (j >= n or not _is_cap(sent.words[j])):
            # a body or a building named after a known place or person: "Kepolisian Peru", "TMP
            # Kalibata", "Universitas Gadjah Mada" (a city head such as "Kota Bandung" stays the city)
            unknown = 1
        if unknown == 0:
            i = hk + 1
            continue
        s0, e0 = sent.toks[i][0], sent.toks[j - 1][1]
        while text[e0 - 1] in ",.;:" and e0 > s0:
            e0 -= 1
        surface = text[s0:e0]
        ent = kb.lookup(surface)
        if unknown < 0:
            ent = kb.entries[gaz_at[sent.toks[hk + 1][0]][1][1]]
        country = None
        for s, (e, (kind, ident, form)) in gaz_at.items():
            if s0 < s and e <= e0:
                if kind == "C":
                    country = ident
                else:
                    en = kb.entries.get(ident)
                    if en is not None and en.type == "GPE" and en.id == en.country:
                        country = en.id
        cands.append(Cand(s0, e0, ent.type if ent else typ, "rule:head", kb_id=ent.id if ent else None,
                          country=country))
        head_at[s0] = e0
        i = j


def _crf(kb, heads: Heads, tagger, text, sents: list[_Sent], gaz_at, title_at, cands: list[Cand],
         cues: dict) -> dict:
    """Tagger mentions (``src="crf"``, ``conf`` = the lowest marginal of their tokens).  Returns the
    tagger's view of every token it saw: start offset -> (tag, marginal), for the fusion to check the
    rules against (a title rule's "name" that the tagger confidently calls ``O`` is no name)."""
    seen: dict[int, tuple[str, float]] = {}
    covered = bytearray(len(text) + 1)  # characters already inside a known or rule-found name
    check: list[tuple[int, int]] = []  # spans the tagger should see to confirm or extend
    for c in cands:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
        if c.src in ("rule:title", "rule:apposition", "rule:head"):
            check.append((c.start, c.end))
        elif c.src in ("kb", "kb:single"):
            # a known name next to another capitalised word may be part of a longer one the base
            # does not know ("Arema Indonesia", "Universitas Semarang", "Bursa Efek New York")
            a = text.rfind(" ", 0, max(0, c.start - 1)) + 1
            before = text[a:c.start].strip()
            m = _TOKEN.match(text, c.end + 1) if c.end < len(text) and text[c.end] == " " else None
            after = m.group() if m else ""
            if (before[:1].isupper() and before not in NOT_NAMES and before.isalpha()) or \
                    (after[:1].isupper() and after not in NOT_NAMES and after.isalpha()
                     and _kb_type_at(gaz_at, c.end + 1) in ("", "GPE") and c.type != "PER"):
                check.append((c.start, c.end))
    check.sort()
    # marginals cost a forward-backward pass: ask for them only where the fusion weighs the tagger
    # against a rule or a known name (the tagger computes them on the first one asked for)
    verify = bytearray(len(text) + 1)  # title/apposition names the tagger must confirm
    for c in cands:
        if c.src in ("rule:title", "rule:apposition"):
            verify[c.start:c.end] = b"\x01" * (c.end - c.start)
    ci = 0
    # the windows first (they depend on the rules and known names only, not on what the tagger says),
    # then their tagger items in one batch, then each window as before
    jobs: list[tuple[_Sent, int, int, int]] = []
    for sent in sents:
        if sent.titlecase:
            continue
        # the tagger is the slow part: run it only around capitalised words still unexplained (not
        # inside a knowledge-base or rule mention, not a word that never starts a name) and around
        # the rule or gazetteer names it should confirm, in windows wide enough for its +-2 context
        starts = sent.starts
        need = [i for i, w in enumerate(sent.words)
                if w[:1].isupper() and w[0].isalpha() and not covered[starts[i]] and w not in NOT_NAMES
                and starts[i] not in title_at]
        s0, s1 = sent.toks[0][0], sent.toks[-1][1]
        while ci < len(check) and check[ci][0] < s0:
            ci += 1
        k = ci
        while k < len(check) and check[k][0] < s1:
            i = sent.by_start.get(check[k][0])
            j = sent.by_end.get(check[k][1])
            if i is not None:
                need.append(i)
                if j is not None and j != i:
                    need.append(j)
            k += 1
        if not need:
            continue
        need.sort()
        n = len(sent.words)
        windows: list[list[int]] = []
        for i in need:
            a, b = max(0, i - CRF_MARGIN), min(n, i + CRF_MARGIN + 1)
            if windows and a <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], b)
            else:
                windows.append([a, b])
        for a, b in windows:
            jobs.append((sent, n, a, b))
    prepare = getattr(tagger, "prepare", None)
    try:
        prepared = prepare([sent.words[a:b] for sent, _n, a, b in jobs]) if prepare else [None] * len(jobs)
    except Exception:  # noqa: BLE001 - then each window computes its own, and fails alone
        prepared = [None] * len(jobs)
    for (sent, n, a, b), items in zip(jobs, prepared):
        starts = sent.starts
        try:
            tags, marginal = tagger.tag_lazy(sent.words[a:b], items) if items is not None \
                else tagger.tag_lazy(sent.words[a:b])
            # only for the names that overlap a rule or known name, and rule names to check
            margs = [1.0] * len(tags)
            wstarts = starts[a:b]
            found = ner_spans(tags)
            for x, y, _typ in found:
                if any(covered[st] for st in wstarts[x:y]):
                    for k in range(x, y):
                        margs[k] = marginal(k)
            checked = [k for k, st in enumerate(wstarts) if verify[st]]
            for k in checked:
                if margs[k] == 1.0:
                    margs[k] = marginal(k)
        except Exception:  # noqa: BLE001 - the tagger must never sink an article
            return seen
        # a token near the window edge lacks context: only the inner ones speak for the tagger
        for k in checked:
            if (k >= 2 or a == 0) and (k < len(tags) - 2 or b == n):
                seen[wstarts[k]] = (tags[k], margs[k])
        for x, y, typ in found:
            if (x > 0 or a == 0) and (y < len(tags) or b == n):
                # a span cut by the window edge is unreliable: only whole ones count
                _crf_span(kb, heads, text, sent, a + x, a + y, typ, gaz_at, title_at, cands, min(margs[x:y]), cues)
    return seen


def _kb_type_at(gaz_at: dict, s: int) -> str:
    return _kb_type(gaz_at[s]) if s in gaz_at else ""


def _crf_span(kb, heads, text, sent: _Sent, a: int, b: int, typ: str, gaz_at, title_at, cands,
              conf: float = 0.7, cues: dict | None = None) -> None:
    cues = cues or {}
    # trim titles and honorifics the tagger folded into a person's name ("Presiden Joko Widodo")
    while a < b and (sent.toks[a][0] in title_at or (sent.words[a] in NOT_NAMES and sent.words[a] not in heads.types)):
        te = title_at.get(sent.toks[a][0], (sent.toks[a][1], None))[0]
        k = sent.by_end.get(te, a)
        a = max(a + 1, k + 1)
    while b > a and not sent.words[b - 1][:1].isalnum():
        b -= 1
    if a >= b:
        return
    words = sent.words[a:b]
    if not any(_is_cap(w) for w in words):
        return
    # a place head written in lower case opens the name ("desa Kramas", "kota Pati"): the mention
    # keeps it, the entity is named without it
    # so is a place noun that is no name head ("Kawasan Bogor", "wilayah Jabotabek")
    lead = 0
    while lead < len(words) - 1 and (
            (words[lead][:1].islower() and heads.types.get(words[lead][:1].upper() + words[lead][1:]) in ("LOC", "GPE"))
            or (words[lead] not in heads.types and cues.get(words[lead].lower(), ("",))[0] in ("LOC", "GPE")
                and words[lead].lower() not in ("di", "ke", "menuju"))):
        lead += 1
    # a name is capitalised words with at most a few lower-case particles ("Kementerian Haji dan
    # Umrah", "Turki al-Maliki"); a span with ordinary lower-case words is a tagger slip, not a name
    if len(words) > 8 or any(w[:1].islower() and w.lower() not in NAME_PARTICLES and w not in ("dan", "untuk", "&")
                             and not w.lower().startswith(("al-", "el-")) for w in words[lead:]):
        return
    s, e = sent.toks[a][0], sent.toks[b - 1][1]
    core_s = sent.toks[a + lead][0]
    surface = text[core_s:e]
    if surface in kb.ambiguous and (a == 0 or surface.isupper()):
        return
    if len(words) - lead == 1 and (words[lead] in NOT_NAMES or words[lead].lower() in ("barat", "timur")):
        return
    ent = kb.lookup(surface)
    etype = "PER" if typ == "PER" else "ORG" if typ == "ORG" else "GPE"
    if ent is not None:
        etype = ent.type
    elif typ == "LOC":
        head = heads.types.get(words[lead]) or (heads.types.get(words[0][:1].upper() + words[0][1:]) if lead else None)
        if head in ("LOC", "GPE"):
            etype = head
        elif surface in kb.capitals:
            etype = "GPE"
    weak = kb.weak_keys.get(surface)
    cands.append(Cand(s, e, etype, "crf", kb_id=ent.id if ent else (weak if etype == "PER" else None),
                      conf=conf, core=core_s if lead else None))


def _fuse(text: str, cands: list[Cand], seen: dict[int, tuple[str, float]]) -> list[Cand]:
    """Weigh the tagger against the rules and the gazetteer.

    The tagger reads the words around a name; the gazetteer only knows names, the rules only patterns.
    So a confident tagger span (every token's marginal >= ``TRUST``) wins over a rule mention it
    overlaps (its boundaries and type) and over a known name it contains ("Arema Indonesia",
    "Universitas Semarang"); a title rule's "name" that the tagger surely reads as ordinary words
    ("Menteri Perkebunan") is dropped.  A known name the tagger cuts or shortens keeps its span, and
    the gazetteer still supplies ids, roles and countries (carried over to the winning span)."""
    drop: set[int] = set()
    keys = sorted(seen)

    for k in cands:
        if k.src not in ("rule:title", "rule:apposition"):
            continue
        lo = bisect.bisect_left(keys, k.start)
        hi = bisect.bisect_left(keys, k.end)
        views = [seen[keys[x]] for x in range(lo, hi)]
        if views and all(t == "O" and m >= O_SURE for t, m in views):
            drop.add(id(k))
    for c in cands:
        if c.src != "crf" or c.conf < TRUST:
            continue
        over = [k for k in cands if k.src != "crf" and id(k) not in drop and k.start < c.end and c.start < k.end]
        if not over or any((k.start, k.end) == (c.start, c.end) for k in over):
            continue
        # a known name inside the tagger's span, not opening it: the span is the longer name
        # ("Arema Indonesia"); one that opens it was more likely stretched over the next words
        # ("KPU Affifuddin", a headline's "Houthi Yaman")
        if any(k.src in ("kb", "kb:single") and not (
                c.start < k.start and k.end <= c.end
                # a first name the base knows opening a longer name ("Pramono Edhie Wibowo")
                or (c.start == k.start and k.end < c.end and c.type == k.type == "PER"
                    and " " not in text[k.start:k.end]))
               for k in over):
            continue
        # two head-word names joined by a conjunction are two bodies ("Kejaksaan Tinggi dan
        # Kejaksaan Negeri", "Polda Metro Jaya serta Polres Bekasi"), not one long name
        if _coordinated(text, c, over):
            continue
        # a head word fixes the type of the name it opens ("Kementerian ..." is a body): a tagger
        # span that shares an edge with that name ("Kantor Kementerian ...", "Bintan" of "Polres
        # Bintan") but gives it another type is not trusted over it, unless it reads a person inside
        # ("PT Adhi Karya Ki Syahgolang": the head rule ran on over the name)
        if any(k.src == "rule:head" and (k.start == c.start or k.end == c.end) and k.type != c.type
               and (c.type != "PER" or c.start <= k.start)
               and not (k.type in ("LOC", "GPE") and c.type in ("LOC", "GPE")) for k in over):
            continue
        c.boost = True
        for k in over:
            drop.add(id(k))
            if c.type == "PER" and k.type == "PER":
                c.role, c.role_code = c.role or k.role, c.role_code or k.role_code
                c.country = c.country or k.country
                c.kb_id = c.kb_id or (k.kb_id if (k.start, k.end) == (c.start, c.end) else None)
            elif c.type != "PER" and k.type == "GPE" and k.kb_id and len(k.kb_id) == 3:
                c.country = c.country or k.kb_id  # "Bursa Efek Indonesia": an Indonesian body
            elif c.type != "PER" and k.src == "rule:head":
                c.country = c.country or k.country
    return [c for c in cands if id(c) not in drop]


_COORD = frozenset({"dan", "serta", ",", ", dan", ", serta"})


def _coordinated(text: str, c: Cand, over: list[Cand]) -> bool:
    """True when a head-word name inside the tagger's span ``c`` follows another mention inside it
    with only a conjunction or comma between them."""
    inner = sorted((k for k in over if c.start <= k.start and k.end <= c.end), key=lambda k: k.start)
    for a, b in zip(inner, inner[1:]):
        if b.src == "rule:head" and text[a.end:b.start].strip() in _COORD:
            return True
    return False


def _resolve(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping mentions by priority, then length; a known name nested inside a chosen
    organisation or place name (not at its start) is kept as a mention of its own."""
    order = sorted(cands, key=lambda c: (-(PRIO_TRUSTED if c.boost else PRIO[c.src]), -(c.end - c.start), c.start))
    chosen: list[Cand] = []
    taken: list[tuple[int, int]] = []
    for c in order:
        clash = [t for t in taken if c.start < t[1] and t[0] < c.end]
        if not clash:
            chosen.append(c)
            taken.append((c.start, c.end))
            continue
        if c.src in ("kb", "kb:single") and c.type == "GPE" and c.kb_id and len(c.kb_id) == 3:
            outer = [x for x in chosen if x.start <= c.start and c.end <= x.end and x.type in ("ORG", "LOC", "GPE")
                     and x.src in ("rule:head", "crf", "kb") and x.start < c.start]
            if outer and len(clash) == len(outer):
                c.nested = True
                chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _abbreviations(kb, text, zones, chosen: list[Cand]) -> list[Cand]:
    """"Komisi Pemilihan Umum (KPU)": the abbreviation, wherever it recurs, is that entity."""
    covered = {(c.start, c.end) for c in chosen}
    extra: list[Cand] = []
    for c in chosen:
        if c.type not in ("ORG", "GPE", "LOC"):
            continue
        m = _ABBR.match(text, c.end)
        if not m:
            continue
        abbr = m.group(1)
        if not sum(ch.isupper() for ch in abbr) >= 2:
            continue
        known = kb.lookup(abbr)
        if known is not None and c.kb_id and known.id != c.kb_id:
            continue
        for zs, ze in zones:
            for s, e, _w in _whole_words(text, (abbr,), zs, ze, see_before=False):
                same = [x for x in chosen if (x.start, x.end) == (s, e) and x is not c]
                if same and same[0].kb_id in (None, c.kb_id) and not same[0].role:
                    same[0].role = f"=abbr:{c.start}"  # the tagger found it too: still the same body
                    continue
                if (s, e) in covered or any(x.start < e and s < x.end for x in chosen + extra):
                    continue
                extra.append(Cand(s, e, c.type, "coref", kb_id=c.kb_id, country=c.country,
                                  role=f"=abbr:{c.start}"))
                covered.add((s, e))
    for x in extra:  # mark the link to the expansion (resolved in _group)
        pass
    out = chosen + extra
    out.sort(key=lambda c: c.start)
    return out


def _group(kb: KnowledgeBase, text: str, chosen: list[Cand]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    by_start: dict[int, Group] = {}
    pending_single: list[Cand] = []
    for c in chosen:
        surface = text[c.core if c.core is not None else c.start:c.end]
        if c.kb_id is None and not c.city_of:
            # a name found by a rule or the tagger may still be one the knowledge base knows
            eid = kb.keys.get(surface) or (kb.weak_keys.get(surface) if c.type == "PER" else None)
            ent = kb.entries.get(eid) if eid else None
            if ent is not None and (ent.type == c.type or {ent.type, c.type} <= {"GPE", "LOC"}):
                c.kb_id = ent.id
        if c.role and c.role.startswith("=abbr:"):
            g = by_start.get(int(c.role[6:]))
            c.role = None
            if g is not None:
                g.cands.append(c)
                continue
        if c.kb_id and c.kb_id in kb.entries:
            entry = kb.entries[c.kb_id]
            key = ("kb", entry.id)
            g = groups.get(key)
            if g is None:
                g = groups[key] = Group(entry.type, key, entry)
        elif c.city_of:
            cap = kb.capitals[surface]
            key = ("city", cap.name)
            g = groups.get(key) or groups.setdefault(key, Group("GPE", key, None, name=cap.name))
        else:
            if c.type == "PER" and len(surface.split()) == 1:
                pending_single.append(c)
                continue
            # one entity per surface whatever the sources called it; "Komisi II DPR RI" = "Komisi II DPR"
            norm = surface.casefold()
            norm = norm[:-3] if norm.endswith(" ri") else norm
            key = ("U", norm)
            g = groups.get(key)
            if g is None:
                g = groups[key] = Group(c.type, key, None, name=surface)
            elif PRIO[c.src] > max(PRIO[x.src] for x in g.cands):
                g.type = c.type
        g.cands.append(c)
        by_start[c.start] = g
    # a trip to a capital the article also uses for its government ("Pyongyang melakukan tes" ...
    # "kunjungan ke Pyongyang") is a trip to that state: one actor, as an analyst counts it; a meeting
    # place ("bertemu di Beijing") stays the city
    for key in [k for k in groups if k[0] == "city"]:
        city = groups[key]
        cap = next((kb.capitals[text[c.start:c.end]] for c in city.cands if text[c.start:c.end] in kb.capitals), None)
        state = groups.get(("kb", cap.country)) if cap is not None else None
        if state is None or not any(kb.capitals.get(text[c.start:c.end]) is cap for c in state.cands):
            continue
        trips = [c for c in city.cands if text[max(0, c.start - 3):c.start] == "ke "]
        for c in trips:
            c.city_of, c.country = None, None
            city.cands.remove(c)
        state.cands.extend(trips)
        if not city.cands:
            del groups[key]
    people = [g for g in groups.values() if g.type == "PER"]
    # unknown multi-word people: the same person as a longer name ("Deddy Sitorus") or a known
    # person of that surname named in the article ("Michael Richard Pompeo")
    for g in list(groups.values()):
        if g.type != "PER" or g.kb is not None:
            continue
        toks = g.name.split()
        same = [h for h in people if h is not g and h.key in groups and len(toks) >= 2 and (
            (len(_name_tokens(h)) > len(toks) and toks[0] == _name_tokens(h)[0] and toks[-1] == _name_tokens(h)[-1])
            or (h.kb is not None and toks[-1] == _name_tokens(h)[-1]
                # only a namesake the article names in full: a bare "Albanese" does not make
                # "Francesca Albanese" Anthony Albanese
                and any(" " in text[x.start:x.end] for x in h.cands)))]
        if len(same) == 1:
            same[0].cands.extend(g.cands)
            del groups[g.key]
    # a known person met only by the bare surname, while the article names someone else of that
    # surname in full ("Francesca Albanese ... Albanese"): the surname is that person's
    for g in [g for g in groups.values() if g.type == "PER" and g.kb is not None]:
        words = {text[c.start:c.end] for c in g.cands}
        if len(words) != 1 or " " in next(iter(words)):
            continue
        w = next(iter(words))
        full = [h for h in groups.values() if h.type == "PER" and h.kb is None and " " in h.name
                and h.name.split()[-1] == w]
        if len(full) == 1:
            full[0].cands.extend(g.cands)
            for c in g.cands:
                c.kb_id = None
            del groups[g.key]
    people = [g for g in groups.values() if g.type == "PER"]
    # a one-word person mention: the person named in the article (the first one introduced when two
    # share it: "Beckham"), a near spelling ("Affifuddin"), a known Indonesian official by first name
    for c in sorted(pending_single, key=lambda c: c.start):
        w = text[c.start:c.end]
        owners = [g for g in people if w in _name_tokens(g)]
        if not owners and len(w) >= 3:  # a short form of the name: "Pras" for Prasetyo Hadi
            owners = [g for g in people if any(t.startswith(w) and t != w for t in _name_tokens(g))]
        if not owners and len(w) >= 5:
            owners = [g for g in people if any(len(t) >= 5 and fuzz.ratio(w, t) >= 85 for t in _name_tokens(g))]
        if owners:
            min(owners, key=lambda g: g.cands[0].start).cands.append(c)
            continue
        firsts = kb.first_names.get(w, ())
        if len(firsts) == 1:
            key = ("kb", firsts[0])
            g = groups.get(key) or groups.setdefault(key, Group("PER", key, kb.entries[firsts[0]]))
        else:
            key = ("U", w.casefold())
            g = groups.get(key) or groups.setdefault(key, Group("PER", key, None, name=w))
        g.cands.append(c)
        if g not in people:
            people.append(g)
    # a bare first word of an organisation or place named in full ("Istana" after "Istana Negara")
    for g in list(groups.values()):
        surf = {text[c.start:c.end] for c in g.cands}
        if g.type == "PER" or len(surf) != 1 or " " in next(iter(surf)):
            continue
        w = next(iter(surf))
        longer = [h for h in groups.values() if h is not g and h.type != "PER"
                  and any(text[c.start:c.end].startswith(w + " ") for c in h.cands)]
        if len(longer) == 1 and w[:1].isupper() and not (g.kb is not None and g.kb.type == "GPE"):
            longer[0].cands.extend(g.cands)
            del groups[g.key]
    return list(groups.values())


def _name_tokens(g: Group) -> list[str]:
    names = [g.kb.name] + list(g.kb.aliases) if g.kb else [g.name]
    toks: list[str] = []
    for n in names:
        if " " in n:
            toks.extend(n.split())
    return toks if toks else names


def _surname_mentions(kb, text: str, zones, groups: list[Group]) -> None:
    """Later bare surname/first-name mentions of a person the article has named in full."""
    taken = sorted((c.start, c.end) for g in groups for c in g.cands)
    owners: dict[str, list[Group]] = {}
    for g in groups:
        if g.type != "PER":
            continue
        full = [text[c.start:c.end] for c in g.cands if " " in text[c.start:c.end]]
        if not full:
            continue
        parts = set()
        for f in full:
            ws = [w for w in f.split() if w[:1].isupper() and len(w) > 2]
            if ws:
                parts.update({ws[0], ws[-1]})
        for p in parts:
            owners.setdefault(p, []).append(g)
    if not owners:
        return
    starts = [t[0] for t in taken]
    for zs, ze in zones:
        for s, e, word in _whole_words(text, owners, zs, ze):
            k = bisect.bisect_right(starts, s) - 1
            if k >= 0 and taken[k][1] > s:
                continue
            if k + 1 < len(taken) and taken[k + 1][0] < e:
                continue
            gs = owners[word]
            if len(gs) != 1 or word in kb.ambiguous or word in NOT_NAMES:
                continue
            gs[0].cands.append(Cand(s, e, "PER", "coref"))


def _role_refs(text: str, refs, groups: list[Group]) -> None:
    """"Menlu Rusia" with no name after it: the person of that role and country named in the article."""
    for s, e, rd, country in refs:
        if rd.role == "Anggota":  # "anggota Polres X" names a member, seldom one known person
            continue
        match = [g for g in groups if g.type == "PER" and any(c.role and c.role.split()[0:len(rd.role.split())]
                                                              == rd.role.split() for c in g.cands)
                 and (country is None or any(c.country == country for c in g.cands)
                      or (g.kb is not None and g.kb.country == country))]
        if len(match) == 1:
            match[0].cands.append(Cand(s, e, "PER", "coref"))


def _emit(doc: Doc, kb: KnowledgeBase, groups: list[Group]) -> None:
    text = doc.text
    published = doc.published
    entities: list[Entity] = []
    infos: list[dict] = []
    groups = [g for g in groups if g.cands]
    for g in groups:
        g.cands.sort(key=lambda c: c.start)
    groups.sort(key=lambda g: g.cands[0].start)
    mentions_note: list[dict] = []
    for idx, g in enumerate(groups):
        cands = g.cands
        spans, seen, aliases = [], set(), []
        for c in cands:
            if (c.start, c.end) in seen:
                continue
            seen.add((c.start, c.end))
            spans.append(Span(c.start, c.end, text[c.start:c.end]))
            if spans[-1].text not in aliases:
                aliases.append(spans[-1].text)
        role = next((c.role for c in cands if c.role), None)
        role_code = next((c.role_code for c in cands if c.role_code), None)
        country = next((c.country for c in cands if c.country), None)
        eid = None
        cameo = None
        name = g.name
        if g.kb is not None:
            e = g.kb
            name, eid = e.name, e.id
            office = e.office_on(published)
            if e.type == "PER":
                role = role or (office.role if office and office.role else None)
                country = country or (office.country if office and office.country else None) or e.country or None
                cameo = (office.cameo if office else None) or e.cameo or None
            else:
                country = country or e.country or None
                cameo = e.cameo or None
        elif g.type == "PER":
            name = max(aliases, key=lambda a: (len(a.split()), len(a)))
        elif g.key[0] == "city":
            cap = next(c for c in kb.capitals.values() if c.name == g.name)
            eid = f"GEO:{cap.country}:{slug(cap.name)}"
            country = cap.country
        if g.type == "PER" and cameo is None and country and role_code:
            cameo = country + role_code
        if g.type == "GPE" and eid and len(eid) == 3:
            country = eid
        by = ",".join(dict.fromkeys(c.src for c in cands))
        conf = max(CONFIDENCE[c.src] for c in cands)
        entities.append(Entity(name=name, type=g.type, id=eid, country=country, role=role,
                               mentions=spans, aliases=aliases, confidence=round(conf, 2), by=by))
        infos.append({"id": eid, "cameo": cameo, "role_code": role_code})
        for sp in spans:
            mentions_note.append({"start": sp.start, "end": sp.end, "text": sp.text, "type": g.type,
                                  "entity_index": idx, "kb_id": eid, "country": country, "role": role,
                                  "cameo": cameo})
    mentions_note.sort(key=lambda m: m["start"])
    doc.entities = entities
    doc.notes["mentions"] = mentions_note
    doc.notes["entity_info"] = infos


STAGE = run
