"""Train the safeguarding classifier of ``safeguarding_model.py`` (needs scikit-learn, like training.py).

    python -m engage.insight.safeguarding_training --out engage/insight/models/safeguarding \\
        --negatives-csv ../shared/data/fft-comments-dev.csv --negatives-column "FFT answer" EXAMPLES.json ...

EXAMPLES.json files hold {"cases": [{"text": ..., "concern": true|false}, ...]}. Comments from the CSV are
taken as having no concern (the NHS file's coders marked none). The threshold is chosen from out-of-fold
probabilities so that cross-validated recall on the concerns is at least TARGET_RECALL: recall first.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from engage.insight.errors import InputError
from engage.insight.model import Head, InsightModel, save_model
from engage.insight.safeguarding_model import LABEL

#: Cross-validated share of concerns the chosen threshold must catch.
TARGET_RECALL = 0.95
_C, _FOLDS, _SEED = 10.0, 5, 7


def _fit(texts: Sequence[str], labels: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    from engage.insight.training import Vocabulary

    vocabulary = Vocabulary(texts)
    clf = LogisticRegression(C=_C, max_iter=5000, class_weight="balanced")
    clf.fit(vocabulary.matrix(texts, blocks=True), labels)
    return vocabulary, clf


def _probabilities(vocabulary, clf, texts: Sequence[str]) -> np.ndarray:
    return clf.predict_proba(vocabulary.matrix(texts, blocks=True))[:, 1]


def out_of_fold(texts: Sequence[str], labels: np.ndarray) -> np.ndarray:
    """Each text's probability from a model that did not see it (stratified folds)."""
    from sklearn.model_selection import StratifiedKFold

    oof = np.zeros(len(texts))
    folds = StratifiedKFold(n_splits=_FOLDS, shuffle=True, random_state=_SEED)
    for train, test in folds.split(np.zeros(len(labels)), labels):
        vocabulary, clf = _fit([texts[i] for i in train], labels[train])
        oof[test] = _probabilities(vocabulary, clf, [texts[i] for i in test])
    return oof


def recall_first_threshold(oof: np.ndarray, labels: np.ndarray, target: float = TARGET_RECALL) -> float:
    """The highest cut-off whose out-of-fold recall on the concerns is at least ``target``."""
    concerns = np.sort(oof[labels == 1])
    if len(concerns) == 0:
        raise InputError("There are no concerns among the examples to learn from.")
    allowed_misses = int(np.floor((1.0 - target) * len(concerns) + 1e-9))  # 0.2 * 10 is 1.999...8 in floats
    return float(concerns[allowed_misses])


def train_safeguarding(texts: Sequence[str], labels: Sequence[bool]) -> tuple[InsightModel, dict]:
    """Train the classifier and choose its threshold; returns the model and cross-validated figures."""
    y = np.array([1 if label else 0 for label in labels])
    if y.sum() < _FOLDS or (len(y) - y.sum()) < _FOLDS:
        raise InputError(f"Need at least {_FOLDS} concerns and {_FOLDS} ordinary comments to learn from.")
    oof = out_of_fold(texts, y)
    cut = recall_first_threshold(oof, y)
    vocabulary, clf = _fit(texts, y)
    head = Head(
        [LABEL], vocabulary.terms, vocabulary.idf, clf.coef_, clf.intercept_, np.array([cut]), split=vocabulary.split
    )
    figures = {
        "threshold": round(cut, 4),
        "cv_recall": round(float((oof[y == 1] >= cut).mean()), 3),
        "cv_false_alarm_rate": round(float((oof[y == 0] >= cut).mean()), 4),
        "concerns": int(y.sum()),
        "ordinary": int(len(y) - y.sum()),
    }
    return InsightModel(None, head, "safeguarding", {"rows": len(texts), **figures}), figures


def read_examples(paths: Sequence[Path]) -> tuple[list[str], list[bool], list[str]]:
    """Texts, labels and the file each came from."""
    texts, labels, sources = [], [], []
    for path in paths:
        for case in json.loads(Path(path).read_text(encoding="utf-8"))["cases"]:
            if isinstance(case.get("text"), str) and case["text"].strip():
                texts.append(case["text"])
                labels.append(bool(case["concern"]))
                sources.append(Path(path).name)
    return texts, labels, sources


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("examples", nargs="+", type=Path)
    parser.add_argument("--negatives-csv", type=Path)
    parser.add_argument("--negatives-column")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    texts, labels, sources = read_examples(args.examples)
    if args.negatives_csv:
        with open(args.negatives_csv, encoding="utf-8-sig", newline="") as fh:
            extra = [row[args.negatives_column] for row in csv.DictReader(fh) if row[args.negatives_column].strip()]
        texts += extra
        labels += [False] * len(extra)
        sources += [args.negatives_csv.name] * len(extra)
    model, figures = train_safeguarding(texts, labels)
    model.info["sources"] = sorted(set(sources))
    save_model(model, args.out)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
