"""Regenerate first_names.txt from Faker's person providers (run once by a developer, never at run time).

    .venv/bin/pip install -r requirements-dev.txt   # faker is a dev-only dependency
    .venv/bin/python engage/insight/data/build_first_names.py

The locales are those of people living in England today: British, Irish, South Asian (India and
Pakistan, in Latin script), West and East African, Polish, Romanian, Lithuanian and other European.
Faker is MIT-licensed; FIRST_NAMES_ATTRIBUTION.md carries its notice.
"""

from __future__ import annotations

import importlib
import unicodedata
from pathlib import Path

LOCALES = [
    "en_GB",
    "en_US",
    "en_IE",
    "ga_IE",
    "en_IN",
    "en_PK",
    "en_NG",
    "en_KE",
    "yo_NG",
    "ig_NG",
    "ha_NG",
    "tw_GH",
    "sw",
    "zu_ZA",
    "pl_PL",
    "ro_RO",
    "lt_LT",
    "lv_LV",
    "et_EE",
    "cs_CZ",
    "sk_SK",
    "hu_HU",
    "hr_HR",
    "sl_SI",
    "tr_TR",
    "it_IT",
    "pt_PT",
    "pt_BR",
    "es_ES",
    "fr_FR",
    "de_DE",
    "nl_NL",
]
OUT = Path(__file__).with_name("first_names.txt")


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def collect() -> list[str]:
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            for name in getattr(provider, attr, ()) or ():
                name = name.strip().replace("’", "'")
                if len(name) >= 2 and " " not in name and all(c < "\u0250" for c in name if c.isalpha()):
                    names.update({name.lower(), _fold(name).lower()})
    return sorted(names)


if __name__ == "__main__":
    import faker

    names = collect()
    header = f"# First names from Faker {faker.VERSION} person providers ({', '.join(LOCALES)}); MIT licence.\n"
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {OUT}")
