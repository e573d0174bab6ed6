"""Small helpers shared by the widgets: screen lines, colours, and board text made inert on its
way to the screen (fitting plain text into cells is `regietui.wrapping`).

User text only ever reaches the screen as the plain string of a `Segment` (or `Text`/`Content`
built from plain strings); nothing here parses markup. Every such string passes `text.inert`:
in `regietui.wrapping`'s `truncate`, `pad` and `wrap` (so widths are measured on what is shown),
again in `line` (the last step of every Line-API row), and in `inert_text` / `inert_content`,
through which the builders of detail, triage and changes text return.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.strip import Strip

from ...i18n import tr
from ...model import Ambition, Board, human_id
from ...text import inert

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


LINES_KEPT = 256
"""Rendered lines a Line-API widget caches: a few screens' worth. Each strip holds seven small
caches of its own, so thousands of them lengthened every full garbage collection (at 10,000 cards
by a tenth of a second)."""


def line(parts: list[tuple[str, Style]], width: int, fill: Style) -> Strip:
    """One screen line from (plain text, style) parts, cut or filled to `width` cells."""
    segments = [Segment(inert(text), style) for text, style in parts if text]
    fitted = Segment.adjust_line_length(segments, width, fill)  # what Strip.adjust_cell_length
    return Strip(list(Segment.simplify(fitted)), width)  # and .simplify do, in one Strip, not 3


def inert_text(text: Text) -> Text:
    """`text` with every terminal control in it shown (`text.inert`, newlines kept); `inert` keeps
    the length, so the styles stay where they were."""
    plain = text.plain
    shown = inert(plain, newlines=True)
    if shown == plain:
        return text
    text = text.copy()
    text.plain = shown
    return text


def inert_content(content: Content) -> Content:
    """`content` with every terminal control in it shown, styles kept (as `inert_text`)."""
    shown = inert(content.plain, newlines=True)
    if shown == content.plain:
        return content
    return Content(shown, list(content.spans))


SEVERITY_MARKS: dict[str, str] = {"error": "▲", "warning": "△", "info": "○"}
"""The marker of a card or roadmap row that a finding is about, by the worst severity (its colour
comes from the `--error`, `--warning`, `--info` component classes)."""


LABEL = "bold"
MUTED = "dim"
"""The styles of a label and of what is said beside it, in the details and triage panes."""


def card_line(text: Text, board: Board, key: str, lang: str) -> Ambition:
    """`  A-3f9kq AMS  Title · status`: another card named in a list (similar cards, earlier
    decisions); the caller ends the line with what it adds. Returns the card."""
    amb = board.ambitions[key]
    muni = board.municipalities.get(amb.municipality)
    text.append(f"  {human_id('ambitions', key)} ", style=MUTED)
    text.append(f"{muni.short if muni else amb.municipality}  ", style=LABEL)
    text.append(amb.title)
    text.append(f" · {tr(f'status.{amb.status.value}', lang)}", style=MUTED)
    return amb
