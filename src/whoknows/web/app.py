"""The web app: server-rendered pages and a JSON API over the one service facade.

Every page and API route names the roles that may use it; sessions are signed cookies
(HttpOnly, SameSite=Lax, Secure unless WHOKNOWS_COOKIE_SECURE=false for plain-HTTP
development), forms carry a per-session CSRF token, passwords are hashed with Argon2id, and
every view of someone else's profile is written to the audit log.
"""

from __future__ import annotations

import asyncio
import base64
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from whoknows.accounts import ROLES, User
from whoknows.errors import NotFoundError, WhoknowsError
from whoknows.report import charts
from whoknows.service import Whoknows
from whoknows.web.api import api_router
from whoknows.web.security import (
    SESSION_USER,
    NotLoggedIn,
    check_csrf,
    csrf_token,
    require,
    secret_key,
)
from whoknows.web.visibility import check_visible, visible_profile

HERE = Path(__file__).parent
STAFF = ("admin", "consultant")
READERS = ("admin", "consultant", "viewer", "self")


def local_path(target: str) -> str:
    """``target`` if it is a path on this site, else "/" (no open redirects: "//evil.example",
    "/\\evil.example" and absolute URLs are refused)."""
    if target.startswith("/") and not target.startswith(("//", "/\\")) and "://" not in target:
        return target
    return "/"


