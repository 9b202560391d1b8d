"""The gate holds: personal data, hostile markup, look-alike characters and broken reference
data never reach a published page (issue 12).

Each class of bad input is tried in many forms and in every field or file it can reach:
the registry's free-text fields, web addresses and mailbox, its comments, the municipality
list, and the handbook's pages (front matter, headings, text, macros, snippets). Every case
asserts what a contributor sees: the file, the line, the municipality or page and field, and
a Danish explanation -- never a traceback. The real registry and handbook raise no false alarm.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from registry.loader import RegistryError, load_registry
from registry.personal_data import ProperNouns, mailbox_problem, text_findings, url_findings
from registry.reference import OFFICIAL, OFFICIAL_SHA256, official_rows, read_reference
from registry.vocab import load_vocab
from rendering.page_checks import Gate, check_pages
from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DATA = ROOT / "data"
VOCAB = load_vocab(DATA / "vocabularies.yaml")
TODAY = date(2026, 11, 22)
NOUNS = ProperNouns.build(["Aarhus", "Holstebro", "Odense", "Region Midtjylland"], [],
                          ["Røde Kors"])

# ---------------------------------------------------------------- registry: one field at a time


def _registry_text(changes: dict[tuple, object]) -> str:
    """tests/fixtures/registry/good.yaml with values replaced (path -> value)."""
    data = yaml.safe_load((FIXTURES / "registry" / "good.yaml").read_text(encoding="utf-8"))
    for path, value in changes.items():
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return re.sub(r"^'?(\d{4})'?:", r'"\1":', text, flags=re.M)


def registry_problems(tmp_path: Path, text: str, name: str = "councils.yaml") -> list[str]:
    """The problem lines for a registry file ([] when it loads)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        load_registry(path, DATA / "kommuner.csv", DATA / "vocabularies.yaml",
                      require_complete=False, today=TODAY, display_base=tmp_path)
    except RegistryError as exc:
        message = str(exc)
    else:
        return []
    assert "Traceback" not in message
    return message.splitlines()[1:]


def field_problems(tmp_path: Path, path: tuple, value: object) -> list[str]:
    return registry_problems(tmp_path, _registry_text({path: value}))


HOLSTEBRO = "Holstebro (0661)"
FIELDS = {  # where a text can stand -> (path in good.yaml, label in the message)
    "raad_navn": (("0661", "raad_navn"), f"{HOLSTEBRO} · raad_navn"),
    "noter": (("0661", "noter"), f"{HOLSTEBRO} · noter"),
    "fakta": (("0661", "kilder", 0, "fakta"), f"{HOLSTEBRO} · kilder nr. 1 › fakta"),
    "begrundelse": (("0151", "nedlagt", "begrundelse"), "Ballerup (0151) · nedlagt › begrundelse"),
}

