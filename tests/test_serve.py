"""`regietui serve`: the board in a browser, read-only unless `--edit`.

The live tests start the real server on a free port, load the page over HTTP and drive one
browser tab through its websocket (what textual.js does): the tab draws the board, and a key
that edits is refused (read-only) or changes the file (`--edit`). Stopping the server leaves
no process behind."""

from __future__ import annotations

import asyncio
import codecs
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path

import aiohttp
from helpers import REGIETUI, Demo

from regietui import cli, serve
from regietui.model import Status
from regietui.store import BoardStore

DEADLINE = 20.0
"""Seconds a step may take on a loaded machine before the test fails (it takes ~1–3 s)."""

WIDTH, HEIGHT = 200, 50
"""The browser tab's terminal, in cells."""

TOKENS = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: cursor moves (H), colours (m), modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b.?"  # any other escape
    r"|[\x00-\x1f]"  # control characters (the app positions every run of text itself)
    r"|([^\x00-\x1f\x1b]+)"  # text
)
PARTIAL = re.compile(r"\x1b(\[[0-?]*[ -/]*|\][^\x07\x1b]*)?\Z")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _members(group: int) -> set[int]:
    """The processes of a process group (from /proc: field 5 of `stat` is the group)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] != "Z":
                found.add(int(stat.parent.name))
    return found


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < end, what
        time.sleep(0.05)


@contextmanager
def served(board: Path, logs: Path, *options: str) -> Iterator[str]:
    """`regietui serve BOARD` on a free port, in a process group of its own; yields its URL.
    On leaving (every tab closed), checks that no tab's process lives on, stops the server as
    Ctrl+C would, and checks that nothing of it is left."""
    port = _free_port()
    with (logs / "serve.log").open("wb") as log:
        proc = subprocess.Popen(
            [str(REGIETUI), "serve", str(board), "--port", str(port), *options],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield f"http://127.0.0.1:{port}"
        _wait_for(lambda: _members(proc.pid) == {proc.pid}, "a closed tab's process lives on")
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=DEADLINE)
        _wait_for(lambda: not _members(proc.pid), "a process outlived the server")
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=DEADLINE)


async def _page(http: aiohttp.ClientSession, url: str) -> str:
    """The page, once the server answers (it needs a moment to start)."""
    end = time.monotonic() + DEADLINE
    while True:
        try:
            async with http.get(url + "/") as response:
                assert response.status == 200
                assert response.content_type == "text/html"
                return await response.text()
        except aiohttp.ClientConnectionError:
            if time.monotonic() > end:
                raise
            await asyncio.sleep(0.1)


class Terminal:
    """The cells of a terminal fed the app's output: text lands where the cursor was put (the
    app writes a line in pieces, one per widget it crosses, each after a cursor move)."""

    def __init__(self) -> None:
        self.rows = [[" "] * WIDTH for _ in range(HEIGHT)]
        self.y = self.x = 0
        self.decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self.pending = ""

    def feed(self, data: bytes) -> None:
        text = self.pending + self.decode(data)
        cut = PARTIAL.search(text)  # an escape split between two messages: wait for the rest
        self.pending = text[cut.start() :] if cut else ""
        text = text[: cut.start()] if cut else text
        for match in TOKENS.finditer(text):
            params, final, run = match.groups()
            if final == "H":
                row, _, col = (params or "1;1").partition(";")
                self.y, self.x = int(row or 1) - 1, int(col or 1) - 1
            elif run and 0 <= self.y < HEIGHT:
                for char in run:
                    if 0 <= self.x < WIDTH:
                        self.rows[self.y][self.x] = char
                    self.x += 1

    @property
    def lines(self) -> list[str]:
        return ["".join(row) for row in self.rows]


class Tab:
    """One browser tab: the terminal it shows."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.terminal = Terminal()

    def shows(self, text: str) -> bool:
        return any(text in line for line in self.terminal.lines)

    async def read(self, seconds: float) -> None:
        """Take what the app writes within `seconds`."""
        try:
            message = await self.ws.receive(timeout=seconds)
        except TimeoutError:
            return
        if message.type == aiohttp.WSMsgType.BINARY:
            self.terminal.feed(message.data)
        else:
            assert message.type == aiohttp.WSMsgType.TEXT, f"the tab closed: {message}"

    async def until(self, shown: str) -> None:
        """Read until the screen shows `shown` on one line; fail after DEADLINE seconds."""
        end = time.monotonic() + DEADLINE
        while not self.shows(shown):
            now = "\n".join(self.terminal.lines)
            assert time.monotonic() < end, f"{shown!r} not shown on the screen:\n{now}"
            await self.read(0.2)

    async def press(self, key: str) -> None:
        await self.ws.send_json(["stdin", key])


