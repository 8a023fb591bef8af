"""Every string is translatable and translated: the committed template is current, and each configured
language has every message translated, none fuzzy, with the same placeholders as the English."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from engage.i18n import CODES, DEFAULT_LANGUAGE

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def _keys(catalog):
    return {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalog
        if message.id
    }


def _order(key):
    context, message_id = key
    return (context or "", message_id)


def _read(path: Path, locale=None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def test_the_committed_template_is_current(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_ngettext:1,2",
            "--no-location",
            "--sort-output",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    committed = _keys(_read(TRANSLATIONS / "messages.pot"))
    current = _keys(_read(fresh))
    assert not current - committed, (
        "strings missing from messages.pot (run make check-translations): "
        f"{sorted(current - committed, key=_order)[:10]}"
    )
    assert not committed - current, (
        f"stale strings in messages.pot (run make check-translations): {sorted(committed - current, key=_order)[:10]}"
    )


@pytest.mark.parametrize("code", [code for code in CODES if code != DEFAULT_LANGUAGE])
def test_every_message_is_translated_and_none_is_fuzzy(code):
    template = _keys(_read(TRANSLATIONS / "messages.pot"))
    catalog = _read(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", locale=code)
    missing = template - _keys(catalog)
    assert not missing, f"{code}: not in the catalog (run make check-translations): {sorted(missing, key=_order)[:5]}"
    untranslated = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    assert not untranslated, f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"{code}: fuzzy entries: {fuzzy[:5]}"


@pytest.mark.parametrize("code", [code for code in CODES if code != DEFAULT_LANGUAGE])
def test_translations_keep_the_placeholders(code):
    catalog = _read(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", locale=code)
    for message in catalog:
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        expected = {name for pair in PLACEHOLDER.findall(source) for name in pair if name}
        found = {name for pair in PLACEHOLDER.findall(target) for name in pair if name}
        assert expected == found, f"{code}: placeholders differ in {source!r} -> {target!r}"