# Personal data in free text: (text, what the message must say). Every case is tried in every
# free-text field.
PERSONAL_TEXT = [
    ("Ring på CPR 010203-1234.", "CPR-nummer (010203-1234)"),
    ("CPR 0102031234 står i sagen.", "CPR-nummer (0102031234)"),
    ("Nummeret 311299 1234 er et CPR.", "CPR-nummer (311299 1234)"),
    ("Kontakt: sekretæren, 0102031234, på rådhuset.", "CPR-nummer (0102031234)"),
    ("Nummeret (010203-1234) står i sagen.", "CPR-nummer (010203-1234)"),
    ("Kontakt: Jens Hansen, tirsdag.", "person ved navn («Jens Hansen»)"),
    ("Formand Ayşe Yılmaz leder rådet.", "«Ayşe Yılmaz»"),
    ("næstformand Çağrı Öztürk.", "«Çağrı Öztürk»"),
    ("Sekretær: Nguyễn Văn Minh.", "«Nguyễn Văn Minh»"),
    ("Skriv v/ Ömer Şahin.", "«Ömer Şahin»"),
    ("Post c/o Ibrahim al Rashid.", "«Ibrahim al Rashid»"),
    ("Kontaktpersonen Fatima.", "«Fatima»"),
    ("Spørg ved Mette Testesen.", "«Mette Testesen»"),
    ("Rådet ledes af Mohammed Testali.", "«Mohammed Testali»"),
    ("Mødet blev holdt hos Grzegorz Brzęczyszczykiewicz i år.", "«Grzegorz Brzęczyszczykiewicz»"),
    ("Skrevet af jens hansen i 2020.", "«jens hansen»"),
    ("Formand: Олег Петров.", "kyrilliske bogstaver"),
    ("Rådets formand er محمد علي.", "arabiske bogstaver"),
    ("Oplæg ved Dr. Jensen.", "«Jensen»"),
    ("Mail jens.hansen@holstebro.dk.", "e-mailadresser"),
    ("Skriv til jens [at] holstebro [dot] dk.", "e-mailadresser"),
    ("Tlf. 12 34 56 78.", "telefonnummer (12 34 56 78)"),
    ("Ring +45 1234 5678.", "telefonnummer"),
    ("Ring tlf.12345678.", "telefonnummer (12345678)"),
    ("Ring +90 532 123 45 67.", "telefonnummer (+90 532 123 45 67)"),
]


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize(("text", "says"), PERSONAL_TEXT, ids=[c[0][:30] for c in PERSONAL_TEXT])
def test_personal_data_in_any_free_text_field_is_refused(tmp_path, field, text, says):
    path, label = FIELDS[field]
    lines = field_problems(tmp_path, path, text)
    assert any(label in line and says in line for line in lines), "\n".join(lines)
    hit = next(line for line in lines if label in line and says in line)
    assert re.match(r"councils\.yaml:\d+:\d+: ", hit)


# Ordinary Danish text: no false alarm (each is a real shape from the registry or handbook).
INNOCENT_TEXT = [
    "Kontakt rådet via Holstebro Kommunes side om råd og nævn.",
    "Rådet samarbejder med Dansk Flygtningehjælp og Røde Kors.",
    "Det Nationale Integrationsråd mødtes med Holstebro Integrationsråd i 2019-2021.",
    "Formanden og sekretæren aftaler dagsordenen ved Integrationsdagen.",
    "Mødet 13.12.2017 kl. 16-18 i Aarhus; 9 medlemmer, heraf 6 valgt.",
    "Sagsnr. 0102031234 i kommunens journal.",
    "Stiller I ingen krav til dansk? B. Der udbetales ikke diæter.",
    "Region Midtjylland og Odenses byråd blev hørt.",
]


@pytest.mark.parametrize("text", INNOCENT_TEXT)
def test_ordinary_danish_text_raises_no_alarm(text):
    assert text_findings(text, NOUNS) == []


# Web addresses: kilder[].url and hjemmeside.
PERSONAL_URLS = [
    ("https://www.holstebro.dk/kontakt/jens-hansen", "personnavn"),
    ("https://www.holstebro.dk/medarbejdere/AyseYilmaz", "personnavn"),
    ("https://www.holstebro.dk/om/soeren-testgaard/", "personnavn"),
    ("https://www.holstebro.dk/profil?navn=Ole", "personoplysninger med (navn=Ole)"),
    ("https://www.holstebro.dk/kontakt?email=jens.hansen%40holstebro.dk", "e-mailadresse"),
    ("https://www.holstebro.dk/mailto/jens@holstebro.dk", "e-mailadresse"),
    ("https://www.holstebro.dk/ring?tlf=12345678", "telefonnummer"),
    ("https://www.holstebro.dk/tel:+4512345678", "telefonnummer"),
    ("https://www.holstebro.dk/sag/010203-1234", "CPR-nummer"),
    ("https://www.xn--holstbro-e1a.dk/raad", "punycode"),
    ("https://www.hоlstebro.dk/raad", "uden for a-z"),  # Cyrillic о
]


