"""The service layer every surface calls (CLI, web pages, JSON API, reports, demo).

One :class:`Workspace` (the store and caches keyed by generation) is held by small services,
each with one area: ingest, people, search, insights, engagements, privacy, accounts,
comments, background jobs. :func:`open_services` (in :mod:`whoknows.services.opening`) wires
them; surfaces never reach into the store themselves.

Importing a module of this package (a result type, say) loads only that module: the names
below load the services on first use, so a command that needs none of them starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from whoknows.services.engagements import Audience
    from whoknows.services.opening import Services, open_services
    from whoknows.services.workspace import Workspace

_HOMES = {
    "Audience": "whoknows.services.engagements",
    "Services": "whoknows.services.opening",
    "open_services": "whoknows.services.opening",
    "Workspace": "whoknows.services.workspace",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


__all__ = ["Audience", "Services", "Workspace", "open_services"]
