"""Session signing keys and CSRF tokens of the web app (the cookie is signed and holds the
server-side session id and the CSRF token, nothing else)."""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request

from whoknows.settings import Settings

SESSION_ID = "sid"  # the server-side session id (whoknows.sessions); the store keeps its hash
SESSION_CSRF = "csrf"


def secret_key(settings: Settings) -> str:
    """The session signing key: the `secret_key` setting, else one kept in the workspace."""
    if settings.secret_key:
        return settings.secret_key
    workspace = settings.workspace
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
