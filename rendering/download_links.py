"""Downloads that say what they are: every link with ``download`` on a built page gets the
file's type and size, e.g. »Hent forretningsordenen som Word-fil (Word, 38 kB)«.

Runs on the built site, after the build (hooks/download_links.py calls it; with another
engine, run ``python -m rendering.download_links SITE``). The size is read from the built
file, so it is always that of the file the reader gets. A link whose file is not in the built
site stops with the page and the address (the strict build has already checked Markdown links,
so that is a link written in HTML).

In Markdown a download is a link with ``{ download }`` after it:
``[Hent forretningsordenen som Word-fil](filer/forretningsorden.docx){ download }``.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from rendering.pdf import size_text

# What the reader is told the file is, by its extension.
KINDS = {".docx": "Word", ".pptx": "PowerPoint", ".xlsx": "Excel", ".txt": "tekst", ".csv": "CSV", ".json": "JSON",
         ".pdf": "PDF", ".ics": "kalender", ".md": "Markdown", ".zip": "zip"}
CLASS = "hb-download"
_LINK = re.compile(r'<a\b(?P<attrs>[^>]*?\sdownload(?:="[^"]*")?(?=[\s>])[^>]*)>(?P<text>.*?)</a>', re.S)
_CLASS = re.compile(r'\sclass="([^"]*)"')
_HREF = re.compile(r'\bhref="([^"]*)"')
_DONE = re.compile(rf'class="{CLASS}[ "]')


def _target(site_dir: Path, page: Path, href: str) -> Path | None:
    url = urlparse(html.unescape(href))
    if url.scheme or url.netloc or not url.path:
        return None
    base = PurePosixPath("/" + page.parent.relative_to(site_dir).as_posix())
    path = PurePosixPath(unquote(url.path)) if url.path.startswith("/") else base / unquote(url.path)
    resolved = (site_dir / str(path).lstrip("/")).resolve()
    return resolved if resolved.is_file() else None


def annotate(text: str, page: Path, site_dir: Path) -> tuple[str, list[str]]:
    """``text`` (the HTML of ``page``) with type and size in each download link; problems."""
    problems: list[str] = []

    def one(m: re.Match) -> str:
        attrs = m["attrs"]
        if re.search(rf'\sclass="[^"]*\b{CLASS}\b', attrs):
            return m[0]  # already done (the step runs once more after make pdf)
        href = _HREF.search(attrs)
        target = _target(site_dir, page, href.group(1)) if href else None
        if target is None:
            problems.append(f"{page.relative_to(site_dir)}: download-linket "
                            f"»{href.group(1) if href else '(uden href)'}« peger ikke på en fil på sitet")
            return m[0]
        kind = KINDS.get(target.suffix.lower(), target.suffix.lstrip(".").upper())
        meta = f"{kind}, {size_text(target.stat().st_size)}"
        attrs = (_CLASS.sub(lambda c: f' class="{CLASS} {c[1]}"', attrs, count=1) if _CLASS.search(attrs)
                 else f' class="{CLASS}"{attrs}')
        return (f'<a{attrs}><span class="{CLASS}__name">{m["text"]}</span> '
                f'<span class="{CLASS}__meta">({meta})</span></a>')

    return _LINK.sub(one, text), problems


def annotate_site(site_dir: Path) -> tuple[int, list[str]]:
    """Annotate every page of the built site; the number of links done, and the problems."""
    done, problems = 0, []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "download" not in text:
            continue
        new, found = annotate(text, page, site_dir)
        problems += found
        if new != text:
            done += len(_DONE.findall(new)) - len(_DONE.findall(text))
            page.write_text(new, encoding="utf-8")
    return done, problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("Brug: python -m rendering.download_links MAPPE (mappen med det byggede site)")
        return 2
    done, problems = annotate_site(Path(argv[0]))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"Type og størrelse på {done} download-links.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
