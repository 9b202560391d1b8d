"""The plain-language section in other languages: easy Danish in ``docs/let/``, translations in
``i18n/<code>/docs/``, the languages listed in ``i18n/languages.yml``.

Each translation is a small site of its own (``i18n/<code>/mkdocs.yml``), built into
``site/<code>/`` after the Danish site, so the theme speaks the page's language and Pagefind
gives each language its own search (it reads ``<html lang>``). Plain Python, no MkDocs objects:

* ``languages(root)``: the list from ``i18n/languages.yml``;
* ``counterparts(root, code)``: for every page of one site (``"da"`` for the Danish site) that
  exists in more than one language, the links to all its versions; hooks/translations.py hands
  them to the theme (overrides/partials/translation.html);
* ``check(root)``: what the gate adds for translated pages (rendering/page_checks.py runs every
  other check on them as on the Danish pages);
* ``status(root)``: for the maintainers' page, which translations wait for a native speaker's
  review and which are older than the Danish page they translate (dates from git);
* ``build(site_dir, site_url)``: builds every language; ``python -m rendering.languages SITE``
  does the same after any engine's build of the Danish site.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from registry.problems import Problem
from registry.yamlparse import parse_yaml
from rendering.frontmatter import PageError, read_page
from rendering.urls import page_url

LANGUAGES_FILE = "i18n/languages.yml"
SECTION = "let/"          # the Danish pages that are translated
SOURCE_KEY = "oversat_fra"                           # the Danish page a translation translates
REVIEWED_KEY = "gennemgaaet_af_modersmaalstalende"   # true once a native speaker has checked it
DANISH = {"code": "da", "name": "Let dansk", "dir": "ltr"}
SCRIPTS = ("LATIN", "ARABIC", "CYRILLIC")
# A language code is a folder under i18n/ and the translation's address on the site (/en/):
# lower-case letters as in ISO 639 (en, ar), optionally a region or variant (pt-br).
CODE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
# Addresses on the site besides docs/'s own pages: the registry's generated pages and news,
# and what the build writes (theme assets, search index, PDF books, the 404 page, the sitemap).
RESERVED = ("da", "raad", "nyt", "assets", "pagefind", "pdf", "404", "sitemap", "search")
# Invisible characters that belong to an alphabet's spelling: ZERO WIDTH NON-JOINER in Farsi
# ("می‌کند"); the gate refuses them everywhere else.
SPELLING = {"ARABIC": "\u200c"}


@dataclass(frozen=True)
class Language:
    code: str
    name: str       # in its own script
    dir: str        # "ltr" or "rtl"
    script: str     # one of SCRIPTS


@dataclass(frozen=True)
class Link:
    code: str
    name: str
    dir: str
    href: str       # from the Danish site's root, e.g. "ar/bliv-medlem/"


@dataclass(frozen=True)
class Translation:
    code: str
    src: str        # in i18n/<code>/docs/
    source: str     # the Danish page, in docs/
    reviewed: bool


class LanguageError(Exception):
    """i18n/languages.yml or a language's folder is wrong; the message says how, in Danish."""


