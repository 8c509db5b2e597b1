"""Evidence text of an email: the author's own words, without quoted replies or signatures."""

from __future__ import annotations

import re
from collections.abc import Callable

from whoknows.i18n import N_
from whoknows.ingest._requests import instructs, offers_fix, starts_instruction
from whoknows.ingest._vague import names_something

_ATTRIBUTION = re.compile(
    r"^\s*(On .{0,200}(wrote|a écrit|schrieb)\s*:|Le .{0,200}a écrit\s*:)\s*$", re.IGNORECASE
)
_WRAPPED_ATTRIBUTION_END = re.compile(r"(wrote|a écrit)\s*:\s*$", re.IGNORECASE)
# (Gmail's, Outlook's and Thunderbird's dashed lines; Apple Mail's "Begin forwarded message:")
# a forward's original below its header: Gmail's dashed line, Apple Mail's "Begin forwarded
# message:"; and an original quoted below a reply or a forward (Outlook's, Thunderbird's)
FORWARDED = re.compile(
    r"^\s*(?:-{2,}\s*(?:Forwarded message|Message transféré)\s*-{2,}|"
    r"(?:Begin forwarded message|Début du message réexpédité)\s*:)\s*$",
    re.IGNORECASE,
)
ORIGINAL = re.compile(r"^\s*-{2,}\s*(?:Original Message|Message d'origine)\s*-{2,}\s*$", re.I)
_RULE = re.compile(r"^\s*_{10,}\s*$")
OUTLOOK_HEADER = re.compile(r"^\s*\**(From|De)\**\s*:\s.+", re.IGNORECASE)
OUTLOOK_NEXT = re.compile(r"^\s*\**(Sent|Envoyé|Date)\**\s*:\s.+", re.IGNORECASE)
FORWARD_SUBJECT = re.compile(r"^\s*(fw|fwd|tr)\s*:", re.IGNORECASE)  # (TR: Outlook's French)
# a list's digest ("tessera-dev Digest, Vol 4, Issue 4", Google Groups' "Digest for x - 3
# updates in 2 topics"): a reply to one answers none of its messages, it opens a thread
DIGEST = re.compile(
    r"\bdigest,?\s+vol(?:ume)?\.?\s*\d+,?\s+(?:issue|num[ée]ro|n[°o])\.?\s*\d+|"
    r"^\W*(?:digest|r[ée]sum[ée]) [\w.-]+,?\s+vol(?:ume)?\.?\s*\d+,?\s+(?:issue|num[ée]ro|"
    r"n[°o])\.?\s*\d+|\bdigest for\b.{0,80}?\b\d+ (?:updates?|"
    r"messages?) in \d+ topics?|\bdigest\s*-\s*\d{1,2} \w{3,9} \d{4}\b",
    re.IGNORECASE,
)


# a list's announcement, vote or result ("[ANNOUNCE] Tessera 2.4 released", "[VOTE] Release
# 2.4.0 RC2", "[RESULT][VOTE] …", "[ANNONCE] …"), a newsletter ("This week in Tessera #74",
# "Community update #12", "Lettre d'information de mars"): it lists what others did
ANNOUNCES = re.compile(
    r"\[(?:announce|ann|annonce|vote|result|résultat)\]|\bthis (?:week|month) in\b|"
    r"\b(?:community|monthly|weekly|quarterly) (?:update|digest|recap|round-?up)s?\b|"
    r"^\W*(?:\[[^\]]*\]\s*)*(?:newsletter|lettre d['’](?:information|actualit[ée]s?)|revue de "
    r"presse)(?=\s*(?:[#:–—-]|n°|\d|$|(?:of|de|du|for|pour)\b))|"
    # a release said so ("Platform release 2025.3 is out", "Version 4.2 est disponible")
    r"^[^?]*\bv?\d+(?:\.\d+)+\b.{0,20}\b(?:is (?:now )?(?:out|available|live)|released|est "
    r"(?:disponible|sortie?|en ligne))\b[^?]*$",
    re.IGNORECASE,
)
# an automatic reply's subject as mail servers write it (Outlook, Exchange, Gmail, English and
# French); "Out of Office:" and "Absence du bureau" are people's subjects too ("Out of office
# handover: PostgreSQL vacuum"): those are read by their body (below), unless what follows is
# the subject of the mail it answers ("Absence du bureau : RE: Migration Exchange", Outlook's
# without an Auto-Submitted header: a département's notice, telling whom to ask for Exchange
# Online, had made its sender first for it)
_AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|out of office "
    r"autoreply|r[ée]ponse automatique(?: d['’]absence)?|abwesenheitsnotiz|automatische "
    r"antwort|(?:\[(?:absence|ooo|out of office)\]|out of (?:the )?office|absence du bureau|"
    r"absent(?:\(e\)|e)? du bureau)\s*:?\s*(?:re|tr|fwd?|aw|wg)\s*:)\s*:?",
    re.IGNORECASE,
)
# how an absence notice opens ("Thank you for your message. I am on annual leave until …",
# "Je suis absent du 12 au 20 avril inclus", "I'm OOO until 3 June")
_ABSENCE = re.compile(
    r"^\W*(?:(?:hello|hi|bonjour)\W+)?(?:(?:thank you|thanks) for your (?:e-?mail|message)\W+|"
    r"merci (?:pour|de) votre (?:e-?mail|message|mail|courriel)\W+)?"
    r"(?:i am|i['’]m|i will be|je suis|je serai)\s+(?:currently\s+|actuellement\s+)?"
    r"(?:out of (?:the )?office|ooo|away|absente?|en cong[ée]s?|on (?:annual |parental |sick )?"
    r"leave|on (?:vacation|holiday))\b",
    re.IGNORECASE,
)
ABSENCE_WORDS = 60  # an absence notice is short; a mail that goes on says something


