"""``presslens bench store``: how fast the corpus store writes and searches.

Synthetic articles (random words with a Zipf-like frequency, attributions cut
out of the body, a few speakers and outlets) are built in memory first, so the
numbers measure the store alone: analysis and fingerprinting, which ingest
runs in its worker processes, are not timed (the time to fingerprint one
article is reported beside them).

* **write rate**: articles stored per second, in transactions of
  ``batch`` articles as ``presslens ingest`` writes them (duplicate checks,
  near-copy lookup, all tables, full-text indexes and MinHash bands included),
  by the wall clock and per CPU-second (on a busy machine the two differ; the
  load average is reported with them);
* **search latency**: ``presslens search`` queries (one or two words, some with
  a speaker, outlet or date filter) over a store of ``attributions`` quotes;
  the median and 95th percentile, beside the same words found with a plain
  ``LIKE`` scan (the reference: what the full-text index saves).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from presslens.corpus.queries import Filters, search
from presslens.link.minhash import MinHasher
from presslens.records import Analysis, Article, Attribution, Entity, Outlet, Span, Speaker
from presslens.store.keys import content_hash, url_key
from presslens.store.sqlite import PreparedArticle, Store

__all__ = ["StoreBenchResult", "run_store_bench", "synthetic_articles"]

_OUTLETS = [f"Outlet {chr(65 + i)}" for i in range(20)]
_SPEAKERS = [f"Speaker{n} Surname{n}" for n in range(400)]


@dataclass(frozen=True, slots=True)
class StoreBenchResult:
    write_articles: int
    write_seconds: float
    write_rate: float
    write_rate_runs: tuple[float, ...]
    #: Articles per CPU-second of the writing process: what the rate would be on an idle core.
    write_rate_per_cpu_second: float
    fingerprint_ms: float
    search_articles: int
    search_attributions: int
    search_queries: int
    search_median_ms: float
    search_p95_ms: float
    like_median_ms: float
    #: Results per query (at most 20): searches that find nothing would flatter the latency.
    search_median_hits: float
    build_seconds: float
    #: The machine, to read the wall-clock numbers by: CPUs, and the 1-minute load average after the run.
    cpus: int
    load_average: float

    def bars(self) -> dict[str, bool]:
        return {"write_rate >= 500 articles/s": self.write_rate >= 500,
                "search median < 50 ms": self.search_median_ms < 50}


class _Words:
    """Made-up words (the same vocabulary for every seed), drawn with Zipf-like frequencies."""

    def __init__(self, rng: np.random.Generator, size: int = 6000) -> None:
        letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
        fixed = np.random.default_rng(0)
        self.vocabulary = ["".join(fixed.choice(letters, size=int(fixed.integers(3, 10)))) for _ in range(size)]
        weights = 1.0 / np.arange(1, size + 1)
        self.cdf = np.cumsum(weights / weights.sum())
        self.rng = rng

    def sample(self, n: int) -> list[str]:
        picks = np.minimum(np.searchsorted(self.cdf, self.rng.random(n)), len(self.vocabulary) - 1)
        return [self.vocabulary[i] for i in picks]


def synthetic_articles(n: int, *, attributions: int = 10, seed: int = 0, hasher: MinHasher | None = None,
                       fingerprint: bool = True) -> list[PreparedArticle]:
    """``n`` distinct articles of about 400 words with ``attributions`` quotes each, fingerprinted for
    near-copy detection unless ``fingerprint`` is false."""
    rng = np.random.default_rng(seed)
    words = _Words(rng)
    hasher = hasher or MinHasher()
    items = []
    for number in range(n):
        paragraphs = [" ".join(words.sample(int(rng.integers(30, 60)))).capitalize() + "." for _ in range(8)]
        body = "\n\n".join(paragraphs)
        title = " ".join(words.sample(8)).capitalize()
        outlet = _OUTLETS[int(rng.integers(len(_OUTLETS)))]
        records, entities, cursor = [], [], 0
        for a in range(attributions):
            start = body.find(" ", cursor + int(rng.integers(5, 30))) + 1
            end = body.find(" ", start + int(rng.integers(40, 160)))
            if start <= 0 or end <= start:
                break
            cursor = min(end, len(body) - 200) if end < len(body) - 200 else 0
            name = _SPEAKERS[int(rng.zipf(1.6)) % len(_SPEAKERS)]
            entity_id = f"E{a + 1}"
            entities.append(Entity(entity_id, name, "PERSON", None, ()))
            records.append(Attribution(
                id=f"A{a + 1}", kind=("direct", "indirect", "mixed")[a % 3],
                content=(Span(start, end, body[start:end]),), speaker=Speaker(name, None, entity_id), rule="bench"))
        day = f"2024-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"
        article = Article(body=body, title=title, published=day, url=f"https://bench.invalid/{seed}/{number}",
                          outlet=Outlet(outlet), source=f"bench:{number}", format="jsonl")
        analysis = Analysis(article, tuple(records), tuple(entities))
        signature = hasher.signature(body).tobytes() if fingerprint else b""
        items.append(PreparedArticle(analysis, content_hash(article), url_key(article.url), None,
                                     signature, len(hasher.shingles(body)) if fingerprint else 0))
    return items


def _write(store: Store, items: list[PreparedArticle], batch: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds to store ``items`` in transactions of ``batch``."""
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(items), batch):
        with store.transaction():
            for item in items[i:i + batch]:
                store.add(item)
    return time.perf_counter() - started, time.process_time() - cpu


