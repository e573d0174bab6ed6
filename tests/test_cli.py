"""The `regietui` command: every subcommand over the core, usage errors, and bad board files."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import Demo, git, regietui

from regietui import ops
from regietui.config import config_path
from regietui.model import Ambition, Status
from regietui.store import BoardStore

# --- reading --------------------------------------------------------------------------------------


def test_list_json_gives_one_object_per_ambition(run, board_file: Path, demo: Demo) -> None:
    result = run("list", "--json", "-b", board_file)
    assert result.code == 0 and result.err == ""
    rows = json.loads(result.out)
    assert isinstance(rows, list)
    for row in rows:
        assert {"id", "title", "status", "municipality", "theme", "links"} <= row.keys()
    # in column order: wish, exploring, …, then the side columns
    assert [row["id"] for row in rows] == [
        f"A-{demo.ipads}",
        f"A-{demo.portal_wish}",
        f"A-{demo.parked}",
    ]
    first = rows[1]
    assert first["title"] == "Eén loket → alle diensten"
    assert first["status"] == "exploring"
    assert first["municipality"] == "GM0363"
    assert first["theme"] == "dienstverlening"
    assert first["links"] == [f"R-{demo.portal}"]
    assert "\\u" not in result.out  # JSON for people: UTF-8, not escapes


def test_list_show_and_the_json_export_give_an_ambition_one_shape(run, board_file: Path) -> None:
    """One JSON shape of an ambition: `list --json`, `show --json` and the JSON export agree on
    every key and value, and every field of the model is there (null or [] when unset)."""
    listed = {row["id"]: row for row in json.loads(run("list", "--json", "-b", board_file).out)}
    exported = json.loads(run("report", "--format", "json", "-b", board_file).out)["ambitions"]
    assert {row["id"]: row for row in exported} == listed
    for ident, row in listed.items():
        assert json.loads(run("show", ident, "--json", "-b", board_file).out) == row
        assert set(row) == {"id", *Ambition.model_fields}
    unlinked = next(row for row in listed.values() if not row["links"])
    assert unlinked["links"] == [] and "decision" in unlinked


def test_list_filters(run, board_file: Path, demo: Demo) -> None:
    def ids(*args: str) -> list[str]:
        result = run("list", "--json", "-b", board_file, *args)
        assert result.code == 0, result.err
        return [row["id"] for row in json.loads(result.out)]

    assert ids("--status", "parked") == [f"A-{demo.parked}"]
    assert ids("--municipality", "UTR") == [f"A-{demo.ipads}", f"A-{demo.parked}"]
    assert ids("--municipality", "amsterdam") == [f"A-{demo.portal_wish}"]
    assert ids("--theme", "Werkplek & mobiel") == [f"A-{demo.ipads}"]
    bad = run("list", "-b", board_file, "--status", "someday")
    assert bad.code == 1 and "unknown status 'someday'" in bad.err


def test_list_as_text_shows_one_line_per_card(run, board_file: Path, demo: Demo) -> None:
    result = run("list", "-b", board_file)
    lines = result.out.splitlines()
    assert len(lines) == 3
    assert lines[0].split() == [f"A-{demo.ipads}", "wish", "UTR", "iPads", "voor", "raadsleden"]


def test_show_an_ambition_with_its_history(run, board_file: Path, demo: Demo) -> None:
    result = run("show", f"A-{demo.parked}", "-b", board_file)
    assert result.code == 0
    out = result.out
    assert out.splitlines()[0] == f"A-{demo.parked}  Chatbot"
    assert "GM0344 Utrecht" in out
    assert re.search(r"\n  Review date +1 June 2027\n", out)
    assert "history:" in out
    assert "Test: moved wish → parked" in out and "Test: added" in out
    as_json = json.loads(run("show", demo.parked.upper(), "--json", "-b", board_file).out)
    assert as_json["id"] == f"A-{demo.parked}"
    assert as_json["status"] == "parked" and as_json["decision"]["body"] == "db"


def test_show_a_roadmap_item_lists_the_ambitions_it_serves(run, board_file: Path, demo: Demo):
    out = run("show", f"R-{demo.portal}", "-b", board_file).out
    assert out.splitlines()[0] == f"R-{demo.portal}  Nieuw e-loket"
    assert re.search(rf"\n  Serves +A-{demo.portal_wish} Eén loket → alle diensten\n", out)


def test_show_an_unknown_id_fails_cleanly(run, board_file: Path) -> None:
    result = run("show", "A-zzzzz", "-b", board_file)
    assert (result.code, result.err) == (1, "regietui: no ambition 'A-zzzzz'\n")


def test_validate_reports_what_is_on_the_board(run, board_file: Path) -> None:
    result = run("validate", "-b", board_file)
    assert result.code == 0
    assert result.out == (
        f"{board_file}: valid — 3 ambitions, 2 roadmap items, 2 municipalities, 14 events\n"
    )


# --- writing --------------------------------------------------------------------------------------


def _board(path: Path):
    return BoardStore(path).load()


def test_add_prints_the_new_id_and_stores_the_fields(run, board_file: Path, demo: Demo) -> None:
    result = run(
        "add",
        "-b",
        board_file,
        "--municipality",
        "ADM",
        "--title",
        "Wifi in het stadhuis",
        "--theme",
        "Werkplek & mobiel",
        "--wanted-by",
        "2027q4",
        "--tags",
        "wifi, gebouw",
        "--conflicts",
        f"S-{demo.ipad}",
        "--value",
        "3",
    )
    assert result.code == 0, result.err
    new_id = result.out.strip()
    assert new_id.startswith("A-") and len(new_id) == 7
    amb = _board(board_file).ambitions[new_id[2:]]
    assert amb.municipality == "GM0363" and amb.theme == "werkplek"
    assert str(amb.wanted_by) == "2027-Q4"
    assert amb.tags == ("wifi", "gebouw")
    assert amb.conflicts == (demo.ipad,)
    assert amb.value == 3 and amb.status is Status.WISH


def test_add_strips_terminal_escapes_and_keeps_markup_literal(run, board_file: Path) -> None:
    title = "fix [/] now [$accent]x\x1b]0;owned\x07"
    new_id = run("add", "-b", board_file, "--municipality", "ADM", "--title", title).out.strip()
    assert _board(board_file).ambitions[new_id[2:]].title == "fix [/] now [$accent]x"
    listed = run("list", "-b", board_file).out
    assert "fix [/] now [$accent]x" in listed and "\x1b" not in listed


def test_add_refuses_an_unknown_municipality(run, board_file: Path) -> None:
    before = board_file.read_bytes()
    result = run("add", "-b", board_file, "--municipality", "Zwolle", "--title", "x")
    assert (result.code, result.err) == (1, "regietui: no municipality 'Zwolle'\n")
    assert board_file.read_bytes() == before


def test_edit_sets_fields_and_prints_from_and_to(run, board_file: Path, demo: Demo) -> None:
    result = run(
        "edit", f"A-{demo.portal_wish}", "-b", board_file, "--set", "value=5", "--set", "owner=Ans"
    )
    assert result.code == 0, result.err
    assert result.out == f"A-{demo.portal_wish}: owner — → Ans; value 4 → 5\n"
    amb = _board(board_file).ambitions[demo.portal_wish]
    assert (amb.value, amb.owner) == (5, "Ans")
    cleared = run("edit", f"A-{demo.portal_wish}", "-b", board_file, "--set", "owner=")
    assert cleared.code == 0
    assert _board(board_file).ambitions[demo.portal_wish].owner is None


def test_edit_names_the_bad_field(run, board_file: Path, demo: Demo) -> None:
    before = board_file.read_bytes()
    bad_value = run("edit", f"A-{demo.ipads}", "-b", board_file, "--set", "value=9")
    assert bad_value.code == 1
    assert bad_value.err.startswith(f"regietui: ambition A-{demo.ipads}, field value:")
    unknown = run("edit", f"A-{demo.ipads}", "-b", board_file, "--set", "prio=must")
    assert unknown.code == 1 and "ambition has no field 'prio'" in unknown.err
    no_equals = run("edit", f"A-{demo.ipads}", "-b", board_file, "--set", "value")
    assert no_equals.code == 1 and "expected field=value" in no_equals.err
    assert board_file.read_bytes() == before


def test_move_changes_the_status(run, board_file: Path, demo: Demo) -> None:
    result = run("move", f"A-{demo.ipads}", "rejected", "--reason", "Geen iOS", "-b", board_file)
    assert result.code == 0, result.err
    assert result.out == f"A-{demo.ipads}: moved wish → rejected (Geen iOS)\n"
    amb = _board(board_file).ambitions[demo.ipads]
    assert amb.status is Status.REJECTED and amb.status_reason == "Geen iOS"


def test_the_history_credits_the_git_user_of_the_boards_repository(
    run, repo: Path, board_file: Path, demo: Demo, tmp_path_factory, monkeypatch
) -> None:
    """Not the git user of the folder the command was started in, nor the settings' name."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    git(elsewhere, "init", "-q")
    git(elsewhere, "config", "user.name", "Started In")
    git(repo, "config", "user.name", "Board Owner")
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('author = "From Settings"\n')
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.chdir(elsewhere)
    before = set(_board(board_file).events)
    ops.default_author.cache_clear()
    try:
        assert run("move", f"A-{demo.ipads}", "exploring", "-b", board_file).code == 0
        git(repo, "config", "--unset", "user.name")
        ops.default_author.cache_clear()
        assert run("move", f"A-{demo.ipads}", "wish", "-b", board_file).code == 0
    finally:
        ops.default_author.cache_clear()
    events = _board(board_file).events
    moves = sorted((events[key] for key in set(events) - before), key=lambda e: e.at)
    assert [(e.changes["status"][1], e.author) for e in moves] == [
        ("exploring", "Board Owner"),
        ("wish", "From Settings"),
    ]


