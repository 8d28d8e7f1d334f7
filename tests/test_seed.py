"""The canonical article (../shared/seed): every bar of the foundation issue that the seed sets."""

import itertools

import pytest

pytestmark = pytest.mark.model


def test_no_boilerplate_or_caption_in_the_body(seed_analysis):
    article = seed_analysis.article
    assert article.section == "News / Russia"
    assert article.title == "Putin: West refuses to negotiate over Ukraine, aims to 'tear apart' Russia"
    assert [c.credit for c in article.captions] == ["Reuters"]
    for leaked in ("Photo by", "SHARE THIS ARTICLE", "alternate addresses", "www.presstv.ir", "Roku"):
        assert leaked not in article.body
    assert article.body.startswith("Russian President Vladimir Putin says")
    assert article.body.endswith("special military operation in Ukraine.")


def test_every_attribution_resolves_to_putin(seed_analysis):
    attributions = seed_analysis.statements()
    assert len(attributions) >= 9
    assert {a.speaker.name for a in attributions if a.speaker} == {"Vladimir Putin"}
    assert all(a.speaker is not None for a in attributions)
    assert {a.speaker.role for a in attributions} == {"Russian President"}


def _covering(analysis, phrase, of="body", everything=False):
    text = analysis.article.text_of(of)
    start = text.index(phrase)
    return [a for a in (analysis.attributions if everything else analysis.statements())
            if any(s.of == of and s.start <= start and start + len(phrase) <= s.end for s in a.content)]


def test_headline_quote(seed_analysis):
    [headline] = _covering(seed_analysis, "West refuses to negotiate", of="title")
    assert headline.source.text == "Putin" and headline.kind == "mixed"


def test_continuation_paragraph_and_he_added(seed_analysis):
    [continuation] = _covering(seed_analysis, "They have always tried")
    assert continuation.kind == "direct" and continuation.cue is None and continuation.source is None
    assert continuation.speaker.name == "Vladimir Putin"
    [added] = _covering(seed_analysis, "I believe that we are acting")
    assert added.cue.text == "added" and added.source.text == "He"
    assert added.speaker.name == "Vladimir Putin"


def test_kinds(seed_analysis):
    assert _covering(seed_analysis, "We are ready to negotiate with everyone")[0].kind == "direct"
    assert _covering(seed_analysis, "Moscow is ready to negotiate")[0].kind == "indirect"
    assert _covering(seed_analysis, "confident that his forces")[0].kind == "mixed"
    assert _covering(seed_analysis, "Of course")[0].kind == "direct"


def test_outlet_sentences_belong_to_no_one(seed_analysis):
    body = seed_analysis.article.body
    for sentence in ("Ukrainian President Volodymyr Zelensky earned firm pledges",
                     "have provided Ukraine with a raft of lethal armaments",
                     "special military operation"):
        start = body.index(sentence)
        voices = {s.voice for s in seed_analysis.voice_of(start, start + len(sentence))}
        assert voices == {"outlet"}, sentence
        assert not _covering(seed_analysis, sentence, everything=True)


def test_voice_partition_is_complete(seed_analysis):
    for of in ("title", "body"):
        segments = [s for s in seed_analysis.voice if s.of == of]
        text = seed_analysis.article.text_of(of)
        assert segments[0].start == 0 and segments[-1].end == len(text)
        assert all(a.end == b.start for a, b in itertools.pairwise(segments))
        assert "".join(s.text for s in segments) == text
    quoted = seed_analysis.voice_at(seed_analysis.article.body.index("Of course"))
    assert (quoted.voice, quoted.mode) == ("Vladimir Putin", "quoted")


def test_spans_index_their_strings(seed_analysis):
    article = seed_analysis.article
    for attribution in seed_analysis.attributions:
        for span in (*attribution.content, attribution.cue, attribution.source):
            if span is not None:
                assert article.text_of(span.of)[span.start:span.end] == span.text
    for entity in seed_analysis.entities:
        for span in entity.mentions:
            assert article.text_of(span.of)[span.start:span.end] == span.text


def test_outlet_profile_from_the_boilerplate(seed_analysis):
    outlet = seed_analysis.article.outlet
    assert outlet.name == "Press TV" and outlet.state_controlled is True and outlet.country == "Iran"
    assert outlet.sources


def test_people_are_canonical_entities_with_roles(seed_analysis):
    people = {e.name: e for e in seed_analysis.entities if e.label == "PERSON"}
    assert people["Vladimir Putin"].role == "Russian President"
    assert people["Volodymyr Zelensky"].role == "Ukrainian President"
    assert people["Joe Biden"].role == "US President"
    putin_mentions = {m.text for m in people["Vladimir Putin"].mentions}
    assert {"Putin", "He"} <= putin_mentions
    places = {e.name for e in seed_analysis.entities if e.label == "GPE"}
    assert "Kiev" in places and "Kiev" not in people


def test_dates_resolve_only_with_a_publication_date(seed_analysis, analyzer):
    import dataclasses

    [sunday] = [d for d in seed_analysis.dates if d.span.text == "Sunday"]
    assert sunday.value is None and "no publication date" in sunday.reason
    dated = analyzer.analyze(dataclasses.replace(seed_analysis.article, published="2022-12-26"))
    [sunday] = [d for d in dated.dates if d.span.text == "Sunday"]
    assert sunday.value == "2022-12-25"


def _claim_at(analysis, phrase, of="body"):
    start = analysis.article.text_of(of).index(phrase)
    return [c for c in analysis.claims if c.span.of == of and c.span.start <= start < c.span.end]


def test_outlet_claims_are_checkworthy(seed_analysis):
    for phrase in ("Ukrainian President Volodymyr Zelensky earned firm pledges",
                   "have provided Ukraine with a raft of lethal armaments"):
        [claim] = _claim_at(seed_analysis, phrase)
        assert claim.voice == "outlet" and claim.attribution is None, phrase
        assert claim.checkworthy and claim.score >= 0.5, (phrase, claim.score)


def test_putins_prediction_is_his_claim(seed_analysis):
    [claim] = _claim_at(seed_analysis, "we will destroy it, 100 percent!")
    assert claim.span.text.startswith("Of course") and claim.span.text.endswith("we will destroy it, 100 percent!")
    assert claim.voice == "Vladimir Putin" and claim.type == "prediction-or-promise"
    assert claim.attribution is not None and claim.entity is not None
    for claim in seed_analysis.claims:
        assert seed_analysis.article.text_of(claim.span.of)[claim.span.start:claim.span.end] == claim.span.text


def test_according_to_is_speech(analyzer):
    from presslens.ingest import article_from_string

    analysis = analyzer.analyze(article_from_string(
        "According to union leader Tomas Brennik, the agreement cuts night-shift pay by a fifth."))
    [attribution] = [a for a in analysis.attributions if a.cue and a.cue.text.lower().startswith("according")]
    assert attribution.category == "speech" and attribution.speaker.name == "Tomas Brennik"
