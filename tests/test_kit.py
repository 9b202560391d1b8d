"""The kit for the constituting meeting (rendering/kit.py): a slide deck and a handout made from
templates/oplaeg/konstituerende-moede.md.

A secretary opens the deck in PowerPoint or Impress and finds every slide with speaker notes
and sources; a member reads the handout with the same points and the same source numbers; a
maintainer who breaks the source file gets every problem with its line, and a phone number in
it stops the gate like on any page.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from rendering import kit
from rendering.frontmatter import PageError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def deck():
    return kit.load()


@pytest.fixture(scope="module")
def pptx_bytes(deck):
    return kit.deck_pptx(deck)


def _slide_texts(slide) -> list[str]:
    return [p.text for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs if p.text]


def test_every_slide_has_speaker_notes_and_its_sources(deck, pptx_bytes):
    prs = Presentation(io.BytesIO(pptx_bytes))
    slides = list(prs.slides)
    assert len(slides) == 1 + len(deck.slides) == 8
    for slide in slides:
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text.strip(), _slide_texts(slide)[0]
    # A point's numbers lead to full sources in that slide's notes, and to hosts at its foot.
    what = slides[2]
    assert what.shapes.title.text == "Hvad er integrationsrådet til?"
    numbers = {int(n) for t in _slide_texts(what) for n in re.findall(r"\[(\d+)", t)}
    notes = what.notes_slide.notes_text_frame.text
    for n in numbers:
        assert re.search(rf"^\[{n}\] \S", notes, re.M), n
    assert "https://ft.dk/samling/20201/almdel/UUI/bilag/173/2449022/index.htm" in notes
    assert any(t.startswith("Kilder: [") and "ft.dk" in t for t in _slide_texts(what))


def test_the_law_is_hedged_on_the_slide_itself(deck, pptx_bytes):
    """What the council is for rests on the 2021 draft; the enacted § 42 is unconfirmed, and
    the slide says so, as the legal pages do."""
    prs = Presentation(io.BytesIO(pptx_bytes))
    texts = " ".join(_slide_texts(list(prs.slides)[2]))
    assert "lovudkast fra 2021" in texts
    assert "Vi har ikke set den vedtagne ordlyd af den nye § 42" in texts
    assert "ikke bekræftet" in deck.sources["udkast"]


def test_python_pptx_round_trip(built_site, deck):
    """The built download, opened with python-pptx, edited as a secretary would, saved and
    reopened: one slide per heading of the source file with that heading as its title, speaker
    notes on every slide, the edits kept, and Danish as the language."""
    source = kit.SOURCE.read_text(encoding="utf-8")
    titles = re.findall(r"^#{1,2} (.+)$", source, re.M)  # read apart from rendering/kit.py
    assert titles[0] == "Integrationsrådet 2026–2029" and len(titles) == 8
    built = (built_site / "vaerktoejer" / "filer" / "oplaeg-konstituerende-moede.pptx").read_bytes()
    prs = Presentation(io.BytesIO(built))
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    prs.slides[0].placeholders[1].text_frame.text = "Konstituerende møde [dato]"
    prs.slides[3].notes_slide.notes_text_frame.text += "\nEgen note."
    out = io.BytesIO()
    prs.save(out)
    again = Presentation(io.BytesIO(out.getvalue()))
    assert [s.shapes.title.text for s in again.slides] == titles
    for slide, expected in zip(again.slides, [deck.title, *deck.slides]):
        assert slide.has_notes_slide, slide.shapes.title.text
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith(expected.notes[0].text), slide.shapes.title.text
    assert again.slides[0].placeholders[1].text_frame.text == "Konstituerende møde [dato]"
    assert again.slides[3].notes_slide.notes_text_frame.text.endswith("Egen note.")
    assert again.core_properties.language == "da-DK"
    assert again.core_properties.title == "Integrationsrådet 2026–2029"


def test_deck_is_danish_and_the_same_bytes_every_build(deck, pptx_bytes):
    assert kit.deck_pptx(deck) == pptx_bytes
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as z:
        slide = z.read("ppt/slides/slide2.xml").decode("utf-8")
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert 'lang="da-DK"' in slide and 'lang="en-US"' not in slide


def test_handout_has_the_same_points_and_source_numbers(built_site, deck, pptx_bytes):
    page = (built_site / "vaerktoejer" / "oplaeg-konstituerende-moede" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    prs = Presentation(io.BytesIO(pptx_bytes))
    for slide in list(prs.slides)[1:]:
        assert f">{html.escape(slide.shapes.title.text, quote=False)}<" in page
        body = slide.placeholders[1].text_frame
        for para in body.paragraphs:  # "point [3, 4]" on the slide is "point [3, 4]" on paper
            assert para.text in text, para.text
    sources = re.findall(r'<li id="kilde-(\d+)">(.*?)</li>', page)
    assert [int(n) for n, _ in sources] == list(range(1, len(deck.numbers) + 1)) and len(sources) == 15
    numbers = dict(sources)
    assert 'href="https://ft.dk/samling/20201/almdel/UUI/bilag/173/2449022/index.htm"' in numbers[
        str(deck.numbers["udkast"])]
    assert "<em>Indblik i de lokale integrationsråds arbejde</em>" in numbers[str(deck.numbers["dnir-ramme"])]
    assert (built_site / "vaerktoejer" / "filer" / "oplaeg-konstituerende-moede.pptx").read_bytes() == pptx_bytes
    # The page's edit button opens the file both are made from.
    edit = re.search(r'<a href="([^"]+)"[^>]*rel="edit"', page).group(1)
    assert edit.endswith("/edit/main/templates/oplaeg/konstituerende-moede.md"), edit


def test_kit_is_linked_from_the_page_after_the_election(built_site):
    page = (built_site / "raadets-aar" / "efter-valget" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../vaerktoejer/filer/oplaeg-konstituerende-moede.pptx"' in page
    assert 'href="../../vaerktoejer/oplaeg-konstituerende-moede/"' in page


BAD = """\
# Titel
Undertitel

