"""Administration: accounts (add, disable, enable, delete, reset a password), aggregate-only
mode, erasure of a person (shown first, then confirmed), the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from whoknows.limits import MAX_NAME, MAX_PASSWORD, MAX_USERNAME
from whoknows.services.jobs import Job
from whoknows.vocab import CommentTarget, UserRole
from whoknows.web import pages
from whoknows.web.permissions import Permission
from whoknows.web.routes import jobs

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API
# new accounts get the least powerful role unless the admin picks another
DEFAULT_ROLE = UserRole.VIEWER
ACCOUNT_ACTIONS = {  # action: notice key
    "disable": "user-disabled",
    "enable": "user-enabled",
    "delete": "user-deleted",
    "reset-password": "password-reset",
}


@dataclass
class ErasurePreview:
    """Who an erasure removes, shown before the admin confirms it."""

    person_id: int
    name: str
    title: str | None
    department: str | None
    contributions: int
    aliases: int
    claims: int
    comments_about: int
    accounts: list[str]


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
        accounts=opened.accounts.all_accounts(),
        roles=[role.value for role in UserRole],
        default_role=DEFAULT_ROLE.value,
        audit=opened.privacy.audit_log(),
        aggregate=opened.privacy.aggregate_only(),
        min_group_size=opened.settings.min_group_size,
    )


@router.post("/admin/settings")
async def admin_settings(request: Request) -> Response:
    values = await pages.form(request)
    await pages.blocking(request, _settings, request, values.get("aggregate") == "1")
    return pages.back("/admin", "settings-saved")


def _settings(request: Request, aggregate: bool) -> None:
    pages.user_with(request, Permission.ADMIN)
    pages.services(request).privacy.set_aggregate_only(aggregate)


@router.post("/admin/users")
async def admin_users(request: Request) -> Response:
    values = await pages.form(request)
    await pages.blocking(request, _add_user, request, values)
    return pages.back("/admin", "user-added")


def _add_user(request: Request, values: dict[str, str]) -> None:
    pages.user_with(request, Permission.ADMIN)
    pages.services(request).accounts.create(
        pages.field(values, "username", "username", MAX_USERNAME),
        values.get("password", "")[: MAX_PASSWORD + 1],
        values.get("role", DEFAULT_ROLE.value),
        pages.field(values, "person", "person", MAX_NAME, required=False) or None,
    )


@router.post("/admin/users/{action}")
async def admin_account(request: Request, action: str) -> Response:
    if action not in ACCOUNT_ACTIONS:
        raise HTTPException(404, "no such page")
    values = await pages.form(request)
    await pages.blocking(request, _account_action, request, action, values)
    return pages.back("/admin", ACCOUNT_ACTIONS[action])


def _account_action(request: Request, action: str, values: dict[str, str]) -> None:
    admin_user = pages.user_with(request, Permission.ADMIN)
    accounts = pages.services(request).accounts
    username = pages.field(values, "username", "username", MAX_USERNAME)
    if action == "disable":
        accounts.disable(username, admin_user)
    elif action == "enable":
        accounts.enable(username, admin_user)
    elif action == "delete":
        accounts.delete(username, admin_user)
    else:
        password = values.get("password", "")[: MAX_PASSWORD + 1]
        accounts.reset_password(username, password, admin_user)


@router.post("/admin/erase")
async def admin_erase(request: Request) -> Response:
    """Without confirm=yes: the page showing who would be erased; with it: the erasure."""
    values = await pages.form(request)
    person = pages.field(values, "person", "person", MAX_NAME)
    if values.get("confirm") != "yes":
        return await pages.blocking(request, _preview, request, person)
    job = await pages.blocking(request, _erase, request, person)
    jobs.remember(request, job)
    return jobs.job_page(job)  # the erasure runs in the background; its page shows progress


def _preview(request: Request, person: str) -> Response:
    user = pages.user_with(request, Permission.ADMIN)
    opened = pages.services(request)
    person_id = opened.people.resolve(person)
    detail = opened.people.show(person_id)
    preview = ErasurePreview(
        person_id=person_id,
        name=detail.display_name,
        title=detail.title,
        department=detail.department,
        contributions=sum(detail.roles.values()),
        aliases=len(detail.aliases),
        claims=len(detail.claims),
        comments_about=len(opened.comments.on(CommentTarget.PERSON, person_id, True)),
        accounts=[
            a.user.username for a in opened.accounts.all_accounts() if a.user.person_id == person_id
        ],
    )
    return pages.render(request, "erase.html", user=user, preview=preview)


def _erase(request: Request, person: str) -> Job:
    user = pages.user_with(request, Permission.ADMIN)
    return pages.services(request).jobs.submit_erase(person, user)
