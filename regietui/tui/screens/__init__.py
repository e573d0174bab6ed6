"""Modal screens of the TUI: the record form, the picker, prompts and help.

Every screen shows user text literally (through `Content`/`Text`, never markup) and styles itself
with `DEFAULT_CSS`, so the app's stylesheet can change without breaking them.

The names below are imported when first asked for (PEP 562), not with the package: the board
screen lives here too, and the first frame needs none of the dialogs.
"""

from importlib import import_module
from typing import Any

_HOMES = {
    "Confirm": "prompt",
    "HelpScreen": "help",
    "Picker": "picker",
    "RecordForm": "form",
    "TextPrompt": "prompt",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)
