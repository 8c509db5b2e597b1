"""Every command and setting is documented, and the generated references are current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "reference_docs", ROOT / "scripts/reference_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    expected = _generator().cli_reference()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "run: python scripts/reference_docs.py"


def test_settings_reference_is_current() -> None:
    expected = _generator().settings_reference()
    actual = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert actual == expected, "run: python scripts/reference_docs.py"


def test_readme_covers_every_connector() -> None:
    from whoknows.ingest import connectors

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in connectors():
        assert f"whoknows ingest {name} " in readme, f"README does not show how to ingest {name}"
