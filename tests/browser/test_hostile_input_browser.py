"""Hostile input rendered in Chromium (QUALITY.md bar 8): script payloads sent through the public forms (a
family's comment, a Local Offer page comment, a survey's free text) and imported into directory fields, then
every public and staff page that shows them opened in English and Urdu: no payload runs.

The context bypasses the Content Security Policy on purpose: CSP would stop an inline script even if escaping
failed, and this test is about the escaping. A payload that ran sets `window.__xss` or opens a dialog.
"""

from __future__ import annotations

import copy
import itertools
import uuid

import pytest
from sqlalchemy import select

from engage.extensions import db
from engage.feedback.models import Comment
from engage.localoffer import service as directory
from engage.localoffer.demo import demo_documents
from tests.browser.conftest import assert_intended_page
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


def _post(client, path: str, data: dict):
    page = client.get(path, environ_base={"REMOTE_ADDR": "10.9.255.1"})
    response = client.post(
        path, data={"csrf_token": token_in(page.text), **data}, environ_base={"REMOTE_ADDR": next(addresses)}
    )
    assert response.status_code == 302, (path, response.status_code, data)


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
    public = [
        f"/local-offer/services/{service['id']}",
        f"/local-offer/services/{service['id']}/print",
        "/local-offer?q=" + "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
        "/you-said-we-did",
        "/feedback/responses",
    ]
    staff = [
        "/staff/feedback/",
        "/staff/feedback/comments",
        *[f"/staff/feedback/{comment_id}" for comment_id in comments[:4]],
        f"/staff/local-offer/services/{service['id']}",
        f"/staff/local-offer/services/{service['id']}/edit",
        "/staff/surveys/local-offer-feedback/responses",
    ]
    return public, staff


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
    """Opens `url`, checks nothing ran; True when the page shows a payload as text (so it was really tried)."""
    page.goto(url)
    assert_intended_page(page)
    assert_nothing_ran(page, dialogs)
    return f"window.__{MARK}" in page.inner_text("body")


def assert_nothing_ran(page, dialogs: list[str]) -> None:
    ran = page.evaluate(f"window.__{MARK} || null")
    links = page.eval_on_selector_all("a[href^='javascript:' i]", "nodes => nodes.map(n => n.outerHTML)")
    assert (ran, dialogs, links) == (None, [], []), f"a payload ran or became a link on {page.url}"


@pytest.mark.parametrize("language", ["", "/ur"])
def test_no_payload_runs_on_any_public_page(browser, live_server, hostile, language):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = _watch_dialogs(page)
    shown = [path for path in hostile[0] if _open_and_check(page, f"{live_server}{language}{path}", dialogs)]
    # the directory pages and the search show payloads as text (nothing of ours is published yet)
    assert set(hostile[0][:3]) <= set(shown), shown
    context.close()


@pytest.mark.parametrize("language", ["", "/ur"])
def test_no_payload_runs_on_any_staff_page(signed_in_page, live_server, hostile, language):
    page = signed_in_page("moderator")
    dialogs = _watch_dialogs(page)
    shown = [path for path in hostile[1] if _open_and_check(page, f"{live_server}{language}{path}", dialogs)]
    assert set(hostile[1][1:]) <= set(shown), shown  # every page but the queue's summary shows them as text


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
