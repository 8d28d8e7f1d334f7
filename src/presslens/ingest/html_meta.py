"""An HTML page's metadata: headline, byline, date, section, URL and outlet.

trafilatura reads the page's meta tags, JSON-LD and bylines; this module
chooses among them and tidies what it returns:

* **headline**: the visible ``<h1>`` that matches the meta title (``og:title``
  or ``<title>``), because the meta title often carries the site's name or an
  SEO rewording; failing that, the meta title with the site's name cut off;
* **byline**: trafilatura's author list without "By"/"Author" labels, dates
  run into the name, the site's own name next to a person's, or a name
  repeated in a shorter form;
* **section**: the breadcrumb trail (JSON-LD ``BreadcrumbList`` or a
  breadcrumb element), else the ``article:section`` meta tag or JSON-LD
  ``articleSection``, else the page's categories; parts joined with " / ";
* **outlet**: the site name (or, without one, the domain) and the domain.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from presslens.records import Outlet

__all__ = ["PageMetadata", "clean_byline", "headline_candidates", "read_metadata", "same_words", "strip_site_name"]


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    section: str | None = None
    url: str | None = None
    outlet: Outlet | None = None


@dataclass(frozen=True, slots=True)
class Headline:
    """An ``<h1>`` of the page and whether it sits in the main content (``article``, ``main``)."""

    text: str
    in_main: bool


_WORD = re.compile(r"\w+")
_MAX_HEADLINE_WORDS = 40
# A title's parts: "Headline | Site", "Site - Headline", "Headline — Site".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—•·:»/]\s+|\s*\|\s*")
# h1 texts that name a page or a site area rather than an article.
_GENERIC_HEADING = re.compile(
    r"^(?:(?:our|the|my|latest)\s+)?(?:blogs?|news|articles?|menu|home|contact(?:\s+us)?|follow\s+us|posts?|search"
    r"|perspectives|resources|insights|updates|stories)$",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _words(text: str | None) -> set[str]:
    return set(_WORD.findall((text or "").casefold()))


def same_words(a: str, b: str) -> bool:
    """True when two strings have the same words in the same order (case and punctuation aside)."""
    return _WORD.findall(a.casefold()) == _WORD.findall(b.casefold())


def headline_candidates(tree: HtmlElement) -> list[Headline]:
    """The page's ``<h1>`` elements, in document order."""
    candidates = []
    for element in tree.iter("h1"):
        text = _clean(element.text_content())
        if text:
            in_main = bool(element.xpath("ancestor::article | ancestor::main | ancestor::*[@role='main']"))
            candidates.append(Headline(text, in_main))
    return candidates


def _site_words(sitename: str | None, hostname: str | None) -> set[str]:
    words = _words(sitename)
    if hostname:
        host = hostname.removeprefix("www.")
        words |= _words(host) | {host.casefold(), host.split(".")[0].casefold()}
    return words - {"the"}


