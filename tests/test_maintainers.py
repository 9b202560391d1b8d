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
    for field in ("status", "raad_navn", "kilder", "url", "dato", "fakta", "sidst_verificeret",
                  "nedlagt", "begrundelse"):
        assert f"`{field}" in guide(), f"guide does not explain {field}"
        assert f'"{field}"' in schema, f"guide names {field}, which the schema does not have"


# --------------------------------------------------------------------------- issue forms and PRs


def forms() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}


def test_the_four_issue_forms_exist_and_parse():
    names = {f["name"] for f in forms().values()}
    assert names == {"Ret oplysninger om et råd", "Nyt råd eller råd nedlagt",
                     "Fejl eller forslag til en side", "Ny god erfaring"}
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


# --------------------------------------------------------------------------- dates on pages


def _tiny_dated_site(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(
        "---\ntitle: Side\ndescription: En side.\nsidst_gennemgaaet: 2026-03-02\n"
        "naeste_gennemgang: 2027-03-02\nansvarlig: redaktionen\n---\n\n# Side\n\nTekst.\n",
        encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"""site_name: T
theme:
  name: material
  language: da
  custom_dir: {ROOT / 'overrides'}
plugins:
  - git-revision-date-localized:
      type: date
      locale: da
      strict: false
hooks:
  - {ROOT / 'hooks' / 'page_dates.py'}
""", encoding="utf-8")
    return root / "mkdocs.yml"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


def _footer(html: str) -> str:
    m = re.search(r'(?s)<aside class="md-source-file hb-page-dates".*?</aside>', html)
    assert m, "page has no dates block"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(0)))


def test_dates_in_danish_with_full_history_and_unknown_in_shallow_clone(tmp_path):
    repo = tmp_path / "repo"
    config = _tiny_dated_site(repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first", "--date", "2026-01-15T12:00:00+01:00")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "second")

    full = build_site(config, tmp_path / "full")
    assert full.returncode == 0, full.output
    footer = _footer((tmp_path / "full" / "index.html").read_text(encoding="utf-8"))
    assert "Sidst opdateret" in footer and any(m in footer for m in MONTHS)
    assert "Sidst gennemgået 2. marts 2026 (redaktionen)" in footer.replace(":", "")
    assert "Næste gennemgang 2. marts 2027" in footer.replace(":", "")

    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
                   check=True, capture_output=True)
    result = build_site(shallow / "mkdocs.yml", tmp_path / "shallow-site")
    assert result.returncode == 0, result.output
    footer = _footer((tmp_path / "shallow-site" / "index.html").read_text(encoding="utf-8"))
    assert "ukendt (sitet er bygget uden fuld git-historik)" in footer


def test_real_handbook_pages_show_their_dates(built_site):
    pages = [p for p in built_site.rglob("index.html")
             if not p.relative_to(built_site).as_posix().startswith("raad/")]
    without = [str(p.relative_to(built_site)) for p in pages
               if "Sidst opdateret" not in p.read_text(encoding="utf-8")]
    assert not without, f"pages without 'Sidst opdateret': {without}"
