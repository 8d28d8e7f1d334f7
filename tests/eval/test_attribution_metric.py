from presslens.eval.attribution import GoldDocument, PredictedRelation, score_documents
from presslens.eval.brat import parse_ann

TEXT = '"We are ready," Putin said. Smith said that taxes rise.'


def offsets(phrase):
    start = TEXT.index(phrase)
    return ((start, start + len(phrase)),)


GOLD = GoldDocument("d", TEXT, (
    PredictedRelation(offsets("We are ready,"), offsets("said"), offsets("Putin")),
    PredictedRelation(offsets("that taxes rise"),
                      offsets("said that")[0:0] or ((TEXT.index("said that"), TEXT.index("said that") + 4),),
                      offsets("Smith")),
))


def test_perfect_prediction_scores_one():
    result = score_documents(iter([(GOLD, list(GOLD.relations))]))
    assert result["docs"] == 1
    for role in ("source", "cue", "content"):
        assert result[role]["exact"]["f1"] == 1.0
    assert result["relation"]["f1"] == 1.0


def test_punctuation_does_not_matter_but_words_do():
    predicted = [
        PredictedRelation(offsets('"We are ready,"'), offsets("said"), offsets("Putin")),  # marks only: exact
        PredictedRelation(offsets("taxes rise"), ((TEXT.index("said that"), TEXT.index("said that") + 4),),
                          offsets("Smith")),
    ]
    result = score_documents(iter([(GOLD, predicted)]))
    assert result["content"]["exact"]["f1"] == 0.5  # "taxes rise" lacks "that"
    assert result["content"]["overlap"]["f1"] == 1.0  # but covers most of it
    assert result["relation"]["f1"] == 1.0


def test_one_to_one_matching():
    predicted = [PredictedRelation(offsets("We are ready,"), (), offsets("Putin"))] * 2
    result = score_documents(iter([(GOLD, predicted)]))
    assert result["content"]["exact"] == {"p": 0.5, "r": 0.5, "f1": 0.5}


def test_brat_discontinuous_and_multiline():
    ann = ("T1\tContent 0 5;10 15\tabcde fghij\nmore text\n"
           "T2\tSource 20 25\tPutin\n"
           "E1\tAttribution:T2 Content:T1 Source:T2\n")
    document = parse_ann(ann)
    assert document.textbounds["T1"].fragments == ((0, 5), (10, 15))
    assert document.textbounds["T1"].text == "abcde fghij\nmore text"
    assert document.relations[0].source.text == "Putin"
