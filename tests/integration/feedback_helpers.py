"""Shared by the feedback and Local Offer comment tests."""

import json
import uuid

from engage.extensions import db
from engage.feedback.models import TrainedModel


def break_the_model() -> TrainedModel:
    """A stored retrained model the engine cannot load: every analysis fails until it is gone."""
    row = TrainedModel(token=uuid.uuid4().hex, rows=1, model_json=json.dumps({"format": "not a model"}), weights=b"")
    db.session.add(row)
    db.session.commit()
    return row
