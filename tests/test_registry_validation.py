"""Bad input in the registry is rejected with located, plain-Danish problems — never a traceback.

One fixture per class of bad input lives in tests/fixtures/registry/. Each case asserts the
file, the line, the municipality and field where they apply, and a Danish hint.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from registry import check
from registry.loader import RegistryError, load_registry
from registry.model import ELECTION_DATE, Council, Registry, slugify
from registry.vocab import load_vocab

ROOT = Path(__file__).resolve().parent.parent

FIXTURES = ROOT / "tests" / "fixtures" / "registry"
DATA = ROOT / "data"
REFERENCE = DATA / "kommuner.csv"
VOCAB = DATA / "vocabularies.yaml"
SCHEMA = DATA / "councils.schema.json"
TODAY = date(2026, 11, 22)


def load_fixture(path: Path, **kwargs) -> Registry:
    """Load a fixture against the real reference list and vocabularies."""
    kwargs.setdefault("require_complete", False)
    kwargs.setdefault("today", TODAY)
    return load_registry(path, REFERENCE, VOCAB, display_base=ROOT, **kwargs)


def problems_of(path: Path, **kwargs) -> list[str]:
    """The formatted problem lines for a bad file (fails if it loads)."""
    with pytest.raises(RegistryError) as info:
        load_fixture(path, **kwargs)
    message = str(info.value)
    assert "Traceback" not in message
    lines = message.splitlines()[1:]
    assert len(lines) == len(info.value.problems)
    return lines


# (fixture, line, texts that must all appear in the problem reported at that line)
CASES = [
    ("tab", 9, ["tabulatortegn", "mellemrum"]),
    ("bad_indentation", 10, ["Ryk linjen ind"]),
    ("unclosed_quote", 4, ["anførselstegn", "ikke lukket"]),
    ("truncated", 16, ["anførselstegn", "afkortet"]),
    ("truncated_entry", 2, ["Holstebro (0661)", "kontakt", "kilder", "mangler"]),
    ("empty", 1, ["Filen er tom"]),
    ("duplicate_key", 26, ["Holstebro (0661) · hoeringsret", "to gange", "linje 9 og 26"]),
    ("duplicate_municipality", 26, ["Holstebro (0661)", "Kommunen står to gange", "linje 2 og 26"]),
    ("unknown_code", 2, ["0999", "findes ikke i kommunelisten"]),
    ("malformed_code", 2, ['"661"', "fire cifre", 'Mente du "0661"']),
    ("unquoted_leading_zero_code", 2, ["København (0101)", "oktale tal 65", '"0101"']),
    ("unknown_field", 25, ["Holstebro (0661) · noten", "Ukendt felt", "Mente du noter?"]),
    ("missing_field", 2, ["Holstebro (0661)", "Feltet sikkerhed mangler"]),
    ("wrong_type", 5, ["Holstebro (0661) · medlemmer", "helt tal", "ni"]),
    ("outside_vocabulary", 10, ["Holstebro (0661) · valgform", "valgt", "Mente du valg?"]),
    ("yes_no_boolean", 9, ["Holstebro (0661) · hoeringsret", "sand/falsk", "Skriv nej"]),
    ("impossible_date", 17, ["kilder nr. 1 › dato", "2023-02-30", "findes ikke i kalenderen"]),
    ("future_date", 25, ["bekraeftelser nr. 1 › dato", "2999-01-01", "fremtiden"]),
    ("http_url", 12, ["Holstebro (0661) · hjemmeside", "https://"]),
    ("unsafe_tag", 25, ["!!python/object/apply:os.system", "ikke tilladt"]),
    ("alias_bomb", 27, ["YAML-aliaser", "72 steder", "Skriv værdien ud"]),
    ("phone_number", 25, ["Holstebro (0661) · noter", "telefonnummer", "12 34 56 78"]),
    ("email_in_free_text", 25, ["Holstebro (0661) · noter", "e-mailadresser", "kontakt"]),
    ("personal_email", 13, ["Holstebro (0661) · kontakt", "fornavn.efternavn", "funktionspostkasse"]),
    ("status_without_source", 15, ["Holstebro (0661) · kilder", "har_raad kræver mindst én kilde"]),
    ("status_nedlagt_without_block", 14, ["Holstebro (0661) · nedlagt", "hvornår og hvorfor"]),
    ("status_har_raad_with_block", 14, ["Holstebro (0661) · nedlagt", "kun udfyldes, når status er nedlagt"]),
    ("unsorted", 26, ["Horsens (0615)", "rækkefølge", "0615 skal stå før 0661"]),
    ("unquoted_non_octal_code", 2, ["Aalborg (0851)", "uden anførselstegn", '"0851":']),
    ("unsafe_urls", 12, ["Holstebro (0661) · hjemmeside", "javascript:alert(1)", "https://"]),
    ("phone_formats", 19, ["Holstebro (0661) · kilder nr. 1 › fakta", "telefonnummer", "12 34 56 78"]),
    ("person_name", 25, ["Holstebro (0661) · noter", "person ved navn («Jens Hansen»)", "rollen"]),
    ("odd_numbers", 5, ["Holstebro (0661) · medlemmer", "oktale tal 8", "uden 0 foran: 10"]),
    ("yes_on_off_boolean", 9, ["Holstebro (0661) · hoeringsret", "YAML læser yes", "Skriv ja"]),
    ("top_level_list", 1, ["ikke en liste"]),
    ("non_string_key", 5, ["Holstebro (0661)", "Et feltnavn skal være almindelig tekst"]),
    ("tab_several_lines", 5, ["Holstebro (0661) · medlemmer", "tabulatortegn"]),
    # !!bool on a word PyYAML cannot read as true/false once ended in a KeyError traceback.
    ("explicit_type_tag", 9, ["Holstebro (0661) · hoeringsret", "maaske", "ikke en tilladt værdi"]),
    ("explicit_type_tag", 5, ["Holstebro (0661) · medlemmer", "helt tal", "ni"]),
    # The gate (issue 12): tests/test_gate.py tries each class in many more forms and fields.
    ("cpr_number", 18, ["Holstebro (0661) · kilder nr. 1 › fakta", "CPR-nummer (0102031234)"]),
    ("name_with_turkish_letters", 21, ["Holstebro (0661) · noter", "«Ayşe Yılmaz»", "rollen"]),
    ("mailbox_with_function_word", 13, ["Holstebro (0661) · kontakt", "jens.integration@", "funktionspostkasser"]),
    ("contact_in_source_url", 16, ["Holstebro (0661) · kilder nr. 1 › url", "e-mailadresse (jens.hansen@holstebro.dk)"]),
    ("invisible_characters", 4, ["Holstebro (0661) · raad_navn", "ZERO WIDTH SPACE, U+200B"]),
    ("invisible_characters", 21, ["Holstebro (0661) · noter", "RIGHT-TO-LEFT OVERRIDE, U+202E", "vender skriveretningen"]),
    ("same_source_twice", 19, ["Holstebro (0661) · kilder nr. 2 › url", "står to gange"]),
    ("other_municipality_name", 4, ["Holstebro (0661) · raad_navn", "nævner Aarhus"]),
    # Evidence (registry/evidence.py); tests/test_verification.py has the full lists.
    ("certainty_above_evidence", 27, ["Holstebro (0661) · sikkerhed", "giver højst lav", "kilde 1"]),
    ("status_against_inclusion", 6, ["Bornholm (0400) · status", "inklusionsreglen giver ukendt", "punkt 2"]),
    ("evidence_blocks", 66, ["kaldt_integrationsraad › kilder nr. 2", "Kilde nr. 3 findes ikke"]),
    ("personal_data_in_new_fields", 25, ["inklusion › organ", "person ved navn («Jens Hansen»)"]),
]


@pytest.mark.parametrize(("name", "line", "texts"), CASES, ids=[c[0] for c in CASES])
def test_bad_fixture_is_reported_at_its_line(name: str, line: int, texts: list[str]) -> None:
    """Each bad-input class: file, line, municipality/field and a Danish hint."""
    shown = f"tests/fixtures/registry/{name}.yaml"
    lines = problems_of(FIXTURES / f"{name}.yaml")
    at_line = [text for text in lines if text.startswith(f"{shown}:{line}:")]
    assert at_line, f"no problem at line {line}:\n" + "\n".join(lines)
    assert any(all(t in text for t in texts) for text in at_line), "\n".join(lines)


def test_every_fixture_has_a_case() -> None:
    """No fixture file is left without a test."""
    covered = {name for name, _, _ in CASES} | {"good", "several_problems", "round"}
    present = {p.stem for p in FIXTURES.glob("*.yaml")}
    assert present <= covered, present - covered


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    """Latin-1 bytes: the problem names the line of the first bad byte."""
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(text.encode("latin-1", errors="replace"))
    first_bad_line = next(
        i for i, line in enumerate(text.splitlines(), start=1) if any(ord(c) > 127 for c in line)
    )
    lines = problems_of(bad)
    assert len(lines) == 1
    assert f"latin1.yaml:{first_bad_line}:" in lines[0]
    assert "UTF-8" in lines[0] and "Gem filen" in lines[0]


def test_several_problems_are_all_reported_sorted_by_line() -> None:
    """One file with many problems: every one is listed, in line order."""
    lines = problems_of(FIXTURES / "several_problems.yaml")
    expected = [
        (7, "København (0101) · hoeringsret"),
        (10, "København (0101) · hjemmeside"),
        (16, "København (0101) · bekraeftelser nr. 1 › dato"),
        (22, "Ballerup (0151): Feltet bekraeftelser mangler"),
        (23, "Ballerup (0151) · status: Status har_raad kræver, at inklusionsreglen er udfyldt"),
        (25, "Ballerup (0151) · medlemmer"),
        (27, "Ballerup (0151) · hoeringsret"),
        (29, "Ballerup (0151) · aktiviteter nr. 1"),
        (31, "Ballerup (0151) · kontakt"),
        (33, "Ballerup (0151) · kilder"),
        (35, "Ballerup (0151) · sidst_verificret"),
        (36, "Ballerup (0151) · noter"),
        (37, "Frederiksberg (0147): Felterne raad_navn"),
        (37, "oktale tal 103"),
    ]
    for line, text in expected:
        assert any(f"several_problems.yaml:{line}:" in l and text in l for l in lines), (
            f"missing line {line} {text!r}:\n" + "\n".join(lines)
        )
    assert len(lines) == len(expected)
    numbers = [int(l.split(":")[1]) for l in lines]
    assert numbers == sorted(numbers)


def test_good_fixture_loads_into_typed_objects() -> None:
    """A valid file becomes frozen, typed objects with the derived properties."""
    registry = load_fixture(FIXTURES / "good.yaml")
    assert [c.code for c in registry.councils] == ["0101", "0151", "0615", "0661"]
    holstebro = registry.by_code["0661"]
    assert isinstance(holstebro, Council)
    assert holstebro.kommune == "Holstebro"
    assert holstebro.region == "Region Midtjylland" and holstebro.region_slug == "midtjylland"
    assert holstebro.slug == "holstebro" and holstebro.url == "raad/holstebro/"
    assert holstebro.status == "har_raad" and holstebro.raad_navn == "Holstebro Integrationsråd"
    assert holstebro.medlemmer == 9
    assert [(g.gruppe, g.antal) for g in holstebro.sammensaetning] == [
        ("borgere_med_indvandrerbaggrund", 6),
        ("kommunalbestyrelsen", 2),
    ]
    assert holstebro.aktiviteter == ("priser", "hoeringssvar")
    assert holstebro.kontakt == "integrationsraad@holstebro.dk"
    assert holstebro.kilder[0].dato == "2023-05"
    assert holstebro.kilder[0].sort_date == date(2023, 5, 1)
    assert holstebro.kilder[1].dato == "2025-12-01"  # unquoted date kept as text
    assert holstebro.newest_source_date == date(2025, 12, 1)
    assert holstebro.sidst_verificeret == date(2026, 1, 10)
    assert [(b.metode, b.bekraefter) for b in holstebro.bekraeftelser] == [
        ("svar_fra_kommunen", ("status",))
    ]
    assert holstebro.kilder[0].art == "kommune"
    assert holstebro.inklusion is not None and holstebro.inklusion.counts
    assert not holstebro.needs_verification

    ballerup = registry.by_code["0151"]
    assert ballerup.nedlagt is not None and ballerup.nedlagt.dato == "2015-12"
    assert ballerup.nedlagt.begrundelse is None and ballerup.nedlagt.kilder == (1,)
    assert ballerup.needs_verification and ballerup.status != "har_raad"

    copenhagen = registry.by_code["0101"]
    assert copenhagen.kommune == "København" and copenhagen.newest_source_date is None
    assert copenhagen.needs_verification

    assert registry.counts() == {"har_raad": 1, "nedlagt": 1, "intet_raad": 1, "ukendt": 1}
    assert [c.code for c in registry.by_region()["hovedstaden"]] == ["0101", "0151"]
    assert list(registry.by_status()) == ["har_raad", "nedlagt", "intet_raad", "ukendt"]
    with pytest.raises(AttributeError):
        holstebro.status = "ukendt"  # type: ignore[misc]


def test_missing_municipalities_are_listed_when_completeness_is_required() -> None:
    """The real registry must have all 98: the good fixture lacks 94 of them."""
    lines = problems_of(FIXTURES / "good.yaml", require_complete=True)
    assert len(lines) == 1
    assert "mangler 94 kommune(r)" in lines[0] and "Aarhus (0751)" in lines[0]


def test_needs_verification_uses_the_election_date() -> None:
    """Entries confirmed on or after the election day need no re-verification."""
    assert ELECTION_DATE == date(2025, 11, 18)


def test_slug_rule() -> None:
    """Slugs follow the brief: æ→ae, ø→oe, å→aa, é→e, spaces→'-', hyphens kept."""
    assert slugify("Aarhus") == "aarhus"
    assert slugify("Høje-Taastrup") == "hoeje-taastrup"
    assert slugify("Ærø") == "aeroe"
    assert slugify("Lyngby-Taarbæk") == "lyngby-taarbaek"


def test_schema_enums_equal_vocabularies() -> None:
    """The JSON Schema lists exactly the keys of data/vocabularies.yaml, in the same order."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    vocab = load_vocab(VOCAB)
    defs = schema["$defs"]
    pairs = {
        "status": "status",
        "hoeringsret": "hoeringsret",
        "valgform": "valgform",
        "sikkerhed": "sikkerhed",
        "gruppe": "sammensaetning",
        "aktivitet": "aktiviteter",
        "kildeart": "kildeart",
        "bekraeftelsesmetode": "bekraeftelsesmetode",
        "felt": "felter",
        "vurdering": "vurdering",
    }
    for definition, vocabulary in pairs.items():
        assert defs[definition]["enum"] == list(vocab.keys(vocabulary)), definition
    points = defs["council"]["properties"]["inklusion"]["properties"]
    assert [key for key in points if key != "organ"] == list(vocab.keys("inklusionspunkter"))


