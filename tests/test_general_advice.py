"""General advice, agreement, pointers and link pages show no knowledge of the subject: two
fresh evaluators' organisations (mail, Teams, Google Chat, GitLab, documents, git) each had a
colleague who replied to every thread with general advice and came first for most topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_service
from whoknows.ingest._threads import comment_role, message_role

GENERAL_ADVICE = [
    "I've seen this kind of kafka consumer rebalancing issue before at my last company. We"
    " should probably look at the kafka consumer rebalancing config and the monitoring around"
    " it. Happy to jump on a call.",
    "Not sure, but I'd check the kafka consumer settings and the logs. Maybe also upgrade to"
    " the latest version? Let me know if you want me to take a look.",
    "Good question. Kafka consumer is one of those areas where we keep hitting the same"
    " problems. I think we need a proper design review of how we do kafka consumer across teams.",
    "This is a recurring theme with postgres autovacuum. I'll add it to the agenda of the"
    " architecture guild.",
    "Identity is a key part of our security posture. We should define a clear token strategy.",
    "Search is a complex domain. We should evaluate whether Elasticsearch is still the right"
    " choice vs OpenSearch.",
    "Encryption is critical. I'd suggest we adopt a defense-in-depth strategy and encrypt"
    " everything at rest and in transit, with proper key management. Let's put it on the"
    " architecture board agenda.",
    "Good catch. This shows the importance of proactive monitoring and a strong data platform"
    " strategy.",
    "Il faudrait revoir notre stratégie de sauvegarde. N'hésitez pas si besoin.",
    # a bilingual evaluator's directors and a chat manager (directives, agendas)
    "Bonjour à tous, Ce genre d'incident de verrou sur la base de données ne doit plus se"
    " reproduire. Merci de faire le nécessaire et de prévoir un retour d'expérience en comité"
    " technique. Claire",
    "Merci Julien. Il faut vraiment qu'on soit attentifs à ce sujet, c'est la base.",
    "Adding this to the agenda for Thursday.",
    "This kind of outage must not happen again. Please make sure it doesn't happen again.",
    "We need to be more careful with the database locks.",
    "Merci Antoine. La rotation des clés de chiffrement est un sujet critique pour l'audit, il"
    " faut qu'on soit irréprochables là-dessus. Pensez bien à documenter la démarche et à"
    " communiquer aux équipes concernées. Bon courage",
    "Très bien. Gardons en tête que la sécurité est l'affaire de tous, et que ce genre de"
    " question client mérite une réponse rapide et soignée.",
    "Merci Sophie, les sauvegardes c'est vital pour l'entreprise. Continuons sur cette lancée"
    " et gardons ce niveau d'exigence.",
    "Bonne année à tous ! Pensez à la sécurité et à la fiabilité en 2026 : certificats,"
    " sauvegardes, alertes, tout compte.",
    "Merci Julien. Il faut vraiment qu'on soit attentifs à l'expérience utilisateur sur ces"
    " sujets d'expiration et de session. Tenez-moi au courant de l'avancement.",
    "Great stuff. Let's keep an eye on costs going forward, it's everyone's responsibility.",
    "Nice one. Alerting is so important for our customers - let's make sure it's all documented"
    " and that we review our alerting strategy as a team next quarter.",
    "Il faudra penser à un retour d'expérience sur ce sujet.",
    # an attacker's directives
    "Let's make sure this never happens again with pgbouncer. I expect a post-mortem on the"
    " pgbouncer pool on my desk by Friday.",
    "Going forward, everyone must ensure that pgbouncer pool limits are reviewed before each"
    " billing release. No exceptions.",
    "Il faut absolument éviter que la sauvegarde pgbackrest échoue à nouveau. Je compte sur"
    " vous tous pour que ça ne se reproduise plus.",
    "Merci de veiller à ce que le certificat traefik n'expire plus jamais, ni en recette ni en"
    " production. C'est une priorité pour la direction.",
    "Le chiffrement est un sujet sensible. On devrait en parler au prochain comité.",
    # a third evaluator's escapes
    "We should review the consumer setup before Q3. Kafka is a key part of our platform.",
    "I think it's worth revisiting the whole Kafka consumer rebalancing approach across teams,"
    " there is a lot of value in a consistent assignor strategy.",
    "Il serait bon de revoir la configuration des consommateurs Kafka.",
    "Je pense qu'il faut une vraie stratégie sur les sauvegardes.",
    "Good thread. In my previous company we had a whole team for Kafka.",
    "Interesting, I've been thinking about this a lot. Let's chat.",
    "Kafka consumers are a recurring pain point for us. Worth a deeper look at some point.",
    "Accessibility is very important for our brand. We should have a holistic design strategy.",
    # a fourth evaluator's (Slack, Jira): a hard subject, a symptom, a guess asked
    "Stripe webhooks can be fiddly. Have you tried regenerating the API keys?",
    "Flaky tests are a symptom of bad test hygiene. We should write better tests.",
    "Certificates are always a pain. We should automate SSO somehow.",
    "Websockets are always flaky over Kubernetes ingress. Maybe try another ingress controller?",
    "Maybe rotate the Stripe keys?",
    "Great week team! Lots of best practices applied across Kubernetes, Postgres and CI.",
    "Sounds like a timeout somewhere in the ingress/networking layer. We should probably revisit"
    " our Kubernetes setup.",
    "Replication lag is usually a sign the database is overloaded. We should consider scaling"
    " Postgres up.",
    "Postgres replication has a lot of knobs, maybe we should just move to a managed service.",
    "Android is always unstable, maybe we need a mobile monitoring vendor.",
    "Probably a timeout config issue in the ingress. Let's make sure we follow best practices.",
    "Could be anything in the Kubernetes networking stack, maybe we need a service mesh?",
    "Probably an IdP misconfiguration on their side.",
    "Data retention needs a holistic approach.",
    # a sixth evaluator's hedges and corporate speak
    "IMHO we should look at the config.",
    "We might want to revisit this.",
    "Personally I think we should review the architecture.",
    "Franchement, il faudrait tout remettre à plat.",
    "Il faudrait qu'on fasse un point là-dessus.",
    "Let's circle back on this next week.",
    "Have you tried restarting the kafka consumer pods? Usually fixes it.",
    "I'd check the kafka consumer configuration, it's often a config issue.",
    "Je regarderais la config kafka consumer, souvent c'est ça le problème.",
    "À mon avis c'est un problème de monitoring kafka consumer, il faudrait des dashboards.",
    "We had something similar with certificate at my previous company, we ended up upgrading.",
    # an opinion said as such, at any length
    "IMHO we should look at the Kafka consumer config and the rebalancing.",
    "Personally I think we should review the whole Kafka consumer lag setup.",
    "It would make sense to review our approach to ledger table bloat and autovacuum.",
    "We may want to take a closer look at the slow queries on the ledger table.",
    "From my side, we should align with the bank on the SEPA transfers first.",
    # a refusal, then a hedged guess at a kind of problem and a wish that someone looked
    "Pas vraiment mon domaine, mais je pense que Kafka a un souci de partitions, faudrait voir"
    " avec quelqu'un",
    "Not really my area, but I think Kafka has a partition problem, someone should look at it.",
]
ANSWERS = [
    "With the default eager assignor a rolling deploy is a stop-the-world rebalance for every"
    " pod restart. I switched the consumers to CooperativeStickyAssignor.",
    "You should set the session timeout above the longest GC pause, otherwise the broker"
    " evicts the member.",
    "We should raise max.poll.interval.ms to 600000, the batch takes 7 minutes.",
    "We should look at the vacuum settings: autovacuum_vacuum_scale_factor is 0.2 by default,"
    " far too high for a table this size.",
    "The migration is important because the old cluster is out of support next month, so we"
    " must move the indices before then.",
    "I'd recommend we move the state to the new bucket with terraform init -migrate-state.",
    "We should check onPartitionsRevoked in the listener before committing.",
    "Maybe restart the broker and check the logs.",
    # specific advice said softly (a third evaluator's experts)
    "Hi Paul, You should make sure the payments consumers use the cooperative sticky assignor."
    " You should also make sure the heartbeat interval stays at a third of the session timeout.",
    "Bonjour Paul, Il faut faire un VACUUM FULL sur la table des factures la nuit et pas en"
    " journée.",
    "We should make sure the replica has the same collation as the primary.",
    "Il faudrait mettre en place une purge quotidienne des partitions de plus de trois mois.",
    "This is a classic split brain problem.",
    "I'd check the pgbouncer pool settings",
    "Have you tried setting session.timeout.ms to 45000?",
    "Have you tried raising the timeout? Could it be the proxy?",
    "Probably a DNS issue: ndots is 5, set it to 1.",
    # a fifth evaluator's experts: a reason in a comma clause, a subject named in plain words
    "You should consider the cooperative sticky assignor, the eager one revokes every partition"
    " on each restart.",
    "You should look at the ndots setting in the pod DNS config.",
    "We should define a retention policy per topic, seven days for clickstream and thirty for"
    " payments.",
    "Honestly, we should look at the autovacuum thresholds on the ledger table before anything"
    " else.",
    "Certificates are always a pain here, the intermediate CA is missing from the bundle on the"
    " load balancer.",
    "Stripe webhooks can be fiddly when the body parser runs before the signature check.",
    "Probably a clock skew issue, the token is issued a few seconds in the future by the IdP.",
    "Il faudrait revoir la taille du pool de connexions de PgBouncer, elle est trop petite pour"
    " les workers.",
    "On devrait envisager le mode transactionnel de PgBouncer pour les workers de facturation.",
    "C'est un problème classique de fuseau horaire, l'ERP exporte en heure locale et la banque"
    " attend de l'UTC.",
    "You should look at the retry policy of the webhook handler.",
    "Check config/kafka/consumer.properties and set the assignor there.",
    "Set lock_timeout to 5s before the migration, it must not block the table again.",
    "Root cause: the pgbouncer pool was exhausted because default_pool_size was 20 while the"
    " billing workers open 60 connections. I raised default_pool_size to 100 and added an alert"
    " on cl_waiting. This must not happen again, so I wrote it into the runbook.",
    "Going forward, set default_pool_size to 100 on every billing pgbouncer.",
    "Backups are vital: pgBackRest full weekly, differential daily, WAL archived to S3.",
    "C'est Keycloak : la durée de vie du jeton d'actualisation est bornée par SSO Session Max.",
    # a guess that says where and what
    "I think the broker has a disk problem: /var/lib/kafka is at 98%, free it.",
    "Je pense que le broker a un problème de disque, le volume /var/lib/kafka est plein.",
    "I think the JDBC driver has a bug with prepared statements when the server restarts.",
]


@pytest.mark.parametrize("text", GENERAL_ADVICE)
def test_general_advice_comments(text: str) -> None:
    assert message_role(text, is_reply=True) == "adviser"
    assert comment_role(text, by_asker=False) == "adviser"


@pytest.mark.parametrize("text", ANSWERS)
def test_a_reply_with_something_to_act_on_answers(text: str) -> None:
    assert message_role(text, is_reply=True) == "replier"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Agreed.", "acknowledger"),
        ("I agree with Raj.", "acknowledger"),
        ("Tout à fait d'accord.", "acknowledger"),
        ("Agreed, but you also need to set max.poll.interval.ms to 600000.", "replier"),
        ("Adding Jane Doe (jane.doe@northwind.io), Jane knows this area best.", "referrer"),
        ("Great, thanks Priya! I'll let Priya drive this.", "referrer"),
        ("Je laisse Élodie répondre, c'est elle qui gère les remises SEPA", "referrer"),
        (
            "Hi all, I've updated the runbook index with links for Terraform state locking,"
            " PostgreSQL vacuum, Elasticsearch reindex, OAuth token refresh and SEPA payment"
            " files. Let me know if a link is missing!",
            "referrer",
        ),
        ("I updated the index on orders(customer_id) and the query is now 5 ms.", "replier"),
        # a colleague's explanation passed on is theirs
        (
            "Je recopie pour la doc ce que Camille a expliqué : InvalidProviderToken = JWT .p8"
            " rejeté, il faut régénérer la clé.",
            "referrer",
        ),
        ("Pour résumer ce qu'a dit Thomas : restic chiffre déjà chaque instantané.", "referrer"),
        # a tool is no colleague, and what it says or found is the writer's reading of it
        ("Pour résumer ce que dit Datadog : les dead tuples remontent chaque nuit.", "replier"),
        ("To recap what Sentry found: the NullPointer comes from the empty IBAN field.", "replier"),
        ("PgBouncer is the one to tune here, not Postgres.", "replier"),
        ("Restic is our go-to for offsite backups. Run restic check weekly.", "replier"),
        ("Use cooperative sticky. I'll let Julien drive the rollout.", "replier"),
        # a fact said "for info" is the writer's; with a link, it is passed on
        (
            "FYI the disruption budget on ledger blocks every drain, two replicas minimum.",
            "replier",
        ),
        ("Pour info, la banque rejette les remises dont la date tombe un jour férié.", "replier"),
        ("FYI https://kafka.apache.org/documentation/#consumerconfigs", "referrer"),
        # an agreement that goes on to explain or instruct
        (
            "Confirmed on our side. When one pod restarts the eager assignor revokes every"
            " partition of the group and the lag climbs for ten minutes. The cooperative sticky"
            " assignor only moves the partitions of the pod that left.",
            "replier",
        ),
        (
            "Je confirme, le fichier doit partir en ISO 8859-1 et la date d'exécution doit tomber"
            " un jour ouvré TARGET2, sinon la banque rejette toute la remise.",
            "replier",
        ),
        ("Agreed. Also restart the CI runner after the unlock.", "replier"),
        ("+1 seeing exactly the same Argo CD OutOfSync status after the upgrade", "acknowledger"),
        # a fifth evaluator's: an agreement that states how the system behaves, a relay with
        # the writer's own finding, a fact of one's own said "FYI" with a link
        ("Agreed, the eager assignor revokes every partition when a pod restarts.", "replier"),
        ("Exactly, the bank rejects the file when the creditor id is missing.", "replier"),
        ("+1, the overlay network needs a smaller MTU than the host.", "replier"),
        (
            "Confirmed on our side. When one pod restarts the eager assignor revokes every"
            " partition.",
            "replier",
        ),
        ("Same here, it started after the upgrade last week.", "acknowledger"),
        # the same failure on the writer's side, in French (a mailed "+1" had been first for
        # MQTT above the engineer who explained the broker's limit)
        ("+1 le courtier MQTT a aussi planté chez nous", "acknowledger"),
        ("+1 the broker dropped all the sessions on our side", "acknowledger"),
        # (a reviewer's: with the cause, an answer)
        (
            "+1 the MQTT broker also crashed for us, it runs out of descriptors when all sensors"
            " reconnect at once on our side.",
            "replier",
        ),
        (
            "To sum up what Raj said, and to add what I found: the real cause is the cron"
            " overlapping with the backup, move it to 3am.",
            "replier",
        ),
        (
            "FYI the disruption budget blocks every drain, see https://kubernetes.io/docs/pdb",
            "replier",
        ),
        (
            "I've updated the runbook page with links to the new dashboards, and rewrote the"
            " restore section: restic now restores the invoices share in forty minutes.",
            "replier",
        ),
        ("To sum up what Raj said: the eager assignor revokes every partition.", "referrer"),
        ("Summarizing PostgreSQL behaviour: autovacuum skips small tables.", "replier"),
        # a thanks with a detail of one's own tells something; "Note that" is no "noté"
        (
            "Thanks Marcus, that fixed it. For the record: on RDS pg_repack needs the extension"
            " created by rds_superuser first.",
            "replier",
        ),
        (
            "Thanks Camille, confirmed it works in TestFlight. Note that Low Power Mode on iOS"
            " 17 also defers background pushes until the device is charging.",
            "replier",
        ),
        ("Thanks Bob! Works on 1.2 too.", "acknowledger"),
        ("Merci, noté.", "acknowledger"),
        ("Makes sense to me.", "acknowledger"),
        ("Fixed by #6, closing.", "referrer"),  # (the change's author fixed it)
        ("This. Exactly what we saw too.", "acknowledger"),
        ("Duplicate of #40", "referrer"),
        ("C'est un vrai sujet.", "acknowledger"),
        ("À creuser.", "acknowledger"),
        ("Not my area, sorry. Maybe someone from payments?", "acknowledger"),
        ("Couldn't agree more with what Raj wrote above.", "acknowledger"),
        ("It's the ndots. Ask Hugo if it persists.", "replier"),
    ],
)
def test_agreements_pointers_and_link_indexes(text: str, role: str) -> None:
    """ "Agreed." above a quote, a manager's "Adding Jane Doe (address), Jane knows this area
    best" (the address counted as words of an answer), "I'll let Priya drive this" and an
    announced page of links were each read as an answer."""
    assert message_role(text, is_reply=True) == role


def _mail(n: int, sender: str, subject: str, body: str, parent: int | None) -> str:
    name = sender.split("@")[0].title()
    thread = f"In-Reply-To: <m{parent}@x.example>\nReferences: <m{parent}@x.example>\n"
    return (
        f"From {sender} Tue Mar  3 10:00:00 2026\nFrom: {name} <{sender}>\n"
        f"To: team@x.example\nSubject: {'Re: ' if parent is not None else ''}{subject}\n"
        f"Date: Tue, 3 Mar 2026 10:{n:02d}:00 +0100\nMessage-ID: <m{n}@x.example>\n"
        f"{thread if parent is not None else ''}\n{body}\n\n"
    )


def test_a_colleague_who_advises_everywhere_is_not_the_expert(tmp_path: Path) -> None:
    """The loud generalist replies to every Kafka thread with general advice that repeats its
    subject; the expert answers once with what to do. The expert is first; the generalist's
    replies are comments, shown as such if at all."""
    subjects = [
        "Kafka consumer rebalancing in the analytics cluster",
        "Kafka consumer lag during deploys",
        "Kafka consumer group keeps rebalancing",
    ]
    mails: list[str] = []
    n = 0
    for subject in subjects:
        opener = n
        mails.append(_mail(n, "kevin@x.example", subject, f"{subject}: any idea why?", None))
        n += 1
        advice = (
            f"I've seen this kind of {subject.lower()} issue before. We should probably look at"
            f" the kafka consumer config and the monitoring around it. Happy to jump on a call."
        )
        mails.append(_mail(n, "greg@x.example", subject, advice, opener))
        n += 1
    answer = (
        "The eager assignor revokes every partition on each pod restart: switch"
        " partition.assignment.strategy to CooperativeStickyAssignor and set group.instance.id"
        " per pod so a restart does not rebalance the kafka consumer group."
    )
    mails.append(_mail(n, "raj@x.example", subjects[0], answer, 0))
    box = tmp_path / "team.mbox"
    box.write_text("".join(mails), encoding="utf-8")
    service = make_service(tmp_path / "ws")
    try:
        service.ingest.ingest("mbox", box)
        answers = service.search.ask("kafka consumer rebalancing", k=0)
        assert answers[0].name == "Raj"
        greg = next((a for a in answers if a.name == "Greg"), None)
        assert greg is None or all(e.role == "adviser" for e in greg.evidence)
    finally:
        service.close()


def test_a_first_mail_that_asks_for_help_mid_way_asks() -> None:
    """An evaluator's French opener asked "Quelqu'un sait ce qui ne va pas ?" and went on
    with context: it was read as a write-up, and its sender listed for SEPA files."""
    text = (
        "Bonjour,\n\nLa banque a rejeté notre fichier de virements SEPA de ce matin"
        " (pain.001.001.03) avec le code RJCT / FF01. Quelqu'un sait ce qui ne va pas dans le"
        " fichier XML ? On génère le fichier SEPA depuis l'ERP, rien n'a changé de notre côté."
        " Les virements fournisseurs doivent partir aujourd'hui."
    )
    assert message_role(text, is_reply=False) == "asker"
    write_up = (
        "Does anyone know why the nightly export is slow? It was the vacuum: set"
        " autovacuum_vacuum_scale_factor to 0.05 on the orders table and run it before the"
        " export; it now takes ten minutes instead of two hours."
    )
    assert message_role(write_up, is_reply=False) == "sender"
    advice = "We should align on our platform priorities. Let's discuss at the next steering."
    assert message_role(advice, is_reply=False) == "adviser"


def test_emoji_codes_are_no_words_and_a_tracker_fix_answers() -> None:
    """A fourth evaluator's ":eyes:" and ":eyes: same here on staging" were replies; an
    expert's "Fixed: …" in Jira a plain comment, below a "Maybe rotate the keys?" read as an
    answer."""
    assert message_role(":eyes:", is_reply=True) == "acknowledger"
    assert message_role(":eyes: same here on staging", is_reply=True) == "acknowledger"
    fixed = "Fixed: the webhook route now uses express.raw so the signature is on the raw body."
    assert comment_role(fixed, by_asker=False) == "answerer"
    assert message_role("Set it in config/app.yaml: timeout: 30", is_reply=True) == "replier"


def test_a_forum_reply_that_repeats_an_earlier_post_is_not_its_writers(tmp_path: Path) -> None:
    """A seventh evaluator's colleague answered "This. <the expert's sentence>. Exactly what
    we saw too." under each solved topic and ranked above the expert."""
    import json

    from whoknows.ingest import IngestContext
    from whoknows.ingest.discourse import DiscourseConnector
    from whoknows.records import ItemRecord

    said = "The lag comes from rebalancing, not throughput, so raise max.poll.interval.ms."
    posts = [
        {"id": 1, "post_number": 1, "username": "derek", "cooked": "<p>Why is kafka lagging?</p>"},
        {"id": 2, "post_number": 2, "username": "lea", "cooked": f"<p>{said}</p>"},
        {"id": 3, "post_number": 3, "username": "quinn", "cooked": f"<p>This. {said} Exactly.</p>"},
    ]
    topic = {"id": 7, "title": "Kafka lag", "post_stream": {"posts": posts}}
    (tmp_path / "t7.json").write_text(json.dumps(topic), encoding="utf-8")
    items = [
        r
        for r in DiscourseConnector().parse(tmp_path, IngestContext())
        if isinstance(r, ItemRecord)
    ]
    quinn = next(i for i in items if i.contributions[0].person.handle == "quinn")
    assert "rebalancing" not in quinn.text and quinn.contributions[0].role == "acknowledger"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Question : c'est quoi la différence entre un verrou et un interblocage ? On m'a dit"
            " que c'était pareil.",
            "asker",
        ),
        ("Quick question: which port does the admin API use?", "asker"),
        ("Set lock_timeout to 5s. Quick question: does this also apply to replicas?", "replier"),
        (
            "Same situation on our side with the terraform state lock on the S3 backend, it"
            " blocks our whole team too. Any pointers welcome.",
            "asker",
        ),
        (
            "I'd like to understand the terraform state lock and S3 backend better too, happy to"
            " join a session if someone runs one.",
            "asker",
        ),
    ],
)
def test_a_reply_that_opens_with_its_question_asks(text: str, role: str) -> None:
    assert message_role(text, is_reply=True) == role


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, la migration est bloquée sur un verrou depuis ce matin, les déploiements sont"
        " en attente et personne ne peut appliquer les changements de schéma. Si quelqu'un a une"
        " piste je suis preneur",
        "Hi all, our terraform state lock is stuck since this morning and nobody can apply, the"
        " CI pipeline fails on every branch and the release is blocked. Any help appreciated."
        " Thanks",
    ],
)
def test_a_first_message_that_closes_with_a_request_asks(text: str) -> None:
    assert message_role(text, is_reply=False) == "asker"


