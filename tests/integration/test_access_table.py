"""Access, asked of the application itself: every URL rule × {anonymous, moderator, leader, admin} gives the
answer tests/integration/access_table.py expects, about real records of the demo area; a rule without an entry
fails with the line to add; another record's guessed id gives 403 or 404; every refusal is audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter

from engage.audit import AuditEvent
from engage.extensions import db
from tests.integration import access_fixture as world
from tests.integration.access_table import ACCESS, KNOWN_DEFECTS


@pytest.fixture(scope="module")
def demo(tmp_path_factory, smtp_controller):
    """The demo area, loaded once for the module (the sweeps only read, apart from empty POSTs)."""
    with world.demo_app(tmp_path_factory.mktemp("access"), smtp_controller.port) as app:
        yield app, world.real_arguments(app)


def _line(key: str, answers: dict[str, dict]) -> str:
    cells = ", ".join("LOGIN" if (a := answers[role][key]) == world.LOGIN else str(a) for role in world.ROLES)
    return f'    "{key}": ({cells}),'


def test_every_rule_and_method_has_an_entry(demo):
    app, arguments = demo
    keys = {key for key, _method, _url in world.rows(app, arguments)}
    missing, stale = sorted(keys - ACCESS.keys()), sorted(ACCESS.keys() - keys)
    if missing:  # today's answers, for the author to check against the policy before pasting
        found = {role: world.answers(app, world.sign_in(app, role), arguments, set(missing)) for role in world.ROLES}
        lines = "\n".join(_line(key, found) for key in missing)
        pytest.fail(
            "routes without an entry: add to ACCESS in tests/integration/access_table.py (these are today's "
            f"answers; change any the policy says otherwise):\n    # (anonymous, moderator, leader, admin)\n{lines}"
        )
    assert not stale, f"ACCESS lists routes that no longer exist: delete {stale}"


def test_each_role_gets_the_answer_the_table_expects(demo):
    """The roles ask in the table's order on one demo, in one test: anonymous visitors first, as the table says
    (their POSTs use up one-time follow and booking links). As four parametrized tests, pytest -n 2 could send a
    role to the other worker's demo, where it asked first and got another answer."""
    problems = []
    for role in world.ROLES:
        problems += _wrong_answers(*demo, role)
    assert not problems, "\n".join(problems)


def _wrong_answers(app, arguments, role: str) -> list[str]:
    denials_before = _denials()
    answers = world.answers(app, world.sign_in(app, role), arguments)
    column = world.ROLES.index(role)
    wrong, fixed = [], []
    for key, answer in sorted(answers.items()):
        if key not in ACCESS:
            continue  # test_every_rule_and_method_has_an_entry names it
        expected = ACCESS[key][column]
        today, defect = KNOWN_DEFECTS.get((key, role), (expected, ""))
        if defect and answer == expected:
            fixed.append(f"{key} as {role} ({defect}): fixed, delete its KNOWN_DEFECTS line")
        elif answer != today:
            wrong.append(f"{key} as {role}: expected {today}, got {answer}")
    refused = sum(1 for key, answer in answers.items() if answer == 403)
    if _denials() - denials_before != refused:
        wrong.append(f"as {role}: each 403 must leave one access.denied audit event")
    return wrong + fixed


def test_the_table_grants_no_staff_page_to_anonymous_visitors():
    """The policy itself: nothing under /staff/ except signing in and enrolling is open to anonymous visitors."""
    open_to_all = {"GET /staff/login", "POST /staff/login", "GET /staff/enrol/<token>", "POST /staff/enrol/<token>"}
    opened = [key for key, cells in ACCESS.items() if " /staff/" in key and cells[0] != world.LOGIN]
    assert sorted(opened) == sorted(open_to_all)


def test_only_moderators_and_admins_may_export_individual_responses():
    """Bar 9 with item 5: a leader sees aggregates only; survey responses and comments go to moderators."""
    individual = [key for key in ACCESS if "/staff/surveys/<survey_id>/export" in key and key.endswith(("csv", "ods"))]
    assert individual and all(ACCESS[key][2] == 403 for key in individual)
    assert ACCESS["GET /staff/reports/export.<any(csv, ods):file_format> csv"][2] == 200


def test_guessed_ids_of_other_records_give_403_or_404(demo):
    """Each role asks every rule with an id argument about an id nobody has: 404 when the role may use the rule,
    403 (audited) when it may not; never 200 or 500."""
    app, arguments = demo
    guesses = {
        endpoint: {**values, **{name: _unknown(app, endpoint, name) for name in values if name not in ("action",)}}
        for endpoint, values in arguments.items()
        if endpoint not in ("*", "static", "localoffer_api.unknown")
    }
    guesses["*"] = {name: _unknown(app, None, name) for name in arguments["*"]}
    guesses["static"], guesses["localoffer_api.unknown"] = {"filename": "nope.css"}, {"anything": "nope"}
    for role in world.ROLES:
        answers = world.answers(app, world.sign_in(app, role), guesses)
        for key, answer in answers.items():
            if _has_id(key):
                assert answer in (403, 404, world.LOGIN), f"{key} with a guessed id as {role}: {answer}"


def _has_id(key: str) -> bool:
    return any(name in key for name in ("_id>", "<id>", "<token>", "<slug>", "<int:"))


def _unknown(app, endpoint, name):
    rules = [r for r in app.url_map.iter_rules() if name in r.arguments and endpoint in (None, r.endpoint)]
    numeric = any(isinstance(r._converters[name], IntegerConverter) for r in rules)
    return 987654 if numeric else "no-such-record-987654"


def _denials() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "access.denied"))
