"""The page routes, one module per area; each module's routers (``APIRouter`` values) are
found here by themselves (a new page is one new module, its template and a row of the
permission table)."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter


def _routers() -> tuple[APIRouter, ...]:
    routers: list[APIRouter] = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        routers.extend(v for v in vars(module).values() if isinstance(v, APIRouter))
    return tuple(routers)


ROUTERS = _routers()

__all__ = ["ROUTERS"]
