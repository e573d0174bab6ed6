"""Whole processes timed from outside: a full-screen app in a pseudo-terminal, a command to its end.

`first_screen` starts a program on the slave side of a pseudo-terminal (`os.openpty`, sized like
a tmux window), reads what it writes from the master side and stops the clock when every marker
has appeared in the text of the stream (escape sequences removed): for regietui the status bar's
board name, a card's id and the roadmap's header, all in the first frame that shows the board.
Then it sends ctrl+q (quit, in regietui as in any Textual app) and collects the child with
`os.wait4`, whose resource usage gives the peak memory (`ru_maxrss`). `whole` times a command
from start to exit, with its peak memory.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

SIZE = (160, 48)
QUIT = b"\x11"
"""ctrl+q"""
TIMEOUT = 60.0
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[P\]_^][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.")
"""CSI sequences, OSC/DCS strings and two-byte escapes: what is left is the text on screen."""


class BenchError(Exception):
    """A process did not show what was expected in time (the message says what it did show)."""


@dataclass(frozen=True)
class Run:
    """One run of a process: seconds until the event measured, its peak memory in MB, and the
    CPU seconds it had used by then (user and system): what a busy machine inflates much less
    than the wall clock."""

    seconds: float
    peak_mb: float
    cpu: float = 0.0


def _env() -> dict[str, str]:
    """A terminal like tmux's, English, and an empty settings folder (not the user's own)."""
    config = tempfile.mkdtemp(prefix="regietui-bench-config-")
    return dict(
        os.environ,
        TERM="xterm-256color",
        LANG="C.UTF-8",
        XDG_CONFIG_HOME=config,
        COLUMNS="",
        LINES="",
    )


def first_screen(argv: Sequence[str], markers: Sequence[str], size: tuple[int, int] = SIZE) -> Run:
    """Seconds from starting `argv` until all `markers` were written to the terminal."""
    master, slave = os.openpty()
    width, height = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    wanted = [m.encode() for m in markers]
    started = time.perf_counter()
    child = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=_env(), start_new_session=True
    )
    os.close(slave)
    stream = bytearray()
    seconds = cpu = None
    try:
        while seconds is None:
            left = TIMEOUT - (time.perf_counter() - started)
            if left <= 0 or not select.select([master], [], [], left)[0]:
                break
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the child closed the terminal: it ended
                break
            now = time.perf_counter()
            if not chunk:
                break
            stream += chunk
            text = ESCAPES.sub(b"", bytes(stream))
            if all(m in text for m in wanted):
                seconds, cpu = now - started, _cpu_so_far(child.pid)
        if seconds is None:
            shown = ESCAPES.sub(b"", bytes(stream)).decode("utf-8", "replace")[-400:]
            raise BenchError(f"{' '.join(argv)}: no {list(markers)} on screen; it showed {shown!r}")
        os.write(master, QUIT)
        _drain(master)
    finally:
        os.close(master)
        peak, _ = _peak(child, patience=5.0)
    return Run(seconds, peak, cpu)


def _cpu_so_far(pid: int) -> float:
    """CPU seconds (user and system) a running process has used until now, from /proc."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _drain(master: int, timeout: float = 10.0) -> None:
    """Read what the child still writes (it would block on a full terminal) until it closes it."""
    until = time.perf_counter() + timeout
    while time.perf_counter() < until:
        if select.select([master], [], [], 0.05)[0]:
            try:
                if not os.read(master, 1 << 16):
                    return
            except OSError:  # the child exited: the terminal is closed
                return


def _peak(child: subprocess.Popen[bytes], patience: float | None = None) -> tuple[float, float]:
    """Collect the child (in place of `Popen.wait`): its peak memory in MB and CPU seconds; one
    that has not ended after `patience` seconds is killed (what it used still counts)."""
    if patience is not None:
        until = time.perf_counter() + patience
        while time.perf_counter() < until:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                child.returncode = os.waitstatus_to_exitcode(status)
                return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
            time.sleep(0.01)
        child.kill()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # maxrss: kilobytes on Linux


def whole(argv: Sequence[str]) -> Run:
    """Seconds from starting `argv` until it exited (successfully), and its peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
    )
    assert child.stderr is not None
    err = child.stderr.read()
    peak, cpu = _peak(child)
    seconds = time.perf_counter() - started
    if child.returncode not in (0, 1):  # `check` exits 1 when it finds errors
        raise BenchError(f"{' '.join(argv)} exited {child.returncode}: {err.decode()[-400:]}")
    return Run(seconds, peak, cpu)
