"""The names of document formats and stages, as families and staff read them."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage.consultations.models import ActionStatus, Audience, DocumentFormat, Involvement, Stage
from engage.i18n import BY_CODE, LANGUAGES

FORMAT_LABELS = {
    DocumentFormat.standard: _l("Standard"),
    DocumentFormat.easy_read: _l("Easy read"),
    DocumentFormat.large_print: _l("Large print"),
    DocumentFormat.bsl_video: _l("British Sign Language (BSL) video"),
    DocumentFormat.translation: _l("Translation"),
}
STAGE_LABELS = {
    Stage.upcoming: _l("Opening soon"),
    Stage.open: _l("Open"),
    Stage.closed: _l("Closed"),
    Stage.outcome_published: _l("Outcome published"),
}
ACTION_STATUS_LABELS = {
    ActionStatus.planned: _l("Planned"),
    ActionStatus.in_progress: _l("In progress"),
    ActionStatus.done: _l("Done"),
    ActionStatus.not_doing: _l("Not doing"),
}
ACTION_STATUS_TAGS = {
    ActionStatus.planned: "govuk-tag--blue",
    ActionStatus.in_progress: "govuk-tag--yellow",
    ActionStatus.done: "govuk-tag--green",
    ActionStatus.not_doing: "govuk-tag--grey",
}
INVOLVEMENT_LABELS = {
    Involvement.informing: _l("Informing"),
    Involvement.consulting: _l("Consulting"),
    Involvement.engaging: _l("Engaging"),
    Involvement.co_designing: _l("Co-designing"),
    Involvement.co_producing: _l("Co-producing"),
}
AUDIENCE_LABELS = {
    Audience.parents_carers: _l("Parents and carers"),
    Audience.young_people: _l("Young people"),
    Audience.everyone: _l("Parents, carers and young people"),
}


def promise_keys() -> list[str]:
    """Every format a consultation can promise: the alternative formats and a translation per language."""
    fixed = [f.value for f in DocumentFormat if f not in (DocumentFormat.standard, DocumentFormat.translation)]
    return fixed + [f"translation:{language.code}" for language in LANGUAGES if language.code != "en"]


def promise_label(key: str) -> str:
    """ "Easy read", or "Translation: Polski" for "translation:pl"."""
    kind, _sep, language = key.partition(":")
    if kind == DocumentFormat.translation.value and language in BY_CODE:
        return _("Translation: %(language)s", language=BY_CODE[language].native_name)
    return str(FORMAT_LABELS.get(DocumentFormat(kind), key)) if kind in DocumentFormat.__members__ else key
