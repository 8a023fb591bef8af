"""A baseline file is read cell for cell as written: a row whose cells do not line up with the header, or a
malformed thousands comma, is refused with its row number instead of shifting a number into the wrong column."""

from __future__ import annotations

from datetime import date

import pytest

from engage.reach.baseline import BaselineError, check_as_of, parse_baseline

HEADER = "dimension,group,count\n"


def _problems(text: str) -> list[str]:
    with pytest.raises(BaselineError) as error:
        parse_baseline(HEADER + text)
    return [p.english() for p in error.value.problems]


def test_an_unquoted_thousands_comma_is_refused_with_its_row_never_read_as_1():
    problems = _problems("ward,Abbey,720\nprimary_need,ASD,1,830\n")
    assert problems == [
        "Row 3: The row has 4 cells but the first row has 3: a number with a thousands comma must be in quotes "
        '("1,830") or written without it (1830)'
    ]


def test_a_row_with_too_few_cells_is_refused_with_its_row():
    assert _problems("ward,Abbey,720\nward,Castle\n")[0].startswith("Row 3: The row has 2 cells")


def test_a_quoted_thousands_comma_is_read_as_the_whole_number():
    assert parse_baseline(HEADER + 'primary_need,ASD,"1,830"\n') == {"primary_need": {"asd": 1830}}


@pytest.mark.parametrize("written", ['"18,30"', '"1,8300"', '",830"'])
def test_a_comma_that_is_not_a_thousands_separator_is_refused(written):
    assert "is not a whole number" in _problems(f"primary_need,ASD,{written}\n")[0]


def test_a_file_may_hold_only_some_dimensions():
    assert parse_baseline(HEADER + "ward,Abbey,720\nward,Castle,650\n") == {"ward": {"abbey": 720, "castle": 650}}


def test_a_date_in_the_future_is_refused_and_today_is_accepted():
    assert check_as_of(date(2026, 12, 8), date(2026, 12, 7))[0].code == "future_date"
    assert check_as_of(date(2026, 12, 7), date(2026, 12, 7)) == []
