"""Who may reach which feedback page; and script in a comment is text in every view."""

import pytest

from engage.extensions import db
from engage.feedback import service

XSS = '<script>alert("x")</script> "><svg onload=alert(1)> javascript:alert(2) the bus was late'


@pytest.fixture
def comment(app):
    made = service.submit_comment(topic="general", text=XSS, publish_consent="anonymous", contact_name="<b>Bold</b>")
    db.session.commit()
    return made


STAFF_PAGES = [
    ("get", "/staff/feedback/"),
    ("get", "/staff/feedback/{id}"),
    ("post", "/staff/feedback/{id}/reject"),
    ("get", "/staff/feedback/themes"),
    ("get", "/staff/feedback/subject-access"),
]
# (path, {role: expected status})
TABLE = [
    ("/staff/feedback/", {"moderator": 200, "leader": 403, "admin": 403}),
    ("/staff/feedback/{id}", {"moderator": 200, "leader": 403, "admin": 403}),
    ("/staff/feedback/themes", {"moderator": 200, "leader": 403, "admin": 403}),
    ("/staff/feedback/comments", {"moderator": 200, "leader": 200, "admin": 403}),
    ("/staff/feedback/export?format=csv", {"moderator": 200, "leader": 200, "admin": 403}),
    ("/staff/feedback/subject-access", {"moderator": 200, "leader": 403, "admin": 200}),
]


@pytest.mark.parametrize(("method", "path"), STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, comment, method, path):
    response = getattr(client, method)(path.format(id=comment.id))
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["moderator", "leader", "admin"])
@pytest.mark.parametrize(("path", "expected"), TABLE)
def test_role_access_table(client, auth, comment, role, path, expected):
    auth.login(role)
    assert client.get(path.format(id=comment.id)).status_code == expected[role]


def test_a_leader_cannot_moderate(client, auth, comment):
    auth.login("leader")
    response = client.post(f"/staff/feedback/{comment.id}/publish", data={"publish-value": "x"})
    assert response.status_code == 403


def test_an_unknown_comment_is_404(client, auth):
    auth.login("moderator")
    assert client.get("/staff/feedback/999999").status_code == 404


@pytest.mark.parametrize("path", ["/staff/feedback/", "/staff/feedback/{id}", "/staff/feedback/comments"])
def test_script_in_a_comment_is_shown_as_text_in_staff_views(client, auth, comment, path):
    auth.login("moderator")
    page = client.get(path.format(id=comment.id)).text
    assert "<script>alert" not in page and "<svg onload" not in page and "<b>Bold</b>" not in page
    assert "&lt;script&gt;" in page or "&lt;svg" in page


def test_script_in_a_comment_is_text_in_the_subject_access_page_and_published_list(client, auth, comment):
    service.publish(comment, "<img src=x onerror=alert(3)> Thanks")
    assert "<img src=x" not in client.get("/feedback/responses").text
    assert "&lt;script&gt;" in client.get("/feedback/responses").text
    auth.login("moderator")
    service.set_themes(comment, [])
    comment.contact_email = "x@example.com"
    db.session.commit()
    page = client.post("/staff/feedback/subject-access", data={"find-email": "x@example.com"}).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_script_in_the_form_is_escaped_when_it_comes_back_with_an_error(client):
    page = client.post("/feedback", data={"text": XSS, "contact_name": '"><script>x()</script>'}).text
    assert "<script>alert" not in page and "<script>x()" not in page


def test_leaders_find_the_redacted_comments_in_their_menu_and_moderators_find_the_queue(client, auth):
    auth.login("leader")
    page = client.get("/staff/").text
    assert 'href="/staff/feedback/comments"' in page and 'href="/staff/feedback/"' not in page
    auth.logout()
    auth.login("moderator")
    assert 'href="/staff/feedback/"' in client.get("/staff/").text