def test_schema_is_valid_and_closed() -> None:
    """Draft 2020-12, and every object schema forbids unknown properties."""
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object" or "object" in (node.get("type") or []):
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    for obj in objects(schema):
        assert "additionalProperties" in obj, obj


def test_regions_match_reference_list() -> None:
    """Every region in kommuner.csv has a vocabulary entry with the same name."""
    vocab = load_vocab(VOCAB)
    import csv

    with REFERENCE.open(encoding="utf-8") as handle:
        regions = {row["region"] for row in csv.DictReader(handle)}
    assert regions == {term.label for term in vocab.regioner.values()}


def test_real_registry_loads_with_98_entries_sorted() -> None:
    """The real data file is complete and valid."""
    path = DATA / "councils.yaml"
    registry = load_registry(path, REFERENCE, VOCAB)
    codes = [c.code for c in registry.councils]
    assert len(codes) == 98 and codes == sorted(codes)
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=councils.schema.json"
    )


# ------------------------------------------------------------------------- command line


def run_check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m registry.check`` from the repository root."""
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    full_env.update({"PYTHONDONTWRITEBYTECODE": "1", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "registry.check", *args],
        cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=60,
    )


def test_check_cli_lists_problems_and_exits_1() -> None:
    """Bad file: exit status 1, every problem printed, no traceback."""
    result = run_check("tests/fixtures/registry/several_problems.yaml")
    assert result.returncode == 1
    assert "tests/fixtures/registry/several_problems.yaml:7:3: København (0101)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "::error" not in result.stdout


def test_check_cli_github_annotations() -> None:
    """With GITHUB_ACTIONS=true each problem is also a workflow error annotation."""
    result = run_check(
        "tests/fixtures/registry/yes_no_boolean.yaml", env={"GITHUB_ACTIONS": "true"}
    )
    assert result.returncode == 1
    assert (
        "::error file=tests/fixtures/registry/yes_no_boolean.yaml,line=9,col=3::"
        "Holstebro (0661) · hoeringsret: YAML læser no"
    ) in result.stdout


def test_check_cli_ok_summary(tmp_path: Path) -> None:
    """Good (complete) file: exit status 0 and a one-line summary."""
    result = run_check()
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK: 98 kommuner")


def test_annotation_escapes_newlines_and_commas() -> None:
    """Workflow-command escaping keeps one annotation per line."""
    from registry.problems import Problem

    line = check.annotation("a,b.yaml", Problem(3, 4, "x\ny 100%"))
    assert line == "::error file=a%2Cb.yaml,line=3,col=4::x%0Ay 100%25"


# ------------------------------------------------------------------------------ tiny site


def test_strict_build_stops_with_problem_list_and_no_traceback(tmp_path: Path) -> None:
    """`mkdocs build --strict` on a site with a bad registry (tests/sites/registry_errors/)
    fails, lists the problems and writes no page."""
    from tests.sitetools import build_site

    result = build_site(ROOT / "tests" / "sites" / "registry_errors" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert "data/councils.yaml:7:3: København (0101) · hoeringsret" in result.output
    assert "data/councils.yaml:36:3: Ballerup (0151) · noter" in result.output
    assert not (tmp_path / "out" / "index.html").exists()


# ------------------------------------------------------------------- MkDocs access / cache


def tiny_config(tmp_path: Path, councils: Path) -> dict:
    """A MkDocs-like config whose extra.registry points at copies in ``tmp_path``."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for source in (REFERENCE, VOCAB, SCHEMA):
        shutil.copy(source, data / source.name)
    shutil.copy(councils, data / "councils.yaml")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return {
        "config_file_path": str(tmp_path / "mkdocs.yml"),
        "extra": {"registry": {"data": "data/councils.yaml", "reference": "data/kommuner.csv",
                               "vocabularies": "data/vocabularies.yaml"}},
    }


