"""Asking is not knowing, in a chat export nobody tuned for: a reply that only points to
someone else, a "+1" and a "merci !" are not expertise; a question's asker is a learner who is
shown with the question, not the thanks; a function word is no evidence (an evaluator's own
Slack export, 8 people, English and French)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import make_service
from whoknows.ingest._threads import message_role, refers
from whoknows.services import Services
from whoknows.vocab import ContributionRole

PEOPLE = {
    "U1": "Alice Martin",
    "U2": "Bruno Petit",
    "U3": "Hugo Bernard",
    "U4": "Farid Haddad",
    "U5": "Chloé Dubois",
    "U6": "Dan Smith",
    "U7": "Emma Jones",
    "U8": "Gina Rossi",
    "U9": "Olivia Chen",
    "U10": "Julien Roux",
}
RUNBOOK = (
    "Vault AppRole rotation runbook: generate a new secret-id with vault write -f"
    " auth/approle/role/ci/secret-id, store it in the CI variables, run the pipeline once to"
    " check the login, then revoke the old secret-id accessor with vault write"
    " auth/approle/role/ci/secret-id-accessor/destroy. Rotate every 30 days; the audit log"
    " shows the last login of each accessor."
)
FIX = (
    "The replica's bind account was locked by the password policy; unlock it in the directory,"
    " then rerun the directory sync job and check the LDAP replication status."
)
SPARK = (
    "Raise spark.executor.memoryOverhead and repartition the input by day; the nightly batch"
    " then fits in the executors and runs in twenty minutes."
)
LDAP_QUESTION = "Anyone seen LDAP bind errors on the new AD server since Monday?"
THREADS: list[tuple[str, str, list[tuple[str, str]]]] = [  # (starter, text, replies) in #it-help
    (
        "U1",
        LDAP_QUESTION,
        [
            ("U2", "ask <@U3>, he knows LDAP"),
            (
                "U3",
                "The LDAP bind errors come from the service account password expiry. Rotate it"
                " in Vault, then restart the directory sync job; binds work again after that.",
            ),
            ("U1", "merci !"),
            ("U5", "+1"),
        ],
    ),
    (
        "U5",
        "Comment configurer le bind LDAP pour Grafana ?",
        [
            (
                "U3",
                "Dans grafana.ini, section auth.ldap, pointe vers ldap.toml; le bind_dn est le"
                " compte de service, le mot de passe vient de Vault. Redémarre Grafana ensuite.",
            ),
            ("U5", "merci Hugo, ça marche"),
        ],
    ),
    (
        "U4",
        "Terraform runbook: apply per environment, one workspace per account, state locked in"
        " S3 with DynamoDB; never apply from a laptop.",
        [],
    ),
    (
        "U6",
        "Kafka consumer lag keeps growing on the orders topic, what should I check?",
        [
            (
                "U7",
                "Check the partition count against the consumer count; lag shows in Burrow."
                " Scale the consumer group to the partition count and watch the commit rate.",
            ),
            ("U6", "thanks, that worked"),
        ],
    ),
    ("U8", "Directory sync job failing again on the LDAP replica.", [("U3", FIX)]),
    ("U8", "Directory sync job stuck since the certificate renewal.", [("U3", FIX)]),
    ("U8", "Directory sync drops members of nested LDAP groups.", [("U3", FIX)]),
    (  # a problem nobody answered: pointed elsewhere, "+1"
        "U4",
        "Grafana alerting silent since the upgrade.",
        [("U2", "ask <@U3>, he knows Grafana"), ("U5", "+1")],
    ),
    ("U2", "Alertmanager routes drop the LDAP team's alerts at night, any idea?", [("U2", "+1")]),
    (  # a write-up others add to stays its writer's knowledge
        "U9",
        RUNBOOK,
        [
            (
                "U7",
                "One tip for the approle rotation: set secret_id_ttl on the role so a forgotten"
                " secret-id expires by itself.",
            ),
            ("U10", "Thanks Olivia!"),
        ],
    ),
    (  # a request for help without a question mark asks
        "U6",
        "Need help: Redis evicting session keys since the deploy",
        [
            (
                "U7",
                "The Redis maxmemory-policy is allkeys-lru on the new cluster; set it to"
                " volatile-lru so only keys with a TTL are evicted, sessions stay.",
            ),
            ("U10", "Merci Emma, ça marche chez nous aussi"),
        ],
    ),
]
# a channel whose name is two words: it names no subject (no topic "data eng")
DATA_ENG: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("U6", f"Spark job {what} on the nightly batch.", [("U7", SPARK)])
    for what in ("runs out of memory", "slow", "fails")
]


def _export(folder: Path) -> Path:
    """A Slack export (users.json, channels.json, a folder of day files per channel), as
    Slack writes it."""
    users = [{"id": u, "name": n.split()[0].lower(), "real_name": n} for u, n in PEOPLE.items()]
    folder.mkdir(parents=True)
    (folder / "users.json").write_text(json.dumps(users), encoding="utf-8")
    names = {"it-help": THREADS, "data-eng": DATA_ENG}
    channels = [
        {"id": f"C{n}", "name": name, "created": 1700000000} for n, name in enumerate(names)
    ]
    (folder / "channels.json").write_text(json.dumps(channels), encoding="utf-8")
    for name, threads in names.items():
        (folder / name).mkdir()
        day = json.dumps(_messages(threads))
        (folder / name / "2024-05-29.json").write_text(day, encoding="utf-8")
    return folder


def _messages(threads: list[tuple[str, str, list[tuple[str, str]]]]) -> list[dict[str, str]]:
    messages: list[dict[str, str]] = []
    clock = 1717000000
    for starter, question, replies in threads:
        clock += 600
        thread = f"{clock}.000100"
        messages.append({"type": "message", "user": starter, "text": question, "ts": thread})
        for user, text in replies:
            clock += 600
            ts = f"{clock}.000100"
            reply = {"type": "message", "user": user, "text": text, "ts": ts}
            messages.append({**reply, "thread_ts": thread})
    return messages


@pytest.fixture(scope="module")
def chat(tmp_path_factory: pytest.TempPathFactory) -> Services:
    root = tmp_path_factory.mktemp("chat-interest")
    service = make_service(root / "workspace")
    service.ingest.ingest("slack", _export(root / "export"))
    return service


def test_a_reply_that_only_points_to_the_expert_is_not_expertise(chat: Services) -> None:
    for question in ("ldap", "ldap bind errors"):
        answers = chat.search.ask(question, k=0)
        assert answers[0].name == "Hugo Bernard", question
        bruno = [a for a in answers if a.name == "Bruno Petit"]  # (he asked about alerting)
        assert all(a.learner for a in bruno) and not (bruno and len(bruno[0].evidence) > 1)
    conn = chat.workspace.store().conn
    roles = {
        row[0]
        for row in conn.execute(
            "SELECT c.role FROM contributions c JOIN items i ON i.id = c.item_id"
            " WHERE i.text LIKE 'ask @Hugo Bernard%'"
        )
    }
    assert ContributionRole.REFERRER in roles


@pytest.mark.parametrize(
    "text",
    [
        "ask @Hugo Bernard, he knows LDAP",
        "Hugo Bernard would know",
        "vois avec @Hugo",
        "c'est Hugo qui gère ça",
        "Demande à Élodie Martin",
        "Hi Anna, ask Hugo, he knows LDAP.\n\nCheers,\nBob",
        "Maybe ask @Hugo Bernard?",
        "ask the LDAP team, they own the directory sync",
        "Demande plutôt à Hugo pour la synchro annuaire",
        "vois ça avec Karim, il gère Elasticsearch",
        "Bonjour Karim, Vois avec Hugo Bernard, c'est lui qui s'occupe du SSO.",
        "ask Farid, he knows pgBackRest.\n\nChloé Dubois\nSenior Data Engineer | ACME Corp",
        "Hugo's your guy",
        "Hugo est l'expert LDAP",
        "try Hugo, he did the LDAP migration",
        "Hugo pourra t'aider",
        "Sophie knows SAML well, ask her.",
        "Sophie is our LDAP expert",
        "Grace est notre experte Postgres",
        "C'est à Sophie qu'il faut demander",
        "Tu devrais en parler à Sophie",
    ],
)
def test_referrals_are_told(text: str) -> None:
    assert refers(text)


@pytest.mark.parametrize(
    "text",
    [
        "It can help to restart the pod",
        "He knows",
        "Check Grafana",
        "PgBouncer can help with the connection storm: pool_mode=transaction.",
        "Redis can help here, cache the session lookups.",
        "Terraform sait le recréer avec taint",
        "Kubernetes knows how to restart the pod",
        "Ping DNS first, the resolver is down",
        "Check with Vault: kv/ldap holds the bind password",
        "Rotate the LDAP bind password in Vault. @Hugo Bernard knows where.",
        "Should I ask @Hugo?",
        "Try Cruise Control for the partition rebalance, it computes a plan from broker load.",
        "Kafka Connect can help here: the JDBC sink connector with insert.mode=upsert does it.",
        "Set snapshot.mode=when_needed and keep the replication slot, ask @Grace Okafor if the"
        " slot grows",
        "C'est Patroni qui gère le failover, regarde patronictl list et le TTL du DCS.",
        "Ask Hugo; in short: rotate the service account password in Vault and restart the sync"
        " job on the directory host",
    ],
)
def test_answers_and_vague_pointers_are_not_referrals(text: str) -> None:
    assert not refers(text)


def test_a_learner_is_shown_with_the_question_not_the_thanks(chat: Services) -> None:
    answers = {a.name: a for a in chat.search.ask("ldap", k=0)}
    for name, question in (("Alice Martin", LDAP_QUESTION), ("Chloé Dubois", "Comment config")):
        learner = answers[name]
        assert learner.learner
        assert [e.snippet[: len(question)] for e in learner.evidence] == [question], name
    dan = chat.search.score("Dan Smith", "kafka consumer lag")
    assert dan.learner and len(dan.evidence) == 1 and dan.evidence[0].role == "asker"


def test_a_function_word_is_no_evidence(chat: Services) -> None:
    names = [a.name for a in chat.search.ask("dashboard lag per partition", k=0)]
    assert names[0] == "Emma Jones" and "Farid Haddad" not in names


def test_score_gives_the_score_and_count_ask_gives(chat: Services) -> None:
    """Learners included: ``score`` gave a learner the model's score (-1.41), ``ask`` its
    place below every expert (-2.48)."""
    for question in ("ldap bind errors", "kafka consumer lag", "vault", "grafana alerting"):
        answers = chat.search.ask(question, k=0)
        experts = [a for a in answers if not a.learner]
        for place, answer in enumerate(answers, 1):
            match = chat.search.score(answer.name, question)
            expected = (0, True) if answer.learner else (place, False)
            assert (match.rank, match.learner) == expected, answer.name
            assert match.candidates == len(experts), answer.name
            assert match.score == pytest.approx(answer.score, abs=1e-9), answer.name


def test_a_problem_only_pointed_elsewhere_is_not_its_posters_knowledge(chat: Services) -> None:
    """Farid's "Grafana alerting silent" drew only "ask @Hugo" and a "+1"; Bruno, who pointed
    and also asked about alerting, is a learner shown with his question, never his pointer."""
    answers = chat.search.ask("grafana alerting", k=0)
    assert "Farid Haddad" not in {a.name for a in answers if not a.learner}
    for learner in (a for a in answers if a.learner):
        assert all(e.role != ContributionRole.REFERRER for e in learner.evidence), learner.name
    # (his question is of Alertmanager's alerts: no learner of Grafana alerting, one of alerting)
    assert "Bruno Petit" not in {a.name for a in answers}
    bruno = next(a for a in chat.search.ask("alerting", k=0) if a.name == "Bruno Petit")
    assert bruno.learner and [e.role for e in bruno.evidence] == ["asker"]


def test_a_persons_topics_come_from_what_they_answered_not_what_they_raised(
    chat: Services,
) -> None:
    """Gina raised the directory sync failures (openers Hugo answered): interest, as in
    ``ask``; the channel's name before a title's colon is no part of a phrase; a word the
    language rarely writes is a topic alone ("LDAP": no tags in chat)."""
    topics = [t.topic for t in chat.insights.profile("Hugo Bernard").topics]
    assert topics == ["LDAP", "directory sync"]
    assert "data eng" not in {t.topic for t in chat.insights.profile("Emma Jones").topics}
    assert chat.insights.profile("Gina Rossi").topics == []
    answers = chat.search.ask("directory sync", k=0)  # (her reports of a failure ask)
    assert [(a.name, a.learner) for a in answers] == [("Hugo Bernard", False), ("Gina Rossi", True)]


def test_a_channels_name_is_no_word_of_its_messages(chat: Services) -> None:
    """A fresh evaluator's "data quality" listed every message of #data, which matched "data"
    by the channel's name in their titles alone."""
    assert chat.search.ask("data eng", k=0) == []
    spark = chat.search.ask("nightly batch", k=0)
    assert spark and spark[0].evidence[0].title.startswith("#data-eng: ")  # (still shown)


