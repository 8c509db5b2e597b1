"""Report sections that plug in: each module of this package defines ``SECTION``, a
:class:`Section`, and its Jinja partial in ``templates/``; the report finds them by scanning
this package and shows each after the built-in section it names, so adding one touches no
existing file of the report.

A section builds its data from the engagement ``Overview`` and, when it needs more, from the
services (read-only); it returns None to be left out of a report. Its words go through the
translator it is given, like the rest of the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from whoknows.discovery import submodules
from whoknows.i18n import Translator

if TYPE_CHECKING:  # types only: the services load when a report is made
    from whoknows.services import Services
    from whoknows.services.engagement_rows import Overview

TEMPLATES = Path(__file__).parent / "templates"
# the built-in sections of report.html, in order: a plug-in section follows one of them
BUILT_IN = ("cover", "summary", "topics", "tandem", "coaching", "transfer", "roadmap", "risks")


@dataclass(frozen=True)
class Section:
    key: str
    after: str  # one of BUILT_IN
    template: str  # its partial, in this package's templates/ folder
    build: Callable[[Translator, Overview, Services], object | None]


@dataclass
class SectionView:
    key: str
    template: str
    data: object


def sections() -> list[Section]:
    """Every plug-in section of this package, by module name."""
    found = []
    for module in submodules(__name__):
        section = getattr(module, "SECTION", None)
        if isinstance(section, Section):
            if section.after not in BUILT_IN:
                raise ValueError(f"{module.__name__}: after must be one of {BUILT_IN}")
            found.append(section)
    return found


def views(t: Translator, overview: Overview, services: Services) -> dict[str, list[SectionView]]:
    """The plug-in sections with data for this report, grouped by the section they follow."""
    placed: dict[str, list[SectionView]] = {}
    for section in sections():
        data = section.build(t, overview, services)
        if data is not None:
            placed.setdefault(section.after, []).append(
                SectionView(section.key, section.template, data)
            )
    return placed
