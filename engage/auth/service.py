"""Everything that changes staff accounts and sessions; views, the CLI and tests all call these."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, g
from sqlalchemy import delete, func, select, update

from engage.audit import record_audit
from engage.auth import passwords, throttle, totp
from engage.auth.models import Role, StaffSession, User
from engage.clock import utcnow
from engage.extensions import db

ENROLMENT_VALID_FOR = timedelta(hours=72)


class EnrolmentError(ValueError):
    """The enrolment link is unknown, used or expired."""


class LastAdministratorError(ValueError):
    """The change would leave no active administrator to manage accounts."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, role: Role | str) -> tuple[User, str]:
    """A new staff account with a one-time enrolment token (returned once, stored only as a hash)."""
    user = User(email=normalise_email(email), role=Role(role))
    db.session.add(user)
    token = _issue_enrolment(user)
    db.session.flush()
    record_audit("auth.user.create", "user", user.id, commit=False, role=user.role.value)
    db.session.commit()
    return user, token


def issue_reset(user: User, *, password: bool = True, authenticator: bool = False) -> str:
    """A new one-time link to set a new password, a new authenticator, or both; ends every session now.

    What is reset stops working at once (a forgotten password may be a leaked one): the person signs in again
    only through the link, which asks for what was kept (the current password, or a code from the current
    authenticator) as well as what is new."""
    if not (password or authenticator):
        raise ValueError("a reset replaces the password, the authenticator or both")
    if password:
        user.password_hash = None
    if authenticator:
        # steps used with the old key say nothing about the new one (its first code may be in the same step)
        user.totp_secret, user.last_totp_step = None, 0
    token = _issue_enrolment(user)
    end_all_sessions(user)
    record_audit("auth.user.reset", "user", user.id, commit=False, password=password, authenticator=authenticator)
    db.session.commit()
    return token


def renew_invitation(user: User) -> str:
    """A new enrolment link for someone who has not finished enrolling; the previous link stops working."""
    token = _issue_enrolment(user)
    record_audit("auth.invitation.renew", "user", user.id, commit=False)
    db.session.commit()
    return token


def active_administrators() -> int:
    query = select(func.count(User.id)).where(User.role == Role.admin, User.active)
    return db.session.scalar(query) or 0


def change_role(user: User, role: Role | str) -> None:
    """Give this person another role (effective on their next request); audited with both roles.

    Refused when it would take the role from the last active administrator: nobody could manage accounts."""
    role = Role(role)
    if role is user.role:
        return
    if user.role is Role.admin and user.active and active_administrators() <= 1:
        raise LastAdministratorError(user.email)
    before = user.role
    user.role = role
    record_audit("auth.user.role", "user", user.id, commit=False, before=before.value, after=role.value)
    db.session.commit()


def _issue_enrolment(user: User) -> str:
    token = secrets.token_urlsafe(32)
    user.enrolment_token_hash = _digest(token)
    user.enrolment_expires_at = utcnow() + ENROLMENT_VALID_FOR
    return token


def user_for_enrolment(token: str) -> User:
    user = db.session.scalar(select(User).where(User.enrolment_token_hash == _digest(token)))
    if user is None or not user.active or user.enrolment_expires_at is None or user.enrolment_expires_at < utcnow():
        raise EnrolmentError(token)
    return user


def complete_enrolment(
    user: User, code: str, secret: str, *, password: str | None = None, current_password: str | None = None
) -> bool:
    """Finish an enrolment or reset: False when the code (or the password kept from before) does not match.

    `password` sets a new one where the account has none; `current_password` proves the person where only the
    authenticator is replaced. The code confirms `secret`, the new authenticator or the one that was kept."""
    if user.password_hash is not None and (current_password is None or not check_password(user, current_password)):
        return False
    step = totp.matching_step(secret, code)
    if step is None or not _claim_step(user, step):
        db.session.rollback()
        return False
    if user.password_hash is None:
        if not password:
            raise ValueError("a new password is needed")
        user.password_hash = passwords.hash_password(password)
    user.totp_secret = secret
    user.enrolment_token_hash = None
    user.enrolment_expires_at = None
    end_all_sessions(user)
    record_audit("auth.enrol", "user", user.id, actor_id=user.id, commit=False)
    db.session.commit()
    return True


def authenticate_password(email: str, password: str) -> User | None:
    """The account for these credentials, or None (the same for unknown email and wrong password).

    Raises throttle.TooManyAttemptsError, before checking anything, when this email has failed too often lately.
    """
    user = find_user(email)
    attempt = _begin_attempt(throttle.account_key("password", normalise_email(email)), user, "password")
    ok = passwords.verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.active or not user.is_enrolled:
        record_audit("auth.login.failure", "user", user.id if user else None, stage="password")
        return None
    throttle.forget(attempt)
    return user


