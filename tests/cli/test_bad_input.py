"""Bad inputs through `presslens analyze`: one line on standard error naming the file and the
reason, the rest of the batch analysed, exit status 1 only when nothing could be analysed."""

import json
import random

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()
pytestmark = pytest.mark.model
GOOD = EXAMPLES / "harbour_minister.txt"
MENU = "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"
SENTENCE = "The minister said that port workers would strike on Monday unless wages rose again."


def _big_html(path):
    # 9.5 MB: half a million elements around a short article.
    menu = "<div><span>menu item</span><a href='#'>link</a></div>" * 180_000
    path.write_text(f"<html><body>{menu}<article><p>{SENTENCE}</p></article></body></html>", encoding="utf-8")


def _huge(path):
    with path.open("wb") as handle:  # 50 MB, sparse: refused from its size before a byte is read
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"a")


def _invalid_utf8(path):
    rng = random.Random(1)
    path.write_bytes(b"".join(SENTENCE.encode() + bytes([rng.randrange(0x80, 0x100)]) for _ in range(200)))


CASES = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty file"),
    "blank.html": (lambda p: p.write_bytes(b"  \n\t\n"), "empty file"),
    "photo.txt": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
                  "binary data"),
    "huge.txt": (_huge, "file too large (52,428,800 bytes"),
    "broken.txt": (_invalid_utf8, "not valid UTF-8"),
    "menu.html": (lambda p: p.write_text(MENU), "no article text found"),
    "script_only.html": (lambda p: p.write_text("<html><head><script>var a = 1;</script></head><body></body></html>"),
                         "no article text found"),
    "nine_mb.html": (_big_html, "HTML page too large to extract"),
    "long.txt": (lambda p: p.write_text((SENTENCE + " ") * 7_000, encoding="utf-8"), "article too long to analyse"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_and_the_batch_goes_on(tmp_path, name):
    write, reason = CASES[name]
    path = tmp_path / name
    write(path)
    result = runner.invoke(app, ["analyze", str(path), str(GOOD), "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if str(path) in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"skipped {path}: ") and reason in lines[0], lines[0]
    assert len(result.stdout.strip().splitlines()) == 1
    assert json.loads(result.stdout)["article"]["source"] == str(GOOD)


def test_legacy_encoding_is_analysed_with_a_one_line_note(tmp_path):
    path = tmp_path / "legacy.txt"
    text = "“We will not give in,” said Zoë Müller, the union’s négociatrice.\n\nShe added: “Never.”"
    path.write_bytes(text.encode("cp1252"))
    result = runner.invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)["article"]
    assert "Zoë Müller" in f"{article['title']} {article['body']}"
    notes = [line for line in result.stderr.splitlines() if str(path) in line]
    assert notes == [f"note {path}: not UTF-8; decoded as cp1252"]


def test_every_input_bad_exits_one(tmp_path):
    paths = []
    for name in ("empty.txt", "broken.txt", "menu.html"):
        CASES[name][0](tmp_path / name)
        paths.append(str(tmp_path / name))
    result = runner.invoke(app, ["analyze", *paths])
    assert result.exit_code == 1
    assert sum(line.startswith("skipped ") for line in result.stderr.splitlines()) == 3


def test_html_page_end_to_end(tmp_path):
    from tests.ingest.test_html import page

    path = tmp_path / "page.html"
    figure = '<figure><img src="a.jpg"><figcaption>Dock workers (Photo by Tom Reyes)</figcaption></figure>'
    path.write_text(page(before=figure), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)["article"]
    assert article["title"] == "Minister says port deal will stand" and article["byline"] == "Ann Lee"
    assert article["captions"] == [{"text": "Dock workers", "credit": "Tom Reyes"}]
    assert "Dock workers" not in article["body"]
