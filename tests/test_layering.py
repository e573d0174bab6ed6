"""The functional core works without the TUI: nothing outside regietui/tui/ imports textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "regietui"
CORE = ["cli", "store", "ops", "merge", "model", "lookup"]


def _imports(path: Path) -> set[str]:
    """Top-level names of every module a file imports, at any depth (functions included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_outside_tui_imports_textual() -> None:
    files = [p for p in PACKAGE.rglob("*.py") if "tui" not in p.relative_to(PACKAGE).parts]
    assert {p.stem for p in files} >= set(CORE), "the core modules are all checked"
    assert [str(p.relative_to(ROOT)) for p in files if "textual" in _imports(p)] == []


def test_the_ast_check_would_catch_a_nested_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    from textual.app import App\n")
    assert "textual" in _imports(sample)
    sample.write_text("def f():\n    import textual.widgets as w\n")
    assert "textual" in _imports(sample)


def test_importing_the_core_does_not_load_textual() -> None:
    code = (
        "import regietui.cli, regietui.store, regietui.ops, regietui.merge, regietui.model;"
        " import sys; print('textual' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "False\n"


def test_cli_commands_run_without_loading_textual(board_file: Path) -> None:
    """A non-TUI command, run for real, never pays for importing textual."""
    code = (
        "import sys; from regietui.cli import main;"
        f" code = main(['list', '--json', '-b', {str(board_file)!r}]);"
        " print('textual' in sys.modules, code, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert done.stderr == "False 0\n"
    assert done.stdout.startswith("[")