def languages(root: Path) -> list[Language]:
    path = Path(root) / LANGUAGES_FILE
    if not path.is_file():
        return []
    parsed = parse_yaml(path.read_text(encoding="utf-8"))
    data = parsed.data
    problems = [f"{LANGUAGES_FILE}:{p.line + 1}: {p.message}" for p in parsed.problems]
    out = []
    seen: dict[str, int] = {}
    taken = {*RESERVED, *(p.stem if p.suffix == ".md" else p.name
                          for p in (Path(root) / "docs").glob("*"))}
    if not problems and not isinstance(data, list):
        problems.append(f"{LANGUAGES_FILE}:1: Skriv sprogene som en liste, ét sprog pr. linje: "
                        "- {code: en, name: English, dir: ltr}")
    for i, item in enumerate(data if isinstance(data, list) else []):
        info = parsed.info.get((i,))
        line = info.where[0] if info else 1
        ok = (isinstance(item, dict) and set(item) == {"code", "name", "dir", "script"}
              and all(isinstance(v, str) and v.strip() for v in item.values())
              and item["dir"] in ("ltr", "rtl") and item["script"] in SCRIPTS)
        if not ok:
            problems.append(f"{LANGUAGES_FILE}:{line}: Hvert sprog skal have code, name, dir (ltr "
                            f"eller rtl) og script ({', '.join(SCRIPTS)}), fx "
                            "- {code: en, name: English, dir: ltr, script: LATIN}")
            continue
        code = item["code"]
        if not CODE_RE.fullmatch(code):
            problems.append(f"{LANGUAGES_FILE}:{line}: Sprogkoden »{code}« skal være sprogets kode "
                            "med små bogstaver (ISO 639), fx en, ar eller pt-br: den bliver navnet "
                            "på mappen under i18n/ og sidens adresse.")
            continue
        if code in taken:
            problems.append(f"{LANGUAGES_FILE}:{line}: Sprogkoden »{code}« er allerede en adresse på "
                            f"sitet (/{code}/), og sproget ville overskrive den. Brug sprogets "
                            "kode efter ISO 639, fx en eller ar.")
            continue
        if code in seen:
            problems.append(f"{LANGUAGES_FILE}:{line}: Sproget {code} står der allerede "
                            f"(linje {seen[code]}). Slet den ene linje.")
            continue
        seen[code] = line
        if not (Path(root) / "i18n" / item["code"] / "mkdocs.yml").is_file():
            problems.append(f"{LANGUAGES_FILE}:{line}: Sproget {item['code']} har ingen "
                            f"i18n/{item['code']}/mkdocs.yml. Kopiér mappen fra et sprog, der findes.")
            continue
        out.append(Language(item["code"], item["name"], item["dir"], item["script"]))
    if problems:
        raise LanguageError("Sproglisten har fejl:\n" + "\n".join(problems))
    return out


def translations(root: Path, code: str) -> list[Translation]:
    """The pages of one language, with what their front matter says (checked by ``check``)."""
    docs = Path(root) / "i18n" / code / "docs"
    out = []
    for path in sorted(docs.rglob("*.md")):
        try:
            meta = read_page(path, docs).meta
        except (PageError, OSError, UnicodeDecodeError):
            meta = {}  # the gate reports it
        source, reviewed = meta.get(SOURCE_KEY), meta.get(REVIEWED_KEY)
        out.append(Translation(code, path.relative_to(docs).as_posix(),
                               source if isinstance(source, str) else "", reviewed is True))
    return out


def counterparts(root: Path, code: str) -> dict[str, list[Link]]:
    """{page in this site: links to all its versions, Danish first} for the pages that exist in
    more than one language. ``code`` is the site: "da" or a translation's code."""
    groups: dict[str, list[tuple[Language | dict, str]]] = {}
    for lang in languages(root):
        for t in translations(root, lang.code):
            if t.source.startswith(SECTION) and (Path(root) / "docs" / t.source).is_file():
                groups.setdefault(t.source, []).append((lang, t.src))
    out: dict[str, list[Link]] = {}
    for source, versions in groups.items():
        links = [Link("da", DANISH["name"], "ltr", page_url(source, True))]
        links += [Link(lang.code, lang.name, lang.dir, f"{lang.code}/{page_url(src, True)}")
                  for lang, src in versions]
        if code == "da":
            out[source] = links
        else:
            out.update({src: links for lang, src in versions if lang.code == code})
    return out


def check(root: Path, code: str, src: str, meta: dict) -> list[tuple[str, str]]:
    """[(field, message)] for one translated page's own fields: the Danish page it translates,
    and whether a native speaker has reviewed it."""
    out = []
    source = meta.get(SOURCE_KEY)
    if not isinstance(source, str) or not source.strip():
        out.append((SOURCE_KEY, f"En oversat side skal sige, hvilken dansk side den oversætter, fx "
                                f"{SOURCE_KEY}: let/index.md (stien under docs/)."))
    elif not source.startswith(SECTION) or not (Path(root) / "docs" / source).is_file():
        out.append((SOURCE_KEY, f"Den danske side docs/{source} findes ikke. En oversættelse skal "
                                f"have en dansk side under docs/{SECTION} at følge: ret stien, eller "
                                "slet oversættelsen, hvis den danske side er slettet."))
    if not isinstance(meta.get(REVIEWED_KEY), bool):
        out.append((REVIEWED_KEY, f"Skriv {REVIEWED_KEY}: false (ikke gennemgået endnu) eller "
                                  "true (en person med sproget som modersmål har gennemgået siden)."))
    return out


