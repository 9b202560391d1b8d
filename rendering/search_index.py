"""The site's search index: Pagefind run over the built HTML.

Pagefind (the PyPI package ``pagefind-bin``, which ships the program) reads the finished
pages and writes ``pagefind/`` into the site: an index split into small chunks, fetched by
the reader's browser only when they search (overrides/partials/search.html). It takes the
language from each page's ``<html lang>`` and stems Danish, so "diæter" also finds "diæt".

It indexes only what is inside ``data-pagefind-body`` (the article; overrides/main.html),
and inside that leaves out what ``EXCLUDE`` lists. Nothing here depends on MkDocs: for
another engine, build the site and run

    python -m rendering.search_index SITE_DIR
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pagefind_bin

# Inside the article, but not what a reader searches for:
EXCLUDE = (
    ".footnote",               # footnote text (sources): every page would match "Rapport", "2023"
    ".footnote-ref",           # the footnote numbers in the text
    ".headerlink",             # the ¶ link beside each heading
    ".md-content__button",     # "Redigér denne side"
    ".hb-page-dates",          # "Sidst opdateret …" (overrides/partials/source-file.html)
    "[data-search-exclude]",   # registry lists and tables that repeat the council pages
)
# Pagefind's ready-made interfaces; the site has its own (overrides/partials/search.html).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# A query fetches only the chunks of the index that its words need: smaller chunks, fewer bytes
# per search (about 15 KiB of index instead of about 50 for one word). Pagefind 1.5.2 takes the
# chunk size from this variable (its default: 20000) and calls it unstable, so requirements.txt
# pins Pagefind exactly and tests/test_search.py checks what one query costs.
CHUNK_SIZE = {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": "5000"}
_TIMEOUT = 300  # seconds; the whole site takes about one
_INDEXED = re.compile(r"^\s*Indexed (\d+) pages?$", re.M)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why, in Danish."""


def index_site(site_dir: Path) -> int:
    """Index the built site in ``site_dir`` (writes ``site_dir/pagefind/``); return the number
    of pages in the index."""
    site_dir = Path(site_dir)
    if not any(site_dir.rglob("*.html")):
        raise SearchIndexError(f"Søgeindekset kunne ikke laves: {site_dir} har ingen HTML-sider.")
    command = [str(pagefind_bin.get_executable()), "--site", str(site_dir)]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT,
                             env={**os.environ, **CHUNK_SIZE})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Søgeindekset kunne ikke laves: Pagefind kunne ikke køre ({exc}).") from None
    if "Did not find a data-pagefind-body" in run.stdout:
        raise SearchIndexError(
            f"Ingen side i {site_dir} har data-pagefind-body, så søgningen ville finde menuer og "
            "sidefødder. Markér sidens indhold med data-pagefind-body (i MkDocs gør "
            "overrides/main.html det).")
    counts = _INDEXED.findall(run.stdout)  # the last one is the total over all languages
    if run.returncode != 0 or not counts:
        raise SearchIndexError("Søgeindekset kunne ikke laves. Pagefind skrev:\n" + run.stdout + run.stderr)
    for name in UNUSED:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)
    return int(counts[-1])


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("Brug: python -m rendering.search_index MAPPE  (mappen med det byggede site)", file=sys.stderr)
        return 2
    try:
        print(f"Søgeindeks: {index_site(Path(argv[0]))} sider")
    except SearchIndexError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
