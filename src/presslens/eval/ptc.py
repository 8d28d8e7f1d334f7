"""The Propaganda Techniques Corpus (SemEval-2020 Task 11): reading it, and its two metrics.

Layout::

    DIR/article<ID>.txt      the article: title, blank line, one sentence per line
    FILE                     technique labels, one per line: ``id<TAB>technique<TAB>start<TAB>end``

Offsets are character offsets into the article text (end exclusive).

**Span identification (SI)** uses the task's official measure, which gives
partial credit for partial overlap. Overlapping gold spans of one article
are first merged (the task ignores techniques here), and so are
overlapping predicted spans. Then, with ``S`` the predicted spans and
``T`` the gold spans of all articles::

    P = (1/|S|) * sum over s in S, t in T of |s ∩ t| / |s|
    R = (1/|T|) * sum over s in S, t in T of |s ∩ t| / |t|

(only pairs from the same article intersect), and F1 is their harmonic mean.

**Technique classification (TC)** scores one predicted technique per gold
span. A span labelled with k techniques appears k times, and the k
predictions for it are matched against its k gold labels as multisets.
Micro-F1 equals accuracy (every span gets a prediction); macro-F1 averages
the per-technique F1 over the techniques.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import DataFormatError
from presslens.eval.metrics import PRF, prf

__all__ = [
    "PTC_TECHNIQUES",
    "GoldSpan",
    "merge_spans",
    "read_articles",
    "read_labels",
    "si_score",
    "tc_score",
]

#: The 14 technique classes of SemEval-2020 Task 11, as the corpus spells them.
PTC_TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

_ARTICLE = re.compile(r"article(\d+)\.txt$")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One labelled fragment of an article."""

    article: str
    technique: str
    start: int
    end: int


def read_articles(directory: Path) -> dict[str, str]:
    """``{article id: text}`` for every ``article<ID>.txt`` in ``directory``."""
    if not directory.is_dir():
        raise DataFormatError(f"{directory}: not a folder; expected a folder of article<ID>.txt files")
    articles = {}
    for path in sorted(directory.iterdir()):
        match = _ARTICLE.match(path.name)
        if match:
            articles[match.group(1)] = path.read_text(encoding="utf-8")
    if not articles:
        raise DataFormatError(f"{directory}: no article<ID>.txt files in it")
    return articles


def read_labels(path: Path, *, with_technique: bool = True) -> list[GoldSpan]:
    """The labelled spans of a PTC labels file (``with_technique=False`` for the SI format)."""
    if not path.is_file():
        raise DataFormatError(f"{path}: no such labels file")
    spans = []
    width = 4 if with_technique else 3
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != width:
            raise DataFormatError(f"{path}:{number}: expected {width} tab-separated fields, got {len(fields)}")
        article, *label, start, end = fields
        try:
            begin, finish = int(start), int(end)
        except ValueError as e:
            raise DataFormatError(f"{path}:{number}: offsets must be whole numbers, got {start!r} {end!r}") from e
        if not 0 <= begin < finish:
            raise DataFormatError(f"{path}:{number}: span {begin}-{finish} is empty or negative")
        spans.append(GoldSpan(article, label[0] if label else "propaganda", begin, finish))
    return spans


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that share at least one character merged into one; touching spans stay apart."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def si_score(predicted: Mapping[str, Sequence[tuple[int, int]]],
             gold: Mapping[str, Sequence[tuple[int, int]]]) -> PRF:
    """Span identification with partial credit (the official SemEval-2020 Task 11 SI measure)."""
    precision_sum = recall_sum = 0.0
    n_predicted = n_gold = 0
    for article in set(predicted) | set(gold):
        mine = merge_spans(predicted.get(article, ()))
        theirs = merge_spans(gold.get(article, ()))
        n_predicted += len(mine)
        n_gold += len(theirs)
        for s_start, s_end in mine:
            for t_start, t_end in theirs:
                shared = min(s_end, t_end) - max(s_start, t_start)
                if shared > 0:
                    precision_sum += shared / (s_end - s_start)
                    recall_sum += shared / (t_end - t_start)
    p = precision_sum / n_predicted if n_predicted else 0.0
    r = recall_sum / n_gold if n_gold else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def tc_score(predicted: Mapping[tuple[str, int, int], Sequence[str]],
             gold: Sequence[GoldSpan]) -> dict[str, object]:
    """Technique classification on gold spans: ``predicted`` maps (article, start, end) to one
    technique per gold label of that span, best first."""
    wanted: dict[tuple[str, int, int], Counter[str]] = {}
    for span in gold:
        wanted.setdefault((span.article, span.start, span.end), Counter())[span.technique] += 1
    correct: Counter[str] = Counter()
    n_predicted: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for key, labels in wanted.items():
        guesses = Counter(list(predicted.get(key, ()))[: sum(labels.values())])
        n_gold.update(labels)
        n_predicted.update(guesses)
        correct.update(labels & guesses)
    techniques = sorted(set(n_gold) | set(PTC_TECHNIQUES))
    per_technique = {t: prf(correct[t], n_predicted[t], n_gold[t]) for t in techniques}
    present = [t for t in techniques if n_gold[t] or n_predicted[t]]
    micro = prf(sum(correct.values()), sum(n_predicted.values()), sum(n_gold.values()))
    return {
        "micro_f1": round(micro.f1, 4),
        "macro_f1": round(sum(per_technique[t].f1 for t in present) / len(present), 4) if present else 0.0,
        "per_technique": {t: per_technique[t].as_dict() for t in present},
    }
