"""HTML pages to articles, through trafilatura.

The page is parsed once. Before trafilatura looks for the main text,
``<figcaption>`` elements (and the caption paragraphs of WordPress-style
``wp-caption`` figures) are taken out of the tree and kept as
:class:`~presslens.records.Caption` records with their credit, so photo
captions never reach the body. trafilatura then finds the main text (without
reader comments) and the metadata. Lines of site furniture that slip through
(share and follow prompts, newsletter promos, "Related:" links, affiliate
notices, "Advertisement") are moved from the body to ``Article.boilerplate``.

The headline is the page's visible ``<h1>`` when one matches the page's meta
title, since the meta title often carries the site's name or an SEO rewording;
see :mod:`presslens.ingest.html_meta` for title, byline, section and outlet.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from presslens.errors import InputTooLargeError, NoArticleError
from presslens.ingest import html_meta
from presslens.records import Article, Caption

__all__ = ["parse_html_article"]

#: A page holds an article when a line of its extracted text has this many words
#: (or, for scripts written without spaces, this many word characters).
_MIN_LINE_WORDS = 4
_MIN_LINE_CHARS = 25
#: Pages beyond these limits are refused before extraction, which grows faster than linearly
#: with the page (the largest of 970 benchmark news pages has 5,000 elements and 210,000
#: characters of text; a page of half a million elements takes trafilatura a minute).
MAX_ELEMENTS = 50_000
MAX_TEXT_CHARS = 1_000_000
#: Only short lines are ever taken for site furniture; paragraphs stay in the body.
_MAX_BOILERPLATE_WORDS = 30

# Captions: the figcaption element, and caption paragraphs inside WordPress's caption boxes.
_CAPTION_XPATH = "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption-text ')]"
_CREDIT_CLASS_XPATH = (
    ".//*[contains(@class,'credit') or contains(@class,'copyright') or contains(@class,'attribution')"
    " or contains(@class,'photographer') or contains(@class,'source')]"
)
# A credit at the end of a caption: "(Photo by Ann Lee)", "Photo: AFP", "Credit: Reuters", "© Getty Images",
# "Image via NASA", "(Reuters)".
_CREDIT_TAIL = re.compile(
    r"""\s*(?:
        \(\s*(?:(?:file\s+)?photos?|image|picture|pic|credit|illustration)\b\s*(?:by|:|credit:?|via)?\s*(?P<a>[^()]{2,80})\)
      | (?<![\w-])(?:(?:file\s+)?photos?|images?|pictures?|credits?|photograph|illustration)\s*(?:by|:|via|credit:?)\s*
        (?P<b>[^.()]{2,80}?)\.?
      | ©\s*(?P<c>[^\n]{2,80}?)
      | \((?P<d>Reuters|AFP|AP|Getty\ Images|EPA|Xinhua|Sputnik|TASS|Bloomberg|AP\ Photo[^)]{0,60})\)
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_LABEL = re.compile(
    r"^(?:(?:file\s+)?photos?|images?|pictures?|credits?|photograph|illustration)\s*(?:by|:|via|credit:?)\s*|^©\s*",
    re.IGNORECASE,
)

