from io import BytesIO

import pytest

from presslens.config import Settings
from presslens.records import Failure

pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presslens.ingest.warc import count_warc, read_warc

PAGE = ("<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
        "<p>The port of Nordhaven reopened on Monday after a week of repairs, officials said.</p>"
        "<p>Shipping companies said delays would last until the end of the month.</p></article></body></html>")


def write_warc(path, records):
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for uri, status, content_type, payload in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=BytesIO(payload), length=len(payload),
                                               http_headers=headers)
            writer.write_record(record)


def test_html_responses_only(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://gulf.example/port", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
        ("https://gulf.example/logo.png", "200 OK", "image/png", b"\x89PNG"),
        ("https://gulf.example/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
        ("https://gulf.example/latin", "200 OK", "text/html; charset=iso-8859-1", PAGE.replace("Nordhaven", "Nørdhaven")
         .encode("latin-1")),
    ])
    items = list(read_warc(path, Settings()))
    assert count_warc(path) == len(items) == 2
    assert [i.url for i in items] == ["https://gulf.example/port", "https://gulf.example/latin"]
    assert items[0].format == "html" and items[0].kind == "warc" and "Nordhaven" in items[0].content
    assert "Nørdhaven" in items[1].content


def test_not_a_warc_or_no_pages(tmp_path):
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"hello, not an archive")
    [failure] = list(read_warc(junk, Settings()))
    assert isinstance(failure, Failure) and "not a WARC file" in failure.reason
    empty = tmp_path / "images.warc"
    write_warc(empty, [("https://x.example/a.png", "200 OK", "image/png", b"\x89PNG")])
    [failure] = list(read_warc(empty, Settings()))
    assert "no HTML pages" in failure.reason
