"""Sessions, CSRF tokens and role checks of the web app."""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path

from fastapi import HTTPException, Request

from whoknows.accounts import User

SESSION_USER = "user_id"
SESSION_CSRF = "csrf"


def secret_key(workspace: Path) -> str:
    """The session signing key: $WHOKNOWS_SECRET_KEY, else one kept in the workspace."""
    import os

    if os.environ.get("WHOKNOWS_SECRET_KEY"):
        return os.environ["WHOKNOWS_SECRET_KEY"]
    path = workspace / "secret.key"
    if not path.exists():
        workspace.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return str(token)


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get(SESSION_CSRF)
    if not expected or not submitted or not hmac.compare_digest(str(expected), submitted):
        raise HTTPException(
            status_code=403,
            detail="the form expired or did not come from this site; reload the page and try again",
        )


class NotLoggedIn(Exception):
    """Raised to send a visitor to the login page."""


def require(user: User | None, *roles: str) -> User:
    if user is None:
        raise NotLoggedIn()
    if roles and user.role not in roles:
        raise HTTPException(
            status_code=403, detail=f"your role ({user.role}) cannot open this page"
        )
    return user
