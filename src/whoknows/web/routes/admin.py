"""Administration: accounts, aggregate-only mode, erasure, the audit log."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from whoknows.services.jobs import Job
from whoknows.vocab import UserRole
from whoknows.web import pages
from whoknows.web.permissions import Permission
from whoknows.web.routes import jobs

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API


@router.get("/admin", response_class=HTMLResponse)
async def admin(request: Request) -> Response:
    return await pages.blocking(request, _admin, request)


def _admin(request: Request) -> Response:
    user = pages.user_with(request, Permission.ADMIN)
    opened = pages.services(request)
    return pages.render(
        request,
        "admin.html",
        user=user,
        users=opened.accounts.users(),
        roles=[role.value for role in UserRole],
        audit=opened.privacy.audit_log(),
        aggregate=opened.privacy.aggregate_only(),
    )


@router.post("/admin/settings")
async def admin_settings(request: Request) -> Response:
    values = await pages.form(request)
    await pages.blocking(request, _settings, request, values.get("aggregate") == "1")
    return pages.back("/admin", "Settings saved.")


def _settings(request: Request, aggregate: bool) -> None:
    pages.user_with(request, Permission.ADMIN)
    pages.services(request).privacy.set_aggregate_only(aggregate)


@router.post("/admin/users")
async def admin_users(request: Request) -> Response:
    values = await pages.form(request)
    await pages.blocking(request, _add_user, request, values)
    return pages.back("/admin", "User added.")


def _add_user(request: Request, values: dict[str, str]) -> None:
    pages.user_with(request, Permission.ADMIN)
    pages.services(request).accounts.create(
        values.get("username", ""),
        values.get("password", ""),
        values.get("role", ""),
        values.get("person") or None,
    )


@router.post("/admin/erase")
async def admin_erase(request: Request) -> Response:
    values = await pages.form(request)
    if values.get("confirm") != "yes":
        raise HTTPException(400, "tick the confirmation box to erase")
    job = await pages.blocking(request, _erase, request, values.get("person", ""))
    jobs.remember(request, job)
    return jobs.job_page(job)  # the erasure runs in the background; its page shows progress


def _erase(request: Request, person: str) -> Job:
    user = pages.user_with(request, Permission.ADMIN)
    return pages.services(request).jobs.submit_erase(person, user)
