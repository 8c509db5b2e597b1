"""Snippets around the query's terms, in text with accents, ligatures and ellipses."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whoknows.index.analysis import snippet_terms, surface_terms, tokenize
from whoknows.text import fold_with_positions, fold_words, snippet


def test_a_fold_says_where_each_of_its_characters_comes_from() -> None:
    text = "Élodie… ﬁn Straße"
    folded, origin = fold_with_positions(text)
    assert folded == "elodie... fin strasse"
    assert origin is not None and len(origin) == len(folded)
    assert text[origin[folded.index("fin")]] == "ﬁ"
    assert text[origin[folded.index("strasse") + 5]] == "ß"
    assert fold_with_positions("Plain ASCII") == ("plain ascii", None)
    assert fold_with_positions("Déjà Vu 🚀 “Œ”") == (
        "deja vu 🚀 “oe”",
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12],
    )


@given(st.text(max_size=60))
def test_a_fold_is_each_characters_fold_and_positions_follow_it(text: str) -> None:
    """The one-to-one shortcut (most accented text) and the general path agree with folding
    character by character."""
    folded, origin = fold_with_positions(text)
    pieces = [fold_words(char.lower()) for char in text]
    assert folded == "".join(pieces)
    expected = [at for at, piece in enumerate(pieces) for _ in piece]
    assert (origin if origin is not None else list(range(len(folded)))) == expected


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("Straße", "Die Straße ist morgen gesperrt."),
        ("encyclopædia", "The Encyclopædia article."),
        ("déploiement", unicodedata.normalize("NFD", "Le déploiement est prêt.")),
        ("ﬁnance", "The ﬁnance report is due."),
        ("Færøerne", "I Færøerne er vejret godt."),
        ("kubernetes", "Le déploiement Kubernetes à Lyon est prêt."),
    ],
)
def test_the_snippet_is_where_the_terms_are(query: str, sentence: str) -> None:
    """Terms are folded as the index folds them (ß as ss, æ as ae, ligatures and combining
    accents), and an ellipsis before them (three characters once folded) does not move the
    window off them."""
    text = "Réunion… " * 60 + sentence + " Fin." * 80
    shown = snippet(text, surface_terms(query))
    assert sentence[:12] in shown
    assert shown.startswith("… ") and shown.endswith(" …")


def test_the_snippet_finds_other_forms_of_the_query_words() -> None:
    """The index matched "draining" to "drain" and "drained" (stems): the snippet shows that
    passage, not the start of the text."""
    sentence = "We drain the node first, then the pods drained cleanly."
    text = "Unrelated preamble about budgets. " * 40 + sentence + " Closing words." * 40
    assert sentence[:20] not in snippet(text, surface_terms("draining nodes"))
    assert sentence[:20] in snippet(text, snippet_terms("draining nodes"))


def test_words_of_every_script_are_index_terms() -> None:
    """A Russian item ("Кафка: отставание потребителя") could never be found: the index kept
    Latin letters and digits only, and `ask "Кафка"` answered nobody, `topic` "no searchable
    words". Chinese and Japanese, written without spaces, are read as character pairs."""
    assert tokenize("Кафка: отставание потребителя") == ["кафк", "отставан", "потребител"]
    assert tokenize("Ελληνικά") == ["ελλην"]
    assert tokenize("データベースのバックアップ")[:3] == ["デー", "ータ", "タベ"]
    assert tokenize("kafka日本語 书") == ["kafka", "日本", "本語", "书"]
    # single letters of any script stay out, as "a" and "x" do; Latin words as before
    assert tokenize("α-entmax я x") == ["entmax"]
    assert tokenize("l'équipe déploie") == ["equip", "deploi"]


def test_korean_kana_and_russian_words_meet_their_other_forms() -> None:
    """Korean syllables were folded to their jamo, so "카프카를" ("Kafka" with its object
    particle) was one word that "카프카" never met; kana lost their voicing marks (パス
    "path" was ハス "lotus" and バス "bus"); Russian words matched only as written
    ("кафку" never met "Кафка")."""
    assert tokenize("카프카") == ["카프", "프카"]
    assert {"카프", "프카"} <= set(tokenize("카프카를 재시작했습니다"))
    assert len({tuple(tokenize(word)) for word in ("パス", "バス", "ハス")}) == 3
    assert tokenize("кафку кафкой Кафки новый новая") == ["кафк"] * 3 + ["нов"] * 2
    assert tokenize("δεδομένων δεδομένα") == ["δεδομεν"] * 2
    decomposed = unicodedata.normalize("NFD", "카프카를 кафкой déploie")
    assert tokenize(decomposed) == tokenize("카프카를 кафкой déploie")


