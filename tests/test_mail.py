from __future__ import annotations

import email.message
import mailbox
from pathlib import Path

import pytest

from conftest import sample
from whoknows.bots import group_mailbox
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest._chat import chat_role
from whoknows.ingest._mailtext import automated_notice, strip_quotes_and_signature
from whoknows.ingest._threads import comment_role, message_role
from whoknows.ingest.mail import QUOTED_HTML, MaildirConnector, MboxConnector, thread_subject
from whoknows.text import html_to_text

REPLY = """Use PgBouncer in transaction mode.

It caps connections at 20.

On Tue, 3 Mar 2026 at 10:00, Ben Walsh <ben.walsh@corvid.example>
wrote:
> We get too many clients errors.
> Should we raise max_connections?

--
Tomás Ferreira
Database Administrator
"""

OUTLOOK = """Yes, rotate the key tonight.

From: Léa Fontaine
Sent: Monday, March 2, 2026 09:30
To: Claire Dubois
Subject: keys

Old text that must go.
"""


def test_quotes_attribution_and_signature_are_stripped() -> None:
    text = strip_quotes_and_signature(REPLY)
    assert text == "Use PgBouncer in transaction mode.\n\nIt caps connections at 20."


def test_outlook_style_original_is_cut() -> None:
    assert strip_quotes_and_signature(OUTLOOK) == "Yes, rotate the key tonight."


def test_french_attribution_and_mobile_footer() -> None:
    body = "Merci, c'est noté.\n\nLe lun. 2 mars 2026, Léa a écrit :\n> Revue lundi\n"
    assert strip_quotes_and_signature(body) == "Merci, c'est noté."
    assert strip_quotes_and_signature("OK.\nSent from my iPhone\n") == "OK."


def test_apple_mails_forwards_are_cut_in_both_languages() -> None:
    """A thirteenth evaluator's director forwarded a backup note the French Apple Mail way
    and ranked first for "Windows" (the note's "RECOVERY WINDOW OF 35 DAYS")."""
    french = "Pour info.\n\nDébut du message réexpédité :\n\nDe: Sandrine\nRECOVERY WINDOW"
    assert strip_quotes_and_signature(french) == "Pour info."
    english = "FYI\n\nBegin forwarded message:\n\nFrom: Sandrine\nRECOVERY WINDOW"
    assert strip_quotes_and_signature(english) == "FYI"


def test_a_forward_with_a_short_cover_note_relays() -> None:
    """The forward cut, its subject ("Fwd: Sauvegardes de la base du DPI") and cover note
    still made the forwarder a writer on backups: a forward with a short note of its own
    points to another's writing (a referral); one with a long note of its own is writing."""
    from whoknows.ingest import IngestContext
    from whoknows.ingest.mail import MailFields, mail_item

    note = "Sarah, pour le dossier de certification.\n\nDébut du message réexpédité :\n\nRMAN"
    fields = MailFields(("Philippe Roux", "p.roux@chu.example"), subject="Fwd: Sauvegardes du DPI")
    fields.body = note
    relayed = mail_item(fields, "m1", {}, IngestContext())
    assert relayed is not None and str(relayed.contributions[0].role) == "referrer"
    fields.subject = "TR: Sauvegardes du DPI"
    fields.body = " ".join(["Le plan de reprise change : la fenêtre RMAN passe à 35 jours"] * 3)
    written = mail_item(fields, "m2", {}, IngestContext())
    assert written is not None and str(written.contributions[0].role) == "sender"


FIX = (
    "The checkout pods were flapping because the autoscaler targeted CPU at 50% while the JVM "
    "warm-up burns CPU for 90 seconds. I switched to the requests-per-second metric and raised "
    "minReplicas to 4."
)
FORWARDS = [  # (subject, body): Gmail, Outlook in French, Apple Mail quoting it
    (
        "Fwd: checkout autoscaling",
        "FYI, very clear explanation from Léa below.\n\n---------- Forwarded message "
        "---------\nFrom: Léa Rousseau <lea.rousseau@acme.example>\nDate: Mon, Oct 19, 2026 "
        f"at 4:02 PM\nSubject: checkout autoscaling\nTo: Thomas <t@acme.example>\n\n{FIX}\n",
    ),
    (
        "TR: checkout autoscaling",
        "Pour info.\n\n-----Message d'origine-----\nDe : Rousseau, Léa\nEnvoyé : lundi 19 "
        f"octobre 2026 16:02\nÀ : Thomas Girard\nObjet : checkout autoscaling\n\n{FIX}\n",
    ),
    (
        "Fwd: checkout autoscaling",
        "See below.\n\nBegin forwarded message:\n\n> From: Léa Rousseau "
        "<lea.rousseau@acme.example>\n> Subject: checkout autoscaling\n> Date: 19 October "
        f"2026 at 16:02:00 CEST\n>\n> {FIX}\n",
    ),
]


def _forwards_mbox(path: Path, forwards: list[tuple[str, str]], subtype: str) -> Path:
    """The (subject, body) ``forwards`` as Thomas Girard's mails, a minute apart."""
    box = mailbox.mbox(str(path))
    for number, (subject, body) in enumerate(forwards):
        message = email.message.EmailMessage()
        message["From"], message["To"] = "Thomas Girard <thomas.girard@acme.example>", "x@y.z"
        message["Subject"], message["Message-ID"] = subject, f"<fwd{number}@acme.example>"
        message["Date"] = f"Tue, 20 Oct 2026 09:0{number}:00 +0000"
        message.set_content(body, subtype=subtype)
        box.add(message)
    box.flush()
    return path


def test_a_forwarded_original_is_its_writers(service, tmp_path: Path) -> None:
    """A sixth evaluator's VP forwarded Léa's explanation of the autoscaling fix three ways;
    the original, cut as quoted text, was lost ("no evidence mentions warm-up"): it is an
    item of hers, dated by its header, one item however often it is forwarded, while the
    forward itself points to it."""
    path = _forwards_mbox(tmp_path / "forwards.mbox", FORWARDS, "plain")
    service.ingest.ingest("mbox", path)
    answers = service.search.ask("checkout JVM warm-up minReplicas", k=0)
    assert [a.name for a in answers if not a.learner] == ["Léa Rousseau"]
    conn = service.workspace.store().conn
    originals = conn.execute(
        "SELECT i.date, p.display_name FROM items i JOIN contributions c ON c.item_id = i.id"
        " JOIN persons p ON p.id = c.person_id WHERE i.native_id LIKE 'forwarded:%'"
    ).fetchall()
    # (Gmail's and Apple's originals are the same text from the same address: one item; the
    # Outlook one names her "Rousseau, Léa", without an address: hers by her full name)
    assert sorted(tuple(row) for row in originals) == [("2026-10-19T12:00:00", "Léa Rousseau")] * 2
    roles = conn.execute(
        "SELECT DISTINCT c.role FROM contributions c JOIN persons p ON p.id = c.person_id"
        " WHERE p.display_name = 'Thomas Girard'"
    ).fetchall()
    assert [tuple(r) for r in roles] == [("referrer",)]
    before = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    service.ingest.ingest("mbox", path)
    assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == before
    # (erased, she does not come back with the next ingest of the forwards, nor by name)
    service.privacy.erase("Léa Rousseau")
    service.ingest.ingest("mbox", path)
    assert not service.search.ask("checkout JVM warm-up minReplicas", k=0)
    names = {row[0] for row in conn.execute("SELECT display_name FROM persons")}
    assert not any("Rousseau" in name or "Léa" in name for name in names)


@pytest.mark.parametrize(
    ("header", "name", "address", "bot"),
    [
        (
            "From: Laurent, Sophie <sophie.laurent@acme.fr>",
            "Sophie Laurent",
            "sophie.laurent@acme.fr",
            False,
        ),
        (
            "De : Benali, Karim [mailto:karim.benali@acme.fr]",
            "Karim Benali",
            "karim.benali@acme.fr",
            False,
        ),
        ("From: Tanaka, Aiko ‹aiko.tanaka@acme.fr›", "Aiko Tanaka", "aiko.tanaka@acme.fr", False),
        ("From: lea.rousseau@acme.fr", None, "lea.rousseau@acme.fr", False),
        ("From: Jira <jira@acme.atlassian.net>", "Jira", "jira@acme.atlassian.net", True),
    ],
)
def test_a_forwards_writer_is_read_as_mail_programs_write_it(
    header: str, name: str | None, address: str, bot: bool
) -> None:
    """A seventh evaluator's Outlook forwards ("Laurent, Sophie <…>") made a person "mail user
    None" of each; a forwarded Jira notification made "Jira" a person."""
    from whoknows.ingest._forwards import forwarded_items

    body = f"FYI\n\n---------- Forwarded message ---------\n{header}\nSubject: x\n\n{FIX}"
    (item,) = forwarded_items(body, "Fwd: x", "m1", None, "mail")
    writer = item.contributions[0].person
    assert (writer.name, writer.email, writer.is_bot) == (name, address, bot)


