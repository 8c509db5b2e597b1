"""A question's words that no evidence mentions are said, on every surface that answers it.

An evaluator asked the demo "spark config change" (nobody there writes about Spark) and got
five people for "config" and "change", the first a security officer's Vault commits, with
nothing to say that Spark itself was nowhere in the evidence."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
from click.testing import CliRunner

from chat_fixtures import open_chat
from test_web import client
from whoknows.cli.main import cli
from whoknows.i18n import translator
from whoknows.index.analysis import tokenize
from whoknows.index.bridge import _COMPOUND, UnheldWords, caveat, unheld_words
from whoknows.rank import get_ranker
from whoknows.rank.features import FEATURES
from whoknows.services.asked import as_asked


def test_a_word_is_held_only_when_every_term_it_makes_is() -> None:
    held = set(tokenize("kafka consumer lag max poll records config change"))
    assert unheld_words("Spark config change?", held.__contains__) == UnheldWords(["Spark"])
    # an identifier is one word: the evidence says max.poll.records, never its interval
    found = unheld_words("kafka max.poll.interval.ms (consumer)", held.__contains__)
    assert found.words == ["max.poll.interval.ms"]
    # stopwords and short numbers are never named; each word once, as first written
    assert unheld_words("the Spark and 12 spark of the lag", held.__contains__).words == ["Spark"]
    assert unheld_words("kafka consumer lag", held.__contains__) == UnheldWords()
    assert unheld_words("databricks spark", held.__contains__) == UnheldWords(
        ["databricks", "spark"], none_held=True
    )
    # the language is the question's: "comment" asks in French, and is a word in English
    assert unheld_words("comment configurer kafka", {"kafka", "configur"}.__contains__).words == []
    assert unheld_words("kafka comment", {"kafka"}.__contains__).words == ["comment"]
    # a question's frame is no word of it ("who can help me with payroll" lacked "aider"
    # where "help" was bridged: a third attacker's)
    assert unheld_words("who can help me with kafka", {"kafka"}.__contains__).words == []
    assert unheld_words("qui s'occupe de kafka ?", {"kafka"}.__contains__).words == []
    # words apart only by a comma are two; a script the index reads no word of is named; a
    # pasted blob is named by its beginning
    assert unheld_words("kafka,zzqx;lag", held.__contains__).words == ["zzqx"]
    assert unheld_words("kafka Кафка 日本語", held.__contains__).words == ["Кафка", "日本語"]
    assert unheld_words("Кафка лаг", held.__contains__) == UnheldWords(["Кафка", "лаг"], True)
    assert unheld_words("kafka " + "x" * 100_000, held.__contains__).words == ["x" * 39 + "…"]
    # a word a term of which was bridged is searched: "postgres-ql" said "also searched:
    # postgresql for postgres" and "no evidence mentions postgres-ql"
    bridged = frozenset({"postgr"})
    holds = {"backup", "postgr"}.__contains__
    assert unheld_words("postgres-ql backup zzqx", holds, bridged).words == ["zzqx"]
    # and its parts no item holds are named ("postgres-zzqx" was silent)
    assert unheld_words("postgres-zzqx backup", holds, bridged).words == ["zzqx"]
    assert unheld_words("postgres-backup", holds, bridged).words == []
    # a Chinese phrase is one unspaced word: named only when none of its pairs is held
    held_pairs = set(tokenize("数据库备份策略")).__contains__
    assert unheld_words("我们的数据库怎么备份", held_pairs).words == []
    assert unheld_words("kafka 机器学习", held_pairs).words == ["kafka", "机器学习"]
    # a word only part of which is held, and nothing else: "the question's other words" was
    # said of "porte-monnaie" alone, whose "porte" matched items on ports
    port = {"port", "kafka"}.__contains__
    assert unheld_words("porte-monnaie", port) == UnheldWords(["porte-monnaie"], partly=True)
    assert unheld_words("kafka porte-monnaie", port) == UnheldWords(["porte-monnaie"])
    said = caveat(unheld_words("porte-monnaie", port), translator("en"))
    assert said is not None and "only part of it" in said


def test_ask_says_which_words_no_evidence_mentions(demo) -> None:
    answers = demo.search.ask("spark config change", k=5)
    assert answers  # the other words still find people
    assert demo.search.unheld_words("spark config change") == UnheldWords(["spark"])
    assert demo.search.unheld_words("kafka consumer lag") == UnheldWords()


def test_a_word_only_a_hidden_person_wrote_is_one_no_evidence_mentions(demo) -> None:
    """Saying "no evidence mentions X" for a hidden person's word is what opting out
    promises; saying nothing would tell that someone hidden wrote it."""
    assert demo.search.unheld_words("grafana dashboard").words == []
    _hide_writers_of(demo, "grafana")
    assert demo.search.unheld_words("grafana dashboard").words == ["grafana"]
    # a hidden person's name is named as any name no item holds (an attacker compared
    # "Sam Okafor kafka", silent, with "Sam Okafar kafka", named, to learn who opted out)
    someone = demo.people.resolve("Sam Okafor")
    demo.privacy.opt_out(str(someone), inference=True, visibility=True)
    assert demo.search.unheld_words("Okafor kafka").words == ["Okafor"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "no evidence mentions terraform: the people below match the question's other"),
        ("fr", "aucune preuve ne mentionne terraform : les personnes ci-dessous correspondent"),
    ],
)
def test_the_cli_says_it_in_the_users_language(demo_workspace, lang, said) -> None:
    runner = CliRunner()
    args = ["--workspace", str(demo_workspace), "--lang", lang, "ask", "--k", "2"]
    shown = runner.invoke(cli, [*args, "terraform state lock"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines()[0].startswith(said)
    as_json = runner.invoke(cli, [*args, "--json", "terraform state lock"])
    assert json.loads(as_json.output)["not_found"] == {
        "words": ["terraform"],
        "none_held": False,
        "partly": False,
    }
    plain = runner.invoke(cli, [*args, "kafka consumer lag"])
    assert "terraform" not in plain.output and "mentions" not in plain.output


def test_the_web_page_and_the_api_say_it(web) -> None:
    _, app = web
    browser = client(app, "consultant")
    page = browser.get("/", params={"q": "terraform <b>state</b> lock"})
    assert page.status_code == 200
    assert "No evidence mentions terraform: the people below match" in page.text
    assert "<b>state" not in page.text  # the question's words are escaped
    api = browser.get("/api/ask", params={"q": "terraform state lock"}).json()
    assert api["not_found"] == {"words": ["terraform"], "none_held": False, "partly": False}
    assert api["people"]
    assert browser.get("/api/ask", params={"q": "kafka lag"}).json()["not_found"]["words"] == []


def test_chat_answers_say_it(demo_workspace, tmp_path) -> None:
    chat = open_chat(demo_workspace, tmp_path)
    try:
        reply = chat.slack("terraform <!channel> state lock").json()
        contexts = [
            element["text"]
            for block in reply["blocks"]
            if block["type"] == "context"
            for element in block["elements"]
        ]
        assert any(text.startswith("No evidence mentions terraform") for text in contexts)
        assert not any("<!channel>" in text for text in contexts)
        plain = chat.slack("kafka consumer lag").json()
        assert "No evidence mentions" not in json.dumps(plain)
        teams = chat.teams("terraform state lock").json()
        assert "\nNo evidence mentions terraform" in teams["text"]
        card = teams["attachments"][0]["content"]["body"]
        assert card[1]["text"].startswith("No evidence mentions terraform") and card[1]["isSubtle"]
    finally:
        chat.services.close()


def _hide_writers_of(services, stem: str) -> None:
    evidence = services.workspace.evidence()
    items = evidence.holding_items(stem, most=10_000)
    writers = {int(p) for item in items for p in evidence.at(evidence.row(item))[0]}
    assert writers
    for person_id in writers:
        services.privacy.opt_out(str(person_id), inference=True, visibility=False)


def _scores(services, text: str, ranker: str) -> dict[int, float]:
    return {s.person_id: round(s.score, 9) for s in services.search.rank(text, 0, ranker=ranker)}


@pytest.mark.parametrize("ranker", ["lexical", "hybrid-prior"])
def test_a_word_only_a_hidden_person_wrote_moves_no_lexical_score(demo, ranker) -> None:
    _hide_writers_of(demo, "grafana")
    for known in ("dashboard", "kafka lag", "alerting"):
        assert _scores(demo, f"grafana {known}", ranker) == _scores(demo, f"zzqxw {known}", ranker)


@pytest.mark.full
def test_a_word_only_a_hidden_person_wrote_moves_no_visible_score(full_demo) -> None:
    """An attacker compared "grafana kafka lag" with "zzqxw kafka lag": other scores told that
    someone hidden wrote about Grafana (the word reached the lexical index, the dense view's
    gate and the bridge). A hidden person's word is asked as a word no item holds: every
    feature but the query's meaning (two words mean two things) is the same."""
    _hide_writers_of(full_demo, "grafana")
    evidence, visible = full_demo.workspace.evidence(), full_demo.workspace.visible_people()
    builder = get_ranker("learned", full_demo.workspace.settings).builder(evidence)
    words = [at for at, name in enumerate(FEATURES) if not name.startswith("dense_")]
    for known in ("dashboard", "kafka lag", "backup restore"):
        hidden = builder.build(f"grafana {known}", among=visible)
        unknown = builder.build(f"zzqxw {known}", among=visible)
        common = sorted(set(hidden.people) & set(unknown.people))
        assert common, known
        rows = [hidden.people.index(p) for p in common], [unknown.people.index(p) for p in common]
        assert np.array_equal(
            hidden.features[np.ix_(rows[0], words)], unknown.features[np.ix_(rows[1], words)]
        ), known
    search = full_demo.search
    # "sauvegarde kafka" is bridged (one unknown word in two), and the hidden writers' word
    # is bridged beside as any word no item holds is ("sauvegarde zzqxw": the name left as
    # written, "sauvegarde" translated)
    assert search.bridges("sauvegarde kafka")
    assert search.bridges("sauvegarde grafana") == search.bridges("sauvegarde zzqxw") != []
    missing = search.score("Sam Okafor", "grafana kafka lag").missing
    assert "grafana" not in missing


