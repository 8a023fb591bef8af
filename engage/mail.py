"""Email through real SMTP, configured by the MAIL_* settings."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

from flask import current_app

#: A link in a header (List-Unsubscribe) is one long word: folding at 78 characters would encode it as RFC 2047
#: text, which mail programs cannot follow. SMTP allows lines of 998; bodies are still encoded as before.
_LINK_HEADERS = policy.default.clone(max_line_length=998)


@dataclass(frozen=True)
class Attachment:
    content: bytes
    #: e.g. "text/calendar"
    mimetype: str
    filename: str


def build_message(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    for name, value in (headers or {}).items():  # e.g. List-Unsubscribe (RFC 8058 one-click)
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for attachment in attachments:
        maintype, subtype = attachment.mimetype.split("/", 1)
        message.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename)
    if headers:
        message.policy = _LINK_HEADERS  # after the body is encoded: only how headers are folded changes
    return message


def send_email(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> None:
    """Send one email now; raises `smtplib.SMTPException` or `OSError` when the server refuses or is down."""
    config = current_app.config
    message = build_message(to, subject, text, html, headers=headers, attachments=attachments)
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
