"""Organising is not knowing: an event announced (a training with its dates, room and how to
register) is its writer's organising, whose programme is its trainer's; a ticket closed with a
pointer to the knowledge base is the service desk's closing, not the fix; a newsletter
forwarded is nobody's of the organisation. A fresh evaluator's mutual insurer had its IT
director second for Kubernetes by announcing an outside firm's training, its data protection
officer second for data retention by her GDPR training's announcements, and a press office
listed as a person for fraud."""

from __future__ import annotations

import email.message
import mailbox
from pathlib import Path

import pytest

from connector_checks import light_service, stored_roles
from whoknows.ingest._chat import chat_role
from whoknows.ingest._events import announces_event
from whoknows.ingest._genres import page_kind
from whoknows.ingest._threads import comment_role
from whoknows.vocab import ContributionRole

ANNOUNCEMENTS = [
    (
        "",
        ":mega: Formation *Docker* mardi 14h, salle Océan. Inscrivez-vous dans le fil :point_down:",
    ),
    (
        "",
        "Formation Kubernetes les 14 et 15 mars, salle Océan ! Au programme : les bases de "
        "Kubernetes, les pods, les déploiements Helm, la supervision du cluster AKS. "
        "Inscrivez-vous auprès de moi avant le 1er mars.",
    ),
    (
        "Formation Kubernetes - convocation",
        "Bonjour à tous,\n\nVous êtes inscrits à la formation Kubernetes des 14 et 15 mars "
        "(salle Océan, 9h-17h30). Programme : architecture Kubernetes, pods et déploiements, "
        "Helm, observabilité du cluster AKS. Merci d'apporter votre portable.",
    ),
    (
        "",
        "📢 Formation RGPD obligatoire le 5 juin (9h-12h, salle Océan) : principes du RGPD, "
        "droits des personnes, durées de conservation. Inscription sur le formulaire.",
    ),
    (
        "",
        "Webinar on March 12 at 3pm: Kafka consumer groups with our vendor. Join us! The Teams "
        "link is in the invite.",
    ),
    (
        "Lunch & learn: Terraform modules",
        "Thursday 12:30, room 4B. We will cover module composition and remote state. Please "
        "register on the form.",
    ),
]
NOT_ANNOUNCEMENTS = [
    # a model's training, not a course
    (
        "",
        "Training job failed on Monday at 14:00: the GPU node ran out of memory, set the batch "
        "size to 16 and register the model again.",
    ),
    # the writer gives it: what it teaches is theirs
    (
        "Atelier Helm",
        "Atelier Helm jeudi à 14h, salle Océan : je l'animerai, inscrivez-vous. On verra les "
        "hooks, les dépendances et le rollback.",
    ),
    # an attacker's: an outage during a training, a refresh of the training database, a
    # workshop's exercises, a talk its writer gives
    (
        "",
        "Mardi 9h, pendant la formation en salle Océan, le broker 2 est tombé : "
        "log.retention.hours était à 1, j'ai lancé kafka-reassign-partitions.",
    ),
    (
        "",
        "Base de formation : rafraîchissement lundi 9h, salle serveurs. pg_dump de la prod "
        "puis pg_restore --clean sur la base de formation.",
    ),
    (
        "Atelier Keycloak",
        "Atelier Keycloak mardi 14h, salle Loire. Exercice 1 : configurer un client public avec "
        "PKCE et vérifier le code_challenge.",
    ),
    ("", "Tech talk Thursday 4pm, room Loire: I'll walk you through our Istio mTLS rollout."),
    # a reviewer's: a question about it, an attendee's report, a room for improvement
    ("", "Can someone sign up for the Kafka training on Tuesday in room 4B? Do we register?"),
    (
        "",
        "I attended the Terraform workshop on Monday in room 4B: remote state locking with "
        "DynamoDB finally makes sense.",
    ),
    (
        "Workshop feedback",
        "Workshop feedback: there's room for improvement on the labs, thanks all for Monday.",
    ),
    # a runbook that names a day and an hour
    (
        "Runbook: restart a deployment",
        "kubectl rollout restart deployment/api -n prod, then watch kubectl get pods. On "
        "Monday at 9h the cron restarts it.",
    ),
]


