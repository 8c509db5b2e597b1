"""How much each contribution role says about a person's knowledge of an item's subject.

The role sets come from :mod:`whoknows.vocab`; the weights are the ranking's own.
"""

from __future__ import annotations

from whoknows.vocab import (
    EXPERT_ROLES,
    NON_EVIDENCE_ROLES,
    SHORT_REPLY_WORDS,
    STARTER_ROLES,
    ContributionRole,
)

Role = ContributionRole

# roles of the person who starts a thread: their later replies in it are follow-ups, not answers
STARTERS = STARTER_ROLES

ROLE_WEIGHTS: dict[str, float] = {
    Role.ACCEPTED_ANSWERER: 1.5,
    Role.ANSWERER: 1.0,
    Role.AUTHOR: 1.0,
    Role.REPLIER: 0.8,
    Role.COMMITTER: 0.6,
    Role.SENDER: 0.5,
    Role.ENDORSED: 0.5,  # (a colleague's word for them: less than their own answer)
    Role.POSTER: 0.5,
    Role.REVIEWER: 0.5,
    Role.COMMENTER: 0.3,
    Role.EDITOR: 0.2,
    Role.ASKER: 0.1,
    Role.RECIPIENT: 0.1,
    Role.MENTIONED: 0.1,
    Role.REFERRER: 0.1,
    Role.ACKNOWLEDGER: 0.1,
    Role.ADVISER: 0.1,
}
DEFAULT_ROLE_WEIGHT = 0.3  # roles without a weight of their own

# roles whose matching items count as the person's topical answers and writings
TOPICAL_ROLES = frozenset(
    {Role.ACCEPTED_ANSWERER, Role.ANSWERER, Role.AUTHOR, Role.REPLIER, Role.COMMITTER}
)
# roles that show interest in a subject, never knowledge of it: their items give no expert vote
INTEREST_ROLES = NON_EVIDENCE_ROLES
# replies of at most SHORT_WORDS words ("+1", "thanks, that solved it") show interest only;
# not an answer's (an accepted one, an opener's own fix, a reply of a few words that tells what
# to do: "Use pg_repack instead.", read so by the connectors' role rules)
REPLY_ROLES = frozenset({Role.REPLIER, Role.COMMENTER})
SHORT_WORDS = SHORT_REPLY_WORDS
# a thread's opening that asks nothing and is this long explains (a runbook, a write-up): it
# stays its writer's knowledge when others reply; a shorter one that others answered reported
# a problem ("Directory sync failing again on the replica."); the connectors' bound for a
# substantive comment
EXPLAINING_WORDS = 20
# a reply shorter than this is a thanks or a "+1" ("merci Hugo, ça marche"): it shows no
# question, and makes nobody a learner (the connectors' acknowledgement bound)
SHOWN_REPLY_WORDS = 12
# how a thread's replies grade the people who gave them, as answers to its question
ANSWER_GRADES: dict[str, int] = {Role.ACCEPTED_ANSWERER: 2, Role.ANSWERER: 1, Role.REPLIER: 1}

__all__ = [
    "ANSWER_GRADES",
    "DEFAULT_ROLE_WEIGHT",
    "EXPERT_ROLES",
    "EXPLAINING_WORDS",
    "INTEREST_ROLES",
    "NON_EVIDENCE_ROLES",
    "REPLY_ROLES",
    "ROLE_WEIGHTS",
    "SHORT_WORDS",
    "SHOWN_REPLY_WORDS",
    "STARTERS",
    "TOPICAL_ROLES",
    "Role",
]
