"""Who each attribution's source is: one canonical entity per person or organisation.

The resolver builds the article's entity table from spaCy's named entities,
merging short and long forms of a name ("Putin", "Vladimir Putin",
"Mr. Putin"), and takes each entity's role from the words the article puts
before the name ("Russian President Vladimir Putin") or in apposition after
it ("Dmitry Peskov, the Kremlin spokesman"). It then resolves every
relation's source mention:

* a name resolves to its entity;
* a personal pronoun to the most salient earlier person (the last speaker
  in the previous paragraphs, else the last person mentioned), agreeing in
  gender when the article has told us the gender;
* a relative pronoun ("who") to the noun it modifies;
* a role ("the president", "the spokesman") to the person holding it;
* anything else ("officials", "a source") to an entity named by the phrase;
* a quote that continues the previous speaker to that speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presslens.nlp import lexicon
from presslens.nlp.annotations import Cluster, Offsets, Relation

__all__ = ["SpeakerResolver", "canonical_name"]

_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_MALE = {"he", "him", "his", "himself", "mr", "mr."}
_FEMALE = {"she", "her", "hers", "herself", "mrs", "mrs.", "ms", "ms.", "miss"}


def canonical_name(text: str) -> str:
    """A name as written, without honorifics, possessive endings or stray punctuation."""
    words = text.replace("\u00a0", " ").split()
    while words and words[0].lower().rstrip(".") + "." in lexicon.HONORIFICS | {w + "." for w in lexicon.HONORIFICS}:
        words = words[1:]
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    name = " ".join(words)
    name = _POSSESSIVE.sub("", name)
    return name.strip(" ,;:.-–—\"'“”‘’()")


class SpeakerResolver:
    """spaCy component: writes ``doc._.presslens_clusters`` and resolves ``Relation.speaker``.

    Runs after ``presslens_attribution``; needs the parser and the entity recognizer.
    """

    def __init__(self, nlp: Language, name: str = "presslens_speakers") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        clusters, relations = self.predict(doc)
        doc._.presslens_clusters = clusters
        doc._.presslens_relations = relations
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def predict(self, doc: Doc) -> tuple[list[Cluster], list[Relation]]:
        table = _EntityTable(doc)
        relations = list(doc._.presslens_relations or [])
        table.resolve(relations)
        return table.clusters, relations


class _EntityTable:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: list[Cluster] = []
        self.gender: dict[int, str] = {}
        #: token index -> cluster index for every named mention
        self.token_cluster: dict[int, int] = {}
        self.build()

    # -- building the table -------------------------------------------------

    def build(self) -> None:
        ents = [e for e in self.doc.ents if e.label_ in _LABELS]
        people = [e for e in ents if e.label_ == "PERSON"]
        # Full names first, so "Putin" in a headline finds "Vladimir Putin" further down.
        by_key: dict[tuple[str, str], int] = {}
        for ent in sorted(people, key=lambda e: -len(self.name_words(e))):
            words = self.name_words(ent)
            if not words:
                continue
            index = self.match_person(words)
            if index is None:
                index = self.add(Cluster(" ".join(words), "PERSON"))
            self.attach(index, ent)
        for ent in ents:
            if ent.label_ == "PERSON":
                continue
            name = canonical_name(ent.text)
            if not name:
                continue
            person = self.surname_match(name)
            if person is not None:  # "Sorvik" tagged as an organisation but named in full before
                self.attach(person, ent)
                continue
            key = (ent.label_ if ent.label_ != "GPE" else "GPE", _fold(name))
            index = by_key.get(key)
            if index is None:
                index = self.match_acronym(name, ent.label_)
            if index is None:
                index = self.add(Cluster(name, ent.label_))
            by_key[key] = index
            self.attach(index, ent)
        for index, cluster in enumerate(self.clusters):
            if cluster.label == "PERSON":
                cluster.role = self.find_role(index)

    def name_words(self, ent: Span) -> list[str]:
        words = canonical_name(ent.text).split()
        while words and words[0].lower() in lexicon.ROLE_NOUNS | lexicon.ROLE_MODIFIERS:
            words = words[1:]
        return words

    def match_person(self, words: list[str]) -> int | None:
        folded = [_fold(w) for w in words]
        best = None
        for index, cluster in enumerate(self.clusters):
            if cluster.label != "PERSON":
                continue
            names = [_fold(w) for w in cluster.name.split()]
            if folded == names:
                return index
            # "Putin" -> "Vladimir Putin"; "Hillary Clinton" -> "Hillary Rodham Clinton"
            if len(folded) < len(names) and folded[-1] == names[-1] and all(w in names for w in folded):
                best = index if best is None else best
            elif len(folded) == 1 and folded[0] == names[0] and best is None and len(names) > 1:
                best = index  # a first name alone ("Hillary")
        return best

    def surname_match(self, name: str) -> int | None:
        """The one person whose name ends with (or is) this single word."""
        words = name.split()
        if len(words) != 1 or not words[0][:1].isupper():
            return None
        folded = _fold(words[0])
        found = [i for i, c in enumerate(self.clusters)
                 if c.label == "PERSON" and len(c.name.split()) > 1 and _fold(c.name.split()[-1]) == folded]
        return found[0] if len(found) == 1 else None

    def match_acronym(self, name: str, label: str) -> int | None:
        short = name.replace(".", "").replace(" ", "")
        for index, cluster in enumerate(self.clusters):
            if cluster.label != label and {cluster.label, label} != {"GPE", "ORG"}:
                continue
            words = [w for w in cluster.name.split() if w[0].isupper()]
            initials = "".join(w[0] for w in words)
            other = cluster.name.replace(".", "").replace(" ", "")
            if short.isupper() and len(short) >= 2 and (short in (initials, other)):
                return index
            if other.isupper() and len(other) >= 2 and "".join(w[0] for w in name.split() if w[0].isupper()) == other:
                cluster.name = name  # prefer the spelled-out name
                return index
        return None

    def add(self, cluster: Cluster) -> int:
        self.clusters.append(cluster)
        return len(self.clusters) - 1

    def attach(self, index: int, span: Span) -> None:
        self.clusters[index].mentions.append((span.start_char, span.end_char))
        for token in span:
            self.token_cluster[token.i] = index
        self.note_gender(index, span)

    def note_gender(self, index: int, span: Span) -> None:
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        first = span[0].lower_
        for word in (before, first):
            if word in _MALE:
                self.gender.setdefault(index, "m")
            elif word in _FEMALE:
                self.gender.setdefault(index, "f")

    def find_role(self, index: int) -> str | None:
        cluster = self.clusters[index]
        for start, _end in cluster.mentions:
            span = self.doc.char_span(start, _end, alignment_mode="expand")
            if span is None:
                continue
            role = self.role_before(span) or self.role_in_apposition(span)
            if role:
                return role
        return None

    def role_before(self, name: Span) -> str | None:
        """"Russian President Vladimir Putin" -> "Russian President"; "union leader X" -> "union leader"."""
        root = name.root
        i = name.start - 1
        words: list[Token] = []
        while i >= 0:
            token = self.doc[i]
            if token.is_space or token.pos_ in {"DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ"}:
                break
            if token.is_punct and token.text not in {"-", "'s", "’s"}:
                break
            # the token must hang off the name (directly or through other role words)
            head = token
            while head.i < name.start and head.head.i != head.i and head.dep_ in {"compound", "amod", "nmod", "poss", "case", "npadvmod", "nummod", "punct"}:
                head = head.head
            if not (name.start <= head.i < name.end or head.i == root.i):
                break
            words.insert(0, token)
            i -= 1
        while words and words[0].lower_ in lexicon.HONORIFICS:
            words.pop(0)
        # A role needs a role noun; "Democrat Hillary Clinton" is a party, not a role.
        while words and words[-1].lower_ not in lexicon.ROLE_NOUNS and words[-1].lower_ not in lexicon.HONORIFICS:
            words.pop()
        while words and words[-1].lower_ in lexicon.HONORIFICS:
            words.pop()
        if not words or not any(w.lower_ in lexicon.ROLE_NOUNS for w in words):
            return None
        return canonical_name(self.doc[words[0].i:words[-1].i + 1].text) or None

    def role_in_apposition(self, name: Span) -> str | None:
        """"Dmitry Peskov, the Kremlin spokesman," -> "Kremlin spokesman"."""
        head = name.root
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and child.lemma_.lower() in lexicon.ROLE_NOUNS:
                tokens = [t for t in child.subtree if t.i > name.end - 1]
                if not tokens or len(tokens) > 10:
                    continue
                return canonical_name(self.doc[tokens[0].i:tokens[-1].i + 1].text) or None
        return None

    # -- resolving sources --------------------------------------------------

    def resolve(self, relations: list[Relation]) -> None:
        order = sorted(range(len(relations)), key=lambda i: relations[i].source[0] if relations[i].source else relations[i].start)
        resolved_speakers: list[tuple[int, int]] = []  # (offset, cluster) of speakers so far
        for i in order:
            relation = relations[i]
            if relation.continues is not None and relation.source is None:
                continue
            if relation.source is None:
                continue
            index = self.resolve_mention(relation.source, resolved_speakers)
            relation.speaker = index
            if index is not None:
                resolved_speakers.append((relation.source[0], index))
                self.clusters[index].mentions.append(relation.source) if relation.source not in self.clusters[index].mentions else None
        for relation in relations:
            if relation.continues is not None and relation.speaker is None:
                relation.speaker = relations[relation.continues].speaker
        for cluster in self.clusters:
            cluster.mentions.sort()

    def resolve_mention(self, source: Offsets, speakers: list[tuple[int, int]]) -> int | None:
        span = self.doc.char_span(*source, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        named = self.named_cluster(span)
        if named is not None:
            return named
        root = span.root
        word = root.lower_
        if root.pos_ == "PROPN" and (person := self.surname_match(canonical_name(root.text))) is not None:
            return person
        if word in lexicon.PERSONAL_PRONOUNS or word in {"himself", "herself"}:
            gender = "m" if word in _MALE else "f"
            return self.antecedent_person(span.start_char, gender, speakers)
        if word in lexicon.RELATIVE_PRONOUNS:
            head = root.head.head if root.head.dep_ == "relcl" else None
            if head is not None:
                mention = self.doc[head.left_edge.i:head.i + 1]
                return self.resolve_mention((mention.start_char, mention.end_char), speakers)
            return None
        if word in lexicon.FIRST_PERSON or word == "you":
            return None
        bare = all(t.lower_ in lexicon.ROLE_NOUNS | lexicon.ROLE_MODIFIERS | {"the", "this"} or t.is_punct for t in span)
        if root.lemma_.lower() in lexicon.ROLE_NOUNS and (bare or any(t.lower_ in {"the", "this"} for t in span)):
            holder = self.role_holder(span, speakers)
            if holder is not None:
                return holder
        if word in lexicon.PLURAL_PRONOUNS or word == "it":
            return self.antecedent_group(span.start_char, speakers)
        return self.nominal(span)

    def named_cluster(self, span: Span) -> int | None:
        candidates = [self.token_cluster[t.i] for t in span if t.i in self.token_cluster]
        if not candidates:
            return None
        # prefer the head's own entity, then people, then organisations
        if span.root.i in self.token_cluster:
            head_cluster = self.token_cluster[span.root.i]
            if self.clusters[head_cluster].label != "NORP":
                return head_cluster
        rank = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "FAC": 5}
        return min(candidates, key=lambda c: rank.get(self.clusters[c].label, 9))

    def antecedent_person(self, offset: int, gender: str, speakers: list[tuple[int, int]]) -> int | None:
        window = max(0, offset - 1500)
        candidates: list[tuple[int, int]] = []  # (position, cluster)
        for index, cluster in enumerate(self.clusters):
            if cluster.label != "PERSON" or self.gender.get(index, gender) != gender:
                continue
            for start, _ in cluster.mentions:
                if window <= start < offset:
                    candidates.append((start, index))
        recent_speakers = [(pos, c) for pos, c in speakers if window <= pos < offset
                           and self.clusters[c].label == "PERSON" and self.gender.get(c, gender) == gender]
        subjects = [(pos, c) for pos, c in candidates if self.is_subject_at(pos)]
        pool = recent_speakers or subjects or candidates
        if not pool:
            return None
        position, index = max(pool)
        # A different person named as a subject after the last speaker takes over.
        later = [(p, c) for p, c in subjects if p > position]
        if later:
            position, index = max(later)
        self.gender.setdefault(index, gender)
        return index

    def is_subject_at(self, offset: int) -> bool:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return False
        token = span[0]
        while token.dep_ in ("compound", "amod", "flat") and token.head.i != token.i:
            token = token.head
        return token.dep_ in ("nsubj", "nsubjpass")

    def antecedent_group(self, offset: int, speakers: list[tuple[int, int]]) -> int | None:
        before = [(pos, c) for pos, c in speakers if pos < offset and self.clusters[c].label != "PERSON"]
        if before and offset - max(before)[0] < 1500:
            return max(before)[1]
        return None

    def role_holder(self, span: Span, speakers: list[tuple[int, int]]) -> int | None:
        noun = span.root.lemma_.lower()
        holders = [i for i, c in enumerate(self.clusters)
                   if c.label == "PERSON" and c.role and noun in c.role.lower()]
        if not holders:
            return None
        spoken = [c for _, c in reversed(speakers) if c in holders]
        return spoken[0] if spoken else holders[0]

    def nominal(self, span: Span) -> int:
        name = canonical_name(span.text)
        head = span.root.lemma_.lower()
        definite = span[0].lower_ in {"the", "this", "that"}
        for index in range(len(self.clusters) - 1, -1, -1):
            cluster = self.clusters[index]
            if cluster.label != "NOMINAL":
                continue
            if _fold(cluster.name) == _fold(name) and span[0].lower_ not in {"a", "an", "another"}:
                return index
            if definite and cluster.name.split() and cluster.name.split()[-1].lower().rstrip("s") == head.rstrip("s"):
                return index
        return self.add(Cluster(name or span.text, "NOMINAL", mentions=[]))


def _fold(text: str) -> str:
    return text.lower().replace(".", "").replace("’", "'")