def automatic_reply(subject: str, text: str) -> bool:
    """Whether a message is an automatic reply by its subject ("Automatic reply: …") or, short
    and telling nothing to do, by reading as an absence notice ("I am out of the office
    tomorrow, so here is the fix now: …" is the person's)."""
    if _AUTO_REPLY_SUBJECT.match(subject):
        return True
    if not _ABSENCE.match(text) or len(_WORDS.findall(text)) > ABSENCE_WORDS:
        return False
    return not (offers_fix(text) or instructs(text) or names_something(text))


# a notice a program sends, saying so ("Ce courriel est envoyé automatiquement. / This is an
# automated message.": a regulator's recall feed, forwarded or not, was second for a hospital's
# recall question, its sender listed as a colleague)
_AUTOMATED = re.compile(
    # (said as a notice says it: opening its line or a sentence, after a label or stars at
    # most, and ending its sentence, a "please do not reply" or whom it is from after it; not
    # quoted in an explanation, 'The nightly mail says "This is an automated message" but …',
    # nor a gateway's footer, "This is an automated message reminder …": an attacker's)
    r"(?:^|(?<=[.;!?])[ \t]+)[ \t>*_-]*(?:(?:note|nb|n\.b\.|remarque|notice)[ \t]*:[ \t]*)?(?:"
    r"this is an? (?:automated|automatic|auto-?generated|automatically generated) "
    r"(?:message|e-?mail|notification|notice|alert)|"
    r"this (?:message|e-?mail|notification|notice) (?:is|was|has been) (?:sent|generated) "
    r"automatically|this mailbox is not monitored|"
    r"(?:ce|le présent) (?:courriel|message|mail|e-?mail|courrier électronique|avis) "
    r"(?:est|a été) (?:envoyée?|générée?|émise?) automatiquement|"
    r"(?:ceci est un|il s['’]agit d['’]un) (?:message|courriel|avis) automatique|"
    r"cette (?:boîte|adresse)(?: aux lettres| courriel)? n['’]est pas (?:surveillée|consultée)"
    r")(?: (?:from|de la part d[eu]|du|de la|de l['’]|des|de) [^.\n]{1,60})?"
    r"(?=[ \t]*(?:[.!;/*]|[,–—-][ \t]*(?:please |merci de |prière de )?(?:do not|don['’]t|"
    r"ne pas|ne (?:pas )?r[ée]pondez)|$))",
    re.IGNORECASE | re.MULTILINE,
)
NOTICE_LINES = 1  # a notice says it in its first line or its last (not in a how-to's middle)


def automated_notice(text: str) -> bool:
    """Whether a message says a program sent it ("This is an automated message"): no one's
    writing, whoever its sender."""
    lines = [line for line in text.splitlines() if line.strip()]
    ends = "\n".join(lines[:1] + lines[1:][-NOTICE_LINES:])
    return _AUTOMATED.search(ends) is not None


