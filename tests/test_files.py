"""Where reads and writes go: symlinked boards saved through the link, outputs written to what
their path names, special files refused instead of hanging, `init` exclusive, temp files of a
killed save cleaned up, pipes that close early, and file errors as one sentence."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import REGIETUI, Demo, make_actor, regietui

from regietui import cli, config, files, ops, store
from regietui.model import Board, Meta, Status
from regietui.store import BoardError, BoardStore

# --- a board that is a symlink --------------------------------------------------------------------


@pytest.fixture
def linked(board_file: Path, tmp_path: Path) -> Path:
    """`tmp_path/link.json` → the demo board in `boards/` (as a shared board linked into a home)."""
    link = tmp_path / "link.json"
    link.symlink_to(board_file)
    return link


def test_a_board_that_is_a_symlink_is_saved_through_the_link(
    linked: Path, board_file: Path, demo: Demo, run
) -> None:
    result = run("move", f"A-{demo.ipads}", "exploring", "-b", linked)
    assert result.code == 0
    assert linked.is_symlink() and os.readlink(linked) == str(board_file)
    assert BoardStore(board_file).load().ambitions[demo.ipads].status is Status.EXPLORING
    assert sorted(p.name for p in board_file.parent.iterdir()) == ["coop.json"]


def test_a_save_through_a_link_takes_the_lock_of_the_targets_folder(
    linked: Path, board_file: Path, demo: Demo
) -> None:
    st = BoardStore(linked)
    board = ops.move(st.load(), demo.ipads, "exploring", make_actor()).board
    done = threading.Event()
    worker = threading.Thread(target=lambda: (st.save(board), done.set()))
    with store.locked(board_file):  # what a writer of the target itself holds
        worker.start()
        assert not done.wait(0.15), "the save must wait for the lock on the target's folder"
    worker.join(5)
    assert done.is_set() and linked.is_symlink()


def test_init_through_a_link_to_a_missing_file_creates_the_target(tmp_path: Path, run) -> None:
    link = tmp_path / "link.json"
    target = tmp_path / "shared" / "board.json"
    link.symlink_to(target)
    assert run("init", "-b", link).code == 0
    assert link.is_symlink() and target.is_file()
    assert run("validate", "-b", link).code == 0


# --- special files as boards or imports -----------------------------------------------------------


def test_a_fifo_as_board_or_import_is_refused_at_once(tmp_path: Path, board_file: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for args in (["validate", "-b", str(fifo)], ["import", str(fifo), "-b", str(board_file)]):
        result = regietui(tmp_path, *args)  # a hang would end in TimeoutExpired
        assert result.returncode == 1
        assert result.stderr == f"regietui: {fifo} is a FIFO, not a file regietui can read\n"


def test_a_device_as_board_or_import_is_refused(run, board_file: Path, tmp_path: Path) -> None:
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    for args in (["validate", "-b", "/dev/zero"], ["import", zero, "-b", board_file]):
        result = run(*args)
        assert result.code == 1
        shown = args[1] if args[0] == "import" else "/dev/zero"
        assert result.err == f"regietui: {shown} is a device, not a file regietui can read\n"


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path, run) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(files.MAX_BYTES + 1)  # sparse: costs no disk
    result = run("validate", "-b", huge)
    assert result.code == 1
    assert result.err == f"regietui: {huge} is larger than 64 MB; that is not a regietui file\n"


def test_a_symlink_loop_and_an_overlong_name_get_one_sentence(tmp_path: Path, run) -> None:
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    loop = run("validate", "-b", tmp_path / "a.json")
    assert loop.code == 1
    assert loop.err == f"regietui: {tmp_path / 'a.json'} cannot be read (a symbolic link loop)\n"
    long = tmp_path / ("x" * 300 + ".json")
    for args in (["validate", "-b", long], ["init", "-b", long]):
        result = run(*args)
        assert result.code == 1 and "(the name is too long)" in result.err, args
        assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_a_folder_that_cannot_be_locked_is_one_sentence(
    board_file: Path, demo: Demo, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    before = board_file.read_bytes()
    real_open = os.open

    def deny_folder(path, flags, *args):
        if Path(path) == board_file.parent and not flags & os.O_WRONLY:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(store.os, "open", deny_folder)
    result = run("move", f"A-{demo.ipads}", "exploring", "-b", board_file)
    assert result.code == 1
    assert result.err == (
        f"regietui: {board_file}: cannot lock its folder {board_file.parent} (permission denied)\n"
    )
    assert board_file.read_bytes() == before


def test_an_unforeseen_file_error_is_one_sentence(monkeypatch: pytest.MonkeyPatch, run) -> None:
    def broken(_args: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO), "boards/x.json")

    monkeypatch.setattr(cli, "cmd_validate", broken)
    result = run("validate")
    assert (result.code, result.err) == (1, "regietui: boards/x.json: Input/output error\n")


# --- init -----------------------------------------------------------------------------------------


def test_two_inits_at_once_cannot_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "boards" / "new.json"
    path.parent.mkdir()
    outcomes: list[str] = []

    def init(name: str) -> None:
        try:
            BoardStore(path).create(Board(meta=Meta(name=name)))
            outcomes.append(f"created {name}")
        except BoardError as err:
            outcomes.append(str(err))

    workers = [threading.Thread(target=init, args=(name,)) for name in ("Eerste", "Tweede")]
    with store.locked(path):  # both get past any check made before the lock
        for worker in workers:
            worker.start()
        workers[0].join(0.2)
        workers[1].join(0.2)
    for worker in workers:
        worker.join(5)
    created = [o.split()[1] for o in outcomes if o.startswith("created ")]
    assert len(created) == 1 and f"{path} already exists" in outcomes
    assert BoardStore(path).load().meta.name == created[0]


# --- temp files of a killed save ------------------------------------------------------------------

KILLED_SAVE = """
import os, signal, sys
from regietui import ops, store
from regietui.store import BoardStore
st = BoardStore(sys.argv[1])
board = st.load()
key = next(iter(board.ambitions))
change = ops.edit(board, "ambitions", key, {"value": 3}, ops.Actor(author="x"))
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)  # die with the temp file written
st.save(change.board)
"""


def test_the_next_save_removes_the_temp_file_of_a_killed_save(board_file: Path, demo: Demo):
    before = board_file.read_bytes()
    killed = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(board_file)], timeout=60)
    assert killed.returncode == -signal.SIGKILL
    left = [p.name for p in board_file.parent.iterdir() if p.name != "coop.json"]
    assert len(left) == 1 and left[0].startswith(".coop.json.regietui-")
    assert left[0].endswith(".tmp")
    assert board_file.read_bytes() == before  # the kill left the board as it was
    other = board_file.parent / ".other.json.regietui-abc.tmp"  # another board's: not ours
    other.write_text("x")
    st = BoardStore(board_file)
    st.save(ops.move(st.load(), demo.ipads, "exploring", make_actor()).board)
    assert sorted(p.name for p in board_file.parent.iterdir()) == [
        ".other.json.regietui-abc.tmp",
        "coop.json",
    ]


# --- output paths ---------------------------------------------------------------------------------


def test_report_output_through_a_symlink_writes_the_target(
    board_file: Path, tmp_path: Path, run
) -> None:
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    link = tmp_path / "report.md"
    link.symlink_to(target)
    result = run("report", "-b", board_file, "-o", link, "--today", "2027-01-04")
    assert result.code == 0 and result.err == f"wrote {link}\n"
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_report_output_to_a_fifo_or_device_is_a_stream(board_file: Path, tmp_path: Path, run):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("report", "-b", board_file, "-o", fifo, "--today", "2027-01-04")
    reader.join(10)
    assert result.code == 0 and received[0].startswith(b"# ")
    assert fifo.is_fifo()  # not replaced by a regular file
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert run("report", "-b", board_file, "-o", os.devnull).code == 0
    assert Path(os.devnull).is_char_device()


def test_report_output_to_a_folder_is_refused(board_file: Path, tmp_path: Path, run) -> None:
    result = run("report", "-b", board_file, "-o", tmp_path)
    assert (result.code, result.err) == (
        1,
        f"regietui: {tmp_path} is a folder; name a file to write to\n",
    )


def test_report_output_over_the_board_through_a_link_is_refused(
    board_file: Path, linked: Path, run
) -> None:
    before = board_file.read_bytes()
    result = run("report", "-b", board_file, "-o", linked)
    assert result.code == 1 and "is the board itself" in result.err
    assert board_file.read_bytes() == before


def test_settings_saved_through_a_symlinked_config(tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "regietui.toml"
    target.parent.mkdir()
    target.write_text('author = "Jan"\n', encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    config.update_settings(link, language="nl")
    assert link.is_symlink()
    assert config.load_settings(target) == config.Settings(language="nl", author="Jan")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("keys = " + "[" * 100_000, "invalid TOML: nested too deeply"),
        ("author = " + "9" * 5000, "invalid TOML: a number has too many digits"),
    ],
)
def test_a_hostile_settings_file_is_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(config.ConfigError) as caught:
        config.load_settings(path)
    assert str(caught.value) == f"{path}: {message}"


# --- pipes that close early -----------------------------------------------------------------------


def _rows(path: Path, count: int, municipality: str = "GM0363") -> Path:
    title = "Wens met een titel die lang genoeg is om de pijp snel te vullen"
    lines = ["municipality,title", *(f"{municipality},{title} {n}" for n in range(count))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _head_1(cwd: Path, *args: str) -> tuple[int, bytes]:
    """`regietui ARGS | head -1`: read one line, then close the pipe."""
    proc = subprocess.Popen(
        [str(REGIETUI), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert proc.stdout
    first = proc.stdout.readline()
    proc.stdout.close()
    return proc.wait(timeout=60), first


def test_an_import_whose_reader_stops_early_still_saves_and_exits_0(
    board_file: Path, tmp_path: Path
) -> None:
    csv = _rows(tmp_path / "wishes.csv", 3000)  # far more output than a pipe buffers
    before = len(BoardStore(board_file).load().ambitions)
    code, first = _head_1(tmp_path, "import", str(csv), "-b", str(board_file))
    assert first.startswith(b"line 2: add ")
    assert code == 0
    assert len(BoardStore(board_file).load().ambitions) == before + 3000


def test_a_failing_import_whose_reader_stops_early_saves_nothing_and_fails(
    board_file: Path, tmp_path: Path
) -> None:
    csv = _rows(tmp_path / "wishes.csv", 3000, municipality="GM9999")
    before = board_file.read_bytes()
    code, first = _head_1(tmp_path, "import", str(csv), "-b", str(board_file))
    assert code == 1 and first == b""
    assert board_file.read_bytes() == before
