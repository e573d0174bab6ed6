"""RecordForm: add or edit an ambition or a roadmap item.

One form for both tables, driven by `FIELDS` (a field specification per table). The form turns
the record into text, lets the user change it, and hands `field -> text` of what changed to the
caller's `apply`, which coerces and validates through the core (`lookup.coerce` + `ops`). The core's
error message is shown under the field it names, and the form stays open until `apply` succeeds.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ... import ops
from ...costs import DEFAULT_KEY, allocation_text
from ...i18n import tr
from ...lookup import REFERENCES, is_list_field
from ...model import (
    TABLES,
    Allocation,
    Board,
    Funding,
    Priority,
    Quarter,
    Reason,
    RoadmapStatus,
    RoadmapType,
    Status,
    human_id,
)
from ...text import inert
from ...validation import problems
from ...wording import Noun, Phrase, said, worded
from ._dialog import Dialog
from ._text import literal

Kind = Literal["text", "number", "quarter", "date", "enum", "ref", "list", "area", "key"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form: its model field name, how it is edited, and for enums the values
    and the i18n prefix of their labels (`status` → `status.wish`)."""

    name: str
    kind: Kind
    enum: type[StrEnum] | None = None
    labels: str = ""
    label: str = ""
    """The i18n key of the field's label when it is not `field.<name>`."""


def _enum(name: str, enum: type[StrEnum], labels: str) -> FieldSpec:
    return FieldSpec(name, "enum", enum, labels)


FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "ambitions": (
        FieldSpec("title", "text"),
        FieldSpec("municipality", "ref"),
        FieldSpec("theme", "ref"),
        _enum("status", Status, "status"),
        FieldSpec("status_reason", "text"),
        FieldSpec("review", "date"),
        _enum("priority", Priority, "priority"),
        FieldSpec("value", "number"),
        _enum("reason", Reason, "reason"),
        FieldSpec("wanted_by", "quarter"),
        FieldSpec("effort", "number"),
        FieldSpec("cost_once", "number"),
        FieldSpec("cost_yearly", "number"),
        _enum("funding", Funding, "funding"),
        FieldSpec("conflicts", "list"),
        FieldSpec("tags", "list"),
        FieldSpec("owner", "text"),
        FieldSpec("description", "area"),
    ),
    "roadmap": (
        FieldSpec("title", "text"),
        FieldSpec("theme", "ref"),
        _enum("type", RoadmapType, "type"),
        _enum("status", RoadmapStatus, "roadmap"),
        FieldSpec("start", "quarter"),
        FieldSpec("end", "quarter"),
        FieldSpec("effort", "number", label="field.effort_per_quarter"),
        FieldSpec("cost_once", "number"),
        FieldSpec("cost_yearly", "number"),
        FieldSpec("depends_on", "list"),
        FieldSpec("allocation", "key"),
        FieldSpec("owner", "text"),
        FieldSpec("description", "area"),
    ),
}
"""The fields of each table's form, in screen order. Links and decisions have their own actions."""

TITLES = {
    ("ambitions", True): "ui.new_ambition",
    ("ambitions", False): "ui.edit_ambition",
    ("roadmap", True): "ui.new_roadmap",
    ("roadmap", False): "ui.edit_roadmap",
}


def _optional(table: str, name: str) -> bool:
    """Whether the model accepts None for the field (so a Select may be left blank)."""
    annotation = TABLES[table].model_fields[name].annotation
    return type(None) in typing.get_args(annotation)


def _number(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def as_text(board: Board, table: str, name: str, value: Any, lang: str = "en") -> str:
    """A stored value as the text the form shows (and `lookup.coerce` reads back)."""
    if value is None:
        return ""
    if isinstance(value, Allocation):
        return allocation_text(value, lang)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, Quarter):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        target = REFERENCES.get((table, name))
        items = [human_id(target, str(v)) if target else str(v) for v in value]
        return ", ".join(items)
    return str(value)


def _normal(spec: FieldSpec, table: str, text: str) -> str:
    """Text in a form comparable with the prefill (whitespace and list spacing ignored)."""
    if spec.kind == "list" or is_list_field(table, spec.name):
        return ", ".join(part.strip() for part in text.split(",") if part.strip())
    return text.strip()


