"""The verification round for 2026–2029 (issue 15): certainty and status follow from the
evidence, confirmations are recorded and counted, and every municipality gets a request it can
answer, with no personal data in anything generated.

The real registry is used only for properties that must hold whatever the maintainers record
(every status is the rule's, no certainty above its evidence, no personal data in the 98
requests), so the round itself never breaks a test; tests/fixtures/registry/round.yaml and the
other fixtures hold the cases with exact wording.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from registry.evidence import derived_status, level_of, supported
from registry.loader import RegistryError, load_registry
from registry.personal_data import EMAIL_RE, text_findings
from registry.validation import proper_nouns
from rendering.blocks import Blocks
from rendering.councils import council_markdown
from rendering.requests import mailbox_problem, request_files

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "councils.yaml"
REFERENCE = ROOT / "data" / "kommuner.csv"
VOCAB = ROOT / "data" / "vocabularies.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "registry"
TODAY = date(2026, 12, 6)
REPO = "https://github.com/example/haandbog"


def load(path: Path, **kwargs):
    kwargs.setdefault("today", TODAY)
    return load_registry(path, REFERENCE, VOCAB, display_base=ROOT, **kwargs)


def problems(path: Path, **kwargs) -> list[str]:
    kwargs.setdefault("require_complete", False)
    with pytest.raises(RegistryError) as info:
        load(path, **kwargs)
    assert "Traceback" not in str(info.value)
    return str(info.value).splitlines()[1:]


def entry_lines(text: str, code: str) -> tuple[int, int]:
    """(first, last) 0-based line index of an entry in the registry text."""
    lines = text.splitlines()
    start = lines.index(f'"{code}":')
    end = next((i for i in range(start + 1, len(lines)) if re.match(r'^"\d{4}":$', lines[i])),
               len(lines))
    return start, end


def edit_entry(text: str, code: str, old: str, new: str) -> str:
    """The registry text with ``old`` replaced by ``new`` inside one entry (exactly once)."""
    start, end = entry_lines(text, code)
    lines = text.splitlines(keepends=True)
    block = "".join(lines[start:end])
    assert block.count(old) == 1, (code, old)
    return "".join(lines[:start]) + block.replace(old, new) + "".join(lines[end:])


def line_of(text: str, code: str, prefix: str) -> int:
    """1-based line of the first line starting with ``prefix`` inside an entry."""
    start, end = entry_lines(text, code)
    lines = text.splitlines()
    return next(i + 1 for i in range(start, end) if lines[i].startswith(prefix))


# ------------------------------------------------------------------ certainty from evidence


def test_certainty_levels_follow_the_dates_and_the_kind_of_source():
    assert level_of(None, True) == "lav"                      # undated counts as old
    assert level_of(date(2021, 10, 31), True) == "lav"        # before the November 2021 elections
    assert level_of(date(2021, 11, 1), True) == "middel"      # the term 2022–2025 is being set up
    assert level_of(date(2021, 12, 31), True) == "middel"     # ... under the old law
    assert level_of(date(2022, 1, 1), True) == "hoej"         # the law change: direct is high
    assert level_of(date(2022, 1, 1), False) == "middel"      # ... indirect is not
    assert level_of(date(2025, 11, 17), False) == "middel"
    assert level_of(date(2025, 11, 18), False) == "hoej"      # election day: anything is high


def test_certainty_fixture_names_the_old_source():
    found = problems(FIXTURES / "certainty_above_evidence.yaml")
    assert found == [
        "tests/fixtures/registry/certainty_above_evidence.yaml:27:3: Holstebro (0661) · "
        "sikkerhed: sikkerhed er hoej, men kilderne giver højst lav: status bygger kun på kilder "
        "fra før november 2021 eller uden dato; den nyeste er kilde 1 (avis eller medie, "
        "2017-08). Sæt sikkerhed: lav, eller tilføj en nyere kilde eller en bekræftelse under "
        "bekraeftelser (se dataguiden, Vælg sikkerhed)."
    ]


def test_every_real_entry_has_at_most_the_certainty_its_evidence_supports():
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    vocab = yaml.safe_load(VOCAB.read_text(encoding="utf-8"))
    labels = {k: v["label"] for k, v in vocab["kildeart"].items()}
    order = ("lav", "middel", "hoej")
    levels = {code: supported(entry, labels)[0] for code, entry in raw.items()}
    assert all(order.index(raw[c]["sikkerhed"]) <= order.index(levels[c]) for c in raw)
    # Confirmed entries have exactly what the evidence gives.
    assert all(raw[c]["sikkerhed"] == levels[c] for c in raw if raw[c]["bekraeftelser"])


def test_raising_any_real_entry_above_its_evidence_is_refused(tmp_path):
    """Take the first entry whose certainty can go up and raise it one step: the check
    refuses it at the entry's sikkerhed line."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    vocab = yaml.safe_load(VOCAB.read_text(encoding="utf-8"))
    labels = {k: v["label"] for k, v in vocab["kildeart"].items()}
    code = next(c for c, e in raw.items() if e["sikkerhed"] != "hoej"
                and supported(e, labels)[0] == e["sikkerhed"])
    higher = {"lav": "middel", "middel": "hoej"}[raw[code]["sikkerhed"]]
    text = DATA.read_text(encoding="utf-8")
    path = tmp_path / "councils.yaml"
    path.write_text(edit_entry(text, code, f"  sikkerhed: {raw[code]['sikkerhed']}\n",
                               f"  sikkerhed: {higher}\n"), encoding="utf-8")
    found = problems(path, require_complete=True)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{line_of(text, code, '  sikkerhed:')}:3: ")
    assert f"· sikkerhed: sikkerhed er {higher}, men kilderne giver højst " \
           f"{raw[code]['sikkerhed']}" in found[0]
    assert f"Sæt sikkerhed: {raw[code]['sikkerhed']}" in found[0]


