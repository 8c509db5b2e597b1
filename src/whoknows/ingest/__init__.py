"""Connectors: parse real exports into records. Registered by name; plugins via entry points."""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from whoknows.discovery import submodules, with_plugins
from whoknows.errors import NotFoundError
from whoknows.i18n import N_
from whoknows.ingest.base import Connector, ConnectorOption, IngestContext, Part, Splittable

ENTRY_POINT_GROUP = "whoknows.connectors"


def _builtin() -> dict[str, type[Connector]]:
    """Every connector class defined in a public module of this package (a new connector is
    one new module: nothing to register)."""
    found: dict[str, type[Connector]] = {}
    for module in submodules(__name__, skip={"base"}):
        for value in vars(module).values():
            name = getattr(value, "name", None)
            if (
                isinstance(value, type)
                and value.__module__ == module.__name__
                and isinstance(name, str)
                and callable(getattr(value, "parse", None))
            ):
                found[name] = cast("type[Connector]", value)
    return found


@lru_cache(maxsize=1)
def connectors() -> dict[str, type[Connector]]:
    """Every available connector by name: the built-in ones, then installed plugins."""
    return with_plugins(_builtin(), ENTRY_POINT_GROUP)


def get_connector(name: str) -> Connector:
    available = connectors()
    if name not in available:
        raise NotFoundError(
            N_("unknown connector %(name)s"),
            N_("choose one of: %(names)s"),
            name=repr(name),
            names=", ".join(sorted(available)),
        )
    return available[name]()


__all__ = [
    "Connector",
    "ConnectorOption",
    "IngestContext",
    "Part",
    "Splittable",
    "connectors",
    "get_connector",
]
