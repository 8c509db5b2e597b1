"""The one exception hierarchy of whoknows.

Every error a user can cause derives from :class:`WhoknowsError` and renders as one line that
says what was wrong, where, and what to do. Third-party exceptions are mapped to these at the
boundary where they occur.
"""

from __future__ import annotations


class WhoknowsError(Exception):
    """Base class: a problem the user can act on."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        if hint:
            self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        text = self.message
        if self.hint:
            text = f"{text}; {self.hint}"
        return " ".join(text.split())


class InputError(WhoknowsError):
    """A source file is malformed, truncated, in the wrong format or unreadable."""

    def __init__(self, path: str, position: str, message: str, hint: str = "") -> None:
        where = f"{path}:{position}" if position else path
        super().__init__(
            f"{where}: {message}",
            hint or "fix or remove this file, or rerun with --skip-errors to skip what is broken",
        )
        self.path = path
        self.position = position
        self.reason = message


class UsageError(WhoknowsError):
    """The command was called with arguments that cannot work."""


class NotFoundError(WhoknowsError):
    """A person, connector, ranker or file named by the user does not exist."""


class WorkspaceError(WhoknowsError):
    """The workspace folder or its database cannot be used."""


class IndexStateError(WhoknowsError):
    """A derived index is missing or damaged (it can be rebuilt with `whoknows reindex`)."""


class VerificationError(WhoknowsError):
    """A request's signature or token does not verify (chat integrations answer 401)."""