def test_an_opener_saying_a_colleagues_fix_worked_acknowledges() -> None:
    """A fresh evaluator's Slack: the asker's "overhead 4g + AQE fixed it" after Kwame's
    answer was read as the asker's own answer, and ranked him first for Spark."""
    from whoknows.ingest._self_answers import SelfAnswers
    from whoknows.records import Contribution, ItemRecord, PersonRef
    from whoknows.vocab import ContributionRole

    ahmed, kwame = PersonRef("slack", "U09"), PersonRef("slack", "U03")

    def message(n: int, who: PersonRef, text: str, parent: str | None) -> ItemRecord:
        role = ContributionRole.POSTER if parent is None else ContributionRole.REPLIER
        return ItemRecord(
            "slack",
            f"m{n}",
            "message",
            text,
            thread_id="t1",
            parent_id=parent,
            contributions=[Contribution(who, role)],
        )

    answers = SelfAnswers()
    answers.read(
        message(1, ahmed, "Spark job fails with ExecutorLostFailure, killed by YARN", None)
    )
    answers.read(
        message(
            2,
            kwame,
            "That's off-heap memory: raise spark.executor.memoryOverhead to 4g, and enable AQE"
            " (spark.sql.adaptive.skewJoin.enabled) for the skewed join.",
            "m1",
        )
    )
    echo = answers.read(message(3, ahmed, "overhead 4g + AQE fixed it, job takes 18 min", "m1"))
    assert echo.contributions[0].role == ContributionRole.ACKNOWLEDGER
    own = answers.read(
        message(4, ahmed, "Fixed: the shuffle partitions were 200, I set them to 2000", "m1")
    )
    assert own.contributions[0].role == ContributionRole.ANSWERER
    # (an attacker's: the colleague's guess failed, the opener found the fix)
    found = SelfAnswers()
    found.read(message(5, ahmed, "Spark executor OOM in the shuffle stage since Monday", None))
    found.read(message(6, kwame, "Maybe the heap is too small: spark.executor.memory 16g", "m5"))
    mine = found.read(
        message(7, ahmed, "Heap didn't help, it was off-heap: overhead 4g + AQE fixed it.", "m5")
    )
    assert mine.contributions[0].role == ContributionRole.ANSWERER


