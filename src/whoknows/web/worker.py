"""The app of one web worker process (``whoknows serve --workers N`` starts N of them).

Each worker opens the workspace from the ``WHOKNOWS_*`` environment that ``serve`` set,
loads the evidence base, serves stale-while-rebuilding, and runs a job runner thread: jobs
are claimed from the store, so each runs in exactly one worker.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

from fastapi import FastAPI

from whoknows.services import Services, open_services
from whoknows.settings import load_settings
from whoknows.web.app import create_app

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
OPENBLAS_SETTERS = (
    "openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
)


def one_native_thread_per_request() -> None:
    """Numeric libraries run one thread per call unless the environment says otherwise.

    Requests already run side by side (threads, worker processes); OpenBLAS spreading each
    small product over every core as well made 8 concurrent searches 5x slower on 2 cores
    (its threads spin while they wait). The variables reach worker processes started later;
    an OpenBLAS already loaded here is told directly.
    """
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    threads = int(os.environ["OPENBLAS_NUM_THREADS"] or 1)
    for path in _loaded_openblas():
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in OPENBLAS_SETTERS:
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(threads)


def _loaded_openblas() -> list[str]:
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return []
    return sorted(
        {
            line.split()[-1]
            for line in maps.read_text(encoding="utf-8").splitlines()
            if "openblas" in line.lower() and ".so" in line
        }
    )


def prepare(services: Services) -> None:
    """What a serving process does before its first request."""
    one_native_thread_per_request()
    services.workspace.serve()
    services.workspace.evidence()  # load indexes and models now, not on the first request
    services.jobs.start()


def app_from_environment() -> FastAPI:
    """The uvicorn app factory of a worker process."""
    services = open_services(load_settings())
    prepare(services)
    return create_app(services)
