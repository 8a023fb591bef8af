"""Themes: the shipped SEND taxonomy and moderators' changes to it, as plain data."""

import pytest

from engage.insight import InputError, analyse, build_taxonomy, default_taxonomy, shipped_themes, with_changes


def test_shipped_taxonomy_has_the_send_themes_with_descriptions_and_seeds():
    themes = shipped_themes()
    assert len(themes) == 13
    assert {"waiting", "ehc", "transport", "adulthood", "local-offer", "equality"} <= {t["id"] for t in themes}
    assert all(t["description"] and t["seed_phrases"] for t in themes)


def test_seed_phrases_suggest_themes_with_wildcards():
    matches = default_taxonomy().seed_matches("We waited ages for the EHCP and the taxi never came")
    assert matches["waiting"] == "waited"
    assert matches["ehc"] == "ehcp"
    assert matches["transport"] == "taxi"


def test_moderators_rename_add_merge_and_retire():
    taxonomy = with_changes(
        [
            {"id": "transport", "name": "Home to school transport"},
            {"id": "sleep", "name": "Sleep", "seed_phrases": ["sleep*", "bedtime"]},
            {"id": "local-offer", "merged_into": "communication"},
            {"id": "equality", "retired": True},
        ]
    )
    assert taxonomy.name("transport") == "Home to school transport"
    assert taxonomy.resolve("local-offer") == "communication"
    assert taxonomy.resolve("equality") is None
    result = analyse("He never sleeps and the Local Offer website had nothing; it is unfair", taxonomy=taxonomy)
    assert "sleep" in result.themes
    assert "local-offer" not in result.themes and "equality" not in result.themes


def test_model_labels_map_onto_send_themes():
    assert default_taxonomy().for_model_label("Timeliness of care") == "waiting"
    assert default_taxonomy().for_model_label("Not a label") is None


@pytest.mark.parametrize(
    "themes",
    [
        [{"id": "a", "name": "A"}, {"id": "a", "name": "Again"}],
        [{"id": "a", "name": "A", "merged_into": "nowhere"}],
        [{"id": "", "name": "No id"}],
        [{"id": "a", "name": "Semi;colon"}],
    ],
)
def test_bad_taxonomy_is_refused(themes):
    with pytest.raises(InputError):
        build_taxonomy(themes)
