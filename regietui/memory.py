"""Python's cyclic garbage collector, kept waiting while a board is built.

Reading a board makes hundreds of thousands of small objects that all stay alive. The collector
would walk them again and again while they pile up: at 10,000 cards that doubles the time of a
load. They hold no cycles worth finding, so the collector waits while a board is read (`held`).
The `regietui` command holds it from its first line (`hold`); a one-shot command ends before it
would matter, and the terminal app `settle`s once its first frame is up: what exists then (the
modules, the board, the screen) is frozen out of every later collection, which stays cheap.
A board read again later (another session saved) is frozen in its turn (`keep`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def hold() -> None:
    """The collector off until `settle` (at the very start of the process)."""
    gc.disable()


_settled = False


def settle() -> None:
    """If the collector was held: freeze what exists now and collect from here on."""
    global _settled
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
        _settled = True


def keep() -> None:
    """In a process that settled: freeze what was built since (a board read again), after
    collecting the young garbage, so that full collections do not walk a board each time (at
    10,000 cards each took 0.1 s, with the screen frozen)."""
    if _settled:
        gc.collect(1)
        gc.freeze()


@contextmanager
def held() -> Iterator[None]:
    """The collector off for the block, and as it was after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
