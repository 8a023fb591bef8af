"""Fixtures for the insight engine tests: a tiny coded CSV written by the test itself."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

POSITIVE = [
    "The staff were kind and really helpful",
    "Excellent support from the SENCO, thank you",
    "Brilliant service, they listened to us",
    "Lovely caring team who explained everything",
    "Very happy with the speech therapy",
    "Great help with transport, always on time",
    "The caseworker was friendly and supportive",
    "Thank you for the quick reply and clear advice",
    "Really good short breaks club, my son loves it",
    "Helpful and professional staff",
]
NEGATIVE = [
    "We waited months and nobody called back",
    "The staff were rude and not helpful at all",
    "No one listens to parents, we are ignored",
    "Still waiting for the EHCP after a year",
    "Awful service, I had to chase them every week",
    "The taxi was late every day and the driver was rude",
    "Terrible communication, we heard nothing for weeks",
    "The plan was late and full of mistakes",
    "Useless, they fobbed us off again",
    "Waited two years for an assessment, shocking",
]
MIXED = [
    "Lovely staff but the wait was far too long",
    "Good school but the transport is always late",
    "The therapist was great however we waited a year",
    "Kind people but nobody tells us anything",
]


def coded_rows() -> list[dict[str, str]]:
    """Forty-odd coded rows: sentiment 1-5 and two 0/1 theme columns."""
    rows = []
    for n, text in enumerate(POSITIVE * 2):
        rows.append(_row(text, "1" if n % 2 else "2", waiting="0", staff="1" if "staff" in text.lower() else ""))
    for text in NEGATIVE * 2:
        waiting = "1" if any(w in text.lower() for w in ("wait", "late", "weeks", "months")) else "0"
        rows.append(_row(text, "4", waiting=waiting, staff="1" if "staff" in text.lower() else ""))
    for text in MIXED * 2:
        rows.append(_row(text, "3", waiting="1", staff="1" if "staff" in text.lower() else ""))
    rows.append(_row("", "", waiting="", staff=""))
    return rows


def _row(text: str, sentiment: str, *, waiting: str, staff: str) -> dict[str, str]:
    return {"Comment": text, "Score": sentiment, "Waiting, delays": waiting, "Staff": staff, "Ward": "Abbey"}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def coded_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "coded.csv", coded_rows())


@pytest.fixture
def rows() -> list[dict[str, str]]:
    return coded_rows()


@pytest.fixture
def csv_writer():
    return write_csv


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """A model trained by the real `train` code on the tiny coded set (sentiment + two themes)."""
    from engage.insight import load_model
    from engage.insight.batch import parse_sentiment_map, read_training_set
    from engage.insight.model import save_model
    from engage.insight.training import train_model

    folder = tmp_path_factory.mktemp("tiny")
    path = write_csv(folder / "coded.csv", coded_rows())
    data = read_training_set(
        path,
        "Comment",
        sentiment_column="Score",
        sentiment_map=parse_sentiment_map(SENTIMENT_MAP),
        theme_columns=["Waiting, delays", "Staff"],
    )
    save_model(
        train_model(data.texts, sentiments=data.sentiments, codes=data.codes, theme_labels=data.theme_labels),
        folder / "model",
    )
    return load_model(folder / "model"), folder / "model"


SENTIMENT_MAP = "1=positive,2=positive,3=mixed,4=negative,5=negative"
