"""A colleague's word is evidence for the colleague it names: a referral that says why them
("ask @Hugo, he knows LDAP", "@Priya tu peux aider Antoine ? Elle connaît Wwise par cœur.")
endorses the one person it mentions. A game studio's evaluator found nobody listed for "Wwise
soundbanks" where the router's three such messages were the only ones to name Wwise, the
expert's answers saying "regenerate the banks"."""

from __future__ import annotations

import json
import mailbox
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

import pytest

from conftest import make_service
from whoknows.ingest import IngestContext
from whoknows.ingest._endorsements import endorsements, reasons
from whoknows.ingest._threads import message_role
from whoknows.ingest.discourse import DiscourseConnector
from whoknows.records import Contribution, ItemRecord, PersonRef
from whoknows.services import Services
from whoknows.vocab import ContributionRole as Role


@pytest.mark.parametrize(
    "text",
    [
        "ask @Hugo Bernard, he knows LDAP",
        "@Priya tu peux aider Antoine ? Elle connaît Wwise par cœur.",
        "@Priya can you help Antoine? She knows Wwise inside out.",
        "Over to you @Sandrine, she knows Wwise inside out.",
        "@Nadia peut répondre, elle connaît les validateurs par cœur",
        "@Nadia tu peux regarder ? c'est toi qui connais le mieux le flux",
        "@Sandrine, tu peux lui répondre ? C'est notre spécialiste Wwise.",
        "vois ça avec @Karim, il gère Elasticsearch",
        "@Hugo est l'expert LDAP",
        # (a fresh reviewer's, missed at first)
        "@Hugo is your guy for LDAP",
        "@Hugo gère les serveurs d'auth",
        "@Hugo maîtrise LDAP",
        "@Hugo est responsable du LDAP",
        "@Hugo a déjà corrigé ce timeout",
        "c'est le pro du LDAP, demande à @Hugo",
        "c'est @Hugo qui connaît le mieux LDAP",
        "I'd ask @Hugo, he's the one who configured sssd here",
        "@Hugo fixed this exact issue last week",
        "@Hugo, you did the last two LDAP upgrades",
        # (the second reviewer's: missed, and their writers had answered)
        "@Hugo handles LDAP",
        "@Hugo has fixed this before",
        "@Hugo built the auth stack",
        "@Hugo did the LDAP migration",
        "@Hugo migrated our LDAP last year",
        "@Hugo is our LDAP admin",
        "@Hugo is the LDAP SME",
        "it was @Hugo who built the LDAP sync",
        "if anyone knows LDAP, it's @Hugo",
        "@Hugo is very familiar with LDAP",
        "@Hugo est expert en LDAP",
        "@Hugo est le responsable LDAP",
        "@Hugo a corrigé ce problème la semaine dernière",
        "@Hugo a monté le serveur LDAP",
        "@Hugo est le roi du LDAP",
        "c'est @Hugo le référent LDAP",
        "écris à @Hugo, c'est lui qui gère LDAP",
        "@Hugo knows this one",
        "cc @Hugo who knows LDAP",
        "demande à @Hugo, c'est lui qui a monté le LDAP",
        "@Hugo est la personne à contacter pour LDAP",
        "@Grace is our Postgres person",
        "@Hannah used to own this before she left",
        "try @Hugo, he did the LDAP migration",
        "@Priya, you did the last two upgrades.",
    ],
)
def test_a_referral_that_says_why_them_vouches(text: str) -> None:
    assert reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "ask @Hugo",
        "@Priya tu peux aider Antoine ?",
        "Je gère pas ça, demande à @Hugo",
        "demande à @Hugo, il ne connaît pas le sujet mais il a les accès",
        "ask @Hugo, he knows nothing about LDAP but has the admin password",
        "@Hugo, il connaît pas trop, mais il a la main sur le serveur",
        "You know, just ask @Hugo",
        "I know the feed, but ask @Hugo for the validators",
        # (a fresh reviewer's: the reason is someone else's, a question, a condition, a
        # mockery, a blame, a warning, a future, a person known, a ticket handed over)
        "@Tom ask Karim, he knows LDAP",
        "@Tom Baker Karim knows LDAP, talk to him",
        "@Tom vois avec Karim, il connaît LDAP par cœur",
        "@Tom il faut demander à Karim, il connaît LDAP",
        "@Hugo can you look? Karim knows LDAP well",
        "@Hugo knows the LDAP admin, she can help",
        "@Hugo connaît l'admin LDAP, elle peut t'aider",
        "@Hugo is the one who broke LDAP yesterday",
        "@Hugo knows, he caused the LDAP outage",
        "@Hugo connaît le problème, c'est lui qui l'a causé",
        "if @Hugo knows LDAP he could help, not sure he does",
        "si @Hugo connaît LDAP, il pourra aider",
        "@Hugo knows LDAP? since when?",
        "@Hugo connaît LDAP ? depuis quand ?",
        "@Hugo knows LDAP like I know Mandarin",
        "@Hugo connaît LDAP comme moi je connais le chinois",
        "Sure, ask @Hugo, he knows LDAP… about as well as my cat does",
        "@Hugo will know LDAP after his training next month",
        "@Hugo owns this ticket from now on",
        "Never ask @Hugo, he knows LDAP",
        "Hugo est l'expert LDAP",  # (no mention: no account to endorse)
        # (a second reviewer's: reported, hedged, ironic, refuted, denied further on, of a
        # place or a password, someone else's team, a blame, a duty to come, quoted, in code)
        "Marc says @Hugo knows LDAP but I doubt it",
        "Karim told me @Hugo knows LDAP, no idea if true",
        "apparently @Hugo knows LDAP",
        "Marc dit que @Hugo connaît LDAP mais j'en doute",
        "il paraît que @Hugo connaît LDAP, à vérifier",
        "everyone thinks @Hugo knows LDAP but he doesn't",
        "tout le monde croit que @Hugo connaît LDAP, mais non",
        "yeah right, @Hugo knows LDAP /s",
        "oh sure, @Hugo knows LDAP 🙄",
        "lol @Hugo knows LDAP",
        "@Hugo connaît LDAP, c'est ça oui",
        "maybe @Hugo knows",
        "not sure, maybe @Hugo knows LDAP",
        "peut-être que @Hugo sait",
        "@Hugo connaît à peine LDAP",
        "@Hugo knows LDAP less than anyone",
        "@Hugo knows LDAP, but he left the company last month",
        "@Hugo knows where the doc is",
        "@Hugo sait où trouver la doc LDAP",
        "@Hugo knows the password",
        "@Hugo knows why, ask him",
        "@Hugo knows we can't touch prod on Fridays",
        "l'équipe de @Hugo gère le LDAP",
        "le chef de @Hugo connaît LDAP",
        "@Hugo knows LDAP, he's the one who misconfigured it",
        "@Hugo connaît LDAP, c'est lui qui l'a mal configuré",
        "@Hugo handles LDAP tickets badly, escalate to Karim",
        "à partir de lundi @Hugo gère le LDAP",
        "Karim a écrit « @Hugo connaît LDAP » mais c'est faux",
        "> @Hugo knows LDAP inside out",
        "`@Hugo knows LDAP`",
        "@Hugo knows LDAP？",
    ],
)
def test_a_referral_without_a_reason_or_with_one_denied_vouches_for_nobody(text: str) -> None:
    assert not reasons(text)


