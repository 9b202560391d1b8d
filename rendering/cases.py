"""Good-practice cases (``docs/gode-erfaringer/``): themes from each case's front matter.

Each case page declares in its front matter

    temaer: [synlighed, lokale_aktoerer]     # keys of `temaer` in data/vocabularies.yaml
    kort: café og rådgivning i Silkeborg     # one short line for the index's theme lists

and nothing else needs to change when a case is added or retagged: the index's table and
theme lists and the case's own theme line are generated from those two fields. The cases
are read and checked once per build (``register``, called from macros.py); an unknown theme
or a missing field stops the build with every problem listed, file and line included.

  ===========================  ====================================================
  macro                        used on
  ===========================  ====================================================
  ``case_themes()``            each case page (its theme line, linking the index)
  ``cases_table()``            ``gode-erfaringer/index.md`` (every case and its themes)
  ``cases_for_theme(key)``     ``gode-erfaringer/index.md`` (the list under one theme)
  ``cases_total()``            any page (number of cases, as text)
  ===========================  ====================================================

The theme sections of the index carry the heading id ``key`` with ``_`` written as ``-``
(``{ #lokale-aktoerer }``); the strict build checks every generated link to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registry.vocab import Vocab
from rendering.frontmatter import PageError, read_pages
from rendering.templates import render
from rendering.text import danish_sort_key, md_escape
from rendering.urls import md_link, page_src

CASES_DIR = "gode-erfaringer"
INDEX = f"{CASES_DIR}/index.md"


@dataclass(frozen=True)
class Case:
    src_uri: str        # e.g. "gode-erfaringer/kulturdag.md"
    title: str
    themes: tuple[str, ...]
    summary: str


class MacroError(Exception):
    """A macro was called in a way it cannot serve (the build stops with this message)."""


def anchor(theme: str) -> str:
    """Heading id of a theme's section on the index (``lokale_aktoerer`` → ``lokale-aktoerer``)."""
    return theme.replace("_", "-")


def load_cases(docs_dir: Path, vocab: Vocab) -> tuple[Case, ...]:
    """Read every case page's front matter; raise PageError listing every problem."""
    allowed = vocab.keys("temaer")
    cases, problems = [], []
    for page in read_pages(docs_dir, CASES_DIR):
        if page.src == INDEX:
            continue

        def problem(key: str, message: str) -> None:
            problems.append(f"docs/{page.src}:{page.line_of(key)}: {key}: {message}")

        themes = page.meta.get("temaer")
        if not isinstance(themes, list) or not themes:
            problem("temaer", "skriv en liste med mindst ét tema, fx `temaer: [synlighed]`. "
                              "Temaerne står under `temaer` i data/vocabularies.yaml.")
            themes = []
        for theme in themes:
            if theme not in allowed:
                problem("temaer", f"«{theme}» er ikke et tema. Brug et af: {', '.join(allowed)}.")
        if len(set(map(str, themes))) != len(themes):
            problem("temaer", "samme tema står to gange. Skriv hvert tema én gang.")
        summary = page.meta.get("kort")
        if not isinstance(summary, str) or not summary.strip():
            problem("kort", "skriv én kort linje om erfaringen til oversigten, "
                            "fx `kort: café og rådgivning i Silkeborg`.")
        title = page.meta.get("title")
        if not isinstance(title, str) or not title.strip():
            problem("title", "skriv erfaringens titel, fx `title: Hold en kulturdag`.")
        cases.append(Case(page.src, str(title or ""), tuple(str(t) for t in themes),
                          str(summary or "").strip()))
    if problems:
        raise PageError(problems)
    order = {key: n for n, key in enumerate(allowed)}
    return tuple(sorted(cases, key=lambda c: (min(order[t] for t in c.themes),
                                              danish_sort_key(c.title))))


def register(env, vocab: Vocab, docs_dir: Path) -> None:
    """Read and check the cases once (the build stops here on a problem); add the macros."""
    cases = load_cases(docs_dir, vocab)
    labels = {key: term.label for key, term in vocab.terms("temaer").items()}

    def theme_links(case: Case, current: str) -> list[dict[str, Any]]:
        index = md_link(INDEX, current)
        return [{"label_md": md_escape(labels[t]), "href": f"{index}#{anchor(t)}"}
                for t in case.themes]

    def case_view(case: Case, current: str) -> dict[str, Any]:
        return {"title_md": md_escape(case.title), "href": md_link(case.src_uri, current),
                "summary_md": md_escape(case.summary), "themes": theme_links(case, current)}

    def current() -> str:
        return page_src(env.variables["page"])

    @env.macro
    def case_themes() -> str:
        """The theme line of the current case page."""
        here = current()
        case = next((c for c in cases if c.src_uri == here), None)
        if case is None:
            raise MacroError(f"case_themes() står på {here}, som ikke er en god erfaring "
                             f"i docs/{CASES_DIR}/.")
        return render("case_themes.md.j2", themes=theme_links(case, here)).strip()

    @env.macro
    def cases_table() -> str:
        """Every case with its themes (Markdown table)."""
        return render("cases_table.md.j2", cases=[case_view(c, current()) for c in cases])

    @env.macro
    def cases_for_theme(key: str) -> str:
        """The cases that carry theme ``key`` (Markdown list)."""
        if key not in labels:
            raise MacroError(f"cases_for_theme('{key}') på {current()}: "
                             f"ukendt tema. Brug et af: {', '.join(labels)}.")
        return render("cases_list.md.j2",
                      cases=[case_view(c, current()) for c in cases if key in c.themes])

    @env.macro
    def cases_total() -> str:
        """Number of good-practice cases, as text."""
        return str(len(cases))
