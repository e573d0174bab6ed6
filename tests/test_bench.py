"""The benchmark harness keeps working as the code under it changes (it is not in the test run
otherwise): every row gets a time on a tiny board, and the table names every row."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _bench(name: str) -> ModuleType:
    """A script of bench/ (not a package), loaded by path."""
    spec = importlib.util.spec_from_file_location(f"regietui_bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_benchmark_row_runs_on_a_small_board() -> None:
    bench = _bench("run")
    results = bench.run(sizes=(30,), repeat=1)
    names = [name for name, _ in bench.CASES]
    assert list(results) == names
    assert all(times[30] > 0 for times in results.values())
    table = bench.table(results, (30,), 1)
    assert all(name in table for name in names)


def test_the_headline_measures_the_floor_and_regietui_in_one_run(tmp_path) -> None:
    """`make bench`: a floor and a figure per size for every row, in a Markdown table whose first
    screen row compares with the floor (processes in a pseudo-terminal, so the whole path runs)."""
    headline = _bench("headline")
    rows = headline.measure((30,), 1, tmp_path)
    assert [row.name for row in rows][:3] == [
        "first full screen (pty 160x48)",
        "its CPU by then",
        "peak memory at the first screen",
    ]
    assert all(row.sizes[30] > 0 for row in rows)
    assert all(row.floor and row.floor > 0 for row in rows[:3])
    table = headline.table(rows, (30,))
    assert table.splitlines()[0] == "|  | floor | 30 cards | target |"
    assert f"({rows[0].sizes[30] / rows[0].floor:.1f}×)" in table


def test_the_phases_of_a_first_screen_are_each_measured(tmp_path) -> None:
    """`bench/phases.py`: every step of reading a board and the app's first frame get a time,
    and the steps add up to no more than the whole load (each is a part of it)."""
    phases = _bench("phases")
    path = phases.generate.write(phases.generate.generate(30), tmp_path / "board.json")
    steps = dict(phases.load_steps(path, 1))
    assert list(steps)[-1] == "all of it: store.loads" and all(s > 0 for s in steps.values())
    assert steps["parse its JSON (json.loads)"] < steps["all of it: store.loads"]
    assert phases.first_frame(path, 1) > phases.first_frame(None, 1) > 0  # a board, the floor
    assert phases.import_seconds("pass") > 0