# ------------------------------------------------------------ recording a confirmation


ROUND = FIXTURES / "round.yaml"
CONFIRMATION = """  bekraeftelser:
    - dato: "2026-12-01"
      metode: svar_fra_kommunen
      bekraefter: [status, medlemmer]
      kilde: null
      fakta: Testtekst om et svar fra rådets sekretariat.
"""


def test_a_recorded_confirmation_changes_certainty_flag_and_progress(tmp_path):
    """A council with middel, flagged, 0 of 3 confirmed. Recording the municipality's answer
    the documented way makes it hoej and unflagged, and the progress 1 of 3 (its region and
    its status); the council page shows the confirmation instead of the flag."""
    text = ROUND.read_text(encoding="utf-8")
    before = load(ROUND, require_complete=False)
    council = before.by_code["0167"]
    assert council.sikkerhed == "middel" and council.needs_verification
    assert "<strong>0 af 3</strong>" in Blocks(before, "registret/verificering/").progress()

    # The confirmation alone: the check asks for the certainty the evidence now gives.
    path = tmp_path / "councils.yaml"
    confirmed = edit_entry(text, "0167", "  bekraeftelser: []\n", CONFIRMATION)
    path.write_text(confirmed, encoding="utf-8")
    found = problems(path)
    assert found == [
        f"{path}:{line_of(text, '0167', '  sikkerhed:')}:3: Hvidovre (0167) · sikkerhed: "
        "Redaktionen har bekræftet posten (bekraeftelser), så sikkerhed er den, kilderne giver: "
        "hoej (det bedste belæg er bekræftelse nr. 1 (2026-12-01)). Sæt sikkerhed: hoej."
    ]

    path.write_text(edit_entry(confirmed, "0167", "  sikkerhed: middel\n", "  sikkerhed: hoej\n"),
                    encoding="utf-8")
    after = load(path, require_complete=False)
    council = after.by_code["0167"]
    assert council.sikkerhed == "hoej"
    assert council.sidst_verificeret == date(2026, 12, 1)
    assert not council.needs_verification
    blocks = Blocks(after, "registret/verificering/")
    progress = blocks.progress()
    assert "<strong>1 af 3</strong>" in progress
    assert re.search(r"<th scope=\"row\">Region Hovedstaden</th>\s*<td>1</td>\s*<td>1</td>", progress)
    assert re.search(r"<th scope=\"row\">Har et integrationsråd</th>\s*<td>1</td>\s*<td>0</td>", progress)
    assert ">Hvidovre</a>" not in blocks.freshness() and ">Glostrup</a>" in blocks.freshness()
    page = council_markdown(after, council)
    assert "Bør bekræftes" not in page
    assert "1. december 2026: Svar fra kommunen. Bekræfter status, antal medlemmer." in page


# ------------------------------------------------------------- status from the inclusion rule


