"""No board can attack a terminal: every command run on a board full of escape sequences, bidi
overrides and C1 controls writes none of them (issue 8, point 5), and an output encoding that
cannot hold a character degrades instead of failing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import GIT_ENV, REGIETUI, build_demo, git
from hostile import EVIL, EVIL_KEY, hostile_board, ids, leaks

from regietui.store import BoardStore

TODAY = "2027-01-10"
READING = (
    ("validate",),
    ("list",),
    ("list", "--json"),
    ("roadmap", "list"),
    ("roadmap", "list", "--json"),
    ("municipality", "list"),
    ("municipality", "list", "--json"),
    ("standard", "list"),
    ("theme", "list"),
    ("capacity", "list"),
    ("check", "--today", TODAY),
    ("check", "--json", "--today", TODAY),
    ("report", "--today", TODAY),
    ("report", "--since", "2000-01-01", "--today", TODAY),
    ("report", "--format", "csv"),
    ("report", "--format", "json"),
    ("report", "--format", "toml"),
)
"""Every command that only reads the board (`show` and `log` are run per record)."""
"""Commands of two words (`roadmap list`): the board option goes after both."""


KIND_WORDS = {"roadmap", "municipality", "standard", "theme", "capacity"}
"""Commands of two words (`roadmap list`): the board option goes after both."""


def reading(record_ids: list[str]) -> list[tuple[str, ...]]:
    """READING, and `show`, `show --json` and `log` of each record."""
    per_record = [
        (*command, ident)
        for ident in record_ids
        for command in (("show",), ("show", "--json"), ("log",))
    ]
    return [*READING, *per_record]


def on_board(run, path: Path, argv: tuple[str, ...]):
    """`run` the command `argv` on the board at `path`."""
    words = 2 if argv[0] in KIND_WORDS else 1
    return run(*argv[:words], "-b", path, *argv[words:])


def assert_inert(result, what: tuple[str, ...]) -> None:
    assert "Traceback" not in result.err, (what, result.err)
    assert leaks(result.out) == [], (what, result.out)
    assert leaks(result.err) == [], (what, result.err)


@pytest.fixture
def evil(tmp_path: Path):
    path = tmp_path / "boards" / "evil.json"
    return path, hostile_board(path)


def test_every_reading_command_shows_the_hostile_board_inert(run, evil) -> None:
    path, demo = evil
    for argv in reading(ids(demo)):
        result = on_board(run, path, argv)
        assert result.code == 0, (argv, result.err)  # `check` too: no error finding that day
        assert_inert(result, argv)
    assert path.read_text(encoding="utf-8").count("\x1b") == 0  # JSON holds ESC as \u001b …
    assert "\x9b" in path.read_text(encoding="utf-8")  # … but C1 and bidi raw: they were there


def test_event_values_are_shown_not_dropped(run, evil) -> None:
    """The controls in event values show as visible characters: the reader sees that something
    odd is there (ESC as ␛, BEL as ␇, C1 and bidi as �)."""
    path, demo = evil
    log = run("log", "-b", path, ids(demo)[0])
    assert "␛]0;pwned␇␛[2J�31m�evil�" in log.out
    listed = run("list", "-b", path)
    assert "\ufffdADM" in listed.out  # the bidi override in the short name, shown
    as_json = run("list", "-b", path, "--json")
    assert "\\u202e" in as_json.out  # JSON escapes it in its own syntax: reads back exactly


def test_writing_commands_and_imports_echo_inert(run, evil, tmp_path: Path) -> None:
    path, demo = evil
    target = ids(demo)[0]
    for argv in (
        ("edit", target, "--set", f"owner=Nieuw {EVIL}"),
        ("move", target, "deciding"),
        ("add", "--municipality", "GM0363", "--title", f"Nieuw {EVIL}"),
    ):
        result = run(argv[0], "-b", path, *argv[1:])
        assert result.code == 0, (argv, result.err)
        assert_inert(result, argv)
    sheet = tmp_path / "in.csv"
    sheet.write_text(f'municipality,title\nGM0363,"Import {EVIL}"\n', encoding="utf-8")
    for extra in (("--dry-run",), ()):
        result = run("import", "-b", path, sheet, *extra)
        assert result.code == 0, result.err
        assert_inert(result, ("import", *extra))


def test_error_messages_quoting_user_text_are_inert(run, evil) -> None:
    path, _ = evil
    for argv in (
        ("show", f"A-{EVIL}"),
        ("log", f"R-{EVIL}"),
        ("list", "--status", EVIL),
        ("list", "--municipality", EVIL),
        ("move", f"A-{EVIL}", "wish"),
        ("report", "--since", EVIL),
        ("edit", "A-x", "--set", f"{EVIL}=1"),
        (EVIL,),
    ):
        result = run(argv[0], "-b", path, *argv[1:])
        usage = argv == (EVIL,)  # no command: the terminal UI's options, which have no -b
        assert result.code == (2 if usage else 1), (argv, result.out)
        assert result.err.strip(), argv
        assert_inert(result, argv)


def test_a_semantic_diff_of_hostile_changes_is_inert(run, tmp_path: Path) -> None:
    path = tmp_path / "boards" / "evil.json"
    BoardStore(path).create(build_demo().board)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "clean")
    hostile_board(path)
    for argv in (("diff",), ("report", "--since", "HEAD", "--today", TODAY)):
        result = run(argv[0], "-b", path, *argv[1:])
        assert result.code == 0, (argv, result.err)
        assert "evil" in result.out and "�" in result.out
        assert_inert(result, argv)


def test_a_board_with_hostile_keys_never_reaches_the_terminal_raw(run, tmp_path: Path) -> None:
    """A board with such keys is refused on load (another rule) in one sentence that shows the
    key inert: nothing raw leaks."""
    path = tmp_path / "boards" / "keys.json"
    demo = hostile_board(path, bad_keys=True)
    for argv in reading([*ids(demo)[:1], f"A-{EVIL_KEY}"]):
        result = on_board(run, path, argv)
        assert result.code == 1, (argv, result.err)  # the board is refused: one sentence
        assert_inert(result, argv)


@pytest.mark.parametrize(
    "argv",
    [("list",), ("log", "{id}"), ("show", "{id}"), ("report", "--today", TODAY), ("check",)],
)
def test_an_ascii_terminal_gets_escapes_instead_of_a_crash(tmp_path: Path, argv) -> None:
    path = tmp_path / "boards" / "evil.json"
    demo = hostile_board(path)
    args = [a.format(id=ids(demo)[0]) for a in argv]
    env = {**GIT_ENV, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [str(REGIETUI), args[0], "-b", str(path), *args[1:]],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode("ascii", "replace")
    assert done.returncode in (0, 1) and done.stdout
    out = done.stdout.decode("ascii")  # every byte ASCII: nothing the encoding could not hold
    assert "\\ufffd" in out  # the bidi override, shown as U+FFFD, escaped for ASCII
    assert leaks(out) == []


def test_opening_the_tui_with_broken_settings_says_so_inert(
    run, evil, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "cfg\x1b[2J\u202e"
    (home / "regietui").mkdir(parents=True)
    (home / "regietui" / "config.toml").write_text('colour = "x"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    path, _ = evil
    result = run(path)  # no command: the terminal UI, which refuses before it opens
    assert result.code == 1 and "unknown setting 'colour'" in result.err
    assert "cfg␛[2J\ufffd" in result.err
    assert_inert(result, ("tui",))