def test_a_thunderbird_forward_in_french_is_its_writers() -> None:
    """A fresh evaluator's "-------- Message transféré --------" with Thunderbird's French
    header ("Sujet :", "De :", "Pour :") credited nobody: the header was not read."""
    from whoknows.ingest._forwards import forwarded_items

    header = (
        "-------- Message transféré --------\nSujet : Re: partition gpu\n"
        "Date : Mon, 3 Feb 2025 20:54:00 +0100\nDe : Karim Benali <karim.benali@acme.fr>\n"
        "Pour : David Müller <david.muller@acme.fr>\nCopie à : Léa Martin <lea@acme.fr>"
    )
    body = f"Pour info, voir l'explication de Karim ci-dessous.\n\n{header}\n\n{FIX}"
    (item,) = forwarded_items(body, "TR: Re: partition gpu", "m1", None, "mail")
    assert item.contributions[0].person.email == "karim.benali@acme.fr"
    assert (item.title, item.text, item.date.isoformat()) == (
        "Re: partition gpu",
        FIX,
        "2025-02-03T20:54:00+01:00",
    )


HTML_FORWARDS = [  # (subject, HTML): Gmail's quote and Outlook's rule and header, no dashes
    (
        "Fwd: terraform state lock",
        '<div>FYI below<div class="gmail_quote"><div class="gmail_attr">---------- Forwarded '
        "message ---------<br>From: <strong>Inès Moreau</strong> &lt;ines.moreau@acme.fr&gt;"
        "<br>Date: Mon, Oct 19, 2026 at 4:02 PM<br>Subject: terraform state lock<br></div>"
        "<div>The terraform state lock stays because the CI job was killed mid-apply. Run "
        "terraform force-unlock with the lock id.</div></div></div>",
    ),
    (
        "TR: logstash pipeline",
        '<div>Pour info</div><hr><div id="divRplyFwdMsg"><b>De :</b> Karim Benali '
        "&lt;karim.benali@acme.fr&gt;<br><b>Envoyé :</b> lundi 19 octobre 2026 16:02<br>"
        "<b>Objet :</b> logstash pipeline<br></div><div>The logstash pipeline drops events "
        "because the persistent queue is full: raise queue.max_bytes to 4gb.</div>",
    ),
]


def test_an_html_forwards_original_is_its_writers(service, tmp_path: Path) -> None:
    """A seventh evaluator's HTML-only forwards (Gmail's quote, Outlook's rule and header
    without a dashed line) lost the original with the quoted HTML."""
    path = _forwards_mbox(tmp_path / "html.mbox", HTML_FORWARDS, "html")
    service.ingest.ingest("mbox", path)
    for question, writer in (
        ("terraform state lock force-unlock", "Inès Moreau"),
        ("logstash persistent queue", "Karim Benali"),
    ):
        assert [a.name for a in service.search.ask(question, k=0)] == [writer], question


def test_a_short_forward_note_that_says_what_to_do_is_its_writers() -> None:
    from whoknows.ingest.mail import MailFields, mail_item

    fields = MailFields(("Marc Dubois", "marc@acme.fr"), subject="Fwd: pgbackrest process-max")
    fields.body = "Careful: on prod set pgbackrest process-max to 8, four is too slow for us."
    item = mail_item(fields, "m1", {}, IngestContext())
    assert item is not None and str(item.contributions[0].role) == "sender"


def test_thread_subject() -> None:
    assert thread_subject("Re: RE: Fwd: Kafka lag") == "Kafka lag"
    assert thread_subject("TR: Revue des accès") == "Revue des accès"


def test_mbox_threads_roles_and_charsets(sample_org: list[SampleSource]) -> None:
    context = IngestContext()
    items = list(MboxConnector().parse(sample(sample_org, "mbox").path, context))
    assert len(items) >= 20
    replies = [i for i in items if i.parent_id]
    assert replies, "replies must point at their parent"
    first = next(i for i in items if i.native_id == replies[0].parent_id)
    assert replies[0].thread_id == first.native_id
    assert replies[0].contributions[0].role == "replier"
    assert first.contributions[0].role == "asker", "the thread opens with a question"
    assert all(">" not in line[:1] for i in items for line in i.text.splitlines())
    assert not any("+33 4 00" in i.text for i in items), "signatures must be stripped"
    assert all(c.person.email for i in items for c in i.contributions)


def test_maildir_decodes_latin1_counts_attachments_and_flags_bots(
    sample_org: list[SampleSource],
) -> None:
    context = IngestContext()
    items = list(MaildirConnector().parse(sample(sample_org, "maildir").path, context))
    french = next(i for i in items if i.title == "Revue des accès trimestrielle")
    assert "privilèges" in french.text
    assert context.skipped["mail: attachment (not read)"] == 1
    jira = next(i for i in items if (i.title or "").startswith("[JIRA]"))
    assert jira.contributions[0].person.is_bot


def test_not_an_mbox(tmp_path: Path) -> None:
    path = tmp_path / "notes.mbox"
    path.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.mbox:1: not an mbox file"):
        list(MboxConnector().parse(path, IngestContext()))


_WHOLE = (
    b"From a@x Mon Jan  1 00:00:00 2024\n"
    b"From: A <a@x.example>\nSubject: lag\nMessage-ID: <1@x>\n\nThe lag comes from acks.\n\n"
)
_MULTIPART = (
    b"From b@x Mon Jan  1 00:00:00 2024\n"
    b"From: B <b@x.example>\nSubject: re: lag\nMessage-ID: <2@x>\n"
    b'Content-Type: multipart/alternative;\n boundary="XX"\n\n'
    b"--XX\nContent-Type: text/plain\n\nRaise max.poll.records.\n"
)


@pytest.mark.parametrize(
    "cut",
    [
        b"From b@x Mon Jan",  # inside the last message's "From " line
        b"From b",  # before its sender's name is whole (it had been the message before's text)
        b"Fro",
        b"From hugo.lemaire at",  # a list archive's masked sender, cut
        b"From b@x Mon Jan  1 00:00:00 2024\nFrom: B <b@x.example>\nSubj",  # in its headers
        _MULTIPART[:-1],  # inside a multipart body without its closing boundary
        _MULTIPART + b"\n--XX\n",  # on a part's opening boundary, nothing after it (an NGO's)
    ],
)
def test_an_mbox_cut_short_is_refused_at_its_last_message(tmp_path: Path, cut: bytes) -> None:
    """A fresh evaluator's truncated archive: a file ending inside its first "From " line
    had read as an empty mailbox."""
    path = tmp_path / "list.mbox"
    path.write_bytes(_WHOLE + cut)
    with pytest.raises(InputError, match=r"list\.mbox:8: the file ends inside this message"):
        list(MboxConnector().parse(path, IngestContext()))
    context = IngestContext(skip_errors=True)
    assert [i.title for i in MboxConnector().parse(path, context)] == ["lag"]
    assert len(context.problems) == 1


def test_a_multipart_body_ending_with_a_parts_text_is_read_whole(tmp_path: Path) -> None:
    """A client that leaves out the closing boundary writes the last part's text whole: read."""
    path = tmp_path / "list.mbox"
    path.write_bytes(_WHOLE + _MULTIPART)
    assert [i.title for i in MboxConnector().parse(path, IngestContext())] == ["lag", "re: lag"]


def test_a_damaged_from_line_is_refused_where_it_is(tmp_path: Path) -> None:
    """A fresh evaluator's mbox whose tenth message lost all but its first 40 characters
    (then binary junk) was ingested with that message dropped and nothing said."""
    path = tmp_path / "list.mbox"
    damaged = b"From b@x Mon Jan  1 00:0\x00\x00\xff binary junk\n"
    last = _WHOLE.replace(b"<1@x>", b"<3@x>").replace(b"lag\n", b"acks\n")
    path.write_bytes(_WHOLE + damaged + last)
    with pytest.raises(InputError, match=r"list\.mbox:8: a damaged 'From ' line"):
        list(MboxConnector().parse(path, IngestContext()))
    context = IngestContext(skip_errors=True)
    assert [i.title for i in MboxConnector().parse(path, context)] == ["lag", "acks"]
    assert len(context.problems) == 1


