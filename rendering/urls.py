"""The one URL helper: where a docs file ends up in the built site, and how one page links
to another.

Pages are named by their path in ``docs/`` (``raad/aarhus.md``, ``registret/index.md#x``);
a link is made relative to the URL of the page it stands on, so the site works from any
folder of any host. The rules are MkDocs' own (``use_directory_urls``), written out here so
that no engine code is needed to follow them.
"""

from __future__ import annotations

import posixpath


def page_url(src: str, directory_urls: bool = True) -> str:
    """Site URL of the docs file ``src``: ``raad/aarhus.md`` → ``raad/aarhus/``,
    ``registret/index.md`` → ``registret/``. Other files keep their path."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def relative(target: str, current: str) -> str:
    """The site URL ``target`` (``raad/aarhus/#kilder``) as a link from the page whose URL is
    ``current``. A last part with a dot in it (``x.html``) is a file, not a folder."""
    path, hash_mark, anchor = target.partition("#")
    folder, _, last = current.rpartition("/")
    here = [p for p in (folder if "." in last else current).split("/") if p]
    there = [p for p in path.split("/") if p]
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if path.endswith("/") or not path:  # a folder, or the site's root
        link += "/"
    return link + hash_mark + anchor


def link(target_src: str, current: str, directory_urls: bool = True) -> str:
    """Link from the page at URL ``current`` to the docs file ``target_src`` (an ``#anchor``
    may follow)."""
    src, hash_mark, anchor = target_src.partition("#")
    return relative(page_url(src, directory_urls), current) + hash_mark + anchor


def md_link(target_src: str, current_src: str) -> str:
    """Relative ``.md`` link between two docs files, for Markdown that MkDocs checks."""
    return posixpath.relpath(target_src, posixpath.dirname(current_src) or ".")


def page_src(page) -> str:
    """Docs path of the page a macro stands on: MkDocs' page has ``file.src_uri``,
    Zensical's has ``path``."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path
