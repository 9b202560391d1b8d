"""Weekly check of every external link in the handbook and every source URL in the registry.

Writes a Markdown report (for the standing link-check issue) and always exits 0: a flaky
municipal website must never block anyone's work. Run: python scripts/check_links.py REPORT.md

The addresses in data/linktjek.yaml (sources rewritten from http:// to https://, and addresses
research names that nobody has read) get a section of their own in the report, with what the
check found: works, works only over http, or does not work. With ``--opdater`` the outcome is
also written into data/linktjek.yaml (run it where the sites can be reached, then commit).
When not a single address can be reached, nothing is written: that is no network, not a
verdict on the addresses.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SKIP_FILE = ROOT / ".github" / "linkcheck-skip.yml"
RECORD_FILE = ROOT / "data" / "linktjek.yaml"
RECORD_SECTIONS = {"https_omskrivninger": "Adresser skrevet om fra http:// til https://",
                   "kandidater": "Adresser, research nævner, men ingen har læst"}
OUTCOME_TEXT = {"virker": "virker", "kun_http": "virker kun over http://",
                "virker_ikke": "virker ikke", "ikke_tjekket": "ikke tjekket"}
URL_RE = re.compile(r"https?://[^\s<>()\"'`\]]+")
TIMEOUT_S = 20
USER_AGENT = "Integrationsraadshaandbogen-linkcheck/1.0 (+CONTRIBUTING.md)"
# GitHub refuses an issue body over 65,536 characters; the report goes into one.
ISSUE_BODY_LIMIT = 65_536


@dataclass(frozen=True)
class Skip:
    pattern: re.Pattern
    reason: str


def load_skips(path: Path = SKIP_FILE) -> list[Skip]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [Skip(re.compile(e["pattern"]), e["reason"]) for e in entries]


def clean(url: str) -> str:
    return url.rstrip(".,;:!?*_")


def collect(root: Path = ROOT) -> dict[str, set[str]]:
    """Map each external URL to the files (and registry entries) that use it."""
    where: dict[str, set[str]] = defaultdict(set)
    for md in sorted((root / "docs").rglob("*.md")):
        for m in URL_RE.finditer(md.read_text(encoding="utf-8")):
            where[clean(m.group(0))].add(md.relative_to(root).as_posix())
    registry = root / "data" / "councils.yaml"
    if registry.is_file():
        data = yaml.safe_load(registry.read_text(encoding="utf-8")) or {}
        for code, entry in data.items():
            for key in ("hjemmeside",):
                if isinstance(entry.get(key), str):
                    where[entry[key]].add(f"data/councils.yaml ({code})")
            for source in entry.get("kilder") or []:
                if isinstance(source, dict) and isinstance(source.get("url"), str):
                    where[source["url"]].add(f"data/councils.yaml ({code})")
    return where


def check(url: str) -> str | None:
    """Return None when the URL answers, else a short reason."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                if response.status < 400:
                    return None
        except urllib.error.HTTPError as e:
            if method == "HEAD" and e.code in (403, 405, 501):
                continue  # some servers refuse HEAD; try GET
            return f"HTTP {e.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            return f"ingen forbindelse ({getattr(e, 'reason', e)})"
    return "svarer ikke"


def report(where: dict[str, set[str]], skips: list[Skip]) -> str:
    to_check, skipped = [], []
    for url in sorted(where):
        skip = next((s for s in skips if s.pattern.search(url)), None)
        (skipped if skip else to_check).append((url, skip))
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda item: (item[0], check(item[0])), to_check))
    broken = [(url, why) for url, why in results if why]
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# Linktjek {now}", "",
             f"{len(to_check)} links tjekket, {len(broken)} virker ikke, {len(skipped)} sprunget over.", ""]
    if broken:
        lines += ["## Virker ikke", "", "| link | fejl | bruges i |", "|---|---|---|"]
        lines += [f"| {url} | {why} | {', '.join(sorted(where[url]))} |" for url, why in broken]
        lines.append("")
    if skipped:
        lines += ["## Sprunget over", "", "| link | begrundelse |", "|---|---|"]
        lines += [f"| {url} | {skip.reason} |" for url, skip in skipped]
    return "\n".join(lines) + "\n"