def test_move_to_parked_without_review_names_the_field(run, board_file: Path, demo: Demo):
    before = board_file.read_bytes()
    result = run("move", f"A-{demo.ipads}", "parked", "-b", board_file)
    assert result.code == 1
    assert result.err == (
        f"regietui: ambition A-{demo.ipads}: a parked ambition needs a review date (review)\n"
    )
    assert board_file.read_bytes() == before
    ok = run("move", f"A-{demo.ipads}", "parked", "--review", "2027-09-01", "-b", board_file)
    assert ok.code == 0
    assert str(_board(board_file).ambitions[demo.ipads].review) == "2027-09-01"


def test_link_and_unlink(run, board_file: Path, demo: Demo) -> None:
    linked = run("link", f"A-{demo.ipads}", f"R-{demo.workplace}", "--partial", "-b", board_file)
    assert linked.code == 0, linked.err
    links = _board(board_file).ambitions[demo.ipads].links
    assert [(ln.roadmap, ln.coverage.value) for ln in links] == [(demo.workplace, "partial")]
    by_title = run("link", f"A-{demo.ipads}", "Nieuw e-loket", "-b", board_file)
    assert by_title.code == 0, by_title.err
    assert _board(board_file).ambitions[demo.ipads].linked == (demo.workplace, demo.portal)
    unlinked = run("unlink", f"A-{demo.ipads}", f"R-{demo.workplace}", "-b", board_file)
    assert unlinked.code == 0
    assert _board(board_file).ambitions[demo.ipads].linked == (demo.portal,)
    unknown = run("link", f"A-{demo.ipads}", "R-zzzzz", "-b", board_file)
    assert (unknown.code, unknown.err) == (1, "regietui: no roadmap item 'R-zzzzz'\n")


