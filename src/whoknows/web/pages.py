"""What every page route shares: the services, the current user, rendering, forms, and running
blocking work off the event loop."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import anyio
from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from whoknows.accounts import User
from whoknows.services import Services
from whoknows.web.permissions import Permission, navigation, require
from whoknows.web.security import SESSION_USER, check_csrf, csrf_token

T = TypeVar("T")
TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def services(request: Request) -> Services:
    opened: Services = request.app.state.services
    return opened


def current_user(request: Request) -> User | None:
    user_id = request.session.get(SESSION_USER)
    return services(request).accounts.get(int(user_id)) if user_id is not None else None


def user_with(request: Request, permission: Permission) -> User:
    """The logged-in user if their role has ``permission`` (login page or 403 otherwise)."""
    return require(current_user(request), permission)


async def blocking(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run store, index, model, password and rendering work in the thread pool, so the event
    loop keeps serving while it runs. Requests run side by side: each thread reads through its
    own connection, the store serializes writes, and what the threads share is read-only
    (see ``whoknows.services.workspace``)."""
    del request  # kept so that every route calls it the same way
    return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs))


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    user = context.pop("user", None) or current_user(request)
    context.update(
        user=user,
        nav=navigation(user),
        csrf=csrf_token(request),
        notice=request.query_params.get("notice"),
    )
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)


async def form(request: Request) -> dict[str, str]:
    """The posted form's fields, after checking its CSRF token."""
    data = await request.form()
    values = {key: str(value) for key, value in data.items()}
    check_csrf(request, values.get("csrf"))
    return values


def local_path(target: str) -> str:
    """``target`` if it is a path on this site, else "/" (no open redirects: "//evil.example",
    "/\\evil.example" and absolute URLs are refused)."""
    if target.startswith("/") and not target.startswith(("//", "/\\")) and "://" not in target:
        return target
    return "/"


def back(path: str, notice: str | None = None) -> RedirectResponse:
    target = local_path(path) + (f"?notice={quote(notice)}" if notice else "")
    return RedirectResponse(target, status_code=303)
