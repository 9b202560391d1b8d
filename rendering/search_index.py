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
_TIMEOUT = 300  # seconds; the whole site takes about one


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why, in Danish."""


def index_site(site_dir: Path) -> str:
    """Index the built site in ``site_dir`` (writes ``site_dir/pagefind/``); return Pagefind's
    summary line ("Indexed N pages")."""
    site_dir = Path(site_dir)
    command = [str(pagefind_bin.get_executable()), "--site", str(site_dir)]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Søgeindekset kunne ikke laves: Pagefind kunne ikke køre ({exc}).") from None
    # The last "Indexed N pages" line is the total over all languages.
    pages = next((line.strip() for line in reversed(run.stdout.splitlines())
                  if line.strip().startswith("Indexed") and line.strip().endswith("pages")), "")
    if run.returncode != 0 or not pages:
        raise SearchIndexError("Søgeindekset kunne ikke laves. Pagefind skrev:\n" + run.stdout + run.stderr)
    if "Indexed 0 pages" in pages:
        raise SearchIndexError(f"Søgeindekset er tomt: ingen side i {site_dir} har data-pagefind-body.")
    for name in UNUSED:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)
    return pages


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("Brug: python -m rendering.search_index MAPPE  (mappen med det byggede site)", file=sys.stderr)
        return 2
    try:
        print(index_site(Path(argv[0])))
    except SearchIndexError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
