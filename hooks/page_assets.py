"""MkDocs hook: stylesheets and scripts that only some pages need, loaded only there.

Most pages are handbook text; only the registry's blocks need the registry styles, the map
and chart styles, or the table-sorting scripts. Loading those everywhere would make every
first visit heavier for nothing. This hook looks at each page's finished content for the
markers the registry templates write and hands the theme the list of assets the page needs,
``page_assets`` (``overrides/main.html`` links them).

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


def needed_assets(html: str) -> dict[str, list[str]]:
    """The assets, by kind, whose markers occur in ``html``."""
    return {kind: [path for path, marker in assets if marker in html] for kind, assets in ASSETS.items()}


def on_page_context(context, page, config, nav):
    context["page_assets"] = needed_assets(page.content or "")
    return context