def test_a_header_line_without_a_colon_is_refused_where_it_is(tmp_path: Path) -> None:
    """A water utility's evaluator's mbox: a "Subject \\x00\\x00 …" line with no colon made
    the standard parser read the headers after it as text, the Message-ID lost: the message
    was stored again, as new, exit 0."""
    path = tmp_path / "list.mbox"
    broken = _WHOLE.replace(b"<1@x>", b"<3@x>").replace(b"lag\n", b"acks\n")
    broken = broken.replace(b"Subject:", b"Subject \x00\x00 broken\nSubject:", 1)
    path.write_bytes(_WHOLE + broken)
    with pytest.raises(InputError, match=r"list\.mbox:10: a header line without a colon"):
        list(MboxConnector().parse(path, IngestContext()))
    context = IngestContext(skip_errors=True)
    assert [i.title for i in MboxConnector().parse(path, context)] == ["lag"]
    assert len(context.problems) == 1
    # (read as before, an attacker's: a body after no blank line, a separator line of blanks)
    for odd in (
        b"From: B <b@x.example>\nSubject: report\nMessage-ID: <4@x>\nDisk at 80%, purged.\n",
        b"From: B <b@x.example>\nSubject: ndots\nMessage-ID: <5@x>\n \nSet ndots to 1.\n",
        b"From: B <b@x.example>\nSubject: cron\nMessage-ID: <6@x>\nBackup done.\nDuree: 12 min\n",
        b"Microsoft Mail Internet Headers Version 2.0\nFrom: B <b@x.example>\nSubject: saved\n"
        b"Message-ID: <7@x>\n\nSaved from Outlook.\n",
    ):
        path.write_bytes(_WHOLE + b"From b@x Mon Jan  1 00:00:00 2024\n" + odd)
        assert len(list(MboxConnector().parse(path, IngestContext()))) == 2


def test_a_from_line_whose_sender_was_lost_is_refused_where_it_is(tmp_path: Path) -> None:
    """An MRO shop's evaluator's mbox: "From \\x00\\x00garbage", the envelope's sender and date
    on the next line; the message became the one before's epilogue, dropped with nothing said."""
    path = tmp_path / "list.mbox"
    damaged = b"From \x00\x00garbage\npatrick@x Tue Jan 21 14:05:00 2025\n"
    last = _WHOLE.replace(b"<1@x>", b"<3@x>").replace(b"lag\n", b"acks\n")
    path.write_bytes(_WHOLE + damaged + last.split(b"\n", 1)[1])
    with pytest.raises(InputError, match=r"list\.mbox:8: a damaged 'From ' line"):
        list(MboxConnector().parse(path, IngestContext()))
    # (NUL bytes before the next "From " line, as a compaction cut short leaves them: its
    # message had vanished; a page break pasted into a body is the body's: a third attacker's)
    path.write_bytes(_WHOLE + b"\x00" * 20 + last)
    with pytest.raises(InputError, match=r"list\.mbox:8: a damaged 'From ' line"):
        list(MboxConnector().parse(path, IngestContext()))
    path.write_bytes(_WHOLE.replace(b"acks.\n\n", b"acks.\n\nFrom \x0cpage 2: the lag.\n\n"))
    assert [i.title for i in MboxConnector().parse(path, IngestContext())] == ["lag"]


def test_a_from_line_whose_sender_is_no_address_begins_a_message(tmp_path: Path) -> None:
    """Tools write "From nobody Mon Mar  3 10:00:00 2025": the message after such a line had
    been read as the one before's text. A patch pasted unescaped into a mail ("From <commit>
    Mon Sep 17 00:00:00 2001", git format-patch's fixed date) stays its text: an attacker's
    split a colleague's rollout steps off to the patch's author."""
    path = tmp_path / "list.mbox"
    last = _WHOLE.replace(b"<1@x>", b"<3@x>").replace(b"lag\n", b"acks\n")
    last = last.replace(last.split(b"\n", 1)[0], b"From nobody Mon Mar  3 10:00:00 2025")
    path.write_bytes(_WHOLE + b"\n" + last)
    assert [i.title for i in MboxConnector().parse(path, IngestContext())] == ["lag", "acks"]
    for date in (b"Mon Mar  3 10:00:00 +0000 2025", b"Mon Mar  3 10:00 2025"):  # (zone, no s)
        path.write_bytes(_WHOLE + b"\n" + last.replace(b"Mon Mar  3 10:00:00 2025", date))
        assert [i.title for i in MboxConnector().parse(path, IngestContext())] == ["lag", "acks"]
    patch = b"From 3f2a9c1d0e7b Mon Sep 17 00:00:00 2001\nFrom: Jan <jan@up.example>\n\nfix\n"
    path.write_bytes(_WHOLE.replace(b"acks.\n\n", b"acks.\n\n" + patch + b"\nThen roll out.\n"))
    (item,) = MboxConnector().parse(path, IngestContext())
    assert item.text.endswith("Then roll out.")
    # a file of patches (git format-patch --stdout) opens with that date: each a message
    series = b"".join(
        b"From %x Mon Sep 17 00:00:00 2001\nFrom: P <p@up.example>\nSubject: [PATCH %d/3] "
        b"part %d\nMessage-ID: <p%d@x>\n\nChange number %d of the series.\n\n" % (n, n, n, n, n)
        for n in range(1, 4)
    )
    path.write_bytes(series)
    titles = [i.title for i in MboxConnector().parse(path, IngestContext())]
    assert titles == ["[PATCH 1/3] part 1", "[PATCH 2/3] part 2", "[PATCH 3/3] part 3"]


def test_a_body_line_opening_with_from_is_the_messages(tmp_path: Path) -> None:
    path = tmp_path / "list.mbox"
    body = _WHOLE.replace(b"acks.\n\n", b"acks.\n\nFrom the logs we see the lag.\n\n")
    path.write_bytes(body)
    (item,) = MboxConnector().parse(path, IngestContext())
    assert "From the logs" in item.text
    path.write_bytes(_WHOLE + b"From the logs we see the lag.\n")  # (the line whole)
    (item,) = MboxConnector().parse(path, IngestContext())
    assert item.text.endswith("From the logs we see the lag.")
    path.write_bytes(_WHOLE + b"From the platform team")  # (no end of line: no "From " line)
    (item,) = MboxConnector().parse(path, IngestContext())
    assert item.text.endswith("From the platform team")


def test_a_file_cut_inside_a_from_line_leaves_the_stored_message_as_it_was(
    service, tmp_path: Path
) -> None:
    """A fresh evaluator's list archive cut eleven characters into its last "From " line had
    added "From hugo.l" to the stored message before it (exit 0, "1 updated"), and the whole
    archive ingested again did not mend it."""
    whole = tmp_path / "whole.mbox"
    whole.write_bytes(_WHOLE + _WHOLE.replace(b"<1@x>", b"<3@x>"))
    cut = tmp_path / "cut.mbox"
    cut.write_bytes(_WHOLE + b"From hugo.l")
    service.ingest.ingest("mbox", whole)
    before = service.workspace.store().conn.execute("SELECT text FROM items").fetchall()
    with pytest.raises(InputError, match=r"cut\.mbox:8: the file ends inside this message"):
        service.ingest.ingest("mbox", cut)
    report = service.ingest.ingest("mbox", cut, skip_errors=True)
    assert report.items_updated == 0
    after = service.workspace.store().conn.execute("SELECT text FROM items").fetchall()
    assert [tuple(r) for r in after] == [tuple(r) for r in before]


def test_a_whole_multipart_message_or_one_without_a_last_line_end_is_read(tmp_path: Path) -> None:
    """And a last multipart message whose closing boundary its mail client left out, its last
    line whole, with a boundary of two words as RFC 2046's example ("simple boundary")."""
    sloppy = tmp_path / "sloppy.mbox"
    two_words = _MULTIPART.replace(b'"XX"', b'"simple boundary"').replace(
        b"--XX", b"--simple boundary"
    )
    sloppy.write_bytes(_WHOLE + two_words)
    assert len(list(MboxConnector().parse(sloppy, IngestContext()))) == 2
    path = tmp_path / "list.mbox"
    last = _WHOLE.replace(b"<1@x>", b"<3@x>").replace(b"lag\n", b"acks\n")[:-2]
    path.write_bytes(_WHOLE + _MULTIPART + b"--XX--\n\n" + last)
    titles = [i.title for i in MboxConnector().parse(path, IngestContext())]
    assert titles == ["lag", "re: lag", "acks"]


