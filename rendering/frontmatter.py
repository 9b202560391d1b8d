"""Front matter and title of a page in ``docs/``, read as plain files (no engine needed).

The front matter is the YAML between two ``---`` lines at the top, as MkDocs reads it. Unlike
MkDocs, which silently drops front matter it cannot parse, a YAML error here is an error,
reported at its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# The same delimiters and loader as MkDocs (mkdocs.utils.meta).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\s*\{[:#.][^}]*\}\s*$")


class PageError(Exception):
    """Pages that cannot be read; ``problems`` lists ``docs/x.md:LINE: message`` each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        noun = "problem" if len(problems) == 1 else "problemer"
        super().__init__(f"Siderne har {len(problems)} {noun}. Ret dem, og byg igen:\n"
                         + "\n".join(problems))


@dataclass(frozen=True)
class Page:
    src: str                      # docs path, e.g. "gode-erfaringer/kulturdag.md"
    title: str                    # front matter title, else the first "# " heading, else src
    body: str                     # the Markdown after the front matter
    meta: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # front matter key -> its line
    body_line: int = 1            # line of the file where the body starts

    def line_of(self, key: str) -> int:
        """1-based line of ``key:`` in the front matter (1 when it is not there)."""
        return self.key_lines.get(key, 1)


def read_page(path: Path, docs_dir: Path) -> Page:
    """Read one page; raise PageError if its front matter is not valid YAML."""
    src = path.relative_to(docs_dir).as_posix()
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    meta: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    body, body_line = text, 1
    match = _FRONT.match(text)
    if match:
        try:
            loaded = yaml.load(match.group(1), Loader=_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1  # +1 for the "---" line
            reason = getattr(exc, "problem", None) or str(exc)
            raise PageError([f"docs/{src}:{line}: sidens hoved (front matter) er ikke gyldig YAML "
                             f"({reason}). Tjek kolon, indrykning og anførselstegn."]) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise PageError([f"docs/{src}:2: sidens hoved (front matter) skal være felter "
                             "(felt: værdi), én pr. linje."])
        meta = dict(loaded or {})
        for number, line in enumerate(match.group(1).splitlines(), start=2):
            key = line.split(":", 1)[0].strip()
            if key and not line[:1].isspace() and ":" in line:
                key_lines.setdefault(key, number)
        body, body_line = text[match.end():], text.count("\n", 0, match.end()) + 1
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        heading = _H1.search(body)
        title = _ATTR_LIST.sub("", heading.group(1)) if heading else src
    return Page(src, title.strip(), body, meta, key_lines, body_line)


def read_pages(docs_dir: Path, folder: str = "") -> list[Page]:
    """Every ``.md`` page under ``docs_dir/folder``, sorted by path; every problem at once."""
    pages, problems = [], []
    for path in sorted((docs_dir / folder).rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
            continue
        try:
            pages.append(read_page(path, docs_dir))
        except PageError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PageError(problems)
    return pages
