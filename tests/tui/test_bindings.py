"""Every key binding of the terminal UI can be remapped: it has an id, a label in both languages,
and the app knows it (help screen, `[keys]` in the settings)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import regietui.tui
from regietui.i18n import EN, NL


def tui_classes() -> list[type[DOMNode]]:
    """Every App, Screen and Widget class defined in a module under `regietui.tui`."""
    found: list[type[DOMNode]] = []
    prefix = f"{regietui.tui.__name__}."
    for info in pkgutil.walk_packages(regietui.tui.__path__, prefix):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, DOMNode):
                found.append(cls)
    return found


def test_every_binding_has_an_id_a_label_in_both_languages_and_is_known_to_the_app(make_app):
    classes = tui_classes()
    names = {cls.__name__ for cls in classes}
    # the walk reaches the main screen, its widgets and every modal screen
    assert {"RegieApp", "KanbanBoard", "RoadmapView", "RecordForm", "TextPrompt", "Confirm",
            "Picker", "HelpScreen", "ChangesScreen", "InsightsScreen", "TriageScreen",
            "SettingsScreen"} <= names  # fmt: skip
    owner: dict[str, str] = {}
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            where = f"{cls.__name__}: {binding!r}"
            assert isinstance(binding, Binding), where  # a tuple cannot carry an id
            assert binding.id, where
            assert f"key.{binding.id}" in EN and f"key.{binding.id}" in NL, where
            # one id, one class: a keymap entry must not remap keys on another screen too
            assert owner.setdefault(binding.id, cls.__name__) == cls.__name__, where
    known = {b.id for group in make_app().binding_groups() for b in group}
    assert set(owner) <= known  # listed in help, accepted in the keymap
