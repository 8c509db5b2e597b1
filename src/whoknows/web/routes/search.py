"""The search page: who knows X, with the evidence and the why of each score."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from whoknows.errors import UsageError
from whoknows.i18n import N_
from whoknows.index.bridge import Bridge, caveat, nobody_caveat
from whoknows.services.results import Answer
from whoknows.web import language, pages
from whoknows.web.params import FilterText, QueryText
from whoknows.web.permissions import Permission, aggregates_only
from whoknows.web.visibility import shown_answers

router = APIRouter(include_in_schema=False)  # pages: the OpenAPI document is the API
AGGREGATE_DEPTH = 500  # people an aggregate counts (the ranked list shows 10)


@router.get("/", response_class=HTMLResponse)
async def search(
    request: Request,
    q: QueryText = "",
    source: FilterText = "",
    since: FilterText = "",
    department: FilterText = "",
) -> Response:
    return await pages.blocking(request, _search, request, q, source, since, department)


def _filtered(answers: list[Answer], source: str, department: str, limit: int) -> list[Answer]:
    """The answers of ``department`` with matching items from ``source`` (their evidence was
    chosen from that source: see :meth:`SearchService.ask`)."""
    if department:
        answers = [a for a in answers if a.department == department]
    if source:
        answers = [a for a in answers if a.evidence]
    return answers[:limit]


def _search(request: Request, q: str, source: str, since: str, department: str) -> Response:
    user = pages.user_with(request, Permission.SEARCH)
    opened = pages.services(request)
    aggregate_mode = aggregates_only(user, opened)
    answers: list[Answer] = []
    explanations = {}
    aggregate = None
    bridges: list[Bridge] = []
    unheld: str | None = None
    k = opened.workspace.settings.min_group_size
    departments = opened.search.departments(k if aggregate_mode else 1)
    if aggregate_mode and department and department not in departments:
        raise UsageError(
            N_(
                "department %(name)s is not one of the groups of at least %(k)s people that"
                " aggregate-only mode shows"
            ),
            N_("pick a department from the list, or all"),
            name=repr(department[:80]),
            k=k,
        )
    if q.strip():
        if aggregate_mode:
            found = shown_answers(opened, user, q, AGGREGATE_DEPTH, since or None, source or None)
            found = _filtered(found, source, department, 10**6)
            aggregate = opened.insights.search_aggregate(q, [a.department for a in found])
        else:
            k = 50 if source or department else 10
            found = shown_answers(opened, user, q, k, since or None, source or None)
            answers = _filtered(found, source, department, 10)
            people = [a.person_id for a in answers]
            explanations = opened.search.explain(q, people, since or None)
        bridges = opened.search.bridges(q)
        words = opened.search.unheld_words(q, bridges)
        unheld = caveat(words, language.translation(request))
        if not answers and not aggregate:
            unheld = nobody_caveat(words, language.translation(request))
    return pages.render(
        request,
        "search.html",
        user=user,
        q=q,
        source=source,
        since=since,
        department=department,
        sources=opened.search.sources(),
        departments=departments,
        answers=answers,
        explanations=explanations,
        aggregate=aggregate,
        bridges=bridges,
        unheld=unheld,
        ranker=opened.search.serving_ranker() if answers else "",
    )