def strip_site_name(title: str, site_words: set[str]) -> str:
    """``title`` without a leading or trailing part that only names the site."""
    if not site_words:
        return title
    parts = [p for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title

    def is_site(part: str) -> bool:
        words = _words(part) - {"the", "com", "org", "net", "www", "co", "uk"}
        return bool(words) and words <= site_words

    # Cut from the ends only, so a headline with a dash inside keeps its middle.
    start, end = 0, len(parts)
    while end - start > 1 and is_site(parts[end - 1]):
        end -= 1
    while end - start > 1 and is_site(parts[start]):
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    # Rebuild from the original string so separators inside the headline survive.
    first, last = parts[start], parts[end - 1]
    begin = title.find(first)
    finish = title.rfind(last) + len(last)
    return title[begin:finish].strip() if 0 <= begin < finish else title


def choose_title(headlines: list[Headline], meta_title: str | None, site_words: set[str]) -> str | None:
    """The article's headline: the best ``<h1>``, else the meta title."""
    meta = strip_site_name(_clean(meta_title), site_words) if meta_title else None
    reference = _words(meta) | _words(meta_title)
    best: tuple[bool, bool, int] | None = None
    chosen = None
    for index, headline in enumerate(headlines):
        words = _words(headline.text)
        if (not words or len(headline.text.split()) > _MAX_HEADLINE_WORDS or _GENERIC_HEADING.match(headline.text)
                or (site_words and words <= site_words)):
            continue
        matches_meta = len(words & reference) >= 0.5 * len(words)
        rank = (matches_meta, headline.in_main, -index)
        if best is None or rank > best:
            best, chosen = rank, headline.text
    if chosen is not None:
        return strip_site_name(chosen, site_words)
    return meta or None


_BYLINE_LABEL = re.compile(
    r"^(?:this\s+(?:post|article|story)\s+was\s+)?(?:(?:written|posted|reported|published|reviewed|edited)\s+)?"
    r"(?:by|author|authors|from)\b[:\s]*",
    re.IGNORECASE,
)
# A job title run into a name: "Keith Barry Senior Autos Reporter", "Liz Kenny Former McKinsey Consultant".
_ROLE_TAIL = re.compile(
    r"(?<=\w)\s+(?:senior|staff|trending|former|contributing|chief|managing|executive|associate|deputy|lead|guest"
    r"|editor|reporter|writer|correspondent|contributor|columnist|consultant|journalist|producer|author)\b.*$",
    re.IGNORECASE,
)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
# Dates and labels run into a name by the page's markup: "Ann Lee February 8", "Ann Lee Last Updated ...".
_BYLINE_TAIL = re.compile(
    rf"\s+(?:(?:last\s+)?(?:updated|published|posted|modified)\b.*|on\s+{_MONTH}.*|{_MONTH}\s+\d.*|\d.*)$",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    rf"^(?:(?:the\s+)?(?:author|authors|name|admin|editor|staff|guest|unknown|anonymous|undefined|null|none|updated|published|human)|{_MONTH})$",
    re.IGNORECASE,
)


def clean_byline(raw: str | None, site_words: set[str] | None = None) -> str | None:
    """Author names from trafilatura's ``"A; B"`` list, tidied (see the module docstring)."""
    if not raw:
        return None
    names: list[str] = []
    for part in raw.split(";"):
        name = _BYLINE_LABEL.sub("", _clean(part))
        name = _BYLINE_TAIL.sub("", name).strip(" ,.:|-")
        if len(name.split()) > 2:
            name = _ROLE_TAIL.sub("", name)
        if name and not _NOT_A_NAME.match(name) and name not in names:
            names.append(name)
    # The site's own name beside a person's is the publisher, not an author.
    people = [n for n in names if not (site_words and _words(n) <= site_words)]
    names = people or names
    # "Tina Huffman" beside "Tina Flint Huffman" is the same person.
    names = [n for n in names if not any(n != other and _words(n) < _words(other) for other in names)]
    return "; ".join(names) or None


# A person's name as bylines give it: one to five words, each starting with a capital letter.
_NAME = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|van|von|de|der|da|del|la|le|bin|al|dos)){0,4}$"
)
_BY_TEXT = re.compile(r"^(?:written\s+|posted\s+|reported\s+)?by[:\s]+(?P<name>.+?)\s*$", re.IGNORECASE)
_AUTHOR_LINK_XPATH = (
    "//a[@rel='author' or contains(@href,'/author/') or contains(@href,'/authors/') or contains(@href,'/profile/')]"
    "[not(ancestor::nav or ancestor::footer or ancestor::aside)]"
)
_BY_LABEL_XPATH = (
    "//*[self::p or self::span or self::div or self::li or self::address or self::small]"
    "[not(*[not(self::a or self::span or self::strong or self::b)])]"
    "[starts-with(translate(normalize-space(.),'WRITENPOSDBY','writenposdby'),'written by')"
    " or starts-with(translate(normalize-space(.),'BY','by'),'by ')"
    " or translate(normalize-space(.),'WRITENBY','writenby')='written by']"
)


def _as_name(text: str) -> str | None:
    text = _clean(text)
    if len(text) > 80:
        return None
    text = _BYLINE_TAIL.sub("", text).strip(" ,.:|-")
    return text if _NAME.match(text) and not _NOT_A_NAME.match(text) else None


def byline_from_page(tree: HtmlElement) -> str | None:
    """A byline trafilatura missed: an author-page link, or a short "By ..." / "Written by ..." line."""
    for link in tree.xpath(_AUTHOR_LINK_XPATH)[:5]:
        if name := _as_name(link.text_content()):
            return name
    for element in tree.xpath(_BY_LABEL_XPATH)[:10]:
        text = _clean(element.text_content())
        if text.casefold() == "written by":
            following = element.getnext()
            if following is not None and (name := _as_name(following.text_content())):
                return name
        elif (m := _BY_TEXT.match(text)) and (name := _as_name(m.group("name"))):
            return name
    return None


