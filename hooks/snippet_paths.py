"""MkDocs hook: pymdownx.snippets finds its files from any working folder.

The extension reads ``base_path`` relative to the folder MkDocs is started from, so
``mkdocs build -f /path/to/mkdocs.yml`` run elsewhere found no snippet and stopped. This makes
every relative base path relative to mkdocs.yml instead (MkDocs' own ``!relative`` tag does the
same, but Zensical cannot read it; it builds from the project folder, where the plain paths
work).
"""

from __future__ import annotations

from pathlib import Path


def on_config(config):
    options = config.mdx_configs.get("pymdownx.snippets")
    if options and options.get("base_path"):
        root = Path(config.config_file_path).parent
        paths = options["base_path"]
        options["base_path"] = [str(root / p) for p in ([paths] if isinstance(paths, str) else paths)]
    return config
