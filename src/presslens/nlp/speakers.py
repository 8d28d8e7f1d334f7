"""Who each attribution's source is: one canonical entity per person or organisation.

The resolver builds the article's entity table from spaCy's named entities,
merging the forms of a name ("Putin", "Vladimir Putin", "Mr. Putin") under the
form the article uses most, and collects every role the article gives a person
("Russian President Vladimir Putin", "Dmitry Peskov, the Kremlin spokesman").
It then resolves each relation's source mention, in text order:

* a name resolves to its entity; names joined by "and" to a group of them; a
  surname two people share ("Johnson") to the one most salient at that point;
* a personal pronoun that is a subject to the main subject before it in its
  sentence or in the sentence before, when the gender agrees ("Mr. Obama
  dismissed it. 'I love Larry,' he said"); "they" likewise to a group, people
  named together or "the two";
* any other personal pronoun to the most salient earlier person of agreeing
  gender: salience adds up the person's recent mentions, weighting subjects and
  speakers and decaying with distance in sentences; gender comes from
  honorifics, given names and pronouns already resolved. Names inside the
  source's own quote, and the speaker of a quote the source stands in, do not
  count ("McCrummen reports: 'she ...'" is not McCrummen);
* an honorific's gender to the person of that gender ("Mrs. Clinton");
* "each", "both men", "the two presidents" to the people just named together
  (or the last two named), "the candidates" to the pair named together most;
* a relative pronoun ("who") to the noun it modifies;
* a description ("the Republican nominee", "the senator") to the person the
  article gave that role, else to the most salient person;
* a noun that an entity modifies ("the Clinton campaign", "Obama's aides") to
  an entity of its own, which later mentions ("the campaign") find again;
* a work to whoever made it: "a web video by the RNC", "a Donald Trump tweet",
  "the ad" (the maker of the work mentioned last), a campaign ad to the campaign;
* "it" to the most salient organisation or description of one ("the city of Phoenix");
* anything else ("officials", "a reporter for USA Today") to an entity named by
  the phrase, with the prepositional phrase that says which one ("observers in
  Virginia") or the adjective phrase ("those close to him", the pronoun named);
  "one of the advisers" in the singular;
* a headline's capitalised words run into a name ("Obama Seeks") to that person;
* a quote that continues the previous speaker to that speaker.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presslens.nlp import lexicon
from presslens.nlp.annotations import Cluster, Offsets, Relation
from presslens.nlp.doccache import sentences, token_starts

__all__ = ["SpeakerResolver", "canonical_name"]

_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?=\s|$)")
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_DEFINITE = {"the", "this", "that", "these", "those"}
#: Nouns that say a person's gender, beyond the lexicon's ("the former first lady")
_GENDERED_NOUNS = {**lexicon.GENDERED_NOUNS, "lady": "f", "gentleman": "m", "widow": "f", "widower": "m",
                   "aunt": "f", "uncle": "m", "niece": "f", "nephew": "m", "grandson": "m", "granddaughter": "f"}
#: Works that speak for their maker, beyond the lexicon's ("Jared Diamond's 2005 best seller, which ...")
_WORK_NOUNS = lexicon.WORK_NOUNS | {"seller", "bestseller", "novel", "memoir", "biography", "autobiography"}
#: Prepositions whose phrase says which people a plural noun means ("observers in Virginia",
#: "officials from both parties")
_GROUP_PREPOSITIONS = {"in", "at", "from", "across"}
#: Words that make a name an organisation's, whatever given name it starts with
_ORG_NAME_WORDS = lexicon.ORG_NOUNS | {"news", "service", "press", "times", "post", "journal", "center", "centre",
                                       "fund", "project", "network", "media", "report", "review", "herald", "daily"}
#: Words that stand for the people just named together: "each touting their own experience"
_PAIR_WORDS = {"each", "both", "two"}
#: Plural nouns for people that "both ..." or "the two ..." make the people just named
_PERSON_NOUNS = {"man", "woman", "leader", "politician", "rival", "opponent", "senator", "president"}
_MALE_TITLES = {"mr", "sir", "lord"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady"}
_WINDOW_SENTENCES = 8


def _strip_punct(text: str) -> str:
    start, end = 0, len(text)
    while start < end and (unicodedata.category(text[start])[0] in "PSZ" and text[start] not in "@#$"):
        start += 1
    while end > start and (unicodedata.category(text[end - 1])[0] in "PSZ" and text[end - 1] not in ".)"):
        end -= 1
    return text[start:end]


def canonical_name(text: str, *, drop_quantifiers: bool = False) -> str:
    """A name as written, without honorifics, determiners, possessive endings or stray punctuation."""
    words = _strip_punct(" ".join(text.replace("\u00a0", " ").split())).split()
    while words and (words[0].lower() in lexicon.HONORIFICS or words[0].lower() in {"the", "a", "an"}
                     or (drop_quantifiers and (words[0].lower() in lexicon.QUANTIFIERS or words[0].isdigit()))):
        words = words[1:]
    name = _POSSESSIVE.sub("", " ".join(words))
    return _strip_punct(name).strip(". ") if name.endswith(".") and name.count(".") == 1 else _strip_punct(name)


#: Words that make a role another role: "the president" is not the vice-president.
_QUALIFIERS = {
    "vice", "deputy", "assistant", "former", "acting", "associate", "lieutenant", "co", "ex", "vice-presidential",
}
_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "pres": "president",
                  "lt": "lieutenant", "col": "colonel", "capt": "captain", "sgt": "sergeant", "atty": "attorney"}


def _expand(word: str) -> str:
    return _ABBREVIATIONS.get(word.rstrip("."), word)


def _is_role_word(word: str) -> bool:
    return word in lexicon.ROLE_NOUNS or _expand(word.rstrip(".")) in lexicon.ROLE_NOUNS


def _names_people(noun: str) -> bool:
    """Whether a common noun names people: a role ("officials"), a generic ("residents") or an
    agent noun ("observers", "activists"), not a thing ("polls")."""
    return (noun in lexicon.ROLE_NOUNS or noun in lexicon.GENERIC_PEOPLE or noun in _GENDERED_NOUNS
            or noun.endswith(("er", "or", "ist", "ian", "ant", "ent")))


def _fold(text: str) -> str:
    return " ".join(_POSSESSIVE.sub("", text.lower()).replace(".", "").replace("’", "'").split())


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    sentence: int
    subject: bool
    speaker: bool


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
        self.roles: dict[int, list[str]] = {}
        self.forms: dict[int, Counter[str]] = {}
        self.mentions: dict[int, list[_Mention]] = {}
        #: token index -> cluster index for every named mention
        self.token_cluster: dict[int, int] = {}
        #: cluster index -> head noun of a description ("city" for "city of Phoenix")
        self.heads: dict[int, str] = {}
        #: while a source is resolved: the text its relation quotes, whose names are not its speaker
        self.quoted: list[Offsets] = []
        #: while a source is resolved: speakers of the quotes it stands in, who are not its speaker
        self.quoting: set[int] = set()
        #: token index -> cluster index for the tokens of every source resolved so far ("he")
        self.source_tokens: dict[int, int] = {}
        self.token_starts = token_starts(doc)
        self.sentence_starts = [s.start_char for s in sentences(doc)]
        self.build()

    # -- positions ------------------------------------------------------------

    def token_at(self, offset: int) -> Token:
        return self.doc[max(0, bisect.bisect_right(self.token_starts, offset) - 1)]

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    @staticmethod
    def is_subject(token: Token) -> bool:
        while token.dep_ in ("compound", "amod", "flat", "appos") and token.head.i != token.i:
            token = token.head
        return token.dep_ in ("nsubj", "nsubjpass")

    # -- building the table -------------------------------------------------

    @staticmethod
    def label_of(ent: Span) -> str:
        """The entity's label, correcting places the small model takes for people ("Kiev")."""
        if ent.label_ in ("PERSON", "ORG", "NORP") and canonical_name(ent.text).lower() in lexicon.PLACE_SPELLINGS:
            return "GPE"
        words = canonical_name(ent.text).split()
        if (ent.label_ in ("ORG", "GPE", "NORP") and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
                and words[0].lower() in lexicon.MALE_NAMES | lexicon.FEMALE_NAMES
                and not any(w.lower() in _ORG_NAME_WORDS for w in words)):  # but "Christian News Service"
            return "PERSON"  # "Elena Sorvik" taken for an organisation: a given name says otherwise
        return ent.label_

    def build(self) -> None:
        ents = [e for e in self.doc.ents if e.label_ in _LABELS]
        labels = {e.start: self.label_of(e) for e in ents}
        people = self.headline_names([self.widened(e) for e in ents if labels[e.start] == "PERSON"])
        # Full names first, so "Putin" in a headline finds "Vladimir Putin" further down.
        for ent in sorted(people, key=lambda e: (-len(self.name_words(e)), e.start)):
            words = self.name_words(ent)
            if not words:
                continue
            index = self.match_person(words, ent.start_char, gender=self.titled_gender(ent))
            if index is None:
                index = self.add(Cluster(" ".join(words), "PERSON"))
            self.attach(index, ent, " ".join(words))
        by_key: dict[tuple[str, str], int] = {}
        for ent in sorted(ents, key=lambda e: (-len(e), e.start)):
            label = labels[ent.start]
            if label == "PERSON":
                continue
            name = canonical_name(ent.text)
            if not name:
                continue
            place = lexicon.PLACE_SPELLINGS.get(name.lower())
            if place is not None:  # "Kiev" and "Kyiv": one place, each mention as written
                key = ("GPE", f"place:{place}")
                index = by_key.get(key)
                if index is None:
                    index = by_key[key] = self.add(Cluster(name, "GPE"))
                self.attach(index, ent, name)
                continue
            person = self.surname_match(name, ent.start_char)
            if person is not None:  # "Sorvik" tagged as an organisation but named in full elsewhere
                self.attach(person, ent, name)
                continue
            key = (label, _fold(name))
            index = by_key.get(key)
            if index is None:
                index = self.match_acronym(name, label)
            if index is None and label == "ORG":  # "the Post" after "the New York Post"
                index = next((i for (other, folded), i in by_key.items()
                              if other == "ORG" and folded.endswith(" " + _fold(name))), None)
            if index is None:
                index = self.add(Cluster(name, label))
            by_key[key] = index
            self.attach(index, ent, name)
        for index, cluster in enumerate(self.clusters):
            if cluster.label == "PERSON":
                self.settle_person(index)

    def headline_names(self, people: list[Span]) -> list[Span]:
        """People with a headline's capitalised words taken into their name ("Obama Seeks",
        "Elizabeth Warren Hammers Wells Fargo CEO") cut back to the longest start that the article
        names someone by, when the words after it are in no name the article gives."""
        end = self.doc.text.find("\n")
        body = [[_fold(w) for w in self.name_words(e)] for e in people if end < 0 or e.start_char > end]
        names = {tuple(words) for words in body} | {(words[-1],) for words in body if words}
        in_names = {w for words in body for w in words}
        result = []
        for ent in people:
            words = self.name_words(ent)
            folded = [_fold(w) for w in words]
            if words and end > 0 and ent.end_char <= end and tuple(folded) not in names:
                k = next((k for k in range(len(words) - 1, 0, -1) if tuple(folded[:k]) in names
                          and not set(folded[k:]) & in_names), 0)
                start = ent.text.find(words[0])
                if k and start >= 0:
                    stop = ent.text.find(words[k - 1], start) + len(words[k - 1])
                    cut = self.doc.char_span(ent.start_char + start, ent.start_char + stop, alignment_mode="expand")
                    ent = cut if cut is not None else ent
            result.append(ent)
        return result

    def widened(self, ent: Span) -> Span:
        """A one-word person name with the given name the entity recognizer left out: in
        "Amelize Joseph loves ...", the small model tags only "Joseph"."""
        start = ent.start
        while (start > 0 and len(ent) == 1 and self.doc[start - 1].pos_ == "PROPN"
               and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].head.i == ent.root.i
               and self.doc[start - 1].text.istitle() and not self.doc[start - 1].ent_type_
               and self.doc[start - 1].lower_.rstrip(".") not in lexicon.ROLE_NOUNS | lexicon.ROLE_MODIFIERS
               and self.doc[start - 1].lower_ not in lexicon.HONORIFICS):
            start -= 1
        return self.doc[start:ent.end] if start < ent.start else ent

    def name_words(self, ent: Span) -> list[str]:
        words = canonical_name(ent.text).split()
        while words and words[0].lower() in lexicon.ROLE_NOUNS | lexicon.ROLE_MODIFIERS:
            words = words[1:]
        return words

    def match_person(self, words: list[str], offset: int | None = None, *, gender: str | None = None) -> int | None:
        """The person a name fits: the same name, or a longer one it is part of. An honorific's
        ``gender`` rules out people of the other gender ("Mrs. Clinton" is not Bill Clinton)."""
        folded = [_fold(w) for w in words]
        partial: list[int] = []
        given: list[int] = []
        for index, cluster in enumerate(self.clusters):
            if cluster.label != "PERSON":
                continue
            names = [_fold(w) for w in cluster.name.split()]
            if folded == names:
                return index
            # "Putin" -> "Vladimir Putin"; "Hillary Clinton" -> "Hillary Rodham Clinton"
            if len(folded) < len(names) and folded[-1] == names[-1] and all(w in names for w in folded):
                partial.append(index)
            elif len(folded) == 1 and folded[0] == names[0] and len(names) > 1:
                given.append(index)  # a given name alone ("Hillary")
            elif len(folded) > len(names) and folded[-len(names):] == names and len(names) > 1:
                partial.append(index)  # "Rip Donald Trump" (a stray word before the name)
        if gender is not None:
            partial = [i for i in partial if self.gender.get(i, gender) == gender]
            given = [i for i in given if self.gender.get(i, gender) == gender]
        return self.nearest(partial or given, offset)

    def nearest(self, candidates: list[int], offset: int | None) -> int | None:
        """Of several people a short name fits ("Johnson": Gary or Jeh), the most salient one at
        ``offset`` (recent subject mentions count most); failing that, the one named most."""
        if len(candidates) <= 1 or offset is None:
            return candidates[0] if candidates else None
        here = self.sentence_at(offset)

        def key(index: int) -> tuple[float, int, int]:
            weight = sum(0.6 ** (here - m.sentence) * (2.0 if m.subject else 1.0)
                         for m in self.mentions.get(index, ()) if m.start < offset)
            return (weight, len(self.clusters[index].mentions), -index)

        return max(candidates, key=key)

    def surname_match(self, name: str, offset: int | None = None) -> int | None:
        """The person whose name ends with this single word (the nearest one, if several do)."""
        words = name.split()
        if len(words) != 1 or not words[0][:1].isupper():
            return None
        folded = _fold(words[0])
        found = [i for i, c in enumerate(self.clusters)
                 if c.label == "PERSON" and len(c.name.split()) > 1 and _fold(c.name.split()[-1]) == folded]
        return self.nearest(found, offset)

    def match_acronym(self, name: str, label: str) -> int | None:
        short = name.replace(".", "").replace(" ", "")
        for index, cluster in enumerate(self.clusters):
            if cluster.label != label and {cluster.label, label} != {"GPE", "ORG"}:
                continue
            words = [w for w in cluster.name.split() if w[0].isupper()]
            initials = "".join(w[0] for w in words)
            other = cluster.name.replace(".", "").replace(" ", "")
            if short.isupper() and len(short) >= 2 and short in (initials, other):
                return index
            if other.isupper() and len(other) >= 2 and "".join(w[0] for w in name.split() if w[0].isupper()) == other:
                cluster.name = name  # prefer the spelled-out name
                return index
        return None

    def add(self, cluster: Cluster) -> int:
        self.clusters.append(cluster)
        index = len(self.clusters) - 1
        self.mentions[index] = []
        self.forms[index] = Counter()
        return index

    def attach(self, index: int, span: Span, form: str | None = None, *, speaker: bool = False) -> None:
        self.clusters[index].mentions.append((span.start_char, span.end_char))
        for token in span:
            self.token_cluster.setdefault(token.i, index)
        if form:
            self.forms[index][form] += 1
        self.mentions[index].append(_Mention(span.start_char, self.sentence_at(span.start_char),
                                             self.is_subject(span.root), speaker))
        self.note_gender(index, span)

    @staticmethod
    def titled_gender(span: Span) -> str | None:
        """The gender an honorific just before or at the start of a name gives ("Mrs. Clinton")."""
        before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        for word in (before, span[0].lower_.rstrip(".") if len(span) else ""):
            if word in _MALE_TITLES:
                return "m"
            if word in _FEMALE_TITLES:
                return "f"
        return None

    def note_gender(self, index: int, span: Span) -> None:
        words = [t.lower_.rstrip(".") for t in span]
        titled = self.titled_gender(span)
        if titled is not None:
            self.gender.setdefault(index, titled)
        if self.clusters[index].label == "PERSON" and len(words) >= 2:  # a lone "Joseph" may be a surname
            first = words[0]
            if first in lexicon.MALE_NAMES:
                self.gender.setdefault(index, "m")
            elif first in lexicon.FEMALE_NAMES:
                self.gender.setdefault(index, "f")

    def settle_person(self, index: int) -> None:
        """Canonical name (the full form used most), roles and gender of a person."""
        cluster = self.clusters[index]
        full = [(n, form) for form, n in self.forms[index].items() if len(form.split()) >= 2]
        if full:
            most = max(n for n, _ in full)
            cluster.name = next(form for n, form in sorted(full, key=lambda x: self.first_use(index, x[1]))
                                if n == most)
        roles = []
        for start, end in cluster.mentions:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for role in (self.role_before(span), self.role_in_apposition(span)):
                if role and role not in roles:
                    roles.append(role)
        self.roles[index] = roles
        cluster.role = roles[0] if roles else None
        given = cluster.name.split()[0].lower()
        if given in lexicon.MALE_NAMES:
            self.gender.setdefault(index, "m")
        elif given in lexicon.FEMALE_NAMES:
            self.gender.setdefault(index, "f")

    def first_use(self, index: int, form: str) -> int:
        for start, end in self.clusters[index].mentions:
            if form in self.doc.text[start:end]:
                return start
        return len(self.doc.text)

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
            head = token  # the token must hang off the name, directly or through other role words
            while head.i < name.start and head.head.i != head.i and head.dep_ in {
                    "compound", "amod", "nmod", "poss", "case", "npadvmod", "nummod", "punct"}:
                head = head.head
            if not (name.start <= head.i < name.end or head.i == root.i):
                break
            words.insert(0, token)
            i -= 1
        while words and words[0].lower_ in lexicon.HONORIFICS and _expand(words[0].lower_) == words[0].lower_:
            words.pop(0)
        # A role needs a role noun ("Gov." counts); "Democrat Hillary Clinton" is a party, not a role.
        while words and not _is_role_word(words[-1].lower_):
            words.pop()
        if not words:
            return None
        return canonical_name(self.doc[words[0].i:words[-1].i + 1].text) or None

    def role_in_apposition(self, name: Span) -> str | None:
        """"Dmitry Peskov, the Kremlin spokesman," -> "Kremlin spokesman"."""
        head = name.root
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and (
                    child.lemma_.lower() in lexicon.ROLE_NOUNS or child.pos_ == "NOUN"):
                tokens = [t for t in child.subtree if t.i > name.end - 1]
                cut = next((k for k, t in enumerate(tokens) if t.dep_ in ("relcl", "acl") or t.text == ","),
                           len(tokens))
                tokens = tokens[:cut]
                if not tokens or len(tokens) > 8:
                    continue
                return canonical_name(self.doc[tokens[0].i:tokens[-1].i + 1].text) or None
        return None

    # -- salience -------------------------------------------------------------

    def salient(self, offset: int, *, label: str = "PERSON", gender: str | None = None) -> int | None:
        """The entity with the most weight of recent mentions before ``offset``."""
        return self.most_salient(offset, lambda index: self.clusters[index].label == label and (
            gender is None or self.gender.get(index, gender) == gender))

    def salient_body(self, offset: int) -> int | None:
        """For "it": the most salient organisation, or a description of one ("the city of Phoenix",
        "the Trump campaign")."""
        return self.most_salient(offset, lambda index: self.clusters[index].label == "ORG" or (
            self.clusters[index].label == "NOMINAL" and self.singular_body(index)))

    def most_salient(self, offset: int, accept: Callable[[int], bool]) -> int | None:
        """Of the entities ``accept`` lets through, the one with the most weight of mentions in the
        sentences before ``offset``: subjects and speakers weigh more, and weight decays with distance."""
        here = self.sentence_at(offset)
        best: tuple[float, int] | None = None
        for index in range(len(self.clusters)):
            if not accept(index):
                continue
            weight = 0.0
            for mention in self.mentions.get(index, ()):
                distance = here - mention.sentence
                if (mention.start >= offset or distance > _WINDOW_SENTENCES
                        or not self.counts_for_source(index, mention)):
                    continue
                weight += 0.6 ** distance * (2.0 if mention.subject else 1.0) * (1.5 if mention.speaker else 1.0)
            if weight > 0 and (best is None or weight > best[0]):
                best = (weight, index)
        return best[1] if best else None

    def previous_subject(self, offset: int, gender: str) -> int | None:
        """For a pronoun that is a subject: the person of its gender who is the main subject of its
        own sentence before it ("Obama spoke as he left"), else of the sentence before ("Mr. Obama
        dismissed the criticism of Mr. Tribe's client. 'I love Larry,' he said"): a subject pronoun
        keeps the topic the sentence before had."""
        for number, subject in self.main_subjects_before(offset):
            index = self.person_named_by(subject)
            if (index is not None and self.gender.get(index, gender) == gender
                    and self.counts_for_source(index, _Mention(subject.idx, number, True, False))):
                return index
        return None

    def main_subjects_before(self, offset: int) -> Iterator[tuple[int, Token]]:
        """``(sentence number, subject)`` of the main clauses before ``offset``: in its own sentence,
        then in the sentence before."""
        here = self.sentence_at(offset)
        spans = sentences(self.doc)
        for number in (here, here - 1):
            if number < 0:
                continue
            for subject in spans[number]:
                if subject.dep_ in ("nsubj", "nsubjpass") and subject.head.dep_ == "ROOT" and subject.idx < offset:
                    yield number, subject

    def previous_group_subject(self, offset: int, *, depth: int = 0) -> int | None:
        """For "they" as a subject: the people named together ("Mr. Obama and Hillary Clinton") or
        the group that is the main subject of its sentence before it or of the sentence before;
        a "they" there is followed back one step."""
        for number, subject in self.main_subjects_before(offset):
            index = self.source_tokens.get(subject.i)
            if index is not None and self.clusters[index].label not in ("GROUP", "ORG"):
                index = None
            if index is None and subject.lower_ in _PAIR_WORDS:  # "the two learned ..."
                index = self.people_together(self.doc[subject.i:subject.i + 1], subject)
            if index is None and subject.lower_ in lexicon.PLURAL_PRONOUNS and depth == 0:
                index = self.previous_group_subject(subject.idx, depth=1)
            if index is None and self.person_named_by(subject) is not None and any(
                    self.person_named_by(c) is not None for c in subject.conjuncts):
                index = self.conjoined(subject)
            if index is not None and self.counts_for_source(index, _Mention(subject.idx, number, True, False)):
                return index
        return None

    def person_named_by(self, token: Token) -> int | None:
        """The person a subject names: a name, a source already resolved ("he"), or the owner of
        a thing ("Mr. Obama's roots")."""
        for found in (self.token_cluster.get(token.i), self.source_tokens.get(token.i)):
            if found is not None and self.clusters[found].label == "PERSON":
                return found
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ not in lexicon.PERSONAL_PRONOUNS | lexicon.PLURAL_PRONOUNS:
            return self.person_named_by(owner)
        return None

    def singular_body(self, index: int) -> bool:
        """Whether a description names one organisation or place ("the campaign", not "27 states")."""
        head = self.heads.get(index)
        if head not in lexicon.ORG_NOUNS | lexicon.PLACE_NOUNS:
            return False
        for start, end in self.clusters[index].mentions[:1]:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any(t.lemma_.lower() == head and t.tag_ in ("NNS", "NNPS") for t in span):
                return False
        return True

    def salient_group(self, offset: int) -> int | None:
        """For "they": the most salient organisation, group or plural description before ``offset``."""
        candidates = [i for i in (self.salient(offset, label=label) for label in ("ORG", "GROUP", "NOMINAL", "NORP"))
                      if i is not None]
        if not candidates:
            return None
        here = self.sentence_at(offset)

        def weight(index: int) -> float:
            return sum(0.6 ** (here - m.sentence) * (1.5 if m.speaker else 1.0)
                       for m in self.mentions.get(index, ()) if m.start < offset and self.counts_for_source(index, m))

        return max(candidates, key=weight)

    # -- resolving sources --------------------------------------------------

    def resolve(self, relations: list[Relation]) -> None:
        def position(i: int) -> int:
            source = relations[i].source
            return source[0] if source is not None else relations[i].start

        order = sorted(range(len(relations)), key=position)
        for i in order:
            relation = relations[i]
            if relation.source is None:
                continue
            self.quoted = list(relation.content)
            self.quoting = self.speakers_around(relation, relations)
            index = self.resolve_mention(relation.source)
            self.quoted, self.quoting = [], set()
            relation.speaker = index
            if index is not None:
                span = self.doc.char_span(*relation.source, alignment_mode="expand")
                for token in span if span is not None else ():
                    self.source_tokens.setdefault(token.i, index)
                if span is not None and relation.source not in self.clusters[index].mentions:
                    self.clusters[index].mentions.append(relation.source)
                    self.mentions[index].append(_Mention(relation.source[0], self.sentence_at(relation.source[0]),
                                                         True, True))
        for relation in relations:
            if relation.continues is not None and relation.speaker is None:
                relation.speaker = relations[relation.continues].speaker
        for cluster in self.clusters:
            cluster.mentions.sort()

    @staticmethod
    def speakers_around(relation: Relation, relations: list[Relation]) -> set[int]:
        """The speakers already resolved of quotes whose text holds this relation's source: in
        "McCrummen reports: 'she had seen him'", "she" is someone McCrummen writes about."""
        if relation.source is None:
            return set()
        start, end = relation.source
        return {other.speaker for other in relations if other is not relation and other.speaker is not None
                and any(s <= start and end <= e for s, e in other.content)}

    def counts_for_source(self, index: int, mention: _Mention) -> bool:
        """Whether a mention may make ``index`` the speaker of the source being resolved: not a name
        inside the source's own quote ("'I love Larry,' he said"), nor the speaker quoting it."""
        return index not in self.quoting and not any(s <= mention.start < e for s, e in self.quoted)

    @staticmethod
    def head_noun(span: Span) -> Token:
        """The noun a mention is about, past parser slips: "from [the committee]", "One of [the candidates]"."""
        root = span.root
        inside = range(span.start, span.end)
        if (root.pos_ in ("ADP", "NUM", "PART") or root.lower_ in lexicon.QUANTIFIERS
                or (root.pos_ in ("VERB", "AUX") and len(span) > 1)):  # "Tulsa police Chief ..." parsed as a verb
            for child in root.children:
                if child.i in inside and child.dep_ == "pobj":
                    return child
                if child.i in inside and child.dep_ == "prep":
                    objects = [c for c in child.children if c.dep_ == "pobj" and c.i in inside]
                    if objects:
                        return objects[0]
            nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN", "PRON")]
            if nouns:
                return nouns[-1]
        return root

    def resolve_mention(self, source: Offsets) -> int | None:
        span = self.doc.char_span(*source, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        root = self.head_noun(span)
        if root.pos_ in ("VERB", "AUX") and len(span) == 1 and root.is_lower:  # a mention marked on "said"
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                return None
            return self.resolve_mention((subject.left_edge.idx, subject.idx + len(subject)))
        # "one of Mr. Obama's climate advisers": one adviser, named in the singular
        member = span.root.lower_ == "one" and root.i > span.root.i and root.tag_ == "NNS"
        if root.i != span.root.i and root.i > span.start and span.root.pos_ not in ("VERB", "AUX"):
            span = self.doc[self.doc[root.left_edge.i].i if span.start <= root.left_edge.i else span.start:span.end]
        word = root.lower_
        if word in lexicon.PERSONAL_PRONOUNS or word in {"himself", "herself"}:
            gender = "m" if word in _MALE else "f"
            index = self.previous_subject(span.start_char, gender) if self.is_subject(root) else None
            if index is None:
                index = self.salient(span.start_char, gender=gender)
            if index is not None:
                self.gender.setdefault(index, "m" if word in _MALE else "f")
            return index
        if word in lexicon.RELATIVE_PRONOUNS:
            if root.head.dep_ != "relcl":  # a clause the parser hung elsewhere: the noun just before
                before = self.doc[root.i - 2] if root.i > 1 and self.doc[root.i - 1].text == "," else (
                    self.doc[root.i - 1] if root.i > 0 else None)
                if before is None or before.pos_ not in ("NOUN", "PROPN"):
                    return None
                start = min(before.left_edge.i, before.i)
                return self.resolve_mention((self.doc[start].idx, before.idx + len(before)))
            noun = root.head.head
            outer = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
            if (word == "who" and outer is not None and noun.i not in self.token_cluster
                    and (outer.lemma_.lower() in lexicon.ROLE_NOUNS | set(_GENDERED_NOUNS)
                         or outer.i in self.token_cluster)):
                noun = outer  # "the Republican nominee for president, who ...": the nominee
            if noun.dep_ == "appos":  # "Tim Kaine, a former civil rights lawyer who ..."
                noun = noun.head
            elif noun.dep_ == "attr":  # "Kaine is a former civil rights lawyer who ..."
                subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
                noun = subject if subject is not None else noun
            relative = {t.i for t in root.head.subtree}
            tokens = [t for t in noun.subtree if (t.i not in relative and t.i <= noun.i) or t.i == noun.i]
            return self.resolve_mention((tokens[0].idx, noun.idx + len(noun)))
        if word in lexicon.FIRST_PERSON or word == "you":
            return None
        if word in {"it", "its"}:
            return self.salient_body(span.start_char)
        if word in lexicon.PLURAL_PRONOUNS:
            group = self.previous_group_subject(span.start_char) if self.is_subject(root) else None
            return group if group is not None else self.salient_group(span.start_char)
        group = self.conjoined(root)
        if group is not None:
            return group
        pair = self.people_together(span, root)
        if pair is not None:
            return pair
        party = self.party_member(span, root)
        if party is not None:
            return party
        if root.pos_ == "PROPN" or (root.i in self.token_cluster and self.token_cluster[root.i] is not None):
            named = self.named(span)
            if named is not None:
                return named
        elif root.text[:1].isupper() and root.i == span.start:  # "Trump charges ...", parsed as a noun
            person = self.surname_match(canonical_name(root.text), root.idx)
            if person is not None:
                return person
        return self.describe(span, member=member)

    def party_member(self, span: Span, root: Token) -> int | None:
        """Nationality, religious or political groups used as people: "Republicans on the House
        committee" (a group of their own), "the Republican" (the person the article is about)."""
        if root.i not in self.token_cluster or self.clusters[self.token_cluster[root.i]].label != "NORP":
            return None
        if root.tag_ == "NNPS":
            last = self.qualifier_end(span, root, proper=True)
            if last == root.i:
                return None
            name = canonical_name(self.doc[root.i:last + 1].text)
            return self.nominal(name, definite=False, head=root.lemma_.lower())
        if root.tag_ == "NNP" and len(span) == 2 and span[0].lower_ == "the":
            return self.salient(span.start_char)
        return None

    def name_chain(self, root: Token) -> list[Token]:
        """The proper-noun words that end at ``root``: "Tulsa police Chief Chuck Jordan" -> Chuck Jordan."""
        words = [root]
        i = root.i - 1
        while i >= 0 and self.doc[i].pos_ == "PROPN" and self.doc[i].head.i in (root.i, i + 1):
            words.insert(0, self.doc[i])
            i -= 1
        while len(words) > 1 and words[0].lower_.rstrip(".") in lexicon.ROLE_NOUNS | lexicon.ROLE_MODIFIERS | {
                w.rstrip(".") for w in lexicon.HONORIFICS}:
            words.pop(0)
        return words

    def named(self, span: Span) -> int | None:
        """The entity a name in the span belongs to (the span's head first)."""
        root = self.head_noun(span)
        chain = self.name_chain(root) if root.pos_ == "PROPN" else []
        chain_name = canonical_name(self.doc[chain[0].i:chain[-1].i + 1].text) if chain else ""
        if root.i in self.token_cluster:
            index = self.token_cluster[root.i]
            cluster = self.clusters[index]
            # "Joseph" was all the entity recognizer saw; the source says "Amelize Joseph"
            if (cluster.label == "PERSON" and len(cluster.name.split()) == 1 and len(chain_name.split()) == 2
                    and _fold(chain_name).endswith(" " + _fold(cluster.name))
                    and chain[0].lower_ in lexicon.MALE_NAMES | lexicon.FEMALE_NAMES | {chain[0].lower_}
                    and not chain[0].is_sent_start):
                cluster.name = chain_name
            return index
        person = self.surname_match(canonical_name(root.text), root.idx)
        if person is not None:
            return person
        # A proper name the entity recognizer missed.
        if not chain_name:
            return None
        inside = next((self.token_cluster[t.i] for t in chain if t.i in self.token_cluster
                       and self.clusters[self.token_cluster[t.i]].label == "PERSON"), None)
        if inside is not None:  # "Elizabeth Warren Hammers Wells Fargo CEO": a headline's run of capitals
            return inside
        known = self.match_person(chain_name.split(), root.idx)
        if known is not None:
            return known
        if chain_name.replace(".", "").isupper():  # "CNS", missed, after "Christian News Service"
            spelled = self.match_acronym(chain_name, "ORG")
            if spelled is not None:
                return spelled
        index = self.add(Cluster(chain_name, "PERSON"))
        self.note_gender(index, self.doc[chain[0].i:chain[-1].i + 1])
        return index

    def conjoined(self, root: Token) -> int | None:
        """"Sens. Jon Tester and David Vitter": a group named by its members; a named member and a
        description ("Joseph and other community members") keep the description as written."""
        members = [root, *(c for c in root.conjuncts if c.i > root.i)]
        if len(members) < 2 or not any(m.i in self.token_cluster for m in members):
            return None
        noun = root.lemma_.lower()
        if (len(members) == 2 and root.tag_ == "NN" and members[1].i in self.token_cluster
                and self.clusters[self.token_cluster[members[1].i]].label == "PERSON"
                and (noun in lexicon.ROLE_NOUNS or noun in _GENDERED_NOUNS)):
            # "his wife and current Democratic presidential nominee Hillary Clinton": one person, twice
            return self.token_cluster[members[1].i]
        names = []
        for member in members:
            if member.i in self.token_cluster:
                name = self.clusters[self.token_cluster[member.i]].name
            elif member.pos_ in ("NOUN", "PROPN"):
                inner = {t.i for c in member.children if c.dep_ in ("conj", "cc", "punct", "relcl", "acl", "appos")
                         for t in c.subtree}
                tokens = [t for t in member.subtree if t.i not in inner]
                name = _strip_punct(self.doc[tokens[0].i:tokens[-1].i + 1].text)
            else:
                return None
            if name not in names:
                names.append(name)
        if len(names) < 2:
            return None
        return self.group(names)

    def people_together(self, span: Span, root: Token) -> int | None:
        """A mention of people named just before it, as a group of them: "each" or "both men" after
        "Trump and Clinton vied ..." or "Obama ran against McCain", "the two Republican presidents"
        after "Nixon ... Reagan"; "the candidates" after the candidates were last named together."""
        noun = root.lemma_.lower()
        words = {c.lower_ for c in root.lefts}  # "both men", not "officials from both parties"
        plural = root.tag_ in ("NNS", "NNPS")
        if root.lower_ in _PAIR_WORDS and all(t.i == root.i or t.lower_ == "the" for t in span) and (
                root.lower_ != "two" or (root.i > 0 and self.doc[root.i - 1].lower_ == "the")):
            pair = True  # "each", "both", "the two"
        elif plural and (noun in lexicon.ROLE_NOUNS or noun in _GENDERED_NOUNS or noun in _PERSON_NOUNS):
            pair = "both" in words or ("two" in words and span[0].lower_ == "the")
            if not pair and not (noun in lexicon.CANDIDACY and span[0].lower_ == "the"):
                return None
        else:
            return None
        here = self.sentence_at(span.start_char)
        first = sentences(self.doc)[max(0, here - 1)].start if pair else 0
        groups: Counter[int] = Counter()
        for token in reversed(self.doc[first:span.start]):
            if self.person_named_by(token) is not None and any(
                    self.person_named_by(c) is not None for c in token.conjuncts if c.i > token.i):
                index = self.conjoined(token)
                if index is None:
                    continue
                if pair:
                    return index
                groups[index] += 1
        if groups:  # the candidates: the people the article names together most
            return max(groups, key=lambda i: groups[i])
        if not pair:
            return None
        people: list[int] = []
        for token in reversed(self.doc[first:span.start]):
            index = self.person_named_by(token) if token.dep_ != "compound" else None
            if index is not None and index not in people:
                people.insert(0, index)
        return self.group([self.clusters[i].name for i in people[-2:]]) if len(people) >= 2 else None

    def group(self, names: list[str]) -> int:
        """The group named by its members ("Jon Tester and David Vitter")."""
        label = " and ".join([", ".join(names[:-1]), names[-1]])
        for index, cluster in enumerate(self.clusters):
            if cluster.label == "GROUP" and cluster.name == label:
                return index
        return self.add(Cluster(label, "GROUP"))

    def describe(self, span: Span, *, member: bool = False) -> int | None:
        """Descriptions and common nouns: roles, gendered nouns, organisation nouns, groups; a
        ``member`` of a group ("one of the advisers") is named by the singular ("adviser")."""
        root = self.head_noun(span)

        def as_written(token: Token) -> str:
            return token.lemma_ if member and token.i == root.i else token.text

        noun = root.lemma_.lower()
        words = [t for t in span if (not t.is_punct and t.pos_ != "ADP") or t.i > root.i]
        definite = bool(words) and (words[0].lower_ in _DEFINITE or words[0].dep_ == "poss")
        modifiers = [t for t in span if t.i < root.i and t.i in self.token_cluster]
        plural = root.tag_ in ("NNS", "NNPS")
        if noun in _WORK_NOUNS:
            maker = self.work_maker(span, root)
            if maker is not None:
                return maker
        for child in root.children:  # "Connecticut's tax commissioner, Kevin Sullivan,"
            if child.dep_ == "appos" and child.i in self.token_cluster:
                return self.token_cluster[child.i]
        if not plural and (noun in lexicon.ROLE_NOUNS or noun in _GENDERED_NOUNS):
            holder = self.role_holder(span, noun)
            if holder is not None:
                return holder
            gender = _GENDERED_NOUNS.get(noun)
            possessed = any(t.dep_ == "poss" for t in span if t.i < root.i)
            # "The FBI director", with no director named: someone the article does not name, not
            # whoever was mentioned last
            of_organisation = noun not in lexicon.CANDIDACY and (any(
                self.clusters[self.token_cluster[t.i]].label == "ORG" for t in modifiers) or self.of_a_thing(root))
            if not possessed and not of_organisation and (gender is not None or definite):
                salient = self.salient(span.start_char, gender=gender)
                if salient is not None:
                    return salient
        qualified = self.qualified_people(span, root)
        if qualified is not None:
            return self.nominal(qualified, definite=False, head=noun)
        # Name a group or description by its words up to the head noun and the phrase that says
        # which one it is: "a reporter for USA Today", "Republicans on the House committee".
        first = next((t for t in span if not (t.is_punct or t.pos_ == "ADP")), root)
        last = self.qualifier_end(span, root)
        name = canonical_name(self.doc[first.i:last + 1].text if first.i <= root.i else span.text,
                              drop_quantifiers=True)
        if member and last == root.i and name.endswith(root.text):
            name = name[:-len(root.text)] + root.lemma_
        if not name and len(span) == 1 and root.lower_ in lexicon.QUANTIFIERS and root.lower_ != "one":
            name = root.lower_  # "scrutiny from some who ...": the quantifier is all the name there is
        if not name:
            return None
        possessor = next((t for t in span if t.i < root.i and t.dep_ == "poss"
                          and t.lower_ in {"his", "her", "their", "its"}), None)
        if possessor is not None and not modifiers and (noun not in lexicon.ROLE_NOUNS or plural):
            owner_index = (self.salient(span.start_char, gender="m" if possessor.lower_ == "his" else "f")
                           if possessor.lower_ in {"his", "her"} else self.salient_group(span.start_char))
            if owner_index is not None:
                owner = self.clusters[owner_index]
                owner_name = (owner.name.split()[-1] if owner.label == "PERSON" and noun in lexicon.SURNAME_NOUNS
                              else owner.name)  # "Trump campaign", but "Amelize Joseph's daughter"
                return self.nominal(f"{owner_name} {root.text}", definite=False, head=noun)
        if modifiers and noun not in lexicon.ROLE_NOUNS:
            # "the Clinton campaign", "Obama's aides": an entity of its own, named by the
            # person's surname as news writes it ("Trump campaign" for "Donald Trump's campaign")
            owner_index = self.token_cluster[modifiers[0].i]
            owner = self.clusters[owner_index]
            if owner.label == "PERSON":
                written = [t for t in modifiers if self.token_cluster[t.i] == owner_index]
                owner_name = (owner.name.split()[-1] if noun in lexicon.SURNAME_NOUNS
                              else canonical_name(self.doc[written[0].i:written[-1].i + 1].text))
                name = " ".join([owner_name,
                                 *(as_written(t) for t in span if t.i > modifiers[-1].i and t.i <= root.i
                                   and not t.is_punct and t.dep_ not in ("case", "amod"))])
            return self.nominal(name, definite=False, head=noun)
        if definite and noun in lexicon.ORG_NOUNS and not plural:
            existing = self.nominal_with_head(noun, span.start_char)
            if existing is not None:
                return existing
            salient = self.salient(span.start_char, label="ORG")
            if salient is not None:
                return salient
        if root.i in self.token_cluster:  # a place or group named inside a description
            return self.token_cluster[root.i]
        indefinite = words[0].lower_ in {"a", "an", "another"} if words else False
        return self.nominal(name, definite=definite, head=noun, indefinite=indefinite)

    @staticmethod
    def of_a_thing(root: Token) -> bool:
        """Whether a role is of a thing a common noun names ("the band leader", "the team owner"):
        someone the article does not name, not whoever was mentioned last."""
        return any(child.dep_ == "compound" and child.pos_ == "NOUN" and child.lower_ not in lexicon.ROLE_MODIFIERS
                   and not _is_role_word(child.lower_) for child in root.lefts)

    def qualified_people(self, span: Span, root: Token) -> str | None:
        """"Those close to him", "people familiar with the talks": generic people named by the
        adjective phrase that says which ones, a pronoun in it named ("those close to Tom Reed")."""
        adjective = next((c for c in root.rights if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i < span.end), None)
        if adjective is None or root.lemma_.lower() not in lexicon.GENERIC_PEOPLE:
            return None
        words = [root.lower_]
        for token in adjective.subtree:
            if token.i >= span.end or token.is_punct:
                return None
            if token.lower_ in lexicon.PERSONAL_PRONOUNS:
                person = self.salient(token.idx, gender="m" if token.lower_ in _MALE else "f")
                if person is None:
                    return None
                words.append(self.clusters[person].name)
            else:
                words.append(token.text)
        return " ".join(words) if len(words) > 2 else None

    def work_maker(self, span: Span, work: Token) -> int | None:
        """Who speaks through a work: its maker, named in the mention ("a web video by the RNC",
        "a Donald Trump tweet") or, for "the ad", at the work mentioned last before it."""
        maker = self.maker_of(work, inside=span)
        definite = span[0].lower_ in _DEFINITE
        if maker is None and definite:  # the work mentioned last, however far back: "the film"
            for token in reversed(self.doc[:span.start]):
                if token.lemma_.lower() in _WORK_NOUNS and token.pos_ == "NOUN":
                    maker = self.maker_of(token)
                    if maker is not None:
                        work = token
                        break
        if maker is None:
            return None
        cluster = self.clusters[maker]
        if cluster.label == "PERSON" and work.lemma_.lower() in lexicon.CAMPAIGN_WORKS:
            return self.nominal(f"{cluster.name.split()[-1]} campaign", definite=False, head="campaign")
        return maker

    def maker_of(self, work: Token, inside: Span | None = None) -> int | None:
        """The entity that made ``work``: a "by"/"from" phrase, a possessor or a name before it,
        or the subject of a verb of making whose object it is."""
        def within(token: Token) -> bool:
            return inside is None or inside.start <= token.i < inside.end

        for child in work.children:
            if child.dep_ == "prep" and child.lower_ in {"by", "from"} and within(child):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return self.resolve_mention((objects[0].left_edge.idx, objects[0].idx + len(objects[0])))
        for child in work.lefts:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.i in self.token_cluster):
                if child.i in self.token_cluster:
                    return self.token_cluster[child.i]
                if child.dep_ == "poss":
                    return self.resolve_mention((child.left_edge.idx, child.idx + len(child)))
        verb = work.head
        if inside is None and work.dep_ == "dobj" and verb.lemma_.lower() in lexicon.MAKING_VERBS:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in lexicon.FIRST_PERSON | {"you", "it"}:
                return self.resolve_mention((subject.left_edge.idx, subject.idx + len(subject)))
        return None

    @staticmethod
    def qualifier_end(span: Span, root: Token, *, proper: bool = False) -> int:
        """Where a description's name ends: after a short prepositional phrase on its head noun
        ("city of Phoenix", "people in other cities"), else at the head noun."""
        if root.pos_ == "PROPN" and not proper:
            return root.i
        noun = root.lemma_.lower()
        preposition = next((c for c in root.rights if c.dep_ == "prep" and c.i == root.i + 1), None)
        if preposition is None or not (preposition.lower_ in lexicon.QUALIFYING_PREPOSITIONS
                                       or (preposition.lower_ in {"in", "at"} and noun in lexicon.GENERIC_PEOPLE)
                                       or (preposition.lower_ in _GROUP_PREPOSITIONS and root.tag_ == "NNS"
                                           and _names_people(noun))):
            return root.i
        tokens = []
        for token in preposition.subtree:
            nested = token.i > preposition.i + 1 and token.head.i != preposition.i
            if (token.is_punct and token.text != "-") or (nested and token.dep_ in ("relcl", "acl", "prep")):
                break
            tokens.append(token)
        if not 2 <= len(tokens) <= 6 or tokens[-1].i >= span.end or tokens[-1].pos_ not in ("NOUN", "PROPN"):
            return root.i
        return tokens[-1].i

    def role_holder(self, span: Span, noun: str) -> int | None:
        """The person the article gave the described role, matching its other words where it can."""
        described = {_expand(_fold(t.text)) for t in span
                     if not t.is_stop and not t.is_punct and t.lemma_.lower() != noun}
        best: tuple[float, int] | None = None
        for index, roles in self.roles.items():
            for role in roles:
                role_words = {_expand(_fold(w)) for w in role.split()}
                if (role_words & _QUALIFIERS) - described:
                    continue  # a vice-president is not "the president"
                if noun not in {w.rstrip("s") for w in role_words} | role_words:
                    continue
                parties = (described & lexicon.PARTIES, role_words & lexicon.PARTIES)
                if all(parties) and not parties[0] & parties[1]:
                    continue  # the Democratic nominee is not the Republican one
                score = (len(described & role_words) - 0.5 * len(described - role_words)
                         - 0.25 * len(role_words - described))
                if best is None or score > best[0]:
                    best = (score, index)
        if best is None:
            return None
        gender = _GENDERED_NOUNS.get(noun)
        if gender is not None and self.gender.get(best[1], gender) != gender:
            return None
        return best[1]

    def nominal_with_head(self, noun: str, offset: int | None = None) -> int | None:
        """The entity named by a phrase ending in ``noun`` mentioned last before ``offset``."""
        best: tuple[int, int] | None = None
        for index, cluster in enumerate(self.clusters):
            if cluster.label != "NOMINAL" or self.heads.get(index, cluster.name.lower().split()[-1]) != noun:
                continue
            starts = [start for start, _ in cluster.mentions if offset is None or start < offset]
            last = max(starts) if starts else -1
            if best is None or last > best[0] or (last == best[0] and index > best[1]):
                best = (last, index)
        return best[1] if best else None

    def nominal(self, name: str, *, definite: bool, head: str, indefinite: bool = False) -> int:
        if not indefinite:
            for index in range(len(self.clusters) - 1, -1, -1):
                cluster = self.clusters[index]
                if cluster.label == "NOMINAL" and _fold(cluster.name) == _fold(name):
                    return index
        if definite:  # "the campaign" is the campaign named last; "Obama's aides" are not "Clinton aides"
            existing = self.nominal_with_head(head)
            named_by = {_fold(w) for w in name.split() if w[:1].isupper()}
            if existing is not None and named_by <= set(_fold(self.clusters[existing].name).split()):
                return existing
        index = self.add(Cluster(name, "NOMINAL"))
        self.heads[index] = head
        return index
