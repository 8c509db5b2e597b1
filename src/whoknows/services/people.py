"""People: the directory as the store holds it, identity overrides, and finding a person."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container

from whoknows.errors import NotFoundError, UsageError
from whoknows.i18n import N_
from whoknows.identity import name_key, near_names
from whoknows.identity.addresses import mask_email
from whoknows.identity.admin import MergeResult, merge_people, split_alias
from whoknows.identity.likely_same import LikelySame, likely_same
from whoknows.ingest import connectors
from whoknows.services.workspace import Workspace
from whoknows.store import persons, utc_now
from whoknows.store.persons import PersonDetail, PersonSummary

_MAILBOX = re.compile(r"([\w.+\-]+)@")  # (an address's first part: a login of its own tools)


class PeopleService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def list_people(self, search: str | None = None, limit: int = 50) -> list[PersonSummary]:
        return persons.list_people(self.workspace.store().conn, search, limit)

    def show(self, person_id: int) -> PersonDetail:
        """A person's entry with every alias; email addresses masked wherever they occur, and
        so is a login that is an address's first part ("zoe.lefevre", a Jira login joined to
        zoe.lefevre@…: the two together are the address)."""
        detail = persons.person_detail(self.workspace.store().conn, person_id)
        mailboxes = {m.lower() for a in detail.aliases for m in _MAILBOX.findall(a.value)}
        login = re.compile("|".join(rf"(?<![\w.]){re.escape(m)}(?![\w@])" for m in mailboxes))

        def masked(value: str) -> str:
            if mailboxes:
                value = login.sub(lambda found: found.group()[:1] + "•••", value)
            return mask_email(value)

        aliases = [dataclasses.replace(a, value=masked(a.value)) for a in detail.aliases]
        merges = [
            dataclasses.replace(m, reason=m.reason and masked(m.reason)) for m in detail.merges
        ]
        return dataclasses.replace(detail, aliases=aliases, merges=merges)

    def likely_same(self, of_entry: int | None = None) -> list[LikelySame]:
        """People the directory does not list whose login spells one entry's name, to merge
        once confirmed (``identity.likely_same``)."""
        return likely_same(self.workspace.store().conn, of_entry)

    def merge(self, keep: int, merge: int) -> MergeResult:
        store = self.workspace.store()
        with store.transaction() as conn:
            result = merge_people(conn, keep, merge, utc_now())
            store.bump_generation()
        return result

    def split(self, person_id: int, alias_id: int) -> int:
        store = self.workspace.store()
        with store.transaction() as conn:
            new_id = split_alias(conn, person_id, alias_id, utc_now())
            store.bump_generation()
        return new_id

    def resolve(self, reference: str) -> int:
        """A person from our id, ``connector:native id`` (stackexchange:1231, directory:e01,
        slack:imoreau), an email address or a full name."""
        return self._one(reference, self._matches(reference, None))

    def visible(self, reference: str, directory: Container[int]) -> int:
        """:meth:`resolve`, for a person in ``directory`` (the people who may be shown): a
        name a hidden person shares names the shown one alone, as if the other did not exist
        ("names 2 people (27, 28)" told a viewer that someone of that name had opted out)."""
        return self._one(reference, self._matches(reference, directory))

    def _matches(self, reference: str, within: Container[int] | None) -> list[int]:
        """Who ``reference`` names (of ``within``, when given): an id, a native id, else
        everyone the name gives, the one listed under it exactly when it is one ("Inès
        Moreau" is her, not also "Ines Moreau")."""
        conn = self.workspace.store().conn
        text = reference.strip()

        def kept(found: list[int]) -> list[int]:
            return found if within is None else [p for p in found if p in within]

        if text.isdigit() and len(text) < 19 and persons.exists(conn, int(text)):
            return kept([int(text)])
        prefix, colon, native = text.partition(":")
        sources = {name: c.source for name, c in connectors().items()}
        sources.update({source: source for source in sources.values()})  # ("directory:e01")
        if colon and prefix in sources:
            found = persons.person_with_native_id(conn, sources[prefix], native)
            if found is not None:
                return kept([found])
        if "@" in text and " " not in text and within is None:  # (an administrator's: to
            # others an address is never shown, nor told whose it is)
            return persons.people_with_email(conn, text)
        key = name_key(text)
        # everyone the name gives: by its key, and by the name they are listed under (a
        # name without a key, "Madonna"; two people split apart who share one)
        named = kept(persons.people_with_key(conn, "name", key) if key else [])
        candidates = sorted({*named, *kept(persons.people_named(conn, text))})
        listed = [p for p in candidates if persons.listed_as(conn, p, text)]  # (case aside)
        return listed if len(listed) == 1 else candidates

    def _one(self, reference: str, matches: list[int]) -> int:
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UsageError(
                N_("%(reference)s names %(count)s people (%(ids)s)"),
                N_("give the person's id instead"),
                reference=repr(reference),
                count=len(matches),
                ids=", ".join(map(str, matches)),
            )
        # (the words of an unknown reference: others would tell who opted out)
        raise self.unknown(reference)

    def unknown(self, reference: str, suggest: bool = True) -> NotFoundError:
        """No such person; the names of the directory nearest to a mistyped one, if any
        (only people the directory shows: a hidden person's name is never suggested; none
        without ``suggest``, for a person refused on what they hid)."""
        shown = persons.visible_names(self.workspace.store().conn) if suggest else []
        near = near_names(reference, shown)
        if near:
            return NotFoundError(
                N_("no person %(reference)s"),
                N_("did you mean %(names)s? Give the name as listed, or an id"),
                reference=repr(reference),
                names=" or ".join(repr(name) for name in near),
            )
        return NotFoundError(
            N_("no person %(reference)s"),
            N_("give an id from `whoknows people list`, connector:native-id, or a full name"),
            reference=repr(reference),
        )

    def default_label_source(self) -> str:
        """The connector to name people by when only one source has native person ids."""
        sources = persons.native_sources(self.workspace.store().conn)
        if len(sources) != 1:
            raise UsageError(
                N_("cannot tell which source's ids the qrels use"),
                N_("pass --label-by with one of the connectors of: %(sources)s"),
                sources=", ".join(sorted(sources)),
            )
        for name, cls in sorted(connectors().items()):
            if cls.source == sources[0]:
                return name
        return sources[0]

    def timeline(self, person_id: int) -> list[tuple[str, int]]:
        """Evidence items per month, oldest first."""
        return persons.monthly_activity(self.workspace.store().conn, person_id)
