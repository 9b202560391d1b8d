"""The gate for the handbook's pages (``docs/``): what a contributor writes in a page can never
publish a wrong page, run as code, or end the build in a traceback.

Every Markdown page is read as a plain file before MkDocs and mkdocs-macros see it, and every
problem is reported at once as ``docs/side.md:LINE:COL: felt: forklaring`` (lines counted as in
GitHub, the front matter included):

* the file: UTF-8, no control, invisible or direction-changing characters, NFC text, no word
  mixing alphabets (registry/text_checks.py);
* the front matter (the YAML between the two ``---`` lines): valid YAML, reported as that YAML
  error at its line (MkDocs would silently drop it and show it as text); known fields only
  (``FRONT_MATTER``); texts (title, description, kort, ansvarlig) as plain text -- no ``<``,
  ``>``, ``"``, character references (``&lt;``) or template syntax, because the theme prints
  them unescaped in the tab title, the meta tags, the menu, the breadcrumbs and the search
  index -- within the length the page has room for and without personal data; review dates as
  real dates; ``render_macros`` as true or false;
* the title taken from the first heading when the front matter has none: length and personal
  data (MkDocs keeps its entities as text, and overrides/main.html escapes the tab title);
* macros: only pages listed under ``extra.macro_pages`` in mkdocs.yml may opt in with
  ``render_macros: true``. On those pages the text is read as a template first: a syntax
  error, an unknown macro, variable or filter, or a macro called with the wrong arguments is
  reported at its line, instead of mkdocs-macros' traceback (which ``mkdocs build -q`` does not
  even print). On every other page ``{{`` is plain text;
* hostile markup in the text: HTML elements other than plain layout (``ALLOWED_TAGS``), event
  handlers (``onclick=``), ``javascript:``/``data:`` links, and images, frames or styles that
  would load something from another host;
* personal data in the text and in links (registry/personal_data.py);
* snippets (``--8<-- "fil.md"``): the file must exist in one of pymdownx.snippets' folders;
  snippet files get the same text checks;
* two pages with the same address (``a.md`` and ``a/index.md``, or a page in ``docs/raad/``
  and a generated council page).

``python -m rendering.page_checks`` runs the same gate as the build (it calls ``macros.py``'s
``define_env``, which checks the registry, the municipality list and the pages together); it is
what ``make check`` runs.
"""

from __future__ import annotations

import difflib
import fnmatch
import inspect
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import jinja2
from jinja2 import nodes

from registry.personal_data import ProperNouns, text_findings, url_findings
from registry.problems import Problem
from registry.text_checks import control_characters, file_problems, length_problem
from registry.yamlparse import TAG_BOOL, decode_utf8, parse_yaml
from rendering.urls import page_url

