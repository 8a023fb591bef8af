"""Property-based tests (hypothesis) over survey definitions (issue 15).

Generated definitions, valid and corrupted, go through the loader: it either returns a valid
Survey or raises SurveyDefinitionError listing what is wrong, never any other exception (which
would be a 500 in the app, or a crashed ``surveys check``). It never changes the mapping it was
given. Valid ones are then walked by the router with random answers.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from engage.surveys import routing
from engage.surveys.definitions import QUESTION_TYPES, Survey, SurveyDefinitionError
from engage.surveys.loader import load_standard, load_survey, parse_survey, read_yaml, survey_from_snapshot

STANDARD = load_standard()
ONE_PAGE = {
    "id": "hyp-survey",
    "version": 1,
    "title": "T",
    "introduction": "I",
    "audience": "parents_carers",
    "opens": "2020-01-01",
    "closes": "2099-12-31",
}
SETTINGS = settings(max_examples=200, deadline=None)

label = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)
option_id = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)


# --------------------------------------------------------------------------- valid definitions


@st.composite
def question(draw, qid: str) -> dict:
    qtype = draw(st.sampled_from(QUESTION_TYPES))
    q = {"id": qid, "type": qtype, "label": draw(label), "required": draw(st.booleans())}
    if qtype in ("single", "multiple"):
        ids = draw(st.lists(option_id, min_size=2, max_size=4, unique=True))
        q["options"] = [{"id": o, "label": draw(label)} for o in ids]
        if qtype == "multiple" and draw(st.booleans()):
            q["other"] = True
    elif qtype == "scale":
        low = draw(st.integers(-3, 3).filter(bool))  # not 0: see test_a_scale_from_0_offers_0
        q.update(min=low, max=low + draw(st.integers(1, 10)), min_label=draw(label), max_label=draw(label))
    elif qtype == "text":
        q["max_length"] = draw(st.integers(1, 5000))
    elif qtype == "number":
        low = draw(st.integers(-100, 100))
        q.update(min=low, max=low + draw(st.integers(0, 100)))
    else:
        q.update(min="2020-01-01", max="2030-12-31")
    return q


@st.composite
def condition(draw, earlier: list[dict], depth: int = 0):
    """A condition on a question from an earlier page that the loader must accept."""
    if depth < 2 and draw(st.integers(0, 4)) == 0:
        kind = draw(st.sampled_from(["all", "any", "not"]))
        if kind == "not":
            return {"not": draw(condition(earlier, depth + 1))}
        return {kind: draw(st.lists(condition(earlier, depth + 1), min_size=1, max_size=3))}
    target = draw(st.sampled_from(earlier))
    ops = ["answered"]
    if target["type"] in ("single", "multiple", "scale"):
        ops += ["equals", "in", "not_in"]
    if target["type"] == "multiple":
        ops.append("contains")
    if target["type"] in ("number", "scale"):
        ops += ["greater_than", "less_than"]
    op = draw(st.sampled_from(ops))
    if op == "answered":
        value = draw(st.booleans())
    elif op in ("greater_than", "less_than"):
        value = draw(st.integers(-200, 200) | st.floats(-200, 200))
    else:
        if target["type"] == "scale":
            choices = [str(n) for n in range(target["min"], target["max"] + 1)]
        else:
            choices = [o["id"] for o in target["options"]] + (["other"] if target.get("other") else [])
        many = st.lists(st.sampled_from(choices), min_size=1, max_size=3)
        value = draw(many if op in ("in", "not_in") else st.sampled_from(choices))
    return {"question": target["id"], op: value}


@st.composite
def valid_survey(draw) -> dict:
    pages, earlier, number = [], [], 0
    for p in range(draw(st.integers(1, 4))):
        questions = []
        for _ in range(draw(st.integers(1, 3))):
            q = draw(question(f"q{number}"))
            number += 1
            if earlier and draw(st.booleans()):
                q["show_if"] = draw(condition(earlier))
            questions.append(q)
        page = {"id": f"page-{p}", "title": draw(label), "questions": questions}
        if earlier and draw(st.booleans()):
            page["show_if"] = draw(condition(earlier))
        pages.append(page)
        earlier += questions
    survey = {
        "id": "hyp-survey",
        "version": draw(st.integers(1, 50)),
        "title": draw(label),
        "introduction": draw(label),
        "audience": draw(st.sampled_from(["parents_carers", "young_people"])),
        "opens": "2020-01-01",
        "closes": "2099-12-31",
        "languages": ["en", "pl"],
        "pages": pages,
    }
    if draw(st.booleans()):
        pages[0]["questions"].append({"id": "ethnicity_std", "standard": "ethnicity"})
    return survey


# --------------------------------------------------------------------------- corrupted definitions

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.text(st.sampled_from("\x00\ud800\udfff\ufffe\x7f\u202e"), max_size=5)  # NUL, lone surrogates, oddities
    | st.just("x" * 100_000)
    | st.dates()
    | st.datetimes(),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=5) | st.integers() | st.dates(), children, max_size=3)
    ),
    max_leaves=6,
)


def paths(node, prefix=()):
    """Every (container, key) in a definition, to break one of them."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield prefix + (key,)
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield prefix + (index,)
            yield from paths(value, prefix + (index,))


