"""Languages: the one list of what Engage speaks, the URL prefix that chooses one, and text direction.

Precedence, written once: a language prefix in the URL (`/pl/...`) wins; a plain path or `/en/...` is English;
only the bare home page `/` looks at Accept-Language (and redirects to the prefixed home page).
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, request

ENVIRON_LANGUAGE = "engage.language"
ENVIRON_ROOT = "engage.root_script_name"


@dataclass(frozen=True)
class Language:
    code: str
    #: The language's name in English, for staff pages and logs.
    english_name: str
    #: The language's name in itself, for the switcher.
    native_name: str
    direction: str = "ltr"


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English"),
    Language("pl", "Polish", "Polski"),
    Language("ro", "Romanian", "Română"),
    Language("lt", "Lithuanian", "Lietuvių"),
    Language("ur", "Urdu", "اردو", "rtl"),
    Language("bn", "Bengali", "বাংলা"),
)
DEFAULT_LANGUAGE = "en"
CODES = tuple(language.code for language in LANGUAGES)
BY_CODE = {language.code: language for language in LANGUAGES}


class LanguagePrefixMiddleware:
    """Moves a language prefix from PATH_INFO to SCRIPT_NAME.

    The application then sees `/local-offer` whatever the language, and `url_for` builds `/pl/...` links
    by itself, so every link on a page keeps the reader's language.
    """

    def __init__(self, wsgi_app, codes=CODES):
        self.wsgi_app = wsgi_app
        self.codes = frozenset(codes)

    def __call__(self, environ, start_response):
        script_name = environ.get("SCRIPT_NAME", "")
        environ[ENVIRON_ROOT] = script_name
        path = environ.get("PATH_INFO", "") or "/"
        first, _, rest = path.lstrip("/").partition("/")
        if first in self.codes:
            environ[ENVIRON_LANGUAGE] = first
            environ["SCRIPT_NAME"] = f"{script_name}/{first}"
            environ["PATH_INFO"] = "/" + rest
        return self.wsgi_app(environ, start_response)


def current_language_code() -> str:
    """The language of this request (English outside a request)."""
    if not request:
        return DEFAULT_LANGUAGE
    return request.environ.get(ENVIRON_LANGUAGE, DEFAULT_LANGUAGE)


def has_language_prefix() -> bool:
    return ENVIRON_LANGUAGE in request.environ


def preferred_language() -> str:
    """The best configured language for the browser's Accept-Language header."""
    return request.accept_languages.best_match(CODES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def url_in_language(code: str, path: str | None = None) -> str:
    """This same page (or `path`, without the query) in another language; English has no prefix."""
    root = request.environ.get(ENVIRON_ROOT, "")
    prefix = "" if code == DEFAULT_LANGUAGE else f"/{code}"
    if path is not None:
        return f"{root}{prefix}{path}"
    query = request.query_string.decode("latin-1")
    return f"{root}{prefix}{request.path}" + (f"?{query}" if query else "")


def asset_url(filename: str) -> str:
    """A static file's URL without the language prefix, so every language shares one cached copy; built files
    are linked under their content-hashed names (engage/ops/assets.py)."""
    from engage.ops.assets import fingerprinted

    return f"{request.environ.get(ENVIRON_ROOT, '')}/static/{fingerprinted(filename)}"


def compile_catalogs(translations_dir: Path, codes=CODES) -> None:
    """Fail fast when a configured language has no catalog; compile any `.mo` older than its `.po`."""
    for code in codes:
        if code == DEFAULT_LANGUAGE:
            continue
        po_path = translations_dir / code / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            raise RuntimeError(f"Language {code!r} is configured but {po_path} is missing.")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            _compile(po_path, mo_path, code)


def _compile(po_path: Path, mo_path: Path, code: str) -> None:
    """Write the `.mo` whole (a worker starting beside us never reads half a file). On a read-only install the
    build step should have compiled it: say so once and serve what is there, rather than stop every worker."""
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=code)
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(dir=mo_path.parent, suffix=".tmp", delete=False) as mo_file:
            temporary = Path(mo_file.name)
            write_mo(mo_file, catalog)
        temporary.chmod(0o644)
        os.replace(temporary, mo_path)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        logging.getLogger(__name__).warning(
            "translations: cannot write %s (%s); serving %s. Run `pybabel compile -d translations` when building.",
            mo_path,
            error.strerror or type(error).__name__,
            "the older compiled catalog" if mo_path.exists() else "English for this language",
        )


def template_context() -> dict:
    from engage import area  # the area file names the languages it offers (engage/area.py imports this module)

    language = BY_CODE[current_language_code()]
    offered = area.current().languages
    return {
        "current_language": language,
        "languages": tuple(choice for choice in LANGUAGES if choice.code in offered),
        "url_in_language": url_in_language,
        "asset_url": asset_url,
    }


def init_app(app: Flask) -> None:
    app.wsgi_app = LanguagePrefixMiddleware(app.wsgi_app)
    compile_catalogs(Path(app.root_path).parent / "translations")
    app.context_processor(template_context)
