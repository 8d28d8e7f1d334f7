"""The euphemism and loaded-framing lexicon on hand-built docs."""

import pytest
import spacy

from presslens.nlp.framing import FRAMES, find_frames

nlp = spacy.blank("en")


def found(text):
    doc = nlp(text)
    return [(doc[m.start:m.end].text, m.frame.technique) for m in find_frames(doc)]


def test_special_military_operation_is_a_euphemism():
    assert found("Russia's special military operation in Ukraine began.") == [
        ("special military operation", "euphemism")]


def test_longest_match_wins():
    # "special operation" is listed too, but it is not a sub-sequence here; "no other choice" beats "no choice but"
    assert found("We have no other choice but to act.") == [("no other choice", "black-and-white")]


def test_matches_are_case_insensitive_and_general():
    assert found("Officials called it COLLATERAL DAMAGE and a surgical strike.") == [
        ("COLLATERAL DAMAGE", "euphemism"), ("surgical strike", "euphemism")]


def test_plain_text_has_no_frames():
    assert found("The council approved the budget on Tuesday.") == []


def test_every_frame_has_a_known_technique_and_a_reason():
    from presslens.nlp.techniques import TECHNIQUES

    for frame in FRAMES:
        assert frame.technique in TECHNIQUES and frame.reason and all(frame.lemmas)


@pytest.mark.model
def test_inflected_forms_match_by_lemma(nlp_model=None):
    from presslens.nlp.pipeline import load_model

    doc = load_model()("They are tearing apart the country.")
    assert [(doc[m.start:m.end].text, m.frame.technique) for m in find_frames(doc)] == [
        ("tearing apart", "loaded-language")]
