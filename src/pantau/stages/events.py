"""events stage: CAMEO-coded who-did-what-to-whom from Indonesian sentences.

A rule coder in the spirit of TABARI/PETRARCH, built for Indonesian word order instead of an English
parse tree.  For each analysed sentence it

1. finds *actors*: entity mentions from the entities stage (countries, people with a country and role,
   organisations), agent nouns joined to them ("pasukan Rusia" -> RUSMIL, ``lang/id/agents.tsv``),
   international bodies (PBB -> IGOUNO / UNO) and "Barat" as the West (WST);
2. finds *triggers* from ``lang/id/cameo_verbs.tsv`` (longest match wins);
3. attaches a source and a target by the trigger's kind: active verbs take the subject on the left and
   the first actor on the right; passives (di-) swap them; nouns take the actor right after them
   ("serangan Rusia terhadap Ukraina"); reciprocal predicates ("bertemu", "memperkuat hubungan") code
   every pair both ways; criticism wording inside reported speech is the speaker's accusation;
4. refuses negated or conditional triggers ("tidak akan menyerang", "membantah telah menyerang",
   "batal bertemu", "jika ... mencabut") and turns announced force ("akan menyerang") into a threat;
5. merges identical (source, target, code) triples of one article into one Event with every mention.

Inside a quotation the speaker (Doc.quotes, from the quotes stage) stands in for "kami"/"kita" and for
a missing source.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..cameo import CameoTable, cameo_table, quad_class
from ..doc import Doc
from ..errors import ResourceError
from ..model import Event, EventMention
from ..pipeline import stage
from ..resources import Resources, lang_path

# --- tunables (one place) -------------------------------------------------------------------------
#: how far (tokens) a source may stand left of its predicate, and a target right of it
LEFT_WINDOW = 14
RIGHT_WINDOW = 9
#: tokens before a trigger that are searched for negation, condition and modality words
NEG_WINDOW = 3
#: modifier tokens allowed between an agent noun and the country that owns it ("Menteri Luar Negeri Rusia")
AGENT_GAP = 3

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_ISO3 = re.compile(r"[A-Z]{3}")

# Function words of Indonesian: closed classes, kept in code as grammar, not as a lexicon.
NEGATION = frozenset("tidak tak bukan belum enggan batal urung gagal jangan tanpa membantah menampik "
                     "menyangkal menolak".split())
CONDITION = frozenset("jika kalau apabila bila seandainya andaikan andai".split())
MODALITY = frozenset("akan berniat ingin berencana bertekad siap bersedia hendak mengancam selain".split())
#: speculation ("bisa bertemu") and embedded, wished-for actions ("mendesak agar ... mengusir") report no event
IRREALIS = frozenset("bisa dapat mungkin barangkali kemungkinan agar supaya untuk harus perlu seharusnya "
                     "semestinya diprediksi diperkirakan hampir nyaris".split())
#: words between a support verb and its event noun ("memerintahkan lebih banyak sanksi")
QUANTIFIERS = frozenset("lebih banyak beberapa sejumlah serangkaian berbagai rentetan gelombang baru "
                        "sebuah satu dua tiga".split())
#: verbs that carry an event noun for its subject ("Hamas melancarkan serangan", "AS menjatuhkan sanksi")
SUPPORT_VERBS = frozenset("melancarkan melakukan menjatuhkan memberlakukan mengenakan meluncurkan menggelar "
                          "memberikan memberi mengirim mengirimkan menyalurkan mengeluarkan mengumumkan "
                          "mengungkap memerintahkan menerapkan mempertahankan menambah memperluas memperketat mengadakan "
                          "melayangkan menyampaikan melontarkan meningkatkan membalas".split())
#: words before a noun event that make the sentence's subject its sufferer ("kehancuran akibat sanksi Barat")
SUFFER = frozenset("akibat karena oleh dampak".split())
#: third-person pronouns that stand for the speaker of the quotation they are attached to
PRONOUNS = frozenset("ia dia beliau".split())
#: words that end the clause when searching right for a target
RIGHT_STOP = frozenset("karena sehingga tetapi namun setelah sebelum ketika saat sementara sedangkan "
                       "padahal meski meskipun walaupun walau agar supaya bahwa sejak hingga".split())
#: words that end the clause when searching left for a subject
LEFT_STOP = frozenset("namun tetapi sedangkan padahal sementara".split())
#: words that join actors into one group ("Rusia dan China", "AS, Inggris, serta Prancis")
COORD = frozenset("dan serta maupun atau & , khususnya termasuk yakni yaitu terutama antara - ( )".split())
#: prepositions that introduce a noun's target ("serangan X terhadap Y")
TARGET_PREP = frozenset("terhadap atas kepada ke pada untuk bagi melawan dengan antara dekat menentang".split())
#: prepositions that make the actor after them a place, not a participant ("di Suriah")
LOCATIVE = frozenset("di dari".split())
#: agent roles whose demonstrative phrase ("kelompok militan tersebut") names an organisation named before
ANAPHOR_ROLES = frozenset({"REB"})
DEMONSTRATIVES = frozenset("tersebut itu ini".split())
#: without sentence offsets, how far back (characters) a demonstrative group noun looks for its referent
ANAPHOR_CHARS = 600
#: modifiers allowed between an agent noun and the country or name it belongs to
AGENT_MODIFIERS = frozenset("luar negeri dalam tinggi senior besar pertahanan keamanan nasional militer laut "
                            "udara darat kepresidenan urusan kabinet federal asing bersenjata khusus utama "
                            "agung umum tertinggi pemerintah pemerintahan para kepala armada ketujuh "
                            "revolusi pembebasan rakyat perdana wakil komando pusat selatan utara timur barat "
                            "kiri kanan koalisi negara".split())
FIRST_PERSON = frozenset("kami kita".split())
STRONG_BOUNDARY = frozenset('. ; ? ! " “ ” :'.split())
#: place names that "Barat" completes: not the West as a bloc
BARAT_LEFT_OK = frozenset("dan sanksi negara negara-negara oleh terhadap dengan serta kepada pihak blok kubu "
                          "sekutu melawan".split())
BARAT_PLACES = frozenset("jawa papua kalimantan nusa tenggara sumatera sumatra sulawesi jakarta bandung "
                         "jerman eropa asia pantai tepi sahara timor lombok aceh pasaman".split())

#: announced force becomes a threat (CAMEO 13x); announced cooperation an intent (03x)
MODAL_CODE = {"14": "133", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138",
              "04": "036", "06": "031", "07": "033"}
#: roles that a bare agent noun may take from the article's home country ("para menteri" in Jakarta news)
INSTITUTIONAL = frozenset({"GOV", "LEG", "JUD", "COP", "OPP"})
#: the country whose press this is: its own officials go without a country name
PRESS_COUNTRY = "IDN"
#: below this many actor mentions with a country, places count towards the article's home country
PLACES_DECIDE_BELOW = 3
#: roots of material force whose place names their target (CAMEO 18 assault, 19 fight, 20 mass violence)
FORCE_ROOTS = frozenset({"18", "19", "20"})
#: roles of the state: officials whom the press names without their country
STATE_ROLES = frozenset({"GOV", "LEG", "JUD", "COP", "MIL"})
#: roles of society that protest and demand; with no one named, their own government is the target
PROTESTERS = frozenset({"OPP", "CVL", "LAB", "EDU"})
KINDS = frozenset("VPNRCXSLD")
#: roles that make an actor a visitor ("Presiden Afrika Selatan tiba di Jakarta"); citizens arriving are no visit
VISITOR_ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
#: kind D: the target must start this close to the verb ("mengakui Palestina", not "mengakui bahwa ... Palestina")
DIRECT_REACH = 2
#: a word right before an actor that puts it in a prepositional phrase: no clause subject
#: ("Trump dalam percakapan telepon dengan MBS mengutuk ..." -> Trump, not MBS)
OBLIQUE_PREP = frozenset("dengan dari kepada terhadap oleh bagi atas tentang soal mengenai antara di ke pada "
                         "melawan bersama menurut untuk sejak hingga sampai menuju dekat".split())
#: words that introduce a news source ("dikutip dari Al Jazeera", "dilansir AFP"): never an actor
ATTRIBUTION = frozenset("dilansir dikutip mengutip melansir diberitakan dilaporkan laporan menurut lansir "
                        "dilansirkan seperti".split())
#: nouns whose owner is no participant ("melanggar resolusi PBB" accuses nobody of the UN)
DOCUMENT_NOUNS = frozenset("resolusi piagam konvensi hukum aturan ketentuan mandat statuta undang-undang uu ruu revisi "
                           "sidang forum markas situs laman akun kantor juru".split())
#: words opening an adverbial clause: its subject is the main clause's ("X menjelaskan ... saat menerima
#: telepon dari Y")
SUBORDINATORS = frozenset("saat ketika sewaktu tatkala sambil sembari seraya usai setelah sebelum selagi".split())
#: words joining a second predicate to the first ("mengutuk serangan itu dan siap membantu Arab Saudi"): the
#: second shares the clause's subject, not the first predicate's object
PREDICATE_LINKS = frozenset("dan serta lalu kemudian sekaligus lantas".split())
#: verbs of a decision taken: "memutuskan untuk X" reports X as done, unlike a purpose ("untuk X")
DECIDED = frozenset("memutuskan diputuskan sepakat bersepakat setuju menyetujui".split())
#: words before "untuk" that make the purpose an announced intent ("kesiapan negaranya untuk membalas")
READINESS = frozenset("siap kesiapan bersiap kesiapsiagaan bertekad tekad bersedia kesediaan berjanji janji "
                      "bersumpah sumpah mengancam ancaman".split())
#: words that date an action before the story: background ("terakhir kali bertemu", "pernah menyerang")
BACKGROUND = frozenset("pernah terakhir dulu dahulu silam".split())
#: announced cuts of relations are decisions, not threats ("Taipei akan memutuskan hubungan")
#: consultations are mutual: the other side of a visit is a host, of a call a call; mediation is one-sided
RECIPROCAL_CODE = {"042": "043", "043": "042"}
ONE_WAY_MEETINGS = frozenset({"045"})

#: "setempat", "lokal": an agent noun of the place the story is set in
LOCAL_WORDS = frozenset("setempat lokal".split())

#: restrictions of freedoms (1721) and curfews (1723): with no one named, the government's own people suffer them
OWN_PEOPLE_CODES = ("1721", "1723")
MODAL_KEEP = ("160", "161", "164", "166")
#: rubrics of sport and entertainment: their "menyerang", "bertemu", "mengalahkan" are no politics; only
#: sanctions and bans (16x) against a team or country are kept
NONPOLITICAL_RUBRIC = re.compile(r"\b(?:olahraga|sepak\s*bola|bola|sports?|hiburan|seleb\w*|selebriti|"
                                 r"entertainment|showbiz|musik|film|motogp|f1|liga\s+\w+|raket|badminton|"
                                 r"bulu\s*tangkis|basket|tinju|otomotif|lifestyle|gaya\s+hidup|kuliner|"
                                 r"wisata|travel|k-?pop|tekno\w*|techno|teknologi|gadget|games?|sains)\b", re.IGNORECASE)
#: rubrics of foreign news: there a titled official named without a country is not presumed Indonesian
FOREIGN_RUBRIC = re.compile(r"\b(?:dunia|internasional|international|global|world|mancanegara|luar\s+negeri|"
                            r"asia|eropa|amerika|timur\s+tengah)\b", re.IGNORECASE)
#: words of real violence: with them "menyerang" a person is physical, without them (politicians) verbal
VIOLENCE_WORDS = frozenset("senjata bom rudal roket tembak ditembak menembak pisau tewas luka terluka ledakan "
                           "pasukan tentara militer drone granat peluru menikam ditikam dibunuh membunuh".split())
#: "dua tahun lalu", "tahun lalu", "pada Februari lalu": dates the sentence back before the story
_MONTHS = ("januari februari maret april mei juni juli agustus september oktober november desember").split()
_PAST_SPAN = re.compile(r"\b(?:(?:\d+|satu|dua|tiga|empat|lima|enam|beberapa|puluhan)\s+(?:tahun|dekade|dasawarsa)"
                        r"\s+(?:yang\s+)?(?:lalu|silam)|tahun\s+lalu|tahun\s+silam)\b", re.IGNORECASE)
_MONTH_REF = re.compile(r"\b(?:pada|sejak|bulan)\s+(?:bulan\s+)?(" + "|".join(_MONTHS) + r")\b(?:\s+((?:19|20)\d\d))?",
                        re.IGNORECASE)
#: how many days before publication a dated sentence becomes background
PAST_DAYS = 45
#: how far back (characters) a quotation's speaker still stands for "ia"/"dia" in the narration
NARRATOR_REACH = 300
#: "pada 1984", "sejak tahun 2015": a sentence dated years before the article is background
_PAST_YEAR = re.compile(r"\b(?:pada|sejak|tahun)\s+(?:tahun\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
#: "*" in a pattern: one to GAP_MAX words of the clause ("meminta * mundur")
GAP = frozenset({"*"})
GAP_MAX = 5
#: verbs that join a noun event to its target like a preposition ("serangan X menewaskan Y")
#: auxiliaries that start a clause after a noun ("mengakui Rusia telah ...")
CLAUSE_AUX = frozenset("telah sudah belum tidak tak masih akan sedang harus perlu bisa dapat mampu ingin adalah "
                       "merupakan".split())
#: words that frame a reciprocal noun as the subject's own ("dalam percakapan telepon dengan X")
NOUN_FRAMES = frozenset("dalam melalui lewat via saat ketika usai setelah sebelum seusai selama".split())
NOUN_TARGET_VERBS = frozenset("menewaskan menghantam menyasar menargetkan melukai merusak mengenai".split())


# --- dictionaries ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pattern:
    row: int
    code: str
    kind: str
    text: str
    slots: tuple[frozenset[str], ...]
    example: str
    expect: str


@dataclass(frozen=True, slots=True)
class Agent:
    words: tuple[str, ...]
    code: str
    country: str | None  # None: a role noun needing a country; set: a self-standing body


@dataclass(slots=True)
class Lexicon:
    patterns: list[Pattern]
    by_first: dict[str, list[Pattern]]
    agents: dict[str, list[Agent]]
    agent_names: dict[str, Agent]
    table: CameoTable
    #: ``by_first`` for headlines, whose verbs drop their meN- prefix ("RI Tahan Impor", "Koalisi
    #: Kritik Panglima" for "menahan", "mengkritik"): every active pattern also with its base forms
    head_by_first: dict[str, list[Pattern]] = field(default_factory=dict)


def _rows(path) -> list[tuple[int, list[str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read {path}: {exc}") from exc
    out, header = [], False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if not header:
            header = True
            continue
        out.append((n, parts))
    return out


def load_patterns(table: CameoTable, path=None) -> list[Pattern]:
    path = path or lang_path("cameo_verbs.tsv")
    pats: list[Pattern] = []
    for n, parts in _rows(path):
        if len(parts) != 5:
            raise ResourceError(f"{path.name}:{n}: expected 5 tab-separated columns, got {len(parts)}")
        code, kind, text, example, expect = (p.strip() for p in parts)
        if kind not in KINDS:
            raise ResourceError(f"{path.name}:{n}: unknown kind {kind!r}")
        if kind in "XS":
            if code != "-":
                raise ResourceError(f"{path.name}:{n}: kind {kind} rows code nothing: write -")
        elif code not in table:
            raise ResourceError(f"{path.name}:{n}: {code!r} is not a CAMEO code")
        slots = tuple(frozenset(alt for alt in w.split("|")) for w in text.lower().split())
        if not slots or slots[0] == GAP or slots[-1] == GAP:
            raise ResourceError(f"{path.name}:{n}: empty pattern")
        pats.append(Pattern(n, code, kind, text, slots, example, expect))
    return pats


def load_agents(path=None) -> list[Agent]:
    path = path or lang_path("agents.tsv")
    agents: list[Agent] = []
    for n, parts in _rows(path):
        if len(parts) not in (2, 3):
            raise ResourceError(f"{path.name}:{n}: expected phrase<TAB>code[<TAB>country]")
        phrase, code = parts[0].strip().lower(), parts[1].strip()
        country = parts[2].strip() if len(parts) == 3 and parts[2].strip() else None
        if not phrase or not re.fullmatch(r"[A-Z]{3,9}", code):
            raise ResourceError(f"{path.name}:{n}: bad row {parts!r}")
        agents.append(Agent(tuple(phrase.split()), code, country))
    return agents


def build_lexicon(table: CameoTable) -> Lexicon:
    pats = load_patterns(table)
    by_first = _index(pats)
    head_by_first = _index(pats + [h for p in pats if (h := _headline_form(p)) is not None])
    agents: dict[str, list[Agent]] = {}
    names: dict[str, Agent] = {}
    for a in load_agents():
        agents.setdefault(a.words[0], []).append(a)
        names[" ".join(a.words)] = a
    for lst in agents.values():
        lst.sort(key=lambda a: -len(a.words))
    return Lexicon(pats, by_first, agents, names, table, head_by_first)


def _index(pats: list[Pattern]) -> dict[str, list[Pattern]]:
    """Patterns by the words their first slot accepts, longest pattern first."""
    by_first: dict[str, list[Pattern]] = {}
    for p in pats:
        for w in p.slots[0]:
            by_first.setdefault(w, []).append(p)
    for lst in by_first.values():
        lst.sort(key=lambda p: -len(p.slots))  # longest first
    return by_first


def base_forms(word: str) -> set[str]:
    """What a meN- verb may look like without its prefix, as headlines write it: the nasal takes
    the place of the base's first consonant (menahan < tahan, menyerang < serang, memukul < pukul,
    mengirim < kirim) or stands before it (mendesak < desak, membantah < bantah, menggelar < gelar,
    melarang < larang).  Every reading is returned; a wrong one is a word no text contains."""
    out: set[str] = set()
    if not word.startswith("me") or len(word) < 6:
        return out
    rest = word[2:]
    if rest.startswith("nge") and len(rest) <= 7:
        out.add(rest[3:])  # mengebom < bom
    if rest.startswith("ng"):
        r = rest[2:]
        out.add(r)  # mengancam < ancam, menggelar < gelar, menghentikan < hentikan
        if r[:1] in _VOWELS:
            out.add("k" + r)  # mengecam < kecam, mengirim < kirim
    elif rest.startswith("ny"):
        r = rest[2:]
        if r[:1] in _VOWELS:
            out.add("s" + r)  # menyerang < serang
        out.add(rest)  # menyanyi < nyanyi
    elif rest[:1] in _NASAL_FOR:
        r = rest[1:]
        if r[:1] in _VOWELS:
            # memukul < pukul, memutuskan < putuskan, menahan < tahan; also meminta < minta, menanti < nanti
            out.add(_NASAL_FOR[rest[0]] + r)
            out.add(rest)
        else:
            out.add(r)  # membantah < bantah, memperkuat < perkuat, mendesak < desak, menjatuhkan < jatuhkan
    elif rest[:1] in "lrwy":
        out.add(rest)  # melarang < larang, merebut < rebut
    return {b for b in out if len(b) >= 3}


_VOWELS = frozenset("aeiou")
#: the consonant a nasal of meN- replaces before a vowel ("ng" and "ny" are handled on their own)
_NASAL_FOR = {"m": "p", "n": "t"}


def _headline_form(p: Pattern) -> Pattern | None:
    """The active pattern with its meN- words also in their base forms, or None when it has none."""
    if p.kind not in "VDR":
        return None
    slots = tuple(slot if slot is GAP or slot == GAP else frozenset(slot | {b for w in slot for b in base_forms(w)})
                  for slot in p.slots)
    return None if slots == p.slots else Pattern(p.row, p.code, p.kind, p.text, slots, p.example, p.expect)


def lexicon(res: Resources) -> Lexicon:
    # the table first: Resources.get holds a non-reentrant lock while a factory runs
    table = cameo_table(res)
    return res.get("events.lexicon", lambda _r: build_lexicon(table))


# --- actors ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class Actor:
    start: int  # character offsets into Doc.text
    end: int
    tok0: int  # token span in the sentence (inclusive)
    tok1: int
    country: str | None
    role: str | None = None
    full: str | None = None  # a full code given by a body ("IGOUNO")
    key: str = ""  # identity: entity index or agent+country
    name: str = ""
    group: int = -1  # coordination group id
    pronoun: bool = False
    is_country: bool = False  # a country named as such ("Kanada"), not a part of it
    locative: bool = False  # after "di": a place
    own: bool = False  # unresolved, and the subject's own ("pasukan" it deploys, "warganya"): no target
    place: bool = False  # a city or territory standing for its country ("Jakarta", "Tepi Barat" -> PSE)
    oblique: bool = False  # inside a prepositional phrase or relative clause: never the clause's subject
    modifier: bool = False  # owner of a document noun ("resolusi PBB"): nobody's accused
    person: bool = False  # a named person (PER entity)

    @property
    def code(self) -> str:
        if self.full:
            return self.full
        return (self.country or "") + (self.role or "")


class Tok:
    """One token, offsets into ``Doc.text``.  A plain slotted class with no ``__init__``: ``Tok()`` plus
    attribute stores costs a third of a dataclass ``__init__`` call, and a sentence makes dozens."""

    __slots__ = ("start", "end", "text", "low")
    start: int
    end: int
    text: str
    low: str

    def __repr__(self) -> str:
        return f"Tok(start={self.start!r}, end={self.end!r}, text={self.text!r}, low={self.low!r})"


def tokenize(text: str, base: int) -> list[Tok]:
    out = []
    append = out.append
    for m in _TOKEN.finditer(text):
        a, b = m.span()
        tok = Tok()
        tok.start = a + base
        tok.end = b + base
        tok.text = w = text[a:b]
        tok.low = w.lower()
        append(tok)
    return out


def _role_from_words(words: list[str], lex: Lexicon) -> str | None:
    """The role code named by a title or organisation name ("Menteri Luar Negeri" -> GOV)."""
    role = None
    i = 0
    while i < len(words):
        for a in lex.agents.get(words[i], ()):
            n = len(a.words)
            if tuple(words[i:i + n]) == a.words and a.country is None:
                # the head noun comes first in Indonesian: keep the first role, except that a military
                # or police word later in the name makes it specific ("Kementerian Pertahanan" -> MIL rows)
                if role is None or a.code in ("MIL", "COP") and role == "GOV" and n > 1:
                    role = a.code
                i += n - 1
                break
        i += 1
    return role


def _entity_actor(ent: Any, lex: Lexicon) -> tuple[str | None, str | None, str | None]:
    """(country, role, full code) of an entity, or Nones when it is no political actor."""
    name_words = str(ent.name).lower().split()
    body = lex.agent_names.get(" ".join(name_words))
    if body is None:
        for alias in getattr(ent, "aliases", None) or []:
            body = lex.agent_names.get(str(alias).lower())
            if body is not None:
                break
    if body is not None and body.country:
        return body.country, None, body.code
    eid = ent.id if isinstance(ent.id, str) else None
    if ent.type in ("GPE", "LOC"):
        if eid and _ISO3.fullmatch(eid):
            return eid, None, None
        # a city or territory of a known country stands for it ("Tepi Barat" -> PSE, "Krimea" -> UKR,
        # "Jakarta" as the place a visitor arrives); regions and seas (LOC) belong to nobody
        if ent.type == "GPE" and isinstance(ent.country, str) and _ISO3.fullmatch(ent.country):
            return ent.country, None, None
        return None, None, None
    country = ent.country if isinstance(ent.country, str) and _ISO3.fullmatch(ent.country or "") else None
    if ent.type == "ORG":
        if eid and eid.isupper() and len(eid) in (3, 6) and eid[:3] in ("IGO", "UNO", "NAT", "EUR", "ASN"):
            return (eid[3:6] if len(eid) == 6 else eid), None, (eid if len(eid) == 6 else None)
        role = _role_from_words(name_words, lex)
        return country, role, None
    if ent.type == "PER":
        role = _role_from_words(str(ent.role or "").lower().split(), lex) if ent.role else None
        if country is None:
            return None, role, None
        # a titled person with an unlisted title is still part of the state ("Kepala Diplomat")
        return country, (role or "GOV") if ent.role else None, None
    return None, None, None


def _mentions(doc: Doc) -> list[dict[str, Any]]:
    ms = doc.notes.get("mentions")
    if ms:
        return ms
    out = []
    for i, e in enumerate(doc.entities):
        for m in e.mentions:
            out.append({"start": m.start, "end": m.end, "text": m.text, "type": e.type, "entity_index": i})
    return out


def _agent_word(tok: str, word: str, last: bool) -> bool:
    return tok == word or (last and tok == word + "nya")


def _is_barat(toks: list[Tok], i: int) -> bool:
    """"Barat" as the West: capitalised, not completing a place name ("Jawa Barat", "Jerman Barat")."""
    if toks[i].text != "Barat":
        return False
    if i > 0:
        prev = toks[i - 1]
        if prev.low in BARAT_PLACES:
            return False
        # a capitalised word before it makes a place name, except in title-case headlines where the
        # neighbour is a function word or a known bloc noun ("Sanksi Barat", "Rusia Dan Barat")
        if prev.text[:1].isupper() and prev.low not in BARAT_LEFT_OK:
            return False
    if i + 1 < len(toks) and toks[i + 1].low in ("daya", "laut"):
        return False  # "Barat Daya", "Barat Laut": compass points
    return True


Quoted = tuple[int, int, "Actor | None"]  # a quotation's span and its speaker as an actor


@dataclass(slots=True)
class Ctx:
    doc: Doc
    lex: Lexicon
    ent_actor: list[tuple[str | None, str | None, str | None]]
    home: str | None
    quotes: list[Quoted] = field(default_factory=list)
    press_home: bool = False  # the press country is a main actor of the story (titled officials default to it)
    local: str | None = None  # the country the story happens in ("polisi setempat" abroad: that country's)
    mentions: list[dict[str, Any]] = field(default_factory=list)  # all entity mentions, by start
    sent_starts: list[int] = field(default_factory=list)  # start offsets of the analysed sentences


def find_actors(toks: list[Tok], mentions: list[dict[str, Any]], ctx: Ctx, quotes: list[Quoted] = (),
                triggers: list["Match"] = (), narrator: Actor | None = None) -> list[Actor]:
    """Actor phrases of one sentence, in order, with coordination groups."""
    lex = ctx.lex
    n = len(toks)
    kinds: list[str] = [""] * n
    in_trigger = [False] * n  # "militer" in "bantuan militer" is the event's wording, not an agent
    for m in triggers:
        for k in m.hit or range(m.i, m.j + 1):
            in_trigger[k] = True
    # entity mentions -> pieces on the tokens they start in
    starts = {t.start: i for i, t in enumerate(toks)}
    ent_pieces: list[Actor] = []
    for m in mentions:
        ei = m.get("entity_index")
        if ei is None or ei >= len(ctx.ent_actor):
            continue
        country, role, full = ctx.ent_actor[ei]
        ent = ctx.doc.entities[ei]
        ti = starts.get(m["start"])
        if ti is None:
            ti = next((i for i, t in enumerate(toks) if t.start <= m["start"] < t.end), None)
        if ti is None:
            continue
        tj = ti
        while tj + 1 < n and toks[tj + 1].start < m["end"]:
            tj += 1
        if country is None and role is None and full is None:
            # a non-political entity: a person with no country and no role, a place, a medium
            for k in range(ti, tj + 1):
                kinds[k] = kinds[k] or "ent-other"
            continue
        is_place = ent.type == "GPE" and not (isinstance(ent.id, str) and _ISO3.fullmatch(ent.id))
        a = Actor(m["start"], m["end"], ti, tj, country, role, full, key=f"e{ei}", name=ent.name,
                  is_country=ent.type in ("GPE", "LOC") and full is None, place=is_place and full is None,
                  person=ent.type == "PER")
        ent_pieces.append(a)
        for k in range(ti, tj + 1):
            kinds[k] = "ent"
    # agent nouns and bodies, longest first, on tokens no entity covers
    agent_pieces: list[Actor] = []
    i = 0
    while i < n:
        if kinds[i]:
            i += 1
            continue
        hit = None
        first = toks[i].low
        # "menterinya", "pasukannya": the clitic -nya does not change the role
        cands = lex.agents.get(first, ()) or (lex.agents.get(first[:-3], ()) if first.endswith("nya") else ())
        for a in cands:
            L = len(a.words)
            if i + L <= n and all(_agent_word(toks[i + k].low, a.words[k], k == L - 1) and not kinds[i + k]
                                  and not in_trigger[i + k] for k in range(L)):
                hit = a
                break
        if hit is not None:
            L = len(hit.words)
            act = Actor(toks[i].start, toks[i + L - 1].end, i, i + L - 1,
                        hit.country, None if hit.country else hit.code, hit.code if hit.country else None,
                        key=("b:" if hit.country else "a:") + " ".join(hit.words), name=" ".join(hit.words))
            agent_pieces.append(act)
            for k in range(i, i + L):
                kinds[k] = "agent"
            i += L
            continue
        low = toks[i].low
        if toks[i].text == "Barat" and _is_barat(toks, i):
            agent_pieces.append(Actor(toks[i].start, toks[i].end, i, i, "WST", None, "WST", key="b:barat",
                                      name="Barat"))
            kinds[i] = "agent"
        elif (low in FIRST_PERSON or low in PRONOUNS) and (
                (speaker := _quoted_by(quotes, toks[i].start)) is not None and low in FIRST_PERSON
                or (speaker is None and narrator is not None and low in PRONOUNS)):
            # "kami" inside a quotation is its speaker; "ia" in the narration around it is too
            who = speaker if speaker is not None else narrator
            agent_pieces.append(Actor(toks[i].start, toks[i].end, i, i, who.country, who.role,
                                      who.full, key=who.key, name=who.name, pronoun=True))
            kinds[i] = "agent"
        i += 1
    raw = sorted(ent_pieces + agent_pieces, key=lambda a: (a.tok0, a.start))
    # merge an agent noun with the entity or country that follows it ("pasukan Rusia",
    # "Menteri Luar Negeri Rusia Sergei Lavrov", "pejabat tinggi AS") and adjacent entities
    # ("Presiden Amerika Serikat (AS), Donald Trump" stays two actors at the comma)
    merged: list[Actor] = []
    for a in raw:
        if merged:
            b = merged[-1]
            gap = toks[b.tok1 + 1:a.tok0] if a.tok0 > b.tok1 else []
            # "Amerika Serikat (AS)", "(AS) Donald Trump": a parenthesised abbreviation of the same country
            # is the same actor, not a second one (which would make a self-loop in "X (AS) dan Y ...")
            paren = bool(gap) and all(g.text in "()" for g in gap) and (
                a.country == b.country or a.country is None or b.country is None) and bool(a.country or b.country)
            if paren:
                gap = []
            can = a.tok0 <= b.tok1 + 1 + AGENT_GAP and all(
                (g.low in AGENT_MODIFIERS or g.text[:1].isupper() or g.text in "()") and g.low not in COORD - {"(", ")"}
                and g.text not in STRONG_BOUNDARY for g in gap)
            b_bare = b.country is None and b.full is None
            # "Putra mahkota Arab Saudi Mohammed bin Salman": a titled phrase and the person it names
            titled = (a.person and not gap and b.role is not None and a.key.startswith("e")
                      and (a.country == b.country or a.country is None))
            if can and not b.pronoun and not a.pronoun and (b_bare or titled or (paren and a.is_country) or (
                    a.key.startswith("e") and b.key.startswith("e")
                    and (a.country == b.country or a.country is None or b.country is None) and not gap)):
                # the merged phrase: country from whichever part has one, role from the head noun
                b.end = max(b.end, a.end)
                b.tok1 = max(b.tok1, a.tok1)
                if b_bare:
                    b.is_country = False
                    b.country, b.full = a.country, a.full if a.full and not b.role else None
                    if a.full and b.role is None:
                        b.full = a.full
                    b.role = b.role or a.role
                    # "Milisi Houthi", "kelompok Hamas": the noun describes the organisation, which is the actor;
                    # "pasukan Rusia" is a part of the country, an actor of its own
                    b.key = a.key if a.key.startswith("e") and (b.role is None or b.role == a.role or not a.is_country) \
                        else f"{b.key}|{a.key}"
                    b.name = ctx.doc.text[b.start:b.end]
                else:
                    b.country = b.country or a.country
                    b.role = b.role or a.role
                    if a.key.startswith("e") and (b.key.startswith("e") or titled):
                        # "Rusia Sergei Lavrov": the person is the actor, the country his
                        b.key, b.name = a.key, a.name
                        b.is_country = False
                b.person = b.person or a.person
                b.place = b.place and a.place
                continue
        merged.append(a)
    # bare institutional agents take the article's home country ("para menteri" in Jakarta news)
    # others stay, unresolved (country None): they still occupy the subject or object slot, so that
    # "Ia mengingatkan masyarakat ..." does not reach past "masyarakat" for a target
    out = []
    for a in merged:
        if a.country is None and a.full is None and a.role and ctx.local and a.tok1 + 1 < n \
                and toks[a.tok1 + 1].low in LOCAL_WORDS:
            # "kepolisian setempat", "otoritas setempat": the authorities of the place the story is about
            a.country = ctx.local
            a.key = f"{a.key}@{ctx.local}"
        elif a.country is None and a.full is None and a.role in INSTITUTIONAL and ctx.home and a.key.startswith("a:"):
            a.country = ctx.home
            a.key = f"{a.key}@{ctx.home}"
        elif a.country is None and a.full is None and a.key.startswith("e") and not a.person and a.role \
                and ctx.press_home and _indonesian_name(a, ctx):
            # an organisation with an Indonesian name and no country in home news ("Koalisi Masyarakat
            # Sipil", "Lembaga Bantuan Hukum Jakarta") is Indonesian, as foreign bodies are named with theirs
            a.country = PRESS_COUNTRY
        elif a.country is None and a.full is None and a.person and a.role in STATE_ROLES and ctx.press_home \
                and _full_name(a, ctx):
            # Indonesian news names a foreign official with the country ("Menteri Luar Negeri Yordania Ayman
            # Safadi") and its own without ("Menteri Perdagangan Budi Santoso"): a titled person with no
            # country is Indonesia's, in a story where Indonesia is a main actor
            a.country = PRESS_COUNTRY
        elif a.country is None and a.full is None and a.role in ANAPHOR_ROLES and a.key.startswith("a:") \
                and a.tok1 + 1 < n and toks[a.tok1 + 1].low in DEMONSTRATIVES:
            # "kelompok militan tersebut", "milisi itu": the one armed group named just before
            ref = _group_referent(ctx, a.start)
            if ref is not None:
                a.country, a.role, a.full, a.key, a.name = ref
        if a.country is None and a.full is None and (a.role == "MIL" or toks[a.tok1].low.endswith("nya")):
            a.own = True
        out.append(a)
    # a place ("di Rusia", "di Suriah") is where something happens: never a subject or an accused; a city
    # after "dari", "ke", "hingga" is a place too ("dari New York hingga Los Angeles")
    for a in out:
        prev = toks[a.tok0 - 1].low if a.tok0 > 0 and not in_trigger[a.tok0 - 1] else ""
        a.locative = prev == "di" or (a.place and prev in ("dari", "ke", "hingga", "sampai", "menuju", "dekat"))
    out = [a for a in out if not _attributed(toks, a, in_trigger)]
    for a in out:
        a.oblique = _oblique(toks, a, out, in_trigger)
        a.modifier = a.tok0 > 0 and toks[a.tok0 - 1].low in DOCUMENT_NOUNS
    # coordination groups: "dan"-type links always join; a bare comma joins only inside a list that
    # ends with one ("AS, Inggris dan Prancis"), not an apposition or a new clause ("Hamas, pemimpin ...")
    links = [_link(toks, out[k - 1], out[k]) for k in range(1, len(out))]
    keep = [False] * len(links)
    for k in range(len(links) - 1, -1, -1):
        if links[k] == "and":
            keep[k] = True
        elif links[k] == "comma":
            keep[k] = k + 1 < len(links) and keep[k + 1]
    g = 1
    for k, a in enumerate(out):
        if k and keep[k - 1]:
            a.group = out[k - 1].group
            a.oblique = out[k - 1].oblique  # "dengan Rusia dan China": the whole list is oblique
        else:
            g += 1
            a.group = g
    return out


def _group_referent(ctx: Ctx, at: int) -> tuple[str, str | None, str | None, str, str] | None:
    """The organisation a demonstrative group noun at ``at`` refers to: the only non-state organisation
    with a country (Taliban, Houthi, Hamas) mentioned from two sentences back up to ``at``.  With two
    candidates, or none, nothing is resolved (a recency guess between two sides invents events)."""
    k = bisect_left(ctx.sent_starts, at)
    lo = ctx.sent_starts[max(0, k - 3)] if ctx.sent_starts else max(0, at - ANAPHOR_CHARS)
    starts = [m["start"] for m in ctx.mentions]
    seen: dict[int, tuple[str, str | None, str | None, str, str]] = {}
    for m in ctx.mentions[bisect_left(starts, lo):bisect_left(starts, at)]:
        if (a := _org_actor(ctx, m)) is not None:
            seen[m["entity_index"]] = (a.country, a.role, a.full, a.key, a.name)  # type: ignore[assignment]
    return next(iter(seen.values())) if len(seen) == 1 else None


def _indonesian_name(a: Actor, ctx: Ctx) -> bool:
    """An organisation name whose words are Indonesian (its role came from an Indonesian head noun and it
    has no English function words): "Koalisi Masyarakat Sipil", not "Human Rights Watch"."""
    ei = a.key[1:] if a.key.startswith("e") else ""
    if not ei.isdigit():
        return False
    words = str(ctx.doc.entities[int(ei)].name).lower().split()
    return bool(words) and not any(w in _ENGLISH_WORDS for w in words)


_ENGLISH_WORDS = frozenset("the of for and international watch council association union society institute "
                           "foundation group party league".split())


def _full_name(a: Actor, ctx: Ctx) -> bool:
    """A person named with at least two words ("Budi Santoso"): a one-word "person" may be a mistyped
    country or place, which must not become Indonesian."""
    ei = a.key[1:] if a.key.startswith("e") else ""
    return ei.isdigit() and " " in str(ctx.doc.entities[int(ei)].name).strip()


def _attributed(toks: list[Tok], a: Actor, in_trigger: list[bool]) -> bool:
    """A news source named as such ("seperti dikutip dari SPA dan Al Jazeera", "dilansir AFP",
    "menurut laporan Los Angeles Times"): the outlet reports, it does not act."""
    k = a.tok0 - 1
    seen = 0
    while k >= 0 and seen < 4:
        t = toks[k]
        if t.text in STRONG_BOUNDARY or in_trigger[k]:
            return False
        if t.low in ATTRIBUTION:
            # "menurut X" is speech by X unless X is a report ("menurut laporan X"); "seperti" alone says nothing
            if t.low in ("menurut", "seperti"):
                return seen >= 1 and toks[k + 1].low in ATTRIBUTION and toks[k + 1].low not in ("menurut", "seperti")
            return True
        if t.low not in ("dari", "oleh", "kantor", "berita", "media", "harian", "surat", "kabar", "situs", "dan") \
                and not t.text[:1].isupper():
            return False
        k -= 1
        seen += 1
    return False


def _oblique(toks: list[Tok], a: Actor, actors: list[Actor], in_trigger: list[bool]) -> bool:
    """An actor inside a prepositional phrase ("dalam percakapan telepon dengan MBS") or a relative clause
    ("Milisi Houthi yang didukung Iran"): it is never the subject of the verb that follows."""
    if a.tok0 == 0:
        return False
    prev = toks[a.tok0 - 1].low
    if prev in OBLIQUE_PREP and not in_trigger[a.tok0 - 1]:
        return True
    # "yang" up to three words back, with no other actor or comma in between
    for k in range(a.tok0 - 1, max(-1, a.tok0 - 4), -1):
        t = toks[k]
        if t.text in STRONG_BOUNDARY or t.text == "," or any(b.tok0 <= k <= b.tok1 for b in actors if b is not a):
            return False
        if t.low == "yang":
            return k < a.tok0 - 1  # "yang didukung Iran"; "yang Iran ..." is no relative agent
    return False


def _link(toks: list[Tok], a: Actor, b: Actor) -> str | None:
    """How two neighbouring actors are joined: 'and', 'comma' or None."""
    if b.tok0 <= a.tok1:
        return "and"  # one token holds both ("AS-China")
    gap = [t.low for t in toks[a.tok1 + 1:b.tok0]]
    if not gap or len(gap) > 3 or any(w not in COORD for w in gap):
        return None
    return "comma" if all(w == "," for w in gap) else "and"


# --- triggers -------------------------------------------------------------------------------------
@dataclass(slots=True)
class Match:
    pat: Pattern
    i: int  # first token
    j: int  # last token
    hit: tuple[int, ...] = ()  # the tokens the words matched (a gap's tokens are not among them)


def _match_at(lows: list[str], i: int, slots: tuple[frozenset[str], ...]) -> list[int] | None:
    """The token indices that ``slots`` match from token ``i`` (gaps excluded), or None.

    Works on the tokens' lower-case forms (punctuation, and so STRONG_BOUNDARY, has no case)."""
    k = i
    hit = [i]
    n = len(lows)
    for s_i, slot in enumerate(slots):
        if s_i == 0:
            continue
        if slot is GAP or slot == GAP:
            nxt = slots[s_i + 1]
            for g in range(k + 2, min(n, k + 2 + GAP_MAX)):
                if lows[g - 1] in STRONG_BOUNDARY:
                    return None
                if lows[g] in nxt:
                    k = g - 1
                    break
            else:
                return None
            continue
        k += 1
        if k >= n or lows[k] not in slot:
            return None
        hit.append(k)
    return hit


