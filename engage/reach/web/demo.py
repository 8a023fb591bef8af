"""Demo: Example Borough's SEND population (fictional but plausible: about 2,400 children and young people with
EHC plans and 6,000 on SEN support). Demo respondents come from the survey demo; the synthetic people in
engage/reach/synthetic.py show which communities the demo reaches less."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from engage.reach.web import service

DEMO_FILE = Path(__file__).resolve().parents[1] / "data" / "demo_baseline.csv"
DEMO_SOURCE = "Example Borough school census and EHC plan caseload, January 2026 (fictional demo figures)"


def load_demo() -> None:
    current = service.current_baseline()
    if current is not None and current.source == DEMO_SOURCE:
        return
    if current is None:
        service.import_baseline(DEMO_FILE.read_bytes(), DEMO_SOURCE, date(2026, 1, 15), filename=DEMO_FILE.name)
        click.echo("Demo population baseline imported.")
