"""Benchmark harness: time the core on synthetic boards of 1,000 / 5,000 / 10,000 ambitions.

    python bench/run.py [--sizes 1000 5000 10000] [--repeat 3] [-v]

For every size a board is generated into a temporary folder (bench/generate.py), then every
case in `CASES` is timed with `time.perf_counter`, best of `--repeat`, with the garbage
collector off while timing (as `timeit` does), and a plain-text table is printed in
milliseconds. Not part of the test run.

Extending: a case is a `(name, prepare)` pair. `prepare(ctx)` does untimed setup and returns a
zero-argument callable; only that callable is timed. It is called afresh for every repetition,
so a case that changes the file (a save after a move) can set itself up again each time.
`ctx.path` is the generated board file, `ctx.size` the number of ambitions and `ctx.tmp` a
scratch folder. For example, a TUI first-frame row::

    def first_frame(ctx: Context) -> Callable[[], object]:
        async def run() -> None:
            app = RegieApp(BoardStore(ctx.path))
            async with app.run_test(size=(160, 48)):
                pass
        return lambda: asyncio.run(run())

    CASES.append(("tui first frame", first_frame))
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from regietui import insights, ops, similarity
from regietui.model import Board, Status
from regietui.store import BoardStore, board_text

HERE = Path(__file__).resolve().parent
SIZES = (1000, 5000, 10000)
REPEAT = 3


def _load_generator() -> ModuleType:
    """bench/ is not a package: load generate.py by path, however this file was imported."""
    spec = importlib.util.spec_from_file_location("regietui_bench_generate", HERE / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generator = _load_generator()


@dataclass
class Context:
    """What a case gets: the board file for this size, and a place for its own files."""

    size: int
    path: Path
    tmp: Path
    extra: dict[str, Any] = field(default_factory=dict)

    def load(self) -> tuple[BoardStore, Board]:
        store = BoardStore(self.path)
        return store, store.load()


Prepare = Callable[[Context], Callable[[], object]]
Case = tuple[str, Prepare]

ACTOR = ops.Actor(author="bench")


def _movable(board: Board) -> tuple[str, Status]:
    """A card and a status it is not in (the first wish moves to exploring, and so on)."""
    key = min(board.ambitions)
    status = board.ambitions[key].status
    return key, Status.EXPLORING if status is not Status.EXPLORING else Status.WISH


def case_generate(ctx: Context) -> Callable[[], object]:
    target = ctx.tmp / f"generated-{ctx.size}.json"
    target.unlink(missing_ok=True)
    return lambda: generator.write(generator.generate(ctx.size), target)


def case_load(ctx: Context) -> Callable[[], object]:
    return BoardStore(ctx.path).load


def case_move(ctx: Context) -> Callable[[], object]:
    _, board = ctx.load()
    key, status = _movable(board)
    return lambda: ops.move(board, key, status, ACTOR)


def case_save_unchanged(ctx: Context) -> Callable[[], object]:
    store, board = ctx.load()
    return lambda: store.save(board)


def case_save_after_move(ctx: Context) -> Callable[[], object]:
    store, board = ctx.load()
    store.prime(board)  # as the app does in the background after its first frame
    key, status = _movable(board)
    change = ops.move(board, key, status, ACTOR)
    return lambda: store.save(change.board)


def case_board_text(ctx: Context) -> Callable[[], object]:
    _, board = ctx.load()
    return lambda: board_text(board)


def case_findings(ctx: Context) -> Callable[[], object]:
    _, board = ctx.load()
    similarity.similar.cache_clear()  # cold, as after a change to the board
    return lambda: insights.findings(board, date(2026, 11, 30))


def _regietui() -> list[str]:
    script = Path(sys.executable).with_name("regietui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "regietui"]


def case_cli_list(ctx: Context) -> Callable[[], object]:
    command = [*_regietui(), "list", "--json", "-b", str(ctx.path)]
    return lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True)


CASES: list[Case] = [
    ("generate + write", case_generate),
    ("BoardStore.load", case_load),
    ("ops.move (one card)", case_move),
    ("save, unchanged", case_save_unchanged),
    ("save after a move (primed)", case_save_after_move),
    ("store.board_text", case_board_text),
    ("insights: all checks", case_findings),
    ("regietui list --json (CLI)", case_cli_list),
]
"""The rows of the table, in order. Append (name, prepare) pairs to add rows."""


def _tui_cases() -> list[Case]:
    """The TUI rows from bench/tui.py (first frame, cursor move, moving a card, filtering)."""
    spec = importlib.util.spec_from_file_location("regietui_bench_tui", HERE / "tui.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return list(module.CASES)


CASES += _tui_cases()


def best_of(prepare: Prepare, ctx: Context, repeat: int) -> float:
    """The fastest of `repeat` runs; like `timeit`, the garbage collector is off while timing."""
    best = float("inf")
    for _ in range(repeat):
        run = prepare(ctx)
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


def run(
    sizes: tuple[int, ...] = SIZES,
    cases: list[Case] | None = None,
    repeat: int = REPEAT,
    progress: Callable[[str], None] | None = None,
) -> dict[str, dict[int, float]]:
    """Seconds per case and size: {case name: {size: best time}}."""
    cases = CASES if cases is None else cases
    results: dict[str, dict[int, float]] = {name: {} for name, _ in cases}
    with tempfile.TemporaryDirectory(prefix="regietui-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for size in sizes:
            path = generator.write(generator.generate(size), tmp / f"board-{size}.json")
            ctx = Context(size=size, path=path, tmp=tmp)
            for name, prepare in cases:
                results[name][size] = best_of(prepare, ctx, repeat)
                if progress:
                    progress(f"{size:>6} {name}: {results[name][size] * 1000:.1f} ms")
    return results


def table(results: dict[str, dict[int, float]], sizes: tuple[int, ...], repeat: int) -> str:
    width = max(len(name) for name in results) + 2
    head = f"{'ms, best of ' + str(repeat):<{width}}" + "".join(f"{s:>12,}" for s in sizes)
    lines = [head, "-" * len(head)]
    for name, times in results.items():
        cells = "".join(f"{times[s] * 1000:>12,.1f}" if s in times else f"{'—':>12}" for s in sizes)
        lines.append(f"{name:<{width}}{cells}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("-v", "--verbose", action="store_true", help="print each timing")
    args = parser.parse_args(argv)
    sizes = tuple(args.sizes)
    progress = (lambda line: print(line, file=sys.stderr)) if args.verbose else None
    results = run(sizes, repeat=args.repeat, progress=progress)
    print(
        f"regietui benchmark — Python {platform.python_version()}, {platform.machine()},"
        f" {os.cpu_count()} CPUs; ambitions per board, 200 roadmap items, 12 municipalities,"
        " one event per ambition"
    )
    print(table(results, sizes, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