def find_triggers(lows: list[str], lex: Lexicon, headline: bool = False) -> list[Match]:
    """Trigger phrases of one sentence, given its tokens' lower-case forms (no Tok objects needed, so
    that the many sentences without a trigger cost only a word scan); a headline's verbs may also be
    written without their meN- prefix."""
    found: list[Match] = []
    by_first = lex.head_by_first if headline else lex.by_first
    for i, w in enumerate(lows):
        pats = by_first.get(w)
        if not pats:
            continue
        for p in pats:
            hit = _match_at(lows, i, p.slots)
            if hit is not None:
                found.append(Match(p, i, hit[-1], tuple(hit)))
    # the most words wins (a gap counts as none); blockers (X) win ties, and then vanish
    found.sort(key=lambda m: (-len(m.pat.slots), m.pat.kind != "X", m.i))
    taken: set[int] = set()
    keep: list[Match] = []
    for m in found:
        span = set(m.hit or range(m.i, m.j + 1))
        if span & taken:
            continue
        taken |= span
        keep.append(m)
    keep.sort(key=lambda m: m.i)
    return keep


def _blocked(toks: list[Tok], m: Match, actors: list[Actor]) -> str | None:
    """'neg', 'cond' or 'modal' when a word before the trigger (in its clause) changes its status."""
    pattern_words = set().union(*m.pat.slots)
    k = m.i - 1
    seen = 0
    modal = None
    while k >= 0 and seen < NEG_WINDOW + 3:
        t = toks[k]
        if t.text in STRONG_BOUNDARY or t.text == "," or any(a.tok0 <= k <= a.tok1 for a in actors):
            break
        if t.low not in pattern_words:
            if seen < NEG_WINDOW and t.low in NEGATION:
                return "neg"
            if t.low in CONDITION:
                return "cond"
            if seen < NEG_WINDOW and t.low in IRREALIS and not (m.pat.kind == "N" and t.low == "untuk"):
                # a purpose clause may still announce a noun event ("jumpa pers untuk mengungkap sanksi baru");
                # readiness for it is an announced intent ("kesiapan negaranya untuk membalas"): a threat
                if t.low == "untuk" and any(toks[q].low in READINESS or toks[q].low.removesuffix("nya") in READINESS
                                            for q in range(max(0, k - 3), k)):
                    return "modal"
                if t.low == "untuk" and k > 0 and toks[k - 1].low in DECIDED:
                    # "memutuskan untuk mengakhiri pembicaraan": a decision taken is the act, not a purpose
                    k -= 1
                    seen += 1
                    continue
                return "irrealis"
            if seen < NEG_WINDOW and t.low in BACKGROUND:
                return "past"
            if seen < NEG_WINDOW and t.low in MODALITY and modal is None:
                modal = "modal"
        k -= 1
        seen += 1
    # a condition anywhere earlier in the clause ("jika Washington belum mencabut sanksi")
    while k >= 0 and toks[k].text not in STRONG_BOUNDARY and toks[k].text != ",":
        if toks[k].low in CONDITION:
            return "cond"
        k -= 1
    return modal


