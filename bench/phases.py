"""Where a first screen's time goes, phase by phase, beside what the same work costs bare.

    python bench/phases.py [--sizes 1000 10000] [--repeat 5]

`make bench` says how far regietui is from the floor; this says why. Medians of `--repeat`:

- imports, each in a fresh interpreter with the collector held as the `regietui` command holds
  it: Python alone, what the floor app imports (textual's app and pydantic), pydantic's model
  machinery, regietui's model (its record classes built), the CLI, and the terminal app;
- reading a board, in steps, in one process with the collector held: the text from disk, JSON
  parsing as the json module does it, the duplicate-key check on top, the records as pydantic
  objects (and, for comparison, the very same objects unpickled: what making that many Python
  objects costs however they are made), and the references between them;
- the terminal app from its start to its first painted screen (headless, 160x48), the board
  already loaded.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)
from floor import Floor  # noqa: E402

from regietui import memory, store  # noqa: E402
from regietui.model import TABLES  # noqa: E402

IMPORTS = [
    ("Python itself", "pass"),
    ("+ textual's app and pydantic (the floor app's imports)", "import textual.app, pydantic"),
    ("+ pydantic's model machinery", "import textual.app; from pydantic import BaseModel"),
    ("+ regietui's model (its record classes)", "import textual.app; import regietui.model"),
    ("+ the command line (what every command imports)", "import textual.app; import regietui.cli"),
    ("+ the terminal app", "import regietui.cli; import regietui.tui.app"),
]


def median_of(repeat: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeat))


def import_seconds(code: str) -> float:
    """Wall seconds of a fresh interpreter that runs `code` with the collector held."""
    started = time.perf_counter()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    subprocess.run([sys.executable, "-c", f"import gc; gc.disable(); {code}"], check=True, env=env)
    return time.perf_counter() - started


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def load_steps(path: Path, repeat: int) -> list[tuple[str, float]]:
    """The steps of reading a board, each timed on its own (the collector held, as in a load)."""
    text = path.read_text(encoding="utf-8")
    tables = store.parse(text, path)

    def models() -> object:
        return {
            name: {key: model.model_validate(doc) for key, doc in tables.get(name, {}).items()}
            for name, model in TABLES.items()
        }

    board = store.loads(text, path)
    pickled = pickle.dumps([dict(records) for _, records in board.tables()])
    steps = [
        ("read the file", lambda: path.read_text(encoding="utf-8")),
        ("parse its JSON (json.loads)", lambda: json.loads(text)),
        ("… with the duplicate-key check (store.parse)", lambda: store.parse(text, path)),
        ("the records as pydantic objects (validated)", models),
        ("the same objects unpickled, for comparison", lambda: pickle.loads(pickled)),
        ("references and dependency cycles", board.problems),
        ("all of it: store.loads", lambda: store.loads(text, path)),
    ]
    with memory.held():
        return [(name, median_of(repeat, lambda work=work: timed(work))) for name, work in steps]


def first_frame(path: Path | None, repeat: int) -> float:
    """Seconds from starting the app on a loaded board to its first painted screen (without a
    board: the floor's bare app, `bench/floor.py`)."""
    from regietui.tui.app import RegieApp

    loaded = store.BoardStore(path) if path else None
    if loaded:
        loaded.load()

    async def run() -> float:
        app = RegieApp(loaded, "en", watch=False, write_settings=False) if loaded else Floor()
        started = time.perf_counter()
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            return time.perf_counter() - started

    def once() -> float:
        gc.collect()
        with memory.held():
            return asyncio.run(run())

    return median_of(repeat, once)


def figure(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Where a first screen's time goes — medians of {args.repeat}; load average {load}")
    print("\n| imports (a fresh interpreter each) | seconds |\n| --- | --- |")
    for name, code in IMPORTS:
        print(
            f"| {name} | {figure(median_of(args.repeat, lambda code=code: import_seconds(code)))} |"
        )
    with tempfile.TemporaryDirectory(prefix="regietui-phases-") as tmp:
        paths = {}
        for size in args.sizes:
            paths[size] = generate.write(generate.generate(size), Path(tmp) / f"board-{size}.json")
        steps = {size: load_steps(paths[size], args.repeat) for size in args.sizes}
        frames = {size: first_frame(paths[size], args.repeat) for size in args.sizes}
    sizes = " | ".join(f"{size:,} cards" for size in args.sizes)
    print(f"\n| reading a board | {sizes} |\n| --- |{' --- |' * len(args.sizes)}")
    for index, (name, _) in enumerate(steps[args.sizes[0]]):
        cells = " | ".join(figure(steps[size][index][1]) for size in args.sizes)
        print(f"| {name} | {cells} |")
    cells = " | ".join(figure(frames[size]) for size in args.sizes)
    print(f"| the terminal app: start to first painted screen (board loaded) | {cells} |")
    bare = figure(first_frame(None, args.repeat))
    print(f"| the floor's bare app: start to first painted screen | {bare} (no board) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
