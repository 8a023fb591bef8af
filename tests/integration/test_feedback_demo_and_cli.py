"""The demo loader, re-analysis after an engine failure, retraining from moderators' codes, and page hints."""

import pytest
from sqlalchemy import func, select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.feedback import analysis, demo, service, themes
from engage.feedback.models import AnalysisStatus, Comment, CommentStatus, TrainedModel
from tests.integration.feedback_helpers import break_the_model


def _count(*where) -> int:
    return db.session.scalar(select(func.count()).select_from(Comment).where(*where))


def test_demo_loads_about_200_comments_in_several_languages_and_loading_twice_changes_nothing(app, outbox):
    demo.load_demo()
    total = _count()
    assert 190 <= total <= 210
    languages = set(db.session.scalars(select(Comment.language)))
    assert {"en", "pl", "ro", "lt", "ur", "bn"} <= languages
    assert _count(Comment.safeguarding_flagged.is_(True)) >= 2
    assert _count(Comment.status == CommentStatus.published, Comment.response.is_not(None)) >= 10
    assert outbox == []  # demo alerts are marked as sent, never emailed
    demo.load_demo()
    assert _count() == total


def test_given_the_engine_fails_then_the_comment_is_kept_and_reanalyse_retries_it(app, client, runner):
    broken = break_the_model()
    data = {"topic": "general", "text": "The bus to Westbury school is late every day.", "publish_consent": "private"}
    assert client.post("/feedback", data=data).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.text == data["text"] and comment.analysis_status == AnalysisStatus.failed
    failed = runner.invoke(args=["feedback", "reanalyse"])
    assert failed.exit_code == 1 and "1 failed" in failed.output
    db.session.delete(broken)
    db.session.commit()
    result = runner.invoke(args=["feedback", "reanalyse"])
    assert result.exit_code == 0 and "Analysed 1" in result.output
    db.session.refresh(comment)
    assert comment.analysis_status == AnalysisStatus.done and "transport" in comment.suggested_themes


@pytest.mark.parametrize("command", [["feedback", "retrain"], ["insight", "retrain"]])
def test_retrain_learns_from_moderators_codes_and_new_comments_use_it(app, runner, tmp_path, command):
    themes.ensure_seeded()
    coded = {
        "respite": ["Respite weekends at the lodge gave us a break", "The lodge respite nights are wonderful",
                    "More respite at the lodge please", "Respite lodge staff are kind"],
        "transport": ["The taxi to school never arrives on time", "School taxi driver was rude",
                      "Taxi escort changed again without notice", "We need a taxi for college"],
    }  # fmt: skip
    respite = themes.add_theme("Respite lodge")
    for slug, texts in coded.items():
        theme = respite if slug == "respite" else themes.by_slugs([slug])[0]
        for text in texts:
            comment = service.submit_comment(topic="service", text=text, publish_consent="private")
            service.set_themes(comment, [theme.id])
    result = runner.invoke(args=[*command, "--model-out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "model" / "model.json").exists()  # the analyst's copy
    stored = db.session.scalar(select(TrainedModel))
    assert stored.rows == len(service.coded_examples()) > 0 and stored.weights
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "feedback.retrain")) is not None
    analysis._loaded.clear()  # another worker or machine: nothing loaded yet, so it reads the database
    new = service.submit_comment(
        topic="service", text="Could we have another respite weekend at the lodge", publish_consent="private"
    )
    assert respite.slug in new.suggested_themes


@pytest.mark.parametrize("command", [["feedback", "retrain"], ["insight", "retrain"]])
def test_retrain_with_no_codes_explains_why(app, runner, command):
    result = runner.invoke(args=command)
    assert result.exit_code != 0 and "no coded comments" in result.output.lower()


def test_only_the_newest_retrained_models_are_kept(app, runner):
    themes.ensure_seeded()
    coded = {
        "transport": ["The school taxi was late again this morning", "There was no escort on the school bus today",
                      "The taxi driver was rude to my son", "The council refused his bus pass for college"],
        "communication": ["Nobody replied to my emails about the plan", "The letters from the council never arrive",
                          "We have had no updates at all since June", "My phone calls to the team are ignored"],
    }  # fmt: skip
    for slug, texts in coded.items():
        theme = themes.by_slugs([slug])[0]
        for text in texts:
            service.set_themes(
                service.submit_comment(topic="service", text=text, publish_consent="private"), [theme.id]
            )
    for _ in range(service.KEEP_TRAINED_MODELS + 2):
        result = runner.invoke(args=["insight", "retrain"])
        assert result.exit_code == 0, result.output
    ids = db.session.scalars(select(TrainedModel.id).order_by(TrainedModel.id)).all()
    assert len(ids) == service.KEEP_TRAINED_MODELS and ids[-1] == service.KEEP_TRAINED_MODELS + 2


def test_given_the_engine_fails_then_a_safeguarding_concern_still_reaches_a_person(app, client, outbox):
    break_the_model()
    data = {"topic": "general", "text": "My son keeps saying he wants to die", "publish_consent": "private"}
    assert client.post("/feedback", data=data).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.analysis_status == AnalysisStatus.failed  # themes, sentiment and redaction wait for the retry
    assert comment.safeguarding_flagged and comment.safeguarding_alert_sent_at is not None and len(outbox) == 1
