"""A people directory export (CSV or JSON): titles, departments, managers, declared skills."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parseaddr
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._csv import csv_records, misquoted
from whoknows.ingest._dates import no_such_day, parse_localized
from whoknows.ingest._directory_columns import COLUMNS
from whoknows.ingest._employment import external_value, internal_value
from whoknows.ingest._employment import folded as _folded
from whoknows.ingest._json import json_problem
from whoknows.ingest._json import loads as json_loads
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.records import PersonRecord, PersonRef, Record

SOURCE = "directory"
_LIST_SPLIT = re.compile(r"\s*[;,|]\s*")
# an entry that is no one person: a shared or functional mailbox, a service account, a list
# ("Support Informatique, Boîte fonctionnelle": a hospital's directory lists its helpdesk's
# mailbox; its notices made it a "person" in seven answers), said where a field begins (a
# "Responsable compte technique" or a "Group Account Director" is a person)
_NO_ONE = re.compile(
    r"^\W*(?:(?:bo[iî]te|bal)(?: aux lettres)? (?:fonctionnelle|g[ée]n[ée]rique|partag[ée]e|"
    r"de service)|(?:shared|functional|generic) (?:mail ?box|account|address)|"
    r"(?:role|service) (?:mail ?box|account)|compte (?:de service|g[ée]n[ée]rique|fonctionnel|"
    r"partag[ée])|distribution list|liste de (?:diffusion|distribution)|mailing list|"
    r"adresse (?:g[ée]n[ée]rique|fonctionnelle))\b(?!\s+(?:manager|director|lead|executive|rep|"
    r"representative|specialist|owner|coordinator|officer|engineer|analyst|associate|partner)\b)",
    re.IGNORECASE,
)


def _internal(internal: object, external: object) -> bool | None:
    """Staff, an outsider or not said, from an internal/external column or an "Externe" one."""
    return internal_value(internal) if internal not in (None, "") else external_value(external)


_STATUSES = ("statut", "employment")  # (they may say "Régulier" or "Congé": not staff or not)
# dates: ISO, then day first (as in France and most of Europe); --date-format for another
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d", "%d %B %Y")
DATE_FORMAT = ConnectorOption(
    "date-format",
    N_(
        "strptime format of the directory's start and end dates when not ISO nor day first "
        "(e.g. '%m/%d/%Y' for a US export); the defaults read 2026-01-31, 31/01/2026, "
        "31.01.2026 and '31 janvier 2026'."
    ),
    example="%m/%d/%Y",
)


def _is_header(cells: list[str]) -> bool:
    naming = COLUMNS["id"] + COLUMNS["name"] + COLUMNS["last_name"]
    return any(_folded(cell) in naming for cell in cells)


def _list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part for part in _LIST_SPLIT.split(str(value).strip()) if part]


def _emails(
    cells: list[str], path: Path, position: Position, context: IngestContext
) -> list[str] | None:
    """The addresses of a directory's email cells; None (reported) when one holds none."""
    wrong = next((cell for cell in cells if not _address(cell)), None)
    if wrong is None:
        return [_address(cell) for cell in cells]
    context.problem(
        path,
        position,
        N_("email %(value)s is not an address"),
        N_("write it as name@example.com, or leave the cell empty"),
        value=repr(wrong),
    )
    return None


def _address(value: str) -> str:
    """The address of a directory's email cell ("Name <a@b>", "mailto:a@b" or "a@b"), or ""
    when it holds none."""
    address = parseaddr(value.removeprefix("mailto:").removeprefix("MAILTO:"))[1].strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or " " in address:
        return ""
    return address


def _day(value: object, custom: str | None) -> str | None:
    """An ISO day from a directory date; ValueError when it is in no known format."""
    if value in (None, ""):
        return None
    raw = str(value).strip()
    parsed = parse_localized(raw, (custom, *_DATE_FORMATS) if custom else _DATE_FORMATS)
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(raw)
        except ValueError:
            raise ValueError(raw) from None
    return parsed.strftime("%Y-%m-%d")


