"""The git side of sharing a board: merge-driver set-up and reading a board at a revision.

Whatever a user or a board hands us reaches git as an argument, never as an option or shell text:
revisions go after `--end-of-options`, and the driver command written into `.git/config` (which
git runs through the shell) quotes the interpreter's path.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .store import BoardError
from .wording import Phrase, phrase

DRIVER = "regietui"
ATTRIBUTE = f"merge={DRIVER}"
DEFAULT_PATTERN = "boards/*.json"


def git(folder: Path, *args: str) -> str:
    """Run git in `folder`; a failure becomes a BoardError with git's own message, and so does
    output that is not UTF-8 text (a binary file at a revision)."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError:
        raise BoardError(phrase("git.missing")) from None
    except OSError as err:
        why = err.strerror or str(err)
        raise BoardError(phrase("git.cannot_run", folder=folder, why=why)) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message = lines[-1] if lines else f"git {args[0]} failed"
        raise BoardError(f"git {args[0]}: {message}")
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError as err:
        raise NotText(f"git {args[0]}: not UTF-8 text (byte {err.start})", err.start) from None


class NotText(BoardError):
    """git answered with bytes that are not UTF-8 text (`start`: the first bad byte)."""

    def __init__(self, message: str, start: int) -> None:
        super().__init__(message)
        self.start = start


def top_level(path: Path) -> Path:
    folder = path if path.is_dir() else path.parent
    return Path(git(folder.resolve(), "rev-parse", "--show-toplevel").strip())


def show(path: Path, rev: str) -> str:
    """The board file's text at a revision (`HEAD`, `main~2`) or index stage (`:1`, `:2`, `:3`)."""
    if not rev or rev.startswith("-"):
        raise BoardError(phrase("git.not_revision", rev=repr(rev)))
    try:
        return git(path.parent.resolve(), "show", "--end-of-options", f"{rev}:./{path.name}")
    except NotText as err:
        raise BoardError(phrase("git.not_utf8", path=path, rev=rev, byte=str(err.start))) from None


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def revision_at(path: Path, at: str) -> str:
    """The revision `--at` names: a date (YYYY-MM-DD) is the last commit on or before that day
    that holds the board; anything else is a revision as given (`HEAD~1`, a tag, a hash)."""
    if not _DAY.match(at):
        return at
    try:
        date.fromisoformat(at)
    except ValueError:
        raise BoardError(phrase("git.not_date", at=repr(at))) from None
    found = git(
        path.parent.resolve(),
        "rev-list",
        "-1",
        f"--before={at}T23:59:59",
        "HEAD",
        "--",
        path.name,
    ).strip()
    if not found:
        raise BoardError(phrase("git.no_commit", path=path, at=at))
    return found


def text_at(path: Path, at: str) -> tuple[str, str]:
    """The board file's text as of `at` (a revision or a date) and how to name that moment:
    `HEAD~1 (3f9c2ab, 2026-11-20)`."""
    rev = revision_at(path, at)
    text = show(path, rev)
    stamp = git(path.parent.resolve(), "log", "-1", "--format=%h %cs", "--end-of-options", rev)
    short, _, day = stamp.strip().partition(" ")
    return text, f"{at} ({short}, {day})" if short else at


def driver_command(python: str | None = None) -> str:
    """What git runs (through the shell) to merge a board. The `regietui` on PATH when that is
    this very program (a pipx install, an activated venv): the command then survives a rebuilt or
    moved venv. Else this interpreter, quoted, so no path (spaces, quotes, `$(...)`) is read as
    shell code. git quotes %P itself."""
    program = "regietui" if python is None and _on_path() else None
    program = program or f"{shlex.quote(python or sys.executable)} -m regietui"
    return f"{program} merge-driver %O %A %B %P"


def _on_path() -> bool:
    """Whether `regietui` on PATH is the console script of the interpreter running now."""
    found = shutil.which(DRIVER)
    mine = Path(sys.prefix) / "bin" / DRIVER
    return found is not None and mine.exists() and Path(found).resolve() == mine.resolve()


@dataclass(frozen=True)
class DriverProblem:
    """Why git would not merge a board with regietui although `.gitattributes` asks it to."""

    repository: Path
    program: str | None
    """The program the configured driver runs, which no longer exists; None: no driver is
    configured in this clone at all."""


