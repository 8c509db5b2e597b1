"""The page routes, one module per area; each exposes ``router`` and is found here by itself
(a new page is one new module, its template and a row of the permission table)."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter


def _routers() -> tuple[APIRouter, ...]:
    routers = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            routers.append(router)
    return tuple(routers)


ROUTERS = _routers()

__all__ = ["ROUTERS"]