def test_unknown_charset_is_reported_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "odd.mbox"
    path.write_bytes(
        b"From a@x Mon Jan  1 00:00:00 2024\n"
        b"From: A <a@x.example>\nSubject: hi\nMessage-ID: <1@x>\n"
        b"Content-Type: text/plain; charset=klingon-8\n\nqapla\n"
    )
    with pytest.raises(InputError, match=r"odd\.mbox:1: unknown charset"):
        list(MboxConnector().parse(path, IngestContext()))
    context = IngestContext(skip_errors=True)
    assert list(MboxConnector().parse(path, context)) == []
    assert len(context.problems) == 1


def test_mbox_and_maildir_copies_are_the_same_items(service, sample_org, tmp_path) -> None:
    service.ingest.ingest("maildir", sample(sample_org, "maildir").path)

    target = tmp_path / "copy.mbox"
    box = mailbox.mbox(str(target))
    for message in mailbox.Maildir(str(sample(sample_org, "maildir").path), create=False):
        box.add(message)
    box.flush()
    report = service.ingest.ingest("mbox", target)
    assert report.items_added == 0 and report.items_unchanged > 0


CRAFTED = [
    b"From: Ann Lee <ann@x.example>\nTo: Bob <bob@x.example>,\n Cy Dee <cy@x.example>\n"
    b"Subject: folded\n  subject line\nDate: Tue, 3 Mar 2026 10:00:00 +0100\n"
    b"Message-ID: <a1@x.example>\n\nHello\nthere\n\n-- \nAnn\n",
    b"From: ann@x.example\nSubject: Re: no name\nIn-Reply-To: <a1@x.example>\n"
    b"References: <a0@x.example> <a1@x.example>\nContent-Type: text/plain; charset=utf-8;"
    b" format=flowed\nContent-Transfer-Encoding: 8bit\n\nCaf\xc3\xa9 au lait\n",
    b'From: "Lee, Ann" <ann@x.example>\nSubject: quoted\n\nquoted names\n',
    b"From: Ann <ann@x.example>\nSubject: =?utf-8?q?caf=C3=A9?=\n\nencoded subject\n",
    b"From: Ann <ann@x.example>\nContent-Type: text/html\n\n<p>html body</p>\n",
    b"From: Ann <ann@x.example>\nSubject: latin\nContent-Type: text/plain; charset=latin-1\n\n"
    b"caf\xe9\n",
    b"From: Ann <ann@x.example>\nSubject: ascii\n\nno charset, caf\xc3\xa9\n",
    b"From: Ann <ann@x.example>\nSubject: latin\n\nno charset, s\xe9curit\xe9 \x80 5\n",
    b"From: Ann <ann@x.example>\nSubject: ascii\nContent-Type: text/plain; charset=us-ascii\n\n"
    b"d\xc3\xa9tection\n",
    b"From: Zo\xc3\xa9 <zoe@x.example>\nContent-Type: text/html\n\n<p>Lef\xc3\xa8vre</p>\n",
    b"From: Ann <ann@x.example>\nSubject: mixed\n\nLa r\xc3\xa9plication s'arr\xc3\xaate. "
    b"L\x92exp\xe9diteur\n",
    b"Subject: no sender\n\nbody\n",
    b"From: Ann <ann@x.example>\nAuto-Submitted: auto-generated\nDate: not a date\n\nbot\n",
]


def test_the_fast_reading_gives_what_the_standard_parser_gives(
    sample_org: list[SampleSource], tmp_path: Path
) -> None:
    """Messages read without the standard parser (the common, simple ones) become the same
    items, with the same problems and skips, as with it; the others fall back to it."""
    from whoknows.ingest._mbox import iter_mbox
    from whoknows.ingest.mail import message_items

    raws = [raw for raw, _ in iter_mbox(sample(sample_org, "mbox").path, IngestContext())]
    maildir = sample(sample_org, "maildir").path
    raws += [p.read_bytes() for p in sorted(maildir.rglob("*")) if p.parent.name in {"cur", "new"}]
    raws += CRAFTED
    for raw in raws:
        fast, slow = IngestContext(skip_errors=True), IngestContext(skip_errors=True)
        path = tmp_path / "box.mbox"
        assert message_items(raw, path, None, fast) == message_items(
            raw, path, None, slow, fast=False
        ), raw[:200]
        assert [p.one_line() for p in fast.problems] == [p.one_line() for p in slow.problems]
        assert fast.skipped == slow.skipped


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        (CRAFTED[6], "no charset, café"),
        (CRAFTED[7], "no charset, sécurité € 5"),
        (CRAFTED[8], "détection"),
        (CRAFTED[9], "Lefèvre"),
        (CRAFTED[5], "café"),  # (a declared charset is read as declared)
        # (a gateway's Windows-1252 disclaimer after a UTF-8 answer: each read as it is)
        (CRAFTED[10], "La réplication s'arrête. L’expéditeur"),
    ],
)
def test_eight_bit_text_with_no_charset_is_read_as_utf8_else_windows_1252(
    raw: bytes, read: str, tmp_path: Path
) -> None:
    """A privacy officer's mail with no charset stored "Zo�� Lef��vre" and "s��curit��": no
    accented word could be found, nor an erased person's name masked in a colleague's mail."""
    from whoknows.ingest.mail import message_items

    for fast in (True, False):
        (item,) = message_items(raw, tmp_path / "box.mbox", None, IngestContext(), fast=fast)
        assert item.text.strip() == read


def test_a_subject_in_windows_1252_without_encoded_words_is_read(tmp_path: Path) -> None:
    """An attacker's: "Re: R\ufffdplication logique PostgreSQL arr\ufffdt\ufffde" where the body
    of the same message was read right."""
    from whoknows.ingest.mail import message_items

    raw = (
        b"From: Ann <ann@x.example>\nSubject: Re: R\xe9plication arr\xeat\xe9e\n"
        b"Message-ID: <s1@x.example>\n\nLa r\xe9plication s'arr\xeate.\n"
    )
    (item,) = message_items(raw, tmp_path / "box.mbox", None, IngestContext())
    assert (
        item.title == "Re: Réplication arrêtée" and item.text.strip() == "La réplication s'arrête."
    )


@pytest.mark.parametrize("fast", [True, False])
def test_a_newsletter_sent_in_bulk_from_a_role_is_no_ones(tmp_path: Path, fast: bool) -> None:
    """A fresh helper's trade newsletter (newsletter@, List-Unsubscribe, Precedence: bulk) was
    second for Terraform as a person; a list's member writing through it stays a person."""
    from whoknows.ingest.mail import message_items

    raw = (
        b"From: LeMagIT <newsletter@lemagit.example>\nTo: a@x.example\nSubject: Terraform\n"
        b"Message-ID: <n1@x.example>\nPrecedence: bulk\n"
        b"List-Unsubscribe: <https://lemagit.example/u>\n\nTerraform state locking explained.\n"
    )
    (item,) = message_items(raw, tmp_path / "box.mbox", None, IngestContext(), fast=fast)
    assert item.contributions[0].person.is_bot
    member = raw.replace(b"LeMagIT <newsletter@", b"Ann Lee <ann@")
    (item,) = message_items(member, tmp_path / "box.mbox", None, IngestContext(), fast=fast)
    assert not item.contributions[0].person.is_bot


def test_most_sample_messages_take_the_fast_path(sample_org: list[SampleSource]) -> None:
    from whoknows.ingest._mailfast import simple_message
    from whoknows.ingest._mbox import iter_mbox

    raws = [raw for raw, _ in iter_mbox(sample(sample_org, "mbox").path, IngestContext())]
    assert sum(simple_message(raw) is not None for raw in raws) >= len(raws) // 2
    assert simple_message(CRAFTED[0]) is not None and simple_message(CRAFTED[3]) is None


