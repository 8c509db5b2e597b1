"""Same answers before and after the serving side moved to columns (evidence tables, a
memory-mapped lexical index, a topic index, the network from arrays) on se-cardano: every
ranker's top 10 for each of the 164 queries, and the insights (hidden experts, topic maps, gaps,
network, profiles, claims), against the answers the code gave before (saved in
tests/fixtures/cardano-answers by tests/cardano_answers.py). Skipped without ../shared.

One planned difference: brokers (betweenness) are now exact on a graph this small, where the
code before estimated them from 500 of its 629 people; the same people are the top brokers,
with values within 0.01.

Saved again (2026-12-02) for a second planned difference: a person is listed only for items
that match the query, lexically or with a cosine that stands out (docs/ranking.md); the new
top 10s are the old ones with those people removed, in the same order (dense 68 people over
52 queries, hybrid 13, hybrid-prior 11, learned 17, lexical none). The learned model's trees
depend on the machine's floating point: on another machine the same code gave another top 10
for 103 of the 164 learned queries (the other rankers agreed but for two queries), so the slow
test holds on the machine that saved the answers; `tests/cardano_answers.py` saves them again.
Saved again the same day for a third: the profile features are shrunk for short histories
(docs/ranking.md), so the learned model is another (157 of its top 10s differ; the other
rankers and the insights are unchanged).
Saved again (2026-12-02, the next session) for a fourth: written dates ("March 2, 2021",
"2021-03-02") and numbers of one or two digits are not index terms, French elisions keep their
word (docs/ranking.md, "Text analysis"): lexical 57 of 164 top 10s differ (mostly below the
first places; AP 0.244 -> 0.247), hybrid-prior 38, hybrid 50, dense none, learned 126 (another
model); the insights are unchanged. Saved again the same day for a fifth: a new feature of
the learned model (`lex_person`, docs/ranking.md): learned 112 top 10s differ, the other
rankers and the insights none. And a sixth: dates in numbers ("01/03/2021", "2021-03-01T10:00Z")
and the English "whose", "cheers", "regards" are not index terms: lexical 11, hybrid-prior 7
(5), hybrid 12, learned 107; the insights are unchanged. Saved again for the learned model
only (person text reads document lengths from the evidence's word counts; the default model
fitted again): learned 93.
Saved again (2026-12-02, a third session) for a seventh: the lexical index counts pairs of
neighbouring words as terms (docs/ranking.md, "Text analysis"), so every BM25 score changes:
lexical 157 of 164 top 10s differ (AP 0.247 -> 0.246), hybrid-prior 121, hybrid 147, learned
158, dense 24 (a person listed for items among the lexical top 500 whose items fell below it
once phrase matches rose); the insights are unchanged. Saved again the same day for an eighth:
pairs stay within a phrase (no pair across a stop, a comma or an item's fields): lexical 106,
hybrid-prior 49, hybrid 74, learned 136, dense 6; the insights are unchanged.
Saved again (2026-12-02, a fourth session) for a ninth: word pairs are withdrawn, the index
counts words (docs/ranking.md, "Word pairs, withdrawn"): against the eighth, lexical 159 of
164 top 10s differ, hybrid-prior 125, hybrid 143, learned 163 (another model), dense 19; the
insights are unchanged.
Saved again (2026-12-02, a fifth session) for a tenth: function words ("per", "via", "within",
"whether", "selon"...) are stopwords, and a topic's strength counts what the votes count (a
reply of five words or fewer, or an opening others answered, is interest there too;
docs/insights.md): lexical 68 of 164 top 10s differ, hybrid-prior 40, hybrid 59, learned 117
(another model), dense 1; in the insights, strengths move by a few hundredths (2 of 9 claims,
one hidden expert's recognition, the topic maps), and 30 of the 63 gap rows change place;
and a gap's unanswered threads are those nobody answered (a comment answers nothing): 91
over the 63 gaps instead of 54.
Saved again (2026-12-03) for an eleventh: word pairs are back beside the words, a query's best
1,000 items scored for the pairs they share with it (docs/ranking.md, "Word pairs, back beside
the words"), so BM25 scores change: lexical 158 of 164 top 10s differ, hybrid-prior 132,
hybrid 147, learned 156 (another model), dense 23; the insights are unchanged.
Saved again (2026-12-03, a later session) for a twelfth: a query word's count saturates as a
document's term frequency does (docs/ranking.md, "Long queries"); Stack Exchange questions
repeat their words, so most BM25 orders change: lexical 163 of 164 top 10s differ,
hybrid-prior 151, hybrid 154, learned 161 (another model), dense 38; the insights are
unchanged. Saved again the same session for a thirteenth: a Stack Exchange comment or answer
that is nothing but a short question asks, and an answer that only agrees acknowledges, as
in every other source: lexical 23 of 164 top 10s differ, hybrid-prior 16, hybrid 24, dense
14, learned 143 (another model); in the insights, strengths move by hundredths and a gap
counts a thread whose only reply was a question as unanswered.
Saved again (2026-12-03, another session) for a fourteenth: a comment or reply of questions
only asks at any length unless a question suggests a fix or a cause (46 se-cardano comments
of 20 words or more), a question without its question mark asks, and thanks, approvals and
nudges in French and English acknowledge or ask: lexical 26 of 164 top 10s differ (no
relevant person moves: AP unchanged), hybrid-prior 12, hybrid 23, dense 10, learned 107
(another model).
Saved again the same session for a fifteenth: a reply of questions only asks unless one
suggests a fix or a cause, whatever its length ("Have you tried …?", "Why not …?"), a tracker
or wiki comment is read as a chat reply (thanks and "+1"s acknowledge, nudges ask), more
thanks, nudges and "same problem"s in both languages: lexical 3 of 164 top 10s differ,
hybrid-prior 8, hybrid 8, dense 9, learned 127 (another model); insights move by hundredths.
Saved again the same session for a sixteenth: a promise to look acknowledges at any length,
more thanks, nudges and same problems are read: no lexical, hybrid or dense top 10 differs;
learned 145 (another model); insights move by hundredths.
Saved again (2026-12-03, a later session) for a seventeenth: courtesies ("thanks in advance",
"any help would be appreciated", "best regards") are no index terms: lexical 9 of 164 top 10s
differ, hybrid-prior 7, hybrid 10, dense none, learned 88 (another model); the insights are
unchanged. Saved again the same session for an eighteenth: a query's embedding is read
without its courtesies, and a reply of questions with a "same problem here" asks: no lexical
top 10 differs, dense 8, hybrid 7, hybrid-prior 7 (in the full workspace), learned 92; the
network's broker values move by less than 0.001. And for a nineteenth: a person's copies of
one text vote once (10 stock comments): only the learned model's top 10s differ (90, another
model).
Saved again (2026-12-03, a later session) for a twentieth: a query word's idf blends the
workspace's with the language's (docs/ranking.md, "A word's specificity"; se-cardano's 3,444
items weigh 78%), and split word forms meet ("rebalancing", "rebalances"), so most BM25
orders change: lexical 160 of 164 top 10s differ (AP 0.245 -> 0.246), hybrid-prior 133
(147 in the lexical-only workspace), hybrid 149, dense 28, learned 159 (another model); the
insights are unchanged.
Saved again (2026-12-03, a later session) for a twenty-first: the under-recognised answers
say the strongest holder's strength and the bar (`strongest`, `evidenced`), so each hidden
insight gained two fields; and on this session's machine the code of the session's start gave
other learned top 10s for 41 of 164 queries (dense 2, hybrid-prior 1: float order) than the
fixture, and the same answers to the last id as the new code, so the runs were saved again
from this machine.
Saved again (2026-12-03, the next session) for a twenty-second: a topic counts only the items
someone visible wrote or may be listed for (an item only hidden people hold told that they
wrote about it): plutus 947 -> 946 items, smart-contract 519 -> 518, stake-pool 463 -> 461,
staking 695 -> 693, wallet 738 -> 737 (posts of deleted accounts); every run identical.
Saved again (2026-12-04) for a twenty-third: a word written short, or with a letter typed three
times, is also asked as the organisation writes it ("Errror" as error, "addresss" as
address): other top 10s only for the two queries so bridged (learned none; lexical one, q4634;
dense one, q4744), every other run identical to the fixture of e9fac2e.
Saved again (2026-12-04, a later session) for a twenty-fourth: a topic map and an
under-recognised answer say what was searched for a topic's words no item holds
(`also_searched`, empty for every Cardano topic): the field added to each, every run identical.
Saved again (2026-12-04, a third session) for a twenty-fifth: a word cut one or two letters
short or a name's shortening is completed ("Andro", "signin", "Marlo"), a word one slip from a
name of the organisation is read as it ("mainet", "decentrlaized"), and "C#", "C++", ".NET"
are words (every BM25 length changes a little): lexical 6 of 164 top 10s differ (q4355,
q4365, q4777 bridged; q4586, q4605, q4689 below the first places), hybrid-prior 5, hybrid 10,
dense 4, learned 111 (another model); the gaps gain the tag "c#" (3 threads, 1 active
holder), which had no word before. Saved again the same session for a twenty-sixth: "knows"
is a stopword: lexical and dense top 10s identical, hybrid 1 (q4436), hybrid-prior 1 in the
lexical-only run (q4436), learned 92 (another model); the insights are unchanged.
Saved again (2026-12-04, a later session) for a twenty-seventh: words of every script are
terms, a three-letter word is never cut to two ("ios" was "io"), the language table written
again, common words misspelt asked as held ones: lexical 15 top 10s differ, hybrid-prior 10
(8 in the lexical-only run), hybrid 12, dense 2, learned 113 (another model); the insights
differ where "ios" was "io": Marek Mahut's claim of iOS was "evidenced" (strength 24.4) by
answers about IO, Input Output, the company behind Cardano, and is now pending, and "ios"
(5 threads in a year) is a gap.
Saved again (2026-12-04, the session of the twenty-eighth and twenty-ninth evaluators): a long
word with a letter left out is asked as the held word ("correponding" as corresponding in
q4725): the learned top 10 of that one query differs; every other list, every other ranker
and the insights are unchanged (Korean pairs, Russian stems, French compounds and chat
channels change nothing on this corpus).
Saved again (2026-12-04, the session of the thirty-first to thirty-fourth evaluators): the
sentences that name one of the workspace's people where a doer stands are left out of their
item's indexed and embedded text ("Additionally, Cardano is looking to …" where a user is
named Cardano something; 92 items lose a sentence): against the answers saved before,
lexical 54 top 10s differ (neighbours swapped), hybrid-prior 66 (37 in the lexical-only run),
hybrid 77, dense 78, learned 123 (another model); the insights differ in topics, profiles,
gaps and under-recognised people.
Saved again (2026-12-04, the session of the fifth to seventh evaluators of reports): a word of
a name that a tenth of the items hold is the workspace's subject ("Cardano has established
…" is no credit to a user called Anthony Cardano: 99 items lose a sentence, 53 now), a
crediting sentence that tells what to do stays the writer's, an item left with none of its
writers' own words gives no vote: against the answers saved before, lexical 51 top 10s
differ, hybrid-prior 56 (33 in the lexical-only run), hybrid 58, dense 52, learned 138
(another model); the insights differ in topics, gaps and under-recognised people. Saved
again the same session after more status forms ("Marc covering", "voir avec Paul"): learned
113 (another model), hybrid-prior 1, the others and the insights none.
Saved again (2026-12-05) for citations, eponyms, languages, examples, coined words and
initials before a noun crediting no one (docs/ranking.md, "Mentioning is not knowing"):
learned 119 of 164 top 10s differ (another model, AP +0.000), every other ranker and the
insights none.
Saved again (2026-12-05, a later session): an acronym's plural is the acronym ("NFTs" meets
"NFT") and "never", "nothing", "nobody" are stopwords (docs/ranking.md): lexical 28 of 164 top
10s differ, hybrid-prior 18 (20 in the lexical-only run), hybrid 25, dense 1, learned 118
(another model; AP −0.001 paired, within noise); the "nft" topic holds the items that say
"NFTs" (its bus factor 12 → 13) and the gaps move with it.
Saved again (2026-12-05, a later session): coordination and confirmation are no knowledge,
"upgrading …" is no "up" nudge, and a thanks or a pointer makes no collaborator (format
`whoknows-graph/3`; docs/ranking.md): the lexical, hybrid-prior, hybrid and dense top 10s are
unchanged, learned 150 of 164 differ (another model; AP +0.006 [+0.001, +0.013] paired); the
insights differ by one network link (1,357 → 1,358), the brokers' fourth decimals, the
cardano-cli topic's holders and locations by a thousandth, and the gaps.
Saved again (2026-12-05, a later session): general advice, agreements that state how the
system behaves and thanks followed by a setting of one's own are read in comments too (a few
Cardano comments change role, and the training's labels with them): lexical, hybrid-prior,
hybrid and dense top 10s and the insights unchanged; learned 93 of 164 (another model).
Saved again (2026-12-05, a later session): French plurals in x and in "-us" meet their
singulars (format `whoknows-bm25/24`, the language table written again), and the role rules
of that session's evaluators (directives advise, closing requests ask, pasted stack traces
set aside): every lexical, hybrid-prior, hybrid and dense top 10 unchanged, learned 126 of
164 (another model; AP −0.000 paired); the nft and wallet topics' share of holders with no
location by a thousandth.
Saved again (2026-12-05, a later session): a comment of questions with the failure it shows
asks ("Can you please post the error message. How is it failing?"; docs/ranking.md, "A few
words, a claim, a copy"), nine Cardano comments change role: lexical 7 of 164 top 10s differ,
hybrid-prior 3 (4 in the full run), hybrid 3, dense 2, learned 141 (another model; AP −0.002
paired, within noise), and the network and topics of the insights move with those comments'
writers.
Saved again (2026-12-05, the session after): a condition about the writer's own situation is no
tip ("Outlook crashes when I open a shared calendar" reports a problem; docs/ranking.md,
"Templates, notices, digests"), so one Cardano comment of a question ("…, if I want to
display …") asks: lexical 1 of 164 top 10s differs, hybrid-prior 1, and in the insights one
hub's value (66.5 → 66.0) and two places of the plutus topic's holders; in the full run
dense 5, hybrid 2, hybrid-prior 1, learned 44 (another model).
Saved again (2026-12-06) for a table's cells read apart ("technical aspect | Cardano |
Ethereum"; a rota's "w/c 26 Jan | Aleksandra Nowak (5G RAN)" names who holds what): one
Cardano answer holds a table, its words unchanged and its embedding not, so the lexical run
and the insights are unchanged; in the full run dense 8 of 164 top 10s differ, hybrid 10,
hybrid-prior 2, learned 104 (another model).
Saved again the same day for the cells apart written with a box-drawing bar ("technical aspect
│ Cardano"; code's pipes are left to code): against the save above, dense 1 of 164 top 10s
differs, hybrid 1, hybrid-prior 1, learned 105 (another model); the lexical run and the
insights are unchanged.
Saved again the same day for two people who hold half of a topic's evidence together, each a
quarter at least and 3.0 between them, counted as its holders (docs/insights.md, "Coverage
gaps"): every run identical; the gaps lose eight of 64 topics whose bus factor is two ("mac",
30% and 25% by two active people, had been "0 active internal holders").
Saved again (2026-12-06, a later session): "clear", "purge", "flush" are steps, so one Cardano
comment ("Did you already update the app and clear both cache and storage?") suggests a fix and
no longer asks; its writer is a commenter, who collaborates: the lexical and hybrid-prior top
10s are unchanged, the network gains one link (1,352 → 1,353) and the brokers' values move by
under a thousandth; in the full run every ranker's top 10s are unchanged, learned included.
Saved again (2026-12-06, the next session): an under-recognised answer says whether anyone
holds the topic (`held`: strength 3, or half of it alone, from two items), every Cardano topic
held; every run and every other insight identical.
Saved again (2026-12-07): a word the language rarely writes, in three threads' titles, is a
topic alone (docs/insights.md, "Topics and strength"), asking makes no collaborator
(`whoknows-graph/4`) and the session's role rules: the lexical and hybrid-prior top 10s and
every insight but one are unchanged; one hub's tenth profile topic is "constraints" where it
was "address"; in the full run dense, hybrid and hybrid-prior unchanged, learned 113 of 164
(another model; AP −0.000 paired on the bench).
Edited (2026-12-07, a later session) for a planned difference in the insights only: each gap
says how many of its holders have left (`leaving_holders`, 0 for every gap here: se-cardano has
no directory, so no end dates); the runs are unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cardano_answers import BENCH, FIXTURES, answers

pytestmark = pytest.mark.skipif(not BENCH.exists(), reason="../shared bench not present")


def compare(found: dict[str, Any], saved: dict[str, Any]) -> None:
    for ranker, top in saved["runs"].items():
        differing = [q for q, people in top.items() if found["runs"][ranker][q] != people]
        assert not differing, f"{ranker}: another top 10 for queries {differing[:5]}"
    now, before = found["insights"], saved["insights"]
    brokers, saved_brokers = now["network"].pop("brokers"), before["network"].pop("brokers")
    assert now == before
    assert {b["person_id"] for b in brokers} == {b["person_id"] for b in saved_brokers}
    values = {b["person_id"]: b["value"] for b in saved_brokers}
    assert all(abs(b["value"] - values[b["person_id"]]) <= 0.01 for b in brokers)


@pytest.mark.full
def test_lexical_answers_are_the_same(tmp_path: Path) -> None:
    saved = json.loads((FIXTURES / "lexical.json").read_text(encoding="utf-8"))
    compare(answers(tmp_path / "ws", full=False), saved)


@pytest.mark.slow
def test_answers_with_embeddings_and_the_learned_ranker_are_the_same(tmp_path: Path) -> None:
    """Slow (embeddings and training, a few minutes); run with `pytest -m slow`."""
    saved = json.loads((FIXTURES / "full.json").read_text(encoding="utf-8"))
    compare(answers(tmp_path / "ws", full=True), saved)