def run_store_bench(*, articles: int = 2000, attributions: int = 100_000, per_article: int = 10,
                    queries: int = 200, batch: int = 16, runs: int = 3, directory: Path | None = None,
                    on_step: Callable[[str], None] | None = None) -> StoreBenchResult:
    """Measure write rate and search latency in a temporary folder (or ``directory``)."""
    step = on_step or (lambda message: None)
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        root = Path(tmp)
        hasher = MinHasher()
        step("fingerprinting synthetic articles")
        started = time.perf_counter()
        synthetic_articles(50, attributions=per_article, seed=999, hasher=hasher)
        fingerprint_ms = 1000 * (time.perf_counter() - started) / 50
        # Write rate: a warm-up run, then `runs` runs into fresh databases; the median is reported.
        rates, cpu_rates = [], []
        for run in range(runs + 1):
            step(f"write run {run}/{runs}" if run else "write warm-up")
            items = synthetic_articles(articles if run else 200, attributions=per_article, seed=run, hasher=hasher)
            with Store(root / f"write{run}.db") as store:
                seconds, cpu = _write(store, items, batch)
            if run:
                rates.append(len(items) / seconds)
                cpu_rates.append(len(items) / cpu)
        write_rate = statistics.median(rates)
        # Search: a store holding `attributions` quotes.
        n_articles = max(1, attributions // per_article)
        step(f"building a store of {n_articles:,} articles / {attributions:,} quotes")
        build_started = time.perf_counter()
        with Store(root / "search.db") as store:
            for chunk in range(0, n_articles, 1000):
                # Unfingerprinted: this store is for timing searches, and it is built faster so.
                items = synthetic_articles(min(1000, n_articles - chunk), attributions=per_article,
                                           seed=10_000 + chunk, fingerprint=False)
                _write(store, items, 500)
            build_seconds = time.perf_counter() - build_started
            stored = store.counts()
            step(f"running {queries} searches")
            rng = np.random.default_rng(7)
            words_of = _Words(rng)
            latencies, like, found = [], [], []
            for q in range(queries + 10):
                # One or two fairly common words (ranks 50 to 1000: not stop-word-like, not rare), so that
                # queries match hundreds to thousands of quotes and ranking them is part of the time.
                ranks = rng.integers(50, 1000, size=int(rng.integers(1, 3)))
                words = [words_of.vocabulary[int(r)] for r in ranks]
                filters = _filters(q, rng)
                began = time.perf_counter()
                hits = search(store, " ".join(words), filters, limit=20)
                elapsed = time.perf_counter() - began
                if q >= 10:  # the first ten warm the page cache
                    latencies.append(elapsed)
                    found.append(len(hits))
                if q % 10 == 0:
                    began = time.perf_counter()
                    store.query("SELECT row_id FROM attributions WHERE text LIKE ? LIMIT 20", (f"%{words[0]}%",))
                    like.append(time.perf_counter() - began)
        return StoreBenchResult(
            write_articles=articles, write_seconds=round(articles / write_rate, 3), write_rate=round(write_rate, 1),
            write_rate_runs=tuple(round(r, 1) for r in rates),
            write_rate_per_cpu_second=round(statistics.median(cpu_rates), 1), fingerprint_ms=round(fingerprint_ms, 2),
            search_articles=stored["articles"], search_attributions=stored["attributions"], search_queries=queries,
            search_median_ms=round(1000 * statistics.median(latencies), 2),
            search_p95_ms=round(1000 * float(np.percentile(latencies, 95)), 2),
            like_median_ms=round(1000 * statistics.median(like), 2), build_seconds=round(build_seconds, 1),
            search_median_hits=float(statistics.median(found)),
            cpus=os.cpu_count() or 0, load_average=round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else -1.0)


def _filters(q: int, rng: np.random.Generator) -> Filters:
    """Every third query filtered: by speaker, by outlet or by a date range, in turn."""
    if q % 3:
        return Filters()
    which = (q // 3) % 3
    if which == 0:
        return Filters(speaker=_SPEAKERS[int(rng.zipf(1.6)) % len(_SPEAKERS)])
    if which == 1:
        return Filters(outlet=_OUTLETS[int(rng.integers(len(_OUTLETS)))])
    month = int(rng.integers(1, 12))
    return Filters(since=f"2024-{month:02d}-01", until=f"2024-{month + 1:02d}-01")


def as_dict(result: StoreBenchResult) -> dict[str, Any]:
    from dataclasses import asdict

    return {**asdict(result), "bars": result.bars()}
