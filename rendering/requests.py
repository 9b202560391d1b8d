"""The confirmation round: a request to each municipality, made from its entry.

For every municipality the data step writes

* ``registret/bekraeft/<slug>.md``: the request as a printable page (not in the nav, not in
  search), addressed to the municipality, never a person;
* ``registret/bekraeft/<slug>.txt``: the same request as the text of an e-mail;
* ``registret/bekraeft/anmodninger.csv``: one row per municipality for a mail merge. Its
  ``til`` column is empty: the maintainer fills in each municipality's official mailbox.

A request says what the registry shows and what it does not know, and asks for the term
2026–2029: is there a council, its name and size, how members are chosen, a right to be
consulted, a public page or a functional mailbox, and any point of the inclusion rule that is
not shown. It offers two ways to answer: a GitHub issue form that the link fills in
(``.github/ISSUE_TEMPLATE/bekraeft-raad.yml``; GitHub fills a form field from the URL
parameter named by its ``id``), and an e-mail to the editors' functional mailbox
(``extra.mailbox`` in mkdocs.yml). While no mailbox is configured, the e-mail route is left out.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from registry.exports import csv_cell
from registry.model import (
    ELECTION_TERM,
    NUMBERED_POINTS,
    STATUS_HAR_RAAD,
    STATUS_INTET_RAAD,
    STATUS_NEDLAGT,
    Council,
    Registry,
)
from registry.personal_data import EMAIL_RE
from registry.personal_data import mailbox_problem as personal_mailbox
from rendering.councils import date_text, known_facts, one_line, unknown_facts
from rendering.templates import render
from rendering.text import https_url, issue_url, mailto, plain
from rendering.urls import page_url

REQUEST_DIR = "registret/bekraeft"
CSV_NAME = "anmodninger.csv"
FORM = "bekraeft-raad.yml"
CSV_COLUMNS = ("kommunekode", "kommune", "region", "status", "til", "raadets_postkasse_i_registret",
               "emne", "tekst", "svarformular", "side")


def request_src(c: Council) -> str:
    """Docs path of a municipality's printable request: ``registret/bekraeft/aarhus.md``."""
    return f"{REQUEST_DIR}/{c.slug}.md"


def status_question(reg: Registry, c: Council) -> str:
    """The first question, worded from what the registry shows."""
    if c.status == STATUS_HAR_RAAD:
        name = f"«{one_line(c.raad_navn)}»" if c.raad_navn else "et integrationsråd"
        return (f"Registret viser, at kommunen har {name}. Findes rådet også i valgperioden "
                f"{ELECTION_TERM}?")
    if c.status == STATUS_NEDLAGT:
        when = f" ({date_text(c.nedlagt.dato)})" if c.nedlagt and c.nedlagt.dato else ""
        return (f"Registret viser, at kommunens integrationsråd er nedlagt{when}. Er det stadig "
                f"sådan i valgperioden {ELECTION_TERM}, eller har kommunen et råd igen?")
    if c.status == STATUS_INTET_RAAD:
        return (f"Registret viser, at kommunen ikke har et integrationsråd. Er det stadig sådan i "
                f"valgperioden {ELECTION_TERM}?")
    return (f"Har kommunen et integrationsråd i valgperioden {ELECTION_TERM}? Det gælder også et "
            "organ med et andet navn, som giver politikerne råd om integration, og hvor borgere "
            "med flygtninge- eller indvandrerbaggrund har pladser.")


def questions(reg: Registry, c: Council) -> list[str]:
    """Every question of the request, in order."""
    asked = [
        status_question(reg, c),
        "Hvad hedder rådet, og hvor mange medlemmer har det?" if c.status == STATUS_HAR_RAAD
        else "Hvis kommunen har et råd: Hvad hedder det, og hvor mange medlemmer har det?",
        "Hvordan bliver medlemmerne fundet: bliver de valgt, udpeget eller begge dele? Og hvem "
        "repræsenterer de?",
        "Har rådet ret til at blive hørt efter kommunens egne regler, fx en forretningsorden?",
        "Har rådet en offentlig side på kommunens hjemmeside eller en fælles postkasse (ikke en "
        "persons adresse), som vi må henvise til?",
    ]
    if c.inklusion and not c.inklusion.counts:
        open_points = [reg.vocab.inklusionspunkter[key].spoergsmaal or ""
                       for key in ("kaldt_integrationsraad", *NUMBERED_POINTS)
                       if c.inklusion.point(key).vurdering != "ja"]
        asked.append(f"Om «{one_line(c.inklusion.organ)}», som vores kilder nævner: "
                     + " ".join(q for q in open_points if q))
    return asked


