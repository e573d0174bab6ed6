"""Python's cyclic garbage collector, kept waiting while a board is built.

Reading a board makes hundreds of thousands of small objects that all stay alive. The collector
would walk them again and again while they pile up: at 10,000 cards that doubles the time of a
load. They hold no cycles worth finding, so the collector waits while a board is read (`held`).
The `regietui` command holds it from its first line (`hold`); a one-shot command ends before it
would matter, and the terminal app `settle`s once its first frame is up: what exists then (the
modules, the board, the screen) is frozen out of every later collection, which stays cheap.
The cyclic garbage of the start is frozen with it: some 7,000 objects, under a megabyte, once.
(Freezing again after each reload was tried: it kept every reload's garbage, 0.7 MB a time.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def hold() -> None:
    """The collector off until `settle` (at the very start of the process)."""
    gc.disable()


def settle() -> None:
    """If the collector was held: freeze what exists now and collect from here on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


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
