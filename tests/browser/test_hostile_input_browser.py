"""Hostile input rendered in Chromium (QUALITY.md bar 8): script payloads sent through the public forms (a
family's comment, a Local Offer page comment, a survey's free text, a consultation comment), imported into
directory fields, and typed by staff into their own forms (a service's edit form, an information page, a
consultation), each published by a second person; then every public and staff page that shows them (the
proposed change, the history, the reports, the leaders' comments list) opened in English and Urdu: no payload runs.

The context bypasses the Content Security Policy on purpose: CSP would stop an inline script even if escaping
failed, and this test is about the escaping. A payload that ran sets `window.__xss` or opens a dialog.
"""

from __future__ import annotations

import copy
import itertools
import secrets
import uuid
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from engage.auth import passwords
from engage.auth.models import Role, User
from engage.clock import utcnow
from engage.consultations.models import Consultation
from engage.extensions import db
from engage.feedback.models import Comment
from engage.localoffer import service as directory
from engage.localoffer.demo import demo_documents
from tests.browser.conftest import assert_intended_page
from tests.conftest import STAFF_PASSWORD
from tests.integration.localoffer_helpers import form_fields
from tests.integration.surveys_helpers import Respondent, token_in

MARK = "xss"
PAYLOADS = [
    f"<script>window.__{MARK}='script'</script>",
    f'"><svg onload="window.__{MARK}=\'svg\'">',
    f"<img src=x onerror=\"window.__{MARK}='img'\">",
    f"javascript:window.__{MARK}='link'",
    f"</textarea><script>alert('{MARK}')</script>",
    "\u202eRTL override",
    "long " * 900,
]
addresses = (f"10.9.{n // 256}.{n % 256}" for n in itertools.count(1))


def _post(client, path: str, data: dict, form_page: str = ""):
    """Posts `data` to `path` with the CSRF token of the page holding the form (`path` itself by default)."""
    page = client.get(form_page or path, environ_base={"REMOTE_ADDR": "10.9.255.1"})
    assert page.status_code == 200, (form_page or path, page.status_code)
    response = client.post(
        path, data={"csrf_token": token_in(page.text), **data}, environ_base={"REMOTE_ADDR": next(addresses)}
    )
    assert response.status_code == 302, (path, response.status_code, response.text[:3000])
    return response


#: what `hostile` seeded, once for the live server (which lives for the whole session)
_seeded: dict = {}


@pytest.fixture
def hostile(live_flask_app):
    """Payloads in the live server's database, through its own forms and importer: the pages to visit."""
    if not _seeded:
        _seeded["pages"] = _seed(live_flask_app)
    return _seeded["pages"]


def _seed(app) -> tuple[list[str], list[str]]:
    client = app.test_client()
    for text in PAYLOADS:
        _post(
            client,
            "/feedback",
            {"topic": "general", "text": f"Comment {text}", "publish_consent": "anonymous", "contact_name": text[:80]},
        )
        _post(
            client,
            "/local-offer/comment?page=/local-offer",
            {"useful": "no", "text": f"Page {text}"[:2000], "publish_consent": "anonymous"},
        )
    respondent = Respondent(client, "local-offer-feedback")
    respondent.start()
    respondent.answer("visit", who="parent_carer", found_it="partly")
    respondent.answer("rating", looking_for=PAYLOADS[1][:400], improve=PAYLOADS[0])
    assert respondent.submit().status_code == 302
    service = _hostile_service()
    with app.app_context():
        directory.import_data([service], True, None)
        comments = db.session.scalars(select(Comment.id).where(Comment.text.contains(MARK))).all()
    assert len(comments) >= 2 * len(PAYLOADS) - 2
    author, reviewer = _staff_client(app), _staff_client(app)
    _edit_service_through_the_form(author, reviewer, service["id"])
    _edit_page_through_the_form(author, reviewer, PAGE)
    consultation = _consultation_through_the_form(app, author, client)
    # the pages that must show a payload as text come first; after QUIET, pages that may not (a summary)
    public = [
        f"/local-offer/services/{service['id']}",
        f"/local-offer/services/{service['id']}/print",
        "/local-offer?q=" + "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
        f"/local-offer/pages/{PAGE}",
        f"/consultations/{consultation[1]}",
        "/consultations",
        QUIET,
        "/you-said-we-did",
        "/feedback/responses",
    ]
    staff = [
        "/staff/feedback/comments",
        *[f"/staff/feedback/{comment_id}" for comment_id in comments[:4]],
        f"/staff/local-offer/services/{service['id']}",  # the proposed change, waiting for a second person
        f"/staff/local-offer/services/{service['id']}/edit",
        f"/staff/local-offer/services/{service['id']}/history",
        f"/staff/local-offer/pages/{PAGE}",
        f"/staff/local-offer/pages/{PAGE}/edit",
        f"/staff/consultations/{consultation[0]}",
        f"/staff/consultations/{consultation[0]}/edit",
        "/staff/surveys/local-offer-feedback/responses",
        QUIET,
        "/staff/feedback/",
        "/staff/reports/?period=all",
    ]
    return public, staff


