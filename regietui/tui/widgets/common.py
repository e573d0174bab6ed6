"""Small helpers shared by the Line-API widgets: screen lines, colours, (fitting plain text into
cells is `regietui.text`).

User text only ever reaches the screen as the plain string of a `Segment` (or `Text`/`Content`
built from plain strings); nothing here parses markup.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

PALETTE: tuple[str, ...] = (
    "#5fafff",
    "#ffaf5f",
    "#87d787",
    "#d787d7",
    "#ffd75f",
    "#5fd7d7",
    "#ff8787",
    "#afafff",
    "#d7af87",
    "#87afaf",
    "#d7d75f",
    "#ff87af",
)
"""Tag and bar colours (256-colour safe), picked by position so they stay stable per board."""


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def line(parts: list[tuple[str, Style]], width: int, fill: Style) -> Strip:
    """One screen line from (plain text, style) parts, cut or filled to `width` cells."""
    segments = [Segment(text, style) for text, style in parts if text]
    return Strip(segments).adjust_cell_length(width, fill).simplify()


SEVERITY_MARKS: dict[str, str] = {"error": "▲", "warning": "△", "info": "○"}
"""The marker of a card or roadmap row that a finding is about, by the worst severity (its colour
comes from the `--error`, `--warning`, `--info` component classes)."""
