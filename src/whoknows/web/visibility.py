"""Who may see whose portfolio: one rule for the pages and the JSON API."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from whoknows.accounts import User
from whoknows.errors import NotFoundError
from whoknows.service import Whoknows


def check_visible(service: Whoknows, user: User, person_id: int) -> None:
    """Refuse what aggregate-only mode or the person's privacy settings hide from this user."""
    if user.role == "viewer" and service.aggregate_only():
        raise HTTPException(403, "individual profiles are not shown to viewers here")
    flags = service.person_flags(person_id)
    hidden = flags["opt_out_visibility"] or flags["opt_out_inference"]
    if hidden and user.person_id != person_id and user.role != "admin":
        raise HTTPException(404, "no such person")


def visible_profile(service: Whoknows, user: User, person_id: int, channel: str) -> dict[str, Any]:
    """The portfolio as this user may see it; views by others go to the audit log."""
    check_visible(service, user, person_id)
    if user.person_id == person_id or user.role == "admin":
        profile = owner_profile(service, person_id)
    else:
        profile = service.profile(str(person_id))
    service.record_view(user, person_id, channel)
    return profile


def owner_profile(service: Whoknows, person_id: int) -> dict[str, Any]:
    """Owners and admins see the portfolio even when it is hidden from others."""
    try:
        return service.profile(str(person_id))
    except NotFoundError:
        info = service.person(person_id)
        return {
            "person_id": person_id,
            "name": info["display_name"],
            "title": info.get("title"),
            "department": info.get("department"),
            "location": info.get("location"),
            "left": bool(info.get("end_date")),
            "first_activity": None,
            "last_activity": None,
            "sources": [],
            "topics": [],
            "claims": [],
        }
