"""Finding attribution relations: who (source) says (cue) what (content).

The component combines the quote scanner with spaCy's dependency parse:

* **verb cues**: a verb of saying or stance ("said", "told", "blasted",
  "stressed that") with its subject as source and its clausal or object
  complement as content; the content is snapped to a quotation when the
  parse cut a quoted passage short;
* **adjacent quotes**: a cue with no complement of its own takes the quote
  right before it (``"...!" Putin stressed.``) or right after it
  (``He added, "..."``);
* **split and continued quotes**: a quote right after a cue clause continues
  that relation (``"...," he said, "..."``); a paragraph that opens with a
  quote and names no speaker continues the last speaker;
* **"according to X"**, the headline form **"Putin: West refuses ..."** and
  the vox-pop byline **"..." ― Maria Lopez** (a quote paragraph signed with a dash).

Each relation's kind follows from the quote marks in its content: all of it
inside quotes is ``direct``, some of it is ``mixed``, none is ``indirect``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presslens.errors import ConfigError
from presslens.models import model_dir
from presslens.nlp import lexicon
from presslens.nlp.adapters import adapters_ready
from presslens.nlp.annotations import Offsets, Relation
from presslens.nlp.attribution_encoder import load_attribution_tagger, read_settings
from presslens.nlp.attribution_features import trim_edges
from presslens.nlp.attribution_model import AttributionModel, RuleHints
from presslens.nlp.quotes import Quote, QuoteIndex, paragraphs

__all__ = ["AttributionFinder", "model_relations", "rule_relations"]

_VERB_POS = {"VERB", "AUX"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_OBJECT_DEPS = {"dobj", "prep", "xcomp", "oprd", "dative", "ccomp", "attr", "acomp", "advcl"}
_CONTRAST = {"but", "while", "whereas", "yet"}
_BYLINE_DASHES = ("--", "—", "–", "―", "-")
#: Rules the learned model has no cue candidate for; their relations stand as the rules made them.
_STANDALONE_RULES = {"quote-byline"}


def _load_model(model: str, mode: str = "fast") -> AttributionModel | None:
    """``"rules"``: no model; ``"shipped"``: the model shipped with presslens; else a model folder.
    ``mode`` "accurate" blends the folder's MiniLM tagger in, "best" does where it can run."""
    if model == "rules":
        return None
    if mode not in ("fast", "accurate", "best"):
        raise ConfigError(f"the attribution mode must be fast, accurate or best, got {mode!r}")
    directory = model_dir("attribution") if model == "shipped" else Path(model)
    loaded = AttributionModel.load(directory)
    if mode == "fast" or (mode == "best" and not (adapters_ready(directory) and read_settings(directory))):
        return loaded
    return loaded.with_tagger(*load_attribution_tagger(str(directory)))


def rule_relations(doc: Doc) -> list[Relation]:
    """The relations the cue rules find in a parsed doc (no free-standing quotes yet)."""
    return _Finder(doc, nested_first_person=False).rules()


def model_relations(doc: Doc, model: AttributionModel, *, nested_first_person: bool = False) -> list[Relation]:
    """The learned model's relations (with the rules as its hints), plus the relations of the
    rules it has no candidates for, with quotes that have no cue attached; not yet calibrated."""
    finder = _Finder(doc, nested_first_person=nested_first_person)
    rules = finder.rules()
    relations = model.predict(doc, RuleHints.from_relations(doc, rules))
    taken = [part for r in relations for part in (*r.content, *([r.cue] if r.cue else []))]
    for rule in rules:
        if rule.rule in _STANDALONE_RULES and not any(
            s < e2 and s2 < e for s, e in (*rule.content, rule.cue or (0, 0)) for s2, e2 in taken
        ):
            relations.append(rule)
    return finder.finish(relations)


