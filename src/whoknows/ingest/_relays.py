"""A message that passes on a named colleague's explanation ("Pour résumer ce que dit Thomas :
restic chiffre …", "To sum up what Raj said: …"): the words that follow are the colleague's, not
the writer's. Used by :func:`whoknows.ingest._threads.refers`."""

from __future__ import annotations

import re

from whoknows.ingest._pointer_words import MENTION, PERSON_NAME

# the colleague named at the start ("Je recopie pour la doc ce que Camille a expliqué : …")
# (in the past: "what Datadog says", "ce que dit Datadog", "what Sentry found" are a tool's)
_RELAYED = r"(?i:said|explained|wrote|mentioned|a dit|a expliqu[ée]|a [ée]crit|disait|expliquait)"
_RELAYS = re.compile(
    r"^\W*(?i:(?:just )?to (?:summari[sz]e|recap|sum up)|summari[sz]ing|relaying|passing on|"
    r"pour (?:r[ée]sumer|r[ée]capituler)|en r[ée]sum[ée],?|je (?:recopie|reprends|r[ée]sume|"
    r"copie|relaie|transmets)(?: ici)?(?: pour la doc(?:umentation)?)?)"
    rf"\s+(?i:what|ce qu['’]?(?:e|a)?)?\s*(?:(?P<name>{MENTION}|{PERSON_NAME})\s+"
    rf"{_RELAYED}|{_RELAYED}\s+(?P<after>{MENTION}|{PERSON_NAME}))\b|"
    rf"^\W*(?i:quoting|je cite|citing)\s+(?P<quoted>{MENTION}|{PERSON_NAME})\s*:"
)


# the writer's own beside the relayed ("…, and to add what I found: …", "mais je ne suis pas
# d'accord : …")
_OWN_ADDITION = re.compile(
    r"(?i:\b(?:what I found|I found|my own|I disagree|I don['’]t agree|to add|I['’]d add|"
    r"j['’]ajoute|j['’]ai trouv[ée]|je ne suis pas d['’]accord|pas d['’]accord)\b)"
)


def relays(sentences: list[str]) -> bool:
    """Whether a message opens by passing on a named colleague's explanation (the words that
    follow are theirs, not the writer's, unless they add their own)."""
    text = " ".join(sentences)
    return bool(sentences) and _RELAYS.match(text) is not None and not _OWN_ADDITION.search(text)


__all__ = ["relays"]
