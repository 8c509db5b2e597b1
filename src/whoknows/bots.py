"""Recognise bots and service accounts so they never appear in answers."""

from __future__ import annotations

import re

_BOT_NAME = re.compile(
    r"(\[bot\]|\bbot\b|-bot\b|\bbots?$|dependabot|renovate|github-actions|jenkins|gitlab-ci|"
    r"travis|circleci|slackbot|build ?server|service account|automation|"
    r"noreply|no-reply|do-?not-?reply|mailer-daemon|postmaster|notifications?\b)",
    re.IGNORECASE,
)
_BOT_EMAIL_LOCAL = re.compile(
    r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|notifications?|alerts?|jenkins|"
    r"ci|build|bot|.*\[bot\]|.*-bot|dependabot.*|renovate.*|github-actions.*)$",
    re.IGNORECASE,
)


def looks_like_bot(name: str | None = None, email: str | None = None) -> bool:
    """True for names and addresses that service accounts use (dependabot, noreply@, CI)."""
    if name and _BOT_NAME.search(name):
        return True
    if email and "@" in email:
        local = email.rsplit("@", 1)[0]
        return bool(_BOT_EMAIL_LOCAL.match(local)) or "noreply" in email.lower()
    return False
