"""What a commit's subject says of it when it changes how things look and not what they do:
formatting, a version bumped, dependencies updated, a typo fixed, copyright headers, who owns
what. Read by :mod:`.git` (a housekeeping commit is no evidence)."""

from __future__ import annotations

import re

# a formatting commit changes how code looks, not what it does ("style: …", "Reformat the
# codebase with black", "cargo fmt"); not "Reformat the date output", "Format code snippets"
FORMATTING = re.compile(
    r"^style(?:\([^)]*\))?!?:|\breformat(?:ted|ting)? (?:the |all )?(?:code|codebase|files|"
    r"sources?|project|repo)(?: with| using|\s*$)|\b(?:apply|run|ran) (?:black|prettier|gofmt|"
    r"isort|clang-format|rustfmt|ruff format|eslint --fix|pre-commit)\b|"
    r"\b(?:cargo|terraform|tofu|go|mix|dotnet|dart|zig|deno|nix) (?:fmt|format)\b|"
    r"^(?:\w+(?:\([^)]*\))?!?:\s*)?re-?format(?:ted|ting)?\s+(?:with|using|by)\s+\S+\W*$|"
    r"^(?:black|gofmt|prettier|isort|rustfmt|clang-format)\b|"
    r"\b(?:formatage|mise en forme) (?:automatique )?(?:du |de tout le |sur tout le |"
    r"de l['’]ensemble du )?"
    r"(?:code|d[ée]p[ôo]t|projet)\b|"
    r"\((?:black|prettier|isort|gofmt|rustfmt|ruff|eslint)(?:,\s*(?:black|prettier|isort|gofmt|"
    r"rustfmt|ruff|eslint))*\)",
    re.IGNORECASE | re.M,
)


_VERSION = r"v?\d+(?:\.\d+)+(?:[-+][\w.]+)?|v\d+"


# housekeeping: a subject that only formats ("format code", "fix formatting", "lint fixes"),
# bumps a version ("chore: bump version to 1.44.0", "Release v2.3.0", "Montée de version 2.4.0")
# or fixes a typo ("fix typo in docs", "Corrige une coquille"), perhaps with a conventional
# type before it and a place after it ("format code in VAT rounding", "lint fixes (billing)");
# not "Fix the typo that broke the consumer group id", "Fix date formatting in invoices"
_HOUSEKEEPING = re.compile(  # (after a conventional type, "chore:", or a tag, "[release]")
    r"(?:\[[\w .-]{1,30}\]\s*)*(?:[a-z]+(?:\([^)]*\))?!?:\s*)?(?:"
    r"(?:re)?format(?:ted|ting|age)?(?:\s+(?:the\s+|all\s+|du\s+)?(?:code|codebase|files|sources?))?|"
    r"(?:fix(?:ed)?|apply|applied|code)\s+formatting|reformatage|"
    r"(?:fix(?:ed)?\s+|corrections?\s+(?:de\s+|du\s+)?)?lint(?:ing)?"
    r"(?:\s+(?:errors|issues|warnings|fixes))?|"
    rf"prepare\s+(?:{_VERSION})\s+release|"
    r"(?:bump(?:ed|s)?(?:\s+the)?\s+version|bump(?:ed|s)?|(?:prepare\s+|cut\s+)?release|version|"
    r"(?:update[ds]?|set|change[ds]?)\s+(?:the\s+)?(?:project\s+)?version|"
    r"mont[ée]e\s+de\s+version|passage\s+en\s+version|publication\s+de\s+la\s+version|"
    rf"(?:new|nouvelle)\s+version)(?:\s+(?:to|en|vers))?(?:\s+(?:{_VERSION}))?|{_VERSION}|"
    r"(?:fix(?:ed|es)?\s+)?(?:a\s+|some\s+|the\s+)?(?:typos?|spelling(?:\s+mistakes?)?|"
    r"misspellings?)|"
    r"(?:fix(?:ed)?\s+)?whitespace(?:\s+(?:cleanup|fixes?|changes))?|(?:appease|satisfy|please)\s+"
    r"(?:flake8|pylint|mypy|eslint|ruff|the\s+linter)|sort(?:ed)?\s+(?:the\s+)?imports|"
    r"pin(?:ned|s)?\s+[\w.-]+(?:\s+to\s+(?:{_VERSION}))?|"
    r"suppression\s+des\s+imports\s+inutilis[ée]s|"
    r"(?:corrections?|corrig\w*)\s+(?:de\s+|d['’]\s*(?:une\s+)?|une\s+|des\s+|les\s+)?"
    r"(?:coquilles?|fautes?\s+de\s+frappe|typos?)|(?:coquilles?|fautes?\s+de\s+frappe)|"
    # dependencies, lock files, copyright and licence headers, configuration formatting
    r"(?:bump(?:ed|s)?|update[ds]?|upgrade[ds]?)\s+(?:all\s+|the\s+)?(?:dependencies|deps|"
    r"lock\s?files?|package-lock\.json|yarn\.lock|poetry\.lock)|dependency\s+updates?|"
    r"mise\s+[àa]\s+jour\s+des\s+d[ée]pendances|"
    r"(?:(?:re)?vendor(?:ed|ing|s)?|(?:update[ds]?|bump(?:ed|s)?)\s+(?:the\s+)?vendored)\s+"
    r"(?:the\s+)?[\w.@/+-]+(?:\s+v?\d[\w.]*(?:\s+(?:client|library|lib|sdk|package|module))?|"
    r"\s+(?:client|library|lib|sdk|package|module|crate|gem|dependenc(?:y|ies)|deps|readme))|"
    r"(?:remove[ds]?|delete[ds]?|drop(?:ped|s)?|clean(?:ed)?\s?up)\s+(?:the\s+)?unused\s+"
    r"(?:imports?|variables?|code)|(?:update[ds]?|add(?:ed|s)?)\s+(?:the\s+)?\.gitignore|"
    r"update[ds]?\s+(?:the\s+)?(?:copyright|licen[cs]e)(?:\s+(?:headers?|years?|notices?))?|"
    r"(?:re)?format(?:ted)?\s+(?:the\s+|all\s+)?(?:configs?|configuration|ya?ml|json)(?:\s+files)?"
    r")(?:\s+(?:in|of|for|on|from|dans|du|de|des|sur)\s+[^.!?:;]{1,40}|\s*\([^)]*\))?[.!]?",
    re.IGNORECASE,
)


