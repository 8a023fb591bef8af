"""Reading the audit log: filters, pages, and every event written in words ("Published the service 'Sunflower
Playgroup'") for the administrators' page and its exports.

The log itself stores codes (engage.audit): they are stable and never hold free text. Words are made only when the
log is read, in the reader's language, from the current names of the records (one query per kind of record on a
page, however many events it shows).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage.audit import AuditEvent
from engage.dates import LONDON, long_datetime
from engage.extensions import db

#: How far back the date filter may reach and how many rows one export may hold (a year of a busy partnership).
MAX_EXPORT_ROWS = 100_000


# ----------------------------------------------------------------------------------------- what each code says
#: action code -> the sentence; %(name)s is the record's name, other placeholders come from the event's detail.
#: The filter lists the same sentences with "…" for each placeholder. Codes not listed read "Did something
#: recorded as <code>".
ACTIONS: dict[str, Any] = {
    "auth.login": _l("Signed in"),
    "auth.login.failure": _l("A sign-in as %(name)s failed"),
    "auth.login.throttled": _l("Sign-ins as %(name)s were paused after too many failures"),
    "auth.logout": _l("Signed out"),
    "auth.enrol": _l("Finished setting up their account"),
    "auth.password.change": _l("Changed their password"),
    "auth.user.create": _l("Created the account of %(name)s"),
    "auth.user.reset": _l("Started a reset of the account of %(name)s"),
    "auth.user.activate": _l("Reactivated the account of %(name)s"),
    "auth.user.deactivate": _l("Deactivated the account of %(name)s"),
    "access.denied": _l("Was refused a page their role may not open (%(path)s)"),
    "audit.export": _l("Exported the audit log"),
    # Local Offer services (engage.localoffer.service._record)
    "localoffer.service.created": _l("Created the service '%(name)s'"),
    "localoffer.service.edited": _l("Edited the service '%(name)s'"),
    "localoffer.service.change_proposed": _l("Proposed a change to the service '%(name)s'"),
    "localoffer.service.submitted_for_review": _l("Sent the service '%(name)s' for review"),
    "localoffer.service.published": _l("Published the service '%(name)s'"),
    "localoffer.service.sent_back": _l("Sent the service '%(name)s' back to draft"),
    "localoffer.service.change_discarded": _l("Discarded the proposed change to the service '%(name)s'"),
    "localoffer.service.archived": _l("Archived the service '%(name)s'"),
    "localoffer.service.restored": _l("Restored the service '%(name)s' from the archive"),
    "localoffer.service.version_restored": _l("Proposed an earlier version of the service '%(name)s' again"),
    "localoffer.service.checked": _l("Checked that the service '%(name)s' is still correct"),
    "localoffer.service.imported": _l("Imported the service '%(name)s'"),
    "localoffer.service.import_proposed_change": _l("Imported a change to the service '%(name)s', waiting for review"),
    "localoffer.service.imported_and_published": _l("Imported and published the service '%(name)s'"),
    "localoffer.import": _l("Imported an Open Referral UK file (%(created)s new, %(updated)s updated)"),
    "localoffer.export": _l("Exported the Local Offer"),
    "localoffer.translation.saved": _l("Saved the %(language)s translation of the service '%(name)s'"),
    "localoffer.organization.saved": _l("Saved the organisation '%(name)s'"),
    "localoffer.evergreen.change_proposed": _l("Proposed a change to the information page '%(name)s'"),
    "localoffer.evergreen.published": _l("Published the information page '%(name)s'"),
    "localoffer.evergreen.change_discarded": _l("Discarded the proposed change to the information page '%(name)s'"),
    "localoffer.evergreen.version_restored": _l("Proposed an earlier version of the information page '%(name)s' again"),
    # Comments (engage.feedback)
    "feedback.comment.view": _l("Read %(name)s"),
    "feedback.comments.list": _l("Read the list of comments"),
    "feedback.comment.redact": _l("Changed the redaction of %(name)s"),
    "feedback.comment.themes": _l("Changed the themes of %(name)s"),
    "feedback.comment.translate": _l("Translated %(name)s into English"),
    "feedback.comment.regulation_56": _l("Coded %(name)s under regulation 56"),
    "feedback.comment.publish": _l("Published %(name)s with a response"),
    "feedback.comment.reject": _l("Decided not to publish %(name)s"),
    "feedback.comment.individual_case": _l("Passed %(name)s to a service as one family's case"),
    "feedback.comment.file": _l("Filed %(name)s with its survey response"),
    "feedback.comment.safeguarding_flag": _l("Flagged %(name)s as a safeguarding concern"),
    "feedback.comment.safeguarding_action": _l("Recorded what was done about the safeguarding concern in %(name)s"),
    "feedback.comment.safeguarding_dismiss": _l("Decided %(name)s is not a safeguarding concern"),
    "feedback.comment.sentiment": _l("Corrected the sentiment of %(name)s"),
    "feedback.export": _l("Exported %(comments)s comments"),
    "feedback.purge": _l("Deleted the contact details of %(comments)s comments kept longer than %(days)s days"),
    "feedback.subject.find": _l("Searched for the comments of one family (subject access), %(comments)s found"),
    "feedback.subject.export": _l("Exported the comments of one family (subject access), %(comments)s in all"),
    "feedback.subject.erase": _l("Erased the comments of one family at their request, %(comments)s in all"),
    "feedback.retrain": _l("Retrained the comment analysis from moderators' decisions"),
    "feedback.theme.add": _l("Added the theme '%(name)s'"),
    "feedback.theme.rename": _l("Renamed a theme to '%(name)s'"),
    "feedback.theme.retire": _l("Retired the theme '%(name)s'"),
    "feedback.theme.merge": _l("Merged the theme '%(name)s' into another"),
    # Consultations
    "consultations.create": _l("Created the consultation '%(name)s'"),
    "consultations.update": _l("Edited the consultation '%(name)s'"),
    "consultations.publish": _l("Published the consultation '%(name)s'"),
    "consultations.outcome": _l("Published the outcome of the consultation '%(name)s'"),
    "consultations.coproduction": _l("Recorded how families were involved in the consultation '%(name)s'"),
    "consultations.coproduction.export": _l("Exported the record of how families were involved in consultations"),
    "consultations.document.add": _l("Added the document '%(name)s' to a consultation"),
    "consultations.document.version": _l("Added a new version of a consultation document"),
    "consultations.document.remove": _l("Removed a version of a consultation document"),
    "consultations.action.create": _l("Added the action '%(name)s'"),
    "consultations.action.update": _l("Posted an update on the action '%(name)s'"),
    # Surveys, reports, reach, digests
    "survey.responses.view": _l("Read the responses to the survey '%(name)s'"),
    "survey.responses.export": _l("Exported the responses to the survey '%(name)s'"),
    "survey.summary.export": _l("Exported the answer counts of the survey '%(name)s'"),
    "survey.responses.purge": _l("Deleted %(deleted)s survey responses kept longer than allowed"),
    "reports.export": _l("Exported a report"),
    "reach.report.export": _l("Exported the reach report"),
    "reach.baseline.preview": _l("Uploaded a population file to check it"),
    "reach.baseline.import": _l("Imported new population figures"),
    "reach.baseline.discard": _l("Discarded a population file before using it"),
    "reach.baseline.rollback": _l("Went back to the previous population figures"),
    "digests.subscription.save": _l("Changed their digest settings"),
    "digests.unsubscribe": _l("Stopped their digest"),
}


class _Blanks(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def action_name(code: str) -> str:
    """An action for the filter's list: its sentence with "…" for the record ("Published the service '…'")."""
    known = ACTIONS.get(code)
    if known is None:
        return _("Did something recorded as %(code)s", code=code)
    return str(known) % _Blanks()


