"""Erasure deletes only the reports whoknows wrote, exactly as it wrote them (B6 of a privacy
officer's outside attack): the list of reports was plain text, one path a line, so that
``report --out $'/tmp/x\\n/tmp/victim'`` added a line of the user's choosing and the erasure
deleted the user's own file there, while the reports written into the folder with a newline
escaped both the erasure and the scan; lines added by hand (a user's page, a copy, a symlink,
a "../" path, a report the user had overwritten with notes of their own) were deleted too."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from click.testing import CliRunner

from whoknows.cli.main import cli
from whoknows.demo import load_engagement, set_up_engagement
from whoknows.privacy.report_manifest import MANIFEST, shown_path, written_reports
from whoknows.report import write_report
from whoknows.services import Services

ENGAGEMENT = load_engagement().name
SLUG = "platform-resilience"


def _cli(workspace: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--quiet", "--workspace", str(workspace), *args])
    return result.exit_code, result.stdout, result.stderr


def _victim(folder: Path, name: str = f"{SLUG}.html", text: str = "Raj Patel user file") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _add_entry(workspace: Path, path: str, data: bytes) -> None:
    entry = {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    with (workspace / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write(json.dumps(entry) + "\n")


def test_a_newline_in_out_names_one_folder_whose_reports_go_and_nothing_else(
    demo: Services, tmp_path: Path
) -> None:
    set_up_engagement(demo)
    workspace = demo.settings.workspace
    demo.close()
    victim = _victim(tmp_path / "victim")
    odd = f"{tmp_path}/outB\n{tmp_path}/victim"
    code, out, _ = _cli(workspace, "report", ENGAGEMENT, "--out", odd)
    assert code == 0, out
    written = [Path(odd) / f"{SLUG}{suffix}" for suffix in (".html", ".pdf", ".pptx")]
    assert all(path.is_file() for path in written)
    # one path a line, whatever the folder's name holds
    assert out.splitlines() == [f"wrote {shown_path(path)}" for path in written]
    assert {entry.path for entry in written_reports(workspace)} >= set(written)

    code, out, _ = _cli(workspace, "privacy", "scan", "Raj Patel")
    assert code == 1 and any(line.startswith(shown_path(written[0])) for line in out.splitlines())
    assert not any(line.startswith(str(victim)) for line in out.splitlines())

    code, out, _ = _cli(workspace, "people", "erase", "Raj Patel", "--yes")
    assert code == 0, out
    assert victim.read_text(encoding="utf-8") == "Raj Patel user file"
    assert not any(path.exists() for path in written)
    assert f"deleted report (it mentioned them; generate it again): {shown_path(written[0])}" in (
        out.splitlines()
    )
    assert not written_reports(workspace)


def test_lines_added_by_hand_delete_nothing(demo: Services, tmp_path: Path) -> None:
    set_up_engagement(demo)
    workspace = demo.settings.workspace
    report = write_report(demo, ENGAGEMENT, out=tmp_path / "outA")
    data = report.html.read_bytes()
    victim = tmp_path / "victim"
    fake = _victim(victim, "fake.html", "<p>Raj Patel, my own page</p>")
    copy = victim / "copy-of-report.html"
    copy.write_bytes(data)
    target = _victim(victim, "target.html", "<p>Raj Patel</p>")
    link = victim / "link.html"
    link.symlink_to(target)
    (tmp_path / "linked").symlink_to(victim)  # a folder that is a link to the user's
    with (workspace / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write(f"{fake}\n{copy}\n")  # (lines as the list used to hold them)
    _add_entry(workspace, str(fake), b"what whoknows never wrote")
    _add_entry(workspace, str(link), target.read_bytes())  # (right digest, but a symlink)
    _add_entry(workspace, str(tmp_path / "linked" / copy.name), data)  # (through a link)
    _add_entry(workspace, f"{tmp_path}/outA/../victim/copy-of-report.html", data)
    _add_entry(workspace, "../victim/copy-of-report.html", data)
    notes = _victim(victim, "notes.txt", "Raj Patel's notes")
    _add_entry(workspace, str(notes), notes.read_bytes())  # (not a report)

    result = demo.privacy.erasure("Raj Patel")
    for path in (fake, copy, target, notes):
        assert path.exists() and str(path) not in result.reports_deleted
    assert link.is_symlink() and str(link) not in result.reports_deleted
    assert str(fake) in result.reports_changed  # (it names them: said, not deleted)
    assert str(report.html) in result.reports_deleted and not report.html.exists()


def test_a_report_the_user_changed_is_named_in_a_warning_not_deleted(
    demo: Services, tmp_path: Path
) -> None:
    set_up_engagement(demo)
    workspace = demo.settings.workspace
    outside = write_report(demo, ENGAGEMENT, out=tmp_path / "outC")
    inside = write_report(demo, ENGAGEMENT)  # (the workspace's reports/)
    outside.html.write_text("<p>my notes on Raj Patel's work</p>", encoding="utf-8")
    with inside.pdf.open("ab") as pdf:
        pdf.write(b"\n% Raj Patel, my annotation\n")
    hand = workspace / "reports" / "by-hand.md"  # (never written by whoknows)
    hand.write_text("Raj Patel", encoding="utf-8")
    legacy = workspace / "reports" / "older.html"  # (a report of a version before the list)
    legacy.write_text("<p>Raj Patel</p>", encoding="utf-8")
    demo.close()

    code, out, err = _cli(workspace, "people", "erase", "Raj Patel", "--yes")
    assert code == 0, out
    for path in (outside.html, inside.pdf, hand):
        assert path.exists()
        assert f"so it was not deleted; delete or edit it by hand: {path}" in err
    for path in (outside.pdf, outside.pptx, inside.html, inside.pptx, legacy):
        assert not path.exists() and f"generate it again): {path}" in out
    # still listed (the scan goes on reading them), with the digest of what whoknows wrote
    listed = {entry.path for entry in written_reports(workspace)}
    assert listed == {outside.html, inside.pdf}
    code, out, _ = _cli(workspace, "privacy", "scan", "Raj Patel")
    assert code == 1 and str(outside.html) in out


def test_the_scan_and_the_erasure_follow_no_symlink_put_in_a_report_s_place(
    demo: Services, tmp_path: Path
) -> None:
    set_up_engagement(demo)
    report = write_report(demo, ENGAGEMENT, out=tmp_path / "outD")
    kept = _victim(tmp_path / "victim", "kept.html", "<p>Raj Patel</p>")
    report.html.unlink()
    report.html.symlink_to(kept)
    assert str(report.html) not in {h.path for h in demo.privacy.scan(["Raj Patel"]).hits}
    result = demo.privacy.erasure("Raj Patel")
    assert kept.exists() and report.html.is_symlink()
    assert str(report.html) not in result.reports_deleted + result.reports_changed


def test_the_list_keeps_a_resolved_path_and_the_digest_of_what_was_written(
    demo: Services, tmp_path: Path
) -> None:
    set_up_engagement(demo)
    workspace = demo.settings.workspace
    (tmp_path / "real").mkdir()
    (tmp_path / "via").symlink_to(tmp_path / "real")
    report = write_report(demo, ENGAGEMENT, out=tmp_path / "via" / "sub" / ".." / "out")
    lines = (workspace / MANIFEST).read_text(encoding="utf-8").splitlines()
    entries = {json.loads(line)["path"]: json.loads(line) for line in lines}
    real = os.path.realpath(report.html)
    assert real == str(tmp_path / "real" / "out" / f"{SLUG}.html") and real in entries
    assert entries[real]["sha256"] == hashlib.sha256(report.html.read_bytes()).hexdigest()
    inside = write_report(demo, ENGAGEMENT)  # (in the workspace: by its path in it)
    lines = (workspace / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert str(inside.html.relative_to(workspace)) in {json.loads(line)["path"] for line in lines}


def test_the_list_holds_whatever_path_names_the_workspace(tmp_path: Path) -> None:
    """A reviewer's: a workspace named "a/../ws" read no line of the list, and the next report
    rewrote it empty (the reports written elsewhere were then never erased nor scanned)."""
    from whoknows.privacy.report_manifest import remember_reports

    (tmp_path / "a").mkdir()
    (tmp_path / "ws" / "reports").mkdir(parents=True)
    workspace = tmp_path / "a" / ".." / "ws"
    inside, outside = workspace / "reports" / "r.html", tmp_path / "out" / "r.pdf"
    outside.parent.mkdir()
    for path in (inside, outside):
        path.write_bytes(b"<p>report</p>")
    remember_reports(workspace, [inside])
    remember_reports(workspace, [outside])
    assert len(written_reports(workspace)) == 2
    assert len(written_reports(tmp_path / "ws")) == 2


def test_a_name_is_searched_solid_only_from_words_long_enough() -> None:
    from whoknows.privacy.scan import joined_forms

    assert "noahbecker" in joined_forms(["Noah Becker"])
    assert "analys" not in joined_forms(["Ana Lys"]) and "ana-lys" in joined_forms(["Ana Lys"])
