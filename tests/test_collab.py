"""Sharing a board: merge properties, two live writers on one file, git clones with the driver."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import random
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from regietui import cli, merge, ops
from regietui.model import Ambition, Board, Event, Municipality, Priority, Status
from regietui.store import BoardStore, board_text, loads

MUNIS = {
    "GM0001": Municipality(name="Aadorp", short="AA"),
    "GM0002": Municipality(name="Bee", short="BB"),
}
FLOWISH = [Status.WISH, Status.EXPLORING, Status.DECIDING, Status.PLANNED, Status.DONE]


def _base(n: int) -> Board:
    ambitions = {
        f"k{i:03d}": Ambition(municipality="GM0001", title=f"Ambitie {i}", value=1 + i % 5)
        for i in range(n)
    }
    return Board(municipalities=dict(MUNIS), ambitions=ambitions)


edits = st.lists(
    st.tuples(
        st.sampled_from(["title", "value", "priority", "status", "delete", "add"]),
        st.integers(0, 7),
        st.integers(0, 4),
    ),
    max_size=8,
)


def _apply(board: Board, steps: list[tuple[str, int, int]], side: str) -> Board:
    """Random edits as another coordinator would make them (records built directly: fast)."""
    for kind, index, choice in steps:
        key = f"k{index:03d}"
        current = board.ambitions.get(key)
        if kind == "add":
            key = f"{side}{index}{choice}"
            record = Ambition(municipality="GM0002", title=f"Nieuw {side} {index}")
        elif current is None:
            continue
        elif kind == "delete":
            record = None
        else:
            value = {
                "title": f"{current.title} {side}{choice}",
                "value": 1 + choice,
                "priority": list(Priority)[choice % 4],
                "status": FLOWISH[choice],
            }[kind]
            record = current.model_copy(update={kind: value})
        board = board.with_record("ambitions", key, record)
        # an event per edit, at a time both sides can share, so "the later event wins" and its
        # tie-break on event keys are exercised too
        event = Event(
            at=datetime(2027, 1, 1, tzinfo=UTC) + timedelta(minutes=choice),
            author=side,
            action=kind,
            table="ambitions",
            record=key,
        )
        board = board.with_record("events", f"{side}{len(board.events):04d}", event)
    return board


@settings(max_examples=60, deadline=None)
@given(edits)
def test_merging_with_an_unchanged_side_returns_the_other_side(steps):
    base = _base(6)
    changed = _apply(base, steps, "a")
    for result in (merge.merge(base, base, changed), merge.merge(base, changed, base)):
        assert not result.conflicts
        assert board_text(result.board) == board_text(changed)


@settings(max_examples=80, deadline=None)
@given(edits, edits)
def test_merge_result_is_the_same_in_both_directions(steps_a, steps_b):
    base = _base(6)
    a, b = _apply(base, steps_a, "a"), _apply(base, steps_b, "b")
    ab, ba = merge.merge(base, a, b), merge.merge(base, b, a)
    assert board_text(ab.board) == board_text(ba.board)
    assert len(ab.conflicts) == len(ba.conflicts)


@settings(max_examples=80, deadline=None)
@given(edits, edits)
def test_no_record_is_lost_unless_deleted_on_one_side_and_untouched_on_the_other(steps_a, steps_b):
    base = _base(6)
    a, b = _apply(base, steps_a, "a"), _apply(base, steps_b, "b")
    merged = merge.merge(base, a, b).board.ambitions
    for key in a.ambitions.keys() | b.ambitions.keys():
        deleted_untouched = (
            key not in a.ambitions and b.ambitions.get(key) == base.ambitions.get(key)
        ) or (key not in b.ambitions and a.ambitions.get(key) == base.ambitions.get(key))
        assert (key in merged) != deleted_untouched, key


def _writer(path: str, name: str, count: int, seed: int) -> None:
    """One coordinator's session: `count` random operations, each saved at once."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 29, tzinfo=UTC)
    tick = iter(range(10**6))
    actor = ops.Actor(author=name, clock=lambda: start + timedelta(seconds=next(tick)), rng=rng)
    store = BoardStore(path)
    board = store.load()
    mine: list[str] = []
    for i in range(count):
        if not mine or rng.random() < 0.4:
            change = ops.add(
                board, "ambitions", {"municipality": "GM0001", "title": f"{name} {i}"}, actor
            )
            mine.append(change.key)
        elif rng.random() < 0.5:
            key = rng.choice(mine)
            change = ops.edit(board, "ambitions", key, {"title": f"{name} {i}"}, actor)
        else:
            key = rng.choice(mine)
            status = rng.choice([s for s in FLOWISH if s is not board.ambitions[key].status])
            change = ops.move(board, key, status, actor)
        board = store.save(change.board).board
    (Path(path).parent / f"{name}.expected").write_text(
        "\n".join(f"{k}\t{board.ambitions[k].title}\t{board.ambitions[k].status}" for k in mine)
    )


