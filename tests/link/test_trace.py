from presslens.link.trace import group_variants, linked, longest_shared_run, word_edits
from presslens.link.words import normalise_words

ORIGINAL = "We will not close the harbour while I am minister, whatever the storms bring this winter."


def test_wordings_with_a_long_shared_run_are_linked():
    edited = "We will never close this harbour while I am minister, whatever the storms bring."
    trimmed = "not close the harbour while I am minister"
    other = "The budget does not add up and nobody can pay for this promise."
    w = normalise_words
    assert longest_shared_run(w(ORIGINAL), w(edited)) == 9  # "harbour ... storms bring"
    assert linked(w(ORIGINAL), w(edited))
    assert linked(w(ORIGINAL), w(trimmed))
    assert not linked(w(ORIGINAL), w(other))
    assert not linked(w("we will"), w("we will win"))


def test_short_quote_edited_in_several_places_is_still_linked():
    w = normalise_words
    assert linked(w("We shall never surrender to them"), w("We will never surrender to them now"))


def test_variants_group_identical_wordings_whatever_the_punctuation():
    variants = group_variants([ORIGINAL, ORIGINAL.upper().replace(",", ""), "We will never close the harbour."])
    assert [v.members for v in variants] == [(0, 1), (2,)]
    assert variants[0].text == ORIGINAL


def test_word_edits():
    edits = word_edits(ORIGINAL, "We will never close this harbour while I am minister, whatever the storms bring.")
    changed = [(e.op, e.before, e.after) for e in edits if e.op != "equal"]
    assert changed == [("replace", "not", "never"), ("replace", "the", "this"), ("delete", "this winter", "")]
    assert [e.op for e in word_edits("a b c", "a b c")] == ["equal"]
