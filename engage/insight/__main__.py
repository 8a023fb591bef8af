"""``python -m engage.insight train|score ...`` (the same commands as ``flask --app wsgi insight``)."""

from engage.insight.cli import insight

insight(prog_name="python -m engage.insight")