def _person(native_id: str) -> PersonRef:
    return PersonRef("slack", native_id, account=True)


def _reply(text: str, writer: Role, *mentioned: str) -> ItemRecord:
    people = [Contribution(_person(m), Role.MENTIONED) for m in mentioned]
    return ItemRecord(
        source="slack",
        native_id="C1:2",
        kind="message",
        title="#audio",
        text=text,
        thread_id="C1:1",
        parent_id="C1:1",
        contributions=[Contribution(_person("UGEN"), writer), *people],
    )


def _roles(item: ItemRecord) -> dict[str | None, Role]:
    return {c.person.native_id: c.role for c in item.contributions}


def test_the_one_colleague_vouched_for_is_endorsed_for_the_reason_alone() -> None:
    text = "@Priya tu peux aider @Antoine ? Elle connaît Wwise par cœur."
    referral = _reply(text, Role.REFERRER, "UPRIYA", "UANTOINE")
    kept, endorsement = endorsements(referral, _person("UANTOINE"))
    assert kept == referral  # (Priya stays mentioned in the referral itself)
    assert _roles(endorsement) == {"UGEN": Role.REFERRER, "UPRIYA": Role.ENDORSED}
    assert endorsement.text == "Elle connaît Wwise par cœur" and endorsement.context is None
    assert endorsement.native_id == "C1:2/endorsement" and endorsement.thread_id == "C1:1"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("@Hugo knows LDAP, not Kerberos", ["@Hugo knows LDAP"]),
        (
            "aucune idée pour Kafka, mais @Hugo connaît bien Terraform",
            ["@Hugo connaît bien Terraform"],
        ),
        ("ask @Hugo, he knows LDAP", ["he knows LDAP"]),
        ("it was @Hugo who built the LDAP sync", ["it was @Hugo who built the LDAP sync"]),
    ],
)
def test_the_reason_is_the_clause_said_of_them(text: str, reason: list[str]) -> None:
    assert reasons(text) == reason


