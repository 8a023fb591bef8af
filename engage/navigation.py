"""Menus built from the features that are installed, so a link never points at a page that is not there."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

PUBLIC_MENU = (
    ("localoffer.search", _l("Local Offer")),
    ("surveys.index", _l("Surveys")),
    ("consultations.index", _l("Consultations")),
    ("feedback.new", _l("Give feedback")),
    ("localoffer.you_said_we_did", _l("You said, we did")),
)

#: (endpoint, label, roles allowed)
STAFF_MENU = (
    ("auth.dashboard", _l("Staff home"), ("moderator", "leader", "admin")),
    ("localoffer_staff.index", _l("Local Offer"), ("moderator", "admin")),
    ("feedback_staff.queue", _l("Moderation"), ("moderator",)),
    ("feedback_staff.redacted_list", _l("Comments"), ("leader",)),
    ("surveys_staff.index", _l("Surveys"), ("moderator", "leader", "admin")),
    ("consultations_staff.index", _l("Consultations"), ("moderator", "leader", "admin")),
    ("events_staff.index", _l("Events"), ("moderator", "leader", "admin")),
    ("reports.dashboard", _l("Reports"), ("moderator", "leader")),
    ("reach.index", _l("Reach"), ("moderator", "leader", "admin")),
    ("digests.settings", _l("Digests"), ("moderator", "leader", "admin")),
    ("auth.users", _l("Staff accounts"), ("admin",)),
    ("auth.audit", _l("Audit log"), ("admin",)),
)

HOME_SECTIONS = (
    (
        "localoffer.search",
        _l("Find services: the Local Offer"),
        _l("Education, health, social care, leisure and support for ages 0 to 25."),
    ),
    ("surveys.index", _l("Have your say"), _l("Answer a short survey on your phone, in your language.")),
    ("consultations.index", _l("Consultations"), _l("Read what is proposed, comment, and see what was decided.")),
    ("events.index", _l("Events"), _l("Book a place at a coffee morning, workshop or drop-in, without an account.")),
    ("feedback.new", _l("Tell us what you think"), _l("Send a comment about a service or about the support you get.")),
    ("localoffer.you_said_we_did", _l("You said, we did"), _l("What has changed because families spoke up.")),
    ("pages.accessibility", _l("Accessibility"), _l("How this website works with assistive technology.")),
)


def _exists(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def main_menu():
    return [(endpoint, label) for endpoint, label in PUBLIC_MENU if _exists(endpoint)]


def staff_menu():
    if not current_user.is_authenticated:
        return []
    return [(e, label) for e, label, roles in STAFF_MENU if _exists(e) and current_user.has_role(*roles)]


def home_sections():
    return [section for section in HOME_SECTIONS if _exists(section[0])]


def password_params(autocomplete: str = "current-password") -> dict:
    """Translated texts for GOV.UK's password input, whose defaults are English."""
    return {
        "showPasswordText": _l("Show"),
        "hidePasswordText": _l("Hide"),
        "showPasswordAriaLabelText": _l("Show password"),
        "hidePasswordAriaLabelText": _l("Hide password"),
        "passwordShownAnnouncementText": _l("Your password is visible"),
        "passwordHiddenAnnouncementText": _l("Your password is hidden"),
        "autocomplete": autocomplete,
    }


def init_app(app: Flask) -> None:
    app.add_template_global(main_menu)
    app.add_template_global(staff_menu)
    app.add_template_global(home_sections)
    app.add_template_global(password_params)