def test_a_word_of_three_letters_is_not_cut_to_two() -> None:
    """`ask ios` listed a platform engineer for "prometheus.io": Snowball cut "ios" to "io"."""
    assert tokenize("iOS AWS ECS ops ids prometheus.io") == [
        "ios",
        "aws",
        "ecs",
        "ops",
        "ids",
        "prometheus",
        "io",
    ]
    assert tokenize("running databases gas") == ["run", "databas", "gas"]


def test_a_snippet_of_chinese_japanese_or_korean_text_shows_the_matched_words() -> None:
    """A pair of characters is shorter than the three letters a shown word needed, and text
    without spaces snapped the window back to its start: the snippet showed the preamble."""
    japanese = "前書き。" * 60 + "カフカのパーティションを増やします。" + "終わり。" * 50
    assert "パーティション" in snippet(japanese, snippet_terms("パーティション"))
    korean = "서론입니다. " * 60 + "카프카를 재시작하면 지연이 줄어듭니다." + " 끝." * 50
    assert "카프카를 재시작" in snippet(korean, snippet_terms("카프카"))


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("réseau", "réseaux"),
        ("journal", "journaux"),
        ("tableau de bord", "tableaux de bord"),
        ("noyau", "noyaux"),
        ("jeu de données", "jeux de données"),
        ("travail", "travaux"),
        ("bail commercial", "baux commerciaux"),
        ("verrou", "verrous"),
        ("contenu", "contenus"),
        ("menu", "menus"),
        ("guru", "gurus"),
        ("status", "statuses"),
    ],
)
def test_a_plural_meets_its_singular(singular: str, plural: str) -> None:
    """A bilingual evaluator's "verrou de base de données" said that no evidence mentioned
    "verrou" over a runbook titled "Verrous de base de données": Snowball's English stemmer,
    which reads both languages, kept French plurals in x and every plural in "us" apart."""
    assert tokenize(singular) == tokenize(plural)


def test_a_name_or_a_latin_word_in_us_keeps_its_s() -> None:
    assert tokenize("Prometheus Plutus consensus virus corpus status focus") == [
        "prometheus",
        "plutus",
        "consensus",
        "virus",
        "corpus",
        "status",
        "focus",
    ]
    assert tokenize("taux faux") == ["taux", "faux"]  # (no plurals)


def test_a_tables_cells_are_apart() -> None:
    """A fresh evaluator's Confluence project board read "SujetMétéoPorteur" and "HL7
    resultsRougeNadia Benali": every cell glued to the next, words that no one wrote (and
    "resultsRouge" looked like an identifier in code's case)."""
    from whoknows.text import html_to_text

    board = (
        "<table><tr><th>Sujet</th><th>Météo</th></tr><tr><td>HL7 results</td><td>Rouge</td>"
        "</tr></table><dl><dt>RPO</dt><dd>5 min</dd></dl>"
    )
    assert html_to_text(board).split("\n") == [
        "Sujet \u2502 Météo",
        "HL7 results \u2502 Rouge",
        "RPO 5 min",
    ]
    # a layout's cells of paragraphs are the lines they make, no mark between them
    layout = "<table><tr><td><p>Bonjour,</p><p>le lot est parti.</p></td><td>Marc</td></tr>"
    assert html_to_text(layout + "</table>").split("\n") == [
        "Bonjour,",
        "le lot est parti.",
        "Marc",
    ]


def test_an_ampersand_acronym_is_one_word() -> None:
    """A law firm's "W&I" had no searchable word: "w" and "i" are too short to keep."""
    assert tokenize("W&I insurance") == tokenize("w & i insurance") == ["wandi", "insur"]
    assert tokenize("M&A") != tokenize("R&D") and tokenize("rock & roll") == ["rock", "roll"]
    from whoknows.rank.matching import surface_forms

    assert surface_forms("assurance W&I")["wandi"] == "W&I"  # (what an answer says is lacked)
