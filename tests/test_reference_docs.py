"""Every command and setting is documented, and the generated references are current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "reference_docs", ROOT / "scripts/reference_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["cli.md", "settings.md", "connectors.md", "permissions.md"])
def test_generated_reference_is_current(name: str) -> None:
    """docs/cli.md, docs/settings.md and docs/connectors.md match what the code says now."""
    expected = _generator().REFERENCES[name]()
    actual = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert actual == expected, "run: python scripts/reference_docs.py"


def test_every_connector_has_its_reference_row() -> None:
    from whoknows.ingest import connectors

    reference = _generator().connectors_reference()
    for name, cls in connectors().items():
        assert f"`whoknows ingest {name} PATH" in reference
        assert cls.__doc__ and len(cls.__doc__.split()) >= 5, f"{name}: say what it reads"