# Site furniture, matched against one line of extracted text (list dashes and bullets removed).
_BOILERPLATE_LINE = re.compile(
    r"""
      ^(?:advertisement|advertising|sponsored(?:\ content)?|skip\ advertisement|ad)$
    | ^(?:share|share\ (?:this|the)\ (?:article|story|post|page)|share\ on\ \w+|tweet|print|e-?mail
        |comments?|\d+\ comments?)\W*$
    | ^(?:related|related\ (?:articles?|posts?|stories|content|reading|reads|coverage|topics)|read\ (?:more|next|also)
        |also\ read|see\ also|(?:you\ (?:may|might)\ )?also\ like
        |you\ (?:may|might)\ like|more\ (?:stories|from\ [\w.]+)|popular\ (?:posts|stories|articles)|recent\ posts
        |trending(?:\ now|\ news)?|most\ (?:read|popular)|editor'?s\ picks?|further\ reading)
      (?:\W*$|\s*:.*$|[^:.!?]{0,60}:$)
    | ^recommended(?:\ for\ you|\ reading|\ articles|\ stories)?(?:\W*$|\s*:.*$)
    | ^(?:next|previous)\ (?:article|post|story)\b
    | ^back\ to\ (?:the\ )?(?:blogs?|top|news|articles?|home|posts?)\W*$
    | ^(?:home|menu|search|tags?|categories|topics|log\ ?in|sign\ in|sign\ up|register|subscribe(?:\ now)?
        |newsletters?|follow\ us|table\ of\ contents|jump\ to\ (?:the\ )?\w+)\W*$
    | ^(?:join|subscribe\ to|sign\ up\ (?:for|to)|get)\ (?:our|the|my)\b.{0,60}
        \b(?:newsletters?|mailing\ list|inbox|updates)\b
    | ^(?:subscribe|sign\ up|join)\b.{0,80}\b(?:newsletters?|mailing\ list|inbox|latest\ posts|updates|for\ free)\b
    | \b(?:follow|like|join)\ us\ on\b
    | ^\d+\ (?:min(?:ute)?s?)\ read$
    | \bas\ an\ amazon\ associate\b
    | \b(?:we|i)\ (?:may\ )?(?:earn|receive|get)\ (?:a\ )?(?:small\ )?(?:commission|compensation)\b
    | \bpurchases\ made\ through\ (?:our|these)\ links\b
    | \bproducts\ are\ (?:chosen|selected)\ independently\b
    | ^(?:affiliate\ )?disclosure:
    | ^(?:written|posted|published|reviewed|updated)\ by\ \S[^.!?]{0,60}$
    | \ball\ rights\ reserved\b
    | ^(?:©|copyright\ ©?\s*\d{4})
    | ^(?:click|tap)\ here\ to\ (?:subscribe|sign\ up|download|share)\b
    | ^(?:last\ )?(?:updated|published|posted|modified)\s*:.{0,60}\d.{0,20}$
    | ^(?:last\ )?(?:updated|published|posted|modified)\ (?:on\ )?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\ )?
        (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)[\w./-]*\ ?[\d,.:/\ -]{0,20}
        (?:\d{4}|[ap]\.?m\.?|\w{2,4})?$
    | ^(?:main\ |top\ |header\ |featured\ |lead\ )?(?:image|photo|picture)s?\ (?:credit|by)\b.{0,80}$
    """,
    re.IGNORECASE | re.VERBOSE,
)
_LIST_MARK = re.compile(r"^(?:[-–•·*|]\s*)+")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _split_credit(text: str) -> tuple[str, str | None]:
    """A caption's text and the credit at its end, if it has one."""
    m = _CREDIT_TAIL.search(text)
    if m is None:
        return text, None
    if m.start() == 0 and not m.group("d"):
        # A caption that is all credit ("Photo: AFP") is a credit with no caption text.
        return "", _CREDIT_LABEL.sub("", text).strip(" .()") or None
    credit = next(g for g in m.group("a", "b", "c", "d") if g)
    return text[: m.start()].strip(), credit.strip(" .") or None


def _take_captions(tree: HtmlElement) -> list[Caption]:
    """Remove the page's photo captions from ``tree`` and return them with their credits."""
    captions: list[Caption] = []
    for element in tree.xpath(_CAPTION_XPATH):
        if element.getparent() is None:
            continue
        text = _clean(element.text_content())
        credit: str | None = None
        marked = element.xpath(_CREDIT_CLASS_XPATH)
        if marked:
            credit = _clean(" ".join(e.text_content() for e in marked if e.getparent() is not None)) or None
            if credit:
                text = _clean(text.replace(credit, "", 1))
                credit = _CREDIT_LABEL.sub("", credit).strip(" .()") or None
        if credit is None:
            text, credit = _split_credit(text)
        # Captions of thumbnails in menus and "related" boxes are not this article's photos.
        in_furniture = bool(element.xpath("ancestor::nav | ancestor::footer | ancestor::aside"))
        if (text or credit) and not in_furniture:
            captions.append(Caption(text=text, credit=credit))
        element.drop_tree()
    return captions


