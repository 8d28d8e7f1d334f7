"""The attribution rules on hand-built parses (no model needed)."""

import pytest
import spacy
from spacy.tokens import Doc

import presslens.nlp.registry  # noqa: F401  registers the extensions
from presslens.nlp.attribution import AttributionFinder


@pytest.fixture(scope="module")
def finder():
    return AttributionFinder(spacy.blank("en"), model="rules")


def parsed(words, heads, deps, pos, lemmas, spaces=None):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def spans(doc, relation):
    text = doc.text
    return (
        relation.kind,
        [text[s:e] for s, e in relation.content],
        text[slice(*relation.cue)] if relation.cue else None,
        text[slice(*relation.source)] if relation.source else None,
    )


def test_reported_speech_with_that_clause(finder):
    words = ["Smith", "said", "that", "taxes", "will", "rise", "."]
    doc = parsed(words, [1, 1, 5, 5, 5, 1, 1], ["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
                 ["PROPN", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"],
                 ["Smith", "say", "that", "tax", "will", "rise", "."], [True] * 5 + [False, False])
    [relation] = finder.predict(doc)
    assert spans(doc, relation) == ("indirect", ["that taxes will rise"], "said", "Smith")


def test_direct_quote_before_cue(finder):
    words = ['"', "We", "are", "ready", ",", '"', "Putin", "said", "."]
    spaces = [False, True, True, False, False, True, True, False, False]
    doc = parsed(words, [7, 2, 7, 2, 2, 7, 7, 7, 7],
                 ["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "nsubj", "ROOT", "punct"],
                 ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"],
                 ['"', "we", "be", "ready", ",", '"', "Putin", "say", "."], spaces)
    [relation] = finder.predict(doc)
    assert spans(doc, relation) == ("direct", ["We are ready"], "said", "Putin")


def test_bare_cue_takes_the_quote_before_it(finder):
    # “Of course!” | Putin stressed.   (the parser put the cue in a sentence of its own)
    words = ["“", "Of", "course", "!", "”", "Putin", "stressed", "."]
    spaces = [False, True, False, False, True, True, False, False]
    doc = parsed(words, [2, 2, 2, 2, 2, 6, 6, 6],
                 ["punct", "advmod", "ROOT", "punct", "punct", "nsubj", "ROOT", "punct"],
                 ["PUNCT", "ADP", "NOUN", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"],
                 ["“", "of", "course", "!", "”", "Putin", "stress", "."], spaces)
    relations = finder.predict(doc)
    assert [spans(doc, r) for r in relations] == [("direct", ["Of course!"], "stressed", "Putin")]


def test_quoted_paragraph_continues_the_previous_speaker(finder):
    words = ['"', "Yes", ",", '"', "he", "said", ".", "\n\n", '"', "We", "will", "win", "today", ".", '"']
    spaces = [False, False, False, True, True, False, False, False, False, True, True, True, False, False, False]
    heads = [5, 5, 1, 5, 5, 5, 5, 6, 11, 11, 11, 11, 11, 11, 11]
    deps = ["punct", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct", "dep", "punct", "nsubj", "aux", "ROOT",
            "npadvmod", "punct", "punct"]
    pos = ["PUNCT", "INTJ", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "SPACE", "PUNCT", "PRON", "AUX", "VERB",
           "NOUN", "PUNCT", "PUNCT"]
    lemmas = ['"', "yes", ",", '"', "he", "say", ".", "\n\n", '"', "we", "will", "win", "today", ".", '"']
    doc = parsed(words, heads, deps, pos, lemmas, spaces)
    relations = finder.predict(doc)
    assert [r.rule for r in relations] == ["verb-complement", "continuation"]
    assert spans(doc, relations[1]) == ("direct", ["We will win today."], None, None)
    assert relations[1].continues == 0


def test_set_annotations_fills_span_groups(finder):
    words = ["Smith", "said", "that", "taxes", "rise", "."]
    doc = parsed(words, [1, 1, 4, 4, 1, 1], ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
                 ["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"], ["Smith", "say", "that", "tax", "rise", "."])
    finder(doc)
    assert [s.text for s in doc.spans["attribution_source"]] == ["Smith"]
    assert [s.text for s in doc.spans["attribution_cue"]] == ["said"]
    assert len(doc._.presslens_relations) == 1


def test_quote_paragraph_signed_with_a_dash(finder):
    # “We need jobs.” ― Carlos Ruiz, 41      (a vox-pop quote signed after a horizontal bar)
    words = ["“", "We", "need", "jobs", ".", "”", "―", "Carlos", "Ruiz", ",", "41"]
    spaces = [False, True, True, False, False, True, True, True, False, True, False]
    doc = parsed(words, [2, 2, 2, 2, 2, 2, 8, 8, 2, 8, 8],
                 ["punct", "nsubj", "ROOT", "dobj", "punct", "punct", "punct", "compound", "npadvmod", "punct",
                  "appos"],
                 ["PUNCT", "PRON", "VERB", "NOUN", "PUNCT", "PUNCT", "PUNCT", "PROPN", "PROPN", "PUNCT", "NUM"],
                 ["“", "we", "need", "job", ".", "”", "―", "Carlos", "Ruiz", ",", "41"], spaces)
    relations = finder.predict(doc)
    assert [spans(doc, r) for r in relations] == [("direct", ["We need jobs."], "―", "Carlos Ruiz")]
    assert relations[0].rule == "quote-byline"


def test_a_dash_inside_a_sentence_is_no_signature(finder):
    words = ["“", "Fine", ",", "”", "–", "and", "he", "left", "."]
    spaces = [False, False, False, True, True, True, True, False, False]
    doc = parsed(words, [7, 7, 1, 7, 7, 7, 7, 7, 7],
                 ["punct", "intj", "punct", "punct", "punct", "cc", "nsubj", "ROOT", "punct"],
                 ["PUNCT", "INTJ", "PUNCT", "PUNCT", "PUNCT", "CCONJ", "PRON", "VERB", "PUNCT"],
                 ["“", "fine", ",", "”", "–", "and", "he", "leave", "."], spaces)
    assert not [r for r in finder.predict(doc) if r.rule == "quote-byline"]
