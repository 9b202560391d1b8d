"""MkDocs hook: every download link says the file's type and size (rendering/download_links.py),
worked out on the built site, so the size is that of the file the reader gets."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from rendering.download_links import annotate_site


def on_post_build(config) -> None:
    _, problems = annotate_site(Path(config.site_dir))
    if problems:
        raise PluginError("Download-links uden fil:\n  " + "\n  ".join(problems))