def test_a_words_items_read_at_once_are_those_read_one_by_one(demo, monkeypatch) -> None:
    _hide_writers_of(demo, "grafana")
    evidence, visible = demo.workspace.evidence(), demo.workspace.visible_people()
    stems = sorted(evidence.lexical.vocabulary)
    for among in (visible, None):
        monkeypatch.setattr("whoknows.rank.holding.FIRST_ROWS_READ", 10**9)
        one_by_one = [evidence.holding_items(stem, among, most=3) for stem in stems]
        monkeypatch.setattr("whoknows.rank.holding.FIRST_ROWS_READ", 0)
        at_once = [evidence.holding_items(stem, among, most=3) for stem in stems]
        assert at_once == one_by_one
    assert evidence.holding_items("grafana", visible) == []


def test_a_hidden_writers_words_stay_unknown_when_sent_to_someone_visible(demo) -> None:
    """Sam Okafor's mail to Zoë and his Slack reply that mentions her hold words nobody else
    wrote ("fps", "vision"): a recipient or a person mentioned neither wrote an item nor is
    listed for it, so these words were "held" and the notice, `score` and the bridge told
    them apart from unknown words once Sam opted out."""
    evidence = demo.workspace.evidence()
    assert evidence.holding_items("fps") and evidence.holding_items("vision")
    someone = demo.people.resolve("Sam Okafor")
    demo.privacy.opt_out(str(someone), inference=True, visibility=False)
    found = demo.search.unheld_words("fps vision kafka")
    assert found.words == ["fps", "vision"]
    visible = demo.workspace.visible_people()
    assert demo.workspace.evidence().unheld_terms("fps vision kafka", visible) == {"fps", "vision"}


