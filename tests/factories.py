"""Hand-built records for tests that do not need the spaCy model."""

from __future__ import annotations

from presslens.link.minhash import MinHasher
from presslens.records import Analysis, Article, Attribution, Entity, Outlet, Span, Speaker
from presslens.store.keys import content_hash, url_key
from presslens.store.sqlite import PreparedArticle

_HASHER = MinHasher()


def analysis(body: str, *, title: str | None = None, url: str | None = None, outlet: str | None = None,
             published: str | None = None, source: str | None = None,
             quotes: list[tuple[str, str, str]] = ()) -> Analysis:
    """An analysis whose attributions are ``(quoted text, speaker, kind)``, each text found in ``body``."""
    entities, attributions = {}, []
    for n, (text, speaker, kind) in enumerate(quotes, 1):
        start = body.index(text)
        entity = entities.setdefault(speaker, Entity(f"E{len(entities) + 1}", speaker, "PERSON"))
        attributions.append(Attribution(f"A{n}", kind, (Span(start, start + len(text), text),),  # type: ignore[arg-type]
                                        speaker=Speaker(speaker, None, entity.id), rule="test"))
    article = Article(body=body, title=title, url=url, published=published, source=source or url,
                      outlet=Outlet(outlet) if outlet else None, format="jsonl")
    return Analysis(article, tuple(attributions), tuple(entities.values()))


def prepared(body: str, **fields: object) -> PreparedArticle:
    """A :class:`PreparedArticle` as an ingest worker would return it."""
    result = analysis(body, **fields)  # type: ignore[arg-type]
    article = result.article
    return PreparedArticle(result, content_hash(article), url_key(article.url), None,
                           _HASHER.signature(body).tobytes(), len(_HASHER.shingles(body)))
