"""A colleague's word is evidence for the colleague it names: a referral that says why them
("ask @Hugo, he knows LDAP", "@Priya tu peux aider Antoine ? Elle connaît Wwise par cœur.")
endorses the one person it mentions. A game studio's evaluator found nobody listed for "Wwise
soundbanks" where the router's three such messages were the only ones to name Wwise, the
expert's answers saying "regenerate the banks"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import make_service
from whoknows.ingest import IngestContext
from whoknows.ingest._endorsements import endorse, vouches
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
        "@Grace is our Postgres person",
        "@Hannah used to own this before she left",
        "try @Hugo, he did the LDAP migration",
        "@Priya, you did the last two upgrades.",
    ],
)
def test_a_referral_that_says_why_them_vouches(text: str) -> None:
    assert vouches(text)


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
    ],
)
def test_a_referral_without_a_reason_or_with_one_denied_vouches_for_nobody(text: str) -> None:
    assert not vouches(text)


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


def test_the_one_colleague_vouched_for_is_endorsed_not_the_asker() -> None:
    text = "@Priya tu peux aider @Antoine ? Elle connaît Wwise par cœur."
    item = endorse(_reply(text, Role.REFERRER, "UPRIYA", "UANTOINE"), _person("UANTOINE"))
    assert _roles(item) == {"UGEN": Role.REFERRER, "UPRIYA": Role.ENDORSED, "UANTOINE": "mentioned"}


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
    item = endorse(_reply(text, writer, *mentioned), _person("UASKER"))
    assert Role.ENDORSED not in _roles(item).values()


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
    [referral] = [i for i in items if isinstance(i, ItemRecord) and i.native_id == "502"]
    roles = {c.person.handle: c.role for c in referral.contributions}
    assert roles == {"gen": Role.REFERRER, "priya": Role.ENDORSED, "antoine": Role.MENTIONED}