def parent_of(data, path):
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def corrupted_survey(draw) -> tuple[dict, str | None]:
    """A valid definition broken in one way, and a word the loader's message must contain (None: any)."""
    data = draw(valid_survey())
    first = data["pages"][0]["questions"][0]
    how = draw(st.sampled_from(["delete", "replace", "type", "duplicate", "unknown_condition", "standard", "top_key"]))
    if how in ("delete", "replace"):
        path = draw(st.sampled_from(list(paths(data))))
        parent = parent_of(data, path)
        if how == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(junk)
        return data, None
    if how == "type":
        first["type"] = draw(st.text(max_size=10).filter(lambda t: t not in QUESTION_TYPES))
        return data, "type must be one of"
    if how == "duplicate":
        data["pages"][-1]["questions"].append(copy.deepcopy(first))
        return data, "used twice"
    if how == "unknown_condition":
        data["pages"][-1]["show_if"] = {"question": "no_such_question", "answered": True}
        return data, "no_such_question"
    if how == "standard":
        first["standard"] = draw(junk.filter(lambda v: not (isinstance(v, str) and v in STANDARD)))
        return data, "standard"
    data[draw(st.integers() | st.dates())] = draw(junk)  # a key that is not text
    return data, None


def check_loader(data, name="hyp.yaml"):
    """The loader's contract: a Survey, or SurveyDefinitionError naming each problem; input unchanged."""
    before = copy.deepcopy(data)
    survey, error = None, None
    try:
        survey = parse_survey(data, name, STANDARD)
    except SurveyDefinitionError as exc:
        assert exc.problems and str(exc)
        assert all(p.file == name and p.element and p.message for p in exc.problems)
        error = exc
    assert data == before, "the loader changed the definition it was given"
    return survey, error


# --------------------------------------------------------------------------- tests


def test_a_scale_from_0_offers_0():
    """Found by the property below: `q.min or 1` turned a 0-10 scale into 1-10."""
    scale = {"id": "q0", "type": "scale", "label": "L", "min": 0, "max": 10, "min_label": "a", "max_label": "b"}
    data = {**ONE_PAGE, "pages": [{"id": "p", "title": "P", "questions": [scale]}]}
    assert parse_survey(data, "hyp.yaml", STANDARD).question("q0").option_ids()[0] == "0"


@SETTINGS
@given(valid_survey())
def test_valid_definitions_load_and_round_trip_through_their_snapshot(data):
    survey, error = check_loader(data)
    assert error is None, str(error)
    assert isinstance(survey, Survey) and [p.id for p in survey.pages] == [p["id"] for p in data["pages"]]
    assert survey_from_snapshot(survey.snapshot) == survey