def _json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page (``@graph`` members flattened); unreadable blocks are skipped."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:  # broken JSON-LD is common on the web and tells us nothing
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
            elif isinstance(item, list):
                stack.extend(item)
    return objects


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


_HOME = re.compile(r"^(?:home(?:\s*page)?|start|main|index|accueil|inicio|startseite)$", re.IGNORECASE)
_UNCATEGORISED = re.compile(r"^(?:uncategori[sz]ed|general|misc|blog|news|all)$", re.IGNORECASE)


def _trail(parts: list[str], title: str | None) -> list[str]:
    """A breadcrumb trail without its home link, separators and the article itself."""
    cleaned = []
    for part in parts:
        text = _clean(part).strip(" /»›>|")
        if text and not _HOME.match(text) and len(text.split()) <= 8 and text not in cleaned:
            cleaned.append(text)
    title_words = _words(title)
    if cleaned and title_words and _words(cleaned[-1]) and _words(cleaned[-1]) <= title_words:
        cleaned.pop()
    return cleaned


def _breadcrumbs(tree: HtmlElement, objects: list[dict[str, Any]], title: str | None) -> list[str]:
    for item in objects:
        if "BreadcrumbList" in _types(item) and isinstance(item.get("itemListElement"), list):
            entries = [e for e in item["itemListElement"] if isinstance(e, dict)]
            entries.sort(key=lambda e: e["position"] if isinstance(e.get("position"), int) else 0)
            names = []
            for entry in entries:
                name = entry.get("name")
                nested = entry.get("item")
                if not isinstance(name, str) and isinstance(nested, dict):
                    name = nested.get("name")
                if isinstance(name, str):
                    names.append(name)
            if trail := _trail(names, title):
                return trail
    for element in tree.xpath(
        "//*[contains(translate(@class,'BREADCRUMB','breadcrumb'),'breadcrumb')"
        " or contains(translate(@id,'BREADCRUMB','breadcrumb'),'breadcrumb')"
        " or translate(@aria-label,'BREADCRUMB','breadcrumb')='breadcrumb'"
        " or translate(@aria-label,'BREADCRUMBS','breadcrumbs')='breadcrumbs']"
    )[:1]:
        links = element.xpath(".//a | .//li[not(.//a)] | .//span[@itemprop='name'][not(ancestor::a)]")
        names = [link.text_content() for link in links] if links else [element.text_content()]
        if trail := _trail(names, title):
            return trail
    return []


def _section(tree: HtmlElement, objects: list[dict[str, Any]], categories: list[str], title: str | None,
             site_words: set[str]) -> str | None:
    def names_a_section(text: str) -> bool:
        # Some pages give their own name or domain as the section ("articleSection": "gizmodo.com").
        words = _words(text)
        return bool(words) and not (site_words and words <= site_words)

    if trail := [part for part in _breadcrumbs(tree, objects, title) if names_a_section(part)]:
        return " / ".join(trail)
    for value in tree.xpath("//meta[@property='article:section' or @name='article:section']/@content"):
        if names_a_section(text := _clean(str(value))):
            return text
    for item in objects:
        section = item.get("articleSection")
        for value in section if isinstance(section, list) else [section]:
            if isinstance(value, str) and names_a_section(text := _clean(value)):
                return text
    kept = [c for c in (_clean(c) for c in categories) if names_a_section(c) and not _UNCATEGORISED.match(c)]
    return " / ".join(dict.fromkeys(kept)) or None


def read_metadata(tree: HtmlElement, document: Any, headlines: list[Headline]) -> PageMetadata:
    """The page's metadata, from trafilatura's ``document`` and the page ``tree``."""
    hostname = (document.hostname or "").removeprefix("www.") or None
    sitename = _clean(document.sitename) if document.sitename else None
    site_words = _site_words(sitename, hostname)
    title = choose_title(headlines, document.title, site_words)
    objects = _json_ld(tree)
    outlet = None
    if sitename or hostname:
        outlet = Outlet(name=sitename or hostname or "", domains=(hostname,) if hostname else ())
    return PageMetadata(
        title=title,
        byline=clean_byline(document.author, site_words) or byline_from_page(tree),
        published=document.date or None,
        section=_section(tree, objects, list(document.categories or []), title, site_words),
        url=document.url or None,
        outlet=outlet,
    )
