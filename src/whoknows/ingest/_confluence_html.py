"""Confluence HTML space export: ``index.html`` and one HTML file per page.

Each page file carries ``#breadcrumbs`` (space, then ancestors), ``#title-text`` ("Space :
Title"), a ``.page-metadata`` block ("Created by <span class="author">X</span>, last modified
by <span class="editor">Y</span> on Mar 14, 2024", in the exporting user's language: "... le
14 mars 2024"; the date is the one that ends it), the body in ``#main-content``, then page
sections: attachments (``attachments/PAGEID/FILE`` links, not read) and comments (each after an
``<a name="comment-ID">`` anchor, signed "Posted by USER at DATE"). Page ids come from the file
names (``Title_65538.html`` or ``65538.html``), the ids the XML export and the API use too.
A date that cannot be read leaves its page or comment undated, with a note.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from whoknows.bots import looks_like_bot
from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._confluence_model import (
    SOURCE,
    comment_item,
    export_date,
    page_item,
    page_roles,
    page_url,
    trailing_date,
)
from whoknows.ingest.base import IngestContext
from whoknows.records import ItemRecord, PersonRef
from whoknows.text import html_to_text

_PAGE_ID = re.compile(r"(?:^|_)(\d+)$")
_POSTED = re.compile(r"Posted by\s+(.+?)\s+at\s+(.+?)\s*$", re.S)
_EXPORT_PAGES = {"index"}
_INDEX = "index.html"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_PAGE_BYTES = 50_000_000  # a page unpacked from a zip (an export's are a few hundred KB)
MAX_EXPORT_BYTES = 5_000_000_000  # its pages together, as the zip declares them


def parse_html_export(folder: Path, base: str, context: IngestContext) -> Iterator[ItemRecord]:
    for path in sorted(folder.glob("*.html"), key=lambda p: p.name):
        if path.stem in _EXPORT_PAGES:
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            context.problem(
                path, None, N_("cannot read the file (%(error)s)"), error=error.strerror
            )
            continue
        yield from _page_file(path, data, base, context)


def html_export_folder(names: list[str]) -> str | None:
    """The folder of a zip holding an HTML export's ``index.html`` ("" at its top; the one
    nearest the top when several do), or None: the zip Confluence's HTML export downloads."""
    folders = [name[: -len("index.html")] for name in names if name.endswith(_INDEX)]
    return min(folders, key=lambda f: (f.count("/"), f)) if folders else None


def parse_html_zip(
    archive: Path, folder: str, base: str, context: IngestContext
) -> Iterator[ItemRecord]:
    """The pages of an HTML export read in its zip (``folder``: see
    :func:`html_export_folder`), each named ``ZIP/folder/page.html`` where a problem is told."""
    try:
        with zipfile.ZipFile(archive) as opened:
            named = [name for name in opened.namelist() if _in_folder(name, folder)]
            pages = sorted(
                (name for name in named if not _CONTROL.search(name)),
                key=lambda name: name.rsplit("/", 1)[-1],
            )
            for _ in range(len(named) - len(pages)):  # (a name no export writes, never shown)
                context.skip(N_("confluence: a zip entry named with control characters"))
            declared = sum(opened.getinfo(name).file_size for name in pages)
            if declared > MAX_EXPORT_BYTES:
                context.problem(
                    archive,
                    None,
                    N_("its pages unpack to more than %(size)s GB: no space export is so large"),
                    N_("check where the zip comes from"),
                    size=MAX_EXPORT_BYTES // 1_000_000_000,
                )
                return
            for name in pages:
                try:
                    with opened.open(name) as page:  # (read no further than a page may be)
                        data = page.read(MAX_PAGE_BYTES + 1)
                # (one damaged page; an encrypted one, or a compression Python cannot read)
                except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError) as error:
                    context.problem(
                        archive / name,
                        None,
                        N_("a damaged page in the zip (%(error)s)"),
                        N_("download the export again"),
                        error=error,
                    )
                    continue
                if len(data) > MAX_PAGE_BYTES:  # (an 808 KB zip had unpacked to 23 GB)
                    context.problem(
                        archive / name,
                        None,
                        N_("a page of more than %(size)s MB unpacked: no page is so large"),
                        N_("check where the zip comes from; --skip-errors skips the page"),
                        size=MAX_PAGE_BYTES // 1_000_000,
                    )
                    continue
                yield from _page_file(archive / name, data, base, context)
    except (OSError, zipfile.BadZipFile) as error:
        context.problem(archive, None, N_("cannot read the export (%(error)s)"), error=error)


