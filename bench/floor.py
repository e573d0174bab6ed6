"""The floor of a first screen: a bare Textual app that imports textual and pydantic and paints
one line, then waits for ctrl+q (Textual's own quit key). `bench/process.py` starts it in a
pseudo-terminal beside regietui, so the ratio of the two is what regietui adds to what the
platform needs anyway."""

import pydantic  # noqa: F401  (what regietui's model needs: part of the floor)
from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "floor: first screen"


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(READY)


if __name__ == "__main__":
    Floor().run()
