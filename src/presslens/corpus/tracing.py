"""``trace``: every article that carried a quote, grouped into wording variants, earliest first.

Candidates come from the full-text indexes (short phrases of the quote, so an
edited wording still matches some of them); each candidate is then checked
with :func:`presslens.link.trace.linked` (a long shared word run, or most words
aligned). Wordings found this way are searched for in turn (``rounds``), so a
quote edited twice is still followed. Articles whose text carries the quote
without an attribution for it (the attribution step missed it) are found in
the article index and the passage is cut out of their text.
"""

from __future__ import annotations

import re
import sqlite3
from difflib import SequenceMatcher

from presslens.corpus.queries import ARTICLE_COLUMNS, Filters, article_ref, fts_phrase
from presslens.corpus.results import QuoteTrace, TraceOccurrence, TraceVariant
from presslens.errors import ConfigError
from presslens.link.trace import MIN_RUN, MIN_WORDS, group_variants, linked, word_edits
from presslens.link.words import normalise_words
from presslens.store.sqlite import Store

__all__ = ["trace"]

_WINDOW = 3
_MAX_PHRASES = 48
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+|\n+")
_QUOTED = re.compile(r"[\"“„«]([^\"”»“]+)[\"”»]")


def _phrases(wordings: list[list[str]]) -> str:
    """An FTS5 query matching any short run of words of any wording."""
    phrases: list[str] = []
    for words in wordings:
        if len(words) <= _WINDOW:
            phrases.append(fts_phrase(words))
            continue
        starts = list(range(0, len(words) - _WINDOW + 1))
        step = max(1, len(starts) // (_MAX_PHRASES // max(1, len(wordings))))
        phrases.extend(fts_phrase(words[i:i + _WINDOW]) for i in starts[::step])
    return " OR ".join(dict.fromkeys(phrases))


def trace(store: Store, text: str, filters: Filters | None = None, *, rounds: int = 2,
          limit: int = 5000) -> QuoteTrace:
    """Trace the quote ``text`` through the corpus (see the module docstring)."""
    filters = filters or Filters()
    query = normalise_words(text)
    if len(query) < MIN_WORDS:
        raise ConfigError(f"give at least {MIN_WORDS} words of the quote to trace, not {text!r}")
    where, params = filters.sql()
    known: list[list[str]] = [query]
    frontier = [query]
    rows: dict[int, sqlite3.Row] = {}
    for _ in range(rounds):
        if not frontier:
            break
        candidates = store.query(
            f"SELECT {ARTICLE_COLUMNS}, a.row_id AS row_id, a.kind AS kind, a.text AS text, a.speaker_name AS speaker "
            f"FROM _fts_attributions f JOIN attributions a ON a.row_id = f.rowid "
            f"JOIN articles ar ON ar.id = a.article_id LEFT JOIN outlets o ON o.id = ar.outlet_id "
            f"WHERE _fts_attributions MATCH :match{where} LIMIT :limit",
            {**params, "match": _phrases(frontier), "limit": limit})
        frontier = []
        for row in candidates:
            if row["row_id"] in rows:
                continue
            words = normalise_words(row["text"])
            if any(linked(words, k) for k in known):
                rows[row["row_id"]] = row
                if words not in known:
                    known.append(words)
                    frontier.append(words)
    occurrences = [TraceOccurrence(article_ref(r), _quoted_part(r["text"], known) or r["text"], r["kind"], r["speaker"])
                   for r in rows.values()]
    occurrences += _in_text(store, known, {o.article.id for o in occurrences}, filters, limit)
    return _variants(text, occurrences)


def _in_text(store: Store, wordings: list[list[str]], covered: set[int], filters: Filters,
             limit: int) -> list[TraceOccurrence]:
    """Passages carrying one of the wordings in articles that have no attribution for it."""
    where, params = filters.sql(attributions=False)
    candidates = store.query(
        f"SELECT {ARTICLE_COLUMNS}, ar.body AS body FROM _fts_articles f JOIN articles ar ON ar.id = f.rowid "
        f"LEFT JOIN outlets o ON o.id = ar.outlet_id WHERE _fts_articles MATCH :match{where} LIMIT :limit",
        {**params, "match": f"body : ({_phrases(wordings)})", "limit": limit})
    found = []
    for row in candidates:
        if row["article_id"] in covered:
            continue
        passage = _passage(row["body"], wordings)
        if passage is not None:
            found.append(TraceOccurrence(article_ref(row), passage, "text"))
    return found


def _passage(body: str, wordings: list[list[str]]) -> str | None:
    """The quoted passage (or else the sentence) of ``body`` that carries one of the wordings."""
    tokens = list(_WORD.finditer(body))
    lowered = [t.group().lower().replace("’", "'") for t in tokens]
    best: tuple[int, int] | None = None
    for words in wordings:
        match = SequenceMatcher(None, lowered, words, autojunk=False).find_longest_match(0, len(lowered), 0, len(words))
        if match.size >= min(MIN_RUN, len(words)) and (best is None or match.size > best[1] - best[0]):
            best = (match.a, match.a + match.size)
    if best is None:
        return None
    start = max((m.end() for m in _SENTENCE_END.finditer(body, 0, tokens[best[0]].start())), default=0)
    after = _SENTENCE_END.search(body, tokens[best[1] - 1].end())
    sentence = body[start:after.start() + 1 if after else len(body)].strip()
    return _quoted_part(sentence, wordings) or sentence


def _quoted_part(text: str, wordings: list[list[str]]) -> str | None:
    """The part of ``text`` inside quote marks that carries one of the wordings, if any: a mixed
    quote's own words without the outlet's paraphrase around them."""
    for quoted in _QUOTED.finditer(text):
        inner = quoted.group(1).strip(" ,")
        if any(linked(normalise_words(inner), words) for words in wordings):
            return inner
    return None


def _variants(query: str, occurrences: list[TraceOccurrence]) -> QuoteTrace:
    def order(o: TraceOccurrence) -> tuple[str, str, int]:
        return (o.article.day or "9999-99-99", o.article.published or "", o.article.id)

    # One occurrence per article and wording (a quote repeated in headline and body counts once).
    unique: dict[tuple[int, tuple[str, ...]], TraceOccurrence] = {}
    for o in sorted(occurrences, key=order):
        unique.setdefault((o.article.id, tuple(normalise_words(o.text))), o)
    ordered = list(unique.values())
    groups = group_variants([o.text for o in ordered])
    variants = []
    base = groups[0].text if groups else ""
    for n, group in enumerate(groups):
        members = tuple(ordered[i] for i in group.members)
        edits = () if n == 0 else tuple(word_edits(base, group.text))
        variants.append(TraceVariant(group.text, members, edits))
    return QuoteTrace(query, tuple(variants))