def test_plain_address_lists_read_as_the_standard_parser_reads_them() -> None:
    """Random lists of plain addresses (names of letters, digits, dots, apostrophes,
    hyphens and underscores): the fast reading gives getaddresses' pairs, or declines."""
    import random
    from email.utils import getaddresses

    from whoknows.ingest._mailfast import simple_addresses

    rng = random.Random(14)
    read = 0
    for _ in range(5000):
        parts = []
        for _ in range(rng.randint(1, 3)):
            name = "".join(rng.choice("AbZz09'_.- ") for _ in range(rng.randint(0, 12)))
            local = "".join(rng.choice("az09._%+-") for _ in range(rng.randint(1, 8)))
            address = local + "@" + "".join(rng.choice("ab.-") for _ in range(rng.randint(1, 6)))
            form = rng.random()
            parts.append(f"{name} <{address}>" if form < 0.6 else address)
        value = rng.choice([", ", ","]).join(parts)
        found = simple_addresses(value)
        if found is not None:
            read += 1
            assert found == getaddresses([value]), value
    assert read == 5000
    assert simple_addresses('"Lee, Ann" <ann@x.org>') is None
    assert simple_addresses("Ann Lee") is None and simple_addresses("") is None


def _thread_mail(n: int, sender: str, body: str, parent: int | None) -> str:
    name = sender.split("@")[0].title()
    reply = ""
    if parent is not None:
        reply = f"In-Reply-To: <z{parent}@x.example>\nReferences: <z0@x.example>\n"
    subject = ("Re: " if parent is not None else "") + "ZooKeeper quorum lost after restart"
    return (
        f"From {sender} Tue Mar  3 10:0{n}:00 2026\nFrom: {name} <{sender}>\n"
        f"To: team@x.example\nSubject: {subject}\nDate: Tue, 3 Mar 2026 10:0{n}:00 +0100\n"
        f"Message-ID: <z{n}@x.example>\n{reply}\n{body}\n\n"
    )


def test_in_mail_thanks_agreement_and_questions_show_interest(service, tmp_path) -> None:
    """Asking is not knowing, in mail as in chat and trackers: a "+1, same problem", a
    thanks and a follow-up question (each over five words) ranked above the one person who
    answered; an unanswered question counted as its sender's expertise. Those who asked are
    learners; those who only thanked or agreed asked nothing, and are not listed."""
    mails = [
        (0, "alice@x.example", "Our ZooKeeper quorum is lost after each restart, any idea?"),
        (
            1,
            "bob@x.example",
            "The quorum needs a majority of the ensemble: with three nodes "
            "restart them one at a time and wait for the leader election to settle, then check "
            "that zookeeper quorum members agree on the epoch before moving on.",
            0,
        ),
        (2, "carl@x.example", "+1, we have exactly the same zookeeper quorum problem here", 0),
        (3, "dora@x.example", "Thanks a lot Bob, this solved our zookeeper quorum issue", 1),
        (4, "erin@x.example", "Does the same zookeeper quorum recovery work on version 3.4?", 1),
        (5, "fay@x.example", "How do we size a ZooKeeper quorum for five data centres?"),
    ]
    box = tmp_path / "zk.mbox"
    box.write_text(
        "".join(_thread_mail(m[0], m[1], m[2], m[3] if len(m) > 3 else None) for m in mails),
        encoding="utf-8",
    )
    service.ingest.ingest("mbox", box)
    answers = service.search.ask("zookeeper quorum", k=0)
    assert answers[0].name == "Bob" and not answers[0].learner
    assert {a.name for a in answers[1:]} == {"Alice", "Erin", "Fay"}
    assert all(a.learner for a in answers[1:])


@pytest.mark.parametrize(
    ("text", "is_reply", "role"),
    [
        ("OK merci, elasticsearch shard allocation repart.", True, "acknowledger"),
        ("Hi Bob, thanks, the shard allocation works again now.", True, "acknowledger"),
        ("Perfect, that worked for our elasticsearch cluster.", True, "acknowledger"),
        ("Bonjour Bob, merci, ça marche chez nous aussi.", True, "acknowledger"),
        ("What about a frozen index?\n\nThanks,\nKen", True, "answerer"),  # (a suggestion)
        ("Our grafana alert fires twice, any idea why?\n\nThanks in advance,\nUna", False, "asker"),
        ("Our ZooKeeper quorum is lost after each restart. Any idea?", False, "asker"),
        ("Is auto-commit on? Disable it!", True, "answerer"),
        (
            "Use volatile-lru, details at https://redis.io/docs/eviction/ Does that help?",
            True,
            "replier",
        ),
        ("Je confirme, même souci chez nous avec Redis.", True, "acknowledger"),
        (
            "Thanks, set retention.ms=604800000 on the topic and restart the consumer.",
            True,
            "replier",
        ),
        ("Works if you set acks=all on the producer.", True, "replier"),
        (
            "Set retention.ms on the topic and restart the consumers. Does that help?",
            True,
            "replier",
        ),
        (
            "Is this on the 2.x client?\nBest practice is to set acks=all and enable idempotence.",
            True,
            "replier",
        ),
        (
            "Does your service use Spring?\nThen annotate the method with @Transactional.",
            True,
            "replier",
        ),
        (
            "Comment dimensionner le cache ?\n\nCordialement,\n\nDirk Dahl\n"
            "Ingénieur systèmes | Corvid\nTél. : +33 4 72 00 00 00",
            False,
            "asker",
        ),
        (  # an answer that ends by asking back still answers
            "Set maxmemory-policy to allkeys-lru so redis evicts the least recently used keys;"
            " volatile-lru only touches keys with a TTL. Do you set a TTL on every session key?",
            True,
            "replier",
        ),
        (  # an explanation that invites questions still explains
            "Terraform state locking uses a DynamoDB table keyed by the state path. " * 5
            + "Any questions?\n\nBest,\nEve",
            False,
            "sender",
        ),
    ],
)
def test_what_a_mail_shows(text: str, is_reply: bool, role: str) -> None:
    """Sign-offs, greetings and closing invitations do not hide what a mail does."""
    assert message_role(text, is_reply) == role


def test_html_quotes_are_cut_and_indentation_is_kept() -> None:
    """Gmail's and Thunderbird's plain <blockquote> indents the author's own text; a quoted
    original is a cited blockquote or Gmail's quote block."""
    indented = (
        '<div>Hi Bob,<blockquote style="margin:0 0 0 40px"><div>Set retention.ms on the topic'
        " and restart the consumer group.</div></blockquote><div>Cheers</div></div>"
    )
    assert "retention.ms" in html_to_text(indented, leave_out=QUOTED_HTML)
    quoted = (
        "<div>Thanks Dora, that worked!</div><div class='gmail_quote'>On Mon, Dora wrote:"
        "<blockquote class='gmail_quote'>Set retention.ms on the topic.</blockquote></div>"
        "<blockquote type='cite'>Older text</blockquote>"
    )
    assert html_to_text(quoted, leave_out=QUOTED_HTML) == "Thanks Dora, that worked!"


def test_gmails_nested_blocks_keep_their_lines() -> None:
    """Gmail writes '<div dir="ltr">+1 merci<div>Claire</div></div>': the text read
    "+1 merciClaire", a word of its own, and the signature was no longer a line."""
    gmail = '<div dir="ltr">+1 merci<div>Claire</div><div>Directrice Risques</div></div>'
    assert html_to_text(gmail) == "+1 merci\nClaire\nDirectrice Risques"
    assert html_to_text("<p>a</p><ul><li>x</li><li>y</li></ul>") == "a\nx\ny"


def test_a_signature_without_its_separator_is_cut() -> None:
    """ "Kind regards" and the name, title and phone after it, and a legal notice, made their
    sender the expert for "Procurement" and "intended recipient"."""
    body = (
        "Raise the timeout to 120s on the ingress.\n\nKind regards,\nQuentin Expert\n"
        "Senior SRE | Procurement Liaison\nMobile +44 7700 900000\n\nThis message is"
        " confidential. If you are not the intended recipient, delete it."
    )
    assert strip_quotes_and_signature(body) == "Raise the timeout to 120s on the ingress."
    kept = "Hi,\nsee below.\nThanks,\nthe fix is to raise the timeout."
    assert strip_quotes_and_signature(kept) == kept, "a closing line followed by a sentence"


