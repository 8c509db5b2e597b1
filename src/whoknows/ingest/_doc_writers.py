"""Who wrote a document when its metadata says otherwise.

Office copies a template's ``creator`` into every file made from it: a consultancy's assistant,
who made the firm's template, was the "author" of fourteen deliverables on nine subjects (IFRS
16, VAT, payroll, BIM…) and among the first three on 22 of 31 questions, while the writers
were only their last editors, or the partner who proofread them. Two things tell the writer
apart:

- **a byline** where the document opens ("Note méthodologique rédigée par Thomas Vermeulen",
  "Préparé par …", "Auteur : …", "Written by …", "Opgesteld door …", "Erstellt von …"): the
  person it names wrote it, whoever the metadata says;
- **a template's owner**: a creator whose files were last saved, all but a fifth of them, by
  others, five people or more (the writers, each saving their own): the creator is the
  template's, no writer of any, and who saved each file last wrote it (as when the creator is
  a placeholder, "Microsoft Office User"). One writer whose procedures four approvers save
  last is no such owner.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from whoknows.ingest._office import Document
from whoknows.records import Contribution, ItemRecord
from whoknows.vocab import CREDIT_KEY, ContributionRole, DocumentCredit

BYLINE_CHARACTERS = 300  # where a document opens
TEMPLATE_FILES = 5
TEMPLATE_SHARE = 0.8  # of the creator's files last saved by someone else
TEMPLATE_EDITORS = 5  # distinct people who saved them last (an approval workflow has fewer)

_CAPITAL = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
_PARTICLE = r"(?:(?:de|van|von|le|la|du|der|den|ter|ten)[ \t]+){0,2}"
_HONORIFIC = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Mme|Mlle|M)\.?[ \t]+)?"
_NAME = rf"(?-i:{_HONORIFIC}{_CAPITAL}(?:[ \t]+{_PARTICLE}{_CAPITAL}){{1,2}})"
_NAMES = rf"{_NAME}(?:[ \t]*(?:,|&|\band\b|\bet\b|\bund\b|\ben\b)[ \t]*{_NAME})*"
_BYLINE = re.compile(
    r"\b(?:r[ée]dig[ée]e?s?|pr[ée]par[ée]e?s?|[ée]tabli[es]{0,2}|[ée]crit[es]{0,2}|written|"
    r"prepared|authored|compiled|opgesteld|geschreven|verfasst|erstellt)[ \t]+(?:par|by|door|von)"
    r"[ \t]*:?[ \t]*"
    rf"(?P<by>{_NAMES})"
    r"|\b(?:auteur(?:e|s|\(s\))?|authors?|author\(s\)|autor(?:in|en)?|r[ée]daction|"
    r"r[ée]dact(?:eur|rice)s?|secr[ée]taire de s[ée]ance|minutes taken by|minute[- ]taker)"
    r"[ \t]*:[ \t]*"
    rf"(?P<named>{_NAMES})"
    rf"|(?:^|(?<=\n))[ \t]*(?:by|par|von|door)[ \t]+(?P<plain>{_NAMES})[ \t]*(?=\n|$)",
    re.IGNORECASE,
)
# what a byline's line says before it when it names another text's writer ("Reading group
# notes on …, written by Martin Kleppmann", "replaces the one written by …", "Synthèse du
# rapport de la Cour des comptes rédigé par …", "Translated from the original written by …")
_ANOTHER_TEXT = re.compile(
    r"\b(?:notes? on|based on|original|replaces?|translat\w*|from|book|article|paper|"
    r"adapted|rapport de la|report of the|d['’]apr[èe]s|inspir[ée])\b",
    re.IGNORECASE,
)
BYLINE_LEAD_WORDS = 8  # a document's kind before its byline ("Note méthodologique interne")
# what a byline's line may name before it: a kind of document ("Checkpoint files written by
# Apache Flink" and "Offsets written by Kafka Connect" name a program's output)
_KIND = re.compile(
    r"\b(?:notes?|proc[ée]dures?|rapports?|reports?|guides?|documents?|compte[- ]rendu|cr|"
    r"synth[èe]se|summary|r[ée]sum[ée]|m[ée]mo|manuel|manual|sp[ée]cifications?|specs?|"
    r"runbooks?|proposals?|propositions?|[ée]tudes?|study|pr[ée]sentations?|fiches?|"
    r"check-?lists?|plans?|policy|politique|charte|analyses?|analysis|reviews?|revues?|audits?|"
    r"offres?|cahier|dossier|supports?|tutori[ae]l|faq|minutes|handbook|playbook|readme|"
    r"memorandum|anleitung|wartungsplan|bericht|protokoll|verslag|handleiding|notitie|"
    r"newsletter|article|billet|post|page)\b",
    re.IGNORECASE,
)
# a team, a department or a firm named where a person would be ("Prepared by Project
# Management Office", "Auteur : Service Qualité", "prepared by Deloitte Advisory")
_NO_PERSON = re.compile(
    r"\b(?:office|service|services|team|[ée]quipe|department|d[ée]partement|direction|"
    r"management|qualit[ée]|quality|advisory|consulting|conseil|partners?|associ[ée]s|"
    r"associates|group|groupe|formation|cabinet|bureau|division|unit|committee|comit[ée]|"
    r"werk|abteilung|qualit[äa]tsmanagement|shared|business|hr|rh|pmo|apache|google|"
    r"microsoft|publique|france)\b",
    re.IGNORECASE,
)
# a job title after a writer's name ("Thomas Vermeulen, Data Engineer", "Jean Dupont, Chef de
# Projet"): no writer of its own
_TITLE = re.compile(
    r"\b(?:engineer|manager|director|lead|head|chief|chef|responsable|directeur|directrice|"
    r"ing[ée]nieure?|consultante?|analyst|analyste|developer|d[ée]veloppeu(?:r|se)|architecte?|"
    r"officer|specialist|sp[ée]cialiste|juriste|comptable|technicien(?:ne)?|coordinat\w+|"
    r"assistante?|intern|stagiaire|professeure?|professor|student|[ée]tudiante?|scientist|"
    r"chercheu(?:r|se)|researcher|president|pr[ée]sidente?|ceo|cto|cfo|vp|counsel|lawyer|"
    r"avocate?|paralegal|solicitor|barrister|attorney|notaire|secr[ée]taire|gestionnaire|"
    r"translator|traduct(?:eur|rice)|programmer|programmeu(?:r|se)|designer|artist|artiste|"
    r"producer|producteur|productrice|tester|testeu(?:r|se)|administrat(?:or|eur|rice)|sysadmin|"
    r"devops|sre|dba|technician|accountant|associate|associ[ée]e?|partner|owner|"
    r"scrum master|nurse|infirmi[èe]re?|physician|m[ée]decin|pharmacien(?:ne)?|pharmacist)\b",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"[ \t]*(?:,|&|\band\b|\bet\b|\bund\b|\ben\b)[ \t]*")


# a translation that names its original's writer ("Traduction française du guide rédigé en
# anglais par Priya Nair"): the words are hers too, beside who translated them
_TRANSLATION_OF = re.compile(
    r"\b(?:traduction|traduit|translation|translated)(?:[ \t]+(?:fran[çc]aise|anglaise|"
    r"english|french))?[ \t]+(?:de|du|des|d['’]|of|from)\b[^\n.]{0,80}?\b(?:r[ée]dig[ée]e?|"
    r"[ée]crite?|written|authored)(?:[ \t]+(?:en|in)[ \t]+\w+)?[ \t]+(?:par|by)[ \t]+"
    rf"(?P<by>{_NAMES})"
    # "English translation of Sandrine Fabre's runbook", "traduction du guide de Priya Nair"
    r"|\b(?:translation|translated version)[ \t]+of[ \t]+"
    rf"(?P<owner>{_NAME})['’]s?[ \t]+[\w-]+"
    r"|\btraduction(?:[ \t]+(?:fran[çc]aise|anglaise))?[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’]|des)"
    r"[ \t]*[\w-]+[ \t]+(?:de|d['’])[ \t]*"
    rf"(?P<of>{_NAME})\b",
    re.IGNORECASE,
)
# a table of who wrote, checked and approved ("Rédigé par | Vérifié par | Approuvé par", then
# "Thomas Girard | Hélène Marchand | Richard Hale"): the writer is the writing column's
_WRITTEN_COLUMN = re.compile(
    r"^(?:r[ée]dig[ée]e? par|r[ée]daction|r[ée]dact(?:eur|rice)|auteur|[ée]crit par|"
    r"written by|prepared by|authors?|pr[ée]par[ée]e? par)\W*$",
    re.IGNORECASE,
)
_CHECKED_COLUMN = re.compile(
    r"^(?:v[ée]rifi[ée]e? par|relu par|approuv[ée]e? par|valid[ée]e? par|checked by|"
    r"reviewed by|approved by|v[ée]rification|approbation|validation)\W*$",
    re.IGNORECASE,
)
_CELLS = re.compile(r"[ \t]*(?:\||\t)[ \t]*")
# a note signed on its last line ("Julien Roche, juriste", "— Claire Dubois", "A. Mercier")
_SIGNED = re.compile(
    rf"(?:[—–-][ \t]*)?(?P<name>{_NAME}|[A-Z]\.[ \t]*{_CAPITAL})"
    r"(?:[ \t]*,[ \t]*(?P<title>[^,\n]{2,40}))?"
)


def signer(text: str, savers: list[str]) -> str | None:
    """The one of ``savers`` (who saved the file last) who signed its last line ("Julien
    Roche, juriste", "A. Mercier" for Antoine Mercier): a heading there ("Next Steps") is no
    one's, and a name no saver bears may be anyone's."""
    signed = _SIGNED.fullmatch(text.rstrip().rpartition("\n")[2].strip())
    if signed is None or (signed["title"] and not _TITLE.search(signed["title"])):
        return None
    name = _HONORIFIC_AT.sub("", " ".join(signed["name"].split())).casefold()
    for saver in savers:
        words = saver.split()
        if saver.casefold() == name or (
            len(words) > 1 and f"{words[0][0]}. {' '.join(words[1:])}".casefold() == name
        ):
            return saver
    return None


def byline_writers(text: str) -> list[str]:
    """The writers a document's opening names where a line opens, or after the document's
    kind ("Note méthodologique rédigée par Thomas Vermeulen", "Authors: Alice Martin, Bob
    Durand"), job titles left out; none when the line names another text's writer, a
    program's output, or a team; else the writer a table of who wrote, checked and approved
    names anywhere in the document."""
    opening = text[:BYLINE_CHARACTERS]
    for found in _BYLINE.finditer(opening):
        line_start = opening.rfind("\n", 0, found.start()) + 1
        lead = opening[line_start : found.start()]
        words = re.findall(r"\w+", lead)
        if len(words) > BYLINE_LEAD_WORDS or _ANOTHER_TEXT.search(lead):
            continue
        if words and not _KIND.search(lead):
            continue
        if writers := _writers(found["by"] or found["named"] or found["plain"]):
            return writers
    return _tabled_writers(text)


def translated_from(text: str) -> list[str]:
    """The writers of the original a document's opening says it translates (see
    :data:`_TRANSLATION_OF`)."""
    translated = _TRANSLATION_OF.search(text[:BYLINE_CHARACTERS])
    if translated is None:
        return []
    return _writers(translated["by"] or translated["owner"] or translated["of"])


def _writers(given: str) -> list[str]:
    """The people a byline names, job titles and teams left out."""
    named = [" ".join(n.split()) for n in _SEPARATOR.split(given)]
    if not named or _NO_PERSON.search(named[0]):
        return []
    writers = [
        name
        for at, name in enumerate(named)
        if not ((_TITLE.search(name) and (at or not _FIRST_LAST(name))) or _NO_PERSON.search(name))
    ]
    return [_HONORIFIC_AT.sub("", writer) for writer in writers]


# a byline's first entry of two capitalised words, the first no title's nor a field's: a name
# whose last word may be a trade's ("Paul Nurse", "Jon Tester": a reviewer's), where a later
# entry after a name is its title ("Tom Fischer, Senior Systems Programmer"), and a field
# before a trade is a job ("Author: Data Engineer" had been a person)
_FIRST_LAST = re.compile(
    r"(?!(?i:senior|junior|lead|chief|head|principal|staff|legal|technical|managing|general|"
    r"associate|assistant|deputy|vice|executive|sr|jr|data|software|security|network|systems?|"
    r"product|project|program|programme|sales|marketing|support|quality|qa|test|cloud|"
    r"platform|infrastructure|frontend|backend|research|solutions?|account|office|operations|"
    r"hr|finance|design|ux|ui|content|community|customer|release|build|site|game|level|sound|"
    r"audio|mobile|web|embedded|database|devops|ml|ai|it)\b)[A-ZÀ-Ý][\w'’-]+ [A-ZÀ-Ý][\w'’-]+"
).fullmatch


def _tabled_writers(text: str) -> list[str]:
    """The writer a table of who wrote, checked and approved names (see
    :func:`byline_writers`)."""
    lines = text.split("\n")
    for at, line in enumerate(lines[:-1]):
        if "|" not in line and "\t" not in line:
            continue
        header, values = _CELLS.split(line.strip()), _CELLS.split(lines[at + 1].strip())
        columns = [n for n, cell in enumerate(header) if _WRITTEN_COLUMN.match(cell)]
        checked = any(_CHECKED_COLUMN.match(cell) for cell in header)  # (no bibliography's)
        if not (columns and checked and len(values) == len(header)):
            continue
        if re.fullmatch(_NAMES, values[columns[0]]):
            return _writers(values[columns[0]])
    return []


_HONORIFIC_AT = re.compile(rf"^{_HONORIFIC}")


@dataclass(frozen=True)
class FileSaves:
    """Who a file's metadata names: its creators and who saved it last."""

    creators: tuple[str, ...]
    last_saved_by: tuple[str, ...]
    bylined: bool = False  # (its writers are its byline's: a template's file all the same)


def template_owners(files: Iterable[FileSaves]) -> frozenset[str]:
    """The creators whose files others saved last (see the module), folded to lower case."""
    made: dict[str, int] = defaultdict(int)
    by_others: dict[str, int] = defaultdict(int)
    savers: dict[str, set[str]] = defaultdict(set)
    for file in files:
        last = {name.casefold() for name in file.last_saved_by}
        for creator in {name.casefold() for name in file.creators}:
            made[creator] += 1
            others = last - {creator}
            if others:
                by_others[creator] += 1
                savers[creator] |= others
    return frozenset(
        creator
        for creator, count in made.items()
        if by_others[creator] >= TEMPLATE_FILES
        and by_others[creator] >= TEMPLATE_SHARE * count
        and len(savers[creator]) >= TEMPLATE_EDITORS
    )


@dataclass(frozen=True)
class Writers:
    """Who a document is credited to and how that was known (``credit``: None where its
    metadata or an authors map named them, as the caller knows)."""

    authors: list[str]
    editors: list[str]
    saves: FileSaves | None  # what its metadata says of it, for :func:`template_owners`
    credit: DocumentCredit | None = None


def by_byline(document: Document, named: list[str], authors: list[str]) -> Writers:
    """A document's writers, the byline's its only authors when its text has one, and what
    its metadata says of it for :func:`template_owners` (None when an authors map, not its
    metadata, named its writers): ``named`` are the metadata's authors, ``authors`` those it
    is credited to so far."""
    saves = FileSaves(tuple(named), tuple(document.editors)) if named else None
    credit = DocumentCredit.BYLINE
    writers = byline_writers(document.text)
    if not writers and (signed := signer(document.text, document.editors)):
        writers = [signed]  # (a note its last editor signed, made from a colleague's template)
        credit = DocumentCredit.SIGNATURE
    if not writers and (original := translated_from(document.text)):
        writers = [*original, *(a for a in authors if a not in original)]
        credit = DocumentCredit.TRANSLATION
    if not writers:
        return Writers(authors, document.editors, saves if authors == named else None)
    folded = {writer.casefold() for writer in writers}
    editors = [e for e in document.editors if e.casefold() not in folded]
    return Writers(writers, editors, replace(saves, bylined=True) if saves else None, credit)


def without_template_owners(
    records: list[ItemRecord], saves: list[FileSaves | None]
) -> list[ItemRecord]:
    """The records without their template owners' authorship (``saves``: each record's
    metadata, None where an authors map named its writers; a file with a byline counts
    towards its creator's template and keeps its byline's writers): who saved such a file
    last wrote it, as when its creator is a placeholder ("Microsoft Office User"); a file the
    owner saved last herself (no one else named as its last saver) is hers (the assistant's
    own travel expenses note)."""
    owners = template_owners(save for save in saves if save is not None)
    if not owners:
        return records
    return [
        record
        if save is None or save.bylined or not save.last_saved_by
        else _without(record, owners - {name.casefold() for name in save.last_saved_by})
        for record, save in zip(records, saves, strict=True)
    ]


def _without(record: ItemRecord, owners: frozenset[str]) -> ItemRecord:
    def owned(c: Contribution) -> bool:
        return c.role is ContributionRole.AUTHOR and (c.person.name or "").casefold() in owners

    if not any(owned(c) for c in record.contributions):
        return record
    kept = [c for c in record.contributions if not owned(c)]
    if any(c.role is ContributionRole.AUTHOR for c in kept):
        return replace(record, contributions=kept)
    kept = [
        replace(c, role=ContributionRole.AUTHOR) if c.role is ContributionRole.EDITOR else c
        for c in kept
    ]
    meta = {**record.meta, CREDIT_KEY: DocumentCredit.LAST_SAVER.value}
    return replace(record, contributions=kept, meta=meta)


__all__ = [
    "FileSaves",
    "Writers",
    "by_byline",
    "byline_writers",
    "template_owners",
    "without_template_owners",
]
