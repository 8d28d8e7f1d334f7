import pytest

from presslens.errors import BinaryInputError, EmptyInputError
from presslens.ingest.decode import decode


def test_utf8_and_bom():
    assert decode("Zürich “quotes”".encode(), "f").text == "Zürich “quotes”"
    assert decode(b"\xef\xbb\xbfhello", "f").text == "hello"


def test_empty_and_whitespace_only():
    with pytest.raises(EmptyInputError, match="f: empty"):
        decode(b"", "f")
    with pytest.raises(EmptyInputError):
        decode(b"  \n\t ", "f")


def test_binary_is_refused():
    with pytest.raises(BinaryInputError, match="binary"):
        decode(bytes(range(256)) * 10, "f")


def test_legacy_encoding_is_decoded_and_noted():
    text = "Le président a déclaré à la presse qu’il était « très inquiet » de la situation économique."
    data = text.encode("cp1252")
    decoded = decode(data, "f")
    assert "président" in decoded.text
    assert decoded.notes and "not UTF-8" in decoded.notes[0]


def test_a_few_broken_utf8_bytes_are_replaced_and_noted():
    data = ("Ein schöner Satz über die Welt. " * 20).encode() + b"\xff" + b" end"
    decoded = decode(data, "f")
    assert "\ufffd" in decoded.text and "replaced" in decoded.notes[0]


def test_crlf_normalised():
    assert decode(b"a\r\nb\rc", "f").text == "a\nb\nc"
