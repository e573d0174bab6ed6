"""Small helpers shared by the widgets: fitting plain text into cells, colours, numbers, and
board text made inert on its way to the screen.

User text only ever reaches the screen as the plain string of a `Segment` (or `Text`/`Content`
built from plain strings); nothing here parses markup. Every such string passes `text.inert`
here: in `truncate`, `pad` and `wrap` (so widths are measured on what is shown), again in `line`
(the last step of every Line-API row), and in `inert_text` / `inert_content`, through which the
builders of detail, triage and changes text return.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.strip import Strip

from ...text import inert

ELLIPSIS = "…"

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


def truncate(text: str, width: int) -> str:
    """`text` (inert, on one line) in at most `width` cells, ending in … when it had to be cut."""
    text = inert(text)
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    if width == 1:
        return ELLIPSIS
    return set_cell_size(text, width - 1).rstrip() + ELLIPSIS


def pad(text: str, width: int) -> str:
    """`text` cut (with …) or padded with spaces to exactly `width` cells."""
    cut = truncate(text, width)
    return cut + " " * (width - cell_len(cut))


def line(parts: list[tuple[str, Style]], width: int, fill: Style) -> Strip:
    """One screen line from (plain text, style) parts, cut or filled to `width` cells."""
    segments = [Segment(inert(text), style) for text, style in parts if text]
    return Strip(segments).adjust_cell_length(width, fill).simplify()


def chop(word: str, width: int) -> tuple[str, str]:
    """Split `word` after at most `width` cells (at least one character goes to the head)."""
    used = 0
    for index, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return (word[:index], word[index:]) if index else (word[:1], word[1:])
    return word, ""


def wrap(text: str, width: int, lines: int) -> list[str]:
    """`text` word-wrapped into exactly `lines` lines of at most `width` cells; what does not
    fit is cut with … on the last line."""
    if width <= 0:
        return [""] * lines
    words = inert(text).split()
    out: list[str] = []
    current = ""
    while words and len(out) < lines:
        word = words[0]
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
            words.pop(0)
        elif not current:
            # a word longer than the line: break it with a hyphen so it reads as one word
            head, tail = chop(word, width - 1) if width > 2 else chop(word, width)
            out.append(f"{head}-" if width > 2 else head)
            words[0] = tail
        else:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    if words and out:
        out[-1] = truncate(f"{out[-1]} {' '.join(words)}", width)
    return out + [""] * (lines - len(out))


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
