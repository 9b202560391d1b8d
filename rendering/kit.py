"""The kit for a council's constituting meeting: an editable slide deck and a printable handout,
both made from one Markdown file a maintainer edits, ``templates/oplaeg/konstituerende-moede.md``.

The file is plain text in a small, fixed form (its opening comment explains it to maintainers):
``# `` the deck's title with the subtitle on the next line, ``## `` a slide, ``- `` a point on
it, ``Noter:`` the speaker notes (every slide has them), and sources as on the handbook's pages,
``[^name]`` after a sentence and ``[^name]: text`` at the end. ``parse`` reads it line by line,
so every problem is reported at once with its line, in Danish, and the build stops
(``PageError``) instead of publishing a half-sourced or broken kit.

The data step then writes

* ``vaerktoejer/filer/oplaeg-konstituerende-moede.pptx``: the deck (python-pptx), 16:9, one
  title slide and one slide per ``## ``, source numbers after each point, the sources' hosts at
  the foot of each slide and the full sources in its speaker notes; Danish spelling; fixed dates,
  so the same text gives the same bytes;
* ``vaerktoejer/oplaeg-konstituerende-moede.md``: the handout, the same points and notes with
  the same source numbers and the full source list (templates/kit_handout.md.j2).

Sources are numbered in the order they are first cited, in deck and handout alike. Text is
escaped on the page; only https addresses in the sources become links.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from registry.text_checks import control_characters, file_problems
from rendering.frontmatter import PageError
from rendering.templates import render
from rendering.text import https_url, url_host
from rendering.urls import link, page_url

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "templates" / "oplaeg" / "konstituerende-moede.md"
DECK = "vaerktoejer/filer/oplaeg-konstituerende-moede.pptx"
HANDOUT = "vaerktoejer/oplaeg-konstituerende-moede.md"
AFTER_ELECTION_PAGE = "raadets-aar/efter-valget.md"
MAX_POINTS = 6      # more does not fit on a slide at a readable size
MAX_POINT_CHARS = 200

_REF = re.compile(r"\[\^([^\]\s]+)\]")
_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_ITALIC = re.compile(r"\*([^*\n]+)\*")


@dataclass
class Text:
    """A point or a paragraph of notes: the text without its ``[^refs]``, and the refs."""

    text: str
    refs: tuple[str, ...]
    line: int


@dataclass
class Slide:
    title: str
    line: int
    points: list[Text] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)


@dataclass
class Deck:
    title: Slide                   # the title slide: its points are the subtitle lines
    slides: list[Slide]
    sources: dict[str, str]        # name -> text, in the file's order
    numbers: dict[str, int]        # name -> number, in order of first citation

    def cited(self, refs: tuple[str, ...]) -> list[int]:
        return sorted({self.numbers[r] for r in refs})


def _text(raw: str, line: int) -> Text:
    refs = tuple(dict.fromkeys(_REF.findall(raw)))
    return Text(" ".join(_REF.sub("", raw).split()), refs, line)


def parse(text: str, shown: str = "templates/oplaeg/konstituerende-moede.md") -> Deck:
    """Read the kit's source; raise PageError listing every problem (``file:line: message``)."""
    problems: list[str] = []

    def problem(line: int, message: str) -> None:
        problems.append(f"{shown}:{line}: {message}")

    text = text.replace("\r\n", "\n")
    for line, _col, message in [*control_characters(text), *file_problems(text)]:
        problem(line, message)
    lines = text.split("\n")
    start = 0
    if text.lstrip().startswith("<!--"):  # the opening comment for maintainers
        end = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if end is None:
            problem(1, "Kommentaren øverst bliver ikke lukket. Skriv --> i slutningen af den.")
            raise PageError(problems)
        start = end + 1

    title: Slide | None = None
    slides: list[Slide] = []
    sources: dict[str, str] = {}
    source_lines: dict[str, int] = {}
    current: Slide | None = None
    in_notes = False
    last: tuple[list, int] | None = None  # the list and index a continuation line extends
    last_source: str | None = None
    for i in range(start, len(lines)):
        number, raw = i + 1, lines[i]
        line = raw.strip()
        if not line:
            last = None
            last_source = None
            continue
        definition = _DEF.match(raw)
        if definition:
            name, body = definition.groups()
            if name in sources:
                problem(number, f"Kilden [^{name}] står to gange (også i linje {source_lines[name]}). "
                                "Slet den ene.")
            sources[name], source_lines[name] = body, number
            last_source, last = name, None
            continue
        if raw[:1] in (" ", "\t") and (last is not None or last_source is not None):
            if last_source is not None:
                sources[last_source] += " " + line
            else:
                items, index = last
                items[index] = _join(items[index], line)
            continue
        if sources:
            problem(number, "Efter kilderne må der kun stå flere kilder. Flyt teksten op over "
                            "kilderne.")
            continue
        if raw.startswith("# "):
            if title is not None or slides:
                problem(number, "Der må kun være én titel med «# » (øverst). Skriv «## » for et nyt dias.")
                continue
            title = current = Slide(line[2:].strip(), number)
            in_notes = False
        elif raw.startswith("## "):
            current = Slide(line[3:].strip(), number)
            slides.append(current)
            in_notes = False
        elif raw.startswith("#"):
            problem(number, "Skriv «# » for titlen og «## » for et dias; andre overskrifter kan et "
                            "dias ikke vise.")
        elif current is None:
            problem(number, "Filen skal begynde med titlen: en linje med «# » foran.")
        elif line.startswith("Noter:"):
            in_notes = True
            rest = line[len("Noter:"):].strip()
            if rest:
                current.notes.append(_text(rest, number))
                last = (current.notes, len(current.notes) - 1)
        elif in_notes:
            if last is not None and last[0] is current.notes:
                items, index = last
                items[index] = _join(items[index], line)
            else:
                current.notes.append(_text(line, number))
                last = (current.notes, len(current.notes) - 1)
        elif line.startswith("- ") and current is not title:
            current.points.append(_text(line[2:], number))
            last = (current.points, len(current.points) - 1)
        elif current is title:
            current.points.append(_text(line, number))  # the subtitle
            last = (current.points, len(current.points) - 1)
        else:
            problem(number, "Skriv et punkt med «- » foran, eller skriv noterne efter «Noter:».")

    if title is None:
        problem(1, "Filen har ingen titel: skriv en linje med «# » foran øverst.")
        raise PageError(problems)
    if not slides:
        problem(title.line, "Oplægget har ingen dias: skriv en overskrift med «## » for hvert dias.")
    for slide in [title, *slides]:
        if not slide.title:
            problem(slide.line, "Overskriften er tom.")
        if not slide.notes:
            problem(slide.line, f"Diaset «{slide.title}» har ingen noter. Skriv «Noter:» og det, "
                                "oplægsholderen skal vide eller sige.")
    for slide in slides:
        if not slide.points:
            problem(slide.line, f"Diaset «{slide.title}» har ingen punkter. Skriv mindst ét med «- ».")
        if len(slide.points) > MAX_POINTS:
            problem(slide.line, f"Diaset «{slide.title}» har {len(slide.points)} punkter; der er plads "
                                f"til {MAX_POINTS}. Del det i to dias.")
        for point in slide.points:
            if len(point.text) > MAX_POINT_CHARS:
                problem(point.line, f"Punktet er {len(point.text)} tegn; der er plads til "
                                    f"{MAX_POINT_CHARS} på et dias. Gør det kortere, og flyt "
                                    "resten til noterne.")

    numbers: dict[str, int] = {}
    for slide in [title, *slides]:
        for item in [*slide.points, *slide.notes]:
            for ref in item.refs:
                if ref not in sources:
                    problem(item.line, f"Kilden [^{ref}] findes ikke. Skriv den nederst i filen som "
                                       f"«[^{ref}]: …», eller ret navnet.")
                elif ref not in numbers:
                    numbers[ref] = len(numbers) + 1
            if "<" in item.text or ">" in item.text:
                problem(item.line, "Skriv almindelig tekst uden < og >: HTML vises ikke i oplægget.")
    for name, line in source_lines.items():
        if name not in numbers:
            problem(line, f"Kilden [^{name}] bruges ikke. Sæt [^{name}] efter den sætning, den er "
                          "kilde til, eller slet den.")
        if not sources[name].strip():
            problem(line, f"Kilden [^{name}] er tom. Skriv, hvem der har skrevet hvad og hvornår, "
                          "og adressen.")
        if re.search(r"<(?!https?://[^<>\s]+>)", sources[name]):
            problem(line, "En kilde må kun have < og > om en adresse, fx <https://…>.")
    if problems:
        raise PageError(problems)
    return Deck(title, slides, sources, numbers)


