import json

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.mark.model
def test_eval_checkworthy_prints_yes_class_scores_and_mode(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text("Sentence_id\tText\tclass_label\n"
                    "1\tThe unemployment rate fell to 3.5 percent last year, the lowest in fifty years.\tYes\n"
                    "2\tThank you, and good evening.\tNo\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "checkworthy", str(path), "--format", "json", "--mode", "fast"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"f1", "p", "r", "accuracy", "mode"} and data["mode"] == "fast"
    assert data["accuracy"] == 1.0


@pytest.mark.model
def test_report_ranks_claims_with_their_voice():
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "harbour_minister.txt")])
    assert result.exit_code == 0
    assert "Check-worthy claims" in result.stdout or "No check-worthy claims" in result.stdout


@pytest.mark.model
def test_eval_checkworthy_bad_file_is_one_line_error(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("not a header\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "checkworthy", str(path), "--mode", "fast"])
    assert result.exit_code == 1
    assert "CheckThat" in result.stderr


def test_train_checkworthy_names_missing_files(tmp_path):
    result = runner.invoke(app, ["train", "checkworthy", "--data", str(tmp_path), "--out", str(tmp_path / "o"),
                                 "--fast-only"])
    assert result.exit_code == 1
    assert "CT24_checkworthy_english_train.tsv" in result.stderr
