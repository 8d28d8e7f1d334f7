"""Scoring persuasion techniques against PTC-layout gold (see :mod:`presslens.eval.ptc` for the metrics).

Each article is analysed as it is, as an article body with no layout
detection, so offsets line up with the labels. ``si`` scores the spans of
every PTC technique presslens reports (whatever technique it names: span
identification is technique-agnostic); ``tc`` asks the technique
classifier for the technique of each gold span (in the accurate mode, with the encoder's classifier
mixed in where the model has one).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from presslens.analyzer import Analyzer
from presslens.errors import DataFormatError
from presslens.eval.ptc import read_articles, read_labels, si_score, tc_score
from presslens.nlp.techniques import PTC_NAMES, TechniqueFinder
from presslens.records import Analysis, Article

__all__ = ["PTC_SLUGS", "evaluate_techniques", "predicted_spans"]

#: presslens's names of the 14 PTC techniques.
PTC_SLUGS = frozenset(name for name, _ in PTC_NAMES.values())


def predicted_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """The body spans of the PTC techniques in an analysis (euphemisms are not a PTC technique)."""
    return [(t.span.start, t.span.end) for t in analysis.techniques if t.technique in PTC_SLUGS and t.span.of == "body"]


def evaluate_techniques(articles: Path, labels: Path, analyzer: Analyzer, *, limit: int | None = None,
                        only: Callable[[str], bool] | None = None,
                        on_progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """``{"docs", "mode", "si": {"p","r","f1"}, "tc": {"micro_f1","macro_f1","per_technique"}}``; ``mode`` is the
    span tagger that ran (fast or accurate).

    ``only`` keeps the articles whose id it accepts (a split); ``limit`` the first N of them."""
    texts = read_articles(articles)
    gold = read_labels(labels)
    ids = [i for i in sorted(texts) if only is None or only(i)]
    ids = ids[:limit] if limit else ids
    missing = sorted({g.article for g in gold} - set(texts))
    if missing and len(missing) == len({g.article for g in gold}):
        raise DataFormatError(f"{labels}: none of its article ids has an article{missing[0]}.txt in {articles}")
    wanted = set(ids)
    gold = [g for g in gold if g.article in wanted]
    for g in gold:
        if g.end > len(texts[g.article]):
            raise DataFormatError(f"{labels}: span {g.start}-{g.end} lies beyond the end of article{g.article}.txt")

    finder = analyzer.nlp.get_pipe("presslens_techniques")
    if not isinstance(finder, TechniqueFinder):
        raise DataFormatError("the pipeline's presslens_techniques component is not presslens's TechniqueFinder")
    predicted: dict[str, list[tuple[int, int]]] = {}
    stream = (Article(body=texts[i], source=f"article{i}.txt") for i in ids)
    for number, (article_id, result) in enumerate(zip(ids, analyzer.analyze_many(stream), strict=True), 1):
        if not isinstance(result, Analysis):
            raise DataFormatError(f"article{article_id}.txt could not be analysed: {result.reason}")
        predicted[article_id] = predicted_spans(result)
        if on_progress:
            on_progress(number, len(ids))
    gold_spans: dict[str, list[tuple[int, int]]] = {}
    for g in gold:
        gold_spans.setdefault(g.article, []).append((g.start, g.end))
    si = si_score(predicted, gold_spans)

    spans_by_article: dict[str, list[tuple[int, int]]] = {}
    for g in gold:
        if (g.start, g.end) not in spans_by_article.setdefault(g.article, []):
            spans_by_article[g.article].append((g.start, g.end))
    guesses = {}
    for article_id, spans in spans_by_article.items():
        for (start, end), ranked in zip(spans, finder.classify(texts[article_id], spans), strict=True):
            guesses[(article_id, start, end)] = [name for name, _ in ranked]
    return {"docs": len(ids), "mode": finder.tagger, "si": si.as_dict(), "tc": tc_score(guesses, gold)}
