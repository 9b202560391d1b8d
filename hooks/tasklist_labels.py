"""MkDocs hook: give every checklist checkbox an accessible name.

pymdownx.tasklist renders each item as an empty <label> around a disabled checkbox,
followed by the item's text. Screen readers then announce an unnamed checkbox, and axe-core
reports it (WCAG 4.1.2). This hook names each checkbox with its item's own text.
"""

from __future__ import annotations

import html
import re

_ITEM = re.compile(
    r'(<li class="task-list-item">(?:<p>)?<label class="task-list-control">'
    r'<input type="checkbox"(?: checked)? disabled)(/>)'
    r'(<span class="task-list-indicator"></span></label>)(.*?)(?=</li>|<ul|<ol|</p>)',
    re.S,
)
_TAGS = re.compile(r"<sup\b.*?</sup>|<[^>]+>", re.S)  # footnote markers are not part of the name


def _name(fragment: str) -> str:
    text = html.unescape(_TAGS.sub("", fragment))
    return " ".join(text.split())


def on_page_content(content: str, page, config, files) -> str:
    def label(m: re.Match) -> str:
        name = html.escape(_name(m.group(4)), quote=True)
        return f'{m.group(1)} aria-label="{name}"{m.group(2)}{m.group(3)}{m.group(4)}'

    return _ITEM.sub(label, content)