def test_decide_records_the_decision(run, board_file: Path, demo: Demo) -> None:
    result = run(
        "decide",
        f"A-{demo.ipads}",
        "--body",
        "steering",
        "--text",
        "Niet binnen de standaard",
        "--date",
        "2027-03-02",
        "-b",
        board_file,
    )
    assert (result.code, result.out) == (0, f"A-{demo.ipads}: decision recorded\n")
    decision = _board(board_file).ambitions[demo.ipads].decision
    assert (str(decision.date), decision.body.value, decision.text) == (
        "2027-03-02",
        "steering",
        "Niet binnen de standaard",
    )
    bad_date = run(
        "decide", f"A-{demo.ipads}", "--body", "db", "--text", "x", "--date", "morgen", "-b",
        board_file,
    )  # fmt: skip
    assert bad_date.code == 1 and "'morgen' is not a date" in bad_date.err


def test_delete_refuses_a_used_roadmap_item(run, board_file: Path, demo: Demo) -> None:
    before = board_file.read_bytes()
    result = run("delete", f"R-{demo.portal}", "-b", board_file)
    assert result.code == 1
    assert f"A-{demo.portal_wish}" in result.err
    assert board_file.read_bytes() == before
    ok = run("delete", f"A-{demo.parked}", "-b", board_file)
    assert (ok.code, ok.out) == (0, f"A-{demo.parked}: deleted\n")
    assert demo.parked not in _board(board_file).ambitions