@pytest.mark.full
def test_a_hidden_persons_name_is_asked_as_any_unknown_name(full_demo) -> None:
    """The question used to be asked with a hidden person's name taken out: "Sam sauvegarde"
    was bridged (one unknown word of one) where "Qzxv sauvegarde" was not, and "Sam kafka"
    answered exactly as "kafka" where any other name moved the scores: who had opted out
    could be told. The indexes mask the mentions of hidden people; the question is asked as
    written."""
    someone = full_demo.people.resolve("Sam Okafor")
    full_demo.privacy.opt_out(str(someone), inference=True, visibility=False)
    search = full_demo.search
    assert as_asked(full_demo.workspace, "Sam Okafor kafka") == "Sam Okafor kafka"
    assert search.bridges("Sam sauvegarde") == search.bridges("Qzxv sauvegarde")
    assert search.unheld_words("Sam sauvegarde").words == ["Sam"]  # ("sauvegarde": backup)
    assert search.unheld_words("Qzxv sauvegarde").words == ["Qzxv"]
    named = "Sam Okafor kafka consumer lag"
    unknown = _scores(full_demo, "Qzxv Wvlk kafka consumer lag", "lexical")
    assert _scores(full_demo, named, "lexical") == unknown
    # the meaning of the words as written, as for any name: not as if none were written
    assert _scores(full_demo, named, "learned") != _scores(
        full_demo, "kafka consumer lag", "learned"
    )


