"""Render a composed digest as a plain-text and an HTML email (a template pair) in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.dates import long_date
from engage.i18n import CODES, DEFAULT_LANGUAGE
from engage.reach.disclosure import render
from engage.reach.periods import Period
from engage.reach.web.helpers import period_label


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def site_base(language: str) -> str:
    """The site's address in the recipient's language, e.g. https://engage.example/pl."""
    base = current_app.config["SITE_URL"].rstrip("/")
    return base if language == DEFAULT_LANGUAGE else f"{base}/{language}"


def render_digest(digest: dict[str, Any], language: str, unsubscribe_token: str | None) -> Rendered:
    """Both parts in `language` (English if it is not one Engage speaks). Links are absolute, in that language.
    Without an unsubscribe token (a test for someone not subscribed), the link goes to the settings page."""
    language = language if language in CODES else DEFAULT_LANGUAGE
    base = site_base(language)
    with current_app.test_request_context("/", base_url=base), force_locale(language):
        context = {
            "digest": digest,
            "partnership": current_app.config["PARTNERSHIP_NAME"],
            "site": base,
            "unsubscribe_url": url_for("digests.unsubscribe", token=unsubscribe_token, _external=True)
            if unsubscribe_token
            else url_for("digests.settings", _external=True),
            "language": language,
        }
        subject = _(
            "%(partnership)s digest: %(period)s",
            partnership=context["partnership"],
            period=period_label(digest["period"]),
        )
        context["subject"] = subject
        context["opening"] = opening_line(digest["period"])
        text = render_template("digests/email/digest.txt", **context)
        html = render_template("digests/email/digest.html", **context)
    return Rendered(subject, text, html)


def opening_line(period: Period) -> str:
    """The email's first sentence, as people say it: "Your summary for the week of 16 November 2026"."""
    if period.kind == "week":
        return _("Your summary for the week of %(day)s, from Engage.", day=long_date(period.start))
    if period.kind == "month":
        return _("Your summary for %(month)s, from Engage.", month=period_label(period))
    return _("Your summary of everything so far, from Engage.")


def webhook_payload(digest: dict[str, Any], rendered: Rendered) -> dict[str, Any]:
    """The JSON a webhook receives: `text` for chat tools (Teams, Slack), plus the numbers as data."""
    return {
        "title": rendered.subject,
        "text": rendered.text,
        "period": digest["period"].key,
        "sections": digest["sections"],
        "respondents": _count(digest.get("respondents")),
        "under_reached": [{"dimension": r.dimension, "group": r.group} for r in digest.get("under_reached", [])],
    }


def _count(count) -> str | None:
    return None if count is None else render(count, for_file=True)
