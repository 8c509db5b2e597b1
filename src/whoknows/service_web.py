"""Accounts, comments, audit, erasure and privacy settings of the service facade."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from whoknows import accounts, comments, privacy
from whoknows.errors import NotFoundError
from whoknows.store import utc_now

if TYPE_CHECKING:
    from whoknows.accounts import User
    from whoknows.comments import Comment
    from whoknows.store import Store

AGGREGATE_ONLY = "aggregate_only_viewers"


class WebMixin:
    # provided by Whoknows
    def store(self, create: bool = False) -> Store:
        raise NotImplementedError

    def resolve_person(self, reference: str) -> int:
        raise NotImplementedError

    def reindex(self) -> dict[str, object]:
        raise NotImplementedError

    # -- accounts --------------------------------------------------------------------------
    def create_user(
        self, username: str, password: str, role: str, person: str | None = None
    ) -> User:
        person_id = self.resolve_person(person) if person else None
        with self.store(create=True).transaction() as conn:
            return accounts.create_user(conn, username, password, role, person_id, utc_now())

    def authenticate(self, username: str, password: str) -> User | None:
        store = self.store()
        with store.transaction() as conn:
            user = accounts.authenticate(conn, username, password)
            privacy.audit(
                conn,
                utc_now(),
                user.id if user else None,
                username,
                "login" if user else "login failed",
            )
        return user

    def user(self, user_id: int) -> User | None:
        return accounts.get_user(self.store().conn, user_id)

    def users(self) -> list[User]:
        return accounts.list_users(self.store().conn)

    # -- comments --------------------------------------------------------------------------
    def comments(
        self, target_type: str, target_id: int, include_hidden: bool = False
    ) -> list[Comment]:
        return comments.list_comments(self.store().conn, target_type, target_id, include_hidden)

    def add_comment(
        self,
        target_type: str,
        target_id: int,
        name: str,
        email: str,
        text: str,
        user: User | None = None,
    ) -> Comment:
        if target_type == "person":
            self._require_person(target_id)
        with self.store().transaction() as conn:
            return comments.add_comment(
                conn,
                target_type,
                target_id,
                name,
                email,
                text,
                user.id if user else None,
                utc_now(),
            )

    def moderate_comment(self, comment_id: int, status: str, user: User | None = None) -> None:
        with self.store().transaction() as conn:
            comments.moderate(conn, comment_id, status)
            privacy.audit(
                conn,
                utc_now(),
                user.id if user else None,
                user.username if user else None,
                f"comment {status}",
                detail=str(comment_id),
            )

    # -- audit and privacy -----------------------------------------------------------------
    def record_view(self, user: User, person_id: int, where: str) -> None:
        """Write a view of someone else's profile to the audit log."""
        if user.person_id == person_id:
            return
        with self.store().transaction() as conn:
            privacy.audit(conn, utc_now(), user.id, user.username, "view profile", person_id, where)

    def audit_log(self, limit: int = 200) -> list[dict[str, object]]:
        return [
            dict(row)
            for row in self.store().conn.execute(
                "SELECT a.at, a.username, a.action, a.person_id, p.display_name AS person, a.detail"
                " FROM audit_log a LEFT JOIN persons p ON p.id = a.person_id"
                " ORDER BY a.id DESC LIMIT ?",
                (limit,),
            )
        ]

    def erase(self, reference: str, user: User | None = None) -> dict[str, int]:
        return self.erasure(reference, user).counts

    def erasure(self, reference: str, user: User | None = None) -> privacy.ErasureResult:
        """Erase a person for good (see whoknows.privacy.erasure), then rebuild the indexes."""
        person_id = self.resolve_person(reference)
        actor = (user.id, user.username) if user else (None, None)
        result = privacy.erase(self.store(), person_id, utc_now(), actor)
        self.reindex()
        return result

    def set_privacy(self, person_id: int, inference: bool, visibility: bool) -> None:
        store = self.store()
        with store.transaction() as conn:
            conn.execute(
                "UPDATE persons SET opt_out_inference = ?, opt_out_visibility = ? WHERE id = ?",
                (int(inference), int(visibility), person_id),
            )
            store.bump_generation()

    def unhide_topic(self, person_id: int, topic: str) -> None:
        with self.store().transaction() as conn:
            conn.execute(
                "DELETE FROM hidden_topics WHERE person_id = ? AND topic = ?",
                (person_id, topic.strip().lower()),
            )

    def hidden_topic_list(self, person_id: int) -> list[str]:
        return [
            row[0]
            for row in self.store().conn.execute(
                "SELECT topic FROM hidden_topics WHERE person_id = ? ORDER BY topic", (person_id,)
            )
        ]

    def aggregate_only(self) -> bool:
        return self.store().get_meta(AGGREGATE_ONLY, "0") == "1"

    def set_aggregate_only(self, enabled: bool) -> None:
        store = self.store()
        with store.transaction():
            store.set_meta(AGGREGATE_ONLY, "1" if enabled else "0")

    def person_flags(self, person_id: int) -> dict[str, bool]:
        row = self._require_person(person_id)
        return {"opt_out_inference": bool(row[0]), "opt_out_visibility": bool(row[1])}

    def timeline(self, person_id: int) -> list[tuple[str, int]]:
        """Evidence items per month, oldest first."""
        months: Counter[str] = Counter()
        for (date,) in self.store().conn.execute(
            "SELECT i.date FROM contributions c JOIN items i ON i.id = c.item_id"
            " WHERE c.person_id = ? AND i.date IS NOT NULL",
            (person_id,),
        ):
            months[date[:7]] += 1
        return sorted(months.items())

    def _require_person(self, person_id: int) -> tuple[int, int]:
        row = (
            self.store()
            .conn.execute(
                "SELECT opt_out_inference, opt_out_visibility FROM persons WHERE id = ?",
                (person_id,),
            )
            .fetchone()
        )
        if row is None:
            raise NotFoundError(f"no person with id {person_id}")
        return row[0], row[1]
