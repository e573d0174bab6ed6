"""`regietui serve`: the terminal UI in a browser, for the meeting room (textual-serve).

textual-serve starts one process per browser tab, by running a shell command. That command is
this program opening the board with the hidden option `--served view` (read-only: every key
that would edit is refused) or `--served edit` (with `regietui serve --edit`). A served app
never writes the settings file of whoever serves it: a visitor's language or theme lasts for
that tab only. There is no login: the server listens on localhost unless told otherwise, and
is reached from elsewhere through `ssh -L`.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

SERVED_VIEW = "view"
SERVED_EDIT = "edit"
SERVED = (SERVED_VIEW, SERVED_EDIT)
"""The values of the TUI's hidden `--served` option: how a browser tab opens the board."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def app_command(board: Path, *, edit: bool, lang: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this board
    (absolute, so the tab finds it whatever the server's folder), read-only unless `edit`."""
    argv = [sys.executable, "-m", "regietui", "--served", SERVED_EDIT if edit else SERVED_VIEW]
    if lang:
        argv += ["--lang", lang]
    argv += ["--", str(board.absolute())]
    return shlex.join(argv)


def public_url(host: str, port: int) -> str:
    """The address a browser opens (a bare IPv6 address in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"
