"""Score Pantau's analysis against gold annotations (the format of ``gold/GUIDELINES.md``).

The matching rules are those of the reference scorer ``gold/score.py`` so that the figures agree:
entities match one to one on a shared key (canonical name, alias, mention text or id, casefolded,
quotes and outer punctuation stripped) within a type family (PER; ORG; GPE and LOC together);
quotes match when shared words reach half of the longer text, and the speaker is right when it is
the gold speaker's name or alias or, for unnamed sources, shares half the phrase's words; events
are sets of (source country, target country, root) per article; dates are sets of day values.
Unlike ``score.py`` it runs the analysis in-process, so a folder of gold files scores in seconds.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .pipeline import analyze
from .readers import ReadFailure, iter_inputs
from .resources import Resources

_QUOTES = re.compile(r"[\"“”'‘’]")
_WS = re.compile(r"\s+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def norm(s: Any) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s)).casefold()
    return _WS.sub(" ", _QUOTES.sub("", s)).strip(" .,:;-")


def toks(s: Any) -> list[str]:
    return re.findall(r"\w+", norm(s))


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def entity_keys(e: dict[str, Any]) -> set[str]:
    keys = {norm(e.get("name"))} | {norm(a) for a in e.get("aliases") or []}
    for m in e.get("mentions") or []:
        keys.add(norm(m.get("text") if isinstance(m, dict) else m))
    if e.get("id"):
        keys.add(norm(e["id"]))
    return {k for k in keys if k}


def _type_ok(gt: str | None, pt: str | None) -> bool:
    return gt == pt or (gt in ("GPE", "LOC") and pt in ("GPE", "LOC"))


def match_entities(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        gk = entity_keys(g)
        for pi, p in enumerate(pred):
            if pi in used or not _type_ok(g.get("type"), p.get("type")):
                continue
            if gk & entity_keys(p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def speaker_ok(gold_speaker: str, pred_speaker: Any, gold_entities: list[dict]) -> bool:
    if not pred_speaker:
        return False
    ps = norm(pred_speaker if isinstance(pred_speaker, str) else pred_speaker.get("name"))
    g = next((e for e in gold_entities if e["name"] == gold_speaker), None)
    keys = entity_keys(g) if g else {norm(gold_speaker)}
    if ps in keys:
        return True
    gt, pt = set(toks(gold_speaker)), set(toks(ps))
    return bool(gt) and len(gt & pt) / len(gt | pt) >= 0.5


def quote_overlap(a: str, b: str) -> float:
    ta, tb = toks(a), toks(b)
    if not ta or not tb:
        return 0.0
    return sum((Counter(ta) & Counter(tb)).values()) / max(len(ta), len(tb))


def event_triple(e: dict[str, Any]) -> tuple[str, str, str]:
    code = str(e.get("code") or e.get("root") or "")
    root = str(e.get("root") or code[:2])
    src = e.get("source_country") or str(e.get("source", ""))[:3]
    tgt = e.get("target_country") or str(e.get("target", ""))[:3]
    return (str(src).upper(), str(tgt).upper(), root[:2])


@dataclass
class ArticleScore:
    """Per-article counts, kept so a user can see where the misses are."""

    id: str
    counts: Counter = field(default_factory=Counter)
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_events: list[tuple[str, str, str]] = field(default_factory=list)
    spurious_events: list[tuple[str, str, str]] = field(default_factory=list)
    missed_dates: list[str] = field(default_factory=list)
    error: str | None = None


def score_article(gold: dict[str, Any], pred: dict[str, Any]) -> ArticleScore:
    sc = ArticleScore(id=str(gold.get("id")))
    c = sc.counts
    st = gold.get("structure") or {}
    for k in ("rubric", "headline", "lead"):
        if k in st:
            c["struct_total"] += 1
            c["struct_ok"] += norm(pred.get(k)) == norm(st[k])
    if "dateline" in st:
        dl, gdl = pred.get("dateline") or {}, st["dateline"] or {}
        for k in ("outlet", "place"):
            c["struct_total"] += 1
            c["struct_ok"] += norm(dl.get(k)) == norm(gdl.get(k))
    if "related" in st:
        c["struct_total"] += 1
        c["struct_ok"] += sorted(map(norm, pred.get("related") or [])) == sorted(map(norm, st["related"]))
    ge = list(gold.get("entities") or [])
    pe = [e for e in pred.get("entities") or [] if e.get("type") in ("PER", "ORG", "GPE", "LOC")]
    pairs = match_entities(ge, pe)
    c["ent_tp"] += len(pairs)
    c["ent_pred"] += len(pe)
    c["ent_gold"] += len(ge)
    matched_g, matched_p = {g for g, _ in pairs}, {p for _, p in pairs}
    sc.missed_entities = [f"{e['name']} ({e.get('type')})" for i, e in enumerate(ge) if i not in matched_g]
    sc.spurious_entities = [f"{e['name']} ({e.get('type')})" for i, e in enumerate(pe) if i not in matched_p]
    gq, pq = gold.get("quotes") or [], pred.get("quotes") or []
    used: set[int] = set()
    for g in gq:
        best, bi = 0.0, None
        for i, p in enumerate(pq):
            if i in used:
                continue
            o = quote_overlap(g["text"], p.get("text") or "")
            if o > best:
                best, bi = o, i
        if bi is not None and best >= 0.5:
            used.add(bi)
            c["q_tp"] += 1
            c["q_spk"] += speaker_ok(g["speaker"], pq[bi].get("speaker"), ge)
    c["q_pred"] += len(pq)
    c["q_gold"] += len(gq)
    gev = {event_triple(e) for e in gold.get("events") or []}
    pev = {event_triple(e) for e in pred.get("events") or []}
    c["ev_tp"] += len(gev & pev)
    c["ev_pred"] += len(pev)
    c["ev_gold"] += len(gev)
    sc.missed_events, sc.spurious_events = sorted(gev - pev), sorted(pev - gev)
    gd = {x["value"] for x in gold.get("dates") or []}
    pd = {str(x.get("value")) for x in pred.get("dates") or [] if _DAY.fullmatch(str(x.get("value")))}
    c["d_tp"] += len(gd & pd)
    c["d_pred"] += len(pd)
    c["d_gold"] += len(gd)
    sc.missed_dates = sorted(gd - pd)
    return sc


def metrics(c: Counter) -> dict[str, float]:
    m: dict[str, float] = {}
    m["structure_acc"] = c["struct_ok"] / c["struct_total"] if c["struct_total"] else 1.0
    m["entity_p"], m["entity_r"], m["entity_f1"] = prf(c["ent_tp"], c["ent_pred"], c["ent_gold"])
    m["quote_p"], m["quote_r"], m["quote_f1"] = prf(c["q_tp"], c["q_pred"], c["q_gold"])
    m["speaker_acc"] = c["q_spk"] / c["q_tp"] if c["q_tp"] else 0.0
    m["quote_e2e_f1"] = prf(c["q_spk"], c["q_pred"], c["q_gold"])[2]
    m["event_p"], m["event_r"], m["event_f1"] = prf(c["ev_tp"], c["ev_pred"], c["ev_gold"])
    m["date_p"], m["date_r"], m["date_f1"] = prf(c["d_tp"], c["d_pred"], c["d_gold"])
    return m


@dataclass
class Evaluation:
    metrics: dict[str, float]
    articles: list[ArticleScore]

    @property
    def failures(self) -> list[ArticleScore]:
        return [a for a in self.articles if a.error]


def gold_pairs(gold_dir: str | Path) -> list[tuple[Path, Path]]:
    d = Path(gold_dir)
    if not d.is_dir():
        raise InputError("not a directory of gold files", source=str(d))
    pairs = [(j, j.with_suffix(".txt")) for j in sorted(d.glob("*.json"))]
    pairs = [(j, t) for j, t in pairs if t.exists()]
    if not pairs:
        raise InputError("no <id>.json + <id>.txt pairs found", source=str(d),
                         hint="a gold folder holds one .txt article and one .json annotation per id")
    return pairs


def evaluate(gold_dir: str | Path, *, resources: Resources | None = None,
             on_article: Callable[[ArticleScore], None] | None = None) -> Evaluation:
    """Analyse every ``<id>.txt`` of ``gold_dir`` and score it against ``<id>.json``."""
    total: Counter = Counter()
    scores: list[ArticleScore] = []
    for jpath, tpath in gold_pairs(gold_dir):
        try:
            gold = json.loads(jpath.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"unreadable gold file: {exc}", source=str(jpath)) from exc
        gold.setdefault("id", jpath.stem)
        pred: dict[str, Any] = {}
        error = None
        items: Iterable = iter_inputs([str(tpath)])
        for item in items:
            if isinstance(item, ReadFailure):
                error = item.reason
                break
            try:
                pred = analyze(item, published=gold.get("published"), resources=resources).to_dict()
            except Exception as exc:  # noqa: BLE001 - a crash scores zero for the article, as in score.py
                error = f"{type(exc).__name__}: {exc}"
            break
        sc = score_article(gold, pred)
        sc.error = error
        total.update(sc.counts)
        scores.append(sc)
        if on_article:
            on_article(sc)
    return Evaluation(metrics(total), scores)
