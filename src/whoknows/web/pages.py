"""What every page route shares: the services, the current user, rendering, forms, and running
blocking work off the event loop."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from whoknows.accounts import User
from whoknows.i18n import N_
from whoknows.limits import check_text
from whoknows.services import Services
from whoknows.settings import Settings
from whoknows.web import language
from whoknows.web.permissions import Permission, navigation, require
from whoknows.web.security import SESSION_ID, check_csrf, csrf_token

T = TypeVar("T")
# ?notice= names one of these: a page never shows text taken from its URL
NOTICES = {
    "comment-posted": N_("Comment posted."),
    "comment-moderated": N_("Comment moderated."),
    "topic-hidden": N_("Topic hidden from others."),
    "topic-shown": N_("Topic shown again."),
    "confirmed": N_("Confirmed."),
    "claim-added": N_("Claim added: it shows as pending until evidenced."),
    "saved": N_("Saved."),
    "settings-saved": N_("Settings saved."),
    "user-added": N_("User added."),
    "user-disabled": N_("Account disabled: its sessions ended."),
    "user-enabled": N_("Account enabled."),
    "user-deleted": N_("Account deleted: its sessions ended."),
    "password-reset": N_("Password reset: the account's sessions ended."),
    "password-changed": N_("Password changed: your other sessions ended."),
    "erased": N_("Erased."),
    "logged-out": N_("You are logged out."),
}


def services(request: Request) -> Services:
    opened: Services = request.app.state.services
    return opened


def current_user(request: Request) -> User | None:
    """The user of the request's server-side session (None: anonymous, logged out, expired,
    revoked or disabled); looked up once per request."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    session_id = request.session.get(SESSION_ID)
    user = None
    if isinstance(session_id, str) and session_id:
        user = services(request).accounts.session_user(session_id)
    request.state.user = user
    return user


def user_with(request: Request, permission: Permission) -> User:
    """The logged-in user if their role has ``permission`` (login page or 403 otherwise)."""
    return require(current_user(request), permission)


async def blocking(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run store, index, model, password and rendering work off the event loop, so that it
    keeps serving meanwhile. A read (GET, HEAD) waits its turn in this worker's read lane:
    ``web_read_threads`` at a time (one by default), the others in arrival order. Run side by
    side, CPU-bound reads only take turns on the interpreter lock and each switch costs: under
    16 clients, one at a time served more requests with a lower 95th percentile (docs/scale.md).
    A write runs :func:`beside` the lane: it may wait for the store's write lock (an erasure
    compacting the database), and the reads queued behind it would wait too."""
    if request.method not in ("GET", "HEAD"):
        return await beside(request, work, *args, **kwargs)
    state = request.app.state
    lane: anyio.CapacityLimiter | None = getattr(state, "read_lane", None)
    if lane is None:  # made in the worker's event loop (no await between the test and the set)
        lane = state.read_lane = anyio.CapacityLimiter(max(1, _settings(request).web_read_threads))
    return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs), limiter=lane)


async def beside(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run work in the thread pool, beside the read lane: writes, and the pages that may take
    long (a whole workspace's claims), which would hold every read queued behind them. Each
    thread reads through its own connection, the store serializes writes, and what the threads
    share is read-only (see ``whoknows.services.workspace``)."""
    del request  # kept so that every route calls it the same way
    return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs))


def _settings(request: Request) -> Settings:
    return services(request).settings


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    """A page in the request's language (see ``web/language.py``)."""
    user = context.pop("user", None) or current_user(request)
    headers = context.pop("headers", None)
    t = language.translation(request)
    notice = NOTICES.get(request.query_params.get("notice", ""))
    context.update(
        user=user,
        nav=[(t.gettext(label), href) for label, href in navigation(user)],
        csrf=csrf_token(request),
        notice=t.gettext(notice) if notice else None,
        languages=language.switches(request),
    )
    response = language.templates(t.lang).TemplateResponse(
        request, template, context, status_code=status, headers=headers
    )
    language.remember(request, response)
    return response


async def form(request: Request) -> dict[str, str]:
    """The posted form's fields, after checking its CSRF token."""
    data = await request.form()
    values = {key: str(value) for key, value in data.items()}
    check_csrf(request, values.get("csrf"))
    return values


def field(values: dict[str, str], name: str, what: str, limit: int, required: bool = True) -> str:
    """A form field, stripped and within its limit (a 400 page saying what is wrong else)."""
    return check_text(values.get(name, ""), what, limit, required)


def local_path(target: str) -> str:
    """``target`` if it is a path on this site, else "/" (no open redirects: "//evil.example",
    "/\\evil.example" and absolute URLs are refused)."""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and "://" not in target
        and target.isprintable()
        and len(target) <= 500
    ):
        return target
    return "/"


def back(path: str, notice: str | None = None) -> RedirectResponse:
    """Redirect to a path on this site; ``notice`` is a key of NOTICES."""
    assert notice is None or notice in NOTICES, notice
    target = local_path(path) + (f"?notice={notice}" if notice else "")
    return RedirectResponse(target, status_code=303)
