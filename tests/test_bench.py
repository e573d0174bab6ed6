"""The benchmark harness keeps working as the code under it changes (it is not in the test run
otherwise): every row gets a time on a tiny board, and the table names every row."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_every_benchmark_row_runs_on_a_small_board() -> None:
    spec = importlib.util.spec_from_file_location("regietui_bench_run", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    results = bench.run(sizes=(30,), repeat=1)
    names = [name for name, _ in bench.CASES]
    assert list(results) == names
    assert all(times[30] > 0 for times in results.values())
    table = bench.table(results, (30,), 1)
    assert all(name in table for name in names)