def test_two_processes_writing_one_board_keep_all_400_effects(tmp_path):
    path = tmp_path / "board.json"
    BoardStore(path).create(Board(municipalities=dict(MUNIS)))
    ctx = multiprocessing.get_context("fork")
    procs = [
        ctx.Process(target=_writer, args=(str(path), name, 200, seed))
        for name, seed in (("ann", 1), ("bob", 2))
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    board = BoardStore(path).load()
    assert len(board.events) == 400
    assert {ev.author for ev in board.events.values()} == {"ann", "bob"}
    for name in ("ann", "bob"):
        for line in (tmp_path / f"{name}.expected").read_text().splitlines():
            key, title, status = line.split("\t")
            # each writer only touches its own cards, so its last view of them must be on disk
            assert board.ambitions[key].title == title
            assert board.ambitions[key].status == status


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)


def _cli(cwd: Path, *args: str) -> str:
    """A `regietui` command run in `cwd`, in this process: what is under test here is git and the
    merge driver, which git starts as a process of its own (from the `git setup` this makes)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    assert code == 0, err.getvalue()
    return out.getvalue().strip()


def test_two_clones_merge_through_the_driver(tmp_path):
    origin, one, two = tmp_path / "origin.git", tmp_path / "one", tmp_path / "two"
    _run(tmp_path, "git", "init", "-q", "--bare", "-b", "main", str(origin))
    _run(tmp_path, "git", "clone", "-q", str(origin), str(one))
    for repo in (one,):
        _run(repo, "git", "config", "user.name", "Ann")
        _run(repo, "git", "config", "user.email", "ann@example.org")
    (one / "boards").mkdir()
    _cli(one, "init", "-b", "boards/b.json")
    _cli(one, "municipality", "add", "--code", "GM0001", "--name", "Aadorp", "--short", "AA")
    card = _cli(one, "add", "--municipality", "AA", "--title", "Portaal")
    gone = _cli(one, "add", "--municipality", "AA", "--title", "Weg ermee")
    same = _cli(one, "add", "--municipality", "AA", "--title", "Zelfde")
    _cli(one, "git", "setup")
    _run(one, "git", "add", "-A")
    _run(one, "git", "commit", "-qm", "start")
    _run(one, "git", "push", "-q", "origin", "main")
    _run(tmp_path, "git", "clone", "-q", str(origin), str(two))
    _run(two, "git", "config", "user.name", "Bob")
    _run(two, "git", "config", "user.email", "bob@example.org")
    _cli(two, "git", "setup")

    # Bob: another field of the same card, the same field of another card, a move, an add, an edit
    # of a card Ann deletes
    _cli(two, "edit", card, "--set", "value=4")
    _cli(two, "edit", same, "--set", "title=Zelfde (Bob)")
    _cli(two, "move", card, "exploring")
    bob_new = _cli(two, "add", "--municipality", "AA", "--title", "Van Bob")
    _cli(two, "edit", gone, "--set", "priority=must")
    _run(two, "git", "commit", "-qam", "bob")
    _run(two, "git", "push", "-q", "origin", "main")

    _cli(one, "edit", card, "--set", "priority=should")
    _cli(one, "edit", same, "--set", "title=Zelfde (Ann)")
    ann_new = _cli(one, "add", "--municipality", "AA", "--title", "Van Ann")
    _cli(one, "delete", gone)
    _run(one, "git", "commit", "-qam", "ann")
    pulled = _run(one, "git", "pull", "-q", "--no-rebase", "origin", "main")
    assert pulled.returncode == 0, pulled.stderr + pulled.stdout

    text = (one / "boards/b.json").read_text()
    assert "<<<<<<<" not in text
    board = loads(text)
    key = card[2:]
    assert board.ambitions[key].value == 4 and board.ambitions[key].priority == "should"
    assert board.ambitions[key].status == "exploring"
    assert {bob_new[2:], ann_new[2:]} <= board.ambitions.keys()
    assert board.ambitions[gone[2:]].priority == "must"  # the edit survived the delete
    assert board.ambitions[same[2:]].title in ("Zelfde (Bob)", "Zelfde (Ann)")
    conflicts = [ev for ev in board.events.values() if ev.action == "conflict"]
    assert sorted(field for ev in conflicts for field in ev.changes) == ["*", "title"]
    assert _cli(one, "validate").startswith("boards/b.json: valid")


def _started(tmp_path: Path, name: str = "ann") -> tuple[Path, Path]:
    """A bare origin and Ann's clone of it holding a new board with one municipality (AA)."""
    origin, repo = tmp_path / "origin.git", tmp_path / name
    _run(tmp_path, "git", "init", "-q", "--bare", "-b", "main", str(origin))
    _run(tmp_path, "git", "clone", "-q", str(origin), str(repo))
    _run(repo, "git", "config", "user.name", "Ann")
    _run(repo, "git", "config", "user.email", "ann@example.org")
    (repo / "boards").mkdir()
    _cli(repo, "init", "-b", "boards/b.json")
    _cli(repo, "municipality", "add", "--code", "GM0001", "--name", "Aadorp", "--short", "AA")
    return origin, repo


