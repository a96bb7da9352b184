"""Server time of each dashboard page on a store of 100,000 articles (issue 7: < 300 ms per page).

    .venv/bin/python benchmarks/pages.py [--n 100000] [--db benchmarks/out/pages-100k.db] [--repeat 5]

Builds (once; reused while it exists) a store of synthetic hand-annotated articles written by the
store's own writer: varied Indonesian news sentences with entities drawn from a Zipf-like popularity
(so a few actors, like the country itself, appear in a large share of the archive, as in real news),
quotes, CAMEO events between country actors and dates spread over four years, about 5% of stories
carried again by a second outlet (near-duplicates).  No NLP runs: this measures the pages.

Then requests each page through the real app in-process (``TestClient``: routing, queries, templates,
no network) and prints a table of the median and worst server time per page.  Pages are chosen to be
heavy: the most frequent entity, a common word, the busiest actor pair.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pantau.doc import RawDoc  # noqa: E402
from pantau.model import Article, DateRef, Entity, Event, EventMention, Quote, Span  # noqa: E402

# (name, type, kb id, country)
COUNTRIES = [("Indonesia", "IDN"), ("Amerika Serikat", "USA"), ("China", "CHN"), ("Rusia", "RUS"),
             ("Ukraina", "UKR"), ("Jepang", "JPN"), ("Malaysia", "MYS"), ("Singapura", "SGP"), ("Australia", "AUS"),
             ("India", "IND"), ("Arab Saudi", "SAU"), ("Iran", "IRN"), ("Israel", "ISR"), ("Palestina", "PSE"),
             ("Korea Selatan", "KOR"), ("Korea Utara", "PRK"), ("Filipina", "PHL"), ("Vietnam", "VNM"),
             ("Thailand", "THA"), ("Inggris", "GBR"), ("Prancis", "FRA"), ("Jerman", "DEU"), ("Turki", "TUR"),
             ("Mesir", "EGY"), ("Myanmar", "MMR"), ("Timor Leste", "TLS"), ("Brasil", "BRA"), ("Kanada", "CAN")]
FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rudi", "Sri", "Andi", "Rina", "Hendra", "Wati", "Joko", "Ayu", "Bambang",
         "Lestari", "Fajar", "Indah", "Yusuf", "Nur", "Teguh", "Ratna", "Arif", "Maya", "Dedi", "Putri", "Eko",
         "Fitri", "Iwan", "Yanti", "Surya", "Kartika"]
LAST = ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Pratama", "Nugroho", "Setiawan", "Siregar",
        "Harahap", "Simanjuntak", "Gunawan", "Halim", "Wibowo", "Susanto", "Lubis", "Nasution", "Purnomo",
        "Rahman", "Hakim"]
ROLES = ["Menteri Luar Negeri", "Menteri Perdagangan", "Gubernur", "Bupati", "Ketua DPR", "Juru bicara",
         "Kapolri", "Panglima", "Direktur Utama", "Ekonom", "Pengamat politik", "Wali Kota"]
ORGS = ["Kementerian Luar Negeri", "Kementerian Perdagangan", "Bank Indonesia", "Komisi Pemberantasan Korupsi",
        "Badan Pusat Statistik", "Pertamina", "Perserikatan Bangsa-Bangsa", "ASEAN", "Mahkamah Konstitusi",
        "Dewan Perwakilan Rakyat", "Tentara Nasional Indonesia", "Kepolisian Negara", "Uni Eropa", "WHO",
        "Otoritas Jasa Keuangan", "Badan Nasional Penanggulangan Bencana"]
PLACES = ["Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Yogyakarta", "Denpasar", "Palembang",
          "Balikpapan", "Pontianak", "Manado", "Kupang", "Jayapura", "Ambon", "Padang", "Banda Aceh", "Mataram"]
RUBRICS = ["Nasional", "Internasional", "Ekonomi", "Politik", "Hukum", "Metro", "Olahraga", "Teknologi"]
OUTLETS = ["Warta Nusantara", "Harian Khatulistiwa", "Suara Timur", "Kabar Pesisir", "Berita Andalas",
           "Jurnal Borneo", "Pos Sulawesi", "Gema Bali", "Tribun Selat", "Obor Rakyat"]
TOPICS = ["harga beras", "inflasi", "ekspor nikel", "banjir rob", "pemilu", "vaksinasi", "subsidi energi",
          "kereta cepat", "pajak karbon", "perikanan", "pendidikan", "korupsi", "gempa bumi", "investasi asing",
          "keamanan siber", "jalan tol", "pupuk", "kelapa sawit", "pariwisata", "stunting"]
WORDS = ("pemerintah masyarakat warga kebijakan program anggaran rapat kerja sama laporan data angka naik turun "
         "tahun bulan pekan wilayah daerah pusat provinsi kota desa kawasan proyek pembangunan rencana target "
         "realisasi kenaikan penurunan harga pasar permintaan pasokan produksi distribusi layanan publik fasilitas "
         "kesehatan sekolah rumah sakit petani nelayan buruh pedagang pelaku usaha investor konsumen aparat "
         "petugas relawan korban pengungsi bantuan logistik dana hibah pinjaman utang cadangan devisa neraca "
         "dagang nilai tukar rupiah suku bunga saham obligasi sidang putusan gugatan saksi terdakwa jaksa hakim "
         "penyidik bukti dokumen aturan undang-undang revisi evaluasi pengawasan koordinasi sosialisasi "
         "pelatihan teknologi digital aplikasi jaringan listrik air bersih sampah lingkungan hutan lahan "
         "kebakaran cuaca hujan musim kemarau panen irigasi pelabuhan bandara terminal kendaraan").split()
# CAMEO code: (Goldstein, quad, Indonesian verb phrase)
CODES = [("036", 4.0, 1, "menyatakan keinginan bertemu"), ("040", 1.0, 1, "berkonsultasi dengan"),
         ("043", 2.8, 1, "mengunjungi"), ("051", 3.4, 1, "memuji"), ("057", 8.0, 2, "menandatangani kesepakatan dengan"),
         ("061", 6.4, 2, "bekerja sama secara ekonomi dengan"), ("070", 7.0, 2, "memberi bantuan kepada"),
         ("112", -2.0, 3, "menuduh"), ("130", -4.4, 3, "mengancam"), ("163", -8.0, 4, "menjatuhkan sanksi kepada"),
         ("172", -5.0, 4, "menyita aset"), ("190", -10.0, 4, "menyerang")]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


def _zipf(rng: random.Random, items: list, s: float = 1.1):
    # index drawn with P(k) ~ 1/(k+1)^s: the first items dominate, as the news talks about a few actors
    weights = _zipf.cache.get((len(items), s))
    if weights is None:
        weights = _zipf.cache[(len(items), s)] = [1 / (k + 1) ** s for k in range(len(items))]
    return rng.choices(items, weights=weights)[0]


_zipf.cache = {}  # type: ignore[attr-defined]

PEOPLE = [(f"{f} {l}", ROLES[(i * 7) % len(ROLES)]) for i, (f, l) in
          enumerate((f, l) for l in LAST for f in FIRST)]  # 600 people


class Doc:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.ents: dict[tuple[str, str], Entity] = {}
        self.quotes: list[Quote] = []
        self.events: list[Event] = []
        self.dates: list[DateRef] = []

    def add(self, s: str) -> tuple[int, int]:
        a = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return a, self.pos

    def ent(self, surface: str, name: str, type_: str, kb: str | None = None, country: str | None = None,
            role: str | None = None) -> None:
        a, b = self.add(surface)
        e = self.ents.setdefault((type_, name), Entity(name, type_, id=kb, country=country, role=role))
        e.mentions.append(Span(a, b, surface))

    def filler(self, rng: random.Random, n: int) -> None:
        self.add(" ".join(rng.choice(WORDS) for _ in range(n)))


def make_article(k: int, rng: random.Random) -> Article:
    year = 2020 + rng.randrange(4)
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    pub = f"{year}-{month:02d}-{day:02d}"
    rubric = _zipf(rng, RUBRICS, 0.6)
    topic = rng.choice(TOPICS)
    person, role = _zipf(rng, PEOPLE, 0.9)
    c1 = _zipf(rng, COUNTRIES, 1.2)
    c2 = _zipf(rng, [c for c in COUNTRIES if c != c1], 1.0)
    place = _zipf(rng, PLACES)
    org = _zipf(rng, ORGS, 0.8)
    d = Doc()
    d.add(rubric + "\n")
    headline = f"{person} Bahas {topic.title()} dengan {c2[0]}"
    d.add(headline + "\n")
    body_start = d.pos
    d.add(place.upper() + " - ")
    s = d.pos
    d.add(f"{role} ")
    d.ent(c1[0], c1[0], "GPE", c1[1])
    d.add(" ")
    d.ent(person, person, "PER", None, c1[1], role)
    code, gs, quad, verb = rng.choice(CODES)
    d.add(f" {verb} ")
    d.ent(c2[0], c2[0], "GPE", c2[1])
    d.add(f" soal {topic}")
    ev_end = d.pos
    evidence = "".join(d.parts)[s:ev_end]
    d.events.append(Event(f"{c1[1]}GOV", c1[1], c2[1], c2[1], code, code[:2], quad, gs, evidence, s, ev_end,
                          [EventMention(evidence, s, ev_end)], person, c2[0]))
    d.add(" pada ")
    a, b = d.add(f"{day} {MONTHS[month - 1]} {year}")
    d.dates.append(DateRef(f"{day} {MONTHS[month - 1]} {year}", pub, "day", a, b))
    d.add(". ")
    d.filler(rng, rng.randrange(25, 60))
    d.add(".\n")
    d.add('"')
    qa = d.pos
    d.add(f"Kami akan memastikan {topic} tidak merugikan ")
    d.filler(rng, rng.randrange(8, 20))
    qb = d.pos
    d.quotes.append(Quote("".join(d.parts)[qa:qb], "direct", person, "kata", qa, qb))
    d.add('," kata ')
    d.ent(person.split()[-1], person, "PER")
    d.add(" di ")
    d.ent(place, place, "LOC")
    d.add(".\n")
    d.add("Menurut ")
    d.ent(org, org, "ORG")
    d.add(", ")
    d.filler(rng, rng.randrange(30, 90))
    d.add(".\n")
    if rng.random() < 0.5:
        other, orole = _zipf(rng, PEOPLE, 0.9)
        d.ent(other, other, "PER", None, None, orole)
        d.add(" menilai ")
        d.filler(rng, rng.randrange(15, 40))
        d.add(".\n")
    text = "".join(d.parts)
    body = [p for p in text[body_start:].split("\n") if p]
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    return Article(id=f"bench-{k}", text=text, url=f"https://{outlet.lower().replace(' ', '')}.example/{k}",
                   source=outlet, rubric=rubric, headline=headline, published=pub, body=body,
                   entities=list(d.ents.values()), quotes=d.quotes, events=d.events, dates=d.dates,
                   pantau_version="bench")


def build(path: Path, n: int, seed: int = 7) -> float:
    from dataclasses import replace

    from pantau.store import Item, StoreWriter

    rng = random.Random(seed)
    t0 = time.perf_counter()
    with StoreWriter(path) as w:
        run = w.start_run({"benchmark": "pages", "n": n})
        buf: list[Item] = []
        k = 0
        while k < n:
            a = make_article(k, rng)
            batch = [a]
            if rng.random() < 0.05 and k + 1 < n:  # the same story carried by another outlet
                k += 1
                batch.append(replace(a, id=f"bench-{k}", source=OUTLETS[(OUTLETS.index(a.source) + 1) % len(OUTLETS)]))
            for art in batch:
                raw = RawDoc(text=art.text, id=art.id, title=art.headline, rubric=art.rubric, published=art.published,
                             url=art.url, source=art.source, origin="benchmark", kind="record")
                buf.append(Item(art, raw, hashlib.sha1((art.id + art.text).encode()).hexdigest()))
            k += 1
            if len(buf) >= 1000:
                w.write_batch(buf, run_id=run, seen=len(buf))
                buf.clear()
                print(f"\r  {k:,} articles", end="", file=sys.stderr, flush=True)
        if buf:
            w.write_batch(buf, run_id=run, seen=len(buf))
        w.finish_run(run)
    print(file=sys.stderr)
    return time.perf_counter() - t0


def heavy_targets(db: Path) -> dict[str, str]:
    """URLs of the heaviest pages this store has: busiest entity, commonest word, busiest actor pair."""
    from pantau.store.queries import open_store

    conn = open_store(db)
    top_ent = conn.execute("SELECT key FROM entities ORDER BY n_articles DESC LIMIT 1").fetchone()[0]
    top_per = conn.execute("SELECT key, name FROM entities WHERE type = 'PER' ORDER BY n_articles DESC LIMIT 1").fetchone()
    pair = conn.execute("SELECT source_country, target_country FROM events GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1").fetchone()
    art = conn.execute("SELECT id FROM articles WHERE dup_group IS NOT NULL LIMIT 1").fetchone()[0]
    first_period = conn.execute(
        "SELECT substr(day, 1, 7) FROM events WHERE source_country = ? AND target_country = ? ORDER BY day LIMIT 1",
        tuple(pair)).fetchone()[0]
    conn.close()
    e = quote(top_ent, safe=":")
    return {
        "search (common word)": "/search?q=pemerintah",
        "search (phrase + filters)": "/search?q=%22harga+beras%22&rubric=Ekonomi&since=2021-01-01",
        "search (entity filter)": f"/search?q=rapat&entity={quote(top_ent)}",
        "search (browse, no query)": "/search",
        "search (browse, entity filter)": f"/search?entity={quote(top_ent)}",
        "search (page 50)": "/search?q=pemerintah&page=50",
        "article": f"/articles/{quote(art, safe='')}",
        "entity (most frequent)": f"/entities/{e}",
        "entity (top person)": f"/entities/{quote(top_per[0], safe=':')}",
        "relations (month)": f"/relations?a={pair[0]}&b={pair[1]}",
        "relations (week + evidence)": f"/relations?a={pair[0]}&b={pair[1]}&by=week",
        "relations (month evidence)": f"/relations?a={pair[0]}&b={pair[1]}&period={first_period}",
        "quotes (all)": "/quotes",
        "quotes (top speaker)": f"/quotes?speaker={quote(top_per[1])}",
        "quotes (speaker + term)": f"/quotes?speaker={quote(top_per[1])}&about=harga",
        "quotes (term)": "/quotes?about=inflasi",
    }


def measure(db: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    from fastapi.testclient import TestClient

    from pantau.web.app import create_app

    out = []
    with TestClient(create_app(db)) as client:
        for name, url in heavy_targets(db).items():
            times = []
            size = 0
            for i in range(repeat + 1):
                t0 = time.perf_counter()
                r = client.get(url)
                dt_ms = (time.perf_counter() - t0) * 1000
                if r.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:300]}")
                size = len(r.content)
                if i:  # the first request warms SQLite's page cache and the template cache
                    times.append(dt_ms)
            out.append((name, statistics.median(times), max(times), size))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    db = args.db or ROOT / "benchmarks" / "out" / f"pages-{args.n}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild and db.exists():
        for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
            p.unlink(missing_ok=True)
    if not db.exists():
        secs = build(db, args.n)
        print(f"built {db} ({args.n:,} articles) in {secs:.0f} s")
    from pantau.store.queries import open_store, stats
    s = stats(open_store(db))
    print(f"store: {s['articles']:,} articles, {s['entities']:,} entities, {s['quotes']:,} quotes, "
          f"{s['events']:,} events, {s['near_duplicate_articles']:,} in near-duplicate groups")
    rows = measure(db, args.repeat)
    print(f"\n{'page':32} {'median ms':>10} {'max ms':>8} {'KiB':>6}")
    for name, med, worst, size in rows:
        flag = "" if worst < 300 else "  > 300 ms"
        print(f"{name:32} {med:10.1f} {worst:8.1f} {size / 1024:6.1f}{flag}")
    return 0 if all(w < 300 for _, _, w, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
