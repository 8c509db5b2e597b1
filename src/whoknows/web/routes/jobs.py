"""Background jobs: their status pages, and starting a reindex.

The admin sees every job; anyone else sees the jobs their session started (a person who
erased themself is logged out at once, but their session keeps the id of the erasure so
they can watch it finish).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from whoknows.accounts import User
from whoknows.services.jobs import Job, JobState
from whoknows.vocab import UserRole
from whoknows.web import pages
from whoknows.web.params import JobId
from whoknows.web.permissions import Permission

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API
api = APIRouter(prefix="/api", tags=["whoknows"])
SESSION_JOBS = "jobs"  # the ids of the jobs this session started
REMEMBERED = 20


def remember(request: Request, job: Job) -> None:
    """Let this session see ``job`` (kept in the signed session cookie)."""
    known = [int(i) for i in request.session.get(SESSION_JOBS, [])]
    request.session[SESSION_JOBS] = [*known, job.id][-REMEMBERED:]


def job_page(job: Job) -> RedirectResponse:
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _visible_job(request: Request, job_id: int) -> tuple[User | None, Job]:
    user = pages.current_user(request)
    mine = job_id in {int(i) for i in request.session.get(SESSION_JOBS, [])}
    if not mine and (user is None or user.role != UserRole.ADMIN):
        # (before the lookup: a missing and an existing job answer alike)
        pages.user_with(request, Permission.ADMIN)  # the login page, or 403
    return user, pages.services(request).jobs.get(job_id)


@router.get("/jobs", response_class=HTMLResponse)
async def jobs_page(request: Request) -> Response:
    return await pages.blocking(request, _list, request)


def _list(request: Request) -> Response:
    user = pages.user_with(request, Permission.ADMIN)
    jobs = pages.services(request).jobs.recent()
    return pages.render(request, "jobs.html", user=user, jobs=jobs, job=None)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
async def job_status(request: Request, job_id: JobId) -> Response:
    return await pages.blocking(request, _status, request, job_id)


def _status(request: Request, job_id: int) -> Response:
    user, job = _visible_job(request, job_id)
    return pages.render(request, "jobs.html", user=user, job=job, jobs=[])


@dataclass
class JobStatus:
    id: int
    kind: str
    state: JobState
    created: str
    started: str | None
    finished: str | None
    result: str | None
    error: str | None


@api.get("/jobs/{job_id}", summary="A background job's state (its starter or an admin)")
async def job_json(request: Request, job_id: JobId) -> JobStatus:
    _, job = await pages.blocking(request, _visible_job, request, job_id)
    return JobStatus(
        id=job.id,
        kind=job.kind,
        state=job.state,
        created=job.created_at,
        started=job.started_at,
        finished=job.finished_at,
        result=job.result,
        error=job.error,
    )


@router.post("/jobs/reindex")
async def start_reindex(request: Request) -> Response:
    await pages.form(request)
    job = await pages.blocking(request, _reindex, request)
    remember(request, job)
    return job_page(job)


def _reindex(request: Request) -> Job:
    user = pages.user_with(request, Permission.ADMIN)
    return pages.services(request).jobs.submit_reindex(user)
