"""RSS and Atom feed files: one article per entry (needs the ``corpus`` extra, for feedparser).

An entry's full content (``content:encoded``, Atom ``content``) is used when
the feed has it, else its summary; HTML in it is reduced to paragraphs of
text. The feed's title is the outlet, the entry's link its URL, its
publication (or update) time its date.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from presslens.config import Settings
from presslens.errors import OptionalDependencyError
from presslens.ingest.documents import RawDocument
from presslens.ingest.fragments import html_fragment_text
from presslens.records import Failure, Outlet

__all__ = ["count_feed", "read_feed"]


def _feedparser() -> Any:
    try:
        import feedparser
    except ImportError as e:
        raise OptionalDependencyError("reading RSS/Atom feeds", "corpus") from e
    return feedparser


def _parse(path: Path) -> Any:
    return _feedparser().parse(path.read_bytes())


def count_feed(path: Path) -> int:
    try:
        return max(1, len(_parse(path).entries))
    except (OSError, OptionalDependencyError):
        return 1


def read_feed(path: Path, settings: Settings) -> Iterator[RawDocument | Failure]:
    """Each entry of a feed file as a raw document, or a failure."""
    try:
        parsed = _parse(path)
    except OptionalDependencyError as e:
        yield Failure(str(path), str(e), type(e).__name__)
        return
    except OSError as e:
        yield Failure(str(path), f"cannot read ({e.strerror or e})", "InputError")
        return
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield Failure(str(path), f"not an RSS/Atom feed with entries{why}", "InputError")
        return
    info = parsed.feed
    site = info.get("link") or ""
    domain = (urlsplit(site).hostname or "").lower().removeprefix("www.")
    name = (info.get("title") or domain or "").strip()
    outlet = Outlet(name=name, domains=(domain,) if domain else ()) if name else None
    for number, entry in enumerate(parsed.entries, 1):
        source = f"{path}#{number}"
        html = _entry_html(entry)
        text = html_fragment_text(html) if html else ""
        if not text.strip():
            yield Failure(source, "feed entry has no content or summary", "EmptyInputError")
            continue
        if len(text.encode("utf-8")) > settings.max_bytes:
            yield Failure(source, f"entry too large (the limit is {settings.max_bytes:,} bytes)", "InputTooLargeError")
            continue
        yield RawDocument(
            source, text, "body", "feed",
            url=entry.get("link") or None,
            title=(entry.get("title") or "").strip() or None,
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            byline=(entry.get("author") or "").strip() or None,
            outlet=outlet,
        )


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        if content.get("value", "").strip():
            return str(content["value"])
    return str(entry.get("summary") or "")


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None
