"""Shared fixtures: the sample organization written once, and workspaces built from it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from whoknows.demo import SampleSource, write_sample_org
from whoknows.services import Services, open_services
from whoknows.settings import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
CARDANO_BENCH = SHARED / "bench" / "se-cardano"
CARDANO_DATA = SHARED / "data" / "stackexchange-cardano"


@pytest.fixture(autouse=True)
def fast_settings(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unless a test uses the whole pipeline (the ``full_demo`` fixture), commands run
    in-process (the CLI) skip embeddings and training as the fast workspaces do."""
    if "full_demo" not in request.fixturenames:
        for name, value in FAST.items():
            monkeypatch.setenv(f"WHOKNOWS_{name.upper()}", str(value).lower())


@pytest.fixture(scope="session")
def sample_org(tmp_path_factory: pytest.TempPathFactory) -> list[SampleSource]:
    return write_sample_org(tmp_path_factory.mktemp("sample-org"))


FAST = {"dense": False, "learn": False}  # the fast layer: no embeddings, no training


def sample(sources: list[SampleSource], connector: str) -> SampleSource:
    """The sample organization's export for ``connector``."""
    return next(source for source in sources if source.connector == connector)


def make_service(workspace: Path, **settings: object) -> Services:
    """Services over ``workspace``; without embeddings and training unless asked for."""
    return open_services(load_settings(environ={}, workspace=workspace, **{**FAST, **settings}))


def full_service(workspace: Path) -> Services:
    """Services with the whole default pipeline (dense index, learned ranker)."""
    return open_services(load_settings(environ={}, workspace=workspace))


def ingest_all(service: Services, sources: list[SampleSource]) -> None:
    for source in sources:
        service.ingest.ingest(source.connector, source.path, options=source.options)


def _demo_copy(source: Path, tmp_path: Path, full: bool) -> Iterator[Services]:
    copy = tmp_path / "workspace"
    shutil.copytree(source, copy)
    service = full_service(copy) if full else make_service(copy)
    yield service
    service.close()


@pytest.fixture(scope="session")
def demo_workspace(
    sample_org: list[SampleSource], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The whole sample organization, lexical index only; copy it before changing it."""
    workspace = tmp_path_factory.mktemp("demo-workspace")
    service = make_service(workspace)
    ingest_all(service, sample_org)
    service.close()
    return workspace


@pytest.fixture(scope="session")
def full_demo_workspace(
    sample_org: list[SampleSource], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The whole sample organization with embeddings and the learned ranker."""
    workspace = tmp_path_factory.mktemp("full-demo-workspace")
    service = full_service(workspace)
    ingest_all(service, sample_org)
    service.close()
    return workspace


@pytest.fixture
def demo(demo_workspace: Path, tmp_path: Path) -> Iterator[Services]:
    """A private, writable copy of the demo workspace (fast layer)."""
    yield from _demo_copy(demo_workspace, tmp_path, full=False)


@pytest.fixture(scope="session")
def web_workspace(demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fast demo workspace with the demo's web accounts (hashed once per session)."""
    from whoknows.demo import DEMO_USERS

    workspace = tmp_path_factory.mktemp("web-workspace") / "workspace"
    shutil.copytree(demo_workspace, workspace)
    service = make_service(workspace)
    for username, password, role, person in DEMO_USERS:
        service.accounts.create(username, password, role, person)
    service.close()
    return workspace


@pytest.fixture
def web(web_workspace: Path, tmp_path: Path) -> Iterator[tuple[Services, Any]]:
    """A private copy of the demo workspace with its accounts, and the web app over it."""
    from whoknows.web.app import create_app

    for service in _demo_copy(web_workspace, tmp_path, full=False):
        yield service, create_app(service, cookie_secure=True)


@pytest.fixture
def full_demo(full_demo_workspace: Path, tmp_path: Path) -> Iterator[Services]:
    """A private, writable copy of the demo workspace with the whole pipeline."""
    yield from _demo_copy(full_demo_workspace, tmp_path, full=True)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Services]:
    service = make_service(tmp_path / "workspace")
    yield service
    service.close()


def table_counts(service: Services) -> dict[str, int]:
    conn = service.workspace.store(create=True).conn
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def store_dump(service: Services) -> list[str]:
    """Every row of the store as SQL text: equal dumps mean an untouched store."""
    return list(service.workspace.store(create=True).conn.iterdump())