@pytest.mark.parametrize("where", ["url", "hjemmeside"])
@pytest.mark.parametrize(("url", "says"), PERSONAL_URLS, ids=[u.split("dk")[-1][:30] for u, _ in PERSONAL_URLS])
def test_personal_data_and_look_alike_hosts_in_addresses_are_refused(tmp_path, where, url, says):
    path = ("0661", "kilder", 0, "url") if where == "url" else ("0661", "hjemmeside")
    label = f"{HOLSTEBRO} · kilder nr. 1 › url" if where == "url" else f"{HOLSTEBRO} · hjemmeside"
    lines = field_problems(tmp_path, path, url)
    assert any(label in line and says in line for line in lines), "\n".join(lines)


def test_ordinary_addresses_raise_no_alarm():
    for url in ("https://www.holstebro.dk/politik/raad-og-naevn/integrationsraadet",
                "https://kk.dk/dagsordener-og-referater/Det%20R%C3%A5dgivende%20Integrationsudvalg/m%C3%B8de-11101999",
                "https://farum.dk/Kommunen/DetPolitiskeLiv/RaadNaevnOgBestyrelser/Integrationsraad",
                "https://www.holstebro.dk/nyheder/2023/12/20231201-integrationsprisen"):
        assert url_findings(url, NOUNS) == [], url


# kontakt: a functional mailbox only, even when the address contains a function word.
MAILBOXES = [
    ("jens.hansen@holstebro.dk", False), ("jh@holstebro.dk", False),
    ("jens.integration@holstebro.dk", False), ("info.jhansen@holstebro.dk", False),
    ("integrationsraad-mh@holstebro.dk", False), ("postmette@holstebro.dk", False),
    ("integrationsraad@holstebro.dk", True), ("integrationsrad@holb.dk", True),
    ("jobcenter@holstebro.dk", True), ("kontakt.holstebro@holstebro.dk", True),
    ("post@holstebro.dk", True),
]


@pytest.mark.parametrize(("address", "functional"), MAILBOXES)
def test_only_functional_mailboxes_pass(tmp_path, address, functional):
    assert (mailbox_problem(address, frozenset(), ["Holstebro"]) is None) is functional
    if not functional:
        lines = field_problems(tmp_path, ("0661", "kontakt"), address)
        assert any(f"{HOLSTEBRO} · kontakt" in l and "funktionspostkasser i data/vocabularies.yaml"
                   in l for l in lines), "\n".join(lines)


def test_a_listed_exception_passes_and_says_how(tmp_path):
    """The message names data/egennavne.txt; a name listed there passes."""
    assert field_problems(tmp_path, ("0661", "noter"), "Rådet og Høje Kolstrup Bydelsforum mødes.") == []
    lines = field_problems(tmp_path, ("0661", "noter"), "Rådet og Anders Kolstrup mødes.")
    assert any("«Anders Kolstrup»" in l and "data/egennavne.txt" in l for l in lines), lines
    nouns = ProperNouns.build([], [], ["Anders Kolstrup"])
    assert text_findings("Rådet og Anders Kolstrup mødes.", nouns) == []


def test_personal_data_in_the_files_comments_is_refused(tmp_path):
    text = _registry_text({}).replace(
        '"0661":', '# Spørg jens.hansen@holstebro.dk eller ring 12 34 56 78\n"0661":')
    lines = registry_problems(tmp_path, text)
    line = text.splitlines().index("# Spørg jens.hansen@holstebro.dk eller ring 12 34 56 78") + 1
    assert any(l.startswith(f"councils.yaml:{line}:") and "telefonnummer" in l for l in lines), lines
    assert any(l.startswith(f"councils.yaml:{line}:") and "e-mailadresse" in l for l in lines), lines


# ------------------------------------------------------- text that is not what it looks like