def _left_actor(actors: list[Actor], toks: list[Tok], pos: int) -> Actor | None:
    """The subject of the predicate at ``pos``: the nearest actor on its left that is not inside a
    prepositional phrase or relative clause; in an adverbial clause ("saat menerima telepon dari X")
    the main clause's subject, the first such actor of the clause."""
    k = pos - 1
    while k >= 0 and toks[k].low in ("juga", "pun", "sedang", "tengah", "masih", "telah", "sudah", "baru"):
        k -= 1
    if k >= 0 and (toks[k].low in SUBORDINATORS or toks[k].low in PREDICATE_LINKS):
        start = k
        while start > 0 and toks[start - 1].text not in STRONG_BOUNDARY and toks[start - 1].low not in LEFT_STOP:
            start -= 1
        first = next((a for a in actors if start <= a.tok0 and a.tok1 < k and not a.locative and not a.oblique), None)
        # inside a relative clause ("orang yang ditahan saat menggelar aksi") the clause is the noun's, not
        # the sentence subject's
        if first is not None and not any(toks[q].low == "yang" for q in range(first.tok1 + 1, k)):
            return first
    best = None
    skipped = False
    for a in actors:
        if a.tok1 < pos and pos - a.tok1 <= LEFT_WINDOW and not a.locative:
            if a.oblique:
                skipped = skipped or best is not None
            else:
                best, skipped = a, False
    if best is None:
        return None
    for k in range(best.tok1 + 1, pos):
        if toks[k].text in STRONG_BOUNDARY or toks[k].low in LEFT_STOP:
            return None
        # past an oblique actor, a comma or a subordinate clause may hide an unnamed subject ("Trump
        # mengakhiri pembicaraan dengan Taliban, setelah kelompok itu mengaku ...")
        if skipped and (toks[k].text == "," or toks[k].low in SUBORDINATORS):
            return None
    return best


