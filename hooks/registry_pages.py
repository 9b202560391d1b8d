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
3. Adds ``raad/<slug>.md`` for every municipality as a :class:`CouncilHTMLPage`. Its front
   matter is a dict (``registry.pages.CouncilPage.meta``): the title, description and page
   template, with ``render_macros: false``; its body is ``council_page.html.j2``
   (autoescaped HTML) and goes to MkDocs as HTML with its table of contents, so registry text
   never meets the Markdown parser or mkdocs-macros. Its search entries are cut from that HTML
   here (``on_page_context``) instead of being parsed again by Material's search plugin.
4. Gives council pages their own page template, ``templates/registry/theme/registry/council.html``.
   All council pages sit at the same depth and none is in the nav, so the theme's output is the
   same for all of them except the title, description, address and body: the theme renders
   once per kind of page with placeholders for those four (:func:`council_html`), and each page
   fills in its own, escaped exactly as the theme would. Values the theme might filter
   differently (anything HTML or whitespace would change) get a full render instead, and a
   test compares both ways on every page. That keeps a 1,100-council build within its target.
5. Adds ``registret/councils.json``, ``registret/councils.csv`` and
   ``registret/councils.schema.json``.

Configured in mkdocs.yml with ``hooks: [hooks/registry_pages.py]``.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from html import escape as _escape_html, unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs imports hooks by path; the registry package sits beside it
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from markupsafe import Markup, escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from registry.cases import CASES_DIR  # noqa: E402
from registry.exports import exports  # noqa: E402
from registry.pages import DEFERRED, CouncilPage, council_src_uri, render_council_page  # noqa: E402
from registry.text import unindent_html  # noqa: E402

log = logging.getLogger("mkdocs.hooks.registry_pages")

# A link from a handbook page to a council page: (../)+raad/<slug>.md, inline or reference style.
_COUNCIL_LINK = re.compile(r"(?<![\w/.-])(?:\.\./)+raad/([a-z0-9-]+)\.md\b")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_ID = re.compile(r'\sid="([^"]+)"')


class CouncilHTMLPage(Page):
    """A council page whose body is HTML already (registry/pages.py renders it).

    MkDocs keeps a page object that a hook creates in ``on_files`` (as Material's blog plugin
    does for its posts); :meth:`render` then sets the body and its table of contents instead
    of converting Markdown.
    """

    def __init__(self, file: File, config, rendered: CouncilPage) -> None:
        super().__init__(None, file, config)
        self.rendered = rendered

    def read_source(self, config) -> None:
        """The front matter comes ready-made: no file to read, no YAML to parse."""
        self.markdown = ""
        self.meta = dict(self.rendered.meta)

    def render(self, config, files) -> None:
        self.content = self.rendered.html
        self.toc = self.rendered.toc()
        self.present_anchor_ids = set(_ID.findall(self.rendered.html))  # for anchor checks
        self.links_to_anchors = {}


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
        if not f.src_uri.startswith(CASES_DIR + "/") or not f.is_documentation_page():
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

    DEFERRED.blocks.clear()
    toc_config = config.mdx_configs.get("toc", {}) if "toc" in config.markdown_extensions else {}
    permalink_title = (
        toc_config.get("permalink_title", "Permanent link") if toc_config.get("permalink") else None
    )
    existing_frozen = frozenset(existing)
    for c in reg.councils:
        rendered = render_council_page(
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
        # Reached from the registry tables and map, not from the nav: say so, so the build
        # does not list 98 "not in nav" pages.
        f = File.generated(
            config, council_src_uri(c), content="", inclusion=InclusionLevel.NOT_IN_NAV
        )
        # Material's edit button on a council page opens the registry file.
        f.edit_uri = "../data/councils.yaml"
        CouncilHTMLPage(f, config, rendered)
        files.append(f)

    for src_uri, content in exports(reg, _schema_path(config)).items():
        if src_uri in existing:
            files.remove(files.get_file_from_path(src_uri))
        files.append(File.generated(config, src_uri, content=content))
    return files


THEME_DIR = ROOT / "templates" / "registry" / "theme"
COUNCIL_TEMPLATE = "registry/council.html"
BASE_TEMPLATE = "main.html"

# Placeholders for the four things that differ between council pages (see council_html).
_MARK = "zz0registry0{}0zz"
_TITLE, _DESCRIPTION, _SLUG = (_MARK.format(k) for k in ("title", "description", "slug"))
# The body placeholder starts with "<h1" like every council page's body, so the theme does
# not add a heading of its own (Material's content.html looks for one).
_CONTENT = "<h1>" + _MARK.format("content")
_SHELLS: dict[tuple, str | None] = {}
# Set to render every council page through the theme in full (the test that compares both
# ways does; nothing else needs it).
FULL_RENDER_ENV = "HANDBOOK_COUNCIL_FULL_RENDER"


def _slug(page: Page) -> str:
    """``aarhus`` for ``raad/aarhus.md``."""
    return page.file.src_uri.rsplit("/", 1)[-1][:-3]


class _PlaceholderPage:
    """The page as the theme sees it, with placeholders for what differs between council pages."""

    def __init__(self, page: Page) -> None:
        self._page = page
        slug = _slug(page)
        swap = lambda url: url.replace(slug, _SLUG) if isinstance(url, str) else url  # noqa: E731
        self.meta = dict(page.meta, title=_TITLE, description=_DESCRIPTION)
        self.title, self.content = _TITLE, _CONTENT
        self.url, self.abs_url, self.canonical_url = swap(page.url), swap(page.abs_url), swap(page.canonical_url)
        tokens = [dict(t, name=_TITLE if t["level"] == 1 else t["name"]) for t in page.rendered.toc_tokens]
        self.toc = CouncilPage({}, "", tuple(tokens)).toc()

    def __getattr__(self, name):
        return getattr(self._page, name)


def _shell_key(page: Page) -> tuple:
    """What else the theme reads from a council page: its headings and its other front matter."""
    meta = sorted((k, repr(v)) for k, v in page.meta.items() if k not in ("title", "description"))
    return (page.url.count("/"), tuple((t["id"], t["name"]) for t in page.rendered.toc_tokens[0]["children"]),
            tuple(meta))


def _plain(value) -> str | None:
    """``value`` if every filter the theme may apply leaves it as it is (no HTML, no
    whitespace to collapse, no placeholder), else None."""
    if not isinstance(value, str) or str(escape(value)) != value or " ".join(value.split()) != value:
        return None
    return None if "zz0registry0" in value else value


@jinja2.pass_context
def council_html(ctx) -> Markup:
    """The whole HTML page for a council page (see point 4 of this module's docstring)."""
    page = ctx["page"]
    full = ctx.environment.get_template(BASE_TEMPLATE)
    slug = _slug(page)
    title, description = _plain(page.meta.get("title")), _plain(page.meta.get("description"))
    if not isinstance(page, CouncilHTMLPage) or title is None or description is None \
            or "zz0registry0" in page.content or not page.content.startswith("<h1") \
            or os.environ.get(FULL_RENDER_ENV):
        return Markup(full.render(ctx.get_all()))
    key = _shell_key(page)
    if key not in _SHELLS:
        shell = unindent_html(full.render(dict(ctx.get_all(), page=_PlaceholderPage(page))))
        # Anything of this page left in the shell would show on every other page: then this
        # kind of page is rendered in full, every time.
        leaked = slug in shell or title in shell or description in shell
        _SHELLS[key] = None if leaked else shell
        if leaked:
            log.info("Council pages like %s are rendered in full (the theme uses more of the page).",
                     page.file.src_uri)
    shell = _SHELLS[key]
    if shell is None:
        return Markup(full.render(ctx.get_all()))
    return Markup(shell.replace(_TITLE, title).replace(_DESCRIPTION, description)
                  .replace(_SLUG, slug).replace(_CONTENT, page.content))


def on_env(env, config, files):
    """Let the theme find registry/council.html (after overrides/ and Material) and give it
    :func:`council_html`."""
    _SHELLS.clear()
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.FileSystemLoader(str(THEME_DIR))])
    env.globals["registry_council_html"] = council_html
    return env


