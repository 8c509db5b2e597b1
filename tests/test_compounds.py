"""French compounds of the trade: "mise à jour" matched every text saying "jours" (days), and
an organisation writing English was never found for "base de données"."""

from __future__ import annotations

from pathlib import Path

from test_cli import ingested, run
from whoknows.index.analysis import tokenize
from whoknows.index.bridge import bridged_text, bridges
from whoknows.index.compounds import translated


def test_a_compound_is_one_term_in_place_of_its_words() -> None:
    """A fresh evaluator's "mise à jour" listed a text saying "mise en production" first, and
    one saying "tous les 90 jours": the compound's words matched one by one."""
    assert tokenize("Procédure de mise à jour des certificats") == [
        "procedur",
        "misejour",
        "certificat",
    ]
    assert tokenize("les mises a jour") == tokenize("MISE-À-JOUR") == ["misejour"]
    assert tokenize("nos pare-feux, le mot de passe") == ["parefeu", "motpass"]
    assert tokenize("montée de version") == tokenize("montées en version") == ["monteevers"]
    assert tokenize("rétention 30 jours, mise en production")[:2] == ["retent", "jour"]
    assert tokenize("mise") == ["mise"] and tokenize("base de") == ["base"]


def test_a_compound_is_its_words_written_together_only() -> None:
    """A third evaluator's "Durée de la mise : 30 jours" was "mise à jour" again, and "we plan
    to reprise the role" a recovery plan: words were joined across stops, commas, numbers
    and other words."""
    for apart in (
        "Durée de la mise : 30 jours",
        "Ce mot passe mal",
        "une nouvelle base ; données migrées",
        "Une base de 10 données",
        "nom, utilisateur",
        "plan. Reprise des travaux",
        "we plan to reprise the role",
        "la mise au jour des fouilles",
    ):
        terms = tokenize(apart)
        assert not any(len(term) > 11 and term.isalpha() for term in terms), (apart, terms)


def _holds(*words: str):
    held = {term for word in words for term in tokenize(word)}
    return held.__contains__


def _term(word: str) -> str:
    return (tokenize(word) or [""])[0]


def test_a_compound_is_asked_in_the_other_language_too() -> None:
    english = _holds("database", "update", "backup")
    said = translated("Sauvegarde de la Base de Données ?", english, _term)
    assert [(t.written, t.asked, t.kept) for t in said] == [("Base de Données", "database", False)]
    french = _holds("mot de passe", "sauvegarde")
    found = bridges("passwords rotation", french, lambda _: 1, {}, lambda: None)
    assert [(b.word, b.to) for b in found] == [("passwords", "mot de passe")]
    # held in the question's own language alone: nothing to translate
    assert bridges("mot de passe", french, lambda _: 1, {}, lambda: None) == []
    # held in both (a bilingual organisation): both asked
    both = _holds("database", "base de données")
    (bridge,) = bridges("database", both, lambda _: 1, {}, lambda: None)
    assert (bridge.word, bridge.to, bridge.kept) == ("database", "base de données", True)
    assert bridged_text("database backups", [bridge]) == "database base de données backups"
    # an English word in a French question is French usage: a bank's "le reporting FINREP"
    # was asked as "compte rendu" (minutes) too
    reports = _holds("reporting", "compte rendu", "finrep")
    assert translated("Qui connaît le reporting FINREP ?", reports, _term) == []
    assert [t.asked for t in translated("who does the FINREP reporting?", reports, _term)] == [
        "compte rendu"
    ]


def test_the_text_that_writes_the_compound_ranks_first(tmp_path: Path) -> None:
    rows = [
        ("z1", "Procédure certificats", "La mise à jour des certificats TLS se fait ainsi.", "Zoé"),
        (
            "c1",
            "Mise en veille",
            "Mise en veille des journaux à 30 jours, puis 90 jours.",
            "Camille",
        ),
        ("a1", "Database backups", "Nightly database backups with pgBackRest.", "Ann Lee"),
    ]
    workspace = ingested(tmp_path, rows)
    _, out, _ = run("ask", "mise à jour", workspace=workspace)
    assert out.startswith(" 1. Zoé"), out
    _, out, _ = run("ask", "base de données", workspace=workspace)
    assert out.startswith("also searched: database for base de données"), out
    assert " 1. Ann Lee" in out


def test_a_plural_asks_its_compound_and_a_missing_compound_is_named(tmp_path: Path) -> None:
    """`ask databases` found nobody where `ask database` was asked as "base de données";
    `score` named the compound by its index term ("plandereprise" then)."""
    rows = [
        ("b1", "Sauvegarde", "La base de données de paie est sauvegardée chaque nuit.", "Claire"),
        ("p1", "PRA", "Le plan de reprise est testé deux fois par an.", "Thomas"),
    ]
    workspace = ingested(tmp_path, rows)
    _, out, _ = run("ask", "databases", workspace=workspace)
    assert out.startswith("also searched: base de données for databases"), out
    _, out, _ = run("score", "Claire", "plan de reprise", workspace=workspace)
    assert "plan de reprise" in out and "planrepris" not in out, out
    _, out, _ = run("ask", "mot de passe sauvegardé", workspace=workspace)
    assert out.startswith("no evidence mentions mot de passe:"), out


def test_a_bilingual_organisation_is_asked_in_both_languages(tmp_path: Path) -> None:
    """A third evaluator's company wrote both: `ask database` listed only the English writer,
    `ask "base de données"` only the French one."""
    rows = [
        ("a1", "Database backups", "Nightly database backups with pgBackRest.", "Alice Martin"),
        ("b1", "Sauvegarde", "La base de données de paie est sauvegardée.", "Bruno Caron"),
    ]
    workspace = ingested(tmp_path, rows)
    for question in ("database", "base de données"):
        _, out, _ = run("ask", question, workspace=workspace)
        assert "Alice Martin" in out and "Bruno Caron" in out, (question, out)


def test_an_acronym_is_asked_as_the_other_languages() -> None:
    """A bilingual engineering company's "FMEA" found only its glossary, never the engineer
    whose pages say "AMDEC"; "VAT" over a French firm's "TVA", "AI" (no index term: the
    French "ai") over "IA" likewise."""
    french = _holds("amdec", "tva", "ia", "banc")
    found = bridges("FMEA du banc", french, lambda _: 1, {}, lambda: None)
    assert [(b.word, b.to, b.kept) for b in found] == [("FMEA", "AMDEC", False)]
    assert [b.to for b in bridges("VAT returns", french, lambda _: 1, {}, lambda: None)] == ["TVA"]
    assert [b.to for b in bridges("AI", french, lambda _: 1, {}, lambda: None)] == ["IA"]
    # an organisation writing English keeps its "AI"; an English question's "UE" (user
    # equipment) is no Union européenne
    assert (
        bridges("AI safety", french, lambda _: 1, {}, lambda: None, written_in=lambda: "en") == []
    )
    english = _holds("eu", "modem")
    assert bridges("UE attach fails on the modem", english, lambda _: 1, {}, lambda: None) == []
    # held in the question's own form only: nothing; held in both, apart: both asked
    assert bridges("AMDEC", french, lambda _: 1, {}, lambda: None) == []
    both = _holds("amdec", "fmea")
    apart = {("amdec",): 3, ("fmea",): 2, ("fmea", "amdec"): 1}
    (bridge,) = bridges("FMEA", both, lambda _: 1, {}, lambda: None, lambda t: apart[tuple(t)])
    assert (bridge.to.upper(), bridge.kept) == ("AMDEC", True)