def verify_second_factor(user: User, code: str) -> bool:
    """True once per time step, however many sessions send the same code at once; a replayed code (with or
    without spaces) is refused. Raises throttle.TooManyAttemptsError when this account's codes fail too often."""
    attempt = _begin_attempt(throttle.account_key("code", user.id), user, "code")
    step = totp.matching_step(user.totp_secret or "", code)
    if step is None or not _claim_step(user, step):
        db.session.rollback()
        record_audit("auth.login.failure", "user", user.id, stage="code")
        return False
    db.session.commit()
    throttle.forget(attempt)
    return True


def _claim_step(user: User, step: int) -> bool:
    """Mark `step` used in one conditional UPDATE: of two requests racing with one code, the database lets one
    through (the other's UPDATE matches no row once the first has written). The caller commits."""
    claim = (
        update(User)
        .where(User.id == user.id, User.last_totp_step < step)
        .values(last_totp_step=step)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(claim).rowcount == 1


def _begin_attempt(key: str, user: User | None, stage: str) -> int:
    try:
        return throttle.begin(key)
    except throttle.TooManyAttemptsError:
        record_audit("auth.login.throttled", "user", user.id if user else None, stage=stage)
        raise


def start_session(user: User) -> str:
    """A new server-side session; its token goes into the signed cookie and nowhere else."""
    token = secrets.token_urlsafe(32)
    db.session.add(StaffSession(token_hash=_digest(token), user_id=user.id))
    record_audit("auth.login", "user", user.id, actor_id=user.id, commit=False)
    db.session.commit()
    g.staff_session_token = token
    return token


def _expired(staff_session: StaffSession, now: datetime) -> bool:
    idle = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])
    absolute = timedelta(hours=current_app.config["STAFF_ABSOLUTE_HOURS"])
    return now - staff_session.last_seen_at > idle or now - staff_session.created_at > absolute


def load_session(token: str) -> User | None:
    """The staff member behind a live session token, touching its idle timer; None once it has ended."""
    staff_session = db.session.scalar(select(StaffSession).where(StaffSession.token_hash == _digest(token)))
    if staff_session is None:
        return None
    now = utcnow()
    if _expired(staff_session, now) or not staff_session.user.active:
        db.session.delete(staff_session)
        db.session.commit()
        return None
    # Writing on every request would serialise staff traffic on one row; ten seconds' precision is enough.
    if now - staff_session.last_seen_at > timedelta(seconds=10):
        staff_session.last_seen_at = now
        db.session.commit()
    g.staff_session_token = token
    return staff_session.user


def sign_out(user: User, token: str | None, *, everywhere: bool = False) -> None:
    """End this session, or every session of this person (all their devices) when `everywhere`; audited."""
    if everywhere:
        end_all_sessions(user)
    elif token:
        db.session.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))
    record_audit("auth.logout", "user", user.id, actor_id=user.id, commit=False, everywhere=everywhere)
    db.session.commit()


def end_all_sessions(user: User, *, keep_token: str | None = None) -> None:
    """Ends every session of this person (all devices), except the one given."""
    query = delete(StaffSession).where(StaffSession.user_id == user.id)
    if keep_token:
        query = query.where(StaffSession.token_hash != _digest(keep_token))
    db.session.execute(query)


def check_password(user: User, password: str) -> bool:
    """The signed-in person's own password, throttled like a sign-in (a stolen session cannot guess it)."""
    attempt = _begin_attempt(throttle.account_key("password", user.email), user, "password")
    if not passwords.verify_password(user.password_hash, password):
        record_audit("auth.login.failure", "user", user.id, stage="current_password")
        return False
    throttle.forget(attempt)
    return True


def change_password(user: User, current: str, new: str, code: str) -> bool:
    """Change a password with the current one and a second factor; ends the person's other sessions."""
    if not check_password(user, current) or not verify_second_factor(user, code):
        return False
    user.password_hash = passwords.hash_password(new)
    end_all_sessions(user, keep_token=g.get("staff_session_token"))
    record_audit("auth.password.change", "user", user.id, commit=False)
    db.session.commit()
    return True


def set_active(user: User, active: bool) -> None:
    if not active and user.active and user.role is Role.admin and active_administrators() <= 1:
        raise LastAdministratorError(user.email)
    user.active = active
    if not active:
        end_all_sessions(user)
    record_audit("auth.user.activate" if active else "auth.user.deactivate", "user", user.id, commit=False)
    db.session.commit()


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role, User.email)))
