"""Portfolios: the page, curation by the person (or an admin), comments and moderation."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from whoknows.accounts import User
from whoknows.limits import MAX_COMMENT, MAX_TOPIC
from whoknows.vocab import CommentTarget, UserRole
from whoknows.web import pages
from whoknows.web.params import CommentId, PersonId
from whoknows.web.permissions import Permission, allowed
from whoknows.web.visibility import check_visible, visible_profile

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API


@router.get("/people/{person_id}", response_class=HTMLResponse)
async def portfolio(request: Request, person_id: PersonId) -> Response:
    user, page = await pages.blocking(request, _portfolio, request, person_id)
    await pages.write(request, pages.services(request).privacy.record_view, user, person_id, "page")
    return page


def _portfolio(request: Request, person_id: int) -> tuple[User, Response]:
    user = pages.user_with(request, Permission.PORTFOLIO)
    opened = pages.services(request)
    profile = visible_profile(opened, user, person_id)
    timeline = opened.people.timeline(person_id)
    can_curate = user.person_id == person_id or user.role == UserRole.ADMIN
    can_moderate = allowed(user, Permission.MODERATE)
    return user, pages.render(
        request,
        "person.html",
        user=user,
        p=profile,
        timeline=timeline,
        timeline_max=max((n for _, n in timeline), default=1),
        comments=opened.comments.on(CommentTarget.PERSON, person_id, can_moderate),
        can_curate=can_curate,
        can_moderate=can_moderate,
        hidden_topics=opened.insights.hidden_topics(person_id) if can_curate else [],
    )


def _curator(request: Request, person_id: int) -> User:
    user = pages.user_with(request, Permission.PORTFOLIO)
    if user.person_id != person_id and user.role != UserRole.ADMIN:
        raise HTTPException(403, "only the person themself (or an admin) curates a portfolio")
    return user


def _curate(request: Request, person_id: int, action: str, value: str) -> None:
    user = _curator(request, person_id)
    opened = pages.services(request)
    insights = opened.insights
    if action == "hide":
        insights.hide_topic(str(person_id), value)
    elif action == "unhide":
        insights.unhide_topic(person_id, value)
    elif action == "claim":
        insights.add_claim(str(person_id), value)
    else:
        by = str(user.person_id) if user.person_id and user.person_id != person_id else None
        insights.confirm_claim(str(person_id), value, by)
    # an admin's change to someone else's portfolio (un-hiding a topic they hid, say) is in
    # the audit log; the person's own is not (a topic hidden is not named there)
    said = "page" if action == "hide" else f"page: {value}"
    opened.privacy.record_change(user, CURATION_AUDIT[action], person_id, said)


CURATION = {  # action: (form field, notice key)
    "hide": ("topic", "topic-hidden"),
    "unhide": ("topic", "topic-shown"),
    "confirm": ("skill", "confirmed"),
    "claims": ("skill", "claim-added"),
}


CURATION_AUDIT = {  # action: what the audit log calls it
    "hide": "hide topic",
    "unhide": "unhide topic",
    "claim": "add claim",
    "confirm": "confirm claim",
}


@router.post("/people/{person_id}/{action}")
async def curate(request: Request, person_id: PersonId, action: str) -> Response:
    if action == "comments":
        return await comment(request, person_id)
    if action not in CURATION:
        raise HTTPException(404, "no such page")
    field, notice = CURATION[action]
    values = await pages.form(request)
    kind = "claim" if action == "claims" else action
    value = pages.field(values, field, field, MAX_TOPIC)
    await pages.blocking(request, _curate, request, person_id, kind, value)
    return pages.back(f"/people/{person_id}", notice)


async def comment(request: Request, person_id: int) -> Response:
    values = await pages.form(request)
    await pages.blocking(request, _comment, request, person_id, values)
    return pages.back(f"/people/{person_id}", "comment-posted")


def _comment(request: Request, person_id: int, values: dict[str, str]) -> None:
    user = pages.user_with(request, Permission.COMMENT)
    opened = pages.services(request)
    check_visible(opened, user, person_id)
    text = pages.field(values, "text", "comment", MAX_COMMENT)
    opened.comments.add(CommentTarget.PERSON, person_id, text, user)


@router.post("/comments/{comment_id}/moderate")
async def moderate(request: Request, comment_id: CommentId) -> Response:
    values = await pages.form(request)
    status = pages.field(values, "status", "status", 20)
    await pages.blocking(request, _moderate, request, comment_id, status)
    return pages.back(values.get("back", "/"), "comment-moderated")


def _moderate(request: Request, comment_id: int, status: str) -> None:
    user = pages.user_with(request, Permission.MODERATE)
    pages.services(request).comments.moderate(comment_id, status, user)
