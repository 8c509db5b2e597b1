"""Error answers: every error a user can cause is a 4xx, an HTML page on the pages and JSON
(``{"detail": ...}``) on the API; unknown URLs and invalid parameters included."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from whoknows.errors import JOINED, NotFoundError, WhoknowsError
from whoknows.i18n import N_
from whoknows.services.accounts import LoginThrottled
from whoknows.web import language, pages
from whoknows.web.permissions import Forbidden, NotLoggedIn

HEADINGS = {
    400: N_("Cannot do that"),
    401: N_("Log in first"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not allowed"),
    413: N_("Too large"),
    422: N_("Cannot read that request"),
    429: N_("Too many attempts"),
}
# the details of HTTP errors raised by whoknows and Starlette, as the error page says them
DETAILS = {
    "Not Found": N_("no such page"),
    "no such page": N_("no such page"),
    "Method Not Allowed": N_("this page cannot be used that way"),
    "only the person themself (or an admin) curates a portfolio": N_(
        "only the person themself (or an admin) curates a portfolio"
    ),
    "this account is not linked to a person": N_("this account is not linked to a person"),
    "tick the confirmation box to erase": N_("tick the confirmation box to erase"),
    "individual profiles are not shown to viewers here": N_(
        "individual profiles are not shown to viewers here"
    ),
    "the form expired or did not come from this site; reload the page and try again": N_(
        "the form expired or did not come from this site; reload the page and try again"
    ),
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def error_answer(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    t = language.translation(request)
    return await pages.blocking(
        request,
        pages.render,
        request,
        "error.html",
        status=status,
        headers=headers,
        heading=t.gettext(HEADINGS.get(status, N_("Error"))),
        message=message,
    )


def _validation_message(request: Request, error: RequestValidationError) -> str:
    t = language.translation(request)
    problems = []
    for problem in error.errors()[:3]:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
        limit = (problem.get("ctx") or {}).get("max_length")
        field = str(problem.get("loc", ("",))[-1])  # (a query's "q", a form's field)
        if problem.get("type") == "string_too_long" and limit is not None:
            said = t.gettext("%(field)s is longer than %(limit)s characters: shorten it")
            problems.append(said % {"field": field, "limit": t.format_number(int(limit))})
        elif problem.get("type") in {"int_parsing", "int_from_float"}:
            said = t.gettext("%(field)s is not a whole number: give one, e.g. 12")
            problems.append(said % {"field": field})
        elif (bound := _bound(problem)) is not None:  # ("/people/0": ids start at 1)
            said = t.gettext(bound[0])
            problems.append(said % {"field": field, "limit": t.format_number(bound[1])})
        else:
            problems.append(f"{where}: {problem.get('msg', 'invalid')}")
    return t.gettext("invalid request (%(problems)s)") % {"problems": "; ".join(problems)}


def _bound(problem: Any) -> tuple[str, int] | None:
    """What a number out of its range is told: the bound it crossed, in the reader's words."""
    limits = problem.get("ctx") or {}
    for key, said in (
        ("ge", N_("%(field)s must be %(limit)s or more")),
        ("gt", N_("%(field)s must be more than %(limit)s")),
        ("le", N_("%(field)s must be %(limit)s or less")),
        ("lt", N_("%(field)s must be less than %(limit)s")),
    ):
        if isinstance(limits.get(key), int):
            return said, int(limits[key])
    return None


def _http_message(request: Request, error: HTTPException) -> str:
    """The detail of an HTTP error in the reader's language (the API keeps English)."""
    if is_api(request):
        return "no such page" if error.detail == "Not Found" else str(error.detail)
    t = language.translation(request)
    if isinstance(error, Forbidden):
        return error.said(t)
    detail = str(error.detail)
    return t.gettext(DETAILS[detail]) if detail in DETAILS else detail


def _validation_detail(error: RequestValidationError) -> list[dict[str, Any]]:
    """The validation errors without the input (it may be huge or not printable)."""
    return [{k: v for k, v in e.items() if k in {"loc", "msg", "type"}} for e in error.errors()]


def add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(NotLoggedIn)
    async def to_login(request: Request, _: NotLoggedIn) -> Response:
        if is_api(request):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if len(asked) > pages.MOST_TARGET:  # (a long question: the page alone, or the form refuses)
            asked = request.url.path if len(request.url.path) <= pages.MOST_TARGET else "/"
        return RedirectResponse(f"/login?next={quote(asked, safe='/')}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = _http_message(request, error)
        headers = dict(error.headers) if error.headers else None
        return await error_answer(request, error.status_code, message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if is_api(request):
            return JSONResponse({"detail": _validation_detail(error)}, status_code=422)
        return await error_answer(request, 422, _validation_message(request, error))

    @app.exception_handler(LoginThrottled)
    async def throttled(request: Request, error: LoginThrottled) -> Response:
        headers = {"Retry-After": str(error.retry_after)}
        return await error_answer(request, 429, _said(request, error), headers)

    @app.exception_handler(WhoknowsError)
    async def domain_error(request: Request, error: WhoknowsError) -> Response:
        status = 404 if isinstance(error, NotFoundError) else 400
        return await error_answer(request, status, _said(request, error))


# what a hint that names a command says on a page instead (its reader may have no shell);
# a hint naming another command is left out there
WEB_HINTS = {
    "run `whoknows reindex`": N_("an administrator can rebuild the indexes on the Jobs page"),
    "see `whoknows people list`": N_("look the person up by name in the search"),
    "give an id from `whoknows people list`, connector:native-id, or a full name": N_(
        "give the person's full name"
    ),
}


def _said(request: Request, error: WhoknowsError) -> str:
    """A domain error's one line: English on the API, the reader's language on the pages,
    where a hint naming a command says what to do in the app instead."""
    if is_api(request):
        return error.one_line()
    t = language.translation(request)
    if "`whoknows " not in error.hint:
        return error.one_line(t)
    hint = WEB_HINTS.get(error.hint)
    if hint is None:
        return error.one_line(t, with_hint=False)
    return t.gettext(JOINED) % {
        "message": error.one_line(t, with_hint=False),
        "hint": t.gettext(hint),
    }
