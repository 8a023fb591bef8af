"""One comment box for every comment form (feedback, a Local Offer page, a consultation): each form's own words,
the same rules (required even as spaces, a length limit, plain text only)."""

import pytest
from flask import current_app
from werkzeug.datastructures import MultiDict

from engage.consultations.forms import CommentForm as ConsultationCommentForm
from engage.feedback.forms import CommentForm as FeedbackCommentForm
from engage.feedback.forms import comment_text_field
from engage.localoffer.forms import CommentForm as LocalOfferCommentForm

FORMS = [
    (FeedbackCommentForm, "Enter your comment", 5000, "Your comment must be 5,000 characters or fewer"),
    (LocalOfferCommentForm, "Tell us what is missing or what is out of date", 2000,
     "Your comment must be 2,000 characters or fewer"),
    (ConsultationCommentForm, "Write your comment", 2000, "Your comment must be 2,000 characters or fewer"),
]  # fmt: skip


def _errors(form_class, text: str) -> list[str]:
    with current_app.test_request_context(method="POST"):
        form = form_class(formdata=MultiDict({"text": text}), meta={"csrf": False})
        form.text.validate(form)
        return [str(e) for e in form.text.errors]


@pytest.mark.parametrize(("form_class", "required", "limit", "too_long"), FORMS)
def test_every_comment_form_uses_the_shared_comment_box_with_its_own_words(app, form_class, required, limit, too_long):
    assert form_class.text.field_class is comment_text_field(required).field_class
    assert _errors(form_class, "   ") == [required]
    assert _errors(form_class, "x" * (limit + 1)) == [too_long]
    assert "characters we cannot read" in _errors(form_class, "bad\x00text")[0]
    assert _errors(form_class, "Holiday clubs, please") == []