## Uden noter
- Et punkt.[^findes-ikke]
Løs tekst uden streg.

## For mange
- 1
- 2
- 3
- 4
- 5
- 6
- 7 <b>fed</b>

Noter: Noter her.[^brugt]

[^brugt]: Kilde, <https://example.org/a>
[^ubrugt]: Kilde, der ikke bruges.
"""


def test_every_problem_in_the_source_is_reported_with_its_line():
    with pytest.raises(PageError) as info:
        kit.parse(BAD, "kit.md")
    found = "\n".join(info.value.problems)
    for expected in (
        "kit.md:1: Diaset «Titel» har ingen noter",
        "kit.md:4: Diaset «Uden noter» har ingen noter",
        "kit.md:5: Kilden [^findes-ikke] findes ikke",
        "kit.md:6: Skriv et punkt med «- » foran",
        "kit.md:8: Diaset «For mange» har 7 punkter",
        "kit.md:15: Skriv almindelig tekst uden < og >",
        "kit.md:20: Kilden [^ubrugt] bruges ikke",
    ):
        assert expected in found, f"{expected!r} not in:\n{found}"
    assert len(info.value.problems) == 7


def test_a_broken_kit_stops_the_data_step_without_a_traceback(tmp_path):
    source = tmp_path / "kit.md"
    source.write_text("# Titel\n\nNoter: ingen dias\n", encoding="utf-8")
    with pytest.raises(PageError) as info:
        kit.kit_files(frozenset(), path=source)
    assert "Oplægget har ingen dias" in str(info.value)


def test_a_phone_number_in_the_kit_stops_the_gate(tmp_path, monkeypatch, capsys):
    from rendering import page_checks

    source = tmp_path / "konstituerende-moede.md"
    text = kit.SOURCE.read_text(encoding="utf-8").replace(
        "- Næste skridt\n", "- Næste skridt: ring til formanden på 20 30 40 50\n")
    source.write_text(text, encoding="utf-8")
    monkeypatch.setattr(kit, "SOURCE", source)
    assert page_checks.main([str(ROOT / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    assert "konstituerende-moede.md:" in out and "telefonnummer" in out
