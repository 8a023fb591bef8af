"""The demo loads about 600 realistic responses, deterministically, and loading twice changes nothing."""

from collections import Counter

from sqlalchemy import func, select

from engage.extensions import db
from engage.surveys import demo, routing, service
from engage.surveys.models import SurveyResponse


def test_given_the_demo_when_loaded_twice_then_about_600_responses_once_following_the_routing(app):
    demo.load_demo()
    first = db.session.scalar(select(func.count(SurveyResponse.id)))
    demo.load_demo()
    assert db.session.scalar(select(func.count(SurveyResponse.id))) == first
    assert 550 <= first <= 650
    responses = db.session.scalars(select(SurveyResponse)).all()
    languages = Counter(r.language for r in responses)
    assert {"en", "pl", "ro", "lt", "ur", "bn"} <= set(languages)
    assert sum(1 for r in responses if any(isinstance(v, str) and len(v) > 30 for v in r.answers.values())) > 150
    assert Counter(r.src for r in responses)["school-newsletter"] > 50
    for response in responses:  # answers follow the routing rules
        survey = service.registry().get(response.survey_id)
        assert routing.prune(survey, response.answers) == response.answers
