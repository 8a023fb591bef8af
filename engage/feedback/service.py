"""Everything that changes comments: submission, analysis and each moderator action (every one audited).

Views, the CLI, the demo loader and tests all call these functions.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from datetime import timedelta

from sqlalchemy import delete, or_, select

from engage.audit import record_audit
from engage.clock import utcnow
from engage.extensions import db
from engage.feedback import alerts, analysis, themes
from engage.feedback.models import (
    OPEN_STATUSES,
    AnalysisStatus,
    Comment,
    CommentStatus,
    PublishConsent,
    Regulation56,
    RejectionCategory,
    Theme,
    Topic,
    TrainedModel,
)
from engage.insight import ANALYSIS_VERSION, redact
from engage.insight.safeguarding_severity import RAISED_BY_PERSON, severity, severity_from_explanation

log = logging.getLogger(__name__)

DUPLICATE_WINDOW = timedelta(hours=24)
MAX_COMMENT_LENGTH = 5000


class ModerationError(ValueError):
    """A moderator action that is not allowed in the comment's current state (the message says why)."""


def normalise_text(text: str) -> str:
    """Case, spacing and line endings do not make a comment different."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def is_duplicate(text: str) -> bool:
    """The same words were sent within the last day (a double click, a resend, a flood)."""
    since = utcnow() - DUPLICATE_WINDOW
    query = select(Comment.id).where(
        Comment.content_hash == content_hash(text), Comment.created_at >= since, Comment.topic != Topic.survey
    )  # a survey answer with the same words is another person's, not a resend
    return db.session.scalar(query.limit(1)) is not None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def submit_comment(
    *,
    topic: Topic | str,
    text: str,
    publish_consent: PublishConsent | str,
    about: str | None = None,
    contact_name: str | None = None,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    page_useful: bool | None = None,
    out_of_date: bool = False,
) -> Comment | None:
    """Store a family's comment first, then analyse it and raise any safeguarding alert.

    Returns None for a duplicate (nothing new is stored). Analysis or email failing never loses the comment.
    """
    if is_duplicate(text):
        return None
    email = _clean(contact_email)
    comment = Comment(
        topic=Topic(topic),
        about=_clean(about),
        text=text,
        publish_consent=PublishConsent(publish_consent),
        contact_name=_clean(contact_name),
        contact_email=email.lower() if email else None,
        contact_phone=_clean(contact_phone),
        page_useful=page_useful,
        out_of_date=out_of_date,
        content_hash=content_hash(text),
    )
    db.session.add(comment)
    db.session.commit()
    analyse(comment)
    return comment


def analyse(comment: Comment) -> bool:
    """Analyse a stored comment; on failure mark it `failed` for `feedback reanalyse` and keep it."""
    try:
        apply_analysis(comment)
    except Exception:
        log.exception("Analysis of comment %s failed; it is kept and will be retried", comment.id)
        db.session.rollback()
        comment.analysis_status = AnalysisStatus.failed
        _safeguarding_check_alone(comment)
        db.session.commit()
        if comment.alert_pending:
            alerts.send_safeguarding_alert(comment)
        return False
    db.session.commit()
    if comment.alert_pending:
        alerts.send_safeguarding_alert(comment)
    return True


def _safeguarding_check_alone(comment: Comment) -> None:
    """When the full analysis fails (a damaged retrained model, say), still look for a concern: the shipped
    patterns and safeguarding model need nothing the failure could have broken."""
    try:
        if kinds := analysis.safeguarding_concerns(comment.text, comment.english_translation):
            _raise_concern(comment, quiet=_quiet_recheck(comment))
            comment.safeguarding_severity = max(comment.safeguarding_severity or 0, severity(kinds))
    except Exception:
        log.exception("The safeguarding check of comment %s failed too; a moderator will see it unanalysed", comment.id)


def apply_analysis(comment: Comment) -> None:
    """Run the insight engine and put its result on the comment (not committed); raises when the engine fails."""
    result = analysis.analyse_comment(
        comment.text,
        translation=comment.english_translation,
        taxonomy=themes.current_taxonomy(),
        model=current_trained_model(),
    )
    _store_analysis(comment, result)


#: An engine upgrade re-reads every stored comment. A concern it newly sees in a comment a moderator has closed, or
#: in one older than this, is flagged like any other but not emailed: an upgrade must not send a burst of alerts
#: about last year's comments. (A first analysis, or one after a moderator's translation, always emails.)
RECHECK_ALERT_DAYS = 30


def _quiet_recheck(comment: Comment) -> bool:
    upgrade = comment.analysis_version is not None and comment.analysis_version < ANALYSIS_VERSION
    old = comment.created_at is not None and comment.created_at < utcnow() - timedelta(days=RECHECK_ALERT_DAYS)
    return upgrade and (comment.status not in OPEN_STATUSES or old)


def _raise_concern(comment: Comment, *, quiet: bool) -> None:
    """The engine raises a concern; only a person lowers one, so re-analysis never clears it.

    Nor does re-analysis raise again a concern a moderator judged not to be one (the decision stands until a
    person raises it again with flag_safeguarding).
    """
    if not comment.safeguarding_flagged and comment.safeguarding_dismissed_at is None:
        comment.safeguarding_flagged = True
        comment.safeguarding_alert_suppressed = quiet


def _store_analysis(comment: Comment, result: dict) -> None:
    quiet = _quiet_recheck(comment)
    comment.language = result["language"]
    comment.sentiment_engine = result["sentiment"]
    if comment.sentiment_corrected_at is None:  # a moderator's correction stands
        comment.sentiment = result["sentiment"]
        comment.sentiment_score = result["sentiment_score"]
    comment.suggested_themes = result["themes"]
    comment.flags = result["flags"]
    comment.personal_details = result["personal_details"]
    comment.explanation = result["explanation"]
    comment.analysis_version = result["version"]
    comment.analysis_status = AnalysisStatus.done
    if not comment.redaction_adjusted:
        comment.redacted_text = result["redacted_text"]
    if "safeguarding" in result["flags"]:
        _raise_concern(comment, quiet=quiet)
    comment.safeguarding_severity = _severity(comment)


def _severity(comment: Comment) -> int:
    """From the engine's evidence; a concern a person raised is never below RAISED_BY_PERSON."""
    found = severity_from_explanation(comment.explanation)
    return max(found, RAISED_BY_PERSON) if comment.safeguarding_flagged and not found else found


