"""Who may do what: one table that the page routes, the navigation and the JSON API share."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fastapi import HTTPException

from whoknows.accounts import User
from whoknows.i18n import N_, Translator
from whoknows.services import Services
from whoknows.vocab import UserRole
from whoknows.web.language import ROLES as ROLE_WORDS

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
    UNDER_RECOGNISED = "under-recognised experts"
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
    Permission.UNDER_RECOGNISED: STAFF,
    Permission.CLAIMS_REVIEW: STAFF,
    Permission.MODERATE: STAFF,
    Permission.ENGAGEMENTS: STAFF,
    Permission.OWN_PRIVACY: EVERYONE,
    Permission.OWN_ACCOUNT: EVERYONE,
    Permission.ADMIN: ADMINS,
}

# what each permission lets one use, as the 403 page says it
USES = {
    Permission.SEARCH: N_("search"),
    Permission.PORTFOLIO: N_("portfolios"),
    Permission.COMMENT: N_("comments"),
    Permission.TOPICS: N_("topic maps"),
    Permission.GAPS: N_("coverage gaps"),
    Permission.UNDER_RECOGNISED: N_("under-recognised experts"),
    Permission.CLAIMS_REVIEW: N_("the claims review"),
    Permission.MODERATE: N_("comment moderation"),
    Permission.ENGAGEMENTS: N_("engagements"),
    Permission.OWN_PRIVACY: N_("one's own privacy page"),
    Permission.OWN_ACCOUNT: N_("one's own account"),
    Permission.ADMIN: N_("administration"),
}


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str  # "{person}" stands for the user's own person id
    permission: Permission
    needs_person: bool = False


NAVIGATION = (
    NavLink(N_("Search"), "/", Permission.SEARCH),
    NavLink(N_("Topics"), "/topics", Permission.TOPICS),
    NavLink(N_("Gaps"), "/gaps", Permission.GAPS),
    NavLink(N_("Claims review"), "/claims", Permission.CLAIMS_REVIEW),
    NavLink(N_("Engagements"), "/engagements", Permission.ENGAGEMENTS),
    NavLink(N_("My portfolio"), "/people/{person}", Permission.PORTFOLIO, needs_person=True),
    NavLink(N_("My privacy"), "/privacy", Permission.OWN_PRIVACY, needs_person=True),
    NavLink(N_("My account"), "/account", Permission.OWN_ACCOUNT),
    NavLink(N_("Admin"), "/admin", Permission.ADMIN),
    NavLink(N_("Jobs"), "/jobs", Permission.ADMIN),
)


class NotLoggedIn(Exception):
    """Raised to send a visitor to the login page (or a 401 on the API)."""


class Forbidden(HTTPException):
    """A 403: the user's role does not have the permission (said in the reader's language)."""

    def __init__(self, role: str, permission: Permission) -> None:
        super().__init__(403, f"your role ({role}) cannot use {permission}")
        self.role = role
        self.permission = permission

    def said(self, t: Translator) -> str:
        role = t.gettext(ROLE_WORDS[self.role]) if self.role in ROLE_WORDS else self.role
        return t.gettext("your role (%(role)s) cannot use %(what)s") % {
            "role": role,
            "what": t.gettext(USES[self.permission]),
        }


def allowed(user: User, permission: Permission) -> bool:
    return user.role in ROLES[permission]


def require(user: User | None, permission: Permission) -> User:
    if user is None:
        raise NotLoggedIn()
    if not allowed(user, permission):
        raise Forbidden(user.role, permission)
    return user


def navigation(user: User | None) -> list[tuple[str, str]]:
    """(label, href) of the pages this user may open, in menu order (labels in English:
    translate them where they are shown)."""
    if user is None:
        return []
    return [
        (link.label, link.href.format(person=user.person_id))
        for link in NAVIGATION
        if allowed(user, link.permission) and (user.person_id or not link.needs_person)
    ]


def aggregates_only(user: User, services: Services) -> bool:
    """Whether this user sees aggregates, never individuals: viewers in a workspace whose
    admin turned aggregate-only mode on."""
    return user.role == UserRole.VIEWER and services.privacy.aggregate_only()
