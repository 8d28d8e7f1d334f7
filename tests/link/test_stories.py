from presslens.link.stories import StoryParams, cluster_stories, document_terms

FLOOD = [
    "Floods hit Valdor. Heavy rain flooded the town of Valdor on Monday, and 300 residents of Valdor were "
    "evacuated by the Red Cross. Mayor Lena Ortiz said the river Ems rose two metres overnight in Valdor.",
    "Valdor evacuates 300 as the Ems bursts its banks. The Red Cross moved 300 people out of Valdor, where "
    "Mayor Lena Ortiz said the Ems flooded the old town after heavy rain on Monday.",
    "Mayor Lena Ortiz thanked the Red Cross after the Ems flooded Valdor and 300 residents left their homes.",
]
ELECTION = [
    "Parliament in Kestria elected Jonas Brel as prime minister on Thursday with 121 votes, ending months of "
    "coalition talks in Kestria.",
    "Jonas Brel won 121 votes in the Kestria parliament and becomes prime minister after coalition talks.",
    "Kestria's new prime minister Jonas Brel promised a budget within 100 days after parliament elected him.",
]


def test_terms_separate_names_and_numbers_from_sentence_starts():
    terms = document_terms("Heavy rain hit Valdor. Mayor Lena Ortiz said the 1,200 left.")
    assert "valdor" in terms.names and "lena" in terms.names and "#1200" in terms.names
    assert "heavy" not in terms.names and "mayor" not in terms.names  # sentence-initial words
    assert "rain" in terms.words and "the" not in terms.words  # stop words dropped


def test_two_events_make_two_stories_whatever_the_order():
    texts = [FLOOD[0], ELECTION[0], FLOOD[1], ELECTION[1], ELECTION[2], FLOOD[2]]
    labels = cluster_stories(texts)
    assert labels[0] == labels[2] == labels[5]
    assert labels[1] == labels[3] == labels[4]
    assert labels[0] != labels[1]


def test_windows_bound_the_matrix():
    labels = cluster_stories(FLOOD + ELECTION, StoryParams(window=3))
    assert len(set(labels)) >= 2 and len(labels) == 6
    assert cluster_stories([]) == []