def reanalyse_pending(*, everything: bool = False) -> tuple[int, int]:
    """Analyse comments whose analysis is pending, failed or from an older engine (or all); returns (done, failed).

    An engine upgrade (a new ANALYSIS_VERSION: better redaction or safeguarding rules) thereby reaches the
    comments already stored on the next hourly run."""
    query = select(Comment).where(Comment.erased_at.is_(None))
    if not everything:
        query = query.where(
            or_(
                Comment.analysis_status != AnalysisStatus.done,
                Comment.analysis_version.is_(None),
                Comment.analysis_version < ANALYSIS_VERSION,
            )
        )
    done = failed = 0
    for comment in db.session.scalars(query.order_by(Comment.id)).all():
        if analyse(comment):
            done += 1
        else:
            failed += 1
    return done, failed


# --- moderator actions -------------------------------------------------------------------------------------------
#
# Each takes commit=False so the comment page can save every section and the chosen action together, or nothing.


def _save(commit: bool) -> None:
    if commit:
        db.session.commit()
    else:
        db.session.flush()


def after_save(comment: Comment, *, translated: bool = False) -> None:
    """What follows a saved change: a new translation is analysed again; a concern raised is emailed."""
    if translated:
        analyse(comment)
    if comment.alert_pending:
        alerts.send_safeguarding_alert(comment)


def _touch(comment: Comment) -> None:
    if comment.status == CommentStatus.new:
        comment.status = CommentStatus.in_review


def _require_open(comment: Comment) -> None:
    if comment.status not in OPEN_STATUSES:
        raise ModerationError("closed")


def adjust_redaction(comment: Comment, redacted_text: str, *, commit: bool = True) -> None:
    """A moderator's own redaction; kept through later re-analysis."""
    comment.redacted_text = redacted_text.strip()
    comment.redaction_adjusted = True
    _touch(comment)
    record_audit("feedback.comment.redact", "comment", comment.id, commit=False)
    _save(commit)


def set_themes(comment: Comment, theme_ids: list[int], *, commit: bool = True) -> None:
    """Confirm, reject or add themes; these codes are what `feedback retrain` learns from."""
    chosen = list(db.session.scalars(select(Theme).where(Theme.id.in_(theme_ids or [-1]))))
    before = {t.slug for t in comment.themes}
    comment.themes = chosen
    after = {t.slug for t in chosen}
    _touch(comment)
    record_audit(
        "feedback.comment.themes", "comment", comment.id, commit=False,
        added=sorted(after - before), removed=sorted(before - after),
    )  # fmt: skip
    _save(commit)