BANK_NOTICE = (
    "*" * 40 + '\nCe message et toutes les pièces jointes (ci-après le "message") sont établis'
    " à\nl'intention exclusive de ses destinataires et sont confidentiels. Si vous recevez ce"
    "\nmessage par erreur, merci de le détruire et d'en avertir immédiatement l'expéditeur.\n"
    "Banque Hérault, société anonyme coopérative à capital variable, siège social : 12 rue de"
    "\nla Loge, 34000 Montpellier.\n" + "*" * 40 + "\n"
)


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("+1 merci\n\nClaire Bonnet\n" + BANK_NOTICE, "+1 merci"),
        ("+1 merci\n" + BANK_NOTICE, "+1 merci"),
        (
            "Merci Isabelle. Validé.\nClaire\n\nClaire Bonnet\nDirectrice Risques\n"
            "Tél. : 04 67 12 34 00\n" + BANK_NOTICE,
            "Merci Isabelle. Validé.",
        ),
        ("Le LCR ressort à 138 %.\n\n" + BANK_NOTICE.replace("*" * 40 + "\n", ""), None),
        (  # (a paragraph that names a recipient is no notice: it says nothing of the mail)
            "Bonjour,\n\nPour le flux FINREP, le destinataire OneGate doit être déclaré dans le"
            " paramétrage avant le 12 ; sinon le dépôt est rejeté par l'ACPR.",
            None,
        ),
        (  # (one line that says a file is confidential is the message's own)
            "Les données de test sont confidentielles : ne les copiez pas hors du bac à sable.",
            None,
        ),
    ],
)
def test_a_gateways_legal_notice_is_cut_whole(body: str, kept: str | None) -> None:
    """A bank's gateway appends a notice between rules, its legal form and seat after it:
    left in, its words made "+1 merci" and "Validé" answers on any subject, ranked above the
    expert."""
    expected = kept if kept is not None else body.split("\n\nCe message")[0].strip()
    assert strip_quotes_and_signature(body, "Claire Bonnet") == expected


def test_trackers_and_chats_read_questions_as_mail_does() -> None:
    """One rule for every source: a tracker comment that answers and then checks, and a chat
    opener signed off after its question."""
    assert comment_role("Set retention.ms on the topic. Does that help?", False) != "asker"
    assert comment_role("Any update on this?", False) == "asker"
    assert chat_role("Why does the consumer lag grow?\nThanks in advance,\nUna", False) == "asker"
    assert chat_role("Deployed the new consumer group config to staging.", False) == "poster"
    assert chat_role("did you reload nginx after changing the upstream block?", True) == "asker"
    assert (
        chat_role("Thanks, that fixed the terraform state lock for us too", True) == "acknowledger"
    )
    for opener in (
        "How do I rotate the zookeeper TLS certificates?\nThanks in advance for any help!",
        "How do I shrink the elasticsearch index?\n\nThanks a lot for your help\nAna",
        "Why is the disk usage growing? 🙏",
        "Comment migrer sans perdre l'état ?\nD'avance merci !",
        "How do I reset the offsets? TIA",
    ):
        assert chat_role(opener, False) == "asker", opener
    for answer in (  # one thought a line, or a dash before the check: still an answer
        "run redis-cli --bigkeys on the replica\nthen raise maxmemory to 4gb\ndoes that help?",
        "Reload nginx after the deploy so the upstream resolves the new pods — does that help?",
    ):
        assert comment_role(answer, False) != "asker", answer


def test_a_learner_is_shown_with_what_they_asked_not_what_they_received(service, tmp_path) -> None:
    """A fourth evaluator's learner was shown with the answer mailed to him and with his own
    "Thanks, that fixed it." in his thread: neither is what he asked."""

    def mail(n: int, sender: str, to: str, body: str, parent: int | None) -> str:
        reply = f"In-Reply-To: <s{parent}@x.example>\nReferences: <s0@x.example>\n"
        return (
            f"From {sender} Tue Mar  3 10:0{n}:00 2026\nFrom: {sender.split('@')[0].title()}"
            f" <{sender}>\nTo: {to}\nSubject: {'Re: ' if parent is not None else ''}SAML loop\n"
            f"Date: Tue, 3 Mar 2026 10:0{n}:00 +0100\nMessage-ID: <s{n}@x.example>\n"
            f"{reply if parent is not None else ''}\n{body}\n\n"
        )

    box = tmp_path / "saml.mbox"
    box.write_text(
        mail(0, "jack@x.example", "Nora <nora@x.example>", "Why does the SAML login loop?", None)
        + mail(
            1,
            "nora@x.example",
            "Jack <jack@x.example>",
            "The SAML service provider still validates assertions with the old signing "
            "certificate: update the identity provider metadata in the expense app.",
            0,
        )
        + mail(2, "jack@x.example", "Nora <nora@x.example>", "Thanks, that fixed it.", 1),
        encoding="utf-8",
    )
    service.ingest.ingest("mbox", box)
    answers = {a.name: a for a in service.search.ask("saml login", k=0)}
    assert not answers["Nora"].learner and answers["Jack"].learner
    shown = [e.snippet for e in answers["Jack"].evidence]
    assert shown == ["Why does the SAML login loop?"]


@pytest.mark.parametrize("apart", [False, True])
def test_a_follow_up_whose_references_hold_only_its_parent_stays_in_its_thread(
    service, tmp_path, apart: bool
) -> None:
    """Some clients write References with the parent alone: the asker's follow-up to the
    answer named its thread after the answer, was read as a new thread, and ranked its writer
    first for her own question (a fourth evaluator's mbox). With ``apart``, the follow-up
    comes in an ingest before the answer's."""

    def mail(n: int, sender: str, body: str, parent: int | None) -> str:
        links = f"In-Reply-To: <t{parent}@x.example>\nReferences: <t{parent}@x.example>\n"
        return (
            f"From {sender} Tue Mar  3 10:0{n}:00 2026\nFrom: {sender.split('@')[0].title()}"
            f" <{sender}>\nTo: team@x.example\n"
            f"Subject: {'Re: ' if parent is not None else ''}Terraform state lock\n"
            f"Date: Tue, 3 Mar 2026 10:0{n}:00 +0100\nMessage-ID: <t{n}@x.example>\n"
            f"{links if parent is not None else ''}\n{body}\n\n"
        )

    question = mail(0, "claire@x.example", "Every terraform plan says the state is locked?", None)
    answer = mail(
        1,
        "ines@x.example",
        "Make sure no apply is still running, then run terraform force-unlock with the lock "
        "ID from the error and run terraform plan to check the state.",
        0,
    )
    follow_up = mail(
        2,
        "claire@x.example",
        "Thanks Ines, very clear. Can we automate this terraform state check in the pipeline "
        "so the team does not need to ask you every time?",
        1,
    )
    boxes = [question + follow_up, answer] if apart else [question + answer + follow_up]
    for number, content in enumerate(boxes):
        box = tmp_path / f"box{number}.mbox"
        box.write_text(content, encoding="utf-8")
        service.ingest.ingest("mbox", box)
    answers = service.search.ask("terraform state", k=0)
    assert [(a.name, a.learner) for a in answers] == [("Ines", False), ("Claire", True)]


def test_an_opener_s_mail_that_tells_the_fix_answers_the_thread(tmp_path: Path) -> None:
    """A tenth evaluator's mail: "Found it: the ldap bind account password had expired …"
    by the thread's opener left him an interested learner; his "still failing" follows up."""
    mails = [
        ("<q@x>", None, "xavier@acme.io", "LDAP sync fails", "Why does the ldap sync fail?"),
        ("<f@x>", "<q@x>", "xavier@acme.io", "Re: LDAP sync fails", "Restarted it, still failing."),
        (
            "<a@x>",
            "<q@x>",
            "xavier@acme.io",
            "Re: LDAP sync fails",
            "Found it: the ldap bind account password had expired; I reset it in the vault and "
            "the sync runs again.",
        ),
        ("<b@x>", "<q@x>", "yana@acme.io", "Re: LDAP sync fails", "Found it: the bind account "
         "password had expired, I reset it and the sync works for our team too now."),
    ]  # fmt: skip
    lines = []
    for number, (message_id, parent, sender, subject, body) in enumerate(mails):
        lines += [f"From {sender} Mon Mar  4 10:0{number}:00 2024", f"From: {sender}"]
        lines += [f"Message-ID: {message_id}", f"Subject: {subject}"]
        lines += [f"Date: Mon, 4 Mar 2024 10:0{number}:00 +0000"]
        lines += [f"In-Reply-To: {parent}", f"References: {parent}"] if parent else []
        lines += ["", body, ""]
    path = tmp_path / "mail.mbox"
    path.write_text("\n".join(lines), encoding="utf-8")
    roles = [item.contributions[0].role for item in MboxConnector().parse(path, IngestContext())]
    assert roles == ["asker", "replier", "answerer", "replier"]


