"""The connector contract and the context a connector reports problems through."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from whoknows.errors import InputError, Position
from whoknows.i18n import N_, Message
from whoknows.records import Record


@dataclass(frozen=True)
class ConnectorOption:
    """An option a connector declares; the CLI offers it as ``--NAME`` and the demo manifest
    and the service pass it through ``IngestContext.options`` by ``key``."""

    name: str  # the CLI flag without dashes, e.g. "base-url"
    help: str
    is_path: bool = False  # a file the user names (checked to exist before the ingest)
    default: int | None = None  # set for a whole-number option (checked to be >= 1)
    example: str = ""  # a valid value (the connector contract check parses with it)
    # the items' ids hold what it reads (a CSV's time zone): a source ingested again with
    # another value would be stored twice, so the value of its last ingest is required
    names_items: bool = False

    @property
    def key(self) -> str:
        return self.name.replace("-", "_")


# what to do when the path given to the ingest is not what the connector reads
WRONG_SOURCE = N_("check the path, and the connector: `whoknows connectors` says what each reads")

BASE_URL = ConnectorOption(
    "base-url", N_("Site address used to build evidence links."), example="https://example.org"
)


@dataclass
class IngestContext:
    """Shared by a connector and the ingest run: error policy, skip counts, settings.

    A connector calls :meth:`problem` for broken input: it raises in strict mode and records a
    skip with ``--skip-errors``. It calls :meth:`skip` for input it leaves out on purpose
    (bots, empty messages, attachments), which is reported but is not an error, and
    :meth:`note` for input it keeps but treats specially.

    Every reason is a catalogue template (``N_``) whose ``%(name)s`` placeholders keyword
    values fill (a :class:`whoknows.i18n.Term` value is a word, translated with it). Skips and
    notes are counted by their English text (what the report stores and ``--json`` prints);
    ``reasons`` keeps, for each such text, the message that says it in another language.
    """

    skip_errors: bool = False
    options: dict[str, str] = field(default_factory=dict)
    # the path given to the ingest: a problem with it as a whole is never skipped (nothing of
    # it could be read, and --skip-errors would make reading nothing a success)
    source: str = ""
    problems: list[InputError] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    reasons: dict[str, Message] = field(default_factory=dict)  # English text -> its message

    def option(self, key: str) -> str | None:
        """The value of a declared option (by its ``key``), or None when not given."""
        value = self.options.get(key)
        return value if value else None

    def count(self, option: ConnectorOption) -> int:
        """The value of a declared whole-number option, or its default."""
        value = self.option(option.key)
        return int(value) if value else int(option.default or 0)

    @property
    def base_url(self) -> str | None:
        return self.option(BASE_URL.key)

    def problem(
        self,
        path: str | Path,
        position: Position | None,
        reason: str,
        hint: str = "",
        **values: object,
    ) -> None:
        """Broken input at ``position`` of ``path`` (None: the file as a whole; see
        :class:`whoknows.errors.Position` for how positions are written): ``reason`` is a
        catalogue template (``N_``) whose ``%(name)s`` placeholders ``values`` fill."""
        if not hint and position is None and str(path) == self.source:
            hint = WRONG_SOURCE
        self.report(InputError(str(path), position, reason, hint, **values))

    def report(self, error: InputError) -> None:
        """A problem found already (by another reader of the same file): raised in strict
        mode, else recorded and counted as :meth:`problem` does."""
        if not self.skip_errors or (error.path == self.source and not error.position):
            raise error
        self.problems.append(error)
        self.skipped["error: " + error.kind()] += 1

    def quiet(self) -> IngestContext:
        """A context for reading input a second time: its problems are reported when it is
        read for storing, so here they are recorded and forgotten."""
        return replace(
            self, problems=[], skipped=Counter(), notes=Counter(), reasons={}, skip_errors=True
        )

    def merge(self, other: IngestContext) -> None:
        """Add what ``other`` (the context of one part of the same source) recorded."""
        self.problems.extend(other.problems)
        self.skipped.update(other.skipped)
        self.notes.update(other.notes)
        for english, message in other.reasons.items():
            self.reasons.setdefault(english, message)

    def skip(self, reason: str, count: int = 1, /, **values: object) -> None:
        """``count`` pieces of input left out on purpose, for ``reason`` (a template)."""
        self.skipped[self._english(reason, values)] += count

    def note(self, remark: str, count: int = 1, /, **values: object) -> None:
        """Something kept but treated specially (a down-weighted merge commit, say)."""
        self.notes[self._english(remark, values)] += count

    def _english(self, template: str, values: dict[str, object]) -> str:
        message = Message(template, values)
        english = message.said()
        self.reasons.setdefault(english, message)
        return english


@runtime_checkable
class Connector(Protocol):
    """A source format. ``parse`` streams records from PATH and never touches the store.

    Contract (whoknows.testing.check_connector; tests/test_contracts.py runs it on each one):
    - ``name`` is the CLI name; ``source`` is the source of every record and person reference
      it yields (connectors of one family share it: mbox and maildir both yield ``mail``);
    - ``parse`` is a generator: it yields as it reads and holds no whole export in memory
      beyond what the format forces;
    - native ids are stable across runs, so ingesting the same input twice adds nothing;
    - broken input goes through ``context.problem`` with the file and a position;
    - ``options`` declares every option it reads from ``context.options`` (empty if none).
    """

    name: ClassVar[str]
    source: ClassVar[str]
    description: ClassVar[str]
    options: ClassVar[tuple[ConnectorOption, ...]]

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]: ...


@dataclass(frozen=True)
class Part:
    """One piece of a source that a :class:`Splittable` connector parses on its own: the
    entries ``start`` (from 0) up to ``stop`` (None: to the end) of one ``section`` of it (a
    file, a kind of record: the connector says)."""

    section: str
    start: int = 0
    stop: int | None = None

    def holds(self, index: int) -> bool:
        """Whether entry ``index`` of the section is this part's."""
        return self.start <= index and (self.stop is None or index < self.stop)


@runtime_checkable
class Splittable(Protocol):
    """A connector whose source splits into parts that can be parsed apart (by the spark
    engine, on other machines). A connector that is not one is parsed whole, in one task.

    Contract (whoknows.testing.check_connector): ``parse_part`` over ``parts(path, context,
    wanted)``, in that order, yields exactly the records ``parse(path)`` yields, in the same
    order, and records the same problems, skips and notes, whatever ``wanted`` (a hint: how
    many parts the engine would like); ``parts`` checks the source as ``parse`` does (broken
    input through ``context.problem``) and reads little of it; a part reads only PATH.
    """

    def parts(self, path: Path, context: IngestContext, wanted: int) -> list[Part]: ...

    def parse_part(self, path: Path, part: Part, context: IngestContext) -> Iterator[Record]: ...
