"""What every page route shares: the services, the current user, rendering, forms, and running
blocking work off the event loop."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import anyio
from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from whoknows.accounts import User
from whoknows.i18n import N_
from whoknows.limits import check_text
from whoknows.services import Services
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
    keeps serving meanwhile, in one of this worker's lanes, each first come, first served:
    - a read (GET, HEAD) in the read lane, ``web_read_threads`` at a time (one by default).
      Run side by side, CPU-bound reads only take turns on the interpreter lock and each switch
      costs: under 16 clients, one at a time served more requests with a lower 95th
      percentile (docs/benchmarks.md). A read never waits for the store's write lock (a
      session's last-request time is written only when the lock is free);
    - anything else (a write) in the write lane, one at a time: the store writes one at a
      time anyway. Password checks have a lane of their own (:func:`password_check`): a flood
      of login attempts then holds one thread per worker, not the thread pool, beside the
      users' reads and writes.
    Pages that may take long run :func:`beside` the lanes."""
    if request.method in ("GET", "HEAD"):
        threads = max(1, services(request).settings.web_read_threads)
        return await _in_lane(_lane("read", threads), work, *args, **kwargs)
    return await write(request, work, *args, **kwargs)


async def password_check(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a password check (a login, a password change) in this worker's lane of its own, one
    at a time: a flood of wrong passwords (each an Argon2 hash, ~90 ms) queues behind itself,
    not in front of the other writes (a portfolio's audit entry, a comment)."""
    del request  # kept so that every route calls it the same way
    return await _in_lane(_lane("password", 1), work, *args, **kwargs)


async def write(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a write in this worker's write lane (a read route's audit entry, say)."""
    del request  # kept so that every route calls it the same way
    return await _in_lane(_lane("write", 1), work, *args, **kwargs)


async def beside(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a page that may take long (a whole workspace's claims, an engagement's chart) in the
    thread pool, beside the lanes, where it would hold every request queued behind it. Each
    thread reads through its own connection, the store serializes writes, and what the threads
    share is read-only (see ``whoknows.services.workspace``)."""
    del request  # kept so that every route calls it the same way
    return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs))


# per event loop (a worker has one; tests and embedding hosts may run several on one app)
_LANES: WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, anyio.CapacityLimiter]] = (
    WeakKeyDictionary()
)


def _lane(name: str, threads: int) -> anyio.CapacityLimiter:
    lanes = _LANES.setdefault(asyncio.get_running_loop(), {})
    if name not in lanes:  # (no await between the test and the set: one per loop)
        lanes[name] = anyio.CapacityLimiter(threads)
    return lanes[name]


async def _in_lane(
    lane: anyio.CapacityLimiter, work: Callable[..., T], *args: Any, **kwargs: Any
) -> T:
    return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs), limiter=lane)


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


MOST_TARGET = 500  # characters of a path to go back to (a login form's "next")


def local_path(target: str) -> str:
    """``target`` if it is a path on this site, else "/" (no open redirects: "//evil.example",
    "/\\evil.example" and absolute URLs are refused)."""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and "://" not in target
        and target.isprintable()
        and len(target) <= MOST_TARGET
    ):
        return target
    return "/"


def back(path: str, notice: str | None = None) -> RedirectResponse:
    """Redirect to a path on this site; ``notice`` is a key of NOTICES."""
    assert notice is None or notice in NOTICES, notice
    target = local_path(path) + (f"?notice={notice}" if notice else "")
    return RedirectResponse(target, status_code=303)