def test_a_list_or_a_role_mailbox_is_no_recipient(tmp_path: Path) -> None:
    """A fresh evaluator's mail to data@, infra@ and equipe-infra@ made people named "data",
    "infra" and "equipe", counted among the people of the network."""
    path = tmp_path / "team.mbox"
    box = mailbox.mbox(str(path))
    message = email.message.EmailMessage()
    message["From"] = "Claire Dubois <claire.dubois@acme.example>"
    message["To"] = "data@acme.example, Équipe Infra <equipe-infra@acme.example>"
    message["Cc"] = "Dev Patel <dev.patel@acme.example>, it-support@acme.example"
    message["Subject"] = "Sauvegarde de la base de paie"
    message["Message-ID"] = "<m1@acme.example>"
    message["Date"] = "Mon, 02 Mar 2026 10:00:00 +0000"
    message.set_content("La sauvegarde complète tourne le dimanche avec pgBackRest.")
    box.add(message)
    box.close()
    (item,) = MboxConnector().parse(path, IngestContext())
    people = [(c.person.email, str(c.role)) for c in item.contributions]
    assert people == [
        ("claire.dubois@acme.example", "sender"),
        ("dev.patel@acme.example", "recipient"),
    ]


@pytest.mark.parametrize(
    ("address", "group"),
    [
        ("data@acme.example", True),
        ("equipe-infra@acme.example", True),
        ("dsi@acme.example", True),
        ("platform@googlegroups.com", True),
        ("announce@lists.acme.example", True),
        # an evaluator's lists were people: "platform", "treasury", "leadership"
        ("platform@halcyon.co.uk", True),
        ("treasury@halcyon.co.uk", True),
        ("leadership@halcyon.co.uk", True),
        ("mark.board@acme.example", False),
        # a dot joins a person's names: "List", "Sales" and "It" are names too
        ("benjamin.list@acme.example", False),
        ("sales.maria@acme.example", False),
        ("it.nguyen@acme.example", False),
        ("dev.patel@acme.example", False),
        ("itzel@acme.example", False),
        ("devon@acme.example", False),
    ],
)
def test_a_group_mailbox_is_told_from_a_persons(address: str, group: bool) -> None:
    assert group_mailbox(address) is group


def test_an_automatic_reply_is_nobodys_writing(tmp_path: Path) -> None:
    """Out-of-office replies were stored as their owner's replies, one even with
    "Auto-Submitted: auto-replied": "I am on annual leave until 14 April" was evidence for the
    Terraform question it answered, second place."""
    question = (
        "From raj@x.example Tue Mar  3 10:00:00 2026\nFrom: Raj <raj@x.example>\n"
        "To: team@x.example\nSubject: Terraform state lock stuck\n"
        "Date: Tue, 3 Mar 2026 10:00:00 +0100\nMessage-ID: <q@x.example>\n\n"
        "How do I release it?\n\n"
    )
    replies = [
        ("Auto-Submitted: auto-replied\n", "Re: Terraform state lock stuck", "Back on Monday."),
        ("X-Autoreply: yes\n", "Re: Terraform state lock stuck", "Back on Monday."),
        ("", "Automatic reply: Terraform state lock stuck", "Back on Monday."),
        ("", "Réponse automatique : Terraform state lock stuck", "De retour lundi."),
        (
            "",
            "Re: Terraform state lock stuck",
            "Thank you for your message. I am on annual leave until 14 April with limited"
            " access to email.",
        ),
    ]
    mails = [question] + [
        f"From emma@x.example Tue Mar  3 10:0{n}:00 2026\nFrom: Emma <emma@x.example>\n"
        f"To: raj@x.example\nSubject: {subject}\n{header}"
        f"Date: Tue, 3 Mar 2026 10:0{n}:00 +0100\nMessage-ID: <r{n}@x.example>\n"
        f"In-Reply-To: <q@x.example>\n\n{body}\n\n"
        for n, (header, subject, body) in enumerate(replies, 1)
    ]
    box = tmp_path / "ooo.mbox"
    box.write_text("".join(mails), encoding="utf-8")
    context = IngestContext()
    items = [r for r in MboxConnector().parse(box, context) if hasattr(r, "native_id")]
    assert [item.native_id for item in items] == ["<q@x.example>"]
    automatic = "mail: automatic reply (out of office), not the person's writing"
    assert context.skipped[automatic] == 5


def test_an_automated_notice_is_no_ones_writing_forwarded_or_not(tmp_path: Path) -> None:
    """A hospital's evaluator: a regulator's recall feed ("Ce courriel est envoyé
    automatiquement. / This is an automated message."), sent to the team's mailbox and forwarded
    to a colleague, was second for the recall's question, listed as a colleague. The notice is
    no one's writing, nor its forwarded copy; the colleague's note is hers."""
    notice = (
        "Santé Canada - Avis de rappel / Health Canada - Recall notice\n\nProduit / Product: BD"
        " Alaris PC Unit, model 8015\nIssue: some keypad keys may stick, which may delay"
        " therapy.\n\nCe courriel est envoyé automatiquement. / This is an automated message.\n"
    )
    feed = "Santé Canada - Rappels <recalls-rappels@hc-sc.gc.ca>"
    mails = [
        f"From recalls@x Wed Mar 18 09:30:00 2026\nFrom: {feed}\nTo: biomed@rsaf.ca\n"
        "Subject: Avis de rappel - BD Alaris keypad\nDate: Wed, 18 Mar 2026 05:30:00 -0400\n"
        f"Message-ID: <n1@hc>\n\n{notice}\n",
        "From martine@x Wed Mar 18 12:02:00 2026\nFrom: Martine Doiron <martine@rsaf.ca>\n"
        "To: kevin@rsaf.ca\nSubject: TR: Avis de rappel - BD Alaris keypad\n"
        "Date: Wed, 18 Mar 2026 08:02:00 -0400\nMessage-ID: <n2@rsaf>\n\n"
        "Kevin, peux-tu vérifier nos numéros de série des claviers Alaris d'ici vendredi ?\n\n"
        f"-------- Message transféré --------\nDe : {feed}\nDate : 2026-03-18 05:30\n"
        f"Objet : Avis de rappel - BD Alaris keypad\n\n{notice}\n",
    ]
    box = tmp_path / "recalls.mbox"
    box.write_text("".join(mails), encoding="utf-8")
    context = IngestContext()
    items = [r for r in MboxConnector().parse(box, context) if hasattr(r, "native_id")]
    assert [item.native_id for item in items] == ["<n2@rsaf>"]
    assert context.skipped["mail: an automated notice (it says so), no one's writing"] == 1
    assert "Kevin, peux-tu" in items[0].text
    # a colleague who quotes it to explain the notice, or whose gateway adds a footer that
    # says it, wrote their mail (an attacker's three were dropped)
    explained = [
        'The nightly mail from Veeam says "This is an automated message" and most of you ignore'
        " it: on Warning, restart the SQL VSS writer service and rerun the job.",
        "Le message mensuel (« Ce courriel est envoyé automatiquement ») vient de l'export"
        " SILAE : corrigez le rattachement du matricule puis relancez l'export.",
        "Mount the Docker socket in config.toml and restart the runner.\n\nThis is an automated"
        " message reminder footer added by our mail gateway: external links are scanned.",
    ]
    box.write_text(
        "".join(
            f"From a@x Wed Mar 18 09:3{n}:00 2026\nFrom: Anna <anna@rsaf.ca>\nTo: it@rsaf.ca\n"
            f"Subject: note {n}\nMessage-ID: <e{n}@x>\n\n{text}\n\n"
            for n, text in enumerate(explained)
        ),
        encoding="utf-8",
    )
    assert len([r for r in MboxConnector().parse(box, IngestContext()) if hasattr(r, "text")]) == 3
    # a how-to that shows the footer as an example between its steps is its writer's; a
    # notice in its commonest wordings is no one's (a second attacker's)
    assert not automated_notice(
        "In zabbix open the message template and put the footer on its own line:\n\n"
        "This is an automated message.\n\nThen set the action to use that media type."
    )
    for said in (
        "This is an automated message, please do not reply.",
        "Ce courriel est envoyé automatiquement, merci de ne pas y répondre.",
        "*** This is an automatically generated email, please do not reply ***",
        "Note: This is an automated message.",
        "This is an automated message from the Recall Service.",
        "This is an automated message - please do not reply.",
    ):
        assert automated_notice(f"Recall RA-2026-0712: BD Alaris keypad.\n\n{said}"), said
    assert not automated_notice(
        "Restart the VSS writer first.\nDo not reply to this email, call me."
    )


