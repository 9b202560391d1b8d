"""MkDocs hook: keep the theme's compiled templates between builds.

Jinja compiles every template the theme uses (Material's pages, partials and icons: about
140) at the start of each build, which is a large share of a build's fixed cost. Jinja's own
bytecode cache keeps the compiled code in ``.cache/jinja2/`` (ignored by git, beside the
``.cache/`` other MkDocs plugins use) and recompiles a template whenever its source changes,
so the cache can never serve stale output; deleting the folder is always safe.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "jinja2"


def on_env(env, config, files):
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout builds as before, only without the cache
        return env
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(CACHE_DIR))
    return env
