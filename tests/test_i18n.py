"""French and English: complete catalogues, the web in the browser's language, the CLI in
WHOKNOWS_LANG, and words that read well in both (plurals, no "0.0x", topics as people name
them, strongest topics first)."""

from __future__ import annotations

import re
import sqlite3

import jinja2
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from test_web import client, csrf
from whoknows.cli.main import cli
from whoknows.errors import NotFoundError, UsageError
from whoknows.i18n import N_, Term, install_jinja, translator
from whoknows.i18n.catalogues import problems
from whoknows.insights.recognition import HiddenExpert
from whoknows.insights.topicmap import gap_reason
from whoknows.insights.vocabulary import title_phrases
from whoknows.report import words
from whoknows.services.engagement_overview import topic_names

FRENCH = {"accept-language": "fr-FR,fr;q=0.9,en;q=0.8"}


def test_catalogues_are_complete() -> None:
    """Every message of the report, the deck, the web pages, the CLI and the errors has its
    French translation, and the compiled catalogues are up to date."""
    assert problems() == [], "run: python -m whoknows.i18n.catalogues, then translate"


def test_web_pages_follow_the_browser_language(web) -> None:
    _, app = web
    browser = TestClient(app, base_url="https://testserver")
    page = browser.get("/login", headers=FRENCH)
    assert '<html lang="fr">' in page.text and "Mot de passe" in page.text
    english = browser.get("/login")
    assert '<html lang="en">' in english.text and "Username" in english.text
    assert "Connexion" not in english.text


def test_french_pages_errors_and_notices(web) -> None:
    _, app = web
    browser = client(app, "admin")
    topic = browser.get("/topics?q=kubernetes", headers=FRENCH).text
    assert "Experts méconnus" in topic and "Détenteurs" in topic
    assert "Under-recognised" not in topic and "Holders" not in topic
    missing = browser.get("/people/999999", headers=FRENCH)
    assert missing.status_code == 404 and "Introuvable" in missing.text
    # a page's reader may have no shell: no hint naming a command
    assert "cherchez la personne par son nom" in missing.text and "`whoknows" not in missing.text
    english = browser.get("/people/999999").text
    assert "look the person up by name" in english and "whoknows people list" not in english
    assert "whoknows people list" in browser.get("/api/people/999999").json()["detail"]
    # a number out of its range, said in the reader's language (Pydantic's English before)
    zero = browser.get("/people/0", headers=FRENCH)
    assert zero.status_code == 422 and "person_id doit valoir 1 au moins" in zero.text
    assert "Input should be" not in zero.text
    notice = browser.get("/admin?notice=saved", headers=FRENCH).text
    assert "Enregistré." in notice
    english = browser.get("/topics?q=kubernetes").text
    assert "Under-recognised experts" in english and "Hidden experts" not in english
    # a holder's state agrees with anyone: "actif" said of Inès Moreau was a man's word
    assert "en activité" in topic and ">actif<" not in topic and ">active<" in english


def test_lang_query_is_remembered_and_forms_errors_are_translated(web) -> None:
    _, app = web
    browser = client(app, "admin")
    first = browser.get("/account?lang=fr")
    assert "Mon compte" in first.text and browser.cookies.get("whoknows_lang") == "fr"
    assert "Mon compte" in browser.get("/account").text, "the cookie keeps the language"
    answer = browser.post(
        "/account/password",
        data={"csrf": csrf(first.text), "current": "wrong", "password": "whatever-long"},
    )
    assert answer.status_code == 400 and "le mot de passe actuel est incorrect" in answer.text
    viewer = client(app, "viewer")
    refused = viewer.get("/claims?lang=fr")
    assert refused.status_code == 403 and "votre rôle (lecteur)" in refused.text


def run(workspace: object, *args: str, lang: str = "fr") -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli,
        ["--quiet", "--workspace", str(workspace), *args],
        env={"WHOKNOWS_LANG": lang},
        catch_exceptions=False,
    )
    return result.exit_code, result.stdout, result.stderr


