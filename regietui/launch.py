"""The `regietui` command's entry point: the garbage collector waits before anything is imported
(see `memory`), then `cli.main` runs."""

from __future__ import annotations


def main() -> int:
    from . import memory

    memory.hold()
    from .cli import main as run

    return run()