def _join(item: Text, more: str) -> Text:
    """``item`` with one more line of its text (refs kept in order)."""
    extra = _text(more, item.line)
    return Text(f"{item.text} {extra.text}".strip(), tuple(dict.fromkeys(item.refs + extra.refs)),
                item.line)


def load(path: Path = SOURCE) -> Deck:
    shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    try:
        raw = path.read_bytes()
    except OSError:
        raise PageError([f"{shown}:1: Filen med oplægget til det konstituerende møde mangler."]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PageError([f"{shown}:1: Filen er ikke gemt som UTF-8. Gem den igen som UTF-8."]) from None
    return parse(text, shown)


# ----------------------------------------------------------------------------- the sources


def plain_source(text: str) -> str:
    """A source as plain text (speaker notes): no angle brackets, no asterisks."""
    return _ITALIC.sub(r"\1", _AUTOLINK.sub(r"\1", text))


def short_source(text: str) -> str:
    """A source in a few words for the foot of a slide: the host of its first address, else
    the author and year (the text before the first colon)."""
    found = _AUTOLINK.search(text)
    return url_host(found.group(1)) if found else plain_source(text).split(":")[0].strip()[:60]


def source_parts(text: str) -> list[dict[str, str | None]]:
    """A source as pieces for the page: text (italic or not) and links; only https links."""
    parts: list[dict[str, str | None]] = []
    for i, piece in enumerate(_AUTOLINK.split(text)):
        if i % 2:
            parts.append({"text": piece, "href": https_url(piece), "em": None})
            continue
        for j, bit in enumerate(_ITALIC.split(piece)):
            if bit:
                parts.append({"text": bit, "href": None, "em": "1" if j % 2 else None})
    return parts


def refs_text(numbers: list[int]) -> str:
    return " [" + ", ".join(str(n) for n in numbers) + "]" if numbers else ""


# ------------------------------------------------------------------------------ the deck


def deck_pptx(deck: Deck) -> bytes:
    """The editable slide deck, as the bytes of a .pptx file."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.lang import MSO_LANGUAGE_ID
    from pptx.util import Emu, Inches, Pt

    from rendering.downloads import FIXED_DATE, reproducible_zip

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 16:9, as PowerPoint makes it
    margin, width = Inches(0.8), Emu(prs.slide_width - 2 * Inches(0.8))

    def fill(frame, paragraphs: list[str], size: int, color: RGBColor | None = None) -> None:
        frame.word_wrap = True
        for i, text in enumerate(paragraphs):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.language_id = MSO_LANGUAGE_ID.DANISH
            if color is not None:
                run.font.color.rgb = color

    def place(shape, top: float, height: float) -> None:
        shape.left, shape.top, shape.width, shape.height = margin, Inches(top), width, Inches(height)

    def notes(slide, items: list[Text], refs: tuple[str, ...]) -> None:
        cited = deck.cited(refs)
        lines = [item.text + refs_text(deck.cited(item.refs)) for item in items]
        if cited:
            lines += ["Kilder:"] + [f"[{n}] {plain_source(deck.sources[name])}"
                                    for name, n in deck.numbers.items() if n in cited]
        fill(slide.notes_slide.notes_text_frame, lines, 12)

    first = prs.slides.add_slide(prs.slide_layouts[0])
    place(first.shapes.title, 2.0, 1.6)
    first.shapes.title.text_frame.clear()
    fill(first.shapes.title.text_frame, [deck.title.title], 44)
    place(first.placeholders[1], 3.8, 1.2)
    first.placeholders[1].text_frame.clear()
    fill(first.placeholders[1].text_frame, [p.text for p in deck.title.points], 24)
    notes(first, deck.title.notes, tuple(r for n in deck.title.notes for r in n.refs))

    for slide_src in deck.slides:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        place(slide.shapes.title, 0.35, 1.1)
        slide.shapes.title.text_frame.clear()
        fill(slide.shapes.title.text_frame, [slide_src.title], 36)
        body = slide.placeholders[1]
        place(body, 1.55, 5.0)
        body.text_frame.clear()
        fill(body.text_frame, [p.text + refs_text(deck.cited(p.refs)) for p in slide_src.points], 22)
        cited = deck.cited(tuple(r for p in slide_src.points for r in p.refs))
        if cited:
            names = {n: name for name, n in deck.numbers.items()}
            foot = slide.shapes.add_textbox(margin, Inches(6.7), width, Inches(0.5))
            fill(foot.text_frame, ["Kilder: " + " · ".join(
                f"[{n}] {short_source(deck.sources[names[n]])}" for n in cited)
                + ". Hele kilderne står i noterne."], 12, RGBColor(0x44, 0x44, 0x44))
        notes(slide, slide_src.notes,
              tuple(r for item in [*slide_src.points, *slide_src.notes] for r in item.refs))

    props = prs.core_properties
    props.title = deck.title.title
    props.subject = " ".join(p.text for p in deck.title.points)
    props.author = props.last_modified_by = "Integrationsrådshåndbogen"
    props.language = "da-DK"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    buffer = io.BytesIO()
    prs.save(buffer)
    return reproducible_zip(buffer.getvalue())


# --------------------------------------------------------------------------- the handout


def handout_view(deck: Deck, pages: frozenset[str] | set[str], directory_urls: bool = True) -> dict:
    here = page_url(HANDOUT, directory_urls)

    def item(t: Text) -> dict:
        return {"text": t.text, "refs": deck.cited(t.refs)}

    return {
        "title": deck.title.title,
        "subtitle": " ".join(p.text for p in deck.title.points),
        "slides": [{"title": s.title, "points": [item(p) for p in s.points],
                    "notes": [item(n) for n in s.notes]} for s in deck.slides],
        "sources": [{"number": n, "parts": source_parts(deck.sources[name])}
                    for name, n in deck.numbers.items()],
        "deck_href": link(DECK, here, directory_urls),
        "after_election_href": link(AFTER_ELECTION_PAGE, here, directory_urls)
        if AFTER_ELECTION_PAGE in pages else None,
    }


def kit_files(pages: frozenset[str] | set[str], directory_urls: bool = True,
              path: Path = SOURCE) -> dict[str, str | bytes]:
    """The deck and the handout: site path -> content."""
    deck = load(path)
    return {
        DECK: deck_pptx(deck),
        HANDOUT: render("kit_handout.md.j2", k=handout_view(deck, pages, directory_urls)),
    }
