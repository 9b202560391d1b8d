"""Safe, located YAML parsing for the registry file.

PyYAML's ``safe_load`` loses positions, keeps the last of duplicate keys, expands aliases
and turns ``0101`` into 65 without a word. This module lets PyYAML compose the node tree
(``yaml.compose``, with libyaml when PyYAML has it) and converts the tree to plain Python
values itself, recording for every value where it stands in the file. It never raises for
bad input: every problem becomes a ``Problem`` or a ``DuplicateKey`` for the caller to word
in context.

Two things are checked on PyYAML's event stream (``yaml.parse``) before composing:

* nesting depth: libyaml composes recursively in C without a limit, so 300,000 nested ``[``
  would crash the process; the registry needs four levels;
* aliases (``*name``): they are refused, and an alias is never expanded (the composed tree
  shares the aliased node, which the converter meets only once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from registry.problems import Problem

Path = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
TAG_STR = _TAG + "str"
TAG_INT = _TAG + "int"
TAG_FLOAT = _TAG + "float"
TAG_BOOL = _TAG + "bool"
TAG_NULL = _TAG + "null"
TAG_TIMESTAMP = _TAG + "timestamp"
TAG_MAP = _TAG + "map"
TAG_SEQ = _TAG + "seq"
# Only the plain JSON-like types. Everything else (!!python/..., !!binary, !!set, merge keys
# '<<', custom '!tags') is refused: a registry never needs them.
ALLOWED_TAGS = frozenset(
    {TAG_STR, TAG_INT, TAG_FLOAT, TAG_BOOL, TAG_NULL, TAG_TIMESTAMP, TAG_MAP, TAG_SEQ}
)
# Deeper than this is no registry (code › field › list › field is four levels).
MAX_DEPTH = 20


class NodeInfo(NamedTuple):
    """Where a value stands (1-based) and how it was written. (A named tuple: a large
    registry has one per value, and tuples are the cheapest immutable records to make.)"""

    line: int
    col: int
    key_line: int | None = None
    key_col: int | None = None
    raw: str | None = None  # the scalar's text as written (None for mappings/lists)
    tag: str = TAG_STR
    plain: bool = False  # scalar written without quotes
    key_raw: str | None = None
    key_tag: str | None = None
    key_plain: bool = False

    @property
    def where(self) -> tuple[int, int]:
        """Position to report: the key for mapping values, otherwise the value."""
        if self.key_line is not None and self.key_col is not None:
            return self.key_line, self.key_col
        return self.line, self.col


@dataclass(frozen=True)
class DuplicateKey:
    """A key that occurs twice in one mapping (the second occurrence is ignored)."""

    parent: Path
    key: str
    first_line: int
    line: int
    col: int


@dataclass
class ParsedYaml:
    """Result of parsing: plain data, node positions and what went wrong."""

    data: Any = None
    info: dict[Path, NodeInfo] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[DuplicateKey] = field(default_factory=list)
    empty: bool = False
    # Problems inside the data (unsafe tags, bad keys, aliases) with the path they concern,
    # so the checker can name the municipality and the field.
    located: list[tuple[Path, Problem]] = field(default_factory=list)
    # Set when the file could not be parsed at all (a syntax error).
    syntax_error: bool = False


# Constructor used only for the safe scalar types (int, float, bool, null).
_SCALARS = yaml.SafeLoader("")
_PLAIN_SCALAR_TAGS = frozenset({TAG_INT, TAG_FLOAT, TAG_BOOL})


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    """1-based (line, column) of a PyYAML mark."""
    return mark.line + 1, mark.column + 1


_TAB_ADVICE = (
    "Der står et tabulatortegn. YAML tillader kun mellemrum: erstat tabulatoren med "
    "mellemrum (to pr. indrykningsniveau)."
)

# Parser messages (substring of PyYAML's problem/context) -> plain Danish advice.
_SYNTAX_ADVICE: tuple[tuple[str, str], ...] = (
    ("'\\t'", _TAB_ADVICE),
    (
        "found unexpected end of stream",
        "Et anførselstegn bliver ikke lukket, før filen slutter. Sæt det afsluttende "
        "anførselstegn efter teksten (og tjek, at filen ikke er afkortet).",
    ),
    (
        "expected ',' or ']'",
        "En liste i [ ] bliver ikke lukket. Afslut listen med ] (og tjek, at filen ikke er "
        "afkortet).",
    ),
    (
        "expected ',' or '}'",
        "En mapping i { } bliver ikke lukket. Afslut den med } (og tjek, at filen ikke er "
        "afkortet).",
    ),
    (
        "mapping values are not allowed here",
        "Et kolon står et sted, hvor YAML ikke venter et nyt felt. Ryk linjen ind med samme "
        "antal mellemrum som felterne over den; indeholder teksten ': ', så sæt hele teksten i "
        "anførselstegn.",
    ),
    (
        "expected <block end>",
        "Indrykningen passer ikke med linjerne over. Ryk linjen ind med præcis samme antal "
        "mellemrum som de andre felter på samme niveau.",
    ),
    (
        "could not find expected ':'",
        "YAML mangler et kolon. Hvert felt skrives som `felt: værdi` på sin egen linje; tjek "
        "også indrykningen.",
    ),
    (
        "block sequence entries are not allowed",
        "En listelinje (- ...) står et sted, hvor YAML ikke venter en liste. Tjek indrykningen.",
    ),
    (
        "found unknown escape character",
        "En omvendt skråstreg (\\) i tekst med dobbelte anførselstegn skal skrives \\\\, eller brug "
        "enkelte anførselstegn.",
    ),
    (
        "expected a single document",
        "Filen må kun indeholde ét YAML-dokument. Fjern linjen med --- midt i filen.",
    ),
    (
        "found undefined alias",
        "YAML-aliaser (*navn) må ikke bruges i registret. Skriv værdien ud.",
    ),
    (
        "found duplicate anchor",
        "YAML-ankre (&navn) må ikke bruges i registret. Fjern ankeret.",
    ),
)


# A value that opens with a quote: `felt: "...`, `- "...` or `"kode": "...`.
_OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:(?:"[^"]*"|'[^']*'|[^\s"'#:][^:#]*):\s+)?(["'])(.*)$""")