@pytest.mark.parametrize(("subject", "text"), ANNOUNCEMENTS)
def test_an_event_announced_is_organised_not_known(subject: str, text: str) -> None:
    assert announces_event(subject, text)
    kind = page_kind(subject or "Annonce", text)
    assert kind is not None and kind.role == ContributionRole.ADVISER
    if not subject:  # (chat has no subject)
        assert chat_role(text, is_reply=False) == ContributionRole.ADVISER


@pytest.mark.parametrize(("subject", "text"), NOT_ANNOUNCEMENTS)
def test_a_course_given_a_models_training_and_a_runbook_are_no_announcements(
    subject: str, text: str
) -> None:
    assert not announces_event(subject, text)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Résolu, voir KB.", ContributionRole.REFERRER),
        ("Closed - see KB0012345.", ContributionRole.REFERRER),
        ("Clôturé, voir la procédure dans la KB.", ContributionRole.REFERRER),
        # what it says after the pointer is its writer's
        ("Done, see above: restart the agent then clear the cache.", ContributionRole.REPLIER),
    ],
)
def test_a_ticket_closed_with_a_pointer_refers(text: str, role: ContributionRole) -> None:
    assert comment_role(text, by_asker=False) == role


def _mail(box: mailbox.mbox, number: int, sender: str, subject: str, body: str) -> None:
    message = email.message.EmailMessage()
    message["From"], message["To"] = sender, "Zoé Lefèvre <zoe.lefevre@alize.example>"
    message["Subject"], message["Message-ID"] = subject, f"<m{number}@alize.example>"
    message["Date"] = f"Mon, 03 Jun 2024 08:1{number}:00 +0200"
    message.set_content(body)
    box.add(message)


def test_an_announcer_and_a_forwarded_newsletter_are_not_the_experts(tmp_path: Path) -> None:
    """The IT director's convocation to an outside firm's training advises; the expert's own
    write-up stays hers; a press office's report forwarded by a manager is no one's of the
    organisation (it had been a person, "ALFA Communication", listed for fraud)."""
    path = tmp_path / "direction.mbox"
    box = mailbox.mbox(str(path))
    _mail(box, 1, "Thomas Girard <thomas.girard@alize.example>", *ANNOUNCEMENTS[1])
    _mail(
        box,
        2,
        "Karim Benali <karim.benali@alize.example>",
        "Incident AKS - synthèse",
        "Le nœud aks-nodepool1-3 est passé NotReady après la mise à jour de l'image : le "
        "PodDisruptionBudget exigeait 2 réplicas sur 2. J'ai drainé le nœud et baissé "
        "minAvailable à 1 dans le chart Helm du cluster Kubernetes.",
    )
    _mail(
        box,
        3,
        "Marc Dubois <marc.dubois@alize.example>",
        "TR: Rapport ALFA 2023 - fraude à l'assurance",
        "Pour info, le rapport annuel sur la fraude.\n\n-------- Message transféré --------\n"
        "De : ALFA Communication <communication@alfa.asso.fr>\nDate : 2024-05-30T10:00:00+02:00"
        "\nObjet : Rapport ALFA 2023\n\nLe montant de la fraude détectée en assurance de "
        "dommages atteint 723 millions d'euros en 2023, dont la moitié en automobile.\n",
    )
    box.flush()
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("mbox", path)
    roles = {(name, role) for _, name, role in stored_roles(service, "mail")}
    assert ("Thomas Girard", "adviser") in roles and ("Karim Benali", "author") in roles
    names = {p.display_name for p in service.people.list_people()}
    assert not any("ALFA" in name for name in names), names
    experts = [a.name for a in service.search.ask("kubernetes helm cluster", k=0)]
    assert experts[0] == "Karim Benali", experts
    service.close()


