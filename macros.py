"""mkdocs-macros entry point: the macros that pages in docs/ may call.

The registry is loaded and validated once (registry.loader.get_registry); a bad
data/councils.yaml stops the build here with every problem listed (file, line, plain Danish
explanation) and no traceback. Each module registers its own macros; which page calls which
macro is listed in each module's docstring. Only ``define_env``, ``env.macro``, ``env.conf``,
``env.variables`` and (read only, where the engine has them) ``env.macros`` and ``env.filters``
are used, so the same file serves mkdocs-macros and Zensical's macros extension. Pages opt in
to macros with ``render_macros: true`` (mkdocs.yml sets ``render_by_default: false``), and only
the pages listed under ``extra.macro_pages`` in mkdocs.yml may.

The same place checks every page (rendering/page_checks.py), so a bad page stops the build
together with the registry's problems, before mkdocs-macros renders anything.
"""

from __future__ import annotations

from registry.loader import RegistryError, check_helpers, get_registry
from registry.personal_data import ProperNouns
from registry.vocab import VocabularyFileError, load_vocab
from rendering import blocks, cases, charts, geomap, kit, languages, review
from rendering.frontmatter import PageError
from rendering.page_checks import Gate, check_pages, check_snippet_file
from rendering.site import Site, generated_pages
from rendering.text import md_escape

try:  # MkDocs prints a PluginError as a plain message, without a traceback
    from mkdocs.exceptions import PluginError as StopBuild
except ImportError:  # another engine
    StopBuild = RuntimeError


def define_env(env):
    site = Site.from_config(env.conf)
    problems: list[str] = []
    registry = None
    try:
        registry = get_registry(env.conf)
        cases.register(env, registry.vocab, site.docs_dir)
    except (RegistryError, PageError) as exc:
        problems.append(str(exc))
    if registry is not None and not problems:
        blocks.register(env, registry)                   # overview, regions, statuses, freshness
        charts.register(env, registry, site.data)        # statistics, DNIR 2023 themes
        geomap.register(env, registry, site.data)        # the map
        review.register(env, site.docs_dir)              # pages due for review
        languages.register(env, site.root, site.docs_dir)  # the section in other languages

        @env.macro
        def repo_link(text: str, path: str = "") -> str:
            """A Markdown link into the project's repository on GitHub (repo_url in mkdocs.yml),
            e.g. repo_link("vejledningen", "blob/main/CONTRIBUTING.md")."""
            return f"[{md_escape(text)}]({(site.repo_url or '').rstrip('/')}/{path})"

    # The pages: front matter, titles, hostile markup, personal data, macro opt-in and calls
    # (rendering/page_checks.py), reported together with the registry's problems.
    registered = registry is not None and not problems
    gate = Gate(
        docs_dir=site.docs_dir,
        nouns=_proper_nouns(site),
        macro_pages=site.macro_pages,
        macros=dict(getattr(env, "macros", {})) if registered else None,
        variables=frozenset(env.variables),
        filters=frozenset(getattr(env, "filters", {})) | frozenset(_jinja_filters()),
        snippet_dirs=site.snippet_dirs,
        generated_pages=generated_pages(registry) if registry else (),
        directory_urls=site.directory_urls,
    )
    # The kit for the constituting meeting is published as a deck and a page: same text checks
    # as a snippet (personal data, invisible characters); rendering/kit.py checks its form.
    check_snippet_file(gate, kit.SOURCE)
    found = check_pages(gate)
    # The translated pages of the plain-language section (i18n/<code>/docs/): the same checks,
    # and each must name the Danish page it translates and whether it has been reviewed.
    try:
        translated = languages.languages(site.root)
    except languages.LanguageError as exc:
        problems.append(str(exc))
        translated = []
    for lang in translated:
        found += check_pages(Gate(
            docs_dir=site.root / "i18n" / lang.code / "docs", nouns=gate.nouns,
            directory_urls=site.directory_urls, translation=lang.code, root=site.root,
            scripts=frozenset({"LATIN", lang.script}), spelling=languages.SPELLING.get(lang.script, "")))
    if found:
        noun = "problem" if len(found) == 1 else "problemer"
        problems.append(f"Siderne har {len(found)} {noun}. Ret dem, og byg igen:\n"
                        + "\n".join(p.format(p.path or "") for p in found))
    if problems:
        raise StopBuild("\n\n".join(problems))


def _proper_nouns(site: Site) -> ProperNouns:
    """Names known not to be persons (the registry's own check reports problems in the files)."""
    try:
        return check_helpers(site.reference, load_vocab(site.vocabularies), site.root)[1]
    except (OSError, ValueError, VocabularyFileError):
        return ProperNouns()


def _jinja_filters():
    import jinja2.filters

    return jinja2.filters.FILTERS
