"""The web UI in a real browser: headless Chromium (Debian's, through its chromedriver) loads the pages
from a live server on a free loopback port.

Checks that the shading and the marks sit exactly where the analysis puts them, that the seed pasted
into the paste page shows Putin's voice apart from the outlet's with his attributions in the side panel
and no boilerplate, that claim reasons show on hover and on keyboard focus, that the pages fit a phone,
and that script-injection payloads (in title, body, captions, speaker names, URLs; pasted as text and as
HTML, and stored) never execute. Screenshots go to artifacts/browser/.
"""

from __future__ import annotations

import pytest

from presslens.ingest import article_from_string
from tests.conftest import SEED, need
from tests.web.conftest import save_artifacts
from tests.web.pages import EVIL_SPEAKER, PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.model]

# Registered before any page script runs: records Content-Security-Policy violations, which would mean
# that injected markup reached the page and tried to run or load something.
_WATCH = ("window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) {"
          " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });")

_INJECTED = """
const bad = [];
for (const el of document.querySelectorAll('*')) {
  const tag = el.tagName.toLowerCase();
  if (['img', 'svg', 'iframe', 'object', 'embed', 'style', 'base', 'frame'].includes(tag)) bad.push(tag);
  if (tag === 'script' && el.getAttribute('src') !== '/static/presslens.js') bad.push('script ' + el.outerHTML);
  for (const a of el.attributes) {
    if (a.name.startsWith('on')) bad.push(tag + ' ' + a.name);
    if (['href', 'src', 'action', 'formaction'].includes(a.name) && /^\\s*(javascript|data|vbscript):/i.test(a.value))
      bad.push(tag + ' ' + a.name + '=' + a.value);
  }
}
return bad;
"""

# Each text node under a container, with its offset and the voice and mode of its nearest voice element.
_TEXT_NODES = """
const root = document.getElementById(arguments[0]);
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
const nodes = []; let offset = 0, node;
while ((node = walker.nextNode())) {
  const v = node.parentElement.closest('[data-voice]');
  nodes.push([offset, node.data.length, v && v.getAttribute('data-voice'), v && v.getAttribute('data-mode')]);
  offset += node.data.length;
}
return [root.textContent, nodes];
"""

_MARKED_TEXT = """
const out = {};
for (const el of document.querySelectorAll(arguments[0])) {
  const key = el.getAttribute(arguments[1]) || el.getAttribute('data-part-of') || el.id;
  const of = el.closest('#title') ? 'title' : 'body';
  out[of + ' ' + key] = (out[of + ' ' + key] || '') + el.textContent;
}
return out;
"""


@pytest.fixture(scope="module")
def watched(browser):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH})
    return browser


@pytest.fixture(scope="module")
def readonly(live_server, corpus_db):
    from presslens.web import WebConfig

    return live_server(WebConfig(db=corpus_db))


@pytest.fixture(scope="module")
def writable(live_server, tmp_path_factory):
    from presslens.web import WebConfig

    return live_server(WebConfig(db=tmp_path_factory.mktemp("writable") / "c.db", allow_writes=True))


def paste(driver, server, text, *, fmt="auto", url="", store=False):
    """Paste ``text`` into the paste page's form, submit it, and wait for the article page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(server.url + "/")
    area = driver.find_element(By.ID, "text")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          area, text)
    driver.find_element(By.CSS_SELECTOR, f"input[name=format][value={fmt}]").click()
    if url:
        driver.execute_script("document.querySelector('input[name=url]').value = arguments[0];", url)
    if store:
        driver.find_element(By.NAME, "store").click()
    driver.find_element(By.CSS_SELECTOR, "form.paste button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: d.current_url.endswith("/analyze") and d.find_elements(By.ID, "main"))


def assert_nothing_ran(driver, where):
    """No payload executed or was even parsed as markup (and no alert is open: Selenium would raise)."""
    assert driver.execute_script("return window.__xss === undefined"), (where, driver.execute_script(
        "return window.__xss"))
    assert "pwned" not in driver.title, where
    assert driver.execute_script(_INJECTED) == [], where
    assert driver.execute_script("return window.__csp") == [], where


def poke(driver):
    """Hover over marked text and tab through every focusable element, as a reader would."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    for element in driver.find_elements(By.CSS_SELECTOR, ".text [data-voice], .text .ul, .panel a")[:60]:
        if element.is_displayed():
            ActionChains(driver).move_to_element(element).perform()
    body = driver.find_element(By.TAG_NAME, "body")
    for _ in range(40):
        body.send_keys(Keys.TAB)