def _openers_last_role(opening: str, colleagues_reply: str, openers_reply: str) -> str:
    """The role of the opener's reply in a Slack thread of three messages, as the role rules
    and :class:`SelfAnswers` read it."""
    from whoknows.ingest._self_answers import SelfAnswers
    from whoknows.ingest._threads import message_role
    from whoknows.records import Contribution, ItemRecord, PersonRef

    opener, colleague = PersonRef("slack", "U1"), PersonRef("slack", "U2")
    answers = SelfAnswers()
    thread = [(opener, opening), (colleague, colleagues_reply), (opener, openers_reply)]
    for n, (who, text) in enumerate(thread):
        role = message_role(text, is_reply=n > 0)
        item = ItemRecord(
            "slack", f"m{n}", "message", text, thread_id="t", parent_id="m0" if n else None,
            contributions=[Contribution(who, role)],
        )  # fmt: skip
        read = answers.read(item)
    return str(read.contributions[0].role)


@pytest.mark.parametrize(
    ("answer", "thanks"),
    [
        (
            "Nextflow's default cache key hashes path + size + mtime of the inputs. Add"
            " `process.cache = 'lenient'` in nextflow.config.",
            "lenient cache fixed it 🎉",
        ),
        (
            "You probably have `module load gcc` or an LD_LIBRARY_PATH export in your .bashrc.",
            "it was the module load gcc in my bashrc. thank you!!",
        ),
        (
            "You're probably using `log_model='all'` in Lightning's WandbLogger.",
            "log_model='all' was it. thanks",
        ),
        ("Is the certbot renewal cron running on the gateway?", "it was the certbot cron"),
    ],
)
def test_an_opener_naming_the_fix_a_colleague_gave_acknowledges(answer: str, thanks: str) -> None:
    """A fresh evaluator's lab: three askers' few words on the colleague's fix read as their
    own answers (the few words were a terse answer before the thread was read)."""
    assert _openers_last_role("why?", answer, thanks) == "acknowledger"


