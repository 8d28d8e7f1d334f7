from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.nlp.quotes import paragraphs, scan_quotes


def texts(text):
    return [(text[q.start:q.end], q.closed, q.depth) for q in scan_quotes(text)]


def test_curly_and_straight_quotes():
    assert texts('He said “yes” and "no".') == [("“yes”", True, 0), ('"no"', True, 0)]


def test_apostrophes_are_not_quotes():
    assert texts("The Pentagon’s plan isn't Jones’ idea.") == []


def test_nested_single_inside_double():
    assert texts("“They tried to ‘divide and conquer’ us,” he said.") == [
        ("“They tried to ‘divide and conquer’ us,”", True, 0),
        ("‘divide and conquer’", True, 1),
    ]


def test_headline_scare_quotes_in_single_marks():
    assert texts("Putin: West aims to 'tear apart' Russia") == [("'tear apart'", True, 0)]


def test_doubled_apostrophes_are_double_quotes():
    assert texts("''Even if she could,'' Mr. O'Hanlon said.") == [("''Even if she could,''", True, 0)]


def test_unbalanced_quote_ends_at_its_paragraph():
    text = '"Never closed here.\n\nNext paragraph "fine" text.'
    found = scan_quotes(text)
    assert [(text[q.start:q.end], q.closed) for q in found] == [('"Never closed here.', False), ('"fine"', True)]


def test_paragraphs_by_blank_lines_or_lines():
    assert list(paragraphs("a\n\nb\nc")) == [(0, 1), (3, 6)]
    assert list(paragraphs("a\nb")) == [(0, 1), (2, 3)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n'\"“”‘’«»`")), max_size=200))
def test_any_marks_give_well_formed_quotes(text):
    for quote in scan_quotes(text):
        assert 0 <= quote.start <= quote.inner_start <= quote.inner_end <= quote.end <= len(text)
