"""MkDocs hook: stylesheets and scripts that only some pages need, loaded only there.

Most pages are handbook text; only the registry's generated blocks need the registry styles,
the map and chart styles, or the table-sorting scripts. Loading those everywhere would make
every first visit heavier for nothing. This hook looks at each page's finished content (in
``on_page_context``, once hooks/registry_pages.py has put the registry blocks in) for the
markers the registry templates write and names the assets the page needs;
``overrides/main.html`` links them (``page_assets(page, "css")`` / ``"js"``).

A new registry block gets its assets automatically as long as its template uses the same
markers; a page without them loads none of them.
"""

from __future__ import annotations

# (asset path in the built site, marker that must occur in the page's content HTML)
ASSETS: dict[str, tuple[tuple[str, str], ...]] = {
    "css": (
        ("assets/stylesheets/registry-pages.css", 'class="registry-'),
        ("assets/stylesheets/registry-graphics.css", 'class="rg-'),
    ),
    "js": (
        ("assets/javascripts/tablesort.min.js", "data-registry-sortable"),
        # sorting and the filter form (data-registry-filter) sit beside a sortable table
        ("assets/javascripts/tablesort-init.js", "data-registry-sortable"),
    ),
}
_META_KEY = "_page_assets"


def needed_assets(html: str) -> dict[str, list[str]]:
    """The assets, by kind, whose markers occur in ``html``."""
    return {kind: [path for path, marker in assets if marker in html] for kind, assets in ASSETS.items()}


def page_assets(page, kind: str) -> list[str]:
    """For the theme: paths of the ``kind`` ("css" or "js") assets this page needs."""
    meta = getattr(page, "meta", None) or {}
    return meta.get(_META_KEY, {}).get(kind, [])


def on_page_context(context, page, config, nav):
    # After hooks/registry_pages.py has put the registry blocks into the page (it is listed
    # before this hook in mkdocs.yml, and hooks run in that order).
    page.meta[_META_KEY] = needed_assets(page.content or "")
    return context


def on_env(env, config, files):
    env.globals["page_assets"] = page_assets
    return env
