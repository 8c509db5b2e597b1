"""The search page: who knows X, with the evidence and the why of each score."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from whoknows.services.search import Answer
from whoknows.vocab import UserRole
from whoknows.web import pages
from whoknows.web.permissions import Permission

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API


@router.get("/", response_class=HTMLResponse)
async def search(
    request: Request, q: str = "", source: str = "", since: str = "", department: str = ""
) -> Response:
    return await pages.blocking(request, _search, request, q, source, since, department)


def _filtered(answers: list[Answer], source: str, department: str) -> list[Answer]:
    if department:
        answers = [a for a in answers if a.department == department]
    if source:
        for answer in answers:
            answer.evidence = [e for e in answer.evidence if e.source == source]
        answers = [a for a in answers if a.evidence]
    return answers[:10]


def _aggregate(answers: list[Answer]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for answer in answers:
        key = answer.department or "unknown"
        counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _search(request: Request, q: str, source: str, since: str, department: str) -> Response:
    user = pages.user_with(request, Permission.SEARCH)
    opened = pages.services(request)
    aggregate_mode = user.role == UserRole.VIEWER and opened.privacy.aggregate_only()
    answers: list[Answer] = []
    explanations = {}
    aggregate = None
    if q.strip():
        k = 50 if source or department else 10
        answers = _filtered(opened.search.ask(q, k=k, since=since or None), source, department)
        if aggregate_mode:
            aggregate, answers = _aggregate(answers), []
        else:
            people = [a.person_id for a in answers]
            explanations = opened.search.explain(q, people, since or None)
    return pages.render(
        request,
        "search.html",
        user=user,
        q=q,
        source=source,
        since=since,
        department=department,
        sources=opened.search.sources(),
        departments=opened.search.departments(),
        answers=answers,
        explanations=explanations,
        aggregate=aggregate,
        ranker="learned",
    )
