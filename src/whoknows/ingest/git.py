"""Git repositories (bare or not), read with `git log --numstat`; .mailmap is honoured."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from subprocess import PIPE
from typing import ClassVar

from whoknows.bots import looks_like_bot
from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._authors import login_of
from whoknows.ingest._git_command import open_git, run_git
from whoknows.ingest._housekeeping import FIXES, FORMATTING, HOUSEKEEPING_BODY_WORDS, housekeeping
from whoknows.ingest._quoted import declares_a_copy
from whoknows.ingest.base import BASE_URL, ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRecord, PersonRef, Record
from whoknows.vocab import ContributionRole

SOURCE = "git"
_RECORD, _FIELD, _END = "\x1e", "\x1f", "\x1d"
# %aN/%aE/%cN/%cE apply .mailmap; %B is the raw message
_FORMAT = _RECORD + _FIELD.join(["%H", "%P", "%aN", "%aE", "%cN", "%cE", "%aI", "%B"]) + _END
# (no external diff, no text conversion: nothing the repository's configuration names runs)
# (changes of spacing ignored in the counts, every file still listed in --raw's lines: a
# commit that changes files and no line but the amount of their spacing is formatting,
# whatever its subject says; not spacing added where there was none: "a=1" to "a = 1")
_LOG = (
    "log",
    "--no-color",
    "--raw",
    "--numstat",
    "--ignore-space-change",
    "--ignore-blank-lines",
    "--no-ext-diff",
    "--no-textconv",
    "--use-mailmap",
)
_CO_AUTHOR = re.compile(r"^Co-authored-by:\s*(.+?)\s*<([^>]+)>\s*$", re.IGNORECASE | re.M)
_PATH_WORDS = re.compile(r"[/._\-]+")
MERGE_WEIGHT = 0.2
BULK_WEIGHT = 0.3
# a revert repeats the reverted commit's words (its subject, "This reverts commit …"): they
# are the reverted author's, not the reverter's
_REVERT = re.compile(
    r'^Revert "|^This reverts commit [0-9a-f]{7,40}\.?\s*$|'
    r"\A\s*(?:back(?:ed|s)? out|undo(?:es|ne)?)\b",
    re.M | re.IGNORECASE,
)
_AREA = re.compile(r"(?:[a-z]+\(([\w./-]{2,30})\)!?|([a-z][\w./-]{1,30}|[A-Z]{2,6})):\s")
_COMMIT_TYPES = frozenset(
    "feat fix chore docs doc style refactor perf test tests build ci revert wip release deps"
    " merge hotfix bugfix todo fixme note".split()
)
_CONFLICTS = re.compile(r"^(?:Conflicts:|#|\t).*$", re.M)  # (git's own lines in a merge's body)
# a merge's subject, on a commit with one parent too (a squashed or cherry-picked merge)
_MERGE_SUBJECT = re.compile(r"\s*Merge (?:pull request #\d+|branch '|remote-tracking branch )")
_CHANGELOG = re.compile(
    r"(?:changelog|changes|history|news|release[-_ ]?notes|notes[-_ ]de[-_ ]version)"
    r"(?:\.(?:md|rst|txt|adoc|markdown))?",
    re.IGNORECASE,
)
# a folder of release notes ("changelog.d/123.fix.md", "docs/releases/next.md"), of meetings'
_NOTES_FOLDER = re.compile(
    r"(?:^|/)(?:changelogs?|changelog\.d|changes\.d|newsfragments|releases?|"
    r"release[-_]?notes|\.changeset)/(?:[^/]+/)*[^/]+\.(?:md|rst|txt|adoc|markdown)$",
    re.IGNORECASE,
)
_NOTED = re.compile(r"^(?:\S+: )?(?:add|updat)\w* (?:\S+ ){,3}meeting.?(?:notes|minutes)\b", re.I)
_MEETINGS = re.compile(
    r"(?:^|/)(?:meetings?|minutes|meeting[-_]notes|comptes?[-_]rendus|réunions?)/(?:[^/]+/)*"
    r"[^/]+\.(?:md|rst|txt|adoc|markdown)$",
    re.IGNORECASE,
)


def _release_notes(path: str) -> bool:
    """Whether a file holds release notes: a changelog, or a note in a folder of them."""
    return bool(_CHANGELOG.fullmatch(PurePosixPath(path).name) or _NOTES_FOLDER.search(path))


# files that say nothing of a subject: a version, what git ignores, who owns what
_BOOKKEEPING = re.compile(
    r"VERSION(?:\.txt)?|version\.txt|\.gitignore|\.gitattributes|\.editorconfig|\.mailmap|"
    r"(?:CODE)?OWNERS|\.dockerignore",
    re.IGNORECASE,
)


# a touch-up of documentation (in a commit that changes documents only): rewording,
# reorganising, tables, links, screenshots, an index's entries; and a forge's default
# subject, a file's name after its verb ("Update README.md")
_DOC_TOUCH_UP = re.compile(
    r"(?:docs?(?:\([^)]*\))?!?\s*:\s*)?(?:(?:reword|rephras|reorgani[sz]|restructur|tid(?:y|ie)|"
    r"reformul|r[ée]organis|mise\s+en\s+forme|"
    r"polish|clean\s?up)\w*\b.*|.*\b(?:formatting|screenshots?|images?|(?:markdown\s+)?tables?|"
    r"(?:broken\s+)?links?|headings?|table\s+of\s+contents|toc)\b.*|"
    r"(?:mention|list|link)\w*\b.*\b(?:in|to|from)\s+the\s+(?:index|sidebar|navigation|nav)\b.*)",
    re.IGNORECASE,
)
_DEFAULT_SUBJECT = re.compile(r"update\s+[\w./-]+\.\w+", re.IGNORECASE)
TOUCH_UP_LINES = 20  # lines added at most by a touch-up ("Update README.md" adding a page writes)
_DOCUMENT = re.compile(r"(?:^|/)(?:docs?|documentation|wiki)/|\.(?:md|markdown|rst|adoc|txt)$")


def _weight(
    is_merge: bool, message: str, files: list[str], added: int, context: IngestContext
) -> float:
    """1, or less for a bulk commit; 0 for a merge, an unexplained revert, formatting, files
    moved, a version bump, a typo fix, release notes or meeting notes (each noted)."""
    if (is_merge or _MERGE_SUBJECT.match(message)) and not _explains(message):
        context.note(N_("git: merge commit, no evidence"))
        return 0.0
    if is_merge:  # (its body says how its conflicts were resolved, and why)
        return MERGE_WEIGHT
    if _REVERT.search(message) and not _explains(message):
        context.note(N_("git: revert commit, no evidence"))
        return 0.0
    if FORMATTING.search(message) or housekeeping(message):
        context.note(N_("git: formatting, files moved, version bump or typo fix, no evidence"))
        return 0.0
    if added < TOUCH_UP_LINES and _touches_up_documents(message, files):
        context.note(N_("git: documentation touched up, no evidence"))
        return 0.0
    moved = added == 0 and all(" => " in f for f in files)  # (renamed, no line changed)
    if files and (moved or all(_BOOKKEEPING.fullmatch(PurePosixPath(f).name) for f in files)):
        context.note(N_("git: formatting, files moved, version bump or typo fix, no evidence"))
        return 0.0  # ("Prepare 3.4.0 release: kafka consumer lag" on VERSION alone)
    if files and all(_release_notes(f) for f in files):
        # (a release's digest names every subject of the release once: the fixes are others')
        context.note(N_("git: changelog or release notes only, no evidence"))
        return 0.0
    if declares_a_copy(message.split("\n")[0], commit=True):  # ("… (copied from the docs)")
        context.note(N_("git: copied from elsewhere, said so, no evidence"))
        return 0.0
    if _NOTED.search(message.split("\n")[0]) or (files and all(map(_MEETINGS.search, files))):
        context.note(N_("git: meeting notes, no evidence"))
        return 0.0  # (the meeting's subjects, written down by one: "Topics discussed: …")
    if len(files) >= context.count(BULK_FILES):
        context.note(N_("git: bulk commit, down-weighted"))
        return BULK_WEIGHT
    return 1.0


def _touches_up_documents(message: str, files: list[str]) -> bool:
    """Whether a commit only rewords, reorganises or formats documents ("docs: fix markdown
    tables", "docs: reorganise billing guide sections") or bears a forge's default subject
    ("Update README.md"), and its body does not explain it."""
    subject, _, body = message.strip().partition("\n")
    if len(re.findall(r"\w+", body)) >= HOUSEKEEPING_BODY_WORDS or FIXES.search(subject):
        return False
    if _DEFAULT_SUBJECT.fullmatch(subject.strip()):
        return not body.strip()  # (a forge's subject above the writer's own words writes)
    documents = bool(files) and all(_DOCUMENT.search(f) for f in files)
    return documents and bool(_DOC_TOUCH_UP.fullmatch(subject.strip()))


def _area(subject: str) -> list[str]:
    """The part of the code a subject names before its colon, as a tag ("billing: prorate
    plan changes", "fix(auth): …", "net/http: …"): a git workspace's topics, where titles
    seldom repeat a phrase; not a conventional commit's type ("fix:", "docs:")."""
    found = _AREA.match(subject.strip())
    area = (found.group(1) or found.group(2) or "").lower() if found else ""
    return [area] if area and area not in _COMMIT_TYPES else []


def _explains(message: str) -> bool:
    """Whether a commit's body says more than the subject: the reason of a revert, how a
    merge's conflicts were resolved (not git's list of the conflicting files)."""
    body = _REVERT.sub("", _CONFLICTS.sub("", message.strip().partition("\n")[2]))
    return len(re.findall(r"\w+", body)) >= HOUSEKEEPING_BODY_WORDS


BULK_FILES = ConnectorOption(
    "bulk-files",
    N_("a commit touching at least this many files is a bulk commit (down-weighted)"),
    default=50,
)


class GitConnector:
    """git: commits (bare or not): author, message, touched files and lines; `.mailmap` honoured;
    bulk commits down-weighted; merges, reverts, formatting (by its subject, or files that
    differ only in spacing, Python, YAML and Makefiles aside), files moved, copies said so,
    version bumps and typo fixes no evidence (edits); bots excluded"""

    name: ClassVar[str] = "git"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("a local git repository, bare or not (.mailmap honoured)")
    options: ClassVar[tuple[ConnectorOption, ...]] = (BASE_URL, BULK_FILES)

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if not path.is_dir():
            context.problem(path, None, N_("not a folder"), N_("give the repository's folder"))
            return
        check = run_git(path, "rev-parse", "--git-dir", capture_output=True, text=True, check=False)
        if check.returncode != 0:
            context.problem(
                path, None, N_("not a git repository"), N_("give a repository (bare or not)")
            )
            return
        head = run_git(
            path, "rev-parse", "--verify", "-q", "HEAD", capture_output=True, check=False
        )
        if head.returncode != 0:
            context.skip(N_("git: repository without commits"))
            return
        origin = run_git(
            path, "config", "--get", "remote.origin.url", capture_output=True, text=True
        ).stdout.strip()
        base = (context.base_url or _web_url(origin)).rstrip("/")
        process = open_git(path, *_LOG, f"--format={_FORMAT}", stdout=PIPE, stderr=PIPE)
        assert process.stdout is not None
        buffer = ""
        try:
            for chunk in iter(lambda: process.stdout.read(1 << 16), b""):  # type: ignore[union-attr]
                buffer += chunk.decode("utf-8", errors="replace")
                *complete, buffer = buffer.split(_RECORD)
                for raw in complete:
                    if raw.strip():
                        item = self._commit(raw, path, base, context)
                        if item is not None:
                            yield item
            if buffer.strip():
                item = self._commit(buffer, path, base, context)
                if item is not None:
                    yield item
        finally:
            process.stdout.close()
            error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            code = process.wait()
        if code != 0:
            context.problem(
                path, None, N_("git log failed (%(error)s)"), error=error.strip().splitlines()[-1:]
            )
            return
        yield from _mapped_logins(path)

    def _commit(self, raw: str, repo: Path, base: str, context: IngestContext) -> ItemRecord | None:
        header, _, numstat = raw.partition(_END)
        fields = header.split(_FIELD)
        if len(fields) != 8:
            sha = fields[0].strip()[:40]  # the first field, when the output is readable at all
            where = Position.named(f"commit {sha}") if sha.isalnum() else None
            context.problem(repo, where, N_("unexpected git log output"))
            return None
        sha, parents, a_name, a_email, c_name, c_email, a_date, message = fields
        files, added, deleted, changed = _changes(numstat)
        author = self._ref(a_name, a_email)
        if author.is_bot:
            context.skip(N_("git: commit by a bot"))
            return None
        is_merge = len(parents.split()) > 1
        weight = _weight(is_merge, message, files, added, context)
        if weight and changed > 0 and not files:
            context.note(N_("git: formatting, files moved, version bump or typo fix, no evidence"))
            weight = 0.0  # (only spacing changed: "Reformat with black", "terraform fmt")
        wrote = ContributionRole.AUTHOR if weight else ContributionRole.EDITOR
        contributions = [Contribution(author, wrote, weight or MERGE_WEIGHT)]
        for co_name, co_email in _CO_AUTHOR.findall(message):
            co_author = self._ref(co_name, co_email)
            if not co_author.is_bot and co_email.lower() != a_email.lower():
                contributions.append(Contribution(co_author, wrote, weight or MERGE_WEIGHT))
        if c_email.lower() != a_email.lower():
            committer = self._ref(c_name, c_email)
            if not committer.is_bot:
                role = ContributionRole.COMMITTER if weight else ContributionRole.EDITOR
                contributions.append(Contribution(committer, role, (weight or MERGE_WEIGHT) / 2))
        subject, _, body = message.strip().partition("\n")
        touched = len(files)
        if is_merge or weight != 1.0:
            # (a merge's files are its branch's changes, its commits' authors' work; a bulk or
            # housekeeping commit's name every part of the code, and no subject)
            files = []
        path_words = " ".join(sorted({w for f in files for w in _PATH_WORDS.split(f) if w}))
        return ItemRecord(
            source=SOURCE,
            native_id=sha,
            kind="merge" if is_merge else "commit",
            title=subject.strip() or sha[:12],
            tags=_area(subject),
            text="\n".join(filter(None, [subject.strip(), body.strip(), *files[:200]])),
            date=datetime.fromisoformat(a_date),
            url=f"{base}/commit/{sha}" if base else None,
            context=path_words,
            contributions=contributions,
            signals={
                "files": float(touched),
                "lines_added": float(added),
                "lines_deleted": float(deleted),
            },
            meta={"repository": repo.resolve().name},
        )

    @staticmethod
    def _ref(name: str, email: str) -> PersonRef:
        return PersonRef(
            SOURCE,
            email.lower() or name,
            name=name or None,
            email=email or None,
            handle=_login(name, email),
            is_bot=looks_like_bot(name, email),
        )


def _login(name: str, email: str) -> str | None:
    """The login a commit is signed with, where its author's name is their address's first
    part, a machine's ("lfontaine <lfontaine@buildfarm-01.brume.local>"): the handle a
    directory may list for the person (a studio's build expert was a second, "outside", person
    for her build-farm commits); never a system's shared account (``_authors.login_of``)."""
    return login_of(name) if name == email.partition("@")[0] else None


# a .mailmap line giving a login's commits to a person ("Kevin Nguyen <kevin@lab.example>
# nightowl <nightowl@login01>"): the login is theirs on the forge too
_MAPPED_LOGIN = re.compile(
    r"^\s*([^<>#]*?[^\s<>#])\s*<([^<>\s]+@[^<>\s]+)>\s+([\w][\w.-]*)\s*<[^<>]*>"
)


def _mapped_logins(repo: Path) -> Iterator[PersonRecord]:
    """A profile for each person the repository's ``.mailmap`` gives a login's commits to,
    holding that login (:mod:`whoknows.identity.mapped_logins` joins the forge's account)."""
    shown = run_git(repo, "show", "HEAD:.mailmap", capture_output=True, text=True, check=False)
    if shown.returncode != 0:
        return
    for line in shown.stdout.splitlines():
        if (found := _MAPPED_LOGIN.match(line)) is not None and not looks_like_bot(found[3]):
            name, address, login = found[1], found[2], found[3]
            ref = PersonRef(SOURCE, address.lower(), name=name, email=address)
            yield PersonRecord(ref=ref, handles=[login])


# files whose indentation is their meaning: a change of spacing alone may change what they do
_LAYOUT = re.compile(
    r"\.(?:py|pyi|pyx|ya?ml|sass|styl|pug|jade|haml|slim|coffee|nim|fs|fsx|hs|elm|cabal|mk|mak|"
    r"bzl|rst|md)\"?$|(?:^|/)(?:GNU)?[Mm]akefile(?:\.am|\.in)?\"?$|(?:^|/)BUILD(?:\.bazel)?\"?$",
)


def _changes(numstat: str) -> tuple[list[str], int, int, int]:
    """A commit's files whose lines changed (spacing aside), the lines added and deleted, and
    how many files it changed at all (--raw's lines, spacing or not), none of them if one is a
    file whose indentation is its meaning (Python, YAML, a Makefile: re-indenting a line into a
    loop fixes a bug)."""
    files, added, deleted, changed = [], 0, 0, 0
    for line in numstat.strip().splitlines():
        parts = line.split("\t")
        if line.startswith(":"):
            laid_out = any(_LAYOUT.search(path) for path in parts[1:])
            changed = -1 if laid_out or changed < 0 else changed + 1
        elif len(parts) == 3:
            files.append(parts[2])
            added += int(parts[0]) if parts[0].isdigit() else 0
            deleted += int(parts[1]) if parts[1].isdigit() else 0
    return files, added, deleted, changed


def _web_url(origin: str) -> str:
    """https URL of a repository from its origin remote, or '' if it is not a web host."""
    if origin.startswith(("https://", "http://")):
        return origin.removesuffix(".git")
    match = re.match(r"^git@([^:]+):(.+?)(\.git)?$", origin)
    return f"https://{match.group(1)}/{match.group(2)}" if match else ""
