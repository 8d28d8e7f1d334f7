"""Sentence boundaries at paragraph breaks, before the parser runs.

The parser sometimes runs a headline into the first sentence of the body, or a
sentence across a blank line. News paragraphs never share a sentence, so the
first token after a blank line always starts one. The parser keeps boundaries
that are set before it runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")

__all__ = ["ParagraphBoundaries"]


class ParagraphBoundaries:
    """spaCy component: marks the first token of every paragraph as a sentence start."""

    def __init__(self, nlp: Language, name: str = "presslens_paragraphs") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # Same convention as presslens.nlp.quotes.paragraphs: blank lines separate
        # paragraphs; a text without any blank line has one paragraph per line.
        breaks_needed = 2 if _BLANK_LINE.search(doc.text) else 1
        at_break = False
        for token in doc:
            if token.is_space:
                at_break = at_break or token.text.count("\n") >= breaks_needed
                continue
            if at_break:
                token.is_sent_start = True
            at_break = token.whitespace_.count("\n") >= breaks_needed
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