def test_roadmap_add_edit_list(run, board_file: Path, demo: Demo) -> None:
    added = run(
        "roadmap", "add", "-b", board_file, "--title", "Zaaksysteem", "--start", "2028q1",
        "--end", "2028-Q4", "--depends-on", f"R-{demo.workplace}", "--effort", "80",
    )  # fmt: skip
    assert added.code == 0, added.err
    new_id = added.out.strip()
    assert new_id.startswith("R-")
    edited = run("roadmap", "edit", new_id, "-b", board_file, "--set", "status=adopted")
    assert edited.code == 0 and "status draft → adopted" in edited.out
    rows = json.loads(run("roadmap", "list", "--json", "-b", board_file).out)
    assert [row["id"] for row in rows] == [f"R-{demo.portal}", f"R-{demo.workplace}", new_id]
    new = rows[2]
    assert (new["title"], new["start"], new["end"], new["status"]) == (
        "Zaaksysteem",
        "2028-Q1",
        "2028-Q4",
        "adopted",
    )
    assert new["depends_on"] == [demo.workplace]
    assert rows[0]["serves"] == [f"A-{demo.portal_wish}"]
    backwards = run(
        "roadmap", "add", "-b", board_file, "--title", "X", "--start", "2028-Q2", "--end", "2028-Q1"
    )
    assert backwards.code == 1 and "end 2028-Q1 is before start 2028-Q2" in backwards.err
    cycle = run("roadmap", "edit", f"R-{demo.portal}", "-b", board_file, "--set",
                f"depends_on={new_id}")  # fmt: skip
    assert cycle.code == 1 and "dependency cycle" in cycle.err


def test_municipality_add_list(run, board_file: Path) -> None:
    added = run(
        "municipality", "add", "-b", board_file, "--code", "gm0599", "--name", "Rotterdam",
        "--short", "RTD", "--inhabitants", "664311", "--cost-share", "0.25",
    )  # fmt: skip
    assert (added.code, added.out) == (0, "GM0599\n")
    rows = json.loads(run("municipality", "list", "--json", "-b", board_file).out)
    assert [row["id"] for row in rows] == ["GM0344", "GM0363", "GM0599"]
    assert rows[2] == {
        "id": "GM0599",
        "name": "Rotterdam",
        "short": "RTD",
        "inhabitants": 664311,
        "cost_share": 0.25,
    }
    text = run("municipality", "list", "-b", board_file).out
    assert "GM0599  RTD   Rotterdam" in text
    again = run("municipality", "add", "-b", board_file, "--code", "GM0599", "--name", "R",
                "--short", "R")  # fmt: skip
    assert again.code == 1 and "municipality GM0599 already exists" in again.err


def test_standard_add_list(run, board_file: Path, demo: Demo) -> None:
    added = run("standard", "add", "-b", board_file, "--title", "Alleen SaaS in de EU")
    assert added.code == 0
    new_id = added.out.strip()
    rows = json.loads(run("standard", "list", "--json", "-b", board_file).out)
    assert {row["id"]: row["title"] for row in rows} == {
        f"S-{demo.ipad}": "Werkplek is Windows; geen iOS-beheer",
        new_id: "Alleen SaaS in de EU",
    }


def test_capacity_set_list(run, board_file: Path) -> None:
    result = run("capacity", "set", "2027q2", "350", "-b", board_file)
    assert (result.code, result.out) == (0, "2027-Q2: capacity: amount — → 350\n")
    assert run("capacity", "list", "-b", board_file).out == "2027-Q1  400\n2027-Q2  350\n"
    rows = json.loads(run("capacity", "list", "--json", "-b", board_file).out)
    assert rows == [{"id": "2027-Q1", "amount": 400.0}, {"id": "2027-Q2", "amount": 350.0}]
    bad = run("capacity", "set", "volgend-jaar", "10", "-b", board_file)
    assert bad.code == 1 and "is not a quarter like 2027-Q1" in bad.err


