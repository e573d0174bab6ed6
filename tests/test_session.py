"""BoardSession: edits, undo/redo, saving with merge adoption, outside changes, read-only, the move
rules and what listeners are told — the editing seam the CLI and the TUI share."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import FIXED, Demo, make_actor

from regietui import history, ops, session, triage
from regietui.model import Status
from regietui.session import BoardSession, Changed
from regietui.store import BoardError, BoardStore

TODAY = date(2027, 1, 4)


def open_session(path: Path, seed: int = 1, author: str = "Test") -> BoardSession:
    return BoardSession.open(BoardStore(path), make_actor(seed, author), TODAY)


def on_disk(path: Path, key: str) -> Status:
    return BoardStore(path).load().ambitions[key].status


def heard(board_session: BoardSession) -> list[Changed]:
    told: list[Changed] = []
    board_session.listeners.append(told.append)
    return told


def move(key: str, status: str, actor: ops.Actor, **extra: object):
    return lambda board: ops.move(board, key, status, actor, **extra)  # type: ignore[arg-type]


def test_an_edit_is_adopted_told_and_saved(board_file: Path, demo: Demo) -> None:
    live = open_session(board_file)
    told = heard(live)
    change = live.apply(move(demo.ipads, "exploring", live.actor))
    assert live.board is change.board
    assert live.state == session.UNSAVED and live.dirty
    assert on_disk(board_file, demo.ipads) is Status.WISH  # nothing written before `save`
    [edit] = told
    assert (edit.why, str(edit.what), edit.change) == ("edit", f"move A-{demo.ipads}", change)
    assert edit.before.ambitions[demo.ipads].status is Status.WISH
    live.save()
    assert live.state == session.SAVED and not live.dirty
    assert on_disk(board_file, demo.ipads) is Status.EXPLORING


def test_a_failed_operation_changes_nothing(board_file: Path, demo: Demo) -> None:
    live = open_session(board_file)
    told = heard(live)
    before = live.board
    with pytest.raises(ops.OpError, match="review date"):
        live.apply(move(demo.ipads, "parked", live.actor))
    assert live.board is before and live.undo_stack == [] and told == []


def test_undo_and_redo_walk_the_stacks_and_are_saved(board_file: Path, demo: Demo) -> None:
    live = open_session(board_file)
    told = heard(live)
    live.apply(move(demo.ipads, "exploring", live.actor))
    live.apply(move(demo.ipads, "deciding", live.actor))
    undone = live.undo()
    assert (
        undone is not None and undone.why == "undo" and str(undone.what) == f"move A-{demo.ipads}"
    )
    assert live.board.ambitions[demo.ipads].status is Status.EXPLORING
    live.save()
    assert on_disk(board_file, demo.ipads) is Status.EXPLORING
    redone = live.redo()
    assert redone is not None and redone.why == "redo"
    assert live.board.ambitions[demo.ipads].status is Status.DECIDING
    assert live.redo() is None  # nothing left to redo
    assert [c.why for c in told] == ["edit", "edit", "undo", "redo"]
    live.save()
    assert on_disk(board_file, demo.ipads) is Status.DECIDING
    actions = [ev.action for _, ev in BoardStore(board_file).load().history(demo.ipads)]
    assert sorted(actions) == ["add", "move", "move", "redo", "undo"]  # one pinned clock


def test_a_new_edit_clears_redo(board_file: Path, demo: Demo) -> None:
    live = open_session(board_file)
    live.apply(move(demo.ipads, "exploring", live.actor))
    live.undo()
    assert len(live.redo_stack) == 1
    live.apply(move(demo.ipads, "local", live.actor))
    assert live.redo_stack == [] and live.redo() is None


def test_undo_keeps_a_field_someone_else_changed(board_file: Path, demo: Demo) -> None:
    """Undo puts back only what the change touched, after a merge brought in another edit."""
    mine, theirs = open_session(board_file, 1, "Jan"), open_session(board_file, 2, "Piet")
    mine.apply(move(demo.ipads, "exploring", mine.actor))
    theirs.apply(lambda b: ops.edit(b, "ambitions", demo.ipads, {"title": "Tablets"}, theirs.actor))
    theirs.save()
    mine.save()
    assert mine.state == session.MERGED
    mine.undo()
    mine.save()
    amb = BoardStore(board_file).load().ambitions[demo.ipads]
    assert (amb.status, amb.title) == (Status.WISH, "Tablets")


def test_a_save_adopts_what_others_wrote_and_counts_conflicts(board_file: Path, demo: Demo) -> None:
    mine, theirs = open_session(board_file, 1, "Jan"), open_session(board_file, 2, "Piet")
    told = heard(mine)
    mine.apply(move(demo.ipads, "exploring", mine.actor))
    theirs.apply(move(demo.ipads, "local", theirs.actor))
    theirs.apply(move(demo.portal_wish, "deciding", theirs.actor))
    theirs.save()
    saved = mine.save()
    assert saved is not None and saved.merged
    assert (mine.state, mine.conflicts) == (session.MERGED, 1)
    merge = told[-1]
    assert (merge.why, merge.conflicts) == ("merge", 1)
    assert {ev.author for ev in merge.arrivals} >= {"Piet"}
    assert mine.board.ambitions[demo.portal_wish].status is Status.DECIDING  # their other edit
    disk = BoardStore(board_file).load()
    assert disk.ambitions[demo.portal_wish].status is Status.DECIDING
    assert any(ev.action == "conflict" for ev in disk.events.values())


def test_follow_disk_reads_an_outside_change_and_tells_who(board_file: Path, demo: Demo) -> None:
    mine, theirs = open_session(board_file, 1, "Jan"), open_session(board_file, 2, "Piet")
    told = heard(mine)
    assert mine.follow_disk() is False  # nothing changed: nothing read
    theirs.apply(move(demo.ipads, "exploring", theirs.actor))
    theirs.save()
    assert mine.follow_disk() is True
    assert mine.state == session.RELOADED
    assert mine.board.ambitions[demo.ipads].status is Status.EXPLORING
    [outside] = told
    assert outside.why == "outside"
    assert [(ev.author, ev.action) for ev in outside.arrivals] == [("Piet", "move")]
    assert mine.undo() is None  # their change is not ours to undo


def test_follow_disk_merges_into_an_unsaved_change(board_file: Path, demo: Demo) -> None:
    mine, theirs = open_session(board_file, 1, "Jan"), open_session(board_file, 2, "Piet")
    mine.apply(move(demo.ipads, "exploring", mine.actor))
    theirs.apply(move(demo.portal_wish, "deciding", theirs.actor))
    theirs.save()
    assert mine.follow_disk() is True
    assert mine.state == session.MERGED and not mine.dirty
    disk = BoardStore(board_file).load()
    assert disk.ambitions[demo.ipads].status is Status.EXPLORING
    assert disk.ambitions[demo.portal_wish].status is Status.DECIDING


def test_a_broken_file_is_reported_once_until_it_changes(board_file: Path, demo: Demo) -> None:
    live = open_session(board_file)
    good = board_file.read_text(encoding="utf-8")
    board_file.write_text("{ not json\n", encoding="utf-8")
    assert live.follow_disk() is True
    assert live.state == session.ERROR and str(board_file) in live.problem
    assert live.follow_disk() is False  # the same broken file: said already
    board_file.write_text(good, encoding="utf-8")
    assert live.follow_disk() is True and live.state == session.RELOADED


def test_a_failed_save_keeps_the_change_and_says_why(board_file: Path, demo: Demo) -> None:
    live = open_session(board_file)
    live.apply(move(demo.ipads, "exploring", live.actor))
    board_file.write_text("{ not json\n", encoding="utf-8")
    with pytest.raises(BoardError):
        live.save()
    assert live.state == session.ERROR and f"{board_file}:1:3: invalid JSON" in live.problem
    assert live.dirty and live.board.ambitions[demo.ipads].status is Status.EXPLORING


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_board_refuses_edits(board_file: Path, demo: Demo) -> None:
    board_file.chmod(0o444)
    live = open_session(board_file)
    assert live.read_only and live.state == session.READ_ONLY
    with pytest.raises(session.ReadOnlyError, match="read-only"):
        live.apply(move(demo.ipads, "exploring", live.actor))
    assert live.undo_stack == []


def test_a_chmod_protected_board_refuses_edits_even_for_root(board_file: Path, demo: Demo) -> None:
    board_file.chmod(0o444)
    live = open_session(board_file)
    assert live.read_only
    with pytest.raises(session.ReadOnlyError):
        live.apply(move(demo.ipads, "exploring", live.actor))
    with pytest.raises(session.ReadOnlyError):
        live.undo()
    board_file.chmod(0o644)
    assert on_disk(board_file, demo.ipads) is Status.WISH


def test_a_session_without_a_store_edits_and_never_writes(demo: Demo) -> None:
    """A what-if board: edits, undo and redo work; saving keeps it in memory."""
    scenario = BoardSession(demo.board, actor=make_actor(), today=TODAY)
    told = heard(scenario)
    scenario.apply(move(demo.ipads, "planned", scenario.actor))
    assert not scenario.read_only and not scenario.dirty
    assert scenario.save() is None
    scenario.undo()
    assert scenario.board.ambitions[demo.ipads].status is Status.WISH
    assert [c.why for c in told] == ["edit", "undo"]
    assert scenario.follow_disk() is False


def test_triage_decisions_are_undoable_session_edits(board_file: Path, demo: Demo) -> None:
    live = open_session(board_file)
    change = live.apply(
        lambda b: triage.decide(b, demo.ipads, "park", live.actor, review="2027-06-01")
    )
    assert live.last_change() is change
    live.save()
    disk = BoardStore(board_file).load()
    assert disk.ambitions[demo.ipads].status is Status.PARKED
    assert disk.ambitions[demo.ipads].review == date(2027, 6, 1)
    live.undo()
    live.save()
    assert on_disk(board_file, demo.ipads) is Status.WISH
    assert live.last_change() is None


# --- the move rules ------------------------------------------------------------------------------


def test_what_each_move_needs() -> None:
    assert session.move_needs("parked") == session.NEEDS_REVIEW
    assert session.move_needs(Status.REJECTED) == session.NEEDS_REASON
    assert session.move_needs(Status.WITHDRAWN) == session.NEEDS_CONFIRM
    assert [s for s in Status if session.move_needs(s) is None] == [
        Status.WISH, Status.EXPLORING, Status.DECIDING, Status.PLANNED, Status.IN_PROGRESS,
        Status.DONE, Status.LOCAL,
    ]  # fmt: skip


def test_the_default_review_date_is_never_in_the_past(demo: Demo) -> None:
    """One rule for the board and the triage: the card's own date while it is ahead, else 90
    days from today (the board used to offer a past date)."""
    amb = demo.board.ambitions[demo.parked]
    assert amb.review == date(2027, 6, 1)
    assert session.default_review(amb, date(2027, 5, 31)) == date(2027, 6, 1)
    assert session.default_review(amb, date(2027, 6, 1)) == date(2027, 8, 30)  # today: not ahead
    assert session.default_review(amb, date(2027, 7, 1)) == date(2027, 9, 29)
    no_date = demo.board.ambitions[demo.ipads]
    assert session.default_review(no_date, TODAY) == date(2027, 4, 4)


def test_a_typed_review_date_is_read_or_refused() -> None:
    assert session.parse_review(" 2027-03-01 ") == date(2027, 3, 1)
    assert session.parse_review("   ") is None
    with pytest.raises(ValueError):
        session.parse_review("next year")


# --- what the screens used to be the only test of -------------------------------------------------


def test_a_session_opened_read_only_follows_the_file_and_never_writes(
    board_file: Path, demo: Demo
) -> None:
    """What a browser tab of `regietui serve` runs: the file is writable, the session is not."""
    viewer = BoardSession.open(BoardStore(board_file, read_only=True), make_actor(), TODAY)
    told = heard(viewer)
    assert viewer.read_only and viewer.state == session.READ_ONLY
    for attempt in (
        lambda: viewer.apply(move(demo.ipads, "exploring", viewer.actor)),
        viewer.undo,
        viewer.redo,
    ):
        with pytest.raises(session.ReadOnlyError, match=f"{board_file} is read-only"):
            attempt()
    with pytest.raises(BoardError, match="read-only"):
        BoardStore(board_file, read_only=True).save(viewer.board)
    coordinator = open_session(board_file, 2, "Piet")
    coordinator.apply(move(demo.ipads, "exploring", coordinator.actor))
    coordinator.save()
    written = board_file.read_bytes()
    assert viewer.follow_disk() is True
    assert viewer.state == session.RELOADED and not viewer.dirty
    assert viewer.board.ambitions[demo.ipads].status is Status.EXPLORING
    assert [c.why for c in told] == ["outside"]
    assert board_file.read_bytes() == written


def test_the_end_of_a_triage_is_saved_but_not_undone(board_file: Path, demo: Demo) -> None:
    """The triage screen's two kinds of change: decisions (undoable) and the mark that the
    queue was walked (bookkeeping: saved, never on the undo stack)."""
    live = open_session(board_file)
    decided = live.apply(lambda b: triage.decide(b, demo.ipads, "explore", live.actor))
    live.apply(lambda b: triage.end(b, live.actor, decided=1, skipped=0), undoable=False)
    assert live.last_change() is decided and live.redo_stack == []
    live.save()
    assert triage.last_triage(BoardStore(board_file).load()) is not None
    undone = live.undo()
    assert undone is not None and str(undone.what) == f"move A-{demo.ipads}"
    assert live.undo() is None  # the mark is not ours to undo
    live.save()
    disk = BoardStore(board_file).load()
    assert disk.ambitions[demo.ipads].status is Status.WISH
    assert triage.last_triage(disk) is not None


def test_taking_the_other_value_of_a_merge_conflict_is_an_undoable_edit(
    board_file: Path, demo: Demo
) -> None:
    """What `f` in the changes view does: the other side's value, saved; undo puts the
    merge's value back."""
    ann = BoardSession.open(BoardStore(board_file), make_actor(1, "Ann"), TODAY)
    later = make_actor(2, "Bob", FIXED + timedelta(hours=1))
    bob = BoardSession.open(BoardStore(board_file), later, TODAY)
    for side, title in ((ann, "iPads (Ann)"), (bob, "iPads (Bob)")):
        side.apply(
            lambda b, side=side, title=title: ops.edit(
                b, "ambitions", demo.ipads, {"title": title}, side.actor
            )
        )
        side.save()
    assert (bob.state, bob.conflicts) == (session.MERGED, 1)
    [conflict] = history.open_conflicts(bob.board)
    assert (conflict.field, conflict.kept) == ("title", "iPads (Bob)")
    assert conflict.other == "iPads (Ann)"
    bob.apply(lambda b: ops.resolve_conflict(b, conflict, bob.actor, take_other=True))
    bob.save()
    disk = BoardStore(board_file).load()
    assert disk.ambitions[demo.ipads].title == "iPads (Ann)"
    assert history.open_conflicts(disk) == []
    bob.undo()
    bob.save()
    assert BoardStore(board_file).load().ambitions[demo.ipads].title == "iPads (Bob)"


