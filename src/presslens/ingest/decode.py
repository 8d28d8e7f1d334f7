"""Bytes to text, refusing what is not text and saying why.

UTF-8 (with or without a byte-order mark) and UTF-16 with a BOM are read as
is. UTF-8 with a few broken bytes is decoded with replacement characters and
noted. Anything else is handed to charset-normalizer, limited to the legacy
encodings the web actually uses (Windows-125x, ISO-8859-x, KOI8, Shift-JIS,
EUC, GB18030, Big5, Mac Roman): a guess it makes with little noise, whose
non-ASCII characters are letters or ordinary typographic marks, is decoded
and noted; otherwise the bytes are refused as invalid UTF-8. (Unrestricted,
charset-normalizer "reads" random bytes sprinkled in English text as
Estonian in code page 775.)
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from presslens.errors import BinaryInputError, EmptyInputError, InputError

__all__ = ["Decoded", "decode"]

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}

#: Legacy encodings tried when a file is not UTF-8 (charset-normalizer's codec names).
LEGACY_ENCODINGS = (
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "cp1253", "iso8859_7",
    "cp1254", "cp1255", "cp1256", "cp1257", "cp874", "cp1258", "shift_jis", "euc_jp", "iso2022_jp", "gb18030",
    "big5", "euc_kr", "mac_roman",
)
#: A legacy guess is kept when charset-normalizer's noise ("chaos") is at most this and at least
#: this share of the non-ASCII characters it gives are letters or ordinary typographic marks.
_MAX_CHAOS = 0.05
_MIN_PLAUSIBLE = 0.9
_TYPOGRAPHIC = frozenset("„“”‘’‚«»‹›—–…€£¥°§¶·•©®™±×÷¿¡¢")


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
                raise InputError(source, f"starts with a {encoding} byte-order mark "
                                         f"but is not {encoding}: {e.reason}") from e
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

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    text = str(best) if best is not None else ""
    if best is None or best.chaos > _MAX_CHAOS or _plausible_share(text) < _MIN_PLAUSIBLE:
        raise InputError(source, f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                         "and no other text encoding fits")
    encoding = best.encoding.replace("_", "-")
    # Where Windows-1252 reads the bytes the same way, name it: it is by far the commonest.
    if encoding != "cp1252" and _same_in_cp1252(data, text):
        encoding = "cp1252"
    return _checked(text, encoding, source, (f"not UTF-8; decoded as {encoding}",))


def _same_in_cp1252(data: bytes, text: str) -> bool:
    try:
        return data.decode("cp1252") == text
    except UnicodeDecodeError:
        return False


def _plausible_share(text: str) -> float:
    """The share of non-ASCII characters that are letters, spaces or typographic marks (1.0 if none)."""
    high = [ch for ch in text if ord(ch) >= 128]
    if not high:
        return 1.0
    good = sum(
        1 for ch in high
        if unicodedata.category(ch)[0] in "LMZ" or ch in _TYPOGRAPHIC
        or 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF  # CJK punctuation and full-width forms
    )
    return good / len(high)


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
        raise BinaryInputError(source, f"binary data ({control} control bytes in the first {len(sample)}), "
                                       "not text or HTML")


def _checked(text: str, encoding: str, source: str, notes: tuple[str, ...] = ()) -> Decoded:
    if not text.strip():
        raise EmptyInputError(source)
    control = sum(1 for ch in text[:65536] if ord(ch) in _CONTROL)
    if control > max(8, min(len(text), 65536) // 100):
        raise BinaryInputError(source, "binary data (decodes to control characters), not text or HTML")
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, notes)
