"""Text that is not what it looks like: invisible and direction-changing characters, text that
is not NFC-normalised, words that mix alphabets, look-alike host names, and texts too long for
the page.

Plain functions on plain strings; the registry check (registry/validation.py), the reference
list (registry/reference.py) and the page check (rendering/page_checks.py) use them on whole
files, so every character is reported at its own line and column, counting lines the way
GitHub and every editor show them (only ``\\n`` ends a line).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator
from urllib.parse import urlsplit

# Line breaks YAML (and Python's splitlines) count but GitHub's editor does not show as one.
HIDDEN_BREAKS = {"\x85": "NEXT LINE (NEL)", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_HIDDEN_BREAK_RE = re.compile("[\x85\u2028\u2029]")
# Spaces that look like a space but are not one: allowed inside text (a non-breaking space in
# "§ 42" is good typography), never in the indentation that YAML and Markdown read.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# How long a text may be, so that it fits where the site shows it (the longest real values
# are about half of these: raad_navn 44, fakta 625, noter 884 characters, titles 52).
MAX_LENGTH = {
    "raad_navn": 120, "fakta": 1000, "noter": 1500, "begrundelse": 500, "url": 500,
    "hjemmeside": 500, "kontakt": 100, "title": 80, "description": 160, "kort": 100,
    "ansvarlig": 60,
}


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, counting only "\\n" as a line break."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def hide_breaks(text: str) -> str:
    """``text`` with NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR replaced by spaces, so that a
    YAML parser counts lines as GitHub shows them (the characters are reported separately)."""
    return _HIDDEN_BREAK_RE.sub(" ", text)


def char_label(ch: str) -> str:
    """'ZERO WIDTH SPACE, U+200B' for messages."""
    return f"{HIDDEN_BREAKS.get(ch) or unicodedata.name(ch, 'uden navn')}, U+{ord(ch):04X}"


def _kind(ch: str) -> str:
    if ch in HIDDEN_BREAKS:
        return "et skjult linjeskift, som GitHub ikke viser"
    if ch in _BIDI:
        return "et usynligt tegn, der vender skriveretningen"
    if ch == "\ufeff":
        return "et usynligt BOM-tegn midt i filen"
    if ch == "\u00ad":
        return "en usynlig blød bindestreg"
    return "et usynligt tegn"


def _context(text: str, offset: int) -> str:
    """The visible text right before a character, to help find it."""
    start = text.rfind("\n", 0, offset) + 1
    before = "".join(ch for ch in text[max(start, offset - 20):offset]
                     if ch.isprintable() and unicodedata.category(ch) != "Cf").strip()
    return f" (lige efter «{before}»)" if before else " (først på linjen)"


def invisible_characters(text: str, spelling: str = "") -> Iterator[tuple[int, int, str]]:
    """(line, col, message) for every invisible, direction-changing or hidden line-breaking
    character, and for odd spaces in a line's indentation. (Other control characters are
    reported by the YAML reader and by :func:`control_characters`.) ``spelling``: invisible
    characters that belong to a language's spelling (ZERO WIDTH NON-JOINER in Farsi)."""
    for match in _NON_ASCII.finditer(text):
        ch, offset = match.group(), match.start()
        if ch in spelling:
            continue
        if _ODD_SPACE.match(ch):
            start = text.rfind("\n", 0, offset) + 1
            if _ODD_SPACE.sub("", text[start:offset]).strip(" \t"):
                continue  # inside the text, not in the indentation
            line, col = line_col(text, offset)
            yield line, col, (
                f"Indrykningen indeholder et særligt mellemrum ({char_label(ch)}), som ligner et "
                "almindeligt mellemrum, men ikke er det. Slet indrykningen, og skriv den igen med "
                "almindelige mellemrum."
            )
        elif ch in HIDDEN_BREAKS or unicodedata.category(ch) in ("Cf", "Zl", "Zp"):
            line, col = line_col(text, offset)
            yield line, col, (
                f"Linjen indeholder {_kind(ch)} ({char_label(ch)}){_context(text, offset)}. "
                "Slet det; kopierer du tekst fra Word, en pdf eller en hjemmeside, så indsæt den "
                "som ren tekst."
            )


