"""MkDocs hook: the glossary's explanations on every page, and a way to them by touch and keyboard.

The terms live in includes/abbreviations.md, one ``*[TERM]: explanation`` line each (the
Markdown abbreviation syntax, so the file reads as plain Markdown). This hook reads the file
once per build and hands the terms to Python-Markdown's ``abbr`` extension as its
``glossary``: every page gets the same ``<abbr title="…">`` explanations without the file being
appended to, and parsed again for, each of the site's pages.

A title shows only under a mouse, so the first time a term stands on a page it also links to
its entry in the ordliste (docs/ordliste.md, where every entry has an anchor: ``Diæter
{#diaeter}``). The entry is the one whose word the term begins with (»suppleanter« →
Suppleant), or whose abbreviation it is (»DNIR« → Det Nationale Integrationsråd (DNIR)). A term
without an entry stops the build. Terms in headings, in links and in the entries' own words get
no link. A term is explained once per section (from one h2 to the next), where a reader who
jumps there from the table of contents meets it first; later mentions in the section are plain
text, so a long page is not dotted with the same underline (and its layout stays light).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"
ORDLISTE = "ordliste.md"
_DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<text>\S.*?)\s*$")
# A definition-list term with its anchor, followed by its explanation: "Diæter {#diaeter}\n:   …"
_ENTRY = re.compile(r"^(?P<word>[^\s:].*?)[ \t]*\{[ \t]*#(?P<id>[\w-]+)[ \t]*\}[ \t]*\n:", re.M)
# What Danish adds to a word: kommunalbestyrelse-n, forvaltning-en, suppleant-er, årshjul-et.
_ENDINGS = ("", "n", "en", "et", "e", "r", "er", "ne", "erne", "s")
# An <abbr> from the glossary, and the elements whose text must not become a link.
_TOKEN = re.compile(r'<abbr title="[^"]*">(?P<term>[^<]+)</abbr>|<(?P<close>/?)(?P<tag>a|h[1-6]|dt)\b[^>]*>')


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


def read_entries(path: Path) -> dict[str, str]:
    """``{word: anchor}`` for every entry of the ordliste; an entry "Word (ABBR)" is found by
    its word and by its abbreviation."""
    entries: dict[str, str] = {}
    for m in _ENTRY.finditer(path.read_text(encoding="utf-8")):
        word = m["word"].lower()
        entries[word] = m["id"]
        inner = re.fullmatch(r"(.*?)\s*\((.*)\)", word)
        if inner:
            entries[inner[1]] = entries[inner[2]] = m["id"]
    return entries


def entry_for(term: str, entries: dict[str, str]) -> str | None:
    """The anchor of ``term``'s entry: the longest entry word the term is an inflection of."""
    low = term.lower()
    found = [(len(word), anchor) for word, anchor in entries.items()
             if low.startswith(word) and low[len(word):] in _ENDINGS]
    return max(found)[1] if found else None


def link_terms(html: str, href: str, anchors: dict[str, str]) -> str:
    """``html`` with the first mention of each entry's terms on the page linked to
    ``href#anchor``, and each entry explained (``<abbr>``) only at its first mention in a
    section; later mentions in the same section become plain text."""
    out, pos, linked, explained, inside = [], 0, set(), set(), 0
    for m in _TOKEN.finditer(html):
        if m["tag"]:
            inside += -1 if m["close"] else 1
            if m["tag"] == "h2" and not m["close"]:
                explained.clear()  # a new section: its terms are explained again
            continue
        anchor = anchors.get(m["term"], m["term"])
        link = not inside and m["term"] in anchors and anchor not in linked
        if not link and anchor in explained:
            out.append(html[pos:m.start()])
            out.append(m["term"])
            pos = m.end()
            continue
        explained.add(anchor)
        if link:
            linked.add(anchor)
            out.append(html[pos:m.start()])
            out.append(f'<a class="hb-term" href="{href}#{anchor}">{m[0]}</a>')
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)


_anchors: dict[str, str] = {}


def on_files(files, config):
    """Resolve every term to its entry once per build; stop with all terms that have none."""
    ordliste = files.get_file_from_path(ORDLISTE)
    if ordliste is None:
        raise PluginError(f"Ordlisten mangler: docs/{ORDLISTE} skal findes, for ordene linker til den.")
    entries = read_entries(Path(ordliste.abs_src_path))
    glossary = config.mdx_configs["abbr"]["glossary"]
    _anchors.clear()
    missing = []
    for term in glossary:
        anchor = entry_for(term, entries)
        if anchor is None:
            missing.append(term)
        else:
            _anchors[term] = anchor
    if missing:
        raise PluginError(
            "Ord i includes/abbreviations.md uden opslag i ordlisten (docs/ordliste.md): "
            + ", ".join(f"»{t}«" for t in missing)
            + ". Skriv et opslag med ordet og et anker, fx »Diæter {#diaeter}«, eller et, der "
            "henviser: »Inhabil {#inhabil}« med forklaringen »Se [Habilitet](#habilitet).«")
    return files


def on_page_content(html, page, config, files):
    href = get_relative_url(ORDLISTE.replace(".md", "/"), page.url) if page.file.src_uri != ORDLISTE else ""
    return link_terms(html, href, _anchors)
