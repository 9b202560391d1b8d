"""Personal data in free text and in web addresses: CPR numbers, phone numbers, e-mail
addresses and people's names.

The registry and the handbook name roles ("formanden", "sekretæren") and functional mailboxes,
never a person. What is refused, in every free-text field, page and web address:

* CPR numbers, with or without the dash (``010203-1234``, ``0102031234``, ``010203 1234``);
* phone numbers in any Danish grouping, with +45/0045, right after "tlf."/"mobil", or with
  another country code;
* e-mail addresses, also written around a spam filter ("navn [at] kommune.dk"); the field
  ``kontakt`` takes only a functional mailbox (:func:`mailbox_problem`);
* people's names: a capitalised word in any Latin alphabet (Ç, Ö, Ş, ğ, ễ ...) right after a word
  that points at a person (kontakt, formand, næstformand, sekretær, v/, ved, c/o, hr., fru ...);
  two or more capitalised words standing together that are not known place or organisation
  words; a common first name before another capitalised word; a first name and a surname in
  lowercase; and every word written in another alphabet (Arabic, Cyrillic, ...), because the
  texts are Danish and such a word is most likely a name;
* in web addresses, after decoding %-escapes: e-mail addresses, phone and CPR numbers, a first
  name followed by a surname (``/kontakt/ayse-yilmaz``) and query parameters that carry a
  name, a mailbox or a number (``?navn=``, ``?email=``, ``?tlf=``). A source whose address
  holds a person's name is not used.

Capital letters alone cannot tell a person from a place, so the check errs towards refusing:
a run of capitalised words passes only when one of them is known not to be a person -- a
municipality or region name, a word of the vocabularies, a word ending like an institution
("-råd", "-udvalg", "-kommune", "-forening" ...), an acronym, or an entry of
``data/egennavne.txt``. That file is the one place for a deliberate exception: one line per
name, ``Navn: hvad det er`` (a reason is required), so the pull request's reviewer sees it.
A number that is not a phone or CPR number is written with "sagsnr." or "j.nr." in front.

The common first names and surnames (Latin letters, folded to ASCII) come from
``registry/person_names.json``, made once by ``scripts/person_names.py``.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import parse_qsl, unquote, urlsplit

from registry.text_checks import script, script_name

NAMES_FILE = Path(__file__).with_name("person_names.json")
MAX_SCAN = 20_000
EXCEPTIONS_HINT = "data/egennavne.txt"

# (Every pattern here starts only at a boundary and repeats boundedly, so a huge line costs
# linear time: no pattern tries every position of a long word.)
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# "navn [at] kommune.dk", "navn(at)kommune.dk", "navn snabel-a kommune.dk"
HIDDEN_EMAIL_RE = re.compile(
    r"(?i)(?<![\w.+-])[\w.+-]++\s*(?:\[\s*(?:at|snabel-a)\s*\]|\(\s*(?:at|snabel-a)\s*\)|\{\s*at\s*\}|"
    r"\ssnabel-a\s)\s*[\w-]+(?:\s*(?:\.|\[dot\]|\(dot\)|\[punktum\])\s*[\w-]+)*"
    r"\s*(?:\.|\[dot\]|\(dot\)|\[punktum\])\s*[a-z]{2,}\b"
)
# Danish phone numbers: 8 digits, alone or grouped in 2s or 4s, optionally with +45/0045.
PHONE_RE = re.compile(
    r"(?<![\w.,/-])(?:(?:\+|00)45[ .-]?)?"
    r"(?:\d{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{2}|\d{4}[ .-]\d{4})(?![\w,/-]|\.\d)"
)
# Another country code: +90 532 123 45 67, 0046 70 123 45 67.
FOREIGN_PHONE_RE = re.compile(r"(?<![\w.,/+-])(?:\+|00)(?!45)[1-9]\d{0,2}[ .-]?\(?\d[\d ().-]{5,18}\d(?![\w,/-])")
# A number right after "tlf."/"telefon"/"mobil" is a phone number whatever its grouping
# ("tlf.12345678" slips past PHONE_RE, which must not match inside "3.12345678").
PHONE_AFTER_WORD_RE = re.compile(
    r"(?i)\b(?:tlf|tel|telefon|telefonnr|telefonnummer|mobil|mobilnr|mob|phone|sms)\b\.?\s*"
    r"(?:nr\.?\s*)?:?\s*(\(?(?:\+|00)?\d[\d ().-]{6,20}\d)"
)
# Digit groups that look like a phone number but are a year range or a date (DD.MM.YYYY).
NOT_PHONE_RE = re.compile(
    r"(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}"
    r"|(?:0[1-9]|[12]\d|3[01])[.-](?:0[1-9]|1[0-2])[.-](?:19|20)\d{2}"
    r"|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
)
# CPR: DDMMYY, optional dash or space, four digits.
CPR_RE = re.compile(r"(?<![\w.,/-])(\d{2})(\d{2})\d{2}([- ]?)\d{4}(?![\w/-]|[.,]\d)")
# The visible marker for a number that is neither (a case or journal number).
CASE_NUMBER_RE = re.compile(r"(?i)\b(?:sagsnr|sagsnummer|sag nr|j\.?\s?nr|journalnr|journalnummer)\.?\s*:?\s*$")

# Words that point at a person; a capitalised word right after one is taken as a name.
ROLE_WORDS = (
    "kontakt", "kontaktperson", "kontaktpersonen", "formand", "formanden", "næstformand",
    "næstformanden", "sekretær", "sekretæren", "konsulent", "konsulenten", "koordinator",
    "koordinatoren", "borgmester", "borgmesteren", "rådmand", "rådmanden", "udvalgsformand",
    "udvalgsformanden", "direktør", "direktøren", "chef", "chefen", "leder", "lederen",
    "medarbejder", "medarbejderen", "tovholder", "tovholderen", "ansvarlig", "ved", "professor",
    "lektor", "forsker", "contact", "chair", "chairman", "secretary",
)
# Titles written short with a full stop ("hr. Hansen", "att. Jens").
ABBREVIATED_ROLES = ("hr", "fru", "frk", "dr", "att", "attn", "mr", "mrs", "ms", "prof")
_ROLE_BEFORE = re.compile(
    r"(?:\b(?i:" + "|".join(ROLE_WORDS) + r")\b|\b(?:"
    + "|".join(f"{a}|{a.capitalize()}" for a in ABBREVIATED_ROLES)  # "dr." but not "DR" (radio)
    + r")\b\.?|\b(?i:v/|c/o|ring til|skriv til))[ \t]*[:,]?[ \t]*$"
)
# Small words inside a name ("Abd al Rahman", "Jan van Dijk").
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "bint", "abu", "van", "von", "de", "da",
                       "di", "du", "del", "della", "dos", "das", "ter", "ten"})
# Endings of Danish institution, place and title words: a capitalised word that ends like
# this names an organisation, a place or a publication, not a person.
ORG_ENDINGS = (
    "råd", "rådet", "rådets", "raad", "udvalg", "udvalget", "udvalgets", "kommune", "kommunen",
    "kommunes", "kommunens", "region", "regionen", "forening", "foreningen", "foreninger",
    "forbund", "forbundet", "organisation", "organisationer", "organisationen", "forum",
    "center", "centret", "centeret", "hjælp", "hjælpen", "kors", "sagen", "politi", "styrelse",
    "styrelsen", "ministerium", "ministeriet", "institut", "instituttet", "universitet",
    "skole", "skolen", "netværk", "netværket", "samvirke", "avis", "avisen", "tidende",
    "dagblad", "bladet", "nyt", "nyheder", "posten", "service", "festival", "pris", "prisen",
    "cup", "fond", "fonden", "forvaltning", "forvaltningen", "sekretariat", "sekretariatet",
    "repræsentation", "repræsentationen", "folketing", "folketinget", "folketingets",
    "landsforening", "bestyrelse", "bestyrelsen", "samråd", "parti", "partiet", "kirke",
    "kirken", "menighed", "akademi", "selskab", "selskabet", "huset", "hus", "bibliotek",
    "biblioteket", "kvarter", "kvarteret", "plads", "pladsen", "torv", "torvet", "lov", "loven",
    "minoriteter", "ombudsmand", "kontor", "kontoret", "afdeling", "afdelingen", "enhed",
    "enheden", "gruppe", "gruppen", "projekt", "projektet", "uddannelse", "fællesskab",
    "fritid", "ældreråd", "inddeling", "kommuner", "forslag", "råds", "udvalgs",
)
_ORG_ENDINGS = ORG_ENDINGS + tuple(ending + "s" for ending in ORG_ENDINGS)  # with genitive s
# Danish words that often start a sentence, and so are capitalised there without being a name.
SENTENCE_WORDS = frozenset("""
    at da de dem den der det dette disse du efter eller en et for fra fx før først her hos
    hvad hvem hvis hvor hvordan hvorfor i ifølge ikke ingen jeg kan kun man med men mens når
    og også om på se selv siden som så til uden under ved vi vil brug hent kender læs skriv
    tjek gennem hed mellem mod nu nej ja alle alt andre begge bl blandt denne dets hver
    hvilke mange nogle samme sådan endnu aldrig altid derfor desuden dog eksempelvis ellers
    herunder især jf nemlig omkring over sammen senest stadig således typisk lige kommunen
    rådet rådets formanden sekretæren kommunens integrationsrådet se tilføj ret
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SPACES = re.compile(r"[ \u00a0]+")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;•*#>|(\[\]\"“”«»]|\n|^\s*[-+]\s)[\s\"'“”«»*_(\[]*$")

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "ı": "i", "đ": "d", "ł": "l"})
_FOLD_SHORT = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ß": "ss", "ı": "i", "đ": "d", "ł": "l"})


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


