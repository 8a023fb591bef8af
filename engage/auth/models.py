"""Staff accounts and their server-side sessions."""

from __future__ import annotations

import enum
from datetime import datetime

from flask import g
from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.clock import utcnow
from engage.extensions import db


class Role(enum.Enum):
    #: Parent Carer Forum moderator: curates the Local Offer, moderates comments.
    moderator = "moderator"
    #: Area leader (council, NHS, education): reads reports and redacted comments.
    leader = "leader"
    #: Administrator: manages staff accounts and sees the audit log.
    admin = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-cased; the login name.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[Role] = mapped_column(Enum(Role, name="staff_role", native_enum=False, length=20))
    #: argon2id hash; empty until the person completes enrolment.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: Base32 TOTP secret; empty until enrolment confirms a first code.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    #: The last TOTP time step accepted, so a code works once only.
    last_totp_step: Mapped[int] = mapped_column(default=0)
    #: SHA-256 of the one-time enrolment (or reset) token; empty once used.
    enrolment_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrolment_expires_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    #: Preferred language for emails and digests.
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sessions: Mapped[list[StaffSession]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_enrolled(self) -> bool:
        return bool(self.password_hash and self.totp_secret)

    def get_id(self) -> str | None:
        # Flask-Login keeps this in the cookie: a server-side session token, not the user id, so ending the
        # server-side row ends the session wherever the cookie is. It is request-local, never stored.
        return g.get("staff_session_token")

    def has_role(self, *roles: str) -> bool:
        return self.role.value in roles


class StaffSession(db.Model):
    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of the token held in the signed cookie.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="sessions")


class SignInAttempt(db.Model):
    """One password or code attempt on one account that is under way or has failed (successes are removed).

    Kept in the database, not in a worker's memory, so the limit on failures holds whatever worker or machine
    answers: every attempt is written (and committed) before it is checked, then counted with all the others.
    """

    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_key_hash_attempted_at", "key_hash", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of the stage and the account ("password:" + email, "code:" + user id): no email is kept.
    key_hash: Mapped[str] = mapped_column(String(64))
    #: When the attempt began (UTC); attempts older than an hour are deleted.
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
