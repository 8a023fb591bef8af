"""One way to split a long staff list into pages: a SQL query becomes one page of rows plus what the GOV.UK
pagination component needs, and every link keeps the filters the person chose (only `page` changes)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from flask import Flask, request, url_for
from flask_babel import gettext as _
from sqlalchemy import Select, func, select

from engage.extensions import db
from engage.request_values import page_number

#: Rows per page on staff lists: long enough to scan, short enough to load at once on a phone.
PER_PAGE = 50


@dataclasses.dataclass(frozen=True)
class Page:
    items: list[Any]
    total: int
    number: int
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_row(self) -> int:
        return 0 if not self.total else (self.number - 1) * self.per_page + 1

    @property
    def last_row(self) -> int:
        return min(self.total, self.number * self.per_page)


def paginate(query: Select, number: int | None = None, per_page: int = PER_PAGE, *, scalars: bool = True) -> Page:
    """One page of `query` (two queries: a count and the rows); the page number comes from `?page=` by default."""
    number = page_number() if number is None else number
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = query.limit(per_page).offset((number - 1) * per_page)
    items = list(db.session.scalars(rows) if scalars else db.session.execute(rows))
    return Page(items=items, total=total, number=number, per_page=per_page)


def paginate_list(items: list[Any], number: int | None = None, per_page: int = PER_PAGE) -> Page:
    """The same for a list already in memory (a list that is sorted or filtered in Python)."""
    number = page_number() if number is None else number
    start = (number - 1) * per_page
    return Page(items=items[start : start + per_page], total=len(items), number=number, per_page=per_page)


def page_url(number: int) -> str:
    """This page's address with another page number and every other filter kept."""
    args = request.args.to_dict(flat=False) | {"page": [str(number)]}
    if number == 1:
        args.pop("page")
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def pagination_params(page: Page, label: str) -> dict | None:
    """What govukPagination needs: first, last and the pages around this one, with ellipses between."""
    if page.pages <= 1:
        return None
    items: list[dict] = []
    for n in range(1, page.pages + 1):
        if n <= 1 or n >= page.pages or abs(n - page.number) <= 1:
            items.append({
                "number": n, "href": page_url(n), "current": n == page.number,
                "visuallyHiddenText": _("Page %(number)s", number=n),
            })  # fmt: skip
        elif items and "ellipsis" not in items[-1]:
            items.append({"ellipsis": True})
    return {
        "items": items,
        "previous": {"href": page_url(page.number - 1), "text": _("Previous")} if page.number > 1 else None,
        "next": {"href": page_url(page.number + 1), "text": _("Next")} if page.number < page.pages else None,
        "landmarkLabel": label,
    }


def init_app(app: Flask) -> None:
    app.add_template_global(pagination_params)
    app.add_template_global(page_url)