def add_translation(comment: Comment, english: str, *, commit: bool = True) -> None:
    """Store a moderator's English translation, then re-analyse sentiment and themes from it."""
    comment.english_translation = english.strip() or None
    _touch(comment)
    record_audit("feedback.comment.translate", "comment", comment.id, commit=False)
    if commit:  # a caller saving more first analyses once everything is saved
        db.session.commit()
        analyse(comment)
    else:
        db.session.flush()


def set_regulation_56(comment: Comment, code: Regulation56 | str | None, *, commit: bool = True) -> None:
    """Code a Local Offer comment to regulation 56(1) (a), (b) or (c), by member or name; None clears the code."""
    before = comment.regulation_56
    if isinstance(code, str) and code in Regulation56.__members__:
        code = Regulation56[code]
    comment.regulation_56 = Regulation56(code) if code else None
    _touch(comment)
    record_audit(
        "feedback.comment.regulation_56", "comment", comment.id, commit=False,
        before=before.value if before else None, after=comment.regulation_56.value if comment.regulation_56 else None,
    )  # fmt: skip
    _save(commit)


def publish(comment: Comment, response: str, intended_action: str | None = None, *, commit: bool = True) -> None:
    """Publish the redacted text with the area's response (and, optionally, what it intends to do).

    Only a person does this, never the engine. A Local Offer comment must be coded to regulation 56(1) first,
    so "You said, we did" can say what it was about.
    """
    _require_open(comment)
    if comment.publish_consent != PublishConsent.anonymous:
        raise ModerationError("no-consent")
    if not (comment.redacted_text or "").strip():
        raise ModerationError("no-redaction")
    if comment.safeguarding_flagged and not comment.safeguarding_action:
        raise ModerationError("safeguarding-open")
    if not response.strip():
        raise ModerationError("no-response")
    if comment.topic == Topic.local_offer and comment.regulation_56 is None:
        raise ModerationError("no-code")
    comment.response = response.strip()
    comment.intended_action = (intended_action or "").strip() or None
    comment.status = CommentStatus.published
    comment.published_at = utcnow()
    record_audit("feedback.comment.publish", "comment", comment.id, commit=False)
    _save(commit)


def reject(
    comment: Comment, reason: str, category: RejectionCategory | str | None = None, *, commit: bool = True
) -> None:
    """Leave a comment out with a reason; the category (vexatious, spam...) is what the public count shows."""
    if not reason.strip():
        raise ModerationError("no-reason")
    comment.rejection_reason = reason.strip()
    comment.rejection_category = RejectionCategory(category) if category else RejectionCategory.other
    comment.status = CommentStatus.rejected
    comment.published_at = None
    record_audit(
        "feedback.comment.reject", "comment", comment.id, commit=False, category=comment.rejection_category.value
    )
    _save(commit)


def mark_individual_case(comment: Comment, passed_to: str, *, commit: bool = True) -> None:
    """One family's own case: passed to a service to act on, never published."""
    if not passed_to.strip():
        raise ModerationError("no-service")
    comment.passed_to = passed_to.strip()
    comment.status = CommentStatus.individual_case
    comment.published_at = None
    record_audit("feedback.comment.individual_case", "comment", comment.id, commit=False)
    _save(commit)


def file_survey_answer(comment: Comment, *, commit: bool = True) -> None:
    """A moderator is done with a survey answer (translated, concern acted on): it joins its response, private."""
    _require_open(comment)
    if comment.topic != Topic.survey:
        raise ModerationError("not-survey")
    if comment.safeguarding_flagged and not comment.safeguarding_action:
        raise ModerationError("safeguarding-open")
    comment.status = CommentStatus.filed
    record_audit("feedback.comment.file", "comment", comment.id, commit=False)
    _save(commit)


def flag_safeguarding(comment: Comment, *, commit: bool = True) -> None:
    """A moderator raises a concern the engine missed: the alert goes out at once."""
    comment.safeguarding_flagged = True
    comment.safeguarding_alert_suppressed = False  # a person raised it: the team is told
    comment.safeguarding_severity = max(comment.safeguarding_severity or 0, RAISED_BY_PERSON)
    comment.safeguarding_dismissed_at = comment.safeguarding_dismissed_by_id = None
    comment.safeguarding_dismissal_reason = None  # the audit log keeps the earlier decision
    _touch(comment)
    record_audit("feedback.comment.safeguarding_flag", "comment", comment.id, commit=False)
    if commit:  # a caller saving more first sends the alert (after_save) once everything is saved
        db.session.commit()
        after_save(comment)
    else:
        db.session.flush()


