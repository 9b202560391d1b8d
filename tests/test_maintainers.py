"""The maintainers' workflow: what CONTRIBUTING.md promises exists, forms and workflows are
sound, and every page shows dates a reader can trust."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")


def municipalities() -> list[str]:
    with open(ROOT / "data" / "kommuner.csv", encoding="utf-8") as f:
        return [f"{r['kommune']} ({r['kommunekode']})" for r in csv.DictReader(f)]


# --------------------------------------------------------------------------- the guide


def guide() -> str:
    return (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_paths_named_in_the_guide_exist():
    named = set(re.findall(r"`((?:\.github|\.vscode|data|docs|templates|registry)/[^`*\s]*)`", guide()))
    assert len(named) >= 6, "the guide should lead people to real files"
    missing = sorted(p for p in named if not (ROOT / p.rstrip("/")).exists())
    assert not missing, f"CONTRIBUTING.md names paths that do not exist: {missing}"


def test_make_commands_named_in_guide_and_readme_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, re.M))
    text = guide() + (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"make ([a-z-]+)", text))
    assert {"serve", "test", "check"} <= named
    assert named <= targets, f"commands without a Makefile target: {named - targets}"


def test_guide_example_code_is_a_real_municipality_code():
    codes = {m.split("(")[1].rstrip(")") for m in municipalities()}
    named = re.findall(r'`"(\d{4})":`|koden[^`]*`"(\d{4})"`', guide())
    named = [a or b for a, b in named]
    assert named, "the guide should show how a municipality's entry starts"
    for code in named:
        assert code in codes


def test_guide_field_names_exist_in_the_schema():
    schema = (ROOT / "data" / "councils.schema.json").read_text(encoding="utf-8")
    for field in ("status", "raad_navn", "kilder", "url", "dato", "art", "fakta", "bekraeftelser",
                  "inklusion", "nedlagt", "begrundelse"):
        assert f"`{field}" in guide(), f"guide does not explain {field}"
        assert f'"{field}"' in schema, f"guide names {field}, which the schema does not have"


# --------------------------------------------------------------------------- issue forms and PRs


def forms() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}


def test_the_five_issue_forms_exist_and_parse():
    names = {f["name"] for f in forms().values()}
    assert names == {"Ret oplysninger om et råd", "Nyt råd eller råd nedlagt",
                     "Fejl eller forslag til en side", "Ny god erfaring",
                     "Bekræft oplysningerne om integrationsrådet"}
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert any("CONTRIBUTING.md" in link["url"] for link in config["contact_links"])


@pytest.mark.parametrize("form", ["ret-raad.yml", "nyt-eller-nedlagt-raad.yml"])
def test_municipality_dropdown_lists_exactly_the_98(form):
    body = forms()[form]["body"]
    dropdown = next(b for b in body if b.get("id") == "kommune")
    options = dropdown["attributes"]["options"]
    assert options == municipalities()
    assert len(options) == 98
    assert dropdown["validations"]["required"] is True


def test_correction_form_requires_what_a_maintainer_needs():
    body = {b.get("id"): b for b in forms()["ret-raad.yml"]["body"]}
    for field in ("kommune", "rettelse", "kilde", "privatliv"):
        assert field in body
    assert body["kilde"]["validations"]["required"] is True
    assert body["rettelse"]["validations"]["required"] is True


def test_pr_template_opens_with_the_privacy_warning():
    first = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8").splitlines()[0]
    assert "offentligt" in first and "telefonnumre" in first
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "make check" in text and "kilde" in text


def test_codeowners_and_dependabot():
    owners = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    assert re.search(r"^/data/\s+@", owners, re.M) and re.search(r"^/docs/\s+@", owners, re.M)
    dependabot = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"] for u in dependabot["updates"]}
    assert ecosystems == {"pip", "github-actions"}


# --------------------------------------------------------------------------- workflows


def workflows() -> dict[str, tuple[str, dict]]:
    out = {}
    for p in (GITHUB / "workflows").glob("*.yml"):
        text = p.read_text(encoding="utf-8")
        out[p.name] = (text, yaml.safe_load(text))
    return out


def test_three_workflows_pinned_and_least_privilege():
    wf = workflows()
    assert {"ci.yml", "pages.yml", "links.yml"} <= set(wf)
    for name, (text, data) in wf.items():
        assert "permissions" in data, f"{name} declares no permissions"
        for use in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", use), f"{name}: {use} not pinned by SHA"


def test_pages_deploys_only_after_ci_succeeds_on_main():
    _, pages = workflows()["pages.yml"]
    trigger = pages[True] if True in pages else pages["on"]  # YAML 1.1 reads `on` as True
    assert trigger["workflow_run"]["workflows"] == ["CI"]
    assert trigger["workflow_run"]["branches"] == ["main"]
    assert "success" in pages["jobs"]["build"]["if"]
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_link_check_never_blocks_a_pull_request():
    _, links = workflows()["links.yml"]
    trigger = links[True] if True in links else links["on"]
    assert "pull_request" not in trigger and "push" not in trigger
    assert "schedule" in trigger and "workflow_dispatch" in trigger


def test_every_skipped_link_pattern_has_a_reason():
    skips = yaml.safe_load((GITHUB / "linkcheck-skip.yml").read_text(encoding="utf-8"))
    assert skips
    for entry in skips:
        assert set(entry) == {"pattern", "reason"}
        assert len(entry["reason"].split()) >= 4, f"reason too thin: {entry}"
        re.compile(entry["pattern"])


def test_link_report_fits_in_an_issue_body():
    """GitHub refuses an issue body over 65,536 characters: a long report is cut at a line,
    keeps its heading and broken links, and says how much is left out."""
    from scripts.check_links import ISSUE_BODY_LIMIT, fit_issue_body

    rows = [f"| https://kommune{i}.dk/side | svarer ikke | docs/a.md |" for i in range(3000)]
    text = "# Linktjek\n\n## Virker ikke\n\n" + "\n".join(rows) + "\n"
    assert len(text) > ISSUE_BODY_LIMIT
    body = fit_issue_body(text)
    assert len(body) <= ISSUE_BODY_LIMIT
    assert body.startswith("# Linktjek\n\n## Virker ikke")
    kept = sum(1 for line in body.splitlines() if line.startswith("| https://"))
    assert 0 < kept < 3000
    assert f"{3000 - kept} linjer mere" in body
    assert fit_issue_body("# Linktjek\n\nKort.\n") == "# Linktjek\n\nKort.\n"


def test_link_check_collects_handbook_links_and_registry_sources(tmp_path):
    from scripts.check_links import collect

    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "a.md").write_text("Se [lov](https://example.org/lov).\n", encoding="utf-8")
    (tmp_path / "data" / "councils.yaml").write_text(
        '"0101":\n  kilder:\n    - url: https://example.org/kilde\n', encoding="utf-8")
    where = collect(tmp_path)
    assert where["https://example.org/lov"] == {"docs/a.md"}
    assert where["https://example.org/kilde"] == {"data/councils.yaml (0101)"}


def test_rewritten_addresses_are_recorded_and_reported_with_their_outcome():
    """The 24 sources rewritten from http:// to https:// are in data/linktjek.yaml; the link
    check tells works / only over http / does not work apart, writes the outcome into the
    file, and writes nothing when no address can be reached at all (no network)."""
    from scripts.check_links import no_network, outcome, record_report, update_record

    path = ROOT / "data" / "linktjek.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    rewritten = [item["url"] for item in record["https_omskrivninger"]]
    registry = (ROOT / "data" / "councils.yaml").read_text(encoding="utf-8")
    assert len(rewritten) == len(set(rewritten)) == 24
    assert all(url.startswith("https://") and url in registry for url in rewritten)
    assert [item["udfald"] for item in record["https_omskrivninger"]] == ["ikke_tjekket"] * 24
    assert record["kandidater"][0]["kommune"] == "0540"

    def fake(url):  # the https form of a works; b works only over http; c is dead
        return None if url in ("https://a.dk/", "http://b.dk/") else "HTTP 404"

    assert outcome("https://a.dk/", fake) == ("virker", None)
    assert outcome("https://b.dk/", fake) == ("kun_http", "HTTP 404")
    assert outcome("https://c.dk/", fake) == ("virker_ikke", "HTTP 404")
    results = {"https://a.dk/": ("virker", None), "https://c.dk/": ("virker_ikke", "HTTP 404")}
    text = ("https_omskrivninger:\n  # a comment stays\n  - url: https://a.dk/\n    tjekket: null\n"
            "    udfald: ikke_tjekket\n  - url: https://c.dk/\n    tjekket: null\n"
            "    udfald: ikke_tjekket\n")
    updated = yaml.safe_load(update_record(text, results, "2027-01-04"))
    assert updated["https_omskrivninger"] == [
        {"url": "https://a.dk/", "tjekket": "2027-01-04", "udfald": "virker"},
        {"url": "https://c.dk/", "tjekket": "2027-01-04", "udfald": "virker_ikke"}]
    assert "# a comment stays" in update_record(text, results, "2027-01-04")
    report = "\n".join(record_report(yaml.safe_load(text), results))
    assert "| https://c.dk/ | virker ikke (HTTP 404) | ikke tjekket, aldrig |" in report
    offline = {"https://a.dk/": ("virker_ikke", "ingen forbindelse (Name or service not known)")}
    assert no_network(offline) and not no_network(results)


# --------------------------------------------------------------------------- dates on pages


def _tiny_dated_site(tmp: Path) -> Path:
    """tests/sites/page_dates/ copied to ``tmp``/tests/sites/page_dates, with links to the
    project's overrides/ and hooks/ where its mkdocs.yml expects them; returns its config."""
    import shutil

    site = tmp / "tests" / "sites" / "page_dates"
    shutil.copytree(ROOT / "tests" / "sites" / "page_dates", site)
    for name in ("overrides", "hooks"):
        (tmp / name).symlink_to(ROOT / name, target_is_directory=True)
    return site / "mkdocs.yml"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


