"""Content candidates of the learned attribution model, on hand-built parses."""

import spacy
from spacy.tokens import Doc

from presslens.nlp.attribution_features import DocContext


def _doc(words, heads, deps, pos, spaces):
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)


def _contents(doc, head_i):
    ctx = DocContext(doc)
    head = doc[head_i]
    cue = (head.idx, head.idx + len(head))
    return {tuple(doc.text[s:e] for s, e in c.parts): c.kind for c in ctx.content_candidates(head, cue)}


def test_the_rest_after_a_cue_is_also_offered_up_to_a_comma():
    # Officials said the plan failed, a setback.   (a flat parse: no subtree ends at the comma)
    words = ["Officials", "said", "the", "plan", "failed", ",", "a", "setback", "."]
    doc = _doc(words, [1, 1, 1, 1, 1, 1, 1, 1, 1],
               ["nsubj", "ROOT", "dep", "dep", "dep", "punct", "dep", "dep", "punct"],
               ["NOUN", "VERB", "DET", "NOUN", "VERB", "PUNCT", "DET", "NOUN", "PUNCT"],
               [True, True, True, True, False, True, True, False, False])
    contents = _contents(doc, 1)
    assert contents[("the plan failed, a setback.",)] == "after-cue"
    assert contents[("the plan failed",)] == "after-cue-to-comma"


def test_a_raised_subject_and_its_infinitive_form_one_content():
    # Pyongyang is thought to be capable.
    words = ["Pyongyang", "is", "thought", "to", "be", "capable", "."]
    doc = _doc(words, [2, 2, 2, 4, 2, 4, 2], ["nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "acomp", "punct"],
               ["PROPN", "AUX", "VERB", "PART", "AUX", "ADJ", "PUNCT"], [True, True, True, True, True, False, False])
    assert _contents(doc, 2)[("Pyongyang", "to be capable")] == "subject-infinitive"