# Front-matter fields a page may have, and what each is for (shown in the message).
FRONT_MATTER = {
    "title": "sidens titel",
    "description": "kort beskrivelse til søgemaskiner og søgningen",
    "sidst_gennemgaaet": "dato for sidste gennemgang (ÅÅÅÅ-MM-DD)",
    "naeste_gennemgang": "dato for næste gennemgang (ÅÅÅÅ-MM-DD)",
    "ansvarlig": "den rolle, der har ansvaret (aldrig et navn)",
    "render_macros": "true på de få sider, der viser tal fra registret",
    "temaer": "temaerne for en god erfaring",
    "kort": "én kort linje om en god erfaring",
    "hide": "dele af siden, der skjules (navigation, toc, footer, path)",
}
# Only on a translated page (i18n/<code>/docs/); checked by rendering/languages.py.
TRANSLATION_FIELDS = ("oversat_fra", "gennemgaaet_af_modersmaalstalende")
TEXT_FIELDS = ("title", "description", "kort", "ansvarlig")
# Printed by the theme without escaping (tab title, meta tags, menu, breadcrumbs, search):
# plain text only. kort and ansvarlig reach the page only through escaping templates.
THEME_FIELDS = ("title", "description")
DATE_FIELDS = ("sidst_gennemgaaet", "naeste_gennemgang")
HIDE_VALUES = ("navigation", "toc", "footer", "path", "feedback", "tags")
# Raw HTML a page may use: layout and text elements, nothing that runs, loads or submits.
ALLOWED_TAGS = frozenset("""
    a abbr b blockquote br caption cite code dd del details div dl dt em figcaption figure h1 h2
    h3 h4 h5 h6 hr i ins kbd li mark ol p pre q s section small span strong sub summary sup
    table tbody td tfoot th thead time tr u ul wbr
""".split())
_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)  # as MkDocs
_FENCE = re.compile(r"(?ms)^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$")
_INLINE_CODE = re.compile(r"(?<!`)(`{1,10})(?!`)(?:(?!\1).){1,500}?\1")
# Longer lines are reported and left out of the checks below (no page needs one; a pasted
# blob must not make the regular expressions slow).
MAX_LINE = 10_000
_COMMENT = re.compile(r"(?s)<!--.*?-->")
_TAG = re.compile(r"<[ \t]*(/?)[ \t]*([A-Za-z][\w:-]*)((?:[^>\"'\n]|\"[^\"\n]*\"|'[^'\n]*')*)>")
_ATTR = re.compile(r"""([\w:-]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_LINK_TARGET = re.compile(r"(!?)\[[^\]\n]*\]\([ \t]*<?([^)\s>]+)")
_URL = re.compile(r"https?://[^\s)<>\]\"'`]+")
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp)://[^\s<>]*|mailto:[^\s<>]+|[^\s<>@:]+@[^\s<>@]+)>", re.I)
_CHAR_REF = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_TEMPLATE = re.compile(r"\{\{|\{%|\{#")
_SNIPPET = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(["'])([^"'\n]+)\1""", re.M)
_SNIPPET_BLOCK = re.compile(r"(?ms)^[ \t]*-{1,}8<-{1,}[ \t]*$\n(.*?)^[ \t]*-{1,}8<-{1,}[ \t]*$")


@dataclass
class Gate:
    """What the checks need to know about the site."""

    docs_dir: Path
    nouns: ProperNouns
    macro_pages: frozenset[str] = frozenset()
    # Names a macro page may use; None when the macros could not be registered (the registry
    # is broken, which is reported on its own).
    macros: Mapping[str, Callable[..., Any]] | None = None
    variables: frozenset[str] = frozenset()
    filters: frozenset[str] = frozenset()
    snippet_dirs: tuple[Path, ...] = ()
    generated_pages: tuple[str, ...] = ()   # e.g. raad/aarhus.md, made by the data step
    directory_urls: bool = True
    # A translation of the plain-language section (i18n/<code>/docs/): its language code, and
    # the repository's root, where the Danish pages are (rendering/languages.py).
    translation: str | None = None
    root: Path | None = None
    scripts: frozenset[str] = frozenset({"LATIN"})   # the alphabets the pages are written in
    spelling: str = ""   # invisible characters that belong to the language's spelling
    problems: list[Problem] = field(default_factory=list)
    checked_snippets: set[Path] = field(default_factory=set)


def check_pages(gate: Gate) -> list[Problem]:
    """Every problem in every page under ``gate.docs_dir``, sorted by file and line."""
    urls = {page_url(src, gate.directory_urls): src for src in gate.generated_pages}
    for path in sorted(gate.docs_dir.rglob("*.md")):
        rel = path.relative_to(gate.docs_dir)
        if any(part.startswith(".") for part in rel.parts) or rel.as_posix() == "README.md":
            continue
        src = rel.as_posix()
        if src in gate.generated_pages:
            continue  # written into docs/ by the data step for another engine; checked as data
        check_page(gate, path, src)
        url = page_url(src, gate.directory_urls)
        if url in urls and urls[url] != src:
            add(gate, f"{_folder(gate)}/{src}", 1, 1, None,
                f"Siden får samme adresse ({url or '/'}) som {_shown(urls[url], gate)}. To sider kan "
                "ikke have samme adresse: omdøb eller slet den ene (sider i docs/raad/ laves ud fra "
                "registret og må ikke skrives i hånden).")
        urls.setdefault(url, src)
    return sorted(gate.problems, key=Problem.sort_key)


