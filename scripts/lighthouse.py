"""`make lighthouse`: Lighthouse (mobile) on the front page and the three heaviest text pages.

Serves the built site (site/, from `make build`) on loopback with gzip, runs Lighthouse's
default mobile audit three times per page in Debian's Chromium with the test suite's flags,
and prints the median performance and accessibility scores. Lighthouse is an npm package:
`make lighthouse` installs the pinned version into .cache/lighthouse (never into git).

Usage: python -m scripts.lighthouse LIGHTHOUSE_BIN [SITE_DIR]
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.servegzip import serve
from tests.conftest import CHROMIUM_ARGS
from tests.preflight import MISSING_CHROMIUM, chromium_path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
# Not handbook text: generated council pages and the registry's overviews.
NOT_TEXT = ("raad/", "registret/", "404.html", "pagefind/")


def heaviest_text_pages(site: Path, count: int = 3) -> list[str]:
    """Paths of the ``count`` text pages with the most HTML (gzip bytes)."""
    pages = [p for p in site.rglob("index.html")
             if p.parent != site and not p.relative_to(site).as_posix().startswith(NOT_TEXT)]
    pages.sort(key=lambda p: len(gzip.compress(p.read_bytes())), reverse=True)
    return [p.parent.relative_to(site).as_posix() + "/" for p in pages[:count]]


def audit(lighthouse: str, chromium: str, url: str, slowdown: str | None) -> dict[str, float] | None:
    """Scores of one run and the machine's benchmark index; None when Lighthouse could not
    score it (it then has no score). ``slowdown``: a CPU slowdown instead of Lighthouse's 4x."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        calibrated = [f"--throttling.cpuSlowdownMultiplier={slowdown}"] if slowdown else []
        subprocess.run([lighthouse, url, *calibrated, "--quiet", "--output=json", f"--output-path={report}",
                        "--only-categories=performance,accessibility",
                        "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)],
                       env={**os.environ, "CHROME_PATH": chromium}, check=True)
        result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: result["categories"][name]["score"] for name in ("performance", "accessibility")}
    if None in scores.values():
        return None
    # How fast this machine was during the run. Simulated throttling slows what it measured by a
    # fixed factor made for a machine of index 1,500-2,000, so on a busy or slower machine the
    # performance score drops with the machine, not the page.
    scores["benchmark"] = result["environment"]["benchmarkIndex"]
    return scores


def main(argv: list[str]) -> int:
    chromium = chromium_path()
    if chromium is None:
        print(MISSING_CHROMIUM, file=sys.stderr)
        return 1
    # LIGHTHOUSE_CPU_SLOWDOWN: Lighthouse's own calibration for a machine slower than the one its
    # default 4x is made for (Lighthouse's docs/throttling.md, "Calibrating the CPU slowdown").
    slowdown = os.environ.get("LIGHTHOUSE_CPU_SLOWDOWN")
    if slowdown is not None and not re.fullmatch(r"\d+(\.\d+)?", slowdown):
        print(f"LIGHTHOUSE_CPU_SLOWDOWN skal være et tal, fx 2 (ikke {slowdown!r}).", file=sys.stderr)
        return 2
    lighthouse = argv[0]
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    if not (site / "index.html").is_file():
        print(f"{site} har intet byggede site: kør 'make build' først.", file=sys.stderr)
        return 1
    base, server = serve(site)
    try:
        print(f"Lighthouse, mobile, CPU slowdown {slowdown or '4 (Lighthouse default)'}, "
              f"median of {RUNS} runs")
        print(f"  {'':41}performance  accessibility   (machine's benchmark index)")
        for path in ["", *heaviest_text_pages(site)]:
            runs: list[dict[str, float]] = []
            for _ in range(2 * RUNS):  # a run without a score is tried again
                if len(runs) < RUNS and (scores := audit(lighthouse, chromium, base + path, slowdown)):
                    runs.append(scores)
            if not runs:
                print(f"  /{path}: Lighthouse gave no score in {2 * RUNS} runs")
                continue
            perf = statistics.median(r["performance"] for r in runs)
            a11y = statistics.median(r["accessibility"] for r in runs)
            bench = statistics.median(r["benchmark"] for r in runs)
            print(f"  /{path:40}{perf:11.2f} {a11y:14.2f}   "
                  f"(runs: {', '.join(str(r['performance']) for r in runs)}; index {bench:,.0f})")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
