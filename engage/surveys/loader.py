"""Reading survey files: YAML (with line numbers) validated into the dataclasses of ``definitions``.

Every problem in a file is collected, each naming the file, the element and what is wrong.
Plain Python (no Flask).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import yaml

from engage import area as areas
from engage.surveys.definitions import (
    AUDIENCES,
    QUESTION_TYPES,
    REACH_DIMENSIONS,
    Condition,
    Option,
    Page,
    Problem,
    Question,
    Survey,
    SurveyDefinitionError,
    Text,
)

STANDARD_FILE = Path(__file__).with_name("standard_questions.yaml")
SURVEY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
ELEMENT_ID = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
OPTION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
MAX_TEXT_LENGTH = 5000
MAX_RETENTION_DAYS = 3650
#: Keys about what happens to answers afterwards, not about the questions: changing one needs no new version,
#: so they stay out of the snapshot that drafts are compared with.
POLICY_KEYS = frozenset({"retention_days"})
OPERATORS = ("equals", "in", "not_in", "contains", "answered", "greater_than", "less_than")


# --------------------------------------------------------------------------- YAML with lines


class _LineDict(dict):
    line: int | None = None


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(text: str, name: str) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise SurveyDefinitionError([Problem(name, "(file)", f"not valid YAML: {exc}")]) from exc


def without_policy(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in POLICY_KEYS}


def line_of(data: Any) -> int | None:
    return getattr(data, "line", None)


# --------------------------------------------------------------------------- standard set


def load_standard(path: Path = STANDARD_FILE) -> dict[str, dict]:
    """The equality-monitoring questions, by name, each with its translation context; the ward and language
    questions offer the served area's own groups first (retired ones no longer)."""
    data = read_yaml(path.read_text(encoding="utf-8"), path.name)
    questions = data.get("standard_questions") if isinstance(data, dict) else None
    if not isinstance(questions, dict):
        raise SurveyDefinitionError([Problem(path.name, "(file)", "needs standard_questions")])
    for name, spec in questions.items():
        spec["context"] = f"standard.q.{name}"
    served = areas.current()
    for name, groups in (("ward", served.offered_wards()), ("language", served.offered_home_languages())):
        if isinstance(questions.get(name), dict):
            local = [{"id": group.id, "label": group.label} for group in groups]
            questions[name]["options"] = local + list(questions[name].get("options") or [])
    return questions


# --------------------------------------------------------------------------- parsing