def shown(reg: Registry, c: Council) -> list[dict[str, str]]:
    """What the registry shows today, as label and text."""
    rows = [{"label": "Status", "value": reg.vocab.label("status", c.status)}]
    for fact in known_facts(reg, c):
        if fact["entries"]:
            rows.append({"label": fact["label"], "value": "; ".join(fact["entries"])})
        elif fact["value"] is not None:
            rows.append({"label": fact["label"], "value": str(fact["value"])})
    newest = [s.dato for s in c.kilder if s.sort_date and s.sort_date == c.newest_source_date]
    rows.append({"label": "Nyeste kilde", "value": date_text(newest[0]) if newest else
                 ("ingen kilde med dato" if c.kilder else "ingen kilder")})
    return rows


def form_summary(rows: list[dict[str, str]]) -> str:
    """The registry's facts as lines for the form's text field (the answer corrects them)."""
    return "\n".join(f"{row['label']}: {row['value']}" for row in rows)


def request_view(reg: Registry, c: Council, *, repo_url: str | None, site_url: str | None,
                 mailbox: str | None, directory_urls: bool = True) -> dict[str, Any]:
    """Plain data for the request's page, e-mail and CSV row."""
    rows = shown(reg, c)
    base = https_url(site_url)
    page = f"{base.rstrip('/')}/{page_url(request_src(c), directory_urls)}" if base else None
    return {
        "code": c.code,
        "kommune": c.kommune,
        "region": c.region,
        "title": plain(f"Spørgsmål om integrationsrådet: {c.kommune}"),
        "subject": f"{c.kommune}: bekræft oplysningerne om integrationsrådet for {ELECTION_TERM}",
        "term": ELECTION_TERM,
        "shown": rows,
        "unknown": unknown_facts(c, about_sources=False),
        "questions": questions(reg, c),
        "form_url": issue_url(repo_url, FORM, title=f"Bekræftelse: {c.kommune} ({c.code})",
                              kommune=f"{c.kommune} ({c.code})", registret=form_summary(rows)),
        "mailbox": mailbox,
        "mailto": mailto(mailbox),
        "page_url": page,
    }


def mailbox_problem(mailbox: object) -> str | None:
    """Why ``extra.mailbox`` cannot be used (the same rule as the registry's ``kontakt``), or
    None. Every request would publish it, so a person's address stops the build."""
    if mailbox is None:
        return None
    if not isinstance(mailbox, str) or not EMAIL_RE.fullmatch(mailbox):
        return (f"mkdocs.yml: extra.mailbox er {mailbox!r}. Skriv redaktionens fælles postkasse, "
                "fx integrationsraad@kommune.dk, eller null, så vises mail-svaret ikke.")
    if personal_mailbox(mailbox, frozenset(), ()):
        return (f"mkdocs.yml: extra.mailbox ({mailbox}) ligner en persons adresse. Anmodningerne "
                "er offentlige: skriv en fælles postkasse, fx redaktion@…, eller null.")
    return None


def request_files(reg: Registry, *, repo_url: str | None, site_url: str | None,
                  mailbox: str | None, directory_urls: bool = True) -> dict[str, str | bytes]:
    """Every request page and e-mail text, and the mail-merge CSV: site path -> content."""
    files: dict[str, str | bytes] = {}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for c in reg.councils:
        view = request_view(reg, c, repo_url=repo_url, site_url=site_url, mailbox=mailbox,
                            directory_urls=directory_urls)
        files[request_src(c)] = render("request_page.md.j2", r=view)
        text = render("request_email.txt.j2", r=view)
        files[f"{REQUEST_DIR}/{c.slug}.txt"] = text
        writer.writerow({key: csv_cell(value) for key, value in {
            "kommunekode": c.code, "kommune": c.kommune, "region": c.region, "status": c.status,
            "til": "", "raadets_postkasse_i_registret": c.kontakt, "emne": view["subject"],
            "tekst": text, "svarformular": view["form_url"], "side": view["page_url"],
        }.items()})
    files[f"{REQUEST_DIR}/{CSV_NAME}"] = ("\ufeff" + buf.getvalue()).encode("utf-8")
    return files