def test_cli_speaks_whoknows_lang(demo) -> None:
    workspace = demo.settings.workspace
    code, out, _ = run(workspace, "person", "Inès Moreau")
    assert code == 0 and "sujets, les plus forts d'abord" in out
    code, _, err = run(workspace, "person", "Nobody Atall")
    assert code == 1 and err.startswith("erreur : aucune personne 'Nobody Atall'")
    code, out, _ = run(workspace, "person", "Inès Moreau", lang="en")
    assert "topics, strongest first" in out
    code, out, _ = run(workspace, "person", "Inès Moreau", "--json")
    assert out.lstrip().startswith("{") and "sujets" not in out, "JSON stays as it is"
    code, out, _ = run(workspace, "topic", "kubernetes")
    assert "(en activité)" in out and "(actif)" not in out
    code, out, _ = run(workspace, "under-recognised", "kubernetes", lang="en")
    alias = run(workspace, "hidden", "kubernetes", lang="en")
    assert code == 0 and alias[1] == out


def test_domain_errors_in_the_readers_language() -> None:
    error = UsageError(N_("the %(what)s is empty"), N_("type a %(what)s"), what=Term("comment"))
    assert error.one_line() == "the comment is empty; type a comment"
    said = error.one_line(translator("fr"))
    assert said == "le champ « commentaire » est vide ; remplissez le champ « commentaire »"
    plain = NotFoundError("no person 'x'")
    assert plain.one_line(translator("fr")) == "no person 'x'", "unmarked messages stay"


def test_plurals_and_progress_read_well() -> None:
    en, fr = translator("en"), translator("fr")
    assert words.people(en, 1) == "1 person" and words.people(en, 2) == "2 people"
    assert words.people(fr, 1) == "1 personne"
    assert words.measured(en, "items", 2.0, 3.0) == "2 of 3"
    assert gap_reason(1, 1, 0.2) == "1 thread in a year, 1 active internal holder"
    assert "2 threads" in gap_reason(2, 0, 0.7) and "0 active internal holders" in gap_reason(
        2, 0, 0.7
    )


def test_french_elides_de_and_que_before_a_vowel() -> None:
    """A fresh evaluator's "avec l'aide de Aiko Tanaka": "de" before a vowel is "d'"."""
    fr, en = translator("fr"), translator("en")
    erase = "Erase every trace of %(person)s? This cannot be undone"
    assert fr.gettext(erase) % {"person": "Aiko Tanaka"} == (
        "Effacer toute trace d’Aiko Tanaka ? C'est irréversible"
    )
    assert (
        fr.gettext(erase) % {"person": "Émile"}
        == "Effacer toute trace d’Émile ? C'est irréversible"
    )
    assert (
        fr.gettext(erase) % {"person": "Yves"} == "Effacer toute trace d’Yves ? C'est irréversible"
    )
    # (an "h" is left alone; a "y" before a vowel is a consonant)
    for person in ("Tomás Ferreira", "Hugo Bernard", "4", "Yasmine Ouali"):
        assert fr.gettext(erase) % {"person": person} == (
            f"Effacer toute trace de {person} ? C'est irréversible"
        )
    assert en.gettext(erase) % {"person": "Aiko"} == (
        "Erase every trace of Aiko? This cannot be undone"
    )
    assert fr.gettext(erase) == "Effacer toute trace de %(person)s ? C'est irréversible"
    # and in the web pages, whose templates format their messages (escaped) themselves
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    install_jinja(environment, fr)
    page = environment.from_string('{{ _("Yes, erase every trace of %(name)s", name=who) }}')
    assert page.render(who="Inès <Moreau>") == "Oui, effacer toute trace d’Inès &lt;Moreau&gt;"
    assert page.render(who="Raj") == "Oui, effacer toute trace de Raj"


