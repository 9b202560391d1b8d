"""What a reader sees and does on the front page and a checklist, in a real Chromium: the title
fits a phone, the ways in come first, the keyboard gets there quickly, the focus ring shows on
the header, and checkboxes look empty on screen and on paper."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# The relative luminance contrast of two CSS rgb()/rgba() colours (WCAG 2 formula).
CONTRAST_JS = """([a, b]) => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05); }"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 664}, color_scheme="light")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_front_page_title_does_not_break_inside_a_word(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url)
        split = page.evaluate("""() => {
            const text = document.querySelector('.md-content h1').firstChild;
            const range = document.createRange(); range.setStart(text, 0); range.setEnd(text, text.length);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1; }""")
        assert not split, f"the front page's H1 breaks inside »Integrationsrådshåndbogen« at {width} px"
    finally:
        context.close()


def test_phone_front_page_opens_with_the_three_ways_in_and_find_your_municipality(phone, site_url):
    """On a 390 × 664 px screen (a small phone), before any scrolling."""
    phone.goto(site_url)
    height = phone.evaluate("innerHeight")
    ways = phone.locator(".md-content .grid.cards li > p > a:first-child")
    assert ways.count() == 3
    bottoms = [ways.nth(i).bounding_box()["y"] + ways.nth(i).bounding_box()["height"] for i in range(3)]
    find = phone.get_by_role("link", name="Find din kommune")
    box = find.bounding_box()
    assert max(bottoms) <= height and box["y"] + box["height"] <= height, (bottoms, box, height)
    assert find.get_attribute("href") == "registret/"


@pytest.mark.parametrize("width", [390, 1366])
def test_keyboard_reaches_the_first_way_in_within_twelve_tab_stops(browser, site_url, width):
    """Before: 18 (390 px) and 19 (1366 px) stops, one for each ¶ link and footnote first."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url)
        for stops in range(1, 13):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.querySelector('.md-content .grid.cards li > p > a:first-child')"):
                break
        else:
            pytest.fail("the first way in is not among the first 12 tab stops")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_shows_on_the_header(browser, site_url, scheme):
    """The keyboard's first stop in the header has a ring of at least 3:1 against the header."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.keyboard.press("Tab")
        while not page.evaluate("!!document.activeElement.closest('.md-header')"):
            page.keyboard.press("Tab")
        ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
                    header: getComputedStyle(document.querySelector('.md-header')).backgroundColor}; }""")
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        assert page.evaluate(f"({CONTRAST_JS})", [ring["color"], ring["header"]]) >= 3, ring
    finally:
        context.close()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_checklist_boxes_are_empty_squares(browser, site_url, media):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "kom-godt-i-gang/tjekliste/")
        page.emulate_media(media=media)
        box = page.evaluate("""() => { const i = document.querySelector('.task-list-indicator');
            const s = getComputedStyle(i, '::before');
            return {mask: s.maskImage || s.webkitMaskImage, border: s.borderTopStyle,
                    width: parseFloat(s.borderTopWidth), bg: s.backgroundColor,
                    checked: document.querySelectorAll('.task-list-control input:checked').length}; }""")
        assert box["checked"] == 0
        assert box["mask"] == "none", f"the box is drawn by Material's round tick icon: {box}"
        assert box["border"] == "solid" and box["width"] >= 1, box
        assert box["bg"] in ("rgba(0, 0, 0, 0)", "transparent"), box
    finally:
        context.close()
