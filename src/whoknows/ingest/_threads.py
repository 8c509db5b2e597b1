"""Role rules shared by the tracker, wiki, mail and chat connectors (Jira, GitHub, GitLab,
Confluence, mail, Outlook, Slack, Teams, Google Chat): one rule decides what a message shows, so
that the same words weigh the same in every source.

A message asks (:func:`asks`) when it is a question or asks for help, once its sign-off ("Thanks
in advance,", "Cheers, Sam", a name, a title, a phone number, a legal notice) and a closing
invitation ("Any questions?", "Thoughts?", "Does that make sense?", "Qu'en pensez-vous ?") are
set aside: a first message that ends with a question, or of fewer than ``SUBSTANTIVE_WORDS``
words that asks for help or reports a problem without one ("Need help: Redis evicting session
keys", "le SSO plante encore"; of fewer than ``REPORT_WORDS`` whose every sentence says what
fails, with no cause nor fix; :mod:`whoknows.ingest._requests`; a write-up that closes with
"any questions?" explains), a reply or comment that is nothing but questions (and what fails),
of fewer than ``SUBSTANTIVE_WORDS`` words or longer with no question that suggests a fix or a
cause ("Does this rounding rule also apply to Swiss VAT …?" asks; "Have you tried raising the
timeout? Could it be the proxy?" is a diagnosis; an answer that ends "Does that help?" still
answers). A mail or chat reply of fewer than ``ACKNOWLEDGEMENT_WORDS`` words that opens with
thanks or agreement ("Hi Bob, thanks", "OK merci", "+1, same problem here", "Perfect, that
worked") acknowledges (``acknowledger``): interest, though it asks nothing, so it makes nobody a
learner.

A short reply that only points to someone else ("ask @Hugo, he knows LDAP", "vois avec Hugo
Bernard", "ask the LDAP team") refers (:func:`refers`): it shows that the writer knows *who*
knows, not the subject; the writer is a ``referrer``, whose item gives no expert vote and makes
nobody a learner.

In a tracker, a wiki or a forge, a comment is read as a chat reply first: a pointer refers, a
question or a nudge asks, a thanks or a "+1" acknowledges (interest, each). Otherwise a comment
by the thread's asker is a follow-up (``commenter``); a substantive one (``SUBSTANTIVE_WORDS``
words or more) by anyone else is a ``replier`` (where a tracker shows knowledge: explanations,
diagnoses, answers); a short one ("merged") is a ``commenter``.
"""

from __future__ import annotations

import re

from whoknows.ingest._acknowledging import (
    ACKNOWLEDGES,
    APPROVES,
    INTERESTED_ONLY,
    NOTES,
    OPENING,
    PRAISES,
    PROMISES,
    after_agreeing,
    agrees,
    courteous,
)
from whoknows.ingest._books import closed_with_pointer, keeps_books
from whoknows.ingest._claims import tells_nothing_to_act_on
from whoknows.ingest._coordination import GATHERING, triages
from whoknows.ingest._directives import directs_only
from whoknows.ingest._nits import nit
from whoknows.ingest._plans import plans_only
from whoknows.ingest._referrals import credits_another, hands_over, own_words, points_to_someone
from whoknows.ingest._relays import relays
from whoknows.ingest._requests import (
    asks_without_mark,
    did_not_help,
    explains,
    instructs,
    nudges,
    offers_fix,
    qualifies_agreement,
    reports_problem,
    requests_help,
    requests_only,
    says_it_worked,
    still_asks,
    tells_what_fixed_it,
)
from whoknows.ingest._sentences import (
    looked_in_vain,
    needs_to_find_out,
    sentences_of,
    tells_own_setting,
)
from whoknows.ingest._shared_links import shares_a_link
from whoknows.ingest._short_replies import (
    SUBSTANTIVE_WORDS,
    agreement_says_more,
    changed,
    closes_only,
    coordinates_only,
    own_reply_role,
    reports_failure,
    says_more,
    tells_after,
    tells_how_it_works,
    tells_something,
    terse_answer,
    thanks_the_fixer,
)
from whoknows.ingest._suggestions import suggests
from whoknows.ingest._trouble import cost_apart, fails_to_work, recovered, states_cost, states_need
from whoknows.ingest._vague import names_something
from whoknows.ingest._wondering import wonders
from whoknows.ingest._works_again import (
    ACKNOWLEDGEMENT_WORDS,
    CONDITION,
    GREETING_WORDS,
    OWN_FIX,
    WORKS_NOW,
    confirms_it_worked,
    deed_makes_it_work,
)
from whoknows.ingest._writeups import writes_up, writes_up_then_asks
from whoknows.vocab import ContributionRole