@pytest.mark.parametrize(
    ("lift", "words_expected"),
    [
        (0.0, "no peer in their department holds it"),
        (0.4, "less than the average department"),
        (1.0, "about as much as the average department"),
        (3.0, "3 times as much as the average"),
    ],
)
def test_why_of_an_under_recognised_expert_is_in_words(lift: float, words_expected: str) -> None:
    expert = HiddenExpert(1, 0.8, 4.2, 1, 0.25, 0.0, lift, None, 0.0, 0.8, None, [])
    why = expert.why("Ana", "Accountant", "Finance")
    assert words_expected in why and "x their average" not in why and "0.0x" not in why
    assert "1 item," in why and "1 items" not in why
    french = HiddenExpert(1, 0.8, 4.2, 3, 0.25, 0.0, 0.0, None, 0.0, 0.8, None, []).why(
        "Ana", None, None, translator("fr")
    )
    assert "ne le détient" in french
    # French typography: a space before the colon and the semicolons (a fresh evaluator's)
    assert (
        french.startswith("Ana : 3 éléments")
        and " ; " in french
        and "; " not in french.replace(" ; ", "")
    )


def test_title_phrases_are_named_as_people_name_them() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE items(title TEXT, parent_uid TEXT)")
    conn.execute("CREATE TABLE persons(id INTEGER, display_name TEXT, is_bot INTEGER)")
    conn.execute("CREATE TABLE aliases(person_id INTEGER, kind TEXT, key TEXT)")
    conn.execute("INSERT INTO persons VALUES (1, 'Sam Jenkins', 0)")
    titles = [
        "Exactly-once delivery between Kafka and PostgreSQL",
        "Exactly once delivery with Kafka Connect",
        "Why is exactly-once delivery so hard?",
        "Kafka Connect sink keeps failing",
        "Restarting Kafka Connect workers",
        "kafka connect and schemas",
        "Spring Boot upgrade plan",
        "Spring Boot actuator endpoints",
        "Spring Boot 3 migration",
        "Sam Jenkins onboarding",
        "Welcome Sam Jenkins",
        "Sam Jenkins starts Monday",
    ]
    conn.executemany("INSERT INTO items VALUES (?, NULL)", [(t,) for t in titles])
    phrases = title_phrases(conn)
    assert "Kafka Connect" in phrases, "the form written most often, capitals kept"
    assert not any("exactly" in p.lower() for p in phrases)
    assert "Spring Boot" in phrases, "a name that opens a title keeps its capitals"
    assert not any("jenkins" in p.lower() for p in phrases), "a person's name is no subject"


