"""Theme names in reports and digests: the shipped names go into the catalogs (msgctxt = theme id) and are
translated when shown; names moderators gave (renamed or added themes) are shown as they wrote them."""

from __future__ import annotations

import json
import secrets

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from flask_babel import force_locale

from engage import create_app
from engage.extensions import babel
from engage.insight.taxonomy import TAXONOMY_FILE
from engage.reports.themes import extract_themes, shipped_names, theme_label

SHIPPED = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))["themes"]


def test_every_shipped_theme_name_is_extracted_with_its_id_as_context():
    found = list(extract_from_file(extract_themes, str(TAXONOMY_FILE)))
    assert [(context, message) for _line, message, _comments, context in found] == [
        (theme["id"], theme["name"]) for theme in SHIPPED
    ]
    lines = TAXONOMY_FILE.read_text(encoding="utf-8").splitlines()
    line, _message, comments, context = found[0]
    assert f'"id": "{context}"' in lines[line - 1]
    assert context in comments[0]


def test_babel_cfg_sends_the_taxonomy_through_the_theme_extractor():
    from pathlib import Path

    config = (Path(__file__).resolve().parents[3] / "babel.cfg").read_text(encoding="utf-8")
    assert "themes = engage.reports.themes:extract_themes" in config
    assert "[themes: engage/insight/data/send_themes.json]" in config


@pytest.fixture
def fresh_translations():
    """flask-babel keeps loaded catalogs on the one Babel object that every app in this process shares, keyed
    by language only; forget them so this test's own catalog is read, and so no other test sees it."""
    babel.__dict__.pop("domain_instance", None)  # a cached_property: the next use builds a fresh one
    yield
    babel.__dict__.pop("domain_instance", None)


def _app_with_polish_theme(tmp_path, theme_id: str, translated: str):
    catalog = Catalog(locale="pl")
    catalog.add(shipped_names()[theme_id], translated, context=theme_id)
    folder = tmp_path / "translations" / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return create_app(
        {
            "TESTING": True,
            "ENGAGE_ENV": "testing",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "translations"),
        }
    )


def test_a_shipped_theme_is_translated_by_its_id_and_a_renamed_or_added_one_keeps_the_moderators_name(
    tmp_path, fresh_translations
):
    theme = SHIPPED[0]
    app = _app_with_polish_theme(tmp_path, theme["id"], "Komunikacja i informowanie")
    with app.test_request_context("/"):
        with force_locale("pl"):
            assert theme_label(theme["id"], {theme["id"]: theme["name"]}) == "Komunikacja i informowanie"
            assert theme_label(theme["id"], {}) == "Komunikacja i informowanie"  # no stored row yet
            assert theme_label(theme["id"], {theme["id"]: "Talking to families"}) == "Talking to families"
            assert theme_label("respite-at-weekends", {"respite-at-weekends": "Weekend respite"}) == "Weekend respite"
            assert theme_label("unknown-id", {}) == "unknown-id"
            # another shipped theme without a Polish translation falls back to its English name
            other = SHIPPED[1]
            assert theme_label(other["id"], {}) == other["name"]
        with force_locale("en"):
            assert theme_label(theme["id"], {}) == theme["name"]