def test_a_topic_only_hidden_people_wrote_about_is_a_topic_nobody_wrote_about(demo) -> None:
    """`topic testflight` answered "1 item, held by 0 people" once its writer opted out,
    where an unknown word answered "nobody", on the CLI, the topic page, the API and the
    aggregate-only mode: who was hidden, and how much they wrote, could be told."""
    insights = demo.insights
    assert insights.topic_map("testflight").items > 0
    _hide_writers_of(demo, "testflight")
    for text in ("testflight", "zzqxflight"):
        assert insights.topic_map(text).items == 0
        assert insights.topic_aggregate(text).items == 0
    kafka = insights.topic_map("kafka")
    assert kafka.items > 0 and kafka.holders


def test_a_compound_is_found_once_in_a_long_word() -> None:
    """A question of one 100,000-letter word took six minutes in the bridge: its compound
    pattern began at every letter and read to the word's end."""
    started = time.perf_counter()
    assert not _COMPOUND.findall("a" * 100_000)
    assert _COMPOUND.findall("x" * 50_000 + " pare-feu arc-en-ciel") == ["pare-feu", "arc-en-ciel"]
    assert time.perf_counter() - started < 2.0


def test_a_question_only_a_hidden_item_holds_whole_is_asked_of_the_visible_ones(demo) -> None:
    """`topic "customer charged twice"` answered "0 items" once Sam Okafor opted out, where
    "customer charged zzqxw" found Ben Walsh's item: only Sam's question held all three words,
    so the topic did not fall back to the items holding most of them. And a skill only he
    declared ("ios") stayed a topic of other people's profiles."""
    insights = demo.insights
    someone = demo.people.resolve("Sam Okafor")
    demo.privacy.opt_out(str(someone), inference=True, visibility=False)
    for words in (("customer charged twice", "customer charged zzqxw"),):
        hidden, unknown = (insights.topic_map(text) for text in words)
        assert hidden.items == unknown.items > 0
        assert [h.person_id for h in hidden.holders] == [h.person_id for h in unknown.holders]
    space = demo.workspace.topic_space()
    assert ("io",) not in space.vocabulary and ("ios",) not in space.vocabulary


def test_a_word_is_named_without_the_marks_around_it() -> None:
    """A fresh evaluator's Spanish question: "no evidence mentions ¿Cómo and anulo"."""
    held = {"sap", "factura"}.__contains__
    assert unheld_words("¿Cómo anulo una factura en SAP?", held).words[:2] == ["Cómo", "anulo"]
    assert unheld_words("„Datenbank“ «sichern»", held).words == ["Datenbank", "sichern"]
