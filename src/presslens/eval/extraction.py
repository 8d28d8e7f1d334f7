"""Scoring article extraction from HTML pages, next to trafilatura's defaults.

Two layouts are read (both hold gzipped or plain pages in ``html/``)::

    WCXB:  DIR/html/<id>.html.gz   DIR/ground-truth/<id>.json
           {"ground_truth": {"title", "author", "publish_date", "main_content", "with", "without"}}
    AEB:   DIR/html/<id>.html.gz   DIR/ground-truth.json   {id: {"articleBody", "url"}}

The body metric is the Zyte article-extraction benchmark's: text is cut into
word tokens (runs of Unicode word characters), tokens into overlapping 4-gram
shingles counted as a multiset; per page, true positives, false positives and
false negatives are the shingle counts the two texts share, the prediction's
surplus and the truth's surplus, divided by their sum so every page weighs the
same. Precision is averaged over the pages where something was predicted or
expected and recall over the pages with a truth, both from those normalised
counts; F1 is the harmonic mean of the two averages, as the benchmark reports
it. Pages whose ground truth has no body text are left out of the body scores.

Title, author and date are compared after normalisation (see
:func:`same_title`, :func:`same_author`, :func:`same_date`); accuracy is over
the pages whose ground truth gives a value for the field.

Where the ground truth lists snippets the body must and must not contain
(WCXB's ``with`` and ``without``), ``snippets`` gives the share of each that
the body gets right (whitespace-normalised, case-sensitive substring test), and
``empty`` counts the pages each extractor returned no text for.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presslens.errors import DataFormatError, InputError
from presslens.eval.metrics import PRF
from presslens.ingest.decode import decode
from presslens.ingest.html import parse_html_article

__all__ = [
    "GoldPage",
    "Prediction",
    "evaluate_extraction",
    "load_pages",
    "mean_prf",
    "same_author",
    "same_date",
    "same_title",
    "shingle_counts",
    "shingles",
]

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4
METADATA_FIELDS = ("title", "author", "date")


# -- The body metric ----------------------------------------------------------

def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (a text shorter than ``n``
    tokens is one shorter shingle; an empty text has none)."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def shingle_counts(truth: str, predicted: str, n: int = SHINGLE_SIZE) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of ``predicted`` against ``truth`` (they sum to 1, or are all 0)."""
    true_counts, predicted_counts = shingles(truth, n), shingles(predicted, n)
    tp = sum((true_counts & predicted_counts).values())
    fp = sum((predicted_counts - true_counts).values())
    fn = sum((true_counts - predicted_counts).values())
    total = tp + fp + fn
    if not total:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def mean_prf(counts: list[tuple[float, float, float]]) -> PRF:
    """The benchmark's aggregate: mean precision over pages with a prediction or a truth,
    mean recall over pages with a truth, F1 of those two means."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


# -- Metadata comparison ------------------------------------------------------

def _normal(text: str) -> str:
    """Case, accents' composition, punctuation and spacing removed from the comparison."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def same_title(truth: str, predicted: str | None) -> bool:
    """Titles match when their words are the same, in order (case and punctuation aside)."""
    return predicted is not None and _normal(truth) == _normal(predicted) != ""


_AUTHOR_PREFIX = re.compile(r"^\s*(?:(?:written|posted|reported)\s+)?(?:by|author)\b[:\s]*", re.IGNORECASE)
# What ends the first author's name: another author, or credentials ("Ann Lee, MD", "Ann Lee (CNN)").
_AUTHOR_END = re.compile(r"\s*(?:;|,|&|\band\b|\||\(|\s[-–—]\s)", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:dr|prof|mr|mrs|ms|mx|sir|dame|rev)\b\.?\s*", re.IGNORECASE)


def _first_author(text: str) -> str:
    text = _AUTHOR_PREFIX.sub("", text.strip())
    first = _AUTHOR_END.split(text, maxsplit=1)[0]
    return _normal(_HONORIFIC.sub("", first.strip()))


