"""What a chat question gets back, independent of Slack or Teams: the top people with a
one-line why and a link to their portfolio, or in aggregate-only mode departments only.

The people come from ``services.search.ask``, the call the web search makes, so bots and
people who opted out are absent here exactly as there; the caller decides (from the web
permission table and the chat role) whether the answer may name people, and in which
language it is written (a Teams activity's locale, else the workspace's ``lang`` setting: Slack
sends no locale with a slash command). The answer keeps its language for the platform's
formatting (:func:`language`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from whoknows.i18n import DEFAULT_LANGUAGE, N_, Translator, translator
from whoknows.index.bridge import caveat
from whoknows.services import Services
from whoknows.services.results import Answer, EvidenceView
from whoknows.services.routing import RoutingResult
from whoknows.vocab import CREDIT_WORDS, ContributionRole, lacked_words

MAX_PEOPLE = 10
MAX_QUESTION = 500

# how the why line names a person's part in an item, and the item
VERBS: dict[str, str] = {
    ContributionRole.ACCEPTED_ANSWERER: N_("Gave the accepted answer to “%(title)s”"),
    ContributionRole.ANSWERER: N_("Answered “%(title)s”"),
    ContributionRole.AUTHOR: N_("Wrote “%(title)s”"),
    ContributionRole.COMMITTER: N_("Committed “%(title)s”"),
    ContributionRole.REVIEWER: N_("Reviewed “%(title)s”"),
    ContributionRole.RESOLVER: N_("Resolved “%(title)s”"),
    ContributionRole.REPLIER: N_("Replied in “%(title)s”"),
    ContributionRole.ASSIGNEE: N_("Was assigned “%(title)s”"),
    ContributionRole.POSTER: N_("Posted “%(title)s”"),
    ContributionRole.SENDER: N_("Wrote “%(title)s”"),
    ContributionRole.COMMENTER: N_("Commented on “%(title)s”"),
    ContributionRole.EDITOR: N_("Edited “%(title)s”"),
    ContributionRole.ASKER: N_("Asked “%(title)s”"),
    ContributionRole.RECIPIENT: N_("Received “%(title)s”"),
    ContributionRole.MENTIONED: N_("Was mentioned in “%(title)s”"),
    ContributionRole.REFERRER: N_("Pointed to someone else in “%(title)s”"),
    ContributionRole.ACKNOWLEDGER: N_("Thanked or agreed in “%(title)s”"),
    ContributionRole.ADVISER: N_("Advised in general terms in “%(title)s”"),
    ContributionRole.ENDORSED: N_("Was named as the one who knows in “%(title)s”"),
}
OTHER_ROLE = N_("%(role)s on “%(title)s”")


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
    min_group_size: int = 0  # aggregate mode: fewer people than this are not counted aloud
    notice: str | None = None  # a refusal, the help text, or what routing did
    caveat: str | None = None  # the question's words that no evidence mentions
    lang: str = DEFAULT_LANGUAGE  # the language it is written in


def language(answer: ChatAnswer) -> Translator:
    """The translator of the language ``answer`` is written in."""
    return translator(answer.lang)


def head_count(answer: ChatAnswer, count: int) -> str:
    """A number of people in an aggregate answer: "3", or "fewer than 5 people" under the
    minimum group size ("Platform: 1" picked out the one person of Platform who knew it)."""
    if count >= answer.min_group_size:
        return str(count)
    return language(answer).gettext("fewer than %(k)s people") % {"k": answer.min_group_size}


HELP = N_(
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


def _day(t: Translator, value: str) -> str:
    try:
        return t.format_date(value, "medium")
    except ValueError:
        return value[:10]


def why(evidence: list[EvidenceView], t: Translator) -> str:
    """One line from a person's best evidence item."""
    if not evidence:
        return t.gettext("Their work matches the question.")
    best = evidence[0]
    title = " ".join(best.title.split())[:120]
    template = VERBS.get(best.role)
    did = (
        t.gettext(template) % {"title": title}
        if template
        else t.gettext(OTHER_ROLE) % {"role": str(best.role).capitalize(), "title": title}
    )
    where = best.source + (", " + _day(t, best.date) if best.date else "")
    if best.credited in CREDIT_WORDS:  # how a document's writer was known, as the web says
        where += "; " + t.gettext(CREDIT_WORDS[best.credited])
    line = f"{did} ({where})"
    if len(evidence) > 1:
        more = len(evidence) - 1
        line += " " + t.ngettext("(and %(count)s more)", "(and %(count)s more)", more) % {
            "count": t.format_number(more)
        }
    return line


def portfolio(services: Services, person_id: int) -> str:
    return f"{services.settings.public_url.rstrip('/')}/people/{person_id}"


def _person_line(a: Answer, t: Translator) -> str:
    """The why line with what the web and the CLI say beside it: asking shows interest, not
    knowledge; the question's words the person's matching items lack."""
    line = why(a.evidence, t)
    if a.learner:
        line += " — " + t.gettext("interested learner")
    if a.missing:
        line += " — " + lacked_words(t, a.missing)
    return line


def people_answer(
    services: Services, question: str, answers: list[Answer], t: Translator
) -> ChatAnswer:
    people = [
        ChatPerson(
            a.person_id,
            a.name,
            a.title,
            a.department,
            _person_line(a, t),
            portfolio(services, a.person_id),
        )
        for a in answers[:MAX_PEOPLE]
    ]
    return ChatAnswer(question, people=people, lang=t.lang)


def aggregate_answer(
    services: Services, question: str, answers: list[Answer], t: Translator
) -> ChatAnswer:
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
    return ChatAnswer(
        question,
        departments=named,
        elsewhere=elsewhere,
        aggregate=True,
        min_group_size=minimum,
        lang=t.lang,
    )


def answer(services: Services, question: str, aggregate: bool, t: Translator) -> ChatAnswer:
    """Who knows ``question``, as the web search ranks it, named or aggregate, in the
    language of ``t``, with the words of it no evidence mentions."""
    answers = services.search.ask(question, k=MAX_PEOPLE)
    if aggregate:
        said = aggregate_answer(services, question, answers, t)
    else:
        said = people_answer(services, question, answers, t)
    if answers:
        said.caveat = caveat(services.search.unheld_words(question), t)
    return said


def routed(result: RoutingResult, t: Translator) -> ChatAnswer:
    """What the asker is told after routing: how many people, never who."""
    count = len(result.routed)
    if count:
        notice = t.ngettext(
            "Your question was sent to %(count)s person whose work matches it and who agreed"
            " to receive questions.",
            "Your question was sent to %(count)s people whose work matches it and who agreed"
            " to receive questions.",
            count,
        ) % {"count": t.format_number(count)}
    elif result.over_cap:
        notice = t.gettext(
            "The people who could help have had enough questions this week; try later."
        )
    else:
        notice = t.gettext("Nobody who agreed to receive questions matches this one yet.")
    return ChatAnswer(result.question, notice=notice, lang=t.lang)


def notice(question: str, text: str, t: Translator) -> ChatAnswer:
    """A notice already in the language of ``t`` (a refusal, the help, an error)."""
    return ChatAnswer(question, notice=text, lang=t.lang)
