"""Where things are: the site's settings that the data step and the macros need, read from
``mkdocs.yml`` (through MkDocs, mkdocs-macros, or as a plain YAML file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from registry.loader import SCHEMA_FILENAME, default_paths
from registry.model import Registry


@dataclass(frozen=True)
class Site:
    root: Path            # the folder of mkdocs.yml
    docs_dir: Path
    data: Path            # data/councils.yaml
    reference: Path       # data/kommuner.csv
    vocabularies: Path    # data/vocabularies.yaml
    repo_url: str | None = None
    edit_uri: str | None = None
    directory_urls: bool = True
    macro_pages: frozenset[str] = frozenset()   # extra.macro_pages: pages that may run macros
    snippet_dirs: tuple[Path, ...] = ()         # pymdownx.snippets' base_path
    site_url: str = ""                          # absolute, ends with "/" (feeds, PDFs, requests link with it)
    mailbox: str | None = None                  # the editors' functional mailbox (extra.mailbox), or None
    calendar_pages: tuple[str, ...] = ()        # extra.kalender: docs pages whose dated rows make kalender.ics
    news: Path | None = None                    # extra.nyt: the change log behind nyt.md and nyt.xml

    @property
    def schema(self) -> Path:
        return self.vocabularies.with_name(SCHEMA_FILENAME)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Site:
        """From MkDocs' config, mkdocs-macros' ``env.conf`` or :func:`read_mkdocs_yml`."""
        data, reference, vocabularies, root = default_paths(config)
        docs = Path(config.get("docs_dir") or "docs")
        extra = config.get("extra") or {}
        news = extra.get("nyt")
        return cls(
            root=root,
            docs_dir=docs if docs.is_absolute() else root / docs,
            data=data,
            reference=reference,
            vocabularies=vocabularies,
            repo_url=config.get("repo_url"),
            edit_uri=config.get("edit_uri"),
            directory_urls=config.get("use_directory_urls", True) is not False,
            macro_pages=frozenset(extra.get("macro_pages") or ()),
            snippet_dirs=_snippet_dirs(config, root),
            site_url=config["site_url"].rstrip("/") + "/" if config.get("site_url") else "",
            mailbox=extra.get("mailbox"),
            calendar_pages=tuple(extra.get("kalender") or ()),
            news=root / news if news else None,
        )


def _snippet_dirs(config: Mapping[str, Any], root: Path) -> tuple[Path, ...]:
    """The folders pymdownx.snippets reads (relative ones from the mkdocs.yml folder)."""
    options = (config.get("mdx_configs") or {}).get("pymdownx.snippets")
    if options is None:  # a plain mkdocs.yml: the extension's options in markdown_extensions
        for item in config.get("markdown_extensions") or ():
            if isinstance(item, dict) and "pymdownx.snippets" in item:
                options = item["pymdownx.snippets"] or {}
    paths = (options or {}).get("base_path") or []
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else paths
    return tuple(Path(p) if Path(p).is_absolute() else root / p for p in paths)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV [NAME, default]`` values as MkDocs does."""


def _env_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if os.environ.get(v)), default)


_ConfigLoader.add_constructor("!ENV", _env_value)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    """mkdocs.yml as a plain dict (with ``config_file_path`` set, as MkDocs sets it)."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    config["config_file_path"] = str(path.resolve())
    return config


def generated_pages(registry: Registry) -> tuple[str, ...]:
    """The Markdown pages ``rendering.generate.generate`` makes, without making them: the gate
    (rendering/page_checks.py) leaves them to the data step's own checks when another engine's
    build finds them written into docs/ (``--with-docs``). tests/test_registry_pages.py keeps
    this list equal to what ``rendering.generate.generate`` returns."""
    slugs = [c.slug for c in registry.councils]
    return (*(f"raad/{s}.md" for s in slugs), *(f"registret/bekraeft/{s}.md" for s in slugs),
            *(f"registret/overlevering/{s}.md" for s in slugs), "registret/overlevering/index.md",
            "vaerktoejer/oplaeg-konstituerende-moede.md", "nyt.md")
