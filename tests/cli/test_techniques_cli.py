"""``presslens eval techniques`` and ``presslens train techniques`` from the command line."""

import json

import pytest
from typer.testing import CliRunner

from presslens.cli import app

runner = CliRunner()


@pytest.mark.model
def test_eval_techniques_prints_the_documented_json(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    text = "Leaders warn\n\nThe vile regime lied again.\nIt was a special military operation.\n"
    (articles / "article1.txt").write_text(text, encoding="utf-8")
    labels = tmp_path / "gold.labels"
    start = text.index("vile")
    labels.write_text(f"1\tLoaded_Language\t{start}\t{start + 4}\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "techniques", "--articles", str(articles), "--labels", str(labels),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["si"]) == {"p", "r", "f1"}
    assert {"micro_f1", "macro_f1", "per_technique"} <= set(data["tc"])
    assert data["docs"] == 1


def test_eval_techniques_reports_a_bad_folder(tmp_path):
    labels = tmp_path / "gold.labels"
    labels.write_text("1\tDoubt\t0\t4\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "techniques", "--articles", str(tmp_path / "nope"), "--labels", str(labels)])
    assert result.exit_code == 1
    assert "article<ID>.txt" in result.stderr


def test_train_refuses_a_folder_in_another_layout(tmp_path):
    result = runner.invoke(app, ["train", "techniques", "--data", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "train-task2-TC.labels" in result.stderr