def _closes(quote: str, rest: str) -> bool:
    """True when a scalar opened with ``quote`` is closed within ``rest``."""
    if quote == "'":
        return re.search(r"(?<!')'(?!')|^'$", rest.replace("''", "")) is not None
    return re.search(r'(?<!\\)"', rest) is not None


def find_unclosed_quote(text: str, last_line: int) -> int | None:
    """1-based number of the first line up to ``last_line`` whose quoted value never closes.

    Multi-line quoted values are valid YAML, but the registry does not use them, so when the
    parser fails further down, such a line is almost always a forgotten closing quote.
    """
    for number, line in enumerate(text.splitlines()[:last_line], start=1):
        match = _OPENING_QUOTE.match(line)
        if match and not _closes(match.group(1), match.group(2)):
            return number
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str = "") -> Problem:
    """Turn a PyYAML scanner/parser/composer error into a located Danish problem."""
    mark = exc.problem_mark or exc.context_mark
    if mark is not None:
        quote_line = find_unclosed_quote(text, mark.line + 1)
        if quote_line is not None and quote_line <= mark.line + 1:
            return Problem(
                quote_line,
                1,
                "Et anførselstegn på denne linje bliver ikke lukket. Sæt det afsluttende "
                f"anførselstegn efter teksten. (YAML opdagede fejlen i linje {mark.line + 1}; "
                "tjek også, at filen ikke er afkortet.)",
            )
    message = f"{exc.problem or ''} {exc.context or ''}"
    advice = next((msg for needle, msg in _SYNTAX_ADVICE if needle in message), None)
    # An unclosed quote is best fixed where it opens.
    if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        mark = exc.context_mark
    line, col = _pos(mark) if mark is not None else (1, 1)
    if advice is None:
        advice = (
            "YAML kan ikke læse filen her. Tjek indrykning (kun mellemrum), kolon efter hvert "
            f"felt og at anførselstegn er lukket. (Teknisk: {exc.problem or exc.context})"
        )
    return Problem(line, col, advice)


