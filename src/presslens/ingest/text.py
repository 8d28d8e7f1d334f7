"""Plain-text articles as copied from a news site: finding the parts.

A page copied to text usually reads, block by block (blocks are separated by
blank lines)::

    News / Russia                        section trail
    Putin: West refuses to ...           headline
    By Jane Doe | 25 Dec 2022            byline and date (optional)
    Russian President ... (Photo by X)   photo caption with its credit
    body paragraphs ...
    SHARE THIS ARTICLE                   site boilerplate, to the end

Each part goes to its own field of the :class:`~presslens.records.Article`;
only the body paragraphs are the article's text. Nothing is dropped: removed
site text is kept in ``Article.boilerplate``. When a text has no recognisable
layout (a single paragraph, say), all of it is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.records import Article, Caption

__all__ = ["parse_text_article"]

_BLOCK_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
_NBSP = "\u00a0"
_SECTION_SEPARATORS = re.compile(r"\s*(?:/|»|›|>|\||::)\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")

# A photo credit: "(Photo by Reuters)", "Photo: AFP", "(Reuters)", "© Getty Images", "Credit: ...".
_CREDIT = re.compile(
    r"""
    \((?:(?:file\s+)?photos?|image|picture|pic|credit)\b(?:\s*(?:by|:|credit:?))?\s*(?P<a>[^)]{1,80})\)
    | \b(?:photos?|image|picture|credit|photograph)\s*(?:by|:)\s*(?P<b>[^.\n]{2,80})\.?$
    | ©\s*(?P<c>[^\n]{2,80})$
    | \((?P<d>Reuters|AFP|AP|Getty\ Images|EPA|Xinhua|Sputnik|TASS|AP\ Photo[^)]*|file)\)\s*$
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Site text that is never part of an article. Matched against a whole block.
_BOILERPLATE = re.compile(
    r"""
    ^(?:share|share\ this(?:\ article|\ story)?|print|email|tweet|comments?)$
    | can\ also\ be\ accessed\ at
    | alternate\ addresses
    | ^(?:follow|like)\ us\ on\b
    | ^(?:download|get)\ (?:our|the)\b.*\bapp\b
    | \b(?:app\ store|google\ play|roku|apple\ tv|android\ tv|smart\ tv)\b
    | ^(?:subscribe|sign\ up)\b.*\b(?:newsletter|channel|updates|free)\b
    | ^(?:read\ more|related|also\ read|see\ also|more\ on\ this|recommended)\b:?
    | ^advertisement$
    | ^(?:copyright|©)\ .{0,80}$
    | all\ rights\ reserved
    | ^(?:https?://|www\.)\S+$
    | ^(?:tags?|topics?|keywords?):
    | ^(?:click|tap)\ here\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(r"^(?:by|written by|reporting by)\s+(?P<name>[^\n|•]{2,80}?)"
                     r"(?:\s*[|•,]\s*(?P<rest>.+))?$", re.IGNORECASE)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE = re.compile(
    rf"""^(?:(?:published|updated|posted)(?:\s+on)?:?\s*)?
    (?:\w+day,?\s+)?
    (?:
      (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?:[T\s]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?
    | (?P<d1>\d{{1,2}})\s+(?P<m1>(?:{_MONTHS})[a-z]*)\.?,?\s+(?P<y1>\d{{4}})
    | (?P<m2>(?:{_MONTHS})[a-z]*)\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})
    )
    (?:[,\s]+.{{0,40}})?$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(slots=True)
class _Block:
    text: str
    start: int
    end: int


def _blocks(text: str) -> list[_Block]:
    blocks = []
    position = 0
    for m in [*list(_BLOCK_SPLIT.finditer(text)), None]:
        end = m.start() if m else len(text)
        raw = text[position:end]
        stripped = raw.strip(" \t\n" + _NBSP)
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t\n" + _NBSP))
            blocks.append(_Block(stripped, position + lead, position + lead + len(stripped)))
        position = m.end() if m else len(text)
    return blocks


def _words(text: str) -> int:
    return len(text.split())


def _is_section(block: _Block) -> bool:
    text = block.text
    return (
        "\n" not in text
        and _words(text.replace("/", " ")) <= 8
        and _SECTION_SEPARATORS.search(text) is not None
        and not _SENTENCE_END.search(text)
    )


