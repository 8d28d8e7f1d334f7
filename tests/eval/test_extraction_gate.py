"""The extraction bar: presslens's body F1 is no lower than trafilatura's defaults on the same pages."""

import pytest

from presslens.eval.extraction import evaluate_extraction
from tests.conftest import DATA, need

pytestmark = [pytest.mark.data, pytest.mark.slow]


@pytest.mark.parametrize("name", ["aeb", "wcxb-articles"])
def test_presslens_body_f1_is_no_lower_than_trafilatura(name):
    result = evaluate_extraction(need(DATA / "extraction" / name))
    assert result["presslens"]["f1"] >= result["trafilatura"]["f1"], result
    # Floors measured on the whole sets; they only ever go up.
    floor = {"aeb": 0.96, "wcxb-articles": 0.933}[name]
    assert result["presslens"]["f1"] >= floor, result