REPORT_WORDS = 40  # a first message that only says what fails, at most so long, asks
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")
# what an opener says who found the fix ("Found it: …", "Trouvé : …", "Update: it works now")
_FOUND = re.compile(
    r"\b(?:found (?:it|the (?:cause|culprit|issue|problem|fix))|figured (?:it )?out|turn(?:ed|s) "
    r"out|it works now|works now|trouv[ée]|[çc]a (?:marche|fonctionne) (?:maintenant|enfin))\b",
    re.IGNORECASE,
)
# a fix announced as such, whatever it says next ("Fixed: the URL still pointed to …")
_MARKS_FIX = re.compile(
    r"^\W*(?:update\W+)?(?:fixed|found it|solved|resolved|sorted|r[ée]solu|trouv[ée]|"
    r"corrig[ée])\s*[:,—–-]",
    re.IGNORECASE,
)
# a thanks to everyone, before what the writer found ("Thanks everyone, it turned out …")
_THANKS_ALL = re.compile(
    r"^\W*(?:thanks?|thank you|merci)(?: (?:a lot|beaucoup))?,? (?:to )?(?:everyone|"
    r"everybody|all|folks|guys|team|[àa] tous|[àa] toutes et [àa] tous|tout le monde)\b",
    re.IGNORECASE,
)
# a thanks that opens an answer ("Thanks for the question.", "Merci pour ton retour.")
_OPENS_ANSWER = re.compile(
    rf"{OPENING}(?:thanks?|thank you|merci)(?: (?:a lot|beaucoup|bien))?(?: [^\W\d_][\w-]*)? "
    r"(?:for (?:the|your) (?:question|report|message|mail|email|feedback|ping)|for asking|"
    r"for reaching out|for raising (?:this|it)|for flagging|pour (?:la|ta|votre) question|"
    r"pour (?:ton|votre) (?:retour|message|mail|signalement))\b",
    re.IGNORECASE,
)
# what follows a colon, more than a greeting's words: said, not approved
_EXPLAINED_AFTER = re.compile(rf":\s*(?:\S+\s+){{{GREETING_WORDS}}}\S")


def comment_role(text: str, by_asker: bool) -> ContributionRole:
    """Asking is not knowing: a comment read as a chat reply first (a pointer, a question, a
    nudge, a thanks or a "+1" is interest); then the opener's own comments follow up and a
    substantive comment by someone else replies."""
    sentences = sentences_of(text)
    if _refers(sentences) or relays(sentences) or shares_a_link(sentences):
        return ContributionRole.REFERRER
    shown = _shows_no_knowledge(sentences)  # (a question, a nudge, a thanks, as in chat)
    if shown is not None:
        return shown
    words = len(_WORD.findall(text))
    if by_asker:
        return ContributionRole.ANSWERER if tells_own_fix(text) else ContributionRole.COMMENTER
    if thanks_the_fixer(sentences):
        return ContributionRole.ACKNOWLEDGER
    if terse_answer(sentences):
        return ContributionRole.ANSWERER
    body = " ".join(sentences)
    if _MARKS_FIX.match(body) and words >= GREETING_WORDS and not did_not_help(body):
        return ContributionRole.ANSWERER  # ("Fixed: the webhook route now uses express.raw …")
    if words >= SUBSTANTIVE_WORDS or explains(body) or offers_fix(body):
        return ContributionRole.REPLIER  # ("Fixed in #482: retries now back off …")
    return ContributionRole.COMMENTER


def asks(text: str, is_reply: bool) -> bool:
    """Whether a message is a question (the module's docstring): a first message ending with
    one, a reply of questions only (from ``SUBSTANTIVE_WORDS`` words, none tells a fix or cause)."""
    return _asks(sentences_of(text), is_reply)


# what a reply of questions may say besides ("We need to test …", "Je vais regarder ça lundi.")
_BESIDE_A_QUESTION = (agrees, courteous, reports_failure, needs_to_find_out, wonders, plans_only)


