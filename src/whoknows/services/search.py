"""Who knows X: rankings with their evidence, explanations, person-to-text scores, batches."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from whoknows.errors import NotFoundError, UsageError, WhoknowsError
from whoknows.i18n import N_
from whoknows.index.analysis import tokenize
from whoknows.index.bridge import Bridge, UnheldWords
from whoknows.ingest import connectors
from whoknows.insights.topics import topic_of
from whoknows.limits import NAME_A_TOPIC, require_text
from whoknows.rank import DEFAULT_RANKER, EvidenceVote, PersonScore, Query, get_ranker
from whoknows.rank.features import FEATURES
from whoknows.rank.listing import holders_first, listed_order
from whoknows.rank.matching import SHORT_QUESTION_TERMS, Match, score_person, words_missed
from whoknows.rank.rankers import FeatureRanker
from whoknows.services.asked import as_asked, require_words
from whoknows.services.dates import given_date
from whoknows.services.evidence_views import evidence_lists
from whoknows.services.hidden_topics import HiddenTopics
from whoknows.services.people import PeopleService
from whoknows.services.results import (
    Answer,
    BatchStats,
    EvidenceView,
    Explanation,
    FeatureValue,
    PersonMatch,
)
from whoknows.services.standing import Standing
from whoknows.services.workspace import Workspace
from whoknows.services.written import WrittenTerms, bridge_as_written
from whoknows.store import persons

HIDING_PASSES = 3  # (each pass may bring up another hider: a few are enough)
FIXED_SUMMARY = N_("Lexical and dense votes plus activity priors, fixed weights.")
OWN_SUMMARY = N_("A model trained on this workspace's past questions combines these features.")
SHIPPED_SUMMARY = N_(
    "The default model shipped with whoknows, trained on public communities' histories (this"
    " workspace has too few past questions), combines these features."
)


def epoch(value: str | None, what: str = "date") -> float | None:
    """Epoch seconds of an ISO date given by a user, or a UsageError that says what to type."""
    return None if value is None else given_date(value, what).timestamp()


class SearchService:
    def __init__(self, workspace: Workspace, people: PeopleService) -> None:
        self.workspace = workspace
        self.people = people
        self.standing = Standing(workspace)

    def rank(
        self,
        text: str,
        k: int = 10,
        since: str | None = None,
        ranker: str = DEFAULT_RANKER,
        hidden: frozenset[int] = frozenset(),
    ) -> list[PersonScore]:
        """The ``k`` best visible people for ``text``, less ``hidden`` (who hid the topic)."""
        if not text.strip():
            raise UsageError(N_("the question is empty"), NAME_A_TOPIC)
        require_text(text)
        if k < 0:
            raise UsageError(
                N_("--k %(k)s is negative"), N_("use a positive number, or 0 for everyone"), k=k
            )
        # only the people visible now: the evidence served may be an older generation (while a
        # reindex runs) holding an erased person; checked again for a ranker ignoring ``among``
        visible = self.workspace.visible_people() - hidden
        text = as_asked(self.workspace, text)
        query = Query(
            text=text, since=epoch(since, "--since"), k=k, among=visible, gone=self.standing.gone()
        )
        chosen, evidence = get_ranker(ranker, self.workspace.settings), self.workspace.evidence()
        scores = chosen.rank(query, evidence)
        shown = [scored for scored in scores if scored.person_id in visible]
        if k and len(shown) < k <= len(scores):  # it ignored ``among``: everyone, then cut
            scores = chosen.rank(replace(query, k=0), evidence)
            shown = [scored for scored in scores if scored.person_id in visible]
        return shown[:k] if k else shown

    def unhidden(
        self,
        text: str,
        k: int,
        since: str | None = None,
        ranker: str = DEFAULT_RANKER,
        viewer: int | None = None,
    ) -> list[PersonScore]:
        """:meth:`rank` less the people who hid the topic of ``text``, or whose votes hold
        every word of a topic they hid (``services.hidden_topics``), but the ``viewer``."""
        rule, evidence = HiddenTopics(self.workspace.store().conn), self.workspace.evidence()
        hidden = frozenset(rule.hiders(topic_of(text)) - {viewer})
        scores = self.rank(text, k, since, ranker, hidden)
        for _ in range(HIDING_PASSES):
            about = {
                scored.person_id
                for scored in scores
                if scored.person_id != viewer
                and rule.held_in(evidence, scored.person_id, (v.item_id for v in scored.votes))
            }
            if not about:
                break
            hidden |= about
            scores = self.rank(text, k, since, ranker, hidden)
        return [  # (the last pass's too, however many hid it)
            s
            for s in scores
            if s.person_id == viewer
            or not rule.held_in(evidence, s.person_id, (v.item_id for v in s.votes))
        ]

    def ask(
        self,
        text: str,
        k: int | None = None,
        since: str | None = None,
        ranker: str = DEFAULT_RANKER,
        viewer: int | None = None,
        source: str | None = None,
    ) -> list[Answer]:
        """The ``k`` best people for ``text``, each with its matching items (from ``source``),
        less who hid its topic from others (but the ``viewer``: ``services.hidden_topics``);
        for a ``k`` under the default, the first of its answer ("--k 3" had differed)."""
        want = self.workspace.settings.default_k if k is None else k
        among = max(want, self.workspace.settings.default_k) if want > 0 else want
        scores = self.unhidden(text, among, since, ranker, viewer)
        if not scores:  # (said only when nobody is found: no second reading of every query)
            require_words(text)
        conn = self.workspace.store().conn
        entries = persons.directory_entries(conn, [scored.person_id for scored in scores])
        scores = [scored for scored in scores if scored.person_id in entries]
        base, visible = self.workspace.evidence(), self.workspace.visible_people()
        shown = [  # (the items shown: of ``source`` alone when given)
            [v.item_id for v in scored.votes if not source or base.source(v.item_id) == source]
            for scored in scores
        ]
        asked, gone, outside = as_asked(self.workspace, text), *self.standing.apart()
        rows, people = [list(map(base.row, s)) for s in shown], [s.person_id for s in scores]
        missed = words_missed(base, asked, rows, visible, people)
        order = listed_order(scores, [lacked.listed_share for lacked in missed], gone)
        # (a learner whose questions lack about half of it asked of something else: a NASTRAN
        # question's asker was listed as interested in "problème de connexion au VPN")
        order = [at for at in order if not (scores[at].learner and missed[at].words)]
        shares = [lacked.listed_share for lacked in missed]
        lacking = [
            lacked.overview or (bool(lacked.words) and lacked.most_specific) for lacked in missed
        ]
        order, partial = holders_first(scores, order, shares, lacking, gone)
        order = order[:want] if want else order
        listed = self.evidence_lists([scores[at].votes for at in order], text, source)
        evidence = dict(zip(order, listed, strict=True))
        return [
            Answer(
                rank=rank,
                person_id=scores[at].person_id,
                name=entries[scores[at].person_id].name,
                score=scores[at].score,
                title=entries[scores[at].person_id].title,
                department=entries[scores[at].person_id].department,
                evidence=evidence[at],
                learner=scores[at].learner,
                left_on=(left := persons.left_on(entries[scores[at].person_id].end_date)),
                outside=scores[at].person_id in outside and left is None,
                missing=missed[at].words,
                partial=at in partial,
            )
            for rank, at in enumerate(order, 1)
        ]

    def bridges(self, text: str) -> list[Bridge]:
        """The words of ``text`` that no item holds, and the organisation's words in another
        language that were searched for them (``index.bridge``)."""
        visible, evidence = self.workspace.visible_people(), self.workspace.evidence()
        conn = self.workspace.store().conn
        return [
            bridge_as_written(conn, evidence, bridge, visible)
            for bridge in evidence.bridges(as_asked(self.workspace, text), visible)
        ]

    def unheld_words(self, text: str, bridges: list[Bridge] | None = None) -> UnheldWords:
        """The words of ``text`` no item someone may be shown for holds, less those bridged
        (``bridges``: the text's, when the caller has them): what the answer is told it could
        not match ("no evidence mentions spark")."""
        # (the question as written, even while an older index is served and the ranking reads
        # it without hidden people's names: the notice would otherwise tell who opted out)
        found = self.bridges(text) if bridges is None else bridges
        # (by their terms: "postgres's", "postgres-backup" hold the bridged "postgres")
        bridged = frozenset(term for bridge in found for term in tokenize(bridge.word))
        return self.workspace.evidence().unheld_words(
            text, self.workspace.visible_people(), bridged
        )

    def evidence_views(self, votes: list[EvidenceVote], text: str) -> list[EvidenceView]:
        """A person's distinct matching items, most contributing first, with snippets."""
        return self.evidence_lists([votes], text)[0]

    def evidence_lists(
        self, people_votes: list[list[EvidenceVote]], text: str, source: str | None = None
    ) -> list[list[EvidenceView]]:
        """:meth:`evidence_views` of several people (``services.evidence_views``)."""
        return evidence_lists(self.workspace, people_votes, text, source)

    def explain(
        self,
        text: str,
        person_ids: list[int],
        since: str | None = None,
        ranker: str = DEFAULT_RANKER,
    ) -> dict[int, Explanation]:
        """The feature values behind each person's score for ``text`` (the "why" of a score)."""
        model = get_ranker(ranker, self.workspace.settings)
        evidence = self.workspace.evidence()
        if not isinstance(model, FeatureRanker):
            return {p: Explanation(f"ranker {ranker} gives no breakdown", []) for p in person_ids}
        candidates = model.builder(evidence).rows_of(
            text, frozenset(person_ids), since=epoch(since, "since")
        )
        summary = FIXED_SUMMARY
        if self.serving_ranker(ranker) == "learned":
            shipped = evidence.model is not None and evidence.model.meta.get("model") == "default"
            summary = SHIPPED_SUMMARY if shipped else OWN_SUMMARY
        explained: dict[int, Explanation] = {}
        for person_id in person_ids:
            row = candidates.features[candidates.people.index(person_id)]
            values = [FeatureValue(n, float(v)) for n, v in zip(FEATURES, row, strict=True)]
            explained[person_id] = Explanation(summary, values)
        return explained

    def serving_ranker(self, ranker: str = DEFAULT_RANKER) -> str:
        """The ranker that actually scores: ``learned`` without a usable model (too little
        history) scores as ``hybrid-prior``."""
        model = self.workspace.evidence().model
        if ranker == "learned" and (model is None or not model.usable):
            return "hybrid-prior"
        return ranker

    def sources(self) -> list[str]:
        return self.workspace.per_generation("sources", persons.sources)

    def departments(self, min_size: int = 1) -> list[str]:
        """The departments of the visible people; with ``min_size``, those of at least that
        many people (aggregate-only mode never lets a smaller group be picked out)."""
        sizes = self.workspace.per_generation("departments", persons.department_sizes)
        return [name for name, size in sizes.items() if size >= min_size]

    # -- person <-> text ---------------------------------------------------------------------
    def match(
        self,
        person: str,
        text: str,
        ranker: str = DEFAULT_RANKER,
        bridges: list[Bridge] | None = None,
    ) -> Match:
        """``score``'s figures (``bridges``: the text's, when the caller has them already)."""
        if not text.strip():
            raise UsageError(N_("the text is empty"), N_("give the text to match: an abstract"))
        require_text(text)
        person_id = self.people.visible(person, self.workspace.directory())
        model = get_ranker(ranker, self.workspace.settings)
        if not isinstance(model, FeatureRanker):
            cannot = N_("ranker %(name)s cannot score one person")
            raise UsageError(cannot, N_("use a built-in ranker"), name=repr(ranker))
        also = self.bridges(text) if bridges is None else bridges
        evidence = self.workspace.evidence()
        written = WrittenTerms(self.workspace.store().conn, evidence, person_id)
        visible = self.workspace.visible_people()
        asked = as_asked(self.workspace, text)  # (the text as ``rank`` reads it)
        gone = self.standing.gone()
        k = self.workspace.settings.default_k  # (a leaver's place: as ``ask`` lists them)
        found = score_person(model, evidence, person_id, asked, also, written, visible, gone, k)
        rule = HiddenTopics(self.workspace.store().conn)
        if rule.hides(person_id, topic_of(text)) or rule.held_in(
            evidence, person_id, (vote.item_id for vote in found.votes)
        ):  # (refused as for someone not shown: the answer tells nothing of what they hid)
            raise self.people.unknown(person, suggest=False)
        return found

    def placed(self, match: Match, text: str, ranker: str) -> Match:
        """``match`` at the place ``ask`` lists its person (leavers moved, and on a short
        question the holders before the partial matches: ``rank.listing``)."""
        short = len(set(tokenize(text))) <= SHORT_QUESTION_TERMS
        if (self.standing.gone() or short) and not match.learner:
            listed = [answer.person_id for answer in self.ask(text, ranker=ranker)]
            if match.person_id in listed:
                return replace(match, rank=listed.index(match.person_id) + 1)
        return match

    def score(self, person: str, text: str, ranker: str = DEFAULT_RANKER) -> PersonMatch:
        """How well one person's evidence covers ``text``, with the model behind ``ask``."""
        require_words(text)
        bridges = self.bridges(text)
        match = self.placed(self.match(person, text, ranker, bridges), text, ranker)
        entry = persons.directory_entry(self.workspace.store().conn, match.person_id)
        return PersonMatch(
            person_id=match.person_id,
            name=entry.name,
            title=entry.title,
            department=entry.department,
            score=match.score,
            rank=match.rank,
            candidates=match.candidates,
            fit=round(match.fit, 4),
            coverage=round(match.coverage, 4),
            covered=match.covered,
            missing=match.missing,
            evidence=self.evidence_views(match.votes, text),
            learner=match.learner,
            pointer=match.pointer,
            also_searched=bridges,
            not_found=self.unheld_words(text, bridges).words,
        )

    def score_batch(
        self, pairs: list[tuple[str, str, str]], out: Path, ranker: str = DEFAULT_RANKER
    ) -> BatchStats:
        """Score (pair id, person, text) triples into a TSV; a pair naming no one whoknows may
        score (unknown, opted out, or the text a topic they hid: alike) gets empty figures."""
        started, progress = time.monotonic(), self.workspace.progress
        get_ranker(ranker, self.workspace.settings)  # (an unknown ranker stops the batch first)
        lines = ["pair_id\tperson\tscore\trank\tcandidates\tfit\tcoverage"]
        unscored: list[WhoknowsError] = []
        for done, (pair_id, person, text) in enumerate(pairs, 1):
            try:
                match = self.placed(self.match(person, text, ranker), text, ranker)
                figures = f"{match.score:.6f}\t{match.rank}\t{match.candidates}"
                figures += f"\t{match.fit:.4f}\t{match.coverage:.4f}"
            except WhoknowsError as error:  # (which pair, of thousands: the rest is scored)
                error.where = error.where or f"pair {pair_id}"
                unscored.append(error)
                figures = "\t" * 4
            lines.append(f"{pair_id}\t{person}\t{figures}")
            progress.update("score", done, len(pairs))
        progress.finish("score")
        _write_lines(out, lines)
        seconds = time.monotonic() - started
        return BatchStats(len(pairs), len(lines) - 1, str(out), seconds, tuple(unscored))

    # -- batch runs --------------------------------------------------------------------------
    def labels(self, label_by: str | None) -> dict[int, str]:
        """Person id -> the label written in runs: their native id in one source, or our id."""
        conn = self.workspace.store().conn
        if label_by is None:
            return {row[0]: str(row[0]) for row in conn.execute("SELECT id FROM persons")}
        available = connectors()
        if label_by not in available:
            raise NotFoundError(
                N_("unknown connector %(name)s for --label-by"),
                N_("choose one of: %(names)s"),
                name=repr(label_by),
                names=", ".join(sorted(available)),
            )
        return persons.native_labels(conn, available[label_by].source)

    def ask_batch(
        self,
        queries: list[tuple[str, str]],
        run_path: Path,
        *,
        k: int = 100,
        label_by: str | None = None,
        ranker: str = DEFAULT_RANKER,
        tag: str | None = None,
    ) -> BatchStats:
        """Answer every query and write a TREC run; people without a label are left out."""
        labels = self.labels(label_by)
        tag = tag or f"whoknows-{ranker}"
        started = time.monotonic()
        progress = self.workspace.progress
        lines: list[str] = []
        for done, (query_id, text) in enumerate(queries, 1):
            ranked = self.unhidden(text, 0, None, ranker)
            labelled = [s for s in ranked if s.person_id in labels]
            for rank, scored in enumerate(labelled[:k] if k else labelled, 1):
                label = labels[scored.person_id]
                lines.append(f"{query_id} Q0 {label} {rank} {scored.score:.6f} {tag}")
            progress.update("ask", done, len(queries))
        progress.finish("ask")
        _write_lines(run_path, lines)
        return BatchStats(len(queries), len(lines), str(run_path), time.monotonic() - started)


def _write_lines(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