def driver_problem(board: Path) -> DriverProblem | None:
    """A board whose merge attribute is regietui, in a clone where the driver is not configured
    or runs a program that is gone (a venv moved or deleted): git would then fall back to a line
    merge, or fail. None when all is well or the board is not in git at all."""
    try:
        root = top_level(board)
        if not _merged_by_regietui(root, board):
            return None
    except BoardError:
        return None
    command = (
        subprocess.run(
            ["git", "config", "--get", f"merge.{DRIVER}.driver"], cwd=root, capture_output=True
        )
        .stdout.decode("utf-8", "replace")
        .strip()
    )
    if not command:
        return DriverProblem(root, None)
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return DriverProblem(root, command)
    exists = os.access(program, os.X_OK) if "/" in program else shutil.which(program) is not None
    return None if exists else DriverProblem(root, program)


_GLOB = re.compile(r"([\\*?\[])")
_BLANK = re.compile(r"\s|[\x00-\x1f\x7f]")


def board_pattern(board: Path, root: Path) -> str:
    """A .gitattributes pattern matching exactly `board` (a file inside the repository at `root`):
    glob characters escaped, whitespace (which would end the pattern) matched by `?`."""
    pattern = _BLANK.sub("?", _GLOB.sub(r"\\\1", _relative(board, root)))
    return pattern if "/" in pattern else f"/{pattern}"


def check_pattern(pattern: str) -> str:
    """A pattern given with --pattern must be one .gitattributes pattern: nothing that would end it
    or start another line."""
    if not pattern or _BLANK.search(pattern):
        raise BoardError(phrase("git.bad_pattern", pattern=repr(pattern)))
    return pattern


def setup(folder: Path, pattern: str = DEFAULT_PATTERN, board: Path | None = None) -> list[Phrase]:
    """Install the merge driver in the repository around `folder`; safe to run again. With a
    `board`, its own path is the pattern (unless git already merges it with regietui)."""
    root = top_level(folder)
    done: list[Phrase] = []
    if board is not None:
        pattern = board_pattern(board, root)
        if _merged_by_regietui(root, board):
            pattern = ""
    if pattern:
        done += _add_attribute(root / ".gitattributes", f"{pattern} {ATTRIBUTE}")
    for key, value in (
        (f"merge.{DRIVER}.name", "regietui board merge (by record and field)"),
        (f"merge.{DRIVER}.driver", driver_command()),
    ):
        current = (
            subprocess.run(
                ["git", "config", "--local", "--get", key], cwd=root, capture_output=True
            )
            .stdout.decode("utf-8", "replace")
            .strip()
        )  # whatever was there is replaced if it differs
        if current != value:
            git(root, "config", "--local", key, value)
            done.append(phrase("git.config_set", ident=key))
    if board is not None and not _merged_by_regietui(root, board):
        attributes = root / ".gitattributes"
        raise BoardError(phrase("git.not_merged", attributes=attributes, board=board))
    return done


def _relative(board: Path, root: Path) -> str:
    """The board's path inside the repository, as git names it (its folder's links resolved, not
    the file's own: git stores a link to a board as a link)."""
    try:
        return (board.parent.resolve() / board.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        raise BoardError(phrase("git.outside", board=board, root=root)) from None


def _merged_by_regietui(root: Path, board: Path) -> bool:
    answer = git(root, "check-attr", "-z", "merge", "--", _relative(board, root))
    return answer.split("\0")[2:3] == [DRIVER]


def _add_attribute(attributes: Path, line: str) -> list[Phrase]:
    """Append `line` unless the file has it. The file is handled as bytes and only appended to:
    whatever encoding it is in, nothing else in it changes."""
    try:
        data = attributes.read_bytes() if attributes.exists() else b""
        wanted = line.encode("utf-8")
        if wanted in (existing.rstrip(b"\r") for existing in data.split(b"\n")):
            return []
        with attributes.open("ab") as handle:
            handle.write((b"\n" if data and not data.endswith(b"\n") else b"") + wanted + b"\n")
    except OSError as err:
        why = err.strerror or str(err)
        raise BoardError(phrase("git.attribute_failed", attributes=attributes, why=why)) from None
    return [phrase("git.attribute_added", line=line, attributes=attributes)]
