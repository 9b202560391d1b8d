"""MkDocs hook: the glossary's hover explanations on every page.

The terms live in includes/abbreviations.md, one ``*[TERM]: explanation`` line each (the
Markdown abbreviation syntax, so the file reads as plain Markdown). This hook reads the file
once per build and hands the terms to Python-Markdown's ``abbr`` extension as its
``glossary``: every page gets the same ``<abbr title="…">`` explanations without the file being
appended to, and parsed again for, each of the site's pages.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

ABBREVIATIONS = Path(__file__).resolve().parent.parent / "includes" / "abbreviations.md"
_DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<text>\S.*?)\s*$")


def read_glossary(path: Path = ABBREVIATIONS) -> dict[str, str]:
    """``{term: explanation}`` from ``path``; a line that is neither a definition, blank nor
    part of the leading HTML comment stops the build with its line number."""
    glossary: dict[str, str] = {}
    problems: list[str] = []
    in_comment = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        match = _DEFINITION.match(line)
        if match is None:
            problems.append(f"{path.name}, linje {number}: skriv forklaringen som *[ORD]: forklaring")
        elif match["term"] in glossary:
            problems.append(f"{path.name}, linje {number}: »{match['term']}« er forklaret to gange")
        else:
            glossary[match["term"]] = match["text"]
    if problems:
        raise PluginError("Fejl i ordlistens forklaringer:\n  " + "\n  ".join(problems))
    return glossary


def on_config(config):
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")
    config.mdx_configs.setdefault("abbr", {})["glossary"] = read_glossary()
    return config
