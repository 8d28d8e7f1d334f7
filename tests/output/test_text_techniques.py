"""The terminal report shows techniques inline and grouped by voice."""

from rich.console import Console

from presslens.output.text import render_report
from presslens.records import Analysis, Article, Attribution, Span, Speaker, Technique, VoiceSegment


def test_report_groups_techniques_by_voice_and_marks_them_inline():
    body = 'He said "we have no other choice". It was a special military operation.'
    quote = body.index("we have")
    close = body.index('".') + 1
    attribution = Attribution("A1", "direct", (Span(quote, close - 1, body[quote:close - 1]),),
                              speaker=Speaker("Vladimir Putin"))
    voice = (VoiceSegment(0, quote, body[:quote], "body", "outlet"),
             VoiceSegment(quote, close - 1, body[quote:close - 1], "body", "Vladimir Putin", "quoted",
                          attribution="A1"),
             VoiceSegment(close - 1, len(body), body[close - 1:], "body", "outlet"))
    start = body.index("no other choice")
    euphemism = body.index("special military operation")
    techniques = (
        Technique("black-and-white", Span(start, start + 15, "no other choice"), "Vladimir Putin", 1.0,
                  "lexicon: one course as the only one", "lexicon", "A1"),
        Technique("euphemism", Span(euphemism, euphemism + 26, "special military operation"), "outlet", 1.0,
                  "lexicon: softens military force", "lexicon"),
    )
    analysis = Analysis(Article(body=body), (attribution,), voice=voice, techniques=techniques)
    console = Console(record=True, width=120)
    console.print(render_report(analysis))
    text = console.export_text()
    assert "persuasion techniques, by voice" in text
    assert "outlet: 1 euphemism; Vladimir Putin: 1 black-and-white" in text
    assert "special military operation⟦euphemism⟧" in text
    assert "no other choice⟦black-and-white⟧" in text
    assert "softens military force" in text


def test_report_without_techniques_says_so():
    console = Console(record=True, width=100)
    console.print(render_report(Analysis(Article(body="Plain."),
                                         voice=(VoiceSegment(0, 6, "Plain.", "body", "outlet"),))))
    assert "No persuasion techniques found." in console.export_text()
