import numpy as np

from presslens.link.minhash import MinHasher, jaccard_estimate

TEXT = ("The port of Nordhaven reopened on Monday after a week of repairs, officials said. The damage was worse "
        "than we thought, but the crews worked day and night, the harbour master said. Shipping companies said "
        "delays would last until the end of the month, and fishermen asked for compensation.")


def test_signatures_are_stable_and_ignore_spacing_and_case():
    hasher = MinHasher()
    a = hasher.signature(TEXT)
    assert a.dtype == np.uint32 and len(a) == 128
    assert np.array_equal(a, MinHasher().signature(TEXT.upper().replace(" ", "  ")))


def test_near_copies_score_high_and_different_texts_low():
    hasher = MinHasher()
    edited = TEXT.replace("Monday", "Tuesday") + " Talks resume next week."
    other = "Parliament passed the budget on Thursday after a long debate about pensions and the health service."
    assert jaccard_estimate(hasher.signature(TEXT), hasher.signature(edited)) > 0.6
    assert jaccard_estimate(hasher.signature(TEXT), hasher.signature(other)) < 0.1


def test_bands_match_for_equal_signatures_and_fit_sqlite_integers():
    hasher = MinHasher()
    bands = hasher.band_hashes(hasher.signature(TEXT))
    assert len(bands) == 32 and bands == hasher.band_hashes(hasher.signature(TEXT))
    assert all(-(2**63) <= h < 2**63 for _, h in bands)


def test_empty_text_has_a_signature():
    assert jaccard_estimate(MinHasher().signature(""), MinHasher().signature("word")) == 0.0
