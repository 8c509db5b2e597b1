"""Snippets around the query's terms, in text with accents, ligatures and ellipses."""

from __future__ import annotations

import unicodedata

import pytest

from whoknows.index.analysis import surface_terms
from whoknows.text import fold_with_positions, snippet


def test_a_fold_says_where_each_of_its_characters_comes_from() -> None:
    text = "Élodie… ﬁn Straße"
    folded, origin = fold_with_positions(text)
    assert folded == "elodie... fin strasse"
    assert origin is not None and len(origin) == len(folded)
    assert text[origin[folded.index("fin")]] == "ﬁ"
    assert text[origin[folded.index("strasse") + 5]] == "ß"
    assert fold_with_positions("Plain ASCII") == ("plain ascii", None)


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