def _footer(html: str) -> str:
    m = re.search(r'(?s)<aside class="md-source-file hb-page-dates".*?</aside>', html)
    assert m, "page has no dates block"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(0)))


def _has_danish_time_zone() -> bool:
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo("Europe/Copenhagen")
    except Exception:
        return False
    return True


def test_dates_in_danish_with_full_history_and_unknown_in_shallow_clone(tmp_path):
    config = _tiny_dated_site(tmp_path / "checkout")
    repo = config.parent
    docs = repo / "docs"
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first", "--date", "2026-01-15T12:00:00+01:00")
    # An edit late on 20 February (UTC) is 21 February in Denmark.
    with (docs / "index.md").open("a", encoding="utf-8") as f:
        f.write("\nMere tekst.\n")
    _git(repo, "commit", "-q", "-am", "edit", "--date", "2026-02-20T23:30:00+00:00")
    # Moving a page is not an update: b.md keeps the date of a.md's last change.
    _git(repo, "mv", "docs/a.md", "docs/b.md")
    _git(repo, "commit", "-q", "-m", "move", "--date", "2026-03-10T12:00:00+01:00")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "nothing")
    (docs / "ny.md").write_text("# Ny\n\nIkke gemt endnu.\n", encoding="utf-8")

    full = build_site(config, tmp_path / "full")
    assert full.returncode == 0, full.output
    footer = _footer((tmp_path / "full" / "index.html").read_text(encoding="utf-8"))
    edited = "21. februar 2026" if _has_danish_time_zone() else "20. februar 2026"
    assert f"Sidst opdateret {edited}" in footer.replace(":", "")
    assert "Sidst gennemgået 2. marts 2026 (redaktionen)" in footer.replace(":", "")
    assert "Næste gennemgang 2. marts 2027" in footer.replace(":", "")
    assert '<time datetime="2026-02-2' in (tmp_path / "full" / "index.html").read_text(encoding="utf-8")
    moved = _footer((tmp_path / "full" / "b" / "index.html").read_text(encoding="utf-8"))
    assert "Sidst opdateret 15. januar 2026" in moved.replace(":", "")
    new = _footer((tmp_path / "full" / "ny" / "index.html").read_text(encoding="utf-8"))
    assert "ukendt (siden er ikke gemt i git endnu)" in new

    shallow = tmp_path / "shallow" / "tests" / "sites" / "page_dates"
    for name in ("overrides", "hooks"):
        (tmp_path / "shallow" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "shallow" / name).symlink_to(ROOT / name, target_is_directory=True)
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
                   check=True, capture_output=True)
    result = build_site(shallow / "mkdocs.yml", tmp_path / "shallow-site")
    assert result.returncode == 0, result.output
    footer = _footer((tmp_path / "shallow-site" / "index.html").read_text(encoding="utf-8"))
    assert "ukendt (sitet er bygget uden fuld git-historik)" in footer
    assert not any(m in footer.split("Sidst gennemgået")[0] for m in MONTHS)


