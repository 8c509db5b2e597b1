"""Resolve aliases to persons inside one ingest transaction, logging every merge.

Rules, strongest first (the first that matches wins):

1. the same native id in the same source;
2. the same email address (case-insensitive, "+tag" ignored; for two directory rows, under
   the same name too: a second export by other ids);
3. the same handle in the same source, or a handle the directory declares for any source;
4. the same full name (accents, case and order ignored), if exactly one person has it;
5. the same first initial and last name ("J. Smith"), if exactly one person has them;
6. an address alone ("kwatanabe@tessera.org") spelling exactly one person's name who has
   an address at its organisation already, never a mail provider's nor a forge's (an
   outsider's "jsmith" had joined the sales' John Smith: ``identity.likely_same`` suggests
   those); or a login of a tool the organisation runs ("zoe.lefevre") that is exactly one
   person's work address before the "@";
7. a reference with no id, email or handle (a display name only, such as a Stack Exchange
   post by a deleted account, "user2878") first meets the person the same label in the same
   source was resolved to before, then rules 4 to 6.

Every person gets an exact alias it can be found by again, so that ingesting the same input
twice finds the same people (the label of rule 7 exists for that: before it, a single-word
name, or a name that rule 4 found ambiguous, made a new person at every ingest).

Names never merge two people with their own account ids in one source (two "John Smith" of
a forum), nor two whose addresses are all at different organisations (a customer's namesake;
a mail provider's address may be anyone's second one), nor a single word. Every merge by
rules 2-5 is written to ``merges``; ``whoknows people merge/split`` overrides the rules.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from whoknows.bots import looks_like_bot
from whoknows.identity.exports import earlier_row
from whoknows.identity.keys import (
    ANY_SOURCE,
    DIRECTORY,
    LABEL,
    Identity,
    IdentityKeys,
    Signature,
    alias_keys,
    identity_keys,
    label_key,
    signature,
)
from whoknows.identity.names import (
    FORGES,
    forge_login,
    organisation_name,
    organisation_of,
    registry,
    spelt_keys,
)
from whoknows.identity.reasons import (
    SAME_EMAIL,
    SAME_HANDLE,
    SAME_INITIALS,
    SAME_LOGIN,
    SAME_NAME,
)
from whoknows.store.persons import new_person_id
from whoknows.text import first_last, name_words

__all__ = [
    "ANY_SOURCE",
    "LABEL",
    "Identity",
    "IdentityKeys",
    "IdentityResolver",
    "Resolution",
    "Signature",
    "alias_keys",
    "identity_keys",
    "label_key",
    "signature",
]


NAMING = frozenset({"name", "initials", "called"})  # (aliases two people may share)


@dataclass
class Resolution:
    person_id: int
    alias_id: int | None
    created: bool


class IdentityResolver:
    """Keeps the alias maps in memory for one ingest and writes new aliases as it goes."""

    def __init__(self, conn: sqlite3.Connection, now: str, ingest_id: int | None = None) -> None:
        self.conn = conn
        self.now = now
        self.ingest_id = ingest_id
        self.people_added = 0
        self.aliases_added = 0
        self.merges = 0
        self._rows: set[int] = set()  # (given a directory row by this ingest: kept on reload)
        self.reload()

    def reload(self) -> None:
        """Read the alias maps from the store (again, after people were merged)."""
        self._exact: dict[tuple[str, str, str], int] = {}
        self._alias_ids: dict[tuple[str, str, str, int], int] = {}
        self._names: dict[str, set[int]] = defaultdict(set)
        self._initials: dict[str, set[int]] = defaultdict(set)
        self._sourced: dict[int, set[tuple[str, str]]] = defaultdict(set)  # (source, registry)
        self._full_named: set[int] = set()
        self._organisations: dict[int, set[str]] = defaultdict(set)  # (of their addresses)
        self._listed: set[int] = set()  # (the directory's people)
        self._home: set[str] = set()  # (the names of the directory's organisations)
        self._private = {  # (who opted out or hid a topic: their namesakes follow them)
            p
            for (p,) in self.conn.execute(
                "SELECT id FROM persons WHERE opt_out_inference OR opt_out_visibility"
                " UNION SELECT person_id FROM hidden_topics"
            )
        }
        for alias_id, person_id, kind, source, key in self.conn.execute(
            "SELECT id, person_id, kind, source, key FROM aliases"
        ):
            self._remember(alias_id, person_id, kind, source, key)

    def _remember(self, alias_id: int, person_id: int, kind: str, source: str, key: str) -> None:
        self._alias_ids[(kind, source, key, person_id)] = alias_id
        if kind == "name":
            self._names[key].add(person_id)
            self._full_named.add(person_id)
        elif kind == "initials":
            self._initials[key].add(person_id)
        elif kind == LABEL:
            self._exact.setdefault((kind, source, key), person_id)
        else:
            self._exact.setdefault((kind, source, key), person_id)
            if kind == "source_id":
                self._sourced[person_id].add((source, registry(key)))
                if source == DIRECTORY:
                    self._listed.add(person_id)
                    self._home.update(map(organisation_name, self._organisations[person_id]))
            elif kind == "email" and (organisation := organisation_of(key)) is not None:
                self._organisations[person_id].add(organisation)
                if person_id in self._listed:
                    self._home.add(organisation_name(organisation))

    def resolve(self, identity: Identity, keys: IdentityKeys | None = None) -> Resolution:
        """The person ``identity`` is (``keys``: its :func:`identity_keys`, when known)."""
        keys = keys or identity_keys(identity)
        person_id, reason = self._find(identity, keys)
        created = person_id is None
        if person_id is None:
            person_id = self._create_person(identity)
            self._opted_out_as_namesakes(person_id, keys)
        elif person_id not in self._full_named:
            self._name_at_last(person_id, keys)
        alias_id = self._attach(person_id, keys)
        if reason is not None:
            self.merges += 1
            self.conn.execute(
                "INSERT INTO merges(at, action, kept_person, merged_person, alias_id, reason,"
                " actor) VALUES (?, 'auto', ?, NULL, ?, ?, 'resolver')",
                (self.now, person_id, alias_id, reason),
            )
        return Resolution(person_id, alias_id, created)

    def stored(self, identity: Identity) -> int | None:
        """The person stored under ``identity``'s id in its source (an account id, or the
        name a source gives as its id), if any."""
        if identity.native_id is None:
            return None
        return self._exact.get(("source_id", identity.source, identity.native_id))

    def _find(self, identity: Identity, keys: IdentityKeys) -> tuple[int | None, str | None]:
        if identity.native_id is not None:
            found = self._exact.get(("source_id", identity.source, identity.native_id))
            if found is not None:
                return found, None
        entry = (
            (identity.source, registry(identity.native_id or "")) if identity.directory else None
        )
        for key in keys.emails:
            found = self._exact.get(("email", ANY_SOURCE, key))
            if found is not None and entry in self._sourced[found]:  # (``identity.exports``)
                found = earlier_row(self.conn, (self._named(keys) - self._rows) & self._listed, key)
            if found is not None:
                return found, SAME_EMAIL % {"source": identity.source}
        account = identity.native_id if identity.account else None
        for key in keys.handles:  # (two directory rows are two people, whatever they share)
            for source in (identity.source, ANY_SOURCE):
                found = self._exact.get(("handle", source, key))
                if (
                    found is not None
                    and entry not in self._sourced[found]
                    and self._may_be_account(found, identity.source, account)
                ):
                    return found, SAME_HANDLE % {"handle": repr(key)}
        for forge, login, account in filter(None, map(forge_login, identity.emails)):
            found = self._exact.get(("handle", forge, login))  # (its login, from its address)
            if found is not None and self._may_be_account(found, forge, account):
                return found, SAME_HANDLE % {"handle": repr(login)}
        label = keys.label
        if label is not None and (found := self._exact.get((LABEL, identity.source, label))):
            return found, None
        for name, full, _ in keys.names:
            candidates = self._compatible(self._names.get(full or "", set()), identity, keys)
            if len(candidates) == 1:
                return candidates[0], SAME_NAME % {"name": repr(name)}
        for name, full, initials in keys.names:
            if not initials:
                continue
            candidates = self._compatible(self._initials.get(initials, set()), identity, keys)
            if full is not None:  # a full name only meets someone known by initials
                candidates = [p for p in candidates if p not in self._full_named]
            if len(candidates) == 1:
                return candidates[0], SAME_INITIALS % {"name": repr(name)}
        return self._by_address(identity, keys)

    def _by_address(self, identity: Identity, keys: IdentityKeys) -> tuple[int | None, str | None]:
        """Rule 6: an address alone whose name spells exactly one person's name, who has an
        address at the same organisation (a login alone of the organisation's own tools is
        joined once the ingest is written: ``identity.admin.join_logins``)."""
        if keys.names:
            return None, None
        for email in keys.emails:
            organisation, login = organisation_of(email), email.split("@")[0]
            spelling = self._compatible(self._spelling(login), identity, keys)
            if organisation is None or len(spelling) != 1:
                continue
            (person_id,) = spelling
            theirs = self._organisations.get(person_id)
            if theirs and self._same_organisation({organisation}, theirs):
                (name,) = self.conn.execute(
                    "SELECT display_name FROM persons WHERE id = ?", (person_id,)
                ).fetchone()
                return person_id, SAME_LOGIN % {"login": repr(login), "name": repr(name)}
        return None, None

    def _spelling(self, login: str) -> set[int]:
        """The people whose name ``login`` spells (``names.spelt_keys``)."""
        initials, names = spelt_keys(login)
        found = {p for key in initials for p in self._initials.get(key, ())}
        return found | {p for key in names for p in self._names.get(key, ())}

    def _compatible(self, people: set[int], identity: Identity, keys: IdentityKeys) -> list[int]:
        """People a name may merge into: none with another id in the same source, none whose
        addresses are all at other organisations than the identity's."""
        found = sorted(people)
        if identity.native_id is not None and identity.account:
            ids = registry(identity.native_id)
            found = [p for p in found if not self._has_account(p, identity.source, ids)]
        own = {o for key in keys.emails if (o := organisation_of(key)) is not None}
        if own:
            across = not identity.directory  # (see _same_organisation)
            found = [
                p for p in found if self._same_organisation(own, self._organisations.get(p), across)
            ]
        return found

    def _same_organisation(
        self, own: set[str], theirs: set[str] | None, across: bool = True
    ) -> bool:
        """Whether addresses at ``own`` and at ``theirs`` (none: any) may be one person's: an
        organisation in common, or the directory's own organisation's name under another
        ending (a law firm's IT manager wrote from its old ".com", the directory lists its
        ".fr": a fresh evaluator's; "acme.com" and "acme.io" stay two firms otherwise). Not
        while a directory entry is resolved: its name may be a namesake's of the same
        directory (an attacker's two Marie Martins; the one written first took the other's
        mail from the old domain): ``across`` False."""
        if not theirs or not own.isdisjoint(theirs):
            return True
        if not across:
            return False
        home = {organisation_name(o) for o in own} & self._home
        return bool(home & {organisation_name(o) for o in theirs})

    def _may_be_account(self, person_id: int, forge: str, account: str | None) -> bool:
        """Whether a person found by a forge login may be the account a private address
        names: any, unless the person holds another id of that forge (a login given up and
        taken again by someone else)."""
        if account is None or forge not in FORGES:
            return True
        held: set[str] = set()
        for kind, key, value in self.conn.execute(
            "SELECT kind, key, value FROM aliases WHERE person_id = ?"
            " AND ((kind = 'source_id' AND source = ?) OR kind = 'email')",
            (person_id, forge),
        ):
            found = (forge, "", key) if kind == "source_id" else forge_login(value)
            if found is not None and found[0] == forge and found[2] is not None:
                held.add(found[2])
        return not held or account in held

    def _has_account(self, person_id: int, source: str, own: str) -> bool:
        """Whether the person has an id in ``source`` that may be of the registry ``own``: the
        same one, or either unnamed (a bare id may be of any)."""
        held = self._sourced.get(person_id, set())
        return any(s == source and (r == own or not r or not own) for s, r in held)

    def _create_person(self, identity: Identity) -> int:
        display = next((first_last(n) for n in identity.names if n and "@" not in n), None)
        if display is None and (identity.handles or identity.emails):
            display = identity.handles[0] if identity.handles else identity.emails[0].split("@")[0]
        is_bot = identity.is_bot or any(looks_like_bot(n) for n in identity.names)
        is_bot = is_bot or any(looks_like_bot(None, e) for e in identity.emails)
        is_bot = is_bot or any(looks_like_bot(h) for h in identity.handles)
        display = display or f"{identity.source} user {identity.native_id}"
        person_id = new_person_id(self.conn)
        self.conn.execute(
            "INSERT INTO persons(id, display_name, is_bot, created_at) VALUES (?, ?, ?, ?)",
            (person_id, display, int(is_bot), self.now),
        )
        self.people_added += 1
        return person_id

    def _named(self, keys: IdentityKeys) -> set[int]:
        """The people who bear one of ``keys``' full names."""
        return {p for _, full, _ in keys.names if full for p in self._names.get(full, ())}

    def _opted_out_as_namesakes(self, person_id: int, keys: IdentityKeys) -> None:
        """A new person bearing the full name (or initials) of someone who opted out opts out
        and hides the topics they hid (an attacker's commit from home made a visible "Aiko
        Tanaka", first for her topics); a namesake who is someone else too, until their own
        privacy page says otherwise: what is promised to the one who opted out comes first."""
        if not self._private:
            return
        named = self._named(keys)
        initialled = {  # ("A. Tanaka", "Aiko Mei Tanaka": an attacker's)
            (p, name, full is None)
            for name, full, initials in keys.names
            for p in self._initials.get(initials or "", ())
        }
        people = sorted(({p for p, _, _ in initialled} | named) & self._private - {person_id})
        if not people:
            return
        query = "SELECT id, opt_out_inference, opt_out_visibility FROM persons WHERE id IN (%s)"
        private = {
            p: (inference, visibility)
            for p, inference, visibility in self.conn.execute(
                query % ", ".join("?" * len(people)), people
            )
        }
        namesakes = (named & set(private)) | {
            p
            for p, name, bare in initialled
            if p in private and (bare or self._words_of(p) <= name_words(name))
        }
        if not namesakes:
            return
        self.conn.execute(  # (and the topics they hid)
            "INSERT OR IGNORE INTO hidden_topics(person_id, topic, at) SELECT ?, topic, at"
            f" FROM hidden_topics WHERE person_id IN ({', '.join('?' * len(namesakes))})",
            [person_id, *sorted(namesakes)],
        )
        inference = max(private[p][0] or 0 for p in namesakes)
        visibility = max(private[p][1] or 0 for p in namesakes)
        if inference or visibility:
            self.conn.execute(
                "UPDATE persons SET opt_out_inference = ?, opt_out_visibility = ? WHERE id = ?",
                (inference, visibility, person_id),
            )

    def _words_of(self, person_id: int) -> set[str]:
        query = "SELECT display_name FROM persons WHERE id = ?"
        return name_words(self.conn.execute(query, (person_id,)).fetchone()[0])

    def _name_at_last(self, person_id: int, keys: IdentityKeys) -> None:
        """A person known so far by an id, a login or an address only takes the first full
        name a source gives them (a directory entry still decides over it later)."""
        full = next((first_last(n.strip()) for n, key, _ in keys.names if key is not None), None)
        if full is not None:
            self.conn.execute("UPDATE persons SET display_name = ? WHERE id = ?", (full, person_id))

    def _attach(self, person_id: int, keys: IdentityKeys) -> int | None:
        """Record every alias the identity brings; return the id of its strongest one."""
        first: int | None = None
        for kind, source, value, key in keys.aliases:
            alias_id = self._alias_ids.get((kind, source, key, person_id))
            if alias_id is None:
                owner = self._exact.get((kind, source, key)) if kind not in NAMING else None
                if owner is not None and owner != person_id:
                    continue  # that exact alias already belongs to someone else: never steal it
                cursor = self.conn.execute(
                    "INSERT INTO aliases(person_id, kind, source, value, key, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (person_id, kind, source, value, key, self.now),
                )
                alias_id = cursor.lastrowid
                assert alias_id is not None
                if kind not in {"initials"}:
                    self.aliases_added += 1
                if kind == "source_id" and source == DIRECTORY:
                    self._rows.add(person_id)  # (this export's: its namesakes stay two)
                self._remember(alias_id, person_id, kind, source, key)
            if first is None:
                first = alias_id
        return first