@pytest.mark.parametrize(
    ("text", "writer", "mentioned"),
    [
        # which of two colleagues is meant is not said
        ("ask @Hugo or @Marie, they know LDAP", Role.REFERRER, ("UHUGO", "UMARIE")),
        # the writer answers: the mention is no referral
        ("@Hugo knows it: restart the directory sync job", Role.REPLIER, ("UHUGO",)),
        ("ask @Hugo", Role.REFERRER, ("UHUGO",)),
    ],
)
def test_no_endorsement_without_one_colleague_a_referral_and_a_reason(
    text: str, writer: Role, mentioned: tuple[str, ...]
) -> None:
    assert len(endorsements(_reply(text, writer, *mentioned), _person("UASKER"))) == 1


PEOPLE = {"U1": "Antoine Roy", "U2": "Geneviève Caron", "U3": "Priya Raman", "U4": "Tom Baker"}
# the expert answers in her own words: "the banks", never "Wwise" nor "soundbanks"
ANSWER = (
    "New events have to be added to a bank, then regenerate the banks for Windows and commit"
    " the generated folder."
)


def _export(folder: Path) -> Path:
    users = [{"id": u, "name": n.split()[0].lower(), "real_name": n} for u, n in PEOPLE.items()]
    folder.mkdir(parents=True)
    (folder / "users.json").write_text(json.dumps(users), encoding="utf-8")
    channels = [{"id": "C1", "name": "audio", "created": 1700000000}]
    (folder / "channels.json").write_text(json.dumps(channels), encoding="utf-8")
    messages, clock = [], 1717000000
    routed = [("U2", "<@U3> tu peux aider <@U1> ? Elle connaît Wwise et les soundbanks par cœur.")]
    threads = [(f"Le son {number} ne joue pas.", [*routed, ("U3", ANSWER)]) for number in (2, 3)]
    # a referral whose sentence names her: the sentence is her evidence (it had been left out
    # of the index as crediting someone else, and the referral voted for nobody)
    threads.append(
        ("Anyone seen the FMOD event banks fail to load?", [("U2", "ask <@U3>, she knows FMOD")])
    )
    # someone only ever named, who wrote nothing
    threads.append(("Jenkins nightly build red again?", [("U2", "ask <@U4>, he knows Jenkins")]))
    for opening, replies in threads:
        thread = f"{clock}.000100"
        messages.append({"type": "message", "user": "U1", "text": opening, "ts": thread})
        for user, text in replies:
            clock += 600
            messages.append(
                {
                    "type": "message",
                    "user": user,
                    "text": text,
                    "ts": f"{clock}.000100",
                    "thread_ts": thread,
                }
            )
        clock += 3600
    (folder / "audio").mkdir()
    (folder / "audio" / "2024-05-29.json").write_text(json.dumps(messages), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Services:
    root = tmp_path_factory.mktemp("endorsements")
    service = make_service(root / "workspace")
    service.ingest.ingest("slack", _export(root / "export"))
    return service


def test_the_colleague_vouched_for_is_listed_with_the_referral_as_evidence(
    studio: Services,
) -> None:
    answers = studio.search.ask("Wwise soundbanks", k=0)
    assert [a.name for a in answers if not a.learner][:1] == ["Priya Raman"]
    [priya] = [a for a in answers if a.name == "Priya Raman"]
    assert {e.role for e in priya.evidence} == {Role.ENDORSED}
    assert "Geneviève Caron" not in [a.name for a in answers if not a.learner]
    fmod = studio.search.ask("FMOD", k=0)
    assert [(a.name, a.learner) for a in fmod][:1] == [("Priya Raman", False)]
    assert [e.role for e in fmod[0].evidence] == [Role.ENDORSED]


def test_being_named_is_no_activity(studio: Services) -> None:
    """A reviewer's: "Active from … in slack, 2 items" for someone who had written nothing."""
    tom = studio.insights.profile("Tom Baker")
    assert (tom.first_activity, tom.last_activity, tom.sources) == (None, None, [])
    priya = studio.insights.profile("Priya Raman")
    assert priya.first_activity and priya.sources == ["slack"]


def test_a_forum_referral_endorses_the_colleague_it_mentions(tmp_path: Path) -> None:
    mention = '<a class="mention" href="/u/{0}">@{0}</a>'.format
    posts = [
        (1, "antoine", "Mon nouveau son ne joue pas en jeu, il faut régénérer quelque chose ?"),
        (2, "gen", f"{mention('priya')} tu peux aider {mention('antoine')} ? Elle connaît Wwise."),
        (3, "priya", ANSWER),
    ]
    topic = {
        "id": 5,
        "title": "Son qui ne joue pas",
        "post_stream": {
            "posts": [
                {
                    "id": 500 + number,
                    "post_number": number,
                    "username": user,
                    "created_at": f"2025-02-25T10:{number:02d}:00.000Z",
                    "cooked": f"<p>{text}</p>",
                    "post_type": 1,
                }
                for number, user, text in posts
            ]
        },
    }
    (tmp_path / "5.json").write_text(json.dumps(topic), encoding="utf-8")
    context = IngestContext()
    items = [r for r in DiscourseConnector().parse(tmp_path / "5.json", context)]
    found = {i.native_id: i for i in items if isinstance(i, ItemRecord)}
    roles = {c.person.handle: c.role for c in found["502/endorsement"].contributions}
    assert roles == {"gen": Role.REFERRER, "priya": Role.ENDORSED}
    assert found["502/endorsement"].text == "Elle connaît Wwise"
    assert {c.role for c in found["502"].contributions} == {Role.REFERRER, Role.MENTIONED}


@pytest.mark.parametrize(
    "text",
    [
        # a second reviewer's: each put its writer first for LDAP, above the colleague named
        "@Hugo Bernard dealt with this exact timeout last month",
        "it was @Hugo Bernard who built the LDAP sync",
        "@Hugo Bernard might be able to help, he owns the auth servers",
        "@Hugo Bernard is the LDAP SME",
        "@Hugo Bernard handles LDAP",
        "@Hugo Bernard a fait la migration LDAP",
        "@Hugo Bernard wrote the runbook for this",
        "@Hugo Bernard est le responsable LDAP",
        "écris à @Hugo Bernard, c'est lui qui gère LDAP",
    ],
)
def test_a_pointer_with_its_reason_is_no_answer_of_its_writer(text: str) -> None:
    assert message_role(text, is_reply=True) == Role.REFERRER
    assert reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        # a mail's pointers: the colleague put in copy (their writers had ranked first)
        "Je mets Hugo en copie, il connaît LDAP par cœur.",
        "J'ai mis Hugo en cc, il saura.",
        "Adding Priya, she runs the Kafka clusters.",
        "cc Priya, she knows Kafka.",
        "I've cc'd Priya, she runs the clusters.",
        "I'm looping Priya in, she owns it.",
        "I've added Priya to the thread, she owns it.",
        "Je te mets en relation avec Hugo Lefèvre, il gère LDAP.",
        # (a fresh evaluator's university: the director had ranked first for PaperCut and
        # BigBlueButton on these)
        "Maxime connaît bien BigBlueButton, je le mets en copie.",
        "Isabelle, c'est Nadia qui connaît le mieux PaperCut, je la mets en copie.",
        "Aïcha knows the IdP config, cc'ing her.",
        "Hugo (en copie) connaît bien le sujet.",
        "+Hugo who owns LDAP",
        "Bringing in Hugo, he owns LDAP.",
        "Hugo is cc'd, he owns LDAP.",
        "Hugo est en copie, il gère LDAP.",
        "Hugo pourra te répondre, il gère LDAP.",
        "Passing this to Hugo, he owns LDAP.",
        "Je passe la main à Hugo, il gère LDAP.",
    ],
)
def test_a_colleague_put_in_copy_is_pointed_to(text: str) -> None:
    assert message_role(text, is_reply=True) == Role.REFERRER


