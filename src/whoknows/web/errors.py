"""Error answers: every error a user can cause is a 4xx, an HTML page on the pages and JSON
(``{"detail": ...}``) on the API; unknown URLs and invalid parameters included."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from whoknows.errors import NotFoundError, WhoknowsError
from whoknows.services.accounts import LoginThrottled
from whoknows.web import pages
from whoknows.web.permissions import NotLoggedIn

HEADINGS = {
    400: "Cannot do that",
    401: "Log in first",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
    422: "Cannot read that request",
    429: "Too many attempts",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def error_answer(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return await pages.blocking(
        request,
        pages.render,
        request,
        "error.html",
        status=status,
        headers=headers,
        heading=HEADINGS.get(status, "Error"),
        message=message,
    )


def _validation_message(error: RequestValidationError) -> str:
    problems = []
    for problem in error.errors()[:3]:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
        problems.append(f"{where}: {problem.get('msg', 'invalid')}")
    return "invalid request (" + "; ".join(problems) + ")"


def _validation_detail(error: RequestValidationError) -> list[dict[str, Any]]:
    """The validation errors without the input (it may be huge or not printable)."""
    return [{k: v for k, v in e.items() if k in {"loc", "msg", "type"}} for e in error.errors()]


def add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(NotLoggedIn)
    async def to_login(request: Request, _: NotLoggedIn) -> Response:
        if is_api(request):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = str(error.detail) if error.status_code != 404 else _not_found(error)
        headers = dict(error.headers) if error.headers else None
        return await error_answer(request, error.status_code, message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if is_api(request):
            return JSONResponse({"detail": _validation_detail(error)}, status_code=422)
        return await error_answer(request, 422, _validation_message(error))

    @app.exception_handler(LoginThrottled)
    async def throttled(request: Request, error: LoginThrottled) -> Response:
        headers = {"Retry-After": str(error.retry_after)}
        return await error_answer(request, 429, error.one_line(), headers)

    @app.exception_handler(WhoknowsError)
    async def domain_error(request: Request, error: WhoknowsError) -> Response:
        status = 404 if isinstance(error, NotFoundError) else 400
        return await error_answer(request, status, error.one_line())


def _not_found(error: HTTPException) -> str:
    detail = str(error.detail)
    return "no such page" if detail == "Not Found" else detail
