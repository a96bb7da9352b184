"""normalize stage and the cheap language check."""
from __future__ import annotations

import pytest

from pantau.doc import Doc, RawDoc
from pantau.errors import EmptyInput, NotIndonesian
from pantau.langid import guess_language, load_stopwords
from pantau.resources import Resources
from pantau.stages.normalize import STAGE, normalize_text

RES = Resources()

PROSE = ("Menteri Luar Negeri Retno Marsudi mengatakan bahwa Indonesia akan terus mendukung "
         "perdamaian di kawasan. Ia menyampaikan hal itu dalam pertemuan dengan Menteri Luar Negeri "
         "Jepang di Tokyo, Sabtu (19/3/2022). Menurut dia, kedua negara sepakat untuk memperkuat "
         "kerja sama ekonomi dan keamanan maritim yang telah terjalin selama ini.")


def run(raw: RawDoc, layout: str = "auto") -> Doc:
    doc = Doc(raw=raw, layout=layout)
    STAGE(doc, RES)
    return doc


@pytest.mark.parametrize("given, expected", [
    ("Kata â€œdamaiâ€\x9d diucapkan", "Kata “damai” diucapkan"),            # cp1252 mojibake
    ("Menlu Retno â€“ Jepang", "Menlu Retno – Jepang"),
    ("baris satu\r\nbaris dua\rbaris tiga", "baris satu\nbaris dua\nbaris tiga"),
    ("\ufeffJakarta", "Jakarta"),
    ("Pre\u200bsi\u200cden\u00adnya", "Presidennya"),
    ("Rp\u00a02,5\u202ftriliun", "Rp 2,5 triliun"),
    ("Cafe\u0301 di Gene\u0300ve", "Café di Genève"),                       # NFC composes
    ("“Kami siap,” ujarnya. ‘Ya’", "“Kami siap,” ujarnya. ‘Ya’"),            # curly quotes stay
    ("Harga naik 5,12% … kata dia", "Harga naik 5,12% … kata dia"),           # no NFKC ellipsis rewrite
    ("ada\x07bel", "adabel"),
])
def test_normalize_text(given: str, expected: str) -> None:
    assert normalize_text(given) == expected


def test_plain_mode_keeps_html_entities_as_written() -> None:
    assert normalize_text("AT&amp;T dan “kami”", plain=True) == "AT&amp;T dan “kami”"


def test_article_text_is_the_whole_input_normalised() -> None:
    text = "Internasional\r\nJudul Berita\r\n" + PROSE
    doc = run(RawDoc(text=text, kind="article"))
    assert doc.text == text.replace("\r\n", "\n")
    assert doc.language == "id"
    assert doc.warnings == []


def test_record_text_is_rubric_headline_body() -> None:
    raw = RawDoc(text=PROSE, title="Retno Bertemu\nMenlu Jepang ", rubric="Internasional", kind="record")
    doc = run(raw)
    assert doc.text == "Internasional\nRetno Bertemu Menlu Jepang\n" + PROSE
    assert doc.notes["header"] == ("rubric", "headline")


def test_record_without_rubric_has_headline_only() -> None:
    doc = run(RawDoc(text=PROSE, title="Retno Bertemu Menlu Jepang", kind="record"))
    assert doc.text.split("\n")[0] == "Retno Bertemu Menlu Jepang"
    assert doc.notes["header"] == ("headline",)


def test_plain_layout_keeps_record_text_alone() -> None:
    doc = run(RawDoc(text=PROSE, title="Judul", rubric="Dunia", kind="record"), layout="plain")
    assert doc.text == PROSE
    assert doc.notes["header"] == ()


@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b\ufeff"])
def test_empty_text_is_an_input_error(text: str) -> None:
    with pytest.raises(EmptyInput):
        run(RawDoc(text=text, origin="kosong.txt"))


def test_english_article_is_rejected() -> None:
    english = ("The foreign minister said on Saturday that the country would continue to support the "
               "peace process in the region, and that it was ready to work with all of its partners "
               "to end the war. There has been no comment from the government about the talks.")
    with pytest.raises(NotIndonesian) as exc:
        run(RawDoc(text=english, origin="en.txt"))
    assert "English" in str(exc.value)


def test_unsure_language_gets_a_warning_not_an_error() -> None:
    doc = run(RawDoc(text="Xyzzy qwerty plugh"))
    assert doc.language == "und"
    assert doc.warnings and doc.warnings[0].startswith("language:")


@pytest.mark.parametrize("text, lang, sure", [
    (PROSE, "id", True),
    ("Jokowi bertemu dengan Xi Jinping di Beijing", "id", False),          # short but clearly Indonesian
    ("Kerajaan Malaysia akan menghantar bantuan kepada mangsa banjir di negeri itu dan ia " * 3, "id", True),
    ("Le ministre a déclaré samedi que la France soutiendrait les pourparlers de paix " * 3, "und", False),
    ("12345 678 !!! ???", "und", False),
])
def test_guess_language(text: str, lang: str, sure: bool) -> None:
    g = guess_language(text, RES)
    assert (g.lang, g.sure) == (lang, sure)



@pytest.mark.parametrize("text", [
    "\u201cKami\u201d menunggu\xa0keputusan itu\u2014kata dia\u2026 di Jakarta.",
    "Caf\u00e9 \u00abdan\u00bb yang\u2019 \u00b0C 5\u00b2 itu",
])
def test_sample_words_split_at_every_non_letter(text: str) -> None:
    # the quick replacements of common marks must give the words a per-character check gives
    import re

    from pantau import langid

    slow = re.sub(r"[^\x00-\x7f]", lambda m: m.group() if m.group().isalnum() and not m.group().isdecimal()
                  else " ", text)
    expected = [w.lower() for w in re.findall(r"[A-Za-z\x80-\U0010ffff]+", slow)]
    got = [w.decode() for w in langid.sample_words(text)]
    assert [w.lower() for w in got] == expected
    assert all(not c.isalnum() for c in langid._COMMON_MARKS)

