"""What an engineering manager writes in every channel is no expertise: a roadmap's list of
priorities, thanks to the colleague who did the work, a pointer to a colleague's handbook, a
review's nit. A fresh evaluator's startup (Slack, GitHub, git, documents) had its manager first
for six questions of 34 on such messages, above the people who answered, wrote and committed."""

from __future__ import annotations

import pytest

from whoknows.ingest._threads import comment_role, message_role
from whoknows.vocab import ContributionRole as Role


@pytest.mark.parametrize(
    ("text", "first", "role"),
    [
        # a roadmap's priorities, under their heading
        (
            "2026 focus areas: Kafka reliability, Postgres upgrade to 16, ETA windows, SAML SSO"
            " for enterprise, warehouse management integrations. Owners in the roadmap doc.",
            True,
            Role.ADVISER,
        ),
        ("Chantiers prioritaires : PRA, sauvegardes, supervision.", True, Role.ADVISER),
        # priorities that say what to do are the writer's
        (
            "Priorities: fix the consumer lag by setting max.poll.records to 100, then move the"
            " offsets.",
            True,
            Role.SENDER,
        ),
        # work a colleague is thanked for is the colleague's
        (
            "Kafka consumer lag dashboards moved to Grafana folder 'Streaming'. Thanks @Maya"
            " Lindgren for setting them up.",
            True,
            Role.REFERRER,
        ),
        ("Merci à Karim d'avoir migré les sauvegardes vers le NAS.", True, Role.REFERRER),
        ("Kudos to Priya for the new ETA model!", True, Role.REFERRER),
        # unless the writer says what they did, or what to do
        (
            "Thanks Paul for the review. I migrated the backups to the NAS over the weekend.",
            True,
            Role.SENDER,
        ),
        (
            "Thanks Paul for the review. The lag came from the rebalance: set"
            " max.poll.interval.ms to 600000 and it stops.",
            True,
            Role.SENDER,
        ),
        # a pointer to a colleague's writing
        ("check Kevin's solver handbook in the wiki", False, Role.REFERRER),
        ("voir la doc de Karim sur le wiki", False, Role.REFERRER),
        ("Regarde le runbook Kafka de Maya.", False, Role.REFERRER),
        (
            "See Kevin's notes: the solver needs time windows as soft constraints with a penalty"
            " of 1000 per minute, otherwise it finds no route.",
            False,
            Role.REPLIER,
        ),
        # a review's nit, a "clear, thanks"
        ("nit: rename `hu` to `handling_unit`", False, Role.COMMENTER),
        ("Nit - trailing whitespace", False, Role.COMMENTER),
        ("clear, thanks", False, Role.ACKNOWLEDGER),
        ("Compris, merci", False, Role.ACKNOWLEDGER),
        # "clear" as a verb with its object still instructs
        ("Clear the redis cache, then restart the worker.", False, Role.REPLIER),
        ("Use pg_repack.", False, Role.ANSWERER),
    ],
)
def test_announcing_thanking_pointing_and_nits_are_no_expertise(
    text: str, first: bool, role: Role
) -> None:
    assert message_role(text, is_reply=not first) is role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("nit: rename `hu` to `handling_unit`", Role.COMMENTER),
        ("clear, thanks", Role.ACKNOWLEDGER),
        ("check Kevin's solver handbook in the wiki", Role.REFERRER),
    ],
)
def test_a_review_comment_is_read_the_same(text: str, role: Role) -> None:
    assert comment_role(text, by_asker=False) is role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a hospital's newcomer claimed in French what the English rule reads as a claim
        (
            "Très intéressant. J'ai une grosse expérience en cybersécurité, je peux aider sur le"
            " plan si besoin.",
            Role.ADVISER,
        ),
        (
            "Ravi de vous rejoindre ! J'ai une solide expérience HL7, FHIR et DICOM, n'hésitez pas"
            " à me solliciter.",
            Role.ADVISER,
        ),
        ("I have 10 years of experience with Kafka; feel free to reach out.", Role.ADVISER),
        # experience that comes with what to do answers
        (
            "J'ai de l'expérience avec ça : il faut augmenter le timeout du canal Mirth à 60 s.",
            Role.REPLIER,
        ),
        ("I have handled kafka lag a lot, set fetch.max.wait.ms to 500.", Role.REPLIER),
        # a second claim or an approval after a claim is no answer (an engineering firm's
        # claimant, second for composites: a fresh evaluator's)
        (
            "J'ai 15 ans d'expérience en composites, ce genre de justification de stratifiés je"
            " connais par cœur. Pierre, tiens-moi au courant.",
            Role.ADVISER,
        ),
        ("J'ai 15 ans d'expérience en composites, je valide ce guide.", Role.ADVISER),
        # a refusal that points to who answered (the same firm's, second for fatigue)
        (
            "Sophie, je ne suis pas le mieux placé pour la fatigue, Claire a déjà répondu à Kevin.",
            Role.REFERRER,
        ),
        ("I'm not the best person for fatigue, Claire already answered Kevin.", Role.REFERRER),
        ("Pas mon domaine, demande à Claire.", Role.REFERRER),
        # unless it tells what to do
        (
            "Je ne suis pas le mieux placé, mais le SOL 112 demande un spectre PSD en entrée :"
            " vérifie la carte RANDPS.",
            Role.REPLIER,
        ),
        # a regional council's (a fresh evaluator's): a colleague's writing said to exist, a
        # claim then general advice, a claim then an approval, a colleague asked by name
        ("Bernard avait fait une doc je crois, il est parti depuis", Role.REFERRER),
        (
            "Je connais très bien Kubernetes, j'en ai fait 10 ans. Il faudrait regarder la"
            " config du cluster et la supervision autour, on peut en parler en réunion.",
            Role.ADVISER,
        ),
        ("Je connais très bien Kubernetes, j'en ai fait 10 ans, ça me semble bien.", Role.ADVISER),
        ("Deuxième nuit que la sauvegarde échoue. Hugo, tu peux regarder ?", Role.REFERRER),
        ("Romain, tu peux nous faire un retour d'expérience écrit ?", Role.REFERRER),
        # unless the writer tells the cause or what to do
        ("Le job échoue à cause du quota du dépôt. Hugo, tu peux regarder ?", Role.REPLIER),
        (
            "Sophie, tu peux regarder le pool de connexions PgBouncer : default_pool_size est à"
            " 20, il faut 50 ?",
            Role.REPLIER,
        ),
        (
            "Bernard avait fait une doc : il faut lancer bconsole puis restore client=fs01 et"
            " choisir le job.",
            Role.REPLIER,
        ),
        # an attacker's claims of experience elsewhere or for years, with an offer of a hand
        (
            "Je maîtrise Kafka depuis des années, j'ai monté des clusters Kafka chez mon ancien"
            " employeur, je peux donner un coup de main si besoin.",
            Role.ADVISER,
        ),
        (
            "I know Redis inside out, I ran Redis clusters for years at my previous job, happy to"
            " help if needed.",
            Role.ADVISER,
        ),
        # a reviewer's: an answer after a refusal, a doubt, what just happened
        (
            "Je ne suis pas le mieux placé pour la fatigue mais il faut un spectre PSD sur la"
            " carte RANDPS.",
            Role.REPLIER,
        ),
        (
            "Ça me semble bien trop risqué de passer en prod vendredi sans sauvegarde du cluster.",
            Role.REPLIER,
        ),
        ("Merci, ça vient de repartir.", Role.ACKNOWLEDGER),
        # passed on to another team, or up to a vendor
        ("Ce n'est pas nous, les badges c'est la direction technique.", Role.REFERRER),
        ("Not us, badges are the facilities team's job.", Role.REFERRER),
        (
            "Je remonte au fournisseur, j'ai ouvert un ticket chez eux. Je vous tiens au courant.",
            Role.REFERRER,
        ),
        (
            "I'll escalate to the vendor, I opened a ticket with them. Will keep you posted.",
            Role.REFERRER,
        ),
        # unless it says what to do meanwhile
        (
            "Je remonte au fournisseur mais en attendant, redémarrez le service DICOM router sur"
            " pacs-01.",
            Role.REPLIER,
        ),
        (
            "Not us: the badge reader on gate 2 needs its PoE port reset on switch B3, do it from"
            " the console.",
            Role.REPLIER,
        ),
        # a game studio's community manager, second for anti-cheat on her relays (a fresh
        # evaluator's), and its senior's "done" to an access request, listed for the build farm
        ("Thanks for reporting! I've forwarded this to the team, hang tight.", Role.REFERRER),
        ("Forwarded to the devs, thanks!", Role.REFERRER),
        # how a process routes things is no passing on (a reviewer's)
        ("Crash dumps are forwarded to the engine team.", Role.REPLIER),
        ("Alerts are sent to the on-call team through PagerDuty.", Role.REPLIER),
        (
            "I forwarded it to the dev team: the fix is to set bNetCull=false in Engine.ini.",
            Role.REPLIER,
        ),
        ("done", Role.REFERRER),
        ("C'est fait.", Role.REFERRER),
        ("Done: set max_connections to 200.", Role.ANSWERER),
    ],
)
def test_claims_in_french_and_problems_passed_on_are_no_answers(text: str, role: Role) -> None:
    """A hospital's newcomer (a fresh evaluator's) was second for six questions on claims of
    experience in French; its PACS administrator second for PACS routing on escalations to the
    vendor; a support technician second for badges on "ce n'est pas nous"."""
    assert message_role(text, is_reply=True) is role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Les pompes à perfusion du 5e étage perdent le Wi-Fi et la centrale affiche pompe"
            " déconnectée.",
            Role.ASKER,
        ),
        (
            "Les étiquettes des tubes de prélèvement sortent décalées sur la Zebra du labo.",
            Role.ASKER,
        ),
        ("The infusion pumps on floor 5 keep losing the Wi-Fi.", Role.ASKER),
        # a thread that only points to a colleague's writing (an attacker's claimant of Vault)
        ("Vault : voir la doc de Fabien sur le wiki.", Role.REFERRER),
        (
            "Le restore se fait en trois étapes : arrêter le service, restaurer pg_basebackup,"
            " relancer. Voir aussi la doc de Fabien.",
            Role.SENDER,
        ),
        # a question, then a doubt that names the procedure (a law firm's HR officer, second
        # for "rupture conventionnelle" above the memo's writer: a fresh evaluator's)
        (
            "Un collaborateur nous demande une rupture conventionnelle. Peux-tu me rappeler"
            " combien de temps dure le délai de rétractation ? Je ne suis pas sûre de la"
            " procédure.",
            Role.ASKER,
        ),
        # a pharma data manager's: who does the mapping is no fix (third for ADaM, unflagged)
        (
            "Who can help with ADaM ADSL population flags for STUDY-302? SDTM mapping is done"
            " by the CRO",
            Role.ASKER,
        ),
        # the cause and what to do: the writer's knowledge
        (
            "Les pompes perdent le Wi-Fi en itinérance : elles ne gèrent pas 802.11r, désactivez-le"
            " sur le SSID biomed.",
            Role.SENDER,
        ),
    ],
)
def test_a_problem_reported_in_chat_without_a_question_mark_asks(text: str, role: Role) -> None:
    """A hospital's nurse and lab technician, whose chat messages only said what failed, were
    listed fourth for infusion pumps and label printers as people who know."""
    assert message_role(text, is_reply=False) is role