def _right_actor(actors: list[Actor], toks: list[Tok], pos: int, limit: int = RIGHT_WINDOW) -> Actor | None:
    for k in range(pos, min(len(toks), pos + limit)):
        t = toks[k]
        for a in actors:
            if (a.tok0 == k or (a.tok0 < k <= a.tok1 and k == pos)) and not a.own:
                return a
        if t.text in STRONG_BOUNDARY or t.low in RIGHT_STOP:
            return None
        if t.text == "," and not (k + 1 < len(toks) and toks[k + 1].low in COORD):
            return None
        # a purpose clause ("memerintahkan untuk melanjutkan ... ke Israel") has its own object
        if t.low == "untuk" and k + 1 < len(toks) and _verb_like(toks[k + 1].low):
            return None
    return None


def _fronted_subject(actors: list[Actor], toks: list[Tok], m: "Match") -> Actor | None:
    """A participle clause that opens the sentence has the main clause's subject ("Berbicara di Ankara
    bersama X, Putin mengatakan ...", "Sekembalinya dari Tokyo, Presiden ..."): the first actor after the
    clause's comma that is not inside a prepositional phrase."""
    if any(t.text not in ('"', "“", "(") and t.low not in ("juga", "pun", "lalu", "kemudian") for t in toks[:m.i]):
        return None
    comma = next((k for k in range(m.j + 1, len(toks)) if toks[k].text == "," or toks[k].text in STRONG_BOUNDARY),
                 None)
    if comma is None or toks[comma].text != ",":
        return None
    for k in range(comma + 1, min(len(toks), comma + 4)):
        hit = next((a for a in actors if a.tok0 == k), None)
        if hit is not None:
            return None if hit.oblique or hit.locative or hit.own else hit
        if toks[k].text in STRONG_BOUNDARY:
            return None
    return None