def assert_voices_match(driver, analysis, of):
    """Every text node of the title or body sits in the voice element the analysis says, mode included."""
    text, nodes = driver.execute_script(_TEXT_NODES, of)
    assert text == analysis.article.text_of(of)
    for offset, length, voice, mode in nodes:
        if not length:
            continue
        first, last = analysis.voice_at(offset, of), analysis.voice_at(offset + length - 1, of)
        assert first is not None and first == last, (of, offset, text[offset:offset + length])
        assert (voice, mode) == (first.voice, first.mode), (of, offset, text[offset:offset + length])


def assert_marks_match(driver, analysis):
    """Sources, cues, quote contents and check-worthy claims are marked on exactly their spans."""
    def expected(spans):
        out = {}
        for key, span in spans:
            out[f"{span.of} {key}"] = out.get(f"{span.of} {key}", "") + span.text
        return out

    attributions = analysis.attributions
    sources = driver.execute_script(_MARKED_TEXT, ".text .src", "data-attribution")
    assert sources == expected((a.id, a.source) for a in attributions if a.source)
    cues = driver.execute_script(_MARKED_TEXT, ".text .cue", "data-attribution")
    assert cues == expected((a.id, a.cue) for a in attributions if a.cue)
    contents = driver.execute_script(_MARKED_TEXT, ".text .content", "data-attribution")
    assert contents == expected((a.id, s) for a in attributions for s in a.content)
    claims = driver.execute_script(_MARKED_TEXT, ".text .ul-claim", "id")
    assert claims == expected((f"claim-{c.id}", c.span) for c in analysis.claims if c.checkworthy)


def test_seed_pasted_shows_voices_attributions_and_no_boilerplate(watched, readonly, analyzer):
    from selenium.webdriver.common.by import By

    driver = watched
    text = need(SEED).read_text(encoding="utf-8")
    paste(driver, readonly, text)
    expected = analyzer.analyze(article_from_string(text, source="<paste>"))
    save_artifacts(driver, "seed-desktop")

    # The shading and every mark are where the analysis puts them.
    assert_voices_match(driver, expected, "title")
    assert_voices_match(driver, expected, "body")
    assert_marks_match(driver, expected)

    # Putin's voice and the outlet's are shaded differently (quoted and reported alike).
    def background(selector):
        element = driver.find_element(By.CSS_SELECTOR, selector)
        return driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", element)

    outlet = background('#body [data-voice="outlet"]')
    quoted = background('#body [data-voice="Vladimir Putin"][data-mode="quoted"]')
    reported = background('#body [data-voice="Vladimir Putin"][data-mode="reported"]')
    assert len({outlet, quoted, reported}) == 3, (outlet, quoted, reported)
    legend = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".legend li")]
    assert legend[:2] == ["The outlet's own voice", "Vladimir Putin"]

    # The side panel lists every statement by speaker; stances apart.
    statements = expected.statements()
    items = driver.find_elements(By.CSS_SELECTOR, ".panel li.attribution")
    listed = [e.get_attribute("data-attribution") for e in items]
    assert listed == [a.id for a in statements] and len(listed) >= 8
    putin = driver.find_element(By.CSS_SELECTOR, '.panel .speaker[data-speaker="Vladimir Putin"]')
    assert "Russian President" in putin.text
    assert len(putin.find_elements(By.CSS_SELECTOR, "li.attribution")) == len(expected.by_speaker()["Vladimir Putin"])
    stances = [e.get_attribute("data-attribution") for e in driver.find_elements(By.CSS_SELECTOR, ".panel li.stance")]
    assert stances == [a.id for a in expected.attributions if a.category == "stance"]

    # No boilerplate anywhere on the page; the caption set apart from the text; the outlet's profile.
    page_text = driver.find_element(By.TAG_NAME, "body").text
    assert expected.article.boilerplate
    for line in expected.article.boilerplate:
        for piece in line.splitlines():
            assert piece not in page_text, piece
    caption = expected.article.captions[0]
    assert caption.text in driver.find_element(By.CSS_SELECTOR, ".captions").text
    assert caption.text not in driver.find_element(By.ID, "body").text
    profile = driver.find_element(By.CSS_SELECTOR, ".outlet").text
    assert "Press TV" in profile and "Iran" in profile and "State-controlled" in profile
    assert driver.find_element(By.CSS_SELECTOR, ".outlet .state").text == "yes"
    assert_nothing_ran(driver, "seed")


