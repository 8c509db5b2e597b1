"""Others' writing passed on: a text that says, where it opens, that it is a copy ("here is the
official guide I always use (copied from docs.conda.io):", "pasting it here for newcomers",
"je colle ici le mode opératoire du fournisseur", "je vous partage la documentation Hilti
ci-dessous", "voici le texte de La Poste"), or a message most of whose words are a quotation
("D'après Hilti : « … »"). Fresh evaluators' visitors and interns ranked for conda, SLURM,
anchorage lengths and thermal breaks on tutorials and brochures pasted whole.

Never the writer's own writing copied ("Copied from my notes", "je vous partage la
documentation que j'ai rédigée", "le passage du guide … puis notre procédure"), nor a quotation
followed by what to do about it ("… » Donc set auth-timeout 28800."): a second attacker had
real experts vanish on each of those with the first version of these rules.
"""

from __future__ import annotations

import re

from whoknows.ingest._requests import explains, instructs, offers_fix

_PASTED = re.compile(
    r"\b(?:copied|pasted|copy-pasted|reproduced|quoted)\s+(?:(?:it|them|this|that)\s+)?"
    r"(?:from|below|here|verbatim|as is)\b|"
    r"\b(?:pasting|copying|reposting|quoting)\s+(?:(?:it|them|this|that|the \w+)\s+)?"
    r"(?:here|below|from|for)\b|"
    r"\b(?:copi[ée]e?s?|coll[ée]e?s?|recopi[ée]e?s?|reproduite?s?)\s+(?:de|depuis|du|des|"
    r"ci-dessous|ici|tel(?:le)? quel(?:le)?|[àa] l['’]identique)\b|"
    r"\bje (?:colle|copie|recopie|reproduis)\b|"
    r"\b(?:partage|share|sharing|forwarding|transf[èe]re)\w* (?:\w+ ){0,3}(?:doc|docs|"
    r"documentation|notice|fiche|brochure|guide|datasheet)\b[^.]{0,80}\b(?:ci-dessous|below)\b|"
    # ("Copied the relevant parts of the Stripe documentation into the README")
    r"\b(?:copied|pasted|copi[ée]e?s?|coll[ée]e?s?)\b[^.\n]{0,40}?\b(?:of|from|de|du|des)\b"
    r"[^.\n]{0,30}?\b(?:documentation|docs?|manual|manuel|guide|notice|site|wiki)\b|"
    r"\b(?:voici|here(?:['’]s| is)) (?:le|the) texte? (?:de|du|d['’]|from|of)\b",
    re.IGNORECASE,
)
# what a copy is of, where it does not say where from (not "the error is pasted below")
_WRITING = re.compile(
    r"\b(?:guides?|tutorials?|tutos?|docs?|documentation|intro|introduction|articles?|manual|"
    r"manuel|pages?|sections?|faq|wiki|readme|blog|posts?|answers?|r[ée]ponses?|cours|course|"
    r"cheat ?sheet|how-?to|mode op[ée]ratoire|fiche)\b",
    re.IGNORECASE,
)
_FROM = re.compile(r"\b(?:from|de|depuis|du|des)$", re.IGNORECASE)
# the writer's own writing, copied ("from my notes", "que j'ai rédigée", "notre procédure")
_OWN = re.compile(
    r"\b(?:my|our|mon|ma|mes|notre|nos)\b|\bmy own\b|\bi (?:wrote|have written|drafted)\b|"
    r"\bi['’]ve written\b|\bque j['’]ai (?:r[ée]dig[ée]e?s?|[ée]crite?s?|faite?s?)\b|"
    r"\bchez nous\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"«[^»]*(?:»|$)|“[^”]*(?:”|$)|\"[^\"]*\"")  # (a last one perhaps unclosed)
QUOTED_SHARE, QUOTED_WORDS = 0.7, 15
_SETTING = re.compile(r"[\w-]+[_.=/][\w.=/-]*\w|\b\d{2,}\b")  # (a parameter, a path, a value)
_SITE = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|fr|org|net|io|de|eu|co)\b\S*")
_WORD = re.compile(r"\w+")
DECLARED_WORDS = 40  # where a copy is said to be one: its opening


def declares_a_copy(text: str) -> bool:
    """Whether a text is someone else's writing, copied or quoted (see the module)."""
    opening = " ".join(text.split()[:DECLARED_WORDS])
    quoted = sum(len(_WORD.findall(m.group())) for m in _QUOTED.finditer(text))
    if quoted >= QUOTED_WORDS and quoted >= QUOTED_SHARE * len(_WORD.findall(text)):
        return not _tells_after(_QUOTED.sub(" ", text))
    pasted = _PASTED.search(opening)
    if pasted is None or _OWN.search(opening):
        return False
    return bool(_FROM.search(pasted.group()) or _WRITING.search(opening))


def _tells_after(own: str) -> bool:
    """Whether the words outside a quotation tell what to do or why ("Donc set auth-timeout
    28800.")."""
    own = _SITE.sub(" ", own)  # (where the quotation comes from: "source : schoeck.com")
    return bool(instructs(own) or explains(own) or offers_fix(own) or _SETTING.search(own))


__all__ = ["declares_a_copy"]