def test_a_write_up_others_add_to_stays_its_writers_knowledge(chat: Services) -> None:
    """Olivia's runbook drew a tip and a thanks: she vanished from "vault approle rotation"."""
    names = [a.name for a in chat.search.ask("vault approle rotation", k=0) if not a.learner]
    assert {"Olivia Chen", "Emma Jones"} <= set(names)


def test_a_request_for_help_asks_and_a_thanks_asks_nothing(chat: Services) -> None:
    answers = {a.name: a for a in chat.search.ask("redis evicting session keys", k=0)}
    assert not answers["Emma Jones"].learner and answers["Dan Smith"].learner
    assert "Julien Roux" not in answers  # (he only thanked)
    assert "Julien Roux" not in {a.name for a in chat.search.ask("approle rotation", k=0)}


@pytest.mark.parametrize(
    ("text", "is_reply", "role"),
    [
        (
            "+1 seeing exactly the same Argo CD sync OutOfSync status after the upgrade",
            True,
            "acknowledger",
        ),
        ("+1 nous aussi sur le cluster de recette depuis la mise à jour", True, "acknowledger"),
        ("Kafka consumer lag alert firing again on payments-consumer", False, "asker"),
        (
            "If you need help with the Consul ACL bootstrap: run consul acl bootstrap once.",
            False,
            "sender",
        ),
        (
            "Besoin d'aide pour Vault ? Voici la procédure : vault operator unseal, trois clés.",
            False,
            "sender",
        ),
        ("Redis Sentinel quorum is now 3 on prod, deployed today.", False, "sender"),
        # a link passed on is someone else's writing; a link with a fix of one's own answers
        ("Great article on Kubernetes autoscaling https://blog.example/k8s-hpa", False, "referrer"),
        ("À lire : https://blog.example.fr/kafka-lag-consommateurs", False, "referrer"),
        ("Worth a read if you run Kafka: https://blog.example/kafka-lag", True, "referrer"),
        ("Kafka consumer lag dashboard: https://grafana.example/d/lag", False, "sender"),
        # a second evaluator's: a link on "here" or shown by its label, more phrases; and the
        # writer's own work passed on, which is theirs
        ("Great article on Kubernetes autoscaling: here", False, "referrer"),
        ("Article intéressant sur le lag Kafka : https://blog.example.fr/x", False, "referrer"),
        ("Pour info, un bon résumé de Postgres 17 https://x.example/pg", False, "referrer"),
        ("Highly recommend this talk on Kafka internals https://x.example", False, "referrer"),
        (
            "Sharing this: my notes on the LDAP memberOf overlay https://wiki.example",
            False,
            "sender",
        ),
        ("Sharing a write-up of how I tuned the HPA: https://wiki.example/hpa", False, "sender"),
        ("À lire : mon retour d'expérience sur Kafka https://blog.example", False, "sender"),
        ("FYI: I fixed the lag by raising max.poll.interval.ms to 600000.", False, "sender"),
        # a third evaluator's: what the link is about ("how to monitor it") is no fix
        ("Great article on Kafka lag and how to monitor it: https://x.example", False, "referrer"),
        ("Here is the Confluent doc on consumer lag: https://x.example", False, "referrer"),
        ("Cet article explique bien le lag Kafka : https://x.example", False, "referrer"),
        # a fifth evaluator's: the French of "Here is the doc" ("voici" alone reads as a fix)
        ("Voici la doc : https://wiki.example/kafka-lag", False, "referrer"),
        ("Voilà le lien vers le guide Vault : https://wiki.example/vault", True, "referrer"),
        # a sixth evaluator's: a manager adding the colleague who knows
        ("J'ajoute Marc en copie, il connaît bien la base.", True, "referrer"),
        # a sixth evaluator's requests that say what answer they need, at any length
        (
            "I would need to understand what the consumer lag is and how we monitor it, so "
            "that I can explain it to the customer",
            False,
            "asker",
        ),
        (
            "Globex asks about our helm setup and chart version. I need the answer by Friday.",
            False,
            "asker",
        ),
        # a sixth evaluator's sharers, whose "our problem" is no work of theirs
        (
            "found this, might help w/ our kafka consumer lag problem <https://x.example>",
            False,
            "referrer",
        ),
        (
            "Jetez un œil, c'est pile notre souci de lag Kafka : https://x.example",
            False,
            "referrer",
        ),
        ("Kafka cheat sheet 👇 https://x.example", False, "referrer"),
        ("Lien utile sur le lag Kafka : https://x.example", False, "referrer"),
        ("the official kafka docs are pretty good https://kafka.example/docs", False, "referrer"),
        (
            "This might help: set max.poll.records to 200 and restart the consumers.",
            True,
            "replier",
        ),
        ("Here is the runbook I wrote for the restore: https://wiki.example", False, "sender"),
        (
            "Great article https://blog.example/k8s-hpa — for queue consumers, set the HPA on "
            "the consumer lag with KEDA instead of CPU, as we did for tracking-consumer.",
            False,
            "sender",
        ),
        (
            "Bonjour Chloé,\n\nJe te conseille de voir avec Léo, il a monté le cluster Consul.",
            True,
            "referrer",
        ),
        # a fourth evaluator's: a long "+1" that only restates the problem, a thanks saying
        # the fix worked, a question followed by why it is asked; and what still answers
        (
            "+1 we see exactly the same Kafka consumer lag on the billing consumers and on "
            "the invoicing consumers since the last release of the service",
            True,
            "acknowledger",
        ),
        (
            "+1, same here. The workaround is to set max.poll.interval.ms to 600000 and "
            "restart the consumers, it has been stable since.",
            True,
            "replier",
        ),
        (
            "Thanks a lot Grace, this fixed the Kafka Connect sink serialization exception "
            "for our team as well, really appreciated!",
            True,
            "acknowledger",
        ),
        (
            "Merci beaucoup Farid, ça a réglé le problème du cluster Elasticsearch en jaune "
            "chez nous aussi, super !",
            True,
            "acknowledger",
        ),
        (
            "Thanks! Also note that you need to restart the connector after changing "
            "errors.tolerance, otherwise the old config stays.",
            True,
            "replier",
        ),
        # a ninth evaluator's: a thanks of any length that praises or says it worked ranked
        # its writer first for "kubernetes DNS"; a thanks that tells a fix of one's own answers
        (
            "Thanks Inès, that kubernetes ingress selector fix saved my day, the 503 is gone "
            "on our service too",
            True,
            "acknowledger",
        ),
        (
            "Thanks Sue, very useful kubernetes DNS debugging guide, bookmarking it for later",
            True,
            "acknowledger",
        ),
        (
            "Thanks! Fixed it by raising the proxy timeout to 60s on the nginx side.",
            True,
            "replier",
        ),
        # a tenth evaluator's: an answer that opens with a courtesy is an answer
        (
            "Hi Tom, Thanks for the question. Vault reads its listener certificate at startup "
            "and on SIGHUP, so put the new cert in /etc/vault/tls and send SIGHUP.",
            True,
            "replier",
        ),
        (
            "Bonjour, Merci pour ton retour. Traefik garde le certificat en mémoire, donc "
            "dépose le nouveau fichier puis envoie un SIGHUP.",
            True,
            "replier",
        ),
        (
            "Thanks for the question, consul reloads its certificates on SIGHUP so just "
            "replace the files and send it",
            True,
            "replier",
        ),
        ("Thanks Sue! Very useful guide. Bookmarking it.", True, "acknowledger"),
        # a twelfth evaluator's: "still failing for me too" is the same problem, a "+1"
        (
            "Still failing for me too, the vault token rotation errors on our side as well",
            True,
            "acknowledger",
        ),
        (
            "toujours en échec chez moi aussi, le certificat TLS nginx est expiré",
            True,
            "acknowledger",
        ),
        (
            "Still failing for me too. Set VAULT_ADDR to the new cluster and it works.",
            True,
            "replier",
        ),
        (
            "We tried raising the timeout too but it still times out after 30s; the real cause "
            "is the MTU on the overlay network.",
            True,
            "replier",
        ),
        (
            "Thanks Karim, we ended up setting max_connections to 200 and adding pgbouncer in "
            "transaction mode",
            True,
            "replier",
        ),
        (
            "Can someone explain how Kafka retention works for the audit topic? The legal "
            "team needs to know how long events are kept.",
            False,
            "asker",
        ),
        (
            "How do we get out of this safely?\n\nPS: the release is planned for Friday.",
            False,
            "asker",
        ),
        (
            "Comment versionner nos modules Terraform ? J'ai besoin de la réponse pour le "
            "comité de pilotage de lundi.",
            False,
            "asker",
        ),
        (
            "How to rotate the Vault token? Run vault token renew -increment=24h on the "
            "bastion host.",
            False,
            "sender",
        ),
        # a fifth evaluator's: answers that open by agreeing or thanking, and "+1"s that only
        # mention a fix word, a plan or a question
        (
            "+1, it's the MTU: the overlay needs 1450 because VXLAN adds 50 bytes of headers "
            "to every packet.",
            True,
            "replier",
        ),
        (
            "Same here. Root cause: the NAT gateway runs out of SNAT ports under load.",
            True,
            "replier",
        ),
        (
            "Nous aussi — c'est le server_idle_timeout de PgBouncer, trop court : 30 secondes "
            "ne suffisent pas.",
            True,
            "replier",
        ),
        ("Thanks for flagging — the culprit is ndots:5 in resolv.conf.", True, "replier"),
        (
            "+1 same here, we tried setting replicas to 0 and the unassigned shards still come "
            "back after every restart of the cluster",
            True,
            "acknowledger",
        ),
        (
            "+1 nous aussi, il faut vraiment qu'on règle ce souci ArgoCD OutOfSync avant la "
            "mise en prod de la semaine prochaine",
            True,
            "acknowledger",
        ),
        ("+1 same here, did anyone try the newer executor images?", True, "asker"),
        (
            "Ever wondered why our Kafka consumers rebalance constantly? Slow batches exceed "
            "max.poll.interval.ms, so the broker evicts the consumer.",
            False,
            "sender",
        ),
        (
            "Who knows how Terraform state locking works with DynamoDB? I need to set up the "
            "audit report for it by Friday.",
            False,
            "asker",
        ),
        # a sixth look: a first person who has "the same problem" agrees, however long,
        # unless they say what fixed it or why it happened
        (
            "We have the same problem on our Kubernetes cluster since the upgrade to 1.29, "
            "did anybody find why the pods keep restarting?",
            True,
            "asker",  # (it asks, too: a learner)
        ),
        (
            "I'm seeing the same OOMKilled pods on the staging nodes every night.",
            True,
            "acknowledger",
        ),
        (
            "J'ai exactement le même souci sur le cluster de recette depuis la mise à jour "
            "de lundi, les pods redémarrent en boucle.",
            True,
            "acknowledger",
        ),
        (
            "We had the same problem with Postgres; it turned out the WAL archive volume was full.",
            True,
            "replier",
        ),
        (
            "I had the same issue. Upgrading the CSI driver to 1.35 solved it for us.",
            True,
            "replier",
        ),
        (
            "We have the same setup: set the memory limit to twice the request and the pods "
            "stop being evicted.",
            True,
            "replier",
        ),
        # ... and one who had it too and tells what they did answers, unless it did not help
        (
            "I had the same error. I don't know exactly what this is about. But I just "
            "deleted the whole db folder and created node.socket again. Resync, then it's back",
            True,
            "replier",
        ),
        (
            "Même souci chez nous, j'ai supprimé le cache du runner et relancé le job.",
            True,
            "replier",
        ),
        (
            "J'ai le même problème, j'ai déjà redémarré le pod mais sans succès depuis hier "
            "soir sur la recette.",
            True,
            "acknowledger",
        ),
        (
            "We have the same issue, we restarted the brokers and it still happens every "
            "night on the billing topic.",
            True,
            "acknowledger",
        ),
        # a long question asks, unless it suggests a fix or a cause (a diagnosis)
        (
            "Does this rounding rule also apply to Swiss VAT at 8.1% for our Geneva "
            "customers, and to credit notes issued in CHF?",
            True,
            "asker",
        ),
        (
            "Est-ce que cette règle d'arrondi s'applique aussi à la TVA suisse pour nos "
            "clients de Genève et aux avoirs émis en francs suisses ?",
            True,
            "asker",
        ),
        (
            "Have you tried raising max.poll.interval.ms on the billing consumers? Could it "
            "be the slow batch job that runs every night at two?",
            True,
            "replier",
        ),
        (
            "T'as essayé de passer le timeout du proxy à 120 secondes et de redémarrer les "
            "pods du portail après le déploiement ?",
            True,
            "replier",
        ),
        # a French team's replies and their English twins: thanks, approval, "will look",
        # a nudge; and questions without their question mark
        ("Top, merci !", True, "acknowledger"),
        ("Nickel, merci", True, "acknowledger"),
        ("Trop bien", True, "acknowledger"),
        ("Au top, ca marche chez nous aussi", True, "acknowledger"),
        ("Awesome, works for us too", True, "acknowledger"),
        ("Même chose ici sur le front", True, "acknowledger"),
        ("Je plussoie, c'est bloquant pour nous aussi", True, "acknowledger"),
        ("C'est bon pour moi, on peut livrer", True, "acknowledger"),
        ("LGTM, we can ship", True, "acknowledger"),
        ("Je regarde ça", True, "acknowledger"),
        ("Looking into it", True, "acknowledger"),
        ("Ça marche, merci Camille", True, "acknowledger"),
        ("Oui deja fait, toujours pareil", True, "acknowledger"),
        ("Je me permets de relancer, c'est assez urgent pour la MEP de demain", True, "asker"),
        ("Bumping this, it's quite urgent for tomorrow's release", True, "asker"),
        (
            "Merci, il faut passer par le bastion puis lancer kubectl logs --previous.",
            True,
            "replier",
        ),
        ("Top, passe le paramètre initialDelaySeconds à 30 et ça repart.", True, "replier"),
        ("Thanks, set the probe's initialDelaySeconds to 30.", True, "replier"),
        ("Bonjour, comment on fait pour voir les logs d'un pod qui a déjà crashé", False, "asker"),
        ("Hi, how do we see the logs of a pod that already crashed", False, "asker"),
        (  # (a guess, then what the writer needs: a water utility's intern, third for PostGIS)
            "Je crois que c'est Vincent qui gère la base PostGIS, non ? Il faut des droits sur le"
            " schéma reseau pour QGIS.",
            False,
            "asker",
        ),
        ("How do I connect? We need a VPN token first, then run connect.sh.", False, "sender"),
        ("Les factures SAP n'arrivent plus dans le portail client", False, "asker"),
        ("Le lag remonte sur facturation-events, ca recommence comme en fevrier", False, "asker"),
        (
            "salut, je dois me connecter en ssh sur un serveur de prod pour recuperer un "
            "fichier de log, c'est quoi la marche a suivre",
            False,
            "asker",
        ),
        (
            "Je comprends pas pourquoi mes pods restent en Pending sur le cluster de recette "
            "depuis ce matin, ça bloque toute l'équipe pour la démo de jeudi",
            False,
            "asker",
        ),
        (
            "How to rotate the Vault token: run vault token renew -increment=24h on the "
            "bastion, then restart the agent.",
            False,
            "sender",
        ),
        # a third evaluator's Slack and Jira: thanks, "will look"s, nudges and "same problem"s
        # it missed, and short diagnoses put as questions
        ("Cheers Jack, that did it, the lag is gone", True, "acknowledger"),
        ("Much appreciated, thanks for the quick fix", True, "acknowledger"),
        ("Un grand merci Bob, c'est réglé de notre côté", True, "acknowledger"),
        ("I'll have a look tomorrow morning", True, "acknowledger"),
        ("Any news on the consumer lag issue", True, "asker"),
        ("Up, toujours le même souci sur la recette", True, "asker"),
        ("Nous rencontrons le même problème sur le SSO Keycloak de recette", True, "acknowledger"),
        ("J'ai aussi ce problème depuis la mise à jour de Keycloak", True, "acknowledger"),
        ("Have you tried setting ndots to 1 in the pod's dnsConfig?", True, "replier"),
        (  # a cause asked, then a plan: a new hire's guess, no diagnosis
            "Je pense que c'est un souci côté Perforce ? Je vais regarder BuildGraph la semaine"
            " prochaine.",
            True,
            "asker",
        ),
        ("Could it be the firewall? It was the cause last time it dropped.", True, "replier"),
        # (a test's outcome where it ran: a water utility's engineer first for the historian)
        ("Tested on hist_pg, OK.", True, "acknowledger"),
        ("Testé sur la recette : OK", True, "acknowledger"),
        ("Tested: set wal_level=logical first.", True, "answerer"),
        ("Tested with ndots set to 1 in the pod dnsConfig, works.", True, "replier"),
        ("Testé en passant le timeout JDBC à 30 s, ça marche.", True, "replier"),
        ("Why not pin the aws provider to 5.40 until the fix is out?", True, "replier"),
        ("Tu as essayé d'arrondir ligne par ligne plutôt que sur le total ?", True, "replier"),
        (
            "Here is the pg_restore procedure: restore to a scratch instance, dump the table, "
            "load it back with --data-only. Qu'en dites-vous ?",
            False,
            "sender",
        ),
        # a fifth look: a promise to look at any length, more thanks, nudges, same problems
        ("I'll have a look tomorrow at the kafka consumer lag dashboards", True, "acknowledger"),
        ("On it, I'll set max.poll.interval.ms to 600000 now", True, "replier"),
        ("Works like a charm now, thanks for the pointer", True, "acknowledger"),
        ("Problème résolu grâce à toi", True, "acknowledger"),
        ("Anyone? Still seeing the consumer lag", True, "asker"),
        ("Toujours d'actualité ? Le SSO plante encore", True, "asker"),
        ("We are experiencing the same issue since Monday", True, "acknowledger"),
        # a sixth look (a forum, a forge and a chat space)
        ("Same question from a prospect last week, thanks for the answer!", True, "acknowledger"),
        ("Même question de mon côté, merci pour la réponse !", True, "acknowledger"),
        # triage hands the work over, at any length; a hand-over with the fix answers
        (
            "Labelled kafka and p1 since customers are impacted. @hana-kim can you take this"
            " one? Let's review it in the Thursday triage meeting with the kafka consumer owners.",
            True,
            "referrer",
        ),
        (
            "Triaged: this is the CI runner problem again. Assigning to @raj-iyer for this"
            " sprint, priority P2, please update the ticket when you have news on the CI runner.",
            True,
            "referrer",
        ),
        ("@karim tu peux regarder ? Je l'ai mis en priorité P1 pour ce sprint.", True, "referrer"),
        (
            "@hana can you take this one? The consumer group rebalances because"
            " max.poll.interval.ms is too low; raise it to 600000.",
            True,
            "replier",
        ),
        ("I assigned the IAM role to the runner and the job passes now.", True, "replier"),
        (
            "Moving this to the platform backlog, milestone 2025.Q4. @claire-dubois please take a"
            " look when you can, the keycloak server issue was raised by three customers already.",
            True,
            "referrer",
        ),
        (
            "@claire please check the realm: the token lifespan is 5 minutes, set it to 30.",
            True,
            "replier",
        ),
        # a seventh look: a chat platform's mention is a name ("@Hank Moore"), French approvals,
        # a question with a "same problem here"
        ("@Hank Moore can you take this one?", True, "referrer"),
        ("@Karl Weber tu peux regarder ?", True, "referrer"),
        (
            "@Hank Moore peux-tu t'en occuper ? Je l'ai mis dans le backlog du prochain sprint.",
            True,
            "referrer",
        ),
        (
            "@Hank Moore can you take this one? Set segment.ms to 1 hour and the retention"
            " applies.",
            True,
            "replier",
        ),
        ("Ça me va, merci 👍", True, "acknowledger"),
        ("Did you find a solution? Same problem here.", True, "asker"),
        # an approval at any length, unless it says what to do
        (
            "Approved, ship it. The nginx reverse proxy change looks fine to me.",
            True,
            "acknowledger",
        ),
        (
            "Ça me va 👍 pour nginx, je valide la config du reverse proxy en recette",
            True,
            "acknowledger",
        ),
        # a thirteenth look (a hospital): an approval "for" the work, after a short thanks
        ("Validé pour la migration du 14.", True, "acknowledger"),
        ("Merci Fatou. Validé pour la remise en service de l'autoclave 2.", True, "acknowledger"),
        (
            "Merci Gérard. Validé pour l'intervention de vendredi, je préviens la direction.",
            True,
            "acknowledger",
        ),
        ("Approved for the Friday maintenance window.", True, "acknowledger"),
        # (what follows a colon after the approval is said, not approved: a re-check's cases)
        (
            "Validé pour le bloc B : les 12 pompes ont la bibliothèque v2025-03 et le rapport"
            " de conformité DERS est joint.",
            True,
            "replier",
        ),
        (
            "Merci. Approved for the release: DTIM set to 1 and 802.11r enabled on the WLC.",
            True,
            "replier",
        ),
        (
            "Merci. Validé pour la migration : il faut aussi changer le port 104 du PACS dans"
            " la modalité, sinon le C-STORE échoue.",
            True,
            "replier",
        ),
        ("LGTM, but set proxy_read_timeout to 120s before merging.", True, "replier"),
        (
            "Approved the budget for the new kafka cluster: 3 brokers, 12 partitions each.",
            True,
            "replier",
        ),
        # a long report of an attempt that failed asks, at any length (a fresh evaluator's
        # mail: its writer ranked first for the problem he could not solve)
        (
            "Since the FortiClient update the VPN drops every 30 minutes on our Ubuntu 24.04"
            " laptops. The logs show a DPD timeout followed by a rekey failure, IKEv2 with"
            " AES-256 and DH group 14. Windows laptops are fine. We tried disabling IPv6 and"
            " NetworkManager power saving without success.",
            False,
            "asker",
        ),
        (
            "Depuis lundi le batch de paie tombe en deadlock (ORA-00060) vers 2h du matin. Le"
            " trace file montre deux sessions qui verrouillent les lignes dans un ordre"
            " différent. Nous avons déjà augmenté INITRANS et relancé le batch, sans succès."
            " Merci de me tenir au courant.",
            False,
            "asker",
        ),
        # a promise that goes on to say what and how answers (a fresh evaluator's mail)
        (
            "Je m'en occupe : le certificat du portail est émis par l'AC interne, je génère la"
            " CSR et je le déploie sur les deux nginx ce soir.",
            True,
            "replier",
        ),
        ("Je m'en occupe.", True, "acknowledger"),
        ("On it: looking now.", True, "acknowledger"),
        (  # "sans succès" qualifying a noun: a reminder that informs (a fresh evaluator's)
            "Rappel : les tentatives de connexion sans succès sont journalisées dans"
            " /var/log/auth.log ; après 5 échecs fail2ban bannit l'adresse IP pendant une heure.",
            False,
            "sender",
        ),
        (  # a statement of failed logins (a fresh evaluator's): nobody tried anything
            "Le SIEM journalise désormais toutes les tentatives de connexion Airflow sans succès.",
            False,
            "sender",
        ),
        ("The audit report lists all Airflow logins without success.", False, "sender"),
        # a fresh evaluator's courtesies that ranked their writer first, in both languages: a
        # thanks for the question with nothing after it, praise of the question, a "même
        # problème" after it; an answer after either still answers
        ("Merci pour la question Dan !", True, "acknowledger"),
        ("Thanks for the question Dan!", True, "acknowledger"),
        ("Bonne question sur les journaux haproxy, merci de la poser !", True, "acknowledger"),
        ("Good question about nginx logrotate, thanks for asking!", True, "acknowledger"),
        ("Bonne question, j'ai le même problème sur un autre projet.", True, "acknowledger"),
        ("Merci pour la question. Il faut passer ndots à 1 dans le pod.", True, "replier"),
        ("Good question: the MTU of the overlay must be 1450.", True, "replier"),
        ("Good question, it is the MTU.", True, "replier"),
        ("Bonne question, il faut redémarrer le pod.", True, "replier"),
        # a second evaluator's variants: praise and a "me too", a tip kept, a thanks before a
        # name and a "wondering the same", an interjection, a promise, not knowing
        (
            "Excellente question, je suis preneuse aussi ! Pareil pour nos VMs de recette.",
            True,
            "acknowledger",
        ),
        (
            "Merci beaucoup Hélène, top ! Je garde ça pour la restauration PITR de la facturation.",
            True,
            "acknowledger",
        ),
        (
            "Thanks for raising this Paul, good question about GNNs for fraud detection, I'd love"
            " to know too!",
            True,
            "acknowledger",
        ),
        (
            "Thanks for raising this Anna, I was wondering the same about ansible performance.",
            True,
            "acknowledger",
        ),
        ("Ugh, same here, it's so annoying. Following for minio!", True, "acknowledger"),
        ("I'd love to know too, great question about varnish caching!", True, "acknowledger"),
        ("Je me penche dessus cet après-midi.", True, "acknowledger"),
        ("Je ne sais pas, peut-être demander à Eva ? Elle connaît traefik.", True, "acknowledger"),
        (
            "Merci Anna pour la question, c'est un sujet important pour nous sur vault pki.",
            True,
            "acknowledger",
        ),
        ("Merci Anna, c'est un problème de DNS : vide le cache.", True, "replier"),
        (
            "Thanks for the question Anna, the pool is exhausted: raise max_connections to 200.",
            True,
            "replier",
        ),
        ("Merci Anna pour la question : il faut augmenter max_connections à 200.", True, "replier"),
        ("It's important to set the MTU to 1450 on the overlay.", True, "replier"),
        ("Je ne sais pas si ça aide, mais il faut vider le cache DNS.", True, "replier"),
        ("I don't know why, but setting ndots to 1 fixed it for us.", True, "replier"),
        (  # the attempt that failed, then the fix: a write-up
            "Postmortem: the VPN dropped every 30 minutes. We tried disabling IPv6 without"
            " success; the cause was the DPD timeout of 10 s. Set it to 60 s on every tunnel.",
            False,
            "sender",
        ),
    ],
)
def test_agreements_offers_of_help_and_problem_reports(
    text: str, is_reply: bool, role: str
) -> None:
    """A third evaluator's cases: a long "+1" is agreement, not an answer; a runbook that
    offers help does not ask for it; a short report that something is wrong asks (it is
    statement only when it says how it was fixed); a greeting does not hide a pointer. A
    fourth's: a "+1" of any length that offers no fix, a thanks that says the fix worked,
    and a question followed by a few words of why, are interest."""
    assert message_role(text, is_reply) == role


