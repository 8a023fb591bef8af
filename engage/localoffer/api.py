"""The Open Referral UK API (HSDS-UK-3.0) at /api/v1: published services only, public GET."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import oruk, queries

bp = Blueprint("localoffer_api", __name__, url_prefix="/api/v1")
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50


class BadParameterError(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@bp.after_request
def _cors(response: Response) -> Response:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.errorhandler(BadParameterError)
def _bad_parameter(error: BadParameterError) -> tuple[Response, int]:
    message = _("The parameter %(name)s is not valid.", name=error.name)
    return jsonify({"status": 400, "error": "bad_request", "message": message}), 400


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> tuple[Response, int]:
    return jsonify({"status": error.code, "error": error.name, "message": error.description}), error.code or 500


def _not_found() -> tuple[Response, int]:
    return jsonify({"status": 404, "error": "not_found", "message": _("No such record.")}), 404


def _number(name: str, integer: bool = False, low: float = 0) -> Any:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise BadParameterError(name) from None
    if value < low or value > 10**7:
        raise BadParameterError(name)
    return value


def _paging() -> tuple[int, int]:
    page = _number("page", integer=True, low=1) or 1
    per_page = min(_number("per_page", integer=True, low=1) or DEFAULT_PER_PAGE, MAX_PER_PAGE)
    return page, per_page


def _filters() -> queries.ApiFilters:
    return queries.ApiFilters(
        search=request.args.get("search", "")[:200],
        taxonomy_term_id=request.args.get("taxonomy_term_id") or None,
        taxonomy_id=request.args.get("taxonomy_id") or None,
        minimum_age=_number("minimum_age"),
        maximum_age=_number("maximum_age"),
        postcode=(request.args.get("postcode") or "")[:20] or None,
        proximity=_number("proximity"),
    )


@bp.get("/")
def index() -> Response:
    return jsonify({"version": oruk.VERSION, "profile": "https://openreferraluk.org/"})


@bp.get("/services")
def services() -> Response:
    page, per_page = _paging()
    rows, total = queries.api_services(db.session, _filters(), page, per_page)
    return jsonify(oruk.page([oruk.service_summary(s) for s in rows], total, page, per_page))


@bp.get("/services/<id>")
def service(id: str) -> Response | tuple[Response, int]:
    found = db.session.get(m.Service, id[:36])
    if found is None or found.state != m.ServiceState.PUBLISHED:
        return _not_found()
    return jsonify(oruk.service_to_oruk(found))


@bp.get("/organizations")
def organizations() -> Response:
    page, per_page = _paging()
    rows, total = queries.api_organizations(db.session, page, per_page)
    return jsonify(oruk.page([oruk.organization_to_oruk(o) for o in rows], total, page, per_page))


@bp.get("/organizations/<id>")
def organization(id: str) -> Response | tuple[Response, int]:
    found = db.session.get(m.Organization, id[:36])
    services = queries.published_services_of(db.session, found.id) if found else []
    if not services:
        return _not_found()
    doc = oruk.organization_to_oruk(found)
    doc["services"] = [oruk.service_summary(s) for s in services]
    return jsonify(doc)


@bp.get("/taxonomies")
def taxonomies() -> Response:
    page, per_page = _paging()
    rows, total = queries.api_taxonomies(db.session, page, per_page)
    return jsonify(oruk.page([oruk.taxonomy_to_oruk(t) for t in rows], total, page, per_page))


@bp.get("/taxonomies/<id>")
def taxonomy(id: str) -> Response | tuple[Response, int]:
    found = db.session.get(m.Taxonomy, id[:36])
    if found is None:
        return _not_found()
    doc = oruk.taxonomy_to_oruk(found)
    doc["taxonomy_terms"] = [oruk.term_to_oruk(t) for t in found.terms]
    return jsonify(doc)


@bp.get("/taxonomy_terms")
def taxonomy_terms() -> Response:
    page, per_page = _paging()
    rows, total = queries.api_terms(db.session, request.args.get("taxonomy_id"), page, per_page)
    return jsonify(oruk.page([oruk.term_to_oruk(t) for t in rows], total, page, per_page))


@bp.get("/taxonomy_terms/<id>")
def taxonomy_term(id: str) -> Response | tuple[Response, int]:
    found = db.session.get(m.TaxonomyTerm, id[:36])
    return jsonify(oruk.term_to_oruk(found)) if found else _not_found()


@bp.get("/service_at_locations")
def service_at_locations() -> Response:
    page, per_page = _paging()
    rows, total = queries.api_service_at_locations(db.session, _filters(), page, per_page)
    return jsonify(oruk.page([oruk.sal_to_oruk(s) for s in rows], total, page, per_page))


@bp.get("/service_at_locations/<id>")
def service_at_location(id: str) -> Response | tuple[Response, int]:
    found = db.session.get(m.ServiceAtLocation, id[:36])
    if found is None or found.service.state != m.ServiceState.PUBLISHED:
        return _not_found()
    return jsonify(oruk.sal_to_oruk(found))


@bp.route("/<path:anything>")
def unknown(anything: str) -> tuple[Response, int]:
    return _not_found()
