"""Logging in and out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from whoknows.web import pages
from whoknows.web.security import SESSION_USER

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, next: str = "/") -> Response:
    return await pages.blocking(request, pages.render, request, "login.html", next=next)


@router.post("/login")
async def login(request: Request) -> Response:
    values = await pages.form(request)
    accounts = pages.services(request).accounts
    username, password = values.get("username", ""), values.get("password", "")
    user = await pages.blocking(request, accounts.authenticate, username, password)
    if user is None:
        return await pages.blocking(
            request,
            pages.render,
            request,
            "login.html",
            status=401,
            next=values.get("next", "/"),
            error="Wrong username or password.",
        )
    request.session.clear()
    request.session[SESSION_USER] = user.id
    return RedirectResponse(pages.local_path(values.get("next", "/")), status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    await pages.form(request)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