def test_get_registry_caches_until_the_file_changes(tmp_path: Path, monkeypatch) -> None:
    """One build loads once; an edit (new mtime/size) reloads, as `mkdocs serve` needs."""
    from registry import loader

    for name in ("HANDBOOK_REGISTRY", "HANDBOOK_REFERENCE", "HANDBOOK_VOCABULARIES"):
        monkeypatch.delenv(name, raising=False)
    config = tiny_config(tmp_path, FIXTURES / "good.yaml")
    calls = []
    real = loader.load_registry
    monkeypatch.setattr(
        loader, "load_registry", lambda *a, **k: calls.append(1) or real(*a, require_complete=False, **k)
    )
    first = loader.get_registry(config)
    assert loader.get_registry(config) is first and len(calls) == 1
    councils = tmp_path / "data" / "councils.yaml"
    councils.write_text(councils.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = loader.get_registry(config)
    assert second is not first and len(calls) == 2 and len(second) == 4


def test_environment_overrides_the_configured_path(tmp_path: Path, monkeypatch) -> None:
    """HANDBOOK_REGISTRY replaces extra.registry.data (used by the benchmark)."""
    from registry import loader

    config = tiny_config(tmp_path, FIXTURES / "good.yaml")
    monkeypatch.setenv("HANDBOOK_REGISTRY", str(FIXTURES / "yes_no_boolean.yaml"))
    with pytest.raises(RegistryError) as info:
        loader.get_registry(config)
    assert "yes_no_boolean.yaml:9:3:" in str(info.value)


# ------------------------------------------------------------------ more hostile input


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ('"0661": !include andet.yaml\n', 1, "YAML-mærket !include er ikke tilladt"),
        ('"0661":\n  status: \x07ukendt\n', 2, "kontroltegn"),
        ('"0661": ' + "[" * 3000 + "]" * 3000 + "\n", 1, "indlejret alt for dybt"),
        ('<<: {status: ukendt}\n', 1, "YAML-mærket !!merge er ikke tilladt"),
        ('"0661":\n  status: ukendt\n---\n"0101":\n  status: ukendt\n', 3, "ét YAML-dokument"),
        ("- kode: 661\n  status: ukendt\n", 1, "ikke en liste"),
    ],
    ids=["custom-tag", "control-character", "deep-nesting", "merge-key", "two-documents", "list"],
)
def test_hostile_input_is_reported_not_raised(tmp_path: Path, text: str, line: int, hint: str) -> None:
    """Odd YAML features never crash the loader; each gets a located Danish problem."""
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    lines = problems_of(path)
    assert any(f"hostile.yaml:{line}:" in l and hint in l for l in lines), "\n".join(lines)


