"""The registry's pages as a reader on a phone, or in the dark scheme, gets them (Chromium).

- No page scrolls sideways at 390 px, and nothing in it does either (nor the registry's pages
  at 1366 px, beside Material's two sidebars): the overview shows each municipality with its
  status within the screen, below the filter.
- Every municipality on the map can be reached with a target of at least 24×24 CSS px
  (WCAG 2.2, 2.5.8): on the map itself or on the list of all municipalities beside it.
- Text in the SVG graphics (chart numbers, map labels) has at least 4.5:1 contrast against
  the page in the light and the dark scheme. axe does not check text inside SVG.
- The overview's sorting: one indicator per header, unknown values last in both directions.
"""

from __future__ import annotations

import pytest

from tests.conftest import page_url

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
REGISTRY_PAGES = ("registret/index.html", "registret/regioner/index.html",
                  "registret/kort/index.html", "registret/statistik/index.html")
GRAPHICS_PAGES = ("registret/kort/index.html", "registret/statistik/index.html")

# Everything wider than the screen: the page itself, or an element inside the article that
# the reader would have to scroll sideways (a table in a scroll box, say).
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  }
  for (const el of document.querySelectorAll('article *')) {
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 &&
        ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) {
      found.push(`${el.tagName.toLowerCase()}.${el.className} scrolls (${el.scrollWidth} px in ${el.clientWidth} px)`);
    }
  }
  return found;
}"""

# Contrast of every SVG text against what lies behind it: the texts are drawn beside the
# shapes, on the page, so the background is the nearest HTML background (alpha composited).
SVG_TEXT_CONTRAST = """() => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3])).concat(1);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = el => {
    const layers = [];
    for (let e = el.closest('svg').parentElement; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  return [...document.querySelectorAll('svg text')].filter(t => t.getBBox().width > 0).map(t => {
    const bg = background(t), fg = over(parse(getComputedStyle(t).fill), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    return {text: t.textContent.trim(), ratio: Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100};
  });
}"""

# Map links smaller than 24×24 px, each with the largest other link on the page to the same
# council page (the list beside the map), or null when there is none.
SMALL_MAP_TARGETS = """() => {
  const box = a => { const b = a.getBoundingClientRect(); return [Math.round(b.width * 10) / 10, Math.round(b.height * 10) / 10]; };
  const others = [...document.querySelectorAll('article a[href]')].filter(a => !a.closest('svg'));
  return [...document.querySelectorAll('a.rg-kommune')].map(a => ({name: a.getAttribute('aria-label'), size: box(a),
      href: a.getAttribute('href')})).filter(t => t.size[0] < 24 || t.size[1] < 24).map(t => {
    const same = others.filter(o => o.getAttribute('href') === t.href && o.checkVisibility());
    const sizes = same.map(box).filter(([w, h]) => w >= 24 && h >= 24);
    return {...t, equivalent: sizes.length ? sizes[0] : null};
  });
}"""


def _open(context, site_url, built_site, html: str):
    page = context.new_page()
    page.goto(page_url(site_url, built_site, built_site / html), wait_until="load")
    return page


def test_no_registry_page_scrolls_sideways(browser, site_url, built_site):
    # The ten longest council pages (most sources, longest addresses): where a long word or
    # address would push the page wider first. Every council page has the same layout.
    council_pages = sorted((built_site / "raad").glob("*/index.html"), key=lambda p: -p.stat().st_size)
    assert len(council_pages) == 98
    council_pages = [p.relative_to(built_site).as_posix() for p in council_pages[:10]]
    failures = []
    for viewport, pages in ((PHONE, (*REGISTRY_PAGES, *council_pages)), (DESKTOP, REGISTRY_PAGES)):
        context = browser.new_context(viewport=viewport)
        try:
            for html in pages:
                page = _open(context, site_url, built_site, html)
                failures += [f"{viewport['width']} px, {html}: {problem}" for problem in page.evaluate(SIDEWAYS)]
                page.close()
        finally:
            context.close()
    assert not failures, f"{len(failures)} sideways scroll(s):\n" + "\n".join(failures)


def test_overview_shows_municipality_and_status_on_a_phone(browser, site_url, built_site):
    context = browser.new_context(viewport=PHONE)
    try:
        page = _open(context, site_url, built_site, "registret/index.html")
        assert page.is_visible("form.registry-filter")
        # The first five rows: the municipality and the cell under the "Status" header.
        rows = page.evaluate("""() => {
            const table = document.querySelector('#registry-table');
            const col = [...table.tHead.rows[0].cells].findIndex(th => th.textContent.trim().startsWith('Status'));
            return [...table.tBodies[0].rows].slice(0, 5).map(tr => [tr.cells[0], tr.cells[col]].map(c => {
                const b = c.getBoundingClientRect();
                return [c.textContent.trim(), b.left, b.right, getComputedStyle(c, '::before').content];
            }));
        }""")
        assert len(rows) == 5
        for (name, *name_box, _), (status, *status_box, label) in rows:
            for box in (name_box, status_box):
                assert box[0] >= 0 and box[1] <= PHONE["width"], f"{name}: {status} is outside the screen"
            assert "Status" in label, f"{name}: the status is not labelled on the card"
    finally:
        context.close()


def test_every_municipality_has_a_target_of_24_px(browser, site_url, built_site):
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport)
        try:
            page = _open(context, site_url, built_site, "registret/kort/index.html")
            assert page.locator("a.rg-kommune").count() == 98
            # A list in a <details> counts once it is opened, by a summary big enough to tap.
            summaries = page.evaluate("""() => [...document.querySelectorAll('article details')]
                .map(d => { const b = d.querySelector('summary').getBoundingClientRect(); d.open = true;
                            return [b.width, b.height]; })""")
            assert all(w >= 24 and h >= 24 for w, h in summaries), summaries
            small = page.evaluate(SMALL_MAP_TARGETS)
            assert small, "the map has small areas; the check must see them"
            missing = [f"{t['name']} ({t['size'][0]}×{t['size'][1]} px)" for t in small if not t["equivalent"]]
            assert not missing, (f"{viewport['width']} px: {len(missing)} of {len(small)} small map "
                                 "targets have no 24×24 px link elsewhere on the page:\n" + "\n".join(missing))
        finally:
            context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_svg_text_contrast(browser, site_url, built_site, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    failures = []
    try:
        for html in GRAPHICS_PAGES:
            page = _open(context, site_url, built_site, html)
            texts = page.evaluate(SVG_TEXT_CONTRAST)
            assert texts, f"{html}: no SVG text found"
            failures += [f"{html}: «{t['text']}» {t['ratio']}:1" for t in texts if t["ratio"] < 4.5]
            page.close()
    finally:
        context.close()
    assert not failures, f"{len(failures)} SVG text(s) below 4.5:1 in the {scheme} scheme:\n" + "\n".join(failures[:20])


def test_overview_sorts_unknowns_last_with_one_indicator(browser, site_url, built_site):
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = _open(context, site_url, built_site, "registret/index.html")
        # A drawn ::after: text, or an empty box with an icon (Material's sort icon is a mask).
        indicators = """() => [...document.querySelectorAll('#registry-table thead th')].map(th =>
            [th, th.querySelector('button')].filter(Boolean).map(e => getComputedStyle(e, '::after'))
              .filter(a => !['none', 'normal'].includes(a.content) && a.display !== 'none' &&
                           (a.content !== '""' || a.maskImage !== 'none' || a.backgroundImage !== 'none')).length)"""
        members = page.locator("#registry-table thead th", has_text="Medlemmer").locator("button")
        for direction in ("ascending", "descending"):
            members.click()
            assert page.locator("#registry-table thead th[aria-sort]").get_attribute("aria-sort") == direction
            cells = page.evaluate("""() => {
                const table = document.querySelector('#registry-table');
                const col = [...table.tHead.rows[0].cells].findIndex(th => th.textContent.includes('Medlemmer'));
                return [...table.tBodies[0].rows].map(tr => tr.cells[col].textContent.trim());
            }""")
            known = [c for c in cells if c != "Ukendt"]
            assert known and "Ukendt" in cells
            assert cells[:len(known)] == known, f"{direction}: an unknown value sorts before a known one"
            counts = page.evaluate(indicators)
            assert max(counts) == 1, f"{direction}: sort indicators per header: {counts}"
    finally:
        context.close()


def test_overview_is_still_a_table_for_screen_readers_on_a_phone(browser, site_url, built_site):
    # The cards are the table's own rows with another display. What a screen reader gets is the
    # browser's accessibility tree: it must still hold one row per municipality, each with its
    # row header and a cell per column, as on the desktop.
    counts = {}
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport)
        try:
            page = _open(context, site_url, built_site, "registret/index.html")
            cdp = context.new_cdp_session(page)
            nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
            roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
            counts[viewport["width"]] = {role: roles.count(role) for role in
                                         ("table", "row", "rowheader", "columnheader", "cell")}
        finally:
            context.close()
    phone = counts[PHONE["width"]]
    assert phone["table"] >= 1, f"at 390 px the overview is no table to a screen reader: {phone}"
    assert phone["rowheader"] >= 98 and phone["row"] >= 99, phone
    assert phone["cell"] >= 98 * 5 and phone["columnheader"] >= 6, phone
    assert phone == counts[DESKTOP["width"]], counts
