from presslens.ingest.text import parse_text_article

PAGE = """World  /  Europe

Minister: Deal 'will stand'

By Ann Lee | 3 March 2024

Workers at the port. (Photo by Northwind)

The minister said the deal would stand.

Unions disagree.

SHARE THIS ARTICLE
Follow us on Telegram
"""


def test_parts_of_a_copied_page():
    article = parse_text_article(PAGE, source="p.txt")
    assert article.section == "World / Europe"
    assert article.title == "Minister: Deal 'will stand'"
    assert article.byline == "Ann Lee"
    assert article.published == "2024-03-03"
    assert [(c.text, c.credit) for c in article.captions] == [("Workers at the port.", "Northwind")]
    assert article.body == "The minister said the deal would stand.\n\nUnions disagree."
    assert article.boilerplate == ("SHARE THIS ARTICLE\nFollow us on Telegram",)


def test_single_paragraph_is_all_body():
    article = parse_text_article("Just one paragraph of text, said nobody.")
    assert article.title is None and article.body == "Just one paragraph of text, said nobody."


def test_explicit_fields_win():
    article = parse_text_article(PAGE, published="2024-03-04", url="https://example.org/a")
    assert article.published == "2024-03-04" and article.url == "https://example.org/a"


def test_mid_body_boilerplate_is_set_aside():
    text = "Head line here now\n\nFirst paragraph of the story.\n\nRead more: other story\n\nSecond paragraph of it."
    article = parse_text_article(text)
    assert "Read more" not in article.body and article.boilerplate == ("Read more: other story",)
