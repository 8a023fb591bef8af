"""Browser tests: the real app served on loopback, driven by Debian's Chromium through Playwright, checked
with axe-core at a phone's width."""

from __future__ import annotations

import secrets
import shutil
import threading
from datetime import datetime
from pathlib import Path

import pyotp
import pytest
from werkzeug.serving import make_server

from engage import create_app
from engage.auth import passwords
from engage.auth.models import Role, User
from engage.extensions import db
from tests.conftest import STAFF_PASSWORD, config_for_tests

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 375, "height": 812}

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


#: The live server's "now": inside the demo's data (its survey answers stop on 20 November 2026), so the
#: current month has activity and no page depends on the day the tests run.
PINNED_NOW = datetime(2026, 11, 18, 12, 0)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, smtp_controller):
    """The whole app with the demo loaded, on a free loopback port."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium chromium-driver)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    tmp_path = tmp_path_factory.mktemp("live")
    config = config_for_tests(tmp_path, smtp_controller.port) | {
        "WTF_CSRF_ENABLED": True,
        "CLOCK_PINNED_AT": PINNED_NOW,
        "DEMO_PROTECT_REPORTS": True,  # as `make run`: leaders' first views are served stored tables
    }
    config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'live.sqlite'}"
    app = create_app(config)
    with app.app_context():
        db.create_all()
        app.test_cli_runner().invoke(args=["demo", "load"], catch_exceptions=False)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    live_app["app"] = app
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


#: The live server's application, for fixtures that prepare data in its database.
live_app: dict = {}


@pytest.fixture
def live_flask_app(live_server):
    """The live server's application (tests import fixtures, never this module, which pytest loads by path)."""
    return live_app["app"]


@pytest.fixture
def signed_in_page(browser, live_server):
    """A factory: a phone-sized page signed in (password + code, for real) as a new staff member of `role`."""
    contexts = []

    def sign_in(role: str = "moderator"):
        app = live_app["app"]
        with app.app_context():
            user = User(
                email=f"{role}-{secrets.token_hex(4)}@example-borough.invalid",
                role=Role(role),
                password_hash=passwords.hash_password(STAFF_PASSWORD),
                totp_secret=pyotp.random_base32(),
            )
            db.session.add(user)
            db.session.commit()
            email, secret = user.email, user.totp_secret
        context = browser.new_context(viewport=PHONE, bypass_csp=True)
        contexts.append(context)
        page = record_statuses(context.new_page())
        page.goto(f"{live_server}/staff/login")
        page.fill("#email", email)
        page.fill("#password", STAFF_PASSWORD)
        page.click("button[type=submit], input[type=submit]")
        page.fill("#code", pyotp.TOTP(secret).now())
        page.click("button[type=submit], input[type=submit]")
        assert page.url.endswith("/staff/"), page.url
        return page

    yield sign_in
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp only so axe can be injected; the app's own pages never need it.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = record_statuses(context.new_page())
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """axe-core's violations for the page as it is now (WCAG 2.2 AA tags plus target-size)."""
    # A click that navigates returns once the new page has started loading; before its <head>
    # is parsed there is nowhere to put axe's script, so wait for the whole document.
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: {'target-size': {enabled: true}},
        })""",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def loaded_status(page) -> int:
    """The HTTP status of the document now shown (the browser's own record of its navigation)."""
    page.wait_for_load_state("load")
    status = page.evaluate(
        "(() => { const e = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];"
        " return e ? e.responseStatus : null; })()"
    )
    # Playwright's fake clock (page.clock.install) replaces `performance`: then the fixtures' own record.
    status = status if status is not None else getattr(page, "engage_status", None)
    assert status is not None, f"{page.url}: no record of the page's status"
    return status


def record_statuses(page):
    """Keeps the status of each document `page` loads (for pages whose `performance` is replaced)."""

    def seen(response) -> None:
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            page.engage_status = response.status

    page.on("response", seen)
    return page


def assert_intended_page(page, *, status: int = 200, heading: str | None = None) -> None:
    """The page asked for loaded: its status is `status` and it has a main heading (containing `heading`).

    axe passes a tidy 403, 404 or 500 page, so checking one instead of the intended page proves nothing.
    """
    got = loaded_status(page)
    headings = page.locator("h1")
    h1 = headings.first.inner_text().strip() if headings.count() else ""
    assert got == status, f"{page.url} answered {got} (heading {h1!r}) where {status} was intended"
    assert h1, f"{page.url} has no main heading: not the intended page"
    assert heading is None or heading in h1, f"{page.url} shows {h1!r}, not {heading!r}"


def assert_accessible(page, *, status: int = 200, heading: str | None = None) -> None:
    """No axe violations, on the intended page (see assert_intended_page): an error page fails here."""
    assert_intended_page(page, status=status, heading=heading)
    violations = axe_violations(page)
    assert violations == [], f"axe found violations on {page.url}: {violations}"


def assert_no_horizontal_scroll(page) -> None:
    page.wait_for_load_state("load")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {PHONE['width']}px"
