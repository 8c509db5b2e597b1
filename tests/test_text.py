"""Snippets around the query's terms, in text with accents, ligatures and ellipses."""

from __future__ import annotations

from whoknows.text import fold_in_place, snippet


def test_folding_in_place_keeps_every_position() -> None:
    text = "Élodie… l'İstanbul ÆON ﬁn straße Über"
    folded = fold_in_place(text)
    assert len(folded) == len(text)
    assert folded.startswith("elodie… l'istanbul æon")
    assert folded.endswith("straße uber")


def test_the_snippet_is_where_the_terms_are_even_after_many_ellipses() -> None:
    """An ellipsis folds to three characters: positions found in a folded copy of other
    length pointed 2 characters further per ellipsis, and the window missed the terms."""
    text = "Réunion… " * 60 + "Le déploiement Kubernetes à Lyon est prêt. " + "Fin. " * 80
    shown = snippet(text, {"deploiement", "kubernetes"})
    assert "déploiement Kubernetes" in shown
    assert shown.startswith("… ") and shown.endswith(" …")