def _is_headline(block: _Block) -> bool:
    return "\n" not in block.text and 2 <= _words(block.text) <= 40 and len(block.text) <= 300


def _caption(block: _Block) -> Caption | None:
    """A caption with its credit, if the block is one."""
    text = block.text
    if _words(text) > 60:
        return None
    m = _CREDIT.search(text)
    if m is None:
        return None
    credit = next(g for g in m.group("a", "b", "c", "d") if g).strip(" .")
    caption = (text[: m.start()] + text[m.end():]).strip(" \n" + _NBSP)
    return Caption(text=caption or text, credit=credit)


def _is_boilerplate(block: _Block) -> bool:
    return any(_BOILERPLATE.search(line.strip(" " + _NBSP)) for line in block.text.splitlines())


def _is_weak(block: _Block) -> bool:
    """Short text with no sentence in it: menu items, app names, addresses."""
    return _words(block.text) <= 8 and not _SENTENCE_END.search(block.text.splitlines()[-1])


def parse_text_article(text: str, *, source: str | None = None, **fields: object) -> Article:
    """Split a plain-text article into section, headline, byline, captions, body and boilerplate.

    ``fields`` (``url``, ``published``, ``outlet``, ...) are passed to the
    :class:`Article` and win over what is found in the text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _blocks(text)
    section = title = byline = published = None
    captions: list[Caption] = []
    boilerplate: list[str] = []
    index = 0
    if len(blocks) >= 3 and _is_section(blocks[0]):
        parts = _SECTION_SEPARATORS.split(blocks[0].text.replace(_NBSP, " "))
        section = " / ".join(part.strip() for part in parts if part.strip())
        index = 1
    if len(blocks) - index >= 2 and _is_headline(blocks[index]) and not _caption(blocks[index]):
        title = " ".join(blocks[index].text.split())
        index += 1
    # Byline, date and captions sit between headline and body.
    while index < len(blocks) - 1:
        block = blocks[index]
        if (m := _BYLINE.match(block.text)) and _words(block.text) <= 16:
            byline = m.group("name").strip()
            if m.group("rest") and (d := _DATE.match(m.group("rest").strip())):
                published = _iso(d)
        elif (d := _DATE.match(block.text)) and _words(block.text) <= 10:
            published = _iso(d)
        elif (caption := _caption(block)) is not None:
            captions.append(caption)
        else:
            break
        index += 1
    # Boilerplate runs from the first boilerplate block after the body to the end, as long as
    # what follows it is boilerplate or menu-like scraps.
    end = len(blocks)
    for cut in range(index + 1, len(blocks)):
        if _is_boilerplate(blocks[cut]) and all(_is_boilerplate(b) or _is_weak(b) for b in blocks[cut:]):
            end = cut
            break
    body_blocks: list[_Block] = []
    for block in blocks[index:end]:
        if _is_boilerplate(block) and _words(block.text) <= 12:
            boilerplate.append(block.text)
        elif (caption := _caption(block)) is not None and _words(block.text) <= 40 and body_blocks:
            captions.append(caption)
        else:
            body_blocks.append(block)
    boilerplate.extend(b.text for b in blocks[end:])
    if not body_blocks:
        # Nothing looked like a body: keep everything rather than lose the article.
        body_blocks = blocks[index:] or blocks
        title = title if index else None
    body = "\n\n".join(b.text for b in body_blocks)
    values: dict[str, object] = {
        "body": body,
        "title": title,
        "section": section,
        "byline": byline,
        "published": published,
        "captions": tuple(captions),
        "boilerplate": tuple(boilerplate),
        "source": source,
        "format": "text",
    }
    values.update({k: v for k, v in fields.items() if v is not None})
    return Article(**values)  # type: ignore[arg-type]


_MONTH_NUMBERS = {m: i for i, m in enumerate(_MONTHS.split("|"), 1) if m != "sept"} | {"sept": 9}


def _iso(m: re.Match[str]) -> str | None:
    if m.group("iso"):
        return m.group("iso")
    day = m.group("d1") or m.group("d2")
    month = (m.group("m1") or m.group("m2") or "")[:4].lower().rstrip(".")
    year = m.group("y1") or m.group("y2")
    number = _MONTH_NUMBERS.get(month) or _MONTH_NUMBERS.get(month[:3])
    if not (day and number and year) or not 1 <= int(day) <= 31:
        return None
    return f"{int(year):04d}-{number:02d}-{int(day):02d}"