class _Parser:
    """Turns one resolved survey mapping into a Survey, collecting every problem."""

    def __init__(self, name: str, standard: dict[str, dict]):
        self.name = name
        self.standard = standard
        self.problems: list[Problem] = []
        self.survey_id = "(survey)"

    def problem(self, element: str, message: str, data: Any = None) -> None:
        self.problems.append(Problem(self.name, element, message, line_of(data)))

    def text(self, data: dict, key: str, context: str, element: str, required=True):
        value = data.get(key)
        if value is None:
            if required:
                self.problem(element, f"needs '{key}'", data)
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(element, f"'{key}' must be non-empty text", data)
            return None
        return Text(context, value.strip(), line_of(data))

    def survey(self, data: Any) -> Survey | None:
        if not isinstance(data, dict):
            self.problem("(file)", "must be a mapping with id, version, pages")
            return None
        sid = data.get("id")
        if not isinstance(sid, str) or not SURVEY_ID.match(sid):
            self.problem("(survey)", f"id {sid!r} must be lower-case letters, digits, hyphens", data)
            sid = "(survey)"
        self.survey_id = sid
        data = self.resolve_standards(data)
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem(sid, f"version must be a whole number from 1, not {version!r}", data)
        audience = data.get("audience")
        if audience not in AUDIENCES:
            self.problem(sid, f"audience must be one of {', '.join(AUDIENCES)}", data)
        opens, closes = self.date(data, "opens", sid), self.date(data, "closes", sid)
        if opens and closes and closes < opens:
            self.problem(sid, "closes before it opens", data)
        languages = self.languages(data, sid)
        pages = self.pages(data.get("pages"), sid, data)
        minutes = data.get("minutes", 10)
        if not isinstance(minutes, int) or minutes < 1:
            self.problem(sid, "minutes must be a whole number from 1", data)
        outcome = data.get("outcome_url")
        if outcome is not None and not (isinstance(outcome, str) and outcome.startswith(("/", "https://"))):
            self.problem(sid, "outcome_url must start with / or https://", data)
        retention = self.retention_days(data, sid)
        try:
            snapshot = json.dumps(without_policy(data), default=str, sort_keys=True)
        except (TypeError, ValueError) as exc:  # a key that is not text: 1:, 2026-01-01:
            self.problem(sid, f"every key must be text: {exc}", data)
            snapshot = ""
        survey = Survey(
            id=sid,
            version=version if isinstance(version, int) else 0,
            title=self.text(data, "title", f"{sid}.title", sid),
            introduction=self.text(data, "introduction", f"{sid}.introduction", sid),
            privacy=self.text(data, "privacy", f"{sid}.privacy", sid, required=False),
            audience=audience,
            easy_read=bool(data.get("easy_read", False)),
            opens=opens,
            closes=closes,
            languages=languages,
            pages=pages,
            minutes=minutes if isinstance(minutes, int) else 10,
            outcome_url=outcome,
            retention_days=retention,
            source=self.name,
            snapshot=snapshot,
        )
        self.check_ids_and_conditions(survey)
        return survey

    def retention_days(self, data: dict, element: str) -> int | None:
        """``retention_days``: how long submitted responses are kept, a whole number of days (1 to 3650)."""
        value = data.get("retention_days")
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_RETENTION_DAYS:
            self.problem(element, f"retention_days must be a whole number of days from 1 to {MAX_RETENTION_DAYS}", data)
            return None
        return value

    def date(self, data: dict, key: str, element: str) -> dt.date | None:
        value = data.get(key)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = dt.date.fromisoformat(value)
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):  # a datetime won't compare with a date
            self.problem(element, f"'{key}' must be a date like 2026-09-01", data)
            return None
        return value

    def languages(self, data: dict, sid: str) -> tuple[str, ...]:
        langs = data.get("languages", ["en"])
        if not isinstance(langs, list) or not all(isinstance(x, str) and LANGUAGE.match(x) for x in langs):
            self.problem(sid, "languages must be a list of codes like [en, pl]", data)
            return ("en",)
        if "en" not in langs:
            self.problem(sid, "languages must include en (the source language)", data)
        return tuple(langs)

    def pages(self, items: Any, sid: str, data: dict) -> tuple[Page, ...]:
        if not isinstance(items, list) or not items:
            self.problem(sid, "needs at least one page", data)
            return ()
        return tuple(p for p in (self.page(item, sid) for item in items) if p)

    def page(self, data: Any, sid: str) -> Page | None:
        if not isinstance(data, dict):
            self.problem(sid, "each page must be a mapping")
            return None
        pid = self.element_id(data, "page")
        questions = data.get("questions")
        if not isinstance(questions, list) or not questions:
            self.problem(f"page {pid}", "needs at least one question", data)
            questions = []
        return Page(
            id=pid,
            title=self.text(data, "title", f"{sid}.page.{pid}.title", f"page {pid}"),
            description=self.text(data, "description", f"{sid}.page.{pid}.description", f"page {pid}", required=False),
            show_if=self.condition(data.get("show_if"), f"page {pid}"),
            questions=tuple(q for q in (self.question(q) for q in questions) if q),
        )

    def element_id(self, data: dict, kind: str) -> str:
        value = data.get("id")
        if not isinstance(value, str) or not ELEMENT_ID.match(value):
            self.problem(f"{kind} {value!r}", "id must start with a letter: a-z, 0-9, _ or -", data)
            return str(value)
        return value

    def question(self, data: Any) -> Question | None:
        if not isinstance(data, dict):
            self.problem(self.survey_id, "each question must be a mapping")
            return None
        qid = self.element_id(data, "question")
        element = f"question {qid}"
        context = data.get("context") or f"{self.survey_id}.q.{qid}"
        qtype = data.get("type")
        if qtype not in QUESTION_TYPES:
            self.problem(element, f"type must be one of {', '.join(QUESTION_TYPES)}, not {qtype!r}", data)
            return None
        reach = data.get("reach")
        if reach is not None and reach not in REACH_DIMENSIONS:
            self.problem(element, f"reach must be one of {', '.join(REACH_DIMENSIONS)}", data)
        return Question(
            id=qid,
            type=qtype,
            label=self.text(data, "label", data.get("label_context") or f"{context}.label", element),
            hint=self.text(data, "hint", data.get("hint_context") or f"{context}.hint", element, required=False),
            required=bool(data.get("required", False)),
            show_if=self.condition(data.get("show_if"), element),
            reach=reach,
            **self.type_fields(qtype, data, context, element),
        )

    def resolve_standards(self, data: dict) -> dict:
        """Inline ``standard:`` questions so the snapshot of a version is self-contained."""
        resolved = _LineDict(data)
        resolved.line = line_of(data)
        pages = []
        for page in data.get("pages") if isinstance(data.get("pages"), list) else []:
            if isinstance(page, dict) and isinstance(page.get("questions"), list):
                copy = _LineDict(page, questions=[self.resolve_standard(q) for q in page["questions"]])
                copy.line = line_of(page)
                page = copy
            pages.append(page)
        if isinstance(data.get("pages"), list):
            resolved["pages"] = pages
        return resolved

    def resolve_standard(self, data: Any) -> Any:
        if not isinstance(data, dict) or "standard" not in data:
            return data
        name = data["standard"]
        if not isinstance(name, str) or name not in self.standard:  # a list or mapping cannot be looked up
            self.problem(f"question {data.get('id', name)!r}", f"unknown standard question {name!r}", data)
            return data
        own = {k: v for k, v in data.items() if k != "standard"}
        merged = _LineDict({**self.standard[name], **own})
        merged.setdefault("id", name)
        for key in ("label", "hint"):  # a survey's own wording gets the survey's own context
            if key in own:
                merged[f"{key}_context"] = f"{self.survey_id}.q.{merged['id']}.{key}"
        merged.line = line_of(data)
        return merged

    def type_fields(self, qtype: str, data: dict, context: str, element: str) -> dict:
        if qtype in ("single", "multiple"):
            fields = {"options": self.options(data, context, element)}
            if data.get("other"):
                if qtype != "multiple":
                    self.problem(element, "'other' is only for multiple choice", data)
                label = data.get("other_label", "Other, please specify")
                fields["other"] = Text(f"{context}.other", label, line_of(data))
            return fields
        if qtype == "scale":
            return self.scale(data, context, element)
        if qtype == "text":
            return {"max_length": self.max_length(data, element)}
        if qtype == "number":
            return self.number(data, element)
        return {
            "min_date": self.date_or_none(data, "min", element),
            "max_date": self.date_or_none(data, "max", element),
        }

    def options(self, data: dict, context: str, element: str) -> tuple[Option, ...]:
        items = data.get("options")
        if not isinstance(items, list) or len(items) < 2:
            self.problem(element, "needs at least two options", data)
            return ()
        options = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not OPTION_ID.match(item["id"]):
                self.problem(element, f"option {item!r} needs an id (a-z, 0-9, _ or -) and a label", data)
                continue
            label = self.text(item, "label", f"{context}.option.{item['id']}", f"{element} option {item['id']}")
            options.append(Option(item["id"], label))
        ids = [o.id for o in options]
        for dup in {i for i in ids if ids.count(i) > 1}:
            self.problem(element, f"option id {dup!r} is used twice", data)
        return tuple(options)

    def scale(self, data: dict, context: str, element: str) -> dict:
        low, high = data.get("min", 1), data.get("max", 5)
        if not (isinstance(low, int) and isinstance(high, int) and low < high and high - low <= 10):
            self.problem(element, "a scale needs whole numbers min < max, at most 11 points", data)
            low, high = 1, 5
        return {
            "min": low,
            "max": high,
            "min_label": self.text(data, "min_label", f"{context}.min_label", element),
            "max_label": self.text(data, "max_label", f"{context}.max_label", element),
        }

    def max_length(self, data: dict, element: str) -> int:
        limit = data.get("max_length", 1000)
        if not isinstance(limit, int) or not 1 <= limit <= MAX_TEXT_LENGTH:
            self.problem(element, f"max_length must be a whole number from 1 to {MAX_TEXT_LENGTH}", data)
            return 1000
        return limit

    def number(self, data: dict, element: str) -> dict:
        low, high = data.get("min"), data.get("max")
        for value in (low, high):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                self.problem(element, "min and max must be whole numbers", data)
                return {}
        if low is not None and high is not None and low > high:
            self.problem(element, "min is greater than max", data)
        return {"min": low, "max": high}

    def date_or_none(self, data: dict, key: str, element: str) -> dt.date | None:
        return self.date(data, key, element) if key in data else None

    def condition(self, data: Any, element: str) -> Condition | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            self.problem(element, "show_if must be a mapping", data)
            return None
        for group in ("all", "any"):
            if group in data:
                items = data[group]
                if not isinstance(items, list) or not items:
                    self.problem(element, f"show_if {group} needs a list of conditions", data)
                    return None
                return Condition(group, children=tuple(c for c in (self.condition(i, element) for i in items) if c))
        if "not" in data:
            child = self.condition(data["not"], element)
            return Condition("not", children=(child,)) if child else None
        ops = [op for op in OPERATORS if op in data]
        if not isinstance(data.get("question"), str) or len(ops) != 1:
            self.problem(element, f"show_if needs 'question' and one of {', '.join(OPERATORS)}", data)
            return None
        value = data[ops[0]]
        if ops[0] in ("in", "not_in"):
            if not isinstance(value, list):
                self.problem(element, f"show_if {ops[0]} needs a list", data)
                return None
            value = tuple(str(v) for v in value)
        elif ops[0] in ("equals", "contains"):
            value = str(value)
        return Condition(ops[0], question=data["question"], value=value)

    # ----------------------------------------------------------------- cross checks

    def check_ids_and_conditions(self, survey: Survey) -> None:
        seen_pages: set[str] = set()
        earlier: dict[str, Question] = {}
        for page in survey.pages:
            if page.id in seen_pages:
                self.problem(f"page {page.id}", "page id is used twice")
            seen_pages.add(page.id)
            self.check_condition(page.show_if, earlier, f"page {page.id}")
            for q in page.questions:
                self.check_condition(q.show_if, earlier, f"question {q.id}")
            for q in page.questions:
                if q.id in earlier:
                    self.problem(f"question {q.id}", "question id is used twice")
                earlier[q.id] = q

    def check_condition(self, cond: Condition | None, earlier: dict[str, Question], element: str) -> None:
        if cond is None:
            return
        for child in cond.children:
            self.check_condition(child, earlier, element)
        if cond.question is None:
            return
        target = earlier.get(cond.question)
        if target is None:
            self.problem(element, f"show_if refers to {cond.question!r}, which is not a question on an earlier page")
            return
        values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
        if cond.op in ("equals", "in", "not_in", "contains") and target.type in ("single", "multiple", "scale"):
            unknown = [v for v in values if v not in target.option_ids()]
            if unknown:
                self.problem(element, f"show_if uses {unknown} which are not options of {cond.question!r}")
        if cond.op == "contains" and target.type != "multiple":
            self.problem(element, f"show_if contains needs a multiple-choice question, {cond.question!r} is not")
        if cond.op in ("greater_than", "less_than") and (
            target.type not in ("number", "scale") or not isinstance(cond.value, (int, float))
        ):
            self.problem(element, f"show_if {cond.op} needs a number and a number or scale question")


