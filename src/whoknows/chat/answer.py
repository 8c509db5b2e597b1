"""What a chat question gets back, independent of Slack or Teams: the top people with a
one-line why and a link to their portfolio, or in aggregate-only mode departments only.

The people come from ``services.search.ask``, the call the web search makes, so bots and
people who opted out are absent here exactly as there; the caller decides (from the web
permission table and the chat role) whether the answer may name people.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from whoknows.services import Services
from whoknows.services.routing import RoutingResult
from whoknows.services.search import Answer, EvidenceView
from whoknows.vocab import ContributionRole

MAX_PEOPLE = 10
MAX_QUESTION = 500

# how the why line names a person's part in an item
VERBS: dict[str, str] = {
    ContributionRole.ACCEPTED_ANSWERER: "gave the accepted answer to",
    ContributionRole.ANSWERER: "answered",
    ContributionRole.AUTHOR: "wrote",
    ContributionRole.COMMITTER: "committed",
    ContributionRole.REVIEWER: "reviewed",
    ContributionRole.RESOLVER: "resolved",
    ContributionRole.REPLIER: "replied in",
    ContributionRole.ASSIGNEE: "was assigned",
    ContributionRole.POSTER: "posted",
    ContributionRole.SENDER: "wrote",
    ContributionRole.COMMENTER: "commented on",
    ContributionRole.EDITOR: "edited",
}


class Verb(StrEnum):
    ASK = "ask"
    ROUTE = "route"
    HELP = "help"


@dataclass(frozen=True)
class ChatRequest:
    verb: Verb
    question: str


@dataclass
class ChatPerson:
    person_id: int
    name: str
    title: str | None
    department: str | None
    why: str
    link: str


@dataclass
class DepartmentCount:
    department: str
    people: int


@dataclass
class ChatAnswer:
    """The answer to one chat question (``people`` or ``departments``, never both)."""

    question: str
    people: list[ChatPerson] = field(default_factory=list)
    departments: list[DepartmentCount] = field(default_factory=list)
    elsewhere: int = 0  # aggregate mode: matching people in teams too small to name
    aggregate: bool = False
    notice: str | None = None  # a refusal, the help text, or what routing did


HELP = (
    "Ask who knows a topic: `/whoknows kafka consumer lag`. "
    "Send a question to people who agreed to receive them: `/whoknows route <question>`."
)


def parse(text: str, route_prefix: str = "route") -> ChatRequest:
    """The verb and question of a chat message ("route <question>", "help", or a question)."""
    clean = " ".join(text.split())[:MAX_QUESTION]
    head, _, rest = clean.partition(" ")
    word = head.lower().rstrip(":")
    if not clean or word == "help":
        return ChatRequest(Verb.HELP, "")
    if word == route_prefix:
        return ChatRequest(Verb.ROUTE, rest.strip()) if rest.strip() else ChatRequest(Verb.HELP, "")
    return ChatRequest(Verb.ASK, clean)


def why(evidence: list[EvidenceView]) -> str:
    """One line from a person's best evidence item."""
    if not evidence:
        return "Their work matches the question."
    best = evidence[0]
    verb = VERBS.get(best.role, f"{best.role} on")
    title = " ".join(best.title.split())[:120]
    when = f", {best.date[:10]}" if best.date else ""
    more = f" (and {len(evidence) - 1} more)" if len(evidence) > 1 else ""
    return f"{verb.capitalize()} “{title}” ({best.source}{when}){more}"


def portfolio(services: Services, person_id: int) -> str:
    return f"{services.settings.public_url.rstrip('/')}/people/{person_id}"


def people_answer(services: Services, question: str, answers: list[Answer]) -> ChatAnswer:
    people = [
        ChatPerson(
            a.person_id,
            a.name,
            a.title,
            a.department,
            why(a.evidence),
            portfolio(services, a.person_id),
        )
        for a in answers[:MAX_PEOPLE]
    ]
    return ChatAnswer(question, people=people)


def aggregate_answer(services: Services, question: str, answers: list[Answer]) -> ChatAnswer:
    """Departments of the matching people, named only when the department has at least
    ``min_group_size`` visible people; never a name."""
    headcount = Counter(p.department for p in services.workspace.directory().people.values())
    minimum = services.settings.min_group_size
    matching = Counter(a.department for a in answers[:MAX_PEOPLE])
    named = [
        DepartmentCount(department, count)
        for department, count in matching.items()
        if department and headcount[department] >= minimum
    ]
    named.sort(key=lambda d: (-d.people, d.department))
    elsewhere = sum(matching.values()) - sum(d.people for d in named)
    return ChatAnswer(question, departments=named, elsewhere=elsewhere, aggregate=True)


def answer(services: Services, question: str, aggregate: bool) -> ChatAnswer:
    """Who knows ``question``, as the web search ranks it, named or aggregate."""
    answers = services.search.ask(question, k=MAX_PEOPLE)
    if aggregate:
        return aggregate_answer(services, question, answers)
    return people_answer(services, question, answers)


def routed(result: RoutingResult) -> ChatAnswer:
    """What the asker is told after routing: how many people, never who."""
    count = len(result.routed)
    if count:
        notice = (
            f"Your question was sent to {count} {'person' if count == 1 else 'people'}"
            " whose work matches it and who agreed to receive questions."
        )
    elif result.over_cap:
        notice = "The people who could help have had enough questions this week; try later."
    else:
        notice = "Nobody who agreed to receive questions matches this one yet."
    return ChatAnswer(result.question, notice=notice)


def notice(question: str, text: str) -> ChatAnswer:
    return ChatAnswer(question, notice=text)
