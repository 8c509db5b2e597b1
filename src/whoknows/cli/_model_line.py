"""The line `whoknows reindex` prints about the learned ranker: which model it will use, learnt
from what, and the figures that chose it, in the reader's language."""

from __future__ import annotations

from typing import Any

from whoknows.i18n import N_, Translator


def model_line(t: Translator, model: dict[str, Any]) -> str:
    """What the learned ranker will use, and on what evidence, in the reader's language."""
    from whoknows.rank.learned import MIN_QUERIES

    def number(key: str, digits: int = 0) -> str:
        value = model.get(key)
        return t.format_number(value, digits) if isinstance(value, int | float) else "?"

    figures = {
        "count": number("usable_queries"),
        "needed": t.format_number(MIN_QUERIES),
        "held_out": number("held_out_queries"),
        "learned": number("held_out_ndcg10_learned", 3),
        "prior": number("held_out_ndcg10_hybrid_prior", 3),
        "default": number("history_ndcg10_default", 3),
        "history_prior": number("history_ndcg10_hybrid_prior", 3),
        "held_out_default": number("held_out_ndcg10_default", 3),
        "own": number("held_out_ndcg10_own", 3),
    }
    figures["few"] = _history_phrase(t, model) % figures
    figures["history"] = _trained_on(t, model) % figures
    said = t.gettext(_model_message(model)) % figures
    if model.get("model") == "default" and model.get("default_model") in _DEFAULTS:
        said += t.gettext(_DEFAULTS[str(model["default_model"])])
        if "history_ndcg10_default_activity" in model:  # (the figures that chose it)
            said += t.gettext(_CHOSEN) % {
                "evidence": number("history_ndcg10_default_evidence", 3),
                "activity": number("history_ndcg10_default_activity", 3),
            }
    elif model.get("use_model") and "reads_activity" in model:  # (a model of its own)
        said += t.gettext(_OWN[bool(model["reads_activity"])]) % {
            "evidence": number("held_out_ndcg10_evidence_alone", 3),
            "activity": number("held_out_ndcg10_with_activity", 3),
        }
    return said


def _history_phrase(t: Translator, model: dict[str, Any]) -> str:
    """How many past questions the model could learn from, and what they were: a workspace
    of documents and commits has no questions, its writings are read as such."""
    count = int(model.get("usable_queries") or 0)
    judged = "held_out_ndcg10_own" in model  # (a model of its own was judged: figures follow)
    if not model.get("pseudo_queries"):
        if judged:
            return t.ngettext(
                "%(count)s usable past question", "%(count)s usable past questions", count
            )
        return t.ngettext(
            "only %(count)s usable past question (needs %(needed)s)",
            "only %(count)s usable past questions (needs %(needed)s)",
            count,
        )
    if model.get("thread_queries"):
        if judged:
            return t.ngettext(
                "%(count)s usable past question (answered threads, and writings read as questions)",
                "%(count)s usable past questions (answered threads, and writings read as"
                " questions)",
                count,
            )
        return t.ngettext(
            "only %(count)s usable past question (answered threads, and writings read as"
            " questions; needs %(needed)s)",
            "only %(count)s usable past questions (answered threads, and writings read as"
            " questions; needs %(needed)s)",
            count,
        )
    if judged:
        return t.ngettext(
            "%(count)s usable writing read as a question (no answered threads: documents,"
            " commits, messages)",
            "%(count)s usable writings read as questions (no answered threads: documents,"
            " commits, messages)",
            count,
        )
    return t.ngettext(
        "only %(count)s usable writing read as a question (no answered threads: documents,"
        " commits, messages; needs %(needed)s)",
        "only %(count)s usable writings read as questions (no answered threads: documents,"
        " commits, messages; needs %(needed)s)",
        count,
    )


def _trained_on(t: Translator, model: dict[str, Any]) -> str:
    """What a model of the workspace's own learnt from."""
    count = int(model.get("usable_queries") or 0)
    if not model.get("pseudo_queries"):
        return t.ngettext("%(count)s past question", "%(count)s past questions", count)
    if model.get("thread_queries"):
        return t.ngettext(
            "%(count)s past question (answered threads, and writings read as questions)",
            "%(count)s past questions (answered threads, and writings read as questions)",
            count,
        )
    return t.ngettext(
        "%(count)s writing read as a question (documents, commits, messages)",
        "%(count)s writings read as questions (documents, commits, messages)",
        count,
    )


# which of the two shipped defaults (the history chose, see ``rank.learned``)
_DEFAULTS = {
    "evidence": N_("; the default that reads the topic's evidence alone"),
    "activity": N_("; the default that weighs recent activity too"),
}
_CHOSEN = N_(
    " (nDCG@10 %(evidence)s with the evidence alone, %(activity)s with activity: activity"
    " only when better beyond noise)"
)

# whether a model of the workspace's own reads activity (its history chose, see
# ``rank.learned``)
_OWN = {
    False: N_(
        "; it reads the topic's evidence alone (nDCG@10 %(evidence)s, %(activity)s with"
        " activity: activity only when it ranks them better)"
    ),
    True: N_(
        "; it weighs recent activity too (nDCG@10 %(activity)s, %(evidence)s with the evidence"
        " alone: activity only when it ranks them better)"
    ),
}


def _model_message(model: dict[str, Any]) -> str:
    """The message (untranslated) that says what the learned ranker will use."""
    if model.get("model") == "default":
        said = N_(
            "learned ranker: %(few)s; uses the default model shipped with whoknows, trained on"
            " public communities' histories"
        )
        if "history_ndcg10_default" in model:
            said = N_(
                "learned ranker: %(few)s; uses the default model shipped with whoknows, trained"
                " on public communities' histories (on those questions nDCG@10 %(default)s vs"
                " %(history_prior)s for hybrid-prior, not worse beyond noise)"
            )
        if "held_out_ndcg10_own" in model:
            said = N_(
                "learned ranker: %(few)s; uses the default model shipped with whoknows, trained"
                " on public communities' histories (on the latest %(held_out)s, nDCG@10"
                " %(held_out_default)s vs %(own)s for a model of its own and %(prior)s for"
                " hybrid-prior)"
            )
    elif model.get("use_model") and "held_out_ndcg10_default" in model:
        said = N_(
            "learned ranker: trained on %(history)s; on the latest %(held_out)s,"
            " held out, nDCG@10 %(learned)s vs %(held_out_default)s for the default model and"
            " %(prior)s for hybrid-prior"
        )
    elif model.get("use_model"):
        said = N_(
            "learned ranker: trained on %(history)s; on the latest %(held_out)s,"
            " held out, nDCG@10 %(learned)s vs %(prior)s for hybrid-prior (not worse beyond"
            " noise)"
        )
    elif "held_out_ndcg10_learned" in model:
        said = N_(
            "learned ranker: falls back to hybrid-prior: on the latest %(held_out)s past"
            " questions, held out, the model ranked worse beyond noise (nDCG@10 %(learned)s vs"
            " %(prior)s)"
        )
    elif "history_ndcg10_default" in model:
        said = N_(
            "learned ranker: falls back to hybrid-prior: %(few)s, and the default model ranked"
            " them worse beyond noise (nDCG@10 %(default)s vs %(history_prior)s)"
        )
    else:
        said = N_("learned ranker: falls back to hybrid-prior: %(few)s")
    return said