@pytest.mark.parametrize(
    "text",
    [
        "I've added Postgres to the inventory.",
        "Restart Tomcat and I'll add him to the ticket.",
        "+1",
        "Passing this to QA tomorrow after the fix is merged and deployed.",
    ],
)
def test_adding_a_thing_is_no_pointer(text: str) -> None:
    assert message_role(text, is_reply=True) != Role.REFERRER


def _roles_in(path: Path) -> dict[str, Role]:
    from whoknows.ingest.mail import MboxConnector

    items = [r for r in MboxConnector().parse(path, IngestContext()) if isinstance(r, ItemRecord)]
    return {item.text: item.contributions[0].role for item in items}


@pytest.mark.parametrize(
    ("copied", "role"),
    [
        # a name a recipient bears is that colleague ("François gère le DNS.")
        ("François Perrin <francois@acme.fr>", Role.REFERRER),
        # a capitalised word no recipient bears may be a tool ("Keepalived gère la bascule.")
        ("", Role.REPLIER),
    ],
)
def test_a_recipients_name_in_a_mail_is_that_colleague(
    tmp_path: Path, copied: str, role: Role
) -> None:
    replies = [("Marc Petit <marc@acme.fr>", copied, "François gère le DNS.")]
    assert _roles_in(_mbox(tmp_path / "thread.mbox", replies))["François gère le DNS."] == role


