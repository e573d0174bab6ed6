"""Scenarios: laid over the plan field by field, recorded from ordinary edits, stale when the plan
moved under them, adopted as one decision (and undone as one), stored and merged per record."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from helpers import Demo, make_actor

from regietui import merge, ops, scenario
from regietui.capacity import quarter_loads
from regietui.model import Board, Body, Decision, Quarter
from regietui.session import BoardSession
from regietui.store import BoardError, BoardStore

TODAY = date(2027, 1, 4)
AB = Decision(date=date(2027, 1, 15), body=Body.AB, text="roadmap 2027 vastgesteld")


def _with_scenario(board: Board, name: str = "Later", seed: int = 5) -> tuple[Board, str]:
    change = scenario.new(board, name, make_actor(seed))
    return change.board, change.key


def _edit(board: Board, key: str, operation) -> Board:
    """Edit scenario `key` the way the TUI does: a storeless session over the applied board."""
    session = BoardSession(scenario.apply(board, board.scenarios[key]), actor=make_actor(9))
    session.apply(operation)
    return scenario.save_edit(board, key, session.board, make_actor(9), "edit").board


def test_a_shift_in_a_scenario_leaves_the_plan_alone_and_lets_other_plan_changes_through(
    demo: Demo,
) -> None:
    board, key = _with_scenario(demo.board)
    shift = {"start": "2027-Q2", "end": "2027-Q4"}
    board = _edit(board, key, lambda b: ops.edit(b, "roadmap", demo.portal, shift, make_actor(2)))
    assert str(board.roadmap[demo.portal].start) == "2027-Q1"  # the plan as it was
    # the plan renames the item meanwhile: the scenario shows the new title with its own dates
    board = ops.edit(board, "roadmap", demo.portal, {"title": "E-loket 2.0"}, make_actor(3)).board
    seen = scenario.apply(board, board.scenarios[key]).roadmap[demo.portal]
    assert (seen.title, str(seen.start), str(seen.end)) == ("E-loket 2.0", "2027-Q2", "2027-Q4")
    assert scenario.stale(board, board.scenarios[key]) == []


def test_undoing_in_the_scenario_session_records_an_empty_scenario(demo: Demo) -> None:
    board, key = _with_scenario(demo.board)
    session = BoardSession(scenario.apply(board, board.scenarios[key]), actor=make_actor(9))
    session.apply(lambda b: ops.set_capacity(b, "2027-Q1", 900, make_actor(2)))
    recorded = scenario.record(board, board.scenarios[key], session.board)
    assert [(c.table, c.record, c.fields) for c in recorded.changes] == [
        ("capacity", "2027-Q1", {"amount": (400.0, 900.0)})
    ]
    session.undo()
    assert scenario.record(board, board.scenarios[key], session.board).changes == ()


def test_a_field_the_plan_changed_after_the_scenario_is_stale_until_rebased(demo: Demo) -> None:
    board, key = _with_scenario(demo.board)
    board = _edit(
        board, key, lambda b: ops.edit(b, "roadmap", demo.portal, {"effort": 80}, make_actor(2))
    )
    board = ops.edit(board, "roadmap", demo.portal, {"effort": 150}, make_actor(3)).board
    found = scenario.stale(board, board.scenarios[key])
    assert [(s.field, s.base, s.plan, s.scenario) for s in found] == [
        ("effort", 120.0, 150.0, 80.0)
    ]
    assert scenario.apply(board, board.scenarios[key]).roadmap[demo.portal].effort == 80
    assert "effort 120 → 80 (stale)" in scenario.summary(board, key)[0]
    # a further edit of the scenario keeps the old base: still stale
    board = _edit(
        board, key, lambda b: ops.edit(b, "roadmap", demo.portal, {"owner": "Piet"}, make_actor(4))
    )
    assert [s.field for s in scenario.stale(board, board.scenarios[key])] == ["effort"]
    rebased = scenario.rebase(board, board.scenarios[key])
    assert scenario.stale(board, rebased) == []


def test_apply_leaves_out_what_no_longer_fits_and_says_why(demo: Demo) -> None:
    board, key = _with_scenario(demo.board)
    board = _edit(
        board, key, lambda b: ops.edit(b, "ambitions", demo.ipads, {"value": 5}, make_actor(2))
    )
    board = _edit(board, key, lambda b: ops.delete(b, "roadmap", demo.workplace, make_actor(2)))
    # the plan deletes the card and links another one to the workplace item
    board = ops.delete(board, "ambitions", demo.ipads, make_actor(3)).board
    board = ops.link(board, demo.portal_wish, demo.workplace, make_actor(3)).board
    result = scenario.applied(board, board.scenarios[key])
    assert [str(s) for s in result.skipped] == [
        f"ambition A-{demo.ipads}: the plan no longer has this record",
        f"roadmap item R-{demo.workplace}: still used by A-{demo.portal_wish}",
    ]
    assert demo.workplace in result.board.roadmap
    assert result.board.problems() == []
    # recording an unrelated edit keeps the changes that were left out
    board = _edit(board, key, lambda b: ops.set_capacity(b, "2027-Q2", 10, make_actor(4)))
    assert len(board.scenarios[key].changes) == 3


def test_adopting_records_one_event_per_record_naming_the_scenario_and_undo_takes_it_back(
    demo: Demo,
) -> None:
    board, key = _with_scenario(demo.board, "Chatbot erbij")
    actor = make_actor(2)
    session = BoardSession(scenario.apply(board, board.scenarios[key]), actor=actor)
    item = session.apply(
        lambda b: ops.add(
            b, "roadmap", {"title": "Chatbot", "start": "2027-Q4", "end": "2027-Q4"}, actor
        )
    ).key
    session.apply(lambda b: ops.link(b, demo.ipads, item, actor))
    board = scenario.save_edit(board, key, session.board, actor, "link").board

    plan = BoardSession(board, actor=make_actor(3))
    change = plan.apply(lambda b: scenario.adopt(b, key, AB, make_actor(3)))
    after = plan.board
    assert key not in after.scenarios
    assert after.roadmap[item].title == "Chatbot"
    assert after.ambitions[demo.ipads].linked == (item,)
    adopted = [e for e in after.events.values() if e.action == "adopt"]
    assert sorted((e.table, e.record) for e in adopted) == sorted(
        [("scenarios", key), ("roadmap", item), ("ambitions", demo.ipads)]
    )
    assert {e.text for e in adopted} == {
        "AB 2027-01-15: roadmap 2027 vastgesteld (scenario 'Chatbot erbij')"
    }
    assert change.event.table == "scenarios"
    plan.undo()
    assert plan.board.scenarios[key] == board.scenarios[key]
    assert item not in plan.board.roadmap
    assert plan.board.ambitions[demo.ipads].linked == ()
    assert plan.board.problems() == []


def test_an_empty_scenario_cannot_be_adopted(demo: Demo) -> None:
    board, key = _with_scenario(demo.board)
    with pytest.raises(ops.OpError, match="changes nothing"):
        scenario.adopt(board, key, AB, make_actor(2))


def test_scenarios_are_found_by_name_or_id_and_names_are_unique(demo: Demo) -> None:
    board, key = _with_scenario(demo.board, "Zaaksysteem later")
    assert scenario.find(board, "zaaksysteem LATER") == key
    assert scenario.find(board, f"w-{key}") == key
    with pytest.raises(ops.OpError, match="already exists"):
        scenario.new(board, "Zaaksysteem later ", make_actor(6))
    with pytest.raises(Exception, match="no scenario 'x' \\(scenarios: Zaaksysteem later\\)"):
        scenario.find(board, "x")


def test_a_scenario_is_one_line_in_the_file_and_reads_back(demo: Demo, tmp_path: Path) -> None:
    board, key = _with_scenario(demo.board)
    board = _edit(
        board, key, lambda b: ops.edit(b, "roadmap", demo.portal, {"effort": 80}, make_actor(2))
    )
    path = tmp_path / "b.json"
    BoardStore(path).create(board)
    lines = [ln for ln in path.read_text().splitlines() if ln.startswith(f'"{key}"')]
    assert len(lines) == 1 and '"changes"' in lines[0]
    assert BoardStore(path).load().scenarios == board.scenarios


def test_a_scenario_changing_an_unknown_field_is_refused_naming_record_and_field(
    demo: Demo, tmp_path: Path
) -> None:
    board, key = _with_scenario(demo.board)
    path = tmp_path / "b.json"
    BoardStore(path).create(board)
    text = path.read_text().replace(
        '"changes": []',
        '"changes": [{"fields": {"colour": [null, "red"]}, "record": "x", "table": "roadmap"}]',
    )
    path.write_text(text)
    with pytest.raises(BoardError, match=f"scenario W-{key}, field changes.0: roadmap item has no"):
        BoardStore(path).load()


def test_two_branches_each_adding_a_scenario_merge_without_conflict(demo: Demo) -> None:
    base = demo.board
    ours, a = _with_scenario(base, "Eerst loket", seed=11)
    theirs, b = _with_scenario(base, "Eerst werkplek", seed=12)
    ours = _edit(ours, a, lambda x: ops.set_capacity(x, "2027-Q2", 500, make_actor(13)))
    theirs = _edit(theirs, b, lambda x: ops.set_capacity(x, "2027-Q2", 300, make_actor(14)))
    result = merge.merge(base, ours, theirs)
    assert result.conflicts == []
    assert {sc.name for sc in result.board.scenarios.values()} == {"Eerst loket", "Eerst werkplek"}


def test_two_people_changing_different_records_of_one_scenario_merge_both(demo: Demo) -> None:
    base, key = _with_scenario(demo.board)
    ours = _edit(base, key, lambda x: ops.set_capacity(x, "2027-Q2", 500, make_actor(13)))
    theirs = _edit(
        base, key, lambda x: ops.edit(x, "roadmap", demo.portal, {"effort": 80}, make_actor(14))
    )
    result = merge.merge(base, ours, theirs)
    assert result.conflicts == []
    merged = result.board.scenarios[key]
    assert sorted((c.table, c.record) for c in merged.changes) == [
        ("capacity", "2027-Q2"),
        ("roadmap", demo.portal),
    ]


def test_load_is_split_in_adopted_and_proposed(demo: Demo) -> None:
    board = ops.edit(demo.board, "roadmap", demo.portal, {"status": "adopted"}, make_actor()).board
    board = ops.edit(board, "roadmap", demo.workplace, {"effort": 50}, make_actor()).board
    q3 = next(ld for ld in quarter_loads(board) if ld.quarter == Quarter(2027, 3))
    assert (q3.demand, q3.adopted, q3.proposed) == (170, 120, 50)


def test_compare_names_moved_items_loads_findings_and_costs(demo: Demo) -> None:
    board, key = _with_scenario(demo.board)
    board = _edit(
        board,
        key,
        lambda b: ops.edit(
            b, "roadmap", demo.portal, {"end": "2027-Q2", "cost_once": 1000}, make_actor(2)
        ),
    )
    seen = scenario.apply(board, board.scenarios[key])
    found = scenario.compare(board, seen, TODAY)
    # the comparison words the run, the effort and the status for its reader
    assert [(str(m.plan), str(m.scenario)) for m in found.moved] == [
        ("Q1–Q3 2027 · 120 hours per quarter · draft", "Q1–Q2 2027 · 120 hours per quarter · draft")
    ]
    assert [(m.plan.text("nl"), m.scenario.text("nl")) for m in found.moved] == [
        (
            "Q1–Q3 2027 · 120 uren per kwartaal · concept",
            "Q1–Q2 2027 · 120 uren per kwartaal · concept",
        )
    ]
    assert [(str(p.quarter), p.plan.demand, p.scenario.demand) for p in found.loads] == [
        ("2027-Q3", 120, 0)
    ]
    # Amsterdam is the only municipality with a cost share, so the allocation (which always adds
    # up to the cost) puts all of it there
    assert [(code, after.shared_once) for code, _, after in found.costs] == [("GM0363", 1000.0)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "AB 2027-01-15: roadmap 2027 vastgesteld",
            ("ab", "2027-01-15", "roadmap 2027 vastgesteld"),
        ),
        ("db: ERP later", ("db", "2027-01-04", "ERP later")),
    ],
)
def test_a_decision_typed_on_one_line(text: str, wanted: tuple[str, str, str]) -> None:
    decision = scenario.parse_decision(text, TODAY)
    assert (decision.body.value, decision.date.isoformat(), decision.text) == wanted


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("roadmap vastgesteld", "write the decision like: AB 2027-01-15: roadmap 2027 vastgesteld"),
        ("AB:  ", "write the decision like"),
        ("raad 2027-01-15: ja", "'raad' is not a body; use one of STEERING, DB, AB, ALV"),
        ("AB 15-01-2027: ja", "'15-01-2027' is not a date like 2027-01-15"),
    ],
)
def test_a_badly_typed_decision_says_what_is_wanted(text: str, error: str) -> None:
    with pytest.raises(ValueError, match=re.escape(error)):
        scenario.parse_decision(text, TODAY)
