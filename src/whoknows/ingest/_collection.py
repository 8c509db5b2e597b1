"""A collection of pages (a folder of documents, a wiki space) read as a whole: the sentences
most of its pages repeat are gone (:mod:`~whoknows.ingest._boilerplate`), each page's writers
have the part its kind gives them (:mod:`~whoknows.ingest._genres`), and a page that copies a
colleague's earlier one is passed on (:mod:`~whoknows.ingest._copies`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from whoknows.i18n import N_
from whoknows.ingest._boilerplate import common_sentences, templated, without_sentences
from whoknows.ingest._copies import copied_from, passed_on_copy
from whoknows.ingest._genres import as_its_kind
from whoknows.records import ItemRecord
from whoknows.vocab import ContributionRole

TEMPLATE_NOTE = N_("%(source)s: template, no evidence")
COPY_NOTE = N_("%(source)s: copy of an earlier page by someone else, passed on")


def read_collection(
    pages: list[ItemRecord],
    untitled: Callable[[ItemRecord], str] = lambda page: page.title or "",
    folder: Callable[[ItemRecord], str] | None = None,
) -> Iterator[tuple[ItemRecord, str | None]]:
    """Each page as read within its collection, and what to note of it (None: nothing); a
    page whose title is boilerplate is titled ``untitled(page)``. With ``folder``, what most
    pages of one folder repeat is boilerplate too where one of them is little else (their
    template: its hints, copied into every decision record of docs/adr/, had made each copier
    a writer of Terraform and Modbus); a step that runbooks share, none of them only that,
    stays theirs."""
    common = common_sentences([page.text for page in pages])
    if folder is not None:
        folders: dict[str, list[str]] = {}
        for page in pages:
            folders.setdefault(folder(page), []).append(page.text)
        common = common.union(*(templated(texts) for texts in folders.values()))
    cleaned = [
        replace(
            page,
            text=without_sentences(page.text, common) or page.text,
            title=without_sentences(page.title or "", common) or untitled(page),
        )
        for page in pages
    ]
    copies = copied_from(cleaned)
    for at, page in enumerate(cleaned):
        read, kind = as_its_kind(page)
        if kind is not None and kind.role == ContributionRole.EDITOR:
            yield read, TEMPLATE_NOTE
        elif kind is None and at in copies:
            yield passed_on_copy(read), COPY_NOTE
        else:
            yield read, None