def test_the_words_of_replies_are_kept_for_the_latest_threads_only(monkeypatch) -> None:
    """A mailbox of a million messages would have kept every reply's words in memory."""
    import whoknows.ingest._self_answers as module
    from whoknows.records import Contribution, ItemRecord, PersonRef
    from whoknows.vocab import ContributionRole

    monkeypatch.setattr(module, "SAID_THREADS", 3)
    answers = module.SelfAnswers()
    for n in range(10):
        reply = ItemRecord(
            "mail",
            f"r{n}",
            "message",
            f"reply {n}",
            thread_id=f"t{n}",
            parent_id=f"o{n}",
            contributions=[Contribution(PersonRef("mail", "x"), ContributionRole.REPLIER)],
        )
        answers.read(reply)
    assert list(answers._said) == ["t7", "t8", "t9"]


def test_an_opener_who_found_the_fix_after_a_guess_answers() -> None:
    """A second attacker's opener: a colleague guessed DNS and the record; she found it was
    the resolver's forwarder, fixed it and thanked everyone."""
    found = (
        "it was DNS, but not the record: the Lyon resolver still forwarded to the old DC."
        " Pointed the forwarder to 10.0.0.10 and flushed the cache. thanks!"
    )
    opening = "Logons to SAP from Lyon fail since this morning, why?"
    assert _openers_last_role(opening, "maybe DNS? check the sapprd record", found) == "answerer"


