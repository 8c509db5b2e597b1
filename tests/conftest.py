"""Shared fixtures: the sample organization written once, and workspaces built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from whoknows.demo import sample_options, write_sample_org
from whoknows.service import Whoknows
from whoknows.settings import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
CARDANO_BENCH = SHARED / "bench" / "se-cardano"
CARDANO_DATA = SHARED / "data" / "stackexchange-cardano"


@pytest.fixture(scope="session")
def sample_org(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_sample_org(tmp_path_factory.mktemp("sample-org"))


def make_service(workspace: Path, **settings: object) -> Whoknows:
    return Whoknows(load_settings(environ={}, workspace=workspace, **settings))


def ingest_all(service: Whoknows, paths: dict[str, Path]) -> None:
    for connector, path in paths.items():
        service.ingest(
            connector,
            path,
            options=sample_options(connector, path.parent),
        )


@pytest.fixture(scope="session")
def demo_workspace(sample_org: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with the whole sample organization; copy it before changing it."""
    workspace = tmp_path_factory.mktemp("demo-workspace")
    service = make_service(workspace)
    ingest_all(service, sample_org)
    service.close()
    return workspace


@pytest.fixture
def demo(demo_workspace: Path, tmp_path: Path) -> Whoknows:
    """A private, writable copy of the demo workspace."""
    copy = tmp_path / "workspace"
    shutil.copytree(demo_workspace, copy)
    service = make_service(copy)
    yield service
    service.close()


@pytest.fixture
def service(tmp_path: Path) -> Whoknows:
    service = make_service(tmp_path / "workspace")
    yield service
    service.close()


def table_counts(service: Whoknows) -> dict[str, int]:
    conn = service.store(create=True).conn
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def store_dump(service: Whoknows) -> list[str]:
    """Every row of the store as SQL text: equal dumps mean an untouched store."""
    return list(service.store(create=True).conn.iterdump())
