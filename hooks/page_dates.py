"""MkDocs hook: dates a reader can trust at the foot of every handbook page.

* "Sidst opdateret" comes from git history through mkdocs-git-revision-date-localized-plugin
  (Danish dates). In a shallow clone, or outside git, that history would be wrong or missing:
  this hook then switches the plugin off and the page says plainly that the date is unknown,
  instead of showing the date of the build or of the one commit a shallow clone has.
* "Sidst gennemgået", "Næste gennemgang" and the responsible role come from each page's
  front matter (`sidst_gennemgaaet`, `naeste_gennemgang`, `ansvarlig`).
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry.text import format_date  # noqa: E402

log = logging.getLogger("mkdocs.hooks.page_dates")
PLUGIN = "git-revision-date-localized"


def git_history_state(project_dir: Path) -> str:
    """'full', 'shallow' or 'none' for the git history behind ``project_dir``."""
    try:
        out = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=project_dir,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "none"
    if out.returncode != 0:
        return "none"
    return "shallow" if out.stdout.strip() == "true" else "full"


def on_config(config):
    state = git_history_state(Path(config.config_file_path).parent)
    config.extra["git_history"] = state
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None and state != "full":
        plugin.config["enabled"] = False
        log.info("Git history is %s: 'Sidst opdateret' is shown as unknown on every page.", state)
    return config


def danish_date(value) -> str:
    """Front-matter date (a date or an ISO string) in Danish: '21. november 2026'."""
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()[:10]
    return format_date(value) or ""


def on_env(env, config, files):
    env.filters["dansk_dato"] = danish_date
    return env
