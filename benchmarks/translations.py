"""French questions over English writing: what the word bridge searches for them.

    .venv/bin/python benchmarks/translations.py --workspace DIR [--out FILE.json]

DIR: the folder of a ``benchmarks/rank_all.py --workspace`` run (its ``se-cardano-full`` and
``acl-authors-full`` workspaces: English writing, a blockchain forum's and research papers').
Each French question of :data:`GLOSSARY` (a consultant's words of the two trades, written with
their English terms before any was run) is asked as ``whoknows ask`` asks it: the words
bridged (``EvidenceBase.bridges``, every reading: compounds, words written short,
translations) and the text the indexes are then asked. A question is *right* when every one
of its English terms that the workspace holds is searched, *partly* when some are, *wrong*
when words were bridged and none of them is, *nothing* when no word was bridged (it then
lists nobody, or people for its words English writes too). A question whose English terms
no item holds is left out of that workspace's count (nothing can be right there).

Writes the JSON (``--out``) and a markdown table next to it (same name, ``.md``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from whoknows.index.analysis import tokenize
from whoknows.index.bridge import bridged_text
from whoknows.services import open_services
from whoknows.settings import load_settings

RESULTS = Path(__file__).resolve().parent / "results" / "translations.json"
WORKSPACES = ("se-cardano-full", "acl-authors-full")

# French question -> its English terms (written before any run, as a bilingual glossary of
# the two trades would give them; not changed after)
GLOSSARY: dict[str, str] = {
    "sauvegarde": "backup",
    "déploiement": "deployment",
    "sécurité": "security",
    "chiffrement": "encryption",
    "réseau": "network",
    "logiciel": "software",
    "bibliothèque": "library",
    "portefeuille": "wallet",
    "jeton": "token",
    "monnaie": "currency",
    "nœud": "node",
    "clé privée": "private key",
    "mot de passe": "password",
    "base de données": "database",
    "mise à jour": "update",
    "serveur": "server",
    "contrat intelligent": "smart contract",
    "chaîne de blocs": "blockchain",
    "frais de transaction": "transaction fees",
    "adresse": "address",
    "journalisation": "logging",
    "tableau de bord": "dashboard",
    "pare-feu": "firewall",
    "équilibrage de charge": "load balancing",
    "conteneur": "container",
    "délai d'attente": "timeout",
    "mémoire": "memory",
    "file d'attente": "queue",
    "certificat": "certificate",
    "authentification": "authentication",
    "facturation": "billing",
    "paiement": "payment",
    "apprentissage automatique": "machine learning",
    "apprentissage par renforcement": "reinforcement learning",
    "traduction automatique": "machine translation",
    "réseau de neurones": "neural network",
    "reconnaissance d'entités nommées": "named entity recognition",
    "analyse de sentiments": "sentiment analysis",
    "résumé automatique": "automatic summarization",
    "étiquetage morphosyntaxique": "part-of-speech tagging",
    "analyse syntaxique": "syntactic parsing",
    "désambiguïsation lexicale": "word sense disambiguation",
    "reconnaissance de la parole": "speech recognition",
    "questions-réponses": "question answering",
    "confidentialité différentielle": "differential privacy",
    "informatique quantique": "quantum computing",
    "plongements lexicaux": "word embeddings",
    "modèle de langue": "language model",
    "apprentissage non supervisé": "unsupervised learning",
    "génération de texte": "text generation",
    "correction grammaticale": "grammatical error correction",
    "extraction d'information": "information extraction",
    "recherche d'information": "information retrieval",
    "graphe de connaissances": "knowledge graph",
    "détection de discours haineux": "hate speech detection",
    "simplification de textes": "text simplification",
    "vérification des faits": "fact checking",
}


def judged(searched: str, bridged: bool, held: Any, english: str) -> str | None:
    """right / partly / wrong / nothing (None: the workspace holds none of its terms)."""
    wanted = [term for term in tokenize(english) if held(term)]
    if not wanted:
        return None
    terms = set(tokenize(searched))
    hits = sum(term in terms for term in wanted)
    if hits == len(wanted):
        return "right"  # (a cognate the index stems alike, "sécurité", needs no bridge)
    if not bridged:
        return "nothing"
    return "partly" if hits else "wrong"


def measure(folder: Path) -> dict[str, Any]:
    service = open_services(load_settings(environ={}, workspace=folder))
    try:
        evidence = service.workspace.evidence()

        def held(term: str) -> bool:  # (the bridge's own reading: an item someone shown wrote)
            return bool(evidence.holding_items(term, most=1))

        rows, counts = [], {"right": 0, "partly": 0, "wrong": 0, "nothing": 0, "left out": 0}
        started = time.perf_counter()
        for asked, english in GLOSSARY.items():
            found = evidence.bridges(asked)
            searched = bridged_text(asked, found)
            verdict = judged(searched, bool(found), held, english)
            counts[verdict or "left out"] += 1
            bridges = [f"{bridge.word}→{bridge.to}" for bridge in found]
            rows.append(
                {"asked": asked, "english": english, "bridged": bridges, "verdict": verdict}
            )
        seconds = time.perf_counter() - started
    finally:
        service.close()
    return {"counts": counts, "rows": rows, "seconds": round(seconds, 2)}


def markdown(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| workspace | right | partly | wrong | nothing | left out |",
        "|---|---|---|---|---|---|",
    ]
    for name, found in results.items():
        c = found["counts"]
        row = [c["right"], c["partly"], c["wrong"], c["nothing"], c["left out"]]
        lines.append(f"| {name} | " + " | ".join(str(v) for v in row) + " |")
    for name, found in results.items():
        lines += [
            "",
            f"### {name}",
            "",
            "| asked | English | bridged | verdict |",
            "|---|---|---|---|",
        ]
        for row in found["rows"]:
            bridged, verdict = ", ".join(row["bridged"]) or "—", row["verdict"] or "left out"
            lines.append(f"| {row['asked']} | {row['english']} | {bridged} | {verdict} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=RESULTS)
    options = parser.parse_args()
    results = {
        name: measure(options.workspace / name)
        for name in WORKSPACES
        if (options.workspace / name).is_dir()
    }
    options.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    table = markdown(results)
    options.out.with_suffix(".md").write_text(table, encoding="utf-8")
    print(table.split("\n\n")[0])


if __name__ == "__main__":
    main()
