"""Shared fixtures. Expensive objects (the spaCy pipeline) are built once per session.

Markers: ``model`` tests need the real English model (a dependency, so they run in CI);
``data`` tests need ../shared/data and skip cleanly without it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSLENS_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"
SEED = SHARED / "seed" / "000_14d7e684617783d3.txt"
EXAMPLES = REPO / "examples"


def need(path: Path) -> Path:
    """Skip the calling test when ``path`` (shared data) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def analyzer():
    from presslens import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def nlp(analyzer):
    return analyzer.nlp


@pytest.fixture(scope="session")
def seed_analysis(analyzer):
    from presslens.ingest import load_article

    return analyzer.analyze(load_article(need(SEED)))
