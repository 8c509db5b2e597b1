"""A thread's first message that tells what its writer did about its subject: a write-up.

"Une campagne de phishing cible le CHU depuis ce matin … J'ai bloqué le domaine sur le proxy,
purgé les 340 messages reçus et forcé la réinitialisation des mots de passe des 6 comptes" is
the security officer's own work, told to everyone: what she knows. Read as any first message
(sent, posted) it was no topical evidence, and a hospital's two password-change answers were
listed above the only phishing report for "phishing campaign and compromised passwords" (a
fresh evaluator's). A first message is a write-up when it asks nothing, is long enough to
explain (``SUBSTANTIVE_WORDS``), and tells in the first person singular work its writer did on
a system, its data or a device ("I rotated …", "j'ai bloqué …"; not what one tries, notices,
asks, passes on, approves or books, nor work done to a meeting, a calendar, a channel or a
ticket: "I moved the retro to Thursday", "I added the interns to the #kafka channel"); and what
follows the last thing done says nothing went wrong ("I upgraded the ingress to 1.9 and since
then half the requests time out", "the labels now print shifted" report a problem).

"We" and "nous" are left out: a team's news told by its manager ("we migrated Kafka, shipped
the new billing") is not its writer's work.
"""

from __future__ import annotations

import re

from whoknows.ingest._requests import WORKED, did_not_help, reports_problem, tried_in_vain
from whoknows.ingest._short_replies import SUBSTANTIVE_WORDS

_WORD = re.compile(r"\w+")
# what one does to a system, its data or a device ("I rotated …", "j'ai purgé …"): not what
# one tries, notices, receives, asks, passes on, approves, books or plans
_WORK_EN = (
    r"blocked|unblocked|purged|forced|reset|rotated|re-?issued|revoked|renewed|cleaned|cleared|"
    r"raised|lowered|increased|decreased|reduced|re-?ran|drained|split|configured|"
    r"reconfigured|tested|fixed|patched|restored|rebuilt|reinstalled|installed|restarted|"
    r"rebooted|replaced|tuned|disabled|enabled|deployed|rolled back|reverted|recreated|"
    r"isolated|quarantined|re-?imaged|rewrote|refactored|debugged|traced|diagnosed|corrected|"
    r"repaired|recalibrated|calibrated|flashed|upgraded|downgraded|migrated|updated|changed|"
    r"set|adjusted|switched|removed|deleted|added|moved|scripted|automated|implemented|built|"
    r"resized|extended|partitioned|re-?indexed|vacuumed|truncated|killed|unlocked|remapped|"
    r"rerouted|whitelisted|allowlisted|blacklisted|denylisted|filtered|mounted|remounted|"
    r"encrypted|backed up|re-?synced|recovered|pinned|bumped|wiped|reformatted|replugged"
)
_WORK_FR = (
    r"bloqué|débloqué|purgé|forcé|réinitialisé|révoqué|renouvelé|nettoyé|vidé|augmenté|"
    r"baissé|diminué|réduit|relancé le (?:job|traitement|batch|script|service)|drainé|"
    r"découpé|configuré|reconfiguré|paramétré|testé|corrigé|patché|restauré|reconstruit|"
    r"réinstallé|installé|redémarré|remplacé|optimisé|désactivé|activé|déployé|"
    r"recréé|isolé|réimagé|réécrit|débogué|tracé|diagnostiqué|réparé|recalibré|calibré|"
    r"flashé|migré|mis à jour|changé|modifié|réglé|ajusté|basculé|supprimé|ajouté|déplacé|"
    r"scripté|automatisé|implémenté|étendu|partitionné|réindexé|tué|déverrouillé|"
    r"redirigé|filtré|monté|remonté le (?:volume|disque|partage)|chiffré|sauvegardé|"
    r"resynchronisé|récupéré|épinglé|effacé|reformaté|rebranché|appliqué|passé"
)
_ADVERB = (
    r"(?:(?:just|then|also|first|quickly|finally|immediately|manually|already|"
    r"d['’]abord|ensuite|aussi|également|immédiatement|rapidement|manuellement|"
    r"moi-même|déjà) )?"
)
_DONE = re.compile(
    rf"\bI(?:['’]ve| have)? {_ADVERB}(?:{_WORK_EN})\b|"
    rf"\bj['’]ai {_ADVERB}(?:{_WORK_FR})(?=\W|$)",
    re.IGNORECASE,
)
# what such a verb does to a meeting, a calendar, a channel or an order is coordination ("I
# moved the retro to Thursday", "I added the interns to the #kafka channel", "j'ai mis à jour
# le planning des astreintes"), and a case opened elsewhere is passed on
_COORDINATED = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,4}?(?:meeting|retro|retrospective|stand-?up|agenda|calendar|"
    r"invite|invitation|room|channel|folder|space|slides|interns?|newcomers?|planning|"
    r"schedule|rota|rotation|on-call|astreintes?|réunion|rétro|ordre du jour|calendrier|"
    r"salle|canal|dossier partagé|diapos|stagiaires?|nouveaux arrivants|"
    r"(?:an? |un |une )(?:ticket|case|incident|request|demande|dossier|RFC))\b",
    re.IGNORECASE,
)
# what went wrong, besides the words of ``reports_problem`` ("the labels now print shifted")
_AMISS = re.compile(
    r"\b(?:shifted|garbled|corrupted|wrong|incorrect|since then|ever since|erron[ée]e?s?|"
    r"mauvaise?s?|depuis (?:lors|ce moment|cette mise à jour|la mise à jour)|after that|"
    r"no longer|zero rows|plus aucune?|blanches|vides)\b|\bdepuis\s*[,:]",
    re.IGNORECASE,
)


