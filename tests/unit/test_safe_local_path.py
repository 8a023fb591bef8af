"""One helper decides what is a safe local redirect target; the known bypass strings all fall back."""

import pytest

from engage.request_values import safe_local_path

FALLBACK = "/staff/"

#: Strings that browsers (or proxies) read as another host, or as script: each must give the fallback.
BYPASSES = [
    "https://evil.example/",
    "http:evil.example",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",  # ?next=/%09/evil.example: browsers drop the tab and read //evil.example
    "/\n/evil.example",
    "/\r/evil.example",
    "/\x00/evil.example",
    "/\x0b/evil.example",
    " //evil.example",
    "\t//evil.example",
    "/ /evil.example",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
    "/\u202e/elpmaxe.live",
    "/\u200b/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
    None,
    "/" + "a" * 3000,
]


@pytest.mark.parametrize("target", BYPASSES)
def test_known_bypass_strings_fall_back(target):
    assert safe_local_path(target, FALLBACK) == FALLBACK


@pytest.mark.parametrize(
    "target",
    ["/staff/feedback", "/staff/feedback/?status=new&page=2", "/pl/local-offer/pages/travel-assistance#top", "/"],
)
def test_paths_on_this_site_are_kept(target):
    assert safe_local_path(target, FALLBACK) == target


def test_a_path_with_letters_outside_ascii_is_kept_percent_encoded():
    assert safe_local_path("/local-offer?q=żłobek", FALLBACK) == "/local-offer?q=%C5%BC%C5%82obek"