def _clone(tmp_path: Path, origin: Path, name: str, user: str) -> Path:
    repo = tmp_path / name
    _run(tmp_path, "git", "clone", "-q", str(origin), str(repo))
    _run(repo, "git", "config", "user.name", user)
    _run(repo, "git", "config", "user.email", f"{user.lower()}@example.org")
    _cli(repo, "git", "setup")
    return repo


def test_a_delete_against_a_link_merges_through_the_driver_the_same_both_ways(tmp_path):
    """Ann deletes a roadmap item while Bob links an ambition to it, and both change other things.
    Merged through git and the driver, in Ann's clone one way and in Bob's the other: the same
    bytes, a valid board with everything of both, and a conflict `resolve` lists for review."""
    origin, one = _started(tmp_path, "one")
    item = _cli(one, "roadmap", "add", "--title", "Oud", "--start", "2027-Q1", "--end", "2027-Q2")
    item = item.split()[0]
    card = _cli(one, "add", "--municipality", "AA", "--title", "Wens").split()[0]
    other = _cli(one, "add", "--municipality", "AA", "--title", "Ander").split()[0]
    _cli(one, "git", "setup")
    _run(one, "git", "add", "-A")
    _run(one, "git", "commit", "-qm", "start")
    _run(one, "git", "push", "-q", "origin", "main")
    two = _clone(tmp_path, origin, "two", "Bob")

    _cli(one, "delete", item)
    _cli(one, "edit", other, "--set", "value=5")
    ann_new = _cli(one, "add", "--municipality", "AA", "--title", "Van Ann").split()[0]
    _run(one, "git", "commit", "-qam", "ann")
    _run(one, "git", "push", "-q", "origin", "main:ann")

    _cli(two, "link", card, item)
    _cli(two, "edit", other, "--set", "owner=Bob")
    _cli(two, "capacity", "set", "2027-Q1", "300")
    _run(two, "git", "commit", "-qam", "bob")
    _run(two, "git", "push", "-q", "origin", "main:bob")

    for repo, theirs in ((one, "bob"), (two, "ann")):
        _run(repo, "git", "fetch", "-q", "origin")
        merged = _run(repo, "git", "merge", "--no-edit", f"origin/{theirs}")
        assert merged.returncode == 0, merged.stdout + merged.stderr
        assert "deleted on one side, still used by" in merged.stderr  # the driver says so
    text = (one / "boards/b.json").read_bytes()
    assert (two / "boards/b.json").read_bytes() == text  # one file, whichever way

    assert _cli(one, "validate").startswith("boards/b.json: valid")
    board = loads(text.decode())
    assert item[2:] in board.roadmap  # kept, because Bob's link still uses it
    assert item[2:] in board.ambitions[card[2:]].linked
    assert (board.ambitions[other[2:]].value, board.ambitions[other[2:]].owner) == (5, "Bob")
    assert ann_new[2:] in board.ambitions and board.capacity["2027-Q1"].amount == 300
    listed = _cli(one, "resolve").splitlines()
    assert len(listed) == 2
    assert listed[0].startswith(f"{item} 'Oud' merge conflict (deleted on one side, still used by")
    assert "1 merge conflict(s) to review" in listed[1]
    # the merge commits hold it too: nothing waits in the index
    assert _run(one, "git", "status", "--porcelain").stdout == ""


