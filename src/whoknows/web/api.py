"""The JSON API: the same data as the pages under the same permission table, described by
OpenAPI (`/api/openapi.json`) from the services' typed results. `POST /api/login` opens a
session (throttled like the login page); unsafe methods need the session's CSRF token in
`X-CSRF-Token` (`GET /api/csrf` or the login answer returns it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Header, HTTPException, Request, Response
from pydantic import BaseModel

from whoknows.accounts import User
from whoknows.comments import Comment
from whoknows.index.bridge import Bridge, UnheldWords
from whoknows.insights.topicmap import Gap
from whoknows.services.insights import (
    ClaimView,
    HiddenExperts,
    Profile,
    SearchAggregate,
    TopicAggregate,
    TopicMapView,
)
from whoknows.services.privacy import VIEW_CLAIMS, people_shown
from whoknows.services.results import Answer
from whoknows.vocab import CommentTarget
from whoknows.web import pages
from whoknows.web.login import check_password, end_session, start_session
from whoknows.web.params import (
    CommentText,
    Count,
    FilterText,
    Password,
    PersonId,
    PersonRef,
    QueryText,
    TopicText,
    Username,
)
from whoknows.web.permissions import Permission, aggregates_only
from whoknows.web.routes.search import AGGREGATE_DEPTH
from whoknows.web.security import check_csrf, csrf_token
from whoknows.web.visibility import check_visible, shown_answers, visible_profile

router = APIRouter(prefix="/api", tags=["whoknows"])
CSRF_HEADER = Header(default=None, max_length=200)


class CommentIn(BaseModel):
    text: CommentText  # limited HTML, the rest is removed; the author is the logged-in account


class LoginIn(BaseModel):
    username: Username
    password: Password


@dataclass
class CsrfToken:
    csrf: str


@dataclass
class Session:
    username: str
    role: str
    csrf: str


@dataclass
class AskResult:
    query: str
    people: list[Answer]
    # the query's words no item holds, and the organisation's words searched for them
    also_searched: list[Bridge] = field(default_factory=list)
    # the query's words no item holds (less those searched for in the organisation's words)
    not_found: UnheldWords = field(default_factory=UnheldWords)


def _reader(request: Request, permission: Permission) -> User:
    """The user, if their role has ``permission`` and aggregate-only mode lets them see
    individuals."""
    user = pages.user_with(request, permission)
    if aggregates_only(user, pages.services(request)):
        raise HTTPException(403, "individual results are not shown to viewers here")
    return user


@router.post(
    "/login",
    summary="Open a session (sets the cookie); 429 with Retry-After after too many failures",
    responses={401: {"description": "wrong username or password"}, 429: {}},
)
async def login(request: Request, body: LoginIn) -> Session:
    def work() -> Session:
        user = check_password(request, body.username, body.password)
        if user is None:
            raise HTTPException(401, "wrong username or password")
        return Session(user.username, user.role, start_session(request, user))

    return await pages.password_check(request, work)


@router.post("/logout", status_code=204, summary="End the session (needs X-CSRF-Token)")
async def logout(request: Request, x_csrf_token: str | None = CSRF_HEADER) -> Response:
    check_csrf(request, x_csrf_token)
    await pages.blocking(request, end_session, request)
    return Response(status_code=204)


@router.get("/csrf", summary="The session's CSRF token, for POST requests")
async def csrf(request: Request) -> CsrfToken:
    await pages.blocking(request, pages.user_with, request, Permission.SEARCH)
    return CsrfToken(csrf_token(request))


@router.get("/ask", summary="Who knows a topic: ranked people with evidence")
async def ask(
    request: Request, q: QueryText, k: Count = 10, since: FilterText | None = None
) -> AskResult:
    def work() -> AskResult:
        user = _reader(request, Permission.SEARCH)
        opened = pages.services(request)
        bridges = opened.search.bridges(q)
        unheld = opened.search.unheld_words(q, bridges)
        return AskResult(q, shown_answers(opened, user, q, k, since), bridges, unheld)

    return await pages.blocking(request, work)


@router.get("/people/{person_id}", summary="A person's portfolio: topics, claims")
async def person(request: Request, person_id: PersonId) -> Profile:
    def work() -> tuple[User, Profile]:
        user = _reader(request, Permission.PORTFOLIO)
        return user, visible_profile(pages.services(request), user, person_id)

    user, profile = await pages.blocking(request, work)
    await pages.beside(request, pages.services(request).privacy.record_view, user, person_id, "api")
    return profile


@router.get("/topics", summary="Topic map: holders, spread, bus factor")
async def topic(request: Request, q: TopicText) -> TopicMapView:
    def work() -> TopicMapView:
        _reader(request, Permission.TOPICS)
        return pages.services(request).insights.topic_map(q)

    return await pages.blocking(request, work)


@router.get(
    "/aggregate/ask",
    summary="Where the knowledge of a topic sits: departments of at least min_group_size people",
)
async def ask_aggregate(request: Request, q: QueryText) -> SearchAggregate:
    def work() -> SearchAggregate:
        user = pages.user_with(request, Permission.SEARCH)
        opened = pages.services(request)
        found = shown_answers(opened, user, q, AGGREGATE_DEPTH)
        return opened.insights.search_aggregate(q, [a.department for a in found])

    return await pages.blocking(request, work)


@router.get(
    "/aggregate/topics",
    summary="A topic's spread as aggregate-only mode shows it (groups of at least k people)",
)
async def topic_aggregate(request: Request, q: TopicText) -> TopicAggregate:
    def work() -> TopicAggregate:
        pages.user_with(request, Permission.TOPICS)
        return pages.services(request).insights.topic_aggregate(q)

    return await pages.blocking(request, work)


@router.get(
    "/under-recognised",
    summary="Under-recognised experts on a topic (strong evidence, little recognition), with"
    " the figures",
)
@router.get(
    "/hidden",
    summary="Under-recognised experts: the earlier path of /api/under-recognised",
    deprecated=True,
)
async def under_recognised(request: Request, q: TopicText) -> HiddenExperts:
    def work() -> HiddenExperts:
        _reader(request, Permission.UNDER_RECOGNISED)
        return pages.services(request).insights.hidden_experts(q)

    return await pages.blocking(request, work)


@router.get("/gaps", summary="Topics in demand with few active internal holders")
async def gaps(request: Request) -> list[Gap]:
    def work() -> list[Gap]:
        _reader(request, Permission.GAPS)
        return pages.services(request).insights.gaps()

    return await pages.beside(request, work)  # (may take long)


@router.get("/claims", summary="Claims against evidence")
async def claims(request: Request, person: PersonRef | None = None) -> list[ClaimView]:
    def work() -> tuple[User, int | None, list[ClaimView]]:
        user = _reader(request, Permission.CLAIMS_REVIEW)
        opened = pages.services(request)
        rows = opened.insights.claims(person)
        return user, opened.insights.visible_person(person) if person else None, rows

    user, whose, rows = await pages.beside(request, work)  # (may take long)
    privacy = pages.services(request).privacy
    if whose is not None:  # one person's claims: a read of their profile, audited as one
        await pages.write(request, privacy.record_view, user, whose, "api")
    else:  # everyone's: a read of each one's claims, a row per person in the answer
        await pages.write(
            request, privacy.record_reads, user, people_shown(rows), "api", VIEW_CLAIMS
        )
    return rows


@router.get("/people/{person_id}/comments", summary="Comments on a portfolio")
async def comments(request: Request, person_id: PersonId) -> list[Comment]:
    def work() -> tuple[User, list[Comment]]:
        user = _reader(request, Permission.PORTFOLIO)
        opened = pages.services(request)
        check_visible(opened, user, person_id)
        return user, opened.comments.on(CommentTarget.PERSON, person_id)

    user, found = await pages.blocking(request, work)
    # (the comments on a portfolio are part of it: a read of the profile, as the page's is)
    record = pages.services(request).privacy.record_view
    await pages.write(request, record, user, person_id, "api comments")
    return found


@router.post(
    "/people/{person_id}/comments",
    status_code=201,
    summary="Comment on a portfolio as the logged-in account (needs X-CSRF-Token)",
)
async def add_comment(
    request: Request,
    person_id: PersonId,
    body: CommentIn,
    x_csrf_token: str | None = CSRF_HEADER,
) -> Comment:
    def work() -> Comment:
        user = _reader(request, Permission.COMMENT)
        check_csrf(request, x_csrf_token)
        opened = pages.services(request)
        check_visible(opened, user, person_id)
        return opened.comments.add(CommentTarget.PERSON, person_id, body.text, user)

    return await pages.blocking(request, work)