def _git_dates(root: Path, paths: list[str]) -> dict[str, dt.date]:
    """The date of the last commit that changed each path (missing outside git)."""
    try:
        run = subprocess.run(["git", "log", "--format=%x00%as", "--name-only", "--no-renames", "--", *paths],
                             cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    dates: dict[str, dt.date] = {}
    day = None
    for line in run.stdout.splitlines():
        if line.startswith("\0"):
            day = dt.date.fromisoformat(line[1:])
        elif line and day:
            dates.setdefault(line, day)
    return dates


@dataclass(frozen=True)
class Status:
    language: Language
    page: Translation
    translated: dt.date | None   # last change of the translation (git)
    danish: dt.date | None       # last change of the Danish page (git)

    @property
    def outdated(self) -> bool:
        return bool(self.translated and self.danish and self.danish > self.translated)


def status(root: Path) -> list[Status]:
    """Every translated page with its review state and git dates, by language and page."""
    langs = languages(root)
    pages = [(lang, t) for lang in langs for t in translations(root, lang.code)]
    dates = _git_dates(Path(root), ["docs/" + SECTION, "i18n/"])
    return [Status(lang, t, dates.get(f"i18n/{lang.code}/docs/{t.src}"), dates.get(f"docs/{t.source}"))
            for lang, t in pages]


def build(site_dir: Path, site_url: str = "", root: Path | None = None) -> None:
    """Build every language into ``site_dir/<code>/``. Raises LanguageError with MkDocs' own
    message when a build fails."""
    root = Path(root or Path.cwd())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    running = []
    for lang in languages(root):
        if site_url:
            env = {**env, "HANDBOOK_LANG_SITE_URL": f"{site_url.rstrip('/')}/{lang.code}/"}
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict",
                   "--config-file", str(root / "i18n" / lang.code / "mkdocs.yml"),
                   "--site-dir", str(Path(site_dir).resolve() / lang.code)]
        running.append((lang, subprocess.Popen(command, cwd=root, env=env, text=True,
                                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)))
    failed = []
    for lang, process in running:
        output, _ = process.communicate()
        if process.returncode != 0:
            failed.append(f"Siderne på {lang.name} ({lang.code}) kunne ikke bygges:\n{output.strip()}")
    if failed:
        raise LanguageError("\n\n".join(failed))


def register(env, root: Path, docs_dir: Path) -> None:
    """The section's two macros: ``language_links()`` on the front page (docs/index.md) and
    ``translation_status()`` on the maintainers' page (docs/om/vedligehold.md)."""
    from rendering.templates import render
    from rendering.text import format_date, md_escape
    from rendering.urls import md_link, page_src

    @env.macro
    def language_links() -> str:
        """The section in easy Danish and every language, each named in its own script. Links
        are relative to the site's root: for the front page."""
        links = [Link("da", DANISH["name"], "ltr", page_url(SECTION + "index.md"))]
        links += [Link(lang.code, lang.name, lang.dir, f"{lang.code}/") for lang in languages(root)]
        return render("language_links.html.j2", links=links)

    @env.macro
    def translation_status() -> str:
        """Table of translated pages: reviewed or not, and older than their Danish page."""
        current = page_src(env.variables["page"])
        rows = status(root)
        danish = sorted(p.relative_to(docs_dir).as_posix() for p in (docs_dir / SECTION).rglob("*.md"))
        have = {(s.language.code, s.page.source) for s in rows}
        missing = [(lang.name, md_link(src, current)) for lang in languages(root) for src in danish
                   if (lang.code, src) not in have]

        def day(value: dt.date | None) -> str:
            return format_date(value.isoformat()) if value else "ukendt"

        return render("translation_status.md.j2", missing=missing, rows=[{
            "language": md_escape(s.language.name), "file": f"i18n/{s.language.code}/docs/{s.page.src}",
            "danish": md_link(s.page.source, current) if s.page.source else "",
            "danish_title": s.page.source, "reviewed": s.page.reviewed, "outdated": s.outdated,
            "translated_on": day(s.translated), "danish_on": day(s.danish)} for s in rows])


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or not Path(argv[0]).is_dir():
        print("Brug: python -m rendering.languages MAPPE [SITE_URL]  (mappen med det byggede danske site)",
              file=sys.stderr)
        return 2
    try:
        build(Path(argv[0]), argv[1] if len(argv) == 2 else "")
    except LanguageError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