def program_written(marked: bool, subject: str | None, text: str) -> str | None:
    """Why a message is no one's writing (untranslated): an automatic reply (``marked`` by its
    headers, or read so) or an automated notice; None for a person's."""
    if marked or automatic_reply(subject or "", text):
        return N_("mail: automatic reply (out of office), not the person's writing")
    if automated_notice(text):
        return N_("mail: an automated notice (it says so), no one's writing")
    return None


def marked_automatic(header: Callable[[str], object]) -> bool:
    """Whether a message's headers (``header``: a name's value) say a program answered for
    the person: RFC 3834's auto-replied, and other servers' vacation marks."""
    submitted = str(header("Auto-Submitted") or "").lower()
    precedence = str(header("Precedence") or "").lower()
    marked = any(header(name) for name in ("X-Autoreply", "X-Autorespond", "X-Autoreplied"))
    return submitted.startswith("auto-replied") or precedence == "auto_reply" or marked


_SIGNATURE = re.compile(r"^(-- ?|--|__)\s*$")
_MOBILE = re.compile(r"^\s*(Sent from my \w+|Envoyé de mon \w+|Get Outlook for \w+)", re.I)


# a closing line ("Kind regards,", "Cordialement,") with only a signature's few lines after it
_VALEDICTION = re.compile(
    r"^\s*((kind |best |warm(est)? )?regards|best( wishes)?|cheers|thanks( again)?|thank you|"
    r"many thanks|cordialement|bien (à|a) (vous|toi)|bonne (journée|journee|soirée|soiree)|"
    r"merci( beaucoup)?( (pour|de) (ton|votre) aide)?|thanks (for|in advance for) (your|the) "
    r"help|salutations)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")
SIGNATURE_LINES = 10  # what may follow a closing line: a name, a title, a phone, a notice
_NOTICE = re.compile(r"confidential|intended recipient|confidentiel|destinataire", re.I)


# a line a mail gateway draws around the notice it appends ("*****", "-----", "=====")
_RULE_LINE = re.compile(r"^\s*([*=_~#-])\1{4,}\s*$")
# a notice's own heading ("CONFIDENTIALITY NOTICE:", "Avertissement :", "Disclaimer")
_NOTICE_HEADING = re.compile(
    r"^\W*(?:confidentiality notice|legal notice|disclaimer|avertissement|avis de "
    r"confidentialit[ée]|mentions? l[ée]gales?|important notice)\W*$",
    re.IGNORECASE,
)
NOTICE_TAIL = 60  # how far from a message's end a gateway's notice may begin, in lines
NOTICE_WORDS = 15  # a notice is a paragraph of law, not a line saying a file is confidential
# what only a notice says: of this message, to its addressees ("If you are not the intended
# recipient", "Ce message et toutes les pièces jointes", "reçu ce courriel par erreur"); a
# mail about a payment message rejected in error, a GDPR flow or a confidential report is
# none (a reviewer's six such mails had lost all but their greeting to a looser test)
_MAIL = r"(?:e-?mail|message|mail|courriel|communication|transmission)"
_OF_MAIL = re.compile(rf"\b{_MAIL}\b", re.IGNORECASE)
_NOTICE_PHRASE = re.compile(
    rf"\b(?:if you (?:are|were) not (?:the|an?) (?:intended |named )?(?:recipient|addressee)|"
    rf"(?:if you )?(?:have )?received (?:this|the) {_MAIL} (?:in error|by mistake)|intended "
    rf"recipients? (?:only|of this {_MAIL})|intended (?:solely |only |exclusively )?for the "
    rf"(?:sole )?(?:use|addressee)|this {_MAIL}(?:,? (?:and|including|together with) (?:any|all|"
    rf"its) (?:attachments?|files?|documents?))?,? (?:is|are|may be|may contain|contains?) "
    rf"(?:strictly )?(?:confidential|privileged)|si vous n['’][êe]tes pas (?:le|la|les|un) "
    rf"destinataire|(?:si vous )?(?:avez re[çc]u|recevez) (?:ce|le pr[ée]sent) {_MAIL} par "
    rf"erreur|(?:ce|le pr[ée]sent) {_MAIL},? (?:et|ainsi que) (?:toutes |tous )?(?:les|ses) "
    rf"(?:pi[èe]ces jointes|fichiers|documents)|[àa] l['’]intention exclusive de (?:ses|son|leurs?)"
    rf" destinataires?)",
    re.IGNORECASE,
)


