"""The batch interface: `insight train` and `insight score` on CSV files, and their errors."""

import csv

import pytest
from click.testing import CliRunner

from engage.insight.batch import OUTPUT_COLUMNS
from engage.insight.cli import insight

SENTIMENT_MAP = "1=positive,2=positive,3=mixed,4=negative,5=negative"


def run(*args):
    return CliRunner().invoke(insight, [str(a) for a in args])


def train_args(coded_csv, out):
    return ["train", coded_csv, "--text-column", "Comment", "--sentiment-column", "Score",
            "--sentiment-map", SENTIMENT_MAP, "--theme-column", "Waiting, delays", "--theme-column", "Staff",
            "--model-out", out]  # fmt: skip


def read(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_train_then_score_writes_every_column_and_the_results(coded_csv, tmp_path):
    trained = run(*train_args(coded_csv, tmp_path / "model"))
    assert trained.exit_code == 0, trained.output
    scored = run("score", coded_csv, "--text-column", "Comment", "--model", tmp_path / "model",
                 "--output", tmp_path / "out.csv")  # fmt: skip
    assert scored.exit_code == 0, scored.output
    rows = read(tmp_path / "out.csv")
    assert list(rows[0]) == ["Comment", "Score", "Waiting, delays", "Staff", "Ward", *OUTPUT_COLUMNS]
    waiting = next(r for r in rows if r["Comment"] == "We waited months and nobody called back")
    assert waiting["sentiment"] == "negative" and float(waiting["sentiment_score"]) < 0
    assert "Waiting, delays" in waiting["themes"].split(";")
    assert waiting["language"] == "en"
    empty = next(r for r in rows if r["Comment"] == "")
    assert [empty[c] for c in OUTPUT_COLUMNS] == ["", "", "", "", "", ""]


def test_score_without_model_uses_the_shipped_one_and_send_themes(tmp_path, csv_writer):
    path = csv_writer(tmp_path / "in.csv", [
        {"id": "1", "text": "My son Jack has waited two years for his EHCP and he is self harming"},
        {"id": "2", "text": "12345"},
        {"id": "3", "text": "Personel był bardzo miły"},
    ])  # fmt: skip
    result = run("score", path, "--text-column", "text", "--output", tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    first, number, polish = read(tmp_path / "out.csv")
    assert first["redacted_text"] == "My son [name] has waited two years for his EHCP and he is self harming"
    assert set(first["flags"].split(";")) == {"safeguarding", "personal-details"}
    assert "Waiting times and delays" in first["themes"].split(";")
    assert number["sentiment"] == "" and number["language"] == ""
    assert polish["language"] == "pl" and polish["sentiment"] == "" and polish["flags"] == "needs-translation"


def test_missing_text_column_names_the_columns_there_are(coded_csv, tmp_path):
    result = run("score", coded_csv, "--text-column", "Feedback", "--output", tmp_path / "out.csv")
    assert result.exit_code != 0
    assert "no column 'Feedback'" in result.output and "'Comment', 'Score'" in result.output


def test_missing_theme_column_is_named(coded_csv, tmp_path):
    result = run("train", coded_csv, "--text-column", "Comment", "--theme-column", "Parking",
                 "--model-out", tmp_path / "m")  # fmt: skip
    assert result.exit_code != 0 and "no column 'Parking'" in result.output


def test_theme_values_other_than_0_1_or_blank_name_row_and_column(rows, csv_writer, tmp_path):
    rows[4]["Staff"] = "yes"
    path = csv_writer(tmp_path / "bad.csv", rows)
    result = run(*train_args(path, tmp_path / "m"))
    assert result.exit_code != 0
    assert "Row 5, column 'Staff': 'yes' is not 0, 1 or blank" in result.output


def test_sentiment_value_outside_the_map_names_row_and_column(rows, csv_writer, tmp_path):
    rows[2]["Score"] = "9"
    result = run(*train_args(csv_writer(tmp_path / "bad.csv", rows), tmp_path / "m"))
    assert result.exit_code != 0 and "Row 3, column 'Score'" in result.output


@pytest.mark.parametrize("spec", ["1=happy", "1positive"])
def test_bad_sentiment_map_is_explained(coded_csv, tmp_path, spec):
    result = run("train", coded_csv, "--text-column", "Comment", "--sentiment-column", "Score",
                 "--sentiment-map", spec, "--model-out", tmp_path / "m")  # fmt: skip
    assert result.exit_code != 0 and "--sentiment-map" in result.output


def test_damaged_model_directory_is_a_clear_error(coded_csv, tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "model.json").write_text("garbage")
    result = run("score", coded_csv, "--text-column", "Comment", "--model", tmp_path / "m",
                 "--output", tmp_path / "out.csv")  # fmt: skip
    assert result.exit_code != 0 and "damaged" in result.output
    assert "Traceback" not in result.output


def test_a_theme_with_too_few_examples_is_reported_not_fatal(rows, csv_writer, tmp_path):
    for row in rows:
        row["Rare"] = ""
    rows[0]["Rare"] = "1"
    path = csv_writer(tmp_path / "coded.csv", rows)
    result = run("train", path, "--text-column", "Comment", "--theme-column", "Staff", "--theme-column", "Rare",
                 "--model-out", tmp_path / "m")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "Rare" in result.output


@pytest.fixture
def no_application_retrainer():
    """Outside the application: an app built earlier in this process registered the feedback retrainer."""
    from engage.insight import cli

    saved = cli._retrainer
    cli.set_retrainer(None)
    yield
    cli.set_retrainer(saved)


def test_retrain_uses_the_registered_source_of_codes(tmp_path, no_application_retrainer):
    from engage.insight import load_model
    from engage.insight.cli import set_codes_source

    codes = [("The bus was late again", ["transport"]), ("Nobody replied to my emails", ["communication"])] * 4
    set_codes_source(lambda: codes)
    try:
        result = run("retrain", "--model-out", tmp_path / "m")
    finally:
        set_codes_source(None)
    assert result.exit_code == 0, result.output
    assert load_model(tmp_path / "m").themes.labels == ["communication", "transport"]


def test_retrain_without_a_source_says_so(tmp_path, no_application_retrainer):
    result = run("retrain", "--model-out", tmp_path / "m")
    assert result.exit_code != 0 and "No source of coded comments" in result.output


def test_a_file_that_is_not_utf8_is_refused_clearly(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("text\nCaf\xe9 staff were lovely\n".encode("latin-1"))
    result = run("score", path, "--text-column", "text", "--output", tmp_path / "out.csv")
    assert result.exit_code != 0
    assert "not a readable UTF-8 CSV file" in result.output
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.csv.part").exists()


def test_an_empty_file_names_no_columns(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    result = run("score", path, "--text-column", "text", "--output", tmp_path / "out.csv")
    assert result.exit_code != 0 and "Its columns are: none" in result.output