def _verb_like(w: str) -> bool:
    """A word with a verbal prefix (meN-, ber-, di-, ter-, memper-): heads a clause of its own."""
    return len(w) > 5 and w.startswith(("me", "ber", "di", "ter"))


def _group(actors: list[Actor], a: Actor | None) -> list[Actor]:
    if a is None:
        return []
    return [b for b in actors if b.group == a.group]


def _quoted_by(quotes: list[Quoted], pos: int) -> Actor | None:
    """The speaker of the quotation that holds character ``pos``."""
    for qs, qe, spk in quotes:
        if qs <= pos < qe:
            return spk
    return None


def _narrator_of(ctx: Ctx, start: int, end: int) -> Actor | None:
    """The speaker of a quotation inside, or just before, a sentence: "ia" in "..., katanya setelah
    ia bertemu Putin" or at the start of the next sentence is that speaker."""
    best = None
    for qs, qe, spk in ctx.quotes:
        if spk is None:
            continue
        if start <= qs < end or start < qe <= end or start - NARRATOR_REACH <= qe <= start:
            best = spk
    return best


def _last_person(ctx: Ctx, mentions: list[dict[str, Any]], start: int) -> Actor | None:
    """Outside quotations "Dia meminta ..." continues the story of the person last named before the
    sentence (in the same stretch of text): that person, when the stage knows their country."""
    for m in reversed(mentions):
        if m["start"] >= start:
            continue
        if start - m["start"] > NARRATOR_REACH:
            return None
        ei = m.get("entity_index")
        if m.get("type") != "PER" or ei is None or ei >= len(ctx.ent_actor):
            continue
        country, role, full = ctx.ent_actor[ei]
        if not country:
            return None  # the last person is one the stage cannot place: do not reach past them
        ent = ctx.doc.entities[ei]
        return Actor(m["start"], m["end"], -1, -1, country, role, full, key=f"e{ei}", name=ent.name, person=True)
    return None


@dataclass(slots=True)
class Found:
    src: Actor
    tgt: Actor
    code: str
    start: int
    end: int
    by: str


def _is_nominal(p: Pattern) -> bool:
    """A pattern that starts with a noun ("pertemuan", "gencatan senjata"), not a verb (meN-, ber-, di-, ter-, se-)."""
    w = min(p.slots[0])
    return not w.startswith(("me", "be", "di", "ter", "se"))


def _support_before(toks: list[Tok], i: int) -> int | None:
    """Index of the support verb that carries the noun at ``i`` ("melancarkan beberapa serangan"), or None."""
    k = i - 1
    while k >= 0 and toks[k].low in QUANTIFIERS:
        k -= 1
    if k >= 0 and toks[k].low in SUPPORT_VERBS:
        return k
    if k >= 3 and toks[k].low == "atas" and toks[k - 1].low == "jawab" and toks[k - 2].low == "bertanggung" \
            and toks[k - 3].low in ("mengaku", "mengklaim"):
        # "Taliban mengaku bertanggung jawab atas serangan ...": who claims the attack carried it out (not
        # "menuduh X sebagai pihak yang bertanggung jawab atas serangan": an accusation)
        return k - 3
    return None


