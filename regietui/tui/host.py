"""What the screens may ask of the app, as a protocol: screens never import the app module.

The app (`app.py`, the entry point) holds what is app-wide — the editing session, the settings,
the language, the colour theme — and shows the board on its default screen. Screens reach it
through `host(self)`, typed by this protocol, and hear about the board through messages
(`messages.BoardChanged`) instead of reaching into each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from textual.dom import DOMNode
from textual.message import Message

from ..config import Settings
from ..session import BoardSession
from .keys import Command

if TYPE_CHECKING:
    from .screens.board import BoardScreen


class Host(Protocol):
    session: BoardSession
    settings: Settings
    lang: str

    @property
    def board_screen(self) -> BoardScreen: ...

    def broadcast(self, make: Callable[[], Message]) -> None: ...

    def key_hint(self, binding_id: str) -> str: ...

    def palette_commands(self) -> list[Command]: ...

    def set_language(self, lang: str, save: bool = True) -> None: ...

    def set_colours(self, name: str, save: bool = True) -> None: ...

    def set_author(self, name: str | None, save: bool = True) -> str: ...

    def author_for(self, configured: str | None) -> str: ...


def host(node: DOMNode) -> Host:
    """The app of `node`, as the screens see it."""
    return cast(Host, node.app)