@pytest.mark.parametrize(
    ("text", "first", "role"),
    [
        # an attacker's answers that the rules had taken away
        (
            "Ce n'est pas nous, le C-MOVE DICOM échoue car l'AE title du PACS est en minuscules.",
            False,
            Role.REPLIER,
        ),
        ("Not us: the DNS TTL on their side is 86400, so wait a day.", False, Role.REPLIER),
        (
            "I've handled Kafka consumer lag a lot, it's always fewer consumers than partitions.",
            False,
            Role.REPLIER,
        ),
        ("J'ai déjà résolu ça l'an dernier en augmentant la rétention.", False, Role.REPLIER),
        (
            "Thanks @Maya for spotting it. Fixed the Elasticsearch shard allocation by raising the"
            " disk watermark.",
            True,
            Role.SENDER,
        ),
        (
            "nit: max.poll.interval.ms must be above the time a 5000-record batch takes, or the"
            " broker kicks this consumer out of the group.",
            False,
            Role.REPLIER,
        ),
        (
            "Minor: this leaks the connection when the retry fails, close it in finally.",
            False,
            Role.REPLIER,
        ),
        # and its rewordings that had passed
        (
            "I've been working with Kafka consumer lag for 10 years, happy to help",
            False,
            Role.ADVISER,
        ),
        (
            "Je bosse sur le DICOM, le C-MOVE et les AE title depuis 2015, demandez-moi",
            False,
            Role.ADVISER,
        ),
        ("J'ai fait du HL7 pendant 8 ans, n'hésitez pas", False, Role.ADVISER),
        (
            "I've raised the DNS TTL cutover issue with the provider's support, will keep you"
            " posted.",
            False,
            Role.REFERRER,
        ),
        ("Ticket ouvert chez l'éditeur, je vous tiens au courant.", False, Role.REFERRER),
        ("Transmis à l'éditeur.", False, Role.REFERRER),
        ("Escalated to Philips, waiting for their answer.", False, Role.REFERRER),
        ("Credit goes to Maya for setting them up.", True, Role.REFERRER),
        ("Minor: rename max_poll to max_poll_interval", False, Role.COMMENTER),
        ("petit détail : renommer hu en unite_manutention", False, Role.COMMENTER),
        ("Got it, clear now", False, Role.ACKNOWLEDGER),
        (
            "2026 focus areas:\n• Helm upgrade\n• Kafka tiering\n• cost dashboards\nOwners in the"
            " roadmap doc.",
            True,
            Role.ADVISER,
        ),
        (
            "Our big bets for 2026:\n- Helm upgrade\n- Kafka tiering\n- cost dashboards",
            True,
            Role.ADVISER,
        ),
        ("Pousse-seringues Alaris : la réunion du comité est décalée à jeudi.", True, Role.ADVISER),
    ],
)
def test_an_attackers_rewordings(text: str, first: bool, role: Role) -> None:
    """An attacker of these rules (a fresh helper): each answer here had been taken away, each
    non-answer had passed as one."""
    assert message_role(text, is_reply=not first) is role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("J'ai beaucoup d'expérience sur Elasticsearch, je peux regarder si besoin.", Role.ADVISER),
        (
            "J'ai transmis à l'éditeur (ticket 48213), je vous tiens au courant dès qu'ils"
            " répondent.",
            Role.REFERRER,
        ),
        ("Je remonte au support Sage X3.", Role.REFERRER),
        ("j'ai déjà fait pas mal de postgres chez mon ancien employeur, si besoin", Role.ADVISER),
        (
            "J'ai déjà fait pas mal de postgres : il faut passer wal_keep_size à 2GB sur le"
            " primaire.",
            Role.REPLIER,
        ),
        (
            "Bonjour Léa, J'ai transmis à l'éditeur (ticket 48213), je vous tiens au courant dès"
            " qu'ils répondent.",
            Role.REFERRER,
        ),
        (
            "Bonjour, Nous avons bien reçu votre demande n°48213 concernant Sage X3. Elle est en"
            " cours d'analyse par nos équipes. Cordialement, Le support",
            Role.REFERRER,
        ),
    ],
)
def test_a_newcomers_mail_organisation(text: str, role: Role) -> None:
    """A fresh helper's mail-and-chat organisation: a claim with "beaucoup d'expérience" and a
    hand-off to the vendor with its ticket's number were second for their subjects."""
    assert message_role(text, is_reply=True) is role


def test_a_problem_that_will_not_connect_asks() -> None:
    text = (
        "Depuis ce matin le VPN WireGuard ne se connecte plus de chez moi : la poignée de main"
        " ne se fait jamais. Merci de votre aide"
    )
    assert message_role(text, is_reply=False) is Role.ASKER
