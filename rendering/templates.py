"""The one Jinja environment for the project's own templates (``templates/*.j2``).

Autoescape is on for every template, so every value from the registry or a page's front
matter is escaped, attributes included; a missing value is an error, not an empty string.
Template comments are written ``{## … ##}``, because ``{#id}`` is Markdown's heading
attribute and appears in the Markdown templates.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from rendering.text import md_escape

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@functools.lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )
    # Text for Markdown (headings): HTML specials as entities, Markdown punctuation escaped.
    env.filters["md"] = lambda text: Markup(md_escape(text))
    return env


def render(name: str, **context: Any) -> str:
    """Render ``templates/<name>``."""
    return environment().get_template(name).render(**context)


def html_block(name: str, **context: Any) -> Markup:
    """Render an HTML template as one block without blank lines, which Markdown passes
    through untouched (a blank line would end the block and let Markdown parse the rest)."""
    html = render(name, **context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
