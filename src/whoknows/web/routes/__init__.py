"""The page routes, one module per area; each module's routers (``APIRouter`` values) are
found here by themselves (a new page is one new module, its template and a row of the
permission table)."""

from __future__ import annotations

from fastapi import APIRouter

from whoknows.discovery import submodules


def _routers() -> tuple[APIRouter, ...]:
    return tuple(
        router
        for module in submodules(__name__)
        for router in vars(module).values()
        if isinstance(router, APIRouter)
    )


ROUTERS = _routers()

__all__ = ["ROUTERS"]
