"""Models: trained, stored without pickle, loaded with version and damage checks."""

import json
import socket

import pytest

from engage.insight import (
    DEFAULT_MODEL_DIR,
    ModelError,
    analyse,
    analyse_many,
    default_model,
    load_model,
    save_model,
    train_from_codes,
)
from engage.insight.model import FORMAT_VERSION


def test_round_trip_keeps_every_prediction(tiny_model, tmp_path):
    model, _ = tiny_model
    texts = ["We waited months and nobody called back", "Lovely caring staff", "Good school but the bus is late"]
    before = analyse_many(texts, model=model)
    after = analyse_many(texts, model=load_model(save_model(model, tmp_path / "copy")))
    assert [(a.sentiment, a.sentiment_score, a.model_labels) for a in before] == [
        (a.sentiment, a.sentiment_score, a.model_labels) for a in after
    ]


def test_a_trained_model_learns_its_theme_columns(tiny_model):
    model, _ = tiny_model
    assert model.themes.labels == ["Waiting, delays", "Staff"]
    assert "Waiting, delays" in analyse("Still waiting after months", model=model).model_labels


def test_model_files_are_not_pickles(tiny_model):
    _, folder = tiny_model
    assert sorted(p.name for p in folder.iterdir()) == ["model.json", "weights.npz"]
    assert json.loads((folder / "model.json").read_text())["format_version"] == FORMAT_VERSION


def test_damaged_weights_are_refused(tiny_model, tmp_path):
    model, _ = tiny_model
    folder = save_model(model, tmp_path / "m")
    data = bytearray((folder / "weights.npz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "weights.npz").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="damaged"):
        load_model(folder)


def test_model_from_another_version_is_refused(tiny_model, tmp_path):
    model, _ = tiny_model
    folder = save_model(model, tmp_path / "m")
    meta = json.loads((folder / "model.json").read_text())
    meta["format_version"] = FORMAT_VERSION + 1
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="another version"):
        load_model(folder)


@pytest.mark.parametrize("content", ["{not json", '{"format": "something else"}', ""])
def test_unreadable_model_json_is_refused(tmp_path, content):
    (tmp_path / "model.json").write_text(content)
    with pytest.raises(ModelError):
        load_model(tmp_path)


def test_missing_model_is_refused(tmp_path):
    with pytest.raises(ModelError, match="model.json is missing"):
        load_model(tmp_path / "nowhere")


def test_default_model_is_small_and_attributed():
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir())
    assert size < 5_000_000
    attribution = (DEFAULT_MODEL_DIR / "ATTRIBUTION.md").read_text()
    assert "Copyright (c) 2021 NHS England" in attribution and "pxtextmining" in attribution
    assert default_model().sentiment.labels == ["positive", "neutral", "negative"]


def test_retraining_from_moderators_codes_suggests_their_themes():
    codes = [("The bus was late again", ["transport"]), ("Taxi never turned up", ["transport"])] * 3
    codes += [("Nobody replied to my emails", ["communication"]), ("No one called us back", ["communication"])] * 3
    codes += [("The speech therapist was great", [])] * 4
    model = train_from_codes(codes)
    assert model.label_kind == "taxonomy"
    assert model.sentiment is default_model().sentiment
    result = analyse("The minibus came late", model=model)
    assert "transport" in result.model_labels and "transport" in result.themes


def test_nothing_is_downloaded_while_analysing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("insight tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = analyse("Dziękuję bardzo. The SENCO was great but we waited a year for the EHCP")
    assert result.language is not None


def test_a_themes_only_model_still_gives_sentiment_from_the_shipped_model():
    from engage.insight import train_model

    texts = ["The bus was late", "The taxi never came", "Transport was late again", "Lovely teacher", "Kind staff"]
    model = train_model(texts, codes=[["transport"]] * 3 + [[]] * 2)
    assert model.sentiment is None
    result = analyse("The taxi was late again and nobody called back", model=model)
    assert result.sentiment == "negative"
    assert "transport" in result.model_labels


def test_model_made_with_another_analyser_is_refused(tiny_model, tmp_path):
    model, _ = tiny_model
    folder = save_model(model, tmp_path / "m")
    meta = json.loads((folder / "model.json").read_text())
    meta["features_version"] = 0
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="another version"):
        load_model(folder)
