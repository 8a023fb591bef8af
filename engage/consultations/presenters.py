"""What a consultation page shows, gathered in one place so the view stays thin and the template logic-free."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup

from engage.consultations import event_queries
from engage.consultations.dates import last_day, uk_day
from engage.consultations.formats import AUDIENCE_LABELS, FORMAT_LABELS, STAGE_LABELS, promise_label
from engage.consultations.models import Consultation, DocumentFormat, DocumentVersion, Stage
from engage.consultations.said import you_said
from engage.consultations.stages import stage_at
from engage.i18n import DEFAULT_LANGUAGE, current_language_code
from engage.reach.disclosure import display_count
from engage.surveys import service as surveys
from engage.surveys.display import format_date_long


@dataclass(frozen=True)
class Step:
    stage: Stage
    label: str
    day: date | None
    #: "done", "current" or "to_come"
    state: str


@dataclass(frozen=True)
class LinkedSurvey:
    id: str
    survey: object
    is_open: bool


def page_path(consultation: Consultation) -> str:
    """The page's path without a language prefix: what a comment about it is attached to (`Comment.about`)."""
    return f"/consultations/{consultation.slug}"


def timeline(consultation: Consultation, now: datetime) -> list[Step]:
    """The four stages with the UK day each starts, marking where the consultation is now."""
    current = stage_at(consultation, now)
    order = list(Stage)
    outcome_day = consultation.outcome_published_at or consultation.outcome_expected_at
    days = {
        Stage.upcoming: None,
        Stage.open: uk_day(consultation.opens_at),
        Stage.closed: last_day(consultation.closes_at),
        Stage.outcome_published: uk_day(outcome_day) if outcome_day else None,
    }
    return [
        Step(stage, str(STAGE_LABELS[stage]), days[stage], _state(order.index(stage), order.index(current)))
        for stage in order
    ]


def _state(index: int, current: int) -> str:
    return "done" if index < current else "current" if index == current else "to_come"


def version_label(version: DocumentVersion) -> str:
    if version.format == DocumentFormat.translation:
        return promise_label(version.promise_key)
    return str(FORMAT_LABELS[version.format])


def linked_surveys(consultation: Consultation, today: date) -> list[LinkedSurvey]:
    registry = surveys.registry()
    found = [(sid, registry.get(sid)) for sid in consultation.survey_ids]
    return [LinkedSurvey(sid, survey, survey.is_open(today)) for sid, survey in found if survey is not None]


def page_context(consultation: Consultation, now: datetime) -> dict:
    stage = stage_at(consultation, now)
    return {
        "consultation": consultation,
        "stage": stage,
        "Stage": Stage,
        "audience_label": AUDIENCE_LABELS[consultation.audience],
        "opens_on": uk_day(consultation.opens_at),
        "closes_on": last_day(consultation.closes_at),
        "timeline": timeline(consultation, now),
        "surveys": linked_surveys(consultation, now.date()),
        "version_label": version_label,
        "can_comment": stage == Stage.open,
        "events": event_queries.upcoming(now, consultation.id),
        "said": you_said(consultation, _("fewer than 5")) if stage == Stage.outcome_published else None,
    }


def stage_tag(stage: Stage) -> str:
    """GOV.UK tag colour classes for a stage."""
    return {
        Stage.open: "govuk-tag--green",
        Stage.upcoming: "govuk-tag--blue",
        Stage.closed: "govuk-tag--grey",
        Stage.outcome_published: "govuk-tag--purple",
    }[stage]


def stage_label(stage: Stage) -> str:
    return str(STAGE_LABELS[stage])


def dates_line(consultation: Consultation, stage: Stage) -> str:
    """The one date a family needs in the list: when it opens, closes, closed, or its outcome came."""
    if stage == Stage.upcoming:
        return _("Opens on %(date)s.", date=format_date_long(uk_day(consultation.opens_at)))
    if stage == Stage.open:
        return _("Closes at the end of %(date)s.", date=format_date_long(last_day(consultation.closes_at)))
    if stage == Stage.closed:
        return _("Closed on %(date)s.", date=format_date_long(last_day(consultation.closes_at)))
    return _("Outcome published on %(date)s.", date=format_date_long(uk_day(consultation.outcome_published_at)))


def file_size(size: int) -> str:
    """ "PDF, 240 KB" style sizes in the reader's number format."""
    if size >= 1_000_000:
        return _("%(size)s MB", size=format_decimal(round(size / 1_000_000, 1)))
    return _("%(size)s KB", size=format_decimal(max(1, round(size / 1000))))


def english_content() -> Markup:
    """Attributes for text staff wrote in English, so a right-to-left page still lays it out left to right."""
    if current_language_code() == DEFAULT_LANGUAGE:
        return Markup("")
    return Markup(' lang="en" dir="ltr"')


def staff_count(n: int) -> str:
    """A count on a staff page, through disclosure control: 1 to 4 show as "fewer than 5"."""
    return display_count(n, label=_("fewer than 5"))
