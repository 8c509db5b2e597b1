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


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str  # "{person}" stands for the user's own person id
    needs_person: bool = False


@dataclass(frozen=True)
class Rule:
    """One row of the table: who has the permission, what it lets one use (as the 403 page
    says it), and the menu entries it shows."""

    roles: frozenset[UserRole]
    uses: str
    menu: tuple[NavLink, ...] = ()


# the one table: a new page adds a Permission member and its row (menu order = row order)
RULES: dict[Permission, Rule] = {
    Permission.SEARCH: Rule(EVERYONE, N_("search"), (NavLink(N_("Search"), "/"),)),
    Permission.TOPICS: Rule(ANALYSTS, N_("topic maps"), (NavLink(N_("Topics"), "/topics"),)),
    Permission.GAPS: Rule(ANALYSTS, N_("coverage gaps"), (NavLink(N_("Gaps"), "/gaps"),)),
    Permission.CLAIMS_REVIEW: Rule(
        STAFF, N_("the claims review"), (NavLink(N_("Claims review"), "/claims"),)
    ),
    Permission.ENGAGEMENTS: Rule(
        STAFF, N_("engagements"), (NavLink(N_("Engagements"), "/engagements"),)
    ),
    Permission.PORTFOLIO: Rule(
        EVERYONE,
        N_("portfolios"),
        (NavLink(N_("My portfolio"), "/people/{person}", needs_person=True),),
    ),
    Permission.OWN_PRIVACY: Rule(
        EVERYONE,
        N_("one's own privacy page"),
        (NavLink(N_("My privacy"), "/privacy", needs_person=True),),
    ),
    Permission.OWN_ACCOUNT: Rule(
        EVERYONE, N_("one's own account"), (NavLink(N_("My account"), "/account"),)
    ),
    Permission.ADMIN: Rule(
        ADMINS,
        N_("administration"),
        (NavLink(N_("Admin"), "/admin"), NavLink(N_("Jobs"), "/jobs")),
    ),
    Permission.COMMENT: Rule(EVERYONE, N_("comments")),
    Permission.UNDER_RECOGNISED: Rule(STAFF, N_("under-recognised experts")),
    Permission.MODERATE: Rule(STAFF, N_("comment moderation")),
}
ROLES = {permission: rule.roles for permission, rule in RULES.items()}
USES = {permission: rule.uses for permission, rule in RULES.items()}
NAVIGATION = tuple((link, permission) for permission, rule in RULES.items() for link in rule.menu)


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
        for link, permission in NAVIGATION
        if allowed(user, permission) and (user.person_id or not link.needs_person)
    ]


def aggregates_only(user: User, services: Services) -> bool:
    """Whether this user sees aggregates, never individuals: viewers in a workspace whose
    admin turned aggregate-only mode on."""
    return user.role == UserRole.VIEWER and services.privacy.aggregate_only()