def _asks(sentences: list[str], is_reply: bool) -> bool:
    body = " ".join(sentences)
    words = len(_WORD.findall(body))
    if not body:
        return False
    if is_reply:  # (a longer reply of questions only may be a diagnosis: "Have you tried …?")
        if (words < SUBSTANTIVE_WORDS or nudges(body)) and requests_help(body):
            return not offers_fix(body)  # ("Je me permets de relancer, c'est urgent")
        # (questions, perhaps with a "same problem here": "Did you find a solution? Same here.")
        asking = [_is_question(s) for s in sentences]
        # ("Great work Aisha. Can we make sure …?", "… ? « canpé » ne donne rien.")
        said = (any(test(s) for test in _BESIDE_A_QUESTION) for s in sentences)
        agreeing = (q or other for q, other in zip(asking, said, strict=True))
        # ("… but setting ndots to 1 fixed it for us" answers; a cause asked is a new hire's
        # guess: "Je pense que c'est un souci côté Perforce ? Je vais regarder BuildGraph …")
        stated = " ".join(s for s in sentences if not s.rstrip().endswith("?"))
        return any(asking) and all(agreeing) and not (suggests(body) or offers_fix(stated))
    # (not "…, I set it to 30", nor "Rotated the certificate, tags flowing again.")
    told = tells_what_fixed_it(body) or recovered(body)
    reported = reports_failure(body) and not told
    short = words < SUBSTANTIVE_WORDS and (requests_help(body) or reported)
    # (a longer report whose every sentence says what fails, no cause, fix nor "works again":
    # "VPN down since 9am for the Lyon site, the tunnel to the datacenter keeps dropping …")
    failing = [reports_failure(s) or fails_to_work(s) for s in sentences]
    short |= (  # (and what it costs: "Les infirmières doivent tout retranscrire.")
        words < REPORT_WORDS
        and any(failing)
        and all(fails or states_cost(s) for s, fails in zip(sentences, failing, strict=True))
        and not (explains(body) or instructs(" ".join(map(cost_apart, sentences))))
        and not (WORKS_NOW.search(body) or told)
    )
    if _is_question(sentences[-1]) or short or still_asks(body):  # (the last: any length)
        return True
    # ("… Quelqu'un sait ce qui ne va pas dans le fichier XML ? On génère le fichier depuis
    # l'ERP, rien n'a changé de notre côté. Les virements doivent partir aujourd'hui.")
    helped = any(_is_question(s) and requests_help(s) for s in sentences)
    return (helped and not offers_fix(body)) or _asks_then_tells_why(sentences)


def _is_question(sentence: str) -> bool:
    """A sentence that ends with a question mark, or asks without one (chat drops it)."""
    return sentence.rstrip().endswith("?") or asks_without_mark(sentence)


def _asks_then_tells_why(sentences: list[str]) -> bool:
    """A first message that asks, then says why in a few words ("The legal team needs to
    know.") or tells the failure it asks about ("helm install fails with …"), and no fix."""
    asked = [at for at, sentence in enumerate(sentences) if _is_question(sentence)]
    if not asked:
        return False
    after = " ".join(s for s in sentences[asked[-1] + 1 :] if not states_need(s))
    brief = len(_WORD.findall(after)) < SUBSTANTIVE_WORDS or reports_failure(after)
    # ("… ? J'utilise cartolab 2.3 sous Ubuntu 22.04. Je travaille dans une collectivité.",
    # "… ? Sorry if this has been asked before. I'm on cartolab 2.3": the asker's setting)
    brief |= all(map(tells_own_setting, sentences[asked[-1] + 1 :]))
    vain = looked_in_vain(after) and not (instructs(after) or explains(after))
    return brief and (not offers_fix(after) or vain)


def acknowledges(text: str) -> bool:
    """Whether a reply only thanks or agrees: fewer than ``ACKNOWLEDGEMENT_WORDS`` words that
    open with thanks and name no cause; fewer than ``SUBSTANTIVE_WORDS`` that open with thanks
    and say the fix worked ("Thanks a lot Grace, this fixed the sink exception for our team as
    well, really appreciated!"); an opening agreement ("+1 seeing exactly the same Argo CD
    OutOfSync status after the upgrade", "We have the same problem since 1.29, did anybody
    find why?") of any length that offers no fix, names no cause and tells nothing the writer
    did that helped (a "+1" restates the problem; "+1, it's the MTU: the overlay needs 1450"
    and "I had the same error. I just deleted the db folder and resynced" answer)."""
    return _acknowledges(sentences_of(text))


