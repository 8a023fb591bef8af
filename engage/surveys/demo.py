"""Demo responses for the shipped surveys: about 600, in several languages, with free text.

Idempotent (demo rows carry a "demo-" submission token; loading twice changes nothing) and
deterministic (a fixed seed). Answers follow each survey's routing, so hidden pages stay empty.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, select

from engage.extensions import db
from engage.surveys import routing, service
from engage.surveys.definitions import Question, Survey
from engage.surveys.demo_text import COMMENTS, OTHER_LANGUAGE_COMMENTS
from engage.surveys.models import DraftState, SurveyDraft, SurveyResponse

SEED = 2026
PLAN = {"parent-carer-send-survey-2026": 400, "young-people-easy-read-2026": 120, "local-offer-feedback": 80}
LANGUAGES = (("en", 70), ("pl", 10), ("ro", 6), ("lt", 4), ("ur", 6), ("bn", 4))
CHANNELS = (
    (None, 35),
    ("school-newsletter", 20),
    ("pcf-coffee-morning", 12),
    ("facebook", 15),
    ("gp-surgery", 6),
    ("local-offer", 12),
)
MOODS = (("positive", 30), ("mixed", 35), ("negative", 35))
UNFINISHED_SHARE = 0.18


def pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def load_demo() -> None:
    """Add the demo responses unless they are already there."""
    if db.session.scalar(select(func.count()).where(SurveyResponse.submission_token.like("demo-%"))):
        return
    rng = random.Random(SEED)
    registry = service.registry()
    for survey_id, count in PLAN.items():
        survey = registry.get(survey_id)
        if survey is None:
            continue
        service.remember_version(survey)
        for n in range(count):
            add_respondent(rng, survey, n)
        for n in range(int(count * UNFINISHED_SHARE)):
            add_unfinished(rng, survey, n)
    db.session.commit()


def submitted_at(rng: random.Random, survey: Survey) -> datetime:
    start = datetime.combine(survey.opens, datetime.min.time())
    end = min(datetime(2026, 11, 20), datetime.combine(survey.closes, datetime.min.time()))
    span = max(int((end - start).total_seconds()), 3600)
    return start + timedelta(seconds=rng.randrange(span))


def add_respondent(rng: random.Random, survey: Survey, n: int) -> None:
    language, mood = pick(rng, LANGUAGES), pick(rng, MOODS)
    answers = walk(rng, survey, mood, language)
    db.session.add(
        SurveyResponse(
            submission_token=f"demo-{survey.id}-{n}",
            reference=f"DEMO-{survey.id[:2].upper()}{n:04d}",
            survey_id=survey.id,
            survey_version=survey.version,
            answers=routing.prune(survey, answers),
            src=pick(rng, CHANNELS),
            language=language,
            submitted_at=submitted_at(rng, survey),
        )
    )
    db.session.add(draft_row(rng, survey, f"{n}", DraftState.SUBMITTED, None))


def add_unfinished(rng: random.Random, survey: Survey, n: int) -> None:
    """Someone who stopped part way: counted in starts and drop-off (answers already purged)."""
    pages = [p.id for p in survey.pages]
    last = rng.choice([None, *pages[: max(1, len(pages) - 1)]])
    db.session.add(draft_row(rng, survey, f"u{n}", DraftState.EXPIRED, last))


def draft_row(rng: random.Random, survey: Survey, suffix: str, state: DraftState, last_page: str | None):
    created = submitted_at(rng, survey)
    return SurveyDraft(
        key=f"demo-{survey.id}-{suffix}",
        survey_id=survey.id,
        survey_version=survey.version,
        answers={},
        completed_pages=[],
        last_page=last_page,
        language="en",
        submission_token=f"demo-draft-{survey.id}-{suffix}",
        state=state,
        created_at=created,
        updated_at=created,
        expires_at=created + timedelta(days=30),
    )


def walk(rng: random.Random, survey: Survey, mood: str, language: str) -> dict:
    """Answer page by page, so conditions see earlier answers as they would live."""
    answers: dict = {}
    for page in survey.pages:
        if page not in routing.visible_pages(survey, answers):
            continue
        for question in routing.visible_questions(page, answers):
            if not question.required and rng.random() < 0.12:
                continue  # people skip optional questions
            answers.update(answer(rng, question, mood, language))
    return answers


def answer(rng: random.Random, q: Question, mood: str, language: str) -> dict:
    if q.type == "single":
        return {q.id: rng.choice(q.option_ids())}
    if q.type == "multiple":
        chosen = rng.sample([o.id for o in q.options if o.id != "none"], k=rng.randint(1, 3))
        if q.other and rng.random() < 0.1:
            return {
                q.id: [*chosen, "other"],
                q.other_key: rng.choice(["Music therapy", "Dietitian", "Wheelchair service"]),
            }
        return {q.id: chosen}
    if q.type == "scale":
        centre = {"positive": 4.2, "mixed": 3.0, "negative": 1.8}[mood]
        return {q.id: max(1 if q.min is None else q.min, min(q.max or 5, round(rng.gauss(centre, 0.8))))}
    if q.type == "number":
        return {q.id: rng.randint(q.min or 0, min(q.max or 24, 24))}
    if q.type == "date":
        return {q.id: (datetime(2026, 1, 5) + timedelta(days=rng.randrange(300))).date().isoformat()}
    if rng.random() < 0.35:
        return {}  # free text is often left empty
    if language != "en" and rng.random() < 0.6:
        return {q.id: rng.choice(OTHER_LANGUAGE_COMMENTS[language])[: q.max_length]}
    topic = q.id if q.id in COMMENTS else "general"
    return {q.id: rng.choice(COMMENTS[topic][mood])[: q.max_length]}
