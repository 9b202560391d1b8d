"""MkDocs hook: dates a reader can trust at the foot of every handbook page.

* "Sidst opdateret" is the date of the last commit that changed the page's file (author date,
  Danish time, Danish month names). One ``git log`` over ``docs/`` finds it for every page at
  once; a commit that only moves a file does not count as a change, and a moved file keeps the
  dates of its history under the old name. In a shallow clone, or outside git, that history
  would be wrong or missing: the page then says plainly that the date is unknown, instead of
  showing the date of the build or of the one commit a shallow clone has. A page that is not
  committed yet says so.
* "Sidst gennemgået", "Næste gennemgang" and the responsible role come from each page's
  front matter (`sidst_gennemgaaet`, `naeste_gennemgang`, `ansvarlig`).

The hook hands the theme one plain value per page, ``page_dates`` (texts ready to print, or
None on a generated page), so ``overrides/partials/source-file.html`` needs nothing but
``{% if page_dates %}`` and attribute access: it runs unchanged on another engine, which
then shows no dates. Why not a plugin: the usual one
(mkdocs-git-revision-date-localized) runs git once per page, about 0.6 s of a 5 s build here;
this is one call and plain Python.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
from pathlib import Path

from rendering.text import format_date

log = logging.getLogger("mkdocs.hooks.page_dates")
TIMEZONE = "Europe/Copenhagen"
_GIT_TIMEOUT = 30  # seconds; a huge history is still one call

# Per build: absolute path of a file in docs/ -> date of its last change.
_DATES: dict[str, dt.date] = {}


def _git(cwd: Path, *args: str) -> str | None:
    """stdout of ``git args`` in ``cwd``, or None if git is missing or fails."""
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=_GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.decode("utf-8", errors="surrogateescape")


def git_history_state(project_dir: Path) -> str:
    """'full', 'shallow' or 'none' for the git history behind ``project_dir``."""
    out = _git(project_dir, "rev-parse", "--is-shallow-repository")
    if out is None:
        return "none"
    return "shallow" if out.strip() == "true" else "full"


def _danish_zone() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(TIMEZONE)
    except Exception:  # no time-zone data on this machine: UTC is at most a day off
        return dt.timezone.utc


def parse_log(output: str) -> dict[str, int]:
    """Path -> author timestamp of its last change, from
    ``git log -z -M --format=%x01%at --name-status`` (newest commit first).

    A pure move (``R100``) is not a change: the file keeps the date of its last change under
    its old name. A move with edits, an addition, a modification or a copy is a change."""
    last: dict[str, int] = {}
    current: dict[str, str] = {}  # older path -> the path the file has today
    tokens = iter(output.split("\0"))
    stamp = None
    for token in tokens:
        token = token.lstrip("\n")
        if not token:
            continue
        if token.startswith("\x01"):
            stamp = int(token[1:])
            continue
        status = token
        if status[0] in "RC":
            old, new = next(tokens, ""), next(tokens, "")
            now = current.get(new, new)
            if status[0] == "R":
                current[old] = now
            if status != "R100" and stamp is not None:
                last.setdefault(now, stamp)
            continue
        path = next(tokens, "")
        if status[0] != "D" and stamp is not None:
            last.setdefault(current.get(path, path), stamp)
    return last


def read_dates(project_dir: Path, docs_dir: Path) -> dict[str, dt.date] | None:
    """{absolute path: date of its last change} for the files under ``docs_dir``."""
    top = _git(project_dir, "rev-parse", "--show-toplevel")
    out = _git(project_dir, "-c", "core.quotepath=off", "log", "-z", "-M", "--no-show-signature",
               "--format=%x01%at", "--name-status", "--", str(docs_dir))
    if top is None or out is None:
        return None
    root, zone = Path(top.strip()).resolve(), _danish_zone()
    return {str(root / path): dt.datetime.fromtimestamp(ts, zone).date()
            for path, ts in parse_log(out).items()}


def on_config(config):
    project_dir = Path(config.config_file_path).parent
    state = git_history_state(project_dir)
    _DATES.clear()
    if state == "full":
        found = read_dates(project_dir, Path(config.docs_dir))
        if found is None:
            state = "none"
        else:
            _DATES.update(found)
    config.extra["git_history"] = state
    if state != "full":
        log.info("Git history is %s: 'Sidst opdateret' is shown as unknown on every page.", state)
    return config


def page_date(page) -> dt.date | None:
    """Date of the last commit that changed the page's file (None: generated, not committed,
    or no full history)."""
    src = getattr(page.file, "abs_src_path", None)
    return _DATES.get(os.path.realpath(src)) if src else None


def danish_date(value) -> str:
    """Front-matter date (a date or an ISO string) in Danish: '21. november 2026'."""
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()[:10]
    return format_date(value) or ""


def page_dates(page, git_history: str) -> dict | None:
    """What the page's dates block shows; None for a generated page (no source file)."""
    if not getattr(page.file, "abs_src_path", None):
        return None
    updated = page_date(page)
    meta = page.meta or {}
    return {
        "updated": {"iso": updated.isoformat(), "text": danish_date(updated)} if updated else None,
        "unknown": ("ukendt (sitet er bygget uden fuld git-historik)" if git_history != "full"
                    else "ukendt (siden er ikke gemt i git endnu)"),
        "reviewed": danish_date(meta["sidst_gennemgaaet"]) if meta.get("sidst_gennemgaaet") else None,
        "owner": meta.get("ansvarlig"),
        "next": danish_date(meta["naeste_gennemgang"]) if meta.get("naeste_gennemgang") else None,
    }


def on_page_context(context, page, config, nav):
    context["page_dates"] = page_dates(page, config.extra["git_history"])
    return context
