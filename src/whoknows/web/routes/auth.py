"""Logging in and out, and changing one's own password."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from whoknows.accounts import User
from whoknows.errors import UsageError
from whoknows.i18n import N_
from whoknows.limits import MAX_PASSWORD, MAX_USERNAME
from whoknows.services.accounts import LoginThrottled
from whoknows.web import language, pages
from whoknows.web.login import check_password, end_session, start_session
from whoknows.web.params import NextPath
from whoknows.web.permissions import Permission

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, next: NextPath = "/") -> Response:
    target = pages.local_path(next)
    return await pages.blocking(request, pages.render, request, "login.html", next=target)


def _login(request: Request, values: dict[str, str]) -> Response:
    username = values.get("username", "")[: MAX_USERNAME + 1]
    password = values.get("password", "")[: MAX_PASSWORD + 1]
    target = pages.local_path(values.get("next", "/"))
    try:
        user = check_password(request, username, password)
    except LoginThrottled as throttled:
        return pages.render(
            request,
            "login.html",
            status=429,
            headers={"Retry-After": str(throttled.retry_after)},
            next=target,
            error=_sentence(throttled.one_line(language.translation(request))),
        )
    if user is None:
        error = language.translation(request).gettext("Wrong username or password.")
        return pages.render(request, "login.html", status=401, next=target, error=error)
    start_session(request, user)
    return RedirectResponse(target, status_code=303)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


@router.post("/login")
async def login(request: Request) -> Response:
    values = await pages.form(request)
    return await pages.password_check(request, _login, request, values)


@router.post("/logout")
async def logout(request: Request) -> Response:
    await pages.form(request)
    await pages.blocking(request, end_session, request)
    return pages.back("/login", "logged-out")


@router.get("/account", response_class=HTMLResponse)
async def account(request: Request) -> Response:
    def work() -> Response:
        user = pages.user_with(request, Permission.OWN_ACCOUNT)
        return pages.render(request, "account.html", user=user)

    return await pages.blocking(request, work)


def _change_password(request: Request, values: dict[str, str]) -> User:
    user = pages.user_with(request, Permission.OWN_ACCOUNT)
    current = values.get("current", "")[: MAX_PASSWORD + 1]
    if check_password(request, user.username, current) is None:
        raise UsageError(N_("the current password is wrong"), N_("type it again"))
    accounts = pages.services(request).accounts
    changed = accounts.reset_password(user.username, values.get("password", ""), user)
    start_session(request, changed)  # the change ended every session, this one too
    return changed


@router.post("/account/password")
async def change_password(request: Request) -> Response:
    values = await pages.form(request)
    await pages.password_check(request, _change_password, request, values)
    return pages.back("/account", "password-changed")
