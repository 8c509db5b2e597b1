"""Confluence spaces in the three shapes they leave a site in.

- an HTML space export: its zip, or the folder with ``index.html`` and one ``Title_ID.html``
  per page, each with breadcrumbs, a "Created by X, last modified by Y on DATE" block,
  attachments, comments;
- an XML export: ``entities.xml`` (or the export's zip, or the folder holding it), Hibernate
  objects (Page, BlogPost, Comment, BodyContent, ConfluenceUserImpl...) read in two streaming
  passes: metadata first, then bodies;
- Cloud/Server REST API dumps: ``.json`` files of ``/rest/api/content?expand=body.storage,
  version,history`` or ``/wiki/api/v2/pages?body-format=storage`` pages, page versions and
  footer comments (see ``_confluence_api``).

Roles: writing a large part of a page is knowledge, a touch-up is not. When every version's
text is known (the XML export; REST dumps of versions with their bodies), each version's author
is credited with the words of the *current* text it wrote (the first ``BLAME_WORDS`` words of
each version's words of four letters or more, code included, compared: a version keeps the
words it carries from the earlier version it shares most words with, usually the one before,
with their writers, and owns those it adds; so restoring a page blanked or half deleted, even
re-pasted with a word changed, is no writing, and a rewrite leaves the replaced text's writer
little): whoever wrote most is an ``author`` at weight 1, anyone who
wrote at least ``CO_AUTHOR_SHARE`` of that an ``author`` weighted by that ratio, anyone else an
``editor`` (a role that counts as no evidence); the creator stays an ``author``, weighted the
same way but at no less than ``CREATOR_MIN_WEIGHT`` (the creator of a stub someone else wrote
gets little). The page is dated by the latest version that wrote at least ``CO_AUTHOR_SHARE``
of its current text (a page rewritten in 2025 is 2025 evidence). When only the versions' sizes
are known, each is credited with the characters it added against the one before. When the
versions' texts are unknown, versions are counted: the creator is an ``author``, someone who
saved at least ``CO_AUTHOR_SHARE`` of the versions an ``author`` at ``CO_AUTHOR_WEIGHT``,
anyone else an ``editor``. When only the last modifier is known (HTML export) they are an
``editor``. Commenters are ``commenter``, or ``replier`` when substantive. Drafts, deleted and
trashed pages are skipped and counted, with their comments."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from whoknows.i18n import N_
from whoknows.ingest._collection import read_collection
from whoknows.ingest._confluence_model import SOURCE
from whoknows.ingest.base import BASE_URL, ConnectorOption, IngestContext
from whoknows.records import ItemRecord, Record


class ConfluenceConnector:
    """Confluence: a space's HTML export (its zip or folder), its XML export (`entities.xml`,
    its zip or folder: pages, versions, comments, users) or REST API dumps (`/rest/api/content`,
    `/wiki/api/v2/pages`, their versions); authorship weighted by how much of the current text
    each version wrote (the main writer a full author, a stub's creator or a rewritten text's
    writer a small one, a restore nothing), touch-ups as editors; dates in the exporting
    user's language; drafts and deleted pages skipped"""

    name: ClassVar[str] = "confluence"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        "a Confluence space: HTML export (its zip or folder), XML export (entities.xml or its"
        " zip), or REST API dumps (.json)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = (BASE_URL,)

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        yield from _as_collection(self._records(path, context), context)

    def _records(self, path: Path, context: IngestContext) -> Iterator[Record]:
        from whoknows.ingest._confluence_api import parse_api
        from whoknows.ingest._confluence_html import parse_html_export
        from whoknows.ingest._confluence_xml import parse_entities

        base = (context.base_url or "").rstrip("/")
        if path.is_dir() and (path / "index.html").is_file():
            yield from parse_html_export(path, base, context)
        elif path.is_dir() and (path / "entities.xml").is_file():
            yield from parse_entities(path / "entities.xml", base, context)
        elif path.is_file() and zipfile.is_zipfile(path):
            yield from _zipped(path, base, context)
        elif path.is_file() and path.name.endswith(".xml"):
            yield from parse_entities(path, base, context)
        elif path.is_file() and path.suffix.lower() == ".zip":
            context.problem(
                path,
                None,
                N_("a damaged zip: its table of contents, at its end, is missing"),
                N_("the file was cut short while downloading or copying: download it again"),
            )
        elif path.suffix == ".json" or (path.is_dir() and any(path.rglob("*.json"))):
            yield from parse_api(path, base, context)
        else:
            context.problem(
                path,
                None,
                N_("not a Confluence export: no index.html, entities.xml, zip or .json dump"),
                N_(
                    "give the HTML export (its zip or folder), entities.xml (or the XML"
                    " export's zip) or a folder of REST API .json files"
                ),
            )


def _zipped(path: Path, base: str, context: IngestContext) -> Iterator[Record]:
    """An export's zip: the XML export's (``entities.xml``) or the HTML export's
    (``index.html`` and its pages, in the space's folder)."""
    from whoknows.ingest._confluence_html import html_export_folder, parse_html_zip
    from whoknows.ingest._confluence_xml import parse_entities

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile) as error:
        context.problem(path, None, N_("cannot read the export (%(error)s)"), error=error)
        return
    folder = html_export_folder(names)
    if "entities.xml" not in names and folder is not None:
        yield from parse_html_zip(path, folder, base, context)
    else:
        yield from parse_entities(path, base, context)


def _as_collection(records: Iterator[Record], context: IngestContext) -> Iterator[Record]:
    """The space's records, its pages read as one collection (:func:`read_collection`:
    boilerplate, kinds, copies) and held until the last is read; comments and people pass."""
    pages: list[ItemRecord] = []
    for record in records:
        if isinstance(record, ItemRecord) and record.kind != "comment":
            pages.append(record)
        else:
            yield record
    for page, note in read_collection(pages):
        if note:
            context.note(note, source=SOURCE)
        yield page
