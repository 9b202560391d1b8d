"""MkDocs hook: hands the data step's files to MkDocs (rendering/generate.py).

One event, ``on_files``: the data step returns the council pages, the exports and the
downloads, and each is added with ``File.generated`` (MkDocs 1.6's documented way to add a
file that has no source in docs/). Why this way and not files written into docs/ before the
build: nothing generated lands in the working tree (no stale pages, nothing to keep out of
git), ``mkdocs serve`` picks up every change to the registry at once, and MkDocs treats the
generated pages exactly like written ones (strict link checks, search, sitemap, theme). For
an engine without hooks, ``python -m rendering.generate --with-docs OUT`` writes the same
files into a copy of docs/.

A bad registry or page stops the build here, with every problem listed.

A second event, ``on_nav``: the council pages are not in the menu (98 entries would bury it),
but they belong to the Registret section. Each gets that section as its ``parent`` (the
attribute MkDocs documents for a page's place in the navigation), so the page shows the
breadcrumbs "Forside › Registret" and the Registret tab as the current one.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from registry.loader import RegistryError, get_registry
from registry.neighbours import NeighbourDataError
from rendering import kit
from rendering.councils import unknown_case_targets
from rendering.frontmatter import PageError
from rendering.generate import generate
from rendering.news import NewsError
from rendering.site import Site

# Made from the registry, one per municipality, and reached from the registry's pages rather
# than the nav: the council pages, the confirmation requests and the handover sheets.
FROM_REGISTRY = ("raad/", "registret/bekraeft/", "registret/overlevering/")


def on_files(files, config):
    site = Site.from_config(config)
    try:
        registry = get_registry(config)
        generated = generate(site, registry)
        stray = unknown_case_targets(registry, site.docs_dir)
    except (RegistryError, PageError, NewsError, NeighbourDataError) as exc:
        raise PluginError(str(exc)) from None
    if stray:  # an error, not a warning: it must stop the build under any flags
        raise PluginError("Siderne linker til rådssider, som ingen kommune har. Ret linket:\n"
                          + "\n".join(f"docs/{line}" for line in stray))
    clashes = sorted(p for p in generated if p.startswith(FROM_REGISTRY) and files.get_file_from_path(p))
    if clashes:
        raise PluginError(
            "Disse sider laves automatisk ud fra registret og må ikke ligge i docs/: "
            + ", ".join(f"docs/{p}" for p in clashes)
            + ". Slet filerne og ret i data/councils.yaml i stedet."
        )
    for path, content in generated.items():
        from_registry = path.startswith(FROM_REGISTRY)
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        file = File.generated(config, path, content=content,
                              inclusion=InclusionLevel.NOT_IN_NAV if from_registry else InclusionLevel.UNDEFINED)
        if from_registry:
            file.edit_uri = "../data/councils.yaml"  # the edit button opens the registry
        elif path == "nyt.md" and site.news is not None:
            file.edit_uri = "../" + site.news.relative_to(site.root).as_posix()  # the change log
        elif path == kit.HANDOUT:  # the meeting kit's handout: its source file
            file.edit_uri = "../" + kit.SOURCE.relative_to(kit.ROOT).as_posix()
        files.append(file)
    return files


# The page whose section the council pages belong to (breadcrumbs and the active tab).
OVERVIEW = "registret/index.md"


def on_nav(nav, config, files):
    overview = files.get_file_from_path(OVERVIEW)
    section = overview.page.parent if overview is not None and overview.page is not None else None
    if section is None:  # a site without the registry's section: nothing to attach to
        return nav
    for file in files.documentation_pages():
        if file.src_uri.startswith("raad/") and file.page is not None:
            file.page.parent = section
    return nav