def test_git_log_parsing_follows_moves_and_skips_deletions():
    from hooks.page_dates import parse_log

    log = ("\x0130\0\nR100\0docs/old.md\0docs/new.md\0D\0docs/gone.md\0"
           "\x0120\0\nM\0docs/old.md\0R090\0docs/x.md\0docs/y.md\0"
           "\x0110\0\nA\0docs/old.md\0A\0docs/gone.md\0A\0docs/x.md\0")
    assert parse_log(log) == {"docs/new.md": 20, "docs/y.md": 20, "docs/gone.md": 10}


def test_real_handbook_pages_show_their_dates(built_site):
    # Pages made by the data step have no file of their own in docs/ to date: the pages made
    # from the registry, the meeting kit's handout, and the Nyt page, whose entries carry their
    # own dates (rendering/news.py). The translated pages (i18n/) show the translation notice
    # instead; the maintainers' page lists their dates.
    from rendering.languages import languages

    generated = ("raad/", "registret/bekraeft/", "registret/overlevering/",
                 "vaerktoejer/oplaeg-konstituerende-moede/", "nyt/",
                 *(f"{lang.code}/" for lang in languages(ROOT)))
    pages = [p for p in built_site.rglob("index.html")
             if not p.relative_to(built_site).as_posix().startswith(generated)]
    without = [str(p.relative_to(built_site)) for p in pages
               if "Sidst opdateret" not in p.read_text(encoding="utf-8")]
    assert not without, f"pages without 'Sidst opdateret': {without}"