def same_author(truth: str, predicted: str | None) -> bool:
    """Authors match when the first author named is the same person, by words: a leading "By",
    honorifics (Dr, Prof, ...), credentials after a comma or in brackets, and co-authors aside."""
    return predicted is not None and _first_author(truth) == _first_author(predicted) != ""


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _day(text: str) -> str | None:
    m = _ISO_DAY.search(text)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def same_date(truth: str, predicted: str | None) -> bool:
    """Dates match when they give the same calendar day (``YYYY-MM-DD``; times and zones ignored)."""
    return predicted is not None and _day(truth) is not None and _day(truth) == _day(predicted)


_COMPARE: dict[str, Callable[[str, str | None], bool]] = {
    "title": same_title, "author": same_author, "date": same_date,
}


# -- Pages --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GoldPage:
    """One benchmark page: where its HTML is and what the ground truth says."""

    id: str
    path: Path
    body: str | None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    #: Snippets the body must contain and must not contain (WCXB's ``with`` and ``without``).
    must_include: tuple[str, ...] = ()
    must_exclude: tuple[str, ...] = ()

    def read(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.decompress(data) if self.path.suffix == ".gz" else data


@dataclass(frozen=True, slots=True)
class Prediction:
    body: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    #: Why nothing was extracted, when nothing was.
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _value(raw: object) -> str | None:
    """A ground-truth string, with the null spellings some files use read as missing."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    return None if text.casefold() in {"", "none", "null", "n/a"} else text


def _snippets(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(s for item in raw if isinstance(item, str) and (s := " ".join(item.split())))


def _html_files(directory: Path) -> dict[str, Path]:
    html_dir = directory / "html"
    if not html_dir.is_dir():
        raise DataFormatError(f"{directory} has no html/ folder: expected html/<id>.html.gz pages and their "
                              "ground truth (ground-truth/<id>.json or ground-truth.json)")
    files: dict[str, Path] = {}
    for path in sorted(html_dir.iterdir()):
        name = path.name
        for suffix in (".html.gz", ".html", ".htm"):
            if name.endswith(suffix) and path.is_file():
                files[name[: -len(suffix)]] = path
                break
    return files


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise DataFormatError(f"{path}: not readable JSON ({e})") from e


def load_pages(directory: Path) -> list[GoldPage]:
    """The pages of a WCXB- or AEB-layout directory, sorted by id."""
    files = _html_files(directory)
    pages = []
    if (directory / "ground-truth").is_dir():
        for page_id, path in files.items():
            gold_path = directory / "ground-truth" / f"{page_id}.json"
            if not gold_path.is_file():
                continue
            record = _read_json(gold_path)
            truth = record.get("ground_truth", record) if isinstance(record, dict) else None
            if not isinstance(truth, dict):
                raise DataFormatError(f"{gold_path}: expected an object with a ground_truth object")
            pages.append(GoldPage(
                page_id, path, _value(truth.get("main_content")), _value(truth.get("title")),
                _value(truth.get("author")), _value(truth.get("publish_date")), _value(record.get("url")),
                _snippets(truth.get("with")), _snippets(truth.get("without")),
            ))
    elif (directory / "ground-truth.json").is_file():
        gold = _read_json(directory / "ground-truth.json")
        if not isinstance(gold, dict):
            raise DataFormatError(f"{directory / 'ground-truth.json'}: expected {{id: {{articleBody, url}}}}")
        for page_id, path in files.items():
            truth = gold.get(page_id)
            if isinstance(truth, dict):
                pages.append(GoldPage(page_id, path, _value(truth.get("articleBody")), url=_value(truth.get("url"))))
    else:
        raise DataFormatError(f"{directory} has no ground truth: expected ground-truth/<id>.json (WCXB layout) "
                              "or ground-truth.json (AEB layout)")
    if not pages:
        raise DataFormatError(f"{directory}: no page in html/ has a ground-truth entry")
    return pages


# -- The two extractors ---------------------------------------------------------

def presslens_prediction(page: GoldPage) -> Prediction:
    """What presslens reads from the page, through the same path as ``presslens analyze page.html``."""
    try:
        decoded = decode(page.read(), page.id)
        article = parse_html_article(decoded.text, source=page.id)
    except InputError as e:
        return Prediction(error=e.detail)
    return Prediction(article.body, article.title, article.byline, article.published)


def trafilatura_prediction(page: GoldPage) -> Prediction:
    """``trafilatura.extract`` with its default settings, and its default metadata."""
    import trafilatura

    try:
        html = decode(page.read(), page.id).text
    except InputError as e:
        return Prediction(error=e.detail)
    body = trafilatura.extract(html) or ""
    metadata = trafilatura.extract_metadata(html)
    if metadata is None:
        return Prediction(body)
    return Prediction(body, metadata.title or None, metadata.author or None, metadata.date or None)


Extractor = Callable[[GoldPage], Prediction]
EXTRACTORS: dict[str, Extractor] = {"presslens": presslens_prediction, "trafilatura": trafilatura_prediction}


def _snippet_rates(page: GoldPage, body: str) -> tuple[list[bool], list[bool]]:
    text = " ".join(body.split())
    return [s in text for s in page.must_include], [s not in text for s in page.must_exclude]


def score_pages(pairs: Iterator[tuple[GoldPage, dict[str, Prediction]]]) -> dict[str, Any]:
    """Scores for pages and each extractor's predictions, in the documented JSON shape."""
    pages = 0
    counts: dict[str, list[tuple[float, float, float]]] = {}
    hits: dict[str, dict[str, int]] = {f: {} for f in METADATA_FIELDS}
    totals = dict.fromkeys(METADATA_FIELDS, 0)
    empty: dict[str, int] = {}
    included: dict[str, list[bool]] = {}
    excluded: dict[str, list[bool]] = {}
    for page, predictions in pairs:
        pages += 1
        for name, prediction in predictions.items():
            empty[name] = empty.get(name, 0) + (not prediction.body.strip())
            if page.body is not None:
                counts.setdefault(name, []).append(shingle_counts(page.body, prediction.body))
            found, absent = _snippet_rates(page, prediction.body)
            included.setdefault(name, []).extend(found)
            excluded.setdefault(name, []).extend(absent)
            for name_field in METADATA_FIELDS:
                hits[name_field].setdefault(name, 0)
        for name_field in METADATA_FIELDS:
            truth = getattr(page, name_field)
            if truth is None:
                continue
            totals[name_field] += 1
            for name, prediction in predictions.items():
                hits[name_field][name] += _COMPARE[name_field](truth, getattr(prediction, name_field))
    result: dict[str, Any] = {"pages": pages}
    for name, page_counts in counts.items():
        result[name] = mean_prf(page_counts).as_dict()
    for name_field in METADATA_FIELDS:
        total = totals[name_field]
        scores: dict[str, Any] = {name: round(n / total, 4) if total else None for name, n in hits[name_field].items()}
        scores["pages"] = total
        result[name_field] = scores
    if any(included.values()) or any(excluded.values()):
        result["snippets"] = {
            name: {"with": _rate(included[name]), "without": _rate(excluded[name])} for name in included
        }
    result["empty"] = empty
    return result


def _rate(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def evaluate_extraction(directory: Path, *, limit: int | None = None,
                        extractors: dict[str, Extractor] | None = None,
                        on_progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Extract every page of a WCXB- or AEB-layout directory with presslens and with
    trafilatura's defaults, and score both against the ground truth."""
    pages = load_pages(directory)[:limit]
    extractors = extractors or EXTRACTORS

    def pairs() -> Iterator[tuple[GoldPage, dict[str, Prediction]]]:
        for done, page in enumerate(pages, 1):
            yield page, {name: extract(page) for name, extract in extractors.items()}
            if on_progress is not None:
                on_progress(done, len(pages))

    return score_pages(pairs())
