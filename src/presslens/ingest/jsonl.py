"""JSON Lines: one article per line.

Each line is an object with ``text`` (the article's plain text) or ``html``
(its page), and optionally ``url``, ``title``, ``published`` (ISO 8601 or RFC
822), ``byline`` and ``outlet`` (a name, or an object with the fields of
:class:`~presslens.records.Outlet`). With a ``title``, ``text`` is taken as
the body as it is; without one, the text's own layout (headline, byline,
boilerplate) is detected as for a text file. Blank lines are skipped; a line
that is not such an object becomes a failure naming its line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from presslens.config import Settings
from presslens.errors import DataFormatError
from presslens.ingest.documents import RawDocument
from presslens.records import Failure, Outlet
from presslens.serialize import from_dict

__all__ = ["count_jsonl", "parse_record", "read_jsonl"]


def count_jsonl(path: Path) -> int:
    """Non-blank lines (each one an article or a failure)."""
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1


def read_jsonl(path: Path, settings: Settings) -> Iterator[RawDocument | Failure]:
    """Each line of a JSONL file as a raw document or a failure."""
    try:
        handle = path.open("rb")
    except OSError as e:
        yield Failure(str(path), f"cannot open ({e.strerror or e})", "InputError")
        return
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            source = f"{path}:{number}"
            if len(line) > settings.max_bytes:
                yield Failure(source, f"line too large ({len(line):,} bytes; the limit is {settings.max_bytes:,}, "
                              "set PRESSLENS_MAX_BYTES to raise it)", "InputTooLargeError")
                continue
            try:
                data = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as e:
                yield Failure(source, f"not UTF-8 ({e.reason} at byte {e.start})", "InputError")
                continue
            except json.JSONDecodeError as e:
                yield Failure(source, f"not valid JSON ({e.msg} at column {e.colno})", "InputError")
                continue
            yield parse_record(data, source)


def _text_field(data: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise DataFormatError(f"'{name}' must be a string, not {type(value).__name__}")
        if value.strip():
            return value
    return None


def parse_record(data: object, source: str) -> RawDocument | Failure:
    """One decoded JSON record as a raw document, or a failure saying which field is wrong."""
    if not isinstance(data, dict):
        return Failure(source, f"expected a JSON object, got {type(data).__name__}", "InputError")
    try:
        text = _text_field(data, "text", "body")
        html = _text_field(data, "html")
        if text is None and html is None:
            return Failure(source, "no article: the record has no non-empty 'text' or 'html'", "EmptyInputError")
        title = _text_field(data, "title")
        outlet = _outlet(data.get("outlet"))
        fields = {"url": _text_field(data, "url"), "title": title, "published": _text_field(data, "published", "date"),
                  "byline": _text_field(data, "byline", "author"), "outlet": outlet}
    except DataFormatError as e:
        return Failure(source, str(e), "InputError")
    if html is not None and text is None:
        return RawDocument(source, html, "html", "jsonl", **fields)  # type: ignore[arg-type]
    return RawDocument(source, text or "", "body" if title else "text", "jsonl", **fields)  # type: ignore[arg-type]


def _outlet(value: object) -> Outlet | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return Outlet(name=value.strip())
    if isinstance(value, dict):
        if not isinstance(value.get("name"), str) or not value["name"].strip():
            raise DataFormatError("'outlet' must be a name or an object with a 'name'")
        return from_dict(Outlet, value)
    raise DataFormatError(f"'outlet' must be a name or an object, not {type(value).__name__}")
