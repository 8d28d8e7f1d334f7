"""HTML fragments (feed entries) to plain text, one paragraph per block element."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError

__all__ = ["html_fragment_text"]

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "tr"}
_SPACES = re.compile(r"[ \t\u00a0]+")


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, paragraphs separated by blank lines; plain text passes through."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    for bad in root.xpath(".//script|.//style|.//figure|.//figcaption"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(element: lxml_html.HtmlElement) -> None:
        if element.tag in _BLOCKS:
            parts.append("\n\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if element.tag in _BLOCKS:
            parts.append("\n\n")

    walk(root)
    paragraphs = [_SPACES.sub(" ", p).strip() for p in re.split(r"\n\s*\n", "".join(parts))]
    return "\n\n".join(p for p in paragraphs if p)
