"""The git side of sharing a board: merge-driver set-up and reading a board at a revision."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .store import BoardError

DRIVER = "regietui"
ATTRIBUTE = f"merge={DRIVER}"


def git(folder: Path, *args: str) -> str:
    """Run git in `folder`; a failure becomes a BoardError with git's own message."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BoardError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1:] or [f"git {args[0]} failed"]
        raise BoardError(f"git {' '.join(args[:2])}: {message[0]}")
    return done.stdout


def top_level(path: Path) -> Path:
    folder = path if path.is_dir() else path.parent
    return Path(git(folder.resolve(), "rev-parse", "--show-toplevel").strip())


def show(path: Path, rev: str) -> str:
    """The board file's text at a revision (`HEAD`, `main~2`) or index stage (`:1`, `:2`, `:3`)."""
    return git(path.parent.resolve(), "show", f"{rev}:./{path.name}")


def setup(folder: Path, pattern: str = "boards/*.json") -> list[str]:
    """Install the merge driver in the repository around `folder`; safe to run again."""
    root = top_level(folder)
    done: list[str] = []
    attributes = root / ".gitattributes"
    line = f"{pattern} {ATTRIBUTE}"
    lines = attributes.read_text(encoding="utf-8").splitlines() if attributes.exists() else []
    if line not in lines:
        attributes.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
        done.append(f"added '{line}' to {attributes}")
    command = f'"{sys.executable}" -m regietui merge-driver %O %A %B %P'
    for key, value in (
        (f"merge.{DRIVER}.name", "regietui board merge (by record and field)"),
        (f"merge.{DRIVER}.driver", command),
    ):
        current = subprocess.run(
            ["git", "config", "--local", "--get", key], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        if current != value:
            git(root, "config", "--local", key, value)
            done.append(f"set git config {key}")
    return done