# ----------------------------------------------------------------------------------------- names of records
def _titles(model, column) -> Callable[[set[str]], dict[str, str]]:
    """A lookup of record names by id: one query for all the ids on a page."""

    def lookup(ids: set[str]) -> dict[str, str]:
        key = model.__table__.primary_key.columns.values()[0]
        wanted = [int(i) for i in ids if i.isdigit()] if isinstance(key.type, sa.Integer) else list(ids)
        rows = db.session.execute(sa.select(key, column).where(key.in_(wanted))).all() if wanted else []
        return {str(identifier): str(title) for identifier, title in rows}

    return lookup


def _survey_titles(ids: set[str]) -> dict[str, str]:
    from engage.surveys import service
    from engage.surveys.views import survey_text

    found = {}
    for survey_id in ids:
        survey = service.registry().get(survey_id)
        if survey is not None:
            found[survey_id] = survey_text(survey.title)
    return found


def _comment_names(ids: set[str]) -> dict[str, str]:
    return {i: _("comment %(number)s", number=i) for i in ids}


def _name_readers() -> dict[str, Callable[[set[str]], dict[str, str]]]:
    """object_type -> how to read the names of records of that kind (imported here: every feature is optional)."""
    from engage.auth.models import User
    from engage.consultations.models import Action, Consultation, Document
    from engage.feedback.models import Theme
    from engage.localoffer.models import EvergreenPage, Organization, Service

    return {
        "user": _titles(User, User.email),
        "lo_service": _titles(Service, Service.name),
        "lo_evergreen_page": _titles(EvergreenPage, EvergreenPage.title),
        "lo_organization": _titles(Organization, Organization.name),
        "theme": _titles(Theme, Theme.name),
        "consultation": _titles(Consultation, Consultation.title),
        "consultation_document": _titles(Document, Document.title),
        "consultation_action": _titles(Action, Action.title),
        "survey": _survey_titles,
        "comment": _comment_names,
    }


