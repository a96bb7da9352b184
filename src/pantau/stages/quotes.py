"""quotes stage: who said what, direct and reported, with the speaker linked to an entity.

The stage works paragraph by paragraph over ``Doc.analysed_zones(skip_repeated=True)`` (the headline
is left out: a headline summarises, and the body carries the quotation it summarises).

1. **Direct quotes.** Quotation marks are paired by a small state machine over the paragraphs, so
   an opening mark that is never closed runs to its cue (``"Situasi saat ini ..., kata X``) or to
   the paragraph's end, and a quote that runs over paragraphs (each continuation paragraph opening
   with a mark) becomes one quote.  Each quotation then needs a cue: a speech verb after it
   (``"...," kata X`` / ``ujarnya`` / ``X mengatakan``), a speech verb before it (``X mengatakan,
   "..."``), or a naming frame (``digambarkan X sebagai sesi "substansial"``).  Quoted words
   without a cue are scare quotes or titles and are not quotations, unless they form whole
   sentences at the start of a paragraph (then the last speaker goes on talking).
2. **Reported speech**, sentence by sentence outside the direct quotes: ``X mengatakan (bahwa)
   ...``, ``Menurut X, ...``, ``..., kata X.``, ``A, kata X, B.``, ``Hal itu disampaikan X``,
   ``... yang dikatakan X sebagai ...``; a second verb with the subject left out (``... dan
   menyangkal ...``, ``..., seraya menambahkan ...``) is a second quote of the same speaker.
   Speech reported inside someone's quotation stays inside it.
3. **Speakers**, resolved in document order: a named PER/ORG/GPE is linked to ``Doc.entities``
   through ``Doc.notes["mentions"]``; pronouns and ``-nya`` go to the nearest earlier compatible
   speaker; a definite phrase (``pejabat tersebut``, ``pernyataan itu``) to the last speaker; an
   office noun (``juru bicara Kementerian Luar Negeri Iran``) to the holder the text names; an
   unnamed source (``seorang pejabat senior AS``) is kept as written.  When the entities stage has
   not found a name, the capitalised words are kept as the speaker, unlinked.

Reported speech whose speaker cannot be found is refused rather than guessed: a speech verb after a
phrase that is not a speaker (``aturan itu menyebut ...``) gives nothing.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from ..doc import Doc
from ..errors import ResourceError
from ..model import Quote
from ..pipeline import stage
from ..resources import Resources, lang_path

#: tokens are in text order, so a position's token index is a binary search on their starts
_START = attrgetter("start")

# ----------------------------------------------------------------------------- lexicons


class PhraseTable(dict):
    """Word-tuple phrases (lower case) -> value, indexed by first and last word so that matching at a
    token costs one dict look-up when no phrase starts (or ends) there."""

    def __init__(self) -> None:
        super().__init__()
        self.first: dict[str, list[int]] = {}
        self.last: dict[str, list[int]] = {}

    def put(self, key: tuple[str, ...], value: object = True) -> None:
        self[key] = value
        for idx, word in ((self.first, key[0]), (self.last, key[-1])):
            lens = idx.setdefault(word, [])
            if len(key) not in lens:
                lens.append(len(key))
                lens.sort(reverse=True)


@dataclass(slots=True)
class Lexicon:
    """Speech cues, speaker phrases and outlets, as word tuples (lower case) for token matching."""

    post: PhraseTable = field(default_factory=PhraseTable)      # cue -> "named" | "nya"
    verb: PhraseTable = field(default_factory=PhraseTable)
    prep: PhraseTable = field(default_factory=PhraseTable)
    passive: PhraseTable = field(default_factory=PhraseTable)
    name: PhraseTable = field(default_factory=PhraseTable)
    via: PhraseTable = field(default_factory=PhraseTable)
    occasion: PhraseTable = field(default_factory=PhraseTable)   # "konferensi pers", "wawancara", "laporannya"
    notspeech: PhraseTable = field(default_factory=PhraseTable)  # "mengakui negara": a cue verb that is no speech
    recognition: PhraseTable = field(default_factory=PhraseTable)  # "mengakui" + a name: recognition
    title: set[str] = field(default_factory=set)
    pronoun: dict[str, str] = field(default_factory=dict)             # word -> sg | pl | per (a person)
    adverb: PhraseTable = field(default_factory=PhraseTable)
    connective: set[str] = field(default_factory=set)
    fragment: set[str] = field(default_factory=set)
    head: PhraseTable = field(default_factory=PhraseTable)  # phrase -> (kind, number)
    det: PhraseTable = field(default_factory=PhraseTable)
    anaphor: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)                    # casefolded names
    role: PhraseTable = field(default_factory=PhraseTable)  # titles from roles.tsv ("ketua", "menteri luar negeri")
    maxlen: int = 1
    #: first words of every cue the reported-speech scan looks for at a token (filled on first use)
    _cue_first: frozenset[str] | None = None

    def cue_first(self) -> frozenset[str]:
        """Words a prep, post, passive, name or verb cue can start with: any other token (but a comma,
        which looks at the token after it) cannot open a cue, and the scan passes it by at once."""
        if self._cue_first is None:
            self._cue_first = frozenset().union(self.prep.first, self.post.first, self.passive.first,
                                                self.name.first, self.verb.first)
        return self._cue_first


CUE_ROLES = frozenset({"post", "verb", "prep", "passive", "name", "via", "occasion", "notspeech",
                       "recognition", "title", "pronoun", "adverb", "connective",
                       "fragment"})
SOURCE_KINDS = frozenset({"head", "group", "role", "document", "record", "det", "anaphor"})


def _rows(name: str, ncols: int) -> list[list[str]]:
    path = lang_path(name)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read {path}: {exc}") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != ncols or not all(c.strip() for c in cols):
            raise ResourceError(f"{path}:{n}: expected {ncols} tab-separated columns, got {line!r}")
        rows.append([c.strip() for c in cols])
    return rows


def load_lexicon(res: Resources | None = None) -> Lexicon:
    lex = Lexicon()
    for cue, role, spk in _rows("speech_cues.tsv", 3):
        if role not in CUE_ROLES:
            raise ResourceError(f"speech_cues.tsv: unknown role {role!r} for {cue!r}")
        key = tuple(cue.lower().split())
        lex.maxlen = max(lex.maxlen, len(key))
        if role == "post":
            lex.post.put(key, spk)
        elif role == "verb":
            lex.verb.put(key, spk)
        elif role == "prep":
            lex.prep.put(key, spk)
        elif role == "passive":
            lex.passive.put(key, spk)
        elif role == "name":
            lex.name.put(key, spk)
        elif role == "via":
            lex.via.put(key)
        elif role == "occasion":
            lex.occasion.put(key)
        elif role == "notspeech":
            lex.notspeech.put(key, spk)
        elif role == "recognition":
            lex.recognition.put(key)
        elif role == "title":
            lex.title.add(cue.lower())
        elif role == "pronoun":
            lex.pronoun[cue.lower()] = spk
        elif role == "adverb":
            lex.adverb.put(key)
        elif role == "fragment":
            lex.fragment.add(cue.lower())
        else:
            lex.connective.add(cue.lower())
    for phrase, kind, number in _rows("unnamed_sources.tsv", 3):
        if kind not in SOURCE_KINDS:
            raise ResourceError(f"unnamed_sources.tsv: unknown kind {kind!r} for {phrase!r}")
        key = tuple(phrase.lower().split())
        lex.maxlen = max(lex.maxlen, len(key))
        if kind == "det":
            lex.det.put(key)
        elif kind == "anaphor":
            lex.anaphor.add(phrase.lower())
        else:
            lex.head.put(key, (kind, number))
    for name, _country in _rows("media_outlets.tsv", 2):
        lex.outlets.add(name.casefold())
    # titles that introduce a person (shared with the entities stage): a speaker phrase opening with one
    # names its holder after it ("Ketua Bank Sentral, Budi Santoso"), and a person's name never opens with one
    for row in _rows("roles.tsv", 4):
        lex.role.put(tuple(row[0].lower().split()))
    return lex


def get_lexicon(res: Resources) -> Lexicon:
    return res.get("quotes.lexicon", load_lexicon)


# ----------------------------------------------------------------------------- tokens

#: a number with thousands or decimal marks ("65.000", "1.219", "5,6") is one token, so its dot never ends a sentence
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+(?![\w])|\w+(?:[-'’]\w+)*|[^\w\s]")
OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT = '"'
ALL_MARKS = OPEN_MARKS + CLOSE_MARKS + STRAIGHT
MARK_RE = re.compile('["“”„«»]')
LIST_ITEM = re.compile(r"^(?:[a-z]|\d{1,2})[.)]\s")
#: a word or phrase in single quotation marks, for the naming frame ("disebutnya sebagai 'orang kecil'")
SINGLE_QUOTED = re.compile(r"(?<!\w)['‘]([^'‘’\"\n]{1,80}?)['’](?!\w)")
SENT_END = frozenset(".!?")
PARTICLE_NAME = re.compile(r"^[a-z]{1,3}-[A-Z]")
#: name particles that keep a capitalised run going: "Turki al-Maliki", "Ludwig van Beethoven"
NAME_LINKS = frozenset({"bin", "binti", "van", "von", "de", "der", "dos", "el", "al", "ibn"})
MONTHS = frozenset({"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
                    "oktober", "november", "desember"})
PREPOSITIONS = frozenset({"di", "ke", "dari", "pada", "untuk", "dengan", "kepada", "oleh", "terhadap", "atas",
                          "dalam", "melalui", "lewat", "bagi", "tentang", "soal", "usai", "via", "antara"})
DAYS = frozenset({"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"})
CALENDAR = MONTHS | DAYS
#: words opening a content clause right after the cue, dropped from the reported text
#: the shape of an Indonesian verb with a prefix: a sentence's first such word follows its subject
VERB_SHAPE = re.compile(r"^(?:me|mem|men|meng|meny|ber|di|ter)[a-z]{3,}")
#: a clause after a comma that says when the words were spoken, not what was said
TIME_CLAUSE = frozenset({"setelah", "sebelum", "ketika", "saat", "usai", "seusai", "sesaat", "sewaktu"})
#: determiners that make an office indefinite ("seorang menteri"): not a way to refer back to someone
INDEFINITE = frozenset({"seorang", "salah", "para", "sejumlah", "beberapa", "banyak", "sebagian", "sebuah"})
#: unnamed-source heads that name a seat, not a crowd: "Anggota Komisi IX DPR" can refer back to a member
#: words that open a clause at the start of a sentence and never begin a speaker phrase
#: ("antara" stays out: the news agency Antara speaks)
NOT_SPEAKER_OPENERS = (PREPOSITIONS - {"antara"}) | CALENDAR | frozenset({
    "sontak", "spontan", "seketika", "lantas", "lalu", "kemudian", "bahkan", "akhirnya", "selanjutnya",
    "adapun"})
MEMBER_HEADS = frozenset({"anggota", "politisi", "politikus", "legislator", "kader"})
#: verbs (and "dalam") before "pernyataan": the sentence's subject issued the statement
ISSUING = frozenset({"mengeluarkan", "merilis", "menerbitkan", "menyampaikan", "mengirimkan", "mengirim",
                     "dalam", "melalui", "lewat", "sebuah", "bersama"})
#: words before a verb that leave its subject out: "..., seraya menambahkan ..."
ELIDING = frozenset({"dan", "serta", "seraya", "sambil", "sembari", "dengan"})
#: a cue verb after these reports nothing: "Ia tidak menyebutkan ..."
NEGATORS = frozenset({"tidak", "tak", "belum", "bukan", "enggan", "tanpa", "urung"})
#: modal verbs that may stand between a negator and a speech verb: "belum bisa memastikan"
MODALS = frozenset({"bisa", "dapat", "mampu", "mau", "ingin", "sempat", "berani"})
#: impersonal openers of a relayed fact, not anyone's words: "Dikutip dari X, diketahui ..."
NARRATIVE_OPENERS = frozenset({"diketahui", "tercatat", "terpantau", "terlihat", "tampak"})
#: words that open a second predicate of the same subject ("... dan siap membantu", "... dan akan ...")
PREDICATE_WORDS = frozenset({"siap", "akan", "juga", "telah", "sudah", "segera", "berjanji", "ingin", "mau", "bakal"})
#: the same without a comma, when a verb follows: "... saat menerima telepon dari X" says when, not what
OCCASION_TIME = frozenset({"ketika", "saat", "usai", "seusai", "sesaat", "sewaktu", "selepas"})
CONTENT_OPENERS = frozenset({"bahwa", "kalau", "soal", "kepada", "agar", "supaya", "sebagai"})
#: words opening an aside between commas after the speaker: "X, seperti dilansir AFP, mengatakan"
ASIDE_OPENERS = frozenset({"pada", "dalam", "saat", "ketika", "melalui", "lewat", "kepada", "di", "usai", "seusai",
                           "begitu", "selepas", "sewaktu"})
#: words opening a phrase between a named subject and its verb without commas: "X dalam pidatonya mengatakan",
#: "X yang didukung Y mengklaim"
SKIP_OPENERS = frozenset({"dalam", "melalui", "lewat", "saat", "ketika", "usai", "seusai", "selepas", "sewaktu",
                          "di", "pada", "kepada", "yang"})
#: an active verb with the meN- prefix: after an unnamed head it opens a clause ("sejumlah massa membawa
#: poster ..."), so the speaker phrase ends before it
ME_VERB = re.compile(r"^me(?:m|n|ng|ny)?[a-z]{3,}$")
#: a lower-case active or passive verb in running text: a name after it is its object or agent, not the subject
OBJECT_VERB = re.compile(r"(?<![\w-])(?:me|ber|di)[a-z]{3,}(?![\w-])")


class Tok:
    """One token of a paragraph, offsets into ``Doc.text``.

    A plain slotted class with no ``__init__``: :func:`tokenize` makes ~270 of them per article, and
    ``Tok()`` plus attribute stores costs a third of what a dataclass ``__init__`` call does."""

    __slots__ = ("start", "end", "text", "low", "word", "cap")
    start: int
    end: int
    text: str
    low: str
    word: bool   # a word or number, not punctuation
    cap: bool    # capitalised like a name ("al-Maliki" too: a particle joined to a name)

    def __repr__(self) -> str:
        return (f"Tok(start={self.start!r}, end={self.end!r}, text={self.text!r}, low={self.low!r}, "
                f"word={self.word!r}, cap={self.cap!r})")


def tokenize(text: str, a: int = 0, b: int | None = None) -> list[Tok]:
    """The tokens of ``text[a:b]``, with offsets into ``text``.

    The pattern has no anchor or look-behind, so scanning between ``a`` and ``b`` finds exactly the
    tokens of the slice, and the offsets need no shifting (no slice copy per paragraph either)."""
    out: list[Tok] = []
    append = out.append
    for m in TOKEN_RE.finditer(text, a, len(text) if b is None else b):
        tok = Tok()
        tok.start, tok.end = s, e = m.span()
        tok.text = t = text[s:e]
        tok.low = t.lower()
        c = t[0]
        if c.isalpha():
            tok.word = True
            tok.cap = c.isupper() or ("-" in t and PARTICLE_NAME.match(t) is not None)
        else:
            tok.word = c.isdigit() or c == "_"
            tok.cap = False
        append(tok)
    return out


# ----------------------------------------------------------------------------- speakers


@dataclass(slots=True)
class Speaker:
    name: str
    entity: int | None = None
    type: str | None = None
    number: str = "sg"
    pos: int = 0
    how: str = "named"   # named | entity | unnamed | pronoun | anaphor | role


@dataclass(slots=True)
class Found:
    """A quotation before its speaker is final (pronouns are resolved in document order)."""

    start: int
    end: int
    kind: str
    cue: str | None
    cue_pos: int
    speaker: Speaker | None
    ref: str | None = None      # "sg"/"pl"/"per" pronoun or "anaphor"/"elided" still to resolve
    via: str | None = None
    by: str = ""
    confidence: float = 0.8


class Mentions:
    """``Doc.notes["mentions"]`` sorted by start, for span look-ups."""

    def __init__(self, doc: Doc) -> None:
        raw = doc.notes.get("mentions") or []
        items = []
        for m in raw:
            try:
                items.append((int(m["start"]), int(m["end"]), str(m.get("type") or ""), m.get("entity_index")))
            except (KeyError, TypeError, ValueError):
                continue
        items.sort()
        self.items = items
        self.starts = [m[0] for m in items]
        self.doc = doc
        self.roles: PhraseTable | None = None
        self._names: dict[int, str] = {}

    def person_name(self, idx: int) -> str:
        """The entity's name, less words that the entities stage let into a person's span before the name.

        "Pakar Hukum Tata Negara Dewi Lestari" can reach the entity list as "Hukum Tata Negara Dewi Lestari";
        the text's own short form ("kata Dewi") shows where the name begins, and a leading title
        ("Ketua Jerome Powell") is never part of a name."""
        got = self._names.get(idx)
        if got is not None:
            return got
        e = self.doc.entities[idx]
        name = e.name
        words = name.split()
        if e.type == "PER" and len(words) >= 2:
            low = [w.lower() for w in words]
            # a title at the start: strip it (longest first), when a name remains
            roles = self.roles
            cut = 0
            while roles is not None and cut < len(low) - 1:
                lens = roles.first.get(low[cut]) or []
                n = next((n for n in lens if cut + n < len(low) and tuple(low[cut:cut + n]) in roles), 0)
                if not n:
                    break
                cut += n
            if len(words) - cut >= 3:
                forms = [str(m.get("text") or "") for m in self.doc.notes.get("mentions") or []
                         if m.get("entity_index") == idx]
                forms += e.aliases
                rest = low[cut:]
                start_at: int | None = None
                inside = opening = 0
                for f in forms:
                    fw = f.lower().split()
                    if not fw or len(fw) >= len(rest):
                        continue
                    if rest[:len(fw)] == fw:
                        opening += 1   # the text also uses the words the name opens with
                        continue
                    # a first name (followed by more of the name) inside the span marks where the name begins
                    for w in range(1, len(rest) - len(fw)):
                        if rest[w:w + len(fw)] == fw:
                            start_at = w if start_at is None else min(start_at, w)
                            inside += 1
                            break
                if start_at is not None and inside > opening:
                    cut += start_at
            if cut:
                name = " ".join(words[cut:])
        self._names[idx] = name
        return name

    def inside(self, a: int, b: int) -> list[tuple[int, int, str, int | None]]:
        i = bisect_left(self.starts, a)
        out = []
        while i < len(self.items) and self.items[i][0] < b:
            if self.items[i][1] <= b:
                out.append(self.items[i])
            i += 1
        return out

    def entity(self, m: tuple[int, int, str, int | None]) -> Speaker:
        ents = self.doc.entities
        idx = m[3]
        if isinstance(idx, int) and 0 <= idx < len(ents):
            e = ents[idx]
            return Speaker(self.person_name(idx), idx, e.type, "sg", m[0], "entity")
        return Speaker(self.doc.text[m[0]:m[1]], None, m[2] or None, "sg", m[0], "named")

    def covering(self, pos: int) -> tuple[int, int, str, int | None] | None:
        """The longest mention that holds the character at pos."""
        i = bisect_right(self.starts, pos)
        best = None
        for m in self.items[max(0, i - 8):i]:
            if m[0] <= pos < m[1] and (best is None or m[1] - m[0] > best[1] - best[0]):
                best = m
        return best

    def per_before(self, pos: int) -> list[tuple[int, int, str, int | None]]:
        i = bisect_right(self.starts, pos)
        return [m for m in self.items[:i] if m[2] == "PER" and m[1] <= pos]


# ----------------------------------------------------------------------------- the extractor


class Extractor:
    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.mentions = Mentions(doc)
        self.mentions.roles = lex.role
        self.found: list[Found] = []
        self.masked: list[tuple[int, int]] = []       # direct quotes and their attributions
        self.paras: list[tuple[int, int]] = []
        self._mask_n = 0
        self._mask_sorted: list[tuple[int, int]] = []
        self._mask_starts: list[int] = []
        self.ptoks: list[list[Tok]] = []
        #: (start, end, outlet): a sentence opened by "Menurut laporan Reuters," whose verb names the speaker
        self.via_hints: list[tuple[int, int, str]] = []
        #: speakers of a talk announced by its topic ("X menjelaskan alasan ..."): antecedents for "-nya"
        self.topic_speakers: list[Speaker] = []

    # ---- regions -------------------------------------------------------------------------
    def regions(self) -> list[tuple[int, int]]:
        doc = self.doc
        zones = [z for z in doc.analysed_zones(skip_repeated=True) if z.kind != "headline"]
        if zones:
            return [(z.start, z.end) for z in zones]
        if doc.zones:  # layout ran and found nothing to analyse
            return []
        # layout has not run: the whole text is body; an article-layout file has rubric and headline lines
        start = 0
        if doc.raw.kind == "article" and doc.layout != "plain":
            for _ in range(2):
                nl = self.text.find("\n", start)
                if nl < 0:
                    return []
                start = nl + 1
        return [(start, len(self.text))]

    def split_paragraphs(self) -> None:
        for a, b in self.regions():
            pos = a
            for line in self.text[a:b].split("\n"):
                s, e = pos, pos + len(line)
                pos = e + 1
                while s < e and self.text[s].isspace():
                    s += 1
                while e > s and self.text[e - 1].isspace():
                    e -= 1
                if e > s:
                    self.paras.append((s, e))
        self.paras.sort()
        self.ptoks = [tokenize(self.text, a, b) for a, b in self.paras]

    # ---- phrase matching -----------------------------------------------------------------
    @staticmethod
    def match_fwd(toks: list[Tok], i: int, table: PhraseTable) -> tuple[str, ...] | None:
        """Longest phrase of ``table`` starting at token i."""
        if i >= len(toks) or i < 0:
            return None
        lens = table.first.get(toks[i].low)
        if not lens:
            return None
        for n in lens:
            if i + n <= len(toks):
                key = tuple(t.low for t in toks[i:i + n])
                if key in table:
                    return key
        return None

    @staticmethod
    def match_back(toks: list[Tok], j: int, table: PhraseTable) -> tuple[str, ...] | None:
        """Longest phrase of ``table`` ending at token j (inclusive)."""
        if j < 0 or j >= len(toks):
            return None
        lens = table.last.get(toks[j].low)
        if not lens:
            return None
        for n in lens:
            if j - n + 1 >= 0:
                key = tuple(t.low for t in toks[j - n + 1:j + 1])
                if key in table:
                    return key
        return None

    def is_masked(self, pos: int) -> bool:
        """Inside a direct quote or its attribution?  (Merged, sorted intervals; one bisect.)"""
        if not self.masked:
            return False
        if self._mask_n != len(self.masked):
            merged: list[tuple[int, int]] = []
            for a, b in sorted(self.masked):
                if merged and a <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], b))
                else:
                    merged.append((a, b))
            self._mask_sorted = merged
            self._mask_starts = [a for a, _ in merged]
            self._mask_n = len(self.masked)
        i = bisect_right(self._mask_starts, pos) - 1
        return i >= 0 and pos < self._mask_sorted[i][1]

    # ---- direct quotes -------------------------------------------------------------------
    def direct(self) -> None:
        spans = self.pair_marks()
        for sp in spans:
            self.attribute_direct(*sp)
        # a quoted word in single marks counts only in the naming frame
        for pi, (a, b) in enumerate(self.paras):
            for m in SINGLE_QUOTED.finditer(self.text, a, b):
                if self.is_masked(m.start()):
                    continue
                cue = self.naming_cue(self.ptoks[pi], m.start())
                if cue is None or cue[2] is None and cue[3] is None:
                    continue
                cue_text, cue_pos, speaker, ref, via, attr_end = cue
                self.found.append(Found(m.start(1), m.end(1), "direct", cue_text, cue_pos, speaker, ref=ref,
                                        via=via, by="direct-naming", confidence=0.7))
                self.masked.append((min(m.start(), cue_pos), m.end()))

    def pair_marks(self) -> list[tuple[int, int, int, int | None, int, int]]:
        """(open mark pos or -1, content start, content end, close mark pos or None, first para, last para)."""
        out: list[tuple[int, int, int, int | None, int, int]] = []
        text = self.text
        np_ = len(self.paras)
        pi = 0
        cur: list | None = None  # [open_pos, content_start, first_para]
        while pi < np_:
            a, b = self.paras[pi]
            marks = [m.start() for m in MARK_RE.finditer(text, a, b)]
            skip_first = False
            if cur is not None and marks and marks[0] == a:
                # a quote carried over from the previous paragraph: this mark re-opens it, or closes it
                if self._closes_here(a, b):
                    out.append((cur[0], cur[1], a, a, cur[2], pi))
                    cur = None
                skip_first = True
            elif cur is not None:
                cur = None  # should not happen: carried quotes are only kept when a mark follows
            for k, mpos in enumerate(marks):
                if skip_first and k == 0:
                    continue
                ch = text[mpos]
                before = text[mpos - 1] if mpos > a else " "
                after = text[mpos + 1] if mpos + 1 < b else " "
                if cur is None:
                    opening = ch in OPEN_MARKS or (ch == STRAIGHT and not after.isspace()
                                                   and (after.isalnum() or after in "'‘(.[") )
                    if ch in CLOSE_MARKS and (before.isspace() or mpos == a) and not after.isspace():
                        opening = True  # a closing-shaped mark used to open
                    if opening:
                        cur = [mpos, mpos + 1, pi]
                    else:
                        # a closing mark with nothing open: speech from the paragraph start up to it
                        if self._cue_follows(mpos + 1, b):
                            s0, p0 = self._orphan_start(pi)
                            out.append((-1, s0, mpos, mpos, p0, pi))
                else:
                    if ch in OPEN_MARKS and before.isspace() and not after.isspace():
                        # a new opening while one is open: the earlier one was never closed
                        self._end_unclosed(out, cur, mpos, pi)
                        cur = [mpos, mpos + 1, pi]
                        continue
                    out.append((cur[0], cur[1], mpos, mpos, cur[2], pi))
                    cur = None
            if cur is not None:
                # still open at the paragraph's end
                nxt = self.paras[pi + 1] if pi + 1 < np_ else None
                internal = self._internal_cue(cur[1], b)
                if internal is None and nxt is not None and text[nxt[0]] in ALL_MARKS:
                    pi += 1
                    continue  # runs on into the next paragraph
                end = internal if internal is not None else b
                out.append((cur[0], cur[1], end, None, cur[2], pi))
                cur = None
            pi += 1
        return out

    def _orphan_start(self, pi: int) -> tuple[int, int]:
        """Where speech closed by a mark with no opening begins: the paragraph's start, or, for a quoted
        list ("kecuali:" / "a. ..." / "b. ...," tulis X), the sentence that introduces the list."""
        text = self.text
        p = pi
        while LIST_ITEM.match(text[self.paras[p][0]:self.paras[p][1]]) and p > 0:
            qa, qb = self.paras[p - 1]
            if MARK_RE.search(text, qa, qb):
                break
            p -= 1
            if not LIST_ITEM.match(text[qa:qb]):
                if text[qa:qb].rstrip().endswith(":"):
                    cut = max(text.rfind(". ", qa, qb), text.rfind("? ", qa, qb))
                    return (cut + 2 if cut >= 0 else qa), p
                return self.paras[p + 1][0], p + 1
        return self.paras[p][0], p

    def _end_unclosed(self, out: list, cur: list, limit: int, pi: int) -> None:
        internal = self._internal_cue(cur[1], limit)
        out.append((cur[0], cur[1], internal if internal is not None else limit, None, cur[2], pi))

    def _closes_here(self, mpos: int, b: int) -> bool:
        """A mark at a paragraph's start closes the carried quote when a cue or nothing follows it."""
        rest = self.text[mpos + 1:b].lstrip()
        if not rest:
            return True
        if rest[0] in ",.;:":
            return True
        return self._cue_follows(mpos + 1, b)

    def _cue_follows(self, pos: int, b: int) -> bool:
        toks = tokenize(self.text, pos, min(b, pos + 80))
        i = 0
        while i < len(toks) and toks[i].text in ",.":
            i += 1
        if i < len(toks) and self.match_fwd(toks, i, self.lex.post):
            return True
        return False

    def _internal_cue(self, a: int, b: int) -> int | None:
        """In an unclosed quote, the end of the speech before ``, kata X`` (or None)."""
        toks = tokenize(self.text, a, b)
        for i in range(1, len(toks) - 1):
            if toks[i - 1].text in ",." and self.match_fwd(toks, i, self.lex.post):
                key = self.match_fwd(toks, i, self.lex.post)
                j = i + len(key)
                if self.lex.post[key] == "nya" or (j < len(toks) and (toks[j].cap or toks[j].low in self.lex.pronoun
                                                                      or self.match_fwd(toks, j, self.lex.head)
                                                                      or self.match_fwd(toks, j, self.lex.det))):
                    return toks[i - 1].start
        return None

    def para_of(self, pos: int) -> int:
        i = bisect_right([p[0] for p in self.paras], pos) - 1
        return max(i, 0)

    def attribute_direct(self, open_pos: int, cs: int, ce: int, close: int | None, p0: int, p1: int) -> None:
        text = self.text
        # trim the content: whitespace, a trailing comma, an unclosed quote's trailing full stop
        s, e = cs, ce
        while s < e and (text[s].isspace()):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:" or (close is None and text[e - 1] == ".")):
            e -= 1
        if e <= s:
            return
        words = len(re.findall(r"\w+", text[s:e]))
        if words == 0:
            return
        pa, pb = self.paras[p1]
        ptoks = self.ptoks[p1]
        # what follows the quotation (for an unclosed quote: from the internal cue)
        after_pos = (close + 1) if close is not None else ce
        cue = self.post_cue(ptoks, after_pos, pb)
        by = "direct-post"
        if cue is None:
            cue = self.pre_cue(self.ptoks[p0], open_pos if open_pos >= 0 else cs)
            by = "direct-pre"
        if cue is None and open_pos >= 0:
            cue = self.prep_cue(self.ptoks[p0], open_pos)
            by = "direct-menurut"
        if cue is None and words <= 8 and open_pos >= 0:
            cue = self.naming_cue(self.ptoks[p0], open_pos)
            by = "direct-naming"
        if cue is None and words >= 4 and open_pos >= 0:
            cue = self.colon_cue(self.ptoks[p0], open_pos, e, close, pb)
            by = "direct-colon"
        if cue is None:
            # no cue: a title, a scare quote, or the last speaker going on (whole sentences opening a paragraph)
            if open_pos < 0 or words < 4:
                return
            pstart = self.paras[p0][0]
            head = text[pstart:open_pos].strip()
            if head or self._title_before(self.ptoks[p0], open_pos):
                return
            last = text[e - 1]
            if last not in ".?!" and close is not None and text[close + 1:pb].strip(" ,.") != "":
                return
            self.found.append(Found(s, e, "direct", None, s, None, ref="continue", by="direct-uncued",
                                    confidence=0.5))
            self.masked.append((open_pos, close + 1 if close is not None else ce))
            return
        if open_pos >= 0 and self._title_before(self.ptoks[p0], open_pos) and by == "direct-naming":
            return
        cue_text, cue_pos, speaker, ref, via, attr_end = cue
        conf = 0.9 if speaker is not None and speaker.how in ("entity", "named") else 0.75
        self.found.append(Found(s, e, "direct", cue_text, cue_pos, speaker, ref=ref, via=via, by=by,
                                confidence=conf))
        m0 = open_pos if open_pos >= 0 else cs
        m1 = close + 1 if close is not None else ce
        self.masked.append((min(m0, cue_pos), max(m1, attr_end)))

    def _title_before(self, toks: list[Tok], pos: int) -> bool:
        i = bisect_left(toks, pos, key=_START) - 1
        return i >= 0 and toks[i].low in self.lex.title

    def post_cue(self, toks: list[Tok], pos: int, pend: int):
        """``"...," kata X`` / ``," ujarnya`` / ``," X mengatakan``: (cue, pos, speaker, ref, via, end)."""
        i = bisect_left(toks, pos, key=_START)
        while i < len(toks) and toks[i].text in ",." and toks[i].text not in ALL_MARKS:
            if toks[i].text == "." and i + 1 < len(toks) and toks[i + 1].cap:
                break  # a new sentence starts: a cue there would belong to it
            i += 1
        if i < len(toks) and toks[i].low == "demikian":
            i += 1
            # '"...," demikian pernyataan Kementerian X': the statement (its issuer) speaks
            dk = self.match_fwd(toks, i, self.lex.head)
            if dk is not None and self.lex.head[dk][0] == "document" and self.match_fwd(toks, i, self.lex.post) is None:
                np_ = self.np_right(toks, i)
                if np_ is not None:
                    speaker, ref, k = np_
                    via = self.find_via(toks, k)
                    return (self.text[toks[i - 1].start:toks[i + len(dk) - 1].end], toks[i - 1].start, speaker, ref,
                            via, toks[k - 1].end)
        if i >= len(toks) or toks[i].text in ALL_MARKS:
            return None
        key = self.match_fwd(toks, i, self.lex.post)
        if key is not None:
            cue_tok = toks[i]
            cue_text = self.text[cue_tok.start:toks[i + len(key) - 1].end]
            j = i + len(key)
            if self.lex.post[key] == "nya":
                end = toks[j - 1].end
                via = self.find_via(toks, j)
                return cue_text, cue_tok.start, None, "sg", via, end
            np_ = self.np_right(toks, j)
            if np_ is None:
                return None
            speaker, ref, k = np_
            # "kata Zarif mengatakan": a verb after the name belongs to the same attribution
            if k < len(toks) and self.match_fwd(toks, k, self.lex.verb):
                k += len(self.match_fwd(toks, k, self.lex.verb))
            via = self.find_via(toks, k)
            return cue_text, cue_tok.start, speaker, ref, via, toks[k - 1].end
        # "X mengatakan" after the quotation
        for j in range(i, min(i + 8, len(toks))):
            vkey = self.match_fwd(toks, j, self.lex.verb)
            if vkey is not None and j > i:
                np_ = self.np_left(toks, j, i)
                if np_ is None:
                    return None
                speaker, ref, _ = np_
                via = self.find_via(toks, j + len(vkey))
                return (self.text[toks[j].start:toks[j + len(vkey) - 1].end], toks[j].start, speaker, ref, via,
                        toks[j + len(vkey) - 1].end)
            if toks[j].text in ALL_MARKS or toks[j].text in ".!?;":
                break
        return None

    def pre_cue(self, toks: list[Tok], open_pos: int):
        """``X mengatakan, "..."`` / ``X menulis: "..."``."""
        i = bisect_left(toks, open_pos, key=_START) - 1
        if i < 0:
            return None
        lo = i
        while lo > 0 and toks[lo - 1].text not in ".!?" and toks[lo - 1].text not in ALL_MARKS:
            lo -= 1
        j = i
        if toks[j].text in ",:":
            j -= 1
        # allow a few words between the verb and the mark: "mengatakan kepada wartawan,"
        for k in range(j, max(lo - 1, j - 6), -1):
            vkey = self.match_back(toks, k, self.lex.verb) or self.match_back(toks, k, self.lex.post)
            if vkey is not None:
                vstart = k - len(vkey) + 1
                if k != j and toks[i].text not in ",:":
                    return None
                np_ = self.np_left(toks, vstart, lo)
                if np_ is None:
                    return None
                speaker, ref, _ = np_
                return (self.text[toks[vstart].start:toks[k].end], toks[vstart].start, speaker, ref, None,
                        toks[vstart].start)
            if toks[k].text in ALL_MARKS:
                break
        return None

    def colon_cue(self, toks: list[Tok], open_pos: int, e: int, close: int | None, pb: int):
        """``X ... meminta ...: "Kita ingin ..."``: whole sentences introduced by a colon after a clause
        with no speech verb are the words of that clause's subject (a speech verb before the colon is
        ``pre_cue``'s).  Only when the quotation ends the sentence, so a colon before a quoted title or
        list item inside running text is passed by."""
        i = bisect_left(toks, open_pos, key=_START) - 1
        if i < 1 or toks[i].text != ":":
            return None
        if self.text[e - 1] not in ".?!" and (close is None or self.text[close + 1:pb].strip(" ,.") != ""):
            return None
        if self._title_before(toks, open_pos):
            return None
        lo = i
        while lo > 0 and toks[lo - 1].text not in ".!?" and toks[lo - 1].text not in ALL_MARKS:
            lo -= 1
        subj = self._sentence_subject(toks, lo, i)
        if subj is None or (subj[0] is None and subj[1] is None):
            return None
        if subj[0] is not None and subj[0].how != "entity":
            return None   # "Polisi menemukan surat dengan tulisan: ..." -- only a named subject speaks so
        return (":", toks[i].start, subj[0], subj[1], None, toks[i].start)

    def prep_cue(self, toks: list[Tok], open_pos: int):
        """``Menurut X, "..."`` / ``langkah yang menurut AS "membesarkan hati"``: the source right before the mark."""
        i = bisect_left(toks, open_pos, key=_START) - 1
        if i < 0:
            return None
        end = i if toks[i].text in ",:" else i + 1
        for m in range(end - 1, max(-1, end - 8), -1):
            if not toks[m].word:
                return None
            pkey = self.match_fwd(toks, m, self.lex.prep)
            if pkey is None:
                continue
            after = m + len(pkey)
            if self.lex.prep[pkey] == "nya":
                if after != end:
                    return None
                return self.text[toks[m].start:toks[after - 1].end], toks[m].start, None, "sg", None, toks[m].start
            np_ = self.np_right(toks, after, stop_at=end)
            if np_ is None or np_[2] != end or (np_[0] is None and np_[1] is None):
                return None
            return (self.text[toks[m].start:toks[after - 1].end], toks[m].start, np_[0], np_[1], None,
                    toks[m].start)
        return None

    def naming_cue(self, toks: list[Tok], open_pos: int):
        """``digambarkan Gedung Putih sebagai sesi "substansial"`` / ``menyebutnya sebagai "..."``."""
        i = bisect_left(toks, open_pos, key=_START) - 1
        # "sebagai" within three words before the mark
        k = None
        for j in range(i, max(-1, i - 4), -1):
            if toks[j].low == "sebagai":
                k = j
                break
            if not toks[j].word:
                return None
        if k is None:
            return None
        for c in range(k - 1, max(-1, k - 8), -1):
            key = self.match_back(toks, c, self.lex.name)
            if key is None:
                if not toks[c].word:
                    return None
                continue
            cstart = c - len(key) + 1
            cue_text = self.text[toks[cstart].start:toks[c].end]
            if self.lex.name[key] == "nya":
                if cue_text.lower().startswith("di"):
                    return cue_text, toks[cstart].start, None, "sg", None, toks[c].end
                np_ = self.np_left(toks, cstart, 0)
                if np_ is None:
                    return cue_text, toks[cstart].start, None, "sg", None, toks[c].end
                spk, ref, _ = np_
                return cue_text, toks[cstart].start, spk, ref, None, toks[c].end
            if cue_text.lower().startswith("di"):
                # passive: the agent follows the verb
                np_ = self.np_right(toks, c + 1, stop_at=k)
            else:
                np_ = self.np_left(toks, cstart, 0)
            if np_ is None:
                return None
            spk, ref, _ = np_
            return cue_text, toks[cstart].start, spk, ref, None, toks[c].end
        return None

    # ---- noun phrases for speakers -------------------------------------------------------
    def np_right(self, toks: list[Tok], j: int, stop_at: int | None = None):
        """The speaker phrase after a cue: (speaker | None, ref, index after the phrase) or None."""
        lex = self.lex
        n = len(toks) if stop_at is None else stop_at
        if j >= n:
            return None
        t = toks[j]
        if t.low in lex.pronoun:
            return None, lex.pronoun[t.low], j + 1
        if self.match_fwd(toks, j, lex.role) is not None:
            held = self._holder_after_title(toks, j, n)
            if held is not None:
                return held
        k = j
        det = self.match_fwd(toks, k, lex.det)
        if det:
            k += len(det)
        headkey = self.match_fwd(toks, k, lex.head) if k < n else None
        if headkey is not None:
            k += len(headkey)
            # modifiers and names up to a boundary; an unnamed phrase may carry a relative clause
            while k < n:
                tk = toks[k]
                if tk.text == "(":
                    close = self._paren_end(toks, k, n)
                    if close is None:
                        break
                    k = close + 1
                    continue
                if not tk.word:
                    break
                if tk.low in DAYS or tk.low in ("seperti", "sebagaimana", "saat", "ketika", "usai", "seraya",
                                                "sambil", "pada", "kepada", "dalam", "melalui", "di", "lewat"):
                    break
                if self.match_fwd(toks, k, lex.verb) or self.match_fwd(toks, k, lex.via):
                    break
                if not tk.cap and self._me_verb(toks, k) and toks[k - 1].low != "yang":
                    break  # "ujar ribuan orang meneriakkan yel-yel": the crowd, then what it did
                if tk.low in PREDICATE_WORDS and not any(x.low == "yang" for x in toks[j:k]):
                    break  # "menurut pejabat bank sentral akan menghambat ...": the predicate of what was said
                if tk.low in ("dan", "&") and k > j and toks[k - 1].cap and k + 1 < n and toks[k + 1].cap:
                    k += 1     # "Wakil Menteri Hubungan dan Kerja Sama Internasional": one title-case name
                    continue
                if tk.low in lex.connective and tk.low not in ("yang",):
                    break
                k += 1
                if tk.low in lex.anaphor:
                    break
            # "juru bicara kementerian, Kolonel Turki al-Maliki": the holder in apposition
            if (k + 1 < n and toks[k].text == "," and toks[k + 1].cap and toks[k + 1].low not in DAYS
                    and toks[k + 1].low not in MONTHS):
                m = k + 1
                while m < n and (toks[m].cap or toks[m].low in NAME_LINKS) and toks[m].word:
                    m += 1
                if (m >= n or not toks[m].word or toks[m].low in PREPOSITIONS or toks[m].low in DAYS
                        or toks[m].low == "yang"):
                    sp = self.speaker_of(toks[k + 1].start, toks[m - 1].end, toks, k + 1, m)
                    if sp is not None and sp[0] is not None and sp[0].how in ("entity", "named"):
                        return sp[0], sp[1], m
            sp = self.speaker_of(toks[j].start, toks[k - 1].end, toks, j, k)
            if sp is None:
                return None
            return sp[0], sp[1], k
        if not t.cap:
            return None
        k = j
        while k < n and toks[k].word and (toks[k].cap or (toks[k].low in NAME_LINKS and k + 1 < n and toks[k + 1].cap)):
            k += 1
            if k < n and toks[k].text == "(":
                close = self._paren_end(toks, k, n)
                if close is not None:
                    k = close + 1
        while k > j and toks[k - 1].low in DAYS:
            k -= 1
        if k == j:
            return None
        sp = self.speaker_of(toks[j].start, toks[k - 1].end, toks, j, k)
        if sp is None:
            return None
        return sp[0], sp[1], k

    #: lower-case words inside a long office title ("Menteri Energi, Sains dan Lingkungan", "Duta Besar X untuk Y")
    TITLE_LINKS = frozenset({"dan", "serta", "untuk", "urusan", "bidang", "&", "selaku"})

    def _holder_after_title(self, toks: list[Tok], j: int, n: int):
        """``kata Ketua Bank Sentral, Budi Santoso`` / ``tanya Wakil Ketua DPR selaku pimpinan sidang Budi``:
        an office written before its holder (commas and ``dan`` inside the office's name): the person named
        after it speaks.  (speaker, ref, index after the name) or None when no person follows."""
        m = j
        limit = min(n, j + 24)
        after_selaku = 0   # "selaku pimpinan sidang": a few lower-case words of a second office
        while m < limit:
            tk = toks[m]
            if tk.text in SENT_END or tk.text in ALL_MARKS or tk.text == ";":
                return None
            if tk.word and tk.cap and m > j:
                ms = self.mentions.covering(tk.start)
                if ms is not None and ms[2] == "PER" and ms[0] >= tk.start:
                    e = m
                    while e < n and toks[e].end <= ms[1]:
                        e += 1
                    if e < n and toks[e].word and toks[e].cap and toks[e].low not in DAYS:
                        return None  # the name runs on into something else
                    if e < n and (toks[e].low in self.TITLE_LINKS or (
                            toks[e].text == "," and e + 1 < n and toks[e + 1].cap
                            and toks[e + 1].low not in DAYS and toks[e + 1].low not in MONTHS)):
                        # a word of the office taken for a name ("Menteri Energi, Lingkungan dan ..."): go on
                        m = e
                        continue
                    sp = self.speaker_of(toks[m].start, toks[e - 1].end, toks, m, e)
                    if sp is not None and sp[0] is not None:
                        return sp[0], sp[1], e
                    return None
            if tk.low == "selaku":
                after_selaku = 4
            elif tk.word and not tk.cap and tk.low not in self.TITLE_LINKS and not tk.text.isdigit():
                if after_selaku <= 0 or ME_VERB.match(tk.low):
                    return None
            after_selaku -= 1
            m += 1
        return None

    def _paren_end(self, toks: list[Tok], k: int, n: int) -> int | None:
        for m in range(k + 1, min(n, k + 12)):
            if toks[m].text == ")":
                return m
        return None

    def np_left(self, toks: list[Tok], v: int, lo: int, allow_pp: bool = False):
        """The speaker phrase before a verb at token v: (speaker | None, ref, start index) or None.

        When the words right before the verb are no speaker, the subject may stand before a phrase that
        says where or how it spoke, or before a relative clause: "Trump dalam percakapan telepon dengan
        MBS mengutuk ...", "harian X yang mengutip sumber diplomatik mengungkap ...".  Those are skipped
        back to the word that opens them when a name (or a closing bracket) stands before it."""
        r = self._np_left(toks, v, lo, allow_pp)
        if r is not None:
            return r
        j = self._skip_asides(toks, v - 1, lo)
        if j < lo or toks[j].low in PREPOSITIONS:
            return None   # "jumpa pers untuk mengungkap ...": a purpose clause, not a speech act
        for m in range(j, max(lo, j - 10), -1):
            t = toks[m]
            if not t.word and t.text not in "()/-":
                break
            if t.low in SKIP_OPENERS and m - 1 >= lo and (toks[m - 1].cap or toks[m - 1].text == ")"):
                r = self._np_left(toks, m, lo, allow_pp)
                if r is not None and r[0] is not None and r[0].how in ("entity", "named"):
                    return r
        return None

    def _skip_asides(self, toks: list[Tok], j: int, lo: int) -> int:
        """Move left from token j over adverbs and comma-enclosed asides; the last token of the subject."""
        aside = False
        while j >= lo:
            akey = self.match_back(toks, j, self.lex.adverb)
            if akey is not None:
                j -= len(akey)
                aside = False
                continue
            if toks[j].text == "," and j - 1 >= lo:
                m = j - 1
                while m >= lo and toks[m].text != ",":
                    m -= 1
                if m >= lo and m + 1 < j and self._is_aside(toks, m + 1, j):
                    j = m       # the comma that opens the aside may close another one
                    aside = True
                    continue
            break
        if aside and j >= lo and toks[j].text == ",":
            j -= 1
        return j

    def _is_aside(self, toks: list[Tok], a: int, b: int) -> bool:
        """Tokens a..b-1 (between two commas) say when, where or through whom: not the speaker."""
        t = toks[a]
        if t.low in ASIDE_OPENERS or t.low in DAYS or self.match_fwd(toks, a, self.lex.via):
            return True
        return False

    def _np_left(self, toks: list[Tok], v: int, lo: int, allow_pp: bool = False):
        lex = self.lex
        j = v - 1
        # adverbs between speaker and verb: "X juga mengatakan", "X, pada Jumat (13/9/2019), mengatakan";
        # asides between commas, one after another: "X, seperti dilansir AFP, Kamis (16/9), mengatakan",
        # "MBS, begitu putra mahkota itu disapa, menjelaskan"
        j = self._skip_asides(toks, j, lo)
        if j < lo:
            return None
        t = toks[j]
        if t.low in lex.pronoun:
            if j - 1 >= lo and toks[j - 1].word and toks[j - 1].low not in lex.connective:
                return None
            return None, lex.pronoun[t.low], j
        if t.low == "yang":
            # "kelompok Houthi yang mengklaim ...": the speaker is the name the relative clause hangs on
            r = self._np_left(toks, j, lo, allow_pp=True)
            if r is None or r[0] is None or r[0].how not in ("entity", "named"):
                return None
            return r
        end = j + 1
        if t.text == ",":
            # apposition: "Juru bicara ..., Komandan Reann Mommsen, mengatakan"
            end = j
            j -= 1
            if j < lo:
                return None
        # a definite phrase pointing back: "mantan istri Ivan Fadilla itu", "pejabat tersebut"
        if toks[j].low in lex.anaphor:
            k = j - 1
            while k >= lo and k > j - 7 and toks[k].word and toks[k].low not in lex.connective \
                    and toks[k].low != "yang" and not (toks[k].low in PREPOSITIONS and k == j - 1):
                k -= 1
            if k == j - 1:
                return None
            words = " ".join(x.low for x in toks[k + 1:j])
            hk = self.match_fwd(toks, k + 1, lex.head)
            if hk is not None and lex.head[hk][0] == "document" and k + 1 + len(hk) == j:
                # "Pernyataan itu menyebut ...": the statement's issuer, as for "bunyi pernyataan itu"
                return None, "document:" + hk[0] + ":" + self.text[toks[k + 1].start:toks[j].end], k + 1
            return None, "anaphor:" + words, k + 1
        start = j + 1
        k = j
        head_at: int | None = None
        while k >= lo:
            tk = toks[k]
            if tk.text == ")":
                m = k
                while m >= lo and toks[m].text != "(":
                    m -= 1
                if m < lo:
                    break
                k = m - 1
                continue
            if not tk.word or tk.low in lex.connective or tk.low == "yang":
                break
            if head_at is None and start > j and not tk.cap:
                # "Sejumlah demonstran membawa poster menuntut": a meN- verb among the words before the
                # speech verb opens a clause (the poster is its object); the speaker is the head before it
                ps = self._participle_subject(toks, k, lo)
                if ps is not None:
                    head_at, end = ps
                    k = head_at - 1
                    dk = self.match_back(toks, k, lex.det) if k >= lo else None
                    if dk is not None:
                        k -= len(dk)
                    start = k + 1
                    continue
            hk = self.match_back(toks, k, lex.head)
            if hk is not None:
                head_at = k - len(hk) + 1
                k = head_at - 1
                dk = self.match_back(toks, k, lex.det) if k >= lo else None
                if dk is not None:
                    k -= len(dk)
                start = k + 1
                continue
            if tk.cap or (tk.low in NAME_LINKS and start <= j):
                k -= 1
                start = k + 1
                continue
            if tk.low == "kepada" and start <= j and k - 1 >= lo and toks[k - 1].word:
                # "sumber pejabat AS kepada media mengatakan": the words after "kepada" are whom it was said
                # to; the speaker stands before them
                return self._np_left(toks, k, lo, allow_pp)
            if tk.low in PREPOSITIONS:
                left = toks[k - 1] if k - 1 >= lo else None
                if start <= j and left is not None and left.word and (
                        left.cap or self.match_back(toks, k - 1, lex.head) is not None
                        or self._head_within(toks, k - 1, lo) is not None):
                    # "Wakil Ketua ... dari Fraksi PKS Johan", "seorang peneliti dari SIPRI"
                    k -= 1
                    continue
                if head_at is None and not allow_pp:
                    return None  # the capitalised words hang on a preposition ("di Jerman"): no subject
                break
            # a lower-case word
            if head_at is None:
                h = self._head_within(toks, k, lo)
                if h is None:
                    if start <= j:
                        return None  # "sikap China mengatakan": a name that modifies a noun is no speaker
                    break
                head_at = h
                k = h - 1
                dk = self.match_back(toks, k, lex.det) if k >= lo else None
                if dk is not None:
                    k -= len(dk)
                start = k + 1
                continue
            break
        if start > j:
            return None
        ms = self.mentions.covering(toks[start].start)
        if ms is not None and ms[0] < toks[start].start:
            # "Badan Meteorologi, Klimatologi, dan Geofisika mengatakan": commas inside one name
            while start > lo and toks[start - 1].start >= ms[0]:
                start -= 1
        if head_at is not None:
            # "Sejumlah massa membawa poster menyerukan ...": a meN- verb after the head opens a clause
            hk = self.match_fwd(toks, head_at, lex.head)
            for m in range(head_at + (len(hk) if hk else 1), end):
                if toks[m].word and not toks[m].cap and self._me_verb(toks, m):
                    end = m
                    break
        sp = self.speaker_of(toks[start].start, toks[end - 1].end, toks, start, end)
        if sp is None:
            return None
        # "Tim Stried, juru bicara ... (OHSAA), mengatakan": the holder named before the role
        if sp[0] is not None and sp[0].how in ("unnamed", "role") and start - 1 > lo and toks[start - 1].text == ",":
            m = start - 2
            while m >= lo and (toks[m].cap or toks[m].low in NAME_LINKS) and toks[m].word:
                m -= 1
            if m + 1 <= start - 2 and (m < lo or not toks[m].word or toks[m].low in lex.connective
                                       or toks[m].low in PREPOSITIONS):
                sp2 = self.speaker_of(toks[m + 1].start, toks[start - 2].end, toks, m + 1, start - 1)
                # a name, not a sentence adverb ("Bahkan, media lokal ..."): a person, or two capitalised words
                if sp2 is not None and sp2[0] is not None and (
                        sp2[0].type == "PER" or (sp2[0].how == "named" and start - 2 > m + 1)):
                    return sp2[0], sp2[1], m + 1
        return sp[0], sp[1], start

    def _me_verb(self, toks: list[Tok], m: int) -> bool:
        """Is token m an active meN- verb?  The shape alone takes in nouns ("media", "menteri"): a speaker
        head is never one."""
        return ME_VERB.match(toks[m].low) is not None and self.match_fwd(toks, m, self.lex.head) is None

    def _participle_subject(self, toks: list[Tok], k: int, lo: int) -> tuple[int, int] | None:
        """(head start, meN- verb index) when the lower-case words ending at k hold a meN- verb with a
        speaker head just before it ("ribuan orang membawa spanduk"), else None."""
        for q in range(k, max(lo, k - 5), -1):
            t = toks[q]
            if not t.word or t.cap or t.low in self.lex.connective or t.low == "yang":
                return None
            if self._me_verb(toks, q) and self.match_fwd(toks, q, self.lex.verb) is None:
                h = self._head_within(toks, q - 1, lo) if q - 1 >= lo else None
                return (h, q) if h is not None else None
        return None

    def _head_within(self, toks: list[Tok], k: int, lo: int, span: int = 5) -> int | None:
        """Start of a speaker head noun ending at most ``span`` words left of k ("seorang pejabat senior AS")."""
        for m in range(k, max(lo - 1, k - span), -1):
            if not toks[m].word or toks[m].low in self.lex.connective or toks[m].low == "yang":
                return None
            hk = self.match_back(toks, m, self.lex.head)
            if hk is not None:
                return m - len(hk) + 1
        return None

    def speaker_of(self, a: int, b: int, toks: list[Tok], i: int, k: int):
        """A phrase of text[a:b] (tokens i..k-1) as a speaker: (Speaker | None, ref) or None if not one."""
        lex = self.lex
        # a sentence's first word is capitalised whatever it is: a preposition, a connective, a day name or
        # a sentence adverb there opens the clause and is no part of the speaker ("Dengan mengingatkan ...",
        # "Kamis (19/9) menjelaskan", "Sontak warganet menduga ...")
        while i < k and toks[i].word and (toks[i].low in NOT_SPEAKER_OPENERS or toks[i].low in lex.connective):
            i += 1
        if i < k and toks[i].start > a:
            a = toks[i].start
        words = [t for t in toks[i:k] if t.word]
        if not words:
            return None
        lows = [t.low for t in words]
        if len(words) == 1 and lows[0].endswith("pun") and lows[0][:-3] in lex.pronoun:
            # "Diapun mendorong ...", "Iapun menambahkan": a pronoun with the particle -pun written on it
            return None, lex.pronoun[lows[0][:-3]]
        if len(words) == 1 and lows[0] in lex.pronoun:
            return None, lex.pronoun[lows[0]]
        if lows[-1] in lex.anaphor and len(words) > 1:
            dk = self.match_fwd(toks, i, lex.det)
            hk = self.match_fwd(toks, i + (len(dk) if dk else 0), lex.head)
            if hk is not None and lex.head[hk][0] == "document":
                # "bunyi pernyataan itu": the body that issued the statement, when the text names it nearby;
                # never simply the last speaker, who may be someone the statement answers
                return None, "document:" + hk[0] + ":" + self.text[a:b].strip(" ,")
            return None, "anaphor:" + " ".join(lows[:-1])
        ments = self.mentions.inside(a, b)
        pers = [m for m in ments if m[2] == "PER"]
        if pers:
            return self.mentions.entity(pers[-1]), None
        j = i
        det = self.match_fwd(toks, j, lex.det)
        if det:
            j += len(det)
        headkey = self.match_fwd(toks, j, lex.head) if j < k else None
        proper = all(t.cap or t.low in NAME_LINKS for t in words) and words[0].cap
        hkind = lex.head[headkey][0] if headkey is not None else None
        if proper and (headkey is None or (len(words) > len(headkey) and hkind not in ("document",)
                                           and headkey[0] not in ("pemerintah", "otoritas"))):
            # a capitalised run is a name, even when it opens with a head noun ("Kementerian Luar Negeri Saudi");
            # an entity counts when its mention covers the run (an abbreviation in brackets aside)
            name = re.sub(r"\s*\([^)]*\)\s*$", "", self.text[a:b].strip(" ,"))
            bb = a + len(name)
            cover = [m for m in ments if m[0] <= a and m[1] >= bb]
            if cover:
                return self.mentions.entity(max(cover, key=lambda m: m[1] - m[0])), None
            sentence_initial = i == 0 or toks[i - 1].text in SENT_END or toks[i - 1].text in ALL_MARKS
            if sentence_initial and headkey is None and ments and all(m[0] >= words[0].end for m in ments):
                # "Sikap Jepang yang ...": a sentence's first word is capitalised anyway; a common noun
                # before a name makes the name a modifier, not the speaker
                return None
            return Speaker(name, None, None, "sg", a, "named"), None
        number = "sg"
        if det and det[0] in ("para", "sejumlah", "beberapa", "banyak", "sebagian", "kedua", "seluruh", "semua",
                              "ratusan", "ribuan", "puluhan", "jutaan", "belasan"):
            number = "pl"
        if headkey is not None:
            kind, hnum = lex.head[headkey]
            number = "pl" if hnum == "pl" or number == "pl" else "sg"
            head_end = toks[j + len(headkey) - 1].end
            rest_ments = [m for m in ments if m[1] > head_end]  # a name after the head (or one that takes it in)
            relative = any(t.low == "yang" for t in toks[j:k])
            if kind in ("group", "document", "record") and not relative:
                named = [m for m in rest_ments if m[2] in ("ORG", "PER")]
                if named:
                    return self.mentions.entity(named[-1]), None
                gpe = [m for m in rest_ments if m[2] == "GPE"]
                if (headkey[0] in ("pemerintah", "otoritas", "rezim") or kind == "record") and gpe:
                    return self.mentions.entity(gpe[-1]), None
                if not ments and headkey[0] not in ("media", "pemerintah", "otoritas"):
                    caps = self._last_cap_run(toks, j + len(headkey), k)
                    if caps is not None and self.text[caps[0]:caps[1]].lower() not in CALENDAR:
                        return Speaker(self.text[caps[0]:caps[1]], None, None, number, a, "named"), None
            if kind == "record":
                return None   # "menurut data terbaru": figures with no one named behind them are no speaker
            if kind == "role":
                holder = self.role_holder(a, b)
                if holder is not None:
                    return holder, None
            phrase = self.text[a:b].strip(" ,")
            how = {"role": "role", "group": "group", "document": "document"}.get(kind, "unnamed")
            return Speaker(phrase, None, None, number, a, how), None
        if ments:
            best = max(ments, key=lambda m: m[1] - m[0])
            return self.mentions.entity(best), None
        if not words[0].cap:
            return None
        name = re.sub(r"\s*\([^)]*\)\s*$", "", self.text[a:b].strip(" ,"))
        return Speaker(name, None, None, "sg", a, "named"), None

    def _last_cap_run(self, toks: list[Tok], i: int, k: int) -> tuple[int, int] | None:
        run = None
        m = k - 1
        while m >= i and not (toks[m].cap and toks[m].word):
            m -= 1
        if m < i:
            return None
        e = toks[m].end
        while m >= i and toks[m].word and (toks[m].cap or toks[m].low in NAME_LINKS):
            run = (toks[m].start, e)
            m -= 1
        return run

    def _document(self, history: list[Speaker], ref: str, pos: int) -> Speaker:
        """"kata pernyataan itu": its issuer named nearby, else the document phrase quoted before ("bunyi
        dokumen yang diterbitkan parlemen"), else the phrase as written (an unnamed source)."""
        _, noun, phrase = ref.split(":", 2)
        issuer = self.issuer(pos, noun)
        if issuer is not None:
            return issuer
        for h in reversed(history):
            if h.pos < pos and h.how == "document" and noun in h.name.lower():
                return h
        return Speaker(phrase, None, None, "sg", pos, "document")

    def issuer(self, pos: int, noun: str) -> Speaker | None:
        """Who issued the statement (letter, report) that a definite "pernyataan itu" at pos points back to:
        the name right after an earlier "pernyataan (resmi) X", or the subject of the sentence that says X
        "mengeluarkan / merilis / dalam (sebuah) pernyataan", in this paragraph or the two before."""
        pa = self.para_of(pos)
        lo = self.paras[max(0, pa - 2)][0]
        text = self.text
        hits = [m for m in re.finditer(r"(?i)(?<!\w)" + re.escape(noun) + r"(nya)?(?!\w)", text[lo:pos])]
        for m in reversed(hits):
            s0, e0 = lo + m.start(), lo + m.end()
            # "pernyataan (resmi|bersama) (dari) Kementerian Luar Negeri": the issuer follows
            tail = re.match(r"(?:\s+(?:resmi|bersama|tertulis|dari|yang|dikeluarkan|dirilis|diterbitkan|oleh))*\s+",
                            text[e0:e0 + 60])
            if tail is not None and not m.group(1):
                at = e0 + tail.end()
                after = [x for x in self.mentions.inside(at, at + 80) if x[0] == at and x[2] in ("ORG", "GPE", "PER")]
                if after:
                    return self.mentions.entity(after[0])
            # "X mengeluarkan pernyataan", "X dalam pernyataannya": the subject of that sentence
            before = text[max(lo, s0 - 40):s0].lower().split()
            if m.group(1) or (before and before[-1] in ISSUING) or (len(before) > 1 and before[-2] in ISSUING):
                cut = max(text.rfind(". ", lo, s0), text.rfind("\n", lo, s0))
                sent0 = cut + 1 if cut >= 0 else lo
                # "X mengatakan dalam sebuah pernyataan bahwa ...": the speaker already found there
                for f in self.found:
                    if f.speaker is not None and f.kind == "indirect" and sent0 <= f.cue_pos < s0:
                        return f.speaker
                subj = [x for x in self.mentions.inside(sent0, s0) if x[2] in ("ORG", "GPE", "PER")]
                if subj:
                    return self.mentions.entity(subj[0])
        return None

    def role_holder(self, a: int, b: int) -> Speaker | None:
        """"juru bicara Kementerian Luar Negeri Iran" -> the person the text names in that office."""
        phrase = self.text[a:b].strip(" ,")
        words = phrase.split()
        if len(words) < 2:
            return None
        pat = re.compile("(?i:" + re.escape(phrase) + r"),?\s+((?:[A-Z][\w'’-]*\s?){1,4})")
        for m in pat.finditer(self.text):
            s = m.start(1)
            ments = [x for x in self.mentions.inside(s, m.end(1) + 1) if x[2] == "PER"]
            if ments:
                return self.mentions.entity(ments[0])
        return None

    # ---- via -----------------------------------------------------------------------------
    def find_via(self, toks: list[Tok], i: int) -> str | None:
        """The relaying medium in the rest of the attribution clause: "seperti dilansir Reuters"."""
        lex = self.lex
        n = len(toks)
        k = i
        limit = min(n, i + 25)
        while k < limit:
            t = toks[k]
            if t.text in ".!?" or t.text in ALL_MARKS:
                return None
            key = self.match_fwd(toks, k, lex.via)
            if key is not None:
                m = k + len(key)
                if m < n and toks[m].low in ("situs", "laman", "media", "kantor", "harian", "surat"):
                    m += 1
                    if m < n and toks[m].low in ("berita", "kabar"):
                        m += 1
                s = m
                while m < n and toks[m].word and (toks[m].cap or toks[m].low in NAME_LINKS) and toks[m].low not in DAYS:
                    m += 1
                if m > s:
                    name = self.text[toks[s].start:toks[m - 1].end]
                    if key == ("kepada",):
                        ments = self.mentions.inside(toks[s].start, toks[m - 1].end)
                        if name.casefold() not in lex.outlets and not any(x[2] == "ORG" for x in ments):
                            k = m
                            continue
                    return name
                k = m
                continue
            k += 1
        return None

    # ---- sentences -----------------------------------------------------------------------
    def sentences(self, pi: int) -> list[tuple[int, int]]:
        """Token index ranges of the sentences of paragraph pi (outside quotations the cut is free)."""
        toks = self.ptoks[pi]
        out = []
        s = 0
        last = len(toks) - 1
        # only a sentence-final mark before the paragraph's last token can cut: find those in one pass
        for i in [i for i, t in enumerate(toks) if t.text in SENT_END and i < last]:
            prev = toks[i - 1] if i > 0 else None
            nxt = toks[i + 1]
            if prev is not None and prev.word and len(prev.text) <= 2 and prev.text[0].isupper():
                continue  # an initial: "Wayne E. Meyer", "HR. McMaster"
            if not (nxt.cap or nxt.text in ALL_MARKS or nxt.text[0].isdigit()):
                continue
            if nxt.low in self.lex.fragment:
                continue  # "... hak publik. Termasuk soal ijazah ...": a fragment continuing the sentence
            if self.is_masked(toks[i].start):
                continue
            out.append((s, i + 1))
            s = i + 1
        if s < len(toks):
            out.append((s, len(toks)))
        return out

    # ---- reported speech -----------------------------------------------------------------
    def indirect(self) -> None:
        for pi in range(len(self.paras)):
            toks = self.ptoks[pi]
            for s, e in self.sentences(pi):
                self.indirect_sentence(pi, toks, s, e)

    def _content(self, toks: list[Tok], i: int, e: int, skip_openers: bool = True) -> tuple[int, int] | None:
        """The reported text from token i to the sentence end, stopping at a quotation or attribution."""
        while i < e and toks[i].text in ",:":
            i += 1
        if skip_openers:
            # "mengatakan kepada wartawan dalam sebuah pernyataan bahwa ...": start after "bahwa"; after
            # "kepada" the addressee may carry an apposition between commas ("kepada Budi, Duta Besar X, bahwa")
            addressee = i < e and toks[i].low == "kepada"
            # "menegaskan DPR akan membahas ... bahwa ...": a clause with its own subject and predicate is
            # what was said; a "bahwa" inside it does not open the reported text
            subject = i < e and (toks[i].cap and toks[i].low not in CALENDAR or toks[i].low in self.lex.pronoun)
            for m in range(i, min(e, i + (25 if addressee else 12))):
                if toks[m].low == "bahwa":
                    i = m + 1
                    break
                if (toks[m].text in "." or toks[m].text in ALL_MARKS or toks[m].text == "," and not addressee
                        or m > i and toks[m].word and not toks[m].cap and (addressee or subject)
                        and (VERB_SHAPE.match(toks[m].low) or toks[m].low in PREDICATE_WORDS)):
                    break
            if addressee and i < e and toks[i].low == "kepada":
                # "mengatakan kepada wartawan di Jakarta, Senin (3/2), harga ...": the addressee and the day
                # before the comma are not what was said
                m = i + 1
                while m < min(e, i + 10) and toks[m].text != "," and not (
                        toks[m].word and not toks[m].cap and VERB_SHAPE.match(toks[m].low)):
                    m += 1
                if m < e and toks[m].text == "," and m + 1 < e:
                    i = m + 1
                    if toks[i].low in DAYS:
                        while i < e and toks[i].text != ",":
                            i += 1
            while i < e and (toks[i].low in CONTENT_OPENERS or toks[i].text in ",:"):
                i += 1
        k = i
        while k < e:
            t = toks[k]
            if t.text in ALL_MARKS and self.is_masked(t.start):
                break
            if self.is_masked(t.start) and t.text not in ALL_MARKS:
                break
            k += 1
        while k > i and not toks[k - 1].word and toks[k - 1].text not in ")?!":
            k -= 1
        if k <= i:
            return None
        return i, k

    def _is_clause(self, toks: list[Tok], j: int, ci: int, ck: int) -> bool:
        """Does the content after a verb at j (tokens ci..ck-1) hold a clause, not only a noun phrase?
        "bahwa" or "agar" opens one; else a predicate word before any relative "yang"."""
        if any(t.low in ("bahwa", "agar", "supaya") for t in toks[j:ci]):
            return True
        for m in range(ci + 1, ck):
            t = toks[m]
            if t.low == "yang" or t.text in ALL_MARKS or t.text in ",;":
                return False   # a relative clause or a second clause of the subject ("..., meminta ...")
            if t.word and not t.cap and (VERB_SHAPE.match(t.low) or t.low in PREDICATE_WORDS
                                         or t.low in NEGATORS or t.low in ("harus", "perlu", "masih", "sedang")):
                return True
        return False

    def _split_points(self, toks: list[Tok], i: int, k: int) -> list[int]:
        """Token indexes where a second speech verb with its subject left out starts a new quote."""
        out = []
        for m in range(i + 1, k):
            t = toks[m]
            prev = toks[m - 1]
            if self.match_fwd(toks, m, self.lex.verb) and (prev.low in ELIDING
                                                           or prev.text == ","):
                out.append(m - 1 if prev.word else m - 1)
        return out

    def _trailing_attr(self, toks: list[Tok], i: int, k: int) -> int:
        """Cut ``..., seperti dilansir X`` / ``..., menurut survei`` from the end of a content span."""
        for m in range(i + 1, k):
            if toks[m - 1].text != ",":
                continue
            if self.match_fwd(toks, m, self.lex.via) or self.match_fwd(toks, m, self.lex.prep):
                return m - 1
            if toks[m].low in TIME_CLAUSE:
                return m - 1   # "X mengatakan Y, saat ditemui di ...": when it was said, not what
            if toks[m].low == "yang" and m + 1 < k and (self.match_fwd(toks, m + 1, self.lex.prep)
                                                       or self.match_fwd(toks, m + 1, self.lex.verb)):
                return m - 1   # ", yang menurut Teheran ...": another source's words follow
        return self._trailing_occasion(toks, i, k)

    def _object_end(self, toks: list[Tok], i: int, k: int) -> int:
        """A verb that takes what it condemns or raises as its object ("mengutuk serangan itu dan siap
        membantu ..."): the reported text is that noun phrase, up to a second predicate of the subject."""
        for m in range(i + 1, k - 1):
            if toks[m].low in ("dan", "serta", "lalu", "kemudian", "sekaligus") or toks[m].text == ",":
                nxt = toks[m + 1]
                if nxt.word and not nxt.cap and (ME_VERB.match(nxt.low) or nxt.low in PREDICATE_WORDS):
                    return m
        return k

    def _trailing_occasion(self, toks: list[Tok], i: int, k: int) -> int:
        """Cut a trailing clause that says when, where or to whom the words were said, not what was said:
        "... dalam sebuah konferensi pers pada Jumat", "... saat menerima telepon dari X",
        "... dalam laporannya hari Senin (16/9)", "... kepada wartawan di Jakarta"."""
        words = 0
        for m in range(i, k):
            t = toks[m]
            if words >= 2 and t.word and self._occasion_at(toks, m, k):
                if not any(x.low == "bahwa" for x in toks[m:k]):
                    e = m
                    while e > i and not toks[e - 1].word and toks[e - 1].text not in ")?!":
                        e -= 1
                    return e
            if t.word:
                words += 1
        return k

    def _occasion_at(self, toks: list[Tok], m: int, k: int) -> bool:
        lex = self.lex
        low = toks[m].low
        nxt = toks[m + 1] if m + 1 < k else None
        if nxt is None:
            return False
        if low in OCCASION_TIME:
            # "saat menerima telepon", "ketika ditemui", "usai bertemu": a verb follows; but right after a
            # verb of the content ("kabar itu diterimanya usai bertemu ...") the clause says when that happened
            prev = toks[m - 1] if m > 0 else None
            if prev is not None and prev.word and not prev.cap and VERB_SHAPE.match(prev.low):
                return False
            return nxt.word and not nxt.cap and VERB_SHAPE.match(nxt.low) is not None
        if low in DAYS:
            return nxt.text == "("     # "Senin (16/9/2019)"
        if low in ("pada", "hari") and (nxt.low in DAYS or (nxt.low == "hari" and m + 2 < k and toks[m + 2].low in DAYS)):
            return True
        if low == "kepada":
            return nxt.low in ("wartawan", "awak", "media", "reporter", "jurnalis") or nxt.low in lex.outlets
        if low in ("dalam", "di", "pada", "melalui", "lewat"):
            prev = toks[m - 1] if m > 0 else None
            if prev is not None and prev.word and not prev.cap and VERB_SHAPE.match(prev.low):
                return False   # "bisa bertemu dalam ...": the phrase belongs to the reported event
            n = m + 1
            while n < k and toks[n].low in ("sebuah", "suatu", "sela", "sela-sela", "acara"):
                n += 1
            return n < k and self.match_fwd(toks, n, lex.occasion) is not None
        return False

    def add(self, toks: list[Tok], ci: int, ck: int, cue: str, cue_pos: int, spk: Speaker | None, ref: str | None,
            by: str, via: str | None = None, conf: float = 0.7) -> None:
        if ck <= ci:
            return
        words = sum(1 for t in toks[ci:ck] if t.word)
        if words < 2:
            return
        a, b = toks[ci].start, toks[ck - 1].end
        if spk is None and ref is None:
            return  # reported speech with no speaker: refused
        for f in self.found:
            if f.start < b and a < f.end and f.kind == "direct":
                return
        if via is None:
            via = next((h[2] for h in self.via_hints if h[0] <= cue_pos < h[1]), None)
        self.found.append(Found(a, b, "indirect", cue, cue_pos, spk, ref=ref, via=via, by=by, confidence=conf))

    def indirect_sentence(self, pi: int, toks: list[Tok], s: int, e: int) -> None:
        lex = self.lex
        text = self.text
        # sentence-initial "Dilansir situs X, ..." with no other cue: the outlet is the source
        if s < e and toks[s].low in ("dilansir", "dikutip", "melansir", "mengutip"):
            m = s + 1
            while m < e and toks[m].low in ("dari", "situs", "laman", "media", "kantor", "berita"):
                m += 1
            n0 = m
            while m < e and toks[m].word and (toks[m].cap or toks[m].low in NAME_LINKS):
                m += 1
            if m > n0 and m < e and toks[m].text == ",":
                has_cue = any(self.match_fwd(toks, x, lex.verb) or self.match_fwd(toks, x, lex.post)
                              for x in range(m, e))
                if not has_cue:
                    spk = self.speaker_of(toks[n0].start, toks[m - 1].end, toks, n0, m)
                    c = self._content(toks, m + 1, e, skip_openers=False)
                    if c and toks[c[0]].low in NARRATIVE_OPENERS:
                        return   # "Dikutip dari X, diketahui ...": a relayed fact, no one's words
                    if spk and c:
                        self.add(toks, c[0], c[1], toks[s].text, toks[s].start, spk[0], spk[1], "indirect-dilansir")
                    return
        claimed_until = s   # content already given to a quote in this sentence
        last_spk: tuple[Speaker | None, str | None] | None = None
        cue_first = lex.cue_first()
        i = s
        while i < e:
            t = toks[i]
            at_cue = t.low in cue_first   # else no cue starts here (a comma still looks at the next token)
            if (not at_cue and t.text != ",") or self.is_masked(t.start):
                i += 1
                continue
            # --- "menurut X, ..." / "Menurutnya, ..." / "..., menurut X."
            pkey = self.match_fwd(toks, i, lex.prep) if at_cue else None
            if pkey is not None and i >= claimed_until:
                r = self.menurut(toks, s, e, i, pkey)
                if r is not None:
                    claimed_until, last_spk = r
                    i += len(pkey)
                    continue
            # --- interposed or final post cue without marks: "A, kata X, B." / "..., kata X."
            if t.text == "," and i + 1 < e and toks[i + 1].low in cue_first:
                ckey = self.match_fwd(toks, i + 1, lex.post) or self.match_fwd(toks, i + 1, lex.passive)
                if ckey is not None and not self.is_masked(toks[i + 1].start):
                    r = self.interposed(toks, s, e, i, ckey)
                    if r is not None:
                        i, last_spk = max(r[0], i + 1), r[1]
                        claimed_until = i
                        continue
            # --- passive: "Hal itu disampaikan X" / "yang dikatakan X sebagai ..." / "diklaim oleh X"
            if not at_cue:
                i += 1
                continue
            qkey = self.match_fwd(toks, i, lex.passive) or self.match_fwd(toks, i, lex.name)
            if qkey is not None and (qkey in lex.passive or qkey[0].startswith("di")) and i >= claimed_until:
                r = self.passive(pi, toks, s, e, i, qkey)
                if r is not None:
                    # the content may lie before the cue ("X disebut Y berada ..."): never step back,
                    # or the scan would meet the same cue again and loop forever
                    i, last_spk = max(r[0], i + len(qkey)), r[1]
                    claimed_until = i
                    continue
            # --- "X mengatakan (bahwa) ..."
            vkey = self.match_fwd(toks, i, lex.verb)
            if vkey is not None and self._not_speech(toks, s, i, e):
                if lex.notspeech.get(self.match_fwd(toks, i, lex.notspeech) or ()) == "topic":
                    # "RG menceritakan alasan ...": no words yet, but RG is the one talking
                    np_ = self.np_left(toks, i, s)
                    if np_ is not None and np_[0] is not None and np_[0].how in ("entity", "named"):
                        self.topic_speakers.append(np_[0])
                i += len(vkey)
                continue
            if vkey is not None:
                j = i + len(vkey)
                prev = toks[i - 1] if i > s else None
                elided = prev is not None and (prev.low in ELIDING
                                               or prev.text == ",")
                if elided and prev.text == "," and i >= claimed_until:
                    # ", X, mengatakan": an apposition names the speaker; only without one is the subject left out
                    np_ = self.np_left(toks, i, s)
                    if np_ is not None and np_[0] is not None:
                        elided = False
                if elided and last_spk is None:
                    # '"...," kata X sembari menambahkan ...': the speaker of the quotation before
                    for f in reversed(self.found):
                        if f.kind == "direct" and toks[s].start <= f.cue_pos < t.start:
                            last_spk = (f.speaker, f.ref if f.ref in ("sg", "pl", "per") or f.ref is None else None)
                            break
                if elided and last_spk is None:
                    # "Ia pun melontarkan kritiknya ..., mengecam ...": the subject of the sentence
                    subj = self._sentence_subject(toks, s, i)
                    if subj is not None:
                        last_spk = subj
                    else:
                        elided = False
                if i < claimed_until and not elided:
                    if prev is not None and prev.low == "yang":
                        # "... kelompok Houthi yang mengklaim ...": a named source inside the content
                        np_ = self.np_left(toks, i, s)
                        c = self._content(toks, j, e) if np_ is not None else None
                        if c is not None:
                            self.add(toks, c[0], self._trailing_attr(toks, c[0], c[1]),
                                     text[t.start:toks[j - 1].end], t.start, np_[0], np_[1], "indirect-relative")
                            i = c[1]
                            continue
                    # a verb inside reported content with its own subject: nested speech stays inside
                    # a verb inside reported content with its own subject: nested speech stays inside
                    i = j
                    continue
                if elided:
                    spk, ref = last_spk
                    # the earlier quote ends before this verb
                    self._cut_last(toks[i - 1].start if prev is not None and not prev.word else toks[i - 1].start)
                    co = None
                else:
                    np_ = self.np_left(toks, i, s)
                    if np_ is None:
                        i = j
                        continue
                    spk, ref, _ = np_
                    co = self._co_speaker(toks, np_, s)
                c = self._content(toks, j, e)
                if c is None:
                    i = j
                    continue
                ck = self._trailing_attr(toks, c[0], c[1])
                if self._anaphoric_object(toks, c[0], ck):
                    i = j       # "X mengungkapkan hal itu berdasarkan ...": the words were reported before
                    continue
                vkind = lex.verb.get(vkey)
                if vkind == "object":
                    ck = self._object_end(toks, c[0], ck)
                    if any(x[0] == toks[c[0]].start and x[2] == "PER" for x in
                           self.mentions.inside(toks[c[0]].start, toks[ck - 1].end)):
                        i = j   # "Ia menyoroti Budi yang ...": a person criticised, not words reported
                        continue
                elif vkind == "clause" and not self._is_clause(toks, j, c[0], ck):
                    i = j       # "X mengumumkan PHK untuk ...": announcing a thing, not reporting words
                    continue
                splits = [m for m in self._split_points(toks, c[0], ck)]
                stop = splits[0] if splits else ck
                while stop > c[0] and not toks[stop - 1].word:
                    stop -= 1
                via = self.find_via(toks, ck)
                before = len(self.found)
                self.add(toks, c[0], stop, text[t.start:toks[j - 1].end], t.start, spk, ref,
                         "indirect-verb" if not elided else "indirect-elided", via)
                if len(self.found) > before:
                    last_spk = (spk, ref)
                    if co is not None:
                        # "X dan Y mengumumkan bahwa ...": the same words for each of them, in text order
                        f0 = self.found[-1]
                        self.found.insert(len(self.found) - 1, Found(f0.start, f0.end, f0.kind, f0.cue, f0.cue_pos, co, via=f0.via,
                                                by="indirect-joint", confidence=0.6))
                claimed_until = max(claimed_until, stop)
                i = j  # go on inside the content: a named source in a relative clause may follow
                continue
            i += 1

    def _anaphoric_object(self, toks: list[Tok], ci: int, ck: int) -> bool:
        """Is the reported text only "hal itu/tersebut/ini" and how or when it was said ("mengungkapkan hal
        itu berdasarkan keterangan saksi", "menyampaikan hal tersebut saat ...")?  It names words given
        elsewhere, not new ones; "hal itu tidak benar" (a predicate follows) is a statement."""
        if ck - ci < 2 or toks[ci].low != "hal" or not (toks[ci + 1].low in self.lex.anaphor or toks[ci + 1].low == "ini"):
            return False
        if ci + 2 >= ck:
            return True
        nxt = toks[ci + 2]
        return (not nxt.word or nxt.low in PREPOSITIONS or nxt.low in TIME_CLAUSE or nxt.low in OCCASION_TIME
                or nxt.low in ("berdasarkan", "menanggapi", "terkait", "seraya", "sambil", "sembari"))

    def _co_speaker(self, toks: list[Tok], np_: tuple, s: int) -> Speaker | None:
        """The first of two named speakers joined by "dan" before one verb ("Presiden X dan Perdana Menteri
        Y mengumumkan ..."), when both are names; else None."""
        spk, _ref, start = np_
        if spk is None or spk.how not in ("entity", "named") or start - 1 <= s:
            return None
        if toks[start - 1].low not in ("dan", "serta", "bersama"):
            return None
        if self.mentions.covering(toks[start - 1].start) is not None:
            return None   # "dan" inside one name ("Badan Meteorologi, Klimatologi, dan Geofisika")
        r = self._np_left(toks, start - 1, s)
        if r is None or r[0] is None or r[0].how not in ("entity", "named") or r[0].name == spk.name:
            return None
        if r[2] > s and toks[r[2] - 1].word and toks[r[2] - 1].low not in self.lex.connective:
            return None   # "sikap Jepang dan Korea": the names hang on a noun, no joint subject
        return r[0]

    def _not_speech(self, toks: list[Tok], s: int, i: int, e: int) -> bool:
        """A cue verb that reports nothing here: denied ("Ia tidak menyebutkan negara mana ..."), or a
        recognition, not an admission ("mengakui negara Palestina", "mengakui Kosovo")."""
        m = i - 1
        while m >= s and ((self.match_back(toks, m, self.lex.adverb) and toks[m].low not in NEGATORS)
                          or toks[m].low in MODALS):
            # "belum bisa memastikan", "tidak dapat menjelaskan": a modal between negator and verb
            m -= len(self.match_back(toks, m, self.lex.adverb) or (toks[m].low,))
        if m >= s and toks[m].low in NEGATORS:
            return True
        key = self.match_fwd(toks, i, self.lex.notspeech)
        if key is not None:
            return True
        vkey = self.match_fwd(toks, i, self.lex.verb)
        j = i + len(vkey) if vkey else i + 1
        if vkey and vkey in self.lex.recognition and j < e:
            ments = self.mentions.inside(toks[j].start, toks[min(e, j + 6) - 1].end)
            if any(x[0] == toks[j].start and x[2] in ("GPE", "ORG") for x in ments):
                return True
        return False

    def _sentence_subject(self, toks: list[Tok], s: int, i: int) -> tuple[Speaker | None, str | None] | None:
        """The subject of the active verb (me-, ber- word) nearest before token i that has one: "Ia pun
        melontarkan kritik ..., mengecam ..." -> Ia; "Berbicara di X bersama Y, Budi menyampaikan ...,
        meminta ..." -> Budi (a fronted participle clause has no subject of its own)."""
        for f in range(i - 1, s, -1):
            t = toks[f]
            if (t.word and not t.cap and VERB_SHAPE.match(t.low) and not t.low.startswith(("di", "ter"))
                    and self.match_fwd(toks, f, self.lex.adverb) is None and toks[f - 1].low != "yang"):
                np_ = self.np_left(toks, f, s)
                if np_ is not None and (np_[0] is not None or np_[1] is not None):
                    return np_[0], np_[1]
        # no active verb with a subject: the first verb-like word ("X, yang didukung Y, mengatakan")
        for f in range(s + 1, i):
            t = toks[f]
            if t.word and not t.cap and VERB_SHAPE.match(t.low) and self.match_fwd(toks, f, self.lex.adverb) is None:
                np_ = self.np_left(toks, f, s)
                return None if np_ is None else (np_[0], np_[1])
        return None

    def _cut_last(self, pos: int) -> None:
        if self.found and self.found[-1].kind == "indirect" and self.found[-1].end > pos:
            f = self.found[-1]
            cut = self.text[f.start:pos].rstrip(" ,;.")
            if cut.endswith(" dan"):
                cut = cut[:-4].rstrip(" ,")
            if len(cut.split()) < 2:
                self.found.pop()   # "X membantah dan menyatakan ...": the first verb reports nothing itself
                return
            f.end = f.start + len(cut)

    def menurut(self, toks: list[Tok], s: int, e: int, i: int, pkey: tuple[str, ...]):
        lex = self.lex
        j = i + len(pkey)
        if lex.prep[pkey] == "nya":
            spk, ref, after = None, "sg", j
        else:
            np_ = self.np_right(toks, j)
            if np_ is None:
                return None
            spk, ref, after = np_
            if spk is None and ref is None:
                return None
        cue = self.text[toks[i].start:toks[j - 1].end]
        if spk is not None and after + 1 < e and toks[after].text == "," and self._relays(spk):
            # "Menurut laporan Xinhua, Presiden Xi mengatakan ...": the outlet relays the words; the subject
            # of the speech verb that follows speaks, via the outlet
            for x in range(after + 2, min(e, after + 14)):
                if toks[x].text in ALL_MARKS or toks[x].text in ".;!?":
                    break
                if self.match_fwd(toks, x, lex.verb) is not None:
                    np_ = self.np_left(toks, x, after + 1)
                    if np_ is not None and (np_[0] is not None or np_[1] is not None):
                        self.via_hints.append((toks[after].start, toks[e - 1].end, spk.name))
                        return None
                    break
        # what stands before "menurut" in the sentence
        pre_words = [t for t in toks[s:i] if t.word]
        final = after >= e or toks[after].text in ".!?"
        if (not final and toks[after].text == "," and after + 1 < e and len(pre_words) >= 4
                and (toks[after + 1].low in PREPOSITIONS or self.match_fwd(toks, after + 1, lex.via))):
            # "A, menurut X, dalam angka yang ...": what follows the source is about the source, not A
            final = True
        if final:
            # "..., menurut X." : the content is what came before, after any direct quotation and its
            # attribution ('"...," demikian bunyi spanduk di Y, tempat A, menurut X.' reports A)
            ci = s
            for x in range(s, i):
                if self.is_masked(toks[x].start):
                    ci = x + 1
            if ci > s:
                ci = self._past_attribution_tail(toks, ci, i)
            ck = i
            while ck > ci and not toks[ck - 1].word:
                ck -= 1
            self.add(toks, ci, ck, cue, toks[i].start, spk, ref, "indirect-menurut")
            return after, (spk, ref)
        relative = i > s and toks[i - 1].low == "yang"
        # "Petugas, menurut dia, masih ...": a subject before an interposed source belongs to what was said;
        # "Namun, menurut X, ..." / "Sebelumnya, menurut X, ...": a connective or adverb does not
        subject_first = bool(pre_words) and toks[i - 1].text == "," and not any(
            w.low in lex.connective or w.low in lex.fragment or w.low in lex.adverb.first for w in pre_words)
        if relative or (len(pre_words) <= 2 and not subject_first):
            # "Menurut X, B" / "Namun, menurut X, B" / "..., yang menurut X B"
            c = self._content(toks, after, e, skip_openers=False)
            if relative and c is not None and sum(1 for t in toks[c[0]:c[1]] if t.word) < 4:
                return None  # "yang menurutnya penting": an aside, not a statement
        else:
            # "A, menurut X, B": the whole sentence is the reported text
            c = self._content(toks, s, e, skip_openers=False)
        if c is None:
            return None
        self.add(toks, c[0], c[1], cue, toks[i].start, spk, ref, "indirect-menurut")
        return c[1], (spk, ref)

    def _relays(self, spk: Speaker) -> bool:
        """Is the speaker a news outlet (a medium that relays others' words)?"""
        name = spk.name
        if spk.entity is not None:
            ent = self.doc.entities[spk.entity]
            if any(n.casefold() in self.lex.outlets for n in [ent.name, *ent.aliases]):
                return True
        return name.casefold() in self.lex.outlets

    def _past_attribution_tail(self, toks: list[Tok], ci: int, end: int) -> int:
        """After a direct quotation's attribution: skip its place or time phrase up to a comma
        ("... dalam sebuah protes di Y, tempat A" -> "tempat A")."""
        while ci < end and not toks[ci].word:
            ci += 1
        if ci < end and (toks[ci].low in PREPOSITIONS or toks[ci].low in DAYS):
            for x in range(ci, end):
                if toks[x].text == ",":
                    return x + 1
        return ci

    def interposed(self, toks: list[Tok], s: int, e: int, i: int, ckey: tuple[str, ...]):
        """``A, kata X, B.`` (whole sentence) or ``A, kata X.`` (A)."""
        lex = self.lex
        j = i + 1 + len(ckey)
        nya = (lex.post.get(ckey) or lex.passive.get(ckey)) == "nya"
        if nya:
            spk, ref, after = None, "sg", j
        else:
            np_ = self.np_right(toks, j)
            if np_ is None:
                return None
            spk, ref, after = np_
        cue = self.text[toks[i + 1].start:toks[j - 1].end]
        # "Ia menyoroti A. Termasuk, lanjut X, B.": a fragment kept in the sentence before carries its own
        # cue; it starts at that full stop, and the earlier quote ends there
        for x in range(i - 1, s, -1):
            if toks[x].text in ".!?;" and not self.is_masked(toks[x].start):
                self._cut_last(toks[x].start)
                s = x + 1
                break
        # the attribution may go on with time, place, medium: up to the next comma or the end
        m = after
        while m < e and toks[m].text not in ",.!?" and toks[m].text not in ALL_MARKS:
            m += 1
        if m < e and toks[m].text == "," and m + 1 < e and any(tk.word for tk in toks[m + 1:e]):
            rest_words = [tk for tk in toks[m + 1:e] if tk.word]
            via_only = self.match_fwd(toks, m + 1, lex.via) is not None
            if rest_words and not via_only:
                pre = [tk for tk in toks[s:i] if tk.word]
                if len(pre) <= 2:
                    c = self._content(toks, m + 1, e, skip_openers=False)
                else:
                    c = self._content(toks, s, e, skip_openers=False)
                if c is None:
                    return None
                self.add(toks, c[0], c[1], cue, toks[i + 1].start, spk, ref, "indirect-interposed",
                         self.find_via(toks, after))
                return e, (spk, ref)
        ck = i
        ci = s
        while ci < ck and (toks[ci].low in lex.connective and toks[ci].low in ("dan", "tetapi", "namun")):
            ci += 1
        self.add(toks, ci, ck, cue, toks[i + 1].start, spk, ref, "indirect-final", self.find_via(toks, after))
        return e, (spk, ref)

    def passive(self, pi: int, toks: list[Tok], s: int, e: int, i: int, qkey: tuple[str, ...]):
        lex = self.lex
        j = i + len(qkey)
        cue = self.text[toks[i].start:toks[j - 1].end]
        nya = (lex.passive.get(qkey) or lex.name.get(qkey)) == "nya"
        k = j
        while k < e and self.match_fwd(toks, k, lex.adverb) and toks[k].low not in NEGATORS:
            k += len(self.match_fwd(toks, k, lex.adverb))   # "Disampaikan pula oleh X"
        if k < e and toks[k].low == "oleh":
            k += 1
        if nya:
            spk, ref, after = None, "sg", j
        else:
            np_ = self.np_right(toks, k, stop_at=e)
            if np_ is None:
                return None
            spk, ref, after = np_
        # "... yang dikatakan Washington sebagai X"
        if after < e and toks[after].low == "sebagai":
            c = self._content(toks, after + 1, e, skip_openers=False)
            if c is None:
                return None
            ck = c[1]
            for m in range(c[0], c[1]):
                if toks[m].text == ",":
                    ck = m
                    break
            self.add(toks, c[0], ck, cue, toks[i].start, spk, ref, "indirect-passive-sebagai")
            return ck, (spk, ref)
        pre = [tk for tk in toks[s:i] if tk.word]
        pre_low = [tk.low for tk in pre]
        if all(w in lex.connective or w in lex.adverb.first for w in pre_low) and (spk is not None or ref):
            # fronted cue: "Disampaikan Menteri X di depan forum, Selasa (1/2), bahwa A" / "Disebutkan X bahwa A"
            for m in range(after, e):
                if self.is_masked(toks[m].start):
                    break
                if toks[m].low == "bahwa":
                    c = self._content(toks, m + 1, e, skip_openers=False)
                    if c is None:
                        return None
                    self.add(toks, c[0], self._trailing_attr(toks, c[0], c[1]), cue, toks[i].start, spk, ref,
                             "indirect-passive-fronted")
                    return c[1], (spk, ref)
        if (pre and toks[i - 1].word and toks[i - 1].low not in ("yang", "oleh") and spk is not None
                and spk.how in ("entity", "named") and after < e and toks[after].word and not toks[after].cap
                and (VERB_SHAPE.match(toks[after].low) or toks[after].low in PREDICATE_WORDS
                     or toks[after].low in ("masih", "sedang", "tengah")) and toks[after].low not in PREPOSITIONS):
            # "Budi juga disebut Ani berada di ...": the agent says that the subject did or is something;
            # the subject and its predicate are what was said (a bare phrase after the agent is the occasion)
            c = self._content(toks, s, e, skip_openers=False)
            if c is not None:
                self.add(toks, c[0], self._trailing_attr(toks, c[0], c[1]), cue, toks[i].start, spk, ref,
                         "indirect-passive-subject")
                return c[1], (spk, ref)
        # "Hal itu disampaikan X ...": the speech is the sentence or paragraph before
        if 1 <= len(pre) <= 3 and pre_low[-1] in lex.anaphor:
            if s > 0:
                prev_range = self.sentences(pi)
                idx = [r for r in prev_range if r[1] <= s]
                if not idx:
                    return None
                ps, pe = idx[-1]
                ptoks = toks
            else:
                if pi == 0:
                    return None
                ptoks = self.ptoks[pi - 1]
                ps, pe = 0, len(ptoks)
            if not ptoks or ps >= pe:
                return None
            a, b = ptoks[ps].start, ptoks[pe - 1].end
            if any(f.start < b and a < f.end for f in self.found) or any(x < b and a < y for x, y in self.masked):
                return None  # already reported: the sentence may still carry its own attribution
            c = self._content(ptoks, ps, pe, skip_openers=False)
            if c is not None:
                self.add(ptoks, c[0], c[1], cue, toks[i].start, spk, ref, "indirect-hal-itu", conf=0.6)
            return e, (spk, ref)
        # "X, yang diklaim oleh Y": the claimed thing is the clause before
        if toks[j].low == "oleh" if j < e else False:
            m = i - 1
            if m >= s and toks[m].low == "yang":
                m -= 1
            if m >= s and toks[m].text == ",":
                m -= 1
            end_m = m + 1
            # the claimed thing is a short phrase back to a comma or a clause word ("setelah serangan ...")
            while m >= s and toks[m].word and toks[m].low not in lex.connective:
                m -= 1
            ci = m + 1
            nwords = sum(1 for x in toks[ci:end_m] if x.word)
            # the claimed thing is a short noun phrase ("serangan pesawat tak berawak"), not a clause
            if 2 <= nwords <= 8 and toks[ci].low not in PREPOSITIONS:
                while end_m > ci and not toks[end_m - 1].word:
                    end_m -= 1
                self.add(toks, ci, end_m, cue, toks[i].start, spk, ref, "indirect-passive-oleh", conf=0.6)
                return after, (spk, ref)
        return None

    # ---- speakers in document order ------------------------------------------------------
    def resolve(self) -> list[Quote]:
        self.found.sort(key=lambda f: (f.start, f.end))
        history: list[Speaker] = []   # explicit speakers so far, in order
        out: list[Quote] = []
        pending: list[int] = []
        subjects = sorted(self.subject_persons() + self.topic_speakers, key=attrgetter("pos"))
        # a pronoun or -nya refers back to a subject, not to a person another verb acts on
        heads = [sp for sp in subjects if not self._after_verb(sp.pos)]
        for idx, f in enumerate(self.found):
            spk = f.speaker
            if spk is None:
                if f.ref and f.ref.startswith("document:"):
                    spk = self._document(history, f.ref, f.cue_pos)
                elif f.ref and f.ref.startswith("anaphor"):
                    spk = self._anaphor(history, f.ref.partition(":")[2], f.cue_pos)
                elif f.ref in ("sg", "pl", "per", "continue"):
                    spk = self._last(history, "sg" if f.ref == "continue" else f.ref, f.cue_pos, heads)
                if spk is not None:
                    f.confidence = min(f.confidence, 0.7)
                    f.speaker = spk
                else:
                    pending.append(idx)
            elif spk.entity is None and spk.how in ("role", "unnamed", "named") and self._is_office(spk.name):
                holder = self._role_is_last_person(history, subjects, spk, f.cue_pos)
                if holder is not None:
                    f.speaker = holder
                    f.confidence = min(f.confidence, 0.6)
            if f.speaker is not None:
                history.append(Speaker(f.speaker.name, f.speaker.entity, f.speaker.type, f.speaker.number,
                                       f.cue_pos, f.speaker.how))
        # a pronoun with nothing before it (a lead "Ia mengaku ..."): the next named speaker nearby
        for idx in pending:
            f = self.found[idx]
            if f.ref not in ("sg", "pl", "per"):
                continue
            pa = self.para_of(f.start)
            for g in self.found[idx + 1:]:
                if self.para_of(g.start) > pa + 2:
                    break
                if g.speaker is not None and g.speaker.how in ("entity", "named"):
                    f.speaker = g.speaker
                    f.confidence = 0.5
                    break
        for f in self.found:
            if f.kind == "direct" and f.by == "direct-uncued" and f.speaker is None:
                continue
            if f.kind == "indirect" and f.speaker is None:
                continue
            text = self.text[f.start:f.end]
            sp = f.speaker
            out.append(Quote(
                text=text, kind=f.kind, speaker=sp.name if sp else None, cue=f.cue, start=f.start, end=f.end,
                via=f.via, speaker_id=(self.doc.entities[sp.entity].id if sp and sp.entity is not None else None),
                speaker_type=(sp.type if sp and sp.entity is not None else None),
                confidence=round(f.confidence, 2), by=f.by))
        return out

    def subject_persons(self) -> list[Speaker]:
        """People named in the narrative (not inside anyone's quoted or reported words): candidates for a
        later pronoun even when they were not quoted ("Anggota Komisi II Mardani Ali Sera mengapresiasi KPU.
        Menurutnya, ...")."""
        spans = [(f.start, f.end) for f in self.found] + self.masked
        out = []
        for m in self.mentions.items:
            if m[2] != "PER":
                continue
            if any(x <= m[0] and m[1] <= y for x, y in spans):
                continue
            sp = self.mentions.entity(m)
            sp.pos = m[0]
            out.append(sp)
        return out

    def _after_verb(self, pos: int) -> bool:
        """Is the name at pos the object of a verb of its sentence ("Ia menegur Budi ...")?"""
        a = max(self.text.rfind(".", 0, pos), self.text.rfind("\n", 0, pos), self.text.rfind("?", 0, pos),
                self.text.rfind("!", 0, pos), pos - 200)
        return OBJECT_VERB.search(self.text, a + 1, pos) is not None

    def _is_office(self, phrase: str) -> bool:
        """Does the phrase open with an office ("Menteri ...", "Juru bicara ...", "Anggota Komisi ...")?"""
        words = tuple(phrase.lower().split())
        if not words:
            return False
        if words[0] in MEMBER_HEADS:
            return True
        for n in self.lex.head.first.get(words[0], ()):
            key = words[:n]
            if len(key) == n and key in self.lex.head and self.lex.head[key][0] == "role":
                return True
        return False

    def _role_is_last_person(self, history: list[Speaker], subjects: list[Speaker], spk: Speaker,
                             pos: int) -> Speaker | None:
        """An office named without its holder, written as a definite title ("Anggota Komisi IX DPR
        menyinggung ...", no "seorang"): journalists use it to refer back to the person just quoted or
        named.  That person, when one stands in this paragraph or the one before and no other office is
        known for them; otherwise None (the office stays as written)."""
        words = spk.name.split()
        if not words or not words[0][:1].isupper() or words[0].lower() in INDEFINITE:
            return None
        pa = self.para_of(pos)
        cands = [h for h in history if h.pos < pos] + [sp for sp in subjects if sp.pos < pos]
        if not cands:
            return None
        last = max(cands, key=lambda h: h.pos)   # the last one spoken of, quoted or not
        if last.type != "PER" or last.entity is None or self.para_of(last.pos) < pa - 1:
            return None
        role = self.doc.entities[last.entity].role
        if role and role.split()[0].lower() != words[0].lower():
            return None   # the person holds another office: the title names someone else
        return last

    def _anaphor(self, history: list[Speaker], words: str, pos: int) -> Speaker | None:
        """"kementerian itu" -> the last speaker whose name holds "kementerian", else the last speaker."""
        earlier = [h for h in history if h.pos < pos]
        keys = [w for w in words.split() if len(w) >= 4]
        for h in reversed(earlier):
            low = h.name.lower()
            if any(k in low for k in keys):
                return h
        hk = self.lex.head.get(tuple(words.split()[:1])) or self.lex.head.get(tuple(words.split()[:2]))
        if hk is not None and hk[0] == "group":
            # "kelompok militan tersebut", "organisasi itu": the organisation last spoken of, quoted or only
            # named, in this paragraph or the two before; not a person quoted in between
            lo = self.paras[max(0, self.para_of(pos) - 2)][0]
            cands = [h for h in earlier if h.type == "ORG" and h.pos >= lo]
            i = bisect_left(self.mentions.starts, pos)
            for m in reversed(self.mentions.items[:i]):
                if m[0] < lo:
                    break
                if m[2] == "ORG" and m[1] <= pos:
                    sp = self.mentions.entity(m)
                    sp.pos = m[0]
                    cands.append(sp)
                    break
            if cands:
                return max(cands, key=lambda h: h.pos)
        return earlier[-1] if earlier else None

    def _last(self, history: list[Speaker], number: str | None, pos: int, subjects: list[Speaker]) -> Speaker | None:
        if number == "per":
            # "ia", "dirinya": a person; an organisation quoted in between ("... setelah Taliban mengaku ...")
            # is passed over, unless no person has spoken or been named before.  (Not a GPE: the entities
            # stage gives some unknown personal names that type.)
            people = [h for h in history if h.type != "ORG" and h.how not in ("group", "document")]
            return self._last(people, "sg", pos, subjects) or self._last(history, "sg", pos, subjects)
        cand = None
        for h in reversed(history):
            if h.pos >= pos:
                continue
            if number == "sg" and h.number == "pl":
                continue
            if number == "pl" and h.number == "sg" and h.type == "PER":
                continue
            cand = h
            break
        if number in ("sg", None):
            for sp in reversed(subjects):
                if sp.pos < pos:
                    if cand is None or sp.pos > cand.pos:
                        cand = sp
                    break
        return cand


# ----------------------------------------------------------------------------- the stage


def extract(doc: Doc, res: Resources) -> list[Quote]:
    ex = Extractor(doc, get_lexicon(res))
    ex.split_paragraphs()
    if not ex.paras:
        return []
    ex.direct()
    ex.indirect()
    return ex.resolve()


@stage("quotes", requires=(), provides=("quotes",))
def run(doc: Doc, res: Resources) -> None:
    doc.quotes = extract(doc, res)


STAGE = run
