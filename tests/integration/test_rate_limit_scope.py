"""Only requests to rate-limited routes go through flask-limiter: a survey page, a static file or a 404 skips its
work (resolving limits, its request context, probing Redis while Redis is down), which was a tenth of a survey
page's time; a limited form still goes through it, so its limit holds (tests/integration/test_rate_limits.py)."""

from __future__ import annotations

from flask.globals import request_ctx


def _went_through_limiter(app, path: str, method: str = "GET") -> bool:
    with app.test_request_context(path, method=method):
        assert app.preprocess_request() is None
        app.process_response(app.response_class("x"))
        return hasattr(request_ctx._get_current_object(), "_limiter_request_context")


def test_a_page_without_limits_skips_the_limiter(app):
    assert not _went_through_limiter(app, "/surveys/test-basic")
    assert not _went_through_limiter(app, "/no-such-page")


def test_a_limited_form_goes_through_the_limiter(app):
    assert _went_through_limiter(app, "/feedback", "POST")


def test_the_limited_routes_are_those_with_a_limit(app):
    from engage.ops.ratelimits import limited

    with app.test_request_context("/"):
        assert limited("feedback.new") and limited("surveys.resume") and limited("consultations.comment")
        assert not limited("surveys.page") and not limited("ops.healthz") and not limited(None)