#: the information page edited through its staff form (no other test reads it)
PAGE = "complaints-mediation-tribunal"
#: the pages listed after it need not show a payload (a summary, a dashboard of counts)
QUIET = "-"
MARKDOWN_LINK = f"[a link](javascript:window.__{MARK}='md')"


def _staff_client(app):
    """A test client of the live server signed in (password + code, CSRF tokens read from the pages) as a new
    moderator."""
    with app.app_context():
        user = User(
            email=f"moderator-{secrets.token_hex(4)}@example-borough.invalid",
            role=Role("moderator"),
            password_hash=passwords.hash_password(STAFF_PASSWORD),
            totp_secret=pyotp.random_base32(),
        )
        db.session.add(user)
        db.session.commit()
        email, secret = user.email, user.totp_secret
    client = app.test_client()
    _post(client, "/staff/login", {"email": email, "password": STAFF_PASSWORD})
    _post(client, "/staff/login/code", {"code": pyotp.TOTP(secret).now()})
    return client


def _post_form(client, path: str, changes: dict) -> None:
    """The form at `path` posted as a browser would, with `changes` typed into it."""
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    response = client.post(path, data=form_fields(page.text) | changes)
    assert response.status_code == 302, (path, response.status_code, response.text[:3000])


def _edit_service_through_the_form(author, reviewer, service_id: str) -> None:
    """Payloads typed into every free-text field of the staff edit form and published by a second moderator;
    then a second edit left waiting, so its proposed change shows payloads too."""
    staff = f"/staff/local-offer/services/{service_id}"
    texts = {
        "name": f"Edited {PAYLOADS[0]}",
        "description": " ".join(PAYLOADS[:6]) + " " + MARKDOWN_LINK,
        "eligibility": PAYLOADS[1],
        "application_process": PAYLOADS[2],
        "fees": PAYLOADS[4],
        "contact_name": PAYLOADS[2],
        "opening_times": PAYLOADS[0],
        "location_name": PAYLOADS[1],
        "address_1": PAYLOADS[2],
        "town": PAYLOADS[3],
        "accessibility": PAYLOADS[4],
    }
    _post_form(author, f"{staff}/edit", {k: [v] for k, v in texts.items()})
    _post(author, f"{staff}/submit", {}, form_page=staff)
    _post(reviewer, f"{staff}/publish", {}, form_page=staff)
    _post_form(author, f"{staff}/edit", {"description": [f"Waiting {PAYLOADS[1]} {PAYLOADS[4]}"]})
    _post(author, f"{staff}/submit", {}, form_page=staff)


def _edit_page_through_the_form(author, reviewer, slug: str) -> None:
    texts = {
        "title": f"Rules {PAYLOADS[1]}",
        "body": "\n\n".join([*PAYLOADS[:5], MARKDOWN_LINK]),
        "owner": PAYLOADS[2],
    }
    _post_form(author, f"/staff/local-offer/pages/{slug}/edit", {k: [v] for k, v in texts.items()})
    _post(reviewer, f"/staff/local-offer/pages/{slug}/publish", {}, form_page=f"/staff/local-offer/pages/{slug}")