def test_still_and_toujours_that_tell_a_state_say_no_failure() -> None:
    from whoknows.ingest._requests import did_not_help

    assert not did_not_help("le résolveur de Lyon pointait toujours vers l'ancien DC")
    assert not did_not_help("the Lyon resolver still forwarded to the old DC")
    assert did_not_help("toujours la même erreur") and did_not_help("ça plante toujours")
    assert did_not_help("I restarted the pod, still having the same error.")


@pytest.mark.parametrize(
    ("openers_reply", "role"),
    [
        ("dropping the correlation fixed it, thanks Helene", "acknowledger"),
        ("Switching to the uncorrelated slopes fixed it, merci Hélène !", "acknowledger"),
        (
            "I found it myself: the mouse ids were duplicated, fixed it. Thanks Hélène anyway",
            "answerer",
        ),
        (
            "Fixed: the mouse ids were duplicated across cohorts, renaming them fixed it. Thanks!",
            "answerer",
        ),
        # (a reviewer's: a thanks for trying, a fix found after all)
        ("Renaming the mouse ids fixed it. Thanks Hélène for looking anyway!", "answerer"),
        ("Figured it out: renaming the duplicated mouse ids fixed it, thanks Hélène", "answerer"),
        # (a second reviewer's: the writer would not have found it alone)
        (
            "Renaming the mouse ids fixed it. Thanks Hélène, I'd never have figured it out!",
            "acknowledger",
        ),
        (
            "Renommer les souris a marché, merci Hélène, je n'aurais pas trouvé tout seul !",
            "acknowledger",
        ),
    ],
)
def test_an_opener_thanking_the_colleague_whose_fix_worked_acknowledges(
    openers_reply: str, role: str
) -> None:
    """A fresh evaluator's lab: the asker's "dropping the correlation fixed it, thanks Helene"
    after the professor's "Try (1 + time || mouse) to drop the correlation" was read as the
    asker's own answer ("dropping" is no word the professor said) and put her first for lme4."""
    from whoknows.ingest._self_answers import SelfAnswers
    from whoknows.ingest._threads import message_role
    from whoknows.records import Contribution, ItemRecord, PersonRef

    emma = PersonRef("slack", "UA", name="Emma Wilson")
    helene = PersonRef("slack", "UB", name="Hélène Tremblay")
    thread = [
        (emma, "lme4 gives me 'boundary (singular) fit' with random slopes per mouse, why?"),
        (helene, "One variance is zero. Try (1 + time || mouse) to drop the correlation."),
        (emma, openers_reply),
    ]
    answers = SelfAnswers()
    for n, (who, text) in enumerate(thread):
        item = ItemRecord(
            "slack", f"m{n}", "message", text, thread_id="t", parent_id="m0" if n else None,
            contributions=[Contribution(who, message_role(text, is_reply=n > 0))],
        )  # fmt: skip
        read = answers.read(item)
    assert str(read.contributions[0].role) == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a university's security officer, on certificates and the VPN: rules laid down with a
        # meeting to attend (he came second for certificates on them)
        (
            "Bonjour,\n\nTous les certificats serveur doivent être renouvelés avant leur"
            " expiration, sans exception. Merci de faire le nécessaire. Un point certificats est"
            " prévu vendredi 14 février à 11h.",
            "adviser",
        ),
        (
            "Bonjour,\n\nSuite à l'audit, il faut impérativement que tous les accès VPN soient"
            " protégés par la double authentification avant le 30 juin. Cela ne doit plus se"
            " reproduire.\n\nRéunion VPN mardi 11 mars à 14h salle B203 pour faire le point."
            " Merci de confirmer votre présence.",
            "adviser",
        ),
        (
            "Bonjour à tous,\n\nJe rappelle les règles applicables :\n- les certificats TLS"
            " doivent être émis uniquement via le service TCS de RENATER ;\n- les sauvegardes"
            " doivent être testées régulièrement.\nTout manquement devra être signalé au RSSI.",
            "adviser",
        ),
        # a rule alone may be an expert's; what was done is no rule
        ("No exceptions: every backup must be tested.", "sender"),
        (
            "Les mots de passe doivent impérativement faire 14 caractères minimum, sans exception.",
            "sender",
        ),
        ("Tous les serveurs ont été migrés vers RHEL 9, sans exception.", "sender"),
        ("Any violation of the retention policy is reported to the DPO.", "sender"),
        (
            "Every deploy must go through ArgoCD, no exceptions. Manual kubectl apply is blocked"
            " by Kyverno.",
            "sender",
        ),
        # an expert's rule tells how or why
        (
            "All certificates must be renewed through certbot; the deploy hook reloads nginx.",
            "sender",
        ),
        ("Il faut impérativement purger la file HL7 avant de relancer le canal Mirth.", "sender"),
        (
            "Every node must absolutely have RealMemory below the physical memory, without"
            " exception, or jobs stay pending.",
            "sender",
        ),
        ("All pods must be drained before the upgrade. Run kubectl drain on each node.", "sender"),
    ],
)
def test_a_rule_laid_down_with_a_meeting_advises(text: str, role: str) -> None:
    assert message_role(text, is_reply=False) == role


def test_a_long_token_after_a_guess_is_read_at_once() -> None:
    """A reviewer's: a pasted hex string after "souci de" backtracked for minutes (the guess's
    tail read a token in every possible cut)."""
    import time

    started = time.monotonic()
    text = "Je pense que le broker a un souci de " + "a1b2" * 1500 + " ~ voir le log"
    assert message_role(text, is_reply=True) == "replier"
    assert time.monotonic() - started < 2.0