def fold(word: str) -> str:
    """Lowercase ASCII form of a word, as Danish web addresses write it (ø→oe, ş→s, ễ→e)."""
    return _strip_marks(word.lower().translate(_FOLD))


def fold_variants(word: str) -> set[str]:
    """Both ways an address may write a Danish letter: ø→oe and ø→o (Søren: soeren, soren)."""
    low = word.lower()
    return {_strip_marks(low.translate(_FOLD)), _strip_marks(low.translate(_FOLD_SHORT))} - {""}


@functools.lru_cache(maxsize=None)
def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), folded; see scripts/person_names.py."""
    document = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    return frozenset(document["fornavne"]), frozenset(document["efternavne"])


@dataclass(frozen=True)
class ProperNouns:
    """What is known not to be a person: single words and whole names (casefolded)."""

    words: frozenset[str] = frozenset()
    phrases: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()  # municipality and region words, for "Bornholmske", "Vestsjællands"

    @classmethod
    def build(cls, places: Iterable[str], texts: Iterable[str], exceptions: Iterable[str]) -> ProperNouns:
        """From place names (municipalities, regions), vocabulary texts and the exception file."""
        place_words = {w.casefold() for name in places for w in _WORD.findall(name)}
        words = set(place_words)
        for text in texts:
            words.update(w.casefold() for w in _WORD.findall(text) if w[:1].isupper())
        phrases = {" ".join(_WORD.findall(e)).casefold() for e in exceptions}
        words.update(p for p in phrases if " " not in p)
        return cls(frozenset(words), frozenset(phrases - {""}),
                   tuple(sorted(w for w in place_words if len(w) >= 4)))

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - a few thousand words per build
    def known(self, word: str) -> bool:
        """True when the word is a place, organisation or listed name, never a person."""
        w = word.casefold().rstrip("'’")
        if w in self.words or (w.endswith("s") and w[:-1] in self.words):
            return True
        if w.endswith(_ORG_ENDINGS):
            return True
        return any(w.startswith(place) and w[len(place):] in ("s", "ske", "sk", "ernes", "erne")
                   for place in self.places)

    def allows(self, phrase: str) -> bool:
        """True when the exception file lists this name (or a longer one containing it)."""
        p = " ".join(_WORD.findall(phrase)).casefold()
        return any(p == q or f" {p} " in f" {q} " for q in self.phrases)


# ------------------------------------------------------------------------------ findings


def _cpr(text: str) -> Iterator[str]:
    for match in CPR_RE.finditer(text):
        day, month, dash = int(match.group(1)), int(match.group(2)), match.group(3)
        if CASE_NUMBER_RE.search(text[max(0, match.start() - 20):match.start()]):
            continue
        if dash == "-" or (1 <= day <= 31 and 1 <= month <= 12):
            yield (
                f"Teksten indeholder noget, der ligner et CPR-nummer ({match.group()}). "
                "CPR-numre må aldrig stå i registret eller på sitet: slet nummeret. Er det et "
                "sags- eller journalnummer, så skriv sagsnr. foran."
            )


def _phones(text: str) -> Iterator[str]:
    numbers = [m for m in PHONE_RE.finditer(text) if not NOT_PHONE_RE.fullmatch(m.group().strip())]
    numbers += list(FOREIGN_PHONE_RE.finditer(text))
    for word in PHONE_AFTER_WORD_RE.finditer(text):
        digits = sum(ch.isdigit() for ch in word.group(1))
        if digits >= 8 and not NOT_PHONE_RE.fullmatch(word.group(1).strip()):
            numbers.append(word)
    for match in numbers:
        if CASE_NUMBER_RE.search(text[max(0, match.start() - 20):match.start()]):
            continue
        number = (match.group(1) if match.re is PHONE_AFTER_WORD_RE else match.group()).strip()
        if sum(ch.isdigit() for ch in number) == 10 and CPR_RE.fullmatch(number):
            continue  # reported as a CPR number
        yield (
            f"Teksten ser ud til at indeholde et telefonnummer ({number}). Registret og sitet må "
            "ikke indeholde telefonnumre: slet nummeret, og henvis til kommunens side. Er det et "
            "andet tal, så skriv det på en anden måde (fx med enhed, eller sagsnr. foran)."
        )
        return


def _emails(text: str) -> Iterator[str]:
    match = EMAIL_RE.search(text) or HIDDEN_EMAIL_RE.search(text)
    if match:
        yield (
            f"Fritekst må ikke indeholde e-mailadresser ({match.group().strip()}). Slet adressen; "
            "en funktionspostkasse hører til i feltet kontakt."
        )


def _name_message(name: str, after_role: bool) -> str:
    what = (f"Teksten ser ud til at nævne en person ved navn («{name}»)" if after_role
            else f"«{name}» ligner et personnavn")
    return (
        f"{what}. Registret og sitet må ikke nævne personer ved navn: skriv rollen i stedet "
        f"(fx »formanden« eller »sekretæren«). Er «{name}» ikke en person, men fx en forening, "
        f"et sted eller en titel, så skriv linjen «{name}: hvad det er» i {EXCEPTIONS_HINT}; "
        "så ser den, der gennemgår ændringen, undtagelsen."
    )


def _runs(text: str) -> Iterator[tuple[list[re.Match[str]], bool, bool]]:
    """Runs of capitalised words (with initials and name particles inside), each with
    (words, starts a sentence, follows a role word)."""
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        if not words[i].group()[:1].isupper():
            i += 1
            continue
        run = [words[i]]
        j = i + 1
        while j < len(words):
            gap = text[run[-1].end():words[j].start()]
            word = words[j].group()
            initial = len(run[-1].group()) == 1 and re.fullmatch(r"\.\s*", gap)
            if not (_SPACES.fullmatch(gap) or initial):
                break
            if word.casefold() in SENTENCE_WORDS:
                break  # "Stiller I ingen krav", "B. Der udbetales": a sentence goes on, no name
            if word[:1].isupper():
                run.append(words[j])
            elif word in PARTICLES and j + 1 < len(words) and words[j + 1].group()[:1].isupper() \
                    and _SPACES.fullmatch(text[words[j].end():words[j + 1].start()]):
                run.append(words[j])
            else:
                break
            j += 1
        before = text[max(0, run[0].start() - 60):run[0].start()]
        yield run, bool(_SENTENCE_END.search(before)), bool(_ROLE_BEFORE.search(before))
        i = j


def _names(text: str, nouns: ProperNouns) -> Iterator[str]:
    first_names, surnames = person_names()
    for run, sentence_start, after_role in _runs(text):
        words = [m.group() for m in run]
        # A role word capitalised at the start ("Formand Jens Hansen"): the rest follows it.
        while words and (words[0].casefold() in ROLE_WORDS
                         or words[0] in ABBREVIATED_ROLES or words[0].lower() in ABBREVIATED_ROLES
                         and words[0] == words[0].capitalize()):
            words, after_role = words[1:], True
        if sentence_start and not after_role and words and words[0].casefold() in SENTENCE_WORDS:
            words = words[1:]
        capitalised = [w for w in words if w not in PARTICLES]
        if not capitalised:
            continue
        shouting = len(capitalised) >= 2 and all(w.isupper() and len(w) > 1 for w in capitalised)

        def known(w: str) -> bool:
            return nouns.known(w) or (w.isupper() and 1 < len(w) <= 6 and not shouting)

        name = " ".join(words)
        if nouns.allows(name):
            continue
        if after_role:
            # "ved" is mostly a preposition ("ved Integrationsdagen"): after it, only a full name
            # or a first name counts; after the other role words any unknown word does.
            loose = _ROLE_BEFORE.search(text[max(0, run[0].start() - 60):run[0].start()])
            preposition = loose is not None and loose.group().strip(" \t:,").casefold() == "ved"
            single_common = len(capitalised) == 1 and capitalised[0].casefold() in SENTENCE_WORDS
            if len(capitalised) == 1:
                # One word: a name from the lists, or a word that ends the phrase ("kontakt:
                # Ayşe."); not a word that starts a clause ("din leder: Passer timerne?").
                w = capitalised[0]
                listed = fold(w) in first_names or (fold(w) in surnames and not preposition)
                after = text[run[-1].end():run[-1].end() + 3]
                if not listed and (preposition or re.match(r"[ \u00a0]+[^\W\d_]*[a-zæøå]", after)):
                    continue
            if not single_common and not all(known(w) for w in capitalised):
                yield _name_message(name, True)
            continue
        if len(capitalised) < 2:
            # One capitalised word inside a sentence that is a common first name ("ledes af Jens").
            w = capitalised[0]
            if not sentence_start and fold(w) in first_names and not known(w) and len(w) >= 3:
                yield _name_message(name, False)
            continue
        evidence = any(fold(w) in first_names and not nouns.known(w) for w in capitalised[:-1])
        if evidence or not any(known(w) for w in capitalised):
            yield _name_message(name, False)
    # A first name and a surname in lowercase ("jens hansen").
    words = list(_WORD.finditer(text))
    for first, second in zip(words, words[1:]):
        a, b = first.group(), second.group()
        if not _SPACES.fullmatch(text[first.end():second.start()]):
            continue
        if a.islower() and b.islower() and len(a) >= 3 and len(b) >= 4 and fold(a) in first_names \
                and fold(b) in surnames and a not in SENTENCE_WORDS and b not in SENTENCE_WORDS \
                and not nouns.known(a) and not nouns.known(b) and not nouns.allows(f"{a} {b}"):
            yield _name_message(f"{a} {b}", False)


def _other_scripts(text: str, allowed: frozenset[str]) -> Iterator[str]:
    if text.isascii():
        return
    for match in _WORD.finditer(text):
        if match.group().isascii():
            continue
        scripts = {script(ch) for ch in match.group()} - {None}
        if scripts and not scripts & allowed and len(scripts) == 1:
            alphabet = script_name(scripts.pop())
            yield (
                f"«{match.group()}» er skrevet med {alphabet} bogstaver. Teksterne skrives på dansk "
                "med latinske bogstaver, og et ord i et andet alfabet er oftest et navn: skriv "
                "rollen i stedet (fx »formanden«). Skal ordet stå, så skriv det med latinske "
                f"bogstaver; er det et navn på en forening eller et sted, så tilføj det i {EXCEPTIONS_HINT}."
            )
            return


def text_findings(text: str, nouns: ProperNouns, scripts: frozenset[str] = frozenset({"LATIN"})) -> list[str]:
    """Messages for the personal data in one free text (at most one per kind and name). Only the
    first MAX_SCAN characters are read: every field and line is refused long before that, and
    is read whole once it is short enough. ``scripts``: the alphabets the text is written in
    (a translated page adds its own; a word in any other alphabet is most likely a name)."""
    text = text[:MAX_SCAN]
    out: list[str] = []
    for found in (_cpr(text), _phones(text), _emails(text), _names(text, nouns), _other_scripts(text, scripts)):
        for message in found:
            if message not in out:
                out.append(message)
    return out


# ------------------------------------------------------------------------- web addresses

_URL_TOKEN = re.compile(r"[^\W\d_]+")
_QUERY_PERSONAL = re.compile(r"(?i)^(?:navn|name|fornavn|efternavn|firstname|lastname|person|"
                             r"e-?mail|mail|email|tlf|telefon|phone|mobil|cpr)$")


def url_findings(url: str, nouns: ProperNouns) -> list[str]:
    """Messages for personal data in a web address: e-mail, phone and CPR numbers, a person's
    name in the path or query, query parameters that carry personal data."""
    try:
        parts = urlsplit(url[:MAX_SCAN])
    except ValueError:
        return []
    path = unquote(parts.path)
    query = parse_qsl(parts.query, keep_blank_values=True)
    decoded = " ".join([path, *(f"{k}={v}" for k, v in query), unquote(parts.fragment)])
    advice = (" En kilde, hvis adresse rummer personoplysninger, må ikke bruges: find en side, der "
              "viser det samme uden dem (fx kommunens side om rådet), eller beskriv kilden i noter.")
    out = []
    email = EMAIL_RE.search(decoded) or ("@" in decoded and decoded[decoded.index("@") - 20:][:40])
    if email:
        shown = email.group() if isinstance(email, re.Match) else email.strip()
        out.append(f"Adressen indeholder en e-mailadresse ({shown}).{advice}")
    for key, value in query:
        if _QUERY_PERSONAL.match(key.strip()) and value.strip():
            out.append(f"Adressen sender personoplysninger med ({key}={value}).{advice}")
    spaced = re.sub(r"[/_+=&?.,;~]", " ", decoded)
    for message in (*_cpr(spaced), *_phones(decoded)):
        kind = "et CPR-nummer" if "CPR" in message else "et telefonnummer"
        number = message[message.index("(") + 1:message.index(")")]
        out.append(f"Adressen indeholder {kind} ({number}).{advice}")
    out.extend(_url_names(path, decoded, nouns, advice))
    return list(dict.fromkeys(out))


def _url_names(path: str, decoded: str, nouns: ProperNouns, advice: str) -> Iterator[str]:
    """A person's name in an address: a path segment that is a first name and one or two more
    words ("/kontakt/soeren-testgaard"), or a first name followed by a surname anywhere."""
    first_names, surnames = person_names()

    def words(text: str) -> list[str]:  # CamelCase counts as separate words: AyseYilmaz
        return _URL_TOKEN.findall(re.sub(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])", " ", text))

    found = None
    for segment in path.split("/"):
        parts = words(segment)
        if 2 <= len(parts) <= 3 and len(parts[0]) >= 3 and fold(parts[0]) in first_names \
                and not any(nouns.known(w) for w in parts) and not nouns.allows(" ".join(parts)):
            found = segment
            break
    tokens = words(decoded)
    for a, b in zip(tokens, tokens[1:]):
        if found:
            break
        if fold(a) in first_names and (fold(b) in surnames or fold(b) in first_names) \
                and len(b) >= 3 and not nouns.known(a) and not nouns.known(b) \
                and not nouns.allows(f"{a} {b}"):
            found = f"{a}-{b}"
    if found:
        yield (f"Adressen ser ud til at indeholde et personnavn ({found}).{advice} Er det ikke en "
               f"person, så skriv navnet i {EXCEPTIONS_HINT} med en forklaring.")


# --------------------------------------------------------------------- functional mailboxes

# The local part of a functional mailbox is made of these words (with Danish linking letters
# between them: integration+s+raad), municipality names and digits.
FUNCTION_WORDS: frozenset[str] = frozenset({
    "integration", "integrations", "raad", "raadet", "rad", "radet", "raadets", "post", "kontakt",
    "info", "sekretariat", "sekretariatet", "borger", "borgere", "borgerservice", "service",
    "kommune", "kommunen", "forvaltning", "forvaltningen", "center", "centret", "team", "udvalg",
    "udvalget", "politik", "frivillig", "frivillige", "forum", "administration", "adm",
    "beskaeftigelse", "sprog", "kultur", "dialog", "mangfoldighed", "medborger", "medborgerskab",
    "netvaerk", "byraad", "byrad", "direktion", "job", "jobcenter", "mail", "kontor", "social",
    "ledelse", "demokrati", "raadhus", "radhus", "flygtning", "flygtninge", "indvandrer",
    "etnisk", "etniske", "minoritet", "minoriteter", "forening", "foreningen", "sekretaer",
    "sekretaeren", "formand", "formanden", "presse", "kommunikation", "borgmester", "digital",
    "sikker", "sikkerpost", "hoering", "hoeringer", "dagsorden", "referat", "nyhed", "nyheder",
})


def _segments(token: str, pieces: frozenset[str]) -> bool:
    """True when ``token`` is a chain of ``pieces``, with linking s/e and digits allowed."""
    ok = [False] * (len(token) + 1)
    ok[0] = True
    for end in range(1, len(token) + 1):
        for start in range(end):
            if not ok[start]:
                continue
            part = token[start:end]
            if part in pieces or part.isdigit() or (part in ("s", "e") and start > 0):
                ok[end] = True
                break
    return ok[-1]


def mailbox_problem(address: str, listed: frozenset[str], place_words: Iterable[str]) -> str | None:
    """Why ``address`` may be a person's mailbox, or None for a functional one.

    The part before ``@`` must be made only of words naming a function (FUNCTION_WORDS),
    municipality names and digits, e.g. ``integrationsraad@``, ``post.aarhus@``; a name or
    initials anywhere in it (``jens.integration@``, ``jh-integrationsraad@``) is refused. An
    address listed under ``funktionspostkasser`` in data/vocabularies.yaml (with the unit that
    owns it) passes as it is.
    """
    if address.lower() in listed:
        return None
    local = address.split("@", 1)[0].lower()[:64]  # the longest local part e-mail allows
    pieces = FUNCTION_WORDS | {fold(w) for w in place_words}
    tokens = [t for t in re.split(r"[._+-]", local) if t]
    if tokens and all(_segments(t, pieces) for t in tokens):
        return None
    parts = [p for p in re.split(r"[._+-]", local) if p]
    if len(parts) >= 2 and all(p.isalpha() for p in parts):
        shape = "ligner fornavn.efternavn eller har et navn eller initialer i sig"
    elif local.isalpha() and len(local) <= 5:
        shape = "ligner en persons initialer"
    else:
        shape = "er ikke kun ord, der siger, hvad postkassen er til (fx integrationsraad, post, kontakt)"
    return (
        f"{address} {shape}. Registret må kun have funktionspostkasser, aldrig en persons adresse. "
        "Skriv rådets eller kommunens fælles postkasse, eller null. Er adressen en fælles "
        "postkasse, så tilføj den under funktionspostkasser i data/vocabularies.yaml med den "
        "enhed, der ejer den."
    )


# ---------------------------------------------------------------------- the exception file


def read_exceptions(path: Path) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Names from ``data/egennavne.txt`` (``Navn: hvad det er`` per line, # for comments) and
    (line, col, message) for lines without a reason."""
    names, problems = [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError):
        return [], [(1, 1, "Filen kan ikke læses som UTF-8 tekst. Gem den igen som UTF-8.")]
    for number, line in enumerate(text.split("\n"), start=1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        name, _, reason = content.partition(":")
        if not name.strip() or not reason.strip():
            problems.append((number, 1, "Skriv hver undtagelse som «Navn: hvad det er» (fx «Røde "
                             "Kors: organisation»), så den, der gennemgår ændringen, kan se hvorfor."))
            continue
        names.append(name.strip())
    return names, problems