def test_a_rare_title_word_is_a_topic_and_how_mail_was_sent_is_none() -> None:
    """A mail team with no tags had one topic; a reviewer's titles then made "fwd", "OPS",
    "v10", "WIP", "chore" and a colleague's handle topics."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE items(title TEXT, parent_uid TEXT)")
    conn.execute("CREATE TABLE persons(id INTEGER, display_name TEXT, is_bot INTEGER)")
    conn.execute("CREATE TABLE aliases(person_id INTEGER, kind TEXT, key TEXT)")
    conn.execute("INSERT INTO persons VALUES (1, 'Jane Doe', 0)")
    conn.execute("INSERT INTO aliases VALUES (1, 'handle', 'jdoe')")
    titles = [
        *("Fwd: budget 2025", "Fwd: offsite", "Fwd: parking lot"),
        *("[JIRA] (OPS-101) Disk full", "[JIRA] (OPS-102) Kafka lag", "[JIRA] (OPS-103) cert"),
        *("chore(deps): bump lodash", "chore(deps): bump react", "WIP: tests", "WIP: y"),
        *("WIP: z", "Release v10 notes", "v10 again", "v10 third", "@jdoe vacation"),
        *("@jdoe back", "@jdoe out", "Question ansible", "Playbook Ansible lent"),
        "Ansible : handlers et idempotence",
        *("Antw: planning", "Antw: offerte", "Antw: vergadering"),  # (Dutch replies: an attacker's)
    ]
    conn.executemany("INSERT INTO items VALUES (?, NULL)", [(t,) for t in titles])
    phrases = title_phrases(conn)
    assert "Ansible" in phrases
    assert not {"fwd", "OPS", "v10", "WIP", "chore", "deps", "jdoe", "JIRA", "antw", "Antw"} & set(
        phrases
    )


def test_person_topics_strongest_first(demo) -> None:
    strengths = [t.strength for t in demo.insights.profile("Inès Moreau").topics]
    assert strengths == sorted(strengths, reverse=True) and len(strengths) > 2


def test_topic_names_read_alike() -> None:
    """A topic people write in capitals keeps its spelling; one written only in lowercase (a
    common noun) or never in a title is capitalised as a label, like the others."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE items(title TEXT)")
    titles = ["EDI feed late", "edi mapping", "Kafka lag", "kafka lag again", "iOS crash"]
    titles += ["observability budget", "more observability"]
    conn.executemany("INSERT INTO items VALUES (?)", [(t,) for t in titles])
    conn.execute("CREATE TABLE engagement_topics(engagement_id, topic, written)")
    names = topic_names(conn, ["edi", "kafka", "ios", "observability", "grafana", "iam"])
    assert names == {
        "edi": "EDI",
        "kafka": "Kafka",
        "ios": "iOS",
        "observability": "Observability",
        "grafana": "Grafana",
        "iam": "Iam",
    }
    # the consultant's capitals win (an acronym no title writes: "Iam" above); a first
    # capital alone is a sentence's, and the titles' spelling stays
    conn.executemany(
        "INSERT INTO engagement_topics VALUES (?, ?, ?)",
        [(1, "iam", "IAM"), (1, "kafka", "kafka"), (2, "edi", "Edi")],
    )
    names = topic_names(conn, ["edi", "kafka", "iam"])
    assert names == {"edi": "EDI", "kafka": "Kafka", "iam": "IAM"}


def test_engagement_page_names_every_topic_alike(web) -> None:
    from whoknows.demo import set_up_engagement

    service, app = web
    set_up_engagement(service)
    page = client(app, "consultant").get("/engagements/1").text
    topics = re.findall(r'<a href="/topics\?q=[^"]*">([^<]+)</a>', page)
    assert sorted(topics) == ["EDI", "Kafka", "Kubernetes", "Observability"]
    plans = re.findall(r'<h3 class="tight">[^:<]+: ([^<]+)</h3>', page)
    assert plans and all(p[0].isupper() for p in plans), plans
    # French typography: a space before the colon, in the plans and their milestones
    french = client(app, "consultant").get("/engagements/1?lang=fr").text
    plans = re.findall(r'<h3 class="tight">[^:<]+ : ([^<]+)</h3>', french)
    assert plans and all(p[0].isupper() for p in plans), plans
    assert re.search(r"<li>[^<]+, échéance le [^<]+ : [^<]+ <strong>", french)


def test_jobs_page_and_audit_log_in_french(web) -> None:
    _, app = web
    browser = client(app, "admin")
    jobs = browser.get("/jobs", headers=FRENCH).text
    assert "Réindexer" in jobs and "Tâche" in jobs
    assert "Rebuild every index" not in jobs and "Asked" not in jobs
    assert "Reindex" in browser.get("/jobs").text
    admin = browser.get("/admin", headers=FRENCH).text
    assert "connexion" in admin and ">login<" not in admin


def test_title_phrases_of_french_compounds() -> None:
    """A fresh evaluator's three "Compte rendu réunion …" titles stopped ingest and every
    later question: the title reads "compterendu", its pair "rendu réunion" reads "rendu"."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE items(title TEXT, parent_uid TEXT)")
    conn.execute("CREATE TABLE persons(id INTEGER, display_name TEXT, is_bot INTEGER)")
    conn.execute("CREATE TABLE aliases(person_id INTEGER, kind TEXT, key TEXT)")
    titles = [f"Compte rendu réunion automatisme n°{n}" for n in (1, 2, 3)]
    conn.executemany("INSERT INTO items VALUES (?, NULL)", [(t,) for t in titles])
    assert "réunion automatisme" in title_phrases(conn)
