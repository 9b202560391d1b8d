"""`make portability`: how much of the site Zensical builds today (a measurement, not a gate).

1. Copies the project (without .git, .venv, .cache, site) into .cache/portability/
   (Zensical wants docs/ and site/ inside the folder of the config file).
2. Runs the data step there (rendering/generate.py): the council pages, exports and downloads
   are written into the copy's docs/, as they would be for any engine without MkDocs hooks.
3. Builds the copy with Zensical (`zensical build --clean`, never strict) and counts: every
   Markdown page in docs/ should give <url>/index.html.
4. Prints pages built out of the total, 404.html, the warnings by kind with file:line, the first
   fatal error and the pages not built. The whole log stays in .cache/portability/zensical.log.

    python -m scripts.portability .cache/zensical-venv/bin/zensical
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from registry.loader import get_registry
from rendering.generate import generate, write
from rendering.site import Site, read_mkdocs_yml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".cache" / "portability"
LEFT_OUT = {".git", ".venv", ".cache", "site", "__pycache__", ".pytest_cache"}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def copy_project() -> Path:
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.copytree(ROOT, WORK, ignore=lambda folder, names: [n for n in names if n in LEFT_OUT],
                    symlinks=True)
    return WORK


def expected_pages(docs: Path) -> dict[str, Path]:
    """docs path -> where its page must land (directory URLs)."""
    out = {}
    for md in sorted(docs.rglob("*.md")):
        src = md.relative_to(docs).as_posix()
        if src == "README.md":  # exclude_docs in mkdocs.yml
            continue
        stem = src[:-3]
        if stem == "index" or stem.endswith("/index"):
            out[src] = Path(stem[: -len("index")]) / "index.html"
        else:
            out[src] = Path(stem) / "index.html"
    return out


def main(argv: list[str]) -> int:
    zensical = Path(argv[1] if len(argv) > 1 else ".cache/zensical-venv/bin/zensical").resolve()
    work = copy_project()
    config = read_mkdocs_yml(work / "mkdocs.yml")
    site = Site.from_config(config)
    files = generate(site, get_registry(config))
    write(files, site.docs_dir)
    env = {**os.environ, "NO_COLOR": "1"}
    run = subprocess.run([str(zensical), "build", "--clean"], cwd=work, env=env,
                         capture_output=True, text=True)
    log = _ANSI.sub("", run.stdout + run.stderr)
    (work / "zensical.log").write_text(log, encoding="utf-8")
    version = subprocess.run([str(zensical), "--version"], capture_output=True, text=True).stdout.strip()

    pages = expected_pages(site.docs_dir)
    missing = [src for src, out in pages.items() if not (work / "site" / out).is_file()]
    print(f"Zensical {version}: exit {run.returncode}; built {len(pages) - len(missing)} of "
          f"{len(pages)} pages ({sum(1 for s in files if s.endswith('.md'))} of them made by the "
          f"data step); 404.html: {'yes' if (work / 'site' / '404.html').is_file() else 'no'}")
    warnings = re.findall(r"^Warning: (.*)$", log, re.M)
    places = re.findall(r"╭─\[ ?([^\]]+?) ?\]", log)
    kinds = collections.Counter(re.sub(r"'[^']*'|\"[^\"]*\"", "…", w) for w in warnings)
    print(f"warnings: {len(warnings)}")
    for kind, n in kinds.most_common():
        print(f"  {n} × {kind}")
    for warning, place in list(zip(warnings, places))[:20]:
        print(f"    {place}: {warning}")
    fatal = re.search(r"^(?:RuntimeError|\w*Error)\b.*$", log, re.M)
    if fatal:
        print(f"fatal: {fatal.group(0)}")
    for line in re.findall(r"^Macro rendering failed.*$", log, re.M)[:20]:
        print(f"  {line}")
    if missing:
        print(f"not built ({len(missing)}): " + ", ".join(missing[:15]) + (" …" if len(missing) > 15 else ""))
    print(f"log: {work / 'zensical.log'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
