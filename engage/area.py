"""The area Engage serves, read from one settings file (TOML) that the administrator owns.

The file names the area and partnership, the local authority's ONS code, the languages the site offers, contact
details and the reach groups that are local (wards or localities, the languages most spoken at home). National
groups (Census ethnic groups, age bands, primary need, EHC plan) stay in engage/reach/data/dimensions.json.

`ENGAGE_AREA_FILE` names the file; without it Engage serves the fictional demo area in
deploy/areas/example-borough.toml, so a fresh clone runs. Every problem in the file is named at start-up.
No Flask here: the reach dimensions and the standard survey questions read `current()` outside requests too.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from engage.i18n import CODES, DEFAULT_LANGUAGE

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_AREA_FILE = PROJECT_ROOT / "deploy" / "areas" / "example-borough.toml"
ENVIRONMENT_VARIABLE = "ENGAGE_AREA_FILE"

#: An English local authority's ONS code: E06 unitary, E07 district, E08 metropolitan, E09 London borough.
ONS_LA_CODE = re.compile(r"^E0[6-9][0-9]{6}$")
ONS_WARD_CODE = re.compile(r"^[EW]05[0-9]{6}$")
GROUP_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,62}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Answers the ward question always offers besides the area's own wards; an area may not reuse them.
RESERVED_WARD_IDS = frozenset({"outside", "not_sure"})
#: The language group every area has: home languages not listed on their own are counted in it.
OTHER_LANGUAGE = "other"
TOP_LEVEL_KEYS = frozenset(
    {"name", "partnership", "ons_code", "languages", "contact", "wards", "home_languages", "places"}
)


class AreaFileError(RuntimeError):
    """The area file cannot be used; `problems` names each thing wrong."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))

    def __str__(self) -> str:
        return f"The area file {self.path} has {len(self.problems)} problem(s):\n" + "\n".join(
            f"  - {problem}" for problem in self.problems
        )


@dataclass(frozen=True)
class LocalGroup:
    """A ward, locality or home language. The id is stored in answers and baselines: never rename it."""

    id: str
    label: str
    #: no longer offered to families, still counted in reports of earlier answers and baselines
    retired: bool = False
    #: wards: the ONS ward code (osward in the ONS Postcode Directory) that imported postcodes are matched by
    ons_code: str = ""
    #: languages: listed as an answer but counted in reach's "Other" group
    counted_in_other: bool = False


@dataclass(frozen=True)
class Place:
    """A postcode district or town a family can search near, with its centre point."""

    kind: str  # "district" or "town"
    name: str
    latitude: float
    longitude: float
    #: districts: the postcode district ("EX3") and the ward that holds it
    code: str = ""
    ward: str = ""


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""
    address: str = ""
    website: str = ""


@dataclass(frozen=True)
class Area:
    name: str
    partnership: str
    ons_code: str
    languages: tuple[str, ...]
    contact: Contact
    wards: tuple[LocalGroup, ...]
    home_languages: tuple[LocalGroup, ...]
    places: tuple[Place, ...] = ()
    source: str = field(default="", compare=False)

    def offered_wards(self) -> tuple[LocalGroup, ...]:
        return tuple(ward for ward in self.wards if not ward.retired)

    def offered_home_languages(self) -> tuple[LocalGroup, ...]:
        return tuple(language for language in self.home_languages if not language.retired)

    def ward_for_ons_code(self, code: str) -> str | None:
        for ward in self.wards:
            if ward.ons_code and ward.ons_code == code:
                return ward.id
        return None


# --------------------------------------------------------------------------- reading and checking


