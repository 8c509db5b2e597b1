"""The app of one web worker process (``whoknows serve --workers N`` starts N of them).

Each worker opens the workspace from the ``WHOKNOWS_*`` environment that ``serve`` set,
loads the evidence base, serves stale-while-rebuilding, and runs a job runner thread: jobs
are claimed from the store, so each runs in exactly one worker.
"""

from __future__ import annotations

from fastapi import FastAPI

from whoknows.services import Services, open_services
from whoknows.settings import load_settings
from whoknows.web.app import create_app


def prepare(services: Services) -> None:
    """What a serving process does before its first request."""
    services.workspace.stale_reads = True
    services.workspace.evidence()  # load indexes and models now, not on the first request
    services.jobs.start()


def app_from_environment() -> FastAPI:
    """The uvicorn app factory of a worker process."""
    services = open_services(load_settings())
    prepare(services)
    return create_app(services)
