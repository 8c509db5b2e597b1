"""The JSON API: the same data as the pages, the same roles, described by OpenAPI
(`/api/openapi.json`). Unsafe methods need the session's CSRF token in `X-CSRF-Token`
(`GET /api/csrf` returns it)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, Field

from whoknows.accounts import User
from whoknows.service import Whoknows
from whoknows.web.security import check_csrf, csrf_token, require
from whoknows.web.visibility import visible_profile

READERS = ("admin", "consultant", "viewer", "self")


class CommentIn(BaseModel):
    name: str = Field(description="Your name (required, shown)")
    email: str = Field(description="Your email address (required, never shown)")
    text: str = Field(description="The comment; limited HTML, the rest is removed")


def api_router(
    service: Whoknows, lock: asyncio.Lock, current_user: Callable[[Request], User | None]
) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["whoknows"])

    def reader(request: Request, *roles: str) -> User:
        user = require(current_user(request), *(roles or READERS))
        if user.role == "viewer" and service.aggregate_only():
            raise HTTPException(403, "individual results are not shown to viewers here")
        return user

    @router.get("/csrf", summary="The session's CSRF token, for POST requests")
    async def csrf(request: Request) -> dict[str, str]:
        require(current_user(request), *READERS)
        return {"csrf": csrf_token(request)}

    @router.get("/ask", summary="Who knows a topic: ranked people with evidence")
    async def ask(
        request: Request, q: str, k: int = 10, since: str | None = None
    ) -> dict[str, Any]:
        reader(request)
        async with lock:
            answers = service.ask(q, k=k, since=since)
        return {"query": q, "people": [a.as_dict() for a in answers]}

    @router.get("/people/{person_id}", summary="A person's portfolio: topics, claims")
    async def person(request: Request, person_id: int) -> dict[str, Any]:
        user = reader(request)
        async with lock:
            return visible_profile(service, user, person_id, "api")

    @router.get("/topics", summary="Topic map: holders, spread, bus factor")
    async def topic(request: Request, q: str) -> dict[str, Any]:
        reader(request, "admin", "consultant", "viewer")
        async with lock:
            return service.topic_map(q)

    @router.get("/hidden", summary="Hidden experts on a topic, with the figures")
    async def hidden(request: Request, q: str) -> dict[str, Any]:
        reader(request, "admin", "consultant")
        async with lock:
            return service.hidden_experts(q)

    @router.get("/gaps", summary="Topics in demand with few active internal holders")
    async def gaps(request: Request) -> list[dict[str, Any]]:
        reader(request, "admin", "consultant", "viewer")
        async with lock:
            return service.gaps()

    @router.get("/claims", summary="Claims against evidence")
    async def claims(request: Request, person: str | None = None) -> list[dict[str, Any]]:
        reader(request, "admin", "consultant")
        async with lock:
            return service.claims(person)

    @router.get("/people/{person_id}/comments", summary="Comments on a portfolio")
    async def comments(request: Request, person_id: int) -> list[dict[str, Any]]:
        reader(request)
        async with lock:
            return [c.as_dict() for c in service.comments("person", person_id)]

    @router.post(
        "/people/{person_id}/comments",
        status_code=201,
        summary="Comment on a portfolio (needs X-CSRF-Token)",
    )
    async def add_comment(
        request: Request,
        person_id: int,
        body: CommentIn,
        x_csrf_token: str | None = Header(default=None),
    ) -> dict[str, Any]:
        user = reader(request)
        check_csrf(request, x_csrf_token)
        async with lock:
            comment = service.add_comment(
                "person", person_id, body.name, body.email, body.text, user
            )
        return comment.as_dict()

    return router