def _tab_problems(text: str, first: Problem) -> list[Problem]:
    """Every other line indented with a tab: YAML stops at the first, the editor fixes all."""
    out = [first]
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and number != first.line and line.strip():
            col = indent.index("\t") + 1
            out.append(Problem(number, col, _TAB_ADVICE))
    return out


def _ends_early(text: str, line: int) -> bool:
    """True when 1-based ``line`` is the last non-blank line (or past it)."""
    lines = [n for n, ln in enumerate(text.splitlines(), start=1) if ln.strip()]
    return not lines or line >= lines[-1]


def _syntax_problems(exc: yaml.MarkedYAMLError, text: str) -> list[Problem]:
    """The syntax problem, plus every further tab-indented line when the error is a tab."""
    problem = _syntax_problem(exc, text)
    if problem.message == _TAB_ADVICE:
        return _tab_problems(text, problem)
    if _ends_early(text, problem.line) and "afkortet" not in problem.message:
        problem = Problem(
            problem.line,
            problem.col,
            problem.message + " Fejlen står i filens sidste linje: tjek også, at filen ikke er "
            "afkortet (at den sidste post er skrevet helt færdig).",
        )
    return [problem]


# Characters PyYAML's reader refuses (same class as yaml.reader.Reader.NON_PRINTABLE).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
)


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> list[Problem]:
    """Locate every forbidden control character (PyYAML reports only the first)."""
    out = []
    for match in _NON_PRINTABLE.finditer(text):
        before = text[: match.start()]
        line = before.count("\n") + 1
        col = match.start() - (before.rfind("\n") + 1) + 1
        code = ord(match.group())
        name = "et nul-tegn (NUL)" if code == 0 else f"et usynligt kontroltegn (kode {code})"
        out.append(Problem(
            line,
            col,
            f"Filen indeholder {name}. Slet det; kopier evt. teksten ind igen som ren tekst.",
        ))
    if not out:  # pragma: no cover - the reader and the pattern agree
        out.append(Problem(1, 1, f"Filen indeholder et usynligt kontroltegn ({exc.character!r}). Slet det."))
    return out


_UTF16_ADVICE = (
    "Filen er gemt som {name}, ikke UTF-8. Gem den igen med tegnsættet UTF-8 (i Notesblok: "
    "Gem som › Kodning: UTF-8; i VS Code: klik på {name} nederst til højre › Save with "
    "Encoding › UTF-8)."
)


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' / 'UTF-32' when the bytes look like that (BOM, or NUL in every other byte)."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:4000]
    if len(sample) >= 4 and b"\x00" in sample:
        zeros_even = sample[0::2].count(0) / len(sample[0::2])
        zeros_odd = sample[1::2].count(0) / len(sample[1::2])
        if max(zeros_even, zeros_odd) > 0.3:
            return "UTF-16"
    return None


def decode_utf8(raw: bytes) -> tuple[str | None, Problem | None]:
    """Decode the file as UTF-8 (a UTF-8 BOM is allowed: it is still UTF-8); locate the first
    invalid byte. UTF-16/UTF-32 files (Windows Notepad's "Unicode") get their own advice."""
    wide = _wide_encoding(raw)
    if wide:
        return None, Problem(1, 1, _UTF16_ADVICE.format(name=wide))
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        col = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        hint = ""
        try:
            raw.decode("cp1252")
            hint = " Den ser ud til at være gemt som Windows-1252/Latin-1."
        except UnicodeDecodeError:
            pass
        return None, Problem(
            line,
            col,
            f"Filen er ikke gemt som UTF-8 (ugyldig byte 0x{raw[start]:02x} ved byte nr. "
            f"{start}).{hint} Gem filen igen med tegnsættet UTF-8 i din editor.",
        )


