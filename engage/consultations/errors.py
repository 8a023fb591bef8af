"""Named errors for what staff or families may not do; each message is shown to the person as it is."""

from __future__ import annotations


class ConsultationError(ValueError):
    """A change that is not allowed; `str(error)` is a translated message for the person who tried."""


class StageDateError(ConsultationError):
    """A stage date falls before the stage it follows (`field` names the form field at fault)."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


class MissingFormatError(ConsultationError):
    """Staff tried to publish a consultation while a promised format has no document version."""

    def __init__(self, message: str, missing: list[str]):
        super().__init__(message)
        self.missing = missing


class OutcomeTooEarlyError(ConsultationError):
    """The outcome cannot be published before the consultation closes."""


class UploadError(ConsultationError):
    """An upload that is not a PDF, DOCX or ODT by its content, or is too big; nothing was stored."""
