"""WARC web archives: one article per archived HTML page (needs the ``corpus`` extra, for warcio).

``response`` records with HTTP status 200 and ``resource`` records whose
content type is HTML are read; other records (images, scripts, requests,
metadata, redirects) are not articles and are passed over silently. The page
is extracted like any HTML file, with the record's target URI as its URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from presslens.config import Settings
from presslens.errors import InputError, OptionalDependencyError
from presslens.ingest.decode import decode
from presslens.ingest.documents import RawDocument
from presslens.records import Failure

__all__ = ["count_warc", "read_warc"]

_CHARSET = re.compile(r"charset=[\"']?([\w\-]+)", re.IGNORECASE)


def _archive_iterator() -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as e:
        raise OptionalDependencyError("reading WARC files", "corpus") from e
    return ArchiveIterator


def _html_records(path: Path) -> Iterator[tuple[str, Any]]:
    """(target URI, record) for each HTML page in the archive."""
    iterator = _archive_iterator()
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as stream:
        head = stream.read(5)
        stream.seek(0)
        if head[:2] != b"\x1f\x8b" and head != b"WARC/":
            raise InputError(str(path), "not a WARC file (it starts neither with a WARC/ header nor gzip data)")
        try:
            for record in iterator(stream):
                if record.rec_type not in ("response", "resource"):
                    continue
                if record.rec_type == "response":
                    if record.http_headers is None or record.http_headers.get_statuscode() != "200":
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                yield record.rec_headers.get_header("WARC-Target-URI") or "", record
        except ArchiveLoadFailed as e:
            raise InputError(str(path), f"not a readable WARC file ({str(e).strip() or type(e).__name__})") from e


def count_warc(path: Path) -> int:
    try:
        return max(1, sum(1 for _ in _html_records(path)))
    except (OSError, InputError, OptionalDependencyError):
        return 1


def read_warc(path: Path, settings: Settings) -> Iterator[RawDocument | Failure]:
    """Each HTML page in a WARC file as a raw document, or a failure."""
    found = 0
    try:
        for number, (uri, record) in enumerate(_html_records(path), 1):
            found += 1
            source = f"{path}#{uri or number}"
            data = record.content_stream().read(settings.max_bytes + 1)
            if len(data) > settings.max_bytes:
                yield Failure(source, f"page too large (more than {settings.max_bytes:,} bytes)", "InputTooLargeError")
                continue
            try:
                text = _decode(data, record, source)
            except InputError as e:
                yield Failure(source, e.detail, type(e).__name__)
                continue
            yield RawDocument(source, text, "html", "warc", url=uri or None)
    except OptionalDependencyError as e:
        yield Failure(str(path), str(e), type(e).__name__)
        return
    except InputError as e:
        yield Failure(e.source, e.detail, type(e).__name__)
        return
    except OSError as e:
        yield Failure(str(path), f"cannot read ({e.strerror or e})", "InputError")
        return
    if not found:
        yield Failure(str(path), "no HTML pages in the archive", "NoArticleError")


def _decode(data: bytes, record: Any, source: str) -> str:
    header = record.http_headers.get_header("Content-Type") if record.http_headers else None
    charset = _CHARSET.search(header or "")
    if charset:
        try:
            return data.decode(charset.group(1))
        except (LookupError, UnicodeDecodeError):
            pass  # the header lies or names an unknown codec: let the decoder sniff instead
    return decode(data, source).text