def _without_legal_notice(lines: list[str]) -> list[str]:
    """``lines`` without the legal notice a mail gateway appends, whole: from the line where
    a paragraph of at least :data:`NOTICE_WORDS` words says what only a notice says
    (:data:`_NOTICE_PHRASE`), with the rules and the heading just above it, to the end (a
    second language, the company's legal form, capital and seat after it). Left in, its
    words made a "+1 merci" read as an answer on any subject."""
    start = max(0, len(lines) - NOTICE_TAIL)
    tail = [line if line.strip() else "\n" for line in lines[start:]]  # (no phrase spans one)
    found = _NOTICE_PHRASE.search(" ".join(tail))  # (one pass: most mails hold no notice)
    if found is None:
        return lines
    index, offset = start, 0
    while offset + len(tail[index - start]) < found.start():
        offset += len(tail[index - start]) + 1
        index += 1
    bottom = index
    while bottom + 1 < len(lines) and lines[bottom + 1].strip() and bottom - index < 12:
        bottom += 1
    paragraph = " ".join(lines[index : bottom + 1])
    if len(_WORDS.findall(paragraph)) >= NOTICE_WORDS and _said(lines[:index]):
        top = index
        while top > 0 and (
            _RULE_LINE.match(lines[top - 1]) or _NOTICE_HEADING.match(lines[top - 1])
        ):
            top -= 1
        return lines[:top]
    return lines


def _said(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)


def _notice_line(line: str) -> bool:
    """A line of a notice: it says the message is confidential ("This email is confidential",
    not "le destinataire OneGate doit être déclaré")."""
    return bool(_NOTICE.search(line) and _OF_MAIL.search(line))


def _without_closing(lines: list[str], sender: str = "") -> list[str]:
    """``lines`` cut at a closing line followed by a signature block, and without a trailing
    legal notice (the signature a "-- " line did not mark). A closing line is a valediction
    ("Kind regards,") after the body, or the sender's name alone after a blank line ("Derek",
    "— Derek Shaw", a nickname "Gordo", initials "G.P."), or their name opening a signature
    line ("Derek Shaw | Principal Architect")."""
    lines = _without_legal_notice(lines)
    while lines and (not lines[-1].strip() or (_notice_line(lines[-1]) and _said(lines[:-1]))):
        lines = lines[:-1]
    signs = _sign_offs(sender)
    for index in range(len(lines) - 1, max(-1, len(lines) - SIGNATURE_LINES - 2), -1):
        line = lines[index]
        closing = _VALEDICTION.match(line) is not None
        signed = _signs(line, signs)
        last = index == len(lines) - 1  # ("… check the lag.\nDerek": signed as it ends)
        if index > 0 and (closing or signed) and _after_body(lines[:index], closing, signed, last):
            rest = [line.strip() for line in lines[index + 1 :] if line.strip()]
            if all(_signature_like(line) for line in rest):
                return _without_closing(lines[:index], sender) if signs else lines[:index]
            if closing:
                break
    return lines


def _after_body(before: list[str], closing: bool, signed: int, last: bool) -> bool:
    """Whether a closing line follows a body: more than a greeting before it ("Hi Paul,\n
    Thanks!\nHere is what worked: …" thanks first) and, for a name alone, a blank line or a
    valediction just before it, or a sentence's end when it is the last line (not "March /
    April / May")."""
    said = [line for line in before if line.strip()]
    if not said or (len(said) == 1 and _GREETING_LINE.match(said[0])):
        return False
    previous = before[-1].rstrip()
    return (
        closing
        or signed == 2
        or not previous
        or _VALEDICTION.match(previous) is not None
        or (last and previous[-1:] in (".", "!", "?"))
    )


