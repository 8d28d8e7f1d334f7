"""Scoring speaker resolution against hand-annotated canonical speakers.

The gold file (``evaluation/speakers/polnear_dev_speakers.tsv``, see its
GUIDELINES.md) gives, for relations of PolNeAR documents, the source span's
offsets and the canonical speaker ("Hillary Clinton" for "she", "the
Democratic nominee", "Mrs. Clinton"). Two scores:

* ``gold_mentions``: the resolver is given the gold source spans (with the
  gold content and cue) and names their speakers: resolution on its own;
* ``end_to_end``: presslens's own relations; each gold relation is matched to
  the predicted relation whose source overlaps its source (half of each), and
  ``coverage`` says how many gold relations found a match.

Names are compared case-insensitively, ignoring periods, possessive endings and
spacing. Accuracy is given over all relations and over those whose speaker is
a named person or organisation (types PERSON and ORG).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from presslens.analyzer import Analyzer
from presslens.errors import DataFormatError
from presslens.eval.attribution import GoldDocument, load_polnear
from presslens.nlp.annotations import Relation
from presslens.records import Analysis, Article

__all__ = ["evaluate_speakers", "load_speaker_gold", "same_name"]

_NAMED = {"PERSON", "ORG"}


@dataclass(frozen=True, slots=True)
class SpeakerGold:
    doc: str
    relation: str
    start: int
    end: int
    speaker: str
    type: str


def _norm(name: str) -> str:
    name = re.sub(r"['’]s\b", "", name.lower())
    return " ".join(re.sub(r"[.\"“”]", "", name).split())


def same_name(a: str | None, b: str) -> bool:
    return a is not None and _norm(a) == _norm(b)


def load_speaker_gold(path: Path) -> list[SpeakerGold]:
    required = {"doc", "relation", "source_start", "source_end", "speaker", "type"}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if not reader.fieldnames or not required <= set(reader.fieldnames):
            raise DataFormatError(f"{path}: expected a TSV with the columns {', '.join(sorted(required))}")
        return [SpeakerGold(r["doc"], r["relation"], int(r["source_start"]), int(r["source_end"]), r["speaker"],
                            r["type"]) for r in reader]


def _gold_mention_names(analyzer: Analyzer, document: GoldDocument, rows: list[SpeakerGold]) -> dict[str, str | None]:
    """Resolve the gold source mentions of one document with presslens's speaker resolver."""
    from presslens.nlp.speakers import SpeakerResolver

    nlp = analyzer.nlp
    doc = nlp.make_doc(document.text)
    for name, component in nlp.pipeline:
        if name.startswith("presslens_") and name != "presslens_paragraphs":
            break
        doc = component(doc)
    relations = []
    by_offsets = {(g.source[0][0], g.source[0][1]): g for g in document.relations if g.source}
    for row in rows:
        gold = by_offsets.get((row.start, row.end))
        content = [gold.content[0]] if gold is not None and gold.content else [(row.end, row.end + 1)]
        cue = gold.cue[0] if gold is not None and gold.cue else None
        relations.append(Relation("indirect", list(content), cue, (row.start, row.end), rule="gold"))
    doc._.presslens_relations = relations
    clusters, resolved = SpeakerResolver(nlp).predict(doc)
    return {row.relation: (clusters[r.speaker].name if r.speaker is not None else None)
            for row, r in zip(rows, resolved, strict=True)}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and 2 * shared >= a[1] - a[0] and 2 * shared >= b[1] - b[0]


def evaluate_speakers(directory: Path, gold_file: Path, analyzer: Analyzer,
                      on_progress: Callable[[int, int], None] | None = None) -> dict[str, object]:
    """Score speaker resolution on the documents of ``directory`` that ``gold_file`` annotates."""
    rows = load_speaker_gold(gold_file)
    by_doc: dict[str, list[SpeakerGold]] = {}
    for row in rows:
        by_doc.setdefault(row.doc, []).append(row)
    documents = [d for d in load_polnear(directory) if d.name in by_doc]
    if not documents:
        raise DataFormatError(f"{gold_file} annotates no document of {directory}")
    counts: Counter[str] = Counter()
    for n, document in enumerate(documents, 1):
        doc_rows = by_doc[document.name]
        resolved = _gold_mention_names(analyzer, document, doc_rows)
        analysis = analyzer.analyze(Article(body=document.text, source=document.name))
        for row in doc_rows:
            named = row.type in _NAMED
            counts["relations"] += 1
            counts["named"] += named
            if same_name(resolved[row.relation], row.speaker):
                counts["gold_correct"] += 1
                counts["gold_named_correct"] += named
            predicted = _predicted_speaker(analysis, row)
            if predicted is not _MISSING:
                counts["matched"] += 1
                counts["matched_named"] += named
                if same_name(predicted, row.speaker):  # type: ignore[arg-type]
                    counts["e2e_correct"] += 1
                    counts["e2e_named_correct"] += named
        if on_progress is not None:
            on_progress(n, len(documents))

    def ratio(a: str, b: str) -> float:
        return round(counts[a] / counts[b], 4) if counts[b] else 0.0

    return {
        "docs": len(documents),
        "relations": counts["relations"],
        "named_relations": counts["named"],
        "gold_mentions": {"accuracy": ratio("gold_correct", "relations"),
                          "accuracy_named": ratio("gold_named_correct", "named")},
        "end_to_end": {"coverage": ratio("matched", "relations"),
                       "accuracy": ratio("e2e_correct", "matched"),
                       "accuracy_named": ratio("e2e_named_correct", "matched_named")},
    }


_MISSING = object()


def _predicted_speaker(analysis: Analysis, row: SpeakerGold) -> object:
    for attribution in analysis.attributions:
        source = attribution.source
        if source is not None and _overlaps((source.start, source.end), (row.start, row.end)):
            return attribution.speaker.name if attribution.speaker else None
    return _MISSING