@pytest.mark.parametrize(
    ("status", "missing", "given"),
    [
        (Status.PARKED, "review date", {"review": date(2027, 6, 1)}),
        (Status.REJECTED, "reason", {"reason": "geen budget"}),
        (Status.WITHDRAWN, None, {}),
    ],
)
def test_a_move_without_what_the_rule_names_is_refused_and_with_it_done(
    board_file: Path, demo: Demo, status: Status, missing: str | None, given: dict
) -> None:
    """The rule the board, the triage and the palette ask by (`move_needs`), held by the
    session: a park needs a review date, a reject a reason; a withdraw only the user's yes."""
    live = open_session(board_file)
    assert (
        session.move_needs(status)
        == {
            Status.PARKED: session.NEEDS_REVIEW,
            Status.REJECTED: session.NEEDS_REASON,
            Status.WITHDRAWN: session.NEEDS_CONFIRM,
        }[status]
    )
    if missing:
        with pytest.raises(ops.OpError, match=missing):
            live.apply(move(demo.ipads, status.value, live.actor))
        assert live.undo_stack == [] and live.board.ambitions[demo.ipads].status is Status.WISH
    live.apply(move(demo.ipads, status.value, live.actor, **given))
    live.save()
    amb = BoardStore(board_file).load().ambitions[demo.ipads]
    assert amb.status is status
    assert (amb.review, amb.status_reason) == (given.get("review"), given.get("reason"))
