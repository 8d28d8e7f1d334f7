"""The keys that make an article the same article: its normalised URL and its content.

``url_key`` folds the differences that do not change which page a URL names
(scheme, ``www.``, letter case of the host, default ports, fragments, tracking
parameters, parameter order, a trailing slash). ``content_hash`` hashes the
article's words, so the same text with other spacing, line breaks or
typographic quotes has the same hash.
"""

from __future__ import annotations

import hashlib
import re
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit

from presslens.link.words import normalise_words
from presslens.records import Article

__all__ = ["content_hash", "day_of", "raw_hash", "url_key"]

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "_hs")
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "igshid", "yclid", "ocid", "cmpid", "ref", "ref_src",
                       "smid", "cid", "s_cid", "share", "feature", "spm", "rss", "outputtype"})


def url_key(url: str | None) -> str | None:
    """A URL reduced to what identifies the page, or ``None`` when there is no usable URL."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    port = parts.port
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if path != "/" and path.endswith("/"):
        path = path.rstrip("/")
    for suffix in ("/amp", "/index.html", "/index.htm"):
        if path.endswith(suffix) and len(path) > len(suffix):
            path = path[: -len(suffix)]
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING)
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def content_hash(article: Article) -> str:
    """SHA-256 of the article's headline and body words (lowercased), hex."""
    words = [*normalise_words(article.title or ""), "\0", *normalise_words(article.body)]
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def raw_hash(content: str, *, format: str = "", url: str | None = None) -> str:
    """SHA-256 of an input exactly as read (before parsing), to skip re-analysing a known input."""
    digest = hashlib.sha256()
    for part in (format, url or "", content):
        digest.update(part.encode("utf-8", errors="surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def day_of(published: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day of a publication date given as ISO 8601 or RFC 822 (feeds, e-mail), else ``None``."""
    if not published:
        return None
    text = published.strip()
    if (m := _ISO_DAY.match(text)) is not None:
        return m.group(0)
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
