"""Email addresses never shown whole: "tomas.ferreira@corvid.example" shows as
t•••@corvid.example, however it is written.

Besides the plain form, the spellings people and tools write: percent-encoded
("t%40corvid.example"), the full-width or small at sign ("t＠corvid.example"), the at and the
dots spelled in brackets ("tomas [at] corvid [dot] example", "(at)", "{at}", "<at>"), a quoted
local part ('"tomas f"@corvid.example'), an address literal ("t@[10.0.0.1]",
"t@[IPv6:::1]") and ``localhost``. Ordinary text is left alone: "meet me [at] the office"
(no dotted domain), "@channel" (no local part), "lodash@4.17.21" (no letters at the end),
"npm i react@latest" (no dotted domain).
"""

from __future__ import annotations

import re

# what may stand for the @: itself, its full-width and small forms, %40, "[at]" and the like
_AT = r"(?:@|＠|﹫|%40|\s*[\[({<]\s*at\s*[\])}>]\s*)"
# what may stand for a dot between labels: itself, the full-width and ideographic stops, "[dot]"
_DOT = r"(?:[.．。]|\s*[\[({<]\s*dot\s*[\])}>]\s*)"
_LABEL = r"[\w\-]+"
_LOCAL = r"(?:\"[^\"\r\n@＠]{1,64}\"|[\w.+\-%]*\w)"
_DOMAIN = (
    rf"(?:{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[^\W\d_]{{2,}}\b"
    r"|\[(?:IPv6:[0-9A-Fa-f:.]+|\d{1,3}(?:\.\d{1,3}){3})\]"
    r"|localhost\b)"
)
# an address in running text: a dotted domain ending in letters (not "lodash@4.17.21"), an
# address literal or localhost
_ADDRESS_IN_TEXT = re.compile(
    rf"(?<![\w.+\-%])(?P<local>{_LOCAL})(?P<at>{_AT})(?P<domain>{_DOMAIN})", re.IGNORECASE
)
# an alias value: any domain, dotted or not ("jsmith@corp")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*")
_SPELLED_DOT = re.compile(rf"{_DOT}", re.IGNORECASE)


def mask_addresses(text: str) -> str:
    """``text`` with the addresses in it shown as t•••@corvid.example (however spelled)."""
    return _ADDRESS_IN_TEXT.sub(_masked_in_text, text)


def mask_email(value: str) -> str:
    """Any alias value without the addresses in it: "tomas.ferreira@corvid.example" and
    "Tomás <tomas.ferreira@corvid.example>" show as t•••@corvid.example, whatever the kind."""
    return _EMAIL.sub(_masked, mask_addresses(value))


def _masked_in_text(match: re.Match[str]) -> str:
    local, domain = match.group("local").strip('"'), match.group("domain")
    if not domain.startswith("["):
        domain = _SPELLED_DOT.sub(".", domain)  # ("corvid [dot] example": corvid.example)
    return f"{local[:1]}•••@{domain}"


def _masked(match: re.Match[str]) -> str:
    local, _, domain = match.group().partition("@")
    return f"{local[:1]}•••@{domain}"
