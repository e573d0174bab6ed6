"""Importing ambitions (`regietui import`): round trips of the exports, all-or-nothing on errors,
dry runs, updates by id, and the CSV that Excel writes."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT

from regietui import ops
from regietui.model import Board, Meta
from regietui.store import BoardStore

CLOCK = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
HEADER = "municipality,title,theme,status,value,tags"


def rich_board() -> Board:
    """Every kind of ambition field: lists, links (one partial), a decision, numbers, dates."""
    actor = ops.Actor(author="Test", clock=lambda: CLOCK, rng=random.Random(11))
    board = Board(meta=Meta(name="Test"))

    def add(table: str, fields: dict[str, Any], key: str | None = None) -> str:
        nonlocal board
        change = ops.add(board, table, fields, actor, key=key)
        board = change.board
        return change.key

    add("themes", {"name": "Werkplek & mobiel"}, "werkplek")
    add("municipalities", {"name": "Amsterdam", "short": "ADM", "cost_share": 0.6}, "GM0363")
    add("municipalities", {"name": "Utrecht", "short": "UTR", "cost_share": 0.4}, "GM0344")
    std = add("standards", {"title": "Geen iOS-beheer"})
    first = add("roadmap", {"title": "Werkplek", "start": "2027-Q1", "end": "2027-Q4"})
    second = add("roadmap", {"title": "Mobiel", "start": "2027-Q2", "end": "2027-Q3"})
    add(
        "ambitions",
        {
            "municipality": "GM0363",
            "title": 'iPads voor de raad, "snel"',
            "description": "Regel één\nRegel twee; met ; en ,",
            "theme": "werkplek",
            "status": "planned",
            "reason": "coalition",
            "priority": "must",
            "value": 4,
            "effort": 12.5,
            "wanted_by": "2027-Q3",
            "cost_once": 25000,
            "cost_yearly": 1234.56,
            "funding": "own",
            "conflicts": [std],
            "links": [{"roadmap": first}, {"roadmap": second, "coverage": "partial"}],
            "decision": {"date": "2027-01-02", "body": "db", "text": "Akkoord: als pilot"},
            "tags": ["ipad", "raad, griffie"],
            "owner": "Jan",
        },
    )
    add(
        "ambitions",
        {"municipality": "GM0344", "title": "Laptops", "status": "parked", "review": "2027-06-01"},
    )
    add(
        "ambitions",
        {
            "municipality": "GM0344",
            "title": "Macs",
            "status": "rejected",
            "status_reason": "Strijdig",
        },
    )
    return board


@pytest.fixture
def boards(tmp_path: Path) -> tuple[Path, Path]:
    """The rich board, and a fresh board with the same municipalities, themes, standards and
    roadmap but no ambitions (and no history)."""
    board = rich_board()
    full = tmp_path / "full.json"
    BoardStore(full).create(board)
    empty = tmp_path / "fresh.json"
    BoardStore(empty).create(dataclasses.replace(board, ambitions={}, events={}))
    return full, empty


@pytest.mark.parametrize("fmt", ["csv", "toml", "json"])
def test_an_export_imports_into_a_fresh_board_as_the_same_ambitions(
    run, tmp_path: Path, boards: tuple[Path, Path], fmt: str
) -> None:
    full, fresh = boards
    exported = tmp_path / f"export.{fmt}"
    assert run("report", "-b", full, "--format", fmt, "-o", exported).code == 0
    result = run("import", exported, "-b", fresh)
    assert result.code == 0, result.err
    assert "3 added, 0 changed" in result.out
    original = BoardStore(full).load().ambitions
    assert BoardStore(fresh).load().ambitions == original
    again = run("import", exported, "-b", fresh)  # importing it once more changes nothing
    assert "0 added, 0 changed, 3 unchanged" in again.out


def test_a_csv_with_one_bad_row_writes_nothing_and_names_row_and_field(
    run, tmp_path: Path, boards: tuple[Path, Path]
) -> None:
    _, board = boards
    before = board.read_bytes()
    source = tmp_path / "wensen.csv"
    source.write_text(
        f"{HEADER}\n"
        "ADM,Laptops,werkplek,wish,3,\n"
        'Utrecht,"Tablets\nvoor de raad",werkplek,wish,2,"a, b"\n'  # lines 3 and 4
        "GM0363,Telefoons,werkplek,wish,9,\n",  # line 5: value 9 is out of range
        encoding="utf-8",
    )
    result = run("import", source, "-b", board)
    assert result.code == 1
    assert board.read_bytes() == before
    assert "nothing was written" in result.err
    assert "line 5, field value" in result.err
    assert "line 2" not in result.err and "line 3" not in result.err
    assert "Traceback" not in result.err


def test_every_bad_row_is_named_with_its_field(
    run, tmp_path: Path, boards: tuple[Path, Path]
) -> None:
    _, board = boards
    source = tmp_path / "wensen.csv"
    source.write_text(
        f"{HEADER}\n"
        "XYZ,Onbekende gemeente,werkplek,wish,,\n"
        "ADM,Onbekend thema,zwemmen,wish,,\n"
        "ADM,Rare status,werkplek,bijna,,\n"
        "ADM,,werkplek,wish,,\n",
        encoding="utf-8",
    )
    result = run("import", source, "-b", board)
    assert result.code == 1
    for expected in (
        "line 2, field municipality: no municipality 'XYZ'",
        "line 3, field theme: no theme 'zwemmen'",
        "line 4, field status: unknown value 'bijna'",
        "line 5, field title",
    ):
        assert expected in result.err, result.err


def test_a_toml_file_names_the_index_of_the_bad_table(
    run, tmp_path: Path, boards: tuple[Path, Path]
) -> None:
    _, board = boards
    before = board.read_bytes()
    source = tmp_path / "wensen.toml"
    source.write_text(
        '[[ambitions]]\nmunicipality = "ADM"\ntitle = "Laptops"\ntags = ["a", "b"]\n\n'
        '[[ambitions]]\nmunicipality = "UTR"\ntitle = "Tablets"\nreview = 2027-13-01\n',
        encoding="utf-8",
    )
    assert run("import", source, "-b", board).code == 1  # invalid TOML: named, nothing written
    source.write_text(
        '[[ambitions]]\nmunicipality = "ADM"\ntitle = "Laptops"\ntags = ["a", "b"]\n\n'
        '[[ambitions]]\nmunicipality = "UTR"\ntitle = "Tablets"\nstatus = "parked"\n',
        encoding="utf-8",
    )
    result = run("import", source, "-b", board)
    assert result.code == 1
    assert "ambitions[1]" in result.err and "review" in result.err
    assert board.read_bytes() == before


def test_a_good_csv_adds_every_row_in_one_save(
    run, tmp_path: Path, boards: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, board = boards
    saves: list[int] = []
    real_save = BoardStore.save

    def counting_save(self: BoardStore, new: Board) -> Any:
        saves.append(len(new.ambitions))
        return real_save(self, new)

    monkeypatch.setattr(BoardStore, "save", counting_save)
    source = tmp_path / "wensen.csv"
    source.write_text(
        f"{HEADER}\nADM,Laptops,werkplek,wish,3,\nUtrecht,Tablets,Werkplek & mobiel,exploring,,"
        '"tablet, raad"\nGM0363,Telefoons,,wish,,\n',
        encoding="utf-8",
    )
    result = run("import", source, "-b", board)
    assert result.code == 0, result.err
    assert saves == [3]
    lines = result.out.splitlines()
    assert lines[0].startswith('line 2: add "Laptops" (ADM, wish) → A-')
    assert lines[1].startswith('line 3: add "Tablets" (UTR, exploring) → A-')
    loaded = BoardStore(board).load()
    by_title = {a.title: a for a in loaded.ambitions.values()}
    assert by_title["Tablets"].tags == ("tablet", "raad")
    assert by_title["Tablets"].theme == "werkplek"
    assert by_title["Laptops"].value == 3
    assert len([e for e in loaded.events.values() if e.action == "add"]) == 3


def test_dry_run_prints_one_line_per_row_and_writes_nothing(
    run, tmp_path: Path, boards: tuple[Path, Path]
) -> None:
    full, _ = boards
    before = full.read_bytes()
    existing = next(iter(BoardStore(full).load().ambitions))
    source = tmp_path / "wensen.csv"
    source.write_text(
        f"id,{HEADER}\n,ADM,Laptops,werkplek,wish,3,\nA-{existing},GM0344,Macs,,withdrawn,,\n",
        encoding="utf-8",
    )
    result = run("import", source, "-b", full, "--dry-run")
    assert result.code == 0, result.err
    assert full.read_bytes() == before
    lines = result.out.splitlines()
    assert lines[0] == 'line 2: add "Laptops" (ADM, wish)'
    assert lines[1].startswith(f"line 3: change A-{existing}")
    assert "status parked → withdrawn" in lines[1]
    assert lines[2].startswith("dry run, nothing written: 1 added, 1 changed")


def test_an_id_updates_the_existing_ambition(
    run, tmp_path: Path, boards: tuple[Path, Path]
) -> None:
    full, _ = boards
    board = BoardStore(full).load()
    key = next(k for k, a in board.ambitions.items() if a.title == "Macs")
    source = tmp_path / "update.toml"
    source.write_text(
        f'[[ambitions]]\nid = "A-{key}"\nstatus = "exploring"\npriority = "could"\n',
        encoding="utf-8",
    )
    result = run("import", source, "-b", full)
    assert result.code == 0, result.err
    after = BoardStore(full).load().ambitions[key]
    assert after.status.value == "exploring" and after.priority.value == "could"
    assert after.title == "Macs" and after.municipality == "GM0344"
    bad = tmp_path / "bad.csv"
    bad.write_text("id,title\nnot-an-id,Iets\n", encoding="utf-8")
    result = run("import", bad, "-b", full)
    assert result.code == 1 and "line 2, field id" in result.err


def test_excel_csv_with_semicolons_bom_and_decimal_commas(
    run, tmp_path: Path, boards: tuple[Path, Path]
) -> None:
    _, board = boards
    source = tmp_path / "excel.csv"
    source.write_bytes("\ufeffWethouder;Title\n".encode())
    result = run("import", source, "-b", board)
    assert result.code == 1 and "line 1, field 'wethouder'" in result.err
    source.write_bytes(
        "\ufeffmunicipality;title;effort;cost_once\r\nADM;Laptops;12,5;1500\r\n".encode()
    )
    result = run("import", source, "-b", board)
    assert result.code == 0, result.err
    [amb] = BoardStore(board).load().ambitions.values()
    assert amb.effort == 12.5 and amb.cost_once == 1500


def test_import_refuses_other_file_types(run, tmp_path: Path, boards: tuple[Path, Path]) -> None:
    _, board = boards
    source = tmp_path / "wensen.xlsx"
    source.write_bytes(b"PK")
    result = run("import", source, "-b", board)
    assert result.code == 1 and ".csv, .toml or .json" in result.err
    missing = run("import", tmp_path / "nope.csv", "-b", board)
    assert missing.code == 1 and "does not exist" in missing.err


def test_dutch_headers_and_values_import_as_the_board_stores_them(
    run, tmp_path: Path, boards: tuple[Path, Path]
) -> None:
    _, board = boards
    source = tmp_path / "wensen.csv"
    source.write_text(
        "Gemeente;Titel;Status;Prioriteit;Aanleiding;Gewenst per;Financiering;Heroverweging\n"
        "ADM;Glasvezel;Ter besluitvorming;Must have;coalitieakkoord;Q3 2027;gedeeld;\n"
        "ADM;Drones;geparkeerd;C;wet;2028-Q1;eigen;31-03-2027\n",
        encoding="utf-8",
    )
    result = run("import", source, "-b", board)
    assert result.code == 0, result.err
    found = {a.title: a for a in BoardStore(board).load().ambitions.values()}
    fiber, drones = found["Glasvezel"], found["Drones"]
    assert (fiber.status, fiber.priority, fiber.reason, fiber.funding) == (
        "deciding", "must", "coalition", "shared"
    )  # fmt: skip
    assert str(fiber.wanted_by) == "2027-Q3"
    assert (drones.status, drones.priority, drones.reason) == ("parked", "could", "law")
    assert drones.review == date(2027, 3, 31)


def test_the_example_wensenlijst_imports_onto_the_demo_board(run, tmp_path: Path) -> None:
    board = tmp_path / "demo.json"
    board.write_bytes((ROOT / "boards" / "demo.json").read_bytes())
    example = ROOT / "boards" / "examples" / "wensenlijst.csv"
    before = board.read_bytes()
    result = run("import", example, "--dry-run", "-b", board)
    assert result.code == 0, result.err
    assert result.out.count(": add ") == 3 and "3 added" in result.out
    assert board.read_bytes() == before
    assert run("import", example, "-b", board).code == 0
    added = [
        a
        for a in BoardStore(board).load().ambitions.values()
        if a.title == "Afvalpas digitaal in de app"
    ]
    assert [(a.municipality, a.priority, a.reason, str(a.wanted_by)) for a in added] == [
        ("GM1991", "should", "coalition", "2028-Q2")
    ]