def _noun_pairs(m: Match, toks: list[Tok], actors: list[Actor], speaker: Actor | None) -> list[tuple[Actor, Actor]]:
    n = len(toks)
    # "penangkapan X oleh Y": the actor after "oleh" acts, the one after the noun suffers it
    oleh = next((k for k in range(m.j + 1, min(n, m.j + RIGHT_WINDOW)) if toks[k].low == "oleh"), None)
    if oleh is not None:
        src = _right_actor(actors, toks, oleh + 1, limit=4)
        tgt = _right_actor(actors, toks, m.j + 1, limit=max(1, oleh - m.j))
        if src is not None and tgt is not None:
            return [(s, t) for s in _group(actors, src) for t in _group(actors, tgt)]
    src = tgt = None
    src_after = False
    # the actor right after the noun ("serangan gencar Presiden Putin terhadap ...") is its source
    k = m.j + 1
    while k < n and k <= m.j + 3 and toks[k].low not in TARGET_PREP and toks[k].text not in STRONG_BOUNDARY:
        hit = next((a for a in actors if a.tok0 == k), None)
        if hit is not None:
            src, src_after = hit, True
            break
        k += 1
    after = max(a.tok1 for a in _group(actors, src)) + 1 if src is not None else m.j + 1
    for k2 in range(after, min(n, after + RIGHT_WINDOW)):
        t = toks[k2]
        if t.low in TARGET_PREP or t.low in NOUN_TARGET_VERBS:
            tgt = _right_actor(actors, toks, k2 + 1)
            break
        if t.text in STRONG_BOUNDARY or t.text == "," or t.low in RIGHT_STOP:
            break
    if src is None and oleh is not None:
        src = _right_actor(actors, toks, oleh + 1, limit=4)
    if src is None:
        # the subject owns the noun only through a support verb ("Hamas melancarkan serangan"), or when
        # the noun opens the clause; "menyalahkan Iran atas serangan" says nothing of who attacked
        sv = _support_before(toks, m.i)
        if sv is not None:
            src = _left_actor(actors, toks, sv) or speaker
    if tgt is None and src is not None and src_after:
        # "ekonominya menghadapi kehancuran akibat sanksi Barat": the clause's subject suffers it
        if m.i > 0 and toks[m.i - 1].low in SUFFER:
            tgt = next((a for a in actors if a.group != src.group and a.tok1 < m.i), None)
    if tgt is None and src is not None and m.pat.code[:2] in FORCE_ROOTS:
        # force used in another country's place is used against it ("kampanye militer Israel di Gaza")
        end = max(a.tok1 for a in _group(actors, src)) + 1 if src_after else m.j + 1
        tgt = next((a for a in actors if a.tok0 == end + 1 and toks[end].low == "di" and a.country
                    and a.country != src.country and a.full is None), None)
    srcs = _group(actors, src) or ([src] if src else [])
    return [(s, t) for s in srcs for t in _group(actors, tgt)]


def _reciprocal_parts(m: Match, toks: list[Tok], actors: list[Actor], speaker: Actor | None) -> list[Actor]:
    n = len(toks)
    parts: list[Actor] = []

    def add(grp: list[Actor]) -> None:
        parts.extend(a for a in grp if a not in parts)

    k = m.j + 1
    if _is_nominal(m.pat):
        # "pertemuan X dengan Y", "perundingan Israel dengan Palestina"
        first = next((a for a in actors if m.j < a.tok0 <= m.j + 3), None)
        if first is not None and all(toks[q].low not in TARGET_PREP for q in range(m.j + 1, first.tok0)):
            add(_group(actors, first))
            k = max(a.tok1 for a in parts) + 1
        elif m.i > 0 and (toks[m.i - 1].low in NOUN_FRAMES or toks[m.i - 1].low in SUPPORT_VERBS):
            # "Trump dalam percakapan telepon dengan MBS", "X melakukan pembicaraan dengan Y": the subject
            add(_group(actors, _left_actor(actors, toks, m.i - 1 if toks[m.i - 1].low in NOUN_FRAMES else m.i)))
    else:
        left = _left_actor(actors, toks, m.i)
        add(_group(actors, left))
        if not parts and speaker is not None:
            parts.append(speaker)
        if not parts:
            add(_group(actors, _fronted_subject(actors, toks, m)))
    # the partner: after "dengan"/"antara" (perhaps behind a word or two: "kesepakatan dagang dengan"),
    # or right after the verb ("menelepon X", "hubungan X dan Y")
    k2 = k
    while k2 < min(n, k + 3) and toks[k2].low not in ("dengan", "antara", "dan") and toks[k2].text.islower() \
            and not any(a.tok0 == k2 for a in actors):
        k2 += 1
    if k2 < n and toks[k2].low in ("dengan", "antara", "dan"):
        add(_group(actors, _right_actor(actors, toks, k2 + 1, limit=4)))
    else:
        nxt = next((a for a in actors if a.tok0 == k), None)
        if nxt is not None:
            add(_group(actors, nxt))
    return parts


def code_sentence(toks: list[Tok], actors: list[Actor], ctx: Ctx, quotes: list[Quoted],
                  matches: list[Match]) -> list[Found]:
    out: list[Found] = []
    speech_cue = [m for m in matches if m.pat.kind == "S"]
    noun_match = {m.i: m for m in matches if m.pat.kind == "N"}
    nouns_at = set(noun_match)
    for m in matches:
        kind = m.pat.kind
        if kind in "XS":
            continue
        # inside a quotation its speaker stands in for a missing source
        speaker = _quoted_by(quotes, toks[m.i].start)
        status = _blocked(toks, m, actors)
        if status in ("neg", "cond", "irrealis", "past"):
            continue
        code = m.pat.code
        if status == "modal" and code[:2] in MODAL_CODE and kind != "C" and not code.startswith(MODAL_KEEP):
            code = MODAL_CODE[code[:2]]
        pairs: list[tuple[Actor, Actor]] = []
        if kind == "V":
            # a verb that only carries the next event noun ("memerintahkan lebih banyak sanksi") is no event
            k = m.j + 1
            while k < len(toks) and toks[k].low in QUANTIFIERS:
                k += 1
            if k in nouns_at and toks[m.j].low in SUPPORT_VERBS:
                continue
            src = _left_actor(actors, toks, m.i)
            if src is None and speaker is not None:
                src = speaker
            if src is None:
                src = _fronted_subject(actors, toks, m)
            # with a gap the target stands inside it ("meminta Perdana Menteri mundur")
            tgt = _right_actor(actors, toks, (m.i + 1) if GAP in m.pat.slots else (m.j + 1))
            if tgt is None and code[:2] in ("02", "10") and m.j + 1 < len(toks) and toks[m.j + 1].low in ("agar", "supaya"):
                # "meminta agar TNI menjelaskan ...": who is asked is the subject of the purpose clause
                tgt = _right_actor(actors, toks, m.j + 2, limit=2)
            if code[:2] in ("11", "12") and k in noun_match:
                # "mengutuk serangan drone Houthi": the attacker is condemned; "mengutuk serangan terhadap
                # fasilitas Saudi" condemns nobody in Saudi Arabia
                tgt = _noun_owner(noun_match[k], toks, actors)
            pairs = [(s, t) for s in _group(actors, src) or ([src] if src else []) for t in _group(actors, tgt)]
        elif kind == "D":
            # the object right after the verb ("mengakui Palestina", "beralih ke Beijing")
            src = _left_actor(actors, toks, m.i) or speaker
            tgt = next((a for a in actors if m.j < a.tok0 <= m.j + DIRECT_REACH and not a.own), None)
            if tgt is not None and tgt.tok1 + 1 < len(toks) and (
                    toks[tgt.tok1 + 1].low in CLAUSE_AUX or _verb_like(toks[tgt.tok1 + 1].low)):
                tgt = None  # "mengakui Indonesia belum siap": X is the subject of a clause, not the object
            pairs = [(s, t) for s in _group(actors, src) or ([src] if src else []) for t in _group(actors, tgt)]
        elif kind == "L":
            # a visit: a state actor arrives in another country or one of its places ("tiba di Halim, Jakarta")
            src = _left_actor(actors, toks, m.i) or speaker
            tgt = _place_right(actors, toks, m.j + 1)
            if src is not None and (src.role in VISITOR_ROLES or src.full):
                pairs = [(src, tgt)] if tgt is not None and tgt.country != src.country else []
        elif kind == "P":
            tgt = _left_actor(actors, toks, m.i)
            # the agent follows the verb, after "oleh" or directly, perhaps behind a noun it qualifies
            # ("ditembak penjaga pantai China")
            k = m.j + 2 if m.j + 1 < len(toks) and toks[m.j + 1].low == "oleh" else m.j + 1
            src = None
            for k2 in range(k, min(len(toks), k + 4)):
                src = next((a for a in actors if a.tok0 == k2), None)
                if src is not None or toks[k2].low in TARGET_PREP or toks[k2].low in LOCATIVE \
                        or toks[k2].text in STRONG_BOUNDARY or toks[k2].text == "," or toks[k2].low in RIGHT_STOP:
                    break
            pairs = [(s, t) for s in _group(actors, src) for t in _group(actors, tgt)]
        elif kind == "N":
            pairs = _noun_pairs(m, toks, actors, speaker)
        elif kind == "R":
            parts = _reciprocal_parts(m, toks, actors, speaker)
            pairs = [(s, t) for s in parts for t in parts if s is not t]
        elif kind == "C":
            src = speaker
            if src is None:
                if not speech_cue:
                    continue
                cue = speech_cue[0]
                if cue.pat.text in ("kata", "ujar", "ucap", "tegas", "tutur", "imbuh", "menurut"):
                    src = _right_actor(actors, toks, cue.j + 1, limit=6)
                else:
                    src = _left_actor(actors, toks, cue.i)
            if src is None:
                continue
            tgt = None
            # the accused is the actor nearest the wording, preferring its left (the clause's subject)
            for a in sorted(actors, key=lambda a: (m.i - a.tok1) if a.tok1 < m.i else 2 * (a.tok0 - m.j)):
                if a.key == src.key or a.pronoun or not a.country or a.locative or a.modifier:
                    continue
                if a.country == src.country and (not _distinct_same_country(src, a) or a.role is None):
                    continue  # a compatriot is accused only as an institution ("pemerintah", "oposisi")
                tgt = a
                break
            if tgt is not None:
                pairs = [(src, tgt)]
        if code[:2] == "19" and pairs and _verbal_attack(toks, m, pairs):
            code = "111"  # "politikus itu menyerang Presiden": words, not arms
        if code.startswith("015") and k_after(m, toks) in noun_match \
                and noun_match[k_after(m, toks)].pat.code[:2] in FORCE_ROOTS:
            continue  # "mengaku bertanggung jawab atas serangan ...": the attack noun codes the event itself
        got = _emit(pairs, m, toks, code, speaker)
        if not got and code.startswith(OWN_PEOPLE_CODES):
            got = _emit(_own_people_pairs(m, toks, actors, speaker), m, toks, code, speaker)
        if not got and code[:2] in ("14", "10"):
            got = _emit(_protest_pairs(m, toks, actors, ctx, code), m, toks, code, speaker)
        out.extend(got)
    return out


def k_after(m: Match, toks: list[Tok]) -> int:
    """The token after a trigger and the preposition that ends it ("bertanggung jawab atas | serangan")."""
    k = m.j + 1
    while k < len(toks) and toks[k].low in QUANTIFIERS:
        k += 1
    return k


