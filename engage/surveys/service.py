"""The functions that change survey data; views, the CLI, the demo and tests all call these."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from engage.clock import utcnow
from engage.database import single_statements, update_without_waiting_for_disk
from engage.extensions import db
from engage.surveys import routing
from engage.surveys.definitions import Page, Survey
from engage.surveys.loader import check_directory, survey_from_snapshot
from engage.surveys.models import DraftState, SurveyDraft, SurveyResponse, SurveyVersion

log = logging.getLogger(__name__)

#: No 0/O, 1/I/L: easy to read out and type on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
SRC_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class AlreadySubmittedError(Exception):
    """This submission token has already stored a response."""

    def __init__(self, response: SurveyResponse | None):
        self.response = response
        super().__init__("already submitted")


class NotCompleteError(Exception):
    """A required answer is missing or a page was skipped."""


# --------------------------------------------------------------------------- registry


@dataclass
class Registry:
    """Current survey definitions from files, plus older versions that drafts still use."""

    surveys: dict[str, Survey]
    problems: list = field(default_factory=list)
    _old: dict[tuple[str, int], Survey] = field(default_factory=dict)

    def get(self, survey_id: str) -> Survey | None:
        return self.surveys.get(survey_id)

    def version(self, survey_id: str, version: int) -> Survey | None:
        """The exact version a draft started on (from the stored snapshot if the file moved on)."""
        current = self.surveys.get(survey_id)
        if current and current.version == version:
            return current
        key = (survey_id, version)
        if key not in self._old:
            row = db.session.scalar(select(SurveyVersion).filter_by(survey_id=survey_id, version=version))
            if row is None:
                return None
            self._old[key] = survey_from_snapshot(row.definition)
        return self._old[key]


def load_registry(app: Flask) -> Registry:
    """Load every survey file; a bad file is refused and the log says why."""
    surveys, problems = check_directory(Path(app.config["SURVEYS_DIR"]))
    for problem in problems:
        app.logger.error("Survey file refused: %s", problem)
    registry = Registry(surveys, problems)
    app.extensions["engage.surveys"] = registry
    return registry


def registry() -> Registry:
    return current_app.extensions["engage.surveys"]


def open_surveys(today: datetime | None = None) -> list[Survey]:
    day = (today or utcnow()).date()
    return sorted((s for s in registry().surveys.values() if s.is_open(day)), key=lambda s: s.closes)


# --------------------------------------------------------------------------- drafts


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def normalise_code(code: str) -> str:
    """Forgive spaces, hyphens and lower case when a code is typed in."""
    return re.sub(r"[\s-]", "", code or "").upper()


def clean_src(src: str | None) -> str | None:
    """An outreach channel slug, or None when it is missing or not a short slug."""
    src = (src or "").strip().lower()
    return src if SRC_PATTERN.match(src) else None


def draft_lifetime() -> timedelta:
    return timedelta(days=current_app.config.get("SURVEY_DRAFT_DAYS", 30))


def changed_without_new_version(surveys: dict[str, Survey]) -> list[str]:
    """Surveys whose file differs from the stored definition of the same version (drafts would change)."""
    stored = db.session.execute(select(SurveyVersion.survey_id, SurveyVersion.version, SurveyVersion.definition))
    by_key = {(row.survey_id, row.version): row.definition for row in stored}
    return [
        f"{survey.source}: {survey.id}: changed since version {survey.version} was first answered; "
        f"raise 'version' so drafts keep the version they started"
        for survey in surveys.values()
        if by_key.get((survey.id, survey.version), survey.snapshot) != survey.snapshot
    ]


def remember_version(survey: Survey) -> None:
    """Store the definition of this version once, so its drafts survive a new version."""
    if db.session.scalar(select(SurveyVersion.id).filter_by(survey_id=survey.id, version=survey.version)):
        return
    try:
        with db.session.begin_nested():
            db.session.add(SurveyVersion(survey_id=survey.id, version=survey.version, definition=survey.snapshot))
    except IntegrityError:
        pass  # another worker stored it first


@dataclass(slots=True)
class Draft:
    """What the pages need of a live draft, read in one statement outside the ORM (see find_draft)."""

    id: int
    key: str
    survey_id: str
    survey_version: int
    answers: dict[str, Any]
    completed_pages: list[str]
    last_page: str | None
    submission_token: str
    language: str
    src: str | None
    state: DraftState = DraftState.ACTIVE


_TABLE = SurveyDraft.__table__
#: built once: every survey page looks its draft up by key (or a resume code), only while it is live
_LIVE_DRAFT = select(*(_TABLE.c[name] for name in Draft.__dataclass_fields__ if name != "state")).where(
    _TABLE.c.state == DraftState.ACTIVE, _TABLE.c.expires_at > bindparam("now")
)
_DRAFT_BY_KEY = _LIVE_DRAFT.where(_TABLE.c.key == bindparam("key"), _TABLE.c.survey_id == bindparam("survey_id"))
_DRAFT_BY_CODE = _LIVE_DRAFT.where(_TABLE.c.resume_code_hash == bindparam("code_hash"))
#: built once: every answered page saves its draft with it
_SAVE_PAGE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("draft_id"))
    .values(
        {
            _TABLE.c[name]: bindparam(param, type_=_TABLE.c[name].type)
            for name, param in (
                ("answers", "new_answers"),
                ("completed_pages", "new_completed_pages"),
                ("last_page", "new_last_page"),
                ("updated_at", "now"),
                ("expires_at", "new_expires_at"),
            )
        }
    )
)


def start(survey: Survey, *, language: str, src: str | None) -> Draft:
    """A new draft on the survey's current version."""
    remember_version(survey)
    now = utcnow()
    row = SurveyDraft(
        key=secrets.token_urlsafe(32),
        survey_id=survey.id,
        survey_version=survey.version,
        answers={},
        completed_pages=[],
        language=language,
        src=clean_src(src),
        submission_token=secrets.token_urlsafe(32),
        state=DraftState.ACTIVE,
        created_at=now,
        updated_at=now,
        expires_at=now + draft_lifetime(),
    )
    db.session.add(row)
    db.session.flush()
    draft = Draft(**{name: getattr(row, name) for name in Draft.__dataclass_fields__})
    db.session.commit()
    return draft


