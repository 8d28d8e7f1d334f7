"""Facts about a ``Doc`` that several components need, computed once per doc.

Iterating ``doc.sents`` or every token builds fresh spaCy objects each time;
with five components reading the same sentences, that was a tenth of the
analysis time. The results are kept in ``doc.user_data`` under private keys.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["sentences", "token_starts"]

_SENTS = "presslens:sentences"
_STARTS = "presslens:token_starts"


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``; the boundaries are found once per doc (after the parser has run).

    Only plain integers are kept in ``user_data``, so the doc still serialises.
    """
    bounds = doc.user_data.get(_SENTS)
    if bounds is None:
        bounds = doc.user_data[_SENTS] = [(s.start, s.end) for s in doc.sents]
    return [doc[start:end] for start, end in bounds]


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token, computed once per doc."""
    found: list[int] | None = doc.user_data.get(_STARTS)
    if found is None:
        found = doc.user_data[_STARTS] = [t.idx for t in doc]
    return found
