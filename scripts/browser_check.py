"""Open `regietui serve` in a real headless Chromium, save a screenshot, and check read-only.

Usage: `python scripts/browser_check.py [BOARD] [-o SCREENSHOT.png] [--lang en|nl]`
(default: a copy of boards/demo.json, `browser-check.png`). What it does:

1. serves a copy of the board without `--edit` on a free port of 127.0.0.1;
2. starts Chromium headless (`$CHROMIUM`, else `chromium`, `chromium-browser`, `google-chrome`)
   and drives it over the DevTools protocol, with a websocket client of a few lines below (the
   standard library has none, and the check needs nothing but Python and the browser);
3. waits until the board is drawn, presses `>` in the page (move the card under the cursor)
   until the page changes (the refusal's toast), saves a screenshot, and checks that the file
   did not change.

Exit 0 when the page answered the key and the file is unchanged, 1 when not, 77 when no Chromium
is installed (nothing was checked). Look at the screenshot: the board, the status bar saying
read-only, and the toast "the board is read-only: changes are not possible".
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = 77
WINDOW = (1600, 900)
DEADLINE = 30.0


def find_chromium() -> str | None:
    names = [os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"]
    return next((found for name in names if name and (found := shutil.which(name))), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(what: str, check: Any, seconds: float = DEADLINE) -> Any:
    """Call `check()` until it returns something true; fail naming `what` after `seconds`."""
    end = time.monotonic() + seconds
    while not (found := check()):
        if time.monotonic() > end:
            raise SystemExit(f"browser check: {what} not within {seconds:g} s")
        time.sleep(0.2)
    return found


@contextlib.contextmanager
def group(argv: list[str], **options: Any) -> Iterator[subprocess.Popen[bytes]]:
    """A process in a group of its own, stopped with everything it started."""
    proc = subprocess.Popen(argv, start_new_session=True, **options)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class DevTools:
    """The DevTools protocol over one websocket (RFC 6455: masked frames out, plain frames in)."""

    def __init__(self, url: str) -> None:
        match = re.fullmatch(r"ws://([^/:]+):(\d+)(/.*)", url)
        assert match, url
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port), timeout=DEADLINE)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise SystemExit(f"browser check: DevTools refused the websocket: {head[:200]!r}")
        self.next_id = 0

    def _exact(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise SystemExit("browser check: the browser closed the DevTools connection")
            data += chunk
        return data

    def _send(self, text: str) -> None:
        payload = text.encode()
        size = len(payload)
        if size < 126:
            head = bytes([0x81, 0x80 | size])
        elif size < 1 << 16:
            head = bytes([0x81, 0x80 | 126]) + size.to_bytes(2, "big")
        else:
            head = bytes([0x81, 0x80 | 127]) + size.to_bytes(8, "big")
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _receive(self) -> dict[str, Any]:
        message = b""
        while True:
            first, second = self._exact(2)
            size = second & 0x7F
            if size == 126:
                size = int.from_bytes(self._exact(2), "big")
            elif size == 127:
                size = int.from_bytes(self._exact(8), "big")
            message += self._exact(size)
            if first & 0x80:  # the last frame of the message
                return json.loads(message)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result (events in between are skipped)."""
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            answer = self._receive()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise SystemExit(f"browser check: {method}: {answer['error']}")
                return answer.get("result", {})

    def evaluate(self, expression: str) -> Any:
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)[
            "result"
        ].get("value")

    def key(self, char: str) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=char, text=char)


def devtools_port(chromium: subprocess.Popen[bytes]) -> int:
    """The port Chromium's DevTools listen on, from its first lines on stderr."""
    assert chromium.stderr is not None
    for line in chromium.stderr:
        found = re.search(rb"DevTools listening on ws://[^:]+:(\d+)/", line)
        if found:
            return int(found.group(1))
    raise SystemExit("browser check: Chromium exited without opening DevTools")


def page_socket(port: int) -> str:
    def find() -> str | None:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
            pages = [t for t in json.load(answer) if t.get("type") == "page"]
        return pages[0]["webSocketDebuggerUrl"] if pages else None

    return wait_for("a page in Chromium", find)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def screenshot(tools: DevTools) -> bytes:
    return base64.b64decode(tools.call("Page.captureScreenshot")["data"])


def check(board: Path, shot: Path, lang: str | None) -> int:
    chromium_path = find_chromium()
    if chromium_path is None:
        print("browser check: no Chromium installed (set $CHROMIUM); nothing checked")
        return SKIPPED
    with tempfile.TemporaryDirectory() as folder:
        served = Path(folder) / board.name
        shutil.copyfile(board, served)
        before = served.read_bytes()
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        regietui = [sys.executable, "-m", "regietui", "serve", str(served), "--port", str(port)]
        log = (Path(folder) / "serve.log").open("wb")
        with group([*regietui, *(["--lang", lang] if lang else [])], stdout=log, stderr=log):
            wait_for("the server", lambda: answers(url))
            browser = [
                chromium_path,
                "--headless",
                "--no-sandbox",  # as root in a container; the page is our own
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--remote-debugging-port=0",
                f"--user-data-dir={folder}/profile",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                url,
            ]
            with group(browser, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as chromium:
                tools = DevTools(page_socket(devtools_port(chromium)))
                drawn = "document.body.classList.contains('-first-byte')"
                wait_for("the board in the page", lambda: tools.evaluate(drawn))
                time.sleep(2)  # the first frame arrives in pieces; let it finish
                drawn_board = screenshot(tools)
                answered = False
                for _ in range(3):  # a key sent while the app still starts can be lost
                    tools.evaluate("document.querySelector('textarea')?.focus()")
                    tools.key(">")
                    time.sleep(1.5)  # the refusal is a toast: give it time to show
                    picture = screenshot(tools)
                    if picture != drawn_board:
                        answered = True
                        break
                shot.write_bytes(picture)
        log.close()
        unchanged = served.read_bytes() == before
    print(f"browser check: screenshot in {shot}")
    if not answered:
        print("browser check: FAILED: the page never answered the key")
        return 1
    if not unchanged:
        print("browser check: FAILED: a read-only browser tab changed the board")
        return 1
    print("browser check: the board was drawn; it answered a key that edits, and the file is")
    print("unchanged (the screenshot should show the read-only refusal)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("board", nargs="?", default=str(ROOT / "boards" / "demo.json"))
    parser.add_argument("-o", "--output", default="browser-check.png")
    parser.add_argument("--lang", choices=["en", "nl"])
    args = parser.parse_args()
    return check(Path(args.board), Path(args.output), args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
