"""Engagement pages for consultants: the overview and its comments."""

from __future__ import annotations

import base64

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from whoknows.accounts import User
from whoknows.limits import MAX_COMMENT
from whoknows.report import charts, content
from whoknows.services.engagement_rows import Overview
from whoknows.services.privacy import VIEW_ENGAGEMENT, people_shown
from whoknows.vocab import CommentTarget
from whoknows.web import language, pages
from whoknows.web.params import EngagementId
from whoknows.web.permissions import Permission

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API


@router.get("/engagements", response_class=HTMLResponse)
async def engagements(request: Request) -> Response:
    return await pages.blocking(request, _list, request)


def _list(request: Request) -> Response:
    user = pages.user_with(request, Permission.ENGAGEMENTS)
    rows = pages.services(request).engagements.summaries()
    return pages.render(request, "engagements.html", user=user, engagements=rows)


@router.get("/engagements/{engagement_id}", response_class=HTMLResponse)
async def engagement(request: Request, engagement_id: EngagementId) -> Response:
    # its chart is drawn with matplotlib: long enough to hold the reads queued behind it
    user, overview, page = await pages.beside(request, _engagement, request, engagement_id)
    # each person whose stakeholder notes or coaching plan it shows: a read of theirs
    shown = people_shown(overview.stakeholders, overview.plans)
    record = pages.services(request).privacy.record_reads
    await pages.write(request, record, user, shown, "page", VIEW_ENGAGEMENT)
    return page


def _engagement(request: Request, engagement_id: int) -> tuple[User, Overview, Response]:
    user = pages.user_with(request, Permission.ENGAGEMENTS)
    opened = pages.services(request)
    overview = opened.engagements.overview(str(engagement_id))
    t = language.translation(request)
    chart = charts.transfer(
        overview.transfer,
        overview.engagement.start,
        t,
        overview.topic_names,
        overview.engagement.end,
    )
    return (
        user,
        overview,
        pages.render(
            request,
            "engagement.html",
            user=user,
            o=overview,
            tandem=list(zip(overview.tandem, content.tandem_rows(t, overview), strict=True)),
            engagement_id=engagement_id,
            transfer_chart=base64.b64encode(chart).decode(),
            comments=opened.comments.on(CommentTarget.ENGAGEMENT, engagement_id),
        ),
    )


@router.post("/engagements/{engagement_id}/comments")
async def engagement_comment(request: Request, engagement_id: EngagementId) -> Response:
    values = await pages.form(request)
    await pages.blocking(request, _comment, request, engagement_id, values)
    return pages.back(f"/engagements/{engagement_id}", "comment-posted")


def _comment(request: Request, engagement_id: int, values: dict[str, str]) -> None:
    user = pages.user_with(request, Permission.ENGAGEMENTS)
    text = pages.field(values, "text", "comment", MAX_COMMENT)
    pages.services(request).comments.add(CommentTarget.ENGAGEMENT, engagement_id, text, user)
