"""Why two identities were merged or split: stored in English in the merge log (the log is
the same whoever reads it), shown in the reader's language by :func:`merge_reason`."""

from __future__ import annotations

import re

from whoknows.i18n import N_, Translator

SAME_EMAIL = N_("same email address as %(source)s alias")
SAME_HANDLE = N_("same handle %(handle)s")
SAME_NAME = N_("same full name %(name)s")
SAME_INITIALS = N_("same initial and last name %(name)s")
SAME_SHORT_NAME = N_("the one full name that %(name)s, a first name and an initial, begins")
SAME_NICKNAME = N_("%(name)s, a short first name, begins the one directory entry's name")
SAME_LOGIN = N_("address %(login)s spells the name %(name)s")
SAME_FORGE_LOGIN = N_("forge login %(login)s spells the name %(name)s")
SAME_MAILBOX = N_("login %(login)s is their address before the @")
SAME_TOOL_LOGIN = N_("login %(login)s is theirs in the organisation's other tool")
MAILMAP_LOGIN = N_("forge login %(login)s is theirs in the repository's .mailmap")
CALLED_NAME = N_("%(name)s, the name their own profile or the directory says they go by")
SHARED_LOGIN = N_("login %(login)s spells their name and is theirs in %(source)s")
MERGED_BY_HAND = N_("%(merged)s merged into %(kept)s")
SPLIT_BY_HAND = N_("alias %(kind)s split off")
LISTED_BY_DIRECTORY = N_("the directory lists their addresses as one person's")
ACCOUNT_ADDRESS = N_("their %(source)s account's own profile gives their address")
FORMER_DOMAIN = N_(
    "same full name %(name)s at %(domain)s, where %(count)s of the directory's people write"
)
TEMPLATES = (
    SAME_EMAIL,
    SAME_HANDLE,
    SAME_NAME,
    SAME_INITIALS,
    SAME_SHORT_NAME,
    SAME_NICKNAME,
    SAME_LOGIN,
    SAME_FORGE_LOGIN,
    SAME_MAILBOX,
    SAME_TOOL_LOGIN,
    MAILMAP_LOGIN,
    SHARED_LOGIN,
    CALLED_NAME,
    MERGED_BY_HAND,
    SPLIT_BY_HAND,
    LISTED_BY_DIRECTORY,
    ACCOUNT_ADDRESS,
    FORMER_DOMAIN,
)
# what the log's actions read as
MERGE_ACTIONS = {"auto": N_("auto"), "merge": N_("merge"), "split": N_("split")}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"%\((\w+)\)s", template)
    regex = "".join(
        f"(?P<{part}>.+?)" if at % 2 else re.escape(part) for at, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.S)


_PATTERNS = [(template, _pattern(template)) for template in TEMPLATES]


def merge_reason(t: Translator, stored: str) -> str:
    """A logged reason in ``t``'s language ("same email address as slack alias" / "même
    adresse e-mail qu'un alias slack"); one written otherwise is shown as it is."""
    for template, pattern in _PATTERNS:
        found = pattern.match(stored)
        if found:
            return t.gettext(template) % found.groupdict()
    return stored