def test_project_macros_load_the_registry_in_define_env(tmp_path: Path, monkeypatch) -> None:
    """The real macros.py validates the registry before any page renders.

    A RegistryError raised later, inside a macro during page rendering, would be printed by
    mkdocs-macros with a traceback; raised in define_env (on_config) MkDocs prints it plainly.
    """
    import importlib

    for name in ("HANDBOOK_REGISTRY", "HANDBOOK_REFERENCE", "HANDBOOK_VOCABULARIES"):
        monkeypatch.delenv(name, raising=False)
    config = tiny_config(tmp_path, FIXTURES / "yes_no_boolean.yaml")
    macros = importlib.import_module("macros")
    registered: list[str] = []

    class FakeEnv:
        conf = config
        variables: dict = {}

        def macro(self, fn, name=None):
            registered.append(name or fn.__name__)
            return fn

        def filter(self, fn, name=None):
            return fn

    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError) as info:  # printed by MkDocs without a traceback
        macros.define_env(FakeEnv())
    assert "councils.yaml:9:3: Holstebro (0661) · hoeringsret" in str(info.value)
    assert registered == []


def test_pure_python_parser_gives_the_same_problems(monkeypatch) -> None:
    """Without libyaml (pure-Python PyYAML) every fixture yields the same problems."""
    import yaml as pyyaml

    def all_results() -> dict[str, str]:
        out = {}
        for path in sorted(FIXTURES.glob("*.yaml")):
            try:
                out[path.name] = f"loaded {len(load_fixture(path))}"
            except RegistryError as exc:
                out[path.name] = str(exc)
        return out

    from registry import yamlparse

    fast = all_results()
    assert yamlparse._LOADER is pyyaml.CSafeLoader  # this machine's PyYAML has libyaml
    monkeypatch.setattr(yamlparse, "_LOADER", pyyaml.SafeLoader)
    assert all_results() == fast


