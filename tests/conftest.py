"""Shared fixtures: the sample organization written once, and workspaces built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from whoknows.demo import SampleSource, write_sample_org
from whoknows.service import Whoknows
from whoknows.settings import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
CARDANO_BENCH = SHARED / "bench" / "se-cardano"
CARDANO_DATA = SHARED / "data" / "stackexchange-cardano"


@pytest.fixture(scope="session")
def sample_org(tmp_path_factory: pytest.TempPathFactory) -> list[SampleSource]:
    return write_sample_org(tmp_path_factory.mktemp("sample-org"))


def sample(sources: list[SampleSource], connector: str) -> SampleSource:
    """The sample organization's export for ``connector``."""
    return next(source for source in sources if source.connector == connector)


def make_service(workspace: Path, **settings: object) -> Whoknows:
    return Whoknows(load_settings(environ={}, workspace=workspace, **settings))


def ingest_all(service: Whoknows, sources: list[SampleSource]) -> None:
    for source in sources:
        service.ingest(source.connector, source.path, options=source.options)


@pytest.fixture(scope="session")
def demo_workspace(
    sample_org: list[SampleSource], tmp_path_factory: pytest.TempPathFactory
) -> Path:
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
