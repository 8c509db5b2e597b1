"""Routing a question to people who know: only to those who consented, never to opted-out
people or bots, at most ``routing_per_week`` questions per person in any 7 days, each logged
and queued in an outbox that a :class:`Notifier` delivers."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol
from urllib.parse import quote

from whoknows import routing
from whoknows.errors import UsageError
from whoknows.i18n import N_, translator
from whoknows.ingest import connectors
from whoknows.routing import OutboxRow
from whoknows.services.people import PeopleService
from whoknows.services.search import SearchService
from whoknows.services.workspace import Workspace
from whoknows.store import persons
from whoknows.vocab import Consent

WINDOW = timedelta(days=7)
CANDIDATES = 20  # how deep in the ranking routing looks for people who consented
MAX_QUESTION = 500
CHANNELS = {"slack": "Slack", "teams": "Microsoft Teams", "cli": "whoknows"}


class Notifier(Protocol):
    """Delivers one routed question; True when it reached the person."""

    name: str

    def deliver(self, message: OutboxRow) -> bool: ...


class OutboxNotifier:
    """Leaves messages queued in the outbox (`whoknows chat outbox` lists them)."""

    name = "outbox"

    def deliver(self, message: OutboxRow) -> bool:
        return False


@dataclass
class RoutingResult:
    question: str
    routed: list[OutboxRow]
    over_cap: int  # people who consented and matched but had reached the weekly cap
    considered: int


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _channel_source(channel: str) -> str | None:
    found = connectors().get(channel)
    return found.source if found is not None else None


class RoutingService:
    def __init__(self, workspace: Workspace, people: PeopleService, search: SearchService):
        self.workspace = workspace
        self.people = people
        self.search = search

    def first_sight(self, request_key: str, window_s: float) -> bool:
        """True unless this chat request (its signature, or its activity id) was already
        received within ``window_s``; only a hash of the key is kept."""
        key = hashlib.sha256(request_key.encode("utf-8", "surrogatepass")).hexdigest()
        with self.workspace.store().transaction() as conn:
            return routing.first_sight(conn, key, time.time(), window_s)

    # -- consent -----------------------------------------------------------------------------
    def set_consent(self, reference: str, consent: Consent) -> int:
        """Record a person's yes or no to routed questions; their id."""
        if consent == Consent.PENDING:
            raise UsageError(N_("consent is yes or no"), N_("use --consent yes or --consent no"))
        person_id = self.people.resolve(reference)
        store = self.workspace.store()
        with store.transaction() as conn:
            routing.set_consent(conn, person_id, consent, _stamp(datetime.now(UTC)))
        return person_id

    def consent(self, person_id: int) -> Consent:
        return routing.consent_of(self.workspace.store().conn, person_id)

    # -- routing -----------------------------------------------------------------------------
    def route(
        self,
        question: str,
        channel: str,
        asker: str | None = None,
        limit: int = 3,
        now: datetime | None = None,
    ) -> RoutingResult:
        """Queue the question for up to ``limit`` of the best-ranked people who consented and
        are under the weekly cap (never the asker)."""
        question = " ".join(question.split())[:MAX_QUESTION]
        moment = now or datetime.now(UTC)
        conn = self.workspace.store().conn
        # only people whose own work answers it: an interested learner only asked about it
        answers = self.search.ask(question, k=CANDIDATES)
        ranked = [a.person_id for a in answers if not a.learner]
        willing = routing.consenting(conn) & self._present(moment)
        source = _channel_source(channel)
        if asker and source:
            willing.discard(persons.person_with_native_id(conn, source, asker) or -1)
        eligible = [p for p in ranked if p in willing]
        counts = routing.routed_since(conn, set(eligible), _stamp(moment - WINDOW))
        cap = self.workspace.settings.routing_per_week
        under = [p for p in eligible if counts.get(p, 0) < cap][:limit]
        addresses = persons.native_labels(conn, source) if source else {}
        ids: list[int] = []
        with self.workspace.store().transaction() as writing:
            for person_id in under:
                message = (addresses.get(person_id), *self._message(question, channel))
                ids.append(
                    routing.add(
                        writing, question, person_id, _stamp(moment), channel, asker, message
                    )
                )
        over = len([p for p in eligible if counts.get(p, 0) >= cap])
        return RoutingResult(question, routing.rows(conn, ids=ids), over, len(ranked))

    def _present(self, moment: datetime) -> set[int]:
        """Visible people who have not left (an end date not after ``moment``)."""
        today = moment.astimezone(UTC).date().isoformat()
        return {
            person_id
            for person_id, info in self.workspace.directory().people.items()
            if not (info.end_date and info.end_date[:10] <= today)
        }

    def _message(self, question: str, channel: str) -> tuple[str, str]:
        """The routed question as its recipient reads it, in the workspace's language (the
        recipient's own is not known), and the link to the question."""
        settings = self.workspace.settings
        t = translator(settings.lang)
        base = settings.public_url.rstrip("/")
        link = f"{base}/?q={quote(question)}"
        asked = t.gettext(
            "Someone asked in %(channel)s: “%(question)s”. Your work matches it; if you can"
            " help, reply to them there. The question and who else knows: %(link)s"
        ) % {"channel": CHANNELS.get(channel, channel), "question": question, "link": link}
        why = t.gettext(
            "You get this because you agreed to receive routed questions (at most %(count)s a"
            " week); change that on %(page)s."
        ) % {"count": settings.routing_per_week, "page": f"{base}/privacy"}
        return f"{asked}\n{why}", link

    # -- the outbox --------------------------------------------------------------------------
    def outbox(self, status: str | None = None) -> list[OutboxRow]:
        """The routed questions (the log with each message's delivery status), newest first."""
        return routing.rows(self.workspace.store().conn, status)

    def deliver(self, notifier: Notifier, ids: list[int] | None = None) -> int:
        """Hand queued messages (or only ``ids``) to ``notifier``; how many were delivered.
        A message the notifier cannot take stays queued; one that raises is marked failed."""
        conn = self.workspace.store().conn
        queued = routing.rows(conn, routing.QUEUED, ids)
        delivered = 0
        for message in queued:
            ok = False
            try:
                ok = notifier.deliver(message)
                status, error = (routing.DELIVERED if ok else routing.QUEUED), None
            except OSError as failure:  # network and HTTP errors of a real notifier
                status, error = routing.FAILED, f"{notifier.name}: {failure}"
            if ok or error:
                with self.workspace.store().transaction() as writing:
                    routing.mark(writing, message.id, status, _stamp(datetime.now(UTC)), error)
            delivered += status == routing.DELIVERED
        return delivered
