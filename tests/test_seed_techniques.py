"""The canonical article (../shared/seed): the bars of the techniques issue that the seed sets."""

import pytest

pytestmark = pytest.mark.model


def _found(analysis, phrase, of="body"):
    text = analysis.article.text_of(of)
    start = text.index(phrase)
    end = start + len(phrase)
    return [t for t in analysis.techniques if t.span.of == of and t.span.start < end and start < t.span.end]


def test_putins_techniques_are_in_his_voice(seed_analysis):
    for phrase in ("no other choice", "tear apart Russia"):
        found = _found(seed_analysis, phrase)
        assert found, phrase
        assert {t.voice for t in found} == {"Vladimir Putin"}, phrase
        assert all(t.attribution for t in found)


def test_the_outlets_euphemism_is_the_outlets(seed_analysis):
    [euphemism] = [t for t in _found(seed_analysis, "special military operation") if t.technique == "euphemism"]
    assert euphemism.voice == "outlet" and euphemism.attribution is None
    assert euphemism.span.text == "special military operation" and euphemism.method == "lexicon"
    assert "military force" in euphemism.reason


def test_every_technique_is_well_formed(seed_analysis):
    from presslens.nlp.techniques import TECHNIQUES

    voices = {s.voice for s in seed_analysis.voice}
    for technique in seed_analysis.techniques:
        span = technique.span
        assert seed_analysis.article.text_of(span.of)[span.start:span.end] == span.text
        assert technique.technique in TECHNIQUES and technique.voice in voices
        assert 0.0 <= technique.score <= 1.0 and technique.reason


def test_summary_names_both_voices(seed_analysis):
    summary = seed_analysis.technique_summary()
    assert "outlet" in summary and "Vladimir Putin" in summary
    assert summary["outlet"]["euphemism"] >= 1
    assert seed_analysis.technique_summary_text().startswith("outlet: ")
