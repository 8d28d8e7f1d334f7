"""Who is quoted most counts what people said, not what they were reported to do."""

import pytest

from presslens.corpus import Corpus
from presslens.records import Article

pytestmark = pytest.mark.model

TEXT = ('"We will not sell the port," Elena Sorvik said.\n\n'
        "The unions refused to negotiate with the ministry on Monday.")


def test_speakers_count_speech_unless_asked(tmp_path, analyzer):
    analysis = analyzer.analyze(Article(body=TEXT, title="Port talks stall", source="a.txt"))
    reported = {a.speaker.name for a in analysis.attributions if a.category == "stance" and a.speaker}
    assert reported == {"unions"}
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(analysis)
        speech = {c.speaker for c in corpus.speakers()}
        everything = {c.speaker for c in corpus.speakers(category=None)}
    assert speech == {"Elena Sorvik"}
    assert everything == {"Elena Sorvik", "unions"}
