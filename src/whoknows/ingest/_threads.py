"""Role rules shared by the tracker, wiki and mail connectors (Jira, GitHub, GitLab,
Confluence, mail, Outlook).

One rule decides what a comment shows, so that the same words weigh the same in every tracker:

- a comment by the thread's asker (the issue's reporter or opener) is a follow-up: ``commenter``;
- a substantive comment (``SUBSTANTIVE_WORDS`` words or more) by anyone else is a ``replier``:
  explanations, diagnoses and answers are where a tracker shows knowledge;
- a short one ("+1", "thanks, merged", "any update?") is a ``commenter``.

A mail asks when it is a question (it ends with one, in fewer than ``QUESTION_WORDS`` words: a
long explanation that closes with "any questions?" still explains), and a reply that opens
with thanks or agreement ("+1, same problem here", "Thanks Bob, that solved it") in fewer
than ``SUBSTANTIVE_WORDS`` words only shows interest: both are ``asker``.
"""

from __future__ import annotations

import re

from whoknows.bots import looks_like_bot
from whoknows.vocab import ContributionRole

SUBSTANTIVE_WORDS = 20
QUESTION_WORDS = 100
_WORD = re.compile(r"\w+")
_AGREES = re.compile(
    r"^\W*(\+1|same (here|issue|problem)|me too|thanks?|thank you|many thanks|thx|merci|"
    r"pareil|idem|moi aussi|m[eê]me (probl[eè]me|souci))\b",
    re.IGNORECASE,
)
# GitLab project and group access tokens act as users named "project_42_bot_<hash>"
_TOKEN_BOT = re.compile(r"(?:^|[_-])bot(?:[_-]|\d|$)")


def comment_role(text: str, by_asker: bool) -> ContributionRole:
    """Asking is not knowing: a short comment that is a question asks; the opener's own
    comments follow up; a substantive comment by someone else replies."""
    words = len(_WORD.findall(text))
    if text.rstrip().endswith("?") and words < SUBSTANTIVE_WORDS:
        return ContributionRole.ASKER
    if by_asker:
        return ContributionRole.COMMENTER
    if words >= SUBSTANTIVE_WORDS:
        return ContributionRole.REPLIER
    return ContributionRole.COMMENTER


def message_role(text: str, is_reply: bool) -> ContributionRole:
    """A mail's role: a question asks, a short thanks or "+1" shows interest (both
    ``asker``); otherwise a reply replies and a first message is sent."""
    words = len(_WORD.findall(text))
    if text.rstrip().endswith("?") and words < QUESTION_WORDS:
        return ContributionRole.ASKER
    if is_reply and words < SUBSTANTIVE_WORDS and _AGREES.match(text):
        return ContributionRole.ASKER
    return ContributionRole.REPLIER if is_reply else ContributionRole.SENDER


def bot_login(login: str | None, kind: str | None = None) -> bool:
    """True for a forge account that is a bot: type "Bot", a login ending "[bot]", a known
    service-account name (dependabot, renovate, gitlab-ci, ...)."""
    if kind and kind.lower() == "bot":
        return True
    if not login:
        return False
    lowered = login.lower()
    return lowered.endswith("[bot]") or bool(_TOKEN_BOT.search(lowered)) or looks_like_bot(login)


def headline(text: str, width: int = 80) -> str:
    """The first line of TEXT cut at a word near WIDTH characters (titles of comments)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat.rfind(" ", 0, width)
    return flat[: cut if cut > width // 2 else width] + " …"
