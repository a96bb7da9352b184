"""Events as rows of the GDELT 2.0 event table (same 61 columns, same order, tab-separated).

Pantau fills what one article's analysis can derive: the date, the actors (CAMEO code, name, country,
role type), the event codes, quad class, Goldstein score, mention count, whether the event is reported in
the headline or lead (IsRootEvent) and the source URL.  Fields that need GDELT's own machinery (tone,
geocoding of actors and action, cross-source counts, the time GDELT added the row) stay empty, so the rows
load into any tool written for GDELT without guessing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import IO

from ..model import Article, Event

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

#: CAMEO international and regional codes that are no country (GDELT leaves CountryCode empty for them)
_NOT_COUNTRY = frozenset({"IGO", "UNO", "NAT", "EUR", "ASN", "AFR", "ARL", "WST"})


def event_id(article_id: str, ev: Event) -> int:
    """A stable 63-bit id: the same article and triple give the same id on every run and machine."""
    h = hashlib.blake2b(f"{article_id}|{ev.source}|{ev.target}|{ev.code}".encode("utf-8"), digest_size=8)
    return int.from_bytes(h.digest(), "big") >> 1


def _date_fields(published: str | None) -> list[str]:
    if not published:
        return ["", "", "", ""]
    try:
        d = dt.date.fromisoformat(published[:10])
    except ValueError:
        return ["", "", "", ""]
    frac = d.year + (d.timetuple().tm_yday - 1) / (366 if d.year % 4 == 0 and (d.year % 100 or d.year % 400 == 0) else 365)
    return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year), f"{frac:.4f}"]


def _actor_fields(code: str, name: str | None, country: str) -> list[str]:
    country_code = country if country and country not in _NOT_COUNTRY else ""
    # the role type is what the full code adds to the country ("RUSGOV" -> GOV); a body such as
    # IGOUNO has no separate type
    rest = code[len(country):] if country and code.startswith(country) else ""
    types = [rest[i:i + 3] for i in range(0, len(rest), 3)][:3]
    types += [""] * (3 - len(types))
    return [code, (name or "").upper(), country_code, "", "", "", ""] + types


def _lead_end(a: Article) -> int:
    """Where the headline and lead end in ``a.text`` (events before it are the story's root events)."""
    end = 0
    for part in (a.headline, a.lead):
        if part:
            at = a.text.find(part)
            if at >= 0:
                end = max(end, at + len(part))
    return end


def gdelt_rows(article: Article) -> Iterator[list[str]]:
    """One row per event of ``article``, in GDELT 2.0 column order, every field a string."""
    date = _date_fields(article.published)
    lead_end = _lead_end(article)
    for ev in article.events:
        root = any(m.start < lead_end for m in ev.mentions) or ev.start < lead_end
        row = [str(event_id(article.id, ev)), *date]
        row += _actor_fields(ev.source, ev.source_name, ev.source_country)
        row += _actor_fields(ev.target, ev.target_name, ev.target_country)
        row += ["1" if root else "0", ev.code, ev.code[:3], ev.root, str(ev.quad), f"{ev.goldstein:g}",
                str(max(1, len(ev.mentions))), "1", "1", ""]
        row += [""] * 24  # actor and action geography: not derived
        row += ["", article.url or ""]
        assert len(row) == len(GDELT_COLUMNS)
        yield row


def write_gdelt(articles: Iterable[Article], fh: IO[str], *, header: bool = False) -> int:
    """Write the events of ``articles`` as GDELT 2.0 TSV rows; returns the number of rows written."""
    n = 0
    if header:
        fh.write("\t".join(GDELT_COLUMNS) + "\n")
    for a in articles:
        for row in gdelt_rows(a):
            fh.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in row) + "\n")
            n += 1
    return n