def _is_article_line(line: str) -> bool:
    return len(line.split()) >= _MIN_LINE_WORDS or sum(ch.isalnum() for ch in line) >= _MIN_LINE_CHARS


def is_boilerplate_line(line: str) -> bool:
    """True for a short line of site furniture (share prompts, newsletter promos, affiliate notices)."""
    text = _LIST_MARK.sub("", line).strip()
    return len(text.split()) <= _MAX_BOILERPLATE_WORDS and _BOILERPLATE_LINE.search(text) is not None


def _load(html: str, name: str) -> HtmlElement:
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None and html.strip():
        # trafilatura refuses fragments with a single top-level element; give them a page around them.
        tree = trafilatura.load_html(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        raise NoArticleError(name, "not parseable as HTML")
    return tree


def _prepare(tree: HtmlElement, name: str) -> None:
    """Drop scripts and styles (JSON-LD metadata aside) and refuse pages too large to extract quickly."""
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise InputTooLargeError(name, f"HTML page too large to extract ({elements:,} elements; "
                                 f"the limit is {MAX_ELEMENTS:,})")
    for element in tree.xpath("//script[not(@type='application/ld+json')] | //style | //template"):
        element.drop_tree()
    characters = len(tree.text_content())
    if characters > MAX_TEXT_CHARS:
        raise InputTooLargeError(name, f"HTML page has too much text to be one article ({characters:,} characters; "
                                 f"the limit is {MAX_TEXT_CHARS:,})")


def parse_html_article(html: str, *, source: str | None = None, **fields: Any) -> Article:
    """Extract the article in an HTML page. Raises :class:`NoArticleError` when there is none.

    ``fields`` (``url``, ``title``, ``published``, ``outlet``, ...) are passed to
    the :class:`Article` and win over what is found in the page; ``url`` also
    helps trafilatura with relative links and the outlet's domain.
    """
    import trafilatura

    url = fields.get("url") if isinstance(fields.get("url"), str) else None
    name = source or url or "<html>"
    tree = _load(html, name)
    _prepare(tree, name)
    headlines = html_meta.headline_candidates(tree)
    captions = _take_captions(tree)
    document = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    text = getattr(document, "text", None) or ""
    if not text.strip():
        raise NoArticleError(name, "no article text found in the HTML")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # trafilatura falls back to whatever text a page has; menus and footers are not an article.
    if not any(_is_article_line(line) for line in lines):
        raise NoArticleError(name, "no article text found in the HTML (only menus or fragments)")
    body_lines: list[str] = []
    boilerplate: list[str] = []
    for line in lines:
        (boilerplate if is_boilerplate_line(line) else body_lines).append(line)
    if not any(_is_article_line(line) for line in body_lines):
        raise NoArticleError(name, "no article text found in the HTML (only site furniture)")
    meta = html_meta.read_metadata(tree, document, headlines)
    # Some pages repeat the headline as the first line of the text: it is the title, not the body.
    if meta.title and len(body_lines) > 1 and html_meta.same_words(body_lines[0], meta.title):
        body_lines.pop(0)
    values: dict[str, object] = {
        "body": "\n\n".join(body_lines),
        "title": meta.title,
        "byline": meta.byline,
        "published": meta.published,
        "section": meta.section,
        "url": meta.url,
        "outlet": meta.outlet,
        "captions": tuple(captions),
        "boilerplate": tuple(boilerplate),
        "source": source,
        "format": "html",
    }
    values.update({k: v for k, v in fields.items() if v is not None})
    return Article(**values)  # type: ignore[arg-type]
