"""Issue 15, defect 7: a page cache never holds or serves what differs by visitor (a flash message above all).

Two clients, as two families on two phones: the first sends a comment from a page and sees the thank-you; the
second, arriving fresh at the same page, must not see it.
"""

from __future__ import annotations

import pytest

from engage.surveys import page_cache
from tests.integration.surveys_helpers import Respondent, use_test_surveys

THANKS = "The Parent Carer Forum&#39;s moderators will read your comment."
COMMENT = {"text": "The page does not say how long the waiting list is.", "publish_consent": "anonymous"}


@pytest.fixture
def two_families(app):
    use_test_surveys(app)
    page_cache.clear()  # the survey page cache lives in the process: start without pages from other tests
    return app.test_client(), app.test_client()


def _comment_from(client, path: str):
    return client.post("/local-offer/comment", query_string={"page": path}, data=COMMENT, follow_redirects=True)


def test_given_a_thank_you_on_a_survey_page_then_a_second_visitor_of_that_page_never_sees_it(two_families):
    first, second = two_families
    Respondent(first, "test-basic").start()
    Respondent(second, "test-basic").start()
    thanked = _comment_from(first, "/surveys/test-basic/page/first")
    assert thanked.status_code == 200 and "Which colour?" in thanked.text
    assert THANKS in thanked.text
    fresh = second.get("/surveys/test-basic/page/first")
    assert fresh.status_code == 200 and "Which colour?" in fresh.text
    assert THANKS not in fresh.text
    again = first.get("/surveys/test-basic/page/first")  # shown once, to its own visitor
    assert again.status_code == 200 and THANKS not in again.text


def test_given_the_survey_page_was_cached_before_then_the_thank_you_still_reaches_its_own_visitor(two_families):
    first, second = two_families
    Respondent(first, "test-basic").start()
    Respondent(second, "test-basic").start()
    assert second.get("/surveys/test-basic/page/first").status_code == 200  # now held by the cache
    thanked = _comment_from(first, "/surveys/test-basic/page/first")
    assert THANKS in thanked.text
    assert THANKS not in second.get("/surveys/test-basic/page/first").text


def test_given_a_thank_you_on_a_local_offer_page_then_a_second_visitor_never_sees_it(two_families):
    first, second = two_families
    thanked = _comment_from(first, "/local-offer")
    assert thanked.status_code == 200 and THANKS in thanked.text
    fresh = second.get("/local-offer")
    assert fresh.status_code == 200 and THANKS not in fresh.text
