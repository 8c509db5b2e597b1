"""Who may see whose portfolio: one rule for the pages, the comments and the JSON API."""

from __future__ import annotations

from dataclasses import replace

from fastapi import HTTPException

from whoknows.accounts import User
from whoknows.errors import NotFoundError
from whoknows.services import Services
from whoknows.services.insights import Profile
from whoknows.services.results import Answer
from whoknows.store import persons
from whoknows.text import safe_url
from whoknows.vocab import UserRole
from whoknows.web.permissions import aggregates_only


def check_visible(services: Services, user: User, person_id: int) -> None:
    """Refuse what aggregate-only mode or the person's privacy settings hide from this user."""
    if aggregates_only(user, services):
        raise HTTPException(403, "individual profiles are not shown to viewers here")
    hidden = services.privacy.flags(person_id).hidden
    if hidden and user.person_id != person_id and user.role != UserRole.ADMIN:
        raise persons.no_person(person_id)  # (as for an id nobody has)


def visible_profile(services: Services, user: User, person_id: int) -> Profile:
    """The portfolio as this user may see it. Showing it to someone else must be written to
    the audit log (:meth:`PrivacyService.record_view`) before the answer leaves: the routes
    write it in the write lane, as waiting for the store's write lock in the read lane would
    hold every read queued behind it."""
    check_visible(services, user, person_id)
    if user.person_id == person_id or user.role == UserRole.ADMIN:
        return owner_profile(services, person_id, user.person_id == person_id)
    return services.insights.profile(str(person_id))


def shown_answers(
    services: Services,
    user: User,
    query: str,
    k: int,
    since: str | None = None,
    source: str | None = None,
) -> list[Answer]:
    """Search answers as ``user`` may see them: ranked without the people who hid the query's
    topic (but the user themself: ``services.hidden_topics``), so a page still has ``k``
    people and no gap in the ranks gives a hider away; every evidence URL through the scheme
    allow-list."""
    answers = services.search.ask(query, k=k, since=since, viewer=user.person_id, source=source)
    for answer in answers:
        answer.evidence = [replace(e, url=safe_url(e.url)) for e in answer.evidence]
    return answers


def owner_profile(services: Services, person_id: int, own: bool = False) -> Profile:
    """Owners and admins see the portfolio even when it is hidden from others (the owner
    sees their claims on topics they hid too)."""
    try:
        return services.insights.profile(str(person_id), own=own)
    except NotFoundError:
        info = services.people.show(person_id)
        return Profile(
            person_id=person_id,
            name=info.display_name,
            title=info.title,
            department=info.department,
            location=info.location,
            internal=info.is_internal,
            left=persons.left_on(info.end_date) is not None,
            first_activity=None,
            last_activity=None,
            sources=[],
            topics=[],
            claims=[],
        )