class PeopleConnector:
    """people directory: id, name, preferred name ("Prénom usuel": a name the person goes by,
    "Joe" of Joseph Kamau), emails, handles, title, department, manager, location,
    internal/external ("Interne/Externe", or "Externe": oui is an outsider), start and end
    dates, declared skills; columns named in English or French
    ("Matricule", "Nom complet", "Adresse e-mail", "Service", "Date de sortie", "date_départ");
    JSON a list, or an object holding one (Microsoft Graph's users: officeLocation, userType
    Member or Guest, employeeHireDate, employeeLeaveDateTime, onPremisesSamAccountName); a
    column read by no field noted, a misspelt one refused; dates ISO or day first
    (--date-format for another); a name or id cell with a lone double quote (a misquoted row:
    'Broken "quote') refused"""

    name: ClassVar[str] = "people"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("a people directory export, CSV or JSON")
    options: ClassVar[tuple[ConnectorOption, ...]] = (DATE_FORMAT,)

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if not path.is_file():
            context.problem(
                path, None, N_("not a file"), N_("give the directory export (.csv or .json)")
            )
            return
        if path.suffix.lower() == ".json":
            rows = self._json(path, context)
        else:
            rows = self._csv(path, context)
        for position, row in rows:
            record = self._record(row, path, position, context)
            if record is not None:
                yield record

    def _csv(
        self, path: Path, context: IngestContext
    ) -> Iterator[tuple[Position, dict[str, object]]]:
        refusal = N_("no header row with an id or name column")
        records = csv_records(path, context, _is_header, refusal)
        header = next(records, None)
        if header is None:
            return
        names = [_folded(name) for name in header[1]]
        if _misspelt(names, header[1], path, Position.at(header[0]), context):
            return
        naming = ("id", "name", "first_name", "last_name", "manager", "handles")
        named = [i for i, name in enumerate(names) if any(name in COLUMNS[f] for f in naming)]
        for line, cells in records:  # (a name cell 'Broken "quote': a misquoted row, refused)
            if not misquoted(path, (line, header[1], cells), named, context):
                yield Position.at(line), dict(zip(names, cells, strict=True))

    def _json(
        self, path: Path, context: IngestContext
    ) -> Iterator[tuple[Position, dict[str, object]]]:
        try:
            data = json_loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            context.problem(path, Position.decoding(error), N_("not UTF-8 text"))
            return
        except json.JSONDecodeError as error:
            where = Position.at(error.lineno, error.colno)
            context.problem(path, where, N_("invalid JSON (%(error)s)"), error=json_problem(error))
            return
        if isinstance(data, dict):  # ({"people": [...]}, or an export's one list of them)
            lists = [value for value in data.values() if isinstance(value, list)]
            data = data.get("people", data.get("users", lists[0] if len(lists) == 1 else None))
        if not isinstance(data, list):
            context.problem(path, None, N_('expected a list of people, or {"people": [...]}'))
            return
        columns = list(dict.fromkeys(str(k) for row in data if isinstance(row, dict) for k in row))
        folded, first = [_folded(column) for column in columns], Position.entry(1)
        if _misspelt(folded, columns, path, first, context, N_("rename the field in every person")):
            return
        for number, row in enumerate(data, 1):
            if not isinstance(row, dict):
                context.problem(
                    path, Position.entry(number), N_("each person must be a JSON object")
                )
                continue
            yield Position.entry(number), {_folded(str(k)): v for k, v in row.items()}

    def _record(
        self, row: dict[str, object], path: Path, position: Position, context: IngestContext
    ) -> PersonRecord | None:
        def get(field: str) -> object:
            for key in COLUMNS[field]:
                if row.get(key) not in (None, ""):
                    return row[key]
            return None

        person_id, name = get("id"), get("name")
        if name is None:  # ("Prénom;Nom": the first and the last name)
            parts = [str(part).strip() for part in (get("first_name"), get("last_name")) if part]
            name = " ".join(parts) or None
        if person_id is None and name is None:
            context.problem(path, position, N_("a person needs an id or a name"))
            return None
        emails = _emails(_list(get("emails")) or _principal(row), path, position, context)
        if emails is None:
            return None
        native = str(person_id) if person_id is not None else str(name)
        no_one = any(_NO_ONE.match(str(get(f) or "")) for f in ("title", "department", "internal"))
        try:
            internal = None if no_one else _internal(get("internal"), get("external"))
        except ValueError as error:
            said = COLUMNS["internal"] + COLUMNS["external"]
            if not any(row.get(key) for key in said if key not in _STATUSES):
                internal = None  # (a "Statut" of its own words: "Régulier", "Congé sans solde")
            else:
                context.problem(
                    path,
                    position,
                    N_("internal/external value %(value)s is not one this directory reader knows"),
                    N_("write internal or external (interne, externe, prestataire, yes, no...)"),
                    value=repr(str(error)),
                )
                return None
        dates = _dates(get("start_date"), get("end_date"), path, position, context)
        if dates is None:
            return None
        start, end = dates
        return PersonRecord(
            ref=PersonRef(SOURCE, native, name=str(name) if name else None, is_bot=no_one),
            names=[str(name)] if name else [],
            called=_goes_by(get("preferred"), str(name)) if name else [],
            emails=emails,
            handles=[part for cell in _list(get("handles")) + _login(row) for part in cell.split()],
            title=_str(get("title")),
            department=_str(get("department")),
            manager=_str(get("manager")),
            location=_str(get("location")),
            is_internal=internal,
            start_date=start,
            end_date=end,
            skills=_list(get("skills")),
            authoritative=True,
            states_end_date=any(key in row for key in COLUMNS["end_date"]),
        )


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
_NO_NAME = frozenset(
    "none aucun aucune néant neant non not applicable sans objet nil null unknown inconnu"
    " he him she her they them il elle iel".split()
) | {"not applicable", "sans objet", "non applicable", "n a"}