def test_claim_reasons_show_on_hover_and_keyboard_focus(watched, readonly, analyzer):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = watched
    paste(driver, readonly, need(SEED).read_text(encoding="utf-8"))
    tip = "return getComputedStyle(arguments[0], '::after').content"
    claim = driver.find_element(By.CSS_SELECTOR, "#body .ul-claim[tabindex]")
    reason = claim.get_attribute("data-tip")
    assert reason.startswith("Check-worthy claim")
    ActionChains(driver).move_to_element(driver.find_element(By.CSS_SELECTOR, "header.site")).perform()
    assert driver.execute_script(tip, claim) == "none"
    ActionChains(driver).move_to_element(claim).perform()
    assert reason in driver.execute_script(tip, claim)
    ActionChains(driver).move_to_element(driver.find_element(By.CSS_SELECTOR, "header.site")).perform()

    # Keyboard only: Tab from the top of the page reaches the claim, and its reason shows.
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
    body = driver.find_element(By.TAG_NAME, "body")
    for _ in range(60):
        body.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        if "ul" in (focused.get_attribute("class") or "").split():
            break
    else:
        pytest.fail("Tab never reached an underlined claim")
    assert focused.get_attribute("aria-describedby") == f"tip-{focused.get_attribute('id')}"
    assert focused.get_attribute("data-tip") in driver.execute_script(tip, focused)
    save_artifacts(driver, "seed-claim-focused")
    # The side panel's links lead to the text.
    link = driver.find_element(By.CSS_SELECTOR, ".panel li.attribution a")
    link.send_keys(Keys.ENTER)
    assert driver.execute_script("return location.hash") == link.get_attribute("hash")


def test_pages_fit_a_phone(watched, readonly):
    driver = watched
    paste(driver, readonly, need(SEED).read_text(encoding="utf-8"))
    size = driver.get_window_size()
    try:
        driver.set_window_size(390, 844)
        for name, path in (("seed-phone", None), ("stored-phone", "/articles/1"),
                           ("speaker-phone", "/speakers/Ann%20Lee"), ("search-phone", "/search?q=quotas"),
                           ("trace-phone", "/trace?q=We+have+a+deal+on+fishing+quotas"), ("paste-phone", "/"),
                           ("stories-phone", "/stories?min_articles=1")):
            if path:
                driver.get(readonly.url + path)
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, (name, overflow)
            save_artifacts(driver, name)
    finally:
        driver.set_window_size(size["width"], size["height"])


HOSTILE_TEXT = f"""News / {PAYLOADS['script']}

Harbour row {PAYLOADS['img']} deepens in Portvik

Minister speaks {PAYLOADS['svg']}. (Photo by {PAYLOADS['script']})

"We will keep the harbour open {PAYLOADS['script']} all winter," said Elena {PAYLOADS['img']} Sorvik on Monday.

"{PAYLOADS['attribute']} is what they call it," {PAYLOADS['svg']} Brennik said on Tuesday.

Critics said the plan {PAYLOADS['single']} would fail. {PAYLOADS['javascript']} {PAYLOADS['title']} {PAYLOADS['iframe']}
"""

