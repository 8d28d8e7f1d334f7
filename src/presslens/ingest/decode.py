"""Bytes to text, refusing what is not text and saying why.

UTF-8 (with or without a byte-order mark) and UTF-16 with a BOM are read as
is. Anything else is handed to charset-normalizer: a legacy encoding it
recognises with confidence (Windows-1252, Latin-1, KOI8-R, ...) is decoded
and noted; UTF-8 with a few broken bytes is decoded with replacement
characters and noted; bytes that decode to nothing readable are refused.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from presslens.errors import BinaryInputError, EmptyInputError, InputError

__all__ = ["Decoded", "decode"]

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    #: Anything worth telling the user about the decoding (a legacy encoding, replaced bytes).
    notes: tuple[str, ...] = ()


def decode(data: bytes, source: str) -> Decoded:
    """Decode ``data`` read from ``source`` (named in errors), or raise an :class:`InputError`."""
    if not data.strip():
        raise EmptyInputError(source)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding, source)
            except UnicodeDecodeError as e:
                raise InputError(source, f"starts with a {encoding} byte-order mark but is not {encoding}: {e.reason}") from e
    _refuse_binary(data, source)
    try:
        return _checked(data.decode("utf-8"), "utf-8", source)
    except UnicodeDecodeError as e:
        utf8_error = e
    # Mostly UTF-8 with a few broken bytes: keep the text, say what was replaced.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    if bad and bad <= max(3, len(data) // 1000) and _mostly_utf8(data):
        return _checked(replaced, "utf-8", source, (f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD",))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in {"utf_8", "utf-8"}:
        raise InputError(source, f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no other text encoding fits")
    text = str(best)
    encoding = best.encoding.replace("_", "-")
    return _checked(text, encoding, source, (f"not UTF-8; decoded as {encoding}",))


def _mostly_utf8(data: bytes) -> bool:
    """True when the non-ASCII bytes are mostly well-formed UTF-8 sequences."""
    high = sum(1 for b in data if b >= 0x80)
    if not high:
        return True
    good = len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    good_high = good - sum(1 for b in data if b < 0x80)
    return good_high >= 0.8 * high


def _refuse_binary(data: bytes, source: str) -> None:
    sample = data[:65536]
    if b"\x00" in sample:
        raise BinaryInputError(source, "binary data (contains NUL bytes), not text or HTML")
    control = sum(1 for b in sample if b in _CONTROL)
    if control > max(8, len(sample) // 100):
        raise BinaryInputError(source, f"binary data ({control} control bytes in the first {len(sample)}), not text or HTML")


def _checked(text: str, encoding: str, source: str, notes: tuple[str, ...] = ()) -> Decoded:
    if not text.strip():
        raise EmptyInputError(source)
    control = sum(1 for ch in text[:65536] if ord(ch) in _CONTROL)
    if control > max(8, min(len(text), 65536) // 100):
        raise BinaryInputError(source, "binary data (decodes to control characters), not text or HTML")
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, notes)
