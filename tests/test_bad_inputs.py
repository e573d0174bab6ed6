"""The hostile-input corpus `tests/data/bad/` (written by scripts/make_bad_corpus.py): every
command answers every file with its one sentence (exit 1), no traceback, no terminal control
byte, and leaves the file byte-identical. Boards that load although they hold hostile bytes are
answered without passing those bytes on."""

from __future__ import annotations

import asyncio
import html
import importlib.util
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from regietui.store import BoardError, BoardStore

ROOT = Path(__file__).parent / "data" / "bad"
EXPECTED = tomllib.loads((ROOT / "expected.toml").read_text(encoding="utf-8"))
AMBITION = "A-3f9kq"  # the ambition of the corpus' base board
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal from a board: C0 and C1 controls (ESC starts every CSI and
OSC sequence), and the bidi marks, embeddings and overrides that reorder what is shown."""

BOARD_COMMANDS = {
    "validate": ["validate"],
    "check": ["check", "--today", "2027-01-04"],  # findings that come with time stay out
    "list": ["list"],
    "report": ["report"],
    "add": ["add", "--municipality", "GM0363", "--title", "Nieuw"],
}


def _copy(tmp_path: Path, folder: str, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(ROOT / folder / name, target)
    return target


def _inert(text: str) -> bool:
    return not CONTROL.search(text.replace("\n", ""))


def test_the_corpus_covers_every_class_and_is_what_the_script_writes() -> None:
    assert len(EXPECTED["boards"]) >= 40 and len(EXPECTED["imports"]) >= 15
    spec = importlib.util.spec_from_file_location(
        "make_bad_corpus", ROOT.parent.parent.parent / "scripts" / "make_bad_corpus.py"
    )
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = script.corpus()
    on_disk = {str(p.relative_to(ROOT)): p.read_bytes() for p in ROOT.rglob("*") if p.is_file()}
    assert sorted(on_disk) == sorted(written)
    assert [name for name, data in written.items() if on_disk[name] != data] == []


@pytest.mark.parametrize("name", list(EXPECTED["boards"]))
def test_every_command_answers_a_bad_board_in_one_sentence_and_leaves_it(
    name: str, tmp_path: Path, run
) -> None:
    path = _copy(tmp_path, "boards", name)
    before = path.read_bytes()
    for command, argv in BOARD_COMMANDS.items():
        result = run(*argv, "-b", path)
        assert result.code == 1, command
        assert result.out == "", command
        assert result.err.startswith(f"regietui: {path}"), command
        assert EXPECTED["boards"][name] in result.err, command
        assert result.err.count("\n") == 1 and "Traceback" not in result.err, command
        assert path.read_bytes() == before, command
        assert _inert(result.err), command


@pytest.mark.parametrize("name", list(EXPECTED["imports"]))
def test_a_bad_import_file_changes_nothing(name: str, tmp_path: Path, run) -> None:
    board = _copy(tmp_path, "", "good.json")
    before = board.read_bytes()
    source = _copy(tmp_path, "imports", name)
    for dry in (["--dry-run"], []):
        result = run("import", source, *dry, "-b", board)
        assert result.code == 1, dry
        assert EXPECTED["imports"][name] in result.err, dry
        assert result.err.startswith(f"regietui: {source}"), dry
        assert "Traceback" not in result.err and _inert(result.err), dry
        assert board.read_bytes() == before, dry


def test_the_base_board_of_the_corpus_is_valid(run) -> None:
    result = run("validate", "-b", ROOT / "good.json")
    assert result.code == 0 and "valid — 1 ambitions, 1 roadmap items" in result.out


@pytest.mark.parametrize("name", EXPECTED["valid"])
def test_a_board_with_hostile_bytes_is_shown_inert_by_every_command(
    name: str, tmp_path: Path, run
) -> None:
    path = _copy(tmp_path, "valid", name)
    before = path.read_bytes()
    readers = [argv for command, argv in BOARD_COMMANDS.items() if command != "add"]
    for argv in [*readers, ["show", AMBITION], ["log", AMBITION]]:
        result = run(*argv, "-b", path)
        assert result.code == 0, argv  # `check` too: these boards have no error finding
        assert result.out and "Traceback" not in result.err, argv
        assert path.read_bytes() == before, argv
        assert _inert(result.out + result.err), argv


@pytest.mark.parametrize("name", EXPECTED["valid"])
def test_adding_to_a_board_with_hostile_bytes_saves_a_board_that_reads_back(
    name: str, tmp_path: Path, run
) -> None:
    path = _copy(tmp_path, "valid", name)
    result = run(*BOARD_COMMANDS["add"], "-b", path)
    assert result.code == 0 and re.fullmatch(r"A-\w+\n", result.out)
    board = BoardStore(path).load()
    assert board.ambitions[result.out.strip()[2:]].title == "Nieuw"
    assert "\x1b" not in board.ambitions["3f9kq"].title  # control characters never come back


# --- the terminal UI ------------------------------------------------------------------------------

TUI_BOARDS = ["deep-nesting.json", "key-csi.json", "newer-schema.json", "not-utf8.json"]


@pytest.mark.parametrize("name", TUI_BOARDS)
def test_the_terminal_ui_refuses_a_bad_board_with_its_sentence(name: str, tmp_path: Path, run):
    path = _copy(tmp_path, "boards", name)
    before = path.read_bytes()
    from regietui.tui.app import RegieApp

    with pytest.raises(BoardError) as caught:
        RegieApp(BoardStore(path), watch=False)
    assert EXPECTED["boards"][name] in str(caught.value)
    result = run(path)  # `regietui BOARD` says so in plain text before any screen opens
    assert result.code == 1 and EXPECTED["boards"][name] in result.err
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["title-escapes.json", "title-bidi.json"])
async def test_the_terminal_ui_shows_a_board_with_hostile_bytes_inert(
    name: str, tmp_path: Path
) -> None:
    from regietui.tui.app import RegieApp

    path = _copy(tmp_path, "valid", name)
    before = path.read_bytes()
    app = RegieApp(BoardStore(path), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.export_screenshot()
        assert "iPads" in screen
        assert _inert(screen)
    assert path.read_bytes() == before


def _screen_text(app) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


@pytest.mark.parametrize("name", ["deep-nesting.json", "key-osc.json", "newer-schema.json"])
async def test_an_open_terminal_ui_says_so_when_its_board_turns_bad_and_keeps_running(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from regietui.tui import watch
    from regietui.tui.app import RegieApp

    monkeypatch.setattr(watch, "WATCH_SECONDS", 0.05)  # the watcher's step, not what is tested
    path = _copy(tmp_path, "", "good.json")
    app = RegieApp(BoardStore(path))  # following the file, as a user's session does
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        shutil.copyfile(ROOT / "boards" / name, path)
        expected = EXPECTED["boards"][name]
        loop = asyncio.get_running_loop()
        start = loop.time()
        while expected not in _screen_text(app):
            assert loop.time() - start < 5, "the status bar never said what is wrong"
            await pilot.pause(0.01)
        assert app.is_running and _inert(_screen_text(app))
    assert path.read_bytes() == (ROOT / "boards" / name).read_bytes()
