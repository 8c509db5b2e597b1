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
# the file (and position) a message is about, then the message
PLACED = N_("%(where)s: %(message)s")
# what to do about broken input, unless the connector says better
FIX_INPUT = N_("fix or remove this file, or rerun with --skip-errors to skip what is broken")


class Gettext(Protocol):
    def gettext(self, message: str) -> str: ...


class Term(str):
    """A word of whoknows inside an error message (marked with ``N_`` where it is written),
    translated with the message; any other value is shown as it is."""

    __slots__ = ()


class WhoknowsError(Exception):
    """Base class: a problem the user can act on.

    ``message`` and ``hint`` are catalogue templates (``N_``) with ``%(name)s`` placeholders
    filled from ``values``; ``where`` (a file, a folder, ``file:line``) is shown first, as it
    is."""

    hint: str = ""
    where: str = ""

    def __init__(self, message: str, hint: str = "", *, where: str = "", **values: object) -> None:
        self.message = message
        self.values = values
        if hint:
            self.hint = hint
        if where:
            self.where = where
        super().__init__(self.one_line())

    def _said(self, text: str, language: Gettext | None) -> str:
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

    def _template(self, text: str, language: Gettext | None) -> str:
        return language.gettext(text) if language is not None else text

    def one_line(self, language: Gettext | None = None, with_hint: bool = True) -> str:
        """Where, the message and its hint on one line, in ``language`` (English without
        one); ``with_hint=False`` leaves the hint out (a problem that was skipped)."""
        text = self._said(self.message, language)
        if self.hint and with_hint:
            text = self._template(JOINED, language) % {
                "message": text,
                "hint": self._said(self.hint, language),
            }
        if self.where:
            text = self._template(PLACED, language) % {"where": self.where, "message": text}
        return " ".join(text.split())


class InputError(WhoknowsError):
    """A source file is malformed, truncated, in the wrong format or unreadable: ``reason``
    (a template, its values given as keyword arguments) at ``path`` and ``position``."""

    def __init__(
        self, path: str, position: str, reason: str, hint: str = "", **values: object
    ) -> None:
        where = f"{path}:{position}" if position else path
        super().__init__(reason, hint or FIX_INPUT, where=where, **values)
        self.path = path
        self.position = position

    @property
    def reason(self) -> str:
        """The reason in English, without the place or the hint."""
        return self._said(self.message, None)

    def kind(self, language: Gettext | None = None) -> str:
        """What kind of problem this is, to count alike ones together: the reason up to its
        first colon ("invalid JSON (Expecting value"), in ``language``."""
        return self._said(self.message, language).split(":")[0].strip()


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
