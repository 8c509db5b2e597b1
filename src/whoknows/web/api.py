"""The JSON API: the same data as the pages under the same permission table, described by
OpenAPI (`/api/openapi.json`) from the services' typed results. Unsafe methods need the
session's CSRF token in `X-CSRF-Token` (`GET /api/csrf` returns it)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, Field

from whoknows.accounts import User
from whoknows.comments import Comment
from whoknows.insights.topicmap import Gap
from whoknows.services.insights import ClaimView, HiddenExperts, Profile, TopicMapView
from whoknows.services.search import Answer
from whoknows.vocab import CommentTarget, UserRole
from whoknows.web import pages
from whoknows.web.permissions import Permission
from whoknows.web.security import check_csrf, csrf_token
from whoknows.web.visibility import check_visible, visible_profile

router = APIRouter(prefix="/api", tags=["whoknows"])


class CommentIn(BaseModel):
    name: str = Field(description="Your name (required, shown)")
    email: str = Field(description="Your email address (required, never shown)")
    text: str = Field(description="The comment; limited HTML, the rest is removed")


@dataclass
class CsrfToken:
    csrf: str


@dataclass
class AskResult:
    query: str
    people: list[Answer]


def _reader(request: Request, permission: Permission) -> User:
    """The user, if their role has ``permission`` and aggregate-only mode lets them see
    individuals."""
    user = pages.user_with(request, permission)
    if user.role == UserRole.VIEWER and pages.services(request).privacy.aggregate_only():
        raise HTTPException(403, "individual results are not shown to viewers here")
    return user


@router.get("/csrf", summary="The session's CSRF token, for POST requests")
async def csrf(request: Request) -> CsrfToken:
    await pages.blocking(request, pages.user_with, request, Permission.SEARCH)
    return CsrfToken(csrf_token(request))


@router.get("/ask", summary="Who knows a topic: ranked people with evidence")
async def ask(request: Request, q: str, k: int = 10, since: str | None = None) -> AskResult:
    def work() -> AskResult:
        _reader(request, Permission.SEARCH)
        return AskResult(q, pages.services(request).search.ask(q, k=k, since=since))

    return await pages.blocking(request, work)


@router.get("/people/{person_id}", summary="A person's portfolio: topics, claims")
async def person(request: Request, person_id: int) -> Profile:
    def work() -> Profile:
        user = _reader(request, Permission.PORTFOLIO)
        return visible_profile(pages.services(request), user, person_id, "api")

    return await pages.blocking(request, work)


@router.get("/topics", summary="Topic map: holders, spread, bus factor")
async def topic(request: Request, q: str) -> TopicMapView:
    def work() -> TopicMapView:
        _reader(request, Permission.TOPICS)
        return pages.services(request).insights.topic_map(q)

    return await pages.blocking(request, work)


@router.get("/hidden", summary="Hidden experts on a topic, with the figures")
async def hidden(request: Request, q: str) -> HiddenExperts:
    def work() -> HiddenExperts:
        _reader(request, Permission.HIDDEN_EXPERTS)
        return pages.services(request).insights.hidden_experts(q)

    return await pages.blocking(request, work)


@router.get("/gaps", summary="Topics in demand with few active internal holders")
async def gaps(request: Request) -> list[Gap]:
    def work() -> list[Gap]:
        _reader(request, Permission.GAPS)
        return pages.services(request).insights.gaps()

    return await pages.blocking(request, work)


@router.get("/claims", summary="Claims against evidence")
async def claims(request: Request, person: str | None = None) -> list[ClaimView]:
    def work() -> list[ClaimView]:
        _reader(request, Permission.CLAIMS_REVIEW)
        return pages.services(request).insights.claims(person)

    return await pages.blocking(request, work)


@router.get("/people/{person_id}/comments", summary="Comments on a portfolio")
async def comments(request: Request, person_id: int) -> list[Comment]:
    def work() -> list[Comment]:
        user = _reader(request, Permission.PORTFOLIO)
        opened = pages.services(request)
        check_visible(opened, user, person_id)
        return opened.comments.on(CommentTarget.PERSON, person_id)

    return await pages.blocking(request, work)


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
) -> Comment:
    def work() -> Comment:
        user = _reader(request, Permission.COMMENT)
        check_csrf(request, x_csrf_token)
        opened = pages.services(request)
        check_visible(opened, user, person_id)
        return opened.comments.add(
            CommentTarget.PERSON, person_id, body.name, body.email, body.text, user
        )

    return await pages.blocking(request, work)