def _mbox(path: Path, replies: list[tuple[str, str, str]]) -> Path:
    """A thread: Antoine asks the team about LDAP, then each reply (writer, Cc, text)."""
    box = mailbox.mbox(path)
    opening = ("Antoine Roux <antoine@acme.fr>", "", "La synchro LDAP échoue depuis ce matin.")
    for number, (writer, copied, text) in enumerate([opening, *replies], start=1):
        message = EmailMessage()
        message["From"], message["To"] = writer, "Antoine Roux <antoine@acme.fr>"
        if copied:
            message["Cc"] = copied
        message["Subject"] = ("Re: " if number > 1 else "") + "Synchro LDAP"
        message["Message-ID"] = f"<m{number}@acme.fr>"
        message["Date"] = f"Mon, {number:02d} Jun 2025 10:00:00 +0200"
        if number > 1:
            message["In-Reply-To"] = message["References"] = "<m1@acme.fr>"
        message.set_content(text)
        box.add(message)
    box.flush()
    return path


def _endorsed(path: Path) -> set[tuple[str | None, str]]:
    from whoknows.ingest.mail import MboxConnector

    items = [r for r in MboxConnector().parse(path, IngestContext()) if isinstance(r, ItemRecord)]
    return {
        (c.person.native_id, item.text)
        for item in items
        for c in item.contributions
        if c.role is Role.ENDORSED
    }


HUGO = "Hugo Lefèvre <hugo@acme.fr>"


