"""A tiny, fixed entity tagger for event tests, so they test the events stage alone.

The entities stage is tested on its own; here every example sentence gets the same country and
organisation mentions whatever that stage's model does, and a failing test points at events.py.
Lexicon of facts only (country names and ISO codes).
"""
from __future__ import annotations

import datetime as dt
import re

from pantau.doc import Doc, RawDoc
from pantau.model import Entity, Quote, Span
from pantau.resources import get_resources
from pantau.stages import events as events_stage

COUNTRIES = {
    "Rusia": "RUS", "Moskow": "RUS", "Kremlin": "RUS", "China": "CHN", "Tiongkok": "CHN", "Beijing": "CHN",
    "Amerika Serikat": "USA", "AS": "USA", "Washington": "USA", "Ukraina": "UKR", "Kiev": "UKR",
    "Indonesia": "IDN", "Malaysia": "MYS", "Jepang": "JPN", "Tokyo": "JPN", "Iran": "IRN", "Teheran": "IRN",
    "Israel": "ISR", "Palestina": "PSE", "Gaza": "PSE", "Korea Utara": "PRK", "Korut": "PRK",
    "Korea Selatan": "KOR", "Inggris": "GBR", "Prancis": "FRA", "Jerman": "DEU", "Arab Saudi": "SAU",
    "Saudi": "SAU", "Turki": "TUR", "India": "IND", "Pakistan": "PAK", "Australia": "AUS", "Filipina": "PHL",
    "Vietnam": "VNM", "Singapura": "SGP", "Thailand": "THA", "Myanmar": "MMR", "Mesir": "EGY", "Yaman": "YEM",
    "Suriah": "SYR", "Irak": "IRQ", "Afghanistan": "AFG", "Taiwan": "TWN", "Sri Lanka": "LKA",
    "Armenia": "ARM", "Azerbaijan": "AZE", "Swedia": "SWE", "Lebanon": "LBN", "Qatar": "QAT",
    "Kolombia": "COL", "Ekuador": "ECU", "Kuba": "CUB", "Venezuela": "VEN", "Kanada": "CAN",
    "Kamboja": "KHM", "Uni Emirat Arab": "ARE", "Timor Leste": "TLS", "Belanda": "NLD", "Hong Kong": "HKG",
    "Peru": "PER", "Swiss": "CHE", "Polandia": "POL", "Belarus": "BLR", "Bolivia": "BOL", "Lithuania": "LTU",
    "Nikaragua": "NIC", "Yordania": "JOR", "Niger": "NER", "Somalia": "SOM", "Nigeria": "NGA",
    "Papua Nugini": "PNG", "Sudan": "SDN", "Chad": "TCD", "Bangladesh": "BGD", "Vatikan": "VAT",
    "Kuwait": "KWT", "Brasil": "BRA", "Meksiko": "MEX", "Kiribati": "KIR", "Kepulauan Solomon": "SLB",
    "Afrika Selatan": "ZAF", "Maroko": "MAR", "Spanyol": "ESP", "Argentina": "ARG", "Italia": "ITA",
}
#: cities and territories: GPE entities with a knowledge-base id of their own and the country they belong to
PLACES = {"Jakarta": "IDN", "Tepi Barat": "PSE", "Krimea": "UKR", "Taipei": "TWN", "Bangkok": "THA",
          "Riyadh": "SAU", "New York": "USA", "Los Angeles": "USA", "Ankara": "TUR"}
#: people: name -> (country, role)
PERSONS = {"Joko Widodo": ("IDN", "Presiden"), "Donald Trump": ("USA", "Presiden"),
           "Kim Jong-un": ("PRK", "Pemimpin"), "Hasto Kristiyanto": ("IDN", "Sekretaris Jenderal Partai"),
           # titled people whose country the text does not say
           "Budi Santoso": (None, "Menteri Perdagangan"), "Lee Min-ho": (None, "Menteri Luar Negeri")}
ORGS = {  # name -> (country, id)
    "PBB": (None, None), "Uni Eropa": (None, None), "ASEAN": (None, None), "NATO": (None, None),
    "IMF": (None, None), "Bank Dunia": (None, None), "Hamas": ("PSE", None), "Hizbullah": ("LBN", None),
    "Taliban": ("AFG", None), "Houthi": ("YEM", None), "Al Jazeera": ("QAT", None), "Reuters": ("GBR", None),
    # organisations whose country the text does not say: one with an Indonesian name, one with an English name
    "Aliansi Masyarakat Adat": (None, None), "Human Rights Watch": (None, None),
}
_NAMES = sorted(list(COUNTRIES) + list(ORGS) + list(PLACES) + list(PERSONS), key=len, reverse=True)
_RX = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in _NAMES) + r")(?![\w])")


def tag(doc: Doc) -> None:
    by_name: dict[str, int] = {}
    mentions = []
    for m in _RX.finditer(doc.text):
        name = m.group(1)
        role = None
        if name in COUNTRIES:
            key, typ, eid, country = COUNTRIES[name], "GPE", COUNTRIES[name], None
        elif name in PLACES:
            key, typ, eid, country = name, "GPE", f"GEO:{PLACES[name]}:{name.lower()}", PLACES[name]
        elif name in PERSONS:
            (country, role), key, typ, eid = PERSONS[name], name, "PER", None
        else:
            key, typ, eid, country = name, "ORG", ORGS[name][1], ORGS[name][0]
        if key not in by_name:
            by_name[key] = len(doc.entities)
            doc.entities.append(Entity(name=name, type=typ, id=eid, country=country, role=role))
        idx = by_name[key]
        doc.entities[idx].mentions.append(Span(m.start(), m.end(), name))
        mentions.append({"start": m.start(), "end": m.end(), "text": name, "type": typ, "entity_index": idx})
    doc.notes["mentions"] = mentions


def analyse(text: str, quotes: list[tuple[str, str]] = (), published: str | None = None,
            rubric: str | None = None, headline: str | None = None) -> Doc:
    """Run the events stage on ``text`` with fixture entities; ``quotes`` = [(quoted words, speaker)];
    ``published`` dates the article (ISO), ``rubric`` is its section ("Sepakbola"); a ``headline``
    goes on its own line before the text."""
    if headline is not None:
        text = headline + "\n" + text
    doc = Doc(raw=RawDoc(text=text, rubric=rubric), text=text,
              published=dt.date.fromisoformat(published) if published else None)
    if headline is not None:
        doc.headline = Span(0, len(headline), headline)
    tag(doc)
    for words, speaker in quotes:
        at = text.index(words)
        doc.quotes.append(Quote(text=words, kind="direct", speaker=speaker, cue=None, start=at, end=at + len(words)))
    events_stage.run(doc, get_resources())
    return doc


def triples(doc: Doc) -> set[tuple[str, str, str]]:
    return {(e.source_country, e.target_country, e.code) for e in doc.events}
