"""`make bench`: build time and page weight of the site against default Material.

Builds the site twice from the same Markdown, data and plugins:
  * "vores": our mkdocs.yml as it is;
  * "standard": the same, but with Material's default theme configuration (no custom_dir,
    no extra CSS/JS, Material's default fonts) — what a default-configured site would ship.
Both are served on loopback with gzip. Every page is opened in a fresh browser context
(a first visit: empty cache) and every response is counted by what was transferred,
split by kind. Requests to other hosts cannot be fetched here (no internet): they are
blocked and listed as requests, not bytes.

Then the cost of searching on our site: for a few typical queries, each in a fresh browser
after a first visit to the front page, the bytes fetched from the moment the reader types
until the results show (Pagefind's script, worker, WebAssembly, index chunks and excerpts).
Default Material has nothing to add there: its whole index came with the first visit.

Ends with the registry benchmark (scripts/bench_registry.py), whose last line is
`bench: N=98 build_s=… N=500 build_s=…`.

Run it as `make bench` (python -m scripts.bench from the repository's root).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import yaml

from rendering.site import read_mkdocs_yml
from scripts.servegzip import serve, served_size
from tests.conftest import CHROMIUM_ARGS
from tests.preflight import MISSING_CHROMIUM, chromium_path

ROOT = Path(__file__).resolve().parent.parent

# Hooks that only make our pages lighter, and our search: not part of a default-configured
# site, which has Material's search plugin instead.
OUR_WEIGHT_HOOKS = {"hooks/minify.py", "hooks/page_assets.py", "hooks/search_index.py"}
MATERIAL_SEARCH = {"search": {"lang": "da"}}
TYPICAL_QUERIES = ("diæter", "høringer", "Aarhus", "forretningsorden", "valg til integrationsråd")

KINDS = ("html", "css", "js", "search", "images", "fonts", "other")


def kind_of(url: str, content_type: str) -> str:
    path = urlparse(url).path.lower()
    if (path.endswith("search_index.json") or "/search/" in path and path.endswith(".json")
            or "/pagefind/" in path):
        return "search"
    if path.endswith((".woff", ".woff2", ".ttf", ".otf")) or "font" in content_type:
        return "fonts"
    if path.endswith(".css") or "text/css" in content_type:
        return "css"
    if path.endswith(".js") or "javascript" in content_type:
        return "js"
    if path.endswith((".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".ico")) or "image" in content_type:
        return "images"
    if path.endswith((".html", "/")) or "text/html" in content_type:
        return "html"
    return "other"


def default_config(ours: Path, target: Path) -> None:
    """Write a copy of our config with Material's default theme settings.

    Same docs, Markdown extensions, plugins and content hooks, so the pages have the same
    content; theme, fonts, custom CSS/JS and our page-weight hooks are Material's defaults.
    """
    cfg = read_mkdocs_yml(ours)
    cfg.pop("config_file_path")
    cfg["theme"] = {"name": "material"}
    cfg.pop("extra_css", None)
    cfg.pop("extra_javascript", None)
    # Keep the hooks that make content (council pages, exports); drop our page-weight ones.
    cfg["hooks"] = [h for h in cfg.get("hooks", []) if h not in OUR_WEIGHT_HOOKS]
    cfg["plugins"] = [MATERIAL_SEARCH, *cfg.get("plugins", [])]
    cfg["extra"] = {k: v for k, v in cfg.get("extra", {}).items() if k != "generator"}
    target.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build(config: Path, out: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean",
                           "-f", str(config), "-d", str(out)], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"Build of {config.name} failed:\n{proc.stdout}{proc.stderr}")
    return elapsed


def page_urls(site: Path, base: str) -> list[str]:
    urls = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()[: -len("index.html")]
        urls.append(base + rel)
    return urls


def measure(browser, base: str, urls: list[str]) -> tuple[list[dict], list[int], set[str]]:
    """Per page: bytes per kind on a first visit; per page: count of third-party requests."""
    origin = base.rstrip("/")
    per_page, remote_counts, remote_hosts = [], [], set()
    for url in urls:
        context = browser.new_context()
        page = context.new_page()
        remote: list[str] = []

        def guard(route):
            u = urlparse(route.request.url)
            if f"{u.scheme}://{u.netloc}" != origin and u.scheme in ("http", "https"):
                remote.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", guard)
        responses = []
        page.on("response", lambda r: responses.append(r))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        sizes = defaultdict(int)
        for response in responses:
            try:
                s = response.request.sizes()
            except Exception:  # aborted or cached: nothing transferred
                continue
            ctype = response.headers.get("content-type", "")
            sizes[kind_of(response.url, ctype)] += s["responseBodySize"] + s["responseHeadersSize"]
        per_page.append(sizes)
        remote_counts.append(len(remote))
        remote_hosts.update(urlparse(r).netloc for r in remote)
        context.close()
    return per_page, remote_counts, remote_hosts


def query_cost(browser, base: str, site: Path, query: str) -> tuple[int, int]:
    """(bytes, requests) a reader's browser fetches for ``query``, typed on the front page
    right after a first visit."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page.keyboard.press("Control+k")  # the search shortcut (overrides/partials/search.html)
    page.keyboard.type(query)
    page.wait_for_function("document.querySelector('.hb-search__status').textContent.includes('gav')")
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(served_size(site, url) for url in requested), len(requested)