def test_a_tracker_comment_is_read_as_a_chat_reply() -> None:
    """A tracker or wiki comment that only agrees, thanks or nudges is interest, whatever its
    length (a 25-word "Je me permets de relancer" ranked first in an evaluator's Jira)."""
    from whoknows.ingest._threads import comment_role

    nudge = (
        "Je me permets de relancer, c'est bloquant pour la clôture de fin de mois et le client "
        "attend une réponse depuis une semaine maintenant"
    )
    assert comment_role(nudge, by_asker=False) == "asker"
    same = (
        "+1 we have exactly the same problem with the Swiss VAT rounding on credit notes since "
        "the upgrade of the invoicing service last week"
    )
    assert comment_role(same, by_asker=False) == "acknowledger"
    fix = (
        "Round each line to five centimes before the total, as the Swiss rules require: the "
        "total then matches the printed lines and the credit note too."
    )
    assert comment_role(fix, by_asker=False) == "replier"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Is there a workaround? +1", "asker"),
        ("Any workaround? +1", "asker"),
        ("Does anyone know of a workaround for the datum shift?", "asker"),
        ("Y a-t-il un contournement ? +1", "asker"),
        ("Existe-t-il un contournement pour ce bug ?", "asker"),
        ("A workaround is to set GDAL_CACHEMAX=512.", "replier"),
        ("Workaround: pin pyproj<3.6.", "answerer"),
    ],
)
def test_asking_for_a_workaround_tells_none(text: str, role: str) -> None:
    """A fresh evaluator's "+1" on ten issues, "Is there a workaround? +1", answered (the word
    "workaround" told one) and ranked its writer first on a geocoding question."""
    from whoknows.ingest._threads import comment_role

    assert comment_role(text, by_asker=False) == role


