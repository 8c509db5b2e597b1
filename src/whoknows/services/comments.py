"""Comments on portfolios and engagements: limited safe HTML; a commenter's email is never
shown."""

from __future__ import annotations

from dataclasses import replace

from whoknows import comments
from whoknows.accounts import User
from whoknows.comments import Comment
from whoknows.engage import model as engagement_model
from whoknows.errors import NotFoundError
from whoknows.i18n import N_
from whoknows.identity.addresses import mask_addresses, mask_addresses_in_html
from whoknows.services.privacy import PrivacyService
from whoknows.services.workspace import Workspace
from whoknows.store import persons, utc_now
from whoknows.vocab import CommentTarget


class CommentService:
    def __init__(self, workspace: Workspace, privacy: PrivacyService) -> None:
        self.workspace = workspace
        self.privacy = privacy

    def _check_target(self, target: CommentTarget, target_id: int) -> None:
        conn = self.workspace.store().conn
        if target == CommentTarget.PERSON and not persons.exists(conn, target_id):
            raise NotFoundError(N_("no person with id %(id)s"), id=target_id)
        if target == CommentTarget.ENGAGEMENT:
            engagement_model.load(conn, str(target_id))

    def on(
        self, target: CommentTarget, target_id: int, include_hidden: bool = False
    ) -> list[Comment]:
        conn = self.workspace.store().conn
        hidden = self.workspace.hidden_mentions()
        found = comments.list_comments(conn, target, target_id, include_hidden)
        # no address is shown whole, to anyone: masked here, where comments leave for the
        # pages and the API, so that the stored comment keeps what its writer typed; read as
        # the HTML renders ("carol.hid<b></b>@corvid.example" shows one address)
        return [
            replace(
                c,
                html=mask_addresses_in_html(hidden.mask(c.html) or ""),
                author=mask_addresses(hidden.mask(c.author) or ""),
            )
            for c in found
        ]

    def add(self, target: CommentTarget, target_id: int, text: str, user: User) -> Comment:
        """A comment by ``user``: the author shown is the account's display name (the linked
        person's name, else the username), never an email address."""
        self._check_target(target, target_id)
        with self.workspace.store().transaction() as conn:
            return comments.add_comment(
                conn, target, target_id, user.shown_name, text, user.id, utc_now()
            )

    def moderate(self, comment_id: int, status: str, user: User | None = None) -> None:
        with self.workspace.store().transaction() as conn:
            comments.moderate(conn, comment_id, status)
        username = user.username if user else None
        self.privacy.record(user, username, f"comment {status}", str(comment_id))