def _own_people_pairs(m: Match, toks: list[Tok], actors: list[Actor], speaker: Actor | None
                      ) -> list[tuple[Actor, Actor]]:
    """Restrictions of freedoms with no one named ("memblokir akses internet di Papua", "memberlakukan jam
    malam"): a government restricts its own people."""
    at = _support_before(toks, m.i) if m.pat.kind == "N" else None
    src = _left_actor(actors, toks, at if at is not None else m.i) or speaker
    if src is None or not src.country or src.full or src.role not in STATE_ROLES:
        return []
    people = Actor(-1, -1, -1, -1, src.country, "CVL", key=f"people@{src.country}", name="warga")
    return [(src, people)]


def _noun_owner(nm: Match, toks: list[Tok], actors: list[Actor]) -> Actor | None:
    """Who performs an event noun: the actor right after it ("serangan Israel", "serangan drone Houthi"),
    or after "oleh"; not the one after a preposition ("serangan terhadap Gaza")."""
    for k in range(nm.j + 1, min(len(toks), nm.j + 4)):
        hit = next((a for a in actors if a.tok0 == k and not a.own), None)
        if hit is not None:
            return hit
        if toks[k].low in TARGET_PREP or toks[k].text in STRONG_BOUNDARY or toks[k].text == ",":
            break
    oleh = next((k for k in range(nm.j + 1, min(len(toks), nm.j + RIGHT_WINDOW)) if toks[k].low == "oleh"), None)
    return _right_actor(actors, toks, oleh + 1, limit=4) if oleh is not None else None


def _place_right(actors: list[Actor], toks: list[Tok], pos: int) -> Actor | None:
    """The first country or place right of ``pos`` in the clause, across a list of places
    ("di Base Ops Lanud Halim Perdanakusuma, Jakarta")."""
    for k in range(pos, min(len(toks), pos + RIGHT_WINDOW + 4)):
        t = toks[k]
        hit = next((a for a in actors if a.tok0 == k and a.country and (a.place or a.is_country)), None)
        if hit is not None:
            return hit
        if t.text in STRONG_BOUNDARY or t.low in RIGHT_STOP or t.low in ("untuk", "dan", "dari"):
            return None  # "tiba di Jakarta dari Tokyo": where the visitor came from is no host
    return None


def _verbal_attack(toks: list[Tok], m: Match, pairs: list[tuple[Actor, Actor]]) -> bool:
    """"menyerang Presiden Jokowi" said of a politician: an attack in words (CAMEO 11), not in arms."""
    if not m.pat.text.split()[0].startswith(("menyerang", "diserang", "serangan", "penyerangan")):
        return False
    if any(t.low in VIOLENCE_WORDS for t in toks):
        return False
    armed = ("MIL", "REB", "COP", "SPY", "SEP")
    return all(t.person and s.role not in armed and t.role not in armed for s, t in pairs)


def _protest_pairs(m: Match, toks: list[Tok], actors: list[Actor], ctx: Ctx, code: str) -> list[tuple[Actor, Actor]]:
    """Protests and demands with no one named as their target are against the protesters' own
    government ("ribuan demonstran Thailand berunjuk rasa", "demo digelar di kota-kota AS")."""
    src = _left_actor(actors, toks, m.i)
    if src is None and m.pat.kind == "N":
        src = next((a for a in actors if m.j < a.tok0 <= m.j + 3 and not a.oblique), None)
    if src is not None:
        if src.country is None and src.full is None and src.role in PROTESTERS and src.key.startswith("a:") \
                and ctx.press_home:
            src.country = PRESS_COUNTRY  # "ratusan mahasiswa berunjuk rasa" in home news: Indonesian students
        if src.role not in PROTESTERS or not src.country or src.full:
            return []
        country = src.country
    elif code[:2] == "14":
        # no protester named: the country where the protest happens ("demo di kota-kota AS"), else the article's
        where = next((a for a in actors if m.j < a.tok0 <= m.j + RIGHT_WINDOW and (a.locative or a.place or a.oblique)
                      and a.country and a.full is None
                      and not any(toks[q].text in STRONG_BOUNDARY for q in range(m.j + 1, a.tok0))), None)
        country = where.country if where is not None else ctx.home
        if not country:
            return []
        src = Actor(toks[m.i].start, toks[m.j].end, m.i, m.j, country, "OPP", key=f"protest@{country}",
                    name="pengunjuk rasa")
    else:
        return []
    gov = Actor(-1, -1, -1, -1, country, "GOV", key=f"gov@{country}", name="pemerintah")
    return [(src, gov)]


def _distinct_same_country(a: Actor, b: Actor) -> bool:
    """Two actors of one country interact only as distinct institutions or people ("Presiden" and
    "para menteri"), never as a bare country with a part of itself ("Kanada" and "warga Kanada")."""
    return a.key != b.key and not a.is_country and not b.is_country


def _emit(pairs: list[tuple[Actor, Actor]], m: "Match", toks: list[Tok], code: str,
          speaker: Actor | None) -> list[Found]:
    out = []
    for s, t in pairs:
        if s is None or t is None or s.key == t.key or s is t:
            continue
        if not s.country or not t.country:
            continue
        if s.country == t.country and not _distinct_same_country(s, t):
            continue
        lo = min(m.i, s.tok0 if s.tok0 >= 0 else m.i, t.tok0 if t.tok0 >= 0 else m.i)
        hi = max(m.j, t.tok1, s.tok1)
        out.append(Found(s, t, code, toks[lo].start, toks[hi].end, f"{m.pat.kind}:{m.pat.text}"))
        if code[:2] == "04" and code not in ONE_WAY_MEETINGS and m.pat.kind != "R":
            # a meeting, call or visit involves both sides: the visitor visits (042), the host hosts (043)
            back = RECIPROCAL_CODE.get(code, code)
            out.append(Found(t, s, back, toks[lo].start, toks[hi].end, f"{m.pat.kind}:{m.pat.text}"))
    return out