@pytest.mark.parametrize(
    "text",
    [
        "Could you open an issue on GitHub for this raster problem so we can track it? Please"
        " label it `raster`.",
        "Thanks for the report! Labelling as `topology`.",
        "Please open an issue with the traceback and the output of cartolab --version, we will"
        " look at it.",
    ],
)
def test_sending_a_problem_to_the_tracker_is_no_answer(text: str) -> None:
    """A fresh evaluator's triager was third on the raster and topology questions for asking
    that an issue be opened and labelled."""
    from whoknows.ingest._threads import comment_role, tells_own_fix

    assert message_role(text, True) == comment_role(text, by_asker=False) == "referrer"
    told = "Labelling as bug: the LZW predictor is ignored when the tile size is not a multiple"
    assert comment_role(told + " of 16; set PREDICTOR=2 as a workaround.", False) == "replier"
    own = "Downgrading GDAL to 3.7 solved it. Please file an issue upstream so they know."
    assert tells_own_fix(own)  # (a reviewer's: the opener's own fix, then a tracker request)
    released = "PostGIS 3.4.2 is available: ST_AsMVT handles empty geometries now."
    assert message_role(released, True) == "replier"
    for found in (
        "I found a workaround: set GDAL_CACHEMAX to 512 and the read goes through, does that help?",
        "Il y a un contournement : mettez GDAL_CACHEMAX à 512, ça passe ?",
    ):
        assert message_role(found, True) == "replier", found


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Bonjour à tous, Lire un GeoPackage avec plusieurs couches ? J'utilise cartolab 2.3"
            " sous Ubuntu 22.04 avec Python 3.11. J'ai cherché dans la documentation sans"
            " trouver.",
            "asker",
        ),
        (
            "Salut la liste, Quelle projection utiliser pour calculer des surfaces en France ?"
            " Je travaille dans une collectivité et on migre depuis ArcGIS. Je débute avec"
            " cartolab, désolé si la question est naïve.",
            "asker",
        ),
        (
            "Hello, Reading a shapefile with wrong accents: .cpg encoding latin1? Sorry if this"
            " has been asked before, I searched the archives. I'm on cartolab 2.3, Python"
            " 3.12, Ubuntu 24.04.",
            "asker",
        ),
        (
            "How do we speed up the nightly tiles? We use 8 workers now: the job went from 6"
            " hours to 50 minutes once we split it by zoom level and cached the styles.",
            "sender",
        ),
        (
            "Vous voulez apprendre la reprojection ? Je donne une formation le 12 mars en salle"
            " Océan, de 9h à 12h. Nous verrons PROJ, les grilles NTv2 et les transformations.",
            "sender",
        ),
    ],
)
def test_a_question_then_the_askers_setting_asks(text: str, role: str) -> None:
    """A fresh evaluator's list questions, each followed by what the asker uses, where they
    work or where they looked, were "sent" and ranked their askers second as experts."""
    assert message_role(text, False) == role


