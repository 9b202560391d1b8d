#!/usr/bin/env python3
"""Make the list of common first names and surnames that the privacy check uses, once, offline.

Output: ``registry/person_names.json`` -- first names and surnames written in Latin letters,
folded to lowercase ASCII (see ``registry.personal_data.fold``), so that the check can find a
person's name where capital letters do not help: in a web address (``/kontakt/ayse-yilmaz``) or
in text written in lowercase. Names in other scripts are not needed: the registry refuses every
word in a script other than Latin anyway.

Source: the person-name lists of Faker (MIT licence), one set per locale below: the languages
most often spoken by Denmark's residents and by the councils' members (Danish and the other
Nordic languages, Turkish and Azeri, Arabic, Persian, Urdu and Somali names as written in Latin
letters in the English, Swedish and German lists, Vietnamese, Polish, Bosnian/Croatian,
Romanian, Swahili and Hausa, English, German, French).

Names shorter than three letters are left out (``bo``, ``li`` and ``an`` are also Danish words
or word parts, and too many addresses would match), and so are the few names that are ordinary
Danish words in addresses (``NOT_NAMES``). Re-running the script with the same Faker version
gives the same file.

Needs Faker (tested with faker 40.54.0), e.g. in a temporary venv; the site and the tests do
not. Usage: python scripts/person_names.py [--out PATH]
"""

from __future__ import annotations

import argparse
import importlib
import json
from pathlib import Path

from registry.personal_data import fold_variants

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "registry" / "person_names.json"
LOCALES = ("da_DK", "no_NO", "sv_SE", "de_DE", "en_GB", "en_US", "fr_FR", "tr_TR", "az_AZ",
           "vi_VN", "pl_PL", "hr_HR", "ro_RO", "en_PK", "en_IN", "sw", "ha_NG")
# Ordinary Danish words (in addresses and lowercase text) that some list also has as a name.
NOT_NAMES = frozenset({
    "center", "park", "kirke", "byen", "borger", "borgere", "kultur", "rose", "have", "skole",
    "politik", "raad", "radet", "mark", "kilde", "dato", "side", "sider", "data", "info",
    "nyt", "nyheder", "ret", "kort", "uge", "maj", "juni", "juli", "august", "april",
    "december", "marts", "dag", "aar", "tid", "liv", "lov", "love", "vej", "vejen",
})


def names(attribute: str) -> set[str]:
    """Folded names of one kind ('first' or 'last') from every locale."""
    out: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        if attribute == "first":
            raw = [*getattr(provider, "first_names", ()), *getattr(provider, "first_names_male", ()),
                   *getattr(provider, "first_names_female", ())]
        else:
            raw = list(getattr(provider, "last_names", ()))
        for name in raw:
            for part in str(name).replace("-", " ").split():
                out.update(v for v in fold_variants(part) if len(v) >= 3 and v not in NOT_NAMES)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    import faker

    document = {
        "beskrivelse": "Almindelige fornavne og efternavne med latinske bogstaver, foldet til "
                       "små ASCII-bogstaver. Bruges af registry/personal_data.py til at finde "
                       "personnavne i webadresser og tekst. Lavet med scripts/person_names.py.",
        "kilde": f"Faker {faker.VERSION} (MIT-licens), personnavne fra: {', '.join(LOCALES)}",
        "fornavne": sorted(names("first")),
        "efternavne": sorted(names("last")),
    }
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(document['fornavne'])} fornavne og {len(document['efternavne'])} efternavne "
          f"skrevet i {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