def _sign_offs(sender: str) -> tuple[str, ...]:
    """How a sender signs, folded: their full name and first name ("Pike, Gordon" is Gordon
    Pike; an address's "gordon.pike" too)."""
    name = sender.split("@")[0].replace(".", " ").replace("_", " ") if "@" in sender else sender
    if "," in name:  # ("Pike, Gordon")
        last, _, first = name.partition(",")
        name = f"{first} {last}"
    parts = name.split()
    if not parts:
        return ()
    # (Outlook's "PERRIN Nicolas", the last name in capitals first, signs "Nicolas PERRIN": a
    # département's mails kept their signatures, title and phone, as evidence; a sender shown
    # "Nicolas Perrin" is never read as signing a list's "PERRIN Nicolas": a reviewer's)
    last_first = len(parts) > 1 and len(parts[0]) > 1 and parts[0].isupper()
    swapped = [" ".join(parts[1:] + parts[:1]).lower()] if last_first else []
    return tuple(dict.fromkeys((" ".join(parts).lower(), *swapped, parts[0].lower())))


def _signs(line: str, signs: tuple[str, ...]) -> int:
    """2 when ``line`` opens a signature with the sender's full name ("Gordon Pike | Head of
    …"), 1 when it is their name, first name, a nickname or their initials alone, else 0."""
    bare = line.strip().strip("-—–~*_ ").rstrip(",.").lower()
    if not bare or not signs:
        return 0
    full, first = signs[0], signs[-1]
    if len(full.split()) > 1 and re.match(rf"{re.escape(full)}\s*[|,·•–—/-]", bare):
        return 2
    initials = "".join(part[0] for part in full.split())
    nickname = len(bare) >= 3 and " " not in bare and first.startswith(bare)
    letters = bare.replace(".", "").replace(" ", "")
    marked = "." in line or line.lstrip()[:1] in "-—–~"  # ("G.", "-GP"; "OK" is a word)
    return int(bare in signs or nickname or (marked and letters in (initials, initials[:1])))


# a line of the body, not of a signature: a list item, a postscript, code
_NOT_SIGNATURE = re.compile(r"^(?:[-*•+]\s|\d+[.)]\s|p\.?\s?s\b)|[`=]", re.IGNORECASE)
_GREETING_LINE = re.compile(
    r"^\W*(?:hi|hello|hey|dear|bonjour|salut|coucou)\b[^.!?]{0,40}$", re.IGNORECASE
)


# a company's legal form or a credential ending a signature's line ("Aéro Technique Laurentides
# inc.", "Michael Chen, P.Eng.": an MRO shop's signatures had stayed evidence)
_ABBREVIATED = re.compile(
    r"(?i)\b(?:inc|ltd|lt[ée]e|corp|co|llc|plc|gmbh|s\.?a\.?s?|sarl|p\.eng|ing|ph\.?d|jr|sr)\.$"
)


def _signature_like(line: str) -> bool:
    """A name, a title, a phone, an address or a list of skills: a few words, no sentence,
    no list item or command ("terraform state rm module.legacy_vpc" goes on in lower case)."""
    if _NOT_SIGNATURE.search(line) or (line[:1].islower() and len(line.split()) >= 3):
        return False
    if instructs(line) or starts_instruction(line):  # ("Thanks!\nStop the consumers\n…")
        return False
    words = [word for word in _WORDS.findall(line) if not word.isdigit()]  # (a phone's groups)
    return len(words) <= 10 and (line[-1] not in ".!?" or _ABBREVIATED.search(line) is not None)


def strip_quotes_and_signature(body: str, sender: str = "") -> str:
    """Cut quoted replies, forwarded originals, attributions and the signature from ``body``
    (``sender``: the writer's name, which may sign it)."""
    return "\n".join(_without_closing(_own_lines(body), sender)).strip()


def _forward_or_original(line: str) -> bool:
    return bool(FORWARDED.match(line) or ORIGINAL.match(line) or _RULE.match(line))


def _own_lines(body: str) -> list[str]:
    """The lines of ``body`` before its quotes, forwards and marked signature."""
    lines = body.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line) or _MOBILE.match(line) or _forward_or_original(line):
            break
        is_last = index + 1 >= len(lines)
        if OUTLOOK_HEADER.match(line) and not is_last and OUTLOOK_NEXT.match(lines[index + 1]):
            break
        if _ATTRIBUTION.match(line) or _WRAPPED_ATTRIBUTION_END.search(line):
            following = [rest for rest in lines[index + 1 :] if rest.strip()]
            if not following or following[0].lstrip().startswith(">"):
                if (
                    not _ATTRIBUTION.match(line)
                    and kept
                    and kept[-1].lstrip()[:3] in {"On ", "Le "}
                ):
                    kept.pop()
                continue
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return kept
