"""Concurrency: readers beside a slow writer, one index build at a time, the previous
generation served during a background erasure (without the erased person), jobs run once."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conftest import make_service
from test_web import client, csrf, wait_for_job
from whoknows.forking import background_priority
from whoknows.services import Services
from whoknows.services._refresh import FRESH_WAIT_S
from whoknows.services.workspace import Workspace
from whoknows.store import Store, jobs, utc_now
from whoknows.store.jobs import JOBS
from whoknows.store.schema import EVIDENCE

QUERY = "secrets vault gdpr"
ERASED = "Léa Fontaine"


def slow_write(store: Store, seconds: float, started: threading.Event) -> None:
    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('slow', 'x')")
        started.set()
        time.sleep(seconds)


def test_readers_run_while_a_slow_write_holds_the_writer_lock(tmp_path: Path) -> None:
    store = Store(tmp_path / "ws")
    started = threading.Event()
    writer = threading.Thread(target=slow_write, args=(store, 1.5, started))
    writer.start()
    assert started.wait(5)
    waits: list[float] = []

    def read() -> None:
        for _ in range(10):
            before = time.monotonic()
            assert store.get_meta("slow") is None  # the write is not committed yet
            waits.append(time.monotonic() - before)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert writer.is_alive(), "the readers finished while the write still ran"
    assert len(waits) == 40 and max(waits) < 0.5
    writer.join()
    assert store.get_meta("slow") == "x"
    store.close()


def test_writers_take_turns_in_a_process_and_across_processes(tmp_path: Path) -> None:
    first, second = Store(tmp_path / "ws"), Store(tmp_path / "ws")  # two "processes"
    started = threading.Event()
    writer = threading.Thread(target=slow_write, args=(first, 0.8, started))
    writer.start()
    assert started.wait(5)
    before = time.monotonic()
    with second.transaction() as conn:  # SQLite's lock: waits for the busy timeout
        conn.execute("INSERT INTO meta(key, value) VALUES ('after', 'y')")
    assert time.monotonic() - before > 0.3
    before = time.monotonic()
    started.clear()
    writer = threading.Thread(target=slow_write, args=(first, 0.8, started))
    writer.start()
    assert started.wait(5)
    with first.transaction() as conn:  # the writer lock: the same store's second writer waits
        conn.execute("UPDATE meta SET value = 'z' WHERE key = 'after'")
    assert time.monotonic() - before > 0.5
    writer.join()
    assert second.get_meta("after") == "z"
    first.close()
    second.close()


def slow_builds(monkeypatch: pytest.MonkeyPatch, seconds: float) -> list[int]:
    """Make index builds slow and count them."""
    builds: list[int] = []
    original = Workspace._build_files

    def build(self: Workspace, conn: object, generation: int, *rest: object) -> dict[str, object]:
        builds.append(generation)
        time.sleep(seconds)
        return original(self, conn, generation, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(Workspace, "_build_files", build)
    return builds


def bump(service: Services) -> int:
    store = service.workspace.store()
    with store.transaction():
        store.bump_generation()
    return store.generation()


def test_concurrent_readers_of_a_stale_generation_build_once(demo, monkeypatch) -> None:
    old = demo.workspace.evidence()
    builds = slow_builds(monkeypatch, 1.0)
    generation = bump(demo)
    served: list[object] = []
    readers = [
        threading.Thread(target=lambda: served.append(demo.workspace.evidence())) for _ in range(4)
    ]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert builds == [generation], "one reader built, the others did not start a second build"
    assert served.count(old) == 3, "the others kept the previous generation meanwhile"
    assert demo.workspace.evidence() is not old
    assert builds == [generation]


def test_without_a_previous_generation_readers_wait_for_the_one_build(demo, monkeypatch) -> None:
    builds = slow_builds(monkeypatch, 0.5)
    generation = bump(demo)
    demo.workspace.invalidate()
    served: list[object] = []
    readers = [
        threading.Thread(target=lambda: served.append(demo.workspace.evidence())) for _ in range(3)
    ]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert builds == [generation] and len({id(e) for e in served}) == 1


def test_stale_reads_refresh_in_the_background_once(demo, monkeypatch) -> None:
    """A rebuild takes minutes: readers wait for it only the first seconds, then answer from
    the previous generation at once until it is done."""
    old = demo.workspace.evidence()
    builds = slow_builds(monkeypatch, FRESH_WAIT_S + 1.5)
    demo.workspace.stale_reads = True
    generation = bump(demo)
    before = time.monotonic()
    assert demo.workspace.evidence() is old
    assert FRESH_WAIT_S - 0.1 < time.monotonic() - before < FRESH_WAIT_S + 1.0
    before = time.monotonic()
    assert all(demo.workspace.evidence() is old for _ in range(20))
    assert time.monotonic() - before < 0.4, "no reader waited past the first seconds"
    deadline = time.monotonic() + 30
    while demo.workspace.evidence() is old and time.monotonic() < deadline:
        time.sleep(0.05)
    assert demo.workspace.evidence() is not old and builds == [generation]


def test_a_stale_read_waits_for_a_quick_load(demo, monkeypatch) -> None:
    """The indexes an ingest from the command line built load in a fraction of a second: the
    first question after it found nobody for the new words (answered from the generation
    before), a server beside a command-line ingest."""
    old = demo.workspace.evidence()
    builds = slow_builds(monkeypatch, 0.3)
    demo.workspace.stale_reads = True
    generation = bump(demo)
    assert demo.workspace.evidence() is not old and builds == [generation]


def test_closing_waits_for_a_background_refresh(demo, monkeypatch) -> None:
    """A refresh reading through the store while it was closed crashed the process (a
    segmentation fault in SQLite, seen when a test ended right after an opt-out)."""
    demo.workspace.evidence()
    builds = slow_builds(monkeypatch, FRESH_WAIT_S + 1.5)
    demo.workspace.stale_reads = True
    generation = bump(demo)
    demo.workspace.evidence()  # (starts the refresh and answers before it is done)
    refresher = demo.workspace._refresher.thread
    assert refresher is not None and refresher.is_alive()
    demo.workspace.close()
    assert not refresher.is_alive() and builds == [generation]


@pytest.fixture
def web(demo):
    from test_web import PASSWORDS
    from whoknows.demo import DEMO_USERS
    from whoknows.web.app import create_app

    assert PASSWORDS
    for username, password, role, person in DEMO_USERS:
        demo.accounts.create(username, password, role, person)
    return demo, create_app(demo, cookie_secure=True)


@pytest.mark.full
def test_background_erasure_serves_the_old_generation_without_the_erased(web, monkeypatch) -> None:
    service, app = web
    consultant = client(app, "consultant")
    assert ERASED in consultant.get(f"/?q={QUERY}").text
    old = service.workspace.evidence()
    generation = service.workspace.generation()
    slow_builds(monkeypatch, 2.0)
    admin = client(app, "admin")
    page = admin.get("/admin")
    response = admin.post(
        "/admin/erase", data={"csrf": csrf(page.text), "person": ERASED, "confirm": "yes"}
    )
    job_id = int(response.url.path.rsplit("/", 1)[1])
    assert response.status_code == 200 and "erase" in response.text
    deadline = time.monotonic() + 10
    while service.jobs.get(job_id).state != "running" and time.monotonic() < deadline:
        time.sleep(0.02)
    while service.workspace.generation() == generation and time.monotonic() < deadline:
        time.sleep(0.02)
    before = time.monotonic()
    answer = consultant.get(f"/?q={QUERY}")
    assert answer.status_code == 200 and time.monotonic() - before < 1.5
    assert ERASED not in answer.text, "erased people vanish at once, before the reindex ends"
    assert service.jobs.get(job_id).state == "running"
    assert service.workspace.evidence() is old, "the previous generation was served"
    assert ERASED not in str(service.search.ask(QUERY))
    finished = wait_for_job(admin, job_id)
    assert finished["state"] == "done", finished
    assert service.workspace.evidence() is not old
    assert ERASED not in consultant.get(f"/?q={QUERY}").text


@pytest.mark.full
def test_a_queued_erasure_hides_the_person_before_its_job_starts(web, monkeypatch) -> None:
    """The runner is busy (the job stays queued): the erased person is already gone from the
    search page and the API the moment the admin's request is answered."""
    service, app = web
    monkeypatch.setattr(service.jobs, "start", lambda: None)
    monkeypatch.setattr(service.jobs._wake, "set", lambda: None)
    consultant = client(app, "consultant")
    assert ERASED in consultant.get(f"/?q={QUERY}").text
    admin = client(app, "admin")
    page = admin.get("/admin")
    admin.post("/admin/erase", data={"csrf": csrf(page.text), "person": ERASED, "confirm": "yes"})
    assert all(job.state == "queued" for job in service.jobs.recent())
    assert ERASED not in consultant.get(f"/?q={QUERY}").text
    assert ERASED not in consultant.get("/api/ask", params={"q": QUERY, "k": 100}).text


