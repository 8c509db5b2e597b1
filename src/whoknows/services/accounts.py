"""Accounts of the web app and the API: create, authenticate, list."""

from __future__ import annotations

from whoknows import accounts
from whoknows.accounts import User
from whoknows.services.people import PeopleService
from whoknows.services.privacy import PrivacyService
from whoknows.services.workspace import Workspace
from whoknows.store import utc_now


class AccountService:
    def __init__(self, workspace: Workspace, people: PeopleService, audit: PrivacyService) -> None:
        self.workspace = workspace
        self.people = people
        self.audit = audit

    def create(self, username: str, password: str, role: str, person: str | None = None) -> User:
        person_id = self.people.resolve(person) if person else None
        with self.workspace.store(create=True).transaction() as conn:
            return accounts.create_user(conn, username, password, role, person_id, utc_now())

    def authenticate(self, username: str, password: str) -> User | None:
        # no write transaction around the password check: Argon2 takes tens of milliseconds
        # and logins (and every other write) would queue behind it
        user = accounts.authenticate(self.workspace.store().conn, username, password)
        self.audit.record(user, username, "login" if user else "login failed", "")
        return user

    def get(self, user_id: int) -> User | None:
        return accounts.get_user(self.workspace.store().conn, user_id)

    def users(self) -> list[User]:
        return accounts.list_users(self.workspace.store().conn)

    def require(self, username: str) -> User:
        return accounts.require_user(self.workspace.store().conn, username)
