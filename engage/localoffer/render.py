"""Markdown in directory content, made safe: Markdown → HTML → nh3 allow-list.

Raw HTML in the source is escaped before Markdown sees it, and links keep only http and
https addresses (a ``javascript:`` link loses its address).
"""

from __future__ import annotations

import html

import markdown
import nh3
from markupsafe import Markup

_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code"}
_ATTRIBUTES = {"a": {"href"}}


def markdown_html(text: str | None) -> Markup:
    """Sanitised HTML for Markdown ``text`` from a directory record."""
    if not text:
        return Markup("")
    source = html.escape(text, quote=False)
    rendered = markdown.markdown(source, extensions=[], output_format="html")
    clean = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an http or https address, else None."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
