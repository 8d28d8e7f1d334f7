"""Search and speaker counts: SQL over the store, returned as records."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from presslens.corpus.results import ArticleRef, SearchHit, SpeakerCount, SpeakerQuote
from presslens.errors import ConfigError
from presslens.link.words import normalise_words
from presslens.store.sqlite import Store

__all__ = ["ARTICLE_COLUMNS", "Filters", "article_ref", "articles", "fts_phrase", "quotes", "search", "speakers"]

#: The columns :func:`article_ref` reads, for SELECTs that join ``articles ar`` and ``outlets o``.
ARTICLE_COLUMNS = ("ar.id AS article_id, ar.title AS article_title, o.name AS outlet_name, ar.published AS published, "
                   "ar.day AS day, ar.url AS url, ar.source AS source, ar.copy_of AS copy_of")

Period = Literal["day", "week", "month", "year"]
_PERIODS = {"day": "ar.day", "week": "strftime('%Y-W%W', ar.day)", "month": "substr(ar.day, 1, 7)",
            "year": "substr(ar.day, 1, 4)"}
_KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions shared by the queries; ``since``/``until`` are inclusive ``YYYY-MM-DD`` days."""

    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None

    def sql(self, *, attributions: bool = True) -> tuple[str, dict[str, Any]]:
        """``AND ...`` conditions on ``ar`` (articles), ``o`` (outlets) and, when ``attributions``, ``a``."""
        parts, params = [], {}
        if self.outlet:
            parts.append("(o.name = :outlet COLLATE NOCASE OR o.domains LIKE :outlet_domain)")
            params["outlet"] = self.outlet
            params["outlet_domain"] = f'%"{self.outlet.lower()}"%'
        if self.since:
            parts.append("ar.day >= :since")
            params["since"] = self.since
        if self.until:
            parts.append("ar.day <= :until")
            params["until"] = self.until
        if self.kind:
            if self.kind not in _KINDS:
                raise ConfigError(f"kind must be one of {', '.join(_KINDS)}, not {self.kind!r}")
            if not attributions:
                raise ConfigError("kind filters quotes; it does not apply to a search of article text")
            parts.append("a.kind = :kind")
            params["kind"] = self.kind
        if self.speaker:
            params["speaker"] = f"%{self.speaker}%"
            parts.append("a.speaker_name LIKE :speaker" if attributions else
                         "EXISTS (SELECT 1 FROM attributions sa WHERE sa.article_id = ar.id "
                         "AND sa.speaker_name LIKE :speaker)")
        return "".join(f" AND {p}" for p in parts), params


def article_ref(row: sqlite3.Row) -> ArticleRef:
    return ArticleRef(id=row["article_id"], title=row["article_title"], outlet=row["outlet_name"],
                      published=row["published"], day=row["day"], url=row["url"], source=row["source"],
                      copy_of=row["copy_of"])


def fts_phrase(words: list[str]) -> str:
    """An FTS5 phrase matching these words in order (each word quoted, so no word is read as syntax)."""
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def _fts_query(text: str, phrase: bool) -> str:
    words = normalise_words(text)
    if not words:
        raise ConfigError(f"nothing to search for in {text!r}: give at least one word")
    return fts_phrase(words) if phrase else " AND ".join(fts_phrase([w]) for w in words)


def search(store: Store, text: str, filters: Filters, *, articles: bool = False, phrase: bool = False,
           limit: int = 20) -> list[SearchHit]:
    """Quotes (or, with ``articles``, article texts) matching every word of ``text``, best first."""
    match = _fts_query(text, phrase)
    where, params = filters.sql(attributions=not articles)
    params.update(match=match, limit=limit)
    if articles:
        rows = store.query(
            f"SELECT {ARTICLE_COLUMNS}, snippet(_fts_articles, 1, '«', '»', ' … ', 24) AS text, "
            f"bm25(_fts_articles) AS score FROM _fts_articles f JOIN articles ar ON ar.id = f.rowid "
            f"LEFT JOIN outlets o ON o.id = ar.outlet_id WHERE _fts_articles MATCH :match{where} "
            f"ORDER BY score LIMIT :limit", params)
        return [SearchHit(article_ref(r), "article", r["text"], score=round(-r["score"], 4)) for r in rows]
    rows = store.query(
        f"SELECT {ARTICLE_COLUMNS}, a.kind AS kind, a.text AS text, a.speaker_name AS speaker, a.id AS local_id, "
        f"bm25(_fts_attributions) AS score FROM _fts_attributions f JOIN attributions a ON a.row_id = f.rowid "
        f"JOIN articles ar ON ar.id = a.article_id LEFT JOIN outlets o ON o.id = ar.outlet_id "
        f"WHERE _fts_attributions MATCH :match{where} ORDER BY score LIMIT :limit", params)
    return [SearchHit(article_ref(r), r["kind"], r["text"], r["speaker"], r["local_id"], round(-r["score"], 4))
            for r in rows]


