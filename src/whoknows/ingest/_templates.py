"""Comments one account writes the same on thread after thread: a template.

A fresh evaluator's company had a preview-deployment account, typed as a user by GitHub, whose
every comment was "Preview deployment for **<the pull request's title>** is ready: <link>
(commit <hash>)": each comment held its thread's words as well as the pull request did, and the
account came second or third on eleven questions of thirty-two. A comment said the same way on
:data:`TEMPLATE_THREADS` threads or more, once the thread's title, links, numbers and hashes are
set aside, is a form filled in (a machine user's, a saved reply's), nobody's knowledge of the
thread: the forges' connectors leave it out and count it. A few words said everywhere ("LGTM",
"Thanks!", "+1") are no template: the role rules read them already.
"""

from __future__ import annotations

import re

from whoknows.i18n import N_
from whoknows.ingest._requests import explains, instructs
from whoknows.ingest._vague import names_something

TEMPLATE_THREADS = 5  # threads an account wrote the same comment on
TEMPLATE_WORDS = 3  # words a template keeps once its filled-in parts are set aside, at least
LONGEST_TEMPLATE = 80  # words of a comment read for a template, at most (a longer one is prose)
# what the connectors count a template's comment under
TEMPLATE_SKIP = N_("%(source)s: the same comment on %(threads)d threads or more (a template)")
_LINK = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
_FILLED = re.compile(r"\b[0-9a-f]*\d[0-9a-f]*\b")  # (a number, a commit's hash)
_WORD = re.compile(r"[^\W\d_]+")
# what a form asks or tells, whatever follows ("Please attach the output of `flux check`", "This
# issue has been marked as stale because it has not had recent activity")
_FORM = re.compile(
    r"\bplease (?:attach|provide|share|send|post|include|add|fill)\b|\bcould you (?:please )?"
    r"(?:attach|provide|share|send|post)\b|\bmerci de (?:joindre|fournir|nous envoyer|"
    r"transmettre|compléter)\b|\bmarked as stale\b|\bnot had (?:any )?recent activity\b|"
    r"\bwill be closed (?:automatically|if no)\b|\bsera clôturée? automatiquement\b",
    re.IGNORECASE,
)


def skeleton(text: str, title: str) -> str | None:
    """The words ``text`` keeps without ``title``, links, numbers and hashes (lower case);
    None for a comment too short or too long to be a template, or one that tells something to
    act on or why (a maintainer's answer to a frequent question, given on every issue that asks
    it, is hers each time)."""
    if len(text.split()) > LONGEST_TEMPLATE:
        return None
    own = text.replace(title.strip(), " ") if title.strip() else text
    said = " ".join(s for s in re.split(r"(?<=[.!?])\s+", own) if not _FORM.search(s))
    if instructs(said) or explains(said) or names_something(_LINK.sub(" ", said)):
        return None  # (what a form asks aside: "If it still happens please attach …")
    lowered = text.lower()
    if title.strip():
        lowered = lowered.replace(title.strip().lower(), " ")
    words = _WORD.findall(_FILLED.sub(" ", _LINK.sub(" ", lowered)))
    return " ".join(words) if len(words) >= TEMPLATE_WORDS else None


class Templates:
    """The comments of a dump read once before they are stored (:meth:`add`), so that each
    can then be asked whether it is its writer's template (:meth:`holds`)."""

    def __init__(self) -> None:
        # (writer, the skeleton's hash) -> the threads it was said on, up to TEMPLATE_THREADS
        self._said: dict[tuple[str, int], set[str]] = {}

    def add(self, writer: str | None, thread: str, title: str, text: str) -> None:
        shape = skeleton(text, title)
        if shape is None or writer is None:
            return
        threads = self._said.setdefault((writer, hash(shape)), set())
        if len(threads) < TEMPLATE_THREADS:
            threads.add(thread)

    def holds(self, writer: str | None, title: str, text: str) -> bool:
        """Whether ``writer`` said ``text`` (in a thread titled ``title``) on
        :data:`TEMPLATE_THREADS` threads or more."""
        shape = skeleton(text, title)
        if shape is None or writer is None:
            return False
        return len(self._said.get((writer, hash(shape)), ())) >= TEMPLATE_THREADS


__all__ = ["TEMPLATE_SKIP", "TEMPLATE_THREADS", "Templates", "skeleton"]