def load(path: Path | str) -> Area:
    """The area in a settings file; raises AreaFileError naming every problem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AreaFileError(path, ["the file does not exist"]) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AreaFileError(path, [f"not a valid TOML file: {exc}"]) from exc
    return parse(data, str(path))


def parse(data: dict, source: str = "(area)") -> Area:
    """Check a decoded settings file whole: every problem is collected before any is reported."""
    checker = _Checker()
    area = checker.area(data, source)
    if checker.problems:
        raise AreaFileError(source, checker.problems)
    return area


class _Checker:
    def __init__(self):
        self.problems: list[str] = []

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def text(self, data: dict, key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(f"{where}{key} is missing")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where}{key} must be non-empty text")
            return ""
        return value.strip()

    def area(self, data: dict, source: str) -> Area:
        for key in sorted(set(data) - TOP_LEVEL_KEYS):
            self.problem(f"unknown setting {key!r} (expected one of {', '.join(sorted(TOP_LEVEL_KEYS))})")
        name = self.text(data, "name", "")
        partnership = self.text(data, "partnership", "")
        ons_code = self.text(data, "ons_code", "")
        if ons_code and not ONS_LA_CODE.match(ons_code):
            self.problem(
                f"ons_code {ons_code!r} is not an English local authority's ONS code (E06, E07, E08 or E09 and six "
                "digits, like E06000034)"
            )
        return Area(
            name=name,
            partnership=partnership,
            ons_code=ons_code,
            languages=self.languages(data.get("languages")),
            contact=self.contact(data.get("contact")),
            wards=self.groups(data.get("wards"), "wards", ward=True),
            home_languages=self.groups(data.get("home_languages"), "home_languages", ward=False),
            places=self.places(data.get("places"), data.get("wards")),
            source=source,
        )

    def languages(self, value) -> tuple[str, ...]:
        if value is None:
            self.problem('languages is missing (the site\'s languages, for example ["en", "pl"])')
            return (DEFAULT_LANGUAGE,)
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            self.problem("languages must be a list of language codes")
            return (DEFAULT_LANGUAGE,)
        for code in value:
            if code not in CODES:
                self.problem(f"languages: {code!r} is not a language Engage offers ({', '.join(CODES)})")
        for code in sorted({code for code in value if value.count(code) > 1}):
            self.problem(f"languages: {code!r} is listed twice")
        if DEFAULT_LANGUAGE not in value:
            self.problem(f"languages must include {DEFAULT_LANGUAGE!r}")
        return tuple(code for code in CODES if code in value)

    def contact(self, value) -> Contact:
        if not isinstance(value, dict):
            self.problem("contact is missing (a [contact] table with at least email)")
            return Contact()
        for key in sorted(set(value) - {"email", "phone", "address", "website"}):
            self.problem(f"contact: unknown setting {key!r} (expected email, phone, address, website)")
        email = self.text(value, "email", "contact.")
        if email and not EMAIL.match(email):
            self.problem(f"contact.email {email!r} is not an email address")
        website = self.text(value, "website", "contact.", required=False)
        if website and not website.startswith("https://"):
            self.problem(f"contact.website {website!r} must start with https://")
        return Contact(
            email=email,
            phone=self.text(value, "phone", "contact.", required=False),
            address=self.text(value, "address", "contact.", required=False),
            website=website,
        )

    def groups(self, value, table: str, ward: bool) -> tuple[LocalGroup, ...]:
        if not isinstance(value, list) or not value:
            self.problem(f"{table} is missing (a list with one {{ id = ..., label = ... }} for each group)")
            return ()
        allowed = {"id", "label", "retired", "ons_code"} if ward else {"id", "label", "retired", "counted_in_other"}
        groups, seen_ids, seen_codes = [], set(), set()
        for number, item in enumerate(value, start=1):
            where = f"{table} #{number}: "
            if not isinstance(item, dict):
                self.problem(f"{where}must be a table with id and label")
                continue
            for key in sorted(set(item) - allowed):
                self.problem(f"{where}unknown setting {key!r} (expected {', '.join(sorted(allowed))})")
            group_id = self.text(item, "id", where)
            label = self.text(item, "label", where)
            if group_id and not GROUP_ID.match(group_id):
                self.problem(f"{where}id {group_id!r} must be lower-case letters, digits and underscores")
            elif group_id in seen_ids:
                self.problem(f"{where}id {group_id!r} is used twice in {table}")
            elif ward and group_id in RESERVED_WARD_IDS:
                self.problem(f"{where}id {group_id!r} is kept for the answer every ward question offers")
            elif not ward and group_id == OTHER_LANGUAGE:
                self.problem(f"{where}id 'other' is kept for the group of languages not listed")
            seen_ids.add(group_id)
            retired = self.flag(item, "retired", where)
            ons_code = ""
            if ward and "ons_code" in item:
                ons_code = self.text(item, "ons_code", where)
                if ons_code and not ONS_WARD_CODE.match(ons_code):
                    self.problem(f"{where}ons_code {ons_code!r} is not an ONS ward code (E05 and six digits)")
                elif ons_code in seen_codes:
                    self.problem(f"{where}ons_code {ons_code!r} is used by two wards")
                seen_codes.add(ons_code)
            counted = self.flag(item, "counted_in_other", where) if not ward else False
            groups.append(LocalGroup(group_id, label, retired, ons_code, counted))
        if groups and all(group.retired for group in groups):
            self.problem(f"{table}: every group is retired; at least one must be offered")
        return tuple(groups)

    def flag(self, item: dict, key: str, where: str) -> bool:
        value = item.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"{where}{key} must be true or false")
            return False
        return value

    def places(self, value, wards) -> tuple[Place, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem("places must be a list of [[places]] tables")
            return ()
        ward_ids = {w.get("id") for w in wards or () if isinstance(w, dict)}
        found, names = [], set()
        for number, item in enumerate(value, start=1):
            where = f"places #{number}: "
            if not isinstance(item, dict):
                self.problem(f"{where}must be a table")
                continue
            kind = item.get("kind")
            if kind not in ("district", "town"):
                self.problem(f'{where}kind must be "district" or "town"')
            name = self.text(item, "name", where)
            code = self.text(item, "code", where, required=kind == "district").upper()
            ward = self.text(item, "ward", where, required=False)
            if ward and ward not in ward_ids:
                self.problem(f"{where}ward {ward!r} is not one of the area's wards")
            key = (code or name).upper()
            if key and key in names:
                self.problem(f"{where}{key!r} is listed twice")
            names.add(key)
            latitude, longitude = item.get("latitude"), item.get("longitude")
            if not isinstance(latitude, (int, float)) or not 49 <= latitude <= 61:
                self.problem(f"{where}latitude must be a number between 49 and 61 (the United Kingdom)")
                latitude = 0.0
            if not isinstance(longitude, (int, float)) or not -9 <= longitude <= 2:
                self.problem(f"{where}longitude must be a number between -9 and 2 (the United Kingdom)")
                longitude = 0.0
            found.append(Place(str(kind), name, float(latitude), float(longitude), code, ward))
        return tuple(found)


# --------------------------------------------------------------------------- the active area


_active: Area | None = None


def configured_path() -> Path:
    """The area file named by ENGAGE_AREA_FILE, or the demo area's."""
    return Path(os.environ.get(ENVIRONMENT_VARIABLE) or DEMO_AREA_FILE)


def activate(area: Area) -> Area:
    """Serve this area from now on (create_app does it once at start-up; tests set up a second area)."""
    global _active
    _active = area
    return area


def current() -> Area:
    """The area being served: the one activated at start-up, else the configured file's."""
    if _active is None:
        activate(load(configured_path()))
    return _active


def is_demo(area: Area) -> bool:
    return Path(area.source).resolve() == DEMO_AREA_FILE.resolve() if area.source else False