def _acknowledges(sentences: list[str]) -> bool:
    body = " ".join(sentences)
    words = len(_WORD.findall(body))
    # ("Merci Fatou. Validé pour la remise en service": an approval after a short thanks)
    thanked = len(sentences) > 1 and len(_WORD.findall(sentences[0])) <= GREETING_WORDS
    approved = APPROVES.match(" ".join(sentences[1:]) if thanked else body)
    if confirms_it_worked(after_agreeing(sentences)) or INTERESTED_ONLY.match(body):
        return True  # ("+1 that fixed it for me": another's fix worked)
    if agrees(body) or PROMISES.match(body) or APPROVES.match(body) or approved:
        # ("On it: the …", "Je regarde ça, le GLN est faux dans la table")
        told = tells_after(body, promised=PROMISES.match(body) is not None)
        explained = not agrees(body) and (_EXPLAINED_AFTER.search(body) or told)
        more = agreement_says_more(sentences)  # ("Confirmed on our side. When one pod …")
        fixed = tells_what_fixed_it(body) or deed_makes_it_work(body)
        return not (explained or more or offers_fix(body) or fixed)
    said = NOTES.sub(" ", body)  # ("c'est un sujet important" names no cause)
    if not ACKNOWLEDGES.match(body) or explains(said) or instructs(said):
        return False  # ("Thanks for flagging — the culprit is ndots:5": an answer)
    opening = ACKNOWLEDGES.match(body)
    if qualifies_agreement(body) or (opening and tells_how_it_works(body[opening.end() :])):
        return False  # ("Agreed, but you also need to set …", "Exactly, the bank rejects …")
    if PRAISES.match(body) and _EXPLAINED_AFTER.search(body):
        return False  # ("Good question: the MTU of the overlay must be 1450")
    if OWN_FIX.search(body):
        return False  # ("Thanks! Fixed it by raising the proxy timeout to 60s")
    opened = _OPENS_ANSWER.match(body)
    rest = body[opened.end() :] if opened else ""
    if len(_WORD.findall(rest)) > GREETING_WORDS and not courteous(rest):
        return False  # ("Thanks for the question. Set ndots to 1": an answer; "Merci pour
        # la question Dan !" alone thanks, and "Thanks for raising this Anna, I was wondering
        # the same")
    if len(sentences) > 1 and says_more(sentences[1:], at_length=False):
        return False  # ("Thanks Marcus, that fixed it. For the record: on RDS pg_repack …")
    if _THANKS_ALL.match(body) and (_FOUND.search(body) or offers_fix(body)):
        return False  # ("Thanks everyone, it turned out the export job ran on the old node")
    if CONDITION.search(body) and names_something(body):
        return False  # (what makes it work: "Ça marche chez moi aussi, à condition de mettre …")
    if words < ACKNOWLEDGEMENT_WORDS or (words < SUBSTANTIVE_WORDS and says_it_worked(body)):
        return True
    # a longer thanks of one sentence, a few words after it at most, praises or says it
    # worked, unless it tells what the writer did ("Thanks Inès, that ingress selector fix
    # saved my day, the 503 is gone on our service too"); a thanks followed by sentences of
    # its own is an answer's courtesy ("Hi Tom, thanks. Vault reads its certificate …")
    after = sentences[1:]
    short = all(len(_WORD.findall(s)) <= GREETING_WORDS for s in after)
    return (short or all(map(courteous, sentences))) and not tells_what_fixed_it(body)


def tells_own_fix(text: str) -> bool:
    """Whether a thread opener's own reply tells how the problem was fixed ("Fixed: the DAG
    parsing timeout was too low; raised dagbag_import_timeout and the scheduler picks the runs
    up"), with no word that it did not help and no question: a self-answer, knowledge as
    Stack Exchange counts one, where the opener's other replies follow up."""
    sentences = sentences_of(text)
    body = " ".join(sentences)
    if _MARKS_FIX.match(body):
        return True  # ("Fixed: the loki URL still pointed to the old service")
    if not body or body.rstrip().endswith("?") or did_not_help(body):
        return False
    if triages(body) and not (explains(body) or _FOUND.search(body)):
        return False  # ("Bump to P1.", "Moved to the backlog": triage)
    if ACKNOWLEDGES.match(body) and not (_OPENS_ANSWER.match(body) or _THANKS_ALL.match(body)):
        return changed(sentences)  # ("Thanks Cara, that worked, I changed the refresh": hers)
    told = _FOUND.search(body) or OWN_FIX.search(body) or changed(sentences)
    return bool(told) or offers_fix(body) or tells_what_fixed_it(body)