# --------------------------------------------------------------------------- the guide, step by step


def _section(number: int) -> str:
    """The text of section `number` of CONTRIBUTING.md (from its heading to the next)."""
    m = re.search(rf"(?ms)^## {number}\. .*?(?=^## |\Z)", guide())
    assert m, f"CONTRIBUTING.md has no section {number}"
    return m.group(0)


def _github_slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_guide_links_and_contents_anchors_resolve():
    text = re.sub(r"(?ms)^ *```.*?^ *```", "", guide())  # code is not a link
    slugs = {_github_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}
    links = re.findall(r"\]\(([^)\s]+)\)", re.sub(r"`[^`]*`", "", text))
    anchors = [link[1:] for link in links if link.startswith("#")]
    assert len(anchors) >= 9, "the contents list should link every section"
    assert not [a for a in anchors if a not in slugs], f"anchors without a heading: {anchors}"
    files = [link.split("#")[0] for link in links if not link.startswith(("#", "http", "mailto:"))]
    missing = [f for f in files if not (ROOT / f).exists()]
    assert not missing, f"CONTRIBUTING.md links to files that do not exist: {missing}"


def test_every_file_the_guide_names_exists():
    """Any `path` in backticks (has a slash or a file extension) is a real file or folder."""
    named = {token for token in re.findall(r"`([^`\s]+)`", guide())
             if re.fullmatch(r"[\w.-]+(?:/[\w.-]+)*/?", token)
             and ("/" in token or re.search(r"\.(md|ya?ml|json|csv|txt|py)$", token))}
    assert {"includes/abbreviations.md", "mkdocs.yml", "README.md"} <= named

    def exists(p: str) -> bool:
        if "/" in p:
            return (ROOT / p.rstrip("/")).exists()
        # a bare name ("klik på councils.yaml") is a file in the folder the step just opened
        return any(ROOT.glob(p)) or any(ROOT.glob(f"*/{p}"))

    missing = sorted(p for p in named if not exists(p))
    assert not missing, f"CONTRIBUTING.md names files that do not exist: {missing}"


def test_guide_yaml_example_is_indented_like_the_registry():
    """Step 6's example can be pasted into data/councils.yaml as it stands."""
    m = re.search(r"(?ms)^( *)```yaml\n(.*?)^\1```", _section(2))
    assert m, "section 2 should show a source entry"
    indent, body = m.group(1), m.group(2)
    lines = [line[len(indent):] for line in body.splitlines()]
    registry_text = (ROOT / "data" / "councils.yaml").read_text(encoding="utf-8")
    registry_indent = re.search(r"^( +)kilder:", registry_text, re.M).group(1)
    assert lines[0] == f"{registry_indent}kilder:", lines[0]
    entry = yaml.safe_load('"0101":\n' + "\n".join(lines))["0101"]
    assert [set(s) for s in entry["kilder"]] == [{"url", "dato", "art", "fakta"}]
    assert entry["kilder"][0]["url"].startswith("https://")
    assert isinstance(entry["kilder"][0]["dato"], str), "a date in quotes stays text"


def _entry_block(text: str, code: str) -> str:
    m = re.search(rf'(?ms)^"{code}":\n.*?(?=^"\d{{4}}":|\Z)', text)
    assert m, code
    return m.group(0)


