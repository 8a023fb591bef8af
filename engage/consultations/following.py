"""Following a consultation by email: double opt-in, unsubscribe, and nothing new for a second request."""

from __future__ import annotations

import enum
import logging
import smtplib

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from engage import mail
from engage.clock import utcnow
from engage.consultations import emails
from engage.consultations.models import Consultation, Follower
from engage.extensions import db

log = logging.getLogger(__name__)


class FollowResult(enum.Enum):
    #: a confirmation email is on its way
    sent = "sent"
    #: the address already follows or waits for confirmation: nothing new was sent
    already = "already"
    #: the email could not be sent (the request was not kept, so trying again works)
    failed = "failed"


def request_follow(consultation: Consultation, email: str, language: str) -> FollowResult:
    """Ask `email` to confirm; a second request for an address already following sends nothing."""
    email = email.strip().lower()
    follower = db.session.scalar(
        select(Follower).where(Follower.consultation_id == consultation.id, Follower.email == email)
    )
    if follower is not None and follower.hear_back:
        # they asked to hear back with a comment; following tells them more (every stage), so they confirm it
        return _send_confirmation(follower, consultation, drop_on_failure=False)
    if follower is not None:
        return FollowResult.already
    follower = Follower(consultation_id=consultation.id, email=email, language=language)
    db.session.add(follower)
    try:
        db.session.commit()
    except IntegrityError:  # the same address at the same moment: the other request sends the email
        db.session.rollback()
        return FollowResult.already
    return _send_confirmation(follower, consultation)


def _send_confirmation(follower: Follower, consultation: Consultation, *, drop_on_failure: bool = True) -> FollowResult:
    message = emails.confirmation(follower, consultation)
    try:
        mail.send_email(follower.email, message.subject, message.text, message.html, headers=message.headers)
    except (smtplib.SMTPException, OSError):
        log.warning("Follow confirmation for consultation %s not sent; the request is dropped", consultation.id)
        if drop_on_failure:
            db.session.delete(follower)
            db.session.commit()
        return FollowResult.failed
    return FollowResult.sent


def request_hear_back(consultation: Consultation, email: str, language: str) -> None:
    """A commenter asked to hear what came of it: active at once (no email is sent now), told of the outcome and of
    linked actions' new statuses; an address that already follows (or waits to confirm) gets nothing new."""
    follower = Follower(
        consultation_id=consultation.id, email=email.strip().lower(), language=language, hear_back=True,
        confirmed_at=utcnow(),
    )  # fmt: skip
    db.session.add(follower)
    try:
        db.session.commit()
    except IntegrityError:  # the address is already on the list (or was added at the same moment)
        db.session.rollback()


def _follower(token: str, purpose: str, consultation: Consultation) -> Follower | None:
    follower_id = emails.follower_id_from(token, purpose)
    follower = db.session.get(Follower, follower_id) if follower_id is not None else None
    return follower if follower is not None and follower.consultation_id == consultation.id else None


def confirm(token: str, consultation: Consultation) -> Follower | None:
    """Confirm a pending follower (a second click changes nothing); None for a bad or stale link."""
    follower = _follower(token, "confirm", consultation)
    if follower is None:
        return None
    if follower.confirmed_at is None or follower.hear_back:
        follower.confirmed_at = follower.confirmed_at or utcnow()
        follower.hear_back = False  # now a follower: told of every stage
        db.session.commit()
    return follower


def unfollow(token: str, consultation: Consultation) -> bool:
    """Stop every email about this consultation to this address by deleting the address (nothing is kept that is no
    longer needed); False for a bad link or one already used."""
    follower = _follower(token, "unfollow", consultation)
    if follower is None:
        return False
    db.session.delete(follower)  # its unsent notifications go with it
    db.session.commit()
    return True


def check_token(token: str, purpose: str, consultation: Consultation) -> bool:
    """Whether a link is genuine (for the page that asks the person to press the button)."""
    return _follower(token, purpose, consultation) is not None