def test_an_opener_s_own_fix_answers_in_trackers_too() -> None:
    """An issue's reporter who comes back with the fix answered it; a follow-up follows up,
    and so does a thanks that says what the writer did with another's fix."""
    from whoknows.ingest._threads import comment_role, tells_own_fix

    assert tells_own_fix("Trouvé : la durée de vie IKE était de 3600, passée à 28800.")
    assert tells_own_fix("Update: it works now, I switched the driver to the async one")
    # an eleventh evaluator's: a fix that says what "still" pointed where, a thanks to all
    assert tells_own_fix("Fixed: the loki datasource URL still pointed to the old service.")
    assert tells_own_fix("Résolu : le connecteur pointait toujours vers l'ancien serveur SIRH.")
    assert tells_own_fix(
        "Thanks everyone, it turned out the keycloak export job ran on the old node; I moved "
        "the realm export to the new node."
    )
    assert tells_own_fix("Merci à tous, j'ai trouvé : le fichier n'était pas monté dans le job.")
    assert not tells_own_fix("Résolu ? Non, toujours en échec après le redémarrage")
    assert not tells_own_fix(
        "Thanks Cara, that worked perfectly, I changed the refresh option on all our dashboards"
    )

    fix = "Solved it, turns out the disk was full. Cleaned /var/log and it works again."
    assert comment_role(fix, by_asker=True) == "answerer"
    assert comment_role("I tried raising the timeout, it still fails.", by_asker=True) == (
        "commenter"
    )


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a colleague asked to do the work, with what tells nothing of the subject
        ("Camille, tu peux regarder ? C'est prioritaire pour le client.", "referrer"),
        (
            "Customer escalation from Acme Retail on this one, bumping to Critical."
            " @tomasz.nowak can you take a look today?",
            "referrer",
        ),
        ("Incident channel is open. @hannah.berg please join.", "referrer"),
        # with who waits for it and when (a manager's hand-over had been his expertise)
        (
            "Priya, please pick up the IEC 62443 and certificate rotation question for the"
            " tender. Mark needs it by Thursday.",
            "referrer",
        ),
        ("Camille, tu peux regarder ? Il nous le faut pour jeudi.", "referrer"),
        # (a reviewer's: the deadline goes on with the answer)
        (
            "Priya, can you take this one? The auditors want the LCR outflow rates before Friday;"
            " the rates live in RATES_LCR_V2, the old table is frozen.",
            "replier",
        ),
        (
            "@lucas can you take this? The client wants it before Monday: route 12 needs the"
            " flank protection on point 104B.",
            "replier",
        ),
        # a link passed on
        (
            "Et un autre sur Keycloak, HL7 FHIR et la sécurité des API :"
            " https://example.org/fhir-keycloak",
            "referrer",
        ),
        # praise, then a question; a thanks and a request to be kept informed
        (
            "Great work Aisha. Can we make sure this is covered before the real Black Friday?",
            "asker",
        ),
        # what the writer has to find out, then a question (a pre-sales engineer's had been
        # first for "RBC handover test" above the colleague who answered her)
        (
            "We need to test the RBC handover on the simulator. Is there a test script for that?",
            "asker",
        ),
        (
            "Il faut qu'on vérifie la tenue en température du boîtier. Quelqu'un a un banc ?",
            "asker",
        ),
        (
            "We need to test it on the simulator first: use the two-modem script, it checks that"
            " the movement authority is never shortened.",
            "replier",
        ),
        # (a reviewer's: the need goes on with what the writer knows)
        (
            "We need to test the RBC handover with the simulator in loopback mode, the script is"
            " in tools/rbc_sim.sh. Is the lab free on Monday?",
            "replier",
        ),
        (
            "We need to verify the checksum before flashing because the bootloader rejects"
            " unsigned images. Did you sign it?",
            "replier",
        ),
        (
            "Il faut qu'on vérifie la tenue en température à 85 °C, le condensateur C12 dérive"
            " au-delà. Tu as le banc climatique ?",
            "replier",
        ),
        ("Thanks Tomasz. Please keep me posted, this is on the weekly ops review.", "acknowledger"),
        ("Merci Julie, tiens-moi au courant.", "acknowledger"),
        # the fix worked, the thanked colleague's: no fix of the writer's
        ("Retested with VoiceOver and NVDA, works now. Thanks Lucas", "acknowledger"),
        ("Works now.", "acknowledger"),
        # what the writer knows, with the hand-over or the news that it works
        (
            "The lag comes from the rebalance storms. @hana can you take a look at the group"
            " config?",
            "replier",
        ),
        (
            "Sophie, can you check the sink? The offsets are committed before the write, so a"
            " crash replays them.",
            "replier",
        ),
        ("Update: it works now after I set ndots to 1.", "replier"),
        ("It works now, I had to restart the broker.", "replier"),
        ("Works if you set acks=all on the producer.", "replier"),
        ("Great work Aisha. Set the timeout to 60s before Black Friday.", "replier"),
        # a second evaluator's variants: a time is no condition, a name without a comma,
        # "est-ce que tu peux", a thanks beside the hand-over, "knows this one", a link
        ("Tested again after the redeploy, works now. Thanks Bob", "acknowledger"),
        ("This worked for Initech too, thanks!", "acknowledger"),
        ("Incident channel is open. Ivan please join.", "referrer"),
        (
            "Léa, est-ce que tu peux regarder le runner GitLab aujourd'hui ? Le client attend"
            " la livraison de la version 4.",
            "referrer",
        ),
        (
            "Great work Dev, thanks. Anna, please let Acme know and keep me posted on the"
            " follow-ups from the ops review.",
            "referrer",
        ),
        ("Bob knows this one. Bob?", "referrer"),
        ("Inès, can you take this one? You did the last two upgrades.", "referrer"),
        ("Un autre article sur les sauvegardes : https://example.org/pgbackrest", "referrer"),
        # and what answers beside a hand-over, however it says it (no "so", no "because")
        ("Cat, can you check the sink? Offsets get committed before the write.", "replier"),
        (
            "Cat, can you have a look? That's the nightly force-merge, it spikes heap; move it"
            " to the weekend.",
            "replier",
        ),
        # a few words that tell what to do answer (a reply so short is otherwise a "+1")
        ("Use pg_repack instead.", "answerer"),
        ("Bump innodb_buffer_pool_size to 12G.", "answerer"),
        ("Have you tried NODE_OPTIONS=--max-old-space-size=4096?", "answerer"),
        # a third evaluator's: chasing, telling, scheduling, escalating, "Lars knows SAML",
        # "That fixed it", "Done, works now", a bare tool or command as the answer
        ("Any ETA for the celery queue fix? Customers are waiting on exports.", "asker"),
        ("Thanks Omar. Jack, please tell the data team the Airflow scheduler is back.", "referrer"),
        (
            "Top. Théo, tu peux documenter la résolution DNS des conteneurs dans le wiki ?",
            "referrer",
        ),
        (
            "Escalating this to P1, Globex is a top account. Scheduling a call at 3pm about the"
            " SAML invalid signature issue.",
            "referrer",
        ),
        (
            "J'escalade, c'est bloquant pour toute l'équipe. Réunion à 14h sur le certificat"
            " expiré de l'intranet.",
            "referrer",
        ),
        ("Lars knows SAML. Lars?", "referrer"),
        (
            "Same for marketing, Outlook autodiscover prompts for the password every 10 min.",
            "acknowledger",
        ),
        ("That fixed it, thanks", "acknowledger"),
        ("Done, works now.", "acknowledger"),
        ("pg_repack.", "answerer"),
        ("ss -ltnp 'sport = :8443'", "answerer"),
        ("I tried restarting the scheduler, it still fails", "replier"),
        # a fourth evaluator's: a duplicate marker, "cc", "adding … for visibility",
        # "subscribing", "on est sur le coup", a task for the runbook, "is blocked"
        ("Duplicate of #12", "referrer"),
        (
            "Duplicate of #12, see the other thread about the Elasticsearch red cluster status.",
            "referrer",
        ),
        ("cc @Gus Holm", "referrer"),
        (
            "Adding @Dora Kim for visibility on the Redis OOM on cache-01, three customers"
            " impacted, keep me posted.",
            "referrer",
        ),
        ("Subscribing. +Fay", "acknowledger"),
        ("On est sur le coup côté client, merci", "acknowledger"),
        (
            "Thanks Kai. Jack, please add the Jenkins disk cleanup to the runbook and let me"
            " know when it's done.",
            "referrer",
        ),
        ("Lars, can you take this one? The partner integration is blocked.", "referrer"),
        (
            "Thanks a lot Raf, that's a great outcome for the MySQL replication lag on the"
            " analytics replica. I'll mention it in the weekly ops review.",
            "referrer",
        ),
    ],
)
def test_coordination_and_confirmation_are_not_knowledge(text: str, role: str) -> None:
    """A fresh evaluator's Jira, Discourse and GitLab: a manager's "Camille, tu peux regarder
    ?" ranked second for FHIR as an answer, "@hannah please join" and "keep me posted" as
    comments, a reporter's "works now. Thanks Lucas" as her own fix, a link passed on as
    knowledge of every name it listed. The same words in every source: a mail or chat reply,
    a tracker comment by someone else or by the opener."""
    from whoknows.ingest._threads import comment_role

    assert message_role(text, is_reply=True) == role
    # (a tracker comment of fewer than 20 words replies as a "commenter")
    expected = {"commenter", "replier"} if role == "replier" else {role}
    assert comment_role(text, by_asker=False) in expected
    if role not in ("replier", "answerer"):
        assert comment_role(text, by_asker=True) == role


