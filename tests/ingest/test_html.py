import json

import pytest

from presslens.errors import InputTooLargeError, NoArticleError
from presslens.ingest import MAX_ARTICLE_CHARS, article_from_string
from presslens.ingest.html import MAX_ELEMENTS, is_boilerplate_line, parse_html_article
from presslens.ingest.html_meta import clean_byline, strip_site_name

PARAGRAPHS = [
    "The harbour minister said on Tuesday that the new port agreement would stand, whatever the unions decided "
    "at their meeting later in the week.",
    "\u201cWe have negotiated in good faith for eleven months,\u201d she told reporters outside the ministry. "
    "\u201cThis deal is fair to the workers and to the city.\u201d",
    "Union leaders have called the agreement a betrayal and promised to put it to a vote of their members "
    "before the end of the month, according to a statement released on Monday.",
    "The port handles about a third of the country's container traffic and employs more than four thousand people, "
    "most of them on permanent contracts signed before the current dispute began.",
]


def page(*, head: str = "", before: str = "", inside: str = "", after: str = "",
         h1: str = "Minister says port deal will stand") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!doctype html><html lang="en"><head>
<title>Port deal will stand, minister says | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="og:title" content="Port deal will stand, minister says">
<link rel="canonical" href="https://www.harbourtimes.example/news/port-deal">
<meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2024-03-03T09:00:00Z">
{head}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>{h1}</h1>
{before}
<div class="article-body">{body}{inside}</div>
</article>{after}</main>
<footer><p>&copy; 2024 Harbour Times. All rights reserved.</p></footer>
</body></html>"""


def test_body_title_byline_date_url_and_outlet():
    article = parse_html_article(page(), source="p.html")
    assert article.format == "html" and article.source == "p.html"
    assert article.body.split("\n\n") == PARAGRAPHS
    assert article.title == "Minister says port deal will stand"
    assert article.byline == "Ann Lee"
    assert article.published == "2024-03-03"
    assert article.url == "https://www.harbourtimes.example/news/port-deal"
    assert article.outlet is not None
    assert article.outlet.name == "Harbour Times" and article.outlet.domains == ("harbourtimes.example",)


def test_figcaptions_are_captions_with_credits_never_body():
    figures = """
<figure><img src="a.jpg"><figcaption>Dock workers at the north gate on Monday.
 <span class="credit">Photo: Lena Brook</span></figcaption></figure>
<figure><img src="b.jpg"><figcaption>The harbour minister at the ministry (Photo by Tom Reyes)</figcaption></figure>
<figure><img src="c.jpg"><figcaption>Cranes over the container terminal.
 <span class="copyright">© Northwind Images</span></figcaption></figure>
"""
    article = parse_html_article(page(before=figures))
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Dock workers at the north gate on Monday.", "Lena Brook"),
        ("The harbour minister at the ministry", "Tom Reyes"),
        ("Cranes over the container terminal.", "Northwind Images"),
    ]
    for word in ("Dock workers", "Lena Brook", "Tom Reyes", "Cranes over", "Northwind"):
        assert word not in article.body


def test_wordpress_caption_boxes_are_captions():
    box = ('<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">Union leaders after the vote. '
           "Credit: Sam Ortiz</p></div>")
    article = parse_html_article(page(before=box))
    assert [(c.text, c.credit) for c in article.captions] == [("Union leaders after the vote.", "Sam Ortiz")]
    assert "Union leaders after the vote" not in article.body


def test_share_related_and_newsletter_lines_leave_the_body():
    inside = """