def _fill_blocks(page) -> None:
    """Put the registry macros' HTML in place of their placeholders."""
    try:
        page.content = DEFERRED.fill(page.file.src_uri, page.content)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None


# --------------------------------------------------------------------------- search

_HEADING = re.compile(r'<h[1-6] id="([^"]+)"[^>]*>(.*?)</h[1-6]>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
_KEPT = ("p", "li", "ol", "ul", "code", "pre", "sub", "sup")  # as Material's search keeps
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


def escape_text(text: str) -> str:
    return _escape_html(text, quote=False)


def _index_text(html: str) -> str:
    """Text of an HTML fragment as Material's search index holds it: kept tags bare, others
    dropped, whitespace collapsed, text escaped without quotes (``html.escape(quote=False)``)."""
    # Kept tags become \x00name\x01 while the text is unescaped and escaped again (registry
    # text has no control characters: the loader refuses them).
    marked = _TAG.sub(_mark_tag, html)
    text = escape_text(unescape(marked)).replace("\x00", "<").replace("\x01", ">")
    # str.split() splits on exactly the characters regex \s matches, and in C.
    return " ".join(text.split())


def _mark_tag(match: re.Match) -> str:
    name = match.group(2).lower()
    return f"\x00{match.group(1)}{name}\x01" if name in _KEPT else ""


def search_entries(page: Page) -> list[dict[str, str]]:
    """Search entries for a council page: one per heading, like Material's own."""
    html = page.content or ""
    entries = []
    parts = _HEADING.split(html)  # text, id, title, text, id, title, text ...
    for i in range(1, len(parts), 3):
        anchor, title, text = parts[i], parts[i + 1], parts[i + 2]
        entries.append({
            "location": page.url if i == 1 else f"{page.url}#{anchor}",
            "title": _index_text(_HEADERLINK.sub("", title)),
            "text": _index_text(text),
        })
    return entries


def on_page_context(context, page, config, nav):
    """After Material's search has indexed the page (plugins run before hooks):

    * the registry macros' blocks go in (their lists and tables repeat what each council's
      own page says, so search finds the council page instead of ten pages naming it; and
      every reader downloads a smaller search index);
    * a council page gets its search entries (its front matter keeps the plugin out)."""
    if page.file.src_uri in DEFERRED.blocks:
        _fill_blocks(page)
    if isinstance(page, CouncilHTMLPage):
        plugin = config.plugins.get("material/search")
        index = getattr(plugin, "search_index", None)
        if index is not None and getattr(plugin, "config", {}).get("enabled", True):
            index.entries.extend(search_entries(page))
    return context