class AttributionFinder:
    """spaCy component that writes ``doc._.presslens_relations``.

    It also fills the span groups ``attribution_content``,
    ``attribution_cue`` and ``attribution_source`` so displaCy and other
    spaCy tools can show the results. Needs a dependency parse.
    """

    def __init__(self, nlp: Language, name: str = "presslens_attribution", *,
                 nested_first_person: bool = False, model: str = "shipped", mode: str = "fast") -> None:
        self.name = name
        self.nested_first_person = nested_first_person
        self.model = _load_model(model, mode)

    @property
    def mode(self) -> str:
        """What runs: ``rules``, ``fast`` or ``accurate`` (``best`` resolved against what is installed)."""
        if self.model is None:
            return "rules"
        return "accurate" if self.model.tagger is not None else "fast"

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def predict(self, doc: Doc) -> list[Relation]:
        if self.model is None:
            return _Finder(doc, nested_first_person=self.nested_first_person).run()
        relations = model_relations(doc, self.model, nested_first_person=self.nested_first_person)
        return self.model.calibrate(relations)

    def set_annotations(self, doc: Doc, relations: list[Relation]) -> None:
        doc._.presslens_relations = relations
        groups: dict[str, list[Span]] = {"content": [], "cue": [], "source": []}
        for relation in relations:
            for start, end in relation.content:
                span = doc.char_span(start, end, label=relation.kind, alignment_mode="expand")
                if span is not None:
                    groups["content"].append(span)
            for role, offsets in (("cue", relation.cue), ("source", relation.source)):
                if offsets is not None:
                    span = doc.char_span(*offsets, label=role, alignment_mode="expand")
                    if span is not None:
                        groups[role].append(span)
        for role, spans in groups.items():
            doc.spans[f"attribution_{role}"] = spans