def _merge(repo: Path, branch: str) -> None:
    _run(repo, "git", "fetch", "-q", "origin")
    merged = _run(repo, "git", "merge", "--no-edit", f"origin/{branch}")
    assert merged.returncode == 0, merged.stdout + merged.stderr


def test_the_five_merge_situations_through_the_cli_and_git(tmp_path):
    """Issue 15 end to end: the later change of a field wins, links from both sides stay, a long
    text merges by line, both directions give one file, and a criss-cross merge keeps every
    event once."""
    origin, ann = _started(tmp_path)
    items = [
        _cli(ann, "roadmap", "add", "--title", t, "--start", "2027-Q1", "--end", "2027-Q2").split()[
            0
        ]
        for t in ("Een", "Twee")
    ]
    card = _cli(ann, "add", "--municipality", "AA", "--title", "Kaart").split()[0]
    _cli(ann, "edit", card, "--set", "description=Eerste zin.\nTweede zin.\nDerde zin.")
    _cli(ann, "git", "setup")
    _run(ann, "git", "add", "-A")
    _run(ann, "git", "commit", "-qm", "start")
    _run(ann, "git", "push", "-q", "origin", "main")
    bob = _clone(tmp_path, origin, "bob", "Bob")

    _cli(ann, "edit", card, "--set", "title=Titel van Ann")  # 1st
    _cli(bob, "edit", card, "--set", "title=Titel van Bob")  # 2nd: the later change of the title
    _cli(ann, "edit", card, "--set", "priority=must")  # 3rd: Ann touches the card last
    _cli(ann, "link", card, items[0])
    _cli(bob, "link", card, items[1])
    _cli(ann, "edit", card, "--set", "description=1e zin.\nTweede zin.\nDerde zin.")
    _cli(bob, "edit", card, "--set", "description=Eerste zin.\nTweede zin.\n3e zin.")
    for repo, branch in ((ann, "ann"), (bob, "bob")):
        _run(repo, "git", "commit", "-qam", branch)
        _run(repo, "git", "push", "-q", "origin", f"main:{branch}")
    _merge(ann, "bob")
    _merge(bob, "ann")
    first = (ann / "boards/b.json").read_bytes()
    assert (bob / "boards/b.json").read_bytes() == first

    board = loads(first.decode())
    amb = board.ambitions[card[2:]]
    assert (amb.title, amb.priority) == ("Titel van Bob", "must")
    assert set(amb.linked) == {items[0][2:], items[1][2:]}
    assert amb.description == "1e zin.\nTweede zin.\n3e zin."
    [conflict] = [ev for ev in board.events.values() if ev.action == "conflict"]
    assert conflict.changes == {"title": ("Titel van Ann", "Titel van Bob")}

    # criss-cross: both go on from their own merge commit, then Ann merges Bob's again
    _cli(ann, "edit", card, "--set", "value=3")
    _cli(bob, "capacity", "set", "2027-Q1", "100")
    for repo, branch in ((ann, "ann"), (bob, "bob")):
        _run(repo, "git", "commit", "-qam", f"{branch} 2")
        _run(repo, "git", "push", "-q", "-f", "origin", f"main:{branch}")
    _run(ann, "git", "fetch", "-q", "origin")
    bases = _run(ann, "git", "merge-base", "--all", "main", "origin/bob").stdout.split()
    assert len(bases) == 2  # a real criss-cross
    ann_events = set(loads((ann / "boards/b.json").read_text()).events)
    bob_events = set(loads((bob / "boards/b.json").read_text()).events)
    _merge(ann, "bob")
    final = loads((ann / "boards/b.json").read_text())
    assert set(final.events) == ann_events | bob_events
    assert [ev.action for ev in final.events.values()].count("conflict") == 1
    assert final.ambitions[card[2:]].value == 3 and final.capacity["2027-Q1"].amount == 100
    assert _cli(ann, "validate").startswith("boards/b.json: valid")
