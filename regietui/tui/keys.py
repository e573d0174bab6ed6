"""Bindings as data: their labels in the user's language, and the rows of the help screen.

Every binding has an id (`board.move_right`, `app.undo`, ...) so users remap keys in their config
(`[keys]` in config.toml → `App.set_keymap`); labels come from i18n keys `key.<id>`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingsMap, BindingType

from ..i18n import tr


@dataclass(frozen=True)
class Command:
    """A palette command: its label, the keys shown beside it, what it runs."""

    label: str
    help: str
    run: Callable[[], Any]


NAVIGATION = {"up", "down", "left", "right", "top", "bottom", "page_up", "page_down"}


def is_navigation(binding_id: str) -> bool:
    """A cursor key (`board.up`): no palette command of its own."""
    return binding_id.rsplit(".", 1)[-1] in NAVIGATION


def label(binding: Binding, lang: str) -> str:
    if not binding.id:
        return binding.description
    text = tr(f"key.{binding.id}", lang)
    return binding.description if text == f"key.{binding.id}" else text


def localize(bindings: BindingsMap, lang: str) -> BindingsMap:
    """The same bindings with descriptions in `lang` (for the footer, help and palette)."""
    return BindingsMap(
        [dataclasses.replace(binding, description=label(binding, lang)) for _, binding in bindings]
    )


def unique(bindings: Iterable[BindingType]) -> list[Binding]:
    """One binding per id, keys joined, in declaration order."""
    seen: dict[str, Binding] = {}
    for binding in bindings:
        assert isinstance(binding, Binding)
        key = binding.id or binding.action
        if key in seen:
            old = seen[key]
            seen[key] = dataclasses.replace(old, key=f"{old.key},{binding.key}")
        else:
            seen[key] = binding
    return list(seen.values())


def keys_for(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger a binding after the user's keymap is applied."""
    text = keymap.get(binding.id or "", "") or binding.key
    return [key.strip() for key in text.split(",") if key.strip()]


def display(app: App, keys: Iterable[str]) -> str:
    return ", ".join(app.get_key_display(Binding(key, "")) for key in keys)


def help_rows(
    app: App, groups: Iterable[Iterable[BindingType]], keymap: Mapping[str, str], lang: str
) -> list[tuple[str, str, str]]:
    """(keys as shown, description, binding id) for every binding, after remapping."""
    rows: list[tuple[str, str, str]] = []
    for bindings in groups:
        for binding in unique(bindings):
            if binding.id is None:
                continue
            rows.append((display(app, keys_for(binding, keymap)), label(binding, lang), binding.id))
    return rows


def unknown_ids(keymap: Mapping[str, str], groups: Iterable[Iterable[BindingType]]) -> list[str]:
    known = {b.id for bindings in groups for b in bindings if isinstance(b, Binding)}
    return sorted(set(keymap) - known)
