"""Whose voice each character of the text is in.

Every character belongs to the outlet unless it lies in the content of an
attribution; then it is the speaker's, ``quoted`` when it stands inside quote
marks (the speaker's own wording) and ``reported`` otherwise (the outlet's
paraphrase). Nested attributions win over the ones around them, so a quote
inside someone's reported speech is the quoted person's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from presslens.nlp.annotations import Relation, VoiceRun
from presslens.nlp.quotes import scan_quotes

__all__ = ["VoicePartitioner", "partition"]


def partition(text: str, relations: list[Relation]) -> list[VoiceRun]:
    """Runs covering ``text`` completely, in order, one voice each."""
    owner: list[int | None] = [None] * len(text)
    quoted = bytearray(len(text))
    for quote in scan_quotes(text):
        if quote.depth == 0:
            quoted[quote.inner_start:quote.inner_end] = b"\x01" * (quote.inner_end - quote.inner_start)
    # Only what people said or wrote has a voice; a stance ("refused to negotiate") stays in the
    # voice of whoever reports it. Widest first, so nested (narrower) statements paint over the
    # ones around them.
    speech = [i for i, r in enumerate(relations) if r.category == "speech"]
    order = sorted(speech, key=lambda i: -sum(e - s for s, e in relations[i].content))
    for index in order:
        for start, end in relations[index].content:
            owner[start:end] = [index] * (end - start)
    runs: list[VoiceRun] = []
    start = 0
    for offset in range(1, len(text) + 1):
        if offset == len(text) or owner[offset] != owner[start] or (
            owner[start] is not None and quoted[offset] != quoted[start]
        ):
            relation = owner[start]
            mode = "own" if relation is None else ("quoted" if quoted[start] else "reported")
            runs.append(VoiceRun(start, offset, relation, mode))
            start = offset
    return runs


class VoicePartitioner:
    """spaCy component: writes ``doc._.presslens_voice`` from ``doc._.presslens_relations``."""

    def __init__(self, nlp: Language, name: str = "presslens_voice") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.presslens_voice = partition(doc.text, list(doc._.presslens_relations or []))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