<p>Share this article</p>
<p>Related: Unions call strike vote at northern ports</p>
<p>Sign up for our newsletter to get the day's top stories in your inbox.</p>
<p>Advertisement</p>
<p>Follow us on Facebook and Instagram for the latest news.</p>
"""
    article = parse_html_article(page(inside=inside))
    assert article.body.split("\n\n") == PARAGRAPHS
    assert "Related: Unions call strike vote at northern ports" in article.boilerplate
    assert "Advertisement" in article.boilerplate


@pytest.mark.parametrize("line", [
    "Share this article", "Related: Unions call strike vote", "READ MORE: Port strike looms", "Advertisement",
    "- 6 min read", "Subscribe to our newsletter", "Products are chosen independently by our editors.",
    "Written by Ann Lee", "© 2024 Harbour Times. All rights reserved.", "Back to blog",
    "UPDATED: Tue., Nov. 19, 2019", "Published on March 3, 2024", "Posted on 12/03/2024", "Main image credit: Getty",
])
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "Read more about the agreement in the minister's statement to parliament on Tuesday.",
    "Recommended courses:", "Related papers were published by the same group in 2019, the minister said.",
    "The minister said she would share the text of the agreement with the unions.",
    "Published in 2019, the report found that wages fell.", "Updated figures show the port lost money in 2023.",
    PARAGRAPHS[0],
])
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)


def test_a_headline_repeated_at_the_top_of_the_text_is_not_body():
    repeat = "<p>Minister says port deal will stand</p><p>Updated: March 3, 2024, 10:15 a.m.</p>"
    article = parse_html_article(page(before=repeat))
    assert article.body.split("\n\n") == PARAGRAPHS


def test_headline_is_the_visible_h1_not_the_seo_title():
    article = parse_html_article(page(h1="Harbour minister: port deal will stand"))
    assert article.title == "Harbour minister: port deal will stand"


def test_meta_title_without_site_name_when_no_h1():
    html = page().replace("<h1>Minister says port deal will stand</h1>", "").replace(
        '<meta property="og:title" content="Port deal will stand, minister says">', "")
    assert parse_html_article(html).title == "Port deal will stand, minister says"


def test_section_from_breadcrumbs_then_meta():
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://harbourtimes.example/"},
        {"@type": "ListItem", "position": 2, "name": "News", "item": "https://harbourtimes.example/news"},
        {"@type": "ListItem", "position": 3, "name": "Ports", "item": "https://harbourtimes.example/news/ports"},
    ]}
    head = f'<script type="application/ld+json">{json.dumps(crumbs)}</script>'
    assert parse_html_article(page(head=head)).section == "News / Ports"
    meta = '<meta property="article:section" content="Business">'
    assert parse_html_article(page(head=meta)).section == "Business"


def test_breadcrumb_element():
    trail = ('<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
             '<li><a href="/world/europe">Europe</a></li></ol>')
    assert parse_html_article(page(before=trail)).section == "World / Europe"


def test_explicit_fields_win():
    article = parse_html_article(page(), url="https://example.org/x", published="2024-03-04")
    assert article.url == "https://example.org/x" and article.published == "2024-03-04"


def test_text_without_spaces_is_an_article():
    sentence = ("先日、不正に改造した携帯電話を販売したとして、"
                "商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。")
    html = "<html><body><article>" + "".join(f"<p>{sentence}</p>" for _ in range(5)) + "</article></body></html>"
    assert sentence in parse_html_article(html).body


def test_a_fragment_is_read():
    html = "<div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    assert article_from_string(html).body.split("\n\n") == PARAGRAPHS


def test_menus_only_is_no_article():
    with pytest.raises(NoArticleError, match=r"menu\.html: no article"):
        parse_html_article("<html><body><nav><a href='/'>Home</a> <a href='/a'>About us</a></nav></body></html>",
                           source="menu.html")


def test_a_page_with_too_many_elements_is_refused_quickly():
    html = "<html><body>" + "<div><span>x</span></div>" * (MAX_ELEMENTS // 2 + 10) + "</body></html>"
    with pytest.raises(InputTooLargeError, match="too large to extract"):
        parse_html_article(html, source="big.html")


def test_an_over_long_article_is_refused():
    text = "The minister spoke. " * (MAX_ARTICLE_CHARS // 20 + 10)
    with pytest.raises(InputTooLargeError, match="article too long"):
        article_from_string(text, source="long.txt")


def test_clean_byline():
    assert clean_byline("By Ann Lee") == "Ann Lee"
    site = {"greenhouse", "studio"}
    assert clean_byline("Tina Flint Huffman; Tina Huffman; Greenhouse Studio", site) == "Tina Flint Huffman"
    assert clean_byline("Supermove February 8") == "Supermove"
    assert clean_byline("Keith Barry Senior Autos Reporter") == "Keith Barry"
    assert clean_byline("Tom May") == "Tom May"
    assert clean_byline("Author") is None and clean_byline(None) is None


def test_strip_site_name():
    site = {"harbour", "times", "harbourtimes.example", "harbourtimes"}
    assert strip_site_name("Port deal will stand | Harbour Times", site) == "Port deal will stand"
    assert strip_site_name("Harbour Times - Port deal - will stand", site) == "Port deal - will stand"
    assert strip_site_name("Port deal will stand", site) == "Port deal will stand"