def refers(text: str) -> bool:
    """Whether a reply only points to someone else: fewer than ``SUBSTANTIVE_WORDS`` words,
    a sentence that sends the reader to a person or a team ("ask @Hugo, he knows LDAP", "vois
    ça avec Karim"), no other of more than ``GREETING_WORDS`` words nor one that tells."""
    return _refers(sentences_of(text))


def _refers(sentences: list[str]) -> bool:
    if hands_over(sentences) or closed_with_pointer(" ".join(sentences)):  # (triage, any length)
        return True
    if len(_WORD.findall(" ".join(map(own_words, sentences)))) >= SUBSTANTIVE_WORDS:
        return False
    pointing = [points_to_someone(sentence) for sentence in sentences]
    others = [s for s, points in zip(sentences, pointing, strict=True) if not points]
    # (the problem said again is nothing of the writer's: "Deuxième nuit que la sauvegarde
    # échoue. Hugo, tu peux regarder ?")
    others = [s for s in others if not (reports_problem(s) and not explains(s))]
    said = (len(_WORD.findall(s)) > GREETING_WORDS or tells_something(s) for s in others)
    return any(pointing) and not any(said)  # ("Use cooperative sticky. I'll let Julien drive")


def message_role(
    text: str, is_reply: bool, first: ContributionRole = ContributionRole.SENDER
) -> ContributionRole:
    """A mail's or chat message's role: a pointer refers, a question asks, a short thanks or
    agreement acknowledges (interest, each; never knowledge); a reply that says something of
    its own replies, another comments; a first message is ``first`` (sent, posted), or
    ``AUTHOR`` when it writes up its writer's own work (:mod:`._writeups`)."""
    sentences = sentences_of(text)
    if (is_reply and (_refers(sentences) or relays(sentences))) or shares_a_link(sentences):
        return ContributionRole.REFERRER
    if is_reply:
        if not sentences:
            return ContributionRole.ACKNOWLEDGER  # (an emoji alone: ":eyes:")
        return _shows_no_knowledge(sentences) or own_reply_role(sentences)
    coordinating = coordinates_only(sentences)
    body = " ".join(sentences)  # (a write-up, a question after it: "Could you confirm…?")
    if not coordinating and (writes_up(body) or writes_up_then_asks(sentences)):
        return ContributionRole.AUTHOR
    if _asks(sentences, is_reply=False) or requests_only(text):
        return ContributionRole.ASKER
    if _refers(sentences):  # ("Vault : voir la doc de Fabien sur le wiki.": an attacker's)
        return ContributionRole.REFERRER
    if tells_nothing_to_act_on(sentences) or directs_only(sentences) or plans_only(text):
        return ContributionRole.ADVISER
    books = coordinating and (any(map(keeps_books, sentences)) or keeps_books(text))
    if books or credits_another(text, sentences):  # ("CAB agenda for today: CHG-2280 …")
        return ContributionRole.REFERRER
    # (a meeting moved, a sheet to sign: an assistant's two notes had made him the holder of
    # half of the syringe pumps' evidence, an attacker's)
    if coordinating and GATHERING.search(text) is not None and not names_something(text):
        return ContributionRole.ADVISER
    return first


def reply_interest(text: str) -> ContributionRole | None:
    """What a reply shows if it shows interest only: ``ASKER`` when it is nothing but a short
    question, ``ACKNOWLEDGER`` when it only thanks or agrees; None when it may answer."""
    return _reply_interest(sentences_of(text))


def _shows_no_knowledge(sentences: list[str]) -> ContributionRole | None:
    """A reply's interest (:func:`_reply_interest`), else ``COMMENTER`` for a review's nit,
    ``REFERRER`` when it only coordinates (``_short_replies.coordinates_only``), ``ADVISER``
    when it is general advice (:mod:`._vague`); None when it may answer."""
    interest = _reply_interest(sentences)
    if interest is None and nit(sentences):
        return ContributionRole.COMMENTER
    if interest is None and (coordinates_only(sentences) or closes_only(sentences)):
        return ContributionRole.REFERRER
    if interest is None and (
        tells_nothing_to_act_on(sentences)
        or plans_only(" ".join(sentences))
        or directs_only(sentences)
    ):
        return ContributionRole.ADVISER  # ("We should probably review the config")
    return interest


def _reply_interest(sentences: list[str]) -> ContributionRole | None:
    if _asks(sentences, is_reply=True):
        return ContributionRole.ASKER
    if _acknowledges(sentences):
        return ContributionRole.ACKNOWLEDGER
    return None
