"""What the site's own script (docs/assets/javascripts/site.js) and its CSS give the reader, now
that no page loads Material's JavaScript bundle: a menu section opens from the keyboard, the
table of contents follows the reading and fits the window, the header names the page, "Tilbage
til toppen" comes when wanted and is never an invisible keyboard stop, the drawer closes on a
link to the same page, and folded boxes print open."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

pytestmark = pytest.mark.browser

LONG_PAGE = "vaerktoejer/forretningsorden/"   # a long page with a long table of contents


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 700})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 664})
    yield context.new_page()
    context.close()


def test_a_page_runs_only_the_sites_own_scripts(desktop, site_url):
    """Material's bundle was most of a page's start-up work on a phone (overrides/main.html)."""
    scripts: list[str] = []
    desktop.on("request", lambda r: r.resource_type == "script" and scripts.append(r.url))
    for path in ("", LONG_PAGE, "raad/aarhus/", "en/"):  # a translated page too
        desktop.goto(site_url + path, wait_until="networkidle")
    names = {PurePosixPath(url.split("?")[0]).name for url in scripts}
    assert names == {"site.js", "search.js"}, names


def test_enter_opens_and_closes_a_menu_section(desktop, site_url):
    desktop.goto(site_url + LONG_PAGE)
    label = desktop.locator(".md-sidebar--primary label.md-nav__link[tabindex='0']").first
    toggle = desktop.locator("#" + label.get_attribute("for"))
    before = toggle.is_checked()
    label.focus()
    desktop.keyboard.press("Enter")
    assert toggle.is_checked() != before
    desktop.keyboard.press("Enter")
    assert toggle.is_checked() == before


def test_table_of_contents_follows_the_reading_and_the_header_names_the_page(desktop, site_url):
    desktop.goto(site_url + LONG_PAGE)
    title = desktop.locator("[data-md-component=header-title]")
    assert "md-header__title--active" not in title.get_attribute("class")
    toc = desktop.locator(".md-sidebar--secondary a.md-nav__link[href^='#']")
    assert toc.count() > 10
    target = toc.nth(8).get_attribute("href")
    desktop.evaluate(f"document.getElementById(decodeURIComponent('{target[1:]}')).scrollIntoView()")
    desktop.mouse.wheel(0, 1)  # a scroll event, as a reader's
    desktop.wait_for_timeout(300)
    active = desktop.locator(".md-sidebar--secondary a.md-nav__link--active")
    assert active.count() == 1 and active.get_attribute("href") == target
    assert "md-header__title--active" in title.get_attribute("class")
    # The current entry is inside the sidebar's visible part.
    box, wrap = active.bounding_box(), desktop.locator(".md-sidebar--secondary .md-sidebar__scrollwrap").bounding_box()
    assert wrap["y"] <= box["y"] and box["y"] + box["height"] <= wrap["y"] + wrap["height"]


@pytest.mark.parametrize("side", ["primary", "secondary"])
def test_sidebars_fit_the_window_and_scroll_on_their_own(browser, site_url, side):
    """Before, a table of contents taller than the window ran past its bottom edge, out of reach
    until the end of the page."""
    context = browser.new_context(viewport={"width": 1366, "height": 360})
    try:
        page = context.new_page()
        page.goto(site_url + LONG_PAGE)
        page.mouse.wheel(0, 400)  # past the tabs: from here the sidebars stay put under the header
        page.wait_for_timeout(300)
        wrap = page.locator(f".md-sidebar--{side} .md-sidebar__scrollwrap")
        sizes = wrap.evaluate("e => [e.scrollHeight, e.clientHeight, e.getBoundingClientRect().bottom]")
        assert sizes[0] > sizes[1], f"the {side} sidebar is expected to be taller than 360 px: {sizes}"
        assert sizes[2] <= 360, f"the {side} sidebar runs past the window: {sizes}"
    finally:
        context.close()


def test_back_to_top_comes_when_scrolling_up_and_is_no_hidden_keyboard_stop(desktop, site_url):
    desktop.goto(site_url + LONG_PAGE)
    top = desktop.locator(".md-top")
    assert top.evaluate("e => e.hidden && getComputedStyle(e).visibility === 'hidden'")
    desktop.mouse.wheel(0, 4000)
    desktop.wait_for_timeout(300)
    assert top.evaluate("e => e.hidden"), "not while reading on down the page"
    desktop.mouse.wheel(0, -300)
    desktop.wait_for_function("!document.querySelector('.md-top').hidden")
    top.click()
    desktop.wait_for_function("scrollY === 0")
    assert desktop.evaluate("document.activeElement.classList.contains('md-skip')"), \
        "keyboard focus goes on from the top of the page"


def test_a_link_to_the_same_page_closes_the_drawer(phone, site_url):
    phone.goto(site_url + LONG_PAGE)
    phone.locator("label.md-header__button[for=__drawer]").click()
    drawer = phone.locator("#__drawer")
    assert drawer.is_checked()
    phone.locator(".md-sidebar--primary label.md-nav__link[for=__toc]").click()
    link = phone.locator(".md-sidebar--primary .md-nav--secondary a.md-nav__link").nth(2)
    link.click()
    phone.wait_for_function("location.hash !== ''")
    assert not drawer.is_checked()


def test_folded_boxes_print_open_and_fold_again_after(desktop, site_url):
    desktop.goto(site_url + "registret/kort/")
    boxes = "document.querySelectorAll('details')"
    assert desktop.evaluate(f"[...{boxes}].some(d => !d.open)"), "the map page has a folded list"
    desktop.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert desktop.evaluate(f"[...{boxes}].every(d => d.open)")
    desktop.evaluate("dispatchEvent(new Event('afterprint'))")
    assert desktop.evaluate(f"[...{boxes}].some(d => !d.open)")


def test_keyboard_focus_shows_a_ring_where_materials_css_hid_it(desktop, site_url):
    """Material's CSS hides the ring on header buttons and folded boxes' summaries unless its
    own script marks them."""
    desktop.goto(site_url + "registret/kort/")
    for selector in (".md-header__button.md-logo", "details > summary"):
        desktop.locator(selector).first.focus()
        desktop.keyboard.press("Shift+Tab")
        desktop.keyboard.press("Tab")  # focus from the keyboard, so :focus-visible applies
        style = desktop.evaluate("""sel => { const s = getComputedStyle(document.activeElement);
            return [document.activeElement.matches(sel), s.outlineStyle, parseFloat(s.outlineWidth)]; }""", selector)
        assert style[0] and style[1] != "none" and style[2] >= 2, (selector, style)
