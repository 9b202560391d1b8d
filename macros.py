"""mkdocs-macros entry point: the macros that pages in docs/ may call.

The registry is loaded and validated once (registry.loader.get_registry); a bad
data/councils.yaml stops the build here with every problem listed (file, line, plain Danish
explanation) and no traceback. Each module registers its own macros; which page calls which
macro is listed in each module's docstring. Only ``define_env``, ``env.macro``, ``env.conf``
and ``env.variables`` are used, so the same file serves mkdocs-macros and Zensical's macros
extension. Pages opt in to macros with ``render_macros: true`` (mkdocs.yml sets
``render_by_default: false``).
"""

from __future__ import annotations

from registry.loader import RegistryError, get_registry
from rendering import blocks, cases, charts, geomap, review
from rendering.frontmatter import PageError
from rendering.site import Site
from rendering.text import md_escape

try:  # MkDocs prints a PluginError as a plain message, without a traceback
    from mkdocs.exceptions import PluginError as StopBuild
except ImportError:  # another engine
    StopBuild = RuntimeError


def define_env(env):
    site = Site.from_config(env.conf)
    try:
        registry = get_registry(env.conf)
        cases.register(env, registry.vocab, site.docs_dir)
    except (RegistryError, PageError) as exc:
        raise StopBuild(str(exc)) from None
    blocks.register(env, registry)                   # overview, regions, statuses, freshness
    charts.register(env, registry, site.data)        # statistics, DNIR 2023 themes
    geomap.register(env, registry, site.data)        # the map
    review.register(env, site.docs_dir)              # pages due for review

    @env.macro
    def repo_link(text: str, path: str = "") -> str:
        """A Markdown link into the project's repository on GitHub (repo_url in mkdocs.yml),
        e.g. repo_link("vejledningen", "blob/main/CONTRIBUTING.md")."""
        return f"[{md_escape(text)}]({(site.repo_url or '').rstrip('/')}/{path})"
