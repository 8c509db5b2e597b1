"""Long work in the background: erasures and reindexes run as jobs, one at a time per
workspace, while pages keep answering from the previous index generation.

Jobs live in the store (``whoknows.store.jobs``): any process may submit one, and every web
worker process runs a :class:`JobService` runner thread that claims queued jobs with an
atomic UPDATE, so each job runs exactly once whichever worker took the request.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable

from whoknows.accounts import User, get_user
from whoknows.errors import NotFoundError, WhoknowsError, WorkspaceError
from whoknows.i18n import N_
from whoknows.services.ingest import IngestService
from whoknows.services.people import PeopleService
from whoknows.services.privacy import PrivacyService
from whoknows.services.workspace import Workspace
from whoknows.store import jobs, persons, utc_now
from whoknows.store.jobs import Job, JobState
from whoknows.store.persons import PrivacyFlags
from whoknows.vocab import (
    JOB_ERASED,
    JOB_LOGINS_LEFT,
    JOB_NAMESAKES_LEFT,
    JOB_REINDEXED,
    JOB_REPORT_LEFT,
)

ERASE = "erase"
REINDEX = "reindex"
POLL_S = 1.0  # how often an idle runner looks for jobs submitted by other processes
log = logging.getLogger(__name__)

__all__ = ["ERASE", "REINDEX", "Job", "JobService", "JobState"]


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class JobService:
    def __init__(
        self,
        workspace: Workspace,
        people: PeopleService,
        privacy: PrivacyService,
        ingest: IngestService,
    ) -> None:
        self.workspace = workspace
        self.people = people
        self.privacy = privacy
        self.ingest = ingest
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._handlers: dict[str, Callable[[Job], str]] = {
            ERASE: self._erase,
            REINDEX: self._reindex,
        }

    # -- asking --------------------------------------------------------------------------------
    def submit_erase(self, reference: str, user: User | None) -> Job:
        """Queue the erasure of a person (resolved now: the job keeps only their id). From the
        moment it is queued they are opted out of everything, in the same transaction, so no
        page or route shows them while the job waits for its turn."""
        person_id = self.people.resolve(reference)
        return self._submit(ERASE, {"person_id": person_id}, user, hide=person_id)

    def submit_reindex(self, user: User | None) -> Job:
        return self._submit(REINDEX, {}, user)

    def _submit(
        self,
        kind: str,
        params: dict[str, int | str | None],
        user: User | None,
        hide: int | None = None,
    ) -> Job:
        store = self.workspace.store()
        with store.transaction() as conn:
            if hide is not None:
                persons.set_flags(conn, hide, PrivacyFlags(True, True))
                store.bump_generation()
            job_id = jobs.submit(
                conn,
                kind,
                params,
                user.id if user else None,
                user.username if user else None,
                utc_now(),
            )
        self.start()
        self._wake.set()
        return self.get(job_id)

    def get(self, job_id: int) -> Job:
        job = jobs.get(self.workspace.store().conn, job_id)
        if job is None:
            raise NotFoundError(N_("no job %(id)s"), N_("see the list of jobs"), id=job_id)
        return job

    def recent(self, limit: int = 100) -> list[Job]:
        return jobs.recent(self.workspace.store().conn, limit)

    # -- running -------------------------------------------------------------------------------
    def run_next(self) -> Job | None:
        """Claim the oldest queued job and run it here; the finished job, or None."""
        with self.workspace.store().transaction() as conn:
            job = jobs.claim(conn, self.worker, utc_now())
        if job is None:
            return None
        result = error = None
        try:
            result = self._handlers[job.kind](job)
        except WhoknowsError as failure:
            error = failure.one_line()
        except Exception as failure:  # the job fails, the runner goes on
            log.exception("job %s (%s) failed", job.id, job.kind)
            error = " ".join(f"{type(failure).__name__}: {failure}".split())[:300]
        with self.workspace.store().transaction() as conn:
            jobs.finish(conn, job.id, utc_now(), result, error)
        return self.get(job.id)

    def run_pending(self) -> int:
        """Run queued jobs here until none is left; how many ran."""
        count = 0
        while self.run_next() is not None:
            count += 1
        return count

    def _erase(self, job: Job) -> str:
        from whoknows.privacy.report_manifest import shown_path

        person_id = int(job.params["person_id"] or 0)
        user = self._user(job)
        # the build lock from before the write to the end of the reindex: readers keep the
        # previous generation (people filtered by who is visible now) instead of building
        with self.workspace.building():
            result = self.privacy.erasure(str(person_id), user)
        counts = ", ".join(f"{name} {count}" for name, count in result.counts.items())
        said = JOB_ERASED % {"counts": counts}
        if result.namesakes:  # (the same person under another id, perhaps: the admin decides)
            others = ", ".join(f"{name} ({other})" for other, name in result.namesakes)
            said += "\n" + JOB_NAMESAKES_LEFT % {"people": others}
        if result.likely_theirs:  # (a login spelling their entry: theirs, perhaps)
            others = ", ".join(f"{name} ({other})" for other, name in result.likely_theirs)
            said += "\n" + JOB_LOGINS_LEFT % {"people": others}
        for path in result.reports_left + result.reports_changed:  # (to delete by hand)
            said += "\n" + JOB_REPORT_LEFT % {"path": shown_path(path)}
        return said

    def _reindex(self, job: Job) -> str:
        stats = self.ingest.reindex()
        return JOB_REINDEXED % {"items": stats.items, "seconds": stats.seconds}

    def _user(self, job: Job) -> User | None:
        return get_user(self.workspace.store().conn, job.user_id) if job.user_id else None

    # -- the runner thread -----------------------------------------------------------------------
    def start(self) -> None:
        """Start this process's runner thread (once); it also fails the jobs left running by a
        process of this host that stopped."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="whoknows-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        self._stop.set()
        self._wake.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        try:
            self._fail_orphans()
            while not self._stop.is_set():
                if self.run_next() is None:
                    self._wake.wait(POLL_S)
                    self._wake.clear()
        except WorkspaceError:
            log.info("job runner stopped: the workspace is closed")

    def _fail_orphans(self) -> None:
        host = self.worker.split(":")[0]
        with self.workspace.store().transaction() as conn:
            for job in jobs.running_on(conn, host):
                pid = int((job.worker or ":0").rsplit(":", 1)[1] or 0)
                if not _alive(pid):
                    message = "interrupted: the server stopped while it ran; start it again"
                    jobs.finish(conn, job.id, utc_now(), None, message)