def test_guide_error_examples_are_what_the_check_prints(tmp_path):
    """Section 6 shows real output: make the same two mistakes and compare line by line."""
    block = re.search(r"(?ms)^```text\n(.*?)^```", _section(6))
    assert block, "section 6 should show what the check prints"
    shown = block.group(1).splitlines()
    url_line = next(line for line in shown if "› url:" in line)
    code, bad_url = re.search(r"\((\d{4})\) · kilder nr\. 1 › url: Adressen (http://\S+) bruger",
                              url_line).groups()
    unknown = re.search(r": kode (\d{4}): Kommunekoden", "\n".join(shown)).group(1)

    text = (ROOT / "data" / "councils.yaml").read_text(encoding="utf-8")
    entry = _entry_block(text, code)
    broken = re.sub(r"(?m)^(\s+- url: )https://\S+", lambda m: m.group(1) + bad_url, entry, count=1)
    assert broken != entry, f"{code} has no source to break"
    text = text.replace(entry, broken)
    text = text.rstrip("\n") + "\n" + _entry_block(text, "0101").replace('"0101":', f'"{unknown}":', 1)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "councils.yaml").write_text(text, encoding="utf-8")

    env = {k: v for k, v in __import__("os").environ.items() if k != "GITHUB_ACTIONS"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([__import__("sys").executable, "-m", "registry.check", "data/councils.yaml"],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr

    def loose(lines):  # line and column numbers move as the registry grows
        return [re.sub(r"^(data/councils\.yaml):\d+:\d+:", r"\1:L:C:", line) for line in lines]

    assert loose(result.stdout.splitlines()) == loose(shown)


def test_guide_error_table_quotes_real_messages():
    """Every «phrase» in section 6's table occurs in the checks' own messages (registry and pages)."""
    table = "\n".join(line for line in _section(6).splitlines() if line.startswith("|"))
    phrases = re.findall(r"«([^»]+)»", table)
    assert len(phrases) >= 8
    checks = [*(ROOT / "registry").glob("*.py"), ROOT / "rendering" / "page_checks.py"]
    source = "\n".join(p.read_text(encoding="utf-8") for p in checks)
    missing = [p for p in phrases if p not in source]
    assert not missing, f"the guide quotes messages the check never prints: {missing}"


# --------------------------------------------------------------------------- forms, in GitHub's schema

# Keys GitHub's form schema allows per element type: (allowed attributes, required attributes).
_FORM_ATTRIBUTES = {
    "markdown": ({"value"}, {"value"}),
    "textarea": ({"label", "description", "placeholder", "value", "render"}, {"label"}),
    "input": ({"label", "description", "placeholder", "value"}, {"label"}),
    "dropdown": ({"label", "description", "multiple", "options", "default"}, {"label", "options"}),
    "checkboxes": ({"label", "description", "options"}, {"label", "options"}),
}


@pytest.mark.parametrize("form", ["ret-raad.yml", "nyt-eller-nedlagt-raad.yml", "fejl-paa-side.yml",
                                  "god-erfaring.yml", "bekraeft-raad.yml"])
def test_issue_form_follows_githubs_form_schema(form):
    data = forms()[form]
    assert set(data) <= {"name", "description", "title", "labels", "assignees", "projects", "type",
                         "body"}
    assert data["name"] and data["description"] and data["body"]
    ids, labels = [], []
    for item in data["body"]:
        kind = item["type"]
        allowed, required = _FORM_ATTRIBUTES[kind]
        attributes = item["attributes"]
        assert required <= set(attributes) <= allowed, (form, item)
        if kind == "markdown":
            assert set(item) == {"type", "attributes"}, (form, item)
            continue
        assert set(item) <= {"type", "id", "attributes", "validations"}, (form, item)
        assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"]), item["id"]
        ids.append(item["id"])
        labels.append(attributes["label"])
        if "validations" in item:
            assert set(item["validations"]) == {"required"}
            assert isinstance(item["validations"]["required"], bool)
        if kind == "dropdown":
            options = attributes["options"]
            assert options and all(isinstance(o, str) and o for o in options)
            assert len(set(options)) == len(options), f"{form}: duplicate dropdown option"
            assert "None" not in options  # GitHub adds its own "None" to optional dropdowns
        if kind == "checkboxes":
            for option in attributes["options"]:
                assert set(option) <= {"label", "required"} and option["label"], option
    assert len(set(ids)) == len(ids), f"{form}: ids must be unique"
    assert len(set(labels)) == len(labels), f"{form}: labels must be unique"


def test_forms_collect_the_source_and_its_date():
    """A registry change needs url and dato for its source (see the dataguide)."""
    for form in ("ret-raad.yml", "nyt-eller-nedlagt-raad.yml"):
        body = {b.get("id"): b for b in forms()[form]["body"]}
        assert body["kilde"]["validations"]["required"] is True, form
        assert "kildedato" in body, f"{form} does not ask for the source's own date"


# --------------------------------------------------------------------------- workflows, closer


def test_every_action_pin_names_its_release():
    """A SHA alone is unreadable: each pin carries the exact release it is, the same everywhere."""
    seen: dict[str, str] = {}
    for name, (text, _) in workflows().items():
        for action, sha, version in re.findall(
                r"uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})(?:\s*#\s*(\S+))?", text):
            assert version and re.fullmatch(r"v\d+\.\d+\.\d+", version), \
                f"{name}: {action}@{sha} needs a '# vX.Y.Z' comment"
            assert seen.setdefault(f"{action}@{sha}", version) == version, f"{action}@{sha}"


def _permissions_are_read_only(perms) -> bool:
    return perms in ({}, "read-all") or (isinstance(perms, dict)
                                         and all(v in ("read", "none") for v in perms.values()))


def test_workflow_write_permissions_only_where_a_job_needs_them():
    for name, (_, data) in workflows().items():
        assert _permissions_are_read_only(data["permissions"]), f"{name}: top-level may only read"
    _, pages = workflows()["pages.yml"]
    assert pages["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    _, links = workflows()["links.yml"]
    assert links["jobs"]["links"]["permissions"] == {"contents": "read", "issues": "write"}


def test_ci_tests_every_pull_request_and_push_and_annotates_registry_problems():
    _, ci = workflows()["ci.yml"]
    trigger = ci[True] if True in ci else ci["on"]
    assert "pull_request" in trigger and "push" in trigger
    runs = [step.get("run", "") for step in ci["jobs"]["test"]["steps"]]
    assert "make check" in runs and "make test" in runs
    assert "concurrency" in ci


def test_pages_builds_full_history_and_never_a_fork_branch_called_main():
    _, pages = workflows()["pages.yml"]
    condition = pages["jobs"]["build"]["if"]
    assert "github.event.workflow_run.event == 'push'" in condition
    assert "github.ref == 'refs/heads/main'" in condition
    steps = pages["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    uses = " ".join(s.get("uses", "") for job in pages["jobs"].values() for s in job["steps"])
    for official in ("actions/configure-pages@", "actions/upload-pages-artifact@",
                     "actions/deploy-pages@"):
        assert official in uses
    assert pages["concurrency"]["cancel-in-progress"] is False


# --------------------------------------------------------------------------- editor and maintainers' page


def test_registry_schema_is_wired_for_editors():
    first = (ROOT / "data" / "councils.yaml").read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, "data/councils.yaml should open with a yaml-language-server schema comment"
    assert (ROOT / "data" / m.group(1)).is_file()
    import json

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert any((ROOT / schema).resolve() == (ROOT / "data" / m.group(1)).resolve()
               and "data/councils.yaml" in files for schema, files in mapping.items())


def test_maintainers_page_lists_pages_and_registry_entries_side_by_side():
    text = (ROOT / "docs" / "om" / "vedligehold.md").read_text(encoding="utf-8")
    assert "{{ pages_due_for_review() }}" in text
    assert "{{ registry_freshness(short=True) }}" in text


def test_maintainers_page_lists_the_same_entries_as_the_verification_page(built_site):
    """The maintainers' page has the short list (no long columns); the verification page the
    full one. Both list the same municipalities in the same order, oldest first."""
    def freshness(page: str) -> tuple[list[str], str]:
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        table = re.search(r'<table id="registry-freshness".*?</table>', html, re.S).group(0)
        return re.findall(r'<th scope="row"[^>]*><a href="[^"]*">([^<]+)</a>', table), table

    short, short_html = freshness("om/vedligehold")
    full, full_html = freshness("registret/verificering")
    assert short and short == full
    assert "Det skal du tjekke" in full_html and "bekraeft/" in full_html
    assert "Det skal du tjekke" not in short_html and "bekraeft/" not in short_html


def test_guide_names_every_label_the_forms_set():
    """GitHub drops a form's label that does not exist, so the guide tells maintainers to make them."""
    wanted = {label for form in forms().values() for label in form.get("labels", [])}
    section = _section(8)
    missing = sorted(label for label in wanted if f"`{label}`" not in section)
    assert not missing, f"CONTRIBUTING.md section 8 does not name the labels {missing}"