def test_init_creates_a_board_with_the_standard_themes(run, tmp_path: Path) -> None:
    path = tmp_path / "boards" / "nieuw.json"
    result = run("init", "-b", path, "--name", "Dimpact-achtig", "--unit", "fte")
    assert (result.code, result.out) == (0, f"created {path}\n")
    board = _board(path)
    assert board.meta.name == "Dimpact-achtig" and board.meta.capacity_unit.value == "fte"
    assert "Common Ground" in {t.name for t in board.themes.values()}
    assert len(board.themes) == 10
    before = path.read_bytes()
    again = run("init", "-b", path)
    assert again.code == 1 and "already exists" in again.err
    assert path.read_bytes() == before


# --- usage errors and where the board is ----------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["move", "A-xxxxx"],  # no status
        ["move", "A-xxxxx", "someday"],  # not a status
        ["list", "--colour"],  # unknown option
        ["roadmap"],  # no action
        ["roadmap", "add", "--title", "x"],  # missing --start/--end
        ["decide", "A-xxxxx", "--body", "gemeenteraad", "--text", "x"],
        ["capacity", "set", "2027-Q1", "veel"],
    ],
)
def test_usage_errors_exit_2(run, board_file: Path, argv: list[str]) -> None:
    before = board_file.read_bytes()
    result = run(*argv, "-b", board_file) if argv != ["roadmap"] else run(*argv)
    assert result.code == 2
    assert result.err.startswith("regietui") and "regietui --help" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    assert board_file.read_bytes() == before


def test_the_board_comes_from_regietui_board(
    run, board_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path.parent)  # no boards/ here
    monkeypatch.setenv("REGIETUI_BOARD", str(board_file))
    result = run("validate")
    assert result.code == 0 and result.out.startswith(f"{board_file}: valid")


def test_the_board_is_the_only_json_in_boards(
    run, board_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo: Demo
) -> None:
    monkeypatch.delenv("REGIETUI_BOARD", raising=False)
    monkeypatch.chdir(tmp_path)
    result = run("move", f"A-{demo.ipads}", "exploring")
    assert result.code == 0, result.err
    assert _board(board_file).ambitions[demo.ipads].status is Status.EXPLORING
    # -b wins over the environment, the environment over ./boards/
    other = tmp_path / "elders.json"
    other.write_bytes(board_file.read_bytes())
    monkeypatch.setenv("REGIETUI_BOARD", str(other))
    run("move", f"A-{demo.ipads}", "deciding")
    assert _board(other).ambitions[demo.ipads].status is Status.DECIDING
    assert _board(board_file).ambitions[demo.ipads].status is Status.EXPLORING
    run("move", f"A-{demo.ipads}", "planned", "-b", board_file)
    assert _board(board_file).ambitions[demo.ipads].status is Status.PLANNED
    assert _board(other).ambitions[demo.ipads].status is Status.DECIDING


def test_no_board_or_several_boards_is_a_usage_error(
    run, board_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REGIETUI_BOARD", raising=False)
    monkeypatch.chdir(board_file.parent)  # inside boards/: no ./boards/ folder
    none = run("list")
    assert none.code == 2 and "no board given" in none.err
    monkeypatch.chdir(tmp_path)
    (tmp_path / "boards" / "tweede.json").write_bytes(board_file.read_bytes())
    several = run("list")
    assert several.code == 2 and "several boards in boards/" in several.err


# --- bad board files ------------------------------------------------------------------------------


def _line_no(text: str, start: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(start))


def _bad_json(text: str, demo: Demo) -> tuple[str, list[str]]:
    number = _line_no(text, f'"{demo.ipads}"')
    lines = text.splitlines(keepends=True)
    line = lines[number - 1].replace('"status": "wish"', '"status": wish')
    lines[number - 1] = line
    column = line.index('"status": wish') + len('"status": ') + 1
    return "".join(lines), [f":{number}:{column}: invalid JSON"]


def _conflict(text: str, demo: Demo) -> tuple[str, list[str]]:
    number = _line_no(text, f'"{demo.ipads}"')
    lines = text.splitlines(keepends=True)
    ours = lines[number - 1]
    theirs = ours.replace('"status": "wish"', '"status": "exploring"')
    lines[number - 1 : number] = ["<<<<<<< HEAD\n", ours, "=======\n", theirs, ">>>>>>> b\n"]
    return "".join(lines), [f":{number}: unresolved git conflict marker", "regietui resolve"]


def _replace_on(text: str, demo: Demo, old: str, new: str) -> tuple[str, int]:
    number = _line_no(text, f'"{demo.ipads}"')
    lines = text.splitlines(keepends=True)
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new)
    return "".join(lines), number


