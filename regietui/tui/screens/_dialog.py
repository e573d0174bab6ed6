"""The frame every dialog shares: one bordered box, centred, in the panel colour."""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen whose box (the child with class `dialog-box`) is centred and framed.

    Subclasses size their box by id in their own DEFAULT_CSS; the frame is defined once here.
    """

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > .dialog-box {
        border: round $accent;
        border-title-style: bold;
        background: $panel;
        padding: 0 1;
    }
    """
