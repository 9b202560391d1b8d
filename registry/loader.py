"""Load and validate ``data/councils.yaml`` into the typed model.

Public API:

* ``load_registry(data_path, reference_path, vocab_path, ...) -> Registry``
* ``get_registry(config) -> Registry`` — for MkDocs; cached per file path, mtime and size
* ``RegistryError`` — raised with every problem listed, one per line, as
  ``data/councils.yaml:LINE:COL: Kommune (kode) · felt: forklaring``

Bad data never produces a traceback: callers catch ``RegistryError`` and print it (the MkDocs
hook hands it to MkDocs as a plain build error). Nothing here needs MkDocs.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from registry.model import (
    Closure,
    CompositionGroup,
    Confirmation,
    Council,
    Inclusion,
    LeftOutSource,
    Point,
    Registry,
    Source,
    slugify,
)
from registry.personal_data import ProperNouns, read_exceptions
from registry.problems import Problem
from registry.reference import Municipality, official_rows, read_reference
from registry.text_checks import file_problems, hide_breaks
from registry.validation import Checker, comment_problems, proper_nouns, syntax_context
from registry.vocab import Vocab, VocabularyFileError, load_vocab
from registry.yamlparse import decode_utf8, parse_yaml

__all__ = [
    "RegistryError",
    "Problem",
    "load_registry",
    "get_registry",
    "default_paths",
    "SCHEMA_FILENAME",
]

# The schema sits next to the data file's default location (data/councils.schema.json).
SCHEMA_FILENAME = "councils.schema.json"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = "data/councils.yaml"
DEFAULT_REFERENCE = "data/kommuner.csv"
DEFAULT_VOCAB = "data/vocabularies.yaml"
# Names that are not persons (and the few persons the site names with reason), next to the
# vocabularies: see registry/personal_data.py.
EXCEPTIONS_FILENAME = "egennavne.txt"
ENV_DATA = "HANDBOOK_REGISTRY"
ENV_REFERENCE = "HANDBOOK_REFERENCE"
ENV_VOCAB = "HANDBOOK_VOCABULARIES"
# Refuse files larger than this before parsing: the real registry is about 0.15 MB and a
# synthetic one with 5,000 councils about 3 MB, so a bigger file is a mistake (a wrong file,
# a runaway paste) and parsing it would only make the build hang.
MAX_BYTES = 20_000_000


class RegistryError(Exception):
    """The registry cannot be used; ``problems`` lists everything that is wrong."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        count = len(problems)
        noun = "problem" if count == 1 else "problemer"
        lines = "\n".join(p.format(path) for p in problems)
        super().__init__(
            f"Registret {path} har {count} {noun}. Ret dem, og byg igen:\n{lines}"
        )


# --------------------------------------------------------------------------- reference


def load_reference(path: str | Path) -> dict[str, Municipality]:
    """The usable rows of a municipality list, keyed by code (problems: see load_registry)."""
    return read_reference(Path(path).read_bytes(), load_vocab(REPO_ROOT / DEFAULT_VOCAB), None)[0]


def check_helpers(
    reference_path: Path, vocab: Vocab, display_base: Path | None
) -> tuple[dict[str, Municipality], ProperNouns, list[Problem]]:
    """The municipality list and the proper nouns, with every problem in either file. The
    project's own list (data/kommuner.csv) is also compared with the official one."""
    problems: list[Problem] = []
    official = None
    if reference_path.resolve() == (REPO_ROOT / DEFAULT_REFERENCE).resolve():
        try:
            official = official_rows()
        except (OSError, ValueError) as exc:
            problems.append(Problem(1, 1, f"Den officielle kommuneliste kan ikke bruges: {exc}",
                                    path="registry/official_municipalities.csv"))
    reference, found = read_reference(reference_path.read_bytes(), vocab, official)
    shown = display_path(reference_path, display_base)
    problems += [Problem(p.line, p.col, p.message, p.subject, p.field, shown) for p in found]
    exceptions_path = REPO_ROOT / "data" / EXCEPTIONS_FILENAME
    names, bad = read_exceptions(exceptions_path)
    problems += [Problem(line, col, message, path=display_path(exceptions_path, display_base))
                 for line, col, message in bad]
    return reference, proper_nouns(reference, vocab, names), problems


# ------------------------------------------------------------------------------ loading