@pytest.mark.parametrize("code", ["0400", "0561", "0330", "0326", "0573"])
def test_the_five_bodies_the_audit_named_are_judged_point_by_point(code):
    """Bornholm, Esbjerg, Slagelse, Kalundborg and Varde: every point of the rule has its
    place, and their status is the one the rule gives."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    inclusion = raw[code]["inklusion"]
    assert set(inclusion) == {"organ", "kaldt_integrationsraad", "punkt_1", "punkt_2", "punkt_3"}
    assert derived_status(raw[code]) == raw[code]["status"]


def test_every_real_status_is_the_one_the_rule_gives():
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert {code: derived_status(e) for code, e in raw.items()} == {
        code: e["status"] for code, e in raw.items()}
    # Every council names the sources that show it.
    assert all(e.get("inklusion") for e in raw.values() if e["status"] == "har_raad")


def test_status_against_the_rule_is_refused_both_ways():
    found = problems(FIXTURES / "status_against_inclusion.yaml")
    at = {int(line.split(":")[1]): line for line in found}
    assert set(at) == {6, 31}, found
    assert "inklusionsreglen giver ukendt" in at[6] and "punkt 3 (pladser" in at[6]
    assert "er ikke opfyldt" in at[6]
    assert "Status er ukendt, men inklusionsreglen giver har_raad" in at[31]
    assert "kalder Integrationsrådet sit integrationsråd (kilde 1)" in at[31]


def test_evidence_blocks_are_checked_at_their_lines():
    found = problems(FIXTURES / "evidence_blocks.yaml")
    at = [(int(line.split(":")[1]), line) for line in found]
    expected = [
        (18, "nedlagt › kilder: Skriv nummeret på mindst én kilde"),
        (19, "intet_raad: Feltet intet_raad må kun udfyldes, når status er intet_raad"),
        (30, "Horsens (0615) · status: Status intet_raad kræver en kilde"),
        (66, "kaldt_integrationsraad › kilder nr. 2: Kilde nr. 3 findes ikke: posten har 1 kilde"),
        (67, "punkt_1 › kilder: Vurderingen ja skal bygge på en kilde"),
        (68, "punkt_2 › kilder: Vurderingen ukendt betyder, at ingen kilde viser det"),
        (73, "bekraeftelser nr. 1 › bekraefter: En bekræftelse omfatter altid status"),
        (74, "bekraeftelser nr. 1 › kilde: Med metoden referat skal siden"),
    ]
    for line, text in expected:
        assert any(n == line and text in msg for n, msg in at), (line, text, found)
    assert len(found) == len(expected), found


# --------------------------------------------------------------------------- privacy


def test_new_free_text_fields_refuse_names_phone_numbers_and_addresses():
    found = problems(FIXTURES / "personal_data_in_new_fields.yaml")
    assert len(found) == 3, found
    assert "23:7: Holstebro (0661) · udeladte_kilder nr. 1 › fakta" in found[0]
    assert "telefonnummer (12 34 56 78)" in found[0]
    assert "25:5: Holstebro (0661) · inklusion › organ" in found[1] and "Jens Hansen" in found[1]
    assert "33:7: Holstebro (0661) · bekraeftelser nr. 1 › fakta" in found[2]
    assert "e-mailadresser" in found[2]


@pytest.fixture(scope="module")
def registry():
    return load(DATA)


@pytest.fixture(scope="module")
def requests(registry):
    return request_files(registry, repo_url=REPO, site_url="https://example.org/",
                         mailbox="redaktion@example.org")


def test_left_out_sources_are_shown_without_an_address(registry):
    with_left_out = [c for c in registry.councils if c.udeladte_kilder]
    assert with_left_out
    for c in with_left_out:
        page = council_markdown(registry, c)
        assert "Udeladt af hensyn til privatlivet (adressen vises ikke):" in page
        for source in c.udeladte_kilder:
            assert " ".join(source.fakta.split()).replace("&", "&amp;") in page


def test_generated_requests_hold_no_personal_data(registry, requests):
    """Every request page, e-mail text and CSV row passes the registry's own personal-data check
    (CPR and phone numbers, names, e-mail addresses), and holds no e-mail address but the
    editors' mailbox and the councils' own functional mailboxes. (The e-mail texts' section
    headings are in capitals, which the name check would read as a name: they are left out.)"""
    from registry.loader import load_reference

    allowed = {"redaktion@example.org"} | {c.kontakt for c in registry.councils if c.kontakt}
    exceptions = [line.split(":", 1)[0] for line in (ROOT / "data" / "egennavne.txt").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    nouns = proper_nouns(load_reference(ROOT / "data" / "kommuner.csv"), registry.vocab, exceptions)
    assert len(requests) == 2 * 98 + 1
    for path, content in requests.items():
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
        text = "\n".join(line for line in text.splitlines() if not line.isupper())
        findings = [m for m in text_findings(text, nouns) if "e-mail" not in m]
        assert findings == [], path
        assert set(EMAIL_RE.findall(text)) <= allowed, path


def test_a_personal_mailbox_stops_the_build():
    assert mailbox_problem(None) is None
    assert mailbox_problem("integrationsraad@example.org") is None
    assert "ligner en persons adresse" in mailbox_problem("jens.hansen@example.org")
    assert "fælles postkasse" in mailbox_problem("ikke en adresse")


# -------------------------------------------------------------------------- the requests


def request_text(requests, slug: str) -> str:
    return requests[f"registret/bekraeft/{slug}.txt"]


@pytest.fixture(scope="module")
def round_requests():
    return request_files(load(ROUND, require_complete=False), repo_url=REPO, site_url=None,
                         mailbox=None)


def test_request_to_a_council_asks_about_the_new_term(round_requests):
    text = request_text(round_requests, "hvidovre")
    assert text.startswith("Emne: Hvidovre: bekræft oplysningerne om integrationsrådet for 2026–2029")
    assert "Til: Hvidovre (kommunekode 0167), den enhed i kommunen" in text
    assert "1. Registret viser, at kommunen har «Testrådet for integration». Findes rådet også i " \
           "valgperioden 2026–2029?\n2. Hvad hedder rådet, og hvor mange medlemmer har det?" in text
    assert "- Antal medlemmer: 13" in text
    assert "- Sammensætning (delvis kendt): 4 – Borgere med flygtninge- eller indvandrerbaggrund" in text
    assert "- Resten af rådets sammensætning" in text  # listed under what we do not know


def test_request_to_a_closed_council_asks_whether_it_is_still_closed(round_requests):
    text = request_text(round_requests, "glostrup")
    assert "1. Registret viser, at kommunens integrationsråd er nedlagt (oktober 2019). Er det " \
           "stadig sådan i valgperioden 2026–2029, eller har kommunen et råd igen?" in text
    assert "2. Hvis kommunen har et råd: Hvad hedder det" in text


def test_request_to_an_unknown_municipality_asks_about_the_open_points(round_requests):
    text = request_text(round_requests, "esbjerg")
    assert "1. Har kommunen et integrationsråd i valgperioden 2026–2029?" in text
    assert "- Om kommunen har et integrationsråd i dag" in text
    assert "6. Om «Testforum», som vores kilder nævner: Kalder kommunen selv organet sit " \
           "integrationsråd? Har kommunalbestyrelsen, et udvalg eller kommunen nedsat organet? " \
           "Skal organet give" in text
    assert "Bliver nogle medlemmer valgt" not in text  # point 3 is shown already


def test_the_form_link_fills_in_fields_the_issue_form_has(registry):
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "bekraeft-raad.yml").read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    files = request_files(registry, repo_url=REPO, site_url=None, mailbox=None)
    for path, content in files.items():
        if not path.endswith(".txt"):
            continue
        url = next(line for line in content.splitlines() if line.startswith(REPO))
        query = parse_qs(urlsplit(url).query)
        assert query.pop("template") == ["bekraeft-raad.yml"]
        assert query.pop("title")[0].startswith("Bekræftelse: ")
        assert set(query) <= ids and {"kommune", "registret"} <= set(query), path
        assert len(url) < 2000, path  # well inside what browsers and GitHub accept


def test_without_a_mailbox_the_e_mail_route_is_hidden(registry):
    plain = request_files(registry, repo_url=REPO, site_url=None, mailbox=None)
    page, text = plain["registret/bekraeft/aarhus.md"], plain["registret/bekraeft/aarhus.txt"]
    assert "mailto:" not in page and "postkasse:" not in page
    assert "Svar på denne mail" not in text and "Udfyld formularen på GitHub" in text
    assert "Denne side:" not in page  # no https site address: no link that would not work
    with_box = request_files(registry, repo_url=REPO, site_url="https://example.org/",
                             mailbox="redaktion@example.org")
    assert 'href="mailto:redaktion@example.org"' in with_box["registret/bekraeft/aarhus.md"]
    assert "Svar på denne mail, eller skriv til redaktionens fælles postkasse " \
           "redaktion@example.org." in with_box["registret/bekraeft/aarhus.txt"]
    assert "https://example.org/registret/bekraeft/aarhus/" in with_box["registret/bekraeft/aarhus.txt"]


def test_mail_merge_csv_invents_no_addresses(registry, requests):
    raw = requests["registret/bekraeft/anmodninger.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [r["kommunekode"] for r in rows] == [c.code for c in registry.councils]
    assert all(r["til"] == "" for r in rows)
    kontakt = {c.code: c.kontakt or "" for c in registry.councils}
    assert all(r["raadets_postkasse_i_registret"] == kontakt[r["kommunekode"]] for r in rows)
    aarhus = next(r for r in rows if r["kommune"] == "Aarhus")
    assert aarhus["tekst"] == request_text(requests, "aarhus")
    assert aarhus["svarformular"].startswith(REPO + "/issues/new?template=bekraeft-raad.yml")