# --------------------------------------------------------------------------- loading


def parse_survey(data: Any, name: str, standard: dict[str, dict] | None = None) -> Survey:
    """Validate one survey mapping; raise SurveyDefinitionError listing every problem."""
    parser = _Parser(name, load_standard() if standard is None else standard)
    survey = parser.survey(data)
    if parser.problems or survey is None:
        raise SurveyDefinitionError(parser.problems)
    return survey


def load_survey(path: Path, standard: dict[str, dict] | None = None) -> Survey:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SurveyDefinitionError([Problem(str(path), "(file)", f"not UTF-8 text: {exc}")]) from exc
    data = read_yaml(text, str(path))
    return parse_survey(data, str(path), standard)


def survey_files(directory: Path) -> list[Path]:
    """Survey files in a directory: ``*.yaml``, skipping names that start with ``_``."""
    return sorted(p for p in Path(directory).glob("*.yaml") if not p.name.startswith("_"))


def check_directory(directory: Path) -> tuple[dict[str, Survey], list[Problem]]:
    """Load every survey file; return the good ones and the problems of the bad ones."""
    standard = load_standard()
    surveys: dict[str, Survey] = {}
    problems: list[Problem] = []
    for path in survey_files(directory):
        try:
            survey = load_survey(path, standard)
        except SurveyDefinitionError as exc:
            problems.extend(exc.problems)
            continue
        if survey.id in surveys:
            problems.append(Problem(str(path), survey.id, f"id already used by {surveys[survey.id].source}"))
            continue
        surveys[survey.id] = survey
    return surveys, problems


def survey_from_snapshot(snapshot: str) -> Survey:
    """Rebuild the exact version a draft started on from its stored snapshot."""
    return parse_survey(json.loads(snapshot), "(stored version)", standard={})
