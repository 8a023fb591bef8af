"""Babel extractor for survey files, so survey text is translated in the same catalogs.

Registered in ``babel.cfg``::

    [engage.surveys.extract:extract_surveys: surveys/**.yaml]
    [engage.surveys.extract:extract_surveys: engage/surveys/standard_questions.yaml]

Each string is emitted as ``pgettext(element id, English text)``; templates translate it
with the same call, so a survey element keeps its translation while its id is stable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from engage.surveys.definitions import Text, question_texts
from engage.surveys.loader import load_standard, parse_survey, read_yaml


def extract_surveys(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Yield ``(lineno, "pgettext", (msgctxt, msgid), comments)`` for one YAML file.

    A standard-questions file yields its questions; a survey file yields its own text
    (standard questions it uses are extracted once, from the standard file). An invalid
    survey raises, so a broken file cannot silently drop strings from the catalog.
    """
    name = getattr(fileobj, "name", "survey.yaml")
    data = read_yaml(fileobj.read().decode("utf-8"), str(name))
    for text in _texts(data, str(name)):
        yield text.line or 1, "pgettext", (text.context, text.source), [f"Survey text: {text.context}"]


def _texts(data: Any, name: str) -> Iterator[Text]:
    if isinstance(data, dict) and "standard_questions" in data:
        yield from standard_texts(Path(name))
        return
    survey = parse_survey(data, name)
    for text in survey.texts():
        if not text.context.startswith("standard."):
            yield text


def standard_texts(path: Path | None = None) -> Iterator[Text]:
    """Every string of the standard questions."""
    standard = load_standard(path) if path and path.exists() else load_standard()
    survey_data = {
        "id": "standard-set",
        "version": 1,
        "title": "-",
        "introduction": "-",
        "audience": "parents_carers",
        "opens": "2000-01-01",
        "closes": "2000-01-02",
        "pages": [{"id": "all", "title": "-", "questions": [{"standard": n} for n in standard]}],
    }
    survey = parse_survey(survey_data, str(path or "standard_questions.yaml"), standard)
    for question in survey.questions():
        yield from question_texts(question)