def test_a_mail_endorses_the_recipient_it_names(tmp_path: Path) -> None:
    replies = [
        ("Marc Petit <marc@acme.fr>", HUGO, "Je mets Hugo en copie, il connaît LDAP par cœur."),
        ("Tom Baker <tom@acme.fr>", "priya.shah@acme.fr", "Adding Priya, she runs LDAP."),
        ("Léa Morel <lea@acme.fr>", HUGO, "Hugo Lefèvre est le référent LDAP, je le mets en cc."),
        ("Nina Roy <nina@acme.fr>", HUGO, "Je mets Hugo Lefèvre en copie, Hugo connaît sssd."),
    ]
    assert _endorsed(_mbox(tmp_path / "thread.mbox", replies)) == {
        ("hugo@acme.fr", "il connaît LDAP par cœur"),
        ("hugo@acme.fr", "Hugo Lefèvre est le référent LDAP"),
        ("priya.shah@acme.fr", "she runs LDAP"),
        ("hugo@acme.fr", "Hugo connaît sssd"),
    }


@pytest.mark.parametrize(
    ("copied", "text"),
    [
        # the greeting's name is the reader's; the one vouched for is no recipient
        (HUGO, "Bonjour Hugo, demande à Karim, il connaît LDAP."),
        ("", "Ask Hugo, he knows LDAP."),
        # which of two is not said
        (f"{HUGO}, Priya Shah <priya@acme.fr>", "Adding Hugo and Priya, they know LDAP."),
        # no reason given
        (HUGO, "Je mets Hugo en copie."),
    ],
)
def test_a_mail_endorses_nobody_it_does_not_name_alone(
    tmp_path: Path, copied: str, text: str
) -> None:
    replies = [("Marc Petit <marc@acme.fr>", copied, text)]
    assert _endorsed(_mbox(tmp_path / "thread.mbox", replies)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Je mets Hugo en copie, il connaît LDAP.",
        # the subject is the thread's (the question's words are its evidence)
        "Hugo (en copie) connaît bien le sujet.",
    ],
)
def test_the_colleague_a_mail_vouches_for_is_listed_not_its_writer(
    tmp_path: Path, text: str
) -> None:
    replies = [("Marc Petit <marc@acme.fr>", HUGO, text)]
    service = make_service(tmp_path / "workspace")
    service.ingest.ingest("mbox", _mbox(tmp_path / "thread.mbox", replies))
    answers = service.search.ask("LDAP", k=0)
    assert [(a.name, a.learner) for a in answers] == [
        ("Hugo Lefèvre", False),
        ("Antoine Roux", True),
    ]


@pytest.mark.parametrize(
    ("text", "about_the_thread"),
    [
        ("ask @Hugo, he knows this", True),
        ("@Hugo connaît bien le sujet", True),
        ("c'est @Hugo qui connaît ça", True),
        ("vois avec @Hugo, il a déjà réglé ça", True),
        # a duty, not knowledge: an assignment for the thread's ticket (a reviewer's newcomer,
        # assigned four Kafka incidents, was second for Kafka)
        ("c'est @Hugo qui gère ça", False),
        ("vois avec @Hugo, il s'en occupe", False),
        ("@Hugo knows it best", True),
        # a subject of its own: the thread's question is not what he is vouched for
        ("@Hugo knows Terraform", False),
        ("ask @Hugo, he wrote that Terraform module", False),
        ("ask @Hugo, he fixed it last week", True),
        ("@Hugo knows this one well", True),
    ],
)
def test_a_reason_without_a_subject_of_its_own_vouches_for_the_threads(
    text: str, about_the_thread: bool
) -> None:
    referral = replace(_reply(text, Role.REFERRER, "UHUGO"), context="Kafka consumer lag?")
    [_, endorsement] = endorsements(referral, _person("UASKER"))
    assert (endorsement.context == "Kafka consumer lag?") is about_the_thread


