"""Candidates and features for the learned attribution model.

The model decides three things, each with a sparse linear classifier
(:mod:`presslens.nlp.linear`):

1. which tokens head a cue (``said``, ``according``, ``told``, ``:``);
2. which tokens next to a cue head belong to the cue (``has said``, ``called for``);
3. for each cue, which candidate span is its source and which is its content.

Candidates come from the dependency parse and the quotes: every subtree of the
cue's sentence, the same subtree with one edge child cut off, quotations in the
paragraph (and a quotation split around the cue), the rest of the sentence
after the cue. Sources and contents line up with such candidates in most
PolNeAR annotations (97% of sources and about 70% of contents), so choosing
among them is a classification problem the parse makes small.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from presslens.nlp import lexicon
from presslens.nlp.doccache import sentences
from presslens.nlp.quotes import Quote, QuoteIndex, paragraphs

__all__ = [
    "Candidate",
    "DocContext",
    "candidate_features",
    "cue_features",
    "extent_features",
    "is_cue_candidate",
    "no_source_features",
    "trim_edges",
]

Offsets = tuple[int, int]

_CUE_POS = {"VERB", "AUX", "NOUN", "ADJ", "ADP", "PROPN"}
_CUE_PUNCT = {":", "—", "--", "–"}
_CLOSING_MARKS = "\"”’'"
_SOURCE_POS = {"NOUN", "PROPN", "PRON", "NUM", "DET", "X", "ADJ"}
_TRIM = set(" \t\n\u00a0,;:-–—")
_ARGUMENT_DEPS = {"dobj", "prep", "xcomp", "ccomp", "dative", "oprd", "attr", "acomp", "advcl", "npadvmod", "pcomp"}
#: How far (in dependency links) from the cue head source and content roots are looked for.
_HOPS = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate source or content: character ranges (several for a split quote) and how it was made."""

    parts: tuple[Offsets, ...]
    root: int  # token index of the candidate's syntactic root
    kind: str

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def is_cue_candidate(token: Token) -> bool:
    return token.pos_ in _CUE_POS or token.text in _CUE_PUNCT


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 12:
        return "7-12"
    if n <= 25:
        return "13-25"
    return "26+"