HIDDEN = [
    ("\u200b", "ZERO WIDTH SPACE"), ("\u200d", "ZERO WIDTH JOINER"), ("\u2060", "WORD JOINER"),
    ("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
    ("\u200f", "RIGHT-TO-LEFT MARK"), ("\ufeff", "BOM-tegn"), ("\u00ad", "SOFT HYPHEN"),
    ("\u2028", "LINE SEPARATOR"), ("\u2029", "PARAGRAPH SEPARATOR"), ("\x85", "NEL"),
]


@pytest.mark.parametrize(("char", "named"), HIDDEN, ids=[n for _, n in HIDDEN])
def test_each_invisible_character_is_named_at_its_own_line(tmp_path, char, named):
    """Each character at its line and column as GitHub shows them; a later problem keeps its
    own line even after a hidden line break."""
    text = _registry_text({})
    lines = text.splitlines()
    target = next(i for i, l in enumerate(lines) if l.startswith("  noter: Testnote"))
    lines[target] = lines[target].replace("Testnote", "Test" + char + "note", 1)
    later = next(i for i, l in enumerate(lines) if i > target and l.startswith("  medlemmer:"))
    lines[later] = "  medlemmer: ni"
    found = registry_problems(tmp_path, "\n".join(lines) + "\n")
    col = lines[target].index(char) + 1
    assert any(l.startswith(f"councils.yaml:{target + 1}:{col}: Ballerup (0151) · noter:")
               and named in l for l in found), "\n".join(found)
    assert any(l.startswith(f"councils.yaml:{later + 1}:") and "medlemmer" in l for l in found), found


def test_odd_spaces_in_indentation_nfd_and_mixed_scripts(tmp_path):
    text = _registry_text({("0661", "noter"): "Rådet i Hоlstebro (kyrillisk о) mødes."})
    text = text.replace("  noter: Testnote", "\u00a0 noter: Testnote", 1)
    text = text.replace("Holstebro Integrationsråd", "Holstebro Integrationsra\u030ad", 1)
    found = registry_problems(tmp_path, text)
    joined = "\n".join(found)
    assert "særligt mellemrum (NO-BREAK SPACE, U+00A0)" in joined
    assert "«å» er skrevet som to tegn" in joined
    assert "«Hоlstebro» blander bogstaver" in joined and "kyrillisk bogstav" in joined


@pytest.mark.parametrize(("field", "limit"), [("raad_navn", 120), ("noter", 1500), ("fakta", 1000)])
def test_texts_longer_than_the_page_has_room_for_are_refused(tmp_path, field, limit):
    path, label = FIELDS[field]
    lines = field_problems(tmp_path, path, "Lang tekst. " * (limit // 12 + 2))
    assert any(label in l and f"højst være {limit} tegn" in l for l in lines), lines


# -------------------------------------------------------------- within an entry


def test_the_same_source_twice_is_refused(tmp_path):
    data = yaml.safe_load(_registry_text({}))
    source = data["0661"]["kilder"][0]
    twice = dict(source, url=source["url"].replace("www.holstebro", "WWW.Holstebro") + "/#top",
                 fakta="En anden sætning om samme side.")
    lines = field_problems(tmp_path, ("0661", "kilder"), [source, twice])
    assert any(f"{HOLSTEBRO} · kilder nr. 2 › url" in l and "står to gange" in l for l in lines), lines


@pytest.mark.parametrize(("name", "says"), [
    ("Aarhus Integrationsråd", "nævner Aarhus, men posten er for Holstebro (0661)"),
    ("Odenses Integrationsråd", "nævner Odense"),
    ("Integrationsrådet i Region Syddanmark", "ligger i Region Midtjylland"),
])
def test_a_council_name_that_contradicts_the_reference_list_is_refused(tmp_path, name, says):
    lines = field_problems(tmp_path, ("0661", "raad_navn"), name)
    assert any(f"{HOLSTEBRO} · raad_navn" in l and says in l for l in lines), lines


# ---------------------------------------------------------------- the municipality list

REFERENCE_TEXT = (DATA / "kommuner.csv").read_text(encoding="utf-8")


def _reference_problems(text: str | bytes, official=None) -> list[str]:
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    _, problems = read_reference(raw, VOCAB, official)
    return [p.format("data/kommuner.csv") for p in problems]


# (line as written, how it is changed, the line where the problem shows, what it says)
REFERENCE_CASES = [
    ("0630,Vejle,", "0630,Vejen,", "0630,", "Navnet Vejen står to gange"),
    ("0101,København,", "0101,Århus,", "0751,", "samme adresse (raad/aarhus/)"),
    ("0751,Aarhus,", "0751,Aarhus ,", "0751,", "mellemrum for meget"),
    ("0751,Aarhus,", "0661,Aarhus,", "0661,", "Kommunekoden 0661 står to gange"),
    ("0751,Aarhus,", "751,Aarhus,", "751,", "fire cifre"),
    ("0751,Aarhus,Region Midtjylland", "0751,Aarhus,Midtjylland", "0751,", "ikke en region"),
    ("0751,Aarhus,Region Midtjylland", "0751,Aarhus,Region Midtjylland,x", "0751,", "har 4 felter"),
    ("0751,Aarhus,", "0751,Aarhus‐Syd,", "0751,", "tegn uden for a-z"),  # U+2010 hyphen
    ("0751,Aarhus,", "0751,Aаrhus,", "0751,", "blander bogstaver"),
    ("kommunekode,kommune,region", "kode,navn,region", "kode,", "Første linje"),
]


@pytest.mark.parametrize(("old", "new", "at", "says"), REFERENCE_CASES, ids=[c[3] for c in REFERENCE_CASES])
def test_the_municipality_list_is_checked_as_strictly_as_the_registry(old, new, at, says):
    text = REFERENCE_TEXT.replace(old, new, 1)
    assert text != REFERENCE_TEXT
    line = max(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(at))
    problems = _reference_problems(text)
    assert any(p.startswith(f"data/kommuner.csv:{line}:") and says in p for p in problems), problems


@pytest.mark.parametrize(("old", "new", "says"), [
    ("0169,Høje-Taastrup,", "0169,Høje Taastrup,", "navnet er Høje-Taastrup"),
    ("0751,Aarhus,Region Midtjylland", "0751,Aarhus,Region Syddanmark", "regionen er Region Midtjylland"),
    ("0751,Aarhus,Region Midtjylland\n", "", "Der mangler 1 kommune(r) fra den officielle liste: Aarhus (0751)"),
    ("0101,København,", "0102,København,", "findes ikke på den officielle kommuneliste"),
])
def test_the_projects_list_agrees_with_the_official_one(old, new, says):
    problems = _reference_problems(REFERENCE_TEXT.replace(old, new, 1), official_rows())
    assert any(says in p for p in problems), problems


def test_the_official_copy_is_pinned_and_the_real_list_agrees():
    assert hashlib.sha256(OFFICIAL.read_bytes()).hexdigest() == OFFICIAL_SHA256
    rows = official_rows()
    assert len(rows) == 98 and len({name for name, _ in rows.values()}) == 98
    assert _reference_problems(REFERENCE_TEXT, rows) == []


def test_a_renamed_municipality_stops_the_registry_check_with_both_files_named(tmp_path):
    """Two councils can never share an address: the clash is an error in `make check`."""
    reference = tmp_path / "kommuner.csv"
    reference.write_text(REFERENCE_TEXT.replace("0101,København,", "0101,Ærø,"), encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load_registry(FIXTURES / "registry" / "good.yaml", reference, DATA / "vocabularies.yaml",
                      require_complete=False, today=TODAY, display_base=tmp_path)
    assert "kommuner.csv:" in str(info.value) and "Navnet Ærø står to gange" in str(info.value)


@pytest.mark.parametrize("raw", [REFERENCE_TEXT.encode("utf-16"), b"\x00" * 50, b"kommunekode,kommune,region\n" + b"x," * 100_000,
                                 "kommunekode,kommune,region\n\"0101,\"København".encode()])
def test_any_reference_file_gives_problems_never_a_traceback(raw):
    problems = _reference_problems(raw)
    assert problems and all(re.match(r"data/kommuner\.csv:\d+:\d+: ", p) for p in problems)


# ---------------------------------------------------------------------------- the pages


def page_problems(tmp_path: Path, pages: dict[str, str], **gate) -> list[str]:
    docs = tmp_path / "docs"
    for src, text in pages.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
    (tmp_path / "includes").mkdir(exist_ok=True)
    (tmp_path / "includes" / "del.md").write_text("Fælles tekst.\n", encoding="utf-8")
    gate.setdefault("snippet_dirs", (tmp_path / "includes",))
    gate.setdefault("macros", {"registry_total": lambda: "", "repo_link": lambda text, path="": ""})
    return [p.format(p.path) for p in check_pages(Gate(docs_dir=docs, nouns=NOUNS, **gate))]


FM = "---\ntitle: Side\ndescription: Testside.\n---\n\n# Side\n\n"  # the body starts at line 7

PAGE_CASES = [
    # front matter (class 5)
    ("---\ntitle: <img src=x onerror=alert(1)>\n---\n", 2, "title", "uden < >"),
    ('---\ntitle: Side\ndescription: \'d" onmouseover="alert(2)\'\n---\n', 3, "description", 'uden "'),
    ("---\ntitle: Tom &lt;b&gt;\n---\n", 2, "title", "&lt;"),
    ("---\ntitle: '{{ config }}'\n---\n", 2, "title", "{{"),
    ("---\ntitle: Side\ndescripton: Testside.\n---\n", 3, "descripton", "Mente du description?"),
    ("---\ntitle: Side\ndescription: [a\n---\n", 4, "front matter", "liste i [ ] bliver ikke lukket"),
    ("---\ntitle: Side\ntitle: Igen\n---\n", 3, "title", "står to gange"),
    ("---\ntitle: Side\nsidst_gennemgaaet: 2026-02-30\n---\n", 3, "sidst_gennemgaaet", "ÅÅÅÅ-MM-DD"),
    ("---\ntitle: Side\nansvarlig: Jens Hansen\n---\n", 3, "ansvarlig", "«Jens Hansen»"),
    ("---\ntitle: Side\nrender_macros: 'true'\n---\n", 3, "render_macros", "true eller render_macros: false"),
    ("---\ntitle: Side\n\n# Side\n", 1, "front matter", "bliver ikke lukket"),
    ("---\ntitle: " + "x" * 90 + "\n---\n", 2, "title", "højst være 80 tegn"),
    ("---\ntitle: !!python/object/apply:os.system [ls]\n---\n", 2, "front matter", "ikke tilladt"),
    # a heading that becomes the title
    ("# Skriv <script>alert(1)</script>\n", 1, "html", "<script>"),
    ("# Møde med Jens Hansen\n", 1, "overskrift", "«Jens Hansen»"),
    # hostile markup in the text
    (FM + "Tekst <script>alert(1)</script>\n", 8, "html", "<script>"),
    (FM + '<img src="x" onerror="alert(1)">\n', 8, "html", "<img>"),
    (FM + '<div onclick="alert(1)">x</div>\n', 8, "html", "onclick kan køre kode"),
    (FM + '<a href="javascript:alert(1)">x</a>\n', 8, "html", "kan køre kode"),
    (FM + "[klik](javascript:alert(1))\n", 8, "link", "kan køre kode"),
    (FM + "![kort](https://tracker.example/x.png)\n", 8, "billede", "anden server"),
    (FM + "<iframe src=https://example.org></iframe>\n", 8, "html", "<iframe>"),
    (FM + '<span style="background:url(https://x.example/a.png)">x</span>\n', 8, "html", "url("),
    # personal data in the text and links
    (FM + "Ring til formand Ayşe Yılmaz på 12 34 56 78.\n", 8, "tekst", "telefonnummer"),
    (FM + "Formand Ayşe Yılmaz svarer.\n", 8, "tekst", "«Ayşe Yılmaz»"),
    (FM + "Skriv til <jens.hansen@holstebro.dk>.\n", 8, "tekst", "e-mailadresser"),
    (FM + "Se [profilen](https://holstebro.dk/ansatte/jens-hansen).\n", 8, "link", "personnavn"),
    (FM + "CPR 010203-1234\n", 8, "tekst", "CPR-nummer"),
    # snippets
    (FM + '--8<-- "findes-ikke.md"\n', 8, "snippet", "«findes-ikke.md» findes ikke"),
    (FM + '--8<-- "../../etc/passwd"\n', 8, "snippet", "findes ikke i snippet-mapperne"),
    # text that is not what it looks like
    (FM + "Her er et \u202eskjult tegn.\n", 8, None, "RIGHT-TO-LEFT OVERRIDE"),
    (FM + "Aarhus og Hоlstebro\n", 8, None, "blander bogstaver"),
    (FM + "Tekst\x00med NUL\n", 8, None, "nul-tegn"),
]


@pytest.mark.parametrize(("text", "line", "field", "says"), PAGE_CASES, ids=[c[3][:25] for c in PAGE_CASES])
def test_every_page_problem_is_reported_at_its_line(tmp_path, text, line, field, says):
    found = page_problems(tmp_path, {"side.md": text})
    prefix = f"docs/side.md:{line}:"
    label = f" {field}: " if field else ": "
    assert any(p.startswith(prefix) and label in p and says in p for p in found), "\n".join(found)


MACRO_CASES = [
    (FM + "{{ registry_tabel() }}\n", 8, "«registry_tabel» er ikke en makro", 4),
    (FM + "Tekst\n\nSkriv {{ navn }} her.\n", 10, "«navn» er ikke en makro", 10),
    (FM + "{{ registry_total( }}\n", 8, "ikke skrevet rigtigt", 1),
    (FM + "Et {{ uden\n", 8, "bliver ikke lukket", 4),
    (FM + "## Overskrift {#id}\n", 8, "{# starter en kommentar", 15),
    (FM + "{{ registry_total(1, 2) }}\n", 8, "forkerte argumenter", 4),
    (FM + "{{ config.__class__.__init__.__globals__ }}\n", 8, "«__class__» må ikke bruges", 11),
    (FM + "{{ config | tojsonx }}\n", 8, "Filteret «tojsonx» findes ikke", 13),
]


@pytest.mark.parametrize(("text", "line", "says", "col"), MACRO_CASES, ids=[c[2][:25] for c in MACRO_CASES])
def test_a_broken_macro_call_is_located_with_the_front_matter_counted(tmp_path, text, line, says, col):
    text = text.replace("title: Side\n", "title: Side\nrender_macros: true\n")
    found = page_problems(tmp_path, {"side.md": text}, macro_pages=frozenset({"side.md"}),
                          variables=frozenset({"config"}), filters=frozenset({"e"}))
    assert any(p.startswith(f"docs/side.md:{line + 1}:{col}: makro: ") and says in p
               for p in found), "\n".join(found)


def test_only_listed_pages_may_run_macros_and_braces_elsewhere_are_text(tmp_path):
    pages = {
        "a.md": "---\ntitle: A\nrender_macros: true\n---\n\n{{ registry_total() }}\n",
        "b/c.md": "---\ntitle: C\nrender_macros: true\n---\n\n{{ registry_total() }}\n",
        "d.md": "---\ntitle: D\n---\n\nSkriv {{ noget }} og {% her %} som tekst.\n",
    }
    found = page_problems(tmp_path, pages, macro_pages=frozenset({"b/*.md"}))
    assert [p.split(":")[0:2] for p in found] == [["docs/a.md", "3"]], found
    assert "extra.macro_pages i mkdocs.yml" in found[0]


def test_two_pages_with_one_address_is_an_error(tmp_path):
    found = page_problems(tmp_path, {"a.md": FM, "a/index.md": FM, "raad/aarhus/index.md": FM},
                          generated_pages=("raad/aarhus.md",))
    assert any(re.match(r"docs/a(/index)?\.md:1:1: ", p) and "samme adresse (a/)" in p for p in found), found
    assert any("docs/raad/aarhus/index.md" in p and "rådssiden raad/aarhus.md" in p for p in found), found


@pytest.mark.parametrize("raw", [
    FM.encode("utf-16"), b"---\ntitle: " + b"[" * 5000 + b"\n---\n", b"# " + b"x" * 2_000_000 + b"\n",
    b"\xff\xfe\x00", "---\ntitle: Side\n---\n".encode() + "x\u2028y\n".encode() * 3,
])
def test_any_page_gives_located_problems_never_a_traceback(tmp_path, raw):
    found = page_problems(tmp_path, {"side.md": raw})
    assert all(re.match(r"docs/side\.md:\d+:\d+: ", p) for p in found), found


def test_the_real_handbook_and_registry_raise_no_false_alarm():
    """`make check`'s page gate on the real site: 0 problems (the exceptions are listed in
    data/egennavne.txt, each with its reason)."""
    result = subprocess.run([sys.executable, "-m", "rendering.page_checks"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: registret, kommunelisten og")


def test_every_exception_has_a_reason():
    for line in (DATA / "egennavne.txt").read_text(encoding="utf-8").splitlines():
        content = line.split("#", 1)[0].strip()
        if content:
            name, _, reason = content.partition(":")
            assert name.strip() and len(reason.strip()) > 10, line


# ----------------------------------------------------------------- the built pages (class 5)


@pytest.fixture(scope="module")
def gate_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gate")
    result = build_site(ROOT / "tests" / "sites" / "page_gate" / "mkdocs.yml", out)
    assert result.returncode == 0, result.output
    return out


def test_a_heading_written_with_entities_stays_text_everywhere(gate_site):
    html = (gate_site / "entiteter" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and "&lt;/title&gt;&lt;img" in title
    for page in gate_site.rglob("*.html"):
        assert "<img src=x" not in page.read_text(encoding="utf-8"), page


def test_characters_like_equals_show_as_written(gate_site):
    html = (gate_site / "gode-erfaringer" / "index.html").read_text(encoding="utf-8")
    assert "a = b ~ c" in html and "\\=" not in html and "\\~" not in html


def test_a_missing_snippet_or_bad_page_stops_the_build_located_also_under_quiet(tmp_path):
    """From another folder, with -q: the gate's message, at its line, and no traceback."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "sites" / "page_gate", site)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("../../../", f"{ROOT}/").replace("../macros/", f"{ROOT}/tests/sites/macros/")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    page = site / "docs" / "entiteter.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "mangler.md"\n\n{{ x }}\n',
                    encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    snippet_line = lines.index('--8<-- "mangler.md"') + 1
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(site / "mkdocs.yml"),
         "-d", str(tmp_path / "out")],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"docs/entiteter.md:{snippet_line}:1: snippet: Filen «mangler.md» findes ikke" in output


def test_the_real_site_builds_from_another_folder(tmp_path, built_site):
    """Snippets are found relative to mkdocs.yml (hooks/snippet_paths.py), not the current folder."""
    html = (built_site / "vaerktoejer" / "dagsorden" / "index.html").read_text(encoding="utf-8")
    assert "Dagsorden" in html
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(tmp_path / "out")],
        cwd=tmp_path, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "vaerktoejer" / "dagsorden" / "index.html").is_file()


# --------------------------------------------------------------------- strict means strict

COMMAND_FILES = ["Makefile", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / ".github" / "workflows").glob("*.yml")),
                 *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "scripts").glob("*.py")),
                 *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("*.py"))]


def test_no_command_builds_quietly():
    """`-q` hides warnings from strict mode's counter; no build command in the project uses it
    (mkdocs.yml has strict: true, so every build is strict)."""
    offenders = []
    for name in COMMAND_FILES:
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1):
            if "mkdocs" in line and re.search(r"""["'\s](-q|--quiet)["'\s,]""", line) \
                    and "test_gate.py" not in name:
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
    assert "strict: true" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_warning_fails_a_strict_build_even_under_quiet(tmp_path):
    """MkDocs drops warnings under -q before strict mode counts them; hooks/strict.py lets them
    through, so a broken link still stops the build and is shown."""
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Forside\n\n[Link](mangler.md)\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        f"site_name: T\nstrict: true\nhooks:\n  - {ROOT / 'hooks' / 'strict.py'}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"),
                             "-d", str(tmp_path / "out")], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "mangler.md" in result.stdout + result.stderr
