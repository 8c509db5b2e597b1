"""`whoknows privacy`: check that a person left no trace in the files whoknows wrote."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from whoknows.cli._common import handle_errors, json_option, print_json, services, translation
from whoknows.cli._help import group
from whoknows.i18n import N_, Translator

if TYPE_CHECKING:  # types only: the privacy machinery loads when a command runs
    from whoknows.privacy import ScanHit


@group()
def privacy() -> None:
    """Privacy checks (erasure itself is `whoknows people erase`)."""


@privacy.command()
@click.argument("text", nargs=-1, required=True)
@json_option
@click.pass_context
@handle_errors
def scan(ctx: click.Context, text: tuple[str, ...], as_json: bool) -> None:
    """Search every file whoknows wrote in the workspace for each TEXT (a name, a handle, an
    email; case and accents folded): the database with its WAL and free pages, indexes,
    models, reports (and those written with `report --out` anywhere), logs and caches.
    Source exports kept in the workspace (such as the demo's sample-org/) and secret files are
    not searched. Exits 1 when anything is found. A name of two words or more is also looked
    for as file names and logins write it ("Noah Becker": noah-becker, noah_becker,
    noah.becker, noahbecker).

    Reports, JSON and PDF text match whole words; the database's raw bytes match anywhere
    (it packs a row's fields with no separator, as in "slackimoreau"), so a short first name
    alone ("Inès") is also found inside words ("lines"): scan a full name, a handle or an
    email. The index folders are also searched for each TEXT as the lexical index writes it
    (stemmed: "Lukas" is "luka"), and for the codes it keeps of its neighbouring words
    ("luka schmidt").
    """
    result = services(ctx).privacy.scan(list(text))
    hits, files, workspace = result.hits, result.files, result.folder
    if as_json:
        print_json(hits)
    else:
        t = translation(ctx)
        for hit in hits:
            click.echo(_said(t, hit))
        found = t.ngettext("%(count)s hit", "%(count)s hits", len(hits)) % {"count": len(hits)}
        searched = t.ngettext(
            "in %(count)s file whoknows wrote in %(folder)s",
            "in %(count)s files whoknows wrote in %(folder)s",
            files,
        ) % {"count": t.format_number(files), "folder": workspace}
        click.echo(f"{found} {searched}", err=True)
    sys.exit(1 if hits else 0)


COMMANDS = (privacy,)


PLACES = {"offset": N_("offset %(n)s"), "page": N_("page %(n)s")}


def _said(t: Translator, hit: ScanHit) -> str:
    """A hit in the reader's language: where it lies and the text around it."""
    from whoknows.privacy.report_manifest import shown_path

    head, _, number = hit.where.partition(" ")
    where = t.gettext(PLACES[head]) % {"n": number} if head in PLACES and number else hit.where
    return t.gettext("%(path)s (%(where)s): %(term)s in …%(excerpt)s…") % {
        "path": shown_path(hit.path),
        "where": where,
        "term": repr(hit.term),
        "excerpt": hit.excerpt,
    }
