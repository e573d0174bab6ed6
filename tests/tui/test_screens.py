"""The modal screens on their own: each is pushed by a tiny host app that records its result."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from support import screen_text, until
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea

from regietui import ops
from regietui.lookup import coerce
from regietui.model import (
    Ambition,
    Board,
    Funding,
    Meta,
    Municipality,
    Priority,
    Quarter,
    Reason,
    RoadmapItem,
    RoadmapStatus,
    RoadmapType,
    Standard,
    Status,
    Theme,
)
from regietui.tui.screens import Confirm, HelpScreen, Picker, RecordForm, TextPrompt
from regietui.tui.screens.form import FIELDS, field_of
from regietui.tui.screens.picker import MAX_MATCHES, fuzzy_match

MARKUP_TITLE = "fix [/] now [$accent]x"
"""A title that breaks anything interpolating user text into markup."""

# --- a small fixed board -------------------------------------------------------------------------


def make_board() -> Board:
    return Board(
        meta=Meta(name="Lekstroom test"),
        municipalities={
            "GM0307": Municipality(name="Amersfoort", short="AMF", inhabitants=160000),
            "GM0344": Municipality(name="Utrecht", short="UTR", inhabitants=370000),
            "GM0356": Municipality(name="Nieuwegein [b]", short="NWG", inhabitants=65000),
        },
        themes={
            "th2a3": Theme(name="Dienstverlening"),
            "th4b5": Theme(name="Werkplek & mobiel"),
            "th6c7": Theme(name="Informatiebeveiliging & privacy"),
        },
        standards={
            "st2ab": Standard(title="Windows werkplek", description="Standard workstation"),
            "st3cd": Standard(title="Geen iOS-beheer"),
        },
        roadmap={
            "rm2aa": RoadmapItem(
                title="Nieuw zaaksysteem",
                theme="th2a3",
                type=RoadmapType.PROJECT,
                start=Quarter(2026, 1),
                end=Quarter(2026, 4),
                effort=120,
                status=RoadmapStatus.ADOPTED,
                owner="Petra",
            ),
            "rm3bb": RoadmapItem(
                title="Werkplek vervanging",
                theme="th4b5",
                type=RoadmapType.LIFECYCLE,
                start=Quarter(2026, 3),
                end=Quarter(2027, 2),
                effort=80.5,
                depends_on=("rm2aa",),
            ),
        },
        ambitions={
            "3f9kq": Ambition(
                municipality="GM0307",
                title="iPads voor raadsleden",
                description="Raadsleden willen iPads\nmet beheer.",
                theme="th4b5",
                status=Status.EXPLORING,
                reason=Reason.COALITION,
                priority=Priority.SHOULD,
                value=3,
                effort=40,
                wanted_by=Quarter(2026, 3),
                cost_once=25000,
                funding=Funding.OWN,
                conflicts=("st3cd",),
                tags=("raad", "mobiel"),
                owner="Jan",
            ),
            "7mx2p": Ambition(
                municipality="GM0344", title=MARKUP_TITLE, theme="th2a3", status=Status.WISH
            ),
            "8pq4r": Ambition(
                municipality="GM0356",
                title="Parked one",
                status=Status.PARKED,
                review=date(2026, 9, 1),
            ),
        },
    )


def make_actor() -> ops.Actor:
    return ops.Actor(
        author="tester",
        clock=lambda: datetime(2026, 1, 15, 9, 30, tzinfo=UTC),
        rng=random.Random(7),
    )


class Applier:
    """What the app passes to RecordForm: coerce the text, then add or edit through ops."""

    def __init__(self, board: Board, table: str, key: str | None) -> None:
        self.board, self.table, self.key = board, table, key
        self.calls: list[dict[str, str]] = []

    def __call__(self, raw: dict[str, str]) -> ops.Change:
        self.calls.append(dict(raw))
        fields = coerce(self.board, self.table, raw)
        if self.key is None:
            return ops.add(self.board, self.table, fields, make_actor())
        return ops.edit(self.board, self.table, self.key, fields, make_actor())


class Host(App[None]):
    """Pushes one screen on mount and records what it dismisses with."""

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("host screen", id="host")

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


def form_app(
    table: str = "ambitions",
    key: str | None = "3f9kq",
    lang: str = "en",
    defaults: dict[str, str] | None = None,
) -> tuple[Host, Applier]:
    board = make_board()
    apply = Applier(board, table, key)
    return Host(lambda: RecordForm(board, table, key, lang, apply, defaults)), apply  # type: ignore[arg-type]


def line_with(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not on screen:\n{text}")


async def set_input(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Focus an input, clear it and type `text`, as a user would."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u", *list(text))


# --- RecordForm ----------------------------------------------------------------------------------


async def test_form_prefill_shows_the_record() -> None:
    app, _ = form_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.value_of("title") == "iPads voor raadsleden"
        assert form.value_of("municipality") == "GM0307"
        assert form.value_of("value") == "3"
        assert form.value_of("effort") == "40"
        assert form.value_of("wanted_by") == "2026-Q3"
        assert form.value_of("conflicts") == "S-st3cd"
        assert form.value_of("tags") == "raad, mobiel"
        assert form.value_of("review") == ""
        assert form.value_of("description") == "Raadsleden willen iPads\nmet beheer."
        text = screen_text(app)
        assert "Edit ambition" in text
        assert "A-3f9kq" in text
        for label, value in [
            ("Municipality", "Amersfoort (AMF)"),
            ("Theme", "Werkplek & mobiel"),
            ("Status", "Exploring"),
            ("Driver", "coalition programme"),
            ("Priority", "should"),
            ("Value (1-5)", "3"),
            ("Wanted by", "2026-Q3"),
            ("One-off cost", "25000"),
            ("Funding", "own"),
            ("Conflicts with standards", "S-st3cd"),
        ]:
            assert value in text.splitlines()[line_with(text, label)], label
        assert "Raadsleden willen iPads" in text
        # the title field has focus, and nothing was saved
        assert app.focused is form.query_one("#field-title")
        assert app.results == []


async def test_form_shows_every_invalid_field_at_once_in_dutch_and_clears_each_when_fixed():
    app, apply = form_app(lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_input(pilot, "#field-value", "9")
        await set_input(pilot, "#field-effort", "veel")
        await set_input(pilot, "#field-wanted_by", "volgend jaar")
        await pilot.press("ctrl+s")
        form = app.screen
        await until(pilot, lambda: len(form.errors) == 3)
        assert isinstance(form, RecordForm) and apply.calls == [] and app.results == []
        assert form.errors == {
            "value": "hoogstens 5",
            "effort": "een getal, bijv. 40 of 2.5",
            "wanted_by": "een kwartaal als 2027-Q1",
        }
        assert app.focused is form.query_one("#field-value")  # the first, in form order
        await set_input(pilot, "#field-effort", "40")
        await until(pilot, lambda: "effort" not in form.errors)
        assert set(form.errors) == {"value", "wanted_by"}  # the others stay until fixed
        assert form.query_one("#row-value").has_class("-invalid")
        assert not form.query_one("#row-effort").has_class("-invalid")


async def test_form_invalid_value_shows_the_message_under_the_field() -> None:
    app, apply = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_input(pilot, "#field-value", "9")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm), "the form must stay open"
        assert app.results == []
        assert apply.calls == []  # checked before anything is applied
        assert form.errors == {"value": "at most 5"}
        text = screen_text(app)
        row = line_with(text, "Value (1-5)")
        assert "at most 5" in text.splitlines()[row + 1]
        assert app.focused is form.query_one("#field-value")
        # fixing it clears the message at once, and saves
        await set_input(pilot, "#field-value", "4")
        await until(pilot, lambda: form.errors == {})
        assert "at most 5" not in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.results) == 1
        assert app.results[0].board.ambitions["3f9kq"].value == 4
        assert "Input should be" not in screen_text(app)


async def test_form_valid_edit_dismisses_with_the_change() -> None:
    app, apply = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_input(pilot, "#field-value", "5")
        # change the status with the keyboard only: open the select, one down, enter
        app.screen.query_one("#field-status").focus()
        await pilot.press("enter", "down", "enter")
        # and the theme by typing part of its name in the open list
        app.screen.query_one("#field-theme").focus()
        await pilot.press("enter", *"info", "enter")
        app.screen.query_one("#field-tags", Input).value = "raad,  mobiel, ipad"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.results) == 1
        change = app.results[0]
        assert isinstance(change, ops.Change)
        assert apply.calls == [
            {"theme": "th6c7", "status": "deciding", "value": "5", "tags": "raad, mobiel, ipad"}
        ]
        amb = change.board.ambitions["3f9kq"]
        assert amb.theme == "th6c7"
        assert (amb.value, amb.status, amb.tags) == (5, Status.DECIDING, ("raad", "mobiel", "ipad"))
        assert amb.title == "iPads voor raadsleden"
        assert change.event.action == "edit"
        assert not isinstance(app.screen, RecordForm)


async def test_form_save_button_and_unchanged_edit() -> None:
    app, apply = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-tags", Input).value = "raad ,mobiel "  # spacing only
        app.screen.query_one("#form-save").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [None]
        assert apply.calls == []


async def test_form_parking_needs_a_review_date_in_the_form() -> None:
    app, apply = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#field-status", Select).value = "parked"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert set(form.errors) == {"review"}
        assert form.errors == {"review": "a parked ambition needs a review date"}
        text = screen_text(app)
        assert "needs a review date" in text.splitlines()[line_with(text, "Review date") + 1]
        assert app.focused is form.query_one("#field-review")
        await pilot.press(*"2026-12-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        amb = app.results[0].board.ambitions["3f9kq"]
        assert (amb.status, amb.review) == (Status.PARKED, date(2026, 12, 1))
        assert apply.calls[-1] == {"status": "parked", "review": "2026-12-01"}


async def test_form_unknown_reference_is_shown_under_its_field() -> None:
    app, _ = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-conflicts", Input).value = "S-st3cd, iOS zonder beheer"
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.errors == {"conflicts": "no standard 'iOS zonder beheer'"}
        text = screen_text(app)
        row = line_with(text, "Conflicts with standards")
        assert "no standard 'iOS zonder beheer'" in text.splitlines()[row + 1]


async def test_form_new_ambition_returns_an_add() -> None:
    app, apply = form_app(key=None, lang="nl", defaults={"municipality": "GM0344"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Nieuwe ambitie" in text
        assert "Gemeente" in text and "Utrecht (UTR)" in text
        assert "Wens" in text  # the status starts at the model's default, in Dutch
        # saving without a title names the title field
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.errors == {"title": "verplicht"}
        await pilot.press(*"Glasvezel")
        await set_input(pilot, "#field-value", "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.results) == 1
        change = app.results[0]
        assert change.event.action == "add"
        assert change.before[0][2] is None
        amb = change.board.ambitions[change.key]
        assert (amb.title, amb.municipality, amb.value, amb.status) == (
            "Glasvezel",
            "GM0344",
            4,
            Status.WISH,
        )
        assert apply.calls[-1] == {
            "title": "Glasvezel",
            "municipality": "GM0344",
            "status": "wish",
            "value": "4",
            "funding": "unknown",
        }


async def test_form_roadmap_item_and_a_message_naming_no_field() -> None:
    app, apply = form_app(table="roadmap", key="rm3bb")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.value_of("depends_on") == "R-rm2aa"
        assert form.value_of("effort") == "80.5"
        text = screen_text(app)
        assert "Edit roadmap item" in text
        assert "lifecycle replacement" in text
        await set_input(pilot, "#field-end", "2025-Q4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert form.errors == {"end": "ends before it starts"}
        text = screen_text(app)
        assert "ends before it starts" in text.splitlines()[line_with(text, "End") + 1]
        await set_input(pilot, "#field-end", "2027-Q4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results[0].board.roadmap["rm3bb"].end == Quarter(2027, 4)
        assert apply.calls[-1] == {"end": "2027-Q4"}


async def test_form_new_roadmap_item_with_default_quarters() -> None:
    app, apply = form_app(
        table="roadmap", key=None, defaults={"start": "2026-Q2", "end": "2026-Q3"}
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "New roadmap item" in screen_text(app)
        await pilot.press(*"Portaal", "ctrl+s")
        await pilot.pause()
        change = app.results[0]
        item = change.board.roadmap[change.key]
        assert (item.title, item.start, item.end) == ("Portaal", Quarter(2026, 2), Quarter(2026, 3))
        assert apply.calls == [
            {
                "title": "Portaal",
                "type": "project",
                "status": "draft",
                "start": "2026-Q2",
                "end": "2026-Q3",
            }
        ]


async def test_form_escape_cancels_and_tab_walks_the_fields() -> None:
    app, apply = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chain = [widget.id for widget in app.screen.focus_chain]
        fields = [f"field-{spec.name}" for spec in FIELDS["ambitions"]]
        assert chain[: len(fields) + 2] == [*fields, "form-save", "form-cancel"]
        await pilot.press("tab", "tab")
        assert app.focused is not None and app.focused.id == "field-theme"
        app.screen.query_one("#field-owner").focus()
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        await pilot.pause()
        # at 80x24 the fields scroll: the focused description is in view, the title scrolled off
        assert app.screen.query_one("#form-fields").scroll_y > 0
        text = screen_text(app)
        assert "met beheer." in text
        assert not any(line.strip("│ ").startswith("Title") for line in text.splitlines())
        await pilot.press("tab")  # tab leaves the description instead of indenting
        assert app.focused.id == "form-save"
        await pilot.press("shift+tab")
        assert app.focused.id == "field-description"
        # escape in an open select closes the list, not the form
        app.screen.query_one("#field-status").focus()
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert app.screen.value_of("status") == "exploring"
        await set_input(pilot, "#field-title", "changed")
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
        assert apply.calls == []


async def test_form_shows_a_markup_title_literally() -> None:
    app, apply = form_app(key="7mx2p")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.value_of("title") == MARKUP_TITLE
        text = screen_text(app)
        heading = text.splitlines()[line_with(text, "A-7mx2p")]
        assert MARKUP_TITLE in heading
        assert MARKUP_TITLE in text.splitlines()[line_with(text, "Title")]
        # a municipality whose name looks like markup is listed literally too
        form.query_one("#field-municipality", Select).value = "GM0356"
        await pilot.pause()
        assert "Nieuwegein [b] (NWG)" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert apply.calls == [{"municipality": "GM0356"}]
        assert app.results[0].board.ambitions["7mx2p"].title == MARKUP_TITLE


def test_field_of_finds_the_field_a_message_names() -> None:
    names = [spec.name for spec in FIELDS["ambitions"]]
    assert field_of("ambition A-3f9kq, field value: Input should be", "ambitions", names) == "value"
    assert field_of("ambition A-x, field tags.0: Input should be", "ambitions", names) == "tags"
    assert (
        field_of(
            "ambition A-x: a rejected ambition needs a reason (status_reason)", "ambitions", names
        )
        == "status_reason"
    )
    assert field_of("no municipality 'Zeist'", "ambitions", names) == "municipality"
    assert field_of("'Werk' names several themes: a, b; use the id", "ambitions", names) == "theme"
    assert field_of("no roadmap item 'R-zz'", "roadmap", [s.name for s in FIELDS["roadmap"]]) == (
        "depends_on"
    )
    assert field_of("ambition A-x, field links: unknown", "ambitions", names) is None
    assert field_of("something else went wrong", "ambitions", names) is None


# --- Picker --------------------------------------------------------------------------------------

OPTIONS = [
    ("rm2aa", "R-rm2aa Nieuw zaaksysteem"),
    ("rm3bb", "R-rm3bb Werkplek vervanging"),
    ("7mx2p", "A-7mx2p " + MARKUP_TITLE),
    ("3f9kq", "A-3f9kq iPads voor raadsleden"),
]
"""(value, label) pairs, as the app passes them."""


async def test_picker_filters_as_you_type_and_returns_the_choice() -> None:
    app = Host(lambda: Picker("Link to roadmap", OPTIONS, "en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, Picker)
        assert picker.shown_values == ["rm2aa", "rm3bb", "7mx2p", "3f9kq"]
        await pilot.press(*"werk")
        await pilot.pause()
        assert picker.shown_values == ["rm3bb"]
        text = screen_text(app)
        assert "R-rm3bb Werkplek vervanging" in text
        assert "Nieuw zaaksysteem" not in text
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"rm")
        await pilot.pause()
        assert picker.shown_values == ["rm2aa", "rm3bb"]
        assert picker.highlighted_value == "rm2aa"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.results == ["rm3bb"]


async def test_picker_current_is_highlighted_and_escape_cancels() -> None:
    app = Host(lambda: Picker("Pick", OPTIONS, "en", current="3f9kq"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, Picker)
        assert picker.highlighted_value == "3f9kq"
        await pilot.press(*"zzzz")
        await pilot.pause()
        assert picker.shown_values == []
        assert "no matches" in screen_text(app)
        await pilot.press("enter")  # nothing to pick: stays open
        assert isinstance(app.screen, Picker)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_picker_empty_value_is_a_choice() -> None:
    options = [("", "All municipalities"), *OPTIONS]
    app = Host(lambda: Picker("Municipality", options, "en", current=""))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.highlighted_value == ""  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [""]


async def test_picker_shows_markup_labels_literally() -> None:
    app = Host(lambda: Picker("Pick [b]one[/b]", OPTIONS, "en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "A-7mx2p " + MARKUP_TITLE in text
        assert "Pick [b]one[/b]" in text
        await pilot.press(*"now acc")
        await pilot.pause()
        assert app.screen.shown_values == ["7mx2p"]  # type: ignore[attr-defined]
        assert "A-7mx2p " + MARKUP_TITLE in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["7mx2p"]


async def test_picker_with_thousands_of_options() -> None:
    options = [(str(i), f"A-{i:05d} ambition number {i}") for i in range(5000)]
    app = Host(lambda: Picker("Pick", options, "en", current="4321"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, Picker)
        assert picker.highlighted_value == "4321"
        assert "A-04321 ambition number 4321" in screen_text(app)  # scrolled into view
        await pilot.press(*"number 1")
        await pilot.pause()
        assert picker.matches > MAX_MATCHES
        assert len(picker.shown_values) == MAX_MATCHES
        assert picker.shown_values[0] == "1"  # whole-word, earliest match first
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["1"]


def test_fuzzy_match_scores_and_offsets() -> None:
    assert fuzzy_match("zaak", "Nieuw zaaksysteem") == (pytest.approx(16 - 0.06), [6, 7, 8, 9])
    assert fuzzy_match("nzs", "Nieuw zaaksysteem") is not None
    assert fuzzy_match("xyz", "Nieuw zaaksysteem") is None
    word_start = fuzzy_match("werk", "Werkplek")
    mid_word = fuzzy_match("werk", "Samenwerking")
    assert word_start and mid_word and word_start[0] > mid_word[0]
    # every word of the query must match, in any order
    assert fuzzy_match("plek werk", "Werkplek vervanging") is not None
    assert fuzzy_match("plek data", "Werkplek vervanging") is None


# --- TextPrompt and Confirm ----------------------------------------------------------------------


def must_be_long(text: str) -> str | None:
    return None if len(text) >= 5 else "give at least 5 characters"


async def test_text_prompt_check_blocks_invalid_text() -> None:
    question = f"Why is {MARKUP_TITLE} rejected?"
    app = Host(lambda: TextPrompt(question, "en", placeholder="reason", check=must_be_long))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert question in text
        assert "reason" in text  # the placeholder
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        assert prompt.error == "give at least 5 characters"
        assert "give at least 5 characters" in screen_text(app)
        assert app.results == []
        await pilot.press(*" [b]x ", "enter")
        await pilot.pause()
        assert app.results == ["abc [b]x"]


async def test_text_prompt_escape_cancels() -> None:
    app = Host(lambda: TextPrompt("Name?", "nl"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Annuleren" in screen_text(app)
        await pilot.press(*"x", "escape")
        await pilot.pause()
        assert app.results == [None]


@pytest.mark.parametrize(
    ("keys", "answer"),
    [(("y",), True), (("enter",), False), (("n",), False), (("escape",), False),
     (("tab", "enter"), True)],  # the focus starts on No: a hurried enter answers no
)  # fmt: skip
async def test_confirm_answers(keys: tuple[str, ...], answer: bool) -> None:
    app = Host(lambda: Confirm(f"Delete {MARKUP_TITLE}?", "en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert f"Delete {MARKUP_TITLE}?" in text
        assert "Yes" in text and "No" in text
        await pilot.press(*keys)
        await pilot.pause()
        assert app.results == [answer]


# --- HelpScreen ----------------------------------------------------------------------------------

HELP_ROWS = [
    ("←/h", "previous column", "board.left"),
    ("→/l", "next column", "board.right"),
    ("< / H", "move card left [b]", "board.move_left"),
    ("n", "new ambition", "board.new"),
    ("r", "focus roadmap", "roadmap.focus"),
    ("?/F1", "help", "app.help"),
    ("q", "quit", "app.quit"),
    ("x", "something else", "odd"),
]


async def test_help_shows_sections_and_keys() -> None:
    app = Host(lambda: HelpScreen(HELP_ROWS, "en"))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        text = "\n".join(lines)
        order = [line_with(text, title) for title in ("Board", "Roadmap", "Application", "Other")]
        assert order == sorted(order)
        assert line_with(text, "previous column") < order[1]
        assert line_with(text, "focus roadmap") < order[2]
        assert "< / H  move card left [b]" in text
        assert "←/h    previous column" in text
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.results == [None]


@pytest.mark.parametrize("key", ["escape", "q", "f1"])
async def test_help_closes_and_speaks_dutch(key: str) -> None:
    app = Host(lambda: HelpScreen(HELP_ROWS, "nl"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Bord" in text and "Applicatie" not in text.split("Bord")[0]
        await pilot.press(key)
        await pilot.pause()
        assert app.results == [None]


async def test_help_scrolls_when_it_does_not_fit() -> None:
    rows = [(f"k{i}", f"action number {i}", f"board.a{i}") for i in range(40)]
    app = Host(lambda: HelpScreen(rows, "en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "action number 0" in text and "action number 39" not in text
        assert "esc, q or ? close" in text  # the hint stays in view
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "action number 39" in text and "action number 0" not in text


# --- snapshots -----------------------------------------------------------------------------------


async def _steady(pilot: Pilot[Any]) -> None:
    """No blinking cursor in a snapshot."""
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_edit_form(snap_compare: Any, size: tuple[int, int]) -> None:
    app, _ = form_app()
    assert snap_compare(app, terminal_size=size, run_before=_steady)


def test_snapshot_help(snap_compare: Any) -> None:
    app = Host(lambda: HelpScreen(HELP_ROWS, "en"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_steady)
