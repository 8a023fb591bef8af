"""Issue 16: two editors on one consultation or action. Given both opened the form, when one saves and then the
other, then the later save writes nothing, says who saved and when, keeps what was typed with the other
person's fields merged in, and saves on top when sent again. Runs on SQLite and, with DATABASE_URL, PostgreSQL."""

from datetime import date

from sqlalchemy import select

from engage.consultations import actions
from engage.consultations.models import Action, ActionStatus, Consultation
from engage.extensions import db
from tests.integration.conflict_helpers import second_client
from tests.integration.consultation_helpers import DAY  # noqa: F401  (the pinned clock the helpers use)
from tests.integration.localoffer_helpers import form_fields

FORM = {
    "title": "Short breaks 2027",
    "slug": "short-breaks-2027",
    "summary": "How short breaks should work next year.",
    "body": "More after-school clubs.",
    "audience": "parents_carers",
    "opens_on": ["10", "1", "2027"],
    "closes_on": ["20", "2", "2027"],
    "outcome_on": ["", "", ""],
    "promised_formats": ["easy_read"],
}


def _typed(form: dict, **changes) -> dict:
    return form | {k: [v] for k, v in changes.items()}


def test_a_consultation_edit_from_an_old_form_is_refused_and_then_saved_on_top(app):
    ana, ana_user = second_client(app)
    ben, _ = second_client(app)
    assert ana.post("/staff/consultations/new", data=FORM).status_code == 302
    consultation = db.session.scalar(select(Consultation))
    url = f"/staff/consultations/{consultation.id}/edit"
    ana_form, ben_form = form_fields(ana.get(url).text), form_fields(ben.get(url).text)
    assert ana.post(url, data=_typed(ana_form, title="Short breaks: what next")).status_code == 302

    refused = ben.post(url, data=_typed(ben_form, summary="Ben's clearer summary."))
    assert refused.status_code == 409
    assert "Someone else saved this consultation while you were editing it" in refused.text
    assert f"Consultation edited by {ana_user.email}" in refused.text
    assert "Fields they changed, now showing their version: Title" in refused.text
    db.session.expire_all()
    assert consultation.summary == FORM["summary"] and consultation.title == "Short breaks: what next"

    assert ben.post(url, data=form_fields(refused.text)).status_code == 302
    db.session.expire_all()
    assert consultation.title == "Short breaks: what next"  # on today's code: put back to the old title
    assert consultation.summary == "Ben's clearer summary."


def test_an_action_update_from_an_old_form_does_not_put_the_old_status_back(app):
    ana, ana_user = second_client(app)
    ben, _ = second_client(app)
    action = actions.create_action(title="Easy-read letters", owner="SEND team", status=ActionStatus.planned,
                                   reason="", due_on=date(2027, 3, 1), consultation=None, theme_slugs=[])  # fmt: skip
    url = f"/staff/consultations/actions/{action.id}"
    ana_form, ben_form = form_fields(ana.get(url).text), form_fields(ben.get(url).text)
    posted = ana.post(f"{url}/updates", data=_typed(ana_form, text="Drafts ready", status="in_progress"))
    assert posted.status_code == 302

    refused = ben.post(f"{url}/updates", data=_typed(ben_form, text="Printer booked"))
    assert refused.status_code == 409
    assert f"Update posted by {ana_user.email}" in refused.text and "Printer booked" in refused.text
    db.session.expire_all()
    assert [u.text for u in action.updates] == ["Drafts ready"]
    assert ben.post(f"{url}/updates", data=form_fields(refused.text)).status_code == 302
    db.session.expire_all()
    assert db.session.get(Action, action.id).status == ActionStatus.in_progress  # not back to planned
    assert sorted(u.text for u in action.updates) == ["Drafts ready", "Printer booked"]