# the words of work, wherever said ("J'ai bloqué le domaine, purgé les 340 messages et forcé
# …": three things done, one "j'ai")
_WORK = re.compile(rf"(?<!\w)(?:{_WORK_EN}|{_WORK_FR})(?=\W|$)", re.IGNORECASE)
# that what was done worked, besides ``WORKED``'s words ("the job now completes")
_RESOLVED = re.compile(
    r"\b(?:now|again|maintenant|désormais|à nouveau) (?:\w+ ){0,2}?(?:completes?|succeeds?|"
    r"passes?|runs?|finishes?)\b|\b(?:completes?|succeeds?|passes?|runs?) (?:fine|again|now)\b|"
    r"\br[ée]tablie?s?\b|\bse termine (?:maintenant|désormais|à nouveau)\b",
    re.IGNORECASE,
)


def writes_up(body: str) -> bool:
    """Whether a thread's first message (``body``) is a write-up of its writer's own work:
    something done in the first person, then two things done at least or that it worked,
    and nothing after the first thing done that says something went wrong (the words of work
    aside: "J'ai purgé les messages, bloqué le domaine" blocks a domain, nothing is stuck)."""
    if body.rstrip().endswith("?") or len(_WORD.findall(body)) < SUBSTANTIVE_WORDS:
        return False
    done = [found for found in _DONE.finditer(body) if not _COORDINATED.match(body[found.end() :])]
    if not done or tried_in_vain(body):
        return False
    after = body[done[0].start() :]  # (what was done, and what it led to)
    plain = _WORK.sub(" ", re.sub(r"(?i)\b(?:already|déjà)\b", " ", after))
    worked = WORKED.search(plain) is not None or _RESOLVED.search(plain) is not None
    if did_not_help(plain) or ((reports_problem(plain) or _AMISS.search(plain)) and not worked):
        return False
    return worked or len(_WORK.findall(after)) >= 2


def writes_up_then_asks(sentences: list[str]) -> bool:
    """Whether a first message writes up its writer's own work and says it worked, then asks
    a question of its own ("… I switched it to performance mode and the job now completes.
    Could you confirm this is the recommended setting?", a fixer's mail to the vendor): the
    fix is theirs. Without the word that it worked, a question after what one did asks ("J'ai
    changé mon mot de passe … Que dois-je faire ?")."""
    asked = 0
    while asked < len(sentences) and sentences[-1 - asked].rstrip().endswith("?"):
        asked += 1
    before = " ".join(sentences[:-asked]) if asked else ""
    said_it_worked = WORKED.search(before) is not None or _RESOLVED.search(before) is not None
    return 0 < asked < len(sentences) and said_it_worked and writes_up(before)


__all__ = ["writes_up", "writes_up_then_asks"]