@pytest.mark.parametrize(("k", "place"), [(0, 4), (2, 2), (10, 4)])
def test_score_places_a_leaver_where_ask_lists_her(k: int, place: int) -> None:
    """A reviewer's: `ask` lists the k best by their evidence, those who left after the
    others, where `score` placed a leaver after every matching person still here (10th in
    `ask`, 40th in `score`). Person 1 left and has the best score."""
    import numpy as np

    from whoknows.rank.matching import _place

    people, scores = np.asarray([1, 2, 3, 4]), np.asarray([5.0, 4.0, 3.0, 2.0])
    assert _place(people, scores, 1, 5.0, frozenset({1}), k) == place
    assert _place(people, scores, 3, 3.0, frozenset({1}), k) == 2  # (one still here ahead)


def test_a_leaver_is_listed_before_people_still_here_who_lack_most_of_the_question() -> None:
    """Two fresh evaluators' leavers, who wrote the only explanation of their subject (a routing
    solver's handbook, DECT handsets' registration), were listed tenth and eighth, below people
    still here who matched one word of the question ("time", "nouveaux"); by their scores
    against those (an attacker's leaver, whose one post held the asker's context words, had
    been put above the consumer-lag expert who scored higher)."""
    from whoknows.rank.base import PersonScore
    from whoknows.rank.listing import listed_order

    def order(values: list[float], lacked: list[float], gone: frozenset[int]) -> list[int]:
        learners = [False, False, False, False, False, True]  # (5 left, 6 only asked)
        scores = [
            PersonScore(person, value, learner=learner)
            for person, value, learner in zip(range(1, 7), values, learners, strict=True)
        ]
        return [scores[at].person_id for at in listed_order(scores, lacked, gone)]

    scores = [3.0, 2.0, 1.5, -1.0, 1.72, -5.0]  # (in the ranking's order)
    lacked = [0.0, 0.5, 0.0, 0.9, 0.0, 0.0]
    assert order(scores, lacked, frozenset({5})) == [1, 2, 3, 5, 4, 6]
    scores[4] = 2.5  # (never above someone still here who matches)
    assert order(scores, lacked, frozenset({5})) == [1, 2, 3, 5, 4, 6]
    scores[3] = 2.6  # (nor above someone still here who scores higher)
    assert order(scores, lacked, frozenset({5})) == [1, 2, 3, 4, 5, 6]
    scores[3] = -1.0
    # a leaver who lacks most of it too comes after everyone still here
    lacked[4] = 0.6
    assert order(scores, lacked, frozenset({5})) == [1, 2, 3, 4, 5, 6]
    # never above the best still here who holds some of it (a hospital's DECT owner, first,
    # lacked "inscription" and "nouveaux")
    lacked = [0.45, 0.9, 0.9, 0.9, 0.0, 0.0]
    assert order(scores, lacked, frozenset({5})) == [1, 5, 2, 3, 4, 6]
    # above the best still here who lacks half of it or more and scores lower (an engineering
    # firm's leaver, who wrote the only torque table, second below a draughtsman who held
    # only "fixations": a fresh evaluator's)
    lacked[0] = 0.73
    assert order([0.4, -0.3, -0.4, -1.0, 0.43, -5.0], lacked, frozenset({5})) == [5, 1, 2, 3, 4, 6]
    assert order([0.5, -0.3, -0.4, -1.0, 0.43, -5.0], lacked, frozenset({5})) == [1, 5, 2, 3, 4, 6]
    # without a leaver, the ranking's order (a reviewer's: it had moved those who lack most
    # of the question below the others)
    assert order(scores, lacked, frozenset()) == [1, 2, 3, 4, 5, 6]


def test_an_address_in_a_colleagues_text_is_never_shown_whole(tmp_path: Path) -> None:
    """A privacy officer's: a mail that gave a colleague's address ("Ask Zoé
    (zoe.lefevre@…)") showed it whole in `ask` and its JSON; a package's version is no
    address."""
    path = tmp_path / "vpn.mbox"
    box = mailbox.mbox(str(path))
    _mail(
        box,
        1,
        "Antoine Rousseau <antoine.rousseau@alize.example>",
        "FortiGate Lyon",
        "FortiGate IPsec lifetimes: 28800 s on phase 1, certificates signed by the PKI of "
        "zoe.lefevre@alize.example, forticlient@7.2.3 pinned on laptops.",
    )
    box.flush()
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("mbox", path)
    shown = [e for a in service.search.ask("FortiGate IPsec lifetimes", k=0) for e in a.evidence]
    text = " ".join(f"{e.title} {e.snippet}" for e in shown)
    assert "z•••@alize.example" in text and "zoe.lefevre@" not in text, text
    assert "forticlient@7.2.3" in text
    service.close()