@dataclasses.dataclass(frozen=True)
class Line:
    """One event as people read it."""

    event: AuditEvent
    when: str
    who: str
    what: str


def _language(code: Any) -> str:
    from engage.reach.web.helpers import language_name

    return language_name(code) if isinstance(code, str) else ""


def _sentence(event: AuditEvent, name: str) -> str:
    known = ACTIONS.get(event.action)
    if known is None:
        return _("Did something recorded as %(code)s", code=event.action)
    detail = dict(event.detail or {})
    values = {key: ("" if value is None else value) for key, value in detail.items()}
    values |= {"name": name, "language": _language(detail.get("language")), "path": detail.get("path", "")}
    # An older event may lack a detail its sentence names: "…" stands in for it.
    return str(known) % _Blanks(values)


def lines(events: Sequence[AuditEvent]) -> list[Line]:
    """Events in words: one query for the people and one per kind of record named, whatever the number of events."""
    readers = _name_readers()
    actors = {e.actor_id for e in events if e.actor_id is not None}
    by_kind: dict[str, set[str]] = {}
    for event in events:
        if event.object_type in readers and event.object_id:
            by_kind.setdefault(event.object_type, set()).add(event.object_id)
    names = {kind: readers[kind](ids) for kind, ids in by_kind.items()}
    from engage.auth.models import User

    rows = db.session.execute(sa.select(User.id, User.email).where(User.id.in_(actors))) if actors else []
    emails = {user_id: email for user_id, email in rows}
    deleted = _("a record since deleted")
    return [
        Line(
            event=event,
            when=long_datetime(event.occurred_at),
            who=emails.get(event.actor_id, _("No one signed in")),
            what=_sentence(event, names.get(event.object_type or "", {}).get(event.object_id or "", deleted)),
        )
        for event in events
    ]


# ----------------------------------------------------------------------------------------- filters
@dataclasses.dataclass(frozen=True)
class Filters:
    """What the administrator asked for; empty means any. Days are London days, both ends included."""

    person: int | None = None
    action: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None

    @classmethod
    def from_args(cls, args) -> tuple[Filters, dict[str, str]]:
        """The filters in the query string, and an error message per field that could not be read."""
        errors: dict[str, str] = {}
        person = (args.get("person") or "").strip()
        since, until = _day(args, "since", errors), _day(args, "until", errors)
        if since and until and since > until:
            errors["until"] = _("The end date must be the same as or after the start date")
            until = None
        return (
            cls(
                person=int(person) if person.isdigit() and len(person) < 10 else None,
                action=(args.get("action") or "").strip()[:80],
                since=since,
                until=until,
            ),
            errors,
        )

    def as_args(self) -> dict[str, str]:
        found = {
            "person": str(self.person) if self.person else "",
            "action": self.action,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }
        return {key: value for key, value in found.items() if value}


def _day(args, name: str, errors: dict[str, str]) -> datetime.date | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw[:10])
    except ValueError:
        errors[name] = _("Enter a real date, for example 10 July 2026 as 2026-07-10")
        return None


def _london_midnight_utc(day: datetime.date) -> datetime.datetime:
    """The stored (naive UTC) moment a London day starts."""
    local = datetime.datetime.combine(day, datetime.time(), tzinfo=LONDON)
    return local.astimezone(datetime.UTC).replace(tzinfo=None)


def query(filters: Filters) -> sa.Select:
    """The filtered events, newest first."""
    found = sa.select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if filters.person:
        found = found.where(AuditEvent.actor_id == filters.person)
    if filters.action:
        found = found.where(AuditEvent.action == filters.action)
    if filters.since:
        found = found.where(AuditEvent.occurred_at >= _london_midnight_utc(filters.since))
    if filters.until:
        found = found.where(AuditEvent.occurred_at < _london_midnight_utc(filters.until + datetime.timedelta(days=1)))
    return found


def people() -> list[tuple[int, str]]:
    """Everyone who can appear in the log, by email, for the filter."""
    from engage.auth.models import User

    return [
        (user_id, email) for user_id, email in db.session.execute(sa.select(User.id, User.email).order_by(User.email))
    ]


def action_choices() -> list[tuple[str, str]]:
    """The actions the log holds, by their names (one query)."""
    codes = db.session.scalars(sa.select(AuditEvent.action).distinct())
    return sorted(((code, action_name(code)) for code in codes), key=lambda pair: pair[1].casefold())


# ----------------------------------------------------------------------------------------- export
def export_rows(filters: Filters, batch: int = 1000) -> Iterable[list[str]]:
    """The header and every filtered event in words, read in batches so names are looked up once per batch."""
    yield [_("When (UK time)"), _("Who"), _("What happened")]
    events = db.session.scalars(query(filters).limit(MAX_EXPORT_ROWS)).all()
    for start in range(0, len(events), batch):
        for line in lines(events[start : start + batch]):
            yield [line.when, line.who, line.what]
