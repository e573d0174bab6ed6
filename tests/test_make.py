"""`make run` on a fresh clone: it opens a working copy of the demo board in an ignored folder, so
trying the app out never changes a tracked file; `make demo-reset` starts over."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, git

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make(clone: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    done = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """The files `make run` needs, committed in a fresh repository."""
    for name in ("Makefile", ".gitignore", "pyproject.toml", "boards/demo.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "clone")
    return tmp_path


def test_make_run_opens_an_ignored_working_copy_of_the_demo(run, clone: Path) -> None:
    assert make(clone, "-n", "run").splitlines()[-1] == (
        "PYTHONDONTWRITEBYTECODE= .venv/bin/regietui .demo/demo.json"
    )
    make(clone, ".demo/demo.json")  # what `make run` does first
    copy, demo = clone / ".demo" / "demo.json", clone / "boards" / "demo.json"
    assert copy.read_bytes() == demo.read_bytes()
    assert run("move", "A-mvh2z", "exploring", "-b", copy).code == 0
    assert copy.read_bytes() != demo.read_bytes()
    assert git(clone, "status", "--porcelain", "--ignored=no").stdout == ""
    # a later run keeps the experiments, even when the demo itself is newer
    os.utime(demo)
    make(clone, "-n", "run")
    make(clone, ".demo/demo.json")
    assert json.loads(run("show", "A-mvh2z", "--json", "-b", copy).out)["status"] == "exploring"
    make(clone, "demo-reset")
    assert copy.read_bytes() == demo.read_bytes()


def test_make_run_with_a_board_of_your_own_makes_no_copy(clone: Path) -> None:
    assert make(clone, "-n", "run", "BOARD=boards/demo.json").splitlines()[-1] == (
        "PYTHONDONTWRITEBYTECODE= .venv/bin/regietui boards/demo.json"
    )
    assert "cp boards/demo.json" not in make(clone, "-n", "run", "BOARD=boards/demo.json")
