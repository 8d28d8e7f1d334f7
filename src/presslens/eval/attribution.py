"""Scoring attribution against a directory in PolNeAR layout.

Layout::

    DIR/text/<name>.txt                      the article, as annotated
    DIR/attributions/<name>[_<annotator>].ann brat standoff: Source, Cue, Content, linked by E lines

Where a text has several annotation files (one per annotator), the first in
sorted order is the gold standard, as in PolNeAR's own split counts.

The metric (documented in the README):

* a span is the set of character offsets of its alphanumeric characters
  (so quote marks, commas and spacing never decide a match); a span of
  punctuation only, such as a ``:`` cue, keeps all its characters;
* for each role (source, cue, content), predicted and gold spans are matched
  one-to-one, greedily, largest overlap first; *exact* pairs have identical
  sets, *overlap* pairs share characters covering at least half of the gold
  span and half of the predicted one;
* a relation matches a gold relation when its content and its source both
  overlap-match the gold relation's (two missing sources match);
* precision, recall and F1 are micro-averaged over all documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from presslens.analyzer import Analyzer
from presslens.errors import DataFormatError
from presslens.eval.brat import TextBound, read_ann
from presslens.eval.metrics import prf
from presslens.records import Analysis, Article, Span

__all__ = [
    "GoldDocument",
    "PredictedRelation",
    "evaluate_attribution",
    "load_polnear",
    "predicted_relations",
    "relation_matches",
    "score_documents",
]

Chars = frozenset[int]


@dataclass(frozen=True, slots=True)
class PredictedRelation:
    """A relation as character-offset fragments into the document text."""

    content: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...] = ()
    source: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    relations: tuple[PredictedRelation, ...]


def _fragments(tb: TextBound | None) -> tuple[tuple[int, int], ...]:
    return tb.fragments if tb is not None else ()


def load_polnear(directory: Path) -> list[GoldDocument]:
    """The annotated documents of a PolNeAR-layout directory."""
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataFormatError(
            f"{directory} is not in PolNeAR layout: expected the folders text/ (articles as .txt) and "
            "attributions/ (brat .ann files)"
        )
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem
        if (text_dir / f"{stem}.txt").exists():
            anns.setdefault(stem, ann)
        else:
            base = stem.rsplit("_", 1)[0]
            if (text_dir / f"{base}.txt").exists():
                anns.setdefault(base, ann)
    if not anns:
        raise DataFormatError(f"{directory}: no .ann file in attributions/ matches a .txt file in text/")
    documents = []
    for name in sorted(anns):
        text = (text_dir / f"{name}.txt").read_text(encoding="utf-8")
        gold = read_ann(anns[name])
        relations = tuple(
            PredictedRelation(_fragments(r.content), _fragments(r.cue), _fragments(r.source))
            for r in gold.relations
        )
        documents.append(GoldDocument(name, text, relations))
    return documents


def _chars(text: str, fragments: Iterable[tuple[int, int]]) -> Chars:
    offsets = [i for start, end in fragments for i in range(start, min(end, len(text)))]
    alnum = frozenset(i for i in offsets if text[i].isalnum())
    return alnum or frozenset(offsets)


def _overlaps(gold: Chars, predicted: Chars) -> bool:
    shared = len(gold & predicted)
    return shared > 0 and 2 * shared >= len(gold) and 2 * shared >= len(predicted)


def _match(gold: list[Chars], predicted: list[Chars], accept: Callable[[Chars, Chars], bool]) -> int:
    """Size of a greedy one-to-one matching, largest overlap first."""
    pairs = sorted(
        ((len(g & p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
         if g & p and accept(g, p)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
    return len(used_gold)


@dataclass(slots=True)
class _Counts:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0


def score_documents(pairs: Iterator[tuple[GoldDocument, list[PredictedRelation]]]) -> dict[str, object]:
    """Scores for (gold document, predicted relations) pairs, in the documented JSON shape."""
    roles = {role: _Counts() for role in ("source", "cue", "content")}
    relation = _Counts()
    docs = 0
    for document, predicted in pairs:
        docs += 1
        text = document.text
        for role, counts in roles.items():
            gold_spans = [_chars(text, getattr(r, role)) for r in document.relations if getattr(r, role)]
            pred_spans = [_chars(text, getattr(r, role)) for r in predicted if getattr(r, role)]
            counts.gold += len(gold_spans)
            counts.predicted += len(pred_spans)
            counts.exact += _match(gold_spans, pred_spans, lambda g, p: g == p)
            counts.overlap += _match(gold_spans, pred_spans, _overlaps)
        relation.gold += len(document.relations)
        relation.predicted += len(predicted)
        relation.overlap += _match_relations(text, document.relations, predicted)
    result: dict[str, object] = {"docs": docs}
    for role, counts in roles.items():
        result[role] = {
            "exact": prf(counts.exact, counts.predicted, counts.gold).as_dict(),
            "overlap": prf(counts.overlap, counts.predicted, counts.gold).as_dict(),
        }
    result["relation"] = prf(relation.overlap, relation.predicted, relation.gold).as_dict()
    return result


def _match_relations(text: str, gold: tuple[PredictedRelation, ...], predicted: list[PredictedRelation]) -> int:
    return sum(relation_matches(text, gold, predicted))


def relation_matches(text: str, gold: tuple[PredictedRelation, ...], predicted: list[PredictedRelation]) -> list[bool]:
    """For each predicted relation, whether it matches a gold relation (content and source overlap,
    one-to-one, largest content overlap first)."""
    def parts(r: PredictedRelation) -> tuple[Chars, Chars | None]:
        return _chars(text, r.content), _chars(text, r.source) if r.source else None

    gold_parts = [parts(r) for r in gold if r.content]
    pred_parts = [parts(r) if r.content else (frozenset(), None) for r in predicted]
    pairs = []
    for gi, (g_content, g_source) in enumerate(gold_parts):
        for pi, (p_content, p_source) in enumerate(pred_parts):
            if not p_content or not _overlaps(g_content, p_content):
                continue
            if (g_source is None) != (p_source is None):
                continue
            if g_source is not None and p_source is not None and not _overlaps(g_source, p_source):
                continue
            pairs.append((len(g_content & p_content), gi, pi))
    used_gold: set[int] = set()
    matched = [False] * len(predicted)
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_gold and not matched[pi]:
            used_gold.add(gi)
            matched[pi] = True
    return matched


def predicted_relations(analysis: Analysis) -> list[PredictedRelation]:
    """An analysis's attributions as offset fragments into the analysed body."""
    def fragments(span: Span | None) -> tuple[tuple[int, int], ...]:
        return ((span.start, span.end),) if span is not None else ()

    return [
        PredictedRelation(tuple((s.start, s.end) for s in a.content), fragments(a.cue), fragments(a.source))
        for a in analysis.attributions
    ]


def evaluate_attribution(directory: Path, analyzer: Analyzer, *, limit: int | None = None,
                         on_progress: Callable[[int, int], None] | None = None) -> dict[str, object]:
    """Analyse every document of a PolNeAR-layout directory and score the attributions.

    Each text is analysed as it is, as the body of an article with no headline,
    so the offsets are those of the gold annotations.
    """
    documents = load_polnear(directory)[:limit]

    def pairs() -> Iterator[tuple[GoldDocument, list[PredictedRelation]]]:
        articles = (Article(body=d.text, source=d.name) for d in documents)
        for done, (document, result) in enumerate(zip(documents, analyzer.analyze_many(articles), strict=True), 1):
            if on_progress is not None:
                on_progress(done, len(documents))
            predicted = predicted_relations(result) if isinstance(result, Analysis) else []
            yield document, predicted

    return score_documents(pairs())
