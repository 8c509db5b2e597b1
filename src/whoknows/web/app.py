"""The web app: server-rendered pages and a JSON API over the service layer.

Sessions are server-side (``whoknows.sessions``): the signed cookie (HttpOnly, SameSite=Lax,
Secure unless `cookie_secure` is off for plain-HTTP development) holds a random session id
whose hash the store keeps, so logging out, a password change or a disabled account ends it.
Forms carry a per-session CSRF token, passwords are hashed with Argon2id, logins are
throttled, every view of someone else's profile is written to the audit log, every response
carries strict security headers (``web/headers.py``), and who may open what is one table
(``whoknows.web.permissions``) shared by the pages, the menu and the API. Every error a user
can cause is a 4xx: an HTML page on the pages, JSON on the API (``web/errors.py``).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from whoknows import __version__
from whoknows.services import Services
from whoknows.settings import Settings
from whoknows.web import api, errors
from whoknows.web.balance import Rebalance
from whoknows.web.body import BodyLimit
from whoknows.web.headers import SecurityHeaders
from whoknows.web.routes import ROUTERS
from whoknows.web.security import secret_key

HERE = Path(__file__).parent


def create_app(services: Services, cookie_secure: bool | None = None) -> FastAPI:
    """The app over ``services``; ``cookie_secure`` overrides the setting of that name."""
    if cookie_secure is None:
        cookie_secure = services.settings.cookie_secure
    app = FastAPI(
        title="whoknows",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(BodyLimit)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(services.settings),
        session_cookie="whoknows_session",
        same_site="lax",
        https_only=cookie_secure,
        max_age=round(services.settings.session_hours * 3600),
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(Rebalance)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.services = services
    errors.add_error_pages(app)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(api.router)
    return app


def proxy_options(settings: Settings) -> dict[str, object]:
    """uvicorn's proxy options from ``trusted_proxies``: forwarded headers are believed only
    from those addresses (uvicorn alone believes them from 127.0.0.1, so any local process
    could pick the address that login throttling counts)."""
    trusted = [address.strip() for address in settings.trusted_proxies.split(",")]
    trusted = [address for address in trusted if address]
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": ",".join(trusted) or None}