def test_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    """A wrong path gives a RegistryError with a Danish message."""
    lines = problems_of(tmp_path / "findes-ikke.yaml")
    assert "findes ikke" in lines[0]


# ------------------------------------------------- every problem of a class, at its line


def assert_lines(name: str, expected: list[tuple[int, list[str]]], path: Path | None = None) -> list[str]:
    """Exactly the expected problems, each at its line with all its texts."""
    path = path or FIXTURES / f"{name}.yaml"
    lines = problems_of(path)
    shown = path.name
    for line, texts in expected:
        assert any(
            f"{shown}:{line}:" in text and all(t in text for t in texts) for text in lines
        ), f"missing line {line} {texts!r}:\n" + "\n".join(lines)
    assert len(lines) == len(expected), "\n".join(lines)
    return lines


def test_every_unsafe_url_is_reported() -> None:
    """javascript:, data:, protocol-relative, quotes/angle brackets, http: and ftp: all refused."""
    assert_lines("unsafe_urls", [
        (12, ["hjemmeside", "javascript:alert(1)", "begynder med https://"]),
        (16, ["kilder nr. 1 › url", "data:text/html", "begynder med https://"]),
        (20, ["kilder nr. 2 › url", "//www.holstebro.dk", "begynder med https://"]),
        (24, ["kilder nr. 3 › url", "tegn, der ikke må stå i en adresse"]),
        (28, ["kilder nr. 4 › url", "bruger http://", "Skriv https://"]),
        (32, ["kilder nr. 5 › url", "ftp://", "begynder med https://"]),
    ])


def test_every_danish_phone_format_is_reported() -> None:
    """12 34 56 78, 12345678, +45 ..., 0045 ..., (+45) ..., tlf.12345678: one problem per field."""
    numbers = ["12 34 56 78", "12345678", "1234 5678", "12-34-56-78", "12.34.56.78",
               "+45 12345678", "+4512345678", "+45 12 34 56 78", "0045 12345678", "1234 5678",
               "12345678", "1234-5678"]
    assert_lines("phone_formats", [
        (19 + 4 * i, [f"kilder nr. {i + 1} › fakta", f"telefonnummer ({number}"])
        for i, number in enumerate(numbers)
    ])


def test_counts_that_yaml_11_would_change_are_reported() -> None:
    """010 (octal 8), 2.0, 1_2, 1:30 (sexagesimal 90) and 09 (text) are never taken silently."""
    assert_lines("odd_numbers", [
        (5, ["medlemmer", "oktale tal 8, ikke 10", "uden 0 foran: 10"]),
        (8, ["sammensaetning nr. 1 › antal", "helt tal uden decimaler: 2"]),
        (10, ["sammensaetning nr. 2 › antal", "1_2 som tallet 12"]),
        (12, ["sammensaetning nr. 3 › antal", "1:30 som tallet 90"]),
        (14, ["sammensaetning nr. 4 › antal", "09 begynder med 0", "uden 0 foran: 9"]),
    ])


def test_yaml_11_booleans_in_every_field_are_reported() -> None:
    """yes/on/off where a word was meant: each field named, with the Danish word to write."""
    assert_lines("yes_on_off_boolean", [
        (4, ["raad_navn", "YAML læser yes", '("yes")']),
        (9, ["hoeringsret", "YAML læser yes", "Skriv ja"]),
        (10, ["valgform", "YAML læser off", "udpeget"]),
        (23, ["sikkerhed", "YAML læser on", "hoej"]),
    ])


def test_every_tab_indented_line_is_reported() -> None:
    """YAML stops at the first tab; the problem list names every tab-indented line."""
    assert_lines("tab_several_lines", [
        (5, ["Holstebro (0661) · medlemmer", "tabulatortegn"]),
        (10, ["Holstebro (0661) · valgform", "tabulatortegn"]),
        (20, ["Holstebro (0661) · sikkerhed", "tabulatortegn"]),
    ])


@pytest.mark.parametrize(
    ("name", "line", "where"),
    [
        ("unclosed_quote", 4, "Holstebro (0661) · raad_navn"),
        ("truncated", 16, "Holstebro (0661) · kilder"),
        ("tab", 9, "Holstebro (0661) · hoeringsret"),
        ("unsafe_tag", 25, "Holstebro (0661) · noter"),
        ("alias_bomb", 27, "kode x1 · nr. 1"),
    ],
)
def test_parser_problems_name_the_municipality_and_field(name: str, line: int, where: str) -> None:
    """Syntax errors, unsafe tags and aliases say which entry and field they are in."""
    lines = problems_of(FIXTURES / f"{name}.yaml")
    assert any(f"{name}.yaml:{line}:" in text and f": {where}: " in text for text in lines), "\n".join(lines)