def _goes_by(preferred: object, name: str) -> list[str]:
    """The name a "Preferred name" column says the person goes by, when not the entry's: a
    first name with the entry's last ("Joe" of Joseph Kamau: "Joe Kamau"), or a whole name."""
    said, words = (preferred.split() if isinstance(preferred, str) else []), name.split()
    if not said or [w.lower() for w in said] == [w.lower() for w in words[: len(said)]]:
        return []
    if " ".join(said).lower() in _NO_NAME or not all(map(_NAME_WORD.fullmatch, said)):
        return []  # ("N/A", "he / him", "12": no name)
    if len(said) == 1:
        return [" ".join((said[0], *words[1:]))] if len(words) >= 2 else []
    return [" ".join(said)]


def _principal(row: dict[str, object]) -> list[str]:
    """Microsoft Graph's ``userPrincipalName``, where a user has no ``mail``: the address the
    account signs in with (a second export's user without a mail had been listed twice, an
    attacker's), never a guest's ("…#EXT#@tenant.onmicrosoft.com")."""
    principal = next((str(row[k]) for k in COLUMNS["principal"] if row.get(k)), "")
    return [principal] if "@" in principal and "#ext#" not in principal.lower() else []


def _login(row: dict[str, object]) -> list[str]:
    """An "Identifiant" column beside another id column ("Matricule") is the person's login
    (a pharma company's "cfournier": dropped, its 33 Jira logins became people)."""
    login = row.get("identifiant")
    ids = (row.get(key) for key in COLUMNS["id"] if key != "identifiant")
    return [str(login)] if login not in (None, "") and any(v not in (None, "") for v in ids) else []


def _dates(
    start: object, end: object, path: Path, position: Position, context: IngestContext
) -> tuple[str | None, str | None] | None:
    """A directory row's start and end days, or None (its problem told) when one is no day."""
    custom = context.option(DATE_FORMAT.key)
    try:
        return _day(start, custom), _day(end, custom)
    except ValueError as error:
        if no_such_day(str(error), lambda raw: _day(raw, custom)):  # ("2026-02-30")
            message = N_("date %(value)s is not a day of the calendar")
            hint = N_("check its day and month")
        else:
            message = N_("date %(value)s is not in a known format")
            hint = N_("write it as YYYY-MM-DD or DD/MM/YYYY, or pass --date-format")
        context.problem(path, position, message, hint, value=repr(str(error)))
        return None


def _str(value: object) -> str | None:
    return str(value).strip() if value not in (None, "") else None


def _swapped(name: str, key: str) -> bool:
    """Whether two neighbouring letters swapped make one name the other ("nmae": a short
    name's swap is too far for the ratio above, 0.75)."""
    if len(name) != len(key) or len(name) < 4 or name == key:
        return False
    at = next(i for i, (a, b) in enumerate(zip(name, key, strict=True)) if a != b)
    return name[at : at + 2][::-1] == key[at : at + 2] and name[at + 2 :] == key[at + 2 :]


def _as_written(column: str, key: str) -> str:
    """``key`` (a folded column name) spelt as ``column`` is: its words in the column's
    separators and capitals, each word the column already spells right kept with its accents
    ("Adresse e-mial" is "Adresse e-mail", not the key "adresse e mail")."""
    words = re.findall(r"[^\W_]+", column)
    wanted = key.split("_")
    if len(words) != len(wanted):
        return key.replace("_", " ")
    spelt, at = [], 0
    for word, right in zip(words, wanted, strict=True):
        start = column.index(word, at)
        spelt.append(column[at:start])
        if _folded(word) == right:
            spelt.append(word)
        else:
            cased = right.upper() if word.isupper() and len(word) > 1 else right.capitalize()
            spelt.append(cased if word[:1].isupper() else right)
        at = start + len(word)
    spelt.append(column[at:])
    return "".join(spelt).strip()


def _hint(column: str, key: str) -> str:
    """The name to suggest: as the column is written, else the key's words (never the column
    itself, which the user could not act on)."""
    written = _as_written(column, key)
    return written if written != column else key.replace("_", " ")


def _misspelt(
    names: list[str],
    columns: list[str],
    path: Path,
    header: Position,
    context: IngestContext,
    hint: str = N_("rename the column in the header row"),
) -> bool:
    """Notes each column not read ("Intitulé du poste" had been read as nothing); refuses a
    directory whose column is a misspelling of one it reads that no other column gives
    ("Nom complett": 35 people named by their addresses' first part, then a duplicate of each
    at the next ingest of their documents), and says so."""
    known = {key: field for field, keys in COLUMNS.items() for key in keys}
    given = {known[name] for name in names if name in known}
    for name, column in zip(names, columns, strict=True):
        if not name or name in known:
            continue
        close = (
            difflib.get_close_matches(name, list(known), n=1, cutoff=0.85)
            or [key for key in known if _swapped(name, key)][:1]
        )
        if close and known[close[0]] not in given:
            context.problem(
                path,
                header,
                N_("column %(column)s is read by no field; did you mean %(known)s?"),
                hint,
                column=repr(column),
                known=repr(_hint(column, close[0])),
            )
            return True
        context.note(N_("people: column %(column)s not read"), column=repr(column))
    return False
