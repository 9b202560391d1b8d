"""Shared fixtures: the real site built once per test session, served on loopback,
and a Chromium browser driven by Playwright.

The build is the real one (`mkdocs build --strict` with the real registry), so every
test asserts on what a reader would get.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.preflight import MISSING_CHROMIUM, chromium_path
from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent

# Flags that keep Chromium quiet on a machine without internet: no background
# connections of its own, so every request we see comes from the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Build the real site strictly, once, then its PDF books, as the Pages workflow does
    (make pdf); fail with the log if either does not work."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", out)
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + result.output, pytrace=False)
    pdf = subprocess.run([sys.executable, "-m", "rendering.pdf", str(out)], cwd=ROOT,
                         capture_output=True, text=True)
    if pdf.returncode != 0:
        pytest.fail("python -m rendering.pdf failed:\n" + pdf.stdout + pdf.stderr, pytrace=False)
    from rendering.search_index import index_site

    index_site(out)  # again, as make pdf does: the PDF step wrote links into three pages
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def macros_site(tmp_path_factory) -> Path:
    """The tiny site tests/sites/macros/, built once."""
    out = tmp_path_factory.mktemp("macros")
    result = build_site(ROOT / "tests" / "sites" / "macros" / "mkdocs.yml", out)
    if result.returncode != 0:
        pytest.fail("tests/sites/macros did not build:\n" + result.output, pytrace=False)
    return out


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Serve the built site on an ephemeral loopback port; return its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright (never Playwright's own download)."""
    exe = chromium_path()
    if exe is None:
        pytest.exit(MISSING_CHROMIUM, returncode=1)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def html_pages(built_site) -> list[Path]:
    """Every HTML page of the built site (404.html included)."""
    return sorted(built_site.rglob("*.html"))


def page_url(site_url: str, built_site: Path, html: Path) -> str:
    """URL under which the server returns ``html``."""
    rel = html.relative_to(built_site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return site_url + rel


os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
