"""The demo has four consultations, one at each stage, whatever day it is loaded; loading twice adds nothing."""

from sqlalchemy import func, select

from engage.clock import utcnow
from engage.consultations import demo
from engage.consultations.files import detect_kind
from engage.consultations.models import Action, ActionStatus, Consultation, Follower, Stage
from engage.consultations.stages import stage_at
from engage.extensions import db


def test_the_demo_has_one_consultation_at_each_stage_and_loads_once(app):
    demo.load_demo()
    demo.load_demo()
    consultations = db.session.scalars(select(Consultation)).all()
    assert len(consultations) == 4
    assert {stage_at(c, utcnow()) for c in consultations} == set(Stage)
    open_one = next(c for c in consultations if stage_at(c, utcnow()) == Stage.open)
    formats = {v.promise_key for v in open_one.documents[0].versions}
    assert {"standard", "easy_read", "bsl_video"} <= formats and open_one.survey_ids
    assert db.session.scalar(select(func.count()).select_from(Consultation)) == 4
    followers = db.session.scalars(select(Follower).where(Follower.consultation_id == open_one.id)).all()
    assert {f.language for f in followers} >= {"en", "pl", "ur"} and all(f.active for f in followers)
    assert {f.hear_back for f in followers} == {True, False}  # followers, and commenters who asked to hear back


def test_the_demo_documents_are_real_pdfs():
    assert detect_kind(demo.demo_pdf("Easy read (short breaks)")) == "pdf"


def test_the_demo_has_about_twenty_actions_in_every_status_and_co_production_records(app):
    demo.load_demo()
    demo.load_demo()
    found = db.session.scalars(select(Action)).all()
    assert len(found) == 20
    assert {a.status for a in found} == set(ActionStatus)
    assert all(a.reason for a in found if a.status == ActionStatus.not_doing)
    assert all(c.involvement is not None for c in db.session.scalars(select(Consultation)))