def test_a_signature_signed_with_the_senders_name_is_cut() -> None:
    """Outlook's usual signature has no "-- " line: the first name, then the full name and
    title and a line of skills ("Cloud · Terraform · PostgreSQL · Elasticsearch"), which
    made a colleague's every reply evidence for each of them."""
    body = (
        "Identity is a key part of our security posture.\n\nDerek\n\n"
        "Derek Shaw | Principal Architect\nCloud · Terraform · PostgreSQL · Elasticsearch\n"
        "Halcyon Retail Ltd, London"
    )
    assert strip_quotes_and_signature(body, "Derek Shaw") == (
        "Identity is a key part of our security posture."
    )
    ping = "ping @Priya — can you have a look?\n\nKaren Lee\nHead of Platform (Terraform)"
    assert strip_quotes_and_signature(ping, "Karen Lee") == "ping @Priya — can you have a look?"
    named = "Derek is right that we need to check the lag.\nDerek"
    assert strip_quotes_and_signature(named, "Derek Shaw") == (
        "Derek is right that we need to check the lag."
    )
    assert strip_quotes_and_signature("Derek", "Derek Shaw") == "Derek"


def test_a_date_that_is_no_mail_date_is_refused_where_it_is(tmp_path: Path) -> None:
    """An evaluator's "Date: yesterday around noon-ish" was stored undated, exit 0."""
    box = tmp_path / "bad.mbox"
    box.write_text(
        _thread_mail(0, "alice@x.example", "Our quorum is lost.", None)
        + _thread_mail(1, "bob@x.example", "Restart the nodes one at a time.", 0).replace(
            "Date: Tue, 3 Mar 2026 10:01:00 +0100", "Date: yesterday around noon-ish"
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        InputError, match=r"bad\.mbox:\d+: date 'yesterday around noon-ish' is not a mail date"
    ):
        list(MboxConnector().parse(box, IngestContext()))
    box.write_text(  # (the parser reads the year 0000 as 2000)
        _thread_mail(0, "alice@x.example", "Our quorum is lost.", None).replace(
            "Tue, 3 Mar 2026", "Tue, 3 Mar 0000"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"date 'Tue, 3 Mar 0000 10:00:00 \+0100' is not a"):
        list(MboxConnector().parse(box, IngestContext()))


@pytest.mark.parametrize(
    ("subject", "body", "automatic"),
    [
        ("Re: x", "Bonjour,\nJe suis absent du 12 au 20 avril inclus, avec un accès limité.", True),
        ("Re: x", "Hi, I'm OOO until 3 June with limited access to email.", True),
        ("Re: x", "Merci pour votre message. Je suis actuellement absent.", True),
        ("Re: x", "Thank you for your email. I am away until Monday 9 March.", True),
        ("Out of Office: lock", "I am out of the office until Monday.", True),
        # a person's mail that opens like one, or whose subject does
        (
            "Re: x",
            "I am out of the office tomorrow, so here is the fix now: the drain waits because the"
            " PodDisruptionBudget allows zero disruptions. Scale the ledger to two replicas.",
            False,
        ),
        (
            "Re: x",
            "Je suis en congés à partir de vendredi, donc voici la procédure de reprise des rejets"
            " SEPA : on récupère le fichier de statut pain.002 et on relance la remise.",
            False,
        ),
        (
            "Out of office handover: PostgreSQL vacuum on invoices",
            "Run vacuumdb --table=factures --analyze on the primary, never VACUUM FULL by day.",
            False,
        ),
        ("Out of office rota for March", "Paul covers week 1, Marie week 2.", False),
        ("Absence du bureau : qui reprend les remises SEPA", "Élodie les reprend.", False),
    ],
)
def test_what_reads_as_an_automatic_reply(subject: str, body: str, automatic: bool) -> None:
    """A third evaluator's absence notices without headers were stored as replies, and three
    people's mails that opened like one ("I am out of the office tomorrow, so here is the fix
    now") or had such a subject ("Out of office handover: …") were skipped."""
    from whoknows.ingest._mailtext import automatic_reply

    assert automatic_reply(subject, body) == automatic


@pytest.mark.parametrize(
    ("body", "sender", "kept"),
    [
        (
            "We should look at the config.\n\nGordo\nGordon Pike | Head of Platform Strategy\n"
            "Cloud · Kafka · PostgreSQL · Terraform · SEPA · Vault · Elasticsearch · Kubernetes",
            "Pike, Gordon",
            "We should look at the config.",
        ),
        (
            "We should look at it.\n\nG.\nGordon Pike | Head of",
            "Gordon Pike",
            "We should look at it.",
        ),
        ("Look at it.\n\nGordon\nHead of Platform", "gordon.pike@corvid.example", "Look at it."),
        (
            "Hi Paul,\nThanks!\nHere is what worked:\n- set cluster.routing.allocation.enable\n"
            "- retry the failed allocations",
            "April Chen",
            "Hi Paul,\nThanks!\nHere is what worked:\n- set cluster.routing.allocation.enable\n"
            "- retry the failed allocations",
        ),
        (
            "Unlock it.\n\nDerek\nP.S. the command I used\nterraform state rm module.legacy_vpc",
            "Derek Shaw",
            "Unlock it.\n\nDerek\nP.S. the command I used\nterraform state rm module.legacy_vpc",
        ),
        ("Owners:\nDerek\nPriya", "Derek Shaw", "Owners:\nDerek\nPriya"),
        ("Rotation:\nMarch\nApril\nMay", "April Chen", "Rotation:\nMarch\nApril\nMay"),
        (
            "Hi Anna,\nGood catch.\nThanks!\nStop the consumers\nReset the offsets",
            "Paul Roy",
            "Hi Anna,\nGood catch.\nThanks!\nStop the consumers\nReset the offsets",
        ),
        (
            "The key expired.\n\nOK\nRotate the key in Vault",
            "Olivia Kent",
            "The key expired.\n\nOK\nRotate the key in Vault",
        ),
    ],
)
def test_how_a_sender_signs(body: str, sender: str, kept: str) -> None:
    """A third evaluator's generalist signed "Gordo" under "Pike, Gordon" and kept his line of
    skills; a "Thanks!" under the greeting cut the list of steps after it; a name alone inside
    the body ("March / April / May", an owners list, a P.S. with a command) cut what followed."""
    assert strip_quotes_and_signature(body, sender) == kept


def test_a_copy_cut_inside_a_body_leaves_the_whole_message_stored(service, tmp_path) -> None:
    """An evaluator's archive cut inside a body was read as a shorter message, which replaced
    the whole one stored: the words after the cut were lost from the index."""
    whole = (
        b"From a@x Mon Jan  1 00:00:00 2024\n"
        b"From: Wei Zhang <wei@x.example>\nSubject: rocksdb memory\nMessage-ID: <9@x>\n\n"
        b"Lower state.backend.rocksdb.writebuffer.size to 32 MB and enable managed memory.\n\n"
    )
    path = tmp_path / "202310.mbox"
    path.write_bytes(whole)
    service.ingest.ingest("mbox", path)
    path.write_bytes(whole[: whole.index(b"writebuffer") + 20])
    report = service.ingest.ingest("mbox", path)
    assert report.items_updated == 0 and report.items_unchanged == 1
    (text,) = (
        service.workspace.store()
        .conn.execute("SELECT text FROM items WHERE native_id = '<9@x>'")
        .fetchone()
    )
    assert text.endswith("enable managed memory.")


def test_an_mbox_as_windows_and_other_writers_leave_it_reads_whole(tmp_path: Path) -> None:
    """An attacker's valid mboxes: with Windows line ends it was refused ("a damaged 'From '
    line"); with no blank line before a "From " line, the second message was the first's text
    (its writer never existed, beyond any erasure); a byte-order mark or blank lines before the
    first "From " line made it "not an mbox file"."""
    second = _WHOLE.replace(b"<1@x>", b"<3@x>").replace(b"A <a@x", b"B <b@x")
    for body in (
        (_WHOLE + second).replace(b"\n", b"\r\n"),
        _WHOLE.rstrip(b"\n") + b"\n" + second,
        b"\xef\xbb\xbf\n\n" + _WHOLE + second,
    ):
        path = tmp_path / "list.mbox"
        path.write_bytes(body)
        items = list(MboxConnector().parse(path, IngestContext()))
        senders = [c.person.name for item in items for c in item.contributions]
        assert len(items) == 2 and "B" in senders, (body[:40], senders)
    path.write_bytes(b"\n\nnot a mailbox\n")
    with pytest.raises(InputError, match=r"list\.mbox:3: not an mbox file"):
        list(MboxConnector().parse(path, IngestContext()))
