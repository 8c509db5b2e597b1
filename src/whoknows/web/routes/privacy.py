"""A person's own privacy page: opt-outs and self-erasure."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from whoknows.accounts import User
from whoknows.services.jobs import Job
from whoknows.web import pages
from whoknows.web.login import end_session
from whoknows.web.permissions import Permission
from whoknows.web.routes import jobs

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API


def _owner(request: Request) -> tuple[User, int]:
    user = pages.user_with(request, Permission.OWN_PRIVACY)
    if user.person_id is None:
        raise HTTPException(403, "this account is not linked to a person")
    return user, user.person_id


@router.get("/privacy", response_class=HTMLResponse)
async def privacy_page(request: Request) -> Response:
    return await pages.blocking(request, _page, request)


def _page(request: Request) -> Response:
    user, person_id = _owner(request)
    flags = pages.services(request).privacy.flags(person_id)
    return pages.render(request, "privacy.html", user=user, flags=flags)


@router.post("/privacy")
async def privacy_save(request: Request) -> Response:
    values = await pages.form(request)
    inference, visibility = values.get("inference") == "1", values.get("visibility") == "1"
    await pages.blocking(request, _save, request, inference, visibility)
    return pages.back("/privacy", "saved")


def _save(request: Request, inference: bool, visibility: bool) -> None:
    _, person_id = _owner(request)
    pages.services(request).privacy.set_flags(person_id, inference, visibility)


@router.post("/privacy/erase")
async def erase_me(request: Request) -> Response:
    values = await pages.form(request)
    if values.get("confirm") != "yes":
        raise HTTPException(400, "tick the confirmation box to erase")
    job = await pages.blocking(request, _erase, request)
    jobs.remember(request, job)  # logged out now; the session keeps the erasure's id to watch it
    return jobs.job_page(job)


def _erase(request: Request) -> Job:
    user, person_id = _owner(request)
    job = pages.services(request).jobs.submit_erase(str(person_id), user)
    end_session(request)
    return job
