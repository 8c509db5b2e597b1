"""Role rules shared by the tracker and wiki connectors (Jira, GitHub, GitLab, Confluence).

One rule decides what a comment shows, so that the same words weigh the same in every tracker:

- a comment by the thread's asker (the issue's reporter or opener) is a follow-up: ``commenter``;
- a substantive comment (``SUBSTANTIVE_WORDS`` words or more) by anyone else is a ``replier``:
  explanations, diagnoses and answers are where a tracker shows knowledge;
- a short one ("+1", "thanks, merged", "any update?") is a ``commenter``.
"""

from __future__ import annotations

import re

from whoknows.bots import looks_like_bot
from whoknows.vocab import ContributionRole

SUBSTANTIVE_WORDS = 20
_WORD = re.compile(r"\w+")
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