def _folder(gate: Gate) -> str:
    return f"i18n/{gate.translation}/docs" if gate.translation else "docs"


def _shown(src: str, gate: Gate) -> str:
    if src in gate.generated_pages:
        return f"rådssiden {src}, der laves ud fra registret" if src.startswith("raad/") else \
            f"siden {src}, der laves automatisk"
    return f"{_folder(gate)}/{src}"


def add(gate: Gate, path: str, line: int, col: int, where: str | None, message: str) -> None:
    gate.problems.append(Problem(line, col, message, None, where, path))


# ----------------------------------------------------------------------------- one page


def check_page(gate: Gate, path: Path, src: str) -> None:
    shown = f"{_folder(gate)}/{src}"
    try:
        raw = path.read_bytes()
    except OSError:
        add(gate, shown, 1, 1, None, "Filen kan ikke læses.")
        return
    text, problem = decode_utf8(raw)
    if text is None:
        add(gate, shown, problem.line if problem else 1, problem.col if problem else 1, None,
            problem.message if problem else "Filen kan ikke læses som UTF-8.")
        return
    text = text.replace("\r\n", "\n")
    for line, col, message in [*control_characters(text), *file_problems(text, gate.spelling)]:
        add(gate, shown, line, col, None, message)
    meta, body, body_line = check_front_matter(gate, shown, text)
    if gate.translation and gate.root and (meta or not _FRONT.match(text)):
        from rendering.languages import check as check_translation

        for key, message in check_translation(gate.root, gate.translation, src, meta):
            add(gate, shown, _key_line(text, key), 1, key, message)
    opted_in = meta.get("render_macros") is True
    allowed = any(fnmatch.fnmatchcase(src, pattern) for pattern in gate.macro_pages)
    if opted_in and not allowed:
        add(gate, shown, _key_line(text, "render_macros"), 1, "render_macros",
            "Kun siderne under extra.macro_pages i mkdocs.yml må køre makroer. Skriv "
            "render_macros: false (så står {{ som almindelig tekst), eller bed en udvikler om at "
            "sætte siden på listen.")
    if "title" not in meta:
        check_heading_title(gate, shown, body, body_line)
    if opted_in and allowed:
        check_template(gate, shown, body, body_line, meta)
    check_body(gate, shown, body, body_line)


