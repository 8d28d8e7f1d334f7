import gzip
import json

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from presslens.errors import DataFormatError
from presslens.eval.extraction import (
    evaluate_extraction,
    load_pages,
    mean_prf,
    same_author,
    same_date,
    same_title,
    shingle_counts,
    shingles,
)
from tests.ingest.test_html import PARAGRAPHS, page


def test_shingles_are_four_word_windows_of_word_tokens():
    assert shingles("It's a b, c-d!") == {("It", "s", "a", "b"): 1, ("s", "a", "b", "c"): 1, ("a", "b", "c", "d"): 1}
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("  ...  ") == {}


def test_counts_are_normalised_per_page():
    assert shingle_counts("a b c d e", "a b c d") == (0.5, 0.0, 0.5)
    assert shingle_counts("a b c d", "a b c d x") == (0.5, 0.5, 0.0)
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)


def test_mean_prf_follows_the_benchmark():
    # Page 2 predicted nothing: it counts for recall (0) but not for precision.
    score = mean_prf([(0.5, 0.0, 0.5), (0.0, 0.0, 1.0)])
    assert score.p == 1.0 and score.r == 0.25 and score.f1 == pytest.approx(0.4)


def test_metadata_normalisation():
    assert same_title("Port Deal: Will it Stand?", "port deal — will it stand")
    assert not same_title("Port deal will stand", "Port deal will stand | Harbour Times")
    assert same_author("Dr. Ann Lee, MD", "By Ann Lee; Tom Reyes")
    assert same_author("Ann Lee and Tom Reyes", "Ann Lee")
    assert not same_author("Ann Lee", "Harbour Times") and not same_author("Ann Lee", None)
    assert same_date("2024-03-03", "2024-03-03T09:00:00+02:00")
    assert not same_date("2024-03-03", "2024-03-04") and not same_date("2024-03-03", None)


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def wcxb_dir(tmp_path):
    _write(tmp_path / "html" / "0001.html.gz", page())
    (tmp_path / "ground-truth").mkdir()
    truth = {
        "title": "Minister says port deal will stand", "author": "Ann Lee", "publish_date": "2024-03-03",
        "main_content": "\n\n".join(PARAGRAPHS), "with": [PARAGRAPHS[1][:40]], "without": ["All rights reserved"],
    }
    record = {"url": "https://harbourtimes.example/news/port-deal", "ground_truth": truth}
    (tmp_path / "ground-truth" / "0001.json").write_text(json.dumps(record), encoding="utf-8")
    return tmp_path


def test_wcxb_layout(tmp_path):
    result = evaluate_extraction(wcxb_dir(tmp_path))
    assert result["pages"] == 1
    assert result["presslens"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert set(result["trafilatura"]) == {"p", "r", "f1"}
    assert result["title"]["presslens"] == 1.0 and result["author"]["presslens"] == 1.0
    assert result["date"] == {"presslens": 1.0, "trafilatura": 1.0, "pages": 1}
    assert result["snippets"]["presslens"] == {"with": 1.0, "without": 1.0}


def test_aeb_layout(tmp_path):
    _write(tmp_path / "html" / "abc.html.gz", page())
    (tmp_path / "ground-truth.json").write_text(json.dumps({"abc": {"articleBody": "\n".join(PARAGRAPHS), "url": "u"}}))
    result = evaluate_extraction(tmp_path)
    assert result["pages"] == 1 and result["presslens"]["f1"] == 1.0
    assert result["title"] == {"presslens": None, "trafilatura": None, "pages": 0}


def test_other_layouts_are_refused(tmp_path):
    with pytest.raises(DataFormatError, match="no html/ folder"):
        load_pages(tmp_path)
    (tmp_path / "html").mkdir()
    with pytest.raises(DataFormatError, match="no ground truth"):
        load_pages(tmp_path)


def test_cli(tmp_path):
    result = CliRunner().invoke(app, ["eval", "extraction", str(wcxb_dir(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"pages", "presslens", "trafilatura", "title", "author", "date"} <= set(data)


def test_cli_bad_directory(tmp_path):
    result = CliRunner().invoke(app, ["eval", "extraction", str(tmp_path)])
    assert result.exit_code == 1 and "no html/ folder" in result.stderr