def record_safeguarding_action(comment: Comment, action: str, actor_id: int | None, *, commit: bool = True) -> None:
    """What was done about a concern (referral made, family contacted...)."""
    if not action.strip():
        raise ModerationError("no-action")
    comment.safeguarding_action = action.strip()
    comment.safeguarding_action_at = utcnow()
    comment.safeguarding_action_by_id = actor_id
    _touch(comment)
    record_audit("feedback.comment.safeguarding_action", "comment", comment.id, commit=False)
    _save(commit)


def coded_examples() -> list[tuple[str, list[str]]]:
    """(English text, confirmed theme slugs) for every coded comment the engine can read.

    The text is the redacted one: a trained model keeps every word it saw twice, so a child's name written in
    two comments would otherwise live on in the model (and outlive the comments' erasure).
    """
    coded = db.session.scalars(select(Comment).where(Comment.themes.any(), Comment.erased_at.is_(None))).all()
    examples = []
    for c in coded:
        if c.english_translation:
            examples.append((redact(c.english_translation).text, [t.slug for t in c.themes]))
        elif c.language == "en" and c.redacted_text:
            examples.append((c.redacted_text, [t.slug for t in c.themes]))
    return examples


#: Retrained models kept in the database (the newest is used; older ones stay for comparison).
KEEP_TRAINED_MODELS = 3


def current_trained_model():
    """The newest model retrained from moderators' codes, or None for the shipped default.

    One small query per analysis: every worker on every machine picks up a retraining at once.
    """
    token = db.session.scalar(select(TrainedModel.token).order_by(TrainedModel.id.desc()).limit(1))
    if token is None:
        return None
    if (model := analysis.cached_model(token)) is not None:
        return model
    row = db.session.scalar(select(TrainedModel).where(TrainedModel.token == token))
    return analysis.model_from_files(row.token, row.model_json, row.weights)


def retrain_from_codes(model_out: str | None = None) -> dict:
    """Retrain the theme model from moderators' codes and store it; new comments use it from then on.

    ``model_out`` also writes the model's files to a directory (for analysts' `insight score --model`).
    """
    model = analysis.train_from_codes(coded_examples())
    model_json, weights = analysis.model_files(model)
    row = TrainedModel(token=uuid.uuid4().hex, rows=int(model.info.get("rows", 0)), model_json=model_json,
                       weights=weights)  # fmt: skip
    analysis.model_from_files(row.token, model_json, weights)  # refuse to store what cannot be loaded back
    db.session.add(row)
    db.session.flush()
    old = select(TrainedModel.id).order_by(TrainedModel.id.desc()).offset(KEEP_TRAINED_MODELS)
    db.session.execute(delete(TrainedModel).where(TrainedModel.id.in_(old.scalar_subquery())))
    if model_out:
        from engage.insight import save_model

        save_model(model, model_out)
    record_audit("feedback.retrain", "model", row.id, commit=False, rows=row.rows)
    db.session.commit()
    return dict(model.info)


def dismiss_safeguarding(comment: Comment, reason: str, actor_id: int | None, *, commit: bool = True) -> None:
    """ "Not a safeguarding concern": a moderator lowers a flag nobody has acted on, with a reason.

    The flag leaves the safeguarding filter, leaders' views and counts; who, when and why are kept, so retraining
    can learn from the decision (queries.safeguarding_decisions).
    """
    if not reason.strip():
        raise ModerationError("no-reason")
    if not comment.open_concern:
        raise ModerationError("no-open-concern")
    comment.safeguarding_flagged = False
    comment.safeguarding_dismissed_at = utcnow()
    comment.safeguarding_dismissed_by_id = actor_id
    comment.safeguarding_dismissal_reason = reason.strip()
    _touch(comment)
    record_audit("feedback.comment.safeguarding_dismiss", "comment", comment.id, commit=False)
    _save(commit)


SENTIMENTS = ("positive", "neutral", "mixed", "negative")


def correct_sentiment(comment: Comment, sentiment: str, actor_id: int | None, *, commit: bool = True) -> None:
    """A moderator's sentiment replaces the engine's: dashboards count it, re-analysis keeps it, and the engine's
    own label stays in `sentiment_engine` for retraining. The engine's score no longer describes it, so it goes."""
    if sentiment not in SENTIMENTS:
        raise ModerationError("no-sentiment")
    before = comment.sentiment
    comment.sentiment_engine = comment.sentiment_engine or before
    comment.sentiment, comment.sentiment_score = sentiment, None
    comment.sentiment_corrected_at = utcnow()
    comment.sentiment_corrected_by_id = actor_id
    _touch(comment)
    record_audit("feedback.comment.sentiment", "comment", comment.id, commit=False, before=before, after=sentiment)
    _save(commit)