def _dangling(text: str, demo: Demo) -> tuple[str, list[str]]:
    bad, number = _replace_on(text, demo, '"GM0344"', '"GM9999"')
    return bad, [
        f":{number}: ambition A-{demo.ipads}, field municipality: unknown municipality GM9999"
    ]


def _unknown_status(text: str, demo: Demo) -> tuple[str, list[str]]:
    bad, number = _replace_on(text, demo, '"status": "wish"', '"status": "someday"')
    return bad, [f":{number}: ambition A-{demo.ipads}, field status: unknown value 'someday'"]


def _bad_value(text: str, demo: Demo) -> tuple[str, list[str]]:
    bad, number = _replace_on(text, demo, '"theme": "werkplek"', '"theme": "werkplek", "value": 9')
    return bad, [f":{number}: ambition A-{demo.ipads}, field value:"]


def _duplicate(text: str, demo: Demo) -> tuple[str, list[str]]:
    """Both versions of a card kept when someone removed conflict markers by hand."""
    number = _line_no(text, f'"{demo.ipads}"')
    lines = text.splitlines(keepends=True)
    lines.insert(number, lines[number - 1].replace('"status": "wish"', '"status": "planned"'))
    return "".join(lines), [f":{number + 1}: ", f"'{demo.ipads}' appears twice"]


def _newer(text: str, demo: Demo) -> tuple[str, list[str]]:
    return text.replace('"schema_version": 1', '"schema_version": 99'), [
        " was written by a newer regietui (schema 99",
        "upgrade regietui",
    ]


def _empty(text: str, demo: Demo) -> tuple[str, list[str]]:
    return "", [" is empty", "regietui init"]


def _blank(text: str, demo: Demo) -> tuple[str, list[str]]:
    return "\n  \n", [" is empty", "regietui init"]


def _not_a_board(text: str, demo: Demo) -> tuple[str, list[str]]:
    return "[]\n", [": not a board"]


BAD_FILES = {
    "invalid JSON": _bad_json,
    "conflict marker": _conflict,
    "dangling reference": _dangling,
    "unknown status": _unknown_status,
    "value out of range": _bad_value,
    "duplicate id": _duplicate,
    "newer schema": _newer,
    "empty file": _empty,
    "blank file": _blank,
    "not a board": _not_a_board,
}


@pytest.mark.parametrize("command", ["validate", "move", "list"])
@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_board_file_gets_one_clear_line_and_is_left_alone(
    run, board_file: Path, demo: Demo, kind: str, command: str
) -> None:
    bad, expected = BAD_FILES[kind](board_file.read_text(encoding="utf-8"), demo)
    board_file.write_text(bad, encoding="utf-8")
    before = board_file.read_bytes()
    argv = {"validate": ["validate"], "move": ["move", f"A-{demo.ipads}", "exploring"]}.get(
        command, [command]
    )
    result = run(*argv, "-b", board_file)
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    assert result.err.startswith(f"regietui: {board_file}")
    for part in expected:
        assert part in result.err, (part, result.err)
    assert "Traceback" not in result.err
    assert board_file.read_bytes() == before


def test_a_file_that_is_not_utf8_is_named(run, board_file: Path, demo: Demo) -> None:
    bad = board_file.read_text(encoding="utf-8").encode("latin-1", errors="replace")
    board_file.write_bytes(bad)
    for argv in (["validate"], ["move", f"A-{demo.ipads}", "exploring"]):
        result = run(*argv, "-b", board_file)
        assert result.code == 1
        assert result.err.startswith(f"regietui: {board_file}: not UTF-8 text (byte ")
        assert result.err.count("\n") == 1
    assert board_file.read_bytes() == bad


