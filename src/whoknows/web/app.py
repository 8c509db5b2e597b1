"""The web app: server-rendered pages and a JSON API over the service layer.

Sessions are signed cookies (HttpOnly, SameSite=Lax, Secure unless `cookie_secure` is off for
plain-HTTP development), forms carry a per-session CSRF token, passwords are hashed with
Argon2id, every view of someone else's profile is written to the audit log, and who may open
what is one table (``whoknows.web.permissions``) shared by the pages, the menu and the API.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from whoknows import __version__
from whoknows.errors import NotFoundError, WhoknowsError
from whoknows.services import Services
from whoknows.web import api, pages
from whoknows.web.permissions import NotLoggedIn
from whoknows.web.routes import ROUTERS
from whoknows.web.security import secret_key

HERE = Path(__file__).parent
SESSION_HOURS = 8


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
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(services.settings),
        session_cookie="whoknows_session",
        same_site="lax",
        https_only=cookie_secure,
        max_age=SESSION_HOURS * 3600,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.services = services
    _add_error_pages(app)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(api.router)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(NotLoggedIn)
    async def to_login(request: Request, _: NotLoggedIn) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        heading = {403: "Not allowed", 404: "Not found"}.get(error.status_code, "Error")
        return await pages.blocking(
            request,
            pages.render,
            request,
            "error.html",
            status=error.status_code,
            status_code=error.status_code,
            heading=heading,
            message=str(error.detail),
        )

    @app.exception_handler(WhoknowsError)
    async def domain_error(request: Request, error: WhoknowsError) -> Response:
        status = 404 if isinstance(error, NotFoundError) else 400
        if _is_api(request):
            return JSONResponse({"detail": error.one_line()}, status_code=status)
        return await pages.blocking(
            request,
            pages.render,
            request,
            "error.html",
            status=status,
            heading="Cannot do that",
            message=error.one_line(),
        )
