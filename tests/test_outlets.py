import json

from presslens.outlets import identify_outlet, load_profiles, with_outlet
from presslens.records import Article, Outlet


def test_by_url_domain_and_subdomain():
    outlet = identify_outlet(Article(body="x", url="https://www.rt.com/news/123-story/"))
    assert outlet.name == "RT" and outlet.state_controlled is True and outlet.identified_by == "url"
    assert identify_outlet(Article(body="x", url="https://english.news.cn/a.htm")).name == "Xinhua"


def test_by_site_name_from_html():
    outlet = identify_outlet(Article(body="x", outlet=Outlet(name="Reuters")))
    assert outlet.owner == "Thomson Reuters" and outlet.identified_by == "site name"


def test_unknown_site_name_is_kept_as_given():
    outlet = identify_outlet(Article(body="x", outlet=Outlet(name="The Valdmark Gazette")))
    assert outlet.name == "The Valdmark Gazette" and outlet.state_controlled is None


def test_by_boilerplate_text_but_not_by_photo_credit():
    article = Article(body="Body.", boilerplate=("Press TV’s website can also be accessed at ...",))
    assert identify_outlet(article).name == "Press TV"
    from presslens.records import Caption
    credited = Article(body="Body.", captions=(Caption("A photo", "Reuters"),))
    assert identify_outlet(credited) is None


def test_every_shipped_fact_has_a_source():
    for outlet in load_profiles():
        cited = {c.field for c in outlet.sources}
        for field in ("owner", "state_controlled", "country"):
            if getattr(outlet, field) is not None:
                assert field in cited, (outlet.name, field)


def test_user_profiles_extend_and_override(tmp_path, monkeypatch):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"outlets": [{"name": "Harbour Gazette", "domains": ["harbourgazette.example"],
                                              "country": "Valdmark", "state_controlled": False,
                                              "sources": {"country": "https://example.org/about"}}]}))
    monkeypatch.setenv("PRESSLENS_OUTLETS", str(extra))
    article = with_outlet(Article(body="x", url="http://harbourgazette.example/p/1"))
    assert article.outlet.name == "Harbour Gazette" and article.outlet.country == "Valdmark"
