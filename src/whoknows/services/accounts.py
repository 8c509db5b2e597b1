"""Accounts of the web app and the API: create, log in (throttled), sessions, disable,
delete, reset a password."""

from __future__ import annotations

from datetime import UTC, datetime

from whoknows import accounts, sessions
from whoknows.accounts import Account, User
from whoknows.errors import UsageError, WhoknowsError
from whoknows.i18n import N_
from whoknows.services.people import PeopleService
from whoknows.services.privacy import PrivacyService
from whoknows.services.throttle import LoginThrottle
from whoknows.services.workspace import Workspace
from whoknows.store import utc_now
from whoknows.vocab import UserRole


class LoginThrottled(WhoknowsError):
    """Too many failed logins: the web answers 429 with Retry-After."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            N_("too many failed logins"),
            N_("wait %(minutes)s minutes and try again")
            if minutes > 1
            else N_("wait a minute and try again"),
            minutes=minutes,
        )
        self.retry_after = retry_after


class AccountService:
    def __init__(self, workspace: Workspace, people: PeopleService, audit: PrivacyService) -> None:
        self.workspace = workspace
        self.people = people
        self.audit = audit
        self.throttle = LoginThrottle.from_settings(workspace.settings, workspace.store)

    def create(self, username: str, password: str, role: str, person: str | None = None) -> User:
        person_id = self.people.resolve(person) if person else None
        with self.workspace.store(create=True).transaction() as conn:
            return accounts.create_user(conn, username, password, role, person_id, utc_now())

    def authenticate(self, username: str, password: str) -> User | None:
        # no write transaction around the password check: Argon2 takes tens of milliseconds
        # and logins (and every other write) would queue behind it
        user = accounts.authenticate(self.workspace.store().conn, username, password)
        self.audit.record(user, username[:64], "login" if user else "login failed", "")
        return user

    def login(self, username: str, password: str, address: str | None) -> User | None:
        """The user, None for a wrong username or password, LoginThrottled when this username
        or address failed too often (checked before the password)."""
        keys = self.throttle.keys(username, address)
        wait = self.throttle.retry_after(keys)
        if wait:
            self.audit.record(None, username[:64], "login throttled", address or "")
            raise LoginThrottled(wait)
        user = self.authenticate(username, password)
        if user is None:
            self.throttle.failed(keys)
        else:
            self.throttle.succeeded(username)
        return user

    # -- sessions ----------------------------------------------------------------------------
    def open_session(self, user: User) -> str:
        hours = self.workspace.settings.session_hours
        with self.workspace.store().transaction() as conn:
            return sessions.open_session(conn, user.id, datetime.now(UTC), hours)

    def session_user(self, session_id: str) -> User | None:
        """The user of a live session (None: unknown, revoked, expired, idle, disabled)."""
        now = datetime.now(UTC)
        conn = self.workspace.store().conn
        found = sessions.session_user(
            conn, session_id, now, self.workspace.settings.session_idle_minutes
        )
        if found is None:
            return None
        user_id, stale = found
        if stale:  # written when the store is free: a request never waits for it
            with self.workspace.store().write_if_free() as writing:
                if writing is not None:
                    sessions.touch(writing, session_id, now)
        return accounts.get_user(conn, user_id)

    def close_session(self, session_id: str) -> None:
        with self.workspace.store().transaction() as conn:
            sessions.close_session(conn, session_id)

    # -- administration ----------------------------------------------------------------------
    def get(self, user_id: int) -> User | None:
        return accounts.get_user(self.workspace.store().conn, user_id)

    def users(self) -> list[User]:
        return accounts.list_users(self.workspace.store().conn)

    def all_accounts(self) -> list[Account]:
        return accounts.list_accounts(self.workspace.store().conn)

    def require(self, username: str) -> User:
        return accounts.require_user(self.workspace.store().conn, username)

    def _keep_an_admin(self, username: str) -> None:
        admins = [u for u in self.users() if u.role == UserRole.ADMIN]
        if [u.username for u in admins] == [username]:
            raise UsageError(
                N_("%(username)s is the last admin who can log in"),
                N_("add another admin first"),
                username=repr(username),
            )

    def disable(self, username: str, by: User | None = None) -> User:
        self._keep_an_admin(username)
        with self.workspace.store().transaction() as conn:
            user = accounts.set_disabled(conn, username, True)
        self.audit.record(by, by.username if by else None, "disable account", username)
        return user

    def enable(self, username: str, by: User | None = None) -> User:
        with self.workspace.store().transaction() as conn:
            user = accounts.set_disabled(conn, username, False)
        self.audit.record(by, by.username if by else None, "enable account", username)
        return user

    def delete(self, username: str, by: User | None = None) -> User:
        self._keep_an_admin(username)
        with self.workspace.store().transaction() as conn:
            user = accounts.delete_user(conn, username)
        self.audit.record(by, by.username if by else None, "delete account", username)
        return user

    def reset_password(self, username: str, password: str, by: User | None = None) -> User:
        """A new password; every session of the account ends."""
        with self.workspace.store().transaction() as conn:
            user = accounts.set_password(conn, username, password)
        self.audit.record(by, by.username if by else None, "reset password", username)
        return user
