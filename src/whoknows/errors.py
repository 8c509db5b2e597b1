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

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from whoknows.i18n import N_, Term

# a message and what to do about it, on one line
JOINED = N_("%(message)s; %(hint)s")
# the file (and position) a message is about, then the message
PLACED = N_("%(where)s: %(message)s")
# what to do about broken input, unless the connector says better
FIX_INPUT = N_("fix or remove this file, or rerun with --skip-errors to skip what is broken")


class Gettext(Protocol):
    def gettext(self, message: str) -> str: ...


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

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its fields (an error raised in another process, a Spark worker say,
        arrives whole: its message, hint, place and values, still translatable)."""
        return (_unpickled, (type(self), dict(self.__dict__)))

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


def _unpickled(cls: type[WhoknowsError], state: dict[str, object]) -> WhoknowsError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error.one_line())
    return error


@dataclass(frozen=True)
class Position:
    """Where in a file a problem is, written the same way by every reader after the file's
    name and a colon (``FILE:POSITION: reason``):

    - ``LINE:COLUMN``, or ``LINE`` when the column is not known, both counted from 1, wherever
      the file has lines (JSON, CSV, XML, YAML, mbox, TSV...): ``export.json:1:27``;
    - otherwise what locates it in the format's own structure: ``entry N`` (the Nth record,
      from 1), ``entry KEY=VALUE`` (the record with that id), ``$.a.b`` (a JSON path, for a
      document whose shape is wrong), ``byte N`` (a binary file), or a name of the format's
      (``folder Inbox, message 3`` in a .pst archive).

    A problem with the file as a whole (missing, unreadable, of another format) has none.
    """

    line: int | None = None
    column: int | None = None
    locator: str = ""

    def __post_init__(self) -> None:
        if self.line is not None:
            sound = self.line >= 1 and (self.column or 1) >= 1 and not self.locator
        else:  # a line written as a locator would bring back "line 3" next to "3"
            first = self.locator[:1]
            sound = self.column is None and (first.isalpha() or first == "$")
            sound = sound and not self.locator.startswith("line")
        if not sound:
            raise ValueError(f"not a position: {self!r} (use Position.at for lines)")

    def __str__(self) -> str:
        if self.line is None:
            return self.locator
        return f"{self.line}:{self.column}" if self.column is not None else str(self.line)

    @classmethod
    def at(cls, line: int, column: int | None = None) -> Position:
        """A line (and column) of a text file, both from 1."""
        return cls(line=line, column=column)

    @classmethod
    def decoding(cls, error: UnicodeDecodeError) -> Position:
        """The line and column (in bytes) of the first byte that is not valid in a buffer
        decoded whole (``read_bytes().decode()``, ``read_text()``)."""
        data = bytes(error.object[: error.start])
        return cls.at(data.count(b"\n") + 1, error.start - (data.rfind(b"\n") + 1) + 1)

    @classmethod
    def undecodable(cls, path: Path, encoding: str = "utf-8") -> Position | None:
        """The line and column (in bytes) of the first byte of PATH that is not valid in
        ``encoding``, found line by line (for readers that decode as they stream, whose
        errors count from the start of a chunk); None when every line decodes."""
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                try:
                    raw.decode(encoding)
                except UnicodeDecodeError as error:
                    return cls.at(number, error.start + 1)
        return None

    @classmethod
    def entry(cls, number: int) -> Position:
        """The NUMBERth record (from 1) of a list, a dump or an archive."""
        return cls(locator=f"entry {number}")

    @classmethod
    def keyed(cls, key: str, value: object) -> Position:
        """The record whose KEY is VALUE (``entry id=42``)."""
        return cls(locator=f"entry {key}={value}")

    @classmethod
    def json(cls, path: str) -> Position:
        """A JSON path (``$.messages``) where a document's shape is not the expected one; the
        whole document, ``$``, is its first line (a hospital's evaluator could do nothing with
        ``export.json:$:``)."""
        assert path.startswith("$"), path
        return cls.at(1) if path == "$" else cls(locator=path)

    @classmethod
    def byte(cls, offset: int) -> Position:
        """An offset in a binary file (a .msg, a .pst, a zip), from 0."""
        return cls(locator=f"byte {offset}")

    @classmethod
    def named(cls, locator: str) -> Position:
        """A place in the format's own terms (``folder Inbox, message 3``, ``comment 4521``)."""
        return cls(locator=locator)

    def then(self, locator: str) -> Position:
        """A place inside this one (``entry 3, reply 2``)."""
        return Position(locator=f"{self}, {locator}")


def located(path: str, position: Position | str | None) -> str:
    """``FILE:POSITION``, or ``FILE`` without a position: how every problem names its place."""
    return f"{path}:{position}" if position else path


class InputError(WhoknowsError):
    """A source file is malformed, truncated, in the wrong format or unreadable: ``reason``
    (a template, its values given as keyword arguments) at ``path`` and ``position``."""

    def __init__(
        self, path: str, position: Position | None, reason: str, hint: str = "", **values: object
    ) -> None:
        super().__init__(reason, hint or FIX_INPUT, where=located(path, position), **values)
        self.path = path
        self.position = str(position) if position is not None else ""

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


class EngineError(WhoknowsError):
    """The ingest engine cannot run: Spark or Java missing, a master URL that does not
    answer, a job that failed on the cluster."""


class VerificationError(WhoknowsError):
    """A request's signature or token does not verify (chat integrations answer 401)."""
