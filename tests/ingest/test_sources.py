import re

import pytest

from presslens.config import Settings
from presslens.errors import InputError
from presslens.ingest import read_articles
from presslens.records import Article, Failure


def test_batch_reports_bad_inputs_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Headline here\n\nA body sentence.\n\nAnother one.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "big.txt").write_bytes(b"a" * 2000)
    results = list(read_articles([tmp_path, tmp_path / "missing.txt"], Settings(max_bytes=1000)))
    by_name = {(r.source.rsplit("/", 1)[-1]): r for r in results}
    assert isinstance(by_name["good.txt"], Article)
    assert "empty" in by_name["empty.txt"].reason
    assert "binary" in by_name["binary.txt"].reason
    assert "too large" in by_name["big.txt"].reason
    assert "no such file" in by_name["missing.txt"].reason
    assert all(isinstance(r, Failure) for n, r in by_name.items() if n != "good.txt")


def test_load_article_raises_input_error(tmp_path):
    from presslens.ingest import load_article

    (tmp_path / "e.txt").write_bytes(b"")
    with pytest.raises(InputError, match=re.escape("e.txt")):
        load_article(tmp_path / "e.txt")
