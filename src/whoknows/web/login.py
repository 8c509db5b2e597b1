"""Logging in and out, shared by the login page and the API: throttled per username and per
client address, a fresh server-side session (and CSRF token) at each login."""

from __future__ import annotations

from fastapi import Request

from whoknows.accounts import User
from whoknows.web import pages
from whoknows.web.security import SESSION_ID, csrf_token


def client_address(request: Request) -> str | None:
    """The client's address as the server sees it (behind a reverse proxy, list the proxy in
    the ``trusted_proxies`` setting so that this is the real client)."""
    return request.client.host if request.client else None


def check_password(request: Request, username: str, password: str) -> User | None:
    """The user, None when wrong; LoginThrottled (429) when this username or address failed
    too often. Blocking: call it through ``pages.blocking``."""
    return pages.services(request).accounts.login(username, password, client_address(request))


def start_session(request: Request, user: User) -> str:
    """A new server-side session for ``user`` in a fresh cookie; its CSRF token. Blocking."""
    session_id = pages.services(request).accounts.open_session(user)
    request.session.clear()
    request.session[SESSION_ID] = session_id
    request.state.user = user
    return csrf_token(request)


def end_session(request: Request) -> None:
    """Revoke the request's server-side session and clear the cookie. Blocking."""
    session_id = request.session.get(SESSION_ID)
    if isinstance(session_id, str) and session_id:
        pages.services(request).accounts.close_session(session_id)
    request.session.clear()
    request.state.user = None
