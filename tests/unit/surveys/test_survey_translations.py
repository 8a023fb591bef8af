"""A survey offered in a language has every one of its strings translated in that language's catalog.

Survey text is translated at render time with pgettext(element id, English text), so the catalog
entry that counts is the one with msgctxt = element id and msgid = the English source. These tests
fail until `make check-translations` has extracted survey text and translators have filled the catalogs.
"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from engage.surveys.loader import check_directory

ROOT = Path(__file__).parents[3]
SURVEYS, _ = check_directory(ROOT / "surveys")
OFFERED = sorted((survey.id, lang) for survey in SURVEYS.values() for lang in survey.languages if lang != "en")


def untranslated(survey_id: str, lang: str) -> list[str]:
    po_path = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    assert po_path.exists(), f"{survey_id} is offered in {lang} but {po_path} is missing"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    missing = []
    for text in SURVEYS[survey_id].texts():
        message = catalog.get(text.source, context=text.context)
        if message is None or not message.string or message.fuzzy:
            missing.append(f"{text.context}: {text.source!r}")
    return missing


@pytest.mark.parametrize(("survey_id", "lang"), OFFERED)
def test_a_survey_offered_in_a_language_has_no_untranslated_strings(survey_id, lang):
    missing = untranslated(survey_id, lang)
    shown = "\n  ".join(missing[:10])
    assert not missing, f"{survey_id} in {lang}: {len(missing)} untranslated or fuzzy strings, e.g.\n  {shown}"


def test_every_shipped_survey_is_offered_in_every_site_language():
    for survey in SURVEYS.values():
        assert set(survey.languages) == {"en", "pl", "ro", "lt", "ur", "bn"}, survey.id
