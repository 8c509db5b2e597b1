"""Who may do what: one table that the page routes, the navigation and the JSON API share."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fastapi import HTTPException

from whoknows.accounts import User
from whoknows.vocab import UserRole

EVERYONE = frozenset(UserRole)
ANALYSTS = frozenset({UserRole.ADMIN, UserRole.CONSULTANT, UserRole.VIEWER})
STAFF = frozenset({UserRole.ADMIN, UserRole.CONSULTANT})
ADMINS = frozenset({UserRole.ADMIN})


class Permission(StrEnum):
    SEARCH = "search"
    PORTFOLIO = "portfolio"
    COMMENT = "comment"
    TOPICS = "topics"
    GAPS = "gaps"
    HIDDEN_EXPERTS = "hidden experts"
    CLAIMS_REVIEW = "claims review"
    MODERATE = "moderate comments"
    ENGAGEMENTS = "engagements"
    OWN_PRIVACY = "own privacy"
    OWN_ACCOUNT = "own account"
    ADMIN = "administration"


ROLES: dict[Permission, frozenset[UserRole]] = {
    Permission.SEARCH: EVERYONE,
    Permission.PORTFOLIO: EVERYONE,
    Permission.COMMENT: EVERYONE,
    Permission.TOPICS: ANALYSTS,
    Permission.GAPS: ANALYSTS,
    Permission.HIDDEN_EXPERTS: STAFF,
    Permission.CLAIMS_REVIEW: STAFF,
    Permission.MODERATE: STAFF,
    Permission.ENGAGEMENTS: STAFF,
    Permission.OWN_PRIVACY: EVERYONE,
    Permission.OWN_ACCOUNT: EVERYONE,
    Permission.ADMIN: ADMINS,
}


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str  # "{person}" stands for the user's own person id
    permission: Permission
    needs_person: bool = False


NAVIGATION = (
    NavLink("Search", "/", Permission.SEARCH),
    NavLink("Topics", "/topics", Permission.TOPICS),
    NavLink("Gaps", "/gaps", Permission.GAPS),
    NavLink("Claims review", "/claims", Permission.CLAIMS_REVIEW),
    NavLink("Engagements", "/engagements", Permission.ENGAGEMENTS),
    NavLink("My portfolio", "/people/{person}", Permission.PORTFOLIO, needs_person=True),
    NavLink("My privacy", "/privacy", Permission.OWN_PRIVACY, needs_person=True),
    NavLink("My account", "/account", Permission.OWN_ACCOUNT),
    NavLink("Admin", "/admin", Permission.ADMIN),
)


class NotLoggedIn(Exception):
    """Raised to send a visitor to the login page (or a 401 on the API)."""


def allowed(user: User, permission: Permission) -> bool:
    return user.role in ROLES[permission]


def require(user: User | None, permission: Permission) -> User:
    if user is None:
        raise NotLoggedIn()
    if not allowed(user, permission):
        raise HTTPException(403, f"your role ({user.role}) cannot use {permission}")
    return user


def navigation(user: User | None) -> list[tuple[str, str]]:
    """(label, href) of the pages this user may open, in menu order."""
    if user is None:
        return []
    return [
        (link.label, link.href.format(person=user.person_id))
        for link in NAVIGATION
        if allowed(user, link.permission) and (user.person_id or not link.needs_person)
    ]