class _Converter:
    """Walks a node tree and builds plain values plus positions, refusing unsafe content."""

    def __init__(self, result: ParsedYaml) -> None:
        self.result = result
        # Nodes already converted. An alias makes PyYAML share the aliased node, so a node met
        # a second time stands where an alias stood: it becomes null and is never expanded.
        self.seen: set[int] = set()
        self.alias_paths: list[Path] = []

    def convert(self, node: Node, path: Path, key: NodeInfo | None = None) -> Any:
        """Convert ``node`` found at ``path``; ``key`` holds the mapping key's position."""
        mark = node.start_mark
        line, col = mark.line + 1, mark.column + 1
        if key is None:
            key_line = key_col = key_raw = key_tag = None
            key_plain = False
        else:
            key_line, key_col, key_raw, key_tag, key_plain = key.line, key.col, key.raw, key.tag, key.plain
        tag = node.tag
        info = self.result.info
        alias = id(node) in self.seen
        self.seen.add(id(node))
        if alias or tag not in ALLOWED_TAGS:
            if alias:
                self.alias_paths.append(path)
            else:
                self._bad_tag(node, path)
            info[path] = NodeInfo(line, col, key_line, key_col, None, TAG_NULL, False, key_raw, key_tag, key_plain)
            return None
        is_mapping = isinstance(node, MappingNode)
        if is_mapping or isinstance(node, SequenceNode):
            info[path] = NodeInfo(line, col, key_line, key_col, None, TAG_MAP if is_mapping else TAG_SEQ,
                                  False, key_raw, key_tag, key_plain)
            if is_mapping:
                return self._mapping(node, path)
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        info[path] = NodeInfo(line, col, key_line, key_col, node.value, tag, not node.style, key_raw, key_tag, key_plain)
        return self._scalar(node)

    def _scalar(self, node: ScalarNode) -> Any:
        """Safe scalar value. Timestamps stay text: dates are validated as strings."""
        tag = node.tag
        if tag == TAG_STR or tag == TAG_TIMESTAMP:
            return node.value
        if tag == TAG_NULL:
            return None
        try:
            if tag in _PLAIN_SCALAR_TAGS:
                # The safe constructor's own function for the tag, called directly:
                # construct_object adds only bookkeeping for mappings and lists.
                return _SCALARS.yaml_constructors[tag](_SCALARS, node)
            return _SCALARS.construct_object(node)
        except (ValueError, KeyError, yaml.YAMLError):  # e.g. !!int abc, !!bool maybe
            return node.value

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        """Convert a mapping; keys become their written text; duplicates are recorded."""
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if id(key_node) in self.seen:  # an alias as a key
                self.alias_paths.append(path)
                continue
            self.seen.add(id(key_node))
            if not isinstance(key_node, ScalarNode) or key_node.tag not in ALLOWED_TAGS:
                self._bad_key(key_node, path)
                continue
            key = key_node.value
            key_mark = key_node.start_mark
            key_line, key_col = key_mark.line + 1, key_mark.column + 1
            if key in first_line:
                self.result.duplicates.append(
                    DuplicateKey(path, key, first_line[key], key_line, key_col)
                )
                continue
            first_line[key] = key_line
            key_info = NodeInfo(
                key_line, key_col, raw=key, tag=key_node.tag, plain=not key_node.style
            )
            out[key] = self.convert(value_node, path + (key,), key_info)
        return out

    def _bad_tag(self, node: Node, path: Path) -> None:
        line, col = _pos(node.start_mark)
        self.result.located.append((
            path,
            Problem(
                line,
                col,
                f"YAML-mærket {node.tag.replace(_TAG, '!!')} er ikke tilladt. Registret må kun "
                "indeholde almindelig tekst, tal, lister og felter: fjern mærket (det, der "
                "starter med !).",
            ),
        ))

    def _bad_key(self, node: Node, path: Path) -> None:
        """A key that is a list, a mapping or carries a tag; ``path`` is the mapping's path."""
        line, col = _pos(node.start_mark)
        if node.tag not in ALLOWED_TAGS:
            self._bad_tag(node, path)
            return
        self.result.located.append((
            path,
            Problem(
                line,
                col,
                "Et feltnavn skal være almindelig tekst, ikke en liste eller mapping. Skriv "
                "feltet som `felt: værdi`; står der ? foran, så fjern det.",
            ),
        ))