@pytest.mark.parametrize("command", ["validate", "move"])
def test_a_missing_board_offers_init(run, tmp_path: Path, command: str) -> None:
    path = tmp_path / "boards" / "weg.json"
    argv = ["validate"] if command == "validate" else ["move", "A-xxxxx", "exploring"]
    result = run(*argv, "-b", path)
    assert result.code == 1
    assert result.err == (
        f"regietui: {path} does not exist; create it with `regietui init -b {path}`\n"
    )
    assert not path.exists() and not path.parent.exists()


def test_a_bad_board_gets_no_traceback_from_the_real_command(board_file: Path, demo: Demo):
    bad, (expected,) = _bad_json(board_file.read_text(encoding="utf-8"), demo)
    board_file.write_text(bad, encoding="utf-8")
    done = regietui(board_file.parent, "move", f"A-{demo.ipads}", "exploring", "-b", "coop.json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("regietui: coop.json" + expected)
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert board_file.read_text(encoding="utf-8") == bad


def test_a_write_protected_board_is_not_changed(run, board_file: Path, demo: Demo) -> None:
    board_file.chmod(0o444)
    before = board_file.read_bytes()
    result = run("move", f"A-{demo.ipads}", "exploring", "-b", board_file)
    assert (result.code, result.err) == (
        1,
        f"regietui: {board_file} is read-only; changes are not saved\n",
    )
    assert board_file.read_bytes() == before
    assert run("validate", "-b", board_file).code == 0  # reading still works


def test_history_with_a_time_without_zone_still_shows(
    run, board_file: Path, demo: Demo, seeded
) -> None:
    """An event time without a zone (edited by hand, imported) is read as UTC, not a crash."""
    text = board_file.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if f'"record": "{demo.parked}"' in line and '"action": "add"' in line:
            lines[i] = line.replace('T09:30:00Z"', 'T08:00:00"')
    board_file.write_text("".join(lines), encoding="utf-8")
    seeded(5, at=datetime(2027, 2, 1, 12, 0, tzinfo=UTC))
    assert run("move", f"A-{demo.parked}", "wish", "-b", board_file).code == 0
    result = run("show", f"A-{demo.parked}", "-b", board_file)
    assert result.code == 0, result.err
    history = result.out.split("history:\n")[1].splitlines()
    assert len(history) == 4
    assert history[0].startswith("  2027-01-04 08:00  Test: add")
    assert history[-1].startswith("  2027-02-01 12:00  Test: moved parked → wish")


def test_the_board_falls_back_to_the_settings_file(
    run, board_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REGIETUI_BOARD", raising=False)
    monkeypatch.chdir(board_file.parent)  # no ./boards/ folder here
    config = tmp_path / "xdg" / "regietui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'board = "{board_file}"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    result = run("validate")
    assert result.code == 0 and result.out.startswith(f"{board_file}: valid")
    config.write_text("board = 3\n")
    result = run("validate")
    assert result.code == 1 and "config.toml: board must be text" in result.err


def test_init_fills_an_empty_file_as_its_error_suggests(run, tmp_path: Path) -> None:
    path = tmp_path / "leeg.json"
    path.write_text("\n")
    first = run("validate", "-b", path)
    assert first.code == 1 and f"regietui init -b {path}" in first.err
    assert run("init", "-b", path).code == 0
    assert run("validate", "-b", path).code == 0
    assert run("init", "-b", path).code == 1  # a board that holds something is never replaced


def test_a_bad_field_on_add_does_not_name_an_id_nobody_has_seen(run, board_file: Path) -> None:
    result = run("add", "-b", board_file, "--municipality", "GM0344", "--title", "x",
                 "--wanted-by", "2027")  # fmt: skip
    assert result.code == 1
    assert result.err.startswith("regietui: ambition (new), field wanted by: '2027' is not a")


def test_the_commands_known_before_parsing_are_exactly_the_parsers() -> None:
    """`regietui NAME` runs command NAME, anything else opens a board in the app: the list the
    decision is made with must not miss a command (it would open the app on a file named so)."""
    from regietui.cli import COMMANDS, build_parser

    parser = build_parser("en")
    assert set(parser._subparsers._group_actions[0].choices) == COMMANDS  # type: ignore[union-attr]
