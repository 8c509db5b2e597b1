"""Evidence text of an email: the author's own words, without quoted replies or signatures."""

from __future__ import annotations

import re
from collections.abc import Callable

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
# an automatic reply's subject (Outlook's, Exchange's, Gmail's and Thunderbird's, English and
# French) and its opening when the subject is the original's ("I am out of the office until…")
AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|out of (?:the )?office"
    r"(?: reply| autoreply)?|r[ée]ponse automatique(?: d['’]absence)?|absence du bureau|"
    r"message d['’]absence|abwesenheitsnotiz)\b",
    re.IGNORECASE,
)
AUTO_REPLY_OPENING = re.compile(
    r"^\W*(?:(?:hello|hi|bonjour)\W+)?(?:thank you for your (?:e-?mail|message)\W+)?"
    r"(?:i am|i['’]m|i will be|je suis|je serai)\s+(?:currently\s+|actuellement\s+)?"
    r"(?:out of (?:the )?office|on (?:annual |parental |sick )?leave|away from (?:the|my) "
    r"(?:office|desk)|on (?:vacation|holiday)|absente? (?:du bureau|jusqu|pour)|en cong[ée]s?)",
    re.IGNORECASE,
)


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
    r"merci( beaucoup)?|salutations)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")
SIGNATURE_LINES = 10  # what may follow a closing line: a name, a title, a phone, a notice
_NOTICE = re.compile(r"confidential|intended recipient|confidentiel|destinataire", re.I)


def _without_closing(lines: list[str], sender: str = "") -> list[str]:
    """``lines`` cut at a closing line followed by a signature block, and without a trailing
    legal notice (the signature a "-- " line did not mark). A closing line is a valediction
    ("Kind regards,") or the sender's name alone ("Derek", "— Derek Shaw"), or their name
    opening a signature line ("Derek Shaw | Principal Architect")."""
    while lines and (not lines[-1].strip() or _NOTICE.search(lines[-1])):
        lines = lines[:-1]
    signs = _sign_offs(sender)
    for index in range(len(lines) - 1, max(-1, len(lines) - SIGNATURE_LINES - 2), -1):
        line = lines[index]
        if index > 0 and (_VALEDICTION.match(line) or _signs(line, signs)):
            rest = [line.strip() for line in lines[index + 1 :] if line.strip()]
            if all(_signature_like(line) for line in rest):
                return _without_closing(lines[:index], sender) if signs else lines[:index]
            if _VALEDICTION.match(line):
                break
    return lines


def _sign_offs(sender: str) -> tuple[str, ...]:
    """How a sender signs, folded: their full name and first name (none for an address)."""
    parts = sender.replace(",", " ").split()
    if not parts or "@" in sender:
        return ()
    return tuple(dict.fromkeys((" ".join(parts).lower(), parts[0].lower())))


def _signs(line: str, signs: tuple[str, ...]) -> bool:
    bare = line.strip().strip("-—–~*_ ").rstrip(",.").lower()
    if not bare or not signs:
        return False
    return bare in signs or (
        len(signs[0].split()) > 1 and bool(re.match(rf"{re.escape(signs[0])}\s*[|,·•–—/-]", bare))
    )


def _signature_like(line: str) -> bool:
    """A name, a title, a phone, an address or a list of skills: a few words, no sentence."""
    return len(_WORDS.findall(line)) <= 8 and line[-1] not in ".!?"


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
