"""The words around a doer's name (:mod:`whoknows.ingest._doers`): those that lead to it
("checked by", "thanks to", "voir avec"), those after it that say what the person does
("fixed", "s'occupe", "planifie"), and those that are never a name ("June", "English")."""

from __future__ import annotations

# the words before a doer's or an owner's name ("checked by Marc", "porteur : Claire")
AGENTS = frozenset(
    "by par owner owners owned lead responsable référent référente referent pilote porteur"
    " porteuse assignee assigné assignée assigned contact qui cf via ask demande demander"
    " bravo kudos congrats félicitations per selon d'après d’après cc voir voyez contacter"
    " contactez".split()  # ("Voir Kevin pour les questions techniques sur Slurm": a lab's)
)
ALONGSIDE = frozenset({"with", "avec"})
# what one says, not what one does: "In addition to @xanadont's answer, you can also use …"
WRITINGS = frozenset(
    "answer answers comment comments post posts reply replies question questions suggestion"
    " point points message messages link edit remark idea".split()
)
# a scholar's name as a thing ("Cohen's kappa", "Taylor's law", "la loi de Zipf" is lower case)
EPONYMS = frozenset(
    "law laws theorem lemma kappa conjecture inequality paradox coefficient equation formula"
    " distribution constant d f h q r t u w tau rho alpha chi test".split()
)
# what goes on after an owner's initials ("fixed by CM yesterday", "par CM hier")
AFTER_OWNER = frozenset(
    "yesterday today tonight tomorrow last this earlier already just on in at and or with for to"
    " before after during since is was has had did will hier aujourd aujourd'hui aujourd’hui"
    " about demain ce cette ces le la les et ou avec pour avant après pendant depuis a est ont"
    " sera vient".split()
)
THEN_TO = frozenset({"to", "à", "a", "by"})  # "assigned to", "thanks to", "grâce à"
CREDITS_TO = AGENTS | {"thanks", "grâce", "grace", "merci", "according", "escalated", "handed"}
PRAISE = {("great", "job"), ("good", "job"), ("nice", "work"), ("well", "done"), ("hats", "off")}
# two words before a name that hand it the work ("voir avec Paul", "entre les mains de Karim")
HANDED = frozenset((before, "de") for before in ("mains", "équipe", "l'équipe", "l’équipe")) | {
    ("voir", "avec"),
    ("vois", "avec"),
    ("voyez", "avec"),
    ("over", "to"),
}
# what a person does, after their name at a clause's start
DOES = frozenset(
    "to should must needs doit devra va will handles handled owns leads led follows followed"
    " fixed fixes found wrote checked checks ran runs looked looks started finished shipped"
    " deployed migrated reviewed reviews updated closed resolved took takes tuned set added"
    " is_on is_working is_looking is_handling is_fixing is_moving is_following is_checking"
    " s'occupe s’occupe s'en s’en gère gere suit pilote travaille regarde termine terminé"
    " finit fini corrige corrigé prend reprend analyse vérifie prépare continue continues"
    " avance a_terminé a_fini a_corrigé a_vérifié a_avancé a_pris a_repris est_dessus est_sur"
    " est_en worked works working looking spent completed investigated investigates"
    " implemented built wrote"
    " is_investigating is_taking is_still has_been has_finished has_completed has_fixed"
    " took_care is_the is_our a_identifié a_mis a_migré a_testé a_livré a_déployé"
    " s'est s’est est_l'experte est_l’experte est_l'expert est_l’expert vient"
    # irregular pasts, and what one relays ("Sophie says", "Max reports")
    " rewrote got brought drove made gave kept sent put wrote led ran built says said reports"
    " reported thinks explained explains suggests suggested recommends recommended qui"
    " on_point on_it is_aware has_it covering covers is_covering a_bien a_pris"
    # (what minutes or a monthly summary say one does now: "Luc planifie les mises à jour";
    # not what a tool does, "Jenkins publie le site")
    " rédige organise anime coordonne se_charge planifie".split()
)
# deeds in the past that do not end in "ed" ("DeShawn rebuilt the auth service")
IRREGULAR = frozenset(
    "built rebuilt wrote rewrote ran reran made remade took found caught brought led drove"
    " began sent spun split shut held kept undid redid set reset put".split()
)
HYPHENED = frozenset("fine hand hot cross double smoke load stress spot back pre re co".split())
AUXILIARIES = frozenset("is was has had have did does a est ont sont vont".split())
# never a person's name, whatever its case: a date ("by June", "par lundi"), a pronoun
NOT_NAMES = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday janvier février mars avril mai"
    " juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi"
    " vendredi samedi dimanche i it this that there he she they we you it's here today"
    " tomorrow il elle on ça ce cela qui nous vous ils elles tout tous everyone nobody"
    # words that begin a clause before "to", ":" or "is" ("Due to", "According to", "Note:")
    " due according compared leading thanks close next prior similar relative related"
    " contrary owing subject welcome how what where which when why who whose and but so or"
    " etc respectively note edit update source context error yes no ok"
    # languages, which are surnames too ("English, French and German", "Simplified Chinese")
    " english french german spanish italian portuguese dutch russian chinese japanese korean"
    " arabic hindi turkish greek polish swedish czech romanian vietnamese persian hebrew"
    " finnish hungarian danish norwegian indonesian thai urdu bengali swahili latin".split()
)
# a capitalised word that leads a name rather than being part of it ("Per Sophie")
LEADS = (AGENTS | CREDITS_TO | NOT_NAMES | {"great", "good", "nice", "well", "hats"}) - {
    "grace"  # (a first name: "Grace English"; "grâce à" is lower case before its name)
}
# what a mention spoken to goes on with: a request, a question, a courtesy, an imperative
ADDRESSING = frozenset(
    "can could would will please pls plz any do did does have has you your u tu peux"
    " pourrais pourriez vous est-ce as-tu avez-vous merci thanks thx thank fyi cc what how"
    " why when where who is are peut ping ptal look see check voir regarde regardez help"
    " aide stp svp sorry désolé welcome bienvenue hi hello salut bonjour".split()
)
# words that may stand before a list of names ("thanks Marc, Claire and Ana", "for Marc, …")
BEFORE_A_LIST = frozenset(
    "and et or ou to with for from pour par de du des à au aux the le la les a an un une"
    " in on en sur dear chers chères cher chère team équipe".split()
)

__all__ = [
    "ADDRESSING",
    "AFTER_OWNER",
    "AGENTS",
    "ALONGSIDE",
    "AUXILIARIES",
    "BEFORE_A_LIST",
    "CREDITS_TO",
    "DOES",
    "EPONYMS",
    "HANDED",
    "HYPHENED",
    "IRREGULAR",
    "LEADS",
    "NOT_NAMES",
    "PRAISE",
    "THEN_TO",
    "WRITINGS",
]
