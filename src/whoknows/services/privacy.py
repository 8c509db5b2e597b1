"""Privacy: opt-outs, erasure, the audit log of profile views, aggregate-only mode."""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from whoknows import privacy
from whoknows.accounts import User
from whoknows.index.analysis import tokenize
from whoknows.services.people import PeopleService
from whoknows.services.workspace import Workspace
from whoknows.store import persons, utc_now
from whoknows.store.persons import PrivacyFlags


@dataclass
class ScanResult:
    """What `privacy scan` found: each hit, and how many files whoknows wrote were searched."""

    hits: list[privacy.ScanHit]
    files: int
    folder: str


AGGREGATE_ONLY = "aggregate_only_viewers"
VIEW_PROFILE = "view profile"  # a profile read: the portfolio, one person's claims or comments
VIEW_CLAIMS = "view claims"  # a person's claims in a listing of everyone's (the claims review)
VIEW_ENGAGEMENT = "view engagement"  # a person's stakeholder notes or coaching plan


class OfAPerson(Protocol):
    @property
    def person_id(self) -> int: ...


def people_shown(*listings: Iterable[OfAPerson]) -> list[int]:
    """The people whose rows a listing shows (claims, plans, stakeholders), once each, in
    order: whose reads :meth:`PrivacyService.record_reads` writes."""
    return list(dict.fromkeys(row.person_id for rows in listings for row in rows))


def cli_actor() -> str:
    """Who runs the command line, as the audit log names them: "cli:" and the system login
    (the CLI has no accounts of its own; "cli:?" where the system names nobody)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # (a container's user id with no name)
        login = "?"
    return f"cli:{login}"


@dataclass
class AuditEntry:
    at: str
    username: str | None
    action: str
    person_id: int | None
    person: str | None
    detail: str | None


class PrivacyService:
    def __init__(self, workspace: Workspace, people: PeopleService) -> None:
        self.workspace = workspace
        self.people = people

    # -- a person's choices ----------------------------------------------------------------
    def scan(self, texts: list[str]) -> ScanResult:
        """Every file whoknows wrote in the workspace, searched for each text (folded), and
        for each text as the lexical index writes it (stemmed: "Lukas" is "luka")."""
        folder = self.workspace.settings.workspace
        indexed = [" ".join(tokenize(text)) for text in texts]
        # an address's domain is everyone's: only what comes before its @ names the person
        named = [" ".join(tokenize(text.partition("@")[0])) for text in texts]
        hits = privacy.scan_workspace(
            folder, texts, [term for term in indexed if term], [n for n in named if n]
        )
        return ScanResult(hits, len(privacy.written_files(folder)), str(folder))

    def flags(self, person_id: int) -> PrivacyFlags:
        return persons.flags(self.workspace.store().conn, person_id)

    def set_flags(self, person_id: int, inference: bool, visibility: bool) -> privacy.ReportsGone:
        """Set both opt-outs as given (the person's own privacy page). Opting out also deletes
        the stored reports that name the person (a report written before would go on naming
        them; a new one leaves them out): what became of them is returned."""
        store = self.workspace.store()
        with store.transaction() as conn:
            persons.flags(conn, person_id)
            persons.set_flags(conn, person_id, PrivacyFlags(inference, visibility))
            store.bump_generation()
            display = persons.directory_entry(conn, person_id).name
            terms = privacy.mention_terms(conn, person_id, display)
        if inference or visibility:
            return privacy.delete_stored_reports(store.workspace, terms)
        return privacy.ReportsGone()

    def opt_out(self, reference: str, inference: bool, visibility: bool) -> privacy.ReportsGone:
        """Add opt-outs (never removes one: only the person's own page does that)."""
        person_id = self.people.resolve(reference)
        current = self.flags(person_id)
        return self.set_flags(
            person_id,
            current.opt_out_inference or inference,
            current.opt_out_visibility or visibility,
        )

    def erase(self, reference: str, user: User | None = None) -> dict[str, int]:
        return self.erasure(reference, user).counts

    def erasure(self, reference: str, user: User | None = None) -> privacy.ErasureResult:
        """Erase a person for good (see whoknows.privacy.erasure), then rebuild the indexes."""
        person_id = self.people.resolve(reference)
        actor = (user.id, user.username) if user else (None, cli_actor())
        result = privacy.erase(self.workspace.store(), person_id, utc_now(), actor)
        # (a model fitted on their threads is refitted without them: it is derived from them)
        self.workspace.reindex(retrain=True)
        return result

    # -- the audit log -----------------------------------------------------------------------
    def record_view(self, user: User, person_id: int, where: str) -> None:
        """Write a view of someone else's profile to the audit log."""
        self.record_reads(user, [person_id], where)

    def record_cli_view(self, person_id: int, where: str) -> None:
        """Write a read of a person's profile (their portfolio, claims, aliases) from the
        command line to the audit log, as a web view is: the CLI has no account, so its
        entry names the system user who ran it ("cli:alice"), with no user id."""
        self.record_reads(None, [person_id], where)

    def record_reads(
        self,
        user: User | None,
        person_ids: Iterable[int],
        where: str,
        action: str = VIEW_PROFILE,
    ) -> None:
        """Write a read of each person's data to the audit log, a row each, in one transaction
        (a listing of many people's claims is a read of each one's: the log then answers "who
        read mine?"); the reader's own data is not written. ``user`` None: the command line,
        named as :func:`cli_actor` says."""
        wanted = list(dict.fromkeys(p for p in person_ids if user is None or p != user.person_id))
        if not wanted:
            return
        user_id, username = (user.id, user.username) if user else (None, cli_actor())
        now = utc_now()
        with self.workspace.store().transaction() as conn:
            for person_id in wanted:
                privacy.audit(conn, now, user_id, username, action, person_id, where)

    def record_change(self, user: User | None, action: str, person_id: int, detail: str) -> None:
        """Write a change made to someone else's profile (an admin who un-hides a person's
        topic, the command line's opt-out) to the audit log; the person's own is not."""
        if user is not None and user.person_id == person_id:
            return
        user_id, username = (user.id, user.username) if user else (None, cli_actor())
        with self.workspace.store().transaction() as conn:
            privacy.audit(conn, utc_now(), user_id, username, action, person_id, detail)

    def record(self, user: User | None, username: str | None, action: str, detail: str) -> None:
        with self.workspace.store().transaction() as conn:
            privacy.audit(
                conn, utc_now(), user.id if user else None, username, action, None, detail
            )

    def audit_log(self, limit: int = 200) -> list[AuditEntry]:
        return [
            AuditEntry(*row)
            for row in self.workspace.store().conn.execute(
                "SELECT a.at, a.username, a.action, a.person_id, p.display_name, a.detail"
                " FROM audit_log a LEFT JOIN persons p ON p.id = a.person_id"
                " ORDER BY a.id DESC LIMIT ?",
                (limit,),
            )
        ]

    # -- workspace policy --------------------------------------------------------------------
    def aggregate_only(self) -> bool:
        return self.workspace.store().get_meta(AGGREGATE_ONLY, "0") == "1"

    def set_aggregate_only(self, enabled: bool) -> None:
        store = self.workspace.store()
        with store.transaction():
            store.set_meta(AGGREGATE_ONLY, "1" if enabled else "0")