def _key_line(text: str, key: str) -> int:
    match = re.search(rf"(?m)^{re.escape(key)}\s*:", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def check_front_matter(gate: Gate, shown: str, text: str) -> tuple[dict[str, Any], str, int]:
    """(meta, body, first line of the body) after checking the front matter."""
    match = _FRONT.match(text)
    if not match:
        if re.match(r"-{3}[ \t]*\n", text):
            add(gate, shown, 1, 1, "front matter",
                "Sidens hoved (front matter) begynder med --- men bliver ikke lukket med en linje "
                "med --- . Tilføj linjen efter det sidste felt.")
        return {}, text, 1
    body_line = text.count("\n", 0, match.end()) + 1
    parsed = parse_yaml(match.group(1))
    for problem in parsed.problems + [p for _, p in parsed.located]:
        add(gate, shown, problem.line + 1, problem.col, "front matter", problem.message)
    for dup in parsed.duplicates:
        add(gate, shown, dup.line + 1, dup.col, dup.key,
            f"Feltet {dup.key} står to gange i sidens hoved (linje {dup.first_line + 1} og "
            f"{dup.line + 1}). Behold det ene.")
    if parsed.syntax_error or parsed.data is None:
        return {}, text[match.end():], body_line
    if not isinstance(parsed.data, dict):
        add(gate, shown, 2, 1, "front matter",
            "Sidens hoved (front matter) skal være felter, ét pr. linje: felt: værdi.")
        return {}, text[match.end():], body_line
    meta = parsed.data
    for key, value in meta.items():
        info = parsed.info.get((key,))
        line, col = (info.where[0] + 1, info.where[1]) if info else (2, 1)
        for message in front_matter_value(gate, key, value, info):
            add(gate, shown, line, col, key, message)
    first, second = (meta.get(k) for k in DATE_FIELDS)
    if isinstance(first, str) and isinstance(second, str) and _is_date(first) and _is_date(second) \
            and second <= first:
        info = parsed.info.get(("naeste_gennemgang",))
        add(gate, shown, info.where[0] + 1 if info else 2, 1, "naeste_gennemgang",
            "Næste gennemgang skal ligge efter sidste gennemgang.")
    return meta, text[match.end():], body_line


def _is_date(value: str) -> bool:
    from registry.model import parse_partial_date

    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and parse_partial_date(value) is not None


def front_matter_value(gate: Gate, key: str, value: Any, info: Any) -> list[str]:
    """Messages for one front-matter field."""
    if key in TRANSLATION_FIELDS:
        if gate.translation:
            return []  # rendering/languages.py checks them
        return [f"Feltet {key} hører kun til oversatte sider (i18n/<sprog>/docs/). Slet det her."]
    if key not in FRONT_MATTER:
        close = difflib.get_close_matches(key, list(FRONT_MATTER), n=1, cutoff=0.6)
        hint = f" Mente du {close[0]}?" if close else ""
        return [f"Ukendt felt {key} i sidens hoved.{hint} Tilladte felter: {', '.join(FRONT_MATTER)}."]
    if key in TEXT_FIELDS:
        if not isinstance(value, str) or not value.strip():
            return [f"Skriv {FRONT_MATTER[key]} som almindelig tekst, fx {key}: Sådan gør du."]
        return plain_text_problems(value, key, gate.nouns, key in THEME_FIELDS, gate.scripts)
    if key in DATE_FIELDS:
        if not isinstance(value, str) or not _is_date(value):
            return [f"Skriv datoen som ÅÅÅÅ-MM-DD, fx {key}: 2026-11-21 (en dato, der findes)."]
        return []
    if key == "render_macros":
        if info is None or info.tag != TAG_BOOL or not isinstance(value, bool):
            return ["Skriv render_macros: true eller render_macros: false."]
        return []
    if key in ("temaer", "hide"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return [f"Skriv {key} som en liste, fx {key}: [{'synlighed' if key == 'temaer' else 'toc'}]."]
        if key == "hide" and not set(value) <= set(HIDE_VALUES):
            return [f"hide kan kun indeholde: {', '.join(HIDE_VALUES)}."]
    return []


def plain_text_problems(value: str, where: str, nouns: ProperNouns, theme: bool = True,
                        scripts: frozenset[str] = frozenset({"LATIN"})) -> list[str]:
    """A front-matter text or a title heading: short enough and without personal data; when
    the theme prints it unescaped (``theme``), plain text only."""
    out = []
    bad = sorted({ch for ch in value if ch in '<>"'})
    if theme and (bad or _CHAR_REF.search(value) or _TEMPLATE.search(value)):
        shown = " ".join(bad) or (_CHAR_REF.search(value) or _TEMPLATE.search(value)).group()
        out.append(
            f"Skriv teksten som almindelig tekst uden {shown}: den står uden escaping i "
            "fanebladets titel, i sidens metadata, i menuen og i søgningen, hvor den kunne blive "
            "til kode. Skriv «og» i stedet for &-koder, brug »…« til citater, og lad < > og {{ "
            "være."
        )
    problem = length_problem(where, value)
    if problem:
        out.append(problem)
    out.extend(text_findings(value, nouns, scripts))
    return out


def check_heading_title(gate: Gate, shown: str, body: str, body_line: int) -> None:
    """Without a front-matter title, MkDocs takes the first heading: the same rules."""
    masked = _mask_code(body)
    match = re.search(r"(?m)^#[ \t]+(.+?)[ \t]*#*[ \t]*$", masked)
    if not match:
        return
    heading = re.sub(r"\s*\{[:#.][^}]*\}\s*$", "", match.group(1))
    line = body_line + body.count("\n", 0, match.start())
    # MkDocs keeps a heading's entities (&lt;) and drops its tags, and the theme's tab title
    # escapes it again (overrides/main.html), so only length and personal data are checked.
    for message in plain_text_problems(heading, "title", gate.nouns, False, gate.scripts):
        add(gate, shown, line, 1, "overskrift", "Overskriften bliver sidens titel. " + message)


# ------------------------------------------------------------------------------- the body


def _mask_code(text: str) -> str:
    """``text`` with fenced code, inline code and HTML comments blanked (same length and
    lines), so positions stay right and code can show anything."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    text = _FENCE.sub(blank, text)
    text = _COMMENT.sub(blank, text)
    return _INLINE_CODE.sub(blank, text)


def check_body(gate: Gate, shown: str, body: str, body_line: int) -> None:
    long_lines = [i for i, line in enumerate(body.split("\n")) if len(line) > MAX_LINE]
    if long_lines:
        cut = body.split("\n")
        for i in long_lines:
            add(gate, shown, body_line + i, 1, "tekst",
                f"Linjen er {len(cut[i])} tegn lang. Del den op i afsnit (højst {MAX_LINE} tegn pr. "
                "linje); er det indsat ved en fejl, så slet det.")
            cut[i] = ""
        body = "\n".join(cut)
    masked = _mask_code(body)
    lines = masked.split("\n")

    def at(offset: int) -> tuple[int, int]:
        start = masked.rfind("\n", 0, offset) + 1
        return body_line + masked.count("\n", 0, offset), offset - start + 1

    for match in _TAG.finditer(masked):
        closing, tag, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if _AUTOLINK.fullmatch(match.group()):
            continue  # <https://...> or <navn@kommune.dk>: a link, not an element
        line, col = at(match.start())
        if tag not in ALLOWED_TAGS:
            add(gate, shown, line, col, "html",
                f"HTML-elementet <{tag}> må ikke stå på en side: det kan køre kode, hente noget "
                "fra en anden server eller ændre siden. Skriv indholdet i Markdown; spørg en "
                "udvikler, hvis siden virkelig har brug for det.")
            continue
        if closing:
            continue
        for name, value in _ATTR.findall(attrs):
            name, value = name.lower(), value.strip("\"'").strip()
            lowered = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                problem = f"Attributten {name} kan køre kode. Slet den."
            elif lowered.startswith(("javascript:", "vbscript:", "data:")):
                problem = f"Adressen i {name} ({value[:40]}) kan køre kode. Brug en https-adresse."
            elif name == "style" and "url(" in lowered:
                problem = "En style-attribut med url(...) henter noget fra en server. Slet den."
            else:
                continue
            add(gate, shown, line, col, "html", problem)
    for match in _LINK_TARGET.finditer(masked):
        image, target = match.group(1), match.group(2)
        line, col = at(match.start())
        lowered = target.lower()
        if lowered.startswith(("javascript:", "vbscript:", "data:")):
            add(gate, shown, line, col, "link",
                f"Linket går til {target[:40]}, som kan køre kode. Brug en https-adresse.")
        elif image and re.match(r"(?i)(https?:)?//", target):
            add(gate, shown, line, col, "billede",
                "Billedet hentes fra en anden server, og så ser den server, hvem der læser siden. "
                "Læg billedet i docs/assets/images/ og link til det dér.")
    check_snippets(gate, shown, masked, at)
    check_personal_data(gate, shown, lines, body_line)


def check_personal_data(gate: Gate, shown: str, lines: list[str], body_line: int) -> None:
    for number, line in enumerate(lines):
        for url in _URL.findall(line):
            for message in url_findings(url.rstrip(".,;:"), gate.nouns):
                add(gate, shown, body_line + number, line.index(url) + 1, "link", message)
        prose = re.sub(r"<(?=[^>@]*>)[^>]*>", " ", re.sub(r"\]\([^)]*\)", "]", line))
        prose = _URL.sub(" ", prose)  # links are checked above; e-mail autolinks stay in
        for message in text_findings(prose, gate.nouns, gate.scripts):
            add(gate, shown, body_line + number, 1, "tekst", message)


def check_snippets(gate: Gate, shown: str, masked: str, at: Callable[[int], tuple[int, int]]) -> None:
    """Every ``--8<--`` names a file that exists in a snippet folder; its text is checked too."""
    found = [(m.start(), m.group(2).strip()) for m in _SNIPPET.finditer(masked)]
    for block in _SNIPPET_BLOCK.finditer(masked):
        offset = block.start(1)
        for name in block.group(1).split("\n"):
            if name.strip() and not name.strip().startswith(";"):
                found.append((offset, name.strip()))
            offset += len(name) + 1
    for offset, name in found:
        line, col = at(offset)
        target = next((d / name for d in gate.snippet_dirs if (d / name).is_file()), None)
        inside = target is not None and any(
            target.resolve().is_relative_to(d.resolve()) for d in gate.snippet_dirs)
        if target is None or not inside:
            folders = ", ".join(d.name + "/" for d in gate.snippet_dirs) or "(ingen)"
            add(gate, shown, line, col, "snippet",
                f"Filen «{name}» findes ikke i snippet-mapperne ({folders}). Ret navnet; "
                "filerne står i de mapper, der står under pymdownx.snippets i mkdocs.yml.")
            continue
        if target.resolve() in gate.checked_snippets:
            continue
        gate.checked_snippets.add(target.resolve())
        check_snippet_file(gate, target)


def check_snippet_file(gate: Gate, path: Path) -> None:
    shown = os.path.relpath(path, gate.docs_dir.parent)
    text, problem = decode_utf8(path.read_bytes())
    if text is None:
        add(gate, shown, 1, 1, None, problem.message if problem else "Filen kan ikke læses.")
        return
    for line, col, message in [*control_characters(text), *file_problems(text)]:
        add(gate, shown, line, col, None, message)
    check_personal_data(gate, shown, _mask_code(text).split("\n"), 1)


# ---------------------------------------------------------------------------- macro pages

_JINJA = jinja2.Environment()
_ERRORS_DA = (
    ("unexpected end of template", "En {{, {% eller {# bliver ikke lukket (der mangler }}, %} "
                                   "eller #})."),
    ("Missing end of comment tag", "{# starter en kommentar, der aldrig slutter. Skriv { #id } "
                                   "med mellemrum, når du giver en overskrift et id."),
    ("expected token", "Makrokaldet er ikke skrevet rigtigt (tjek parenteser, kommaer og "
                       "anførselstegn)."),
    ("unexpected '", "Makrokaldet er ikke skrevet rigtigt (tjek parenteser, kommaer og "
                     "anførselstegn)."),
    ("unexpected char", "Makrokaldet indeholder et tegn, der ikke hører til der."),
)


def check_template(gate: Gate, shown: str, body: str, body_line: int, meta: Mapping[str, Any]) -> None:
    """A macro page read as mkdocs-macros will read it: syntax, names, filters, arguments."""
    lines = body.split("\n")

    def where(lineno: int, needle: str = "") -> tuple[int, int]:
        text = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
        col = text.find(needle) if needle else -1
        if col < 0:
            marker = _TEMPLATE.search(text)
            col = marker.start() if marker else 0
        return body_line + lineno - 1, col + 1

    advice = (" På denne side læses {{ og {% som makroer; skal de stå som tekst, så skriv "
              "{{ '{{' }}, eller flyt teksten til en side uden render_macros.")
    try:
        tree = _JINJA.parse(body)
    except jinja2.TemplateSyntaxError as exc:
        reason = next((da for en, da in _ERRORS_DA if en in (exc.message or "")),
                      f"Makroen kan ikke læses ({exc.message}).")
        line, col = where(exc.lineno or 1)
        add(gate, shown, line, col, "makro", reason + advice)
        return
    if gate.macros is None:
        return
    names = set(gate.macros) | gate.variables | set(meta) | {"page"}
    names |= set(jinja2.defaults.DEFAULT_NAMESPACE)
    names |= {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    undeclared = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"} - names
    for node in tree.find_all(nodes.Name):
        if node.name in undeclared and node.ctx == "load":
            close = difflib.get_close_matches(node.name, sorted(gate.macros), n=1, cutoff=0.6)
            hint = f" Mente du {close[0]}?" if close else ""
            line, col = where(node.lineno, node.name)
            add(gate, shown, line, col, "makro",
                f"«{node.name}» er ikke en makro eller variabel, som siderne kan bruge.{hint} "
                "Makroerne står i macros.py." + advice)
            undeclared.discard(node.name)
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        key = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", "")
        if isinstance(key, str) and key.startswith("_"):
            line, col = where(node.lineno, key)
            add(gate, shown, line, col, "makro",
                f"«{key}» må ikke bruges: navne, der begynder med _, giver adgang til Python "
                "bag siden. Brug kun makroerne og deres argumenter.")
    for node in tree.find_all(nodes.Filter):
        if node.name not in gate.filters:
            line, col = where(node.lineno, node.name)
            add(gate, shown, line, col, "makro", f"Filteret «{node.name}» findes ikke." + advice)
    for node in tree.find_all(nodes.Call):
        if not isinstance(node.node, nodes.Name) or node.node.name not in gate.macros:
            continue
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            continue
        try:
            signature = inspect.signature(gate.macros[node.node.name])
            signature.bind(*node.args, **{kw.key: kw.value for kw in node.kwargs})
        except TypeError as exc:
            line, col = where(node.lineno, node.node.name)
            add(gate, shown, line, col, "makro",
                f"{node.node.name}(...) er kaldt med forkerte argumenter ({exc}). Se makroens "
                "beskrivelse i rendering/ eller macros.py.")
        except ValueError:
            continue


# ----------------------------------------------------------------------- command line


class _Env:
    """The part of mkdocs-macros' ``env`` that macros.py uses, for running the gate without
    MkDocs (``python -m rendering.page_checks``)."""

    BUILTIN_MACROS = ("context", "macros_info", "now", "fix_url")

    def __init__(self, conf: dict[str, Any]) -> None:
        self.conf = conf
        extra = conf.get("extra") or {}
        self.variables: dict[str, Any] = {
            "config": conf, "extra": extra, "environment": {}, "plugin": {}, "git": {}, **extra}
        self.macros: dict[str, Callable[..., Any]] = {n: (lambda *a, **k: "") for n in self.BUILTIN_MACROS}
        self.filters: dict[str, Callable[..., Any]] = {"pretty": str, "relative_url": str}

    def macro(self, fn: Callable[..., Any], name: str | None = None) -> Callable[..., Any]:
        self.macros[name or fn.__name__] = fn
        return fn

    def filter(self, fn: Callable[..., Any], name: str | None = None) -> Callable[..., Any]:
        self.filters[name or fn.__name__] = fn
        return fn


def annotation(line: str) -> str | None:
    """A GitHub Actions ``::error`` line for a located problem line, else None."""
    match = re.match(r"(\S+?):(\d+):(\d+): (.*)", line)
    if not match:
        return None
    path, number, col, text = match.groups()

    def esc(s: str) -> str:
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    return f"::error file={esc(path).replace(':', '%3A').replace(',', '%2C')},line={number},col={col}::{esc(text)}"


def main(argv: Iterable[str] | None = None) -> int:
    """Run the build's gate on mkdocs.yml (or the file given) and print every problem."""
    import macros
    from rendering.site import Site, read_mkdocs_yml

    args = list(sys.argv[1:] if argv is None else argv)
    config = read_mkdocs_yml(Path(args[0]) if args else Path("mkdocs.yml"))
    env = _Env(config)
    try:
        macros.define_env(env)
    except Exception as exc:  # StopBuild: a PluginError under MkDocs, RuntimeError elsewhere
        if type(exc).__name__ not in ("PluginError", "RuntimeError"):
            raise
        print(str(exc))
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for line in str(exc).splitlines():
                note = annotation(line)
                if note:
                    print(note)
        return 1
    site = Site.from_config(config)
    pages = sum(1 for _ in site.docs_dir.rglob("*.md")) + sum(1 for _ in site.root.glob("i18n/*/docs/**/*.md"))
    print(f"OK: registret, kommunelisten og {pages} sider er i orden.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
