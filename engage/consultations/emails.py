"""Followers' emails: a .txt and .html pair per message, in the follower's language, with absolute links in
that language and an unsubscribe link in every one."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from engage.consultations.formats import ACTION_STATUS_LABELS, STAGE_LABELS
from engage.consultations.models import ActionUpdate, Consultation, Follower, Stage
from engage.digests.render import site_base
from engage.i18n import BY_CODE, CODES, DEFAULT_LANGUAGE

#: A confirmation link works for a week; an unsubscribe link for ever.
CONFIRM_MAX_AGE = 7 * 24 * 3600


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    #: RFC 8058 one-click unsubscribe: mail programs offer an "Unsubscribe" button that POSTs to the link
    headers: dict[str, str] = field(default_factory=dict)


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"consultation-{purpose}")


def token_for(follower: Follower, purpose: str) -> str:
    """A signed link token ("confirm" or "unfollow"): nothing to store, nothing to guess."""
    return _serializer(purpose).dumps(follower.id)


def follower_id_from(token: str, purpose: str) -> int | None:
    """The follower a token names, or None for a forged, damaged or (for "confirm") expired one."""
    max_age = CONFIRM_MAX_AGE if purpose == "confirm" else None
    try:
        value = _serializer(purpose).loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    return value if isinstance(value, int) else None


def _language(follower: Follower) -> str:
    return follower.language if follower.language in CODES else DEFAULT_LANGUAGE


def _render(follower: Follower, consultation: Consultation, template: str, subject, **extra) -> Rendered:
    language = _language(follower)
    with current_app.test_request_context("/", base_url=site_base(language)), force_locale(language):
        context = {
            "consultation": consultation,
            "page_url": url_for("consultations.show", slug=consultation.slug, _external=True),
            "unsubscribe_url": url_for(
                "consultations.unfollow", slug=consultation.slug, token=token_for(follower, "unfollow"), _external=True
            ),
            "partnership": current_app.config["PARTNERSHIP_NAME"],
            "language": language,
            "direction": BY_CODE[language].direction,
            "hear_back": follower.hear_back,
            **extra,
        }
        context["subject"] = subject(consultation.title)
        text = render_template(f"consultations/email/{template}.txt", **context)
        html = render_template(f"consultations/email/{template}.html", **context)
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return Rendered(context["subject"], text, html, headers)


def confirmation(follower: Follower, consultation: Consultation) -> Rendered:
    """Double opt-in: nothing more is sent until the person confirms."""
    with current_app.test_request_context("/", base_url=site_base(_language(follower))):
        confirm_url = url_for(
            "consultations.confirm", slug=consultation.slug, token=token_for(follower, "confirm"), _external=True
        )
    return _render(
        follower, consultation, "confirm", lambda title: _("Confirm you want to follow: %(title)s", title=title),
        confirm_url=confirm_url,
    )  # fmt: skip


def stage_news(follower: Follower, consultation: Consultation, stage: Stage) -> Rendered:
    """The consultation opened, closed or published its outcome."""
    return _render(
        follower, consultation, "stage",
        lambda title: _("%(stage)s: %(title)s", stage=STAGE_LABELS[stage], title=title),
        stage=stage, Stage=Stage,
    )  # fmt: skip


def action_news(follower: Follower, consultation: Consultation, update: ActionUpdate) -> Rendered:
    """An action linked to the consultation they follow changed status."""
    with current_app.test_request_context("/", base_url=site_base(_language(follower))):
        tracker_url = url_for("localoffer.you_said_we_did", _anchor="actions", _external=True)
    return _render(
        follower, consultation, "action",
        lambda title: _("An action from %(title)s has moved on", title=title),
        update=update, status_label=ACTION_STATUS_LABELS[update.status], tracker_url=tracker_url,
    )  # fmt: skip
