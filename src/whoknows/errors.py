"""The one exception hierarchy of whoknows.

Every error a user can cause derives from :class:`WhoknowsError` and renders as one line that
says what was wrong, where, and what to do. Third-party exceptions are mapped to these at the
boundary where they occur.

Messages are written in English. A message marked for the catalogue (``N_``) with
``%(name)s`` placeholders and its values given as keyword arguments is shown in the reader's
language by ``one_line(translator)``; values wrapped in :class:`Term` (whoknows's own words,
such as the name of a form field) are translated with it.
"""

from __future__ import annotations

from typing import Protocol

from whoknows.i18n import N_

# a message and what to do about it, on one line
JOINED = N_("%(message)s; %(hint)s")


class Gettext(Protocol):
    def gettext(self, message: str) -> str: ...


class Term(str):
    """A word of whoknows inside an error message (marked with ``N_`` where it is written),
    translated with the message; any other value is shown as it is."""

    __slots__ = ()


class WhoknowsError(Exception):
    """Base class: a problem the user can act on."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "", **values: object) -> None:
        self.message = message
        self.values = values
        if hint:
            self.hint = hint
        super().__init__(self.one_line())

    def one_line(self, language: Gettext | None = None) -> str:
        """The message and its hint on one line, in ``language`` (English without one)."""

        def said(text: str) -> str:
            if language is not None and text:
                text = language.gettext(text)
            if not self.values:
                return text
            values = {
                key: language.gettext(value)
                if language is not None and isinstance(value, Term) and value
                else value
                for key, value in self.values.items()
            }
            return text % values

        text = said(self.message)
        if self.hint:
            joined = language.gettext(JOINED) if language is not None else JOINED
            text = joined % {"message": text, "hint": said(self.hint)}
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