# --- sentences and context ------------------------------------------------------------------------
_SPLIT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sentences of the analysed zones; a plain split when the segment stage has not run."""
    zones = doc.analysed_zones(skip_repeated=True) if doc.zones else []
    if doc.sentences:
        if zones:
            allowed = {id(z) for z in zones}
            idx = {k for k, z in enumerate(doc.zones) if id(z) in allowed}
            return [(s.start, s.end) for s in doc.sentences if s.zone in idx]
        return [(s.start, s.end) for s in doc.sentences]
    ranges = [(z.start, z.end) for z in zones] if zones else [(0, len(doc.text))]
    out = []
    for a, b in ranges:
        pos = a
        for m in _SPLIT.finditer(doc.text, a, b):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < b:
            out.append((pos, b))
    return [(s, e) for s, e in out if doc.text[s:e].strip()]


def _speaker_actor(doc: Doc, q: Any, ctx: Ctx) -> Actor | None:
    spk = q.speaker
    if not spk:
        return None
    for i, e in enumerate(doc.entities):
        if e.name == spk:
            country, role, full = ctx.ent_actor[i]
            if country or full:
                return Actor(-1, -1, -1, -1, country, role, full, key=f"e{i}", name=e.name)
            return None
    # an unnamed source ("seorang pejabat senior AS"): read the phrase itself
    toks = tokenize(spk, 0)
    low = [t.low for t in toks]
    spk_low = spk.lower()
    country = None
    for i, e in enumerate(doc.entities):
        c, _r, full = ctx.ent_actor[i]
        if not (c or full):
            continue
        names = {e.name.lower(), *(str(a).lower() for a in e.aliases), *(m.text.lower() for m in e.mentions)}
        if any(nm and _has_word(spk_low, nm) for nm in names):
            country = c
            break
    if country is None:
        return None
    role = _role_from_words(low, ctx.lex)
    return Actor(-1, -1, -1, -1, country, role, None, key=f"q:{spk}", name=spk)


def _is_word_char(c: str) -> bool:
    """``\\w`` of a ``str`` pattern: alphanumeric (str.isalnum's sense) or the underscore."""
    return c.isalnum() or c == "_"


def _has_word(hay: str, needle: str) -> bool:
    """``needle`` in ``hay`` with no word character either side: ``re.search(rf"(?<!\\w){re.escape(needle)}(?!\\w)",
    hay)`` without compiling a pattern per name."""
    at = hay.find(needle)
    n = len(needle)
    while at >= 0:
        if (at == 0 or not _is_word_char(hay[at - 1])) and (at + n >= len(hay) or not _is_word_char(hay[at + n])):
            return True
        at = hay.find(needle, at + 1)
    return False


def _country_counts(ctx_ent: list[tuple[str | None, str | None, str | None]], doc: Doc) -> Counter[str]:
    counts: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for i, e in enumerate(doc.entities):
        c = ctx_ent[i][0]
        if not (c and _ISO3.fullmatch(c)):
            continue
        if e.type == "GPE" and not (isinstance(e.id, str) and _ISO3.fullmatch(e.id)):
            # where things happen ("Gaza", "Yerusalem") says less about whose news it is than who acts
            places[c] += len(e.mentions) or 1
        else:
            counts[c] += len(e.mentions) or 1
    if sum(counts.values()) < PLACES_DECIDE_BELOW:
        # few actors with a country (an Indonesian minister the knowledge base lacks, one foreign
        # company): the places the story happens in ("Jayapura", "Sorong") then say whose news it is
        counts.update(places)
    return counts


def _press_home(counts: Counter[str]) -> bool:
    """Indonesia is mentioned at least half as often as the most-mentioned country."""
    return bool(counts) and counts.get(PRESS_COUNTRY, 0) * 2 >= max(counts.values())


def _local_country(counts: Counter[str]) -> str | None:
    """Where local authorities ("polisi setempat") belong: Indonesian news abroad is about the foreign
    country it names most (the embassy, the citizens are Indonesian), else Indonesia."""
    foreign = [(c, n) for c, n in counts.most_common() if c != PRESS_COUNTRY and len(c) == 3]
    if foreign:
        return foreign[0][0]
    return PRESS_COUNTRY if counts else None


def _home_country(counts: Counter[str]) -> str | None:
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    # only a clearly dominant country is "home": an article about Germany and the USA has none
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n * 2 >= sum(counts.values()) and n >= 2 * second else None


def extract(doc: Doc, res: Resources) -> list[Event]:
    lex = lexicon(res)
    ent_actor = [_entity_actor(e, lex) for e in doc.entities]
    counts = _country_counts(ent_actor, doc)
    ctx = Ctx(doc, lex, ent_actor, _home_country(counts),
              press_home=_press_home(counts) and not FOREIGN_RUBRIC.search(_rubric(doc) or ""),
              local=_local_country(counts))
    for q in doc.quotes:
        ctx.quotes.append((q.start, q.end, _speaker_actor(doc, q, ctx)))
    mentions = sorted(_mentions(doc), key=lambda m: m["start"])
    m_starts = [m["start"] for m in mentions]
    spans = sentence_spans(doc)
    ctx.mentions, ctx.sent_starts = mentions, [s for s, _ in spans]
    found: list[Found] = []
    years = [int(y) for y in _ANY_YEAR.findall(doc.text)]
    ref_year = doc.published.year if doc.published else (max(years) if years else None)
    first_words = lex.by_first.keys()
    head = doc.headline
    for s, e in spans:
        text = doc.text[s:e]
        # most sentences hold no trigger: match on the words' lower-case forms, build Tok objects after
        lows = list(map(str.lower, _TOKEN.findall(text)))
        in_headline = head is not None and head.start <= s < head.end
        if (lex.head_by_first.keys() if in_headline else first_words).isdisjoint(lows):
            continue
        matches = find_triggers(lows, lex, in_headline)
        if not matches:
            continue
        toks = tokenize(text, s)
        ms = mentions[bisect_left(m_starts, s):bisect_left(m_starts, e)]
        quotes = [q for q in ctx.quotes if q[0] < e and s < q[1]]
        if ref_year and any(int(y) < ref_year - 1 for y in _PAST_YEAR.findall(doc.text, s, e)):
            continue  # history the article recalls ("meneken perjanjian pada 1984"), not its news
        if _dated_before_story(doc, s, e):
            continue
        narrator = _narrator_of(ctx, s, e) or _last_person(ctx, mentions, s)
        actors = find_actors(toks, ms, ctx, quotes, matches, narrator)
        if not actors and not quotes:
            continue
        found.extend(code_sentence(toks, actors, ctx, quotes, matches))
    found.extend(_meeting_anaphora(doc, found))
    found.extend(_claim_anaphora(doc, ctx, spans))
    if _nonpolitical(doc):
        found = [f for f in found if f.code.startswith("16")]
    return merge(doc, found, lex.table)


_MEETING_ANAPHOR = re.compile(r"\b(?:[Pp]ertemuan|[Pp]erundingan)\s+(?:ini|tersebut|itu)\b")
#: how far back (characters) an anaphoric meeting noun looks for the two sides it refers to
ANAPHOR_REACH = 2000


def _meeting_anaphora(doc: Doc, found: list[Found]) -> list[Found]:
    """"Pertemuan ini ...", "Perundingan tersebut ...": a meeting between the two sides of the cooperation
    or meeting coded just before (within a few sentences).  "Pembicaraan itu" may be a speech, and an
    announced meeting (036) is not yet one: neither counts."""
    out: list[Found] = []
    if "ertemuan" not in doc.text and "erundingan" not in doc.text:
        return out  # the pattern's nouns are absent: skip the regex scan of the whole text
    for mt in _MEETING_ANAPHOR.finditer(doc.text):
        if doc.zones and not any(z.start <= mt.start() < z.end for z in doc.analysed_zones(skip_repeated=True)):
            continue
        prior = [f for f in found if f.end <= mt.start() and mt.start() - f.end <= ANAPHOR_REACH
                 and f.code[:2] in ("04", "05") and f.src.country != f.tgt.country]
        if not prior:
            continue
        last = prior[-1]
        out.append(Found(last.src, last.tgt, "040", mt.start(), mt.end(), "A:" + mt.group(0).lower()))
        out.append(Found(last.tgt, last.src, "040", mt.start(), mt.end(), "A:" + mt.group(0).lower()))
    return out


#: a claim of responsibility whose attack is not named after it: "Houthi mengklaim sebagai yang bertanggung
#: jawab.", "... mengaku bertanggung jawab atas serangan itu"
_CLAIM = re.compile(r"\b(?:mengklaim|mengaku)\s+(?:sebagai\s+)?(?:(?:pihak|kelompok)\s+)?(?:yang\s+)?"
                    r"bertanggung\s+jawab(?:\s+atas\s+(?:serangan|penyerangan|ledakan|pengeboman|aksi|insiden)"
                    r"(?:\s+\w+)?\s+(?:itu|tersebut|ini)|\s+atasnya)?(?=\s*[.,;:\"”)]|\s*$)", re.IGNORECASE)
#: the attack nouns whose target ("serangan ... ke|terhadap|di X") a bare claim takes over
_ATTACK_NOUN = re.compile(r"\b(?:serangan|penyerangan|ledakan|pengeboman)\b", re.IGNORECASE)
_ATTACK_PREP = re.compile(r"\b(?:ke|terhadap|atas|di|pada|menghantam|menyasar|menargetkan|mengguncang)\b",
                          re.IGNORECASE)
#: how far after an attack noun (characters) its target may stand
ATTACK_TARGET_REACH = 80
_CLAIM_NEG = re.compile(r"\b(?:tidak|tak|belum|bukan|membantah|menolak|tanpa)\b[^.]{0,40}$", re.IGNORECASE)


def _claim_anaphora(doc: Doc, ctx: Ctx, spans: list[tuple[int, int]]) -> list[Found]:
    """A claim of responsibility with no attack after it codes the attack described just before: the
    claimer (an organisation named before the claim in its sentence) attacked the target of the last
    "serangan ... ke|terhadap|di X" in the two sentences before or the claim's own sentence."""
    out: list[Found] = []
    if "bertanggung" not in doc.text:
        return out
    starts = [m["start"] for m in ctx.mentions]
    span_starts = [a for a, _ in spans]
    for mt in _CLAIM.finditer(doc.text):
        k = bisect_right(span_starts, mt.start()) - 1
        if k < 0 or mt.start() >= spans[k][1]:
            continue
        s, e = spans[k]
        if _CLAIM_NEG.search(doc.text, s, mt.start()) or _dated_before_story(doc, s, e):
            continue  # "belum ada kelompok yang mengaku bertanggung jawab"; a past attack's claim
        claimer = None
        for m in ctx.mentions[bisect_left(starts, s):bisect_left(starts, mt.start())]:
            ref = _org_actor(ctx, m)
            if ref is not None:
                claimer = ref
        if claimer is None:
            continue
        target = None
        lo = span_starts[max(0, k - 2)]
        for an in _ATTACK_NOUN.finditer(doc.text, lo, mt.start()):
            i = bisect_left(starts, an.end())
            for m in ctx.mentions[i:bisect_left(starts, an.end() + ATTACK_TARGET_REACH)]:
                gap = doc.text[an.end():m["start"]]
                ei = m.get("entity_index")
                if ei is None or ei >= len(ctx.ent_actor) or any(c in gap for c in ".;!?"):
                    break
                country = ctx.ent_actor[ei][0]
                if country and country != claimer.country and _ATTACK_PREP.search(gap):
                    target = Actor(m["start"], m["end"], -1, -1, country, key=f"e{ei}",
                                   name=ctx.doc.entities[ei].name)
                    break
        if target is not None:
            out.append(Found(claimer, target, "190", mt.start(), mt.end(), "A:" + mt.group(0).lower()))
    return out


def _org_actor(ctx: Ctx, m: dict[str, Any]) -> Actor | None:
    """A non-state organisation with a country (Taliban, Houthi) mentioned at ``m``, as an actor."""
    ei = m.get("entity_index")
    if ei is None or ei >= len(ctx.ent_actor):
        return None
    country, role, full = ctx.ent_actor[ei]
    ent = ctx.doc.entities[ei]
    if ent.type != "ORG" or not country or full or role in STATE_ROLES or role in ("CVL", "MED", "BUS"):
        return None
    return Actor(m["start"], m["end"], -1, -1, country, role, key=f"e{ei}", name=ent.name)


def _rubric(doc: Doc) -> str | None:
    return doc.rubric.text if doc.rubric else (doc.raw.rubric if doc.raw is not None else None)


def _nonpolitical(doc: Doc) -> bool:
    """Sport and entertainment news: a match report's "menyerang" and "mengalahkan" are no politics."""
    rubric = _rubric(doc)
    return bool(rubric and NONPOLITICAL_RUBRIC.search(rubric))


def _dated_before_story(doc: Doc, s: int, e: int) -> bool:
    """A sentence that dates its action well before the article ("pada 7 Oktober 2023" in a 2025 story,
    "dua tahun lalu", "pada Februari lalu" in September) recalls background; "sejak" (since) an ongoing one."""
    pub = doc.published
    if pub is None:
        return False
    for d in doc.dates:
        if s <= d.start < e and d.precision == "day" and not d.relative and not _since(doc.text, d.start):
            try:
                when = dt.date.fromisoformat(d.value[:10])
            except ValueError:
                continue
            if (pub - when).days > PAST_DAYS:
                return True
    if _PAST_SPAN.search(doc.text, s, e):
        return True
    for m in _MONTH_REF.finditer(doc.text, s, e):
        month = _MONTHS.index(m.group(1).lower()) + 1
        year = int(m.group(2)) if m.group(2) else pub.year
        months_ago = (pub.year - year) * 12 + pub.month - month
        if m.group(0).lower().startswith("sejak"):
            continue
        if months_ago >= 2 or (year < pub.year):
            return True
    return False


def _since(text: str, at: int) -> bool:
    return text[max(0, at - 12):at].lower().rstrip().endswith(("sejak", "sejak tanggal", "semenjak"))


def merge(doc: Doc, found: list[Found], table: CameoTable) -> list[Event]:
    events: dict[tuple[str, str, str], Event] = {}
    for f in found:
        key = (f.src.code, f.tgt.code, f.code)
        mention = EventMention(doc.text[f.start:f.end], f.start, f.end)
        ev = events.get(key)
        if ev is None:
            cc = table.get(f.code)
            events[key] = Event(
                source=f.src.code, source_country=f.src.country or "", target=f.tgt.code,
                target_country=f.tgt.country or "", code=f.code, root=f.code[:2], quad=quad_class(f.code),
                goldstein=cc.goldstein, evidence=mention.evidence, start=f.start, end=f.end,
                mentions=[mention], source_name=f.src.name or None, target_name=f.tgt.name or None,
                confidence=0.6, by=f"rule:{f.by}",
            )
        elif all(m.start != f.start or m.end != f.end for m in ev.mentions):
            ev.mentions.append(mention)
            if f.end - f.start < ev.end - ev.start:  # the shortest span shows it best
                ev.evidence, ev.start, ev.end = mention.evidence, f.start, f.end
    return list(events.values())


@stage("events", requires=("text",), provides=("events",))
def run(doc: Doc, res: Resources) -> None:
    doc.events = extract(doc, res)


STAGE = run
