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


def test_the_first_frame_does_not_load_babel() -> None:
    """Babel (locale formatting) is imported when a figure is first formatted, not with the app:
    the board's first frame, in Dutch, is painted without it."""
    code = (
        "import asyncio, sys\n"
        "from regietui.store import BoardStore\n"
        "from regietui.tui.app import RegieApp\n"
        "async def main():\n"
        "    app = RegieApp(BoardStore('boards/demo.json'), 'nl', watch=False)\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        frame = app.export_screenshot()  # paints every widget of the screen\n"
        "        print('babel' in sys.modules, 'Wens' in frame)\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "False True\n"  # no babel, and the frame shows the board
    check = "from regietui.figures import money; import sys; print(money(1234567, 'nl'))"
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert done.stdout == "€ 1.234.567\n"


TUI = PACKAGE / "tui"


def _imported_modules(path: Path, text: str | None = None) -> set[str]:
    """Every module a file imports, as a dotted name under `regietui` (relative ones resolved);
    `text` stands in for the file's own when given."""
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    source = path.read_text(encoding="utf-8") if text is None else text
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def test_no_tui_module_imports_the_app_module() -> None:
    """Only the entry point (`cli.py`) imports `tui/app.py`; screens reach the app through
    `tui/host.py` and hear of the board through messages."""
    importers = [
        str(p.relative_to(ROOT))
        for p in PACKAGE.rglob("*.py")
        if p != TUI / "app.py" and "regietui.tui.app" in _imported_modules(p)
    ]
    assert importers == ["regietui/cli.py"]


def test_the_import_check_resolves_relative_imports() -> None:
    place = TUI / "screens" / "triage.py"
    hidden = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..app import RegieApp\n"
    assert "regietui.tui.app" in _imported_modules(place, hidden)
    assert "regietui.tui.app" in _imported_modules(place, "from .. import app\n")
    assert "regietui.tui.app" not in _imported_modules(place, "from ..host import host\n")


def test_session_imports_no_textual() -> None:
    assert "textual" not in _imports(PACKAGE / "session.py")
    assert {"regietui.session"} <= {m for p in TUI.rglob("*.py") for m in _imported_modules(p)}, (
        "the TUI edits through the session"
    )


def _defined(path: Path) -> set[str]:
    """Underscore names a module defines: functions, classes, names and attributes it sets."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {n for n in names if n.startswith("_") and not n.endswith("__")}


def _reach_ins(path: Path, private: set[str]) -> list[str]:
    """`other._name` and `from module import _name` for the private names of *other* modules of
    ours (`self._x`, and a module's own names, are fine)."""
    foreign = private - _defined(path)
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Attribute) and node.attr in foreign:
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        elif isinstance(node, ast.ImportFrom):
            found += [
                f"{path.name}:{node.lineno} import {alias.name}"
                for alias in node.names
                if alias.name in foreign
            ]
    return sorted(found)


def test_no_module_reaches_into_another_modules_underscore_names() -> None:
    private = set().union(*(_defined(p) for p in PACKAGE.rglob("*.py")))
    assert {"_board_changed", "_bindings", "_save_queued"} <= private  # the check sees them
    found = [hit for path in PACKAGE.rglob("*.py") for hit in _reach_ins(path, private)]
    assert found == []


def test_the_reach_in_check_would_catch_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from .app import _date_check\n\ndef f(app):\n    app._adopt(1)\n    self._adopt(2)\n"
    )
    assert _reach_ins(sample, {"_adopt", "_date_check"}) == [
        "sample.py:1 import _date_check",
        "sample.py:4 ._adopt",
    ]
    sample.write_text("def _adopt(x):\n    x._adopt()\n")  # its own name: fine
    assert _reach_ins(sample, {"_adopt"}) == []