def test_self_erasure_shows_its_job_to_that_session_only(web) -> None:
    _, app = web
    ines = client(app, "ines")
    page = ines.get("/privacy")
    response = ines.post("/privacy/erase", data={"csrf": csrf(page.text), "confirm": "yes"})
    assert response.url.path.startswith("/jobs/")
    job_id = int(response.url.path.rsplit("/", 1)[1])
    assert wait_for_job(ines, job_id)["state"] == "done"
    assert "done" in ines.get(f"/jobs/{job_id}").text
    assert client(app, "consultant").get(f"/jobs/{job_id}").status_code == 403
    anonymous = TestClient(app, base_url="https://testserver")
    assert anonymous.get(f"/api/jobs/{job_id}").status_code == 401
    assert f"/jobs/{job_id}" in client(app, "admin").get("/jobs").text


def test_each_job_is_claimed_once_by_competing_processes(tmp_path: Path) -> None:
    stores = [Store(tmp_path / "ws", migrations=(EVIDENCE, JOBS)) for _ in range(3)]
    with stores[0].transaction() as conn:
        ids = [jobs.submit(conn, "reindex", {}, None, None, utc_now()) for _ in range(30)]
    claimed: list[int] = []

    def claim_all(store: Store, worker: str) -> None:
        while True:
            with store.transaction() as conn:
                job = jobs.claim(conn, worker, utc_now())
            if job is None:
                return
            claimed.append(job.id)

    threads = [
        threading.Thread(target=claim_all, args=(store, f"host:{n}"))
        for n, store in enumerate(stores)
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == ids
    for store in stores:
        store.close()


def test_a_job_left_running_by_a_dead_process_is_marked_failed(tmp_path: Path) -> None:
    service = make_service(tmp_path / "ws")
    store = service.workspace.store(create=True)
    host = service.jobs.worker.split(":")[0]
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with store.transaction() as conn:
        job_id = jobs.submit(conn, "reindex", {}, None, None, utc_now())
        conn.execute(
            "UPDATE jobs SET state = 'running', worker = ? WHERE id = ?",
            (f"{host}:{gone.pid}", job_id),
        )
    service.jobs.start()
    deadline = time.monotonic() + 10
    while not service.jobs.get(job_id).finished and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "interrupted" in (service.jobs.get(job_id).error or "")
    service.close()


def test_a_password_check_holds_no_write_lock(service, monkeypatch) -> None:
    from whoknows import accounts

    service.accounts.create("slowpoke", "a-long-password", "admin", None)
    hasher = accounts._HASHER

    class SlowHasher:
        """Argon2 on a slow day: one second per check."""

        def verify(self, hash_: str, password: str) -> bool:
            time.sleep(1.0)
            return hasher.verify(hash_, password)

        def __getattr__(self, name: str) -> object:
            return getattr(hasher, name)

    monkeypatch.setattr(accounts, "_HASHER", SlowHasher())
    checking = threading.Thread(
        target=service.accounts.authenticate, args=("slowpoke", "a-long-password")
    )
    checking.start()
    time.sleep(0.2)
    before = time.monotonic()
    store = service.workspace.store()
    with store.transaction():
        store.set_meta("written", "during the check")
    assert time.monotonic() - before < 0.5 and checking.is_alive()
    checking.join()


@pytest.mark.full
def test_a_serving_workspace_builds_in_a_child_process_and_swaps(demo) -> None:
    demo.workspace.serve()
    old = demo.workspace.evidence()
    stats = demo.workspace.reindex()
    assert stats.items > 200
    assert demo.workspace.evidence() is not old
    generation = bump(demo)
    assert demo.workspace.evidence() is not None  # the previous one, a refresh started
    deadline = time.monotonic() + 60
    while demo.workspace._evidence[0] != generation and time.monotonic() < deadline:
        time.sleep(0.1)
    assert demo.workspace._evidence[0] == generation


@pytest.mark.skipif(not shutil.which("nice"), reason="no nice: builds run at normal priority")
def test_a_serving_process_builds_at_the_lowest_priority() -> None:
    probe = "import os; print(os.nice(0))"
    done = subprocess.run(
        [*background_priority(), sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(done.stdout) == 19


def lane_app(demo_workspace: Path, tmp_path: Path, threads: int) -> tuple[Services, FastAPI]:
    from test_web import PASSWORDS
    from whoknows.demo import DEMO_USERS
    from whoknows.web.app import create_app

    assert PASSWORDS
    shutil.copytree(demo_workspace, tmp_path / "workspace")
    service = make_service(tmp_path / "workspace", web_read_threads=threads)
    for username, password, role, person in DEMO_USERS:
        service.accounts.create(username, password, role, person)
    return service, create_app(service, cookie_secure=True)


class Watch:
    """How many calls of the watched methods run at once (the most seen), each held
    ``seconds`` first so that the other requests arrive meanwhile."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.running, self.most = seconds, 0, 0
        self._lock = threading.Lock()

    def __call__(self, work: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            with self._lock:
                self.running += 1
                self.most = max(self.most, self.running)
            try:
                time.sleep(self.seconds)
                return work(*args, **kwargs)
            finally:
                with self._lock:
                    self.running -= 1

        return run


async def timed(request: Awaitable[httpx.Response], began: float) -> tuple[int, float]:
    """The response's status and the seconds from ``began`` to its answer."""
    response = await request
    return response.status_code, time.monotonic() - began


async def logged_in(http: httpx.AsyncClient, username: str) -> None:
    from test_web import PASSWORDS

    page = await http.get("/login")
    form = {"csrf": csrf(page.text), "username": username, "next": "/"}
    await http.post("/login", data={**form, "password": PASSWORDS[username]})


@pytest.mark.parametrize("threads", [1, 3])
def test_reads_take_turns_in_the_read_lane(
    demo_workspace: Path, tmp_path: Path, threads: int
) -> None:
    """Six searches and portfolios sent at once: ``web_read_threads`` of them are computed at
    a time in the worker (the others wait their turn), and each still gets its answer; a
    portfolio view is still written to the audit log."""
    service, app = lane_app(demo_workspace, tmp_path, threads)
    watch = Watch(0.1)
    service.search.ask = watch(service.search.ask)  # type: ignore[method-assign]
    service.insights.profile = watch(service.insights.profile)  # type: ignore[method-assign]
    person = service.search.ask(QUERY, k=1)[0].person_id
    watch.most = 0

    async def six_at_once() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
            await logged_in(http, "consultant")
            return list(
                await asyncio.gather(
                    http.get("/", params={"q": QUERY}),
                    http.get("/api/ask", params={"q": QUERY}),
                    http.get(f"/people/{person}"),
                    http.get(f"/api/people/{person}"),
                    http.get("/api/ask", params={"q": "kafka"}),
                    http.get("/", params={"q": "kafka"}),
                )
            )

    responses = asyncio.run(six_at_once())
    assert [r.status_code for r in responses] == [200] * 6
    assert watch.most == threads
    views = [e for e in service.privacy.audit_log() if e.action == "view profile"]
    assert len(views) == 2 and {v.person_id for v in views} == {person}
    service.close()


def test_writes_and_long_pages_run_beside_the_read_lane(
    demo_workspace: Path, tmp_path: Path
) -> None:
    """A search holds the only read thread for 1.5 s: a login (a write), the claims page and
    the gaps API (long pages) are answered meanwhile, not after it."""
    service, app = lane_app(demo_workspace, tmp_path, 1)
    service.search.ask = Watch(1.5)(service.search.ask)  # type: ignore[method-assign]

    async def beside_a_slow_search() -> list[tuple[int, float]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
            await logged_in(http, "consultant")
            other = httpx.AsyncClient(transport=transport, base_url="https://testserver")
            page = await other.get("/login")
            form = {"csrf": csrf(page.text), "username": "admin", "next": "/"}
            began = time.monotonic()
            search = asyncio.ensure_future(timed(http.get("/", params={"q": QUERY}), began))
            await asyncio.sleep(0.2)  # the search holds the lane
            found = await asyncio.gather(
                timed(other.post("/login", data={**form, "password": "wrong"}), began),
                timed(http.get("/claims"), began),
                timed(http.get("/api/gaps"), began),
            )
            await other.aclose()
            return [await search, *found]

    (search, *others) = asyncio.run(beside_a_slow_search())
    assert search[0] == 200 and search[1] >= 1.5
    assert [status for status, _ in others] == [401, 200, 200]
    assert all(seconds < 1.4 for _, seconds in others), others
    service.close()


def test_a_portfolio_does_not_wait_behind_password_checks(
    demo_workspace: Path, tmp_path: Path
) -> None:
    """A login's password check held 1.5 s: a portfolio (whose audit entry is a write) and a
    comment are answered meanwhile (a guesser's flood held them ~370 ms each, an attack)."""
    service, app = lane_app(demo_workspace, tmp_path, 1)
    service.accounts.login = Watch(1.5)(service.accounts.login)  # type: ignore[method-assign]
    person = service.search.ask(QUERY, k=1)[0].person_id

    async def beside_a_slow_login() -> list[tuple[int, float]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
            await logged_in(http, "consultant")
            token = (await http.get("/api/csrf")).json()["csrf"]
            guesser = httpx.AsyncClient(transport=transport, base_url="https://testserver")
            page = await guesser.get("/login")
            form = {"csrf": csrf(page.text), "username": "admin", "password": "wrong"}
            began = time.monotonic()
            login = asyncio.ensure_future(timed(guesser.post("/login", data=form), began))
            await asyncio.sleep(0.2)  # the password check holds its lane
            found = await asyncio.gather(
                timed(http.get(f"/people/{person}"), began),
                timed(
                    http.post(
                        f"/api/people/{person}/comments",
                        json={"text": "thanks"},
                        headers={"X-CSRF-Token": token},
                    ),
                    began,
                ),
            )
            await guesser.aclose()
            return [await login, *found]

    (login, *others) = asyncio.run(beside_a_slow_login())
    assert login[1] >= 1.5
    assert [status for status, _ in others] == [200, 201]
    assert all(seconds < 1.4 for _, seconds in others), others
    service.close()


def test_a_read_never_waits_for_the_write_lock(demo_workspace: Path, tmp_path: Path) -> None:
    """Another process holds the store's write lock (an ingest, an erasure compacting the
    database) while a user whose session was last seen two minutes ago searches: the page
    and the reads queued behind it answer at once; the last-seen time is written at the
    user's next request once the lock is free."""
    service, app = lane_app(demo_workspace, tmp_path, 1)
    browser = client(app, "consultant")
    conn = service.workspace.store().conn
    two_minutes_ago = "strftime('%Y-%m-%dT%H:%M:%S', 'now', '-2 minutes')"
    conn.execute(f"UPDATE sessions SET last_seen = {two_minutes_ago}")
    before = conn.execute("SELECT last_seen FROM sessions").fetchall()
    other = Store(tmp_path / "workspace")  # another process's connection
    started = threading.Event()
    writer = threading.Thread(target=slow_write, args=(other, 2.0, started))
    writer.start()
    assert started.wait(5)
    began = time.monotonic()
    assert browser.get("/", params={"q": QUERY}).status_code == 200
    assert browser.get("/api/ask", params={"q": "kafka"}).status_code == 200
    assert time.monotonic() - began < 1.5 and writer.is_alive()
    assert conn.execute("SELECT last_seen FROM sessions").fetchall() == before
    writer.join()
    assert browser.get("/api/ask", params={"q": "kafka"}).status_code == 200
    assert conn.execute("SELECT last_seen FROM sessions").fetchall() != before
    other.close()
    service.close()


def test_one_app_served_from_several_event_loops(demo_workspace: Path, tmp_path: Path) -> None:
    """Each event loop has its own lanes: three test clients in three threads (each its own
    loop) on one app all get their answers."""
    service, app = lane_app(demo_workspace, tmp_path, 1)
    answers: list[int] = []

    def browse() -> None:
        with TestClient(app, base_url="https://testserver") as browser:
            answers.extend(browser.get("/login").status_code for _ in range(4))

    threads = [threading.Thread(target=browse) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert answers == [200] * 12
    service.close()