def _in_folder(name: str, folder: str) -> bool:
    rest = name[len(folder) :] if name.startswith(folder) else ""
    return rest.endswith(".html") and "/" not in rest and rest[: -len(".html")] not in _EXPORT_PAGES


def _page_file(path: Path, data: bytes, base: str, context: IngestContext) -> Iterator[ItemRecord]:
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError as error:
        context.problem(path, Position.decoding(error), N_("not UTF-8 text"))
        return
    yield from _page(path, LexborHTMLParser(html), base, context)


def _text(tree: LexborHTMLParser | LexborNode, selector: str) -> str:
    node = tree.css_first(selector)
    return " ".join(node.text().split()) if node is not None else ""


def _person(name: str) -> PersonRef | None:
    """A display name; it is the native id too, so a re-ingest finds the same alias."""
    name = name.strip()
    return PersonRef(SOURCE, name, name=name, is_bot=looks_like_bot(name)) if name else None


def _poster(raw: str) -> PersonRef | None:
    """Comments are signed with a user name ("imoreau"), some versions print the full name."""
    value = raw.strip()
    if " " in value or not value:
        return _person(value)
    return PersonRef(SOURCE, value, handle=value, is_bot=looks_like_bot(value), account=True)


def _page(
    path: Path, tree: LexborHTMLParser, base: str, context: IngestContext
) -> Iterator[ItemRecord]:
    body = tree.css_first("#main-content")
    metadata = tree.css_first(".page-metadata")
    if body is None or metadata is None:
        context.problem(path, None, N_("not a Confluence export page (no page body or metadata)"))
        return
    match = _PAGE_ID.search(path.stem)
    page_id = match.group(1) if match else path.stem
    crumbs = [" ".join(a.text().split()) for a in tree.css("#breadcrumbs li a")]
    heading = _text(tree, "#title-text")
    space = crumbs[0] if crumbs else ""
    title = heading[len(space) + 3 :] if space and heading.startswith(f"{space} : ") else heading
    date = trailing_date(metadata.text())
    if date is None:
        context.note(N_("confluence: page date not read (page kept without a date)"))
    creator = _person(_text(metadata, ".author"))
    attachments = [
        a for a in tree.css("a") if (a.attributes.get("href") or "").startswith("attachments/")
    ]
    if attachments:
        context.skip(N_("confluence: attachment (files are not read)"), len(attachments))
    yield page_item(
        page_id,
        title or path.stem,
        html_to_text(body.html or ""),
        date=date,
        url=page_url(base, page_id),
        roles=page_roles(creator, None, _person(_text(metadata, ".editor"))),
        ancestors=crumbs,
        tags=[],
        signals={"attachments": float(len(attachments))},
        markup=body.html or "",
    )
    for anchor in tree.css('a[name^="comment-"]'):
        item = _comment(anchor, page_id, title, base, path, context)
        if item is not None:
            yield item


def _comment(
    anchor: LexborNode,
    page_id: str,
    title: str,
    base: str,
    path: Path,
    context: IngestContext,
) -> ItemRecord | None:
    comment_id = (anchor.attributes.get("name") or "").removeprefix("comment-")
    cell = anchor.parent
    while cell is not None and cell.tag != "td":
        cell = cell.parent
    signature = cell.css_first("div.smallfont") if cell is not None else None
    body = cell.css_first("font.smallfont") if cell is not None else None
    posted = _POSTED.search(signature.text()) if signature is not None else None
    if cell is None or body is None or posted is None:
        context.problem(
            path, Position.named(f"comment {comment_id}"), N_("comment without body or 'Posted by'")
        )
        return None
    author = _poster(posted.group(1))
    if author is not None and author.is_bot:
        context.skip(N_("confluence: comment by a bot"))
        return None
    for nested in body.css("div.smallfont"):
        nested.decompose()
    text = html_to_text(body.html or "")
    if not text:
        context.skip(N_("confluence: empty comment"))
        return None
    date = export_date(posted.group(2))
    if date is None:
        context.note(N_("confluence: comment date not read (comment kept without a date)"))
    url = page_url(base, page_id)
    return comment_item(
        comment_id,
        page_id,
        title,
        author,
        text,
        date,
        f"{url}&focusedCommentId={comment_id}#comment-{comment_id}" if url else None,
    )