def test_stopword_file_integrity() -> None:
    sw = load_stopwords()
    assert set(sw) == {"id", "en"}
    assert len(sw["id"]) >= 50 and len(sw["en"]) >= 40
    assert not sw["id"] & sw["en"], "a word listed for both languages tells nothing"


# --- the cheap prechecks that decide whether ftfy runs must agree with ftfy itself ----------------

def _mojibake_strings() -> list[str]:
    import random

    from ftfy.badness import MOJIBAKE_CATEGORIES

    chars = [c for c in "".join(MOJIBAKE_CATEGORIES.values()) + "abZ \n.,ÃÂÎÐ€œŠ¢Ÿ\xa0®°·»–—´×²ØÙà√≈‚Ä"
             if c != "-"]
    rnd = random.Random(7)
    return ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 12))) for _ in range(5000)]


def test_mojibake_precheck_agrees_with_ftfy_is_bad() -> None:
    from ftfy.badness import is_bad

    from pantau.stages.normalize import maybe_mojibake

    samples = [PROSE, "Kata â€œdamaiâ€\x9d diucapkan", "“Kami siap,” ujarnya – ¡Olé!", "Ã " + PROSE,
               PROSE + " Ã  ", "Harga 5°C × 2²", *_mojibake_strings()]
    for s in samples:
        assert maybe_mojibake(s) == is_bad(s), repr(s)


def test_mojibake_shortcut_by_character_set_never_hides_mojibake() -> None:
    # a text whose set of non-ASCII characters cannot make any branch of ftfy's regex match is
    # not searched; wherever ftfy does find mojibake, the set must say it is possible
    from ftfy.badness import is_bad

    from pantau.stages.normalize import _bad_possible, notable_chars

    samples = ["Kata â€œdamaiâ€\x9d diucapkan", "Ã " + PROSE, PROSE + " Ã  ", "Harga 5°C × 2²",
               "caf\u00e9\u201d\u201cx", "Ð\u201c", *_mojibake_strings()]
    for text in samples:
        if is_bad(text):
            assert _bad_possible(frozenset(c for c in notable_chars(text) if c >= "\x80")), repr(text)
    # the marks of ordinary Indonesian news text alone never need the search
    assert not _bad_possible(frozenset("\u201c\u201d\u2018\u2019\u2013\u2014\u2026\xa0"))


def test_notable_chars_are_the_non_ascii_characters_and_controls() -> None:
    from pantau.stages.normalize import notable_chars

    text = "Kata “damai”\tdi\nJakarta\r – café\x00 \ud800 𝔸"
    assert notable_chars(text) == {c for c in text if not (" " <= c <= "~" or c in "\t\n")}
    assert notable_chars("Berita biasa, tanpa tanda khusus.\n") == set()


def test_mojibake_windows_cover_every_ftfy_pattern() -> None:
    """The precheck's windows assume each match of ftfy's regex is at most 7 characters long and
    has a non-ASCII character among its first three; a new ftfy version must keep that."""
    import re._constants as C
    import re._parser as P

    from ftfy.badness import BADNESS_RE

    from pantau.stages.normalize import _BAD_AFTER, _BAD_BEFORE

    parsed = P.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= _BAD_AFTER - 1
    [(op, (_, branches))] = parsed.data
    assert op is C.BRANCH

    def ascii_possible(item: tuple) -> bool:
        kind, av = item
        if kind is C.LITERAL:
            return av < 128
        if kind is C.IN:
            return any(o in (C.NEGATE, C.CATEGORY) or (o is C.LITERAL and a < 128)
                       or (o is C.RANGE and a[0] < 128) for o, a in av)
        return True  # a repeat or an anchor: treat as possibly ASCII

    for br in branches:
        items = [it for it in br if it[0] is not C.AT]
        assert any(not ascii_possible(it) for it in items[:_BAD_BEFORE + 1]), br


@pytest.mark.parametrize("text", [
    "Kata â€œdamaiâ€\x9d diucapkan", "AT&amp;T dan “kami”", "ﬁnal ＬＯＵＤ\u3000x", "a\x1b[31mb “c”",
    "Cafe\u0301 “x”", "baris\u2028dua “x”", "“Kami siap,” ujarnya – kata dia", "Rp\u00a02,5 “x”",
    # line breaks of Windows and old Macs, with and without other non-ASCII characters
    "baris satu\r\nbaris dua “x”", "baris satu\rbaris dua", "baris satu\r\nbaris dua",
    # ASCII text: entities, controls and terminal escapes are ftfy's to fix too
    "&#8220;Kami&#8221; siap", "AT&amp;T naik", "a\x00b\x0bc", "a\x1b[31mb", "Q&A dan Sales & Marketing",
    "mata uang Ã  la carte", "“Kami” Ã ",
])
def test_normalize_text_equals_always_running_ftfy(text: str) -> None:
    import unicodedata

    import ftfy

    from pantau.stages import normalize as n

    for plain in (False, True):
        full = ftfy.fix_text(text, n._FTFY_PLAIN if plain else n._FTFY)
        full = unicodedata.normalize("NFC", n._SPACES.sub(" ", full))
        full = n._INVISIBLE.sub("", n._NEWLINES.sub("\n", full))
        assert normalize_text(text, plain=plain) == full
