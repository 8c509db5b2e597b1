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

from whoknows.ingest._requests import explains, instructs
from whoknows.ingest._sentences import OPENING_GREETING, SETTING_NAME

_PASTED = re.compile(
    r"\b(?:copied|pasted|copy-pasted|quoted)\s+(?:(?:it|them|this|that)\s+)?"
    r"(?:from|below|here|verbatim|as is)\b|"
    r"\b(?:pasting|reposting)\s+(?:(?:it|them|this|that|the \w+)\s+)?(?:here|below|from|for)\b|"
    r"\b(?:copi[ée]e?s?|coll[ée]e?s?|recopi[ée]e?s?)\s+(?:de|depuis|du|des|"
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
# an extract of a manual named as such where a message opens ("Extract from operating manual
# P400, chapter 7:", "Please find the extract from the Presstec service manual, copied below",
# "Auszug aus der Betriebsanleitung P400"), not a question about one nor an extract the writer
# goes on to correct or act on ("…, but set server.port=9443", "here is what I changed")
_EXTRACT = re.compile(
    rf"^\W*{OPENING_GREETING}(?:as requested,?\s*)?"
    r"(?:(?:please )?find |here is |here['’]s |below is |voici )?"
    r"(?:the |an? |l['’]|une? |la |le |les )?"
    r"(?:relevant |pertinente? )?(?:extracts?|excerpts?|extraits?|auszug|sections?|chapters?|"
    r"chapitres?|passages?) (?:from|of|aus|de|du|de la|de l['’]) "
    r"(?!(?:my|our|mon|ma|mes|notre|nos|unser\w*|mein\w*)\b)(?:the |der |dem |des |la |le |l['’])?"
    r"(?:[\w-]+ ){0,2}(?:manual|documentation|handbook|guide|manuel|notice|betriebsanleitung|"
    r"bedienungsanleitung|handbuch|dokumentation)\b",
    re.IGNORECASE,
)
# a copy said to be one where the text opens ("Copie des notes de version du fournisseur pour
# information.", "Copy of the vendor's release notes": an MRO shop's IT, first for AMOS on one)
_COPY_OF = re.compile(
    r"^\W*(?:copie|copy|reprise|reproduction)\s+(?:des?|du|de la|de l['’]|of)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:notes? de version|release notes|documentation|manuel|manual|guide|"
    r"notice|bulletin|datasheet|fiche technique|article|communiqu[ée])\b",
    re.IGNORECASE,
)
# what the writer does with the extract: a correction of it ("… says 8443, but the proxy needs
# 9443"), their own change ("here is what I changed", "j'ai passé"), a question about it
_ACTED_ON = re.compile(
    r"\bsays?\b[^.]{0,80}\b(?:but|however|mais|aber)\b|\bhere(?:['’]s| is) what (?:i|we)\b|"
    r"\b(?:i|we) (?:set|changed|replaced|lowered|raised|adjusted|wrote)\b|\bj['’]ai (?:modifié|"
    r"passé|changé|mis|remplacé|réglé)\b|\bnous avons\b|\b(?:ich|wir) (?:habe|haben)\b",
    re.IGNORECASE,
)
# what the writer did themselves, told after a copy ("I tested 2.1 on 6 aircraft")
_DID_IT = re.compile(
    r"\b(?:i|we) (?:tested|tried|rolled back|deployed|installed|found|measured|checked)\b|"
    r"\b(?:j['’]ai|nous avons|on a) (?:test[ée]|essay[ée]|d[ée]ploy[ée]|install[ée]|trouv[ée]|"
    r"mesur[ée]|v[ée]rifi[ée])\b",
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
# the writer's own writing, copied ("from my notes", "que j'ai rédigée", "puis notre
# procédure"); not "for our newcomers"
_OWN = re.compile(
    r"\b(?:from|of|de|du|depuis|des|puis|then|and|et)\s+(?:my|our|mon|ma|mes|notre|nos)\b|"
    r"\b(?:my|our|mon|ma|mes|notre|nos)\s+(?:own\s+)?(?:notes?|runbooks?|proc[ée]dures?|wiki|"
    r"doc|docs|documentation|guide|page|fiche|mode op[ée]ratoire)\b|\bmy own\b|"
    r"\b(?:i|we) (?:wrote|have written|drafted)\b|\b(?:i|we)['’]ve written\b|\bunser(?:e|er|em)?\b|"
    r"\bque j['’]ai (?:r[ée]dig[ée]e?s?|[ée]crite?s?|faite?s?)\b|\bchez nous\b",
    re.IGNORECASE,
)
# where a copy said to come "from" somewhere comes from: a site, or writing named as such
_SOURCE_NAMED = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|fr|org|net|io|de|eu|co|dev)\b|https?://")
# who is quoted, or where from ("D'après Hilti :", "Doc Schöck :", "source : schoeck.com")
_ATTRIBUTED = re.compile(
    r"\b(?:d['’]apr[èe]s|selon|according to|per|doc|docs|documentation|source|voici|here is|"
    r"here['’]s|from|extrait|excerpt|citation|quote|quoting|aide|help)\b",
    re.IGNORECASE,
)
# (a last one perhaps unclosed; a quotation of a few words, a JSON key, is no quotation)
_HERE_IS = re.compile(r"voici|here", re.IGNORECASE)  # ("voici le texte de La Poste")
_QUOTED = re.compile(r"«[^»]*(?:»|$)|“[^”]*(?:”|$)|\"[^\"]*\"")
QUOTATION_WORDS = 4
QUOTED_SHARE, QUOTED_WORDS = 0.7, 15
_SETTING = re.compile(rf"{SETTING_NAME}|\b\d{{2,}}\b")  # (or a value)
_SITE = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|fr|org|net|io|de|eu|co)\b\S*")
_WORD = re.compile(r"\w+")
DECLARED_WORDS = 40  # where a copy is said to be one: its opening