def test_an_openers_change_said_without_i_is_their_fix() -> None:
    """A second evaluator's reporter fixed her own ticket ("Lowered
    autovacuum_vacuum_scale_factor to 0.05 on the orders table.") and was shown as its asker."""
    from whoknows.ingest._threads import comment_role

    fix = "Lowered autovacuum_vacuum_scale_factor to 0.05 on the orders table."
    assert comment_role(fix, by_asker=True) == "answerer"
    assert comment_role("Lowered my expectations, still failing.", by_asker=True) == "commenter"
    # triage by the opener is no fix, nor by anyone a short answer
    assert comment_role("Bump to P1.", by_asker=True) == "commenter"
    assert comment_role("Moved to backlog.", by_asker=True) == "referrer"  # (triage)
    assert message_role("Bump to P1.", is_reply=True) == "replier"  # (five words: no vote)
    assert message_role("Restart the kubelet.", is_reply=True) == "answerer"


@pytest.mark.parametrize(
    "text",
    [
        "The Daedalus team is working to have this ability using the Daedalus Wallet GUI.",
        "The correct way to do that was to docker exec into the container, and cardano-cli"
        " works just fine from there.",
        "upgrading the image version to 10.0.1 will resolve the entry point issue.",
    ],
)
def test_an_answer_that_says_something_works_is_no_confirmation(text: str) -> None:
    """Cardano answers the first version of the confirmation rule read as "it works now"
    (se-cardano learned AP −0.009 beyond noise, measured), and one an "up" nudge had read as
    a question since it began "upgrading"."""
    assert message_role(text, is_reply=True) == "replier"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a director's six words under a thread on punching shear had put him first for it
        ("Good. Please keep the client informed.", "commenter"),
        ("Bienvenue à tous les deux !", "commenter"),
        ("présente", "commenter"),
        # a few words that state, name, try or suggest something still reply
        ("Nope, only on prod, staging has the old cert.", "replier"),
        ("Offsets get committed before the write.", "replier"),
        ("Restarted it, still failing.", "replier"),
        ("Why not pin the aws provider to 5.40?", "replier"),
    ],
)
def test_a_short_reply_that_says_nothing_of_its_own_comments(text: str, role: str) -> None:
    assert message_role(text, is_reply=True) == role


