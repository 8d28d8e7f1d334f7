"""HTML pages to articles, through trafilatura.

trafilatura finds the main text and the metadata (title, author, date,
categories, site name). Before it runs, ``<figcaption>`` elements are taken
out of the page and kept as :class:`~presslens.records.Caption` records, so
photo captions never reach the body.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError

from presslens.errors import NoArticleError
from presslens.records import Article, Caption, Outlet

__all__ = ["parse_html_article"]

#: A page whose extracted text has no line of at least this many words holds no article.
_MIN_SENTENCE_WORDS = 4
_CREDIT_TAIL = re.compile(r"\s*(?:\((?:photo|image|credit)[^)]*\)|(?:photo|image|credit)s?\s*(?:by|:)\s*.+)$", re.I)
_CREDIT_VALUE = re.compile(r"(?:photo|image|credit)s?\s*(?:by|:)?\s*([^)]+)\)?$", re.I)


def _captions(tree: lxml_html.HtmlElement) -> list[Caption]:
    captions = []
    for element in tree.iter("figcaption"):
        text = " ".join(element.text_content().split())
        credit = None
        credit_element = next(iter(element.xpath(".//*[contains(@class,'credit') or contains(@class,'copyright')]")), None)
        if credit_element is not None:
            credit = " ".join(credit_element.text_content().split()) or None
            if credit:
                text = " ".join(text.replace(credit, "").split())
        elif (m := _CREDIT_TAIL.search(text)) is not None:
            value = _CREDIT_VALUE.search(m.group().strip(" ()"))
            credit = value.group(1).strip(" .)") if value else m.group().strip(" ()")
            text = text[: m.start()].strip()
        if text or credit:
            captions.append(Caption(text=text, credit=credit))
        element.drop_tree()
    return captions


def parse_html_article(html: str, *, source: str | None = None, url: str | None = None,
                       **fields: object) -> Article:
    """Extract the article in an HTML page. Raises :class:`NoArticleError` when there is none."""
    import trafilatura

    name = source or url or "<html>"
    try:
        tree = lxml_html.document_fromstring(html)
    except (ParserError, ValueError) as e:
        raise NoArticleError(name, f"not parseable as HTML ({e})") from e
    captions = _captions(tree)
    document = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise NoArticleError(name, "no article text found in the HTML")
    lines = [line.strip() for line in document.text.splitlines() if line.strip()]
    # trafilatura falls back to whatever text a page has; menus and footers are not an article.
    if not any(len(line.split()) >= _MIN_SENTENCE_WORDS for line in lines):
        raise NoArticleError(name, "no article text found in the HTML (only menus or fragments)")
    body = "\n\n".join(lines)
    categories = [c for c in (document.categories or []) if c]
    values: dict[str, object] = {
        "body": body,
        "title": document.title or None,
        "byline": document.author or None,
        "published": document.date or None,
        "section": " / ".join(categories) or None,
        "url": url or document.url or None,
        "captions": tuple(captions),
        "source": source,
        "format": "html",
    }
    if document.sitename:
        hostname = (document.hostname or "").removeprefix("www.")
        values["outlet"] = Outlet(name=document.sitename, domains=(hostname,) if hostname else ())
    values.update({k: v for k, v in fields.items() if v is not None})
    return Article(**values)  # type: ignore[arg-type]
