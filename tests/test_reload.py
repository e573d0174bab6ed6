"""Reading a board again (an outside change, a save that merges): only the lines that changed are
parsed and validated, the unchanged records are kept as they are, and whatever is wrong with the
new text is said exactly as a first load says it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import Demo, make_actor

from regietui import ops, session
from regietui.model import Status
from regietui.store import BoardError, BoardStore, loads


def _line_of(text: str, key: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f'"{key}": '))


def _error(text: str, path: Path) -> str:
    with pytest.raises(BoardError) as first_load:
        loads(text, path)
    return str(first_load.value)


def test_a_reload_keeps_the_unchanged_records_and_reads_the_changed_one(
    board_file: Path, demo: Demo
) -> None:
    mine, other = BoardStore(board_file), BoardStore(board_file)
    before = mine.load()
    other.save(ops.move(other.load(), demo.ipads, "exploring", make_actor()).board)
    after = mine.load()
    assert after.ambitions[demo.ipads].status is Status.EXPLORING
    assert after.docs() == loads(board_file.read_text(encoding="utf-8")).docs()
    kept = [key for key in before.ambitions if after.ambitions[key] is before.ambitions[key]]
    assert sorted(kept) == sorted(set(before.ambitions) - {demo.ipads})
    assert len(after.events) == len(before.events) + 1
    # a table without a changed line is the very same one: a screen sees at once it is unchanged
    assert after.municipalities is before.municipalities and after.roadmap is before.roadmap
    assert after.ambitions is not before.ambitions


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "nonsense"), ("title", ""), ("value", 9), ("municipality", "GM9999")],
)
def test_a_bad_changed_line_is_refused_with_the_sentence_of_a_first_load(
    board_file: Path, demo: Demo, field: str, value: object
) -> None:
    mine = BoardStore(board_file)
    mine.load()
    text = board_file.read_text(encoding="utf-8")
    line = _line_of(text, demo.ipads)
    comma = line.endswith(",")
    doc = json.loads("{" + line.removesuffix(",") + "}")[demo.ipads]
    doc[field] = value
    bad = f'"{demo.ipads}": {json.dumps(doc, ensure_ascii=False, sort_keys=True)}'
    board_file.write_text(text.replace(line, bad + ("," if comma else "")), encoding="utf-8")
    changed = board_file.read_text(encoding="utf-8")
    with pytest.raises(BoardError) as reload:
        mine.load()
    assert str(reload.value) == _error(changed, board_file)
    assert mine.base is not None and mine.base.ambitions[demo.ipads].status is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda line: line.replace('"status": ', '"status": NaN, "status": '),  # NaN, and twice
        lambda line: line.replace('"status": ', '"title": "x", "status": '),  # a field twice
        lambda line: line + "\n" + line,  # the record twice (a hand merge)
        lambda line: "<<<<<<< ours\n" + line + "\n=======\n" + line + "\n>>>>>>> theirs",
        lambda line: line.replace("{", "[", 1),  # not an object
    ],
)
def test_a_damaged_file_in_our_layout_is_refused_as_a_first_load_refuses_it(
    board_file: Path, demo: Demo, damage
) -> None:
    mine = BoardStore(board_file)
    mine.load()
    text = board_file.read_text(encoding="utf-8")
    line = _line_of(text, demo.ipads)
    board_file.write_text(text.replace(line, damage(line)), encoding="utf-8")
    with pytest.raises(BoardError) as reload:
        mine.load()
    assert str(reload.value) == _error(board_file.read_text(encoding="utf-8"), board_file)


def test_a_file_in_another_layout_reads_as_a_first_load_reads_it(
    board_file: Path, demo: Demo
) -> None:
    """Pretty-printed by some other tool: every record is read and checked again."""
    mine = BoardStore(board_file)
    before = mine.load()
    data = json.loads(board_file.read_text(encoding="utf-8"))
    data["ambitions"][demo.ipads]["title"] = "iPads, opnieuw geformatteerd"
    board_file.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    after = mine.load()
    assert after.ambitions[demo.ipads].title == "iPads, opnieuw geformatteerd"
    assert after.docs() == loads(board_file.read_text(encoding="utf-8")).docs()
    assert all(after.ambitions[k] is not before.ambitions[k] for k in before.ambitions)


def test_a_save_that_merges_keeps_both_sides_and_the_unchanged_records(
    board_file: Path, demo: Demo
) -> None:
    mine, other = BoardStore(board_file), BoardStore(board_file)
    board = mine.load()
    other.save(ops.move(other.load(), demo.ipads, "exploring", make_actor()).board)
    saved = mine.save(ops.move(board, demo.parked, "wish", make_actor(seed=3)).board)
    assert saved.merged
    on_disk = BoardStore(board_file).load()
    assert on_disk.ambitions[demo.ipads].status is Status.EXPLORING
    assert on_disk.ambitions[demo.parked].status is Status.WISH
    untouched = set(board.ambitions) - {demo.ipads, demo.parked}
    assert all(saved.board.ambitions[k] is board.ambitions[k] for k in untouched)


def test_a_session_reads_an_outside_change_without_taking_it_until_asked(
    board_file: Path, demo: Demo
) -> None:
    """The three steps a screen runs across threads: nothing changes before `adopt_outside`."""
    mine = session.BoardSession.open(BoardStore(board_file), make_actor())
    other = BoardStore(board_file)
    other.save(ops.move(other.load(), demo.ipads, "exploring", make_actor()).board)
    stamp = mine.outside_change()
    assert stamp is not None
    read = mine.read_outside()
    assert mine.board.ambitions[demo.ipads].status is not Status.EXPLORING
    assert mine.outside_change() == stamp  # still not taken: the next check would read again
    heard: list[session.Changed] = []
    mine.listeners.append(heard.append)
    assert mine.adopt_outside(stamp, read) is True
    assert mine.board.ambitions[demo.ipads].status is Status.EXPLORING
    assert mine.state == session.RELOADED and [c.why for c in heard] == [session.OUTSIDE]
    assert mine.outside_change() is None


def test_a_broken_outside_change_is_said_once(board_file: Path, demo: Demo) -> None:
    mine = session.BoardSession.open(BoardStore(board_file), make_actor())
    board_file.write_text("{\n", encoding="utf-8")
    stamp = mine.outside_change()
    read = mine.read_outside()
    assert isinstance(read, BoardError)
    assert mine.adopt_outside(stamp, read) is True
    assert mine.state == session.ERROR and "invalid JSON" in mine.problem
    assert mine.outside_change() is None  # the same broken file: said already