# ----------------------------------------------------------------- encodings and bytes


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16", None), ("utf-16-le", None), ("utf-16-be", b"\xfe\xff"), ("utf-32", None)],
    ids=["utf16-bom", "utf16le-no-bom", "utf16be-bom", "utf32"],
)
def test_utf16_and_utf32_files_are_named_as_such(tmp_path: Path, encoding: str, bom: bytes | None) -> None:
    """Windows "Unicode" files get advice about UTF-16/32, not a wrong Latin-1 hint."""
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    path = tmp_path / "wide.yaml"
    path.write_bytes((bom or b"") + text.encode(encoding))
    lines = problems_of(path)
    assert len(lines) == 1
    assert "wide.yaml:1:1:" in lines[0] and "ikke UTF-8" in lines[0]
    assert ("UTF-32" if encoding == "utf-32" else "UTF-16") in lines[0]
    assert "Windows-1252" not in lines[0]


def test_utf8_bom_is_accepted_and_lines_stay_right(tmp_path: Path) -> None:
    """A UTF-8 BOM (Notepad) is still UTF-8: the file loads, problems keep their line/column."""
    good = tmp_path / "good-bom.yaml"
    good.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "good.yaml").read_bytes())
    assert len(load_fixture(good)) == 4
    bad = tmp_path / "bad-bom.yaml"
    bad.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "yes_no_boolean.yaml").read_bytes())
    lines = problems_of(bad)
    assert len(lines) == 1 and "bad-bom.yaml:9:3: Holstebro (0661) · hoeringsret" in lines[0]


