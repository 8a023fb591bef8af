"""Search: stemming, typo tolerance, filters, distance, and safety with odd input."""

from __future__ import annotations

import pytest

from engage.extensions import db
from engage.localoffer import districts
from engage.localoffer import search as s
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents


@pytest.fixture
def directory(app):
    ops.import_data(demo_documents(60), True, None)
    return db.session


def _names(results):
    return [h.service.name for h in results.hits]


def test_stems_fold_case_accents_and_word_endings():
    assert s.stems("Swimming SWIMS café") == ["swim", "cafe"]
    assert s.index_text("Therapies", "therapy") == " therapi "


def test_edit_distance_counts_a_swap_once():
    assert s.edit_distance("dyslexsia", "dyslexia") == 1
    assert s.edit_distance("thearpy", "therapy") == 1


def test_a_misspelt_word_is_corrected_to_a_known_one():
    vocab = s.Vocabulary([" dyslexia support ", " speech therapi "])
    assert vocab.alternatives("dyslexsia") == ["dyslexia"]
    assert vocab.alternatives("support") == ["support"]


def test_dyslexsia_finds_dyslexia_services(directory):
    results = s.search(directory, s.Filters(query="dyslexsia", per_page=50))
    assert results.total >= 2
    assert all("yslexia" in h.service.description for h in results.hits)
    assert results.corrected == {"dyslexsia": ["dyslexia"]}


def test_word_endings_match(directory):
    assert (
        s.search(directory, s.Filters(query="swim")).total == s.search(directory, s.Filters(query="swimming")).total > 0
    )


def test_name_matches_rank_first(directory):
    results = s.search(directory, s.Filters(query="speech therapy"))
    assert _names(results)[0].startswith("Speech and Language Therapy")


def test_a_word_matching_nothing_is_ignored_when_others_match(directory):
    results = s.search(directory, s.Filters(query="autism zzzqqq"))
    assert results.total > 0 and results.ignored == ["zzzqqq"]


@pytest.mark.parametrize("query", ["%", "_", "' OR 1=1 --", "\x00\u202e"])
def test_a_query_without_words_is_no_query_at_all(directory, query):
    """Wildcards, SQL and control characters are not words: the result is the unfiltered list, page by page."""
    everything = s.search(directory, s.Filters(query=""))
    results = s.search(directory, s.Filters(query=query))
    assert results.total == everything.total == 60 and _names(results) == _names(everything)
    assert len(results.hits) == 10


@pytest.mark.parametrize("query", ['<script>alert("x")</script>', "x" * 3000])
def test_markup_and_very_long_words_find_nothing(directory, query):
    assert s.search(directory, s.Filters(query=query)).total == 0


def test_a_very_long_query_of_one_repeated_word_is_that_word(directory):
    once = s.search(directory, s.Filters(query="ab"))
    results = s.search(directory, s.Filters(query="ab " * 1000))
    assert results.total == once.total > 0 and _names(results) == _names(once)


def test_filters_by_category_need_age_and_cost(directory):
    found = s.search(directory, s.Filters(categories=["leisure"], needs=["PD"], age=9, cost="paid", per_page=100))
    assert found.total > 0
    for hit in found.hits:
        service = hit.service
        assert {"leisure", "PD"} <= service.term_codes()
        assert (service.minimum_age or 0) <= 9 <= (service.maximum_age or 99)
        assert service.is_free is False


def test_distance_keeps_services_near_a_district_nearest_first(directory):
    near = districts.lookup("ex3 4ab")
    found = s.search(directory, s.Filters(near=near, radius_miles=1.5, per_page=100))
    assert 0 < found.total < 60
    distances = [h.distance_miles for h in found.hits]
    assert distances == sorted(distances) and max(distances) <= 1.5


def test_results_are_paged(directory):
    first = s.search(directory, s.Filters(per_page=25))
    third = s.search(directory, s.Filters(per_page=25, page=3))
    assert first.total == 60 and first.pages == 3 and len(third.hits) == 10
    assert not set(_names(first)) & set(_names(third))


def test_only_published_services_are_found(app):
    ops.import_data(demo_documents(3), False, None)
    assert s.search(db.session, s.Filters()).total == 0


def test_places_are_found_by_district_postcode_or_town():
    assert districts.lookup("EX3").key == "EX3"
    assert districts.lookup("ex34ab").key == "EX3"
    assert districts.lookup("brookside").key == "Brookside"
    assert districts.lookup("Atlantis") is None
    assert districts.lookup("x" * 3000) is None
