import itertools

from presslens.nlp.annotations import Relation
from presslens.nlp.voice import partition


def test_partition_covers_text_without_gaps():
    text = 'Intro. "Quoted words," she said. Reported that it rains.'
    q_start = text.index("Quoted")
    q_end = text.index(',"') + 1
    r_start = text.index("that")
    relations = [
        Relation("direct", [(q_start, q_end)], None, None, "test"),
        Relation("indirect", [(r_start, len(text) - 1)], None, None, "test"),
    ]
    runs = partition(text, relations)
    assert runs[0].start == 0 and runs[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(runs))
    voiced = {(text[r.start:r.end], r.relation, r.mode) for r in runs if r.relation is not None}
    assert ("Quoted words,", 0, "quoted") in voiced
    assert ("that it rains", 1, "reported") in voiced


def test_nested_attribution_wins():
    text = "He said that she told him “no way” today."
    outer = Relation("indirect", [(text.index("that"), len(text) - 1)], None, None, "test")
    inner = Relation("direct", [(text.index("no"), text.index("way") + 3)], None, None, "test")
    runs = partition(text, [outer, inner])
    owner = {text[r.start:r.end]: r.relation for r in runs}
    assert owner["no way"] == 1


def test_empty_text():
    assert partition("", []) == []
