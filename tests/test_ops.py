"""Pure operations: a new board, one event, refusals that name the field, undo and redo."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import FIXED, Demo, git, make_actor

from regietui import history, merge, ops
from regietui.model import Board, Coverage, Link, Status
from regietui.ops import OpError
from regietui.store import board_text

ACTOR = make_actor(7)

OPERATIONS: dict[str, Callable[[Demo], ops.Change]] = {
    "add": lambda d: ops.add(
        d.board, "ambitions", {"municipality": d.amsterdam, "title": "Digitale balie"}, ACTOR
    ),
    "edit": lambda d: ops.edit(d.board, "ambitions", d.portal_wish, {"value": 5}, ACTOR),
    "move": lambda d: ops.move(d.board, d.ipads, "exploring", ACTOR),
    "link": lambda d: ops.link(d.board, d.ipads, d.workplace, ACTOR, coverage="partial"),
    "unlink": lambda d: ops.unlink(d.board, d.portal_wish, d.portal, ACTOR),
    "decide": lambda d: ops.decide(d.board, d.ipads, "steering", "Niet doen", ACTOR),
    "delete": lambda d: ops.delete(d.board, "ambitions", d.parked, ACTOR),
    "capacity": lambda d: ops.set_capacity(d.board, "2027q2", 350, ACTOR),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_returns_a_new_board_and_exactly_one_event(demo: Demo, name: str) -> None:
    before_text = board_text(demo.board)
    change = OPERATIONS[name](demo)
    assert board_text(demo.board) == before_text, "the old board is untouched (undo snapshot)"
    assert change.board is not demo.board
    new_events = set(change.board.events) - set(demo.board.events)
    assert new_events == {change.event_key}
    event = change.board.events[change.event_key]
    assert event == change.event
    assert event.author == "Test"
    assert event.at == FIXED and event.at.utcoffset() == timedelta(0)
    assert event.action == name
    assert event.changes, "an event says what changed"
    # everything else is as it was: only the touched records and the event differ
    touched = {(t, k) for t, k, _ in change.after} | {("events", change.event_key)}
    for table, records in change.board.tables():
        for key in records.keys() | demo.board.table(table).keys():
            if (table, key) not in touched:
                assert records.get(key) == demo.board.table(table).get(key), (table, key)


def test_an_event_records_each_change_from_and_to(demo: Demo) -> None:
    change = ops.move(demo.board, demo.ipads, "exploring", ACTOR)
    assert change.event.changes == {"status": ("wish", "exploring")}
    assert (change.event.table, change.event.record) == ("ambitions", demo.ipads)
    assert change.event.title == "iPads voor raadsleden"
    edit = ops.edit(demo.board, "ambitions", demo.portal_wish, {"value": 5, "owner": "Ans"}, ACTOR)
    assert edit.event.changes == {"value": (4, 5), "owner": (None, "Ans")}


def test_the_default_actor_stamps_events_in_utc(demo: Demo) -> None:
    actor = ops.Actor(author="Test", rng=random.Random(1))
    now = datetime.now(UTC)
    event = ops.move(demo.board, demo.ipads, "exploring", actor).event
    assert event.at.utcoffset() == timedelta(0)
    assert abs(event.at - now) < timedelta(seconds=5)


def test_add_gives_a_random_key_and_fills_defaults(demo: Demo) -> None:
    change = OPERATIONS["add"](demo)
    amb = change.board.ambitions[change.key]
    assert change.key not in demo.board.ambitions
    assert amb.status is Status.WISH and amb.title == "Digitale balie"
    assert change.event.changes["title"] == (None, "Digitale balie")


def test_add_refuses_a_taken_key_and_an_unknown_municipality(demo: Demo) -> None:
    with pytest.raises(OpError, match="municipality GM0363 already exists"):
        ops.add(demo.board, "municipalities", {"name": "X", "short": "X"}, ACTOR, key="GM0363")
    with pytest.raises(OpError) as caught:
        ops.add(demo.board, "ambitions", {"municipality": "GM9999", "title": "x"}, ACTOR)
    assert "field municipality: unknown municipality GM9999" in str(caught.value)


def test_edit_clears_a_field_with_none_and_names_bad_fields(demo: Demo) -> None:
    change = ops.edit(demo.board, "ambitions", demo.portal_wish, {"priority": None}, ACTOR)
    assert change.board.ambitions[demo.portal_wish].priority is None
    assert change.event.changes == {"priority": ("must", None)}
    with pytest.raises(OpError, match=r"ambition has no field 'prio'"):
        ops.edit(demo.board, "ambitions", demo.portal_wish, {"prio": "must"}, ACTOR)
    with pytest.raises(OpError) as caught:
        ops.edit(demo.board, "ambitions", demo.portal_wish, {"value": 9}, ACTOR)
    assert str(caught.value).startswith(f"ambition A-{demo.portal_wish}, field value:")
    with pytest.raises(OpError, match=r"no ambition A-zzzzz"):
        ops.edit(demo.board, "ambitions", "zzzzz", {"value": 3}, ACTOR)


# --- moving ---------------------------------------------------------------------------------------


def test_moving_to_parked_needs_a_review_date(demo: Demo) -> None:
    with pytest.raises(OpError) as caught:
        ops.move(demo.board, demo.ipads, "parked", ACTOR)
    assert f"A-{demo.ipads}" in str(caught.value)
    assert "review" in str(caught.value)
    change = ops.move(demo.board, demo.ipads, "parked", ACTOR, review="2027-09-01")
    assert change.board.ambitions[demo.ipads].review == date(2027, 9, 1)
    assert change.event.changes == {
        "status": ("wish", "parked"),
        "review": (None, "2027-09-01"),
    }


def test_moving_to_rejected_needs_a_reason(demo: Demo) -> None:
    with pytest.raises(OpError) as caught:
        ops.move(demo.board, demo.ipads, "rejected", ACTOR)
    assert f"A-{demo.ipads}" in str(caught.value)
    assert "status_reason" in str(caught.value)
    change = ops.move(demo.board, demo.ipads, "rejected", ACTOR, reason="Strijdig met standaard")
    assert change.board.ambitions[demo.ipads].status_reason == "Strijdig met standaard"
    assert change.event.text == "Strijdig met standaard"


def test_moving_back_into_the_flow_drops_the_rejection_reason(demo: Demo) -> None:
    rejected = ops.move(demo.board, demo.ipads, "rejected", ACTOR, reason="Nee").board
    back = ops.move(rejected, demo.ipads, "wish", ACTOR)
    assert back.board.ambitions[demo.ipads].status_reason is None


def test_moving_refuses_an_unknown_or_the_same_status(demo: Demo) -> None:
    with pytest.raises(OpError, match=r"unknown status 'someday'; choose one of wish, "):
        ops.move(demo.board, demo.ipads, "someday", ACTOR)
    with pytest.raises(OpError, match=rf"A-{demo.ipads} is already wish"):
        ops.move(demo.board, demo.ipads, "wish", ACTOR)


def test_step_walks_the_main_flow(demo: Demo) -> None:
    assert ops.step(demo.board, demo.ipads, +1) is Status.EXPLORING
    assert ops.step(demo.board, demo.ipads, -1) is None
    assert ops.step(demo.board, demo.portal_wish, -1) is Status.WISH
    assert ops.step(demo.board, demo.parked, +1) is Status.WISH  # back from a side column
    assert ops.step(demo.board, demo.parked, -1) is None


# --- links, decisions, deletes, capacity ----------------------------------------------------------


def test_link_and_unlink(demo: Demo) -> None:
    linked = ops.link(demo.board, demo.ipads, demo.workplace, ACTOR, coverage="partial").board
    assert linked.ambitions[demo.ipads].links == (Link(roadmap=demo.workplace, coverage="partial"),)
    assert linked.serving(demo.workplace) == [demo.ipads]
    unlinked = ops.unlink(linked, demo.ipads, demo.workplace, ACTOR).board
    assert unlinked.ambitions[demo.ipads].links == ()
    with pytest.raises(OpError, match=rf"A-{demo.portal_wish} already links R-{demo.portal}"):
        ops.link(demo.board, demo.portal_wish, demo.portal, ACTOR)
    with pytest.raises(OpError, match=rf"A-{demo.ipads} does not link R-{demo.portal}"):
        ops.unlink(demo.board, demo.ipads, demo.portal, ACTOR)


def test_link_to_an_unknown_roadmap_item_fails(demo: Demo) -> None:
    with pytest.raises(OpError, match=r"^no roadmap item R-zzzzz$"):
        ops.link(demo.board, demo.ipads, "zzzzz", ACTOR)
    assert demo.board.ambitions[demo.ipads].links == ()


def test_linking_keeps_the_coverage(demo: Demo) -> None:
    full = ops.link(demo.board, demo.ipads, demo.workplace, ACTOR).board
    assert full.ambitions[demo.ipads].links[0].coverage is Coverage.FULL


def test_decide_records_body_text_and_date(demo: Demo) -> None:
    change = ops.decide(demo.board, demo.ipads, "ab", "Afgewezen wegens iOS", ACTOR)
    decision = change.board.ambitions[demo.ipads].decision
    assert decision is not None
    assert (decision.body.value, decision.text, decision.date) == (
        "ab",
        "Afgewezen wegens iOS",
        FIXED.date(),
    )
    on = ops.decide(demo.board, demo.ipads, "db", "Later", ACTOR, on=date(2026, 12, 1)).board
    assert on.ambitions[demo.ipads].decision.date == date(2026, 12, 1)
    with pytest.raises(OpError, match=rf"decision on A-{demo.ipads}"):
        ops.decide(demo.board, demo.ipads, "gemeenteraad", "x", ACTOR)
    with pytest.raises(OpError, match=rf"decision on A-{demo.ipads}: text"):
        ops.decide(demo.board, demo.ipads, "db", "", ACTOR)


def test_deleting_a_linked_roadmap_item_names_the_ambition(demo: Demo) -> None:
    with pytest.raises(OpError) as caught:
        ops.delete(demo.board, "roadmap", demo.portal, ACTOR)
    assert str(caught.value) == (
        f"R-{demo.portal} is still used by A-{demo.portal_wish} and R-{demo.workplace}"
    )


def test_deleting_a_used_municipality_or_standard_fails(demo: Demo) -> None:
    with pytest.raises(OpError, match=rf"GM0344 is still used by .*A-{demo.ipads}"):
        ops.delete(demo.board, "municipalities", demo.utrecht, ACTOR)
    with pytest.raises(OpError, match=rf"S-{demo.ipad} is still used by A-{demo.ipads}"):
        ops.delete(demo.board, "standards", demo.ipad, ACTOR)


def test_deleting_an_unused_record_removes_it(demo: Demo) -> None:
    change = ops.delete(demo.board, "roadmap", demo.workplace, ACTOR)
    assert demo.workplace not in change.board.roadmap
    assert change.event.action == "delete"
    assert change.event.title == "Werkplek vernieuwen"
    assert change.event.changes["title"] == ("Werkplek vernieuwen", None)


def test_depends_on_cycles_are_refused(demo: Demo) -> None:
    with pytest.raises(OpError, match="dependency cycle"):
        ops.edit(demo.board, "roadmap", demo.portal, {"depends_on": [demo.workplace]}, ACTOR)
    with pytest.raises(OpError, match="cannot depend on itself"):
        ops.edit(demo.board, "roadmap", demo.portal, {"depends_on": [demo.portal]}, ACTOR)
    third = ops.add(
        demo.board,
        "roadmap",
        {"title": "Zaaksysteem", "start": "2028-Q1", "end": "2028-Q4"},
        ACTOR,
    )
    chain = ops.edit(
        third.board, "roadmap", third.key, {"depends_on": [demo.workplace]}, ACTOR
    ).board
    with pytest.raises(OpError, match="dependency cycle"):
        ops.edit(chain, "roadmap", demo.portal, {"depends_on": [third.key]}, ACTOR)


def test_set_capacity_keys_by_quarter(demo: Demo) -> None:
    change = ops.set_capacity(demo.board, "2027q2", 350, ACTOR)
    assert change.board.capacity["2027-Q2"].amount == 350
    again = ops.set_capacity(change.board, "2027-Q2", 300, ACTOR)
    assert again.event.changes == {"amount": (350.0, 300.0)}
    with pytest.raises(OpError, match="is not a quarter"):
        ops.set_capacity(demo.board, "volgend jaar", 1, ACTOR)
    with pytest.raises(OpError, match="amount"):
        ops.set_capacity(demo.board, "2027-Q3", -5, ACTOR)


# --- undo and redo --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OPERATIONS)
def test_undo_restores_the_records_and_redo_reapplies(demo: Demo, name: str) -> None:
    change = OPERATIONS[name](demo)
    undone = ops.undo(change.board, change, ACTOR)
    for table, key, old in change.before:
        assert undone.board.table(table).get(key) == old
    assert undone.event.action == "undo"
    assert undone.event.text == name
    assert len(undone.board.events) == len(change.board.events) + 1  # history is append-only

    redone = ops.undo(undone.board, undone, ACTOR)
    for table, key, new in change.after:
        assert redone.board.table(table).get(key) == new
    assert redone.event.action == "redo"

    again = ops.undo(redone.board, redone, ACTOR)
    assert again.event.action == "undo"
    for table, key, old in change.before:
        assert again.board.table(table).get(key) == old


def test_undo_events_swap_from_and_to(demo: Demo) -> None:
    change = ops.move(demo.board, demo.ipads, "exploring", ACTOR)
    undone = ops.undo(change.board, change, ACTOR)
    assert undone.event.changes == {"status": ("exploring", "wish")}


def test_undo_keeps_edits_to_other_fields_merged_in_meanwhile(demo: Demo) -> None:
    change = ops.move(demo.board, demo.ipads, "exploring", ACTOR)
    other = ops.edit(change.board, "ambitions", demo.ipads, {"value": 3}, make_actor(9, "Bea"))
    undone = ops.undo(other.board, change, ACTOR).board
    assert undone.ambitions[demo.ipads].status is Status.WISH
    assert undone.ambitions[demo.ipads].value == 3


def test_undo_of_a_park_clears_the_review_date_again(demo: Demo) -> None:
    change = ops.move(demo.board, demo.ipads, "parked", ACTOR, review="2027-09-01")
    undone = ops.undo(change.board, change, ACTOR).board
    assert undone.ambitions[demo.ipads] == demo.board.ambitions[demo.ipads]


def test_a_whole_board_can_be_undone_step_by_step(demo: Demo) -> None:
    board: Board = demo.board
    changes = []
    for name in ("move", "edit", "link", "decide"):
        change = OPERATIONS[name](dataclasses.replace(demo, board=board))
        changes.append(change)
        board = change.board
    for change in reversed(changes):
        board = ops.undo(board, change, ACTOR).board
    for table, records in demo.board.tables():
        if table != "events":
            assert board.table(table) == records


def test_municipalities_and_themes_are_keyed_by_their_natural_id():
    board = Board()
    actor = ops.Actor(author="Test", rng=random.Random(3))
    change = ops.add(board, "municipalities", {"name": "Utrecht", "short": "UTR"}, actor, "gm0344")
    assert change.key == "GM0344"
    change = ops.add(change.board, "themes", {"name": "Data"}, actor, "Data-Ketens")
    assert change.key == "data-ketens"
    with pytest.raises(ops.OpError, match="CBS code such as GM0363"):
        ops.add(board, "municipalities", {"name": "X", "short": "X"}, actor, "0344")
    with pytest.raises(ops.OpError, match="not a valid theme id"):
        ops.add(board, "themes", {"name": "X"}, actor)


def test_resolving_a_merge_conflict_closes_it_either_way(demo: Demo) -> None:
    base = demo.board
    ann = make_actor(2, "Ann", FIXED + timedelta(hours=1))
    bob = make_actor(3, "Bob", FIXED + timedelta(hours=2))
    ours = ops.edit(base, "ambitions", demo.ipads, {"title": "Van Ann"}, ann).board
    theirs = ops.edit(base, "ambitions", demo.ipads, {"title": "Van Bob"}, bob).board
    board = merge.merge(base, ours, theirs).board
    (conflict,) = history.open_conflicts(board)
    assert (conflict.kept, conflict.other) == ("Van Bob", "Van Ann")  # the later edit won
    late_clock = make_actor(4)  # a clock behind the merge: the resolution still comes after it
    flipped = ops.resolve_conflict(board, conflict, late_clock, take_other=True)
    assert flipped.board.ambitions[demo.ipads].title == "Van Ann"
    assert flipped.event.at > conflict.event.at and not history.open_conflicts(flipped.board)
    kept = ops.resolve_conflict(board, conflict, late_clock, take_other=False)
    assert kept.board.ambitions[demo.ipads].title == "Van Bob"
    assert kept.event.changes == {"title": ("Van Bob", "Van Bob")}
    assert not history.open_conflicts(kept.board)


def test_the_author_is_the_boards_git_user_name_then_the_settings_then_the_login_name(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("USER", "jdevries")
    board_repo, started_in = tmp_path / "team", tmp_path / "elsewhere"
    for folder, name in ((board_repo, "Board Repo"), (started_in, "Started In")):
        git(folder.parent, "init", "-q", str(folder))
        git(folder, "config", "user.name", name)
    monkeypatch.chdir(started_in)
    ops.default_author.cache_clear()
    try:
        assert ops.default_author(board_repo, "From Settings") == "Board Repo"
        git(board_repo, "config", "--unset", "user.name")
        ops.default_author.cache_clear()
        assert ops.default_author(board_repo, "From Settings") == "From Settings"
        assert ops.default_author(board_repo) == "jdevries"
        (tmp_path / "gitconfig").write_text("[user]\n\tname = Jan de Vries\n")
        ops.default_author.cache_clear()
        assert ops.default_author(board_repo, "From Settings") == "Jan de Vries"
        assert ops.default_author(tmp_path / "gone", "From Settings") == "From Settings"
    finally:
        ops.default_author.cache_clear()
