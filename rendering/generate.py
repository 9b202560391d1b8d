"""The data step: everything the site derives from the registry and the templates.

``generate(site, registry)`` returns ``{path in the site: content}``:

* ``raad/<slug>.md``: one Markdown page per municipality (rendering/councils.py);
* ``registret/councils.json``, ``.csv``, ``.xlsx`` and ``.schema.json``: the exports (registry/exports.py);
* ``vaerktoejer/filer/<name>.docx`` and ``.txt``: the handbook's templates as downloads
  (rendering/downloads.py);
* ``registret/bekraeft/<slug>.md`` and ``.txt`` and ``anmodninger.csv``: the confirmation
  request to each municipality, as a printable page, an e-mail text and a mail-merge file
  (rendering/requests.py);
* ``registret/overlevering/<slug>.md``: a printable handover sheet per municipality
  (rendering/handover.py);
* ``vaerktoejer/filer/oplaeg-konstituerende-moede.pptx`` and
  ``vaerktoejer/oplaeg-konstituerende-moede.md``: the slide deck and handout for a council's
  constituting meeting, from templates/oplaeg/konstituerende-moede.md (rendering/kit.py);
* ``kalender.ics``: the dated, sourced rows of the pages under ``extra.kalender`` as a
  calendar (rendering/ical.py);
* ``nyt.md`` and ``nyt.xml``: the Nyt page and its Atom feed from ``extra.nyt`` (rendering/news.py).

It needs no MkDocs. In the MkDocs build, ``hooks/generated_files.py`` hands these files to
MkDocs. For any other engine, run it from the command line and build the folder it writes:

    python -m rendering.generate OUT_DIR            # the generated files only
    python -m rendering.generate --with-docs OUT_DIR   # docs/ copied first, then the files
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from registry.exports import exports
from registry.loader import RegistryError, get_registry
from registry.model import Registry
from registry.neighbours import NeighbourDataError
from rendering.councils import council_pages
from rendering.downloads import downloads
from rendering.edition import edition
from rendering.frontmatter import PageError
from rendering.handover import handover_pages
from rendering.kit import kit_files
from rendering.requests import mailbox_problem, request_files
from rendering.ical import calendar_file
from rendering.news import NewsError, news_files
from rendering.site import Site, read_mkdocs_yml


def docs_pages(docs_dir: Path) -> frozenset[str]:
    """Docs paths of every Markdown page under ``docs_dir``."""
    return frozenset(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def generate(site: Site, registry: Registry) -> dict[str, str | bytes]:
    """Every generated file: site path -> content (see the module docstring)."""
    problem = mailbox_problem(site.mailbox)
    if problem:
        raise PageError([problem])
    pages = docs_pages(site.docs_dir)
    files: dict[str, str | bytes] = dict(council_pages(
        registry, site.docs_dir, pages,
        repo_url=site.repo_url, edit_uri=site.edit_uri, directory_urls=site.directory_urls,
        site_url=site.site_url, mailbox=site.mailbox,
    ))
    files.update(handover_pages(registry, pages, site_url=site.site_url,
                                directory_urls=site.directory_urls))
    files.update(exports(registry, site.schema, site.site_url))
    files.update(downloads())
    files.update(kit_files(pages, site.directory_urls))
    files.update(request_files(registry, repo_url=site.repo_url, site_url=site.site_url,
                               mailbox=site.mailbox, directory_urls=site.directory_urls))
    files.update(calendar_file(site, edition(site.root)))
    files.update(news_files(site, registry))
    return files


def write(files: dict[str, str | bytes], out: Path) -> None:
    for path, content in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rendering.generate", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write into")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--with-docs", action="store_true", help="copy docs/ into the folder first")
    args = parser.parse_args(argv)
    config = read_mkdocs_yml(args.config_file)
    site = Site.from_config(config)
    try:
        files = generate(site, get_registry(config))
    except (RegistryError, PageError, NewsError, NeighbourDataError) as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.with_docs:
        shutil.copytree(site.docs_dir, args.out, dirs_exist_ok=True)
    write(files, args.out)
    print(f"{len(files)} filer skrevet i {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
