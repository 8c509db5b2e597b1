"""Topic maps with under-recognised experts, coverage gaps, and the claims review."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from whoknows.accounts import User
from whoknows.services.aggregates import gap_aggregates
from whoknows.services.privacy import VIEW_CLAIMS, people_shown
from whoknows.web import language, pages
from whoknows.web.params import TopicText
from whoknows.web.permissions import Permission, aggregates_only, allowed

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API


@router.get("/topics", response_class=HTMLResponse)
async def topics(request: Request, q: TopicText = "") -> Response:
    return await pages.blocking(request, _topics, request, q)


def _topics(request: Request, q: str) -> Response:
    user = pages.user_with(request, Permission.TOPICS)
    opened = pages.services(request)
    aggregate_mode = aggregates_only(user, opened)
    topic_map, aggregate, hidden, hidden_note, passed_over = None, None, [], "", []
    if q.strip() and aggregate_mode:
        aggregate = opened.insights.topic_aggregate(q)
    elif q.strip():
        topic_map = opened.insights.topic_map(q)
        if allowed(user, Permission.UNDER_RECOGNISED):
            t = language.translation(request)
            found = opened.insights.hidden_experts(q, t)
            hidden = found.hidden_experts
            hidden_note = found.why_none(t, beside_the_holders=True)
            passed_over = found.passed_over
    return pages.render(
        request,
        "topic.html",
        user=user,
        q=q,
        t=topic_map,
        hidden=hidden,
        hidden_note=hidden_note,
        passed_over=passed_over,
        aggregate=aggregate,
    )


@router.get("/gaps", response_class=HTMLResponse)
async def gaps(request: Request) -> Response:
    return await pages.beside(request, _gaps, request)  # (may take long: beside the reads)


def _gaps(request: Request) -> Response:
    user = pages.user_with(request, Permission.GAPS)
    opened = pages.services(request)
    rows = opened.insights.gaps()
    if not aggregates_only(user, opened):
        return pages.render(request, "gaps.html", user=user, gaps=rows, aggregate=False)
    # aggregate-only mode: the outside share of a topic is often one consultant's share, and
    # "1 active internal holder" names the one person the directory gives for the topic
    shown = gap_aggregates(rows, opened.workspace.settings.min_group_size)
    return pages.render(request, "gaps.html", user=user, gaps=shown, aggregate=True)


@router.get("/claims", response_class=HTMLResponse)
async def claims(request: Request) -> Response:
    # (may take long: beside the reads)
    user, shown, page = await pages.beside(request, _claims, request)
    # each person whose claims the page shows: a read of their claims, in the audit log
    record = pages.services(request).privacy.record_reads
    await pages.write(request, record, user, shown, "page", VIEW_CLAIMS)
    return page


def _claims(request: Request) -> tuple[User, list[int], Response]:
    user = pages.user_with(request, Permission.CLAIMS_REVIEW)
    rows = pages.services(request).insights.claims()
    pending = [c for c in rows if c.state == "claimed"]
    undeclared = [c for c in rows if c.state == "hidden"]
    page = pages.render(request, "claims.html", user=user, pending=pending, undeclared=undeclared)
    return user, people_shown(pending, undeclared), page