# a translation said to be one, where it opens ("Pour compléter en français : …", "In English:
# …", "Traduction :"): a fresh evaluator's colleague restated the expert's accepted answer in
# French and ranked third on it
_TRANSLATED = re.compile(
    r"^\W*pour (?:compléter|résumer|les francophones|nos collègues \w+)\W+(?:en français|en "
    r"anglais)\s*:|^\W*for (?:our|the) (?:english|french|german)[- ]speak\w+ (?:colleagues|"
    r"users|readers)\s*:|^\W*(?:traduction|translation) (?:de la réponse|du message|de ce que|"
    r"of (?:the |\w+['’]s )?(?:answer|reply|message|post)|of what)\b[^:]{0,40}:",
    re.IGNORECASE,
)


# a publisher's notice, and a text said to be found below ("Please find below the relevant
# section of our documentation." over a vendor's manual ending "© 2023 Medisys Imaging Ltd.
# All rights reserved."): a vendor's "our documentation" is the vendor's, not the writer's
_NOTICE = re.compile(
    r"©|\(c\) \d{4}|\ball rights reserved\b|\btous droits réservés\b|\balle rechte vorbehalten\b",
    re.I,
)
_FOUND_BELOW = re.compile(
    r"\b(?:(?:please )?find below|vous trouverez ci-dessous|ci-dessous|below (?:is|are))\b"
    r"[^.:]{0,60}?\b(?:section|chapter|chapitre|extrait|excerpt|extract|passage|partie|part|article)s?\b"
    r"[^.:]{0,40}?\b(?:documentation|manual|manuel|guide|notice|knowledge base|handbook|"
    r"user guide|admin(?:istration)? guide)\b",
    re.IGNORECASE,
)
# a commit that imports files from elsewhere ("Import initial des scripts depuis le partage",
# "Initial import from SVN", "Import the legacy scripts from the old repository"), not a
# feature that imports ("Import users from LDAP")
_IMPORTED = re.compile(
    r"^\W*(?:import initial|initial import)\b(?!er)|^\W*import(?:ed)? (?:the |des |of the )?"
    r"(?:existing|legacy|old|anciens?|anciennes?) (?:scripts?|fichiers|files|sources?|code)\b|"
    r"^\W*import(?:ed)?\b[^.:]{0,50}\b(?:from|depuis) (?:the |le |l['’]|an? |un )?(?:old |legacy |"
    r"previous |former |ancien |anciens )?(?:repo(?:sitory)?|d[ée]p[ôo]t|share|partage|svn|"
    r"subversion|cvs|mercurial|network drive|lecteur r[ée]seau)\b",
    re.IGNORECASE,
)


def copy_declared(line: str, text: str = "") -> bool:
    """Whether a text's first line says it is a copy ("Copie des notes de version du
    fournisseur pour information.") that its writer did nothing with ("… I tested 2.1 on 6
    aircraft and rolled back": theirs, a third attacker's)."""
    acted = _ACTED_ON.search(text) or _DID_IT.search(text)
    return _COPY_OF.match(line) is not None and acted is None


def declares_a_copy(text: str, commit: bool = False) -> bool:
    """Whether a text is someone else's writing, copied, quoted or translated, or, for a
    ``commit``'s subject, files imported from elsewhere (see the module)."""
    if _TRANSLATED.match(text) or (commit and _IMPORTED.match(text)) or copy_declared(text, text):
        return True
    first = re.split(r"(?<=[.!?:])\s", text, maxsplit=1)[0]
    if _EXTRACT.match(text) and not (_ACTED_ON.search(text) or first.rstrip().endswith("?")):
        return True
    if _NOTICE.search(text) and _FOUND_BELOW.search(" ".join(text.split()[:DECLARED_WORDS])):
        return True
    opening = " ".join(text.split()[:DECLARED_WORDS])
    counts = [len(_WORD.findall(m.group())) for m in _QUOTED.finditer(text)]
    quoted = sum(count for count in counts if count >= QUOTATION_WORDS)
    if quoted >= QUOTED_WORDS and quoted >= QUOTED_SHARE * len(_WORD.findall(text)):
        outside = _QUOTED.sub(" ", text)
        return _ATTRIBUTED.search(outside) is not None and not _tells_after(outside)
    pasted = _PASTED.search(opening)
    if pasted is None or _OWN.search(opening):
        return False
    after = opening[pasted.end() :]
    named = _FROM.search(pasted.group()) and (
        _SOURCE_NAMED.search(after) or _HERE_IS.match(pasted.group())
    )
    return bool(named or _WRITING.search(opening))


def _tells_after(own: str) -> bool:
    """Whether the words outside a quotation tell what to do or why ("Donc set auth-timeout
    28800.")."""
    own = _SITE.sub(" ", own)  # (where the quotation comes from: "source : schoeck.com")
    return bool(instructs(own) or explains(own) or _SETTING.search(own))


__all__ = ["copy_declared", "declares_a_copy"]
