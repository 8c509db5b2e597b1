"""Questions that suggest: a fix or a cause put as a question ("Have you tried raising the
timeout?", "Et si tu passais le délai à 60 ?") tells as much as the answer it proposes; a
question whether one must or may do something ("Il faut redémarrer le serveur ?", "On peut
ajouter 300 ménages ?") asks."""

from __future__ import annotations

import re

from whoknows.ingest._requests import instructs

# a question that suggests a fix or a cause ("Have you tried raising the timeout?", "Could it
# be the proxy?", "T'as essayé de redémarrer le pod ?"): a diagnosis put as questions
_SUGGESTS = re.compile(
    r"\b(?:(?:have|did|do) you (?:tried|try|checked|check|set|looked|enabled|disabled|"
    r"restarted|considered|verified|increased|raised|cleared)|what about|how about|"
    r"could it be|maybe|perhaps|is it (?:possible|maybe) that|shouldn['’]?t you|why not|"
    r"(?:as-tu|avez-vous|t['’]as|tu as|vous avez) (?:essay[ée]|v[ée]rifi[ée]|regard[ée]|"
    r"pens[ée])|pourquoi (?:ne )?pas|"
    r"et si (?:tu|vous|on)|peut-[êe]tre|ne serait-ce pas)\b",
    re.IGNORECASE,
)


def suggests(body: str) -> bool:
    """Whether a question suggests a fix or a cause ("Have you tried raising the timeout?",
    "…, but try running the wallet with the Alonzo genesis file?"); not one that asks whether
    to do it ("Il faut redémarrer le serveur Mirth ?", "Should we restart it?")."""
    if _WHETHER_TO.match(body):
        return False
    # ("Merci Esther ! Question : pour le round 2, on peut ajouter 300 ménages sans refaire
    # l'enregistrement ?": a project lead's question, third for M-Pesa bulk payments)
    told = " ".join(s for s in _SENTENCE_END.split(body) if not _WHETHER_TO.match(_opening(s)))
    return bool(_SUGGESTS.search(told) or instructs(told))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# what may open a question before what it asks: a label, a greeting, a few words of setting
# ("Question : pour le round 2, …", "Petite question, pour Kakuma : …")
_OPENING = re.compile(
    r"^\W*(?:(?:(?:quick|small|one|petite|une) )?question\s*[:,]\s*)?"
    r"(?:(?:pour|for|sur|on|dans|in|à|au|en)\b[^,:?]{1,40}[,:]\s*)?",
    re.IGNORECASE,
)


def _opening(sentence: str) -> str:
    """A question without what opens it (:data:`_OPENING`)."""
    found = _OPENING.match(sentence)
    return sentence[found.end() :] if found else sentence


# a question whether one must or may do something, and nothing else ("Il faut redémarrer le
# serveur Mirth ?", "On doit relancer la file ?", "Do we need to restart it?", "On peut … ?")
_WHETHER_TO = re.compile(
    r"^\W*(?:(?:est-ce qu['’])?il (?:nous |me |te |vous )?faut|faut-il|(?:est-ce qu['’])?on "
    r"(?:doit|peut)|doit-on|peut-on|je dois|dois-je|(?:est-ce que )?je peux|puis-je|"
    r"pouvons-nous|(?:should|must|do) (?:i|we)(?: (?:need|have) to)?|"
    r"(?:i|we) (?:need|have|should) to)\b(?:\s*[^\s?,;:()]+){1,10}\s*\?\W*$",
    re.IGNORECASE,
)


__all__ = ["suggests"]