# a dependency update by its conventional scope ("chore(deps): update dependency kafka-python")
_DEPENDENCIES = re.compile(r"(?:chore|build|ci|fix)\((?:deps?|deps-dev|dependencies)\)!?:")


# who owns what (an OWNERS or CODEOWNERS file): names the experts, tells nothing of the subject
_OWNERS = re.compile(
    r"(?:[a-z]+(?:\([^)]*\))?!?:\s*)?(?:update[ds]?|add(?:ed|s)?|edit(?:ed|s)?|change[ds]?)\s+"
    r"(?:the\s+)?(?:code)?owners(?:\s+files?)?\b.*|mise\s+[àa]\s+jour\s+des\s+responsables\b.*",
    re.IGNORECASE,
)


# what a subject says of a fix ("Update dependencies for log4j CVE fix", "fix typo in lock
# table name that broke CI", "Bump version of the Kafka client for the rebalance bug") and the
# formatting of values, not code ("Formatage des montants dans l'export SEPA")
FIXES = re.compile(
    r"\b(?:cve-?\d*|bug|broke|breaks|broken|crash\w*|vulnerab\w*|security|fail\w*|incident|"
    r"outage|regression|leak|reject\w*|cass\w*|plant\w*|r[ée]gression|faille)\b|"
    r"^(?:\w+(?:\([^)]*\))?!?:\s*)?(?:re)?format\w*\s+(?:of|for|des|de|du|d['’])\s+"
    r"(?!(?:the\s+)?(?:code|codebase|files|sources?|tout le code)\b)|"
    r"^(?:\w+(?:\([^)]*\))?!?:\s*)?(?:add\s+)?(?:a\s+)?lint(?:ing)?\s+(?:rules?\s+)?(?:for|against)\b|"
    # a typo in what a program reads is a fix ("Fix typo in Vault policy path"): it did not work
    r"\b(?:typos?|misspel\w*|coquilles?|fautes?\s+de\s+frappe)\b"
    r"(?:(?!\b(?:docs?|documentation|readme|comments?|docstrings?|messages?|help|changelog)\b)"
    r"[^.!?:;]){0,40}?\b(?:paths?|urls?|uris?|endpoints?|host(?:names?)?|ports?|keys?|"
    r"quer(?:y|ies)|selectors?|regexp?s?|polic(?:y|ies)|env(?:ironment)?\s+var\w*|ids?|"
    r"names?|buckets?|topics?|tables?|columns?|fields?|groups?|configs?|configuration|"
    r"settings?|values?|queues?|roles?|secrets?|labels?|flags?|records?|schedules?|crons?|"
    r"chemins?|cl[ée]s?|requ[êe]tes?|politiques?|adresses?|noms?|files?\s+\w+|"
    r"param[èe]tres?|valeurs?)\b",
    re.IGNORECASE,
)


# a typo in words for people (a docstring, a comment, a message): the place it names is no
# fix, whatever its words ("leak detection"); unless the typo broke something
_TYPO_IN_WORDS = re.compile(
    r"(?:\w+(?:\([^)]*\))?!?:\s*)?(?:fix(?:ed|es)?|correct(?:ed|s)?)\s+(?:a\s+|some\s+|the\s+)?"
    r"(?:typos?|spelling)\s+in\s+[^.!?:;]{0,40}?\b(?:docstrings?|comments?|docs?|documentation|"
    r"readme|(?:log\s+|error\s+)?messages?|help(?:\s+text)?)\W*",
    re.IGNORECASE,
)


_BROKE = re.compile(r"\b(?:broke|breaks|broken|crash\w*|fail\w*)\b", re.IGNORECASE)


HOUSEKEEPING_BODY_WORDS = 20  # a body that explains is a change's account, not housekeeping


def housekeeping(message: str) -> bool:
    """Whether a commit only formats, bumps a version or the dependencies, fixes a typo,
    updates copyright headers or says who owns what: by its subject (its first line), unless
    the subject names a fix or the body explains the change."""
    subject, _, body = message.strip().partition("\n")
    subject = subject.strip()
    if len(re.findall(r"\w+", body)) >= HOUSEKEEPING_BODY_WORDS:
        return False
    if _TYPO_IN_WORDS.fullmatch(subject):  # ("fix typo in leak detection docstring")
        return not _BROKE.search(subject)
    if FIXES.search(subject):
        return False
    return bool(
        _HOUSEKEEPING.fullmatch(subject)
        or _OWNERS.fullmatch(subject)
        or _DEPENDENCIES.match(subject)
    )


__all__ = ["FIXES", "FORMATTING", "HOUSEKEEPING_BODY_WORDS", "housekeeping"]