def _alias_problem(marks: list[yaml.Mark], paths: list[Path], text: str) -> tuple[Path, Problem]:
    """One problem for all aliases, at the first one, with its municipality and field (where
    the converter met it; from the lines above it when that was elsewhere)."""
    line, col = _pos(marks[0])
    code, field_name = entry_context(text, line)
    path: Path = tuple(part for part in (code, field_name) if part)
    if paths and paths[0][:1] == path[:1]:
        path = paths[0]
    more = f" (i alt {len(marks)} steder)" if len(marks) > 1 else ""
    return path, Problem(
        line,
        col,
        f"YAML-aliaser (*navn) må ikke bruges i registret{more}. Skriv værdien ud hvert sted, "
        "den skal stå, og fjern ankeret (&navn).",
    )


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


def _compose(text: str, loader: type) -> tuple[Node | None, list[yaml.Mark]]:
    """The document's root node and the positions of its aliases. The events are read first
    (iteratively), so the recursive composer never meets nesting deeper than MAX_DEPTH."""
    depth, aliases = 0, []
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep(event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases.append(event.start_mark)
    return yaml.compose(text, Loader=loader), aliases


def parse_yaml(text: str) -> ParsedYaml:
    """Parse registry text safely; never raises for bad input."""
    result = ParsedYaml()
    try:
        try:
            root, alias_marks = _compose(text, _LOADER)
        except yaml.YAMLError:
            # Again with PyYAML's pure-Python parser: the advice table is written for its
            # messages, and it locates control characters.
            root, alias_marks = _compose(text, yaml.SafeLoader)
        if root is None:
            result.empty = True
            return result
        converter = _Converter(result)
        result.data = converter.convert(root, ())
        if alias_marks:
            result.located.append(_alias_problem(alias_marks, converter.alias_paths, text))
    except yaml.MarkedYAMLError as exc:
        result.syntax_error = True
        result.problems.extend(_syntax_problems(exc, text))
    except yaml.reader.ReaderError as exc:
        result.syntax_error = True
        result.problems.extend(_reader_problem(exc, text))
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: unmarked YAML errors
        result.problems.append(Problem(1, 1, f"YAML kan ikke læse filen ({exc})."))
    except _TooDeep as exc:
        line, col = _pos(exc.mark)
        result.problems.append(
            Problem(line, col, "Filen er indlejret alt for dybt (lister i lister ...). Registret har "
                    "højst fire niveauer: kode, felt, liste og felt i listen.")
        )
    return result


_CODE_LINE = re.compile(r"""^(?:"([^"]*)"|'([^']*)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)""")
_FIELD_LINE = re.compile(r"^  ([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s|$)")
_LOOSE_FIELD_LINE = re.compile(r"^[ \t]+([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s|$)")


def entry_context(text: str, line: int) -> tuple[str | None, str | None]:
    """(code, field) of the entry a 1-based ``line`` belongs to, read from the raw text.

    Used to name the municipality and field of a syntax error, when there is no parsed tree:
    the nearest top-level key at or above the line, and the nearest two-space-indented field
    between it and the line.
    """
    field_name = None
    lines = text.splitlines()[:line]
    if lines:
        # The problem line itself, when it sits at field level (a tab or a wrong number of
        # spaces is often the problem): its own field name, or none if it has no colon.
        own = lines[-1]
        indent = own[: len(own) - len(own.lstrip(" \t"))]
        if own.strip() and indent and ("\t" in indent or len(indent) <= 3):
            match = _LOOSE_FIELD_LINE.match(own)
            field_name = match.group(1) if match else ""
            lines = lines[:-1]
    for raw in reversed(lines):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if field_name is None:
            match = _FIELD_LINE.match(raw)
            if match:
                field_name = match.group(1)
                continue
        if not raw[:1].isspace():
            match = _CODE_LINE.match(raw)
            if match:
                code = next(g for g in match.groups() if g is not None)
                return code, field_name or None
            return None, None
    return None, None
