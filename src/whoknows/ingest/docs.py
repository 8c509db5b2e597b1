"""A folder of documents: Markdown, HTML, text, PDF and Office (DOCX, PPTX, XLSX,
OpenDocument), with their authors and, for Office files, who saved them last."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_, Term
from whoknows.ingest._authors import author_ref
from whoknows.ingest._checkout import committed_dates
from whoknows.ingest._collection import read_collection
from whoknows.ingest._csv import ROW_HINT, csv_records
from whoknows.ingest._doc_writers import FileSaves, Writers, by_byline, without_template_owners
from whoknows.ingest._json import json_problem
from whoknows.ingest._json import loads as json_loads
from whoknows.ingest._markdown import UNCLOSED, read_markdown
from whoknows.ingest._markup import links_only
from whoknows.ingest._office import (
    NOT_A_ZIP_HINT,
    ZIPPED,
    Document,
    is_someone,
    not_a_zip,
    read_docx,
    read_odf,
    read_pptx,
    read_xlsx,
    split_authors,
    zip_damage,
)
from whoknows.ingest._pdf import pdf_damage, read_pdf
from whoknows.ingest.base import BASE_URL, ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, Record
from whoknows.text import html_to_text, normalize_space, parse_date
from whoknows.vocab import CREDIT_KEY, ContributionRole, DocumentCredit

SOURCE = "docs"
ODF = (".odt", ".ods", ".odp")
_WORD = re.compile(r"\w+")


# a page's navigation, header and footer are the site's, not the author's
PAGE_CHROME = "nav, header, footer, aside"


def read_html(path: Path) -> Document:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    raw = path.read_bytes().decode("utf-8")
    tree = HTMLParser(raw)

    def meta(*names: str) -> str | None:
        for name in names:
            node = tree.css_first(f'meta[name="{name}"]') or tree.css_first(
                f'meta[property="{name}"]'
            )
            if node is not None and node.attributes.get("content"):
                return node.attributes["content"]
        return None

    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    date = meta("date", "dcterms.created", "article:published_time", "DC.date")
    text = html_to_text(raw, leave_out=PAGE_CHROME)
    body = tree.body
    for chrome in body.css(PAGE_CHROME) if body is not None else []:
        chrome.decompose()
    anchors = [a.text() for a in body.css("a[href]")] if body is not None else []
    headings = [h.text() for h in body.css("h1, h2, h3, h4, h5, h6")] if body is not None else []
    linked = sum(len(_WORD.findall(label)) for label in anchors + headings)
    return Document(
        text=text,
        links_only=links_only(len(anchors), linked, len(_WORD.findall(text))),
        title=title or None,
        authors=split_authors(meta("author", "dcterms.creator", "DC.creator", "article:author")),
        date=parse_date(date) if date else None,
        tags=split_authors(meta("keywords")),
    )


def read_text(path: Path) -> Document:
    text = path.read_bytes().decode("utf-8")
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Document(text=normalize_space(text), title=first[:120] if first else None)


READERS = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".txt": read_text,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".pptx": read_pptx,
    ".xlsx": read_xlsx,
    **dict.fromkeys(ODF, read_odf),
}
SUFFIXES = set(READERS)


NO_AUTHOR = N_("docs: %(file)s names no author; credit it with --authors FILE")
NO_AUTHORS = N_("docs: more documents that name no author; credit them with --authors FILE")
FILES_NAMED = 10  # documents naming no author named in the report, then counted


def _record(
    file: Path,
    relative: str,
    document: Document,
    writers: Writers,
    named: bool,
    undated: datetime,
    context: IngestContext,
) -> ItemRecord:
    """A document's item: ``writers`` as :func:`by_byline` found them (``named``: by its
    metadata rather than the authors map), its editors its writers where no one else is
    (Office's "Microsoft Office User" wrote it), and how its writer was known; ``undated``:
    its date when its text and metadata say none."""
    authors, editors = writers.authors, writers.editors
    credit = writers.credit or (DocumentCredit.METADATA if named else DocumentCredit.AUTHORS_MAP)
    if not authors and editors:
        authors, editors, credit = editors, [], DocumentCredit.SAVED_BY
    refs = [r for r in (author_ref(SOURCE, a, logins=True) for a in authors) if r]
    writer = ContributionRole.REFERRER if document.links_only else ContributionRole.AUTHOR
    editor_refs = [r for r in (author_ref(SOURCE, e, logins=True) for e in editors) if r]
    return ItemRecord(
        source=SOURCE,
        native_id=relative,
        kind="document",
        title=document.title or file.stem,
        text=document.text,
        date=document.date or undated,
        created=document.date,  # (a file's date orders no copy: saved again, it is new)
        url=f"{context.base_url.rstrip('/')}/{relative}" if context.base_url else None,
        tags=document.tags,
        contributions=[Contribution(ref, writer) for ref in refs]
        + [Contribution(ref, ContributionRole.EDITOR) for ref in editor_refs],
        meta={
            "file": relative,
            "sha1": hashlib.sha1(file.read_bytes()).hexdigest(),
            **({CREDIT_KEY: credit.value} if refs else {}),
        },
    )


def _note_unauthored(context: IngestContext, relative: str) -> None:
    """Note a document that names no author, by its file for the first :data:`FILES_NAMED`
    (a wiki of thousands of unsigned pages would name each), then counted."""
    named = sum(note.endswith("credit it with --authors FILE") for note in context.notes)
    if named < FILES_NAMED:
        context.note(NO_AUTHOR, file=relative)
    else:
        context.note(NO_AUTHORS)


# what no one wrote: version control's own files, the folder views an OS leaves behind
VERSION_CONTROL = frozenset({".git", ".svn", ".hg", ".bzr"})
OS_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def _files(folder: Path, context: IngestContext) -> list[Path]:
    """The files under ``folder``; none when no document is among them, reported (an empty
    folder had been "ingested" with exit 0)."""
    files: list[Path] = []
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name not in VERSION_CONTROL]  # (not walked)
        files += [
            Path(root, name)
            for name in names
            if name not in OS_FILES and not name.startswith(".git")  # (.gitignore, .gitkeep…)
        ]
    files = sorted(file for file in files if file.is_file())
    if any(file.suffix.lower() in SUFFIXES for file in files):
        return files
    if (folder / "HEAD").is_file() and (folder / "objects").is_dir():
        context.problem(
            folder,
            None,
            N_("a bare git repository: no document in it"),
            N_("ingest its history with `whoknows ingest git`, or give a checkout's folder"),
        )
        return []
    context.problem(
        folder,
        None,
        N_("no document in this folder"),
        N_("give a folder of documents (%(suffixes)s)"),
        suffixes=", ".join(sorted(SUFFIXES)),
    )
    return []


def load_authors_map(path: Path, context: IngestContext) -> list[tuple[str, list[str]]]:
    """Glob -> authors, from a CSV (path,authors; a header row optional) or a JSON object."""
    if path.suffix.lower() != ".json":
        return _authors_csv(path, context)
    try:
        data = json_loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        where = Position.at(error.lineno, error.colno)
        context.problem(path, where, N_("invalid JSON (%(error)s)"), error=json_problem(error))
        return []
    except UnicodeDecodeError as error:
        context.problem(path, Position.decoding(error), N_("not UTF-8 text"))
        return []
    except OSError as error:
        context.problem(
            path, None, N_("cannot read the authors map (%(error)s)"), error=error.strerror
        )
        return []
    if not isinstance(data, dict):
        context.problem(path, None, N_('expected {"glob": ["author", ...]}'))
        return []
    return [(str(k), split_authors(v)) for k, v in data.items()]


def _authors_csv(path: Path, context: IngestContext) -> list[tuple[str, list[str]]]:
    """Rows of a path (glob) then its authors, in one cell or several; a row without
    authors is reported (a map cut off, or saved with another delimiter)."""
    mapping: list[tuple[str, list[str]]] = []
    refusal = N_("not an authors map: expected rows of 'path,authors'")
    for line, row in csv_records(path, context, _has_authors, refusal, same_width=False):
        if line == 1 and row[0].strip().lower() in {"path", "glob", "file"}:
            continue  # the header
        if not _has_authors(row):
            context.problem(path, Position.at(line), N_("a path without authors"), ROW_HINT)
            continue
        mapping.append((row[0].strip(), split_authors(",".join(row[1:]))))
    return mapping


def _has_authors(row: list[str]) -> bool:
    return len(row) >= 2 and bool(row[0].strip()) and any(cell.strip() for cell in row[1:])


def _read(file: Path, context: IngestContext) -> Document | None:
    """The document in FILE, or None after reporting why it cannot be read."""
    import yaml

    try:
        return READERS[file.suffix.lower()](file)
    except UnicodeDecodeError as error:
        context.problem(
            file, Position.decoding(error), N_("not UTF-8 text"), N_("save it as UTF-8")
        )
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = Position.at(mark.line + 1, mark.column + 1) if mark else None
        if str(error) == UNCLOSED:
            context.problem(file, at, N_("front matter opened with --- and never closed"))
        else:
            context.problem(file, at, N_("invalid YAML front matter"))
    except Exception as error:  # PDF and Office libraries raise their own types
        foreign = not_a_zip(file)
        if foreign is not None:
            context.problem(file, None, foreign, NOT_A_ZIP_HINT, suffix=file.suffix)
            return None
        damage = zip_damage(file) or pdf_damage(file)
        office = file.suffix.lower() in ZIPPED  # (a library's words there, no reader's)
        if damage is None and office and isinstance(error, _INTERNAL):
            damaged = N_("unreadable %(suffix)s document: a part of it is damaged or missing")
            context.problem(file, None, damaged, RESAVE_HINT, suffix=file.suffix)
            return None
        where, reason = damage or (None, N_("unreadable %(suffix)s document (%(error)s)"))
        context.problem(file, where, reason, suffix=file.suffix, error=error)
    return None


# what a reading library raises on a part it did not expect: its message names its own code
# ("'lxml.etree._Element' object has no attribute 'overrides'")
_INTERNAL = (AttributeError, KeyError, IndexError, TypeError)
RESAVE_HINT = N_("open it and save it again, or remove it; rerun with --skip-errors to skip it")


def _modified(file: Path) -> datetime:
    """When the file was last written: the date of a document that says none (most Markdown
    and text files) outside a git checkout (see _checkout). Undated, a runbook counted as no
    recent work at all, and ranked below passing mentions of its subject."""
    return datetime.fromtimestamp(file.stat().st_mtime, tz=UTC)


def _no_later_than_the_dated(
    found: list[ItemRecord],
    times: list[tuple[int, datetime | None, datetime]],
    context: IngestContext,
) -> None:
    """In a copied folder, date each page dated by its file's time no later than the latest
    page that says its own date: a copy gives its files the day of the copy (a studio's one
    undated runbook, copied fourteen months after the rest, made every holder "inactive").
    A folder is a copy when most of the pages that say their date bear a file time a day or
    more after it (a page saved on its date bears that day); an undated page came with the
    copy when its file time is within a day of a dated page's (one saved since is dated by its
    file: an attacker's runbook written today, in a wiki whose pages say when they were
    created and were edited since, had been dated two years back)."""
    own = [(date, modified) for _, date, modified in times if date is not None]
    copied = sum(modified - date > COPIED_AFTER for date, modified in own) * 2 > len(own)
    if not own or not copied:
        return
    latest = max(date for date, _ in own)
    for at, date, modified in times:
        if date is not None or (found[at].date or latest) <= latest:
            continue
        if any(abs(modified - theirs) <= COPIED_AFTER for _, theirs in own):
            found[at] = replace(found[at], date=latest)
            context.note(N_("docs: an undated file dated as the latest dated one, not by its copy"))


COPIED_AFTER = timedelta(days=1)


AUTHORS_MAP = ConnectorOption(
    "authors", N_("CSV or JSON mapping file paths (globs) to authors."), is_path=True
)


class DocsConnector:
    """documents: Markdown (front matter; "title: A : B", a colon left unquoted, read as
    written), HTML (meta author), text, PDF, DOCX, PPTX, XLSX and
    OpenDocument (`.odt`/`.ods`/`.odp`) with document metadata (author; last-modified-by as
    editor); the optional map (`path,authors` CSV or JSON of globs) names authors of files that
    carry none; a document that says no date is dated by its last commit in a git checkout
    (unless changed since; in a submodule, the submodule's; in a shallow clone, its oldest
    commit at most), else by its file's modification time (git runs none of the repository's
    own commands); version control's own files are no documents"""

    name: ClassVar[str] = "docs"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        "a folder of Markdown, HTML, text, PDF, DOCX, PPTX, XLSX and OpenDocument files"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = (BASE_URL, AUTHORS_MAP)

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if not path.is_dir():
            context.problem(
                path, None, N_("not a folder"), N_("give the folder that holds the documents")
            )
            return
        authors_map = context.option(AUTHORS_MAP.key)
        mapping = load_authors_map(Path(authors_map), context) if authors_map else []
        found: list[ItemRecord] = []  # (held until every page is read: see _boilerplate)
        saves: list[FileSaves | None] = []  # (each page's metadata: see _doc_writers)
        times: list[tuple[int, datetime | None, datetime]] = []
        files = _files(path, context)
        checkout = committed_dates(path, [f for f in files if f.suffix.lower() in SUFFIXES])
        committed = checkout.dates
        for refused in checkout.refused:  # (another user's repository: git reads none of it)
            context.note(
                N_("docs: git refused to read %(folder)s (safe.directory): dated by file times"),
                folder=refused,
            )
        for file in files:
            relative = file.relative_to(path).as_posix()
            if file.suffix.lower() not in SUFFIXES:
                suffix = file.suffix or Term(N_("(none)"))
                context.skip(N_("docs: unsupported file type %(suffix)s"), suffix=suffix)
                continue
            document = _read(file, context)
            if document is None:
                continue
            for reason in document.skipped:
                context.skip(reason)
            named = [a for a in document.authors if is_someone(a)]
            authors = named or [
                a for pattern, names in mapping if fnmatch.fnmatch(relative, pattern) for a in names
            ]
            writers = by_byline(document, named, authors)
            if not document.text:
                context.skip(N_("docs: document without text"))
                continue
            if not writers.authors and not writers.editors:
                _note_unauthored(context, relative)
            undated = committed.get(file)
            if undated is None:  # (a page's own date beside its file's time)
                undated = _modified(file)
                times.append((len(found), document.date, undated))
            found.append(_record(file, relative, document, writers, bool(named), undated, context))
            saves.append(writers.saves)
        _no_later_than_the_dated(found, times, context)
        found = without_template_owners(found, saves)
        pages = read_collection(
            found,
            lambda page: Path(page.native_id).stem,
            lambda page: str(Path(page.native_id).parent),
        )
        for page, note in pages:
            if note:
                context.note(note, source=SOURCE)
            yield page