@asynccontextmanager
async def tab(url: str) -> AsyncIterator[Tab]:
    """Open the page and its websocket, as a browser WIDTH × HEIGHT cells large does."""
    async with aiohttp.ClientSession() as http:
        page = await _page(http, url)
        socket_url = url.replace("http:", "ws:") + "/ws"
        assert socket_url in page, "the page's websocket points at this server"
        async with http.ws_connect(f"{socket_url}?width={WIDTH}&height={HEIGHT}") as ws:
            yield Tab(ws)


async def test_a_served_board_is_drawn_and_read_only(
    board_file: Path, demo: Demo, tmp_path: Path
) -> None:
    before = board_file.read_bytes()
    with served(board_file, tmp_path) as url:
        async with tab(url) as browser:
            await browser.until("Coöperatie Test — read-only")  # the status bar
            await browser.until("Chatbot")  # a card
            await browser.press(">")  # move the card under the cursor (iPads, a wish)
            await browser.until("the board is read-only: changes are not possible")
    assert board_file.read_bytes() == before


async def test_with_edit_a_browser_changes_the_board(
    board_file: Path, demo: Demo, tmp_path: Path
) -> None:
    assert BoardStore(board_file).load().ambitions[demo.ipads].status == Status.WISH
    with served(board_file, tmp_path, "--edit") as url:
        async with tab(url) as browser:
            await browser.until("Coöperatie Test — saved")
            await browser.press(">")
            end = time.monotonic() + DEADLINE
            while BoardStore(board_file).load().ambitions[demo.ipads].status == Status.WISH:
                assert time.monotonic() < end, "the move was not saved"
                await browser.read(0.2)
    assert BoardStore(board_file).load().ambitions[demo.ipads].status == Status.EXPLORING


async def test_served_in_dutch(board_file: Path, tmp_path: Path) -> None:
    with served(board_file, tmp_path, "--lang", "nl") as url:
        async with tab(url) as browser:
            await browser.until("Coöperatie Test — alleen-lezen")
    assert "staat alleen-lezen open op" in (tmp_path / "serve.log").read_text("utf-8")


def test_each_tab_runs_this_program_read_only_unless_edit() -> None:
    board = Path("/srv/boards/it's a board.json")
    argv = shlex.split(serve.app_command(board, edit=False))
    assert argv == [sys.executable, "-m", "regietui", "--served", "view", "--", str(board)]
    argv = shlex.split(serve.app_command(Path("b.json"), edit=True, lang="nl"))
    assert argv[3:] == ["--served", "edit", "--lang", "nl", "--", str(Path("b.json").absolute())]


def test_served_listens_on_localhost_by_default() -> None:
    args = cli.build_parser().parse_args(["serve", "b.json"])
    assert (args.host, args.port, args.edit) == ("127.0.0.1", 8000, False)
    assert serve.public_url("::1", 8000) == "http://[::1]:8000"


def test_serve_refuses_a_broken_board_before_it_listens(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json\n", encoding="utf-8")
    done = run("serve", bad, "--port", _free_port())
    assert done.code == 1
    assert done.err == (
        f"regietui: {bad}:1:2: invalid JSON: Expecting property name enclosed in double quotes\n"
    )


def test_serve_usage_errors(run, board_file: Path) -> None:
    done = run("serve", "--port", "0", board_file)
    assert (done.code, done.err.splitlines()[0]) == (
        2,
        "--port 0: a port is a number from 1 to 65535",
    )
    done = run("serve", board_file, "-b", board_file)
    assert (done.code, done.err.splitlines()[0]) == (2, "give the board once: as BOARD or with -b")


def test_a_port_in_use_is_one_sentence(board_file: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [str(REGIETUI), "serve", str(board_file), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        f"regietui: error while attempting to bind on address ('127.0.0.1', {port}):"
        " address already in use"
    )
