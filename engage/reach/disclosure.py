"""Disclosure control for counts of people (plain Python, no Flask).

Small counts could identify a family, so counts from 1 to 4 are never shown as numbers.
"""

from __future__ import annotations

SMALL_COUNT_LIMIT = 5


def display_count(n: int, *, for_file: bool = False) -> str:
    """A count as shown to staff: 1 to 4 become "fewer than 5" (``<5`` in files)."""
    if 0 < n < SMALL_COUNT_LIMIT:
        return "<5" if for_file else "fewer than 5"
    return str(n)