class _Finder:
    """The rules, applied to one doc."""

    def __init__(self, doc: Doc, *, nested_first_person: bool) -> None:
        self.doc = doc
        self.text = doc.text
        self.nested_first_person = nested_first_person
        self.quote_index = QuoteIndex.of(self.text)
        self.quotes = self.quote_index.quotes
        self.paragraphs = list(paragraphs(self.text))
        self.paragraph_starts = [start for start, _ in self.paragraphs]

    # -- lookups ------------------------------------------------------------

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def quote_at(self, offset: int) -> Quote | None:
        return self.quote_index.at(offset)

    def quote_content(self, quote: Quote) -> Offsets:
        """A quotation's words, without its marks and the comma or colon before the cue."""
        return self.trim(quote.inner_start, quote.inner_end) or quote.inner

    def alnum_bounds(self, start: int, end: int) -> Offsets:
        """Offsets of the first and the last alphanumeric character in ``[start, end)``."""
        first, last = start, end - 1
        while first < last and not self.text[first].isalnum():
            first += 1
        while last > first and not self.text[last].isalnum():
            last -= 1
        return first, last

    def alnum(self, start: int, end: int) -> int:
        return sum(1 for ch in self.text[start:end] if ch.isalnum())

    # -- the rules ----------------------------------------------------------

    def run(self) -> list[Relation]:
        return self.finish(self.rules())

    def rules(self) -> list[Relation]:
        """Relations found by the cue rules, before quotes without cues are attached."""
        relations: list[Relation] = []
        relations.extend(self.colon_headlines())
        relations.extend(self.quote_bylines())
        for token in self.doc:
            relation = None
            if token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                relation = self.according_to(token)
            elif token.pos_ in _VERB_POS and token.lemma_.lower() in lexicon.CUE_LEMMAS:
                relation = self.verb_cue(token)
            if relation is not None:
                relations.append(relation)
        return self.drop_overlapping(relations)

    def finish(self, relations: list[Relation]) -> list[Relation]:
        """Attach split and continued quotes, set each relation's kind, sort by position."""
        relations = self.attach_free_quotes(relations)
        for relation in relations:
            relation.kind = self.kind_of(relation)
        relations.sort(key=lambda r: (r.start, r.end))
        return relations

    def colon_headlines(self) -> Iterator[Relation]:
        """"Putin: West refuses to negotiate" (a speaker's name, a colon, what they said)."""
        for p_start, p_end in self.paragraphs:
            colon = self.text.find(":", p_start, min(p_end, p_start + 60))
            if colon < 0 or self.quote_at(colon) is not None:
                continue
            name = self.doc.char_span(p_start, colon, alignment_mode="expand")
            if name is None or not 1 <= len(name) <= 6:
                continue
            if not any(t.pos_ == "PROPN" for t in name) or any(t.pos_ in _VERB_POS for t in name):
                continue
            content = self.trim(colon + 1, p_end)
            if content is None or len(self.text[content[0]:content[1]].split()) < 3:
                continue
            yield Relation("indirect", [content], (colon, colon + 1), self.trim(p_start, colon),
                           rule="headline-colon")

    def quote_bylines(self) -> Iterator[Relation]:
        """A paragraph that is one quotation signed with a dash: ``"..." ― Maria Lopez, 34``."""
        text = self.text
        for quote in self.quotes:
            # the quotation opens its line and the signature ends it
            line_start = text.rfind("\n", 0, quote.start) + 1
            line_end = text.find("\n", quote.end)
            line_end = len(text) if line_end < 0 else line_end
            if self.alnum(line_start, quote.start) or quote.end >= line_end:
                continue
            rest = text[quote.end:line_end]
            signature = rest.lstrip(" \u00a0")
            dash = next((d for d in _BYLINE_DASHES if signature.startswith(d)), None)
            if dash is None:
                continue
            cue_start = quote.end + len(rest) - len(signature)
            name_start = cue_start + len(dash)
            name_end = text.find(",", name_start, line_end)
            source = self.trim(name_start, name_end if name_end >= 0 else line_end)
            if source is None:
                continue
            last_word = text[source[0]:source[1]].split()[-1]
            if last_word.endswith(".") and len(last_word) > 2:  # a full stop, not an initial ("G.")
                source = (source[0], source[1] - 1)
            name = self.doc.char_span(*source, alignment_mode="expand")
            if name is None or not 1 <= len(name) <= 6 or not name[0].text[:1].isupper():
                continue
            if any(t.pos_ in _VERB_POS for t in name):
                continue
            yield Relation("direct", [self.quote_content(quote)], (cue_start, cue_start + len(dash)), source,
                           rule="quote-byline", confidence=0.9, category="speech")

    def according_to(self, according: Token) -> Relation | None:
        to = self.doc[according.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
        if not objects:
            return None
        source_tokens: set[int] = set()
        for obj in objects:
            source_tokens.update(t.i for t in obj.subtree)
        phrase = {t.i for t in according.subtree} | {to.i} | source_tokens
        head = according.head
        clause = head if head.i != according.i else according
        while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and clause.head.i != clause.i:
            clause = clause.head
        content_tokens = {t.i for t in clause.subtree} - phrase
        content = self.token_parts(content_tokens)
        if not content:
            return None
        return Relation("indirect", content, self.token_offsets([according, to]),
                        self.token_offsets([self.doc[i] for i in sorted(source_tokens)]),
                        rule="according-to")

    def verb_cue(self, verb: Token) -> Relation | None:
        lemma = verb.lemma_.lower()
        if verb.dep_ in ("amod", "acl", "compound") or (verb.tag_ == "VBN" and verb.dep_ == "acl"):
            return None
        source = self.subject_of(verb)
        inside = self.quote_at(verb.idx)
        if inside is not None and not self.nested_first_person and (
            source is None or source.pos_ == "PRON" or lemma not in lexicon.SPEECH_VERBS
        ):
            # a quoted speaker's own "I think", "nobody should expect": their statement,
            # not a new source
            return None
        content_tokens = self.complement_of(verb, lemma)
        rule = "verb-complement"
        content: list[Offsets] | None = None
        if content_tokens:
            content = self.token_parts(content_tokens)
            content = self.snap_to_quotes(content, verb) if content else None
        elif lemma in lexicon.SPEECH_VERBS:
            quote = self.adjacent_quote(verb)
            if quote is not None:
                content, rule = [self.quote_content(quote)], "verb-adjacent-quote"
        if not content:
            return None
        if lemma in lexicon.WEAK_CUES and source is None:
            return None
        source_offsets = self.source_offsets(source, content) if source is not None else None
        return Relation("indirect", content, self.cue_offsets(verb), source_offsets, rule=rule,
                        confidence=0.6 if lemma in lexicon.WEAK_CUES else 0.9,
                        category=lexicon.cue_category(verb))

    # -- pieces of a relation -----------------------------------------------

    def subject_of(self, verb: Token) -> Token | None:
        current = verb
        for _ in range(4):
            for child in current.children:
                if child.dep_ in _SUBJECT_DEPS:
                    return child
                if child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return obj
            # shared subjects: "He blasted ... and stressed that"; "..., saying that"
            if current.dep_ in ("conj", "advcl", "xcomp") and current.head.i != current.i:
                current = current.head
                continue
            break
        # inverted order in quotes: "..., said Smith"
        for child in verb.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN":
                return child
        return None

    def complement_of(self, verb: Token, lemma: str) -> set[int]:
        clauses = [c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in {"that", "whether", "if"} for m in c.children))]
        tokens: set[int] = set()
        if clauses:
            for clause in clauses:
                tokens.update(t.i for t in clause.subtree)
            # "X says A, but B refuses": a contrasting clause joined to the cue verb belongs to
            # what X says (the parser attaches it to the cue verb).
            for conj in verb.children:
                if (conj.dep_ == "conj" and conj.i > verb.i and conj.lemma_.lower() not in lexicon.CUE_LEMMAS
                        and any(c.dep_ == "cc" and c.lower_ in _CONTRAST for c in verb.children)
                        and any(c.dep_ in _SUBJECT_DEPS for c in conj.children)):
                    tokens.update(t.i for t in conj.subtree)
                    tokens.update(c.i for c in verb.children if c.dep_ == "cc")
            return tokens
        if lemma in lexicon.WEAK_CUES and lemma not in lexicon.OBJECT_CUES:
            return tokens
        if lemma in lexicon.OBJECT_CUES or lemma in lexicon.INFINITIVE_CUES:
            rights = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS]
            if lemma in lexicon.INFINITIVE_CUES and lemma not in lexicon.OBJECT_CUES:
                rights = [c for c in rights if c.dep_ == "xcomp"]
            for child in rights:
                tokens.update(t.i for t in child.subtree)
            return tokens
        if lemma not in {"say", "tell", "add", "ask", "write", "continue"}:
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
            for obj in objects:
                tokens.update(t.i for t in obj.subtree)
        return tokens

    def adjacent_quote(self, verb: Token) -> Quote | None:
        """The quote a bare cue introduces or follows, in the same paragraph."""
        paragraph = self.paragraph_of(verb.idx)
        clause = list(verb.subtree)
        left = min(clause[0].idx, verb.idx)
        right = max(clause[-1].idx + len(clause[-1]), verb.idx + len(verb))
        for quote in self.quotes:
            if self.paragraph_of(quote.start) != paragraph:
                continue
            # before the cue: only punctuation and the cue clause's own words between
            if quote.end <= left and self.alnum(quote.end, left) == 0:
                return quote
            if quote.start >= verb.idx + len(verb):
                gap = self.text[verb.idx + len(verb):quote.start]
                if self.alnum(verb.idx + len(verb), quote.start) == 0 or (
                    quote.start <= right + 2 and gap.strip().endswith((",", ":"))
                ) or gap.strip(" ,:\u00a0") in {"", "in a statement", "reporters", "him", "her", "them"}:
                    return quote
        return None

    def snap_to_quotes(self, content: list[Offsets], verb: Token) -> list[Offsets]:
        """Widen content the parse cut short to the whole quotation it lies in."""
        snapped: list[Offsets] = []
        for start, end in content:
            first, last = self.alnum_bounds(start, end)
            quote = self.quote_at(first)
            # the complement lies inside one quote: the content is the whole quote,
            # unless the cue itself sits inside that quote (a nested attribution)
            if (quote is not None and last < quote.inner_end
                    and not quote.inner_start <= verb.idx < quote.inner_end):
                start, end = self.quote_content(quote)
            snapped.append((start, end))
        return self.merge(snapped)

    def cue_offsets(self, verb: Token) -> Offsets:
        tokens = [verb]
        for child in verb.lefts:
            if child.dep_ in ("aux", "auxpass", "neg") and child.i >= verb.i - 3:
                tokens.append(child)
        for child in verb.rights:
            if child.dep_ == "prt" and child.i <= verb.i + 2:
                tokens.append(child)
        return self.token_offsets(tokens)

    def source_offsets(self, source: Token, content: list[Offsets]) -> Offsets | None:
        subtree = [t for t in source.subtree if not any(s <= t.idx < e for s, e in content)]
        # keep the contiguous run around the subject's head
        run = [source]
        ids = {t.i for t in subtree}
        i = source.i - 1
        while i in ids:
            run.insert(0, self.doc[i])
            i -= 1
        i = source.i + 1
        while i in ids:
            run.append(self.doc[i])
            i += 1
        return self.trim(run[0].idx, run[-1].idx + len(run[-1]))

    # -- quotes with no cue of their own ------------------------------------

    def attach_free_quotes(self, relations: list[Relation]) -> list[Relation]:
        """Split quotes continue the relation before them; quoted paragraphs the last speaker."""
        covered = [(s, e) for r in relations for s, e in r.content]
        relations.sort(key=lambda r: r.start)
        result = list(relations)
        for quote in self.quotes:
            if any(s <= quote.inner_start < e or quote.inner_start <= s < quote.inner_end for s, e in covered):
                continue
            if len(self.text[quote.inner_start:quote.inner_end].split()) < 3:
                continue  # a scare quote or a title, not a statement
            paragraph = self.paragraph_of(quote.start)
            p_start = self.paragraphs[paragraph][0]
            before = [r for r in result if r.end <= quote.start and r.category == "speech"
                      and (r.cue is not None or r.rule == "continuation")]
            previous = max(before, key=lambda r: r.end) if before else None
            if previous is None:
                continue
            same_paragraph = self.paragraph_of(previous.end) == paragraph
            if same_paragraph and self.alnum(max(previous.end, *(previous.cue or (0, 0))), quote.start) < 60:
                # "...," he said, "..."  /  "...," he said. "..."
                previous.content.append(self.quote_content(quote))
                covered.append(quote.inner)
                continue
            opens_paragraph = self.alnum(p_start, quote.start) == 0
            previous_paragraph = self.paragraph_of(previous.end)
            if opens_paragraph and paragraph - previous_paragraph <= 2 and self.is_quote_relation(previous):
                speaker_of = result.index(previous)
                result.append(Relation("direct", [self.quote_content(quote)], None, None, rule="continuation",
                                       confidence=0.8, continues=speaker_of))
                covered.append(quote.inner)
        return result

    def is_quote_relation(self, relation: Relation) -> bool:
        return relation.rule == "continuation" or any(
            self.quote_at(self.alnum_bounds(s, e)[0]) is not None for s, e in relation.content
        )

    def kind_of(self, relation: Relation) -> str:
        inside = outside = 0
        for start, end in relation.content:
            for offset in range(start, end):
                if not self.text[offset].isalnum():
                    continue
                if self.quote_at(offset) is not None:
                    inside += 1
                else:
                    outside += 1
        if inside and outside <= 4:  # "that" before a full quote is still a direct quote
            return "direct"
        if inside:
            return "mixed"
        return "indirect"

    def drop_overlapping(self, relations: list[Relation]) -> list[Relation]:
        """Two cues claiming the same content keep the more specific one."""
        kept: list[Relation] = []
        for relation in sorted(relations, key=lambda r: (-r.confidence, r.rule != "verb-complement")):
            same = [k for k in kept if k.content == relation.content]
            if same:
                continue
            kept.append(relation)
        return kept

    # -- offsets ------------------------------------------------------------

    def token_offsets(self, tokens: list[Token]) -> Offsets:
        tokens = sorted(tokens, key=lambda t: t.i)
        return (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))

    def token_parts(self, indices: set[int]) -> list[Offsets]:
        """Contiguous runs of the given tokens as trimmed character ranges."""
        parts: list[Offsets] = []
        run: list[int] = []
        for i in sorted(indices):
            # tokens with only punctuation and spaces between them stay in one part
            if run and i != run[-1] + 1 and any(
                self.doc[j].text.isalnum() or (not self.doc[j].is_punct and not self.doc[j].is_space)
                for j in range(run[-1] + 1, i)
            ):
                parts.append((self.doc[run[0]].idx, self.doc[run[-1]].idx + len(self.doc[run[-1]])))
                run = []
            run.append(i)
        if run:
            parts.append((self.doc[run[0]].idx, self.doc[run[-1]].idx + len(self.doc[run[-1]])))
        trimmed = [self.trim(s, e) for s, e in parts]
        return [p for p in trimmed if p is not None and self.alnum(*p) > 0]

    def trim(self, start: int, end: int) -> Offsets | None:
        return trim_edges(self.text, start, end)

    @staticmethod
    def merge(parts: list[Offsets]) -> list[Offsets]:
        merged: list[Offsets] = []
        for start, end in sorted(parts):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged
