"""What `make bench` prints: regietui beside the floor, in one run, as medians and ratios.

    python bench/headline.py [--sizes 1000 10000] [--repeat 5]

The floor of a first screen is a bare Textual app that imports textual and pydantic and paints
one line (bench/floor.py); the floor of a command is `python -c pass`. Both are measured in the
same run as regietui, so a busy machine moves both and the ratio stays meaningful; the load
average before and after is printed with the table. Rows:

- first full screen: from starting the process in a pseudo-terminal (160x48) until the board's
  content is on it (bench/process.py), and the process's peak memory by then; the floor and
  each size in turns, so that the ratio holds while the machine's load changes;
- `list --json` and `check` as whole processes;
- in the running app (bench/tui.py): a key to the painted screen for the cursor, a filter
  keystroke and moving a card (with its save), the save alone, and an outside change of the
  file: the longest the event loop was blocked while it was read and shown, and how long until
  it was on screen.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

from regietui.model import human_id

HERE = Path(__file__).resolve().parent
SIZES = (1000, 10000)
REPEAT = 5


def _load(name: str) -> ModuleType:
    """bench/ is not a package: load a module of it by path (once)."""
    module_name = f"regietui_bench_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


process = _load("process")
harness = _load("run")  # also loads generate.py and tui.py
tui = sys.modules["regietui_bench_tui"]


@dataclass
class Row:
    """One line of the table: the floor's figure, regietui's per size, and how they compare."""

    name: str
    unit: str  # "s", "ms" or "MB"
    compare: str  # "ratio" (× the floor), "over" (+ over the floor) or "" (no floor)
    target: str = ""
    floor: float | None = None
    sizes: dict[int, float] = field(default_factory=dict)


def median(measure: Callable[[], float], repeat: int) -> float:
    return statistics.median(measure() for _ in range(repeat))


def _python() -> str:
    return sys.executable


def _regietui() -> list[str]:
    script = Path(sys.executable).with_name("regietui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "regietui"]


def _medians(runs: list[process.Run]) -> tuple[float, float, float]:
    """Median seconds, peak memory and CPU seconds of some runs."""
    return (
        statistics.median(r.seconds for r in runs),
        statistics.median(r.peak_mb for r in runs),
        statistics.median(r.cpu for r in runs),
    )


def _interleaved(
    commands: dict[int | None, Callable[[], process.Run]], repeat: int
) -> dict[int | None, tuple[float, float, float]]:
    """Medians per command (None: the floor), run in turns (floor, 1k, 10k, floor, ...): a
    stretch of load on a shared machine then slows the floor as much as regietui, and the
    ratio holds."""
    runs: dict[int | None, list[process.Run]] = {key: [] for key in commands}
    for _ in range(repeat):
        for key, run in commands.items():
            runs[key].append(run())
    return {key: _medians(found) for key, found in runs.items()}


def measure(sizes: tuple[int, ...], repeat: int, tmp: Path) -> list[Row]:
    screen = Row("first full screen (pty 160x48)", "s", "ratio", "≤1.5× at 1k, ≤2.5× at 10k")
    screen_cpu = Row("its CPU by then", "s", "ratio")
    memory = Row("peak memory at the first screen", "MB", "ratio")
    listing = Row("`list --json` (process)", "ms", "over", "≤+150 ms at 1k, ≤0.5 s at 10k")
    listing_cpu = Row("its CPU", "ms", "over")
    check = Row("`check` (process)", "ms", "over")
    cursor = Row("cursor key → screen", "ms", "", "≤16 ms at 10k")
    filtering = Row("filter keystroke → screen", "ms", "")
    move = Row("move a card → screen + save", "ms", "")
    save = Row("save after a move", "ms", "", "≤50 ms at 10k")
    block = Row("outside change: longest UI block", "ms", "", "≤50 ms at 10k")
    block_cpu = Row("outside change: that block's CPU", "ms", "")
    shown = Row("outside change: check → on screen", "ms", "")
    rows = [screen, screen_cpu, memory, listing, listing_cpu, check, cursor, filtering, move]
    rows += [save, block, block_cpu, shown]

    paths, markers, outside = {}, {}, {}
    for size in sizes:
        paths[size] = tmp / f"board-{size}.json"
        facts = _generated(size, paths[size])
        markers[size] = [f"{facts['name']} — ", "A-", f"Roadmap {facts['roadmap']}"]
        outside[size] = _outside_writer(paths[size], facts["card"], facts["status"])

    floor_app = [_python(), str(HERE / "floor.py")]
    screens: dict[int | None, Callable[[], process.Run]] = {
        None: partial(process.first_screen, floor_app, [_load("floor").READY])
    }
    lists: dict[int | None, Callable[[], process.Run]] = {
        None: partial(process.whole, [_python(), "-c", "pass"])
    }
    checks: dict[int | None, Callable[[], process.Run]] = {}
    for size in sizes:
        path = str(paths[size])
        opening = [*_regietui(), "--lang", "en", path]
        screens[size] = partial(process.first_screen, opening, markers[size])
        lists[size] = partial(process.whole, [*_regietui(), "list", "--json", "-b", path])
        checks[size] = partial(process.whole, [*_regietui(), "check", "--json", "-b", path])
    for key, (seconds, peak, cpu) in _interleaved(screens, repeat).items():
        _put(screen, key, seconds)
        _put(memory, key, peak)
        _put(screen_cpu, key, cpu)
    for key, (seconds, _, cpu) in _interleaved(lists, repeat).items():
        _put(listing, key, seconds)
        _put(listing_cpu, key, cpu)
    check.floor = listing.floor
    for key, (seconds, _, _) in _interleaved(checks, repeat).items():
        _put(check, key, seconds)

    for size in sizes:
        ctx = harness.Context(size, paths[size], tmp)
        for row, case in (
            (cursor, tui.case_cursor),
            (filtering, tui.case_filter_key),
            (move, tui.case_move_card),
            (save, harness.case_save_after_move),
        ):
            row.sizes[size] = median(_timed(case, ctx), repeat)
        running = tui._running(ctx)
        reloads = [running.reload(outside[size]) for _ in range(repeat)]
        for index, row in enumerate((block, block_cpu, shown)):
            row.sizes[size] = statistics.median(r[index] for r in reloads)
        tui._close_all()
    return rows


def _put(row: Row, key: int | None, value: float) -> None:
    """A figure of `row`: the floor's (key None) or a size's."""
    if key is None:
        row.floor = value
    else:
        row.sizes[key] = value


def _timed(case: harness.Prepare, ctx: harness.Context) -> Callable[[], float]:
    """Seconds of one run of a case, prepared afresh (untimed) each time."""
    return lambda: harness.best_of(case, ctx, 1)


def _generated(size: int, path: Path) -> dict[str, Any]:
    """Generate a board of `size` cards into `path` in a process of its own, and say what the
    rows need of it. Not here: a process that held the board would pass its memory on to every
    process it starts (they begin as its fork), and the peak memory row would show that."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import generate;"
        " board = generate.generate(int(sys.argv[2])); generate.write(board, sys.argv[3]);"
        " card = max(board.ambitions);"  # not the card the other cases move (`_movable`)
        " print(json.dumps({'name': board.meta.name, 'roadmap': len(board.roadmap),"
        " 'card': card, 'status': board.ambitions[card].status.value}))"
    )
    done = subprocess.run(
        [_python(), "-c", code, str(HERE), str(size), str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def _outside_writer(path: Path, key: str, status: str) -> Callable[[], object]:
    """Another session on the same file, in a process of its own as it is for real (what it
    reads and writes must not weigh on the measured app's memory): each call moves card `key`
    to another status and back in turn, and saves."""
    other = "exploring" if status != "exploring" else "wish"
    turns = itertools.cycle([other, status])
    ident = human_id("ambitions", key)

    def write() -> None:
        move = [*_regietui(), "move", ident, next(turns), "-b", str(path)]
        subprocess.run(move, check=True, stdout=subprocess.DEVNULL)

    return write


def _figure(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value * 1000:.0f} ms" if value >= 0.01 else f"{value * 1000:.1f} ms"
    return f"{value:.0f} MB"


def _versus(row: Row, value: float) -> str:
    if row.floor is None or not row.compare:
        return ""
    if row.compare == "ratio":
        return f"{value / row.floor:.1f}×"
    return f"+{(value - row.floor) * 1000:.0f} ms"


def table(rows: list[Row], sizes: tuple[int, ...]) -> str:
    """The rows as a Markdown table (so the README can show it as it is printed)."""
    head = ["", "floor", *(f"{size:,} cards" for size in sizes), "target"]
    lines = [head, ["---"] * len(head)]
    for row in rows:
        cells = [row.name, _figure(row.floor, row.unit) if row.floor is not None else "—"]
        for size in sizes:
            value = row.sizes[size]
            versus = _versus(row, value)
            cells.append(
                f"{_figure(value, row.unit)} ({versus})" if versus else _figure(value, row.unit)
            )
        cells.append(row.target)
        lines.append(cells)
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args(argv)
    sizes = tuple(args.sizes)
    before = load_average()
    with tempfile.TemporaryDirectory(prefix="regietui-bench-") as tmp:
        rows = measure(sizes, args.repeat, Path(tmp))
    print(
        f"regietui against the floor — Python {platform.python_version()}, {os.cpu_count()} CPUs,"
        f" medians of {args.repeat}; load average {before} before, {load_average()} after"
    )
    print(table(rows, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