def _live_draft(statement, **params) -> Draft | None:
    # One statement, one round trip: no transaction around it (engage.database.single_statements).
    with single_statements() as connection:
        row = connection.execute(statement, {"now": utcnow(), **params}).first()
    return Draft(**row._mapping) if row else None


def find_draft(key: str | None, survey_id: str) -> Draft | None:
    """The active, unexpired draft with this session key."""
    if not key:
        return None
    return _live_draft(_DRAFT_BY_KEY, key=key, survey_id=survey_id)


def save_page(draft: Draft, page: Page, values: dict[str, Any], *, complete: bool = True) -> None:
    """Save one page's answers; answers cleared on the page are removed."""
    page_keys = {q.id for q in page.questions} | {q.other_key for q in page.questions if q.other}
    answers = {k: v for k, v in (draft.answers or {}).items() if k not in page_keys}
    answers.update({k: v for k, v in values.items() if routing.is_answered(v)})
    draft.answers = answers
    if complete and page.id not in (draft.completed_pages or []):
        draft.completed_pages = [*(draft.completed_pages or []), page.id]
        draft.last_page = page.id
    now = utcnow()
    # One prepared UPDATE (Core, not an ORM flush); a page can be answered again, so it does not wait for the disk;
    # the submission itself does.
    update_without_waiting_for_disk(
        _SAVE_PAGE,
        {
            "draft_id": draft.id,
            "new_answers": answers,
            "new_completed_pages": draft.completed_pages,
            "new_last_page": draft.last_page,
            "now": now,
            "new_expires_at": now + draft_lifetime(),
        },
    )


def issue_resume_code(draft: Draft) -> str:
    """A new short code for "come back later" (any earlier code stops working)."""
    for _ in range(5):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        try:
            db.session.execute(
                update(SurveyDraft).where(SurveyDraft.id == draft.id).values(resume_code_hash=hash_code(code))
            )
            db.session.commit()
            return code
        except IntegrityError:
            db.session.rollback()
    raise RuntimeError("could not issue a unique resume code")


def resume(code: str) -> Draft | None:
    """The live draft for a typed or linked resume code, or None (wrong or expired)."""
    if len(normalise_code(code)) != CODE_LENGTH:
        return None
    return _live_draft(_DRAFT_BY_CODE, code_hash=hash_code(code))


# --------------------------------------------------------------------------- submission


def response_for_token(token: str | None) -> SurveyResponse | None:
    if not token:
        return None
    return db.session.scalar(select(SurveyResponse).filter_by(submission_token=token))


def new_reference() -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{code[:4]}-{code[4:]}"


#: Other features' work on a new response: each hook is called inside the submission's transaction (what it adds
#: is stored with the response or not at all) and may return a callable to run once the response is stored.
SubmissionHook = Callable[[SurveyResponse, Survey], Callable[[], None] | None]
_submission_hooks: list[SubmissionHook] = []


def on_submission(hook: SubmissionHook) -> None:
    """Register ``hook`` (once: an app factory may run several times in one process)."""
    if hook not in _submission_hooks:
        _submission_hooks.append(hook)


def submit(draft: Draft, survey: Survey, token: str) -> SurveyResponse:
    """Store the response exactly once; the unique token makes a repeat raise AlreadySubmittedError."""
    if token != draft.submission_token or draft.state is not DraftState.ACTIVE:
        raise AlreadySubmittedError(response_for_token(token))
    answers = dict(draft.answers or {})
    if not routing.is_complete(survey, answers, set(draft.completed_pages or [])):
        raise NotCompleteError()
    response = SurveyResponse(
        submission_token=token,
        reference=new_reference(),
        survey_id=survey.id,
        survey_version=survey.version,
        answers=routing.prune(survey, answers),
        src=draft.src,
        language=draft.language,
        submitted_at=utcnow(),
    )
    try:
        db.session.add(response)
        db.session.flush()  # the unique constraint decides, before the draft is touched
        afterwards = [then for hook in _submission_hooks if (then := hook(response, survey))]
        db.session.execute(
            update(SurveyDraft)
            .where(SurveyDraft.id == draft.id)
            .values(state=DraftState.SUBMITTED, answers={}, resume_code_hash=None)
        )
        db.session.commit()
        draft.state, draft.answers = DraftState.SUBMITTED, {}
    except IntegrityError:
        db.session.rollback()
        raise AlreadySubmittedError(response_for_token(token)) from None
    for then in afterwards:
        try:
            then()
        except Exception:  # the response is stored; what failed here is retried by its own feature
            log.exception("Work after storing survey response %s failed", response.id)
            db.session.rollback()
    return response


def purge_drafts(now: datetime | None = None) -> int:
    """Remove the answers and resume codes of expired drafts; running it again changes nothing."""
    result = db.session.execute(
        update(SurveyDraft)
        .where(SurveyDraft.state == DraftState.ACTIVE, SurveyDraft.expires_at <= (now or utcnow()))
        .values(state=DraftState.EXPIRED, answers={}, resume_code_hash=None)
    )
    db.session.commit()
    return result.rowcount
