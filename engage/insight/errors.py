"""Errors the insight engine raises, each with a message a person can act on."""


class InsightError(Exception):
    """Base class for insight errors."""


class ModelError(InsightError):
    """A model directory is missing, damaged, or from another version of Engage."""


class InputError(InsightError):
    """A CSV or training set cannot be used as given (the message says why and where)."""
