"""TUI rows for bench/run.py: first frame, cursor move and moving a card, headless at 160x48.

    python bench/tui.py [--sizes 1000 5000 10000] [--repeat 5]   # only these rows
    python bench/run.py                                          # everything (run.py adds CASES)

An app is started headless (`App.run_test`) on the generated board and kept running between
repetitions in its own event loop; a timed step sends one key event the way a terminal does
(`driver.send_message`), waits until every widget has handled its messages, paints the screen
(`Screen._on_timer_update`, what Textual's refresh timer calls) and waits again for callbacks
scheduled after that refresh (where the app saves). So a row is the time from key to painted
screen (and saved file), without the idle-polling of `Pilot.pause`.
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual._context import active_app

from regietui import memory
from regietui.session import SAVED, UNSAVED
from regietui.store import BoardStore
from regietui.tui.app import RegieApp

SIZE = (160, 48)
CHARS = {"greater_than_sign": ">", "less_than_sign": "<"}


class Running:
    """One app on one board, in its own event loop, between timed steps."""

    def __init__(self, path: Path, store: BoardStore | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        gc.collect()
        memory.hold()  # as the `regietui` command does; the app settles at its first frame
        self.store = store or BoardStore(path)
        if self.store.base is None:
            self.store.load()
        self.app = RegieApp(self.store, "en", watch=False)
        self.pilot: Any = None
        self._started = asyncio.Event()
        self._stop = asyncio.Event()
        self._task = self.loop.create_task(self._lifecycle())
        self.loop.run_until_complete(self._started.wait())

    async def _lifecycle(self) -> None:
        """Enter and leave `run_test` in one task (Textual keeps context variables per task)."""
        async with self.app.run_test(size=SIZE) as pilot:
            await pilot._wait_for_screen()
            self.app.screen._on_timer_update()
            self.pilot = pilot
            self._started.set()
            await self._stop.wait()

    def key(self, key: str) -> None:
        self.loop.run_until_complete(self._key(key))

    async def _key(self, key: str) -> None:
        active_app.set(self.app)  # as in the app's own tasks: rendering looks the app up
        event = events.Key(key, CHARS.get(key, key if len(key) == 1 else None))
        event.set_sender(self.app)
        assert self.app._driver is not None
        self.app._driver.send_message(event)
        await self.pilot._wait_for_screen()
        self.app.screen._on_timer_update()
        await self.pilot._wait_for_screen()
        while self.app.session.state == UNSAVED:  # the save runs after the refresh
            await asyncio.sleep(0.001)

    def reload(self, write: Callable[[], object]) -> tuple[float, float, float]:
        """Let `write` change the file from outside, then have the screen check the disk (what
        its watch timer does) until the new board is shown: the longest the event loop was
        blocked meanwhile (wall clock, and the event loop's own CPU time in that stretch, which
        a busy machine does not inflate), and the seconds from the check to the painted screen."""
        return self.loop.run_until_complete(self._reload(write))

    async def _reload(self, write: Callable[[], object]) -> tuple[float, float, float]:
        active_app.set(self.app)
        write()
        before = self.app.session.board
        longest = longest_cpu = 0.0
        stop = asyncio.Event()

        async def tick() -> None:  # wakes every millisecond: a longer gap is the loop blocked
            nonlocal longest, longest_cpu
            last, last_cpu = time.perf_counter(), time.thread_time()
            while not stop.is_set():
                await asyncio.sleep(0.001)
                now, now_cpu = time.perf_counter(), time.thread_time()
                longest = max(longest, now - last)
                longest_cpu = max(longest_cpu, now_cpu - last_cpu)
                last, last_cpu = now, now_cpu

        ticker = asyncio.create_task(tick())
        await asyncio.sleep(0.005)
        started = time.perf_counter()
        self.app.board_screen.check_disk()
        while self.app.session.board is before:
            await asyncio.sleep(0.001)
        await self.pilot._wait_for_screen()
        self.app.screen._on_timer_update()
        await self.pilot._wait_for_screen()
        shown = time.perf_counter() - started
        stop.set()
        await ticker
        return longest, longest_cpu, shown

    def close(self) -> None:
        if not self.loop.is_closed():
            self._stop.set()
            self.loop.run_until_complete(self._task)
            self.loop.close()


_open: list[Running] = []


def _close_all() -> None:
    while _open:
        _open.pop().close()


atexit.register(_close_all)


def _running(ctx: Any, saving: bool = True) -> Running:
    """The app for this board, started on first use (untimed); `saving=False` gives one whose
    saves are switched off, to time the screen alone."""
    name = "tui" if saving else "tui-no-save"
    running = ctx.extra.get(name)
    if running is None or running.loop.is_closed():
        _close_all()
        ctx.extra.pop("tui", None)
        ctx.extra.pop("tui-no-save", None)
        running = Running(ctx.path)
        if not saving:
            screen = running.app.board_screen

            def no_save() -> None:
                screen._save_queued = False
                running.app.session.state = SAVED

            screen.save = no_save  # type: ignore[method-assign]
        ctx.extra[name] = running
        _open.append(running)
    return running


def case_first_frame(ctx: Any) -> Callable[[], object]:
    """Board already loaded (as `regietui` does before it starts the TUI): app start to the
    first painted screen."""
    _close_all()
    store = BoardStore(ctx.path)
    store.load()

    def start() -> None:
        running = Running(ctx.path, store)
        _open.append(running)  # closed, untimed, by the next prepare

    return start


def case_open(ctx: Any) -> Callable[[], object]:
    """Loading the file plus the first painted screen: what the user waits for."""
    _close_all()

    def start() -> None:
        _open.append(Running(ctx.path))

    return start


def case_cursor(ctx: Any) -> Callable[[], object]:
    running = _running(ctx)
    running.app.board_screen.kanban.focus()
    running.key("home")
    step = "j" if running.app.board_screen.kanban.cursor_card == 0 else "k"
    return lambda: running.key(step)


def _move_step(running: Running) -> Callable[[], object]:
    app = running.app.board_screen
    app.kanban.focus()
    wish = app.kanban.layouts[0]
    if app.kanban.cursor_column != 0 or not wish.cards:
        app.kanban.set_cursor(wish.cards[0])
    key = "greater_than_sign" if app.kanban.cursor_column == 0 else "less_than_sign"
    return lambda: running.key(key)


def case_move_card(ctx: Any) -> Callable[[], object]:
    """`>` on the first card of Wish (or `<` to bring it back): screen update, then the save."""
    return _move_step(_running(ctx))


def case_move_card_screen(ctx: Any) -> Callable[[], object]:
    """The same move with saving switched off: the screen's part alone."""
    return _move_step(_running(ctx, saving=False))


def case_filter_key(ctx: Any) -> Callable[[], object]:
    """One key typed into the `/` filter (the board is filtered anew as you type)."""
    running = _running(ctx)
    app = running.app.board_screen
    if app.focused is not app.filter_input:
        app.action_filter_text()
    value = app.filter_input.value
    key = "backspace" if value else "v"
    return lambda: running.key(key)


CASES: list[tuple[str, Callable[[Any], Callable[[], object]]]] = [
    ("tui: first frame (loaded board)", case_first_frame),
    ("tui: load + first frame", case_open),
    ("tui: cursor move", case_cursor),
    ("tui: move a card (+ save)", case_move_card),
    ("tui: move a card (screen only)", case_move_card_screen),
    ("tui: type in the filter", case_filter_key),
]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import argparse

    import run as harness  # bench/run.py

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(harness.SIZES))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = tuple(args.sizes)
    results = harness.run(sizes, cases=CASES, repeat=args.repeat)
    _close_all()
    print(harness.table(results, sizes, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
