"""MkDocs hook: a faster build, same output.

* Compiled theme templates are kept between builds. Jinja compiles every template the theme
  uses (Material's pages, partials and icons: about 140) at the start of each build. Jinja's
  own bytecode cache keeps the compiled code in ``.cache/jinja2/`` (ignored by git, beside the
  ``.cache/`` other MkDocs plugins use) and recompiles a template whenever its source changes,
  so it can never serve stale output; deleting the folder is always safe.
* Python's cyclic garbage collector runs less often. A build creates many small objects that
  live until it ends (pages, their tables of contents, the registry); with the default
  thresholds the collector walks them again and again, which cost about a tenth of a
  1,100-council build. Objects are still collected, only in larger batches (memory use
  measured the same).
* mkdocs-macros renders only pages that contain template syntax. It would otherwise compile
  every page as a Jinja template, also the many that have no ``{{``, ``{%`` or ``{#`` (its own
  test, ``has_j2``, with the delimiters it is configured with); such a page renders to itself.
  They get ``render_macros: false``, which the plugin honours, unless the page says otherwise.
"""

from __future__ import annotations

import gc
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "jinja2"
GC_THRESHOLDS = (20_000, 50, 100)  # Python's defaults are (700, 10, 10)


def on_startup(command, dirty):
    gc.set_threshold(*GC_THRESHOLDS)


def on_env(env, config, files):
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout builds as before, only without the cache
        return env
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(CACHE_DIR))
    return env


@event_priority(50)  # before mkdocs-macros (plugins run at priority 0)
def on_page_markdown(markdown, page, config, files):
    plugin = config.plugins.get("macros")
    if plugin is None or "render_macros" in page.meta:
        return markdown
    try:
        has_template_syntax = plugin.has_j2(markdown) or plugin.has_j2(str(page.title or ""))
    except AttributeError:  # another mkdocs-macros version: let it decide
        return markdown
    if not has_template_syntax:
        page.meta["render_macros"] = False
    return markdown