@pytest.mark.parametrize(
    "text",
    [
        "For people new to conda, here is the official guide I always use (copied from "
        "docs.conda.io):\n\nManaging environments\nWith conda, you can create, export, list, "
        "remove, and update environments that have different versions of Python installed.",
        "Found a great SLURM intro in the Paris-Saclay HPC docs, pasting it here for newcomers: "
        "SLURM is an open source cluster management and job scheduling system for Linux.",
        "Je colle ici le mode opératoire du fournisseur : couper l'alimentation, consigner le "
        "disjoncteur, vérifier l'absence de tension avant toute intervention sur l'armoire.",
    ],
)
def test_a_copy_said_to_be_one_passes_writing_on(text: str) -> None:
    """A fresh evaluator's visitor ranked for conda and SLURM on tutorials pasted whole."""
    assert message_role(text, is_reply=False) == "referrer"
    assert message_role(text, is_reply=True) == "referrer"


def test_an_error_pasted_below_still_asks() -> None:
    text = "Why does the import fail? The error is pasted below:\nImportError: from scanpy"
    assert message_role(text, is_reply=False) == "asker"


@pytest.mark.parametrize(
    "text",
    [
        "D'après Hilti : « Le système d'injection HIT-RE 500 V4 permet des longueurs d'ancrage "
        "de reprise de bétonnage jusqu'à 3,2 m. Les armatures rapportées sont dimensionnées "
        "selon l'EN 1992-1-1. »",
        "Doc Schöck : « Le Schöck Isokorb type K est un rupteur de pont thermique porteur pour "
        "balcons en porte-à-faux. Il transmet les moments négatifs. » source : schoeck.com",
        "Je vous partage la documentation Hilti ci-dessous, ça peut servir.\n\nHilti HIT-RE 500",
    ],
)
def test_a_quotation_of_a_vendor_passes_writing_on(text: str) -> None:
    assert message_role(text, is_reply=True) == "referrer"


