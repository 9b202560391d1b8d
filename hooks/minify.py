"""MkDocs hook: send less of what the reader does not see.

* HTML: drop the indentation Material's templates leave in every page (about a tenth of each
  page's transferred bytes, gzip included). Whitespace inside <pre> and <textarea> is kept.
* CSS: our own stylesheets (docs/assets/stylesheets/) are written with comments for the
  maintainers; the built copies leave the comments out, which roughly halves them gzipped.
"""

from __future__ import annotations

import re
from pathlib import Path

# A CSS comment; our stylesheets have no "/*" inside strings or URLs (tests check the output).
_CSS_COMMENT = re.compile(r"/\*.*?\*/\s*", re.S)
OWN_CSS = "assets/stylesheets/"

# A whole <pre> or <textarea> element, whose whitespace is content; and a line's indentation.
_PREFORMATTED = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")


def unindent_html(html: str) -> str:
    """``html`` without the indentation at the start of its lines, except inside <pre> and
    <textarea>."""
    parts = _PREFORMATTED.split(html)
    # re.split with two groups yields: text, whole match, tag name, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_INDENT.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def on_post_page(output: str, page, config) -> str:
    return unindent_html(output)


def strip_css_comments(css: str) -> str:
    return _CSS_COMMENT.sub("", css)


def on_post_build(config) -> None:
    docs = Path(config.docs_dir) / OWN_CSS
    site = Path(config.site_dir) / OWN_CSS
    for source in docs.glob("*.css"):
        target = site / source.name
        if target.is_file():
            target.write_text(strip_css_comments(source.read_text(encoding="utf-8")), encoding="utf-8")
