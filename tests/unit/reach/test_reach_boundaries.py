"""The reach engine stays plain Python: no module in engage/reach (outside web/) imports Flask."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[3] / "engage" / "reach"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_engine_modules_import_nothing_from_flask_or_the_web_side():
    for path in ENGINE.glob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("flask", "engage.extensions", "sqlalchemy")), (path.name, name)
            if path.name != "__init__.py":  # init_app imports the web side late, inside the function
                assert not name.startswith("engage.reach.web"), (path.name, name)
