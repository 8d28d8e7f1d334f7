"""The one place presslens's spaCy components and ``Doc`` extensions are registered.

Importing this module registers the factories below with spaCy; spaCy also
finds them through the ``spacy_factories`` entry points in ``pyproject.toml``,
so a pipeline saved with presslens components loads wherever presslens is
installed. Users can add them to their own pipelines::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("presslens_attribution")
    nlp.add_pipe("presslens_speakers")
    doc = nlp(text)
    doc._.presslens_relations
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from presslens.nlp.attribution import AttributionFinder
from presslens.nlp.claims import ClaimFinder
from presslens.nlp.dates import DateResolver
from presslens.nlp.paragraphs import ParagraphBoundaries
from presslens.nlp.speakers import SpeakerResolver
from presslens.nlp.techniques import TechniqueFinder
from presslens.nlp.voice import VoicePartitioner

__all__ = ["make_attribution", "make_claims", "make_dates", "make_paragraphs", "make_speakers", "make_techniques",
           "make_voice"]

for _name in ("presslens_relations", "presslens_clusters", "presslens_voice", "presslens_dates", "presslens_claims",
              "presslens_techniques"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "presslens_paragraphs",
    assigns=["token.is_sent_start"],
)
def make_paragraphs(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries(nlp, name)


@Language.factory(
    "presslens_attribution",
    requires=["token.dep", "token.lemma", "token.pos"],
    assigns=["doc._.presslens_relations", "doc.spans"],
    default_config={"nested_first_person": False, "model": "shipped", "mode": "fast"},
)
def make_attribution(nlp: Language, name: str, nested_first_person: bool, model: str,
                     mode: str) -> AttributionFinder:
    """``model``: "shipped" (the trained model in presslens/models), "rules", or a model folder;
    ``mode``: fast, accurate (the MiniLM tagger blended in; the ``accurate`` extra) or best."""
    return AttributionFinder(nlp, name, nested_first_person=nested_first_person, model=model, mode=mode)


@Language.factory(
    "presslens_speakers",
    requires=["doc._.presslens_relations", "doc.ents", "token.dep"],
    assigns=["doc._.presslens_clusters", "doc._.presslens_relations"],
)
def make_speakers(nlp: Language, name: str) -> SpeakerResolver:
    return SpeakerResolver(nlp, name)


@Language.factory(
    "presslens_voice",
    requires=["doc._.presslens_relations"],
    assigns=["doc._.presslens_voice"],
)
def make_voice(nlp: Language, name: str) -> VoicePartitioner:
    return VoicePartitioner(nlp, name)


@Language.factory(
    "presslens_dates",
    requires=["doc.ents"],
    assigns=["doc._.presslens_dates"],
)
def make_dates(nlp: Language, name: str) -> DateResolver:
    return DateResolver(nlp, name)


@Language.factory(
    "presslens_claims",
    requires=["doc._.presslens_relations", "doc._.presslens_voice", "doc.tensor", "doc.ents", "token.tag"],
    assigns=["doc._.presslens_claims"],
    default_config={"mode": "fast"},
)
def make_claims(nlp: Language, name: str, mode: str) -> ClaimFinder:
    return ClaimFinder(nlp, name, mode=mode)


@Language.factory(
    "presslens_techniques",
    requires=["doc.tensor", "token.dep", "token.lemma", "token.pos", "doc._.presslens_voice"],
    assigns=["doc._.presslens_techniques"],
    default_config={"model_path": None, "use_model": True, "use_lexicon": True, "mode": "fast"},
)
def make_techniques(nlp: Language, name: str, model_path: str | None, use_model: bool,
                    use_lexicon: bool, mode: str) -> TechniqueFinder:
    return TechniqueFinder(nlp, name, model_path=model_path, use_model=use_model, use_lexicon=use_lexicon,
                           mode=mode)