def test_every_nul_byte_is_reported_at_its_place(tmp_path: Path) -> None:
    """NUL bytes (a broken copy, a binary paste): each one listed with line, column and field."""
    lines = (FIXTURES / "good.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    targets = [i for i, line in enumerate(lines) if line.startswith("  status:")][:2]
    for i in targets:
        lines[i] = lines[i].replace("status: ", "status: \x00", 1)
    path = tmp_path / "nul.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    found = problems_of(path)
    assert len(found) == 2, "\n".join(found)
    for i, text in zip(targets, found):
        assert f"nul.yaml:{i + 1}:11: " in text, text
        assert "nul-tegn" in text and "· status:" in text


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A file far beyond any registry (here 25 MB, sparse) is refused at once, not parsed."""
    from registry import loader

    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write((FIXTURES / "good.yaml").read_bytes())
        handle.truncate(loader.MAX_BYTES + 5_000_000)
    lines = problems_of(path)
    assert len(lines) == 1 and "huge.yaml:1:1:" in lines[0]
    assert "Filen fylder 25,0 MB" in lines[0] and "rigtige fil" in lines[0]


# ------------------------------------------------ the real site, pointed at another file


def _first_line(text: str, pattern: str) -> int:
    """1-based number of the first line matching ``pattern``."""
    import re

    match = re.search(pattern, text, re.M)
    assert match, pattern
    return text.count("\n", 0, match.start()) + 1


def _mutate(text: str, pattern: str, replacement: str) -> str:
    import re

    new, n = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert n == 1, pattern
    return new


def _bad_real_registry(kind: str) -> tuple[str, list[str]]:
    """A copy of data/councils.yaml with problems in its first entry, and the expected
    ``LINE:COL: København (0101) · field`` prefixes (the first entry is København)."""
    text = (DATA / "councils.yaml").read_text(encoding="utf-8")
    if kind == "syntax":
        line = _first_line(text, r"^  status: ")
        return _mutate(text, r"^  status: ", "\tstatus: "), [f"{line}:1: København (0101) · status: "]
    expected = []
    for pattern, value, col in (
        (r"^  medlemmer: .*$", "  medlemmer: 010", 3),
        (r"^  hoeringsret: .*$", "  hoeringsret: no", 3),
        (r"^  hjemmeside: .*$", '  hjemmeside: "javascript:alert(1)"', 3),
    ):
        line = _first_line(text, pattern)
        text = _mutate(text, pattern, value)
        field = pattern[3:].split(":")[0]
        expected.append(f"{line}:{col}: København (0101) · {field}: ")
    return text, expected


@pytest.mark.parametrize("kind", ["syntax", "several"])
def test_real_site_build_with_a_bad_registry_writes_no_page(tmp_path: Path, kind: str) -> None:
    """The real mkdocs.yml with HANDBOOK_REGISTRY pointing at a broken copy of the real data:
    the strict build fails before any page is written and lists every problem, located and in
    Danish, without a traceback; `registry.check` on the same file says exactly the same."""
    from tests.sitetools import build_site

    text, expected = _bad_real_registry(kind)
    bad = tmp_path / "councils.yaml"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.txt").write_text("from an earlier build\n", encoding="utf-8")
    result = build_site(ROOT / "mkdocs.yml", out, env={"HANDBOOK_REGISTRY": str(bad)})
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    noun = "problem" if len(expected) == 1 else "problemer"
    assert f"har {len(expected)} {noun}" in result.output, result.output
    for prefix in expected:
        assert f"{bad}:{prefix}" in result.output, result.output
    assert [p.name for p in out.iterdir()] == ["old.txt"]  # nothing written, nothing cleaned

    check_run = run_check(str(bad))
    assert check_run.returncode == 1 and "Traceback" not in check_run.stdout + check_run.stderr
    for prefix in expected:
        assert f"{bad}:{prefix}" in check_run.stdout, check_run.stdout


# ------------------------------------------------ text from the data stays text everywhere

HOSTILE = {
    "raad_navn": "=1+1 Rådet <script>alert(\"x\")</script> & 'Co' {{ 7*7 }} "
                 "[x](javascript:alert(1)) *fed*",
    "fakta": "-2+3 <img src=x onerror=alert(1)> {% if true %}skabelon{% endif %} _u_ &amp;",
    "noter": "+cmd|' /C calc'!A0 <b>fed</b> {{ config }} {# c #} *emph* `kode`",
    "begrundelse": "@SUM(1+1) <i>kursiv</i> [y](data:text/html,x)",
}


def _hostile_real_registry(path: Path) -> tuple[str, str]:
    """Write a copy of the real registry with HOSTILE text in one council (har_raad, with a
    source) and one closed council; return their codes."""
    import re

    data = yaml.safe_load((DATA / "councils.yaml").read_text(encoding="utf-8"))
    council = next(c for c, e in data.items() if e["status"] == "har_raad" and e["kilder"])
    closed = next(c for c, e in data.items() if e["status"] == "nedlagt" and e["nedlagt"])
    data[council]["raad_navn"] = HOSTILE["raad_navn"]
    data[council]["kilder"][0]["fakta"] = HOSTILE["fakta"]
    data[council]["noter"] = HOSTILE["noter"]
    data[closed]["nedlagt"]["begrundelse"] = HOSTILE["begrundelse"]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(re.sub(r"^'?(\d{4})'?:", r'"\1":', text, flags=re.M), encoding="utf-8")
    return council, closed


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, Registry, str, str]:
    """The real site built from the real registry with hostile text in two entries."""
    from tests.sitetools import build_site

    root = tmp_path_factory.mktemp("hostile")
    data = root / "councils.yaml"
    council, closed = _hostile_real_registry(data)
    registry = load_registry(data, REFERENCE, VOCAB)  # the loader accepts all of it as text
    out = root / "site"
    result = build_site(ROOT / "mkdocs.yml", out, env={"HANDBOOK_REGISTRY": str(data)})
    if result.returncode != 0:
        pytest.fail("hostile build failed:\n" + result.output, pytrace=False)
    return out, registry, council, closed


# What must never appear in any built page: live markup, evaluated templates, live links.
LIVE = ['<script>alert("x")', "<img src=x", "<b>fed</b>", "<i>kursiv</i>", 'href="javascript:',
        'href="data:', "<em>fed</em>", "<em>emph</em>", "<em>u</em>", "<code>kode</code>",
        "& 'Co' 49", "&#39;Co&#39; 49"]  # the last two: {{ 7*7 }} evaluated


def test_hostile_text_is_escaped_and_inert_on_every_page(hostile_site) -> None:
    """Council page, overview table, region/status/freshness lists, map, charts, search index."""
    out, registry, code, closed = hostile_site
    c, shut = registry.by_code[code], registry.by_code[closed]
    for path in out.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for bad in LIVE:
            assert bad not in html, (path, bad)
    name_html = ("=1+1 Rådet &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;Co&#39; "
                 "{{ 7*7 }} [x](javascript:alert(1)) *fed*")
    page = (out / "raad" / c.slug / "index.html").read_text(encoding="utf-8")
    assert name_html in page
    assert ("-2+3 &lt;img src=x onerror=alert(1)&gt; {% if true %}skabelon{% endif %} _u_ "
            "&amp;amp;") in page
    # The editors' notes are shown on the maintainers' page, not on the council's own page.
    notes = "+cmd|&#39; /C calc&#39;!A0 &lt;b&gt;fed&lt;/b&gt; {{ config }} {# c #} *emph* `kode`"
    assert notes not in page
    assert notes in (out / "registret" / "verificering" / "index.html").read_text(encoding="utf-8")
    closed_page = (out / "raad" / shut.slug / "index.html").read_text(encoding="utf-8")
    assert "@SUM(1+1) &lt;i&gt;kursiv&lt;/i&gt; [y](data:text/html,x)" in closed_page
    for page_path in ("registret/index.html", "registret/regioner/index.html",
                      "registret/status/index.html"):
        assert name_html in (out / page_path).read_text(encoding="utf-8"), page_path
    # The map: the council's accessible name (aria-label and SVG <title>) carries the name, escaped.
    kort = (out / "registret" / "kort" / "index.html").read_text(encoding="utf-8")
    assert f'aria-label="{c.kommune}: har et integrationsråd ({name_html})"' in kort
    assert f"<title>{c.kommune}: har et integrationsråd ({name_html})</title>" in kort
    # Charts count; they never print registry text.
    stats = (out / "registret" / "statistik" / "index.html").read_text(encoding="utf-8")
    assert "alert(" not in stats and "calc" not in stats
    # The search index keeps the council's text as plain text (the search escapes it when it
    # shows an excerpt: test_hostile_text_in_search_results_is_shown_as_text).
    from tests.test_search import index_fragments

    indexed = index_fragments(out)[f"/raad/{c.slug}/"]["content"]
    assert HOSTILE["raad_navn"] in indexed


@pytest.mark.browser
def test_hostile_text_in_search_results_is_shown_as_text(hostile_site, browser) -> None:
    from scripts.servegzip import serve

    out, registry, code, _ = hostile_site
    base, server = serve(out)
    context = browser.new_context()
    try:
        page = context.new_page()
        alerts = []
        page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
        page.goto(base, wait_until="networkidle")
        page.keyboard.press("Control+k")
        page.keyboard.type("onerror alert")
        page.wait_for_function("document.querySelector('.hb-search__status').textContent.includes('gav')")
        results = page.locator(".hb-search__results")
        assert results.locator("script, img").count() == 0 and not alerts
        assert "<img src=x onerror=alert(1)>" in results.inner_text()
    finally:
        context.close()
        server.shutdown()


def test_hostile_text_in_csv_cannot_run_as_a_formula(hostile_site) -> None:
    """Cells starting with = + - @ get a leading apostrophe (Excel shows the text); the rest of
    the text is unchanged."""
    import csv
    import io

    out, _, code, closed = hostile_site
    raw = (out / "registret" / "councils.csv").read_bytes()
    rows = {r["kommunekode"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";")}
    assert rows[code]["raad_navn"] == "'" + HOSTILE["raad_navn"]
    assert rows[code]["kilder_fakta"].startswith("'" + HOSTILE["fakta"])
    assert rows[code]["noter"] == "'" + HOSTILE["noter"]
    assert rows[closed]["nedlagt_begrundelse"] == "'" + HOSTILE["begrundelse"]
    for row in rows.values():
        for column, cell in row.items():
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", cell), (column, cell)  # a plain number


def test_hostile_text_in_the_spreadsheet_is_text_not_a_formula(hostile_site) -> None:
    """The spreadsheet stores what a contributor wrote as text, exactly as written: no cell in
    it is a formula, and the hostile texts read back unchanged (no apostrophe needed)."""
    import io
    import zipfile

    from openpyxl import load_workbook

    out, _, code, closed = hostile_site
    raw = (out / "registret" / "councils.xlsx").read_bytes()
    sheets = [n for n in zipfile.ZipFile(io.BytesIO(raw)).namelist() if n.startswith("xl/worksheets/sheet")]
    for name in sheets:
        assert "<f>" not in zipfile.ZipFile(io.BytesIO(raw)).read(name).decode("utf-8"), name
    ws = load_workbook(io.BytesIO(raw))["Kommuner"]
    head = [c.value for c in ws[1]]
    rows = {r[0].value: {h: c for h, c in zip(head, r)} for r in ws.iter_rows(min_row=2)}
    assert rows[code]["Rådets navn"].value == HOSTILE["raad_navn"]
    assert rows[code]["Rådets navn"].data_type == "s"
    assert rows[code]["Redaktionens noter"].value == HOSTILE["noter"]
    assert rows[closed]["Begrundelse for nedlæggelsen"].value == HOSTILE["begrundelse"]


@pytest.mark.parametrize("text, cell", [("-inf", "'-inf"), ("+nan", "'+nan"), ("-3", "-3"),
                                        ("2,5", "2,5"), ("=1+1", "'=1+1"), ("@x", "'@x")])
def test_only_plain_numbers_may_start_like_a_formula_in_csv(text, cell) -> None:
    from registry.exports import csv_cell

    assert csv_cell(text) == cell

def test_hostile_text_in_json_is_kept_exactly(hostile_site) -> None:
    """JSON carries the text unchanged (it is data; escaping is the reader's job)."""
    out, _, code, closed = hostile_site
    doc = json.loads((out / "registret" / "councils.json").read_text(encoding="utf-8"))
    records = {r["kommunekode"]: r for r in doc["kommuner"]}
    assert records[code]["raad_navn"] == HOSTILE["raad_navn"]
    assert records[code]["kilder"][0]["fakta"] == HOSTILE["fakta"]
    assert records[code]["noter"] == HOSTILE["noter"]
    assert records[closed]["nedlagt"]["begrundelse"] == HOSTILE["begrundelse"]
    assert doc["antal"] == 98


# --------------------------------------------------------------------------- mutated entries

# Values a maintainer's typo or YAML 1.1 can produce, tried in every field of real entries.
_PROBES = [None, True, False, 0, 1, -1, 1.0, 1.5, float("nan"), "", " ", "x", "ja", "har_raad",
           "2025", "2025-13", "2025-02-30", "https://kommune.dk/raad", "http://kommune.dk",
           "raad@kommune.dk", [], [1], ["x"], ["x", "x"], ["moeder", "moeder"], [True, 1], {},
           {"x": 1}, {"gruppe": "erhvervsliv", "antal": 2}, {"url": "https://a.dk", "dato": None, "fakta": "y"},
           {"dato": "2015", "begrundelse": "z"}]


def _mutations(entry: dict):
    """(description, entry) for every field replaced by every probe, removed, and added."""
    def paths(node, prefix=()):
        if isinstance(node, dict):
            for key, value in node.items():
                yield prefix + (key,)
                yield from paths(value, prefix + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield prefix + (i,)
                yield from paths(value, prefix + (i,))

    def replaced(path, value, delete=False):
        copy = json.loads(json.dumps(entry))
        node = copy
        for step in path[:-1]:
            node = node[step]
        if delete:
            del node[path[-1]]
        else:
            node[path[-1]] = value
        return copy

    for path in list(paths(entry)):
        for probe in _PROBES:
            yield f"{path}={probe!r}", replaced(path, probe)
        if isinstance(path[-1], str):
            yield f"{path} removed", replaced(path, None, delete=True)
    yield "unknown field", dict(entry, hjemmesiden="https://a.dk")


def test_every_mutated_entry_is_refused_with_located_problems_never_a_traceback() -> None:
    """Each field of real entries replaced by a typo-like value, removed, or joined by an
    unknown field: the check never crashes, and whatever breaks the schema is reported at a
    line of its entry, naming the municipality."""
    from jsonschema import Draft202012Validator

    from registry.validation import Checker
    from registry.yamlparse import NodeInfo, ParsedYaml

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    from registry.loader import load_reference

    vocab = load_vocab(VOCAB)
    reference = load_reference(REFERENCE)
    raw = yaml.safe_load((DATA / "councils.yaml").read_text(encoding="utf-8"))
    tried = refused = 0
    for code in ("0101", "0751", "0661"):
        for what, entry in _mutations(raw[code]):
            data = {code: entry}
            parsed = ParsedYaml(data=data, info={(code,): NodeInfo(5, 1)})
            problems = Checker(parsed, reference, vocab, schema, date(2026, 12, 6), False).run()
            tried += 1
            if any(True for _ in validator.iter_errors(data)):
                refused += 1
                assert problems, f"{code} {what}: no problem reported"
                assert all(p.line >= 1 and p.subject for p in problems), f"{code} {what}"
    assert tried > 1000 and refused > 500, (tried, refused)
