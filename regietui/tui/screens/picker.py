"""Picker: choose one of many options by typing a few letters of it.

An `Input` on top filters an `OptionList` below (which renders only the visible lines, so thousands
of options are fine). Matching is a subsequence match per typed word, scored so that whole-word
and early matches come first; matched letters are highlighted with style spans on literal
`Content`, so labels are never read as markup.
"""

from __future__ import annotations

from itertools import pairwise
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import tr
from ...text import inert
from ._text import literal

MATCH_STYLE = "bold underline $text-accent"
MAX_MATCHES = 500
"""While filtering, show at most this many (the best) matches: more is noise and slows typing."""


def _fold(text: str) -> str:
    """Lower-case `text` keeping every character at its offset (for highlighting)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _is_word_start(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def fuzzy_match(query: str, label: str) -> tuple[float, list[int]] | None:
    """Score `label` against `query` (higher is better) with the matched offsets, or None.

    Every word of the query must appear in the label, as a substring (best) or as letters in
    order. Matches at word starts and early in the label score higher.
    """
    words = _fold(query).split()
    if not words:
        return 0.0, []
    folded = _fold(label)
    score = 0.0
    offsets: list[int] = []
    for word in words:
        at = folded.find(word)
        if at >= 0:
            # prefer a substring that starts a word over an earlier mid-word one
            start = at
            while start >= 0 and not _is_word_start(folded, start):
                start = folded.find(word, start + 1)
            if start >= 0:
                at = start
            positions = list(range(at, at + len(word)))
            score += 3 * len(word) + (4 if _is_word_start(folded, at) else 0) - at / 100
        else:
            positions = []
            index = 0
            for char in word:
                index = folded.find(char, index)
                if index < 0:
                    return None
                positions.append(index)
                index += 1
            runs = sum(1 for a, b in pairwise(positions) if b == a + 1)
            starts = sum(1 for p in positions if _is_word_start(folded, p))
            span = positions[-1] - positions[0] + 1
            score += len(word) + runs + 2 * starts - (span - len(word)) / 10 - positions[0] / 100
        offsets.extend(positions)
    if folded.strip() == _fold(query).strip():
        score += 100
    return score, sorted(set(offsets))


def highlight(label: str, offsets: list[int], style: str = MATCH_STYLE) -> Content:
    """`label` as literal Content with the characters at `offsets` styled."""
    spans: list[Span] = []
    for offset in offsets:
        if spans and spans[-1].end == offset:
            spans[-1] = Span(spans[-1].start, offset + 1, style)
        else:
            spans.append(Span(offset, offset + 1, style))
    return Content(label, spans)


class Picker(ModalScreen[str | None]):
    """Choose one value from `options`, a list of `(value, label)` pairs.

    Typing filters the list (fuzzy); up/down/pageup/pagedown move the highlight, enter picks it
    and dismisses with its value, escape dismisses with None. The option whose value is `current`
    is highlighted when the picker opens.
    """

    DEFAULT_CSS = """
    Picker {
        align: center top;
        padding-top: 1;
    }
    Picker > #picker-box {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $panel;
        padding: 0 1;
    }
    Picker #picker-title {
        width: 1fr;
        text-style: bold;
    }
    Picker #picker-input {
        width: 1fr;
    }
    Picker #picker-list {
        width: 1fr;
        height: auto;
        max-height: 20;
        border: none;
        padding: 0;
        background: $panel;
    }
    Picker #picker-list > .option-list--option-highlighted {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    Picker #picker-empty {
        color: $text-muted;
        display: none;
    }
    Picker.-empty #picker-empty {
        display: block;
    }
    Picker #picker-keys {
        color: $text-muted;
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False, id="picker.cancel"),
        Binding("down", "move('cursor_down')", "Down", show=False, id="picker.down"),
        Binding("up", "move('cursor_up')", "Up", show=False, id="picker.up"),
        Binding("pagedown", "move('page_down')", "Page down", show=False, id="picker.page_down"),
        Binding("pageup", "move('page_up')", "Page up", show=False, id="picker.page_up"),
    ]

    def __init__(
        self,
        title: str,
        options: list[tuple[str, str]],
        lang: str,
        current: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.lang = lang
        self.current = current
        self._values = [value for value, _ in options]
        self._labels = [inert(label) for _, label in options]
        self.matches = 0
        """How many options match the filter (the list shows at most MAX_MATCHES of them)."""
        self._query: str | None = None
        self._shown: list[int] = []
        """Indices into the options of what the list shows, in display order."""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(literal(self.title_text), id="picker-title")
            yield Input(placeholder=tr("ui.type_to_filter", self.lang), id="picker-input")
            option_list = OptionList(id="picker-list", markup=False)
            option_list.can_focus = False
            yield option_list
            yield Static(literal(tr("ui.no_matches", self.lang)), id="picker-empty")
            yield Static(literal(tr("ui.picker_keys", self.lang)), id="picker-keys")

    def on_mount(self) -> None:
        self._fit()
        self.query_one("#picker-input", Input).focus()
        self._show("")

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """At most 20 options, fewer when the screen is low."""
        chrome = 1 + 2 + 1 + 3 + 1  # top padding, border, title, input, keys
        option_list = self.query_one("#picker-list", OptionList)
        option_list.styles.max_height = max(3, min(20, self.size.height - chrome))

    @property
    def shown_values(self) -> list[str]:
        """The values the list shows now, in display order."""
        return [self._values[i] for i in self._shown]

    @property
    def highlighted_value(self) -> str | None:
        index = self.query_one("#picker-list", OptionList).highlighted
        return None if index is None else self._values[self._shown[index]]

    def _show(self, query: str) -> None:
        if query.strip() == self._query and self._shown:
            return
        self._query = query.strip()
        option_list = self.query_one("#picker-list", OptionList)
        if query.strip():
            scored = []
            for index, label in enumerate(self._labels):
                match = fuzzy_match(query, label)
                if match is not None:
                    scored.append((-match[0], index, match[1]))
            scored.sort(key=lambda item: (item[0], item[1]))
            self.matches = len(scored)
            del scored[MAX_MATCHES:]
            self._shown = [index for _, index, _ in scored]
            prompts = [highlight(self._labels[i], offsets) for _, i, offsets in scored]
        else:
            self._shown = list(range(len(self._labels)))
            self.matches = len(self._shown)
            prompts = [Content(label) for label in self._labels]
        option_list.set_options(Option(prompt) for prompt in prompts)
        self.set_class(not self._shown, "-empty")
        if not self._shown:
            return
        target = 0
        if self.current is not None and not query.strip():
            values = self.shown_values
            if self.current in values:
                target = values.index(self.current)
        option_list.highlighted = target

    @on(Input.Changed, "#picker-input")
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    def action_move(self, action: str) -> None:
        option_list = self.query_one("#picker-list", OptionList)
        getattr(option_list, f"action_{action}")()

    @on(Input.Submitted, "#picker-input")
    def pick_highlighted(self) -> None:
        value = self.highlighted_value
        if value is not None:
            self.dismiss(value)

    @on(OptionList.OptionSelected, "#picker-list")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._values[self._shown[event.option_index]])

    def action_cancel(self) -> None:
        self.dismiss(None)