def display_path(path: Path, base: Path | None = None) -> str:
    """Path as shown in messages: relative to ``base`` (or cwd) when inside it."""
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def load_registry(
    data_path: str | Path,
    reference_path: str | Path = REPO_ROOT / DEFAULT_REFERENCE,
    vocab_path: str | Path = REPO_ROOT / DEFAULT_VOCAB,
    *,
    schema_path: str | Path | None = None,
    require_complete: bool = True,
    today: date | None = None,
    display_base: Path | None = None,
) -> Registry:
    """Load, validate and return the registry, or raise ``RegistryError`` listing every problem.

    ``require_complete`` demands one entry per municipality of the reference list.
    ``today`` (for the future-date check) defaults to the current date.
    """
    data_path = Path(data_path)
    shown = display_path(data_path, display_base)
    schema_path = Path(schema_path) if schema_path else Path(vocab_path).with_name(SCHEMA_FILENAME)
    try:
        vocab = load_vocab(vocab_path)
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        reference, nouns, helper_problems = check_helpers(Path(reference_path), vocab, display_base)
    except (OSError, KeyError, ValueError, VocabularyFileError) as exc:
        raise RegistryError(shown, [Problem(1, 1, f"Hjælpefilerne kan ikke læses: {exc}")]) from None
    try:
        size = data_path.stat().st_size
        if size > MAX_BYTES:
            raise RegistryError(shown, [too_big_problem(size)])
        with data_path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        raise RegistryError(
            shown, [Problem(1, 1, "Filen findes ikke eller kan ikke læses. Tjek stien.")]
        ) from None
    if len(raw) > MAX_BYTES:  # grew while being read
        raise RegistryError(shown, [too_big_problem(len(raw))])
    problems, data = validate_bytes(raw, reference, vocab, schema, today or date.today(),
                                    require_complete, nouns)
    problems = helper_problems + problems
    if problems:
        raise RegistryError(shown, problems)
    return build_registry(data, reference, vocab)


def too_big_problem(size: int) -> Problem:
    """The file is far larger than any registry."""
    mb = f"{size / 1_000_000:.1f}".replace(".", ",")
    limit = MAX_BYTES // 1_000_000
    return Problem(
        1,
        1,
        f"Filen fylder {mb} MB. Registret fylder normalt under 1 MB, og filer over {limit} MB "
        "læses ikke. Tjek, at det er den rigtige fil, og at intet er sat ind ved en fejl.",
    )


def validate_bytes(
    raw: bytes,
    reference: Mapping[str, Municipality],
    vocab: Vocab,
    schema: Mapping[str, Any],
    today: date,
    require_complete: bool = True,
    nouns: ProperNouns | None = None,
) -> tuple[list[Problem], Any]:
    """Parse and check file content; return (problems, plain data).

    The raw text is scanned first (invisible characters, NFC, mixed alphabets, personal data in
    comments), so each problem has its own line as GitHub shows it; the parser then reads the
    text with hidden line breaks (NEL, U+2028, U+2029) as spaces, so its lines agree."""
    text, problem = decode_utf8(raw)
    if problem is not None or text is None:
        return [problem] if problem else [], None
    places = [m.name for m in reference.values()]
    raw_problems = syntax_context(
        [Problem(line, col, message) for line, col, message in file_problems(text)]
        + comment_problems(text, vocab, places), text, reference)
    parsed = parse_yaml(hide_breaks(text))
    if parsed.empty:
        return [
            Problem(
                1,
                1,
                "Filen er tom. Den skal indeholde én post pr. kommune, fx "
                '"0101": med felterne status, raad_navn, ... (se CONTRIBUTING.md).',
            )
        ], None
    if parsed.syntax_error:
        problems = syntax_context(parsed.problems, text, reference) + raw_problems
        return sorted(set(problems), key=Problem.sort_key), None
    if parsed.data is None and (parsed.problems or parsed.located):
        problems = parsed.problems + [problem for _, problem in parsed.located] + raw_problems
        return sorted(set(problems), key=Problem.sort_key), None
    checker = Checker(parsed, reference, vocab, schema, today, require_complete, nouns)
    problems = set(checker.run()) | set(parsed.problems) | set(raw_problems)
    return sorted(problems, key=Problem.sort_key), parsed.data


# ------------------------------------------------------------------------- model build


def build_registry(
    data: Mapping[str, Any], reference: Mapping[str, Municipality], vocab: Vocab
) -> Registry:
    """Typed Registry from validated data, sorted by code."""
    councils = tuple(
        build_council(code, data[code], reference[code], vocab) for code in sorted(data)
    )
    return Registry(councils=councils, vocab=vocab)


