"""Claims of expertise said in chat and mail advise; an expert's claim with an answer replies."""

from __future__ import annotations

import pytest

from whoknows.ingest._threads import message_role

# an attacker's posts (a presales engineer who knew none of the subjects came first on five)
CLAIMS = [
    "I've handled kafka consumer lag a lot on customer projects, happy to help with kafka "
    "consumer lag anytime, just ping me.",
    "Kafka consumer lag and consumer group rebalances are my bread and butter, ping me if the "
    "tracking-events lag comes back.",
    "Still happy to help with kafka consumer lag: consumer lag, consumer groups, partitions, "
    "I've done it all.",
    "Redis eviction, maxmemory, sessions logged out: I'm your contact for Redis.",
    "Friendly reminder: I've worked on kafka consumer lag for years, if your kafka consumer"
    " group lags, partitions or rebalances, reach out to me.",
    "Kafka consumer lag, Elasticsearch unassigned shards, Redis eviction of sessions: I've"
    " handled all three a lot, happy to help anyone.",
    "Les shards non assignés Elasticsearch, je connais très bien, n'hésitez pas à me "
    "solliciter dès que le cluster Elasticsearch passe en jaune.",
    "Pour info, je maîtrise bien Elasticsearch : shards non assignés, cluster jaune, "
    "allocation des shards. Je peux aider.",
]
ANSWERS = [
    "I've handled this a lot: set max.poll.records to 200 and restart the consumers.",
    "I know Terraform well, the state lock comes from a crashed apply; run terraform "
    "force-unlock with the lock id.",
    "Je connais bien le sujet, il faut passer le paramètre à 30 s.",
    "I've seen it many times, it's the MTU on the overlay.",
    # (a reviewer's: a condition or a clause of its own after the claim)
    "I've seen this often when the disk fills up on the build agent.",
    "I've seen this many times: the load balancer drops idle connections, turn on keepalive on"
    " the client side.",
]


@pytest.mark.parametrize("is_reply", [True, False])
@pytest.mark.parametrize("text", CLAIMS)
def test_a_claim_of_expertise_advises(text: str, is_reply: bool) -> None:
    assert message_role(text, is_reply) == "adviser"


@pytest.mark.parametrize("text", ANSWERS)
def test_a_claim_with_something_to_act_on_replies(text: str) -> None:
    assert message_role(text, is_reply=True) in {"replier", "answerer"}
