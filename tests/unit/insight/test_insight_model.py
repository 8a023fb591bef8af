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
    assert result.language == "en" and "waiting" in result.themes


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


def test_a_trained_theme_head_keeps_its_own_copy_of_the_concept_lexicon(tiny_model, tmp_path, monkeypatch):
    from engage.insight import features

    model, _ = tiny_model
    texts = ["Short staffed and we waited hours", "Could not get through on the phone", "Kind and helpful staff"]
    before = [a.model_labels for a in analyse_many(texts, model=model)]
    monkeypatch.setattr(features, "_concepts", lambda: [{"id": "other", "phrases": ["phone*"]}])
    loaded = load_model(save_model(model, tmp_path / "m"))
    assert {"staffing", "phoning"} <= {name for name, _ in loaded.themes.concepts}
    assert [a.model_labels for a in analyse_many(texts, model=loaded)] == before


def test_a_theme_head_whose_columns_do_not_add_up_is_refused(tiny_model, tmp_path):
    from engage.insight.model import _checksum

    model, _ = tiny_model
    folder = save_model(model, tmp_path / "m")
    meta = json.loads((folder / "model.json").read_text())
    meta["heads"]["themes"]["concepts"] = meta["heads"]["themes"]["concepts"][1:]
    meta["checksum"] = _checksum((folder / "weights.npz").read_bytes(), meta["heads"])
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="inconsistent"):
        load_model(folder)


def test_a_comment_gets_at_most_max_labels_themes_the_most_probable_kept():
    import numpy as np

    from engage.insight.engine import _labels_over
    from engage.insight.model import Head

    head = Head(["a", "b", "c", "d"], {}, np.zeros(0), np.zeros((4, 0)), np.zeros(4), max_labels=2)
    probs, cut = np.array([0.7, 0.9, 0.2, 0.8]), np.full(4, 0.5)
    assert _labels_over(head, probs, cut) == ("b", "d")
    head.max_labels = None
    assert _labels_over(head, probs, cut) == ("a", "b", "d")


def test_the_cap_on_themes_covers_all_but_one_percent_of_the_coded_training_comments():
    from engage.insight.training import _max_labels

    assert _max_labels([["a"]] * 99 + [["a", "b", "c", "d", "e"]] + [[]] * 50) == 1
    assert _max_labels([["a"]] * 90 + [["a", "b"]] * 10) == 2
    assert _max_labels([[]]) is None