class DocContext:
    """Per-doc lookups shared by every feature function."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.quote_index = QuoteIndex.of(self.text)
        self.quotes: list[Quote] = self.quote_index.quotes
        self.paragraphs = list(paragraphs(self.text))
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        # token -> index of the top-level quote it sits in, or -1
        self.token_quote = [-1] * len(doc)
        for qi, quote in enumerate(self.quotes):
            span = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="contract")
            if span is not None:
                for token in span:
                    self.token_quote[token.i] = qi
        # Per-token facts as plain lists: reading them never builds a spaCy Token (the hot path).
        self.token_starts: list[int] = []
        self.lower: list[str] = []
        self.pos: list[str] = []
        self.dep: list[str] = []
        self.head_of: list[int] = []
        self.is_quote: list[bool] = []
        self.plain: list[bool] = []
        for t in doc:
            self.token_starts.append(t.idx)
            self.lower.append(t.lower_)
            self.pos.append(t.pos_)
            self.dep.append(t.dep_)
            self.head_of.append(t.head.i)
            self.is_quote.append(t.is_quote)
            self.plain.append(t.is_stop or t.is_punct)
        self.sentences = sentences(doc)
        self.sentence_of = [0] * len(doc)
        self.sentence_quoted = [False] * len(self.sentences)
        for si, sentence in enumerate(self.sentences):
            for i in range(sentence.start, sentence.end):
                self.sentence_of[i] = si
                if self.token_quote[i] >= 0:
                    self.sentence_quoted[si] = True
        self._arguments: dict[int, list[tuple[str, int, int]]] = {}
        self._ancestors: dict[int, dict[int, int]] = {}

    # -- small lookups ------------------------------------------------------

    def index_at(self, offset: int) -> int:
        """The index of the token holding (or starting nearest before) character ``offset``."""
        return max(0, bisect.bisect_right(self.token_starts, offset) - 1)

    def arguments(self, head: Token) -> list[tuple[str, int, int]]:
        """The head's dependents as (label, start, end) character ranges, computed once per head."""
        found = self._arguments.get(head.i)
        if found is None:
            found = []
            for child in head.children:
                if child.is_punct or child.is_space:
                    continue
                label = child.dep_ if child.dep_ != "prep" else f"prep:{child.lower_}"
                if child.ent_type_ in ("DATE", "TIME"):
                    label = f"{child.dep_}:time"
                found.append((label, child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
            self._arguments[head.i] = found
        return found

    def ancestors_of(self, i: int) -> dict[int, int]:
        """Token index -> steps up from token ``i``, for ``i`` and all its ancestors."""
        found = self._ancestors.get(i)
        if found is None:
            found = {i: 0}
            node, steps = i, 0
            while self.head_of[node] != node:
                node = self.head_of[node]
                steps += 1
                found[node] = steps
            self._ancestors[i] = found
        return found

    def path(self, a: int, b: int, limit: int = 4) -> str:
        """The dependency path from token ``a`` to ``b``: up-steps (``^dep``) to their common ancestor,
        then down-steps (``vdep``); ``"far"`` beyond ``limit`` steps, ``"self"`` for the same token."""
        up = self.ancestors_of(a)
        down: list[str] = []
        node = b
        while node not in up:
            down.append(self.dep[node])
            if self.head_of[node] == node or len(down) > limit:
                return "far"
            node = self.head_of[node]
        steps = up[node]
        if steps + len(down) > limit:
            return "far"
        ups = []
        walker = a
        for _ in range(steps):
            ups.append(self.dep[walker])
            walker = self.head_of[walker]
        return "/".join([f"^{d}" for d in ups] + [f"v{d}" for d in reversed(down)]) or "self"

    def boundary(self, i: int) -> str:
        """Token ``i`` as a boundary feature: its form if a stop word or punctuation, else its POS."""
        if i < 0:
            return "<s>"
        if i >= len(self.lower):
            return "</s>"
        return self.lower[i] if self.plain[i] else self.pos[i]

    def tokens_between(self, start: int, end: int) -> int:
        """How many tokens start in ``[start, end)``."""
        return bisect.bisect_left(self.token_starts, end) - bisect.bisect_left(self.token_starts, start)

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def quote_index_at(self, offset: int) -> int:
        return self.quote_index.index_at(offset)

    def trim(self, start: int, end: int) -> Offsets | None:
        """``[start, end)`` without edge spaces and punctuation; None if no letter or digit is left."""
        offsets = trim_edges(self.text, start, end)
        if offsets is None or not any(ch.isalnum() for ch in self.text[offsets[0]:offsets[1]]):
            return None
        return offsets

    def token_range(self, first: Token, last: Token) -> Offsets | None:
        return self.trim(first.idx, last.idx + len(last))

    # -- candidates ---------------------------------------------------------

    def subtree_candidates(self, tokens: Iterator[Token] | list[Token], avoid: set[int],
                           pos: set[str] | None) -> list[Candidate]:
        """Subtrees of ``tokens`` and the same subtrees with one edge child cut off."""
        found: list[Candidate] = []
        for token in tokens:
            if pos is not None and token.pos_ not in pos:
                continue
            left, right = token.left_edge.i, token.right_edge.i
            if any(left <= a <= right for a in avoid):
                # still allow cutting the child that holds the avoided tokens
                pass
            else:
                offsets = self.token_range(self.doc[left], self.doc[right])
                if offsets:
                    found.append(Candidate((offsets,), token.i, "subtree"))
            for child in token.children:
                c_left, c_right = child.left_edge.i, child.right_edge.i
                if c_left == left and c_right < right:
                    span = (c_right + 1, right)
                elif c_right == right and c_left > left:
                    span = (left, c_left - 1)
                else:
                    continue
                if any(span[0] <= a <= span[1] for a in avoid):
                    continue
                offsets = self.token_range(self.doc[span[0]], self.doc[span[1]])
                if offsets:
                    found.append(Candidate((offsets,), token.i, f"cut-{child.dep_}"))
        return found

    def near(self, head: Token, hops: int) -> list[Token]:
        """Tokens of the head's sentence within ``hops`` dependency links of it, in order."""
        sentence = self.sentences[self.sentence_of[head.i]]
        seen = {head.i}
        frontier = [head]
        for _ in range(hops):
            following = []
            for token in frontier:
                for other in (*token.children, token.head):
                    if other.i not in seen and sentence.start <= other.i < sentence.end:
                        seen.add(other.i)
                        following.append(other)
            frontier = following
        return [self.doc[i] for i in sorted(seen)]

    def content_candidates(self, head: Token, cue: Offsets) -> list[Candidate]:
        sentence = self.sentences[self.sentence_of[head.i]]
        avoid = {head.i}
        found: list[Candidate] = []
        # Contents are (almost always) rooted within three dependency links of the cue.
        found.extend(self.subtree_candidates(self.near(head, _HOPS), avoid, None))
        # the cue's arguments to its right, up to a coordinated clause: "blasted [the West for ...] and stressed"
        args = [c for c in head.rights if c.dep_ in _ARGUMENT_DEPS]
        stop = next((c.i for c in head.rights if c.dep_ in ("cc", "conj")), None)
        args = [c for c in args if stop is None or c.i < stop]
        if args:
            offsets = self.token_range(args[0].left_edge, args[-1].right_edge)
            if offsets:
                found.append(Candidate((offsets,), args[0].i, "arguments"))
                found.extend(self.comma_cuts(offsets, args[0].i, "arguments"))
        # the rest of the sentence after the cue, and the part before it
        after = self.trim(cue[1], sentence.end_char)
        if after:
            found.append(Candidate((after,), head.i, "after-cue"))
            if not head.is_punct:  # what follows a colon or a dash runs to the end
                found.extend(self.comma_cuts(after, head.i, "after-cue"))
        # a raised subject and its infinitive: "[North Korea] is not thought [to be capable of ...]"
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        infinitive = next((c for c in head.rights if c.dep_ == "xcomp"), None)
        if subject is not None and infinitive is not None:
            first = self.token_range(subject.left_edge, subject.right_edge)
            second = self.token_range(infinitive.left_edge, infinitive.right_edge)
            if first and second and first[1] <= cue[0]:
                found.append(Candidate((first, second), infinitive.i, "subject-infinitive"))
        before = self.trim(sentence.start_char, cue[0])
        if before:
            found.append(Candidate((before,), head.i, "before-cue"))
        # quotations in the paragraph around the cue, and one split around it
        paragraph = self.paragraph_of(head.idx)
        near = [q for q in self.quotes if self.paragraph_of(q.start) == paragraph]
        for quote in near:
            offsets = self.trim(quote.inner_start, quote.inner_end)
            if offsets and not offsets[0] <= head.idx < offsets[1]:
                found.append(Candidate((offsets,), self._root_of(offsets), "quote"))
        before_q = [q for q in near if q.end <= cue[0]]
        after_q = [q for q in near if q.start >= cue[1]]
        if before_q and after_q:
            first = self.trim(before_q[-1].inner_start, before_q[-1].inner_end)
            second = self.trim(after_q[0].inner_start, after_q[0].inner_end)
            if first and second:
                found.append(Candidate((first, second), self._root_of(first), "split-quote"))
        # the quote next to the cue and the one after it: "'...,' she said. '...'"
        for pair in (before_q[-1:] + after_q[:1], after_q[:2]):
            if len(pair) == 2 and pair[0].end <= pair[1].start:
                first = self.trim(pair[0].inner_start, pair[0].inner_end)
                second = self.trim(pair[1].inner_start, pair[1].inner_end)
                if first and second:
                    found.append(Candidate((first, second), self._root_of(first), "quote-pair"))
        # neighbouring sentences of the paragraph, for cues standing alone ("Putin stressed.")
        si = self.sentence_of[head.i]
        for other in (si - 1, si + 1):
            if 0 <= other < len(self.sentences):
                s = self.sentences[other]
                if self.paragraph_of(s.start_char) == paragraph:
                    offsets = self.trim(s.start_char, s.end_char)
                    if offsets:
                        found.append(Candidate((offsets,), s.root.i, "neighbour-sentence"))
        # A subordinate cue ("Referring to ..., Putin said") never takes in the clause that governs it.
        governors = [t.idx for t in head.ancestors] if head.dep_ in ("advcl", "acl", "pcomp") else []
        found = [c for c in found if not any(s <= g < e for g in governors for s, e in c.parts)]
        return _unique(found)

    def comma_cuts(self, offsets: Offsets, root: int, kind: str, limit: int = 3) -> list[Candidate]:
        """``offsets`` cut short before each of its first commas: leaves out a trailing relative
        clause or aside ("urged [the president to act], who ...")."""
        cuts: list[Candidate] = []
        comma = self.text.find(",", offsets[0], offsets[1])
        while comma >= 0 and len(cuts) < limit:
            cut = self.trim(offsets[0], comma)
            if cut and self.quote_index_at(comma) < 0:
                cuts.append(Candidate((cut,), root, f"{kind}-to-comma"))
            comma = self.text.find(",", comma + 1, offsets[1])
        return cuts

    def source_candidates(self, head: Token) -> list[Candidate]:
        found = [c for c in self.subtree_candidates(self.near(head, _HOPS), {head.i}, _SOURCE_POS)
                 if not c.parts[0][0] <= head.idx < c.parts[-1][1]]
        return _unique(found)

    def _root_of(self, offsets: Offsets) -> int:
        span = self.doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
        return span.root.i if span is not None and len(span) else 0

    def span_of(self, candidate: Candidate) -> Span | None:
        return self.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")


def trim_edges(text: str, start: int, end: int) -> Offsets | None:
    """``[start, end)`` without spaces, commas, colons and dashes at either edge; None if empty."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: dict[tuple[Offsets, ...], Candidate] = {}
    for candidate in candidates:
        seen.setdefault(candidate.parts, candidate)
    return list(seen.values())


# -- features ------------------------------------------------------------------


def _lexicon_class(lemma: str) -> str:
    if lemma in lexicon.SPEECH_VERBS:
        return "speech"
    if lemma in lexicon.OBJECT_CUES:
        return "object"
    if lemma in lexicon.WEAK_CUES:
        return "weak"
    if lemma in lexicon.INFINITIVE_CUES:
        return "inf"
    if lemma in lexicon.CUE_NOUNS:
        return "noun"
    return "none"


def cue_features(token: Token, ctx: DocContext, rule_heads: frozenset[int] = frozenset()) -> list[str]:
    """Features of a token as a possible cue head; ``rule_heads`` are the cue heads the rules found."""
    lemma = token.lemma_.lower()
    head = token.head
    i = token.i
    children = list(token.children)
    child_deps = sorted({c.dep_ for c in children})
    lex = _lexicon_class(lemma)
    in_quote = ctx.token_quote[i] >= 0
    n = len(ctx.lower)
    features = [
        f"l={lemma}", f"p={token.pos_}", f"t={token.tag_}", f"d={token.dep_}", f"lex={lex}",
        f"l={lemma}|d={token.dep_}", f"hl={head.lemma_.lower()}", f"hd={head.dep_}", f"hp={head.pos_}",
        f"q={in_quote}", f"lex={lex}|q={in_quote}", f"l={lemma}|q={in_quote}",
        f"prev={ctx.lower[i - 1] if i else '<s>'}",
        f"next={ctx.lower[i + 1] if i + 1 < n else '</s>'}",
    ]
    for dep in child_deps:
        features.append(f"cd={dep}")
        features.append(f"l={lemma}|cd={dep}")
        features.append(f"lex={lex}|cd={dep}")
    key_deps = "+".join(d for d in child_deps if d in ("nsubj", "ccomp", "dobj", "xcomp", "prep", "nsubjpass"))
    features.append(f"l={lemma}|cds={key_deps}")
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        features.append(f"subj={subject.pos_}|{subject.ent_type_ or '-'}")
        features.append(f"lex={lex}|subj={subject.pos_}")
    # a quote right before or after the token's clause
    sentence_index = ctx.sentence_of[i]
    sentence = ctx.sentences[sentence_index]
    before = ctx.text[max(0, sentence.start_char - 3):sentence.start_char]
    quote_before = any(ch in before for ch in _CLOSING_MARKS)
    features.append(f"quote_before_sentence={quote_before}")
    if token.text in _CUE_PUNCT:
        features.append(f"punct={token.text}|sentpos={token.i - sentence.start}")
    # quote marks next to the token (dash and colon cues, "she said:" before a quote)
    mark_left = any(ctx.is_quote[max(0, i - 2):i])
    mark_right = any(ctx.is_quote[i + 1:i + 3])
    features += [f"qL={mark_left}|qR={mark_right}", f"l={lemma}|qL={mark_left}|qR={mark_right}",
                 f"lex={lex}|qR={mark_right}"]
    subtree_quoted = any(ctx.token_quote[c.i] >= 0 for c in children)
    sentence_quoted = ctx.sentence_quoted[sentence_index]
    features += [f"l={lemma}|childq={subtree_quoted}", f"lex={lex}|sentq={sentence_quoted}|q={in_quote}"]
    for child in children:
        if child.dep_ in ("xcomp", "ccomp", "dobj", "attr", "acomp", "prep"):
            features.append(f"l={lemma}|{child.dep_}={child.lemma_.lower()}")
    if token.is_punct:
        before_t = ctx.doc[i - 1] if i else None
        before_pos = before_t.pos_ if before_t is not None else "-"
        before_ent = before_t.ent_type_ if before_t is not None else "-"
        features += [f"punct={token.text}|prevpos={before_pos}",
                     f"punct={token.text}|prevent={before_ent}|qR={mark_right}"]
    features.append(f"hl={head.lemma_.lower()}|l={lemma}")
    by_rule = i in rule_heads
    features.append(f"rule={by_rule}")
    features.append(f"rule={by_rule}|lex={lex}")
    features.append(f"rule={by_rule}|l={lemma}")
    if i >= 1:
        features.append(f"l={lemma}|prev={ctx.pos[i - 1]}")
    if lemma == "according" and i + 1 < n:
        features.append(f"according_next={ctx.lower[i + 1]}")
    return features


def extent_features(token: Token, head: Token) -> list[str]:
    """Features of a token near a cue head as a part of the cue."""
    offset = token.i - head.i
    relation = "child" if token.head.i == head.i else ("head" if head.head.i == token.i else "other")
    return [
        f"o={offset}", f"d={token.dep_}", f"p={token.pos_}", f"l={token.lower_}", f"r={relation}",
        f"d={token.dep_}|r={relation}|o={offset}", f"hl={head.lemma_.lower()}|l={token.lower_}",
        f"hl={head.lemma_.lower()}|d={token.dep_}|o={offset}", f"p={token.pos_}|o={offset}",
    ]


def candidate_features(candidate: Candidate, head: Token, cue: Offsets, ctx: DocContext, role: str,
                       rule: tuple[Offsets, ...] | None) -> list[str]:
    """Features of a candidate source or content for the cue headed by ``head``."""
    r = candidate.root
    lemma = head.lemma_.lower()
    path = ctx.path(head.i, r)
    direction = "left" if candidate.end <= cue[0] else ("right" if candidate.start >= cue[1] else "around")
    n_tokens = ctx.tokens_between(candidate.start, candidate.end)
    first_i = ctx.index_at(candidate.start)
    last_i = ctx.index_at(candidate.end - 1)
    gap = (cue[0] - candidate.end) if direction == "left" else (candidate.start - cue[1]) if direction == "right" else 0
    gap_text = (ctx.text[candidate.end:cue[0]] if direction == "left"
                else ctx.text[cue[1]:candidate.start] if direction == "right" else "")
    same_sentence = ctx.sentence_of[r] == ctx.sentence_of[head.i]
    root_pos, root_dep = ctx.pos[r], ctx.dep[r]
    root_ent = ctx.doc[r].ent_type_ or "-"
    lex = _lexicon_class(lemma)
    quoted = sum(1 for s, e in candidate.parts if ctx.quote_index_at(s) >= 0 and ctx.quote_index_at(max(s, e - 1)) >= 0)
    features = [
        f"{role}:path={path}", f"{role}:path={path}|l={lemma}", f"{role}:path={path}|lex={lex}",
        f"{role}:kind={candidate.kind}", f"{role}:kind={candidate.kind}|path={path}",
        f"{role}:rp={root_pos}", f"{role}:rd={root_dep}", f"{role}:re={root_ent}",
        f"{role}:dir={direction}", f"{role}:dir={direction}|l={lemma}", f"{role}:len={_bucket(n_tokens)}",
        f"{role}:len={_bucket(n_tokens)}|kind={candidate.kind}",
        f"{role}:first={ctx.lower[first_i] if ctx.plain[first_i] else ctx.pos[first_i]}",
        f"{role}:last={ctx.lower[last_i] if ctx.plain[last_i] else ctx.pos[last_i]}",
        f"{role}:gap={_bucket(max(gap, 0))}", f"{role}:gapalnum={any(ch.isalnum() for ch in gap_text)}",
        f"{role}:same_sentence={same_sentence}", f"{role}:quoted={quoted}/{len(candidate.parts)}",
        f"{role}:rp={root_pos}|path={path}", f"{role}:rl={ctx.lower[r] if root_pos == 'PRON' else root_pos}",
        # what comes right after and right before: a clause boundary (",", "and", "which") or not
        f"{role}:next={ctx.boundary(last_i + 1)}", f"{role}:prev={ctx.boundary(first_i - 1)}",
    ]
    # Which of the cue's dependents the candidate takes in, whole or in part: lets the model learn
    # that "told reporters" leaves out the addressee and "attacked X on Monday" the time.
    parts = candidate.parts
    for label, c_start, c_end in ctx.arguments(head):
        if any(s <= c_start and c_end <= e for s, e in parts):
            cover = "all"
        elif any(s < c_end and c_start < e for s, e in parts):
            cover = "part"
        else:
            cover = "none"
        features.append(f"{role}:cov={label}={cover}")
        features.append(f"{role}:cov={label}={cover}|kind={candidate.kind}")
    if rule is not None:
        features.append(f"{role}:rule={candidate.parts == rule}")
        features.append(f"{role}:rule_overlap={_overlaps(candidate.parts, rule)}")
    sentence = ctx.sentences[ctx.sentence_of[head.i]]
    features.append(f"{role}:ends_sentence={ctx.trim(candidate.end, sentence.end_char) is None}")
    features.append(f"{role}:starts_sentence={ctx.trim(sentence.start_char, candidate.start) is None}")
    return features


def _overlaps(a: tuple[Offsets, ...], b: tuple[Offsets, ...]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def no_source_features(head: Token, ctx: DocContext) -> list[str]:
    """Features of the choice "this cue has no source in the text"."""
    lemma = head.lemma_.lower()
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    return [
        "source:none", f"source:none|l={lemma}", f"source:none|d={head.dep_}", f"source:none|t={head.tag_}",
        f"source:none|subj={has_subject}", f"source:none|lex={_lexicon_class(lemma)}",
        f"source:none|q={ctx.token_quote[head.i] >= 0}",
    ]
