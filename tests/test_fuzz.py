"""Fuzzing: random bytes, random quote marks and random HTML never crash or hang presslens.

Bad input may only raise presslens's own :class:`InputError` (one line for the user); anything
else is a bug. Examples are kept small and every example has a Hypothesis deadline, so a
pathological slowdown fails the test instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from presslens.errors import InputError
from presslens.ingest import article_from_string, load_article, read_articles
from presslens.ingest.decode import decode
from presslens.ingest.html import parse_html_article
from presslens.records import Analysis, Article, Failure

QUOTES = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "「", "」", "`", "``", "''", "″"]
PIECES = [
    *QUOTES, " ", " ", " ", "\n", "\n\n", ".", ",", ":", ";", "—", "-", "(", ")", "?", "!", "…",
    "said", "says", "told reporters", "according to", "he added", "He", "She", "They", "Putin", "Vladimir Putin",
    "the minister", "Russian President", "Ann Lee", "officials", "We", "will", "not", "win", "the West", "that",
    "By", "Photo by Reuters", "SHARE THIS ARTICLE", "News / Russia", "© AFP", "3 March 2024", "é", "ß", "日本",
    "\u00a0", "\t", "\r\n", "\u200b", "\ufeff", "\ufffd",
]
quote_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)

TAGS = ["p", "div", "span", "a", "article", "main", "section", "figure", "figcaption", "h1", "h2", "nav", "aside",
        "footer", "header", "ul", "li", "table", "tr", "td", "blockquote", "q", "em", "br", "script", "style", "time"]
CLASSES = ["", "credit", "copyright", "caption", "wp-caption-text", "share", "related", "breadcrumb", "byline",
           "author", "newsletter", "article-body"]


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def build(tag: str, cls: str, inner: list[str]) -> str:
        attribute = f' class="{cls}"' if cls else ""
        return f"<{tag}{attribute}>{''.join(inner)}</{tag}>"

    return st.builds(build, st.sampled_from(TAGS), st.sampled_from(CLASSES), st.lists(children, max_size=4))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


html_tree = st.recursive(quote_text.map(_escape), _element, max_leaves=25)
html_soup = st.lists(st.sampled_from([*"<>/=\"'!-&;# abcdefghiklmnoprstuvwy\n", *QUOTES]), max_size=300).map("".join)
html_page = st.builds(
    lambda head, body: f"<!doctype html><html><head><title>{_escape(head)}</title></head><body>{body}</body></html>",
    quote_text, st.lists(html_tree, max_size=5).map("".join),
)
random_html = st.one_of(html_page, html_tree, html_soup)

# PRESSLENS_FUZZ_SCALE=20 runs twenty times as many examples, for a longer campaign.
_SCALE = int(os.environ.get("PRESSLENS_FUZZ_SCALE", "1"))
INGEST = settings(max_examples=200 * _SCALE, deadline=timedelta(seconds=3),
                  suppress_health_check=[HealthCheck.too_slow])
ANALYSIS = settings(max_examples=100 * _SCALE, deadline=timedelta(seconds=10),
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def _warm_up():
    # The first trafilatura call imports and compiles a lot; keep that out of the deadlines.
    with contextlib.suppress(InputError):
        parse_html_article("<html><body><p>A warm-up sentence of several words.</p></body></html>")


def _read_file(data: bytes, suffix: str) -> Article | Failure:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        results = list(read_articles([path]))
        assert len(results) == 1
        try:
            article = load_article(path)
        except InputError as e:
            assert isinstance(results[0], Failure) and results[0].reason == e.detail
            assert "\n" not in e.detail
            return results[0]
        assert isinstance(results[0], Article)
        return article


@INGEST
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".md"]))
def test_random_bytes_are_read_or_refused(data, suffix):
    _read_file(data, suffix)


@INGEST
@given(quote_text, st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1", "koi8-r"]), st.binary(max_size=8))
def test_encoded_text_with_junk_is_read_or_refused(text, encoding, junk):
    data = text.encode(encoding, errors="replace")
    _read_file(data[: len(data) // 2] + junk + data[len(data) // 2:], ".txt")


@INGEST
@given(random_html)
def test_random_html_is_read_or_refused(html):
    try:
        article = article_from_string(html, format="html")
    except InputError as e:
        event(type(e).__name__)
        return
    event("read")
    assert article.body.strip()
    for caption in article.captions:
        assert caption.text or caption.credit


@INGEST
@given(st.binary(max_size=500))
def test_decode_raises_only_input_errors(data):
    try:
        decoded = decode(data, "x")
    except InputError:
        return
    assert decoded.text.strip()


def _check(analysis: Analysis) -> None:
    article = analysis.article
    spans = [s for a in analysis.attributions for s in (*a.content, a.cue, a.source) if s is not None]
    spans += [m for e in analysis.entities for m in e.mentions]
    for span in spans:
        assert span.text == article.text_of(span.of)[span.start:span.end]
    for of in ("title", "body"):
        segments = [v for v in analysis.voice if v.of == of]
        text = article.text_of(of)
        if segments:
            assert segments[0].start == 0 and segments[-1].end == len(text)
            assert all(a.end == b.start for a, b in itertools.pairwise(segments))
    analysis.to_dict()


@pytest.mark.model
@ANALYSIS
@given(text=quote_text, as_body=st.booleans())
def test_random_quote_marks_never_crash_the_analysis(analyzer, text, as_body):
    if as_body:
        if not text.strip():
            return
        article = Article(body=text)
    else:
        try:
            article = article_from_string(text, format="text")
        except InputError:
            return
    _check(analyzer.analyze(article))


@pytest.mark.model
@ANALYSIS
@given(html=random_html)
def test_random_html_never_crashes_the_analysis(analyzer, html):
    try:
        article = article_from_string(html, format="html")
    except InputError as e:
        event(type(e).__name__)
        return
    event("analysed")
    _check(analyzer.analyze(article))
