"""MkDocs hook: the plain-language section in other languages (rendering/languages.py).

* ``on_config``: the links from every page of the section to its versions in the other
  languages go into ``extra.language_links`` ({page: [link, ...]}), where
  overrides/partials/translation.html finds them. The Danish site and every translated site
  (i18n/base.yml) use this hook; on an engine without hooks the pages show no language links.
  On a translated site, the title of the link beside each heading is in its language
  (``extra.translation.permalink_title``).
* ``on_post_build``, on the Danish site only: each language is built into ``site/<code>/``
  (also under ``mkdocs serve``), before hooks/search_index.py indexes everything. On another
  engine, run ``python -m rendering.languages SITE_DIR`` after the build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from rendering.languages import LanguageError, build, counterparts


def _site(config) -> tuple[Path, str]:
    """(the repository's root, the site's language code: "da" or a translation's)."""
    here = Path(config.config_file_path).parent
    if config.extra.get("main_site"):
        return here.parent.parent, here.name  # i18n/<code>/mkdocs.yml
    return here, "da"


def on_config(config):
    root, code = _site(config)
    try:
        config.extra["language_links"] = counterparts(root, code)
    except LanguageError as exc:
        raise PluginError(str(exc)) from None
    title = (config.extra.get("translation") or {}).get("permalink_title")
    if title and "toc" in config.mdx_configs:
        config.mdx_configs["toc"]["permalink_title"] = title
    return config


def on_post_build(config):
    root, code = _site(config)
    if code == "da":
        try:
            build(Path(config.site_dir), config.site_url or "", root)
        except LanguageError as exc:
            raise PluginError(str(exc)) from None