def place_of(err: BaseException, table: str, names: list[str]) -> tuple[str | None, Any]:
    """The form field a refusal is about and why, read from its phrase (`ambition A-3f9kq,
    field value: …`, a lookup that found no municipality): (None, err) when it names none."""
    said_as = getattr(err, "phrase", None)
    if not isinstance(said_as, Phrase):
        return None, err
    values = dict(said_as.values)
    if said_as.key == "error.record_field":
        name = values["field"].name.split(".")[0]
        return (name, values["why"]) if name in names else (None, err)
    noun = values.get("noun")
    if said_as.key in ("error.no_record", "error.several") and isinstance(noun, Noun):
        for name in names:
            if REFERENCES.get((table, name)) == noun.table:
                return name, said_as
    return None, err


class RecordForm(Dialog["ops.Change | None"]):
    """Add (`key` None) or edit the record `key` of `table` ("ambitions" or "roadmap").

    `apply(raw)` gets `field -> text` of what the user changed (for a new record: every field
    that is not empty) and returns the `ops.Change`; an `OpError`/`InputError` it raises is shown
    under the field it names and the form stays open. Ctrl+S or Save applies, escape cancels.

    `defaults` prefill a new record; on an edit they override the record's values in the form
    (and so count as changes), e.g. `{"status": "parked"}` to ask for a review date.
    Saving an edit that changes nothing dismisses with None.
    """

    DEFAULT_CSS = """
    RecordForm > #form-box {
        border-subtitle-color: $text-muted;
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    RecordForm #form-heading {
        width: 1fr;
        height: 1;
        text-overflow: ellipsis;
        text-wrap: nowrap;
        color: $text-muted;
    }
    RecordForm #form-error {
        width: 1fr;
        color: $text-error;
        display: none;
    }
    RecordForm #form-error.-shown {
        display: block;
    }
    RecordForm #form-fields {
        height: auto;
        background: $panel;
        scrollbar-gutter: stable;
    }
    RecordForm .form-field {
        height: auto;
        width: 1fr;
        border-left: blank;
    }
    RecordForm .form-field.-focused {
        border-left: outer $accent;
    }
    RecordForm .form-row {
        height: auto;
        width: 1fr;
    }
    RecordForm .form-label {
        width: 26;
        padding-right: 1;
        color: $text-muted;
    }
    RecordForm .form-field.-focused .form-label {
        color: $text-accent;
        text-style: bold;
    }
    RecordForm .form-input {
        width: 1fr;
    }
    RecordForm Input.form-input, RecordForm TextArea.form-input {
        background: $surface;
    }
    RecordForm Input.form-input:focus, RecordForm TextArea.form-input:focus {
        background: $boost;
    }
    RecordForm TextArea.form-input {
        height: 4;
    }
    RecordForm .form-error {
        width: 1fr;
        padding-left: 26;
        color: $text-error;
        display: none;
    }
    RecordForm .form-field.-invalid .form-error {
        display: block;
    }
    RecordForm .form-field.-invalid .form-label {
        color: $text-error;
    }
    RecordForm #form-buttons {
        height: 1;
        margin-top: 1;
        align-horizontal: right;
    }
    RecordForm #form-buttons Button {
        margin-left: 2;
        min-width: 10;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", show=False, priority=True, id="form.save"),
        Binding("escape", "cancel", "Cancel", show=False, id="form.cancel"),
    ]

    def __init__(
        self,
        board: Board,
        table: Literal["ambitions", "roadmap"],
        key: str | None,
        lang: str,
        apply: Callable[[dict[str, str]], ops.Change],
        defaults: dict[str, str] | None = None,
        title: str = "",
    ) -> None:
        """`title` replaces the form's usual one (`New roadmap item`) where it says more."""
        super().__init__()
        self.title = title
        if table not in FIELDS:
            raise ValueError(f"no form for table {table!r}")
        self.board = board
        self.table = table
        self.key = key
        self.lang = lang
        self.apply = apply
        self.defaults = dict(defaults or {})
        self.specs = FIELDS[table]
        self.prefill: dict[str, str] = {}
        """What each field held when the form opened: the baseline for what changed."""
        self.initial: dict[str, str] = {}
        """What each field shows when the form opens."""
        self.errors: dict[str, str] = {}
        """Field name (or "" for the form as a whole) → the error shown."""
        record = board.table(table)[key] if key is not None else None
        model = TABLES[table]
        for spec in self.specs:
            if record is not None:
                # shown inert; an untouched field equals its prefill, so it keeps the stored value
                text = inert(
                    as_text(board, table, spec.name, getattr(record, spec.name), lang),
                    newlines=True,
                )
                self.prefill[spec.name] = text
            else:
                default = model.model_fields[spec.name].default
                text = default.value if isinstance(default, StrEnum) else ""
                self.prefill[spec.name] = ""
            self.initial[spec.name] = self.defaults.get(spec.name, text)

    # --- building ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        new = self.key is None
        box = Vertical(id="form-box", classes="dialog-box")
        box.border_title = self.title or tr(TITLES[(self.table, new)], self.lang)
        # the keys on the bottom border: in any language they never run into the buttons
        box.border_subtitle = literal(tr("ui.form_keys", self.lang))
        with box:
            heading = Static(self._heading(), id="form-heading")
            heading.display = self.key is not None
            yield heading
            fields = VerticalScroll(id="form-fields")
            fields.can_focus = False  # tab goes from field to field, the focused one scrolls in
            with fields:
                yield Static("", id="form-error")
                for spec in self.specs:
                    with Vertical(classes="form-field", id=f"row-{spec.name}"):
                        with Horizontal(classes="form-row"):
                            yield Label(
                                literal(tr(spec.label or f"field.{spec.name}", self.lang)),
                                classes="form-label",
                            )
                            yield self._widget(spec)
                        yield Static("", classes="form-error", id=f"error-{spec.name}")
            with Horizontal(id="form-buttons"):
                yield Button(
                    literal(tr("ui.save", self.lang)),
                    variant="primary",
                    compact=True,
                    id="form-save",
                )
                yield Button(literal(tr("ui.cancel", self.lang)), compact=True, id="form-cancel")

    def _heading(self) -> Content:
        if self.key is None:
            return Content("")
        record = self.board.table(self.table)[self.key]
        return Content.assemble(
            literal(human_id(self.table, self.key), "bold"),
            "  ",
            literal(getattr(record, "title", "")),
        )

    def _widget(self, spec: FieldSpec) -> Widget:
        wid = f"field-{spec.name}"
        value = self.initial[spec.name]
        if spec.kind in ("enum", "ref"):
            options = self._options(spec, value)
            allow_blank = _optional(self.table, spec.name) or not value
            return Select(
                options,
                value=value if value else Select.NULL,
                allow_blank=allow_blank,
                prompt=tr("ui.none", self.lang),
                compact=True,
                id=wid,
                classes="form-input",
            )
        if spec.kind == "area":
            return TextArea(
                value,
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
                id=wid,
                classes="form-input",
            )
        return Input(
            value,
            placeholder=self._hint(spec),
            compact=True,
            id=wid,
            classes="form-input",
        )

    def _hint(self, spec: FieldSpec) -> str:
        if spec.kind == "quarter":
            return tr("ui.hint_quarter", self.lang)
        if spec.kind == "date":
            return tr("ui.hint_date", self.lang)
        if spec.kind == "list":
            target = REFERENCES.get((self.table, spec.name))
            return tr("ui.hint_ids" if target else "ui.hint_list", self.lang)
        if spec.kind == "key":
            board_key = allocation_text(self.board.meta.cost_key or DEFAULT_KEY, self.lang)
            return tr("ui.hint_key", self.lang, default=board_key)
        return ""

    def _options(self, spec: FieldSpec, value: str) -> list[tuple[Text, str]]:
        """Select options as (literal label, stored value)."""
        if spec.enum is not None:
            return [
                (Text(tr(f"{spec.labels}.{member.value}", self.lang)), member.value)
                for member in spec.enum
            ]
        target = REFERENCES[(self.table, spec.name)]
        records = self.board.table(target)

        def label(key: str) -> str:
            record = records[key]
            name = inert(getattr(record, "name", "") or getattr(record, "title", ""))
            short = getattr(record, "short", None)
            return f"{name} ({inert(short)})" if short else name

        keys = sorted(records, key=lambda k: (label(k).casefold(), k))
        options = [(Text(label(k)), k) for k in keys]
        if value and value not in records:
            # a dangling reference stays visible (and selected) instead of crashing the form
            options.insert(0, (Text(inert(f"? {value}")), value))
        return options

    def on_mount(self) -> None:
        self._fit()
        self.query_one(f"#field-{self.specs[0].name}").focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Let the fields scroll in what the screen leaves after the heading and the buttons."""
        heading = 0 if self.key is None else 1
        chrome = 2 + heading + 2  # border, heading, buttons with their margin
        self.query_one("#form-fields").styles.max_height = max(3, self.size.height - chrome)

    # --- reading -------------------------------------------------------------------------------

    def value_of(self, name: str) -> str:
        """The text a field holds now."""
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value

    def collect(self) -> dict[str, str]:
        """`field -> text` to apply: what differs from the prefill (new: everything not empty)."""
        raw: dict[str, str] = {}
        for spec in self.specs:
            text = self.value_of(spec.name)
            normal = _normal(spec, self.table, text)
            if self.key is None:
                if normal:
                    raw[spec.name] = normal
            elif normal != _normal(spec, self.table, self.prefill[spec.name]):
                raw[spec.name] = normal
        return raw

    # --- saving --------------------------------------------------------------------------------

    def action_save(self) -> None:
        self._clear_errors()
        raw = self.collect()
        if self.key is not None and not raw:
            self.dismiss(None)
            return
        found = problems(self.board, self.table, self.key, raw, self.lang)
        if found:
            self.show_problems(found)
            return
        try:
            change = self.apply(raw)
        except ValueError as err:  # ops.OpError, lookup.InputError
            self.show_error(err)
            return
        self.dismiss(change)

    def show_error(self, err: BaseException) -> None:
        """Show a refusal under the field it names (and focus that field), else at the top, in
        the form's language."""
        names = [spec.name for spec in self.specs]
        name, why = place_of(err, self.table, names)
        if name is None:
            self._mark_top(said(err, self.lang))
            return
        self._mark(name, worded(why, self.lang), focus=True)

    def show_problems(self, found: dict[str, str]) -> None:
        """Show every problem under its field at once (`""`: at the top); focus the first."""
        first = True
        for spec in self.specs:
            if spec.name in found:
                self._mark(spec.name, found[spec.name], focus=first)
                first = False
        if "" in found:
            self._mark_top(found[""])

    def _recheck(self) -> None:
        """While problems are shown, a fix clears its own: check the form again as it is."""
        if not self.errors:
            return
        found = problems(self.board, self.table, self.key, self.collect(), self.lang)
        for name in list(self.errors):
            if name and name not in found:
                del self.errors[name]
                self.query_one(f"#row-{name}").remove_class("-invalid")
            elif name in found and found[name] != self.errors[name]:
                self._mark(name, found[name], focus=False)
        if "" in self.errors and "" not in found:
            del self.errors[""]
            self.query_one("#form-error").remove_class("-shown")

    @on(Input.Changed, ".form-input")
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _field_changed(self) -> None:
        self._recheck()

    def _mark(self, name: str, message: str, focus: bool) -> None:
        self.errors[name] = message
        self.query_one(f"#error-{name}", Static).update(literal(message))
        row = self.query_one(f"#row-{name}")
        row.add_class("-invalid")
        if focus:
            self.query_one(f"#field-{name}").focus()
            row.scroll_visible(animate=False)

    def _mark_top(self, message: str) -> None:
        self.errors[""] = message
        top = self.query_one("#form-error", Static)
        top.update(literal(message))
        top.add_class("-shown")
        self.query_one("#form-fields", VerticalScroll).scroll_home(animate=False)

    def _clear_errors(self) -> None:
        self.errors.clear()
        self.query_one("#form-error").remove_class("-shown")
        for row in self.query(".form-field.-invalid"):
            row.remove_class("-invalid")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Highlight the label of the field being edited."""
        for row in self.query(".form-field.-focused"):
            row.remove_class("-focused")
        for node in event.widget.ancestors:
            if node.has_class("form-field"):
                node.add_class("-focused")
                break

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, ".form-input")
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a text field moves on to the next field, as tab does."""
        event.stop()
        self.focus_next()