@SETTINGS
@given(corrupted_survey())
# Regression cases the property found: each raised TypeError (a 500 / crashed check) before the fix.
@example(({"id": "x", "pages": 5}, "needs at least one page"))
@example(({"id": "x", "pages": [{"id": "p", "questions": [{"standard": ["a"]}]}]}, "standard"))
@example(({"id": "x", 1: "one", "pages": []}, None))
@example(({"id": "x", dt.date(2026, 1, 1): "a date key", "pages": []}, None))
@example(({"id": "x", "opens": dt.datetime(2026, 9, 1, 9), "closes": dt.date(2026, 9, 2)}, None))
def test_corrupted_definitions_fail_with_the_loaders_own_error(case):
    data, word = case
    survey, error = check_loader(data)
    if word is not None:
        assert error is not None and word in str(error), f"expected a problem naming {word!r}, got {error}"
    if survey is not None:  # a harmless change (say, an optional key deleted) may still be valid
        assert isinstance(survey, Survey)


@SETTINGS
@given(st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
@example("id: x\npages: &a [*a]\n")
@example("? [a]\n: b\n")
@example("id: x\x00\n")
def test_arbitrary_yaml_text_fails_with_the_loaders_own_error(text):
    try:
        data = read_yaml(text, "hyp.yaml")
    except SurveyDefinitionError as exc:
        assert "not valid YAML" in str(exc)
        return
    check_loader(data)


@SETTINGS
@given(st.binary(max_size=200))
@example(b"id: caf\xe9\n")
@example(b"\xff\xfe\x00")
def test_a_file_that_is_not_utf8_fails_with_the_loaders_own_error(raw):
    fd, name = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        try:
            load_survey(Path(name), STANDARD)
        except SurveyDefinitionError as exc:
            assert exc.problems and str(exc)
    finally:
        os.unlink(name)


@st.composite
def answer_for(draw, q):
    if draw(st.integers(0, 5)) == 0:  # anything at all: a stale or tampered draft
        return draw(st.none() | st.text(max_size=5) | st.integers() | st.lists(st.text(max_size=3), max_size=2))
    ids = list(q.option_ids())
    if q.type == "single":
        return draw(st.sampled_from(ids))
    if q.type == "multiple":
        return draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True))
    if q.type in ("scale", "number"):
        return draw(st.integers(-300, 300))
    if q.type == "date":
        return draw(st.dates()).isoformat()
    return draw(st.text(max_size=20))


@SETTINGS
@given(valid_survey(), st.data())
def test_the_router_walks_every_page_of_a_valid_definition(data, draw):
    survey, error = check_loader(data)
    assert error is None, str(error)
    answers = {}
    for q in survey.questions():
        if draw.draw(st.booleans()):
            answers[q.id] = draw.draw(answer_for(q))
            if q.other:
                answers[q.other_key] = draw.draw(st.text(max_size=10))
    shown = routing.visible_pages(survey, answers)
    completed: set[str] = set()
    page = routing.first_incomplete_page(survey, answers, completed)
    walked = []
    while page is not None:
        assert len(walked) <= len(survey.pages), "the router went round in a circle"
        assert routing.can_visit(survey, answers, completed, page.id)
        assert routing.progress(survey, answers, page.id) == (len(walked) + 1, len(shown))
        previous = routing.previous_page(survey, answers, page.id)
        assert previous == (walked[-1] if walked else None)
        routing.visible_questions(page, answers)
        walked.append(page)
        completed.add(page.id)
        page = routing.next_page(survey, answers, page.id)
    assert walked == shown
    assert routing.first_incomplete_page(survey, answers, completed) is None
    routing.is_complete(survey, answers, completed)
    assert set(routing.prune(survey, answers)) <= set(answers)
    for page in survey.pages:  # pages not on the route too: a bookmarked or stale URL
        routing.next_page(survey, answers, page.id)
        routing.previous_page(survey, answers, page.id)
        routing.progress(survey, answers, page.id)