@pytest.mark.parametrize(
    ("name", "email", "names"),
    [
        ("Hugo Lefèvre", "hugo@acme.fr", ["Hugo Lefèvre", "Hugo"]),
        ("BENALI Karim", "kb@acme.fr", ["BENALI Karim", "Karim"]),  # (the surname first)
        ("Jean-Luc Picard", "jl@acme.fr", ["Jean-Luc Picard", "Jean-Luc"]),
        (None, "hugo.lefevre@acme.fr", ["Hugo"]),
        ("IT Support", "it@acme.fr", []),  # (no person's name)
        (None, "noreply@acme.fr", []),
    ],
)
def test_how_a_mail_may_name_a_recipient(name: str | None, email: str, names: list[str]) -> None:
    from whoknows.ingest._addressees import names_of

    assert names_of(PersonRef("mail", email, name=name, email=email)) == names


# a reviewer's attack on the mail endorsements: each of these was endorsed
@pytest.mark.parametrize(
    "text",
    [
        # blame
        "Adding @Hugo, he is responsible for the LDAP outage.",
        "Je mets @Hugo en copie, il est responsable de la panne LDAP.",
        "Je mets @Hugo en copie, c'est lui qui a fait la boulette sur LDAP.",
        "Adding @Hugo, he did the LDAP migration and it's been down since.",
        "@Hugo a configuré LDAP à l'arrache, demande-lui.",
        # hedges and irony
        "Je crois que @Hugo connaît LDAP, je le mets en copie.",
        "Il me semble que @Hugo gère LDAP, je le mets en copie.",
        "IIRC @Hugo runs the LDAP servers, cc'ing him.",
        "Je mets @Hugo en copie, il connaît LDAP, paraît-il.",
        "@Hugo gère LDAP, en théorie. Je le mets en copie.",
        "Adding @Hugo, he knows LDAP (allegedly).",
        "Ask @Hugo, he knows LDAP... not.",
        "Adding @Hugo, he knows LDAP. Kidding, he started yesterday.",
        # a duty by rota, by absence, to come
        "@Hugo handles it, he's on call this week.",
        "Je mets @Hugo en copie, il gère LDAP en intérim pendant mes congés.",
        "@Hugo s'en occupe dès qu'il rentre de congés.",
        # a person known
        "Je mets @Hugo en copie, il connaît @Antoine.",
        "Je mets @Hugo en copie, il connaît le client.",
    ],
)
def test_blame_hedges_jokes_and_duties_endorse_nobody(text: str) -> None:
    assert len(endorsements(_reply(text, Role.REFERRER, "UHUGO"), _person("UASKER"))) == 1


@pytest.mark.parametrize(
    "text",
    [
        # an answer that names the colleague in copy stays its writer's (a reviewer's answerer
        # fell from first to second for sssd, below someone with one answer)
        "Hugo a écrit la procédure : relancer sssd puis vider le cache.",
        "Hugo set up a workaround: restart sssd.",
        "Hugo knows about it, it's the expired cert.",
        "Restart sssd; cc Hugo who knows LDAP.",
        "Relance sssd. Sinon contacte Hugo, il connaît.",
    ],
)
def test_an_answer_naming_a_colleague_in_copy_is_its_writers(tmp_path: Path, text: str) -> None:
    roles = _roles_in(_mbox(tmp_path / "thread.mbox", [("Marc Petit <marc@acme.fr>", HUGO, text)]))
    assert roles[text] == Role.REPLIER


PRIYA = "Priya Shah <priya@acme.fr>"


