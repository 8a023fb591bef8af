"""The readable diff: fields in words, lists compared by meaning (not position), changed words marked."""

from __future__ import annotations

import copy

from engage.localoffer import changes
from engage.localoffer.demo import demo_documents


def _text(base, after):
    return changes.as_text(changes.service_changes(base, after))


def test_a_removed_opening_time_reads_as_words(app):
    base = demo_documents(5)[4]
    after = copy.deepcopy(base)
    after["schedules"] = []
    assert _text(base, after) == "Opening times: [-Wednesday 13:30–17:00, Term time only.-] → removed"


def test_reordering_lists_and_new_ids_are_not_changes(app):
    base = demo_documents(1)[0]
    after = copy.deepcopy(base)
    after["languages"].reverse()
    after["attributes"].reverse()
    for item in after["contacts"] + after["schedules"] + after["attributes"]:
        item["id"] = "00000000-0000-4000-8000-000000000000"
    assert changes.service_changes(base, after) == []


def test_changed_words_are_marked_and_no_path_or_id_appears(app):
    base = demo_documents(1)[0]
    after = copy.deepcopy(base)
    after["description"] = base["description"].replace("Monthly meetings", "Weekly meetings")
    after["service_at_locations"][0]["location"]["addresses"][0]["state_province"] = "Exampleshire"
    text = _text(base, after)
    assert "What the service offers: [-Monthly-]{+Weekly+} meetings" in text
    assert "Venues: " in text and "[-Example Borough,-]{+Exampleshire,+}" in text
    assert "service_at_locations" not in text and base["id"] not in text


def test_a_whole_value_replaced_reads_old_then_new(app):
    assert changes.inline("2026-09-19", "2026-11-18") == (
        changes.Piece("removed", "2026-09-19"),
        changes.Piece("arrow", ""),
        changes.Piece("added", "2026-11-18"),
    )
