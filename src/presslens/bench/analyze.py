"""``presslens bench analyze``: presslens's full analysis next to bare spaCy on the same texts.

Both sides process the same texts in the same process, alternating rounds so
that machine load affects them alike: the bare model (``en_core_web_sm`` as
presslens loads it, with nothing added) through ``nlp.pipe``, and presslens's
whole analysis (article parsing, every component, conversion to records)
through :meth:`Analyzer.analyze_many`. A warm-up round runs first and is not
counted. The result is the median over rounds with the spread (min-max).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from presslens.analyzer import Analyzer
from presslens.config import Settings
from presslens.errors import DataFormatError
from presslens.ingest import read_articles
from presslens.nlp.pipeline import load_model
from presslens.records import Article, Failure

__all__ = ["Throughput", "bench_analyze"]


@dataclass(frozen=True, slots=True)
class Throughput:
    name: str
    articles_per_s: float
    words_per_s: float
    spread: tuple[float, float]  # min and max articles/s over rounds

    def as_dict(self) -> dict[str, object]:
        return {"articles_per_s": round(self.articles_per_s, 2), "words_per_s": round(self.words_per_s),
                "articles_per_s_min": round(self.spread[0], 2), "articles_per_s_max": round(self.spread[1], 2)}


def _load(paths: list[Path], settings: Settings) -> list[Article]:
    articles = [a for a in read_articles(paths, settings) if not isinstance(a, Failure)]
    if not articles:
        raise DataFormatError(f"no readable article under {', '.join(map(str, paths))}")
    return articles


def bench_analyze(paths: list[Path], *, rounds: int = 3, limit: int | None = None, settings: Settings | None = None,
                  on_round: Callable[[str, int], None] | None = None) -> dict[str, object]:
    """Throughput of bare spaCy and of presslens on the articles under ``paths``, and their ratio."""
    settings = settings or Settings.from_env()
    articles = _load(paths, settings)[:limit]
    texts = [a.body if not a.title else f"{a.title}\n\n{a.body}" for a in articles]
    words = sum(len(t.split()) for t in texts)
    bare = load_model(settings)
    analyzer = Analyzer(settings)

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass

    def run_presslens() -> None:
        for result in analyzer.analyze_many(articles):
            if isinstance(result, Failure):
                raise DataFormatError(f"{result.source}: {result.reason}")

    timings: dict[str, list[float]] = {"spacy": [], "presslens": []}
    runners = {"spacy": run_bare, "presslens": run_presslens}
    for round_number in range(rounds + 1):  # round 0 warms both up
        for name, runner in runners.items():
            started = time.perf_counter()
            runner()
            elapsed = time.perf_counter() - started
            if round_number:
                timings[name].append(elapsed)
            if on_round is not None:
                on_round(name, round_number)
    results = {}
    for name, seconds in timings.items():
        rates = [len(texts) / s for s in seconds]
        median = statistics.median(seconds)
        results[name] = Throughput(name, len(texts) / median, words / median, (min(rates), max(rates)))
    ratio = results["presslens"].articles_per_s / results["spacy"].articles_per_s
    return {
        "articles": len(texts),
        "words": words,
        "rounds": rounds,
        "model": bare.meta.get("name"),
        "spacy": results["spacy"].as_dict(),
        "presslens": results["presslens"].as_dict(),
        "ratio": round(ratio, 3),
    }
