"""The `scenario` commands and `--scenario NAME` on the commands that read a board."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import Demo

from regietui.store import BoardStore


def _scenario(run, board_file: Path, demo: Demo) -> str:
    """A scenario that moves the portal a quarter later and sets 2027-Q2's capacity."""
    made = run("scenario", "new", "Loket later", "-b", board_file)
    assert made.code == 0, made.err
    ident = made.out.strip()
    edited = run(
        "scenario", "edit", "loket later", f"R-{demo.portal}", "--set", "start=2027-Q2",
        "--set", "end=2027-Q4", "--capacity", "2027-Q2=90", "-b", board_file,
    )  # fmt: skip
    assert (edited.code, edited.out) == (0, f"{ident}: 2 changes\n"), edited.err
    return ident


def test_new_edit_show_and_list_a_scenario_without_touching_the_plan(
    run, board_file: Path, demo: Demo
) -> None:
    ident = _scenario(run, board_file, demo)
    board = BoardStore(board_file).load()
    assert str(board.roadmap[demo.portal].start) == "2027-Q1"
    shown = run("scenario", "show", ident, "--today", "2027-01-04", "-b", board_file)
    assert f"roadmap item R-{demo.portal}: end Q3 2027 → Q4 2027; start Q1 2027 → Q2 2027" in (
        shown.out
    )
    assert "quarter 2027-Q2: added with amount 90" in shown.out
    assert "2027-Q2: adopted 0 + proposed 120 of ? → adopted 0 + proposed 120 of 90 (-30)" in (
        shown.out
    )
    listed = run("scenario", "list", "--json", "-b", board_file)
    [row] = json.loads(listed.out)
    assert (row["id"], row["name"], row["changes"], row["stale"]) == (ident, "Loket later", 2, 0)


def test_scenario_option_reads_the_board_as_the_scenario_has_it(
    run, board_file: Path, demo: Demo
) -> None:
    _scenario(run, board_file, demo)
    plan = run("roadmap", "list", "-b", board_file)
    what_if = run("roadmap", "list", "--scenario", "Loket later", "-b", board_file)
    assert f"R-{demo.portal}   2027-Q1–2027-Q3" in plan.out
    assert f"R-{demo.portal}   2027-Q2–2027-Q4" in what_if.out
    check = run(
        "check", "--json", "--today", "2027-01-04", "--scenario", "Loket later", "-b", board_file
    )
    messages = [f["message"] for f in json.loads(check.out)]
    assert any(
        m.startswith("Q2 2027: adopted 0 of 90 hours; with proposals 120 — 30 over")
        for m in messages
    )
    listed = run("list", "--scenario", "Loket later", "-b", board_file)
    assert listed.code == 0 and "Eén loket" in listed.out
    report = run("report", "--today", "2027-01-04", "--scenario", "Loket later", "-b", board_file)
    assert "## Scenario “Loket later” against the plan" in report.out
    assert "| 2027-Q2 | 0 + 120 / — | 0 + 120 / 90 | ? → −30 |" in report.out


def test_adopt_records_the_decision_and_the_scenario_goes(
    run, board_file: Path, demo: Demo
) -> None:
    ident = _scenario(run, board_file, demo)
    done = run(
        "scenario", "adopt", ident, "--body", "ab", "--text", "roadmap 2027 vastgesteld",
        "--date", "2027-01-15", "-b", board_file,
    )  # fmt: skip
    assert done.out == "adopted: AB 2027-01-15: roadmap 2027 vastgesteld; 2 records changed\n"
    board = BoardStore(board_file).load()
    assert board.scenarios == {} and str(board.roadmap[demo.portal].start) == "2027-Q2"
    adopted = [e for e in board.events.values() if e.action == "adopt"]
    assert len(adopted) == 3
    assert all("(scenario 'Loket later')" in (e.text or "") for e in adopted)


def test_drop_discards_and_unknown_names_say_which_exist(run, board_file: Path, demo: Demo) -> None:
    _scenario(run, board_file, demo)
    wrong = run("check", "--scenario", "nope", "-b", board_file)
    assert (wrong.code, wrong.err) == (1, "regietui: no scenario 'nope' (scenarios: Loket later)\n")
    dropped = run("scenario", "drop", "Loket later", "-b", board_file)
    assert dropped.code == 0
    assert BoardStore(board_file).load().scenarios == {}
    nothing = run("scenario", "edit", "Loket later", "-b", board_file)
    assert (nothing.code, nothing.err.split(":")[1]) == (1, " say what to change")
    empty = run("scenario", "adopt", "x", "--body", "ab", "--text", " ", "-b", board_file)
    assert (empty.code, empty.err) == (
        1,
        "regietui: adopt: --text is empty; say what was decided\n",
    )


def test_two_branches_each_adding_a_scenario_merge_through_the_driver(
    repo: Path, run, monkeypatch, demo: Demo
) -> None:
    from helpers import git

    monkeypatch.chdir(repo)
    assert run("git", "setup").code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "driver")
    board = repo / "boards" / "coop.json"
    for branch, name, quarter in (
        ("ann", "Eerst loket", "2027-Q2"),
        ("bob", "Eerst werkplek", "2027-Q3"),
    ):
        git(repo, "checkout", "-q", "-b", branch, "main")
        assert run("scenario", "new", name, "-b", board).code == 0
        done = run("scenario", "edit", name, "--capacity", f"{quarter}=500", "-b", board)
        assert done.code == 0, done.err
        git(repo, "commit", "-q", "-am", name)
    merged = git(repo, "merge", "--no-edit", "ann", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    after = BoardStore(board).load()
    assert sorted(sc.name for sc in after.scenarios.values()) == ["Eerst loket", "Eerst werkplek"]
    assert [e for e in after.events.values() if e.action == "conflict"] == []
    assert "<<<<<<<" not in board.read_text(encoding="utf-8")
