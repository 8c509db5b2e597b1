"""The jira connector's records and roles, shared by its format readers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from whoknows.bots import looks_like_bot
from whoknows.i18n import N_
from whoknows.ingest._coordination import triages
from whoknows.ingest._json import JsonObject, text_of
from whoknows.ingest._markup import adf_to_text, jira_wiki_to_text
from whoknows.ingest._requests import nudges
from whoknows.ingest._sentences import headline
from whoknows.ingest._templates import TEMPLATE_SKIP, TEMPLATE_THREADS, Templates
from whoknows.ingest._threads import asks, comment_role
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRef
from whoknows.text import parse_date
from whoknows.vocab import ContributionRole

SOURCE = "jira"
DATE_FORMAT = ConnectorOption(
    "date-format",
    N_(
        "strptime format of dates in a Jira CSV export when not one of the defaults "
        "(e.g. '%d/%m/%Y %H:%M'); the defaults cover '12/Mar/24 10:15 AM' and ISO dates; %b and "
        "%B read month names in the main European languages too ('12/mars/24 10:15')."
    ),
    example="%d/%b/%y %I:%M %p",
)
TIMEZONE = ConnectorOption(
    "timezone",
    N_(
        "time zone of the dates in a Jira CSV export, which carry no offset: the exporting"
        " user's profile zone as an IANA name (e.g. 'Europe/Paris'); default UTC. REST dates"
        " carry theirs."
    ),
    example="Europe/Paris",
    names_items=True,  # (a CSV comment's id is its issue, author and minute, in UTC)
)
INACTIVE = N_("jira: contribution by a deactivated account (kept: people leave)")
# the account "Automation for Jira" acts as on every Cloud site
AUTOMATION_ACCOUNTS = {"557058:f58131cb-b67d-43c7-b30d-6b58d40bd077"}
DONE_STATUSES = {"done", "resolved", "closed", "fixed", "complete", "completed"}
NOT_FIXED = {  # (and as a site in French names them)
    "won't do",
    "won't fix",
    "duplicate",
    "cannot reproduce",
    "incomplete",
    "declined",
    "invalid",
    "not a bug",
    "obsolete",
    "doublon",
    "ne sera pas fait",
    "ne sera pas corrigé",
    "ne sera pas corrige",
    "impossible à reproduire",
    "impossible a reproduire",
    "incomplet",
    "refusé",
    "refuse",
    "non valide",
    "invalide",
    "pas un bug",
    "pas un bogue",
    "obsolète",
}


@dataclass
class JiraComment:
    native_id: str
    author: PersonRef | None
    text: str
    date: datetime | None


@dataclass
class JiraIssue:
    """One issue as either format describes it."""

    native_id: str
    key: str
    summary: str
    description: str
    reporter: PersonRef | None = None
    assignee: PersonRef | None = None
    resolver: PersonRef | None = None
    resolution: str = ""
    status: str = ""
    issuetype: str = ""
    priority: str = ""
    components: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    created: datetime | None = None
    updated: datetime | None = None
    resolved: datetime | None = None
    comments: list[JiraComment] = field(default_factory=list)
    has_history: bool = True
    inactive: set[str] = field(default_factory=set)  # native ids of deactivated accounts


def user_ref(user: object) -> PersonRef | None:
    """A Jira user object (Cloud: accountId; Server/DC: key and name) as a person reference."""
    if not isinstance(user, dict):
        return None
    native = user.get("accountId") or user.get("key") or user.get("name")
    name = user.get("displayName") or None
    if not native and not name:
        return None
    return PersonRef(
        SOURCE,
        str(native) if native else name,
        name=name,
        email=user.get("emailAddress") or None,
        handle=user.get("name") or None,
        is_bot=user.get("accountType") == "app"
        or native in AUTOMATION_ACCOUNTS
        or looks_like_bot(name),
        account=bool(native),
    )


def comment_id(
    issue_id: str,
    author: PersonRef | None,
    date: datetime | None,
    raw_date: str,
    seen: Counter[str],
) -> str:
    """The native id both formats give one comment. The CSV export has no comment id, so it is
    the issue, the minute the comment was written (UTC: the CSV has minutes only) and its
    author's account, then a count for several comments by one author in one minute: ``seen``
    counts them across one issue's comments, read in the order both formats list them (by
    creation)."""
    stamp = date.astimezone(UTC).strftime("%Y%m%dT%H%M") if date else raw_date
    key = f"{stamp}/{author.native_id if author else ''}"
    seen[key] += 1
    return f"{issue_id}/comment/{key}/{seen[key]}"


def rich_text(value: object) -> str:
    """A description or comment body: ADF (REST v3) or wiki markup (v2, CSV)."""
    if isinstance(value, dict):
        return adf_to_text(value)
    return jira_wiki_to_text(value) if isinstance(value, str) else ""


def issue_from_json(entry: JsonObject, fields: JsonObject, context: IngestContext) -> JiraIssue:
    key = text_of(entry.get("key"))
    resolution = _name(fields.get("resolution"))
    changelog = entry.get("changelog")
    histories = changelog.get("histories", []) if isinstance(changelog, dict) else None
    if isinstance(changelog, dict) and changelog.get("total", 0) > len(histories or []):
        context.note(N_("jira: changelog cut short by the API (fetch it per issue for all of it)"))
    comment_field = fields.get("comment")
    raw_comments = comment_field.get("comments", []) if isinstance(comment_field, dict) else []
    raw_comments = [c for c in raw_comments if isinstance(c, dict) and c.get("id")]
    issue_id = text_of(entry.get("id")) or key
    people = [fields.get(name) for name in ("reporter", "creator", "assignee")]
    people += [c.get("author") for c in raw_comments]
    people += [h.get("author") for h in histories or [] if isinstance(h, dict)]
    return JiraIssue(
        native_id=issue_id,
        key=key,
        summary=text_of(fields.get("summary")),
        description=rich_text(fields.get("description")),
        reporter=user_ref(fields.get("reporter")) or user_ref(fields.get("creator")),
        assignee=user_ref(fields.get("assignee")),
        resolver=_resolver(histories or []) if resolution else None,
        resolution=resolution,
        status=_name(fields.get("status")),
        issuetype=_name(fields.get("issuetype")),
        priority=_name(fields.get("priority")),
        components=[_name(c) for c in fields.get("components") or [] if _name(c)],
        labels=[str(label) for label in fields.get("labels") or []],
        created=parse_date(text_of(fields.get("created"))),
        updated=parse_date(text_of(fields.get("updated"))),
        resolved=parse_date(text_of(fields.get("resolutiondate"))),
        comments=_comments(issue_id, raw_comments),
        has_history=histories is not None,
        inactive=_deactivated(people),
    )


def _comments(issue_id: str, raw_comments: list[JsonObject]) -> list[JiraComment]:
    seen: Counter[str] = Counter()
    comments = []
    for raw in raw_comments:
        author = user_ref(raw.get("author"))
        date = parse_date(text_of(raw.get("created")))
        native_id = comment_id(issue_id, author, date, text_of(raw.get("created")), seen)
        comments.append(JiraComment(native_id, author, rich_text(raw.get("body")), date))
    return comments


def _deactivated(users: list[object]) -> set[str]:
    """Native ids of the user objects marked ``"active": false`` (accounts of people who left
    or were deactivated: their work stays evidence)."""
    refs = [
        user_ref(user) for user in users if isinstance(user, dict) and user.get("active") is False
    ]
    return {str(ref.native_id) for ref in refs if ref is not None and ref.native_id}


def _name(value: object) -> str:
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("value"))
    return text_of(value)


def _resolver(histories: list[Any]) -> PersonRef | None:
    """The author of the last change that set a resolution, else that moved to a done status."""
    by_resolution: PersonRef | None = None
    by_status: PersonRef | None = None
    dated = [h for h in histories if isinstance(h, dict)]
    for history in sorted(dated, key=lambda h: text_of(h.get("created"))):
        for item in history.get("items") or []:
            field_name = text_of(item.get("field")).lower()
            target = text_of(item.get("toString")).strip()
            if field_name == "resolution" and target:
                by_resolution = user_ref(history.get("author"))
            elif field_name == "status" and target.lower() in DONE_STATUSES:
                by_status = user_ref(history.get("author"))
    return by_resolution or by_status


def issue_records(
    issue: JiraIssue, base: str, context: IngestContext, templates: Templates | None = None
) -> Iterator[ItemRecord]:
    title = f"{issue.key}: {issue.summary}" if issue.key else issue.summary
    project = issue.key.partition("-")[0].casefold()  # ("DN", like "Done", is no subject)
    held = dict.fromkeys([*issue.components, *issue.labels])
    tags = [tag for tag in held if tag and tag.casefold() != project]
    url = f"{base}/browse/{issue.key}" if base and issue.key else None
    roles = [
        c
        for c in _issue_roles(issue, context)
        if c.role is ContributionRole.ASKER or not _only_followed(issue, c.person)
    ]
    _note_inactive(roles, issue, context)
    yield ItemRecord(
        source=SOURCE,
        native_id=issue.native_id,
        kind="issue",
        title=title,
        text="\n".join(filter(None, [issue.summary, issue.description])) or title,
        date=issue.created,
        updated=issue.updated,
        url=url,
        thread_id=issue.native_id,
        tags=tags,
        contributions=roles,
        signals={"comments": float(len(issue.comments)), "resolved": float(bool(issue.resolution))},
        meta={
            "key": issue.key,
            "status": issue.status,
            "resolution": issue.resolution or None,
            "type": issue.issuetype,
            "priority": issue.priority,
            "resolved": issue.resolved.isoformat() if issue.resolved else None,
        },
    )
    yield from _comment_records(issue, title, tags, url, context, templates)


def _comment_records(
    issue: JiraIssue,
    title: str,
    tags: list[str],
    url: str | None,
    context: IngestContext,
    templates: Templates | None,
) -> Iterator[ItemRecord]:
    own_work = _own_work(issue)
    for comment in issue.comments:
        if comment.author is not None and comment.author.is_bot:
            context.skip(N_("jira: comment by a bot or automation"))
            continue
        if not comment.text:
            context.skip(N_("jira: empty comment"))
            continue
        writer = comment.author.native_id if comment.author else None
        if templates is not None and templates.holds(writer, issue.summary, comment.text):
            context.skip(TEMPLATE_SKIP, source=SOURCE, threads=TEMPLATE_THREADS)
            continue
        by_asker = _same(comment.author, issue.reporter) and not own_work
        role = comment_role(comment.text, by_asker)
        contributions = [Contribution(comment.author, role)] if comment.author else []
        _note_inactive(contributions, issue, context)
        yield ItemRecord(
            source=SOURCE,
            native_id=comment.native_id,
            kind="comment",
            title=f"{title} — {headline(comment.text, 60)}",
            text=comment.text,
            date=comment.date,
            url=url,
            thread_id=issue.native_id,
            parent_id=issue.native_id,
            context=" ".join([issue.summary, *tags]),
            tags=tags,
            contributions=contributions,
        )


def _own_work(issue: JiraIssue) -> bool:
    """Whether a ticket was filed for its reporter's own work ("Plan de maintenance 2024"
    assigned to herself): she asks nothing, and her comments are the work, not follow-ups (a
    reporter who only resolved it may have verified someone else's fix: a tester); no question
    kept for herself ("Question : procédure de déviation … ?": a quality engineer's evidence)."""
    return not asks(issue.summary, is_reply=False) and _same(issue.reporter, issue.assignee)


def _note_inactive(roles: list[Contribution], issue: JiraIssue, context: IngestContext) -> None:
    for role in roles:
        if role.person.native_id in issue.inactive:
            context.note(INACTIVE)


def _issue_roles(issue: JiraIssue, context: IngestContext) -> list[Contribution]:
    roles: list[Contribution] = []
    if issue.reporter and not issue.reporter.is_bot and not _own_work(issue):
        roles.append(Contribution(issue.reporter, ContributionRole.ASKER))
    if not issue.resolution:
        if _own_work(issue) and issue.reporter and not issue.reporter.is_bot:
            roles.append(Contribution(issue.reporter, ContributionRole.ASSIGNEE))
        return roles
    if issue.resolution.lower() in NOT_FIXED:
        context.note(
            N_("jira: resolved as not fixed (duplicate, won't do...): no resolver credited")
        )
        return roles
    if issue.resolver is not None and issue.resolver.is_bot:
        context.skip(N_("jira: resolution set by a bot or automation (not credited)"))
    elif issue.resolver is not None and _triaged(issue):
        context.note(
            N_("jira: resolved by someone other than the assignee (triage): resolver not credited")
        )
    elif issue.resolver is not None:
        roles.append(Contribution(issue.resolver, ContributionRole.RESOLVER))
        if not _same(issue.resolver, issue.assignee):
            return roles  # (the resolver explained the fix; the assignee wrote nothing)
    elif not issue.has_history:
        context.note(N_("jira: no changelog (CSV or unexpanded search): resolver unknown"))
    if issue.assignee is not None and not issue.assignee.is_bot:
        roles.append(Contribution(issue.assignee, ContributionRole.ASSIGNEE))
    return roles


def _only_followed(issue: JiraIssue, person: PersonRef) -> bool:
    """Whether ``person``'s comments only follow (:func:`_follows`) where someone else's
    explains the fix ("Merci Patrick, je n'aurais pas trouvé !" by the assignee)."""
    wrote = [c for c in issue.comments if c.author is not None and c.text]
    own = [c.text for c in wrote if _same(c.author, person)]
    explained = ContributionRole.REPLIER, ContributionRole.ANSWERER
    others = (  # (the reporter's own comments, their logs, are no fix: "Thanks Raj, the logs …")
        comment_role(c.text, False)
        for c in wrote
        if not _same(c.author, person) and not _same(c.author, issue.reporter)
    )
    return bool(own) and all(map(_follows, own)) and any(role in explained for role in others)


def _follows(text: str) -> bool:
    """A comment that thanks, chases ("Any update?") or keeps the books ("Bridge open, P1
    declared", "Resolved at 14:52"); not a question that clarifies ("Which firmware?")."""
    role = comment_role(text, False)
    books = role == "commenter" and triages(text)
    return role in {"acknowledger", "referrer"} or nudges(text) or books


def _triaged(issue: JiraIssue) -> bool:
    """Whether the issue was moved to resolved by someone it was not assigned to: a lead or a
    manager closing their team's work, whose fix the assignee holds; not when the resolver
    explained the fix in its comments and the assignee wrote none (a support engineer who
    answers the tickets a triager assigned to others, a fresh evaluator's)."""
    assignee = issue.assignee
    if assignee is None or assignee.is_bot or _same(issue.resolver, assignee):
        return False
    wrote = [c for c in issue.comments if c.author is not None]
    if any(_same(c.author, assignee) for c in wrote):
        return True
    explained = ContributionRole.REPLIER, ContributionRole.ANSWERER
    return not any(
        _same(c.author, issue.resolver) and comment_role(c.text, False) in explained for c in wrote
    )


def _same(one: PersonRef | None, other: PersonRef | None) -> bool:
    if one is None or other is None:
        return False
    ids = bool(one.native_id and other.native_id)
    return one.native_id == other.native_id if ids else bool(one.name) and one.name == other.name