def create_app(service: Whoknows, cookie_secure: bool | None = None) -> FastAPI:
    if cookie_secure is None:
        cookie_secure = os.environ.get("WHOKNOWS_COOKIE_SECURE", "true").lower() != "false"
    app = FastAPI(
        title="whoknows",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(service.settings.workspace),
        session_cookie="whoknows_session",
        same_site="lax",
        https_only=cookie_secure,
        max_age=8 * 3600,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    lock = asyncio.Lock()  # one request at a time touches the store and the indexes
    app.state.service = service
    app.state.lock = lock

    def current_user(request: Request) -> User | None:
        user_id = request.session.get(SESSION_USER)
        return service.user(int(user_id)) if user_id is not None else None

    app.state.current_user = current_user

    def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
        context.update(
            user=current_user(request),
            csrf=csrf_token(request),
            notice=request.query_params.get("notice"),
        )
        return templates.TemplateResponse(request, template, context, status_code=status)

    async def form(request: Request) -> dict[str, str]:
        data = await request.form()
        values = {k: str(v) for k, v in data.items()}
        check_csrf(request, values.get("csrf"))
        return values

    def back(path: str, notice: str | None = None) -> RedirectResponse:
        from urllib.parse import quote

        target = path + (f"?notice={quote(notice)}" if notice else "")
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(NotLoggedIn)
    async def to_login(request: Request, _: NotLoggedIn) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        heading = {403: "Not allowed", 404: "Not found"}.get(error.status_code, "Error")
        return render(
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
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.one_line()}, status_code=status)
        return render(
            request, "error.html", status=status, heading="Cannot do that", message=error.one_line()
        )

    # -- login -----------------------------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request, next: str = "/") -> Response:
        return render(request, "login.html", next=next)

    @app.post("/login")
    async def login(request: Request) -> Response:
        values = await form(request)
        async with lock:
            user = service.authenticate(values.get("username", ""), values.get("password", ""))
        if user is None:
            return render(
                request,
                "login.html",
                status=401,
                next=values.get("next", "/"),
                error="Wrong username or password.",
            )
        request.session.clear()
        request.session[SESSION_USER] = user.id
        target = values.get("next", "/")
        return RedirectResponse(local_path(target), status_code=303)

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        await form(request)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # -- search ----------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    async def search(
        request: Request, q: str = "", source: str = "", since: str = "", department: str = ""
    ) -> Response:
        user = require(current_user(request), *READERS)
        async with lock:
            aggregate_mode = user.role == "viewer" and service.aggregate_only()
            answers, explanations, aggregate = [], {}, None
            if q.strip():
                answers = service.ask(
                    q, k=10 if not (source or department) else 50, since=since or None
                )
                if department:
                    answers = [a for a in answers if a.department == department]
                if source:
                    for answer in answers:
                        answer.evidence = [e for e in answer.evidence if e.source == source]
                    answers = [a for a in answers if a.evidence]
                answers = answers[:10]
                if aggregate_mode:
                    counts: dict[str, int] = {}
                    for answer in answers:
                        key = answer.department or "unknown"
                        counts[key] = counts.get(key, 0) + 1
                    aggregate = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                    answers = []
                else:
                    explanations = service.explain(q, [a.person_id for a in answers], since or None)
            return render(
                request,
                "search.html",
                q=q,
                source=source,
                since=since,
                department=department,
                sources=service.sources(),
                departments=service.departments(),
                answers=answers,
                explanations=explanations,
                aggregate=aggregate,
                ranker="learned",
            )

    # -- portfolio -------------------------------------------------------------------------
    @app.get("/people/{person_id}", response_class=HTMLResponse)
    async def portfolio(request: Request, person_id: int) -> Response:
        user = require(current_user(request), *READERS)
        async with lock:
            profile = visible_profile(service, user, person_id, "page")
            timeline = service.timeline(person_id)
            can_curate = user.person_id == person_id or user.role == "admin"
            return render(
                request,
                "person.html",
                p=profile,
                timeline=timeline,
                timeline_max=max((n for _, n in timeline), default=1),
                comments=service.comments("person", person_id, include_hidden=user.role in STAFF),
                can_curate=can_curate,
                can_moderate=user.role in STAFF,
                hidden_topics=service.hidden_topic_list(person_id) if can_curate else [],
            )

    def curator(request: Request, person_id: int) -> User:
        user = require(current_user(request), *READERS)
        if user.person_id != person_id and user.role != "admin":
            raise HTTPException(403, "only the person themself (or an admin) curates a portfolio")
        return user

    @app.post("/people/{person_id}/hide")
    async def hide(request: Request, person_id: int) -> Response:
        curator(request, person_id)
        values = await form(request)
        async with lock:
            service.hide_topic(str(person_id), values.get("topic", ""))
        return back(f"/people/{person_id}", "Topic hidden from others.")

    @app.post("/people/{person_id}/unhide")
    async def unhide(request: Request, person_id: int) -> Response:
        curator(request, person_id)
        values = await form(request)
        async with lock:
            service.unhide_topic(person_id, values.get("topic", ""))
        return back(f"/people/{person_id}", "Topic shown again.")

    @app.post("/people/{person_id}/confirm")
    async def confirm(request: Request, person_id: int) -> Response:
        user = curator(request, person_id)
        values = await form(request)
        async with lock:
            by = str(user.person_id) if user.person_id and user.person_id != person_id else None
            service.confirm_claim(str(person_id), values.get("skill", ""), by)
        return back(f"/people/{person_id}", "Confirmed.")

    @app.post("/people/{person_id}/claims")
    async def add_claim(request: Request, person_id: int) -> Response:
        curator(request, person_id)
        values = await form(request)
        async with lock:
            service.add_claim(str(person_id), values.get("skill", ""))
        return back(f"/people/{person_id}", "Claim added: it shows as pending until evidenced.")

    @app.post("/people/{person_id}/comments")
    async def comment(request: Request, person_id: int) -> Response:
        user = require(current_user(request), *READERS)
        values = await form(request)
        async with lock:
            check_visible(service, user, person_id)
            service.add_comment(
                "person",
                person_id,
                values.get("name", ""),
                values.get("email", ""),
                values.get("text", ""),
                user,
            )
        return back(f"/people/{person_id}", "Comment posted.")

    @app.post("/comments/{comment_id}/moderate")
    async def moderate(request: Request, comment_id: int) -> Response:
        user = require(current_user(request), *STAFF)
        values = await form(request)
        async with lock:
            service.moderate_comment(comment_id, values.get("status", ""), user)
        target = values.get("back", "/")
        return back(local_path(target), "Comment moderated.")

    # -- topics, gaps, claims --------------------------------------------------------------
    @app.get("/topics", response_class=HTMLResponse)
    async def topics(request: Request, q: str = "") -> Response:
        user = require(current_user(request), "admin", "consultant", "viewer")
        async with lock:
            aggregate = user.role == "viewer" and service.aggregate_only()
            topic_map = service.topic_map(q) if q.strip() else None
            hidden = service.hidden_experts(q)["hidden_experts"] if q.strip() else []
            return render(
                request, "topic.html", q=q, t=topic_map, hidden=hidden, aggregate=aggregate
            )

    @app.get("/gaps", response_class=HTMLResponse)
    async def gaps(request: Request) -> Response:
        require(current_user(request), "admin", "consultant", "viewer")
        async with lock:
            return render(request, "gaps.html", gaps=service.gaps())

    @app.get("/claims", response_class=HTMLResponse)
    async def claims(request: Request) -> Response:
        require(current_user(request), *STAFF)
        async with lock:
            rows = service.claims()
        return render(
            request,
            "claims.html",
            pending=[c for c in rows if c["state"] == "claimed"],
            hidden=[c for c in rows if c["state"] == "hidden"],
        )

    # -- privacy ---------------------------------------------------------------------------
    @app.get("/privacy", response_class=HTMLResponse)
    async def privacy_page(request: Request) -> Response:
        user = require(current_user(request), *READERS)
        if user.person_id is None:
            raise HTTPException(403, "this account is not linked to a person")
        async with lock:
            return render(request, "privacy.html", flags=service.person_flags(user.person_id))

    @app.post("/privacy")
    async def privacy_save(request: Request) -> Response:
        user = require(current_user(request), *READERS)
        values = await form(request)
        if user.person_id is None:
            raise HTTPException(403, "this account is not linked to a person")
        async with lock:
            service.set_privacy(
                user.person_id, values.get("inference") == "1", values.get("visibility") == "1"
            )
        return back("/privacy", "Saved.")

    @app.post("/privacy/erase")
    async def erase_me(request: Request) -> Response:
        user = require(current_user(request), *READERS)
        values = await form(request)
        if user.person_id is None or values.get("confirm") != "yes":
            raise HTTPException(400, "tick the confirmation box to erase")
        async with lock:
            service.erase(str(user.person_id), user)
        request.session.clear()
        return RedirectResponse("/login?notice=Erased.", status_code=303)

    # -- admin -----------------------------------------------------------------------------
    @app.get("/admin", response_class=HTMLResponse)
    async def admin(request: Request) -> Response:
        require(current_user(request), "admin")
        async with lock:
            return render(
                request,
                "admin.html",
                users=service.users(),
                roles=ROLES,
                audit=service.audit_log(),
                aggregate=service.aggregate_only(),
            )

    @app.post("/admin/settings")
    async def admin_settings(request: Request) -> Response:
        require(current_user(request), "admin")
        values = await form(request)
        async with lock:
            service.set_aggregate_only(values.get("aggregate") == "1")
        return back("/admin", "Settings saved.")

    @app.post("/admin/users")
    async def admin_users(request: Request) -> Response:
        require(current_user(request), "admin")
        values = await form(request)
        async with lock:
            service.create_user(
                values.get("username", ""),
                values.get("password", ""),
                values.get("role", ""),
                values.get("person") or None,
            )
        return back("/admin", "User added.")

    @app.post("/admin/erase")
    async def admin_erase(request: Request) -> Response:
        user = require(current_user(request), "admin")
        values = await form(request)
        if values.get("confirm") != "yes":
            raise HTTPException(400, "tick the confirmation box to erase")
        async with lock:
            counts = service.erase(values.get("person", ""), user)
        return back("/admin", "Erased: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    # -- engagements -------------------------------------------------------------------------
    @app.get("/engagements", response_class=HTMLResponse)
    async def engagements(request: Request) -> Response:
        require(current_user(request), *STAFF)
        async with lock:
            return render(request, "engagements.html", engagements=service.engagements())

    @app.get("/engagements/{engagement_id}", response_class=HTMLResponse)
    async def engagement(request: Request, engagement_id: int) -> Response:
        require(current_user(request), *STAFF)
        async with lock:
            overview = service.engagement_overview(str(engagement_id))
            chart = base64.b64encode(
                charts.transfer(overview["transfer"], overview["engagement"]["start"])
            ).decode()
            return render(
                request,
                "engagement.html",
                o=overview,
                engagement_id=engagement_id,
                transfer_chart=chart,
                comments=service.comments("engagement", engagement_id),
            )

    @app.post("/engagements/{engagement_id}/comments")
    async def engagement_comment(request: Request, engagement_id: int) -> Response:
        user = require(current_user(request), *STAFF)
        values = await form(request)
        async with lock:
            service.engagement_record(str(engagement_id))
            service.add_comment(
                "engagement",
                engagement_id,
                values.get("name", ""),
                values.get("email", ""),
                values.get("text", ""),
                user,
            )
        return back(f"/engagements/{engagement_id}", "Comment posted.")

    for route in app.routes:  # the OpenAPI document describes the JSON API only
        if isinstance(route, APIRoute) and not route.path.startswith("/api/"):
            route.include_in_schema = False
    app.include_router(api_router(service, lock, current_user))
    return app
