"""Small dialogs: one line of text (`TextPrompt`), yes or no (`Confirm`), one of a few answers
(`Choice`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...i18n import tr
from ._text import literal


class TextPrompt(ModalScreen[str | None]):
    """Ask one question; dismiss with the (stripped) answer, or None on escape.

    `check(answer)` returns None when the answer is acceptable, else an error message that is
    shown under the input while the prompt stays open.
    """

    DEFAULT_CSS = """
    TextPrompt {
        align: center middle;
    }
    TextPrompt > #prompt-box {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $panel;
        padding: 0 1;
    }
    TextPrompt #prompt-question {
        width: 1fr;
        margin-bottom: 1;
        text-style: bold;
    }
    TextPrompt #prompt-input {
        width: 1fr;
    }
    TextPrompt #prompt-error {
        width: 1fr;
        color: $text-error;
        display: none;
    }
    TextPrompt.-invalid #prompt-error {
        display: block;
    }
    TextPrompt #prompt-buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    TextPrompt #prompt-buttons Button {
        margin-left: 1;
    }
    TextPrompt #prompt-keys {
        color: $text-muted;
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False, id="prompt.cancel")
    ]

    def __init__(
        self,
        question: str,
        lang: str,
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.lang = lang
        self.placeholder = placeholder
        self.check = check
        self._error = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(literal(self.question), id="prompt-question")
            yield Input(placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error")
            with Horizontal(id="prompt-buttons"):
                yield Static(literal(tr("ui.prompt_keys", self.lang)), id="prompt-keys")
                yield Button(literal(tr("ui.ok", self.lang)), variant="primary", id="prompt-ok")
                yield Button(literal(tr("ui.cancel", self.lang)), id="prompt-cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    @property
    def error(self) -> str:
        """The error shown under the input ("" when none)."""
        return self._error

    @on(Input.Submitted, "#prompt-input")
    @on(Button.Pressed, "#prompt-ok")
    def submit(self) -> None:
        answer = self.query_one("#prompt-input", Input).value.strip()
        problem = self.check(answer) if self.check else None
        if problem:
            self._error = problem
            self.query_one("#prompt-error", Static).update(literal(problem))
            self.add_class("-invalid")
            self.query_one("#prompt-input", Input).focus()
            return
        self.dismiss(answer)

    @on(Button.Pressed, "#prompt-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question that defaults to no: y (or Yes) answers yes; n, escape and enter (the
    focus starts on No) answer no, so a hurried enter never deletes or withdraws."""

    DEFAULT_CSS = """
    Confirm {
        align: center middle;
    }
    Confirm > #confirm-box {
        width: 56;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $warning;
        background: $panel;
        padding: 0 1;
    }
    Confirm #confirm-question {
        width: 1fr;
        text-style: bold;
    }
    Confirm #confirm-buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    Confirm #confirm-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False, id="prompt.yes"),
        Binding("n,escape", "answer(False)", "No", show=False, id="prompt.no"),
    ]

    def __init__(self, question: str, lang: str) -> None:
        super().__init__()
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(literal(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(literal(tr("ui.yes", self.lang)), variant="warning", id="confirm-yes")
                yield Button(literal(tr("ui.no", self.lang)), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class Choice(ModalScreen[str | None]):
    """A question with a few answers, one button each; the first is focused, so enter takes it.
    Each answer has a key of its own; escape dismisses with None (the caller's "not now")."""

    DEFAULT_CSS = """
    Choice {
        align: center middle;
    }
    Choice > #choice-box {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $error;
        background: $panel;
        padding: 0 1;
    }
    Choice #choice-question {
        width: 1fr;
        margin-bottom: 1;
    }
    Choice #choice-buttons {
        height: auto;
    }
    Choice #choice-buttons Button {
        width: 1fr;
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(None)", "Not now", show=False, id="prompt.not_now"),
    ]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """`answers`: (value, key, label) in the order shown."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(literal(self.question), id="choice-question")
            with Vertical(id="choice-buttons"):
                for value, key, label in self.answers:
                    yield Button(literal(f"{key}  {label}"), id=f"choice-{value}")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for value, key, _ in self.answers:
            if event.character == key:
                event.stop()
                self.dismiss(value)
                return

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("choice-"))

    def action_answer(self, value: str | None) -> None:
        self.dismiss(value)