def _consultation_through_the_form(app, author, public) -> tuple[int, str]:
    """A consultation open today, written with payloads and published, and a family's comment on it; it closes
    after the demo's open one, which the consultations browser test expects listed first."""
    slug = f"hostile-{secrets.token_hex(3)}"
    today = utcnow().date()
    day = lambda d: [str(d.day), str(d.month), str(d.year)]  # noqa: E731
    form = {
        "title": f"Consult {PAYLOADS[1]}",
        "slug": slug,
        "summary": PAYLOADS[0],
        "body": "\n\n".join([*PAYLOADS[:5], MARKDOWN_LINK]),
        "audience": "parents_carers",
        "opens_on": day(today),
        "closes_on": day(today + timedelta(days=90)),
        "outcome_on": ["", "", ""],
    }
    _post(author, "/staff/consultations/new", form)
    with app.app_context():
        consultation_id = db.session.scalar(select(Consultation.id).where(Consultation.slug == slug))
    staff = f"/staff/consultations/{consultation_id}"
    _post(author, f"{staff}/publish", {}, form_page=staff)
    _post(
        public,
        f"/consultations/{slug}/comment",
        {"text": f"Consulted {PAYLOADS[2]}"},
        form_page=f"/consultations/{slug}",
    )
    return consultation_id, slug


def _hostile_service() -> dict:
    """A demo service document whose every text field carries a payload (links: http only, so the `javascript:`
    payload goes into the text, where it must stay text)."""
    doc = _fresh_ids(copy.deepcopy(demo_documents(1)[0]))
    doc["name"] = f"Hostile {PAYLOADS[1]}"[:200]
    doc["description"] = " ".join(PAYLOADS[:6])
    for key in ("eligibility", "application_process", "fees"):
        if key in doc:
            doc[key] = PAYLOADS[2]
    return doc


def _fresh_ids(node, key: str = ""):
    """The document as a new service: every record's own id replaced (its organisation kept)."""
    if isinstance(node, dict) and key != "organization":
        return {k: (str(uuid.uuid4()) if k == "id" else _fresh_ids(v, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_fresh_ids(item, key) for item in node]
    return node


def _watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def _open_and_check(page, url: str, dialogs: list[str]) -> bool:
    """Opens `url`, checks nothing ran; True when the page shows a payload as text, or holds one as the value of
    a form field (so it was really tried)."""
    page.goto(url)
    assert_intended_page(page)
    assert_nothing_ran(page, dialogs)
    values = page.eval_on_selector_all("input, textarea", "nodes => nodes.map(n => n.value).join(' ')")
    return f"window.__{MARK}" in page.inner_text("body") + values


def assert_nothing_ran(page, dialogs: list[str]) -> None:
    ran = page.evaluate(f"window.__{MARK} || null")
    links = page.eval_on_selector_all("a[href^='javascript:' i]", "nodes => nodes.map(n => n.outerHTML)")
    assert (ran, dialogs, links) == (None, [], []), f"a payload ran or became a link on {page.url}"


@pytest.mark.parametrize("language", ["", "/ur"])
def test_no_payload_runs_on_any_public_page(browser, live_server, hostile, language):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = _watch_dialogs(page)
    pages = [path for path in hostile[0] if path != QUIET]
    shown = [path for path in pages if _open_and_check(page, f"{live_server}{language}{path}", dialogs)]
    # the directory, the information page and the consultation show payloads as text (no comment is published)
    assert set(hostile[0][: hostile[0].index(QUIET)]) <= set(shown), shown
    context.close()


@pytest.mark.parametrize("language", ["", "/ur"])
def test_no_payload_runs_on_any_staff_page(signed_in_page, live_server, hostile, language):
    page = signed_in_page("moderator")
    dialogs = _watch_dialogs(page)
    pages = [path for path in hostile[1] if path != QUIET]
    shown = [path for path in pages if _open_and_check(page, f"{live_server}{language}{path}", dialogs)]
    assert set(hostile[1][: hostile[1].index(QUIET)]) <= set(shown), shown


def test_no_payload_runs_on_the_pages_a_leader_reads(signed_in_page, live_server, hostile):
    """The leaders' read-only views: the redacted comments list and the reports dashboard."""
    page = signed_in_page("leader")
    dialogs = _watch_dialogs(page)
    assert _open_and_check(page, f"{live_server}/staff/feedback/comments", dialogs)
    _open_and_check(page, f"{live_server}/staff/reports/?period=all", dialogs)


def test_the_check_sees_a_payload_that_runs(browser, live_server):
    """A guard on the guard: the same check fails when a script does run (bypassing CSP as above)."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = _watch_dialogs(page)
    page.goto(f"{live_server}/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__xss=1\">')")
    page.wait_for_function("window.__xss === 1")
    with pytest.raises(AssertionError, match="a payload ran"):
        assert_nothing_ran(page, dialogs)
    context.close()
