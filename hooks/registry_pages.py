"""MkDocs hook: one page per municipality from the registry, plus the registry's exports.

Why a hook with ``File.generated``
----------------------------------
MkDocs builds pages only from files in ``docs/``; it cannot make pages from data by itself.
Of the ways to add them, a hook is the smallest clean one:

* ``hooks:`` is part of MkDocs itself (since 1.4) and ``File.generated`` (since 1.6) is its
  documented way to add a virtual page, so there is no extra plugin to install, pin or trust,
  and nothing is written into ``docs/`` (no stale files, no generated files in git).
* The logic is plain Python in the repository (``registry/pages.py`` and the Jinja templates in
  ``templates/registry/``), so the same code renders pages in the build, in tests and in the
  benchmark, and can be moved into a plugin later without changes.
* Pages are added in ``on_files``, so MkDocs treats them exactly like written pages: strict link
  checking, search, sitemap, theme.

What it does (``on_files``):

1. Loads the registry once per build through ``registry.loader.get_registry`` (a bad registry
   stops the build here, before any page is written, listing every problem).
2. Collects "backlinks": handbook cases in ``docs/gode-erfaringer/`` that link to
   ``../raad/<slug>.md``. One pass over those files, so the cost does not grow with the
   number of councils times the number of pages.
3. Adds ``raad/<slug>.md`` for every municipality, rendered from
   ``templates/registry/council_page.md.j2``. Front matter sets ``render_macros: false``:
   registry text is never evaluated as Jinja, and all of it is HTML-escaped by the template.
   Markdown sees only the front matter and a placeholder comment; ``on_page_content`` puts
   the body (``council_page.html.j2``, escaped HTML) in its place and sets the page's table
   of contents. Registry text thus never meets the Markdown parser, and a 1,100-council
   build stays fast (converting the body as Markdown cost more than the rest of the page).
4. Gives council pages their own page template, ``templates/registry/theme/registry/council.html``
   (Material's main.html with the primary navigation rendered once per build instead of once
   per page: it is identical on every council page). ``on_env`` makes it findable.
5. Adds ``registret/councils.json``, ``registret/councils.csv`` and
   ``registret/councils.schema.json``.

Configured in mkdocs.yml with ``hooks: [hooks/registry_pages.py]``.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs imports hooks by path; the registry package sits beside it
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from markupsafe import Markup  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from registry.exports import exports  # noqa: E402
from registry.pages import DEFERRED, council_src_uri, render_council_page  # noqa: E402

log = logging.getLogger("mkdocs.hooks.registry_pages")

CASES_DIR = "gode-erfaringer/"
# A link from a handbook page to a council page: (../)+raad/<slug>.md, inline or reference style.
_COUNCIL_LINK = re.compile(r"(?<![\w/.-])(?:\.\./)+raad/([a-z0-9-]+)\.md\b")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


# src_uri -> rendered council page, for on_page_content (one build at a time).
_PAGES: dict = {}


def _page_title(markdown: str, src_uri: str) -> str:
    body, meta = get_data(markdown)
    title = meta.get("title") if isinstance(meta, dict) else None
    if isinstance(title, str) and title.strip():
        return title.strip()
    m = _H1.search(body)
    return m.group(1) if m else src_uri


def collect_cases(files: Files) -> dict[str, list[tuple[str, str]]]:
    """slug -> [(title, src_uri)] of handbook cases that link to that council's page."""
    found: dict[str, list[tuple[str, str]]] = {}
    for f in files:
        if not f.src_uri.startswith(CASES_DIR) or not f.is_documentation_page():
            continue
        try:
            text = f.content_string
        except (OSError, UnicodeDecodeError):
            continue
        slugs = set(_COUNCIL_LINK.findall(text))
        if not slugs:
            continue
        title = _page_title(text, f.src_uri)
        for slug in slugs:
            found.setdefault(slug, []).append((title, f.src_uri))
    for cases in found.values():
        cases.sort(key=lambda t: t[0].lower())
    return found


def _schema_path(config) -> Path:
    """The JSON Schema the loader uses: next to the vocabularies (data/councils.schema.json)."""
    from registry.loader import SCHEMA_FILENAME, default_paths

    return default_paths(config)[2].with_name(SCHEMA_FILENAME)


def on_config(config):
    """Macros on registry pages hand their HTML to this hook (see registry.pages.Deferred)."""
    DEFERRED.enabled = True
    return config


def on_files(files: Files, config) -> Files:
    from registry.loader import get_registry

    reg = get_registry(config)  # raises RegistryError (a PluginError) listing every problem
    existing = {f.src_uri for f in files}

    clashes = sorted(council_src_uri(c) for c in reg.councils if council_src_uri(c) in existing)
    if clashes:
        raise PluginError(
            "Disse sider laves automatisk ud fra registret og må ikke ligge i docs/: "
            + ", ".join(f"docs/{p}" for p in clashes)
            + ". Slet filerne og ret i data/councils.yaml i stedet."
        )

    cases = collect_cases(files)
    known_slugs = {c.slug for c in reg.councils}
    for slug in sorted(set(cases) - known_slugs):
        where = ", ".join(src for _, src in cases[slug])
        log.warning(f"{where}: linker til raad/{slug}.md, men ingen kommune har den side.")

    _PAGES.clear()
    DEFERRED.blocks.clear()
    toc_config = config.mdx_configs.get("toc", {}) if "toc" in config.markdown_extensions else {}
    permalink_title = (
        toc_config.get("permalink_title", "Permanent link") if toc_config.get("permalink") else None
    )
    existing_frozen = frozenset(existing)
    for c in reg.councils:
        page = render_council_page(
            reg,
            c,
            existing=existing_frozen,
            cases=cases.get(c.slug, ()),
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            use_directory_urls=config.use_directory_urls,
            permalink_title=permalink_title,
            template=COUNCIL_TEMPLATE,
        )
        _PAGES[council_src_uri(c)] = page
        # Reached from the registry tables and map, not from the nav: say so, so the build
        # does not list 98 "not in nav" pages.
        f = File.generated(
            config, council_src_uri(c), content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV
        )
        # Material's edit button on a council page opens the registry file.
        f.edit_uri = "../data/councils.yaml"
        files.append(f)

    for src_uri, content in exports(reg, _schema_path(config)).items():
        if src_uri in existing:
            files.remove(files.get_file_from_path(src_uri))
        files.append(File.generated(config, src_uri, content=content))
    return files


THEME_DIR = ROOT / "templates" / "registry" / "theme"
COUNCIL_TEMPLATE = "registry/council.html"
_ONCE: dict[str, object] = {}


def _once(key: str, render):
    """Render ``render()`` once per build and key; reuse the result (see registry/council.html)."""
    if key not in _ONCE:
        _ONCE[key] = Markup(str(render()))
    return _ONCE[key]


def on_env(env, config, files):
    """Let the theme find registry/council.html (after overrides/ and Material) and give it
    the per-build cache for the primary navigation."""
    _ONCE.clear()
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.FileSystemLoader(str(THEME_DIR))])
    env.globals["registry_once"] = _once
    return env


def on_page_content(html: str, page, config, files) -> str:
    """Put the escaped HTML back in place of its placeholders: the registry macros' blocks
    on registry pages, and each council page's body (also setting its TOC)."""
    if page.file.src_uri in DEFERRED.blocks:
        try:
            return DEFERRED.fill(page.file.src_uri, html)
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from None
    rendered = _PAGES.get(page.file.src_uri)
    if rendered is None or page.file.generated_by is None:
        return html
    try:
        html = rendered.fill(html)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    page.toc = rendered.toc()
    return html