def kb(n: float) -> str:
    return f"{n / 1024:7.1f}"


def report(name_a, pages_a, name_b, pages_b) -> None:
    print(f"\nBytes per page, first visit, gzip (KiB)   {name_a:>17} {name_b:>17}   ratio (median)")
    print(f"{'':42}{'median':>8} {'max':>8} {'median':>8} {'max':>8}")
    for kind in KINDS + ("total",):
        def col(pages):
            vals = [sum(p.values()) if kind == "total" else p.get(kind, 0) for p in pages]
            return statistics.median(vals), max(vals)
        ma, xa = col(pages_a)
        mb, xb = col(pages_b)
        ratio = f"{ma / mb:5.2f}" if mb else "   – "
        print(f"  {kind:40}{kb(ma)} {kb(xa)} {kb(mb)} {kb(xb)}   {ratio}")


def main() -> int:
    exe = chromium_path()
    if exe is None:
        print(MISSING_CHROMIUM, file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        default_cfg = ROOT / ".bench-default-mkdocs.yml"  # beside mkdocs.yml: same relative paths
        default_config(ROOT / "mkdocs.yml", default_cfg)
        try:
            t_ours = build(ROOT / "mkdocs.yml", tmp / "ours")
            t_default = build(default_cfg, tmp / "default")
        finally:
            default_cfg.unlink(missing_ok=True)
        base_a, srv_a = serve(tmp / "ours")
        base_b, srv_b = serve(tmp / "default")
        urls_a = page_urls(tmp / "ours", base_a)
        urls_b = page_urls(tmp / "default", base_b)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
            pages_a, remote_a, hosts_a = measure(browser, base_a, urls_a)
            pages_b, remote_b, hosts_b = measure(browser, base_b, urls_b)
            queries = {q: query_cost(browser, base_a, tmp / "ours", q) for q in TYPICAL_QUERIES}
            browser.close()
        srv_a.shutdown()
        srv_b.shutdown()

    print(f"{'':42}{'vores':>17} {'standard Material':>17}")
    print(f"  {'build time (s)':40}{t_ours:17.2f} {t_default:17.2f}")
    print(f"  {'pages':40}{len(urls_a):17d} {len(urls_b):17d}")
    print(f"  {'third-party requests per page (median)':40}"
          f"{statistics.median(remote_a):17.0f} {statistics.median(remote_b):17.0f}")
    print(f"  {'pages with third-party requests':40}"
          f"{sum(1 for r in remote_a if r):17d} {sum(1 for r in remote_b if r):17d}")
    print(f"  third-party hosts: vores: {sorted(hosts_a) or 'ingen'}; standard: {sorted(hosts_b) or 'ingen'}")
    report("vores", pages_a, "standard Material", pages_b)

    print("\nOne search on our site, after a first visit (KiB sent, gzip; requests)")
    for query, (size, count) in queries.items():
        print(f"  {query:40}{kb(size)} KiB {count:4d}")
    print(f"  {'median':40}{kb(statistics.median(s for s, _ in queries.values()))} KiB")
    print("  (standard Material: 0 more, its whole search index is part of every first visit)")

    print()
    sys.stdout.flush()
    return subprocess.call([sys.executable, "-m", "scripts.bench_registry"], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