HOSTILE_HTML = """<!doctype html><html><head><title>Harbour &lt;script&gt;window.__xss='t'&lt;/script&gt; row</title>
<meta property="og:url" content="javascript:window.__xss='og'">
<meta property="og:site_name" content="Evil &lt;img src=x onerror=window.__xss='site'&gt; News">
<meta name="author" content="&lt;svg onload=window.__xss='author'&gt;">
</head><body><article>
<h1>Harbour &lt;script&gt;window.__xss='t'&lt;/script&gt; row</h1>
<figure><figcaption>Minister &lt;svg onload=window.__xss='cap'&gt; at the harbour
<span class="credit">&lt;script&gt;window.__xss='credit'&lt;/script&gt;</span></figcaption></figure>
<p>"We will keep the harbour open all winter whatever the storms bring," said Elena &lt;img src=x
onerror=window.__xss='speaker'&gt; Sorvik, the transport minister, on Monday in Portvik.</p>
<p>Critics <a href="javascript:window.__xss='link'">disagreed</a> strongly with the plan to keep the harbour
open, saying the sea wall damaged in January needs months of repairs before ships can dock safely again.</p>
<p>"This is a promise nobody can pay for &lt;iframe srcdoc=x&gt;," opposition leader Tomas Brennik said on
Tuesday, adding that the government had ignored the cost of the repairs for far too long.</p>
<script>window.__xss='raw'</script>
</article></body></html>"""


@pytest.mark.parametrize("name, text, fmt, url", [
    ("paste-text", HOSTILE_TEXT, "text", PAYLOADS["javascript"]),
    ("paste-html", HOSTILE_HTML, "html", ""),
])
def test_payloads_pasted_never_execute(watched, readonly, name, text, fmt, url):
    from selenium.webdriver.common.by import By

    driver = watched
    paste(driver, readonly, text, fmt=fmt, url=url)
    assert driver.find_elements(By.ID, "body"), driver.page_source[:2000]
    poke(driver)
    save_artifacts(driver, f"xss-{name}")
    assert_nothing_ran(driver, name)
    page_text = driver.find_element(By.TAG_NAME, "body").text
    assert "<script>" in page_text or "<svg" in page_text or "<img" in page_text  # shown, as text


def test_payloads_in_stored_articles_never_execute(watched, readonly):
    from urllib.parse import quote

    driver = watched
    for name, path in (("stored-article", "/articles/4"), ("stored-list", "/articles"),
                       ("stored-search", "/search?q=harbour"), ("stored-speakers", "/speakers"),
                       ("stored-speaker", "/speakers/" + quote(EVIL_SPEAKER, safe="")),
                       ("stored-trace", "/trace?q=" + quote("We will keep the harbour open all winter")),
                       ("stored-stories", "/stories?min_articles=1"), ("stored-home", "/")):
        driver.get(readonly.url + path)
        poke(driver)
        assert_nothing_ran(driver, name)
        if name in ("stored-article", "stored-speaker", "stored-search", "stored-trace"):
            save_artifacts(driver, f"xss-{name}")
    driver.get(readonly.url + "/trace?q=We+have+a+deal+on+fishing+quotas+for+the+whole+fleet")
    save_artifacts(driver, "trace-desktop")
    driver.get(readonly.url + "/articles/4")
    assert EVIL_SPEAKER in driver.page_source.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def test_payloads_stored_through_the_paste_page_never_execute(watched, writable):
    from selenium.webdriver.common.by import By

    driver = watched
    paste(driver, writable, HOSTILE_TEXT, fmt="text", url=PAYLOADS["javascript"], store=True)
    notice = driver.find_element(By.CSS_SELECTOR, ".notice")
    assert "Stored as article 1" in notice.text
    assert_nothing_ran(driver, "store-paste")
    notice.find_element(By.TAG_NAME, "a").click()
    assert driver.current_url.endswith("/articles/1")
    poke(driver)
    assert_nothing_ran(driver, "stored-from-paste")
    for group in driver.find_elements(By.CSS_SELECTOR, ".panel .speaker h3 a"):
        driver.get(group.get_attribute("href"))
        poke(driver)
        assert_nothing_ran(driver, "speaker-from-paste")
        break
    save_artifacts(driver, "xss-stored-from-paste")
