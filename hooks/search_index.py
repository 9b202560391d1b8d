"""MkDocs hook: the search index, made from the built site after every build.

The work is done by ``rendering/search_index.py`` (Pagefind over the finished HTML), which
another engine can run on its own output. Because this runs in ``on_post_build``, both
``make build`` and ``make serve`` (after each rebuild) have a working search.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from rendering.search_index import SearchIndexError, index_site

log = logging.getLogger("mkdocs.hooks.search_index")


def on_post_build(config) -> None:
    try:
        pages = index_site(Path(config.site_dir))
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    log.info("Search index (Pagefind): %d pages", pages)