def outcome(url: str, check=check) -> tuple[str, str | None]:
    """(udfald, why) for an https address: ``virker``; ``kun_http`` when only its http://
    form answers; ``virker_ikke`` when neither does (why: the https error)."""
    why = check(url)
    if why is None:
        return "virker", None
    if check("http://" + url[len("https://"):]) is None:
        return "kun_http", why
    return "virker_ikke", why


def check_record(record: dict, check=check) -> dict[str, tuple[str, str | None]]:
    """url -> (udfald, why) for every address in data/linktjek.yaml."""
    urls = [item["url"] for key in RECORD_SECTIONS for item in record.get(key) or ()]
    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(urls, pool.map(lambda url: outcome(url, check), urls)))


def record_report(record: dict, results: dict[str, tuple[str, str | None]]) -> list[str]:
    """Report lines: each recorded address with today's result and the recorded one."""
    lines = []
    for key, heading in RECORD_SECTIONS.items():
        items = record.get(key) or ()
        if not items:
            continue
        lines += [f"## {heading}", "", "| adresse | i dag | registreret i data/linktjek.yaml |",
                  "|---|---|---|"]
        for item in items:
            found, why = results[item["url"]]
            today = OUTCOME_TEXT[found] + (f" ({why})" if why else "")
            recorded = OUTCOME_TEXT.get(item.get("udfald"), str(item.get("udfald")))
            lines.append(f"| {item['url']} | {today} | {recorded}, {item.get('tjekket') or 'aldrig'} |")
        lines.append("")
    return lines


def update_record(text: str, results: dict[str, tuple[str, str | None]], day: str) -> str:
    """data/linktjek.yaml with each address's ``tjekket`` and ``udfald`` set (comments kept)."""
    out, current = [], None
    for line in text.splitlines():
        m = re.match(r"^\s*- url: (\S+)\s*$", line)
        if m:
            current = m.group(1)
        elif current in results and re.match(r"^\s+tjekket:", line):
            line = re.sub(r"tjekket:.*", f'tjekket: "{day}"', line)
        elif current in results and re.match(r"^\s+udfald:", line):
            line = re.sub(r"udfald:.*", f"udfald: {results[current][0]}", line)
        out.append(line)
    return "\n".join(out) + "\n"


def no_network(results: dict[str, tuple[str, str | None]]) -> bool:
    """Every address failed to connect at all: the machine is offline."""
    return bool(results) and all(why and why.startswith("ingen forbindelse")
                                 for _, why in results.values())


def fit_issue_body(text: str, limit: int = ISSUE_BODY_LIMIT) -> str:
    """``text`` cut at a line so that it fits in an issue body, with a note saying how many
    lines were left out and where the whole report is (the broken links come first, so
    they are the last to go)."""
    if len(text) <= limit:
        return text
    lines = text.splitlines()
    note = ("\n_Rapporten er forkortet: {n} linjer mere står i den fulde rapport i loggen "
            "fra workflowkørslen (Actions → Linktjek)._\n")
    kept, size = [], len(note.format(n=len(lines))) + 1
    for line in lines:
        if size + len(line) + 1 > limit:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept) + "\n" + note.format(n=len(lines) - len(kept))


def main(argv: list[str]) -> int:
    update = "--opdater" in argv
    args = [a for a in argv[1:] if a != "--opdater"]
    out = Path(args[0]) if args else None
    record = yaml.safe_load(RECORD_FILE.read_text(encoding="utf-8")) or {}
    results = check_record(record)
    text = report(collect(), load_skips()) + "\n" + "\n".join(record_report(record, results))
    if out:
        out.write_text(fit_issue_body(text), encoding="utf-8")
    print(text)  # the whole report, in the workflow's log
    if update and no_network(results):
        print("Ingen af adresserne kunne nås: ingen netværksforbindelse? data/linktjek.yaml er ikke ændret.")
    elif update:
        day = datetime.now(timezone.utc).date().isoformat()
        RECORD_FILE.write_text(update_record(RECORD_FILE.read_text(encoding="utf-8"), results, day),
                               encoding="utf-8")
        print(f"data/linktjek.yaml opdateret ({day}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