def build_council(
    code: str, entry: Mapping[str, Any], municipality: Municipality, vocab: Vocab
) -> Council:
    """One Council from a validated entry."""
    closed = entry["nedlagt"]
    inclusion = entry.get("inklusion")
    no_council = entry.get("intet_raad")
    return Council(
        code=code,
        kommune=municipality.name,
        region=municipality.region,
        region_slug=vocab.region_slug(municipality.region) or slugify(municipality.region),
        slug=slugify(municipality.name),
        status=entry["status"],
        raad_navn=entry["raad_navn"],
        medlemmer=entry["medlemmer"],
        sammensaetning=tuple(
            CompositionGroup(g["gruppe"], g["antal"]) for g in entry["sammensaetning"]
        ),
        hoeringsret=entry["hoeringsret"],
        valgform=entry["valgform"],
        aktiviteter=tuple(entry["aktiviteter"]),
        hjemmeside=entry["hjemmeside"],
        kontakt=entry["kontakt"],
        nedlagt=(
            Closure(closed["dato"], closed["begrundelse"], tuple(closed["kilder"])) if closed else None
        ),
        kilder=tuple(Source(s["url"], s["dato"], s["art"], s["fakta"]) for s in entry["kilder"]),
        sikkerhed=entry["sikkerhed"],
        noter=entry["noter"],
        inklusion=Inclusion(
            inclusion["organ"],
            MappingProxyType({
                key: Point(value["vurdering"], tuple(value["kilder"]))
                for key, value in inclusion.items() if key != "organ"
            }),
        ) if inclusion else None,
        intet_raad=tuple(no_council["kilder"]) if no_council else None,
        udeladte_kilder=tuple(
            LeftOutSource(s["art"], s["dato"], s["fakta"]) for s in entry.get("udeladte_kilder") or ()
        ),
        bekraeftelser=tuple(
            Confirmation(date.fromisoformat(b["dato"]), b["metode"], tuple(b["bekraefter"]),
                         b["kilde"], b["fakta"])
            for b in entry["bekraeftelser"]
        ),
    )


# ----------------------------------------------------------------------- MkDocs access

_CACHE: dict[tuple[Any, ...], Registry] = {}


def default_paths(config: Any = None) -> tuple[Path, Path, Path, Path]:
    """(data, reference, vocabularies, base dir) from MkDocs config and environment.

    Paths in ``extra.registry`` are relative to the mkdocs.yml directory (``config_file_path``
    in MkDocs' config, ``root_dir`` in Zensical's); the environment
    variables HANDBOOK_REGISTRY / HANDBOOK_REFERENCE / HANDBOOK_VOCABULARIES override them
    (absolute, or relative to the current directory).
    """
    base = REPO_ROOT
    settings: Mapping[str, Any] = {}
    if config is not None:
        # MkDocs names the config file; Zensical's macros get the project's folder instead.
        config_file = config.get("config_file_path") if hasattr(config, "get") else None
        if config_file:
            base = Path(config_file).resolve().parent
        elif config.get("root_dir"):
            base = Path(config["root_dir"]).resolve()
        extra = config.get("extra") or {}
        settings = extra.get("registry") or {}

    def pick(env: str, key: str, default: str) -> Path:
        if os.environ.get(env):
            return Path(os.environ[env]).resolve()
        return (base / settings.get(key, default)).resolve()

    return (
        pick(ENV_DATA, "data", DEFAULT_DATA),
        pick(ENV_REFERENCE, "reference", DEFAULT_REFERENCE),
        pick(ENV_VOCAB, "vocabularies", DEFAULT_VOCAB),
        base,
    )


def _stamp(path: Path) -> tuple[str, int, int]:
    """Cache key part for one file: path, mtime (ns) and size (missing file: -1)."""
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def get_registry(config: Any = None) -> Registry:
    """The validated registry for a MkDocs config, loaded once per file version.

    ``mkdocs serve`` reloads on edits (mtime/size change); one build loads once.
    """
    data, reference, vocab, base = default_paths(config)
    schema = vocab.with_name(SCHEMA_FILENAME)
    key = (_stamp(data), _stamp(reference), _stamp(vocab), _stamp(schema), date.today())
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    registry = load_registry(data, reference, vocab, schema_path=schema, display_base=base)
    _CACHE.clear()
    _CACHE[key] = registry
    return registry