def speakers(store: Store, filters: Filters, *, by: Literal["outlet"] | Period | None = None,
             limit: int = 20, category: str | None = "speech") -> list[SpeakerCount]:
    """Speakers by how many distinct articles quote them (top ``limit``, per group when grouped).

    Only what people said or wrote counts unless ``category`` says otherwise (``stance``, or
    ``None`` for both): being reported to "refuse to negotiate" is not being quoted.
    """
    if by is not None and by != "outlet" and by not in _PERIODS:
        raise ConfigError(f"--by must be outlet, day, week, month or year, not {by!r}")
    if category is not None and category not in ("speech", "stance"):
        raise ConfigError(f"category must be speech or stance, not {category!r}")
    group = "NULL" if by is None else ("o.name" if by == "outlet" else _PERIODS[by])
    where, params = filters.sql()
    params["limit"] = limit
    if category is not None:
        where += " AND a.category = :category"
        params["category"] = category
    rows = store.query(
        f"""WITH counts AS (
          SELECT s.name AS speaker, s.label AS label, {group} AS grp, count(*) AS attributions,
                 count(DISTINCT coalesce(ar.copy_of, ar.id)) AS articles, count(DISTINCT ar.outlet_id) AS outlets,
                 min(ar.day) AS first_day, max(ar.day) AS last_day
          FROM attributions a JOIN speakers s ON s.id = a.speaker_id JOIN articles ar ON ar.id = a.article_id
          LEFT JOIN outlets o ON o.id = ar.outlet_id
          WHERE 1 = 1{where}
          GROUP BY s.id, grp),
        ranked AS (
          SELECT *, row_number() OVER (PARTITION BY grp ORDER BY articles DESC, attributions DESC, speaker) AS rank
          FROM counts)
        SELECT * FROM ranked WHERE rank <= :limit ORDER BY grp, rank""", params)
    return [SpeakerCount(r["speaker"], r["label"], r["grp"], r["attributions"], r["articles"], r["outlets"],
                         r["first_day"], r["last_day"]) for r in rows]


def quotes(store: Store, speaker: str, filters: Filters, *, category: str | None = None, limit: int = 200,
           offset: int = 0) -> list[SpeakerQuote]:
    """Every attribution to the speaker named ``speaker`` (the whole name, any letter case), earliest first."""
    if category is not None and category not in ("speech", "stance"):
        raise ConfigError(f"category must be speech or stance, not {category!r}")
    where, params = Filters(None, filters.outlet, filters.since, filters.until, filters.kind).sql()
    params.update(key=" ".join(speaker.casefold().split()), limit=limit, offset=offset)
    if category is not None:
        where += " AND a.category = :category"
        params["category"] = category
    rows = store.query(
        f"SELECT {ARTICLE_COLUMNS}, a.id AS local_id, a.kind AS kind, a.text AS text, s.name AS speaker, "
        f"a.speaker_role AS role, a.category AS category FROM speakers s JOIN attributions a ON a.speaker_id = s.id "
        f"JOIN articles ar ON ar.id = a.article_id LEFT JOIN outlets o ON o.id = ar.outlet_id "
        f"WHERE s.key = :key{where} "
        f"ORDER BY coalesce(ar.day, '9999-99-99'), ar.id, a.content_of DESC, a.content_start "
        f"LIMIT :limit OFFSET :offset", params)
    return [SpeakerQuote(article_ref(r), r["local_id"], r["kind"], r["text"], r["speaker"], r["role"],
                         r["category"] or "speech") for r in rows]


def articles(store: Store, filters: Filters, *, limit: int = 50, offset: int = 0) -> list[ArticleRef]:
    """Stored articles, newest first (by publication day, then by when they were stored)."""
    where, params = filters.sql(attributions=False)
    params.update(limit=limit, offset=offset)
    rows = store.query(
        f"SELECT {ARTICLE_COLUMNS} FROM articles ar LEFT JOIN outlets o ON o.id = ar.outlet_id WHERE 1 = 1{where} "
        f"ORDER BY ar.day IS NULL, ar.day DESC, ar.id DESC LIMIT :limit OFFSET :offset", params)
    return [article_ref(r) for r in rows]
