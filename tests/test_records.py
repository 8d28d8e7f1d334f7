import json

import jsonschema
import pytest

import presslens
from presslens.errors import DataFormatError
from presslens.records import Analysis, Article, Attribution, Claim, Span, Speaker, Technique
from presslens.serialize import from_dict, json_schema


def sample():
    article = Article(body='"Yes," he said.', title="Head", source="x")
    attribution = Attribution("A1", "direct", (Span(1, 4, "Yes"),), Span(10, 14, "said"), Span(7, 9, "he"),
                              Speaker("Jo Bloggs", "mayor", "E1"))
    claim = Claim("C1", Span(1, 4, "Yes"), 0.25, False, "event-or-fact", "Jo Bloggs", "A1", "E1")
    return Analysis(article=article, attributions=(attribution,), claims=(claim,))


def test_round_trip_through_json():
    analysis = sample()
    assert Analysis.from_dict(json.loads(json.dumps(analysis.to_dict()))) == analysis


def test_output_validates_against_published_schema():
    jsonschema.validate(sample().to_dict(), json_schema())


def test_from_dict_names_the_bad_field():
    data = sample().to_dict()
    data["attributions"][0]["kind"] = "shouted"
    with pytest.raises(DataFormatError, match=r"attributions\[0\]\.kind"):
        from_dict(Analysis, data)


def test_records_are_frozen():
    with pytest.raises(AttributeError):
        sample().article.body = "changed"  # type: ignore[misc]


def test_public_surface():
    assert set(presslens.__all__) == {
        "SCHEMA_VERSION", "Analysis", "Analyzer", "Article", "Attribution", "Caption", "Claim", "ConfigError",
        "DataFormatError", "Entity", "Failure", "InputError", "ModelNotFoundError", "Outlet", "PresslensError",
        "Settings", "Speaker", "Span", "Technique", "VoiceSegment", "__version__", "analyze", "article_from_string",
        "load_article", "read_articles",
        "Corpus", "StoreError",
    }
    for name in presslens.__all__:
        assert hasattr(presslens, name)


def with_techniques():
    analysis = sample()
    techniques = (
        Technique("loaded-language", Span(1, 4, "Yes"), "Jo Bloggs", 0.7, "model", attribution="A1"),
        Technique("euphemism", Span(0, 4, "Head", "title"), "outlet", 1.0, "lexicon", method="lexicon"),
        Technique("loaded-language", Span(10, 14, "said"), "outlet", 0.6, "model"),
    )
    return Analysis(article=analysis.article, attributions=analysis.attributions, techniques=techniques)


def test_techniques_round_trip_and_validate():
    analysis = with_techniques()
    data = json.loads(json.dumps(analysis.to_dict()))
    jsonschema.validate(data, json_schema())
    assert Analysis.from_dict(data) == analysis
    assert list(data)[-1] == "techniques"


def test_technique_summary_per_voice():
    analysis = with_techniques()
    assert list(analysis.technique_summary()) == ["outlet", "Jo Bloggs"]
    assert analysis.technique_summary() == {"outlet": {"euphemism": 1, "loaded-language": 1},
                                            "Jo Bloggs": {"loaded-language": 1}}
    assert analysis.technique_summary_text() == "outlet: 1 euphemism, 1 loaded-language; Jo Bloggs: 1 loaded-language"
    assert [t.technique for t in analysis.techniques_by_voice()["outlet"]] == ["euphemism", "loaded-language"]