def test_score_batch_places_a_leaver_where_ask_lists_her(tmp_path: Path) -> None:
    """A reviewer's: `score` gave a leaver the place `ask` lists her at, `score_batch` the
    older one (after everyone still here). Ada left and wrote the only solver handbook; Bo and
    Cy, still here, match one word of the question each."""
    import csv
    import json

    items = [
        (
            "h1",
            "Routing solver handbook",
            "The vehicle routing solver: time windows, capacity"
            " constraints and the penalty weights of the solver's objective.",
            "Ada Lind",
        ),
        ("h2", "Solver tuning", "Tune the routing solver's time windows penalty.", "Ada Lind"),
        ("b1", "Office hours", "The office opens at a new time on Mondays.", "Bo Kim"),
        ("c1", "Windows laptops", "Windows laptops get the new VPN client.", "Cy Ray"),
    ]
    with (tmp_path / "docs.jsonl").open("w", encoding="utf-8") as out:
        for key, title, text, author in items:
            row = {"id": key, "title": title, "text": text, "authors": [author]}
            out.write(json.dumps({**row, "date": "2025-03-01", "kind": "document"}) + "\n")
    with (tmp_path / "people.csv").open("w", encoding="utf-8", newline="") as out:
        sheet = csv.writer(out)
        sheet.writerow(["id", "name", "handles", "end_date"])
        sheet.writerows([["ada", "Ada Lind", "ada", "2025-06-30"], ["bo", "Bo Kim", "bo", ""]])
        sheet.writerow(["cy", "Cy Ray", "cy", ""])
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", tmp_path / "people.csv")
    service.ingest.ingest("jsonl", tmp_path / "docs.jsonl")
    question = "routing solver time windows"
    listed = [a.name for a in service.search.ask(question, k=0) if not a.learner]
    assert listed.index("Ada Lind") < len(listed) - 1, listed  # (not after everyone here)
    pairs = [(str(n), name, question) for n, name in enumerate(listed)]
    service.search.score_batch(pairs, tmp_path / "scores.tsv")
    rows = (tmp_path / "scores.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert [int(row.split("\t")[3]) for row in rows] == list(range(1, len(listed) + 1))
    assert service.search.score("Ada Lind", question).rank == listed.index("Ada Lind") + 1
    service.close()


def test_score_batch_leaves_a_pair_it_may_not_answer_empty_and_scores_the_rest(
    tmp_path: Path,
) -> None:
    """One opted-out reviewer had stopped a batch of thousands: her pair, a stranger's and a
    hidden topic's now keep empty rows, alike, and every other pair is scored."""
    import json

    items = [
        ("a1", "Solver handbook", "The routing solver's time windows and penalties.", "Ada Lind"),
        ("b1", "Solver tuning", "Tune the routing solver's time windows penalty.", "Bo Kim"),
        ("b2", "Payroll export", "The payroll export runs on Fridays for payroll.", "Bo Kim"),
    ]
    with (tmp_path / "docs.jsonl").open("w", encoding="utf-8") as out:
        for key, title, text, author in items:
            row = {"id": key, "title": title, "text": text, "authors": [author]}
            out.write(json.dumps({**row, "date": "2025-03-01", "kind": "document"}) + "\n")
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("jsonl", tmp_path / "docs.jsonl")
    service.privacy.opt_out("Ada Lind", inference=True, visibility=True)
    service.insights.hide_topic("Bo Kim", "payroll export")
    pairs = [
        ("1", "Ada Lind", "routing solver time windows"),
        ("2", "Bo Kim", "routing solver time windows"),
        ("3", "Nobody Here", "routing solver time windows"),
        ("4", "Bo Kim", "payroll export"),
    ]
    stats = service.search.score_batch(pairs, tmp_path / "scores.tsv")
    rows = [r.split("\t") for r in (tmp_path / "scores.tsv").read_text("utf-8").splitlines()]
    assert [error.where for error in stats.unscored] == ["pair 1", "pair 3", "pair 4"]
    assert "did you mean" not in " ".join(str(error) for error in stats.unscored)
    assert rows[1][2:] == rows[3][2:] == rows[4][2:] == [""] * 5
    assert float(rows[2][2]) and rows[2][3] == "1"
    service.close()


def test_who_holds_a_short_question_is_listed_before_who_lacks_most_of_it() -> None:
    """Two fresh evaluators' partial matches, second on a common word of the question, come
    after every person holding it, in the ranking's order within each group; learners stay
    last; nobody moves when nobody holds it; the best person still here who lacks less than
    half of it stays above a leaver who holds it (a reviewer's: the hospital's DECT owner)."""
    from whoknows.rank.base import PersonScore
    from whoknows.rank.listing import holders_first, listed_order

    scores = [PersonScore(person, 5.0 - person) for person in range(1, 5)]
    scores.append(PersonScore(5, 0.5, learner=True))
    lacked = [0.0, 0.9, 0.0, 0.9, 0.9]

    def listed(order: list[int], shares: list[float], gone: frozenset[int] = frozenset()):
        found, partial = holders_first(scores, order, shares, [True] * len(shares), gone)
        return [scores[at].person_id for at in found], sorted(
            scores[at].person_id for at in partial
        )

    assert listed([0, 1, 2, 3, 4], lacked) == ([1, 3, 2, 4, 5], [2, 4])
    assert listed([1, 0, 3, 2, 4], lacked) == ([1, 3, 2, 4, 5], [2, 4])
    assert listed([1, 3, 4], lacked) == ([2, 4, 5], [])  # (nobody listed holds it)
    # a leaver (3) who holds it, below the best person still here who lacks 0.45 of it
    shares = [0.45, 0.9, 0.0, 0.9, 0.0]
    gone = frozenset({3})
    order = listed_order(scores, shares, gone)
    assert listed(order, shares, gone) == ([1, 3, 2, 4, 5], [2, 4])
    # (lacking half or more, but scoring above the leaver who holds it: the ranking's place)
    shares[0] = 0.6
    order = listed_order(scores, shares, gone)
    assert listed(order, shares, gone) == ([1, 2, 3, 4, 5], [4])


def test_who_lacks_most_of_a_question_goes_below_a_colleague_who_holds_it_whatever_the_score() -> (
    None
):
    """An attacker's busy generalist, holding only "cache" of "SSSD cache stale", stayed first
    (score 2.26) above the one colleague who had fixed it three times (0.86): the ranking's
    first by far stays first unless they lack two thirds of the question or more and a
    colleague still here lacks less than half as much (the VPN expert lacking "Landerneau
    office", 0.57, or "Landerneau" of "VPN Landerneau", 0.50, stays first)."""
    from whoknows.rank.base import PersonScore
    from whoknows.rank.listing import holders_first

    scores = [PersonScore(1, 2.26), PersonScore(2, 0.86), PersonScore(3, -8.3)]

    def listed(lacked: list[float], partial: list[bool], gone: frozenset[int] = frozenset()):
        found, moved = holders_first(scores, [0, 1, 2], lacked, partial, gone)
        return [scores[at].person_id for at in found], sorted(scores[at].person_id for at in moved)

    assert listed([0.85, 0.0, 0.85], [True, False, True]) == ([2, 1, 3], [1, 3])
    assert listed([0.57, 0.44, 0.85], [True, False, True]) == ([1, 2, 3], [3])
    # (lacking only the place of "VPN Landerneau", half of it, he stays above the office
    # manager whose move notice holds both words: a second attacker's)
    assert listed([0.5, 0.0, 0.85], [True, False, True]) == ([1, 2, 3], [3])
    # (a leaver who holds it moves nobody the ranking puts above them)
    assert listed([0.85, 0.0, 0.85], [True, False, True], frozenset({2})) == ([1, 2, 3], [3])
