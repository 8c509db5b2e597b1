"""Role rules shared by the tracker, wiki and mail connectors (Jira, GitHub, GitLab,
Confluence, mail, Outlook).

One rule decides what a comment shows, so that the same words weigh the same in every tracker:

- a comment by the thread's asker (the issue's reporter or opener) is a follow-up: ``commenter``;
- a substantive comment (``SUBSTANTIVE_WORDS`` words or more) by anyone else is a ``replier``:
  explanations, diagnoses and answers are where a tracker shows knowledge;
- a short one ("+1", "thanks, merged", "any update?") is a ``commenter``.

A mail asks when it is a question: it ends with one once its sign-off ("Thanks in advance,",
"Cheers, Sam", a name) and a closing invitation ("Any questions?", "Thoughts?") are set
aside, in fewer than ``QUESTION_WORDS`` words for a first message (a long explanation that
closes with "any questions?" still explains) and fewer than ``SUBSTANTIVE_WORDS`` for a reply
(an answer that ends by asking "do you set a TTL?" still answers). A reply of fewer than
``SUBSTANTIVE_WORDS`` words that thanks ("Hi Bob, thanks", "OK merci") or agrees ("+1, same
problem here", "Perfect, that worked") only shows interest. Both are ``asker``.
"""

from __future__ import annotations

import re

from whoknows.bots import looks_like_bot
from whoknows.vocab import ContributionRole

SUBSTANTIVE_WORDS = 20
QUESTION_WORDS = 100
_WORD = re.compile(r"\w+")
_THANKS = re.compile(r"\b(thanks?|thank you|thx|merci|danke|gracias)\b", re.IGNORECASE)
_AGREES = re.compile(  # after an optional greeting or "OK"
    r"^\W*(?:(?:hi|hello|hey|bonjour|salut|ok(?:ay)?)\b[^.!?,;:]{0,20}[.!?,;:]?\W*)?"
    r"(\+1|same (here|issue|problem)|me too|moi aussi|pareil|idem|m[eê]me (probl[eè]me|souci)|"
    r"perfect|parfait|great|super|g[eé]nial|awesome|excellent|works|worked|[cç]a marche)\b",
    re.IGNORECASE,
)
# the last lines of a mail that sign it rather than say something
_SIGN_OFF = re.compile(
    r"^\W*(thanks?|thank you|thx|cheers|regards|best|kind regards|merci|cordialement|"
    r"bien [àa] (vous|toi)|bonne (journ[ée]e|soir[ée]e)|--)\b",
    re.IGNORECASE,
)
_SIGNATURE_LINE = re.compile(
    r"\+?\d[\d .()/-]{7,}\d|@|https?://|www\.|\s[|•·]\s|confidential|intended recipient|"
    r"disclaimer|confidentiel|destinataire",
    re.IGNORECASE,
)
# a closing sentence that invites discussion rather than asks ("Any questions?", "Thoughts?")
_INVITES = re.compile(
    r"^\W*(any |des |vos )?(questions?|thoughts?|comments?|feedback|remarques?|avis)\W*\?\W*$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
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


def _body(text: str) -> str:
    """The text without its sign-off and signature (a thanks or greeting, a name, a title,
    a phone number, an address, a legal notice) and without a closing invitation to ask."""
    lines = text.strip().splitlines()
    while len(lines) > 1 and _signs_off(lines[-1], line=True):
        lines.pop()
    sentences = _SENTENCE.split(" ".join(lines).strip())
    while len(sentences) > 1 and _signs_off(sentences[-1]):
        sentences.pop()
    if len(sentences) > 1 and _INVITES.match(sentences[-1]):
        sentences.pop()
    return " ".join(sentences).strip()


def _signs_off(part: str, line: bool = False) -> bool:
    """A thanks or greeting, or two words or fewer that ask nothing ("Cheers,", "Sam"); for
    a line, also what signatures hold: up to four words with no full stop ("Dirk Dahl",
    "Systems Engineer"), a phone number, an address, separators, a legal notice."""
    stripped = part.strip()
    if not stripped or _SIGN_OFF.match(stripped):
        return True
    words = len(_WORD.findall(stripped))
    if words <= 2 and not stripped.endswith("?"):
        return True
    if not line:
        return False
    return (words <= 4 and stripped[-1] not in ".!?") or bool(_SIGNATURE_LINE.search(stripped))


def message_role(text: str, is_reply: bool) -> ContributionRole:
    """A mail's role: a question asks, a short thanks or agreement shows interest (both
    ``asker``); otherwise a reply replies and a first message is sent."""
    body = _body(text)
    words = len(_WORD.findall(body))
    limit = SUBSTANTIVE_WORDS if is_reply else QUESTION_WORDS
    if words < limit and body.endswith("?"):
        return ContributionRole.ASKER
    if is_reply and words < SUBSTANTIVE_WORDS and (_THANKS.search(body) or _AGREES.match(body)):
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