@pytest.mark.parametrize(
    ("copied", "text", "endorsed"),
    [
        # the reader greeted, thanked or called is not the colleague vouched for
        (f"{HUGO}, {PRIYA}", "Dear Hugo, adding Priya, she runs LDAP.", "priya@acme.fr"),
        (
            f"{HUGO}, {PRIYA}",
            "Bonsoir Hugo, je mets Priya en copie, elle gère LDAP.",
            "priya@acme.fr",
        ),
        (
            f"{HUGO}, {PRIYA}",
            "Merci Hugo ! Je mets Priya en copie, elle gère LDAP.",
            "priya@acme.fr",
        ),
        (f"{HUGO}, {PRIYA}", "Hugo, vois avec Priya, elle gère LDAP.", "priya@acme.fr"),
        # a first name that is a word counts only whole
        (
            f"{PRIYA}, Will Turner <will@acme.fr>",
            "Adding Priya, she runs LDAP. Will update the wiki.",
            "priya@acme.fr",
        ),
        # display names as mail programs write them, a name written without its accent
        (
            '"Lefèvre, Hugo" <hugo@acme.fr>',
            "Je mets Hugo en copie, il connaît LDAP.",
            "hugo@acme.fr",
        ),
        ("LEFEVRE Hugo <hugo@acme.fr>", "Je mets Hugo en copie, il connaît LDAP.", "hugo@acme.fr"),
        (
            '"M. Hugo Lefèvre" <hugo@acme.fr>',
            "Je mets Hugo en copie, il connaît LDAP.",
            "hugo@acme.fr",
        ),
        (
            '"hugo lefevre" <hugo@acme.fr>',
            "Je mets Hugo en copie, il connaît LDAP.",
            "hugo@acme.fr",
        ),
        ("Aïcha Diallo <aicha@acme.fr>", "cc Aicha, she knows the IdP config.", "aicha@acme.fr"),
        (
            "jean-luc.picard@acme.fr",
            "Je mets Jean-Luc en copie, il connaît LDAP.",
            "jean-luc.picard@acme.fr",
        ),
    ],
)
def test_the_colleague_vouched_for_among_the_recipients(
    tmp_path: Path, copied: str, text: str, endorsed: str
) -> None:
    replies = [("Marc Petit <marc@acme.fr>", copied, text)]
    assert {who for who, _ in _endorsed(_mbox(tmp_path / "thread.mbox", replies))} == {endorsed}


@pytest.mark.parametrize("text", ["Hugo s'en charge.", "Hugo va s'en occuper.", "Hugo is on it."])
def test_a_colleague_taking_it_on_is_no_answer_of_the_writer(tmp_path: Path, text: str) -> None:
    roles = _roles_in(_mbox(tmp_path / "thread.mbox", [("Marc Petit <marc@acme.fr>", HUGO, text)]))
    assert roles[text] == Role.REFERRER


# the final review's: each was endorsed, or an endorsement lost, or an answer made a pointer
@pytest.mark.parametrize(
    ("text", "endorsed"),
    [
        ("Adding @Hugo, he is responsible for incident response on LDAP.", True),
        ("Je mets @Hugo en copie, il connaît LDAP. Je suis d'astreinte ce soir si besoin.", True),
        ("Je mets @Hugo en copie, il connaît LDAP. En principe le cache se vide tout seul.", True),
        ("Adding @Hugo, he knows LDAP. I am on call tonight if needed.", True),
        # the pronoun stands for the colleague pointed to before it, no one named after
        ("Vois avec Karim, il gère le DNS. @Hugo, pour info.", False),
    ],
)
def test_what_is_said_beside_an_endorsement(text: str, endorsed: bool) -> None:
    found = endorsements(_reply(text, Role.REFERRER, "UHUGO"), _person("UASKER"))
    assert (len(found) == 2) is endorsed


def test_a_first_name_before_another_surname_names_no_recipient(tmp_path: Path) -> None:
    replies = [("Marc Petit <marc@acme.fr>", HUGO, "Hugo Martin gère le DNS, je le mets en copie.")]
    assert _endorsed(_mbox(tmp_path / "thread.mbox", replies)) == set()


@pytest.mark.parametrize(
    ("name", "email", "names"),
    [
        ("HUGO LEFEVRE", "h@acme.fr", ["Hugo Lefevre", "Hugo"]),
        ("Hugo Lefèvre (DSI)", "h@acme.fr", ["Hugo Lefèvre", "Hugo"]),
        (None, "support.it@acme.fr", []),
        (None, "admin.sys@acme.fr", []),
    ],
)
def test_a_recipient_named_as_a_person_only(name: str | None, email: str, names: list[str]) -> None:
    from whoknows.ingest._addressees import names_of

    assert names_of(PersonRef("mail", email, name=name, email=email)) == names


def test_the_writers_own_fix_beside_a_colleague_is_theirs() -> None:
    text = "@Priya sent the two missing intermediate certs, I added them to the truststore."
    assert message_role(text, is_reply=True) == Role.REPLIER
