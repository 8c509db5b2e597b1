"""The closed vocabularies of whoknows: contribution roles, account roles, engagement states.

Each is a ``StrEnum``: members compare equal to their stored text, so the database, the
templates and the JSON API keep plain strings while the code names every value once.
"""

from __future__ import annotations

from enum import StrEnum


class ContributionRole(StrEnum):
    """A person's part in an item (DESIGN.md section 2)."""

    ASKER = "asker"
    ANSWERER = "answerer"
    ACCEPTED_ANSWERER = "accepted-answerer"
    COMMENTER = "commenter"
    AUTHOR = "author"
    SENDER = "sender"
    RECIPIENT = "recipient"
    POSTER = "poster"
    REPLIER = "replier"
    COMMITTER = "committer"
    REVIEWER = "reviewer"
    RESOLVER = "resolver"
    ASSIGNEE = "assignee"
    EDITOR = "editor"
    MENTIONED = "mentioned"


# roles whose items show the contributor's own knowledge (answering, writing, fixing)
EXPERT_ROLES = frozenset(
    {
        ContributionRole.ACCEPTED_ANSWERER,
        ContributionRole.ANSWERER,
        ContributionRole.AUTHOR,
        ContributionRole.REPLIER,
        ContributionRole.COMMITTER,
        ContributionRole.REVIEWER,
        ContributionRole.RESOLVER,
    }
)
# roles of the person who starts a thread: their later replies in it are follow-ups
STARTER_ROLES = frozenset(
    {ContributionRole.ASKER, ContributionRole.SENDER, ContributionRole.POSTER}
)
# roles that show interest or presence, not the contributor's knowledge of the subject
NON_EVIDENCE_ROLES = frozenset(
    {
        ContributionRole.ASKER,
        ContributionRole.RECIPIENT,
        ContributionRole.MENTIONED,
        ContributionRole.EDITOR,
    }
)


class UserRole(StrEnum):
    """What a web or API account may do (the permission table is in ``whoknows.web``)."""

    ADMIN = "admin"
    CONSULTANT = "consultant"
    VIEWER = "viewer"
    SELF = "self"


class EngagementRole(StrEnum):
    """A person's place in an engagement: the outside consultant or an inside person."""

    CONSULTANT = "consultant"
    INSIDE = "inside"


class Consent(StrEnum):
    PENDING = "pending"
    YES = "yes"
    NO = "no"


class Stance(StrEnum):
    SPONSOR = "sponsor"
    NEUTRAL = "neutral"
    OPPOSED = "opposed"
    UNKNOWN = "unknown"


class MilestoneKind(StrEnum):
    ITEMS = "items"
    ACCEPTED = "accepted"
    STRENGTH = "strength"


class CommentStatus(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"


class CommentTarget(StrEnum):
    PERSON = "person"
    ENGAGEMENT = "engagement"
