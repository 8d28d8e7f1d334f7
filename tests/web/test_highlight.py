"""The marked-up text: escaped piece by piece, well nested, and true to the spans."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from types import SimpleNamespace

from presslens.records import Analysis, Span
from presslens.web.highlight import Mark, article_marks, paragraph_marks, render_marked, underlines
from presslens.web.views import article_view
from tests.web.pages import EVIL_SPEAKER, PAYLOADS, hostile, ordinary


class _Tree(HTMLParser):
    """Checks nesting and collects the text nodes and the elements' attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == []
    return tree


def test_overlapping_marks_nest_and_keep_the_text():
    text = "abcdefghij"
    marks = [Mark(0, 6, "underline", ("ul",), (), (("id", "u1"), ("tabindex", "0")), key="u1"),
             Mark(3, 10, "voice", ("v",), (("data-voice", "X"),)),
             Mark(4, 8, "underline", ("ul",), (), (("id", "u2"),), key="u2")]
    html = render_marked(text, marks)
    tree = parse(html)
    assert "".join(tree.text) == text
    # The voice is split where the outer underlines start and end; the second underline, crossing the
    # first, is split too: only its first part carries the id, the rest point back to it.
    ids = [a.get("id") for _, a in tree.elements if a.get("id")]
    assert ids == ["u1", "u2"]
    assert [a["data-part-of"] for _, a in tree.elements if "data-part-of" in a] == ["u2"]
    assert sum(1 for _, a in tree.elements if a.get("tabindex") == "0") == 1


def test_text_and_attribute_values_are_escaped():
    text = '<script>alert(1)</script> & "quoted" \'single\''
    html = render_marked(text, [Mark(0, len(text), "voice", ("v",), (("data-voice", '"><img src=x onerror=1>'),))])
    assert "<script>" not in html and "<img" not in html
    tree = parse(html)
    assert "".join(tree.text) == text
    assert tree.elements == [("span", {"class": "v", "data-voice": '"><img src=x onerror=1>'})]


def test_marks_outside_the_text_are_ignored():
    assert render_marked("abc", [Mark(2, 9, "voice"), Mark(-1, 2, "voice"), Mark(1, 1, "voice")]) == "abc"


def test_paragraphs_leave_the_blank_lines_outside():
    text = "One.\n\nTwo\nlines.\n \n\nThree."
    marks = paragraph_marks(text)
    assert [text[m.start:m.end] for m in marks] == ["One.", "Two\nlines.", "Three."]
    tree = parse(render_marked(text, marks))
    assert "".join(tree.text) == text


def test_article_marks_follow_the_analysis():
    analysis = ordinary()[0]
    html = render_marked(analysis.article.body, article_marks(analysis, "body", underlines(analysis)))
    tree = parse(html)
    assert "".join(tree.text) == analysis.article.body
    quote = analysis.attributions[0]
    voiced = [a for t, a in tree.elements if a.get("data-voice") == "Ann Lee"]
    assert voiced and all(a["data-mode"] == "quoted" and a["data-attribution"] == "A1" for a in voiced)
    assert any(a.get("id") == "att-A1" for _, a in tree.elements)
    assert any("src" in (a.get("class") or "") for _, a in tree.elements)
    assert any(a.get("id") == "claim-C1" and a.get("tabindex") == "0" for _, a in tree.elements)
    assert quote.content[0].text in analysis.article.body


def test_hostile_article_renders_as_text():
    analysis = hostile()
    view = article_view(analysis)
    for html, text in ((view.body, analysis.article.body), (view.title, analysis.article.title)):
        tree = parse(str(html))
        assert "".join(tree.text) == text
        assert {tag for tag, _ in tree.elements} <= {"p", "span"}
        assert not any(name.startswith("on") for _, attrs in tree.elements for name in attrs)
    assert view.url_href is None  # a javascript: URL is shown as text, never as a link
    assert [href for _, href in view.outlet.sources] == [None, None]
    assert EVIL_SPEAKER in [g.speaker for g in view.speech]
    assert PAYLOADS["script"] in analysis.article.body


@dataclass(frozen=True, slots=True)
class _WithTechniques(Analysis):
    """An analysis carrying the ``techniques`` field another branch adds (duck-typed records)."""

    techniques: tuple[object, ...] = ()


def test_techniques_are_underlined_when_the_analysis_has_them():
    base = ordinary()[0]
    body = base.article.body
    start = body.index("Others disagreed")
    record = SimpleNamespace(technique="loaded-language", span=Span(start, start + 6, "Others"), voice="outlet",
                             score=0.81, reason="cue word 'disagreed'")
    analysis = _WithTechniques(base.article, base.attributions, base.entities, base.voice, claims=base.claims,
                               techniques=(record,))
    lines = underlines(analysis)
    assert [(line.kind, line.key) for line in lines] == [("claim", "claim-C1"), ("technique", "technique-1")]
    assert "Loaded language: cue word 'disagreed', score 0.81" in lines[1].reason
    view = article_view(analysis)
    assert view.kinds == ("claim", "technique")
    tree = parse(str(view.body))
    [technique] = [a for _, a in tree.elements if a.get("data-kind") == "technique"]
    assert technique["id"] == "technique-1" and technique["tabindex"] == "0"
    assert "Loaded language" in technique["data-tip"]


def test_analyses_without_techniques_still_render():
    assert [line.kind for line in underlines(ordinary()[1])] == []
