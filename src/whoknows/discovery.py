"""Finding the parts of a package by scanning it, so that a new part is one new module:
connectors, rankers, CLI command modules, web route modules and report sections use it."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Collection
from importlib.metadata import entry_points
from types import ModuleType
from typing import TypeVar

T = TypeVar("T")


def module_names(package: str, skip: Collection[str] = ()) -> list[str]:
    """The names of the public modules of ``package`` (no leading underscore, not in
    ``skip``), in name order, none imported."""
    path = sys.modules[package].__path__
    names = sorted(info.name for info in pkgutil.iter_modules(path))
    return [name for name in names if not name.startswith("_") and name not in skip]


def submodules(package: str, skip: Collection[str] = ()) -> list[ModuleType]:
    """Every public module of ``package`` (no leading underscore, not in ``skip``), imported,
    in name order."""
    return [importlib.import_module(f"{package}.{name}") for name in module_names(package, skip)]


def with_plugins(found: dict[str, T], group: str) -> dict[str, T]:
    """``found`` plus what installed packages declare in the entry point ``group`` (a built-in
    name wins)."""
    for entry in entry_points(group=group):
        found.setdefault(entry.name, entry.load())
    return found
