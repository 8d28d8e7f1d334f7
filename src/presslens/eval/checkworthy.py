"""CheckThat! check-worthiness data: reading the TSV files, and scoring a scorer on them.

The layout is the CLEF CheckThat! 2024 Task 1 one: a header line, then
``Sentence_id<TAB>Text<TAB>class_label`` with ``Yes`` or ``No``. The English
training file has one line where two records were glued together (the first
record's label runs straight into the next record's id, ``No29286``); the
reader splits such lines back into their records instead of dropping them.
The score is the one the shared task reports: precision, recall and F1 of the
``Yes`` class, plus accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import DataFormatError
from presslens.eval.metrics import prf

__all__ = ["Sentence", "evaluate_checkworthy", "read_checkworthy", "score_labels"]

_GLUED_LABEL = re.compile(r"^(Yes|No)(\d+)$")
_HEADER = ("Sentence_id", "Text", "class_label")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One labelled sentence: ``label`` is True for ``Yes`` (check-worthy)."""

    id: str
    text: str
    label: bool


def read_checkworthy(path: Path) -> list[Sentence]:
    """The sentences of one CheckThat! TSV file, in file order."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DataFormatError(f"{path}: cannot read it as UTF-8 text ({e})") from e
    if not lines or tuple(lines[0].split("\t")) != _HEADER:
        raise DataFormatError(f"{path}: not a CheckThat! TSV file: the first line must be "
                              f"'{chr(9).join(_HEADER)}' (tab-separated)")
    sentences = []
    for number, line in enumerate(lines[1:], 2):
        if line.strip():
            sentences.extend(_records(line.split("\t"), path, number))
    return sentences


def _records(fields: list[str], path: Path, number: int) -> list[Sentence]:
    records = []
    while fields:
        if len(fields) < 3:
            raise DataFormatError(f"{path}:{number}: expected Sentence_id, Text and class_label separated by tabs")
        sentence_id, text, label = fields[0], fields[1], fields[2].strip()
        fields = fields[3:]
        glued = _GLUED_LABEL.match(label)
        if glued and fields:  # "No29286": this label, then the next record's id
            label = glued.group(1)
            fields = [glued.group(2), *fields]
        if label not in ("Yes", "No"):
            raise DataFormatError(f"{path}:{number}: class_label must be Yes or No, got {label!r}")
        records.append(Sentence(sentence_id.strip(), text.strip(), label == "Yes"))
    return records


def score_labels(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float]:
    """``{"f1", "p", "r", "accuracy"}`` of the Yes class."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    correct = sum(g and p for g, p in zip(gold, predicted, strict=True))
    scores = prf(correct, sum(predicted), sum(gold))
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0
    return {"f1": round(scores.f1, 4), "p": round(scores.p, 4), "r": round(scores.r, 4),
            "accuracy": round(accuracy, 4)}


def evaluate_checkworthy(path: Path, predict: Callable[[list[str]], list[bool]]) -> dict[str, float]:
    """Score ``predict`` (texts to Yes/No) on the CheckThat! TSV file at ``path``."""
    sentences = read_checkworthy(path)
    if not sentences:
        raise DataFormatError(f"{path}: no sentences to score")
    predicted = predict([s.text for s in sentences])
    return score_labels([s.label for s in sentences], predicted)
