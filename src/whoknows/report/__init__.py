"""The leadership deliverable of an engagement: a report (HTML, PDF) and a deck (PowerPoint),
in English or French, as of a day (milestones are judged against it).

Importing a module of this package (``words``, ``content``) loads only that module; the
writing machinery (matplotlib, WeasyPrint, python-pptx) loads when a report is written.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from whoknows.report.writing import ReportFiles, build, images_of, render_html, write_report

_WRITING = ("ReportFiles", "build", "images_of", "render_html", "write_report")


def __getattr__(name: str) -> Any:
    if name in _WRITING:
        return getattr(importlib.import_module("whoknows.report.writing"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ReportFiles", "build", "images_of", "render_html", "write_report"]