def control_characters(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, col, message) for control characters other than tab and line breaks (NUL ...)."""
    for match in _CONTROL.finditer(text):
        line, col = line_col(text, match.start())
        code = ord(match.group())
        name = "et nul-tegn (NUL)" if code == 0 else f"et usynligt kontroltegn (kode {code})"
        yield line, col, f"Filen indeholder {name}. Slet det; kopier evt. teksten ind igen som ren tekst."


def not_nfc(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, col, message) for each line that is not in Unicode normal form C."""
    if unicodedata.is_normalized("NFC", text):
        return
    offset = 0
    for line_text in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line_text):
            index = next((i for i, ch in enumerate(line_text) if unicodedata.combining(ch)), 0)
            base = line_text[max(index - 1, 0):index + 1]
            composed = unicodedata.normalize("NFC", base)
            line, col = line_col(text, offset + max(index - 1, 0))
            yield line, col, (
                f"«{composed}» er skrevet som to tegn (et bogstav og et kombinerende tegn, "
                f"{char_label(line_text[index])}). Det ser ens ud, men søgning, sortering og "
                "adresser går galt. Slet bogstavet, og skriv det igen på tastaturet."
            )
        offset += len(line_text) + 1


@functools.lru_cache(maxsize=4096)
def script(ch: str) -> str | None:
    """Alphabet of a letter ('LATIN', 'CYRILLIC', 'ARABIC', ...), None for other characters."""
    if ch.isascii():
        return "LATIN" if ch.isalpha() else None
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    return "CJK" if first in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL") else first or None


SCRIPT_NAMES = {
    "LATIN": "latinske", "CYRILLIC": "kyrilliske", "GREEK": "græske", "ARABIC": "arabiske",
    "HEBREW": "hebraiske", "ARMENIAN": "armenske", "GEORGIAN": "georgiske", "CJK": "østasiatiske",
    "DEVANAGARI": "indiske", "ETHIOPIC": "etiopiske", "THAI": "thailandske",
}


def script_name(name: str) -> str:
    return SCRIPT_NAMES.get(name, name.lower())


_LETTERS = re.compile(r"[^\W\d_]+")


def mixed_script_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, col, message) for each word whose letters come from more than one alphabet, e.g.
    a Cyrillic "а" inside "Aarhus"."""
    for match in _LETTERS.finditer(text):
        word = match.group()
        if word.isascii():
            continue  # all Latin
        scripts = {script(ch) for ch in word} - {None}
        if len(scripts) < 2:
            continue
        main = max(scripts, key=lambda s: sum(script(ch) == s for ch in word))
        odd = next(ch for ch in word if script(ch) not in (main, None))
        line, col = line_col(text, match.start())
        yield line, col, (
            f"Ordet «{word}» blander bogstaver fra forskellige alfabeter: «{odd}» er et "
            f"{script_name(script(odd) or '')[:-1]} bogstav ({char_label(odd)}), resten er "
            f"{script_name(main)}. Det ligner et almindeligt ord, men er det ikke. Slet ordet, og "
            "skriv det igen på tastaturet."
        )


def file_problems(text: str, spelling: str = "") -> list[tuple[int, int, str]]:
    """Every invisible character (but those in ``spelling``), non-NFC line and mixed-script
    word of a whole file."""
    if text.isascii():
        return []
    return [*invisible_characters(text, spelling), *not_nfc(text), *mixed_script_words(text)]


def host_problem(url: str) -> str | None:
    """A host name written to look like another: punycode (xn--), letters outside a-z, or a
    mix of alphabets. Danish hosts with æ, ø or å are written by the site in punycode too, so
    every such host is refused; the advice says what to write."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    labels = host.split(".")
    if any(label.startswith("xn--") for label in labels) or not host.isascii():
        return (
            f"Værtsnavnet {host} er skrevet med bogstaver uden for a-z (eller som punycode, "
            "xn--). Sådan et navn kan ligne et andet (fx et kyrillisk «а» i stedet for «a»). "
            "Skriv adressen med almindelige bogstaver, som den står i browserens adresselinje; "
            "har siden kun en adresse med æ, ø eller å, så brug kommunens side om den i stedet."
        )
    return None


def length_problem(field: str, value: str) -> str | None:
    """The text is longer than the page has room for."""
    limit = MAX_LENGTH.get(field)
    if limit is None or len(value) <= limit:
        return None
    return (
        f"Teksten er {len(value)} tegn lang; {field} må højst være {limit} tegn, så den passer "
        "på siden. Skriv den kortere (en kilde eller en note skal kun sige det vigtigste)."
    )
