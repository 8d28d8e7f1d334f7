"""``stories``: stored articles clustered into stories across outlets.

Original articles (not near-copies) are clustered by
:func:`presslens.link.stories.cluster_stories` in publication order, on their
headline and body; each near-copy then joins its original's story.
"""

from __future__ import annotations

from presslens.corpus.queries import ARTICLE_COLUMNS, Filters, article_ref
from presslens.corpus.results import ArticleRef, Story
from presslens.link.stories import StoryParams, cluster_stories
from presslens.store.sqlite import Store

__all__ = ["stories"]


def stories(store: Store, filters: Filters | None = None, *, min_articles: int = 2,
            params: StoryParams | None = None) -> list[Story]:
    """Stories with at least ``min_articles`` articles, largest first."""
    filters = filters or Filters()
    where, values = filters.sql(attributions=False)
    rows = store.query(
        f"SELECT {ARTICLE_COLUMNS}, coalesce(ar.title, '') || char(10) || char(10) || ar.body AS text "
        f"FROM articles ar LEFT JOIN outlets o ON o.id = ar.outlet_id WHERE 1 = 1{where} "
        f"ORDER BY coalesce(ar.day, '9999-99-99'), ar.id", values)
    originals = [r for r in rows if r["copy_of"] is None]
    labels = cluster_stories([r["text"] for r in originals], params)
    story_of = {r["article_id"]: label for r, label in zip(originals, labels, strict=True)}
    members: dict[int, list[ArticleRef]] = {}
    for row in rows:
        label = story_of.get(row["article_id"] if row["copy_of"] is None else row["copy_of"])
        if label is None:  # a copy whose original falls outside the filters: a story of its own
            label = -row["article_id"]
        members.setdefault(label, []).append(article_ref(row))
    found = []
    for label, articles in members.items():
        if len(articles) < min_articles:
            continue
        days = [a.day for a in articles if a.day]
        outlets = tuple(dict.fromkeys(a.outlet for a in articles if a.outlet))
        found.append(Story(label, articles[0].title, tuple(articles), outlets, min(days, default=None),
                           max(days, default=None)))
    found.sort(key=lambda s: (-len(s.articles), s.first_day or "9999-99-99", s.id))
    return [Story(n, s.title, s.articles, s.outlets, s.first_day, s.last_day) for n, s in enumerate(found, 1)]