def test_a_reply_quoting_an_error_message_still_replies() -> None:
    text = (
        'The error says "connection refused on port 5432", check pg_hba.conf and the '
        "listen_addresses setting."
    )
    assert message_role(text, is_reply=True) == "replier"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a fresh evaluator's inspector, whose request for a missing note ranked him first
        (
            "Avis suspendu : la justification de la stabilité au feu n'est pas fournie. Merci de"
            " nous transmettre la note de calcul.",
            "asker",
        ),
        ("The config was missing the timeout, I set it to 30 s and redeployed.", "sender"),
    ],
)
def test_a_first_message_reporting_what_is_missing(text: str, role: str) -> None:
    assert message_role(text, is_reply=False) == role


@pytest.mark.parametrize(
    "text",
    [
        # a second attacker's experts, each of whom had vanished under the first version
        "Je vous partage la documentation que j'ai rédigée ci-dessous, c'est exactement ce cas :"
        " le portail captif est servi par le contrôleur WLC2 sur le VLAN 310.",
        "Copied from my notes, this is how I rotate the unseal keys: 1. vault operator rekey -init",
        "Je colle ici le passage du guide Veeam que je donne toujours, puis notre procédure :"
        " « Instant Recovery lets you restore a VM » Chez nous : 1) console Veeam > Backups.",
        "D'après Fortinet : « Sur FortiOS 7.2.0 à 7.2.4, les sessions SSL-VPN sont coupées au"
        " bout de 8 heures quel que soit le réglage du portail. » Donc set auth-timeout 28800.",
        "Their host key rotated.",
    ],
)
def test_an_experts_own_writing_copied_or_a_quotation_with_a_fix_replies(text: str) -> None:
    assert message_role(text, is_reply=True) in {"replier", "answerer"}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a fresh evaluator's e-commerce company
        ("@yhaddad tu peux regarder ? C'est la troisième cette semaine.", "referrer"),
        (
            "Est-ce qu'on pourra aussi gérer les fautes de frappe ? « canpé » ne donne rien.",
            "asker",
        ),
        ("Ok, on attend la semaine prochaine.", "commenter"),
        (
            "voici le texte de La Poste : « Les envois internationaux partent le lundi. »",
            "referrer",
        ),
    ],
)
def test_hand_overs_questions_waits_and_quoted_texts(text: str, role: str) -> None:
    assert message_role(text, is_reply=True) == role


@pytest.mark.parametrize(
    ("text", "is_reply", "role"),
    [
        # a reviewer's cases, each misread by a first version of the session's rules
        ("I've seen this often when the disk fills up on the build agent.", True, "replier"),
        (
            "I've seen this many times: the load balancer drops idle connections, turn on"
            " keepalive on the client side.",
            True,
            "replier",
        ),
        ("Je gère la mise en production ce soir, prévenez le support.", False, "sender"),
        (
            "Reproduced it here on staging: the checkout page times out because the session"
            " cookie is dropped; set SameSite=None.",
            True,
            "replier",
        ),
        ("Quand le fichier manque, relancez le job export_daily à la main.", False, "sender"),
        ("Tip: if grep returns nothing, check the file encoding with file -i.", False, "sender"),
        ("Is the VPN up? The SSO fails without it.", True, "replier"),
        ("I restarted the pod, still having the same error.", False, "asker"),
        ("Please note the secondary is read-only until failover.", True, "replier"),
        ("Pensez à vider le cache du navigateur.", True, "replier"),
    ],
)
def test_conditions_diagnoses_and_tips_are_read_as_such(
    text: str, is_reply: bool, role: str
) -> None:
    assert message_role(text, is_reply) == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a service desk's notice of receipt held each ticket's summary, and its technician
        # came first on six of a fresh evaluator's thirty-two questions
        (
            "Bonjour,\nVotre demande « Défibrillateur : batterie en défaut » a bien été prise en "
            "compte par le support informatique et transmise à l'équipe compétente. Un technicien "
            "reviendra vers vous dans les meilleurs délais.\nCordialement,\nLe support N1",
            "referrer",
        ),
        (
            "Thank you for contacting support. Your ticket has been logged and forwarded.",
            "referrer",
        ),
        (
            "Sans retour de votre part depuis 10 jours, cette demande est clôturée "
            "automatiquement. Si le problème persiste, merci de créer une nouvelle demande.",
            "referrer",
        ),
        # a release said to be out, with the list of what it holds: others' changes
        ("Merge pull request #160 went out with v2.4.0, thanks", "referrer"),
        (
            "v2.4.0 is out 🎉 proration double charge fix, invoice rounding, Stripe webhook "
            "idempotency, SAML Okta fix, OIDC redirect loop, API rate limiting.",
            "referrer",
        ),
        ("La 3.2 est en prod : correctif du calcul de TVA, nouvel export CSV.", "referrer"),
        (  # (a community's release manager, in the top three on four subjects of the list)
            "Hi all, Cartolab 2.4.0 is out. Highlights:\n\n- COG writer with internal overviews"
            "\n- EPSG axis order and NTF/RGF93 datum grid support\n- manylinux_2_28 and"
            " win_amd64 wheels\n\nFull changelog on GitHub. Thanks to all contributors!",
            "referrer",
        ),
        # a translation said to be one, of a colleague's answer
        (
            "Pour compléter en français : depuis la version 2.4 la recherche ignore les accents, "
            "vous n'avez rien à faire.",
            "referrer",
        ),
        # what the writer tells beside a notice, a release or a word on translations stays theirs
        (
            "The ticket was closed because the backup job ran out of disk; I moved it to the new "
            "volume.",
            "replier",
        ),
        (
            "Your request has been received. The battery must be replaced: order part 3004 and "
            "swap it.",
            "replier",
        ),
        (
            "v2.4.0 is out: run ./manage.py migrate billing before restarting the workers.",
            "replier",
        ),
        (
            "The proration fix shipped in v2.4.0: we now credit the remaining days only, because "
            "the old code used the whole month.",
            "replier",
        ),
        ("Translation memory is broken: the TMX export drops the notes.", "replier"),
    ],
)
def test_notices_releases_and_translations_pass_on(text: str, role: str) -> None:
    assert message_role(text, is_reply=True) == role


def test_a_vendors_manual_found_below_passes_on() -> None:
    """A fresh evaluator's vendor engineer answered "Please find below the relevant section of
    our documentation." over his company's manual and its © notice, and ranked first for the
    migration the hospital's engineer had planned."""
    manual = (
        "Thank you for contacting Medisys support. Please find below the relevant section of our "
        "documentation.\n\nChapter 7 — Archive migration. Migrate studies in batches of 500 with "
        "C-MOVE, limit the associations to 3 and compare the SOP Instance UID counts nightly.\n"
        "© 2023 Medisys Imaging Ltd. All rights reserved."
    )
    assert message_role(manual, is_reply=True) == "referrer"
    own = "Please find below my notes: batches of 500 studies at night, then compare the counts."
    assert message_role(own, is_reply=True) == "replier"


@pytest.mark.parametrize(
    ("subject", "copied"),
    [
        ("Import initial des scripts depuis le partage \\\\srv-fic01\\scripts$", True),
        ("Import the legacy scripts from the old repository", True),
        ("Import users from LDAP", False),
        ("Import des fichiers de paie", False),
    ],
)
def test_a_commit_importing_files_from_elsewhere_is_no_evidence(subject: str, copied: bool) -> None:
    """A fresh evaluator's IT director was second for DICOM worklists on her one commit that
    imported the department's scripts from a file share."""
    from whoknows.ingest import IngestContext
    from whoknows.ingest.git import _weight

    files = ["ad/arrivees.ps1", "dicom/worklist.py", "rman/backup.sh"]
    assert (_weight(False, subject, files, 120, IngestContext()) == 0.0) is copied


def test_an_openers_decision_with_what_it_sets_is_their_own() -> None:
    """A fresh evaluator's engineer opened the thread, then told the vendor "For the record,
    here is what we will do: batches of 500 studies …": read as a follow-up, he was only a
    learner of the migration he had planned."""
    from whoknows.ingest._threads import tells_own_fix

    plan = (
        "Hi Mark,\n\nThanks. For the record, here is what we will do: batches of 500 studies "
        "between 20:00 and 06:00, C-MOVE limited to 3 associations, and a nightly comparison of "
        "the SOP Instance UID counts."
    )
    assert tells_own_fix(plan)
    assert not tells_own_fix("Thanks Cara, that worked, I changed the refresh option.")
    assert not tells_own_fix("Thanks, we decided to wait for the vendor.")
