"""The browser shell of `regietui serve`: textual-serve runs `serve.app_command` for each tab.
Here, with the TUI, because textual-serve is part of the Textual stack (the core never imports
it); the command's rules live in `regietui/serve.py`."""

from __future__ import annotations

from rich.console import Console
from textual_serve.server import Server


def serve(command: str, host: str, port: int, title: str, url: str) -> None:
    """Serve `command` to browsers on host:port until Ctrl+C (or SIGTERM). The page's
    websocket points at `url`. textual-serve's own messages go to stderr."""
    server = Server(command, host=host, port=port, title=title, public_url=url)
    server.console = Console(stderr=True)
    server.serve()
